/*
 * buf.c - growable byte buffer (see buf.h).
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_locale.h"

char *jx_memdup_nul(const char *data, size_t len)
{
	char *copy = malloc(len + 1);
	if (!copy)
		return NULL;
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	return copy;
}

void jx_buf_free(jx_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

static int buf_reserve(jx_buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1) {
		if (cap > ((size_t)-1) / 2) {
			b->failed = 1;
			return -1;
		}
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void jx_buf_append(jx_buf *b, const char *s, size_t n)
{
	if (buf_reserve(b, n) != 0)
		return;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void jx_buf_puts(jx_buf *b, const char *s)
{
	jx_buf_append(b, s, strlen(s));
}

void jx_buf_vprintf(jx_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	/* numbers with a point, whatever the caller's locale (c_locale.h) */
	locale_t previous = jx_locale_enter();
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n >= 0 && buf_reserve(b, (size_t)n) == 0) {
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
	}
	jx_locale_leave(previous);
}

void jx_buf_printf(jx_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jx_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *jx_buf_cstr(const jx_buf *b)
{
	return b->data ? b->data : "";
}

int jx_vec_grow(void **items, size_t *cap, size_t n, size_t elem_size)
{
	if (n < *cap)
		return 0;
	size_t new_cap = *cap ? *cap * 2 : 8;
	if (new_cap > ((size_t)-1) / elem_size)
		return -1;
	void *p = realloc(*items, new_cap * elem_size);
	if (!p)
		return -1;
	*items = p;
	*cap = new_cap;
	return 0;
}

char *jx_buf_room(jx_buf *b, size_t n)
{
	return buf_reserve(b, n) == 0 ? b->data + b->len : NULL;
}

void jx_buf_append_buf(jx_buf *b, const jx_buf *more)
{
	if (!more->len)
		return;
	if (!b->sink || more->len < ((size_t)1 << 16)) {
		jx_buf_append(b, more->data, more->len);
		return;
	}
	if (jx_buf_flush(b) == 0 && b->sink(b->sink_ctx, more->data, more->len) != 0)
		b->failed = 1;
}

int jx_buf_flush(jx_buf *b)
{
	if (!b->sink || b->failed)
		return b->failed ? -1 : 0;
	if (b->len && b->sink(b->sink_ctx, b->data, b->len) != 0) {
		b->failed = 1;
		return -1;
	}
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	return 0;
}

void jx_buf_checkpoint(jx_buf *b)
{
	if (b->sink && b->len >= ((size_t)1 << 20))
		jx_buf_flush(b);
}

void jx_buf_put_uint(jx_buf *b, unsigned n)
{
	char text[16];
	size_t k = sizeof(text);
	do {
		text[--k] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	jx_buf_append(b, text + k, sizeof(text) - k);
}
