/*
 * unit.h - the units people write in Chinese tables and their conversions
 * (docs/rules.md, "Units").
 *
 * Ratios (% ‰) are scaled when read: "35%" is the number 0.35, so every
 * percentage indicator computes and compares plain ratios. The legal units
 * convert within their dimension: money (元 千元 万元 亿元), length (米 千米
 * 公里), area (平方米 亩 公顷 平方公里), mass (克 千克 公斤 吨), volume (升
 * 立方米), time (分钟 小时 天 日 周) and months (月 季度 年). Counts (人, 人次,
 * 户, 次, 场, 个, 家, 所, 分, and those a rule set adds) stand alone: each
 * converts only to itself. A measure word no catalogue holds (座, 篇, 棵)
 * is adopted where the caller allows it (a department's own table): it too
 * converts only to itself, so target and actual must carry the same one.
 */
#ifndef JX_UNIT_H
#define JX_UNIT_H

#include <stddef.h>

typedef enum {
	JX_DIM_RATIO = 1,  /* % ‰ */
	JX_DIM_MONEY = 2,  /* 元 千元 万元 亿元 */
	JX_DIM_TIME = 3,   /* 分钟 小时 天 日 周, in minutes */
	JX_DIM_OWN = 4,    /* a unit of its own (compare by name) */
	JX_DIM_LENGTH = 5, /* 米 千米 公里 */
	JX_DIM_AREA = 6,   /* 平方米 亩 公顷 平方公里 */
	JX_DIM_MASS = 7,   /* 克 千克 公斤 吨 */
	JX_DIM_VOLUME = 8, /* 升 立方米 */
	JX_DIM_MONTHS = 9  /* 月 季度 年 */
} jx_dim;

typedef struct {
	const char *name; /* "万元" */
	int dim;          /* jx_dim */
	double factor;    /* relative to the dimension's base: % 0.01, 万元 1e4, 元 1 */
} jx_unit;

struct jx_arena;

/* The built-in units plus those a rule set adds (`units: [项, 公里]`). */
typedef struct {
	const jx_unit *extra; /* borrowed; may be NULL */
	size_t n_extra;
	struct jx_arena *adopt; /* when set, an unknown measure word becomes a unit
	                         * of its own, allocated here; NULL: unknown is an error */
} jx_units;

/* Finds a unit by exact name (len bytes); NULL when unknown. */
const jx_unit *jx_unit_find(const jx_units *units, const char *name, size_t len);
/* A measure word no catalogue holds, as a unit of its own, when units
 * allow adopting; NULL otherwise (or out of memory). */
const jx_unit *jx_unit_adopt(const jx_units *units, const char *name, size_t len);

/* Converts a number read with unit `from` into unit `to`. A NULL unit on
 * either side means "no unit" and passes the number through. Ratios are
 * already scaled at reading, so % <-> ‰ <-> none pass through unchanged.
 * Returns 0, or -1 when the units are incompatible (万元 vs 人次). */
int jx_unit_convert(double *out, double value, const jx_unit *from, const jx_unit *to);

#endif
