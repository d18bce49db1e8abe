/*
 * fuzz_csv.c - fuzz target for the wide batch CSV (docs/data.md §2): the RFC 4180
 * reader and the cell parsers through jx_batch_read_buffer(..., "csv", ...)
 * against the shipped rule set (loaded once).
 *
 * Whatever was read is scored and written as JSON (strictly valid), CSV,
 * csv-long and text (valid UTF-8); every department read is in the result.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const jx_rules *rules = fz_shipped_rules();
	jx_diagnostics *d = NULL;
	FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
	jx_batch *batch = NULL;
	FUZZ_CHECK(jx_batch_new(&batch, rules) == JX_OK);
	int rc = jx_batch_read_buffer(batch, "fuzz.csv", "csv", (const char *)data, size, d);
	FUZZ_CHECK(rc == JX_OK || rc == JX_EDATA);
	fz_check_diags(d, rc != JX_OK);
	if (rc == JX_OK)
		fz_score_and_check(rules, batch, 1);
	jx_batch_free(batch);
	jx_diagnostics_free(d);
	return 0;
}
