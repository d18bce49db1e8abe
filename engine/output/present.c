/*
 * present.c - names and display forms shared by the writers (see present.h).
 */
#include "present.h"

#include <stdlib.h>

#include "../common/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/round.h"

const char *jx_ind_status_name(unsigned status)
{
	static const char *const names[] = {"ok", "missing", "undefined", "excluded", "error"};
	return status < 5 ? names[status] : "error";
}

const char *jx_dept_status_name(unsigned status)
{
	return status == JX_DEPT_SCORED ? "scored" : "rejected";
}

const char *jx_grade_name(const jx_rules *r, long grade)
{
	return grade >= 0 && (size_t)grade < r->n_grades ? r->grades[grade].grade : "";
}

void jx_present_number(char *buf, size_t size, double x, const jx_indicator *ind, int digits)
{
	if (!isfinite(x)) {
		snprintf(buf, size, "-");
		return;
	}
	const jx_unit *u = ind ? ind->unit : NULL;
	char num[64];
	if (u && u->dim == JX_DIM_RATIO) {
		jx_format_fixed(num, sizeof(num), x / u->factor, digits);
		snprintf(buf, size, "%s%s", num, u->name);
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(num, sizeof(num), "%.0f", x);
	else
		jx_format_fixed(num, sizeof(num), x, digits);
	snprintf(buf, size, "%s%s", num, ind && ind->unit_name ? ind->unit_name : "");
}

const char *jx_present_state_word(unsigned kind)
{
	return kind == JX_VAL_MISSING ? "缺失" : kind == JX_VAL_NA ? "不适用" : "无法计算";
}

void jx_present_actual(char *buf, size_t size, const jx_indicator *ind, const jx_ind_result *ir,
                       int digits)
{
	if (ir->actual.kind == JX_VAL_NUM)
		jx_present_number(buf, size, ir->actual.u.num, ind, digits);
	else if (ir->actual.kind == JX_VAL_TEXT)
		jx_utf8_copy(buf, size, ir->actual.u.text);
	else
		snprintf(buf, size, "%s", jx_present_state_word(ir->actual.kind));
}

const char *jx_present_target(char *buf, size_t size, const jx_indicator *ind,
                              const jx_ind_result *ir)
{
	const char *text = jx_ind_target_text(ir);
	if (text && *text)
		return text;
	if (!jx_ind_cmp(ir) || !isfinite(ir->target))
		return "-";
	/* a target_value expression: the number it gave this department */
	static const char *const ops[] = {"", ">=", ">", "<=", "<", "="};
	char number[96];
	jx_present_number(number, sizeof(number), ir->target, ind, 2);
	jx_cmp cmp = jx_ind_cmp(ir);
	snprintf(buf, size, "%s %s", cmp <= JX_CMP_EQ ? ops[cmp] : "", number);
	return buf;
}

void jx_present_flags(jx_buf *out, const jx_result *res, size_t dept, const char *sep)
{
	const jx_rules *r = res->rules;
	int first = 1;
	if (res->summary) {
		const char *outlier = jx_outlier_flag(res->summary->robust_z[dept]);
		if (outlier) {
			jx_buf_puts(out, outlier);
			first = 0;
		}
	}
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++) {
		if (!(res->depts[dept].flags & (1u << k)))
			continue;
		if (!first)
			jx_buf_puts(out, sep);
		jx_buf_puts(out, jx_dept_flag_name(k));
		first = 0;
	}
	for (size_t i = 0; i < r->n_indicators; i++) {
		if (!jx_result_cell(res, dept, i)->target_too_low)
			continue;
		if (!first)
			jx_buf_puts(out, sep);
		jx_buf_puts(out, "target_too_low:");
		jx_buf_puts(out, r->indicators[i].id);
		first = 0;
	}
}

size_t jx_dept_indicator_count(const jx_result *res, size_t dept)
{
	size_t declared =
	    res->declared_start ? res->declared_start[dept + 1] - res->declared_start[dept] : 0;
	return res->rules->n_indicators + declared;
}

void jx_dept_indicator(jx_ind_view *out, const jx_result *res, size_t dept, size_t k)
{
	const jx_rules *r = res->rules;
	memset(out, 0, sizeof(*out));
	if (k < r->n_indicators) {
		out->ind = &r->indicators[k];
		double w = jx_result_weight(res, dept, k);
		if (w != out->ind->weight) { /* the table's own points (a 20-point 预算执行率) */
			out->row_as_indicator = *out->ind;
			out->row_as_indicator.weight = w;
			out->ind = &out->row_as_indicator;
		}
		jx_result_ind(&out->result, res, dept, k);
		out->ir = &out->result;
		out->claimed = jx_result_claim(res, dept, k);
		out->review = jx_result_review(res, dept, k);
		return;
	}
	size_t n = k - r->n_indicators;
	size_t row = res->declared_order[res->declared_start[dept] + n];
	const jx_declared_row *dr = &res->batch->declared.items[row];
	jx_indicator *ind = &out->row_as_indicator;
	snprintf(out->id, sizeof(out->id), "declared.%zu", n + 1);
	ind->id = out->id;
	ind->name = dr->name;
	ind->path_key = dr->path_key ? dr->path_key : "";
	ind->group = dr->group;
	ind->weight = dr->weight;
	ind->unit = dr->target.lit.cmp == JX_CMP_WORD ? NULL : dr->target.lit.unit;
	ind->unit_name = ind->unit ? ind->unit->name : "";
	ind->target_src = dr->target.text;
	ind->has_target = 1;
	ind->target = dr->target.lit;
	ind->target_def = dr->target;
	ind->value_src = dr->actual_text;
	ind->method_name = jx_method_name(jx_declared_method(r, dr));
	ind->tolerance = r->declared.tolerance;
	ind->loc = dr->loc;
	out->ind = ind;
	out->ir = &res->declared[row];
	out->declared = 1;
	out->row = row;
	out->claimed = dr->claimed;
	out->review = jx_result_declared_review(res, row);
}

/* ---- 复核 --------------------------------------------------------------- */

double jx_view_difference(const jx_result *res, const jx_ind_view *v)
{
	if (v->ir->status == JX_IND_EXCLUDED)
		return NAN; /* not applicable: no score to compare with */
	return jx_claim_difference(v->claimed, v->ir->score, res->rules->precision);
}

static const jx_review_code *view_code(const jx_result *res, const jx_ind_view *v)
{
	if (!v->review || v->review->code < 0 ||
	    (size_t)v->review->code >= res->rules->n_review_codes)
		return NULL;
	return &res->rules->review_codes[v->review->code];
}

const char *jx_view_review_code(const jx_result *res, const jx_ind_view *v)
{
	const jx_review_code *c = view_code(res, v);
	return c ? c->code : NULL;
}

const char *jx_view_review_name(const jx_result *res, const jx_ind_view *v)
{
	const jx_review_code *c = view_code(res, v);
	return c ? c->name : NULL;
}

double jx_present_claimed_score(const jx_result *res, size_t dept)
{
	if (res->depts[dept].status != JX_DEPT_SCORED)
		return NAN;
	return jx_dept_claimed_score(res, dept);
}

int jx_dept_has_claims(const jx_result *res, size_t dept)
{
	if (!isnan(jx_dept_claimed_score(res, dept)))
		return 1;
	if (res->batch->claims.n)
		for (size_t i = 0; i < res->rules->n_indicators; i++)
			if (!isnan(jx_result_claim(res, dept, i)))
				return 1;
	if (!res->declared_start)
		return 0;
	for (size_t k = res->declared_start[dept]; k < res->declared_start[dept + 1]; k++)
		if (!isnan(res->batch->declared.items[res->declared_order[k]].claimed))
			return 1;
	return 0;
}

double jx_dept_claimed_rows(const jx_result *res, size_t dept, size_t *n_claimed)
{
	double sum = 0;
	size_t n = 0;
	for (size_t k = 0; k < jx_dept_indicator_count(res, dept); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, dept, k);
		if (!isnan(v.claimed)) {
			sum += v.claimed;
			n++;
		}
	}
	if (n_claimed)
		*n_claimed = n;
	return sum;
}

int jx_batch_has_claimed_total(const jx_result *res)
{
	for (size_t d = 0; d < res->n; d++)
		if (!isnan(res->batch->rows[d].claimed_total))
			return 1;
	return 0;
}

const char *jx_dept_flag_words(unsigned k)
{
	static const char *const words[JX_DEPT_FLAG_COUNT] = {
	    "分值与指标体系不符",
	    "自评得分高于规则得分",
	    "自评得分低于规则得分",
	    "全部满分",
	    "自评结果超前于预算执行（红色预警）",
	    "总分与各项得分之和不符",
	};
	return k < JX_DEPT_FLAG_COUNT ? words[k] : NULL;
}

void jx_present_review_note(jx_buf *out, const jx_result *res, const jx_ind_view *v)
{
	size_t start = out->len;
	const char *why = jx_present_explanation(v->ir);
	jx_buf_puts(out, why);
	const char *code = jx_view_review_code(res, v);
	if (code) {
		jx_buf_puts(out, out->len > start ? "；复核 " : "复核 ");
		jx_buf_puts(out, code);
		const char *name = jx_view_review_name(res, v);
		if (name && *name && !strstr(why, name)) { /* the reason may name it already */
			jx_buf_putc(out, ' ');
			jx_buf_puts(out, name);
		}
	}
	if (v->review && v->review->note && *v->review->note) {
		if (code)
			jx_buf_puts(out, "：");
		else
			jx_buf_puts(out, out->len > start ? "；复核意见：" : "复核意见：");
		jx_buf_puts(out, v->review->note);
	}
}

/* 说明 / 偏差原因: the first that applies. */
const char *jx_present_explanation(const jx_ind_result *ir)
{
	if (ir->status != JX_IND_OK)
		return ir->reason ? ir->reason : jx_ind_status_name(ir->status);
	if (ir->needs_note)
		return "偏差超出容差，缺偏差原因";
	if (ir->note)
		return ir->note;
	if (ir->target_too_low)
		return "远超目标，目标可能偏低";
	return "";
}

void jx_present_split_path(const char *key, char *first, char *second, size_t size)
{
	const char *slash = strchr(key, '/');
	size_t n = slash ? (size_t)(slash - key) : strlen(key);
	size_t keep = (size_t)jx_utf8_clip(key, n, size ? size - 1 : 0);
	snprintf(first, size, "%.*s", (int)keep, key);
	jx_utf8_copy(second, size, slash ? slash + 1 : "");
}

typedef struct {
	int rank; /* rejected last */
	size_t dept;
} ranked;

static int by_rank(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->dept < y->dept ? -1 : x->dept > y->dept;
}

int jx_present_rank_order(size_t *order, const jx_result *res)
{
	ranked *r = malloc(sizeof(ranked) * (res->n ? res->n : 1));
	if (!r)
		return -1;
	for (size_t d = 0; d < res->n; d++)
		r[d] = (ranked){res->depts[d].rank > 0 ? res->depts[d].rank : 1 << 30, d};
	qsort(r, res->n, sizeof(ranked), by_rank);
	for (size_t k = 0; k < res->n; k++)
		order[k] = r[k].dept;
	free(r);
	return 0;
}
