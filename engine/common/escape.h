/*
 * escape.h - writing text safely into JSON and CSV.
 */
#ifndef JX_ESCAPE_H
#define JX_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* Appends s as a JSON string with quotes; invalid UTF-8 bytes become U+FFFD
 * so the output is always valid UTF-8 JSON; control characters are \u00XX. */
void jx_json_string(jx_buf *out, const char *s, size_t len);

/* Appends a JSON number; NaN or infinity become null (JSON has no tokens
 * for them). Uses the shortest round-trip form. */
void jx_json_number(jx_buf *out, double x);

/* Appends s as one CSV cell (RFC 4180): quoted when it holds , " CR LF or
 * leading/trailing space; a cell a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) is prefixed with a single quote, as the
 * OWASP CSV-injection guidance advises. Numbers written by the engine itself
 * go through jx_csv_number instead, so a negative score stays a number. */
void jx_csv_cell(jx_buf *out, const char *s, size_t len);
/* Appends a number cell with `digits` decimals (spreadsheet ROUND), or an
 * empty cell for NaN. */
void jx_csv_number(jx_buf *out, double x, int digits);

#endif
