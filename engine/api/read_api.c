/*
 * read_api.c - `jixiao read` (jx_tables_read): what was read from
 * departments' 自评表, without a rule set (docs/data.md, "jixiao read").
 *
 * CSV: the long CSV the score command reads, one row per indicator row,
 * so a workbook converts to a file that scores the same:
 *
 *   dept_id,dept_name,indicator,path,weight,target,operator,unit,actual,note,claimed,
 *   budget.initial,budget.total,spend.total
 *
 * A workbook table's fund block comes first as a 预算执行率 row carrying
 * the block's figures in the budget columns (with the block's unit) and
 * its 得分; its 总分 row last. Cells are written as the table shows them.
 *
 * JSON: per table the file, the sheet, the header row found, the column
 * each heading was found in, the header and fund blocks, and the rows with
 * what each was taken for (indicator, total, breakdown, blank) - how a
 * template problem is found.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/c_locale.h"
#include "../common/escape.h"
#include "../load/load.h"
#include "../load/sheet_table.h"

static const jx_table_col csv_cols[] = {JX_COL_INDICATOR, JX_COL_PATH,     JX_COL_WEIGHT,
                                        JX_COL_TARGET,    JX_COL_OPERATOR, JX_COL_UNIT,
                                        JX_COL_ACTUAL,    JX_COL_NOTE,     JX_COL_CLAIMED};

typedef struct {
	jx_buf *out;
	jx_format format;
	jx_arena *arena;
	int tables; /* written so far (JSON commas) */
	/* the long CSV file being read now: one JSON table per file */
	const char *csv_file;
} read_ctx;

/* A cell's text on one line (line breaks in a heading or name become spaces). */
static const char *one_line(read_ctx *rc, const jx_table_cell *c)
{
	char *s = (char *)jx_table_text(rc->arena, c);
	for (char *p = s; p && *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return s ? s : "";
}

static void csv_text(read_ctx *rc, const char *s)
{
	jx_buf_putc(rc->out, ',');
	jx_csv_cell(rc->out, s, strlen(s));
}

/* The path as the reader will see it: the path cell, else 一级/二级. */
static const char *row_path(read_ctx *rc, const jx_table_row *row)
{
	const char *path = one_line(rc, &row->cell[JX_COL_PATH]);
	if (*path)
		return path;
	const char *l1 = one_line(rc, &row->cell[JX_COL_LEVEL1]);
	const char *l2 = one_line(rc, &row->cell[JX_COL_LEVEL2]);
	return *l2 ? jx_arena_printf(rc->arena, "%s/%s", l1, l2) : l1;
}

static void csv_row(read_ctx *rc, const char *id, const char *name, const jx_table_row *row,
                    const char *fund[3])
{
	jx_csv_cell(rc->out, id, strlen(id));
	csv_text(rc, name);
	for (size_t k = 0; k < sizeof(csv_cols) / sizeof(csv_cols[0]); k++)
		csv_text(rc, csv_cols[k] == JX_COL_PATH ? row_path(rc, row)
		                                        : one_line(rc, &row->cell[csv_cols[k]]));
	static const jx_table_col fund_cols[3] = {JX_COL_BUDGET_INITIAL, JX_COL_BUDGET_TOTAL,
	                                          JX_COL_SPEND_TOTAL};
	for (int k = 0; k < 3; k++)
		csv_text(rc, fund ? fund[k] : one_line(rc, &row->cell[fund_cols[k]]));
	jx_buf_putc(rc->out, '\n');
}

static void csv_header(jx_buf *out)
{
	jx_buf_puts(out, "dept_id,dept_name,indicator,path,weight,target,operator,unit,actual,"
	                 "note,claimed,budget.initial,budget.total,spend.total\n");
}

/* The fund block as the 预算执行率 row. */
static void csv_fund_row(read_ctx *rc, const char *id, const char *name, const jx_sheet_table *t)
{
	static const jx_fund_col figures[3] = {JX_FUND_INITIAL, JX_FUND_TOTAL, JX_FUND_SPEND};
	const char *fund[3];
	for (int k = 0; k < 3; k++) {
		const char *v = one_line(rc, &t->fund[figures[k]]);
		double x;
		fund[k] = *v && jx_table_number(&x, v, strlen(v)) == 0
		              ? jx_arena_printf(rc->arena, "%s%s", v, t->fund_unit)
		              : v;
	}
	jx_table_row row = {0};
	row.cell[JX_COL_INDICATOR] = (jx_table_cell){"预算执行率", strlen("预算执行率"), {0}, 0};
	row.cell[JX_COL_PATH] = row.cell[JX_COL_INDICATOR];
	row.cell[JX_COL_WEIGHT] = t->fund[JX_FUND_WEIGHT];
	row.cell[JX_COL_TARGET] = (jx_table_cell){"≥100%", strlen("≥100%"), {0}, 0};
	row.cell[JX_COL_CLAIMED] = t->fund[JX_FUND_CLAIMED];
	csv_row(rc, id, name, &row, fund);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static void json_key(jx_buf *out, const char *key)
{
	jx_json_string(out, key, strlen(key));
	jx_buf_putc(out, ':');
}

static void json_text(read_ctx *rc, const char *key, const char *s, int comma)
{
	if (comma)
		jx_buf_putc(rc->out, ',');
	json_key(rc->out, key);
	jx_json_string(rc->out, s, strlen(s));
}

static void column_letters(char *buf, int col)
{
	char ref[16];
	jx_cell_ref(ref, sizeof(ref), 0, (uint32_t)col);
	size_t n = strcspn(ref, "0123456789");
	memcpy(buf, ref, n);
	buf[n] = '\0';
}

static const char *kind_name(jx_row_kind k)
{
	return k == JX_ROW_TOTAL       ? "total"
	       : k == JX_ROW_BREAKDOWN ? "breakdown"
	       : k == JX_ROW_INDICATOR ? "indicator"
	                               : "blank";
}

static void json_row(read_ctx *rc, const jx_table_row *row, int first)
{
	jx_buf_puts(rc->out, first ? "\n      {" : ",\n      {");
	json_key(rc->out, "row");
	jx_json_number(rc->out, row->loc.line);
	json_text(rc, "kind", kind_name(jx_table_row_kind(row)), 1);
	for (int c = 0; c < JX_COL_COUNT; c++)
		if (row->cell[c].text && row->cell[c].len)
			json_text(rc, jx_table_col_name((jx_table_col)c),
			          one_line(rc, &row->cell[c]), 1);
	jx_buf_putc(rc->out, '}');
}

static void json_table_open(read_ctx *rc, const char *file, const char *sheet)
{
	jx_buf_puts(rc->out, rc->tables++ ? ",\n  {" : "\n  {");
	json_text(rc, "file", file, 0);
	if (sheet)
		json_text(rc, "sheet", sheet, 1);
}

static void json_sheet_table(read_ctx *rc, const jx_sheet_table *t, const char *id,
                             const char *name)
{
	static const char *const info_keys[JX_INFO_COUNT] = {"project", "authority", "unit",
	                                                     "code"};
	static const char *const fund_keys[JX_FUND_COUNT] = {
	    "budget.initial", "budget.total", "spend.total", "weight", "rate", "claimed"};
	json_text(rc, "dept_id", id, 1);
	json_text(rc, "dept_name", name, 1);
	jx_buf_putc(rc->out, ',');
	json_key(rc->out, "header_row");
	jx_json_number(rc->out, (double)t->header_row + 1);
	jx_buf_puts(rc->out, ",\n    \"columns\":{");
	int n = 0;
	for (int c = 0; c < JX_COL_COUNT; c++) {
		if (t->col[c] < 0)
			continue;
		char letters[8];
		column_letters(letters, t->col[c]);
		json_text(rc, jx_table_col_name((jx_table_col)c), letters, n++ > 0);
	}
	jx_buf_puts(rc->out, "},\n    \"header_block\":{");
	n = 0;
	for (int f = 0; f < JX_INFO_COUNT; f++)
		if (t->info[f].text && t->info[f].len)
			json_text(rc, info_keys[f], one_line(rc, &t->info[f]), n++ > 0);
	jx_buf_puts(rc->out, "},\n    \"fund_block\":");
	if (!t->has_fund) {
		jx_buf_puts(rc->out, "null");
	} else {
		jx_buf_putc(rc->out, '{');
		json_text(rc, "unit", t->fund_unit, 0);
		for (int f = 0; f < JX_FUND_COUNT; f++)
			if (t->fund[f].text && t->fund[f].len)
				json_text(rc, fund_keys[f], one_line(rc, &t->fund[f]), 1);
		jx_buf_putc(rc->out, '}');
	}
	jx_buf_puts(rc->out, ",\n    \"rows\":[");
	for (size_t k = 0; k < t->n_rows; k++)
		json_row(rc, &t->rows[k], k == 0);
	jx_buf_puts(rc->out, "]}");
}

/* ---- the visitor ------------------------------------------------------------------------ */

static int on_sheet_table(void *ctx, const jx_sheet_table *t, size_t tables)
{
	read_ctx *rc = ctx;
	const char *file = t->rows && t->n_rows ? t->rows[0].loc.file : NULL;
	if (!file)
		file = t->info[0].loc.file;
	const char *id = jx_sheet_table_id(rc->arena, file, t, tables);
	const char *name = jx_sheet_table_name(rc->arena, t);
	if (!id || !name)
		return -1;
	rc->csv_file = NULL;
	if (rc->format == JX_FORMAT_JSON) {
		json_table_open(rc, file, t->sheet);
		json_sheet_table(rc, t, id, name);
	} else {
		if (t->has_fund)
			csv_fund_row(rc, id, name, t);
		for (size_t k = 0; k < t->n_rows; k++) {
			jx_row_kind kind = jx_table_row_kind(&t->rows[k]);
			if (kind == JX_ROW_INDICATOR || kind == JX_ROW_TOTAL)
				csv_row(rc, id, name, &t->rows[k], NULL);
		}
	}
	jx_buf_checkpoint(rc->out);
	return rc->out->failed ? -1 : 0;
}

static int on_csv_row(void *ctx, const jx_table_row *row)
{
	read_ctx *rc = ctx;
	if (rc->format == JX_FORMAT_JSON) {
		int first = !rc->csv_file || strcmp(rc->csv_file, row->loc.file) != 0;
		if (first) {
			if (rc->csv_file)
				jx_buf_puts(rc->out, "]}");
			json_table_open(rc, row->loc.file, NULL);
			jx_buf_puts(rc->out, ",\n    \"rows\":[");
			rc->csv_file = row->loc.file;
		}
		json_row(rc, row, first);
	} else if (jx_table_row_kind(row) != JX_ROW_BLANK) {
		csv_row(rc, one_line(rc, &row->cell[JX_COL_DEPT_ID]),
		        one_line(rc, &row->cell[JX_COL_DEPT_NAME]), row, NULL);
	}
	return rc->out->failed ? -1 : 0;
}

int jx_tables_read(char **out, size_t *out_len, const char *const *paths, size_t n_paths,
                   jx_format format, const jx_read_options *opts, jx_diagnostics *diags)
{
	if (!out || (!paths && n_paths) || (format != JX_FORMAT_CSV && format != JX_FORMAT_JSON))
		return JX_EINVAL;
	*out = NULL;
	jx_buf buf = {0};
	read_ctx rc = {&buf, format, jx_arena_new(), 0, NULL};
	if (!rc.arena)
		return JX_ENOMEM;
	if (format == JX_FORMAT_CSV)
		csv_header(&buf);
	else
		jx_buf_puts(&buf, "{\"tables\":[");
	jx_table_visitor v = {on_sheet_table, on_csv_row, &rc};
	int result = JX_OK;
	locale_t previous = jx_locale_enter(); /* numbers with a point (c_locale.h) */
	for (size_t i = 0; i < n_paths; i++) {
		int one = jx_read_tables(paths[i], opts, rc.arena, &v, diags);
		result = result == JX_OK ? one : result;
		if (one == JX_ENOMEM)
			break;
	}
	jx_locale_leave(previous);
	if (format == JX_FORMAT_JSON)
		jx_buf_puts(&buf, rc.csv_file ? "]}\n]}\n" : "\n]}\n");
	jx_arena_free(rc.arena);
	if (buf.failed) {
		jx_buf_free(&buf);
		return JX_ENOMEM;
	}
	*out = buf.data ? buf.data : jx_memdup_nul("", 0);
	if (out_len)
		*out_len = buf.len;
	return result;
}
