/*
 * declared.c - scoring the rows of a department's own 自评表 (docs/data.md,
 * "Indicator tables"; docs/review.md for a reviewer's findings).
 *
 * Each row is scored by the method the rule set's `declared:` section picks
 * for it: the first `by_path` entry whose path is a prefix of the row's, else
 * the method for its target's comparison. The rows' weights, with the
 * defined indicators', should fill each weighted group and add up to the
 * scheme's full mark: a table that does not is scored on its own points,
 * rescaled to the full mark and flagged weights_off_scheme; under
 * `declared: {weights: strict}` it is rejected with the group named
 * (docs/national-scheme.md, "Weights").
 */
#include <math.h>
#include <string.h>

#include "evaluate.h"

/* The row scored by its method on `actual` (the department's figure, or
 * its reviewer's). */
static void score_with(const jx_rules *r, const jx_declared_row *row, jx_val actual,
                       const jx_level_word *level, jx_ind_result *ir, jx_arena *arena)
{
	const jx_target_lit *t = &row->target.lit;
	memset(ir, 0, sizeof(*ir));
	ir->actual = actual;
	ir->def = &row->target;
	ir->target = t->cmp == JX_CMP_WORD ? NAN : t->lo;
	ir->note = row->note;
	double deviation, rel;
	jx_ind_deviation(ir, &deviation, &rel);
	ir->needs_note = (uint8_t)(jx_beyond_tolerance(rel, r->declared.tolerance) && !ir->note);
	if (actual.kind == JX_VAL_NA || actual.kind == JX_VAL_MISSING) {
		int na = actual.kind == JX_VAL_NA;
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
	in.a = actual.kind == JX_VAL_NUM ? actual.u.num : NAN;
	in.word = level->word; /* read once, with the table (load/table.c) */
	in.word_len = level->len;
	in.has_fraction = level->has_fraction;
	in.fraction = level->fraction;
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

/* A row as its department wrote it, then as its reviewer found it
 * (docs/review.md): a corrected figure is scored by the rules; a score set
 * outright replaces the rules'; a code keeps its share; the reason cites
 * the code and the note. */
static void score_row(const jx_result *res, size_t k, jx_arena *arena)
{
	const jx_rules *r = res->rules;
	const jx_declared_row *row = &res->batch->declared.items[k];
	jx_ind_result *ir = &res->declared[k];
	const jx_review *rv = jx_result_declared_review(res, k);
	int corrected = jx_review_has_actual(rv);
	score_with(r, row, corrected ? rv->actual : row->actual,
	           corrected ? &rv->level : &row->level, ir, arena);
	if (!rv)
		return;
	if (!isnan(rv->score) && ir->status != JX_IND_EXCLUDED)
		ir->status = JX_IND_OK;
	if (ir->status == JX_IND_OK)
		ir->score = jx_review_score(r, rv, ir->score, row->weight);
	ir->reason = jx_review_reason(r, rv, ir->reason, arena);
}

/* Points of department d's table under group g: the rule set's own
 * indicators there and the rows whose path lies under it. */
static double points_under(const jx_result *res, size_t d, size_t g)
{
	const jx_rules *r = res->rules;
	double sum = r->groups[g].leaf_weight;
	for (size_t i = 0; res->batch->weights.n && i < r->n_indicators; i++)
		for (long p = r->indicators[i].group; p >= 0; p = r->groups[p].parent)
			if ((size_t)p == g) /* the table's own points for the rule's indicator */
				sum += jx_result_weight(res, d, i) - r->indicators[i].weight;
	for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++) {
		const jx_declared_row *row = &res->batch->declared.items[res->declared_order[k]];
		for (long p = row->group; p >= 0; p = r->groups[p].parent)
			if ((size_t)p == g)
				sum += row->weight;
	}
	return sum;
}

static void reject(jx_dept_result *dr, const char *reason)
{
	dr->status = JX_DEPT_REJECTED;
	dr->reason = reason;
}

/* The table's points against the scheme (docs/national-scheme.md,
 * "Weights"): a group whose rows do not fill its points, or a table that
 * does not add up to the full mark, is scored on its own points and
 * flagged weights_off_scheme (the total rescaled to the full mark when
 * evaluate/score.c aggregates); `weights: strict` rejects it instead. A
 * department with no rows of its own while the rule set's indicators do
 * not fill the scheme has no table to score. */
static void weigh_table(jx_result *res, size_t d, jx_arena *arena)
{
	const jx_rules *r = res->rules;
	jx_dept_result *dr = &res->depts[d];
	if (r->weights_free || dr->status == JX_DEPT_REJECTED)
		return;
	if (res->declared_start[d] == res->declared_start[d + 1] &&
	    fabs(r->full_mark - r->scheme_mark) > 1e-9) {
		reject(dr, "the department has no indicator table (rows of its own, read with "
		           "--indicators)");
		return;
	}
	const char *off = NULL;
	for (size_t g = 0; g < r->n_groups && !off; g++) {
		const jx_group *grp = &r->groups[g];
		double sum = grp->has_weight ? points_under(res, d, g) : 0;
		if (grp->has_weight && fabs(sum - grp->weight) > 1e-9)
			off = jx_arena_printf(arena,
			                      "the weights under group '%s' add up to %g, the "
			                      "group's weight is %g",
			                      grp->key, sum, grp->weight);
	}
	double total = r->full_mark + dr->declared_weight;
	for (size_t i = 0; res->batch->weights.n && i < r->n_indicators; i++)
		total += jx_result_weight(res, d, i) - r->indicators[i].weight;
	if (!off && fabs(total - r->scheme_mark) > 1e-9)
		off = jx_arena_printf(arena,
		                      "the department's indicators add up to %g points, not %g",
		                      total, r->scheme_mark);
	if (!off)
		return;
	if (r->declared.weights_strict)
		reject(dr, off);
	else
		dr->flags |= JX_DEPT_WEIGHTS_OFF_SCHEME;
}

void jx_score_declared(jx_result *res, size_t d, jx_arena *arena)
{
	const jx_rules *r = res->rules;
	if (!r->declared.enabled)
		return;
	for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++) {
		size_t row = res->declared_order[k];
		score_row(res, row, arena);
		res->depts[d].declared_weight += res->batch->declared.items[row].weight;
	}
	weigh_table(res, d, arena);
}
