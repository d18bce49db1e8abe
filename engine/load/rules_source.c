/*
 * rules_source.c - which YAML files make a rule set (docs/rules.md, docs/rule-changes.md).
 *
 * A rule set is a file, or a folder of *.yaml / *.yml files read in name
 * order (sub-folders such as tests/ are not read). A file may name a base
 * with `extends: PATH` (relative to the file); the base - itself a file or a
 * folder, possibly extending another - is read first. Files may be dated
 * with `ruleset: {effective: {from, to}}`; for a given year only the files
 * in force are used, so one folder can hold several years' rules.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/buf.h"
#include "../common/folder.h"
#include "rules_build.h"

#define MAX_RULE_FILE     (16u << 20) /* 16 MiB: far above any real rule set */
#define MAX_RULE_FILES    256
#define MAX_EXTENDS_DEPTH 8

/* ---- dates -------------------------------------------------------------------- */

/* YYYY-MM-DD, a day of the (proleptic Gregorian) calendar: four, two and
 * two ASCII digits, so that dates compare as text (jx_in_force, the
 * overlaps of rules_entries.c). The one check of every `effective:` date
 * (docs/rule-changes.md). */
int jx_valid_date(const char *s)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

int jx_in_force(const char *from, const char *to, int year)
{
	if (year <= 0 || year > 9999)
		return 1;
	char first[32], last[32];
	snprintf(first, sizeof(first), "%04d-01-01", year);
	snprintf(last, sizeof(last), "%04d-12-31", year);
	/* YYYY-MM-DD compares as text */
	return (!from || strcmp(from, last) <= 0) && (!to || strcmp(to, first) >= 0);
}

/* ---- reading ------------------------------------------------------------------- */

static int read_whole_file(const char *path, char **out, size_t *len, jx_diagnostics *diags)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		jx_diag_error(diags, (jx_loc){path, 0, 0, NULL}, "cannot open: %s",
		              strerror(errno));
		return JX_EIO;
	}
	jx_buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > MAX_RULE_FILE) {
			jx_diag_error(diags, (jx_loc){path, 0, 0, NULL},
			              "file is larger than %u MiB", MAX_RULE_FILE >> 20);
			fclose(f);
			jx_buf_free(&b);
			return JX_EIO;
		}
		jx_buf_append(&b, chunk, n);
	}
	int failed = ferror(f) || b.failed;
	fclose(f);
	if (failed) {
		jx_diag_error(diags, (jx_loc){path, 0, 0, NULL}, "cannot read the file");
		jx_buf_free(&b);
		return JX_EIO;
	}
	if (!b.data)
		jx_buf_append(&b, "", 0);
	*out = b.data;
	*len = b.len;
	return b.data ? JX_OK : JX_ENOMEM;
}

static int has_yaml_suffix(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* The rule files of a folder, sorted by name. */
static int list_folder(const char *dir, jx_file_list *names, jx_diagnostics *diags)
{
	int rc = jx_folder_list(names, dir, has_yaml_suffix, MAX_RULE_FILES);
	if (rc == -1) {
		jx_diag_error(diags, (jx_loc){dir, 0, 0, NULL}, "cannot open folder: %s",
		              strerror(errno));
		return JX_EIO;
	}
	if (rc == -2) {
		jx_diag_error(diags, (jx_loc){dir, 0, 0, NULL}, "more than %d rule files",
		              MAX_RULE_FILES);
		return JX_ERULES;
	}
	if (rc == -3)
		return JX_ENOMEM;
	if (names->n == 0) {
		jx_diag_error(diags, (jx_loc){dir, 0, 0, NULL},
		              "no *.yaml rule files in this folder");
		return JX_ERULES;
	}
	return JX_OK;
}

/* ---- one file -------------------------------------------------------------------- */

static const char *peek_scalar(jx_rules_builder *b, struct fy_node *map, const char *key)
{
	struct fy_node *n = map && fy_node_is_mapping(map)
	                        ? fy_node_mapping_lookup_by_string(map, key, FY_NT)
	                        : NULL;
	size_t len;
	const char *s = n && fy_node_is_scalar(n) ? fy_node_get_scalar(n, &len) : NULL;
	return s ? jx_arena_strndup(b->rules->arena, s, len) : NULL;
}

/* The effective dates of a file's `ruleset:`, checked in the header pass. */
static void peek_effective(jx_rules_builder *b, jx_rule_file *f)
{
	struct fy_node *ruleset = fy_node_is_mapping(f->root)
	                              ? fy_node_mapping_lookup_by_string(f->root, "ruleset", FY_NT)
	                              : NULL;
	struct fy_node *eff = ruleset && fy_node_is_mapping(ruleset)
	                          ? fy_node_mapping_lookup_by_string(ruleset, "effective", FY_NT)
	                          : NULL;
	f->from = peek_scalar(b, eff, "from");
	f->to = peek_scalar(b, eff, "to");
	if (f->from && !jx_valid_date(f->from))
		f->from = NULL;
	if (f->to && !jx_valid_date(f->to))
		f->to = NULL;
}

static int add_parsed(jx_rules_builder *b, jx_rule_files *files, const char *name, char *data,
                      size_t len, int depth, int parent_id, int set_id)
{
	jx_rule_file f = {0};
	f.file = jx_arena_strdup(b->rules->arena, name);
	f.data = data;
	f.len = len;
	f.depth = depth;
	f.in_force = 1;
	f.id = b->next_file_id++;
	char *real = realpath(name, NULL);
	f.real = jx_arena_strdup(b->rules->arena, real ? real : name);
	free(real);
	f.parent_id = parent_id;
	f.set_id = set_id;
	if (!f.file) {
		free(data);
		return JX_ENOMEM;
	}
	b->y.file = f.file;
	f.doc = jx_yaml_parse(&b->y, data, len);
	if (f.doc) {
		f.root = fy_document_root(f.doc);
		if (f.root && fy_node_is_mapping(f.root)) {
			f.extends = fy_node_mapping_lookup_by_string(f.root, "extends", FY_NT);
			f.remove = fy_node_mapping_lookup_by_string(f.root, "remove", FY_NT);
			f.override = fy_node_mapping_lookup_by_string(f.root, "override", FY_NT);
		}
		peek_effective(b, &f);
	}
	if (JX_VEC_PUSH(*files, f) != 0) {
		fy_document_destroy(f.doc);
		free(data);
		return JX_ENOMEM;
	}
	return JX_OK;
}

int jx_rule_files_add_buffer(jx_rules_builder *b, jx_rule_files *files, const char *name,
                             const char *data, size_t len)
{
	char *copy = jx_memdup_nul(data, len);
	if (!copy)
		return JX_ENOMEM;
	size_t at = files->n;
	int rc = add_parsed(b, files, name, copy, len, 0, -1, 0);
	if (rc == JX_OK && files->n > at && files->items[at].extends) {
		/* a rule text from memory has no folder its base could be found in,
		 * and a text from elsewhere (a database) must not read files */
		jx_loc where = jx_ynode_loc(&b->y, files->items[at].extends,
		                            (jx_loc){files->items[at].file, 0, 0, NULL});
		jx_diag_error(b->y.diags, where,
		              "'extends:' needs the rule set on disk (jx_rules_load): a rule text "
		              "given from memory is whole; write `jixiao check --print`'s "
		              "effective rules instead");
		b->y.errors++;
		return JX_ERULES;
	}
	return rc;
}

/* ---- extends ---------------------------------------------------------------------- */

static int gather(jx_rules_builder *b, jx_rule_files *files, const char *path, int depth,
                  jx_loc from, int parent_id, int set_id);

/* The base a file names, relative to the file's own folder. */
static int gather_base(jx_rules_builder *b, jx_rule_files *files, size_t i)
{
	jx_rule_file *f = &files->items[i];
	b->y.file = f->file;
	size_t len;
	const char *rel = jx_yscalar(&b->y, f->extends, "extends", &len);
	if (!rel)
		return JX_ERULES;
	jx_loc at = jx_ynode_loc(&b->y, f->extends, (jx_loc){f->file, 0, 0, NULL});
	int depth = f->depth + 1;
	if (depth > MAX_EXTENDS_DEPTH) {
		jx_diag_error(b->y.diags, at, "'extends:' goes deeper than %d levels (a loop?)",
		              MAX_EXTENDS_DEPTH);
		b->y.errors++;
		return JX_ERULES;
	}
	jx_buf path = {0};
	const char *slash = strrchr(f->file, '/');
	if (rel[0] != '/' && slash)
		jx_buf_printf(&path, "%.*s/", (int)(slash - f->file), f->file);
	jx_buf_append(&path, rel, len);
	int rc = path.failed
	             ? JX_ENOMEM
	             : gather(b, files, jx_buf_cstr(&path), depth, at, f->id, ++b->next_set_id);
	jx_buf_free(&path);
	return rc;
}

/* Reads `path` (file or folder) at `depth`; each file's base goes before it. */
static int gather(jx_rules_builder *b, jx_rule_files *files, const char *path, int depth,
                  jx_loc from, int parent_id, int set_id)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		jx_loc at = from.file ? from : (jx_loc){path, 0, 0, NULL};
		jx_diag_error(b->y.diags, at, "cannot open '%s': %s", path, strerror(errno));
		b->y.errors++;
		return JX_EIO;
	}
	jx_file_list names = {0};
	int rc = JX_OK;
	if (S_ISDIR(st.st_mode)) {
		rc = list_folder(path, &names, b->y.diags);
	} else {
		char *copy = strdup(path);
		if (!copy || JX_VEC_PUSH(names, copy) != 0) {
			free(copy);
			rc = JX_ENOMEM;
		}
	}
	for (size_t i = 0; rc == JX_OK && i < names.n; i++) {
		char *data = NULL;
		size_t len = 0;
		rc = read_whole_file(names.items[i], &data, &len, b->y.diags);
		if (rc != JX_OK)
			break;
		/* The file goes in first so that its base can be read; then the
		 * base's files are moved in front of it. */
		size_t at = files->n;
		rc = add_parsed(b, files, names.items[i], data, len, depth, parent_id, set_id);
		if (rc != JX_OK || !files->items[at].extends)
			continue;
		size_t before = files->n;
		rc = gather_base(b, files, at);
		size_t added = files->n - before;
		if (added) {
			jx_rule_file self = files->items[at];
			memmove(&files->items[at], &files->items[at + 1],
			        added * sizeof(jx_rule_file));
			files->items[at + added] = self;
		}
	}
	jx_file_list_free(&names);
	if (rc != JX_OK && b->y.errors == 0)
		b->y.errors++;
	return rc;
}

int jx_rule_files_gather(jx_rules_builder *b, jx_rule_files *files, const char *path)
{
	return gather(b, files, path, 0, (jx_loc){0}, -1, 0);
}

void jx_rule_files_free(jx_rule_files *files)
{
	for (size_t i = 0; i < files->n; i++) {
		fy_document_destroy(files->items[i].doc);
		free(files->items[i].data);
	}
	free(files->items);
	files->items = NULL;
	files->n = files->cap = 0;
}

/* ---- years ------------------------------------------------------------------------- */

static int year_of(const char *date)
{
	return date ? atoi(date) : 0;
}

/* The latest year a file or an indicator of these files names as `from`. */
static int latest_year(const jx_rule_files *files)
{
	int latest = 0;
	for (size_t i = 0; i < files->n; i++) {
		const jx_rule_file *f = &files->items[i];
		if (year_of(f->from) > latest)
			latest = year_of(f->from);
		struct fy_node *list =
		    fy_node_is_mapping(f->root)
		        ? fy_node_mapping_lookup_by_string(f->root, "indicators", FY_NT)
		        : NULL;
		void *iter = NULL;
		struct fy_node *item;
		while (list && fy_node_is_sequence(list) &&
		       (item = fy_node_sequence_iterate(list, &iter)) != NULL) {
			struct fy_node *eff =
			    fy_node_is_mapping(item)
			        ? fy_node_mapping_lookup_by_string(item, "effective", FY_NT)
			        : NULL;
			struct fy_node *from =
			    eff && fy_node_is_mapping(eff)
			        ? fy_node_mapping_lookup_by_string(eff, "from", FY_NT)
			        : NULL;
			size_t len;
			const char *s =
			    from && fy_node_is_scalar(from) ? fy_node_get_scalar(from, &len) : NULL;
			if (s && len >= 4 && atoi(s) > latest)
				latest = atoi(s);
		}
	}
	return latest;
}

static const jx_rule_file *file_by_id(const jx_rule_files *files, int id)
{
	for (size_t i = 0; i < files->n; i++)
		if (files->items[i].id == id)
			return &files->items[i];
	return NULL;
}

/* The files of one base (one `extends:`) whose child is in force: those
 * dated for the year, else the latest version - a child for 2025 may extend
 * rules written for 2024. */
static int parent_in_force(const jx_rule_files *files, const jx_rule_file *f, int orphans)
{
	const jx_rule_file *parent = file_by_id(files, f->parent_id);
	return parent && (parent->in_force || orphans);
}

/* orphans: no file the user named is in force for the year, so a base in
 * force by its own dates stands in (a child for 2025 asked about 2024 gives
 * the 2024 rules it extends). */
static void select_base(jx_rule_files *files, int set_id, int year, int orphans)
{
	int any = 0;
	const char *latest = NULL;
	for (size_t i = 0; i < files->n; i++) {
		jx_rule_file *f = &files->items[i];
		const jx_rule_file *parent = file_by_id(files, f->parent_id);
		if (f->set_id != set_id)
			continue;
		f->in_force =
		    parent_in_force(files, f, orphans) && jx_in_force(f->from, f->to, year);
		any |= f->in_force;
		if (parent && parent->in_force && f->from &&
		    (!latest || strcmp(f->from, latest) > 0))
			latest = f->from;
	}
	if (any || orphans)
		return;
	for (size_t i = 0; i < files->n; i++) {
		jx_rule_file *f = &files->items[i];
		const jx_rule_file *parent = file_by_id(files, f->parent_id);
		if (f->set_id == set_id && parent && parent->in_force)
			f->in_force = !latest || !f->from || strcmp(f->from, latest) == 0;
	}
}

int jx_rule_files_select(jx_rules_builder *b, jx_rule_files *files, int year)
{
	if (year <= 0)
		year = latest_year(files);
	int top_in_force = 0;
	for (size_t i = 0; i < files->n; i++)
		if (files->items[i].depth == 0) {
			files->items[i].in_force =
			    jx_in_force(files->items[i].from, files->items[i].to, year);
			top_in_force |= files->items[i].in_force;
		}
	/* bases after their children: depth by depth */
	for (int depth = 1; depth <= MAX_EXTENDS_DEPTH; depth++)
		for (int set = 1; set <= b->next_set_id; set++) {
			int here = 0;
			for (size_t i = 0; i < files->n; i++)
				here |=
				    files->items[i].depth == depth && files->items[i].set_id == set;
			if (here)
				select_base(files, set, year, !top_in_force);
		}
	return year;
}
