/*
 * relative.c - 按第1名的比例得分 (docs/rules.md, "relative"): against the
 * batch's best actual, which the evaluate stage finds first (pass 2).
 *
 * >= and > (and no target) score w × a / best, best the batch's largest a;
 * <= and < score w × best / a, best the smallest. The best itself, and
 * anything at or beyond it, scores w. A proportional score needs best > 0:
 * with best <= 0 anyone short of it is undefined ("best of the batch is not
 * positive"). a < 0 with best > 0 (more is better) scores 0. Other targets
 * (=, [lo, hi]) are undefined. The target's number is not used.
 */
#include "scoring.h"

static void score(jx_scoring *s)
{
	const jx_method_input *in = s->in;
	double a = in->a, best = in->best;
	/* no target at all: more is better */
	int more = in->cmp == JX_CMP_GE || in->cmp == JX_CMP_GT || in->cmp == 0;

	if (!more && in->cmp != JX_CMP_LE && in->cmp != JX_CMP_LT) {
		jx_undefined(s, "relative needs a >=, >, <= or < target");
		return;
	}
	if (!isfinite(best)) {
		jx_undefined(s, "best of the batch is not a finite number");
		return;
	}
	if (more ? jx_at_least(a, best) : jx_at_most(a, best)) {
		say(s, "a at the batch's best (" G ", best " G ")", a, best);
		jx_full(s);
		return;
	}
	if (!(best > 0)) {
		jx_undefined(s, "best of the batch is not positive");
		return;
	}
	if (more) {
		say(s, G " × " G " ÷ " G, in->w, a, best);
		s->raw = in->w * a / best;
	} else {
		say(s, G " × " G " ÷ " G, in->w, best, a);
		s->raw = in->w * best / a;
	}
}

const jx_method_desc jx_method_relative = {
    .name = "relative",
    .kind = JX_METHOD_RELATIVE,
    .flags = JX_METHOD_BATCH_BEST,
    .target_optional = jx_method_always,
    .score = score,
};
