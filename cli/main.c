/*
 * main.c - the jixiao command line, a thin layer over include/jixiao.h.
 *
 *   jixiao check RULES                validate a rule set
 *   jixiao score RULES DATA...        score departments
 *
 * Exit codes (spec §5): 0 all scored; 1 finished but some departments were
 * rejected; 2 usage; 3 rule-set error; 4 data unreadable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jixiao.h"

enum { EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_RULES = 3, EXIT_DATA = 4 };

static const char usage_main[] =
    "usage: jixiao <command> [options]\n"
    "\n"
    "Scores budget-performance self-evaluations (绩效自评) by rules kept in YAML.\n"
    "\n"
    "commands:\n"
    "  check RULES               validate a rule set (a YAML file or a folder)\n"
    "  score RULES DATA...       score departments (CSV, YAML or JSON; - = stdin)\n"
    "\n"
    "options:\n"
    "  -h, --help                this help; `jixiao <command> --help` for a command\n"
    "  --version                 print the version\n"
    "\n"
    "examples:\n"
    "  jixiao check indicators/yueyang-women-federation\n"
    "  jixiao score indicators/yueyang-women-federation fixtures/demo/departments.csv\n"
    "\n"
    "exit codes: 0 all scored; 1 some departments rejected; 2 usage;\n"
    "            3 rule-set error; 4 data unreadable\n";

static const char usage_check[] =
    "usage: jixiao check RULES [--dump-bytecode]\n"
    "\n"
    "Loads the rule set and reports every problem as file:line:col: error: ...\n"
    "Exit 0 when valid, 3 when not.\n"
    "\n"
    "  --dump-bytecode   list each compiled expression (for debugging rules)\n"
    "\n"
    "example:\n"
    "  jixiao check indicators/yueyang-women-federation/rules.yaml\n";

static const char usage_score[] =
    "usage: jixiao score RULES DATA... [options]\n"
    "\n"
    "Scores every department in DATA (wide CSV, one department as YAML/JSON,\n"
    "or - for CSV on standard input). Every department comes out scored or\n"
    "rejected with a reason.\n"
    "\n"
    "options:\n"
    "  --format F        json (default when not a terminal), text (default on a\n"
    "                    terminal), csv, csv-long\n"
    "  -o, --output FILE write to FILE atomically (no half-written file on failure)\n"
    "  --encoding E      data encoding: utf-8 (default), gbk, gb18030\n"
    "  --lenient         a failed `error` check does not reject the department\n"
    "  --jobs N          worker threads (accepted; scoring runs on one thread)\n"
    "\n"
    "examples:\n"
    "  jixiao score indicators/yueyang-women-federation fixtures/demo/departments.csv\n"
    "  jixiao score RULES data.csv --format csv -o scores.csv\n"
    "  jixiao score RULES fixtures/seed/yueyang-fulian-2024.yaml --format text\n";

typedef struct {
	const char *rules;
	const char *data[256];
	int ndata;
	const char *format;
	const char *output;
	const char *encoding;
	int lenient;
	int jobs;
	int dump_bytecode;
} options;

static int usage_error(const char *usage, const char *fmt, const char *arg)
{
	fprintf(stderr, "jixiao: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n\n%s", usage);
	return EXIT_USAGE;
}

static int wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

/* Parses `--name value`, `--name=value` and bare arguments. Returns 0, or an
 * exit code. */
static int parse_options(options *o, int argc, char **argv, const char *usage)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *value = NULL;
		const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
		char name[64];
		if (eq) {
			snprintf(name, sizeof(name), "%.*s", (int)(eq - a), a);
			value = eq + 1;
			a = name;
		}
#define TAKE_VALUE()                                                                               \
	do {                                                                                       \
		if (!value) {                                                                      \
			if (i + 1 >= argc)                                                         \
				return usage_error(usage, "option %s needs a value", a);           \
			value = argv[++i];                                                         \
		}                                                                                  \
	} while (0)
		if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
			TAKE_VALUE();
			o->format = value;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			TAKE_VALUE();
			o->output = value;
		} else if (strcmp(a, "--encoding") == 0) {
			TAKE_VALUE();
			o->encoding = value;
		} else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) {
			TAKE_VALUE();
			char *end;
			long n = strtol(value, &end, 10);
			if (*end || n < 1 || n > 256)
				return usage_error(
				    usage, "--jobs needs a number from 1 to 256, not '%s'", value);
			o->jobs = (int)n;
		} else if (strcmp(a, "--lenient") == 0) {
			o->lenient = 1;
		} else if (strcmp(a, "--dump-bytecode") == 0) {
			o->dump_bytecode = 1;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error(usage, "unknown option '%s'", argv[i]);
		} else if (!o->rules) {
			o->rules = a;
		} else if (o->ndata < (int)(sizeof(o->data) / sizeof(o->data[0]))) {
			o->data[o->ndata++] = a;
		} else {
			return usage_error(usage, "too many data files (at most 256)%s", "");
		}
#undef TAKE_VALUE
	}
	return 0;
}

static int load_rules(jx_rules **out, const char *path, jx_diagnostics *diags)
{
	int rc = jx_rules_load(out, path, diags);
	jx_diagnostics_print(diags, stderr);
	if (rc != JX_OK) {
		fprintf(stderr, "jixiao: %s: the rule set has %zu error(s)\n", path,
		        jx_diagnostics_error_count(diags));
		return EXIT_RULES;
	}
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	if (wants_help(argc, argv)) {
		fputs(usage_check, stdout);
		return 0;
	}
	options o = {0};
	int rc = parse_options(&o, argc, argv, usage_check);
	if (rc)
		return rc;
	if (!o.rules || o.ndata)
		return usage_error(usage_check, "check takes exactly one RULES path%s", "");
	jx_diagnostics *diags = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return EXIT_RULES;
	jx_rules *rules = NULL;
	rc = load_rules(&rules, o.rules, diags);
	if (rc == 0) {
		printf("%s: ok — rule set %s %s, %zu indicators, sha256 %s\n", o.rules,
		       jx_rules_id(rules), jx_rules_version(rules), jx_rules_indicator_count(rules),
		       jx_rules_sha256(rules));
		if (o.dump_bytecode)
			jx_rules_dump_bytecode(rules, stdout);
	}
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	return rc;
}

/* Writes through a temporary file in the target's folder, renamed into place
 * only when everything was written: a failed run leaves no file. */
static int write_atomically(const jx_result *res, jx_format format, const char *path)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return -1;
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "jixiao: %s: cannot create: %s\n", path, strerror(errno));
		free(tmp);
		return -1;
	}
	FILE *f = fdopen(fd, "wb");
	int ok = f && jx_result_write(res, format, f) == JX_OK;
	ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
	if (f)
		ok = fclose(f) == 0 && ok;
	else
		close(fd);
	if (ok && rename(tmp, path) != 0)
		ok = 0;
	if (!ok) {
		fprintf(stderr, "jixiao: %s: cannot write: %s\n", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok ? 0 : -1;
}

/* Names rejected departments (and, under --lenient, those that failed an
 * `error` check) on stderr; returns how many there were: exit code 1. */
static size_t report_rejections(const jx_result *res)
{
	size_t shown = 0, n = jx_result_count(res);
	for (size_t d = 0; d < n; d++) {
		jx_dept_info info;
		if (jx_result_department(&info, res, d) != JX_OK)
			continue;
		int rejected = info.status == JX_DEPT_REJECTED;
		if (!rejected && info.failed_error_checks == 0)
			continue;
		if (shown++ >= 20)
			continue;
		if (rejected)
			fprintf(stderr, "jixiao: rejected %s: %s\n", info.id, info.reason);
		else
			fprintf(stderr,
			        "jixiao: %s failed %zu error check(s) (kept by --lenient)\n",
			        info.id, info.failed_error_checks);
	}
	if (shown > 20)
		fprintf(stderr, "jixiao: ... and %zu more departments\n", shown - 20);
	return shown;
}

static int read_data(jx_batch *batch, const options *o, jx_diagnostics *diags)
{
	jx_read_options ro = {o->encoding};
	for (int i = 0; i < o->ndata; i++) {
		int rc = jx_batch_read_file(batch, o->data[i], &ro, diags);
		if (rc != JX_OK)
			return rc;
	}
	return JX_OK;
}

static int score_and_write(const jx_rules *rules, jx_batch *batch, const options *o,
                           jx_format format, jx_diagnostics *diags)
{
	jx_score_options so = {o->lenient, o->jobs};
	jx_result *res = NULL;
	if (jx_score(&res, rules, batch, &so, diags) != JX_OK) {
		fprintf(stderr, "jixiao: scoring failed (out of memory)\n");
		return EXIT_DATA;
	}
	int rc = 0;
	if (o->output) {
		if (write_atomically(res, format, o->output) != 0)
			rc = EXIT_DATA;
	} else if (jx_result_write(res, format, stdout) != JX_OK || fflush(stdout) != 0) {
		fprintf(stderr, "jixiao: cannot write the output\n");
		rc = EXIT_DATA;
	}
	if (report_rejections(res) && rc == 0)
		rc = EXIT_REJECTED;
	jx_result_free(res);
	return rc;
}

static int cmd_score(int argc, char **argv)
{
	if (wants_help(argc, argv)) {
		fputs(usage_score, stdout);
		return 0;
	}
	options o = {0};
	int rc = parse_options(&o, argc, argv, usage_score);
	if (rc)
		return rc;
	if (!o.rules || o.ndata == 0)
		return usage_error(usage_score, "score needs RULES and at least one DATA file%s",
		                   "");
	jx_format format = isatty(STDOUT_FILENO) && !o.output ? JX_FORMAT_TEXT : JX_FORMAT_JSON;
	if (o.format && jx_format_parse(&format, o.format) != JX_OK)
		return usage_error(usage_score, "unknown format '%s' (json, csv, csv-long, text)",
		                   o.format);
	jx_diagnostics *diags = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return EXIT_DATA;
	jx_rules *rules = NULL;
	jx_batch *batch = NULL;
	rc = load_rules(&rules, o.rules, diags);
	if (rc == 0 && jx_batch_new(&batch, rules) != JX_OK)
		rc = EXIT_DATA;
	if (rc == 0) {
		size_t before = jx_diagnostics_count(diags);
		int read = read_data(batch, &o, diags);
		jx_diagnostics *shown = diags;
		/* print only what reading added (the rule diagnostics are out) */
		for (size_t i = before; i < jx_diagnostics_count(shown); i++) {
			jx_diagnostic dg;
			jx_diagnostics_get(&dg, shown, i);
			const char *sev = dg.severity == JX_SEV_ERROR ? "error" : "warning";
			if (dg.line > 0)
				fprintf(stderr, "%s:%d:%d: %s: %s\n", dg.file, dg.line, dg.col, sev,
				        dg.message);
			else
				fprintf(stderr, "%s: %s: %s\n", dg.file[0] ? dg.file : "jixiao",
				        sev, dg.message);
		}
		if (read != JX_OK)
			rc = EXIT_DATA;
	}
	if (rc == 0)
		rc = score_and_write(rules, batch, &o, format, diags);
	jx_batch_free(batch);
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("jixiao %s\n", jx_version());
		return 0;
	}
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 2, argv + 2);
	if (strcmp(cmd, "score") == 0)
		return cmd_score(argc - 2, argv + 2);
	fprintf(stderr, "jixiao: unknown command '%s'\n\n%s", cmd, usage_main);
	return EXIT_USAGE;
}
