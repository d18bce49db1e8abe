/*
 * rules_indicator.c - the `indicators:` and `checks:` sections of a rule set:
 * each indicator's path, weight, value expression, unit, target literal,
 * scoring method and its parameters; each check's rule.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/utf8.h"
#include "rules_build.h"

static const char *const method_locals[] = {"a", "t", "w", "c", NULL};

static int valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* ---- pass 2: ids ---------------------------------------------------------- */

void jx_builder_collect_ids(jx_rules_builder *b)
{
	for (size_t k = 0; k < b->indicator_entries.n; k++) {
		const jx_rule_entry *e = &b->indicator_entries.items[k];
		jx_indicator ind = {0};
		b->y.file = e->file->file;
		ind.loc = jx_ynode_loc(&b->y, e->node, (jx_loc){b->y.file, 0, 0, NULL});
		ind.id = "";
		ind.tolerance = -1;
		struct fy_node *id = fy_node_is_mapping(e->node)
		                         ? fy_node_mapping_lookup_by_string(e->node, "id", FY_NT)
		                         : NULL;
		const char *s = id ? jx_ystring(&b->y, id, "indicator id") : NULL;
		if (s && !valid_id(s)) {
			jx_yerror(&b->y, id, (jx_loc){0},
			          "indicator id '%s' may only hold a-z, 0-9 and _", s);
		} else if (s) {
			/* duplicates were reported when the entries were made; the
			 * first definition keeps the id */
			ind.id = s;
			if (jx_strmap_get(&b->rules->indicator_map, s, strlen(s)) < 0)
				jx_strmap_put(&b->rules->indicator_map, s, strlen(s),
				              (long)b->indicators.n);
		}
		if (JX_VEC_PUSH(b->indicators, ind) != 0)
			b->y.errors++;
	}
}

/* ---- parameters ------------------------------------------------------------- */

/* A parameter number as finance staff write it: 0.3, 30%, 1‰. */
int jx_builder_number(jx_rules_builder *b, struct fy_node *node, const char *what, double *out)
{
	size_t len;
	const char *s = jx_yscalar(&b->y, node, what, &len);
	if (!s)
		return -1;
	jx_value_lit lit;
	jx_lit_error err;
	if (jx_value_parse(&lit, s, len, &b->rules->units, &err) != 0 ||
	    lit.kind != JX_LIT_NUMBER) {
		jx_yerror(&b->y, node, (jx_loc){0}, "%s must be a number (such as 0.3 or 30%%)",
		          what);
		return -1;
	}
	*out = lit.num;
	return 0;
}

static int read_pair(jx_rules_builder *b, struct fy_node *node, const char *what, double *x,
                     double *y)
{
	if (jx_ysequence(&b->y, node, what) != 2) {
		if (fy_node_is_sequence(node))
			jx_yerror(&b->y, node, (jx_loc){0}, "%s must be a pair [x, y]", what);
		return -1;
	}
	if (jx_builder_number(b, fy_node_sequence_get_by_index(node, 0), what, x) != 0)
		return -1;
	return jx_builder_number(b, fy_node_sequence_get_by_index(node, 1), what, y);
}

static void load_linear_points(jx_rules_builder *b, jx_curve *curve, struct fy_node *node)
{
	int n = jx_ysequence(&b->y, node, "points");
	if (n < 0)
		return;
	double *xs = jx_arena_alloc(b->rules->arena, sizeof(double) * (size_t)(n + 1));
	double *ys = jx_arena_alloc(b->rules->arena, sizeof(double) * (size_t)(n + 1));
	if (!xs || !ys) {
		b->y.errors++;
		return;
	}
	for (int i = 0; i < n; i++) {
		struct fy_node *pair = fy_node_sequence_get_by_index(node, i);
		if (read_pair(b, pair, "a point [completion, fraction]", &xs[i], &ys[i]) != 0)
			return;
		if (i > 0 && !(xs[i] > xs[i - 1])) {
			jx_yerror(&b->y, pair, (jx_loc){0},
			          "linear points must have increasing completions (%g after %g)",
			          xs[i], xs[i - 1]);
			return;
		}
	}
	curve->x = xs;
	curve->y = ys;
	curve->n = (size_t)n;
}

static void load_band(jx_rules_builder *b, jx_band *band, struct fy_node *item)
{
	struct fy_node *min = NULL, *max = NULL, *gt = NULL, *lt = NULL, *fraction = NULL,
	               *points = NULL;
	const jx_ykey keys[] = {{"min", &min}, {"max", &max},           {"gt", &gt},
	                        {"lt", &lt},   {"fraction", &fraction}, {"points", &points},
	                        {NULL, NULL}};
	if (jx_ymapping(&b->y, item, "a band", keys) != 0)
		return;
	if ((min && gt) || (max && lt))
		jx_yerror(&b->y, item, (jx_loc){0},
		          "a band takes either min or gt, and either max or lt");
	if (min || gt) {
		band->has_min = jx_builder_number(b, min ? min : gt, "band min", &band->min) == 0;
		band->min_open = gt != NULL;
	}
	if (max || lt) {
		band->has_max = jx_builder_number(b, max ? max : lt, "band max", &band->max) == 0;
		band->max_open = lt != NULL;
	}
	if ((fraction != NULL) == (points != NULL))
		jx_yerror(&b->y, item, (jx_loc){0},
		          "a band needs exactly one of fraction or points");
	else if (fraction)
		jx_builder_number(b, fraction, "band fraction", &band->fraction);
	else
		band->has_points = jx_builder_number(b, points, "band points", &band->points) == 0;
}

static void load_bands(jx_rules_builder *b, jx_band_list *out, struct fy_node *node)
{
	int n = jx_ysequence(&b->y, node, "bands");
	if (n < 0)
		return;
	jx_band *bands = jx_arena_alloc(b->rules->arena, sizeof(jx_band) * (size_t)(n + 1));
	if (!bands) {
		b->y.errors++;
		return;
	}
	for (int i = 0; i < n; i++)
		load_band(b, &bands[i], fy_node_sequence_get_by_index(node, i));
	out->items = bands;
	out->n = (size_t)n;
}

void jx_builder_levels(jx_rules_builder *b, jx_level_list *out, struct fy_node *node)
{
	if (!fy_node_is_mapping(node)) {
		jx_yerror(&b->y, node, (jx_loc){0},
		          "levels must map each word to a fraction or a [low, high] band");
		return;
	}
	int n = fy_node_mapping_item_count(node);
	jx_level *levels = jx_arena_alloc(b->rules->arena, sizeof(jx_level) * (size_t)(n + 1));
	if (!levels) {
		b->y.errors++;
		return;
	}
	void *iter = NULL;
	struct fy_node_pair *pair;
	size_t i = 0;
	while ((pair = fy_node_mapping_iterate(node, &iter)) != NULL) {
		jx_level *lv = &levels[i];
		lv->word = jx_ystring(&b->y, fy_node_pair_key(pair), "a level word");
		if (!lv->word)
			continue;
		lv->word_len = strlen(lv->word);
		struct fy_node *v = fy_node_pair_value(pair);
		if (v && fy_node_is_mapping(v)) {
			/* {band: [low, high], fraction: f}: the official band, and the
			 * fraction used when the department gives none */
			struct fy_node *band = NULL, *fraction = NULL;
			const jx_ykey keys[] = {
			    {"band", &band}, {"fraction", &fraction}, {NULL, NULL}};
			if (jx_ymapping(&b->y, v, "a level", keys) != 0)
				continue;
			if (band &&
			    read_pair(b, band, "a level band [low, high]", &lv->lo, &lv->hi) != 0)
				continue;
			lv->has_range = band != NULL;
			lv->fraction = lv->hi;
			if (fraction) {
				if (jx_builder_number(b, fraction, "a level fraction",
				                      &lv->fraction) != 0)
					continue;
				lv->has_fraction = 1;
			} else if (!band) {
				jx_yerror(&b->y, v, (jx_loc){0},
				          "a level needs a band or a fraction");
				continue;
			}
		} else if (v && fy_node_is_sequence(v)) {
			if (read_pair(b, v, "a level band [low, high]", &lv->lo, &lv->hi) != 0)
				continue;
			lv->has_range = 1;
			lv->fraction = lv->hi;
		} else if (jx_builder_number(b, v, "a level fraction", &lv->fraction) != 0) {
			continue;
		}
		i++;
	}
	out->items = levels;
	out->n = i;
}

void jx_builder_overshoot(jx_rules_builder *b, jx_overshoot *out, struct fy_node *node)
{
	struct fy_node *above = NULL, *floor_ = NULL;
	const jx_ykey keys[] = {{"above", &above}, {"floor", &floor_}, {NULL, NULL}};
	if (jx_ymapping(&b->y, node, "overshoot", keys) != 0)
		return;
	if (!above) {
		jx_yerror(&b->y, node, (jx_loc){0}, "overshoot needs 'above'");
		return;
	}
	out->set = jx_builder_number(b, above, "overshoot above", &out->above) == 0;
	if (floor_)
		jx_builder_number(b, floor_, "overshoot floor", &out->floor);
}

/* ---- pass 3: one indicator --------------------------------------------------- */

/* `aliases: [预算资金执行率, 资金执行率]`: other names a department's table
 * gives the indicator; a row under any of them is this indicator's row
 * (docs/rules.md, "Indicator keys"). One name may be written alone. */
static void load_aliases(jx_rules_builder *b, jx_indicator *ind, struct fy_node *node)
{
	if (fy_node_is_scalar(node)) {
		const char *s = jx_ystring(&b->y, node, "alias");
		ind->aliases = s ? jx_arena_alloc(b->rules->arena, sizeof(char *)) : NULL;
		if (ind->aliases) {
			ind->aliases[0] = s;
			ind->n_aliases = 1;
		}
		return;
	}
	int n = jx_ysequence(&b->y, node, "aliases");
	if (n <= 0)
		return;
	ind->aliases = jx_arena_alloc(b->rules->arena, sizeof(char *) * (size_t)n);
	if (!ind->aliases)
		return;
	void *iter = NULL;
	struct fy_node *item;
	while ((item = fy_node_sequence_iterate(node, &iter)) != NULL) {
		const char *s = jx_ystring(&b->y, item, "alias");
		if (s && *s)
			ind->aliases[ind->n_aliases++] = s;
		else if (s)
			jx_yerror(&b->y, item, (jx_loc){0}, "an alias must not be empty");
	}
}

typedef struct {
	struct fy_node *id, *name, *aliases, *path, *weight, *value, *unit, *target, *target_value,
	    *method, *tolerance, *on_missing, *description, *effective;
	/* a method parameter's node, under the first parameter with its key */
	struct fy_node *param[JX_PARAM_COUNT_];
} indicator_nodes;

static void load_unit(jx_rules_builder *b, jx_indicator *ind, struct fy_node *node)
{
	ind->unit_name = "";
	if (!node)
		return;
	const char *u = jx_ystring(&b->y, node, "unit");
	if (!u)
		return;
	ind->unit_name = u;
	ind->unit = jx_unit_find(&b->rules->units, u, strlen(u));
	if (!ind->unit)
		jx_yerror(&b->y, node, (jx_loc){0},
		          "unknown unit '%s' (add it to the rule set's 'units:' list)", u);
}

static void report_literal_error(jx_rules_builder *b, struct fy_node *node, const char *src,
                                 size_t len, const jx_lit_error *err, const char *what)
{
	jx_builder_error_in_scalar(b, node, err->offset, "in %s '%.*s': %s", what,
	                           jx_utf8_clip(src, len, 80), src, err->message);
}

static void load_target(jx_rules_builder *b, jx_indicator *ind, struct fy_node *node)
{
	ind->target_src = "";
	if (!node)
		return;
	size_t len;
	const char *s = jx_yscalar(&b->y, node, "target", &len);
	if (!s)
		return;
	ind->target_src = jx_arena_strndup(b->rules->arena, s, len);
	ind->target_loc = jx_ynode_loc(&b->y, node, (jx_loc){0});
	jx_lit_error err = {0};
	if (jx_target_parse(&ind->target, ind->target_src, len, &b->rules->units, &err) != 0) {
		report_literal_error(b, node, s, len, &err, "target");
		return;
	}
	ind->has_target = 1;
	if (ind->target.cmp == JX_CMP_WORD)
		return;
	double lo, hi;
	if (jx_unit_convert(&lo, ind->target.lo, ind->target.unit, ind->unit) != 0 ||
	    jx_unit_convert(&hi, ind->target.hi, ind->target.unit, ind->unit) != 0) {
		jx_yerror(&b->y, node, (jx_loc){0},
		          "the target's unit '%s' does not fit the indicator's unit '%s'",
		          ind->target.unit->name, ind->unit_name);
		return;
	}
	ind->target.lo = lo;
	ind->target.hi = hi;
}

static void load_on_missing(jx_rules_builder *b, jx_indicator *ind, struct fy_node *node)
{
	size_t n;
	const char *s = jx_yscalar(&b->y, node, "on_missing", &n);
	if (!s)
		return;
	if (n == 4 && memcmp(s, "zero", 4) == 0)
		ind->on_missing = JX_ON_MISSING_ZERO;
	else if (n == 7 && memcmp(s, "exclude", 7) == 0)
		ind->on_missing = JX_ON_MISSING_EXCLUDE;
	else if (n == 5 && memcmp(s, "error", 5) == 0)
		ind->on_missing = JX_ON_MISSING_ERROR;
	else
		jx_yerror(&b->y, node, (jx_loc){0}, "on_missing must be zero, exclude or error");
}

static void load_method_kind(jx_rules_builder *b, jx_indicator *ind, const indicator_nodes *k)
{
	jx_method *m = &ind->method;
	if (k->method) {
		size_t n;
		const char *s = jx_yscalar(&b->y, k->method, "method", &n);
		int kind = s ? jx_method_from_name(s, n) : -1;
		if (s && kind < 0) {
			char names[256];
			jx_method_names(names, sizeof(names), 0, NULL);
			jx_yerror(&b->y, k->method, (jx_loc){0}, "unknown method '%.*s' (%s)",
			          jx_utf8_clip(s, n, 40), s, names);
		}
		m->kind = kind < 0 ? JX_METHOD_RATIO : (jx_method_kind)kind;
		ind->method_explicit = 1;
	} else if (ind->has_target) {
		m->kind = jx_method_default_for(ind->target.cmp);
	} else {
		m->kind = JX_METHOD_RATIO;
	}
	ind->method_name = jx_method_name(m->kind);
}

/* The first parameter with p's YAML key: its node is the key's (`points`
 * is two parameters, linear's and deduct's). */
static int key_owner(int p)
{
	for (int q = 0; q < p; q++)
		if (strcmp(jx_params[q].key, jx_params[p].key) == 0)
			return q;
	return p;
}

/* The parameters written with p's key. */
static uint32_t same_key(int p)
{
	uint32_t set = 0;
	for (int q = 0; q < JX_PARAM_COUNT_; q++)
		if (strcmp(jx_params[q].key, jx_params[p].key) == 0)
			set |= JX_PARAM_BIT(q);
	return set;
}

/* Whether a method of this kind reads some parameter in `set`. */
static int reads_any(jx_method_kind kind, uint32_t set)
{
	for (int q = 0; q < JX_PARAM_COUNT_; q++)
		if ((set & JX_PARAM_BIT(q)) && jx_method_reads(kind, (jx_param)q))
			return 1;
	return 0;
}

/* A parameter that belongs to other methods is refused at its key, so a
 * typo such as `cap:` on an inverse indicator does not pass silently; a
 * note names the methods that take it. */
static void refuse_param(jx_rules_builder *b, const jx_indicator *ind, struct fy_node *node, int p)
{
	char takers[256];
	jx_yerror(&b->y, node, (jx_loc){0}, "'%s' does not apply to method %s", jx_params[p].key,
	          ind->method_name);
	jx_method_takers(takers, sizeof(takers), same_key(p));
	jx_diag_note(b->y.diags, jx_ynode_loc(&b->y, node, (jx_loc){0}), "'%s' applies only to %s",
	             jx_params[p].key, takers);
}

/* One parameter's value into its field, as its type reads (methods.h). */
static void load_param(jx_rules_builder *b, jx_method *m, int p, struct fy_node *node,
                       const jx_expr_env *env)
{
	const char *key = jx_params[p].key;
	switch (jx_params[p].type) {
	case JX_PT_NUMBER:
		jx_builder_number(b, node, key, JX_PARAM_FIELD(m, p, double));
		break;
	case JX_PT_BOOL:
		jx_ybool(&b->y, node, key, JX_PARAM_FIELD(m, p, int));
		break;
	case JX_PT_POINTS:
		load_linear_points(b, JX_PARAM_FIELD(m, p, jx_curve), node);
		break;
	case JX_PT_BANDS:
		load_bands(b, JX_PARAM_FIELD(m, p, jx_band_list), node);
		break;
	case JX_PT_ON: {
		size_t n;
		const char *s = jx_yscalar(&b->y, node, key, &n);
		if (s && n == 5 && memcmp(s, "value", 5) == 0)
			*JX_PARAM_FIELD(m, p, int) = 1;
		else if (s && !(n == 10 && memcmp(s, "completion", 10) == 0))
			jx_yerror(&b->y, node, (jx_loc){0}, "%s must be 'value' or 'completion'",
			          key);
		break;
	}
	case JX_PT_LEVELS:
		jx_builder_levels(b, JX_PARAM_FIELD(m, p, jx_level_list), node);
		break;
	case JX_PT_EXPR: {
		jx_expr_env menv = *env;
		menv.locals = method_locals;
		*JX_PARAM_FIELD(m, p, jx_param_expr) = jx_builder_compile(b, node, key, &menv);
		break;
	}
	case JX_PT_OVERSHOOT:
		jx_builder_overshoot(b, JX_PARAM_FIELD(m, p, jx_overshoot), node);
		break;
	}
}

/* The method's parameters from the parameter table (methods/params.c):
 * those of other methods refused first, then each read in table order. A
 * refused parameter is still read (as the first parameter with its key),
 * so its own errors show too. */
static void load_method_params(jx_rules_builder *b, jx_indicator *ind, const indicator_nodes *k,
                               const jx_expr_env *env)
{
	jx_method *m = &ind->method;
	jx_method_kind kind = m->kind;
	const jx_method_desc *d = jx_method_desc_of(kind);
	jx_method_init(m, kind);
	for (int p = 0; p < JX_PARAM_COUNT_; p++)
		if (key_owner(p) == p && k->param[p] && !reads_any(kind, same_key(p)))
			refuse_param(b, ind, k->param[p], p);
	for (int p = 0; p < JX_PARAM_COUNT_; p++) {
		struct fy_node *node = k->param[key_owner(p)];
		if (!node) {
			if ((jx_params[p].flags & JX_PARAM_REQUIRED) &&
			    (d->params & JX_PARAM_BIT(p)))
				jx_yerror(&b->y, k->method, (jx_loc){0}, "method %s needs an '%s:'",
				          d->name, jx_params[p].key);
			continue;
		}
		if (jx_method_reads(kind, (jx_param)p) ||
		    (key_owner(p) == p && !reads_any(kind, same_key(p))))
			load_param(b, m, p, node, env);
	}
}

/* `target` is the target's node (NULL when none was written): a target
 * that was written but could not be read has been reported already. */
static void require_target(jx_rules_builder *b, jx_indicator *ind, struct fy_node *item,
                           struct fy_node *target)
{
	const jx_method_desc *d = jx_method_desc_of(ind->method.kind);
	if (jx_method_needs_target(&ind->method) && !target && !ind->target_value)
		jx_yerror(&b->y, item, (jx_loc){0},
		          "indicator '%s' needs a target for method %s (or target_value:)", ind->id,
		          ind->method_name);
	if (!ind->has_target)
		return;
	int word = ind->target.cmp == JX_CMP_WORD;
	if ((d->flags & JX_METHOD_WORDS) && !word)
		jx_yerror(&b->y, target, (jx_loc){0},
		          "indicator '%s': method %s needs a qualitative target such as %s",
		          ind->id, d->name, d->target_example);
	/* range reads >= t as [t, ∞), <= t as (-∞, t] and = t as [t, t] */
	if ((d->flags & JX_METHOD_NUMBER_TARGET) && word)
		jx_yerror(&b->y, target, (jx_loc){0},
		          "indicator '%s': method %s needs a numeric target such as %s", ind->id,
		          d->name, d->target_example);
}

static void load_indicator(jx_rules_builder *b, jx_indicator *ind, const jx_rule_entry *e,
                           const jx_expr_env *env)
{
	struct fy_node *item = e->node;
	indicator_nodes k = {0};
	jx_ykey keys[14 + JX_PARAM_COUNT_ + 1] = {{"id", &k.id},
	                                          {"name", &k.name},
	                                          {"aliases", &k.aliases},
	                                          {"path", &k.path},
	                                          {"weight", &k.weight},
	                                          {"value", &k.value},
	                                          {"unit", &k.unit},
	                                          {"target", &k.target},
	                                          {"target_value", &k.target_value},
	                                          {"method", &k.method},
	                                          {"tolerance", &k.tolerance},
	                                          {"on_missing", &k.on_missing},
	                                          {"description", &k.description},
	                                          {"effective", &k.effective}};
	size_t n_keys = 14;
	for (int p = 0; p < JX_PARAM_COUNT_; p++)
		if (key_owner(p) == p)
			keys[n_keys++] = (jx_ykey){jx_params[p].key, &k.param[p]};
	keys[n_keys] = (jx_ykey){NULL, NULL};
	if (jx_ymapping(&b->y, item, "an indicator", keys) != 0)
		return;
	for (int o = 0; o < e->n_overrides; o++)
		jx_ymapping_over(&b->y, e->overrides[o], "an override", keys);
	int errors_before = b->y.errors;
	if (!k.id || !k.value || !k.weight) {
		jx_yerror(&b->y, item, (jx_loc){0}, "an indicator needs %s",
		          !k.id      ? "an 'id'"
		          : !k.value ? "a 'value' expression"
		                     : "a 'weight'");
		if (!k.id)
			return;
	}
	ind->name = k.name ? jx_ystring(&b->y, k.name, "indicator name") : ind->id;
	if (!ind->name)
		ind->name = ind->id;
	if (k.aliases)
		load_aliases(b, ind, k.aliases);
	ind->path_key = "";
	ind->group = -1;
	if (k.path) {
		const char **path;
		size_t depth;
		if (jx_builder_path(b, k.path, &path, &depth) == 0 && depth > 0) {
			ind->group = jx_builder_group(b, path, depth, ind->loc);
			if (ind->group >= 0)
				ind->path_key = b->groups.items[ind->group].key;
		}
	}
	if (k.weight && jx_ynumber(&b->y, k.weight, "weight", &ind->weight) == 0 && ind->weight < 0)
		jx_yerror(&b->y, k.weight, (jx_loc){0}, "a weight must not be negative");
	if (k.value) {
		ind->value_src = jx_ystring(&b->y, k.value, "value");
		ind->value_loc = jx_ynode_loc(&b->y, k.value, ind->loc);
		ind->value = jx_builder_compile(b, k.value, "value", env);
	}
	load_unit(b, ind, k.unit);
	load_target(b, ind, k.target);
	if (k.target_value)
		ind->target_value = jx_builder_compile(b, k.target_value, "target_value", env);
	/* what results point at: the literal, or target_value's comparison */
	ind->target_def.lit = ind->target;
	ind->target_def.text = ind->target_src ? ind->target_src : "";
	if (!ind->has_target)
		ind->target_def.lit.cmp = JX_CMP_GE;
	load_method_kind(b, ind, &k);
	load_method_params(b, ind, &k, env);
	if (k.tolerance)
		jx_builder_number(b, k.tolerance, "tolerance", &ind->tolerance);
	if (k.on_missing)
		load_on_missing(b, ind, k.on_missing);
	require_target(b, ind, item, k.target);
	const char *why = NULL;
	/* After an error in this indicator the method's parameters may be half
	 * read: checking them would only repeat that error in other words. */
	if (b->y.errors == errors_before && jx_method_prepare(&ind->method, &why) != 0)
		jx_yerror(&b->y, k.method ? k.method : item, (jx_loc){0}, "indicator '%s': %s",
		          ind->id, why ? why : "invalid method parameters");
}

void jx_builder_indicators(jx_rules_builder *b)
{
	jx_expr_env env = {jx_builder_variable, jx_builder_indicator, b, NULL};
	for (size_t k = 0; k < b->indicator_entries.n && k < b->indicators.n; k++) {
		const jx_rule_entry *e = &b->indicator_entries.items[k];
		b->y.file = e->file->file;
		/* compiling may grow other vectors, never this one */
		load_indicator(b, &b->indicators.items[k], e, &env);
	}
}

/* ---- checks ------------------------------------------------------------------ */

static void load_check(jx_rules_builder *b, jx_check *c, struct fy_node *item,
                       const jx_expr_env *env)
{
	struct fy_node *id = NULL, *rule = NULL, *tolerance = NULL, *severity = NULL,
	               *message = NULL;
	struct fy_node *effective = NULL; /* read with the entries */
	const jx_ykey keys[] = {{"id", &id},
	                        {"rule", &rule},
	                        {"tolerance", &tolerance},
	                        {"severity", &severity},
	                        {"message", &message},
	                        {"effective", &effective},
	                        {NULL, NULL}};
	if (jx_ymapping(&b->y, item, "a check", keys) != 0)
		return;
	c->loc = jx_ynode_loc(&b->y, item, (jx_loc){b->y.file, 0, 0, NULL});
	c->severity = JX_CHECK_ERROR;
	if (!id || !rule) {
		jx_yerror(&b->y, item, (jx_loc){0}, "a check needs an 'id' and a 'rule'");
		return;
	}
	c->id = jx_ystring(&b->y, id, "check id");
	c->rule_src = jx_ystring(&b->y, rule, "check rule");
	c->message = message ? jx_ystring(&b->y, message, "check message") : "";
	if (tolerance && jx_ynumber(&b->y, tolerance, "check tolerance", &c->tolerance) == 0 &&
	    c->tolerance < 0)
		jx_yerror(&b->y, tolerance, (jx_loc){0}, "a tolerance must not be negative");
	if (severity) {
		size_t n;
		const char *s = jx_yscalar(&b->y, severity, "severity", &n);
		if (s && n == 7 && memcmp(s, "warning", 7) == 0)
			c->severity = JX_CHECK_WARNING;
		else if (s && !(n == 5 && memcmp(s, "error", 5) == 0))
			jx_yerror(&b->y, severity, (jx_loc){0},
			          "severity must be warning or error");
	}
	size_t len;
	const char *src = jx_yscalar(&b->y, rule, "check rule", &len);
	if (!src)
		return;
	jx_expr_error err = {0};
	if (jx_expr_compile_check(&c->lhs, &c->rhs, &c->cmp, src, len, env, &err) != 0)
		jx_builder_error_in_scalar(b, rule, err.offset, "in check rule: %s", err.message);
}

void jx_builder_checks(jx_rules_builder *b)
{
	jx_expr_env env = {jx_builder_variable, jx_builder_indicator, b, NULL};
	for (size_t k = 0; k < b->check_entries.n; k++) {
		const jx_rule_entry *e = &b->check_entries.items[k];
		b->y.file = e->file->file;
		jx_check c = {0};
		load_check(b, &c, e->node, &env);
		if (JX_VEC_PUSH(b->checks, c) != 0) {
			jx_program_free(c.lhs);
			jx_program_free(c.rhs);
			b->y.errors++;
		}
	}
}
