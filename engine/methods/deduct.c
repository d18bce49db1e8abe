/*
 * deduct.c - 每超过一个百分点扣 x 分，扣完为止 (docs/rules.md, "deduct"):
 * w - points × shortfall / per, floored at 0 by the clamp.
 *
 * The shortfall is max(0, t - a) for >= and >, max(0, a - t) for <= and <,
 * |a - t| for = (0 within precision), the distance outside [lo, hi]. With
 * `step`, only whole pers count: floor(q + tol) where tol absorbs binary
 * error (1e-9 plus a few ulps of the operands over per), so 0.05 / 0.01 =
 * 5.000000000000001 and 4.9999999999 both count as 5 while 4.99 counts as 4.
 *
 * `precision` is printed only when written: it was left out of the
 * canonical print before, and printing its default would change the hash
 * of every rule set with a deduct (methods.h, params_if_set).
 */
#include "scoring.h"

/* How far a lies on the wrong side of the target; -1 for a word target. */
static double shortfall(const jx_method_input *in, double precision)
{
	double a = in->a, t = in->t;

	switch (in->cmp) {
	case JX_CMP_GE:
	case JX_CMP_GT:
		return fmax(0, t - a);
	case JX_CMP_LE:
	case JX_CMP_LT:
		return fmax(0, a - t);
	case JX_CMP_EQ:
		return jx_within(a, t, precision) ? 0 : fabs(a - t);
	case JX_CMP_RANGE:
		return jx_distance_outside(a, t, in->t_hi);
	default:
		return -1;
	}
}

/* Whole pers in q = shortfall / per, forgiving binary error: 0.05 / 0.01 is
 * 5.000000000000001 and 1.05 - 1 is 0.050000000000000044. */
static double whole_pers(const jx_method_input *in, double q, double per)
{
	double tol = 1e-9 + 64 * DBL_EPSILON * ((fabs(in->a) + fabs(in->t)) / per + q);

	return floor(q + tol);
}

static void score(jx_scoring *s)
{
	const jx_method *m = s->m;
	const jx_method_input *in = s->in;
	double d = shortfall(in, m->precision);
	double q;

	if (d < 0) {
		jx_undefined(s, "the target's comparison does not suit this method");
		return;
	}
	q = d / m->per;
	if (m->step) {
		q = whole_pers(in, q, m->per);
		say(s, G " − " G " × floor(" G " ÷ " G ")", in->w, m->points, d, m->per);
	} else {
		say(s, G " − " G " × (" G " ÷ " G ")", in->w, m->points, d, m->per);
	}
	s->raw = in->w - m->points * q;
}

const jx_method_desc jx_method_deduct = {
    .name = "deduct",
    .kind = JX_METHOD_DEDUCT,
    .params =
        JX_PARAM_BIT(JX_PARAM_PER) | JX_PARAM_BIT(JX_PARAM_POINTS) | JX_PARAM_BIT(JX_PARAM_STEP),
    .params_if_set = JX_PARAM_BIT(JX_PARAM_PRECISION),
    .flags = JX_METHOD_DECLARED,
    .score = score,
};
