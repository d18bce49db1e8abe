/*
 * c_locale.h - numbers read and written the same whatever the caller's
 * locale (docs/api.md, "Locale").
 *
 * strtod and printf's %g / %f use LC_NUMERIC: a program that embeds the
 * library and calls setlocale(LC_ALL, "") under de_DE would have "98.6"
 * read as 98 and scores written "93,62". The engine never reads or writes
 * a number through them directly: jx_strtod reads in the C locale
 * (strtod_l), jx_snprintf and the jx_buf printf functions (buf.c) format
 * with the calling thread switched to it (uselocale) for the call. The
 * public functions that write whole documents switch once for their run
 * (jx_locale_enter), which covers the writers and the libraries they call
 * (libxlsxwriter formats numbers with printf); jx_parallel's threads take
 * the locale of the thread that started them.
 */
#ifndef JX_C_LOCALE_H
#define JX_C_LOCALE_H

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>

/* The C locale object, made once; (locale_t)0 if it could not be. */
locale_t jx_c_locale(void);
/* Switches the calling thread to the C locale; returns what it used, for
 * jx_locale_leave. Calls nest. */
locale_t jx_locale_enter(void);
void jx_locale_leave(locale_t previous);

/* strtod in the C locale. */
double jx_strtod(const char *s, char **end);
/* snprintf / vsnprintf in the C locale. */
int jx_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int jx_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
