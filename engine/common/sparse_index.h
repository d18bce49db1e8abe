/*
 * sparse_index.h - department -> its entries in a sparse list (target
 * overrides, notes, declared rows), as compressed rows: the entries of
 * department d are order[start[d] .. start[d+1]). Built in O(departments +
 * entries) whatever order the entries were added in. Each entry must begin
 * with its department index (a size_t).
 */
#ifndef JX_SPARSE_INDEX_H
#define JX_SPARSE_INDEX_H

#include <stddef.h>

typedef struct {
	size_t *start; /* n + 1 */
	size_t *order; /* entry indices, grouped by department, in entry order */
} jx_sparse_index;

/* 0, or -1 when out of memory (then free what was built). */
int jx_sparse_index_build(jx_sparse_index *ix, size_t n, size_t m, const void *items,
                          size_t stride);
void jx_sparse_index_free(jx_sparse_index *ix);

#endif
