/*
 * workbook_impl.h - what the workbook layer's files share behind workbook.h:
 * the limits, the workbook handle, the sheet builder both readers fill, the
 * number and date texts, and the two readers' entry points.
 *
 * Every limit is here, once (docs/fuzzing.md, "Workbooks", lists them): a
 * hostile workbook costs at most these, and passing one is a clear error.
 * A workbook carries its own copy of the limits so the unit tests can lower
 * them (jx_workbook_set_limits) without files of hundreds of megabytes.
 */
#ifndef JX_WORKBOOK_IMPL_H
#define JX_WORKBOOK_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/arena.h"
#include "workbook.h"

/* ---- limits --------------------------------------------------------------- */

#define JX_WB_MAX_SHEET_XML ((uint64_t)256 << 20) /* inflated bytes of one worksheet part */
#define JX_WB_MAX_SST_XML   ((uint64_t)256 << 20) /* inflated bytes of sharedStrings.xml */
#define JX_WB_MAX_PART_XML  ((uint64_t)64 << 20)  /* workbook.xml, styles.xml, .rels */
#define JX_WB_MAX_RATIO     1000u                 /* inflated : compressed, per part ... */
#define JX_WB_RATIO_FROM    ((uint64_t)1 << 20)   /* ... checked once 1 MiB is inflated */
#define JX_WB_MAX_SST_BYTES ((size_t)64 << 20)    /* text of all shared strings */
#define JX_WB_MAX_SST_COUNT ((size_t)4000000)     /* shared strings */
#define JX_WB_MAX_STRING    ((size_t)1 << 20)     /* bytes of one string or value */
#define JX_WB_MAX_CELLS     ((size_t)2000000)     /* cells of one sheet, merge copies included */
#define JX_WB_MAX_MERGES    ((size_t)1000000)     /* merged ranges of one sheet */
#define JX_WB_MAX_STYLES    ((size_t)1000000)     /* cell formats (cellXfs) and numFmts */
#define JX_WB_MAX_SHEETS    ((size_t)10000)       /* sheets of one workbook */
#define JX_WB_MAX_XML_DEPTH 64                    /* element nesting in any XML part */
#define JX_WB_MAX_XLS_BYTES ((size_t)64 << 20)    /* an .xls file (FreeXL reads it whole) */

/* The grid: Excel's last row and column (1048576, XFD). */
#define JX_WB_MAX_ROW 1048576u
#define JX_WB_MAX_COL 16384u

typedef struct {
	uint64_t sheet_xml, sst_xml, part_xml;
	uint64_t ratio, ratio_from;
	size_t sst_bytes, sst_count, string_bytes;
	size_t cells, merges, styles, sheets, xls_bytes;
} jx_wb_limits;

/* The limits above, as a jx_wb_limits. */
void jx_wb_limits_default(jx_wb_limits *lim);

/* Replaces a workbook's limits; for tests, right after jx_workbook_open
 * (the shared strings and styles are read when the first sheet is). */
void jx_workbook_set_limits(jx_workbook *wb, const jx_wb_limits *lim);

/* ---- the handle ------------------------------------------------------------ */

typedef struct jx_xlsx jx_xlsx;
typedef struct jx_xls jx_xls;

struct jx_workbook {
	jx_workbook_kind kind;
	const char *file; /* for messages; in arena */
	jx_wb_limits limits;
	jx_arena *arena; /* file, sheet names */
	const char **names;
	unsigned char *hidden; /* per sheet: 1 when the workbook hides it */
	size_t n_sheets, cap_sheets, cap_hidden;
	jx_xlsx *xlsx;
	jx_xls *xls;
	int quiet; /* 1: a sheet read again (the tables counted first) adds no notes */
};

/* Adds the next sheet's name (copied), hidden or not. JX_OK, JX_ENOMEM, or
 * JX_EDATA past the sheet limit (reported). */
int jx_wb_add_sheet_name(jx_workbook *wb, const char *name, size_t len, int hidden,
                         jx_diagnostics *diags);

/* Adds "file: sheet 'name': <message>" (or "file: <message>" when sheet is
 * NULL) to diags. */
void jx_wb_error(const jx_workbook *wb, jx_diagnostics *diags, const char *sheet, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/* ---- the sheet builder ------------------------------------------------------ */

typedef struct wb_chunk wb_chunk;

/* Collects one sheet's cells and merges in any order; jx_sb_finish sorts
 * them, applies the merges and hands the storage to a jx_sheet. Errors are
 * reported through wb as "file: sheet 'name': ...". */
typedef struct {
	const jx_workbook *wb;
	const char *sheet; /* the sheet's name, for messages */
	jx_diagnostics *diags;
	struct {
		jx_cell *items;
		size_t n, cap;
	} cells;
	struct {
		jx_merge *items;
		size_t n, cap;
	} merges;
	wb_chunk *text; /* the cells' text */
} jx_sheet_build;

void jx_sb_init(jx_sheet_build *b, const jx_workbook *wb, const char *sheet, jx_diagnostics *diags);
/* A copy of s[0..len) and a NUL in the sheet's storage; NULL when out of
 * memory (reported). */
const char *jx_sb_copy(jx_sheet_build *b, const char *s, size_t len);
/* Adds a cell whose text is already in the sheet's storage (jx_sb_copy) or
 * a static string. JX_OK, JX_ENOMEM, or JX_EDATA past the cell limit. */
int jx_sb_add(jx_sheet_build *b, uint32_t row, uint32_t col, jx_cell_kind kind, double number,
              const char *text, size_t len);
/* Adds a cell holding text (copied, checked as UTF-8). */
int jx_sb_add_text(jx_sheet_build *b, uint32_t row, uint32_t col, jx_cell_kind kind,
                   const char *text, size_t len);
/* Adds a numeric cell shown as `kind` says (NUMBER, PERCENT, DATE: a date
 * outside 1900..9999 is shown as a NUMBER; BOOL). `written` (may be NULL)
 * is the text the number was read from, which mostly spares printf
 * (jx_wb_format_written). */
int jx_sb_add_number(jx_sheet_build *b, uint32_t row, uint32_t col, jx_cell_kind kind,
                     double number, int date1904, const char *written, size_t written_len);
int jx_sb_add_merge(jx_sheet_build *b, jx_merge m);
/* Builds the sheet (name copied): JX_OK with *out set, or an error; either
 * way the builder is emptied. */
int jx_sb_finish(jx_sheet_build *b, const char *name, jx_sheet **out);
void jx_sb_discard(jx_sheet_build *b);

/* ---- texts ------------------------------------------------------------------ */

/* Room for any text below (a number, a percent, a date). */
#define JX_WB_NUMBER_TEXT 48

/* Significant digits a number is shown with: what Excel, WPS and
 * LibreOffice keep and show (digits past them are binary noise). */
#define JX_WB_DIGITS 15

/* x as a spreadsheet shows it: rounded to 15 significant digits, trailing
 * zeros dropped, positional for 1e-10 <= |x| < 1e15 ("5700", "0.95",
 * "0.3" for 0.1 + 0.2, "1e+15"); -0 is "0". Returns the length. */
size_t jx_wb_format_number(char *buf, double x);
/* What jx_wb_format_number (shift 0) or the number part of
 * jx_wb_format_percent (shift 2) writes for x, found from `written`, the
 * text x was read from (strtod), when that is a plain decimal: mostly
 * without printf. 0 when it is not one (then format x). */
size_t jx_wb_format_written(char *buf, const char *written, size_t len, double x, int shift);
/* x as a percent: its 15 significant digits with the point moved two
 * places, and "%" ("95%" for 0.95, "72.74%" for 0.7274). */
size_t jx_wb_format_percent(char *buf, double x);
/* x as a NUMBER (percent 0) or PERCENT (1) cell shows it, from `written`
 * when it is a plain decimal (jx_wb_format_written), else from x. */
size_t jx_wb_number_text(char *buf, int percent, double x, const char *written, size_t written_len);
/* A date serial as "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" with a time of day,
 * or "HH:MM:SS" below one day. 0 when not a date from 1900 to 9999. */
size_t jx_wb_format_serial(char *buf, double serial, int date1904);
/* "YYYY-MM-DD", with " HH:MM:SS" or "THH:MM:SS[.fff][Z]" after it, or
 * "HH:MM:SS" alone, as a serial; 0 on success, -1 when not such a text. */
int jx_wb_parse_datetime(const char *s, size_t len, int date1904, double *serial);

/* "B3" -> (2, 1). 0, or -1 not a reference, -2 row 0 or past 1048576, -3
 * column past XFD. */
int jx_wb_parse_ref(const char *s, size_t len, uint32_t *row, uint32_t *col);

/* ---- the readers -------------------------------------------------------------- */

int jx_xlsx_open(jx_workbook *wb, const void *data, size_t len, jx_diagnostics *diags);
int jx_xlsx_read_sheet(jx_workbook *wb, size_t i, jx_sheet_build *b, jx_diagnostics *diags);
void jx_xlsx_close(jx_xlsx *x);

int jx_xls_open(jx_workbook *wb, const char *path, const void *data, size_t len,
                jx_diagnostics *diags);
int jx_xls_read_sheet(jx_workbook *wb, size_t i, jx_sheet_build *b, jx_diagnostics *diags);
void jx_xls_close(jx_xls *x);

#endif
