/*
 * test_strmap.c - the string map (engine/common/strmap.c): SipHash against
 * its reference vectors, a key of each map's own, and dept_ids chosen to
 * collide under an unkeyed hash that must not pile up in one probe run
 * (hash flooding: hostile CSVs are in scope, docs/design.md "Dependencies").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/strmap.h"

/* The reference vectors (SipHash paper, appendix A, and the reference
 * code's vectors.h): key 00 01 .. 0f, message 00 01 .. (len - 1 bytes). */
static void siphash24_reference_vectors(void **state)
{
	(void)state;
	const uint64_t k0 = 0x0706050403020100ull, k1 = 0x0f0e0d0c0b0a0908ull;
	unsigned char msg[64];
	for (int i = 0; i < 64; i++)
		msg[i] = (unsigned char)i;
	static const struct {
		size_t len;
		uint64_t hash;
	} v[] = {
	    {0, 0x726fdb47dd0e0e31ull},  {1, 0x74f839c593dc67fdull},  {7, 0xab0200f58b01d137ull},
	    {8, 0x93f5f5799a932462ull},  {9, 0x9e0082df0ba9e4b0ull},  {15, 0xa129ca6149be45e5ull},
	    {16, 0x3f2acc7f57c29bdbull}, {31, 0x32d892fad841c342ull}, {63, 0x958a324ceb064572ull},
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_true(jx_siphash(2, 4, k0, k1, msg, v[i].len) == v[i].hash);
}

/* SipHash-1-3, as the maps use it: the reference code built with
 * cROUNDS 1, dROUNDS 3, key all zeros, message 00 01 .. (len - 1). */
static void siphash13_reference_vectors(void **state)
{
	(void)state;
	unsigned char msg[64];
	for (int i = 0; i < 64; i++)
		msg[i] = (unsigned char)i;
	static const struct {
		size_t len;
		uint64_t hash;
	} v[] = {
	    {0, 0xd1fba762150c532cull},  {1, 0x68a914128e01e473ull},  {2, 0x010bac45c41e3669ull},
	    {7, 0x2f098ab0c751325aull},  {8, 0xead411e67ebe2eeaull},  {9, 0x75927f9d95124362ull},
	    {15, 0xf30eb725bb91c9eaull}, {16, 0x8972188433a5c5b7ull},
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_true(jx_siphash(1, 3, 0, 0, msg, v[i].len) == v[i].hash);
}

/* Two maps hash the same text differently (a key each), and both find
 * what was put into them. */
static void each_map_has_its_key(void **state)
{
	(void)state;
	jx_strmap a = {0}, b = {0};
	assert_true(jx_strmap_hash(&a, "dept-1", 6) != jx_strmap_hash(&b, "dept-1", 6));
	static const char *ids[] = {"dept-1", "dept-2", "岳阳县妇联", "", "dept-1x"};
	for (long i = 0; i < 5; i++) {
		assert_int_equal(jx_strmap_put(&a, ids[i], strlen(ids[i]), i), 0);
		assert_int_equal(jx_strmap_put(&b, ids[i], strlen(ids[i]), 10 + i), 0);
	}
	assert_int_equal(jx_strmap_put(&a, "dept-2", 6, 99), 1);
	for (long i = 0; i < 5; i++) {
		assert_int_equal(jx_strmap_get(&a, ids[i], strlen(ids[i])), i);
		assert_int_equal(jx_strmap_get(&b, ids[i], strlen(ids[i])), 10 + i);
	}
	assert_int_equal(jx_strmap_get(&a, "dept-3", 6), -1);
	jx_strmap c = {0};
	assert_int_equal(jx_strmap_get(&c, "dept-1", 6), -1); /* never used: no slots */
	jx_strmap_free(&a);
	jx_strmap_free(&b);
}

/* FNV-1a, the map's hash before it was keyed: what an attacker computes. */
static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

#define FLOOD    2000 /* keys: the map grows to 4096 slots */
#define INDEX_OF 4095 /* ... so a slot is the hash's low 12 bits */

/* FLOOD dept_ids whose FNV-1a hashes all end in the same 12 bits: under
 * that hash every one lands in the same slot and each insert walks past
 * all before it (FLOOD^2 / 2 = 2 million steps; at 500 000 rows, 10^11).
 * Keyed, they spread: the total distance of the keys from their home slots
 * stays near that of random keys (~FLOOD / 2 at this load). */
static void colliding_ids_do_not_pile_up(void **state)
{
	(void)state;
	static char ids[FLOOD][24];
	size_t found = 0;
	for (unsigned long n = 0; found < FLOOD; n++) {
		int len = snprintf(ids[found], sizeof(ids[found]), "d%lu", n);
		if ((fnv1a(ids[found], (size_t)len) & INDEX_OF) == 0)
			found++;
	}
	jx_strmap m = {0};
	for (long i = 0; i < FLOOD; i++)
		assert_int_equal(jx_strmap_put(&m, ids[i], strlen(ids[i]), i), 0);
	assert_int_equal(m.cap, INDEX_OF + 1);
	size_t distance = 0;
	for (size_t i = 0; i < m.cap; i++)
		if (m.slots[i].key)
			distance += (i - (size_t)(m.slots[i].hash & (m.cap - 1))) & (m.cap - 1);
	if (distance > 10 * FLOOD)
		fail_msg("%d colliding ids are %zu slots from home in total", FLOOD, distance);
	for (long i = 0; i < FLOOD; i++)
		assert_int_equal(jx_strmap_get(&m, ids[i], strlen(ids[i])), i);
	jx_strmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(siphash24_reference_vectors),
	    cmocka_unit_test(siphash13_reference_vectors),
	    cmocka_unit_test(each_map_has_its_key),
	    cmocka_unit_test(colliding_ids_do_not_pile_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
