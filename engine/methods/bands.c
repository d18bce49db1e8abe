/*
 * bands.c - a step table (docs/rules.md, "bands"): over c, or over a with
 * `on: value`; the first band that holds wins; `fraction` gives w ×
 * fraction, `points` the points; none holds: 0.
 *
 * Bounds forgive binary noise (scoring.h); `gt` / `lt` need the number
 * beyond it. Over the value the method needs no target, and takes no
 * overshoot (there is no completion to be above).
 */
#include "scoring.h"

static int band_holds(const jx_band *b, double x)
{
	if (b->has_min && !(b->min_open ? jx_above(x, b->min) : jx_at_least(x, b->min)))
		return 0;
	if (b->has_max && !(b->max_open ? jx_below(x, b->max) : jx_at_most(x, b->max)))
		return 0;
	return 1;
}

static void score(jx_scoring *s)
{
	const jx_method *m = s->m;
	const char *on = m->bands_on_value ? "a" : "c";
	double x = m->bands_on_value ? s->in->a : s->o->completion;
	double f;

	if (isnan(x)) {
		jx_undefined(s, jx_no_completion(s->in));
		return;
	}
	if (jx_overshoot_applies(s, x, &f)) {
		s->raw = s->in->w * f;
		return;
	}
	for (size_t i = 0; i < m->bands.n; i++) {
		const jx_band *b = &m->bands.items[i];

		if (!band_holds(b, x))
			continue;
		if (b->has_points) {
			say(s, "%s = " G " in band %zu: " G " points", on, x, i + 1, b->points);
			s->raw = b->points;
		} else {
			say(s, "%s = " G " in band %zu: " G " × " G, on, x, i + 1, s->in->w,
			    b->fraction);
			s->raw = s->in->w * b->fraction;
		}
		return;
	}
	say(s, "no band holds %s = " G ": 0 points", on, x);
	s->raw = 0;
}

static int takes(const jx_method *m, jx_param p)
{
	return p != JX_PARAM_OVERSHOOT || !m->bands_on_value;
}

static int target_optional(const jx_method *m)
{
	return m->bands_on_value;
}

const jx_method_desc jx_method_bands = {
    .name = "bands",
    .kind = JX_METHOD_BANDS,
    .params =
        JX_PARAM_BIT(JX_PARAM_ON) | JX_PARAM_BIT(JX_PARAM_BANDS) | JX_PARAM_BIT(JX_PARAM_OVERSHOOT),
    .takes = takes,
    .param_note = {[JX_PARAM_OVERSHOOT] = "over the completion"},
    .target_optional = target_optional,
    .score = score,
};
