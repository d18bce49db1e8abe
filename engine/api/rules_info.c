/*
 * rules_info.c - the public view of a rule set's groups and grade bands.
 */
#include "../model/model.h"

size_t jx_rules_group_count(const jx_rules *r)
{
	return r ? r->n_groups : 0;
}

int jx_rules_group(jx_group_info *out, const jx_rules *r, size_t i)
{
	if (!out || !r || i >= r->n_groups)
		return JX_EINVAL;
	const jx_group *g = &r->groups[i];
	out->path = g->key;
	out->name = g->name;
	out->depth = g->depth;
	out->parent = g->parent;
	/* The same weight the JSON writer shows for a group. */
	out->weight = g->has_weight ? g->weight : g->leaf_weight;
	return JX_OK;
}

size_t jx_rules_grade_count(const jx_rules *r)
{
	return r ? r->n_grades : 0;
}

int jx_rules_grade(jx_grade_info *out, const jx_rules *r, size_t i)
{
	if (!out || !r || i >= r->n_grades)
		return JX_EINVAL;
	out->name = r->grades[i].grade;
	out->min = r->grades[i].min;
	return JX_OK;
}
