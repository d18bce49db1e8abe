/*
 * fuzz_long_csv.c - fuzz target for the long CSV of department-declared
 * indicators (docs/data.md §3, engine/load/batch_long.c): one row per (department,
 * indicator) with dept_id, dept_name, indicator, path, weight, target,
 * actual, note (or the 自评表's Chinese headings), read through
 * jx_batch_read_buffer(..., "indicators", ...) against the national scheme
 * indicators/national (loaded once), whose `declared:` section scores the
 * rows.
 *
 * Before the input, each batch reads fixtures/selfeval/budget.csv (the wide
 * 年度资金 figures of two departments, kept in memory), so rows both join
 * departments already read and add new ones. Whatever was read is scored
 * and written as JSON (strictly valid), CSV, csv-long and text (valid
 * UTF-8); every department read is in the result.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const jx_rules *national_rules(void)
{
	static jx_rules *rules;
	if (!rules) {
		jx_diagnostics *d = NULL;
		FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
		int rc = jx_rules_load(&rules, JX_SOURCE_DIR "/indicators/national", d);
		if (rc != JX_OK)
			jx_diagnostics_write(d, write_stream, stderr);
		FUZZ_CHECK(rc == JX_OK);
		jx_diagnostics_free(d);
	}
	return rules;
}

/* fixtures/selfeval/budget.csv, read once into memory. */
static const char *budget_csv(size_t *len)
{
	static char *text;
	static size_t n;
	if (!text) {
		FILE *f = fopen(JX_SOURCE_DIR "/fixtures/selfeval/budget.csv", "rb");
		FUZZ_CHECK(f != NULL);
		FUZZ_CHECK(fseek(f, 0, SEEK_END) == 0);
		long size = ftell(f);
		FUZZ_CHECK(size > 0 && fseek(f, 0, SEEK_SET) == 0);
		text = malloc((size_t)size);
		FUZZ_CHECK(text != NULL);
		FUZZ_CHECK(fread(text, 1, (size_t)size, f) == (size_t)size);
		fclose(f);
		n = (size_t)size;
	}
	*len = n;
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const jx_rules *rules = national_rules();
	jx_diagnostics *d = NULL;
	FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
	jx_batch *batch = NULL;
	FUZZ_CHECK(jx_batch_new(&batch, rules) == JX_OK);
	size_t blen;
	const char *budget = budget_csv(&blen);
	FUZZ_CHECK(jx_batch_read_buffer(batch, "budget.csv", "csv", budget, blen, d) == JX_OK);
	size_t before = jx_batch_count(batch);
	jx_diagnostics_free(d);
	FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
	int rc = jx_batch_read_buffer(batch, "fuzz.csv", "indicators", (const char *)data, size, d);
	FUZZ_CHECK(rc == JX_OK || rc == JX_EDATA);
	fz_check_diags(d, rc != JX_OK);
	FUZZ_CHECK(jx_batch_count(batch) >= before);
	if (rc == JX_OK)
		fz_score_and_check(rules, batch, 1);
	jx_batch_free(batch);
	jx_diagnostics_free(d);
	return 0;
}
