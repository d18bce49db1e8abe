/*
 * test_escape.c - JSON and CSV escaping (engine/output/escape.c). Each test
 * gets a fresh jx_buf from the fixture; expected texts are written out by
 * hand from RFC 8259 (JSON), RFC 4180 (CSV) and the OWASP CSV-injection
 * guidance.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "common/utf8.h"
#include "common/escape.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static int buf_setup(void **state)
{
	jx_buf *b = calloc(1, sizeof(*b));

	if (!b)
		return -1;
	*state = b;
	return 0;
}

static int buf_teardown(void **state)
{
	jx_buf *b = *state;

	jx_buf_free(b);
	free(b);
	return 0;
}

/* Compares the buffer with want (want_len bytes), then empties it. */
static void expect(jx_buf *b, const char *want, size_t want_len)
{
	assert_false(b->failed);
	assert_int_equal(b->len, want_len);
	assert_memory_equal(jx_buf_cstr(b), want, want_len);
	b->len = 0;
}

static void json(jx_buf *b, const char *s, size_t len, const char *want, size_t want_len)
{
	jx_json_string(b, s, len);
	assert_true(jx_utf8_valid(b->data, b->len, NULL));
	expect(b, want, want_len);
}

static void json_plain_and_quotes(void **state)
{
	jx_buf *b = *state;

	json(b, S(""), S("\"\""));
	json(b, S("abc"), S("\"abc\""));
	json(b, S("a\"b"), S("\"a\\\"b\""));
	json(b, S("a\\b"), S("\"a\\\\b\""));
	json(b, S("\"\\\""), S("\"\\\"\\\\\\\"\""));
	json(b, S("a/b"), S("\"a/b\""));       /* '/' needs no escape */
	json(b, S("x\x7Fy"), S("\"x\x7Fy\"")); /* DEL is allowed raw */
}

static void json_control_characters(void **state)
{
	jx_buf *b = *state;

	json(b, S("a\nb"), S("\"a\\u000ab\""));
	json(b, S("\t\r\b\f"), S("\"\\u0009\\u000d\\u0008\\u000c\""));
	json(b, S("\x01\x1F"), S("\"\\u0001\\u001f\""));
	json(b, S("a\0b"), S("\"a\\u0000b\""));
}

static void json_cjk_unchanged(void **state)
{
	jx_buf *b = *state;

	json(b, S("岳阳县妇联"), S("\"岳阳县妇联\""));
	json(b, S("完成率≥95％"), S("\"完成率≥95％\""));
	json(b, S("\xF0\x9F\x98\x80"), S("\"\xF0\x9F\x98\x80\""));
}

#define FFFD "\xEF\xBF\xBD"

static void json_invalid_bytes(void **state)
{
	jx_buf *b = *state;

	json(b,
	     S("a\xFF"
	       "b"),
	     S("\"a" FFFD "b\""));
	json(b, S("\xE5\xB2"), S("\"" FFFD FFFD "\"")); /* truncated 岳 */
	json(b,
	     S("\xE5\xB2"
	       "x"),
	     S("\"" FFFD FFFD "x\""));
	json(b, S("\xC0\x80"), S("\"" FFFD FFFD "\""));          /* overlong NUL */
	json(b, S("\xED\xA0\x80"), S("\"" FFFD FFFD FFFD "\"")); /* surrogate */
	json(b,
	     S("\x80"
	       "岳"),
	     S("\"" FFFD "岳\""));
	/* Only len bytes are read: the cut 岳 is invalid, not completed. */
	json(b, "\xE5\xB2\xB3", 2, S("\"" FFFD FFFD "\""));
}

static void json_appends(void **state)
{
	jx_buf *b = *state;

	jx_buf_puts(b, "{\"name\":");
	jx_json_string(b, S("妇联"));
	jx_buf_putc(b, '}');
	expect(b, S("{\"name\":\"妇联\"}"));
}

static void number(jx_buf *b, double x, const char *want)
{
	jx_json_number(b, x);
	expect(b, want, strlen(want));
}

static void json_numbers(void **state)
{
	jx_buf *b = *state;

	number(b, 10.0, "10");
	number(b, 0.0, "0");
	number(b, -0.0, "0");
	number(b, 0.1, "0.1");
	number(b, -3.5, "-3.5");
	number(b, 98.6, "98.6");
	number(b, 0.1 + 0.2, "0.30000000000000004");
	number(b, 0.35233501425126068, "0.3523350142512607");
	number(b, 1e20, "1e+20");
	number(b, NAN, "null");
	number(b, INFINITY, "null");
	number(b, -INFINITY, "null");
}

static void cell(jx_buf *b, const char *s, size_t len, const char *want, size_t want_len)
{
	jx_csv_cell(b, s, len);
	expect(b, want, want_len);
}

static void csv_plain_and_quoted(void **state)
{
	jx_buf *b = *state;

	cell(b, S(""), S(""));
	cell(b, S("abc"), S("abc"));
	cell(b, S("岳阳县妇联"), S("岳阳县妇联"));
	cell(b, S("a=b"), S("a=b"));
	cell(b, S("98.6%"), S("98.6%"));
	cell(b, S("a b"), S("a b"));
	cell(b, S("a,b"), S("\"a,b\""));
	cell(b, S("say \"hi\""), S("\"say \"\"hi\"\"\""));
	cell(b, S("\""), S("\"\"\"\""));
	cell(b, S("a\nb"), S("\"a\nb\""));
	cell(b, S("a\r\nb"), S("\"a\r\nb\""));
	cell(b, S(" lead"), S("\" lead\""));
	cell(b, S("trail "), S("\"trail \""));
	cell(b, S(" "), S("\" \""));
	cell(b, S("8,832"), S("\"8,832\""));
}

static void csv_formula_injection(void **state)
{
	jx_buf *b = *state;

	cell(b, S("=1+1"), S("'=1+1"));
	cell(b, S("-5"), S("'-5"));
	cell(b, S("+1"), S("'+1"));
	cell(b, S("@SUM(A1:A9)"), S("'@SUM(A1:A9)"));
	cell(b, S("\tx"), S("'\tx"));
	cell(b, S("\rx"), S("\"'\rx\"")); /* CR also needs quotes */
	cell(b, S("=A1,B1"), S("\"'=A1,B1\""));
	cell(b, S("=HYPERLINK(\"x\")"), S("\"'=HYPERLINK(\"\"x\"\")\""));
	cell(b, S("-5 "), S("\"'-5 \""));
	cell(b, S("="), S("'="));
}

static void csv_numbers(void **state)
{
	jx_buf *b = *state;

	jx_csv_number(b, 35.235, 2);
	expect(b, S("35.24"));
	jx_csv_number(b, -3.5, 2); /* engine numbers are never prefixed */
	expect(b, S("-3.50"));
	jx_csv_number(b, -0.001, 2);
	expect(b, S("0.00"));
	jx_csv_number(b, 1.005, 2);
	expect(b, S("1.01"));
	jx_csv_number(b, 87.5, 0);
	expect(b, S("88"));
	jx_csv_number(b, NAN, 2);
	expect(b, S(""));
	jx_csv_number(b, INFINITY, 2);
	expect(b, S(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(json_plain_and_quotes, buf_setup, buf_teardown),
	    cmocka_unit_test_setup_teardown(json_control_characters, buf_setup, buf_teardown),
	    cmocka_unit_test_setup_teardown(json_cjk_unchanged, buf_setup, buf_teardown),
	    cmocka_unit_test_setup_teardown(json_invalid_bytes, buf_setup, buf_teardown),
	    cmocka_unit_test_setup_teardown(json_appends, buf_setup, buf_teardown),
	    cmocka_unit_test_setup_teardown(json_numbers, buf_setup, buf_teardown),
	    cmocka_unit_test_setup_teardown(csv_plain_and_quoted, buf_setup, buf_teardown),
	    cmocka_unit_test_setup_teardown(csv_formula_injection, buf_setup, buf_teardown),
	    cmocka_unit_test_setup_teardown(csv_numbers, buf_setup, buf_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
