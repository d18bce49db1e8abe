/*
 * test_locale.c - the library reads and writes numbers the same whatever
 * the caller's locale (docs/api.md, "Locale"). An embedder may call
 * setlocale(LC_ALL, "") and get de_DE, whose decimal point is a comma:
 * strtod would stop at "98.6"'s point and printf write "93,62".
 *
 * The demo batch is loaded, read, scored and written (JSON, CSV, long CSV,
 * text, explain, the canonical rules) in the C locale, then all again under
 * de_DE.UTF-8 — also with a department built through jx_batch_set_text and
 * a rule set with fractional weights and targets — and every byte must be
 * the same.
 *
 * de_DE.UTF-8 must exist: scripts/setup-deps.sh generates it (Debian's
 * `locales` package and localedef). Without it the test fails, saying so.
 * Uses only include/jixiao.h.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

#ifndef JX_SOURCE_DIR
#define JX_SOURCE_DIR "."
#endif

#define RULES JX_SOURCE_DIR "/indicators/yueyang-women-federation"
#define DEMO  JX_SOURCE_DIR "/fixtures/demo/departments.csv"

static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			failures++;                                                                \
			fprintf(stderr, "test_locale: FAIL: " __VA_ARGS__);                        \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

/* A rule set whose numbers all have a decimal point somewhere: weights,
 * targets, tolerances, an expression's constants. */
static const char fractional_rules[] = "jixiao: 1\n"
                                       "ruleset: {id: frac, name: 小数, version: \"1.5\"}\n"
                                       "indicators:\n"
                                       "  - id: rate\n"
                                       "    name: 执行率\n"
                                       "    weight: 62.5\n"
                                       "    value: spent / budget\n"
                                       "    target: \">= 92.5%\"\n"
                                       "    tolerance: 0.5\n"
                                       "  - id: count\n"
                                       "    name: 次数\n"
                                       "    weight: 37.5\n"
                                       "    value: events * 1.25\n"
                                       "    target: \">= 12.5\"\n";

/* What one run writes, every document concatenated. */
typedef struct {
	char *text;
	size_t len;
} output;

static void append(output *o, const char *s, size_t n)
{
	char *grown = realloc(o->text, o->len + n + 1);
	if (!grown) {
		fprintf(stderr, "test_locale: out of memory\n");
		exit(1);
	}
	memcpy(grown + o->len, s, n);
	o->len += n;
	grown[o->len] = '\0';
	o->text = grown;
}

/* The library writes through callbacks (jx_write_fn): into an output. */
static int append_piece(void *ctx, const char *data, size_t len)
{
	append(ctx, data, len);
	return 0;
}

/* Appends what fn writes. */
static void append_stream(output *o, int (*fn)(const void *, output *), const void *arg)
{
	CHECK(fn(arg, o) == JX_OK, "writing failed");
}

static int print_rules(const void *rules, output *o)
{
	return jx_rules_write(rules, append_piece, o);
}

static int explain_first(const void *res, output *o)
{
	return jx_result_explain(res, 0, NULL, append_piece, o);
}

static void append_result(output *o, const jx_result *res)
{
	static const jx_format formats[] = {JX_FORMAT_JSON, JX_FORMAT_CSV, JX_FORMAT_CSV_LONG,
	                                    JX_FORMAT_TEXT};
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char *text = NULL;
		size_t len = 0;
		CHECK(jx_result_write_buffer(&text, &len, res, formats[i]) == JX_OK,
		      "jx_result_write_buffer, format %d", (int)formats[i]);
		if (text)
			append(o, text, len);
		jx_free(text);
	}
	char *dept = NULL;
	size_t len = 0;
	CHECK(jx_result_write_department(&dept, &len, res, 0, 0) == JX_OK,
	      "jx_result_write_department");
	if (dept)
		append(o, dept, len);
	jx_free(dept);
	append_stream(o, explain_first, res);
}

/* The demo batch under the shipped rules, with one department more built
 * in memory from texts as a department writes them. */
static void run_demo(output *o)
{
	jx_rules *rules = NULL;
	jx_batch *batch = NULL;
	jx_result *res = NULL;
	CHECK(jx_rules_load(&rules, RULES, NULL) == JX_OK, "loading %s", RULES);
	if (!rules)
		return;
	append(o, jx_rules_sha256(rules), strlen(jx_rules_sha256(rules)));
	append_stream(o, print_rules, rules);
	CHECK(jx_batch_new(&batch, rules) == JX_OK, "jx_batch_new");
	CHECK(jx_batch_read_file(batch, DEMO, NULL, NULL) == JX_OK, "reading %s", DEMO);
	size_t row = 0;
	CHECK(jx_batch_add_department(&row, batch, "built", "内存中") == JX_OK, "add");
	CHECK(jx_batch_set_text(batch, row, "spend.total", "236.74万元") == JX_OK, "set_text");
	CHECK(jx_batch_set_text(batch, row, "satisfaction.rate", "98.6%") == JX_OK, "set_text");
	CHECK(jx_batch_set_number(batch, row, "mediation.accepted", 4561.5) == JX_OK, "set_number");
	jx_score_options opts = {.jobs = 2};
	CHECK(jx_score(&res, rules, batch, &opts, NULL) == JX_OK, "jx_score");
	if (res)
		append_result(o, res);
	jx_result_free(res);
	jx_batch_free(batch);
	jx_rules_free(rules);
}

static void run_fractional(output *o)
{
	static const char csv[] = "dept_id,dept_name,spent,budget,events,note.rate\n"
	                          "a,甲,92.75,100.5,10.5,\n"
	                          "b,乙,\"1,234.5\",\"1,500.25\",9.75,偏差说明\n"
	                          "c,丙,0.5,1.5,12,\n";
	jx_rules *rules = NULL;
	jx_batch *batch = NULL;
	jx_result *res = NULL;
	jx_rules_options ro = JX_RULES_OPTIONS_INIT;
	ro.text = fractional_rules;
	ro.text_len = sizeof(fractional_rules) - 1;
	ro.name = "frac.yaml";
	CHECK(jx_rules_open(&rules, &ro, NULL) == JX_OK, "loading the fractional rules");
	if (!rules)
		return;
	append(o, jx_rules_sha256(rules), strlen(jx_rules_sha256(rules)));
	append_stream(o, print_rules, rules);
	CHECK(jx_batch_new(&batch, rules) == JX_OK, "jx_batch_new");
	CHECK(jx_batch_read_buffer(batch, "frac.csv", "csv", csv, sizeof(csv) - 1, NULL) == JX_OK,
	      "reading frac.csv");
	CHECK(jx_score(&res, rules, batch, NULL, NULL) == JX_OK, "jx_score");
	if (res)
		append_result(o, res);
	jx_result_free(res);
	jx_batch_free(batch);
	jx_rules_free(rules);
}

static void run_all(output *o)
{
	run_demo(o);
	run_fractional(o);
}

/* Where two outputs first differ, with some text around it. */
static void show_difference(const output *a, const output *b)
{
	size_t i = 0;
	while (i < a->len && i < b->len && a->text[i] == b->text[i])
		i++;
	size_t from = i > 60 ? i - 60 : 0;
	fprintf(stderr,
	        "test_locale: first difference at byte %zu:\n  C:     %.120s\n  de_DE: %.120s\n", i,
	        a->text + from, b->text + from);
}

int main(void)
{
	output c = {0}, de = {0};
	run_all(&c);
	CHECK(c.len > 10000, "the C-locale run wrote only %zu bytes", c.len);
	CHECK(c.text && strstr(c.text, "\"weight\": 62.5"),
	      "the fractional weight is not in the JSON");

	if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
		fprintf(stderr, "test_locale: FAIL: the de_DE.UTF-8 locale is not installed; "
		                "scripts/setup-deps.sh generates it (Debian's locales package)\n");
		return 1;
	}
	char probe[16];
	snprintf(probe, sizeof(probe), "%.1f", 2.5);
	CHECK(strcmp(probe, "2,5") == 0, "de_DE.UTF-8 writes 2.5 as '%s', not '2,5'", probe);

	run_all(&de);
	CHECK(c.len == de.len && memcmp(c.text, de.text, c.len) == 0,
	      "under de_DE.UTF-8 the output differs from the C locale's (%zu and %zu bytes)", c.len,
	      de.len);
	if (c.len != de.len || memcmp(c.text, de.text, c.len < de.len ? c.len : de.len) != 0)
		show_difference(&c, &de);

	/* the caller's locale is left as it was */
	snprintf(probe, sizeof(probe), "%.1f", 2.5);
	CHECK(strcmp(probe, "2,5") == 0, "the library changed the caller's locale");

	free(c.text);
	free(de.text);
	if (failures)
		fprintf(stderr, "test_locale: %d failure(s)\n", failures);
	else
		printf("test_locale: the same %zu bytes in the C locale and under de_DE.UTF-8\n",
		       c.len);
	return failures ? 1 : 0;
}
