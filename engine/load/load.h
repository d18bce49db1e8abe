/*
 * load.h - the load stage: rule files into a jx_rules (rules_*.c), and
 * department data into a jx_batch through the read pipeline (input.c:
 * bytes -> format by content -> decode -> reader; docs/design.md, "Reading
 * data"). The readers fill the batch with the functions below.
 */
#ifndef JX_LOAD_H
#define JX_LOAD_H

#include "../common/buf.h"
#include "../model/model.h"

/* The effective rules as canonical YAML (load/rules_print.c), and the
 * SHA-256 over it, stored in r->sha256. */
int jx_rules_canonical(const jx_rules *r, jx_buf *out);
void jx_rules_hash(jx_rules *r);

/* Adds a department row with every variable missing; returns its index or
 * -1 when out of memory. id and name must live in the batch arena. */
long jx_batch_push_row(jx_batch *b, const char *id, const char *name, jx_loc loc);
/* Room for `rows` more departments without moving the arrays. */
int jx_batch_reserve(jx_batch *b, size_t rows);
/* Lets chunk (empty) write the values of up to `rows` departments straight
 * into owner's array from row `first` on, which owner has reserved. A chunk
 * that reads more rows than that moves to an array of its own. */
int jx_batch_lend_values(jx_batch *chunk, const jx_batch *owner, size_t first, size_t rows);
/* Appends the rows a chunk read (its own batch, defer_ids set) as if they
 * had been read into b: dept_ids checked in order, words shared, targets and
 * notes renumbered. part keeps no arena afterwards; free it as usual. */
int jx_batch_append(jx_batch *b, jx_batch *part);
/* Puts row's dept_id (of jx_strmap_hash(&b->id_map, ...) `hash`) into the id map; a
 * duplicate is rejected as such, its reason replacing any its cells gave.
 * 0, or -1 when out of memory. */
int jx_batch_check_id(jx_batch *b, size_t row, uint64_t hash);
/* Rejects row as a second department of the same dept_id. */
void jx_batch_reject_duplicate(jx_batch *b, size_t row, jx_loc loc, const char *id);
/* Whether s[0..len) holds an ASCII digit (a figure, not only words). */
int jx_has_digit(const char *s, size_t len);
/* Marks a row rejected with a located reason (kept in the batch arena). */
void jx_batch_reject(jx_batch *b, size_t row, jx_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Stores one cell as a department wrote it into variable `slot`: parses the
 * literal, checks and converts its unit. Returns 0, or -1 with a message in
 * *err (static or arena text) and the byte offset in *err_offset. */
int jx_batch_store_cell(jx_batch *b, size_t row, long slot, const char *text, size_t len,
                        const char **err, size_t *err_offset);
/* Stores a `target.<id>` or `note.<id>` cell; same error convention. */
int jx_batch_store_target(jx_batch *b, size_t row, size_t indicator, const char *text, size_t len,
                          jx_loc loc, const char **err, size_t *err_offset);
int jx_batch_store_note(jx_batch *b, size_t row, size_t indicator, const char *text, size_t len);

/* Readers (load/batch_csv.c, load/batch_doc.c). */
int jx_batch_read_csv(jx_batch *b, const char *file, const char *data, size_t len,
                      jx_diagnostics *diags);
/* A wide CSV read a window of records at a time (load/batch_csv.c):
 * open reads the header (its warnings and errors go to diags); next gives
 * the records that start in the next `bytes` bytes as a batch of their own
 * (the caller frees it), *out NULL at the end, [*from, *to) the bytes it
 * read; their dept_ids are checked by jx_csv_stream_check_ids: a dept_id
 * seen before rejects the row as a duplicate, as reading the whole file
 * into one batch does. data must
 * outlive the stream; the batches hold no pointers into it. */
typedef struct jx_csv_stream jx_csv_stream;
/* The file at path mapped read-only (munmap it) when the read pipeline
 * (load/input.c) would read it with the wide CSV reader as the UTF-8 it
 * is: a regular, non-empty file named .csv/.txt/.tsv holding neither a
 * workbook, nor UTF-16, nor a 自评表; JX_ENOTSUP otherwise. */
int jx_input_map_wide_csv(const char *path, char **data, size_t *len);
/* Whether data[0..len) is UTF-8, checked in parts on up to `jobs` threads. */
int jx_input_utf8_valid(const char *data, size_t len, int jobs);
int jx_csv_stream_open(jx_csv_stream **out, const jx_rules *rules, const char *file,
                       const char *data, size_t len, int jobs, jx_diagnostics *diags);
int jx_csv_stream_next(jx_csv_stream *s, size_t bytes, jx_batch **out, size_t *from, size_t *to);
/* Checks the dept_ids of b (the window jx_csv_stream_next gave for bytes
 * [from, to)) against those before, rejecting the repeated ones as
 * duplicates: called once per window, in order, before the next. */
int jx_csv_stream_check_ids(jx_csv_stream *s, jx_batch *b, size_t from, size_t to);
void jx_csv_stream_free(jx_csv_stream *s);

/* The long CSV of department-declared indicators (load/batch_long.c). */
int jx_batch_read_long_csv(jx_batch *b, const char *file, const char *data, size_t len,
                           jx_diagnostics *diags);
/* A reviewer's findings (load/batch_review.c), against the departments
 * read before. */
int jx_batch_read_review_csv(jx_batch *b, const char *file, const char *data, size_t len,
                             jx_diagnostics *diags);
int jx_batch_read_document(jx_batch *b, const char *file, char *data, size_t len,
                           jx_diagnostics *diags);

/* Departments' 自评表 from an .xlsx / .xls workbook (load/batch_workbook.c):
 * one department per table; path, when not NULL, is the file on disk. */
int jx_batch_read_workbook(jx_batch *b, const char *file, const char *path, const char *data,
                           size_t len, jx_diagnostics *diags);

/* Marks that department row's own 自评表 is read at loc. A department's
 * table comes from one file (one sheet of a workbook): a table from
 * another is refused, the department rejected naming both places. Returns
 * 1 when loc may declare rows for it, 0 when rejected. */
int jx_batch_claim_table(jx_batch *b, size_t row, jx_loc loc);

struct jx_sheet_table;
struct jx_table_row;

/* What `jixiao read` does with the tables a file holds, without a rule
 * set: each workbook table whole, each long CSV row with its dept_id and
 * dept_name cells (api/read_api.c). A nonzero return stops. */
typedef struct {
	int (*sheet_table)(void *ctx, const struct jx_sheet_table *t, size_t tables);
	int (*csv_row)(void *ctx, const struct jx_table_row *row);
	void *ctx;
} jx_table_visitor;

/* The tables of a file or a folder's files (name order), through the read
 * pipeline: bytes, workbook or text by content, decoding. Places point
 * into `keep`. */
int jx_read_tables(const char *path, const jx_read_options *opts, jx_arena *keep,
                   const jx_table_visitor *v, jx_diagnostics *diags);
/* The rows of a long CSV, with no batch (load/batch_long.c). */
int jx_long_csv_rows(const char *file, const char *data, size_t len,
                     int (*fn)(void *ctx, const struct jx_table_row *row), void *ctx,
                     jx_diagnostics *diags);

#endif
