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
	return JX_OK;
}

int jx_result_indicator(jx_indicator_result *out, const jx_result *res, size_t d, size_t i)
{
	if (!out || !res || d >= res->n || i >= res->rules->n_indicators)
		return JX_EINVAL;
	jx_ind_result result;
	jx_result_ind(&result, res, d, i);
	const jx_ind_result *ir = &result;
	out->id = res->rules->indicators[i].id;
	out->actual = ir->actual.kind == JX_VAL_NUM ? ir->actual.u.num : NAN;
	out->actual_text = ir->actual.kind == JX_VAL_TEXT ? ir->actual.u.text : "";
	out->target = ir->target;
	out->completion = jx_ind_completion(ir);
	out->weight = res->rules->indicators[i].weight;
	out->score = ir->score;
	out->status = (jx_indicator_status)ir->status;
	out->reason = ir->reason ? ir->reason : "";
	out->needs_note = ir->needs_note;
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

int jx_result_write(const jx_result *res, jx_format format, FILE *stream)
{
	if (!res || !stream)
		return JX_EINVAL;
	/* the text formats stream: written out every MiB, between departments */
	jx_buf out = {0};
	out.sink = stream;
	int rc = jx_write_format(res, format, &out);
	if (rc == JX_ENOMEM && out.failed)
		rc = JX_EIO; /* the sink failed, not memory */
	if (rc == JX_OK && jx_buf_flush(&out) != 0)
		rc = JX_EIO;
	jx_buf_free(&out);
	jx_trace("write");
	return rc;
}
