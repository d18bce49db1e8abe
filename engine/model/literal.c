/*
 * literal.c - targets and values as finance staff write them (docs/rules.md, docs/data.md §2).
 *
 * A hand-written scanner over s[0..len): the input is never assumed to be
 * NUL-terminated and nothing is allocated. Full-width forms (０-９ ＋ － ．
 * ， ％ ＞ ＜ ＝ ［ ］ 【 】 and the ideographic space U+3000) read like their
 * ASCII twins. A number is copied, cleaned to ASCII, into a fixed buffer and
 * read by strtod in the C locale (jx_strtod, common/c_locale.h): the
 * caller's LC_NUMERIC, a decimal comma say, changes nothing here.
 *
 * Ratio units and the multipliers 万 (1e4) and 亿 (1e8) are applied by
 * shifting the written exponent before strtod, so "98.6%" is exactly the
 * double 0.986 and "1.4万" exactly 14000. Thousands separators are read
 * outside ranges only: inside "[90,110]" the comma separates the bounds.
 */
#include "literal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/c_locale.h"
#include "../common/utf8.h"

#define NUM_MAX 64 /* longest number read, in cleaned ASCII characters */

static const char *const space_syms[] = {" ", "\t", "\r", "\n", "\xe3\x80\x80", "\xc2\xa0", NULL};
static const char *const plus_syms[] = {"+", "＋", NULL};
static const char *const minus_syms[] = {"-", "－", "−", NULL};
static const char *const point_syms[] = {".", "．", NULL};
static const char *const group_syms[] = {",", "，", NULL};
static const char *const open_syms[] = {"[", "［", "【", NULL};
static const char *const close_syms[] = {"]", "］", "】", NULL};
static const char *const range_sep_syms[] = {",", "，", "~", "～", NULL};
static const char *const colon_syms[] = {":", "：", NULL};
static const char *const paren_open_syms[] = {"(", "（", NULL};
static const char *const paren_close_syms[] = {")", "）", NULL};
/* Between the bounds of a range written without brackets: "80%-100%",
 * "80～100%", "80%至100%". */
static const char *const dash_sep_syms[] = {"-", "－", "—", "–", "−", "~", "～", "至", "到", NULL};
/* End a unit's text (besides spaces). */
static const char *const unit_stop_syms[] = {",",  "，", "~",  "～", "]", "］", "】", ")",
                                             "）", "-",  "－", "—",  "–", "至", "到", NULL};
/* After a number, before its unit: "5000余人次", "300多户", "5000+人次"
 * (more than the number: the number is read). */
static const char *const approx_syms[] = {"余", "多", "+", "＋", NULL};
/* Cannot start a value's word. */
static const char *const nonword_syms[] = {"％", "‰",  "（", "）", "：", "，", "～",
                                           "［", "］", "【", "】", "、", "。", NULL};

static const struct {
	const char *text;
	jx_cmp cmp;
} operators[] = {
    /* two-symbol forms first: ">=" must not read as ">" */
    {">=", JX_CMP_GE},
    {">＝", JX_CMP_GE},
    {"＞=", JX_CMP_GE},
    {"＞＝", JX_CMP_GE},
    {"<=", JX_CMP_LE},
    {"<＝", JX_CMP_LE},
    {"＜=", JX_CMP_LE},
    {"＜＝", JX_CMP_LE},
    /* typed the other way round ("=>95%", "=<3天"): the same operators */
    {"=>", JX_CMP_GE},
    {"＝＞", JX_CMP_GE},
    {"=<", JX_CMP_LE},
    {"＝＜", JX_CMP_LE},
    {"==", JX_CMP_EQ},
    {"=＝", JX_CMP_EQ},
    {"＝=", JX_CMP_EQ},
    {"＝＝", JX_CMP_EQ},
    {"≥", JX_CMP_GE},
    {"≧", JX_CMP_GE},
    {"⩾", JX_CMP_GE},
    {">", JX_CMP_GT},
    {"＞", JX_CMP_GT},
    {"≤", JX_CMP_LE},
    {"≦", JX_CMP_LE},
    {"⩽", JX_CMP_LE},
    {"<", JX_CMP_LT},
    {"＜", JX_CMP_LT},
    {"=", JX_CMP_EQ},
    {"＝", JX_CMP_EQ},
    /* the box-drawing double line tables use for "=", and the words */
    {"═", JX_CMP_EQ},
    {"大于或等于", JX_CMP_GE},
    {"小于或等于", JX_CMP_LE},
    {"大于等于", JX_CMP_GE},
    {"不低于", JX_CMP_GE},
    {"不少于", JX_CMP_GE},
    {"至少", JX_CMP_GE},
    {"小于等于", JX_CMP_LE},
    {"不高于", JX_CMP_LE},
    {"不超过", JX_CMP_LE},
    {"不多于", JX_CMP_LE},
    {"不大于", JX_CMP_LE},
    {"不小于", JX_CMP_GE},
    {"大于", JX_CMP_GT},
    {"小于", JX_CMP_LT},
    {"高于", JX_CMP_GT},
    {"超过", JX_CMP_GT},
    {"多于", JX_CMP_GT},
    {"低于", JX_CMP_LT},
    {"少于", JX_CMP_LT},
    {"等于", JX_CMP_EQ},
    {"达到", JX_CMP_GE},
};

/* Words after a target's quantity that say its direction: "95%以上" is
 * ">= 95%" ("以上" includes the number, as 《民法典》 art. 1259 reads it). */
static const struct {
	const char *text;
	jx_cmp cmp;
} direction_suffixes[] = {
    {"及以上", JX_CMP_GE},
    {"以上", JX_CMP_GE},
    {"及以下", JX_CMP_LE},
    {"以下", JX_CMP_LE},
    {"以内", JX_CMP_LE},
    {"之内", JX_CMP_LE},
    {"内", JX_CMP_LE}, /* "3个工作日内" */
    /* a date as a target: "9月前" is by September */
    {"之前", JX_CMP_LE},
    {"以前", JX_CMP_LE},
    {"前", JX_CMP_LE},
};

/* A number as written, cleaned to ASCII ("-1234.5"), exponent kept apart. */
typedef struct {
	char mant[NUM_MAX + 1]; /* sign, digits and '.', NUL-terminated */
	size_t mant_len;
	long exp;     /* the written e/E exponent, clamped to ±100000 */
	size_t start; /* byte offset of the number's first character */
	size_t end;   /* byte offset just past it */
} lit_number;

/* A number with what follows it: a multiplier 万/亿 and a unit. */
typedef struct {
	lit_number num;
	long mult;           /* 4 for 万, 8 for 亿, else 0 */
	const jx_unit *unit; /* NULL when none written */
	size_t unit_off;     /* offset of the unit (or multiplier) text */
	size_t end;          /* byte offset just past the quantity */
} lit_quantity;

static int fail(jx_lit_error *err, size_t offset, const char *message)
{
	if (err) {
		err->offset = offset;
		err->message = message;
	}
	return -1;
}

/* Length of `sym` when s[pos..len) starts with it, else 0. */
static size_t sym_at(const char *s, size_t len, size_t pos, const char *sym)
{
	size_t n = strlen(sym);

	if (pos > len || len - pos < n)
		return 0;
	return memcmp(s + pos, sym, n) == 0 ? n : 0;
}

/* Length of the first symbol of `set` at pos, else 0. */
static size_t set_at(const char *s, size_t len, size_t pos, const char *const *set)
{
	for (; *set; set++) {
		size_t n = sym_at(s, len, pos, *set);
		if (n)
			return n;
	}
	return 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t pos)
{
	size_t k;

	while ((k = set_at(s, len, pos, space_syms)))
		pos += k;
	return pos;
}

/* New end of s[begin..end) without trailing spaces. */
static size_t trim_end(const char *s, size_t begin, size_t end)
{
	for (;;) {
		size_t k = 0;
		for (const char *const *sp = space_syms; *sp && !k; sp++) {
			size_t n = strlen(*sp);
			if (end - begin >= n && memcmp(s + end - n, *sp, n) == 0)
				k = n;
		}
		if (!k)
			return end;
		end -= k;
	}
}

/* An ASCII or full-width digit at pos: its length, and *d = '0'..'9'. */
static size_t digit_at(const char *s, size_t len, size_t pos, char *d)
{
	if (pos < len && s[pos] >= '0' && s[pos] <= '9') {
		*d = s[pos];
		return 1;
	}
	if (pos < len && len - pos >= 3) {
		const unsigned char *u = (const unsigned char *)s + pos;
		if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99) {
			*d = (char)('0' + (u[2] - 0x90));
			return 3;
		}
	}
	return 0;
}

static int ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* s[0..len) equals the lower-case ASCII word `w`, ignoring ASCII case. */
static int ascii_ieq(const char *s, size_t len, const char *w)
{
	if (strlen(w) != len)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return 0;
	}
	return 1;
}

static size_t sign_at(const char *s, size_t len, size_t pos, int *neg)
{
	size_t k = set_at(s, len, pos, minus_syms);

	*neg = k != 0;
	return k ? k : set_at(s, len, pos, plus_syms);
}

/* Does a number start at pos (sign, digit, or a point before a digit)? */
static int number_start(const char *s, size_t len, size_t pos)
{
	int neg;
	char d;
	size_t k;

	pos += sign_at(s, len, pos, &neg);
	if (digit_at(s, len, pos, &d))
		return 1;
	k = set_at(s, len, pos, point_syms);
	return k && digit_at(s, len, pos + k, &d);
}

/* An operator spelt in words (不低于) is one only before a number: "不低于
 * 去年水平" is a qualitative target. Every word form starts with a CJK
 * character; the symbols (≥ ＞＝ ═) are not letters. */
static int operator_is_word(const char *s)
{
	unsigned cp = 0;
	jx_utf8_decode(s, 4, &cp);
	return cp >= 0x4E00 && cp <= 0x9FFF;
}

/* Length of a comparison operator at pos (and its kind), else 0. */
static size_t operator_at(const char *s, size_t len, size_t pos, jx_cmp *cmp)
{
	for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
		size_t n = sym_at(s, len, pos, operators[i].text);
		if (n) {
			*cmp = operators[i].cmp;
			return n;
		}
	}
	return 0;
}

/* Length of an operator at pos that is one: a symbol, or a word before a
 * number ("达到90%"; "达到预期" is a word, not an operator); else 0. */
static size_t operator_here(const char *s, size_t len, size_t pos, jx_cmp *cmp)
{
	size_t k = operator_at(s, len, pos, cmp);

	if (k && operator_is_word(s + pos) && !number_start(s, len, skip_spaces(s, len, pos + k)))
		return 0;
	return k;
}

size_t jx_operator_len(const char *s, size_t len, jx_cmp *cmp, int *is_word)
{
	jx_cmp c = JX_CMP_GE;
	size_t k = s ? operator_at(s, len, 0, &c) : 0;

	if (cmp)
		*cmp = c;
	if (is_word)
		*is_word = k && operator_is_word(s);
	return k;
}

/* "NaN", "inf", "Infinity" (any case, maybe signed) at pos. */
static int nonfinite_at(const char *s, size_t len, size_t pos)
{
	int neg;
	size_t end;

	pos += sign_at(s, len, pos, &neg);
	for (end = pos; end < len && ascii_alpha(s[end]); end++)
		;
	return ascii_ieq(s + pos, end - pos, "nan") || ascii_ieq(s + pos, end - pos, "inf") ||
	       ascii_ieq(s + pos, end - pos, "infinity");
}

/* The error for "a number was expected at pos". */
static int expected_number(const char *s, size_t len, size_t pos, jx_lit_error *err)
{
	if (nonfinite_at(s, len, pos))
		return fail(err, pos, "not a finite number");
	return fail(err, pos, "expected a number");
}

static int mant_push(lit_number *n, char c, jx_lit_error *err)
{
	if (n->mant_len >= NUM_MAX)
		return fail(err, n->start, "number too long");
	n->mant[n->mant_len++] = c;
	n->mant[n->mant_len] = '\0';
	return 0;
}

/* Integer digits, with "," groups of three when `groups` (8,832 1,234,567). */
static int scan_integer(lit_number *n, const char *s, size_t len, size_t *pos, int groups,
                        size_t *ndigits, jx_lit_error *err)
{
	size_t group = 0, sep_off = 0, k;
	int seen_sep = 0;
	char d;

	for (;;) {
		if ((k = digit_at(s, len, *pos, &d))) {
			if (mant_push(n, d, err))
				return -1;
			group++;
			(*ndigits)++;
		} else if (groups && *ndigits && (k = set_at(s, len, *pos, group_syms))) {
			if (seen_sep ? group != 3 : group > 3)
				return fail(err, seen_sep ? sep_off : *pos,
				            "misplaced thousands separator");
			seen_sep = 1;
			sep_off = *pos;
			group = 0;
		} else {
			break;
		}
		*pos += k;
	}
	if (seen_sep && group != 3)
		return fail(err, sep_off, "misplaced thousands separator");
	return 0;
}

static int scan_fraction(lit_number *n, const char *s, size_t len, size_t *pos, size_t *ndigits,
                         jx_lit_error *err)
{
	size_t k = set_at(s, len, *pos, point_syms);
	char d;

	if (!k)
		return 0;
	if (mant_push(n, '.', err))
		return -1;
	*pos += k;
	while ((k = digit_at(s, len, *pos, &d))) {
		if (mant_push(n, d, err))
			return -1;
		(*ndigits)++;
		*pos += k;
	}
	return 0;
}

/* An ASCII exponent "e-3" at pos: its length (0 when none) and value. */
static size_t scan_exponent(const char *s, size_t len, size_t pos, long *exp)
{
	size_t p = pos + 1;
	int neg = 0;
	long e = 0;

	if (pos >= len || (s[pos] != 'e' && s[pos] != 'E'))
		return 0;
	if (p < len && (s[p] == '+' || s[p] == '-'))
		neg = s[p++] == '-';
	if (p >= len || s[p] < '0' || s[p] > '9')
		return 0;
	for (; p < len && s[p] >= '0' && s[p] <= '9'; p++)
		if (e < 100000)
			e = e * 10 + (s[p] - '0');
	*exp = neg ? -e : e;
	return p - pos;
}

/* Reads the number at pos into *n (no unit). */
static int number_scan(lit_number *n, const char *s, size_t len, size_t pos, int groups,
                       jx_lit_error *err)
{
	size_t ndigits = 0, digits_off;
	int neg;

	memset(n, 0, sizeof(*n));
	n->start = pos;
	pos += sign_at(s, len, pos, &neg);
	if (neg && mant_push(n, '-', err))
		return -1;
	digits_off = pos;
	if (scan_integer(n, s, len, &pos, groups, &ndigits, err) ||
	    scan_fraction(n, s, len, &pos, &ndigits, err))
		return -1;
	if (!ndigits)
		return expected_number(s, len, digits_off, err);
	if (set_at(s, len, pos, point_syms))
		return fail(err, pos, "malformed number");
	pos += scan_exponent(s, len, pos, &n->exp);
	n->end = pos;
	return 0;
}

/* The number's value, its exponent shifted by `shift` (ratios, 万/亿). */
static int number_value(const lit_number *n, long shift, double *out, jx_lit_error *err)
{
	char buf[NUM_MAX + 32];
	char *end;
	double v;

	snprintf(buf, sizeof(buf), "%se%ld", n->mant, n->exp + shift);
	errno = 0;
	v = jx_strtod(buf, &end);
	if (*end != '\0')
		return fail(err, n->start, "malformed number");
	if (!isfinite(v))
		return fail(err, n->start, "number out of range");
	*out = v == 0 ? 0.0 : v; /* -0 reads as 0; underflow to 0 is accepted */
	return 0;
}

/* Power of ten a ratio unit divides by: 2 for % (0.01), 3 for ‰. */
static long ratio_shift(const jx_unit *u)
{
	long shift = 0;

	if (!u || u->dim != JX_DIM_RATIO || !(u->factor > 0))
		return 0;
	for (double f = u->factor; f < 0.5 && shift > -300; f *= 10)
		shift--;
	return shift;
}

static size_t multiplier_at(const char *s, size_t len, size_t pos, long *mult)
{
	size_t k;

	if ((k = sym_at(s, len, pos, "万")))
		*mult = 4;
	else if ((k = sym_at(s, len, pos, "亿")))
		*mult = 8;
	return k;
}

/* End of the unit text starting at pos (spaces and separators end it). */
static size_t unit_text_end(const char *s, size_t len, size_t pos)
{
	while (pos < len && !set_at(s, len, pos, space_syms) &&
	       !set_at(s, len, pos, unit_stop_syms))
		pos++;
	return pos;
}

/* A unit after a multiplier: "1.4万人次", "1.4万 人次" or none ("1.4万"). */
static int unit_after_multiplier(lit_quantity *q, const char *s, size_t len, size_t pos,
                                 const jx_units *units, jx_lit_error *err)
{
	size_t p = skip_spaces(s, len, pos);
	size_t t, k;

	q->end = pos;
	if ((k = set_at(s, len, p, approx_syms))) {
		q->end = p + k;
		p = skip_spaces(s, len, p + k);
	}
	t = unit_text_end(s, len, p);
	if (t == p || number_start(s, len, p))
		return 0;
	q->unit = jx_unit_find(units, s + p, t - p);
	if (!q->unit)
		q->unit = jx_unit_adopt(units, s + p, t - p);
	if (!q->unit)
		return fail(err, p, "unknown unit");
	q->end = t;
	return 0;
}

/* The unit text after a number: exactly a unit's name, or 万/亿 and a unit. */
static int unit_scan(lit_quantity *q, const char *s, size_t len, const jx_units *units,
                     jx_lit_error *err)
{
	size_t p = skip_spaces(s, len, q->num.end);
	size_t t, k;

	q->end = q->num.end;
	if ((k = set_at(s, len, p, approx_syms))) {
		q->end = p + k;
		p = skip_spaces(s, len, p + k);
	}
	t = unit_text_end(s, len, p);
	q->unit_off = p;
	if (t == p || number_start(s, len, p))
		return 0;
	q->unit = jx_unit_find(units, s + p, t - p);
	if (q->unit) {
		q->end = t;
		return 0;
	}
	k = multiplier_at(s, len, p, &q->mult);
	if (k)
		return unit_after_multiplier(q, s, len, p + k, units, err);
	q->unit = jx_unit_adopt(units, s + p, t - p);
	if (!q->unit)
		return fail(err, p, "unknown unit");
	q->end = t;
	return 0;
}

static int quantity_scan(lit_quantity *q, const char *s, size_t len, size_t pos, int groups,
                         const jx_units *units, jx_lit_error *err)
{
	memset(q, 0, sizeof(*q));
	if (number_scan(&q->num, s, len, pos, groups, err))
		return -1;
	return unit_scan(q, s, len, units, err);
}

/* The quantity's number as read in unit `u` (ratios scaled, 万/亿 applied). */
static int quantity_value(const lit_quantity *q, const jx_unit *u, double *out, jx_lit_error *err)
{
	if (q->mult && u && u->dim == JX_DIM_RATIO)
		return fail(err, q->unit_off, "multiplier before a ratio unit");
	return number_value(&q->num, q->mult + ratio_shift(u), out, err);
}

/* s[b..e) with spaces trimmed from both ends. */
static void trim(const char *s, size_t len, size_t *b, size_t *e)
{
	*b = skip_spaces(s, len, 0);
	*e = trim_end(s, *b, len);
}

/* ---- targets ---- */

/* "op number unit" or a bare "number unit" from pos to len. */
static int target_compare(jx_target_lit *out, const char *s, size_t len, size_t pos, jx_cmp cmp,
                          const jx_units *units, jx_lit_error *err)
{
	lit_quantity q;
	double v;

	pos = skip_spaces(s, len, pos);
	if (!number_start(s, len, pos))
		return expected_number(s, len, pos, err);
	if (quantity_scan(&q, s, len, pos, 1, units, err))
		return -1;
	pos = skip_spaces(s, len, q.end);
	if (pos < len)
		return fail(err, pos, "unexpected text");
	if (quantity_value(&q, q.unit, &v, err))
		return -1;
	out->cmp = cmp;
	out->lo = out->hi = v;
	out->unit = q.unit;
	return 0;
}

/* One bound of a range at pos; "]" or the end here means a bound is missing. */
static int range_bound(lit_quantity *q, const char *s, size_t len, size_t pos,
                       const jx_units *units, jx_lit_error *err)
{
	if (pos >= len || set_at(s, len, pos, close_syms) || set_at(s, len, pos, range_sep_syms))
		return fail(err, pos, "range needs two bounds");
	if (!number_start(s, len, pos))
		return expected_number(s, len, pos, err);
	return quantity_scan(q, s, len, pos, 0, units, err);
}

/* A unit written after the closing bracket ("[90, 110]%"), or NULL. */
static int range_trailing_unit(const jx_unit **unit, const char *s, size_t len, size_t pos,
                               const jx_units *units, jx_lit_error *err)
{
	size_t t;

	*unit = NULL;
	pos = skip_spaces(s, len, pos);
	if (pos == len)
		return 0;
	t = unit_text_end(s, len, pos);
	if (t == pos)
		return fail(err, pos, "unexpected text");
	*unit = jx_unit_find(units, s + pos, t - pos);
	if (!*unit)
		*unit = jx_unit_adopt(units, s + pos, t - pos);
	if (!*unit)
		return fail(err, pos, "unknown unit");
	pos = skip_spaces(s, len, t);
	return pos < len ? fail(err, pos, "unexpected text") : 0;
}

/* The range's unit: the trailing one, both bounds' one, or the upper's alone. */
static int range_unit(const jx_unit **unit, const lit_quantity *lo, const lit_quantity *hi,
                      const jx_unit *trailing, jx_lit_error *err)
{
	const char *differ = "units of the range bounds differ";

	if (trailing) {
		if (lo->unit && lo->unit != trailing)
			return fail(err, lo->unit_off, differ);
		if (hi->unit && hi->unit != trailing)
			return fail(err, hi->unit_off, differ);
		*unit = trailing;
	} else if (lo->unit && hi->unit != lo->unit) {
		return fail(err, hi->unit ? hi->unit_off : lo->unit_off, differ);
	} else {
		*unit = hi->unit;
	}
	return 0;
}

/* Both bounds, their separator and the closing bracket, from pos. */
static int range_bounds(lit_quantity *lo, lit_quantity *hi, size_t *pos, const char *s, size_t len,
                        const jx_units *units, jx_lit_error *err)
{
	size_t p = skip_spaces(s, len, *pos), k;

	if (range_bound(lo, s, len, p, units, err))
		return -1;
	p = skip_spaces(s, len, lo->end);
	k = set_at(s, len, p, range_sep_syms);
	if (!k)
		return fail(err, p,
		            p == len || set_at(s, len, p, close_syms) ? "range needs two bounds"
		                                                      : "unexpected text");
	p = skip_spaces(s, len, p + k);
	if (range_bound(hi, s, len, p, units, err))
		return -1;
	p = skip_spaces(s, len, hi->end);
	k = set_at(s, len, p, close_syms);
	if (!k)
		return fail(err, p, p == len ? "range needs a closing bracket" : "unexpected text");
	*pos = p + k;
	return 0;
}

/* A range's two bounds in one unit (the trailing one, "[80, 100]%", or
 * their own), lower first: the target, or -1 with the error. */
static int range_finish(jx_target_lit *out, const lit_quantity *lo, const lit_quantity *hi,
                        const jx_unit *trailing, jx_lit_error *err)
{
	const jx_unit *unit = NULL;
	if (range_unit(&unit, lo, hi, trailing, err) || quantity_value(lo, unit, &out->lo, err) ||
	    quantity_value(hi, unit, &out->hi, err))
		return -1;
	if (out->lo > out->hi)
		return fail(err, lo->num.start, "lower bound above upper bound");
	out->cmp = JX_CMP_RANGE;
	out->unit = unit;
	return 0;
}
/* "[lo, hi]" with its opening bracket at pos. */
static int target_range(jx_target_lit *out, const char *s, size_t len, size_t pos,
                        const jx_units *units, jx_lit_error *err)
{
	lit_quantity lo, hi;
	const jx_unit *trailing;

	pos += set_at(s, len, pos, open_syms);
	if (range_bounds(&lo, &hi, &pos, s, len, units, err) ||
	    range_trailing_unit(&trailing, s, len, pos, units, err))
		return -1;
	return range_finish(out, &lo, &hi, trailing, err);
}

static int has_digit(const char *s, size_t len, size_t pos);

/* A range without brackets, "80%-100%", "80～100%", "3至5天", from pos to
 * len: 0 (read), -1 (an error in it), 1 when the text is not one. */
static int target_dash_range(jx_target_lit *out, const char *s, size_t len, size_t pos,
                             const jx_units *units, jx_lit_error *err)
{
	lit_quantity lo, hi;
	size_t p, k;

	if (quantity_scan(&lo, s, len, pos, 1, units, NULL))
		return 1;
	p = skip_spaces(s, len, lo.end);
	k = set_at(s, len, p, dash_sep_syms);
	if (!k || !number_start(s, len, skip_spaces(s, len, p + k)))
		return 1;
	p = skip_spaces(s, len, p + k);
	if (quantity_scan(&hi, s, len, p, 1, units, err))
		return -1;
	p = skip_spaces(s, len, hi.end);
	if (p < len)
		return fail(err, p, "unexpected text");
	return range_finish(out, &lo, &hi, NULL, err);
}

/* Where a target's quantity ends before a direction word ("95%以上"), and
 * the direction it says (in *cmp); e when there is none. */
static size_t direction_suffix(const char *s, size_t b, size_t e, jx_cmp *cmp)
{
	for (size_t i = 0; i < sizeof(direction_suffixes) / sizeof(direction_suffixes[0]); i++) {
		size_t n = strlen(direction_suffixes[i].text);
		if (e - b > n && memcmp(s + e - n, direction_suffixes[i].text, n) == 0 &&
		    has_digit(s, e - n, b)) {
			*cmp = direction_suffixes[i].cmp;
			return trim_end(s, b, e - n);
		}
	}
	return e;
}

int jx_target_parse(jx_target_lit *out, const char *s, size_t len, const jx_units *units,
                    jx_lit_error *err)
{
	size_t b, e, k;
	jx_cmp cmp;

	if (!out || (!s && len))
		return fail(err, 0, "invalid argument");
	memset(out, 0, sizeof(*out));
	trim(s, len, &b, &e);
	if (b == e)
		return fail(err, 0, "empty target");
	if (nonfinite_at(s, e, b))
		return fail(err, b, "not a finite number");
	jx_cmp said = JX_CMP_GE;
	size_t cut = direction_suffix(s, b, e, &said);
	if ((k = operator_at(s, e, b, &cmp)) &&
	    (!operator_is_word(s + b) || number_start(s, cut, skip_spaces(s, cut, b + k))))
		return target_compare(out, s, cut, b + k, cmp, units, err);
	if (set_at(s, e, b, open_syms))
		return target_range(out, s, e, b, units, err);
	if (number_start(s, e, b)) {
		int r = cut == e ? target_dash_range(out, s, e, b, units, err) : 1;
		if (r <= 0)
			return r;
		out->bare = cut == e;
		return target_compare(out, s, cut, b, said, units, err);
	}
	out->cmp = JX_CMP_WORD;
	out->word = s + b;
	out->word_len = e - b;
	return 0;
}

/* ---- values ---- */

static int is_na(const char *s, size_t len)
{
	return (len == strlen("不适用") && memcmp(s, "不适用", len) == 0) ||
	       ascii_ieq(s, len, "n/a") || ascii_ieq(s, len, "na");
}

/* 是/否, true/false, yes/no (any ASCII case): 1 or 0; -1 when not one. */
static int boolean_of(const char *s, size_t len)
{
	if ((len == strlen("是") && memcmp(s, "是", len) == 0) || ascii_ieq(s, len, "true") ||
	    ascii_ieq(s, len, "yes"))
		return 1;
	if ((len == strlen("否") && memcmp(s, "否", len) == 0) || ascii_ieq(s, len, "false") ||
	    ascii_ieq(s, len, "no"))
		return 0;
	return -1;
}

/* A value's word starts with a letter: ASCII, or any non-ASCII character
 * that is not a full-width digit, sign, operator, bracket or punctuation. */
static int word_start(const char *s, size_t len, size_t pos)
{
	jx_cmp cmp;

	if (ascii_alpha(s[pos]))
		return 1;
	return (unsigned char)s[pos] >= 0x80 && !number_start(s, len, pos) &&
	       !operator_here(s, len, pos, &cmp) && !set_at(s, len, pos, space_syms) &&
	       !set_at(s, len, pos, open_syms) && !set_at(s, len, pos, nonword_syms) &&
	       !set_at(s, len, pos, minus_syms) && !set_at(s, len, pos, plus_syms);
}

/* Where a word may end and its own fraction begin. */
static int word_break(const char *s, size_t len, size_t pos)
{
	char d;

	return set_at(s, len, pos, space_syms) || set_at(s, len, pos, colon_syms) ||
	       set_at(s, len, pos, paren_open_syms) || digit_at(s, len, pos, &d);
}

static int has_digit(const char *s, size_t len, size_t pos)
{
	char d;

	for (; pos < len; pos++)
		if (digit_at(s, len, pos, &d))
			return 1;
	return 0;
}

/* The fraction after a word: " 0.92", "(0.92)", "：92%"; within 0..1. */
static int fraction_scan(double *out, const char *s, size_t len, size_t pos, const jx_units *units,
                         jx_lit_error *err)
{
	lit_quantity q;
	size_t k, paren;

	pos = skip_spaces(s, len, pos);
	pos = skip_spaces(s, len, pos + set_at(s, len, pos, colon_syms));
	paren = set_at(s, len, pos, paren_open_syms);
	pos = skip_spaces(s, len, pos + paren);
	if (!number_start(s, len, pos))
		return expected_number(s, len, pos, err);
	if (quantity_scan(&q, s, len, pos, 0, units, err))
		return -1;
	if (q.mult || (q.unit && q.unit->dim != JX_DIM_RATIO))
		return fail(err, q.unit_off, "a fraction takes no unit but % or ‰");
	if (quantity_value(&q, q.unit, out, err))
		return -1;
	pos = skip_spaces(s, len, q.end);
	if (paren) {
		if (!(k = set_at(s, len, pos, paren_close_syms)))
			return fail(err, pos, "missing closing parenthesis");
		pos = skip_spaces(s, len, pos + k);
	}
	if (pos < len)
		return fail(err, pos, "unexpected text");
	if (*out < 0 || *out > 1)
		return fail(err, q.num.start, "fraction outside 0..1");
	return 0;
}

/* A word from b to len, maybe followed by its own fraction ("达成 0.92"). */
static int value_word(jx_value_lit *out, const char *s, size_t len, size_t b, const jx_units *units,
                      jx_lit_error *err)
{
	size_t w = b;

	while (w < len && !word_break(s, len, w))
		w++;
	out->kind = JX_LIT_WORD;
	out->word = s + b;
	out->word_len = len - b;
	if (w == len || !has_digit(s, len, w))
		return 0;
	if (fraction_scan(&out->fraction, s, len, w, units, err))
		return -1;
	out->has_fraction = 1;
	out->word_len = trim_end(s, b, w) - b;
	return 0;
}

static int value_number(jx_value_lit *out, const char *s, size_t len, size_t b,
                        const jx_units *units, jx_lit_error *err)
{
	lit_quantity q;
	size_t pos;

	if (quantity_scan(&q, s, len, b, 1, units, err))
		return -1;
	pos = skip_spaces(s, len, q.end);
	if (pos < len)
		return fail(err, pos, "unexpected text");
	if (quantity_value(&q, q.unit, &out->num, err))
		return -1;
	out->kind = JX_LIT_NUMBER;
	out->unit = q.unit;
	return 0;
}

int jx_value_parse(jx_value_lit *out, const char *s, size_t len, const jx_units *units,
                   jx_lit_error *err)
{
	size_t b, e;
	jx_cmp cmp;
	int yes;

	if (!out || (!s && len))
		return fail(err, 0, "invalid argument");
	memset(out, 0, sizeof(*out));
	trim(s, len, &b, &e);
	if (b == e)
		return 0; /* JX_LIT_EMPTY */
	if (is_na(s + b, e - b)) {
		out->kind = JX_LIT_NA;
		return 0;
	}
	if ((yes = boolean_of(s + b, e - b)) >= 0) {
		out->kind = JX_LIT_NUMBER;
		out->num = yes;
		return 0;
	}
	if (nonfinite_at(s, e, b))
		return fail(err, b, "not a finite number");
	if (operator_here(s, e, b, &cmp))
		return fail(err, b, "unexpected comparison operator");
	if (number_start(s, e, b))
		return value_number(out, s, e, b, units, err);
	if (word_start(s, e, b))
		return value_word(out, s, e, b, units, err);
	return fail(err, b, "expected a number");
}

int jx_number_parse(double *out, const char *s, size_t len)
{
	lit_number n;
	size_t b, e;

	if (!out || (!s && len))
		return -1;
	trim(s, len, &b, &e);
	if (b == e || !number_start(s, e, b) || number_scan(&n, s, e, b, 1, NULL))
		return -1;
	if (skip_spaces(s, e, n.end) != e)
		return -1;
	return number_value(&n, 0, out, NULL);
}

/* ---- words ------------------------------------------------------------ */

/* Trims ASCII white space and U+3000 (ideographic space, E3 80 80). */
void jx_trim_word(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;

	for (;;) {
		if (n && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n')) {
			p++, n--;
		} else if (n >= 3 && memcmp(p, "\xe3\x80\x80", 3) == 0) {
			p += 3, n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		char c = n ? p[n - 1] : 0;

		if (n && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
			n--;
		else if (n >= 3 && memcmp(p + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	*s = p;
	*len = n;
}

int jx_same_word(const char *a, size_t alen, const char *b, size_t blen)
{
	jx_trim_word(&a, &alen);
	jx_trim_word(&b, &blen);
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}
