/*
 * range.c - inside the band, the default for [lo, hi] (docs/rules.md,
 * "range").
 *
 * The band follows the target: [lo, hi] for a range, [t, inf) for >= and >,
 * (-inf, t] for <= and <, [t, t] for =; bounds count as inside (a strict
 * bound only matters at distance 0, where the falloff is w anyway).
 * Outside, at distance d from the nearer bound: w × (1 - d / zero_at)
 * floored at 0; zero_at = 0 means outside scores 0. A word target is refused
 * when the rules are loaded.
 */
#include "scoring.h"

/* The band [*lo, *hi] the target allows; -1 for a word target. */
static int target_band(const jx_method_input *in, double *lo, double *hi)
{
	*lo = -INFINITY;
	*hi = INFINITY;
	switch (in->cmp) {
	case JX_CMP_GE:
	case JX_CMP_GT:
		*lo = in->t;
		return 0;
	case JX_CMP_LE:
	case JX_CMP_LT:
		*hi = in->t;
		return 0;
	case JX_CMP_EQ:
		*lo = *hi = in->t;
		return 0;
	case JX_CMP_RANGE:
		*lo = in->t;
		*hi = in->t_hi;
		return 0;
	default:
		return -1;
	}
}

static void score(jx_scoring *s)
{
	const jx_method_input *in = s->in;
	double lo, hi, d;

	if (target_band(in, &lo, &hi) != 0) {
		jx_undefined(s, "the target's comparison does not suit this method");
		return;
	}
	d = jx_distance_outside(in->a, lo, hi);
	if (d == 0) {
		say(s, "a in [" G ", " G "] (" G ")", lo, hi, in->a);
		jx_full(s);
		return;
	}
	if (s->m->zero_at <= 0) {
		say(s, "a outside [" G ", " G "] (" G "), no zero_at: 0 points", lo, hi, in->a);
		s->raw = 0;
		return;
	}
	say(s, G " × max(0, 1 − " G " ÷ " G ")", in->w, d, s->m->zero_at);
	s->raw = in->w * fmax(0, 1 - d / s->m->zero_at);
}

const jx_method_desc jx_method_range = {
    .name = "range",
    .kind = JX_METHOD_RANGE,
    .params = JX_PARAM_BIT(JX_PARAM_ZERO_AT),
    .default_for = 1u << JX_CMP_RANGE,
    .flags = JX_METHOD_DECLARED | JX_METHOD_NUMBER_TARGET,
    .target_example = "\"[90%, 110%]\"",
    .score = score,
};
