/*
 * diff.c - how a rule change moves scores, grades and ranks (man/jixiao.1, diff):
 * the same departments scored under old and new rules, matched by dept_id.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/round.h"
#include "../common/utf8.h"
#include "output.h"
#include "json_writer.h"
#include "present.h"

typedef struct {
	const jx_result *old, *new_;
	size_t moves[16][16]; /* grade index old x new (index n_grades = rejected) */
	size_t changed, same, only_old, only_new;
} diff;

static long grade_slot(const jx_result *res, size_t d)
{
	const jx_dept_result *dr = &res->depts[d];
	long g = dr->status == JX_DEPT_SCORED ? dr->grade : -1;
	long n = (long)res->rules->n_grades;
	return g >= 0 && g < 15 ? g : (n < 15 ? n : 15);
}

static const char *slot_name(const jx_result *res, long slot)
{
	return slot < (long)res->rules->n_grades ? res->rules->grades[slot].grade : "rejected";
}

static long match(const diff *df, size_t d)
{
	const char *id = df->old->batch->rows[d].id;
	return jx_strmap_get(&df->new_->batch->id_map, id, strlen(id));
}

static void count(diff *df)
{
	for (size_t d = 0; d < df->old->n; d++) {
		long e = match(df, d);
		if (e < 0) {
			df->only_old++;
			continue;
		}
		long a = grade_slot(df->old, d), b = grade_slot(df->new_, (size_t)e);
		df->moves[a][b]++;
		double x = df->old->depts[d].total_rounded, y = df->new_->depts[e].total_rounded;
		int same = (isnan(x) && isnan(y)) || x == y;
		if (same && df->old->depts[d].rank == df->new_->depts[e].rank)
			df->same++;
		else
			df->changed++;
	}
	for (size_t e = 0; e < df->new_->n; e++) {
		const char *id = df->new_->batch->rows[e].id;
		if (jx_strmap_get(&df->old->batch->id_map, id, strlen(id)) < 0)
			df->only_new++;
	}
}

static void json_side(jx_json *j, const char *key, const jx_result *res, long d)
{
	if (d < 0) {
		jx_json_null(j, key);
		return;
	}
	const jx_dept_result *dr = &res->depts[d];
	int scored = dr->status == JX_DEPT_SCORED;
	jx_json_begin_object(j, key);
	jx_json_str(j, "status", jx_dept_status_name(dr->status));
	jx_json_rounded(j, "score", dr->total_rounded, res->rules->precision);
	jx_json_str(j, "grade", scored ? jx_grade_name(res->rules, dr->grade) : NULL);
	if (scored)
		jx_json_int(j, "rank", dr->rank);
	else
		jx_json_null(j, "rank");
	jx_json_end_object(j);
}

static void json_ruleset(jx_json *j, const char *key, const jx_rules *r)
{
	jx_json_begin_object(j, key);
	jx_json_str(j, "id", r->id);
	jx_json_str(j, "version", r->version);
	jx_json_str(j, "sha256", r->sha256);
	jx_json_end_object(j);
}

static void write_json(diff *df, jx_buf *out)
{
	jx_json j = {out, 0, {0}, 3};
	jx_json_begin_object(&j, NULL);
	json_ruleset(&j, "old_ruleset", df->old->rules);
	json_ruleset(&j, "new_ruleset", df->new_->rules);
	jx_json_begin_array(&j, "departments");
	for (size_t d = 0; d < df->old->n; d++) {
		long e = match(df, d);
		jx_json_begin_object(&j, NULL);
		jx_json_str(&j, "id", df->old->batch->rows[d].id);
		jx_json_str(&j, "name", df->old->batch->rows[d].name);
		json_side(&j, "old", df->old, (long)d);
		json_side(&j, "new", df->new_, e);
		double delta =
		    e >= 0 ? df->new_->depts[e].total_rounded - df->old->depts[d].total_rounded
		           : NAN;
		jx_json_rounded(&j, "delta", delta, df->old->rules->precision);
		jx_json_end_object(&j);
	}
	jx_json_end_array(&j);
	jx_json_begin_object(&j, "grade_changes");
	for (long a = 0; a < 16; a++)
		for (long b = 0; b < 16; b++) {
			if (a == b || !df->moves[a][b])
				continue;
			char key[128];
			snprintf(key, sizeof(key), "%s→%s", slot_name(df->old, a),
			         slot_name(df->new_, b));
			jx_json_int(&j, key, (long long)df->moves[a][b]);
		}
	jx_json_end_object(&j);
	jx_json_int(&j, "changed", (long long)df->changed);
	jx_json_int(&j, "unchanged", (long long)df->same);
	jx_json_int(&j, "only_old", (long long)df->only_old);
	jx_json_int(&j, "only_new", (long long)df->only_new);
	jx_json_end_object(&j);
}

static void text_score(jx_buf *out, const jx_result *res, long d)
{
	char num[32];
	if (d < 0) {
		jx_buf_printf(out, "%-22s", "—");
		return;
	}
	const jx_dept_result *dr = &res->depts[d];
	if (dr->status != JX_DEPT_SCORED) {
		jx_buf_printf(out, "%-22s", "rejected");
		return;
	}
	jx_format_fixed(num, sizeof(num), dr->total_rounded, res->rules->precision);
	const char *g = jx_grade_name(res->rules, dr->grade);
	jx_buf_printf(out, "%7s %s #%-4d", num, g, dr->rank);
	size_t w = jx_utf8_width(g, strlen(g));
	for (size_t k = w; k < 8; k++)
		jx_buf_putc(out, ' ');
}

/* "岳阳县妇女联合会（yueyang-fulian）" */
static void dept_label(char *buf, size_t size, const jx_result *res, size_t d)
{
	const char *name = res->batch->rows[d].name, *id = res->batch->rows[d].id;
	snprintf(buf, size, "%s（%s）", *name ? name : id, id);
	if (strlen(buf) == size - 1) /* cut: keep whole characters */
		buf[jx_utf8_clip(buf, size - 1, size - 2)] = '\0';
}

/* s, then spaces up to `width` terminal cells (a Chinese character is 2). */
static void pad(jx_buf *out, const char *s, size_t width)
{
	jx_buf_puts(out, s);
	for (size_t w = jx_utf8_width(s, strlen(s)); w < width; w++)
		jx_buf_putc(out, ' ');
}

static void write_text(diff *df, jx_buf *out)
{
	const jx_rules *a = df->old->rules, *b = df->new_->rules;
	jx_buf_printf(out, "旧：%s %s（sha256 %.12s）\n新：%s %s（sha256 %.12s）\n\n", a->id,
	              a->version, a->sha256, b->id, b->version, b->sha256);
	size_t width = 4;
	for (size_t d = 0; d < df->old->n; d++) {
		char label[256];
		dept_label(label, sizeof(label), df->old, d);
		size_t w = jx_utf8_width(label, strlen(label));
		width = w > width ? w : width;
	}
	pad(out, "部门", width);
	jx_buf_puts(out, "  旧 得分 等级 名次        新 得分 等级 名次     变化\n");
	for (size_t d = 0; d < df->old->n; d++) {
		long e = match(df, d);
		char label[256];
		dept_label(label, sizeof(label), df->old, d);
		pad(out, label, width);
		jx_buf_puts(out, "  ");
		text_score(out, df->old, (long)d);
		text_score(out, df->new_, e);
		double delta =
		    e >= 0 ? df->new_->depts[e].total_rounded - df->old->depts[d].total_rounded
		           : NAN;
		if (isfinite(delta))
			jx_buf_printf(out, "%+8.2f", delta);
		jx_buf_putc(out, '\n');
	}
	jx_buf_printf(out, "\n变化 %zu 个部门，未变 %zu 个", df->changed, df->same);
	if (df->only_old || df->only_new)
		jx_buf_printf(out, "，仅在旧结果 %zu 个，仅在新结果 %zu 个", df->only_old,
		              df->only_new);
	jx_buf_puts(out, "\n等级变化：");
	int any = 0;
	for (long x = 0; x < 16; x++)
		for (long y = 0; y < 16; y++)
			if (x != y && df->moves[x][y]) {
				jx_buf_printf(out, "%s%s→%s %zu", any++ ? "，" : "",
				              slot_name(df->old, x), slot_name(df->new_, y),
				              df->moves[x][y]);
			}
	jx_buf_puts(out, any ? "\n" : "无\n");
}

int jx_result_diff_write(const jx_result *old, const jx_result *new_, jx_format format,
                         jx_write_fn write, void *ctx)
{
	if (!old || !new_ || !write)
		return JX_EINVAL;
	if (format != JX_FORMAT_JSON && format != JX_FORMAT_TEXT)
		return JX_EINVAL;
	diff df = {old, new_, {{0}}, 0, 0, 0, 0};
	count(&df);
	jx_buf out = {0};
	if (format == JX_FORMAT_JSON)
		write_json(&df, &out);
	else
		write_text(&df, &out);
	int rc = out.failed ? JX_ENOMEM : JX_OK;
	if (rc == JX_OK && out.len && write(ctx, out.data, out.len) != 0)
		rc = JX_EIO;
	jx_buf_free(&out);
	return rc;
}
