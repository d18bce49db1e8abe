/*
 * rules_cache.c - compiled rule sets, cached per backend (docs/postgres.md,
 * "Memory and caching").
 *
 * Compiling a rule set (YAML, expressions to bytecode, the canonical form and
 * its SHA-256) costs far more than scoring one department with it, and a
 * query scores many departments with the same rules. So each backend keeps
 * the last RULES_CACHE_SIZE rule sets it compiled, keyed by the SHA-256 of
 * the rules text, least recently used first out. The entries live in a
 * context of their own under TopMemoryContext; the jx_rules they point to is
 * malloc'd by the library and freed with jx_rules_free() on eviction.
 * Parallel workers are backends too: each keeps its own cache.
 *
 * A rule set is read from the text alone: `extends:` would read another
 * file, with the server's rights, so texts that could name it are refused
 * (see refuse_file_access).
 */
#include "jixiao_pg.h"

#include <string.h>

#include "common/cryptohash.h"
#include "lib/stringinfo.h"
#include "utils/memutils.h"
/* A rule set from a YAML text in memory. */
static int load_text(jx_rules **out, const char *name, const char *yaml, size_t len,
                     jx_diagnostics *diags)
{
	jx_rules_options opts = JX_RULES_OPTIONS_INIT;
	opts.text = yaml;
	opts.text_len = len;
	opts.name = name;
	return jx_rules_open(out, &opts, diags);
}

#define RULES_CACHE_SIZE 8
#define MAX_REPORTED     20 /* rule-file errors listed in the DETAIL */

static jixiao_rules_entry *cache;
static uint64 cache_clock;

/* What a call site remembers of the rules it saw last (fn_extra). */
typedef struct {
	uint8 key[32];
	Size len;
	char data[FLEXIBLE_ARRAY_MEMBER];
} last_rules;

static void sha256(uint8 out[32], const char *data, Size len)
{
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);
	if (!ctx || pg_cryptohash_init(ctx) < 0 ||
	    pg_cryptohash_update(ctx, (const uint8 *)data, len) < 0 ||
	    pg_cryptohash_final(ctx, out, 32) < 0) {
		const char *why = ctx ? pg_cryptohash_error(ctx) : "out of memory";
		pg_cryptohash_free(ctx);
		elog(ERROR, "jixiao: SHA-256 of the rules failed: %s", why);
	}
	pg_cryptohash_free(ctx);
}

/* The key of `yaml`; the hash is skipped when the call site saw the same
 * text last time (a query passes the same rules for every row). */
static void rules_key(uint8 key[32], const char *data, Size len, FmgrInfo *flinfo)
{
	last_rules *last = flinfo ? (last_rules *)flinfo->fn_extra : NULL;
	if (last && last->len == len && memcmp(last->data, data, len) == 0) {
		memcpy(key, last->key, 32);
		return;
	}
	sha256(key, data, len);
	if (!flinfo)
		return;
	if (last)
		pfree(last);
	last = MemoryContextAlloc(flinfo->fn_mcxt, offsetof(last_rules, data) + len);
	memcpy(last->key, key, 32);
	last->len = len;
	memcpy(last->data, data, len);
	flinfo->fn_extra = last;
}

static void find_from(const char *data, Size len, const char *what, Size *at)
{
	Size n = strlen(what);
	for (Size i = 0; i + n <= len; i++)
		if (memcmp(data + i, what, n) == 0) {
			*at = i;
			return;
		}
	*at = len;
}

/* The line and column (1-based, in characters) of byte `at`. */
static void line_col(const char *data, Size at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (Size i = 0; i < at; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* `extends:` (docs/rule-changes.md) loads a base rule set from a file named
 * relative to the rule file: from text given to the server that would read
 * any file the server can, as pg_read_file does only for privileged roles.
 * So the word is refused anywhere in the text (comments too: YAML decides
 * what is a comment, not this check), and so are the escapes by which a
 * double-quoted key could spell it (\x, \u, \U and an escaped line break).
 * The effective rules, `jixiao check RULES --print`, never need either. */
static void refuse_file_access(const char *data, Size len)
{
	Size at;
	int line, col;
	find_from(data, len, "extends", &at);
	if (at < len) {
		line_col(data, at, &line, &col);
		ereport(ERROR,
		        (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
		         errmsg("rules:%d:%d: 'extends' cannot be used in the database", line, col),
		         errdetail("A rule set given to the server is read from its text "
		                   "alone; 'extends:' would read other files on the server."),
		         errhint("Store the effective rules, as \"jixiao check RULES "
		                 "--print\" writes them.")));
	}
	for (at = 0; at + 1 < len; at++) {
		char c = data[at + 1];
		if (data[at] != '\\' ||
		    !(c == 'x' || c == 'u' || c == 'U' || c == '\n' || c == '\r'))
			continue;
		const char *what = c == 'x'   ? "the escape \\x"
		                   : c == 'u' ? "the escape \\u"
		                   : c == 'U' ? "the escape \\U"
		                              : "a backslash at the end of a line";
		line_col(data, at, &line, &col);
		ereport(ERROR,
		        (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
		         errmsg("rules:%d:%d: %s cannot be used in the database", line, col, what),
		         errdetail("A key spelt with escapes could be 'extends:', which would "
		                   "read other files on the server."),
		         errhint("Write the characters themselves (the rules are UTF-8).")));
	}
}

/* "file:line:col: message" as jixiao prints it (docs/api.md, Errors). */
static void append_diagnostic(StringInfo s, const jx_diagnostic *d)
{
	if (d->file[0] && d->line > 0)
		appendStringInfo(s, "%s:%d:%d: ", d->file, d->line, d->col > 0 ? d->col : 1);
	else if (d->file[0])
		appendStringInfo(s, "%s: ", d->file);
	appendStringInfoString(s, d->message);
}

/* Loads the rules, or raises the rule file's errors as one SQL error: the
 * first in the message, all of them in the detail. */
static jx_rules *load(const char *data, Size len)
{
	jx_diagnostics *diags = NULL;
	jx_rules *rules = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	int rc = load_text(&rules, "rules", data, len, diags);
	if (rc == JX_OK) {
		jx_diagnostics_free(diags);
		return rules;
	}
	/* copied out of the library's handle before it is freed: ereport does
	 * not come back */
	StringInfoData first, all;
	initStringInfo(&first);
	initStringInfo(&all);
	size_t errors = 0, n = jx_diagnostics_count(diags);
	for (size_t i = 0; i < n; i++) {
		jx_diagnostic d;
		if (jx_diagnostics_get(&d, diags, i) != JX_OK || d.severity != JX_SEV_ERROR)
			continue;
		if (errors == 0)
			append_diagnostic(&first, &d);
		if (errors < MAX_REPORTED) {
			if (all.len)
				appendStringInfoChar(&all, '\n');
			append_diagnostic(&all, &d);
		}
		errors++;
	}
	jx_diagnostics_free(diags);
	if (rc == JX_ENOMEM)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory"),
		                errdetail("while compiling the jixiao rule set")));
	if (errors == 0)
		appendStringInfo(&first, "rules: the rule set cannot be loaded (error %d)", rc);
	if (errors > MAX_REPORTED)
		appendStringInfo(&all, "\n(%zu more)", errors - MAX_REPORTED);
	if (errors > 1)
		ereport(ERROR,
		        (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		         errmsg_internal("%s", first.data),
		         errdetail_internal("%zu errors in the rule set:\n%s", errors, all.data)));
	ereport(ERROR,
	        (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg_internal("%s", first.data)));
	return NULL; /* not reached */
}

jixiao_rules_entry *jixiao_rules_get(text *yaml, FmgrInfo *flinfo)
{
	const char *data = VARDATA_ANY(yaml);
	Size len = VARSIZE_ANY_EXHDR(yaml);
	uint8 key[32];
	if (!cache) {
		MemoryContext cxt = AllocSetContextCreate(TopMemoryContext, "jixiao rule cache",
		                                          ALLOCSET_SMALL_SIZES);
		cache = MemoryContextAllocZero(cxt, sizeof(jixiao_rules_entry) * RULES_CACHE_SIZE);
	}
	rules_key(key, data, len, flinfo);
	jixiao_rules_entry *victim = &cache[0];
	for (int i = 0; i < RULES_CACHE_SIZE; i++) {
		jixiao_rules_entry *e = &cache[i];
		if (e->rules && memcmp(e->key, key, 32) == 0) {
			e->used = ++cache_clock;
			return e;
		}
		if (!e->rules || (victim->rules && e->used < victim->used))
			victim = e;
	}
	refuse_file_access(data, len);
	jx_rules *rules = load(data, len);
	/* nothing raises an error from here until the entry holds the rules */
	jx_rules_free(victim->rules);
	memcpy(victim->key, key, 32);
	victim->rules = rules;
	victim->used = ++cache_clock;
	victim->score_scale = -1;
	return victim;
}
