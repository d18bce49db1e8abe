/*
 * stats.h - the statistics stage (docs/design.md, "Statistics"): ranks
 * and the batch summary of a scored result, with GSL.
 */
#ifndef JX_STATS_H
#define JX_STATS_H

#include "../model/model.h"

/* Ranks and statistics (stats/). */
/* Ranks the scored departments; *sorted gets their unrounded totals in
 * ascending order (malloc'd, NULL when none scored) for jx_summarize. */
int jx_rank_departments(struct jx_result *r, double **sorted, size_t *n_sorted);

/* The per-indicator statistics, computed on first use (thread-safe). */
const jx_indicator_summary *jx_summary_indicators(const struct jx_result *res);

/* The summary with weighted_mean and spearman_execution_score computed on
 * first use (thread-safe); the other fields are always there. */
const jx_summary *jx_summary_correlations(const struct jx_result *res);

/* Computes res->summary with GSL from the scored totals, sorted ascending
 * (as jx_rank_departments gives them; n of them). */
int jx_summarize(struct jx_result *res, const double *sorted_totals, size_t n);
/* Fills *out from x[0..n) (x is reordered). */
void jx_stats_compute(jx_stats *out, double *x, size_t n);
/* The same for x[0..n) already sorted ascending. */
void jx_stats_from_sorted(jx_stats *out, const double *x, size_t n);

#endif
