/*
 * csv_out.c - CSV results (spec §3): `csv`, one row per department, and
 * `csv-long`, one row per department x indicator. UTF-8 without a BOM and
 * LF line ends, so scripts read the header as `dept_id` (the xlsx output is
 * the spreadsheet-first form); formula-like text escaped (OWASP); numbers
 * rounded as shown.
 */
#include <math.h>
#include <string.h>

#include "../model.h"
#include "escape.h"
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

static void department_cells(jx_buf *out, const jx_result *res, size_t d)
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
	if (dr->rank > 0)
		jx_buf_printf(out, "%d", dr->rank);
}

int jx_write_csv(const jx_result *res, jx_buf *out)
{
	const jx_rules *r = res->rules;
	jx_buf_puts(out, "dept_id,dept_name,status,score,grade,rank");
	for (size_t i = 0; i < r->n_indicators; i++) {
		sep(out);
		cell(out, r->indicators[i].id);
	}
	jx_buf_puts(out, ",flags,reason");
	end_row(out);
	for (size_t d = 0; d < res->n; d++) {
		jx_buf_checkpoint(out);
		department_cells(out, res, d);
		int readable = !res->batch->rows[d].reject_reason;
		for (size_t i = 0; i < r->n_indicators; i++) {
			sep(out);
			const jx_ind_result *ir = jx_result_ind(res, d, i);
			/* not applicable: no score at all, not a zero */
			if (readable && ir->status != JX_IND_EXCLUDED)
				jx_csv_number(out, ir->score, r->precision);
		}
		sep(out);
		jx_buf flags = {0};
		jx_present_flags(&flags, res, d, ";");
		cell(out, jx_buf_cstr(&flags));
		jx_buf_free(&flags);
		sep(out);
		cell(out, res->depts[d].reason);
		end_row(out);
	}
	return out->failed ? JX_ENOMEM : JX_OK;
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
	end_row(out);
}

int jx_write_csv_long(const jx_result *res, jx_buf *out)
{
	jx_buf_puts(out, "dept_id,dept_name,indicator,name,path,actual,target,unit,completion,"
	                 "weight,score,status,reason,needs_note,note");
	end_row(out);
	for (size_t d = 0; d < res->n; d++) {
		if (res->batch->rows[d].reject_reason) {
			/* One row says why the department could not be read. */
			cell(out, res->batch->rows[d].id);
			sep(out);
			cell(out, res->batch->rows[d].name);
			jx_buf_puts(out, ",,,,,,,,,,rejected,");
			cell(out, res->depts[d].reason);
			jx_buf_puts(out, ",,");
			end_row(out);
			continue;
		}
		for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
			jx_ind_view v;
			jx_dept_indicator(&v, res, d, k);
			long_row(out, res, d, &v);
		}
		jx_buf_checkpoint(out);
	}
	return out->failed ? JX_ENOMEM : JX_OK;
}
