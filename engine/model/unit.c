/*
 * unit.c - the built-in units of spec §1.3, lookup by name and conversion.
 *
 * Ratios (% ‰) are scaled when a literal is read (literal.c), so they convert
 * to each other and to "no unit" unchanged. Money converts by its factor
 * (元 1, 万元 1e4, 亿元 1e8); 天 and 日 share JX_DIM_DAYS; every other unit,
 * built in or added by a rule set, converts only to a unit of the same name.
 * The full-width ％ is read as %.
 */
#include "unit.h"

#include <math.h>
#include <string.h>

static const jx_unit builtin_units[] = {
    {"%", JX_DIM_RATIO, 0.01},   {"‰", JX_DIM_RATIO, 0.001},  {"元", JX_DIM_MONEY, 1.0},
    {"万元", JX_DIM_MONEY, 1e4}, {"亿元", JX_DIM_MONEY, 1e8}, {"天", JX_DIM_DAYS, 1.0},
    {"日", JX_DIM_DAYS, 1.0},    {"人", JX_DIM_OWN, 1.0},     {"人次", JX_DIM_OWN, 1.0},
    {"户", JX_DIM_OWN, 1.0},     {"次", JX_DIM_OWN, 1.0},     {"场", JX_DIM_OWN, 1.0},
    {"个", JX_DIM_OWN, 1.0},     {"家", JX_DIM_OWN, 1.0},     {"所", JX_DIM_OWN, 1.0},
    {"月", JX_DIM_OWN, 1.0},     {"年", JX_DIM_OWN, 1.0},     {"小时", JX_DIM_OWN, 1.0},
    {"分", JX_DIM_OWN, 1.0},
};

#define N_BUILTIN (sizeof(builtin_units) / sizeof(builtin_units[0]))

/* Spellings read as another unit: the full-width percent sign. */
static const struct {
	const char *alias;
	const jx_unit *unit;
} unit_aliases[] = {
    {"％", &builtin_units[0]},
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
			return unit_aliases[i].unit;
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
	case JX_DIM_MONEY:
	case JX_DIM_DAYS:
		return convert_by_factor(out, value, from->factor, to->factor);
	default:
		if (!from->name || !to->name || strcmp(from->name, to->name) != 0)
			return -1;
		*out = value;
		return 0;
	}
}
