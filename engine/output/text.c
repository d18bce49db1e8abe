/*
 * text.c - the terminal form: a 自评表-style table per department, then the
 * batch summary. Columns are padded by display width (a Chinese character
 * takes two cells), so Chinese and Latin text line up. 复核 (docs/reports.md):
 * a department whose table claims scores gets 自评得分 and 差异 columns, its
 * claimed total against the computed one and its flags in words; the
 * summary counts claims and flags and names the largest differences.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/round.h"
#include "../common/utf8.h"
#include "output.h"
#include "present.h"

typedef struct {
	const char *title;
	int width; /* minimum; widened to the rule set's longest text */
	int right; /* right-aligned (numbers) */
} column;

static const column columns[] = {
    {"一级指标", 8, 0},    {"二级指标", 8, 0}, {"三级指标", 8, 0}, {"年度指标值", 10, 0},
    {"实际完成值", 10, 1}, {"分值", 4, 1},     {"得分", 6, 1},     {"自评得分", 8, 1},
    {"差异", 6, 1},        {"说明", 0, 0},
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))
/* 自评得分 and 差异: shown for a department whose table claims scores */
#define COL_CLAIMED 7
#define COL_DIFF    8

static int shown(size_t c, int claims)
{
	return claims || (c != COL_CLAIMED && c != COL_DIFF);
}

/* A difference as shown: "+13.82", "0.00", "-1.90"; "-" when none. */
static void format_difference(char *buf, size_t size, double x, int digits)
{
	if (isnan(x)) {
		snprintf(buf, size, "-");
		return;
	}
	size_t sign = jx_round(x, digits) > 0 && size > 1;
	if (sign)
		buf[0] = '+';
	jx_format_fixed(buf + sign, size - sign, x, digits);
}

static void format_score(char *buf, size_t size, double x, int digits)
{
	if (isnan(x))
		snprintf(buf, size, "-");
	else
		jx_format_fixed(buf, size, x, digits);
}

/* Column widths for one result, so every department's table lines up. */
typedef struct {
	int width[NCOLS];
} layout;

static void pad_cell(jx_buf *out, const char *s, int width, int right)
{
	size_t w = jx_utf8_width(s, strlen(s));
	size_t fill = (size_t)width > w ? (size_t)width - w : 0;
	if (right)
		for (size_t i = 0; i < fill; i++)
			jx_buf_putc(out, ' ');
	jx_buf_puts(out, s);
	if (!right)
		for (size_t i = 0; i < fill; i++)
			jx_buf_putc(out, ' ');
}

static void row(jx_buf *out, const layout *lay, const char *const cells[NCOLS], int claims)
{
	for (size_t c = 0; c < NCOLS; c++) {
		if (!shown(c, claims))
			continue;
		if (c == NCOLS - 1 && !*cells[c])
			break;
		pad_cell(out, cells[c], lay->width[c], columns[c].right);
		if (c < NCOLS - 1)
			jx_buf_puts(out, "  ");
	}
	/* trailing spaces of the padding are not part of the table */
	while (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	jx_buf_putc(out, '\n');
}

static void rule_line(jx_buf *out, const layout *lay, int claims)
{
	int total = 0;
	for (size_t c = 0; c < NCOLS - 1; c++)
		if (shown(c, claims))
			total += lay->width[c] + 2;
	for (int i = 0; i < total + 8; i++)
		jx_buf_puts(out, "─");
	jx_buf_putc(out, '\n');
}

/* Splits "产出指标/数量指标" into its first two levels. */
static void indicator_row(jx_buf *out, const layout *lay, const jx_result *res,
                          const jx_ind_view *v, int claims)
{
	const jx_rules *r = res->rules;
	const jx_indicator *ind = v->ind;
	const jx_ind_result *ir = v->ir;
	char first[128], second[128], actual[128], weight[32], score[32], why[512], target[128];
	char claimed[32], difference[32];
	format_score(claimed, sizeof(claimed), v->claimed, r->precision);
	format_difference(difference, sizeof(difference), jx_view_difference(res, v), r->precision);
	jx_buf note = {0};
	jx_present_review_note(&note, res, v);
	jx_present_split_path(ind->path_key, first, second, sizeof(first));
	jx_present_actual(actual, sizeof(actual), ind, ir, r->precision);
	snprintf(weight, sizeof(weight), "%g", ind->weight);
	if (ir->status == JX_IND_EXCLUDED)
		snprintf(score, sizeof(score), "-");
	else
		jx_format_fixed(score, sizeof(score), ir->score, r->precision);
	const char *cells[NCOLS] = {first,      second,
	                            ind->name,  jx_present_target(target, sizeof(target), ind, ir),
	                            actual,     weight,
	                            score,      claimed,
	                            difference, jx_utf8_copy(why, sizeof(why), jx_buf_cstr(&note))};
	row(out, lay, cells, claims);
	jx_buf_free(&note);
}

static void widen(layout *lay, size_t c, const char *s)
{
	int w = (int)jx_utf8_width(s, strlen(s));
	if (w > lay->width[c])
		lay->width[c] = w;
}

static void widen_row(layout *lay, const char *path_key, const char *name, const char *target)
{
	char first[128], second[128];
	jx_present_split_path(path_key, first, second, sizeof(first));
	widen(lay, 0, first);
	widen(lay, 1, second);
	widen(lay, 2, name);
	widen(lay, 3, target);
}

/* Widths from the rule set's indicators and the departments' own rows. */
static void compute_layout(layout *lay, const jx_result *res)
{
	const jx_rules *r = res->rules;
	for (size_t c = 0; c < NCOLS; c++)
		lay->width[c] = columns[c].width;
	for (size_t i = 0; i < r->n_indicators; i++)
		widen_row(lay, r->indicators[i].path_key, r->indicators[i].name,
		          r->indicators[i].target_src);
	for (size_t k = 0; k < res->batch->declared.n; k++) {
		const jx_declared_row *row = &res->batch->declared.items[k];
		widen_row(lay, row->path_key ? row->path_key : "", row->name, row->target.text);
	}
	for (size_t c = 0; c < 3; c++)
		if (lay->width[c] > 40)
			lay->width[c] = 40; /* longer names push their row, not the table */
}

static void department_header(jx_buf *out, const jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	const jx_dept_row *dr_in = &res->batch->rows[d];
	const jx_dept_result *dr = &res->depts[d];
	jx_buf_printf(out, "%s（%s）", dr_in->name[0] ? dr_in->name : dr_in->id, dr_in->id);
	if (dr_in->fiscal_year)
		jx_buf_printf(out, "  %d年度", dr_in->fiscal_year);
	jx_buf_putc(out, '\n');
	if (dr->status != JX_DEPT_SCORED) {
		jx_buf_printf(out, "状态：rejected（未评分）  原因：%s\n",
		              dr->reason ? dr->reason : "");
		return;
	}
	char total[32];
	jx_format_fixed(total, sizeof(total), dr->total_rounded, r->precision);
	jx_buf_printf(out, "总分 %s  等级 %s  排名 %d/%zu", total, jx_grade_name(r, dr->grade),
	              dr->rank, res->n - res->rejected);
	if (dr->excluded_weight > 0)
		jx_buf_printf(out, "  （不适用指标 %g 分，已按百分制折算）", dr->excluded_weight);
	jx_buf_putc(out, '\n');
}

static void checks_block(jx_buf *out, const jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	for (size_t c = 0; c < r->n_checks; c++) {
		const jx_check *chk = &r->checks[c];
		const jx_check_result *cr = &res->checks[d * r->n_checks + c];
		if (!cr->evaluated) {
			jx_buf_printf(out, "核查 %s：未核查（%s）\n", chk->id,
			              cr->detail ? cr->detail : "");
			continue;
		}
		char l[64], rr[64];
		jx_format_shortest(l, sizeof(l), cr->lhs);
		jx_format_shortest(rr, sizeof(rr), cr->rhs);
		if (chk->rhs)
			jx_buf_printf(out, "核查 %s：%s（%s %s %s）", chk->id,
			              cr->passed ? "通过" : "未通过", l, chk->cmp, rr);
		else
			jx_buf_printf(out, "核查 %s：%s", chk->id, cr->passed ? "通过" : "未通过");
		if (!cr->passed && chk->message[0])
			jx_buf_printf(out, " — %s", chk->message);
		jx_buf_putc(out, '\n');
	}
}

/* Under the table: the claimed total against the computed one, and each
 * 复核 flag in words. */
static void review_block(jx_buf *out, const jx_result *res, size_t d)
{
	int p = res->rules->precision;
	double claimed = jx_present_claimed_score(res, d);
	if (!isnan(claimed)) {
		char c[32], t[32], diff[32];
		format_score(c, sizeof(c), claimed, p);
		jx_format_fixed(t, sizeof(t), res->depts[d].total_rounded, p);
		format_difference(diff, sizeof(diff), jx_dept_score_difference(res, d), p);
		jx_buf_printf(out, "自评总分 %s  规则总分 %s  差异 %s\n", c, t, diff);
	}
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++) {
		if (!(res->depts[d].flags & (1u << k)))
			continue;
		jx_buf_printf(out, "复核：%s（%s）", jx_dept_flag_words(k), jx_dept_flag_name(k));
		if (1u << k == JX_DEPT_CLAIMED_SUM_MISMATCH) {
			char sum[32];
			jx_format_fixed(sum, sizeof(sum), jx_dept_claimed_rows(res, d, NULL), p);
			jx_buf_printf(out, "：各项自评得分合计 %s", sum);
		}
		jx_buf_putc(out, '\n');
	}
}

static void department_table(jx_buf *out, const layout *lay, const jx_result *res, size_t d)
{
	department_header(out, res, d);
	if (res->batch->rows[d].reject_reason) {
		jx_buf_putc(out, '\n');
		return;
	}
	int claims = jx_dept_has_claims(res, d);
	const char *titles[NCOLS];
	for (size_t c = 0; c < NCOLS; c++)
		titles[c] = columns[c].title;
	rule_line(out, lay, claims);
	row(out, lay, titles, claims);
	rule_line(out, lay, claims);
	for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		indicator_row(out, lay, res, &v, claims);
	}
	rule_line(out, lay, claims);
	review_block(out, res, d);
	checks_block(out, res, d);
	jx_buf_putc(out, '\n');
}

static void histogram_block(jx_buf *out, const jx_summary *s)
{
	size_t most = 1;
	for (size_t b = 0; b < JX_HISTOGRAM_BINS; b++)
		if (s->histogram[b] > most)
			most = s->histogram[b];
	jx_buf_puts(out, "总分分布\n");
	for (size_t b = JX_HISTOGRAM_BINS; b-- > 0;) {
		size_t bar = (s->histogram[b] * 40 + most - 1) / most;
		jx_buf_printf(out, "  %5.0f–%-5.0f %5zu  ", s->histogram_edges[b],
		              s->histogram_edges[b + 1], s->histogram[b]);
		for (size_t k = 0; k < bar; k++)
			jx_buf_puts(out, "█");
		jx_buf_putc(out, '\n');
	}
}

typedef struct {
	double total;
	size_t dept;
} ranked;

static int by_total_desc(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x->dept < y->dept ? -1 : 1; /* ties in input order */
}

static void dept_line(jx_buf *out, const jx_result *res, size_t d)
{
	char total[32];
	jx_format_fixed(total, sizeof(total), res->depts[d].total_rounded, res->rules->precision);
	jx_buf_printf(out, "  %4d  %7s  %s  ", res->depts[d].rank, total,
	              jx_grade_name(res->rules, res->depts[d].grade));
	pad_cell(out, res->batch->rows[d].name, 0, 0);
	jx_buf_printf(out, "（%s）\n", res->batch->rows[d].id);
}

/* Departments by rank: the first and last `k`. */
static void top_bottom_block(jx_buf *out, const jx_result *res)
{
	size_t m = 0;
	ranked *order = malloc(sizeof(ranked) * (res->n ? res->n : 1));
	if (!order)
		return;
	for (size_t d = 0; d < res->n; d++)
		if (res->depts[d].status == JX_DEPT_SCORED)
			order[m++] = (ranked){res->depts[d].total_rounded, d};
	qsort(order, m, sizeof(ranked), by_total_desc);
	size_t k = m < 10 ? (m + 1) / 2 : 5;
	jx_buf_puts(out, "前列部门\n");
	for (size_t i = 0; i < k; i++)
		dept_line(out, res, order[i].dept);
	if (m > k) {
		jx_buf_puts(out, "末位部门\n");
		for (size_t i = m - (m - k < k ? m - k : k); i < m; i++)
			dept_line(out, res, order[i].dept);
	}
	free(order);
}

static void outliers_block(jx_buf *out, const jx_result *res)
{
	int any = 0;
	for (size_t d = 0; d < res->n; d++) {
		double rz = res->summary->robust_z[d];
		if (!jx_is_outlier(rz))
			continue;
		if (!any++)
			jx_buf_puts(out, "离群部门（|稳健z| > 3.5）\n");
		jx_buf_printf(out, "  %s（%s）  稳健z %.2f  %s\n", res->batch->rows[d].name,
		              res->batch->rows[d].id, rz, rz > 0 ? "偏高" : "偏低");
	}
	if (!any)
		jx_buf_puts(out, "离群部门：无\n");
}

static void low_targets_block(jx_buf *out, const jx_result *res)
{
	const jx_rules *r = res->rules;
	int any = 0;
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_indicator_summary *is = &jx_summary_indicators(res)[i];
		if (!is->target_too_low && !is->n_unexplained)
			continue;
		if (!any++)
			jx_buf_puts(out, "需关注的指标\n");
		jx_buf_printf(out, "  %s（%s）", r->indicators[i].name, r->indicators[i].id);
		if (is->target_too_low)
			jx_buf_printf(out, "  目标可能偏低：%zu 个部门远超目标",
			              is->target_too_low);
		if (is->n_unexplained)
			jx_buf_printf(out, "  偏差超出容差且无说明：%zu 个部门", is->n_unexplained);
		jx_buf_putc(out, '\n');
	}
}

/* 复核 over the batch: claims, flags and the largest differences. */
static void review_summary_block(jx_buf *out, const jx_result *res)
{
	int p = res->rules->precision;
	jx_review_summary rs;
	if (jx_summary_review(&rs, res) != JX_OK)
		out->failed = 1;
	int flagged = 0;
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
		flagged |= rs.flags[k] != 0;
	if (!rs.claimed && !flagged)
		return;
	jx_buf_printf(out, "复核  有自评总分的部门 %zu", rs.claimed);
	if (rs.claimed) {
		char mean[32], mean_abs[32];
		format_difference(mean, sizeof(mean), rs.mean_difference, 2);
		jx_format_fixed(mean_abs, sizeof(mean_abs), rs.mean_abs_difference, 2);
		jx_buf_printf(out, "  平均差异 %s  平均绝对差异 %s", mean, mean_abs);
	}
	jx_buf_putc(out, '\n');
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
		if (rs.flags[k])
			jx_buf_printf(out, "  %s（%s）：%zu 个部门\n", jx_dept_flag_words(k),
			              jx_dept_flag_name(k), rs.flags[k]);
	if (!rs.n_largest)
		return;
	jx_buf_puts(out, "自评与规则差异最大的部门\n");
	for (size_t k = 0; k < rs.n_largest; k++) {
		size_t d = rs.largest[k];
		char c[32], t[32], diff[32];
		format_score(c, sizeof(c), jx_present_claimed_score(res, d), p);
		jx_format_fixed(t, sizeof(t), res->depts[d].total_rounded, p);
		format_difference(diff, sizeof(diff), jx_dept_score_difference(res, d), p);
		jx_buf_printf(out, "  %8s  自评 %s  规则 %s  ", diff, c, t);
		pad_cell(out, res->batch->rows[d].name, 0, 0);
		jx_buf_printf(out, "（%s）\n", res->batch->rows[d].id);
	}
}

static void summary_block(jx_buf *out, const jx_result *res)
{
	const jx_summary *s = res->summary;
	const jx_rules *r = res->rules;
	if (!s)
		return;
	jx_buf_printf(out, "批次汇总  指标体系 %s %s（sha256 %.12s）\n", r->id, r->version,
	              r->sha256);
	jx_buf_printf(out, "部门 %zu  已评分 %zu  被拒 %zu\n", s->total, s->scored, s->rejected);
	jx_buf_puts(out, "等级");
	for (size_t g = 0; g < r->n_grades; g++)
		jx_buf_printf(out, "  %s %zu", r->grades[g].grade, s->grade_counts[g]);
	jx_buf_putc(out, '\n');
	if (!s->score.n)
		return;
	char v[5][32];
	double shown[5] = {s->score.mean, s->score.sd, s->score.min, s->score.median, s->score.max};
	for (size_t i = 0; i < 5; i++) {
		if (isfinite(shown[i]))
			jx_format_fixed(v[i], sizeof(v[i]), shown[i], 2);
		else
			snprintf(v[i], sizeof(v[i]), "-");
	}
	jx_buf_printf(out, "总分  平均 %s  标准差 %s  最低 %s  中位数 %s  最高 %s\n", v[0], v[1],
	              v[2], v[3], v[4]);
	histogram_block(out, s);
	top_bottom_block(out, res);
	outliers_block(out, res);
	low_targets_block(out, res);
	review_summary_block(out, res);
}

int jx_write_text(const jx_result *res, jx_buf *out)
{
	if (jx_summary_prepare(res) != JX_OK)
		return JX_ENOMEM; /* statistics that could not be computed are not left out */
	layout lay;
	compute_layout(&lay, res);
	for (size_t d = 0; d < res->n; d++) {
		department_table(out, &lay, res, d);
		jx_buf_checkpoint(out);
	}
	summary_block(out, res);
	return out->failed ? JX_ENOMEM : JX_OK;
}
