/*
 * summary.c - batch statistics over the scored departments (docs/data.md §6.1, "summary"), from
 * GSL: mean, sample sd, linearly interpolated quantiles, scaled MAD, each
 * department's z and robust z, per-indicator statistics of completion and
 * score, the budget-weighted mean, the Spearman correlation of budget
 * execution with the total, and a histogram of totals. Undefined statistics
 * (n = 0; sd for n = 1; a zero spread) are NaN, written as null, never 0.
 * And the 复核 counts (jx_summary_review): claims, flags, differences.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_histogram.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "../common/parallel.h"
#include "stats.h"

int jx_stats_compute(jx_stats *s, double *x, size_t n)
{
	if (n > 0)
		gsl_sort(x, 1, n);
	return jx_stats_from_sorted(s, x, n);
}

/* 1.4826 x median |x - median| (docs/data.md, "Statistics"): gsl_stats_mad
 * itself scales by 1.482602218505602, which differs in the seventh digit.
 * gsl_stats_mad0 selects on a copy: x in any order gives the same. */
static int robust_mad(double *mad, const double *x, size_t n)
{
	double *work = malloc(sizeof(double) * n);
	if (!work)
		return JX_ENOMEM; /* a statistic left out is an error, not a null */
	*mad = 1.4826 * gsl_stats_mad0(x, 1, n, work);
	free(work);
	return JX_OK;
}

int jx_stats_from_sorted(jx_stats *s, const double *x, size_t n)
{
	s->n = n;
	s->mean = s->sd = s->min = s->p10 = s->p25 = s->median = NAN;
	s->p75 = s->p90 = s->max = s->mad = NAN;
	if (n == 0)
		return JX_OK;
	s->mean = gsl_stats_mean(x, 1, n);
	if (n > 1)
		s->sd = gsl_stats_sd_m(x, 1, n, s->mean);
	s->min = x[0];
	s->max = x[n - 1];
	s->p10 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.10);
	s->p25 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.25);
	s->median = gsl_stats_median_from_sorted_data(x, 1, n);
	s->p75 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.75);
	s->p90 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.90);
	return robust_mad(&s->mad, x, n);
}

int jx_stats_median_mad(double *median, double *mad, double *x, size_t n)
{
	/* gsl_stats_median selects (x reordered); its even-n mean of the two
	 * middle values is the sorted one's, 0.5 * (a + b) = (a + b) / 2 */
	*median = gsl_stats_median(x, 1, n);
	return robust_mad(mad, x, n);
}

static void standardise(jx_summary *s, const jx_result *res)
{
	for (size_t d = 0; d < res->n; d++) {
		s->z[d] = s->robust_z[d] = NAN;
		if (res->depts[d].status != JX_DEPT_SCORED)
			continue;
		double x = res->depts[d].total;
		if (s->score.sd > 0)
			s->z[d] = (x - s->score.mean) / s->score.sd;
		if (s->score.mad > 0)
			s->robust_z[d] = (x - s->score.median) / s->score.mad;
	}
}

/* Per-indicator statistics; x, y and rel are scratch arrays of res->n. */
static int summarize_indicator(jx_indicator_summary *is, const jx_result *res, size_t i, double *x,
                               double *y, double *rel)
{
	const jx_indicator *ind = &res->rules->indicators[i];
	size_t nc = 0, ns = 0, nd = 0;
	for (size_t d = 0; d < res->n; d++) {
		if (res->depts[d].status != JX_DEPT_SCORED)
			continue;
		jx_ind_result result;
		jx_result_ind(&result, res, d, i);
		const jx_ind_result *ir = &result;
		is->missing += ir->status == JX_IND_MISSING;
		is->undefined += ir->status == JX_IND_UNDEFINED;
		is->excluded += ir->status == JX_IND_EXCLUDED;
		is->target_too_low += ir->target_too_low;
		if (ir->status != JX_IND_EXCLUDED)
			y[ns++] = ir->score;
		double c = jx_ind_completion(ir), deviation, relative;
		jx_ind_deviation(ir, &deviation, &relative);
		if (isfinite(c))
			x[nc++] = c;
		if (isfinite(relative))
			rel[nd++] = relative;
		if (jx_beyond_tolerance(relative, ind->tolerance))
			is->beyond_tolerance++;
		if (ir->needs_note)
			is->n_unexplained++;
	}
	if (jx_stats_compute(&is->completion, x, nc) != JX_OK ||
	    jx_stats_compute(&is->score, y, ns) != JX_OK)
		return JX_ENOMEM;
	gsl_sort(rel, 1, nd); /* the same sum whatever the rows' order */
	is->relative_deviation_mean = nd ? gsl_stats_mean(rel, 1, nd) : NAN;
	is->relative_deviation_sd = nd > 1 ? gsl_stats_sd(rel, 1, nd) : NAN;
	if (!is->n_unexplained)
		return JX_OK;
	is->unexplained = malloc(sizeof(size_t) * is->n_unexplained);
	if (!is->unexplained)
		return JX_ENOMEM;
	size_t k = 0;
	for (size_t d = 0; d < res->n; d++)
		if (res->depts[d].status == JX_DEPT_SCORED && jx_result_cell(res, d, i)->needs_note)
			is->unexplained[k++] = d;
	return JX_OK;
}

/* Total score weighted by each department's budget (gsl_stats_wmean). */
static double weighted_mean(const jx_result *res, double *x, double *w)
{
	long slot = res->budget_slot; /* -1 when the rule set names no budget */
	if (slot < 0)
		return NAN;
	size_t n = 0;
	double wsum = 0;
	for (size_t d = 0; d < res->n; d++) {
		jx_val v = jx_batch_value(res->batch, d, (size_t)slot);
		if (res->depts[d].status != JX_DEPT_SCORED || v.kind != JX_VAL_NUM ||
		    !(v.u.num >= 0))
			continue;
		x[n] = res->depts[d].total;
		w[n++] = v.u.num;
		wsum += v.u.num;
	}
	return n && wsum > 0 ? gsl_stats_wmean(w, 1, x, 1, n) : NAN;
}

/* Rank correlation of the budget-execution indicator's actual value with the
 * total (gsl_stats_spearman); NaN for fewer than two pairs or no spread. */
/* Spearman's rank correlation of budget execution with the total, into
 * *rho (NaN when undefined); JX_ENOMEM when its scratch is not there. */
static int spearman(const jx_result *res, double *x, double *y, double *rho)
{
	const jx_rules *r = res->rules;
	*rho = NAN;
	long i = r->execution_indicator ? jx_strmap_get(&r->indicator_map, r->execution_indicator,
	                                                strlen(r->execution_indicator))
	                                : -1;
	if (i < 0)
		return JX_OK;
	size_t n = 0;
	for (size_t d = 0; d < res->n; d++) {
		const jx_ind_cell *ir = jx_result_cell(res, d, (size_t)i);
		if (res->depts[d].status != JX_DEPT_SCORED || ir->kind != JX_VAL_NUM)
			continue;
		x[n] = ir->a.num;
		y[n++] = res->depts[d].total;
	}
	if (n < 2)
		return JX_OK;
	double *work = malloc(sizeof(double) * 2 * n);
	if (!work)
		return JX_ENOMEM;
	double v = gsl_stats_spearman(x, 1, y, 1, n, work);
	free(work);
	*rho = isfinite(v) ? v : NAN;
	return JX_OK;
}

static void histogram(jx_summary *s, const jx_result *res)
{
	/* with declared rows the rule set's own weights are only part of 100 */
	double top = res->rules->full_mark > 0 && !res->rules->declared.enabled
	                 ? res->rules->full_mark
	                 : 100;
	for (size_t b = 0; b <= JX_HISTOGRAM_BINS; b++)
		s->histogram_edges[b] = top * (double)b / JX_HISTOGRAM_BINS;
	gsl_histogram *h = gsl_histogram_alloc(JX_HISTOGRAM_BINS);
	if (!h)
		return;
	/* The last bin is closed so that a full mark is counted. */
	s->histogram_edges[JX_HISTOGRAM_BINS] = nextafter(top, INFINITY);
	gsl_histogram_set_ranges(h, s->histogram_edges, JX_HISTOGRAM_BINS + 1);
	for (size_t d = 0; d < res->n; d++)
		if (res->depts[d].status == JX_DEPT_SCORED)
			gsl_histogram_increment(h, res->depts[d].total_rounded);
	for (size_t b = 0; b < JX_HISTOGRAM_BINS; b++)
		s->histogram[b] = (size_t)gsl_histogram_get(h, b);
	s->histogram_edges[JX_HISTOGRAM_BINS] = top;
	gsl_histogram_free(h);
}

static jx_summary *summary_new(const jx_result *res)
{
	const jx_rules *r = res->rules;
	jx_summary *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	size_t n = res->n ? res->n : 1;
	s->grade_counts = calloc(r->n_grades ? r->n_grades : 1, sizeof(size_t));
	s->z = malloc(sizeof(double) * n);
	s->robust_z = malloc(sizeof(double) * n);
	pthread_mutex_init(&s->lock, NULL);
	s->indicators = calloc(r->n_indicators + 1, sizeof(jx_indicator_summary));
	s->n_indicators = s->indicators ? r->n_indicators : 0;
	if (!s->grade_counts || !s->z || !s->robust_z || !s->indicators) {
		jx_summary_free(s);
		return NULL;
	}
	return s;
}

int jx_summarize(jx_result *res, const double *sorted_totals, size_t n_scored)
{
	jx_summary *s = summary_new(res);
	if (!s)
		return JX_ENOMEM;
	s->total = res->n;
	for (size_t d = 0; d < res->n; d++) {
		const jx_dept_result *dr = &res->depts[d];
		if (dr->status == JX_DEPT_SCORED && dr->grade >= 0)
			s->grade_counts[dr->grade]++;
	}
	s->scored = n_scored;
	s->rejected = res->n - n_scored;
	if (jx_stats_from_sorted(&s->score, sorted_totals, n_scored) != JX_OK) {
		jx_summary_free(s);
		return JX_ENOMEM;
	}
	standardise(s, res);
	histogram(s, res);
	res->summary = s;
	return JX_OK;
}

/* ---- per-indicator statistics, computed when first asked for --------------- */

typedef struct {
	const jx_result *res;
	size_t from, to; /* indicators */
	int rc;
} indicator_job;

static void *summarize_indicators(void *arg)
{
	indicator_job *job = arg;
	const jx_result *res = job->res;
	size_t n = res->n ? res->n : 1;
	double *x = malloc(sizeof(double) * n);
	double *y = malloc(sizeof(double) * n);
	double *rel = malloc(sizeof(double) * n);
	job->rc = x && y && rel ? JX_OK : JX_ENOMEM;
	for (size_t i = job->from; job->rc == JX_OK && i < job->to; i++)
		job->rc = summarize_indicator(&res->summary->indicators[i], res, i, x, y, rel);
	free(x);
	free(y);
	free(rel);
	return NULL;
}

/* Two halves on two threads when the result was scored on several: the
 * sorts behind the quantiles are most of the cost. */
static int compute_indicators(const jx_result *res)
{
	size_t ni = res->rules->n_indicators;
	indicator_job jobs[2] = {{res, 0, ni, JX_OK}, {res, ni / 2, ni, JX_OK}};
	int halves = res->n_arenas > 1 && ni > 1 && res->n > 1000;
	if (halves)
		jobs[0].to = ni / 2;
	jx_parallel(summarize_indicators, jobs, sizeof(indicator_job), halves ? 2 : 1);
	return jobs[0].rc != JX_OK ? jobs[0].rc : halves ? jobs[1].rc : JX_OK;
}

/* What was computed before an allocation failed is dropped, so a later
 * call starts again. */
static void forget_indicators(jx_summary *s)
{
	for (size_t i = 0; i < s->n_indicators; i++) {
		free(s->indicators[i].unexplained);
		memset(&s->indicators[i], 0, sizeof(s->indicators[i]));
	}
}

const jx_indicator_summary *jx_summary_indicators(const jx_result *res)
{
	jx_summary *s = res->summary;
	pthread_mutex_lock(&s->lock);
	if (!s->indicators_ready) {
		if (compute_indicators(res) == JX_OK)
			s->indicators_ready = 1;
		else
			forget_indicators(s);
	}
	pthread_mutex_unlock(&s->lock);
	return s->indicators_ready ? s->indicators : NULL;
}

/* ---- the budget-weighted mean and Spearman, computed when first asked for - */

/* Both need two scratch arrays of res->n; out of memory is an error. */
static int compute_correlations(jx_summary *s, const jx_result *res)
{
	size_t n = res->n ? res->n : 1;
	double *x = malloc(sizeof(double) * n);
	double *y = malloc(sizeof(double) * n);
	int rc = x && y ? JX_OK : JX_ENOMEM;
	s->weighted_mean = s->spearman_execution_score = NAN;
	if (rc == JX_OK) {
		s->weighted_mean = weighted_mean(res, x, y);
		rc = spearman(res, x, y, &s->spearman_execution_score);
	}
	free(x);
	free(y);
	return rc;
}

const jx_summary *jx_summary_correlations(const jx_result *res)
{
	jx_summary *s = res->summary;
	if (!s)
		return NULL;
	pthread_mutex_lock(&s->lock);
	if (!s->correlations_ready && compute_correlations(s, res) == JX_OK)
		s->correlations_ready = 1;
	pthread_mutex_unlock(&s->lock);
	return s->correlations_ready ? s : NULL;
}

int jx_summary_prepare(const jx_result *res)
{
	if (!res->summary)
		return JX_OK;
	return jx_summary_indicators(res) && jx_summary_correlations(res) ? JX_OK : JX_ENOMEM;
}

/* ---- 复核: claims, flags and differences over the batch ------------------- */

/* Whether department a goes before b among the largest differences. */
static int larger_difference(const jx_result *res, size_t a, size_t b)
{
	double x = fabs(jx_dept_score_difference(res, a)),
	       y = fabs(jx_dept_score_difference(res, b));
	return x > y || (x == y && a < b);
}

static void keep_largest(jx_review_summary *out, const jx_result *res, size_t d)
{
	size_t k = out->n_largest;
	if (k == JX_REVIEW_LARGEST) {
		if (!larger_difference(res, d, out->largest[k - 1]))
			return;
		k--;
	} else {
		out->n_largest++;
	}
	while (k > 0 && larger_difference(res, d, out->largest[k - 1])) {
		out->largest[k] = out->largest[k - 1];
		k--;
	}
	out->largest[k] = d;
}

int jx_summary_review(jx_review_summary *out, const jx_result *res)
{
	memset(out, 0, sizeof(*out));
	out->mean_difference = out->mean_abs_difference = NAN;
	int any = 0;
	for (size_t d = 0; d < res->n && !any; d++)
		any = res->depts[d].flags != 0 || !isnan(res->batch->rows[d].claimed_total);
	if (!any)
		return JX_OK;
	double *diff = malloc(sizeof(double) * (res->n ? res->n : 1));
	double *absd = malloc(sizeof(double) * (res->n ? res->n : 1));
	for (size_t d = 0; d < res->n; d++) {
		for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
			out->flags[k] += (res->depts[d].flags >> k) & 1u;
		double x = jx_dept_score_difference(res, d);
		if (isnan(x))
			continue; /* no claimed total, or rejected: nothing to compare */
		if (diff && absd) {
			diff[out->claimed] = x;
			absd[out->claimed] = fabs(x);
		}
		out->claimed++;
		keep_largest(out, res, d);
	}
	int rc = diff && absd ? JX_OK : JX_ENOMEM;
	if (rc == JX_OK && out->claimed) {
		out->mean_difference = gsl_stats_mean(diff, 1, out->claimed);
		out->mean_abs_difference = gsl_stats_mean(absd, 1, out->claimed);
	}
	free(diff);
	free(absd);
	return rc;
}
