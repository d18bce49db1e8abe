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

/* Flags of a department (docs/data.md §6.1, "summary"): outlier_high / outlier_low and, per
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
 * (docs/data.md §3), which get ids "declared.1", "declared.2", ... */
typedef struct {
	const jx_indicator *ind; /* for a declared row, points at `row_as_indicator` */
	const jx_ind_result *ir; /* a declared row's, or `result` */
	jx_ind_result result;    /* a defined indicator's, expanded */
	int declared;            /* 1 for a declared row */
	size_t row;              /* a declared row's index in batch->declared */
	jx_indicator row_as_indicator;
	char id[32];
	/* 复核 (docs/reports.md, "复核"): the row's 得分 as the department wrote
	 * it (NaN: none) and its reviewer's finding (NULL: none) */
	double claimed;
	const jx_review *review;
} jx_ind_view;

size_t jx_dept_indicator_count(const jx_result *res, size_t dept);
void jx_dept_indicator(jx_ind_view *out, const jx_result *res, size_t dept, size_t k);

/* ---- 复核: what the department claimed against what the rules give ------- */

/* claimed - score at the output precision (jx_claim_difference), NaN when
 * nothing was claimed or the row has no score (not applicable). */
double jx_view_difference(const jx_result *res, const jx_ind_view *v);
/* The row's review code ("R01") and its name (无佐证材料), NULL when none. */
const char *jx_view_review_code(const jx_result *res, const jx_ind_view *v);
const char *jx_view_review_name(const jx_result *res, const jx_ind_view *v);
/* The department's claimed total (NaN when none or rejected) and claimed
 * total - total at the output precision (NaN likewise). */
double jx_present_claimed_score(const jx_result *res, size_t dept);
/* Whether the department's table claims anything: its 总分 or a row's 得分. */
int jx_dept_has_claims(const jx_result *res, size_t dept);
/* The sum of the 得分 the department wrote on its rows (what its 总分
 * should be; claimed_sum_mismatch when not) and how many rows carry one. */
double jx_dept_claimed_rows(const jx_result *res, size_t dept, size_t *n_claimed);
/* Whether any department of the batch has a claimed total. */
int jx_batch_has_claimed_total(const jx_result *res);
/* What flag bit k says, in Chinese (自评得分高于规则得分, 全部满分, ...). */
const char *jx_dept_flag_words(unsigned k);
/* The 说明 of a 复核 row: the explanation (jx_present_explanation), then
 * the review code, its name and the reviewer's note. Appended to out. */
void jx_present_review_note(jx_buf *out, const jx_result *res, const jx_ind_view *v);

/* The departments by rank, ties and the rejected (last) in input order,
 * into order[0 .. res->n); -1 when out of memory. */
int jx_present_rank_order(size_t *order, const jx_result *res);

#endif
