/*
 * batch_workbook.c - departments from workbooks (docs/data.md,
 * "Workbooks"): each 自评表 a sheet holds (sheet_table.c) becomes a
 * department of the batch. Its id is the table's code cell, else the file
 * name without its extension (with "/sheet" when the workbook holds
 * several tables); its name is 实施单位 (or 主管部门) and 项目名称. The fund block gives
 * budget.initial, budget.total and spend.total in the heading's unit, and
 * its 得分 the claimed score of the rule set's execution indicator; every
 * indicator row is declared as a long CSV row would be (table.c).
 */
#include <math.h>
#include <string.h>

#include "../common/buf.h"
#include "load.h"
#include "sheet_table.h"

typedef struct {
	jx_batch *b;
	const char *file;
} workbook_ctx;

/* One figure of the fund block into its variable, in the block's unit. */
static void fund_value(jx_batch *b, size_t dept, const jx_sheet_table *t, jx_fund_col f,
                       const char *variable)
{
	const jx_table_cell *c = &t->fund[f];
	long slot = jx_strmap_get(&b->rules->variable_map, variable, strlen(variable));
	const char *text = jx_table_text(b->arena, c);
	if (slot < 0 || !text || !*text)
		return;
	double x;
	const char *cell = text;
	if (jx_table_number(&x, text, strlen(text)) == 0)
		cell = jx_arena_printf(b->arena, "%s%s", text, t->fund_unit);
	const char *err = NULL;
	size_t off = 0;
	if (cell && jx_batch_store_cell(b, dept, slot, cell, strlen(cell), &err, &off) != 0)
		jx_batch_reject(b, dept, c->loc, "%s '%s': %s", variable, text,
		                err ? err : "invalid");
}

static void fund_claim(jx_batch *b, size_t dept, const jx_sheet_table *t)
{
	const jx_rules *r = b->rules;
	const jx_table_cell *c = &t->fund[JX_FUND_CLAIMED];
	const char *text = jx_table_text(b->arena, c);
	if (!r->execution_indicator || !text || !*text)
		return;
	long ind = jx_strmap_get(&r->indicator_map, r->execution_indicator,
	                         strlen(r->execution_indicator));
	double x;
	if (jx_table_number(&x, text, strlen(text)) != 0) {
		jx_batch_reject(b, dept, c->loc, "得分 '%s' is not a number", text);
		return;
	}
	if (ind >= 0 && JX_VEC_PUSH(b->claims, ((jx_claim){dept, (size_t)ind, x})) != 0)
		jx_batch_reject(b, dept, c->loc, "out of memory");
}

/* The department a table is: one read before under the same id (a wide
 * file given as DATA), else a new one. -1 when out of memory. */
static long table_department(workbook_ctx *w, const jx_sheet_table *t, size_t tables)
{
	jx_batch *b = w->b;
	const char *id = jx_sheet_table_id(b->arena, w->file, t, tables);
	const char *name = jx_sheet_table_name(b->arena, t);
	if (!id || !name)
		return -1;
	jx_loc loc = {w->file, (int)t->header_row + 1, 1, t->sheet};
	long found = jx_strmap_get(&b->id_map, id, strlen(id));
	if (found < 0)
		found = jx_batch_push_row(b, id, name, loc);
	if (found >= 0 && !jx_batch_claim_table(b, (size_t)found, loc))
		return -2; /* a second table for it: rejected */
	return found;
}

static int declare_table(void *ctx, const jx_sheet_table *t, size_t tables)
{
	workbook_ctx *w = ctx;
	jx_batch *b = w->b;
	long dept = table_department(w, t, tables);
	if (dept == -2)
		return 0;
	if (dept < 0)
		return -1;
	if (t->col[JX_COL_WEIGHT] < 0)
		jx_batch_reject(b, (size_t)dept,
		                (jx_loc){w->file, (int)t->header_row + 1, 1, t->sheet},
		                "the table has no 分值 (weight) column: its rows cannot be scored");
	if (t->has_fund) {
		fund_value(b, (size_t)dept, t, JX_FUND_INITIAL, "budget.initial");
		fund_value(b, (size_t)dept, t, JX_FUND_TOTAL, "budget.total");
		fund_value(b, (size_t)dept, t, JX_FUND_SPEND, "spend.total");
		fund_claim(b, (size_t)dept, t);
	}
	for (size_t k = 0; k < t->n_rows; k++)
		jx_table_declare(b, (size_t)dept, &t->rows[k]);
	return 0;
}

int jx_batch_read_workbook(jx_batch *b, const char *file, const char *path, const char *data,
                           size_t len, jx_diagnostics *diags)
{
	workbook_ctx w = {b, file};
	return jx_sheet_tables(file, path, data, len, b->arena, declare_table, &w, diags);
}
