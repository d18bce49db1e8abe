/*
 * utf8.c - UTF-8 decoding, validation and terminal display width (see utf8.h).
 *
 * The decoder is strict (RFC 3629): no overlong forms, no surrogates
 * (U+D800..DFFF), nothing above U+10FFFF, no truncated sequences. Where a
 * count or a width meets an invalid byte, that single byte counts as one
 * character of width one, so a damaged string still lines up predictably.
 *
 * Widths follow East Asian Width: W and F ranges take two cells, combining
 * marks and format characters none, control characters none, the rest one.
 * The tables are the ranges a Chinese evaluation table meets, not all of
 * Unicode's.
 */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

typedef struct {
	unsigned lo, hi; /* inclusive */
} utf8_range;

/* Combining marks and zero-width format characters. Sorted. */
static const utf8_range utf8_zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0E31, 0x0E31},
    {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1160, 0x11FF}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D},
    {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* East Asian Wide and Fullwidth. Sorted. */
static const utf8_range utf8_wide[] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F}, {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

#define UTF8_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int utf8_in_table(unsigned cp, const utf8_range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

size_t jx_utf8_decode(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c, min;
	size_t n, i;

	if (len == 0)
		goto bad;
	c = u[0];
	if (c < 0x80) {
		if (cp)
			*cp = c;
		return 1;
	}
	if (c < 0xC2) { /* continuation byte, or C0/C1 (always overlong) */
		goto bad;
	} else if (c < 0xE0) {
		n = 2, c &= 0x1F, min = 0x80;
	} else if (c < 0xF0) {
		n = 3, c &= 0x0F, min = 0x800;
	} else if (c < 0xF5) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		goto bad;
	}
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	if (cp)
		*cp = c;
	return n;
bad:
	if (cp)
		*cp = 0xFFFD;
	return 0;
}

/* On success *bad_offset is set to len. */
/* Bytes from s[i] on that are ASCII, 8 at a time (most of a CSV is). */
static size_t utf8_ascii_run(const char *s, size_t i, size_t len)
{
	while (i + 8 <= len) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
		i += 8;
	}
	return i;
}

/* A valid three-byte sequence led by E1..EC or EE..EF (all of CJK): no
 * overlong form or surrogate can start with those, so only the continuation
 * bytes need a look. Others go to jx_utf8_decode. */
static int utf8_common_cjk(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	return len >= 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && (u[1] & 0xC0) == 0x80 &&
	       (u[2] & 0xC0) == 0x80;
}

int jx_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0;

	while (i < len) {
		size_t n;

		i = utf8_ascii_run(s, i, len);
		if (i >= len)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_common_cjk(s + i, len - i)) {
			i += 3;
			continue;
		}
		n = jx_utf8_decode(s + i, len - i, NULL);
		if (n == 0) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += n;
	}
	if (bad_offset)
		*bad_offset = len;
	return 1;
}

int jx_codepoint_width(unsigned cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (utf8_in_table(cp, utf8_zero_width, UTF8_COUNT(utf8_zero_width)))
		return 0;
	if (utf8_in_table(cp, utf8_wide, UTF8_COUNT(utf8_wide)))
		return 2;
	return 1;
}

size_t jx_utf8_width(const char *s, size_t len)
{
	size_t i = 0, w = 0;

	while (i < len) {
		unsigned cp;
		size_t n = jx_utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			w += 1;
			i += 1;
		} else {
			w += (size_t)jx_codepoint_width(cp);
			i += n;
		}
	}
	return w;
}

void jx_utf8_line_col(const char *s, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

size_t jx_utf8_chars(const char *s, size_t len)
{
	size_t i = 0, count = 0;

	while (i < len) {
		size_t n = 1, run = utf8_ascii_run(s, i, len);

		if (run > i) {
			count += run - i;
			i = run;
			continue;
		}
		if (utf8_common_cjk(s + i, len - i)) {
			i += 3;
			count++;
			continue;
		}
		if ((unsigned char)s[i] >= 0x80) {
			n = jx_utf8_decode(s + i, len - i, NULL);
			if (n == 0)
				n = 1;
		}
		i += n;
		count++;
	}
	return count;
}

int jx_utf8_clip(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	size_t n = max;
	/* back off continuation bytes so the cut falls before a lead byte */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

char *jx_utf8_copy(char *buf, size_t size, const char *s)
{
	if (!size)
		return buf;
	size_t len = strlen(s);
	size_t n = (size_t)jx_utf8_clip(s, len, size - 1);
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}
