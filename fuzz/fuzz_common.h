/*
 * fuzz_common.h - shared checks for the fuzz targets: a strict JSON
 * validator (so NaN/Infinity tokens, bad UTF-8 or unbalanced output abort),
 * scoring a loaded batch and writing every format, and the shipped rule set.
 *
 * Every check that fails calls abort(), which libFuzzer and the standalone
 * driver both report as a crash with the input that caused it.
 */
#ifndef JX_FUZZ_COMMON_H
#define JX_FUZZ_COMMON_H

#include <stdint.h>
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

#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* ---- a strict JSON validator (RFC 8259, UTF-8) ---------------------------- */

typedef struct {
	const unsigned char *p, *end;
	int depth;
} fz_json;

static inline void fz_ws(fz_json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

/* One UTF-8 sequence starting at j->p (not ASCII); 0 when invalid. */
static inline int fz_utf8(fz_json *j)
{
	const unsigned char *s = j->p;
	size_t left = (size_t)(j->end - s);
	unsigned c = s[0], need, min;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3, min = 0x10000;
	else
		return 0;
	if (left <= need)
		return 0;
	unsigned cp = c & (0x3F >> need);
	for (unsigned i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	j->p += need + 1;
	return 1;
}

static inline int fz_string(fz_json *j)
{
	if (j->p >= j->end || *j->p != '"')
		return 0;
	j->p++;
	while (j->p < j->end) {
		unsigned char c = *j->p;
		if (c == '"') {
			j->p++;
			return 1;
		}
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			if (++j->p >= j->end)
				return 0;
			c = *j->p++;
			if (c == 'u') {
				for (int i = 0; i < 4; i++, j->p++)
					if (j->p >= j->end ||
					    !strchr("0123456789abcdefABCDEF", *j->p) || !*j->p)
						return 0;
			} else if (!strchr("\"\\/bfnrt", c) || !c) {
				return 0;
			}
		} else if (c < 0x80) {
			j->p++;
		} else if (!fz_utf8(j)) {
			return 0;
		}
	}
	return 0;
}

static inline int fz_digits(fz_json *j)
{
	const unsigned char *s = j->p;
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s;
}

static inline int fz_number(fz_json *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!fz_digits(j))
		return 0;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!fz_digits(j))
			return 0;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!fz_digits(j))
			return 0;
	}
	return 1;
}

static inline int fz_word(fz_json *j, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return 0;
	j->p += n;
	return 1;
}

static inline int fz_value(fz_json *j)
{
	fz_ws(j);
	if (j->p >= j->end || ++j->depth > 200)
		return 0;
	int ok = 0;
	unsigned char c = *j->p;
	if (c == '{' || c == '[') {
		unsigned char close = c == '{' ? '}' : ']';
		j->p++;
		fz_ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			ok = 1;
		} else {
			for (;;) {
				if (c == '{') {
					fz_ws(j);
					if (!fz_string(j))
						break;
					fz_ws(j);
					if (j->p >= j->end || *j->p++ != ':')
						break;
				}
				if (!fz_value(j))
					break;
				fz_ws(j);
				if (j->p < j->end && *j->p == ',') {
					j->p++;
					continue;
				}
				if (j->p < j->end && *j->p == close) {
					j->p++;
					ok = 1;
				}
				break;
			}
		}
	} else if (c == '"') {
		ok = fz_string(j);
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		ok = fz_number(j);
	} else {
		ok = fz_word(j, "true") || fz_word(j, "false") || fz_word(j, "null");
	}
	j->depth--;
	return ok;
}

/* 1 when text[0..len) is exactly one valid JSON value (surrounding spaces
 * allowed). NaN, Infinity, bare control characters, bad UTF-8: 0. */
static inline int fz_json_valid(const char *text, size_t len)
{
	fz_json j = {(const unsigned char *)text, (const unsigned char *)text + len, 0};
	if (!fz_value(&j))
		return 0;
	fz_ws(&j);
	return j.p == j.end;
}

/* Valid UTF-8 with no NUL (for CSV and text output). */
static inline int fz_utf8_text(const char *text, size_t len)
{
	fz_json j = {(const unsigned char *)text, (const unsigned char *)text + len, 0};
	while (j.p < j.end) {
		if (*j.p == 0)
			return 0;
		if (*j.p < 0x80)
			j.p++;
		else if (!fz_utf8(&j))
			return 0;
	}
	return 1;
}

/* JX_FUZZ_LAX_UTF8=1 in the environment skips the UTF-8 checks on messages,
 * CSV and text (not JSON): for fuzzing past a known, reported bug. */
static inline int fz_lax_utf8(void)
{
	const char *v = getenv("JX_FUZZ_LAX_UTF8");
	return v && *v == '1';
}

/* ---- scoring and writing ---------------------------------------------------- */

/* Writes the result in `format` to memory; checks the call succeeded. */
static inline char *fz_write(const jx_result *res, jx_format format, size_t *len)
{
	char *text = NULL;
	*len = 0;
	FILE *f = open_memstream(&text, len);
	FUZZ_CHECK(f != NULL);
	int rc = jx_result_write(res, format, write_stream, f);
	FUZZ_CHECK(fclose(f) == 0);
	FUZZ_CHECK(rc == JX_OK);
	return text;
}

/* Scores the batch, writes every format and checks the output: JSON is
 * strictly valid, CSV and text are UTF-8, every department is there. */
static inline void fz_score_and_check(const jx_rules *rules, const jx_batch *batch, int all_formats)
{
	jx_diagnostics *d = NULL;
	FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
	jx_result *res = NULL;
	jx_score_options so = {.lenient = 0, .jobs = 1};
	int rc = jx_score(&res, rules, batch, &so, d);
	FUZZ_CHECK(rc == JX_OK);
	FUZZ_CHECK(jx_result_count(res) == jx_batch_count(batch));
	for (size_t i = 0; i < jx_result_count(res); i++) {
		jx_dept_info info;
		FUZZ_CHECK(jx_result_department(&info, res, i) == JX_OK);
		FUZZ_CHECK(info.id && info.name && info.grade && info.reason);
		if (info.status == JX_DEPT_REJECTED)
			FUZZ_CHECK(info.reason[0] != '\0');
	}
	size_t len;
	char *json = fz_write(res, JX_FORMAT_JSON, &len);
	if (!fz_json_valid(json, len)) {
		fprintf(stderr, "invalid JSON output:\n%.*s\n", (int)(len > 4000 ? 4000 : len),
		        json);
		abort();
	}
	free(json);
	if (all_formats) {
		const jx_format others[] = {JX_FORMAT_CSV, JX_FORMAT_CSV_LONG, JX_FORMAT_TEXT};
		for (size_t k = 0; k < sizeof(others) / sizeof(others[0]); k++) {
			char *out = fz_write(res, others[k], &len);
			if (!fz_lax_utf8() && !fz_utf8_text(out, len)) {
				fprintf(stderr, "format %d output is not UTF-8 text:\n%.*s\n",
				        (int)others[k], (int)(len > 4000 ? 4000 : len), out);
				abort();
			}
			free(out);
		}
	}
	jx_result_free(res);
	jx_diagnostics_free(d);
}

/* Every diagnostic is printable and its message valid UTF-8; a failed call
 * left at least one error. */
static inline void fz_check_diags(const jx_diagnostics *d, int failed)
{
	size_t n = jx_diagnostics_count(d);
	if (failed)
		FUZZ_CHECK(jx_diagnostics_error_count(d) > 0);
	for (size_t i = 0; i < n; i++) {
		jx_diagnostic g;
		FUZZ_CHECK(jx_diagnostics_get(&g, d, i) == JX_OK);
		FUZZ_CHECK(g.file && g.message && g.message[0]);
		FUZZ_CHECK(fz_lax_utf8() || fz_utf8_text(g.message, strlen(g.message)));
		FUZZ_CHECK(g.line >= 0 && g.col >= 0);
	}
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	FUZZ_CHECK(f != NULL);
	jx_diagnostics_write(d, write_stream, f);
	fclose(f);
	free(text);
}

/* The shipped rule set, loaded once and kept for the whole run. */
static inline const jx_rules *fz_shipped_rules(void)
{
	static jx_rules *rules;
	if (!rules) {
		jx_diagnostics *d = NULL;
		FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
		int rc =
		    jx_rules_load(&rules, JX_SOURCE_DIR "/indicators/yueyang-women-federation", d);
		if (rc != JX_OK)
			jx_diagnostics_write(d, write_stream, stderr);
		FUZZ_CHECK(rc == JX_OK);
		jx_diagnostics_free(d);
	}
	return rules;
}

#endif
