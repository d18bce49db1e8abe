/*
 * batch.h - departments' data as read (docs/data.md): one row per
 * department, its variables' values (8 bytes each, row-major), target
 * overrides, notes, the rows of its own 自评表 (declared rows) and the words
 * its cells hold. Filled by the load stage (engine/load/load.h) against one
 * rule set; read by every later stage.
 */
#ifndef JX_MODEL_BATCH_H
#define JX_MODEL_BATCH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../common/arena.h"
#include "../common/diag.h"
#include "../common/strmap.h"
#include "../common/value.h"
#include "rules.h"

typedef struct jx_batch jx_batch;

/* ---- batch --------------------------------------------------------------- */

typedef struct {
	size_t dept;
	size_t indicator;
	jx_target_def def; /* the word points into the batch arena */
	jx_loc loc;
} jx_target_override;

typedef struct {
	size_t dept;
	size_t indicator;
	const char *text;
} jx_note;

typedef struct {
	const char *id;
	const char *name;
	int fiscal_year;           /* 0 when not given */
	jx_loc loc;                /* where the department starts (row or document) */
	const char *reject_reason; /* NULL unless the data was bad */
	double claimed_total;      /* the table's 总分 as the department wrote it; NaN: none */
	jx_loc table;              /* where its own 自评表 was read (file 0 when none):
	                            * a second table for the same department is refused */
} jx_dept_row;

/* The word a qualitative actual gives the `grade` method, read once: the
 * actual's own word (and its fraction), or 达成 when it repeats the
 * target's words (target 有效, actual 有效). */
typedef struct {
	const char *word; /* NULL when the actual is not a word */
	size_t len;
	int has_fraction; /* "部分达成 0.75" */
	double fraction;
	int repeats_target;
} jx_level_word;

/* One row of a department's own 自评表 (docs/data.md, "Indicator
 * tables"): only its first level must be a group of the rule set; the
 * levels below are the department's own and kept as written. */
typedef struct {
	size_t dept;
	const char *name;     /* 三级指标 as the department wrote it */
	const char *path_key; /* "产出指标/数量指标", the first level tidied */
	long group;           /* the deepest group of the rule set the path names; -1: none */
	long top_group;       /* the first-level group; -1 when the rule set has no groups */
	double weight;
	jx_target_def target; /* numbers in the target's own unit */
	jx_val actual;        /* number in the target's unit, or the word as text */
	const char *actual_text;
	jx_level_word level; /* for a word actual */
	const char *note;
	double claimed; /* the row's 得分 as the department wrote it; NaN: none */
	long review;    /* its reviewer's finding (batch->reviews), or -1 */
	jx_loc loc;
} jx_declared_row;

/* A reviewer's finding on one row of one department (docs/review.md), read
 * with --review: a corrected figure (scored by the rules), a score set
 * outright, a code of the rule set's review_codes, a note. */
typedef struct {
	size_t dept;
	long indicator;      /* a defined indicator, or -1 */
	long declared;       /* a declared row (index in batch->declared), or -1 */
	long code;           /* index in rules->review_codes, or -1 */
	jx_val actual;       /* the corrected figure; JX_VAL_MISSING with why NONE: none */
	jx_level_word level; /* the corrected figure's word, for a qualitative row */
	double score;        /* the score set outright; NaN: none */
	const char *note;
	jx_loc loc;
} jx_review;

static inline int jx_review_has_actual(const jx_review *rv)
{
	return rv && !(rv->actual.kind == JX_VAL_MISSING && rv->actual.why == JX_WHY_NONE);
}

/* A department's own points for a defined indicator, when its table gives
 * other points than the rule set's (预算执行率 20 in the Yunnan forms):
 * the table is scored on its own points (docs/national-scheme.md). */
typedef struct {
	size_t dept;
	size_t indicator;
	double weight;
} jx_weight_override;

/* A department's own 得分 for a defined indicator (the fund block's
 * 预算执行率, or a row named like the indicator). */
typedef struct {
	size_t dept;
	size_t indicator;
	double claimed;
} jx_claim;

/* A value a department gives directly for a defined indicator (a declared
 * row named like it, e.g. 预算执行率), replacing its expression. */
typedef struct {
	size_t dept;
	size_t indicator;
	jx_val actual;
} jx_actual_override;

/* A distinct word a batch's cells hold (see jx_batch_store_cell). */
typedef struct {
	const char *text; /* as written */
	jx_lit_kind kind; /* WORD, NA, or NUMBER for 是/否 */
	double num;
	const char *word; /* the word without its own fraction ("达成") */
	size_t word_len;
	int has_fraction; /* "达成 0.92" */
	double fraction;
} jx_word;

/* A variable's value as a batch stores it: 8 bytes (a jx_val is 16, and a
 * batch holds departments x variables of them: 15 million at 500 000). A
 * number is its own bits (a NaN made the one quiet NaN); missing, not
 * applicable and a word (by its index in the batch's words) are NaNs that
 * no number takes: STORED_TAG, the jx_val_kind in bits 32-39, the word's
 * index + 1 in bits 0-31. jx_batch_value() gives the jx_val back. */
typedef uint64_t jx_stored_val;

#define JX_STORED_TAG  0x7ffc000000000000ull
#define JX_STORED_MASK 0xffff000000000000ull

static inline jx_stored_val jx_stored_number(double x)
{
	jx_stored_val s;
	if (x != x)
		x = NAN;
	memcpy(&s, &x, sizeof(s));
	return s;
}

static inline jx_stored_val jx_stored_state(jx_val_kind kind, uint32_t word)
{
	return JX_STORED_TAG | (uint64_t)kind << 32 | word;
}

/* The word index + 1 a stored value carries, or 0 when it is not a word. */
static inline uint32_t jx_stored_word(jx_stored_val s)
{
	return (s & ~(jx_stored_val)UINT32_MAX) == jx_stored_state(JX_VAL_TEXT, 0) ? (uint32_t)s
	                                                                           : 0;
}

struct jx_batch {
	const jx_rules *rules;
	jx_arena *arena;
	jx_dept_row *rows;
	size_t n, cap;
	jx_stored_val *values; /* cap x rules->n_variables, row-major */
	/* a chunk read on another thread writes its values straight into a
	 * window of the batch it is read for (jx_batch_lend_values) */
	int values_borrowed;
	struct {
		jx_target_override *items;
		size_t n, cap;
	} targets;
	struct {
		jx_note *items;
		size_t n, cap;
	} notes;
	struct {
		jx_declared_row *items;
		size_t n, cap;
	} declared;
	struct {
		jx_actual_override *items;
		size_t n, cap;
	} actuals;
	struct {
		jx_claim *items;
		size_t n, cap;
	} claims;
	struct {
		jx_review *items;
		size_t n, cap;
	} reviews;
	struct {
		jx_weight_override *items;
		size_t n, cap;
	} weights;
	struct {
		jx_word *items;
		size_t n, cap;
	} words;
	jx_strmap word_map; /* text -> words index */
	jx_strmap id_map;   /* dept_id -> row */
	/* reading a wide CSV in chunks (load/batch_csv.c): the threads to use,
	 * and the arenas of the chunks appended (their strings stay referenced) */
	int read_jobs;
	int defer_ids;     /* a chunk: dept_ids are checked when it is appended */
	int ids_elsewhere; /* a window of a stream: its reader checks dept_ids */
	jx_arena **parts;
	size_t n_parts;
};

/* Variable slot of department row, as a jx_val: what a cell gave, with the
 * why and at it had when stored (missing/not applicable name the slot, a
 * word carries its index + 1). */
static inline jx_val jx_batch_value(const jx_batch *b, size_t row, size_t slot)
{
	jx_stored_val s = b->values[row * b->rules->n_variables + slot];
	if ((s & JX_STORED_MASK) != JX_STORED_TAG) {
		double x;
		memcpy(&x, &s, sizeof(x));
		return jx_val_number(x);
	}
	uint32_t word = jx_stored_word(s);
	if (word) {
		jx_val v = jx_val_text(b->words.items[word - 1].text);
		v.at = word;
		return v;
	}
	jx_val_kind kind = (jx_val_kind)((s >> 32) & 0xff);
	return jx_val_state(kind,
	                    kind == JX_VAL_NA        ? JX_WHY_NA
	                    : kind == JX_VAL_MISSING ? JX_WHY_MISSING_VAR
	                                             : JX_WHY_NONE,
	                    (uint32_t)slot);
}

/* The parsed word a text value stands for, or NULL when it was not read
 * from a cell (then parse its text). */
static inline const jx_word *jx_batch_word(const jx_batch *b, jx_val v)
{
	return v.kind == JX_VAL_TEXT && v.at > 0 && v.at <= b->words.n ? &b->words.items[v.at - 1]
	                                                               : NULL;
}

/* The method a declared row is scored by (by_path, else its comparison). */
jx_method_kind jx_declared_method(const jx_rules *r, const jx_declared_row *row);

#endif
