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

#include "../model.h"
#include "yaml_util.h"

typedef struct {
	jx_rules *rules;
	jx_yctx y;
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

/* Compiles an expression found at `node`, reporting errors at the exact
 * column for a plain one-line scalar. NULL on error. */
jx_program *jx_builder_compile(jx_rules_builder *b, struct fy_node *node, const char *what,
			       const jx_expr_env *env);

/* Records an error at byte `offset` inside the scalar `node` (an expression
 * or a literal): the exact column for a one-line plain or simply quoted
 * scalar, else the value's start. */
void jx_builder_error_in_scalar(jx_rules_builder *b, struct fy_node *node, size_t offset,
				const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Passes implemented in rules_indicator.c. */
void jx_builder_collect_ids(jx_rules_builder *b, struct fy_node *list);
void jx_builder_indicators(jx_rules_builder *b, struct fy_node *list, size_t first);
void jx_builder_checks(jx_rules_builder *b, struct fy_node *list);

#endif
