/*
 * rank.c - department ranks: descending by rounded total, ties share the best
 * rank (1-2-2-4), rejected departments unranked. The totals are sorted by a
 * radix sort on their bits: ties share a rank, so how a sort orders equal
 * totals never shows, and GSL's heapsort took most of the ranking time.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../model.h"

typedef struct {
	uint64_t key; /* orders as the descending total */
	size_t dept;
} ranked;

/* A key whose unsigned order is the descending order of finite x (-0 and +0
 * next to each other; equal totals compare == below either way). */
static uint64_t descending_key(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof(u));
	u = u >> 63 ? ~u : u | (UINT64_C(1) << 63); /* ascending */
	return ~u;
}

/* LSD radix sort, 16 bits a pass; tmp holds n entries, count 65536. */
static void radix_sort(ranked *a, ranked *tmp, size_t *count, size_t n)
{
	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, sizeof(size_t) * 65536);
		for (size_t i = 0; i < n; i++)
			count[(a[i].key >> shift) & 0xFFFF]++;
		if (count[(a[0].key >> shift) & 0xFFFF] == n)
			continue; /* every key has these bits */
		size_t sum = 0;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(a[i].key >> shift) & 0xFFFF]++] = a[i];
		memcpy(a, tmp, sizeof(ranked) * n);
	}
}

int jx_rank_departments(jx_result *res)
{
	size_t m = 0;
	for (size_t d = 0; d < res->n; d++)
		m += res->depts[d].status == JX_DEPT_SCORED;
	if (m == 0)
		return JX_OK;
	ranked *order = malloc(sizeof(ranked) * m);
	ranked *tmp = malloc(sizeof(ranked) * m);
	size_t *count = malloc(sizeof(size_t) * 65536);
	if (!order || !tmp || !count) {
		free(order);
		free(tmp);
		free(count);
		return JX_ENOMEM;
	}
	size_t k = 0;
	for (size_t d = 0; d < res->n; d++)
		if (res->depts[d].status == JX_DEPT_SCORED)
			order[k++] = (ranked){descending_key(res->depts[d].total_rounded), d};
	radix_sort(order, tmp, count, m);
	for (size_t i = 0; i < m; i++) {
		jx_dept_result *dr = &res->depts[order[i].dept];
		const jx_dept_result *prev = i > 0 ? &res->depts[order[i - 1].dept] : NULL;
		if (prev && prev->total_rounded == dr->total_rounded)
			dr->rank = prev->rank;
		else
			dr->rank = (int)i + 1;
	}
	free(order);
	free(tmp);
	free(count);
	return JX_OK;
}
