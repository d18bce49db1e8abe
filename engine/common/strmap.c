/*
 * strmap.c - string -> index map, keyed SipHash-1-3 (see strmap.h).
 */
#include "strmap.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* ---- SipHash ------------------------------------------------------------ */

static inline uint64_t rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

/* Eight bytes as a little-endian number, whatever the machine's order. */
static inline uint64_t load_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

#define SIPROUND                                                                                   \
	do {                                                                                       \
		v0 += v1;                                                                          \
		v1 = rotl(v1, 13);                                                                 \
		v1 ^= v0;                                                                          \
		v0 = rotl(v0, 32);                                                                 \
		v2 += v3;                                                                          \
		v3 = rotl(v3, 16);                                                                 \
		v3 ^= v2;                                                                          \
		v0 += v3;                                                                          \
		v3 = rotl(v3, 21);                                                                 \
		v3 ^= v0;                                                                          \
		v2 += v1;                                                                          \
		v1 = rotl(v1, 17);                                                                 \
		v1 ^= v2;                                                                          \
		v2 = rotl(v2, 32);                                                                 \
	} while (0)

uint64_t jx_siphash(int c, int d, uint64_t k0, uint64_t k1, const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + (len & ~(size_t)7);
	uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull,
	         v2 = k0 ^ 0x6c7967656e657261ull, v3 = k1 ^ 0x7465646279746573ull;
	for (; p < end; p += 8) {
		uint64_t m = load_le64(p);
		v3 ^= m;
		for (int i = 0; i < c; i++)
			SIPROUND;
		v0 ^= m;
	}
	/* the last 0-7 bytes, and the length's low byte on top */
	uint64_t b = (uint64_t)len << 56;
	for (size_t i = 0; i < (len & 7); i++)
		b |= (uint64_t)p[i] << (8 * i);
	v3 ^= b;
	for (int i = 0; i < c; i++)
		SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	for (int i = 0; i < d; i++)
		SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/* ---- the maps' keys ------------------------------------------------------ */

static uint64_t secret[2];
static pthread_once_t secret_once = PTHREAD_ONCE_INIT;
static atomic_ullong maps_keyed;

/* 16 bytes from the kernel; where getrandom cannot give them (an old
 * kernel, a seccomp filter), what differs from run to run - the clocks,
 * the process id, addresses that ASLR moves - hashed together. */
static void draw_secret(void)
{
	if (getrandom(secret, sizeof(secret), GRND_NONBLOCK) == (ssize_t)sizeof(secret))
		return;
	struct timespec rt = {0}, mono = {0};
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	int local = 0;
	uint64_t bits[7] = {(uint64_t)rt.tv_sec,         (uint64_t)rt.tv_nsec,
	                    (uint64_t)mono.tv_sec,       (uint64_t)mono.tv_nsec,
	                    (uint64_t)getpid(),          (uint64_t)(uintptr_t)&local,
	                    (uint64_t)(uintptr_t)&secret};
	secret[0] = jx_siphash(2, 4, 0x6a697869616f0000ull, 1, bits, sizeof(bits));
	secret[1] = jx_siphash(2, 4, 0x6a697869616f0000ull, 2, bits, sizeof(bits));
}

/* A key of the map's own: the process secret's SipHash of a counter, so
 * two maps (two batches, a batch and its chunks) never share one. */
static void draw_key(jx_strmap *m)
{
	pthread_once(&secret_once, draw_secret);
	uint64_t n = atomic_fetch_add(&maps_keyed, 1) * 2;
	m->k0 = jx_siphash(1, 3, secret[0], secret[1], &n, sizeof(n));
	n++;
	m->k1 = jx_siphash(1, 3, secret[0], secret[1], &n, sizeof(n));
	m->keyed = 1;
}

uint64_t jx_strmap_hash(jx_strmap *m, const char *key, size_t len)
{
	if (!m->keyed)
		draw_key(m);
	return jx_siphash(1, 3, m->k0, m->k1, key, len);
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
	/* a map with slots has its key: jx_strmap_put and _reserve draw it */
	jx_strmap_entry *e =
	    find_slot(m->slots, m->cap, key, len, jx_siphash(1, 3, m->k0, m->k1, key, len));
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
	if (!m->keyed)
		draw_key(m);
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
	return jx_strmap_put_hashed(m, key, len, jx_strmap_hash(m, key, len), value);
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
