/*
 * strmap.h - string -> index map (open addressing, SipHash-1-3).
 *
 * Maps variable names to slots and indicator ids to indices at load time,
 * and dept_ids to rows and cell words to entries when reading a batch.
 * glibc's hsearch_r has one table per process-wide struct, no growth and no
 * byte-length keys, so this small table is written here (see
 * docs/design.md). Keys are not copied: they must outlive the map (they
 * live in an arena or the input buffer).
 *
 * A batch's dept_ids and words come from the files handed in, which may be
 * hostile: with a hash anyone can compute, rows chosen to collide would
 * make every insert walk one long probe sequence (hash flooding). So each
 * map hashes with SipHash-1-3 under a key of its own, drawn when the map is
 * first used from a process secret (getrandom). Nothing depends on the
 * slots' order: values are the indices the caller gives, lookups compare
 * whole keys, and nothing walks the slots, so output is the same whatever
 * the key.
 */
#ifndef JX_STRMAP_H
#define JX_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	const char *key;
	size_t len;
	uint64_t hash;
	long value;
} jx_strmap_entry;

typedef struct {
	jx_strmap_entry *slots; /* owned */
	size_t cap;             /* power of two, or 0 */
	size_t count;
	uint64_t k0, k1; /* the map's SipHash key ... */
	int keyed;       /* ... once drawn (a zeroed map draws it when first used) */
} jx_strmap;

void jx_strmap_free(jx_strmap *m);
/* Returns the value, or -1 when absent. */
long jx_strmap_get(const jx_strmap *m, const char *key, size_t len);
/* The hash m gives key (drawing m's key first if it has none): for
 * jx_strmap_prefetch and jx_strmap_put_hashed on the same map only. */
uint64_t jx_strmap_hash(jx_strmap *m, const char *key, size_t len);
/* Starts loading the slot a key of this hash goes to: a put that follows
 * ~100 ns later does not wait for memory (big maps miss the cache). */
void jx_strmap_prefetch(const jx_strmap *m, uint64_t hash);
/* jx_strmap_put with the key's jx_strmap_hash(m, ...) already known. */
int jx_strmap_put_hashed(jx_strmap *m, const char *key, size_t len, uint64_t hash, long value);
/* Room for count keys without growing; 0, or -1 when out of memory. */
int jx_strmap_reserve(jx_strmap *m, size_t count);
/* Inserts key -> value. Returns 0, 1 if the key was already present (its
 * value is left unchanged), or -1 when out of memory. */
int jx_strmap_put(jx_strmap *m, const char *key, size_t len, long value);

/* SipHash-c-d (Aumasson and Bernstein) of data under the 128-bit key
 * (k0, k1): c = 1, d = 3 for the maps, c = 2, d = 4 to check the code
 * against the reference vectors (tests/unit/test_strmap.c). */
uint64_t jx_siphash(int c, int d, uint64_t k0, uint64_t k1, const void *data, size_t len);

#endif
