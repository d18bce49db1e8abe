/*
 * json.c - the JSON document of docs/data.md §6: engine, ruleset, departments (each
 * with groups, indicators and checks) and the batch summary. Key order is
 * fixed and numbers are written the same way every run, so the same input
 * gives byte-identical output. Scores are rounded as shown (docs/rules.md);
 * actual values, completions and deviations are exact. 复核 (docs/data.md,
 * "复核 keys"): claims and differences beside the scores, the review counts
 * in the summary.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "json_writer.h"
#include "present.h"

/* A path as the rule file writes it: ["产出指标", "数量指标"]. */
static void write_path(jx_json *j, const char *key)
{
	jx_json_begin_array(j, "path");
	while (*key) {
		const char *slash = strchr(key, '/');
		size_t n = slash ? (size_t)(slash - key) : strlen(key);
		jx_json_strn(j, NULL, key, n);
		key += n + (slash ? 1 : 0);
	}
	jx_json_end_array(j);
}

static void write_target(jx_json *j, const jx_indicator *ind, const jx_ind_result *ir)
{
	char target[128];
	jx_cmp cmp = jx_ind_cmp(ir);
	if (cmp == JX_CMP_WORD) {
		jx_json_strn(j, "target", ir->def->lit.word, ir->def->lit.word_len);
	} else if (cmp == JX_CMP_RANGE) {
		jx_json_begin_array(j, "target");
		jx_json_num(j, NULL, ir->target);
		jx_json_num(j, NULL, jx_ind_target_hi(ir));
		jx_json_end_array(j);
	} else {
		jx_json_num(j, "target", ir->target);
	}
	jx_json_str(j, "target_text",
	            cmp ? jx_present_target(target, sizeof(target), ind, ir) : NULL);
}

static void write_actual(jx_json *j, const jx_ind_result *ir)
{
	if (ir->actual.kind == JX_VAL_NUM)
		jx_json_num(j, "actual", ir->actual.u.num);
	else if (ir->actual.kind == JX_VAL_TEXT)
		jx_json_str(j, "actual", ir->actual.u.text);
	else
		jx_json_null(j, "actual");
}

static void write_indicator(jx_json *j, const jx_result *res, const jx_ind_view *v)
{
	const jx_indicator *ind = v->ind;
	const jx_ind_result *ir = v->ir;
	jx_json_begin_object(j, NULL);
	jx_json_str(j, "id", ind->id);
	jx_json_str(j, "name", ind->name);
	write_path(j, ind->path_key);
	write_actual(j, ir);
	write_target(j, ind, ir);
	jx_json_str(j, "unit", ind->unit_name);
	double deviation, relative;
	jx_ind_deviation(ir, &deviation, &relative);
	jx_json_num(j, "deviation", deviation);
	jx_json_num(j, "relative_deviation", relative);
	jx_json_num(j, "completion", jx_ind_completion(ir));
	jx_json_num(j, "weight", ind->weight);
	jx_json_str(j, "method", ind->method_name);
	jx_json_rounded(j, "score", ir->score, res->rules->precision);
	jx_json_rounded(j, "claimed", v->claimed, res->rules->precision);
	jx_json_rounded(j, "difference", jx_view_difference(res, v), res->rules->precision);
	jx_json_str(j, "review_code", jx_view_review_code(res, v));
	jx_json_str(j, "review_note", v->review ? v->review->note : NULL);
	jx_json_str(j, "status", jx_ind_status_name(ir->status));
	jx_json_str(j, "reason", ir->reason);
	jx_json_bool(j, "needs_note", ir->needs_note);
	jx_json_str(j, "note", ir->note);
	jx_json_bool(j, "target_too_low", ir->target_too_low);
	jx_json_bool(j, "declared", v->declared);
	jx_json_end_object(j);
}

static void write_groups(jx_json *j, const jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	jx_json_begin_array(j, "groups");
	for (size_t g = 0; g < r->n_groups; g++) {
		const jx_group *grp = &r->groups[g];
		jx_json_begin_object(j, NULL);
		write_path(j, grp->key);
		jx_json_num(j, "weight", grp->has_weight ? grp->weight : grp->leaf_weight);
		jx_json_rounded(j, "score", res->group_scores[d * r->n_groups + g], r->precision);
		jx_json_end_object(j);
	}
	jx_json_end_array(j);
}

static const char *check_status(const jx_check_result *cr)
{
	return !cr->evaluated ? "not_evaluated" : cr->passed ? "passed" : "failed";
}

static void write_checks(jx_json *j, const jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	jx_json_begin_array(j, "checks");
	for (size_t c = 0; c < r->n_checks; c++) {
		const jx_check *chk = &r->checks[c];
		const jx_check_result *cr = &res->checks[d * r->n_checks + c];
		jx_json_begin_object(j, NULL);
		jx_json_str(j, "id", chk->id);
		jx_json_str(j, "status", check_status(cr));
		jx_json_str(j, "severity", chk->severity == JX_CHECK_ERROR ? "error" : "warning");
		jx_json_str(j, "rule", chk->rule_src);
		jx_json_num(j, "lhs", cr->lhs);
		jx_json_num(j, "rhs", chk->rhs ? cr->rhs : NAN);
		jx_json_str(j, "message", chk->message);
		jx_json_str(j, "reason", cr->detail);
		jx_json_end_object(j);
	}
	jx_json_end_array(j);
}

static void write_flags(jx_json *j, const jx_result *res, size_t d)
{
	jx_buf flags = {0};
	jx_present_flags(&flags, res, d, ",");
	jx_json_begin_array(j, "flags");
	const char *s = jx_buf_cstr(&flags);
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		jx_json_strn(j, NULL, s, n);
		s += n + (comma ? 1 : 0);
	}
	jx_json_end_array(j);
	jx_buf_free(&flags);
}

static void write_excluded(jx_json *j, const jx_result *res, size_t d)
{
	jx_json_begin_array(j, "excluded");
	for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		if (v.ir->status == JX_IND_EXCLUDED)
			jx_json_str(j, NULL, v.ind->id);
	}
	jx_json_end_array(j);
}

static void write_department(jx_json *j, const jx_result *res, size_t d, int with_rank)
{
	const jx_rules *r = res->rules;
	const jx_dept_row *row = &res->batch->rows[d];
	const jx_dept_result *dr = &res->depts[d];
	int scored = dr->status == JX_DEPT_SCORED;
	jx_json_begin_object(j, NULL);
	jx_json_str(j, "id", row->id);
	jx_json_str(j, "name", row->name);
	if (row->fiscal_year)
		jx_json_int(j, "fiscal_year", row->fiscal_year);
	else
		jx_json_null(j, "fiscal_year");
	jx_json_str(j, "status", jx_dept_status_name(dr->status));
	jx_json_rounded(j, "score", dr->total_rounded, r->precision);
	jx_json_num(j, "score_unrounded", dr->total);
	jx_json_str(j, "grade", scored ? jx_grade_name(r, dr->grade) : NULL);
	if (with_rank && scored) /* not with JX_DEPT_OMIT_RANK */
		jx_json_int(j, "rank", dr->rank);
	else if (with_rank)
		jx_json_null(j, "rank");
	jx_json_rounded(j, "claimed_score", jx_present_claimed_score(res, d), r->precision);
	jx_json_rounded(j, "score_difference", jx_dept_score_difference(res, d), r->precision);
	jx_json_num(j, "z", res->summary ? res->summary->z[d] : NAN);
	jx_json_num(j, "robust_z", res->summary ? res->summary->robust_z[d] : NAN);
	write_flags(j, res, d);
	jx_json_str(j, "reason", dr->reason);
	write_excluded(j, res, d);
	if (row->reject_reason) {
		/* Nothing was computed for data that could not be read. */
		jx_json_end_object(j);
		return;
	}
	write_groups(j, res, d);
	jx_json_begin_array(j, "indicators");
	for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		write_indicator(j, res, &v);
	}
	jx_json_end_array(j);
	write_checks(j, res, d);
	jx_json_end_object(j);
}

static void write_stats(jx_json *j, const char *key, const jx_stats *s)
{
	jx_json_begin_object(j, key);
	jx_json_int(j, "n", (long long)s->n);
	jx_json_num(j, "mean", s->mean);
	jx_json_num(j, "sd", s->sd);
	jx_json_num(j, "min", s->min);
	jx_json_num(j, "p10", s->p10);
	jx_json_num(j, "p25", s->p25);
	jx_json_num(j, "median", s->median);
	jx_json_num(j, "p75", s->p75);
	jx_json_num(j, "p90", s->p90);
	jx_json_num(j, "max", s->max);
	jx_json_num(j, "mad", s->mad);
	jx_json_end_object(j);
}

static void write_indicator_summary(jx_json *j, const jx_result *res, size_t i)
{
	const jx_indicator_summary *is = &jx_summary_indicators(res)[i];
	jx_json_begin_object(j, res->rules->indicators[i].id);
	write_stats(j, "completion", &is->completion);
	write_stats(j, "score", &is->score);
	jx_json_int(j, "missing", (long long)is->missing);
	jx_json_int(j, "undefined", (long long)is->undefined);
	jx_json_int(j, "excluded", (long long)is->excluded);
	jx_json_int(j, "beyond_tolerance", (long long)is->beyond_tolerance);
	jx_json_int(j, "target_too_low", (long long)is->target_too_low);
	jx_json_begin_object(j, "relative_deviation");
	jx_json_num(j, "mean", is->relative_deviation_mean);
	jx_json_num(j, "sd", is->relative_deviation_sd);
	jx_json_end_object(j);
	jx_json_begin_array(j, "unexplained");
	for (size_t k = 0; k < is->n_unexplained; k++)
		jx_json_str(j, NULL, res->batch->rows[is->unexplained[k]].id);
	jx_json_end_array(j);
	jx_json_end_object(j);
}

/* 复核 over the batch (stats/summary.c): claims, flags, differences. */
static void write_review(jx_json *j, const jx_result *res)
{
	const jx_rules *r = res->rules;
	jx_review_summary rs;
	if (jx_summary_review(&rs, res) != JX_OK)
		j->out->failed = 1;
	jx_json_begin_object(j, "review");
	jx_json_int(j, "claimed", (long long)rs.claimed);
	jx_json_begin_object(j, "flags");
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
		jx_json_int(j, jx_dept_flag_name(k), (long long)rs.flags[k]);
	jx_json_end_object(j);
	jx_json_num(j, "mean_difference", rs.mean_difference);
	jx_json_num(j, "mean_abs_difference", rs.mean_abs_difference);
	jx_json_begin_array(j, "largest");
	for (size_t k = 0; k < rs.n_largest; k++) {
		size_t d = rs.largest[k];
		jx_json_begin_object(j, NULL);
		jx_json_str(j, "id", res->batch->rows[d].id);
		jx_json_str(j, "name", res->batch->rows[d].name);
		jx_json_rounded(j, "claimed_score", jx_present_claimed_score(res, d), r->precision);
		jx_json_rounded(j, "score", res->depts[d].total_rounded, r->precision);
		jx_json_rounded(j, "score_difference", jx_dept_score_difference(res, d),
		                r->precision);
		jx_json_end_object(j);
	}
	jx_json_end_array(j);
	jx_json_end_object(j);
}

static void write_summary(jx_json *j, const jx_result *res)
{
	const jx_summary *s = res->summary;
	const jx_rules *r = res->rules;
	jx_json_begin_object(j, "summary");
	jx_json_begin_object(j, "departments");
	jx_json_int(j, "total", (long long)s->total);
	jx_json_int(j, "scored", (long long)s->scored);
	jx_json_int(j, "rejected", (long long)s->rejected);
	jx_json_end_object(j);
	jx_json_begin_object(j, "grades");
	for (size_t g = 0; g < r->n_grades; g++)
		jx_json_int(j, r->grades[g].grade, (long long)s->grade_counts[g]);
	jx_json_end_object(j);
	write_stats(j, "total", &s->score);
	jx_json_begin_object(j, "indicators");
	for (size_t i = 0; i < r->n_indicators; i++)
		write_indicator_summary(j, res, i);
	jx_json_end_object(j);
	const jx_summary *c = jx_summary_correlations(res);
	jx_json_num(j, "weighted_mean", c->weighted_mean);
	jx_json_num(j, "spearman_execution_score", c->spearman_execution_score);
	jx_json_begin_object(j, "histogram");
	jx_json_begin_array(j, "edges");
	for (size_t b = 0; b <= JX_HISTOGRAM_BINS; b++)
		jx_json_num(j, NULL, s->histogram_edges[b]);
	jx_json_end_array(j);
	jx_json_begin_array(j, "counts");
	for (size_t b = 0; b < JX_HISTOGRAM_BINS; b++)
		jx_json_int(j, NULL, (long long)s->histogram[b]);
	jx_json_end_array(j);
	jx_json_end_object(j);
	write_review(j, res);
	jx_json_end_object(j);
}

int jx_write_json(const jx_result *res, jx_buf *out)
{
	if (jx_summary_prepare(res) != JX_OK)
		return JX_ENOMEM; /* statistics that could not be computed are not left out */
	const jx_rules *r = res->rules;
	jx_json j = {out, 0, {0}, 5};
	jx_json_begin_object(&j, NULL);
	jx_json_begin_object(&j, "engine");
	jx_json_str(&j, "name", "jixiao");
	jx_json_str(&j, "version", JX_VERSION_STRING);
	jx_json_end_object(&j);
	jx_json_begin_object(&j, "ruleset");
	jx_json_str(&j, "id", r->id);
	jx_json_str(&j, "name", r->name);
	jx_json_str(&j, "version", r->version);
	jx_json_str(&j, "sha256", r->sha256);
	jx_json_end_object(&j);
	jx_json_begin_array(&j, "departments");
	for (size_t d = 0; d < res->n; d++) {
		write_department(&j, res, d, 1);
		jx_buf_checkpoint(out);
	}
	jx_json_end_array(&j);
	if (res->summary)
		write_summary(&j, res);
	jx_json_end_object(&j);
	return out->failed ? JX_ENOMEM : JX_OK;
}

/* One department's object, as the document above writes it inside
 * "departments" (the same members in the same order; indented from the
 * left margin, the groups, indicators and checks one per line as there).
 * For embedders that keep one result per department, such as the
 * PostgreSQL extension (docs/postgres.md). */
int jx_result_write_department(char **out, size_t *out_len, const jx_result *res, size_t dept,
                               unsigned flags)
{
	if (!out)
		return JX_EINVAL;
	*out = NULL;
	if (out_len)
		*out_len = 0;
	if (!res || dept >= res->n || (flags & ~(unsigned)JX_DEPT_OMIT_RANK))
		return JX_EINVAL;
	jx_buf doc = {0};
	/* the document's department object opens at depth 2 and writes from
	 * depth 5 on one line; here it opens at depth 0 */
	jx_json j = {&doc, 0, {0}, 3};
	write_department(&j, res, dept, !(flags & JX_DEPT_OMIT_RANK));
	char *copy = doc.failed ? NULL : jx_memdup_nul(doc.data ? doc.data : "", doc.len);
	size_t len = doc.len;
	jx_buf_free(&doc);
	if (!copy)
		return JX_ENOMEM;
	*out = copy; /* plain malloc'd memory, freed with jx_free() */
	if (out_len)
		*out_len = len;
	return JX_OK;
}
