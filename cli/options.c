/*
 * options.c - command-line parsing and the steps every command shares.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_usage_error(const char *usage, const char *fmt, const char *arg)
{
	fprintf(stderr, "jixiao: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n\n%s", usage);
	return EXIT_USAGE;
}

int cli_start(cli_options *o, int argc, char **argv, const char *usage, int *rc)
{
	*rc = 0;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 1;
	}
	*o = (cli_options){0};
	*rc = cli_parse(o, argc, argv, usage);
	if (!o->jobs)
		o->jobs = cli_default_jobs();
	return *rc != 0;
}

/* Without --jobs, one thread per online CPU (at most 8): the output is the
 * same whatever the count, and small batches stay on one thread anyway
 * (reading, scoring and writing each start threads only when the batch is
 * large enough to pay for them). */
int cli_default_jobs(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
}

int cli_wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

static int parse_int(const char *value, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	if (!*value || *end || errno || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

typedef enum { OPT_FLAG, OPT_STRING, OPT_INT } opt_kind;

typedef struct {
	const char *name;
	const char *alias;
	opt_kind kind;
	size_t offset; /* into cli_options */
	long lo, hi;   /* OPT_INT */
} opt_spec;

#define FIELD(f) offsetof(cli_options, f)
static const opt_spec specs[] = {
    {"--format", "-f", OPT_STRING, FIELD(format), 0, 0},
    {"--output", "-o", OPT_STRING, FIELD(output), 0, 0},
    {"--encoding", NULL, OPT_STRING, FIELD(encoding), 0, 0},
    {"--dept", NULL, OPT_STRING, FIELD(dept), 0, 0},
    {"--indicator", NULL, OPT_STRING, FIELD(indicator), 0, 0},
    {"--review", NULL, OPT_STRING, FIELD(review), 0, 0},
    {"--year", NULL, OPT_INT, FIELD(year), 1900, 9999},
    {"--jobs", "-j", OPT_INT, FIELD(jobs), 1, 256},
    {"--lenient", NULL, OPT_FLAG, FIELD(lenient), 0, 0},
    {"--dump-bytecode", NULL, OPT_FLAG, FIELD(dump_bytecode), 0, 0},
    {"--print", NULL, OPT_FLAG, FIELD(print), 0, 0},
    {"--quiet", "-q", OPT_FLAG, FIELD(quiet), 0, 0},
};

/* --quiet: warnings and notes are not printed (set by cli_parse). */
static int quiet_diagnostics;

static const opt_spec *find_spec(const char *name)
{
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (strcmp(name, specs[i].name) == 0 ||
		    (specs[i].alias && strcmp(name, specs[i].alias) == 0))
			return &specs[i];
	return NULL;
}

/* Parses `--name value`, `--name=value`, flags and positional arguments. */
int cli_parse(cli_options *o, int argc, char **argv, const char *usage)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || a[1] == '\0') {
			if (o->npaths == CLI_MAX_PATHS)
				return cli_usage_error(usage, "too many paths (at most %s)", "256");
			o->paths[o->npaths++] = a;
			continue;
		}
		char name[64];
		const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
		snprintf(name, sizeof(name), "%.*s", eq ? (int)(eq - a) : (int)strlen(a), a);
		if (strcmp(name, "--indicators") == 0) {
			/* repeatable: one long CSV per department table */
			const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!value)
				return cli_usage_error(usage, "option %s needs a value", name);
			if (o->nindicators == 16)
				return cli_usage_error(usage, "at most %s --indicators files",
				                       "16");
			o->indicators_files[o->nindicators++] = value;
			continue;
		}
		const opt_spec *spec = find_spec(name);
		if (!spec)
			return cli_usage_error(usage, "unknown option '%s'", a);
		char *field = (char *)o + spec->offset;
		if (spec->kind == OPT_FLAG) {
			if (eq)
				return cli_usage_error(usage, "option %s takes no value", name);
			*(int *)field = 1;
			continue;
		}
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!value)
			return cli_usage_error(usage, "option %s needs a value", name);
		long n;
		if (spec->kind == OPT_STRING)
			*(const char **)field = value;
		else if (parse_int(value, spec->lo, spec->hi, &n) == 0)
			*(int *)field = (int)n;
		else
			return cli_usage_error(usage, "bad number for the option: '%s'", value);
	}
	quiet_diagnostics = o->quiet;
	return 0;
}

int cli_fwrite(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

void cli_report(const char *what, int code, int err)
{
	if (code == JX_EIO && err)
		fprintf(stderr, "jixiao: %s: %s (%s)\n", what, jx_strerror(code), strerror(err));
	else
		fprintf(stderr, "jixiao: %s: %s\n", what, jx_strerror(code));
}

void cli_print_diagnostics(const jx_diagnostics *diags, size_t from)
{
	for (size_t i = from; i < jx_diagnostics_count(diags); i++) {
		jx_diagnostic dg;
		jx_diagnostics_get(&dg, diags, i);
		if (quiet_diagnostics && dg.severity != JX_SEV_ERROR)
			continue;
		const char *sev = dg.severity == JX_SEV_ERROR     ? "error"
		                  : dg.severity == JX_SEV_WARNING ? "warning"
		                                                  : "note";
		char where[1024];
		jx_diagnostic_where(where, sizeof(where), &dg);
		fprintf(stderr, "%s: %s: %s\n", where[0] ? where : "jixiao", sev, dg.message);
	}
}

int cli_load_rules(jx_rules **out, const char *path, int year, jx_diagnostics *diags)
{
	size_t before = jx_diagnostics_count(diags);
	jx_rules_options ro = JX_RULES_OPTIONS_INIT;
	ro.path = path;
	ro.year = year;
	int rc = jx_rules_open(out, &ro, diags);
	int show = quiet_diagnostics ? rc != JX_OK : jx_diagnostics_count(diags) > before;
	if (show) {
		if (before == 0 && !quiet_diagnostics)
			jx_diagnostics_write(diags, cli_fwrite, stderr);
		else
			cli_print_diagnostics(diags, before);
	}
	if (rc != JX_OK) {
		fprintf(stderr, "jixiao: %s: the rule set has %zu error(s)\n", path,
		        jx_diagnostics_error_count(diags));
		return EXIT_RULES;
	}
	return 0;
}

static int read_batch(jx_batch **batch, const jx_rules *rules, const char *const *data, int ndata,
                      const cli_options *o, jx_diagnostics *diags, int print)
{
	if (jx_batch_new(batch, rules) != JX_OK)
		return EXIT_DATA;
	jx_read_options ro = JX_READ_OPTIONS_INIT;
	ro.encoding = o->encoding;
	jx_batch_set_read_jobs(*batch, o->jobs);
	size_t before = jx_diagnostics_count(diags);
	int rc = 0;
	for (int i = 0; i < ndata && rc == 0; i++)
		if (jx_batch_read_file(*batch, data[i], &ro, diags) != JX_OK)
			rc = EXIT_DATA;
	/* the department-declared indicators join the departments read above */
	for (int i = 0; rc == 0 && i < o->nindicators; i++)
		if (jx_batch_read_indicators(*batch, o->indicators_files[i], &ro, diags) != JX_OK)
			rc = EXIT_DATA;
	/* the reviewer's findings name the rows read above */
	if (rc == 0 && o->review && jx_batch_read_review(*batch, o->review, &ro, diags) != JX_OK)
		rc = EXIT_DATA;
	if (print)
		cli_print_diagnostics(diags, before);
	return rc;
}

int cli_load(jx_rules **rules, jx_batch **batch, const char *rules_path, const char *const *data,
             int ndata, const cli_options *o, jx_diagnostics *diags)
{
	*rules = NULL;
	*batch = NULL;
	int rc = cli_load_rules(rules, rules_path, o->year, diags);
	return rc == 0 ? cli_load_data(rules, batch, rules_path, data, ndata, o, diags) : rc;
}

int cli_load_data(jx_rules **rules, jx_batch **batch, const char *rules_path,
                  const char *const *data, int ndata, const cli_options *o, jx_diagnostics *diags)
{
	int rc = 0;
	int dated = !o->year && jx_rules_year(*rules);
	if (!dated)
		return read_batch(batch, *rules, data, ndata, o, diags, 1);
	/* Dated rules and no --year: the data's fiscal_year decides. Reading
	 * with the latest rules says which year; what that reading reports is
	 * shown only if those rules are the ones kept. */
	jx_diagnostics *first = NULL;
	if (jx_diagnostics_new(&first) != JX_OK)
		return EXIT_DATA;
	rc = read_batch(batch, *rules, data, ndata, o, first, 0);
	int year = rc == 0 ? jx_batch_fiscal_year(*batch) : 0;
	if (rc != 0 || year == 0 || year == jx_rules_year(*rules)) {
		cli_print_diagnostics(first, 0);
		jx_diagnostics_free(first);
		return rc;
	}
	jx_diagnostics_free(first);
	if (year < 0) {
		fprintf(stderr, "jixiao: the departments give different fiscal years and the "
		                "rules are dated: choose the rules with --year\n");
		return EXIT_USAGE;
	}
	jx_batch_free(*batch);
	jx_rules_free(*rules);
	*batch = NULL;
	*rules = NULL;
	rc = cli_load_rules(rules, rules_path, year, diags);
	return rc == 0 ? read_batch(batch, *rules, data, ndata, o, diags, 1) : rc;
}

/* A device, pipe or symlink to one (-o /dev/stdout) is written directly:
 * renaming over it would replace it. */
static int write_directly(const char *path, int (*write)(void *ctx, FILE *f), void *ctx)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "jixiao: %s: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	int ok = write(ctx, f) == 0 && fflush(f) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok)
		fprintf(stderr, "jixiao: %s: cannot write: %s\n", path, strerror(errno));
	return ok ? 0 : -1;
}

/* Putting a written output in place costs the kernel time the command
 * need not wait for: on ext4, renaming over an existing file starts
 * writing the new one out (auto_da_alloc), and the replaced file's pages
 * leave the page cache when its last link goes: ~0.07 s together for the
 * 100 MB CSV of 500 000 departments, paid by every rerun with the same -o.
 * So the rename runs on a thread of its own while the command frees its
 * result, the replaced file kept open across it and closed there too;
 * cli_finish waits for it and says whether it worked. */
typedef struct {
	char *tmp;        /* the written file */
	const char *path; /* where it goes */
	int ok;
} commit_job;

static struct {
	pthread_t thread;
	int running;
	commit_job job;
} pending;

static void *commit(void *arg)
{
	commit_job *job = arg;
	int old = open(job->path, O_RDONLY | O_CLOEXEC);
	job->ok = rename(job->tmp, job->path) == 0;
	if (!job->ok) {
		fprintf(stderr, "jixiao: %s: cannot write: %s\n", job->path, strerror(errno));
		unlink(job->tmp);
	}
	if (old >= 0)
		close(old);
	free(job->tmp);
	return NULL;
}

int cli_finish(void)
{
	if (!pending.running)
		return 0;
	pthread_join(pending.thread, NULL);
	pending.running = 0;
	return pending.job.ok ? 0 : -1;
}

/* Renames tmp (malloc'd, taken) to path on a thread; here when no thread
 * can be started. 0, or -1 when that rename failed. */
static int commit_in_background(char *tmp, const char *path)
{
	int rc = cli_finish();
	pending.job = (commit_job){tmp, path, 0};
	pending.running = pthread_create(&pending.thread, NULL, commit, &pending.job) == 0;
	if (!pending.running) {
		commit(&pending.job);
		return pending.job.ok && rc == 0 ? 0 : -1;
	}
	return rc;
}

int cli_write_atomically(const char *path, int (*write)(void *ctx, FILE *f), void *ctx)
{
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_directly(path, write, ctx);
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
	/* mkstemp makes the file 0600; give it the mode a plain open would */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	FILE *f = fdopen(fd, "wb");
	int ok = f && write(ctx, f) == 0;
	/* no fsync: the rename already means nobody ever sees a half-written
	 * file; surviving a power cut is the file system's business */
	ok = ok && fflush(f) == 0;
	if (f)
		ok = fclose(f) == 0 && ok;
	else
		close(fd);
	if (ok)
		return commit_in_background(tmp, path);
	fprintf(stderr, "jixiao: %s: cannot write: %s\n", path, strerror(errno));
	unlink(tmp);
	free(tmp);
	return -1;
}
