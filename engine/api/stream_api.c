/*
 * stream_api.c - a wide CSV scored to `csv` or `csv-long` a window at a
 * time (docs/performance.md, "Streaming"; docs/api.md).
 *
 * The stages are those of jx_batch_read_file + jx_score + jx_result_write,
 * run over windows of departments (~8 MiB of the file each; 1 MiB for
 * csv-long): read a window into a batch of its own (load/), score it
 * (evaluate/), and format each block of its rows on the scoring thread as
 * soon as the block is scored (output/, through a jx_block_hook); then the
 * window is freed. `csv` keeps the rows and the totals: what needs the
 * whole batch comes last, the ranks and the outlier flags (stats/) put into
 * the kept rows as they are written, so memory is the rows plus one window,
 * not the batch plus its result. `csv-long` needs nothing of the whole
 * batch: each window's rows are written as soon as it is scored.
 *
 * `relative` scores against the best actual of the whole batch: then every
 * window is read (and its best noted) before any is scored, and the
 * windows are kept until scored: memory is the batch, as before, but not
 * the result.
 */
#define _DEFAULT_SOURCE /* madvise */
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../common/arena.h"
#include "../common/diag.h"
#include "../common/parallel.h"
#include "../common/trace.h"
#include "../evaluate/evaluate.h"
#include "../load/load.h"
#include "../output/output.h"
#include "../stats/stats.h"
#include "api.h"

#define WINDOW_BYTES ((size_t)8 << 20)

/* The rows of one scoring block (JX_SCORE_BLOCK departments of a window):
 * `csv`'s without rank and outlier flag, kept; `csv-long`'s, written when
 * the window is. A buffer per block, so the allocator can put one where a
 * freed window's batch was (one buffer for all would be one growing block
 * beside them: twice the peak). */
typedef struct {
	jx_buf rows;
	size_t first, n; /* its departments */
} kept_rows;

/* What reading in windows needs: the file's bytes, its windows, and the
 * best of `relative` over those read. */
typedef struct {
	const jx_rules *rules;
	jx_progress_fn progress; /* the caller's, called here between windows */
	void *progress_ctx;
	jx_score_options scoring; /* each window's, copied from the caller's
	                           * (which csv-long outlives): no progress of
	                           * its own (a bar per window) */
	char *data;
	size_t len;
	size_t released; /* bytes before this are given back to the page cache */
	size_t checked;  /* bytes before this are known to be UTF-8 */
	size_t read_to;  /* the end of the last window read */
	jx_csv_stream *stream;
	int jobs;
	size_t window;
	double *best;
	int needs_best;
	jx_diagnostics *diags; /* the reading's own: passed on only when it succeeds */
} reading;

struct jx_csv_scores {
	jx_format format; /* JX_FORMAT_CSV, or JX_FORMAT_CSV_LONG */
	const jx_rules *rules;
	size_t n, cap;     /* departments */
	kept_rows *blocks; /* the rows, block by block, in order */
	size_t n_blocks, blocks_cap;
	jx_csv_mark *marks; /* where each row starts in its block's rows, where
	                     * its rank and flags go */
	double *total;      /* unrounded */
	double *rounded;    /* as shown */
	uint8_t *scored;    /* not rejected */
	int *rank;          /* 0 unless scored */
	double median, mad; /* of the scored totals: the robust z of the outlier flag */
	int fiscal_year;    /* as jx_batch_fiscal_year: 0 none, -1 several */
	size_t n_problems;  /* rejected or failing an error check */
	jx_dept_info kept[JX_CSV_SCORES_KEPT];
	jx_arena *arena; /* the kept problems' strings */
	/* csv-long: written window by window, by jx_csv_scores_write */
	reading *rd;     /* the reading, open until then */
	jx_batch *first; /* its first window, read to know there is one */
	jx_buf *out;     /* while writing: where each window's rows go */
};

static void reading_free(reading *rd)
{
	jx_csv_stream_free(rd->stream);
	jx_diagnostics_free(rd->diags);
	free(rd->best);
	if (rd->data)
		munmap(rd->data, rd->len);
	*rd = (reading){0};
}

void jx_csv_scores_free(jx_csv_scores *s)
{
	if (!s)
		return;
	for (size_t k = 0; k < s->n_blocks; k++)
		jx_buf_free(&s->blocks[k].rows);
	free(s->blocks);
	free(s->marks);
	free(s->total);
	free(s->rounded);
	free(s->scored);
	free(s->rank);
	jx_arena_free(s->arena);
	jx_batch_free(s->first);
	if (s->rd)
		reading_free(s->rd);
	free(s->rd);
	free(s);
}

size_t jx_csv_scores_count(const jx_csv_scores *s)
{
	return s ? s->n : 0;
}

int jx_csv_scores_fiscal_year(const jx_csv_scores *s)
{
	return s ? s->fiscal_year : 0;
}

size_t jx_csv_scores_problem_count(const jx_csv_scores *s)
{
	return s ? s->n_problems : 0;
}

int jx_csv_scores_problem(jx_dept_info *out, const jx_csv_scores *s, size_t k)
{
	if (!out || !s)
		return JX_EINVAL;
	if (k >= s->n_problems || k >= JX_CSV_SCORES_KEPT)
		return JX_ENOTFOUND;
	*out = s->kept[k];
	return JX_OK;
}

/* ---- keeping a scored window ----------------------------------------------- */

static int reserve(jx_csv_scores *s, size_t more)
{
	if (s->n + more <= s->cap)
		return JX_OK;
	size_t cap = s->cap ? s->cap : 1024;
	while (cap < s->n + more)
		cap *= 2;
	jx_csv_mark *marks = realloc(s->marks, sizeof(*marks) * cap);
	if (marks)
		s->marks = marks;
	double *total = realloc(s->total, sizeof(double) * cap);
	if (total)
		s->total = total;
	double *rounded = realloc(s->rounded, sizeof(double) * cap);
	if (rounded)
		s->rounded = rounded;
	uint8_t *scored = realloc(s->scored, cap);
	if (scored)
		s->scored = scored;
	if (!marks || !total || !rounded || !scored)
		return JX_ENOMEM;
	s->cap = cap;
	return JX_OK;
}

/* A department the CLI names on stderr (jx_csv_scores_problem). */
static int keep_problem(jx_csv_scores *s, const jx_result *res, size_t d)
{
	const jx_dept_result *dr = &res->depts[d];
	if (dr->status != JX_DEPT_REJECTED && dr->failed_error_checks == 0)
		return JX_OK; /* most: without the public copy of the rest */
	jx_dept_info info;
	jx_result_department(&info, res, d);
	size_t k = s->n_problems++;
	if (k >= JX_CSV_SCORES_KEPT)
		return JX_OK;
	info.id = jx_arena_strdup(s->arena, info.id);
	info.name = jx_arena_strdup(s->arena, info.name);
	info.reason = jx_arena_strdup(s->arena, info.reason);
	info.grade = "";
	info.rank = 0;
	s->kept[k] = info;
	return info.id && info.name && info.reason ? JX_OK : JX_ENOMEM;
}

/* Room for the rows of n more departments: a kept_rows per scoring block
 * (JX_SCORE_BLOCK), made before scoring, as the blocks are formatted on
 * the scoring threads. */
static int new_blocks(jx_csv_scores *s, size_t n)
{
	size_t blocks = (n + JX_SCORE_BLOCK - 1) / JX_SCORE_BLOCK;
	if (s->n_blocks + blocks > s->blocks_cap) {
		size_t cap = s->blocks_cap ? s->blocks_cap : 64;
		while (cap < s->n_blocks + blocks)
			cap *= 2;
		kept_rows *more = realloc(s->blocks, sizeof(*more) * cap);
		if (!more)
			return JX_ENOMEM;
		s->blocks = more;
		s->blocks_cap = cap;
	}
	for (size_t b = 0; b < blocks; b++) {
		size_t from = b * JX_SCORE_BLOCK;
		size_t to = from + JX_SCORE_BLOCK < n ? from + JX_SCORE_BLOCK : n;
		s->blocks[s->n_blocks++] = (kept_rows){{0}, s->n + from, to - from};
	}
	return JX_OK;
}

/* What a scoring thread keeps of a block it finished: its rows and totals. */
typedef struct {
	jx_csv_scores *s;
	size_t first_block; /* the window's first in s->blocks */
	atomic_int failed;
} block_keeper;

static void keep_block(void *ctx, const jx_result *res, size_t block, size_t from, size_t to)
{
	block_keeper *k = ctx;
	jx_csv_scores *s = k->s;
	kept_rows *rows = &s->blocks[k->first_block + block];
	if (s->format == JX_FORMAT_CSV_LONG) {
		if (jx_csv_long_rows(&rows->rows, res, from, to) != JX_OK)
			atomic_store(&k->failed, 1);
		return;
	}
	if (jx_csv_rows_unranked(&rows->rows, s->marks + rows->first, res, from, to, 0) != JX_OK)
		atomic_store(&k->failed, 1);
	for (size_t d = from; d < to; d++) {
		const jx_dept_result *dr = &res->depts[d];
		size_t at = rows->first + d - from;
		s->scored[at] = dr->status == JX_DEPT_SCORED;
		s->total[at] = dr->total;
		s->rounded[at] = dr->total_rounded;
	}
}

/* ---- windows -------------------------------------------------------------------- */

/* Pages of the file already read leave the process (they stay in the page
 * cache): what is resident is the window at hand, not the file. */
static void release_read(reading *rd, size_t to)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t end = to / page * page;
	if (end <= rd->released)
		return;
	madvise(rd->data + rd->released, end - rd->released, MADV_DONTNEED);
	rd->released = end;
}

static void prefetch_window(reading *rd, size_t from)
{
#ifdef MADV_POPULATE_READ
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t start = from / page * page;
	size_t end = from + rd->window + page < rd->len ? from + rd->window + page : rd->len;
	if (end > start)
		madvise(rd->data + start, end - start, MADV_POPULATE_READ); /* a hint: may fail */
#else
	(void)rd;
	(void)from;
#endif
}

/* Two checks of a window read, independent of each other, so on two
 * threads when there are: its dept_ids against those before, and its bytes
 * (from the last checked) as UTF-8. */
typedef struct {
	reading *rd;
	jx_batch *b;
	size_t from, to;
	int ids; /* which check */
	int rc;
} window_check;

static void *check_window(void *arg)
{
	window_check *c = arg;
	reading *rd = c->rd;
	if (c->ids)
		c->rc = jx_csv_stream_check_ids(rd->stream, c->b, c->from, c->to);
	else
		c->rc = c->to <= rd->checked ||
		                jx_input_utf8_valid(rd->data + rd->checked, c->to - rd->checked, 1)
		            ? JX_OK
		            : JX_ENOTSUP; /* the general reader says where */
	return NULL;
}

static int check_window_read(reading *rd, jx_batch *b, size_t from, size_t to)
{
	window_check checks[2] = {{rd, b, from, to, 1, JX_OK}, {rd, b, from, to, 0, JX_OK}};
	if (rd->jobs > 1) {
		jx_parallel(check_window, checks, sizeof(window_check), 2);
	} else {
		check_window(&checks[0]);
		check_window(&checks[1]);
	}
	return checks[1].rc != JX_OK ? checks[1].rc : checks[0].rc;
}

/* The next window's batch (NULL at the end); JX_ENOTSUP when its bytes are
 * not UTF-8. */
static int next_window(reading *rd, jx_batch **out)
{
	size_t from, to;
	prefetch_window(rd, rd->released);
	int rc = jx_csv_stream_next(rd->stream, rd->window, out, &from, &to);
	if (rc == JX_OK && *out)
		rc = check_window_read(rd, *out, from, to);
	if (rc != JX_OK) {
		jx_batch_free(*out);
		*out = NULL;
	} else {
		rd->checked = to;
		rd->read_to = to;
		release_read(rd, to);
	}
	jx_trace("stream: window read");
	return rc;
}

/* The caller's progress: bytes of the file done (of 2x the file when
 * `relative` reads it all before scoring), called on the calling thread
 * only, between windows. */
static void report_progress(const reading *rd, size_t done)
{
	size_t total = rd->needs_best ? 2 * rd->len : rd->len;
	if (rd->progress && done < total)
		rd->progress(rd->progress_ctx, done, total);
}

/* csv-long: the window's rows to the output, in order, and gone. */
static void write_blocks(jx_csv_scores *s)
{
	for (size_t k = 0; k < s->n_blocks; k++) {
		jx_buf_checkpoint(s->out);
		jx_buf_append_buf(s->out, &s->blocks[k].rows);
		jx_buf_free(&s->blocks[k].rows);
	}
	s->n_blocks = 0;
}

/* The next window to score: the one csv-long read first, then the file's. */
static int take_window(jx_csv_scores *s, reading *rd, jx_batch **b)
{
	if (s->first) {
		*b = s->first;
		s->first = NULL;
		return JX_OK;
	}
	return next_window(rd, b);
}

static void note_year(jx_csv_scores *s, const jx_batch *b)
{
	int y = jx_batch_fiscal_year(b);
	if (y < 0 || (y && s->fiscal_year && y != s->fiscal_year))
		s->fiscal_year = -1;
	else if (y && s->fiscal_year >= 0)
		s->fiscal_year = y;
}

static int score_window(jx_csv_scores *s, reading *rd, const jx_batch *b)
{
	note_year(s, b);
	size_t n = jx_batch_count(b);
	block_keeper keeper = {s, s->n_blocks, 0};
	jx_block_hook hook = {keep_block, &keeper};
	jx_result *res = NULL;
	int rc = s->format == JX_FORMAT_CSV ? reserve(s, n) : JX_OK;
	if (rc == JX_OK)
		rc = new_blocks(s, n);
	if (rc == JX_OK)
		rc = jx_evaluate_with_best(&res, rd->rules, b, &rd->scoring,
		                           rd->needs_best ? rd->best : NULL, &hook);
	if (rc == JX_OK && atomic_load(&keeper.failed))
		rc = JX_ENOMEM;
	for (size_t d = 0; d < n && rc == JX_OK; d++)
		rc = keep_problem(s, res, d);
	if (rc == JX_OK)
		s->n += n;
	jx_result_free(res);
	if (s->out)
		write_blocks(s);
	jx_trace("stream: window scored");
	return rc;
}

/* Without `relative`: each window scored as soon as it is read. (Reading
 * the next window on another thread while one is scored gained nothing on
 * two cores and cost a window of memory: docs/performance.md.) */
static int score_as_read(jx_csv_scores *s, reading *rd)
{
	for (;;) {
		jx_batch *b = NULL;
		int rc = take_window(s, rd, &b);
		if (rc != JX_OK || !b)
			return rc;
		size_t end = rd->read_to;
		rc = score_window(s, rd, b);
		jx_batch_free(b);
		report_progress(rd, end);
		if (rc != JX_OK)
			return rc;
	}
}

/* With `relative`: every window read and its best noted, then scored. */
static int score_after_best(jx_csv_scores *s, reading *rd)
{
	size_t ni = rd->rules->n_indicators;
	double *window_best = malloc(sizeof(double) * (ni ? ni : 1));
	jx_batch **kept = NULL;
	size_t n = 0, cap = 0;
	int rc = window_best ? JX_OK : JX_ENOMEM;
	for (size_t i = 0; i < ni; i++)
		rd->best[i] = NAN;
	while (rc == JX_OK) {
		jx_batch *b = NULL;
		rc = take_window(s, rd, &b);
		if (rc != JX_OK || !b)
			break;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			jx_batch **more = realloc(kept, sizeof(*kept) * cap);
			if (!more) {
				jx_batch_free(b);
				rc = JX_ENOMEM;
				break;
			}
			kept = more;
		}
		kept[n++] = b;
		rc = jx_evaluate_best(window_best, rd->rules, b, &rd->scoring);
		if (rc == JX_OK)
			jx_best_merge(rd->best, window_best, rd->rules);
		jx_trace("stream: window best");
		report_progress(rd, rd->read_to);
	}
	jx_csv_stream_free(rd->stream); /* its dept_ids: no window is left to check */
	rd->stream = NULL;
	for (size_t k = 0; k < n; k++) {
		if (rc == JX_OK)
			rc = score_window(s, rd, kept[k]);
		jx_batch_free(kept[k]);
		report_progress(rd, rd->len + rd->len / n * (k + 1)); /* windows are alike */
	}
	free(kept);
	free(window_best);
	return rc;
}

/* ---- ranks and outliers over the batch --------------------------------------- */

static int rank_totals(jx_csv_scores *s, int jobs)
{
	s->median = s->mad = NAN;
	s->rank = malloc(sizeof(int) * (s->n ? s->n : 1));
	if (!s->rank)
		return JX_ENOMEM;
	int rc = jx_rank_totals(s->rank, NULL, NULL, s->total, s->rounded, s->scored, s->n,
	                        (size_t)jobs, s->rules->precision);
	/* as jx_summarize: the robust z of the outlier flag */
	double *x = rc == JX_OK ? malloc(sizeof(double) * (s->n ? s->n : 1)) : NULL;
	if (rc == JX_OK && !x)
		rc = JX_ENOMEM;
	size_t m = 0;
	for (size_t d = 0; rc == JX_OK && d < s->n; d++)
		if (s->scored[d])
			x[m++] = s->total[d];
	if (rc == JX_OK && m > 0)
		rc = jx_stats_median_mad(&s->median, &s->mad, x, m);
	free(x);
	return rc;
}

static int any_uses_best(const jx_rules *r)
{
	for (size_t i = 0; i < r->n_indicators; i++)
		if (jx_method_uses_best(&r->indicators[i].method))
			return 1;
	return 0;
}

/* A window of the file: ~8 MiB for csv, whose rows are ~2 bytes per byte
 * read and kept; 1 MiB for csv-long, whose rows are ~40 bytes per byte read
 * and held until the window is written. */
static size_t window_bytes(jx_format format)
{
	/* a smaller window for tests, so that small files span many
	 * (docs/performance.md, "Streaming") */
	const char *env = getenv("JIXIAO_WINDOW_BYTES");
	long n = env ? atol(env) : 0;
	if (n > 0)
		return (size_t)n;
	return format == JX_FORMAT_CSV_LONG ? WINDOW_BYTES / 8 : WINDOW_BYTES;
}

/* The reading's diagnostics into the caller's. */
static void pass_on(jx_diagnostics *to, const jx_diagnostics *from)
{
	for (size_t i = 0; to && i < jx_diagnostics_count(from); i++) {
		jx_diagnostic dg;
		jx_diagnostics_get(&dg, from, i);
		jx_loc loc = {dg.file, dg.line, dg.col, dg.sheet};
		if (dg.severity == JX_SEV_ERROR)
			jx_diag_error(to, loc, "%s", dg.message);
		else if (dg.severity == JX_SEV_WARNING)
			jx_diag_warning(to, loc, "%s", dg.message);
		else
			jx_diag_note(to, loc, "%s", dg.message);
	}
}

/* The file mapped, its header read: what both tables start with. */
static int open_reading(reading *rd, const jx_rules *rules, const char *path,
                        const jx_score_options *opts, jx_format format)
{
	*rd = (reading){.rules = rules, .window = window_bytes(format)};
	rd->scoring = opts ? *opts : (jx_score_options)JX_SCORE_OPTIONS_INIT;
	rd->progress = rd->scoring.progress;
	rd->progress_ctx = rd->scoring.progress_ctx;
	rd->scoring.progress = NULL;
	rd->jobs = opts && opts->jobs > 1 ? opts->jobs : 1;
	rd->needs_best = any_uses_best(rules);
	int rc = jx_input_map_wide_csv(path, &rd->data, &rd->len);
	if (rc != JX_OK)
		return rc;
	rd->best = malloc(sizeof(double) * (rules->n_indicators ? rules->n_indicators : 1));
	if (!rd->best || jx_diagnostics_new(&rd->diags) != JX_OK)
		return JX_ENOMEM;
	rc = jx_csv_stream_open(&rd->stream, rules, path, rd->data, rd->len, rd->jobs, rd->diags);
	return rc == JX_EDATA ? JX_ENOTSUP : rc; /* a header the general reader reports */
}

static jx_csv_scores *scores_new(const jx_rules *rules, jx_format format)
{
	jx_csv_scores *s = calloc(1, sizeof(*s));
	if (s && !(s->arena = jx_arena_new())) {
		free(s);
		return NULL;
	}
	if (s) {
		s->rules = rules;
		s->format = format;
	}
	return s;
}

static int check_args(void *out, const jx_rules *rules, const char *path,
                      const jx_score_options *opts)
{
	return !out || !rules || !path || (opts && opts->version > JX_SCORE_OPTIONS_VERSION)
	           ? JX_EINVAL
	           : JX_OK;
}

int jx_csv_scores_read(jx_csv_scores **out, const jx_rules *rules, const char *path,
                       const jx_score_options *opts, jx_diagnostics *diags)
{
	if (check_args(out, rules, path, opts) != JX_OK)
		return JX_EINVAL;
	*out = NULL;
	reading rd = {0};
	jx_csv_scores *s = scores_new(rules, JX_FORMAT_CSV);
	int rc = s ? open_reading(&rd, rules, path, opts, JX_FORMAT_CSV) : JX_ENOMEM;
	if (rc == JX_OK)
		rc = rd.needs_best ? score_after_best(s, &rd) : score_as_read(s, &rd);
	if (rc == JX_OK && s->n == 0)
		rc = JX_ENOTSUP; /* no departments: nothing to stream */
	if (rc == JX_OK)
		rc = rank_totals(s, rd.jobs);
	jx_trace("stream: ranks");
	if (rc == JX_OK)
		pass_on(diags, rd.diags);
	reading_free(&rd);
	if (rc != JX_OK) {
		jx_csv_scores_free(s);
		return rc;
	}
	*out = s;
	return JX_OK;
}

int jx_csv_scores_read_long(jx_csv_scores **out, const jx_rules *rules, const char *path,
                            const jx_score_options *opts, jx_diagnostics *diags)
{
	if (check_args(out, rules, path, opts) != JX_OK)
		return JX_EINVAL;
	*out = NULL;
	jx_csv_scores *s = scores_new(rules, JX_FORMAT_CSV_LONG);
	int rc = s && (s->rd = malloc(sizeof(reading))) ? JX_OK : JX_ENOMEM;
	if (rc == JX_OK)
		rc = open_reading(s->rd, rules, path, opts, JX_FORMAT_CSV_LONG);
	/* rows are written as windows are scored: whatever sends the file the
	 * general way must be known before the first one */
	if (rc == JX_OK && !jx_input_utf8_valid(s->rd->data, s->rd->len, s->rd->jobs))
		rc = JX_ENOTSUP;
	if (rc == JX_OK) {
		s->rd->checked = s->rd->len;
		rc = next_window(s->rd, &s->first);
	}
	if (rc == JX_OK && !s->first)
		rc = JX_ENOTSUP; /* no departments */
	if (rc == JX_OK)
		pass_on(diags, s->rd->diags);
	if (rc != JX_OK) {
		jx_csv_scores_free(s);
		return rc;
	}
	*out = s;
	return JX_OK;
}

/* ---- writing ------------------------------------------------------------------------ */

static void put_row(jx_buf *out, const jx_csv_scores *s, const kept_rows *w, size_t d)
{
	const jx_csv_mark *m = &s->marks[d];
	const char *row = w->rows.data + m->at;
	size_t len = (d + 1 < w->first + w->n ? s->marks[d + 1].at : w->rows.len) - m->at;
	jx_buf_append(out, row, m->rank_at);
	if (s->rank[d] > 0) /* rejected: no rank */
		jx_buf_put_uint(out, (unsigned)s->rank[d]);
	jx_buf_append(out, row + m->rank_at, m->flags_at - m->rank_at);
	/* the flags start with the outlier flag, as jx_present_flags writes them */
	const char *outlier =
	    jx_outlier_flag(s->mad > 0 && s->scored[d] ? (s->total[d] - s->median) / s->mad : NAN);
	if (outlier) {
		jx_buf_puts(out, outlier);
		if (row[m->flags_at] != ',')
			jx_buf_putc(out, ';');
	}
	jx_buf_append(out, row + m->flags_at, len - m->flags_at);
}

static int fill_table(void *arg, jx_buf *out)
{
	const jx_csv_scores *s = arg;
	jx_csv_header(out, s->rules, 0);
	for (size_t k = 0; k < s->n_blocks; k++) {
		const kept_rows *w = &s->blocks[k];
		for (size_t d = w->first; d < w->first + w->n; d++) {
			jx_buf_checkpoint(out);
			put_row(out, s, w, d);
		}
	}
	return out->failed ? JX_ENOMEM : JX_OK;
}

/* csv-long: the header, then each window's rows as it is scored. */
static int fill_long(void *arg, jx_buf *out)
{
	jx_csv_scores *s = arg;
	reading *rd = s->rd;
	jx_csv_long_header(out);
	s->out = out;
	int rc = rd->needs_best ? score_after_best(s, rd) : score_as_read(s, rd);
	s->out = NULL;
	reading_free(rd);
	if (rc == JX_OK && out->failed)
		rc = JX_ENOMEM;
	return rc;
}

int jx_csv_scores_write(jx_csv_scores *s, jx_write_fn write, void *ctx)
{
	if (!s || !write || (s->format == JX_FORMAT_CSV_LONG && !s->rd->data))
		return JX_EINVAL; /* csv-long is written once */
	int rc = jx_write_via(write, ctx, s->format == JX_FORMAT_CSV ? fill_table : fill_long, s);
	jx_trace("write");
	return rc;
}
