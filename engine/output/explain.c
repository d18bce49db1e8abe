/*
 * explain.c - every step of a department's score, in the words of the
 * 自评表, with the department's own numbers substituted (man/jixiao.1, explain):
 * each indicator's expression, value, target, completion, method and its
 * formula, score; then the groups, the total, rescaling, rounding, grade
 * and rank. 复核 (docs/reports.md): where the department claimed a score,
 * the claim against the rules' score and why they differ; at the end its
 * claimed total against the computed one and its flags with their meaning.
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

/* Whether department d's table gave indicator i's value itself. */
static int given_actual(const jx_result *res, size_t d, size_t i)
{
	for (size_t k = 0; k < res->batch->actuals.n; k++)
		if (res->batch->actuals.items[k].dept == d &&
		    res->batch->actuals.items[k].indicator == i)
			return 1;
	return 0;
}

/* What the department claimed for a row against what the rules give, and
 * the sentence that ties the two to the formula above; then a reviewer's
 * finding. Nothing when the row carries neither. */
static void claim_steps(jx_buf *out, const jx_result *res, const jx_ind_view *v)
{
	int p = res->rules->precision;
	if (!isnan(v->claimed)) {
		char claimed[40], score[40], diff[40];
		jx_format_fixed(claimed, sizeof(claimed), v->claimed, p);
		jx_format_fixed(score, sizeof(score), v->ir->score, p);
		double x = jx_view_difference(res, v);
		if (isnan(x)) {
			jx_buf_printf(out, "  自评得分 %s，规则不计分（%s），无从比较\n", claimed,
			              jx_ind_status_name(v->ir->status));
		} else {
			jx_format_fixed(diff, sizeof(diff), fabs(x), p);
			jx_buf_printf(out, "  自评得分 %s，规则得分 %s，差异 %s − %s = %s%s\n",
			              claimed, score, claimed, score,
			              x > 0   ? "+"
			              : x < 0 ? "-"
			                      : "",
			              diff);
			if (x == 0)
				jx_buf_puts(out, "  自评得分与规则得分一致\n");
			else
				jx_buf_printf(
				    out,
				    "  规则得分是上面的计分方法（%s）用实际完成值算出的 %s 分，"
				    "自评%s计 %s 分%s\n",
				    v->ind->method_name, score, x > 0 ? "多" : "少", diff,
				    v->claimed > v->ind->weight + 1e-9 ? "（自评得分超过该项分值）"
				                                       : "");
		}
	}
	const char *code = jx_view_review_code(res, v);
	if (code) {
		const jx_review_code *rc = &res->rules->review_codes[v->review->code];
		jx_buf_printf(out, "  复核 %s %s", code, rc->name ? rc->name : "");
		if (!isnan(rc->keep))
			jx_buf_printf(out, "（保留得分的 %g%%）", rc->keep * 100);
		jx_buf_putc(out, '\n');
	}
	if (v->review && v->review->note && *v->review->note)
		jx_buf_printf(out, "  复核意见：%s\n", v->review->note);
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
	              *ind->path_key ? ind->path_key : "-", jx_result_weight(res, d, i));
	jx_present_actual(shown, sizeof(shown), ind, ir, r->precision);
	value_text(num, sizeof(num), ir->actual);
	if (given_actual(res, d, i)) {
		/* the department's table gave it (a row named like the indicator) */
		jx_buf_printf(out, "  实际完成值 = %s（%s，部门表中填报，代替 %s）\n", num, shown,
		              ind->value_src);
	} else {
		jx_buf_printf(out, "  实际完成值 = %s\n", ind->value_src);
		jx_buf_puts(out, "           = ");
		substitute(out, res, d, ind->value_src);
		jx_buf_printf(out, "\n           = %s（%s）\n", num, shown);
	}
	char target[128];
	if (jx_ind_cmp(ir))
		jx_buf_printf(out, "  年度指标值 %s%s\n",
		              jx_present_target(target, sizeof(target), ind, ir),
		              ir->def != &ind->target_def ? "（部门填报）" : "");
	if (ir->status != JX_IND_OK && ir->status != JX_IND_UNDEFINED) {
		jx_buf_printf(out, "  状态 %s：%s\n", jx_ind_status_name(ir->status),
		              ir->reason ? ir->reason : "");
		jx_buf_printf(out, "  得分 %s\n",
		              ir->status == JX_IND_EXCLUDED ? "不计（不适用，按百分制折算）"
		                                            : "0（缺失按 0 分）");
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, i);
		claim_steps(out, res, &v);
		jx_buf_putc(out, '\n');
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
	jx_buf_printf(out, "  得分 %s（未舍入 %.10g）\n", num, ir->score);
	jx_ind_view v;
	jx_dept_indicator(&v, res, d, i);
	claim_steps(out, res, &v);
	jx_buf_putc(out, '\n');
}

/* The formula a declared row was scored by, with its numbers: the method
 * input built as evaluate/declared.c builds it. */
static void declared_formula(jx_buf *out, const jx_result *res, const jx_ind_view *v)
{
	const jx_declared_row *row = &res->batch->declared.items[v->row];
	const jx_ind_result *ir = v->ir;
	jx_method_input in = {0};
	in.cmp = row->target.lit.cmp;
	in.t = ir->target;
	in.t_hi = jx_ind_target_hi(ir);
	in.w = row->weight;
	in.a = row->actual.kind == JX_VAL_NUM ? row->actual.u.num : NAN;
	in.word = row->level.word;
	in.word_len = row->level.len;
	in.has_fraction = row->level.has_fraction;
	in.fraction = row->level.fraction;
	char formula[512];
	jx_method_explain(&res->rules->declared.methods[jx_declared_method(res->rules, row)], &in,
	                  NULL, formula, sizeof(formula));
	jx_buf_printf(out, "  计分方法 %s（按 declared: 规则）：%s\n", v->ind->method_name,
	              formula);
}

/* A row of the department's own 自评表 (docs/data.md §3). */
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
	if (ir->status == JX_IND_OK || ir->status == JX_IND_UNDEFINED)
		declared_formula(out, res, &v);
	else
		jx_buf_printf(out, "  计分方法 %s（按 declared: 规则）\n", ind->method_name);
	if (ir->status != JX_IND_OK)
		jx_buf_printf(out, "  状态 %s：%s\n", jx_ind_status_name(ir->status),
		              ir->reason ? ir->reason : "");
	if (ir->note)
		jx_buf_printf(out, "  偏差原因：%s\n", ir->note);
	jx_format_fixed(num, sizeof(num), ir->score, res->rules->precision);
	jx_buf_printf(out, "  得分 %s（未舍入 %.10g）\n", num, ir->score);
	claim_steps(out, res, &v);
	jx_buf_putc(out, '\n');
}

/* ahead_of_execution's numbers, as the model decides it
 * (jx_execution_gap_of). */
static void ahead_numbers(jx_buf *out, const jx_result *res, size_t d)
{
	jx_execution_gap g;
	jx_execution_gap_of(&g, res, d);
	if (g.budget_zero) {
		jx_buf_printf(out, "    预算（%s）为 0：有产出、效益而无资金\n",
		              res->rules->budget_variable);
		return;
	}
	if (!g.measured)
		return;
	jx_buf_printf(out, "    I = 指标得分 / 指标分值 = %.6g / %g = %.6g\n", g.scored, g.full,
	              g.I);
	jx_buf_printf(out, "    E = 预算执行得分 / 分值 = %.6g / %g = %.6g\n", g.exec_score,
	              g.exec_weight, g.E);
	jx_buf_printf(out, "    (I − E) / I = %.2f%% > 5%%（全国平台的红色自评预警）\n",
	              (g.I - g.E) / g.I * 100);
}

/* The claimed total against the computed one and the 复核 flags with what
 * each means (docs/reports.md, "复核"). */
static void review_totals(jx_buf *out, const jx_result *res, size_t d)
{
	const jx_dept_result *dr = &res->depts[d];
	int p = res->rules->precision;
	char claimed[40], total[40], diff[40];
	double x = jx_dept_score_difference(res, d);
	if (!isnan(x)) {
		jx_format_fixed(claimed, sizeof(claimed), jx_present_claimed_score(res, d), p);
		jx_format_fixed(total, sizeof(total), dr->total_rounded, p);
		jx_format_fixed(diff, sizeof(diff), fabs(x), p);
		jx_buf_printf(out, "自评总分 %s，规则总分 %s，差异 %s − %s = %s%s\n", claimed,
		              total, claimed, total,
		              x > 0   ? "+"
		              : x < 0 ? "-"
		                      : "",
		              diff);
	}
	if (!dr->flags)
		return;
	jx_buf_puts(out, "复核标志\n");
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++) {
		unsigned bit = 1u << k;
		if (!(dr->flags & bit))
			continue;
		jx_buf_printf(out, "  %s（%s）：", jx_dept_flag_name(k), jx_dept_flag_words(k));
		if (bit == JX_DEPT_WEIGHTS_OFF_SCHEME) {
			jx_buf_puts(out, "表中一级指标的分值与指标体系的不同，或合计不是满分；"
			                 "按表中分值计分，按百分制折算\n");
		} else if (bit == JX_DEPT_CLAIM_ABOVE_RULES || bit == JX_DEPT_CLAIM_BELOW_RULES) {
			jx_buf_printf(out, "自评总分比规则总分%s超过末位小数的一半（差异 %s%s）\n",
			              bit == JX_DEPT_CLAIM_ABOVE_RULES ? "高" : "低",
			              x > 0   ? "+"
			              : x < 0 ? "-"
			                      : "",
			              isnan(x) ? "-" : diff);
		} else if (bit == JX_DEPT_ALL_FULL_MARKS) {
			jx_buf_puts(out, "除预算执行率外，每一项都自评满分\n");
		} else if (bit == JX_DEPT_AHEAD_OF_EXECUTION) {
			jx_buf_puts(out, "产出、效益的得分率超前于预算执行的得分率 5% 以上\n");
			ahead_numbers(out, res, d);
		} else if (bit == JX_DEPT_CLAIMED_SUM_MISMATCH) {
			char sum[40];
			jx_format_fixed(sum, sizeof(sum), jx_dept_claimed_rows(res, d, NULL), p);
			jx_format_fixed(claimed, sizeof(claimed), jx_dept_claimed_score(res, d), p);
			jx_buf_printf(out, "表中总分 %s，各项自评得分合计 %s\n", claimed, sum);
		}
	}
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
	double raw = 0, points = 0;
	for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		if (v.ir->status != JX_IND_EXCLUDED) {
			raw += v.ir->score;
			points += v.ind->weight;
		}
	}
	jx_buf_printf(out, "总分 = Σ 未舍入得分 = %.10g\n", raw);
	double away = dr->excluded_weight + r->removed_weight;
	if (away > 0)
		jx_buf_printf(out,
		              "不适用或删除的指标共 %g 分，按百分制折算：%.10g × %g / %g = %.10g\n",
		              away, raw, r->full_mark + dr->declared_weight,
		              r->full_mark + dr->declared_weight - away, dr->total);
	else if (dr->status == JX_DEPT_SCORED && points > 0 && fabs(raw - dr->total) > 1e-9)
		/* a table whose points do not add up to the full mark
		 * (docs/reports.md, "复核"): rescaled, flagged weights_off_scheme */
		jx_buf_printf(out, "表中各项分值合计 %g，按百分制折算：%.10g × %g / %g = %.10g\n",
		              points, raw, r->scheme_mark, points, dr->total);
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
	review_totals(out, res, d);
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

int jx_result_explain(const jx_result *res, size_t d, const char *indicator_id, jx_write_fn write,
                      void *ctx)
{
	if (!res || !write || d >= res->n)
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
	if (rc == JX_OK && out.len && write(ctx, out.data, out.len) != 0)
		rc = JX_EIO;
	jx_buf_free(&out);
	return rc;
}
