/*
 * parallel.c - one function over a few work items, on threads (see
 * parallel.h).
 */
#include "parallel.h"

#include <pthread.h>
#include <stdlib.h>

void jx_parallel(void *(*fn)(void *), void *items, size_t stride, size_t n)
{
	char *base = items;
	pthread_t *threads = n > 1 ? calloc(n, sizeof(pthread_t)) : NULL;
	char *started = n > 1 ? calloc(n, 1) : NULL;
	for (size_t k = 1; k < n && threads && started; k++)
		started[k] = pthread_create(&threads[k], NULL, fn, base + k * stride) == 0;
	if (n > 0)
		fn(base);
	for (size_t k = 1; k < n; k++)
		if (started && started[k])
			pthread_join(threads[k], NULL);
		else
			fn(base + k * stride); /* no thread: done here */
	free(threads);
	free(started);
}
