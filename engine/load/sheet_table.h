/*
 * sheet_table.h - a 自评表 found in a workbook's sheet (docs/data.md,
 * "Workbooks"): the header row under the title rows, its columns, the
 * header block (项目名称, 主管部门, 实施单位, codes), the fund block (年初预算数 /
 * 全年预算数 / 全年执行数 of 年度资金总额, its 分值 and 得分, in the unit its
 * heading states) and the indicator rows, each as a jx_table_row of cells
 * with their places (file.xlsx:sheet!H13).
 *
 * Nothing here knows a rule set: scoring declares the rows into a batch
 * (batch_workbook.c), `jixiao read` prints them (api/read_api.c).
 */
#ifndef JX_SHEET_TABLE_H
#define JX_SHEET_TABLE_H

#include "table.h"
#include "workbook/workbook.h"

/* The fund block's figures: the cells as the sheet shows them. */
typedef enum {
	JX_FUND_INITIAL = 0, /* 年初预算数 -> budget.initial */
	JX_FUND_TOTAL,       /* 全年预算数 -> budget.total */
	JX_FUND_SPEND,       /* 全年执行数 -> spend.total */
	JX_FUND_WEIGHT,      /* 分值 of 预算执行率 */
	JX_FUND_RATE,        /* 执行率 as printed */
	JX_FUND_CLAIMED,     /* 得分 of 预算执行率, as the department wrote it */
	JX_FUND_COUNT
} jx_fund_col;

/* The header block's fields. */
typedef enum {
	JX_INFO_PROJECT = 0, /* 项目名称 */
	JX_INFO_AUTHORITY,   /* 主管部门 */
	JX_INFO_UNIT,        /* 实施单位 (单位名称) */
	JX_INFO_CODE,        /* 项目代码 / 项目编码 / 单位编码 */
	JX_INFO_COUNT
} jx_info_field;

typedef struct jx_sheet_table {
	const char *sheet;                 /* the sheet's name */
	size_t sheet_index;                /* 0-based, in the workbook's order */
	size_t in_sheet;                   /* 0-based: the sheet's first table, second ... */
	uint32_t top_row;                  /* 0-based: where its title rows start (the row
	                                    * after the table above it in the sheet) */
	uint32_t header_row;               /* 0-based row of the indicator header */
	uint32_t end_row;                  /* 0-based: the row after its last one */
	int col[JX_COL_COUNT];             /* grid column of each heading, -1 when absent */
	const char *heading[JX_COL_COUNT]; /* the heading as written */
	jx_table_cell info[JX_INFO_COUNT]; /* text empty when not found */
	jx_table_cell fund[JX_FUND_COUNT]; /* the 年度资金总额 row's cells */
	const char *fund_unit;             /* "万元" or "元": the fund heading's unit */
	int has_fund;
	jx_table_row *rows; /* the indicator rows, blank ones included */
	char *shares;       /* the texts of points shared by merged rows (owned) */
	size_t n_rows;
} jx_sheet_table;

/* Called for each table found, in sheet order; tables = how many the
 * workbook holds (known before the first call). A nonzero return stops. */
typedef int (*jx_sheet_table_fn)(void *ctx, const jx_sheet_table *t, size_t tables);

/* Opens the workbook in data/len (see jx_workbook_open), finds the 自评表
 * of each visible sheet (several in one sheet when each ends at its 总分
 * row or a note and the next header follows) and calls fn for each. A
 * sheet with none, and a hidden sheet, is skipped with a note; a workbook
 * with none is an error naming what was looked for (JX_EDATA). The cells'
 * texts live until fn returns; the sheet names (which the cells' places
 * point at) are copied into `keep`, and `file` must outlive what keeps the
 * places. */
int jx_sheet_tables(const char *file, const char *path, const void *data, size_t len,
                    jx_arena *keep, jx_sheet_table_fn fn, void *ctx, jx_diagnostics *diags);

/* The department a table is: its code cell, else the file name without
 * folders and extension, with "/sheet" when the workbook holds several
 * tables (and "/sheet/2", "/sheet/3" for the second and third table of one
 * sheet); and its name, 实施单位 (or 主管部门) and 项目名称. In arena. */
const char *jx_sheet_table_id(jx_arena *arena, const char *file, const jx_sheet_table *t,
                              size_t tables);
const char *jx_sheet_table_name(jx_arena *arena, const jx_sheet_table *t);
/* A cell's text trimmed, copied into arena. */
const char *jx_table_text(jx_arena *arena, const jx_table_cell *c);

#endif
