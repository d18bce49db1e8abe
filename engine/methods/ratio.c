/*
 * ratio.c - more is better, the default for >=, > and no target
 * (docs/rules.md, "ratio"): w × min(c, cap).
 *
 * With t <= 0 there is no completion: a >= t is met and scores w; a < t is
 * undefined ("target is not positive; no proportional score"). A negative a
 * against a positive t gives c < 0 and scores 0. cap > 1 has no effect
 * beyond w because of the clamp; cap < 1 lowers the maximum. A range target
 * has no completion: undefined.
 */
#include "scoring.h"

static void score(jx_scoring *s)
{
	const jx_method_input *in = s->in;
	double c = s->o->completion;
	double f;

	if (isnan(c)) {
		if (in->cmp == JX_CMP_RANGE) {
			jx_undefined(s, jx_no_completion(in));
			return;
		}
		if (!jx_at_least(in->a, in->t)) {
			jx_undefined(s, "target is not positive; no proportional score");
			return;
		}
		say(s, "a ≥ t (" G " ≥ " G ")", in->a, in->t);
		jx_full(s);
		return;
	}
	if (jx_overshoot_applies(s, c, &f)) {
		s->raw = in->w * f;
		return;
	}
	f = fmin(c, s->m->cap);
	say(s, G " × min(" G " ÷ " G ", " G ")", in->w, in->a, in->t, s->m->cap);
	s->raw = in->w * f;
}

const jx_method_desc jx_method_ratio = {
    .name = "ratio",
    .kind = JX_METHOD_RATIO,
    .params = JX_PARAM_BIT(JX_PARAM_CAP) | JX_PARAM_BIT(JX_PARAM_OVERSHOOT),
    .default_for = 1u << 0 | 1u << JX_CMP_GE | 1u << JX_CMP_GT,
    .flags = JX_METHOD_DECLARED,
    .score = score,
};
