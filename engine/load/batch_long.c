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
	jx_batch *b;
	const char *file;
	jx_diagnostics *diags;
	int col[JX_COL_COUNT]; /* field index of each column, -1 when absent */
	size_t ncols;          /* fields in the header */
	jx_csv_field fields[MAX_LONG_COLUMNS];
	char *scratch;
	size_t scratch_size;
} long_state;

static const char *const expected_header =
    "dept_id, indicator, path (or 一级指标, 二级指标), weight, target, actual, and "
    "optionally dept_name, note, claimed, operator, unit";

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
	static const jx_table_col required[] = {JX_COL_DEPT_ID, JX_COL_INDICATOR, JX_COL_WEIGHT,
	                                        JX_COL_TARGET, JX_COL_ACTUAL};
	for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++)
		if (st->col[required[k]] < 0) {
			char what[96];
			snprintf(what, sizeof(what), "the header has no '%s' column",
			         jx_table_col_name(required[k]));
			return header_error(st, 1, what);
		}
	return JX_OK;
}

static jx_table_cell cell_of(long_state *st, int c, size_t n)
{
	int i = st->col[c];
	if (i < 0 || (size_t)i >= n)
		return (jx_table_cell){NULL, 0, {st->file, 0, 0, NULL}, 0};
	const jx_csv_field *f = &st->fields[i];
	return (jx_table_cell){
	    f->data, f->len, {st->file, f->line, jx_csv_col(f), NULL}, !f->quoted};
}

static const char *copy_trimmed(long_state *st, const jx_table_cell *c)
{
	size_t start = 0, len = c->text ? c->len : 0;
	while (start < len && (c->text[start] == ' ' || c->text[start] == '\t'))
		start++;
	while (len > start && (c->text[len - 1] == ' ' || c->text[len - 1] == '\t'))
		len--;
	return jx_arena_strndup(st->b->arena, c->text ? c->text + start : "", len - start);
}

/* A department that cannot be named: added rejected, so it is counted. */
static long unnamed_department(long_state *st, int line, int col, const char *why)
{
	const char *name = jx_arena_printf(st->b->arena, "(line %d)", line);
	long row =
	    name ? jx_batch_push_row(st->b, name, "", (jx_loc){st->file, line, 1, NULL}) : -1;
	if (row >= 0)
		jx_batch_reject(st->b, (size_t)row, (jx_loc){st->file, line, col, NULL}, "%s", why);
	return row;
}

/* The department a row belongs to: read before (wide file), or new; -1
 * when out of memory, -2 when the row was counted as a rejected one. */
static long department(long_state *st, const jx_table_row *row, int line)
{
	const jx_table_cell *id = &row->cell[JX_COL_DEPT_ID];
	const char *dept_id = copy_trimmed(st, id); /* as the wide CSV's ids are read */
	if (!dept_id)
		return -1;
	if (!*dept_id)
		return unnamed_department(st, line, 1, "the row has no dept_id") < 0 ? -1 : -2;
	jx_loc loc = {st->file, line, 1, NULL};
	long found = jx_strmap_get(&st->b->id_map, dept_id, strlen(dept_id));
	if (found < 0) {
		const char *name = copy_trimmed(st, &row->cell[JX_COL_DEPT_NAME]);
		found = name ? jx_batch_push_row(st->b, dept_id, name, loc) : -1;
	}
	if (found >= 0 && !jx_batch_claim_table(st->b, (size_t)found, loc))
		return -2; /* its table came from another file: rejected */
	return found;
}

static int read_rows(long_state *st, jx_csv_reader *rd)
{
	for (;;) {
		size_t n = 0;
		jx_csv_error err = {0};
		int line = rd->line;
		jx_csv_status s = jx_csv_next(rd, st->fields, MAX_LONG_COLUMNS, &n, st->scratch,
		                              st->scratch_size, &err);
		if (s == JX_CSV_END)
			return JX_OK;
		if (s == JX_CSV_ERROR) {
			if (unnamed_department(st, err.line, err.col, err.message) < 0)
				return JX_ENOMEM;
			continue;
		}
		if (n && st->fields[0].line > 0)
			line = st->fields[0].line;
		jx_table_row row = {.loc = {st->file, line, 1, NULL}};
		for (int c = 0; c < JX_COL_COUNT; c++)
			row.cell[c] = cell_of(st, c, n);
		long dept = department(st, &row, line);
		if (dept == -1)
			return JX_ENOMEM;
		if (dept < 0)
			continue;
		if (n != st->ncols && !st->b->rows[dept].reject_reason)
			jx_batch_reject(st->b, (size_t)dept, row.loc,
			                "the row has %zu fields, the header %zu", n, st->ncols);
		jx_table_declare(st->b, (size_t)dept, &row);
	}
}

int jx_batch_read_long_csv(jx_batch *b, const char *file, const char *data, size_t len,
                           jx_diagnostics *diags)
{
	long_state st = {b, file, diags, {0}, 0, {{0}}, NULL, len + 1};
	st.scratch = malloc(st.scratch_size);
	if (!st.scratch)
		return JX_ENOMEM;
	jx_csv_reader rd;
	jx_csv_init(&rd, data, len);
	int rc = read_header(&st, &rd);
	if (rc == JX_OK)
		rc = read_rows(&st, &rd);
	free(st.scratch);
	return rc;
}
