/*
 * round.c - a spreadsheet's ROUND and number formatting (see round.h).
 *
 * ROUND must act on the decimal number the user typed, not on its binary
 * approximation: 1.005 is stored as 1.00499999999999989..., yet ROUND(1.005, 2)
 * is 1.01. So the value is printed to 15 significant digits (what a
 * spreadsheet keeps, and enough that every such decimal survives the trip
 * through a double), that digit string is rounded half away from zero, and
 * strtod reads the result back as the nearest double.
 *
 * jx_format_fixed writes that rounded decimal itself rather than printing the
 * double, so "%.8f"-style noise never shows (701444969.3655 to 8 decimals is
 * 701444969.36550000, not ...36549997).
 *
 * Negative digits round left of the decimal point, as ROUND(1250, -2) = 1300.
 *
 * Every number is printed and read in the C locale (c_locale.h), so a
 * caller's decimal comma never reaches the digits or the output.
 */
#include "round.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_locale.h"

#define ROUND_SIG        15     /* significant digits kept, as a spreadsheet does */
#define ROUND_MAX_DIGITS 15     /* decimals accepted by jx_round */
#define ROUND_MIN_DIGITS (-400) /* beyond any double's exponent: rounds to 0 */

/*
 * Splits |x| into 15 significant digits and a decimal exponent: |x| is
 * 0.d[0]d[1]...d[14] * 10^(exp + 1), i.e. d[0] sits at place 10^exp.
 */
static void round_split(double x, char dig[ROUND_SIG], int *exp)
{
	char s[40];
	char *e;

	jx_snprintf(s, sizeof(s), "%.*e", ROUND_SIG - 1, fabs(x)); /* d.dddde+XX */
	dig[0] = s[0];
	memcpy(dig + 1, s + 2, ROUND_SIG - 1);
	e = strchr(s, 'e');
	*exp = e ? (int)strtol(e + 1, NULL, 10) : 0;
}

/* A rounded decimal: value = (neg ? -1 : 1) * mant * 10^exp10. */
typedef struct {
	char mant[ROUND_SIG + 2]; /* decimal digits, NUL-terminated; "" for zero */
	int exp10;
	int neg;
} round_decimal;

/*
 * Keeps the first `keep` of the 15 digits, rounding half away from zero on
 * digit `keep` (a carry out of the first digit adds a leading 1).
 */
static void round_keep(round_decimal *d, const char dig[ROUND_SIG], int exp, int keep)
{
	char *m = d->mant;
	int carry = 0, i;

	d->mant[0] = '\0';
	if (keep < 0)
		return;
	if (keep > ROUND_SIG)
		keep = ROUND_SIG;
	memcpy(m + 1, dig, (size_t)keep);
	if (keep < ROUND_SIG && dig[keep] >= '5') {
		carry = 1;
		for (i = keep; i >= 1 && carry; i--) {
			if (m[i] == '9') {
				m[i] = '0';
			} else {
				m[i]++;
				carry = 0;
			}
		}
	}
	m[keep + 1] = '\0';
	if (carry)
		m[0] = '1';
	else
		memmove(m, m + 1, (size_t)keep + 1);
	d->exp10 = exp - keep + 1;
}

/* Rounds finite x to `digits` decimals (clamped), as a decimal number. */
static void round_to_decimal(double x, int digits, round_decimal *d)
{
	char dig[ROUND_SIG];
	int exp;

	if (digits > ROUND_MAX_DIGITS)
		digits = ROUND_MAX_DIGITS;
	if (digits < ROUND_MIN_DIGITS)
		digits = ROUND_MIN_DIGITS;
	d->neg = x < 0;
	d->mant[0] = '\0';
	d->exp10 = 0;
	if (x == 0.0)
		return;
	round_split(x, dig, &exp);
	round_keep(d, dig, exp, exp + digits + 1);
}

static const double pow10_table[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

#if LDBL_MANT_DIG >= 64
static const long double pow10_long[] = {1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,
                                         1e7L,  1e8L,  1e9L,  1e10L, 1e11L, 1e12L, 1e13L,
                                         1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L,
                                         1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L};
#endif

/*
 * The 15 significant digits of |x| as an integer sig in [1e14, 1e15), |x|
 * ~ sig * 10^(exp - 14), without printing: |x| * 10^(14 - exp) in long
 * double, where 10^k is exact for k <= 27 (5^27 < 2^64) and the product is
 * within 2^-64 of the truth, i.e. within 6e-5 of it below 1e15. Rounded to
 * the nearest integer, as printf rounds, unless that product is within 1e-4
 * of a half (then the digits are printf's to decide): returns 0 then, and
 * where long double has no 64-bit significand or exp is out of the table.
 */
static int split_15(double x, long long *sig, int *exp)
{
#if LDBL_MANT_DIG >= 64
	double a = fabs(x);
	int e = (int)floor(log10(a));
	for (int tries = 0; tries < 2; tries++) {
		if (e < -13 || e > 14)
			return 0;
		long double p = (long double)a * pow10_long[14 - e];
		if (p < 1e14L) {
			e--;
			continue;
		}
		if (p >= 1e15L) {
			e++;
			continue;
		}
		long double whole = floorl(p), frac = p - whole;
		if (fabsl(frac - 0.5L) < 1e-4L)
			return 0;
		long long n = (long long)whole + (frac > 0.5L);
		if (n == 1000000000000000LL) { /* 9.99...95 carries into 10 */
			n /= 10;
			e++;
		}
		*sig = n;
		*exp = e;
		return 1;
	}
#else
	(void)x;
	(void)sig;
	(void)exp;
#endif
	return 0;
}

/*
 * round_fast's undecided case (a value within 1e-6 of a half at `digits`,
 * where the 15-digit decimal decides, as for 3.7249999999999996 =
 * 3.72500000000000 -> 3.73): the decimal's digits from split_15, rounded
 * half away from zero at `digits` as round_keep does it, in integers.
 * 0 when split_15 cannot say: the printed digits decide then.
 */
static int round_near_half(double x, int digits, long long *out)
{
	static const long long pow10_ll[] = {1LL,
	                                     10LL,
	                                     100LL,
	                                     1000LL,
	                                     10000LL,
	                                     100000LL,
	                                     1000000LL,
	                                     10000000LL,
	                                     100000000LL,
	                                     1000000000LL,
	                                     10000000000LL,
	                                     100000000000LL,
	                                     1000000000000LL,
	                                     10000000000000LL,
	                                     100000000000000LL,
	                                     1000000000000000LL};
	long long sig;
	int exp;
	if (!split_15(x, &sig, &exp))
		return 0;
	int drop = 15 - (exp + digits + 1); /* digits of sig right of the rounding place */
	if (drop < 1 || drop > 15)
		return 0;
	long long q = sig / pow10_ll[drop], r = sig % pow10_ll[drop];
	long long n = q + (r >= 5 * pow10_ll[drop - 1]);
	*out = x < 0 ? -n : n;
	return 1;
}

/*
 * The fast path, for the values jixiao rounds all day (scores, completions):
 * x * 10^digits, rounded half away from zero, as an integer - taken only
 * when the binary value is clearly away from a half, where rounding the
 * double and rounding its 15-significant-digit decimal form cannot differ.
 * Below 1e9 the 15-digit form moves the scaled value by at most 5e-7, so a
 * fraction farther than 1e-6 from .5 decides the same way. Returns 0 when
 * the exact path must decide.
 */
static int round_fast(double x, int digits, long long *out)
{
	if (digits < 0 || digits > 9)
		return 0;
	double v = fabs(x) * pow10_table[digits];
	if (!(v < 1e9))
		return 0;
	/* 0 <= v < 1e9: truncation is floor, without a libm call */
	double whole = (double)(long long)v, frac = v - whole;
	if (fabs(frac - 0.5) < 1e-6)
		return round_near_half(x, digits, out);
	long long n = (long long)whole + (frac > 0.5);
	*out = x < 0 ? -n : n;
	return 1;
}

double jx_round(double x, int digits)
{
	round_decimal d;
	char text[64];
	double r;
	long long n;

	if (!isfinite(x))
		return x;
	if (round_fast(x, digits, &n))
		return n == 0 ? 0.0 : (double)n / pow10_table[digits];
	round_to_decimal(x, digits, &d);
	if (d.mant[0] == '\0')
		return 0.0; /* also for -0.0 and tiny negatives: never -0 */
	snprintf(text, sizeof(text), "%se%d", d.mant, d.exp10);
	r = jx_strtod(text, NULL);
	if (isinf(r)) /* 15 digits of a value near DBL_MAX: nothing to round */
		return x;
	return d.neg ? -r : r;
}

/*
 * Writes d with exactly `digits` decimals into text (size >= 400 is enough
 * for any double): the digits of mant, the zeros its exponent stands for,
 * then the decimal point `digits` places from the right.
 */
static void round_fixed_text(char *text, const round_decimal *d, int digits)
{
	size_t mlen = strlen(d->mant), zeros = 0, ilen, pad = 0, k = 0;

	if (mlen > 0 && d->exp10 + digits > 0)
		zeros = (size_t)(d->exp10 + digits);
	ilen = mlen + zeros; /* the value times 10^digits, as an integer */
	if (ilen < (size_t)digits + 1)
		pad = (size_t)digits + 1 - ilen;
	if (d->neg && mlen > 0)
		text[k++] = '-';
	memset(text + k, '0', pad);
	k += pad;
	memcpy(text + k, d->mant, mlen);
	k += mlen;
	memset(text + k, '0', zeros);
	k += zeros;
	if (digits > 0) {
		memmove(text + k - digits + 1, text + k - digits, (size_t)digits);
		text[k - digits] = '.';
		k++;
	}
	text[k] = '\0';
}

/* Writes n / 10^digits with exactly `digits` decimals ("-12.05"). */
static int fixed_from_scaled(char *buf, size_t size, long long n, int digits)
{
	char text[40];
	size_t k = sizeof(text);
	unsigned long long u = n < 0 ? (unsigned long long)(-(n + 1)) + 1 : (unsigned long long)n;
	text[--k] = '\0';
	for (int i = 0; i < digits; i++) {
		text[--k] = (char)('0' + u % 10);
		u /= 10;
	}
	if (digits > 0)
		text[--k] = '.';
	do {
		text[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		text[--k] = '-';
	size_t len = sizeof(text) - 1 - k;
	if (size > 0) {
		size_t copy = len < size - 1 ? len : size - 1;
		memcpy(buf, text + k, copy);
		buf[copy] = '\0';
	}
	return (int)len;
}

size_t jx_format_fixed_short(char *buf, double x, int digits)
{
	static const unsigned long long scale[] = {
	    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
	long long n;
	if (digits < 0 || !isfinite(x) || !round_fast(x, digits, &n))
		return 0;
	/* round_fast: |n| < 1e9 + 1 and digits <= 9, so at most 21 characters */
	unsigned long long u = n < 0 ? (unsigned long long)(-n) : (unsigned long long)n;
	/* 2 decimals (every score and total) by a constant: a multiply, not the
	 * division by scale[digits] */
	unsigned long long whole = digits == 2 ? u / 100 : u / scale[digits];
	unsigned long long part = u - whole * scale[digits];
	char *p = buf;
	if (n < 0)
		*p++ = '-';
	int width = 1;
	for (unsigned long long t = whole; t >= 10; t /= 10)
		width++;
	for (int i = width - 1; i >= 0; i--, whole /= 10)
		p[i] = (char)('0' + whole % 10);
	p += width;
	if (digits > 0) {
		*p++ = '.';
		for (int i = digits - 1; i >= 0; i--, part /= 10)
			p[i] = (char)('0' + part % 10);
		p += digits;
	}
	return (size_t)(p - buf);
}

int jx_format_fixed(char *buf, size_t size, double x, int digits)
{
	char text[400]; /* DBL_MAX to 15 decimals: 1 + 309 + 15 + 1 + 1 bytes */
	round_decimal d;

	if (digits < 0)
		digits = 0;
	if (digits > ROUND_MAX_DIGITS)
		digits = ROUND_MAX_DIGITS;
	if (!isfinite(x))
		return jx_snprintf(buf, size, "%.*f", digits, x);
	long long n;
	if (round_fast(x, digits, &n))
		return fixed_from_scaled(buf, size, n, digits);
	round_to_decimal(x, digits, &d);
	round_fixed_text(text, &d, digits);
	return snprintf(buf, size, "%s", text);
}

int jx_format_shortest(char *buf, size_t size, double x)
{
	char text[40];
	int prec;

	locale_t previous = jx_locale_enter(); /* a point, not the caller's comma */
	for (prec = 15; prec <= 17; prec++) {
		snprintf(text, sizeof(text), "%.*g", prec, x);
		if (jx_strtod(text, NULL) == x)
			break;
	}
	jx_locale_leave(previous);
	return snprintf(buf, size, "%s", text);
}
