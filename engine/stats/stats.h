/*
 * stats.h - the statistics stage (docs/design.md, "Statistics"): ranks
 * and the batch summary of a scored result, with GSL.
 */
#ifndef JX_STATS_H
#define JX_STATS_H

#include <stdint.h>

#include "../model/model.h"

/* Ranks and statistics (stats/). */
/* Ranks the scored departments; *sorted gets their unrounded totals in
 * ascending order (malloc'd, NULL when none scored) for jx_summarize. */
int jx_rank_departments(struct jx_result *r, double **sorted, size_t *n_sorted);
/* The same over arrays (a batch scored in windows keeps only these): the n
 * departments' totals, rounded totals (to `digits` decimals) and whether
 * each is scored; rank[d] gets each one's rank (0 unless scored), on up to
 * `jobs` threads. sorted NULL: no sorted sample wanted (n_sorted unused). */
int jx_rank_totals(int *rank, double **sorted, size_t *n_sorted, const double *total,
                   const double *rounded, const uint8_t *scored, size_t n, size_t jobs, int digits);

/* The per-indicator statistics, computed on first use (thread-safe). */
const jx_indicator_summary *jx_summary_indicators(const struct jx_result *res);
/* (NULL when out of memory: see jx_summary_prepare.) */

/* The summary with weighted_mean and spearman_execution_score computed on
 * first use (thread-safe); the other fields are always there. */
const jx_summary *jx_summary_correlations(const struct jx_result *res);
/* Computes what the two above compute on first use; JX_OK, or JX_ENOMEM
 * (then nothing partial is kept). A writer that shows them calls it first
 * and fails with it, so no statistic is left out unsaid. */
int jx_summary_prepare(const struct jx_result *res);

/* 复核 over the batch (docs/reports.md, "复核"): how many departments
 * claim a total, how many carry each JX_DEPT_* flag, the mean and mean
 * absolute score_difference (claimed total - total at the output
 * precision; NaN when no department has one) and the departments with the
 * largest |score_difference|, largest first, ties in input order. */
#define JX_REVIEW_LARGEST 10
typedef struct {
	size_t claimed;                   /* scored departments with a claimed total: those with a
	                                   * score_difference, the means' sample */
	size_t flags[JX_DEPT_FLAG_COUNT]; /* departments per flag bit */
	double mean_difference, mean_abs_difference;
	size_t largest[JX_REVIEW_LARGEST]; /* department indices */
	size_t n_largest;
} jx_review_summary;

/* Fills *out in one pass over the departments (nothing to compute when no
 * department claims anything or carries a flag). JX_OK or JX_ENOMEM (then
 * the means are NaN). */
int jx_summary_review(jx_review_summary *out, const struct jx_result *res);

/* Computes res->summary with GSL from the scored totals, sorted ascending
 * (as jx_rank_departments gives them; n of them). */
int jx_summarize(struct jx_result *res, const double *sorted_totals, size_t n);
/* Fills *out from x[0..n) (x is reordered). */
int jx_stats_compute(jx_stats *out, double *x, size_t n);
/* The same for x[0..n) already sorted ascending. */
int jx_stats_from_sorted(jx_stats *out, const double *x, size_t n);
/* Only the median and the MAD of x[0..n) (x is reordered), by selection:
 * the values jx_stats_from_sorted gives them, without a sort. n > 0. */
int jx_stats_median_mad(double *median, double *mad, double *x, size_t n);

#endif
