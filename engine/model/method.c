/*
 * method.c - what a scoring method is (see method.h): the names, the
 * default method for a target's comparison, the parameters' defaults and
 * their checks, and the prepared state (the gsl_interp of `linear`).
 * Scoring itself is the evaluate stage's (engine/evaluate/method.c).
 */
#include "method.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_interp.h>

static const char *const method_names[JX_METHOD_COUNT_] = {
    [JX_METHOD_RATIO] = "ratio",         [JX_METHOD_INVERSE] = "inverse",
    [JX_METHOD_EQUAL] = "equal",         [JX_METHOD_RANGE] = "range",
    [JX_METHOD_THRESHOLD] = "threshold", [JX_METHOD_LINEAR] = "linear",
    [JX_METHOD_BANDS] = "bands",         [JX_METHOD_DEDUCT] = "deduct",
    [JX_METHOD_GRADE] = "grade",         [JX_METHOD_RELATIVE] = "relative",
    [JX_METHOD_EXPR] = "expr",
};

int jx_method_from_name(const char *name, size_t len)
{
	if (!name)
		return -1;
	for (int k = 0; k < JX_METHOD_COUNT_; k++) {
		if (strlen(method_names[k]) == len && memcmp(method_names[k], name, len) == 0)
			return k;
	}
	return -1;
}

const char *jx_method_name(jx_method_kind kind)
{
	if ((int)kind < 0 || kind >= JX_METHOD_COUNT_)
		return "?";
	return method_names[kind];
}

jx_method_kind jx_method_default_for(jx_cmp cmp)
{
	switch (cmp) {
	case JX_CMP_LE:
	case JX_CMP_LT:
		return JX_METHOD_INVERSE;
	case JX_CMP_EQ:
		return JX_METHOD_EQUAL;
	case JX_CMP_RANGE:
		return JX_METHOD_RANGE;
	case JX_CMP_WORD:
		return JX_METHOD_GRADE;
	case JX_CMP_GE:
	case JX_CMP_GT:
	default:
		return JX_METHOD_RATIO;
	}
}

void jx_method_init(jx_method *m, jx_method_kind kind)
{
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->cap = 1;
	m->precision = 0;
	m->zero_at = 0;
	m->partial = 0;
	m->per = 0.01;
	m->points = 0.1;
}

/* ---- preparing -------------------------------------------------------- */

static int in_unit(double x)
{
	return x >= 0 && x <= 1;
}

static const char *check_linear(const jx_method *m)
{
	if (!m->lin_x || !m->lin_y || m->n_points < 2)
		return "linear needs at least two points";
	for (size_t i = 0; i < m->n_points; i++) {
		if (!isfinite(m->lin_x[i]))
			return "points must have finite completions";
		if (!in_unit(m->lin_y[i]))
			return "point fractions must lie in [0, 1]";
		if (i && !(m->lin_x[i] > m->lin_x[i - 1]))
			return "points must have increasing completions";
	}
	return NULL;
}

static const char *check_band(const jx_band *b)
{
	if (b->has_points ? !(isfinite(b->points) && b->points >= 0) : !in_unit(b->fraction))
		return b->has_points ? "band points must be a finite number >= 0"
		                     : "band fractions must lie in [0, 1]";
	if ((b->has_min && !isfinite(b->min)) || (b->has_max && !isfinite(b->max)))
		return "band bounds must be finite numbers";
	if (b->has_min && b->has_max &&
	    (b->min > b->max || (b->min == b->max && (b->min_open || b->max_open))))
		return "a band can never hold: its min is not below its max";
	return NULL;
}

static const char *check_bands(const jx_method *m)
{
	if (!m->bands || m->n_bands == 0)
		return "bands needs at least one band";
	for (size_t i = 0; i < m->n_bands; i++) {
		const char *err = check_band(&m->bands[i]);

		if (err)
			return err;
	}
	return NULL;
}

static const char *check_level(const jx_level *l)
{
	const char *w = l->word;
	size_t n = l->word_len;

	if (!w)
		return "a level needs a word";
	jx_trim_word(&w, &n);
	if (n == 0)
		return "a level needs a word";
	if (l->has_range) {
		if (!in_unit(l->lo) || !in_unit(l->hi) || l->lo > l->hi)
			return "a level's band must lie in [0, 1] with lo <= hi";
		if (l->has_fraction && !(l->fraction >= l->lo && l->fraction <= l->hi))
			return "a level's fraction must lie in its band";
	} else if (!in_unit(l->fraction)) {
		return "level fractions must lie in [0, 1]";
	}
	return NULL;
}

static const char *check_levels(const jx_method *m)
{
	if (!m->levels || m->n_levels == 0)
		return "grade needs at least one level";
	for (size_t i = 0; i < m->n_levels; i++) {
		const char *err = check_level(&m->levels[i]);

		if (err)
			return err;
		for (size_t j = 0; j < i; j++) {
			if (jx_same_word(m->levels[i].word, m->levels[i].word_len,
			                 m->levels[j].word, m->levels[j].word_len))
				return "level words must be distinct";
		}
	}
	return NULL;
}

static const char *check_overshoot(const jx_method *m)
{
	if (!m->has_overshoot)
		return NULL;
	if (m->kind != JX_METHOD_RATIO && m->kind != JX_METHOD_LINEAR &&
	    !(m->kind == JX_METHOD_BANDS && !m->bands_on_value))
		return "overshoot applies only to ratio, linear and bands over the completion";
	if (!isfinite(m->overshoot_above) || m->overshoot_above <= 0)
		return "overshoot above must be a finite number > 0";
	if (!in_unit(m->overshoot_floor))
		return "overshoot floor must lie in [0, 1]";
	return NULL;
}

static const char *check_params(const jx_method *m)
{
	switch (m->kind) {
	case JX_METHOD_RATIO:
		return m->cap > 0 ? NULL : "cap must be > 0";
	case JX_METHOD_EQUAL:
	case JX_METHOD_THRESHOLD:
		if (!(isfinite(m->precision) && m->precision >= 0))
			return "precision must be a finite number >= 0";
		if (m->kind == JX_METHOD_THRESHOLD && !in_unit(m->partial))
			return "partial must lie in [0, 1]";
		return NULL;
	case JX_METHOD_RANGE:
		if (!(isfinite(m->zero_at) && m->zero_at >= 0))
			return "zero_at must be a finite number >= 0";
		return NULL;
	case JX_METHOD_LINEAR:
		return check_linear(m);
	case JX_METHOD_BANDS:
		return check_bands(m);
	case JX_METHOD_DEDUCT:
		if (!(isfinite(m->per) && m->per > 0))
			return "per must be a finite number > 0";
		if (!(isfinite(m->points) && m->points >= 0))
			return "points must be a finite number >= 0";
		return NULL;
	case JX_METHOD_GRADE:
		return check_levels(m);
	case JX_METHOD_INVERSE:
	case JX_METHOD_RELATIVE:
		return NULL;
	case JX_METHOD_EXPR:
		return m->expr ? NULL : "expr needs an expression";
	default:
		return "unknown scoring method";
	}
}

int jx_method_prepare(jx_method *m, const char **err)
{
	const char *msg;

	jx_method_release(m);
	msg = check_params(m);
	if (!msg)
		msg = check_overshoot(m);
	if (!msg && m->kind == JX_METHOD_LINEAR) {
		gsl_interp *interp = gsl_interp_alloc(gsl_interp_linear, m->n_points);

		if (!interp)
			msg = "out of memory";
		else if (gsl_interp_init(interp, m->lin_x, m->lin_y, m->n_points) != 0)
			msg = "points must have increasing completions";
		if (msg)
			gsl_interp_free(interp);
		else
			m->interp = interp;
	}
	if (msg && err)
		*err = msg;
	return msg ? -1 : 0;
}

void jx_method_release(jx_method *m)
{
	if (!m || !m->interp)
		return;
	gsl_interp_free(m->interp);
	m->interp = NULL;
}
