/*
 * cli.h - what the jixiao commands share: options, loading rules and data,
 * writing output. The CLI uses nothing but include/jixiao.h.
 */
#ifndef JX_CLI_H
#define JX_CLI_H

#include <stdio.h>

#include "jixiao.h"

/* Exit codes (man/jixiao.1). */
enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_RULES = 3, EXIT_DATA = 4 };

#define CLI_MAX_PATHS 256

typedef struct {
	const char *paths[CLI_MAX_PATHS]; /* positional arguments */
	int npaths;
	const char *format;
	const char *output;
	const char *encoding;
	const char *dept;
	const char *indicator;
	const char *review;               /* --review FILE: a reviewer's findings */
	const char *indicators_files[16]; /* --indicators, repeatable */
	int nindicators;
	int year;
	int lenient;
	int jobs;
	int dump_bytecode;
	int print;
	int quiet; /* --quiet: no progress bar, no warnings (errors still shown) */
} cli_options;

/* What every command does first: --help prints `usage`; else argv is parsed
 * into *o. Returns 1 when the command should return *rc now (help shown,
 * or a usage error), 0 to go on. */
int cli_start(cli_options *o, int argc, char **argv, const char *usage, int *rc);
/* Parses argv; 0, or an exit code after printing the problem and `usage`. */
int cli_parse(cli_options *o, int argc, char **argv, const char *usage);
int cli_wants_help(int argc, char **argv);
/* Threads used when --jobs is not given: the online CPUs, at most 8. */
int cli_default_jobs(void);
int cli_usage_error(const char *usage, const char *fmt, const char *arg);

/* Loads rules for `year` (0: the latest), printing diagnostics; 0 or
 * EXIT_RULES. */
int cli_load_rules(jx_rules **out, const char *path, int year, jx_diagnostics *diags);
/* Loads rules and reads data files into a batch. Without --year, when the
 * rules are dated and every department gives the same fiscal_year, the
 * rules in force that year are used. 0 or an exit code. */
int cli_load(jx_rules **rules, jx_batch **batch, const char *rules_path, const char *const *data,
             int ndata, const cli_options *o, jx_diagnostics *diags);
/* cli_load after its rules are loaded into *rules (which it may replace
 * with the rules of the data's year). */
int cli_load_data(jx_rules **rules, jx_batch **batch, const char *rules_path,
                  const char *const *data, int ndata, const cli_options *o, jx_diagnostics *diags);
/* Prints "jixiao: WHAT: " and what the library's code means (jx_strerror);
 * for JX_EIO also the system's reason when err (an errno) is not 0. */
void cli_report(const char *what, int code, int err);
/* Prints the diagnostics from index `from` on (errors only after --quiet). */
void cli_print_diagnostics(const jx_diagnostics *diags, size_t from);

/* Writes through a temporary file renamed into place: no half-written file.
 * The rename itself may still be running when it returns 0: cli_finish
 * tells whether it worked. */
int cli_write_atomically(const char *path, int (*write)(void *ctx, FILE *f), void *ctx);
/* Waits for the rename cli_write_atomically left running; 0, or -1 when it
 * failed (the message is printed). main calls it before exiting. */
int cli_finish(void);
/* A jx_write_fn writing to a stdio stream (ctx is the FILE *): the library
 * writes through callbacks, the CLI owns its streams. */
int cli_fwrite(void *ctx, const char *data, size_t len);

int cmd_check(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_read(int argc, char **argv);

#endif
