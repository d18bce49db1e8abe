/*
 * fuzz_expr.c - fuzz target for the expression language (docs/rules.md):
 * lexer, parser, compiler (jx_expr_compile / jx_expr_compile_check), then
 * the VM, the describer and the disassembler on what compiled.
 *
 * The first byte picks the mode (plain or check; with or without the `expr`
 * method's locals a t w c); the rest is the source. Any variable name is
 * accepted (up to 64 distinct ones) and any indicator id maps to one of four
 * indicators whose values are a number, missing, undefined and n/a.
 * Variables are evaluated with numbers, zero, a word, huge values, missing.
 */
#include <math.h>

#include "compile/expr.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_VARS 64

typedef struct {
	char *names[MAX_VARS];
	size_t n;
} var_table;

static long resolve_variable(void *ctx, const char *name, size_t len)
{
	var_table *t = ctx;
	FUZZ_CHECK(name != NULL && len > 0);
	for (size_t i = 0; i < t->n; i++)
		if (strlen(t->names[i]) == len && memcmp(t->names[i], name, len) == 0)
			return (long)i;
	if (t->n == MAX_VARS || (len >= 7 && memcmp(name, "unknown", 7) == 0))
		return -1;
	t->names[t->n] = malloc(len + 1);
	FUZZ_CHECK(t->names[t->n] != NULL);
	memcpy(t->names[t->n], name, len);
	t->names[t->n][len] = '\0';
	return (long)t->n++;
}

static long resolve_indicator(void *ctx, const char *id, size_t len)
{
	(void)ctx;
	FUZZ_CHECK(id != NULL);
	if (len >= 7 && memcmp(id, "unknown", 7) == 0)
		return -1;
	unsigned h = 0;
	for (size_t i = 0; i < len; i++)
		h = h * 31 + (unsigned char)id[i];
	return (long)(h % 4);
}

static void exercise(const jx_program *p, const var_table *t, int use_locals)
{
	static const char *const ind_ids[] = {"ind_num", "ind_missing", "ind_undef", "ind_na"};
	jx_val vars[MAX_VARS];
	for (size_t i = 0; i < MAX_VARS; i++) {
		switch (i % 7) {
		case 0:
			vars[i] = jx_val_number(1607);
			break;
		case 1:
			vars[i] = jx_val_number(0);
			break;
		case 2:
			vars[i] = jx_val_text("达成");
			break;
		case 3:
			vars[i] = jx_val_number(1e308);
			break;
		case 4:
			vars[i] = jx_val_number(-2.5);
			break;
		case 5:
			vars[i] = jx_val_state(JX_VAL_MISSING, JX_WHY_MISSING_VAR, (uint32_t)i);
			break;
		default:
			vars[i] = jx_val_number(-0.0);
			break;
		}
	}
	const jx_val inds[4] = {
	    jx_val_number(0.35), jx_val_state(JX_VAL_MISSING, JX_WHY_MISSING_VAR, 0),
	    jx_val_state(JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 0), jx_val_state(JX_VAL_NA, JX_WHY_NA, 0)};
	const jx_val locals[4] = {jx_val_number(0.9), jx_val_number(1), jx_val_number(10),
	                          jx_val_number(0.9)};
	const jx_eval_input in = {
	    .variables = vars, .indicators = inds, .locals = use_locals ? locals : NULL};
	const char *names[MAX_VARS];
	for (size_t i = 0; i < MAX_VARS; i++)
		names[i] = i < t->n ? t->names[i] : "?";

	jx_val v = jx_program_eval(p, &in);
	FUZZ_CHECK(v.kind <= JX_VAL_NA);
	if (v.kind == JX_VAL_NUM)
		FUZZ_CHECK(isfinite(v.u.num));
	if (v.kind != JX_VAL_NUM && v.kind != JX_VAL_TEXT) {
		char buf[512];
		int n = jx_program_describe(p, v, &in, names, ind_ids, buf, sizeof(buf));
		FUZZ_CHECK(n >= 0);
		FUZZ_CHECK(fz_utf8_text(buf, strlen(buf)) || n >= (int)sizeof(buf));
	}
	long slot;
	if (jx_program_is_variable(p, &slot))
		FUZZ_CHECK(slot >= 0 && (size_t)slot < t->n);
	const long *refs;
	size_t n = jx_program_indicator_refs(p, &refs);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(refs[i] >= 0 && refs[i] < 4);
	n = jx_program_variable_refs(p, &refs);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(refs[i] >= 0 && (size_t)refs[i] < t->n);
	FUZZ_CHECK(jx_program_source(p) != NULL);

	jx_buf listing = {0};
	jx_program_dump(p, names, &listing);
	jx_buf_free(&listing);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned mode = data[0];
	size_t len = size - 1;
	char *src = malloc(len ? len : 1); /* exact size: overreads are caught */
	FUZZ_CHECK(src != NULL);
	memcpy(src, data + 1, len);

	static const char *const locals[] = {"a", "t", "w", "c", NULL};
	var_table t = {{0}, 0};
	int use_locals = (mode & 2) != 0;
	jx_expr_env env = {resolve_variable, resolve_indicator, &t, use_locals ? locals : NULL};
	if (mode & 4) /* no indicator references allowed */
		env.indicator = NULL;
	jx_expr_error err;
	memset(&err, 0, sizeof(err));
	if (mode & 1) {
		jx_program *lhs = NULL, *rhs = NULL;
		const char *cmp = NULL;
		if (jx_expr_compile_check(&lhs, &rhs, &cmp, src, len, &env, &err) == 0) {
			FUZZ_CHECK(lhs != NULL);
			FUZZ_CHECK((rhs == NULL) == (cmp == NULL));
			exercise(lhs, &t, use_locals);
			if (rhs)
				exercise(rhs, &t, use_locals);
			jx_program_free(lhs);
			jx_program_free(rhs);
		} else {
			FUZZ_CHECK(err.message[0] != '\0' && err.offset <= len);
		}
	} else {
		jx_program *p = NULL;
		if (jx_expr_compile(&p, src, len, &env, &err) == 0) {
			FUZZ_CHECK(p != NULL);
			exercise(p, &t, use_locals);
			jx_program_free(p);
		} else {
			FUZZ_CHECK(err.message[0] != '\0' && err.offset <= len);
		}
	}
	for (size_t i = 0; i < t.n; i++)
		free(t.names[i]);
	free(src);
	return 0;
}
