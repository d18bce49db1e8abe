/*
 * csv.h - an RFC 4180 reader over a buffer in memory: no allocation per field.
 *
 * Fields come back as spans into the buffer; only a quoted field holding ""
 * needs unescaping, into a scratch buffer the caller provides. A UTF-8 BOM is
 * skipped. Fields are separated by commas, or by TABs when the first line
 * has TABs and no comma (a spreadsheet's "Text (Tab delimited)"). CRLF and LF both end records.
 * Every field knows its line and column (1-based; column counts characters, jx_csv_col) for
 * messages.
 */
#ifndef JX_CSV_H
#define JX_CSV_H

#include <stddef.h>

#include "../common/utf8.h"

typedef struct {
	const char *data; /* points into the input, or into the scratch buffer */
	size_t len;
	int quoted;
	int line;               /* where the field starts */
	const char *line_begin; /* that line's first byte in the input */
	const char *at;         /* the field's first byte in the input (its quote) */
} jx_csv_field;

/* The 1-based character column where the field starts. Counted when asked
 * (for a message), not for every field read. */
static inline int jx_csv_col(const jx_csv_field *f)
{
	if (!f->line_begin) /* a field that was not read: no place */
		return 0;
	return 1 + (int)jx_utf8_chars(f->line_begin, (size_t)(f->at - f->line_begin));
}

typedef struct {
	const char *buf;
	size_t len;
	size_t pos;
	int line;
	size_t line_start; /* byte offset where the current line starts */
	size_t max_field;  /* longest field accepted (default 1 MiB) */
	char delim;        /* ',' or, when the first line has TABs and no comma, '\t' */
} jx_csv_reader;

typedef enum {
	JX_CSV_RECORD = 1, /* *fields holds the record */
	JX_CSV_END = 0,    /* no more records */
	JX_CSV_ERROR = -1  /* see reader error fields */
} jx_csv_status;

typedef struct {
	int line, col;
	const char *message; /* static, e.g. "unterminated quoted field" */
} jx_csv_error;

void jx_csv_init(jx_csv_reader *r, const char *buf, size_t len);

/* Reads the next record into fields[0..*n) (at most max_fields; extra fields
 * are counted in *n but not stored, so a ragged row is detected). Unescaped
 * text of quoted fields is written into scratch (scratch_size bytes); the
 * fields point there. Blank lines are skipped. On JX_CSV_ERROR *err says
 * where; the reader skips to the next line so the caller can go on. */
jx_csv_status jx_csv_next(jx_csv_reader *r, jx_csv_field *fields, size_t max_fields, size_t *n,
                          char *scratch, size_t scratch_size, jx_csv_error *err);

#endif
