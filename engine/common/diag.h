/*
 * diag.h - locations and the diagnostics list behind jx_diagnostics.
 *
 * Every rule node, data cell and expression keeps a jx_loc so that an error
 * names file:line:col (1-based). Messages are collected, never printed by the
 * library itself; the CLI prints them with jx_diagnostics_write().
 */
#ifndef JX_DIAG_H
#define JX_DIAG_H

#include "jixiao.h"

typedef struct {
	const char *file;  /* owned by the rule set's or batch's arena; may be NULL */
	int line;          /* 1-based; 0 = unknown (in a workbook: the row) */
	int col;           /* 1-based; 0 = unknown (in a workbook: the column) */
	const char *sheet; /* a workbook's sheet, or NULL for a text file */
} jx_loc;

/* Adds a diagnostic; diags may be NULL (then nothing is recorded). */
void jx_diag_error(jx_diagnostics *diags, jx_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void jx_diag_warning(jx_diagnostics *diags, jx_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A note: something skipped on purpose (a workbook's sheet with no 自评表). */
void jx_diag_note(jx_diagnostics *diags, jx_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Formats "file:line:col", or "file.xlsx:sheet!H13" in a workbook, into
 * buf (what the location names). */
void jx_loc_format(char *buf, size_t size, jx_loc loc);

#endif
