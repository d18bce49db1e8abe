/*
 * workbook.h - spreadsheets as departments hand them in: .xlsx (Excel, WPS,
 * LibreOffice; a zip of XML parts, read with libzip and expat) and legacy
 * .xls (BIFF, read with FreeXL). The format is known by the file's first
 * bytes, never by its name.
 *
 * A workbook is opened once; its sheets are then read one at a time into a
 * jx_sheet grid (only that sheet's cells are in memory), so a workbook of
 * hundreds of departments' tables is read in the memory of its largest sheet.
 * Limits (docs/fuzzing.md) bound what hostile files cost: the bytes inflated
 * from any zip member, the shared strings, the cells of a sheet; passing one
 * is a clear error naming the file and the part, never a crash.
 *
 * The table reader (load/sheet_table.c) finds the 自评表 in a grid; this
 * layer knows nothing of 自评表.
 */
#ifndef JX_WORKBOOK_H
#define JX_WORKBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/diag.h"

typedef enum {
	JX_WORKBOOK_NONE = 0, /* not a workbook (text: CSV, YAML, JSON) */
	JX_WORKBOOK_XLSX = 1, /* a zip container ("PK\3\4") */
	JX_WORKBOOK_XLS = 2   /* an OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1) */
} jx_workbook_kind;

/* What the first bytes of a file say it is. */
jx_workbook_kind jx_workbook_sniff(const unsigned char *data, size_t len);

/* How a numeric cell is shown (from the cell's number format when the file
 * says; xls through FreeXL only tells dates apart). */
typedef enum {
	JX_CELL_TEXT = 0,    /* a string cell (shared, inline, or a formula's string) */
	JX_CELL_NUMBER = 1,  /* a number in a general or plain numeric format */
	JX_CELL_PERCENT = 2, /* a number in a percent format: `text` is "95%" for 0.95 */
	JX_CELL_DATE = 3,    /* a date / time: `text` is "2024-12-31" (or with " HH:MM:SS"),
	                      * "2024年6月" in an .xlsx format showing the month only */
	JX_CELL_BOOL = 4,    /* TRUE / FALSE: `text` is "TRUE" or "FALSE" */
	JX_CELL_ERROR = 5    /* #DIV/0!, #N/A ...: `text` is the error as shown */
} jx_cell_kind;

typedef struct {
	uint32_t row, col; /* 0-based; A1 is (0, 0) */
	jx_cell_kind kind;
	double number;      /* the stored number for NUMBER / PERCENT / DATE (serial) / BOOL */
	const char *text;   /* NUL-terminated UTF-8, owned by the sheet; what the cell
	                     * shows: a string as stored; a number to 15 significant
	                     * digits, as spreadsheets show it (no exponent below 1e15,
	                     * "5700", "0.95", "35.23", "0.3" for 0.1 + 0.2); a percent
	                     * as its number x 100 printed the same way plus "%" ("95%",
	                     * "72.74%"); in an .xlsx, with the operator and the unit
	                     * its number format writes around it ("≤15天" for 15 in
	                     * "≤"0"天") */
	uint32_t len;       /* bytes of text */
	uint8_t from_merge; /* 1: the cell lies inside a merged range and holds a copy
	                     * of the range's top-left value */
} jx_cell;

typedef struct {
	uint32_t first_row, first_col, last_row, last_col; /* inclusive, 0-based */
} jx_merge;

typedef struct jx_sheet {
	const char *name; /* as the workbook names it (UTF-8) */
	jx_cell *cells;   /* non-empty cells, sorted by row then column */
	size_t n_cells;
	uint32_t n_rows;  /* 1 + the largest row holding a cell; 0 when empty */
	uint32_t n_cols;  /* 1 + the largest column holding a cell */
	jx_merge *merges; /* as the sheet declares them */
	size_t n_merges;
	void *owner; /* the sheet's own storage (implementation detail) */
} jx_sheet;

typedef struct jx_workbook jx_workbook;

/* Opens a workbook. `file` names it in messages; `data`/`len` are its bytes
 * (the caller keeps them alive until jx_workbook_close). `path`, when not
 * NULL, is where the same bytes can be read from disk (FreeXL opens .xls by
 * path; without one the bytes go to a private temporary file). On failure
 * returns JX_EDATA (not a workbook, damaged, over a limit), JX_ENOMEM or
 * JX_EIO, with the reason added to diags as "file: ..." errors. */
int jx_workbook_open(jx_workbook **out, const char *file, const char *path, const void *data,
                     size_t len, jx_diagnostics *diags);
void jx_workbook_close(jx_workbook *wb);

jx_workbook_kind jx_workbook_kind_of(const jx_workbook *wb);
size_t jx_workbook_sheet_count(const jx_workbook *wb);
/* The i-th sheet's name, in the workbook's order (owned by wb). */
const char *jx_workbook_sheet_name(const jx_workbook *wb, size_t i);

/* 1 when the workbook hides sheet i (an .xlsx sheet with state="hidden"
 * or "veryHidden"); an .xls never says (FreeXL does not tell), so 0. */
int jx_workbook_sheet_hidden(const jx_workbook *wb, size_t i);

/* Reads sheet i into *out (owned by the caller: jx_sheet_free). Every cell
 * of a merged range holds the top-left cell's value (from_merge set on the
 * copies). Errors as jx_workbook_open, located "file: sheet 'name': ...". */
int jx_workbook_read_sheet(jx_sheet **out, jx_workbook *wb, size_t i, jx_diagnostics *diags);
void jx_sheet_free(jx_sheet *sheet);

/* The cell at (row, col), or NULL when it is empty (binary search). */
const jx_cell *jx_sheet_cell(const jx_sheet *sheet, uint32_t row, uint32_t col);

/* "H13" for (12, 7): the column letters and the 1-based row, into buf. */
void jx_cell_ref(char *buf, size_t size, uint32_t row, uint32_t col);

#endif
