/*
 * test_method.c - the scoring methods of docs/rules.md §6 (engine/methods/).
 *
 * Every expectation is computed by hand from the formula in docs/rules.md
 * and the edge-case rules at the top of engine/methods/score.c and of each
 * method's file; scores are compared with a
 * tolerance of 1e-9. GSL's error handler fails the test: the methods must
 * never call GSL outside its domain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "evaluate/evaluate.h"

#define TOL 1e-9

/* ---- helpers ------------------------------------------------------------ */

static void gsl_fails_test(const char *reason, const char *file, int line, int gsl_errno)
{
	fail_msg("GSL error %d at %s:%d: %s", gsl_errno, file, line, reason);
}

static int setup(void **state)
{
	(void)state;
	gsl_set_error_handler(gsl_fails_test);
	return 0;
}

static jx_method_input num(jx_cmp cmp, double a, double t, double w)
{
	jx_method_input in = {0};

	in.cmp = cmp;
	in.a = a;
	in.t = t;
	in.t_hi = t;
	in.w = w;
	in.vm = &jx_method_vm_hooks; /* the expr method's VM, as the evaluate stage hands it */
	return in;
}

static jx_method_input range_in(double a, double lo, double hi, double w)
{
	jx_method_input in = num(JX_CMP_RANGE, a, lo, w);

	in.t_hi = hi;
	return in;
}

static jx_method_input word(const char *s, double w)
{
	jx_method_input in = {0};

	in.cmp = JX_CMP_WORD;
	in.word = s;
	in.word_len = strlen(s);
	in.a = NAN;
	in.t = NAN;
	in.w = w;
	return in;
}

static jx_method make(jx_method_kind kind)
{
	jx_method m;

	jx_method_init(&m, kind);
	return m;
}

static void prepared(jx_method *m, int line)
{
	const char *err = NULL;

	if (jx_method_prepare(m, &err) != 0)
		fail_msg("line %d: prepare failed: %s", line, err ? err : "(no message)");
}
#define PREPARE(m) prepared((m), __LINE__)

static jx_method_output scored_at(const jx_method *m, jx_method_input in, double want, int line)
{
	jx_method_output o = jx_method_score(m, &in);

	if (!o.ok)
		fail_msg("line %d: undefined (%s), want %.17g", line, o.reason, want);
	if (!(fabs(o.score - want) <= TOL))
		fail_msg("line %d: score %.17g, want %.17g", line, o.score, want);
	return o;
}
#define SCORE(m, in, want) scored_at((m), (in), (want), __LINE__)

static void undefined_at(const jx_method *m, jx_method_input in, const char *reason, int line)
{
	jx_method_output o = jx_method_score(m, &in);

	if (o.ok)
		fail_msg("line %d: scored %.17g, want undefined (%s)", line, o.score, reason);
	if (!o.reason || strcmp(o.reason, reason) != 0)
		fail_msg("line %d: reason '%s', want '%s'", line, o.reason ? o.reason : "(null)",
		         reason);
	if (o.score != 0)
		fail_msg("line %d: undefined with score %.17g", line, o.score);
}
#define UNDEFINED(m, in, reason) undefined_at((m), (in), (reason), __LINE__)

static void refused_at(jx_method *m, const char *message, int line)
{
	const char *err = NULL;

	if (jx_method_prepare(m, &err) == 0)
		fail_msg("line %d: prepare accepted, want '%s'", line, message);
	if (!err || strcmp(err, message) != 0)
		fail_msg("line %d: message '%s', want '%s'", line, err ? err : "(null)", message);
	jx_method_release(m);
}
#define REFUSED(m, message) refused_at((m), (message), __LINE__)

static void explained_at(const jx_method *m, jx_method_input in, const char *want, int line)
{
	char buf[256];
	jx_method_output o = jx_method_score(m, &in);
	int n = jx_method_explain(m, &in, &o, buf, sizeof(buf));

	if (strcmp(buf, want) != 0)
		fail_msg("line %d: explain '%s', want '%s'", line, buf, want);
	if (n != (int)strlen(want))
		fail_msg("line %d: explain returned %d, want %zu", line, n, strlen(want));
}
#define EXPLAINED(m, in, want) explained_at((m), (in), (want), __LINE__)

/* ---- names -------------------------------------------------------------- */

static void names_and_defaults(void **state)
{
	(void)state;
	for (int k = 0; k < JX_METHOD_COUNT_; k++) {
		const char *name = jx_method_name((jx_method_kind)k);

		assert_int_equal(jx_method_from_name(name, strlen(name)), k);
	}
	assert_int_equal(jx_method_from_name("deduct", 6), JX_METHOD_DEDUCT);
	assert_int_equal(jx_method_from_name("deductx", 6), JX_METHOD_DEDUCT);
	assert_int_equal(jx_method_from_name("deduc", 5), -1);
	assert_int_equal(jx_method_from_name("Ratio", 5), -1);
	assert_int_equal(jx_method_from_name("", 0), -1);
	assert_string_equal(jx_method_name(JX_METHOD_EXPR), "expr");
	assert_string_equal(jx_method_name(JX_METHOD_COUNT_), "?");
	assert_int_equal(jx_method_default_for(JX_CMP_GE), JX_METHOD_RATIO);
	assert_int_equal(jx_method_default_for(JX_CMP_GT), JX_METHOD_RATIO);
	assert_int_equal(jx_method_default_for(JX_CMP_LE), JX_METHOD_INVERSE);
	assert_int_equal(jx_method_default_for(JX_CMP_LT), JX_METHOD_INVERSE);
	assert_int_equal(jx_method_default_for(JX_CMP_EQ), JX_METHOD_EQUAL);
	assert_int_equal(jx_method_default_for(JX_CMP_RANGE), JX_METHOD_RANGE);
	assert_int_equal(jx_method_default_for(JX_CMP_WORD), JX_METHOD_GRADE);
}

static void init_sets_defaults(void **state)
{
	jx_method m = make(JX_METHOD_DEDUCT);

	(void)state;
	assert_int_equal(m.kind, JX_METHOD_DEDUCT);
	assert_true(m.cap == 1 && m.precision == 0 && m.zero_at == 0 && m.partial == 0);
	assert_true(m.per == 0.01 && m.points == 0.1 && !m.step && !m.overshoot.set);
	assert_null(m.interp);
}

/* ---- ratio -------------------------------------------------------------- */

static void ratio_scores(void **state)
{
	jx_method m = make(JX_METHOD_RATIO);
	jx_method_output o;

	(void)state;
	PREPARE(&m);
	o = SCORE(&m, num(JX_CMP_GE, 0.35, 0.35, 10), 10); /* at target */
	assert_true(fabs(o.completion - 1) <= TOL);
	assert_false(o.overshoot_applied);
	o = SCORE(&m, num(JX_CMP_GE, 0.34, 0.35, 10), 10 * 0.34 / 0.35); /* just below */
	assert_true(fabs(o.completion - 0.34 / 0.35) <= TOL);
	SCORE(&m, num(JX_CMP_GE, 1607.0 / 4561, 0.35, 10), 10); /* the seed: 35.23 % */
	SCORE(&m, num(JX_CMP_GE, 0.3, 0.35, 10), 10 * 0.3 / 0.35);
	SCORE(&m, num(JX_CMP_GE, 5000, 5700, 10), 10 * 5000.0 / 5700);
	SCORE(&m, num(JX_CMP_GE, 7000, 5700, 10), 10); /* over, cap 1 */
	SCORE(&m, num(JX_CMP_GE, 0, 0.35, 10), 0);
	SCORE(&m, num(JX_CMP_GE, -1, 5, 10), 0);    /* negative a: c < 0 */
	SCORE(&m, num(JX_CMP_GT, 0.3, 0.6, 10), 5); /* > as >= */
	SCORE(&m, num(JX_CMP_GE, 0.9, 1, 0), 0);    /* w = 0 */
}

static void ratio_cap(void **state)
{
	jx_method m = make(JX_METHOD_RATIO);

	(void)state;
	m.cap = 0.9;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, 0.95, 1, 10), 9);
	SCORE(&m, num(JX_CMP_GE, 0.8, 1, 10), 8);
	SCORE(&m, num(JX_CMP_GE, 2, 1, 10), 9);
	m.cap = 1.5; /* above 1 the clamp to w still holds */
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, 1.2, 1, 10), 10);
	m.cap = 0;
	REFUSED(&m, "cap must be > 0");
	m.cap = NAN;
	REFUSED(&m, "cap must be > 0");
}

static void ratio_zero_and_negative_target(void **state)
{
	jx_method m = make(JX_METHOD_RATIO);
	jx_method_output o;

	(void)state;
	PREPARE(&m);
	o = SCORE(&m, num(JX_CMP_GE, 0, 0, 10), 10); /* t = 0 met */
	assert_true(isnan(o.completion));
	o = SCORE(&m, num(JX_CMP_GE, 3, 0, 10), 10);
	assert_true(isnan(o.completion));
	UNDEFINED(&m, num(JX_CMP_GE, -0.01, 0, 10),
	          "target is not positive; no proportional score");
	o = SCORE(&m, num(JX_CMP_GE, -0.03, -0.05, 10), 10); /* t < 0 met */
	assert_true(isnan(o.completion));
	SCORE(&m, num(JX_CMP_GE, -0.05, -0.05, 10), 10);
	UNDEFINED(&m, num(JX_CMP_GE, -0.06, -0.05, 10),
	          "target is not positive; no proportional score");
	UNDEFINED(&m, range_in(1, 0.9, 1.1, 10), "completion is undefined for a range target");
}

static void ratio_overshoot(void **state)
{
	jx_method m = make(JX_METHOD_RATIO);
	jx_method_output o;

	(void)state;
	m.overshoot.set = 1;
	m.overshoot.above = 1.2;
	m.overshoot.floor = 0.6;
	PREPARE(&m);
	o = SCORE(&m, num(JX_CMP_GE, 1.5, 1, 10), 7); /* 1 - (1.5 - 1.2) = 0.7 */
	assert_true(o.overshoot_applied);
	o = SCORE(&m, num(JX_CMP_GE, 3, 1, 10), 6); /* max(0.6, -0.8) */
	assert_true(o.overshoot_applied);
	o = SCORE(&m, num(JX_CMP_GE, 1.2, 1, 10), 10); /* at `above`: not applied */
	assert_false(o.overshoot_applied);
	o = SCORE(&m, num(JX_CMP_GE, 0.9, 1, 10), 9);
	assert_false(o.overshoot_applied);
	SCORE(&m, num(JX_CMP_GE, 300, 200, 10), 10 * (1 - (1.5 - 1.2)));
	o = SCORE(&m, num(JX_CMP_GE, 5, 0, 10), 10); /* c undefined: not applied */
	assert_false(o.overshoot_applied);
	m.overshoot.floor = 1.5;
	REFUSED(&m, "overshoot floor must lie in [0, 1]");
	m.overshoot.floor = 0.6;
	m.overshoot.above = 0;
	REFUSED(&m, "overshoot above must be a finite number > 0");
}

/* ---- inverse ------------------------------------------------------------ */

static void inverse_scores(void **state)
{
	jx_method m = make(JX_METHOD_INVERSE);
	jx_method_output o;

	(void)state;
	PREPARE(&m);
	o = SCORE(&m, num(JX_CMP_LE, 3, 3, 5), 5); /* ≤3天, at target */
	assert_true(fabs(o.completion - 1) <= TOL);
	SCORE(&m, num(JX_CMP_LE, 2, 3, 5), 5);
	o = SCORE(&m, num(JX_CMP_LE, 4, 3, 5), 5 * 3.0 / 4);
	assert_true(fabs(o.completion - 4.0 / 3) <= TOL);
	SCORE(&m, num(JX_CMP_LE, 3.0000001, 3, 5), 5 * 3 / 3.0000001);
	SCORE(&m, num(JX_CMP_LE, 12, 10, 6), 5); /* ≤10 万元, 12 spent */
	SCORE(&m, num(JX_CMP_LE, 0, 3, 5), 5);   /* a <= 0 within */
	SCORE(&m, num(JX_CMP_LE, -2, 3, 5), 5);
	o = SCORE(&m, num(JX_CMP_LE, 0, 0, 5), 5); /* t = 0 */
	assert_true(isnan(o.completion));
	SCORE(&m, num(JX_CMP_LE, -0.1, 0, 5), 5);
	SCORE(&m, num(JX_CMP_LE, 0.02, 0, 5), 0);     /* t / a = 0 */
	SCORE(&m, num(JX_CMP_LE, -0.1, -0.05, 5), 5); /* t < 0 met */
	UNDEFINED(&m, num(JX_CMP_LE, -0.01, -0.05, 5),
	          "target is not positive; no proportional score");
	UNDEFINED(&m, num(JX_CMP_LE, 0.01, -0.05, 5),
	          "target is not positive; no proportional score");
	SCORE(&m, num(JX_CMP_LT, 6, 3, 5), 2.5);
}

/* ---- equal -------------------------------------------------------------- */

static void equal_scores(void **state)
{
	jx_method m = make(JX_METHOD_EQUAL);

	(void)state;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_EQ, 1, 1, 10), 10);
	SCORE(&m, num(JX_CMP_EQ, 0.95, 1, 10), 9.5);
	SCORE(&m, num(JX_CMP_EQ, 1.05, 1, 10), 9.5);
	SCORE(&m, num(JX_CMP_EQ, 2, 1, 10), 0);
	SCORE(&m, num(JX_CMP_EQ, 3.5, 1, 10), 0); /* floored at 0 */
	SCORE(&m, num(JX_CMP_EQ, 0, 0, 10), 10);
	SCORE(&m, num(JX_CMP_EQ, 0.001, 0, 10), 0);
	SCORE(&m, num(JX_CMP_EQ, -1, -2, 10), 5); /* |t| in the divisor */
	SCORE(&m, num(JX_CMP_EQ, -3, -2, 10), 5);
	m.precision = 0.01;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_EQ, 1.01, 1, 10), 10);
	SCORE(&m, num(JX_CMP_EQ, 0.995, 1, 10), 10);
	SCORE(&m, num(JX_CMP_EQ, 0.98, 1, 10), 10 * (1 - 0.02));
	SCORE(&m, num(JX_CMP_EQ, 0.005, 0, 10), 10);
	m.precision = -1;
	REFUSED(&m, "precision must be a finite number >= 0");
}

/* ---- range -------------------------------------------------------------- */

static void range_scores(void **state)
{
	jx_method m = make(JX_METHOD_RANGE);
	jx_method_output o;

	(void)state;
	m.zero_at = 0.1;
	PREPARE(&m);
	o = SCORE(&m, range_in(1, 0.9, 1.1, 10), 10);
	assert_true(isnan(o.completion));
	SCORE(&m, range_in(0.9, 0.9, 1.1, 10), 10); /* bounds inclusive */
	SCORE(&m, range_in(1.1, 0.9, 1.1, 10), 10);
	SCORE(&m, range_in(1.15, 0.9, 1.1, 10), 5);
	SCORE(&m, range_in(0.87, 0.9, 1.1, 10), 7);
	SCORE(&m, range_in(0.8, 0.9, 1.1, 10), 0); /* exactly zero_at away */
	SCORE(&m, range_in(0.2, 0.9, 1.1, 10), 0);
	SCORE(&m, range_in(-0.1, -0.2, 0, 10), 10); /* negative band */
	SCORE(&m, range_in(0.05, -0.2, 0, 10), 5);
	/* bands from the other comparisons */
	SCORE(&m, num(JX_CMP_GE, 0.85, 0.9, 10), 5);
	SCORE(&m, num(JX_CMP_GE, 5, 0.9, 10), 10);
	SCORE(&m, num(JX_CMP_LE, 0.95, 0.9, 10), 5);
	SCORE(&m, num(JX_CMP_EQ, 0.95, 0.9, 10), 5);
	SCORE(&m, num(JX_CMP_EQ, 0.9, 0.9, 10), 10);
	UNDEFINED(&m, range_in(1, 1.1, 0.9, 10),
	          "range target's lower bound is above its upper bound");
	m.zero_at = 0; /* no falloff: outside scores 0 */
	PREPARE(&m);
	SCORE(&m, range_in(1.1, 0.9, 1.1, 10), 10);
	SCORE(&m, range_in(1.1000001, 0.9, 1.1, 10), 0);
	m.zero_at = -0.1;
	REFUSED(&m, "zero_at must be a finite number >= 0");
}

static const jx_band key_spending_bands[4];

/* ---- threshold ---------------------------------------------------------- */

static void threshold_scores(void **state)
{
	jx_method m = make(JX_METHOD_THRESHOLD);

	(void)state;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, 0.95, 0.95, 4), 4);
	SCORE(&m, num(JX_CMP_GE, 0.9499, 0.95, 4), 0);
	m.partial = 0.5;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, 0.9499, 0.95, 4), 2);
	SCORE(&m, num(JX_CMP_GT, 0.95, 0.95, 4), 2);
	SCORE(&m, num(JX_CMP_GT, 0.96, 0.95, 4), 4);
	SCORE(&m, num(JX_CMP_LE, 3, 3, 4), 4);
	SCORE(&m, num(JX_CMP_LE, 3.5, 3, 4), 2);
	SCORE(&m, num(JX_CMP_LT, 3, 3, 4), 2);
	SCORE(&m, num(JX_CMP_LT, 2.9, 3, 4), 4);
	SCORE(&m, num(JX_CMP_EQ, 1, 1, 4), 4);
	SCORE(&m, num(JX_CMP_EQ, 1.001, 1, 4), 2);
	SCORE(&m, range_in(0.9, 0.9, 1.1, 4), 4);
	SCORE(&m, range_in(1.11, 0.9, 1.1, 4), 2);
	SCORE(&m, num(JX_CMP_GE, -1, 0, 4), 2);
	m.precision = 0.01;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_EQ, 1.005, 1, 4), 4);
	m.partial = 1.5;
	REFUSED(&m, "partial must lie in [0, 1]");
}

/* Comparisons forgive binary noise: 0.7 + 0.1 = 0.7999999999999999. */
static void comparisons_forgive_noise(void **state)
{
	double sum = 0.7 + 0.1, sum3 = 0.1 + 0.2;
	jx_method m = make(JX_METHOD_THRESHOLD);

	(void)state;
	assert_true(sum < 0.8 && sum3 > 0.3);
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, sum, 0.8, 4), 4);
	SCORE(&m, num(JX_CMP_LT, sum, 0.8, 4), 0);
	SCORE(&m, num(JX_CMP_LE, sum3, 0.3, 4), 4);
	SCORE(&m, num(JX_CMP_GT, sum3, 0.3, 4), 0);
	SCORE(&m, num(JX_CMP_EQ, sum3, 0.3, 4), 4);
	SCORE(&m, num(JX_CMP_GE, 0.8 - 1e-9, 0.8, 4), 0); /* a real shortfall */
	m.kind = JX_METHOD_EQUAL;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_EQ, sum3, 0.3, 10), 10);
	m.kind = JX_METHOD_BANDS;
	m.bands.items = key_spending_bands;
	m.bands.n = 4;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, sum, 1, 5), 4); /* c reaches [0.8, 0.9) */
	m.kind = JX_METHOD_RATIO;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, sum3 - 0.3, 0, 10), 10); /* 5.5e-17 >= 0 */
	SCORE(&m, num(JX_CMP_GE, 0.3 - sum3, 0, 10), 10); /* -5.5e-17: noise, met */
}

/* ---- linear ------------------------------------------------------------- */

static const double lin_x[] = {0.5, 0.8, 1.0};
static const double lin_y[] = {0.0, 0.5, 1.0};

static jx_method linear_method(void)
{
	jx_method m = make(JX_METHOD_LINEAR);

	m.curve.x = lin_x;
	m.curve.y = lin_y;
	m.curve.n = 3;
	return m;
}

static void linear_scores(void **state)
{
	jx_method m = linear_method();

	(void)state;
	PREPARE(&m);
	assert_non_null(m.interp);
	SCORE(&m, num(JX_CMP_GE, 0.65, 1, 10), 2.5); /* between points 1 and 2 */
	SCORE(&m, num(JX_CMP_GE, 0.9, 1, 10), 7.5);  /* between points 2 and 3 */
	SCORE(&m, num(JX_CMP_GE, 0.8, 1, 10), 5);    /* on a point */
	SCORE(&m, num(JX_CMP_GE, 0.5, 1, 10), 0);    /* first point */
	SCORE(&m, num(JX_CMP_GE, 1, 1, 10), 10);     /* last point */
	SCORE(&m, num(JX_CMP_GE, 0.2, 1, 10), 0);    /* held below */
	SCORE(&m, num(JX_CMP_GE, -3, 1, 10), 0);
	SCORE(&m, num(JX_CMP_GE, 1.7, 1, 10), 10);  /* held above */
	SCORE(&m, num(JX_CMP_GE, 45, 50, 10), 7.5); /* c = 0.9 */
	UNDEFINED(&m, num(JX_CMP_GE, 3, 0, 10), "completion is undefined: the target is 0");
	UNDEFINED(&m, num(JX_CMP_GE, 3, -1, 10), "completion is undefined: the target is negative");
	jx_method_release(&m);
	assert_null(m.interp);
	jx_method_release(&m); /* twice is harmless */
}

static void linear_holds_nonzero_ends(void **state)
{
	static const double x[] = {0.6, 1.0};
	static const double y[] = {0.4, 0.9};
	jx_method m = make(JX_METHOD_LINEAR);

	(void)state;
	m.curve.x = x;
	m.curve.y = y;
	m.curve.n = 2;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, 0.1, 1, 10), 4);
	SCORE(&m, num(JX_CMP_GE, 0.8, 1, 10), 6.5);
	SCORE(&m, num(JX_CMP_GE, 2, 1, 10), 9);
	PREPARE(&m); /* preparing again replaces the interpolation */
	SCORE(&m, num(JX_CMP_GE, 0.8, 1, 10), 6.5);
	jx_method_release(&m);
}

static void linear_overshoot(void **state)
{
	jx_method m = linear_method();
	jx_method_output o;

	(void)state;
	m.overshoot.set = 1;
	m.overshoot.above = 1.2;
	m.overshoot.floor = 0.6;
	PREPARE(&m);
	o = SCORE(&m, num(JX_CMP_GE, 1.1, 1, 10), 10);
	assert_false(o.overshoot_applied);
	o = SCORE(&m, num(JX_CMP_GE, 1.5, 1, 10), 7);
	assert_true(o.overshoot_applied);
	SCORE(&m, num(JX_CMP_GE, 3, 1, 10), 6);
	jx_method_release(&m);
}

static void linear_refused(void **state)
{
	static const double flat[] = {0.5, 0.5, 1.0};
	static const double down[] = {1.0, 0.5};
	static const double big[] = {0.0, 1.2, 1.0};
	static const double inf[] = {0.5, INFINITY};
	jx_method m = linear_method();

	(void)state;
	m.curve.n = 1;
	REFUSED(&m, "linear needs at least two points");
	m.curve.n = 3;
	m.curve.x = flat;
	REFUSED(&m, "points must have increasing completions");
	m.curve.x = down;
	m.curve.n = 2;
	REFUSED(&m, "points must have increasing completions");
	m.curve.x = lin_x;
	m.curve.y = big;
	m.curve.n = 3;
	REFUSED(&m, "point fractions must lie in [0, 1]");
	m.curve.y = lin_y;
	m.curve.x = inf;
	m.curve.n = 2;
	REFUSED(&m, "points must have finite completions");
	m.curve.x = NULL;
	REFUSED(&m, "linear needs at least two points");
	assert_null(m.interp);
}

/* ---- bands -------------------------------------------------------------- */

/* 预算调整率 3 分: = 0 → 3, (0, 10 %] → 2, (10, 20 %] → 1, (20, 30 %] → 0.5,
 * more → 0 (岳阳市 2018, docs/national-scheme.md). */
static const jx_band adjustment_bands[] = {
    {.min = 0, .max = 0, .has_min = 1, .has_max = 1, .points = 3, .has_points = 1},
    {.min = 0, .max = 0.1, .has_min = 1, .has_max = 1, .min_open = 1, .points = 2, .has_points = 1},
    {.min = 0.1,
     .max = 0.2,
     .has_min = 1,
     .has_max = 1,
     .min_open = 1,
     .points = 1,
     .has_points = 1},
    {.min = 0.2,
     .max = 0.3,
     .has_min = 1,
     .has_max = 1,
     .min_open = 1,
     .points = 0.5,
     .has_points = 1},
    {.min = 0.3, .has_min = 1, .min_open = 1, .points = 0, .has_points = 1},
};

static void bands_on_value(void **state)
{
	jx_method m = make(JX_METHOD_BANDS);
	jx_method_output o;

	(void)state;
	m.bands.items = adjustment_bands;
	m.bands.n = 5;
	m.bands_on_value = 1;
	PREPARE(&m);
	o = SCORE(&m, num(JX_CMP_EQ, 0, 0, 3), 3);
	assert_true(isnan(o.completion));
	SCORE(&m, num(JX_CMP_EQ, 0.0001, 0, 3), 2);
	SCORE(&m, num(JX_CMP_EQ, 0.05, 0, 3), 2);
	SCORE(&m, num(JX_CMP_EQ, 0.1, 0, 3), 2);       /* max inclusive */
	SCORE(&m, num(JX_CMP_EQ, 0.1000001, 0, 3), 1); /* min `gt` */
	SCORE(&m, num(JX_CMP_EQ, 0.2, 0, 3), 1);
	SCORE(&m, num(JX_CMP_EQ, 0.25, 0, 3), 0.5);
	SCORE(&m, num(JX_CMP_EQ, 0.3, 0, 3), 0.5);
	SCORE(&m, num(JX_CMP_EQ, 0.31, 0, 3), 0);
	SCORE(&m, num(JX_CMP_EQ, -0.05, 0, 3), 0); /* no band holds */
	SCORE(&m, num(JX_CMP_EQ, 0, 0, 2), 2);     /* points clamped to w */
}

/* 重点支出安排率 5 分 over the completion of a 100 % target: ≥ 90 % 5,
 * [80, 90) % 4, [70, 80) % 3, [60, 70) % 2, below 0. */
static const jx_band key_spending_bands[] = {
    {.min = 0.9, .has_min = 1, .fraction = 1},
    {.min = 0.8, .max = 0.9, .has_min = 1, .has_max = 1, .max_open = 1, .fraction = 0.8},
    {.min = 0.7, .max = 0.8, .has_min = 1, .has_max = 1, .max_open = 1, .fraction = 0.6},
    {.min = 0.6, .max = 0.7, .has_min = 1, .has_max = 1, .max_open = 1, .fraction = 0.4},
};

static void bands_on_completion(void **state)
{
	jx_method m = make(JX_METHOD_BANDS);
	jx_method_output o;

	(void)state;
	m.bands.items = key_spending_bands;
	m.bands.n = 4;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, 0.95, 1, 5), 5);
	SCORE(&m, num(JX_CMP_GE, 0.9, 1, 5), 5);
	SCORE(&m, num(JX_CMP_GE, 0.85, 1, 5), 4);
	SCORE(&m, num(JX_CMP_GE, 0.8, 1, 5), 4);
	SCORE(&m, num(JX_CMP_GE, 0.7999, 1, 5), 3);
	SCORE(&m, num(JX_CMP_GE, 0.6, 1, 5), 2);
	SCORE(&m, num(JX_CMP_GE, 0.59, 1, 5), 0);
	SCORE(&m, num(JX_CMP_GE, 45, 50, 5), 5); /* c = 0.9 */
	SCORE(&m, num(JX_CMP_GE, 40, 50, 5), 4); /* c = 0.8 */
	UNDEFINED(&m, num(JX_CMP_GE, 1, 0, 5), "completion is undefined: the target is 0");
	m.overshoot.set = 1;
	m.overshoot.above = 1.2;
	m.overshoot.floor = 0.6;
	PREPARE(&m);
	o = SCORE(&m, num(JX_CMP_GE, 1.5, 1, 5), 3.5);
	assert_true(o.overshoot_applied);
	SCORE(&m, num(JX_CMP_GE, 3, 1, 5), 3);
	o = SCORE(&m, num(JX_CMP_GE, 1.1, 1, 5), 5);
	assert_false(o.overshoot_applied);
}

static void bands_refused(void **state)
{
	jx_band bad[1] = {{.min = 0.5, .max = 0.4, .has_min = 1, .has_max = 1, .fraction = 1}};
	jx_method m = make(JX_METHOD_BANDS);

	(void)state;
	REFUSED(&m, "bands needs at least one band");
	m.bands.items = bad;
	m.bands.n = 1;
	REFUSED(&m, "a band can never hold: its min is not below its max");
	bad[0].max = 0.5;
	bad[0].max_open = 1;
	REFUSED(&m, "a band can never hold: its min is not below its max");
	bad[0].max_open = 0;
	PREPARE(&m); /* [0.5, 0.5] holds one value */
	bad[0].fraction = 1.1;
	REFUSED(&m, "band fractions must lie in [0, 1]");
	bad[0].has_points = 1;
	bad[0].points = -1;
	REFUSED(&m, "band points must be a finite number >= 0");
	bad[0].points = 2;
	bad[0].min = NAN;
	REFUSED(&m, "band bounds must be finite numbers");
	/* overshoot needs a completion */
	m.bands.items = adjustment_bands;
	m.bands.n = 5;
	m.bands_on_value = 1;
	m.overshoot.set = 1;
	m.overshoot.above = 1.2;
	REFUSED(&m, "overshoot applies only to ratio, linear and bands over the completion");
}

/* ---- deduct ------------------------------------------------------------- */

static void deduct_per_point(void **state)
{
	jx_method m = make(JX_METHOD_DEDUCT);

	(void)state;
	PREPARE(&m);
	/* 在职人员控制率 ≤ 100% 计 1 分，每超过一个百分点扣 0.1 分 */
	SCORE(&m, num(JX_CMP_LE, 1.05, 1.0, 1), 0.5);
	SCORE(&m, num(JX_CMP_LE, 1.0, 1.0, 1), 1);
	SCORE(&m, num(JX_CMP_LE, 0.86, 1.0, 1), 1);
	SCORE(&m, num(JX_CMP_LE, 1.059, 1.0, 1), 1 - 0.1 * 5.9);
	SCORE(&m, num(JX_CMP_LE, 1.1, 1.0, 1), 0);
	SCORE(&m, num(JX_CMP_LE, 1.5, 1.0, 1), 0); /* 扣完为止 */
	SCORE(&m, num(JX_CMP_LT, 1.02, 1.0, 1), 0.8);
	/* 三公经费变动率 ≤ 0 计 3 分，每超过一个百分点扣 0.3 分 */
	m.points = 0.3;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_LE, 0.02, 0, 3), 2.4);
	SCORE(&m, num(JX_CMP_LE, -0.15, 0, 3), 3);
	SCORE(&m, num(JX_CMP_LE, 0.1, 0, 3), 0);
	/* more is better: ≥ 95 %, 0.5 per point short */
	m.points = 0.5;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, 0.93, 0.95, 5), 4);
	SCORE(&m, num(JX_CMP_GE, 0.99, 0.95, 5), 5);
	SCORE(&m, num(JX_CMP_GT, 0.95, 0.95, 5), 5); /* distance 0 */
	SCORE(&m, num(JX_CMP_EQ, 1.03, 1, 5), 3.5);
	SCORE(&m, num(JX_CMP_EQ, 0.97, 1, 5), 3.5);
	SCORE(&m, range_in(1.12, 0.9, 1.1, 5), 4);
	SCORE(&m, range_in(0.88, 0.9, 1.1, 5), 4);
	SCORE(&m, range_in(1, 0.9, 1.1, 5), 5);
	/* −1 per late item: per 1, points 1 */
	m.per = 1;
	m.points = 1;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_LE, 2, 0, 3), 1);
}

static void deduct_step(void **state)
{
	jx_method m = make(JX_METHOD_DEDUCT);

	(void)state;
	m.step = 1;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_LE, 1.05, 1.0, 1), 0.5);   /* 5.000000000000001 pers */
	SCORE(&m, num(JX_CMP_LE, 1.059, 1.0, 1), 0.5);  /* 5.9 → 5 */
	SCORE(&m, num(JX_CMP_LE, 1.0499, 1.0, 1), 0.6); /* 4.99 → 4 */
	SCORE(&m, num(JX_CMP_LE, 1.009, 1.0, 1), 1);    /* under one per */
	SCORE(&m, num(JX_CMP_LE, 1.01, 1.0, 1), 0.9);
	SCORE(&m, num(JX_CMP_LE, 1.07, 1.0, 1), 1 - 0.1 * 7); /* 0.07/0.01 = 7.000000000000001 */
	SCORE(&m, num(JX_CMP_GE, 0.93, 0.95, 1), 0.8); /* 0.95-0.93 = 0.0200000000000000178 */
	SCORE(&m, num(JX_CMP_GE, 0.94, 0.95, 1), 0.9); /* 0.00999999999999990 */
	SCORE(&m, num(JX_CMP_LE, 0.29, 0.0, 1), 0);    /* floored at 0 */
	m.per = 1;
	m.points = 0.5;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_LE, 1e10 + 2.5, 1e10, 5), 4); /* large magnitudes */
	SCORE(&m, num(JX_CMP_LE, 1e10 + 3, 1e10, 5), 3.5);
}

static void deduct_refused(void **state)
{
	jx_method m = make(JX_METHOD_DEDUCT);

	(void)state;
	m.per = 0;
	REFUSED(&m, "per must be a finite number > 0");
	m.per = -0.01;
	REFUSED(&m, "per must be a finite number > 0");
	m.per = 0.01;
	m.points = -0.1;
	REFUSED(&m, "points must be a finite number >= 0");
	m.points = 0;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_LE, 5, 1, 3), 3);
}

/* ---- grade -------------------------------------------------------------- */

static const jx_level fixed_levels[] = {
    {.word = "达成", .word_len = 6, .fraction = 1.0},
    {.word = "部分达成", .word_len = 12, .fraction = 0.7},
    {.word = "未达成", .word_len = 9, .fraction = 0.3},
};

static const jx_level banded_levels[] = {
    {.word = "达成", .word_len = 6, .lo = 0.8, .hi = 1.0, .has_range = 1},
    {.word = "部分达成",
     .word_len = 12,
     .lo = 0.6,
     .hi = 0.8,
     .has_range = 1,
     .fraction = 0.7,
     .has_fraction = 1},
    {.word = "未达成", .word_len = 9, .lo = 0, .hi = 0.6, .has_range = 1},
};

static jx_method_input own(const char *s, double fraction, double w)
{
	jx_method_input in = word(s, w);

	in.has_fraction = 1;
	in.fraction = fraction;
	return in;
}

static void grade_fixed(void **state)
{
	jx_method m = make(JX_METHOD_GRADE);
	jx_method_output o;

	(void)state;
	m.levels.items = fixed_levels;
	m.levels.n = 3;
	PREPARE(&m);
	o = SCORE(&m, word("达成", 5), 5);
	assert_true(isnan(o.completion));
	SCORE(&m, word("部分达成", 5), 3.5);
	SCORE(&m, word("未达成", 5), 1.5);
	SCORE(&m, word("  部分达成 ", 5), 3.5);                    /* ASCII spaces */
	SCORE(&m, word("\xe3\x80\x80未达成\xe3\x80\x80", 5), 1.5); /* U+3000 */
	SCORE(&m, own("达成", 0.92, 5), 5);                        /* the rules' fraction wins */
	UNDEFINED(&m, word("达 成", 5), "unknown level");
	UNDEFINED(&m, word("有效提升", 5), "unknown level");
	UNDEFINED(&m, word("", 5), "unknown level");
	UNDEFINED(&m, num(JX_CMP_WORD, 1, NAN, 5), "a word is expected");
}

static void grade_own_fraction(void **state)
{
	jx_method m = make(JX_METHOD_GRADE);

	(void)state;
	m.levels.items = banded_levels;
	m.levels.n = 3;
	PREPARE(&m);
	SCORE(&m, own("达成", 0.92, 5), 4.6);
	SCORE(&m, own("达成", 0.8, 5), 4); /* band inclusive */
	SCORE(&m, own("部分达成", 0.65, 10), 6.5);
	SCORE(&m, own("未达成", 0, 10), 0);
	UNDEFINED(&m, own("达成", 0.5, 5), "fraction outside the level's band");
	UNDEFINED(&m, own("部分达成", 0.81, 5), "fraction outside the level's band");
	UNDEFINED(&m, own("达成", NAN, 5), "the department's fraction is not a finite number");
	SCORE(&m, word("达成", 5), 5);      /* no own fraction: the band's top */
	SCORE(&m, word("部分达成", 10), 7); /* the rules' fraction */
	SCORE(&m, word("未达成", 10), 6);
	UNDEFINED(&m, own("基本达成", 0.7, 5), "unknown level");
}

static void grade_refused(void **state)
{
	jx_level levels[2] = {
	    {.word = "达成", .word_len = 6, .fraction = 1.0},
	    {.word = " 达成", .word_len = 7, .fraction = 0.5},
	};
	jx_method m = make(JX_METHOD_GRADE);

	(void)state;
	m.levels = (jx_level_list){NULL, 0};
	REFUSED(&m, "grade needs at least one level");
	m.levels.items = levels;
	m.levels.n = 2;
	REFUSED(&m, "level words must be distinct");
	levels[1].word = "未达成";
	levels[1].word_len = 9;
	levels[1].fraction = 1.2;
	REFUSED(&m, "level fractions must lie in [0, 1]");
	levels[1].has_range = 1;
	levels[1].lo = 0.6;
	levels[1].hi = 0.4;
	REFUSED(&m, "a level's band must lie in [0, 1] with lo <= hi");
	levels[1].hi = 0.8;
	levels[1].has_fraction = 1;
	levels[1].fraction = 0.9;
	REFUSED(&m, "a level's fraction must lie in its band");
	levels[1].fraction = 0.7;
	PREPARE(&m);
	levels[1].word_len = 0;
	REFUSED(&m, "a level needs a word");
}

/* ---- relative ----------------------------------------------------------- */

static jx_method_input rel(jx_cmp cmp, double a, double best, double w)
{
	jx_method_input in = num(cmp, a, 1, w);

	in.best = best;
	return in;
}

static void relative_scores(void **state)
{
	jx_method m = make(JX_METHOD_RELATIVE);

	(void)state;
	PREPARE(&m);
	SCORE(&m, rel(JX_CMP_GE, 80, 100, 10), 8);
	SCORE(&m, rel(JX_CMP_GE, 100, 100, 10), 10);
	SCORE(&m, rel(JX_CMP_GT, 25, 100, 10), 2.5);
	SCORE(&m, rel(JX_CMP_GE, 0, 100, 10), 0);
	SCORE(&m, rel(JX_CMP_GE, -5, 100, 10), 0);
	SCORE(&m, rel(JX_CMP_GE, 120, 100, 10), 10); /* beyond the best: w */
	SCORE(&m, rel(JX_CMP_LE, 4, 3, 10), 7.5);    /* less is better */
	SCORE(&m, rel(JX_CMP_LE, 3, 3, 10), 10);
	SCORE(&m, rel(JX_CMP_LT, 12, 3, 10), 2.5);
	SCORE(&m, rel(JX_CMP_GE, 0, 0, 10), 10); /* everyone at 0 */
	SCORE(&m, rel(JX_CMP_LE, 0, 0, 10), 10);
	SCORE(&m, rel(JX_CMP_GE, -2, -2, 10), 10);
	UNDEFINED(&m, rel(JX_CMP_GE, -1, 0, 10), "best of the batch is not positive");
	UNDEFINED(&m, rel(JX_CMP_GE, -3, -2, 10), "best of the batch is not positive");
	UNDEFINED(&m, rel(JX_CMP_LE, 2, 0, 10), "best of the batch is not positive");
	UNDEFINED(&m, rel(JX_CMP_LE, 2, -1, 10), "best of the batch is not positive");
	UNDEFINED(&m, rel(JX_CMP_GE, 2, NAN, 10), "best of the batch is not a finite number");
	UNDEFINED(&m, rel(JX_CMP_EQ, 2, 3, 10), "relative needs a >=, >, <= or < target");
}

/* ---- inputs every method refuses ---------------------------------------- */

static void non_finite_inputs(void **state)
{
	jx_method m = make(JX_METHOD_RATIO);

	(void)state;
	PREPARE(&m);
	UNDEFINED(&m, num(JX_CMP_GE, NAN, 1, 10), "actual is not a finite number");
	UNDEFINED(&m, num(JX_CMP_GE, INFINITY, 1, 10), "actual is not a finite number");
	UNDEFINED(&m, num(JX_CMP_GE, -INFINITY, 1, 10), "actual is not a finite number");
	UNDEFINED(&m, num(JX_CMP_GE, 1, NAN, 10), "target is not a finite number");
	UNDEFINED(&m, num(JX_CMP_GE, 1, INFINITY, 10), "target is not a finite number");
	UNDEFINED(&m, range_in(1, 0, INFINITY, 10), "target is not a finite number");
	UNDEFINED(&m, num(JX_CMP_GE, 1, 1, NAN), "weight is not a finite number >= 0");
	UNDEFINED(&m, num(JX_CMP_GE, 1, 1, -1), "weight is not a finite number >= 0");
	UNDEFINED(&m, num(JX_CMP_GE, 1, 1, INFINITY), "weight is not a finite number >= 0");
	UNDEFINED(&m, word("达成", 10), "a number is expected");
	UNDEFINED(&m, num(JX_CMP_WORD, 1, 1, 10), "the target is a word; a number is expected");
	m.kind = JX_METHOD_DEDUCT;
	PREPARE(&m);
	UNDEFINED(&m, num(JX_CMP_LE, NAN, 1, 1), "actual is not a finite number");
	m.kind = JX_METHOD_BANDS;
	m.bands.items = adjustment_bands;
	m.bands.n = 5;
	m.bands_on_value = 1;
	PREPARE(&m);
	UNDEFINED(&m, num(JX_CMP_EQ, INFINITY, 0, 3), "actual is not a finite number");
	m.kind = JX_METHOD_COUNT_;
	REFUSED(&m, "unknown scoring method");
	UNDEFINED(&m, num(JX_CMP_GE, 1, 1, 1), "unknown scoring method");
}

static void overshoot_only_with_completion(void **state)
{
	jx_method m = make(JX_METHOD_INVERSE);

	(void)state;
	m.overshoot.set = 1;
	m.overshoot.above = 1.2;
	REFUSED(&m, "overshoot applies only to ratio, linear and bands over the completion");
	m.kind = JX_METHOD_DEDUCT;
	REFUSED(&m, "overshoot applies only to ratio, linear and bands over the completion");
	m.kind = JX_METHOD_EXPR;
	REFUSED(&m, "expr needs an expression");
}

/* ---- explain ------------------------------------------------------------ */

static void explain_formulas(void **state)
{
	jx_method m = make(JX_METHOD_RATIO);
	jx_method_input in;
	jx_method_output o;
	char small[8];
	int n;

	(void)state;
	PREPARE(&m);
	EXPLAINED(&m, num(JX_CMP_GE, 0.3, 0.35, 10), "10 × min(0.3 ÷ 0.35, 1) = 8.57143");
	EXPLAINED(&m, num(JX_CMP_GE, 0.3523, 0.35, 10), "10 × min(0.3523 ÷ 0.35, 1) = 10");
	EXPLAINED(&m, num(JX_CMP_GE, 0.1, 0, 10), "a ≥ t (0.1 ≥ 0): w = 10");
	EXPLAINED(&m, num(JX_CMP_GE, -1, 0, 10),
	          "undefined: target is not positive; no proportional score");
	m.cap = 1.5;
	EXPLAINED(&m, num(JX_CMP_GE, 1.2, 1, 10),
	          "10 × min(1.2 ÷ 1, 1.5) = 12, clamped to [0, 10]: 10");
	m.cap = 1;
	m.overshoot.set = 1;
	m.overshoot.above = 1.2;
	m.overshoot.floor = 0.6;
	EXPLAINED(&m, num(JX_CMP_GE, 1.5, 1, 10),
	          "c = 1.5 > 1.2: 10 × max(0.6, 1 − (1.5 − 1.2)) = 7");
	m.kind = JX_METHOD_INVERSE;
	m.overshoot.set = 0;
	EXPLAINED(&m, num(JX_CMP_LE, 3, 5, 5), "a ≤ t (3 ≤ 5): w = 5");
	EXPLAINED(&m, num(JX_CMP_LE, 4, 3, 5), "5 × 3 ÷ 4 = 3.75");
	m.kind = JX_METHOD_DEDUCT;
	EXPLAINED(&m, num(JX_CMP_LE, 1.05, 1, 1), "1 − 0.1 × (0.05 ÷ 0.01) = 0.5");
	m.step = 1;
	EXPLAINED(&m, num(JX_CMP_LE, 1.059, 1, 1), "1 − 0.1 × floor(0.059 ÷ 0.01) = 0.5");
	m.kind = JX_METHOD_GRADE;
	m.levels.items = banded_levels;
	m.levels.n = 3;
	EXPLAINED(&m, own("达成", 0.92, 5), "达成: 5 × 0.92 = 4.6");
	EXPLAINED(&m, word("优秀", 5), "undefined: unknown level");
	m.kind = JX_METHOD_BANDS;
	m.bands.items = adjustment_bands;
	m.bands.n = 5;
	m.bands_on_value = 1;
	EXPLAINED(&m, num(JX_CMP_EQ, 0.05, 0, 3), "a = 0.05 in band 2: 2 points = 2");
	EXPLAINED(&m, num(JX_CMP_EQ, -0.05, 0, 3), "no band holds a = -0.05: 0 points = 0");
	/* truncation: snprintf's count, always terminated */
	m.kind = JX_METHOD_INVERSE;
	in = num(JX_CMP_LE, 3, 5, 5);
	o = jx_method_score(&m, &in);
	n = jx_method_explain(&m, &in, &o, small, sizeof(small));
	assert_int_equal(n, (int)strlen("a ≤ t (3 ≤ 5): w = 5"));
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_memory_equal(small, "a ≤ t (", sizeof(small) - 1);
	n = jx_method_explain(&m, &in, &o, NULL, 0);
	assert_int_equal(n, (int)strlen("a ≤ t (3 ≤ 5): w = 5"));
}

/* ---- expr (needs the expression compiler) ------------------------------- */

static const char *const method_locals[] = {"a", "t", "w", "c", NULL};

static long one_variable(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	return len == 7 && memcmp(name, "bonus.x", 7) == 0 ? 0 : -1;
}

static jx_program *compiled(const char *src)
{
	jx_expr_env env = {.variable = one_variable, .locals = method_locals};
	jx_expr_error err;
	jx_program *p = NULL;

	if (jx_expr_compile(&p, src, strlen(src), &env, &err) != 0)
		fail_msg("compile '%s': %s at %zu", src, err.message, err.offset);
	return p;
}

static void expr_scores(void **state)
{
	jx_program *prog = compiled("w * min(a / t, 1)");
	jx_program *with_var = compiled("w * c + bonus.x");
	jx_program *divide = compiled("w * t / (a - 1)");
	jx_val vars[1] = {jx_val_number(0.5)};
	jx_eval_input ev = {.variables = vars};
	jx_method m = make(JX_METHOD_EXPR);
	jx_method_input in;
	jx_method_output o;

	(void)state;
	m.expr = prog;
	PREPARE(&m);
	SCORE(&m, num(JX_CMP_GE, 0.3, 0.6, 10), 5);
	SCORE(&m, num(JX_CMP_GE, 0.9, 0.6, 10), 10);
	SCORE(&m, num(JX_CMP_GE, -0.3, 0.6, 10), 0); /* clamped at 0 */
	EXPLAINED(&m, num(JX_CMP_GE, 0.3, 0.6, 10),
	          "w * min(a / t, 1) with a = 0.3, t = 0.6, w = 10, c = 0.5 = 5");
	m.expr = with_var;
	in = num(JX_CMP_GE, 0.8, 1, 10);
	in.vars = &ev;
	SCORE(&m, in, 8.5);
	vars[0] = jx_val_number(5);
	SCORE(&m, in, 10); /* clamped at w */
	in.t = 0;          /* c undefined */
	o = jx_method_score(&m, &in);
	assert_false(o.ok);
	assert_string_equal(o.reason, "expression is undefined");
	assert_int_not_equal(o.expr_value.kind, JX_VAL_NUM);
	vars[0] = jx_val_state(JX_VAL_MISSING, JX_WHY_MISSING_VAR, 0);
	in.t = 1;
	o = jx_method_score(&m, &in);
	assert_false(o.ok);
	assert_int_equal(o.expr_value.kind, JX_VAL_MISSING);
	m.expr = divide;
	UNDEFINED(&m, num(JX_CMP_GE, 1, 2, 10), "expression is undefined");
	SCORE(&m, num(JX_CMP_GE, 3, 2, 10), 10);
	SCORE(&m, num(JX_CMP_GE, 5, 2, 10), 5);
	jx_program_free(prog);
	jx_program_free(with_var);
	jx_program_free(divide);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(names_and_defaults),
	    cmocka_unit_test(init_sets_defaults),
	    cmocka_unit_test(ratio_scores),
	    cmocka_unit_test(ratio_cap),
	    cmocka_unit_test(ratio_zero_and_negative_target),
	    cmocka_unit_test(ratio_overshoot),
	    cmocka_unit_test(inverse_scores),
	    cmocka_unit_test(equal_scores),
	    cmocka_unit_test(range_scores),
	    cmocka_unit_test(threshold_scores),
	    cmocka_unit_test(comparisons_forgive_noise),
	    cmocka_unit_test(linear_scores),
	    cmocka_unit_test(linear_holds_nonzero_ends),
	    cmocka_unit_test(linear_overshoot),
	    cmocka_unit_test(linear_refused),
	    cmocka_unit_test(bands_on_value),
	    cmocka_unit_test(bands_on_completion),
	    cmocka_unit_test(bands_refused),
	    cmocka_unit_test(deduct_per_point),
	    cmocka_unit_test(deduct_step),
	    cmocka_unit_test(deduct_refused),
	    cmocka_unit_test(grade_fixed),
	    cmocka_unit_test(grade_own_fraction),
	    cmocka_unit_test(grade_refused),
	    cmocka_unit_test(relative_scores),
	    cmocka_unit_test(non_finite_inputs),
	    cmocka_unit_test(overshoot_only_with_completion),
	    cmocka_unit_test(explain_formulas),
	    cmocka_unit_test(expr_scores),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
