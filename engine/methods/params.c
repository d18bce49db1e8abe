/*
 * params.c - the methods' parameters, each once (methods.h; docs/rules.md
 * §3 and §6): its YAML key, type, field, default and check; and what
 * follows from the table for any method: defaults, checks, preparing.
 *
 * A method takes the parameters its descriptor's `params` names. The
 * loader reads them by type (load/rules_indicator.c), the canonical print
 * writes them by type in this order (load/rules_print.c), and
 * jx_method_prepare() runs their checks in this order, then the method's
 * prepare.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_interp.h>

#include "methods.h"

/* ---- checks ------------------------------------------------------------------ */

static int in_unit(double x)
{
	return x >= 0 && x <= 1;
}

static const char *check_cap(const jx_method *m)
{
	return m->cap > 0 ? NULL : "cap must be > 0";
}

static const char *check_precision(const jx_method *m)
{
	return isfinite(m->precision) && m->precision >= 0
	           ? NULL
	           : "precision must be a finite number >= 0";
}

static const char *check_zero_at(const jx_method *m)
{
	return isfinite(m->zero_at) && m->zero_at >= 0 ? NULL
	                                               : "zero_at must be a finite number >= 0";
}

static const char *check_partial(const jx_method *m)
{
	return in_unit(m->partial) ? NULL : "partial must lie in [0, 1]";
}

static const char *check_per(const jx_method *m)
{
	return isfinite(m->per) && m->per > 0 ? NULL : "per must be a finite number > 0";
}

static const char *check_points(const jx_method *m)
{
	return isfinite(m->points) && m->points >= 0 ? NULL : "points must be a finite number >= 0";
}

static const char *check_curve(const jx_method *m)
{
	const jx_curve *c = &m->curve;

	if (!c->x || !c->y || c->n < 2)
		return "linear needs at least two points";
	for (size_t i = 0; i < c->n; i++) {
		if (!isfinite(c->x[i]))
			return "points must have finite completions";
		if (!in_unit(c->y[i]))
			return "point fractions must lie in [0, 1]";
		if (i && !(c->x[i] > c->x[i - 1]))
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
	if (!m->bands.items || m->bands.n == 0)
		return "bands needs at least one band";
	for (size_t i = 0; i < m->bands.n; i++) {
		const char *err = check_band(&m->bands.items[i]);

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
	const jx_level_list *ls = &m->levels;

	if (!ls->items || ls->n == 0)
		return "grade needs at least one level";
	for (size_t i = 0; i < ls->n; i++) {
		const char *err = check_level(&ls->items[i]);

		if (err)
			return err;
		for (size_t j = 0; j < i; j++) {
			if (jx_same_word(ls->items[i].word, ls->items[i].word_len,
			                 ls->items[j].word, ls->items[j].word_len))
				return "level words must be distinct";
		}
	}
	return NULL;
}

static const char *check_expr(const jx_method *m)
{
	return m->expr ? NULL : "expr needs an expression";
}

static const char *check_overshoot(const jx_method *m)
{
	if (!m->overshoot.set)
		return NULL;
	if (!isfinite(m->overshoot.above) || m->overshoot.above <= 0)
		return "overshoot above must be a finite number > 0";
	if (!in_unit(m->overshoot.floor))
		return "overshoot floor must lie in [0, 1]";
	return NULL;
}

/* ---- the table ------------------------------------------------------------------ */

#define AT(field) offsetof(jx_method, field)

const jx_param_def jx_params[JX_PARAM_COUNT_] = {
    [JX_PARAM_CAP] = {"cap", JX_PT_NUMBER, AT(cap), 1, 0, check_cap},
    [JX_PARAM_PRECISION] = {"precision", JX_PT_NUMBER, AT(precision), 0, JX_PARAM_ANY_METHOD,
                            check_precision},
    [JX_PARAM_ZERO_AT] = {"zero_at", JX_PT_NUMBER, AT(zero_at), 0, 0, check_zero_at},
    [JX_PARAM_PARTIAL] = {"partial", JX_PT_NUMBER, AT(partial), 0, 0, check_partial},
    [JX_PARAM_PER] = {"per", JX_PT_NUMBER, AT(per), 0.01, 0, check_per},
    [JX_PARAM_POINTS] = {"points", JX_PT_NUMBER, AT(points), 0.1, 0, check_points},
    [JX_PARAM_STEP] = {"step", JX_PT_BOOL, AT(step), 0, 0, NULL},
    [JX_PARAM_CURVE] = {"points", JX_PT_POINTS, AT(curve), 0, 0, check_curve},
    [JX_PARAM_ON] = {"on", JX_PT_ON, AT(bands_on_value), 0, 0, NULL},
    [JX_PARAM_BANDS] = {"bands", JX_PT_BANDS, AT(bands), 0, 0, check_bands},
    [JX_PARAM_LEVELS] = {"levels", JX_PT_LEVELS, AT(levels), 0, 0, check_levels},
    [JX_PARAM_EXPR] = {"expr", JX_PT_EXPR, AT(expr), 0, JX_PARAM_REQUIRED, check_expr},
    [JX_PARAM_OVERSHOOT] = {"overshoot", JX_PT_OVERSHOOT, AT(overshoot), 0,
                            JX_PARAM_ANY_METHOD | JX_PARAM_REFUSED_BY_CHECK, check_overshoot},
};

static const jx_level official_levels[] = {
    {.word = "达成", .word_len = sizeof("达成") - 1, .fraction = 1.0},
    {.word = "部分达成", .word_len = sizeof("部分达成") - 1, .fraction = 0.7},
    {.word = "未达成", .word_len = sizeof("未达成") - 1, .fraction = 0.3},
};

const jx_level_list jx_default_levels = {official_levels, 3};

int jx_param_is_default(const jx_method *m, jx_param p)
{
	const jx_param_def *def = &jx_params[p];

	switch (def->type) {
	case JX_PT_NUMBER:
		return *JX_PARAM_CFIELD(m, p, double) == def->initial;
	case JX_PT_BOOL:
	case JX_PT_ON:
		return *JX_PARAM_CFIELD(m, p, int) == (int)def->initial;
	case JX_PT_POINTS:
		return JX_PARAM_CFIELD(m, p, jx_curve)->n == 0;
	case JX_PT_BANDS:
		return JX_PARAM_CFIELD(m, p, jx_band_list)->n == 0;
	case JX_PT_LEVELS:
		return JX_PARAM_CFIELD(m, p, jx_level_list)->items == jx_default_levels.items;
	case JX_PT_EXPR:
		return *JX_PARAM_CFIELD(m, p, jx_param_expr) == NULL;
	case JX_PT_OVERSHOOT:
		return !JX_PARAM_CFIELD(m, p, jx_overshoot)->set;
	}
	return 1;
}

void jx_method_init(jx_method *m, jx_method_kind kind)
{
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	for (int p = 0; p < JX_PARAM_COUNT_; p++) {
		const jx_param_def *def = &jx_params[p];

		switch (def->type) {
		case JX_PT_NUMBER:
			*JX_PARAM_FIELD(m, p, double) = def->initial;
			break;
		case JX_PT_BOOL:
		case JX_PT_ON:
			*JX_PARAM_FIELD(m, p, int) = (int)def->initial;
			break;
		case JX_PT_LEVELS:
			*JX_PARAM_FIELD(m, p, jx_level_list) = jx_default_levels;
			break;
		case JX_PT_POINTS:
		case JX_PT_BANDS:
		case JX_PT_EXPR:
		case JX_PT_OVERSHOOT:
			break; /* none: zero */
		}
	}
}

/* ---- preparing ------------------------------------------------------------------ */

/* "overshoot applies only to ratio, linear and bands over the completion",
 * for each parameter refused by the method check, written once. */
static char refusals[JX_PARAM_COUNT_][192];
static pthread_once_t refusals_once = PTHREAD_ONCE_INIT;

static void write_refusals(void)
{
	for (int p = 0; p < JX_PARAM_COUNT_; p++) {
		char takers[160];

		if (!(jx_params[p].flags & JX_PARAM_REFUSED_BY_CHECK))
			continue;
		jx_method_takers(takers, sizeof(takers), JX_PARAM_BIT(p));
		snprintf(refusals[p], sizeof(refusals[p]), "%s applies only to %s",
		         jx_params[p].key, takers);
	}
}

static const char *check_params(const jx_method *m)
{
	for (int p = 0; p < JX_PARAM_COUNT_; p++) {
		const jx_param_def *def = &jx_params[p];
		const char *err = NULL;

		if (jx_method_takes(m, (jx_param)p)) {
			err = def->check ? def->check(m) : NULL;
		} else if ((def->flags & JX_PARAM_REFUSED_BY_CHECK) &&
		           !jx_param_is_default(m, (jx_param)p)) {
			pthread_once(&refusals_once, write_refusals);
			err = refusals[p];
		}
		if (err)
			return err;
	}
	return NULL;
}

int jx_method_prepare(jx_method *m, const char **err)
{
	const jx_method_desc *d = jx_method_desc_of(m->kind);
	const char *msg;

	jx_method_release(m);
	if (!d)
		msg = "unknown scoring method";
	else
		msg = check_params(m);
	if (!msg && d->prepare)
		msg = d->prepare(m);
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
