/*
 * test_literal.c - target and value literals, numbers and units
 * (engine/load/literal.c, engine/load/unit.c).
 *
 * Every input is copied into a heap block of exactly its length, without a
 * NUL, so AddressSanitizer catches any read past len. Expectations are
 * computed by hand; doubles compare with tolerance TOL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "common/arena.h"
#include "model/literal.h"
#include "model/unit.h"

/* cmocka before 1.1.6 has only assert_float_equal, which rounds to float. */
#ifndef assert_double_equal
#define assert_double_equal(a, b, eps)                                                             \
	do {                                                                                       \
		double lit_a_ = (a), lit_b_ = (b), lit_eps_ = (eps);                               \
		if (!(fabs(lit_a_ - lit_b_) <= lit_eps_))                                          \
			fail_msg("%.17g != %.17g (tolerance %g)", lit_a_, lit_b_, lit_eps_);       \
	} while (0)
#endif

#define TOL        1e-12
#define MAX_COPIES 64

static const jx_unit extra_units[] = {
    {"项", JX_DIM_OWN, 1.0},
    {"公里", JX_DIM_OWN, 1.0},
};
static const jx_units units = {extra_units, 2, NULL};

static char *copies[MAX_COPIES];
static size_t n_copies;

static int release_copies(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_copies; i++)
		free(copies[i]);
	n_copies = 0;
	return 0;
}

/* An exact-size, non-NUL-terminated heap copy of s[0..len). */
static const char *exact_n(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	assert_non_null(p);
	assert_true(n_copies < MAX_COPIES);
	memcpy(p, s, len);
	copies[n_copies++] = p;
	return p;
}

static jx_target_lit target_n(const char *s, size_t len)
{
	jx_target_lit t;
	jx_lit_error err = {0, NULL};

	if (jx_target_parse(&t, exact_n(s, len), len, &units, &err))
		fail_msg("target '%.*s': %s at %zu", (int)len, s, err.message, err.offset);
	return t;
}

static jx_target_lit target(const char *s)
{
	return target_n(s, strlen(s));
}

static void target_fails(const char *s, size_t offset, const char *message)
{
	jx_target_lit t;
	jx_lit_error err = {0, NULL};
	size_t len = strlen(s);

	if (jx_target_parse(&t, exact_n(s, len), len, &units, &err) == 0)
		fail_msg("target '%s' parsed", s);
	assert_string_equal(err.message, message);
	assert_int_equal(err.offset, offset);
}

static jx_value_lit value_n(const char *s, size_t len)
{
	jx_value_lit v;
	jx_lit_error err = {0, NULL};

	if (jx_value_parse(&v, exact_n(s, len), len, &units, &err))
		fail_msg("value '%.*s': %s at %zu", (int)len, s, err.message, err.offset);
	return v;
}

static jx_value_lit value(const char *s)
{
	return value_n(s, strlen(s));
}

static void value_fails(const char *s, size_t offset, const char *message)
{
	jx_value_lit v;
	jx_lit_error err = {0, NULL};
	size_t len = strlen(s);

	if (jx_value_parse(&v, exact_n(s, len), len, &units, &err) == 0)
		fail_msg("value '%s' parsed", s);
	assert_string_equal(err.message, message);
	assert_int_equal(err.offset, offset);
}

static double number(const char *s)
{
	double d = -12345;
	size_t len = strlen(s);

	if (jx_number_parse(&d, exact_n(s, len), len))
		fail_msg("number '%s' rejected", s);
	return d;
}

static void number_fails(const char *s)
{
	double d;
	size_t len = strlen(s);

	if (jx_number_parse(&d, exact_n(s, len), len) == 0)
		fail_msg("number '%s' read as %g", s, d);
}

static void check_cmp(jx_target_lit t, jx_cmp cmp, double num, const char *unit)
{
	assert_int_equal(t.cmp, cmp);
	assert_double_equal(t.lo, num, TOL);
	assert_double_equal(t.hi, num, TOL);
	if (unit) {
		assert_non_null(t.unit);
		assert_string_equal(t.unit->name, unit);
	} else {
		assert_null(t.unit);
	}
}

static void check_number(jx_value_lit v, double num, const char *unit)
{
	assert_int_equal(v.kind, JX_LIT_NUMBER);
	assert_double_equal(v.num, num, TOL);
	if (unit) {
		assert_non_null(v.unit);
		assert_string_equal(v.unit->name, unit);
	} else {
		assert_null(v.unit);
	}
}

static void check_word(const char *word, size_t word_len, const char *expected)
{
	assert_int_equal(word_len, strlen(expected));
	assert_memory_equal(word, expected, word_len);
}

static const jx_unit *unit_named(const char *name)
{
	const jx_unit *u = jx_unit_find(&units, name, strlen(name));

	assert_non_null(u);
	return u;
}

/* ---- targets ---- */

static void test_operators_half_width(void **state)
{
	(void)state;
	check_cmp(target(">= 95%"), JX_CMP_GE, 0.95, "%");
	check_cmp(target(">95%"), JX_CMP_GT, 0.95, "%");
	check_cmp(target("<= 10 万元"), JX_CMP_LE, 10, "万元");
	check_cmp(target("<3天"), JX_CMP_LT, 3, "天");
	check_cmp(target("= 100%"), JX_CMP_EQ, 1.0, "%");
	check_cmp(target("==100%"), JX_CMP_EQ, 1.0, "%");
	check_cmp(target(">= 5000 人次"), JX_CMP_GE, 5000, "人次");
	assert_int_equal(target(">= 95%").bare, 0);
}

static void test_operators_full_width(void **state)
{
	(void)state;
	check_cmp(target("≥95%"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("＞＝95%"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("≧95%"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("＞= 95％"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("＞95%"), JX_CMP_GT, 0.95, "%");
	check_cmp(target("≤3天"), JX_CMP_LE, 3, "天");
	check_cmp(target("＜＝3天"), JX_CMP_LE, 3, "天");
	check_cmp(target("≦3日"), JX_CMP_LE, 3, "日");
	check_cmp(target("＜3天"), JX_CMP_LT, 3, "天");
	check_cmp(target("＝100%"), JX_CMP_EQ, 1.0, "%");
	check_cmp(target("＝＝１００％"), JX_CMP_EQ, 1.0, "%");
	check_cmp(target("≤10万元"), JX_CMP_LE, 10, "万元");
	assert_int_equal(target("≥95%").bare, 0);
}

static void test_target_spaces(void **state)
{
	(void)state;
	/* U+3000 ideographic spaces, full-width digits and percent */
	check_cmp(target("\u3000≥\u3000９５\u3000％\u3000"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("\t>=\t95 %\t"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("  <=  10  万元  "), JX_CMP_LE, 10, "万元");
}

static void test_target_bare(void **state)
{
	jx_target_lit t = target("5700 人次");

	(void)state;
	check_cmp(t, JX_CMP_GE, 5700, "人次");
	assert_int_equal(t.bare, 1);
	t = target("5700");
	check_cmp(t, JX_CMP_GE, 5700, NULL);
	assert_int_equal(t.bare, 1);
	check_cmp(target("１．５"), JX_CMP_GE, 1.5, NULL);
	check_cmp(target("8,832"), JX_CMP_GE, 8832, NULL);
	check_cmp(target("-5%"), JX_CMP_GE, -0.05, "%");
	check_cmp(target("1.4万人次"), JX_CMP_GE, 14000, "人次");
	check_cmp(target("12 项"), JX_CMP_GE, 12, "项");
}

static void check_range(jx_target_lit t, double lo, double hi, const char *unit)
{
	assert_int_equal(t.cmp, JX_CMP_RANGE);
	assert_double_equal(t.lo, lo, TOL);
	assert_double_equal(t.hi, hi, TOL);
	assert_int_equal(t.bare, 0);
	if (unit) {
		assert_non_null(t.unit);
		assert_string_equal(t.unit->name, unit);
	} else {
		assert_null(t.unit);
	}
}

static void test_target_range(void **state)
{
	(void)state;
	check_range(target("[90%, 110%]"), 0.9, 1.1, "%");
	check_range(target("[90,110]"), 90, 110, NULL);
	check_range(target("［90％，110％］"), 0.9, 1.1, "%");
	check_range(target("【90%，110%】"), 0.9, 1.1, "%");
	check_range(target("[ 90 , 110 ] %"), 0.9, 1.1, "%");
	check_range(target("[90, 110]%"), 0.9, 1.1, "%");
	check_range(target("[90, 110%]"), 0.9, 1.1, "%");
	check_range(target("[90%～110%]"), 0.9, 1.1, "%");
	check_range(target("[1万元, 2万元]"), 1, 2, "万元");
	check_range(target("[5‰, 5‰]"), 0.005, 0.005, "‰");
	check_range(target("[-1, 1]"), -1, 1, NULL);
}

static void test_target_range_errors(void **state)
{
	(void)state;
	target_fails("[110%, 90%]", 1, "lower bound above upper bound");
	target_fails("[90%]", 4, "range needs two bounds");
	target_fails("[]", 1, "range needs two bounds");
	target_fails("[90%, ]", 6, "range needs two bounds");
	target_fails("[90%, 110%", 10, "range needs a closing bracket");
	/* "[90%, 110" = 9 bytes, then 人次 */
	target_fails("[90%, 110人次]", 9, "units of the range bounds differ");
	target_fails("[90%, 110]", 3, "units of the range bounds differ");
	target_fails("[90%, 110%]元", 3, "units of the range bounds differ");
	target_fails("[90, 110] 匹", 10, "unknown unit");
	target_fails("[90 110]", 4, "unexpected text");
	target_fails("[90, 110] x y", 10, "unknown unit");
	target_fails("[90, 1e400]", 5, "number out of range");
}

static void test_target_word(void **state)
{
	jx_target_lit t = target("达成");

	(void)state;
	assert_int_equal(t.cmp, JX_CMP_WORD);
	assert_null(t.unit);
	check_word(t.word, t.word_len, "达成");
	t = target("\u3000 有效提升 \t");
	assert_int_equal(t.cmp, JX_CMP_WORD);
	check_word(t.word, t.word_len, "有效提升");
	t = target("部分达成");
	check_word(t.word, t.word_len, "部分达成");
}

static void test_target_errors(void **state)
{
	(void)state;
	target_fails("", 0, "empty target");
	target_fails("   ", 0, "empty target");
	target_fails("\u3000\t", 0, "empty target");
	target_fails("≥", 3, "expected a number");
	target_fails("≥ 达成", 4, "expected a number");
	/* ">= " 3 bytes, "12" 2, " " 1: 匹 at 6 */
	target_fails(">= 12 匹", 6, "unknown unit");
	target_fails("≥NaN", 3, "not a finite number");
	target_fails("NaN", 0, "not a finite number");
	target_fails(" Infinity", 1, "not a finite number");
	target_fails("-inf", 0, "not a finite number");
	target_fails(">= 1e400", 3, "number out of range");
	target_fails("95% 以外", 4, "unexpected text");
	target_fails(">= 8.8.3", 6, "malformed number");
	target_fails(">= 88,32", 5, "misplaced thousands separator");
	target_fails("> = 5", 2, "expected a number");
}

/* ---- numbers ---- */

static void test_number_plain(void **state)
{
	(void)state;
	assert_double_equal(number("1607"), 1607, TOL);
	assert_double_equal(number("35.2"), 35.2, TOL);
	assert_double_equal(number(" 35.2 "), 35.2, TOL);
	assert_double_equal(number("+5"), 5, TOL);
	assert_double_equal(number("-5"), -5, TOL);
	assert_double_equal(number("＋5"), 5, TOL);
	assert_double_equal(number("－5"), -5, TOL);
	assert_double_equal(number(".5"), 0.5, TOL);
	assert_double_equal(number("５７００"), 5700, TOL);
	assert_double_equal(number("３．５"), 3.5, TOL);
	assert_double_equal(number("1e3"), 1000, TOL);
	assert_double_equal(number("1E-2"), 0.01, TOL);
	assert_double_equal(number("2.5e+2"), 250, TOL);
	assert_double_equal(number("1e-400"), 0, TOL); /* underflow reads as 0 */
	number_fails("");
	number_fails("  ");
	number_fails("abc");
	number_fails("0x10");
	number_fails("1.2.3");
	number_fails("5%"); /* no unit in a plain number */
	number_fails("1.4万");
	number_fails("-");
	number_fails(".");
}

static void test_number_thousands(void **state)
{
	(void)state;
	assert_double_equal(number("8,832"), 8832, TOL);
	assert_double_equal(number("1,234,567.5"), 1234567.5, TOL);
	assert_double_equal(number("８，８３２"), 8832, TOL);
	assert_double_equal(number("-1,000"), -1000, TOL);
	assert_double_equal(number("999,999"), 999999, TOL);
	number_fails("88,32");
	number_fails("8832,123");
	number_fails("1,2345");
	number_fails("1,23,456");
	number_fails("8,");
	number_fails(",8");
	number_fails("1,234.5,6");
	value_fails("88,32", 2, "misplaced thousands separator");
	value_fails("8832,123", 4, "misplaced thousands separator");
	value_fails("1,234,56", 5, "misplaced thousands separator");
}

static void test_number_nonfinite(void **state)
{
	double d;
	char digits[70];

	(void)state;
	number_fails("1e400");
	number_fails("-1e400");
	number_fails("NaN");
	number_fails("nan");
	number_fails("Infinity");
	number_fails("inf");
	number_fails("-inf");
	number_fails("1e99999999999999999999");
	d = number("-0");
	assert_double_equal(d, 0, 0);
	assert_false(signbit(d));
	d = number("-0.0e5");
	assert_false(signbit(d));
	memset(digits, '1', 64);
	digits[64] = '\0';
	assert_double_equal(number(digits) / 1.1111111111111111e63, 1, 1e-12);
	digits[64] = '1';
	digits[65] = '\0';
	number_fails(digits); /* 65 characters: too long */
}

/* ---- values ---- */

static void test_value_numbers(void **state)
{
	(void)state;
	check_number(value("98.6%"), 0.986, "%");
	check_number(value("35%"), 0.35, "%");
	check_number(value("35.2%"), 0.352, "%");
	check_number(value("35％"), 0.35, "%");
	check_number(value("5‰"), 0.005, "‰");
	check_number(value("236.74万元"), 236.74, "万元");
	check_number(value("236.74 万元"), 236.74, "万元");
	check_number(value("8,832"), 8832, NULL);
	check_number(value("3天"), 3, "天");
	check_number(value("3日"), 3, "日");
	check_number(value("５７００人次"), 5700, "人次");
	check_number(value("5700人"), 5700, "人");
	check_number(value("1.5亿元"), 1.5, "亿元");
	check_number(value("200000元"), 200000, "元");
	check_number(value("12项"), 12, "项");
	check_number(value("3 公里"), 3, "公里");
	check_number(value("  42\t"), 42, NULL);
	check_number(value("2小时"), 2, "小时");
	check_number(value("-0"), 0, NULL);
	assert_false(signbit(value("-0").num));
	/* scaling shifts the written exponent: exactly the double of the literal */
	assert_true(value("98.6%").num == 0.986);
	assert_true(value("35.2%").num == 0.352);
	assert_true(value("1.4万").num == 14000);
}

static void test_value_multipliers(void **state)
{
	(void)state;
	check_number(value("1.4万"), 14000, NULL);
	check_number(value("1.4万人次"), 14000, "人次");
	check_number(value("1.4 万 人次"), 14000, "人次");
	check_number(value("5万人"), 50000, "人");
	check_number(value("2亿"), 2e8, NULL);
	check_number(value("0.5万户"), 5000, "户");
	/* 万元 is a unit, not 万 + 元 */
	check_number(value("10万元"), 10, "万元");
	value_fails("1.4万%", 3, "multiplier before a ratio unit");
	value_fails("1.4万匹", 6, "unknown unit");
}

static void test_value_kinds(void **state)
{
	(void)state;
	assert_int_equal(value("").kind, JX_LIT_EMPTY);
	assert_int_equal(value("  \t\u3000 ").kind, JX_LIT_EMPTY);
	assert_int_equal(value("不适用").kind, JX_LIT_NA);
	assert_int_equal(value(" 不适用 ").kind, JX_LIT_NA);
	assert_int_equal(value("n/a").kind, JX_LIT_NA);
	assert_int_equal(value("N/A").kind, JX_LIT_NA);
	assert_int_equal(value("NA").kind, JX_LIT_NA);
	assert_int_equal(value("na").kind, JX_LIT_NA);
	check_number(value("是"), 1, NULL);
	check_number(value("否"), 0, NULL);
	check_number(value("true"), 1, NULL);
	check_number(value("TRUE"), 1, NULL);
	check_number(value("false"), 0, NULL);
	check_number(value("FALSE"), 0, NULL);
	check_number(value("yes"), 1, NULL);
	check_number(value("no"), 0, NULL);
}

static void test_value_words(void **state)
{
	jx_value_lit v = value("达成");

	(void)state;
	assert_int_equal(v.kind, JX_LIT_WORD);
	assert_int_equal(v.has_fraction, 0);
	check_word(v.word, v.word_len, "达成");
	v = value("  部分达成\u3000");
	check_word(v.word, v.word_len, "部分达成");
	assert_int_equal(v.has_fraction, 0);
	v = value("达成 (较好)"); /* no digits: the whole text is the word */
	check_word(v.word, v.word_len, "达成 (较好)");
	assert_int_equal(v.has_fraction, 0);
	v = value("good");
	check_word(v.word, v.word_len, "good");
}

static void check_fraction(const char *s, const char *word, double fraction)
{
	jx_value_lit v = value(s);

	assert_int_equal(v.kind, JX_LIT_WORD);
	check_word(v.word, v.word_len, word);
	assert_int_equal(v.has_fraction, 1);
	assert_double_equal(v.fraction, fraction, TOL);
}

static void test_value_word_fraction(void **state)
{
	jx_value_lit v;

	(void)state;
	check_fraction("达成 0.92", "达成", 0.92);
	check_fraction("达成0.92", "达成", 0.92);
	check_fraction("达成(0.92)", "达成", 0.92);
	check_fraction("达成（0.92）", "达成", 0.92);
	check_fraction("达成：92%", "达成", 0.92);
	check_fraction("达成: 92 %", "达成", 0.92);
	check_fraction("基本达成 80％", "基本达成", 0.8);
	check_fraction("未达成 0", "未达成", 0);
	check_fraction("达成 1", "达成", 1);
	/* "达成 " = 7 bytes */
	value_fails("达成 1.5", 7, "fraction outside 0..1");
	value_fails("达成 120%", 7, "fraction outside 0..1");
	value_fails("达成(0.92", 11, "missing closing parenthesis");
	value_fails("达成 0.92 分", 12, "a fraction takes no unit but % or ‰");
	value_fails("达成 0.92 x", 12, "unknown unit");
	value_fails("达成 0.9 0.8", 11, "unexpected text");
	v = value("达成 NaN"); /* no digit after the word: all of it is the word */
	check_word(v.word, v.word_len, "达成 NaN");
	assert_int_equal(v.has_fraction, 0);
}

static void test_value_errors(void **state)
{
	(void)state;
	value_fails("NaN", 0, "not a finite number");
	value_fails("  Infinity", 2, "not a finite number");
	value_fails("-inf", 0, "not a finite number");
	value_fails("1e400", 0, "number out of range");
	value_fails(" 1e400%", 1, "number out of range");
	value_fails("8.8.3", 3, "malformed number");
	value_fails("12 匹", 3, "unknown unit");
	value_fails("12匹", 2, "unknown unit");
	value_fails("≥95%", 0, "unexpected comparison operator");
	value_fails("[1,2]", 0, "expected a number");
	value_fails("%", 0, "expected a number");
	value_fails("5 6", 2, "unexpected text");
	value_fails("5人 次", 5, "unexpected text");
	value_fails("5e", 1, "unknown unit");
}

/* ---- units ---- */

static void test_unit_find(void **state)
{
	const jx_unit *u;

	(void)state;
	u = jx_unit_find(&units, "人次", strlen("人次"));
	assert_non_null(u);
	assert_string_equal(u->name, "人次");
	u = jx_unit_find(&units, "人次", strlen("人")); /* a slice: just 人 */
	assert_non_null(u);
	assert_string_equal(u->name, "人");
	assert_string_equal(unit_named("万元")->name, "万元");
	assert_string_equal(unit_named("元")->name, "元");
	assert_ptr_equal(unit_named("％"), unit_named("%"));
	/* aliases resolve by name: each to the unit it spells */
	assert_ptr_equal(unit_named("百分比"), unit_named("%"));
	assert_ptr_equal(unit_named("kg"), unit_named("千克"));
	assert_ptr_equal(unit_named("t"), unit_named("吨"));
	assert_ptr_equal(unit_named("km"), unit_named("千米"));
	assert_int_equal(unit_named("kg")->dim, JX_DIM_MASS);
	assert_double_equal(unit_named("亩")->factor, 10000.0 / 15.0, 1e-12);
	assert_int_equal(unit_named("%")->dim, JX_DIM_RATIO);
	assert_int_equal(unit_named("万元")->dim, JX_DIM_MONEY);
	assert_int_equal(unit_named("日")->dim, JX_DIM_TIME);
	assert_int_equal(unit_named("天")->dim, JX_DIM_TIME);
	/* the catalogue's own 公里 wins over a rule set's */
	assert_int_equal(unit_named("公里")->dim, JX_DIM_LENGTH);
	assert_null(jx_unit_find(&units, "座", strlen("座")));
	assert_null(jx_unit_find(&units, "万", strlen("万")));
	assert_null(jx_unit_find(&units, "", 0));
	assert_null(jx_unit_find(NULL, "项", strlen("项")));
	assert_non_null(jx_unit_find(NULL, "元", strlen("元")));
}

static void test_unit_convert_money(void **state)
{
	double d = 0;

	(void)state;
	assert_int_equal(jx_unit_convert(&d, 10, unit_named("万元"), unit_named("元")), 0);
	assert_double_equal(d, 100000, TOL);
	assert_int_equal(jx_unit_convert(&d, 1, unit_named("亿元"), unit_named("万元")), 0);
	assert_double_equal(d, 10000, TOL);
	assert_int_equal(jx_unit_convert(&d, 2367400, unit_named("元"), unit_named("万元")), 0);
	assert_double_equal(d, 236.74, TOL);
	assert_int_equal(jx_unit_convert(&d, 236.74, unit_named("万元"), unit_named("元")), 0);
	assert_double_equal(d, 2367400, 1e-9);
	assert_int_equal(jx_unit_convert(&d, 5, unit_named("万元"), unit_named("亿元")), 0);
	assert_double_equal(d, 0.0005, TOL);
}

static void test_unit_convert_other(void **state)
{
	static const jx_unit own_person_times = {"人次", JX_DIM_OWN, 1.0};
	double d = 0;

	(void)state;
	/* no unit on either side passes through */
	assert_int_equal(jx_unit_convert(&d, 7, NULL, unit_named("元")), 0);
	assert_double_equal(d, 7, TOL);
	assert_int_equal(jx_unit_convert(&d, 8, unit_named("人次"), NULL), 0);
	assert_double_equal(d, 8, TOL);
	/* ratios are scaled at reading: % <-> ‰ unchanged */
	assert_int_equal(jx_unit_convert(&d, 0.35, unit_named("%"), unit_named("‰")), 0);
	assert_double_equal(d, 0.35, TOL);
	/* 天 = 日 */
	assert_int_equal(jx_unit_convert(&d, 3, unit_named("天"), unit_named("日")), 0);
	assert_double_equal(d, 3, TOL);
	/* own units by name */
	assert_int_equal(jx_unit_convert(&d, 9, &own_person_times, unit_named("人次")), 0);
	assert_double_equal(d, 9, TOL);
	assert_int_equal(jx_unit_convert(&d, 9, unit_named("项"), unit_named("项")), 0);
	/* incompatible */
	assert_int_equal(jx_unit_convert(&d, 1, unit_named("万元"), unit_named("人次")), -1);
	assert_int_equal(jx_unit_convert(&d, 1, unit_named("%"), unit_named("元")), -1);
	assert_int_equal(jx_unit_convert(&d, 1, unit_named("人"), unit_named("人次")), -1);
	assert_int_equal(jx_unit_convert(&d, 1, unit_named("天"), unit_named("月")), -1);
	assert_int_equal(jx_unit_convert(&d, 1, unit_named("天"), unit_named("小时")), 0);
	assert_double_equal(d, 24, TOL);
	assert_int_equal(jx_unit_convert(&d, 1.8, unit_named("公顷"), unit_named("亩")), 0);
	assert_double_equal(d, 27, 1e-9);
	assert_int_equal(jx_unit_convert(&d, 2, unit_named("吨"), unit_named("公斤")), 0);
	assert_double_equal(d, 2000, TOL);
	assert_int_equal(jx_unit_convert(&d, 1, unit_named("亩"), unit_named("吨")), -1);
	assert_int_equal(jx_unit_convert(NULL, 1, NULL, NULL), -1);
}

/* Targets as published tables write them (docs/rules.md, "Targets"). */
static void test_target_as_tables_write(void **state)
{
	(void)state;
	jx_target_lit t = target("═100%");
	assert_int_equal(t.cmp, JX_CMP_EQ);
	assert_double_equal(t.lo, 1.0, TOL);
	t = target("＝100%");
	assert_int_equal(t.cmp, JX_CMP_EQ);
	t = target("≧95%");
	assert_int_equal(t.cmp, JX_CMP_GE);
	t = target("≦3天");
	assert_int_equal(t.cmp, JX_CMP_LE);
	t = target("95%以上");
	assert_int_equal(t.cmp, JX_CMP_GE);
	assert_double_equal(t.lo, 0.95, TOL);
	assert_int_equal(t.bare, 0);
	t = target("10万元以内");
	assert_int_equal(t.cmp, JX_CMP_LE);
	assert_double_equal(t.lo, 10, TOL);
	t = target("不低于90%");
	assert_int_equal(t.cmp, JX_CMP_GE);
	assert_double_equal(t.lo, 0.9, TOL);
	t = target("不超过 5 天");
	assert_int_equal(t.cmp, JX_CMP_LE);
	/* an operator word before no number: a qualitative target */
	t = target("不低于去年水平");
	assert_int_equal(t.cmp, JX_CMP_WORD);
	t = target("≥2万亩");
	assert_int_equal(t.cmp, JX_CMP_GE);
	assert_double_equal(t.lo, 20000, TOL);
	assert_string_equal(t.unit->name, "亩");
}

/* An unknown measure word is a unit of its own where the caller adopts it. */
static void test_measure_words_adopted(void **state)
{
	(void)state;
	jx_arena *arena = jx_arena_new();
	jx_units adopting = {extra_units, 2, arena};
	jx_target_lit t;
	jx_lit_error err;
	assert_int_equal(jx_target_parse(&t, "≥3座", strlen("≥3座"), &adopting, &err), 0);
	assert_string_equal(t.unit->name, "座");
	assert_int_equal(t.unit->dim, JX_DIM_OWN);
	jx_value_lit v;
	assert_int_equal(jx_value_parse(&v, "1.8万棵", strlen("1.8万棵"), &adopting, &err), 0);
	assert_double_equal(v.num, 18000, TOL);
	assert_string_equal(v.unit->name, "棵");
	double d;
	assert_int_equal(jx_unit_convert(&d, 2, v.unit, t.unit), -1); /* 棵 is not 座 */
	assert_int_equal(jx_value_parse(&v, "4座", strlen("4座"), &adopting, &err), 0);
	assert_int_equal(jx_unit_convert(&d, 4, v.unit, t.unit), 0); /* 座 is 座 */
	jx_arena_free(arena);
}

/* ---- tables as published (docs/data.md §3.2) ---- */

static void check_word_target(jx_target_lit t, const char *word)
{
	assert_int_equal(t.cmp, JX_CMP_WORD);
	assert_null(t.unit);
	check_word(t.word, t.word_len, word);
}

/* A target read as a department's table reads it: unknown measure words
 * (个工作日, 座) adopted into `arena`. */
static jx_target_lit target_adopting(jx_arena *arena, const char *s)
{
	jx_units adopting = {extra_units, 2, arena};
	jx_target_lit t;
	jx_lit_error err = {0, NULL};
	size_t len = strlen(s);

	if (jx_target_parse(&t, exact_n(s, len), len, &adopting, &err))
		fail_msg("target '%s' (adopting): %s at %zu", s, err.message, err.offset);
	return t;
}

/* An operator spelt in words is one only before a number. */
static void test_word_operator_before_number(void **state)
{
	jx_value_lit v;

	(void)state;
	check_cmp(target("达到95%"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("达到 95%"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("达到\u3000５００人次"), JX_CMP_GE, 500, "人次");
	assert_int_equal(target("达到95%").bare, 0);
	check_word_target(target("达到预期"), "达到预期");
	check_word_target(target("达到"), "达到");
	check_word_target(target("超过"), "超过");
	check_word_target(target("高于上年"), "高于上年");
	/* an actual 达到预期 is a level word, not the operator 达到 */
	v = value("达到预期");
	assert_int_equal(v.kind, JX_LIT_WORD);
	assert_int_equal(v.has_fraction, 0);
	check_word(v.word, v.word_len, "达到预期");
	v = value("高于预期");
	assert_int_equal(v.kind, JX_LIT_WORD);
	check_word(v.word, v.word_len, "高于预期");
	v = value("不低于去年");
	assert_int_equal(v.kind, JX_LIT_WORD);
	check_word(v.word, v.word_len, "不低于去年");
	/* before a number it is an operator, which a value may not carry */
	value_fails("达到95%", 0, "unexpected comparison operator");
	value_fails("达到 95%", 0, "unexpected comparison operator");
	value_fails("不低于90%", 0, "unexpected comparison operator");
	value_fails("=>95%", 0, "unexpected comparison operator");
	/* a symbol is an operator whatever follows it */
	value_fails("≥达成", 0, "unexpected comparison operator");
}

/* Operators typed the other way round, and spelt in words. */
static void test_operators_typed_and_spelt(void **state)
{
	(void)state;
	check_cmp(target("=>95%"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("=> 95%"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("＝＞９５％"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("=<3天"), JX_CMP_LE, 3, "天");
	check_cmp(target("＝＜３天"), JX_CMP_LE, 3, "天");
	assert_int_equal(target("=>95%").bare, 0);
	/* 大于或等于 is >=, not 大于 and then text */
	check_cmp(target("大于或等于90%"), JX_CMP_GE, 0.9, "%");
	check_cmp(target("小于或等于10万元"), JX_CMP_LE, 10, "万元");
	check_cmp(target("大于等于90%"), JX_CMP_GE, 0.9, "%");
	check_cmp(target("小于等于1天"), JX_CMP_LE, 1, "天");
	check_cmp(target("高于80%"), JX_CMP_GT, 0.8, "%");
	check_cmp(target("超过100人次"), JX_CMP_GT, 100, "人次");
	check_cmp(target("多于3次"), JX_CMP_GT, 3, "次");
	check_cmp(target("多于 3 次"), JX_CMP_GT, 3, "次");
	check_cmp(target("大于0"), JX_CMP_GT, 0, NULL);
	check_cmp(target("低于5%"), JX_CMP_LT, 0.05, "%");
	check_cmp(target("少于2天"), JX_CMP_LT, 2, "天");
	check_cmp(target("小于3"), JX_CMP_LT, 3, NULL);
	check_cmp(target("不少于10场"), JX_CMP_GE, 10, "场");
	check_cmp(target("不小于1"), JX_CMP_GE, 1, NULL);
	check_cmp(target("至少3次"), JX_CMP_GE, 3, "次");
	check_cmp(target("不高于5%"), JX_CMP_LE, 0.05, "%");
	check_cmp(target("不超过200万元"), JX_CMP_LE, 200, "万元");
	check_cmp(target("不多于3次"), JX_CMP_LE, 3, "次");
	check_cmp(target("不大于1%"), JX_CMP_LE, 0.01, "%");
	check_cmp(target("等于100%"), JX_CMP_EQ, 1.0, "%");
	assert_int_equal(target("低于5%").bare, 0);
}

static void check_operator_len(const char *s, size_t len, size_t n, jx_cmp cmp, int is_word)
{
	jx_cmp c = 0;
	int w = -1;

	assert_int_equal(jx_operator_len(exact_n(s, len), len, &c, &w), n);
	assert_int_equal(c, cmp);
	assert_int_equal(w, is_word);
}

static void test_operator_len(void **state)
{
	jx_cmp c = 0;
	int w = -1;

	(void)state;
	check_operator_len("≥95%", strlen("≥95%"), strlen("≥"), JX_CMP_GE, 0);
	check_operator_len("=>95%", 5, 2, JX_CMP_GE, 0);
	check_operator_len("=<3", 3, 2, JX_CMP_LE, 0);
	check_operator_len("═100%", strlen("═100%"), strlen("═"), JX_CMP_EQ, 0);
	check_operator_len("≧95", strlen("≧95"), strlen("≧"), JX_CMP_GE, 0);
	check_operator_len("≦3", strlen("≦3"), strlen("≦"), JX_CMP_LE, 0);
	check_operator_len("大于或等于90%", strlen("大于或等于90%"), strlen("大于或等于"),
	                   JX_CMP_GE, 1);
	check_operator_len("多于3次", strlen("多于3次"), strlen("多于"), JX_CMP_GT, 1);
	check_operator_len("低于5%", strlen("低于5%"), strlen("低于"), JX_CMP_LT, 1);
	/* the operator word alone: whether it is one is the parsers' call */
	check_operator_len("达到预期", strlen("达到预期"), strlen("达到"), JX_CMP_GE, 1);
	/* slices: only len bytes are read */
	check_operator_len("大于或等于90%", strlen("大于"), strlen("大于"), JX_CMP_GT, 1);
	check_operator_len("=>95%", 1, 1, JX_CMP_EQ, 0);
	assert_int_equal(jx_operator_len(exact_n("95%", 3), 3, &c, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(jx_operator_len(exact_n("≥", strlen("≥")), strlen("≥"), NULL, NULL),
	                 strlen("≥"));
	assert_int_equal(jx_operator_len(NULL, 0, &c, &w), 0);
	assert_int_equal(w, 0);
}

/* Words after the number that say its direction. */
static void test_direction_words(void **state)
{
	jx_arena *arena = jx_arena_new();
	jx_target_lit t;

	(void)state;
	assert_non_null(arena);
	t = target("≥98%以上");
	check_cmp(t, JX_CMP_GE, 0.98, "%");
	assert_int_equal(t.bare, 0);
	check_cmp(target("≥98％以上"), JX_CMP_GE, 0.98, "%");
	t = target("90%以上");
	check_cmp(t, JX_CMP_GE, 0.9, "%");
	assert_int_equal(t.bare, 0);
	check_cmp(target("5%及以上"), JX_CMP_GE, 0.05, "%");
	check_cmp(target("不低于90%"), JX_CMP_GE, 0.9, "%");
	check_cmp(target("达到95%以上"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("5%以下"), JX_CMP_LE, 0.05, "%");
	check_cmp(target("5%及以下"), JX_CMP_LE, 0.05, "%");
	t = target("200万元以内");
	check_cmp(t, JX_CMP_LE, 200, "万元");
	assert_int_equal(t.bare, 0);
	check_cmp(target("10天之内"), JX_CMP_LE, 10, "天");
	check_cmp(target("9月前"), JX_CMP_LE, 9, "月");
	check_cmp(target("9月以前"), JX_CMP_LE, 9, "月");
	check_cmp(target("9月之前"), JX_CMP_LE, 9, "月");
	check_cmp(target("3内"), JX_CMP_LE, 3, NULL);
	/* a direction word with no number before it is a word */
	check_word_target(target("以上"), "以上");
	check_word_target(target("内"), "内");
	/* 个工作日 is a measure word a department's table adopts */
	check_cmp(target_adopting(arena, "≤3个工作日"), JX_CMP_LE, 3, "个工作日");
	t = target_adopting(arena, "3个工作日内");
	check_cmp(t, JX_CMP_LE, 3, "个工作日");
	assert_int_equal(t.bare, 0);
	check_range(target_adopting(arena, "3-5个工作日"), 3, 5, "个工作日");
	/* elsewhere it is an unknown unit: "≤3" is 4 bytes, "3" 1 */
	target_fails("≤3个工作日", 4, "unknown unit");
	target_fails("3个工作日内", 1, "unknown unit");
	jx_arena_free(arena);
}

/* Ranges without brackets: the unit on both bounds or on the upper alone. */
static void test_ranges_without_brackets(void **state)
{
	(void)state;
	check_range(target("80%-100%"), 0.8, 1.0, "%");
	check_range(target("80～100%"), 0.8, 1.0, "%");
	check_range(target("80%～100%"), 0.8, 1.0, "%");
	check_range(target("80-100%"), 0.8, 1.0, "%");
	check_range(target("80~100%"), 0.8, 1.0, "%");
	check_range(target("80－100%"), 0.8, 1.0, "%");
	check_range(target("80—100%"), 0.8, 1.0, "%");
	check_range(target("80–100%"), 0.8, 1.0, "%");
	check_range(target("80−100%"), 0.8, 1.0, "%");
	check_range(target("80 - 100 %"), 0.8, 1.0, "%");
	check_range(target("80％-100％"), 0.8, 1.0, "%");
	check_range(target("８０％～１００％"), 0.8, 1.0, "%");
	check_range(target("3-5天"), 3, 5, "天");
	check_range(target("１－５天"), 1, 5, "天");
	check_range(target("3到5天"), 3, 5, "天");
	check_range(target("85%至95%"), 0.85, 0.95, "%");
	check_range(target("1-2%"), 0.01, 0.02, "%");
	check_range(target("0.8-1"), 0.8, 1, NULL);
	/* thousands separators are read outside brackets */
	check_range(target("1,000-2,000人"), 1000, 2000, "人");
	/* a signed bound: the sign after the separator belongs to the number */
	check_range(target("-5%-5%"), -0.05, 0.05, "%");
	check_range(target("-5--3"), -5, -3, NULL);
	/* exactly the doubles of the literals */
	assert_true(target("85%至95%").lo == 0.85);
	assert_true(target("85%至95%").hi == 0.95);
}

/* A negative number is not a range; a date is no range either (table.c
 * reads dates before the literal; here they are errors). */
static void test_ranges_not_taken(void **state)
{
	jx_target_lit t;

	(void)state;
	t = target("-5");
	check_cmp(t, JX_CMP_GE, -5, NULL);
	assert_int_equal(t.bare, 1);
	t = target("−5");
	check_cmp(t, JX_CMP_GE, -5, NULL);
	assert_int_equal(t.bare, 1);
	t = target("－5天");
	check_cmp(t, JX_CMP_GE, -5, "天");
	assert_int_equal(t.bare, 1);
	check_number(value("-5"), -5, NULL);
	/* "2024-12" = 7 bytes: the 31 after it is not a third bound */
	target_fails("2024-12-31", 7, "unexpected text");
	target_fails("2024-12", 0, "lower bound above upper bound");
	target_fails("2024.12.31", 7, "malformed number");
	target_fails("2024/12/31", 4, "unknown unit");
	value_fails("2024-12", 4, "unexpected text");
	value_fails("2024-12-31", 4, "unexpected text");
	/* a range is a target, not a value */
	value_fails("80%-100%", 3, "unexpected text");
	/* errors in a range without brackets */
	target_fails("100%-80%", 0, "lower bound above upper bound");
	target_fails("80%-100", 2, "units of the range bounds differ");
	target_fails("80%-100元", 7, "units of the range bounds differ");
	target_fails("80%-100匹", 7, "unknown unit");
	target_fails("80%-", 3, "unexpected text");
	target_fails("80%至", 3, "unexpected text");
	target_fails("80%-100%-120%", 8, "unexpected text");
	/* no operator and no direction word with a range */
	target_fails("≥80%-100%", 6, "unexpected text");
	target_fails("3-5天内", 1, "unexpected text");
	target_fails("80%-100%以上", 3, "unexpected text");
}

/* "More than" after the figure (余, 多, +): the figure is read. */
static void test_approximate_figures(void **state)
{
	jx_target_lit t;

	(void)state;
	t = target("5000余人次");
	check_cmp(t, JX_CMP_GE, 5000, "人次");
	assert_int_equal(t.bare, 1);
	check_cmp(target("5000+人次"), JX_CMP_GE, 5000, "人次");
	check_cmp(target("5000＋人次"), JX_CMP_GE, 5000, "人次");
	check_cmp(target("300多户"), JX_CMP_GE, 300, "户");
	check_cmp(target("300 多 户"), JX_CMP_GE, 300, "户");
	check_cmp(target("5000余"), JX_CMP_GE, 5000, NULL);
	check_cmp(target("1.2万余人次"), JX_CMP_GE, 12000, "人次");
	check_cmp(target("5余万人"), JX_CMP_GE, 50000, "人");
	check_cmp(target("5000余万元"), JX_CMP_GE, 5000, "万元");
	check_number(value("5000余人次"), 5000, "人次");
	check_number(value("5000+人次"), 5000, "人次");
	check_number(value("300多户"), 300, "户");
	check_number(value("1.2万余人次"), 12000, "人次");
	/* + says "more than": not a sum */
	value_fails("5+3", 2, "unexpected text");
	/* 约, 累计 before the figure are the table reader's (table.c drops them
	 * before the literal); the literal alone reads a word: "约" 3 bytes and
	 * "5400" 4, so 人次 is at 7, as a fraction's unit */
	check_word_target(target("约5400人次"), "约5400人次");
	check_word_target(target("累计520人次"), "累计520人次");
	value_fails("约5400人次", 7, "a fraction takes no unit but % or ‰");
	value_fails("累计520人次", 9, "a fraction takes no unit but % or ‰");
	check_number(value("5400人次"), 5400, "人次");
}

/* Months, and a month's or a year's end, as units. */
static void test_months_and_deadlines(void **state)
{
	double d = 0;

	(void)state;
	assert_ptr_equal(unit_named("个月"), unit_named("月"));
	assert_ptr_equal(unit_named("月底"), unit_named("月"));
	assert_ptr_equal(unit_named("月末"), unit_named("月"));
	assert_ptr_equal(unit_named("年底"), unit_named("年"));
	assert_ptr_equal(unit_named("年末"), unit_named("年"));
	assert_int_equal(unit_named("个月")->dim, JX_DIM_MONTHS);
	check_number(value("12个月"), 12, "月");
	check_number(value("12月底"), 12, "月");
	check_number(value("6月末"), 6, "月");
	check_number(value("1年末"), 1, "年");
	check_cmp(target("12个月"), JX_CMP_GE, 12, "月");
	check_cmp(target("12月底"), JX_CMP_GE, 12, "月");
	check_cmp(target("6个月内"), JX_CMP_LE, 6, "月");
	check_cmp(target("10月前"), JX_CMP_LE, 10, "月");
	check_cmp(target("12月底前"), JX_CMP_LE, 12, "月");
	/* the literal knows no dates: 2024年底 is 2024 年 (table.c reads the
	 * date first) */
	check_cmp(target("2024年底"), JX_CMP_GE, 2024, "年");
	/* alone, without a number, they are words */
	check_word_target(target("月底"), "月底");
	check_word_target(target("年底"), "年底");
	assert_int_equal(value("年底").kind, JX_LIT_WORD);
	/* converted as months */
	assert_int_equal(jx_unit_convert(&d, 18, unit_named("个月"), unit_named("年")), 0);
	assert_double_equal(d, 1.5, TOL);
	assert_int_equal(jx_unit_convert(&d, 2, unit_named("季度"), unit_named("个月")), 0);
	assert_double_equal(d, 6, TOL);
	assert_int_equal(jx_unit_convert(&d, 1, unit_named("个月"), unit_named("天")), -1);
}

/* Full-width digits, ％ and the symbols tables use (≧ ≦ ═ ＝). */
static void test_full_width_as_published(void **state)
{
	(void)state;
	check_cmp(target("≧９８．５％"), JX_CMP_GE, 0.985, "%");
	check_cmp(target("≧ ９５ ％"), JX_CMP_GE, 0.95, "%");
	check_cmp(target("≦３天"), JX_CMP_LE, 3, "天");
	check_cmp(target("═１００％"), JX_CMP_EQ, 1.0, "%");
	check_cmp(target("═ 100 %"), JX_CMP_EQ, 1.0, "%");
	check_cmp(target("＝１００％"), JX_CMP_EQ, 1.0, "%");
	check_cmp(target("１．８万亩"), JX_CMP_GE, 18000, "亩");
	check_number(value("９８％"), 0.98, "%");
	check_number(value("９８．５％"), 0.985, "%");
	check_number(value("１．８万亩"), 18000, "亩");
	/* ％ is the unit % itself, and the scaling exact */
	assert_ptr_equal(target("＝１００％").unit, unit_named("%"));
	assert_true(target("≧９８．５％").lo == 0.985);
	assert_true(value("９８％").num == 0.98);
}

/* 万 and 亿 before a unit multiply; 万元 and 亿元 are units. */
static void test_multipliers_before_units(void **state)
{
	jx_value_lit v;
	double d = 0;

	(void)state;
	check_cmp(target("1.8万亩"), JX_CMP_GE, 18000, "亩");
	check_cmp(target("1.8万 亩"), JX_CMP_GE, 18000, "亩");
	check_cmp(target("≥1.8万亩"), JX_CMP_GE, 18000, "亩");
	check_cmp(target("2亿元"), JX_CMP_GE, 2, "亿元");
	check_cmp(target("≥2亿元"), JX_CMP_GE, 2, "亿元");
	check_cmp(target("2亿 元"), JX_CMP_GE, 2e8, "元");
	check_cmp(target("2亿人次"), JX_CMP_GE, 2e8, "人次");
	check_number(value("2亿元"), 2, "亿元");
	v = value("1.8万亩");
	check_number(v, 18000, "亩");
	assert_true(v.num == 18000);
	/* 18000 亩 = 1200 公顷; 2 亿元 = 20000 万元 */
	assert_int_equal(jx_unit_convert(&d, v.num, v.unit, unit_named("公顷")), 0);
	assert_double_equal(d, 1200, 1e-9);
	assert_int_equal(jx_unit_convert(&d, 2, unit_named("亿元"), unit_named("万元")), 0);
	assert_double_equal(d, 20000, TOL);
	/* before a ratio they are an error, at the multiplier */
	target_fails("1.8万%", 3, "multiplier before a ratio unit");
	target_fails("≥2亿‰", 4, "multiplier before a ratio unit");
}

/* Bad targets as tables write them, each with the offset reported. */
static void test_errors_as_published(void **state)
{
	(void)state;
	target_fails("≥abc", 3, "expected a number");
	target_fails("=", 1, "expected a number");
	target_fails("=<", 2, "expected a number");
	target_fails(">=<5", 2, "expected a number");
	target_fails(">=>5", 2, "expected a number");
	target_fails("≥五千人次", 3, "expected a number"); /* no Chinese numerals */
	/* unknown units: "≥5" is 4 bytes, "≥ 5 " 6 */
	target_fails("≥5匹", 4, "unknown unit");
	target_fails("≥ 5 匹", 6, "unknown unit");
	target_fails("5匹", 1, "unknown unit");
	target_fails("≥5公斤s", 4, "unknown unit");
	target_fails("达到95%的水平", 8, "unknown unit");
	value_fails("≥abc", 0, "unexpected comparison operator");
	value_fails("5匹", 1, "unknown unit");
}

/* A ratio's sign with words after it is no measure word: adopted, "90%左右"
 * would be 90 of a unit "%左右" and an actual 0.92 (92 %) would score 1 %
 * of it. It is an unknown unit, at the sign. */
static void test_ratio_sign_not_adopted(void **state)
{
	jx_arena *arena = jx_arena_new();
	jx_units adopting = {extra_units, 2, arena};
	jx_target_lit t;
	jx_value_lit v;
	jx_lit_error err = {0, NULL};
	const char *s;

	(void)state;
	assert_non_null(arena);
	s = exact_n("90%左右", strlen("90%左右"));
	assert_int_equal(jx_target_parse(&t, s, strlen("90%左右"), &adopting, &err), -1);
	assert_string_equal(err.message, "unknown unit");
	assert_int_equal(err.offset, 2);
	s = exact_n("≥90％左右", strlen("≥90％左右"));
	assert_int_equal(jx_target_parse(&t, s, strlen("≥90％左右"), &adopting, &err), -1);
	assert_string_equal(err.message, "unknown unit");
	assert_int_equal(err.offset, 5);
	s = exact_n("5‰以外", strlen("5‰以外"));
	assert_int_equal(jx_target_parse(&t, s, strlen("5‰以外"), &adopting, &err), -1);
	assert_int_equal(err.offset, 1);
	s = exact_n("100%完成", strlen("100%完成"));
	assert_int_equal(jx_value_parse(&v, s, strlen("100%完成"), &adopting, &err), -1);
	assert_string_equal(err.message, "unknown unit");
	assert_int_equal(err.offset, 3);
	/* the ratio itself, a direction word after it and other measure words
	 * are read as before */
	check_cmp(target_adopting(arena, "90%以上"), JX_CMP_GE, 0.9, "%");
	check_cmp(target_adopting(arena, "≥95 ％"), JX_CMP_GE, 0.95, "%");
	check_cmp(target_adopting(arena, "≥3座"), JX_CMP_GE, 3, "座");
	check_cmp(target_adopting(arena, "≥500元/户"), JX_CMP_GE, 500, "元/户");
	assert_null(jx_unit_adopt(&adopting, "%左右", strlen("%左右")));
	assert_null(jx_unit_adopt(&adopting, "‰", strlen("‰")));
	assert_non_null(jx_unit_adopt(&adopting, "座", strlen("座")));
	jx_arena_free(arena);
}

/* ---- slices of larger strings ---- */

static void test_slices(void **state)
{
	const char *big = "xx>= 95%yy";
	const char *fraction = "达成 0.92";
	jx_value_lit v;

	(void)state;
	check_cmp(target_n(big + 2, 6), JX_CMP_GE, 0.95, "%");
	check_cmp(target_n("12 人次", strlen("12 人")), JX_CMP_GE, 12, "人");
	check_number(value_n("8,8321", 5), 8832, NULL);
	check_number(value_n("236.74万元", strlen("236.74万")), 2367400, NULL);
	check_number(value_n("35%%", 3), 0.35, "%");
	v = value_n(fraction, strlen("达成"));
	check_word(v.word, v.word_len, "达成");
	assert_int_equal(v.has_fraction, 0);
	v = value_n(fraction, strlen("达成 0.9"));
	assert_double_equal(v.fraction, 0.9, TOL);
	check_range(target_n("[90%, 110%]]]", strlen("[90%, 110%]")), 0.9, 1.1, "%");
	assert_int_equal(value_n("不适用啊", strlen("不适用")).kind, JX_LIT_NA);
	assert_int_equal(value_n("是否", strlen("是")).num, 1);
	assert_int_equal(value_n("anything", 0).kind, JX_LIT_EMPTY);
}

static void test_arguments(void **state)
{
	jx_target_lit t;
	jx_value_lit v;
	jx_lit_error err = {0, NULL};
	double d;

	(void)state;
	assert_int_equal(jx_target_parse(&t, NULL, 0, NULL, &err), -1);
	assert_string_equal(err.message, "empty target");
	assert_int_equal(jx_value_parse(&v, NULL, 0, NULL, NULL), 0);
	assert_int_equal(v.kind, JX_LIT_EMPTY);
	assert_int_equal(jx_value_parse(NULL, "1", 1, NULL, &err), -1);
	assert_int_equal(jx_target_parse(&t, NULL, 3, NULL, NULL), -1);
	assert_int_equal(jx_number_parse(&d, NULL, 0), -1);
	/* no rule-set units: built-ins still work, extras do not */
	assert_int_equal(jx_value_parse(&v, "3项", strlen("3项"), NULL, &err), -1);
	assert_string_equal(err.message, "unknown unit");
	assert_int_equal(jx_value_parse(&v, "3天", strlen("3天"), NULL, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_operators_half_width, release_copies),
	    cmocka_unit_test_teardown(test_operators_full_width, release_copies),
	    cmocka_unit_test_teardown(test_target_spaces, release_copies),
	    cmocka_unit_test_teardown(test_target_bare, release_copies),
	    cmocka_unit_test_teardown(test_target_range, release_copies),
	    cmocka_unit_test_teardown(test_target_range_errors, release_copies),
	    cmocka_unit_test_teardown(test_target_as_tables_write, release_copies),
	    cmocka_unit_test_teardown(test_measure_words_adopted, release_copies),
	    cmocka_unit_test_teardown(test_target_word, release_copies),
	    cmocka_unit_test_teardown(test_target_errors, release_copies),
	    cmocka_unit_test_teardown(test_number_plain, release_copies),
	    cmocka_unit_test_teardown(test_number_thousands, release_copies),
	    cmocka_unit_test_teardown(test_number_nonfinite, release_copies),
	    cmocka_unit_test_teardown(test_value_numbers, release_copies),
	    cmocka_unit_test_teardown(test_value_multipliers, release_copies),
	    cmocka_unit_test_teardown(test_value_kinds, release_copies),
	    cmocka_unit_test_teardown(test_value_words, release_copies),
	    cmocka_unit_test_teardown(test_value_word_fraction, release_copies),
	    cmocka_unit_test_teardown(test_value_errors, release_copies),
	    cmocka_unit_test_teardown(test_unit_find, release_copies),
	    cmocka_unit_test_teardown(test_unit_convert_money, release_copies),
	    cmocka_unit_test_teardown(test_unit_convert_other, release_copies),
	    cmocka_unit_test_teardown(test_word_operator_before_number, release_copies),
	    cmocka_unit_test_teardown(test_operators_typed_and_spelt, release_copies),
	    cmocka_unit_test_teardown(test_operator_len, release_copies),
	    cmocka_unit_test_teardown(test_direction_words, release_copies),
	    cmocka_unit_test_teardown(test_ranges_without_brackets, release_copies),
	    cmocka_unit_test_teardown(test_ranges_not_taken, release_copies),
	    cmocka_unit_test_teardown(test_approximate_figures, release_copies),
	    cmocka_unit_test_teardown(test_months_and_deadlines, release_copies),
	    cmocka_unit_test_teardown(test_full_width_as_published, release_copies),
	    cmocka_unit_test_teardown(test_multipliers_before_units, release_copies),
	    cmocka_unit_test_teardown(test_errors_as_published, release_copies),
	    cmocka_unit_test_teardown(test_ratio_sign_not_adopted, release_copies),
	    cmocka_unit_test_teardown(test_slices, release_copies),
	    cmocka_unit_test_teardown(test_arguments, release_copies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
