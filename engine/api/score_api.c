/*
 * score_api.c - jx_score(): the stages in their order (docs/design.md,
 * "Pipeline"). Evaluate scores every department, stats ranks them and
 * summarises the batch; neither stage calls the other.
 */
#include "../common/gsl_quiet.h"
#include "../common/trace.h"
#include "../evaluate/evaluate.h"
#include "../stats/stats.h"

#include <stdlib.h>

static int rank_and_summarise(jx_result *res)
{
	double *sorted = NULL;
	size_t n_scored = 0;
	int rc = jx_rank_departments(res, &sorted, &n_scored);
	jx_trace("score: ranks");
	if (rc == JX_OK)
		rc = jx_summarize(res, sorted, n_scored);
	free(sorted);
	jx_trace("score: statistics");
	return rc;
}

/* A warning per rejected department, at its place in the data. */
static void report_rejections(const jx_result *res, jx_diagnostics *diags)
{
	for (size_t d = 0; diags && d < res->n; d++) {
		const jx_dept_row *row = &res->batch->rows[d];
		const jx_dept_result *dr = &res->depts[d];
		if (dr->status == JX_DEPT_REJECTED)
			jx_diag_warning(diags, row->loc, "department '%s' rejected: %s", row->id,
			                dr->reason ? dr->reason : "rejected");
	}
}

int jx_score(jx_result **out, const jx_rules *rules, const jx_batch *batch,
             const jx_score_options *opts, jx_diagnostics *diags)
{
	if (!out || !rules || !batch || batch->rules != rules ||
	    (opts && opts->version > JX_SCORE_OPTIONS_VERSION))
		return JX_EINVAL;
	*out = NULL;
	jx_gsl_quiet();
	jx_result *res = NULL;
	int rc = jx_evaluate(&res, rules, batch, opts);
	if (rc == JX_OK)
		rc = rank_and_summarise(res);
	if (rc != JX_OK) {
		jx_result_free(res);
		return rc;
	}
	report_rejections(res, diags);
	if (opts && opts->progress) /* the last report: done == total */
		opts->progress(opts->progress_ctx, 2 * res->n, 2 * res->n);
	*out = res;
	return JX_OK;
}
