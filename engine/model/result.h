/*
 * result.h - a scored batch (docs/design.md, "The model"): per department
 * its status, total, grade and rank; per department x indicator a 24-byte
 * cell; declared rows' results; group scores; check results; the batch
 * statistics. The evaluate stage fills it, stats ranks and summarises it,
 * output writes it. What follows from the stored fields (completion,
 * deviation, the flags decided once) is computed here, so every stage and
 * every writer decides them the same way.
 */
#ifndef JX_MODEL_RESULT_H
#define JX_MODEL_RESULT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/arena.h"
#include "../common/sparse_index.h"
#include "batch.h"
#include "rules.h"

typedef struct jx_result jx_result;

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
	uint32_t flags;         /* JX_DEPT_* below */
	const char *reason;     /* why rejected */
	size_t failed_checks;
	size_t failed_error_checks;
} jx_dept_result;

/* What a department's table says of itself (docs/review.md): flags in
 * jx_dept_result.flags, named in every output by jx_dept_flag_name(). */
enum {
	JX_DEPT_WEIGHTS_OFF_SCHEME = 1u << 0, /* its points differ from the scheme's */
	JX_DEPT_CLAIM_ABOVE_RULES = 1u << 1,  /* claimed total above the computed one */
	JX_DEPT_CLAIM_BELOW_RULES = 1u << 2,
	JX_DEPT_ALL_FULL_MARKS = 1u << 3,       /* every row claimed at full marks */
	JX_DEPT_AHEAD_OF_EXECUTION = 1u << 4,   /* results run ahead of money */
	JX_DEPT_CLAIMED_SUM_MISMATCH = 1u << 5, /* 总分 is not the sum of the rows */
	JX_DEPT_FLAG_COUNT = 6
};

/* "weights_off_scheme", ... for flag bit k (0-based); NULL past the end. */
const char *jx_dept_flag_name(unsigned k);

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
	const char **declared_ids;  /* per batch->declared row: "declared.N", N its
	                             * place in its department's table */
	struct jx_summary *summary; /* batch statistics, NULL until computed */
	/* department -> its target overrides, notes (kept: jx_result_ind reads
	 * them), given actuals (while scoring) */
	jx_sparse_index target_index, note_index, actual_index;
	jx_sparse_index claim_index;  /* department -> its claims on defined indicators */
	jx_sparse_index review_index; /* department -> its reviewer's findings */
	jx_sparse_index weight_index; /* department -> its own points for defined indicators */
	long execution_index;         /* rules->execution_indicator's index, or -1 */
	long budget_slot;             /* rules->budget_variable's slot, or -1 */
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

/* Statistics of one sample (docs/data.md §6.1, "summary"); a field is NaN where undefined
 * (n = 0, or n = 1 for sd), and written as null. */
typedef struct {
	size_t n;
	double mean, sd, min, p10, p25, median, p75, p90, max, mad;
} jx_stats;

/* Per indicator, over the scored departments (docs/data.md §6.1, "summary"). */
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

/* A new, empty result for batch b under rules r (every array allocated,
 * nothing scored), or NULL when out of memory. */
jx_result *jx_result_new(const jx_rules *r, const jx_batch *b);

/* The department's own target for indicator ind (the last one written), or
 * NULL. */
const jx_target_override *jx_result_override(const jx_result *res, size_t dept, size_t ind);
/* The department's note on indicator ind, or NULL. */
const char *jx_result_note(const jx_result *res, size_t dept, size_t ind);
/* The target in force for department dept: its literal in *def (NULL when
 * none) and its number (the department's override, else the rule's, else
 * what the rule's target_value gave; NaN for a word). */
double jx_result_target(const jx_result *res, size_t dept, size_t ind, const jx_target_def **def);

/* What the department claimed (docs/review.md): its 得分 for defined
 * indicator ind, NaN when none; and a claim against a computed score at
 * the output precision: claimed - the score as shown (so the columns
 * subtract as printed), NaN when nothing was claimed. */
double jx_result_claim(const jx_result *res, size_t dept, size_t ind);
/* The points defined indicator ind carries for department dept: its own
 * table's when it gives other points, else the rule set's. */
double jx_result_own_weight(const jx_result *res, size_t dept, size_t ind);
static inline double jx_result_weight(const jx_result *res, size_t dept, size_t ind)
{
	/* most batches carry no table points of their own: no lookup per cell */
	return res->batch->weights.n ? jx_result_own_weight(res, dept, ind)
	                             : res->rules->indicators[ind].weight;
}
double jx_claim_difference(double claimed, double score, int precision);
/* The department's claimed total (its 总分; NaN when none) and claimed -
 * total as shown (NaN when none or when the department was rejected). */
double jx_dept_claimed_score(const jx_result *res, size_t dept);
/* A reviewer's finding on defined indicator ind of department dept, or on
 * declared row `row` (batch->declared index); NULL when none. Its code,
 * when it has one, is res->rules->review_codes[review->code]. */
const jx_review *jx_result_review(const jx_result *res, size_t dept, size_t ind);
const jx_review *jx_result_declared_review(const jx_result *res, size_t row);
double jx_dept_score_difference(const jx_result *res, size_t dept);

/* The flags decided once (docs/design.md, "Decisions"): */
#define JX_TARGET_TOO_LOW_DEFAULT 1.5 /* completion line when no overshoot is set */
#define JX_OUTLIER_ROBUST_Z       3.5 /* |robust z| beyond it is an outlier */
/* |relative deviation| beyond the tolerance (none when tolerance < 0). */
int jx_beyond_tolerance(double relative_deviation, double tolerance);
/* A completion above the overshoot line (or 1.5), for a more-is-better
 * target: the target looks set too low. */
int jx_target_too_low(double completion, const jx_method *m, jx_cmp cmp);
/* outlier_high / outlier_low: |robust z| > 3.5. */
int jx_is_outlier(double robust_z);
/* Its flag's name, "outlier_high" or "outlier_low"; NULL when not one. */
const char *jx_outlier_flag(double robust_z);

/* Results against money (docs/review.md, ahead_of_execution): I, the
 * indicator points scored over their full mark (the execution indicator
 * and rows not applicable aside), and E, the execution points over theirs. */
typedef struct {
	int budget_zero;                /* the rule set's budget variable is 0 */
	int measured;                   /* I and E are defined (an execution indicator that
	                                 * applies, points and a score on both sides) */
	double scored, full;            /* I = scored / full */
	double exec_score, exec_weight; /* E = exec_score / exec_weight */
	double I, E;
} jx_execution_gap;
/* Department d's gap; everything 0 when the rule set names no execution
 * indicator. */
void jx_execution_gap_of(jx_execution_gap *out, const jx_result *res, size_t d);
/* The platform's red warning: a budget of 0, or (I - E) / I > 5 %. */
int jx_ahead_of_execution(const jx_execution_gap *g);

/* The text of a cell's reason id (NULL for 0). */
const char *jx_result_reason(const struct jx_result *r, uint32_t id);

/* The whole result of department dept for defined indicator ind. */
void jx_result_ind(jx_ind_result *out, const struct jx_result *r, size_t dept, size_t ind);

void jx_summary_free(jx_summary *s);

#endif
