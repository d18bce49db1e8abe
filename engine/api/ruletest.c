/*
 * ruletest.c - a rule set's own tests (docs/rules.md): `jixiao test RULES`.
 *
 * Test files are the *.yaml files of a `tests/` folder beside the rules (in
 * the folder for a rule folder, beside the file for a rule file):
 *
 *   tests:
 *     - name: 岳阳县妇联 2024
 *       department: ../../../fixtures/seed/yueyang-fulian-2024.yaml  # or inline
 *       year: 2024                       # optional: rules in force that year
 *       expect:
 *         status: scored
 *         score: 94.07                   # to the decimals written
 *         grade: 优
 *         indicators:
 *           mediation_success_rate: {value: 0.3523, score: 6, status: ok,
 *                                    target: 0.35}
 *
 * A number is compared to half a unit of its last written decimal (94.07
 * matches 94.065 up to 94.075). Each failure is reported at the expectation's
 * file:line:col with the actual value.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/buf.h"
#include "../common/c_locale.h"
#include "../common/folder.h"
#include "../load/yaml_util.h"
#include "../evaluate/evaluate.h"
#include "../output/present.h"

typedef struct {
	jx_yctx y;
	const char *rules_path;
	jx_write_fn report;
	void *report_ctx;
	int report_stopped;
	size_t run, failed;
	int test_failed;
	const char *test_name;
} tester;

/* A line of the report, through the caller's write function. */
static void say(tester *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(tester *t, const char *fmt, ...)
{
	jx_buf line = {0};
	va_list ap;
	va_start(ap, fmt);
	jx_buf_vprintf(&line, fmt, ap);
	va_end(ap);
	if (!t->report_stopped && line.len && t->report(t->report_ctx, line.data, line.len) != 0)
		t->report_stopped = 1;
	jx_buf_free(&line);
}

/* ---- comparing ------------------------------------------------------------------- */

static void failure(tester *t, struct fy_node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void failure(tester *t, struct fy_node *at, const char *fmt, ...)
{
	char where[512], msg[1024];
	jx_loc_format(where, sizeof(where),
	              jx_ynode_loc(&t->y, at, (jx_loc){t->y.file, 0, 0, NULL}));
	va_list ap;
	va_start(ap, fmt);
	jx_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	say(t, "%s: FAIL %s: %s\n", where, t->test_name, msg);
	t->test_failed = 1;
}

/* Half a unit of the last decimal written ("94.07" -> 0.005). */
static double tolerance_of(const char *text)
{
	const char *dot = strchr(text, '.');
	if (!dot || strpbrk(text, "eE"))
		return 1e-9;
	size_t decimals = strspn(dot + 1, "0123456789");
	return 0.5 * pow(10, -(double)decimals) + 1e-12;
}

static void expect_number(tester *t, struct fy_node *node, const char *what, double actual)
{
	size_t len;
	const char *text = jx_yscalar(&t->y, node, what, &len);
	if (!text)
		return;
	char buf[64];
	snprintf(buf, sizeof(buf), "%.*s", (int)(len < 63 ? len : 63), text);
	double want;
	if (jx_number_parse(&want, text, len) != 0) {
		failure(t, node, "%s: '%s' is not a number", what, buf);
		return;
	}
	if (!(fabs(actual - want) <= tolerance_of(buf)))
		failure(t, node, "%s is %.10g, expected %s", what, actual, buf);
}

static void expect_text(tester *t, struct fy_node *node, const char *what, const char *actual)
{
	size_t len;
	const char *text = jx_yscalar(&t->y, node, what, &len);
	if (text && (strlen(actual) != len || memcmp(actual, text, len) != 0))
		failure(t, node, "%s is '%s', expected '%.*s'", what, actual, (int)len, text);
}

static void expect_indicator(tester *t, const jx_result *res, struct fy_node *key,
                             struct fy_node *spec)
{
	size_t len;
	const char *id = jx_yscalar(&t->y, key, "an indicator id", &len);
	if (!id)
		return;
	long i = jx_strmap_get(&res->rules->indicator_map, id, len);
	if (i < 0) {
		failure(t, key, "the rules have no indicator '%.*s'", (int)len, id);
		return;
	}
	jx_ind_result result;
	jx_result_ind(&result, res, 0, (size_t)i);
	const jx_ind_result *ir = &result;
	struct fy_node *value = NULL, *score = NULL, *status = NULL, *target = NULL,
	               *completion = NULL;
	const jx_ykey keys[] = {{"value", &value},           {"score", &score},
	                        {"status", &status},         {"target", &target},
	                        {"completion", &completion}, {NULL, NULL}};
	if (jx_ymapping(&t->y, spec, "an indicator's expectations", keys) != 0)
		return;
	if (value && ir->actual.kind == JX_VAL_TEXT)
		expect_text(t, value, "value", ir->actual.u.text);
	else if (value)
		expect_number(t, value, "value",
		              ir->actual.kind == JX_VAL_NUM ? ir->actual.u.num : NAN);
	if (score)
		expect_number(t, score, "score", ir->score);
	if (completion)
		expect_number(t, completion, "completion", jx_ind_completion(ir));
	if (status)
		expect_text(t, status, "status", jx_ind_status_name(ir->status));
	if (target && jx_ind_cmp(ir) == JX_CMP_WORD) {
		char word[256];
		snprintf(word, sizeof(word), "%.*s", (int)ir->def->lit.word_len, ir->def->lit.word);
		expect_text(t, target, "target", word);
	} else if (target)
		expect_number(t, target, "target", ir->target);
}

static void expect_result(tester *t, const jx_result *res, struct fy_node *expect)
{
	struct fy_node *status = NULL, *score = NULL, *grade = NULL, *indicators = NULL,
	               *checks = NULL;
	const jx_ykey keys[] = {{"status", &status},        {"score", &score},
	                        {"grade", &grade},          {"indicators", &indicators},
	                        {"failed_checks", &checks}, {NULL, NULL}};
	if (jx_ymapping(&t->y, expect, "expect", keys) != 0)
		return;
	const jx_dept_result *dr = &res->depts[0];
	if (status)
		expect_text(t, status, "status", jx_dept_status_name(dr->status));
	if (score)
		expect_number(t, score, "score", dr->total);
	if (grade)
		expect_text(t, grade, "grade", jx_grade_name(res->rules, dr->grade));
	if (checks)
		expect_number(t, checks, "failed_checks", (double)dr->failed_checks);
	if (!indicators)
		return;
	if (!fy_node_is_mapping(indicators)) {
		failure(t, indicators, "indicators must map indicator ids to expectations");
		return;
	}
	void *iter = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(indicators, &iter)) != NULL)
		expect_indicator(t, res, fy_node_pair_key(pair), fy_node_pair_value(pair));
}

/* ---- running ------------------------------------------------------------------- */

/* A path written in a test file, relative to the test file. */
static void relative_path(jx_buf *path, const tester *t, struct fy_node *node)
{
	size_t len;
	const char *rel = fy_node_get_scalar(node, &len);
	const char *slash = strrchr(t->y.file, '/');
	if (rel && rel[0] != '/' && slash)
		jx_buf_printf(path, "%.*s/", (int)(slash - t->y.file), t->y.file);
	if (rel)
		jx_buf_append(path, rel, len);
}

static int read_department(tester *t, jx_batch *batch, struct fy_node *dept,
                           const jx_read_options *opts)
{
	if (fy_node_is_scalar(dept)) {
		jx_buf path = {0};
		relative_path(&path, t, dept);
		int rc = jx_batch_read_file(batch, jx_buf_cstr(&path), opts, t->y.diags);
		jx_buf_free(&path);
		return rc;
	}
	char *text = fy_emit_node_to_string(dept, FYECF_MODE_FLOW_ONELINE | FYECF_WIDTH_INF);
	if (!text)
		return JX_ENOMEM;
	int rc = jx_batch_read_buffer(batch, t->y.file, "yaml", text, strlen(text), t->y.diags);
	free(text);
	return rc;
}

/* `indicators: PATH`: the department's own 自评表 as a long CSV (docs/data.md §3). */
static int read_indicators(tester *t, jx_batch *batch, struct fy_node *node,
                           const jx_read_options *opts)
{
	if (!node)
		return JX_OK;
	if (!fy_node_is_scalar(node)) {
		failure(t, node, "indicators must be the path of a long CSV");
		return JX_EINVAL;
	}
	jx_buf path = {0};
	relative_path(&path, t, node);
	int rc = jx_batch_read_indicators(batch, jx_buf_cstr(&path), opts, t->y.diags);
	jx_buf_free(&path);
	return rc;
}

static void run_test(tester *t, struct fy_node *test)
{
	struct fy_node *name = NULL, *dept = NULL, *expect = NULL, *year = NULL, *indicators = NULL,
	               *encoding = NULL;
	const jx_ykey keys[] = {
	    {"name", &name}, {"department", &dept},       {"expect", &expect},
	    {"year", &year}, {"indicators", &indicators}, {"encoding", &encoding},
	    {NULL, NULL}};
	if (jx_ymapping(&t->y, test, "a test", keys) != 0)
		return;
	size_t len = 0;
	const char *n = name ? jx_yscalar(&t->y, name, "name", &len) : NULL;
	char label[256];
	snprintf(label, sizeof(label), "'%.*s'", (int)(n && len < 200 ? len : 0), n ? n : "");
	t->test_name = label;
	t->test_failed = 0;
	t->run++;
	double y = 0;
	if (year && jx_ynumber(&t->y, year, "year", &y) != 0)
		y = 0;
	jx_read_options opts = JX_READ_OPTIONS_INIT;
	opts.encoding = encoding ? jx_ystring(&t->y, encoding, "encoding") : NULL;
	jx_rules_options ro = JX_RULES_OPTIONS_INIT;
	ro.path = t->rules_path;
	ro.year = (int)y;
	jx_rules *rules = NULL;
	jx_batch *batch = NULL;
	jx_result *res = NULL;
	if (!dept || !expect) {
		failure(t, test, "a test needs 'department' and 'expect'");
	} else if (jx_rules_open(&rules, &ro, t->y.diags) != JX_OK) {
		failure(t, test, "the rules do not load");
	} else if (jx_batch_new(&batch, rules) != JX_OK ||
	           read_department(t, batch, dept, &opts) != JX_OK ||
	           read_indicators(t, batch, indicators, &opts) != JX_OK || batch->n != 1) {
		failure(t, dept, "the department cannot be read (or is not exactly one)");
	} else if (jx_score(&res, rules, batch, NULL, t->y.diags) != JX_OK) {
		failure(t, test, "scoring failed");
	} else {
		expect_result(t, res, expect);
	}
	jx_result_free(res);
	jx_batch_free(batch);
	jx_rules_free(rules);
	if (t->test_failed)
		t->failed++;
	else
		say(t, "ok   %s\n", label);
}

static int run_file(tester *t, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return JX_EIO;
	jx_buf data = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && data.len < (16u << 20))
		jx_buf_append(&data, chunk, n);
	fclose(f);
	t->y.file = jx_arena_strdup(t->y.arena, path);
	if (!data.data)
		jx_buf_append(&data, "", 0);
	/* libfyaml points into the text: it lives as long as the document */
	struct fy_document *doc = data.data ? jx_yaml_parse(&t->y, data.data, data.len) : NULL;
	if (!doc) {
		jx_buf_free(&data);
		return JX_ERULES;
	}
	struct fy_node *tests = NULL;
	const jx_ykey keys[] = {{"tests", &tests}, {NULL, NULL}};
	int rc = JX_OK;
	if (jx_ymapping(&t->y, fy_document_root(doc), "a test file", keys) != 0 ||
	    jx_ysequence(&t->y, tests, "tests") < 0) {
		rc = JX_ERULES;
	} else {
		void *iter = NULL;
		struct fy_node *test;
		while ((test = fy_node_sequence_iterate(tests, &iter)) != NULL)
			run_test(t, test);
	}
	fy_document_destroy(doc);
	jx_buf_free(&data);
	return rc;
}

static int is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

int jx_rules_test(size_t *out_failed, const char *rules_path, jx_write_fn report, void *ctx,
                  jx_diagnostics *diags)
{
	if (!out_failed || !rules_path || !report)
		return JX_EINVAL;
	*out_failed = 0;
	struct stat st;
	if (stat(rules_path, &st) != 0)
		return JX_EIO;
	jx_buf dir = {0};
	const char *slash = strrchr(rules_path, '/');
	if (S_ISDIR(st.st_mode))
		jx_buf_printf(&dir, "%s/tests", rules_path);
	else if (slash)
		jx_buf_printf(&dir, "%.*s/tests", (int)(slash - rules_path), rules_path);
	else
		jx_buf_puts(&dir, "tests");
	tester t = {
	    {diags, jx_arena_new(), "", 0, NULL, NULL}, rules_path, report, ctx, 0, 0, 0, 0, ""};
	jx_file_list files = {0};
	int rc = t.y.arena ? JX_OK : JX_ENOMEM;
	if (rc == JX_OK && jx_folder_list(&files, jx_buf_cstr(&dir), is_yaml, 10000) == -3)
		rc = JX_ENOMEM;
	if (rc == JX_OK && !files.n) {
		jx_diag_error(diags, (jx_loc){jx_buf_cstr(&dir), 0, 0, NULL},
		              "no test files (*.yaml) for these rules");
		rc = JX_ENOTFOUND;
	}
	for (size_t i = 0; i < files.n; i++)
		if (run_file(&t, files.items[i]) != JX_OK)
			rc = JX_ERULES;
	if (t.y.errors)
		rc = JX_ERULES; /* a malformed test (unknown key, bad value) */
	jx_file_list_free(&files);
	say(&t, "%zu test(s), %zu failed\n", t.run, t.failed);
	if (t.report_stopped && rc == JX_OK)
		rc = JX_EIO;
	*out_failed = t.failed;
	jx_buf_free(&dir);
	jx_arena_free(t.y.arena);
	return rc;
}
