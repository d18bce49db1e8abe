/*
 * strmap.h - string -> index map (open addressing, FNV-1a).
 *
 * Maps variable names to slots and indicator ids to indices at load time,
 * and dept_ids to rows when reading a batch. glibc's hsearch_r has one table
 * per process-wide struct, no growth and no byte-length keys, so this small
 * table is written here (see docs/design.md). Keys are not copied: they must
 * outlive the map (they live in an arena or the input buffer).
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
} jx_strmap;

void jx_strmap_free(jx_strmap *m);
/* Returns the value, or -1 when absent. */
long jx_strmap_get(const jx_strmap *m, const char *key, size_t len);
/* The hash the map uses (FNV-1a). */
uint64_t jx_strmap_hash(const char *key, size_t len);
/* Starts loading the slot a key of this hash goes to: a put that follows
 * ~100 ns later does not wait for memory (big maps miss the cache). */
void jx_strmap_prefetch(const jx_strmap *m, uint64_t hash);
/* jx_strmap_put with the key's jx_strmap_hash already known. */
int jx_strmap_put_hashed(jx_strmap *m, const char *key, size_t len, uint64_t hash, long value);
/* Room for count keys without growing; 0, or -1 when out of memory. */
int jx_strmap_reserve(jx_strmap *m, size_t count);
/* Inserts key -> value. Returns 0, 1 if the key was already present (its
 * value is left unchanged), or -1 when out of memory. */
int jx_strmap_put(jx_strmap *m, const char *key, size_t len, long value);

#endif
