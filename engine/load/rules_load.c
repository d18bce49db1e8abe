/*
 * rules_load.c - a rule set (docs/rules.md) from YAML files into a jx_rules.
 *
 * Top-level keys: jixiao, ruleset, extends, remove, grades, groups, units,
 * variables, indicators, checks, precision, weights, budget_variable,
 * execution_indicator. Which files take part, and in which order, is
 * rules_source.c's job; which indicators and checks are in effect is
 * rules_entries.c's. Here each file's sections are read (later files win for
 * the header, grades and options; groups, units and variables are merged),
 * then the whole set is validated.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/gsl_quiet.h"
#include "../common/utf8.h"
#include "rules_build.h"

/* ---- builder helpers shared with rules_indicator.c ------------------------ */

long jx_builder_group(jx_rules_builder *b, const char *const *path, size_t depth, jx_loc loc)
{
	long parent = -1;
	jx_buf key = {0};
	for (size_t i = 0; i < depth; i++) {
		if (i)
			jx_buf_putc(&key, '/');
		jx_buf_puts(&key, path[i]);
		if (key.failed)
			break;
		long g = jx_strmap_get(&b->group_map, key.data, key.len);
		if (g < 0) {
			jx_group grp = {0};
			grp.key = jx_arena_strndup(b->rules->arena, key.data, key.len);
			grp.name = path[i];
			grp.depth = (int)i + 1;
			grp.parent = parent;
			grp.loc = loc;
			g = (long)b->groups.n;
			if (!grp.key || JX_VEC_PUSH(b->groups, grp) != 0 ||
			    jx_strmap_put(&b->group_map, grp.key, key.len, g) < 0) {
				jx_buf_free(&key);
				return -1;
			}
		}
		parent = g;
	}
	jx_buf_free(&key);
	return parent;
}

long jx_builder_variable(void *builder, const char *name, size_t len)
{
	jx_rules_builder *b = builder;
	long slot = jx_strmap_get(&b->rules->variable_map, name, len);
	if (slot >= 0)
		return slot;
	jx_variable v = {jx_arena_strndup(b->rules->arena, name, len), NULL, 0};
	slot = (long)b->variables.n;
	if (!v.name || JX_VEC_PUSH(b->variables, v) != 0 ||
	    jx_strmap_put(&b->rules->variable_map, v.name, len, slot) < 0)
		return -1;
	return slot;
}

long jx_builder_indicator(void *builder, const char *id, size_t len)
{
	jx_rules_builder *b = builder;
	return jx_strmap_get(&b->rules->indicator_map, id, len);
}

const char *jx_builder_path_key(jx_rules_builder *b, const char *const *path, size_t depth)
{
	jx_buf key = {0};
	for (size_t i = 0; i < depth; i++) {
		if (i)
			jx_buf_putc(&key, '/');
		jx_buf_puts(&key, path[i]);
	}
	const char *out = key.failed ? NULL : jx_arena_strdup(b->rules->arena, jx_buf_cstr(&key));
	jx_buf_free(&key);
	return out;
}

int jx_builder_path(jx_rules_builder *b, struct fy_node *node, const char ***out, size_t *depth)
{
	int n = jx_ysequence(&b->y, node, "path");
	if (n < 0)
		return -1;
	const char **path = jx_arena_alloc(b->rules->arena, sizeof(char *) * (size_t)(n + 1));
	if (!path)
		return -1;
	void *iter = NULL;
	struct fy_node *item;
	int i = 0;
	while ((item = fy_node_sequence_iterate(node, &iter)) != NULL) {
		const char *s = jx_ystring(&b->y, item, "a path element");
		if (!s)
			return -1;
		if (!*s || strchr(s, '/')) {
			jx_yerror(&b->y, item, (jx_loc){0},
			          "a path element must be a non-empty "
			          "name without '/'");
			return -1;
		}
		path[i++] = s;
	}
	*out = path;
	*depth = (size_t)i;
	return 0;
}

void jx_builder_error_in_scalar(jx_rules_builder *b, struct fy_node *node, size_t offset,
                                const char *fmt, ...)
{
	size_t len = 0;
	const char *src = fy_node_get_scalar(node, &len);
	jx_loc loc = jx_ynode_loc(&b->y, node, (jx_loc){b->y.file, 0, 0, NULL});
	enum fy_node_style style = fy_node_get_style(node);
	/* In a one-line plain or simply quoted scalar the offset maps to a
	 * column (a quoted one's text starts after its quote); otherwise point
	 * at the value's start. */
	int quoted = style == FYNS_SINGLE_QUOTED || style == FYNS_DOUBLE_QUOTED;
	int simple =
	    style == FYNS_PLAIN || (style == FYNS_SINGLE_QUOTED && !memchr(src, '\'', len)) ||
	    (style == FYNS_DOUBLE_QUOTED && !memchr(src, '\\', len) && !memchr(src, '"', len));
	if (src && simple && offset <= len && !memchr(src, '\n', len)) {
		loc.col += quoted;
		for (size_t i = 0; i < offset; i++)
			if (((unsigned char)src[i] & 0xC0) != 0x80)
				loc.col++;
	}
	jx_buf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	jx_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	jx_diag_error(b->y.diags, loc, "%s", jx_buf_cstr(&msg));
	jx_buf_free(&msg);
	b->y.errors++;
}

jx_program *jx_builder_compile(jx_rules_builder *b, struct fy_node *node, const char *what,
                               const jx_expr_env *env)
{
	size_t len;
	const char *src = jx_yscalar(&b->y, node, what, &len);
	if (!src)
		return NULL;
	jx_program *p = NULL;
	jx_expr_error err = {0};
	if (jx_expr_compile(&p, src, len, env, &err) == 0)
		return p;
	jx_builder_error_in_scalar(b, node, err.offset, "in %s: %s", what, err.message);
	return NULL;
}

/* ---- top-level sections ---------------------------------------------------- */

/* `effective: {from: 2024-01-01, to: 2024-12-31}`: read and checked here;
 * choosing among several years' rules is the rule-changes work (docs/rule-changes.md). */
static void load_effective(jx_rules_builder *b, struct fy_node *node)
{
	struct fy_node *from = NULL, *to = NULL;
	const jx_ykey keys[] = {{"from", &from}, {"to", &to}, {NULL, NULL}};
	if (jx_ymapping(&b->y, node, "effective", keys) != 0)
		return;
	const char *f = from ? jx_ystring(&b->y, from, "effective from") : NULL;
	const char *t = to ? jx_ystring(&b->y, to, "effective to") : NULL;
	if (f && !jx_valid_date(f))
		jx_yerror(&b->y, from, (jx_loc){0}, "a date must be written YYYY-MM-DD");
	if (t && !jx_valid_date(t))
		jx_yerror(&b->y, to, (jx_loc){0}, "a date must be written YYYY-MM-DD");
	if (f && t && jx_valid_date(f) && jx_valid_date(t) && strcmp(f, t) > 0)
		jx_yerror(&b->y, node, (jx_loc){0}, "effective 'from' is after 'to'");
	b->rules->effective_from = f;
	b->rules->effective_to = t;
}

static void load_header(jx_rules_builder *b, struct fy_node *version, struct fy_node *ruleset)
{
	jx_rules *r = b->rules;
	if (!version) {
		jx_diag_error(b->y.diags, (jx_loc){b->y.file, 1, 1, NULL},
		              "missing 'jixiao: 1' (the rule format version)");
		b->y.errors++;
	} else {
		size_t n;
		const char *v = jx_yscalar(&b->y, version, "jixiao", &n);
		if (v && !(n == 1 && v[0] == '1'))
			jx_yerror(&b->y, version, (jx_loc){0},
			          "unsupported rule format version '%.*s' (this jixiao reads 1)",
			          jx_utf8_clip(v, n, 20), v);
	}
	struct fy_node *id = NULL, *name = NULL, *ver = NULL, *effective = NULL;
	const jx_ykey keys[] = {{"id", &id},
	                        {"name", &name},
	                        {"version", &ver},
	                        {"effective", &effective},
	                        {NULL, NULL}};
	if (!ruleset)
		return;
	if (jx_ymapping(&b->y, ruleset, "ruleset", keys) != 0)
		return;
	if (!id)
		jx_yerror(&b->y, ruleset, (jx_loc){0}, "ruleset needs an 'id'");
	else
		r->id = jx_ystring(&b->y, id, "ruleset id");
	r->name = name ? jx_ystring(&b->y, name, "ruleset name") : "";
	r->version = ver ? jx_ystring(&b->y, ver, "ruleset version") : "";
	if (effective)
		load_effective(b, effective);
}

static void load_grades(jx_rules_builder *b, struct fy_node *list)
{
	if (jx_ysequence(&b->y, list, "grades") < 0)
		return;
	b->grades.n = 0; /* a later file's (a child's) grades replace the base's */
	void *iter = NULL;
	struct fy_node *item;
	double previous = INFINITY;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct fy_node *grade = NULL, *min = NULL;
		const jx_ykey keys[] = {{"grade", &grade}, {"min", &min}, {NULL, NULL}};
		if (jx_ymapping(&b->y, item, "a grade band", keys) != 0)
			continue;
		jx_grade_band band = {0};
		band.loc = jx_ynode_loc(&b->y, item, (jx_loc){0});
		if (!grade || !min) {
			jx_yerror(&b->y, item, (jx_loc){0}, "a grade band needs 'grade' and 'min'");
			continue;
		}
		band.grade = jx_ystring(&b->y, grade, "grade");
		if (!band.grade || jx_ynumber(&b->y, min, "grade min", &band.min) != 0)
			continue;
		if (band.min >= previous)
			jx_yerror(&b->y, min, (jx_loc){0},
			          "grade bands must be listed from the highest min down");
		previous = band.min;
		if (JX_VEC_PUSH(b->grades, band) != 0)
			b->y.errors++;
	}
}

static void load_groups(jx_rules_builder *b, struct fy_node *list)
{
	if (jx_ysequence(&b->y, list, "groups") < 0)
		return;
	void *iter = NULL;
	struct fy_node *item;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct fy_node *path = NULL, *weight = NULL, *name = NULL;
		const jx_ykey keys[] = {
		    {"path", &path}, {"weight", &weight}, {"name", &name}, {NULL, NULL}};
		if (jx_ymapping(&b->y, item, "a group", keys) != 0)
			continue;
		const char **elems;
		size_t depth;
		if (!path) {
			jx_yerror(&b->y, item, (jx_loc){0}, "a group needs a 'path'");
			continue;
		}
		if (jx_builder_path(b, path, &elems, &depth) != 0)
			continue;
		if (depth == 0) {
			jx_yerror(&b->y, path, (jx_loc){0}, "a group's path must not be empty");
			continue;
		}
		jx_loc loc = jx_ynode_loc(&b->y, item, (jx_loc){0});
		size_t before = b->groups.n;
		long g = jx_builder_group(b, elems, depth, loc);
		if (g < 0) {
			b->y.errors++;
			continue;
		}
		jx_group *grp = &b->groups.items[g];
		if ((size_t)g < before && grp->has_weight && grp->loc.file == b->y.file) {
			jx_yerror(&b->y, path, (jx_loc){0}, "group '%s' is declared twice",
			          grp->key);
			continue;
		}
		grp->loc = loc;
		if (weight) {
			if (jx_ynumber(&b->y, weight, "group weight", &grp->weight) != 0)
				continue;
			if (grp->weight < 0)
				jx_yerror(&b->y, weight, (jx_loc){0},
				          "a weight must not be negative");
			grp->has_weight = 1;
		}
	}
}

static void load_units(jx_rules_builder *b, struct fy_node *list)
{
	if (jx_ysequence(&b->y, list, "units") < 0)
		return;
	void *iter = NULL;
	struct fy_node *item;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		const char *name = jx_ystring(&b->y, item, "a unit");
		if (!name)
			continue;
		jx_unit u = {name, JX_DIM_OWN, 1.0};
		if (!*name || JX_VEC_PUSH(b->units, u) != 0)
			jx_yerror(&b->y, item, (jx_loc){0}, "a unit must be a non-empty name");
	}
}

/* `variables: {spend.total: 万元, staff.in_post: {unit: 人, name: 在职人数}}`:
 * the unit a department's figure is converted into (and checked against). */
static void load_variables(jx_rules_builder *b, struct fy_node *map)
{
	if (!fy_node_is_mapping(map)) {
		jx_yerror(&b->y, map, (jx_loc){0},
		          "variables must map each variable name to its unit");
		return;
	}
	void *iter = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		struct fy_node *key = fy_node_pair_key(pair), *v = fy_node_pair_value(pair);
		const char *name = jx_ystring(&b->y, key, "a variable name");
		if (!name)
			continue;
		struct fy_node *unit = v, *label = NULL;
		if (v && fy_node_is_mapping(v)) {
			const jx_ykey keys[] = {{"unit", &unit}, {"name", &label}, {NULL, NULL}};
			jx_ymapping(&b->y, v, "a variable", keys);
		}
		if (!unit)
			continue;
		const char *u = jx_ystring(&b->y, unit, "a variable's unit");
		const jx_unit *found = u ? jx_unit_find(&b->rules->units, u, strlen(u)) : NULL;
		if (u && !found) {
			jx_yerror(&b->y, unit, (jx_loc){0},
			          "unknown unit '%s' (add it to the rule set's 'units:' list)", u);
			continue;
		}
		long slot = jx_builder_variable(b, name, strlen(name));
		if (slot < 0) {
			b->y.errors++;
			continue;
		}
		if (b->variables.items[slot].unit && b->variables.items[slot].unit != found)
			jx_yerror(&b->y, key, (jx_loc){0}, "variable '%s' is declared twice", name);
		b->variables.items[slot].unit = found;
	}
}

static void load_options(jx_rules_builder *b, struct fy_node *precision, struct fy_node *weights,
                         struct fy_node *budget, struct fy_node *execution)
{
	jx_rules *r = b->rules;
	if (precision) {
		double p;
		if (jx_ynumber(&b->y, precision, "precision", &p) == 0) {
			if (p < 0 || p > 6 || p != floor(p))
				jx_yerror(&b->y, precision, (jx_loc){0},
				          "precision must be a whole number from 0 to 6");
			else
				r->precision = (int)p;
		}
	}
	if (weights) {
		size_t n;
		const char *w = jx_yscalar(&b->y, weights, "weights", &n);
		if (w && n == 4 && memcmp(w, "free", 4) == 0)
			r->weights_free = 1;
		else if (w && !(n == 7 && memcmp(w, "checked", 7) == 0))
			jx_yerror(&b->y, weights, (jx_loc){0},
			          "weights must be 'free' or 'checked'");
	}
	if (budget)
		r->budget_variable = jx_ystring(&b->y, budget, "budget_variable");
	if (execution)
		r->execution_indicator = jx_ystring(&b->y, execution, "execution_indicator");
}

/* `removed_weights: [{path, weight}]`, as `check --print` writes the points
 * of indicators removed from a base, so the printed rules load alike. */
static void load_removed_weights(jx_rules_builder *b, struct fy_node *list)
{
	if (jx_ysequence(&b->y, list, "removed_weights") < 0)
		return;
	void *iter = NULL;
	struct fy_node *item;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct fy_node *path = NULL, *weight = NULL;
		const jx_ykey keys[] = {{"path", &path}, {"weight", &weight}, {NULL, NULL}};
		const char **parts;
		size_t depth = 0;
		jx_removed_weight rw = {"", 0};
		if (jx_ymapping(&b->y, item, "a removed weight", keys) != 0 || !weight ||
		    jx_ynumber(&b->y, weight, "weight", &rw.weight) != 0)
			continue;
		if (path && jx_builder_path(b, path, &parts, &depth) == 0) {
			rw.path_key = jx_builder_path_key(b, parts, depth);
		}
		if (!rw.path_key || JX_VEC_PUSH(b->removed, rw) != 0)
			b->y.errors++;
	}
}

/* Where `name:` is written in a mapping (its key's location). */
static jx_loc key_loc(jx_rules_builder *b, struct fy_node *map, const char *name)
{
	void *iter = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		size_t n = 0;
		struct fy_node *key = fy_node_pair_key(pair);
		const char *k = key ? fy_node_get_scalar(key, &n) : NULL;
		if (k && n == strlen(name) && memcmp(k, name, n) == 0)
			return jx_ynode_loc(&b->y, key, (jx_loc){b->y.file, 0, 0, NULL});
	}
	return (jx_loc){b->y.file, 0, 0, NULL};
}

/* Reads one file's top level; indicators and checks wait for pass 3. */
static void load_file_header(jx_rules_builder *b, jx_rule_file *f)
{
	struct fy_node *root = f->root;
	struct fy_node *version = NULL, *ruleset = NULL, *extends = NULL, *grades = NULL,
	               *groups = NULL, *units = NULL, *precision = NULL, *weights = NULL,
	               *budget = NULL, *execution = NULL, *declared = NULL, *variables = NULL,
	               *remove = NULL, *override = NULL, *removed_weights = NULL,
	               *review_codes = NULL, *rounding = NULL;
	const jx_ykey keys[] = {{"jixiao", &version},
	                        {"ruleset", &ruleset},
	                        {"extends", &extends},
	                        {"grades", &grades},
	                        {"groups", &groups},
	                        {"indicators", &f->indicators},
	                        {"checks", &f->checks},
	                        {"units", &units},
	                        {"precision", &precision},
	                        {"weights", &weights},
	                        {"budget_variable", &budget},
	                        {"execution_indicator", &execution},
	                        {"declared", &declared},
	                        {"variables", &variables},
	                        {"remove", &remove},
	                        {"override", &override},
	                        {"removed_weights", &removed_weights},
	                        {"review_codes", &review_codes},
	                        {"rounding", &rounding},
	                        {NULL, NULL}};
	if (jx_ymapping(&b->y, root, "a rule file", keys) != 0)
		return;
	load_header(b, version, ruleset);
	if (ruleset)
		b->has_header = 1;
	/* `extends` is read by rules_source.c, `remove` and `override` by
	 * rules_entries.c */
	(void)extends, (void)remove, (void) override;
	if (declared)
		jx_builder_declared(b, declared); /* a later file's replaces a base's */
	if (removed_weights)
		load_removed_weights(b, removed_weights);
	if (review_codes)
		jx_builder_review_codes(b, review_codes);
	if (rounding)
		jx_builder_rounding(b, rounding);
	if (grades)
		load_grades(b, grades);
	if (units)
		load_units(b, units);
	if (groups)
		load_groups(b, groups);
	load_options(b, precision, weights, budget, execution);
	f->variables = variables;
	if (f->indicators && !b->indicators_loc.line)
		b->indicators_loc = key_loc(b, root, "indicators");
}

/* ---- whole-set validation --------------------------------------------------- */

static void default_grades(jx_rules_builder *b)
{
	static const struct {
		const char *grade;
		double min;
	} official[] = {{"优", 90}, {"良", 80}, {"中", 60}, {"差", 0}};
	for (size_t i = 0; i < 4; i++) {
		jx_grade_band band = {official[i].grade, official[i].min, {b->y.file, 0, 0, NULL}};
		if (JX_VEC_PUSH(b->grades, band) != 0)
			b->y.errors++;
	}
}

/* What a department's own table must add up to: the first-level groups'
 * weights when all have one (100 in the national scheme), else 100; for
 * a rule set without `declared:` rows, its indicators' full mark. */
static double scheme_mark(const jx_rules_builder *b, double full_mark)
{
	if (!b->rules->declared.enabled)
		return full_mark;
	double sum = 0;
	int all = 1, any = 0;
	for (size_t g = 0; g < b->groups.n; g++) {
		const jx_group *grp = &b->groups.items[g];
		if (grp->depth != 1)
			continue;
		any = 1;
		all &= grp->has_weight;
		sum += grp->has_weight ? grp->weight : 0;
	}
	return any && all ? sum : 100;
}

/* How many of a removed indicator's points are rescaled away (docs/
 * rule-changes.md, "remove"): only what its group now falls short of. A
 * child that removes an indicator and adds another in its place (same
 * group, same points) leaves no gap, so nothing is rescaled and the check
 * passes as the rules stand; a child that only removes leaves the gap,
 * rescaled away (按百分制折算) as not applicable. The group is the nearest
 * one with a weight, else the whole (100). */
static double removed_points_kept(const jx_rules_builder *b, const double *sum, double total,
                                  long g, double w)
{
	while (g >= 0 && !b->groups.items[g].has_weight)
		g = b->groups.items[g].parent;
	double gap = g >= 0 ? b->groups.items[g].weight - sum[g] : 100 - total;
	if (b->rules->weights_free)
		gap = w; /* no scheme to fill: every removed point is rescaled away */
	return gap <= 1e-9 ? 0 : gap < w ? gap : w;
}

/* Leaf weights must add up to each weighted group and the whole to 100
 * (docs/rules.md, "Weights"), unless `weights: free`. */
static void check_weights(jx_rules_builder *b)
{
	jx_rules *r = b->rules;
	size_t ng = b->groups.n;
	double *sum = calloc(ng ? ng : 1, sizeof(double));
	if (!sum) {
		b->y.errors++;
		return;
	}
	double total = 0;
	for (size_t i = 0; i < b->indicators.n; i++) {
		const jx_indicator *ind = &b->indicators.items[i];
		total += ind->weight;
		for (long g = ind->group; g >= 0; g = b->groups.items[g].parent)
			sum[g] += ind->weight;
	}
	for (size_t g = 0; g < ng; g++)
		b->groups.items[g].leaf_weight = sum[g];
	for (size_t k = 0; k < b->removed.n; k++) {
		const char *key = b->removed.items[k].path_key;
		long g = *key ? jx_strmap_get(&b->group_map, key, strlen(key)) : -1;
		double w = removed_points_kept(b, sum, total, g, b->removed.items[k].weight);
		b->removed.items[k].weight = w; /* what --print shows and the hash covers */
		for (; g >= 0; g = b->groups.items[g].parent)
			sum[g] += w;
		total += w;
		r->removed_weight += w;
	}
	r->full_mark = total;
	r->scheme_mark = scheme_mark(b, total);
	/* With declared rows the groups are filled per department: checked when
	 * a department is scored. */
	if (!r->weights_free && !r->declared.enabled) {
		for (size_t g = 0; g < ng; g++) {
			const jx_group *grp = &b->groups.items[g];
			if (grp->has_weight && fabs(sum[g] - grp->weight) > 1e-9)
				jx_diag_error(b->y.diags, grp->loc,
				              "the weights under group '%s' add up to %g, but the "
				              "group's weight is %g",
				              grp->key, sum[g], grp->weight),
				    b->y.errors++;
		}
		if (b->indicators.n && fabs(total - 100) > 1e-9) {
			jx_diag_error(b->y.diags, b->indicators_loc,
			              "the indicators' weights add up to %g, not 100 (write "
			              "'weights: free' to allow it)",
			              total);
			b->y.errors++;
		}
	}
	free(sum);
}

/* Orders indicators so each comes after those it references; reports a
 * cycle at the indicator that closes it. Iterative DFS (no recursion a file
 * could overflow). */
static void order_indicators(jx_rules_builder *b)
{
	size_t n = b->indicators.n;
	jx_rules *r = b->rules;
	r->order = jx_arena_alloc(r->arena, sizeof(size_t) * (n ? n : 1));
	unsigned char *state = calloc(n ? n : 1, 1); /* 0 new, 1 on stack, 2 done */
	size_t *stack = malloc(sizeof(size_t) * (n ? n : 1));
	size_t *next = calloc(n ? n : 1, sizeof(size_t));
	if (!r->order || !state || !stack || !next) {
		b->y.errors++;
		goto out;
	}
	size_t emitted = 0;
	for (size_t root = 0; root < n; root++) {
		if (state[root])
			continue;
		size_t top = 0;
		stack[top++] = root;
		state[root] = 1;
		while (top) {
			size_t i = stack[top - 1];
			const jx_indicator *ind = &b->indicators.items[i];
			const long *refs = NULL;
			size_t nrefs =
			    ind->value ? jx_program_indicator_refs(ind->value, &refs) : 0;
			if (next[i] < nrefs) {
				size_t j = (size_t)refs[next[i]++];
				if (state[j] == 1) {
					jx_diag_error(
					    b->y.diags, ind->value_loc,
					    "indicator '%s' refers back to itself through "
					    "'indicator.%s' (a cycle)",
					    ind->id, b->indicators.items[j].id);
					b->y.errors++;
				} else if (state[j] == 0) {
					state[j] = 1;
					stack[top++] = j;
				}
				continue;
			}
			state[i] = 2;
			r->order[emitted++] = i;
			top--;
		}
	}
out:
	free(state);
	free(stack);
	free(next);
}

/* A variable that is exactly an indicator's value takes its unit, and its
 * words when the indicator is qualitative (a word target, or a method that
 * scores words: grade). */
static void infer_variable_units(jx_rules_builder *b)
{
	for (size_t i = 0; i < b->indicators.n; i++) {
		const jx_indicator *ind = &b->indicators.items[i];
		long slot;
		if (!ind->value || !jx_program_is_variable(ind->value, &slot))
			continue;
		jx_variable *v = &b->variables.items[slot];
		if (ind->unit && !v->unit)
			v->unit = ind->unit;
		if ((jx_method_desc_of(ind->method.kind)->flags & JX_METHOD_WORDS) ||
		    (ind->has_target && ind->target.cmp == JX_CMP_WORD))
			v->accepts_words = 1;
	}
}

static void check_options(jx_rules_builder *b)
{
	jx_rules *r = b->rules;
	if (r->execution_indicator && jx_strmap_get(&r->indicator_map, r->execution_indicator,
	                                            strlen(r->execution_indicator)) < 0) {
		jx_diag_error(b->y.diags, (jx_loc){b->y.file, 0, 0, NULL},
		              "execution_indicator '%s' is not an indicator of this rule set",
		              r->execution_indicator);
		b->y.errors++;
	}
	if (r->budget_variable)
		jx_builder_variable(b, r->budget_variable, strlen(r->budget_variable));
}

/* Moves the builder's growable arrays into the rule set. */
static void finish(jx_rules_builder *b)
{
	jx_rules *r = b->rules;
	r->groups = b->groups.items;
	r->n_groups = b->groups.n;
	r->indicators = b->indicators.items;
	r->n_indicators = b->indicators.n;
	r->checks = b->checks.items;
	r->n_checks = b->checks.n;
	r->variables = b->variables.items;
	r->n_variables = b->variables.n;
	r->grades = b->grades.items;
	r->n_grades = b->grades.n;
	r->extra_units = b->units.items;
	memset(&b->groups, 0, sizeof(b->groups));
	memset(&b->indicators, 0, sizeof(b->indicators));
	memset(&b->checks, 0, sizeof(b->checks));
	memset(&b->variables, 0, sizeof(b->variables));
	memset(&b->grades, 0, sizeof(b->grades));
	memset(&b->units, 0, sizeof(b->units));
	r->variable_names = jx_arena_alloc(r->arena, sizeof(char *) * (r->n_variables + 1));
	r->indicator_ids = jx_arena_alloc(r->arena, sizeof(char *) * (r->n_indicators + 1));
	if (r->variable_names)
		for (size_t i = 0; i < r->n_variables; i++)
			r->variable_names[i] = r->variables[i].name;
	if (r->indicator_ids)
		for (size_t i = 0; i < r->n_indicators; i++)
			r->indicator_ids[i] = r->indicators[i].id;
}

/* ---- orchestration ------------------------------------------------------------ */

static void read_headers(jx_rules_builder *b, jx_rule_files *files)
{
	for (size_t i = 0; i < files->n; i++) {
		jx_rule_file *f = &files->items[i];
		if (!f->in_force)
			continue;
		b->y.file = f->file;
		load_file_header(b, f);
	}
	b->rules->units.extra = b->units.items;
	b->rules->units.n_extra = b->units.n;
	for (size_t i = 0; i < files->n; i++) {
		jx_rule_file *f = &files->items[i];
		b->y.file = f->file;
		if (f->in_force && f->variables)
			load_variables(b, f->variables);
	}
	b->y.file = files->items[files->n - 1].file;
	if (!b->has_header) {
		jx_diag_error(b->y.diags, (jx_loc){b->y.file, 1, 1, NULL},
		              "missing 'ruleset:' (id, name, version)");
		b->y.errors++;
	}
	if (!b->grades.n)
		default_grades(b);
}

/* The file a node's document was read from (nodes of a base and of the
 * child that overrides it meet in one indicator). */
static const char *file_of_document(void *ctx, struct fy_document *doc)
{
	const jx_rule_files *files = ctx;
	for (size_t i = 0; i < files->n; i++)
		if (files->items[i].doc == doc)
			return files->items[i].file;
	return NULL;
}

static int build(jx_rules *r, jx_rule_files *files, int year)
{
	jx_rules_builder *b = r->builder;
	b->y.file_of = file_of_document;
	b->y.file_ctx = files;
	if (b->y.errors || files->n == 0)
		goto out;
	r->year = jx_rule_files_select(b, files, year);
	size_t in_force = 0;
	for (size_t i = 0; i < files->n; i++)
		in_force += files->items[i].in_force;
	if (!in_force) {
		jx_diag_error(b->y.diags, (jx_loc){r->source, 0, 0, NULL},
		              "no rule file is in force for %d", year);
		b->y.errors++;
		goto out;
	}
	read_headers(b, files);
	jx_builder_entries(b, files, r->year);
	jx_builder_collect_ids(b);
	jx_builder_indicators(b);
	jx_builder_checks(b);
	b->y.file = files->items[files->n - 1].file;
	if (!b->y.errors && !b->indicators.n && !r->declared.enabled) {
		jx_diag_error(b->y.diags, (jx_loc){b->y.file, 0, 0, NULL},
		              "the rule set has no indicators in force%s",
		              r->year ? " for the year chosen" : "");
		b->y.errors++;
	}
	if (!b->y.errors) {
		check_weights(b);
		order_indicators(b);
		infer_variable_units(b);
		check_options(b);
	}
out:
	finish(b);
	free(b->units.items);
	free(b->indicator_entries.items);
	free(b->check_entries.items);
	r->removed = b->removed.items; /* owned by the rule set from here */
	r->n_removed = b->removed.n;
	jx_strmap_free(&b->group_map);
	if (!b->y.errors)
		jx_rules_hash(r);
	return b->y.errors ? JX_ERULES : JX_OK;
}

static jx_rules *rules_new(const char *source)
{
	jx_rules *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->arena = jx_arena_new();
	if (!r->arena) {
		free(r);
		return NULL;
	}
	r->source = jx_arena_strdup(r->arena, source);
	r->precision = 2;
	r->id = r->name = r->version = "";
	return r;
}

typedef struct {
	const char *path; /* a file or folder, or */
	const char *name; /* a buffer's name */
	const char *data;
	size_t len;
} rules_input;

static int load(jx_rules **out, const rules_input *in, int year, jx_diagnostics *diags)
{
	*out = NULL;
	jx_gsl_quiet();
	jx_rules *r = rules_new(in->path ? in->path : in->name);
	if (!r)
		return JX_ENOMEM;
	jx_rules_builder b = {0};
	b.rules = r;
	b.y.diags = diags;
	b.y.arena = r->arena;
	r->builder = &b;
	jx_rule_files files = {0};
	int rc = in->path ? jx_rule_files_gather(&b, &files, in->path)
	                  : jx_rule_files_add_buffer(&b, &files, in->name, in->data, in->len);
	if (rc == JX_ENOMEM) {
		b.y.errors++;
	} else if (rc == JX_EIO && files.n == 0) {
		jx_rule_files_free(&files);
		r->builder = NULL;
		free(b.units.items);
		jx_rules_free(r);
		return JX_EIO;
	}
	rc = build(r, &files, year);
	jx_rule_files_free(&files);
	r->builder = NULL;
	if (rc != JX_OK) {
		jx_rules_free(r);
		return rc;
	}
	*out = r;
	return JX_OK;
}

int jx_rules_open(jx_rules **out, const jx_rules_options *opts, jx_diagnostics *diags)
{
	if (!out || !opts || opts->version > JX_RULES_OPTIONS_VERSION || opts->year < 0 ||
	    (!opts->path && !opts->text && opts->text_len))
		return JX_EINVAL;
	*out = NULL;
	if (opts->path)
		return load(out, &(rules_input){opts->path, NULL, NULL, 0}, opts->year, diags);
	rules_input in = {NULL, opts->name ? opts->name : "rules", opts->text ? opts->text : "",
	                  opts->text_len};
	return load(out, &in, opts->year, diags);
}

int jx_rules_load(jx_rules **out, const char *path, jx_diagnostics *diags)
{
	if (!path)
		return JX_EINVAL;
	jx_rules_options opts = JX_RULES_OPTIONS_INIT;
	opts.path = path;
	return jx_rules_open(out, &opts, diags);
}

void jx_rules_free(jx_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_indicators; i++) {
		jx_indicator *ind = &r->indicators[i];
		jx_program_free(ind->value);
		jx_program_free(ind->target_value);
		jx_program_free((jx_program *)ind->method.expr);
		jx_method_release(&ind->method);
	}
	for (int k = 0; k < JX_METHOD_COUNT_; k++)
		jx_method_release(&r->declared.methods[k]);
	for (size_t i = 0; i < r->n_checks; i++) {
		jx_program_free(r->checks[i].lhs);
		jx_program_free(r->checks[i].rhs);
	}
	free(r->indicators);
	free(r->checks);
	free(r->groups);
	free(r->variables);
	free(r->grades);
	free(r->extra_units);
	free(r->removed);
	jx_strmap_free(&r->variable_map);
	jx_strmap_free(&r->indicator_map);
	jx_arena_free(r->arena);
	free(r);
}
