/*
 * present.c - names and display forms shared by the writers (see present.h).
 */
#include "present.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/round.h"

const char *jx_ind_status_name(unsigned status)
{
	static const char *const names[] = {"ok", "missing", "undefined", "excluded", "error"};
	return status < 5 ? names[status] : "error";
}

const char *jx_dept_status_name(unsigned status)
{
	return status == JX_DEPT_SCORED ? "scored" : "rejected";
}

const char *jx_grade_name(const jx_rules *r, long grade)
{
	return grade >= 0 && (size_t)grade < r->n_grades ? r->grades[grade].grade : "";
}

void jx_present_number(char *buf, size_t size, double x, const jx_indicator *ind, int digits)
{
	if (!isfinite(x)) {
		snprintf(buf, size, "-");
		return;
	}
	const jx_unit *u = ind ? ind->unit : NULL;
	char num[64];
	if (u && u->dim == JX_DIM_RATIO) {
		jx_format_fixed(num, sizeof(num), x / u->factor, digits);
		snprintf(buf, size, "%s%s", num, u->name);
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(num, sizeof(num), "%.0f", x);
	else
		jx_format_fixed(num, sizeof(num), x, digits);
	snprintf(buf, size, "%s%s", num, ind && ind->unit_name ? ind->unit_name : "");
}

void jx_present_actual(char *buf, size_t size, const jx_indicator *ind, const jx_ind_result *ir,
                       int digits)
{
	switch (ir->actual.kind) {
	case JX_VAL_NUM:
		jx_present_number(buf, size, ir->actual.u.num, ind, digits);
		return;
	case JX_VAL_TEXT:
		snprintf(buf, size, "%s", ir->actual.u.text);
		return;
	case JX_VAL_MISSING:
		snprintf(buf, size, "缺失");
		return;
	case JX_VAL_NA:
		snprintf(buf, size, "不适用");
		return;
	default:
		snprintf(buf, size, "无法计算");
		return;
	}
}

const char *jx_present_target(const jx_ind_result *ir)
{
	return ir->target_text && *ir->target_text ? ir->target_text : "-";
}

void jx_present_flags(jx_buf *out, const jx_result *res, size_t dept, const char *sep)
{
	const jx_rules *r = res->rules;
	int first = 1;
	if (res->summary) {
		double rz = res->summary->robust_z[dept];
		if (isfinite(rz) && fabs(rz) > 3.5) {
			jx_buf_puts(out, rz > 0 ? "outlier_high" : "outlier_low");
			first = 0;
		}
	}
	for (size_t i = 0; i < r->n_indicators; i++) {
		if (!jx_result_ind(res, dept, i)->target_too_low)
			continue;
		if (!first)
			jx_buf_puts(out, sep);
		jx_buf_printf(out, "target_too_low:%s", r->indicators[i].id);
		first = 0;
	}
}
