/*
 * diag.c - the jx_diagnostics handle: a growable list of located messages.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

typedef struct {
	jx_severity severity;
	char *file;
	int line, col;
	char *sheet;
	char *message;
} diag_entry;

struct jx_diagnostics {
	diag_entry *items;
	size_t n, cap;
	size_t errors;
};

int jx_diagnostics_new(jx_diagnostics **out)
{
	if (!out)
		return JX_EINVAL;
	*out = calloc(1, sizeof(**out));
	return *out ? JX_OK : JX_ENOMEM;
}

void jx_diagnostics_free(jx_diagnostics *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].sheet);
		free(d->items[i].message);
	}
	free(d->items);
	free(d);
}

size_t jx_diagnostics_count(const jx_diagnostics *d)
{
	return d ? d->n : 0;
}

size_t jx_diagnostics_error_count(const jx_diagnostics *d)
{
	return d ? d->errors : 0;
}

int jx_diagnostics_get(jx_diagnostic *out, const jx_diagnostics *d, size_t i)
{
	if (!out || !d || i >= d->n)
		return JX_EINVAL;
	const diag_entry *e = &d->items[i];
	out->severity = e->severity;
	out->file = e->file ? e->file : "";
	out->line = e->line;
	out->col = e->col;
	out->message = e->message;
	out->sheet = e->sheet;
	return JX_OK;
}

static void diag_vadd(jx_diagnostics *d, jx_severity sev, jx_loc loc, const char *fmt, va_list ap)
{
	if (!d)
		return;
	jx_buf msg = {0};
	jx_buf_vprintf(&msg, fmt, ap);
	diag_entry e = {sev,     loc.file ? strdup(loc.file) : NULL,   loc.line,
	                loc.col, loc.sheet ? strdup(loc.sheet) : NULL, msg.data};
	if (!e.message)
		e.message = strdup("(out of memory)");
	if (JX_VEC_PUSH(*d, e) != 0) {
		free(e.file);
		free(e.sheet);
		free(e.message);
		return;
	}
	if (sev == JX_SEV_ERROR)
		d->errors++;
}

void jx_diag_note(jx_diagnostics *d, jx_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, JX_SEV_NOTE, loc, fmt, ap);
	va_end(ap);
}

void jx_diag_error(jx_diagnostics *d, jx_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, JX_SEV_ERROR, loc, fmt, ap);
	va_end(ap);
}

void jx_diag_warning(jx_diagnostics *d, jx_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, JX_SEV_WARNING, loc, fmt, ap);
	va_end(ap);
}

/* "H" for column 8 (1-based), "AA" for 27. */
static void column_letters(char *buf, int col)
{
	char rev[8];
	int n = 0;
	for (; col > 0 && n < 7; col = (col - 1) / 26)
		rev[n++] = (char)('A' + (col - 1) % 26);
	for (int i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	buf[n] = '\0';
}

void jx_loc_format(char *buf, size_t size, jx_loc loc)
{
	const char *file = loc.file ? loc.file : "";
	char letters[8];
	if (loc.sheet && loc.line > 0 && loc.col > 0) {
		column_letters(letters, loc.col);
		snprintf(buf, size, "%s:%s!%s%d", file, loc.sheet, letters, loc.line);
	} else if (loc.sheet)
		snprintf(buf, size, "%s:%s", file, loc.sheet);
	else if (loc.line > 0 && loc.col > 0)
		snprintf(buf, size, "%s:%d:%d", file, loc.line, loc.col);
	else if (loc.line > 0)
		snprintf(buf, size, "%s:%d", file, loc.line);
	else
		snprintf(buf, size, "%s", file);
}

int jx_diagnostic_where(char *buf, size_t size, const jx_diagnostic *dg)
{
	if (!buf || !size || !dg)
		return -1;
	jx_loc_format(buf, size, (jx_loc){dg->file, dg->line, dg->col, dg->sheet});
	return (int)strlen(buf);
}

static const char *severity_word(jx_severity s)
{
	switch (s) {
	case JX_SEV_ERROR:
		return "error";
	case JX_SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

/* Prints the source line `line` of `file` and a caret under column `col`.
 * Columns count characters (UTF-8 code points), as editors do. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return 1;
	return 0;
}

static void print_source_line(jx_buf *out, const char *file, int line, int col)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		return;
	char text[1024];
	int current = 1;
	int found = 0;
	while (fgets(text, sizeof(text), f)) {
		size_t len = strlen(text);
		if (current == line) {
			found = 1;
			while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
				text[--len] = '\0';
			break;
		}
		if (len && text[len - 1] == '\n')
			current++;
	}
	fclose(f);
	size_t bad;
	if (!found || !jx_utf8_valid(text, strlen(text), &bad) || has_control(text))
		return; /* not the text the location was in (a buffer's name, a binary) */
	jx_buf_printf(out, "  %s\n  ", text);
	/* Pad with the same bytes as the source up to the column so tabs and
	 * wide characters line up as in the line above. */
	const unsigned char *p = (const unsigned char *)text;
	for (int c = 1; c < col && *p; c++) {
		if (*p == '\t') {
			jx_buf_putc(out, '\t');
			p++;
			continue;
		}
		int wide = *p >= 0xE3 && *p <= 0xEF; /* CJK in UTF-8: 2 columns */
		jx_buf_puts(out, wide ? "  " : " ");
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	jx_buf_puts(out, "^\n");
}

int jx_diagnostics_write(const jx_diagnostics *d, jx_write_fn write, void *ctx)
{
	if (!d || !write)
		return JX_EINVAL;
	int rc = JX_OK;
	for (size_t i = 0; i < d->n && rc == JX_OK; i++) {
		const diag_entry *e = &d->items[i];
		char where[512];
		jx_buf line = {0};
		jx_loc_format(where, sizeof(where), (jx_loc){e->file, e->line, e->col, e->sheet});
		jx_buf_printf(&line, "%s: %s: %s\n", where[0] ? where : "jixiao",
		              severity_word(e->severity), e->message);
		if (e->file && !e->sheet && e->line > 0 && e->col > 0)
			print_source_line(&line, e->file, e->line, e->col);
		if (line.failed)
			rc = JX_ENOMEM;
		else if (write(ctx, line.data, line.len) != 0)
			rc = JX_EIO;
		jx_buf_free(&line);
	}
	return rc;
}
