/*
 * result.c - the result container and what is read off it (see result.h):
 * allocation and freeing, the target in force for a department, the
 * expansion of a 24-byte cell into what a writer shows, completion and
 * deviation, and the flags every stage decides the same way (beyond
 * tolerance, target too low, outlier). The evaluate stage writes the
 * cells; nothing here scores.
 */
#include "result.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/round.h"
#include "../common/trace.h"

const jx_target_override *jx_result_override(const jx_result *res, size_t dept, size_t ind)
{
	const jx_sparse_index *ix = &res->target_index;
	const jx_target_override *found = NULL;
	if (!res->batch->targets.n) /* most batches: no department sets its own */
		return NULL;
	for (size_t k = ix->start[dept]; k < ix->start[dept + 1]; k++) {
		const jx_target_override *o = &res->batch->targets.items[ix->order[k]];
		if (o->indicator == ind)
			found = o; /* the last one written wins */
	}
	return found;
}

const char *jx_result_note(const jx_result *res, size_t dept, size_t ind)
{
	const jx_sparse_index *ix = &res->note_index;
	const char *found = NULL;
	if (!res->batch->notes.n)
		return NULL;
	for (size_t k = ix->start[dept]; k < ix->start[dept + 1]; k++) {
		const jx_note *note = &res->batch->notes.items[ix->order[k]];
		if (note->indicator == ind)
			found = note->text;
	}
	return found;
}

const char *jx_result_reason(const jx_result *res, uint32_t id)
{
	if (id == 0 || !res->n_reason_lists)
		return NULL;
	size_t n = res->n_reason_lists, j = (id - 1) % n, k = (id - 1) / n;
	return k < res->reasons[j].n ? res->reasons[j].items[k] : NULL;
}

/* The target in force for department d: its literal in *def and its
 * number (the department's override, else the rule's, else what the
 * rule's target_value gave). */
double jx_result_target(const jx_result *res, size_t d, size_t i, const jx_target_def **def)
{
	const jx_indicator *ind = &res->rules->indicators[i];
	const jx_target_override *o = jx_result_override(res, d, i);
	*def = o ? &o->def : ind->has_target || ind->target_value ? &ind->target_def : NULL;
	long slot = res->target_value_slot ? res->target_value_slot[i] : -1;
	if (slot >= 0 && !o)
		return res->target_values[d * res->n_target_values + (size_t)slot];
	return *def && (*def)->lit.cmp != JX_CMP_WORD ? (*def)->lit.lo : NAN;
}

void jx_result_ind(jx_ind_result *out, const jx_result *res, size_t d, size_t i)
{
	const jx_ind_cell *c = jx_result_cell(res, d, i);
	*out = (jx_ind_result){.actual = jx_cell_actual(res, c),
	                       .score = c->score,
	                       .reason = jx_result_reason(res, c->reason),
	                       .note = jx_result_note(res, d, i),
	                       .status = c->status,
	                       .needs_note = c->needs_note,
	                       .target_too_low = c->target_too_low,
	                       .overshoot = c->overshoot};
	out->target = jx_result_target(res, d, i, &out->def);
}

jx_result *jx_result_new(const jx_rules *r, const jx_batch *b)
{
	jx_result *res = calloc(1, sizeof(*res));
	if (!res)
		return NULL;
	res->rules = r;
	res->execution_index = r->execution_indicator
	                           ? jx_strmap_get(&r->indicator_map, r->execution_indicator,
	                                           strlen(r->execution_indicator))
	                           : -1;
	res->budget_slot = r->budget_variable ? jx_strmap_get(&r->variable_map, r->budget_variable,
	                                                      strlen(r->budget_variable))
	                                      : -1;
	res->batch = b;
	res->n = b->n;
	res->arena = jx_arena_new();
	size_t n = b->n ? b->n : 1;
	res->depts = calloc(n, sizeof(jx_dept_result));
	res->inds = calloc(n * (r->n_indicators ? r->n_indicators : 1), sizeof(jx_ind_cell));
	res->target_value_slot = malloc(sizeof(long) * (r->n_indicators ? r->n_indicators : 1));
	for (size_t i = 0; res->target_value_slot && i < r->n_indicators; i++)
		res->target_value_slot[i] =
		    r->indicators[i].target_value ? (long)res->n_target_values++ : -1;
	if (res->n_target_values)
		res->target_values = malloc(sizeof(double) * n * res->n_target_values);
	res->group_scores = calloc(n * (r->n_groups ? r->n_groups : 1), sizeof(double));
	res->checks = calloc(n * (r->n_checks ? r->n_checks : 1), sizeof(jx_check_result));
	res->declared = calloc(b->declared.n ? b->declared.n : 1, sizeof(jx_ind_result));
	if (!res->arena || !res->depts || !res->inds || !res->group_scores || !res->checks ||
	    !res->declared || !res->target_value_slot ||
	    (res->n_target_values && !res->target_values)) {
		jx_result_free(res);
		return NULL;
	}
	return res;
}

void jx_result_free(jx_result *res)
{
	if (!res)
		return;
	free(res->depts);
	free(res->inds);
	free(res->group_scores);
	free(res->checks);
	free(res->best);
	free(res->target_value_slot);
	free(res->target_values);
	for (size_t k = 0; res->reasons && k < res->n_reason_lists; k++)
		free(res->reasons[k].items);
	free(res->reasons);
	jx_sparse_index_free(&res->target_index);
	jx_sparse_index_free(&res->claim_index);
	jx_sparse_index_free(&res->review_index);
	jx_sparse_index_free(&res->weight_index);
	jx_sparse_index_free(&res->note_index);
	jx_sparse_index_free(&res->actual_index);
	free(res->declared);
	free(res->declared_start);
	free(res->declared_order);
	jx_summary_free(res->summary);
	for (size_t k = 0; k < res->n_arenas; k++)
		jx_arena_free(res->arenas[k]);
	free(res->arenas);
	jx_arena_free(res->arena);
	free(res);
	jx_trace("free the result");
}

double jx_ind_completion(const jx_ind_result *ir)
{
	jx_cmp cmp = jx_ind_cmp(ir);
	if (ir->actual.kind != JX_VAL_NUM || cmp == JX_CMP_WORD || cmp == JX_CMP_RANGE ||
	    !(ir->target > 0) || !isfinite(ir->actual.u.num) || !isfinite(ir->target))
		return NAN;
	return ir->actual.u.num / ir->target;
}

void jx_ind_deviation(const jx_ind_result *ir, double *deviation, double *relative)
{
	*deviation = *relative = NAN;
	if (ir->actual.kind != JX_VAL_NUM || isnan(ir->target))
		return;
	double a = ir->actual.u.num, t = ir->target;
	if (jx_ind_cmp(ir) == JX_CMP_RANGE) {
		double hi = jx_ind_target_hi(ir);
		t = a < t ? t : a > hi ? hi : a; /* the nearer bound; 0 inside */
	}
	*deviation = a - t;
	if (t != 0)
		*relative = (a - t) / fabs(t);
}

void jx_summary_free(jx_summary *s)
{
	if (!s)
		return;
	pthread_mutex_destroy(&s->lock);
	for (size_t i = 0; s->indicators && i < s->n_indicators; i++)
		free(s->indicators[i].unexplained);
	free(s->indicators);
	free(s->grade_counts);
	free(s->z);
	free(s->robust_z);
	free(s);
}

int jx_beyond_tolerance(double relative_deviation, double tolerance)
{
	return tolerance >= 0 && isfinite(relative_deviation) &&
	       fabs(relative_deviation) > tolerance + 1e-12;
}

int jx_target_too_low(double completion, const jx_method *m, jx_cmp cmp)
{
	double line = m->overshoot.set ? m->overshoot.above : JX_TARGET_TOO_LOW_DEFAULT;
	return isfinite(completion) && completion > line && cmp != JX_CMP_LE && cmp != JX_CMP_LT;
}

int jx_is_outlier(double robust_z)
{
	return isfinite(robust_z) && fabs(robust_z) > JX_OUTLIER_ROBUST_Z;
}

const char *jx_outlier_flag(double robust_z)
{
	return !jx_is_outlier(robust_z) ? NULL : robust_z > 0 ? "outlier_high" : "outlier_low";
}

const char *jx_dept_flag_name(unsigned k)
{
	static const char *const names[JX_DEPT_FLAG_COUNT] = {
	    "weights_off_scheme", "claim_above_rules",  "claim_below_rules",
	    "all_full_marks",     "ahead_of_execution", "claimed_sum_mismatch",
	};
	return k < JX_DEPT_FLAG_COUNT ? names[k] : NULL;
}

double jx_result_claim(const jx_result *res, size_t d, size_t ind)
{
	const jx_sparse_index *ix = &res->claim_index;
	double found = NAN;
	if (!res->batch->claims.n || !ix->start)
		return NAN;
	for (size_t k = ix->start[d]; k < ix->start[d + 1]; k++) {
		const jx_claim *c = &res->batch->claims.items[ix->order[k]];
		if (c->indicator == ind)
			found = c->claimed;
	}
	return found;
}

double jx_claim_difference(double claimed, double score, int precision)
{
	if (isnan(claimed) || !isfinite(score))
		return NAN;
	return jx_round(claimed - jx_round(score, precision), precision);
}

double jx_dept_claimed_score(const jx_result *res, size_t d)
{
	return res->batch->rows[d].claimed_total;
}

double jx_dept_score_difference(const jx_result *res, size_t d)
{
	const jx_dept_result *dr = &res->depts[d];
	if (dr->status == JX_DEPT_REJECTED)
		return NAN;
	return jx_claim_difference(jx_dept_claimed_score(res, d), dr->total, res->rules->precision);
}

const jx_review *jx_result_review(const jx_result *res, size_t d, size_t ind)
{
	const jx_sparse_index *ix = &res->review_index;
	const jx_review *found = NULL;
	if (!res->batch->reviews.n || !ix->start)
		return NULL;
	for (size_t k = ix->start[d]; k < ix->start[d + 1]; k++) {
		const jx_review *r = &res->batch->reviews.items[ix->order[k]];
		if (r->indicator >= 0 && (size_t)r->indicator == ind)
			found = r;
	}
	return found;
}

const jx_review *jx_result_declared_review(const jx_result *res, size_t row)
{
	long k = res->batch->declared.items[row].review;
	return k >= 0 ? &res->batch->reviews.items[k] : NULL;
}

double jx_result_own_weight(const jx_result *res, size_t d, size_t ind)
{
	const jx_sparse_index *ix = &res->weight_index;
	double w = res->rules->indicators[ind].weight;
	if (!res->batch->weights.n || !ix->start)
		return w;
	for (size_t k = ix->start[d]; k < ix->start[d + 1]; k++) {
		const jx_weight_override *o = &res->batch->weights.items[ix->order[k]];
		if (o->indicator == ind)
			w = o->weight;
	}
	return w;
}

/* ---- results against money ------------------------------------------------ */

static int budget_is_zero(const jx_result *res, size_t d)
{
	if (res->budget_slot < 0)
		return 0;
	jx_val budget = jx_batch_value(res->batch, d, (size_t)res->budget_slot);
	return budget.kind == JX_VAL_NUM && budget.u.num == 0;
}

void jx_execution_gap_of(jx_execution_gap *out, const jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	*out = (jx_execution_gap){0};
	if (res->execution_index < 0)
		return;
	size_t e = (size_t)res->execution_index;
	out->budget_zero = r->budget_variable && budget_is_zero(res, d);
	const jx_ind_cell *exec = jx_result_cell(res, d, e);
	out->exec_score = exec->score;
	out->exec_weight = jx_result_weight(res, d, e);
	if (exec->status == JX_IND_EXCLUDED || !(out->exec_weight > 0))
		return;
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_ind_cell *c = jx_result_cell(res, d, i);
		if (i == e || c->status == JX_IND_EXCLUDED)
			continue;
		out->scored += c->score;
		out->full += jx_result_weight(res, d, i);
	}
	for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++) {
		size_t row = res->declared_order[k];
		if (res->declared[row].status == JX_IND_EXCLUDED)
			continue;
		out->scored += res->declared[row].score;
		out->full += res->batch->declared.items[row].weight;
	}
	if (!(out->full > 0) || !(out->scored > 0))
		return;
	out->measured = 1;
	out->I = out->scored / out->full;
	out->E = out->exec_score / out->exec_weight;
}

int jx_ahead_of_execution(const jx_execution_gap *g)
{
	return g->budget_zero || (g->measured && (g->I - g->E) / g->I > 0.05 + 1e-12);
}
