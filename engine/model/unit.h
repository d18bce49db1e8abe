/*
 * unit.h - the units of spec §1.3 and their conversions.
 *
 * Ratios (% ‰) are scaled when read: "35%" is the number 0.35, so every
 * percentage indicator computes and compares plain ratios. Money converts
 * (万元 = 10 000 元, 亿元 = 10 000 万元); 天 and 日 are the same unit; every
 * other unit (人, 人次, 户, 次, 场, 个, 家, 所, 月, 年, 小时, 分, and those a rule
 * set adds) stands alone: it converts only to itself.
 */
#ifndef JX_UNIT_H
#define JX_UNIT_H

#include <stddef.h>

typedef enum {
	JX_DIM_RATIO = 1, /* % ‰ */
	JX_DIM_MONEY = 2, /* 元 万元 亿元 */
	JX_DIM_DAYS = 3,  /* 天 日 */
	JX_DIM_OWN = 4    /* a unit of its own (compare by name) */
} jx_dim;

typedef struct {
	const char *name; /* "万元" */
	int dim;          /* jx_dim */
	double factor;    /* relative to the dimension's base: % 0.01, 万元 1e4, 元 1 */
} jx_unit;

/* The built-in units plus those a rule set adds (`units: [项, 公里]`). */
typedef struct {
	const jx_unit *extra; /* borrowed; may be NULL */
	size_t n_extra;
} jx_units;

/* Finds a unit by exact name (len bytes); NULL when unknown. */
const jx_unit *jx_unit_find(const jx_units *units, const char *name, size_t len);

/* Converts a number read with unit `from` into unit `to`. A NULL unit on
 * either side means "no unit" and passes the number through. Ratios are
 * already scaled at reading, so % <-> ‰ <-> none pass through unchanged.
 * Returns 0, or -1 when the units are incompatible (万元 vs 人次). */
int jx_unit_convert(double *out, double value, const jx_unit *from, const jx_unit *to);

#endif
