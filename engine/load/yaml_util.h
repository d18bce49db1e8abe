/*
 * yaml_util.h - reading a libfyaml document tree with located errors.
 *
 * Every accessor takes the node, checks its type, and on a problem records
 * "file:line:col: error: <what> must be ..." in the diagnostics and counts it,
 * so a loader can report every problem of a file in one run and decide at the
 * end whether it failed.
 */
#ifndef JX_YAML_UTIL_H
#define JX_YAML_UTIL_H

#include <libfyaml.h>

#include "../common/arena.h"
#include "../common/diag.h"

typedef struct {
	jx_diagnostics *diags;
	jx_arena *arena;
	const char *file; /* in the arena */
	int errors;
	/* When nodes of several files meet (a child indicator over its base's),
	 * names the file a node's document came from; NULL: always `file`. */
	const char *(*file_of)(void *ctx, struct fy_document *doc);
	void *file_ctx;
} jx_yctx;

/* Parses a YAML (or JSON) buffer. Syntax errors go to ctx->diags with their
 * location; NULL then. Text that is not UTF-8 and aliases are refused (no
 * billion-laughs expansion). The buffer is modified (line ends become LF)
 * and must outlive the document: libfyaml points into it. */
struct fy_document *jx_yaml_parse(jx_yctx *ctx, char *data, size_t len);

/* Where a node starts (a mapping or sequence: its first scalar). */
jx_loc jx_ynode_loc(const jx_yctx *ctx, struct fy_node *node, jx_loc fallback);

/* Records an error at node (or at fallback when node has no location). */
void jx_yerror(jx_yctx *ctx, struct fy_node *node, jx_loc fallback, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The scalar's text; NULL (and an error naming `what`) when not a scalar. */
const char *jx_yscalar(jx_yctx *ctx, struct fy_node *node, const char *what, size_t *len);
/* An arena copy of the scalar's text, or NULL with an error. */
const char *jx_ystring(jx_yctx *ctx, struct fy_node *node, const char *what);
/* A plain decimal number (no units); -1 with an error otherwise. */
int jx_ynumber(jx_yctx *ctx, struct fy_node *node, const char *what, double *out);
/* true/false; -1 with an error otherwise. */
int jx_ybool(jx_yctx *ctx, struct fy_node *node, const char *what, int *out);

/* One expected key of a mapping: jx_ymapping() fills *node with the value
 * (NULL when absent) and reports keys not listed. */
typedef struct {
	const char *key;
	struct fy_node **node;
} jx_ykey;

/* Walks a mapping: every key must be one of keys[] (terminated by {NULL}).
 * Returns -1 (with an error) when node is not a mapping. */
int jx_ymapping(jx_yctx *ctx, struct fy_node *node, const char *what, const jx_ykey *keys);

/* As jx_ymapping, but keys absent from `node` keep what they held: reads a
 * child's mapping over its base's. */
int jx_ymapping_over(jx_yctx *ctx, struct fy_node *node, const char *what, const jx_ykey *keys);

/* Requires a sequence; returns its length or -1 with an error. */
int jx_ysequence(jx_yctx *ctx, struct fy_node *node, const char *what);

#endif
