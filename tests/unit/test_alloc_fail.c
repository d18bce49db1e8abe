/*
 * test_alloc_fail.c - running out of memory while reading a wide CSV in
 * chunks (engine/load/batch_csv.c, docs/design.md "Memory"): the reader must
 * return JX_ENOMEM and leave nothing behind, wherever the first allocation
 * fails.
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
 * (CMakeLists.txt): every allocation the engine's own object files make goes
 * through the wrappers below, which count them and, once armed, fail the
 * n-th and every later one (memory that has run out stays out). The count
 * of live blocks must come back to where it was after the batch is freed,
 * so a leak fails here too, not only under ASan or valgrind.
 *
 * The same for scoring a file a window at a time (jx_csv_scores_read,
 * engine/api/stream_api.c): wherever memory runs out, nothing leaks and
 * nothing crashes; the call returns JX_ENOMEM, or JX_OK when what failed
 * was only a reason's text (scoring keeps the status without it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unistd.h>

#include "jixiao.h"
#include "load/load.h"

/* Under valgrind, where each read of the input takes a second, a few of the
 * points below are tried (ASan runs them all). */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define UNDER_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef UNDER_VALGRIND
#define UNDER_VALGRIND() 0
#endif

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);

static atomic_long allocations; /* calls since armed */
static atomic_long live;        /* blocks handed out and not freed */
static atomic_long fail_from;   /* the first call to fail; 0: none */
static atomic_int injected;     /* a call was failed */

static int should_fail(void)
{
	long n = atomic_fetch_add(&allocations, 1) + 1;
	long from = atomic_load(&fail_from);
	if (from > 0 && n >= from) {
		atomic_store(&injected, 1);
		return 1;
	}
	return 0;
}

void *__wrap_malloc(size_t size)
{
	if (should_fail())
		return NULL;
	void *p = __real_malloc(size);
	if (p)
		atomic_fetch_add(&live, 1);
	return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	void *p = __real_calloc(n, size);
	if (p)
		atomic_fetch_add(&live, 1);
	return p;
}

void *__wrap_realloc(void *p, size_t size)
{
	if (size == 0 || should_fail())
		return size == 0 ? (__wrap_free(p), NULL) : NULL; /* p stays as it was */
	void *q = __real_realloc(p, size);
	if (q && !p)
		atomic_fetch_add(&live, 1);
	return q;
}

void __wrap_free(void *p)
{
	if (p)
		atomic_fetch_sub(&live, 1);
	__real_free(p);
}

/* ---- the input ---------------------------------------------------------------- */

/* More than 3 MiB after the header: read on 3 threads, 3 chunks (at least
 * 1 MiB each, batch_csv.c MIN_CHUNK). */
#define INPUT_BYTES ((size_t)3400 << 10)
#define JOBS        3

typedef struct {
	jx_rules *rules;
	char *csv;
	size_t len;
	long allocations; /* in one whole read */
} fixture;

/* The demo batch's header, then its rows again and again with new ids. */
static char *make_csv(size_t *len)
{
	FILE *f = fopen(JX_SOURCE_DIR "/fixtures/demo/departments.csv", "rb");
	assert_non_null(f);
	static char demo[1 << 20];
	size_t n = fread(demo, 1, sizeof(demo) - 1, f);
	fclose(f);
	demo[n] = '\0';
	char *header_end = strchr(demo, '\n');
	assert_non_null(header_end);
	size_t header = (size_t)(header_end - demo) + 1;
	char *out = __real_malloc(INPUT_BYTES + sizeof(demo) + 64);
	assert_non_null(out);
	memcpy(out, demo, header);
	size_t pos = header;
	for (long copy = 0; pos < INPUT_BYTES; copy++) {
		for (char *line = demo + header; *line && pos < INPUT_BYTES;) {
			char *end = strchr(line, '\n');
			size_t l = end ? (size_t)(end - line) + 1 : strlen(line);
			pos += (size_t)sprintf(out + pos, "c%ld-", copy);
			memcpy(out + pos, line, l);
			pos += l;
			line += l;
		}
	}
	*len = pos;
	return out;
}

/* Writes a pattern over the stack the reader is about to use, so memory it
 * reads before writing holds garbage, as it may in a program, not zeros. */
static __attribute__((noinline)) void dirty_stack(void)
{
	volatile unsigned char junk[256 << 10];
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = 0xa5;
}

/* One read, on JOBS threads, with the allocations from `from` on failing
 * (0: none); the batch is freed. Returns the reader's code. */
static int read_once(fixture *fx, long from)
{
	jx_batch *b = NULL;
	atomic_store(&fail_from, 0); /* a read that crashed left it armed */
	assert_int_equal(jx_batch_new(&b, fx->rules), JX_OK);
	jx_batch_set_read_jobs(b, JOBS);
	atomic_store(&allocations, 0);
	atomic_store(&injected, 0);
	dirty_stack();
	atomic_store(&fail_from, from);
	int rc = jx_batch_read_csv(b, "big.csv", fx->csv, fx->len, NULL);
	atomic_store(&fail_from, 0);
	jx_batch_free(b);
	return rc;
}

static int setup(void **state)
{
	fixture *fx = __real_calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	if (jx_rules_load(&fx->rules, JX_SOURCE_DIR "/indicators/yueyang-women-federation", NULL) !=
	    JX_OK)
		return -1;
	fx->csv = make_csv(&fx->len);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	jx_rules_free(fx->rules);
	__real_free(fx->csv);
	__real_free(fx);
	return 0;
}

static void whole_read_succeeds(void **state)
{
	fixture *fx = *state;
	long base = atomic_load(&live);
	jx_batch *b = NULL;
	assert_int_equal(jx_batch_new(&b, fx->rules), JX_OK);
	jx_batch_set_read_jobs(b, JOBS);
	atomic_store(&allocations, 0);
	assert_int_equal(jx_batch_read_csv(b, "big.csv", fx->csv, fx->len, NULL), JX_OK);
	fx->allocations = atomic_load(&allocations);
	assert_true(jx_batch_count(b) > 10000);
	jx_batch_free(b);
	assert_int_equal(atomic_load(&live), base);
	assert_int_equal(read_once(fx, 0), JX_OK);
	assert_int_equal(atomic_load(&live), base);
}

/* Fails allocation `from` on and checks the outcome. */
static void fail_at(fixture *fx, long from)
{
	long base = atomic_load(&live);
	int rc = read_once(fx, from);
	if (atomic_load(&injected) && rc != JX_ENOMEM)
		fail_msg("allocations from %ld on failed: returned %d, not JX_ENOMEM", from, rc);
	if (atomic_load(&live) != base)
		fail_msg("allocations from %ld on failed: %ld block(s) leaked", from,
		         atomic_load(&live) - base);
}

/* The first allocations, each: the header, the chunks' own buffers and
 * batches, the room planned for them (all of a release build's read). */
#define FIRST (UNDER_VALGRIND() ? 24 : 160)
static void first_allocations_fail(void **state)
{
	fixture *fx = *state;
	if (!fx->allocations)
		whole_read_succeeds(state);
	for (long from = 1; from <= FIRST && from <= fx->allocations; from++)
		fail_at(fx, from);
}

/* Later ones, spread over the whole read (one allocation per arena object
 * under JX_ARENA_MALLOC, as with ASan): rows, words, the joins. */
static void later_allocations_fail(void **state)
{
	fixture *fx = *state;
	if (!fx->allocations)
		whole_read_succeeds(state);
	const long steps = UNDER_VALGRIND() ? 6 : 48;
	if (fx->allocations <= FIRST)
		return;
	for (long k = 1; k <= steps; k++)
		fail_at(fx, FIRST + (fx->allocations - FIRST) * k / steps);
}

/* ---- scoring in windows ---------------------------------------------------------- */

static int discard(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
	return 0;
}

/* csv-long: read, then scored while written to nowhere. */
static int stream_long(fixture *fx, const char *path, const jx_score_options *so)
{
	jx_csv_scores *s = NULL;
	int rc = jx_csv_scores_read_long(&s, fx->rules, path, so, NULL);
	if (rc == JX_OK)
		rc = jx_csv_scores_write(s, discard, NULL);
	jx_csv_scores_free(s);
	return rc;
}

/* One jx_csv_scores_read (or csv-long's read and write) of the input saved
 * at path, allocations from `from` on failing (0: none); returns the
 * code. */
static int stream_once(fixture *fx, const char *path, long from, int long_table)
{
	atomic_store(&fail_from, 0);
	jx_score_options so = JX_SCORE_OPTIONS_INIT;
	so.jobs = JOBS;
	jx_csv_scores *s = NULL;
	atomic_store(&allocations, 0);
	atomic_store(&injected, 0);
	dirty_stack();
	atomic_store(&fail_from, from);
	int rc = long_table ? stream_long(fx, path, &so)
	                    : jx_csv_scores_read(&s, fx->rules, path, &so, NULL);
	atomic_store(&fail_from, 0);
	if (rc == JX_OK && !long_table)
		assert_non_null(s);
	jx_csv_scores_free(s);
	return rc;
}

static void stream_allocations_fail(void **state)
{
	fixture *fx = *state;
	char path[64];
	snprintf(path, sizeof(path), "/tmp/jx-alloc-%ld.csv", (long)getpid());
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(fx->csv, 1, fx->len, f), fx->len);
	fclose(f);
	setenv("JIXIAO_WINDOW_BYTES", "1048576", 1); /* a few windows */
	long base = atomic_load(&live);
	for (int long_table = 0; long_table <= 1; long_table++) {
		assert_int_equal(stream_once(fx, path, 0, long_table), JX_OK);
		long total = atomic_load(&allocations);
		assert_int_equal(atomic_load(&live), base);
		const long steps = UNDER_VALGRIND() ? 8 : 64;
		for (long k = 0; k <= steps; k++) {
			long from = k < 16 ? k + 1 : 16 + (total - 16) * (k - 15) / (steps - 15);
			int rc = stream_once(fx, path, from, long_table);
			if (atomic_load(&injected) && rc != JX_ENOMEM && rc != JX_OK)
				fail_msg("%s: allocations from %ld on failed: returned %d",
				         long_table ? "csv-long" : "csv", from, rc);
			if (atomic_load(&live) != base)
				fail_msg("%s: allocations from %ld on failed: %ld block(s) leaked",
				         long_table ? "csv-long" : "csv", from,
				         atomic_load(&live) - base);
		}
	}
	unsetenv("JIXIAO_WINDOW_BYTES");
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(whole_read_succeeds),
	    cmocka_unit_test(first_allocations_fail),
	    cmocka_unit_test(later_allocations_fail),
	    cmocka_unit_test(stream_allocations_fail),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
