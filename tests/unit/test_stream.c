/*
 * test_stream.c - a wide CSV scored a window at a time (engine/api/stream_api.c,
 * docs/performance.md "Streaming"): jx_csv_scores_read + jx_csv_scores_write
 * must write the bytes jx_batch_read_file + jx_score + jx_result_write give,
 * for any window size and thread count: the ranks (ties on the rounded
 * total), the outlier flags (robust z over the whole batch), `relative`
 * against the best of every window, duplicates across windows. And the
 * calls' edges: what it does not read (JX_ENOTSUP, nothing in diags), bad
 * arguments, the problems kept for the caller, the fiscal year.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "jixiao.h"

/* relative (more is better), ratio, and a check that rejects */
static const char rules_yaml[] =
    "jixiao: 1\n"
    "ruleset: {id: stream-test, name: 流式, version: \"1\"}\n"
    "precision: 2\n"
    "units: [件]\n"
    "variables: {done: 件, planned: 件, budget: 万元}\n"
    "grades:\n"
    "  - {grade: 优, min: 90}\n"
    "  - {grade: 良, min: 80}\n"
    "  - {grade: 中, min: 60}\n"
    "  - {grade: 差, min: 0}\n"
    "indicators:\n"
    "  - {id: best_done, name: 完成量, weight: 40, value: done, method: relative}\n"
    "  - {id: rate, name: 完成率, weight: 60, value: done / planned, target: \">= 100%\",\n"
    "     method: ratio}\n"
    "checks:\n"
    "  - {id: budget_given, rule: budget > 0, message: 预算为零, severity: error}\n";

typedef struct {
	jx_rules *rules;
	char path[64];
} fixture;

static int append(void *ctx, const char *data, size_t len)
{
	char **text = ctx;
	size_t have = *text ? strlen(*text) : 0;
	char *more = realloc(*text, have + len + 1);
	if (!more)
		return -1;
	memcpy(more + have, data, len);
	more[have + len] = '\0';
	*text = more;
	return 0;
}

/* n departments, the best `done` in the last one, a duplicate dept_id far
 * from the first, a zero budget, a word where a number is due, ties, and
 * one department far below the others (an outlier). */
static void write_batch(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "dept_id,dept_name,done,planned,budget\n");
	for (int i = 0; i < n; i++) {
		const char *id_fmt = i == n / 2 ? "d%05d" : "d%05d";
		int id = i == n / 2 ? 3 : i; /* d00003 again */
		fprintf(f, id_fmt, id);
		int done = i == n - 1 ? 500 : 50 + i % 40;
		if (i == 7)
			done = 1; /* far below: outlier_low */
		if (i == 11)
			fprintf(f, ",部门%d,很多,100,10\n", i);
		else
			fprintf(f, ",部门%d,%d,%d,%d\n", i, done, 60 + i % 7, i == 13 ? 0 : 10);
	}
	fclose(f);
}

static char *general_way_as(const fixture *fx, int jobs, jx_format format)
{
	jx_batch *b = NULL;
	jx_result *res = NULL;
	assert_int_equal(jx_batch_new(&b, fx->rules), JX_OK);
	assert_int_equal(jx_batch_read_file(b, fx->path, NULL, NULL), JX_OK);
	jx_score_options so = JX_SCORE_OPTIONS_INIT;
	so.jobs = jobs;
	assert_int_equal(jx_score(&res, fx->rules, b, &so, NULL), JX_OK);
	char *text = NULL;
	assert_int_equal(jx_result_write_buffer(&text, NULL, res, format), JX_OK);
	jx_result_free(res);
	jx_batch_free(b);
	return text;
}

static char *general_way(const fixture *fx, int jobs)
{
	return general_way_as(fx, jobs, JX_FORMAT_CSV);
}

/* The fixture's file read for `csv` (or for `csv-long`) on `jobs` threads.
 * The options are gone when this returns: csv-long, which scores as it is
 * written, must have copied them (it kept a pointer once). */
static jx_csv_scores *read_stream(const fixture *fx, int jobs, int long_table)
{
	jx_csv_scores *s = NULL;
	jx_score_options so = JX_SCORE_OPTIONS_INIT;
	so.jobs = jobs;
	assert_int_equal(long_table ? jx_csv_scores_read_long(&s, fx->rules, fx->path, &so, NULL)
	                            : jx_csv_scores_read(&s, fx->rules, fx->path, &so, NULL),
	                 JX_OK);
	return s;
}

static char *streamed(const fixture *fx, int jobs, jx_csv_scores **keep)
{
	jx_csv_scores *s = read_stream(fx, jobs, 0);
	char *text = NULL;
	assert_int_equal(jx_csv_scores_write(s, append, &text), JX_OK);
	if (keep)
		*keep = s;
	else
		jx_csv_scores_free(s);
	return text;
}

/* csv-long: read (its first window), then scored while written, once */
static char *streamed_long(const fixture *fx, int jobs)
{
	jx_csv_scores *s = read_stream(fx, jobs, 1);
	char *text = NULL;
	assert_int_equal(jx_csv_scores_write(s, append, &text), JX_OK);
	assert_int_equal(jx_csv_scores_count(s), 3000);
	assert_int_equal(jx_csv_scores_problem_count(s), 3);
	char *again = NULL;
	assert_int_equal(jx_csv_scores_write(s, append, &again), JX_EINVAL);
	assert_null(again);
	jx_csv_scores_free(s);
	return text;
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	jx_rules_options ro = JX_RULES_OPTIONS_INIT;
	ro.text = rules_yaml;
	ro.text_len = sizeof(rules_yaml) - 1;
	ro.name = "stream-test.yaml";
	if (jx_rules_open(&fx->rules, &ro, NULL) != JX_OK)
		return -1;
	snprintf(fx->path, sizeof(fx->path), "/tmp/jx-stream-%ld.csv", (long)getpid());
	write_batch(fx->path, 3000);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	if (!fx)
		return 0;
	unlink(fx->path);
	jx_rules_free(fx->rules);
	free(fx);
	return 0;
}

static void same_bytes_any_window(void **state)
{
	fixture *fx = *state;
	char *want = general_way(fx, 1);
	assert_non_null(strstr(want, "outlier_low"));
	static const char *windows[] = {"1", "64", "1000", "20000", ""};
	for (size_t w = 0; w < sizeof(windows) / sizeof(windows[0]); w++)
		for (int jobs = 1; jobs <= 3; jobs += 2) {
			setenv("JIXIAO_WINDOW_BYTES", windows[w], 1);
			char *got = streamed(fx, jobs, NULL);
			if (strcmp(got, want) != 0)
				fail_msg("window %s, %d job(s): another table", windows[w], jobs);
			free(got);
		}
	unsetenv("JIXIAO_WINDOW_BYTES");
	free(want);
}

static void long_table_same_bytes(void **state)
{
	fixture *fx = *state;
	char *want = general_way_as(fx, 1, JX_FORMAT_CSV_LONG);
	static const char *windows[] = {"1", "3000", ""};
	for (size_t w = 0; w < sizeof(windows) / sizeof(windows[0]); w++)
		for (int jobs = 1; jobs <= 3; jobs += 2) {
			setenv("JIXIAO_WINDOW_BYTES", windows[w], 1);
			char *got = streamed_long(fx, jobs);
			if (strcmp(got, want) != 0)
				fail_msg("csv-long, window %s, %d job(s): another table",
				         windows[w], jobs);
			free(got);
		}
	unsetenv("JIXIAO_WINDOW_BYTES");
	free(want);
	/* a file the windows do not read says so before anything is written */
	jx_csv_scores *s = NULL;
	assert_int_equal(jx_csv_scores_read_long(&s, fx->rules, "/dev/null", NULL, NULL),
	                 JX_ENOTSUP);
	assert_null(s);
}

static void problems_are_kept(void **state)
{
	fixture *fx = *state;
	jx_csv_scores *s = NULL;
	setenv("JIXIAO_WINDOW_BYTES", "4096", 1);
	char *text = streamed(fx, 2, &s);
	unsetenv("JIXIAO_WINDOW_BYTES");
	assert_int_equal(jx_csv_scores_count(s), 3000);
	/* d00011 a word, d00013 a zero budget, the second d00003 */
	assert_int_equal(jx_csv_scores_problem_count(s), 3);
	jx_dept_info info;
	assert_int_equal(jx_csv_scores_problem(&info, s, 0), JX_OK);
	assert_string_equal(info.id, "d00011");
	assert_int_equal(info.status, JX_DEPT_REJECTED);
	assert_non_null(strstr(info.reason, ":13:"));
	assert_int_equal(jx_csv_scores_problem(&info, s, 1), JX_OK);
	assert_string_equal(info.id, "d00013");
	assert_non_null(strstr(info.reason, "budget_given"));
	assert_int_equal(jx_csv_scores_problem(&info, s, 2), JX_OK);
	assert_string_equal(info.id, "d00003");
	assert_non_null(strstr(info.reason, "duplicate dept_id"));
	assert_int_equal(jx_csv_scores_problem(&info, s, 3), JX_ENOTFOUND);
	assert_int_equal(jx_csv_scores_fiscal_year(s), 0);
	jx_csv_scores_free(s);
	free(text);
}

static void not_read_this_way(void **state)
{
	fixture *fx = *state;
	jx_diagnostics *d = NULL;
	jx_csv_scores *s = NULL;
	assert_int_equal(jx_diagnostics_new(&d), JX_OK);
	const char *paths[] = {"/nonexistent/x.csv",
	                       JX_SOURCE_DIR "/fixtures/seed/yueyang-fulian-2024.yaml",
	                       JX_SOURCE_DIR "/fixtures", "/dev/null"};
	for (size_t k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
		assert_int_equal(jx_csv_scores_read(&s, fx->rules, paths[k], NULL, d), JX_ENOTSUP);
		assert_null(s);
	}
	/* a header and no departments: the general way writes the header */
	FILE *f = fopen(fx->path, "w");
	assert_non_null(f);
	fputs("dept_id,dept_name,done,planned,budget\n", f);
	fclose(f);
	assert_int_equal(jx_csv_scores_read(&s, fx->rules, fx->path, NULL, d), JX_ENOTSUP);
	assert_int_equal(jx_diagnostics_count(d), 0);
	write_batch(fx->path, 3000);
	assert_int_equal(jx_csv_scores_read(NULL, fx->rules, fx->path, NULL, d), JX_EINVAL);
	assert_int_equal(jx_csv_scores_read(&s, NULL, fx->path, NULL, d), JX_EINVAL);
	assert_int_equal(jx_csv_scores_write(NULL, append, NULL), JX_EINVAL);
	assert_int_equal(jx_csv_scores_problem_count(NULL), 0);
	assert_int_equal(jx_csv_scores_count(NULL), 0);
	jx_csv_scores_free(NULL);
	jx_diagnostics_free(d);
}

/* What a progress callback sees while a file is read in windows. */
typedef struct {
	pthread_t caller;
	size_t calls, last, total;
	int other_thread, went_back, total_changed;
} progress_seen;

static void note_progress(void *ctx, size_t done, size_t total)
{
	progress_seen *p = ctx;
	p->other_thread |= !pthread_equal(pthread_self(), p->caller);
	p->went_back |= done < p->last;
	p->total_changed |= p->calls && total != p->total;
	p->calls++;
	p->last = done;
	p->total = total;
}

/* One bar over the file, not one per window: done grows, total stays, and
 * every call comes from the calling thread although windows are scored on
 * several (jx_progress_fn). With `relative` (the rules here) the file is
 * read through before scoring, and total is twice its bytes. */
static void progress_is_the_files(void **state)
{
	fixture *fx = *state;
	progress_seen seen = {.caller = pthread_self()};
	jx_score_options so = JX_SCORE_OPTIONS_INIT;
	so.jobs = 3;
	so.progress = note_progress;
	so.progress_ctx = &seen;
	setenv("JIXIAO_WINDOW_BYTES", "4096", 1);
	jx_csv_scores *s = NULL;
	assert_int_equal(jx_csv_scores_read(&s, fx->rules, fx->path, &so, NULL), JX_OK);
	unsetenv("JIXIAO_WINDOW_BYTES");
	jx_csv_scores_free(s);
	FILE *f = fopen(fx->path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size_t bytes = (size_t)ftell(f);
	fclose(f);
	assert_true(seen.calls > 10); /* ~20 windows, each read and each scored */
	assert_false(seen.other_thread);
	assert_false(seen.went_back);
	assert_false(seen.total_changed);
	assert_int_equal(seen.total, 2 * bytes);
	assert_true(seen.last < seen.total);
}

static int refuse(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
	return -1;
}

static void a_refused_write_is_eio(void **state)
{
	fixture *fx = *state;
	jx_csv_scores *s = NULL;
	assert_int_equal(jx_csv_scores_read(&s, fx->rules, fx->path, NULL, NULL), JX_OK);
	assert_int_equal(jx_csv_scores_write(s, refuse, NULL), JX_EIO);
	jx_csv_scores_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(same_bytes_any_window),  cmocka_unit_test(long_table_same_bytes),
	    cmocka_unit_test(problems_are_kept),      cmocka_unit_test(not_read_this_way),
	    cmocka_unit_test(a_refused_write_is_eio), cmocka_unit_test(progress_is_the_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
