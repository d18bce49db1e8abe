/*
 * csv_out.c - CSV results (docs/data.md §6): `csv`, one row per department, and
 * `csv-long`, one row per department x indicator. UTF-8 without a BOM and
 * LF line ends, so scripts read the header as `dept_id` (the xlsx output is
 * the spreadsheet-first form); formula-like text escaped (OWASP); numbers
 * rounded as shown. 复核 (docs/reports.md): `csv` gains claimed_score and
 * score_difference after rank when some department claims a total (else
 * the table is as before, byte for byte); `csv-long` always ends with
 * claimed, difference and review_code.
 */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "output.h"
#include "../common/c_locale.h"
#include "../common/escape.h"
#include "present.h"

static void cell(jx_buf *out, const char *s)
{
	jx_csv_cell(out, s ? s : "", s ? strlen(s) : 0);
}

static void sep(jx_buf *out)
{
	jx_buf_putc(out, ',');
}

static void end_row(jx_buf *out)
{
	jx_buf_putc(out, '\n');
}

/* Where a row written for a batch read in windows leaves room for what
 * only the whole batch knows (api/stream_api.c): its rank and an outlier
 * flag, as offsets from the row's first byte. */
typedef struct {
	uint32_t rank_at, flags_at;
} row_marks;

static uint32_t offset_in_row(const jx_buf *out, size_t row_start)
{
	size_t k = out->len - row_start;
	return k < UINT32_MAX ? (uint32_t)k : UINT32_MAX;
}

static void department_cells(jx_buf *out, const jx_result *res, size_t d, row_marks *m,
                             size_t row_start)
{
	const jx_rules *r = res->rules;
	const jx_dept_result *dr = &res->depts[d];
	cell(out, res->batch->rows[d].id);
	sep(out);
	cell(out, res->batch->rows[d].name);
	sep(out);
	cell(out, jx_dept_status_name(dr->status));
	sep(out);
	jx_csv_number(out, dr->total_rounded, r->precision);
	sep(out);
	cell(out, jx_grade_name(r, dr->grade));
	sep(out);
	if (m)
		m->rank_at = offset_in_row(out, row_start);
	if (dr->rank > 0)
		jx_buf_put_uint(out, (unsigned)dr->rank);
}

static void claim_cells(jx_buf *out, const jx_result *res, size_t d)
{
	int p = res->rules->precision;
	sep(out);
	jx_csv_number(out, jx_present_claimed_score(res, d), p);
	sep(out);
	jx_csv_number(out, jx_dept_score_difference(res, d), p);
}

/* A department's row; with_claim: its claimed total and difference after
 * rank; m (may be NULL): where the rank and the flags go. */
static void department_row_with(jx_buf *out, const jx_result *res, size_t d, int with_claim,
                                row_marks *m)
{
	const jx_rules *r = res->rules;
	size_t row_start = out->len;
	department_cells(out, res, d, m, row_start);
	if (with_claim)
		claim_cells(out, res, d);
	int readable = !res->batch->rows[d].reject_reason;
	for (size_t i = 0; i < r->n_indicators; i++) {
		sep(out);
		const jx_ind_cell *ir = jx_result_cell(res, d, i);
		/* not applicable: no score at all, not a zero */
		if (readable && ir->status != JX_IND_EXCLUDED)
			jx_csv_number(out, ir->score, r->precision);
	}
	sep(out);
	if (m)
		m->flags_at = offset_in_row(out, row_start);
	/* flags are words and indicator ids ([a-z0-9_]): nothing to escape */
	jx_present_flags(out, res, d, ";");
	sep(out);
	cell(out, res->depts[d].reason);
	end_row(out);
}

static void department_row(jx_buf *out, const jx_result *res, size_t d)
{
	department_row_with(out, res, d, 0, NULL);
}

static void department_row_claimed(jx_buf *out, const jx_result *res, size_t d)
{
	department_row_with(out, res, d, 1, NULL);
}

/* ---- rows on the scoring threads ------------------------------------------ */

/* Formatting the rows is most of writing a large CSV and each row depends on
 * its department only, so a block of departments is cut into slices, one per
 * thread; each slice is formatted into its own buffer, and the buffers are
 * appended in order: the same bytes as one thread writes, in memory bounded
 * by the block. */
#define ROW_BLOCK       8192
#define MAX_ROW_THREADS 16

typedef void (*row_fn)(jx_buf *out, const jx_result *res, size_t d);

typedef struct {
	const jx_result *res;
	row_fn row;
	size_t from, to;
	jx_buf buf;
} row_slice;

static void *format_slice(void *arg)
{
	row_slice *sl = arg;
	/* a thread of its own starts in the process's locale, not the writer's
	 * (common/c_locale.h): a weight's %g must print a point */
	locale_t previous = jx_locale_enter();
	sl->buf.len = 0;
	for (size_t d = sl->from; d < sl->to; d++)
		sl->row(&sl->buf, sl->res, d);
	jx_locale_leave(previous);
	return NULL;
}

/* Starts formatting departments [from, to) cut into n slices: slices 1..n-1
 * on threads (started[k] says which run), slice 0 is left to the caller. */
static void start_block(row_slice *sl, size_t n, size_t from, size_t to, pthread_t *threads,
                        int *started)
{
	for (size_t k = 0; k < n; k++) {
		sl[k].from = from + (to - from) * k / n;
		sl[k].to = from + (to - from) * (k + 1) / n;
	}
	for (size_t k = 1; k < n; k++)
		started[k] = pthread_create(&threads[k], NULL, format_slice, &sl[k]) == 0;
}

static void finish_block(row_slice *sl, size_t n, pthread_t *threads, const int *started)
{
	format_slice(&sl[0]);
	for (size_t k = 1; k < n; k++)
		if (started[k])
			pthread_join(threads[k], NULL);
		else
			format_slice(&sl[k]); /* no thread: do the work here */
}

/* A formatted block's slices, in order, to out (and on to its sink). */
static void emit_block(jx_buf *out, row_slice *sl, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (sl[k].buf.failed)
			out->failed = 1;
		jx_buf_append_buf(out, &sl[k].buf);
	}
	jx_buf_checkpoint(out);
}

/* Every department's row, in order; threaded when the result was scored on
 * several threads and the batch is large enough to pay for them. Two
 * blocks are in flight: while the threads format one, this thread writes
 * the one before (then formats its own slice), so writing overlaps. */
static void write_rows(jx_buf *out, const jx_result *res, row_fn row)
{
	size_t n = res->n_arenas < MAX_ROW_THREADS ? res->n_arenas : MAX_ROW_THREADS;
	if (n < 2 || res->n < 2 * ROW_BLOCK) {
		for (size_t d = 0; d < res->n; d++) {
			jx_buf_checkpoint(out);
			row(out, res, d);
		}
		return;
	}
	row_slice sl[2][MAX_ROW_THREADS];
	for (size_t g = 0; g < 2; g++)
		for (size_t k = 0; k < n; k++)
			sl[g][k] = (row_slice){res, row, 0, 0, {0}};
	pthread_t threads[MAX_ROW_THREADS];
	int started[MAX_ROW_THREADS] = {0};
	size_t gen = 0;
	for (size_t from = 0; from < res->n && !out->failed; from += ROW_BLOCK, gen ^= 1) {
		size_t to = from + ROW_BLOCK < res->n ? from + ROW_BLOCK : res->n;
		start_block(sl[gen], n, from, to, threads, started);
		if (from > 0)
			emit_block(out, sl[gen ^ 1], n);
		finish_block(sl[gen], n, threads, started);
	}
	emit_block(out, sl[gen ^ 1], n);
	for (size_t g = 0; g < 2; g++)
		for (size_t k = 0; k < n; k++)
			jx_buf_free(&sl[g][k].buf);
}

void jx_csv_header(jx_buf *out, const jx_rules *r, int claimed)
{
	jx_buf_puts(out, "dept_id,dept_name,status,score,grade,rank");
	if (claimed)
		jx_buf_puts(out, ",claimed_score,score_difference");
	for (size_t i = 0; i < r->n_indicators; i++) {
		sep(out);
		cell(out, r->indicators[i].id);
	}
	jx_buf_puts(out, ",flags,reason");
	end_row(out);
}

int jx_write_csv(const jx_result *res, jx_buf *out)
{
	int claimed = jx_batch_has_claimed_total(res);
	jx_csv_header(out, res->rules, claimed);
	write_rows(out, res, claimed ? department_row_claimed : department_row);
	return out->failed ? JX_ENOMEM : JX_OK;
}

/* ---- rows of a batch read in windows --------------------------------------- */

int jx_csv_rows_unranked(jx_buf *rows, jx_csv_mark *marks, const jx_result *res, size_t from,
                         size_t to, int claimed)
{
	/* on a scoring thread, which starts in the process's locale
	 * (common/c_locale.h): a number's point must be a point */
	locale_t previous = jx_locale_enter();
	for (size_t d = from; d < to; d++) {
		row_marks m = {0, 0};
		size_t at = rows->len;
		department_row_with(rows, res, d, claimed, &m);
		marks[d - from] = (jx_csv_mark){at, m.rank_at, m.flags_at};
	}
	jx_locale_leave(previous);
	return rows->failed ? JX_ENOMEM : JX_OK;
}

static void long_row(jx_buf *out, const jx_result *res, size_t d, const jx_ind_view *v)
{
	const jx_rules *r = res->rules;
	const jx_indicator *ind = v->ind;
	const jx_ind_result *ir = v->ir;
	char text[256];
	cell(out, res->batch->rows[d].id);
	sep(out);
	cell(out, res->batch->rows[d].name);
	sep(out);
	cell(out, ind->id);
	sep(out);
	cell(out, ind->name);
	sep(out);
	cell(out, ind->path_key);
	sep(out);
	if (ir->actual.kind == JX_VAL_NUM)
		jx_csv_number(out, ir->actual.u.num, 6);
	else if (ir->actual.kind == JX_VAL_TEXT)
		cell(out, ir->actual.u.text);
	sep(out);
	cell(out, jx_ind_cmp(ir) ? jx_present_target(text, sizeof(text), ind, ir) : "");
	sep(out);
	cell(out, ind->unit_name);
	sep(out);
	jx_csv_number(out, jx_ind_completion(ir), 6);
	sep(out);
	snprintf(text, sizeof(text), "%g", ind->weight);
	cell(out, text);
	sep(out);
	if (ir->status != JX_IND_EXCLUDED) /* not applicable: no score, not 0 */
		jx_csv_number(out, ir->score, r->precision);
	sep(out);
	cell(out, jx_ind_status_name(ir->status));
	sep(out);
	cell(out, ir->reason);
	sep(out);
	cell(out, ir->needs_note ? "yes" : "no");
	sep(out);
	cell(out, ir->note);
	sep(out);
	jx_csv_number(out, v->claimed, r->precision);
	sep(out);
	jx_csv_number(out, jx_view_difference(res, v), r->precision);
	sep(out);
	cell(out, jx_view_review_code(res, v));
	end_row(out);
}

/* One department's rows of the long CSV. */
static void long_department(jx_buf *out, const jx_result *res, size_t d)
{
	if (res->batch->rows[d].reject_reason) {
		/* One row says why the department could not be read. */
		cell(out, res->batch->rows[d].id);
		sep(out);
		cell(out, res->batch->rows[d].name);
		jx_buf_puts(out, ",,,,,,,,,,rejected,");
		cell(out, res->depts[d].reason);
		jx_buf_puts(out, ",,,,,");
		end_row(out);
		return;
	}
	for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		long_row(out, res, d, &v);
	}
}

void jx_csv_long_header(jx_buf *out)
{
	jx_buf_puts(out,
	            "dept_id,dept_name,indicator,name,path,actual,target,unit,completion,"
	            "weight,score,status,reason,needs_note,note,claimed,difference,review_code");
	end_row(out);
}

int jx_write_csv_long(const jx_result *res, jx_buf *out)
{
	jx_csv_long_header(out);
	write_rows(out, res, long_department);
	return out->failed ? JX_ENOMEM : JX_OK;
}

int jx_csv_long_rows(jx_buf *rows, const jx_result *res, size_t from, size_t to)
{
	locale_t previous = jx_locale_enter(); /* as jx_csv_rows_unranked */
	for (size_t d = from; d < to; d++)
		long_department(rows, res, d);
	jx_locale_leave(previous);
	return rows->failed ? JX_ENOMEM : JX_OK;
}
