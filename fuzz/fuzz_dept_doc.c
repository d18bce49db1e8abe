/*
 * fuzz_dept_doc.c - fuzz target for department documents (docs/data.md §4): one
 * department, a list, or `departments: [...]`, as YAML or JSON, read with
 * jx_batch_read_buffer against the shipped rule set (loaded once).
 *
 * The format follows the first non-blank byte ('{' or '[': json, else yaml;
 * both go through the same libfyaml reader). Whatever was read is scored and
 * written; the JSON must be strictly valid.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const jx_rules *rules = fz_shipped_rules();
	size_t i = 0;
	while (i < size &&
	       (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
		i++;
	const char *format = i < size && (data[i] == '{' || data[i] == '[') ? "json" : "yaml";
	jx_diagnostics *d = NULL;
	FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
	jx_batch *batch = NULL;
	FUZZ_CHECK(jx_batch_new(&batch, rules) == JX_OK);
	int rc = jx_batch_read_buffer(batch, "fuzz.yaml", format, (const char *)data, size, d);
	FUZZ_CHECK(rc == JX_OK || rc == JX_EDATA);
	fz_check_diags(d, rc != JX_OK);
	if (rc == JX_OK)
		fz_score_and_check(rules, batch, 1);
	jx_batch_free(batch);
	jx_diagnostics_free(d);
	return 0;
}
