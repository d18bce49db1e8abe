/*
 * test_expr.c - the expression language (engine/compile/expr_*.c and
 * engine/evaluate/vm.c): values, propagation of missing / undefined, reasons,
 * compile errors with their byte offsets, limits, and the golden cases under
 * tests/golden/expr/ (one folder per case, see golden_cases below).
 *
 * Numbers are compared exactly where the answer is exact in binary or the
 * double nearest a decimal literal; otherwise within 1e-12.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include <cmocka.h>

#include "compile/expr.h"
#include "compile/expr_internal.h"

#ifndef JX_SOURCE_DIR
#define JX_SOURCE_DIR "."
#endif

/* ---- a small environment ---------------------------------------------- */

#define MAX_NAMES 64

typedef struct {
	const char *vars[MAX_NAMES]; /* slot -> name */
	size_t n_vars;
	const char *inds[MAX_NAMES]; /* index -> id */
	size_t n_inds;
	jx_val var_vals[MAX_NAMES];
	jx_val ind_vals[MAX_NAMES];
	jx_val local_vals[4];
	char storage[8192]; /* names and texts of a golden case */
	size_t used;
} env_ctx;

static const char *const locals[] = {"a", "t", "w", "c", NULL};

static long lookup(const char *const *names, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return (long)i;
	return -1;
}

static long resolve_var(void *ctx, const char *name, size_t len)
{
	env_ctx *e = ctx;
	return lookup(e->vars, e->n_vars, name, len);
}

static long resolve_ind(void *ctx, const char *id, size_t len)
{
	env_ctx *e = ctx;
	return lookup(e->inds, e->n_inds, id, len);
}

static env_ctx E;
static jx_expr_env ENV;

static jx_val missing(void)
{
	return jx_val_state(JX_VAL_MISSING, JX_WHY_NONE, 0);
}

/* Fixed variables for the unit tests; slots in this order. */
enum {
	V_SUCC, /* mediation.succeeded */
	V_ACC,  /* mediation.accepted */
	V_X,
	V_Y,
	V_ZERO,
	V_MISS,
	V_MISS2,
	V_GRADE, /* TEXT 达成 */
	V_CN,    /* 调解.成功对数 */
	V_NA,
	V_FLAG,
	V_A, /* a variable named "a": shadowed by the local */
	V_BIG,
	V_NEG,
	V_TINY,
	V_COUNT
};

static int setup(void **state)
{
	(void)state;
	memset(&E, 0, sizeof(E));
	static const char *const names[V_COUNT] = {"mediation.succeeded",
	                                           "mediation.accepted",
	                                           "x",
	                                           "y",
	                                           "zero",
	                                           "m",
	                                           "m2",
	                                           "grade",
	                                           "调解.成功对数",
	                                           "na",
	                                           "flag",
	                                           "a",
	                                           "big",
	                                           "neg",
	                                           "tiny"};
	for (size_t i = 0; i < V_COUNT; i++)
		E.vars[i] = names[i];
	E.n_vars = V_COUNT;
	E.var_vals[V_SUCC] = jx_val_number(560);
	E.var_vals[V_ACC] = jx_val_number(1607);
	E.var_vals[V_X] = jx_val_number(3);
	E.var_vals[V_Y] = jx_val_number(4);
	E.var_vals[V_ZERO] = jx_val_number(0);
	E.var_vals[V_MISS] = missing();
	E.var_vals[V_MISS2] = missing();
	E.var_vals[V_GRADE] = jx_val_text("达成");
	E.var_vals[V_CN] = jx_val_number(90);
	E.var_vals[V_NA] = jx_val_state(JX_VAL_NA, JX_WHY_NONE, 0);
	E.var_vals[V_FLAG] = jx_val_number(1);
	E.var_vals[V_A] = jx_val_number(-1);
	E.var_vals[V_BIG] = jx_val_number(1e300);
	E.var_vals[V_NEG] = jx_val_number(-8);
	E.var_vals[V_TINY] = jx_val_number(1e-300);
	E.inds[0] = "rate";
	E.inds[1] = "gone";
	E.inds[2] = "bad";
	E.inds[3] = "off";
	E.n_inds = 4;
	E.ind_vals[0] = jx_val_number(0.5);
	E.ind_vals[1] = missing();
	E.ind_vals[2] = jx_val_state(JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 7);
	E.ind_vals[3] = jx_val_state(JX_VAL_NA, JX_WHY_NA, 0);
	E.local_vals[0] = jx_val_number(80);  /* a */
	E.local_vals[1] = jx_val_number(100); /* t */
	E.local_vals[2] = jx_val_number(10);  /* w */
	E.local_vals[3] = jx_val_number(0.8); /* c */
	ENV.variable = resolve_var;
	ENV.indicator = resolve_ind;
	ENV.ctx = &E;
	ENV.locals = locals;
	return 0;
}

static jx_eval_input input(void)
{
	jx_eval_input in = {
	    .variables = E.var_vals, .indicators = E.ind_vals, .locals = E.local_vals};
	return in;
}

static jx_program *compile_ok_at(const char *src, int line)
{
	jx_program *p = NULL;
	jx_expr_error err;
	if (jx_expr_compile(&p, src, strlen(src), &ENV, &err) != 0)
		fail_msg("line %d: '%s' did not compile: %zu: %s", line, src, err.offset,
		         err.message);
	return p;
}

static jx_val eval_at(const char *src, int line)
{
	jx_program *p = compile_ok_at(src, line);
	jx_eval_input in = input();
	jx_val v = jx_program_eval(p, &in);
	jx_program_free(p);
	return v;
}

static void check_num_at(const char *src, double want, int line)
{
	jx_val v = eval_at(src, line);
	if (v.kind != JX_VAL_NUM)
		fail_msg("line %d: '%s' gave kind %d why %d, want %.17g", line, src, v.kind, v.why,
		         want);
	if (v.u.num != want)
		fail_msg("line %d: '%s' = %.17g, want %.17g", line, src, v.u.num, want);
}
#define check_num(src, want) check_num_at((src), (want), __LINE__)

static void check_state_at(const char *src, jx_val_kind kind, jx_why why, uint32_t at, int line)
{
	jx_val v = eval_at(src, line);
	if (v.kind != kind || v.why != why || v.at != at)
		fail_msg("line %d: '%s' gave kind %d why %d at %u, want %d %d %u", line, src,
		         v.kind, v.why, (unsigned)v.at, kind, why, (unsigned)at);
}
#define check_state(src, kind, why, at) check_state_at((src), (kind), (why), (at), __LINE__)

static void check_error_at(const char *src, size_t len, size_t offset, const char *msg, int line)
{
	jx_program *p = (jx_program *)1;
	jx_expr_error err;
	memset(&err, 0, sizeof(err));
	if (jx_expr_compile(&p, src, len, &ENV, &err) == 0)
		fail_msg("line %d: '%.60s' compiled, want error '%s'", line, src, msg);
	if (p != NULL)
		fail_msg("line %d: *out not cleared on error", line);
	if (err.offset != offset || strcmp(err.message, msg) != 0)
		fail_msg("line %d: '%.60s': got %zu: %s; want %zu: %s", line, src, err.offset,
		         err.message, offset, msg);
}
#define check_error(src, offset, msg) check_error_at((src), strlen(src), (offset), (msg), __LINE__)

static void check_describe_at(const char *src, const char *want, int line)
{
	jx_program *p = compile_ok_at(src, line);
	jx_eval_input in = input();
	jx_val v = jx_program_eval(p, &in);
	char buf[512];
	jx_program_describe(p, v, &in, E.vars, E.inds, buf, sizeof(buf));
	jx_program_free(p);
	if (strcmp(buf, want) != 0)
		fail_msg("line %d: '%s': reason '%s', want '%s'", line, src, buf, want);
}
#define check_describe(src, want) check_describe_at((src), (want), __LINE__)

/* ---- values and precedence --------------------------------------------- */

static void numbers_and_percent(void **state)
{
	(void)state;
	check_num("1607", 1607);
	check_num("35.2", 35.2);
	check_num("35%", 0.35);
	check_num("35.2%", 0.352); /* the double nearest 0.352, not 35.2 / 100 */
	check_num("5‰", 0.005);
	check_num("35％", 0.35); /* full-width percent */
	check_num("1e3", 1000);
	check_num("2.5e-1", 0.25);
	check_num("1e2%", 1);
	check_num(".5", 0.5);
	check_num("100%", 1);
}

static void precedence_and_associativity(void **state)
{
	(void)state;
	check_num("1 + 2 * 3", 7);
	check_num("(1 + 2) * 3", 9);
	check_num("10 - 4 - 3", 3);   /* left */
	check_num("100 / 10 / 5", 2); /* left */
	check_num("2 ^ 3 ^ 2", 512);  /* right: 2^9 */
	check_num("(2 ^ 3) ^ 2", 64);
	check_num("-2 ^ 2", -4); /* ^ binds tighter than unary minus */
	check_num("2 ^ -1", 0.5);
	check_num("-x", -3);
	check_num("- -x", 3);
	check_num("+x", 3);
	check_num("x - -y", 7);
	check_num("2 * -x", -6);
	check_num("1 + 2 < 4", 1); /* comparison below arithmetic */
	check_num("x * y - x / 3", 11);
	check_num("mediation.succeeded / mediation.accepted",
	          560.0 / 1607.0); /* one division: exact */
}

static void comparisons_and_logic(void **state)
{
	(void)state;
	check_num("1 < 2", 1);
	check_num("2 <= 1", 0);
	check_num("3 > 2", 1);
	check_num("2 >= 2", 1);
	check_num("x == 3", 1);
	check_num("x != 3", 0);
	check_num("x = 3", 1);  /* a single '=' compares */
	check_num("x <> 3", 0); /* spreadsheet not-equal */
	check_num("x ≥ 3", 1);
	check_num("x ≤ 2", 0);
	check_num("x ≠ 2", 1);
	check_num("x > 1 and y > 1", 1);
	check_num("x > 1 && y > 5", 0);
	check_num("x > 5 or y > 1", 1);
	check_num("x > 5 || y > 5", 0);
	check_num("not x > 5", 1); /* not (x > 5) */
	check_num("!x", 0);
	check_num("not not x", 1);
	check_num("x and y", 1); /* 1/0, not the operand */
	check_num("0 or x", 1);
	check_num("x > 1 and y > 1 and zero", 0);
	check_num("zero or zero or y", 1);
	check_num("x > 1 and y < 1 or flag", 1); /* and binds tighter */
}

static void functions(void **state)
{
	(void)state;
	check_num("min(3, 1, 2)", 1);
	check_num("max(x, y, 2)", 4);
	check_num("min(x)", 3);
	check_num("abs(-2.5)", 2.5);
	check_num("abs(neg)", 8);
	check_num("round(2.345, 2)", 2.35);
	check_num("round(x / 8, 1)", 0.4); /* 0.375 is exact: half away from zero */
	check_num("round(-x / 8, 2)", -0.38);
	check_num("round(2.5)", 3);
	check_num("clamp(5, 0, 3)", 3);
	check_num("clamp(-1, 0, 3)", 0);
	check_num("clamp(x, 0, 10)", 3);
	check_num("sum(1, 2, 3)", 6);
	check_num("sum(x, y)", 7);
	check_num("avg(1, 2, 3, 4)", 2.5);
	check_num("avg(x, y)", 3.5);
	check_num("if(x > y, x, y)", 4);
	check_num("if(flag, 10, 20)", 10);
	check_num("if(zero, 10, 20)", 20);
	check_num("coalesce(x, 7)", 3);
	check_num("coalesce(m, 7)", 7);
	check_num("coalesce(m, m2, 9)", 9);
	check_num("coalesce(x / zero, 0)", 0); /* undefined is replaced too */
}

static void full_width_forms(void **state)
{
	(void)state;
	check_num("（x＋1）×2", 8);
	check_num("x－1", 2);
	check_num("max（x，y）", 4);
	check_num("x ＞＝ 3", 1);
	check_num("y ÷ 2", 2);
	check_num("x\xe3\x80\x80"
	          "+\xe3\x80\x80"
	          "1",
	          4); /* ideographic spaces */
}

static void chinese_names_and_locals(void **state)
{
	(void)state;
	check_num("调解.成功对数 / 100", 0.9);
	check_num("调解.成功对数 > 89", 1);
	check_num("a / t", 0.8); /* locals, not the variable named a */
	check_num("w * min(c, 1)", 8);
	check_num("indicator.rate * 100", 50);
}

/* ---- missing, undefined, not applicable --------------------------------- */

static void missing_propagates(void **state)
{
	(void)state;
	check_state("m", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("m + 1", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("x * (m + 1)", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("m2 + m", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS2); /* first */
	check_state("m + m2", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("m > 1", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("max(x, m)", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("sum(x, y, m2)", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS2);
	check_state("round(m, 2)", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("not m", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("-m", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("m / zero", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	/* and / or: evaluation order decides. */
	check_num("zero and m", 0);
	check_state("m and zero", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_num("flag or m", 1);
	check_state("zero or m", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	/* Not applicable passes through, coalesce does not replace it. */
	check_state("na + 1", JX_VAL_NA, JX_WHY_NA, V_NA);
	check_state("coalesce(na, 0)", JX_VAL_NA, JX_WHY_NA, V_NA);
	check_state("indicator.off * 2", JX_VAL_NA, JX_WHY_NA, 0);
}

static void if_is_lazy(void **state)
{
	(void)state;
	check_num("if(zero > 0, x / zero, 0)", 0); /* the division never runs */
	check_num("if(flag, x, m)", 3);            /* untaken missing is harmless */
	check_state("if(zero, x, m)", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("if(m, 1, 2)", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("if(grade, 1, 2)", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 1);
	check_num("if(flag, if(zero, m, 5), m2)", 5);
}

static void undefined_reasons(void **state)
{
	(void)state;
	/* LOAD_VAR 0, LOAD_VAR 1, DIV at 2 */
	check_state("x / zero", JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 2);
	check_state("1 + x / zero", JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 3);
	check_state("1 / 0", JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 2); /* not folded away */
	check_state("0 / 0", JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 2);
	check_state("zero ^ -1", JX_VAL_UNDEF, JX_WHY_DOMAIN, 2);
	check_state("neg ^ 0.5", JX_VAL_UNDEF, JX_WHY_DOMAIN, 2);
	check_num("neg ^ 3", -512);
	check_num("zero ^ 0", 1);
	check_state("big * big", JX_VAL_UNDEF, JX_WHY_NOT_FINITE, 2);
	check_state("10 ^ 400", JX_VAL_UNDEF, JX_WHY_NOT_FINITE, 2);
	check_state("round(x, 1.5)", JX_VAL_UNDEF, JX_WHY_DOMAIN, 2);
	check_state("round(x, 16)", JX_VAL_UNDEF, JX_WHY_DOMAIN, 2);
	check_state("clamp(x, 3, 1)", JX_VAL_UNDEF, JX_WHY_DOMAIN, 3);
	check_state("indicator.gone + 1", JX_VAL_MISSING, JX_WHY_MISSING_IND, 1);
	check_state("indicator.bad + 1", JX_VAL_UNDEF, JX_WHY_UNDEF_IND, 2);
	check_state("min(indicator.rate, indicator.bad)", JX_VAL_UNDEF, JX_WHY_UNDEF_IND, 2);
}

/* A quotient of two variables has a fast path in the VM (vm.c): whatever it
 * does not take must come out of the loop exactly as before. */
static void variable_quotient(void **state)
{
	(void)state;
	check_num("mediation.succeeded / mediation.accepted", 560.0 / 1607.0);
	check_num("neg / x", -8.0 / 3.0);
	check_num("zero / x", 0);
	check_state("x / zero", JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 2);
	check_state("zero / zero", JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 2);
	check_state("m / x", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("x / m", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS);
	check_state("m2 / m", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS2);
	check_state("grade / x", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 2);
	check_state("x / grade", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 2);
	check_state("na / x", JX_VAL_NA, JX_WHY_NA, V_NA);
	check_state("big / tiny", JX_VAL_UNDEF, JX_WHY_NOT_FINITE, 2);
	check_describe("x / grade", "a word used as a number in 'x / grade' (grade = 达成)");
}

static void text_values(void **state)
{
	(void)state;
	jx_val v = eval_at("grade", __LINE__);
	assert_int_equal(v.kind, JX_VAL_TEXT);
	assert_ptr_equal(v.u.text, E.var_vals[V_GRADE].u.text);
	v = eval_at("if(flag, grade, 0)", __LINE__);
	assert_int_equal(v.kind, JX_VAL_TEXT);
	assert_string_equal(v.u.text, "达成");
	v = eval_at("coalesce(grade, 0)", __LINE__);
	assert_int_equal(v.kind, JX_VAL_TEXT);
	v = eval_at("coalesce(m, grade)", __LINE__);
	assert_int_equal(v.kind, JX_VAL_TEXT);
	check_state("grade + 1", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 2);
	check_state("1 + grade", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 2);
	check_state("-grade", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 1);
	check_state("sum(grade)", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 1);
	check_state("+grade", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 1);
	check_state("grade and 1", JX_VAL_UNDEF, JX_WHY_TEXT_IN_MATH, 1);
	check_state("m + grade", JX_VAL_MISSING, JX_WHY_MISSING_VAR, V_MISS); /* first wins */
}

static void reasons_for_analysts(void **state)
{
	(void)state;
	check_describe("m + 1", "missing value: m");
	check_describe("mediation.succeeded / (mediation.accepted - 1607)",
	               "division by zero in 'mediation.succeeded / (mediation.accepted - 1607)' "
	               "(mediation.accepted - 1607 = 0)");
	check_describe("x / zero", "division by zero in 'x / zero' (zero = 0)");
	check_describe("2 * (x / zero)", "division by zero in 'x / zero' (zero = 0)");
	check_describe("indicator.bad * 2", "depends on indicator 'bad', which is undefined");
	check_describe("indicator.gone", "depends on indicator 'gone', which is missing");
	check_describe("neg ^ 0.5", "undefined power in 'neg ^ 0.5' (zero to a negative power, "
	                            "or a negative number to a fractional power)");
	check_describe("big * big", "result too large in 'big * big'");
	check_describe("grade * 2", "a word used as a number in 'grade * 2' (grade = 达成)");
	check_describe("na", "not applicable: na");
	check_describe("clamp(x, 3, 1)", "invalid bounds in 'clamp(x, 3, 1)' (the lower bound "
	                                 "is above the upper bound)");
	check_describe("x + 1", "4");

	/* Without a name table the variable's source text is used. */
	jx_program *p = compile_ok_at("调解.成功对数 + m", __LINE__);
	jx_eval_input in = input();
	jx_val v = jx_program_eval(p, &in);
	char buf[128];
	jx_program_describe(p, v, &in, NULL, NULL, buf, sizeof(buf));
	assert_string_equal(buf, "missing value: m");
	/* Truncation follows snprintf. */
	int n = jx_program_describe(p, v, &in, NULL, NULL, buf, 8);
	assert_int_equal(n, (int)strlen("missing value: m"));
	assert_string_equal(buf, "missing");
	jx_program_free(p);
}

/* ---- compile errors and limits ----------------------------------------- */

static void compile_errors(void **state)
{
	(void)state;
	check_error("mx(1, 2)", 0, "unknown function 'mx'");
	check_error("x + (y", 6, "expected ')', found end of expression");
	check_error("x + nosuch.var", 4, "unknown variable 'nosuch.var'");
	check_error("1 + indicator.foo", 4, "unknown indicator 'foo'");
	check_error("indicator + 1", 0, "'indicator' must be followed by '.<id>'");
	check_error("x +", 3, "expected a number, a name or '(', found end of expression");
	check_error("", 0, "empty expression");
	check_error("   ", 3, "empty expression");
	check_error("x y", 2, "expected an operator, found 'y'");
	check_error("x)", 1, "unmatched ')'");
	check_error("0 < x < 1", 6, "comparisons cannot be chained; write 'a < b and b < c'");
	check_error("min()", 0, "'min' needs at least 1 argument, got 0");
	check_error("if(x, 1)", 0, "'if' takes 3 arguments, got 2");
	check_error("round(x, 1, 2)", 0, "'round' takes 1 to 2 arguments, got 3");
	check_error("coalesce(x)", 0, "'coalesce' needs at least 2 arguments, got 1");
	check_error("max(x y)", 6, "expected ',' or ')', found 'y'");
	check_error("35 %", 3, "'%' must directly follow a number");
	check_error("x % 2", 2, "'%' must directly follow a number");
	check_error("2x", 1, "unexpected character after the number '2'");
	check_error("1.", 2, "expected a digit after the decimal point");
	check_error("x & y", 2, "unexpected '&' (did you mean '&&'?)");
	check_error("x.", 2, "expected a name part after '.'");
	check_error("x # y", 2, "unexpected character '#'");
	/* 调解 is 6 bytes, 、 starts at byte 7 */
	check_error("调解 、 x", 7, "unexpected character '、'");
	check_error("x + \xff", 4, "invalid UTF-8 (byte 0xFF)");
	check_error("x + \xe8\xb0", 4, "invalid UTF-8 (byte 0xE8)"); /* truncated */
	check_error("1e999", 0, "number out of range '1e999'");
	check_error_at("x\0y", 3, 1, "unexpected byte 0x00", __LINE__);

	/* Bad arguments are errors, not crashes. */
	jx_expr_error err;
	assert_int_equal(jx_expr_compile(NULL, "x", 1, &ENV, &err), -1);
	jx_program *p;
	assert_int_equal(jx_expr_compile(&p, NULL, 3, &ENV, &err), -1);
	assert_null(p);
	assert_int_equal(jx_expr_compile(&p, "x", 1, NULL, NULL), -1); /* no env: unknown */
	assert_int_equal(jx_expr_compile(&p, "1 + 2", 5, NULL, NULL), 0);
	jx_val v = jx_program_eval(p, NULL);
	assert_int_equal(v.kind, JX_VAL_NUM);
	assert_true(v.u.num == 3);
	jx_program_free(p);
	jx_program_free(NULL);
}

static char *repeat(const char *head, size_t n, const char *mid, const char *tail, size_t m)
{
	size_t hl = strlen(head), tl = strlen(tail), ml = strlen(mid);
	char *s = malloc(hl * n + ml + tl * m + 1);
	assert_non_null(s);
	char *p = s;
	for (size_t i = 0; i < n; i++, p += hl)
		memcpy(p, head, hl);
	memcpy(p, mid, ml);
	p += ml;
	for (size_t i = 0; i < m; i++, p += tl)
		memcpy(p, tail, tl);
	*p = '\0';
	return s;
}

static void limits(void **state)
{
	(void)state;
	/* 255 parentheses nest within the limit of 256 levels. */
	char *s = repeat("(", 255, "x", ")", 255);
	check_num(s, 3);
	free(s);
	/* The 256th '(' opens level 257: the error points at what follows it. */
	s = repeat("(", 256, "x", ")", 256);
	check_error(s, 256, "expression nested too deeply (limit 256)");
	free(s);
	/* A parenthesis never closed, 100000 deep: the length limit first. */
	s = repeat("(", 100000, "", "", 0);
	check_error(s, 65536, "expression too long (100000 bytes; the limit is 65536)");
	free(s);
	/* Unary operators and ^ count as nesting too. */
	s = repeat("-", 300, "x", "", 0);
	check_error(s, 255, "expression nested too deeply (limit 256)");
	free(s);
	s = repeat("x^", 300, "x", "", 0);
	check_error(s, 512, "expression nested too deeply (limit 256)");
	free(s);
	/* Long flat sums are not nesting: 10000 terms compile, need 2 slots. */
	s = repeat("x+", 10000, "x", "", 0);
	jx_program *p = compile_ok_at(s, __LINE__);
	assert_int_equal(jx_program_max_stack(p), 2);
	jx_eval_input in = input();
	jx_val v = jx_program_eval(p, &in);
	assert_true(v.kind == JX_VAL_NUM && v.u.num == 30003);
	jx_program_free(p);
	free(s);
	/* Each level leaves two values waiting: 150 levels need 301 slots. */
	s = repeat("x+x*(", 150, "x", ")", 150);
	check_error(s, 0, "expression too complex (needs 301 stack slots; the limit is 256)");
	free(s);
}

/* Random bytes and mutations of valid expressions must never crash (run
 * under ASan/UBSan). */
static void hostile_input(void **state)
{
	(void)state;
	static const char *const seeds[] = {
	    "if(x > 0, y / x, coalesce(m, 1))", "调解.成功对数 * 35% + indicator.rate",
	    "min(a, t, w) ^ -c", "not (x <= 1 or y != 2) and sum(1, 2e3, 5‰)",
	    "（x＋1）×2 ≥ round(y, 2)"};
	const char alphabet[] = "()+-*/^<>=!&|,.%0123456789eExy aifnotm\xe8\xb0\x83\xef\xbc";
	unsigned seed = 12345;
	char buf[128];
	int compiled = 0;
	for (size_t k = 0; k < 5; k++)
		jx_program_free(compile_ok_at(seeds[k], __LINE__));
	for (int iter = 0; iter < 20000; iter++) {
		size_t len;
		if (iter % 2) {
			len = (seed = seed * 1103515245u + 12345u) % sizeof(buf);
			for (size_t i = 0; i < len; i++) {
				seed = seed * 1103515245u + 12345u;
				buf[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
			}
		} else {
			const char *src = seeds[(size_t)iter / 2 % 5];
			len = strlen(src);
			memcpy(buf, src, len);
			for (int k = 0; k < 1 + iter % 3; k++) {
				seed = seed * 1103515245u + 12345u;
				size_t at = (seed >> 16) % len;
				seed = seed * 1103515245u + 12345u;
				buf[at] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
			}
		}
		jx_program *p = NULL;
		jx_expr_error err;
		if (jx_expr_compile(&p, buf, len, &ENV, &err) == 0) {
			compiled++;
			jx_eval_input in = input();
			jx_val v = jx_program_eval(p, &in);
			char reason[256];
			jx_program_describe(p, v, &in, E.vars, E.inds, reason, sizeof(reason));
			jx_buf listing = {0};
			jx_program_dump(p, E.vars, &listing);
			jx_buf_free(&listing);
			jx_program_free(p);
		} else {
			assert_true(err.offset <= len);
			assert_true(err.message[0] != '\0');
		}
	}
	/* Both paths were exercised. */
	assert_true(compiled > 100 && compiled < 19900);
}

/* ---- program introspection ----------------------------------------------- */

static void introspection(void **state)
{
	(void)state;
	long slot = -1;
	jx_program *p = compile_ok_at("(mediation.accepted)", __LINE__);
	assert_true(jx_program_is_variable(p, &slot));
	assert_int_equal(slot, V_ACC);
	assert_string_equal(jx_program_source(p), "(mediation.accepted)");
	jx_program_free(p);

	p = compile_ok_at("x + 0", __LINE__);
	assert_false(jx_program_is_variable(p, &slot));
	jx_program_free(p);

	p = compile_ok_at("a", __LINE__); /* a local */
	assert_false(jx_program_is_variable(p, &slot));
	jx_program_free(p);

	const long *refs;
	p = compile_ok_at("y + indicator.rate * x + y + if(1, x, indicator.gone + m)", __LINE__);
	assert_int_equal(jx_program_variable_refs(p, &refs), 3);
	assert_int_equal(refs[0], V_Y);
	assert_int_equal(refs[1], V_X);
	assert_int_equal(refs[2], V_MISS); /* in the branch folded away: still a reference */
	assert_int_equal(jx_program_indicator_refs(p, &refs), 2);
	assert_int_equal(refs[0], 0);
	assert_int_equal(refs[1], 1);
	jx_program_free(p);

	p = compile_ok_at("x + y * (x - y)", __LINE__);
	assert_int_equal(jx_program_max_stack(p), 4);
	jx_program_free(p);
	p = compile_ok_at("if(x, y, x + y * x)", __LINE__);
	assert_int_equal(jx_program_max_stack(p), 3);
	jx_program_free(p);
}

static void checks_split(void **state)
{
	(void)state;
	jx_program *lhs, *rhs;
	const char *cmp;
	jx_expr_error err;
	const char *src = "mediation.succeeded + x ≥ (mediation.accepted)";
	assert_int_equal(jx_expr_compile_check(&lhs, &rhs, &cmp, src, strlen(src), &ENV, &err), 0);
	assert_string_equal(cmp, ">=");
	assert_string_equal(jx_program_source(lhs), "mediation.succeeded + x");
	assert_string_equal(jx_program_source(rhs), "mediation.accepted");
	jx_eval_input in = input();
	jx_val l = jx_program_eval(lhs, &in), r = jx_program_eval(rhs, &in);
	assert_true(l.kind == JX_VAL_NUM && l.u.num == 563);
	assert_true(r.kind == JX_VAL_NUM && r.u.num == 1607);
	jx_program_free(lhs);
	jx_program_free(rhs);

	/* Reasons quote the side's own source. */
	src = "x + 1 == y / zero";
	assert_int_equal(jx_expr_compile_check(&lhs, &rhs, &cmp, src, strlen(src), &ENV, &err), 0);
	assert_string_equal(cmp, "==");
	r = jx_program_eval(rhs, &in);
	char buf[128];
	jx_program_describe(rhs, r, &in, E.vars, E.inds, buf, sizeof(buf));
	assert_string_equal(buf, "division by zero in 'y / zero' (zero = 0)");
	jx_program_free(lhs);
	jx_program_free(rhs);

	src = "x > 1 and y > 1";
	assert_int_equal(jx_expr_compile_check(&lhs, &rhs, &cmp, src, strlen(src), &ENV, &err), 0);
	assert_null(rhs);
	assert_null(cmp);
	assert_string_equal(jx_program_source(lhs), src);
	jx_program_free(lhs);

	src = "x >= nosuch";
	assert_int_equal(jx_expr_compile_check(&lhs, &rhs, &cmp, src, strlen(src), &ENV, &err), -1);
	assert_null(lhs);
	assert_null(rhs);
	assert_int_equal(err.offset, 5);
	assert_string_equal(err.message, "unknown variable 'nosuch'");
}

static void folding(void **state)
{
	(void)state;
	jx_buf listing = {0};
	jx_program *p = compile_ok_at("2 * 3 + x * (1 + 1) + max(1, 2%) - if(0, m, 1)", __LINE__);
	jx_program_dump(p, E.vars, &listing);
	char *text = jx_memdup_nul(listing.data ? listing.data : "", listing.len);
	jx_buf_free(&listing);
	assert_string_equal(text, "0000  CONST      0  ; 6\n"
	                          "0001  LOAD_VAR   2  ; x\n"
	                          "0002  CONST      1  ; 2\n"
	                          "0003  MUL\n"
	                          "0004  ADD\n"
	                          "0005  CONST      2  ; 1\n"
	                          "0006  ADD\n"
	                          "0007  CONST      2  ; 1\n"
	                          "0008  SUB\n"
	                          "0009  RETURN\n");
	free(text);
	jx_program_free(p);
}

/* ---- golden cases --------------------------------------------------------- */

/*
 * tests/golden/expr/NNN-name/input.expr: the expression on line 1, then
 * `name = value` lines declaring the variables (slots in declaration order),
 * `indicator.<id> = value` lines declaring indicators, and `a`, `t`, `w`, `c`
 * giving the locals. A value is a number, `missing`, `undefined`, `n/a`, or
 * else a word (TEXT). Lines starting with '#' are comments.
 * expected.txt: the jx_program_dump listing, then "= " and the value: a
 * number ("%.15g"), "text <word>", or "missing: / undefined: / n/a: <reason>";
 * or, when compiling fails, "error at <offset>: <message>".
 */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int c;
	while ((c = fgetc(f)) != EOF) {
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 256;
			char *nb = realloc(buf, cap);
			assert_non_null(nb);
			buf = nb;
		}
		buf[n++] = (char)c;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static const char *keep(env_ctx *e, const char *s, size_t n)
{
	assert_true(e->used + n + 1 <= sizeof(e->storage));
	char *p = e->storage + e->used;
	memcpy(p, s, n);
	p[n] = '\0';
	e->used += n + 1;
	return p;
}

static jx_val parse_value(env_ctx *e, const char *s, size_t n)
{
	if (n == 7 && memcmp(s, "missing", 7) == 0)
		return missing();
	if (n == 9 && memcmp(s, "undefined", 9) == 0)
		return jx_val_state(JX_VAL_UNDEF, JX_WHY_NONE, 0);
	if (n == 3 && memcmp(s, "n/a", 3) == 0)
		return jx_val_state(JX_VAL_NA, JX_WHY_NA, 0);
	const char *v = keep(e, s, n);
	char *end;
	double x = strtod(v, &end);
	if (n && *end == '\0')
		return jx_val_number(x);
	return jx_val_text(v);
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

/* Runs one case; returns the output text (malloc'd). */
static char *run_case(const char *input)
{
	env_ctx *e = calloc(1, sizeof(*e));
	assert_non_null(e);
	for (int i = 0; i < 4; i++)
		e->local_vals[i] = missing();
	const char *line = input, *nl = strchr(line, '\n');
	size_t expr_len = nl ? (size_t)(nl - line) : strlen(line);
	if (expr_len && line[expr_len - 1] == '\r')
		expr_len--;
	for (const char *l = nl ? nl + 1 : NULL; l && *l;) {
		const char *end = strchr(l, '\n');
		size_t n = end ? (size_t)(end - l) : strlen(l);
		const char *eq = memchr(l, '=', n);
		if (n && l[0] != '#' && eq) {
			const char *name = l, *val = eq + 1;
			size_t nn = (size_t)(eq - l), vn = n - nn - 1;
			trim(&name, &nn);
			trim(&val, &vn);
			jx_val v = parse_value(e, val, vn);
			long li = lookup(locals, 4, name, nn);
			if (li >= 0) {
				e->local_vals[li] = v;
			} else if (nn > 10 && memcmp(name, "indicator.", 10) == 0) {
				assert_true(e->n_inds < MAX_NAMES);
				e->ind_vals[e->n_inds] = v;
				e->inds[e->n_inds++] = keep(e, name + 10, nn - 10);
			} else {
				assert_true(e->n_vars < MAX_NAMES);
				e->var_vals[e->n_vars] = v;
				e->vars[e->n_vars++] = keep(e, name, nn);
			}
		}
		l = end ? end + 1 : NULL;
	}
	jx_expr_env env = {resolve_var, resolve_ind, e, locals};
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	assert_non_null(f);
	jx_program *p;
	jx_expr_error err;
	if (jx_expr_compile(&p, input, expr_len, &env, &err) != 0) {
		fprintf(f, "error at %zu: %s\n", err.offset, err.message);
	} else {
		jx_buf listing = {0};
		jx_program_dump(p, e->vars, &listing);
		fwrite(listing.data ? listing.data : "", 1, listing.len, f);
		jx_buf_free(&listing);
		jx_eval_input in = {
		    .variables = e->var_vals, .indicators = e->ind_vals, .locals = e->local_vals};
		jx_val v = jx_program_eval(p, &in);
		char reason[512];
		jx_program_describe(p, v, &in, e->vars, e->inds, reason, sizeof(reason));
		switch (v.kind) {
		case JX_VAL_NUM:
			fprintf(f, "= %s\n", reason);
			break;
		case JX_VAL_TEXT:
			fprintf(f, "= text %s\n", reason);
			break;
		case JX_VAL_MISSING:
			fprintf(f, "= missing: %s\n", reason);
			break;
		case JX_VAL_UNDEF:
			fprintf(f, "= undefined: %s\n", reason);
			break;
		default:
			fprintf(f, "= n/a: %s\n", reason);
			break;
		}
		jx_program_free(p);
	}
	fclose(f);
	free(e);
	return out;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void golden_cases(void **state)
{
	(void)state;
	const char *root = JX_SOURCE_DIR "/tests/golden/expr";
	DIR *d = opendir(root);
	if (!d)
		fail_msg("cannot open %s", root);
	char *names[512];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && n < 512)
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	assert_true(n >= 15);
	int failures = 0;
	const char *update = getenv("JX_UPDATE_GOLDEN");
	for (size_t i = 0; i < n; i++) {
		char path[1024];
		size_t len;
		snprintf(path, sizeof(path), "%s/%s/input.expr", root, names[i]);
		char *input = slurp(path, &len);
		if (!input) {
			print_error("%s: cannot read input.expr\n", names[i]);
			failures++;
			free(names[i]);
			continue;
		}
		char *got = run_case(input);
		snprintf(path, sizeof(path), "%s/%s/expected.txt", root, names[i]);
		if (update && *update == '1') {
			FILE *f = fopen(path, "wb");
			assert_non_null(f);
			fputs(got, f);
			fclose(f);
		}
		char *want = slurp(path, &len);
		if (!want || strcmp(got, want) != 0) {
			print_error("golden %s differs.\n--- expected\n%s--- got\n%s", names[i],
			            want ? want : "(no expected.txt)\n", got);
			failures++;
		}
		free(want);
		free(got);
		free(input);
		free(names[i]);
	}
	if (failures)
		fail_msg("%d golden case(s) failed", failures);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(numbers_and_percent, setup),
	    cmocka_unit_test_setup(precedence_and_associativity, setup),
	    cmocka_unit_test_setup(comparisons_and_logic, setup),
	    cmocka_unit_test_setup(functions, setup),
	    cmocka_unit_test_setup(full_width_forms, setup),
	    cmocka_unit_test_setup(chinese_names_and_locals, setup),
	    cmocka_unit_test_setup(missing_propagates, setup),
	    cmocka_unit_test_setup(if_is_lazy, setup),
	    cmocka_unit_test_setup(undefined_reasons, setup),
	    cmocka_unit_test_setup(variable_quotient, setup),
	    cmocka_unit_test_setup(text_values, setup),
	    cmocka_unit_test_setup(reasons_for_analysts, setup),
	    cmocka_unit_test_setup(compile_errors, setup),
	    cmocka_unit_test_setup(limits, setup),
	    cmocka_unit_test_setup(hostile_input, setup),
	    cmocka_unit_test_setup(introspection, setup),
	    cmocka_unit_test_setup(checks_split, setup),
	    cmocka_unit_test_setup(folding, setup),
	    cmocka_unit_test(golden_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
