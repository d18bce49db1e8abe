/*
 * xlsx_sheet.c - the half of the .xlsx reader (xlsx.c) that reads cells:
 * the shared strings and the styles, both read with the first sheet, and
 * each worksheet into the sheet builder (workbook_impl.h).
 *
 * A cell's value is its <v> (a formula's cached value included) or its
 * inline <is>; how a number shows comes from its style's number format
 * (percent, date, or neither); shared strings are copied into the sheet
 * once however often they are used. Rich text is its runs joined; the
 * phonetic guide runs (<rPh>) of Japanese text are not part of it.
 */
#include "xlsx_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "../../common/c_locale.h"
#include "../../common/utf8.h"

/* ---- small readers ------------------------------------------------------------ */

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
	double v = jx_strtod(tmp, &end);
	if (end != tmp + len || !isfinite(v))
		return -1;
	*out = v;
	return 0;
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

void jx_xlsx_forget_tables(jx_xlsx *x)
{
	jx_buf_free(&x->sst_text);
	free(x->sst_offs.items);
	free(x->xf_kind.items);
	free(x->xf_affix.items);
	memset(&x->xf_affix, 0, sizeof(x->xf_affix));
	memset(&x->sst_text, 0, sizeof(x->sst_text));
	memset(&x->sst_offs, 0, sizeof(x->sst_offs));
	memset(&x->xf_kind, 0, sizeof(x->xf_kind));
	x->loaded = 0;
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
		jx_walk_fail(w, JX_EDATA, "%s: more than %zu shared strings", w->part,
		             s->lim->sst_count);
		return;
	}
	if (x->sst_text.len + len + 1 > s->lim->sst_bytes) {
		char size[32];
		jx_xlsx_describe_size(size, sizeof(size), s->lim->sst_bytes);
		jx_walk_fail(w, JX_EDATA, "%s: shared strings larger than %s", w->part, size);
		return;
	}
	uint32_t off = (uint32_t)x->sst_text.len;
	jx_buf_append(&x->sst_text, w->text.data ? w->text.data : "", len);
	jx_buf_append(&x->sst_text, "", 1);
	if (x->sst_text.failed || JX_VEC_PUSH(x->sst_offs, off) != 0)
		jx_walk_fail(w, JX_ENOMEM, "out of memory");
	w->text.len = 0;
}

static int read_shared_strings(jx_workbook *wb, jx_diagnostics *diags)
{
	jx_xlsx *x = wb->xlsx;
	sst_walk s = {.x = x, .lim = &wb->limits};

	if (!x->sst_part)
		return JX_OK;
	jx_walk_init(&s.w, sst_names, sst_start, sst_end, wb->limits.string_bytes);
	int rc = jx_walk_report(wb, NULL, x->sst_part, wb->limits.sst_xml, &s.w, diags);
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

/* A cell format's kind beyond jx_cell_kind: a date format that shows the
 * month and no day (yyyy"年"m"月", yyyy-mm, mmm-yy). */
#define XF_MONTH 16

/* How a number format shows a number: a date when it has a date or time
 * token (y m d h s, or an elapsed [h] [m] [s]) — XF_MONTH when its tokens
 * are a month (and a year) with no day or time —, a percent when it has a
 * '%', a number otherwise. Quoted text ("%"), escaped characters (\%), the
 * spacing and fill characters (_x *x) and brackets ([Red], [$-804],
 * [>100]) are not tokens. Only the first section (positive numbers) is
 * looked at. */
static int format_kind(const char *code)
{
	int percent = 0, date = 0, month = 0, day_or_time = 0;

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
			date = 1;
			month |= c == 'm';
			day_or_time |= c == 'd' || c == 'h' || c == 's';
		} else if (*p == '%') {
			percent = 1;
		}
	}
	if (date)
		return month && !day_or_time ? XF_MONTH : JX_CELL_DATE; /* no h, s: m is a month */
	return percent ? JX_CELL_PERCENT : JX_CELL_NUMBER;
}

/* Built-in formats (ECMA-376 Part 1 §18.8.30): 9, 10 percent; 14-22 and
 * 45-47 dates and times; 27-36 and 50-58 the dates of the Chinese, Japanese
 * and Korean locales (31 is yyyy"年"m"月"d"日" in a Chinese Excel); of them
 * 17 (mmm-yy) and, in a Chinese Excel, 27, 36, 50, 52 and 57
 * (yyyy"年"m"月") show a month. */
static int builtin_kind(uint64_t id)
{
	if (id == 9 || id == 10)
		return JX_CELL_PERCENT;
	if (id == 17 || id == 27 || id == 36 || id == 50 || id == 52 || id == 57)
		return XF_MONTH;
	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return JX_CELL_DATE;
	return JX_CELL_NUMBER;
}

typedef struct {
	uint32_t id;
	uint8_t kind;
	jx_xf_affix affix;
} custom_format;

/* The words a number format may write before a target's number: an
 * operator ("≤"0"天" shows 15 as ≤15天). Other text before a number
 * (currency signs, 第) is not kept: the number is read bare, as before. */
static int operator_prefix(const char *s)
{
	static const char *const ops[] = {"≥",      "≤",    ">",      "<",        "=",
	                                  ">=",     "<=",   "＞",     "＜",       "＝",
	                                  "≧",      "≦",    "不低于", "不少于",   "不高于",
	                                  "不超过", "大于", "小于",   "大于等于", "小于等于",
	                                  NULL};
	for (int k = 0; ops[k]; k++)
		if (strcmp(s, ops[k]) == 0)
			return 1;
	return 0;
}

/* Literal text a format writes after a number that can be a unit: a few
 * characters, no digits ("人次", "万元", "%"). */
static int unit_suffix(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n <= 24 && strpbrk(s, "0123456789") == NULL && jx_utf8_valid(s, n, NULL);
}

/* The quoted ("天") and escaped (\≤) text of a format's first section
 * before its first placeholder (0 # ? . , % E @ General) and after its
 * last one: the text Excel writes around the number. Kept (in arena) when
 * the text before is an operator and the text after a unit. */
static void format_affixes(jx_arena *arena, const char *code, jx_xf_affix *out)
{
	char before[64], after[64];
	size_t nb = 0, na = 0;
	int seen = 0; /* a placeholder */

	out->prefix = out->suffix = NULL;
	for (const char *p = code; *p && *p != ';'; p++) {
		const char *lit = NULL;
		size_t len = 0;
		if (*p == '"') {
			const char *close = strchr(p + 1, '"');
			if (!close)
				return;
			lit = p + 1, len = (size_t)(close - p - 1);
			p = close;
		} else if (*p == '\\') {
			if (!p[1])
				break;
			unsigned char c = (unsigned char)p[1];
			lit = p + 1; /* one character */
			len = c < 0x80       ? 1
			      : c >> 5 == 6  ? 2
			      : c >> 4 == 14 ? 3
			      : c >> 3 == 30 ? 4
			                     : 1;
			for (size_t k = 1; k < len; k++)
				if (!p[1 + k])
					return;
			p += len;
		} else if (*p == '_' || *p == '*') {
			if (!*++p)
				break;
			continue;
		} else if (*p == '[') {
			const char *close = strchr(p, ']');
			if (!close)
				return;
			p = close;
			continue;
		} else if (strchr("0#?.,%@", *p) ||
		           ((*p == 'E' || *p == 'e') && (p[1] == '+' || p[1] == '-')) ||
		           strncmp(p, "G/通用格式", strlen("G/通用格式")) == 0 ||
		           strncasecmp(p, "General", 7) == 0) {
			seen = 1;
			na = 0;
			if (strncmp(p, "G/通用格式", strlen("G/通用格式")) == 0)
				p += strlen("G/通用格式") - 1;
			else if (strncasecmp(p, "General", 7) == 0)
				p += 6;
			continue;
		} else {
			continue; /* $ - + ( ) : space, unquoted: not kept */
		}
		char *buf = seen ? after : before;
		size_t *n = seen ? &na : &nb;
		if (*n + len >= sizeof(before))
			return;
		memcpy(buf + *n, lit, len);
		*n += len;
	}
	before[nb] = after[na] = '\0';
	if (!seen)
		return;
	if (nb && operator_prefix(before))
		out->prefix = jx_arena_strdup(arena, before);
	if (na && unit_suffix(after))
		out->suffix = jx_arena_strdup(arena, after);
}

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
		jx_walk_fail(w, JX_EDATA, "%s: more than %zu formats", w->part, s->max);
		return;
	}
	/* A missing or odd numFmtId is General (0), as Excel takes it. */
	if (jx_xlsx_parse_uint(xml_attr(attrs, "numFmtId"), UINT32_MAX, &fmt) != 0)
		fmt = 0;
	int pushed;
	if (id == ST_NUMFMT) {
		const char *code = xml_attr(attrs, "formatCode");
		custom_format f = {(uint32_t)fmt,
		                   (uint8_t)(code ? format_kind(code) : JX_CELL_NUMBER),
		                   {NULL, NULL}};
		if (code && (f.kind == JX_CELL_NUMBER || f.kind == JX_CELL_PERCENT))
			format_affixes(s->x->arena, code, &f.affix);
		pushed = JX_VEC_PUSH(s->formats, f);
	} else {
		pushed = JX_VEC_PUSH(s->xf_format, (uint32_t)fmt);
	}
	if (pushed != 0)
		jx_walk_fail(w, JX_ENOMEM, "out of memory");
}

static int by_format_id(const void *a, const void *b)
{
	uint32_t x = ((const custom_format *)a)->id, y = ((const custom_format *)b)->id;
	return x < y ? -1 : x > y;
}

/* Each cell format's kind: its custom format's, else the built-in one's;
 * and, when some custom format writes text around its number, each cell
 * format's text. */
static int resolve_styles(jx_xlsx *x, styles_walk *s)
{
	int affixes = 0;
	if (s->formats.n)
		qsort(s->formats.items, s->formats.n, sizeof(custom_format), by_format_id);
	for (size_t i = 0; i < s->formats.n; i++)
		affixes |= s->formats.items[i].affix.prefix || s->formats.items[i].affix.suffix;
	for (size_t i = 0; i < s->xf_format.n; i++) {
		custom_format key = {s->xf_format.items[i], 0, {NULL, NULL}};
		const custom_format *f =
		    s->formats.n
		        ? bsearch(&key, s->formats.items, s->formats.n, sizeof(key), by_format_id)
		        : NULL;
		uint8_t kind = f ? f->kind : (uint8_t)builtin_kind(key.id);
		if (JX_VEC_PUSH(x->xf_kind, kind) != 0)
			return JX_ENOMEM;
		if (affixes && JX_VEC_PUSH(x->xf_affix, f ? f->affix : key.affix) != 0)
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
	jx_walk_init(&s.w, styles_names, styles_start, NULL, 0);
	int rc = jx_walk_report(wb, NULL, x->styles_part, wb->limits.part_xml, &s.w, diags);
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
	int has_formula;
	/* formula cells with no value saved (openpyxl and other programs
	 * write none; Excel and WPS always do), and the first of them */
	size_t uncached;
	uint32_t uncached_row, uncached_col;
} sheet_walk;

enum { W_SHEETDATA = 1, W_ROW, W_C, W_V, W_IS, W_T, W_R, W_MERGECELLS, W_MERGECELL, W_F };
static const char *const sheet_names[] = {"sheetData", "row",        "c",         "v", "is", "t",
                                          "r",         "mergeCells", "mergeCell", "f", NULL};

/* "cell 'XFD1048577': ..." for a reference that is not one. */
static void bad_ref(xml_walk *w, const char *what, const char *ref, int why)
{
	int n = jx_utf8_clip(ref, strlen(ref), 32);
	if (why == -2)
		jx_walk_fail(w, JX_EDATA, "%s '%.*s': the row is not from 1 to %u", what, n, ref,
		             JX_WB_MAX_ROW);
	else if (why == -3)
		jx_walk_fail(w, JX_EDATA, "%s '%.*s': the column is past XFD", what, n, ref);
	else
		jx_walk_fail(w, JX_EDATA, "%s '%.*s' is not a cell reference", what, n, ref);
}

/* Stops the walk with "cell B3: <message>". */
static void cell_fail(sheet_walk *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cell_fail(sheet_walk *s, const char *fmt, ...)
{
	char ref[16], msg[300];
	va_list ap;

	jx_cell_ref(ref, sizeof(ref), s->c_row, s->c_col);
	va_start(ap, fmt);
	jx_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	jx_walk_fail(&s->w, JX_EDATA, "cell %s: %s", ref, msg);
}

static void row_start(sheet_walk *s, const XML_Char **attrs)
{
	const char *r = xml_attr(attrs, "r");
	uint64_t v;

	if (!r) {
		v = (uint64_t)(s->last_row + 1) + 1;
	} else if (jx_xlsx_parse_uint(r, JX_WB_MAX_ROW, &v) != 0 || v == 0) {
		int n = jx_utf8_clip(r, strlen(r), 32);
		jx_walk_fail(&s->w, JX_EDATA, "row '%.*s': not a row number from 1 to %u", n, r,
		             JX_WB_MAX_ROW);
		return;
	}
	if (v > JX_WB_MAX_ROW) {
		jx_walk_fail(&s->w, JX_EDATA, "a row after row %u", JX_WB_MAX_ROW);
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
	const char *r = xml_attr(attrs, "r"), *t = xml_attr(attrs, "t"), *st = xml_attr(attrs, "s");
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
			jx_walk_fail(&s->w, JX_EDATA, "a cell after column XFD in row %lld",
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
	s->style = st && jx_xlsx_parse_uint(st, UINT32_MAX, &style) == 0 ? (uint32_t)style : 0;
	s->has_value = 0;
	s->has_formula = 0;
}

static void merge_cell(sheet_walk *s, const XML_Char **attrs)
{
	const char *ref = xml_attr(attrs, "ref");
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
		jx_walk_fail(&s->w, rc, "%s", ""); /* reported by the builder */
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
	} else if (id == W_F && parent == W_C) {
		s->has_formula = 1;
	}
}

/* A shared string, copied into the sheet once however often it is used. */
static int add_shared(sheet_walk *s)
{
	jx_xlsx *x = s->x;
	uint64_t i;
	size_t n = sst_count(x);

	if (jx_xlsx_parse_uint(s->w.text.data, UINT32_MAX, &i) != 0 || i >= n) {
		cell_fail(s, "shared string '%.*s' is not one of the %zu",
		          jx_utf8_clip(s->w.text.data, s->w.text.len, 16), s->w.text.data, n);
		return JX_EDATA;
	}
	uint32_t off = x->sst_offs.items[i];
	size_t len = x->sst_offs.items[i + 1] - off - 1;
	if (len == 0)
		return JX_OK;
	if (!s->sst_copy && !(s->sst_copy = calloc(n, sizeof(*s->sst_copy)))) {
		jx_walk_fail(&s->w, JX_ENOMEM, "out of memory");
		return JX_ENOMEM;
	}
	if (!s->sst_copy[i] && !(s->sst_copy[i] = jx_sb_copy(s->b, x->sst_text.data + off, len)))
		return JX_ENOMEM;
	return jx_sb_add(s->b, s->c_row, s->c_col, JX_CELL_TEXT, 0, s->sst_copy[i], len);
}

/* A date in a format that shows its month and no day (yyyy"年"m"月"): the
 * month, as the department saw it and as tables write one ("2024年6月",
 * which a deadline reads as the month's end, not its first day). */
static int add_month(sheet_walk *s, double serial)
{
	char date[JX_WB_NUMBER_TEXT], text[JX_WB_NUMBER_TEXT];
	size_t n = jx_wb_format_serial(date, serial, s->x->date1904);
	if (n < 10 || date[4] != '-') /* not a date from 1900 to 9999, or a time */
		return jx_sb_add_number(s->b, s->c_row, s->c_col, JX_CELL_DATE, serial,
		                        s->x->date1904, NULL, 0);
	int month = (date[5] - '0') * 10 + (date[6] - '0');
	n = (size_t)snprintf(text, sizeof(text), "%.4s年%d月", date, month);
	const char *copy = jx_sb_copy(s->b, text, n);
	return copy ? jx_sb_add(s->b, s->c_row, s->c_col, JX_CELL_DATE, serial, copy, n)
	            : JX_ENOMEM;
}

/* A number whose format writes an operator before it or a unit after it
 * ("≤"0"天": ≤15天), shown so. */
static int add_with_affix(sheet_walk *s, int percent, double v, const jx_xf_affix *a)
{
	char num[JX_WB_NUMBER_TEXT], text[JX_WB_NUMBER_TEXT + 128];
	jx_wb_number_text(num, percent, v, s->w.text.data, s->w.text.len);
	int n = snprintf(text, sizeof(text), "%s%s%s", a->prefix ? a->prefix : "", num,
	                 a->suffix ? a->suffix : "");
	const char *copy = jx_sb_copy(s->b, text, (size_t)n);
	return copy ? jx_sb_add(s->b, s->c_row, s->c_col,
	                        percent ? JX_CELL_PERCENT : JX_CELL_NUMBER, v, copy, (size_t)n)
	            : JX_ENOMEM;
}

static int add_number(sheet_walk *s)
{
	double v;
	jx_buf *t = &s->w.text;

	if (parse_number(t->data, t->len, &v) != 0) {
		cell_fail(s, "'%.*s' is not a number", jx_utf8_clip(t->data, t->len, 32), t->data);
		return JX_EDATA;
	}
	int kind = JX_CELL_NUMBER;
	if (s->style < s->x->xf_kind.n)
		kind = s->x->xf_kind.items[s->style];
	if (kind == XF_MONTH)
		return add_month(s, v);
	if (s->style < s->x->xf_affix.n &&
	    (s->x->xf_affix.items[s->style].prefix || s->x->xf_affix.items[s->style].suffix))
		return add_with_affix(s, kind == JX_CELL_PERCENT, v,
		                      &s->x->xf_affix.items[s->style]);
	return jx_sb_add_number(s->b, s->c_row, s->c_col, (jx_cell_kind)kind, v, s->x->date1904,
	                        t->data, t->len);
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

	if (s->has_formula && s->type != T_STR && (!s->has_value || t->len == 0) &&
	    s->uncached++ == 0) {
		s->uncached_row = s->c_row;
		s->uncached_col = s->c_col;
	}
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
		jx_walk_fail(&s->w, rc, "%s", ""); /* reported already */
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
		jx_xlsx_forget_tables(wb->xlsx);
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
	jx_walk_init(&s.w, sheet_names, sheet_start, sheet_end, wb->limits.string_bytes);
	rc = jx_walk_report(wb, wb->names[i], x->parts[i], wb->limits.sheet_xml, &s.w, diags);
	free(s.sst_copy);
	if (rc == JX_OK && s.uncached && !wb->quiet)
		jx_diag_note(
		    diags,
		    (jx_loc){wb->file, (int)s.uncached_row + 1, (int)s.uncached_col + 1,
		             wb->names[i]},
		    "%zu formula cell(s) with no value saved (the workbook was written by a "
		    "program and never calculated): read as empty; opening and saving it in "
		    "Excel or WPS keeps their values",
		    s.uncached);
	return rc;
}
