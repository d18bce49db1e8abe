/*
 * batch_long.c - department-declared indicators (spec §2.2): the long CSV
 * of a real 自评表, one row per (department, indicator):
 *
 *   dept_id,dept_name,indicator,path,weight,target,actual,note
 *   yyx-fulian,岳阳县妇联,家庭教育服务人次,产出指标/数量指标,10,≥5000人次,5700人次,
 *
 * Columns may also carry the form's Chinese headings (单位编码, 单位名称,
 * 三级指标, 指标路径, 分值, 年度指标值, 实际完成值, 偏差原因). The actual value
 * is converted into the target's unit; a unit that does not fit, or a literal
 * that cannot be read, rejects the department at the cell's file:line:col.
 * A row named like a defined indicator (预算执行率) gives that indicator's
 * value and target instead of a new indicator.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/utf8.h"
#include "load.h"
#include "csv.h"

enum { C_ID, C_NAME, C_INDICATOR, C_PATH, C_WEIGHT, C_TARGET, C_ACTUAL, C_NOTE, C_COUNT };

static const char *const headings[C_COUNT][2] = {
    {"dept_id", "单位编码"},  {"dept_name", "单位名称"}, {"indicator", "三级指标"},
    {"path", "指标路径"},     {"weight", "分值"},        {"target", "年度指标值"},
    {"actual", "实际完成值"}, {"note", "偏差原因"},
};

#define MAX_LONG_COLUMNS 64

typedef struct {
	jx_batch *b;
	const char *file;
	jx_diagnostics *diags;
	int col[C_COUNT]; /* field index of each column, -1 when absent */
	size_t ncols;     /* fields in the header */
	jx_csv_field fields[MAX_LONG_COLUMNS];
	char *scratch;
	size_t scratch_size;
} long_state;

static int read_header(long_state *st, jx_csv_reader *rd)
{
	size_t n = 0;
	jx_csv_error err = {0};
	jx_csv_status s =
	    jx_csv_next(rd, st->fields, MAX_LONG_COLUMNS, &n, st->scratch, st->scratch_size, &err);
	if (s != JX_CSV_RECORD) {
		jx_diag_error(st->diags, (jx_loc){st->file, s == JX_CSV_ERROR ? err.line : 1, 1},
		              "%s",
		              s == JX_CSV_ERROR ? err.message
		                                : "empty file: expected the header dept_id,"
		                                  "dept_name,indicator,path,weight,target,"
		                                  "actual,note");
		return JX_EDATA;
	}
	if (n > MAX_LONG_COLUMNS) {
		jx_diag_error(st->diags, (jx_loc){st->file, 1, 1},
		              "more than %d columns: a 自评表 has dept_id, dept_name, indicator, "
		              "path, weight, target, actual and note",
		              MAX_LONG_COLUMNS);
		return JX_EDATA;
	}
	st->ncols = n;
	for (int c = 0; c < C_COUNT; c++)
		st->col[c] = -1;
	for (size_t i = 0; i < n && i < MAX_LONG_COLUMNS; i++)
		for (int c = 0; c < C_COUNT; c++)
			for (int h = 0; h < 2; h++)
				if (st->fields[i].len == strlen(headings[c][h]) &&
				    memcmp(st->fields[i].data, headings[c][h], st->fields[i].len) ==
				        0)
					st->col[c] = (int)i;
	static const int required[] = {C_ID, C_INDICATOR, C_WEIGHT, C_TARGET, C_ACTUAL};
	for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++)
		if (st->col[required[k]] < 0) {
			jx_diag_error(
			    st->diags, (jx_loc){st->file, 1, 1},
			    "the header has no '%s' column (dept_id, dept_name, indicator, "
			    "path, weight, target, actual, note)",
			    headings[required[k]][0]);
			return JX_EDATA;
		}
	return JX_OK;
}

static const jx_csv_field *field(long_state *st, int c, size_t n)
{
	static const jx_csv_field empty = {"", 0, 0, 0, NULL, NULL};
	int i = st->col[c];
	return i >= 0 && (size_t)i < n ? &st->fields[i] : &empty;
}

static const char *copy(long_state *st, const jx_csv_field *f)
{
	size_t start = 0, len = f->len;
	while (start < len && (f->data[start] == ' ' || f->data[start] == '\t'))
		start++;
	while (len > start && (f->data[len - 1] == ' ' || f->data[len - 1] == '\t'))
		len--;
	return jx_arena_strndup(st->b->arena, f->data + start, len - start);
}

static jx_loc loc_of(long_state *st, const jx_csv_field *f, size_t offset)
{
	jx_loc loc = {st->file, f->line, jx_csv_col(f)};
	if (!f->quoted && offset <= f->len)
		loc.col += (int)jx_utf8_chars(f->data, offset);
	return loc;
}

/* The department a row belongs to: read before (wide file), or new. */
static long department(long_state *st, size_t n, int line)
{
	const jx_csv_field *id = field(st, C_ID, n);
	if (!id->len) {
		const char *name = jx_arena_printf(st->b->arena, "(line %d)", line);
		long row =
		    name ? jx_batch_push_row(st->b, name, "", (jx_loc){st->file, line, 1}) : -1;
		if (row >= 0)
			jx_batch_reject(st->b, (size_t)row, (jx_loc){st->file, line, 1},
			                "the row has no dept_id");
		return -2 - row; /* rejected already: skip the row */
	}
	const char *dept_id = copy(st, id); /* trimmed, as the wide CSV's ids are read */
	long row = dept_id ? jx_strmap_get(&st->b->id_map, dept_id, strlen(dept_id)) : -1;
	if (row >= 0)
		return row;
	const char *name = copy(st, field(st, C_NAME, n));
	return dept_id && name
	           ? jx_batch_push_row(st->b, dept_id, name, (jx_loc){st->file, line, 1})
	           : -1;
}

static long find_group(const jx_rules *r, const char *key)
{
	for (size_t g = 0; g < r->n_groups; g++)
		if (strcmp(r->groups[g].key, key) == 0)
			return (long)g;
	return -1;
}

/* "产出指标/数量指标", with spaces and full-width slashes tolerated. */
static const char *path_key(long_state *st, const jx_csv_field *f)
{
	jx_buf key = {0};
	for (size_t i = 0; i < f->len; i++) {
		if (f->data[i] == ' ')
			continue;
		if (i + 2 < f->len && memcmp(f->data + i, "／", 3) == 0) {
			jx_buf_putc(&key, '/');
			i += 2;
			continue;
		}
		jx_buf_putc(&key, f->data[i]);
	}
	const char *out = jx_arena_strdup(st->b->arena, jx_buf_cstr(&key));
	jx_buf_free(&key);
	return out;
}

static int read_target(long_state *st, jx_declared_row *dr, const jx_csv_field *f)
{
	const char *err = NULL;
	jx_lit_error lerr = {0};
	dr->target.text = copy(st, f);
	if (!dr->target.text)
		return -1;
	if (jx_target_parse(&dr->target.lit, dr->target.text, strlen(dr->target.text),
	                    &st->b->rules->units, &lerr) != 0)
		err = lerr.message;
	if (!err)
		return 0;
	jx_batch_reject(st->b, dr->dept, loc_of(st, f, lerr.offset), "target '%.*s': %s",
	                jx_utf8_clip(f->data, f->len, 80), f->data, err);
	return -1;
}

/* The actual as a value in `unit` (the target's or the indicator's). */
static int read_actual(long_state *st, size_t dept, const jx_csv_field *f, const jx_unit *unit,
                       jx_val *out)
{
	jx_value_lit lit;
	jx_lit_error lerr = {0};
	const jx_rules *r = st->b->rules;
	if (jx_value_parse(&lit, f->data, f->len, &r->units, &lerr) != 0) {
		jx_batch_reject(st->b, dept, loc_of(st, f, lerr.offset), "actual '%.*s': %s",
		                jx_utf8_clip(f->data, f->len, 80), f->data, lerr.message);
		return -1;
	}
	double x;
	switch (lit.kind) {
	case JX_LIT_EMPTY:
		*out = jx_val_state(JX_VAL_MISSING, JX_WHY_NONE, 0);
		return 0;
	case JX_LIT_NA:
		*out = jx_val_state(JX_VAL_NA, JX_WHY_NA, 0);
		return 0;
	case JX_LIT_WORD:
		*out = jx_val_text(copy(st, f));
		return out->u.text ? 0 : -1;
	case JX_LIT_NUMBER:
		break;
	}
	if (jx_unit_convert(&x, lit.num, lit.unit, unit) != 0) {
		jx_batch_reject(st->b, dept, loc_of(st, f, 0),
		                "actual '%.*s': unit '%s' does not fit the target's unit '%s'",
		                jx_utf8_clip(f->data, f->len, 80), f->data, lit.unit->name,
		                unit->name);
		return -1;
	}
	*out = jx_val_number(x);
	return 0;
}

/* A row named like a defined indicator gives its value (and target). */
static int defined_row(long_state *st, size_t dept, size_t n, long ind)
{
	const jx_indicator *def = &st->b->rules->indicators[ind];
	for (size_t k = 0; k < st->b->actuals.n; k++)
		if (st->b->actuals.items[k].dept == dept &&
		    st->b->actuals.items[k].indicator == (size_t)ind) {
			const jx_csv_field *name = field(st, C_INDICATOR, n);
			jx_batch_reject(st->b, dept, loc_of(st, name, 0),
			                "'%s' is given twice for this department", def->name);
			return -1;
		}
	jx_actual_override o = {dept, (size_t)ind, {{0}, 0, 0, 0, 0}};
	if (read_actual(st, dept, field(st, C_ACTUAL, n), def->unit, &o.actual) != 0)
		return -1;
	if (JX_VEC_PUSH(st->b->actuals, o) != 0)
		return -1;
	const jx_csv_field *t = field(st, C_TARGET, n);
	const char *err = NULL;
	size_t off = 0;
	if (t->len && jx_batch_store_target(st->b, dept, (size_t)ind, t->data, t->len,
	                                    loc_of(st, t, 0), &err, &off) != 0) {
		jx_batch_reject(st->b, dept, loc_of(st, t, off), "target: %s",
		                err ? err : "invalid");
		return -1;
	}
	const jx_csv_field *note = field(st, C_NOTE, n);
	return jx_batch_store_note(st->b, dept, (size_t)ind, note->data, note->len);
}

static long defined_indicator(const jx_rules *r, const jx_csv_field *f)
{
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_indicator *ind = &r->indicators[i];
		if ((strlen(ind->name) == f->len && memcmp(ind->name, f->data, f->len) == 0) ||
		    (strlen(ind->id) == f->len && memcmp(ind->id, f->data, f->len) == 0))
			return (long)i;
	}
	return -1;
}

static void declared_row(long_state *st, size_t dept, size_t n, int line)
{
	const jx_rules *r = st->b->rules;
	jx_declared_row dr = {0};
	dr.dept = dept;
	dr.loc = (jx_loc){st->file, line, 1};
	dr.name = copy(st, field(st, C_INDICATOR, n));
	const jx_csv_field *path = field(st, C_PATH, n);
	dr.path_key = path_key(st, path);
	dr.group = dr.path_key && *dr.path_key ? find_group(r, dr.path_key) : -1;
	if (dr.path_key && !*dr.path_key && r->n_groups) {
		jx_batch_reject(st->b, dept, loc_of(st, path, 0),
		                "the row has no path (一级/二级指标) for rule set '%s''s groups",
		                r->id);
		return;
	}
	if (dr.path_key && *dr.path_key && r->n_groups && dr.group < 0) {
		jx_batch_reject(st->b, dept, loc_of(st, path, 0),
		                "path '%s' is not a group of rule set '%s'", dr.path_key, r->id);
		return;
	}
	const jx_csv_field *w = field(st, C_WEIGHT, n);
	if (jx_number_parse(&dr.weight, w->data, w->len) != 0 || dr.weight < 0) {
		jx_batch_reject(st->b, dept, loc_of(st, w, 0), "weight '%.*s' is not a number >= 0",
		                jx_utf8_clip(w->data, w->len, 40), w->data);
		return;
	}
	if (read_target(st, &dr, field(st, C_TARGET, n)) != 0)
		return;
	const jx_unit *unit = dr.target.lit.cmp == JX_CMP_WORD ? NULL : dr.target.lit.unit;
	if (read_actual(st, dept, field(st, C_ACTUAL, n), unit, &dr.actual) != 0)
		return;
	if (dr.actual.kind == JX_VAL_TEXT && dr.target.lit.cmp != JX_CMP_WORD) {
		const jx_csv_field *a = field(st, C_ACTUAL, n);
		jx_batch_reject(st->b, dept, loc_of(st, a, 0),
		                "actual '%.*s' is a word, the target '%s' a number",
		                jx_utf8_clip(a->data, a->len, 80), a->data, dr.target.text);
		return;
	}
	dr.actual_text = copy(st, field(st, C_ACTUAL, n));
	const jx_csv_field *note = field(st, C_NOTE, n);
	dr.note = note->len ? copy(st, note) : NULL;
	if (dr.note && !*dr.note)
		dr.note = NULL;
	if (!dr.name || !dr.actual_text || JX_VEC_PUSH(st->b->declared, dr) != 0)
		jx_batch_reject(st->b, dept, dr.loc, "out of memory");
}

static int read_rows(long_state *st, jx_csv_reader *rd)
{
	for (;;) {
		size_t n = 0;
		jx_csv_error err = {0};
		int line = rd->line;
		jx_csv_status s = jx_csv_next(rd, st->fields, MAX_LONG_COLUMNS, &n, st->scratch,
		                              st->scratch_size, &err);
		if (s == JX_CSV_END)
			return JX_OK;
		if (s == JX_CSV_ERROR) {
			const char *id = jx_arena_printf(st->b->arena, "(line %d)", err.line);
			long row =
			    id ? jx_batch_push_row(st->b, id, "", (jx_loc){st->file, err.line, 1})
			       : -1;
			if (row < 0)
				return JX_ENOMEM;
			jx_batch_reject(st->b, (size_t)row, (jx_loc){st->file, err.line, err.col},
			                "%s", err.message);
			continue;
		}
		if (n && st->fields[0].line > 0)
			line = st->fields[0].line;
		long dept = department(st, n, line);
		if (dept == -1)
			return JX_ENOMEM;
		if (dept < 0 || st->b->rows[dept].reject_reason)
			continue; /* nothing more to learn from a rejected department */
		if (n != st->ncols) {
			jx_batch_reject(st->b, (size_t)dept, (jx_loc){st->file, line, 1},
			                "the row has %zu fields, the header %zu", n, st->ncols);
			continue;
		}
		const jx_csv_field *name = field(st, C_INDICATOR, n);
		long def = defined_indicator(st->b->rules, name);
		if (!name->len)
			jx_batch_reject(st->b, (size_t)dept, (jx_loc){st->file, line, 1},
			                "the row names no indicator");
		else if (def >= 0)
			defined_row(st, (size_t)dept, n, def);
		else if (!st->b->rules->declared.enabled)
			jx_batch_reject(st->b, (size_t)dept, loc_of(st, name, 0),
			                "indicator '%.*s' is not in rule set '%s', which has no "
			                "'declared:' rules for a department's own indicators",
			                jx_utf8_clip(name->data, name->len, 80), name->data,
			                st->b->rules->id);
		else
			declared_row(st, (size_t)dept, n, line);
	}
}

int jx_batch_read_long_csv(jx_batch *b, const char *file, const char *data, size_t len,
                           jx_diagnostics *diags)
{
	long_state st = {b, file, diags, {0}, 0, {{0}}, NULL, len + 1};
	st.scratch = malloc(st.scratch_size);
	if (!st.scratch)
		return JX_ENOMEM;
	jx_csv_reader rd;
	jx_csv_init(&rd, data, len);
	int rc = read_header(&st, &rd);
	if (rc == JX_OK)
		rc = read_rows(&st, &rd);
	free(st.scratch);
	return rc;
}
