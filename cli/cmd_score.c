/*
 * cmd_score.c - `jixiao score` and `jixiao explain`.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char usage_score[] =
    "usage: jixiao score RULES [DATA...] [--indicators FILE] [options]\n"
    "\n"
    "Scores every department in DATA (wide CSV, one department as YAML/JSON,\n"
    "or - for CSV on standard input). Every department comes out scored or\n"
    "rejected with a reason.\n"
    "\n"
    "options:\n"
    "  --format F        json (default when not a terminal), text (default on a\n"
    "                    terminal), csv, csv-long, xlsx (an Excel workbook: summary,\n"
    "                    statistics with charts, 自评表, details; needs -o or a\n"
    "                    redirected standard output), html (one self-contained\n"
    "                    report with charts, printable on A4)\n"
    "  -o, --output FILE write to FILE atomically (no half-written file on failure)\n"
    "  --year Y          use the rules in force in year Y (default: the data's\n"
    "                    fiscal_year when the rules are dated)\n"
    "  --encoding E      data encoding: utf-8 (default), gbk, gb18030\n"
    "  --indicators FILE the departments' own 自评表: .xlsx / .xls workbooks as\n"
    "                    published (one table per sheet), a long CSV (dept_id,\n"
    "                    dept_name, indicator, path, weight, target, actual, note,\n"
    "                    claimed), or a folder of them; scored by the rule set's\n"
    "                    `declared:` rules; with or without DATA; repeatable\n"
    "  --review FILE     a reviewer's findings (复核): CSV of dept_id, indicator\n"
    "                    and any of code (the rule set's review_codes), actual,\n"
    "                    score, note\n"
    "  --lenient         a failed `error` check does not reject the department\n"
    "                    (the exit code is still 1)\n"
    "  --jobs N          read, score and write on N threads (default: one per\n"
    "                    CPU, at most 8); the output is the same for any N\n"
    "  -q, --quiet       no progress bar and no warnings (errors are still shown);\n"
    "                    the bar appears only on a terminal, for a batch that\n"
    "                    takes more than a moment\n"
    "\n"
    "exit codes: 0 all scored; 1 some rejected or failing an error check;\n"
    "            2 usage; 3 rule-set error; 4 data unreadable\n"
    "\n"
    "examples:\n"
    "  jixiao score indicators/yueyang-women-federation fixtures/demo/departments.csv\n"
    "  jixiao score RULES data.csv --format csv -o scores.csv\n"
    "  jixiao score RULES data.csv --format xlsx -o 绩效自评.xlsx\n"
    "  jixiao score RULES data.csv --format html -o report.html --quiet\n"
    "  jixiao score RULES fixtures/seed/yueyang-fulian-2024.yaml --format text\n";

static const char usage_explain[] =
    "usage: jixiao explain RULES [DATA...] [--indicators FILE] [--review FILE] --dept ID\n"
    "                      [--indicator ID] [--year Y]\n"
    "\n"
    "Shows every step of one department's score in the words of the 自评表:\n"
    "each indicator's expression with the department's numbers, value, target,\n"
    "completion, method and formula, score; then the groups, the total, the\n"
    "rescaling of indicators that do not apply, rounding, grade and rank (the\n"
    "rank among the departments in DATA).\n"
    "\n"
    "example:\n"
    "  jixiao explain indicators/yueyang-women-federation \\\n"
    "      fixtures/seed/yueyang-fulian-2024.yaml --dept yueyang-fulian \\\n"
    "      --indicator mediation_success_rate\n";

typedef struct {
	const jx_result *res;
	jx_csv_scores *scores; /* instead of res: a CSV scored in windows */
	jx_format format;
	int rc;  /* what jx_result_write returned */
	int err; /* errno after it */
} write_job;

static int write_result(void *ctx, FILE *f)
{
	write_job *job = ctx;
	errno = 0;
	job->rc = job->scores ? jx_csv_scores_write(job->scores, cli_fwrite, f)
	                      : jx_result_write(job->res, job->format, cli_fwrite, f);
	job->err = errno;
	return job->rc == JX_OK ? 0 : -1;
}

/* To -o FILE (atomically) or standard output; 0 or EXIT_DATA. */
static int write_output(write_job *job, const cli_options *o)
{
	if (o->output)
		return cli_write_atomically(o->output, write_result, job) != 0 ? EXIT_DATA : 0;
	if (write_result(job, stdout) != 0) {
		cli_report("cannot write the output", job->rc, job->err);
		return EXIT_DATA;
	}
	if (fflush(stdout) != 0) {
		cli_report("cannot write the output", JX_EIO, errno);
		return EXIT_DATA;
	}
	return 0;
}

/* Names rejected departments (and, under --lenient, those that failed an
 * `error` check) on stderr, the first REPORTED of them. */
#define REPORTED 20

static void report_problem(const jx_dept_info *info)
{
	if (info->status == JX_DEPT_REJECTED)
		fprintf(stderr, "jixiao: rejected %s: %s\n", info->id, info->reason);
	else
		fprintf(stderr, "jixiao: %s failed %zu error check(s) (kept by --lenient)\n",
		        info->id, info->failed_error_checks);
}

static void report_more(size_t shown)
{
	if (shown > REPORTED)
		fprintf(stderr, "jixiao: ... and %zu more departments\n", shown - REPORTED);
}

/* Returns how many there were: exit code 1. */
static size_t report_rejections(const jx_result *res)
{
	size_t shown = 0, n = jx_result_count(res);
	for (size_t d = 0; d < n; d++) {
		jx_dept_info info;
		if (jx_result_department(&info, res, d) != JX_OK)
			continue;
		if (info.status != JX_DEPT_REJECTED && info.failed_error_checks == 0)
			continue;
		if (shown++ < REPORTED)
			report_problem(&info);
	}
	report_more(shown);
	return shown;
}

static size_t report_stream_problems(const jx_csv_scores *scores)
{
	size_t shown = jx_csv_scores_problem_count(scores);
	jx_dept_info info;
	for (size_t k = 0; k < REPORTED && jx_csv_scores_problem(&info, scores, k) == JX_OK; k++)
		report_problem(&info);
	report_more(shown);
	return shown;
}

/* The progress bar on stderr: drawn only on a terminal, without --quiet,
 * and only once scoring has taken PROGRESS_DELAY seconds, so a quick batch
 * prints nothing. jx_score calls it from this thread. */
#define PROGRESS_DELAY 0.4
#define PROGRESS_WIDTH 30

typedef struct {
	struct timespec start;
	int shown;
	int last; /* percent last drawn */
} progress_bar;

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void progress_draw(void *ctx, size_t done, size_t total)
{
	progress_bar *pb = ctx;
	if (!total || done >= total || (!pb->shown && seconds_since(&pb->start) < PROGRESS_DELAY))
		return;
	int pct = (int)(done * 100 / total);
	if (pb->shown && pct == pb->last)
		return;
	char bar[PROGRESS_WIDTH + 1];
	size_t fill = done * PROGRESS_WIDTH / total;
	for (size_t k = 0; k < PROGRESS_WIDTH; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[PROGRESS_WIDTH] = '\0';
	fprintf(stderr, "\rjixiao: scoring [%s] %3d%%", bar, pct);
	fflush(stderr);
	pb->shown = 1;
	pb->last = pct;
}

static void progress_end(progress_bar *pb)
{
	if (pb->shown)
		fputs("\r\033[K", stderr); /* the bar leaves no trace */
	pb->shown = 0;
}

static jx_score_options score_options(const cli_options *o, progress_bar *pb)
{
	jx_score_options so = JX_SCORE_OPTIONS_INIT;
	so.lenient = o->lenient;
	so.jobs = o->jobs;
	if (!o->quiet && isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &pb->start);
		so.progress = progress_draw;
		so.progress_ctx = pb;
	}
	return so;
}

static int score_and_write(const jx_rules *rules, jx_batch *batch, const cli_options *o,
                           jx_format format, jx_diagnostics *diags)
{
	progress_bar pb = {0};
	jx_score_options so = score_options(o, &pb);
	jx_result *res = NULL;
	int score_rc = jx_score(&res, rules, batch, &so, diags);
	progress_end(&pb);
	if (score_rc != JX_OK) {
		cli_report("scoring failed", score_rc, 0);
		return EXIT_DATA;
	}
	write_job job = {res, NULL, format, JX_OK, 0};
	int rc = write_output(&job, o);
	if (report_rejections(res) && rc == 0)
		rc = EXIT_REJECTED;
	jx_result_free(res);
	return rc;
}

/* `--format csv` of one wide CSV file is scored a window at a time
 * (jx_csv_scores_read): the same bytes in a fraction of the memory. Not
 * for standard input, other encodings, 自评表 or reviews. JIXIAO_STREAM=0
 * turns it off (docs/performance.md, "Streaming"). */
static int streamable(const cli_options *o, jx_format format, const jx_rules *rules)
{
	const char *off = getenv("JIXIAO_STREAM");
	/* csv-long is written as it is scored: dated rules cannot wait for the
	 * data's year (below, rules_fit) */
	int long_ok = format == JX_FORMAT_CSV_LONG && (o->year || !jx_rules_year(rules));
	return (format == JX_FORMAT_CSV || long_ok) && o->npaths == 2 &&
	       strcmp(o->paths[1], "-") != 0 && !o->nindicators && !o->review &&
	       (!o->encoding || strcasecmp(o->encoding, "utf-8") == 0 ||
	        strcasecmp(o->encoding, "utf8") == 0) &&
	       !(off && strcmp(off, "0") == 0);
}

/* Dated rules and no --year: the data's fiscal_year chooses the rules
 * (cli_load_data); the windows were scored with the latest, which are the
 * ones only when no department names another year. */
static int rules_fit(const jx_rules *rules, const cli_options *o, const jx_csv_scores *scores)
{
	int year = jx_csv_scores_fiscal_year(scores);
	return o->year || !jx_rules_year(rules) || year == 0 || year == jx_rules_year(rules);
}

/* Scores and writes in windows; *done 0 when the file is not one to read
 * so (then nothing was printed). 0 or an exit code. */
static int score_streaming(const jx_rules *rules, const cli_options *o, jx_format format,
                           jx_diagnostics *diags, int *done)
{
	progress_bar pb = {0};
	jx_score_options so = score_options(o, &pb);
	jx_csv_scores *scores = NULL;
	size_t before = jx_diagnostics_count(diags);
	int src = format == JX_FORMAT_CSV
	              ? jx_csv_scores_read(&scores, rules, o->paths[1], &so, diags)
	              : jx_csv_scores_read_long(&scores, rules, o->paths[1], &so, diags);
	progress_end(&pb);
	*done = src != JX_ENOTSUP && (src != JX_OK || rules_fit(rules, o, scores));
	if (!*done) {
		jx_csv_scores_free(scores); /* read again, the general way */
		return 0;
	}
	cli_print_diagnostics(diags, before);
	if (src != JX_OK) {
		cli_report("scoring failed", src, 0);
		return EXIT_DATA;
	}
	write_job job = {NULL, scores, format, JX_OK, 0};
	int rc = write_output(&job, o);
	progress_end(&pb); /* csv-long is scored while written */
	if (report_stream_problems(scores) && rc == 0)
		rc = EXIT_REJECTED;
	jx_csv_scores_free(scores);
	return rc;
}

int cmd_score(int argc, char **argv)
{
	cli_options o;
	int rc;
	if (cli_start(&o, argc, argv, usage_score, &rc))
		return rc;
	if (o.npaths < 2 && !(o.npaths == 1 && o.nindicators))
		return cli_usage_error(
		    usage_score, "score needs RULES and DATA files (or --indicators FILE)%s", "");
	jx_format format = isatty(STDOUT_FILENO) && !o.output ? JX_FORMAT_TEXT : JX_FORMAT_JSON;
	if (o.format && jx_format_parse(&format, o.format) != JX_OK)
		return cli_usage_error(
		    usage_score, "unknown format '%s' (json, csv, csv-long, text, xlsx, html)",
		    o.format);
	if (format == JX_FORMAT_XLSX && !o.output && isatty(STDOUT_FILENO))
		return cli_usage_error(usage_score,
		                       "--format xlsx writes a binary workbook: give -o FILE.xlsx "
		                       "(or redirect standard output)%s",
		                       "");
	jx_diagnostics *diags = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return EXIT_DATA;
	jx_rules *rules = NULL;
	jx_batch *batch = NULL;
	int done = 0;
	rc = cli_load_rules(&rules, o.paths[0], o.year, diags);
	if (rc == 0 && streamable(&o, format, rules))
		rc = score_streaming(rules, &o, format, diags, &done);
	if (rc == 0 && !done)
		rc =
		    cli_load_data(&rules, &batch, o.paths[0], o.paths + 1, o.npaths - 1, &o, diags);
	if (rc == 0 && !done)
		rc = score_and_write(rules, batch, &o, format, diags);
	jx_batch_free(batch);
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	return rc;
}

int cmd_explain(int argc, char **argv)
{
	cli_options o;
	int rc;
	if (cli_start(&o, argc, argv, usage_explain, &rc))
		return rc;
	if (o.npaths < 1 || (o.npaths < 2 && !o.nindicators) || !o.dept)
		return cli_usage_error(
		    usage_explain, "explain needs RULES, DATA (or --indicators) and --dept ID%s",
		    "");
	jx_diagnostics *diags = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return EXIT_DATA;
	jx_rules *rules = NULL;
	jx_batch *batch = NULL;
	jx_result *res = NULL;
	rc = cli_load(&rules, &batch, o.paths[0], o.paths + 1, o.npaths - 1, &o, diags);
	jx_score_options so = JX_SCORE_OPTIONS_INIT;
	so.lenient = o.lenient;
	so.jobs = o.jobs;
	int src = rc == 0 ? jx_score(&res, rules, batch, &so, diags) : JX_OK;
	if (src != JX_OK) {
		cli_report("scoring failed", src, 0);
		rc = EXIT_DATA;
	}
	size_t dept = 0;
	if (rc == 0 && jx_result_find(&dept, res, o.dept) != JX_OK) {
		fprintf(stderr, "jixiao: no department '%s' in the data\n", o.dept);
		rc = EXIT_USAGE;
	}
	if (rc == 0) {
		int erc = jx_result_explain(res, dept, o.indicator, cli_fwrite, stdout);
		if (erc == JX_ENOTFOUND) {
			fprintf(stderr, "jixiao: no indicator '%s' in rule set %s\n", o.indicator,
			        jx_rules_id(rules));
			rc = EXIT_USAGE;
		} else if (erc != JX_OK) {
			cli_report("cannot explain", erc, 0);
			rc = EXIT_DATA;
		}
	}
	jx_result_free(res);
	jx_batch_free(batch);
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	return rc;
}
