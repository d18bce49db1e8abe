/*
 * result_api.c - the public read-only view of a result, and writing it.
 */
#include <math.h>
#include <string.h>

#include "../common/c_locale.h"
#include "../common/trace.h"
#include "../output/output.h"
#include "../stats/stats.h"
#include "../output/present.h"
#include "api.h"

size_t jx_result_count(const jx_result *res)
{
	return res ? res->n : 0;
}

size_t jx_result_rejected_count(const jx_result *res)
{
	return res ? res->rejected : 0;
}

int jx_result_department(jx_dept_info *out, const jx_result *res, size_t d)
{
	if (!out || !res || d >= res->n)
		return JX_EINVAL;
	const jx_dept_result *dr = &res->depts[d];
	out->id = res->batch->rows[d].id;
	out->name = res->batch->rows[d].name;
	out->status = dr->status;
	out->score = dr->total;
	out->score_rounded = dr->total_rounded;
	out->grade = jx_grade_name(res->rules, dr->grade);
	out->rank = dr->rank;
	out->reason = dr->reason ? dr->reason : "";
	out->failed_checks = dr->failed_checks;
	out->failed_error_checks = dr->failed_error_checks;
	out->claimed_score = jx_dept_claimed_score(res, d);
	out->score_difference = jx_dept_score_difference(res, d);
	out->flags = dr->flags; /* JX_DEPT_* of model/result.h are the public JX_FLAG_* */
	return JX_OK;
}

const char *jx_flag_name(unsigned flag)
{
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
		if (flag == 1u << k)
			return jx_dept_flag_name(k);
	return NULL;
}

size_t jx_result_indicator_count(const jx_result *res, size_t d)
{
	return res && d < res->n ? jx_dept_indicator_count(res, d) : 0;
}

int jx_result_indicator(jx_indicator_result *out, const jx_result *res, size_t d, size_t i)
{
	if (!out || !res || d >= res->n || i >= jx_dept_indicator_count(res, d))
		return JX_EINVAL;
	jx_ind_view v; /* a defined indicator or a declared row, as the writers show it */
	jx_dept_indicator(&v, res, d, i);
	const jx_ind_result *ir = v.ir;
	const jx_rules *r = res->rules;
	out->id = v.declared ? res->declared_ids[v.row] : v.ind->id;
	out->actual = ir->actual.kind == JX_VAL_NUM ? ir->actual.u.num : NAN;
	out->actual_text = ir->actual.kind == JX_VAL_TEXT ? ir->actual.u.text : "";
	out->target = ir->target;
	out->completion = jx_ind_completion(ir);
	out->weight = v.ind->weight;
	out->score = ir->score;
	out->status = (jx_indicator_status)ir->status;
	out->reason = ir->reason ? ir->reason : "";
	out->needs_note = ir->needs_note;
	out->name = v.ind->name;
	out->path = v.ind->path_key ? v.ind->path_key : "";
	out->declared = v.declared;
	out->claimed = v.claimed;
	out->difference = jx_claim_difference(v.claimed, ir->score, r->precision);
	out->review_code =
	    v.review && v.review->code >= 0 ? r->review_codes[v.review->code].code : "";
	out->review_note = v.review && v.review->note ? v.review->note : "";
	return JX_OK;
}

int jx_result_group(double *out, const jx_result *res, size_t d, size_t g)
{
	if (!out || !res || d >= res->n || g >= res->rules->n_groups)
		return JX_EINVAL;
	*out = res->group_scores[d * res->rules->n_groups + g];
	return JX_OK;
}

size_t jx_rules_check_count(const jx_rules *r)
{
	return r ? r->n_checks : 0;
}

int jx_result_check(jx_check_info *out, const jx_result *res, size_t d, size_t c)
{
	if (!out || !res || d >= res->n || c >= res->rules->n_checks)
		return JX_EINVAL;
	const jx_check *chk = &res->rules->checks[c];
	const jx_check_result *cr = &res->checks[d * res->rules->n_checks + c];
	out->id = chk->id;
	out->status = !cr->evaluated ? JX_CHECK_NOT_EVALUATED
	              : cr->passed   ? JX_CHECK_PASSED
	                             : JX_CHECK_FAILED;
	out->error = chk->severity == JX_CHECK_ERROR;
	out->lhs = cr->evaluated ? cr->lhs : NAN;
	out->rhs = cr->evaluated ? cr->rhs : NAN;
	out->message = chk->message ? chk->message : "";
	out->reason = cr->detail ? cr->detail : "";
	return JX_OK;
}

int jx_format_parse(jx_format *out, const char *name)
{
	static const struct {
		const char *name;
		jx_format format;
	} formats[] = {{"json", JX_FORMAT_JSON},         {"csv", JX_FORMAT_CSV},
	               {"csv-long", JX_FORMAT_CSV_LONG}, {"text", JX_FORMAT_TEXT},
	               {"xlsx", JX_FORMAT_XLSX},         {"html", JX_FORMAT_HTML}};
	if (!out || !name)
		return JX_EINVAL;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].format;
			return JX_OK;
		}
	return JX_EINVAL;
}

static int write_format(const jx_result *res, jx_format format, jx_buf *out)
{
	switch (format) {
	case JX_FORMAT_JSON:
		return jx_write_json(res, out);
	case JX_FORMAT_CSV:
		return jx_write_csv(res, out);
	case JX_FORMAT_CSV_LONG:
		return jx_write_csv_long(res, out);
	case JX_FORMAT_TEXT:
		return jx_write_text(res, out);
	case JX_FORMAT_XLSX:
		return jx_write_xlsx(res, out);
	case JX_FORMAT_HTML:
		return jx_write_html(res, out);
	default:
		return JX_EINVAL;
	}
}

/* The writers print some numbers with printf themselves (a weight's "%g"),
 * and libxlsxwriter prints every number it stores: the whole document is
 * written in the C locale, whatever the caller's (common/c_locale.h). */
int jx_write_format(const jx_result *res, jx_format format, jx_buf *out)
{
	locale_t previous = jx_locale_enter();
	int rc = write_format(res, format, out);
	jx_locale_leave(previous);
	return rc;
}

/* The caller's write function, and whether it stopped the writing (so an
 * out-of-memory and a refused write tell apart). */
typedef struct {
	jx_write_fn write;
	void *ctx;
	int stopped;
} sink;

static int to_sink(void *ctx, const char *data, size_t len)
{
	sink *s = ctx;
	if (s->write(s->ctx, data, len) != 0) {
		s->stopped = 1;
		return -1;
	}
	return 0;
}

int jx_write_via(jx_write_fn write, void *ctx, int (*fill)(void *arg, jx_buf *out), void *arg)
{
	/* the text formats stream: written out every MiB, between departments */
	sink s = {write, ctx, 0};
	jx_buf out = {0};
	out.sink = to_sink;
	out.sink_ctx = &s;
	int rc = fill(arg, &out);
	if (rc == JX_OK && jx_buf_flush(&out) != 0)
		rc = JX_EIO;
	if (s.stopped)
		rc = JX_EIO; /* the caller's write stopped it, not memory */
	jx_buf_free(&out);
	return rc;
}

typedef struct {
	const jx_result *res;
	jx_format format;
} format_job;

static int fill_format(void *arg, jx_buf *out)
{
	const format_job *job = arg;
	return jx_write_format(job->res, job->format, out);
}

int jx_result_write(const jx_result *res, jx_format format, jx_write_fn write, void *ctx)
{
	if (!res || !write)
		return JX_EINVAL;
	format_job job = {res, format};
	int rc = jx_write_via(write, ctx, fill_format, &job);
	jx_trace("write");
	return rc;
}
