/*
 * batch_review.c - a reviewer's findings (docs/review.md), read with
 * `jixiao score ... --review FILE`: a CSV, one row per reviewed row of a
 * department's table,
 *
 *   dept_id,indicator,code,actual,score,note
 *   yyx-fulian,婚姻调解接受率,R02,,,佐证材料只有部分月份
 *   yyx-fulian,预算执行率,,95%,,以决算数为准
 *
 * `indicator` is the row's name (三级指标) or a defined indicator's id or
 * name; `code` one of the rule set's review_codes; `actual` a corrected
 * figure, scored by the rules; `score` the score set outright. Chinese
 * headings are read too (单位编码, 指标, 复核代码, 复核实际值, 复核得分,
 * 复核意见). A finding that names no department, row or code of the run is
 * an error at its cell: a reviewer's typo must not pass unnoticed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "load.h"
#include "table.h"

enum { R_ID, R_INDICATOR, R_CODE, R_ACTUAL, R_SCORE, R_NOTE, R_COUNT };

static const struct {
	int col;
	const char *name;
} review_headings[] = {
    {R_ID, "dept_id"},        {R_ID, "单位编码"},        {R_INDICATOR, "indicator"},
    {R_INDICATOR, "指标"},    {R_INDICATOR, "三级指标"}, {R_INDICATOR, "指标名称"},
    {R_CODE, "code"},         {R_CODE, "review_code"},   {R_CODE, "复核代码"},
    {R_CODE, "代码"},         {R_ACTUAL, "actual"},      {R_ACTUAL, "复核实际值"},
    {R_ACTUAL, "实际完成值"}, {R_SCORE, "score"},        {R_SCORE, "复核得分"},
    {R_NOTE, "note"},         {R_NOTE, "review_note"},   {R_NOTE, "复核意见"},
    {R_NOTE, "说明"},
};

#define MAX_REVIEW_COLUMNS 32

typedef struct {
	jx_batch *b;
	const char *file;
	jx_diagnostics *diags;
	int col[R_COUNT];
	jx_csv_field fields[MAX_REVIEW_COLUMNS];
	size_t n;
	char *scratch;
	size_t scratch_size;
	int errors;
} review_state;

static int heading_of(const jx_csv_field *f)
{
	size_t s = 0, n = f->len;
	if (n >= 3 && memcmp(f->data, "\xEF\xBB\xBF", 3) == 0)
		s = 3;
	while (s < n && f->data[s] == ' ')
		s++;
	while (n > s && f->data[n - 1] == ' ')
		n--;
	for (size_t i = 0; i < sizeof(review_headings) / sizeof(review_headings[0]); i++)
		if (strlen(review_headings[i].name) == n - s &&
		    memcmp(review_headings[i].name, f->data + s, n - s) == 0)
			return review_headings[i].col;
	return -1;
}

static jx_table_cell cell(const review_state *st, int c)
{
	int i = st->col[c];
	if (i < 0 || (size_t)i >= st->n)
		return (jx_table_cell){NULL, 0, {st->file, 0, 0, NULL}, 0};
	const jx_csv_field *f = &st->fields[i];
	return (jx_table_cell){
	    f->data, f->len, {st->file, f->line, jx_csv_col(f), NULL}, !f->quoted};
}

/* The cell's text trimmed, into the batch arena. */
static const char *text_of(review_state *st, const jx_table_cell *c)
{
	size_t s = 0, n = c->text ? c->len : 0;
	while (s < n && (c->text[s] == ' ' || c->text[s] == '\t'))
		s++;
	while (n > s && (c->text[n - 1] == ' ' || c->text[n - 1] == '\t'))
		n--;
	return jx_arena_strndup(st->b->arena, c->text ? c->text + s : "", n - s);
}

static void fail(review_state *st, const jx_table_cell *c, const char *fmt, const char *arg)
{
	jx_diag_error(st->diags, c->loc.line ? c->loc : (jx_loc){st->file, 0, 0, NULL}, fmt, arg);
	st->errors++;
}

static long find_code(const jx_rules *r, const char *code)
{
	for (size_t k = 0; k < r->n_review_codes; k++)
		if (strcmp(r->review_codes[k].code, code) == 0)
			return (long)k;
	return -1;
}

/* The row a finding names: the department's own row of that name not yet
 * reviewed, else a defined indicator by id or name. */
static int find_row(const jx_batch *b, size_t dept, const char *name, long *declared,
                    long *indicator)
{
	*declared = *indicator = -1;
	for (size_t k = 0; k < b->declared.n; k++) {
		const jx_declared_row *row = &b->declared.items[k];
		if (row->dept == dept && row->review < 0 && strcmp(row->name, name) == 0) {
			*declared = (long)k;
			return 1;
		}
	}
	const jx_rules *r = b->rules;
	for (size_t i = 0; i < r->n_indicators; i++)
		if (strcmp(r->indicators[i].id, name) == 0 ||
		    strcmp(r->indicators[i].name, name) == 0) {
			*indicator = (long)i;
			return 1;
		}
	return 0;
}

static int reviewed_already(const jx_batch *b, size_t dept, long indicator)
{
	for (size_t k = 0; k < b->reviews.n; k++)
		if (b->reviews.items[k].dept == dept && b->reviews.items[k].indicator == indicator)
			return 1;
	return 0;
}

static void read_finding(review_state *st)
{
	jx_batch *b = st->b;
	jx_table_cell id = cell(st, R_ID), ind = cell(st, R_INDICATOR), code = cell(st, R_CODE);
	jx_table_cell actual = cell(st, R_ACTUAL), score = cell(st, R_SCORE),
	              note = cell(st, R_NOTE);
	const char *dept_id = text_of(st, &id), *name = text_of(st, &ind),
	           *code_text = text_of(st, &code);
	if (!dept_id || !name || !code_text)
		return;
	long dept = jx_strmap_get(&b->id_map, dept_id, strlen(dept_id));
	if (dept < 0) {
		fail(st, &id, "no department '%s' in this run", dept_id);
		return;
	}
	jx_review rv = {
	    (size_t)dept, -1,  -1,   -1,    jx_val_state(JX_VAL_MISSING, JX_WHY_NONE, 0),
	    {0},          NAN, NULL, id.loc};
	if (!find_row(b, (size_t)dept, name, &rv.declared, &rv.indicator)) {
		fail(st, &ind, "department has no indicator row '%s' to review", name);
		return;
	}
	if (rv.indicator >= 0 && reviewed_already(b, (size_t)dept, rv.indicator)) {
		fail(st, &ind, "a second finding for '%s' of this department (one per row)", name);
		return;
	}
	if (*code_text && (rv.code = find_code(b->rules, code_text)) < 0) {
		fail(st, &code, "review code '%s' is not in the rule set's review_codes",
		     code_text);
		return;
	}
	const char *s = text_of(st, &score);
	if (s && *s && (jx_table_number(&rv.score, s, strlen(s)) != 0 || !isfinite(rv.score))) {
		fail(st, &score, "score '%s' is not a number", s);
		return;
	}
	const char *a = text_of(st, &actual);
	if (a && *a &&
	    jx_table_reviewed_actual(b, (size_t)dept, &actual, rv.declared, rv.indicator,
	                             &rv.actual, &rv.level) != 0)
		return; /* the department is rejected at the cell */
	const char *nt = text_of(st, &note);
	rv.note = nt && *nt ? nt : NULL;
	if (JX_VEC_PUSH(b->reviews, rv) != 0) {
		st->errors++;
		return;
	}
	if (rv.declared >= 0)
		b->declared.items[rv.declared].review = (long)b->reviews.n - 1;
}

static int read_header(review_state *st, jx_csv_reader *rd)
{
	jx_csv_error err = {0};
	size_t n = 0;
	if (jx_csv_next(rd, st->fields, MAX_REVIEW_COLUMNS, &n, st->scratch, st->scratch_size,
	                &err) != JX_CSV_RECORD) {
		jx_diag_error(st->diags, (jx_loc){st->file, 1, 1, NULL},
		              "expected a header: dept_id, indicator, code, actual, score, note");
		return JX_EDATA;
	}
	for (int c = 0; c < R_COUNT; c++)
		st->col[c] = -1;
	for (size_t i = 0; i < n && i < MAX_REVIEW_COLUMNS; i++) {
		int c = heading_of(&st->fields[i]);
		if (c >= 0 && st->col[c] < 0)
			st->col[c] = (int)i;
	}
	if (st->col[R_ID] < 0 || st->col[R_INDICATOR] < 0) {
		jx_diag_error(st->diags, (jx_loc){st->file, 1, 1, NULL},
		              "the header needs dept_id and indicator (and any of code, actual, "
		              "score, note)");
		return JX_EDATA;
	}
	return JX_OK;
}

int jx_batch_read_review_csv(jx_batch *b, const char *file, const char *data, size_t len,
                             jx_diagnostics *diags)
{
	review_state st = {.b = b, .file = file, .diags = diags, .scratch_size = len + 1};
	st.scratch = malloc(st.scratch_size);
	if (!st.scratch)
		return JX_ENOMEM;
	jx_csv_reader rd;
	jx_csv_init(&rd, data, len);
	int rc = read_header(&st, &rd);
	while (rc == JX_OK) {
		jx_csv_error err = {0};
		jx_csv_status s = jx_csv_next(&rd, st.fields, MAX_REVIEW_COLUMNS, &st.n, st.scratch,
		                              st.scratch_size, &err);
		if (s == JX_CSV_END)
			break;
		if (s == JX_CSV_ERROR) {
			jx_diag_error(diags, (jx_loc){file, err.line, err.col, NULL}, "%s",
			              err.message);
			st.errors++;
			continue;
		}
		read_finding(&st);
	}
	free(st.scratch);
	return rc == JX_OK && st.errors ? JX_EDATA : rc;
}
