/*
 * input.c - the read pipeline (docs/design.md, "Reading data"): how a file
 * becomes departments.
 *
 *   1. bytes     a file (mapped when big and its reader only reads), standard
 *                input, or a caller's buffer;
 *   2. what      by content, not by name: a workbook (a zip container or an
 *                OLE2 compound file) or text; text in UTF-16 (Excel's "Unicode
 *                text") is known by its byte-order mark;
 *   3. decode    UTF-16 and --encoding gbk to UTF-8 through iconv; text is
 *                then checked to be UTF-8 (in parts on the reading threads);
 *   4. reader    by the role the file plays (departments' figures, or their
 *                indicator tables) and its format: wide CSV, YAML / JSON
 *                document, long CSV, workbook.
 *
 * A binary format never meets the UTF-8 check: it is routed at step 2.
 */
/* MAP_POPULATE (Linux) */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/folder.h"
#include "../common/parallel.h"
#include "../common/trace.h"
#include "../common/utf8.h"
#include "csv.h"
#include "load.h"
#include "sheet_table.h"
#include "table.h"

#define MAX_DATA_FILE ((size_t)2 << 30) /* 2 GiB */

/* ---- 1. bytes --------------------------------------------------------------- */

static int read_stream(FILE *f, const char *name, char **out, size_t *len, jx_diagnostics *diags)
{
	jx_buf b = {0};
	char chunk[1 << 16];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > MAX_DATA_FILE) {
			jx_diag_error(diags, (jx_loc){name, 0, 0, NULL},
			              "data file larger than 2 GiB");
			jx_buf_free(&b);
			return JX_EIO;
		}
		jx_buf_append(&b, chunk, n);
	}
	if (ferror(f) || b.failed) {
		jx_diag_error(diags, (jx_loc){name, 0, 0, NULL}, "cannot read: %s",
		              strerror(errno));
		jx_buf_free(&b);
		return b.failed ? JX_ENOMEM : JX_EIO;
	}
	if (!b.data)
		jx_buf_append(&b, "", 0);
	*out = b.data;
	*len = b.len;
	return b.data ? JX_OK : JX_ENOMEM;
}

#define JX_NOT_REGULAR 1 /* read_regular: not a regular file; read it as a stream */
#define MAP_AT_LEAST   ((size_t)1 << 20)

/* A file's bytes: read into memory, or mapped (big files). */
typedef struct {
	char *data;
	size_t len;
	int mapped;
} file_bytes;

static void file_bytes_release(file_bytes *fb)
{
	if (fb->mapped)
		munmap(fb->data, fb->len);
	else
		free(fb->data);
	fb->data = NULL;
}

/* A big CSV file is mapped read-only (the CSV readers never write to their
 * input): its pages come straight from the page cache, ~8x faster than
 * copying 100 MB through read(). As with any mapped file, a file truncated
 * by another program while jixiao reads it would fault. */
static int map_regular(int fd, size_t size, file_bytes *out)
{
#ifdef MAP_POPULATE
	void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (p == MAP_FAILED)
		return -1;
	*out = (file_bytes){p, size, 1};
	return 0;
#else
	(void)fd;
	(void)size;
	(void)out;
	return -1;
#endif
}

/* A regular file is mapped (big) or read whole into a buffer of its size
 * plus a NUL, in one go: no growing buffer, no copy through stdio. Pipes and
 * devices, and files that change size while read, go to read_stream. */
static int read_regular(FILE *f, const char *name, int may_map, file_bytes *out,
                        jx_diagnostics *diags)
{
	struct stat st;
	int fd = fileno(f);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return JX_NOT_REGULAR;
	size_t size = (size_t)st.st_size;
	if (size > MAX_DATA_FILE) {
		jx_diag_error(diags, (jx_loc){name, 0, 0, NULL}, "data file larger than 2 GiB");
		return JX_EIO;
	}
	if (may_map && size >= MAP_AT_LEAST && map_regular(fd, size, out) == 0)
		return JX_OK;
	char *data = malloc(size + 1);
	if (!data)
		return JX_ENOMEM;
	size_t got = 0;
	while (got < size) {
		ssize_t n = read(fd, data + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	char probe;
	if (got != size || read(fd, &probe, 1) != 0) {
		free(data); /* it changed under us (or failed): start again as a stream */
		if (lseek(fd, 0, SEEK_SET) != 0) {
			jx_diag_error(diags, (jx_loc){name, 0, 0, NULL}, "cannot read: %s",
			              strerror(errno));
			return JX_EIO;
		}
		return JX_NOT_REGULAR;
	}
	data[size] = '\0';
	*out = (file_bytes){data, size, 0};
	return JX_OK;
}

/* Converts the text after `skip` bytes (a byte-order mark) from `encoding`
 * (GB18030, UTF-16LE, UTF-16BE) to UTF-8 with iconv (glibc's converters);
 * fb then holds the UTF-8, NUL-terminated. */
static int convert_encoding(file_bytes *fb, size_t skip, const char *encoding, const char *name,
                            jx_diagnostics *diags)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1) {
		jx_diag_error(diags, (jx_loc){name, 0, 0, NULL}, "unknown encoding '%s'", encoding);
		return JX_EINVAL;
	}
	size_t cap = fb->len * 2 + 16; /* 2 bytes become at most 3, 4 at most 4 */
	char *out = malloc(cap);
	if (!out) {
		iconv_close(cd);
		return JX_ENOMEM;
	}
	char *in = fb->data + skip, *o = out;
	size_t inleft = fb->len - skip, outleft = cap - 1;
	size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		size_t at = (size_t)(in - fb->data);
		jx_diag_error(diags, (jx_loc){name, 0, 0, NULL}, "byte %zu is not valid %s text",
		              at + 1, encoding);
		free(out);
		return JX_EDATA;
	}
	*o = '\0';
	file_bytes_release(fb);
	*fb = (file_bytes){out, (size_t)(o - out), 0};
	return JX_OK;
}

/* Validating a big file on the reading threads: cut where a character
 * starts (never inside one), each part checked on its own; the first bad
 * offset is the smallest any part found, as one pass would find it. */
#define MAX_UTF8_PARTS     16
#define UTF8_PART_AT_LEAST ((size_t)4 << 20)

typedef struct {
	const char *data;
	size_t len, bad;
	int ok;
} utf8_part;

static void *check_utf8_part(void *arg)
{
	utf8_part *p = arg;
	p->ok = jx_utf8_valid(p->data, p->len, &p->bad);
	return NULL;
}

static int utf8_valid_parts(const char *data, size_t len, size_t jobs, size_t *bad)
{
	if (jobs > MAX_UTF8_PARTS)
		jobs = MAX_UTF8_PARTS;
	if (jobs > len / UTF8_PART_AT_LEAST)
		jobs = len / UTF8_PART_AT_LEAST;
	if (jobs < 2)
		return jx_utf8_valid(data, len, bad);
	utf8_part parts[MAX_UTF8_PARTS];
	size_t from = 0;
	for (size_t k = 0; k < jobs; k++) {
		size_t to = k + 1 < jobs ? len / jobs * (k + 1) : len;
		while (to < len && ((unsigned char)data[to] & 0xC0) == 0x80 && to - from > 4)
			to--; /* back to the lead byte (a lone continuation byte stays a cut) */
		parts[k] = (utf8_part){data + from, to - from, 0, 0};
		from = to;
	}
	jx_parallel(check_utf8_part, parts, sizeof(utf8_part), jobs);
	for (size_t k = 0; k < jobs; k++)
		if (!parts[k].ok) {
			*bad = (size_t)(parts[k].data - data) + parts[k].bad;
			return 0;
		}
	*bad = len;
	return 1;
}

/* A file that is not UTF-8 but decodes as GB18030 is most likely saved by a
 * Chinese spreadsheet: say so. */
static int check_utf8(const char *data, size_t len, size_t jobs, const char *name,
                      jx_diagnostics *diags)
{
	size_t bad;
	if (utf8_valid_parts(data, len, jobs, &bad))
		return JX_OK;
	int line, col;
	jx_utf8_line_col(data, bad, &line, &col);
	jx_diag_error(diags, (jx_loc){name, line, col, NULL},
	              "the file is not valid UTF-8; if it was saved by a Chinese spreadsheet "
	              "(GBK / GB18030), read it with --encoding gbk");
	return JX_EDATA;
}

/* ---- 2. what the bytes are ------------------------------------------------------ */

typedef enum {
	INPUT_TEXT,     /* UTF-8 (with or without BOM) or the encoding asked for */
	INPUT_UTF16LE,  /* a UTF-16 byte-order mark FF FE */
	INPUT_UTF16BE,  /* FE FF */
	INPUT_WORKBOOK, /* xlsx or xls */
} input_kind;

/* A zip container (xlsx) or an OLE2 compound file (xls). */
static int is_workbook(const unsigned char *u, size_t len)
{
	static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	return (len >= 4 && memcmp(u, "PK\3\4", 4) == 0) || (len >= 8 && memcmp(u, ole2, 8) == 0);
}

/* UTF-16 without a mark: text whose every other byte among the first ones
 * is NUL (no UTF-8 or GBK text has NULs). */
static input_kind nul_pattern(const unsigned char *u, size_t len)
{
	size_t even = 0, odd = 0, n = len < 64 ? len : 64;
	for (size_t i = 0; i < n; i++)
		if (!u[i])
			*(i % 2 ? &odd : &even) += 1;
	if (n >= 4 && odd >= n / 4 && !even)
		return INPUT_UTF16LE;
	if (n >= 4 && even >= n / 4 && !odd)
		return INPUT_UTF16BE;
	return INPUT_TEXT;
}

static input_kind sniff(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	if (is_workbook(u, len))
		return INPUT_WORKBOOK;
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return INPUT_UTF16LE;
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return INPUT_UTF16BE;
	return nul_pattern(u, len);
}

/* ---- 3. decode ------------------------------------------------------------------ */

static int is_utf8_name(const char *enc)
{
	return !enc || strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0;
}

/* Text as UTF-8: UTF-16 by its mark (or its NULs), else the encoding
 * asked for. */
static int decode_text(file_bytes *fb, input_kind kind, const char *encoding, const char *name,
                       jx_diagnostics *diags)
{
	if (kind == INPUT_UTF16LE || kind == INPUT_UTF16BE) {
		const unsigned char *u = (const unsigned char *)fb->data;
		size_t mark =
		    fb->len >= 2 && (u[0] == 0xFF || u[0] == 0xFE) && (u[1] == 0xFF || u[1] == 0xFE)
		        ? 2
		        : 0;
		return convert_encoding(fb, mark, kind == INPUT_UTF16LE ? "UTF-16LE" : "UTF-16BE",
		                        name, diags);
	}
	if (is_utf8_name(encoding))
		return JX_OK;
	return convert_encoding(fb, 0, strcasecmp(encoding, "gbk") == 0 ? "GB18030" : encoding,
	                        name, diags);
}

/* ---- 4. readers ------------------------------------------------------------------ */

typedef enum { ROLE_DATA, ROLE_INDICATORS, ROLE_REVIEW } input_role;

typedef int (*text_reader)(jx_batch *b, const char *file, char *data, size_t len,
                           jx_diagnostics *diags);

static int read_wide_csv(jx_batch *b, const char *file, char *data, size_t len,
                         jx_diagnostics *diags)
{
	return jx_batch_read_csv(b, file, data, len, diags);
}

static int read_long_csv(jx_batch *b, const char *file, char *data, size_t len,
                         jx_diagnostics *diags)
{
	return jx_batch_read_long_csv(b, file, data, len, diags);
}

static int read_review_csv(jx_batch *b, const char *file, char *data, size_t len,
                           jx_diagnostics *diags)
{
	return jx_batch_read_review_csv(b, file, data, len, diags);
}

/* The text formats, by the name the caller gives (a file's suffix, or the
 * format of jx_batch_read_buffer). Only the CSV readers leave their input
 * as it is, so only their files may be mapped read-only. */
static const struct {
	const char *name;
	input_role role;
	text_reader read;
	int read_only;
} text_formats[] = {
    {"csv", ROLE_DATA, read_wide_csv, 1},
    {"txt", ROLE_DATA, read_wide_csv, 1}, /* a spreadsheet's "Unicode text" */
    {"tsv", ROLE_DATA, read_wide_csv, 1},
    {"yaml", ROLE_DATA, jx_batch_read_document, 0},
    {"yml", ROLE_DATA, jx_batch_read_document, 0},
    {"json", ROLE_DATA, jx_batch_read_document, 0},
    {"indicators", ROLE_INDICATORS, read_long_csv, 1},
    {"review", ROLE_REVIEW, read_review_csv, 1},
};

static int find_text_format(const char *name)
{
	for (size_t i = 0; i < sizeof(text_formats) / sizeof(text_formats[0]); i++)
		if (strcasecmp(text_formats[i].name, name) == 0)
			return (int)i;
	return -1;
}

static const char *suffix(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot ? dot + 1 : "";
}

/* The reader for text in `role`: indicator tables are long CSV whatever
 * their name; departments' files by their suffix. */
static int text_format_for(input_role role, const char *format)
{
	if (role == ROLE_INDICATORS)
		return find_text_format("indicators");
	if (role == ROLE_REVIEW)
		return find_text_format("review");
	return find_text_format(format);
}

static int unknown_format(const char *file, const char *format, jx_diagnostics *diags)
{
	jx_diag_error(diags, (jx_loc){file, 0, 0, NULL},
	              "unknown data format '%s' (use .csv, .yaml, .yml or .json, or an .xlsx / "
	              ".xls workbook)",
	              format);
	return JX_EDATA;
}

/* A CSV given as DATA that is a department's 自评表 (docs/data.md §3): its
 * header row, read as the long-table reader reads it, names the indicator
 * (三级指标 / indicator) and the actual (实际完成值 / actual) columns. Such
 * a file is read as --indicators reads it. */
static int is_indicator_table(const char *data, size_t len)
{
	jx_csv_reader rd;
	jx_csv_field fields[64];
	char scratch[4096];
	jx_csv_error err;
	size_t n = 0;
	int seen[JX_COL_COUNT] = {0};
	jx_csv_init(&rd, data, len);
	if (jx_csv_next(&rd, fields, 64, &n, scratch, sizeof(scratch), &err) != JX_CSV_RECORD)
		return 0;
	for (size_t i = 0; i < n && i < 64; i++) {
		int c = jx_table_heading(fields[i].data, fields[i].len);
		if (c >= 0)
			seen[c] = 1;
	}
	return seen[JX_COL_INDICATOR] && seen[JX_COL_ACTUAL];
}

static int read_text(jx_batch *b, const char *file, int format, char *data, size_t len,
                     jx_diagnostics *diags)
{
	int rc = check_utf8(data, len, b->read_jobs > 1 ? (size_t)b->read_jobs : 1, file, diags);
	jx_trace("read: UTF-8 check");
	if (rc != JX_OK)
		return rc;
	if (text_formats[format].read == read_wide_csv && is_indicator_table(data, len)) {
		jx_diag_note(diags, (jx_loc){file, 1, 1, NULL},
		             "read as a department's 自评表 (its header names the indicator and "
		             "actual columns), as --indicators reads it");
		return read_long_csv(b, file, data, len, diags);
	}
	return text_formats[format].read(b, file, data, len, diags);
}

static int workbook_suffix(const char *s)
{
	return strcasecmp(s, "xlsx") == 0 || strcasecmp(s, "xls") == 0 ||
	       strcasecmp(s, "xlsm") == 0 || strcasecmp(s, "et") == 0;
}

/* ---- the pipeline ------------------------------------------------------------------- */

typedef struct {
	const char *file;   /* as messages name it, in the batch arena */
	const char *path;   /* on disk, or NULL (standard input, a buffer) */
	const char *format; /* the suffix, or the caller's format name */
	input_role role;
	const char *encoding; /* NULL: UTF-8 */
} input_source;

/* Steps 2 to 4 over bytes already in fb (released by the caller). */
static int read_bytes(jx_batch *b, const input_source *src, file_bytes *fb, jx_diagnostics *diags)
{
	input_kind kind = sniff(fb->data, fb->len);
	if (kind == INPUT_WORKBOOK && src->role == ROLE_REVIEW) {
		jx_diag_error(
		    diags, (jx_loc){src->file, 0, 0, NULL},
		    "a reviewer's findings are read from a CSV: save the sheet as CSV "
		    "(UTF-8) with the columns dept_id, indicator, code, actual, score, note");
		return JX_EDATA;
	}
	if (kind == INPUT_WORKBOOK)
		return jx_batch_read_workbook(b, src->file, src->path, fb->data, fb->len, diags);
	if (workbook_suffix(src->format)) {
		jx_diag_error(diags, (jx_loc){src->file, 0, 0, NULL},
		              "named .%s but not a workbook: its first bytes are neither a zip "
		              "archive (.xlsx) nor an OLE2 file (.xls)",
		              src->format);
		return JX_EDATA;
	}
	int format = text_format_for(src->role, src->format);
	if (format < 0)
		return unknown_format(src->file, src->format, diags);
	int rc = decode_text(fb, kind, src->encoding, src->file, diags);
	if (rc != JX_OK)
		return rc;
	return read_text(b, src->file, format, fb->data, fb->len, diags);
}

/* A file's bytes: mapped when big and only a CSV reader will see them. */
static int acquire_file(file_bytes *fb, FILE *f, const input_source *src, jx_diagnostics *diags)
{
	int format = text_format_for(src->role, src->format);
	int may_map = src->path && is_utf8_name(src->encoding) && format >= 0 &&
	              text_formats[format].read_only;
	int rc = src->path ? read_regular(f, src->file, may_map, fb, diags) : JX_NOT_REGULAR;
	if (rc == JX_NOT_REGULAR)
		rc = read_stream(f, src->file, &fb->data, &fb->len, diags);
	return rc;
}

static int read_file_as(jx_batch *b, const char *path, input_role role, const jx_read_options *opts,
                        jx_diagnostics *diags)
{
	jx_trace("read: open");
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		jx_diag_error(diags, (jx_loc){path, 0, 0, NULL}, "cannot open: %s",
		              strerror(errno));
		return JX_EIO;
	}
	input_source src = {
	    .file = jx_arena_strdup(b->arena, is_stdin ? "<stdin>" : path),
	    .path = is_stdin ? NULL : path,
	    .format = is_stdin ? "csv" : suffix(path),
	    .role = role,
	    .encoding = opts ? opts->encoding : NULL,
	};
	file_bytes fb = {0};
	int rc = src.file ? acquire_file(&fb, f, &src, diags) : JX_ENOMEM;
	if (!is_stdin)
		fclose(f);
	jx_trace("read: file");
	if (rc == JX_OK)
		rc = read_bytes(b, &src, &fb, diags);
	file_bytes_release(&fb);
	jx_trace("read: done");
	return rc;
}

int jx_batch_read_buffer(jx_batch *b, const char *name, const char *format, const char *data,
                         size_t len, jx_diagnostics *diags)
{
	if (!b || !name || !format || (!data && len))
		return JX_EINVAL;
	input_source src = {
	    .file = jx_arena_strdup(b->arena, name),
	    .format = format,
	    .role = strcmp(format, "indicators") == 0 ? ROLE_INDICATORS
	            : strcmp(format, "review") == 0   ? ROLE_REVIEW
	                                              : ROLE_DATA,
	};
	file_bytes fb = {jx_memdup_nul(data, len), len, 0};
	if (!fb.data || !src.file) {
		free(fb.data);
		return JX_ENOMEM;
	}
	int rc = read_bytes(b, &src, &fb, diags);
	file_bytes_release(&fb);
	return rc;
}

/* ---- a wide CSV for reading in windows ------------------------------------------- */

int jx_input_map_wide_csv(const char *path, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	int format = find_text_format(suffix(path));
	if (format < 0 || text_formats[format].read != read_wide_csv)
		return JX_ENOTSUP;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return JX_ENOTSUP; /* the general way says why */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (size_t)st.st_size > MAX_DATA_FILE) {
		close(fd);
		return JX_ENOTSUP;
	}
	size_t size = (size_t)st.st_size;
	void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return JX_ENOTSUP;
	if (sniff(p, size) != INPUT_TEXT || is_indicator_table(p, size)) {
		munmap(p, size);
		return JX_ENOTSUP;
	}
	*data = p;
	*len = size;
	return JX_OK;
}

int jx_input_utf8_valid(const char *data, size_t len, int jobs)
{
	size_t bad;
	return utf8_valid_parts(data, len, jobs > 1 ? (size_t)jobs : 1, &bad);
}

/* ---- folders ------------------------------------------------------------------------ */

static int file_is_readable_here(const char *path, input_role role);

#define MAX_FOLDER_FILES 100000

/* Spreadsheet programs leave "~$name.xlsx" lock files beside open ones. */
static int not_a_lock_file(const char *name)
{
	return strncmp(name, "~$", 2) != 0;
}

/* A file of a folder that could not be read at all is a department too,
 * rejected with the reason, so a folder's run loses nothing: its id is
 * the file name without extension. */
static int reject_unreadable(jx_batch *b, const char *path, const jx_diagnostics *diags,
                             size_t first_diag)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	const char *id = jx_arena_strndup(b->arena, base,
	                                  dot && dot > base ? (size_t)(dot - base) : strlen(base));
	const char *file = jx_arena_strdup(b->arena, path);
	long row = id && file ? jx_batch_push_row(b, id, "", (jx_loc){file, 0, 0, NULL}) : -1;
	if (row < 0)
		return JX_ENOMEM;
	jx_diagnostic dg = {0};
	for (size_t i = first_diag; i < jx_diagnostics_count(diags); i++) {
		jx_diagnostics_get(&dg, diags, i);
		if (dg.severity == JX_SEV_ERROR)
			break;
	}
	jx_loc at = {file, dg.message ? dg.line : 0, dg.message ? dg.col : 0,
	             dg.sheet ? jx_arena_strdup(b->arena, dg.sheet) : NULL};
	jx_batch_reject(b, (size_t)row, at, "%s",
	                dg.message ? dg.message : "the file cannot be read");
	return JX_OK;
}

/* Every file of a folder, in name order: workbooks by their content, text
 * files by their suffix; anything else is skipped with a note. */
static int read_folder(jx_batch *b, const char *dir, input_role role, const jx_read_options *opts,
                       jx_diagnostics *diags)
{
	jx_file_list files;
	int listed = jx_folder_list(&files, dir, not_a_lock_file, MAX_FOLDER_FILES);
	if (listed != 0) {
		jx_file_list_free(&files);
		if (listed == -3)
			return JX_ENOMEM;
		jx_diag_error(diags, (jx_loc){dir, 0, 0, NULL}, "%s",
		              listed == -2 ? "more than 100000 files in this folder"
		                           : "cannot read this folder");
		return JX_EIO;
	}
	int rc = JX_OK;
	for (size_t i = 0; rc != JX_ENOMEM && i < files.n; i++) {
		const char *path = files.items[i];
		if (jx_is_folder(path))
			continue;
		if (!file_is_readable_here(path, role)) {
			jx_diag_note(
			    diags, (jx_loc){path, 0, 0, NULL}, "%s",
			    role == ROLE_INDICATORS
			        ? "neither a workbook nor a CSV file: skipped"
			        : "neither a workbook nor a CSV / YAML / JSON file: skipped");
			continue;
		}
		size_t before = jx_diagnostics_count(diags);
		int one = read_file_as(b, path, role, opts, diags);
		if (one == JX_EDATA || one == JX_EIO)
			one = reject_unreadable(b, path, diags, before);
		rc = one == JX_OK ? rc : one;
	}
	jx_file_list_free(&files);
	return rc;
}

/* In a folder: a workbook (by its first bytes) or a text format by name. */
static int file_is_readable_here(const char *path, input_role role)
{
	unsigned char head[8] = {0};
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof(head), f) : 0;
	if (f)
		fclose(f);
	const char *s = suffix(path);
	if (is_workbook(head, n) || workbook_suffix(s))
		return 1;
	return role == ROLE_INDICATORS ? strcasecmp(s, "csv") == 0 || strcasecmp(s, "txt") == 0 ||
	                                     strcasecmp(s, "tsv") == 0
	                               : find_text_format(s) >= 0;
}

static int read_path(jx_batch *b, const char *path, input_role role, const jx_read_options *opts,
                     jx_diagnostics *diags)
{
	if (!b || !path || (opts && opts->version > JX_READ_OPTIONS_VERSION))
		return JX_EINVAL;
	if (strcmp(path, "-") != 0 && jx_is_folder(path))
		return read_folder(b, path, role, opts, diags);
	return read_file_as(b, path, role, opts, diags);
}

int jx_batch_read_file(jx_batch *b, const char *path, const jx_read_options *opts,
                       jx_diagnostics *diags)
{
	return read_path(b, path, ROLE_DATA, opts, diags);
}

int jx_batch_read_indicators(jx_batch *b, const char *path, const jx_read_options *opts,
                             jx_diagnostics *diags)
{
	return read_path(b, path, ROLE_INDICATORS, opts, diags);
}

int jx_batch_read_review(jx_batch *b, const char *path, const jx_read_options *opts,
                         jx_diagnostics *diags)
{
	if (!b || !path || (opts && opts->version > JX_READ_OPTIONS_VERSION))
		return JX_EINVAL;
	return read_file_as(b, path, ROLE_REVIEW, opts, diags);
}

/* ---- tables without a rule set (`jixiao read`) -------------------------------------- */

/* Steps 1 to 3 for one file, then the tables it holds to the visitor. */
static int visit_file(const char *path, const jx_read_options *opts, jx_arena *keep,
                      const jx_table_visitor *v, jx_diagnostics *diags)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		jx_diag_error(diags, (jx_loc){path, 0, 0, NULL}, "cannot open: %s",
		              strerror(errno));
		return JX_EIO;
	}
	input_source src = {.file = jx_arena_strdup(keep, path),
	                    .path = path,
	                    .format = suffix(path),
	                    .role = ROLE_INDICATORS,
	                    .encoding = opts ? opts->encoding : NULL};
	file_bytes fb = {0};
	int rc = src.file ? acquire_file(&fb, f, &src, diags) : JX_ENOMEM;
	fclose(f);
	input_kind kind = rc == JX_OK ? sniff(fb.data, fb.len) : INPUT_TEXT;
	if (rc == JX_OK && kind == INPUT_WORKBOOK)
		rc = jx_sheet_tables(src.file, path, fb.data, fb.len, keep, v->sheet_table, v->ctx,
		                     diags);
	else if (rc == JX_OK && workbook_suffix(src.format))
		rc = read_bytes(NULL, &src, &fb, diags); /* says it is not a workbook */
	else if (rc == JX_OK &&
	         (rc = decode_text(&fb, kind, src.encoding, src.file, diags)) == JX_OK &&
	         (rc = check_utf8(fb.data, fb.len, 1, src.file, diags)) == JX_OK)
		rc = jx_long_csv_rows(src.file, fb.data, fb.len, v->csv_row, v->ctx, diags);
	file_bytes_release(&fb);
	return rc;
}

int jx_read_tables(const char *path, const jx_read_options *opts, jx_arena *keep,
                   const jx_table_visitor *v, jx_diagnostics *diags)
{
	if (!jx_is_folder(path))
		return visit_file(path, opts, keep, v, diags);
	jx_file_list files;
	int listed = jx_folder_list(&files, path, not_a_lock_file, MAX_FOLDER_FILES);
	int rc = listed == 0 ? JX_OK : listed == -3 ? JX_ENOMEM : JX_EIO;
	if (rc == JX_EIO)
		jx_diag_error(diags, (jx_loc){path, 0, 0, NULL}, "cannot read this folder");
	for (size_t i = 0; rc != JX_ENOMEM && i < files.n; i++) {
		if (jx_is_folder(files.items[i]))
			continue;
		if (!file_is_readable_here(files.items[i], ROLE_INDICATORS)) {
			jx_diag_note(diags, (jx_loc){files.items[i], 0, 0, NULL},
			             "neither a workbook nor a CSV file: skipped");
			continue;
		}
		int one = visit_file(files.items[i], opts, keep, v, diags);
		rc = rc == JX_OK ? one : rc;
	}
	jx_file_list_free(&files);
	return rc;
}
