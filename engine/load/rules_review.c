/*
 * rules_review.c - what a rule set says of 复核 (docs/review.md):
 *
 *   review_codes:                 # a reviewer's coded findings
 *     R01: {name: 无佐证材料, keep: 0%}        # the row keeps 0 % of its score
 *     R02: {name: 不具可考查性, keep: 40%}
 *     R03: {name: 表述不规范}                  # without keep: only a label
 *   rounding: rows                # each row's score rounded before the total
 *                                 # sums them (tables that SUM shown cells);
 *                                 # `total` (the default): unrounded scores
 */
#include <math.h>
#include <string.h>

#include "rules_build.h"

static int valid_code(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || (*s & 0x80)))
			return 0;
	return 1;
}

static void load_code(jx_rules_builder *b, jx_review_code *rc, struct fy_node *key,
                      struct fy_node *value)
{
	rc->code = jx_ystring(&b->y, key, "a review code");
	rc->loc = jx_ynode_loc(&b->y, key, (jx_loc){0});
	rc->keep = NAN;
	if (!rc->code)
		return;
	if (!valid_code(rc->code)) {
		jx_yerror(&b->y, key, (jx_loc){0},
		          "review code '%s': letters, digits, '_' and '-' only", rc->code);
		rc->code = NULL;
		return;
	}
	struct fy_node *name = NULL, *keep = NULL;
	const jx_ykey keys[] = {{"name", &name}, {"keep", &keep}, {NULL, NULL}};
	if (jx_ymapping(&b->y, value, "a review code", keys) != 0) {
		rc->code = NULL;
		return;
	}
	rc->name = name ? jx_ystring(&b->y, name, "a review code's name") : "";
	if (keep && jx_builder_number(b, keep, "keep", &rc->keep) == 0 &&
	    !(rc->keep >= 0 && rc->keep <= 1)) {
		jx_yerror(&b->y, keep, (jx_loc){0},
		          "keep is the share of the row's score that stays: 0%% to 100%%");
		rc->keep = NAN;
	}
}

void jx_builder_review_codes(jx_rules_builder *b, struct fy_node *node)
{
	if (!fy_node_is_mapping(node)) {
		jx_yerror(&b->y, node, (jx_loc){0},
		          "review_codes maps each code to {name, keep}, e.g. R01: {name: "
		          "无佐证材料, keep: 0%%}");
		return;
	}
	int n = fy_node_mapping_item_count(node);
	jx_review_code *codes =
	    jx_arena_alloc(b->rules->arena, sizeof(jx_review_code) * (size_t)(n + 1));
	if (!codes) {
		b->y.errors++;
		return;
	}
	void *iter = NULL;
	struct fy_node_pair *pair;
	size_t k = 0;
	while ((pair = fy_node_mapping_iterate(node, &iter)) != NULL) {
		load_code(b, &codes[k], fy_node_pair_key(pair), fy_node_pair_value(pair));
		if (codes[k].code)
			k++;
	}
	b->rules->review_codes = codes; /* a later file's replace a base's */
	b->rules->n_review_codes = k;
}

void jx_builder_rounding(jx_rules_builder *b, struct fy_node *node)
{
	size_t n;
	const char *s = jx_yscalar(&b->y, node, "rounding", &n);
	if (!s)
		return;
	if (n == 4 && memcmp(s, "rows", 4) == 0)
		b->rules->round_rows = 1;
	else if (n == 5 && memcmp(s, "total", 5) == 0)
		b->rules->round_rows = 0;
	else
		jx_yerror(&b->y, node, (jx_loc){0},
		          "rounding must be 'total' (sum unrounded scores) or 'rows' (round each "
		          "row first)");
}
