/*
 * threshold.c - all or nothing (docs/rules.md, "threshold"): w when the
 * target's comparison holds, else w × partial.
 *
 * >= > <= < as written, = within precision, [lo, hi] inclusive, each
 * forgiving binary noise (scoring.h).
 */
#include "scoring.h"

/* Whether a meets the target's comparison; -1 when it has none. */
static int target_met(const jx_method_input *in, double precision)
{
	double a = in->a, t = in->t;

	switch (in->cmp) {
	case JX_CMP_GE:
		return jx_at_least(a, t);
	case JX_CMP_GT:
		return jx_above(a, t);
	case JX_CMP_LE:
		return jx_at_most(a, t);
	case JX_CMP_LT:
		return jx_below(a, t);
	case JX_CMP_EQ:
		return jx_within(a, t, precision);
	case JX_CMP_RANGE:
		return jx_at_least(a, t) && jx_at_most(a, in->t_hi);
	default:
		return -1;
	}
}

static void score(jx_scoring *s)
{
	const jx_method_input *in = s->in;
	int met = target_met(in, s->m->precision);

	if (met < 0) {
		jx_undefined(s, "the target's comparison does not suit this method");
		return;
	}
	if (met) {
		say(s, "target met (a = " G ")", in->a);
		jx_full(s);
		return;
	}
	say(s, "target not met (a = " G "): " G " × " G, in->a, in->w, s->m->partial);
	s->raw = in->w * s->m->partial;
}

const jx_method_desc jx_method_threshold = {
    .name = "threshold",
    .kind = JX_METHOD_THRESHOLD,
    .params = JX_PARAM_BIT(JX_PARAM_PRECISION) | JX_PARAM_BIT(JX_PARAM_PARTIAL),
    .flags = JX_METHOD_DECLARED,
    .score = score,
};
