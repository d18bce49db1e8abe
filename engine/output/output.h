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
 * and each department's row of a window's result as jx_write_csv writes
 * it, less what only the whole batch knows (its rank, an outlier flag),
 * appended to rows with marks[d] saying where the row starts and where
 * those go (from the row's start). claimed: the batch claims a total. */
typedef struct {
	size_t at;
	uint32_t rank_at, flags_at;
} jx_csv_mark;
void jx_csv_header(jx_buf *out, const jx_rules *r, int claimed);
int jx_csv_rows_unranked(jx_buf *rows, jx_csv_mark *marks, const struct jx_result *res,
                         int claimed);
int jx_write_csv_long(const struct jx_result *r, jx_buf *out);
int jx_write_text(const struct jx_result *r, jx_buf *out);
int jx_write_xlsx(const struct jx_result *r, jx_buf *out); /* binary; see output/xlsx.c */
int jx_write_html(const struct jx_result *r, jx_buf *out);
/* Dispatches on the format (api/result_api.c): JX_EINVAL for an unknown one. */
int jx_write_format(const struct jx_result *r, jx_format format, jx_buf *out);

#endif
