/*
 * summary.c - batch statistics over the scored departments (spec §4), from
 * GSL: mean, sample sd, linearly interpolated quantiles, scaled MAD, and each
 * department's z and robust z. Undefined statistics (n = 0; sd for n = 1;
 * a zero spread) are NaN, written as null, never 0.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "../model.h"

void jx_stats_compute(jx_stats *s, double *x, size_t n)
{
	s->n = n;
	s->mean = s->sd = s->min = s->p10 = s->p25 = s->median = NAN;
	s->p75 = s->p90 = s->max = s->mad = NAN;
	if (n == 0)
		return;
	gsl_sort(x, 1, n);
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
	double *work = malloc(sizeof(double) * n);
	if (work) {
		/* gsl_stats_mad: 1.4826 x median |x - median| */
		s->mad = gsl_stats_mad(x, 1, n, work);
		free(work);
	}
}

void jx_summary_free(jx_summary *s)
{
	if (!s)
		return;
	free(s->grade_counts);
	free(s->z);
	free(s->robust_z);
	free(s);
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

int jx_summarize(jx_result *res)
{
	const jx_rules *r = res->rules;
	jx_summary *s = calloc(1, sizeof(*s));
	size_t n = res->n ? res->n : 1;
	double *x = malloc(sizeof(double) * n);
	if (s) {
		s->grade_counts = calloc(r->n_grades ? r->n_grades : 1, sizeof(size_t));
		s->z = malloc(sizeof(double) * n);
		s->robust_z = malloc(sizeof(double) * n);
	}
	if (!s || !x || !s->grade_counts || !s->z || !s->robust_z) {
		jx_summary_free(s);
		free(x);
		return JX_ENOMEM;
	}
	s->total = res->n;
	size_t m = 0;
	for (size_t d = 0; d < res->n; d++) {
		const jx_dept_result *dr = &res->depts[d];
		if (dr->status != JX_DEPT_SCORED)
			continue;
		x[m++] = dr->total;
		if (dr->grade >= 0)
			s->grade_counts[dr->grade]++;
	}
	s->scored = m;
	s->rejected = res->n - m;
	jx_stats_compute(&s->score, x, m);
	free(x);
	standardise(s, res);
	res->summary = s;
	return JX_OK;
}
