/*
 * score.c - one score by any method (methods.h): the checks every method
 * shares, the completion, the call into the method's score function, the
 * clamp, and the formula `explain` prints. Each method's own formula and
 * edge cases are in its file (ratio.c, ...); docs/rules.md §7 lists them.
 *
 * - Input: w must be finite and >= 0 (w = 0 scores 0); a, t (and the upper
 *   bound for [lo, hi]) must be finite, else undefined. A word actual with a
 *   numeric method is undefined ("a number is expected"), a number with a
 *   method that scores words (grade) likewise ("a word is expected"). A word
 *   target with a numeric method is undefined. A method that can score
 *   without a target (target_optional) does not look at t when there is
 *   none (cmp 0). Every score is clamped to [0, w].
 * - Completion c = a / t only when t > 0. It is NaN for t = 0, for t < 0
 *   (a ratio against a negative target says nothing: -3% against -5% would
 *   read as 60% although the target is met), for [lo, hi] targets and for
 *   words. Methods that need c are undefined when it is NaN, except `ratio`.
 * - explain: the formula with numbers printed "%.6g", then " = <raw>" and,
 *   when the clamp changed it, ", clamped to [0, w]: <score>"; an undefined
 *   case is "undefined: <reason>". Truncated as snprintf() truncates.
 * - overshoot: only where the method takes it (jx_method_prepare() refuses
 *   it elsewhere). When c > above, the fraction becomes max(floor, 1 - (c -
 *   above)) instead of the method's own. Not applied when c is NaN.
 */
#include <stdarg.h>
#include <stdio.h>

#include "../common/c_locale.h"
#include "scoring.h"

void jx_say_text(jx_scoring *s, const char *fmt, ...)
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

void jx_undefined(jx_scoring *s, const char *reason)
{
	s->o->ok = 0;
	s->o->reason = reason;
	s->o->score = 0;
	s->len = 0;
	if (s->buf && s->size)
		s->buf[0] = '\0';
	say(s, "undefined: %s", reason);
}

const char *jx_no_completion(const jx_method_input *in)
{
	if (in->cmp == JX_CMP_RANGE)
		return "completion is undefined for a range target";
	if (in->t == 0)
		return "completion is undefined: the target is 0";
	return "completion is undefined: the target is negative";
}

/* Why this input cannot be scored by the method, or NULL. */
static inline __attribute__((always_inline)) const char *
check_input(const jx_method_desc *d, const jx_method *m, const jx_method_input *in)
{
	if (!(isfinite(in->w) && in->w >= 0))
		return "weight is not a finite number >= 0";
	if (d->flags & JX_METHOD_WORDS) {
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
	/* a method that scores without a target (cmp 0) does not look at t */
	int no_target = in->cmp == 0 && d->target_optional && d->target_optional(m);
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

/* Clamps the method's score to [0, w] and ends the formula with it. */
static inline __attribute__((always_inline)) void finish(jx_scoring *s)
{
	double w = s->in->w;

	if (!s->o->ok)
		return;
	if (!isfinite(s->raw)) {
		jx_undefined(s, "score is not a finite number");
		return;
	}
	/* raw and w are finite here: plain comparisons (fmin/fmax are library
	 * calls), and a -0 comes out as 0 */
	double above = s->raw > 0 ? s->raw : 0.0;
	s->o->score = above < w ? above : w;
	say(s, " = " G, s->raw);
	if (s->o->score != s->raw)
		say(s, ", clamped to [0, " G "]: " G, w, s->o->score);
}

/* Inlined into both callers: scoring a batch and explaining one score. */
static inline __attribute__((always_inline)) void run(jx_scoring *s, const jx_method *m,
                                                      const jx_method_input *in)
{
	/* jx_method_desc_of(), inlined */
	const jx_method_desc *d =
	    (unsigned)m->kind < JX_METHOD_COUNT_ ? jx_method_descs[m->kind] : NULL;
	const char *why;

	s->m = m;
	s->in = in;
	s->raw = 0;
	s->o->score = 0;
	s->o->completion = completion_of(in);
	s->o->ok = 1;
	s->o->reason = NULL;
	s->o->overshoot_applied = 0;
	s->o->expr_value = jx_val_number(0);
	if (s->buf && s->size)
		s->buf[0] = '\0';
	if (!d) {
		jx_undefined(s, "unknown scoring method");
		return;
	}
	why = check_input(d, m, in);
	if (why) {
		jx_undefined(s, why);
		return;
	}
	d->score(s);
	finish(s);
}

void jx_method_score_into(const jx_method *m, const jx_method_input *in, jx_method_output *out)
{
	/* every field is set here or by run(): zeroing the whole struct was a
	 * `rep stos` per score */
	jx_scoring s;

	s.o = out;
	s.explain = 0;
	s.buf = NULL;
	s.size = 0;
	s.len = 0;
	run(&s, m, in);
}

int jx_method_explain(const jx_method *m, const jx_method_input *in, const jx_method_output *o,
                      char *buf, size_t size)
{
	jx_method_output out;
	jx_scoring s = {.o = &out};

	(void)o; /* recomputed: the text comes from the same code as the score */
	s.explain = 1;
	s.buf = buf;
	s.size = buf ? size : 0;
	run(&s, m, in);
	return s.len > (size_t)0x7fffffff ? 0x7fffffff : (int)s.len;
}
