/*
 * scoring.h - what a method's score function works with (the methods'
 * own header; nothing outside engine/methods/ includes it).
 *
 * A score function reads s->m (the method's parameters) and s->in (the
 * department's actual, target, weight), and either sets s->raw, the score
 * before the clamp to [0, w], or calls jx_undefined() with a reason. When
 * s->explain is set it also says its formula with the numbers substituted,
 * through say(), so `explain` cannot drift from the score (score.c clamps
 * and ends the formula). docs/rules.md §7 lists the edge cases.
 *
 * Comparisons that switch a score (a >= t for a met target, threshold,
 * band bounds, equality within precision, a grade's band, the batch's best)
 * forgive binary noise: x and y closer than 64 ulps of the larger (about
 * 1.4e-14 relative) plus 1e-12 count as equal, so 0.7 + 0.1 reaches 0.8 and
 * 0.3 - (0.1 + 0.2) meets a target of 0. Open bounds (gt / lt) need x beyond
 * that margin. Continuous formulas use the numbers as given.
 */
#ifndef JX_METHODS_SCORING_H
#define JX_METHODS_SCORING_H

#include <float.h>
#include <math.h>

#include "methods.h"

#define G "%.6g" /* how explain prints a number */

struct jx_scoring {
	const jx_method *m;
	const jx_method_input *in;
	jx_method_output *o; /* what comes out */
	double raw;          /* the method's score before the clamp to [0, w] */
	int explain;         /* write the formula (buf may still be NULL: count only) */
	char *buf;           /* explain: where the formula goes */
	size_t size;
	size_t len; /* snprintf-style: what the whole text needs */
};

void jx_say_text(jx_scoring *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The explanation's text, written only when explaining: scoring a batch
 * skips even the arguments. */
#define say(s, ...)                                                                                \
	do {                                                                                       \
		if ((s)->explain)                                                                  \
			jx_say_text((s), __VA_ARGS__);                                             \
	} while (0)

/* The department cannot be scored: the text says why, and nothing else. */
void jx_undefined(jx_scoring *s, const char *reason);

/* Why a method that needs the completion has none (a range target, t = 0,
 * t < 0). */
const char *jx_no_completion(const jx_method_input *in);

/* Overshoot (docs/rules.md, "overshoot"): for c > above the fraction is
 * max(floor, 1 - (c - above)). Returns 1 (and sets *f, says the formula)
 * when it applies; never for a NaN c. Inline: ratio asks on every score. */
static inline int jx_overshoot_applies(jx_scoring *s, double c, double *f)
{
	const jx_overshoot *os = &s->m->overshoot;

	if (!os->set || isnan(c) || !(c > os->above))
		return 0;
	*f = fmax(os->floor, 1 - (c - os->above));
	s->o->overshoot_applied = 1;
	say(s, "c = " G " > " G ": " G " × max(" G ", 1 − (" G " − " G "))", c, os->above, s->in->w,
	    os->floor, c, os->above);
	return 1;
}

/* The full weight: "…: w". */
static inline void jx_full(jx_scoring *s)
{
	say(s, ": w");
	s->raw = s->in->w;
}

/* Binary noise between two decimals of this size (see the top). */
static inline double jx_noise(double x, double y)
{
	return 64 * DBL_EPSILON * fmax(fabs(x), fabs(y)) + 1e-12;
}

static inline int jx_at_least(double x, double lo)
{
	return x >= lo - jx_noise(x, lo);
}

static inline int jx_at_most(double x, double hi)
{
	return x <= hi + jx_noise(x, hi);
}

static inline int jx_above(double x, double lo)
{
	return x > lo + jx_noise(x, lo);
}

static inline int jx_below(double x, double hi)
{
	return x < hi - jx_noise(x, hi);
}

/* |a - t| <= precision, forgiving noise (precision 0: equal up to noise). */
static inline int jx_within(double a, double t, double precision)
{
	return fabs(a - t) <= precision + jx_noise(a, t);
}

/* How far a lies outside [lo, hi]; 0 inside. */
static inline double jx_distance_outside(double a, double lo, double hi)
{
	if (a < lo)
		return lo - a;
	if (a > hi)
		return a - hi;
	return 0;
}

#endif
