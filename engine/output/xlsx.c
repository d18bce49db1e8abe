/*
 * xlsx.c - the Excel workbook (--format xlsx), written with libxlsxwriter.
 *
 * Sheets, each number a number with a display format (never text):
 *
 *   汇总   one row per department, by rank: total, grade, rank (and the
 *          claimed total and its difference when some department claims
 *          one), flags, reason and every indicator's score; autofilter,
 *          frozen header
 *   统计   batch statistics, grade counts and the score histogram (each with
 *          a native column chart), the per-indicator summary, and the 复核
 *          counts
 *   自评表 one long sheet laid out like the official table, a block per
 *          department (一级/二级/三级指标, 年度指标值, 实际完成值, 分值,
 *          得分, 偏差原因), a page break before each on print
 *   明细   one row per department x indicator (actual, target, completion,
 *          deviation, weight, score, status), autofilter
 *   复核   when some department claims scores: per department and row the
 *          自评得分 beside the 复核得分 (the rules'), the difference marked
 *          red (claimed above) or orange (below), the department's flags
 *
 * Scores are stored rounded as the JSON shows them (jx_round to the rule
 * set's precision) with a "0.00" format; completions and percentages are
 * stored as fractions with "0.00%"; actual values exactly, formatted in the
 * indicator's unit (5700人次, 13.82万元). Values that do not exist are empty
 * cells, never 0.
 *
 * Written in libxlsxwriter's constant_memory mode (docs/reports.md, "Large
 * batches"): each sheet keeps one row in memory and goes to a temporary
 * file, so memory does not grow with the batch; rows are therefore written
 * strictly in order (a row's height before its cells). A sheet that would
 * pass Excel's 1 048 576 rows continues on 明细_2, 明细_3, ... (自评表 and
 * 复核 only between departments). libxlsxwriter writes to a file name, so
 * the workbook goes to a temporary file (in $TMPDIR, else /tmp) that is
 * copied to `out` and removed: jx_result_write works for any FILE* and
 * jx_result_write_buffer too. The creation time is fixed so that the same
 * input gives the same bytes.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "../common/round.h"
#include "../common/utf8.h"
#include "output.h"
#include "present.h"

/* 2000-01-01T00:00:00Z: a fixed creation time, for byte-identical output. */
#define XLSX_CREATED ((time_t)946684800)
/* Excel keeps at most 32767 characters in a cell. */
#define XLSX_MAX_TEXT    32000
#define MAX_UNIT_FORMATS 64
/* Excel keeps at most 1023 page breaks per sheet. */
#define MAX_PAGE_BREAKS 1000
/* Rows of all sheets together beyond which the zip gets ZIP64 extensions
 * (an archive past 4 GB); smaller workbooks stay readable by any zip. */
#define ZIP64_ROWS 8000000.0

typedef struct xlsx xlsx;
typedef struct sheet sheet;
typedef void (*sheet_fn)(xlsx *x, sheet *s);

/* A sheet that continues on "name_2", "name_3", ... at the row limit:
 * begin writes a part's header rows and sets its columns, end what needs
 * the part's last row (autofilter, page breaks). */
struct sheet {
	const char *name;
	sheet_fn begin, end;
	lxw_worksheet *ws;
	lxw_row_t row;  /* the next row to write */
	lxw_row_t head; /* the header row (autofilter) */
	int part;
	lxw_row_t breaks[MAX_PAGE_BREAKS + 1];
	size_t n_breaks;
};

typedef struct {
	const char *unit; /* the indicator's unit name, "" for none */
	int integral;
	lxw_format *format;
} unit_format;

struct xlsx {
	const jx_result *res;
	lxw_workbook *wb;
	lxw_error err; /* first error */
	jx_buf text;   /* scratch: cleaned text */
	lxw_format *title, *subtitle, *header, *cell, *wrap, *score, *integer, *pct, *number, *bold,
	    *label, *total_score, *diff_up, *diff_down;
	unit_format units[MAX_UNIT_FORMATS];
	size_t n_units;
	size_t *order;      /* departments by rank, then input order */
	lxw_row_t max_rows; /* rows per sheet: Excel's 1 048 576 */
	int claims;         /* some department claims a total */
};

static void note_err(xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

/* Valid UTF-8 without control characters (XML cannot hold them), clipped to
 * what a cell keeps. */
static const char *clean(xlsx *x, const char *s)
{
	if (!s)
		return "";
	x->text.len = 0;
	size_t len = strlen(s), i = 0;
	while (i < len && x->text.len < XLSX_MAX_TEXT) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20) {
			jx_buf_putc(&x->text, c == '\n' || c == '\t' ? (char)c : ' ');
			i++;
			continue;
		}
		size_t n = c < 0x80 ? 1 : jx_utf8_decode(s + i, len - i, NULL);
		if (n == 0) {
			jx_buf_puts(&x->text, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		jx_buf_append(&x->text, s + i, n);
		i += n;
	}
	return x->text.len ? x->text.data : "";
}

static void put_text(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                     lxw_format *f)
{
	if (!ws)
		return; /* the sheet could not be added: x->err says why */
	const char *t = clean(x, s);
	if (!*t)
		note_err(x, worksheet_write_blank(ws, r, c, f));
	else
		note_err(x, worksheet_write_string(ws, r, c, t, f));
}

/* A number, or an empty cell when it does not exist. */
static void put_num(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
	if (!ws)
		return;
	if (isfinite(v))
		note_err(x, worksheet_write_number(ws, r, c, v, f));
	else
		note_err(x, worksheet_write_blank(ws, r, c, f));
}

static void put_score(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v)
{
	put_num(x, ws, r, c, jx_round(v, x->res->rules->precision), x->score);
}

static lxw_format *new_format(xlsx *x, int border)
{
	lxw_format *f = workbook_add_format(x->wb);
	if (f && border)
		format_set_border(f, LXW_BORDER_THIN);
	if (f)
		format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

/* "0.00" for precision 2, "0" for 0. */
static void decimals_format(char *buf, size_t size, const char *lead, int digits)
{
	jx_utf8_copy(buf, size, lead);
	if (digits > 0) {
		size_t n = strlen(buf);
		if (n + 1 + (size_t)digits < size) {
			buf[n++] = '.';
			for (int i = 0; i < digits; i++)
				buf[n++] = '0';
			buf[n] = '\0';
		}
	}
}

static int make_formats(xlsx *x)
{
	char numfmt[32];
	decimals_format(numfmt, sizeof(numfmt), "0", x->res->rules->precision);
	x->title = new_format(x, 0);
	x->subtitle = new_format(x, 0);
	x->header = new_format(x, 1);
	x->cell = new_format(x, 1);
	x->wrap = new_format(x, 1);
	x->score = new_format(x, 1);
	x->total_score = new_format(x, 1);
	x->integer = new_format(x, 1);
	x->pct = new_format(x, 1);
	x->number = new_format(x, 1);
	x->bold = new_format(x, 0);
	x->label = new_format(x, 1);
	x->diff_up = new_format(x, 1);
	x->diff_down = new_format(x, 1);
	if (!x->title || !x->subtitle || !x->header || !x->cell || !x->wrap || !x->score ||
	    !x->total_score || !x->integer || !x->pct || !x->number || !x->bold || !x->label ||
	    !x->diff_up || !x->diff_down)
		return -1;
	/* a claim above the rules' score: red; below: orange (as Excel's own
	 * "light red fill" and "yellow fill" highlight styles) */
	format_set_num_format(x->diff_up, numfmt);
	format_set_bg_color(x->diff_up, 0xFFC7CE);
	format_set_font_color(x->diff_up, 0x9C0006);
	format_set_num_format(x->diff_down, numfmt);
	format_set_bg_color(x->diff_down, 0xFFEB9C);
	format_set_font_color(x->diff_down, 0x9C5700);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	format_set_font_color(x->subtitle, 0x595959);
	format_set_bold(x->header);
	format_set_bg_color(x->header, 0xDDEBF7);
	format_set_text_wrap(x->header);
	format_set_align(x->header, LXW_ALIGN_CENTER);
	format_set_text_wrap(x->wrap);
	format_set_num_format(x->score, numfmt);
	format_set_num_format(x->total_score, numfmt);
	format_set_bold(x->total_score);
	format_set_num_format(x->integer, "0");
	format_set_num_format(x->pct, "0.00%");
	format_set_num_format(x->number, "General");
	format_set_bold(x->bold);
	format_set_bold(x->label);
	format_set_bg_color(x->label, 0xF2F2F2);
	return 0;
}

/* The display format of an actual value in the indicator's unit: ratios as
 * percentages (the fraction is stored), others with the unit's name. */
static lxw_format *unit_format_for(xlsx *x, const jx_indicator *ind, double v)
{
	const jx_unit *u = ind->unit;
	if (u && u->dim == JX_DIM_RATIO && strcmp(u->name, "%") == 0)
		return x->pct;
	const char *name = ind->unit_name ? ind->unit_name : "";
	int integral = v == floor(v) && fabs(v) < 1e15;
	for (size_t k = 0; k < x->n_units; k++)
		if (x->units[k].integral == integral && strcmp(x->units[k].unit, name) == 0)
			return x->units[k].format;
	if (x->n_units == MAX_UNIT_FORMATS)
		return x->number;
	char fmt[160], quoted[96];
	size_t q = 0;
	for (const char *p = name; *p && q + 1 < sizeof(quoted); p++)
		if (*p != '"' && *p != '\\')
			quoted[q++] = *p; /* a quote would end the literal */
	quoted[q] = '\0';
	decimals_format(fmt, sizeof(fmt), "#,##0", integral ? 0 : x->res->rules->precision);
	if (*quoted)
		snprintf(fmt + strlen(fmt), sizeof(fmt) - strlen(fmt), "\"%s\"", quoted);
	lxw_format *f = new_format(x, 1);
	if (!f)
		return x->number;
	format_set_num_format(f, fmt);
	x->units[x->n_units++] = (unit_format){name, integral, f};
	return f;
}

/* An actual value: ‰ and other ratio units shown as x / factor. */
static void put_actual(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                       const jx_indicator *ind, const jx_ind_result *ir)
{
	if (ir->actual.kind == JX_VAL_NUM) {
		double v = ir->actual.u.num;
		const jx_unit *u = ind->unit;
		if (u && u->dim == JX_DIM_RATIO && strcmp(u->name, "%") != 0 && u->factor > 0)
			v /= u->factor;
		put_num(x, ws, r, c, v, unit_format_for(x, ind, v));
		return;
	}
	char buf[256];
	jx_present_actual(buf, sizeof(buf), ind, ir, x->res->rules->precision);
	put_text(x, ws, r, c, buf, x->cell);
}

static const char *dept_status_zh(const jx_dept_result *dr)
{
	return dr->status == JX_DEPT_SCORED ? "已评分" : "被拒";
}

/* A difference, marked when the claim is off: red above, orange below
 * (|difference| beyond half the last decimal, i.e. not 0 once rounded). */
static void put_difference(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v)
{
	double shown = jx_round(v, x->res->rules->precision);
	put_num(x, ws, r, c, shown, shown > 0 ? x->diff_up : shown < 0 ? x->diff_down : x->score);
}

/* Flags in words: 离群偏高 / 离群偏低, the 复核 flags (自评得分高于规则得分,
 * ...), 目标可能偏低：<indicator>. */
static void flags_text(jx_buf *out, const jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	if (res->summary) {
		double rz = res->summary->robust_z[d];
		if (jx_is_outlier(rz))
			jx_buf_puts(out, rz > 0 ? "离群偏高" : "离群偏低");
	}
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++) {
		if (!(res->depts[d].flags & (1u << k)))
			continue;
		if (out->len)
			jx_buf_puts(out, "；");
		jx_buf_puts(out, jx_dept_flag_words(k));
	}
	for (size_t i = 0; i < r->n_indicators; i++) {
		if (!jx_result_cell(res, d, i)->target_too_low)
			continue;
		if (out->len)
			jx_buf_puts(out, "；");
		jx_buf_printf(out, "目标可能偏低：%s", r->indicators[i].name);
	}
}

/* ---- sheets in parts ------------------------------------------------------ */

static void sheet_open(xlsx *x, sheet *s)
{
	char name[64];
	if (++s->part == 1)
		snprintf(name, sizeof(name), "%s", s->name);
	else
		snprintf(name, sizeof(name), "%s_%d", s->name, s->part);
	s->ws = workbook_add_worksheet(x->wb, name);
	s->row = s->head = 0;
	s->n_breaks = 0;
	if (!s->ws) {
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	if (s->begin)
		s->begin(x, s);
}

static void sheet_close(xlsx *x, sheet *s)
{
	if (s->ws && s->end)
		s->end(x, s);
}

/* Room for `rows` more rows: else the sheet continues on its next part
 * (unless this part holds nothing yet: a block that cannot fit anywhere
 * runs into the limit and libxlsxwriter says so). */
static void sheet_room(xlsx *x, sheet *s, size_t rows)
{
	if ((size_t)s->row + rows <= x->max_rows || s->row <= s->head + 1)
		return;
	sheet_close(x, s);
	sheet_open(x, s);
}

/* ---- 汇总 --------------------------------------------------------------- */

static const char *const summary_cols[] = {"部门编号", "部门名称", "年度",       "状态", "总分",
                                           "等级",     "排名",     "不适用分值", "标志", "原因"};
#define N_SUMMARY_COLS (sizeof(summary_cols) / sizeof(summary_cols[0]))
/* with claims, 自评总分 and 差异 come after 排名 (column 6) */
#define SUMMARY_CLAIM_COL 7

/* The column of summary_cols[c] (and of indicator c - N_SUMMARY_COLS). */
static lxw_col_t summary_col(const xlsx *x, size_t c)
{
	return (lxw_col_t)(c + (x->claims && c >= SUMMARY_CLAIM_COL ? 2 : 0));
}

static void summary_begin(xlsx *x, sheet *s)
{
	const jx_result *res = x->res;
	const jx_rules *r = res->rules;
	const jx_summary *sm = res->summary;
	lxw_worksheet *ws = s->ws;
	char line[512];
	snprintf(line, sizeof(line), "%s  绩效自评结果汇总", r->name && *r->name ? r->name : r->id);
	put_text(x, ws, 0, 0, line, x->title);
	snprintf(line, sizeof(line),
	         "指标体系 %s %s（sha256 %.12s）  部门 %zu  已评分 %zu  被拒 %zu", r->id,
	         r->version ? r->version : "", r->sha256, res->n, res->n - res->rejected,
	         res->rejected);
	put_text(x, ws, 1, 0, line, x->subtitle);
	if (sm && sm->score.n) {
		char mean[32], median[32];
		jx_format_fixed(mean, sizeof(mean), sm->score.mean, 2);
		jx_format_fixed(median, sizeof(median), sm->score.median, 2);
		snprintf(line, sizeof(line),
		         "平均分 %s  中位数 %s  （按列标题筛选、排序；统计与图表见“统计”表）", mean,
		         median);
		put_text(x, ws, 2, 0, line, x->subtitle);
	}
	s->head = 3;
	note_err(x, worksheet_set_row(ws, s->head, 36, NULL)); /* before its cells */
	for (size_t c = 0; c < N_SUMMARY_COLS; c++)
		put_text(x, ws, s->head, summary_col(x, c), summary_cols[c], x->header);
	if (x->claims) {
		put_text(x, ws, s->head, SUMMARY_CLAIM_COL, "自评总分", x->header);
		put_text(x, ws, s->head, SUMMARY_CLAIM_COL + 1, "差异", x->header);
	}
	for (size_t i = 0; i < r->n_indicators; i++)
		put_text(x, ws, s->head, summary_col(x, N_SUMMARY_COLS + i), r->indicators[i].name,
		         x->header);
	s->row = s->head + 1;
	worksheet_freeze_panes(ws, s->head + 1, 2);
	note_err(x, worksheet_set_column(ws, 0, 0, 20, NULL));
	note_err(x, worksheet_set_column(ws, 1, 1, 26, NULL));
	note_err(x, worksheet_set_column(ws, 2, summary_col(x, 7), 9, NULL));
	note_err(x, worksheet_set_column(ws, summary_col(x, 8), summary_col(x, 8), 30, NULL));
	note_err(x, worksheet_set_column(ws, summary_col(x, 9), summary_col(x, 9), 40, NULL));
	if (r->n_indicators)
		note_err(x, worksheet_set_column(
		                ws, summary_col(x, N_SUMMARY_COLS),
		                summary_col(x, N_SUMMARY_COLS + r->n_indicators - 1), 12, NULL));
	/* printed: A4 landscape, the department columns repeated on each page
	 * (the indicator columns make it too wide for one page) */
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	note_err(x, worksheet_repeat_rows(ws, s->head, s->head));
	note_err(x, worksheet_repeat_columns(ws, 0, 1));
}

static void summary_end(xlsx *x, sheet *s)
{
	lxw_col_t last_col = summary_col(x, N_SUMMARY_COLS + x->res->rules->n_indicators - 1);
	lxw_row_t last_row = s->row > s->head + 1 ? s->row - 1 : s->head + 1;
	note_err(x, worksheet_autofilter(s->ws, s->head, 0, last_row, last_col));
}

static void summary_row(xlsx *x, sheet *s, size_t d)
{
	const jx_result *res = x->res;
	const jx_rules *r = res->rules;
	lxw_worksheet *ws = s->ws;
	lxw_row_t row = s->row++;
	const jx_dept_row *in = &res->batch->rows[d];
	const jx_dept_result *dr = &res->depts[d];
	int scored = dr->status == JX_DEPT_SCORED;
	put_text(x, ws, row, 0, in->id, x->cell);
	put_text(x, ws, row, 1, in->name, x->cell);
	put_num(x, ws, row, 2, in->fiscal_year ? in->fiscal_year : NAN, x->integer);
	put_text(x, ws, row, 3, dept_status_zh(dr), x->cell);
	if (scored)
		put_num(x, ws, row, 4, jx_round(dr->total_rounded, r->precision), x->total_score);
	else
		put_num(x, ws, row, 4, NAN, x->score);
	put_text(x, ws, row, 5, scored ? jx_grade_name(r, dr->grade) : "", x->cell);
	put_num(x, ws, row, 6, scored ? dr->rank : NAN, x->integer);
	if (x->claims) {
		put_score(x, ws, row, SUMMARY_CLAIM_COL, jx_present_claimed_score(res, d));
		put_difference(x, ws, row, SUMMARY_CLAIM_COL + 1, jx_dept_score_difference(res, d));
	}
	put_num(x, ws, row, summary_col(x, 7), dr->excluded_weight > 0 ? dr->excluded_weight : NAN,
	        x->number);
	jx_buf flags = {0};
	flags_text(&flags, res, d);
	put_text(x, ws, row, summary_col(x, 8), jx_buf_cstr(&flags), x->cell);
	jx_buf_free(&flags);
	put_text(x, ws, row, summary_col(x, 9), dr->reason, x->cell);
	int readable = !in->reject_reason;
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_ind_cell *ir = jx_result_cell(res, d, i);
		lxw_col_t col = summary_col(x, N_SUMMARY_COLS + i);
		if (readable && ir->status != JX_IND_EXCLUDED)
			put_score(x, ws, row, col, ir->score);
		else
			put_num(x, ws, row, col, NAN, x->score);
	}
}

static void sheet_summary(xlsx *x)
{
	sheet s = {.name = "汇总", .begin = summary_begin, .end = summary_end};
	sheet_open(x, &s);
	for (size_t k = 0; k < x->res->n && s.ws; k++) {
		sheet_room(x, &s, 1);
		summary_row(x, &s, x->order[k]);
	}
	sheet_close(x, &s);
}

/* ---- 统计 --------------------------------------------------------------- */

static lxw_row_t stat_row(xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *label, double v,
                          lxw_format *f)
{
	put_text(x, ws, row, 0, label, x->label);
	if (isfinite(v))
		put_num(x, ws, row, 1, v, f);
	else
		put_text(x, ws, row, 1, "—", x->cell); /* undefined (null in JSON) */
	return row + 1;
}

static void column_chart(xlsx *x, lxw_worksheet *ws, const char *sheet_name, const char *title,
                         const char *x_name, lxw_row_t first, lxw_row_t last, lxw_row_t at,
                         uint32_t color, int gap)
{
	lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
	if (!ch) {
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	if (!se) {
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	chart_series_set_categories(se, sheet_name, first, 0, last, 0);
	chart_series_set_values(se, sheet_name, first, 1, last, 1);
	chart_series_set_name(se, "部门数");
	lxw_chart_fill fill = {.color = color};
	chart_series_set_fill(se, &fill);
	chart_series_set_labels(se);
	chart_set_series_gap(ch, (uint16_t)gap);
	chart_title_set_name(ch, title);
	chart_axis_set_name(ch->x_axis, x_name);
	chart_axis_set_name(ch->y_axis, "部门数");
	chart_axis_set_min(ch->y_axis, 0);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	lxw_chart_options opt = {.x_offset = 10, .y_offset = 4, .x_scale = 1.4, .y_scale = 1.2};
	note_err(x, worksheet_insert_chart_opt(ws, at, 3, ch, &opt));
}

/* 复核 over the batch (stats/summary.c), under the per-indicator table:
 * departments with a claimed total, the mean differences, departments per
 * flag, and the largest differences. */
static lxw_row_t stats_review(xlsx *x, lxw_worksheet *ws, lxw_row_t row)
{
	const jx_result *res = x->res;
	jx_review_summary rs;
	if (jx_summary_review(&rs, res) != JX_OK)
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	int flagged = 0;
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
		flagged |= rs.flags[k] != 0;
	if (!rs.claimed && !flagged)
		return row;
	put_text(x, ws, row++, 0, "复核（自评得分与规则得分）", x->bold);
	put_text(x, ws, row, 0, "项目", x->header);
	put_text(x, ws, row++, 1, "数值", x->header);
	row = stat_row(x, ws, row, "有自评总分的部门", (double)rs.claimed, x->integer);
	row = stat_row(x, ws, row, "平均差异（自评 − 规则）", rs.mean_difference, x->score);
	row = stat_row(x, ws, row, "平均绝对差异", rs.mean_abs_difference, x->score);
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
		row = stat_row(x, ws, row, jx_dept_flag_words(k), (double)rs.flags[k], x->integer);
	if (!rs.n_largest)
		return row;
	row++;
	put_text(x, ws, row++, 0, "自评与规则差异最大的部门", x->bold);
	static const char *const cols[] = {"部门编号", "部门名称", "自评总分", "总分", "差异"};
	for (lxw_col_t c = 0; c < 5; c++)
		put_text(x, ws, row, c, cols[c], x->header);
	row++;
	for (size_t k = 0; k < rs.n_largest; k++, row++) {
		size_t d = rs.largest[k];
		put_text(x, ws, row, 0, res->batch->rows[d].id, x->cell);
		put_text(x, ws, row, 1, res->batch->rows[d].name, x->cell);
		put_score(x, ws, row, 2, jx_present_claimed_score(res, d));
		put_score(x, ws, row, 3, res->depts[d].total_rounded);
		put_difference(x, ws, row, 4, jx_dept_score_difference(res, d));
	}
	return row;
}

static void sheet_stats(xlsx *x)
{
	const jx_result *res = x->res;
	const jx_rules *r = res->rules;
	const jx_summary *s = res->summary;
	const char *name = "统计";
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	if (!ws) {
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	put_text(x, ws, 0, 0, "批次统计", x->title);
	if (!s)
		return;
	lxw_row_t row = 2;
	put_text(x, ws, row, 0, "项目", x->header);
	put_text(x, ws, row++, 1, "数值", x->header);
	row = stat_row(x, ws, row, "部门总数", (double)s->total, x->integer);
	row = stat_row(x, ws, row, "已评分", (double)s->scored, x->integer);
	row = stat_row(x, ws, row, "被拒", (double)s->rejected, x->integer);
	/* statistics of the unrounded totals, as the JSON gives them */
	const struct {
		const char *label;
		double v;
	} st[] = {{"平均分", s->score.mean},
	          {"标准差", s->score.sd},
	          {"最低分", s->score.min},
	          {"P10", s->score.p10},
	          {"P25", s->score.p25},
	          {"中位数", s->score.median},
	          {"P75", s->score.p75},
	          {"P90", s->score.p90},
	          {"最高分", s->score.max},
	          {"MAD（稳健标准差）", s->score.mad},
	          {"预算加权平均分", jx_summary_correlations(res)->weighted_mean},
	          {"执行率与总分的秩相关", jx_summary_correlations(res)->spearman_execution_score}};
	for (size_t k = 0; k < sizeof(st) / sizeof(st[0]); k++)
		row = stat_row(x, ws, row, st[k].label, st[k].v, x->score);

	/* grades, and their chart */
	row++;
	put_text(x, ws, row, 0, "等级", x->header);
	put_text(x, ws, row++, 1, "部门数", x->header);
	lxw_row_t g0 = row;
	for (size_t g = 0; g < r->n_grades; g++, row++) {
		put_text(x, ws, row, 0, r->grades[g].grade, x->cell);
		put_num(x, ws, row, 1, (double)s->grade_counts[g], x->integer);
	}
	if (r->n_grades)
		column_chart(x, ws, name, "等级分布", "等级", g0, row - 1, 1, 0x4472C4, 80);

	/* histogram, and its chart */
	row++;
	put_text(x, ws, row, 0, "总分区间", x->header);
	put_text(x, ws, row++, 1, "部门数", x->header);
	lxw_row_t h0 = row;
	for (size_t b = 0; b < JX_HISTOGRAM_BINS; b++, row++) {
		char label[64];
		snprintf(label, sizeof(label), "%g–%g", s->histogram_edges[b],
		         s->histogram_edges[b + 1]);
		put_text(x, ws, row, 0, label, x->cell);
		put_num(x, ws, row, 1, (double)s->histogram[b], x->integer);
	}
	column_chart(x, ws, name, "总分分布", "总分区间", h0, row - 1, 20, 0x70AD47, 10);

	/* per indicator */
	row = row > 40 ? row + 2 : 40;
	static const char *const cols[] = {"指标编号",     "指标名称", "分值",       "平均完成率",
	                                   "完成率中位数", "平均得分", "得分中位数", "缺失",
	                                   "无法计算",     "不适用",   "超出容差",   "目标可能偏低",
	                                   "偏差无说明"};
	const size_t nc = sizeof(cols) / sizeof(cols[0]);
	put_text(x, ws, row - 1, 0, "各指标（已评分部门）", x->bold);
	lxw_row_t ih = row;
	note_err(x, worksheet_set_row(ws, ih, 30, NULL)); /* before its cells */
	for (size_t c = 0; c < nc; c++)
		put_text(x, ws, row, (lxw_col_t)c, cols[c], x->header);
	row++;
	for (size_t i = 0; i < r->n_indicators; i++, row++) {
		const jx_indicator_summary *is = &jx_summary_indicators(res)[i];
		put_text(x, ws, row, 0, r->indicators[i].id, x->cell);
		put_text(x, ws, row, 1, r->indicators[i].name, x->cell);
		put_num(x, ws, row, 2, r->indicators[i].weight, x->number);
		put_num(x, ws, row, 3, is->completion.mean, x->pct);
		put_num(x, ws, row, 4, is->completion.median, x->pct);
		put_num(x, ws, row, 5, is->score.mean, x->score);
		put_num(x, ws, row, 6, is->score.median, x->score);
		put_num(x, ws, row, 7, (double)is->missing, x->integer);
		put_num(x, ws, row, 8, (double)is->undefined, x->integer);
		put_num(x, ws, row, 9, (double)is->excluded, x->integer);
		put_num(x, ws, row, 10, (double)is->beyond_tolerance, x->integer);
		put_num(x, ws, row, 11, (double)is->target_too_low, x->integer);
		put_num(x, ws, row, 12, (double)is->n_unexplained, x->integer);
	}
	if (r->n_indicators)
		note_err(x, worksheet_autofilter(ws, ih, 0, row - 1, (lxw_col_t)(nc - 1)));
	stats_review(x, ws, row + 1);
	note_err(x, worksheet_set_column(ws, 0, 0, 24, NULL));
	note_err(x, worksheet_set_column(ws, 1, 1, 30, NULL));
	note_err(x, worksheet_set_column(ws, 2, (lxw_col_t)(nc - 1), 11, NULL));
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
}

/* ---- 自评表 ------------------------------------------------------------- */

static const char *const table_cols[] = {"一级指标",   "二级指标", "三级指标", "年度指标值",
                                         "实际完成值", "分值",     "得分",     "偏差原因"};
#define N_TABLE_COLS 8

/* The checks a department's table lists: those that failed or could not
 * be evaluated. */
static size_t listed_checks(const jx_result *res, size_t d)
{
	size_t n = 0;
	for (size_t c = 0; c < res->rules->n_checks; c++) {
		const jx_check_result *cr = &res->checks[d * res->rules->n_checks + c];
		n += !(cr->evaluated && cr->passed);
	}
	return n;
}

static lxw_row_t table_checks(xlsx *x, lxw_worksheet *ws, lxw_row_t row, size_t d)
{
	const jx_rules *r = x->res->rules;
	for (size_t c = 0; c < r->n_checks; c++) {
		const jx_check *chk = &r->checks[c];
		const jx_check_result *cr = &x->res->checks[d * r->n_checks + c];
		if (cr->evaluated && cr->passed)
			continue; /* the table lists what needs attention */
		char line[1024], l[64], rr[64];
		if (!cr->evaluated) {
			snprintf(line, sizeof(line), "核查 %s：未核查（%s）", chk->id,
			         cr->detail ? cr->detail : "");
		} else {
			jx_format_shortest(l, sizeof(l), cr->lhs);
			jx_format_shortest(rr, sizeof(rr), cr->rhs);
			if (chk->rhs)
				snprintf(line, sizeof(line), "核查 %s：未通过（%s %s %s）%s%s",
				         chk->id, l, chk->cmp, rr, chk->message[0] ? " — " : "",
				         chk->message);
			else
				snprintf(line, sizeof(line), "核查 %s：未通过%s%s", chk->id,
				         chk->message[0] ? " — " : "", chk->message);
		}
		put_text(x, ws, row++, 0, line, NULL);
	}
	return row;
}

static void table_begin(xlsx *x, sheet *s)
{
	lxw_worksheet *ws = s->ws;
	note_err(x, worksheet_set_column(ws, 0, 1, 16, NULL));
	note_err(x, worksheet_set_column(ws, 2, 2, 30, NULL));
	note_err(x, worksheet_set_column(ws, 3, 3, 16, NULL));
	note_err(x, worksheet_set_column(ws, 4, 4, 14, NULL));
	note_err(x, worksheet_set_column(ws, 5, 6, 8, NULL));
	note_err(x, worksheet_set_column(ws, 7, 7, 48, NULL));
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
}

static void table_end(xlsx *x, sheet *s)
{
	if (!s->n_breaks)
		return;
	s->breaks[s->n_breaks] = 0; /* the list ends with 0 */
	note_err(x, worksheet_set_h_pagebreaks(s->ws, s->breaks));
}

/* One indicator row of the 自评表; the row is made tall enough for its
 * wrapped 偏差原因 before any of its cells is written. */
static void table_row(xlsx *x, lxw_worksheet *ws, lxw_row_t row, const jx_ind_view *v)
{
	const jx_indicator *ind = v->ind;
	const jx_ind_result *ir = v->ir;
	const char *why = jx_present_explanation(ir);
	size_t width = jx_utf8_width(why, strlen(why)), lines = (width + 45) / 46;
	if (lines > 1) /* wrapped text: no reader sizes the row itself */
		note_err(
		    x, worksheet_set_row(ws, row, 15.0 * (double)(lines > 20 ? 20 : lines), NULL));
	char first[256], second[256];
	jx_present_split_path(ind->path_key, first, second, sizeof(first));
	put_text(x, ws, row, 0, first, x->cell);
	put_text(x, ws, row, 1, second, x->cell);
	put_text(x, ws, row, 2, ind->name, x->cell);
	char target[128];
	put_text(x, ws, row, 3, jx_present_target(target, sizeof(target), ind, ir), x->cell);
	put_actual(x, ws, row, 4, ind, ir);
	put_num(x, ws, row, 5, ind->weight, x->number);
	if (ir->status == JX_IND_EXCLUDED)
		put_num(x, ws, row, 6, NAN, x->score);
	else
		put_score(x, ws, row, 6, ir->score);
	put_text(x, ws, row, 7, why, x->wrap);
}

static void table_department(xlsx *x, sheet *s, size_t d)
{
	const jx_result *res = x->res;
	const jx_rules *r = res->rules;
	const jx_dept_row *in = &res->batch->rows[d];
	const jx_dept_result *dr = &res->depts[d];
	size_t n = jx_dept_indicator_count(res, d);
	/* title, score line, then a blank row, or the header, the indicators, 合计,
	 * the checks listed and a blank row: the block stays on one part */
	sheet_room(x, s, in->reject_reason ? 3 : 5 + n + listed_checks(res, d));
	lxw_worksheet *ws = s->ws;
	lxw_row_t row = s->row;
	if (row > 0 && s->n_breaks < MAX_PAGE_BREAKS)
		s->breaks[s->n_breaks++] = row;
	char line[1024];
	int len = snprintf(line, sizeof(line), "%s（%s）", in->name[0] ? in->name : in->id, in->id);
	if (in->fiscal_year && len > 0 && (size_t)len < sizeof(line))
		snprintf(line + len, sizeof(line) - (size_t)len, "  %d年度", in->fiscal_year);
	put_text(x, ws, row++, 0, line, x->title);
	if (dr->status != JX_DEPT_SCORED) {
		put_text(x, ws, row, 0, "状态", x->label);
		put_text(x, ws, row, 1, "被拒（未评分）", x->cell);
		put_text(x, ws, row, 2, "原因", x->label);
		put_text(x, ws, row++, 3, dr->reason, NULL);
	} else {
		put_text(x, ws, row, 0, "总分", x->label);
		put_num(x, ws, row, 1, jx_round(dr->total_rounded, r->precision), x->total_score);
		put_text(x, ws, row, 2, "等级", x->label);
		put_text(x, ws, row, 3, jx_grade_name(r, dr->grade), x->cell);
		put_text(x, ws, row, 4, "排名", x->label);
		put_num(x, ws, row, 5, dr->rank, x->integer);
		snprintf(line, sizeof(line), "/ %zu", res->n - res->rejected);
		put_text(x, ws, row, 6, line, NULL);
		if (dr->excluded_weight > 0) {
			snprintf(line, sizeof(line), "不适用指标 %g 分，已按百分制折算",
			         dr->excluded_weight);
			put_text(x, ws, row, 7, line, NULL);
		}
		row++;
	}
	if (in->reject_reason) {
		s->row = row + 1;
		return;
	}
	for (lxw_col_t c = 0; c < N_TABLE_COLS; c++)
		put_text(x, ws, row, c, table_cols[c], x->header);
	row++;
	double weights = 0;
	for (size_t k = 0; k < n; k++, row++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		table_row(x, ws, row, &v);
		weights += v.ind->weight;
	}
	put_text(x, ws, row, 0, "合计", x->label);
	for (lxw_col_t c = 1; c < 5; c++)
		put_text(x, ws, row, c, "", x->label);
	put_num(x, ws, row, 5, weights, x->number);
	if (dr->status == JX_DEPT_SCORED)
		put_num(x, ws, row, 6, jx_round(dr->total_rounded, r->precision), x->total_score);
	else
		put_num(x, ws, row, 6, NAN, x->score);
	put_text(x, ws, row, 7, dr->excluded_weight > 0 ? "得分为按百分制折算后的总分" : "",
	         x->cell);
	row++;
	row = table_checks(x, ws, row, d);
	s->row = row + 1;
}

static void sheet_table(xlsx *x)
{
	sheet s = {.name = "自评表", .begin = table_begin, .end = table_end};
	sheet_open(x, &s);
	for (size_t d = 0; d < x->res->n && s.ws; d++)
		table_department(x, &s, d);
	sheet_close(x, &s);
}

/* ---- 明细 --------------------------------------------------------------- */

/* A listing sheet's column: its heading and width (in characters). */
typedef struct {
	const char *heading;
	double width;
} list_col;

/* The heading row of a listing sheet (明细, 复核): headings, widths, and the
 * first four columns (who and which indicator) frozen. */
static void list_begin(xlsx *x, sheet *s, const list_col *cols, lxw_col_t n)
{
	lxw_worksheet *ws = s->ws;
	for (lxw_col_t c = 0; c < n; c++) {
		put_text(x, ws, 0, c, cols[c].heading, x->header);
		note_err(x, worksheet_set_column(ws, c, c, cols[c].width, NULL));
	}
	s->row = 1;
	worksheet_freeze_panes(ws, 1, 4);
}

static const list_col detail_cols[] = {
    {"部门编号", 18}, {"部门名称", 22}, {"指标编号", 24},     {"指标名称", 28}, {"一级指标", 14},
    {"二级指标", 14}, {"单位", 11},     {"年度指标值", 11},   {"目标值", 11},   {"实际完成值", 11},
    {"完成率", 11},   {"偏差", 11},     {"相对偏差", 11},     {"分值", 11},     {"得分", 11},
    {"状态", 11},     {"需说明", 11},   {"偏差原因/说明", 40}};
#define N_DETAIL_COLS (sizeof(detail_cols) / sizeof(detail_cols[0]))

static void detail_begin(xlsx *x, sheet *s)
{
	list_begin(x, s, detail_cols, N_DETAIL_COLS);
}

static void detail_end(xlsx *x, sheet *s)
{
	note_err(x,
	         worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, N_DETAIL_COLS - 1));
}

static void detail_row(xlsx *x, lxw_worksheet *ws, lxw_row_t row, size_t d, const jx_ind_view *v)
{
	const jx_dept_row *in = &x->res->batch->rows[d];
	const jx_indicator *ind = v->ind;
	const jx_ind_result *ir = v->ir;
	char first[256], second[256];
	jx_present_split_path(ind->path_key, first, second, sizeof(first));
	put_text(x, ws, row, 0, in->id, x->cell);
	put_text(x, ws, row, 1, in->name, x->cell);
	put_text(x, ws, row, 2, ind->id, x->cell);
	put_text(x, ws, row, 3, ind->name, x->cell);
	put_text(x, ws, row, 4, first, x->cell);
	put_text(x, ws, row, 5, second, x->cell);
	put_text(x, ws, row, 6, ind->unit_name, x->cell);
	char target[128];
	put_text(x, ws, row, 7,
	         jx_ind_cmp(ir) ? jx_present_target(target, sizeof(target), ind, ir) : "", x->cell);
	int numeric_target =
	    jx_ind_cmp(ir) && jx_ind_cmp(ir) != JX_CMP_WORD && jx_ind_cmp(ir) != JX_CMP_RANGE;
	if (numeric_target)
		put_num(x, ws, row, 8, ir->target, unit_format_for(x, ind, ir->target));
	else
		put_num(x, ws, row, 8, NAN, x->number);
	put_actual(x, ws, row, 9, ind, ir);
	double deviation, relative;
	jx_ind_deviation(ir, &deviation, &relative);
	put_num(x, ws, row, 10, jx_ind_completion(ir), x->pct);
	put_num(x, ws, row, 11, deviation, x->number);
	put_num(x, ws, row, 12, relative, x->pct);
	put_num(x, ws, row, 13, ind->weight, x->number);
	if (ir->status == JX_IND_EXCLUDED)
		put_num(x, ws, row, 14, NAN, x->score);
	else
		put_score(x, ws, row, 14, ir->score);
	put_text(x, ws, row, 15, jx_ind_status_name(ir->status), x->cell);
	put_text(x, ws, row, 16, ir->needs_note ? "是" : "否", x->cell);
	put_text(x, ws, row, 17, jx_present_explanation(ir), x->cell);
}

static void sheet_detail(xlsx *x)
{
	const jx_result *res = x->res;
	sheet s = {.name = "明细", .begin = detail_begin, .end = detail_end};
	sheet_open(x, &s);
	for (size_t d = 0; d < res->n && s.ws; d++) {
		if (res->batch->rows[d].reject_reason)
			continue; /* no indicator was computed; 汇总 gives the reason */
		size_t n = jx_dept_indicator_count(res, d);
		sheet_room(x, &s, n); /* a department's rows on one part */
		for (size_t k = 0; k < n; k++) {
			jx_ind_view v;
			jx_dept_indicator(&v, res, d, k);
			detail_row(x, s.ws, s.row++, d, &v);
		}
	}
	sheet_close(x, &s);
}

/* ---- 复核 --------------------------------------------------------------- */

static const list_col review_cols[] = {{"部门编号", 18}, {"部门名称", 22}, {"指标编号", 14},
                                       {"指标名称", 30}, {"一级指标", 12}, {"分值", 10},
                                       {"自评得分", 10}, {"复核得分", 10}, {"差异", 10},
                                       {"复核代码", 10}, {"说明", 40},     {"部门标志", 40}};
#define N_REVIEW_COLS (sizeof(review_cols) / sizeof(review_cols[0]))

static void review_begin(xlsx *x, sheet *s)
{
	lxw_worksheet *ws = s->ws;
	list_begin(x, s, review_cols, N_REVIEW_COLS);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	note_err(x, worksheet_repeat_rows(ws, 0, 0));
}

static void review_end(xlsx *x, sheet *s)
{
	note_err(x,
	         worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, N_REVIEW_COLS - 1));
}

/* A department's rows: each indicator with what was claimed beside what the
 * rules give, then its total (指标编号 总分) the same way. */
static void review_department(xlsx *x, sheet *s, size_t d)
{
	const jx_result *res = x->res;
	const jx_dept_row *in = &res->batch->rows[d];
	const jx_dept_result *dr = &res->depts[d];
	size_t n = jx_dept_indicator_count(res, d);
	sheet_room(x, s, n + 1);
	lxw_worksheet *ws = s->ws;
	jx_buf flags = {0}, note = {0};
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
		if (dr->flags & (1u << k)) {
			if (flags.len)
				jx_buf_puts(&flags, "；");
			jx_buf_puts(&flags, jx_dept_flag_words(k));
		}
	double weights = 0, sum = 0;
	for (size_t k = 0; k < n; k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		lxw_row_t row = s->row++;
		char first[256], second[256];
		jx_present_split_path(v.ind->path_key, first, second, sizeof(first));
		int excluded = v.ir->status == JX_IND_EXCLUDED;
		put_text(x, ws, row, 0, in->id, x->cell);
		put_text(x, ws, row, 1, in->name, x->cell);
		put_text(x, ws, row, 2, v.ind->id, x->cell);
		put_text(x, ws, row, 3, v.ind->name, x->cell);
		put_text(x, ws, row, 4, first, x->cell);
		put_num(x, ws, row, 5, v.ind->weight, x->number);
		put_score(x, ws, row, 6, v.claimed);
		put_score(x, ws, row, 7, excluded ? NAN : v.ir->score);
		put_difference(x, ws, row, 8, jx_view_difference(res, &v));
		const char *code = jx_view_review_code(res, &v);
		put_text(x, ws, row, 9, code ? code : "", x->cell);
		note.len = 0;
		jx_present_review_note(&note, res, &v);
		put_text(x, ws, row, 10, jx_buf_cstr(&note), x->cell);
		put_text(x, ws, row, 11, jx_buf_cstr(&flags), x->cell);
		weights += v.ind->weight;
		if (!excluded)
			sum += v.ir->score;
	}
	lxw_row_t row = s->row++;
	put_text(x, ws, row, 0, in->id, x->label);
	put_text(x, ws, row, 1, in->name, x->label);
	put_text(x, ws, row, 2, "总分", x->label);
	put_text(x, ws, row, 3, "合计", x->label);
	put_text(x, ws, row, 4, "", x->label);
	put_num(x, ws, row, 5, weights, x->number);
	put_num(x, ws, row, 6, jx_round(jx_present_claimed_score(res, d), res->rules->precision),
	        x->total_score);
	put_num(x, ws, row, 7, jx_round(dr->total_rounded, res->rules->precision), x->total_score);
	put_difference(x, ws, row, 8, jx_dept_score_difference(res, d));
	put_text(x, ws, row, 9, "", x->label);
	note.len = 0;
	if (fabs(sum - dr->total) > 1e-9)
		jx_buf_puts(&note, "复核得分为按百分制折算后的总分");
	if (dr->flags & JX_DEPT_CLAIMED_SUM_MISMATCH) {
		char total[40];
		jx_format_fixed(total, sizeof(total), jx_dept_claimed_rows(res, d, NULL),
		                res->rules->precision);
		jx_buf_printf(&note, "%s各项自评得分合计 %s", note.len ? "；" : "", total);
	}
	put_text(x, ws, row, 10, jx_buf_cstr(&note), x->label);
	put_text(x, ws, row, 11, jx_buf_cstr(&flags), x->label);
	jx_buf_free(&flags);
	jx_buf_free(&note);
}

/* Only when some scored department's table claims scores. */
static void sheet_review(xlsx *x)
{
	const jx_result *res = x->res;
	sheet s = {.name = "复核", .begin = review_begin, .end = review_end};
	for (size_t d = 0; d < res->n && x->err == LXW_NO_ERROR; d++) {
		if (res->depts[d].status != JX_DEPT_SCORED || !jx_dept_has_claims(res, d))
			continue;
		if (!s.ws)
			sheet_open(x, &s);
		if (!s.ws)
			return;
		review_department(x, &s, d);
	}
	sheet_close(x, &s);
}

/* ---- the workbook ------------------------------------------------------- */

/* Rows of all sheets together, roughly: whether the zip needs ZIP64. */
static double estimated_rows(const jx_result *res)
{
	double rows = (double)res->n * 8;
	rows += 3.0 * ((double)res->n * (double)res->rules->n_indicators +
	               (double)res->batch->declared.n);
	return rows;
}

static int build(xlsx *x, const char *path, const char *tmpdir)
{
	const jx_rules *r = x->res->rules;
	lxw_workbook_options options = {.constant_memory = LXW_TRUE,
	                                .tmpdir = (char *)tmpdir,
	                                .use_zip64 = estimated_rows(x->res) > ZIP64_ROWS};
	x->wb = workbook_new_opt(path, &options);
	if (!x->wb) {
		note_err(x, LXW_ERROR_CREATING_XLSX_FILE);
		return JX_EIO;
	}
	char title[512];
	snprintf(title, sizeof(title), "%s 绩效自评结果", r->name && *r->name ? r->name : r->id);
	lxw_doc_properties props = {0};
	char *title_copy = strdup(clean(x, title));
	props.title = title_copy;
	props.author = "jixiao " JX_VERSION_STRING;
	props.subject = "部门整体支出绩效自评";
	props.created = XLSX_CREATED;
	note_err(x, workbook_set_properties(x->wb, &props));
	free(title_copy);
	if (make_formats(x) != 0)
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	/* sheets are added as they are written, so a sheet's later parts
	 * (明细_2) come right after it */
	if (x->err == LXW_NO_ERROR)
		sheet_summary(x);
	if (x->err == LXW_NO_ERROR)
		sheet_stats(x);
	if (x->err == LXW_NO_ERROR)
		sheet_table(x);
	if (x->err == LXW_NO_ERROR)
		sheet_detail(x);
	if (x->err == LXW_NO_ERROR)
		sheet_review(x);
	note_err(x, workbook_close(x->wb)); /* writes the file and frees the workbook */
	x->wb = NULL;
	if (x->err == LXW_NO_ERROR)
		return x->text.failed ? JX_ENOMEM : JX_OK;
	return x->err == LXW_ERROR_MEMORY_MALLOC_FAILED ? JX_ENOMEM : JX_EIO;
}

/* The workbook's bytes to out, a MiB at a time on to its sink. */
static int slurp(jx_buf *out, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return JX_EIO;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		jx_buf_append(out, chunk, n);
		jx_buf_checkpoint(out);
	}
	int rc = ferror(f) ? JX_EIO : out->failed ? JX_ENOMEM : JX_OK;
	fclose(f);
	return rc;
}

/* errno for what libxlsxwriter could not do, so that a caller printing
 * strerror(errno) names it: a file or zip error keeps the system's own
 * errno (ENOSPC, EACCES, ...) when there is one. */
static int lxw_errno(lxw_error e, int saved)
{
	switch (e) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return ENOMEM;
	case LXW_ERROR_CREATING_XLSX_FILE:
	case LXW_ERROR_CREATING_TMPFILE:
	case LXW_ERROR_READING_TMPFILE:
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_PARAMETER_ERROR:
	case LXW_ERROR_ZIP_BAD_ZIP_FILE:
	case LXW_ERROR_ZIP_INTERNAL_ERROR:
	case LXW_ERROR_ZIP_FILE_ADD:
	case LXW_ERROR_ZIP_CLOSE:
		return saved ? saved : EIO;
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		return EFBIG; /* more rows or columns than a sheet holds */
	default:
		return EINVAL;
	}
}

int jx_write_xlsx(const jx_result *res, jx_buf *out)
{
	if (jx_summary_prepare(res) != JX_OK)
		return JX_ENOMEM; /* statistics that could not be computed are not left out */
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	size_t size = strlen(dir) + 32;
	char *path = malloc(size);
	size_t *order = malloc(sizeof(size_t) * (res->n ? res->n : 1));
	if (!path || !order) {
		free(path);
		free(order);
		return JX_ENOMEM;
	}
	snprintf(path, size, "%s/jixiao-xlsx-XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd < 0) {
		int saved = errno;
		fprintf(stderr, "jixiao: xlsx: cannot create a temporary file in %s: %s\n", dir,
		        strerror(saved));
		free(path);
		free(order);
		errno = saved;
		return JX_EIO;
	}
	close(fd);
	xlsx x = {.res = res, .order = order, .max_rows = LXW_ROW_MAX};
	x.claims = jx_batch_has_claimed_total(res);
	const char *rows = getenv("JIXIAO_XLSX_ROWS"); /* tests: split sheets sooner */
	if (rows && atol(rows) >= 16 && atol(rows) < LXW_ROW_MAX)
		x.max_rows = (lxw_row_t)atol(rows);
	errno = 0;
	int rc = jx_present_rank_order(x.order, x.res) == 0 ? build(&x, path, dir) : JX_ENOMEM;
	int saved = errno;
	if (rc == JX_OK)
		rc = slurp(out, path);
	else if (x.err != LXW_NO_ERROR)
		/* the cause in libxlsxwriter's words: the API returns only a code
		 * (docs/reports.md, "Large batches") */
		fprintf(stderr, "jixiao: xlsx: %s\n", lxw_strerror(x.err));
	unlink(path);
	free(path);
	free(order);
	jx_buf_free(&x.text);
	if (rc != JX_OK && x.err != LXW_NO_ERROR)
		errno = lxw_errno(x.err, saved);
	return rc;
}
