/*
 * test_round.c - spreadsheet ROUND and number formatting
 * (engine/common/round.c). Rounding results are compared exactly: the
 * expected literal is the double nearest the decimal answer, which is what
 * jx_round must return.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/round.h"

static void check_round_at(double x, int digits, double want, int line)
{
	double got = jx_round(x, digits);

	if (got != want || signbit(got) != signbit(want))
		fail_msg("line %d: jx_round(%.17g, %d) = %.17g, want %.17g", line, x, digits, got,
		         want);
}
#define check_round(x, d, want) check_round_at((x), (d), (want), __LINE__)

static void half_away_from_zero_on_decimals(void **state)
{
	(void)state;
	check_round(1.005, 2, 1.01); /* stored as 1.00499999999999989... */
	check_round(2.675, 2, 2.68);
	check_round(-1.005, 2, -1.01);
	check_round(35.235, 2, 35.24);
	check_round(0.285, 2, 0.29);
	check_round(1.015, 2, 1.02);
	check_round(8.345, 2, 8.35);
	check_round(1234.5678, 2, 1234.57);
	check_round(1234.5678, 3, 1234.568);
	check_round(1234.5648, 2, 1234.56);
	check_round(-1234.5678, 1, -1234.6);
	check_round(35.234999, 2, 35.23);
}

static void zero_digits(void **state)
{
	(void)state;
	check_round(0.5, 0, 1.0);
	check_round(-0.5, 0, -1.0);
	check_round(1.5, 0, 2.0);
	check_round(2.5, 0, 3.0);
	check_round(-2.5, 0, -3.0);
	check_round(2.4999, 0, 2.0);
	check_round(99.5, 0, 100.0);
	check_round(0.49, 0, 0.0);
	check_round(7.0, 0, 7.0);
}

static void carries_and_tiny_values(void **state)
{
	(void)state;
	check_round(9.995, 2, 10.0); /* carry through every digit */
	check_round(-9.995, 2, -10.0);
	check_round(0.995, 2, 1.0);
	check_round(0.005, 2, 0.01); /* first digit is the rounding digit */
	check_round(0.0049999, 2, 0.0);
	check_round(0.004, 2, 0.0);
	check_round(-0.004, 2, 0.0); /* never -0 */
	check_round(-0.0, 2, 0.0);
	check_round(1e-300, 2, 0.0);
	check_round(4.9e-324, 15, 0.0); /* smallest subnormal */
}

static void fifteen_digits(void **state)
{
	(void)state;
	check_round(0.1 + 0.2, 15, 0.3); /* 0.30000000000000004 has 17 digits */
	check_round(0.1 + 0.2, 2, 0.3);
	check_round(1.23456789012345678, 15, 1.23456789012346);
	check_round(1.23456789012345678, 14, 1.23456789012346);
	check_round(1.23456789012345678, 13, 1.2345678901235);
	check_round(0.000123456789012345678, 15, 0.000123456789012); /* 15 decimals */
	check_round(1.0 / 3.0, 15, 0.333333333333333);
	check_round(2.0 / 3.0, 15, 0.666666666666667);
	check_round(1.005, 20, 1.005); /* digits above 15 act as 15 */
}

static void large_values(void **state)
{
	(void)state;
	check_round(1e20, 2, 1e20);
	check_round(-1e20, 0, -1e20);
	/* 15 digits of DBL_MAX (1.79769313486232e308) overflow: left as is. */
	check_round(1.7976931348623157e308, 2, 1.7976931348623157e308);
	check_round(123456789.125, 2, 123456789.13);
	check_round(123456789012.345, 2, 123456789012.35);
	check_round(2362.74e4, 2, 23627400.0);
	check_round(1e13 + 0.5, 0, 1e13 + 1.0);
	check_round(1e15 + 0.5, 0, 1e15); /* the .5 is the 17th digit: not kept */
}

static void negative_digits(void **state)
{
	(void)state;
	check_round(1234.0, -2, 1200.0);
	check_round(1250.0, -2, 1300.0);
	check_round(-1250.0, -2, -1300.0);
	check_round(49.0, -2, 0.0);
	check_round(50.0, -2, 100.0);
	check_round(123.0, -1000, 0.0);
}

static void non_finite_pass_through(void **state)
{
	(void)state;
	assert_true(isnan(jx_round(NAN, 2)));
	assert_true(jx_round(INFINITY, 2) == INFINITY);
	assert_true(jx_round(-INFINITY, 0) == -INFINITY);
}

static void check_fixed_at(double x, int digits, const char *want, int line)
{
	char buf[400];
	int n = jx_format_fixed(buf, sizeof(buf), x, digits);

	if (strcmp(buf, want) != 0 || n != (int)strlen(want))
		fail_msg("line %d: jx_format_fixed(%.17g, %d) = \"%s\" (%d), want \"%s\"", line, x,
		         digits, buf, n, want);
}
#define check_fixed(x, d, want) check_fixed_at((x), (d), (want), __LINE__)

static void format_fixed(void **state)
{
	char small[4];

	(void)state;
	check_fixed(35.235, 2, "35.24");
	check_fixed(35.2349, 2, "35.23");
	check_fixed(1.005, 2, "1.01");
	check_fixed(-1.005, 2, "-1.01");
	check_fixed(2.0, 2, "2.00");
	check_fixed(0.5, 0, "1");
	check_fixed(-0.5, 0, "-1");
	check_fixed(0.0, 2, "0.00");
	check_fixed(-0.0, 2, "0.00");
	check_fixed(-0.001, 2, "0.00");
	check_fixed(-0.004, 0, "0");
	check_fixed(9.995, 2, "10.00");
	check_fixed(1e20, 2, "100000000000000000000.00");
	check_fixed(701444969.3655, 8, "701444969.36550000"); /* digits, not double noise */
	check_fixed(123456789012.345, 4, "123456789012.3450");
	check_fixed(0.000123, 5, "0.00012");
	check_fixed(-0.000125, 5, "-0.00013");
	check_fixed(-1e-300, 2, "0.00");
	check_fixed(0.1 + 0.2, 15, "0.300000000000000");
	check_fixed(1234.5, -1, "1235"); /* negative digits print as 0 decimals */
	/* Truncated like snprintf: the count is the full length. */
	assert_int_equal(jx_format_fixed(small, sizeof(small), 1234.5, 1), 6);
	assert_string_equal(small, "123");
}

static void check_shortest_at(double x, const char *want, int line)
{
	char buf[64];
	int n = jx_format_shortest(buf, sizeof(buf), x);

	if (strcmp(buf, want) != 0 || n != (int)strlen(want))
		fail_msg("line %d: jx_format_shortest(%.17g) = \"%s\", want \"%s\"", line, x, buf,
		         want);
}
#define check_shortest(x, want) check_shortest_at((x), (want), __LINE__)

static void format_shortest(void **state)
{
	(void)state;
	check_shortest(0.1, "0.1");
	check_shortest(1607.0, "1607");
	check_shortest(10.0, "10");
	check_shortest(-2.5, "-2.5");
	/* 17 digits printed, but 16 already read back as the same double */
	check_shortest(0.35233501425126068, "0.3523350142512607");
	check_shortest(1.0 / 3.0, "0.3333333333333333");
	check_shortest(0.1 + 0.2, "0.30000000000000004");
	check_shortest(1e20, "1e+20");
	check_shortest(123456789012345.0, "123456789012345");
	check_shortest(5e-324, "4.94065645841247e-324");
}

/* The writers' short path gives jx_format_fixed's text whenever it answers,
 * and answers for ordinary scores; checked on a million values of every
 * shape (integers, halves, near-halves, negatives, large, tiny). */
static void format_fixed_short_agrees(void **state)
{
	(void)state;
	unsigned long long seed = 42;
	size_t answered = 0, total = 0;
	for (int k = 0; k < 1000000; k++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		double u = (double)(seed >> 11) / 9007199254740992.0; /* [0, 1) */
		int digits = (int)((seed >> 3) % 11) - 1;             /* -1 .. 9 */
		double x;
		switch (k % 5) {
		case 0:
			x = u * 100;
			break; /* scores */
		case 1:
			x = floor(u * 2000) / 200 + 0.005;
			break; /* halves */
		case 2:
			x = -u * 1e6;
			break; /* negatives */
		case 3:
			x = u * 2e9;
			break; /* past the fast range */
		default:
			x = u * 1e-7;
			break; /* tiny */
		}
		char fast[32], slow[400];
		size_t n = jx_format_fixed_short(fast, x, digits);
		total++;
		if (!n)
			continue;
		answered++;
		int m = jx_format_fixed(slow, sizeof(slow), x, digits);
		fast[n] = '\0';
		if ((int)n != m || strcmp(fast, slow) != 0)
			fail_msg("x = %.17g, digits %d: short '%s', fixed '%s'", x, digits, fast,
			         slow);
	}
	assert_true(answered > total / 2); /* the short path does serve */
	assert_int_equal(jx_format_fixed_short((char[32]){0}, NAN, 2), 0);
	assert_int_equal(jx_format_fixed_short((char[32]){0}, 1.0, -1), 0);
}

/* ROUND(x, digits) written out the long way, independently of round.c:
 * printf's 15 significant digits, then half away from zero on the digit
 * string, then the fixed text ("-3.73"). For 0 <= digits <= 9. */
static void reference_fixed(char *out, size_t size, double x, int digits)
{
	char e15[40], dig[17];
	snprintf(e15, sizeof(e15), "%.14e", fabs(x)); /* d.dddddddddddddde+XX */
	dig[0] = '0';                                 /* room for a carry */
	dig[1] = e15[0];
	memcpy(dig + 2, e15 + 2, 14);
	int exp = atoi(strchr(e15, 'e') + 1);
	int keep = exp + digits + 1; /* digits of the 15 kept */
	unsigned long long n = 0;
	if (keep >= 0 && x != 0) {
		for (int i = 0; i <= keep && i <= 15; i++)
			n = n * 10 + (unsigned long long)(dig[i] - '0');
		if (keep < 15 && dig[keep + 1] >= '5')
			n++;
		for (int i = 15; i < keep; i++)
			n *= 10;
	}
	unsigned long long scale = 1;
	for (int i = 0; i < digits; i++)
		scale *= 10;
	char decimals[16];
	unsigned long long part = n % scale;
	for (int i = digits - 1; i >= 0; i--, part /= 10)
		decimals[i] = (char)('0' + part % 10);
	decimals[digits] = '\0';
	snprintf(out, size, "%s%llu%s%s", x < 0 && n ? "-" : "", n / scale, digits ? "." : "",
	         decimals);
}

/* Values within a millionth of a half at their digits (3.7249999999999996,
 * a score 5 x 0.745 as the batch computes it) are decided from their 15
 * significant digits without printing (round.c, round_near_half): checked
 * against printf's digits on the halves themselves, their neighbours a few
 * ulps away, and products as scores come out of weights and fractions. */
static void near_halves_agree_with_printf(void **state)
{
	(void)state;
	unsigned long long seed = 7;
	for (int k = 0; k < 2000000; k++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		int digits = (int)((seed >> 7) % 10); /* 0 .. 9 */
		double scale = pow(10, digits);
		double whole = (double)((seed >> 20) % 100000) / (k % 3 ? 1 : 1000);
		double x;
		if (k % 4 == 3) /* a weight times a fraction of a few decimals */
			x = (double)((seed >> 33) % 20 + 1) *
			    ((double)((seed >> 40) % 2000) / 2000);
		else
			x = (whole + 0.5) / scale;
		int ulps = (int)((seed >> 50) % 41) - 20;
		for (int u = 0; u < abs(ulps); u++)
			x = nextafter(x, ulps < 0 ? 0 : INFINITY);
		if (k % 5 == 4)
			x = -x;
		if (!(fabs(x) * scale < 1e9))
			continue;
		char want[64], got[400];
		reference_fixed(want, sizeof(want), x, digits);
		jx_format_fixed(got, sizeof(got), x, digits);
		if (strcmp(want, got) != 0)
			fail_msg("x = %.17g, digits %d: printf says '%s', jx_format_fixed '%s'", x,
			         digits, want, got);
		double r = jx_round(x, digits), w = strtod(want, NULL);
		if (r != w || (r == 0 && signbit(r)))
			fail_msg("x = %.17g, digits %d: jx_round %.17g, printf %.17g", x, digits, r,
			         w);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(half_away_from_zero_on_decimals),
	    cmocka_unit_test(zero_digits),
	    cmocka_unit_test(carries_and_tiny_values),
	    cmocka_unit_test(fifteen_digits),
	    cmocka_unit_test(large_values),
	    cmocka_unit_test(negative_digits),
	    cmocka_unit_test(non_finite_pass_through),
	    cmocka_unit_test(format_fixed),
	    cmocka_unit_test(format_shortest),
	    cmocka_unit_test(format_fixed_short_agrees),
	    cmocka_unit_test(near_halves_agree_with_printf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
