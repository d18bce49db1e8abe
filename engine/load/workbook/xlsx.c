/*
 * xlsx.c - reading .xlsx (Office Open XML spreadsheets) with libzip and
 * expat: no zip or XML parsing of our own (docs/design.md §7).
 *
 * A workbook is a zip of XML parts tied together by relationship parts:
 * _rels/.rels names the workbook part (xl/workbook.xml), whose .rels names
 * each sheet's part, the shared strings and the styles. Opening reads the
 * workbook and its relationships only; the shared strings and the styles
 * are read with the first sheet, and each sheet when it is asked for.
 *
 * Every part is streamed: inflated 64 KiB at a time by zip_fread straight
 * into expat's buffer, so no part is ever held whole, and the bytes
 * inflated are counted as they come (the sizes a zip declares are not
 * trusted): a part past its limit, or inflating more than 1000 bytes per
 * compressed byte (a zip bomb), stops the read. Documents with a DOCTYPE
 * are refused (no entity can be declared, so none can expand), elements
 * nest at most 64 deep, and a string is at most 1 MiB. The limits are in
 * workbook_impl.h and docs/fuzzing.md ("Workbooks").
 *
 * This file reads the package: the zip, the walker that streams a part
 * through expat, the relationships and the workbook part; xlsx_sheet.c
 * reads shared strings, styles and worksheets.
 *
 * Excel, WPS, LibreOffice, openpyxl and libxlsxwriter write the same parts
 * differently: with the main namespace as default or behind a prefix
 * (<x:c>), with or without sharedStrings (inline strings), with absolute
 * or relative relationship targets, with or without r="B3" on rows and
 * cells, with a <dimension> that may not match the cells. Elements and
 * attributes are therefore matched by their local name (what follows the
 * last ':'), targets are resolved as URIs against the part they come from,
 * and the dimension is ignored: the cells are what they are.
 */
#include "xlsx_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../common/c_locale.h"
#include "../../common/strmap.h"
#include "../../common/utf8.h"

#define XML_CHUNK     65536 /* bytes inflated and parsed at a time */
#define MAX_PART_NAME 1024  /* a part's path inside the zip */

static void walk_vfail(xml_walk *w, int rc, int at, const char *fmt, va_list ap)
{
	if (w->rc != JX_OK)
		return;
	size_t n = 0;
	if (at && w->parser)
		n = (size_t)snprintf(w->why, sizeof(w->why), "%s:%lu:%lu: ", w->part,
		                     (unsigned long)XML_GetCurrentLineNumber(w->parser),
		                     (unsigned long)XML_GetCurrentColumnNumber(w->parser) + 1);
	if (n < sizeof(w->why))
		jx_vsnprintf(w->why + n, sizeof(w->why) - n, fmt, ap);
	w->rc = rc;
	if (w->parser) /* not yet when the part cannot be opened */
		XML_StopParser(w->parser, XML_FALSE);
}

void jx_walk_fail(xml_walk *w, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	walk_vfail(w, rc, 0, fmt, ap);
	va_end(ap);
}

void jx_walk_fail_at(xml_walk *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	walk_vfail(w, JX_EDATA, 1, fmt, ap);
	va_end(ap);
}

static void XMLCALL on_start(void *user, const XML_Char *name, const XML_Char **attrs)
{
	xml_walk *w = user;
	int id = 0;

	if (w->rc != JX_OK)
		return;
	if (w->depth == JX_WB_MAX_XML_DEPTH) {
		jx_walk_fail_at(w, "elements nested more than %d deep", JX_WB_MAX_XML_DEPTH);
		return;
	}
	const char *local = local_name(name);
	for (int i = 0; w->names[i]; i++)
		if (strcmp(local, w->names[i]) == 0)
			id = i + 1;
	w->stack[w->depth++] = (unsigned char)id;
	if (id && w->start)
		w->start(w, id, attrs);
}

static void XMLCALL on_end(void *user, const XML_Char *name)
{
	xml_walk *w = user;

	(void)name;
	if (w->rc != JX_OK || w->depth == 0)
		return;
	int id = w->stack[w->depth - 1];
	if (id && w->end)
		w->end(w, id);
	w->depth--;
}

static void XMLCALL on_text(void *user, const XML_Char *s, int len)
{
	xml_walk *w = user;

	if (w->rc != JX_OK || !w->collect)
		return;
	if (w->text.len + (size_t)len > w->max_text) {
		jx_walk_fail_at(w, "a string longer than %zu bytes", w->max_text);
		return;
	}
	jx_buf_append(&w->text, s, (size_t)len);
	if (w->text.failed)
		jx_walk_fail(w, JX_ENOMEM, "out of memory");
}

/* Entities are declared in a DOCTYPE; refusing it refuses them all
 * (billion laughs, external entities). No spreadsheet part has one. */
static void XMLCALL on_doctype(void *user, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	jx_walk_fail_at(user, "a DOCTYPE declaration (entities are not accepted)");
}

static void XMLCALL on_entity(void *user, const XML_Char *name, int is_param, const XML_Char *value,
                              int value_len, const XML_Char *base, const XML_Char *sysid,
                              const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid;
	(void)pubid, (void)notation;
	jx_walk_fail_at(user, "an entity declaration (entities are not accepted)");
}

void jx_walk_init(xml_walk *w, const char *const *names, walk_start_fn start, walk_end_fn end,
                  size_t max_text)
{
	memset(w, 0, sizeof(*w));
	w->names = names;
	w->start = start;
	w->end = end;
	w->max_text = max_text;
}

static void walk_free(xml_walk *w)
{
	jx_buf_free(&w->text);
}

void jx_xlsx_describe_size(char *buf, size_t size, uint64_t bytes)
{
	if (bytes % (1u << 20) == 0)
		snprintf(buf, size, "%llu MiB", (unsigned long long)(bytes >> 20));
	else
		snprintf(buf, size, "%llu bytes", (unsigned long long)bytes);
}

/* The zip member named `part` (part names are case-insensitive), or -1. */
static zip_int64_t find_part(const jx_xlsx *x, const char *part)
{
	return zip_name_locate(x->zip, part, ZIP_FL_NOCASE);
}

/* Checks that a member can be read at all; on success *compressed is its
 * compressed size as far as the archive can hold it. */
static int check_member(const jx_xlsx *x, zip_int64_t index, xml_walk *w, uint64_t *compressed)
{
	zip_stat_t st;

	if (zip_stat_index(x->zip, (zip_uint64_t)index, 0, &st) != 0) {
		jx_walk_fail(w, JX_EDATA, "%s: %s", w->part, zip_strerror(x->zip));
		return -1;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		jx_walk_fail(w, JX_EDATA,
		             "%s is encrypted (password-protected entries are not read)", w->part);
		return -1;
	}
	if ((st.valid & ZIP_STAT_COMP_METHOD) &&
	    !zip_compression_method_supported(st.comp_method, 0)) {
		jx_walk_fail(w, JX_EDATA, "%s is compressed with method %u, which cannot be read",
		             w->part, (unsigned)st.comp_method);
		return -1;
	}
	*compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : x->size;
	if (*compressed > x->size)
		*compressed = x->size;
	if (*compressed == 0)
		*compressed = 1;
	return 0;
}

/* Feeds one member to the parser, chunk by chunk, counting what inflates. */
static void stream_member(zip_file_t *zf, uint64_t compressed, uint64_t cap,
                          const jx_wb_limits *lim, xml_walk *w)
{
	uint64_t total = 0;
	char size[32];

	for (;;) {
		void *buf = XML_GetBuffer(w->parser, XML_CHUNK);
		if (!buf) {
			jx_walk_fail(w, JX_ENOMEM, "out of memory");
			return;
		}
		zip_int64_t n = zip_fread(zf, buf, XML_CHUNK);
		if (n < 0) {
			jx_walk_fail(w, JX_EDATA, "%s is damaged: %s", w->part,
			             zip_file_strerror(zf));
			return;
		}
		total += (uint64_t)n;
		if (total > cap) {
			jx_xlsx_describe_size(size, sizeof(size), cap);
			jx_walk_fail(w, JX_EDATA, "%s inflates to more than %s", w->part, size);
			return;
		}
		if (total > lim->ratio_from && total / compressed > lim->ratio) {
			jx_walk_fail(
			    w, JX_EDATA,
			    "%s inflates more than %llu times its compressed size (a zip bomb?)",
			    w->part, (unsigned long long)lim->ratio);
			return;
		}
		if (XML_ParseBuffer(w->parser, (int)n, n == 0) != XML_STATUS_OK) {
			enum XML_Error e = XML_GetErrorCode(w->parser);
			if (w->rc == JX_OK)
				jx_walk_fail_at(
				    w, "%s%s", XML_ErrorString(e),
				    e == XML_ERROR_INVALID_TOKEN
				        ? " (bytes that are not UTF-8, or a character XML "
				          "does not allow)"
				        : "");
			return;
		}
		if (n == 0)
			return;
	}
}

/* Streams `part` through the walker. The walker's rc and why say how it
 * went; reported by the caller. */
static void walk_member(const jx_xlsx *x, const jx_wb_limits *lim, const char *part, uint64_t cap,
                        xml_walk *w)
{
	uint64_t compressed;
	zip_file_t *zf = NULL;

	w->part = part;
	zip_int64_t index = find_part(x, part);
	if (index < 0) {
		jx_walk_fail(w, JX_EDATA, "the part %s is missing", part);
		return;
	}
	if (check_member(x, index, w, &compressed) != 0)
		return;
	if (!(w->parser = XML_ParserCreate(NULL))) {
		jx_walk_fail(w, JX_ENOMEM, "out of memory");
		return;
	}
	XML_SetUserData(w->parser, w);
	XML_SetElementHandler(w->parser, on_start, on_end);
	XML_SetCharacterDataHandler(w->parser, on_text);
	XML_SetStartDoctypeDeclHandler(w->parser, on_doctype);
	XML_SetEntityDeclHandler(w->parser, on_entity);
	if (!(zf = zip_fopen_index(x->zip, (zip_uint64_t)index, 0)))
		jx_walk_fail(w, JX_EDATA, "%s cannot be read: %s", part, zip_strerror(x->zip));
	else
		stream_member(zf, compressed, cap, lim, w);
	if (zf)
		zip_fclose(zf);
	XML_ParserFree(w->parser);
	w->parser = NULL;
}

int jx_walk_report(jx_workbook *wb, const char *sheet, const char *part, uint64_t cap, xml_walk *w,
                   jx_diagnostics *diags)
{
	walk_member(wb->xlsx, &wb->limits, part, cap, w);
	int rc = w->rc;
	/* An empty message: reported already. */
	if (rc != JX_OK && w->why[0])
		jx_wb_error(wb, diags, sheet, "%s", w->why);
	walk_free(w);
	return rc;
}

/* ---- small readers ------------------------------------------------------------ */

int jx_xlsx_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

/* ---- relationships ------------------------------------------------------------ */

typedef struct {
	const char *id, *target, *type; /* type: the last segment of Type */
} rel;

typedef struct {
	xml_walk w;
	jx_xlsx *x;
	const char *base; /* the source part's folder, "xl/" */
	size_t max;
	struct {
		rel *items;
		size_t n, cap;
	} rels;
} rels_walk;

/* "xl/" + "worksheets/sheet1.xml", or "/xl/worksheets/sheet1.xml": the
 * target's path inside the zip, %XX decoded and ".." resolved (RFC 3986
 * §5.2); NULL when too long, not UTF-8 once decoded, or out of memory. */
static const char *resolve_target(jx_arena *arena, const char *base, const char *target)
{
	char path[MAX_PART_NAME];
	size_t n = 0;

	if (*target == '/')
		target++, base = "";
	for (; *base && n < sizeof(path) - 1; base++)
		path[n++] = *base;
	for (; *target && n < sizeof(path) - 1; target++) {
		int hi, lo;
		if (*target == '%' && (hi = hex_value(target[1])) >= 0 &&
		    (lo = hex_value(target[2])) >= 0 && (hi || lo)) {
			path[n++] = (char)(hi << 4 | lo);
			target += 2;
		} else {
			path[n++] = *target;
		}
	}
	path[n] = '\0'; /* %00 is never decoded: no NUL before this one */
	if (*target || *base || !jx_utf8_valid(path, n, NULL))
		return NULL;
	/* Drops "." and empty segments, and ".." with the segment before it. */
	size_t starts[128], depth = 0, out = 0;
	const char *p = path;
	while (*p) {
		const char *seg = p;
		size_t len = strcspn(p, "/");
		p += len + (p[len] == '/');
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			if (depth)
				out = starts[--depth];
			continue;
		}
		if (depth == sizeof(starts) / sizeof(starts[0]))
			return NULL;
		starts[depth++] = out;
		if (out)
			path[out++] = '/';
		memmove(path + out, seg, len);
		out += len;
	}
	return jx_arena_strndup(arena, path, out);
}

static const char *const rels_names[] = {"Relationship", NULL};

static void rels_start(xml_walk *w, int id, const XML_Char **attrs)
{
	rels_walk *r = (rels_walk *)w;
	const char *rid = xml_attr(attrs, "Id"), *target = xml_attr(attrs, "Target");
	const char *type = xml_attr(attrs, "Type"), *mode = xml_attr(attrs, "TargetMode");

	(void)id;
	if (!rid || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (r->rels.n >= r->max) {
		jx_walk_fail(w, JX_EDATA, "%s: more than %zu relationships", w->part, r->max);
		return;
	}
	const char *slash = type ? strrchr(type, '/') : NULL;
	rel e = {jx_arena_strdup(r->x->arena, rid), resolve_target(r->x->arena, r->base, target),
	         jx_arena_strdup(r->x->arena, slash  ? slash + 1
	                                      : type ? type
	                                             : "")};
	if (!e.target) {
		jx_walk_fail(w, JX_EDATA,
		             "%s: relationship '%.*s': the target '%.*s' is not a part name (too "
		             "long, or not UTF-8 once %%XX are decoded)",
		             w->part, jx_utf8_clip(rid, strlen(rid), 32), rid,
		             jx_utf8_clip(target, strlen(target), 64), target);
		return;
	}
	if (!e.id || !e.type || JX_VEC_PUSH(r->rels, e) != 0)
		jx_walk_fail(w, JX_ENOMEM, "out of memory");
}

/* "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels" (OPC Part 2 §9.3). */
static const char *rels_part_of(jx_arena *arena, const char *part)
{
	const char *slash = strrchr(part, '/');
	int dir = slash ? (int)(slash - part + 1) : 0;
	return jx_arena_printf(arena, "%.*s_rels/%s.rels", dir, part, part + dir);
}

/* The folder of a part, with its '/': "xl/workbook.xml" -> "xl/". */
static const char *folder_of(jx_arena *arena, const char *part)
{
	const char *slash = strrchr(part, '/');
	return jx_arena_strndup(arena, part, slash ? (size_t)(slash - part + 1) : 0);
}

/* Reads the relationships of `source` ("" for the package's own). */
static int read_rels(jx_workbook *wb, const char *source, rels_walk *r, jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	const char *part = *source ? rels_part_of(x->arena, source) : "_rels/.rels";
	const char *base = folder_of(x->arena, source);

	memset(r, 0, sizeof(*r));
	if (!part || !base) {
		jx_wb_error(wb, diags, NULL, "out of memory");
		return JX_ENOMEM;
	}
	jx_walk_init(&r->w, rels_names, rels_start, NULL, 0);
	r->x = x;
	r->base = base;
	r->max = wb->limits.sheets + 1000;
	int rc = jx_walk_report(wb, NULL, part, wb->limits.part_xml, &r->w, diags);
	if (rc != JX_OK) {
		free(r->rels.items);
		r->rels.items = NULL;
	}
	return rc;
}

static const rel *rel_by_id(const rels_walk *r, const char *id)
{
	for (size_t i = 0; i < r->rels.n; i++)
		if (strcmp(r->rels.items[i].id, id) == 0)
			return &r->rels.items[i];
	return NULL;
}

static const rel *rel_by_type(const rels_walk *r, const char *type)
{
	for (size_t i = 0; i < r->rels.n; i++)
		if (strcmp(r->rels.items[i].type, type) == 0)
			return &r->rels.items[i];
	return NULL;
}

/* ---- the workbook part ----------------------------------------------------------- */

typedef struct {
	const char *name, *rid;
	int hidden; /* state="hidden" or "veryHidden" */
} sheet_entry;

typedef struct {
	xml_walk w;
	jx_workbook *wb;
	struct {
		sheet_entry *items;
		size_t n, cap;
	} sheets;
	int date1904;
} book_walk;

enum { B_SHEETS = 1, B_SHEET, B_PR };
static const char *const book_names[] = {"sheets", "sheet", "workbookPr", NULL};

static void book_start(xml_walk *w, int id, const XML_Char **attrs)
{
	book_walk *b = (book_walk *)w;
	jx_arena *arena = b->wb->xlsx->arena;

	if (id == B_PR) {
		const char *v = xml_attr(attrs, "date1904");
		b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		return;
	}
	if (id != B_SHEET || walk_up(w, 1) != B_SHEETS)
		return;
	const char *name = xml_attr(attrs, "name"), *rid = xml_attr(attrs, "id");
	if (!name || !rid) {
		jx_walk_fail_at(w, "a sheet without %s", name ? "r:id" : "a name");
		return;
	}
	if (b->sheets.n >= b->wb->limits.sheets) {
		jx_walk_fail(w, JX_EDATA, "more than %zu sheets", b->wb->limits.sheets);
		return;
	}
	const char *state = xml_attr(attrs, "state");
	sheet_entry e = {jx_arena_strdup(arena, name), jx_arena_strdup(arena, rid),
	                 state &&
	                     (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0)};
	if (!e.name || !e.rid || JX_VEC_PUSH(b->sheets, e) != 0)
		jx_walk_fail(w, JX_ENOMEM, "out of memory");
}

/* The workbook part: xl/workbook.xml, or where _rels/.rels says. */
static int find_book(jx_workbook *wb, const char **part, jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	rels_walk pkg;

	if (find_part(x, "xl/workbook.xml") >= 0) {
		*part = "xl/workbook.xml";
		return JX_OK;
	}
	if (find_part(x, "_rels/.rels") < 0) {
		jx_wb_error(wb, diags, NULL,
		            "not a spreadsheet: a zip without xl/workbook.xml or _rels/.rels");
		return JX_EDATA;
	}
	int rc = read_rels(wb, "", &pkg, diags);
	if (rc != JX_OK)
		return rc;
	const rel *doc = rel_by_type(&pkg, "officeDocument");
	*part = doc ? doc->target : NULL;
	free(pkg.rels.items);
	if (!*part) {
		jx_wb_error(wb, diags, NULL, "not a spreadsheet: _rels/.rels names no workbook");
		return JX_EDATA;
	}
	return JX_OK;
}

/* The part of the workbook-level relationship of this type: its target, or
 * the usual name when a writer left the relationship out but not the part. */
static const char *book_part(jx_xlsx *x, const rels_walk *r, const char *type, const char *folder,
                             const char *usual)
{
	const rel *e = rel_by_type(r, type);
	if (e)
		return e->target;
	const char *guess = jx_arena_printf(x->arena, "%s%s", folder, usual);
	return guess && find_part(x, guess) >= 0 ? guess : NULL;
}

/* Each sheet's part from its r:id; two sheets never share one (a workbook
 * that did would make one part cost its inflated size many times). */
static int sheet_parts(jx_workbook *wb, const book_walk *b, const rels_walk *r,
                       jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	jx_strmap seen = {0};
	int rc = JX_OK, oom_reported = 0;

	if (b->sheets.n && !(x->parts = calloc(b->sheets.n, sizeof(*x->parts))))
		rc = JX_ENOMEM;
	for (size_t i = 0; rc == JX_OK && i < b->sheets.n; i++) {
		const sheet_entry *s = &b->sheets.items[i];
		const rel *e = rel_by_id(r, s->rid);
		if (!e) {
			jx_wb_error(wb, diags, s->name, "its relationship %s is missing", s->rid);
			rc = JX_EDATA;
			break;
		}
		int put = jx_strmap_put(&seen, e->target, strlen(e->target), (long)i);
		if (put < 0) {
			rc = JX_ENOMEM;
		} else if (put == 1) {
			long first = jx_strmap_get(&seen, e->target, strlen(e->target));
			jx_wb_error(wb, diags, s->name, "the same part %s as sheet '%s'", e->target,
			            b->sheets.items[first].name);
			rc = JX_EDATA;
		} else {
			x->parts[i] = e->target;
			rc = jx_wb_add_sheet_name(wb, s->name, strlen(s->name), s->hidden, diags);
			oom_reported = rc == JX_ENOMEM;
		}
	}
	if (rc == JX_ENOMEM && !oom_reported)
		jx_wb_error(wb, diags, NULL, "out of memory");
	jx_strmap_free(&seen);
	return rc;
}

static int read_book(jx_workbook *wb, jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	const char *part;
	book_walk b = {0};
	rels_walk r = {0};
	int rc;

	if ((rc = find_book(wb, &part, diags)) != JX_OK ||
	    (rc = read_rels(wb, part, &r, diags)) != JX_OK)
		goto out;
	jx_walk_init(&b.w, book_names, book_start, NULL, 0);
	b.wb = wb;
	if ((rc = jx_walk_report(wb, NULL, part, wb->limits.part_xml, &b.w, diags)) != JX_OK)
		goto out;
	x->date1904 = b.date1904;
	const char *folder = folder_of(x->arena, part);
	if (!folder) {
		rc = JX_ENOMEM;
		jx_wb_error(wb, diags, NULL, "out of memory");
		goto out;
	}
	x->sst_part = book_part(x, &r, "sharedStrings", folder, "sharedStrings.xml");
	x->styles_part = book_part(x, &r, "styles", folder, "styles.xml");
	rc = sheet_parts(wb, &b, &r, diags);
out:
	free(b.sheets.items);
	free(r.rels.items);
	return rc;
}

/* ---- opening -------------------------------------------------------------------- */

static int open_zip(jx_workbook *wb, const void *data, size_t len, jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	zip_error_t ze;

	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (src && !(x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)))
		zip_source_free(src);
	int rc = x->zip ? JX_OK : JX_EDATA;
	if (!x->zip)
		jx_wb_error(wb, diags, NULL, "not a readable .xlsx: %s (truncated or damaged?)",
		            zip_error_strerror(&ze));
	zip_error_fini(&ze);
	x->size = len;
	return rc;
}

int jx_xlsx_open(jx_workbook *wb, const void *data, size_t len, jx_diagnostics *diags)
{
	jx_xlsx *x = calloc(1, sizeof(*x));

	if (!x || !(x->arena = jx_arena_new())) {
		free(x);
		jx_wb_error(wb, diags, NULL, "out of memory");
		return JX_ENOMEM;
	}
	wb->xlsx = x;
	int rc = open_zip(wb, data, len, diags);
	return rc == JX_OK ? read_book(wb, diags) : rc;
}

void jx_xlsx_close(jx_xlsx *x)
{
	if (!x)
		return;
	if (x->zip)
		zip_discard(x->zip);
	jx_xlsx_forget_tables(x);
	free(x->parts);
	jx_arena_free(x->arena);
	free(x);
}
