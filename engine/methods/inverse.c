/*
 * inverse.c - less is better, the default for <= and < (docs/rules.md,
 * "inverse"): a <= t scores w; otherwise w × t / a.
 *
 * Beyond the target, t > 0 gives w × t / a; t = 0 gives 0 (t / a = 0); t < 0
 * is undefined (no proportional score). So a <= 0 is within whenever t >= 0.
 */
#include "scoring.h"

static void score(jx_scoring *s)
{
	const jx_method_input *in = s->in;

	if (jx_at_most(in->a, in->t)) {
		say(s, "a ≤ t (" G " ≤ " G ")", in->a, in->t);
		jx_full(s);
		return;
	}
	if (in->t < 0) {
		jx_undefined(s, "target is not positive; no proportional score");
		return;
	}
	say(s, G " × " G " ÷ " G, in->w, in->t, in->a);
	s->raw = in->t > 0 ? in->w * in->t / in->a : 0;
}

const jx_method_desc jx_method_inverse = {
    .name = "inverse",
    .kind = JX_METHOD_INVERSE,
    .default_for = 1u << JX_CMP_LE | 1u << JX_CMP_LT,
    .flags = JX_METHOD_DECLARED,
    .score = score,
};
