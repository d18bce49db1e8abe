/*
 * rank.c - department ranks: descending by rounded total, ties share the best
 * rank (1-2-2-4), rejected departments unranked. Sorted with gsl_sort_index,
 * or, when no sorted sample is asked for, counted (rank_by_counting).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

#include "../common/parallel.h"
#include "stats.h"

#define BUCKETS 256

/* Departments are first spread over BUCKETS equal ranges of the total,
 * highest first, and each range is sorted with gsl_sort_index: the ranges
 * are in order, so the concatenation is the sorted whole. A heapsort of
 * 2 000 totals stays in the cache; one of 500 000 does not (2.5x slower). */
/* The bucket of x: monotone in x; NaN (never a scored total) goes first. */
static size_t bucket_of(double x, double lo, double scale)
{
	double f = (x - lo) * scale;
	return f > 0 ? (f < BUCKETS ? (size_t)f : BUCKETS - 1) : 0;
}

/* Buckets [from, to) sorted, each with gsl_sort_index. */
typedef struct {
	size_t *order;
	const double *neg;
	const size_t *start;
	size_t from, to;
} bucket_job;

static void *sort_buckets(void *arg)
{
	const bucket_job *j = arg;
	for (size_t b = j->from; b < j->to; b++) {
		size_t n = j->start[b + 1] - j->start[b];
		if (n == 0)
			continue;
		gsl_sort_index(j->order + j->start[b], j->neg + j->start[b], 1, n);
		for (size_t i = j->start[b]; i < j->start[b + 1]; i++)
			j->order[i] += j->start[b];
	}
	return NULL;
}

/* The buckets are independent: on two threads (for the scoring's --jobs),
 * split where half the departments are. */
static void sort_all_buckets(size_t *order, const double *neg, const size_t *start, size_t m,
                             size_t jobs)
{
	bucket_job whole = {order, neg, start, 0, BUCKETS};
	if (jobs < 2 || m < 65536) {
		sort_buckets(&whole);
		return;
	}
	size_t half = 0;
	while (half < BUCKETS && start[half] < m / 2)
		half++;
	bucket_job halves[2] = {{order, neg, start, 0, half}, {order, neg, start, half, BUCKETS}};
	jx_parallel(sort_buckets, halves, sizeof(bucket_job), 2);
}

static void sort_descending(size_t *order, double *neg, size_t *who, size_t m, size_t jobs)
{
	double lo = neg[0], hi = neg[0];
	for (size_t i = 1; i < m; i++) {
		lo = neg[i] < lo ? neg[i] : lo;
		hi = neg[i] > hi ? neg[i] : hi;
	}
	double scale = hi > lo ? BUCKETS / (hi - lo) : 0;
	size_t start[BUCKETS + 1] = {0};
	for (size_t i = 0; i < m; i++)
		start[bucket_of(neg[i], lo, scale) + 1]++;
	for (size_t b = 0; b < BUCKETS; b++)
		start[b + 1] += start[b];
	/* order[] is scratch here: the bucketed position of each department */
	size_t fill[BUCKETS];
	memcpy(fill, start, sizeof(fill));
	for (size_t i = 0; i < m; i++)
		order[i] = fill[bucket_of(neg[i], lo, scale)]++;
	double *bneg = malloc(sizeof(double) * m);
	size_t *bwho = malloc(sizeof(size_t) * m);
	if (!bneg || !bwho) { /* no room to bucket: one sort of the whole */
		free(bneg);
		free(bwho);
		gsl_sort_index(order, neg, 1, m);
		return;
	}
	for (size_t i = 0; i < m; i++) {
		bneg[order[i]] = neg[i];
		bwho[order[i]] = who[i];
	}
	memcpy(neg, bneg, sizeof(double) * m);
	memcpy(who, bwho, sizeof(size_t) * m);
	free(bneg);
	free(bwho);
	sort_all_buckets(order, neg, start, m, jobs);
}

/* Rounded totals are whole numbers of 10^-digits: a total out of 100 to 2
 * decimals is one of 10 001 steps. Counted over a span of at most
 * COUNT_SPAN steps, rank = 1 + the departments on higher steps, in two
 * passes over the totals and one over the span, without a sort. */
#define COUNT_SPAN ((size_t)1 << 22)

/* d's step: 0 when its rounded total is not a whole number of steps that
 * converts back exactly (what jx_round gives always does, below 2^53). */
static int step_of(double rounded, double scale, long long *step)
{
	double k = nearbyint(rounded * scale);
	if (!(fabs(k) < 9007199254740992.0) || k / scale != rounded)
		return 0;
	*step = (long long)k;
	return 1;
}

/* JX_OK with every rank set; JX_ENOTSUP when the totals are not steps of a
 * small enough span (the sort decides then); JX_ENOMEM. */
static int rank_by_counting(int *rank, const double *rounded, const uint8_t *scored, size_t n,
                            int digits)
{
	if (digits < 0 || digits > 9)
		return JX_ENOTSUP;
	double scale = pow(10, digits);
	long long lo = 0, hi = 0, k;
	int any = 0;
	for (size_t d = 0; d < n; d++) {
		if (!scored[d])
			continue;
		if (!step_of(rounded[d], scale, &k))
			return JX_ENOTSUP;
		lo = any && lo < k ? lo : k;
		hi = any && hi > k ? hi : k;
		any = 1;
	}
	if ((unsigned long long)(hi - lo) >= COUNT_SPAN)
		return JX_ENOTSUP;
	size_t span = (size_t)(hi - lo) + 1;
	size_t *above = calloc(span + 1, sizeof(size_t));
	if (!above)
		return JX_ENOMEM;
	for (size_t d = 0; d < n; d++)
		if (scored[d] && step_of(rounded[d], scale, &k))
			above[k - lo]++;
	/* above[j] becomes the number of departments on steps > j */
	size_t higher = 0;
	for (size_t j = span; j-- > 0;) {
		size_t here = above[j];
		above[j] = higher;
		higher += here;
	}
	for (size_t d = 0; d < n; d++)
		rank[d] = scored[d] && step_of(rounded[d], scale, &k) ? (int)above[k - lo] + 1 : 0;
	free(above);
	return JX_OK;
}

/* Sorted by the unrounded total, descending: rounding keeps the order, so
 * equal rounded totals are neighbours and share the first one's rank. The
 * same sort gives the statistics their sorted sample (*sorted, ascending).
 * Asked for no sample (sorted NULL), ranks are counted when they can be. */
int jx_rank_totals(int *rank, double **sorted, size_t *n_sorted, const double *total,
                   const double *rounded, const uint8_t *scored, size_t n, size_t jobs, int digits)
{
	if (sorted) {
		*sorted = NULL;
		*n_sorted = 0;
	} else {
		int rc = rank_by_counting(rank, rounded, scored, n, digits);
		if (rc != JX_ENOTSUP)
			return rc;
	}
	size_t m = 0;
	for (size_t d = 0; d < n; d++) {
		rank[d] = 0;
		m += scored[d] != 0;
	}
	if (m == 0)
		return JX_OK;
	double *neg = malloc(sizeof(double) * m);
	size_t *who = malloc(sizeof(size_t) * m);
	size_t *order = malloc(sizeof(size_t) * m);
	double *up = malloc(sizeof(double) * m);
	if (!neg || !who || !order || !up) {
		free(neg);
		free(who);
		free(order);
		free(up);
		return JX_ENOMEM;
	}
	size_t k = 0;
	for (size_t d = 0; d < n; d++)
		if (scored[d]) {
			neg[k] = -total[d];
			who[k++] = d;
		}
	sort_descending(order, neg, who, m, jobs);
	for (size_t i = 0; i < m; i++) {
		size_t d = who[order[i]];
		size_t before = i > 0 ? who[order[i - 1]] : d;
		rank[d] = i > 0 && rounded[d] == rounded[before] ? rank[before] : (int)i + 1;
		up[m - 1 - i] = total[d];
	}
	free(neg);
	free(who);
	free(order);
	if (!sorted) {
		free(up);
		return JX_OK;
	}
	*sorted = up;
	*n_sorted = m;
	return JX_OK;
}

int jx_rank_departments(jx_result *res, double **sorted, size_t *n_sorted)
{
	size_t n = res->n ? res->n : 1;
	double *total = malloc(sizeof(double) * n);
	double *rounded = malloc(sizeof(double) * n);
	uint8_t *scored = malloc(n);
	int *rank = malloc(sizeof(int) * n);
	int rc = total && rounded && scored && rank ? JX_OK : JX_ENOMEM;
	for (size_t d = 0; rc == JX_OK && d < res->n; d++) {
		total[d] = res->depts[d].total;
		rounded[d] = res->depts[d].total_rounded;
		scored[d] = res->depts[d].status == JX_DEPT_SCORED;
	}
	if (rc == JX_OK)
		rc = jx_rank_totals(rank, sorted, n_sorted, total, rounded, scored, res->n,
		                    res->n_arenas, res->rules->precision);
	for (size_t d = 0; rc == JX_OK && d < res->n; d++)
		res->depts[d].rank = rank[d];
	free(total);
	free(rounded);
	free(scored);
	free(rank);
	return rc;
}
