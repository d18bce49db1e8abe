/*
 * equal.c - hit the value, the default for = (docs/rules.md, "equal"):
 * |a - t| <= precision scores w, else w × max(0, 1 - |a - t| / |t|); t = 0
 * and not equal scores 0.
 */
#include "scoring.h"

static void score(jx_scoring *s)
{
	const jx_method_input *in = s->in;
	double d = fabs(in->a - in->t);

	if (jx_within(in->a, in->t, s->m->precision)) {
		say(s, "|a − t| = " G " ≤ " G, d, s->m->precision);
		jx_full(s);
		return;
	}
	if (in->t == 0) {
		say(s, "a ≠ t = 0: 0 points");
		s->raw = 0;
		return;
	}
	say(s, G " × max(0, 1 − " G " ÷ " G ")", in->w, d, fabs(in->t));
	s->raw = in->w * fmax(0, 1 - d / fabs(in->t));
}

const jx_method_desc jx_method_equal = {
    .name = "equal",
    .kind = JX_METHOD_EQUAL,
    .params = JX_PARAM_BIT(JX_PARAM_PRECISION),
    .default_for = 1u << JX_CMP_EQ,
    .flags = JX_METHOD_DECLARED,
    .score = score,
};
