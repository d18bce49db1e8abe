/*
 * model.h - the engine's internal model: a loaded rule set, a batch of
 * departments, and a scored result.
 *
 *   load/      YAML -> jx_rules (every node keeps its jx_loc)
 *   compile/   expressions -> jx_program (variables resolved to slots)
 *   evaluate/  jx_rules x jx_batch -> jx_result
 *   stats/     ranks and batch statistics over a jx_result (GSL)
 *   output/    jx_result -> JSON, CSV, text
 *
 * A jx_rules is immutable once loaded; a jx_batch is read against one rule
 * set (its variable slots); a jx_result borrows both.
 */
#ifndef JX_MODEL_H
#define JX_MODEL_H

#include <stddef.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <math.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/diag.h"
#include "common/sparse_index.h"
#include "common/strmap.h"
#include "common/value.h"
#include "compile/expr.h"
#include "evaluate/method.h"
#include "jixiao.h"
#include "load/literal.h"
#include "load/unit.h"

/* ---- rule set ------------------------------------------------------------ */

typedef struct {
	const char *grade; /* 优 */
	double min;        /* first band whose min the rounded total reaches */
	jx_loc loc;
} jx_grade_band;

typedef struct {
	const char *key;  /* path joined by '/', e.g. "产出指标/数量指标" */
	const char *name; /* last element, e.g. "数量指标" */
	int depth;        /* 1 for a first-level group */
	long parent;      /* index of the parent group, -1 at the top */
	double weight;    /* when has_weight */
	int has_weight;
	double leaf_weight; /* sum of the weights directly below (computed) */
	jx_loc loc;
} jx_group;

/* A target as written and as read: what a result points at. */
typedef struct {
	jx_target_lit lit;
	const char *text; /* as written; "" for a target_value expression */
} jx_target_def;

typedef enum {
	JX_ON_MISSING_ZERO = 0,
	JX_ON_MISSING_EXCLUDE = 1,
	JX_ON_MISSING_ERROR = 2
} jx_on_missing;

typedef struct {
	const char *id;
	const char *name;
	const char *path_key; /* "产出指标/质量指标", "" at top level */
	long group;           /* leaf group index, -1 when directly at the top */
	double weight;
	const char *value_src;
	jx_program *value;
	const char *unit_name;  /* "" when none */
	const jx_unit *unit;    /* NULL when none */
	const char *target_src; /* "" when none */
	int has_target;
	jx_target_lit target;
	jx_program *target_value; /* `target_value:` expression, or NULL */
	jx_target_def target_def; /* the rule's target (or target_value's comparison) */
	jx_method method;
	const char *method_name;
	int method_explicit; /* `method:` was written */
	double tolerance;    /* relative; < 0 when none */
	jx_on_missing on_missing;
	jx_loc loc;
	jx_loc value_loc;
	jx_loc target_loc;
} jx_indicator;

typedef enum { JX_CHECK_WARNING = 0, JX_CHECK_ERROR = 1 } jx_check_severity;

typedef struct {
	const char *id;
	const char *rule_src;
	jx_program *lhs; /* whole boolean rule when rhs is NULL */
	jx_program *rhs;
	const char *cmp; /* "==", "<=", ... or NULL */
	double tolerance;
	jx_check_severity severity;
	const char *message;
	jx_loc loc;
} jx_check;

typedef struct {
	const char *name;    /* "mediation.accepted" */
	const jx_unit *unit; /* declared or inferred; NULL when unknown */
} jx_variable;

/* How department-declared indicators (spec §2.2) are scored: a prepared
 * method per kind, chosen by the row's path (by_path) or its target's
 * comparison. */
typedef struct {
	const char *path_key; /* prefix, e.g. "满意度指标" */
	jx_method_kind kind;
} jx_declared_path;

typedef struct {
	int enabled;                            /* the rule set has `declared:` */
	jx_method methods[JX_METHOD_COUNT_];    /* prepared templates, by kind */
	jx_method_kind by_cmp[JX_CMP_WORD + 1]; /* comparison -> kind */
	jx_declared_path *by_path;
	size_t n_by_path;
	double tolerance; /* < 0 when none */
} jx_declared_rules;

struct jx_rules {
	jx_arena *arena;
	const char *id, *name, *version;
	char sha256[65];
	const char *source;                        /* the file or folder loaded */
	const char *effective_from, *effective_to; /* YYYY-MM-DD, or NULL */
	int year;      /* the year the rules were chosen for; 0 when nothing is dated */
	void *builder; /* while loading only */
	jx_grade_band *grades;
	size_t n_grades;
	jx_group *groups;
	size_t n_groups;
	jx_indicator *indicators;
	size_t n_indicators;
	size_t *order;              /* evaluation order: an indicator after those it references */
	const char **indicator_ids; /* by index, for reasons */
	jx_check *checks;
	size_t n_checks;
	jx_variable *variables;
	const char **variable_names; /* by slot */
	size_t n_variables;
	jx_strmap variable_map;  /* name -> slot */
	jx_strmap indicator_map; /* id -> index */
	jx_unit *extra_units;
	jx_units units;
	double full_mark;                   /* sum of the top-level weights (100) */
	double removed_weight;              /* points of indicators a child rule set removed */
	struct jx_removed_weight_ *removed; /* where they were (for --print) */
	size_t n_removed;
	int weights_free;
	int precision; /* decimals shown; default 2 */
	jx_declared_rules declared;
	const char *budget_variable;     /* NULL when none */
	const char *execution_indicator; /* NULL when none */
};

/* Switches GSL's aborting error handler off, once per process. */
void jx_gsl_quiet(void);

/* The effective rules as canonical YAML (load/rules_print.c), and the
 * SHA-256 over it, stored in r->sha256. */
int jx_rules_canonical(const jx_rules *r, jx_buf *out);
void jx_rules_hash(jx_rules *r);

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
} jx_dept_row;

/* One row of a department's own 自评表 (spec §2.2). */
typedef struct {
	size_t dept;
	const char *name;     /* 三级指标 as the department wrote it */
	const char *path_key; /* "产出指标/数量指标" */
	long group;           /* -1 when at the top or unknown */
	double weight;
	jx_target_def target; /* numbers in the target's own unit */
	jx_val actual;        /* number in the target's unit, or the word as text */
	const char *actual_text;
	const char *note;
	jx_loc loc;
} jx_declared_row;

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
		jx_word *items;
		size_t n, cap;
	} words;
	jx_strmap word_map; /* text -> words index */
	jx_strmap id_map;   /* dept_id -> row */
	/* reading a wide CSV in chunks (load/batch_csv.c): the threads to use,
	 * and the arenas of the chunks appended (their strings stay referenced) */
	int read_jobs;
	int defer_ids; /* a chunk: dept_ids are checked when it is appended */
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

/* Adds a department row with every variable missing; returns its index or
 * -1 when out of memory. id and name must live in the batch arena. */
long jx_batch_push_row(jx_batch *b, const char *id, const char *name, jx_loc loc);
/* Room for `rows` more departments without moving the arrays. */
int jx_batch_reserve(jx_batch *b, size_t rows);
/* Lets chunk (empty) write the values of up to `rows` departments straight
 * into owner's array from row `first` on, which owner has reserved. A chunk
 * that reads more rows than that moves to an array of its own. */
int jx_batch_lend_values(jx_batch *chunk, const jx_batch *owner, size_t first, size_t rows);
/* Appends the rows a chunk read (its own batch, defer_ids set) as if they
 * had been read into b: dept_ids checked in order, words shared, targets and
 * notes renumbered. part keeps no arena afterwards; free it as usual. */
int jx_batch_append(jx_batch *b, jx_batch *part);
/* Puts row's dept_id (of jx_strmap_hash `hash`) into the id map; a
 * duplicate is rejected as such, its reason replacing any its cells gave.
 * 0, or -1 when out of memory. */
int jx_batch_check_id(jx_batch *b, size_t row, uint64_t hash);
/* Marks a row rejected with a located reason (kept in the batch arena). */
void jx_batch_reject(jx_batch *b, size_t row, jx_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Stores one cell as a department wrote it into variable `slot`: parses the
 * literal, checks and converts its unit. Returns 0, or -1 with a message in
 * *err (static or arena text) and the byte offset in *err_offset. */
int jx_batch_store_cell(jx_batch *b, size_t row, long slot, const char *text, size_t len,
                        const char **err, size_t *err_offset);
/* Stores a `target.<id>` or `note.<id>` cell; same error convention. */
int jx_batch_store_target(jx_batch *b, size_t row, size_t indicator, const char *text, size_t len,
                          jx_loc loc, const char **err, size_t *err_offset);
int jx_batch_store_note(jx_batch *b, size_t row, size_t indicator, const char *text, size_t len);

/* The parsed word a text value stands for, or NULL when it was not read
 * from a cell (then parse its text). */
const jx_word *jx_batch_word(const jx_batch *b, jx_val v);

/* Readers (load/batch_csv.c, load/batch_doc.c). */
int jx_batch_read_csv(jx_batch *b, const char *file, const char *data, size_t len,
                      jx_diagnostics *diags);
/* The long CSV of department-declared indicators (load/batch_long.c). */
int jx_batch_read_long_csv(jx_batch *b, const char *file, const char *data, size_t len,
                           jx_diagnostics *diags);
int jx_batch_read_document(jx_batch *b, const char *file, char *data, size_t len,
                           jx_diagnostics *diags);

/* ---- result -------------------------------------------------------------- */

/* One department's result for one indicator, as the writers read it (and
 * as declared rows are stored). What follows from these fields
 * (comparison, upper bound, completion, deviation) is computed by the
 * jx_ind_* functions below, not stored. Defined indicators are stored as
 * jx_ind_cell and expanded by jx_result_ind(). */
typedef struct {
	jx_val actual;            /* the indicator's value for this department */
	double target;            /* effective target (lower bound for a range) */
	double score;             /* unrounded, in [0, w] */
	const jx_target_def *def; /* the target as written (rule or department); NULL: none */
	const char *reason;       /* NULL when ok; owned by the result */
	const char *note;         /* the department's note, or NULL */
	uint8_t status;           /* jx_indicator_status */
	uint8_t needs_note;
	uint8_t target_too_low;
	uint8_t overshoot;
} jx_ind_result;

/* What is stored per department x indicator: 24 bytes, as a batch holds
 * departments x indicators of them (10 million at 500 000 x 21: the first
 * touch of their pages is a good part of what scoring costs beyond the
 * arithmetic). The rest of a jx_ind_result is found when asked: the target
 * and its literal from the department's override or the rule (or
 * target_values), the note from the batch, the reason from the result's
 * reason lists. The actual is kept whole, as its kind and why and an
 * 8-byte union: a number, a text, a word of the batch by its index, or a
 * state's `at` (which a reason names: "not applicable: satisfaction.rate");
 * jx_cell_actual() gives the jx_val back. */
typedef struct {
	union {
		double num;       /* JX_VAL_NUM */
		const char *text; /* JX_VAL_TEXT not of the batch's words */
		uint32_t word;    /* JX_VAL_TEXT of the batch's words (is_word): index + 1 */
		uint32_t at;      /* any other kind: the state's `at` */
	} a;
	double score;
	uint32_t reason; /* 0: none; else see jx_result_reason() */
	uint8_t kind;    /* the actual's jx_val_kind */
	uint8_t why;     /* and its jx_why */
	uint8_t status;  /* jx_indicator_status */
	unsigned needs_note : 1;
	unsigned target_too_low : 1;
	unsigned overshoot : 1;
	unsigned is_word : 1;
} jx_ind_cell;
_Static_assert(sizeof(jx_ind_cell) == 24, "a cell is 24 bytes (see above)");

static inline jx_cmp jx_ind_cmp(const jx_ind_result *ir)
{
	return ir->def ? ir->def->lit.cmp : (jx_cmp)0;
}

/* The upper bound of a range target, else the target itself. */
static inline double jx_ind_target_hi(const jx_ind_result *ir)
{
	return jx_ind_cmp(ir) == JX_CMP_RANGE ? ir->def->lit.hi : ir->target;
}

static inline const char *jx_ind_target_text(const jx_ind_result *ir)
{
	return ir->def ? ir->def->text : NULL;
}

/* c = a / t for a numeric actual and a positive, non-range target; NaN
 * otherwise (as the methods define it). */
double jx_ind_completion(const jx_ind_result *ir);
/* a - t (to the nearer bound of a range; 0 inside) and (a - t) / |t|; NaN
 * when either is not a number. */
void jx_ind_deviation(const jx_ind_result *ir, double *deviation, double *relative);

typedef struct {
	uint8_t passed;
	uint8_t evaluated; /* 0 when a side was missing */
	double lhs, rhs;
	const char *detail; /* when not evaluated: why */
} jx_check_result;

typedef struct {
	jx_dept_status status;
	double total; /* unrounded, after rescaling for excluded indicators */
	double total_rounded;
	long grade; /* index into rules->grades, -1 when rejected */
	int rank;   /* 0 when rejected */
	double excluded_weight;
	double declared_weight; /* points of the department's own declared rows */
	const char *reason;     /* why rejected */
	size_t failed_checks;
	size_t failed_error_checks;
} jx_dept_result;

/* Reasons given while scoring, one list per scoring thread. */
typedef struct {
	const char **items;
	size_t n, cap;
} jx_reason_list;

struct jx_result {
	const jx_rules *rules;
	const jx_batch *batch;
	jx_arena *arena;
	jx_arena **arenas; /* one per scoring thread (reasons) */
	size_t n_arenas;
	size_t n;                /* departments */
	jx_dept_result *depts;   /* n */
	jx_ind_cell *inds;       /* n x rules->n_indicators */
	double *group_scores;    /* n x rules->n_groups */
	jx_check_result *checks; /* n x rules->n_checks */
	size_t rejected;
	double *best;            /* per indicator: the batch's best actual (relative) */
	long *target_value_slot; /* per indicator: its column in target_values, or -1 */
	size_t n_target_values;  /* indicators with a target_value expression */
	double *target_values;   /* n x n_target_values: what the expressions gave */
	jx_reason_list *reasons; /* n_reason_lists lists: per thread and pass */
	size_t n_reason_lists;
	jx_ind_result *declared;    /* per batch->declared row */
	size_t *declared_start;     /* n + 1: rows of department d are [start[d], start[d+1]) */
	size_t *declared_order;     /* row indices, grouped by department */
	struct jx_summary *summary; /* batch statistics, NULL until computed */
	/* department -> its target overrides, notes (kept: jx_result_ind reads
	 * them), given actuals (while scoring) */
	jx_sparse_index target_index, note_index, actual_index;
};

static inline jx_ind_cell *jx_result_cell(const struct jx_result *r, size_t dept, size_t ind)
{
	return &r->inds[dept * r->rules->n_indicators + ind];
}

/* A cell's actual value as the jx_val that was stored. */
static inline jx_val jx_cell_actual(const struct jx_result *r, const jx_ind_cell *c)
{
	if (c->kind == JX_VAL_NUM)
		return jx_val_number(c->a.num);
	if (c->kind == JX_VAL_TEXT && c->is_word) {
		jx_val v = jx_val_text(r->batch->words.items[c->a.word - 1].text);
		v.at = c->a.word;
		return v;
	}
	if (c->kind == JX_VAL_TEXT)
		return jx_val_text(c->a.text);
	return jx_val_state((jx_val_kind)c->kind, (jx_why)c->why, c->a.at);
}

static inline void jx_cell_set_actual(jx_ind_cell *c, jx_val v)
{
	c->kind = v.kind;
	c->why = v.why;
	c->is_word = v.kind == JX_VAL_TEXT && v.at > 0;
	if (c->is_word)
		c->a.word = v.at;
	else if (v.kind == JX_VAL_TEXT)
		c->a.text = v.u.text;
	else if (v.kind == JX_VAL_NUM)
		c->a.num = v.u.num;
	else
		c->a.at = v.at;
}

/* The text of a cell's reason id (NULL for 0). */
const char *jx_result_reason(const struct jx_result *r, uint32_t id);

/* The whole result of department dept for defined indicator ind. */
void jx_result_ind(jx_ind_result *out, const struct jx_result *r, size_t dept, size_t ind);

/* The method input of one department and indicator, as scoring used it
 * (for explain); vars is filled and referenced by *in. */
void jx_method_input_for(jx_method_input *in, jx_eval_input *vars, const struct jx_result *res,
                         size_t dept, size_t indicator);

/* Scores department d's declared rows (evaluate/declared.c), checks its
 * weights against the groups, rejecting it when they do not add up. */
void jx_score_declared(struct jx_result *res, size_t dept, jx_arena *arena);
/* The method a declared row is scored by (by_path, else its comparison). */
jx_method_kind jx_declared_method(const jx_rules *r, const jx_declared_row *row);

/* Ranks and statistics (stats/). */
/* Ranks the scored departments; *sorted gets their unrounded totals in
 * ascending order (malloc'd, NULL when none scored) for jx_summarize. */
int jx_rank_departments(struct jx_result *r, double **sorted, size_t *n_sorted);

/* Statistics of one sample (spec §4); a field is NaN where undefined
 * (n = 0, or n = 1 for sd), and written as null. */
typedef struct {
	size_t n;
	double mean, sd, min, p10, p25, median, p75, p90, max, mad;
} jx_stats;

/* Per indicator, over the scored departments (spec §4). */
typedef struct {
	jx_stats completion;
	jx_stats score;
	size_t missing, undefined, excluded, beyond_tolerance, target_too_low;
	double relative_deviation_mean, relative_deviation_sd; /* variance against target */
	size_t *unexplained; /* departments beyond tolerance with no note */
	size_t n_unexplained;
} jx_indicator_summary;

#define JX_HISTOGRAM_BINS 10

typedef struct jx_summary {
	size_t total, scored, rejected;
	size_t *grade_counts; /* per rules->grades */
	jx_stats score;       /* unrounded totals of scored departments */
	double *z, *robust_z; /* per department; NaN when rejected or undefined */
	/* per rules->indicators; computed when first asked for, through
	 * jx_summary_indicators() (a CSV of scores never needs them) */
	jx_indicator_summary *indicators;
	int indicators_ready;
	pthread_mutex_t lock;
	size_t n_indicators;
	/* computed when first asked for, through jx_summary_correlations() (the
	 * Spearman correlation sorts twice over the batch; a CSV never shows it) */
	int correlations_ready;
	double weighted_mean;            /* by budget_variable; NaN when none */
	double spearman_execution_score; /* NaN when undefined */
	/* totals in bins of 10 points over [0, full mark] (gsl_histogram) */
	double histogram_edges[JX_HISTOGRAM_BINS + 1];
	size_t histogram[JX_HISTOGRAM_BINS];
} jx_summary;

/* The per-indicator statistics, computed on first use (thread-safe). */
const jx_indicator_summary *jx_summary_indicators(const struct jx_result *res);

/* The summary with weighted_mean and spearman_execution_score computed on
 * first use (thread-safe); the other fields are always there. */
const jx_summary *jx_summary_correlations(const struct jx_result *res);

/* Computes res->summary with GSL from the scored totals, sorted ascending
 * (as jx_rank_departments gives them; n of them). */
int jx_summarize(struct jx_result *res, const double *sorted_totals, size_t n);
void jx_summary_free(jx_summary *s);
/* Fills *out from x[0..n) (x is reordered). */
void jx_stats_compute(jx_stats *out, double *x, size_t n);
/* The same for x[0..n) already sorted ascending. */
void jx_stats_from_sorted(jx_stats *out, const double *x, size_t n);

/* Writers (output/). Each appends the whole document to out. */
int jx_write_json(const struct jx_result *r, jx_buf *out);
int jx_write_csv(const struct jx_result *r, jx_buf *out);
int jx_write_csv_long(const struct jx_result *r, jx_buf *out);
int jx_write_text(const struct jx_result *r, jx_buf *out);
int jx_write_xlsx(const struct jx_result *r, jx_buf *out); /* binary; see output/xlsx.c */
int jx_write_html(const struct jx_result *r, jx_buf *out);
/* Dispatches on the format (output/result_api.c): JX_EINVAL for an unknown one. */
int jx_write_format(const struct jx_result *r, jx_format format, jx_buf *out);

#endif
