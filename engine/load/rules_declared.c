/*
 * rules_declared.c - the `declared:` section (docs/data.md §3): how the rows of a
 * department's own 自评表 are scored.
 *
 *   declared:
 *     methods: {">=": ratio, "<=": inverse, "=": equal, range: range, word: grade}
 *     by_path:                       # first matching path prefix wins
 *       - {path: [满意度指标], method: ratio}
 *     levels: {达成: 1.0, 部分达成: 0.8, 未达成: 0.5}   # or [low, high] bands
 *     overshoot: {above: 1.5, floor: 0.6}              # on ratio-scored rows
 *     tolerance: 10%
 *
 * One method per kind is prepared here, once; every declared row of every
 * department is scored by one of them.
 */
#include <string.h>

#include "rules_build.h"

/* Methods a declared row can use: those whose descriptor says so
 * (JX_METHOD_DECLARED), the ones that need nothing but the row's target and
 * actual. */
static int allowed(jx_method_kind kind)
{
	return (jx_method_desc_of(kind)->flags & JX_METHOD_DECLARED) != 0;
}

static int method_kind(jx_rules_builder *b, struct fy_node *node)
{
	size_t n;
	const char *s = jx_yscalar(&b->y, node, "a method", &n);
	int kind = s ? jx_method_from_name(s, n) : -1;
	if (s && (kind < 0 || !allowed((jx_method_kind)kind))) {
		char names[256];
		jx_method_names(names, sizeof(names), JX_METHOD_DECLARED, "or");
		jx_yerror(&b->y, node, (jx_loc){0}, "declared rows are scored by %s, not '%.*s'",
		          names, (int)(n > 40 ? 40 : n), s);
		return -1;
	}
	return kind;
}

static int cmp_of(const char *key, size_t n)
{
	static const struct {
		const char *key;
		jx_cmp cmp;
	} keys[] = {{">=", JX_CMP_GE},    {">", JX_CMP_GT}, {"<=", JX_CMP_LE},
	            {"<", JX_CMP_LT},     {"=", JX_CMP_EQ}, {"range", JX_CMP_RANGE},
	            {"word", JX_CMP_WORD}};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].key) == n && memcmp(keys[i].key, key, n) == 0)
			return (int)keys[i].cmp;
	return -1;
}

static void load_methods(jx_rules_builder *b, jx_declared_rules *dr, struct fy_node *map)
{
	if (!fy_node_is_mapping(map)) {
		jx_yerror(&b->y, map, (jx_loc){0},
		          "methods must map a comparison (>=, <=, =, range, word) to a method");
		return;
	}
	void *iter = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		size_t n;
		const char *key = jx_yscalar(&b->y, fy_node_pair_key(pair), "a comparison", &n);
		int cmp = key ? cmp_of(key, n) : -1;
		if (key && cmp < 0) {
			jx_yerror(&b->y, fy_node_pair_key(pair), (jx_loc){0},
			          "'%.*s' is not one of >=, >, <=, <, =, range, word", (int)n, key);
			continue;
		}
		int kind = method_kind(b, fy_node_pair_value(pair));
		if (cmp >= 0 && kind >= 0)
			dr->by_cmp[cmp] = (jx_method_kind)kind;
	}
}

static void load_by_path(jx_rules_builder *b, jx_declared_rules *dr, struct fy_node *list)
{
	int n = jx_ysequence(&b->y, list, "by_path");
	if (n <= 0)
		return;
	dr->by_path = jx_arena_alloc(b->rules->arena, sizeof(jx_declared_path) * (size_t)n);
	if (!dr->by_path) {
		b->y.errors++;
		return;
	}
	void *iter = NULL;
	struct fy_node *item;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct fy_node *path = NULL, *method = NULL;
		const jx_ykey keys[] = {{"path", &path}, {"method", &method}, {NULL, NULL}};
		if (jx_ymapping(&b->y, item, "a by_path entry", keys) != 0)
			continue;
		const char **parts;
		size_t depth;
		if (!path || !method) {
			jx_yerror(&b->y, item, (jx_loc){0},
			          "a by_path entry needs path and method");
			continue;
		}
		int kind = method_kind(b, method);
		if (jx_builder_path(b, path, &parts, &depth) != 0 || kind < 0)
			continue;
		jx_declared_path *p = &dr->by_path[dr->n_by_path++];
		p->path_key = jx_builder_path_key(b, parts, depth);
		p->kind = (jx_method_kind)kind;
		if (!p->path_key)
			b->y.errors++;
	}
}

/* The prepared method of each allowed kind. */
static void prepare_templates(jx_rules_builder *b, jx_declared_rules *dr, struct fy_node *levels,
                              struct fy_node *overshoot, struct fy_node *at)
{
	for (int k = 0; k < JX_METHOD_COUNT_; k++) {
		jx_method *m = &dr->methods[k];
		jx_method_init(m, (jx_method_kind)k);
		if (!allowed((jx_method_kind)k))
			continue;
		if (k == JX_METHOD_GRADE && levels)
			jx_builder_levels(b, &m->levels, levels);
		if (k == JX_METHOD_RATIO && overshoot)
			jx_builder_overshoot(b, &m->overshoot, overshoot);
		const char *why = NULL;
		if (!b->y.errors && jx_method_prepare(m, &why) != 0)
			jx_yerror(&b->y, at, (jx_loc){0}, "declared %s: %s",
			          jx_method_name((jx_method_kind)k), why ? why : "invalid");
	}
}

/* `weights: strict` rejects a table off the scheme; `weights: scheme`
 * (the default) scores it on its own points and flags it. */
static void load_weights_policy(jx_rules_builder *b, jx_declared_rules *dr, struct fy_node *node)
{
	size_t n;
	const char *s = jx_yscalar(&b->y, node, "weights", &n);
	if (!s)
		return;
	if (n == strlen("strict") && memcmp(s, "strict", n) == 0)
		dr->weights_strict = 1;
	else if (!(n == strlen("scheme") && memcmp(s, "scheme", n) == 0))
		jx_builder_error_in_scalar(
		    b, node, 0, "declared weights: '%.*s' (use 'scheme' or 'strict')", (int)n, s);
}

void jx_builder_declared(jx_rules_builder *b, struct fy_node *node)
{
	jx_declared_rules *dr = &b->rules->declared;
	struct fy_node *methods = NULL, *by_path = NULL, *levels = NULL, *overshoot = NULL,
	               *tolerance = NULL, *weights = NULL;
	const jx_ykey keys[] = {{"methods", &methods},
	                        {"by_path", &by_path},
	                        {"levels", &levels},
	                        {"overshoot", &overshoot},
	                        {"tolerance", &tolerance},
	                        {"weights", &weights},
	                        {NULL, NULL}};
	if (jx_ymapping(&b->y, node, "declared", keys) != 0)
		return;
	dr->enabled = 1;
	dr->tolerance = -1;
	for (int c = 0; c <= JX_CMP_WORD; c++)
		dr->by_cmp[c] = jx_method_default_for((jx_cmp)c);
	if (methods)
		load_methods(b, dr, methods);
	if (by_path)
		load_by_path(b, dr, by_path);
	if (tolerance)
		jx_builder_number(b, tolerance, "tolerance", &dr->tolerance);
	if (weights)
		load_weights_policy(b, dr, weights);
	prepare_templates(b, dr, levels, overshoot, node);
}
