/*
 * batch.c - a batch of departments read against one rule set.
 *
 * Values are stored row-major, 8 bytes per (department, variable slot)
 * (jx_stored_val, model.h), already converted to the variable's unit, so
 * evaluation never parses text.
 * Target overrides and notes are sparse lists (few departments have them).
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/c_locale.h"
#include "../common/trace.h"
#include "../common/utf8.h"
#include "load.h"

int jx_batch_new(jx_batch **out, const jx_rules *rules)
{
	if (!out || !rules)
		return JX_EINVAL;
	jx_batch *b = calloc(1, sizeof(*b));
	if (!b)
		return JX_ENOMEM;
	b->rules = rules;
	b->arena = jx_arena_new();
	if (!b->arena) {
		free(b);
		return JX_ENOMEM;
	}
	*out = b;
	return JX_OK;
}

void jx_batch_free(jx_batch *b)
{
	if (!b)
		return;
	free(b->rows);
	if (!b->values_borrowed)
		free(b->values);
	free(b->targets.items);
	free(b->notes.items);
	free(b->declared.items);
	free(b->actuals.items);
	free(b->claims.items);
	free(b->reviews.items);
	free(b->weights.items);
	free(b->words.items);
	jx_strmap_free(&b->word_map);
	jx_strmap_free(&b->id_map);
	for (size_t k = 0; k < b->n_parts; k++)
		jx_arena_free(b->parts[k]);
	free(b->parts);
	jx_arena_free(b->arena);
	free(b);
	jx_trace("free the batch");
}

void jx_batch_set_read_jobs(jx_batch *b, int jobs)
{
	if (b)
		b->read_jobs = jobs > 1 ? jobs : 1;
}

size_t jx_batch_count(const jx_batch *b)
{
	return b ? b->n : 0;
}

int jx_batch_fiscal_year(const jx_batch *b)
{
	int year = 0;
	for (size_t i = 0; b && i < b->n; i++) {
		int y = b->rows[i].fiscal_year;
		if (y && year && y != year)
			return -1;
		if (y)
			year = y;
	}
	return year;
}

/* The values of a chunk that outgrew its window, moved to an array of its
 * own with room for cap rows. */
static jx_stored_val *unborrow_values(jx_batch *b, size_t cap, size_t per_row)
{
	jx_stored_val *own = malloc(cap * per_row * sizeof(jx_stored_val));
	if (!own)
		return NULL;
	memcpy(own, b->values, b->n * per_row * sizeof(jx_stored_val));
	b->values_borrowed = 0;
	return own;
}

/* Room for `more` rows after the n there are. */
static int reserve_rows(jx_batch *b, size_t more)
{
	size_t nv = b->rules->n_variables;
	if (b->n + more <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap * 2 : 64;
	if (cap < b->n + more)
		cap = b->n + more;
	jx_dept_row *rows = realloc(b->rows, cap * sizeof(*rows));
	if (!rows)
		return -1;
	b->rows = rows;
	/* at least one value per row, so a row's values always have an address
	 * even for rules without variables */
	size_t per_row = nv ? nv : 1;
	jx_stored_val *values = b->values_borrowed
	                            ? unborrow_values(b, cap, per_row)
	                            : realloc(b->values, cap * per_row * sizeof(jx_stored_val));
	if (!values)
		return -1;
	b->values = values;
	b->cap = cap;
	return 0;
}

int jx_batch_reserve(jx_batch *b, size_t rows)
{
	if (reserve_rows(b, rows) != 0 || jx_strmap_reserve(&b->id_map, b->n + rows) != 0)
		return JX_ENOMEM;
	return JX_OK;
}

int jx_batch_lend_values(jx_batch *chunk, const jx_batch *owner, size_t first, size_t rows)
{
	size_t nv = owner->rules->n_variables ? owner->rules->n_variables : 1;
	if (chunk->n || chunk->values_borrowed || first + rows > owner->cap || !rows)
		return JX_EINVAL;
	jx_dept_row *own_rows = realloc(chunk->rows, rows * sizeof(*own_rows));
	if (!own_rows)
		return JX_ENOMEM;
	free(chunk->values);
	chunk->rows = own_rows;
	chunk->values = owner->values + first * nv;
	chunk->values_borrowed = 1;
	chunk->cap = rows;
	return JX_OK;
}

static int grow_rows(jx_batch *b)
{
	return reserve_rows(b, 1);
}

void jx_batch_reject_duplicate(jx_batch *b, size_t row, jx_loc loc, const char *id)
{
	jx_batch_reject(b, row, loc, "duplicate dept_id '%s' (each department once)", id);
}

long jx_batch_push_row(jx_batch *b, const char *id, const char *name, jx_loc loc)
{
	if (grow_rows(b) != 0)
		return -1;
	size_t row = b->n++;
	b->rows[row] = (jx_dept_row){id, name ? name : "", 0, loc, NULL, NAN, {0}};
	size_t nv = b->rules->n_variables;
	for (size_t s = 0; s < nv; s++)
		b->values[row * nv + s] = jx_stored_state(JX_VAL_MISSING, 0);
	if (!b->defer_ids && jx_strmap_put(&b->id_map, id, strlen(id), (long)row) == 1)
		jx_batch_reject_duplicate(b, row, loc, id);
	return (long)row;
}

/* ---- appending a chunk read on another thread ------------------------------- */

/* The index in b of each of part's words, interning the new ones in the order
 * part met them: the order reading the rows into b would have given. */
static long *merge_words(jx_batch *b, const jx_batch *part)
{
	long *map = malloc(sizeof(long) * (part->words.n ? part->words.n : 1));
	for (size_t j = 0; map && j < part->words.n; j++) {
		const jx_word *w = &part->words.items[j];
		size_t len = strlen(w->text);
		long index = jx_strmap_get(&b->word_map, w->text, len);
		if (index < 0) {
			index = (long)b->words.n;
			if (JX_VEC_PUSH(b->words, *w) != 0 ||
			    jx_strmap_put(&b->word_map, w->text, len, index) < 0) {
				free(map);
				return NULL;
			}
		}
		map[j] = index;
	}
	return map;
}

/* part's values, their words renumbered to b's. A chunk that wrote into its
 * window of b's array is moved only if rows before it came out fewer than
 * the window allowed for (blank lines, records over several lines). */
static void copy_values(jx_batch *b, const jx_batch *part, const long *map, size_t base)
{
	size_t nv = b->rules->n_variables;
	jx_stored_val *to = &b->values[base * nv];
	if (part->values != to)
		memmove(to, part->values, sizeof(jx_stored_val) * part->n * nv);
	if (!part->words.n)
		return;
	for (size_t k = 0; k < part->n * nv; k++) {
		uint32_t word = jx_stored_word(to[k]);
		if (word)
			to[k] = jx_stored_state(JX_VAL_TEXT, (uint32_t)map[word - 1] + 1);
	}
}

/* A duplicate is found when the row is added, before anything in its cells:
 * its reason replaces whatever the chunk found. */
int jx_batch_check_id(jx_batch *b, size_t row, uint64_t hash)
{
	const char *id = b->rows[row].id;
	int rc = jx_strmap_put_hashed(&b->id_map, id, strlen(id), hash, (long)row);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		b->rows[row].reject_reason = NULL;
		jx_batch_reject_duplicate(b, row, b->rows[row].loc, id);
	}
	return 0;
}

/* The ids of rows [base, base + n), in order; the slot of the id 8 rows on
 * is loaded while this one is put. */
#define ID_PREFETCH 8

static int check_ids(jx_batch *b, size_t base, size_t n)
{
	uint64_t hashes[ID_PREFETCH];
	for (size_t k = 0; k < n + ID_PREFETCH; k++) {
		uint64_t *h = &hashes[k % ID_PREFETCH];
		if (k >= ID_PREFETCH && jx_batch_check_id(b, base + k - ID_PREFETCH, *h) != 0)
			return -1;
		if (k < n) {
			const char *id = b->rows[base + k].id;
			*h = jx_strmap_hash(&b->id_map, id, strlen(id));
			jx_strmap_prefetch(&b->id_map, *h);
		}
	}
	return 0;
}

static int append_sparse(jx_batch *b, const jx_batch *part, size_t base)
{
	for (size_t k = 0; k < part->targets.n; k++) {
		jx_target_override o = part->targets.items[k];
		o.dept += base;
		if (JX_VEC_PUSH(b->targets, o) != 0)
			return -1;
	}
	for (size_t k = 0; k < part->notes.n; k++) {
		jx_note note = part->notes.items[k];
		note.dept += base;
		if (JX_VEC_PUSH(b->notes, note) != 0)
			return -1;
	}
	return 0;
}

int jx_batch_append(jx_batch *b, jx_batch *part)
{
	jx_arena **parts = realloc(b->parts, sizeof(jx_arena *) * (b->n_parts + 1));
	if (!parts)
		return JX_ENOMEM;
	b->parts = parts;
	b->parts[b->n_parts++] = part->arena; /* the rows' strings live there */
	part->arena = NULL;
	size_t base = b->n;
	if (part->values_borrowed && b->n + part->n > b->cap) {
		/* b's array may move: part's window would go with it */
		jx_stored_val *own = unborrow_values(
		    part, part->n ? part->n : 1, b->rules->n_variables ? b->rules->n_variables : 1);
		if (!own)
			return JX_ENOMEM;
		part->values = own;
	}
	long *map = merge_words(b, part);
	if (!map || reserve_rows(b, part->n) != 0) {
		free(map);
		return JX_ENOMEM;
	}
	memcpy(&b->rows[base], part->rows, sizeof(jx_dept_row) * part->n);
	copy_values(b, part, map, base);
	free(map);
	b->n += part->n;
	if ((!b->ids_elsewhere && check_ids(b, base, part->n) != 0) ||
	    append_sparse(b, part, base) != 0)
		return JX_ENOMEM;
	return JX_OK;
}

void jx_batch_reject(jx_batch *b, size_t row, jx_loc loc, const char *fmt, ...)
{
	if (b->rows[row].reject_reason)
		return; /* the first problem is the one reported */
	jx_buf msg = {0};
	char where[512];
	jx_loc_format(where, sizeof(where), loc);
	if (where[0])
		jx_buf_printf(&msg, "%s: ", where);
	va_list ap;
	va_start(ap, fmt);
	jx_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	const char *text = jx_arena_strdup(b->arena, jx_buf_cstr(&msg));
	b->rows[row].reject_reason = text ? text : "rejected";
	jx_buf_free(&msg);
}

/* Money with no declared unit is kept in 万元, the unit of the 自评表's
 * 年度资金 table (docs/rules.md). */
static const jx_unit *fallback_unit(const jx_rules *r, const jx_unit *written)
{
	if (written && written->dim == JX_DIM_MONEY)
		return jx_unit_find(&r->units, "万元", strlen("万元"));
	return written;
}

/* Most cells are plain ASCII numbers ("4561", "82.22", "14,000") or
 * percentages ("93.5%"): read those directly and leave other units and
 * separators, and words, to the literal parser. Up to 15 significant digits
 * the value is the integer of its digits divided by a power of ten, both
 * exact in a double, so the division rounds once and gives what strtod
 * gives; a percentage divides by 10^(decimals + 2), which is what the
 * parser's shifted exponent gives. Longer numbers go to strtod (percentages
 * to the parser). Thousands separators must make groups of three, as the
 * parser requires; any other use of them is left to the parser, which
 * says what is wrong. `shift` is 0, or 2 for a percentage. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The commonest cell, "1612.60" or "29": digits, a point, digits, at most
 * 15 of them, no sign, no separators. What plain_number computes for it,
 * in one loop of one test per byte; 0 for any other cell (plain_number
 * then reads it). */
static int simple_decimal(const char *s, size_t len, int shift, double *out)
{
	unsigned long long mant = 0;
	size_t i = 0, dot = len;
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d < 10)
			mant = mant * 10 + d;
		else if (s[i] == '.' && dot == len)
			dot = i;
		else
			return 0;
	}
	size_t digits = len - (dot < len);
	if (digits == 0 || digits > 15)
		return 0;
	size_t decimals = dot < len ? len - dot - 1 : 0;
	*out = (double)mant / pow10_exact[decimals + (size_t)shift];
	return 1;
}

static int plain_number(const char *s, size_t len, int shift, double *out)
{
	const double *pow10 = pow10_exact;
	if (len == 0 || len >= 48)
		return 0;
	if (s[0] != '-' && simple_decimal(s, len, shift, out))
		return 1;
	size_t i = s[0] == '-';
	unsigned long long mant = 0;
	int digits = 0, decimals = 0, dot = 0, significant = 0, group = 0, grouped = 0;
	for (; i < len; i++) {
		char c = s[i];
		if (c == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (c == ',' && !dot && digits && (grouped ? group == 3 : group <= 3)) {
			grouped = 1;
			group = 0;
			continue;
		}
		if (c < '0' || c > '9')
			return 0;
		digits++;
		group += !dot;
		decimals += dot;
		if (significant || c != '0')
			significant++;
		if (significant <= 15)
			mant = mant * 10 + (unsigned long long)(c - '0');
	}
	if (!digits || (grouped && group != 3))
		return 0;
	if (significant > 15 || decimals + shift > 22) {
		if (shift || grouped)
			return 0;
		char text[48];
		memcpy(text, s, len);
		text[len] = '\0';
		char *end;
		double x = jx_strtod(text, &end);
		if (*end || !isfinite(x))
			return 0;
		*out = x == 0 ? 0.0 : x;
		return 1;
	}
	double x = (double)mant / pow10[decimals + shift];
	if (shift && x == 0 && s[0] == '-')
		return 0; /* "-0%": the parser's -0, not 0 */
	*out = s[0] == '-' && x != 0 ? -x : x;
	return 1;
}

/* "93.5%" in variable slot is the ratio 0.935 as the literal parser reads
 * it when the variable has no unit (the cell's % is kept) or a ratio one. */
static int percent_cell(const jx_rules *r, long slot, const char *text, size_t len, double *out)
{
	const jx_unit *want = r->variables[slot].unit;
	return len > 1 && text[len - 1] == '%' && (!want || want->dim == JX_DIM_RATIO) &&
	       plain_number(text, len - 1, 2, out);
}

/* A word (or 是/否, 不适用) read once per batch: cells repeat a handful of
 * them thousands of times, so each distinct text is parsed once and its
 * result shared; text values carry the entry's index + 1 in `at`. */
static long intern(jx_batch *b, const char *text, size_t len, const jx_value_lit *lit)
{
	jx_word w = {0};
	w.text = jx_arena_strndup(b->arena, text, len);
	if (!w.text)
		return -1;
	w.kind = lit->kind;
	w.num = lit->num;
	if (lit->kind == JX_LIT_WORD) {
		w.word = w.text + (lit->word - text);
		w.word_len = lit->word_len;
		w.has_fraction = lit->has_fraction;
		w.fraction = lit->fraction;
	}
	long index = (long)b->words.n;
	if (JX_VEC_PUSH(b->words, w) != 0 || jx_strmap_put(&b->word_map, w.text, len, index) < 0)
		return -1;
	return index;
}

int jx_has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

static jx_stored_val word_value(const jx_batch *b, long index)
{
	const jx_word *w = &b->words.items[index];
	switch (w->kind) {
	case JX_LIT_NA:
		return jx_stored_state(JX_VAL_NA, 0);
	case JX_LIT_NUMBER: /* 是 / 否 / true / false */
		return jx_stored_number(w->num);
	default:
		return jx_stored_state(JX_VAL_TEXT, (uint32_t)index + 1);
	}
}

/* A word (达成, 见附件, abc) is a value only for a qualitative variable:
 * where a number is due it is a typing error, never a silent 0. */
static int word_fits(const jx_batch *b, long slot, jx_lit_kind kind, const char **err,
                     size_t *err_offset)
{
	const jx_variable *v = &b->rules->variables[slot];
	if (kind != JX_LIT_WORD || v->accepts_words)
		return 1;
	*err = jx_arena_printf(b->arena, "a word where a number is due (%s is a number)", v->name);
	*err_offset = 0;
	if (!*err)
		*err = "a word where a number is due";
	return 0;
}

int jx_batch_store_cell(jx_batch *b, size_t row, long slot, const char *text, size_t len,
                        const char **err, size_t *err_offset)
{
	const jx_rules *r = b->rules;
	jx_stored_val *cell = &b->values[row * r->n_variables + (size_t)slot];
	double plain;
	if (plain_number(text, len, 0, &plain) || percent_cell(r, slot, text, len, &plain)) {
		*cell = jx_stored_number(plain);
		return 0;
	}
	if (len == 0) { /* a blank cell: missing, as the literal parser says */
		*cell = jx_stored_state(JX_VAL_MISSING, 0);
		return 0;
	}
	long known = jx_strmap_get(&b->word_map, text, len);
	if (known >= 0) {
		if (!word_fits(b, slot, b->words.items[known].kind, err, err_offset))
			return -1;
		*cell = word_value(b, known);
		return 0;
	}
	jx_value_lit lit;
	jx_lit_error lerr = {0};
	if (jx_value_parse(&lit, text, len, &r->units, &lerr) != 0) {
		*err = lerr.message;
		*err_offset = lerr.offset;
		return -1;
	}
	if (lit.kind == JX_LIT_EMPTY) {
		*cell = jx_stored_state(JX_VAL_MISSING, 0);
		return 0;
	}
	/* words, 不适用 and 是/否 repeat: keep them; numbers do not */
	int yes_no = lit.kind == JX_LIT_NUMBER && !lit.unit && !jx_has_digit(text, len);
	if (!word_fits(b, slot, lit.kind, err, err_offset))
		return -1;
	if (lit.kind == JX_LIT_WORD || lit.kind == JX_LIT_NA || yes_no) {
		long index = intern(b, text, len, &lit);
		if (index < 0) {
			*err = "out of memory";
			*err_offset = 0;
			return -1;
		}
		*cell = word_value(b, index);
		return 0;
	}
	const jx_unit *want = r->variables[slot].unit;
	if (!want)
		want = fallback_unit(r, lit.unit);
	double x;
	if (jx_unit_convert(&x, lit.num, lit.unit, want) != 0) {
		*err = jx_arena_printf(b->arena, "unit '%s' does not fit %s's unit '%s'",
		                       lit.unit->name, r->variables[slot].name, want->name);
		*err_offset = 0;
		return -1;
	}
	*cell = jx_stored_number(x);
	return 0;
}

int jx_batch_store_target(jx_batch *b, size_t row, size_t indicator, const char *text, size_t len,
                          jx_loc loc, const char **err, size_t *err_offset)
{
	const jx_rules *r = b->rules;
	const jx_indicator *ind = &r->indicators[indicator];
	jx_target_override o = {row, indicator, {{0}, NULL}, loc};
	jx_target_lit *t = &o.def.lit;
	o.def.text = jx_arena_strndup(b->arena, text, len);
	if (!o.def.text) {
		*err = "out of memory";
		*err_offset = 0;
		return -1;
	}
	jx_lit_error lerr = {0};
	if (jx_target_parse(t, o.def.text, len, &r->units, &lerr) != 0) {
		*err = lerr.message;
		*err_offset = lerr.offset;
		return -1;
	}
	if (t->cmp != JX_CMP_WORD) {
		double lo, hi;
		if (jx_unit_convert(&lo, t->lo, t->unit, ind->unit) != 0 ||
		    jx_unit_convert(&hi, t->hi, t->unit, ind->unit) != 0) {
			*err = jx_arena_printf(b->arena,
			                       "the target's unit '%s' does not fit indicator "
			                       "%s's unit '%s'",
			                       t->unit->name, ind->id, ind->unit_name);
			*err_offset = 0;
			return -1;
		}
		t->lo = lo;
		t->hi = hi;
	}
	if (JX_VEC_PUSH(b->targets, o) != 0) {
		*err = "out of memory";
		*err_offset = 0;
		return -1;
	}
	return 0;
}

int jx_batch_store_note(jx_batch *b, size_t row, size_t indicator, const char *text, size_t len)
{
	size_t start = 0;
	while (start < len && (text[start] == ' ' || text[start] == '\t'))
		start++;
	if (start == len)
		return 0; /* an empty note is no note */
	jx_note note = {row, indicator, jx_arena_strndup(b->arena, text, len)};
	return note.text && JX_VEC_PUSH(b->notes, note) == 0 ? 0 : -1;
}

/* ---- public in-memory building --------------------------------------------- */

int jx_batch_add_department(size_t *out_index, jx_batch *b, const char *id, const char *name)
{
	if (!b || !id)
		return JX_EINVAL;
	const char *i = jx_arena_strdup(b->arena, id);
	const char *n = jx_arena_strdup(b->arena, name ? name : "");
	if (!i || !n)
		return JX_ENOMEM;
	long row = jx_batch_push_row(b, i, n, (jx_loc){0});
	if (row < 0)
		return JX_ENOMEM;
	if (out_index)
		*out_index = (size_t)row;
	return JX_OK;
}

int jx_batch_set_number(jx_batch *b, size_t dept, const char *variable, double value)
{
	if (!b || !variable || dept >= b->n)
		return JX_EINVAL;
	long slot = jx_strmap_get(&b->rules->variable_map, variable, strlen(variable));
	if (slot < 0)
		return JX_ENOTFOUND;
	b->values[dept * b->rules->n_variables + (size_t)slot] = jx_stored_number(value);
	return JX_OK;
}

static long indicator_of(const jx_batch *b, const char *column, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(column, prefix, n) != 0)
		return -1;
	return jx_strmap_get(&b->rules->indicator_map, column + n, strlen(column + n));
}

int jx_batch_set_text(jx_batch *b, size_t dept, const char *column, const char *text)
{
	if (!b || !column || !text || dept >= b->n)
		return JX_EINVAL;
	const char *err = NULL;
	size_t off = 0;
	size_t len = strlen(text);
	long ind;
	int rc;
	if ((ind = indicator_of(b, column, "target.")) >= 0)
		rc =
		    jx_batch_store_target(b, dept, (size_t)ind, text, len, (jx_loc){0}, &err, &off);
	else if ((ind = indicator_of(b, column, "note.")) >= 0)
		rc = jx_batch_store_note(b, dept, (size_t)ind, text, len);
	else {
		long slot = jx_strmap_get(&b->rules->variable_map, column, strlen(column));
		if (slot < 0)
			return JX_ENOTFOUND;
		rc = jx_batch_store_cell(b, dept, slot, text, len, &err, &off);
	}
	if (rc != 0) {
		jx_batch_reject(b, dept, (jx_loc){0}, "%s: '%s': %s", column, text,
		                err ? err : "invalid");
		return JX_EDATA;
	}
	return JX_OK;
}

int jx_batch_claim_table(jx_batch *b, size_t row, jx_loc loc)
{
	jx_dept_row *d = &b->rows[row];
	if (!d->table.file) {
		d->table = loc;
		return 1;
	}
	int same = strcmp(d->table.file, loc.file) == 0 &&
	           (d->table.sheet == loc.sheet ||
	            (d->table.sheet && loc.sheet && strcmp(d->table.sheet, loc.sheet) == 0));
	if (same)
		return 1;
	char first[512];
	jx_loc_format(first, sizeof(first), d->table);
	jx_batch_reject(b, row, loc, "a second 自评表 for department '%s' (the first is at %s)",
	                d->id, first);
	return 0;
}
