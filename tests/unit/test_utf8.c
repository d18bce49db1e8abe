/*
 * test_utf8.c - UTF-8 validation, decoding, display width and character
 * counts (engine/common/utf8.c). Expected values are worked out by hand from
 * the UTF-8 encoding rules (RFC 3629) and East Asian Width.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/utf8.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void valid_texts(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_int_equal(jx_utf8_valid(S(""), &bad), 1);
	assert_int_equal(bad, 0);
	assert_int_equal(jx_utf8_valid(S("abc"), NULL), 1);
	assert_int_equal(jx_utf8_valid(S("岳阳县妇联"), &bad), 1);
	assert_int_equal(bad, 15);
	assert_int_equal(jx_utf8_valid(S("\xF0\x9F\x98\x80"), NULL), 1); /* U+1F600 */
	assert_int_equal(jx_utf8_valid(S("\xF4\x8F\xBF\xBF"), NULL), 1); /* U+10FFFF */
	assert_int_equal(jx_utf8_valid(S("\xEF\xBF\xBD"), NULL), 1);     /* U+FFFD */
	assert_int_equal(jx_utf8_valid(S("a\0b"), NULL), 1);             /* NUL is valid */
}

static void check_invalid(const char *s, size_t len, size_t want_offset)
{
	size_t bad = 99;

	assert_int_equal(jx_utf8_valid(s, len, &bad), 0);
	assert_int_equal(bad, want_offset);
}

static void invalid_texts(void **state)
{
	(void)state;
	check_invalid(S("\xC0\x80"), 0);         /* overlong NUL */
	check_invalid(S("\xC1\xBF"), 0);         /* overlong U+007F */
	check_invalid(S("\xE0\x80\x80"), 0);     /* overlong 3-byte */
	check_invalid(S("\xE0\x9F\xBF"), 0);     /* overlong U+07FF */
	check_invalid(S("\xF0\x8F\xBF\xBF"), 0); /* overlong U+FFFF */
	check_invalid(S("ok\xED\xA0\x80"), 2);   /* surrogate U+D800 */
	check_invalid(S("\xED\xBF\xBF"), 0);     /* surrogate U+DFFF */
	check_invalid(S("\xF4\x90\x80\x80"), 0); /* U+110000 */
	check_invalid(S("\xF5\x80\x80\x80"), 0); /* lead byte beyond F4 */
	check_invalid(S("ab\xE5\xB2"), 2);       /* truncated 岳 */
	check_invalid(S("\xE5\xB2"
	                "a"),
	              0);             /* continuation missing */
	check_invalid(S("x\x80"), 1); /* lone continuation */
	check_invalid(S("\xFF"), 0);
	check_invalid(S("\xFE"), 0);
}

static void check_decode(const char *s, size_t len, size_t want_n, unsigned want_cp)
{
	unsigned cp = 0;

	assert_int_equal(jx_utf8_decode(s, len, &cp), want_n);
	assert_int_equal(cp, want_cp);
}

static void decode(void **state)
{
	(void)state;
	check_decode(S("A"), 1, 0x41);
	check_decode(S("\x7F"), 1, 0x7F);
	check_decode(S("\xC2\x80"), 2, 0x80);
	check_decode(S("\xDF\xBF"), 2, 0x7FF);
	check_decode(S("\xE0\xA0\x80"), 3, 0x800);
	check_decode(S("岳"), 3, 0x5CB3);
	check_decode(S("\xEF\xBF\xBF"), 3, 0xFFFF);
	check_decode(S("\xF0\x90\x80\x80"), 4, 0x10000);
	check_decode(S("\xF4\x8F\xBF\xBF"), 4, 0x10FFFF);
	/* Invalid: 0 and U+FFFD. */
	check_decode(S("\xC0\x80"), 0, 0xFFFD);
	check_decode(S("\xED\xA0\x80"), 0, 0xFFFD);
	check_decode("", 0, 0, 0xFFFD);
	/* Only len bytes are looked at: 岳 cut to two bytes is truncated. */
	check_decode("\xE5\xB2\xB3", 2, 0, 0xFFFD);
	/* cp may be NULL. */
	assert_int_equal(jx_utf8_decode(S("岳"), NULL), 3);
}

static void codepoint_width(void **state)
{
	(void)state;
	assert_int_equal(jx_codepoint_width('a'), 1);
	assert_int_equal(jx_codepoint_width(' '), 1);
	assert_int_equal(jx_codepoint_width('\t'), 0);
	assert_int_equal(jx_codepoint_width(0x00), 0);
	assert_int_equal(jx_codepoint_width(0x7F), 0);
	assert_int_equal(jx_codepoint_width(0x9F), 0);
	assert_int_equal(jx_codepoint_width(0xA0), 1);
	assert_int_equal(jx_codepoint_width(0x0301), 0); /* combining acute */
	assert_int_equal(jx_codepoint_width(0x036F), 0);
	assert_int_equal(jx_codepoint_width(0x0370), 1);
	assert_int_equal(jx_codepoint_width(0x200B), 0); /* zero width space */
	assert_int_equal(jx_codepoint_width(0xFEFF), 0);
	assert_int_equal(jx_codepoint_width(0x10FF), 1);
	assert_int_equal(jx_codepoint_width(0x1100), 2); /* Hangul choseong */
	assert_int_equal(jx_codepoint_width(0x115F), 2);
	assert_int_equal(jx_codepoint_width(0x1160), 0); /* Hangul jungseong */
	assert_int_equal(jx_codepoint_width(0x2E7F), 1);
	assert_int_equal(jx_codepoint_width(0x2E80), 2);
	assert_int_equal(jx_codepoint_width(0x3000), 2); /* ideographic space */
	assert_int_equal(jx_codepoint_width(0x3001), 2); /* 、 */
	assert_int_equal(jx_codepoint_width(0x303E), 2);
	assert_int_equal(jx_codepoint_width(0x303F), 1);
	assert_int_equal(jx_codepoint_width(0x3099), 0); /* combining kana voicing */
	assert_int_equal(jx_codepoint_width(0x4E00), 2); /* 一 */
	assert_int_equal(jx_codepoint_width(0x9FFF), 2);
	assert_int_equal(jx_codepoint_width(0xA4CF), 2);
	assert_int_equal(jx_codepoint_width(0xA4D0), 1);
	assert_int_equal(jx_codepoint_width(0xAC00), 2); /* 가 */
	assert_int_equal(jx_codepoint_width(0xD7A3), 2);
	assert_int_equal(jx_codepoint_width(0xD7A4), 1);
	assert_int_equal(jx_codepoint_width(0xFF05), 2); /* ％ */
	assert_int_equal(jx_codepoint_width(0xFF60), 2);
	assert_int_equal(jx_codepoint_width(0xFF61), 1); /* halfwidth 。 */
	assert_int_equal(jx_codepoint_width(0xFFE6), 2);
	assert_int_equal(jx_codepoint_width(0xFFE7), 1);
	assert_int_equal(jx_codepoint_width(0x20000), 2);
	assert_int_equal(jx_codepoint_width(0x2FFFD), 2);
	assert_int_equal(jx_codepoint_width(0x2FFFE), 1);
	assert_int_equal(jx_codepoint_width(0x3FFFD), 2);
	assert_int_equal(jx_codepoint_width(0xE0100), 0); /* variation selector */
}

static void string_width(void **state)
{
	(void)state;
	assert_int_equal(jx_utf8_width(S("岳阳县妇联")), 10);
	assert_int_equal(jx_utf8_width(S("abc")), 3);
	assert_int_equal(jx_utf8_width(S("")), 0);
	assert_int_equal(jx_utf8_width(S("预算执行率 98.6%")), 16);
	assert_int_equal(jx_utf8_width(S("％")), 2);
	assert_int_equal(jx_utf8_width(S("95％")), 4);
	assert_int_equal(jx_utf8_width(S("e\xCC\x81")), 1); /* e + U+0301 */
	assert_int_equal(jx_utf8_width(S("a\xFF\xFE"
	                                 "b")),
	                 4);                               /* invalid bytes: 1 each */
	assert_int_equal(jx_utf8_width(S("\xE5\xB2")), 2); /* truncated: 2 bytes */
	assert_int_equal(jx_utf8_width(S("a\tb")), 2);
}

static void char_count(void **state)
{
	(void)state;
	assert_int_equal(jx_utf8_chars(S("")), 0);
	assert_int_equal(jx_utf8_chars(S("abc")), 3);
	assert_int_equal(jx_utf8_chars(S("岳阳,")), 3);
	assert_int_equal(jx_utf8_chars(S("岳阳县妇联")), 5);
	assert_int_equal(jx_utf8_chars(S("\xF0\x9F\x98\x80x")), 2);
	assert_int_equal(jx_utf8_chars(S("ab\xFF"
	                                 "c")),
	                 4);
	assert_int_equal(jx_utf8_chars(S("\xE5\xB2")), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_texts),  cmocka_unit_test(invalid_texts),
	    cmocka_unit_test(decode),       cmocka_unit_test(codepoint_width),
	    cmocka_unit_test(string_width), cmocka_unit_test(char_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
