/*
 * grade.c - qualitative, the default for a word target (docs/rules.md,
 * "grade"): the department's word picks a level, w × its fraction.
 *
 * The word is matched byte for byte after trimming ASCII spaces and U+3000
 * on both sides, else the longest level word it starts with. A level
 * without a range scores w × fraction (the rules' fixed fraction wins over a
 * department's own). A level with a range takes the department's own
 * fraction when given (it must lie in [lo, hi], else undefined "fraction
 * outside the level's band"); with no own fraction, the level's `fraction`
 * when the rules wrote one (has_fraction), else the band's upper bound hi.
 * Unknown word: undefined.
 */
#include <string.h>

#include "scoring.h"

/* The level a word names: the same word, else the longest level word the
 * word starts with, so the official phrases read as their level
 * (达成年度指标 -> 达成, 部分达成年度指标并具有一定效果 -> 部分达成). */
static const jx_level *find_level(const jx_method *m, const char *word, size_t len)
{
	const jx_level *prefixed = NULL;
	jx_trim_word(&word, &len);
	for (size_t i = 0; i < m->levels.n; i++) {
		const jx_level *l = &m->levels.items[i];
		const char *lw = l->word;
		size_t ln = l->word_len;

		if (jx_same_word(lw, ln, word, len))
			return l;
		jx_trim_word(&lw, &ln);
		if (ln && ln < len && memcmp(lw, word, ln) == 0 &&
		    (!prefixed || ln > prefixed->word_len))
			prefixed = l;
	}
	return prefixed;
}

static void score(jx_scoring *s)
{
	const jx_method_input *in = s->in;
	const jx_level *l = find_level(s->m, in->word, in->word_len);
	double f;

	if (!l) {
		jx_undefined(s, "unknown level");
		return;
	}
	if (!l->has_range) {
		f = l->fraction;
	} else if (in->has_fraction) {
		if (!(jx_at_least(in->fraction, l->lo) && jx_at_most(in->fraction, l->hi))) {
			jx_undefined(s, "fraction outside the level's band");
			return;
		}
		f = in->fraction;
	} else {
		f = l->has_fraction ? l->fraction : l->hi;
	}
	say(s, "%.*s: " G " × " G, (int)l->word_len, l->word, in->w, f);
	s->raw = in->w * f;
}

const jx_method_desc jx_method_grade = {
    .name = "grade",
    .kind = JX_METHOD_GRADE,
    .params = JX_PARAM_BIT(JX_PARAM_LEVELS),
    .default_for = 1u << JX_CMP_WORD,
    .flags = JX_METHOD_DECLARED | JX_METHOD_WORDS,
    .target_example = "达成",
    .score = score,
};
