/*
 * utf8.h - UTF-8 checks and terminal display width.
 *
 * The text 自评表 lines up Chinese and Latin text in columns; a CJK character
 * takes two terminal cells, so widths are counted in cells, not bytes
 * (East Asian Width W/F = 2, combining marks = 0, others = 1).
 */
#ifndef JX_UTF8_H
#define JX_UTF8_H

#include <stddef.h>

/* 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates), else 0;
 * *bad_offset (may be NULL) gets the first bad byte's offset. */
int jx_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes one code point at s (len bytes available); returns its byte length
 * (1..4), or 0 when invalid (then *cp = U+FFFD). */
size_t jx_utf8_decode(const char *s, size_t len, unsigned *cp);

/* Display width of one code point (0, 1 or 2). */
int jx_codepoint_width(unsigned cp);

/* Display width of s[0..len) in terminal cells; invalid bytes count 1. */
size_t jx_utf8_width(const char *s, size_t len);

/* The 1-based line and character column of byte offset off in s (lines end
 * at LF), for a message pointing into a whole file. */
void jx_utf8_line_col(const char *s, size_t off, int *line, int *col);

/* Number of code points in s[0..len) (for 1-based character columns). */
size_t jx_utf8_chars(const char *s, size_t len);

/* How many bytes of s[0..len) to show when clipping to at most `max` bytes
 * without cutting a character in two (for "%.*s" in messages). */
int jx_utf8_clip(const char *s, size_t len, size_t max);

/* Copies s into buf (size bytes), cut at a character boundary when it does
 * not fit; always NUL-terminated. Returns buf. */
char *jx_utf8_copy(char *buf, size_t size, const char *s);

#endif
