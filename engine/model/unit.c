/*
 * unit.c - the built-in unit catalogue, lookup by name, conversion.
 *
 * Ratios (% ‰) are scaled when a literal is read (literal.c), so they convert
 * to each other and to "no unit" unchanged. Every other dimension converts
 * by its factor to the dimension's base (元, 米, 平方米, 克, 升, minutes,
 * months); 1 亩 is 10000/15 平方米 exactly as the legal definition has it.
 * Counts, units a rule set adds and adopted measure words convert only to a
 * unit of the same name. The full-width ％ is read as %.
 */
#include "unit.h"

#include "../common/arena.h"

#include <math.h>
#include <string.h>

static const jx_unit builtin_units[] = {
    {"%", JX_DIM_RATIO, 0.01},
    {"‰", JX_DIM_RATIO, 0.001},
    {"元", JX_DIM_MONEY, 1.0},
    {"千元", JX_DIM_MONEY, 1e3},
    {"万元", JX_DIM_MONEY, 1e4},
    {"亿元", JX_DIM_MONEY, 1e8},
    {"分钟", JX_DIM_TIME, 1.0},
    {"小时", JX_DIM_TIME, 60.0},
    {"天", JX_DIM_TIME, 1440.0},
    {"日", JX_DIM_TIME, 1440.0},
    {"周", JX_DIM_TIME, 10080.0},
    {"月", JX_DIM_MONTHS, 1.0},
    {"季度", JX_DIM_MONTHS, 3.0},
    {"年", JX_DIM_MONTHS, 12.0},
    {"米", JX_DIM_LENGTH, 1.0},
    {"千米", JX_DIM_LENGTH, 1e3},
    {"公里", JX_DIM_LENGTH, 1e3},
    {"厘米", JX_DIM_LENGTH, 0.01},
    {"毫米", JX_DIM_LENGTH, 0.001},
    {"平方米", JX_DIM_AREA, 1.0},
    {"亩", JX_DIM_AREA, 10000.0 / 15.0},
    {"公顷", JX_DIM_AREA, 1e4},
    {"平方公里", JX_DIM_AREA, 1e6},
    {"克", JX_DIM_MASS, 1.0},
    {"千克", JX_DIM_MASS, 1e3},
    {"公斤", JX_DIM_MASS, 1e3},
    {"吨", JX_DIM_MASS, 1e6},
    {"升", JX_DIM_VOLUME, 1.0},
    {"立方米", JX_DIM_VOLUME, 1e3},
    {"人", JX_DIM_OWN, 1.0},
    {"人次", JX_DIM_OWN, 1.0},
    {"户", JX_DIM_OWN, 1.0},
    {"次", JX_DIM_OWN, 1.0},
    {"场", JX_DIM_OWN, 1.0},
    {"个", JX_DIM_OWN, 1.0},
    {"家", JX_DIM_OWN, 1.0},
    {"所", JX_DIM_OWN, 1.0},
    {"分", JX_DIM_OWN, 1.0},
};

#define N_BUILTIN (sizeof(builtin_units) / sizeof(builtin_units[0]))

/* Spellings read as another unit (by its name in the catalogue); a
 * month's or a year's end as a date: "12月底" is 12月, "年底" 年. */
static const struct {
	const char *alias;
	const char *unit;
} unit_aliases[] = {
    {"％", "%"},
    {"百分比", "%"},
    {"百分点", "%"},
    {"km", "千米"},
    {"m", "米"},
    {"cm", "厘米"},
    {"kg", "千克"},
    {"t", "吨"},
    {"㎡", "平方米"},
    {"m²", "平方米"},
    {"个月", "月"},
    {"月底", "月"},
    {"月末", "月"},
    {"年底", "年"},
    {"年末", "年"},
    /* the squares and cubes as typed: the unit signs of CJK fonts, the
     * superscript, the digit, 平米 */
    {"m2", "平方米"},
    {"平米", "平方米"},
    {"㎥", "立方米"},
    {"m³", "立方米"},
    {"m3", "立方米"},
    {"㎢", "平方公里"},
    {"km²", "平方公里"},
    {"km2", "平方公里"},
    {"㎞", "千米"},
    {"㎏", "千克"},
    {"㎝", "厘米"},
    {"㎜", "毫米"},
    {"mm", "毫米"},
    {"L", "升"},
};

static int name_is(const char *unit_name, const char *name, size_t len)
{
	return unit_name && strlen(unit_name) == len && memcmp(unit_name, name, len) == 0;
}

static const jx_unit *find_builtin(const char *name, size_t len)
{
	for (size_t i = 0; i < N_BUILTIN; i++)
		if (name_is(builtin_units[i].name, name, len))
			return &builtin_units[i];
	for (size_t i = 0; i < sizeof(unit_aliases) / sizeof(unit_aliases[0]); i++)
		if (name_is(unit_aliases[i].alias, name, len))
			return find_builtin(unit_aliases[i].unit, strlen(unit_aliases[i].unit));
	return NULL;
}

const jx_unit *jx_unit_find(const jx_units *units, const char *name, size_t len)
{
	if (!name || len == 0)
		return NULL;
	const jx_unit *u = find_builtin(name, len);
	if (u || !units || !units->extra)
		return u;
	for (size_t i = 0; i < units->n_extra; i++)
		if (name_is(units->extra[i].name, name, len))
			return &units->extra[i];
	return NULL;
}

/* Factors are powers of ten, exact in a double: one rounding, not two. */
static int convert_by_factor(double *out, double value, double from, double to)
{
	if (!(from > 0) || !(to > 0) || !isfinite(from) || !isfinite(to))
		return -1;
	if (from >= to)
		*out = value * (from / to);
	else
		*out = value / (to / from);
	return 0;
}

int jx_unit_convert(double *out, double value, const jx_unit *from, const jx_unit *to)
{
	if (!out)
		return -1;
	if (!from || !to || from == to) {
		*out = value;
		return 0;
	}
	if (from->dim != to->dim)
		return -1;
	switch (from->dim) {
	case JX_DIM_RATIO:
		*out = value;
		return 0;
	case JX_DIM_OWN:
		if (!from->name || !to->name || strcmp(from->name, to->name) != 0)
			return -1;
		*out = value;
		return 0;
	default:
		return convert_by_factor(out, value, from->factor, to->factor);
	}
}

/* A measure word's name with each part between "/" spelt as the catalogue
 * spells it: "元/㎡" and "元/m²" are "元/平方米", so a target and an actual
 * typed with either sign are the same measure. Other parts as written. */
static const char *canonical_compound(jx_arena *arena, const char *name, size_t len)
{
	char out[256];
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && name[i] != '/')
			continue;
		const jx_unit *u = find_builtin(name + start, i - start);
		const char *part = u ? u->name : name + start;
		size_t plen = u ? strlen(u->name) : i - start;
		if (n + plen + 1 >= sizeof(out))
			return jx_arena_strndup(arena, name, len); /* too long to respell */
		memcpy(out + n, part, plen);
		n += plen;
		if (i < len)
			out[n++] = '/';
		start = i + 1;
	}
	return jx_arena_strndup(arena, out, n);
}

const jx_unit *jx_unit_adopt(const jx_units *units, const char *name, size_t len)
{
	if (!units || !units->adopt || !name || !len)
		return NULL;
	const char *copy = canonical_compound(units->adopt, name, len);
	if (!copy)
		return NULL;
	for (size_t i = 0; copy[i]; i++) /* "元/m2" is 元/平方米 by now */
		if (copy[i] >= '0' && copy[i] <= '9')
			return NULL; /* not a measure word */
	/* Nor a ratio's sign with words after it ("90%左右", "100%完成"):
	 * adopted, the number would lose its scaling (90 of "%左右", not 0.9). */
	static const char *const ratio_signs[] = {"%", "％", "‰"};
	for (size_t i = 0; i < sizeof(ratio_signs) / sizeof(ratio_signs[0]); i++)
		if (len >= strlen(ratio_signs[i]) &&
		    memcmp(name, ratio_signs[i], strlen(ratio_signs[i])) == 0)
			return NULL;
	jx_unit *u = jx_arena_alloc(units->adopt, sizeof(*u));
	if (!u)
		return NULL;
	*u = (jx_unit){copy, JX_DIM_OWN, 1.0};
	return u;
}
