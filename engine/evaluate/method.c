/*
 * method.c - the scoring methods of spec §1.4 (see method.h).
 *
 * One static function per method, dispatched by jx_method_score(). Each one
 * both computes the score and, when asked, writes its formula with the numbers
 * substituted, so `explain` can never drift from what was computed.
 *
 * Edge cases (w weight, a actual, t target, c completion):
 *
 * - Input: w must be finite and >= 0 (w = 0 scores 0); a, t (and the upper
 *   bound for [lo, hi]) must be finite, else undefined. A word actual with a
 *   numeric method is undefined ("a number is expected"), a number with
 *   `grade` likewise ("a word is expected"). A word target with a numeric
 *   method is undefined. Every score is clamped to [0, w].
 * - Comparisons that switch a score (a >= t for a met target, threshold,
 *   band bounds, equality within precision, a grade's band, the batch's
 *   best) forgive binary noise: x and y closer than 64 ulps of the larger
 *   (about 1.4e-14 relative) plus 1e-12 count as equal, so 0.7 + 0.1 reaches
 *   0.8 and 0.3 - (0.1 + 0.2) meets a target of 0. Open bounds (gt / lt)
 *   need x beyond that margin. Continuous formulas use the numbers as given.
 * - Completion c = a / t only when t > 0. It is NaN for t = 0, for t < 0
 *   (a ratio against a negative target says nothing: -3% against -5% would
 *   read as 60% although the target is met), for [lo, hi] targets and for
 *   words. Methods that need c are undefined when it is NaN, except `ratio`
 *   below.
 * - ratio: w × min(c, cap). With t <= 0: a >= t is met and scores w; a < t
 *   is undefined ("target is not positive; no proportional score"). A
 *   negative a against a positive t gives c < 0 and scores 0. cap > 1 has no
 *   effect beyond w because of the clamp; cap < 1 lowers the maximum.
 * - inverse: a <= t scores w. Otherwise t > 0 gives w × t / a; t = 0 gives 0
 *   (t / a = 0); t < 0 is undefined (no proportional score). So a <= 0 is
 *   within whenever t >= 0.
 * - equal: |a - t| <= precision scores w, else w × (1 - |a - t| / |t|)
 *   floored at 0; t = 0 and not equal scores 0.
 * - range: the band follows the target: [lo, hi] for a range, [t, inf) for
 *   >= and >, (-inf, t] for <= and <, [t, t] for =; bounds count as inside
 *   (a strict bound only matters at distance 0, where the falloff is w
 *   anyway). Outside, at distance d from the nearer bound: w × (1 - d /
 *   zero_at) floored at 0; zero_at = 0 means outside scores 0.
 * - threshold: >= > <= < as written, = within precision, [lo, hi]
 *   inclusive; met scores w, else w × partial.
 * - linear: gsl_interp_linear through points (completion, fraction), the
 *   end fractions held beyond the first and last completions.
 * - bands: over c (or a with bands_on_value); first band that holds wins;
 *   fraction → w × fraction, points → points; none holds → 0.
 * - deduct: shortfall is max(0, t - a) for >= and >, max(0, a - t) for <= and
 *   <, |a - t| for = (0 within precision), the distance outside [lo, hi].
 *   Score w - points × shortfall / per; with step, only whole pers count:
 *   floor(q + tol) where tol absorbs binary error (1e-9 plus a few ulps of
 *   the operands over per), so 0.05 / 0.01 = 5.000000000000001 and
 *   4.9999999999 both count as 5 while 4.99 counts as 4.
 * - grade: the word is matched byte for byte after trimming ASCII spaces and
 *   U+3000 on both sides. A level without a range scores w × fraction (the
 *   rules' fixed fraction wins over a department's own). A level with a
 *   range takes the department's own fraction when given (it must lie in
 *   [lo, hi], else undefined "fraction outside the level's band"); with no
 *   own fraction, the level's `fraction` when the rules wrote one
 *   (has_fraction), else the band's upper bound hi. Unknown word: undefined.
 * - relative: >= and > score w × a / best (best = the batch's largest a),
 *   <= and < score w × best / a (best = the smallest). The best itself, and
 *   anything at or beyond it, scores w. A proportional score needs best > 0:
 *   with best <= 0 anyone short of it is undefined ("best of the batch is not
 *   positive"). a < 0 with best > 0 (more is better) scores 0. Other targets
 *   (=, [lo, hi]) are undefined.
 * - expr: the program sees the locals a, t, w, c (in that order) as numbers;
 *   c is passed as an undefined value (JX_WHY_DIV_ZERO, at 0) when it is NaN.
 *   A non-number or non-finite result is undefined "expression is undefined";
 *   the value is returned in expr_value for jx_program_describe().
 * - explain: the formula with numbers printed "%.6g", then " = <raw>" and,
 *   when the clamp changed it, ", clamped to [0, w]: <score>"; an undefined
 *   case is "undefined: <reason>". Truncated as snprintf() truncates.
 * - overshoot: only for ratio, linear and bands over the completion
 *   (jx_method_prepare() refuses it elsewhere). When c > above, the fraction
 *   becomes max(floor, 1 - (c - above)) instead of the method's own. Not
 *   applied when c is NaN.
 */
#include "../common/c_locale.h"
#include "evaluate.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_interp.h>

#define G "%.6g" /* how explain prints a number */

/* ---- comparing --------------------------------------------------------- */

/* Binary noise between two decimals of this size: 0.7 + 0.1 is
 * 0.7999999999999999 and must still reach a band starting at 0.8, and
 * 0.3 - (0.1 + 0.2) = -5.6e-17 must still meet a target of 0. 64 ulps
 * relative (about 1.4e-14) plus 1e-12 absolute: far below any figure a form
 * carries. */
static double noise(double x, double y)
{
	return 64 * DBL_EPSILON * fmax(fabs(x), fabs(y)) + 1e-12;
}

static int at_least(double x, double lo)
{
	return x >= lo - noise(x, lo);
}

static int at_most(double x, double hi)
{
	return x <= hi + noise(x, hi);
}

static int above(double x, double lo)
{
	return x > lo + noise(x, lo);
}

static int below(double x, double hi)
{
	return x < hi - noise(x, hi);
}

/* |a - t| <= precision, forgiving noise (precision 0: equal up to noise). */
static int within(double a, double t, double precision)
{
	return fabs(a - t) <= precision + noise(a, t);
}

/* ---- scoring ---------------------------------------------------------- */

typedef struct {
	const jx_method *m;
	const jx_method_input *in;
	jx_method_output o;
	double raw;  /* the method's score before the clamp to [0, w] */
	int explain; /* write the formula (buf may still be NULL: count only) */
	char *buf;   /* explain: where the formula goes */
	size_t size;
	size_t len; /* snprintf-style: what the whole text needs */
} scoring;

static void say_text(scoring *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The explanation's text, written only when explaining: scoring a batch
 * skips even the arguments. */
#define say(s, ...)                                                                                \
	do {                                                                                       \
		if ((s)->explain)                                                                  \
			say_text((s), __VA_ARGS__);                                                \
	} while (0)

static void say_text(scoring *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!s->explain)
		return;
	va_start(ap, fmt);
	if (s->buf && s->len < s->size)
		n = jx_vsnprintf(s->buf + s->len, s->size - s->len, fmt, ap);
	else
		n = jx_vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->len += (size_t)n;
}

/* The department cannot be scored: the text says why, and nothing else. */
static void undefined(scoring *s, const char *reason)
{
	s->o.ok = 0;
	s->o.reason = reason;
	s->o.score = 0;
	s->len = 0;
	if (s->buf && s->size)
		s->buf[0] = '\0';
	say(s, "undefined: %s", reason);
}

static void full(scoring *s)
{
	say(s, ": w");
	s->raw = s->in->w;
}

static const char *no_completion(const jx_method_input *in)
{
	if (in->cmp == JX_CMP_RANGE)
		return "completion is undefined for a range target";
	if (in->t == 0)
		return "completion is undefined: the target is 0";
	return "completion is undefined: the target is negative";
}

/* Overshoot: for c > above the fraction is max(floor, 1 - (c - above)).
 * Returns 1 (and sets *f) when it applies. */
static int overshoot(scoring *s, double c, double *f)
{
	const jx_method *m = s->m;

	if (!m->has_overshoot || isnan(c) || !(c > m->overshoot_above))
		return 0;
	*f = fmax(m->overshoot_floor, 1 - (c - m->overshoot_above));
	s->o.overshoot_applied = 1;
	say(s, "c = " G " > " G ": " G " × max(" G ", 1 − (" G " − " G "))", c, m->overshoot_above,
	    s->in->w, m->overshoot_floor, c, m->overshoot_above);
	return 1;
}

static void score_ratio(scoring *s)
{
	const jx_method_input *in = s->in;
	double c = s->o.completion;
	double f;

	if (isnan(c)) {
		if (in->cmp == JX_CMP_RANGE) {
			undefined(s, no_completion(in));
			return;
		}
		if (!at_least(in->a, in->t)) {
			undefined(s, "target is not positive; no proportional score");
			return;
		}
		say(s, "a ≥ t (" G " ≥ " G ")", in->a, in->t);
		full(s);
		return;
	}
	if (overshoot(s, c, &f)) {
		s->raw = in->w * f;
		return;
	}
	f = fmin(c, s->m->cap);
	say(s, G " × min(" G " ÷ " G ", " G ")", in->w, in->a, in->t, s->m->cap);
	s->raw = in->w * f;
}

static void score_inverse(scoring *s)
{
	const jx_method_input *in = s->in;

	if (at_most(in->a, in->t)) {
		say(s, "a ≤ t (" G " ≤ " G ")", in->a, in->t);
		full(s);
		return;
	}
	if (in->t < 0) {
		undefined(s, "target is not positive; no proportional score");
		return;
	}
	say(s, G " × " G " ÷ " G, in->w, in->t, in->a);
	s->raw = in->t > 0 ? in->w * in->t / in->a : 0;
}

static void score_equal(scoring *s)
{
	const jx_method_input *in = s->in;
	double d = fabs(in->a - in->t);

	if (within(in->a, in->t, s->m->precision)) {
		say(s, "|a − t| = " G " ≤ " G, d, s->m->precision);
		full(s);
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

static double distance_outside(double a, double lo, double hi)
{
	if (a < lo)
		return lo - a;
	if (a > hi)
		return a - hi;
	return 0;
}

static void score_range(scoring *s)
{
	const jx_method_input *in = s->in;
	double lo, hi, d;

	if (target_band(in, &lo, &hi) != 0) {
		undefined(s, "the target's comparison does not suit this method");
		return;
	}
	d = distance_outside(in->a, lo, hi);
	if (d == 0) {
		say(s, "a in [" G ", " G "] (" G ")", lo, hi, in->a);
		full(s);
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

/* Whether a meets the target's comparison; -1 when it has none. */
static int target_met(const jx_method_input *in, double precision)
{
	double a = in->a, t = in->t;

	switch (in->cmp) {
	case JX_CMP_GE:
		return at_least(a, t);
	case JX_CMP_GT:
		return above(a, t);
	case JX_CMP_LE:
		return at_most(a, t);
	case JX_CMP_LT:
		return below(a, t);
	case JX_CMP_EQ:
		return within(a, t, precision);
	case JX_CMP_RANGE:
		return at_least(a, t) && at_most(a, in->t_hi);
	default:
		return -1;
	}
}

static void score_threshold(scoring *s)
{
	const jx_method_input *in = s->in;
	int met = target_met(in, s->m->precision);

	if (met < 0) {
		undefined(s, "the target's comparison does not suit this method");
		return;
	}
	if (met) {
		say(s, "target met (a = " G ")", in->a);
		full(s);
		return;
	}
	say(s, "target not met (a = " G "): " G " × " G, in->a, in->w, s->m->partial);
	s->raw = in->w * s->m->partial;
}

/* The linear fraction at c, holding the end values beyond the points. */
static double linear_at(const jx_method *m, double c)
{
	size_t n = m->n_points;

	if (c <= m->lin_x[0])
		return m->lin_y[0];
	if (c >= m->lin_x[n - 1])
		return m->lin_y[n - 1];
	return gsl_interp_eval(m->interp, m->lin_x, m->lin_y, c, NULL);
}

static void score_linear(scoring *s)
{
	double c = s->o.completion;
	double f;

	if (isnan(c)) {
		undefined(s, no_completion(s->in));
		return;
	}
	if (!s->m->interp) {
		undefined(s, "linear method was not prepared");
		return;
	}
	if (!overshoot(s, c, &f)) {
		f = linear_at(s->m, c);
		say(s, G " × linear(c = " G ") = " G " × " G, s->in->w, c, s->in->w, f);
	}
	s->raw = s->in->w * f;
}

static int band_holds(const jx_band *b, double x)
{
	if (b->has_min && !(b->min_open ? above(x, b->min) : at_least(x, b->min)))
		return 0;
	if (b->has_max && !(b->max_open ? below(x, b->max) : at_most(x, b->max)))
		return 0;
	return 1;
}

static void score_bands(scoring *s)
{
	const jx_method *m = s->m;
	const char *on = m->bands_on_value ? "a" : "c";
	double x = m->bands_on_value ? s->in->a : s->o.completion;
	double f;

	if (isnan(x)) {
		undefined(s, no_completion(s->in));
		return;
	}
	if (overshoot(s, x, &f)) {
		s->raw = s->in->w * f;
		return;
	}
	for (size_t i = 0; i < m->n_bands; i++) {
		const jx_band *b = &m->bands[i];

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
		return within(a, t, precision) ? 0 : fabs(a - t);
	case JX_CMP_RANGE:
		return distance_outside(a, t, in->t_hi);
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

static void score_deduct(scoring *s)
{
	const jx_method *m = s->m;
	const jx_method_input *in = s->in;
	double d = shortfall(in, m->precision);
	double q;

	if (d < 0) {
		undefined(s, "the target's comparison does not suit this method");
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

/* The level a word names: the same word, else the longest level word the
 * word starts with, so the official phrases read as their level
 * (达成年度指标 -> 达成, 部分达成年度指标并具有一定效果 -> 部分达成). */
static const jx_level *find_level(const jx_method *m, const char *word, size_t len)
{
	const jx_level *prefixed = NULL;
	jx_trim_word(&word, &len);
	for (size_t i = 0; i < m->n_levels; i++) {
		const jx_level *l = &m->levels[i];
		const char *lw = l->word;
		size_t ln = l->word_len;

		if (jx_same_word(lw, ln, word, len))
			return l;
		jx_trim_word(&lw, &ln);
		if (ln && ln < len && memcmp(lw, word, ln) == 0 &&
		    (!prefixed || ln > prefixed->word_len))
			prefixed = l;
	}
	return prefixed;
}

static void score_grade(scoring *s)
{
	const jx_method_input *in = s->in;
	const jx_level *l = find_level(s->m, in->word, in->word_len);
	double f;

	if (!l) {
		undefined(s, "unknown level");
		return;
	}
	if (!l->has_range) {
		f = l->fraction;
	} else if (in->has_fraction) {
		if (!(at_least(in->fraction, l->lo) && at_most(in->fraction, l->hi))) {
			undefined(s, "fraction outside the level's band");
			return;
		}
		f = in->fraction;
	} else {
		f = l->has_fraction ? l->fraction : l->hi;
	}
	say(s, "%.*s: " G " × " G, (int)l->word_len, l->word, in->w, f);
	s->raw = in->w * f;
}

static void score_relative(scoring *s)
{
	const jx_method_input *in = s->in;
	double a = in->a, best = in->best;
	/* no target at all: more is better */
	int more = in->cmp == JX_CMP_GE || in->cmp == JX_CMP_GT || in->cmp == 0;

	if (!more && in->cmp != JX_CMP_LE && in->cmp != JX_CMP_LT) {
		undefined(s, "relative needs a >=, >, <= or < target");
		return;
	}
	if (!isfinite(best)) {
		undefined(s, "best of the batch is not a finite number");
		return;
	}
	if (more ? at_least(a, best) : at_most(a, best)) {
		say(s, "a at the batch's best (" G ", best " G ")", a, best);
		full(s);
		return;
	}
	if (!(best > 0)) {
		undefined(s, "best of the batch is not positive");
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

static void score_expr(scoring *s)
{
	const jx_method_input *in = s->in;
	double c = s->o.completion;
	jx_eval_input ev = {0};
	jx_val locals[4];
	jx_val v;

	locals[0] = jx_val_number(in->a);
	locals[1] = jx_val_number(in->t);
	locals[2] = jx_val_number(in->w);
	locals[3] = isnan(c) ? jx_val_state(JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 0) : jx_val_number(c);
	if (in->vars)
		ev = *in->vars;
	ev.locals = locals;
	v = jx_program_eval(s->m->expr, &ev);
	s->o.expr_value = v;
	if (v.kind != JX_VAL_NUM || !isfinite(v.u.num)) {
		undefined(s, "expression is undefined");
		return;
	}
	say(s, "%s with a = " G ", t = " G ", w = " G ", c = " G, jx_program_source(s->m->expr),
	    in->a, in->t, in->w, c);
	s->raw = v.u.num;
}

/* Why this input cannot be scored by any method, or NULL. */
static const char *check_input(const jx_method *m, const jx_method_input *in)
{
	if (!(isfinite(in->w) && in->w >= 0))
		return "weight is not a finite number >= 0";
	if (m->kind == JX_METHOD_GRADE) {
		if (!in->word)
			return "a word is expected";
		if (in->has_fraction && !isfinite(in->fraction))
			return "the department's fraction is not a finite number";
		return NULL;
	}
	if (in->word)
		return "a number is expected";
	if (in->cmp == JX_CMP_WORD)
		return "the target is a word; a number is expected";
	if (!isfinite(in->a))
		return "actual is not a finite number";
	/* expr, relative and bands over the value may be written without a
	 * target (cmp 0); then t is not looked at. */
	int no_target =
	    in->cmp == 0 && (m->kind == JX_METHOD_EXPR || m->kind == JX_METHOD_RELATIVE ||
	                     (m->kind == JX_METHOD_BANDS && m->bands_on_value));
	if (!no_target && (!isfinite(in->t) || (in->cmp == JX_CMP_RANGE && !isfinite(in->t_hi))))
		return "target is not a finite number";
	if (in->cmp == JX_CMP_RANGE && in->t > in->t_hi)
		return "range target's lower bound is above its upper bound";
	return NULL;
}

static double completion_of(const jx_method_input *in)
{
	if (in->word || in->cmp == JX_CMP_RANGE || !(in->t > 0))
		return NAN;
	if (!isfinite(in->a) || !isfinite(in->t))
		return NAN;
	return in->a / in->t;
}

static inline __attribute__((always_inline)) void dispatch(scoring *s)
{
	switch (s->m->kind) {
	case JX_METHOD_RATIO:
		score_ratio(s);
		break;
	case JX_METHOD_INVERSE:
		score_inverse(s);
		break;
	case JX_METHOD_EQUAL:
		score_equal(s);
		break;
	case JX_METHOD_RANGE:
		score_range(s);
		break;
	case JX_METHOD_THRESHOLD:
		score_threshold(s);
		break;
	case JX_METHOD_LINEAR:
		score_linear(s);
		break;
	case JX_METHOD_BANDS:
		score_bands(s);
		break;
	case JX_METHOD_DEDUCT:
		score_deduct(s);
		break;
	case JX_METHOD_GRADE:
		score_grade(s);
		break;
	case JX_METHOD_RELATIVE:
		score_relative(s);
		break;
	case JX_METHOD_EXPR:
		score_expr(s);
		break;
	default:
		undefined(s, "unknown scoring method");
		break;
	}
}

/* Clamps the method's score to [0, w] and ends the formula with it. */
static inline __attribute__((always_inline)) void finish(scoring *s)
{
	double w = s->in->w;

	if (!s->o.ok)
		return;
	if (!isfinite(s->raw)) {
		undefined(s, "score is not a finite number");
		return;
	}
	/* raw and w are finite here: plain comparisons (fmin/fmax are library
	 * calls), and a -0 comes out as 0 */
	double above = s->raw > 0 ? s->raw : 0.0;
	s->o.score = above < w ? above : w;
	say(s, " = " G, s->raw);
	if (s->o.score != s->raw)
		say(s, ", clamped to [0, " G "]: " G, w, s->o.score);
}

/* Inlined into both callers: scoring a batch (explain known to be 0, so
 * every say() and its arguments drop out) and explaining one score. */
static inline __attribute__((always_inline)) void run(scoring *s, const jx_method *m,
                                                      const jx_method_input *in)
{
	const char *why;

	s->m = m;
	s->in = in;
	s->o.ok = 1;
	s->o.completion = completion_of(in);
	s->o.expr_value = jx_val_number(0);
	if (s->buf && s->size)
		s->buf[0] = '\0';
	why = check_input(m, in);
	if (why) {
		undefined(s, why);
		return;
	}
	dispatch(s);
	finish(s);
}

jx_method_output jx_method_score(const jx_method *m, const jx_method_input *in)
{
	scoring s = {0};

	run(&s, m, in);
	return s.o;
}

int jx_method_explain(const jx_method *m, const jx_method_input *in, const jx_method_output *o,
                      char *buf, size_t size)
{
	scoring s = {0};

	(void)o; /* recomputed: the text comes from the same code as the score */
	s.explain = 1;
	s.buf = buf;
	s.size = buf ? size : 0;
	run(&s, m, in);
	return s.len > (size_t)0x7fffffff ? 0x7fffffff : (int)s.len;
}
