/*
 * main.c - the jixiao command line: dispatch to the commands.
 *
 *   jixiao check   RULES                 validate; --print the effective rules
 *   jixiao score   RULES DATA...         score departments
 *   jixiao explain RULES DATA --dept ID  every step of one score
 *   jixiao diff    OLD NEW DATA...       how a rule change moves scores
 *   jixiao test    RULES                 run the rule set's own tests
 *   jixiao read    FILE...               what was read from 自评表 workbooks
 *
 * Exit codes (man/jixiao.1): 0 all scored; 1 some departments rejected or failing
 * an error check (test: some tests failed); 2 usage; 3 rule-set error;
 * 4 data unreadable.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage_main[] =
    "usage: jixiao <command> [options]\n"
    "\n"
    "Scores budget-performance self-evaluations (绩效自评) by rules kept in YAML.\n"
    "\n"
    "commands:\n"
    "  check RULES               validate a rule set (a YAML file or a folder);\n"
    "                            --print shows the effective rules\n"
    "  score RULES DATA...       score departments (CSV, YAML or JSON; - = stdin)\n"
    "  explain RULES DATA --dept ID [--indicator ID]\n"
    "                            every step of one department's score\n"
    "  diff OLD NEW DATA...      how scores, grades and ranks move between rule sets\n"
    "  test RULES                run the rule set's own tests (tests/*.yaml)\n"
    "  read FILE...              what was read from 自评表 workbooks / CSVs, as the\n"
    "                            long CSV (the converter) or JSON (the mapping)\n"
    "\n"
    "options:\n"
    "  -h, --help                this help; `jixiao <command> --help` for a command\n"
    "  --version                 print the version\n"
    "\n"
    "examples:\n"
    "  jixiao check indicators/yueyang-women-federation\n"
    "  jixiao score indicators/yueyang-women-federation fixtures/demo/departments.csv\n"
    "  jixiao explain indicators/yueyang-women-federation \\\n"
    "      fixtures/seed/yueyang-fulian-2024.yaml --dept yueyang-fulian\n"
    "  jixiao test indicators/yueyang-women-federation\n"
    "\n"
    "exit codes: 0 all scored; 1 some departments rejected; 2 usage;\n"
    "            3 rule-set error; 4 data unreadable\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
    {"check", cmd_check}, {"score", cmd_score}, {"explain", cmd_explain},
    {"diff", cmd_diff},   {"test", cmd_test},   {"read", cmd_read},
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("jixiao %s\n", jx_version());
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(cmd, commands[i].name) == 0) {
			int rc = commands[i].run(argc - 2, argv + 2);
			/* the output's rename may still be running (options.c):
			 * an output that did not land is a data error */
			if (cli_finish() != 0 && rc < EXIT_DATA)
				rc = EXIT_DATA;
			return rc;
		}
	fprintf(stderr, "jixiao: unknown command '%s'\n\n%s", cmd, usage_main);
	return EXIT_USAGE;
}
