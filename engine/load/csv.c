/*
 * csv.c - RFC 4180 reader over a buffer in memory (see csv.h).
 *
 * The reader never allocates and never reads past len (the buffer need not
 * be NUL-terminated). A field is a span into the buffer; a quoted field is
 * the span between its quotes, unless it holds "" escapes, in which case its
 * unescaped text is written to the caller's scratch buffer, shared by all
 * the fields of one record.
 *
 * Records end at CR LF, LF or a lone CR, also inside quotes for line
 * counting (the field keeps the raw line-end bytes). Empty lines are skipped;
 * a line holding only spaces is a record. A quote inside an unquoted field is
 * kept as text (5" screen), leniently; text after a closing quote is an error.
 *
 * Errors point at: the opening quote (unterminated quoted field), the
 * offending character (text after a closing quote, NUL byte), the field start
 * (field too long, scratch buffer too small). After an error the reader goes
 * on at the start of the line after the one the error points at, so one bad
 * line costs one record and the caller can report several errors per file.
 */
#include "csv.h"

#include <stdint.h>
#include <string.h>

#include "../common/utf8.h"

#define CSV_DEFAULT_MAX_FIELD ((size_t)1 << 20)

/* State of one jx_csv_next call. */
typedef struct {
	jx_csv_reader *r;
	jx_csv_error *err;
	char *scratch; /* unescaped quoted fields of this record */
	size_t scratch_size;
	size_t scratch_used;
	size_t limit;    /* longest field accepted, in bytes */
	size_t col_base; /* line start for which col_off/col hold */
	size_t col_off;  /* byte offset whose column is col */
	int col;
} csv_scan;

/* Spreadsheets save "Text (Tab delimited)" and "Unicode Text" with TABs:
 * a first line with a TAB and no comma is read with TAB between fields. */
static char csv_first_line_delimiter(const char *s, size_t len)
{
	size_t tabs = 0, commas = 0;
	for (size_t i = 0; i < len && s[i] != '\n' && s[i] != '\r'; i++) {
		tabs += s[i] == '\t';
		commas += s[i] == ',';
	}
	return tabs && !commas ? '\t' : ',';
}

void jx_csv_init(jx_csv_reader *r, const char *buf, size_t len)
{
	if (!r)
		return;
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = buf ? len : 0;
	r->line = 1;
	r->max_field = CSV_DEFAULT_MAX_FIELD;
	if (r->len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	r->line_start = r->pos;
	r->delim = csv_first_line_delimiter(r->buf + r->pos, r->len - r->pos);
}

static int csv_is_eol(char c)
{
	return c == '\n' || c == '\r';
}

/* Consumes the line end at r->pos: CR LF, LF or a lone CR. */
static void csv_newline(jx_csv_reader *r)
{
	if (r->buf[r->pos] == '\r' && r->pos + 1 < r->len && r->buf[r->pos + 1] == '\n')
		r->pos++;
	r->pos++;
	r->line++;
	r->line_start = r->pos;
}

/* 1-based character column of byte offset off on the current line. Offsets
 * asked for only grow within a line, so characters are counted once. */
static int csv_col(csv_scan *s, size_t off)
{
	const jx_csv_reader *r = s->r;

	if (s->col_base != r->line_start || off < s->col_off) {
		s->col_base = r->line_start;
		s->col_off = r->line_start;
		s->col = 1;
	}
	s->col += (int)jx_utf8_chars(r->buf + s->col_off, off - s->col_off);
	s->col_off = off;
	return s->col;
}

/* Records the error, then moves the reader to the line after the one at
 * byte offset off (which is line `line`). Returns JX_CSV_ERROR. */
static int csv_fail(csv_scan *s, size_t off, int line, int col, const char *message)
{
	jx_csv_reader *r = s->r;

	s->err->line = line;
	s->err->col = col;
	s->err->message = message;
	r->pos = off;
	r->line = line;
	while (r->pos < r->len && !csv_is_eol(r->buf[r->pos]))
		r->pos++;
	if (r->pos < r->len)
		csv_newline(r);
	else
		r->line_start = r->pos;
	return JX_CSV_ERROR;
}

/* An error at the reader's position. */
static int csv_fail_here(csv_scan *s, const char *message)
{
	jx_csv_reader *r = s->r;

	return csv_fail(s, r->pos, r->line, csv_col(s, r->pos), message);
}

/* Bytes that end an unquoted field (or are an error in it). */
static const unsigned char csv_stops[256] = {['\0'] = 1, [','] = 1, ['\n'] = 1, ['\r'] = 1};
static const unsigned char tsv_stops[256] = {['\0'] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1};

static int csv_unquoted(csv_scan *s, jx_csv_field *f)
{
	jx_csv_reader *r = s->r;
	const unsigned char *buf = (const unsigned char *)r->buf;
	size_t start = r->pos, i = start, len = r->len;
	const unsigned char *stops = r->delim == '\t' ? tsv_stops : csv_stops;

	/* the hot loop of reading a batch: a local index, one table lookup */
	while (i < len && !stops[buf[i]])
		i++;
	r->pos = i;
	if (i < len && buf[i] == '\0')
		return csv_fail_here(s, "NUL byte in field");
	if (r->pos - start > s->limit)
		return csv_fail(s, start, f->line, jx_csv_col(f), "field too long");
	f->data = r->buf + start;
	f->len = r->pos - start;
	return 0;
}

/* Copies buf[start..end) into scratch with each "" made one ". */
static int csv_unescape(csv_scan *s, jx_csv_field *f, size_t start, size_t end, size_t n)
{
	const char *src = s->r->buf;
	char *dst;
	size_t i, k = 0;

	if (n > s->scratch_size - s->scratch_used)
		return csv_fail(s, start - 1, f->line, jx_csv_col(f),
		                "quoted field does not fit the scratch buffer");
	dst = s->scratch + s->scratch_used;
	for (i = start; i < end; i++) {
		dst[k++] = src[i];
		if (src[i] == '"')
			i++;
	}
	s->scratch_used += n;
	f->data = dst;
	f->len = n;
	return 0;
}

/* Finds the closing quote of the field opening at r->pos; *escapes counts
 * the "" pairs. Leaves r->pos on the closing quote. */
static int csv_scan_quoted(csv_scan *s, jx_csv_field *f, size_t *escapes)
{
	jx_csv_reader *r = s->r;
	size_t open = r->pos, start = r->pos + 1;

	*escapes = 0;
	r->pos = start;
	for (;;) {
		char c;

		if (r->pos - start - *escapes > s->limit)
			return csv_fail(s, open, f->line, jx_csv_col(f), "field too long");
		if (r->pos >= r->len)
			return csv_fail(s, open, f->line, jx_csv_col(f),
			                "unterminated quoted field");
		c = r->buf[r->pos];
		if (c == '"') {
			if (r->pos + 1 >= r->len || r->buf[r->pos + 1] != '"')
				return 0;
			(*escapes)++;
			r->pos += 2;
		} else if (c == '\0') {
			return csv_fail_here(s, "NUL byte in field");
		} else if (csv_is_eol(c)) {
			csv_newline(r);
		} else {
			r->pos++;
		}
	}
}

static int csv_quoted(csv_scan *s, jx_csv_field *f, int store)
{
	jx_csv_reader *r = s->r;
	size_t start = r->pos + 1, end, escapes;

	if (csv_scan_quoted(s, f, &escapes) != 0)
		return JX_CSV_ERROR;
	end = r->pos++;
	if (r->pos < r->len && r->buf[r->pos] != r->delim && !csv_is_eol(r->buf[r->pos]))
		return csv_fail_here(s, "unexpected text after closing quote");
	f->quoted = 1;
	if (escapes && store)
		return csv_unescape(s, f, start, end, end - start - escapes);
	f->data = r->buf + start;
	f->len = end - start - escapes; /* escaped and not stored: length only */
	return 0;
}

static void csv_skip_blank_lines(jx_csv_reader *r)
{
	while (r->pos < r->len && csv_is_eol(r->buf[r->pos]))
		csv_newline(r);
}

static void csv_scan_init(csv_scan *s, jx_csv_reader *r, char *scratch, size_t scratch_size,
                          jx_csv_error *err)
{
	memset(s, 0, sizeof(*s));
	s->r = r;
	s->err = err;
	s->scratch = scratch;
	s->scratch_size = scratch ? scratch_size : 0;
	s->limit = r->max_field ? r->max_field : SIZE_MAX;
	s->col_base = SIZE_MAX; /* nothing counted yet */
}

jx_csv_status jx_csv_next(jx_csv_reader *r, jx_csv_field *fields, size_t max_fields, size_t *n,
                          char *scratch, size_t scratch_size, jx_csv_error *err)
{
	jx_csv_error ignored;
	csv_scan s;
	size_t count = 0;

	if (!err)
		err = &ignored;
	if (!r || !n || (max_fields > 0 && !fields)) {
		err->line = err->col = 0;
		err->message = "invalid argument";
		return JX_CSV_ERROR;
	}
	*n = 0;
	csv_skip_blank_lines(r);
	if (r->pos >= r->len)
		return JX_CSV_END;
	csv_scan_init(&s, r, scratch, scratch_size, err);
	jx_csv_field extra = {0}; /* fields past max_fields: counted, not kept */
	for (;;) {
		jx_csv_field *f = count < max_fields ? &fields[count] : &extra;
		int rc;

		f->line = r->line;
		f->line_begin = r->buf + r->line_start;
		f->at = r->buf + r->pos;
		f->quoted = 0;
		if (r->pos < r->len && r->buf[r->pos] == '"')
			rc = csv_quoted(&s, f, f != &extra);
		else
			rc = csv_unquoted(&s, f);
		if (rc != 0)
			return JX_CSV_ERROR;
		count++;
		if (r->pos >= r->len)
			break;
		if (r->buf[r->pos] != r->delim) {
			csv_newline(r);
			break;
		}
		r->pos++;
	}
	*n = count;
	return JX_CSV_RECORD;
}
