/*
 * json_writer.c - see json_writer.h.
 */
#include "json_writer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/round.h"
#include "../common/escape.h"

static void newline(jx_json *j)
{
	if (j->inline_depth && j->depth >= j->inline_depth) {
		jx_buf_putc(j->out, ' ');
		return;
	}
	jx_buf_putc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		jx_buf_append(j->out, "  ", 2);
}

/* Separator, indentation and "key": for the next member. */
static void member(jx_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->count[j->depth - 1]++)
			jx_buf_putc(j->out, ',');
		newline(j);
	}
	if (key) {
		jx_json_string(j->out, key, strlen(key));
		jx_buf_append(j->out, ": ", 2);
	}
}

static void open(jx_json *j, const char *key, char c)
{
	member(j, key);
	jx_buf_putc(j->out, c);
	if (j->depth < JX_JSON_MAX_DEPTH)
		j->count[j->depth] = 0;
	j->depth++;
}

static void close_(jx_json *j, char c)
{
	j->depth--;
	int had = j->depth < JX_JSON_MAX_DEPTH && j->count[j->depth] > 0;
	if (had) {
		if (j->inline_depth && j->depth + 1 >= j->inline_depth)
			jx_buf_putc(j->out, ' ');
		else
			newline(j);
	}
	jx_buf_putc(j->out, c);
	if (j->depth == 0)
		jx_buf_putc(j->out, '\n');
}

void jx_json_begin_object(jx_json *j, const char *key)
{
	open(j, key, '{');
}

void jx_json_end_object(jx_json *j)
{
	close_(j, '}');
}

void jx_json_begin_array(jx_json *j, const char *key)
{
	open(j, key, '[');
}

void jx_json_end_array(jx_json *j)
{
	close_(j, ']');
}

void jx_json_str(jx_json *j, const char *key, const char *value)
{
	member(j, key);
	if (value)
		jx_json_string(j->out, value, strlen(value));
	else
		jx_buf_append(j->out, "null", 4);
}

void jx_json_strn(jx_json *j, const char *key, const char *value, size_t len)
{
	member(j, key);
	jx_json_string(j->out, value, len);
}

void jx_json_num(jx_json *j, const char *key, double value)
{
	member(j, key);
	jx_json_number(j->out, value);
}

void jx_json_rounded(jx_json *j, const char *key, double value, int digits)
{
	member(j, key);
	if (!isfinite(value)) {
		jx_buf_append(j->out, "null", 4);
		return;
	}
	char text[64];
	jx_format_fixed(text, sizeof(text), value, digits);
	jx_buf_puts(j->out, text);
}

void jx_json_int(jx_json *j, const char *key, long long value)
{
	member(j, key);
	jx_buf_printf(j->out, "%lld", value);
}

void jx_json_bool(jx_json *j, const char *key, int value)
{
	member(j, key);
	jx_buf_puts(j->out, value ? "true" : "false");
}

void jx_json_null(jx_json *j, const char *key)
{
	member(j, key);
	jx_buf_append(j->out, "null", 4);
}
