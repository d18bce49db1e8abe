/*
 * fuzz_xlsx.c - fuzz target for the .xlsx reader (engine/load/workbook/,
 * docs/data.md §3.4): jx_workbook_open on the bytes, then every sheet read.
 *
 * An input is either a zip (starting "PK\3\4", e.g. the fixtures copied to
 * fixtures/fuzz/xlsx/book-*) or, so that mutations reach the XML instead of
 * breaking the zip's checksums, the text form of one: "== name" lines, each
 * followed by that part's bytes, packed into a stored zip here with libzip
 * (fixtures/fuzz/xlsx/parts-*.txt). Text without a "== " line is taken as
 * the worksheet of a one-sheet workbook.
 *
 * .xls inputs (OLE2) are skipped: FreeXL is upstream's to fuzz, and its
 * known costs are listed in docs/fuzzing.md ("Workbooks").
 *
 * Checks: a failed open or read leaves an error; every sheet's cells are
 * sorted, inside n_rows x n_cols, found by jx_sheet_cell, their text valid
 * UTF-8 of `len` bytes; merges are ordered ranges; a merge copy lies in one.
 * JX_FUZZ_VERBOSE=1 prints each input's sheets and messages (to see what a
 * seed reaches: `JX_FUZZ_VERBOSE=1 build/fuzz/replay_xlsx FILE`).
 */
#include <zip.h>

#include "common/utf8.h"
#include "fuzz_common.h"
#include "load/workbook/workbook_impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTS 64

typedef struct {
	char name[256];
	const uint8_t *data;
	size_t len;
} part;

static const char one_sheet_book[] =
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>";
static const char one_sheet_rels[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";

/* Splits "== name\n<bytes>\n== name\n..." into parts. */
static size_t split_parts(const uint8_t *data, size_t size, part *parts)
{
	size_t n = 0, i = 0;

	while (i + 3 <= size && memcmp(data + i, "== ", 3) == 0 && n < MAX_PARTS) {
		const uint8_t *eol = memchr(data + i, '\n', size - i);
		size_t end = eol ? (size_t)(eol - data) : size;
		size_t name_len = end - i - 3;
		if (name_len == 0 || name_len >= sizeof(parts[n].name) ||
		    memchr(data + i + 3, '\0', name_len))
			break;
		memcpy(parts[n].name, data + i + 3, name_len);
		parts[n].name[name_len] = '\0';
		size_t start = end < size ? end + 1 : size, stop = start;
		while (stop < size && !(data[stop] == '\n' && stop + 4 <= size &&
		                        memcmp(data + stop + 1, "== ", 3) == 0))
			stop++;
		parts[n].data = data + start;
		parts[n].len = stop - start;
		n++;
		i = stop < size ? stop + 1 : size;
	}
	return n;
}

/* The parts as a stored zip, malloc'd; NULL when libzip will not have it. */
static uint8_t *pack(const part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_stat_t st;
	uint8_t *out = NULL;

	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	FUZZ_CHECK(src != NULL);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	FUZZ_CHECK(za != NULL);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *ps = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
		FUZZ_CHECK(ps != NULL);
		zip_int64_t idx = zip_file_add(za, parts[i].name, ps, ZIP_FL_OVERWRITE);
		if (idx < 0)
			zip_source_free(ps);
		else
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) != 0)
		zip_discard(za);
	else if (zip_source_open(src) == 0) {
		if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > 0 &&
		    (out = malloc(st.size)) != NULL) {
			if (zip_source_read(src, out, st.size) == (zip_int64_t)st.size) {
				*len = st.size;
			} else {
				free(out);
				out = NULL;
			}
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

static void check_sheet(const jx_sheet *s)
{
	FUZZ_CHECK(s->name && jx_utf8_valid(s->name, strlen(s->name), NULL));
	for (size_t i = 0; i < s->n_merges; i++) {
		const jx_merge *m = &s->merges[i];
		FUZZ_CHECK(m->first_row <= m->last_row && m->first_col <= m->last_col);
		FUZZ_CHECK(m->last_row < JX_WB_MAX_ROW && m->last_col < JX_WB_MAX_COL);
	}
	for (size_t i = 0; i < s->n_cells; i++) {
		const jx_cell *c = &s->cells[i];
		FUZZ_CHECK(c->row < s->n_rows && c->col < s->n_cols);
		FUZZ_CHECK(c->text && strlen(c->text) == c->len && c->len > 0);
		FUZZ_CHECK(jx_utf8_valid(c->text, c->len, NULL));
		FUZZ_CHECK(c->kind <= JX_CELL_ERROR);
		FUZZ_CHECK(jx_sheet_cell(s, c->row, c->col) == c);
		if (i > 0) {
			const jx_cell *p = c - 1;
			FUZZ_CHECK(p->row < c->row || (p->row == c->row && p->col < c->col));
		}
		if (c->from_merge && s->n_merges <= 64) {
			int inside = 0;
			for (size_t k = 0; k < s->n_merges && !inside; k++) {
				const jx_merge *m = &s->merges[k];
				inside = c->row >= m->first_row && c->row <= m->last_row &&
				         c->col >= m->first_col && c->col <= m->last_col;
			}
			FUZZ_CHECK(inside);
		}
	}
	FUZZ_CHECK(s->n_cells == 0 || s->n_rows == s->cells[s->n_cells - 1].row + 1);
}

static void read_book(const uint8_t *data, size_t size)
{
	jx_diagnostics *d = NULL;
	jx_workbook *wb = NULL;
	jx_wb_limits lim;

	FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
	int rc = jx_workbook_open(&wb, "fuzz.xlsx", NULL, data, size, d);
	FUZZ_CHECK(rc == JX_OK || rc == JX_EDATA);
	fz_check_diags(d, rc != JX_OK);
	if (rc == JX_OK) {
		/* Smaller limits keep a run fast; the checks are the same. */
		jx_wb_limits_default(&lim);
		lim.sheet_xml = lim.sst_xml = 16u << 20;
		lim.cells = 200000;
		jx_workbook_set_limits(wb, &lim);
		for (size_t i = 0; i < jx_workbook_sheet_count(wb); i++) {
			const char *name = jx_workbook_sheet_name(wb, i);
			FUZZ_CHECK(name && jx_utf8_valid(name, strlen(name), NULL));
			jx_sheet *s = NULL;
			size_t errors = jx_diagnostics_error_count(d);
			rc = jx_workbook_read_sheet(&s, wb, i, d);
			FUZZ_CHECK(rc == JX_OK || rc == JX_EDATA);
			FUZZ_CHECK((rc == JX_OK) == (s != NULL));
			FUZZ_CHECK(rc == JX_OK || jx_diagnostics_error_count(d) > errors);
			if (s)
				check_sheet(s);
			if (getenv("JX_FUZZ_VERBOSE"))
				fprintf(stderr, "  sheet '%s': %zu cells, %zu merges\n", name,
				        s ? s->n_cells : 0, s ? s->n_merges : 0);
			jx_sheet_free(s);
		}
		fz_check_diags(d, 0);
	}
	if (getenv("JX_FUZZ_VERBOSE"))
		jx_diagnostics_write(d, write_stream, stderr);
	jx_workbook_close(wb);
	jx_diagnostics_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	part parts[MAX_PARTS];
	size_t n, len = 0;

	switch (jx_workbook_sniff(data, size)) {
	case JX_WORKBOOK_XLSX:
		read_book(data, size);
		return 0;
	case JX_WORKBOOK_XLS:
		return 0;
	default:
		break;
	}
	if ((n = split_parts(data, size, parts)) == 0) {
		parts[0] = (part){"xl/workbook.xml", (const uint8_t *)one_sheet_book,
		                  sizeof(one_sheet_book) - 1};
		parts[1] = (part){"xl/_rels/workbook.xml.rels", (const uint8_t *)one_sheet_rels,
		                  sizeof(one_sheet_rels) - 1};
		parts[2] = (part){"xl/worksheets/sheet1.xml", data, size};
		n = 3;
	}
	uint8_t *zip = pack(parts, n, &len);
	if (zip)
		read_book(zip, len);
	free(zip);
	return 0;
}
