/*
 * literal.h - targets and values as finance staff write them (docs/rules.md, docs/data.md §2).
 *
 * Targets: ">= 95%", "≥95%", "<= 10 万元", "≤3天", "= 100%", "[90%, 110%]",
 * "5700 人次" (bare = >=), "达成" (a qualitative word). Full-width digits,
 * signs and spaces (＞＝ ≥ ≤ ＝ ％ ９５) are accepted; so are "> " and "<".
 * Values: "98.6%", "236.74万元", "8,832", "3天", "达成", "是"/"否",
 * "true"/"false", "不适用"/"n/a", optionally a word with its own fraction
 * ("达成 0.92" or "达成 92%"), surrounding spaces ignored.
 * Nothing here allocates: words point into the input.
 */
#ifndef JX_LITERAL_H
#define JX_LITERAL_H

#include <stddef.h>

#include "unit.h"

typedef enum {
	JX_CMP_GE = 1, /* >= ≥ ＞＝, and a bare value */
	JX_CMP_GT,     /* > */
	JX_CMP_LE,     /* <= ≤ */
	JX_CMP_LT,     /* < */
	JX_CMP_EQ,     /* = ＝ == */
	JX_CMP_RANGE,  /* [lo, hi] */
	JX_CMP_WORD    /* a qualitative word */
} jx_cmp;

typedef struct {
	jx_cmp cmp;
	double lo;           /* the number (lower bound for RANGE); ratios scaled */
	double hi;           /* upper bound for RANGE, else == lo */
	const jx_unit *unit; /* NULL when none written */
	const char *word;    /* JX_CMP_WORD: points into the input */
	size_t word_len;
	int bare; /* 1 when no operator was written */
} jx_target_lit;

typedef enum {
	JX_LIT_EMPTY = 0, /* only spaces */
	JX_LIT_NUMBER,    /* num (+ unit); 是/否/true/false give 1/0 */
	JX_LIT_WORD,      /* a qualitative word, maybe with has_fraction */
	JX_LIT_NA         /* 不适用, n/a, N/A */
} jx_lit_kind;

typedef struct {
	jx_lit_kind kind;
	double num;          /* JX_LIT_NUMBER; ratios scaled */
	const jx_unit *unit; /* NULL when none written */
	const char *word;    /* JX_LIT_WORD: points into the input */
	size_t word_len;
	int has_fraction; /* JX_LIT_WORD with its own fraction ("达成 0.92") */
	double fraction;
} jx_value_lit;

typedef struct {
	size_t offset;       /* byte offset into the input where it went wrong */
	const char *message; /* static text, e.g. "unknown unit '公斤'" is not static:
	                      * the unit is named via offset; message says "unknown unit" */
} jx_lit_error;

/* Returns 0, or -1 with *err filled (the literal is not a valid target). */
int jx_target_parse(jx_target_lit *out, const char *s, size_t len, const jx_units *units,
                    jx_lit_error *err);
/* Returns 0, or -1 with *err filled (e.g. "8.8.3", "12 公斤" with no such unit,
 * "1e400" out of range, NaN/Infinity text). */
int jx_value_parse(jx_value_lit *out, const char *s, size_t len, const jx_units *units,
                   jx_lit_error *err);

/* Length in bytes of the comparison operator s starts with (">=", "≥",
 * "═", "不低于", ...), else 0; *cmp is its kind and *is_word says whether
 * it is spelt in words (either pointer may be NULL). */
size_t jx_operator_len(const char *s, size_t len, jx_cmp *cmp, int *is_word);

/* Reads a plain number as the parsers above do (full-width digits, thousands
 * separators "8,832", sign), no unit. Returns 0 or -1. */
int jx_number_parse(double *out, const char *s, size_t len);

/* Trims ASCII white space and U+3000 (ideographic space) on both sides of
 * the word at *s (len bytes), in place. */
void jx_trim_word(const char **s, size_t *len);
/* Whether two words are the same once trimmed (byte for byte). */
int jx_same_word(const char *a, size_t alen, const char *b, size_t blen);

#endif
