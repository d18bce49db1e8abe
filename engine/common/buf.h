/*
 * buf.h - growable byte buffer and a typed growable array.
 *
 * jx_buf builds output text (JSON, CSV, messages). JX_VEC_PUSH grows any
 * array of the form {T *items; size_t n, cap;}. Both report allocation
 * failure instead of aborting, so the library never exits on the caller.
 */
#ifndef JX_BUF_H
#define JX_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
	char *data; /* NUL-terminated when len > 0; owned */
	size_t len;
	size_t cap;
	int failed; /* set once an allocation failed (or the sink failed); later
	             * appends are dropped */
	/* when set, jx_buf_checkpoint() moves the text to it: 0, or nonzero
	 * when it could not take it (a jx_write_fn, include/jixiao.h) */
	int (*sink)(void *ctx, const char *data, size_t len);
	void *sink_ctx;
} jx_buf;

void jx_buf_free(jx_buf *b);
void jx_buf_append(jx_buf *b, const char *s, size_t n);
void jx_buf_puts(jx_buf *b, const char *s);
/* One byte; inline, as writers put a separator between every two cells. */
static inline void jx_buf_putc(jx_buf *b, char c)
{
	if (b->len + 2 <= b->cap && !b->failed) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	jx_buf_append(b, &c, 1);
}
/* n in decimal, without printf (a rank on every row of a large table). */
void jx_buf_put_uint(jx_buf *b, unsigned n);
void jx_buf_printf(jx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void jx_buf_vprintf(jx_buf *b, const char *fmt, va_list ap);
/* With a sink, writes out what the buffer holds once it passes 1 MiB, so a
 * writer streams a large document in bounded memory. Writers call it only
 * between whole records (nothing written before it is looked back at). */
void jx_buf_checkpoint(jx_buf *b);
/* Room for n more bytes: where to write them (then jx_buf_commit with how
 * many were written), or NULL once an allocation failed. */
char *jx_buf_room(jx_buf *b, size_t n);
static inline void jx_buf_commit(jx_buf *b, size_t n)
{
	b->len += n;
	b->data[b->len] = '\0';
}
/* Appends more's text; with a sink, a large text goes straight to it
 * (after what b holds) instead of being copied. */
void jx_buf_append_buf(jx_buf *b, const jx_buf *more);
/* Writes out everything to the sink; -1 when writing failed. */
int jx_buf_flush(jx_buf *b);

/* A malloc'd copy of data[0..len) with a NUL after it; NULL when out of
 * memory. */
char *jx_memdup_nul(const char *data, size_t len);

/* Returns the buffer's text ("" when empty); stays owned by b. */
const char *jx_buf_cstr(const jx_buf *b);

/* Grows (items, n, cap) so one more element fits; 0 on success, -1 on OOM. */
int jx_vec_grow(void **items, size_t *cap, size_t n, size_t elem_size);
#define JX_VEC_PUSH(vec, value)                                                                    \
	(jx_vec_grow((void **)&(vec).items, &(vec).cap, (vec).n, sizeof(*(vec).items)) == 0        \
	     ? ((vec).items[(vec).n++] = (value), 0)                                               \
	     : -1)

#endif
