/*
 * escape.c - writing text safely into JSON and CSV (see escape.h).
 *
 * JSON: output is always valid UTF-8. Valid non-ASCII text is copied as is
 * (Chinese stays readable); each byte that is not part of a valid sequence
 * becomes one U+FFFD. Every control character below U+0020 is written as
 * \u00XX (lower-case hex), '"' and '\\' are backslash-escaped.
 *
 * CSV: RFC 4180 quoting, plus the OWASP defence against formula injection:
 * a text cell starting with = + - @ TAB or CR gets a leading apostrophe, so a
 * spreadsheet shows it as text instead of running it. Numbers the engine
 * writes itself go through jx_csv_number and are never prefixed.
 */
#include "escape.h"

#include <math.h>
#include <string.h>

#include "round.h"
#include "utf8.h"

static const char escape_hex[] = "0123456789abcdef";

static void escape_json_control(jx_buf *out, unsigned char c)
{
	char u[6] = {'\\', 'u', '0', '0', escape_hex[c >> 4], escape_hex[c & 0xF]};

	jx_buf_append(out, u, sizeof(u));
}

void jx_json_string(jx_buf *out, const char *s, size_t len)
{
	size_t i = 0, run = 0; /* s[run..i) is plain text not yet appended */

	jx_buf_putc(out, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 1;

		if (c >= 0x20 && c != '"' && c != '\\') {
			if (c >= 0x80)
				n = jx_utf8_decode(s + i, len - i, NULL);
			if (n > 0) {
				i += n;
				continue;
			}
			n = 1;
		}
		jx_buf_append(out, s + run, i - run);
		if (c == '"' || c == '\\') {
			jx_buf_putc(out, '\\');
			jx_buf_putc(out, (char)c);
		} else if (c < 0x20) {
			escape_json_control(out, c);
		} else {
			jx_buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD */
		}
		i += n;
		run = i;
	}
	jx_buf_append(out, s + run, i - run);
	jx_buf_putc(out, '"');
}

void jx_json_number(jx_buf *out, double x)
{
	char text[40];

	if (!isfinite(x)) {
		jx_buf_puts(out, "null");
		return;
	}
	if (x == 0.0) { /* also -0.0, which JSON readers treat inconsistently */
		jx_buf_putc(out, '0');
		return;
	}
	jx_format_shortest(text, sizeof(text), x);
	jx_buf_puts(out, text);
}

static int escape_csv_formula(const char *s, size_t len)
{
	return len > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

static int escape_csv_needs_quotes(const char *s, size_t len)
{
	size_t i;

	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
		return 1;
	for (i = 0; i < len; i++) {
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	}
	return 0;
}

void jx_csv_cell(jx_buf *out, const char *s, size_t len)
{
	int quote = escape_csv_needs_quotes(s, len);
	size_t i, run = 0;

	if (quote)
		jx_buf_putc(out, '"');
	if (escape_csv_formula(s, len))
		jx_buf_putc(out, '\'');
	if (!quote) {
		jx_buf_append(out, s, len);
		return;
	}
	for (i = 0; i < len; i++) {
		if (s[i] != '"')
			continue;
		jx_buf_append(out, s + run, i + 1 - run); /* up to and with the quote */
		jx_buf_putc(out, '"');
		run = i + 1;
	}
	jx_buf_append(out, s + run, len - run);
	jx_buf_putc(out, '"');
}

void jx_csv_number(jx_buf *out, double x, int digits)
{
	char text[400];

	if (!isfinite(x)) /* NaN is a missing value; infinities never reach a score */
		return;
	char *room = jx_buf_room(out, 24);
	size_t short_len = room ? jx_format_fixed_short(room, x, digits) : 0;
	if (short_len) {
		jx_buf_commit(out, short_len);
		return;
	}
	int len = jx_format_fixed(text, sizeof(text), x, digits);
	if (len > 0)
		jx_buf_append(out, text,
		              (size_t)len < sizeof(text) ? (size_t)len : sizeof(text) - 1);
}
