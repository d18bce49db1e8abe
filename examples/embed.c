/*
 * embed.c - the smallest program that embeds jixiao: load a rule set, build
 * one department in memory, score it, print its total, grade and the score of
 * every indicator.
 *
 *   embed [RULES]     RULES defaults to indicators/yueyang-women-federation
 *
 * The department is the seed of the bundled rule set, 岳阳县妇女联合会 2024
 * (fixtures/seed/yueyang-fulian-2024.yaml): 94.07 points, grade 优.
 *
 * Build against an installed jixiao with `make` (pkg-config) or with CMake
 * (find_package(jixiao), target jixiao::jixiao); see docs/api.md.
 */
#include <stdio.h>

#include <jixiao.h>

/* The library writes through callbacks (include/jixiao.h, jx_write_fn). */
static int write_stream(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

/* Figures as numbers, already in each variable's unit (money in 万元). */
static const struct {
	const char *variable;
	double value;
} numbers[] = {
    {"staff.authorized", 7},
    {"staff.in_post", 7},
    {"org.offices", 4},
    {"budget.project_cancer", 33.00},
    {"budget.project_mediation", 10.08},
    {"budget.project_care", 14.72},
    {"budget.project", 57.80},
    {"spend.basic_personnel", 82.22},
    {"spend.basic_public", 96.72},
    {"spend.basic", 178.94},
    {"spend.project_cancer", 33.00},
    {"spend.project_mediation", 10.08},
    {"spend.project_care", 14.72},
    {"spend.project", 57.80},
    {"cancer_aid.applicants", 33},
    {"training.sessions", 5},
    {"column.issues", 4},
    {"mediation.received", 8832},
    {"mediation.accepted", 4561},
    {"mediation.succeeded", 1607},
    {"mediation.criminal_cases", 0},
    {"donation.value", 20},
    {"caring_mothers.pairs", 9},
    {"dispute.trainees", 140},
    {"family_edu.launch_attendance", 150},
    {"family_edu.events", 90},
    {"family_edu.served", 5700},
    {"family_edu.online", 14000},
    {"consult.visits", 163},
    {"support.schools", 4},
    {"support.students", 40},
    {"support.parents", 700},
    {"reading.sessions", 8},
    {"video.count", 6},
    {"video.families", 40},
    {"video.views", 50000},
    {"center.count", 0},
};

/* Cells as a department writes them: words, units, and notes (note.<id>). */
static const struct {
	const char *column;
	const char *text;
} texts[] = {
    {"spend.total", "236.74万元"},
    {"screening.completed", "是"},
    {"assessment.completed", "是"},
    {"publicity.grade", "达成"},
    {"note.center_built", "县级妇女儿童活动中心的建设目标没有实现。"},
};

static const char *status_name(jx_indicator_status s)
{
	switch (s) {
	case JX_IND_OK:
		return "ok";
	case JX_IND_MISSING:
		return "missing";
	case JX_IND_UNDEFINED:
		return "undefined";
	case JX_IND_EXCLUDED:
		return "excluded";
	default:
		return "error";
	}
}

/* Prints the result of department 0. */
static void print_result(const jx_rules *rules, const jx_result *res)
{
	jx_dept_info dept;
	if (jx_result_department(&dept, res, 0) != JX_OK)
		return;
	printf("%s (%s)\n", dept.name, dept.id);
	if (dept.status == JX_DEPT_REJECTED) {
		printf("rejected: %s\n", dept.reason);
		return;
	}
	printf("total %.2f  grade %s  rank %d\n", dept.score_rounded, dept.grade, dept.rank);
	for (size_t i = 0; i < jx_rules_indicator_count(rules); i++) {
		jx_indicator_info info;
		jx_indicator_result ir;
		if (jx_rules_indicator(&info, rules, i) != JX_OK ||
		    jx_result_indicator(&ir, res, 0, i) != JX_OK)
			continue;
		printf("  %-28s %6.2f / %-5g %s%s%s\n", ir.id, ir.score, ir.weight,
		       status_name(ir.status), ir.reason[0] ? ": " : "", ir.reason);
	}
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "indicators/yueyang-women-federation";
	jx_diagnostics *diags = NULL;
	jx_rules *rules = NULL;
	jx_batch *batch = NULL;
	jx_result *res = NULL;
	int status = 1;

	printf("jixiao %s (header %s)\n", jx_version(), JX_VERSION_STRING);
	if (jx_diagnostics_new(&diags) != JX_OK)
		return 1;
	if (jx_rules_load(&rules, path, diags) != JX_OK) {
		/* Every problem, as file:line:col: error: message */
		jx_diagnostics_write(diags, write_stream, stderr);
		fprintf(stderr, "embed: %s: %zu error(s)\n", path,
		        jx_diagnostics_error_count(diags));
		goto done;
	}
	printf("rules %s %s: %s, %zu indicators\n", jx_rules_id(rules), jx_rules_version(rules),
	       jx_rules_name(rules), jx_rules_indicator_count(rules));

	size_t dept;
	if (jx_batch_new(&batch, rules) != JX_OK ||
	    jx_batch_add_department(&dept, batch, "yueyang-fulian", "岳阳县妇女联合会") != JX_OK)
		goto done;
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (jx_batch_set_number(batch, dept, numbers[i].variable, numbers[i].value) !=
		    JX_OK) {
			fprintf(stderr, "embed: the rules have no variable %s\n",
			        numbers[i].variable);
			goto done;
		}
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (jx_batch_set_text(batch, dept, texts[i].column, texts[i].text) != JX_OK) {
			fprintf(stderr, "embed: %s: cannot take '%s'\n", texts[i].column,
			        texts[i].text);
			goto done;
		}

	jx_score_options opts = JX_SCORE_OPTIONS_INIT;
	opts.jobs = 1;
	if (jx_score(&res, rules, batch, &opts, diags) != JX_OK) {
		jx_diagnostics_write(diags, write_stream, stderr);
		goto done;
	}
	print_result(rules, res);
	status = jx_result_rejected_count(res) == 0 ? 0 : 1;

done:
	jx_result_free(res);
	jx_batch_free(batch);
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	return status;
}
