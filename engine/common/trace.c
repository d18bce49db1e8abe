/*
 * trace.c - phase timings (see trace.h).
 */
#include "trace.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The resident set in MiB, from /proc/self/statm; -1 where there is none.
 * What a phase leaves resident tells where the peak RSS comes from
 * (docs/performance.md). */
static double resident_mib(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size = 0, resident = 0;
	int got = f ? fscanf(f, "%lu %lu", &size, &resident) : 0;
	if (f)
		fclose(f);
	long page = sysconf(_SC_PAGESIZE);
	return got == 2 && page > 0 ? (double)resident * (double)page / (1024.0 * 1024.0) : -1;
}

/* -1 until first asked; then 0 (off) or 1 */
static atomic_int trace_on = -1;
static _Atomic double trace_last;

void jx_trace(const char *phase)
{
	int on = atomic_load_explicit(&trace_on, memory_order_relaxed);
	if (on < 0) {
		on = getenv("JIXIAO_TRACE") != NULL;
		atomic_store(&trace_last, now());
		atomic_store(&trace_on, on);
	}
	if (!on)
		return;
	double t = now(), before = atomic_exchange(&trace_last, t);
	fprintf(stderr, "jixiao trace: %8.3f s %6.0f MiB  %s\n", t - before, resident_mib(), phase);
}
