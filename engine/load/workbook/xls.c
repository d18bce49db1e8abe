/*
 * xls.c - reading legacy .xls (BIFF5/BIFF8 in an OLE2 compound file) with
 * FreeXL, Debian's libfreexl (docs/design.md §7).
 *
 * FreeXL reads the whole workbook when it is opened: every sheet's cells go
 * into a grid sized by the sheet's DIMENSION record (FreeXL refuses a grid
 * over 256 MB); selecting a sheet then only points at it. It opens a path,
 * so a workbook given as bytes alone is written to a private temporary
 * file (mkstemp in $TMPDIR or /tmp), unlinked as soon as FreeXL has read it.
 *
 * What FreeXL (1.0.6) gives, and so what an .xls sheet holds:
 * - numbers (INT, DOUBLE) as JX_CELL_NUMBER: FreeXL has no number-format
 *   API, so a percent cell is its fraction ("0.95", never "95%");
 * - text (TEXT, SST_TEXT) as UTF-8: BIFF8 strings are UTF-16 whatever the
 *   CODEPAGE record says; BIFF5 strings (Excel 95) are converted from the
 *   CODEPAGE through iconv, CP936 (GBK) included;
 * - DATE / DATETIME / TIME as JX_CELL_DATE, read back from FreeXL's text
 *   into a serial so the text matches the xlsx reader's;
 * - booleans and error cells as the numbers 1 / 0 (FreeXL keeps no more);
 * - no formulas: FreeXL skips FORMULA records, so a formula cell is empty;
 * - no merged ranges: FreeXL has no merge API, so n_merges is 0 and no cell
 *   is from_merge.
 * docs/fuzzing.md ("Workbooks") lists what this costs on hostile files.
 */
#include "workbook_impl.h"

#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/utf8.h"

struct jx_xls {
	const void *handle;
	int date1904;
};

static const char *freexl_reason(int code)
{
	switch (code) {
	case FREEXL_INSUFFICIENT_MEMORY:
		return "out of memory in FreeXL (or a sheet declaring more than FreeXL's "
		       "256 MB of cells)";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "an OLE2 file without a workbook stream: not an .xls (a "
		       "password-protected .xlsx and a .doc are OLE2 files too)";
	case FREEXL_UNSUPPORTED_CHARSET:
	case FREEXL_INVALID_CHARACTER:
		return "text in an encoding FreeXL cannot convert";
	case FREEXL_CRAFTED_FILE:
		return "a damaged or crafted .xls (FreeXL refused it)";
	case FREEXL_FILE_NOT_FOUND:
		return "the file cannot be opened";
	default:
		return "a damaged or truncated .xls";
	}
}

/* Writes the bytes to a new private file; its path into `path`. */
static int write_temporary(char *path, size_t size, const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR");

	if (!dir || !*dir)
		dir = "/tmp";
	if ((size_t)snprintf(path, size, "%s/jixiao-xls-XXXXXX", dir) >= size)
		return -1;
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	const char *p = data;
	size_t left = len;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			unlink(path);
			return -1;
		}
		p += n;
		left -= (size_t)n;
	}
	if (close(fd) != 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

static int open_handle(jx_workbook *wb, const char *path, const void *data, size_t len,
                       jx_diagnostics *diags)
{
	char tmp[4096];
	int code;

	if (!path) {
		if (write_temporary(tmp, sizeof(tmp), data, len) != 0) {
			jx_wb_error(wb, diags, NULL, "cannot write a temporary copy for FreeXL: %s",
			            strerror(errno));
			return JX_EIO;
		}
		code = freexl_open(tmp, &wb->xls->handle);
		unlink(tmp);
	} else {
		code = freexl_open(path, &wb->xls->handle);
	}
	if (code != FREEXL_OK) {
		wb->xls->handle = NULL; /* FreeXL freed it */
		jx_wb_error(wb, diags, NULL, "%s", freexl_reason(code));
		return code == FREEXL_FILE_NOT_FOUND ? JX_EIO : JX_EDATA;
	}
	return JX_OK;
}

static int read_names(jx_workbook *wb, jx_diagnostics *diags)
{
	unsigned int count = 0;

	if (freexl_get_info(wb->xls->handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
		count = 0;
	for (unsigned int i = 0; i < count; i++) {
		const char *name = NULL;
		if (i > 0xFFFF ||
		    freexl_get_worksheet_name(wb->xls->handle, (unsigned short)i, &name) !=
		        FREEXL_OK ||
		    !name || !jx_utf8_valid(name, strlen(name), NULL)) {
			jx_wb_error(wb, diags, NULL, "sheet %u has no readable name", i + 1);
			return JX_EDATA;
		}
		int rc = jx_wb_add_sheet_name(wb, name, strlen(name), 0, diags);
		if (rc != JX_OK)
			return rc;
	}
	return JX_OK;
}

int jx_xls_open(jx_workbook *wb, const char *path, const void *data, size_t len,
                jx_diagnostics *diags)
{
	unsigned int info = 0;
	int rc;

	if (len > wb->limits.xls_bytes) {
		jx_wb_error(wb, diags, NULL, "an .xls larger than %zu MiB",
		            wb->limits.xls_bytes >> 20);
		return JX_EDATA;
	}
	if (!(wb->xls = calloc(1, sizeof(*wb->xls)))) {
		jx_wb_error(wb, diags, NULL, "out of memory");
		return JX_ENOMEM;
	}
	if ((rc = open_handle(wb, path, data, len, diags)) != JX_OK)
		return rc;
	/* FILEPASS: the cells FreeXL read are still encrypted. */
	if (freexl_get_info(wb->xls->handle, FREEXL_BIFF_PASSWORD, &info) != FREEXL_OK ||
	    info != FREEXL_BIFF_PLAIN) {
		jx_wb_error(wb, diags, NULL, "the .xls is password-protected (encrypted)");
		return JX_EDATA;
	}
	if (freexl_get_info(wb->xls->handle, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK)
		wb->xls->date1904 = info == FREEXL_BIFF_DATEMODE_1904;
	return read_names(wb, diags);
}

void jx_xls_close(jx_xls *x)
{
	if (!x)
		return;
	if (x->handle)
		freexl_close(x->handle);
	free(x);
}

/* FreeXL's date text ("2024-12-31", "2024-12-31 14:30:00", "14:30:00") back
 * to a serial, so the cell's text is the one the xlsx reader would give. */
static int add_date(jx_sheet_build *b, uint32_t row, uint32_t col, const char *text, int date1904)
{
	double serial;
	size_t len = strlen(text);

	if (jx_wb_parse_datetime(text, len, date1904, &serial) == 0)
		return jx_sb_add_number(b, row, col, JX_CELL_DATE, serial, date1904, NULL, 0);
	return jx_sb_add_text(b, row, col, JX_CELL_TEXT, text, len);
}

static int add_cell(jx_sheet_build *b, uint32_t row, uint32_t col, const FreeXL_CellValue *v,
                    int date1904)
{
	switch (v->type) {
	case FREEXL_CELL_INT:
		return jx_sb_add_number(b, row, col, JX_CELL_NUMBER, v->value.int_value, 0, NULL,
		                        0);
	case FREEXL_CELL_DOUBLE:
		return jx_sb_add_number(b, row, col, JX_CELL_NUMBER, v->value.double_value, 0, NULL,
		                        0);
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
		if (!v->value.text_value || !*v->value.text_value)
			return JX_OK;
		return jx_sb_add_text(b, row, col, JX_CELL_TEXT, v->value.text_value,
		                      strlen(v->value.text_value));
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (!v->value.text_value)
			return JX_OK;
		return add_date(b, row, col, v->value.text_value, date1904);
	default:
		return JX_OK;
	}
}

int jx_xls_read_sheet(jx_workbook *wb, size_t i, jx_sheet_build *b, jx_diagnostics *diags)
{
	const void *h = wb->xls->handle;
	unsigned int rows = 0;
	unsigned short cols = 0;

	if (i > 0xFFFF || freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK ||
	    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
		jx_wb_error(wb, diags, wb->names[i], "FreeXL cannot select the sheet");
		return JX_EDATA;
	}
	if (rows > JX_WB_MAX_ROW)
		rows = JX_WB_MAX_ROW;
	for (unsigned int r = 0; r < rows; r++) {
		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
				continue;
			int rc = add_cell(b, r, c, &v, wb->xls->date1904);
			if (rc != JX_OK)
				return rc;
		}
	}
	return JX_OK;
}
