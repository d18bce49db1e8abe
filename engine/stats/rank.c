/*
 * rank.c - department ranks: descending by rounded total, ties share the best
 * rank (1-2-2-4), rejected departments unranked. Sorted with gsl_sort_index.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_sort.h>

#include "../model.h"

int jx_rank_departments(jx_result *res)
{
	size_t m = 0;
	for (size_t d = 0; d < res->n; d++)
		m += res->depts[d].status == JX_DEPT_SCORED;
	if (m == 0)
		return JX_OK;
	double *neg = malloc(sizeof(double) * m);
	size_t *who = malloc(sizeof(size_t) * m);
	size_t *order = malloc(sizeof(size_t) * m);
	if (!neg || !who || !order) {
		free(neg);
		free(who);
		free(order);
		return JX_ENOMEM;
	}
	size_t k = 0;
	for (size_t d = 0; d < res->n; d++)
		if (res->depts[d].status == JX_DEPT_SCORED) {
			neg[k] = -res->depts[d].total_rounded;
			who[k++] = d;
		}
	gsl_sort_index(order, neg, 1, m);
	for (size_t i = 0; i < m; i++) {
		jx_dept_result *dr = &res->depts[who[order[i]]];
		if (i > 0 && neg[order[i]] == neg[order[i - 1]])
			dr->rank = res->depts[who[order[i - 1]]].rank;
		else
			dr->rank = (int)i + 1;
	}
	free(neg);
	free(who);
	free(order);
	return JX_OK;
}
