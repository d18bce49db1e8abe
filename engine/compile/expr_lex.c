/*
 * expr_lex.c - tokens of the expression language (docs/rules.md).
 *
 * Numbers (`1607`, `35.2`, `1e3`, `35%` = 0.35, `5‰` = 0.005), dotted names
 * whose parts are ASCII letters, digits, `_` or any non-ASCII letter
 * (`调解.成功对数`), operators and parentheses. Chinese users type full-width
 * forms, so （ ） ， ＋ － ＊ ／ ＾ ＜ ＞ ＝ ！ ％ and ≤ ≥ ≠ × ÷ are read as
 * their ASCII counterparts, and the ideographic space U+3000 as a space.
 * `and` `or` `not` are keywords; `&&` `||` `!` mean the same; a single `=`
 * is read as `==` (the language has no assignment).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/c_locale.h"
#include "expr_internal.h"

void jx_expr_seterr(jx_expr_error *err, size_t offset, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	err->offset = offset;
	jx_vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

/* Decodes one UTF-8 code point; returns its length (1..4) or 0 if invalid
 * (overlong, surrogate, beyond U+10FFFF, truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, min = 0x80, c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, min = 0x800, c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* The ASCII character a full-width or mathematical form stands for, or 0. */
static char fullwidth_ascii(unsigned cp)
{
	switch (cp) {
	case 0xFF08:
		return '(';
	case 0xFF09:
		return ')';
	case 0xFF0C:
		return ',';
	case 0xFF0B:
		return '+';
	case 0xFF0D:
		return '-';
	case 0x2212:
		return '-'; /* minus sign */
	case 0xFF0A:
		return '*';
	case 0x00D7:
		return '*'; /* × */
	case 0xFF0F:
		return '/';
	case 0x00F7:
		return '/'; /* ÷ */
	case 0xFF3E:
		return '^';
	case 0xFF1C:
		return '<';
	case 0xFF1E:
		return '>';
	case 0xFF1D:
		return '=';
	case 0xFF01:
		return '!';
	case 0xFF05:
		return '%';
	case 0xFF06:
		return '&';
	case 0xFF5C:
		return '|';
	case 0x3000:
		return ' ';
	default:
		return 0;
	}
}

/* Non-ASCII code points that may appear in a name: letters, not punctuation
 * or symbols. The excluded blocks are the ones a Chinese keyboard produces. */
static int name_codepoint(unsigned cp)
{
	if (cp < 0x80)
		return 0;
	if (cp <= 0xBF)
		return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
	if (cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || /* punctuation, arrows, math, shapes */
	    (cp >= 0x3000 && cp <= 0x303F && !(cp >= 0x3005 && cp <= 0x3007)) ||
	    (cp >= 0xFE30 && cp <= 0xFE6F) || /* CJK compatibility and small forms */
	    (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
	    (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFEFF ||
	    cp >= 0xFFF0)
		return 0;
	return 1;
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_name_ascii(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c);
}

/*
 * The character at lx->pos as the lexer sees it: ASCII, or the ASCII a
 * full-width form stands for, or 'A' for a non-ASCII name letter (so that
 * name scanning treats it as a letter), or 0 for anything else. *n gets its
 * byte length; -1 is returned (with *err) on invalid UTF-8.
 */
static int peek(const jx_lexer *lx, size_t pos, size_t *n, jx_expr_error *err)
{
	if (pos >= lx->len) {
		*n = 0;
		return -2; /* end */
	}
	const unsigned char *s = (const unsigned char *)lx->src + pos;
	if (s[0] < 0x80) {
		*n = 1;
		return s[0] ? s[0] : 0;
	}
	unsigned cp;
	size_t len = utf8_decode(s, lx->len - pos, &cp);
	if (!len) {
		jx_expr_seterr(err, pos, "invalid UTF-8 (byte 0x%02X)", s[0]);
		return -1;
	}
	*n = len;
	char c = fullwidth_ascii(cp);
	if (c)
		return c;
	if (cp == 0x2264) /* ≤ ≥ ≠ as two-character operators, marked */
		return 0x100 | 'l';
	if (cp == 0x2265)
		return 0x100 | 'g';
	if (cp == 0x2260)
		return 0x100 | 'n';
	if (cp == 0x2030) /* ‰ */
		return 0x100 | 'm';
	return name_codepoint(cp) ? 0x100 | 'A' : 0;
}

static int name_char(int c)
{
	return (c >= 0 && c < 0x80 && is_name_ascii(c)) || c == (0x100 | 'A');
}

/* Number: digits [. digits] [e [+-] digits], then an optional % or ‰.
 * Converted with strtod from a copy with the percent folded into the
 * exponent, so 35.2% is exactly the double nearest 0.352. */
static int lex_number(jx_lexer *lx, jx_token *out, jx_expr_error *err)
{
	const char *s = lx->src;
	size_t start = lx->pos, p = start;
	while (p < lx->len && is_digit(s[p]))
		p++;
	if (p < lx->len && s[p] == '.') {
		p++;
		if (!(p < lx->len && is_digit(s[p]))) {
			jx_expr_seterr(err, p, "expected a digit after the decimal point");
			return -1;
		}
		while (p < lx->len && is_digit(s[p]))
			p++;
	}
	size_t mant_end = p;
	long exp = 0;
	if (p < lx->len && (s[p] == 'e' || s[p] == 'E')) {
		size_t q = p + 1;
		int neg = 0;
		if (q < lx->len && (s[q] == '+' || s[q] == '-'))
			neg = s[q++] == '-';
		if (q < lx->len && is_digit(s[q])) {
			while (q < lx->len && is_digit(s[q])) {
				if (exp < 100000)
					exp = exp * 10 + (s[q] - '0');
				q++;
			}
			if (neg)
				exp = -exp;
			p = q;
		}
	}
	size_t n;
	int c = peek(lx, p, &n, err);
	if (c == -1)
		return -1;
	if (c == '%') {
		exp -= 2;
		p += n;
	} else if (c == (0x100 | 'm')) {
		exp -= 3;
		p += n;
	}
	c = peek(lx, p, &n, err);
	if (c == -1)
		return -1;
	if (name_char(c) || c == '.') {
		jx_expr_seterr(err, p, "unexpected character after the number '%.*s'",
		               (int)(p - start), s + start);
		return -1;
	}
	size_t mant_len = mant_end - start;
	if (mant_len > 400) {
		jx_expr_seterr(err, start, "number too long");
		return -1;
	}
	char buf[440];
	memcpy(buf, s + start, mant_len);
	snprintf(buf + mant_len, sizeof(buf) - mant_len, "e%ld", exp);
	double v = jx_strtod(buf, NULL);
	if (!isfinite(v)) {
		jx_expr_seterr(err, start, "number out of range '%.*s'", (int)(p - start),
		               s + start);
		return -1;
	}
	out->kind = JX_T_NUM;
	out->off = start;
	out->len = p - start;
	out->num = v;
	lx->pos = p;
	return 0;
}

static int lex_name(jx_lexer *lx, jx_token *out, jx_expr_error *err)
{
	size_t start = lx->pos, p = start, n;
	for (;;) {
		int c = peek(lx, p, &n, err);
		if (c == -1)
			return -1;
		if (name_char(c)) {
			p += n;
			continue;
		}
		if (c == '.') {
			size_t n2;
			int c2 = peek(lx, p + n, &n2, err);
			if (c2 == -1)
				return -1;
			if (name_char(c2)) {
				p += n;
				continue;
			}
			jx_expr_seterr(err, p + n, "expected a name part after '.'");
			return -1;
		}
		break;
	}
	out->off = start;
	out->len = p - start;
	out->kind = JX_T_NAME;
	const char *s = lx->src + start;
	if (out->len == 3 && memcmp(s, "and", 3) == 0)
		out->kind = JX_T_AND;
	else if (out->len == 2 && memcmp(s, "or", 2) == 0)
		out->kind = JX_T_OR;
	else if (out->len == 3 && memcmp(s, "not", 3) == 0)
		out->kind = JX_T_NOT;
	lx->pos = p;
	return 0;
}

int jx_lex_next(jx_lexer *lx, jx_token *out, jx_expr_error *err)
{
	size_t n;
	int c;
	for (;;) {
		c = peek(lx, lx->pos, &n, err);
		if (c == -1)
			return -1;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			lx->pos += n;
			continue;
		}
		break;
	}
	memset(out, 0, sizeof(*out));
	out->off = lx->pos;
	if (c == -2) {
		out->kind = JX_T_EOF;
		return 0;
	}
	if (is_digit(c) || (c == '.' && lx->pos + 1 < lx->len && is_digit(lx->src[lx->pos + 1])))
		return lex_number(lx, out, err);
	if (name_char(c))
		return lex_name(lx, out, err);

	/* Operators: one or two characters, each possibly full-width. */
	size_t n2 = 0;
	int c2 = peek(lx, lx->pos + n, &n2, err);
	if (c2 == -1)
		return -1;
	jx_tok_kind k;
	size_t len = n;
	switch (c) {
	case '(':
		k = JX_T_LPAREN;
		break;
	case ')':
		k = JX_T_RPAREN;
		break;
	case ',':
		k = JX_T_COMMA;
		break;
	case '+':
		k = JX_T_PLUS;
		break;
	case '-':
		k = JX_T_MINUS;
		break;
	case '*':
		k = JX_T_STAR;
		break;
	case '/':
		k = JX_T_SLASH;
		break;
	case '^':
		k = JX_T_CARET;
		break;
	case 0x100 | 'l':
		k = JX_T_LE;
		break;
	case 0x100 | 'g':
		k = JX_T_GE;
		break;
	case 0x100 | 'n':
		k = JX_T_NE;
		break;
	case '<':
		k = JX_T_LT;
		if (c2 == '=')
			k = JX_T_LE, len += n2;
		else if (c2 == '>')
			k = JX_T_NE, len += n2;
		break;
	case '>':
		k = JX_T_GT;
		if (c2 == '=')
			k = JX_T_GE, len += n2;
		break;
	case '=':
		k = JX_T_EQ;
		if (c2 == '=')
			len += n2;
		break;
	case '!':
		k = JX_T_NOT;
		if (c2 == '=')
			k = JX_T_NE, len += n2;
		break;
	case '&':
	case '|':
		if (c2 != c) {
			jx_expr_seterr(err, lx->pos, "unexpected '%c' (did you mean '%c%c'?)", c, c,
			               c);
			return -1;
		}
		k = c == '&' ? JX_T_AND : JX_T_OR;
		len += n2;
		break;
	case '%':
	case 0x100 | 'm':
		jx_expr_seterr(err, lx->pos, "'%.*s' must directly follow a number", (int)n,
		               lx->src + lx->pos);
		return -1;
	default:
		if (c > 0 && c < 0x80 && c >= 0x20 && c != 0x7F)
			jx_expr_seterr(err, lx->pos, "unexpected character '%c'", c);
		else if (c == 0 && n > 1)
			jx_expr_seterr(err, lx->pos, "unexpected character '%.*s'", (int)n,
			               lx->src + lx->pos);
		else
			jx_expr_seterr(err, lx->pos, "unexpected byte 0x%02X",
			               (unsigned char)lx->src[lx->pos]);
		return -1;
	}
	out->kind = k;
	out->len = len;
	lx->pos += len;
	return 0;
}
