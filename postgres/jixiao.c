/*
 * jixiao.c - jixiao as a PostgreSQL extension (docs/postgres.md; docs/postgres.md):
 *
 *   jixiao_score(rules text, department jsonb) RETURNS jsonb
 *   jixiao_score_table(rules text, query text, with_results boolean DEFAULT true)
 *       RETURNS TABLE (dept_id, dept_name, status, score, grade, rank, result)
 *   jixiao_version() RETURNS text
 *
 * PostgreSQL's rules, not the CLI's:
 *   - Memory. Each call works in a memory context of its own, deleted when
 *     it returns. The library's handles (diagnostics, batch, result, text it
 *     wrote) are malloc'd by the library; a reset callback on that context
 *     frees them, so an error or a cancel anywhere in the call frees them
 *     too. Compiled rule sets are cached per backend (rules_cache.c).
 *   - Interrupts. The executor checks between the query's rows
 *     (query_csv.c), this file between the result rows. A library call is
 *     never left by a longjmp: jx_score has no way to be stopped half-way
 *     and leave nothing behind, so its progress callback only lets a dying
 *     backend (ProcDiePending) go at once; a cancel is acted on as soon as
 *     the call returns (docs/postgres.md gives the longest such wait).
 *   - Process state. One thread (jobs = 1 for reading and scoring), no
 *     signal handlers, no setlocale (the backend keeps LC_NUMERIC at "C",
 *     which the library's number parsing assumes). The one process-wide
 *     change the library makes is GSL's error handler, switched off once
 *     (docs/api.md, Threads): GSL's default would abort the backend.
 */
#include "jixiao_pg.h"

#include <math.h>
#include <string.h>

#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "portability/instr_time.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(jixiao_score);
PG_FUNCTION_INFO_V1(jixiao_score_table);
PG_FUNCTION_INFO_V1(jixiao_version);

/* ---- one call's memory and library handles ---------------------------------- */

typedef struct {
	MemoryContext cxt;
	jx_diagnostics *diags;
	jx_batch *batch;
	jx_result *result;
	MemoryContextCallback release;
} call_state;

static void release_handles(void *arg)
{
	call_state *c = arg;
	jx_result_free(c->result);
	jx_batch_free(c->batch);
	jx_diagnostics_free(c->diags);
	c->result = NULL;
	c->batch = NULL;
	c->diags = NULL;
}

/* The call's context `cxt` (new, under the current one) with the handles'
 * callback; switches to it. */
static call_state *call_begin(MemoryContext cxt)
{
	call_state *c = MemoryContextAllocZero(cxt, sizeof(call_state));
	c->cxt = cxt;
	c->release.func = release_handles;
	c->release.arg = c;
	MemoryContextRegisterResetCallback(cxt, &c->release);
	MemoryContextSwitchTo(cxt);
	return c;
}

/* Frees the call's memory and handles; `back` becomes current again. */
static void call_end(call_state *c, MemoryContext back)
{
	MemoryContextSwitchTo(back);
	MemoryContextDelete(c->cxt);
}

/* A JX_E* code from the library as an SQL error; `diags` gives the first
 * located error when there is one. */
static void raise_jx(int rc, jx_diagnostics *diags, const char *what)
{
	if (rc == JX_ENOMEM)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory"),
		                errdetail("in jixiao, %s", what)));
	for (size_t i = 0; diags && i < jx_diagnostics_count(diags); i++) {
		jx_diagnostic d;
		if (jx_diagnostics_get(&d, diags, i) != JX_OK || d.severity != JX_SEV_ERROR)
			continue;
		if (d.line > 0)
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			                errmsg_internal("%s:%d:%d: %s", d.file, d.line,
			                                d.col > 0 ? d.col : 1, d.message)));
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		                errmsg_internal("%s", d.message)));
	}
	ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
	                errmsg("jixiao: %s failed (error %d)", what, rc)));
}

static void check(int rc, jx_diagnostics *diags, const char *what)
{
	if (rc != JX_OK)
		raise_jx(rc, diags, what);
}

/* The engine reads and writes UTF-8 (docs/rules.md: UTF-8 everywhere). */
static void require_utf8(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
		                errmsg("jixiao needs a database with encoding UTF8, not %s",
		                       GetDatabaseEncodingName())));
}

/* jx_score's progress callback (see the top of the file). */
static void on_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	(void)done;
	(void)total;
	if (ProcDiePending)
		CHECK_FOR_INTERRUPTS(); /* the backend exits: nothing to free */
}

static void score(call_state *c, const jx_rules *rules)
{
	jx_score_options opts;
	memset(&opts, 0, sizeof(opts));
	opts.jobs = 1; /* no threads in a backend */
	opts.progress = on_progress;
	check(jx_score(&c->result, rules, c->batch, &opts, c->diags), c->diags, "scoring");
}

/* A department's JSON object written by the library, as jsonb (allocated in
 * the current context). */
static Datum department_jsonb(const jx_result *res, size_t d, unsigned flags)
{
	char *text = NULL;
	int rc = jx_result_write_department(&text, NULL, res, d, flags);
	if (rc != JX_OK)
		raise_jx(rc, NULL, "writing a department");
	/* the library's copy goes before jsonb_in may raise an error */
	char *copy = pstrdup(text);
	jx_free(text);
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(copy));
}

/* ---- jixiao_score ------------------------------------------------------------ */

/* One department, a JSON object whose keys are the wide CSV's columns (or a
 * department document: values, targets, notes; docs/data.md). Its JSON text
 * is read by the engine's document reader, so numbers and strings read as
 * the CSV's cells do. The result is the object `jixiao score --format json`
 * writes for it, without "rank". */
Datum jixiao_score(PG_FUNCTION_ARGS)
{
	text *rules_text = PG_GETARG_TEXT_PP(0);
	Jsonb *dept = PG_GETARG_JSONB_P(1);
	MemoryContext caller = CurrentMemoryContext;
	require_utf8();
	if (!JB_ROOT_IS_OBJECT(dept) || JB_ROOT_IS_SCALAR(dept))
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		                errmsg("jixiao_score: the department must be a JSON object"),
		                errhint("One department: {\"dept_id\": ..., \"<variable>\": ...}, "
		                        "such as to_jsonb(row); for a batch use "
		                        "jixiao_score_table.")));
	jixiao_rules_entry *rules = jixiao_rules_get(rules_text, fcinfo->flinfo);

	call_state *c = call_begin(
	    AllocSetContextCreate(CurrentMemoryContext, "jixiao_score", ALLOCSET_DEFAULT_SIZES));
	StringInfoData doc;
	initStringInfo(&doc);
	JsonbToCString(&doc, &dept->root, VARSIZE(dept));
	check(jx_diagnostics_new(&c->diags), NULL, "starting");
	check(jx_batch_new(&c->batch, rules->rules), NULL, "starting");
	check(jx_batch_read_buffer(c->batch, "department", "json", doc.data, (size_t)doc.len,
	                           c->diags),
	      c->diags, "reading the department");
	if (jx_batch_count(c->batch) != 1)
		ereport(ERROR,
		        (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		         errmsg("jixiao_score: one department expected, the object holds %zu",
		                jx_batch_count(c->batch)),
		         errhint("For several departments use jixiao_score_table.")));
	score(c, rules->rules);

	MemoryContextSwitchTo(caller);
	Datum result = department_jsonb(c->result, 0, JX_DEPT_OMIT_RANK);
	call_end(c, caller);
	PG_RETURN_DATUM(result);
}

/* ---- jixiao_score_table ------------------------------------------------------ */

/* The decimals of "score" in a department's JSON: the rule set's precision,
 * which the CSV and the JSON print every score with. */
static int score_scale(const jx_result *res, size_t d)
{
	Jsonb *doc = DatumGetJsonbP(department_jsonb(res, d, 0));
	JsonbValue *v = getKeyJsonValueFromContainer(&doc->root, "score", 5, NULL);
	if (!v || v->type != jbvNumeric)
		return -1;
	return DatumGetInt32(DirectFunctionCall1(numeric_scale, NumericGetDatum(v->val.numeric)));
}

/* A rounded total as numeric with the rule set's decimals, as the CSV
 * writes it (94.07, 6.00). */
static Datum score_numeric(double rounded, int scale)
{
	Datum n = DirectFunctionCall1(float8_numeric, Float8GetDatum(rounded));
	return DirectFunctionCall2(numeric_round, n, Int32GetDatum(scale));
}

/* Seconds since *t, which becomes now: the phases of jixiao_score_table,
 * reported at DEBUG1 (as JIXIAO_TRACE=1 reports the CLI's). */
static double lap(instr_time *t)
{
	instr_time now;
	INSTR_TIME_SET_CURRENT(now);
	instr_time since = now;
	INSTR_TIME_SUBTRACT(since, *t);
	*t = now;
	return INSTR_TIME_GET_DOUBLE(since);
}

/* Every row of `query` is a department; all are scored as one batch (ranks
 * and statistics over the whole result) and returned in the query's order.
 * with_results false leaves `result` NULL: the JSON is most of the cost of
 * a large batch (docs/postgres.md, Performance). */
Datum jixiao_score_table(PG_FUNCTION_ARGS)
{
	text *rules_text = PG_GETARG_TEXT_PP(0);
	char *query = text_to_cstring(PG_GETARG_TEXT_PP(1));
	bool with_results = PG_NARGS() > 2 ? PG_GETARG_BOOL(2) : true;
	MemoryContext caller = CurrentMemoryContext;
	require_utf8();
	/* a bad rule set fails before the query runs */
	(void)jixiao_rules_get(rules_text, NULL);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;

	call_state *c = call_begin(AllocSetContextCreate(CurrentMemoryContext, "jixiao_score_table",
	                                                 ALLOCSET_DEFAULT_SIZES));
	jixiao_text csv = {NULL, 0, 0, c->cxt};
	instr_time t;
	double secs[4];
	INSTR_TIME_SET_CURRENT(t);
	jixiao_query_csv(&csv, query);
	secs[0] = lap(&t);
	/* the query may have run jixiao functions: look the rules up again */
	jixiao_rules_entry *rules = jixiao_rules_get(rules_text, NULL);
	check(jx_diagnostics_new(&c->diags), NULL, "starting");
	check(jx_batch_new(&c->batch, rules->rules), NULL, "starting");
	jx_batch_set_read_jobs(c->batch, 1);
	check(jx_batch_read_buffer(c->batch, "query", "csv", csv.data, csv.len, c->diags), c->diags,
	      "reading the query's rows");
	pfree(csv.data);
	secs[1] = lap(&t);
	CHECK_FOR_INTERRUPTS();
	score(c, rules->rules);
	secs[2] = lap(&t);
	CHECK_FOR_INTERRUPTS();

	size_t n = jx_result_count(c->result);
	MemoryContext row_cxt =
	    AllocSetContextCreate(c->cxt, "jixiao result row", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(row_cxt);
	for (size_t d = 0; d < n; d++) {
		Datum values[7];
		bool nulls[7] = {false, false, false, true, true, true, true};
		jx_dept_info info;
		CHECK_FOR_INTERRUPTS();
		check(jx_result_department(&info, c->result, d), NULL, "reading the result");
		bool scored = info.status == JX_DEPT_SCORED;
		values[0] = CStringGetTextDatum(info.id);
		values[1] = CStringGetTextDatum(info.name);
		values[2] = CStringGetTextDatum(scored ? "scored" : "rejected");
		if (scored && rules->score_scale < 0)
			rules->score_scale = score_scale(c->result, d);
		if (scored && isfinite(info.score_rounded) && rules->score_scale >= 0) {
			values[3] = score_numeric(info.score_rounded, rules->score_scale);
			nulls[3] = false;
		}
		if (scored && info.grade[0]) {
			values[4] = CStringGetTextDatum(info.grade);
			nulls[4] = false;
		}
		if (scored && info.rank > 0) {
			values[5] = Int32GetDatum(info.rank);
			nulls[5] = false;
		}
		if (with_results) {
			values[6] = department_jsonb(c->result, d, 0);
			nulls[6] = false;
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(row_cxt);
	}
	secs[3] = lap(&t);
	elog(DEBUG1,
	     "jixiao_score_table: %zu departments; query to CSV %.3f s, read %.3f s, "
	     "score %.3f s, rows%s %.3f s",
	     n, secs[0], secs[1], secs[2], with_results ? " and results" : "", secs[3]);
	call_end(c, caller);
	return (Datum)0;
}

/* ---- jixiao_version ---------------------------------------------------------- */

Datum jixiao_version(PG_FUNCTION_ARGS)
{
	(void)fcinfo;
	PG_RETURN_TEXT_P(cstring_to_text(jx_version()));
}
