/*
 * declared.c - scoring the rows of a department's own 自评表 (spec §2.2).
 *
 * Each row is scored by the method the rule set's `declared:` section picks
 * for it: the first `by_path` entry whose path is a prefix of the row's, else
 * the method for its target's comparison. The rows' weights, with the
 * defined indicators', must fill each weighted group and add up to 100
 * (unless `weights: free`); a department whose table does not is rejected
 * with the group named, because its total would not be out of 100.
 */
#include <math.h>
#include <string.h>

#include "evaluate.h"

static void score_row(const jx_rules *r, const jx_declared_row *row, jx_ind_result *ir,
                      jx_arena *arena)
{
	const jx_target_lit *t = &row->target.lit;
	memset(ir, 0, sizeof(*ir));
	ir->actual = row->actual;
	ir->def = &row->target;
	ir->target = t->cmp == JX_CMP_WORD ? NAN : t->lo;
	ir->note = row->note;
	double deviation, rel;
	jx_ind_deviation(ir, &deviation, &rel);
	ir->needs_note = (uint8_t)(jx_beyond_tolerance(rel, r->declared.tolerance) && !ir->note);
	if (row->actual.kind == JX_VAL_NA || row->actual.kind == JX_VAL_MISSING) {
		int na = row->actual.kind == JX_VAL_NA;
		ir->status = na ? JX_IND_EXCLUDED : JX_IND_MISSING;
		ir->reason = na ? "not applicable (不适用)" : "no actual value in the row";
		return;
	}
	jx_method_kind kind = jx_declared_method(r, row);
	const jx_method *m = &r->declared.methods[kind];
	jx_method_input in = {0};
	in.cmp = t->cmp;
	in.t = ir->target;
	in.t_hi = jx_ind_target_hi(ir);
	in.w = row->weight;
	in.a = row->actual.kind == JX_VAL_NUM ? row->actual.u.num : NAN;
	jx_value_lit lit;
	jx_lit_error err;
	if (row->actual.kind == JX_VAL_TEXT &&
	    jx_value_parse(&lit, row->actual.u.text, strlen(row->actual.u.text), &r->units, &err) ==
	        0 &&
	    lit.kind == JX_LIT_WORD) {
		in.word = lit.word;
		in.word_len = lit.word_len;
		in.has_fraction = lit.has_fraction;
		in.fraction = lit.fraction;
	}
	jx_method_output out = jx_method_score(m, &in);
	ir->overshoot = (uint8_t)out.overshoot_applied;
	if (!out.ok) {
		ir->status = JX_IND_UNDEFINED;
		ir->reason =
		    jx_arena_printf(arena, "cannot score with %s: %s", jx_method_name(kind),
		                    out.reason ? out.reason : "undefined");
		return;
	}
	ir->score = out.score;
	ir->target_too_low = (uint8_t)jx_target_too_low(out.completion, m, t->cmp);
}

/* The department's weights must fill the weighted groups and make 100. */
static void check_weights(jx_result *res, size_t d, jx_arena *arena)
{
	const jx_rules *r = res->rules;
	jx_dept_result *dr = &res->depts[d];
	if (r->weights_free || dr->status == JX_DEPT_REJECTED)
		return;
	double total = r->full_mark;
	for (size_t g = 0; g < r->n_groups; g++) {
		const jx_group *grp = &r->groups[g];
		if (!grp->has_weight)
			continue;
		double sum = grp->leaf_weight;
		for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++) {
			const jx_declared_row *row =
			    &res->batch->declared.items[res->declared_order[k]];
			for (long p = row->group; p >= 0; p = r->groups[p].parent)
				if ((size_t)p == g)
					sum += row->weight;
		}
		if (fabs(sum - grp->weight) > 1e-9) {
			dr->status = JX_DEPT_REJECTED;
			dr->reason = jx_arena_printf(arena,
			                             "the weights under group '%s' add up to %g, "
			                             "the group's weight is %g",
			                             grp->key, sum, grp->weight);
			return;
		}
	}
	for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++)
		total += res->batch->declared.items[res->declared_order[k]].weight;
	if (fabs(total - 100) > 1e-9) {
		dr->status = JX_DEPT_REJECTED;
		dr->reason = jx_arena_printf(arena,
		                             "the department's indicators add up to %g points, not "
		                             "100",
		                             total);
	}
}

void jx_score_declared(jx_result *res, size_t d, jx_arena *arena)
{
	const jx_rules *r = res->rules;
	if (!r->declared.enabled)
		return;
	for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++) {
		size_t row = res->declared_order[k];
		score_row(r, &res->batch->declared.items[row], &res->declared[row], arena);
	}
	check_weights(res, d, arena);
}
