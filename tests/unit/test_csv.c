/*
 * test_csv.c - the RFC 4180 reader (engine/load/csv.c).
 *
 * Every input is copied into a malloc'd block of exactly its length, with no
 * NUL after it, so AddressSanitizer catches any read past the end. Line and
 * column expectations are counted by hand (columns in characters, 1-based).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load/csv.h"

#define MAX_FIELDS 4

typedef struct {
	char *copy; /* the input, exactly len bytes */
	jx_csv_reader r;
	jx_csv_field f[MAX_FIELDS];
	size_t n;
	char scratch[64];
	size_t scratch_size; /* how much of scratch the reader may use */
	jx_csv_error err;
} csv_fixture;

static int fx_setup(void **state)
{
	csv_fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	fx->scratch_size = sizeof(fx->scratch);
	*state = fx;
	return 0;
}

static int fx_teardown(void **state)
{
	csv_fixture *fx = *state;

	free(fx->copy);
	free(fx);
	return 0;
}

static void load(csv_fixture *fx, const char *text, size_t len)
{
	free(fx->copy);
	fx->copy = malloc(len ? len : 1);
	assert_non_null(fx->copy);
	memcpy(fx->copy, text, len);
	jx_csv_init(&fx->r, fx->copy, len);
}
#define LOAD(fx, lit) load((fx), (lit), sizeof(lit) - 1)

static jx_csv_status next(csv_fixture *fx)
{
	return jx_csv_next(&fx->r, fx->f, MAX_FIELDS, &fx->n, fx->scratch, fx->scratch_size,
	                   &fx->err);
}

static void expect_record(csv_fixture *fx, size_t n)
{
	assert_int_equal(next(fx), JX_CSV_RECORD);
	assert_int_equal(fx->n, n);
}

static void expect_end(csv_fixture *fx)
{
	assert_int_equal(next(fx), JX_CSV_END);
	assert_int_equal(fx->n, 0);
}

static void expect_error(csv_fixture *fx, int line, int col, const char *message)
{
	assert_int_equal(next(fx), JX_CSV_ERROR);
	assert_string_equal(fx->err.message, message);
	assert_int_equal(fx->err.line, line);
	assert_int_equal(fx->err.col, col);
}

static void expect_field(csv_fixture *fx, size_t i, const char *text, int line, int col, int quoted)
{
	const jx_csv_field *f = &fx->f[i];
	size_t len = strlen(text);

	assert_int_equal(f->len, len);
	if (len > 0)
		assert_memory_equal(f->data, text, len);
	assert_int_equal(f->line, line);
	assert_int_equal(jx_csv_col(f), col);
	assert_int_equal(f->quoted, quoted);
}

static int in_scratch(const csv_fixture *fx, const char *p)
{
	return p >= fx->scratch && p < fx->scratch + sizeof(fx->scratch);
}

static void simple_records(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "a,bb,c\n1,2,3\n");
	expect_record(fx, 3);
	expect_field(fx, 0, "a", 1, 1, 0);
	expect_field(fx, 1, "bb", 1, 3, 0);
	expect_field(fx, 2, "c", 1, 6, 0);
	assert_ptr_equal(fx->f[1].data, fx->copy + 2); /* a span into the input */
	expect_record(fx, 3);
	expect_field(fx, 0, "1", 2, 1, 0);
	expect_field(fx, 2, "3", 2, 5, 0);
	expect_end(fx);
	expect_end(fx); /* END again, no read past the end */
}

static void trailing_newline_or_not(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "a,b\n1,2");
	expect_record(fx, 2);
	expect_record(fx, 2);
	expect_field(fx, 1, "2", 2, 3, 0);
	expect_end(fx);

	LOAD(fx, "a,b\n1,2\n\n\n");
	expect_record(fx, 2);
	expect_record(fx, 2);
	expect_end(fx);
}

static void header_only_and_empty(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "dept_id,dept_name\n");
	expect_record(fx, 2);
	expect_field(fx, 1, "dept_name", 1, 9, 0);
	expect_end(fx);

	LOAD(fx, "");
	expect_end(fx);
	LOAD(fx, "\n\r\n\r");
	expect_end(fx);
	jx_csv_init(&fx->r, NULL, 0);
	expect_end(fx);
}

static void quoted_commas_and_quotes(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "\"a,b\",c\n");
	expect_record(fx, 2);
	expect_field(fx, 0, "a,b", 1, 1, 1);
	assert_ptr_equal(fx->f[0].data, fx->copy + 1); /* no "" : still a span */
	expect_field(fx, 1, "c", 1, 7, 0);

	LOAD(fx, "\"say \"\"hi\"\"\",x");
	expect_record(fx, 2);
	expect_field(fx, 0, "say \"hi\"", 1, 1, 1);
	assert_true(in_scratch(fx, fx->f[0].data));
	expect_field(fx, 1, "x", 1, 14, 0);

	LOAD(fx, "\"\"\"\"");
	expect_record(fx, 1);
	expect_field(fx, 0, "\"", 1, 1, 1);
}

static void fields_share_scratch(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "\"a\"\"b\",\"c\"\"d\"");
	expect_record(fx, 2);
	expect_field(fx, 0, "a\"b", 1, 1, 1);
	expect_field(fx, 1, "c\"d", 1, 8, 1);
	assert_ptr_equal(fx->f[0].data, fx->scratch);
	assert_ptr_equal(fx->f[1].data, fx->scratch + 3);

	fx->scratch_size = 3;
	LOAD(fx, "\"a\"\"bc\",x\nnext");
	expect_error(fx, 1, 1, "quoted field does not fit the scratch buffer");
	expect_record(fx, 1);
	expect_field(fx, 0, "next", 2, 1, 0);
}

static void embedded_newlines(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "a,\"x\ny\",b\nc,d\n");
	expect_record(fx, 3);
	expect_field(fx, 0, "a", 1, 1, 0);
	expect_field(fx, 1, "x\ny", 1, 3, 1);
	expect_field(fx, 2, "b", 2, 4, 0);
	expect_record(fx, 2);
	expect_field(fx, 0, "c", 3, 1, 0);

	LOAD(fx, "\"x\r\ny\",b\r\nc");
	expect_record(fx, 2);
	expect_field(fx, 0, "x\r\ny", 1, 1, 1); /* the raw line end is kept */
	expect_field(fx, 1, "b", 2, 4, 0);
	expect_record(fx, 1);
	expect_field(fx, 0, "c", 3, 1, 0);

	LOAD(fx, "\"x\ry\n\nz\",b\rc");
	expect_record(fx, 2);
	expect_field(fx, 1, "b", 4, 4, 0);
	expect_record(fx, 1);
	expect_field(fx, 0, "c", 5, 1, 0);
}

static void bom(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "\xEF\xBB\xBFid,name\n");
	expect_record(fx, 2);
	expect_field(fx, 0, "id", 1, 1, 0);
	expect_field(fx, 1, "name", 1, 4, 0);
	expect_end(fx);

	LOAD(fx, "\xEF\xBB\xBF");
	expect_end(fx);
	LOAD(fx, "\xEF\xBB");
	expect_record(fx, 1);
	expect_field(fx, 0, "\xEF\xBB", 1, 1, 0);

	LOAD(fx, "a\n\xEF\xBB\xBF"
	         "b"); /* only at the very start */
	expect_record(fx, 1);
	expect_record(fx, 1);
	expect_field(fx, 0,
	             "\xEF\xBB\xBF"
	             "b",
	             2, 1, 0);
}

static void line_ends(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "a,b\r\nc,d\r\n");
	expect_record(fx, 2);
	expect_field(fx, 1, "b", 1, 3, 0);
	expect_record(fx, 2);
	expect_field(fx, 1, "d", 2, 3, 0);
	expect_end(fx);

	LOAD(fx, "a\rb\r\rc\n\r\nd\r");
	expect_record(fx, 1);
	expect_field(fx, 0, "a", 1, 1, 0);
	expect_record(fx, 1);
	expect_field(fx, 0, "b", 2, 1, 0);
	expect_record(fx, 1);
	expect_field(fx, 0, "c", 4, 1, 0);
	expect_record(fx, 1);
	expect_field(fx, 0, "d", 6, 1, 0);
	expect_end(fx);
}

static void blank_lines_skipped(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "\n\na\n\n\nb");
	expect_record(fx, 1);
	expect_field(fx, 0, "a", 3, 1, 0);
	expect_record(fx, 1);
	expect_field(fx, 0, "b", 6, 1, 0);
	expect_end(fx);

	LOAD(fx, " \n"); /* spaces make a record */
	expect_record(fx, 1);
	expect_field(fx, 0, " ", 1, 1, 0);
	expect_end(fx);
}

static void empty_fields(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, ",,\n");
	expect_record(fx, 3);
	expect_field(fx, 0, "", 1, 1, 0);
	expect_field(fx, 1, "", 1, 2, 0);
	expect_field(fx, 2, "", 1, 3, 0);
	expect_end(fx);

	LOAD(fx, "a,,\"\"");
	expect_record(fx, 3);
	expect_field(fx, 1, "", 1, 3, 0);
	expect_field(fx, 2, "", 1, 4, 1); /* quoted empty */

	LOAD(fx, "\"\"\n");
	expect_record(fx, 1);
	expect_field(fx, 0, "", 1, 1, 1);

	LOAD(fx, "a,");
	expect_record(fx, 2);
	expect_field(fx, 1, "", 1, 3, 0);
}

static void ragged_rows(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "a,b,c,d,e,f,g,h,i,j\n1,2\n");
	expect_record(fx, 10); /* the real count, though 4 are stored */
	expect_field(fx, 3, "d", 1, 7, 0);
	expect_record(fx, 2);
	expect_field(fx, 1, "2", 2, 3, 0);

	/* Unstored quoted fields need no scratch. */
	fx->scratch_size = 0;
	LOAD(fx, "1,2,3,4,\"x\"\"y\",\"z\nz\",7\nnext");
	expect_record(fx, 7);
	expect_field(fx, 3, "4", 1, 7, 0);
	expect_record(fx, 1);
	expect_field(fx, 0, "next", 3, 1, 0);

	/* Counting only. */
	LOAD(fx, "a,b,c");
	assert_int_equal(jx_csv_next(&fx->r, NULL, 0, &fx->n, NULL, 0, NULL), JX_CSV_RECORD);
	assert_int_equal(fx->n, 3);
}

static void unterminated_quote(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "id,name\n1,\"abc\n2,def\n");
	expect_record(fx, 2);
	expect_error(fx, 2, 3, "unterminated quoted field");
	expect_record(fx, 2); /* resync on the next line */
	expect_field(fx, 0, "2", 3, 1, 0);
	expect_field(fx, 1, "def", 3, 3, 0);
	expect_end(fx);

	LOAD(fx, "a,\"bc");
	expect_error(fx, 1, 3, "unterminated quoted field");
	expect_end(fx);

	LOAD(fx, "\"a\"\""); /* the "" is an escape, then the input ends */
	expect_error(fx, 1, 1, "unterminated quoted field");
	expect_end(fx);

	LOAD(fx, "\"");
	expect_error(fx, 1, 1, "unterminated quoted field");
	expect_end(fx);
}

static void text_after_closing_quote(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "\"ab\"c,d\nx\n");
	expect_error(fx, 1, 5, "unexpected text after closing quote");
	expect_record(fx, 1);
	expect_field(fx, 0, "x", 2, 1, 0);

	LOAD(fx, "ok,\"a\nb\" ,c\nx");
	expect_error(fx, 2, 3, "unexpected text after closing quote");
	expect_record(fx, 1);
	expect_field(fx, 0, "x", 3, 1, 0);

	/* Several errors in one file, then good records. */
	LOAD(fx, "\"a\"b\n\"c\"d\nok\n");
	expect_error(fx, 1, 4, "unexpected text after closing quote");
	expect_error(fx, 2, 4, "unexpected text after closing quote");
	expect_record(fx, 1);
	expect_field(fx, 0, "ok", 3, 1, 0);
	expect_end(fx);
}

static void lenient_inner_quote(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "5\" screen,x");
	expect_record(fx, 2);
	expect_field(fx, 0, "5\" screen", 1, 1, 0);
	expect_field(fx, 1, "x", 1, 11, 0);
}

static void nul_bytes(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "a,b\0c\nx");
	expect_error(fx, 1, 4, "NUL byte in field");
	expect_record(fx, 1);
	expect_field(fx, 0, "x", 2, 1, 0);

	LOAD(fx, "\"a\nb\0\"\nx");
	expect_error(fx, 2, 2, "NUL byte in field");
	expect_record(fx, 1);
	expect_field(fx, 0, "x", 3, 1, 0);
}

static void field_too_long(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "abcd,abcde\nx");
	fx->r.max_field = 4;
	expect_error(fx, 1, 6, "field too long");
	expect_record(fx, 1);
	expect_field(fx, 0, "x", 2, 1, 0);

	LOAD(fx, "\"ab\"\"cd\"\n\"abcd\"");
	fx->r.max_field = 4;
	expect_error(fx, 1, 1, "field too long"); /* ab"cd is 5 bytes */
	expect_record(fx, 1);
	expect_field(fx, 0, "abcd", 2, 1, 1);

	LOAD(fx, "\"ab\"\"cd\"");
	fx->r.max_field = 5;
	expect_record(fx, 1);
	expect_field(fx, 0, "ab\"cd", 1, 1, 1);
}

static void cjk_columns(void **state)
{
	csv_fixture *fx = *state;

	LOAD(fx, "岳阳,98.6%,x\n");
	expect_record(fx, 3);
	expect_field(fx, 0, "岳阳", 1, 1, 0);
	expect_field(fx, 1, "98.6%", 1, 4, 0);
	expect_field(fx, 2, "x", 1, 10, 0);

	LOAD(fx, "\"岳\n阳\",x");
	expect_record(fx, 2);
	expect_field(fx, 1, "x", 2, 4, 0);

	LOAD(fx, "县妇联,\"a\"b");
	expect_error(fx, 1, 8, "unexpected text after closing quote");
}

static void slice_of_larger_buffer(void **state)
{
	csv_fixture *fx = *state;
	static const char text[] = "a,b\nc,d\nNOT PART OF THE SLICE";

	load(fx, text, 7); /* "a,b\nc,d" */
	expect_record(fx, 2);
	expect_record(fx, 2);
	expect_field(fx, 1, "d", 2, 3, 0);
	expect_end(fx);

	/* Each input ends right where a look-ahead would happen. */
	LOAD(fx, "\"ab\"");
	expect_record(fx, 1);
	expect_field(fx, 0, "ab", 1, 1, 1);
	LOAD(fx, "a\r");
	expect_record(fx, 1);
	expect_end(fx);
	LOAD(fx, "\"a\r");
	expect_error(fx, 1, 1, "unterminated quoted field");
	expect_end(fx);
	LOAD(fx, "\xE5\xB2");
	expect_record(fx, 1);
	expect_field(fx, 0, "\xE5\xB2", 1, 1, 0);
}

static void bad_arguments(void **state)
{
	csv_fixture *fx = *state;
	size_t n;

	assert_int_equal(jx_csv_next(NULL, fx->f, MAX_FIELDS, &n, NULL, 0, &fx->err), JX_CSV_ERROR);
	assert_string_equal(fx->err.message, "invalid argument");
	LOAD(fx, "a");
	assert_int_equal(jx_csv_next(&fx->r, NULL, 2, &n, NULL, 0, NULL), JX_CSV_ERROR);
	assert_int_equal(jx_csv_next(&fx->r, fx->f, MAX_FIELDS, NULL, NULL, 0, NULL), JX_CSV_ERROR);
	expect_record(fx, 1); /* nothing consumed by the bad calls */
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    TEST(simple_records),
	    TEST(trailing_newline_or_not),
	    TEST(header_only_and_empty),
	    TEST(quoted_commas_and_quotes),
	    TEST(fields_share_scratch),
	    TEST(embedded_newlines),
	    TEST(bom),
	    TEST(line_ends),
	    TEST(blank_lines_skipped),
	    TEST(empty_fields),
	    TEST(ragged_rows),
	    TEST(unterminated_quote),
	    TEST(text_after_closing_quote),
	    TEST(lenient_inner_quote),
	    TEST(nul_bytes),
	    TEST(field_too_long),
	    TEST(cjk_columns),
	    TEST(slice_of_larger_buffer),
	    TEST(bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
