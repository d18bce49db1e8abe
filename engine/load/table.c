/*
 * table.c - the rows of a department's own 自评表, as real tables write them
 * (see table.h; docs/data.md, "Indicator tables").
 *
 * What a published table does that clean data does not, and what is done:
 * - 一级/二级 levels: only the first must be a group of the rule set (spaces
 *   inside it and a points note "（50分）" are ignored; "产出" reads as
 *   "产出指标"); the second is the department's own and kept as written.
 * - the operator, the value and the unit in three columns (计算符号, 指标值,
 *   计量单位; 正向 is ≥, 反向 ≤, 定性 a word): combined into one target.
 * - an actual copied with its operator ("≥266米"): the operator is dropped.
 * - measure words no catalogue holds (座, 篇): a unit of their own, which
 *   target and actual must share; 万/亿 before any unit.
 * - a bare number against a percent target (98 for ≥95%): percentage points
 *   when it is beyond ±1.5 (150 %), else the ratio itself (0.98).
 * - a word that repeats the target's words (有效 / 有效) is 达成.
 * - a word where a number is due (abc, 见附件) rejects the department at
 *   the cell, as does a 分值 or 得分 that is not a number;
 * - a row with an empty 分值 (其中… breakdowns, 二级 heading rows) holds no
 *   points and is not scored; the table's points then show whether it
 *   still adds up (weights_off_scheme).
 * - dates and months of the year as deadlines (2024年12月31日前, 10月): ≤,
 *   in months into the deadline's year; 是 / 否 targets: = 1 / = 0; ≤ before
 *   words (≤预算数): a word target.
 * - an actual as reports write it: 约 / 累计 before the figure, 以内 / 以上 /
 *   左右 after it; — or / is nothing reported (missing); 无 / 零 against a
 *   number is 0; 1次 against ≥1次/年 is the same count.
 * - the 预算执行率 row by its 一级 (项目预算执行率, 预算执行率（10分）, no name);
 *   总分（100分）; a 指标 cell holding the path (产出指标-数量指标-…).
 */
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/utf8.h"

/* ---- headings ------------------------------------------------------------------ */

static const struct {
	jx_table_col col;
	const char *name;
} headings[] = {
    {JX_COL_INDICATOR, "indicator"},
    {JX_COL_INDICATOR, "三级指标"},
    {JX_COL_INDICATOR, "指标名称"},
    {JX_COL_INDICATOR, "三级指标名称"},
    {JX_COL_INDICATOR, "指标"}, /* "产出指标-数量指标-培训人次": the path in the name */
    {JX_COL_PATH, "path"},
    {JX_COL_PATH, "指标路径"},
    {JX_COL_LEVEL1, "一级指标"},
    {JX_COL_LEVEL2, "二级指标"},
    {JX_COL_WEIGHT, "weight"},
    {JX_COL_WEIGHT, "分值"},
    {JX_COL_WEIGHT, "指标分值"},
    {JX_COL_WEIGHT, "权重"},
    {JX_COL_WEIGHT, "标准分值"},
    {JX_COL_WEIGHT, "权重分值"},
    {JX_COL_TARGET, "target"},
    {JX_COL_TARGET, "年度指标值"},
    {JX_COL_TARGET, "指标值"},
    {JX_COL_TARGET, "目标值"},
    {JX_COL_TARGET, "年度目标值"},
    {JX_COL_TARGET, "预期指标值"},
    {JX_COL_TARGET, "绩效目标值"},
    {JX_COL_TARGET, "年度计划值"},
    {JX_COL_TARGET, "计划值"},
    {JX_COL_TARGET, "年初目标值"},
    {JX_COL_TARGET, "年度目标"},
    {JX_COL_TARGET, "预期目标值"},
    {JX_COL_TARGET, "全年目标值"},
    {JX_COL_TARGET, "全年指标值"},
    {JX_COL_ACTUAL, "全年完成值"},
    {JX_COL_ACTUAL, "实际完成数"},
    {JX_COL_ACTUAL, "完成情况值"},
    {JX_COL_ACTUAL, "实际完成情况"},
    {JX_COL_ACTUAL, "完成情况"},
    {JX_COL_ACTUAL, "全年实际完成值"},
    {JX_COL_ACTUAL, "实际完成"},
    {JX_COL_TARGET, "年度绩效指标值"},
    {JX_COL_TARGET, "绩效指标值"},
    {JX_COL_TARGET, "指标目标值"},
    {JX_COL_WEIGHT, "标准分"},
    {JX_COL_CLAIMED, "自评分"},
    {JX_COL_CLAIMED, "评分"},
    {JX_COL_OPERATOR, "operator"},
    {JX_COL_OPERATOR, "计算符号"},
    {JX_COL_OPERATOR, "指标性质"},
    {JX_COL_OPERATOR, "运算符号"},
    {JX_COL_OPERATOR, "指标方向"},
    {JX_COL_UNIT, "unit"},
    {JX_COL_UNIT, "计量单位"},
    {JX_COL_UNIT, "度量单位"},
    {JX_COL_ACTUAL, "actual"},
    {JX_COL_ACTUAL, "实际完成值"},
    {JX_COL_ACTUAL, "实际值"},
    {JX_COL_ACTUAL, "完成值"},
    {JX_COL_ACTUAL, "全年实际值"},
    {JX_COL_ACTUAL, "年度实际完成值"},
    {JX_COL_ACTUAL, "实际完成指标值"},
    {JX_COL_NOTE, "note"},
    {JX_COL_NOTE, "偏差原因"},
    {JX_COL_NOTE, "偏差原因分析及改进措施"},
    {JX_COL_NOTE, "偏差原因分析"},
    {JX_COL_NOTE, "偏差原因分析及改进措施说明"},
    {JX_COL_NOTE, "未完成原因分析"},
    {JX_COL_NOTE, "备注"},
    {JX_COL_CLAIMED, "claimed"},
    {JX_COL_CLAIMED, "得分"},
    {JX_COL_CLAIMED, "指标得分"},
    {JX_COL_CLAIMED, "自评得分"},
    {JX_COL_CLAIMED, "实际得分"},
    {JX_COL_BUDGET_INITIAL, "budget.initial"},
    {JX_COL_BUDGET_TOTAL, "budget.total"},
    {JX_COL_SPEND_TOTAL, "spend.total"},
    {JX_COL_DEPT_ID, "dept_id"},
    {JX_COL_DEPT_ID, "单位编码"},
    {JX_COL_DEPT_NAME, "dept_name"},
    {JX_COL_DEPT_NAME, "单位名称"},
};

static const char *const col_names[JX_COL_COUNT] = {
    [JX_COL_INDICATOR] = "indicator",
    [JX_COL_PATH] = "path",
    [JX_COL_LEVEL1] = "level1",
    [JX_COL_LEVEL2] = "level2",
    [JX_COL_WEIGHT] = "weight",
    [JX_COL_TARGET] = "target",
    [JX_COL_OPERATOR] = "operator",
    [JX_COL_UNIT] = "unit",
    [JX_COL_ACTUAL] = "actual",
    [JX_COL_NOTE] = "note",
    [JX_COL_CLAIMED] = "claimed",
    [JX_COL_DEPT_ID] = "dept_id",
    [JX_COL_BUDGET_INITIAL] = "budget.initial",
    [JX_COL_BUDGET_TOTAL] = "budget.total",
    [JX_COL_SPEND_TOTAL] = "spend.total",
    [JX_COL_DEPT_NAME] = "dept_name",
};

const char *jx_table_col_name(jx_table_col col)
{
	return (unsigned)col < JX_COL_COUNT ? col_names[col] : "?";
}

/* Bytes of white space at s (ASCII, U+3000, NBSP), else 0. */
static size_t space_at(const char *s, size_t len)
{
	if (len && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
		return 1;
	if (len >= 3 && memcmp(s, "\u3000", 3) == 0)
		return 3;
	if (len >= 2 && memcmp(s, "\u00a0", 2) == 0)
		return 2;
	return 0;
}

/* Copies s without any white space into buf (NUL-terminated, cut to size). */
static size_t squeeze(char *buf, size_t size, const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		size_t k = space_at(s + i, len - i);
		if (k) {
			i += k;
			continue;
		}
		if (n + 1 < size)
			buf[n++] = s[i];
		i++;
	}
	buf[n] = '\0';
	return n;
}

static size_t trim_end_spaces(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* Cuts a trailing bracketed note: "分值（分）", "产出指标（50分）". */
static size_t cut_bracket_note(const char *s, size_t n)
{
	static const char *const closers[] = {")", "）"};
	static const char *const openers[] = {"(", "（"};
	for (int k = 0; k < 2; k++) {
		size_t c = strlen(closers[k]);
		if (n <= c || memcmp(s + n - c, closers[k], c) != 0)
			continue;
		for (size_t i = n - c; i-- > 0;)
			for (int o = 0; o < 2; o++) {
				size_t ol = strlen(openers[o]);
				if (i + ol <= n && memcmp(s + i, openers[o], ol) == 0 && i > 0)
					return i;
			}
	}
	return n;
}

int jx_table_heading(const char *text, size_t len)
{
	char buf[128];
	size_t n = squeeze(buf, sizeof(buf), text, len);
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) /* a BOM on the first heading */
		memmove(buf, buf + 3, (n -= 3) + 1);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
			if (strlen(headings[i].name) == n && memcmp(headings[i].name, buf, n) == 0)
				return (int)headings[i].col;
		n = cut_bracket_note(buf, n); /* "分值（分）", "得分(分)" */
		buf[n] = '\0';
	}
	/* the note column's heading is a sentence that varies: 偏差原因分析及改进
	 * 措施, 未完成原因及拟采取的改进措施, ... */
	if (strncmp(buf, "偏差原因", strlen("偏差原因")) == 0 ||
	    strncmp(buf, "未完成原因", strlen("未完成原因")) == 0)
		return JX_COL_NOTE;
	return -1;
}

/* ---- cells --------------------------------------------------------------------- */

/* The cell's text without white space around it. */
static void trimmed(const jx_table_cell *c, const char **s, size_t *len)
{
	const char *p = c->text ? c->text : "";
	size_t n = c->text ? c->len : 0, k;
	while (n && (k = space_at(p, n)) != 0)
		p += k, n -= k;
	for (;;) {
		if (n &&
		    (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
			n--;
		else if (n >= 3 && memcmp(p + n - 3, "\u3000", 3) == 0)
			n -= 3;
		else if (n >= 2 && memcmp(p + n - 2, "\u00a0", 2) == 0)
			n -= 2;
		else
			break;
	}
	/* "'-5%-5%": the quote a CSV writer puts before a cell a spreadsheet
	 * would run as a formula (jixiao's own csv-long and `read` output do,
	 * docs/data.md §6) is not part of the value */
	if (n >= 2 && p[0] == '\'' && strchr("=+-@\t\r", p[1]))
		p++, n--;
	*s = p;
	*len = n;
}

static int cell_empty(const jx_table_cell *c)
{
	const char *s;
	size_t n;
	trimmed(c, &s, &n);
	return n == 0;
}

/* Only dashes, dots, slashes or blanks: "—", "……", "/", "-" (a row or
 * cell left unfilled on purpose). */
static int cell_filler(const jx_table_cell *c)
{
	static const char *const fillers[] = {"—", "-", "－", "…", ".", "。", "/", "／", "─", "　"};
	const char *s;
	size_t n;
	trimmed(c, &s, &n);
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		for (size_t f = 0; f < sizeof(fillers) / sizeof(fillers[0]) && !k; f++) {
			size_t fl = strlen(fillers[f]);
			if (i + fl <= n && memcmp(s + i, fillers[f], fl) == 0)
				k = fl;
		}
		if (!k && !(k = space_at(s + i, n - i)))
			return 0;
		i += k;
	}
	return 1;
}

static const char *cell_copy(jx_batch *b, const jx_table_cell *c)
{
	const char *s;
	size_t n;
	trimmed(c, &s, &n);
	return jx_arena_strndup(b->arena, s, n);
}

/* Where byte `offset` of the trimmed text is, for a message. */
static jx_loc cell_loc(const jx_table_cell *c, size_t offset)
{
	jx_loc loc = c->loc;
	const char *s;
	size_t n;
	trimmed(c, &s, &n);
	if (c->exact && c->text && offset <= n)
		loc.col += (int)jx_utf8_chars(c->text, (size_t)(s - c->text) + offset);
	return loc;
}

/* The cell's text for a message, clipped. */
#define CELL_FMT      "'%.*s'"
#define CELL_ARG(c)   cell_clip(c), cell_text(c)
#define CELL_MAX_SHOW 80

static const char *cell_text(const jx_table_cell *c)
{
	const char *s;
	size_t n;
	trimmed(c, &s, &n);
	return s;
}

static int cell_clip(const jx_table_cell *c)
{
	const char *s;
	size_t n;
	trimmed(c, &s, &n);
	return jx_utf8_clip(s, n, CELL_MAX_SHOW);
}

int jx_table_number(double *out, const char *text, size_t len)
{
	jx_table_cell c = {text, len, {0}, 0};
	const char *s;
	size_t n;
	trimmed(&c, &s, &n);
	if (n >= 3 && memcmp(s + n - 3, "分", 3) == 0) /* "10分" */
		n -= 3;
	return jx_number_parse(out, s, n);
}

/* ---- rows ------------------------------------------------------------------------ */

int jx_table_total_name(const jx_table_cell *c)
{
	/* 总分 and 合计 (spec), and the other names forms give that row */
	static const char *const names[] = {"总分",     "合计",     "总计",     "合计得分",
	                                    "总得分",   "得分合计", "自评总分", "自评总得分",
	                                    "综合得分", "综合评分", "评价总分", "绩效评价总分",
	                                    "总评分",   "总分合计"};
	char buf[64];
	size_t n = squeeze(buf, sizeof(buf), c->text ? c->text : "", c->text ? c->len : 0);
	n = cut_bracket_note(buf, n); /* "总分（100分）" */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && memcmp(names[i], buf, n) == 0)
			return 1;
	return 0;
}

jx_row_kind jx_table_row_kind(const jx_table_row *row)
{
	static const jx_table_col names[] = {JX_COL_INDICATOR, JX_COL_LEVEL1, JX_COL_PATH,
	                                     JX_COL_LEVEL2};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (jx_table_total_name(&row->cell[names[i]]))
			return JX_ROW_TOTAL;
	static const jx_table_col content[] = {JX_COL_INDICATOR, JX_COL_WEIGHT, JX_COL_TARGET,
	                                       JX_COL_ACTUAL, JX_COL_CLAIMED};
	for (size_t i = 0; i < sizeof(content) / sizeof(content[0]); i++)
		if (!cell_filler(&row->cell[content[i]]))
			return cell_filler(&row->cell[JX_COL_WEIGHT]) && /* "", "—", "/" */
			               row->cell[JX_COL_WEIGHT].loc.line
			           ? JX_ROW_BREAKDOWN
			           : JX_ROW_INDICATOR;
	return JX_ROW_BLANK;
}

/* ---- numbers and words ----------------------------------------------------------- */

/* A number cell (分值, 得分): *out, NaN when empty; -1 (department
 * rejected) when it is not a number. */
static int number_cell(jx_batch *b, size_t dept, const jx_table_cell *c, const char *what,
                       double *out)
{
	*out = NAN;
	if (cell_empty(c) || cell_filler(c))
		return 0;
	if (jx_table_number(out, c->text, c->len) == 0 && isfinite(*out))
		return 0;
	jx_batch_reject(b, dept, cell_loc(c, 0), "%s " CELL_FMT " is not a number", what,
	                CELL_ARG(c));
	return -1;
}

/* Units of the rule set, adopting measure words into the batch's arena. */
static jx_units adopting_units(const jx_batch *b)
{
	jx_units u = b->rules->units;
	u.adopt = b->arena;
	return u;
}

/* ---- dates ------------------------------------------------------------------------ */

/* A date as tables write a deadline or the day a thing was done:
 * 2024年12月31日, 2024年12月, 2024年底, 12月31日, 2024-12-31, 2024.12.31,
 * 2024/12/31. A month alone ("9月", "12月底") is not one here: it is a
 * number with the unit 月 (月底 is 月), and reads as the same value; as a
 * target with no operator it is a deadline too (month_target). */
typedef struct {
	int year;  /* 0 when none is written */
	int month; /* 1..12 */
	int day;   /* 0: the month's end */
} table_date;

static size_t text_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t l = strlen(w);
	return i <= n && n - i >= l && memcmp(s + i, w, l) == 0 ? l : 0;
}

/* Up to `max` ASCII digits at i: how many, their value in *v. */
static size_t digits_at(const char *s, size_t n, size_t i, size_t max, int *v)
{
	size_t k = 0;
	*v = 0;
	while (i + k < n && k < max && s[i + k] >= '0' && s[i + k] <= '9')
		*v = *v * 10 + (s[i + k++] - '0');
	return k;
}

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
	return month == 2 && leap ? 29 : days[month - 1];
}

/* "月D日" / "月D号" / "月底" / "月" after the month's digits at i. */
static size_t month_rest(const char *s, size_t n, size_t i, table_date *d)
{
	size_t k = text_at(s, n, i, "月"), kd, ke;
	int day;
	if (!k)
		return 0;
	i += k;
	if ((ke = text_at(s, n, i, "底")) || (ke = text_at(s, n, i, "末")))
		return k + ke;
	kd = digits_at(s, n, i, 2, &day);
	if (kd && ((ke = text_at(s, n, i + kd, "日")) || (ke = text_at(s, n, i + kd, "号")))) {
		d->day = day;
		return k + kd + ke;
	}
	return kd ? 0 : k;
}

/* The date at the start of s[0..n): bytes read, 0 when it is not one.
 * `loose`: "2024.12", "2024-12" (no day) are dates too — an actual
 * against a deadline, where the figure can be nothing else. */
static size_t date_at(const char *s, size_t n, table_date *d, int loose)
{
	int v, m, day;
	size_t k = digits_at(s, n, 0, 4, &v), i, km, kd;
	memset(d, 0, sizeof(*d));
	if (k == 4 && (i = text_at(s, n, 4, "年"))) { /* 2024年… */
		d->year = v;
		i += 4;
		size_t ke = text_at(s, n, i, "底") ? 3 : text_at(s, n, i, "末") ? 3 : 0;
		if (ke) {
			d->month = 12;
			i += ke;
		} else if ((km = digits_at(s, n, i, 2, &m)) && (k = month_rest(s, n, i + km, d))) {
			d->month = m;
			i += km + k;
		} else {
			return 0;
		}
	} else if (k == 4 && n > 5 && (s[4] == '-' || s[4] == '.' || s[4] == '/')) {
		char sep = s[4];
		d->year = v;
		if (!(km = digits_at(s, n, 5, 2, &m)))
			return 0;
		d->month = m;
		i = 5 + km;
		if (i < n && s[i] == sep && (kd = digits_at(s, n, i + 1, 2, &day))) {
			d->day = day;
			i += 1 + kd;
		} else if (!loose) {
			return 0;
		}
	} else if (k && k <= 2 && (i = month_rest(s, n, k, d)) && d->day) { /* 12月31日 */
		d->month = v;
		i += k;
	} else {
		return 0;
	}
	if (d->month < 1 || d->month > 12 || d->day < 0 ||
	    d->day > days_in_month(d->year, d->month) || (i < n && s[i] >= '0' && s[i] <= '9'))
		return 0;
	return i;
}

/* The date as months into year `base` (the deadline's year): the month's
 * number when no day is written (12月 is the end of December, 12), else
 * the months before it and the share of its days (12月15日 is 11 + 15/31). */
static double date_months(const table_date *d, int base)
{
	double m =
	    d->day ? d->month - 1 + (double)d->day / days_in_month(d->year, d->month) : d->month;
	return d->year && base ? m + 12.0 * (d->year - base) : m;
}

/* A date with what tables write around it: an operator before it, and
 * "前", "以前", "之前", "内", "完成" after it ("2024年12月31日前完成").
 * Returns 1 and the date and the operator (≤ when none: a date is a
 * deadline), else 0. */
/* A deadline's operator and the spaces after it: their bytes; *cmp the
 * operator, ≤ when none is written (a date is a deadline). */
static size_t deadline_operator(const char *s, size_t n, jx_cmp *cmp)
{
	int is_word = 0;
	size_t k = jx_operator_len(s, n, cmp, &is_word);
	if (!k)
		*cmp = JX_CMP_LE;
	while (k < n && space_at(s + k, n - k))
		k += space_at(s + k, n - k);
	return k;
}

/* What tables write after a deadline ("前", "以前", "内", "前完成"), from
 * byte `at`: where the deadline's text ends. */
static size_t after_deadline(const char *s, size_t n, size_t at)
{
	static const char *const after[] = {"之前完成", "以前完成", "前完成", "之前",
	                                    "以前",     "前",       "以内",   "之内",
	                                    "内",       "已完成",   "完成"};
	for (size_t i = 0; i < sizeof(after) / sizeof(after[0]) && at < n; i++)
		if (text_at(s, n, at, after[i]))
			return at + strlen(after[i]);
	return at;
}

static int date_text(const char *s, size_t n, table_date *d, jx_cmp *cmp, int loose)
{
	size_t k = deadline_operator(s, n, cmp);
	size_t end = date_at(s + k, n - k, d, loose);
	return end && after_deadline(s, n, k + end) == n;
}

/* A month of the year alone as a target ("10月", "12月底", no operator):
 * a deadline, ≤, as "10月前" is — not "at least 10 months" (that is
 * written 10个月). */
static int month_target(const char *s, size_t n, table_date *d, jx_cmp *cmp)
{
	int m;
	size_t k = digits_at(s, n, 0, 2, &m), e;
	memset(d, 0, sizeof(*d));
	if (!k || !(e = text_at(s, n, k, "月")) || m < 1 || m > 12)
		return 0;
	k += e;
	k += text_at(s, n, k, "底") ? 3 : text_at(s, n, k, "末") ? 3 : 0;
	if (k != n)
		return 0;
	d->month = m;
	*cmp = JX_CMP_LE;
	return 1;
}

/* A part of the year as a deadline ("年底前", "年内完成", "上半年",
 * "第三季度末", "2024年上半年"): the end of that part, ≤, as month_target
 * reads "12月底". An operator before it is kept ("≤年底"). */
static int period_target(const char *s, size_t n, table_date *d, jx_cmp *cmp)
{
	static const struct {
		const char *text;
		int month;
	} periods[] = {{"年度内", 12},  {"本年度", 12},  {"年底", 12},    {"年末", 12},
	               {"年内", 12},    {"当年", 12},    {"上半年", 6},   {"下半年", 12},
	               {"第一季度", 3}, {"第二季度", 6}, {"第三季度", 9}, {"第四季度", 12},
	               {"一季度", 3},   {"二季度", 6},   {"三季度", 9},   {"四季度", 12}};
	int year;
	size_t k = deadline_operator(s, n, cmp);
	memset(d, 0, sizeof(*d));
	size_t ky = digits_at(s, n, k, 4, &year), e;
	if (ky == 4 && (e = text_at(s, n, k + 4, "年")) && !text_at(s, n, k + 4 + e, "底") &&
	    !text_at(s, n, k + 4 + e, "末")) {
		d->year = year; /* "2024年上半年"; "2024年底" is date_text's */
		k += 4 + e;
	}
	for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
		size_t kp = text_at(s, n, k, periods[i].text);
		if (!kp)
			continue;
		size_t end = k + kp; /* "三季度末", "年内" */
		end +=
		    text_at(s, n, end, "末") ? text_at(s, n, end, "末") : text_at(s, n, end, "底");
		if (after_deadline(s, n, end) != n || (*cmp != JX_CMP_LE && *cmp != JX_CMP_LT))
			return 0;
		d->month = periods[i].month;
		return 1;
	}
	return 0;
}

/* ---- the target ------------------------------------------------------------------- */

/* The operator column's word as an operator prefix, or NULL for 定性. */
static const char *operator_text(const char *s, size_t n, int *qualitative)
{
	static const struct {
		const char *word, *op;
	} words[] = {{"正向", "≥"}, {"反向", "≤"}, {"正向指标", "≥"}, {"反向指标", "≤"}};
	*qualitative = 0;
	if ((n == strlen("定性") && memcmp(s, "定性", n) == 0) ||
	    (n == strlen("定性指标") && memcmp(s, "定性指标", n) == 0)) {
		*qualitative = 1;
		return NULL;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == n && memcmp(words[i].word, s, n) == 0)
			return words[i].op;
	return NULL;
}

/* The target as one literal: the target cell, or operator + value + unit
 * from their own columns. *composed says whether the text was built. */
static const char *target_text(jx_batch *b, const jx_table_row *row, int *composed)
{
	const jx_table_cell *op = &row->cell[JX_COL_OPERATOR];
	const jx_table_cell *unit = &row->cell[JX_COL_UNIT];
	const char *t, *o, *u;
	size_t tn, on, un;
	trimmed(&row->cell[JX_COL_TARGET], &t, &tn);
	trimmed(op, &o, &on);
	trimmed(unit, &u, &un);
	*composed = 0;
	if (cell_filler(unit))
		un = 0;
	if (!on && !un)
		return jx_arena_strndup(b->arena, t, tn);
	int qualitative = 0;
	const char *prefix = on ? operator_text(o, on, &qualitative) : NULL;
	jx_buf text = {0};
	if (!qualitative && on && !prefix)
		jx_buf_append(&text, o, on); /* "≥", "＝", "大于等于" as written */
	else if (prefix)
		jx_buf_puts(&text, prefix);
	jx_buf_append(&text, t, tn);
	if (!qualitative && un && !(tn >= un && memcmp(t + tn - un, u, un) == 0))
		jx_buf_append(&text, u, un);
	*composed = 1;
	const char *out = jx_arena_strdup(b->arena, jx_buf_cstr(&text));
	jx_buf_free(&text);
	return out;
}

/* Sentence punctuation typed after a quantity ("1200人。", "≥95%；"): the
 * quantity. A word keeps it. */
static size_t without_end_punctuation(const char *s, size_t n)
{
	static const char *const marks[] = {"。", "；", ";", "，", ",", "、", "！", "!", "．"};
	size_t end = n;
	for (int more = 1; more;) {
		more = 0;
		for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			size_t k = strlen(marks[i]);
			if (end > k && memcmp(s + end - k, marks[i], k) == 0) {
				end = trim_end_spaces(s, end - k);
				more = 1;
			}
		}
	}
	return end < n && jx_has_digit(s, end) ? end : n;
}

/* A quantity with a note in brackets after it ("4754人次（含线上）", "≥95%
 * (含)") or a full stop ("1200人。"): the quantity alone. A word keeps its
 * brackets and stops. */
static size_t quantity_without_note(const char *s, size_t n)
{
	n = without_end_punctuation(s, n);
	size_t cut = cut_bracket_note(s, n);
	return cut < n && jx_has_digit(s, cut) ? trim_end_spaces(s, cut) : n;
}

/* A yes/no target (是 / 否, "是否按规定公开"): read as = 1 / = 0, so the
 * actual 是 or 否 (1 / 0) is right or wrong. */
static void yes_no_target(jx_target_lit *t)
{
	if (t->cmp != JX_CMP_WORD)
		return;
	int yes = (t->word_len == strlen("是") && memcmp(t->word, "是", t->word_len) == 0)   ? 1
	          : (t->word_len == strlen("否") && memcmp(t->word, "否", t->word_len) == 0) ? 0
	                                                                                     : -1;
	if (yes >= 0)
		*t = (jx_target_lit){.cmp = JX_CMP_EQ, .lo = yes, .hi = yes};
}

/* An operator symbol before words, not a number ("≤预算数", "≥上年水平").
 * A number in Chinese numerals ("≥五千人次") is not words: it stays an
 * unreadable target. */
static int operator_then_words(const char *s, size_t n)
{
	static const char *const numerals[] = {"零", "一", "二", "两", "三", "四", "五", "六",
	                                       "七", "八", "九", "十", "百", "千", "万", "亿"};
	int is_word = 0;
	size_t k = jx_operator_len(s, n, NULL, &is_word);
	if (!k || is_word)
		return 0;
	while (k < n && space_at(s + k, n - k))
		k += space_at(s + k, n - k);
	for (size_t i = 0; i < sizeof(numerals) / sizeof(numerals[0]); i++)
		if (text_at(s, n, k, numerals[i]))
			return 0;
	unsigned cp = 0;
	return k < n && jx_utf8_decode(s + k, n - k, &cp) > 0 && cp >= 0x4E00 && cp <= 0x9FFF;
}

/* Whether a figure starts at s[j]: an ASCII or full-width digit. */
static int figure_at(const char *s, size_t n, size_t j)
{
	return j < n && ((s[j] >= '0' && s[j] <= '9') ||
	                 (n - j >= 3 && memcmp(s + j, "\xEF\xBC", 2) == 0 &&
	                  (unsigned char)s[j + 2] >= 0x90 && (unsigned char)s[j + 2] <= 0x99));
}

/* A target written after the indicator's own words ("合格率≥95%",
 * "验收合格率 ≥ 98%", "人员不低于5人", "合格率100%"): the label before an
 * operator that a figure follows, or before a figure right after a rate's
 * name (…率), is dropped; 0 when there is none. "达到预期" has no figure:
 * it stays a word. */
static size_t labelled_target(const char *s, size_t n)
{
	static const char rate[] = "率";
	const size_t rl = sizeof(rate) - 1;
	if (jx_operator_len(s, n, NULL, NULL) > 0)
		return 0; /* "不低于90%" begins with its operator */
	for (size_t i = 1; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue; /* inside a character */
		int after_rate = i >= rl && memcmp(s + i - rl, rate, rl) == 0;
		if (figure_at(s, n, i))
			return after_rate ? i : 0;
		/* left to right, "人员不低于5人" meets 不低于 before 低于 */
		size_t k = jx_operator_len(s + i, n - i, NULL, NULL);
		if (k > 0) {
			size_t j = i + k;
			while (j < n && space_at(s + j, n - j)) /* "≥ 98%" */
				j += space_at(s + j, n - j);
			return figure_at(s, n, j) ? i : 0;
		}
	}
	return 0;
}

/* A target that says "done" around its quantity ("完成100%", "100%完成",
 * "≥100%完成", "完成 ≥95%"): the quantity, as an actual's is read
 * (about_number, without_direction). Returns how many bytes to skip at the
 * start; *n loses the "完成" at the end. A target with no figure
 * ("全部完成") stays a word. */
static size_t target_without_done(const char *s, size_t *n)
{
	static const char done[] = "完成";
	const size_t dl = sizeof(done) - 1;
	size_t skip = 0;
	if (*n > dl && memcmp(s, done, dl) == 0) {
		size_t k = dl;
		while (k < *n && space_at(s + k, *n - k))
			k += space_at(s + k, *n - k);
		if (figure_at(s, *n, k) || jx_operator_len(s + k, *n - k, NULL, NULL) > 0)
			skip = k;
	}
	if (*n - skip > dl && memcmp(s + *n - dl, done, dl) == 0)
		for (size_t j = skip; j < *n - dl; j++)
			if (figure_at(s, *n - dl, j)) {
				*n = trim_end_spaces(s, *n - dl);
				break;
			}
	return skip;
}

/* s[0..n) without the spaces at either end. */
static void trim_both(const char **s, size_t *n)
{
	while (*n && space_at(*s, *n)) {
		size_t k = space_at(*s, *n);
		*s += k;
		*n -= k;
	}
	*n = trim_end_spaces(*s, *n);
}

/* One bound of a target written with two ("≥90%且≤100%", "不低于90%，不高于
 * 100%", "90%以上100%以下"): a lower (≥, >) or upper (≤, <) bound parsed
 * with its unit; 0 when s[0..n) is not one. */
static int one_bound(const char *s, size_t n, const jx_units *units, jx_target_lit *out)
{
	jx_lit_error err;
	trim_both(&s, &n);
	return n && jx_target_parse(out, s, n, units, &err) == 0 && !out->bare &&
	       out->cmp != JX_CMP_EQ && out->cmp != JX_CMP_RANGE && out->cmp != JX_CMP_WORD;
}

/* A figure alone (with its unit) as one end of "90%≤x≤100%". */
static int end_figure(const char *s, size_t n, const jx_units *units, jx_value_lit *out)
{
	jx_lit_error err;
	trim_both(&s, &n);
	return jx_value_parse(out, s, n, units, &err) == 0 && out->kind == JX_LIT_NUMBER;
}

/* An upper-bound sign at byte i ("≤", "<=", "＜"): its length, else 0. */
static size_t upper_sign_at(const char *s, size_t n, size_t i)
{
	jx_cmp cmp;
	int is_word = 0;
	size_t k = jx_operator_len(s + i, n - i, &cmp, &is_word);
	return k && !is_word && (cmp == JX_CMP_LE || cmp == JX_CMP_LT) ? k : 0;
}

/* The range [lo, hi] of a lower and an upper bound in either order; 0
 * when they are not one of each in one unit, lo ≤ hi. */
static int bounds_range(const jx_target_lit *a, const jx_target_lit *b, jx_target_lit *out)
{
	int a_low = a->cmp == JX_CMP_GE || a->cmp == JX_CMP_GT;
	int b_low = b->cmp == JX_CMP_GE || b->cmp == JX_CMP_GT;
	const jx_target_lit *lo = a_low ? a : b, *hi = a_low ? b : a;
	if (a_low == b_low || a->unit != b->unit || lo->lo > hi->lo)
		return 0;
	*out = (jx_target_lit){.cmp = JX_CMP_RANGE, .lo = lo->lo, .hi = hi->lo, .unit = lo->unit};
	return 1;
}

/* A target with a lower and an upper bound written apart: two bounds
 * joined by 且 / 并且 / 同时 / ， / , / ； / ; / 、 or by nothing after
 * 以上 / 以下 ("90%以上100%以下"), in either order, or a figure on each
 * side of a name ("90%≤x≤100%", "90%≤实际值≤100%"): the range [lo, hi],
 * as "90%~100%" is read. 0 when it is not such. */
static int two_bounds(const char *s, size_t n, const jx_units *units, jx_target_lit *out)
{
	static const char *const joins[] = {"并且", "同时", "且", "，", ",", "；", ";", "、"};
	const size_t n_joins = sizeof(joins) / sizeof(joins[0]);
	jx_target_lit a, b;
	for (size_t i = 1; i < n; i++)
		for (size_t k = 0; k <= n_joins; k++) {
			/* the last try joins nothing: "90%以上100%以下" */
			size_t l = k < n_joins ? text_at(s, n, i, joins[k]) : 0;
			size_t before = i >= strlen("以上") ? i - strlen("以上") : 0;
			int bare_join =
			    k == n_joins && figure_at(s, n, i) &&
			    (text_at(s, i, before, "以上") || text_at(s, i, before, "以下"));
			if ((l || bare_join) && one_bound(s, i, units, &a) &&
			    one_bound(s + i + l, n - i - l, units, &b))
				return bounds_range(&a, &b, out);
		}
	/* "90%≤x≤100%": a figure, ≤, a name (no figure), ≤, a figure */
	jx_value_lit first, last;
	for (size_t i = 1, l; i < n; i++) {
		if (!(l = upper_sign_at(s, n, i)))
			continue;
		if (!end_figure(s, i, units, &first))
			return 0;
		for (size_t j = i + l, m; j < n; j++) {
			if (!(m = upper_sign_at(s, n, j)) || jx_has_digit(s + i + l, j - i - l))
				continue;
			if (!end_figure(s + j + m, n - j - m, units, &last) ||
			    (first.unit && last.unit && first.unit != last.unit) ||
			    first.num > last.num)
				return 0;
			*out = (jx_target_lit){.cmp = JX_CMP_RANGE,
			                       .lo = first.num,
			                       .hi = last.num,
			                       .unit = last.unit ? last.unit : first.unit};
			return 1;
		}
		return 0;
	}
	return 0;
}

static int read_target(jx_batch *b, size_t dept, const jx_table_row *row, jx_target_def *def)
{
	const jx_table_cell *cell = &row->cell[JX_COL_TARGET];
	int composed;
	def->text = target_text(b, row, &composed);
	if (!def->text) {
		jx_batch_reject(b, dept, row->loc, "out of memory");
		return -1;
	}
	jx_units units = adopting_units(b);
	jx_lit_error err = {0};
	size_t n = quantity_without_note(def->text, strlen(def->text));
	table_date date;
	jx_cmp cmp;
	if (date_text(def->text, n, &date, &cmp, 0) || month_target(def->text, n, &date, &cmp) ||
	    period_target(def->text, n, &date, &cmp)) {
		/* a deadline: months into its year */
		double m = date_months(&date, date.year);
		def->lit = (jx_target_lit){.cmp = cmp, .lo = m, .hi = m};
		def->lit.unit = jx_unit_find(&units, "月", strlen("月"));
		return 0;
	}
	size_t label = target_without_done(def->text, &n);
	label += labelled_target(def->text + label, n - label);
	if (jx_target_parse(&def->lit, def->text + label, n - label, &units, &err) == 0) {
		yes_no_target(&def->lit);
		if (def->lit.bare && def->lit.cmp == JX_CMP_GE && def->lit.lo == 0 &&
		    def->lit.hi == 0)
			def->lit.cmp = JX_CMP_LE; /* "0起": none allowed; ≥ 0 would always be met */
		return 0;
	}
	if (two_bounds(def->text, n, &units, &def->lit))
		return 0;
	if (operator_then_words(def->text, n)) { /* "≤预算数": a qualitative target */
		def->lit = (jx_target_lit){.cmp = JX_CMP_WORD, .word = def->text, .word_len = n};
		return 0;
	}
	jx_batch_reject(b, dept, composed ? cell->loc : cell_loc(cell, label + err.offset),
	                "target '%.*s': %s", jx_utf8_clip(def->text, strlen(def->text), 80),
	                def->text, err.message);
	return -1;
}

/* ---- the actual ------------------------------------------------------------------- */

/* A bare number against a percent target, or a percent against a bare
 * target: beyond ±1.5 the bare one is in percentage points. */
static double ratio_points(double x)
{
	return fabs(x) > 1.5 ? x / 100 : x;
}

/* A word before a number that only says "about", "in all" or "done"
 * ("约5200人次", "约 5200人次", "累计520人次", "共3期", "已完成98%"): the
 * number is read. */
static void about_number(const char **s, size_t *n)
{
	static const char *const words[] = {"大约",   "约",     "≈",    "共计",   "共",  "累计",
	                                    "合计",   "全年",   "近",   "超",     "逾",  "实际完成",
	                                    "已完成", "完成了", "完成", "已实现", "实现"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t k = strlen(words[i]);
		if (*n <= k || memcmp(*s, words[i], k) != 0)
			continue;
		while (k < *n && space_at(*s + k, *n - k))
			k += space_at(*s + k, *n - k);
		if (figure_at(*s, *n, k)) {
			*s += k;
			*n -= k;
			return;
		}
	}
}

/* An actual with a direction, "about" or "done" after its figure
 * ("3个工作日内", "95%以上", "500人左右", "100%完成"): the figure. */
static size_t without_direction(const char *s, size_t n)
{
	static const char *const words[] = {"及以上", "以上", "及以下", "以下",   "以内",
	                                    "之内",   "内",   "左右",   "已完成", "完成"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t k = strlen(words[i]);
		if (n > k && memcmp(s + n - k, words[i], k) == 0)
			return jx_has_digit(s, n - k) ? trim_end_spaces(s, n - k) : n;
	}
	return n;
}

/* Words after a percent that only say what it measures ("100%满意",
 * "96%达标"): the percent. Not a figure with more figures after it. */
static size_t percent_without_words(const char *s, size_t n)
{
	static const char *const signs[] = {"%", "％"};
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof(signs) / sizeof(signs[0]); k++) {
			size_t l = text_at(s, n, i, signs[k]);
			if (l && i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' && i + l < n &&
			    !jx_has_digit(s + i + l, n - i - l) && !space_at(s + i + l, n - i - l))
				return i + l;
		}
	return n;
}

/* The part of an actual cell its figure is read from: without a note in
 * brackets or a stop after it, "about" / "done" words around it
 * (about_number, without_direction), a label before it ("满意率96%",
 * labelled_target) and words after its percent sign. */
static void actual_figure(const jx_table_cell *c, const char **s, size_t *n)
{
	trimmed(c, s, n);
	*n = quantity_without_note(*s, *n);
	about_number(s, n);
	*n = without_direction(*s, *n);
	size_t label = labelled_target(*s, *n);
	*s += label;
	*n -= label;
	*n = percent_without_words(*s, *n);
}

/* The actual as written, parsed with measure words adopted; an operator
 * copied before it ("≥266米") is dropped. */
static int parse_actual(jx_batch *b, const jx_table_cell *c, jx_value_lit *lit, jx_lit_error *err)
{
	const char *s, *start;
	size_t n, skipped;
	trimmed(c, &start, &n);
	actual_figure(c, &s, &n);
	skipped = (size_t)(s - start); /* err->offset counts from the trimmed cell */
	jx_units units = adopting_units(b);
	if (jx_value_parse(lit, s, n, &units, err) == 0 && lit->kind != JX_LIT_WORD)
		return 0;
	jx_target_lit t;
	jx_lit_error terr;
	if (jx_target_parse(&t, s, n, &units, &terr) == 0 && t.cmp != JX_CMP_WORD &&
	    t.cmp != JX_CMP_RANGE && !t.bare) {
		*lit = (jx_value_lit){.kind = JX_LIT_NUMBER, .num = t.lo, .unit = t.unit};
		return 0;
	}
	int rc = jx_value_parse(lit, s, n, &units, err);
	err->offset += skipped;
	return rc;
}

/* The actual parsed, or the department rejected at the cell (-1). */
static int actual_literal(jx_batch *b, size_t dept, const jx_table_cell *c, jx_value_lit *lit)
{
	jx_lit_error err = {0};
	if (cell_filler(c)) { /* "—", "/": nothing reported */
		memset(lit, 0, sizeof(*lit));
		return 0;
	}
	if (parse_actual(b, c, lit, &err) == 0)
		return 0;
	jx_batch_reject(b, dept, cell_loc(c, err.offset), "actual " CELL_FMT ": %s", CELL_ARG(c),
	                err.message);
	return -1;
}

/* A word that says "none" ("无", "零"): against "≤0起" an actual that is
 * the number 0; as a target ("无", "杜绝") against a figure, ≤ 0. 杜绝
 * ("eliminate") is a target's word only, not a report. */
static int says_none(const char *word, size_t len, int as_target)
{
	static const char *const words[] = {"无", "零", "没有", "未发生", "无发生"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (jx_same_word(word, len, words[i], strlen(words[i])))
			return 1;
	return as_target && jx_same_word(word, len, "杜绝", strlen("杜绝"));
}

/* An actual word that says "none" where a count is due: the number 0. */
static int none_word(const jx_value_lit *lit)
{
	return !lit->has_fraction && says_none(lit->word, lit->word_len, 0);
}

/* The word the grade method reads: the actual's own, or 达成 when it
 * repeats the target's words (or both say "none"). */
static void level_word(jx_level_word *lw, const jx_value_lit *lit, const jx_target_lit *t)
{
	memset(lw, 0, sizeof(*lw));
	if (lit->kind != JX_LIT_WORD)
		return;
	lw->word = lit->word;
	lw->len = lit->word_len;
	lw->has_fraction = lit->has_fraction;
	lw->fraction = lit->fraction;
	/* "未发生" against "杜绝" says the same as "无" against "无" */
	int both_none =
	    t->cmp == JX_CMP_WORD && none_word(lit) && says_none(t->word, t->word_len, 1);
	if (t->cmp == JX_CMP_WORD && !lit->has_fraction &&
	    (jx_same_word(lit->word, lit->word_len, t->word, t->word_len) || both_none)) {
		lw->word = "达成";
		lw->len = strlen("达成");
		lw->repeats_target = 1;
	}
}

/* A percent actual against a bare target ("≥95" with "98%"): the target
 * is in percentage points too. */
static void reconcile_ratio(jx_declared_row *dr, const jx_value_lit *lit)
{
	jx_target_lit *t = &dr->target.lit;
	if (t->cmp == JX_CMP_WORD || t->unit || !lit->unit || lit->unit->dim != JX_DIM_RATIO)
		return;
	t->lo = ratio_points(t->lo);
	t->hi = ratio_points(t->hi);
}

/* The actual in the target's unit (or its word); -1 when the department
 * was rejected. */
/* An actual that is a date ("2024年11月20日"): *lit in months into the
 * target's year when the target is a dated deadline, else into its own. */
static int actual_date(jx_batch *b, const jx_table_cell *c, const jx_declared_row *dr,
                       jx_value_lit *lit)
{
	const char *s;
	size_t n;
	table_date d, t;
	jx_cmp cmp;
	trimmed(c, &s, &n);
	n = quantity_without_note(s, n);
	const char *tt = dr->target.text ? dr->target.text : "";
	size_t tn = quantity_without_note(tt, strlen(tt));
	int dated = date_text(tt, tn, &t, &cmp, 0) || month_target(tt, tn, &t, &cmp) ||
	            period_target(tt, tn, &t, &cmp);
	/* a deadline read as months ("12月底前", ≤ 12 月): "2024.12" is a date */
	const jx_target_lit *tl = &dr->target.lit;
	int in_months = (tl->cmp == JX_CMP_LE || tl->cmp == JX_CMP_LT) && tl->unit &&
	                tl->unit->name && strcmp(tl->unit->name, "月") == 0;
	if (!dated && in_months)
		t = (table_date){0};
	if (!date_text(s, n, &d, &cmp, dated || in_months))
		return 0;
	int base = dated && t.year ? t.year : d.year;
	jx_units units = adopting_units(b);
	*lit = (jx_value_lit){.kind = JX_LIT_NUMBER, .num = date_months(&d, base)};
	lit->unit = jx_unit_find(&units, "月", strlen("月"));
	return 1;
}

/* A target that says "none" ("无", "杜绝", 安全事故) against an actual that
 * is a figure ("0起", "1起"): ≤ 0, as "0起" is read. A word actual keeps the
 * word target ("无" against "无" repeats it). */
static void none_target_for_figure(jx_target_lit *t)
{
	if (t->cmp == JX_CMP_WORD && says_none(t->word, t->word_len, 1))
		*t = (jx_target_lit){.cmp = JX_CMP_LE, .lo = 0, .hi = 0};
}

/* Measure words a noun may follow ("10个村", "3座桥", "5处站点"). */
static int is_classifier(const char *name)
{
	static const char *const classifiers[] = {"个", "座", "处", "项", "所", "家", "台",
	                                          "套", "辆", "条", "间", "名", "位", "批"};
	for (size_t i = 0; i < sizeof(classifiers) / sizeof(classifiers[0]); i++)
		if (strcmp(name, classifiers[i]) == 0)
			return 1;
	return 0;
}

/* A count per period and the same count alone ("1次" against "≥1次/年",
 * "12期" against "12期/年"), a count and its count of times ("4场次"
 * against "≥3场", "520人次" against "≥500人"), and a measure word with the
 * noun it counts and without ("10个村" against "≥10个"): the same unit as
 * written. Money is not a count: "450元" against "≥500元/户" stays a
 * mismatch. */
static int same_measure(const jx_unit *a, const jx_unit *b)
{
	if (!a || !b || !a->name || !b->name || a->dim != JX_DIM_OWN || b->dim != JX_DIM_OWN)
		return 0;
	size_t la = strlen(a->name), lb = strlen(b->name);
	if (la > lb)
		return same_measure(b, a);
	if (la == 0 || la >= lb || memcmp(a->name, b->name, la) != 0)
		return 0;
	return b->name[la] == '/' || strcmp(b->name + la, "次") == 0 ||
	       (is_classifier(a->name) && !strchr(b->name, '/'));
}

/* "499.2万" against "≤500万元": the 万 (亿) written after the figure is the
 * target unit's own, its 元 left out — 499.2 万元, not 4 992 000 万元.
 * *lit becomes the figure in the target's unit; 0 when the cell is not
 * such (a unit of its own, or a target unit not starting 万 / 亿). */
static int multiplier_of_target_unit(const jx_table_cell *c, const jx_unit *to, jx_value_lit *lit)
{
	static const char *const multipliers[] = {"万", "亿"};
	if (lit->unit || !to || !to->name)
		return 0;
	const char *s;
	size_t n;
	actual_figure(c, &s, &n);
	for (size_t i = 0; i < sizeof(multipliers) / sizeof(multipliers[0]); i++) {
		size_t k = strlen(multipliers[i]);
		if (strncmp(to->name, multipliers[i], k) != 0 || !to->name[k] || n <= k ||
		    memcmp(s + n - k, multipliers[i], k) != 0)
			continue;
		jx_value_lit figure;
		jx_lit_error err;
		if (jx_value_parse(&figure, s, n - k, NULL, &err) != 0 ||
		    figure.kind != JX_LIT_NUMBER || figure.unit)
			return 0;
		lit->num = figure.num;
		lit->unit = to;
		return 1;
	}
	return 0;
}

/* A 分值 / 权重 cell: points ("10", "10分"), or a share of the full mark as
 * 权重 columns write it ("10%" of the scheme's 100 is 10 points). */
static int weight_cell(jx_batch *b, size_t dept, const jx_table_cell *c, double *out)
{
	const char *s;
	size_t n;
	trimmed(c, &s, &n);
	size_t sign = n > 1 && s[n - 1] == '%' ? 1 : text_at(s, n, n >= 3 ? n - 3 : n, "％");
	double share;
	if (sign && jx_number_parse(&share, s, n - sign) == 0 && isfinite(share)) {
		const jx_rules *r = b->rules;
		double mark = r->scheme_mark > 0 ? r->scheme_mark : r->full_mark;
		*out = mark == 100 ? share : share * mark / 100; /* 10% of 100: 10, exactly */
		return 0;
	}
	return number_cell(b, dept, c, "分值 (weight)", out);
}

/* A score out of 100 against a percent, or the other way round ("92分"
 * against "≥90%", "92%" against "≥90分", as 满意度 rows are written): on
 * the hundred-point scale 92 分 is 92 %. */
static int is_points(const jx_unit *u)
{
	return u && u->name && strcmp(u->name, "分") == 0;
}

static void points_as_percent(jx_value_lit *lit, const jx_unit *to)
{
	if (!lit->unit || !to)
		return;
	if (is_points(lit->unit) && to->dim == JX_DIM_RATIO)
		lit->num /= 100;
	else if (lit->unit->dim == JX_DIM_RATIO && is_points(to))
		lit->num *= 100;
	else
		return;
	lit->unit = to;
}

static int read_actual(jx_batch *b, size_t dept, const jx_table_cell *c, jx_declared_row *dr)
{
	const jx_target_lit *t = &dr->target.lit;
	jx_value_lit lit;
	if (!actual_date(b, c, dr, &lit) && actual_literal(b, dept, c, &lit) != 0)
		return -1;
	if (lit.kind == JX_LIT_WORD && t->cmp != JX_CMP_WORD && none_word(&lit))
		lit = (jx_value_lit){.kind = JX_LIT_NUMBER, .num = 0};
	switch (lit.kind) {
	case JX_LIT_EMPTY:
		dr->actual = jx_val_state(JX_VAL_MISSING, JX_WHY_NONE, 0);
		return 0;
	case JX_LIT_NA:
		dr->actual = jx_val_state(JX_VAL_NA, JX_WHY_NA, 0);
		return 0;
	case JX_LIT_WORD:
		if (t->cmp != JX_CMP_WORD) {
			jx_batch_reject(b, dept, cell_loc(c, 0),
			                "actual " CELL_FMT " is a word where a number is due (the "
			                "target '%s' is a number)",
			                CELL_ARG(c), dr->target.text);
			return -1;
		}
		dr->actual = jx_val_text(cell_copy(b, c));
		level_word(&dr->level, &lit, t);
		if (dr->level.word && !dr->level.repeats_target) /* point into the copy */
			dr->level.word = dr->actual.u.text + (lit.word - cell_text(c));
		return dr->actual.u.text ? 0 : -1;
	case JX_LIT_NUMBER:
		break;
	}
	none_target_for_figure(&dr->target.lit);
	reconcile_ratio(dr, &lit);
	const jx_unit *to = t->cmp == JX_CMP_WORD ? NULL : t->unit;
	multiplier_of_target_unit(c, to, &lit);
	points_as_percent(&lit, to);
	double x = lit.num;
	if (to && to->dim == JX_DIM_RATIO && !lit.unit)
		x = ratio_points(x);
	if (!same_measure(lit.unit, to) && jx_unit_convert(&x, x, lit.unit, to) != 0) {
		jx_batch_reject(b, dept, cell_loc(c, 0),
		                "actual " CELL_FMT
		                ": unit '%s' does not fit the target's unit '%s'",
		                CELL_ARG(c), lit.unit->name, to->name);
		return -1;
	}
	dr->actual = jx_val_number(x);
	return 0;
}

/* ---- the path --------------------------------------------------------------------- */

/* One level tidied: no white space, no points note ("产 出 指 标（50分）"). */
static size_t tidy_level(char *buf, size_t size, const char *s, size_t len)
{
	size_t n = squeeze(buf, size, s, len);
	n = cut_bracket_note(buf, n);
	buf[n] = '\0';
	return n;
}

/* A second level's points note cut ("数量指标（30分）" is 数量指标); any
 * other bracket is part of its name. */
static size_t cut_points_note(char *buf, size_t n)
{
	size_t cut = cut_bracket_note(buf, n);
	if (cut == n || memchr(buf, '/', n))
		return n;
	size_t close = buf[n - 1] == ')' ? 1 : 3; /* ")" or "）" */
	if (n - cut < close + 3 || memcmp(buf + n - close - 3, "分", 3) != 0)
		return n;
	buf[cut] = '\0';
	return cut;
}

/* A group of the rule set named name (len bytes), as written or with 指标
 * added ("产出" reads as "产出指标"), at the given depth; -1 when none. */
static long group_at_depth(const jx_rules *r, const char *name, size_t len, int depth)
{
	char with[256];
	int k = snprintf(with, sizeof(with), "%.*s指标", (int)len, name);
	for (size_t g = 0; g < r->n_groups; g++) {
		const jx_group *grp = &r->groups[g];
		size_t gl = strlen(grp->name);
		if (grp->depth == depth &&
		    ((gl == len && memcmp(grp->name, name, len) == 0) ||
		     (k > 0 && (size_t)k == gl && memcmp(grp->name, with, gl) == 0)))
			return (long)g;
	}
	return -1;
}

/* Separators people type between a path's levels besides "/" and "／":
 * hyphens and dashes, backslashes, arrows and brackets, the enumeration
 * comma, bars. Taken only right after a first level of the rule set
 * ("产出指标－数量指标"), so a level's own name is never cut. */
static const char *const level_separators[] = {"-", "－", "—", "–",  "\\", "＼",
                                               ">", "＞", "→", "、", "|",  "｜"};

/* At byte `at` of path s, one of level_separators after a first level of
 * the rule set: its length (a doubled one, "——", counts as one), else 0. */
static size_t typed_separator_at(const jx_rules *r, const char *s, size_t n, size_t at)
{
	char level[256];
	for (size_t k = 0; k < sizeof(level_separators) / sizeof(level_separators[0]); k++) {
		size_t len = text_at(s, n, at, level_separators[k]);
		if (!len || at >= sizeof(level))
			continue;
		size_t m = tidy_level(level, sizeof(level), s, at);
		if (!m || group_at_depth(r, level, m, 1) < 0)
			continue;
		while (text_at(s, n, at + len, level_separators[k]))
			len += strlen(level_separators[k]);
		return len;
	}
	return 0;
}

/* Where path s (n bytes) ends its first level: at the first "/" or "／",
 * or typed_separator_at, whichever comes first ("产出指标-数量指标/培训");
 * *skip is the separator's length. n when the path has one level (*skip 0). */
static size_t first_level_end(const jx_rules *r, const char *s, size_t n, size_t *skip)
{
	for (size_t cut = 0; cut < n; cut++)
		if ((*skip = text_at(s, n, cut, "/")) || (*skip = text_at(s, n, cut, "／")) ||
		    (cut && (*skip = typed_separator_at(r, s, n, cut))))
			return cut;
	*skip = 0;
	return n;
}

/* The path's levels from the path cell ("产出指标/数量指标", "／" too, and
 * the separators of first_level_end) or the 一级 / 二级 cells; *first_cell
 * is where the first level was written. */
static const char *path_key(jx_batch *b, const jx_table_row *row, const jx_table_cell **first_cell)
{
	const jx_table_cell *path = &row->cell[JX_COL_PATH];
	const jx_table_cell *l1 = &row->cell[JX_COL_LEVEL1], *l2 = &row->cell[JX_COL_LEVEL2];
	const char *s1 = "", *s2 = "";
	size_t n1 = 0, n2 = 0;
	if (!cell_empty(path)) {
		size_t n, skip;
		trimmed(path, &s1, &n);
		n1 = first_level_end(b->rules, s1, n, &skip);
		if (n1 < n) {
			s2 = s1 + n1 + skip;
			n2 = n - n1 - skip;
		}
		*first_cell = path;
	} else {
		trimmed(l1, &s1, &n1);
		if (!cell_filler(l2))
			trimmed(l2, &s2, &n2);
		/* a message points at the column the table has */
		*first_cell = l1->loc.line || !path->loc.line ? l1 : path;
	}
	/* no fixed buffer: a level is as long as it was written */
	char *first = jx_arena_alloc(b->arena, n1 + 1), *rest = jx_arena_alloc(b->arena, n2 + 1);
	if (!first || !rest)
		return NULL;
	size_t nf = tidy_level(first, n1 + 1, s1, n1);
	size_t nr = cut_points_note(rest, squeeze(rest, n2 + 1, s2, n2));
	for (size_t i = 0; i + 3 <= nr; i++) /* "／" -> "/" */
		if (memcmp(rest + i, "／", 3) == 0) {
			rest[i] = '/';
			memmove(rest + i + 1, rest + i + 3, nr - i - 2);
			nr -= 2;
		}
	return nr ? jx_arena_printf(b->arena, "%.*s/%.*s", (int)nf, first, (int)nr, rest) : first;
}

/* The first-level group the key starts with; a table that puts a second
 * level in the 一级 column (服务对象满意度指标) belongs to that level's
 * parent, and *under is set. */
static long first_level_group(const jx_rules *r, const char *key, int *under)
{
	size_t n = strcspn(key, "/");
	*under = 0;
	long g = n ? group_at_depth(r, key, n, 1) : -1;
	if (g >= 0 || !n)
		return g;
	g = group_at_depth(r, key, n, 2);
	if (g < 0)
		return -1;
	*under = 1;
	return r->groups[g].parent;
}

/* The deepest group of the rule set under top whose path the key starts
 * with ("产出指标/数量指标" when the rule set has it), else top. */
static long deepest_group(const jx_rules *r, const char *key, long top)
{
	long best = top;
	const char *rest = strchr(key, '/');
	if (!rest)
		return best;
	for (size_t g = 0; g < r->n_groups; g++) {
		const jx_group *grp = &r->groups[g];
		if (grp->depth < 2 || grp->depth <= (best >= 0 ? r->groups[best].depth : 0))
			continue;
		/* grp's key below its first level must prefix the key below ours */
		const char *below = strchr(grp->key, '/');
		size_t n = below ? strlen(below) : 0;
		long root = (long)g;
		while (r->groups[root].parent >= 0)
			root = r->groups[root].parent;
		if (root == top && below && strncmp(rest, below, n) == 0 &&
		    (rest[n] == '\0' || rest[n] == '/'))
			best = (long)g;
	}
	return best;
}

static int read_path(jx_batch *b, size_t dept, const jx_table_row *row, jx_declared_row *dr)
{
	const jx_rules *r = b->rules;
	const jx_table_cell *where = NULL;
	dr->path_key = path_key(b, row, &where);
	if (!dr->path_key) {
		jx_batch_reject(b, dept, row->loc, "out of memory");
		return -1;
	}
	dr->top_group = dr->group = -1;
	if (!r->n_groups)
		return 0;
	if (!*dr->path_key) {
		jx_batch_reject(b, dept, where->loc.line ? where->loc : row->loc,
		                "the row has no 一级指标 (path) for rule set '%s''s groups", r->id);
		return -1;
	}
	int under = 0;
	dr->top_group = first_level_group(r, dr->path_key, &under);
	if (dr->top_group < 0) {
		jx_buf tops = {0};
		for (size_t g = 0; g < r->n_groups; g++)
			if (r->groups[g].depth == 1)
				jx_buf_printf(&tops, "%s%s", tops.len ? ", " : "",
				              r->groups[g].key);
		jx_batch_reject(b, dept, cell_loc(where, 0),
		                "一级指标 '%.*s' is not a group of rule set '%s' (%s)",
		                (int)strcspn(dr->path_key, "/"), dr->path_key, r->id,
		                jx_buf_cstr(&tops));
		jx_buf_free(&tops);
		return -1;
	}
	/* the key as the rule set spells its first level, the rest as written */
	const char *rest = under ? dr->path_key : strchr(dr->path_key, '/');
	if (rest)
		dr->path_key = jx_arena_printf(b->arena, "%s%s%s", r->groups[dr->top_group].key,
		                               under ? "/" : "", rest);
	else
		dr->path_key = r->groups[dr->top_group].key;
	dr->group = dr->path_key ? deepest_group(r, dr->path_key, dr->top_group) : -1;
	return dr->path_key ? 0 : -1;
}

/* ---- the three kinds of row ---------------------------------------------------------- */

static void declare_total(jx_batch *b, size_t dept, const jx_table_row *row)
{
	double claimed;
	if (number_cell(b, dept, &row->cell[JX_COL_CLAIMED], "总分 得分", &claimed) == 0 &&
	    !isnan(claimed) && isnan(b->rows[dept].claimed_total))
		b->rows[dept].claimed_total = claimed;
}

static int same_text(const char *a, const char *s, size_t n)
{
	return strlen(a) == n && memcmp(a, s, n) == 0;
}

/* The defined indicator a row names: by its name, id or one of its
 * aliases (defined_row tries the name tidied too: "预算执行率（%）"). */
static long defined_indicator(const jx_rules *r, const jx_table_cell *name)
{
	const char *s;
	size_t n;
	trimmed(name, &s, &n);
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_indicator *ind = &r->indicators[i];
		if (same_text(ind->id, s, n) || same_text(ind->name, s, n))
			return (long)i;
		for (size_t a = 0; a < ind->n_aliases; a++)
			if (same_text(ind->aliases[a], s, n))
				return (long)i;
	}
	return -1;
}

/* The actual of a defined indicator, in its unit. */
static int defined_actual(jx_batch *b, size_t dept, const jx_table_cell *c, const jx_indicator *def,
                          jx_val *out)
{
	jx_value_lit lit;
	if (actual_literal(b, dept, c, &lit) != 0)
		return -1;
	if (lit.kind == JX_LIT_WORD) {
		jx_batch_reject(b, dept, cell_loc(c, 0),
		                "actual " CELL_FMT " is a word where a number is due (%s)",
		                CELL_ARG(c), def->name);
		return -1;
	}
	if (lit.kind != JX_LIT_NUMBER) {
		*out = jx_val_state(lit.kind == JX_LIT_NA ? JX_VAL_NA : JX_VAL_MISSING,
		                    lit.kind == JX_LIT_NA ? JX_WHY_NA : JX_WHY_NONE, 0);
		return 0;
	}
	double x = lit.num;
	if (def->unit && def->unit->dim == JX_DIM_RATIO && !lit.unit)
		x = ratio_points(x);
	if (jx_unit_convert(&x, x, lit.unit, def->unit) != 0) {
		jx_batch_reject(b, dept, cell_loc(c, 0),
		                "actual " CELL_FMT ": unit '%s' does not fit %s's unit '%s'",
		                CELL_ARG(c), lit.unit->name, def->name, def->unit_name);
		return -1;
	}
	*out = jx_val_number(x);
	return 0;
}

static int given_twice(const jx_batch *b, size_t dept, size_t ind)
{
	for (size_t k = 0; k < b->actuals.n; k++)
		if (b->actuals.items[k].dept == dept && b->actuals.items[k].indicator == ind)
			return 1;
	for (size_t k = 0; k < b->claims.n; k++)
		if (b->claims.items[k].dept == dept && b->claims.items[k].indicator == ind)
			return 1;
	return 0;
}

/* A row named like a defined indicator (预算执行率) gives its actual,
 * target, note and claimed score. */
static void declare_defined(jx_batch *b, size_t dept, const jx_table_row *row, size_t ind)
{
	const jx_indicator *def = &b->rules->indicators[ind];
	const jx_table_cell *actual = &row->cell[JX_COL_ACTUAL];
	const jx_table_cell *target = &row->cell[JX_COL_TARGET];
	const jx_table_cell *note = &row->cell[JX_COL_NOTE];
	if (given_twice(b, dept, ind)) {
		jx_batch_reject(b, dept, cell_loc(&row->cell[JX_COL_INDICATOR], 0),
		                "'%s' is given twice for this department", def->name);
		return;
	}
	double claimed, weight;
	if (number_cell(b, dept, &row->cell[JX_COL_CLAIMED], "得分", &claimed) != 0 ||
	    weight_cell(b, dept, &row->cell[JX_COL_WEIGHT], &weight) != 0)
		return;
	if (!isnan(weight) && fabs(weight - def->weight) > 1e-9 &&
	    JX_VEC_PUSH(b->weights, ((jx_weight_override){dept, ind, weight})) != 0)
		goto oom;
	if (!isnan(claimed) && JX_VEC_PUSH(b->claims, ((jx_claim){dept, ind, claimed})) != 0)
		goto oom;
	if (!cell_empty(actual)) {
		jx_actual_override o = {dept, ind, jx_val_number(0)};
		if (defined_actual(b, dept, actual, def, &o.actual) != 0)
			return;
		if (JX_VEC_PUSH(b->actuals, o) != 0)
			goto oom;
	}
	const char *err = NULL;
	size_t off = 0;
	int composed = 0; /* operator and unit columns too (计算符号, 计量单位) */
	const char *t = cell_empty(target) ? "" : target_text(b, row, &composed);
	if (!t)
		goto oom;
	if (*t && jx_batch_store_target(b, dept, ind, t, strlen(t), target->loc, &err, &off) != 0) {
		jx_batch_reject(b, dept, composed ? target->loc : cell_loc(target, off),
		                "target: %s", err ? err : "invalid");
		return;
	}
	const char *nt;
	size_t nn;
	trimmed(note, &nt, &nn);
	if (jx_batch_store_note(b, dept, ind, nt, nn) == 0)
		return;
oom:
	jx_batch_reject(b, dept, row->loc, "out of memory");
}

/* A row of the department's own: a declared row. */
static void declare_own(jx_batch *b, size_t dept, const jx_table_row *row)
{
	jx_declared_row dr = {0};
	dr.review = -1;
	dr.dept = dept;
	dr.loc = row->loc;
	dr.name = cell_copy(b, &row->cell[JX_COL_INDICATOR]);
	if (read_path(b, dept, row, &dr) != 0)
		return;
	const jx_table_cell *w = &row->cell[JX_COL_WEIGHT];
	if (weight_cell(b, dept, w, &dr.weight) != 0)
		return;
	if (isnan(dr.weight) || dr.weight < 0) {
		jx_batch_reject(b, dept, cell_loc(w, 0),
		                isnan(dr.weight) ? "the row has no 分值 (weight)"
		                                 : "分值 (weight) " CELL_FMT " is below 0",
		                CELL_ARG(w));
		return;
	}
	if (number_cell(b, dept, &row->cell[JX_COL_CLAIMED], "得分", &dr.claimed) != 0)
		return;
	if (read_target(b, dept, row, &dr.target) != 0)
		return;
	const jx_table_cell *actual = &row->cell[JX_COL_ACTUAL];
	if (read_actual(b, dept, actual, &dr) != 0)
		return;
	dr.actual_text = cell_copy(b, actual);
	const jx_table_cell *note = &row->cell[JX_COL_NOTE];
	dr.note = cell_empty(note) ? NULL : cell_copy(b, note);
	if (!dr.name || !dr.actual_text || JX_VEC_PUSH(b->declared, dr) != 0)
		jx_batch_reject(b, dept, dr.loc, "out of memory");
}

/* The fund block's figures a row carries (what `jixiao read` writes on
 * its 预算执行率 row): into the rule set's variables of those names. */
static void declare_fund(jx_batch *b, size_t dept, const jx_table_row *row)
{
	static const jx_table_col cols[] = {JX_COL_BUDGET_INITIAL, JX_COL_BUDGET_TOTAL,
	                                    JX_COL_SPEND_TOTAL};
	for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		const jx_table_cell *c = &row->cell[cols[k]];
		const char *name = jx_table_col_name(cols[k]), *s;
		size_t n;
		trimmed(c, &s, &n);
		long slot = n ? jx_strmap_get(&b->rules->variable_map, name, strlen(name)) : -1;
		const char *err = NULL;
		size_t off = 0;
		if (slot >= 0 && jx_batch_store_cell(b, dept, slot, s, n, &err, &off) != 0)
			jx_batch_reject(b, dept, cell_loc(c, off), "%s " CELL_FMT ": %s", name,
			                CELL_ARG(c), err ? err : "invalid");
	}
}

/* The rule-set indicator a row stands for: named so (its name or id, a
 * points note cut: "预算执行率（10分）"), or written under a first-level
 * group that is that one indicator alone (预算执行率 / 项目预算执行率, or
 * no 三级 name); -1 when none. */
static long defined_row(const jx_rules *r, const jx_table_row *row)
{
	const jx_table_cell *name = &row->cell[JX_COL_INDICATOR];
	long def = defined_indicator(r, name);
	if (def >= 0)
		return def;
	const char *s;
	size_t n;
	trimmed(name, &s, &n);
	char buf[256];
	size_t k = tidy_level(buf, sizeof(buf), s, n);
	jx_table_cell tidy = {buf, k, name->loc, 0};
	if (k != n && (def = defined_indicator(r, &tidy)) >= 0)
		return def;
	if (k >= strlen("其中") && memcmp(buf, "其中", strlen("其中")) == 0)
		return -1; /* a breakdown under it */
	const jx_table_cell *first = &row->cell[JX_COL_PATH];
	if (cell_empty(first))
		first = &row->cell[JX_COL_LEVEL1];
	trimmed(first, &s, &n);
	size_t skip, cut = first_level_end(r, s, n, &skip);
	k = tidy_level(buf, sizeof(buf), s, cut);
	long g = k ? group_at_depth(r, buf, k, 1) : -1;
	if (g < 0 || !r->groups[g].has_weight)
		return -1;
	long only = -1;
	for (size_t i = 0; i < r->n_indicators; i++) {
		const char *key = r->indicators[i].path_key;
		size_t gl = strlen(r->groups[g].key);
		if (strncmp(key, r->groups[g].key, gl) != 0 || (key[gl] && key[gl] != '/'))
			continue;
		if (only >= 0)
			return -1;
		only = (long)i;
	}
	return only >= 0 && fabs(r->indicators[only].weight - r->groups[g].weight) < 1e-9 ? only
	                                                                                  : -1;
}

/* A 三级 cell that carries its path ("产出指标-数量指标-培训人次", in a
 * column headed 指标) when the row has no path of its own: split into
 * 一级, 二级 and the name. Only when the first part is a group of the
 * rule set. */
static void split_named_path(const jx_rules *r, jx_table_row *row)
{
	static const char *const seps[] = {"-", "－", "—", "–", "/", "／"};
	const jx_table_cell *c = &row->cell[JX_COL_INDICATOR];
	if (!cell_empty(&row->cell[JX_COL_PATH]) || !cell_empty(&row->cell[JX_COL_LEVEL1]) ||
	    !r->n_groups)
		return;
	const char *s;
	size_t n, at[3], len[3], parts = 0, start = 0;
	trimmed(c, &s, &n);
	for (size_t i = 0; i < n && parts < 2;) {
		size_t k = 0;
		for (size_t j = 0; j < sizeof(seps) / sizeof(seps[0]) && !k; j++)
			k = text_at(s, n, i, seps[j]);
		if (!k) {
			i++;
			continue;
		}
		at[parts] = start;
		len[parts++] = i - start;
		start = i += k;
	}
	if (!parts || start >= n)
		return;
	char buf[256];
	size_t k = tidy_level(buf, sizeof(buf), s, len[0]);
	if (!k || (group_at_depth(r, buf, k, 1) < 0 && group_at_depth(r, buf, k, 2) < 0))
		return;
	jx_table_cell whole = *c;
	row->cell[JX_COL_LEVEL1] = (jx_table_cell){s + at[0], len[0], whole.loc, 0};
	if (parts == 2)
		row->cell[JX_COL_LEVEL2] = (jx_table_cell){s + at[1], len[1], whole.loc, 0};
	row->cell[JX_COL_INDICATOR] = (jx_table_cell){s + start, n - start, whole.loc, 0};
}

void jx_table_declare(jx_batch *b, size_t dept, const jx_table_row *given)
{
	if (b->rows[dept].reject_reason)
		return; /* nothing more to learn from a rejected department */
	jx_table_row split = *given;
	split_named_path(b->rules, &split);
	const jx_table_row *row = &split;
	declare_fund(b, dept, row);
	jx_row_kind kind = jx_table_row_kind(row);
	long def = kind == JX_ROW_TOTAL || kind == JX_ROW_BLANK ? -1 : defined_row(b->rules, row);
	if (kind == JX_ROW_BREAKDOWN && def >= 0)
		kind = JX_ROW_INDICATOR; /* 预算执行率 needs no 分值: the rule set has its points */
	switch (kind) {
	case JX_ROW_BLANK:
	case JX_ROW_BREAKDOWN:
		return;
	case JX_ROW_TOTAL:
		declare_total(b, dept, row);
		return;
	case JX_ROW_INDICATOR:
		break;
	}
	const jx_table_cell *name = &row->cell[JX_COL_INDICATOR];
	if (def < 0 && (cell_empty(name) || cell_filler(name))) {
		jx_batch_reject(b, dept, cell_loc(name, 0),
		                "the row names no indicator (三级指标)");
		return;
	}
	if (def >= 0)
		declare_defined(b, dept, row, (size_t)def);
	else if (!b->rules->declared.enabled)
		jx_batch_reject(b, dept, cell_loc(name, 0),
		                "indicator " CELL_FMT " is not in rule set '%s', which has no "
		                "'declared:' rules for a department's own indicators",
		                CELL_ARG(name), b->rules->id);
	else
		declare_own(b, dept, row);
}

int jx_table_reviewed_actual(jx_batch *b, size_t dept, const jx_table_cell *c, long declared,
                             long indicator, jx_val *actual, jx_level_word *level)
{
	memset(level, 0, sizeof(*level));
	if (indicator >= 0)
		return defined_actual(b, dept, c, &b->rules->indicators[indicator], actual);
	jx_declared_row row = b->declared.items[declared]; /* a copy: the row stays */
	if (read_actual(b, dept, c, &row) != 0)
		return -1;
	*actual = row.actual;
	*level = row.level;
	return 0;
}
