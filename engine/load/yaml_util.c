/*
 * yaml_util.c - located, typed access to a libfyaml tree (see yaml_util.h).
 */
#include "yaml_util.h"

#include "../common/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/c_locale.h"
#include "../common/utf8.h"

static struct fy_document *parse_document(jx_yctx *ctx, const char *data, size_t len);

static void record_parse_errors(jx_yctx *ctx, struct fy_diag *diag)
{
	void *iter = NULL;
	struct fy_diag_error *e;
	while ((e = fy_diag_errors_iterate(diag, &iter)) != NULL) {
		/* libfyaml's collected errors are already 1-based. */
		jx_loc loc = {ctx->file, e->line, e->column, NULL};
		jx_diag_error(ctx->diags, loc, "invalid YAML: %s",
		              e->msg ? e->msg : "syntax error");
		ctx->errors++;
	}
}

#define MAX_YAML_DEPTH 64

/* The first alias in the tree, or a node nested deeper than any jixiao file
 * needs (its first scalar's location is reported); NULL when neither. */
static struct fy_node *find_alias(struct fy_node *node, int depth, int *too_deep)
{
	if (!node)
		return NULL;
	if (depth > MAX_YAML_DEPTH) {
		*too_deep = 1;
		return node;
	}
	if (fy_node_is_alias(node))
		return node;
	void *iter = NULL;
	struct fy_node *found = NULL;
	if (fy_node_is_sequence(node)) {
		struct fy_node *item;
		while (!found && (item = fy_node_sequence_iterate(node, &iter)) != NULL)
			found = find_alias(item, depth + 1, too_deep);
	} else if (fy_node_is_mapping(node)) {
		struct fy_node_pair *pair;
		while (!found && (pair = fy_node_mapping_iterate(node, &iter)) != NULL) {
			found = find_alias(fy_node_pair_key(pair), depth + 1, too_deep);
			if (!found)
				found = find_alias(fy_node_pair_value(pair), depth + 1, too_deep);
		}
	}
	return found;
}

/* Refuses text that is not UTF-8 before libfyaml sees it (libfyaml 0.7.12
 * can loop forever on some invalid bytes), naming the first bad byte. */
static int check_utf8(jx_yctx *ctx, const char *data, size_t len)
{
	size_t bad;
	if (jx_utf8_valid(data, len, &bad))
		return 0;
	int line, col;
	jx_utf8_line_col(data, bad, &line, &col);
	jx_diag_error(ctx->diags, (jx_loc){ctx->file, line, col, NULL},
	              "the file is not valid UTF-8 (saved as GBK? save it as UTF-8)");
	ctx->errors++;
	return -1;
}

/* Line ends become LF, in place: a CR before LF is dropped, a lone CR (old
 * Mac files) becomes LF. YAML reads them all as line breaks, lines and
 * columns stay the same, and libfyaml 0.7.12 leaks on some documents with
 * CRs in flow scalars. Returns the new length. */
static size_t normalise_line_ends(char *data, size_t len)
{
	size_t out = 0;
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		data[out++] = data[i] == '\r' ? '\n' : data[i];
	}
	if (out < len)
		data[out] = '\0';
	return out;
}

struct fy_document *jx_yaml_parse(jx_yctx *ctx, char *data, size_t len)
{
	if (check_utf8(ctx, data, len) != 0)
		return NULL;
	len = normalise_line_ends(data, len);
	return parse_document(ctx, data, len);
}

static struct fy_document *parse_document(jx_yctx *ctx, const char *data, size_t len)
{
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	dcfg.colorize = false;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	if (!diag) {
		jx_diag_error(ctx->diags, (jx_loc){ctx->file, 0, 0, NULL}, "out of memory");
		ctx->errors++;
		return NULL;
	}
	fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg cfg = {0};
	cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG;
	cfg.diag = diag;
	struct fy_document *doc = fy_document_build_from_string(&cfg, data, len);
	if (!doc || fy_diag_got_error(diag)) {
		int before = ctx->errors;
		record_parse_errors(ctx, diag);
		if (ctx->errors == before) {
			jx_diag_error(ctx->diags, (jx_loc){ctx->file, 1, 1, NULL}, "invalid YAML");
			ctx->errors++;
		}
		fy_document_destroy(doc);
		fy_diag_destroy(diag);
		return NULL;
	}
	fy_diag_destroy(diag);
	struct fy_node *root = fy_document_root(doc);
	int too_deep = 0;
	struct fy_node *bad = find_alias(root, 0, &too_deep);
	if (bad) {
		jx_loc loc = jx_ynode_loc(ctx, bad, (jx_loc){ctx->file, 1, 1, NULL});
		if (too_deep)
			jx_diag_error(ctx->diags, loc, "nested more than %d levels deep",
			              MAX_YAML_DEPTH);
		else
			jx_diag_error(ctx->diags, loc,
			              "YAML aliases (*name) are not accepted in jixiao files; "
			              "write the value out");
		ctx->errors++;
		fy_document_destroy(doc);
		return NULL;
	}
	return doc;
}

static const char *file_of(const jx_yctx *ctx, struct fy_node *node)
{
	const char *f = ctx->file_of ? ctx->file_of(ctx->file_ctx, fy_node_document(node)) : NULL;
	return f ? f : ctx->file;
}

jx_loc jx_ynode_loc(const jx_yctx *ctx, struct fy_node *node, jx_loc fallback)
{
	for (int guard = 0; node && guard < 64; guard++) {
		if (fy_node_is_scalar(node)) {
			struct fy_token *tok = fy_node_get_scalar_token(node);
			const struct fy_mark *m = tok ? fy_token_start_mark(tok) : NULL;
			if (!m)
				return fallback;
			/* libfyaml marks a quoted scalar after its quote and an alias
			 * after its '*': point at the value as written. */
			enum fy_node_style style = fy_node_get_style(node);
			int back = (style == FYNS_SINGLE_QUOTED || style == FYNS_DOUBLE_QUOTED ||
			            style == FYNS_ALIAS) &&
			           m->column > 0;
			return (jx_loc){file_of(ctx, node), m->line + 1, m->column + 1 - back,
			                NULL};
		}
		void *iter = NULL;
		if (fy_node_is_mapping(node)) {
			struct fy_node_pair *pair = fy_node_mapping_iterate(node, &iter);
			node = pair ? fy_node_pair_key(pair) : NULL;
		} else if (fy_node_is_sequence(node)) {
			node = fy_node_sequence_iterate(node, &iter);
		} else {
			break;
		}
	}
	return fallback;
}

void jx_yerror(jx_yctx *ctx, struct fy_node *node, jx_loc fallback, const char *fmt, ...)
{
	jx_buf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	jx_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	jx_diag_error(ctx->diags, jx_ynode_loc(ctx, node, fallback), "%s", jx_buf_cstr(&msg));
	jx_buf_free(&msg);
	ctx->errors++;
}

static jx_loc file_loc(const jx_yctx *ctx)
{
	return (jx_loc){ctx->file, 0, 0, NULL};
}

const char *jx_yscalar(jx_yctx *ctx, struct fy_node *node, const char *what, size_t *len)
{
	if (!node || !fy_node_is_scalar(node)) {
		jx_yerror(ctx, node, file_loc(ctx), "%s must be a single value", what);
		return NULL;
	}
	size_t n = 0;
	const char *s = fy_node_get_scalar(node, &n);
	if (!s) {
		jx_yerror(ctx, node, file_loc(ctx), "%s must be a single value", what);
		return NULL;
	}
	/* The file was valid UTF-8; a scalar that is not came out of a libfyaml
	 * defect (malformed block scalars) and is refused, not passed on. */
	if (!jx_utf8_valid(s, n, NULL)) {
		jx_yerror(ctx, node, file_loc(ctx), "%s could not be read as text", what);
		return NULL;
	}
	if (len)
		*len = n;
	return s;
}

const char *jx_ystring(jx_yctx *ctx, struct fy_node *node, const char *what)
{
	size_t n;
	const char *s = jx_yscalar(ctx, node, what, &n);
	if (!s)
		return NULL;
	if (memchr(s, '\0', n)) {
		jx_yerror(ctx, node, file_loc(ctx), "%s must not contain a NUL character", what);
		return NULL;
	}
	return jx_arena_strndup(ctx->arena, s, n);
}

int jx_ynumber(jx_yctx *ctx, struct fy_node *node, const char *what, double *out)
{
	size_t n;
	const char *s = jx_yscalar(ctx, node, what, &n);
	if (!s)
		return -1;
	char text[64];
	if (n == 0 || n >= sizeof(text))
		goto bad;
	memcpy(text, s, n);
	text[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789+-.eE", text[i]))
			goto bad;
	char *end;
	errno = 0;
	double x = jx_strtod(text, &end);
	if (*end || errno == ERANGE || !isfinite(x))
		goto bad;
	*out = x == 0 ? 0.0 : x;
	return 0;
bad:
	jx_yerror(ctx, node, file_loc(ctx), "%s must be a number, not '%.*s'", what,
	          jx_utf8_clip(s, n, 60), s);
	return -1;
}

int jx_ybool(jx_yctx *ctx, struct fy_node *node, const char *what, int *out)
{
	size_t n;
	const char *s = jx_yscalar(ctx, node, what, &n);
	if (!s)
		return -1;
	if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 3 && memcmp(s, "yes", 3) == 0)) {
		*out = 1;
		return 0;
	}
	if ((n == 5 && memcmp(s, "false", 5) == 0) || (n == 2 && memcmp(s, "no", 2) == 0)) {
		*out = 0;
		return 0;
	}
	jx_yerror(ctx, node, file_loc(ctx), "%s must be true or false", what);
	return -1;
}

int jx_ymapping(jx_yctx *ctx, struct fy_node *node, const char *what, const jx_ykey *keys)
{
	for (const jx_ykey *k = keys; k->key; k++)
		*k->node = NULL;
	return jx_ymapping_over(ctx, node, what, keys);
}

int jx_ymapping_over(jx_yctx *ctx, struct fy_node *node, const char *what, const jx_ykey *keys)
{
	if (!node || !fy_node_is_mapping(node)) {
		jx_yerror(ctx, node, file_loc(ctx), "%s must be a mapping of keys to values", what);
		return -1;
	}
	void *iter = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(node, &iter)) != NULL) {
		struct fy_node *key = fy_node_pair_key(pair);
		size_t n = 0;
		const char *name =
		    key && fy_node_is_scalar(key) ? fy_node_get_scalar(key, &n) : NULL;
		const jx_ykey *k = keys;
		for (; name && k->key; k++)
			if (strlen(k->key) == n && memcmp(k->key, name, n) == 0)
				break;
		if (!name || !k->key) {
			jx_yerror(ctx, key, file_loc(ctx), "unknown key '%.*s' in %s",
			          jx_utf8_clip(name, n, 60), name ? name : "?", what);
			continue;
		}
		*k->node = fy_node_pair_value(pair);
	}
	return 0;
}

int jx_ysequence(jx_yctx *ctx, struct fy_node *node, const char *what)
{
	if (!node || !fy_node_is_sequence(node)) {
		jx_yerror(ctx, node, file_loc(ctx), "%s must be a list", what);
		return -1;
	}
	return fy_node_sequence_item_count(node);
}
