/*
 * test_rules.c - rule sets loaded from memory (jx_rules_open with a text): located
 * diagnostics, what a valid rule set loads to (ids, weights, method defaults,
 * target scaling), and scoring departments built in memory through the
 * public API, against scores computed by hand.
 *
 * Every expected line and column was counted by hand on the YAML text in this
 * file (1-based; columns count characters). Conventions as in
 * tests/cli/rules_errors.sh: a quoted scalar is located at its first
 * character after the opening quote, and positions inside it count from
 * there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "jixiao.h"
#include "evaluate/evaluate.h"
#include "load/load.h"
#include "stats/stats.h"
/* A rule set from a YAML text in memory. */
static int load_text(jx_rules **out, const char *name, const char *yaml, size_t len,
                     jx_diagnostics *diags)
{
	jx_rules_options opts = JX_RULES_OPTIONS_INIT;
	opts.text = yaml;
	opts.text_len = len;
	opts.name = name;
	return jx_rules_open(out, &opts, diags);
}

#define TOL 1e-9

/* cmocka 1.1.5 has no assert_double_equal. */
#define assert_near(a, b, tol)                                                                     \
	do {                                                                                       \
		double a_ = (a), b_ = (b);                                                         \
		if (!(fabs(a_ - b_) <= (tol)))                                                     \
			fail_msg("%s = %.17g, expected %.17g (tolerance %g)", #a, a_, b_,          \
			         (double)(tol));                                                   \
	} while (0)

#define NAME "mem.yaml"

/* ---- helpers --------------------------------------------------------------- */

static int load(jx_rules **out, jx_diagnostics **diags, const char *yaml)
{
	assert_int_equal(jx_diagnostics_new(diags), JX_OK);
	return load_text(out, NAME, yaml, strlen(yaml), *diags);
}

static void print_diags(const jx_diagnostics *d)
{
	for (size_t i = 0; i < jx_diagnostics_count(d); i++) {
		jx_diagnostic dg;
		jx_diagnostics_get(&dg, d, i);
		print_message("  [%zu] %s:%d:%d: %s\n", i, dg.file, dg.line, dg.col, dg.message);
	}
}

/* Looks for the error diagnostic whose message holds `needle` and checks it
 * is at line:col. Returns 0, or -1 with the problem in why[] (the caller
 * frees what it holds before failing, so a failing test leaks nothing). */
static int error_at(const jx_diagnostics *d, int line, int col, const char *needle, char *why,
                    size_t size)
{
	for (size_t i = 0; i < jx_diagnostics_count(d); i++) {
		jx_diagnostic dg;
		if (jx_diagnostics_get(&dg, d, i) != JX_OK)
			break;
		if (dg.severity != JX_SEV_ERROR || !strstr(dg.message, needle))
			continue;
		if (dg.line == line && dg.col == col && strcmp(dg.file, NAME) == 0)
			return 0;
		print_diags(d);
		snprintf(why, size, "'%s' reported at %s:%d:%d, expected %s:%d:%d", needle, dg.file,
		         dg.line, dg.col, NAME, line, col);
		return -1;
	}
	print_diags(d);
	snprintf(why, size, "no error mentioning '%s'", needle);
	return -1;
}

static void expect_load_error(const char *yaml, size_t n_errors, int line, int col,
                              const char *needle)
{
	jx_rules *r = NULL;
	jx_diagnostics *d = NULL;
	char why[512] = "";
	int rc = load(&r, &d, yaml);
	if (rc != JX_ERULES) {
		print_diags(d);
		snprintf(why, sizeof(why), "load returned %d, expected JX_ERULES", rc);
	} else if (r != NULL) {
		snprintf(why, sizeof(why), "a rule set was returned with JX_ERULES");
	} else if (error_at(d, line, col, needle, why, sizeof(why)) == 0 && n_errors &&
	           jx_diagnostics_error_count(d) != n_errors) {
		print_diags(d);
		snprintf(why, sizeof(why), "%zu errors, expected %zu",
		         jx_diagnostics_error_count(d), n_errors);
	}
	jx_rules_free(r);
	jx_diagnostics_free(d);
	if (why[0])
		fail_msg("%s", why);
}

/* ---- diagnostics ----------------------------------------------------------- */

static void unknown_indicator_key(void **state)
{
	(void)state;
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    weight: 100\n"
	                  "    value: x.a\n"
	                  "    target: \">= 1\"\n"
	                  "    methd: ratio\n",
	                  1, 8, 5, "unknown key 'methd'");
}

static void missing_version_and_wrong_version(void **state)
{
	(void)state;
	expect_load_error("ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - {id: a, weight: 100, value: x, target: \">= 1\"}\n",
	                  1, 1, 1, "missing 'jixiao: 1'");
	/*                  123456789012 */
	expect_load_error("jixiao: 1.0\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - {id: a, weight: 100, value: x, target: \">= 1\"}\n",
	                  1, 1, 9, "unsupported rule format version '1.0'");
}

static void expression_error_column(void **state)
{
	(void)state;
	/* "    value: 调解.成功 + * 2": value at col 12; '*' after 8 characters. */
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    weight: 100\n"
	                  "    value: 调解.成功 + * 2\n"
	                  "    target: \">= 1\"\n",
	                  1, 6, 20, "found '*'");
	/* unknown function: "    value: 1 + sqrt(x)", sqrt at col 16 */
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    weight: 100\n"
	                  "    value: 1 + sqrt(x)\n"
	                  "    target: \">= 1\"\n",
	                  1, 6, 16, "unknown function 'sqrt'");
}

static void target_literal_column(void **state)
{
	(void)state;
	/* "    target: \">= 10 匹\"": quote at col 13, 公 at col 20. One error:
	 * the target was written, so "needs a target" must not follow. */
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    weight: 100\n"
	                  "    value: x\n"
	                  "    unit: 人\n"
	                  "    target: \">= 10 匹\"\n",
	                  1, 8, 20, "unknown unit");
	/* unit mismatch: the whole value is located at its opening quote, col 13 */
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    weight: 100\n"
	                  "    value: x\n"
	                  "    unit: 人\n"
	                  "    target: \">= 10 万元\"\n",
	                  1, 8, 13, "does not fit the indicator's unit");
}

static void yaml_syntax_error(void **state)
{
	(void)state;
	/* "  name: 婚姻调解: 测试": the second ':' is at col 13 of line 4. */
	expect_load_error("jixiao: 1\n"
	                  "ruleset:\n"
	                  "  id: t\n"
	                  "  name: 婚姻调解: 测试\n"
	                  "indicators: []\n",
	                  1, 4, 13, "invalid YAML");
}

static void check_rule_column(void **state)
{
	(void)state;
	/* "    rule: 支出.基本 + * 支出.项目 == 支出.合计": rule at col 11, '*' after
	 * 8 characters (20 bytes): col 19. */
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - {id: a, weight: 100, value: x, target: \">= 1\"}\n"
	                  "checks:\n"
	                  "  - id: c\n"
	                  "    rule: 支出.基本 + * 支出.项目 == 支出.合计\n",
	                  1, 7, 19, "in check rule");
}

static void weights_must_add_up(void **state)
{
	(void)state;
	/* The group is named and located at its entry (the `path` key, 5:5). */
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "groups:\n"
	                  "  - {path: [产出指标], weight: 50}\n"
	                  "  - path: [效益指标]\n"
	                  "    weight: 50\n"
	                  "indicators:\n"
	                  "  - {id: a, path: [产出指标], weight: 50, value: x, target: \">= 1\"}\n"
	                  "  - {id: b, path: [效益指标], weight: 40, value: y, target: \">= 1\"}\n",
	                  0, 5, 5, "group '效益指标' add up to 40");
	/* The total: located at the `indicators:` key (3:1), not nowhere. */
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - {id: a, weight: 50, value: x, target: \">= 1\"}\n"
	                  "  - {id: b, weight: 40, value: y, target: \">= 1\"}\n",
	                  1, 3, 1, "add up to 90, not 100");
}

static void several_errors_reported(void **state)
{
	(void)state;
	const char *yaml = "jixiao: 1\n"
	                   "ruleset: {id: t}\n"
	                   "indicators:\n"
	                   "  - id: a\n"
	                   "    weight: ten\n"
	                   "    value: x\n"
	                   "    target: \">= 1\"\n"
	                   "  - id: a\n"
	                   "    weight: 50\n"
	                   "    value: y\n"
	                   "    target: \">= 1\"\n"
	                   "    method: best\n"
	                   "checks:\n"
	                   "  - id: c\n"
	                   "    rule: x > 0\n"
	                   "    severity: fatal\n";
	jx_rules *r = NULL;
	jx_diagnostics *d = NULL;
	assert_int_equal(load(&r, &d, yaml), JX_ERULES);
	assert_null(r);
	char why[512] = "";
	if (error_at(d, 5, 13, "weight must be a number", why, sizeof(why)) == 0 &&
	    error_at(d, 8, 9, "duplicate indicator id 'a'", why, sizeof(why)) == 0 &&
	    error_at(d, 12, 13, "unknown method 'best'", why, sizeof(why)) == 0 &&
	    error_at(d, 16, 15, "severity must be warning or error", why, sizeof(why)) == 0 &&
	    jx_diagnostics_error_count(d) != 4)
		snprintf(why, sizeof(why), "%zu errors, expected 4", jx_diagnostics_error_count(d));
	jx_diagnostics_free(d);
	if (why[0])
		fail_msg("%s", why);
}

/* One date check for the rule set's and the indicators' `effective:`
 * (load/rules_source.c jx_valid_date): YYYY-MM-DD with digits where digits
 * go and a day the month has, so dates also compare as text. */
static void impossible_dates_refused(void **state)
{
	(void)state;
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t, effective: {from: 2024-02-30}}\n"
	                  "indicators:\n"
	                  "  - {id: a, weight: 100, value: x, target: \">= 1\"}\n",
	                  1, 2, 36, "a date must be written YYYY-MM-DD");
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    weight: 100\n"
	                  "    value: x\n"
	                  "    target: \">= 1\"\n"
	                  "    effective: {from: 2023-01-01, to: +024-01-01}\n",
	                  1, 8, 39, "a date must be written YYYY-MM-DD");
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    weight: 100\n"
	                  "    value: x\n"
	                  "    target: \">= 1\"\n"
	                  "    effective: {from: 2024-04-31}\n",
	                  1, 8, 23, "a date must be written YYYY-MM-DD");
	/* a leap day is a day */
	jx_rules *r = NULL;
	jx_diagnostics *d = NULL;
	int rc = load(&r, &d,
	              "jixiao: 1\n"
	              "ruleset: {id: t, effective: {from: 2024-02-29, to: 2024-12-31}}\n"
	              "indicators:\n"
	              "  - {id: a, weight: 100, value: x, target: \">= 1\"}\n");
	if (rc != JX_OK)
		print_diags(d);
	jx_rules_free(r);
	jx_diagnostics_free(d);
	assert_int_equal(rc, JX_OK);
}

static void aliases_refused(void **state)
{
	(void)state;
	/* "    weight: *w" on line 9: the alias at col 13. */
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    weight: &w 50\n"
	                  "    value: x\n"
	                  "    target: \">= 1\"\n"
	                  "  - id: b\n"
	                  "    weight: *w\n"
	                  "    value: y\n"
	                  "    target: \">= 1\"\n",
	                  1, 9, 13, "aliases");
}

/* `aliases:` (other names tables give an indicator, docs/rules.md): a list
 * or one name, printed in the canonical form; an empty one is located. */
static void indicator_aliases(void **state)
{
	(void)state;
	jx_rules *r = NULL;
	jx_diagnostics *d = NULL;
	jx_buf print = {0};
	assert_int_equal(load(&r, &d,
	                      "jixiao: 1\n"
	                      "ruleset: {id: t}\n"
	                      "indicators:\n"
	                      "  - id: a\n"
	                      "    name: 预算执行率\n"
	                      "    aliases: [预算资金执行率, 资金执行率]\n"
	                      "    weight: 50\n"
	                      "    value: x\n"
	                      "    target: \">= 1\"\n"
	                      "  - id: b\n"
	                      "    aliases: 乙\n"
	                      "    weight: 50\n"
	                      "    value: y\n"
	                      "    target: \">= 1\"\n"),
	                 JX_OK);
	assert_int_equal(r->indicators[0].n_aliases, 2);
	assert_string_equal(r->indicators[0].aliases[1], "资金执行率");
	assert_int_equal(r->indicators[1].n_aliases, 1);
	assert_string_equal(r->indicators[1].aliases[0], "乙");
	assert_int_equal(jx_rules_canonical(r, &print), JX_OK);
	assert_non_null(print.data);
	assert_non_null(strstr(print.data, "aliases: [\"预算资金执行率\", \"资金执行率\"]"));
	jx_buf_free(&print);
	jx_rules_free(r);
	jx_diagnostics_free(d);
	expect_load_error("jixiao: 1\n"
	                  "ruleset: {id: t}\n"
	                  "indicators:\n"
	                  "  - id: a\n"
	                  "    aliases: [x, \"\"]\n"
	                  "    weight: 100\n"
	                  "    value: x\n"
	                  "    target: \">= 1\"\n",
	                  1, 5, 18, "an alias must not be empty");
}

/* ---- a valid rule set -------------------------------------------------------- */

static const char one_indicator[] = "jixiao: 1\n"
                                    "ruleset:\n"
                                    "  id: mem-one\n"
                                    "  name: 单指标\n"
                                    "  version: \"2024.1\"\n"
                                    "indicators:\n"
                                    "  - id: mediation_rate\n"
                                    "    name: 婚姻调解成功率\n"
                                    "    path: [产出指标, 质量指标]\n"
                                    "    weight: 100\n"
                                    "    value: mediation.succeeded / mediation.accepted\n"
                                    "    unit: \"%\"\n"
                                    "    target: \">= 35%\"\n";

static void one_indicator_loads(void **state)
{
	(void)state;
	jx_rules *r = NULL;
	jx_diagnostics *d = NULL;
	int rc = load(&r, &d, one_indicator);
	if (rc != JX_OK)
		print_diags(d);
	assert_int_equal(rc, JX_OK);
	assert_int_equal(jx_diagnostics_error_count(d), 0);
	assert_string_equal(jx_rules_id(r), "mem-one");
	assert_string_equal(jx_rules_name(r), "单指标");
	assert_string_equal(jx_rules_version(r), "2024.1");
	assert_int_equal(strlen(jx_rules_sha256(r)), 64);
	assert_int_equal(jx_rules_indicator_count(r), 1);
	jx_indicator_info info;
	assert_int_equal(jx_rules_indicator(&info, r, 0), JX_OK);
	assert_string_equal(info.id, "mediation_rate");
	assert_string_equal(info.name, "婚姻调解成功率");
	assert_string_equal(info.path, "产出指标/质量指标");
	assert_near(info.weight, 100, 0);
	assert_string_equal(info.unit, "%");
	assert_string_equal(info.target, ">= 35%");
	assert_string_equal(info.method, "ratio");
	assert_string_equal(info.value, "mediation.succeeded / mediation.accepted");
	assert_near(r->indicators[0].target.lo, 0.35, 1e-15);
	assert_int_equal(jx_rules_indicator(&info, r, 1), JX_EINVAL);
	/* The same text gives the same hash. */
	jx_rules *r2 = NULL;
	assert_int_equal(load_text(&r2, "other.yaml", one_indicator, strlen(one_indicator), d),
	                 JX_OK);
	assert_string_equal(jx_rules_sha256(r), jx_rules_sha256(r2));
	jx_rules_free(r2);
	jx_rules_free(r);
	jx_diagnostics_free(d);
}

static void method_defaults_and_target_scaling(void **state)
{
	(void)state;
	const char *yaml =
	    "jixiao: 1\n"
	    "ruleset: {id: mem-defaults}\n"
	    "indicators:\n"
	    "  - {id: ge, weight: 20, value: a, unit: \"%\", target: \">= 35%\"}\n"
	    "  - {id: le, weight: 20, value: b, unit: 万元, target: \"<= 10 万元\"}\n"
	    "  - {id: eq, weight: 10, value: c, unit: \"%\", target: \"= 100%\"}\n"
	    "  - {id: rg, weight: 10, value: d, unit: \"%\", target: \"[90%, 110%]\"}\n"
	    "  - {id: wd, weight: 10, value: e, target: 达成}\n"
	    "  - {id: yuan, weight: 10, value: f, unit: 万元, target: \">= 150000 元\"}\n"
	    "  - {id: fw, weight: 10, value: g, unit: 天, target: \"≤3天\"}\n"
	    "  - {id: bare, weight: 10, value: h, unit: 人次, target: \"5700 人次\"}\n";
	static const struct {
		const char *id, *method;
		int cmp;
		double lo, hi;
	} want[] = {
	    {"ge", "ratio", JX_CMP_GE, 0.35, 0.35}, {"le", "inverse", JX_CMP_LE, 10, 10},
	    {"eq", "equal", JX_CMP_EQ, 1.0, 1.0},   {"rg", "range", JX_CMP_RANGE, 0.9, 1.1},
	    {"wd", "grade", JX_CMP_WORD, NAN, NAN}, {"yuan", "ratio", JX_CMP_GE, 15, 15},
	    {"fw", "inverse", JX_CMP_LE, 3, 3},     {"bare", "ratio", JX_CMP_GE, 5700, 5700},
	};
	jx_rules *r = NULL;
	jx_diagnostics *d = NULL;
	int rc = load(&r, &d, yaml);
	if (rc != JX_OK)
		print_diags(d);
	assert_int_equal(rc, JX_OK);
	assert_int_equal(jx_rules_indicator_count(r), sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		jx_indicator_info info;
		assert_int_equal(jx_rules_indicator(&info, r, i), JX_OK);
		assert_string_equal(info.id, want[i].id);
		if (strcmp(info.method, want[i].method) != 0)
			fail_msg("%s: method %s, expected %s", info.id, info.method,
			         want[i].method);
		const jx_target_lit *t = &r->indicators[i].target;
		assert_int_equal(t->cmp, want[i].cmp);
		if (!isnan(want[i].lo)) {
			assert_near(t->lo, want[i].lo, 1e-12);
			assert_near(t->hi, want[i].hi, 1e-12);
		}
	}
	jx_rules_free(r);
	jx_diagnostics_free(d);
}

/* ---- scoring in memory -------------------------------------------------------------- */

/* rate: 60 points, ratio on a fraction; visits: 40 points, excluded when
 * missing. Default grades (优 90, 良 80, 中 60, 差 0). */
static const char two_indicators[] = "jixiao: 1\n"
                                     "ruleset: {id: mem-two, version: \"1\"}\n"
                                     "indicators:\n"
                                     "  - id: rate\n"
                                     "    weight: 60\n"
                                     "    value: s.ok / s.all\n"
                                     "    unit: \"%\"\n"
                                     "    target: \">= 80%\"\n"
                                     "  - id: visits\n"
                                     "    weight: 40\n"
                                     "    value: v.count\n"
                                     "    unit: 人次\n"
                                     "    target: \">= 100 人次\"\n"
                                     "    tolerance: 20%\n"
                                     "    on_missing: exclude\n";

typedef struct {
	jx_rules *rules;
	jx_diagnostics *diags;
	jx_batch *batch;
	jx_result *result;
} fixture;

static int fixture_setup(void **state)
{
	static fixture f;
	memset(&f, 0, sizeof(f));
	if (jx_diagnostics_new(&f.diags) != JX_OK)
		return -1;
	if (load_text(&f.rules, NAME, two_indicators, strlen(two_indicators), f.diags) != JX_OK) {
		print_diags(f.diags);
		return -1;
	}
	if (jx_batch_new(&f.batch, f.rules) != JX_OK)
		return -1;
	*state = &f;
	return 0;
}

static int fixture_teardown(void **state)
{
	fixture *f = *state;
	jx_result_free(f->result);
	jx_batch_free(f->batch);
	jx_rules_free(f->rules);
	jx_diagnostics_free(f->diags);
	return 0;
}

static size_t add(fixture *f, const char *id, double ok, double all, double visits)
{
	size_t row = (size_t)-1;
	assert_int_equal(jx_batch_add_department(&row, f->batch, id, id), JX_OK);
	if (!isnan(ok))
		assert_int_equal(jx_batch_set_number(f->batch, row, "s.ok", ok), JX_OK);
	if (!isnan(all))
		assert_int_equal(jx_batch_set_number(f->batch, row, "s.all", all), JX_OK);
	if (!isnan(visits))
		assert_int_equal(jx_batch_set_number(f->batch, row, "v.count", visits), JX_OK);
	return row;
}

static void score(fixture *f)
{
	jx_score_options opts = {.lenient = 0, .jobs = 0};
	assert_int_equal(jx_score(&f->result, f->rules, f->batch, &opts, f->diags), JX_OK);
	assert_int_equal(jx_result_count(f->result), jx_batch_count(f->batch));
}

static jx_indicator_result ind(const fixture *f, size_t dept, size_t i)
{
	jx_indicator_result out;
	assert_int_equal(jx_result_indicator(&out, f->result, dept, i), JX_OK);
	return out;
}

static jx_dept_info dept(const fixture *f, size_t d)
{
	jx_dept_info out;
	assert_int_equal(jx_result_department(&out, f->result, d), JX_OK);
	return out;
}

static void scores_by_hand(void **state)
{
	fixture *f = *state;
	/* below target: a = 0.6, c = 0.75 -> 45; visits 50 / 100 -> 20; total 65 */
	size_t below = add(f, "below", 60, 100, 50);
	/* overshoot: a = 0.9, c = 1.125 -> capped 60; 150 visits -> 40; total 100 */
	size_t over = add(f, "over", 90, 100, 150);
	/* exactly at target: 80 / 100 = 0.8 -> 60; 100 visits -> 40; total 100 */
	size_t exact = add(f, "exact", 80, 100, 100);
	/* s.all missing: rate missing, 0 points; visits 100 -> 40; total 40 */
	size_t missing = add(f, "missing", 80, NAN, 100);
	/* v.count missing -> excluded: 45 over 60 applicable points -> 75 */
	size_t excluded = add(f, "excluded", 60, 100, NAN);
	/* s.all = 0: division by zero, undefined, 0 points; visits 80 -> 32 */
	size_t zero = add(f, "zero", 0, 0, 80);
	score(f);

	jx_indicator_result r = ind(f, below, 0);
	assert_int_equal(r.status, JX_IND_OK);
	assert_near(r.actual, 0.6, 1e-15);
	assert_near(r.target, 0.8, 1e-15);
	assert_near(r.completion, 0.75, 1e-12);
	assert_near(r.weight, 60, 0);
	assert_near(r.score, 45, TOL);
	r = ind(f, below, 1);
	assert_near(r.score, 20, TOL);
	assert_int_equal(r.needs_note, 1); /* -50% is beyond the 20% tolerance, no note */
	jx_dept_info di = dept(f, below);
	assert_int_equal(di.status, JX_DEPT_SCORED);
	assert_near(di.score, 65, TOL);
	assert_near(di.score_rounded, 65, 0);
	assert_string_equal(di.grade, "中");

	r = ind(f, over, 0);
	assert_near(r.completion, 1.125, 1e-12);
	assert_near(r.score, 60, TOL);
	assert_near(ind(f, over, 1).score, 40, TOL);
	di = dept(f, over);
	assert_near(di.score, 100, TOL);
	assert_string_equal(di.grade, "优");
	assert_int_equal(di.rank, 1);

	r = ind(f, exact, 0);
	assert_near(r.completion, 1, 1e-12);
	assert_near(r.score, 60, TOL);
	assert_int_equal(ind(f, exact, 1).needs_note, 0);
	di = dept(f, exact);
	assert_near(di.score, 100, TOL);
	assert_int_equal(di.rank, 1); /* ties share the best rank */

	r = ind(f, missing, 0);
	assert_int_equal(r.status, JX_IND_MISSING);
	assert_true(isnan(r.actual));
	assert_near(r.score, 0, 0);
	assert_non_null(strstr(r.reason, "s.all"));
	di = dept(f, missing);
	assert_int_equal(di.status, JX_DEPT_SCORED);
	assert_near(di.score, 40, TOL);
	assert_string_equal(di.grade, "差");

	r = ind(f, excluded, 1);
	assert_int_equal(r.status, JX_IND_EXCLUDED);
	assert_near(r.score, 0, 0);
	assert_non_null(strstr(r.reason, "v.count"));
	assert_near(ind(f, excluded, 0).score, 45, TOL);
	di = dept(f, excluded);
	assert_near(di.score, 75, TOL);
	assert_string_equal(di.grade, "中");

	r = ind(f, zero, 0);
	assert_int_equal(r.status, JX_IND_UNDEFINED);
	assert_near(r.score, 0, 0);
	assert_true(isnan(r.completion));
	assert_non_null(strstr(r.reason, "division by zero"));
	assert_near(ind(f, zero, 1).score, 32, TOL);
	assert_near(dept(f, zero).score, 32, TOL);

	/* ranks by total: over 100, exact 100 (1, 1), excluded 75, below 65,
	 * missing 40, zero 32 */
	assert_int_equal(dept(f, excluded).rank, 3);
	assert_int_equal(dept(f, below).rank, 4);
	assert_int_equal(dept(f, missing).rank, 5);
	assert_int_equal(dept(f, zero).rank, 6);
	assert_int_equal(jx_result_rejected_count(f->result), 0);
}

static void text_values_targets_and_notes(void **state)
{
	fixture *f = *state;
	size_t row;
	/* a cell that does not parse rejects the department */
	assert_int_equal(jx_batch_add_department(&row, f->batch, "text", "文本"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "s.ok", "80"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "s.all", "3x3"), JX_EDATA);
	size_t rejected = row;
	assert_int_equal(jx_batch_add_department(&row, f->batch, "text2", "文本二"), JX_OK);
	size_t text2 = row;
	assert_int_equal(jx_batch_set_text(f->batch, row, "s.ok", "1,200"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "s.all", "2,000"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "v.count", "98人次"), JX_OK);
	/* department's own target and note: >= 196 人次 -> c = 0.5, 20 points;
	 * -50% is beyond tolerance, but a note is given */
	assert_int_equal(jx_batch_set_text(f->batch, row, "target.visits", "≥196人次"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "note.visits", "场馆维修"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "no.such.variable", "1"), JX_ENOTFOUND);
	/* 不适用 excludes; a money unit on a 人次 variable rejects */
	assert_int_equal(jx_batch_add_department(&row, f->batch, "na", "不适用"), JX_OK);
	size_t na = row;
	assert_int_equal(jx_batch_set_text(f->batch, row, "s.ok", "3"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "s.all", "4"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "v.count", "不适用"), JX_OK);
	assert_int_equal(jx_batch_add_department(&row, f->batch, "money", "单位错"), JX_OK);
	size_t money = row;
	assert_int_equal(jx_batch_set_text(f->batch, row, "s.ok", "3"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "s.all", "4"), JX_OK);
	assert_int_equal(jx_batch_set_text(f->batch, row, "v.count", "12万元"), JX_EDATA);
	/* a duplicate id is rejected, the first kept */
	assert_int_equal(jx_batch_add_department(&row, f->batch, "text2", "重复"), JX_OK);
	size_t dup = row;
	score(f);

	assert_int_equal(dept(f, rejected).status, JX_DEPT_REJECTED);
	assert_true(isnan(dept(f, rejected).score));
	assert_int_equal(dept(f, rejected).rank, 0);
	assert_non_null(strstr(dept(f, rejected).reason, "s.all"));

	jx_indicator_result r = ind(f, text2, 0);
	assert_near(r.actual, 0.6, 1e-15);
	assert_near(r.score, 45, TOL);
	r = ind(f, text2, 1);
	assert_near(r.actual, 98, 0);
	assert_near(r.target, 196, 0);
	assert_near(r.completion, 0.5, 1e-12);
	assert_near(r.score, 20, TOL);
	assert_int_equal(r.needs_note, 0);
	assert_near(dept(f, text2).score, 65, TOL);

	r = ind(f, na, 1);
	assert_int_equal(r.status, JX_IND_EXCLUDED);
	/* 0.75 / 0.8 = 0.9375 -> 56.25 over 60 -> 93.75 */
	assert_near(dept(f, na).score, 93.75, TOL);
	assert_string_equal(dept(f, na).grade, "优");

	assert_int_equal(dept(f, money).status, JX_DEPT_REJECTED);
	assert_non_null(strstr(dept(f, money).reason, "v.count"));
	assert_int_equal(dept(f, dup).status, JX_DEPT_REJECTED);
	assert_non_null(strstr(dept(f, dup).reason, "duplicate"));
	assert_int_equal(dept(f, text2).status, JX_DEPT_SCORED);
	assert_int_equal(jx_result_rejected_count(f->result), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(unknown_indicator_key),
	    cmocka_unit_test(missing_version_and_wrong_version),
	    cmocka_unit_test(expression_error_column),
	    cmocka_unit_test(target_literal_column),
	    cmocka_unit_test(yaml_syntax_error),
	    cmocka_unit_test(check_rule_column),
	    cmocka_unit_test(weights_must_add_up),
	    cmocka_unit_test(several_errors_reported),
	    cmocka_unit_test(aliases_refused),
	    cmocka_unit_test(indicator_aliases),
	    cmocka_unit_test(impossible_dates_refused),
	    cmocka_unit_test(one_indicator_loads),
	    cmocka_unit_test(method_defaults_and_target_scaling),
	    cmocka_unit_test_setup_teardown(scores_by_hand, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(text_values_targets_and_notes, fixture_setup,
	                                    fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
