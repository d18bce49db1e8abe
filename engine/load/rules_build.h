/*
 * rules_build.h - private state while a rule set is being loaded.
 *
 * Loading runs in passes over the YAML tree so that every problem of a file
 * is reported in one run: (1) header, units, grades and groups; (2) indicator
 * ids, so `indicator.<id>` can be resolved; (3) indicators and checks, their
 * expressions compiled; (4) whole-set validation (weights, cycles).
 */
#ifndef JX_RULES_BUILD_H
#define JX_RULES_BUILD_H

#include "../compile/expr.h"
#include "../methods/methods.h"
#include "load.h"
#include "yaml_util.h"

/* One rule file, parsed. Files come in load order: a base (`extends:`)
 * before the files that extend it. */
typedef struct {
	const char *file; /* in the rule set's arena */
	char *data;
	size_t len;
	struct fy_document *doc;
	int depth;             /* 0: named by the user; 1: its base; 2: the base's base ... */
	const char *from, *to; /* ruleset.effective, YYYY-MM-DD, or NULL */
	int in_force;          /* for the year being loaded */
	int id;                /* stable number (files move while gathering) */
	const char *real;      /* canonical path: one file may be read twice (as a
	                        * version in a folder and as a base of another) */
	int parent_id;         /* the file that extends this one; -1 at the top */
	int set_id;            /* files read for one `extends:` share it */
	struct fy_node *root, *extends, *remove, *override;
	struct fy_node *indicators, *checks, *variables; /* set by the header pass */
} jx_rule_file;

typedef struct {
	jx_rule_file *items;
	size_t n, cap;
} jx_rule_files;

/* An indicator or check as it ends up in the effective rule set: which file
 * and node define it. A child's entry replaces its base's by id. */
#define JX_MAX_OVERRIDES 8

typedef struct {
	jx_rule_file *file;
	struct fy_node *node;
	/* `override:` items of later files, applied over `node` in order */
	struct fy_node *overrides[JX_MAX_OVERRIDES];
	int n_overrides;
	const char *id;                /* NULL when the node has no usable id */
	const char *from, *to;         /* when in force (own `effective:` or the file's) */
	const char *own_from, *own_to; /* the indicator's own `effective:` only */
	int removed;
} jx_rule_entry;

typedef struct {
	jx_rule_entry *items;
	size_t n, cap;
} jx_rule_entries;

typedef struct jx_removed_weight_ {
	const char *path_key; /* the removed indicator's group */
	double weight;
} jx_removed_weight;

typedef struct {
	jx_rules *rules;
	jx_yctx y;
	jx_rule_entries indicator_entries;
	jx_rule_entries check_entries;
	struct {
		jx_group *items;
		size_t n, cap;
	} groups;
	struct {
		jx_indicator *items;
		size_t n, cap;
	} indicators;
	struct {
		jx_check *items;
		size_t n, cap;
	} checks;
	struct {
		jx_variable *items;
		size_t n, cap;
	} variables;
	struct {
		jx_unit *items;
		size_t n, cap;
	} units;
	struct {
		jx_grade_band *items;
		size_t n, cap;
	} grades;
	jx_strmap group_map; /* path key -> group index */
	int has_header;      /* some file in force holds `ruleset:` */
	int next_file_id, next_set_id;
	struct {
		jx_removed_weight *items;
		size_t n, cap;
	} removed;             /* indicators a child removed: their points are rescaled away */
	jx_loc indicators_loc; /* where `indicators:` is first written */
} jx_rules_builder;

/* Finds or creates the group with `key` (and its ancestors). -1 on OOM. */
long jx_builder_group(jx_rules_builder *b, const char *const *path, size_t depth, jx_loc loc);
/* Resolver for expression variables: finds or creates a slot. */
long jx_builder_variable(void *builder, const char *name, size_t len);
/* Resolver for `indicator.<id>`. */
long jx_builder_indicator(void *builder, const char *id, size_t len);

/* Reads a `path: [一级, 二级]` list into an arena array; -1 on error. */
int jx_builder_path(jx_rules_builder *b, struct fy_node *node, const char ***out, size_t *depth);

/* The path joined with '/' ("产出指标/数量指标"), in the rule set's arena. */
const char *jx_builder_path_key(jx_rules_builder *b, const char *const *path, size_t depth);

/* Compiles an expression found at `node`, reporting errors at the exact
 * column for a plain one-line scalar. NULL on error. */
jx_program *jx_builder_compile(jx_rules_builder *b, struct fy_node *node, const char *what,
                               const jx_expr_env *env);

/* Records an error at byte `offset` inside the scalar `node` (an expression
 * or a literal): the exact column for a one-line plain or simply quoted
 * scalar, else the value's start. */
void jx_builder_error_in_scalar(jx_rules_builder *b, struct fy_node *node, size_t offset,
                                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* rules_source.c: reads `path` (a file or a folder) and the bases it
 * extends into files, parsed, in load order. Errors go to b->y. */
int jx_rule_files_gather(jx_rules_builder *b, jx_rule_files *files, const char *path);
/* Adds one file from memory. */
int jx_rule_files_add_buffer(jx_rules_builder *b, jx_rule_files *files, const char *name,
                             const char *data, size_t len);
void jx_rule_files_free(jx_rule_files *files);
/* Marks the files in force for `year` (0: the latest year any file or
 * indicator names); returns the year chosen (0 when nothing is dated). */
int jx_rule_files_select(jx_rules_builder *b, jx_rule_files *files, int year);
/* Is [from, to] in force during `year`? (year 0: always) */
int jx_in_force(const char *from, const char *to, int year);
/* YYYY-MM-DD naming a real day (digits only, so dates compare as text). */
int jx_valid_date(const char *s);

/* rules_entries.c: the effective indicators and checks of the files in
 * force: later (child) definitions replace their bases' by id, `remove:`
 * drops ids, and one id defined twice for overlapping periods is an error. */
void jx_builder_entries(jx_rules_builder *b, jx_rule_files *files, int year);

/* Method parameters as the indicator section reads them (rules_indicator.c),
 * shared with the `declared:` section. */
int jx_builder_number(jx_rules_builder *b, struct fy_node *node, const char *what, double *out);
void jx_builder_levels(jx_rules_builder *b, jx_level_list *out, struct fy_node *node);
void jx_builder_overshoot(jx_rules_builder *b, jx_overshoot *out, struct fy_node *node);

/* rules_declared.c: the `declared:` section (docs/data.md §3). */
void jx_builder_declared(jx_rules_builder *b, struct fy_node *node);

/* Passes implemented in rules_indicator.c, over the entries. */
void jx_builder_collect_ids(jx_rules_builder *b);
void jx_builder_indicators(jx_rules_builder *b);
void jx_builder_checks(jx_rules_builder *b);

/* rules_review.c: `review_codes:` and `rounding:`. */
void jx_builder_review_codes(jx_rules_builder *b, struct fy_node *node);
void jx_builder_rounding(jx_rules_builder *b, struct fy_node *node);

#endif
