/*
 * review.c - 复核: what a department's own table claims against what the
 * rules give (docs/review.md). Per department, after its total: the flags
 * claim_above_rules / claim_below_rules, all_full_marks,
 * ahead_of_execution (the national platform's red 自评预警) and
 * claimed_sum_mismatch. weights_off_scheme is decided with the table's
 * points (declared.c). Differences themselves are read off the result
 * when written (model/result.c), so every writer shows the same numbers.
 */
#include <math.h>
#include <string.h>

#include "../common/buf.h"
#include "evaluate.h"

/* ---- a reviewer's findings ---------------------------------------------------- */

double jx_review_score(const jx_rules *r, const jx_review *rv, double score, double w)
{
	if (!isnan(rv->score))
		score = rv->score < 0 ? 0 : rv->score > w ? w : rv->score;
	if (rv->code >= 0 && !isnan(r->review_codes[rv->code].keep))
		score *= r->review_codes[rv->code].keep;
	return score;
}

const char *jx_review_reason(const jx_rules *r, const jx_review *rv, const char *before,
                             jx_arena *arena)
{
	jx_buf text = {0};
	if (before && *before)
		jx_buf_printf(&text, "%s; ", before);
	jx_buf_puts(&text, "复核");
	if (rv->code >= 0) {
		const jx_review_code *c = &r->review_codes[rv->code];
		jx_buf_printf(&text, " %s %s", c->code, c->name ? c->name : "");
		if (!isnan(c->keep))
			jx_buf_printf(&text, "（保留 %g%%）", c->keep * 100);
	}
	if (jx_review_has_actual(rv))
		jx_buf_puts(&text, "：实际完成值按复核");
	if (!isnan(rv->score))
		jx_buf_printf(&text, "：得分定为 %g", rv->score);
	if (rv->note && *rv->note)
		jx_buf_printf(&text, "：%s", rv->note);
	const char *out = text.failed ? NULL : jx_arena_strdup(arena, jx_buf_cstr(&text));
	jx_buf_free(&text);
	return out;
}

/* ---- what the table claims -------------------------------------------------------- */

/* Half the last decimal shown: a claim within it is the computed score. */
static double half_last_decimal(int precision)
{
	return 0.5 * pow(10, -precision) + 1e-9;
}

static int is_execution(const jx_result *res, size_t ind)
{
	return res->execution_index >= 0 && (size_t)res->execution_index == ind;
}

/* What the table claims, row by row: the sum of the 得分 written, how many
 * rows carry one, and whether every indicator row (execution aside) is
 * claimed at full marks. */
typedef struct {
	double sum;
	size_t claimed, rows;
	int all_full;
} claims_seen;

static void see_claim(claims_seen *cs, double claimed, double weight, int counts_for_full)
{
	if (counts_for_full) {
		cs->rows++;
		cs->all_full &= !isnan(claimed) && fabs(claimed - weight) <= 1e-9;
	}
	if (isnan(claimed))
		return;
	cs->sum += claimed;
	cs->claimed++;
}

static claims_seen table_claims(const jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	claims_seen cs = {0, 0, 0, 1};
	for (size_t i = 0; i < r->n_indicators; i++) {
		double c = jx_result_claim(res, d, i); /* a defined indicator the table wrote */
		if (!isnan(c))
			see_claim(&cs, c, jx_result_weight(res, d, i), !is_execution(res, i));
	}
	for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++) {
		const jx_declared_row *row = &res->batch->declared.items[res->declared_order[k]];
		see_claim(&cs, row->claimed, row->weight, 1);
	}
	return cs;
}

/* Results running ahead of money: decided once, in the model
 * (jx_ahead_of_execution), so explain shows the same numbers. */
static int ahead_of_execution(const jx_result *res, size_t d)
{
	jx_execution_gap g;
	jx_execution_gap_of(&g, res, d);
	return jx_ahead_of_execution(&g);
}

void jx_review_department(jx_result *res, size_t d)
{
	jx_dept_result *dr = &res->depts[d];
	if (dr->status == JX_DEPT_REJECTED)
		return;
	int p = res->rules->precision;
	/* most batches claim nothing: then there is nothing to look through */
	int claims = res->batch->claims.n || res->declared_start[d] < res->declared_start[d + 1];
	claims_seen cs = claims ? table_claims(res, d) : (claims_seen){0, 0, 0, 1};
	if (cs.rows && cs.all_full)
		dr->flags |= JX_DEPT_ALL_FULL_MARKS;
	if (ahead_of_execution(res, d))
		dr->flags |= JX_DEPT_AHEAD_OF_EXECUTION;
	double total = jx_dept_claimed_score(res, d);
	if (isnan(total))
		return;
	if (total - dr->total > half_last_decimal(p))
		dr->flags |= JX_DEPT_CLAIM_ABOVE_RULES;
	else if (dr->total - total > half_last_decimal(p))
		dr->flags |= JX_DEPT_CLAIM_BELOW_RULES;
	if (cs.claimed && fabs(total - cs.sum) > half_last_decimal(p))
		dr->flags |= JX_DEPT_CLAIMED_SUM_MISMATCH;
}
