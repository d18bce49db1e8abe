/*
 * fuzz_literal.c - fuzz target for target and value literals (docs/rules.md,
 * §2.1): jx_target_parse, jx_value_parse and jx_number_parse on the same
 * bytes, with two rule-set units added to the built-in ones.
 *
 * Checks: a parse either succeeds with finite numbers (a range's lo <= hi,
 * words inside the input) or fails with a message and an offset inside the
 * input. Nothing here allocates.
 */
#include <math.h>

#include "fuzz_common.h"
#include "model/literal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const jx_unit extra_units[] = {{"项", JX_DIM_OWN, 1}, {"公里", JX_DIM_OWN, 1}};

static int inside(const char *p, size_t n, const char *s, size_t len)
{
	return p >= s && p + n <= s + len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy: reading one byte past the input is caught. */
	char *s = malloc(size ? size : 1);
	FUZZ_CHECK(s != NULL);
	memcpy(s, data, size);
	const jx_units units = {extra_units, 2, NULL};

	jx_target_lit t;
	jx_lit_error err = {0, NULL};
	if (jx_target_parse(&t, s, size, &units, &err) == 0) {
		FUZZ_CHECK(t.cmp >= JX_CMP_GE && t.cmp <= JX_CMP_WORD);
		if (t.cmp == JX_CMP_WORD) {
			FUZZ_CHECK(t.word && t.word_len > 0 && inside(t.word, t.word_len, s, size));
		} else {
			FUZZ_CHECK(isfinite(t.lo) && isfinite(t.hi));
			FUZZ_CHECK(t.cmp != JX_CMP_RANGE || t.lo <= t.hi);
		}
	} else {
		FUZZ_CHECK(err.message && err.message[0]);
		FUZZ_CHECK(err.offset <= size);
	}

	jx_value_lit v;
	err = (jx_lit_error){0, NULL};
	if (jx_value_parse(&v, s, size, &units, &err) == 0) {
		FUZZ_CHECK(v.kind >= JX_LIT_EMPTY && v.kind <= JX_LIT_NA);
		if (v.kind == JX_LIT_NUMBER)
			FUZZ_CHECK(isfinite(v.num));
		if (v.kind == JX_LIT_WORD) {
			FUZZ_CHECK(v.word && v.word_len > 0 && inside(v.word, v.word_len, s, size));
			if (v.has_fraction)
				FUZZ_CHECK(isfinite(v.fraction));
		}
	} else {
		FUZZ_CHECK(err.message && err.message[0]);
		FUZZ_CHECK(err.offset <= size);
	}

	double x;
	if (jx_number_parse(&x, s, size) == 0)
		FUZZ_CHECK(isfinite(x));
	free(s);
	return 0;
}
