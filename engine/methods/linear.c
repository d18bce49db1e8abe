/*
 * linear.c - interpolated (docs/rules.md, "linear"): w × f(c), f through
 * `points` [[completion, fraction], ...] by gsl_interp_linear, the end
 * fractions held beyond the first and last completions. Undefined when c
 * is.
 */
#include <gsl/gsl_interp.h>

#include "scoring.h"

/* The linear fraction at c, holding the end values beyond the points. */
static double linear_at(const jx_method *m, double c)
{
	const jx_curve *k = &m->curve;

	if (c <= k->x[0])
		return k->y[0];
	if (c >= k->x[k->n - 1])
		return k->y[k->n - 1];
	return gsl_interp_eval(m->interp, k->x, k->y, c, NULL);
}

static void score(jx_scoring *s)
{
	double c = s->o->completion;
	double f;

	if (isnan(c)) {
		jx_undefined(s, jx_no_completion(s->in));
		return;
	}
	if (!s->m->interp) {
		jx_undefined(s, "linear method was not prepared");
		return;
	}
	if (!jx_overshoot_applies(s, c, &f)) {
		f = linear_at(s->m, c);
		say(s, G " × linear(c = " G ") = " G " × " G, s->in->w, c, s->in->w, f);
	}
	s->raw = s->in->w * f;
}

/* The gsl_interp over the checked points. */
static const char *prepare(jx_method *m)
{
	gsl_interp *interp = gsl_interp_alloc(gsl_interp_linear, m->curve.n);
	const char *msg = NULL;

	if (!interp)
		msg = "out of memory";
	else if (gsl_interp_init(interp, m->curve.x, m->curve.y, m->curve.n) != 0)
		msg = "points must have increasing completions";
	if (msg)
		gsl_interp_free(interp);
	else
		m->interp = interp;
	return msg;
}

const jx_method_desc jx_method_linear = {
    .name = "linear",
    .kind = JX_METHOD_LINEAR,
    .params = JX_PARAM_BIT(JX_PARAM_CURVE) | JX_PARAM_BIT(JX_PARAM_OVERSHOOT),
    .prepare = prepare,
    .score = score,
};
