/*
 * c_locale.c - numbers in the C locale whatever the caller's (see
 * c_locale.h).
 */
#define _GNU_SOURCE /* strtod_l */
#include "c_locale.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
	/* glibc hands out its static C locale object here: nothing to free */
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

locale_t jx_c_locale(void)
{
	pthread_once(&c_locale_once, make_c_locale);
	return c_locale;
}

locale_t jx_locale_enter(void)
{
	locale_t c = jx_c_locale();
	return c ? uselocale(c) : (locale_t)0;
}

void jx_locale_leave(locale_t previous)
{
	if (previous)
		uselocale(previous);
}

double jx_strtod(const char *s, char **end)
{
	locale_t c = jx_c_locale();
	if (c)
		return strtod_l(s, end, c);
	return strtod(s, end);
}

int jx_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	locale_t previous = jx_locale_enter();
	int n = vsnprintf(buf, size, fmt, ap);
	jx_locale_leave(previous);
	return n;
}

int jx_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = jx_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
