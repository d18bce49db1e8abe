/*
 * present.h - how results are named and shown, shared by every writer, so
 * JSON, CSV and text say the same thing in the same words.
 */
#ifndef JX_PRESENT_H
#define JX_PRESENT_H

#include <stddef.h>

#include "output.h"

const char *jx_ind_status_name(unsigned status);  /* ok, missing, undefined, excluded, error */
const char *jx_dept_status_name(unsigned status); /* scored, rejected */
const char *jx_grade_name(const jx_rules *r, long grade); /* "" when none */

/* What a value that is not a number or a word says: 缺失 (missing), 不适用
 * (not applicable), else 无法计算 (undefined). */
const char *jx_present_state_word(unsigned kind);
/* An actual value for people: 35.23%, 57.80万元, 5700人次, 达成, or a status
 * word (缺失 / 无法计算 / 不适用) when not a value. */
void jx_present_actual(char *buf, size_t size, const jx_indicator *ind, const jx_ind_result *ir,
                       int digits);
/* The target as shown: the literal as written (rule or department), or for
 * a target_value expression the number it gave ("≥ 1200人次" in buf). */
const char *jx_present_target(char *buf, size_t size, const jx_indicator *ind,
                              const jx_ind_result *ir);
/* A number in the indicator's unit: 0.3523 with % -> "35.23%". */
void jx_present_number(char *buf, size_t size, double x, const jx_indicator *ind, int digits);

/* Flags of a department (spec §4): outlier_high / outlier_low and, per
 * indicator, target_too_low:<id>. Appends comma-separated to out. */
void jx_present_flags(jx_buf *out, const jx_result *res, size_t dept, const char *sep);

/* "产出指标/数量指标" -> its first and second level (the rest stays in the
 * second), each cut at a character boundary to fit `size`. */
void jx_present_split_path(const char *key, char *first, char *second, size_t size);

/* What the 说明 / 偏差原因 column says for an indicator: why it has no score,
 * a missing note, the department's note, or a target that looks too low. */
const char *jx_present_explanation(const jx_ind_result *ir);

/* One of a department's indicators as the writers show it: the rule set's
 * defined indicators first, then the department's own declared rows
 * (spec §2.2), which get ids "declared.1", "declared.2", ... */
typedef struct {
	const jx_indicator *ind; /* for a declared row, points at `row_as_indicator` */
	const jx_ind_result *ir; /* a declared row's, or `result` */
	jx_ind_result result;    /* a defined indicator's, expanded */
	int declared;            /* 1 for a declared row */
	jx_indicator row_as_indicator;
	char id[32];
} jx_ind_view;

size_t jx_dept_indicator_count(const jx_result *res, size_t dept);
void jx_dept_indicator(jx_ind_view *out, const jx_result *res, size_t dept, size_t k);

#endif
