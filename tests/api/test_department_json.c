/*
 * test_department_json.c - jx_result_write_department gives one department's
 * object exactly as the JSON document writes it inside "departments": for
 * every department of the demo batch (with excluded, missing and undefined
 * indicators) and one rejected for a wrong unit, the object indented as the document indents it is
 * found in the document, in order; with JX_DEPT_OMIT_RANK only the "rank"
 * line is gone; bad arguments are JX_EINVAL with *out NULL.
 *
 * Uses only include/jixiao.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

/* The library writes through callbacks (include/jixiao.h, jx_write_fn). */
static int write_stream(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

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
			fprintf(stderr, "test_department_json: FAIL: " __VA_ARGS__);               \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

/* text with `pad` spaces before every line, and without its last newline:
 * how the document writes an object nested two levels down */
static char *indent(const char *text, size_t pad)
{
	size_t lines = 1;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	char *out = malloc(strlen(text) + lines * pad + 1);
	if (!out)
		return NULL;
	char *o = out;
	int at_start = 1;
	for (const char *p = text; *p; p++) {
		if (at_start && *p != '\n') {
			memset(o, ' ', pad);
			o += pad;
		}
		at_start = *p == '\n';
		*o++ = *p;
	}
	if (o > out && o[-1] == '\n')
		o--;
	*o = '\0';
	return out;
}

/* text without its line holding "rank": ... */
static char *drop_rank_line(const char *text)
{
	char *out = strdup(text);
	char *at = out ? strstr(out, "\"rank\": ") : NULL;
	if (!at)
		return out;
	while (at > out && at[-1] != '\n')
		at--;
	char *end = strchr(at, '\n');
	memmove(at, end + 1, strlen(end + 1) + 1);
	return out;
}

int main(void)
{
	jx_diagnostics *diags = NULL;
	jx_rules *rules = NULL;
	jx_batch *batch = NULL;
	jx_result *res = NULL;
	char *doc = NULL;
	size_t bad;
	if (jx_diagnostics_new(&diags) != JX_OK || jx_rules_load(&rules, RULES, diags) != JX_OK ||
	    jx_batch_new(&batch, rules) != JX_OK ||
	    jx_batch_read_file(batch, DEMO, NULL, diags) != JX_OK ||
	    jx_batch_add_department(&bad, batch, "bad-unit", "单位不符") != JX_OK ||
	    jx_batch_set_text(batch, bad, "spend.total", "12 亩") != JX_EDATA ||
	    jx_score(&res, rules, batch, NULL, diags) != JX_OK ||
	    jx_result_write_buffer(&doc, NULL, res, JX_FORMAT_JSON) != JX_OK) {
		jx_diagnostics_write(diags, write_stream, stderr);
		fprintf(stderr, "test_department_json: cannot score the demo batch\n");
		return 1;
	}
	size_t n = jx_result_count(res);
	CHECK(n == 36, "%zu departments, expected 36", n);
	CHECK(jx_result_rejected_count(res) == 1, "the department with a wrong unit is rejected");

	const char *from = doc;
	for (size_t d = 0; d < n; d++) {
		char *one = NULL, *bare = NULL;
		size_t len = 0, bare_len = 0;
		int rc = jx_result_write_department(&one, &len, res, d, 0);
		CHECK(rc == JX_OK && one && len == strlen(one), "department %zu: rc %d", d, rc);
		if (rc != JX_OK || !one)
			continue;
		CHECK(one[0] == '{' && len > 2 && one[len - 2] == '}' && one[len - 1] == '\n',
		      "department %zu: not one object and a newline", d);
		char *nested = indent(one, 4);
		const char *at = nested ? strstr(from, nested) : NULL;
		CHECK(at != NULL, "department %zu: its object is not in the document, in order", d);
		if (at)
			from = at + strlen(nested);

		rc = jx_result_write_department(&bare, &bare_len, res, d, JX_DEPT_OMIT_RANK);
		char *want = drop_rank_line(one);
		CHECK(rc == JX_OK && bare && want && strcmp(bare, want) == 0 &&
		          bare_len == strlen(want) && !strstr(bare, "\"rank\""),
		      "department %zu: JX_DEPT_OMIT_RANK is more than the rank line gone", d);
		free(want);
		free(nested);
		jx_free(one);
		jx_free(bare);
	}

	char *out = (char *)"x";
	size_t len = 7;
	CHECK(jx_result_write_department(&out, &len, res, n, 0) == JX_EINVAL && !out && len == 0,
	      "dept out of range");
	out = (char *)"x";
	CHECK(jx_result_write_department(&out, NULL, res, 0, 2u) == JX_EINVAL && !out,
	      "unknown flag");
	out = (char *)"x";
	CHECK(jx_result_write_department(&out, NULL, NULL, 0, 0) == JX_EINVAL && !out,
	      "NULL result");
	CHECK(jx_result_write_department(NULL, NULL, res, 0, 0) == JX_EINVAL, "NULL out");

	jx_free(doc);
	jx_result_free(res);
	jx_batch_free(batch);
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	if (failures)
		return 1;
	printf("test_department_json: %zu departments, all passed\n", n);
	return 0;
}
