/*
 * fuzz_rules_yaml.c - fuzz target for the rule-set loader (docs/rules.md): YAML
 * through libfyaml, indicators, targets, methods, expressions, checks.
 *
 * A rule set that loads is dumped as bytecode and scores one department with
 * no figures (every indicator missing), whose JSON must be valid. A load that
 * fails must say why (at least one error diagnostic). Everything is freed.
 */
#include "fuzz_common.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	jx_diagnostics *d = NULL;
	FUZZ_CHECK(jx_diagnostics_new(&d) == JX_OK);
	jx_rules *rules = NULL;
	int rc = load_text(&rules, "fuzz.yaml", (const char *)data, size, d);
	fz_check_diags(d, rc != JX_OK);
	if (rc == JX_OK) {
		FUZZ_CHECK(rules != NULL);
		FUZZ_CHECK(strlen(jx_rules_sha256(rules)) == 64);
		for (size_t i = 0; i < jx_rules_indicator_count(rules); i++) {
			jx_indicator_info info;
			FUZZ_CHECK(jx_rules_indicator(&info, rules, i) == JX_OK);
			FUZZ_CHECK(info.id && info.name && info.path && info.unit && info.target &&
			           info.method && info.value);
		}
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		FUZZ_CHECK(f != NULL);
		jx_rules_write_bytecode(rules, write_stream, f);
		fclose(f);
		free(text);

		jx_batch *batch = NULL;
		FUZZ_CHECK(jx_batch_new(&batch, rules) == JX_OK);
		size_t row;
		FUZZ_CHECK(jx_batch_add_department(&row, batch, "fuzz-dept", "模糊测试") == JX_OK);
		fz_score_and_check(rules, batch, 1);
		jx_batch_free(batch);
		jx_rules_free(rules);
	} else {
		FUZZ_CHECK(rules == NULL);
	}
	jx_diagnostics_free(d);
	return 0;
}
