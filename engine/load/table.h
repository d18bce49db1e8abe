/*
 * table.h - one row of a department's own 自评表, however it reached us: a
 * long CSV record (batch_long.c) or a workbook row (sheet_table.c). Both
 * readers find the columns by their headings (jx_table_heading) and hand
 * each row's cells, with their places, to jx_table_declare(), which applies
 * the rules of tables as people write them (docs/data.md, "Indicator
 * tables"): first-level paths, operators in a column of their own, units
 * and measure words, words that repeat the target, a word where a number
 * is due, the department's own 得分.
 */
#ifndef JX_TABLE_H
#define JX_TABLE_H

#include "load.h"

/* The columns an indicator table may have. */
typedef enum {
	JX_COL_INDICATOR = 0,  /* 三级指标 */
	JX_COL_PATH,           /* 产出指标/数量指标 */
	JX_COL_LEVEL1,         /* 一级指标 */
	JX_COL_LEVEL2,         /* 二级指标 */
	JX_COL_WEIGHT,         /* 分值 */
	JX_COL_TARGET,         /* 年度指标值 */
	JX_COL_OPERATOR,       /* 计算符号 / 指标性质: ≥ ≤ = 正向 反向 定性 */
	JX_COL_UNIT,           /* 计量单位 */
	JX_COL_ACTUAL,         /* 实际完成值 */
	JX_COL_NOTE,           /* 偏差原因 */
	JX_COL_CLAIMED,        /* 得分, as the department wrote it */
	JX_COL_BUDGET_INITIAL, /* the fund block's 年初预算数 -> budget.initial */
	JX_COL_BUDGET_TOTAL,   /* 全年预算数 -> budget.total */
	JX_COL_SPEND_TOTAL,    /* 全年执行数 -> spend.total */
	JX_COL_DEPT_ID,        /* long CSV only: dept_id / 单位编码 */
	JX_COL_DEPT_NAME,      /* long CSV only: dept_name / 单位名称 */
	JX_COL_COUNT
} jx_table_col;

/* The column a heading names ("三级指标", "年度指标值", "target", ...), or -1.
 * Spaces, line breaks and a trailing unit note ("分值（分）") are ignored. */
int jx_table_heading(const char *text, size_t len);
/* The heading's canonical (English) name, for messages and `jixiao read`. */
const char *jx_table_col_name(jx_table_col col);

/* A cell as written and where it is. */
typedef struct {
	const char *text; /* need not be NUL-terminated; NULL or len 0: empty */
	size_t len;
	jx_loc loc; /* where the cell starts */
	int exact;  /* 1: a byte offset inside the text moves the column (an
	             * unquoted CSV field); 0: errors point at the cell */
} jx_table_cell;

typedef struct jx_table_row {
	jx_table_cell cell[JX_COL_COUNT];
	jx_loc loc; /* the row */
} jx_table_row;

/* What a row is, before it is declared. */
typedef enum {
	JX_ROW_BLANK = 0, /* nothing but blanks, dashes or dots: skipped */
	JX_ROW_TOTAL,     /* 总分 / 合计: the department's claimed total */
	JX_ROW_BREAKDOWN, /* no 分值: a breakdown (其中…) or a heading row, not scored */
	JX_ROW_INDICATOR  /* an indicator */
} jx_row_kind;

jx_row_kind jx_table_row_kind(const jx_table_row *row);
/* Whether the cell names the table's total row (总分, 合计, 自评总分 …). */
int jx_table_total_name(const jx_table_cell *c);

/* Declares row into department dept of b: a row named like a defined
 * indicator (预算执行率) gives that indicator's actual, target, note and
 * claimed score; 总分 gives the claimed total; any other row becomes a
 * declared row (rule set's `declared:`). A problem rejects the department
 * with the cell's place; nothing is dropped. */
void jx_table_declare(jx_batch *b, size_t dept, const jx_table_row *row);

/* A reviewer's corrected figure (docs/review.md) for declared row
 * `declared` (or defined indicator `indicator` when >= 0), read as the
 * row's own actual is; -1 when the department was rejected for it. */
int jx_table_reviewed_actual(jx_batch *b, size_t dept, const jx_table_cell *c, long declared,
                             long indicator, jx_val *actual, jx_level_word *level);

/* Reads a number as a table writes it ("10", "10分", "9.5", "１０"); 0, or
 * -1 when the cell is not one. */
int jx_table_number(double *out, const char *text, size_t len);

#endif
