/*
 * cmd_rules.c - `jixiao check` and `jixiao test`: commands about a rule set.
 */
#include <string.h>

#include "cli.h"

static const char usage_check[] =
    "usage: jixiao check RULES [--print] [--year Y] [--dump-bytecode]\n"
    "\n"
    "Loads the rule set (a YAML file or a folder, with the bases it extends)\n"
    "and reports every problem as file:line:col: error: ... Exit 0 when valid,\n"
    "3 when not.\n"
    "\n"
    "  --print           print the effective rules after extends/override/remove,\n"
    "                    as canonical YAML (what the rule set's sha256 is over)\n"
    "  --year Y          the rules in force in year Y (dated rules); default the latest\n"
    "  --dump-bytecode   list each compiled expression\n"
    "\n"
    "examples:\n"
    "  jixiao check indicators/yueyang-women-federation\n"
    "  jixiao check my-county/rules.yaml --print\n";

static const char usage_test[] =
    "usage: jixiao test RULES [--year Y]\n"
    "\n"
    "Runs the rule set's own tests: the *.yaml files in the tests/ folder beside\n"
    "the rules (see docs/rules.md, \"Rule tests\"). Each failure is printed as\n"
    "file:line:col: FAIL 'test': what differs. Exit 0 when all pass, 1 when some\n"
    "fail, 3 when the tests or rules cannot be read.\n"
    "\n"
    "example:\n"
    "  jixiao test indicators/yueyang-women-federation\n";

int cmd_check(int argc, char **argv)
{
	cli_options o;
	int rc;
	if (cli_start(&o, argc, argv, usage_check, &rc))
		return rc;
	if (o.npaths != 1)
		return cli_usage_error(usage_check, "check takes exactly one RULES path%s", "");
	jx_diagnostics *diags = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return EXIT_RULES;
	jx_rules *rules = NULL;
	rc = cli_load_rules(&rules, o.paths[0], o.year, diags);
	if (rc == 0 && o.print) {
		jx_rules_write(rules, cli_fwrite, stdout);
	} else if (rc == 0) {
		const char *version = jx_rules_version(rules);
		printf("%s: ok — rule set %s%s%s", o.paths[0], jx_rules_id(rules),
		       *version ? " " : "", version);
		if (jx_rules_year(rules))
			printf(" (in force %d)", jx_rules_year(rules));
		printf(", %zu indicators, sha256 %s\n", jx_rules_indicator_count(rules),
		       jx_rules_sha256(rules));
	}
	if (rc == 0 && o.dump_bytecode)
		jx_rules_write_bytecode(rules, cli_fwrite, stdout);
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	return rc;
}

int cmd_test(int argc, char **argv)
{
	cli_options o;
	int rc;
	if (cli_start(&o, argc, argv, usage_test, &rc))
		return rc;
	if (o.npaths != 1)
		return cli_usage_error(usage_test, "test takes exactly one RULES path%s", "");
	jx_diagnostics *diags = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return EXIT_RULES;
	jx_rules *rules = NULL;
	rc = cli_load_rules(&rules, o.paths[0], o.year, diags);
	jx_rules_free(rules);
	size_t failed = 0, before = jx_diagnostics_count(diags);
	if (rc == 0) {
		int trc = jx_rules_test(&failed, o.paths[0], cli_fwrite, stdout, diags);
		cli_print_diagnostics(diags, before);
		rc = trc == JX_OK ? (failed ? EXIT_REJECTED : 0) : EXIT_RULES;
	}
	jx_diagnostics_free(diags);
	return rc;
}
