/*
 * batch_csv.c - the wide batch CSV of docs/data.md §2: one row per department.
 *
 * Columns: dept_id (required), dept_name, fiscal_year, then variables named
 * as in the rule set, and target.<indicator_id> / note.<indicator_id>. A bad
 * cell rejects its department with file:line:col; the batch goes on. Columns
 * the rule set does not use are reported once as a warning and ignored.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/parallel.h"
#include "../common/trace.h"
#include "../common/utf8.h"
#include "load.h"
#include "csv.h"

#define MAX_COLUMNS 4096

typedef enum {
	COL_IGNORED = 0,
	COL_ID,
	COL_NAME,
	COL_YEAR,
	COL_VARIABLE,
	COL_TARGET,
	COL_NOTE
} column_kind;

typedef struct {
	column_kind kind;
	long index; /* variable slot or indicator index */
} column;

typedef struct {
	jx_batch *b;
	const char *file;
	jx_diagnostics *diags;
	column *cols;
	size_t ncols;
	size_t id_col, name_col; /* SIZE_MAX when the header has none */
	int check_ids;           /* dept_ids go into the map as rows are read */
	uint64_t id_hash;        /* the hash of the last row's dept_id */
	jx_csv_field *fields;
	char *scratch;
	size_t scratch_size;
	size_t stop; /* rows are read while the reader is before this offset */
} csv_state;

static int field_is(const jx_csv_field *f, const char *s)
{
	return f->len == strlen(s) && memcmp(f->data, s, f->len) == 0;
}

static long indicator_column(const jx_rules *r, const jx_csv_field *f, const char *prefix)
{
	size_t n = strlen(prefix);
	if (f->len <= n || memcmp(f->data, prefix, n) != 0)
		return -2;
	return jx_strmap_get(&r->indicator_map, f->data + n, f->len - n);
}

static column classify(csv_state *st, const jx_csv_field *f)
{
	const jx_rules *r = st->b->rules;
	column c = {COL_IGNORED, -1};
	long i;
	if (field_is(f, "dept_id"))
		c.kind = COL_ID;
	else if (field_is(f, "dept_name"))
		c.kind = COL_NAME;
	else if (field_is(f, "fiscal_year"))
		c.kind = COL_YEAR;
	else if ((i = jx_strmap_get(&r->variable_map, f->data, f->len)) >= 0)
		c = (column){COL_VARIABLE, i};
	else if ((i = indicator_column(r, f, "target.")) >= 0)
		c = (column){COL_TARGET, i};
	else if ((i = indicator_column(r, f, "note.")) >= 0)
		c = (column){COL_NOTE, i};
	else
		jx_diag_warning(st->diags, ((jx_loc){st->file, f->line, jx_csv_col(f), NULL}),
		                "column '%.*s' is not used by rule set '%s'; ignored",
		                jx_utf8_clip(f->data, f->len, 80), f->data, r->id);
	return c;
}

static int read_header(csv_state *st, jx_csv_reader *rd)
{
	size_t n = 0;
	jx_csv_error err = {0};
	jx_csv_status s =
	    jx_csv_next(rd, st->fields, MAX_COLUMNS, &n, st->scratch, st->scratch_size, &err);
	if (s == JX_CSV_END) {
		jx_diag_error(st->diags, ((jx_loc){st->file, 1, 1, NULL}),
		              "empty file: expected a header row starting with dept_id");
		return JX_EDATA;
	}
	if (s == JX_CSV_ERROR) {
		jx_diag_error(st->diags, ((jx_loc){st->file, err.line, err.col, NULL}), "%s",
		              err.message);
		return JX_EDATA;
	}
	if (n > MAX_COLUMNS) {
		jx_diag_error(st->diags, ((jx_loc){st->file, 1, 1, NULL}), "more than %d columns",
		              MAX_COLUMNS);
		return JX_EDATA;
	}
	st->ncols = n;
	st->cols = calloc(n, sizeof(column));
	if (!st->cols)
		return JX_ENOMEM;
	int has_id = 0, rc = JX_OK;
	st->id_col = st->name_col = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		const jx_csv_field *f = &st->fields[i];
		st->cols[i] = classify(st, f);
		has_id |= st->cols[i].kind == COL_ID;
		if (st->cols[i].kind == COL_ID)
			st->id_col = i;
		else if (st->cols[i].kind == COL_NAME)
			st->name_col = i;
		for (size_t j = 0; j < i; j++)
			if (st->fields[j].len == f->len &&
			    memcmp(st->fields[j].data, f->data, f->len) == 0) {
				jx_diag_error(st->diags,
				              ((jx_loc){st->file, f->line, jx_csv_col(f), NULL}),
				              "column '%.*s' appears twice in the header",
				              jx_utf8_clip(f->data, f->len, 80), f->data);
				rc = JX_EDATA;
			}
	}
	if (!has_id) {
		jx_diag_error(st->diags, ((jx_loc){st->file, 1, 1, NULL}),
		              "the header has no dept_id column");
		rc = JX_EDATA;
	}
	return rc;
}

static const char *copy_field(csv_state *st, const jx_csv_field *f)
{
	return jx_arena_strndup(st->b->arena, f->data, f->len);
}

/* The department's id and name come first so a rejection names them. */
static long start_row(csv_state *st, size_t n, int line)
{
	const char *id = NULL, *name = "";
	if (st->id_col < n && st->fields[st->id_col].len)
		id = copy_field(st, &st->fields[st->id_col]);
	if (st->name_col < n)
		name = copy_field(st, &st->fields[st->name_col]);
	jx_loc loc = {st->file, line, 1, NULL};
	int missing_id = id == NULL;
	if (missing_id)
		id = jx_arena_printf(st->b->arena, "(line %d)", line);
	if (!id || !name)
		return -1;
	long row = jx_batch_push_row(st->b, id, name, loc);
	if (row >= 0 && missing_id)
		jx_batch_reject(st->b, (size_t)row, loc, "the row has no dept_id");
	return row;
}

static void store_year(csv_state *st, size_t row, const jx_csv_field *f)
{
	if (!f->len)
		return;
	const char *s = f->data;
	if (f->len == 4 && s[0] >= '1' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	    s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9' && s[0] != '1') {
		/* "2024", as nearly every row writes it */
		st->b->rows[row].fiscal_year =
		    (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		return;
	}
	double y;
	if (jx_number_parse(&y, f->data, f->len) != 0 || y < 1900 || y > 9999 ||
	    y != (double)(int)y) {
		jx_batch_reject(st->b, row, ((jx_loc){st->file, f->line, jx_csv_col(f), NULL}),
		                "fiscal_year '%.*s' is not a year",
		                jx_utf8_clip(f->data, f->len, 40), f->data);
		return;
	}
	st->b->rows[row].fiscal_year = (int)y;
}

static void store_field(csv_state *st, size_t row, const column *c, const jx_csv_field *f)
{
	const char *err = NULL;
	size_t off = 0;
	int rc = 0;
	jx_loc loc = {st->file, f->line, 0, NULL}; /* the column is counted when needed */
	switch (c->kind) {
	case COL_VARIABLE:
		rc = jx_batch_store_cell(st->b, row, c->index, f->data, f->len, &err, &off);
		break;
	case COL_TARGET:
		loc.col = jx_csv_col(f);
		if (f->len)
			rc = jx_batch_store_target(st->b, row, (size_t)c->index, f->data, f->len,
			                           loc, &err, &off);
		break;
	case COL_NOTE:
		rc = jx_batch_store_note(st->b, row, (size_t)c->index, f->data, f->len);
		if (rc)
			err = "out of memory";
		break;
	case COL_YEAR:
		store_year(st, row, f);
		break;
	default:
		break;
	}
	if (rc == 0)
		return;
	/* Point at the offending character; in a quoted field at its start. */
	loc.col = jx_csv_col(f);
	if (!f->quoted && off <= f->len)
		loc.col += (int)jx_utf8_chars(f->data, off);
	jx_batch_reject(st->b, row, loc, "'%.*s': %s", jx_utf8_clip(f->data, f->len, 80), f->data,
	                err ? err : "invalid value");
}

/* The hash of the row's dept_id, and its slot fetched from memory while the
 * cells are read (read_rows puts it into the map after them). */
static void prefetch_id(csv_state *st, size_t row)
{
	if (!st->check_ids)
		return;
	const char *id = st->b->rows[row].id;
	st->id_hash = jx_strmap_hash(&st->b->id_map, id, strlen(id));
	jx_strmap_prefetch(&st->b->id_map, st->id_hash);
}

/* One record into the batch; *row is its index, or -1 at the end of the
 * file (or of the chunk). */
static int read_record(csv_state *st, jx_csv_reader *rd, long *row)
{
	*row = -1;
	if (rd->pos >= st->stop)
		return JX_OK;
	size_t n = 0;
	jx_csv_error err = {0};
	int line = rd->line;
	jx_csv_status s =
	    jx_csv_next(rd, st->fields, MAX_COLUMNS, &n, st->scratch, st->scratch_size, &err);
	if (s == JX_CSV_END)
		return JX_OK;
	if (s == JX_CSV_ERROR) {
		/* The row cannot be read: it is still a department, rejected. */
		const char *id = jx_arena_printf(st->b->arena, "(line %d)", err.line);
		*row = id ? jx_batch_push_row(st->b, id, "",
		                              (jx_loc){st->file, err.line, err.col, NULL})
		          : -1;
		if (*row < 0)
			return JX_ENOMEM;
		prefetch_id(st, (size_t)*row);
		jx_batch_reject(st->b, (size_t)*row, ((jx_loc){st->file, err.line, err.col, NULL}),
		                "%s", err.message);
		return JX_OK;
	}
	if (n && st->fields[0].line > 0)
		line = st->fields[0].line;
	*row = start_row(st, n, line);
	if (*row < 0)
		return JX_ENOMEM;
	prefetch_id(st, (size_t)*row);
	if (n != st->ncols) {
		jx_batch_reject(st->b, (size_t)*row, ((jx_loc){st->file, line, 1, NULL}),
		                "the row has %zu fields, the header %zu", n, st->ncols);
		return JX_OK;
	}
	for (size_t i = 0; i < n; i++)
		store_field(st, (size_t)*row, &st->cols[i], &st->fields[i]);
	return JX_OK;
}

/* Reads records until the end (of the file or the chunk). A department's
 * dept_id goes into the batch's map once its cells are read (a duplicate's
 * reason replaces theirs, as if found first); chunks read on other threads
 * leave that to jx_batch_append. */
static int read_rows(csv_state *st, jx_csv_reader *rd)
{
	int was_deferred = st->b->defer_ids;
	st->check_ids = !was_deferred && !st->b->ids_elsewhere;
	st->b->defer_ids = 1; /* jx_batch_push_row leaves the map to us */
	int rc;
	for (;;) {
		long row;
		rc = read_record(st, rd, &row);
		if (rc != JX_OK || row < 0)
			break;
		if (!st->check_ids)
			continue;
		if (jx_batch_check_id(st->b, (size_t)row, st->id_hash) != 0) {
			rc = JX_ENOMEM;
			break;
		}
	}
	st->b->defer_ids = was_deferred;
	return rc;
}

/* ---- large files in chunks, on several threads ------------------------------ *
 *
 * The rows after the header are cut at line starts into one chunk per
 * thread; chunk 0 is read into the batch itself, chunk k > 0 from its start
 * into its own batch (own arena and word cache; dept_ids not checked; its
 * values straight into a window of the batch's array, plan_chunks), knowing
 * its line number by counting the line ends before it. A guessed start may fall inside a quoted
 * field, so each chunk is trusted only if the reader of the chunk before it stopped exactly there,
 * on the same line: the reader's state at a record start is only its offset and line, so the chunk
 * then read what one reader would have. Otherwise the chunk before reads on to the end and the rest
 * is dropped. Chunks are appended in order (jx_batch_append), checking the dept_ids as one pass
 * would: rows, reasons and locations come out the same. */

#define MAX_CHUNKS 16
#define MIN_CHUNK  ((size_t)1 << 20) /* bytes: smaller files are read on one thread */

typedef struct {
	csv_state st;
	jx_csv_reader rd;
	size_t start; /* offset of the chunk's first record */
	int line;     /* its line number */
	int rc;
} chunk;

static void *read_chunk(void *arg)
{
	chunk *c = arg;
	c->rd.line = c->line;
	c->rc = read_rows(&c->st, &c->rd);
	return NULL;
}

/* What plan_chunks needs to know of one chunk's bytes, counted in one scan
 * (on the chunk's thread): its line breaks (LF and CR: the records it can
 * hold are at most these plus one) and its line ends as the reader counts
 * them (CR LF, LF or a lone CR; a chunk but the last ends with a LF). */
typedef struct {
	const char *data;
	size_t n;
	size_t breaks;
	int line_ends;
} line_count;

static void *count_lines(void *arg)
{
	line_count *lc = arg;
	const char *data = lc->data, *end = data + lc->n;
	size_t lf = 0;
	for (const char *p = data; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		lf++;
	lc->breaks = lf;
	lc->line_ends = (int)lf;
	if (!memchr(data, '\r', lc->n))
		return NULL;
	for (size_t i = 0; i < lc->n; i++)
		if (data[i] == '\r') {
			lc->breaks++;
			lc->line_ends += i + 1 < lc->n && data[i + 1] != '\n';
		}
	return NULL;
}

/* Each chunk's first line number, and room in the batch for every chunk's
 * rows, so that chunk k writes its values straight into the batch's array
 * from row first[k] on (no copy when the chunks are joined). */
static int plan_chunks(chunk *c, size_t n, const csv_state *st, size_t limit)
{
	line_count lines[MAX_CHUNKS];
	for (size_t k = 0; k < n; k++) {
		size_t end = k + 1 < n ? c[k + 1].start : limit;
		lines[k] = (line_count){c[k].rd.buf + c[k].start, end - c[k].start, 0, 0};
	}
	jx_parallel(count_lines, lines, sizeof(line_count), n);
	size_t first = st->b->n, total = 0;
	for (size_t k = 0; k < n; k++) {
		total += lines[k].breaks + 1;
		if (k + 1 < n)
			c[k + 1].line = c[k].line + lines[k].line_ends;
	}
	if (jx_batch_reserve(st->b, total) != JX_OK)
		return JX_ENOMEM;
	for (size_t k = 0; k < n; k++) {
		size_t room = lines[k].breaks + 1;
		if (k > 0 && jx_batch_lend_values(c[k].st.b, st->b, first, room) != JX_OK)
			return JX_ENOMEM;
		first += room;
	}
	return JX_OK;
}

/* Chunk 0 is read into the batch itself, checking dept_ids as it goes (the
 * others' are checked when joined): measured ~25% slower per byte, so it
 * gets a smaller share (4 parts in 5 of the others'). */
#define FIRST_SHARE 0.8

/* Chunk starts after `from`: line starts near those shares; returns how
 * many. */
static size_t cut(const char *data, size_t len, size_t from, size_t jobs, size_t *starts)
{
	size_t n = 1;
	starts[0] = from;
	double parts = FIRST_SHARE + (double)(jobs - 1);
	for (size_t k = 1; k < jobs; k++) {
		size_t guess =
		    from + (size_t)((double)(len - from) * (FIRST_SHARE + (double)(k - 1)) / parts);
		const char *nl =
		    guess > starts[n - 1] ? memchr(data + guess, '\n', len - guess) : NULL;
		if (nl && (size_t)(nl - data) + 1 < len)
			starts[n++] = (size_t)(nl - data) + 1;
	}
	return n;
}

static int chunk_init(chunk *c, const csv_state *st, const jx_csv_reader *rd, size_t start)
{
	c->st = *st;
	c->start = start;
	c->rc = JX_OK;
	jx_csv_init(&c->rd, rd->buf, rd->len);
	c->rd.pos = c->rd.line_start = start;
	c->st.b = NULL;
	c->st.fields = malloc(sizeof(jx_csv_field) * MAX_COLUMNS);
	c->st.scratch = malloc(st->scratch_size);
	if (!c->st.fields || !c->st.scratch || jx_batch_new(&c->st.b, st->b->rules) != JX_OK)
		return JX_ENOMEM;
	c->st.b->defer_ids = 1;
	return JX_OK;
}

static void chunk_free(chunk *c)
{
	free(c->st.fields);
	free(c->st.scratch);
	jx_batch_free(c->st.b);
}

/* Checks and appends chunks 1..n-1 after chunk 0 was read into the batch
 * (records starting before `stop` are read); *last: the chunk whose reader
 * read the last record. */
static int join_chunks(chunk *c, size_t n, size_t stop, size_t *last)
{
	int rc = c[0].rc;
	*last = 0;
	for (size_t k = 0; k < n && rc == JX_OK; k++) {
		int whole =
		    k + 1 < n && (c[k].rd.pos != c[k + 1].start || c[k].rd.line != c[k + 1].line);
		if (whole) { /* chunk k + 1 started inside a record: read on */
			c[k].st.stop = stop;
			rc = read_rows(&c[k].st, &c[k].rd);
		}
		if (rc == JX_OK && k > 0)
			rc = c[k].rc != JX_OK ? c[k].rc : jx_batch_append(c[0].st.b, c[k].st.b);
		*last = k;
		if (whole)
			break;
	}
	return rc;
}

/* Reads the records that start before st->stop (the end: SIZE_MAX); the
 * reader is left after the last one read. */
static int read_rows_chunked(csv_state *st, jx_csv_reader *rd, size_t jobs)
{
	size_t starts[MAX_CHUNKS];
	size_t limit = st->stop < rd->len ? st->stop : rd->len;
	if (jobs > MAX_CHUNKS)
		jobs = MAX_CHUNKS;
	if (rd->pos >= limit || jobs > (limit - rd->pos) / MIN_CHUNK)
		jobs = rd->pos < limit ? (limit - rd->pos) / MIN_CHUNK : 0;
	size_t n = jobs > 1 ? cut(rd->buf, limit, rd->pos, jobs, starts) : 1;
	if (n < 2)
		return read_rows(st, rd);
	chunk c[MAX_CHUNKS];
	int rc = JX_OK;
	c[0] = (chunk){*st, *rd, starts[0], rd->line, JX_OK};
	/* Every chunk chunk_free may see owns nothing until chunk_init gives it
	 * something: a chunk after one that ran out of memory is never set up. */
	for (size_t k = 1; k < n; k++)
		c[k] = (chunk){.st = {.b = NULL, .fields = NULL, .scratch = NULL}};
	for (size_t k = 1; k < n; k++) {
		rc = rc == JX_OK ? chunk_init(&c[k], st, rd, starts[k]) : rc;
		c[k - 1].st.stop = starts[k];
	}
	c[n - 1].st.stop = st->stop;
	if (rc == JX_OK)
		rc = plan_chunks(c, n, st, limit);
	jx_trace("read: chunks planned");
	if (rc == JX_OK)
		jx_parallel(read_chunk, c, sizeof(chunk), n);
	jx_trace("read: rows, in chunks");
	size_t last = 0;
	if (rc == JX_OK)
		rc = join_chunks(c, n, st->stop, &last);
	*rd = c[last].rd;
	jx_trace("read: chunks joined");
	for (size_t k = 1; k < n; k++)
		chunk_free(&c[k]);
	return rc;
}

int jx_batch_read_csv(jx_batch *b, const char *file, const char *data, size_t len,
                      jx_diagnostics *diags)
{
	csv_state st = {.b = b, .file = file, .diags = diags, .stop = SIZE_MAX};
	st.fields = malloc(sizeof(jx_csv_field) * MAX_COLUMNS);
	st.scratch_size = len + 1;
	st.scratch = malloc(st.scratch_size);
	int rc = JX_ENOMEM;
	if (!st.fields || !st.scratch)
		goto out;
	jx_csv_reader rd;
	jx_csv_init(&rd, data, len);
	rc = read_header(&st, &rd);
	if (rc == JX_OK)
		rc = read_rows_chunked(&st, &rd, b->read_jobs > 1 ? (size_t)b->read_jobs : 1);
out:
	free(st.cols);
	free(st.fields);
	free(st.scratch);
	return rc;
}

/* ---- a wide CSV in windows (docs/performance.md, "Streaming") ------------- *
 *
 * `jixiao score --format csv` need not hold every department at once: the
 * records are read a window at a time, each window a batch of its own, read
 * on the threads as above. A dept_id is checked against the windows before
 * too (kept in `seen`), so the rows, reasons and locations are those one
 * reading of the whole file gives. */

struct jx_csv_stream {
	csv_state st;
	jx_csv_reader rd; /* at the next window's first record */
	const jx_rules *rules;
	const char *file;
	int jobs;
	jx_strmap seen; /* the dept_ids of the windows before */
	jx_arena *ids;  /* their text */
};

void jx_csv_stream_free(jx_csv_stream *s)
{
	if (!s)
		return;
	free(s->st.cols);
	free(s->st.fields);
	free(s->st.scratch);
	jx_strmap_free(&s->seen);
	jx_arena_free(s->ids);
	free(s);
}

int jx_csv_stream_open(jx_csv_stream **out, const jx_rules *rules, const char *file,
                       const char *data, size_t len, int jobs, jx_diagnostics *diags)
{
	*out = NULL;
	jx_csv_stream *s = calloc(1, sizeof(*s));
	jx_batch *header = NULL; /* classify() reads the rules through a batch */
	if (!s || jx_batch_new(&header, rules) != JX_OK) {
		free(s);
		return JX_ENOMEM;
	}
	s->rules = rules;
	s->file = file;
	s->jobs = jobs > 1 ? jobs : 1;
	s->ids = jx_arena_new();
	s->st = (csv_state){.b = header, .file = file, .diags = diags, .stop = SIZE_MAX};
	s->st.fields = malloc(sizeof(jx_csv_field) * MAX_COLUMNS);
	s->st.scratch_size = len + 1;
	s->st.scratch = malloc(s->st.scratch_size);
	int rc = s->ids && s->st.fields && s->st.scratch ? JX_OK : JX_ENOMEM;
	if (rc == JX_OK) {
		jx_csv_init(&s->rd, data, len);
		rc = read_header(&s->st, &s->rd);
	}
	jx_batch_free(header);
	s->st.b = NULL;
	if (rc != JX_OK) {
		jx_csv_stream_free(s);
		return rc;
	}
	*out = s;
	return JX_OK;
}

/* Each row's dept_id against the rows before it, in this window and those
 * before: a department already seen is a duplicate, its reason replacing
 * any its cells gave, as when the whole file is one batch (the window's
 * reader leaves dept_ids to this: b->ids_elsewhere). */
/* Row's dept_id (of jx_strmap_hash(&s->seen, ...) `hash`) into `seen`. */
static int put_seen(jx_csv_stream *s, jx_batch *b, size_t row, uint64_t hash)
{
	const char *id = b->rows[row].id;
	size_t len = strlen(id);
	const char *kept = jx_arena_strndup(s->ids, id, len);
	int rc = kept ? jx_strmap_put_hashed(&s->seen, kept, len, hash, 0) : -1;
	if (rc < 0)
		return JX_ENOMEM;
	if (rc == 1) {
		b->rows[row].reject_reason = NULL;
		jx_batch_reject_duplicate(b, row, b->rows[row].loc, id);
	}
	return JX_OK;
}

/* The slot of the id SEEN_AHEAD rows on is loaded while this one is put
 * (the map of every dept_id is far bigger than the cache). */
#define SEEN_AHEAD 8

static int check_seen(jx_csv_stream *s, jx_batch *b)
{
	uint64_t hashes[SEEN_AHEAD];
	for (size_t k = 0; k < b->n + SEEN_AHEAD; k++) {
		uint64_t *h = &hashes[k % SEEN_AHEAD];
		if (k >= SEEN_AHEAD && put_seen(s, b, k - SEEN_AHEAD, *h) != JX_OK)
			return JX_ENOMEM;
		if (k < b->n) {
			const char *id = b->rows[k].id;
			*h = jx_strmap_hash(&s->seen, id, strlen(id));
			jx_strmap_prefetch(&s->seen, *h);
		}
	}
	return JX_OK;
}

/* Room in `seen` for the dept_ids of the whole file, guessed from the
 * first window's bytes per row, so the map is not rebuilt as it grows. */
static int reserve_seen(jx_csv_stream *s, size_t rows, size_t from, size_t to)
{
	if (s->seen.count || to <= from || !rows)
		return JX_OK;
	double guess = (double)rows * (double)(s->rd.len - from) / (double)(to - from) * 1.05;
	return jx_strmap_reserve(&s->seen, guess < 1e8 ? (size_t)guess : rows) == 0 ? JX_OK
	                                                                            : JX_ENOMEM;
}

int jx_csv_stream_check_ids(jx_csv_stream *s, jx_batch *b, size_t from, size_t to)
{
	int rc = reserve_seen(s, b->n, from, to);
	return rc == JX_OK ? check_seen(s, b) : rc;
}

int jx_csv_stream_next(jx_csv_stream *s, size_t bytes, jx_batch **out, size_t *from, size_t *to)
{
	*out = NULL;
	*from = *to = s->rd.pos;
	if (s->rd.pos >= s->rd.len)
		return JX_OK;
	jx_batch *b = NULL;
	if (jx_batch_new(&b, s->rules) != JX_OK)
		return JX_ENOMEM;
	b->read_jobs = s->jobs;
	b->ids_elsewhere = 1;
	s->st.b = b;
	s->st.stop = bytes < s->rd.len - s->rd.pos ? s->rd.pos + bytes : SIZE_MAX;
	int rc = read_rows_chunked(&s->st, &s->rd, (size_t)s->jobs);
	s->st.b = NULL;
	if (rc != JX_OK) {
		jx_batch_free(b);
		return rc;
	}
	if (s->rd.pos == *from)
		s->rd.pos = s->rd.len; /* only blank lines were left */
	*to = s->rd.pos;
	*out = b;
	return JX_OK;
}
