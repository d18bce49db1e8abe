/*
 * json_writer.h - a small streaming JSON emitter with stable layout:
 * two-space indentation, one member per line, commas managed for the caller.
 */
#ifndef JX_JSON_WRITER_H
#define JX_JSON_WRITER_H

#include "../common/buf.h"

#define JX_JSON_MAX_DEPTH 32

typedef struct {
	jx_buf *out;
	int depth;
	int count[JX_JSON_MAX_DEPTH]; /* members written at each level */
	int inline_depth;             /* from this depth on, write on one line (0 = never) */
} jx_json;

void jx_json_begin_object(jx_json *j, const char *key);
void jx_json_end_object(jx_json *j);
void jx_json_begin_array(jx_json *j, const char *key);
void jx_json_end_array(jx_json *j);
void jx_json_str(jx_json *j, const char *key, const char *value); /* NULL -> null */
void jx_json_strn(jx_json *j, const char *key, const char *value, size_t len);
void jx_json_num(jx_json *j, const char *key, double value); /* NaN -> null */
void jx_json_rounded(jx_json *j, const char *key, double value, int digits);
void jx_json_int(jx_json *j, const char *key, long long value);
void jx_json_bool(jx_json *j, const char *key, int value);
void jx_json_null(jx_json *j, const char *key);

#endif
