/*
 * query_csv.c - a query's rows as the wide CSV of docs/data.md, for
 * jixiao_score_table (docs/postgres.md).
 *
 * Every row of the query is a department and every column a CSV column
 * (dept_id, dept_name, fiscal_year, variables, target.<id>, note.<id>), so
 * the engine reads the rows exactly as it reads a wide CSV file: the same
 * number and unit parsing, the same missing cells, the same reasons. A cell
 * is the column's text as PostgreSQL prints it (numeric 33.00 as "33.00"),
 * a NULL is an empty cell (missing), a boolean is true/false (read as 1/0,
 * as the CSV's yes/no cells are). The rows arrive through a DestReceiver as
 * the executor makes them: nothing but the CSV text is kept.
 */
#include "jixiao_pg.h"

#include <string.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "tcop/dest.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

typedef struct {
	DestReceiver pub; /* first: the executor sees a DestReceiver */
	jixiao_text *out;
	MemoryContext row_cxt; /* output functions' allocations, reset per row */
	int natts;
	FmgrInfo *out_funcs;
	Oid *types;
	bool started;
	uint64 rows;
} csv_dest;

static void reserve(jixiao_text *t, Size more)
{
	if (t->len + more + 1 <= t->cap)
		return;
	Size cap = t->cap ? t->cap : 64 * 1024;
	while (cap < t->len + more + 1)
		cap *= 2;
	t->data = t->data ? repalloc_huge(t->data, cap) : MemoryContextAllocHuge(t->cxt, cap);
	t->cap = cap;
}

static void append(jixiao_text *t, const char *s, Size n)
{
	reserve(t, n);
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

static void append_char(jixiao_text *t, char c)
{
	reserve(t, 1);
	t->data[t->len++] = c;
	t->data[t->len] = '\0';
}

/* One field, quoted as RFC 4180 wants when it holds a comma, a quote or a
 * line break. */
static void append_field(jixiao_text *t, const char *s, Size n)
{
	bool quote = false;
	for (Size i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		append(t, s, n);
		return;
	}
	append_char(t, '"');
	for (Size i = 0; i < n; i++) {
		if (s[i] == '"')
			append_char(t, '"');
		append_char(t, s[i]);
	}
	append_char(t, '"');
}

static void csv_startup(DestReceiver *self, int operation, TupleDesc desc)
{
	csv_dest *d = (csv_dest *)self;
	bool has_id = false;
	(void)operation;
	if (d->started)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		                errmsg("jixiao_score_table: the query must be one statement")));
	d->started = true;
	d->natts = desc->natts;
	d->out_funcs = MemoryContextAlloc(d->out->cxt, sizeof(FmgrInfo) * Max(desc->natts, 1));
	d->types = MemoryContextAlloc(d->out->cxt, sizeof(Oid) * Max(desc->natts, 1));
	for (int i = 0; i < desc->natts; i++) {
		Form_pg_attribute att = TupleDescAttr(desc, i);
		const char *name = NameStr(att->attname);
		Oid func;
		bool varlena;
		if (i > 0)
			append_char(d->out, ',');
		append_field(d->out, name, strlen(name));
		has_id = has_id || strcmp(name, "dept_id") == 0;
		d->types[i] = att->atttypid;
		getTypeOutputInfo(att->atttypid, &func, &varlena);
		fmgr_info_cxt(func, &d->out_funcs[i], d->out->cxt);
	}
	append_char(d->out, '\n');
	if (!has_id)
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_COLUMN),
		                errmsg("jixiao_score_table: the query has no dept_id column"),
		                errhint("Every row is a department: name its id column dept_id, as "
		                        "in the wide CSV (docs/data.md).")));
}

static bool csv_receive(TupleTableSlot *slot, DestReceiver *self)
{
	csv_dest *d = (csv_dest *)self;
	MemoryContext old = MemoryContextSwitchTo(d->row_cxt);
	CHECK_FOR_INTERRUPTS();
	slot_getallattrs(slot);
	for (int i = 0; i < d->natts; i++) {
		if (i > 0)
			append_char(d->out, ',');
		if (slot->tts_isnull[i])
			continue; /* an empty cell: missing */
		Datum v = slot->tts_values[i];
		switch (d->types[i]) {
		case BOOLOID:
			append_field(d->out, DatumGetBool(v) ? "true" : "false",
			             DatumGetBool(v) ? 4 : 5);
			break;
		case TEXTOID:
		case VARCHAROID: {
			text *t = DatumGetTextPP(v);
			append_field(d->out, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
			break;
		}
		default: {
			char *s = OutputFunctionCall(&d->out_funcs[i], v);
			append_field(d->out, s, strlen(s));
			break;
		}
		}
	}
	append_char(d->out, '\n');
	d->rows++;
	MemoryContextSwitchTo(old);
	MemoryContextReset(d->row_cxt);
	return true;
}

static void csv_shutdown(DestReceiver *self)
{
	(void)self;
}

static void csv_destroy(DestReceiver *self)
{
	(void)self;
}

uint64 jixiao_query_csv(jixiao_text *out, const char *query)
{
	csv_dest d;
	memset(&d, 0, sizeof(d));
	d.pub.receiveSlot = csv_receive;
	d.pub.rStartup = csv_startup;
	d.pub.rShutdown = csv_shutdown;
	d.pub.rDestroy = csv_destroy;
	d.pub.mydest = DestNone;
	d.out = out;
	d.row_cxt = AllocSetContextCreate(out->cxt, "jixiao query row", ALLOCSET_SMALL_SIZES);

	SPIExecuteOptions opts;
	memset(&opts, 0, sizeof(opts));
	opts.read_only = true; /* jixiao_score_table is STABLE: the query only reads */
	opts.must_return_tuples = true;
	opts.dest = &d.pub;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "jixiao_score_table: SPI_connect failed");
	int rc = SPI_execute_extended(query, &opts);
	if (rc < 0)
		elog(ERROR, "jixiao_score_table: the query failed: %s", SPI_result_code_string(rc));
	SPI_finish();
	MemoryContextDelete(d.row_cxt);
	if (!d.started)
		ereport(ERROR,
		        (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		         errmsg("jixiao_score_table: the query returns no rows description")));
	return d.rows;
}
