/*
 * arena.c - bump allocator over a chain of chunks (see arena.h).
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_locale.h"

#define CHUNK_SIZE 16384u
#define ALIGNMENT  16u

struct chunk {
	struct chunk *next;
	size_t used;
	size_t size;
	_Alignas(16) unsigned char data[];
};

struct jx_arena {
	struct chunk *head;
};

jx_arena *jx_arena_new(void)
{
	return calloc(1, sizeof(jx_arena));
}

void jx_arena_free(jx_arena *arena)
{
	if (!arena)
		return;
	struct chunk *c = arena->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(arena);
}

static struct chunk *chunk_new(size_t size)
{
	struct chunk *c = malloc(sizeof(struct chunk) + size);
	if (!c)
		return NULL;
	c->next = NULL;
	c->used = 0;
	c->size = size;
	return c;
}

void *jx_arena_alloc(jx_arena *arena, size_t size)
{
	if (size == 0)
		size = 1;
	size = (size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
#ifdef JX_ARENA_MALLOC
	const size_t want = size;
#else
	const size_t want = size > CHUNK_SIZE ? size : CHUNK_SIZE;
	struct chunk *head = arena->head;
	if (head && head->size - head->used >= size) {
		void *p = head->data + head->used;
		head->used += size;
		memset(p, 0, size);
		return p;
	}
#endif
	struct chunk *c = chunk_new(want);
	if (!c)
		return NULL;
	c->used = size;
	memset(c->data, 0, size);
	/* A fresh chunk goes first unless it is an oversized one-off, which is
	 * slotted behind the head so the head's free space stays usable. */
	if (arena->head && want == size && size > CHUNK_SIZE) {
		c->next = arena->head->next;
		arena->head->next = c;
	} else {
		c->next = arena->head;
		arena->head = c;
	}
	return c->data;
}

char *jx_arena_strndup(jx_arena *arena, const char *s, size_t n)
{
	char *p = jx_arena_alloc(arena, n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *jx_arena_strdup(jx_arena *arena, const char *s)
{
	return jx_arena_strndup(arena, s, strlen(s));
}

char *jx_arena_printf(jx_arena *arena, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = jx_vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = jx_arena_alloc(arena, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	jx_vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
