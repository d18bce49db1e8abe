/*
 * jixiao.h - the whole public API of jixiao (绩效), a scoring engine for
 * budget-performance self-evaluations.
 *
 * Lifecycle (the SQLite model: prepare once, run many):
 *
 *   jx_diagnostics *d;  jx_diagnostics_new(&d);
 *   jx_rules *rules;    jx_rules_load(&rules, "indicators/seed", d);   // once
 *   jx_batch *batch;    jx_batch_new(&batch, rules);
 *                       jx_batch_read_file(batch, "data.csv", NULL, d);
 *   jx_result *res;     jx_score(&res, rules, batch, NULL, d);
 *                       jx_result_write(res, JX_FORMAT_JSON, stdout);
 *   jx_result_free(res); jx_batch_free(batch); jx_rules_free(rules);
 *   jx_diagnostics_free(d);
 *
 * Conventions: every function returns 0 (JX_OK) or a negative jx_error code;
 * output parameters come first and are named `out`; every *_free accepts NULL.
 * Problems with a location (file:line:col) are collected in a jx_diagnostics
 * handle the caller owns; several are reported per call, not just the first.
 * A loaded jx_rules is immutable and may be shared between threads; scoring is
 * re-entrant (each call builds its own result).
 *
 * Threads: a jx_rules, and a jx_batch or jx_result that nobody is changing,
 * may be used from any number of threads at once (read, scored, written). A
 * jx_diagnostics handle, and a jx_batch being filled (jx_batch_read_*,
 * jx_batch_add_department, jx_batch_set_*), belong to one thread at a time.
 * Strings the library returns are owned by the handle they came from; the
 * only memory the caller frees itself comes from jx_result_write_buffer()
 * (with jx_free()).
 */
#ifndef JIXIAO_H
#define JIXIAO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(JX_BUILDING_LIBRARY) && defined(__GNUC__)
#define JX_API __attribute__((visibility("default")))
#else
#define JX_API
#endif

#define JX_VERSION_MAJOR  0
#define JX_VERSION_MINOR  2
#define JX_VERSION_PATCH  0
#define JX_VERSION_STRING "0.2.0"

/* Run-time version of the library, e.g. "0.1.0" (static storage). */
JX_API const char *jx_version(void);

typedef enum {
	JX_OK = 0,
	JX_EINVAL = -1, /* bad argument from the caller */
	JX_ENOMEM = -2, /* out of memory */
	JX_EIO = -3,    /* a file could not be read or written */
	JX_ERULES = -4, /* the rule set is invalid (details in the diagnostics) */
	JX_EDATA = -5,  /* department data unreadable (details in the diagnostics) */
	JX_ENOTFOUND = -6,
	JX_ENOTSUP = -7 /* not what this call reads (jx_csv_scores_read): use the general way */
} jx_error;

/* What a jx_error code means, in English ("out of memory"); "unknown error
 * code" for any other int. Static storage: never freed, safe from any
 * thread. */
JX_API const char *jx_strerror(int code);

/* Where the library writes a document (a result, an explanation, the
 * canonical rules, a report): called with each piece, in order, from the
 * thread that called the writing function. Returns 0, or nonzero to stop:
 * the writing function then returns JX_EIO. No FILE * crosses the
 * library's boundary (docs/api.md, "Writing"). */
typedef int (*jx_write_fn)(void *ctx, const char *data, size_t len);

/* ---- diagnostics ------------------------------------------------------ */

typedef struct jx_diagnostics jx_diagnostics;

typedef enum { JX_SEV_NOTE = 0, JX_SEV_WARNING = 1, JX_SEV_ERROR = 2 } jx_severity;

typedef struct {
	jx_severity severity;
	const char *file; /* may be "" when the problem has no file */
	int line;         /* 1-based; 0 when unknown */
	int col;          /* 1-based; 0 when unknown */
	const char *message;
	const char *sheet; /* in a workbook: the sheet, and line/col are the cell's
	                    * row and column (file.xlsx:sheet!H13); NULL in text */
} jx_diagnostic;

/* *out is owned by the caller; free with jx_diagnostics_free(). */
JX_API int jx_diagnostics_new(jx_diagnostics **out);
JX_API void jx_diagnostics_free(jx_diagnostics *diags);
JX_API size_t jx_diagnostics_count(const jx_diagnostics *diags);
JX_API size_t jx_diagnostics_error_count(const jx_diagnostics *diags);
/* *out's strings are owned by diags; valid until jx_diagnostics_free(). */
JX_API int jx_diagnostics_get(jx_diagnostic *out, const jx_diagnostics *diags, size_t i);
/* Writes where a diagnostic points into buf (size bytes, always
 * NUL-terminated): "file:line:col", "file.xlsx:sheet!H13" in a workbook,
 * "file" alone when it has no place, "" when it has no file. Returns the
 * length snprintf would write. */
JX_API int jx_diagnostic_where(char *buf, size_t size, const jx_diagnostic *diag);
/* Writes every diagnostic as "file:line:col: error: message", followed by
 * the source line and a caret when the file can be read. JX_OK, or JX_EIO
 * when write stopped it. */
JX_API int jx_diagnostics_write(const jx_diagnostics *diags, jx_write_fn write, void *ctx);

/* ---- rule sets ---------------------------------------------------------- */

typedef struct jx_rules jx_rules;

/* How to load a rule set: from a path (a YAML file, or a folder of *.yaml
 * files read in name order, with the bases they extend), or from a YAML
 * text in memory (copied; `name` names it in messages; a text is whole: its
 * `extends:` is an error, so a text from a database never reads a file).
 * `year` picks the rules in force that year among dated ones (`effective:`);
 * 0 takes the latest year the files name. Initialise with
 * JX_RULES_OPTIONS_INIT: fields may be added at the end, and `version` tells
 * the library which ones the caller knows. */
#define JX_RULES_OPTIONS_VERSION 1
typedef struct {
	unsigned int version; /* JX_RULES_OPTIONS_VERSION (0 is read as 1) */
	const char *path;     /* a file or folder; or NULL, and: */
	const char *text;     /* the YAML text, text_len bytes */
	size_t text_len;
	const char *name; /* the text's name in messages ("rules") */
	int year;         /* 0: the latest */
} jx_rules_options;
#define JX_RULES_OPTIONS_INIT                                                                      \
	{                                                                                          \
		JX_RULES_OPTIONS_VERSION, NULL, NULL, 0, NULL, 0                                   \
	}

/* Loads a rule set. *out is owned by the caller (jx_rules_free). On
 * failure returns JX_ERULES / JX_EIO (JX_EINVAL for bad options) and adds
 * located errors to diags (may be NULL). */
JX_API int jx_rules_open(jx_rules **out, const jx_rules_options *opts, jx_diagnostics *diags);
/* Shorthand for jx_rules_open with only a path (the latest year). */
JX_API int jx_rules_load(jx_rules **out, const char *path, jx_diagnostics *diags);
JX_API void jx_rules_free(jx_rules *rules);
/* The year the rules were chosen for (0 when nothing in them is dated). */
JX_API int jx_rules_year(const jx_rules *rules);

/* Strings are owned by the rule set; valid until jx_rules_free(). */
JX_API const char *jx_rules_id(const jx_rules *rules);
JX_API const char *jx_rules_name(const jx_rules *rules);
JX_API const char *jx_rules_version(const jx_rules *rules);
/* SHA-256 of the effective rules in canonical form (see jx_rules_write),
 * 64 hex digits: the same rules written differently hash alike. */
JX_API const char *jx_rules_sha256(const jx_rules *rules);
JX_API size_t jx_rules_indicator_count(const jx_rules *rules);

typedef struct {
	const char *id;
	const char *name;
	const char *path; /* groups joined by '/', e.g. "产出指标/数量指标" */
	double weight;
	const char *unit;   /* "" when none */
	const char *target; /* the literal as written, "" when none */
	const char *method; /* "ratio", "inverse", ... */
	const char *value;  /* the expression source */
} jx_indicator_info;

/* Fills *out with indicator i (0-based, in file order); strings owned by rules. */
JX_API int jx_rules_indicator(jx_indicator_info *out, const jx_rules *rules, size_t i);
/* Writes the effective rule set (after `extends:`, overrides and removals,
 * for the chosen year) as canonical YAML: what `jixiao check --print` shows
 * and what jx_rules_sha256() is taken over. */
JX_API int jx_rules_write(const jx_rules *rules, jx_write_fn write, void *ctx);
/* Writes the bytecode of every expression as a readable listing. */
JX_API int jx_rules_write_bytecode(const jx_rules *rules, jx_write_fn write, void *ctx);

typedef struct {
	const char *path; /* groups joined by '/', e.g. "产出指标/数量指标" */
	const char *name; /* the last element, e.g. "数量指标" */
	int depth;        /* 1 for a first-level group */
	long parent;      /* index of the enclosing group, -1 at the top */
	double weight;    /* as written, else the sum of the weights below it */
} jx_group_info;

/* Groups of indicators, parents before children, in file order. */
JX_API size_t jx_rules_group_count(const jx_rules *rules);
/* Fills *out with group i (0-based); strings owned by rules, valid until
 * jx_rules_free(). JX_EINVAL when i is out of range. */
JX_API int jx_rules_group(jx_group_info *out, const jx_rules *rules, size_t i);

typedef struct {
	const char *name; /* "优" */
	double min;       /* the lowest rounded total that earns the grade */
} jx_grade_info;

/* Grade bands, best first: a total gets the first grade whose min it reaches. */
JX_API size_t jx_rules_grade_count(const jx_rules *rules);
/* Fills *out with grade i (0-based); the name is owned by rules, valid until
 * jx_rules_free(). JX_EINVAL when i is out of range. */
JX_API int jx_rules_grade(jx_grade_info *out, const jx_rules *rules, size_t i);

/* Runs the rule set's own tests: the *.yaml files of the `tests/` folder
 * beside the rules (docs/rules.md, "Rule tests"). Writes "ok" / "FAIL
 * file:line:col ..." lines through report; *out_failed gets the number of
 * failed tests. Returns JX_OK, or JX_ENOTFOUND when there are no tests,
 * JX_ERULES when a test file is malformed (details in diags), JX_EIO when
 * report stopped it. */
JX_API int jx_rules_test(size_t *out_failed, const char *rules_path, jx_write_fn report, void *ctx,
                         jx_diagnostics *diags);

/* ---- department data ---------------------------------------------------- */

typedef struct jx_batch jx_batch;

/* A batch of departments for one rule set; *out owned by the caller
 * (jx_batch_free). The rule set must outlive the batch. */
JX_API int jx_batch_new(jx_batch **out, const jx_rules *rules);
JX_API void jx_batch_free(jx_batch *batch);

/* How department data is read. Initialise with JX_READ_OPTIONS_INIT (or
 * NULL for the defaults): fields may be added at the end. */
#define JX_READ_OPTIONS_VERSION 1
typedef struct {
	unsigned int version; /* JX_READ_OPTIONS_VERSION (0 is read as 1) */
	const char *encoding; /* NULL or "utf-8"; "gbk"/"gb18030" when supported */
} jx_read_options;
#define JX_READ_OPTIONS_INIT                                                                       \
	{                                                                                          \
		JX_READ_OPTIONS_VERSION, NULL                                                      \
	}

/* Threads for reading a large wide CSV (1 by default): the rows, their
 * order, reasons and locations are the same for any number. */
JX_API void jx_batch_set_read_jobs(jx_batch *batch, int jobs);

/* Reads departments from a file: wide CSV (*.csv, or "-" for stdin), or one
 * department as YAML (*.yaml, *.yml) or JSON (*.json). Bad rows become
 * rejected departments with a located reason (also added to diags as
 * warnings); the file as a whole failing returns JX_EDATA/JX_EIO. */
JX_API int jx_batch_read_file(jx_batch *batch, const char *path, const jx_read_options *opts,
                              jx_diagnostics *diags);
/* Reads a long CSV of department-declared indicators (docs/data.md §3: dept_id,
 * dept_name, indicator, path, weight, target, actual, note), one row per
 * department x indicator, scored under the rule set's `declared:` rules.
 * Rows join the departments already read (by dept_id); a department only
 * in this file is added. A row named like a defined indicator (预算执行率)
 * gives that indicator's actual value and target instead. */
JX_API int jx_batch_read_indicators(jx_batch *batch, const char *path, const jx_read_options *opts,
                                    jx_diagnostics *diags);
/* Reads a reviewer's findings (复核, docs/review.md): a CSV of dept_id,
 * indicator and any of code, actual, score, note, one row per reviewed
 * row of a department read before. `code` names an entry of the rule
 * set's review_codes (its `keep` share of the row's score stays); `actual`
 * replaces the department's figure and is scored by the rules; `score`
 * sets the row's score outright. A finding naming no department, row or
 * code of the run is an error located in FILE (JX_EDATA). */
JX_API int jx_batch_read_review(jx_batch *batch, const char *path, const jx_read_options *opts,
                                jx_diagnostics *diags);
/* Same from memory; `name` is used in locations, `format` is "csv", "yaml",
 * "json" or "indicators" (the long CSV of declared indicators). The buffer is copied as needed. */
JX_API int jx_batch_read_buffer(jx_batch *batch, const char *name, const char *format,
                                const char *data, size_t len, jx_diagnostics *diags);

/* Building a department in memory. *out_index receives its row (may be NULL). */
JX_API int jx_batch_add_department(size_t *out_index, jx_batch *batch, const char *id,
                                   const char *name);
/* Sets a variable to a number (already in the variable's unit). */
JX_API int jx_batch_set_number(jx_batch *batch, size_t dept, const char *variable, double value);
/* Sets a variable, a `target.<id>` or a `note.<id>` from text as a department
 * writes it ("98.6%", "236.74万元", "达成", "不适用"). */
JX_API int jx_batch_set_text(jx_batch *batch, size_t dept, const char *column, const char *text);
JX_API size_t jx_batch_count(const jx_batch *batch);
/* The fiscal_year every department of the batch gives; 0 when none gives
 * one, -1 when they differ. */
JX_API int jx_batch_fiscal_year(const jx_batch *batch);

/* ---- scoring ------------------------------------------------------------ */

typedef struct jx_result jx_result;

/* Progress of jx_score: `done` of `total` steps (each department is visited
 * in two passes, so total = 2 x departments). Called from the thread that
 * called jx_score, about every 1 %, and once with done == total at the end;
 * never from a worker thread. */
typedef void (*jx_progress_fn)(void *ctx, size_t done, size_t total);

/* Initialise with JX_SCORE_OPTIONS_INIT (or NULL for the defaults) and set
 * the fields you need: fields may be added at the end. */
#define JX_SCORE_OPTIONS_VERSION 1
typedef struct {
	unsigned int version;    /* JX_SCORE_OPTIONS_VERSION (0 is read as 1) */
	int lenient;             /* nonzero: an `error` check does not reject the department */
	int jobs;                /* worker threads; 0 or 1 = the calling thread */
	jx_progress_fn progress; /* NULL: no progress reports */
	void *progress_ctx;      /* passed to progress */
} jx_score_options;
#define JX_SCORE_OPTIONS_INIT                                                                      \
	{                                                                                          \
		JX_SCORE_OPTIONS_VERSION, 0, 0, NULL, NULL                                         \
	}

/* Scores every department of the batch. *out owned by the caller
 * (jx_result_free); it keeps pointers into rules and batch, which must
 * outlive it and, while it lives, the batch must not be changed. Neither is
 * modified: several threads may score the same rules and batch at once.
 * diags (may be NULL) receives a warning per rejected department, at its
 * place in the data, with its reason (also in jx_dept_info.reason): a
 * batch's problems never fail the call. */
JX_API int jx_score(jx_result **out, const jx_rules *rules, const jx_batch *batch,
                    const jx_score_options *opts, jx_diagnostics *diags);
JX_API void jx_result_free(jx_result *result);

typedef enum { JX_DEPT_SCORED = 0, JX_DEPT_REJECTED = 1 } jx_dept_status;

typedef struct {
	const char *id;
	const char *name;
	jx_dept_status status;
	double score; /* unrounded total; NaN when rejected */
	double score_rounded;
	const char *grade;          /* "" when rejected */
	int rank;                   /* 1-based; 0 when rejected */
	const char *reason;         /* why rejected, "" otherwise */
	size_t failed_checks;       /* checks of either severity that failed */
	size_t failed_error_checks; /* of those, severity error (rejects unless lenient) */
	/* 复核 (docs/review.md): the table's own 总分 and claimed - score as
	 * shown (NaN when nothing was claimed), and the flags, JX_FLAG_* bits */
	double claimed_score;
	double score_difference;
	unsigned flags;
} jx_dept_info;

/* The flags of jx_dept_info.flags, as every output names them. */
#define JX_FLAG_WEIGHTS_OFF_SCHEME   (1u << 0) /* "weights_off_scheme" */
#define JX_FLAG_CLAIM_ABOVE_RULES    (1u << 1) /* "claim_above_rules" */
#define JX_FLAG_CLAIM_BELOW_RULES    (1u << 2) /* "claim_below_rules" */
#define JX_FLAG_ALL_FULL_MARKS       (1u << 3) /* "all_full_marks" */
#define JX_FLAG_AHEAD_OF_EXECUTION   (1u << 4) /* "ahead_of_execution" */
#define JX_FLAG_CLAIMED_SUM_MISMATCH (1u << 5) /* "claimed_sum_mismatch" */
/* The name of flag bit `flag` (one JX_FLAG_*), or NULL; static storage. */
JX_API const char *jx_flag_name(unsigned flag);

typedef enum {
	JX_IND_OK = 0,
	JX_IND_MISSING = 1,
	JX_IND_UNDEFINED = 2,
	JX_IND_EXCLUDED = 3, /* not applicable: left out of the total */
	JX_IND_ERROR = 4     /* e.g. unit mismatch */
} jx_indicator_status;

typedef struct {
	const char *id;
	double actual;           /* NaN when not a number */
	const char *actual_text; /* text actual (达成), "" otherwise */
	double target;           /* NaN when none/qualitative */
	double completion;       /* NaN when undefined */
	double weight;
	double score; /* unrounded */
	jx_indicator_status status;
	const char *reason; /* "" when ok */
	int needs_note;
	/* added in 0.2: */
	const char *name;        /* as the rule set or the department's table names it */
	const char *path;        /* "产出指标/数量指标", "" at the top */
	int declared;            /* 1: a row of the department's own table */
	double claimed;          /* the department's 得分; NaN when none */
	double difference;       /* claimed - score as shown; NaN when none */
	const char *review_code; /* a reviewer's code, "" when none */
	const char *review_note; /* and note, "" when none */
} jx_indicator_result;

JX_API size_t jx_result_count(const jx_result *result);
/* Strings owned by the result; valid until jx_result_free(). */
JX_API int jx_result_department(jx_dept_info *out, const jx_result *result, size_t dept);
/* Department dept's indicators: the rule set's own (0 ..
 * jx_rules_indicator_count - 1, in file order), then the rows of its own
 * table (docs/data.md, "Indicator tables"). */
JX_API size_t jx_result_indicator_count(const jx_result *result, size_t dept);
JX_API int jx_result_indicator(jx_indicator_result *out, const jx_result *result, size_t dept,
                               size_t indicator);
/* Department dept's score in group g (as jx_rules_group numbers them). */
JX_API int jx_result_group(double *out, const jx_result *result, size_t dept, size_t group);

typedef enum {
	JX_CHECK_PASSED = 0,
	JX_CHECK_FAILED = 1,
	JX_CHECK_NOT_EVALUATED = 2 /* a side was missing or undefined: see reason */
} jx_check_status;

typedef struct {
	const char *id;
	jx_check_status status;
	int error;           /* severity error (rejects unless lenient); 0: warning */
	double lhs, rhs;     /* the two sides as evaluated (NaN when not) */
	const char *message; /* the rule set's message */
	const char *reason;  /* why not evaluated, "" otherwise */
} jx_check_info;

/* The rule set's checks (docs/rules.md, "Checks"), and department dept's
 * result for check c; strings owned by the rules or the result. */
JX_API size_t jx_rules_check_count(const jx_rules *rules);
JX_API int jx_result_check(jx_check_info *out, const jx_result *result, size_t dept, size_t check);
/* Finds a department by its dept_id; JX_ENOTFOUND when absent. */
JX_API int jx_result_find(size_t *out, const jx_result *result, const char *dept_id);
/* Writes every step of department `dept`'s score, or of one indicator when
 * indicator_id is not NULL (JX_ENOTFOUND for an unknown id), in the words of
 * the 自评表, with the department's numbers substituted. */
JX_API int jx_result_explain(const jx_result *result, size_t dept, const char *indicator_id,
                             jx_write_fn write, void *ctx);
/* Number of departments rejected (by bad data or a failed `error` check). */
JX_API size_t jx_result_rejected_count(const jx_result *result);

typedef struct {
	size_t total; /* departments in the batch */
	size_t scored;
	size_t rejected;
	/* Over the unrounded totals of the scored departments; NaN when there
	 * are none (sd: fewer than two). */
	double mean, median, sd, min, max;
} jx_summary_info;

/* Fills *out with the batch statistics of the result (a copy; nothing to free). */
JX_API int jx_result_summary(jx_summary_info *out, const jx_result *result);
/* *out receives how many scored departments earned grade i (as numbered by
 * jx_rules_grade()). JX_EINVAL when i is out of range. */
JX_API int jx_result_grade_count(size_t *out, const jx_result *result, size_t grade);

typedef enum {
	JX_FORMAT_JSON = 0,
	JX_FORMAT_CSV = 1,
	JX_FORMAT_CSV_LONG = 2,
	JX_FORMAT_TEXT = 3,
	JX_FORMAT_XLSX = 4, /* an Excel workbook (binary): summary, statistics
	                       with charts, 自评表, details (libxlsxwriter) */
	JX_FORMAT_HTML = 5  /* one self-contained HTML report with inline SVG
	                       charts, printable on A4 */
} jx_format;

/* `jixiao read`: the departments' indicator tables in paths (workbooks,
 * long CSVs, or folders of them), read without a rule set and written as
 * JX_FORMAT_CSV (the long CSV that `--indicators` reads: a workbook table's
 * rows, its fund block as a 预算执行率 row with budget columns, its 总分) or
 * JX_FORMAT_JSON (per table: file, sheet, the header row found, the column
 * of each heading, the header and fund blocks, every row and what it was
 * taken for). *out is owned by the caller (jx_free), NUL-terminated; on a
 * file that cannot be read the others are still written and the error is
 * returned (details in diags). */
JX_API int jx_tables_read(char **out, size_t *out_len, const char *const *paths, size_t n_paths,
                          jx_format format, const jx_read_options *opts, jx_diagnostics *diags);

/* Parses "json", "csv", "csv-long", "text", "xlsx", "html"; JX_EINVAL
 * otherwise. */
JX_API int jx_format_parse(jx_format *out, const char *name);
/* Writes how the departments' scores, grades and ranks move from `old` to
 * `new_` (the same data scored under two rule sets, matched by dept_id):
 * JX_FORMAT_TEXT or JX_FORMAT_JSON (per department id, old {score, grade,
 * rank}, new {...}, delta; counts of grade changes). */
JX_API int jx_result_diff_write(const jx_result *old, const jx_result *new_, jx_format format,
                                jx_write_fn write, void *ctx);
/* Writes the result through write, in pieces (a large batch is never held
 * whole); byte-identical for identical inputs. JX_FORMAT_XLSX is binary (a
 * zip container). JX_EIO when write stopped it. */
JX_API int jx_result_write(const jx_result *result, jx_format format, jx_write_fn write, void *ctx);
/* Same into memory: *out receives a NUL-terminated copy of the document and
 * *out_len its length in bytes (out_len may be NULL). *out is owned by the
 * caller; free it with jx_free(). On failure *out is NULL. */
JX_API int jx_result_write_buffer(char **out, size_t *out_len, const jx_result *result,
                                  jx_format format);
/* Flags of jx_result_write_department. */
#define JX_DEPT_OMIT_RANK 1u /* leave out "rank" (a department scored on its own) */
/* One department's object of the JSON document (JX_FORMAT_JSON's
 * "departments"[dept]): the same members, in the same order, with the same
 * numbers; flags 0 or JX_DEPT_OMIT_RANK. *out receives a NUL-terminated
 * copy, owned by the caller (free it with jx_free()), *out_len its length
 * (out_len may be NULL). JX_EINVAL for a dept out of range or an unknown
 * flag; on failure *out is NULL. */
JX_API int jx_result_write_department(char **out, size_t *out_len, const jx_result *result,
                                      size_t dept, unsigned flags);
/* ---- A large CSV scored in bounded memory (docs/performance.md, "Streaming")
 *
 * jx_csv_scores_read reads one wide CSV (docs/data.md §2) a window of
 * departments at a time, scores each window and keeps only its rows of
 * JX_FORMAT_CSV and its totals; jx_csv_scores_write adds the ranks and the
 * outlier flags, which need the whole batch, and writes the table. The
 * bytes are those jx_batch_read_file + jx_score + jx_result_write(...,
 * JX_FORMAT_CSV, ...) give for the same file and options, in a fraction of
 * the memory. JX_ENOTSUP, with nothing in diags, when the file is not one
 * this way reads: not a regular file, not UTF-8 text, a workbook, a 自评表,
 * a YAML/JSON department, no departments or no dept_id column; read it the
 * general way then (which says what is wrong, if anything). Options: jobs
 * and lenient as jx_score's; progress reports the bytes of the file done,
 * on the calling thread. opts is copied: it need not outlive the call
 * (csv-long scores in jx_csv_scores_write, with the options given here). */
typedef struct jx_csv_scores jx_csv_scores;
JX_API int jx_csv_scores_read(jx_csv_scores **out, const jx_rules *rules, const char *path,
                              const jx_score_options *opts, jx_diagnostics *diags);
/* The same for JX_FORMAT_CSV_LONG, which needs nothing of the whole batch:
 * _read_long checks the file and reads its first window (so JX_ENOTSUP
 * comes before anything is written), and jx_csv_scores_write scores the
 * file window by window, writing each window's rows as it goes (memory: a
 * window). Written once; the counts and problems are there after it. */
JX_API int jx_csv_scores_read_long(jx_csv_scores **out, const jx_rules *rules, const char *path,
                                   const jx_score_options *opts, jx_diagnostics *diags);
JX_API int jx_csv_scores_write(jx_csv_scores *scores, jx_write_fn write, void *ctx);
JX_API size_t jx_csv_scores_count(const jx_csv_scores *scores);
/* The departments' fiscal_year, as jx_batch_fiscal_year says it: 0 when
 * none gives one, -1 when they differ. Rules chosen by the data's year
 * (jx_rules_options.year) are checked with it: a mismatch means reading
 * again with the right rules. */
JX_API int jx_csv_scores_fiscal_year(const jx_csv_scores *scores);
/* The departments rejected or failing an `error` check, in input order:
 * how many, and the first JX_CSV_SCORES_KEPT of them (id, name, status,
 * score, reason, failed_checks, failed_error_checks are filled; strings
 * owned by scores). JX_ENOTFOUND past those kept. */
#define JX_CSV_SCORES_KEPT 100
JX_API size_t jx_csv_scores_problem_count(const jx_csv_scores *scores);
JX_API int jx_csv_scores_problem(jx_dept_info *out, const jx_csv_scores *scores, size_t k);
JX_API void jx_csv_scores_free(jx_csv_scores *scores);

/* Frees memory the library handed to the caller (jx_result_write_buffer,
 * jx_result_write_department). NULL is a no-op. */
JX_API void jx_free(void *ptr);

#ifdef __cplusplus
}
#endif
#endif /* JIXIAO_H */
