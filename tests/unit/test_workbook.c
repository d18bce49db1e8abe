/*
 * test_workbook.c - the workbook layer (engine/load/workbook/): knowing a
 * workbook by its bytes, the texts of numbers, percents and dates, cell
 * references, and reading the workbooks of fixtures/workbook/ (written by
 * scripts/gen_workbook_fixtures.py: openpyxl, LibreOffice .xlsx and .xls,
 * a prefixed-namespace WPS-style file, rich text) and refusing every file
 * of fixtures/workbook/hostile/ with a located message. Limits too large
 * for a fixture are lowered through jx_workbook_set_limits.
 *
 * Expected cell values are those the generator script writes; the texts
 * were worked out by hand (a percent is the fraction's shortest digits
 * with the point moved two places; dates count from 1899-12-30, with
 * Excel's 1900-02-29 as serial 60).
 */
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "load/workbook/workbook_impl.h"

/* The two heaviest files (30 MB of XML, 150 MB inflated) take minutes under
 * valgrind, which adds nothing ASan does not check there: skipped under it. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>

/* The library writes through callbacks (include/jixiao.h, jx_write_fn). */
static int write_stream(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}
#define UNDER_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef UNDER_VALGRIND
#define UNDER_VALGRIND() 0
#endif

#ifndef JX_SOURCE_DIR
#define JX_SOURCE_DIR "."
#endif
#define FIXTURE(name)    JX_SOURCE_DIR "/fixtures/workbook/" name
#define REAL_TABLE(name) JX_SOURCE_DIR "/tests/real-tables/" name "/input.xlsx"

/* ---- helpers ------------------------------------------------------------------ */

typedef struct {
	char *data;
	size_t len;
	jx_diagnostics *diags;
	jx_workbook *wb;
	jx_sheet *sheet;
} book;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0);
	char *data = malloc(n ? (size_t)n : 1); /* exactly the file: ASan sees overreads */
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

/* Opens a fixture from its bytes (and its path when by_path). */
static int open_book(book *b, const char *path, int by_path)
{
	memset(b, 0, sizeof(*b));
	b->data = slurp(path, &b->len);
	assert_int_equal(jx_diagnostics_new(&b->diags), JX_OK);
	return jx_workbook_open(&b->wb, path, by_path ? path : NULL, b->data, b->len, b->diags);
}

static void read_sheet(book *b, size_t i)
{
	jx_sheet_free(b->sheet);
	b->sheet = NULL;
	int rc = jx_workbook_read_sheet(&b->sheet, b->wb, i, b->diags);
	if (rc != JX_OK)
		jx_diagnostics_write(b->diags, write_stream, stderr);
	assert_int_equal(rc, JX_OK);
}

static void close_book(book *b)
{
	jx_sheet_free(b->sheet);
	jx_workbook_close(b->wb);
	jx_diagnostics_free(b->diags);
	free(b->data);
}

static const jx_cell *cell_at(const jx_sheet *s, const char *ref)
{
	uint32_t row, col;
	assert_int_equal(jx_wb_parse_ref(ref, strlen(ref), &row, &col), 0);
	return jx_sheet_cell(s, row, col);
}

static void expect_cell(const jx_sheet *s, const char *ref, jx_cell_kind kind, const char *text)
{
	const jx_cell *c = cell_at(s, ref);
	if (!c)
		fail_msg("%s: no cell, expected '%s'", ref, text);
	if (c->kind != kind || strcmp(c->text, text) != 0)
		fail_msg("%s: kind %d '%s', expected kind %d '%s'", ref, c->kind, c->text, kind,
		         text);
	assert_int_equal(c->len, strlen(text));
}

static void expect_empty(const jx_sheet *s, const char *ref)
{
	const jx_cell *c = cell_at(s, ref);
	if (c)
		fail_msg("%s: expected empty, holds '%s'", ref, c->text);
}

/* An error naming `file` whose message holds `want`. */
static void expect_error(const jx_diagnostics *d, const char *file, const char *want)
{
	for (size_t i = 0; i < jx_diagnostics_count(d); i++) {
		jx_diagnostic e;
		assert_int_equal(jx_diagnostics_get(&e, d, i), JX_OK);
		char line[1024];
		jx_diagnostic_where(line, sizeof(line), &e); /* file.xlsx:sheet!B3 in a sheet */
		size_t n = strlen(line);
		snprintf(line + n, sizeof(line) - n, ": %s", e.message);
		if (e.severity == JX_SEV_ERROR && strcmp(e.file, file) == 0 && strstr(line, want))
			return;
	}
	jx_diagnostics_write(d, write_stream, stderr);
	fail_msg("no error '%s' for %s", want, file);
}

/* Every cell in order, inside the grid's size, its text as long as len. */
static void check_grid(const jx_sheet *s)
{
	for (size_t i = 0; i < s->n_cells; i++) {
		const jx_cell *c = &s->cells[i];
		assert_true(c->row < s->n_rows && c->col < s->n_cols);
		assert_int_equal(strlen(c->text), c->len);
		if (i > 0) {
			const jx_cell *p = &s->cells[i - 1];
			assert_true(p->row < c->row || (p->row == c->row && p->col < c->col));
		}
	}
}

/* ---- sniffing, references, texts ------------------------------------------------- */

static void sniffing(void **state)
{
	static const unsigned char ole2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0};

	(void)state;
	assert_int_equal(jx_workbook_sniff((const unsigned char *)"PK\3\4rest", 8),
	                 JX_WORKBOOK_XLSX);
	assert_int_equal(jx_workbook_sniff(ole2, sizeof(ole2)), JX_WORKBOOK_XLS);
	assert_int_equal(jx_workbook_sniff(ole2, 7), JX_WORKBOOK_NONE);
	assert_int_equal(jx_workbook_sniff((const unsigned char *)"PK\3", 3), JX_WORKBOOK_NONE);
	assert_int_equal(jx_workbook_sniff((const unsigned char *)"dept_id,x\n", 10),
	                 JX_WORKBOOK_NONE);
	assert_int_equal(jx_workbook_sniff(NULL, 0), JX_WORKBOOK_NONE);
}

static void references(void **state)
{
	char buf[16];
	uint32_t row, col;

	(void)state;
	jx_cell_ref(buf, sizeof(buf), 12, 7);
	assert_string_equal(buf, "H13");
	jx_cell_ref(buf, sizeof(buf), 0, 25);
	assert_string_equal(buf, "Z1");
	jx_cell_ref(buf, sizeof(buf), 0, 26);
	assert_string_equal(buf, "AA1");
	jx_cell_ref(buf, sizeof(buf), 9, 701);
	assert_string_equal(buf, "ZZ10");
	jx_cell_ref(buf, sizeof(buf), 1048575, 16383);
	assert_string_equal(buf, "XFD1048576");
	jx_cell_ref(buf, 4, 1048575, 16383);
	assert_string_equal(buf, "XFD");

	assert_int_equal(jx_wb_parse_ref("H13", 3, &row, &col), 0);
	assert_int_equal(row, 12);
	assert_int_equal(col, 7);
	assert_int_equal(jx_wb_parse_ref("xfd1048576", 10, &row, &col), 0);
	assert_int_equal(row, 1048575);
	assert_int_equal(col, 16383);
	assert_int_equal(jx_wb_parse_ref("XFD1048577", 10, &row, &col), -2);
	assert_int_equal(jx_wb_parse_ref("A0", 2, &row, &col), -2);
	assert_int_equal(jx_wb_parse_ref("XFE1", 4, &row, &col), -3);
	assert_int_equal(jx_wb_parse_ref("AAAAAAAAAAAAAAAAAAAAAA1", 23, &row, &col), -3);
	assert_int_equal(jx_wb_parse_ref("A99999999999999999999", 21, &row, &col), -2);
	assert_int_equal(jx_wb_parse_ref("1A", 2, &row, &col), -1);
	assert_int_equal(jx_wb_parse_ref("A", 1, &row, &col), -1);
	assert_int_equal(jx_wb_parse_ref("", 0, &row, &col), -1);
	assert_int_equal(jx_wb_parse_ref("$A$1", 4, &row, &col), -1);
}

static void expect_number(double x, const char *want)
{
	char buf[JX_WB_NUMBER_TEXT];
	size_t n = jx_wb_format_number(buf, x);
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
	if (x == x && x != 0) { /* reads back as x to 15 significant digits */
		char digits[40];
		snprintf(digits, sizeof(digits), "%.14e", x);
		assert_true(strtod(buf, NULL) == strtod(digits, NULL));
	}
}

static void number_texts(void **state)
{
	(void)state;
	expect_number(5700, "5700");
	expect_number(0.95, "0.95");
	expect_number(35.23, "35.23");
	expect_number(-0.5, "-0.5");
	/* 15 significant digits, as spreadsheets show numbers */
	expect_number(0.1 + 0.2, "0.3");
	expect_number(0.99999999999999989, "1"); /* a rate a formula computed */
	expect_number(5.0000000000000009, "5");  /* points a formula summed */
	expect_number(1199.9999999999998, "1200");
	expect_number(0.35233501425126068, "0.352335014251261");
	expect_number(1e14, "100000000000000");
	expect_number(999999999999999, "999999999999999");
	expect_number(1e15, "1e+15");
	expect_number(123456789012345678.0, "1.23456789012346e+17");
	expect_number(1e-10, "0.0000000001");
	expect_number(1.5e-11, "1.5e-11");
	expect_number(-1e300, "-1e+300");
	expect_number(0.0, "0");
	expect_number(-0.0, "0");
}

/* A number as a file wrote it gives the text the double would. */
static void expect_written(const char *written, const char *want)
{
	char buf[JX_WB_NUMBER_TEXT], ref[JX_WB_NUMBER_TEXT];
	size_t n = jx_wb_format_written(buf, written, strlen(written), strtod(written, NULL), 0);
	if (!want) {
		assert_int_equal(n, 0);
		return;
	}
	assert_string_equal(buf, want);
	jx_wb_format_number(ref, strtod(written, NULL));
	assert_string_equal(buf, ref);
	n = jx_wb_format_written(buf, written, strlen(written), strtod(written, NULL), 2);
	jx_wb_format_percent(ref, strtod(written, NULL));
	ref[strlen(ref) - 1] = '\0';
	assert_string_equal(buf, ref);
}

static void written_numbers(void **state)
{
	char text[40];

	(void)state;
	expect_written("5700", "5700");
	expect_written("35.230", "35.23");
	expect_written("-0.0072", "-0.0072");
	expect_written("007.50", "7.5");
	expect_written("0.0000000001", "0.0000000001");
	expect_written("0.00000000001", "1e-11");
	expect_written("100000000000000000000", "1e+20");
	expect_written("123456789012345", "123456789012345");
	expect_written("0.95", "0.95");
	expect_written("0.30000000000000004", "0.3");
	expect_written("0.10000000000000001", "0.1"); /* as Excel writes 0.1 computed */
	expect_written("0.99999999999999989", "1");
	expect_written("0.35233501425126068", "0.352335014251261");
	expect_written("45473.604166666664", "45473.6041666667");
	expect_written("1234567890123456", "1.23456789012346e+15");
	expect_written("9.9999999999999995", "10");
	expect_written("0.1000000000000005", NULL); /* a half dropped: printf decides */
	expect_written("0.10000000000000051", "0.100000000000001");
	expect_written("123456789012345678", NULL); /* 18 digits */
	expect_written("0", NULL);
	expect_written("-0.0", NULL);
	expect_written("1E-3", NULL);
	expect_written(" 5", NULL);
	expect_written("5.", NULL);
	expect_written(".5", NULL);
	expect_written("-", NULL);
	expect_written("", NULL);
	/* Random figures as writers print them: a few decimals, or 15 to 17
	 * significant digits (as Excel and Python do). */
	srand(936);
	for (int i = 0; i < 40000; i++) {
		double x = (rand() / (double)RAND_MAX - 0.3) * pow(10, rand() % 24 - 12);
		if (i % 2)
			snprintf(text, sizeof(text), "%.*f", rand() % 8, x);
		else
			snprintf(text, sizeof(text), "%.*f", 16 - (int)floor(log10(fabs(x))), x);
		char buf[JX_WB_NUMBER_TEXT], ref[JX_WB_NUMBER_TEXT];
		if (jx_wb_format_written(buf, text, strlen(text), strtod(text, NULL), 0) == 0)
			continue;
		jx_wb_format_number(ref, strtod(text, NULL));
		if (strcmp(buf, ref) != 0)
			fail_msg("'%s': '%s', the double gives '%s'", text, buf, ref);
	}
}

static void expect_percent(double x, const char *want)
{
	char buf[JX_WB_NUMBER_TEXT], back[JX_WB_NUMBER_TEXT + 4];
	size_t n = jx_wb_format_percent(buf, x);
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
	/* As the literal parser reads "72.74%": the exponent shifted by two;
	 * x to 15 significant digits. */
	char digits[40];
	snprintf(back, sizeof(back), "%.*se-2", (int)n - 1, buf);
	snprintf(digits, sizeof(digits), "%.14e", x);
	assert_true(strtod(back, NULL) == strtod(digits, NULL));
}

static void percent_texts(void **state)
{
	(void)state;
	expect_percent(0.95, "95%");
	expect_percent(0.7274, "72.74%");
	expect_percent(1, "100%");
	expect_percent(0.001, "0.1%");
	expect_percent(-0.5, "-50%");
	expect_percent(0.1 + 0.2, "30%");
	expect_percent(12.5, "1250%");
	expect_percent(0.99999999999999989, "100%");
	expect_percent(0.35233501425126068, "35.2335014251261%");
}

static void expect_serial(double serial, int date1904, const char *want)
{
	char buf[JX_WB_NUMBER_TEXT];
	size_t n = jx_wb_format_serial(buf, serial, date1904);
	if (!want) {
		assert_int_equal(n, 0);
		return;
	}
	assert_string_equal(buf, want);
	double back = -1;
	assert_int_equal(jx_wb_parse_datetime(buf, n, date1904, &back), 0);
	assert_true(back - serial < 1e-5 && serial - back < 1e-5);
}

static void date_texts(void **state)
{
	double serial;

	(void)state;
	expect_serial(45657, 0, "2024-12-31");
	expect_serial(45473.604166666664, 0, "2024-06-30 14:30:00");
	expect_serial(1, 0, "1900-01-01");
	expect_serial(59, 0, "1900-02-28");
	expect_serial(60, 0, "1900-02-29"); /* Lotus 1-2-3's leap day */
	expect_serial(61, 0, "1900-03-01");
	expect_serial(0.5, 0, "12:00:00");
	expect_serial(2958465, 0, "9999-12-31");
	expect_serial(2958466, 0, NULL);
	expect_serial(-1, 0, NULL);
	expect_serial(1, 1, "1904-01-02");
	expect_serial(44195, 1, "2024-12-31");
	expect_serial(2957004, 1, NULL);

	assert_int_equal(jx_wb_parse_datetime("2024-12-31T00:00:00Z", 20, 0, &serial), 0);
	assert_true(serial == 45657);
	assert_int_equal(jx_wb_parse_datetime("2024-06-30 14:30:00.5", 21, 0, &serial), 0);
	assert_true(serial > 45473.6041 && serial < 45473.6042);
	assert_int_equal(jx_wb_parse_datetime("14:30:00", 8, 0, &serial), 0);
	assert_int_equal(jx_wb_parse_datetime("2024-13-01", 10, 0, &serial), -1);
	assert_int_equal(jx_wb_parse_datetime("2024-12-31x", 11, 0, &serial), -1);
	assert_int_equal(jx_wb_parse_datetime("soon", 4, 0, &serial), -1);
	assert_int_equal(jx_wb_parse_datetime("1899-12-01", 10, 0, &serial), -1);
}

/* ---- workbooks ----------------------------------------------------------------------- */

/* The first sheet of openpyxl.xlsx as every .xlsx writer keeps it. */
static void check_selfeval_sheet(const jx_sheet *s)
{
	const char *title = "2024年度部门整体支出绩效自评表";

	check_grid(s);
	assert_string_equal(s->name, "自评表");
	assert_int_equal(s->n_rows, 8);
	assert_int_equal(s->n_cols, 5);
	assert_int_equal(s->n_merges, 2);
	expect_cell(s, "A1", JX_CELL_TEXT, title);
	expect_cell(s, "E1", JX_CELL_TEXT, title); /* horizontal merge A1:E1 */
	assert_int_equal(cell_at(s, "A1")->from_merge, 0);
	assert_int_equal(cell_at(s, "E1")->from_merge, 1);
	expect_cell(s, "D2", JX_CELL_TEXT, "年度指标值");
	expect_cell(s, "A3", JX_CELL_TEXT, "产出指标");
	expect_cell(s, "A7", JX_CELL_TEXT, "产出指标"); /* vertical merge A3:A7 */
	assert_int_equal(cell_at(s, "A7")->from_merge, 1);
	expect_empty(s, "A8");
	expect_empty(s, "B4");
	expect_cell(s, "D3", JX_CELL_NUMBER, "5700");
	expect_cell(s, "E3", JX_CELL_PERCENT, "95%");
	assert_true(cell_at(s, "E3")->number == 0.95);
	expect_cell(s, "D4", JX_CELL_NUMBER, "35.23");
	expect_cell(s, "E4", JX_CELL_PERCENT, "72.74%");
	expect_cell(s, "D5", JX_CELL_DATE, "2024-12-31");
	assert_true(cell_at(s, "D5")->number == 45657);
	expect_cell(s, "E5", JX_CELL_DATE, "2024-06-30 14:30:00");
	expect_cell(s, "D6", JX_CELL_BOOL, "TRUE");
	assert_true(cell_at(s, "D6")->number == 1);
	expect_cell(s, "E6", JX_CELL_ERROR, "#DIV/0!");
	expect_cell(s, "E7", JX_CELL_NUMBER, "-0.5");
	expect_cell(s, "C8", JX_CELL_NUMBER, "0.3"); /* openpyxl writes 0.1 + 0.2 so */
	expect_cell(s, "D8", JX_CELL_NUMBER, "1e+20");
	assert_null(jx_sheet_cell(s, 100, 100));
}

static void openpyxl_book(void **state)
{
	static const char *names[] = {"自评表", "Sheet2", "汇总", "空表"};
	book b;

	(void)state;
	assert_int_equal(open_book(&b, FIXTURE("openpyxl.xlsx"), 0), JX_OK);
	assert_int_equal(jx_workbook_kind_of(b.wb), JX_WORKBOOK_XLSX);
	assert_int_equal(jx_workbook_sheet_count(b.wb), 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(jx_workbook_sheet_name(b.wb, i), names[i]);
	assert_null(jx_workbook_sheet_name(b.wb, 4));
	read_sheet(&b, 0);
	check_selfeval_sheet(b.sheet);
	expect_empty(b.sheet, "D7"); /* openpyxl writes no cached value */
	expect_cell(b.sheet, "E8", JX_CELL_NUMBER, "1.23456789012346e+17");
	read_sheet(&b, 1);
	expect_cell(b.sheet, "A1", JX_CELL_TEXT, "second");
	read_sheet(&b, 2);
	expect_cell(b.sheet, "B2", JX_CELL_NUMBER, "42");
	assert_int_equal(b.sheet->n_rows, 2);
	assert_int_equal(b.sheet->n_cols, 2);
	read_sheet(&b, 3);
	assert_int_equal(b.sheet->n_cells, 0);
	assert_int_equal(b.sheet->n_rows, 0);
	assert_int_equal(jx_workbook_read_sheet(&b.sheet, b.wb, 4, b.diags), JX_EINVAL);
	assert_int_equal(jx_diagnostics_error_count(b.diags), 0);
	close_book(&b);
}

static void libreoffice_xlsx(void **state)
{
	book b;

	(void)state;
	assert_int_equal(open_book(&b, FIXTURE("libreoffice.xlsx"), 1), JX_OK);
	assert_int_equal(jx_workbook_sheet_count(b.wb), 4);
	read_sheet(&b, 0);
	/* A1 is a shared string LibreOffice split into runs by font. */
	check_selfeval_sheet(b.sheet);
	expect_cell(b.sheet, "D7", JX_CELL_NUMBER, "11400"); /* the formula's cached value */
	/* LibreOffice writes 15 significant digits: 1.23456789012346E+17. */
	expect_cell(b.sheet, "E8", JX_CELL_NUMBER, "1.23456789012346e+17");
	read_sheet(&b, 2);
	assert_string_equal(b.sheet->name, "汇总");
	expect_cell(b.sheet, "B2", JX_CELL_NUMBER, "42");
	close_book(&b);
}

/* Hidden sheets are known (WPS's parts: absolute targets, sheet7.xml ...);
 * formula caches with binary noise show as Excel shows them (15 digits). */
static void excel_and_wps_books(void **state)
{
	book b;

	(void)state;
	assert_int_equal(open_book(&b, REAL_TABLE("141-workbook-wps-cover-hidden-two-sheets"), 0),
	                 JX_OK);
	assert_int_equal(jx_workbook_sheet_count(b.wb), 4);
	assert_string_equal(jx_workbook_sheet_name(b.wb, 2), "2023年");
	assert_int_equal(jx_workbook_sheet_hidden(b.wb, 0), 0);
	assert_int_equal(jx_workbook_sheet_hidden(b.wb, 1), 0);
	assert_int_equal(jx_workbook_sheet_hidden(b.wb, 2), 1);
	assert_int_equal(jx_workbook_sheet_hidden(b.wb, 3), 0);
	assert_int_equal(jx_workbook_sheet_hidden(b.wb, 4), 0);
	read_sheet(&b, 2); /* still readable when asked for */
	expect_cell(b.sheet, "C3", JX_CELL_TEXT, "2023年社区环境整治");
	read_sheet(&b, 3);
	expect_cell(b.sheet, "C3", JX_CELL_TEXT, "老旧小区改造");
	expect_cell(b.sheet, "H6", JX_CELL_PERCENT, "80%");
	close_book(&b);

	assert_int_equal(open_book(&b, REAL_TABLE("140-workbook-excel-cell-kinds"), 0), JX_OK);
	assert_int_equal(jx_workbook_sheet_hidden(b.wb, 0), 0);
	read_sheet(&b, 0);
	expect_cell(b.sheet, "I6", JX_CELL_PERCENT, "95%");         /* 0.94999999999999996 */
	expect_cell(b.sheet, "J6", JX_CELL_NUMBER, "9.5");          /* 9.4999999999999982 */
	expect_cell(b.sheet, "E9", JX_CELL_TEXT, "年度\r\n指标值"); /* no phonetic run */
	expect_cell(b.sheet, "E13", JX_CELL_DATE, "2024-12-31");
	expect_cell(b.sheet, "F17", JX_CELL_PERCENT, "96%"); /* a shared formula's cache */
	expect_empty(b.sheet, "E8");                         /* a style alone */
	expect_cell(b.sheet, "F8", JX_CELL_ERROR, "#DIV/0!");
	close_book(&b);

	/* Date formats that show a month: the month, as the sheet shows it. */
	assert_int_equal(open_book(&b, REAL_TABLE("145-workbook-month-formats"), 0), JX_OK);
	read_sheet(&b, 0);
	expect_cell(b.sheet, "D8", JX_CELL_DATE, "2024年8月"); /* yyyy"年"m"月" */
	assert_true(cell_at(b.sheet, "D8")->number == 45505);
	expect_cell(b.sheet, "E8", JX_CELL_DATE, "2024-08-25"); /* built-in 14 */
	expect_cell(b.sheet, "D9", JX_CELL_DATE, "2024年10月"); /* built-in 57 */
	close_book(&b);

	/* Number formats that write an operator and a unit around the number. */
	assert_int_equal(open_book(&b, REAL_TABLE("147-workbook-number-formats-with-words"), 0),
	                 JX_OK);
	read_sheet(&b, 0);
	expect_cell(b.sheet, "D7", JX_CELL_NUMBER, "≥1200批次"); /* "≥"0"批次" */
	assert_true(cell_at(b.sheet, "D7")->number == 1200);
	expect_cell(b.sheet, "D8", JX_CELL_PERCENT, "≥95%");       /* "≥"0% */
	expect_cell(b.sheet, "E8", JX_CELL_PERCENT, "97%");        /* 0.00% */
	expect_cell(b.sheet, "D9", JX_CELL_NUMBER, "≤15个工作日"); /* "≤"0"个工作日" */
	expect_cell(b.sheet, "E10", JX_CELL_NUMBER, "380元");      /* #,##0"元"_ */
	expect_cell(b.sheet, "E12", JX_CELL_NUMBER, "93%");        /* 0"%" */
	expect_cell(b.sheet, "F7", JX_CELL_NUMBER, "20");          /* General */
	close_book(&b);
}

/* FreeXL: no number formats (a percent is its fraction), no merges, no
 * formulas (LibreOffice stored TRUE and #DIV/0! as formulas); Chinese text
 * and dates are read. */
static void check_xls(const char *path, int by_path)
{
	book b;

	assert_int_equal(open_book(&b, path, by_path), JX_OK);
	assert_int_equal(jx_workbook_kind_of(b.wb), JX_WORKBOOK_XLS);
	assert_int_equal(jx_workbook_sheet_count(b.wb), 4);
	assert_string_equal(jx_workbook_sheet_name(b.wb, 0), "自评表");
	assert_string_equal(jx_workbook_sheet_name(b.wb, 2), "汇总");
	read_sheet(&b, 0);
	check_grid(b.sheet);
	assert_int_equal(b.sheet->n_merges, 0);
	expect_cell(b.sheet, "A1", JX_CELL_TEXT, "2024年度部门整体支出绩效自评表");
	expect_empty(b.sheet, "B1");
	expect_cell(b.sheet, "D2", JX_CELL_TEXT, "年度指标值");
	expect_cell(b.sheet, "D3", JX_CELL_NUMBER, "5700");
	expect_cell(b.sheet, "E3", JX_CELL_NUMBER, "0.95");
	expect_cell(b.sheet, "E4", JX_CELL_NUMBER, "0.7274");
	expect_cell(b.sheet, "D5", JX_CELL_DATE, "2024-12-31");
	assert_true(cell_at(b.sheet, "D5")->number == 45657);
	expect_cell(b.sheet, "E5", JX_CELL_DATE, "2024-06-30 14:30:00");
	expect_empty(b.sheet, "D6");
	expect_empty(b.sheet, "D7");
	expect_cell(b.sheet, "E7", JX_CELL_NUMBER, "-0.5");
	expect_cell(b.sheet, "D8", JX_CELL_NUMBER, "1e+20");
	read_sheet(&b, 2);
	expect_cell(b.sheet, "B2", JX_CELL_NUMBER, "42");
	read_sheet(&b, 3);
	assert_int_equal(b.sheet->n_cells, 0);
	close_book(&b);
}

static void libreoffice_xls(void **state)
{
	(void)state;
	check_xls(FIXTURE("libreoffice.xls"), 1);
	check_xls(FIXTURE("libreoffice-cp936.xls"), 1);
}

/* Excel 95 (BIFF7): strings in GBK, CODEPAGE 936, converted by FreeXL
 * through iconv. Gnumeric stores TRUE and #DIV/0! as values, which FreeXL
 * gives as the number 1 both. */
static void biff7_cp936(void **state)
{
	book b;

	(void)state;
	assert_int_equal(open_book(&b, FIXTURE("gnumeric-biff7-cp936.xls"), 0), JX_OK);
	assert_int_equal(jx_workbook_kind_of(b.wb), JX_WORKBOOK_XLS);
	assert_string_equal(jx_workbook_sheet_name(b.wb, 0), "自评表");
	assert_string_equal(jx_workbook_sheet_name(b.wb, 3), "空表");
	read_sheet(&b, 0);
	check_grid(b.sheet);
	expect_cell(b.sheet, "A1", JX_CELL_TEXT, "2024年度部门整体支出绩效自评表");
	expect_cell(b.sheet, "C4", JX_CELL_TEXT, "资金到位率");
	expect_cell(b.sheet, "E3", JX_CELL_NUMBER, "0.95");
	expect_cell(b.sheet, "D5", JX_CELL_DATE, "2024-12-31");
	expect_cell(b.sheet, "D6", JX_CELL_NUMBER, "1"); /* TRUE */
	expect_cell(b.sheet, "E6", JX_CELL_NUMBER, "1"); /* #DIV/0! */
	close_book(&b);
}

/* Without a path the bytes go to a private file that is gone after open. */
static void xls_from_bytes(void **state)
{
	char dir[] = "/tmp/jx-test-wb-XXXXXX";
	const char *old = getenv("TMPDIR");
	char *saved = old ? strdup(old) : NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(setenv("TMPDIR", dir, 1), 0);
	check_xls(FIXTURE("libreoffice.xls"), 0);
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int left = 0;
	while ((e = readdir(d)) != NULL)
		left += e->d_name[0] != '.';
	closedir(d);
	assert_int_equal(left, 0);
	assert_int_equal(rmdir(dir), 0);
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
}

static void prefixed_book(void **state)
{
	book b;

	(void)state;
	assert_int_equal(open_book(&b, FIXTURE("prefixed.xlsx"), 0), JX_OK);
	assert_string_equal(jx_workbook_sheet_name(b.wb, 0), "WPS表格");
	read_sheet(&b, 0);
	const jx_sheet *s = b.sheet;
	check_grid(s);
	expect_cell(s, "A1", JX_CELL_TEXT, "项目名称");   /* cells without r= */
	expect_cell(s, "B1", JX_CELL_TEXT, "甲\r乙");     /* _x000D_ */
	expect_cell(s, "C1", JX_CELL_PERCENT, "12.5%");   /* custom 0.0% */
	expect_cell(s, "D1", JX_CELL_DATE, "1904-01-02"); /* date1904, yyyy"年"... */
	expect_cell(s, "E1", JX_CELL_NUMBER, "12.5%");    /* "%" quoted: a number shown with % */
	expect_cell(s, "F1", JX_CELL_DATE, "1904-01-02 12:00:00"); /* [h]:mm */
	expect_cell(s, "G1", JX_CELL_DATE, "00:00:00");            /* built-in 31 */
	expect_cell(s, "A2", JX_CELL_TEXT, "第二行");              /* row 2 came first */
	expect_cell(s, "B3", JX_CELL_TEXT, "项目名称!");           /* row without r= */
	expect_cell(s, "C3", JX_CELL_ERROR, "#DIV/0!");
	expect_cell(s, "D3", JX_CELL_BOOL, "TRUE");
	expect_cell(s, "E3", JX_CELL_NUMBER, "6");
	expect_cell(s, "F3", JX_CELL_NUMBER, "7");  /* style out of range: General */
	expect_cell(s, "C6", JX_CELL_TEXT, "合并"); /* the hidden 99 replaced */
	assert_int_equal(cell_at(s, "C6")->from_merge, 1);
	expect_cell(s, "C5", JX_CELL_TEXT, "合并");
	assert_int_equal(s->n_rows, 6); /* the dimension said A1:A1 */
	assert_int_equal(s->n_cols, 7);
	assert_int_equal(s->n_cells, 17);
	close_book(&b);
}

static void rich_book(void **state)
{
	book b;

	(void)state;
	assert_int_equal(open_book(&b, FIXTURE("rich.xlsx"), 0), JX_OK);
	read_sheet(&b, 0);
	const jx_sheet *s = b.sheet;
	expect_cell(s, "A1", JX_CELL_TEXT, "预算执行率"); /* runs joined, phonetic left out */
	expect_cell(s, "B1", JX_CELL_TEXT, "plain");
	expect_empty(s, "C1"); /* an empty shared string */
	expect_cell(s, "D1", JX_CELL_TEXT, "甲乙");
	expect_cell(s, "A2", JX_CELL_DATE, "2024-12-31");
	expect_cell(s, "B2", JX_CELL_DATE, "2024-06-30 14:30:00");
	expect_cell(s, "C2", JX_CELL_TEXT, "soon");
	close_book(&b);
}

/* ---- hostile files ------------------------------------------------------------------------ */

typedef struct {
	const char *file;
	int opens; /* the error comes when the first sheet is read */
	const char *error;
	int heavy; /* skipped under valgrind */
} hostile_case;

static const hostile_case hostile_cases[] = {
    {"truncated.xlsx", 0, "not a readable .xlsx", 0},
    {"not-a-zip.xlsx", 0, "not a readable .xlsx", 0},
    {"not-a-spreadsheet.zip", 0, "not a spreadsheet", 0},
    {"text.csv", 0, "not a workbook", 0},
    {"ole2-junk.xls", 0, "damaged or truncated .xls", 0},
    {"truncated.xls", 0, "damaged or truncated .xls", 0},
    {"missing-rel.xlsx", 0, "sheet 'One': its relationship rId9 is missing", 0},
    {"same-part.xlsx", 0, "sheet 'Two': the same part xl/worksheets/sheet1.xml", 0},
    {"bomb-deflate.xlsx", 1, "sheet 'Bomb': xl/worksheets/sheet1.xml inflates more than 1000", 1},
    {"bomb-bzip2.xlsx", 1, "sheet 'Bomb': xl/worksheets/sheet1.xml inflates more than 1000", 0},
    {"doctype.xlsx", 1, "sheet 'S': xl/worksheets/sheet1.xml:1:37: a DOCTYPE", 0},
    {"deep.xlsx", 1, "elements nested more than 64 deep", 0},
    {"bad-utf8.xlsx", 1, "xl/sharedStrings.xml:1:101: not well-formed (invalid token)", 0},
    {"ref-row-past-end.xlsx", 1, "sheet 'S': cell 'XFD1048577': the row is not from 1", 0},
    {"ref-row-zero.xlsx", 1, "sheet 'S': cell 'A0': the row is not from 1", 0},
    {"ref-col-past-xfd.xlsx", 1, "cell 'XFE1': the column is past XFD", 0},
    {"ref-garbage.xlsx", 1, "cell '1A' is not a cell reference", 0},
    {"missing-part.xlsx", 1, "the part xl/worksheets/sheet2.xml is missing", 0},
    {"encrypted.xlsx", 1, "xl/worksheets/sheet1.xml is encrypted", 0},
    {"unknown-method.xlsx", 1, "sheet1.xml is compressed with method 6, which cannot be read", 0},
    {"bad-crc.xlsx", 1, "sheet 'S': xl/worksheets/sheet1.xml is damaged: CRC error", 0},
    {"cell-twice.xlsx", 1, "S!B3: given twice", 0},
    {"unknown-type.xlsx", 1, "S!B3: unknown cell type 'x'", 0},
    {"bad-bool.xlsx", 1, "S!B3: '2' is not a boolean", 0},
    {"bad-number.xlsx", 1, "!B2: '12abc' is not a number", 0},
    {"bad-shared-index.xlsx", 1, "!A1: shared string '7' is not one of the 1", 0},
    {"gbk-declared.xlsx", 1, "unknown encoding", 0},
    {"unclosed.xlsx", 1, "no element found", 0},
    {"cells-2000001.xlsx", 1, "sheet 'Big': more than 2000000 cells", 1},
};

static void hostile_files(void **state)
{
	char path[512];

	(void)state;
	for (size_t i = 0; i < sizeof(hostile_cases) / sizeof(hostile_cases[0]); i++) {
		const hostile_case *h = &hostile_cases[i];
		book b;
		if (h->heavy && UNDER_VALGRIND()) {
			fprintf(stderr, "hostile_files: %s skipped under valgrind\n", h->file);
			continue;
		}
		snprintf(path, sizeof(path), "%s/fixtures/workbook/hostile/%s", JX_SOURCE_DIR,
		         h->file);
		int rc = open_book(&b, path, 0);
		if (!h->opens) {
			if (rc != JX_EDATA)
				fail_msg("%s: opened (rc %d)", h->file, rc);
			assert_null(b.wb);
		} else {
			assert_int_equal(rc, JX_OK);
			rc = JX_OK;
			for (size_t k = 0; rc == JX_OK && k < jx_workbook_sheet_count(b.wb); k++) {
				rc = jx_workbook_read_sheet(&b.sheet, b.wb, k, b.diags);
				jx_sheet_free(b.sheet);
				b.sheet = NULL;
			}
			if (rc != JX_EDATA)
				fail_msg("%s: read (rc %d)", h->file, rc);
		}
		expect_error(b.diags, path, h->error);
		close_book(&b);
	}
}

/* Limits lowered (what a fixture could not reach without megabytes). */
static void expect_limit(const char *fixture, size_t sheet, void (*lower)(jx_wb_limits *),
                         const char *error)
{
	book b;
	jx_wb_limits lim;

	assert_int_equal(open_book(&b, fixture, 0), JX_OK);
	jx_wb_limits_default(&lim);
	lower(&lim);
	jx_workbook_set_limits(b.wb, &lim);
	assert_int_equal(jx_workbook_read_sheet(&b.sheet, b.wb, sheet, b.diags), JX_EDATA);
	assert_null(b.sheet);
	expect_error(b.diags, fixture, error);
	close_book(&b);
}

static void lower_cells(jx_wb_limits *l)
{
	l->cells = 5;
}
static void lower_merge_fill(jx_wb_limits *l)
{
	l->cells = 30; /* 23 cells, 33 once the merges are filled */
}
static void lower_merges(jx_wb_limits *l)
{
	l->merges = 1;
}
static void lower_sst_count(jx_wb_limits *l)
{
	l->sst_count = 2;
}
static void lower_sst_bytes(jx_wb_limits *l)
{
	l->sst_bytes = 40;
}
static void lower_sheet_xml(jx_wb_limits *l)
{
	l->sheet_xml = 500;
}
static void lower_string(jx_wb_limits *l)
{
	l->string_bytes = 4;
}
static void lower_ratio(jx_wb_limits *l)
{
	l->ratio = 2;
	l->ratio_from = 0;
}
static void lower_styles(jx_wb_limits *l)
{
	l->styles = 3;
}

static void limits(void **state)
{
	(void)state;
	expect_limit(FIXTURE("openpyxl.xlsx"), 0, lower_cells, "sheet '自评表': more than 5 cells");
	expect_limit(FIXTURE("openpyxl.xlsx"), 0, lower_merge_fill,
	             "more than 30 cells once the merged ranges are filled");
	expect_limit(FIXTURE("openpyxl.xlsx"), 0, lower_merges, "more than 1 merged ranges");
	expect_limit(FIXTURE("libreoffice.xlsx"), 0, lower_sst_count,
	             "xl/sharedStrings.xml: more than 2 shared strings");
	expect_limit(FIXTURE("libreoffice.xlsx"), 0, lower_sst_bytes,
	             "xl/sharedStrings.xml: shared strings larger than 40 bytes");
	expect_limit(FIXTURE("libreoffice.xlsx"), 0, lower_sheet_xml,
	             "xl/worksheets/sheet1.xml inflates to more than 500 bytes");
	expect_limit(FIXTURE("openpyxl.xlsx"), 0, lower_string, "a string longer than 4 bytes");
	expect_limit(FIXTURE("libreoffice.xlsx"), 0, lower_ratio, "(a zip bomb?)");
	expect_limit(FIXTURE("libreoffice.xlsx"), 0, lower_styles, "more than 3 formats");
}

/* ---- threads ------------------------------------------------------------------------------- */

/* No state is shared: threads read workbooks of their own at once. No
 * cmocka assertion runs off the main thread; a failure is returned. */
static void *read_all(void *arg)
{
	const char *path = arg, *failed = NULL;
	FILE *f = fopen(path, "rb");
	char *data = malloc(1 << 20);
	size_t len = f && data ? fread(data, 1, 1 << 20, f) : 0;

	if (f)
		fclose(f);
	for (int round = 0; round < 3 && len && !failed; round++) {
		jx_diagnostics *d = NULL;
		jx_workbook *wb = NULL;
		if (jx_diagnostics_new(&d) != JX_OK ||
		    jx_workbook_open(&wb, path, round ? NULL : path, data, len, d) != JX_OK)
			failed = "open";
		for (size_t i = 0; !failed && i < jx_workbook_sheet_count(wb); i++) {
			jx_sheet *s = NULL;
			if (jx_workbook_read_sheet(&s, wb, i, d) != JX_OK)
				failed = "read";
			jx_sheet_free(s);
		}
		jx_workbook_close(wb);
		jx_diagnostics_free(d);
	}
	free(data);
	return (void *)(len ? failed : "slurp");
}

static void threads(void **state)
{
	static const char *paths[] = {FIXTURE("openpyxl.xlsx"), FIXTURE("libreoffice.xls"),
	                              FIXTURE("libreoffice.xlsx"), FIXTURE("prefixed.xlsx")};
	pthread_t t[4];

	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, read_all, (void *)paths[i]), 0);
	for (int i = 0; i < 4; i++) {
		void *failed;
		assert_int_equal(pthread_join(t[i], &failed), 0);
		assert_null(failed);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sniffing),
	    cmocka_unit_test(references),
	    cmocka_unit_test(number_texts),
	    cmocka_unit_test(written_numbers),
	    cmocka_unit_test(percent_texts),
	    cmocka_unit_test(date_texts),
	    cmocka_unit_test(openpyxl_book),
	    cmocka_unit_test(libreoffice_xlsx),
	    cmocka_unit_test(libreoffice_xls),
	    cmocka_unit_test(xls_from_bytes),
	    cmocka_unit_test(biff7_cp936),
	    cmocka_unit_test(prefixed_book),
	    cmocka_unit_test(rich_book),
	    cmocka_unit_test(hostile_files),
	    cmocka_unit_test(limits),
	    cmocka_unit_test(threads),
	    cmocka_unit_test(excel_and_wps_books),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
