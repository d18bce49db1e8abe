/*
 * batch_long.c - the long CSV of departments' own indicator tables
 * (docs/data.md, "Indicator tables"), one row per (department, indicator):
 *
 *   dept_id,dept_name,indicator,path,weight,target,actual,note,claimed
 *   yyx-fulian,岳阳县妇联,家庭教育服务人次,产出指标/数量指标,10,≥5000人次,5700人次,,10
 *
 * Columns are found by their headings, in any order, in English or as the
 * forms write them (单位编码, 三级指标, 一级指标 + 二级指标 instead of path,
 * 分值, 年度指标值, 计算符号, 计量单位, 实际完成值, 偏差原因, 得分): see
 * table.c, which also reads each row as real tables write it. This file
 * only splits records into cells and finds each row's department.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/utf8.h"
#include "csv.h"
#include "load.h"
#include "table.h"

#define MAX_LONG_COLUMNS 64

typedef struct {
	const char *file;
	jx_diagnostics *diags;
	int col[JX_COL_COUNT];           /* field index of each column, -1 when absent */
	long var_slot[MAX_LONG_COLUMNS]; /* a column named like a rule-set variable
	                                  * (budget.total): its slot, else -1 */
	size_t ncols;                    /* fields in the header */
	jx_csv_field fields[MAX_LONG_COLUMNS];
	char *scratch;
	size_t scratch_size;
	char *file_id; /* no dept_id column: the file is one table, named by its file */
	/* 一级 / 二级 written only on the first row of their block (a table
	 * saved from merged cells): the last ones written, per department */
	char *last_dept, *last_level1, *last_level2;
} long_state;

static const char *const expected_header =
    "indicator, path (or 一级指标, 二级指标), weight, target, actual, and "
    "optionally dept_id, dept_name, note, claimed, operator, unit";

/* The file name without folders and extension: the id of a table typed
 * with no dept_id column, as a workbook's (docs/data.md §3.1). */
static char *file_stem(const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	char *id = malloc(n + 1);
	if (id) {
		memcpy(id, base, n);
		id[n] = '\0';
	}
	return id;
}

static int header_error(long_state *st, int line, const char *what)
{
	jx_diag_error(st->diags, (jx_loc){st->file, line, 1, NULL}, "%s (the columns: %s)", what,
	              expected_header);
	return JX_EDATA;
}

static int read_header(long_state *st, jx_csv_reader *rd)
{
	size_t n = 0;
	jx_csv_error err = {0};
	jx_csv_status s =
	    jx_csv_next(rd, st->fields, MAX_LONG_COLUMNS, &n, st->scratch, st->scratch_size, &err);
	if (s == JX_CSV_ERROR) {
		jx_diag_error(st->diags, (jx_loc){st->file, err.line, err.col, NULL}, "%s",
		              err.message);
		return JX_EDATA;
	}
	if (s != JX_CSV_RECORD)
		return header_error(st, 1, "empty file: expected a header");
	if (n > MAX_LONG_COLUMNS)
		return header_error(st, 1, "more than 64 columns");
	st->ncols = n;
	for (int c = 0; c < JX_COL_COUNT; c++)
		st->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		int c = jx_table_heading(st->fields[i].data, st->fields[i].len);
		if (c >= 0 && st->col[c] < 0)
			st->col[c] = (int)i;
	}
	static const jx_table_col required[] = {JX_COL_INDICATOR, JX_COL_WEIGHT, JX_COL_TARGET,
	                                        JX_COL_ACTUAL};
	for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++)
		if (st->col[required[k]] < 0) {
			char what[96];
			snprintf(what, sizeof(what), "the header has no '%s' column",
			         jx_table_col_name(required[k]));
			return header_error(st, 1, what);
		}
	if (st->col[JX_COL_DEPT_ID] < 0 && !(st->file_id = file_stem(st->file)))
		return JX_ENOMEM;
	return JX_OK;
}

static jx_table_cell cell_of(long_state *st, int c, size_t n)
{
	int i = st->col[c];
	if (c == JX_COL_DEPT_ID && i < 0 && st->file_id && n)
		return (jx_table_cell){
		    st->file_id, strlen(st->file_id), {st->file, st->fields[0].line, 1, NULL}, 0};
	if (i < 0 || (size_t)i >= n)
		return (jx_table_cell){NULL, 0, {st->file, 0, 0, NULL}, 0};
	const jx_csv_field *f = &st->fields[i];
	return (jx_table_cell){
	    f->data, f->len, {st->file, f->line, jx_csv_col(f), NULL}, !f->quoted};
}

/* A record whose every field is empty or white space. */
static int blank_record(const jx_csv_field *f, size_t n)
{
	for (size_t i = 0; i < n && i < MAX_LONG_COLUMNS; i++)
		for (size_t k = 0; k < f[i].len; k++)
			if (f[i].data[k] != ' ' && f[i].data[k] != '\t' && f[i].data[k] != '\r' &&
			    f[i].data[k] != '\n')
				return 0;
	return 1;
}

/* ---- 一级 / 二级 filled down --------------------------------------------------------- */

static int blank_text(const jx_table_cell *c)
{
	for (size_t i = 0; c->text && i < c->len; i++)
		if (c->text[i] != ' ' && c->text[i] != '\t' && c->text[i] != '\r' &&
		    c->text[i] != '\n')
			return 0;
	return 1;
}

static int same_text(const jx_table_cell *c, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return s && c->text && c->len == n && memcmp(c->text, s, n) == 0;
}

/* Replaces *keep with a copy of the cell's text; -1 when out of memory. */
static int keep_text(char **keep, const jx_table_cell *c)
{
	char *copy = malloc((c->text ? c->len : 0) + 1);
	if (!copy)
		return -1;
	if (c->text)
		memcpy(copy, c->text, c->len);
	copy[c->text ? c->len : 0] = '\0';
	free(*keep);
	*keep = copy;
	return 0;
}

/* A table saved from a sheet whose 一级 / 二级 cells were merged (or a
 * person typing it so) writes them on the first row of their block only:
 * a blank 一级 takes the one above, and a blank 二级 too unless the 一级
 * changed, within one department (as a workbook's rows are filled,
 * docs/data.md §3.4). Not with a path column. */
static int fill_down(long_state *st, jx_table_row *row)
{
	jx_table_cell *l1 = &row->cell[JX_COL_LEVEL1], *l2 = &row->cell[JX_COL_LEVEL2];
	const jx_table_cell *id = &row->cell[JX_COL_DEPT_ID];
	if (st->col[JX_COL_LEVEL1] < 0 || !blank_text(&row->cell[JX_COL_PATH]))
		return 0;
	if (!same_text(id, st->last_dept)) {
		if (keep_text(&st->last_dept, id))
			return -1;
		free(st->last_level1);
		free(st->last_level2);
		st->last_level1 = st->last_level2 = NULL;
	}
	if (blank_text(l1) && st->last_level1) {
		l1->text = st->last_level1;
		l1->len = strlen(st->last_level1);
		if (blank_text(l2) && st->last_level2) {
			l2->text = st->last_level2;
			l2->len = strlen(st->last_level2);
		}
	} else if (!blank_text(l1)) {
		if (!same_text(l1, st->last_level1)) {
			free(st->last_level2);
			st->last_level2 = NULL;
		}
		if (keep_text(&st->last_level1, l1))
			return -1;
	}
	if (!blank_text(l2) && l2->text != st->last_level2 && keep_text(&st->last_level2, l2))
		return -1;
	return 0;
}

/* ---- departments ------------------------------------------------------------------ */

typedef struct {
	jx_batch *b;
	const char *file;
} batch_ctx;

static const char *copy_trimmed(jx_batch *b, const jx_table_cell *c)
{
	size_t start = 0, len = c->text ? c->len : 0;
	while (start < len && (c->text[start] == ' ' || c->text[start] == '\t'))
		start++;
	while (len > start && (c->text[len - 1] == ' ' || c->text[len - 1] == '\t'))
		len--;
	return jx_arena_strndup(b->arena, c->text ? c->text + start : "", len - start);
}

/* A department that cannot be named: added rejected, so it is counted. */
static long unnamed_department(jx_batch *b, jx_loc at, const char *why)
{
	const char *name = jx_arena_printf(b->arena, "(line %d)", at.line);
	long row = name ? jx_batch_push_row(b, name, "", (jx_loc){at.file, at.line, 1, NULL}) : -1;
	if (row >= 0)
		jx_batch_reject(b, (size_t)row, at, "%s", why);
	return row;
}

/* The department a row belongs to: read before (wide file), or new; -1
 * when out of memory, -2 when the row was counted as a rejected one. */
static long department(jx_batch *b, const jx_table_row *row)
{
	const jx_table_cell *id = &row->cell[JX_COL_DEPT_ID];
	const char *dept_id = copy_trimmed(b, id); /* as the wide CSV's ids are read */
	if (!dept_id)
		return -1;
	if (!*dept_id)
		return unnamed_department(b, row->loc, "the row has no dept_id") < 0 ? -1 : -2;
	long found = jx_strmap_get(&b->id_map, dept_id, strlen(dept_id));
	if (found < 0) {
		const char *name = copy_trimmed(b, &row->cell[JX_COL_DEPT_NAME]);
		found = name ? jx_batch_push_row(b, dept_id, name, row->loc) : -1;
	}
	if (found >= 0 && !jx_batch_claim_table(b, (size_t)found, row->loc))
		return -2; /* its table came from another file: rejected */
	return found;
}

static int declare_row(void *ctx, const jx_table_row *row)
{
	batch_ctx *bc = ctx;
	if (!row) /* a record that could not be read */
		return 0;
	long dept = department(bc->b, row);
	if (dept == -1)
		return -1;
	if (dept >= 0)
		jx_table_declare(bc->b, (size_t)dept, row);
	return 0;
}

/* ---- records ------------------------------------------------------------------------- */

typedef struct {
	long_state *st;
	int (*fn)(void *ctx, const jx_table_row *row);
	void *ctx;
	jx_batch *b; /* to count unreadable records as departments; NULL: report them */
} rows_visit;

/* Columns named like the rule set's variables (budget.initial,
 * budget.total, spend.total: what `jixiao read` writes from a workbook's
 * fund block) give the row's department those values. */
static void map_variables(rows_visit *v)
{
	long_state *st = v->st;
	for (size_t i = 0; i < MAX_LONG_COLUMNS; i++)
		st->var_slot[i] = -1;
	for (size_t i = 0; v->b && i < st->ncols && i < MAX_LONG_COLUMNS; i++) {
		const jx_csv_field *f = &st->fields[i];
		if (jx_table_heading(f->data, f->len) < 0)
			st->var_slot[i] =
			    jx_strmap_get(&v->b->rules->variable_map, f->data, f->len);
	}
}

static int store_variables(rows_visit *v, const jx_table_row *row, size_t n)
{
	long_state *st = v->st;
	for (size_t i = 0; i < n && i < MAX_LONG_COLUMNS; i++) {
		const jx_csv_field *f = &st->fields[i];
		if (st->var_slot[i] < 0 || !f->len)
			continue;
		long dept = jx_strmap_get(&v->b->id_map, row->cell[JX_COL_DEPT_ID].text,
		                          row->cell[JX_COL_DEPT_ID].len);
		if (dept < 0 || v->b->rows[dept].reject_reason)
			continue;
		const char *err = NULL;
		size_t off = 0;
		if (jx_batch_store_cell(v->b, (size_t)dept, st->var_slot[i], f->data, f->len, &err,
		                        &off) != 0)
			jx_batch_reject(v->b, (size_t)dept,
			                (jx_loc){st->file, f->line, jx_csv_col(f), NULL},
			                "'%.*s': %s", (int)f->len, f->data, err ? err : "invalid");
	}
	return 0;
}

static int read_rows(rows_visit *v, jx_csv_reader *rd)
{
	long_state *st = v->st;
	for (;;) {
		size_t n = 0;
		jx_csv_error err = {0};
		int line = rd->line;
		jx_csv_status s = jx_csv_next(rd, st->fields, MAX_LONG_COLUMNS, &n, st->scratch,
		                              st->scratch_size, &err);
		if (s == JX_CSV_END)
			return JX_OK;
		if (s == JX_CSV_ERROR) {
			jx_loc at = {st->file, err.line, err.col, NULL};
			if (!v->b)
				jx_diag_error(st->diags, at, "%s", err.message);
			else if (unnamed_department(v->b, at, err.message) < 0)
				return JX_ENOMEM;
			continue;
		}
		if (blank_record(st->fields, n))
			continue; /* ",,,,,," as a spreadsheet saves an empty row */
		if (n && st->fields[0].line > 0)
			line = st->fields[0].line;
		jx_table_row row = {.loc = {st->file, line, 1, NULL}};
		for (int c = 0; c < JX_COL_COUNT; c++)
			row.cell[c] = cell_of(st, c, n);
		if (n != st->ncols) {
			char why[96];
			snprintf(why, sizeof(why), "the row has %zu fields, the header %zu", n,
			         st->ncols);
			if (!v->b) {
				jx_diag_error(st->diags, row.loc, "%s", why);
				continue;
			}
			long dept = department(v->b, &row);
			if (dept == -1)
				return JX_ENOMEM;
			if (dept >= 0 && !v->b->rows[dept].reject_reason)
				jx_batch_reject(v->b, (size_t)dept, row.loc, "%s", why);
			continue;
		}
		if (fill_down(st, &row) != 0 || v->fn(v->ctx, &row) != 0)
			return JX_ENOMEM;
		if (v->b && store_variables(v, &row, n) != 0)
			return JX_ENOMEM;
	}
}

static int visit_rows(rows_visit *v, const char *data, size_t len)
{
	long_state *st = v->st;
	st->scratch_size = len + 1;
	st->scratch = malloc(st->scratch_size);
	if (!st->scratch)
		return JX_ENOMEM;
	jx_csv_reader rd;
	jx_csv_init(&rd, data, len);
	int rc = read_header(st, &rd);
	if (rc == JX_OK) {
		map_variables(v);
		rc = read_rows(v, &rd);
	}
	free(st->scratch);
	free(st->file_id);
	free(st->last_dept);
	free(st->last_level1);
	free(st->last_level2);
	st->file_id = NULL;
	st->last_dept = st->last_level1 = st->last_level2 = NULL;
	return rc;
}

int jx_long_csv_rows(const char *file, const char *data, size_t len,
                     int (*fn)(void *ctx, const jx_table_row *row), void *ctx,
                     jx_diagnostics *diags)
{
	long_state st = {.file = file, .diags = diags};
	rows_visit v = {&st, fn, ctx, NULL};
	return visit_rows(&v, data, len);
}

int jx_batch_read_long_csv(jx_batch *b, const char *file, const char *data, size_t len,
                           jx_diagnostics *diags)
{
	long_state st = {.file = file, .diags = diags};
	batch_ctx bc = {b, file};
	rows_visit v = {&st, declare_row, &bc, b};
	return visit_rows(&v, data, len);
}
