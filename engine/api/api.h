/*
 * api.h - what the API layer's files share (engine/api/).
 */
#ifndef JX_API_INTERNAL_H
#define JX_API_INTERNAL_H

#include "../common/buf.h"
#include "jixiao.h"

/* Runs fill(arg, out) with out passing its text on to the caller's write
 * every MiB (result_api.c); JX_EIO when write stopped it. */
int jx_write_via(jx_write_fn write, void *ctx, int (*fill)(void *arg, jx_buf *out), void *arg);

#endif
