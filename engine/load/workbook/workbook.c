/*
 * workbook.c - the workbook layer's shared half (workbook.h): knowing a
 * workbook by its first bytes, handing it to the xlsx or xls reader, and
 * what both readers need: the sheet builder (cells in any order in, a
 * sorted grid with merged ranges filled out), the cell lookup, and the texts
 * numbers and dates are shown as.
 *
 * Why the texts are made here and not by the table reader: a cell's text is
 * what the department saw in the spreadsheet, so "95%" must stay a percent
 * and 45657 with a date format must stay "2024-12-31". The number itself is
 * kept beside it. Numbers are written with the 15 significant digits a
 * spreadsheet keeps and shows (trailing zeros dropped), never with the
 * decimals of the cell's format: a 自评表 rounded for display must not lose
 * its figures, and a rate a formula computed as 0.99999999999999989 is the
 * 100% the department saw, not 99.99999999999999%.
 */
#include "workbook_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../common/c_locale.h"
#include "../../common/utf8.h"

/* ---- knowing a workbook ------------------------------------------------------ */

jx_workbook_kind jx_workbook_sniff(const unsigned char *data, size_t len)
{
	static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

	if (!data)
		return JX_WORKBOOK_NONE;
	if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
		return JX_WORKBOOK_XLSX;
	if (len >= sizeof(ole2) && memcmp(data, ole2, sizeof(ole2)) == 0)
		return JX_WORKBOOK_XLS;
	return JX_WORKBOOK_NONE;
}

/* ---- limits ------------------------------------------------------------------ */

void jx_wb_limits_default(jx_wb_limits *lim)
{
	*lim = (jx_wb_limits){
	    .sheet_xml = JX_WB_MAX_SHEET_XML,
	    .sst_xml = JX_WB_MAX_SST_XML,
	    .part_xml = JX_WB_MAX_PART_XML,
	    .ratio = JX_WB_MAX_RATIO,
	    .ratio_from = JX_WB_RATIO_FROM,
	    .sst_bytes = JX_WB_MAX_SST_BYTES,
	    .sst_count = JX_WB_MAX_SST_COUNT,
	    .string_bytes = JX_WB_MAX_STRING,
	    .cells = JX_WB_MAX_CELLS,
	    .merges = JX_WB_MAX_MERGES,
	    .styles = JX_WB_MAX_STYLES,
	    .sheets = JX_WB_MAX_SHEETS,
	    .xls_bytes = JX_WB_MAX_XLS_BYTES,
	};
}

void jx_workbook_set_limits(jx_workbook *wb, const jx_wb_limits *lim)
{
	if (wb && lim)
		wb->limits = *lim;
}

/* ---- the handle -------------------------------------------------------------- */

/* "cell B3: text..." names a cell: its row and column (1-based) and where
 * the rest of the message starts; 0 when the message names none. */
static size_t cell_in_message(const char *msg, int *row, int *col)
{
	const char *p = msg;
	if (strncmp(p, "cell ", 5) != 0)
		return 0;
	p += 5;
	int c = 0, r = 0;
	while (*p >= 'A' && *p <= 'Z' && c < 20000)
		c = c * 26 + (*p++ - 'A' + 1);
	while (*p >= '0' && *p <= '9' && r < 2000000)
		r = r * 10 + (*p++ - '0');
	if (!c || !r || p[0] != ':' || p[1] != ' ')
		return 0;
	*row = r;
	*col = c;
	return (size_t)(p + 2 - msg);
}

void jx_wb_error(const jx_workbook *wb, jx_diagnostics *diags, const char *sheet, const char *fmt,
                 ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	jx_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* vsnprintf may have cut a character in two; messages stay UTF-8. */
	int n = jx_utf8_clip(msg, strlen(msg), sizeof(msg) - 1);
	jx_loc loc = {wb->file, 0, 0, NULL};
	int row, col;
	size_t rest = sheet ? cell_in_message(msg, &row, &col) : 0;
	if (rest) { /* file.xlsx:sheet!B3: message, as every workbook place */
		loc = (jx_loc){wb->file, row, col, sheet};
		jx_diag_error(diags, loc, "%.*s", n - (int)rest, msg + rest);
	} else if (sheet) {
		int s = jx_utf8_clip(sheet, strlen(sheet), 100);
		jx_diag_error(diags, loc, "sheet '%.*s': %.*s", s, sheet, n, msg);
	} else {
		jx_diag_error(diags, loc, "%.*s", n, msg);
	}
}

int jx_wb_add_sheet_name(jx_workbook *wb, const char *name, size_t len, int hidden,
                         jx_diagnostics *diags)
{
	if (wb->n_sheets >= wb->limits.sheets) {
		jx_wb_error(wb, diags, NULL, "more than %zu sheets", wb->limits.sheets);
		return JX_EDATA;
	}
	if (wb->n_sheets == wb->cap_sheets && jx_vec_grow((void **)&wb->names, &wb->cap_sheets,
	                                                  wb->n_sheets, sizeof(*wb->names)) != 0)
		goto oom;
	if (wb->n_sheets == wb->cap_hidden && jx_vec_grow((void **)&wb->hidden, &wb->cap_hidden,
	                                                  wb->n_sheets, sizeof(*wb->hidden)) != 0)
		goto oom;
	const char *copy = jx_arena_strndup(wb->arena, name, len);
	if (!copy)
		goto oom;
	wb->hidden[wb->n_sheets] = hidden != 0;
	wb->names[wb->n_sheets++] = copy;
	return JX_OK;
oom:
	jx_wb_error(wb, diags, NULL, "out of memory");
	return JX_ENOMEM;
}

int jx_workbook_open(jx_workbook **out, const char *file, const char *path, const void *data,
                     size_t len, jx_diagnostics *diags)
{
	jx_workbook *wb = NULL;
	int rc = JX_ENOMEM;

	if (!out || (!data && len))
		return JX_EINVAL;
	*out = NULL;
	if (!file)
		file = path ? path : "workbook";
	if (!(wb = calloc(1, sizeof(*wb))) || !(wb->arena = jx_arena_new()) ||
	    !(wb->file = jx_arena_strdup(wb->arena, file))) {
		jx_diag_error(diags, (jx_loc){file, 0, 0, NULL}, "out of memory");
		goto out;
	}
	jx_wb_limits_default(&wb->limits);
	wb->kind = jx_workbook_sniff(data, len);
	switch (wb->kind) {
	case JX_WORKBOOK_XLSX:
		rc = jx_xlsx_open(wb, data, len, diags);
		break;
	case JX_WORKBOOK_XLS:
		rc = jx_xls_open(wb, path, data, len, diags);
		break;
	default:
		jx_wb_error(wb, diags, NULL,
		            "not a workbook: neither a zip (.xlsx) nor an OLE2 file (.xls)");
		rc = JX_EDATA;
	}
out:
	if (rc == JX_OK)
		*out = wb;
	else
		jx_workbook_close(wb);
	return rc;
}

void jx_workbook_close(jx_workbook *wb)
{
	if (!wb)
		return;
	jx_xlsx_close(wb->xlsx);
	jx_xls_close(wb->xls);
	free(wb->names);
	free(wb->hidden);
	jx_arena_free(wb->arena);
	free(wb);
}

jx_workbook_kind jx_workbook_kind_of(const jx_workbook *wb)
{
	return wb ? wb->kind : JX_WORKBOOK_NONE;
}

size_t jx_workbook_sheet_count(const jx_workbook *wb)
{
	return wb ? wb->n_sheets : 0;
}

const char *jx_workbook_sheet_name(const jx_workbook *wb, size_t i)
{
	return wb && i < wb->n_sheets ? wb->names[i] : NULL;
}

int jx_workbook_sheet_hidden(const jx_workbook *wb, size_t i)
{
	return wb && i < wb->n_sheets ? wb->hidden[i] : 0;
}

int jx_workbook_read_sheet(jx_sheet **out, jx_workbook *wb, size_t i, jx_diagnostics *diags)
{
	jx_sheet_build b;
	int rc;

	if (!out || !wb || i >= wb->n_sheets)
		return JX_EINVAL;
	*out = NULL;
	jx_sb_init(&b, wb, wb->names[i], diags);
	if (wb->kind == JX_WORKBOOK_XLSX)
		rc = jx_xlsx_read_sheet(wb, i, &b, diags);
	else
		rc = jx_xls_read_sheet(wb, i, &b, diags);
	if (rc == JX_OK)
		return jx_sb_finish(&b, wb->names[i], out);
	jx_sb_discard(&b);
	return rc;
}

/* ---- the sheet's text storage ------------------------------------------------ */

/* Text lives in chunks of 64 KiB, byte-aligned (most cells hold a few
 * bytes: the arena's 16-byte alignment would triple a numeric sheet's
 * text). With JX_ARENA_MALLOC every text is its own block, so ASan and
 * valgrind see a read past a cell's end (docs/design.md §5). */
#define TEXT_CHUNK 65536u

struct wb_chunk {
	wb_chunk *next;
	size_t used, cap;
	char data[];
};

static char *text_alloc(wb_chunk **head, size_t n)
{
	wb_chunk *c = *head;

	if (c && c->cap - c->used >= n) {
		char *p = c->data + c->used;
		c->used += n;
		return p;
	}
#ifdef JX_ARENA_MALLOC
	size_t cap = n;
#else
	size_t cap = n > TEXT_CHUNK / 4 ? n : TEXT_CHUNK;
#endif
	if (!(c = malloc(sizeof(*c) + cap)))
		return NULL;
	c->used = n;
	c->cap = cap;
	/* A text of its own chunk goes behind the current one, which keeps
	 * its room for the small texts that follow. */
	if (*head && cap == n) {
		c->next = (*head)->next;
		(*head)->next = c;
	} else {
		c->next = *head;
		*head = c;
	}
	return c->data;
}

static void text_free(wb_chunk *c)
{
	while (c) {
		wb_chunk *next = c->next;
		free(c);
		c = next;
	}
}

/* ---- the sheet builder -------------------------------------------------------- */

void jx_sb_init(jx_sheet_build *b, const jx_workbook *wb, const char *sheet, jx_diagnostics *diags)
{
	memset(b, 0, sizeof(*b));
	b->wb = wb;
	b->sheet = sheet;
	b->diags = diags;
}

void jx_sb_discard(jx_sheet_build *b)
{
	free(b->cells.items);
	free(b->merges.items);
	text_free(b->text);
	memset(&b->cells, 0, sizeof(b->cells));
	memset(&b->merges, 0, sizeof(b->merges));
	b->text = NULL;
}

static int sb_oom(jx_sheet_build *b)
{
	jx_wb_error(b->wb, b->diags, b->sheet, "out of memory");
	return JX_ENOMEM;
}

const char *jx_sb_copy(jx_sheet_build *b, const char *s, size_t len)
{
	char *p = text_alloc(&b->text, len + 1);

	if (!p) {
		sb_oom(b);
		return NULL;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int jx_sb_add(jx_sheet_build *b, uint32_t row, uint32_t col, jx_cell_kind kind, double number,
              const char *text, size_t len)
{
	if (b->cells.n >= b->wb->limits.cells) {
		jx_wb_error(b->wb, b->diags, b->sheet, "more than %zu cells", b->wb->limits.cells);
		return JX_EDATA;
	}
	jx_cell c = {row, col, kind, number, text, (uint32_t)len, 0};
	return JX_VEC_PUSH(b->cells, c) == 0 ? JX_OK : sb_oom(b);
}

int jx_sb_add_text(jx_sheet_build *b, uint32_t row, uint32_t col, jx_cell_kind kind,
                   const char *text, size_t len)
{
	size_t bad;

	if (!jx_utf8_valid(text, len, &bad) || memchr(text, '\0', len)) {
		char ref[16];
		jx_cell_ref(ref, sizeof(ref), row, col);
		jx_wb_error(b->wb, b->diags, b->sheet, "cell %s: text is not valid UTF-8", ref);
		return JX_EDATA;
	}
	const char *copy = jx_sb_copy(b, text, len);
	return copy ? jx_sb_add(b, row, col, kind, 0, copy, len) : JX_ENOMEM;
}

size_t jx_wb_number_text(char *buf, int percent, double x, const char *written, size_t written_len)
{
	size_t len;
	if (percent && (len = jx_wb_format_written(buf, written, written_len, x, 2)) > 0) {
		buf[len++] = '%';
		buf[len] = '\0';
		return len;
	}
	if (percent)
		return jx_wb_format_percent(buf, x);
	if ((len = jx_wb_format_written(buf, written, written_len, x, 0)) > 0)
		return len;
	return jx_wb_format_number(buf, x);
}

int jx_sb_add_number(jx_sheet_build *b, uint32_t row, uint32_t col, jx_cell_kind kind,
                     double number, int date1904, const char *written, size_t written_len)
{
	char text[JX_WB_NUMBER_TEXT];
	size_t len = 0;

	if (kind == JX_CELL_BOOL)
		return jx_sb_add(b, row, col, kind, number, number != 0 ? "TRUE" : "FALSE",
		                 number != 0 ? 4 : 5);
	if (kind == JX_CELL_DATE && !(len = jx_wb_format_serial(text, number, date1904)))
		kind = JX_CELL_NUMBER;
	if (kind != JX_CELL_DATE)
		len =
		    jx_wb_number_text(text, kind == JX_CELL_PERCENT, number, written, written_len);
	const char *copy = jx_sb_copy(b, text, len);
	return copy ? jx_sb_add(b, row, col, kind, number, copy, len) : JX_ENOMEM;
}

int jx_sb_add_merge(jx_sheet_build *b, jx_merge m)
{
	if (b->merges.n >= b->wb->limits.merges) {
		jx_wb_error(b->wb, b->diags, b->sheet, "more than %zu merged ranges",
		            b->wb->limits.merges);
		return JX_EDATA;
	}
	return JX_VEC_PUSH(b->merges, m) == 0 ? JX_OK : sb_oom(b);
}

static uint64_t cell_key(uint32_t row, uint32_t col)
{
	return (uint64_t)row << 32 | col;
}

/* Position order; at one position a merge copy before the cell it hides. */
static int by_position(const void *pa, const void *pb)
{
	const jx_cell *a = pa, *b = pb;
	uint64_t ka = cell_key(a->row, a->col), kb = cell_key(b->row, b->col);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	return (int)b->from_merge - (int)a->from_merge;
}

static const jx_cell *find_cell(const jx_cell *cells, size_t n, uint32_t row, uint32_t col)
{
	uint64_t key = cell_key(row, col);
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t k = cell_key(cells[mid].row, cells[mid].col);
		if (k == key)
			return &cells[mid];
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Sorts the cells the reader gave (files list rows in order, but nothing
 * makes them) and refuses a cell given twice. */
static int sort_cells(jx_sheet_build *b)
{
	jx_cell *c = b->cells.items;
	size_t n = b->cells.n, i;

	for (i = 1; i < n && by_position(&c[i - 1], &c[i]) < 0; i++)
		;
	if (i < n)
		qsort(c, n, sizeof(*c), by_position);
	for (i = 1; i < n; i++) {
		if (c[i - 1].row == c[i].row && c[i - 1].col == c[i].col) {
			char ref[16];
			jx_cell_ref(ref, sizeof(ref), c[i].row, c[i].col);
			jx_wb_error(b->wb, b->diags, b->sheet, "cell %s: given twice", ref);
			return JX_EDATA;
		}
	}
	return JX_OK;
}

/* Copies one merged range's top-left value into its other cells (appended;
 * the caller sorts). Only the first `sorted` cells are searched. */
static int fill_merge(jx_sheet_build *b, const jx_merge *m, size_t sorted)
{
	const jx_cell *tl = find_cell(b->cells.items, sorted, m->first_row, m->first_col);
	uint64_t area =
	    (uint64_t)(m->last_row - m->first_row + 1) * (m->last_col - m->first_col + 1);

	if (!tl || area == 1)
		return JX_OK;
	if (b->cells.n + area - 1 > b->wb->limits.cells) {
		jx_wb_error(b->wb, b->diags, b->sheet,
		            "more than %zu cells once the merged ranges are filled",
		            b->wb->limits.cells);
		return JX_EDATA;
	}
	jx_cell copy = *tl; /* tl moves when the array grows */
	copy.from_merge = 1;
	for (uint32_t r = m->first_row; r <= m->last_row; r++) {
		for (uint32_t col = m->first_col; col <= m->last_col; col++) {
			if (r == m->first_row && col == m->first_col)
				continue;
			copy.row = r;
			copy.col = col;
			if (JX_VEC_PUSH(b->cells, copy) != 0)
				return sb_oom(b);
		}
	}
	return JX_OK;
}

/* Every cell of a merged range shows the top-left value (docs/data.md §3.4): a copy
 * replaces whatever the file kept under the range. Where ranges overlap (a
 * damaged file), the first copy made for a cell stays. */
static int apply_merges(jx_sheet_build *b)
{
	size_t sorted = b->cells.n;

	for (size_t i = 0; i < b->merges.n; i++) {
		int rc = fill_merge(b, &b->merges.items[i], sorted);
		if (rc != JX_OK)
			return rc;
	}
	if (b->cells.n == sorted)
		return JX_OK;
	jx_cell *c = b->cells.items;
	qsort(c, b->cells.n, sizeof(*c), by_position);
	size_t out = 0;
	for (size_t i = 0; i < b->cells.n; i++)
		if (out == 0 || c[out - 1].row != c[i].row || c[out - 1].col != c[i].col)
			c[out++] = c[i];
	b->cells.n = out;
	return JX_OK;
}

typedef struct {
	jx_sheet sheet;
	wb_chunk *text;
} sheet_store;

int jx_sb_finish(jx_sheet_build *b, const char *name, jx_sheet **out)
{
	sheet_store *st = NULL;
	int rc;

	*out = NULL;
	if ((rc = sort_cells(b)) != JX_OK || (rc = apply_merges(b)) != JX_OK)
		goto out;
	const char *copy = jx_sb_copy(b, name, strlen(name));
	if (!copy || !(st = calloc(1, sizeof(*st)))) {
		rc = copy ? sb_oom(b) : JX_ENOMEM;
		goto out;
	}
	jx_sheet *s = &st->sheet;
	s->name = copy;
	s->n_cells = b->cells.n;
	s->cells = b->cells.items;
	if (s->n_cells < b->cells.cap && s->n_cells > 0) {
		jx_cell *fit = realloc(s->cells, s->n_cells * sizeof(*fit));
		if (fit)
			s->cells = fit;
	}
	for (size_t i = 0; i < s->n_cells; i++) {
		if (s->cells[i].col + 1 > s->n_cols)
			s->n_cols = s->cells[i].col + 1;
	}
	s->n_rows = s->n_cells ? s->cells[s->n_cells - 1].row + 1 : 0;
	s->merges = b->merges.items;
	s->n_merges = b->merges.n;
	s->owner = st;
	st->text = b->text;
	memset(b, 0, sizeof(*b));
	*out = s;
	return JX_OK;
out:
	jx_sb_discard(b);
	return rc;
}

void jx_sheet_free(jx_sheet *sheet)
{
	if (!sheet)
		return;
	sheet_store *st = sheet->owner;
	free(sheet->cells);
	free(sheet->merges);
	text_free(st->text);
	free(st);
}

const jx_cell *jx_sheet_cell(const jx_sheet *sheet, uint32_t row, uint32_t col)
{
	return sheet ? find_cell(sheet->cells, sheet->n_cells, row, col) : NULL;
}

/* ---- cell references ------------------------------------------------------------ */

void jx_cell_ref(char *buf, size_t size, uint32_t row, uint32_t col)
{
	char letters[8];
	size_t n = 0;
	uint64_t c = (uint64_t)col + 1;

	/* Bijective base 26: A..Z, AA..ZZ, AAA.. */
	while (c > 0 && n < sizeof(letters)) {
		letters[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	char text[32];
	size_t len = 0;
	while (n > 0)
		text[len++] = letters[--n];
	snprintf(text + len, sizeof(text) - len, "%llu", (unsigned long long)row + 1);
	if (size)
		snprintf(buf, size, "%s", text);
}

int jx_wb_parse_ref(const char *s, size_t len, uint32_t *row, uint32_t *col)
{
	size_t i = 0;
	uint64_t c = 0, r = 0;

	while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
		if (c <= JX_WB_MAX_COL)
			c = c * 26 + (uint64_t)((s[i] | 0x20) - 'a' + 1);
		i++;
	}
	size_t letters = i;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		if (r <= JX_WB_MAX_ROW)
			r = r * 10 + (uint64_t)(s[i] - '0');
		i++;
	}
	if (letters == 0 || i == letters || i != len)
		return -1;
	if (r == 0 || r > JX_WB_MAX_ROW)
		return -2;
	if (c > JX_WB_MAX_COL)
		return -3;
	*row = (uint32_t)(r - 1);
	*col = (uint32_t)(c - 1);
	return 0;
}

/* ---- number texts ----------------------------------------------------------------- */

/* The decimal digits of x as a spreadsheet shows them: rounded to 15
 * significant digits (Excel, WPS and LibreOffice keep and show no more;
 * what lies beyond is binary noise: 0.1 + 0.2 is 0.3, a rate computed as
 * 0.99999999999999989 is 1), trailing zeros dropped: x = 0.d1d2... x
 * 10^(exp + 1), i.e. d1 is the digit of 10^exp. Returns the number of
 * digits. */
static size_t shown_digits(double x, char digits[20], int *exp)
{
	char text[40];

	locale_t previous = jx_locale_enter(); /* a point, not the caller's comma */
	snprintf(text, sizeof(text), "%.*e", JX_WB_DIGITS - 1, x);
	jx_locale_leave(previous);
	size_t n = 0;
	const char *p = text;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && n < 19)
			digits[n++] = *p;
	*exp = *p == 'e' ? atoi(p + 1) : 0;
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	return n;
}

/* Writes digits d (n of them, the first of 10^exp) as a plain decimal, or
 * with an exponent outside 1e-10 .. 1e15. */
static size_t layout(char *buf, int neg, const char *d, size_t n, int exp)
{
	char *p = buf;

	if (neg)
		*p++ = '-';
	if (exp >= 15 || exp < -10) {
		*p++ = d[0];
		if (n > 1) {
			*p++ = '.';
			memcpy(p, d + 1, n - 1);
			p += n - 1;
		}
		p += sprintf(p, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
		return (size_t)(p - buf);
	}
	if (exp < 0) {
		*p++ = '0';
		*p++ = '.';
		for (int z = -1; z > exp; z--)
			*p++ = '0';
		memcpy(p, d, n);
		p += n;
	} else {
		for (size_t i = 0; i <= (size_t)exp || i < n; i++) {
			if (i == (size_t)exp + 1)
				*p++ = '.';
			*p++ = i < n ? d[i] : '0';
		}
	}
	*p = '\0';
	return (size_t)(p - buf);
}

static size_t format_shifted(char *buf, double x, int shift)
{
	char d[20];
	int exp;

	if (x == 0 || !isfinite(x)) {
		/* -0 is shown as 0; a cell never holds NaN or infinity. */
		strcpy(buf, "0");
		return 1;
	}
	size_t n = shown_digits(fabs(x), d, &exp);
	return layout(buf, x < 0, d, n, exp + shift);
}

/* The significant digits of a plain decimal as a file wrote it ("-35.230",
 * "0.0072"), trailing zeros dropped, and the power of ten of the first;
 * 0 when the text is not [-]digits[.digits], is zero, or has more than 17
 * significant digits (no double needs more). */
static size_t plain_digits(const char *s, size_t len, char d[20], int *exp, int *neg)
{
	size_t i = 0, n = 0, int_len = 0, zeros = 0; /* zeros: held back, maybe trailing */
	int seen_point = 0, first = 0;               /* first: the significant digit's position */

	*neg = len > 0 && s[0] == '-';
	i = (size_t)*neg;
	if (i == len || s[i] == '.')
		return 0;
	for (; i < len; i++) {
		if (s[i] == '.' && !seen_point && i + 1 < len) {
			seen_point = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (!seen_point)
			int_len++;
		if (s[i] == '0') {
			if (n == 0)
				first++;
			else
				zeros++;
			continue;
		}
		if (n + zeros + 1 > 17)
			return 0;
		for (; zeros > 0; zeros--)
			d[n++] = '0';
		d[n++] = s[i];
	}
	if (n == 0)
		return 0;
	*exp = (int)int_len - first - 1;
	return n;
}

/* d[0..n) rounded half up to k digits into r, trailing zeros dropped; the
 * power of ten grows when the carry runs out ("999" -> "1"). */
static size_t round_digits(const char *d, size_t k, char *r, int *exp)
{
	memcpy(r, d, k);
	if (d[k] >= '5') {
		size_t i = k;
		while (i > 0 && r[i - 1] == '9')
			r[--i] = '0';
		if (i == 0) {
			r[0] = '1';
			k = 1;
			++*exp;
		} else {
			r[i - 1]++;
		}
	}
	while (k > 1 && r[k - 1] == '0')
		k--;
	return k;
}

size_t jx_wb_format_written(char *buf, const char *written, size_t len, double x, int shift)
{
	char d[20];
	int exp, neg;
	size_t n = written ? plain_digits(written, len, d, &exp, &neg) : 0;

	if (n == 0)
		return 0;
	if (n > JX_WB_DIGITS) {
		/* Rounding the written digits can differ from rounding the
		 * double only when what is dropped is exactly a half (the
		 * written value then is the half): that goes to printf. */
		char r[20];
		if (d[JX_WB_DIGITS] == '5' && n == JX_WB_DIGITS + 1)
			return 0;
		n = round_digits(d, JX_WB_DIGITS, r, &exp);
		memcpy(d, r, n);
	}
	(void)x;
	return layout(buf, neg, d, n, exp + shift);
}

size_t jx_wb_format_number(char *buf, double x)
{
	return format_shifted(buf, x, 0);
}

size_t jx_wb_format_percent(char *buf, double x)
{
	size_t n = format_shifted(buf, x, 2);
	buf[n++] = '%';
	buf[n] = '\0';
	return n;
}

/* ---- dates ------------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard
 * Hinnant's civil-day algorithms, valid far beyond years 0..9999). */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* The 1900 system counts 1900-02-29, a day that never was (Lotus 1-2-3's
 * leap year, kept by Excel): serial 60. Day 1 is 1900-01-01 up to it, and
 * serial 61 is 1900-03-01. The 1904 system counts from 1904-01-01 = 0. */
size_t jx_wb_format_serial(char *buf, double serial, int date1904)
{
	if (!(serial >= 0 && serial < 2958466.0)) /* 9999-12-31 is 2958465 */
		return 0;
	long long total = llround(serial * 86400.0);
	long days = (long)(total / 86400);
	int secs = (int)(total % 86400);
	long y;
	int m, d;

	if (days == 0) /* a time of day alone */
		return (size_t)sprintf(buf, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60,
		                       secs % 60);
	if (date1904)
		civil_from_days(days_from_civil(1904, 1, 1) + days, &y, &m, &d);
	else if (days == 60)
		y = 1900, m = 2, d = 29;
	else
		civil_from_days(days_from_civil(1899, 12, days < 60 ? 31 : 30) + days, &y, &m, &d);
	if (y > 9999)
		return 0;
	int n = sprintf(buf, "%04ld-%02d-%02d", y, m, d);
	if (secs)
		n += sprintf(buf + n, " %02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
	return (size_t)n;
}

/* Reads exactly `digits` digits at *p. */
static int read_digits(const char **p, const char *end, int digits, int *out)
{
	int v = 0;

	for (int i = 0; i < digits; i++, (*p)++) {
		if (*p >= end || **p < '0' || **p > '9')
			return -1;
		v = v * 10 + (**p - '0');
	}
	*out = v;
	return 0;
}

static int read_time(const char **p, const char *end, double *secs)
{
	int h, mi, s;

	if (read_digits(p, end, 2, &h) || *p >= end || *(*p)++ != ':' ||
	    read_digits(p, end, 2, &mi) || *p >= end || *(*p)++ != ':' ||
	    read_digits(p, end, 2, &s) || h > 23 || mi > 59 || s > 59)
		return -1;
	*secs = h * 3600.0 + mi * 60.0 + s;
	if (*p < end && **p == '.') {
		double scale = 0.1;
		for ((*p)++; *p < end && **p >= '0' && **p <= '9'; (*p)++, scale /= 10)
			*secs += (**p - '0') * scale;
	}
	return 0;
}

int jx_wb_parse_datetime(const char *s, size_t len, int date1904, double *serial)
{
	const char *p = s, *end = s + len;
	int y, m, d;
	double secs = 0, days = 0;

	if (len >= 8 && s[2] == ':') {
		if (read_time(&p, end, &secs) || p != end)
			return -1;
		*serial = secs / 86400.0;
		return 0;
	}
	if (read_digits(&p, end, 4, &y) || p >= end || *p++ != '-' || read_digits(&p, end, 2, &m) ||
	    p >= end || *p++ != '-' || read_digits(&p, end, 2, &d) || m < 1 || m > 12 || d < 1 ||
	    d > 31)
		return -1;
	if (p < end && (*p == ' ' || *p == 'T')) {
		p++;
		if (read_time(&p, end, &secs))
			return -1;
		if (p < end && *p == 'Z')
			p++;
	}
	if (p != end)
		return -1;
	if (date1904)
		days = (double)(days_from_civil(y, m, d) - days_from_civil(1904, 1, 1));
	else if (y == 1900 && m == 2 && d == 29)
		days = 60;
	else {
		days = (double)(days_from_civil(y, m, d) - days_from_civil(1899, 12, 30));
		if (days < 61)
			days -= 1;
	}
	if (days < 0)
		return -1;
	*serial = days + secs / 86400.0;
	return 0;
}
