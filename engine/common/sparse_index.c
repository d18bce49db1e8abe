/*
 * sparse_index.c - see sparse_index.h.
 */
#include "sparse_index.h"

#include <stdlib.h>

static size_t dept_of(const void *items, size_t stride, size_t k)
{
	return *(const size_t *)((const char *)items + k * stride);
}

int jx_sparse_index_build(jx_sparse_index *ix, size_t n, size_t m, const void *items, size_t stride)
{
	ix->start = calloc(n + 2, sizeof(size_t));
	ix->order = malloc(sizeof(size_t) * (m ? m : 1));
	size_t *fill = calloc(n + 1, sizeof(size_t));
	if (!ix->start || !ix->order || !fill) {
		free(fill);
		return -1;
	}
	for (size_t k = 0; k < m; k++)
		ix->start[dept_of(items, stride, k) + 1]++;
	for (size_t d = 0; d < n; d++)
		ix->start[d + 1] += ix->start[d];
	for (size_t k = 0; k < m; k++) {
		size_t d = dept_of(items, stride, k);
		ix->order[ix->start[d] + fill[d]++] = k;
	}
	free(fill);
	return 0;
}

void jx_sparse_index_free(jx_sparse_index *ix)
{
	free(ix->start);
	free(ix->order);
	ix->start = ix->order = NULL;
}
