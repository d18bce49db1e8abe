/*
 * xlsx_impl.h - what the two halves of the .xlsx reader share: the reader's
 * state, and the walker that streams one XML part through expat
 * (xlsx.c: the package, its relationships and the workbook part;
 * xlsx_sheet.c: shared strings, styles and worksheets).
 */
#ifndef JX_XLSX_IMPL_H
#define JX_XLSX_IMPL_H

#include <expat.h>
#include <string.h>
#include <zip.h>

#include "../../common/buf.h"
#include "workbook_impl.h"

/* What a number format writes before and after a number ("≤" and "天"). */
typedef struct {
	const char *prefix, *suffix; /* in the workbook's arena; NULL: none */
} jx_xf_affix;

struct jx_xlsx {
	zip_t *zip;
	uint64_t size; /* of the archive, bounding any member's compressed bytes */
	jx_arena *arena;
	const char **parts;                 /* each sheet's part, in wb->names' order */
	const char *sst_part, *styles_part; /* NULL: the workbook has none */
	int date1904;
	int loaded; /* shared strings and styles read */
	/* The shared strings: string i is sst_text.data + sst_offs[i], its
	 * length sst_offs[i + 1] - sst_offs[i] - 1 (each ends with a NUL). */
	jx_buf sst_text;
	struct {
		uint32_t *items;
		size_t n, cap;
	} sst_offs;
	/* How each cell format (cellXfs entry, a cell's s="") shows numbers. */
	struct {
		uint8_t *items;
		size_t n, cap;
	} xf_kind;
	/* The text its number format writes around a number ("≤"0"天"), per
	 * cell format; none (n == 0) when no format writes any. */
	struct {
		jx_xf_affix *items;
		size_t n, cap;
	} xf_affix;
};

/* ---- walking an XML part ----------------------------------------------------- */

typedef struct xml_walk xml_walk;

/* Called with the element's id (its local name's index in `names`, plus
 * one; 0 for names the part does not care about). */
typedef void (*walk_start_fn)(xml_walk *w, int id, const XML_Char **attrs);
typedef void (*walk_end_fn)(xml_walk *w, int id);

struct xml_walk {
	XML_Parser parser;
	const char *part; /* for messages */
	const char *const *names;
	walk_start_fn start;
	walk_end_fn end;
	unsigned char stack[JX_WB_MAX_XML_DEPTH]; /* ids of the open elements */
	int depth;
	int collect; /* character data goes into text */
	jx_buf text; /* the value being read */
	size_t max_text;
	int rc;        /* JX_OK, or why the walk stopped */
	char why[400]; /* the message, when rc is not JX_OK */
};

static inline const char *local_name(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon ? colon + 1 : name;
}

/* An attribute by its local name ("id" finds r:id), or NULL. */
static inline const char *xml_attr(const XML_Char **attrs, const char *local)
{
	for (; attrs[0]; attrs += 2)
		if (strcmp(local_name(attrs[0]), local) == 0)
			return attrs[1];
	return NULL;
}

/* The id of the element `up` levels above the current one (0: itself). */
static inline int walk_up(const xml_walk *w, int up)
{
	return w->depth - 1 - up >= 0 ? w->stack[w->depth - 1 - up] : -1;
}

static inline int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void jx_walk_init(xml_walk *w, const char *const *names, walk_start_fn start, walk_end_fn end,
                  size_t max_text);
/* Stops the walk with a message about the data ("cell B3: ..."); an empty
 * message when it was reported already (by the sheet builder). */
void jx_walk_fail(xml_walk *w, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Stops the walk with a message located at the parser's position. */
void jx_walk_fail_at(xml_walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Streams `part` (inflating at most `cap` bytes) through the walker, then
 * reports its failure as "file: [sheet 'name': ]message" and frees it. */
int jx_walk_report(jx_workbook *wb, const char *sheet, const char *part, uint64_t cap, xml_walk *w,
                   jx_diagnostics *diags);

/* "256 MiB", or the bytes when not whole MiB (lowered test limits). */
void jx_xlsx_describe_size(char *buf, size_t size, uint64_t bytes);
/* A decimal of digits only, at most max; 0, or -1. */
int jx_xlsx_parse_uint(const char *s, uint64_t max, uint64_t *out);
/* Drops the shared strings and styles read with the first sheet. */
void jx_xlsx_forget_tables(jx_xlsx *x);

#endif
