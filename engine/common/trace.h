/*
 * trace.h - phase timings for performance work.
 *
 * With JIXIAO_TRACE set in the environment, jx_trace("phase") writes the
 * seconds since the previous mark and the phase's name to stderr:
 *
 *   JIXIAO_TRACE=1 jixiao score rules.yaml big.csv --format csv -o out.csv
 *
 * docs/performance.md's "where the time goes" table is read off it. Off by
 * default: then one relaxed load per mark.
 */
#ifndef JX_TRACE_H
#define JX_TRACE_H

/* Marks the end of a phase. Thread-safe; meant for the calling thread. */
void jx_trace(const char *phase);

#endif
