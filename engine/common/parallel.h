/*
 * parallel.h - one function over a few work items, on threads.
 *
 * The engine's threaded steps (scoring passes, chunks of a CSV, UTF-8
 * parts, rank buckets, per-indicator statistics) all start threads the
 * same way: item 0 on the calling thread, the others on threads of their
 * own, an item whose thread cannot be started done on the calling thread
 * afterwards. The items must not depend on which thread runs them: each
 * thread runs in the calling thread's locale (uselocale), as item 0 does.
 */
#ifndef JX_PARALLEL_H
#define JX_PARALLEL_H

#include <stddef.h>

/* Runs fn(items + k * stride) for k in [0, n), returning when all are done. */
void jx_parallel(void *(*fn)(void *), void *items, size_t stride, size_t n);

#endif
