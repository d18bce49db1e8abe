/*
 * sheet_table.c - finding a 自评表 in a sheet (see sheet_table.h).
 *
 * Published tables differ in everything but their headings, so the reader
 * goes by headings (docs/data.md, "Workbooks"):
 * - the indicator header is the first row, among the first 100, whose cells
 *   name the 三级指标 column and 年度指标值 or 实际完成值 (and at least three
 *   known columns); title rows above it hold the header block and the fund
 *   block; headings are read without spaces, line breaks or a bracketed
 *   note ("年度\n指标值", "全年预算数(A)", "分值（分）");
 * - merged cells come from the grid already copied from their top-left
 *   cell; a table that leaves the 一级 / 二级 cells blank below their first
 *   row instead of merging them is filled down the same way;
 * - rows that repeat the header (a heading merged down) are skipped; the
 *   rows end at the 总分 row, or at a note ("注：...") across the table.
 */
#include "sheet_table.h"

#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "workbook/workbook_impl.h"

#define HEADER_ROWS_SEARCHED 100 /* a header below this many title rows is not one */
#define LABEL_MAX            256

typedef struct {
	const jx_sheet *s;
	size_t *row_start; /* n_rows + 1: the cells of row r are [row_start[r], row_start[r+1]) */
	const char *file;
	const char *sheet; /* the sheet's name, kept */
} grid;

static int grid_init(grid *g, const jx_sheet *s, const char *file, const char *sheet)
{
	g->s = s;
	g->file = file;
	g->sheet = sheet;
	g->row_start = malloc(sizeof(size_t) * ((size_t)s->n_rows + 1));
	if (!g->row_start)
		return JX_ENOMEM;
	size_t k = 0;
	for (uint32_t r = 0; r <= s->n_rows; r++) {
		while (k < s->n_cells && s->cells[k].row < r)
			k++;
		g->row_start[r] = k;
	}
	return JX_OK;
}

static const jx_cell *cell_at(const grid *g, uint32_t row, int col)
{
	if (col < 0 || row >= g->s->n_rows)
		return NULL;
	for (size_t k = g->row_start[row]; k < g->row_start[row + 1]; k++)
		if (g->s->cells[k].col == (uint32_t)col)
			return &g->s->cells[k];
	return NULL;
}

static jx_table_cell table_cell(const grid *g, uint32_t row, int col)
{
	const jx_cell *c = cell_at(g, row, col);
	jx_loc loc = {g->file, (int)row + 1, col + 1, g->sheet};
	return (jx_table_cell){c ? c->text : NULL, c ? c->len : 0, loc, 0};
}

/* ---- labels ---------------------------------------------------------------------- */

/* The text as a label: no white space, no trailing colon, no bracketed
 * note ("年度资金总额：" -> "年度资金总额", "全年预算数（A）" -> "全年预算数"). */
static size_t label_of(char *buf, const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < LABEL_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (i + 3 <= len && memcmp(s + i, "\u3000", 3) == 0) {
			i += 2;
			continue;
		}
		buf[n++] = s[i];
	}
	buf[n] = '\0';
	char *open = strstr(buf, "（");
	char *ascii = strchr(buf, '(');
	if (ascii && (!open || ascii < open))
		open = ascii;
	if (open && open > buf)
		n = (size_t)(open - buf);
	if (n >= 3 && memcmp(buf + n - 3, "：", 3) == 0)
		n -= 3;
	else if (n && buf[n - 1] == ':')
		n--;
	buf[n] = '\0';
	return n;
}

static int label_is(const char *label, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(label, *names) == 0)
			return 1;
	return 0;
}

static int label_starts(const char *label, const char *const *names)
{
	for (; *names; names++)
		if (strncmp(label, *names, strlen(*names)) == 0)
			return 1;
	return 0;
}

/* ---- the indicator header --------------------------------------------------------- */

/* The columns row r names; how many. */
static int map_headings(const grid *g, uint32_t r, int col[JX_COL_COUNT],
                        const char *heading[JX_COL_COUNT])
{
	int found = 0;
	for (int c = 0; c < JX_COL_COUNT; c++) {
		col[c] = -1;
		heading[c] = NULL;
	}
	for (size_t k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
		const jx_cell *cell = &g->s->cells[k];
		int c = jx_table_heading(cell->text, cell->len);
		if (c < 0 || c == JX_COL_DEPT_ID || c == JX_COL_DEPT_NAME || col[c] >= 0)
			continue;
		col[c] = (int)cell->col;
		heading[c] = cell->text;
		found++;
	}
	return found;
}

static int is_header(const jx_sheet_table *t, int n)
{
	return n >= 3 && t->col[JX_COL_INDICATOR] >= 0 &&
	       (t->col[JX_COL_TARGET] >= 0 || t->col[JX_COL_ACTUAL] >= 0);
}

/* A heading written over two rows: 绩效指标 above 一级 / 二级 / 三级指标,
 * 年度指标值 / 实际完成值 / 分值 on the upper row only. The columns the lower
 * row lacks are taken from the row above. */
static int two_row_header(const grid *g, uint32_t r, jx_sheet_table *t, int n)
{
	int above[JX_COL_COUNT];
	const char *heading[JX_COL_COUNT];
	if (r == 0 || t->col[JX_COL_INDICATOR] < 0)
		return n;
	map_headings(g, r - 1, above, heading);
	for (int c = 0; c < JX_COL_COUNT; c++)
		if (t->col[c] < 0 && above[c] >= 0) {
			t->col[c] = above[c];
			t->heading[c] = heading[c];
			n++;
		}
	return n;
}

/* A heading 指标 merged over 一级 / 二级 / 三级指标 on the row below: the
 * header is that row (a 指标 column of its own holds the path and the
 * name, "产出指标-数量指标-培训人次"). */
static int indicator_heading_above(const grid *g, uint32_t r, const jx_sheet_table *t)
{
	char lab[LABEL_MAX];
	int below[JX_COL_COUNT];
	const char *heading[JX_COL_COUNT];
	const jx_cell *c = cell_at(g, r, t->col[JX_COL_INDICATOR]);
	if (!c || r + 1 >= g->s->n_rows)
		return 0;
	label_of(lab, c->text, c->len);
	if (strcmp(lab, "指标") != 0)
		return 0;
	map_headings(g, r + 1, below, heading);
	return below[JX_COL_INDICATOR] >= 0;
}

/* A heading written over two rows the other way round: a group heading on
 * the header row merged over sub-headings on the row below (指标值 over
 * 年度目标值 / 实际完成值, 指标值 over 目标值 / 完成值). The row below is a
 * row of sub-headings when every cell of its own (not a merge's copy)
 * names a column; its columns then take the place of the row above's and
 * the rows start under it. */
static void sub_headings_below(const grid *g, jx_sheet_table *t)
{
	uint32_t r = t->header_row + 1;
	int below[JX_COL_COUNT], own = 0;
	const char *heading[JX_COL_COUNT];
	if (r >= g->s->n_rows)
		return;
	for (size_t k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
		const jx_cell *c = &g->s->cells[k];
		if (c->from_merge || c->len == 0)
			continue;
		int col = jx_table_heading(c->text, c->len);
		if (col < 0 || col == JX_COL_DEPT_ID || col == JX_COL_DEPT_NAME)
			return; /* a data row, or a row of notes: not sub-headings */
		own++;
	}
	if (own == 0)
		return;
	map_headings(g, r, below, heading);
	for (int c = 0; c < JX_COL_COUNT; c++) {
		if (below[c] < 0)
			continue;
		for (int o = 0; o < JX_COL_COUNT; o++) /* the column now names c */
			if (o != c && t->col[o] == below[c]) {
				t->col[o] = -1;
				t->heading[o] = NULL;
			}
		t->col[c] = below[c];
		if (c != JX_COL_INDICATOR || !t->heading[c])
			t->heading[c] = heading[c];
	}
	t->header_row = r;
}

/* The header row among the HEADER_ROWS_SEARCHED rows from t->top_row. */
static int find_header(const grid *g, jx_sheet_table *t)
{
	uint32_t last = g->s->n_rows - t->top_row < HEADER_ROWS_SEARCHED
	                    ? g->s->n_rows
	                    : t->top_row + HEADER_ROWS_SEARCHED;
	for (uint32_t r = t->top_row; r < last; r++) {
		int n = map_headings(g, r, t->col, t->heading);
		if (!is_header(t, n))
			n = two_row_header(g, r, t, n);
		if (is_header(t, n) && !indicator_heading_above(g, r, t)) {
			t->header_row = r;
			sub_headings_below(g, t);
			return 1;
		}
	}
	return 0;
}

/* ---- the header block ------------------------------------------------------------- */

static const char *const info_labels[JX_INFO_COUNT][12] = {
    [JX_INFO_PROJECT] = {"项目名称", NULL},
    [JX_INFO_AUTHORITY] = {"主管部门", "主管单位", "项目主管部门", "预算部门", NULL},
    [JX_INFO_UNIT] = {"实施单位", "单位名称", "部门名称", "填报单位", "项目实施单位", "预算单位",
                      "项目单位", "部门", NULL},
    [JX_INFO_CODE] = {"项目代码", "项目编码", "项目编号", "预算项目编码", "单位编码", "单位代码",
                      "部门编码", NULL},
};

/* The value beside a label: the rest of the label's own cell
 * ("项目名称：xxx"), else the next cell to its right holding other text. */
static jx_table_cell info_value(const grid *g, const jx_cell *at, size_t label_bytes_in_cell)
{
	if (label_bytes_in_cell < at->len) {
		jx_table_cell v = table_cell(g, at->row, (int)at->col);
		v.text += label_bytes_in_cell;
		v.len -= label_bytes_in_cell;
		return v;
	}
	for (size_t k = g->row_start[at->row]; k < g->row_start[at->row + 1]; k++) {
		const jx_cell *c = &g->s->cells[k];
		if (c->col <= at->col ||
		    (c->len == at->len && memcmp(c->text, at->text, c->len) == 0))
			continue;
		return table_cell(g, c->row, (int)c->col);
	}
	return (jx_table_cell){NULL, 0, {g->file, 0, 0, g->sheet}, 0};
}

/* Where a label ends inside its cell's text ("项目名称：xxx" -> after "："),
 * or the cell's length when the cell is only the label. */
static size_t label_end(const jx_cell *c, const char *name)
{
	const char *colon = strstr(c->text, "：");
	size_t skip = colon ? 3 : 1;
	if (!colon)
		colon = strchr(c->text, ':');
	if (!colon || (size_t)(colon - c->text) < strlen(name) / 2)
		return c->len;
	return (size_t)(colon - c->text) + skip;
}

/* Where the value starts in a cell that writes the label, white space and
 * the value with no colon ("项目名称  农村实用人才培训"); 0 when it does not. */
static size_t spaced_label(const jx_cell *c, const char *name)
{
	size_t n = strlen(name), at;
	if (c->len <= n || memcmp(c->text, name, n) != 0)
		return 0;
	for (at = n; at < c->len;) {
		if (c->text[at] == ' ' || c->text[at] == '\t')
			at++;
		else if (c->len - at >= 3 && memcmp(c->text + at, "\u3000", 3) == 0)
			at += 3;
		else
			break;
	}
	return at > n && at < c->len ? at : 0;
}

static void read_info(const grid *g, jx_sheet_table *t)
{
	char lab[LABEL_MAX];
	for (int f = 0; f < JX_INFO_COUNT; f++)
		t->info[f] = (jx_table_cell){NULL, 0, {g->file, 0, 0, g->sheet}, 0};
	for (uint32_t r = t->top_row; r < t->header_row; r++)
		for (size_t k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
			const jx_cell *c = &g->s->cells[k];
			if (c->from_merge)
				continue;
			label_of(lab, c->text, c->len);
			for (int f = 0; f < JX_INFO_COUNT; f++) {
				if (t->info[f].text && t->info[f].len)
					continue;
				for (const char *const *name = info_labels[f]; *name; name++) {
					if (strncmp(lab, *name, strlen(*name)) != 0)
						continue;
					size_t spaced = spaced_label(c, *name);
					if (lab[strlen(*name)] == '\0' || strchr(c->text, ':') ||
					    strstr(c->text, "："))
						t->info[f] = info_value(g, c, label_end(c, *name));
					else if (spaced)
						t->info[f] = info_value(g, c, spaced);
				}
			}
		}
}

/* ---- the fund block ---------------------------------------------------------------- */

static const char *const fund_labels[JX_FUND_COUNT][8] = {
    [JX_FUND_INITIAL] = {"年初预算数", "年初预算", "年初预算金额", NULL},
    [JX_FUND_TOTAL] = {"全年预算数", "调整后预算数", "全年预算", "预算数", NULL},
    [JX_FUND_SPEND] = {"全年执行数", "全年实际执行数", "实际执行数", "执行数", "全年支出数", NULL},
    [JX_FUND_WEIGHT] = {"分值", NULL},
    [JX_FUND_RATE] = {"执行率", "预算执行率", NULL},
    [JX_FUND_CLAIMED] = {"得分", NULL},
};

static const char *const total_row_labels[] = {"年度资金总额", "资金总额",     "年度资金总额合计",
                                               "合计",         "项目资金总额", NULL};

/* The fund heading row's columns; how many it names. */
static int fund_columns(const grid *g, uint32_t r, int col[JX_FUND_COUNT])
{
	char lab[LABEL_MAX];
	int found = 0;
	for (int f = 0; f < JX_FUND_COUNT; f++)
		col[f] = -1;
	for (size_t k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
		const jx_cell *c = &g->s->cells[k];
		label_of(lab, c->text, c->len);
		for (int f = 0; f < JX_FUND_COUNT; f++)
			if (col[f] < 0 && label_is(lab, fund_labels[f])) {
				col[f] = (int)c->col;
				found++;
				break;
			}
	}
	return found;
}

/* The 年度资金总额 row under the heading row h (before the indicator
 * header): the row so labelled, else the first row below h. */
static uint32_t fund_total_row(const grid *g, uint32_t h, uint32_t end)
{
	char lab[LABEL_MAX];
	for (uint32_t r = h + 1; r < end; r++)
		for (size_t k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
			const jx_cell *c = &g->s->cells[k];
			label_of(lab, c->text, c->len);
			if (label_starts(lab, total_row_labels))
				return r;
		}
	return h + 1 < end ? h + 1 : end;
}

/* The unit a cell states for money: "单位：元", "金额单位:万元", "（元）",
 * "(万元)"; NULL when it states none. */
static const char *stated_unit(const char *s)
{
	static const char *const yuan[] = {"（元）", "(元)", "单位：元", "单位:元", NULL};
	static const char *const wan[] = {"（万元）", "(万元)", "单位：万元", "单位:万元", NULL};
	for (int k = 0; yuan[k]; k++)
		if (strstr(s, yuan[k]))
			return "元";
	for (int k = 0; wan[k]; k++)
		if (strstr(s, wan[k]))
			return "万元";
	return NULL;
}

/* 万元 unless the block's heading says 元 ("资金情况(元)", "单位：元"); a
 * block that states no unit takes the one a title row above states for
 * the whole table ("单位：元" at the right of the title). */
static const char *fund_unit(const grid *g, uint32_t top, uint32_t from, uint32_t to)
{
	for (uint32_t r = from; r <= to && r < g->s->n_rows; r++)
		for (size_t k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
			const char *s = g->s->cells[k].text;
			if (strstr(s, "万元"))
				return "万元";
			if (stated_unit(s))
				return "元";
		}
	for (uint32_t r = top; r < from && r < g->s->n_rows; r++)
		for (size_t k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
			const char *unit = stated_unit(g->s->cells[k].text);
			if (unit)
				return unit;
		}
	return "万元";
}

/* The column of the value written right of a label in its row (the next
 * cell holding other text than the label's merge copies), or -1. */
static int value_right_of(const grid *g, uint32_t r, int col)
{
	const jx_cell *label = cell_at(g, r, col);
	for (size_t k = g->row_start[r]; label && k < g->row_start[r + 1]; k++) {
		const jx_cell *c = &g->s->cells[k];
		if (c->col <= (uint32_t)col ||
		    (c->len == label->len && memcmp(c->text, label->text, c->len) == 0))
			continue;
		return (int)c->col;
	}
	return -1;
}

/* Labels with their figures beside them on one row ("全年预算数（万元）| 120 |
 * 全年执行数（万元）| 114"), not a heading row over a 年度资金总额 row: the
 * cell right of the 全年预算数 or 全年执行数 label holds a number. The
 * figures' columns replace the labels'. */
static int fund_inline(const grid *g, uint32_t h, int col[JX_FUND_COUNT])
{
	int value[JX_FUND_COUNT], numbers = 0;
	for (int f = 0; f < JX_FUND_COUNT; f++) {
		value[f] = col[f] >= 0 ? value_right_of(g, h, col[f]) : -1;
		const jx_cell *c = value[f] >= 0 ? cell_at(g, h, value[f]) : NULL;
		double x;
		if (c && (f == JX_FUND_TOTAL || f == JX_FUND_SPEND) &&
		    jx_table_number(&x, c->text, c->len) == 0)
			numbers++;
	}
	if (!numbers)
		return 0;
	for (int f = 0; f < JX_FUND_COUNT; f++)
		col[f] = value[f];
	return 1;
}

static void read_fund(const grid *g, jx_sheet_table *t)
{
	int col[JX_FUND_COUNT];
	for (int f = 0; f < JX_FUND_COUNT; f++)
		t->fund[f] = (jx_table_cell){NULL, 0, {g->file, 0, 0, g->sheet}, 0};
	for (uint32_t h = t->top_row; h < t->header_row; h++) {
		if (fund_columns(g, h, col) < 2 ||
		    (col[JX_FUND_TOTAL] < 0 && col[JX_FUND_SPEND] < 0))
			continue;
		uint32_t r = fund_inline(g, h, col) ? h : fund_total_row(g, h, t->header_row);
		if (r >= t->header_row)
			return;
		for (int f = 0; f < JX_FUND_COUNT; f++)
			if (col[f] >= 0)
				t->fund[f] = table_cell(g, r, col[f]);
		t->fund_unit = fund_unit(g, t->top_row, h > t->top_row ? h - 1 : h, r);
		t->has_fund = 1;
		return;
	}
}

/* ---- the rows ------------------------------------------------------------------------ */

static int same_text(const jx_table_cell *a, const jx_table_cell *b)
{
	return a->text && b->text && a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

static int cell_blank(const jx_table_cell *c)
{
	for (size_t i = 0; c->text && i < c->len; i++)
		if (c->text[i] != ' ' && c->text[i] != '\t' && c->text[i] != '\r' &&
		    c->text[i] != '\n')
			return 0;
	return 1;
}

/* A note written across the table ("注：1.一级指标分值..."), or the signature
 * lines under it: every column holds the same text, or the indicator
 * column starts like a note. */
static int note_row(const jx_sheet_table *t, const jx_table_row *row)
{
	static const char *const notes[] = {"注:",    "注：",   "注1",        "说明:",
	                                    "说明：", "备注:",  "备注：",     "填表人",
	                                    "填报人", "审核人", "单位负责人", NULL};
	char lab[LABEL_MAX];
	const jx_table_cell *ind = &row->cell[JX_COL_INDICATOR];
	size_t n = 0;
	for (size_t i = 0; ind->text && i < ind->len && n + 1 < sizeof(lab); i++)
		if (ind->text[i] != ' ')
			lab[n++] = ind->text[i];
	lab[n] = '\0';
	if (label_starts(lab, notes))
		return 1;
	int seen = 0;
	for (int c = 0; c < JX_COL_COUNT; c++) {
		if (t->col[c] < 0)
			continue;
		if (!same_text(&row->cell[c], ind))
			return 0;
		seen++;
	}
	return seen > 2 && !cell_blank(ind);
}

/* Bytes of a group heading's numbering at s: "一、", "（一）", "(一)",
 * "1、", "1.", "1．"; 0 when none. */
static size_t numbering(const char *s, size_t n)
{
	static const char *const numerals[] = {"一", "二", "三", "四", "五", "六",
	                                       "七", "八", "九", "十", NULL};
	static const char *const seps[] = {"、", "．", ".", "，", " ", NULL};
	size_t open = 0;
	if (n >= 3 && memcmp(s, "（", 3) == 0)
		open = 3;
	else if (n >= 1 && s[0] == '(')
		open = 1;
	size_t i = open;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	for (int more = i == open; more;) { /* 一, 十二: Chinese numerals */
		more = 0;
		for (int k = 0; numerals[k]; k++)
			if (n - i >= 3 && memcmp(s + i, numerals[k], 3) == 0) {
				i += 3;
				more = 1;
			}
	}
	if (i == open)
		return 0;
	if (open) {
		const char *close = open == 3 ? "）" : ")";
		size_t cl = strlen(close);
		if (n - i >= cl && memcmp(s + i, close, cl) == 0)
			return i + cl;
		return 0;
	}
	for (int k = 0; seps[k]; k++) {
		size_t sl = strlen(seps[k]);
		if (n - i >= sl && memcmp(s + i, seps[k], sl) == 0)
			return i + sl;
	}
	return 0;
}

/* A group heading across the table ("一、产出指标（50分）", "产出指标"): a
 * row whose cells hold one text that, without its numbering and a
 * bracketed note, ends with 指标 — in every column (merged across), or,
 * numbered, in one cell with the others blank (the same row in an .xls,
 * where FreeXL sees no merges). *group is that text without the numbering
 * (a 一级 as tables write it, "产出指标（50分）"). */
static int group_row(const jx_sheet_table *t, const jx_table_row *row, jx_table_cell *group)
{
	char lab[LABEL_MAX];
	const jx_table_cell *text = NULL;
	int same = 0, blank = 0;
	for (int c = 0; c < JX_COL_COUNT; c++) {
		if (t->col[c] < 0)
			continue;
		if (cell_blank(&row->cell[c])) {
			blank++;
			continue;
		}
		if (text && !same_text(&row->cell[c], text))
			return 0;
		text = text ? text : &row->cell[c];
		same++;
	}
	if (!text || (same < 3 && (same != 1 || blank < 2)))
		return 0;
	size_t skip = 0;
	while (skip < text->len && (text->text[skip] == ' ' || text->text[skip] == '\n'))
		skip++;
	size_t numbered = numbering(text->text + skip, text->len - skip);
	if (same == 1 && !numbered)
		return 0; /* a lone 数量指标: a template row left unfilled */
	skip += numbered;
	size_t n = label_of(lab, text->text + skip, text->len - skip);
	if (n < strlen("指标") || strcmp(lab + n - strlen("指标"), "指标") != 0)
		return 0;
	*group = *text;
	group->text += skip;
	group->len -= skip;
	return 1;
}

/* A subtotal row (小计, 产出指标小计): its points are the rows' above it. */
static int subtotal_row(const jx_table_row *row)
{
	static const jx_table_col cols[] = {JX_COL_INDICATOR, JX_COL_LEVEL2};
	char lab[LABEL_MAX];
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		const jx_table_cell *c = &row->cell[cols[i]];
		size_t n = c->text ? label_of(lab, c->text, c->len) : 0;
		if (n >= strlen("小计") && strcmp(lab + n - strlen("小计"), "小计") == 0)
			return 1;
	}
	return 0;
}

/* A row that repeats the header (a heading merged down over two rows). */
static int header_again(const jx_sheet_table *t, const jx_table_row *row)
{
	const jx_table_cell *ind = &row->cell[JX_COL_INDICATOR];
	const char *h = t->heading[JX_COL_INDICATOR];
	return ind->text && h && strlen(h) == ind->len && memcmp(h, ind->text, ind->len) == 0;
}

/* A table that writes 一级 / 二级 only on the first of their rows. */
static void fill_down(jx_table_row *row, const jx_table_row *above)
{
	int new_first = !cell_blank(&row->cell[JX_COL_LEVEL1]) &&
	                !same_text(&row->cell[JX_COL_LEVEL1], &above->cell[JX_COL_LEVEL1]);
	if (cell_blank(&row->cell[JX_COL_LEVEL1]))
		row->cell[JX_COL_LEVEL1] = above->cell[JX_COL_LEVEL1];
	if (!new_first && cell_blank(&row->cell[JX_COL_LEVEL2]))
		row->cell[JX_COL_LEVEL2] = above->cell[JX_COL_LEVEL2];
}

/* Bytes for the text of one shared figure. */
#define SHARE_TEXT 48
/* Vertical merges looked at for shared points (more: none is shared). */
#define MAX_SHARED_MERGES 256

typedef struct {
	jx_merge items[MAX_SHARED_MERGES];
	size_t n;
} down_merges;

/* The merges below the header that cover the 分值 or the 得分 column over
 * more than one row; none when there are more than MAX_SHARED_MERGES (a
 * sheet no department writes: its points are then read as copied). */
static void find_down_merges(const grid *g, const jx_sheet_table *t, down_merges *d)
{
	d->n = 0;
	for (size_t k = 0; k < g->s->n_merges; k++) {
		const jx_merge *m = &g->s->merges[k];
		int hit = 0;
		for (int w = 0; w < 2; w++) {
			int col = t->col[w ? JX_COL_CLAIMED : JX_COL_WEIGHT];
			hit |= col >= 0 && (uint32_t)col >= m->first_col &&
			       (uint32_t)col <= m->last_col;
		}
		if (!hit || m->first_row <= t->header_row || m->first_row == m->last_row)
			continue;
		if (d->n == MAX_SHARED_MERGES) {
			d->n = 0;
			return;
		}
		d->items[d->n++] = *m;
	}
}

/* The merge of d that covers (r, col), or NULL. */
static const jx_merge *merge_down_at(const down_merges *d, uint32_t r, int col)
{
	for (size_t k = 0; col >= 0 && k < d->n; k++) {
		const jx_merge *m = &d->items[k];
		if (r >= m->first_row && r <= m->last_row && (uint32_t)col >= m->first_col &&
		    (uint32_t)col <= m->last_col)
			return m;
	}
	return NULL;
}

/* A 分值 or 得分 merged down over several indicator rows ("20" for the two
 * rows of one 二级) holds the points of those rows together: each row has
 * its share (10 and 10), so the table's points add up as the department
 * wrote them. Rows without a 三级 name in the range do not share. */
static int share_points(const grid *g, jx_sheet_table *t, const down_merges *d, jx_table_row *row,
                        uint32_t r, jx_table_col which, size_t *used, size_t cap)
{
	const jx_merge *m = merge_down_at(d, r, t->col[which]);
	jx_table_cell *c = &row->cell[which];
	double x;
	if (!m || !c->text || jx_table_number(&x, c->text, c->len) != 0)
		return JX_OK;
	uint32_t rows = 0;
	for (uint32_t rr = m->first_row; rr <= m->last_row && rr < g->s->n_rows; rr++) {
		const jx_cell *name = cell_at(g, rr, t->col[JX_COL_INDICATOR]);
		rows += name && name->len > 0;
	}
	if (rows < 2)
		return JX_OK;
	if (!t->shares && !(t->shares = malloc(cap * SHARE_TEXT)))
		return JX_ENOMEM;
	if (*used >= cap)
		return JX_OK;
	char *text = t->shares + *used * SHARE_TEXT;
	size_t n = jx_wb_format_number(text, x / rows);
	++*used;
	c->text = text;
	c->len = n;
	return JX_OK;
}

/* The 总分 row written in a column the table does not map (the first, under
 * 绩效指标, not merged across): its label is put in the 三级 cell, so the
 * row is read as the table's total, not as an indicator the 一级 above
 * would be filled down into. Only left of the table's last column, and
 * only when the row names no indicator itself. */
static void total_outside_columns(const grid *g, const jx_sheet_table *t, jx_table_row *row,
                                  uint32_t r)
{
	if (!cell_blank(&row->cell[JX_COL_INDICATOR]) || !cell_blank(&row->cell[JX_COL_LEVEL1]))
		return;
	int last = -1;
	for (int c = 0; c < JX_COL_COUNT; c++)
		last = t->col[c] > last ? t->col[c] : last;
	for (size_t k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
		const jx_cell *cell = &g->s->cells[k];
		if ((int)cell->col >= last)
			break;
		int mapped = 0;
		for (int c = 0; c < JX_COL_COUNT && !mapped; c++)
			mapped = t->col[c] == (int)cell->col;
		jx_table_cell label = table_cell(g, r, (int)cell->col);
		if (!mapped && jx_table_total_name(&label)) {
			row->cell[JX_COL_INDICATOR] = label;
			return;
		}
	}
}

static int read_rows(const grid *g, jx_sheet_table *t)
{
	size_t shared = 0;
	down_merges *down = NULL;
	if (g->s->n_merges) {
		if (!(down = malloc(sizeof(*down))))
			return JX_ENOMEM;
		find_down_merges(g, t, down);
	}
	size_t cap = g->s->n_rows > t->header_row ? g->s->n_rows - t->header_row : 1;
	t->rows = calloc(cap, sizeof(jx_table_row));
	if (!t->rows)
		return JX_ENOMEM;
	jx_table_cell group = {NULL, 0, {g->file, 0, 0, g->sheet}, 0};
	t->end_row = g->s->n_rows;
	for (uint32_t r = t->header_row + 1; r < g->s->n_rows; r++) {
		jx_table_row *row = &t->rows[t->n_rows];
		row->loc = (jx_loc){g->file, (int)r + 1, 1, g->sheet};
		for (int c = 0; c < JX_COL_COUNT; c++)
			row->cell[c] = t->col[c] >= 0
			                   ? table_cell(g, r, t->col[c])
			                   : (jx_table_cell){NULL, 0, {g->file, 0, 0, g->sheet}, 0};
		if (header_again(t, row))
			continue;
		if (group_row(t, row, &group))
			continue; /* its 一级 goes to the rows below it */
		if (subtotal_row(row))
			continue;
		total_outside_columns(g, t, row, r);
		if (group.text && cell_blank(&row->cell[JX_COL_LEVEL1]))
			row->cell[JX_COL_LEVEL1] = group;
		if (note_row(t, row)) {
			t->end_row = r;
			break;
		}
		if (t->n_rows)
			fill_down(row, &t->rows[t->n_rows - 1]);
		if (down && down->n && !cell_blank(&row->cell[JX_COL_INDICATOR]) &&
		    (share_points(g, t, down, row, r, JX_COL_WEIGHT, &shared, 2 * cap) != JX_OK ||
		     share_points(g, t, down, row, r, JX_COL_CLAIMED, &shared, 2 * cap) != JX_OK)) {
			free(down);
			return JX_ENOMEM;
		}
		t->n_rows++;
		if (jx_table_row_kind(row) == JX_ROW_TOTAL) {
			t->end_row = r + 1;
			break;
		}
	}
	free(down);
	return JX_OK;
}

/* ---- the workbook ------------------------------------------------------------------------ */

static void table_free(jx_sheet_table *t)
{
	free(t->rows);
	free(t->shares);
	t->shares = NULL;
	t->rows = NULL;
	t->n_rows = 0;
}

typedef struct {
	jx_sheet_table *items;
	size_t n, cap;
} table_list;

static void tables_free(table_list *l)
{
	for (size_t k = 0; k < l->n; k++)
		table_free(&l->items[k]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* The table whose title rows start at `top`, if a header follows. */
static int next_table(const grid *g, size_t i, size_t in_sheet, uint32_t top, jx_sheet_table *t,
                      int *found)
{
	*found = 0;
	memset(t, 0, sizeof(*t));
	t->sheet = g->sheet;
	t->sheet_index = i;
	t->in_sheet = in_sheet;
	t->top_row = top;
	if (top >= g->s->n_rows || !find_header(g, t))
		return JX_OK;
	*found = 1;
	read_info(g, t);
	read_fund(g, t);
	return read_rows(g, t);
}

/* Reads sheet i and finds its tables: the first under the title rows, and
 * one below another when each ends at its 总分 row (or a note) and the
 * next header follows within HEADER_ROWS_SEARCHED rows (a county's
 * projects pasted one under another). A table that runs to the sheet's end
 * is the last; a header repeated inside a table (a page's heading pasted
 * again) is skipped, as before. */
static int sheet_tables(jx_workbook *wb, size_t i, const char *file, const char *sheet_name,
                        table_list *out, jx_sheet **sheet, grid *g, jx_diagnostics *diags)
{
	int rc = jx_workbook_read_sheet(sheet, wb, i, diags);
	if (rc != JX_OK)
		return rc;
	if ((rc = grid_init(g, *sheet, file, sheet_name)) != JX_OK)
		return rc;
	for (uint32_t top = 0;;) {
		jx_sheet_table t;
		int found = 0;
		rc = next_table(g, i, out->n, top, &t, &found);
		if (rc == JX_OK && found && JX_VEC_PUSH(*out, t) != 0)
			rc = JX_ENOMEM;
		if (rc != JX_OK || !found) {
			table_free(&t);
			return rc;
		}
		if (t.end_row >= g->s->n_rows || t.end_row <= top)
			return JX_OK;
		top = t.end_row;
	}
}

static void sheet_done(jx_sheet *sheet, grid *g, table_list *l)
{
	tables_free(l);
	free(g->row_start);
	g->row_start = NULL;
	jx_sheet_free(sheet);
}

/* How many sheets a department sees (the others are hidden). */
static size_t visible_sheets(const jx_workbook *wb)
{
	size_t n = jx_workbook_sheet_count(wb), v = 0;
	for (size_t i = 0; i < n; i++)
		v += !jx_workbook_sheet_hidden(wb, i);
	return v;
}

/* How many tables the visible sheets hold (only counted when there are
 * several sheets: one sheet's tables are counted when it is read). */
static int count_tables(jx_workbook *wb, const char *file, size_t *tables, jx_diagnostics *diags)
{
	size_t n = jx_workbook_sheet_count(wb);
	*tables = 0;
	if (visible_sheets(wb) < 2)
		return JX_OK;
	for (size_t i = 0; i < n; i++) {
		if (jx_workbook_sheet_hidden(wb, i))
			continue;
		jx_sheet *sheet = NULL;
		grid g = {0};
		table_list l = {0};
		wb->quiet = 1; /* its notes come when it is read for its tables */
		int rc = sheet_tables(wb, i, file, "", &l, &sheet, &g, diags);
		wb->quiet = 0;
		*tables += l.n;
		sheet_done(sheet, &g, &l);
		if (rc != JX_OK)
			return rc;
	}
	return JX_OK;
}

int jx_sheet_tables(const char *file, const char *path, const void *data, size_t len,
                    jx_arena *keep, jx_sheet_table_fn fn, void *ctx, jx_diagnostics *diags)
{
	jx_workbook *wb = NULL;
	int rc = jx_workbook_open(&wb, file, path, data, len, diags);
	if (rc != JX_OK)
		return rc;
	size_t tables = 0, seen = 0, n = jx_workbook_sheet_count(wb);
	size_t hidden = n - visible_sheets(wb);
	rc = count_tables(wb, file, &tables, diags);
	for (size_t i = 0; rc == JX_OK && i < n; i++) {
		const char *name = jx_arena_strdup(keep, jx_workbook_sheet_name(wb, i));
		if (name && jx_workbook_sheet_hidden(wb, i)) {
			/* What a department hid (last year's table, a list for a
			 * drop-down) is not what it hands in. */
			jx_diag_note(diags, (jx_loc){file, 0, 0, name},
			             "a hidden sheet: skipped (not read)");
			continue;
		}
		jx_sheet *sheet = NULL;
		grid g = {0};
		table_list l = {0};
		rc = name ? sheet_tables(wb, i, file, name, &l, &sheet, &g, diags) : JX_ENOMEM;
		if (rc == JX_OK && n - hidden < 2)
			tables = l.n; /* the only sheet read */
		for (size_t k = 0; rc == JX_OK && k < l.n; k++) {
			seen++;
			rc = fn(ctx, &l.items[k], tables) ? JX_EDATA : JX_OK;
		}
		if (rc == JX_OK && l.n == 0)
			jx_diag_note(diags, (jx_loc){file, 0, 0, name},
			             "no 自评表 in this sheet (no header row naming 三级指标 and "
			             "年度指标值 or 实际完成值): skipped");
		sheet_done(sheet, &g, &l);
	}
	jx_workbook_close(wb);
	if (rc == JX_OK && !seen) {
		if (hidden)
			jx_diag_error(
			    diags, (jx_loc){file, 0, 0, NULL},
			    "no 自评表 in this workbook: looked in each of its %zu visible "
			    "sheet(s) for a header row naming 三级指标 and 年度指标值 or "
			    "实际完成值 (%zu hidden sheet(s) not read: unhide the table's sheet)",
			    n - hidden, hidden);
		else
			jx_diag_error(
			    diags, (jx_loc){file, 0, 0, NULL},
			    "no 自评表 in this workbook: looked in each of its %zu sheet(s) for a "
			    "header row naming 三级指标 and 年度指标值 or 实际完成值",
			    n);
		rc = JX_EDATA;
	}
	return rc;
}

/* ---- who a table is ------------------------------------------------------------------------ */

const char *jx_table_text(jx_arena *arena, const jx_table_cell *c)
{
	size_t s = 0, n = c->text ? c->len : 0;
	while (s < n && (c->text[s] == ' ' || c->text[s] == '\n' || c->text[s] == '\t'))
		s++;
	while (n > s && (c->text[n - 1] == ' ' || c->text[n - 1] == '\n' || c->text[n - 1] == '\t'))
		n--;
	return jx_arena_strndup(arena, c->text ? c->text + s : "", n - s);
}

/* The file name without folders and extension. */
static const char *file_stem(jx_arena *arena, const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	const char *dot = strrchr(base, '.');
	return jx_arena_strndup(arena, base,
	                        dot && dot > base ? (size_t)(dot - base) : strlen(base));
}

const char *jx_sheet_table_id(jx_arena *arena, const char *file, const jx_sheet_table *t,
                              size_t tables)
{
	const char *code = jx_table_text(arena, &t->info[JX_INFO_CODE]);
	if (code && *code)
		return code;
	const char *stem = file_stem(arena, file);
	if (!stem || tables < 2)
		return stem;
	if (t->in_sheet > 0) /* the second table of its sheet, ... */
		return jx_arena_printf(arena, "%s/%s/%zu", stem, t->sheet, t->in_sheet + 1);
	return jx_arena_printf(arena, "%s/%s", stem, t->sheet);
}

const char *jx_sheet_table_name(jx_arena *arena, const jx_sheet_table *t)
{
	const char *unit = jx_table_text(arena, &t->info[JX_INFO_UNIT]);
	const char *project = jx_table_text(arena, &t->info[JX_INFO_PROJECT]);
	if (unit && !*unit) /* a table with no 实施单位: its 主管部门 */
		unit = jx_table_text(arena, &t->info[JX_INFO_AUTHORITY]);
	if (!unit || !project)
		return NULL;
	if (!*unit)
		return project;
	if (!*project)
		return unit;
	return jx_arena_printf(arena, "%s（%s）", unit, project);
}
