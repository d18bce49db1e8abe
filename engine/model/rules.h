/*
 * rules.h - a loaded rule set (docs/rules.md): grades, groups, indicators
 * with their compiled expressions and prepared methods, checks, variables,
 * the `declared:` rules. Built by the load stage; immutable afterwards, so
 * one rule set may be shared by any number of threads.
 */
#ifndef JX_MODEL_RULES_H
#define JX_MODEL_RULES_H

#include <stddef.h>

#include "../common/arena.h"
#include "../common/diag.h"
#include "../common/strmap.h"
#include "literal.h"
#include "method.h"
#include "unit.h"

typedef struct jx_rules jx_rules;

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
	const char **aliases; /* other names tables give it (预算资金执行率); n_aliases */
	size_t n_aliases;
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

/* A reviewer's coded finding (docs/review.md): `review_codes:` in the
 * rule set, e.g. R01: {name: 无佐证材料, keep: 0%}. */
typedef struct {
	const char *code; /* "R01" */
	const char *name; /* 无佐证材料 */
	double keep;      /* share of the row's score that stays, in [0, 1]; NaN: a
	                   * code without `keep` only labels the row */
	jx_loc loc;
} jx_review_code;

typedef struct {
	const char *name;    /* "mediation.accepted" */
	const jx_unit *unit; /* declared or inferred; NULL when unknown */
	int accepts_words;   /* the value of a qualitative indicator (达成): a word is
	                      * a value; anywhere else a word where a number is due
	                      * rejects the department */
} jx_variable;

/* How department-declared indicators (docs/data.md §3) are scored: a prepared
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
	double tolerance;   /* < 0 when none */
	int weights_strict; /* `weights: strict`: a table off the scheme is rejected */
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
	double full_mark;                   /* sum of the indicators' weights (100) */
	double scheme_mark;                 /* what a department's table must add up to:
	                                     * the top-level groups' weights (100) */
	double removed_weight;              /* points of indicators a child rule set removed */
	struct jx_removed_weight_ *removed; /* where they were (for --print) */
	size_t n_removed;
	int weights_free;
	int precision; /* decimals shown; default 2 */
	jx_declared_rules declared;
	jx_review_code *review_codes; /* in file order */
	size_t n_review_codes;
	int round_rows;                  /* `rounding: rows`: each row's score is rounded to the
	                                  * precision before the total sums them, as tables that SUM
	                                  * their displayed cells do; 0: the total of unrounded scores */
	const char *budget_variable;     /* NULL when none */
	const char *execution_indicator; /* NULL when none */
};

#endif
