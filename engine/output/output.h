/*
 * output.h - the output stage: a ranked and summarised result written as
 * JSON, CSV, csv-long, text, xlsx or HTML (docs/data.md, docs/reports.md),
 * and `explain` / `diff`.
 */
#ifndef JX_OUTPUT_H
#define JX_OUTPUT_H

#include "../common/buf.h"
#include "../model/model.h"
#include "../stats/stats.h"

/* Writers (output/). Each appends the whole document to out. */
int jx_write_json(const struct jx_result *r, jx_buf *out);
int jx_write_csv(const struct jx_result *r, jx_buf *out);
/* `csv` for a batch scored in windows (api/stream_api.c): the header row;
 * and the rows of a window's departments [from, to) as jx_write_csv writes
 * them, less what only the whole batch knows (its rank, an outlier flag),
 * appended to rows, marks[d - from] saying where each row starts and where
 * those go (from the row's start). claimed: the batch claims a total.
 * Safe on several threads at once for other departments and buffers. */
typedef struct {
	size_t at;
	uint32_t rank_at, flags_at;
} jx_csv_mark;
void jx_csv_header(jx_buf *out, const jx_rules *r, int claimed);
int jx_csv_rows_unranked(jx_buf *rows, jx_csv_mark *marks, const struct jx_result *res, size_t from,
                         size_t to, int claimed);
int jx_write_csv_long(const struct jx_result *r, jx_buf *out);
/* `csv-long` of a batch scored in windows: its header row, and the rows of
 * departments [from, to) (nothing in csv-long needs the whole batch). */
void jx_csv_long_header(jx_buf *out);
int jx_csv_long_rows(jx_buf *rows, const struct jx_result *res, size_t from, size_t to);
int jx_write_text(const struct jx_result *r, jx_buf *out);
int jx_write_xlsx(const struct jx_result *r, jx_buf *out); /* binary; see output/xlsx.c */
int jx_write_html(const struct jx_result *r, jx_buf *out);
/* Dispatches on the format (api/result_api.c): JX_EINVAL for an unknown one. */
int jx_write_format(const struct jx_result *r, jx_format format, jx_buf *out);

#endif
