/*
 * cmd_diff.c - `jixiao diff OLD NEW DATA...`: a rule change's effect on the
 * same departments, before adopting it.
 */
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_diff[] =
    "usage: jixiao diff RULES_OLD RULES_NEW DATA... [--format text|json] [-o FILE] [--year Y]\n"
    "\n"
    "Scores DATA under both rule sets and shows, per department, the old and new\n"
    "score, grade and rank and the change, then how many departments moved\n"
    "between grades.\n"
    "\n"
    "example:\n"
    "  jixiao diff indicators/yueyang-women-federation my-county/rules.yaml \\\n"
    "      fixtures/demo/departments.csv\n";

typedef struct {
	const jx_result *old, *new_;
	jx_format format;
} diff_job;

static int write_diff(void *ctx, FILE *f)
{
	const diff_job *job = ctx;
	return jx_result_diff_write(job->old, job->new_, job->format, cli_fwrite, f) == JX_OK ? 0
	                                                                                      : -1;
}

static int score_side(jx_result **res, jx_rules **rules, jx_batch **batch, const char *path,
                      const cli_options *o, jx_diagnostics *diags)
{
	int rc = cli_load(rules, batch, path, o->paths + 2, o->npaths - 2, o, diags);
	jx_score_options so = JX_SCORE_OPTIONS_INIT;
	so.lenient = o->lenient;
	so.jobs = o->jobs;
	int src = rc == 0 ? jx_score(res, *rules, *batch, &so, diags) : JX_OK;
	if (src != JX_OK) {
		cli_report("scoring failed", src, 0);
		rc = EXIT_DATA;
	}
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	cli_options o;
	int rc;
	if (cli_start(&o, argc, argv, usage_diff, &rc))
		return rc;
	if (o.npaths < 3)
		return cli_usage_error(usage_diff, "diff needs RULES_OLD, RULES_NEW and DATA%s",
		                       "");
	jx_format format = JX_FORMAT_TEXT;
	if (o.format && (jx_format_parse(&format, o.format) != JX_OK ||
	                 (format != JX_FORMAT_TEXT && format != JX_FORMAT_JSON)))
		return cli_usage_error(usage_diff, "diff writes text or json, not '%s'", o.format);
	jx_diagnostics *diags = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return EXIT_DATA;
	jx_rules *r_old = NULL, *r_new = NULL;
	jx_batch *b_old = NULL, *b_new = NULL;
	jx_result *old = NULL, *new_ = NULL;
	rc = score_side(&old, &r_old, &b_old, o.paths[0], &o, diags);
	if (rc == 0)
		rc = score_side(&new_, &r_new, &b_new, o.paths[1], &o, diags);
	diff_job job = {old, new_, format};
	if (rc == 0 && o.output && cli_write_atomically(o.output, write_diff, &job) != 0)
		rc = EXIT_DATA;
	else if (rc == 0 && !o.output && write_diff(&job, stdout) != 0)
		rc = EXIT_DATA;
	jx_result_free(old);
	jx_result_free(new_);
	jx_batch_free(b_old);
	jx_batch_free(b_new);
	jx_rules_free(r_old);
	jx_rules_free(r_new);
	jx_diagnostics_free(diags);
	return rc;
}
