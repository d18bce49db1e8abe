/*
 * strmap.c - string -> index map (see strmap.h).
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

uint64_t jx_strmap_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

void jx_strmap_free(jx_strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}

/* Keys are short (ids, words of a cell): a loop beats a call to memcmp. */
static int same_key(const char *a, const char *b, size_t n)
{
	if (n > 32)
		return memcmp(a, b, n) == 0;
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static jx_strmap_entry *find_slot(jx_strmap_entry *slots, size_t cap, const char *key, size_t len,
                                  uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);
	for (;;) {
		jx_strmap_entry *e = &slots[i];
		if (!e->key || (e->hash == h && e->len == len && same_key(e->key, key, len)))
			return e;
		i = (i + 1) & (cap - 1);
	}
}

long jx_strmap_get(const jx_strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return -1;
	jx_strmap_entry *e = find_slot(m->slots, m->cap, key, len, jx_strmap_hash(key, len));
	return e->key ? e->value : -1;
}

/* Writes a zero into every page of a fresh calloc'd block. A big calloc
 * maps the shared zero page; the probe's read then the insert's write
 * would fault twice per page, the second time flushing every core's TLB
 * (found with perf while another thread filled its chunk). memset would
 * not do: the compiler folds malloc + memset back into calloc. */
static void own_pages(void *p, size_t bytes)
{
	volatile char *c = p;
	for (size_t i = 0; i < bytes; i += 4096)
		c[i] = 0;
}

static int grow_to(jx_strmap *m, size_t cap)
{
	jx_strmap_entry *slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return -1;
	own_pages(slots, cap * sizeof(*slots));
	for (size_t i = 0; i < m->cap; i++) {
		jx_strmap_entry *e = &m->slots[i];
		if (e->key)
			*find_slot(slots, cap, e->key, e->len, e->hash) = *e;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

static int grow(jx_strmap *m)
{
	return grow_to(m, m->cap ? m->cap * 2 : 16);
}

int jx_strmap_reserve(jx_strmap *m, size_t count)
{
	size_t cap = m->cap ? m->cap : 16;
	while (count * 4 > cap * 3) {
		if (cap > ((size_t)-1) / 2 / sizeof(jx_strmap_entry))
			return -1;
		cap *= 2;
	}
	return cap > m->cap ? grow_to(m, cap) : 0;
}

void jx_strmap_prefetch(const jx_strmap *m, uint64_t hash)
{
	if (m->cap)
		__builtin_prefetch(&m->slots[(size_t)hash & (m->cap - 1)], 1);
}

int jx_strmap_put(jx_strmap *m, const char *key, size_t len, long value)
{
	return jx_strmap_put_hashed(m, key, len, jx_strmap_hash(key, len), value);
}

int jx_strmap_put_hashed(jx_strmap *m, const char *key, size_t len, uint64_t h, long value)
{
	if ((m->count + 1) * 4 > m->cap * 3 && grow(m) != 0)
		return -1;
	jx_strmap_entry *e = find_slot(m->slots, m->cap, key, len, h);
	if (e->key)
		return 1;
	e->key = key;
	e->len = len;
	e->hash = h;
	e->value = value;
	m->count++;
	return 0;
}
