/*
 * test_method_params.c - every parameter of every scoring method through
 * the loader and the canonical print (engine/methods/params.c,
 * load/rules_print.c; docs/design.md, "Adding a scoring method").
 *
 * Driven by the registry and the parameter table, so a new method or a new
 * parameter is covered without touching this file: for each method and
 * each parameter it takes, a one-indicator rule set is loaded with the
 * parameter written, printed as `jixiao check --print` prints it, and the
 * print loaded again: same SHA-256 and same print. The same rule set with
 * another value of the parameter must hash differently, and so must the
 * rule set without it: a parameter the print forgot would pass the first
 * check and fail these.
 *
 * The values written come from a few candidates per type (the first that a
 * method accepts), the other parameters a method cannot do without
 * (linear's points, bands, expr) get their first candidate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "jixiao.h"
#include "common/buf.h"
#include "load/load.h"
#include "methods/methods.h"

#define MAX_CANDIDATES 4

/* Values to write for a parameter of each type, none the type's default;
 * every type has two at least, so a change can be tried. */
static const char *const *candidates(jx_param_type type)
{
	static const char *const number[] = {"0.25", "0.5", "2", "0.005", NULL};
	static const char *const boolean[] = {"true", "false", NULL};
	static const char *const points[] = {"[[0, 0], [0.5, 0.4], [1, 1]]", "[[0.5, 0], [1, 1]]",
	                                     NULL};
	static const char *const bands[] = {"[{max: 0.5, fraction: 0.5}, {gt: 0.5, points: 2}]",
	                                    "[{min: 0.8, lt: 1.2, fraction: 1}]", NULL};
	static const char *const on[] = {"value", "completion", NULL};
	static const char *const levels[] = {
	    "{达成: [0.8, 1], 部分达成: {band: [0.6, 0.8], fraction: 0.7}, 未达成: 0.2}",
	    "{达成: 1, 未达成: 0}", NULL};
	static const char *const expr[] = {"min(a, w)", "w * c", NULL};
	static const char *const overshoot[] = {"{above: 1.5, floor: 0.6}", "{above: 2}", NULL};
	switch (type) {
	case JX_PT_NUMBER:
		return number;
	case JX_PT_BOOL:
		return boolean;
	case JX_PT_POINTS:
		return points;
	case JX_PT_BANDS:
		return bands;
	case JX_PT_ON:
		return on;
	case JX_PT_LEVELS:
		return levels;
	case JX_PT_EXPR:
		return expr;
	case JX_PT_OVERSHOOT:
		return overshoot;
	}
	return NULL;
}

/* A method cannot do without parameter q: its check refuses the default. */
static int needed(jx_method_kind kind, int q)
{
	jx_method m;
	jx_method_init(&m, kind);
	return jx_params[q].check && jx_params[q].check(&m) != NULL;
}

/* The rule set: one indicator scored by `kind`, with parameter p written
 * as `value` (p < 0: none) and every other parameter it needs. */
static void rules_text(jx_buf *out, jx_method_kind kind, int p, const char *value)
{
	const jx_method_desc *d = jx_method_desc_of(kind);
	out->len = 0;
	jx_buf_printf(out,
	              "jixiao: 1\n"
	              "ruleset: {id: params, name: 参数, version: \"1\"}\n"
	              "weights: free\n"
	              "indicators:\n"
	              "  - id: x\n"
	              "    weight: 10\n"
	              "    value: v.x\n"
	              "    target: \"%s\"\n"
	              "    method: %s\n",
	              (d->flags & JX_METHOD_WORDS) ? "达成" : ">= 1", d->name);
	for (int q = 0; q < JX_PARAM_COUNT_; q++) {
		if (q == p)
			jx_buf_printf(out, "    \"%s\": %s\n", jx_params[q].key, value);
		else if ((d->params & JX_PARAM_BIT(q)) && needed(kind, q))
			jx_buf_printf(out, "    \"%s\": %s\n", jx_params[q].key,
			              candidates(jx_params[q].type)[0]);
	}
}

/* Loads a rule set from a YAML text in memory. */
static int open_text(jx_rules **r, const char *name, const char *text, size_t len,
                     jx_diagnostics *diags)
{
	jx_rules_options opts = JX_RULES_OPTIONS_INIT;

	opts.text = text;
	opts.text_len = len;
	opts.name = name;
	return jx_rules_open(r, &opts, diags);
}

/* Loads text; the canonical print into print (when not NULL) and the
 * SHA-256 into sha. 0, or -1 when the rules did not load. */
static int load(const char *text, size_t len, jx_buf *print, char sha[65])
{
	jx_diagnostics *diags = NULL;
	jx_rules *r = NULL;
	assert_int_equal(jx_diagnostics_new(&diags), JX_OK);
	int rc = open_text(&r, "params.yaml", text, len, diags);
	jx_diagnostics_free(diags);
	if (rc != JX_OK)
		return -1;
	snprintf(sha, 65, "%s", jx_rules_sha256(r));
	if (print) {
		print->len = 0;
		assert_int_equal(jx_rules_canonical(r, print), JX_OK);
	}
	jx_rules_free(r);
	return 0;
}

/* One parameter of one method: round trip, a change, and its absence. */
static void one_param(jx_method_kind kind, int p)
{
	const char *name = jx_method_name(kind), *key = jx_params[p].key;
	const char *const *values = candidates(jx_params[p].type);
	jx_buf text = {0}, print = {0}, again = {0};
	char sha[MAX_CANDIDATES][65], reloaded[65], without[65];
	int loaded[MAX_CANDIDATES] = {0}, n_loaded = 0, first = -1;

	assert_non_null(values);
	for (int i = 0; values[i] && i < MAX_CANDIDATES; i++) {
		rules_text(&text, kind, p, values[i]);
		loaded[i] = load(jx_buf_cstr(&text), text.len, NULL, sha[i]) == 0;
		if (loaded[i] && first < 0)
			first = i;
		n_loaded += loaded[i];
	}
	if (n_loaded < 2)
		fail_msg("%s: '%s': fewer than two of the test values load", name, key);

	/* load -> print -> load: the same SHA-256, the same print */
	rules_text(&text, kind, p, values[first]);
	assert_int_equal(load(jx_buf_cstr(&text), text.len, &print, sha[first]), 0);
	char line[64];
	snprintf(line, sizeof(line), "\n    %s:", key);
	if (!strstr(jx_buf_cstr(&print), line))
		fail_msg("%s: '%s' is not in the print:\n%s", name, key, jx_buf_cstr(&print));
	if (load(jx_buf_cstr(&print), print.len, &again, reloaded) != 0)
		fail_msg("%s: the print with '%s' does not load:\n%s", name, key,
		         jx_buf_cstr(&print));
	if (strcmp(reloaded, sha[first]) != 0 || strcmp(jx_buf_cstr(&print), jx_buf_cstr(&again)))
		fail_msg("%s: '%s: %s' does not round-trip:\n%s---\n%s", name, key, values[first],
		         jx_buf_cstr(&print), jx_buf_cstr(&again));

	/* another value, and none at all: another SHA-256 */
	for (int i = first + 1; values[i] && i < MAX_CANDIDATES; i++)
		if (loaded[i] && strcmp(sha[i], sha[first]) == 0)
			fail_msg("%s: '%s: %s' and '%s: %s' hash the same", name, key,
			         values[first], key, values[i]);
	rules_text(&text, kind, -1, NULL); /* a needed one is written all the same */
	if (!needed(kind, p) && load(jx_buf_cstr(&text), text.len, NULL, without) == 0 &&
	    strcmp(without, sha[first]) == 0)
		fail_msg("%s: '%s: %s' hashes as the default", name, key, values[first]);
	jx_buf_free(&text);
	jx_buf_free(&print);
	jx_buf_free(&again);
}

static void every_parameter_round_trips(void **state)
{
	int tried = 0;
	(void)state;
	for (int k = 0; k < JX_METHOD_COUNT_; k++) {
		const jx_method_desc *d = jx_method_desc_of((jx_method_kind)k);
		for (int p = 0; p < JX_PARAM_COUNT_; p++) {
			if ((d->params | d->params_if_set) & JX_PARAM_BIT(p)) {
				one_param((jx_method_kind)k, p);
				tried++;
			}
		}
	}
	assert_true(tried >= JX_PARAM_COUNT_);
}

/* Every parameter is some method's; every method has a descriptor at its
 * kind with its name; every comparison has one default method. */
static void registry_is_whole(void **state)
{
	uint32_t taken = 0;
	(void)state;
	for (int k = 0; k < JX_METHOD_COUNT_; k++) {
		const jx_method_desc *d = jx_method_desc_of((jx_method_kind)k);
		assert_non_null(d);
		assert_int_equal(d->kind, k);
		assert_string_equal(d->name, jx_method_name((jx_method_kind)k));
		assert_non_null(d->score);
		if (d->flags & (JX_METHOD_WORDS | JX_METHOD_NUMBER_TARGET))
			assert_non_null(d->target_example);
		taken |= d->params | d->params_if_set;
	}
	for (int p = 0; p < JX_PARAM_COUNT_; p++)
		if (!(taken & JX_PARAM_BIT(p)))
			fail_msg("parameter %d ('%s') is no method's", p, jx_params[p].key);
	for (int c = 0; c <= JX_CMP_WORD; c++) {
		int n = 0;
		for (int k = 0; k < JX_METHOD_COUNT_; k++)
			n += (jx_method_desc_of((jx_method_kind)k)->default_for >> c) & 1;
		if (n != 1)
			fail_msg("comparison %d is the default of %d methods", c, n);
	}
	assert_null(jx_method_desc_of(JX_METHOD_COUNT_));
}

/* The lists messages give, from the registry. */
static void names_from_the_registry(void **state)
{
	char buf[256];
	(void)state;
	/* every method, as JX_METHOD_LIST lists them */
#define JX_LISTED_(name, NAME) ", " #name
	static const char listed[] = JX_METHOD_LIST(JX_LISTED_);
#undef JX_LISTED_
	jx_method_names(buf, sizeof(buf), 0, NULL);
	assert_string_equal(buf, listed + 2);
	jx_method_names(buf, sizeof(buf), JX_METHOD_DECLARED, "or");
	assert_string_equal(buf, "ratio, inverse, equal, range, threshold, deduct or grade");
	jx_method_takers(buf, sizeof(buf), JX_PARAM_BIT(JX_PARAM_OVERSHOOT));
	assert_string_equal(buf, "ratio, linear and bands over the completion");
	jx_method_takers(buf, sizeof(buf),
	                 JX_PARAM_BIT(JX_PARAM_POINTS) | JX_PARAM_BIT(JX_PARAM_CURVE));
	assert_string_equal(buf, "linear and deduct");
	/* cut as snprintf cuts, the whole length counted */
	int n = jx_method_takers(buf, 8, JX_PARAM_BIT(JX_PARAM_OVERSHOOT));
	assert_int_equal(n, (int)strlen("ratio, linear and bands over the completion"));
	assert_string_equal(buf, "ratio, ");
}

/* A parameter of another method: an error at its key naming the method,
 * and a note at the same place naming the methods that take it. */
static void misplaced_parameter_names_its_methods(void **state)
{
	static const char yaml[] = "jixiao: 1\n"
	                           "ruleset: {id: t}\n"
	                           "weights: free\n"
	                           "indicators:\n"
	                           "  - id: a\n"
	                           "    weight: 10\n"
	                           "    value: v.a\n"
	                           "    target: \">= 1\"\n"
	                           "    points: 0.2\n";
	jx_diagnostics *d = NULL;
	jx_rules *r = NULL;
	jx_diagnostic dg;
	(void)state;
	assert_int_equal(jx_diagnostics_new(&d), JX_OK);
	assert_int_equal(open_text(&r, "t.yaml", yaml, strlen(yaml), d), JX_ERULES);
	assert_int_equal(jx_diagnostics_error_count(d), 1);
	assert_int_equal(jx_diagnostics_count(d), 2);
	assert_int_equal(jx_diagnostics_get(&dg, d, 0), JX_OK);
	assert_int_equal(dg.severity, JX_SEV_ERROR);
	assert_string_equal(dg.message, "'points' does not apply to method ratio");
	assert_true(dg.line == 9 && dg.col == 13);
	assert_int_equal(jx_diagnostics_get(&dg, d, 1), JX_OK);
	assert_int_equal(dg.severity, JX_SEV_NOTE);
	assert_string_equal(dg.message, "'points' applies only to linear and deduct");
	assert_true(dg.line == 9 && dg.col == 13);
	jx_diagnostics_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(registry_is_whole),
	    cmocka_unit_test(names_from_the_registry),
	    cmocka_unit_test(every_parameter_round_trips),
	    cmocka_unit_test(misplaced_parameter_names_its_methods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
