/*
 * batch_doc.c - one department as a YAML or JSON document (docs/data.md §4).
 *
 *   dept_id: yyx-fulian          # required
 *   dept_name: 岳阳县妇女联合会
 *   fiscal_year: 2024
 *   values:                      # variables; nested mappings join with '.'
 *     mediation.accepted: 4561   # or  mediation: {accepted: 4561}
 *   targets: {mediation_success_rate: ">= 40%"}   # optional overrides
 *   notes:   {mediation_success_rate: 说明……}       # optional
 *
 * The keys of a wide CSV row work too, at the top level (`mediation.accepted:
 * 4561`, `target.<id>:`, `note.<id>:`), and so does nesting (`mediation:
 * {accepted: 4561}`). A document may hold several departments: a list of
 * them, or `departments: [ {...}, {...} ]`.
 * JSON is read by the same parser (YAML 1.2 is a superset of JSON).
 */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "yaml_util.h"
#include "../common/utf8.h"
#include "load.h"

#define MAX_NAME_DEPTH 8

typedef struct {
	jx_batch *b;
	jx_yctx y;
	size_t row;
} doc_state;

static jx_loc node_loc(doc_state *st, struct fy_node *n)
{
	return jx_ynode_loc(&st->y, n, (jx_loc){st->y.file, 0, 0, NULL});
}

static void reject_at(doc_state *st, struct fy_node *n, const char *what, const char *err)
{
	jx_batch_reject(st->b, st->row, node_loc(st, n), "%s: %s", what, err);
}

/* A scalar's text, or "" for a YAML null (~, empty). */
static const char *scalar_text(struct fy_node *n, size_t *len)
{
	*len = 0;
	if (!n)
		return "";
	const char *s = fy_node_get_scalar(n, len);
	if (!s)
		return "";
	if (fy_node_get_style(n) == FYNS_PLAIN &&
	    ((*len == 1 && s[0] == '~') || (*len == 4 && memcmp(s, "null", 4) == 0))) {
		*len = 0;
		return "";
	}
	return s;
}

static void store_value(doc_state *st, const char *name, struct fy_node *v)
{
	const jx_rules *r = st->b->rules;
	long slot = jx_strmap_get(&r->variable_map, name, strlen(name));
	if (slot < 0) {
		jx_diag_warning(st->y.diags, node_loc(st, v),
		                "variable '%s' is not used by rule set '%s'; ignored", name, r->id);
		return;
	}
	if (v && !fy_node_is_scalar(v)) {
		reject_at(st, v, name, "a value must be a number or a word");
		return;
	}
	size_t len;
	const char *text = scalar_text(v, &len);
	const char *err = NULL;
	size_t off = 0;
	if (jx_batch_store_cell(st->b, st->row, slot, text, len, &err, &off) != 0)
		reject_at(st, v, name, err ? err : "invalid value");
}

static void walk_values(doc_state *st, struct fy_node *map, jx_buf *prefix, int depth)
{
	if (depth > MAX_NAME_DEPTH || !fy_node_is_mapping(map)) {
		reject_at(st, map, "values", "must be a mapping of variable names to values");
		return;
	}
	void *iter = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		size_t klen, keep = prefix->len;
		const char *key = scalar_text(fy_node_pair_key(pair), &klen);
		if (prefix->len)
			jx_buf_putc(prefix, '.');
		jx_buf_append(prefix, key, klen);
		struct fy_node *v = fy_node_pair_value(pair);
		if (v && fy_node_is_mapping(v))
			walk_values(st, v, prefix, depth + 1);
		else
			store_value(st, jx_buf_cstr(prefix), v);
		prefix->len = keep;
		if (prefix->data)
			prefix->data[keep] = '\0';
	}
}

static long indicator_index(doc_state *st, struct fy_node *key, const char *section)
{
	size_t len;
	const char *id = scalar_text(key, &len);
	long i = jx_strmap_get(&st->b->rules->indicator_map, id, len);
	if (i < 0)
		jx_diag_warning(st->y.diags, node_loc(st, key),
		                "%s: '%.*s' is not an indicator of this rule set; ignored", section,
		                jx_utf8_clip(id, len, 60), id);
	return i;
}

/* A department's target for, or note on, indicator `ind`. */
static void store_override(doc_state *st, size_t ind, struct fy_node *v, int notes,
                           const char *what)
{
	size_t len;
	const char *text = scalar_text(v, &len);
	const char *err = NULL;
	size_t off = 0;
	int rc = notes ? jx_batch_store_note(st->b, st->row, ind, text, len)
	               : (len ? jx_batch_store_target(st->b, st->row, ind, text, len,
	                                              node_loc(st, v), &err, &off)
	                      : 0);
	if (rc != 0)
		reject_at(st, v, what, err ? err : "out of memory");
}

static void walk_overrides(doc_state *st, struct fy_node *map, int notes)
{
	const char *section = notes ? "notes" : "targets";
	if (!fy_node_is_mapping(map)) {
		reject_at(st, map, section, "must be a mapping of indicator ids to text");
		return;
	}
	void *iter = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		long ind = indicator_index(st, fy_node_pair_key(pair), section);
		struct fy_node *v = fy_node_pair_value(pair);
		if (ind < 0)
			continue;
		store_override(st, (size_t)ind, v, notes, section);
	}
}

static int key_is(const char *key, size_t len, const char *want)
{
	return len == strlen(want) && memcmp(key, want, len) == 0;
}

/* A key at the department's top level that is not one of the fixed ones: a
 * column name as in the wide CSV (a variable, target.<id>, note.<id>). */
static void store_column(doc_state *st, const char *key, size_t klen, struct fy_node *v)
{
	const jx_rules *r = st->b->rules;
	for (int notes = 0; notes < 2; notes++) {
		const char *prefix = notes ? "note." : "target.";
		size_t pn = strlen(prefix);
		if (klen <= pn || memcmp(key, prefix, pn) != 0)
			continue;
		long ind = jx_strmap_get(&r->indicator_map, key + pn, klen - pn);
		if (ind < 0)
			break;
		store_override(st, (size_t)ind, v, notes, prefix);
		return;
	}
	jx_buf name = {0};
	jx_buf_append(&name, key, klen);
	if (v && fy_node_is_mapping(v))
		walk_values(st, v, &name, 1);
	else
		store_value(st, jx_buf_cstr(&name), v);
	jx_buf_free(&name);
}

static void read_fiscal_year(doc_state *st, struct fy_node *year)
{
	size_t len;
	double y;
	const char *text = scalar_text(year, &len);
	if (jx_number_parse(&y, text, len) == 0 && y >= 1900 && y <= 9999 && y == (int)y)
		st->b->rows[st->row].fiscal_year = (int)y;
	else
		reject_at(st, year, "fiscal_year", "not a year");
}

/* Reads the department's members: dept_id, dept_name, fiscal_year, values,
 * targets, notes, and any column name of the wide CSV. */
static void read_members(doc_state *st, struct fy_node *dept)
{
	void *iter = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(dept, &iter)) != NULL) {
		size_t klen;
		const char *key = scalar_text(fy_node_pair_key(pair), &klen);
		struct fy_node *v = fy_node_pair_value(pair);
		if (key_is(key, klen, "dept_id") || key_is(key, klen, "dept_name"))
			continue;
		if (key_is(key, klen, "fiscal_year")) {
			read_fiscal_year(st, v);
		} else if (key_is(key, klen, "values")) {
			jx_buf prefix = {0};
			walk_values(st, v, &prefix, 0);
			jx_buf_free(&prefix);
		} else if (key_is(key, klen, "targets")) {
			walk_overrides(st, v, 0);
		} else if (key_is(key, klen, "notes")) {
			walk_overrides(st, v, 1);
		} else if (klen) {
			store_column(st, key, klen, v);
		}
	}
}

static int read_department(doc_state *st, struct fy_node *dept)
{
	if (!fy_node_is_mapping(dept)) {
		jx_diag_error(st->y.diags, node_loc(st, dept),
		              "a department must be a mapping with dept_id and its values");
		return JX_EDATA;
	}
	struct fy_node *id = fy_node_mapping_lookup_by_string(dept, "dept_id", FY_NT);
	struct fy_node *name = fy_node_mapping_lookup_by_string(dept, "dept_name", FY_NT);
	size_t len = 0;
	const char *text = id && fy_node_is_scalar(id) ? scalar_text(id, &len) : "";
	const char *dept_id = len ? jx_arena_strndup(st->b->arena, text, len)
	                          : jx_arena_printf(st->b->arena, "(%s)", st->y.file);
	text = name && fy_node_is_scalar(name) ? scalar_text(name, &len) : "";
	if (!name || !fy_node_is_scalar(name))
		len = 0;
	const char *dept_name = jx_arena_strndup(st->b->arena, text, len);
	if (!dept_id || !dept_name)
		return JX_ENOMEM;
	long row = jx_batch_push_row(st->b, dept_id, dept_name, node_loc(st, dept));
	if (row < 0)
		return JX_ENOMEM;
	st->row = (size_t)row;
	if (!id || !fy_node_is_scalar(id) || !scalar_text(id, &len)[0])
		jx_batch_reject(st->b, st->row, node_loc(st, dept),
		                "the department has no dept_id");
	read_members(st, dept);
	return JX_OK;
}

static int read_list(doc_state *st, struct fy_node *list)
{
	void *iter = NULL;
	struct fy_node *dept;
	int rc = JX_OK;
	while (rc == JX_OK && (dept = fy_node_sequence_iterate(list, &iter)) != NULL)
		rc = read_department(st, dept);
	return rc;
}

int jx_batch_read_document(jx_batch *b, const char *file, char *data, size_t len,
                           jx_diagnostics *diags)
{
	doc_state st = {b, {diags, b->arena, file, 0, NULL, NULL}, 0};
	struct fy_document *doc = jx_yaml_parse(&st.y, data, len);
	if (!doc)
		return JX_EDATA;
	struct fy_node *root = fy_document_root(doc);
	int rc = JX_OK;
	struct fy_node *list = root && fy_node_is_mapping(root)
	                           ? fy_node_mapping_lookup_by_string(root, "departments", FY_NT)
	                           : NULL;
	if (root && fy_node_is_sequence(root)) {
		rc = read_list(&st, root);
	} else if (!root || !fy_node_is_mapping(root)) {
		jx_diag_error(diags, (jx_loc){file, 1, 1, NULL},
		              "a department file must be a mapping with dept_id and values");
		rc = JX_EDATA;
	} else if (list) {
		if (fy_node_is_sequence(list)) {
			rc = read_list(&st, list);
		} else {
			jx_diag_error(diags, node_loc(&st, list), "departments must be a list");
			rc = JX_EDATA;
		}
	} else {
		rc = read_department(&st, root);
	}
	fy_document_destroy(doc);
	return rc;
}
