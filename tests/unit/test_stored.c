/*
 * test_stored.c - the compact forms a batch and a result keep (model.h):
 * 8-byte variable values (jx_stored_val, jx_batch_value) and 24-byte
 * indicator cells (jx_cell_set_actual, jx_cell_actual). Whatever goes in
 * must come back as the jx_val the engine had before it was packed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "evaluate/evaluate.h"
#include "stats/stats.h"

#define SLOTS 3

/* A batch of one department and three variables, with two words. */
typedef struct {
	jx_rules rules;
	jx_batch batch;
	jx_word words[2];
	jx_stored_val values[SLOTS];
} tiny_batch;

static void tiny_init(tiny_batch *t)
{
	memset(t, 0, sizeof(*t));
	t->rules.n_variables = SLOTS;
	t->words[0].text = "达成";
	t->words[1].text = "部分达成 0.75";
	t->batch.rules = &t->rules;
	t->batch.values = t->values;
	t->batch.n = t->batch.cap = 1;
	t->batch.words.items = t->words;
	t->batch.words.n = t->batch.words.cap = 2;
}

static double number_back(double x)
{
	tiny_batch t;
	tiny_init(&t);
	t.values[1] = jx_stored_number(x);
	jx_val v = jx_batch_value(&t.batch, 0, 1);
	assert_int_equal(v.kind, JX_VAL_NUM);
	return v.u.num;
}

static void numbers_come_back_bit_for_bit(void **state)
{
	(void)state;
	const double xs[] = {0.0, 1607, -2.5, 0.35, 1e308, -1e-308, 4.9e-324, INFINITY, -INFINITY};
	for (size_t k = 0; k < sizeof(xs) / sizeof(xs[0]); k++) {
		double back = number_back(xs[k]);
		assert_memory_equal(&back, &xs[k], sizeof(double));
	}
	double neg_zero = number_back(-0.0);
	assert_true(neg_zero == 0 && signbit(neg_zero));
}

/* A NaN is a number (the API lets a caller set one); one that happens to
 * carry the tag's bits must not come back as missing or as a word. */
static void nan_stays_a_number(void **state)
{
	(void)state;
	assert_true(isnan(number_back(NAN)));
	assert_true(isnan(number_back(-NAN)));
	uint64_t tagged = JX_STORED_TAG | (uint64_t)JX_VAL_TEXT << 32 | 1;
	double sneaky;
	memcpy(&sneaky, &tagged, sizeof(sneaky));
	assert_true(isnan(number_back(sneaky)));
}

static void states_name_their_slot(void **state)
{
	(void)state;
	tiny_batch t;
	tiny_init(&t);
	t.values[1] = jx_stored_state(JX_VAL_MISSING, 0);
	t.values[2] = jx_stored_state(JX_VAL_NA, 0);
	jx_val missing = jx_batch_value(&t.batch, 0, 1);
	assert_int_equal(missing.kind, JX_VAL_MISSING);
	assert_int_equal(missing.why, JX_WHY_MISSING_VAR);
	assert_int_equal(missing.at, 1);
	jx_val na = jx_batch_value(&t.batch, 0, 2);
	assert_int_equal(na.kind, JX_VAL_NA);
	assert_int_equal(na.why, JX_WHY_NA);
	assert_int_equal(na.at, 2);
}

static void words_come_back_with_their_index(void **state)
{
	(void)state;
	tiny_batch t;
	tiny_init(&t);
	t.values[1] = jx_stored_state(JX_VAL_TEXT, 2); /* words[1] */
	jx_val v = jx_batch_value(&t.batch, 0, 1);
	assert_int_equal(v.kind, JX_VAL_TEXT);
	assert_ptr_equal(v.u.text, t.words[1].text);
	assert_int_equal(v.at, 2);
	assert_ptr_equal(jx_batch_word(&t.batch, v), &t.words[1]);
}

static jx_val cell_round_trip(const tiny_batch *t, jx_val v)
{
	jx_result res = {.rules = &t->rules, .batch = &t->batch};
	jx_ind_cell c;
	memset(&c, 0xa5, sizeof(c)); /* whatever was there before */
	jx_cell_set_actual(&c, v);
	return jx_cell_actual(&res, &c);
}

static void cells_keep_the_actual(void **state)
{
	(void)state;
	tiny_batch t;
	tiny_init(&t);
	assert_int_equal(sizeof(jx_ind_cell), 24);

	jx_val num = cell_round_trip(&t, jx_val_number(0.352));
	assert_int_equal(num.kind, JX_VAL_NUM);
	assert_true(num.u.num == 0.352);

	jx_val word = jx_val_text(t.words[0].text);
	word.at = 1;
	jx_val back = cell_round_trip(&t, word);
	assert_int_equal(back.kind, JX_VAL_TEXT);
	assert_ptr_equal(back.u.text, t.words[0].text);
	assert_int_equal(back.at, 1);

	const char *given = "优秀"; /* a text that is not one of the batch's words */
	back = cell_round_trip(&t, jx_val_text(given));
	assert_int_equal(back.kind, JX_VAL_TEXT);
	assert_ptr_equal(back.u.text, given);
	assert_int_equal(back.at, 0);

	back = cell_round_trip(&t, jx_val_state(JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 7));
	assert_int_equal(back.kind, JX_VAL_UNDEF);
	assert_int_equal(back.why, JX_WHY_DIV_ZERO);
	assert_int_equal(back.at, 7);

	/* a state keeps its `at`: an indicator referencing this one names the
	 * variable that was not applicable */
	back = cell_round_trip(&t, jx_val_state(JX_VAL_NA, JX_WHY_NA, 5));
	assert_int_equal(back.kind, JX_VAL_NA);
	assert_int_equal(back.why, JX_WHY_NA);
	assert_int_equal(back.at, 5);
}

static void cell_flags_are_separate_bits(void **state)
{
	(void)state;
	jx_ind_cell c;
	memset(&c, 0, sizeof(c));
	c.needs_note = 1;
	c.overshoot = 1;
	jx_cell_set_actual(&c, jx_val_number(1));
	assert_int_equal(c.needs_note, 1);
	assert_int_equal(c.target_too_low, 0);
	assert_int_equal(c.overshoot, 1);
	assert_int_equal(c.is_word, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(numbers_come_back_bit_for_bit),
	    cmocka_unit_test(nan_stays_a_number),
	    cmocka_unit_test(states_name_their_slot),
	    cmocka_unit_test(words_come_back_with_their_index),
	    cmocka_unit_test(cells_keep_the_actual),
	    cmocka_unit_test(cell_flags_are_separate_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
