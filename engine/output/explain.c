/*
 * explain.c - every step of a department's score, in the words of the
 * 自评表, with the department's own numbers substituted (spec §5, explain):
 * each indicator's expression, value, target, completion, method and its
 * formula, score; then the groups, the total, rescaling, rounding, grade
 * and rank.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/round.h"
#include "../common/utf8.h"
#include "../evaluate/evaluate.h"
#include "output.h"
#include "present.h"

static int ident_char(unsigned char c)
{
	return c >= 0x80 || c == '_' || c == '.' || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static void value_text(char *buf, size_t size, jx_val v)
{
	if (v.kind == JX_VAL_NUM)
		jx_format_shortest(buf, size, v.u.num);
	else if (v.kind == JX_VAL_TEXT)
		jx_utf8_copy(buf, size, v.u.text);
	else
		snprintf(buf, size, "%s", jx_present_state_word(v.kind));
}

/* The expression with each variable and indicator.<id> replaced by the
 * department's value: "1607 / 4561". */
static void substitute(jx_buf *out, const jx_result *res, size_t d, const char *src)
{
	const jx_rules *r = res->rules;
	const unsigned char *p = (const unsigned char *)src;
	while (*p) {
		int starts_word = ident_char(*p) && !(*p >= '0' && *p <= '9') && *p != '.';
		if (!starts_word) {
			jx_buf_putc(out, (char)*p++);
			continue;
		}
		const unsigned char *start = p;
		while (*p && ident_char(*p))
			p++;
		size_t n = (size_t)(p - start);
		char text[64];
		long slot = jx_strmap_get(&r->variable_map, (const char *)start, n);
		long ind = n > 10 && memcmp(start, "indicator.", 10) == 0
		               ? jx_strmap_get(&r->indicator_map, (const char *)start + 10, n - 10)
		               : -1;
		if (slot >= 0) {
			value_text(text, sizeof(text), jx_batch_value(res->batch, d, (size_t)slot));
			jx_buf_puts(out, text);
		} else if (ind >= 0) {
			value_text(text, sizeof(text),
			           jx_cell_actual(res, jx_result_cell(res, d, (size_t)ind)));
			jx_buf_puts(out, text);
		} else {
			jx_buf_append(out, (const char *)start, n);
		}
	}
}

static void indicator_steps(jx_buf *out, const jx_result *res, size_t d, size_t i)
{
	const jx_rules *r = res->rules;
	const jx_indicator *ind = &r->indicators[i];
	jx_ind_result result;
	jx_result_ind(&result, res, d, i);
	const jx_ind_result *ir = &result;
	char shown[128], num[64];
	jx_buf_printf(out, "【%s】%s  %s  分值 %g\n", ind->name, ind->id,
	              *ind->path_key ? ind->path_key : "-", ind->weight);
	jx_buf_printf(out, "  实际完成值 = %s\n", ind->value_src);
	jx_buf_puts(out, "           = ");
	substitute(out, res, d, ind->value_src);
	jx_present_actual(shown, sizeof(shown), ind, ir, r->precision);
	value_text(num, sizeof(num), ir->actual);
	jx_buf_printf(out, "\n           = %s（%s）\n", num, shown);
	char target[128];
	if (jx_ind_cmp(ir))
		jx_buf_printf(out, "  年度指标值 %s%s\n",
		              jx_present_target(target, sizeof(target), ind, ir),
		              ir->def != &ind->target_def ? "（部门填报）" : "");
	if (ir->status != JX_IND_OK && ir->status != JX_IND_UNDEFINED) {
		jx_buf_printf(out, "  状态 %s：%s\n", jx_ind_status_name(ir->status),
		              ir->reason ? ir->reason : "");
		jx_buf_printf(out, "  得分 %s\n\n",
		              ir->status == JX_IND_EXCLUDED ? "不计（不适用，按百分制折算）"
		                                            : "0（缺失按 0 分）");
		return;
	}
	if (isfinite(jx_ind_completion(ir)))
		jx_buf_printf(out, "  完成率 c = a / t = %.6g\n", jx_ind_completion(ir));
	jx_method_input in;
	jx_eval_input vars;
	jx_method_input_for(&in, &vars, res, d, i);
	char formula[512];
	jx_method_explain(&ind->method, &in, NULL, formula, sizeof(formula));
	jx_buf_printf(out, "  计分方法 %s：%s\n", ind->method_name, formula);
	if (ir->status == JX_IND_UNDEFINED)
		jx_buf_printf(out, "  无法计算：%s\n", ir->reason ? ir->reason : "");
	double deviation, relative;
	jx_ind_deviation(ir, &deviation, &relative);
	if (isfinite(deviation)) {
		jx_buf_printf(out, "  偏差 %+.6g", deviation);
		if (isfinite(relative))
			jx_buf_printf(out, "（相对 %+.2f%%）", relative * 100);
		if (ind->tolerance >= 0)
			jx_buf_printf(out, "，容差 %g%%：%s", ind->tolerance * 100,
			              ir->needs_note ? "超出，须填写偏差原因"
			              : ir->note     ? "已说明"
			                             : "无需说明");
		jx_buf_putc(out, '\n');
	}
	if (ir->note)
		jx_buf_printf(out, "  偏差原因：%s\n", ir->note);
	jx_format_fixed(num, sizeof(num), ir->score, r->precision);
	jx_buf_printf(out, "  得分 %s（未舍入 %.10g）\n\n", num, ir->score);
}

/* A row of the department's own 自评表 (spec §2.2). */
static void declared_steps(jx_buf *out, const jx_result *res, size_t d, size_t k)
{
	jx_ind_view v;
	jx_dept_indicator(&v, res, d, k);
	const jx_indicator *ind = v.ind;
	const jx_ind_result *ir = v.ir;
	char shown[128], num[64];
	jx_buf_printf(out, "【%s】%s（部门自报指标）  %s  分值 %g\n", ind->name, ind->id,
	              *ind->path_key ? ind->path_key : "-", ind->weight);
	jx_present_actual(shown, sizeof(shown), ind, ir, res->rules->precision);
	jx_buf_printf(out, "  实际完成值 %s（填报 %s）\n", shown, ind->value_src);
	jx_buf_printf(out, "  年度指标值 %s\n", ind->target_src);
	if (isfinite(jx_ind_completion(ir)))
		jx_buf_printf(out, "  完成率 c = a / t = %.6g\n", jx_ind_completion(ir));
	jx_buf_printf(out, "  计分方法 %s（按 declared: 规则）\n", ind->method_name);
	if (ir->status != JX_IND_OK)
		jx_buf_printf(out, "  状态 %s：%s\n", jx_ind_status_name(ir->status),
		              ir->reason ? ir->reason : "");
	if (ir->note)
		jx_buf_printf(out, "  偏差原因：%s\n", ir->note);
	jx_format_fixed(num, sizeof(num), ir->score, res->rules->precision);
	jx_buf_printf(out, "  得分 %s（未舍入 %.10g）\n\n", num, ir->score);
}

static void totals(jx_buf *out, const jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	const jx_dept_result *dr = &res->depts[d];
	char num[64];
	jx_buf_puts(out, "指标分组得分\n");
	for (size_t g = 0; g < r->n_groups; g++) {
		const jx_group *grp = &r->groups[g];
		jx_format_fixed(num, sizeof(num), res->group_scores[d * r->n_groups + g],
		                r->precision);
		jx_buf_printf(out, "  %*s%s  %s / %g\n", (grp->depth - 1) * 2, "", grp->name, num,
		              grp->has_weight ? grp->weight : grp->leaf_weight);
	}
	double raw = 0;
	for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		if (v.ir->status != JX_IND_EXCLUDED)
			raw += v.ir->score;
	}
	jx_buf_printf(out, "总分 = Σ 未舍入得分 = %.10g\n", raw);
	double away = dr->excluded_weight + r->removed_weight;
	if (away > 0)
		jx_buf_printf(out,
		              "不适用或删除的指标共 %g 分，按百分制折算：%.10g × %g / %g = %.10g\n",
		              away, raw, r->full_mark + dr->declared_weight,
		              r->full_mark + dr->declared_weight - away, dr->total);
	if (dr->status != JX_DEPT_SCORED) {
		jx_buf_printf(out, "未评分（rejected）：%s\n", dr->reason ? dr->reason : "");
		return;
	}
	jx_format_fixed(num, sizeof(num), dr->total_rounded, r->precision);
	jx_buf_printf(out, "四舍五入到 %d 位小数（电子表格 ROUND）：%s\n", r->precision, num);
	if (dr->grade >= 0)
		jx_buf_printf(out, "等级：%s ≥ %g → %s\n", num, r->grades[dr->grade].min,
		              r->grades[dr->grade].grade);
	jx_buf_printf(out, "排名：%d / %zu（按舍入后的总分，同分同名次）\n", dr->rank,
	              res->n - res->rejected);
}

int jx_result_find(size_t *out, const jx_result *res, const char *dept_id)
{
	if (!out || !res || !dept_id)
		return JX_EINVAL;
	long row = jx_strmap_get(&res->batch->id_map, dept_id, strlen(dept_id));
	if (row < 0)
		return JX_ENOTFOUND;
	*out = (size_t)row;
	return JX_OK;
}

int jx_result_explain(const jx_result *res, size_t d, const char *indicator_id, FILE *stream)
{
	if (!res || !stream || d >= res->n)
		return JX_EINVAL;
	const jx_rules *r = res->rules;
	long only = -1;
	if (indicator_id) {
		only = jx_strmap_get(&r->indicator_map, indicator_id, strlen(indicator_id));
		if (only < 0)
			return JX_ENOTFOUND;
	}
	jx_buf out = {0};
	const jx_dept_row *row = &res->batch->rows[d];
	jx_buf_printf(&out, "%s（%s）", row->name, row->id);
	if (row->fiscal_year)
		jx_buf_printf(&out, " %d年度", row->fiscal_year);
	jx_buf_printf(&out, " — 指标体系 %s %s（sha256 %.12s）\n\n", r->id, r->version, r->sha256);
	if (row->reject_reason) {
		jx_buf_printf(&out, "数据无法读取，未评分：%s\n", row->reject_reason);
	} else {
		for (size_t i = 0; i < r->n_indicators; i++)
			if (only < 0 || (size_t)only == i)
				indicator_steps(&out, res, d, i);
		for (size_t k = r->n_indicators; only < 0 && k < jx_dept_indicator_count(res, d);
		     k++)
			declared_steps(&out, res, d, k);
		if (only < 0)
			totals(&out, res, d);
	}
	int rc = out.failed ? JX_ENOMEM : JX_OK;
	if (rc == JX_OK && fwrite(jx_buf_cstr(&out), 1, out.len, stream) != out.len)
		rc = JX_EIO;
	jx_buf_free(&out);
	return rc;
}
