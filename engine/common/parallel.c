/*
 * parallel.c - one function over a few work items, on threads (see
 * parallel.h).
 */
#include "parallel.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>

/* A thread's item, and the locale of the thread that started it: a new
 * thread starts in the process's global locale, whatever the starting
 * thread had switched to (uselocale; common/c_locale.h), and an item must
 * not depend on which thread runs it. */
typedef struct {
	void *(*fn)(void *);
	void *item;
	locale_t locale;
} worker;

static void *run_worker(void *arg)
{
	const worker *w = arg;
	uselocale(w->locale);
	return w->fn(w->item);
}

void jx_parallel(void *(*fn)(void *), void *items, size_t stride, size_t n)
{
	char *base = items;
	pthread_t *threads = n > 1 ? calloc(n, sizeof(pthread_t)) : NULL;
	worker *workers = n > 1 ? calloc(n, sizeof(worker)) : NULL;
	char *started = n > 1 ? calloc(n, 1) : NULL;
	locale_t mine = uselocale((locale_t)0);
	for (size_t k = 1; k < n && threads && workers && started; k++) {
		workers[k] = (worker){fn, base + k * stride, mine};
		started[k] = pthread_create(&threads[k], NULL, run_worker, &workers[k]) == 0;
	}
	if (n > 0)
		fn(base);
	for (size_t k = 1; k < n; k++)
		if (started && started[k])
			pthread_join(threads[k], NULL);
		else
			fn(base + k * stride); /* no thread: done here */
	free(threads);
	free(workers);
	free(started);
}
