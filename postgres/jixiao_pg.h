/*
 * jixiao_pg.h - the parts of the PostgreSQL extension (docs/postgres.md).
 *
 *   jixiao.c       the SQL functions jixiao_score, jixiao_score_table,
 *                  jixiao_version; library handles tied to memory contexts
 *   rules_cache.c  compiled rule sets cached per backend by SHA-256
 *   query_csv.c    a query's rows as the wide CSV of docs/data.md
 *
 * The engine is used through include/jixiao.h only, as the CLI uses it.
 */
#ifndef JIXIAO_PG_H
#define JIXIAO_PG_H

#include "postgres.h"

#include "fmgr.h"

#include "jixiao.h"

/* A cached rule set. Valid until the next jixiao_rules_get() of the
 * backend (which may evict it): use it, then let it go, with no SQL run in
 * between. */
typedef struct jixiao_rules_entry {
	uint8 key[32];   /* SHA-256 of the rules text */
	jx_rules *rules; /* malloc'd by the library; NULL for a free slot */
	uint64 used;     /* LRU clock at the last use */
	int score_scale; /* decimals of "score" in the JSON (the rule set's
	                  * precision), -1 until seen */
} jixiao_rules_entry;

/* The compiled rule set for `yaml`, loaded on a miss. Errors are SQL
 * errors "rules:LINE:COL: message". flinfo (may be NULL) keeps the last
 * text and its hash, so a call with the same rules as the previous one
 * skips hashing. */
jixiao_rules_entry *jixiao_rules_get(text *yaml, FmgrInfo *flinfo);

/* A growing text buffer in one memory context (palloc "huge": a batch may
 * pass 1 GB). */
typedef struct jixiao_text {
	char *data;
	Size len, cap;
	MemoryContext cxt;
} jixiao_text;

/* Runs `query` read-only through SPI and appends its result to out as a
 * wide CSV: a header of the column names, then one record per row, each
 * cell the column's text (NULL empty, booleans true/false). Returns the
 * number of rows. Checks for interrupts between rows. */
uint64 jixiao_query_csv(jixiao_text *out, const char *query);

#endif
