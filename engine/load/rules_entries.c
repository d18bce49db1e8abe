/*
 * rules_entries.c - the effective indicators and checks (docs/rule-changes.md).
 *
 * Files are visited in load order, bases first. An id defined by a file
 * closer to the user (smaller depth) than the definition it meets replaces
 * it in place, so a child keeps its base's order; `remove: [ids]` drops ids
 * from the bases; an id defined twice at the same depth for overlapping
 * periods (both undated counts as overlapping) is an error naming both
 * places. Only files and indicators in force for the year are kept.
 */
#include <string.h>

#include "../common/buf.h"

#include "rules_build.h"

static const char *entry_id(jx_rules_builder *b, struct fy_node *item)
{
	struct fy_node *id =
	    fy_node_is_mapping(item) ? fy_node_mapping_lookup_by_string(item, "id", FY_NT) : NULL;
	size_t len;
	const char *s = id && fy_node_is_scalar(id) ? fy_node_get_scalar(id, &len) : NULL;
	return s && len ? jx_arena_strndup(b->rules->arena, s, len) : NULL;
}

/* An indicator's own `effective: {from, to}`, or its file's. */
static void entry_dates(jx_rules_builder *b, jx_rule_entry *e)
{
	e->from = e->file->from;
	e->to = e->file->to;
	struct fy_node *eff = fy_node_is_mapping(e->node)
	                          ? fy_node_mapping_lookup_by_string(e->node, "effective", FY_NT)
	                          : NULL;
	if (!eff)
		return;
	struct fy_node *from = NULL, *to = NULL;
	const jx_ykey keys[] = {{"from", &from}, {"to", &to}, {NULL, NULL}};
	if (jx_ymapping(&b->y, eff, "effective", keys) != 0)
		return;
	const char *f = from ? jx_ystring(&b->y, from, "effective from") : NULL;
	const char *t = to ? jx_ystring(&b->y, to, "effective to") : NULL;
	if (f && !jx_valid_date(f))
		jx_yerror(&b->y, from, (jx_loc){0}, "a date must be written YYYY-MM-DD");
	else if (t && !jx_valid_date(t))
		jx_yerror(&b->y, to, (jx_loc){0}, "a date must be written YYYY-MM-DD");
	else {
		e->from = f ? f : e->from;
		e->to = t ? t : e->to;
		e->own_from = f;
		e->own_to = t;
	}
}

static int overlaps(const jx_rule_entry *a, const jx_rule_entry *b)
{
	/* [a.from, a.to] and [b.from, b.to] share a day; NULL is unbounded */
	int a_before_b = a->to && b->from && strcmp(a->to, b->from) < 0;
	int b_before_a = b->to && a->from && strcmp(b->to, a->from) < 0;
	return !a_before_b && !b_before_a;
}

static void describe_period(char *buf, size_t size, const jx_rule_entry *e)
{
	if (!e->from && !e->to)
		snprintf(buf, size, "undated");
	else
		snprintf(buf, size, "%s to %s", e->from ? e->from : "…", e->to ? e->to : "…");
}

static void report_overlap(jx_rules_builder *b, const char *what, const jx_rule_entry *first,
                           const jx_rule_entry *second)
{
	char where[512], p1[64], p2[64];
	jx_loc first_loc =
	    jx_ynode_loc(&b->y, first->node, (jx_loc){first->file->file, 0, 0, NULL});
	jx_loc_format(where, sizeof(where), first_loc);
	describe_period(p1, sizeof(p1), first);
	describe_period(p2, sizeof(p2), second);
	b->y.file = second->file->file;
	struct fy_node *id = fy_node_mapping_lookup_by_string(second->node, "id", FY_NT);
	if (!first->from && !first->to && !second->from && !second->to)
		jx_yerror(&b->y, id, (jx_loc){0}, "duplicate %s id '%s' (first defined at %s)",
		          what, second->id, where);
	else
		jx_yerror(&b->y, id, (jx_loc){0},
		          "%s '%s' is defined for overlapping periods: %s here, %s at %s", what,
		          second->id, p2, p1, where);
}

/* Adds the items of one file's list; a dated check of overlaps runs over
 * every definition, the year filter afterwards. */
static void add_entries(jx_rules_builder *b, jx_rule_entries *entries, jx_rule_file *f,
                        struct fy_node *list, const char *what)
{
	if (!list || !fy_node_is_sequence(list))
		return; /* reported by the header pass */
	void *iter = NULL;
	struct fy_node *item;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		jx_rule_entry e = {f,    item, {NULL}, 0,    entry_id(b, item),
		                   NULL, NULL, NULL,   NULL, 0};
		b->y.file = f->file;
		entry_dates(b, &e);
		int placed = 0;
		for (size_t k = 0; e.id && k < entries->n; k++) {
			jx_rule_entry *old = &entries->items[k];
			if (old->removed || !old->id || strcmp(old->id, e.id) != 0)
				continue;
			if (old->file->depth > f->depth) {
				*old = e; /* a child replaces its base's definition */
				placed = 1;
				break;
			}
			/* the same file read twice (a folder's version and the base
			 * of the next) never conflicts with itself */
			int same_file = old->file != e.file && old->file->real && e.file->real &&
			                strcmp(old->file->real, e.file->real) == 0;
			if (!same_file && overlaps(old, &e)) {
				/* Kept all the same, so that its own mistakes are
				 * reported too; the rule set fails anyway. */
				report_overlap(b, what, old, &e);
				break;
			}
		}
		if (!placed && JX_VEC_PUSH(*entries, e) != 0)
			b->y.errors++;
	}
}

/* Remembers a removed indicator's weight and group: the weights it leaves
 * are checked as if it were there, and totals are rescaled over the rest
 * (按百分制折算, as for an indicator that does not apply). */
static void remember_removed(jx_rules_builder *b, const jx_rule_entry *e)
{
	struct fy_node *w = fy_node_mapping_lookup_by_string(e->node, "weight", FY_NT);
	struct fy_node *path = fy_node_mapping_lookup_by_string(e->node, "path", FY_NT);
	size_t len;
	const char *text = w && fy_node_is_scalar(w) ? fy_node_get_scalar(w, &len) : NULL;
	double weight;
	if (!text || jx_number_parse(&weight, text, len) != 0)
		return; /* an unreadable weight was reported with the base */
	jx_buf key = {0};
	void *iter = NULL;
	struct fy_node *part;
	while (path && fy_node_is_sequence(path) &&
	       (part = fy_node_sequence_iterate(path, &iter)) != NULL) {
		const char *p = fy_node_is_scalar(part) ? fy_node_get_scalar(part, &len) : NULL;
		if (!p)
			continue;
		if (key.len)
			jx_buf_putc(&key, '/');
		jx_buf_append(&key, p, len);
	}
	jx_removed_weight r = {jx_arena_strdup(b->rules->arena, jx_buf_cstr(&key)), weight};
	jx_buf_free(&key);
	if (!r.path_key || JX_VEC_PUSH(b->removed, r) != 0)
		b->y.errors++;
}

static int remove_id(jx_rules_builder *b, jx_rule_entries *entries, const char *id, int depth,
                     int indicators)
{
	int found = 0;
	for (size_t k = 0; k < entries->n; k++) {
		jx_rule_entry *e = &entries->items[k];
		if (!e->removed && e->id && strcmp(e->id, id) == 0 && e->file->depth > depth) {
			e->removed = 1;
			found = 1;
			if (indicators && e->file->in_force)
				remember_removed(b, e);
		}
	}
	return found;
}

/* `remove: [ids]` drops indicators or checks of the bases. */
static void apply_remove(jx_rules_builder *b, jx_rule_file *f)
{
	b->y.file = f->file;
	if (jx_ysequence(&b->y, f->remove, "remove") < 0)
		return;
	if (!f->extends)
		jx_yerror(&b->y, f->remove, (jx_loc){0},
		          "'remove:' applies to a base rule set: this file has no 'extends:'");
	void *iter = NULL;
	struct fy_node *item;
	while ((item = fy_node_sequence_iterate(f->remove, &iter)) != NULL) {
		const char *id = jx_ystring(&b->y, item, "an id to remove");
		if (!id)
			continue;
		int found = remove_id(b, &b->indicator_entries, id, f->depth, 1);
		found |= remove_id(b, &b->check_entries, id, f->depth, 0);
		if (!found)
			jx_yerror(&b->y, item, (jx_loc){0},
			          "remove: the base rule set has no indicator or check '%s'", id);
	}
}

/* `override: [{id: x, target: ">= 40%"}]` changes only the keys it lists
 * of a base's indicator; `indicators:` would replace the whole definition. */
static void apply_override(jx_rules_builder *b, jx_rule_file *f)
{
	b->y.file = f->file;
	if (jx_ysequence(&b->y, f->override, "override") < 0)
		return;
	if (!f->extends)
		jx_yerror(&b->y, f->override, (jx_loc){0},
		          "'override:' changes a base rule set's indicators: this file has no "
		          "'extends:'");
	void *iter = NULL;
	struct fy_node *item;
	while ((item = fy_node_sequence_iterate(f->override, &iter)) != NULL) {
		const char *id = entry_id(b, item);
		jx_rule_entry *target = NULL;
		for (size_t k = 0; id && k < b->indicator_entries.n; k++) {
			jx_rule_entry *e = &b->indicator_entries.items[k];
			if (!e->removed && e->id && strcmp(e->id, id) == 0 &&
			    e->file->depth > f->depth)
				target = e;
		}
		if (!id)
			jx_yerror(&b->y, item, (jx_loc){0},
			          "an override needs the 'id' it changes");
		else if (!target)
			jx_yerror(&b->y, item, (jx_loc){0},
			          "override: the base rule set has no indicator '%s'", id);
		else if (target->n_overrides == JX_MAX_OVERRIDES)
			jx_yerror(&b->y, item, (jx_loc){0}, "more than %d overrides of '%s'",
			          JX_MAX_OVERRIDES, id);
		else
			target->overrides[target->n_overrides++] = item;
	}
}

static void keep_in_force(jx_rule_entries *entries, int year)
{
	size_t kept = 0;
	for (size_t k = 0; k < entries->n; k++) {
		jx_rule_entry *e = &entries->items[k];
		/* the file's own dates chose the file already (a base is in force
		 * with the child that extends it); an indicator's own dates apply */
		if (!e->removed && e->file->in_force && jx_in_force(e->own_from, e->own_to, year))
			entries->items[kept++] = *e;
	}
	entries->n = kept;
}

void jx_builder_entries(jx_rules_builder *b, jx_rule_files *files, int year)
{
	for (size_t i = 0; i < files->n; i++) {
		jx_rule_file *f = &files->items[i];
		if (!f->root || !fy_node_is_mapping(f->root))
			continue;
		add_entries(b, &b->indicator_entries, f,
		            fy_node_mapping_lookup_by_string(f->root, "indicators", FY_NT),
		            "indicator");
		add_entries(b, &b->check_entries, f,
		            fy_node_mapping_lookup_by_string(f->root, "checks", FY_NT), "check");
		if (f->remove && f->in_force)
			apply_remove(b, f);
		if (f->override && f->in_force)
			apply_override(b, f);
	}
	keep_in_force(&b->indicator_entries, year);
	keep_in_force(&b->check_entries, year);
}
