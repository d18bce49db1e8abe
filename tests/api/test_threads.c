/*
 * test_threads.c - a loaded rule set is shared between threads and scoring is
 * re-entrant: four threads score the same batches concurrently with the one
 * rule set, and every result equals the single-threaded one, department by
 * department and byte for byte (JSON, CSV). jx_score with jobs = 4 gives the
 * same result too. Run under ThreadSanitizer by scripts/tsan-check.sh.
 *
 * Uses only include/jixiao.h. Batches: fixtures/demo/departments.csv as read
 * by jx_batch_read_file, and ~2000 synthetic departments built in memory from
 * its rows with jx_batch_add_department / jx_batch_set_number /
 * jx_batch_set_text (figures varied per department).
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
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

#define RULES       JX_SOURCE_DIR "/indicators/yueyang-women-federation"
#define DEMO        JX_SOURCE_DIR "/fixtures/demo/departments.csv"
#define N_THREADS   4
#define ROUNDS      2
#define N_SYNTHETIC 2000

static int failures;
static pthread_mutex_t fail_lock = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *fmt, ...)
{
	va_list ap;
	pthread_mutex_lock(&fail_lock);
	failures++;
	fprintf(stderr, "test_threads: FAIL: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&fail_lock);
}

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			fail(__VA_ARGS__);                                                         \
	} while (0)

/* ---- a result as text, for exact comparison --------------------------------- */

typedef struct {
	char *data;
	size_t len;
} text;

/* Every field the API exposes, doubles in %a (exact), then the JSON and CSV
 * documents as jx_result_write writes them to a stream. */
static text snapshot(const jx_result *res)
{
	text t = {NULL, 0};
	FILE *f = open_memstream(&t.data, &t.len);
	if (!f) {
		fail("open_memstream");
		return t;
	}
	size_t n = jx_result_count(res);
	fprintf(f, "departments %zu rejected %zu\n", n, jx_result_rejected_count(res));
	for (size_t d = 0; d < n; d++) {
		jx_dept_info di;
		if (jx_result_department(&di, res, d) != JX_OK) {
			fprintf(f, "dept %zu: error\n", d);
			continue;
		}
		fprintf(f, "%s|%s|%d|%a|%a|%s|%d|%s|%zu|%zu\n", di.id, di.name, (int)di.status,
		        di.score, di.score_rounded, di.grade, di.rank, di.reason, di.failed_checks,
		        di.failed_error_checks);
		jx_indicator_result ir;
		for (size_t i = 0; jx_result_indicator(&ir, res, d, i) == JX_OK; i++)
			fprintf(f, " %s|%a|%s|%a|%a|%a|%a|%d|%s|%d\n", ir.id, ir.actual,
			        ir.actual_text, ir.target, ir.completion, ir.weight, ir.score,
			        (int)ir.status, ir.reason, ir.needs_note);
	}
	jx_summary_info s;
	if (jx_result_summary(&s, res) == JX_OK)
		fprintf(f, "summary %zu %zu %zu %a %a %a %a %a\n", s.total, s.scored, s.rejected,
		        s.mean, s.median, s.sd, s.min, s.max);
	if (jx_result_write(res, JX_FORMAT_JSON, write_stream, f) != JX_OK)
		fail("jx_result_write json");
	if (jx_result_write(res, JX_FORMAT_CSV, write_stream, f) != JX_OK)
		fail("jx_result_write csv");
	if (fclose(f) != 0)
		fail("fclose memstream");
	return t;
}

static int same_text(const text *a, const text *b, const char *what)
{
	if (a->len == b->len && memcmp(a->data, b->data, a->len) == 0)
		return 1;
	size_t i = 0;
	while (i < a->len && i < b->len && a->data[i] == b->data[i])
		i++;
	size_t from = i > 60 ? i - 60 : 0;
	fail("%s: results differ at byte %zu (lengths %zu, %zu):\n  ...%.120s\nvs\n  ...%.120s",
	     what, i, a->len, b->len, a->data + from, b->data + from);
	return 0;
}

/* ---- batches ---------------------------------------------------------------------- */

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *data = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			char *p = realloc(data, cap);
			if (!p) {
				free(data);
				fclose(f);
				return NULL;
			}
			data = p;
		}
		size_t got = fread(data + n, 1, 4096, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	data[n] = '\0';
	*len = n;
	return data;
}

/* A small RFC 4180 reader: cells[row][col], quotes and "" escapes. */
typedef struct {
	char ***cells;
	size_t *ncols;
	size_t nrows;
} table;

static void parse_csv(table *t, const char *s, size_t len)
{
	memset(t, 0, sizeof(*t));
	size_t i = 0;
	while (i < len) {
		char **row = NULL;
		size_t nc = 0;
		for (;;) {
			char *cell = malloc(len - i + 1);
			size_t k = 0;
			if (i < len && s[i] == '"') {
				for (i++; i < len; i++) {
					if (s[i] == '"' && i + 1 < len && s[i + 1] == '"')
						cell[k++] = s[i++];
					else if (s[i] == '"') {
						i++;
						break;
					} else
						cell[k++] = s[i];
				}
			}
			while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
				cell[k++] = s[i++];
			cell[k] = '\0';
			row = realloc(row, sizeof(char *) * (nc + 1));
			row[nc++] = cell;
			if (i < len && s[i] == ',') {
				i++;
				continue;
			}
			break;
		}
		while (i < len && (s[i] == '\r' || s[i] == '\n'))
			i++;
		t->cells = realloc(t->cells, sizeof(char **) * (t->nrows + 1));
		t->ncols = realloc(t->ncols, sizeof(size_t) * (t->nrows + 1));
		t->cells[t->nrows] = row;
		t->ncols[t->nrows++] = nc;
	}
}

static void table_free(table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols[r]; c++)
			free(t->cells[r][c]);
		free(t->cells[r]);
	}
	free(t->cells);
	free(t->ncols);
}

static int is_plain_number(const char *s, double *out)
{
	char *end;
	if (!*s)
		return 0;
	*out = strtod(s, &end);
	return *end == '\0';
}

/* N_SYNTHETIC departments from the demo rows: department k is demo row
 * k % rows with its counts varied by up to ±10 % (money is left as it is,
 * so that the budget checks keep holding for most of them). */
static jx_batch *synthetic_batch(const jx_rules *rules, const table *demo)
{
	jx_batch *b = NULL;
	if (jx_batch_new(&b, rules) != JX_OK)
		return NULL;
	char **head = demo->cells[0];
	size_t rows = demo->nrows - 1;
	for (size_t k = 0; k < N_SYNTHETIC; k++) {
		char **row = demo->cells[1 + k % rows];
		size_t nc = demo->ncols[1 + k % rows];
		char id[64], name[256];
		snprintf(id, sizeof(id), "syn-%04zu", k);
		snprintf(name, sizeof(name), "%s 第%zu号", row[1], k);
		size_t d;
		if (jx_batch_add_department(&d, b, id, name) != JX_OK) {
			fail("jx_batch_add_department %s", id);
			break;
		}
		for (size_t c = 3; c < nc && c < demo->ncols[0]; c++) {
			const char *col = head[c], *cell = row[c];
			double v;
			int rc;
			if (!cell[0])
				continue;
			int money = strncmp(col, "budget.", 7) == 0 ||
			            strncmp(col, "spend.", 6) == 0 ||
			            strncmp(col, "staff.", 6) == 0;
			if (!money && strchr(col, '.') && strncmp(col, "note.", 5) != 0 &&
			    strncmp(col, "target.", 7) != 0 && is_plain_number(cell, &v)) {
				double f = 1 + (double)((int)((k * 31 + c * 17) % 21) - 10) / 100;
				rc = jx_batch_set_number(b, d, col,
				                         v == floor(v) ? round(v * f) : v * f);
			} else {
				rc = jx_batch_set_text(b, d, col, cell);
			}
			/* A cell the rules refuse rejects the department: kept, on purpose. */
			CHECK(rc == JX_OK || rc == JX_EDATA, "%s %s='%s': rc %d", id, col, cell,
			      rc);
		}
		/* Some departments rejected, so that reasons are made on every worker:
		 * a cell that does not read, and a failed `error` check (the budget
		 * does not add up). */
		if (k % 97 == 13)
			CHECK(jx_batch_set_text(b, d, "spend.basic", "178.94人") == JX_EDATA,
			      "%s: a bad cell is not JX_EDATA", id);
		if (k % 89 == 5)
			CHECK(jx_batch_set_number(b, d, "spend.total", 1e6) == JX_OK, "%s", id);
	}
	return b;
}

/* ---- threads ------------------------------------------------------------------------ */

typedef struct {
	const jx_rules *rules;
	const jx_batch *batches[2];
	const text *expected[2];
	const jx_result *shared_result; /* of batches[0], read by every thread */
	const char *demo_csv;
	size_t demo_len;
	int index;
} job;

static void check_rules_view(const jx_rules *rules)
{
	size_t n = jx_rules_indicator_count(rules);
	for (size_t i = 0; i < n; i++) {
		jx_indicator_info info;
		CHECK(jx_rules_indicator(&info, rules, i) == JX_OK && info.id[0], "indicator %zu",
		      i);
	}
	for (size_t g = 0; g < jx_rules_group_count(rules); g++) {
		jx_group_info gi;
		CHECK(jx_rules_group(&gi, rules, g) == JX_OK && gi.path[0] && gi.parent < (long)g &&
		          gi.weight >= 0,
		      "group %zu", g);
	}
	double last = INFINITY;
	for (size_t g = 0; g < jx_rules_grade_count(rules); g++) {
		jx_grade_info gi;
		CHECK(jx_rules_grade(&gi, rules, g) == JX_OK && gi.name[0] && gi.min <= last,
		      "grade %zu", g);
		last = gi.min;
	}
}

static void *worker(void *arg)
{
	const job *jb = arg;
	for (int round = 0; round < ROUNDS; round++) {
		check_rules_view(jb->rules);
		for (int k = 0; k < 2; k++) {
			/* jobs = 4 inside some of the threads: nested workers */
			jx_score_options opts = {.lenient = 0,
			                         .jobs = (jb->index + round) % 2 ? 4 : 1};
			jx_result *res = NULL;
			if (jx_score(&res, jb->rules, jb->batches[k], &opts, NULL) != JX_OK) {
				fail("thread %d: jx_score", jb->index);
				continue;
			}
			text t = snapshot(res);
			char what[64];
			snprintf(what, sizeof(what), "thread %d round %d batch %d jobs %d",
			         jb->index, round, k, opts.jobs);
			same_text(jb->expected[k], &t, what);
			free(t.data);
			jx_result_free(res);
		}
		/* A batch of its own, read against the shared rules. */
		jx_batch *own = NULL;
		jx_result *res = NULL;
		if (jx_batch_new(&own, jb->rules) != JX_OK ||
		    jx_batch_read_buffer(own, "departments.csv", "csv", jb->demo_csv, jb->demo_len,
		                         NULL) != JX_OK ||
		    jx_score(&res, jb->rules, own, NULL, NULL) != JX_OK) {
			fail("thread %d: own batch", jb->index);
		} else {
			jx_dept_info a, b;
			size_t n = jx_result_count(res);
			CHECK(n == jx_batch_count(jb->batches[0]), "own batch: %zu departments", n);
			for (size_t d = 0; d < n; d++)
				if (jx_result_department(&a, res, d) == JX_OK &&
				    jx_result_department(&b, res, d) == JX_OK)
					CHECK(!strcmp(a.id, b.id), "own batch: department %zu", d);
		}
		jx_result_free(res);
		jx_batch_free(own);
		/* One result read from every thread at once. */
		text shared = snapshot(jb->shared_result);
		same_text(jb->expected[0], &shared, "shared result");
		free(shared.data);
		/* A rule set of its own, loaded while the others score. */
		jx_rules *mine = NULL;
		jx_diagnostics *diags = NULL;
		if (jx_diagnostics_new(&diags) != JX_OK ||
		    jx_rules_load(&mine, RULES, diags) != JX_OK)
			fail("thread %d: jx_rules_load", jb->index);
		else
			CHECK(!strcmp(jx_rules_sha256(mine), jx_rules_sha256(jb->rules)) &&
			          jx_rules_indicator_count(mine) ==
			              jx_rules_indicator_count(jb->rules),
			      "thread %d: rule set loaded differently", jb->index);
		jx_rules_free(mine);
		jx_diagnostics_free(diags);
	}
	return NULL;
}

/* ---- main ------------------------------------------------------------------------------ */

static text score_text(const jx_rules *rules, const jx_batch *b, int jobs, jx_result **keep)
{
	jx_score_options opts = {.lenient = 0, .jobs = jobs};
	jx_result *res = NULL;
	text t = {NULL, 0};
	if (jx_score(&res, rules, b, &opts, NULL) != JX_OK) {
		fail("jx_score jobs=%d", jobs);
		return t;
	}
	t = snapshot(res);
	if (keep)
		*keep = res;
	else
		jx_result_free(res);
	return t;
}

static void check_seed(const jx_result *res)
{
	jx_dept_info d;
	CHECK(jx_result_department(&d, res, 0) == JX_OK, "department 0");
	CHECK(!strcmp(d.id, "yueyang-fulian") && fabs(d.score_rounded - 94.07) < 1e-9 &&
	          !strcmp(d.grade, "优"),
	      "seed: %s %.2f %s, want yueyang-fulian 94.07 优", d.id, d.score_rounded, d.grade);
	jx_summary_info s;
	CHECK(jx_result_summary(&s, res) == JX_OK, "jx_result_summary");
	CHECK(s.total == jx_result_count(res) && s.scored + s.rejected == s.total &&
	          s.rejected == jx_result_rejected_count(res),
	      "summary counts %zu %zu %zu", s.total, s.scored, s.rejected);
	CHECK(s.scored == 0 ||
	          (s.min <= s.median && s.median <= s.max && s.min <= s.mean && s.mean <= s.max),
	      "summary statistics");
	size_t graded = 0, c;
	for (size_t g = 0; jx_result_grade_count(&c, res, g) == JX_OK; g++)
		graded += c;
	CHECK(graded == s.scored, "grade counts %zu, scored %zu", graded, s.scored);
	/* jx_result_write_buffer gives the same bytes as jx_result_write. */
	char *buf = NULL, *mem = NULL;
	size_t len = 0, mlen = 0;
	FILE *f = open_memstream(&mem, &mlen);
	CHECK(f && jx_result_write(res, JX_FORMAT_TEXT, write_stream, f) == JX_OK && fclose(f) == 0,
	      "jx_result_write text");
	CHECK(jx_result_write_buffer(&buf, &len, res, JX_FORMAT_TEXT) == JX_OK && buf &&
	          len == mlen && memcmp(buf, mem, len) == 0 && buf[len] == '\0',
	      "jx_result_write_buffer differs from jx_result_write");
	jx_free(buf);
	free(mem);
	CHECK(jx_result_write_buffer(&buf, NULL, res, (jx_format)99) == JX_EINVAL && !buf,
	      "jx_result_write_buffer: bad format");
}

int main(void)
{
	jx_diagnostics *diags = NULL;
	jx_rules *rules = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK || jx_rules_load(&rules, RULES, diags) != JX_OK) {
		jx_diagnostics_write(diags, write_stream, stderr);
		fprintf(stderr, "test_threads: cannot load %s\n", RULES);
		return 1;
	}
	jx_batch *demo = NULL, *synth = NULL;
	if (jx_batch_new(&demo, rules) != JX_OK ||
	    jx_batch_read_file(demo, DEMO, NULL, diags) != JX_OK) {
		jx_diagnostics_write(diags, write_stream, stderr);
		return 1;
	}
	size_t csv_len = 0;
	char *csv = read_all(DEMO, &csv_len);
	if (!csv) {
		fprintf(stderr, "test_threads: cannot read %s\n", DEMO);
		return 1;
	}
	table t;
	parse_csv(&t, csv, csv_len);
	synth = synthetic_batch(rules, &t);
	table_free(&t);
	if (!synth)
		return 1;
	CHECK(jx_batch_count(synth) == N_SYNTHETIC, "synthetic batch: %zu departments",
	      jx_batch_count(synth));

	/* The references: one thread. */
	jx_result *demo_res = NULL, *synth_res = NULL;
	text expected[2];
	expected[0] = score_text(rules, demo, 1, &demo_res);
	expected[1] = score_text(rules, synth, 1, &synth_res);
	if (!demo_res || !synth_res)
		return 1;
	check_seed(demo_res);
	jx_summary_info s;
	jx_result_summary(&s, synth_res);
	printf("synthetic batch: %zu departments, %zu scored, %zu rejected, mean %.2f\n", s.total,
	       s.scored, s.rejected, s.mean);
	CHECK(s.scored > N_SYNTHETIC / 2, "synthetic batch: only %zu scored", s.scored);
	CHECK(s.rejected >= N_SYNTHETIC / 97 + N_SYNTHETIC / 89,
	      "synthetic batch: %zu rejected, want the bad cells and failed checks", s.rejected);

	/* jx_score's own workers. */
	for (int jobs = 2; jobs <= 8; jobs *= 2) {
		for (int k = 0; k < 2; k++) {
			text got = score_text(rules, k ? synth : demo, jobs, NULL);
			char what[64];
			snprintf(what, sizeof(what), "jx_score jobs=%d batch %d", jobs, k);
			same_text(&expected[k], &got, what);
			free(got.data);
		}
	}

	/* Four threads sharing the rules and the batches. */
	pthread_t threads[N_THREADS];
	job jobs[N_THREADS];
	for (int k = 0; k < N_THREADS; k++) {
		jobs[k] = (job){
		    rules, {demo, synth}, {&expected[0], &expected[1]}, demo_res, csv, csv_len, k};
		if (pthread_create(&threads[k], NULL, worker, &jobs[k]) != 0) {
			fail("pthread_create");
			return 1;
		}
	}
	for (int k = 0; k < N_THREADS; k++)
		pthread_join(threads[k], NULL);

	jx_result_free(demo_res);
	jx_result_free(synth_res);
	free(expected[0].data);
	free(expected[1].data);
	free(csv);
	jx_batch_free(synth);
	jx_batch_free(demo);
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	if (failures) {
		fprintf(stderr, "test_threads: %d failure(s)\n", failures);
		return 1;
	}
	printf("test_threads: ok (%d threads x %d rounds, jobs 1/2/4/8)\n", N_THREADS, ROUNDS);
	return 0;
}
