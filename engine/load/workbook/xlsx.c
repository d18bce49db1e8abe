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
 * Excel, WPS, LibreOffice, openpyxl and libxlsxwriter write the same parts
 * differently: with the main namespace as default or behind a prefix
 * (<x:c>), with or without sharedStrings (inline strings), with absolute
 * or relative relationship targets, with or without r="B3" on rows and
 * cells, with a <dimension> that may not match the cells. Elements and
 * attributes are therefore matched by their local name (what follows the
 * last ':'), targets are resolved as URIs against the part they come from,
 * and the dimension is ignored: the cells are what they are.
 */
#include "workbook_impl.h"

#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../../common/buf.h"
#include "../../common/strmap.h"
#include "../../common/utf8.h"

#define XML_CHUNK     65536 /* bytes inflated and parsed at a time */
#define MAX_PART_NAME 1024  /* a part's path inside the zip */

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

static const char *local_name(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon ? colon + 1 : name;
}

static const char *attr(const XML_Char **attrs, const char *local)
{
	for (; attrs[0]; attrs += 2)
		if (strcmp(local_name(attrs[0]), local) == 0)
			return attrs[1];
	return NULL;
}

/* The id of the element `up` levels above the current one (0: itself). */
static int walk_up(const xml_walk *w, int up)
{
	return w->depth - 1 - up >= 0 ? w->stack[w->depth - 1 - up] : -1;
}

static void walk_vfail(xml_walk *w, int rc, int at, const char *fmt, va_list ap)
{
	if (w->rc != JX_OK)
		return;
	size_t n = 0;
	if (at)
		n = (size_t)snprintf(w->why, sizeof(w->why), "%s:%lu:%lu: ", w->part,
		                     (unsigned long)XML_GetCurrentLineNumber(w->parser),
		                     (unsigned long)XML_GetCurrentColumnNumber(w->parser) + 1);
	if (n < sizeof(w->why))
		vsnprintf(w->why + n, sizeof(w->why) - n, fmt, ap);
	w->rc = rc;
	XML_StopParser(w->parser, XML_FALSE);
}

/* Stops the walk with a message about the data ("cell B3: ..."). */
static void walk_fail(xml_walk *w, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void walk_fail(xml_walk *w, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	walk_vfail(w, rc, 0, fmt, ap);
	va_end(ap);
}

/* Stops the walk with a message located at the parser's position. */
static void walk_fail_at(xml_walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void walk_fail_at(xml_walk *w, const char *fmt, ...)
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
		walk_fail_at(w, "elements nested more than %d deep", JX_WB_MAX_XML_DEPTH);
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
		walk_fail_at(w, "a string longer than %zu bytes", w->max_text);
		return;
	}
	jx_buf_append(&w->text, s, (size_t)len);
	if (w->text.failed)
		walk_fail(w, JX_ENOMEM, "out of memory");
}

/* Entities are declared in a DOCTYPE; refusing it refuses them all
 * (billion laughs, external entities). No spreadsheet part has one. */
static void XMLCALL on_doctype(void *user, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	walk_fail_at(user, "a DOCTYPE declaration (entities are not accepted)");
}

static void XMLCALL on_entity(void *user, const XML_Char *name, int is_param, const XML_Char *value,
                              int value_len, const XML_Char *base, const XML_Char *sysid,
                              const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid;
	(void)pubid, (void)notation;
	walk_fail_at(user, "an entity declaration (entities are not accepted)");
}

static void walk_init(xml_walk *w, const char *const *names, walk_start_fn start, walk_end_fn end,
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

/* "256 MiB", or the bytes when not whole MiB (lowered test limits). */
static void describe_size(char *buf, size_t size, uint64_t bytes)
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
		walk_fail(w, JX_EDATA, "%s: %s", w->part, zip_strerror(x->zip));
		return -1;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		walk_fail(w, JX_EDATA, "%s is encrypted (password-protected entries are not read)",
		          w->part);
		return -1;
	}
	if ((st.valid & ZIP_STAT_COMP_METHOD) &&
	    !zip_compression_method_supported(st.comp_method, 0)) {
		walk_fail(w, JX_EDATA, "%s is compressed with method %u, which cannot be read",
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
			walk_fail(w, JX_ENOMEM, "out of memory");
			return;
		}
		zip_int64_t n = zip_fread(zf, buf, XML_CHUNK);
		if (n < 0) {
			walk_fail(w, JX_EDATA, "%s is damaged: %s", w->part, zip_file_strerror(zf));
			return;
		}
		total += (uint64_t)n;
		if (total > cap) {
			describe_size(size, sizeof(size), cap);
			walk_fail(w, JX_EDATA, "%s inflates to more than %s", w->part, size);
			return;
		}
		if (total > lim->ratio_from && total / compressed > lim->ratio) {
			walk_fail(
			    w, JX_EDATA,
			    "%s inflates more than %llu times its compressed size (a zip bomb?)",
			    w->part, (unsigned long long)lim->ratio);
			return;
		}
		if (XML_ParseBuffer(w->parser, (int)n, n == 0) != XML_STATUS_OK) {
			enum XML_Error e = XML_GetErrorCode(w->parser);
			if (w->rc == JX_OK)
				walk_fail_at(w, "%s%s", XML_ErrorString(e),
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
		walk_fail(w, JX_EDATA, "the part %s is missing", part);
		return;
	}
	if (check_member(x, index, w, &compressed) != 0)
		return;
	if (!(w->parser = XML_ParserCreate(NULL))) {
		walk_fail(w, JX_ENOMEM, "out of memory");
		return;
	}
	XML_SetUserData(w->parser, w);
	XML_SetElementHandler(w->parser, on_start, on_end);
	XML_SetCharacterDataHandler(w->parser, on_text);
	XML_SetStartDoctypeDeclHandler(w->parser, on_doctype);
	XML_SetEntityDeclHandler(w->parser, on_entity);
	if (!(zf = zip_fopen_index(x->zip, (zip_uint64_t)index, 0)))
		walk_fail(w, JX_EDATA, "%s cannot be read: %s", part, zip_strerror(x->zip));
	else
		stream_member(zf, compressed, cap, lim, w);
	if (zf)
		zip_fclose(zf);
	XML_ParserFree(w->parser);
	w->parser = NULL;
}

/* Walks a part and reports a failure; the walker is freed. */
static int walk_report(jx_workbook *wb, const char *sheet, const char *part, uint64_t cap,
                       xml_walk *w, jx_diagnostics *diags)
{
	walk_member(wb->xlsx, &wb->limits, part, cap, w);
	int rc = w->rc;
	if (rc != JX_OK)
		jx_wb_error(wb, diags, sheet, "%s", w->why);
	walk_free(w);
	return rc;
}

/* ---- small readers ------------------------------------------------------------ */

static int parse_uint(const char *s, uint64_t max, uint64_t *out)
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

/* A cell's number: the whole text (spaces around it allowed), finite. */
static int parse_number(const char *s, size_t len, double *out)
{
	char tmp[80];

	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
	               s[len - 1] == '\r'))
		len--;
	if (len == 0 || len >= sizeof(tmp) || strspn(s, "0123456789+-.eE") < len)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	char *end;
	double v = strtod(tmp, &end);
	if (end != tmp + len || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | cp >> 12);
	out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* OOXML writes characters XML cannot hold as _xHHHH_ (Excel's CR in a cell
 * is "_x000D_"; "_x005F_" is a literal '_'). Decodes them in place; NUL
 * and surrogates stay as written. Returns the new length. */
static size_t decode_escapes(char *s, size_t len)
{
	size_t out = 0, i = 0;

	if (!memchr(s, '_', len))
		return len;
	while (i < len) {
		unsigned cp = 0;
		int ok = s[i] == '_' && i + 7 <= len && s[i + 1] == 'x' && s[i + 6] == '_';
		for (int k = 2; ok && k < 6; k++) {
			int h = hex_value(s[i + k]);
			ok = h >= 0;
			cp = cp << 4 | (unsigned)(h < 0 ? 0 : h);
		}
		if (ok && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
			out += put_utf8(s + out, cp);
			i += 7;
		} else {
			s[out++] = s[i++];
		}
	}
	return out;
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
 * §5.2); NULL when too long or out of memory. */
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
	if (*target || *base)
		return NULL;
	path[n] = '\0';
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
	const char *rid = attr(attrs, "Id"), *target = attr(attrs, "Target");
	const char *type = attr(attrs, "Type"), *mode = attr(attrs, "TargetMode");

	(void)id;
	if (!rid || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (r->rels.n >= r->max) {
		walk_fail(w, JX_EDATA, "%s: more than %zu relationships", w->part, r->max);
		return;
	}
	const char *slash = type ? strrchr(type, '/') : NULL;
	rel e = {jx_arena_strdup(r->x->arena, rid), resolve_target(r->x->arena, r->base, target),
	         jx_arena_strdup(r->x->arena, slash  ? slash + 1
	                                      : type ? type
	                                             : "")};
	if (!e.target) {
		walk_fail(w, JX_EDATA, "%s: relationship %s: target too long", w->part, rid);
		return;
	}
	if (!e.id || !e.type || JX_VEC_PUSH(r->rels, e) != 0)
		walk_fail(w, JX_ENOMEM, "out of memory");
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
	walk_init(&r->w, rels_names, rels_start, NULL, 0);
	r->x = x;
	r->base = base;
	r->max = wb->limits.sheets + 1000;
	int rc = walk_report(wb, NULL, part, wb->limits.part_xml, &r->w, diags);
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
		const char *v = attr(attrs, "date1904");
		b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		return;
	}
	if (id != B_SHEET || walk_up(w, 1) != B_SHEETS)
		return;
	const char *name = attr(attrs, "name"), *rid = attr(attrs, "id");
	if (!name || !rid) {
		walk_fail_at(w, "a sheet without %s", name ? "r:id" : "a name");
		return;
	}
	if (b->sheets.n >= b->wb->limits.sheets) {
		walk_fail(w, JX_EDATA, "more than %zu sheets", b->wb->limits.sheets);
		return;
	}
	sheet_entry e = {jx_arena_strdup(arena, name), jx_arena_strdup(arena, rid)};
	if (!e.name || !e.rid || JX_VEC_PUSH(b->sheets, e) != 0)
		walk_fail(w, JX_ENOMEM, "out of memory");
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
			rc = jx_wb_add_sheet_name(wb, s->name, strlen(s->name), diags);
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
	walk_init(&b.w, book_names, book_start, NULL, 0);
	b.wb = wb;
	if ((rc = walk_report(wb, NULL, part, wb->limits.part_xml, &b.w, diags)) != JX_OK)
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

static void forget_tables(jx_xlsx *x)
{
	jx_buf_free(&x->sst_text);
	free(x->sst_offs.items);
	free(x->xf_kind.items);
	memset(&x->sst_text, 0, sizeof(x->sst_text));
	memset(&x->sst_offs, 0, sizeof(x->sst_offs));
	memset(&x->xf_kind, 0, sizeof(x->xf_kind));
	x->loaded = 0;
}

void jx_xlsx_close(jx_xlsx *x)
{
	if (!x)
		return;
	if (x->zip)
		zip_discard(x->zip);
	forget_tables(x);
	free(x->parts);
	jx_arena_free(x->arena);
	free(x);
}

/* ---- shared strings --------------------------------------------------------------- */

typedef struct {
	xml_walk w;
	jx_xlsx *x;
	const jx_wb_limits *lim;
} sst_walk;

enum { SS_SI = 1, SS_T, SS_R };
static const char *const sst_names[] = {"si", "t", "r", NULL};

static void sst_start(xml_walk *w, int id, const XML_Char **attrs)
{
	(void)attrs;
	if (id == SS_SI)
		w->text.len = 0;
	/* <si><t> or the runs of rich text <si><r><t>; a <t> in a phonetic
	 * run (<rPh>) is not part of the string. */
	if (id == SS_T &&
	    (walk_up(w, 1) == SS_SI || (walk_up(w, 1) == SS_R && walk_up(w, 2) == SS_SI)))
		w->collect = 1;
}

static void sst_end(xml_walk *w, int id)
{
	sst_walk *s = (sst_walk *)w;
	jx_xlsx *x = s->x;

	if (id == SS_T)
		w->collect = 0;
	if (id != SS_SI)
		return;
	size_t len = w->text.len ? decode_escapes(w->text.data, w->text.len) : 0;
	if (x->sst_offs.n >= s->lim->sst_count) {
		walk_fail(w, JX_EDATA, "%s: more than %zu shared strings", w->part,
		          s->lim->sst_count);
		return;
	}
	if (x->sst_text.len + len + 1 > s->lim->sst_bytes) {
		char size[32];
		describe_size(size, sizeof(size), s->lim->sst_bytes);
		walk_fail(w, JX_EDATA, "%s: shared strings larger than %s", w->part, size);
		return;
	}
	uint32_t off = (uint32_t)x->sst_text.len;
	jx_buf_append(&x->sst_text, w->text.data ? w->text.data : "", len);
	jx_buf_append(&x->sst_text, "", 1);
	if (x->sst_text.failed || JX_VEC_PUSH(x->sst_offs, off) != 0)
		walk_fail(w, JX_ENOMEM, "out of memory");
	w->text.len = 0;
}

static int read_shared_strings(jx_workbook *wb, jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	sst_walk s = {.x = x, .lim = &wb->limits};

	if (!x->sst_part)
		return JX_OK;
	walk_init(&s.w, sst_names, sst_start, sst_end, wb->limits.string_bytes);
	int rc = walk_report(wb, NULL, x->sst_part, wb->limits.sst_xml, &s.w, diags);
	/* The end offset, so every string's length is offs[i + 1] - offs[i] - 1. */
	uint32_t end = (uint32_t)x->sst_text.len;
	if (rc == JX_OK && JX_VEC_PUSH(x->sst_offs, end) != 0) {
		jx_wb_error(wb, diags, NULL, "out of memory");
		rc = JX_ENOMEM;
	}
	return rc;
}

static size_t sst_count(const jx_xlsx *x)
{
	return x->sst_offs.n ? x->sst_offs.n - 1 : 0;
}

/* ---- styles --------------------------------------------------------------------------- */

/* How a number format shows a number: a date when it has a date or time
 * token (y m d h s, or an elapsed [h] [m] [s]), a percent when it has a
 * '%', a number otherwise. Quoted text ("%"), escaped characters (\%), the
 * spacing and fill characters (_x *x) and brackets ([Red], [$-804],
 * [>100]) are not tokens. Only the first section (positive numbers) is
 * looked at. */
static jx_cell_kind format_kind(const char *code)
{
	int percent = 0;

	for (const char *p = code; *p && *p != ';'; p++) {
		char c = (char)(*p | 0x20);
		if (*p == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				break;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (!*++p)
				break;
		} else if (*p == '[') {
			const char *close = strchr(p, ']');
			if (!close)
				break;
			if (close > p + 1 && strspn(p + 1, "hHmMsS") == (size_t)(close - p - 1))
				return JX_CELL_DATE;
			p = close;
		} else if (c == 'y' || c == 'm' || c == 'd' || c == 'h' || c == 's') {
			/* "General" has none of these letters. */
			return JX_CELL_DATE;
		} else if (*p == '%') {
			percent = 1;
		}
	}
	return percent ? JX_CELL_PERCENT : JX_CELL_NUMBER;
}

/* Built-in formats (ECMA-376 Part 1 §18.8.30): 9, 10 percent; 14-22 and
 * 45-47 dates and times; 27-36 and 50-58 the dates of the Chinese, Japanese
 * and Korean locales (31 is yyyy"年"m"月"d"日" in a Chinese Excel). */
static jx_cell_kind builtin_kind(uint64_t id)
{
	if (id == 9 || id == 10)
		return JX_CELL_PERCENT;
	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return JX_CELL_DATE;
	return JX_CELL_NUMBER;
}

typedef struct {
	uint32_t id;
	uint8_t kind;
} custom_format;

typedef struct {
	xml_walk w;
	jx_xlsx *x;
	size_t max;
	struct {
		custom_format *items;
		size_t n, cap;
	} formats;
	struct {
		uint32_t *items;
		size_t n, cap;
	} xf_format; /* each cellXfs entry's numFmtId */
} styles_walk;

enum { ST_NUMFMTS = 1, ST_NUMFMT, ST_CELLXFS, ST_XF };
static const char *const styles_names[] = {"numFmts", "numFmt", "cellXfs", "xf", NULL};

static void styles_start(xml_walk *w, int id, const XML_Char **attrs)
{
	styles_walk *s = (styles_walk *)w;
	uint64_t fmt = 0;

	if ((id != ST_NUMFMT || walk_up(w, 1) != ST_NUMFMTS) &&
	    (id != ST_XF || walk_up(w, 1) != ST_CELLXFS))
		return;
	if (s->formats.n + s->xf_format.n >= s->max) {
		walk_fail(w, JX_EDATA, "%s: more than %zu formats", w->part, s->max);
		return;
	}
	/* A missing or odd numFmtId is General (0), as Excel takes it. */
	if (parse_uint(attr(attrs, "numFmtId"), UINT32_MAX, &fmt) != 0)
		fmt = 0;
	int pushed;
	if (id == ST_NUMFMT) {
		const char *code = attr(attrs, "formatCode");
		custom_format f = {(uint32_t)fmt,
		                   (uint8_t)(code ? format_kind(code) : JX_CELL_NUMBER)};
		pushed = JX_VEC_PUSH(s->formats, f);
	} else {
		pushed = JX_VEC_PUSH(s->xf_format, (uint32_t)fmt);
	}
	if (pushed != 0)
		walk_fail(w, JX_ENOMEM, "out of memory");
}

static int by_format_id(const void *a, const void *b)
{
	uint32_t x = ((const custom_format *)a)->id, y = ((const custom_format *)b)->id;
	return x < y ? -1 : x > y;
}

/* Each cell format's kind: its custom format's, else the built-in one's. */
static int resolve_styles(jx_xlsx *x, styles_walk *s)
{
	if (s->formats.n)
		qsort(s->formats.items, s->formats.n, sizeof(custom_format), by_format_id);
	for (size_t i = 0; i < s->xf_format.n; i++) {
		custom_format key = {s->xf_format.items[i], 0};
		const custom_format *f =
		    s->formats.n
		        ? bsearch(&key, s->formats.items, s->formats.n, sizeof(key), by_format_id)
		        : NULL;
		uint8_t kind = f ? f->kind : (uint8_t)builtin_kind(key.id);
		if (JX_VEC_PUSH(x->xf_kind, kind) != 0)
			return JX_ENOMEM;
	}
	return JX_OK;
}

static int read_styles(jx_workbook *wb, jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	styles_walk s = {.x = x, .max = wb->limits.styles};

	if (!x->styles_part)
		return JX_OK;
	walk_init(&s.w, styles_names, styles_start, NULL, 0);
	int rc = walk_report(wb, NULL, x->styles_part, wb->limits.part_xml, &s.w, diags);
	if (rc == JX_OK && (rc = resolve_styles(x, &s)) != JX_OK)
		jx_wb_error(wb, diags, NULL, "out of memory");
	free(s.formats.items);
	free(s.xf_format.items);
	return rc;
}

/* ---- a worksheet ------------------------------------------------------------------------ */

typedef enum { T_NUMBER, T_SHARED, T_STR, T_INLINE, T_BOOL, T_ERROR, T_DATE } cell_type;

typedef struct {
	xml_walk w;
	jx_workbook *wb;
	jx_xlsx *x;
	jx_sheet_build *b;
	const char **sst_copy; /* shared string i, once copied into the sheet */
	int64_t row, col;      /* the current row; the last cell's column */
	int64_t last_row;      /* the last <row>'s index, for rows without r= */
	/* the cell being read */
	uint32_t c_row, c_col;
	cell_type type;
	uint32_t style;
	int has_value;
} sheet_walk;

enum { W_SHEETDATA = 1, W_ROW, W_C, W_V, W_IS, W_T, W_R, W_MERGECELLS, W_MERGECELL };
static const char *const sheet_names[] = {"sheetData", "row", "c",          "v",         "is",
                                          "t",         "r",   "mergeCells", "mergeCell", NULL};

/* "cell 'XFD1048577': ..." for a reference that is not one. */
static void bad_ref(xml_walk *w, const char *what, const char *ref, int why)
{
	int n = jx_utf8_clip(ref, strlen(ref), 32);
	if (why == -2)
		walk_fail(w, JX_EDATA, "%s '%.*s': the row is not from 1 to %u", what, n, ref,
		          JX_WB_MAX_ROW);
	else if (why == -3)
		walk_fail(w, JX_EDATA, "%s '%.*s': the column is past XFD", what, n, ref);
	else
		walk_fail(w, JX_EDATA, "%s '%.*s' is not a cell reference", what, n, ref);
}

/* Stops the walk with "cell B3: <message>". */
static void cell_fail(sheet_walk *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cell_fail(sheet_walk *s, const char *fmt, ...)
{
	char ref[16], msg[300];
	va_list ap;

	jx_cell_ref(ref, sizeof(ref), s->c_row, s->c_col);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	walk_fail(&s->w, JX_EDATA, "cell %s: %s", ref, msg);
}

static void row_start(sheet_walk *s, const XML_Char **attrs)
{
	const char *r = attr(attrs, "r");
	uint64_t v;

	if (!r) {
		v = (uint64_t)(s->last_row + 1) + 1;
	} else if (parse_uint(r, JX_WB_MAX_ROW, &v) != 0 || v == 0) {
		int n = jx_utf8_clip(r, strlen(r), 32);
		walk_fail(&s->w, JX_EDATA, "row '%.*s': not a row number from 1 to %u", n, r,
		          JX_WB_MAX_ROW);
		return;
	}
	if (v > JX_WB_MAX_ROW) {
		walk_fail(&s->w, JX_EDATA, "a row after row %u", JX_WB_MAX_ROW);
		return;
	}
	s->row = s->last_row = (int64_t)v - 1;
	s->col = -1;
}

static cell_type type_of(const char *t, int *ok)
{
	static const struct {
		const char *name;
		cell_type type;
	} types[] = {{"n", T_NUMBER}, {"s", T_SHARED}, {"str", T_STR}, {"inlineStr", T_INLINE},
	             {"b", T_BOOL},   {"e", T_ERROR},  {"d", T_DATE}};

	*ok = 1;
	if (!t)
		return T_NUMBER;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].type;
	*ok = 0;
	return T_NUMBER;
}

static void cell_start(sheet_walk *s, const XML_Char **attrs)
{
	const char *r = attr(attrs, "r"), *t = attr(attrs, "t"), *st = attr(attrs, "s");
	uint64_t style = 0;
	int ok;

	if (r) {
		int why = jx_wb_parse_ref(r, strlen(r), &s->c_row, &s->c_col);
		if (why != 0) {
			bad_ref(&s->w, "cell", r, why);
			return;
		}
	} else {
		if (s->col + 1 >= (int64_t)JX_WB_MAX_COL) {
			walk_fail(&s->w, JX_EDATA, "a cell after column XFD in row %lld",
			          (long long)s->row + 1);
			return;
		}
		s->c_row = (uint32_t)s->row;
		s->c_col = (uint32_t)(s->col + 1);
	}
	s->row = s->c_row;
	s->col = s->c_col;
	s->type = type_of(t, &ok);
	if (!ok) {
		cell_fail(s, "unknown cell type '%.*s'", jx_utf8_clip(t, strlen(t), 16), t);
		return;
	}
	s->style = st && parse_uint(st, UINT32_MAX, &style) == 0 ? (uint32_t)style : 0;
	s->has_value = 0;
}

static void merge_cell(sheet_walk *s, const XML_Char **attrs)
{
	const char *ref = attr(attrs, "ref");
	const char *colon = ref ? strchr(ref, ':') : NULL;
	jx_merge m;

	if (!ref)
		return;
	if (!colon) /* one cell: nothing to fill */
		return;
	int why = jx_wb_parse_ref(ref, (size_t)(colon - ref), &m.first_row, &m.first_col);
	if (why == 0)
		why = jx_wb_parse_ref(colon + 1, strlen(colon + 1), &m.last_row, &m.last_col);
	if (why != 0) {
		bad_ref(&s->w, "merged range", ref, why);
		return;
	}
	if (m.first_row > m.last_row) {
		uint32_t t = m.first_row;
		m.first_row = m.last_row, m.last_row = t;
	}
	if (m.first_col > m.last_col) {
		uint32_t t = m.first_col;
		m.first_col = m.last_col, m.last_col = t;
	}
	int rc = jx_sb_add_merge(s->b, m);
	if (rc != JX_OK)
		walk_fail(&s->w, rc, "%s", ""); /* reported by the builder */
}

static void sheet_start(xml_walk *w, int id, const XML_Char **attrs)
{
	sheet_walk *s = (sheet_walk *)w;
	int parent = walk_up(w, 1);

	if (id == W_ROW && parent == W_SHEETDATA) {
		row_start(s, attrs);
	} else if (id == W_C && parent == W_ROW && walk_up(w, 2) == W_SHEETDATA) {
		cell_start(s, attrs);
	} else if ((id == W_V || id == W_IS) && parent == W_C) {
		w->text.len = 0;
		w->collect = id == W_V;
	} else if (id == W_T && (parent == W_IS || (parent == W_R && walk_up(w, 2) == W_IS))) {
		w->collect = 1;
	} else if (id == W_MERGECELL && parent == W_MERGECELLS) {
		merge_cell(s, attrs);
	}
}

/* A shared string, copied into the sheet once however often it is used. */
static int add_shared(sheet_walk *s)
{
	jx_xlsx *x = s->x;
	uint64_t i;
	size_t n = sst_count(x);

	if (parse_uint(s->w.text.data, UINT32_MAX, &i) != 0 || i >= n) {
		cell_fail(s, "shared string '%.*s' is not one of the %zu",
		          jx_utf8_clip(s->w.text.data, s->w.text.len, 16), s->w.text.data, n);
		return JX_EDATA;
	}
	uint32_t off = x->sst_offs.items[i];
	size_t len = x->sst_offs.items[i + 1] - off - 1;
	if (len == 0)
		return JX_OK;
	if (!s->sst_copy && !(s->sst_copy = calloc(n, sizeof(*s->sst_copy)))) {
		walk_fail(&s->w, JX_ENOMEM, "out of memory");
		return JX_ENOMEM;
	}
	if (!s->sst_copy[i] && !(s->sst_copy[i] = jx_sb_copy(s->b, x->sst_text.data + off, len)))
		return JX_ENOMEM;
	return jx_sb_add(s->b, s->c_row, s->c_col, JX_CELL_TEXT, 0, s->sst_copy[i], len);
}

static int add_number(sheet_walk *s)
{
	double v;
	jx_buf *t = &s->w.text;

	if (parse_number(t->data, t->len, &v) != 0) {
		cell_fail(s, "'%.*s' is not a number", jx_utf8_clip(t->data, t->len, 32), t->data);
		return JX_EDATA;
	}
	jx_cell_kind kind = JX_CELL_NUMBER;
	if (s->style < s->x->xf_kind.n)
		kind = (jx_cell_kind)s->x->xf_kind.items[s->style];
	return jx_sb_add_number(s->b, s->c_row, s->c_col, kind, v, s->x->date1904, t->data, t->len);
}

static int add_bool(sheet_walk *s)
{
	const char *v = s->w.text.data;

	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
		return jx_sb_add_number(s->b, s->c_row, s->c_col, JX_CELL_BOOL, 1, 0, NULL, 0);
	if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return jx_sb_add_number(s->b, s->c_row, s->c_col, JX_CELL_BOOL, 0, 0, NULL, 0);
	cell_fail(s, "'%.*s' is not a boolean", jx_utf8_clip(v, strlen(v), 32), v);
	return JX_EDATA;
}

/* t="d": an ISO 8601 date (strict OOXML, some writers); shown as a serial
 * date would be. Text that is not such a date stays text. */
static int add_iso_date(sheet_walk *s)
{
	jx_buf *t = &s->w.text;
	double serial;

	if (jx_wb_parse_datetime(t->data, t->len, s->x->date1904, &serial) == 0)
		return jx_sb_add_number(s->b, s->c_row, s->c_col, JX_CELL_DATE, serial,
		                        s->x->date1904, NULL, 0);
	return jx_sb_add_text(s->b, s->c_row, s->c_col, JX_CELL_TEXT, t->data, t->len);
}

/* The cell's value is read; a cell without one (styled, or a formula
 * never calculated, as openpyxl writes them) is empty. */
static void cell_end(sheet_walk *s)
{
	jx_buf *t = &s->w.text;
	int rc = JX_OK;

	if (!s->has_value || t->len == 0 || s->w.rc != JX_OK)
		return;
	switch (s->type) {
	case T_SHARED:
		rc = add_shared(s);
		break;
	case T_STR:
	case T_INLINE:
		t->len = decode_escapes(t->data, t->len);
		t->data[t->len] = '\0';
		if (t->len)
			rc =
			    jx_sb_add_text(s->b, s->c_row, s->c_col, JX_CELL_TEXT, t->data, t->len);
		break;
	case T_ERROR:
		rc = jx_sb_add_text(s->b, s->c_row, s->c_col, JX_CELL_ERROR, t->data, t->len);
		break;
	case T_BOOL:
		rc = add_bool(s);
		break;
	case T_DATE:
		rc = add_iso_date(s);
		break;
	case T_NUMBER:
		rc = add_number(s);
		break;
	}
	if (rc != JX_OK)
		walk_fail(&s->w, rc, "%s", ""); /* reported already */
}

static void sheet_end(xml_walk *w, int id)
{
	sheet_walk *s = (sheet_walk *)w;

	if (id == W_V || id == W_T) {
		if (w->collect)
			s->has_value = 1;
		w->collect = 0;
	} else if (id == W_C && walk_up(w, 1) == W_ROW && walk_up(w, 2) == W_SHEETDATA) {
		cell_end(s);
	}
}

static int load_tables(jx_workbook *wb, jx_diagnostics *diags)
{
	int rc;

	if (wb->xlsx->loaded)
		return JX_OK;
	if ((rc = read_styles(wb, diags)) != JX_OK ||
	    (rc = read_shared_strings(wb, diags)) != JX_OK) {
		forget_tables(wb->xlsx);
		return rc;
	}
	wb->xlsx->loaded = 1;
	return JX_OK;
}

int jx_xlsx_read_sheet(jx_workbook *wb, size_t i, jx_sheet_build *b, jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	sheet_walk s = {.wb = wb, .x = x, .b = b, .row = -1, .col = -1, .last_row = -1};
	int rc;

	if ((rc = load_tables(wb, diags)) != JX_OK)
		return rc;
	walk_init(&s.w, sheet_names, sheet_start, sheet_end, wb->limits.string_bytes);
	walk_member(x, &wb->limits, x->parts[i], wb->limits.sheet_xml, &s.w);
	rc = s.w.rc;
	/* An empty message: the builder reported it already. */
	if (rc != JX_OK && s.w.why[0])
		jx_wb_error(wb, diags, wb->names[i], "%s", s.w.why);
	walk_free(&s.w);
	free(s.sst_copy);
	return rc;
}
