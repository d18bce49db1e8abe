/*
 * score.c - scoring a batch: jx_rules x jx_batch -> jx_result.
 *
 * Three passes, because `relative` scores need the whole batch first:
 *   1. per department, each indicator's actual value (in reference order)
 *      and its effective target (the department's override, else the rule's);
 *   2. per relative indicator, the batch's best actual;
 *   3. per department, scores, groups, total (rescaled when indicators are
 *      not applicable), rounding, grade and checks.
 * Ranks and statistics follow in stats/.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include "../common/buf.h"
#include "../common/parallel.h"
#include "../common/round.h"
#include "../common/trace.h"
#include "../common/sparse_index.h"
#include "evaluate.h"

/* Progress reports (jx_score_options.progress): every worker counts the
 * departments it finishes; only the calling thread's worker calls back, so
 * the callback never runs on a worker thread. */
typedef struct {
	jx_progress_fn fn;
	void *ctx;
	atomic_size_t done; /* steps finished, both passes, all workers */
	size_t total, step, next;
} progress;

/* Reasons repeat: "missing value: satisfaction.rate" is the same text for
 * every department that left the cell blank. A worker keeps the last text
 * per (program, state) in a small direct-mapped cache. */
#define REASON_CACHE 64

typedef struct {
	const jx_program *program;
	jx_val value; /* kind, why and at; the number is not part of the key */
	const char *text;
} reason_entry;

/* Departments are handed out in blocks, each to whichever thread asks
 * next: a thread slowed by the machine takes fewer (a fixed half each would
 * wait for the slower one). What a block finds of the relative indicators'
 * best is kept per block and merged in block order, so nothing depends on
 * which thread took which block. */
#define SCORE_BLOCK JX_SCORE_BLOCK

typedef struct {
	atomic_size_t next; /* the next block to hand out */
	size_t n;           /* departments */
	size_t n_indicators;
	double *block_best; /* blocks x indicators: the best actual of a relative one */
	uint8_t *early;     /* per indicator: its value is needed in pass 1 */
	int find_best;      /* pass 1 notes the blocks' best (not when it is given) */
} work_queue;

/* What one thread needs: the shared queue of departments, its own arena for
 * reasons, and scratch for the indicator values of the department at hand. */
typedef struct {
	reason_entry reason_cache[REASON_CACHE];
	struct {
		const char *base, *text;
	} excluded_cache[REASON_CACHE]; /* "<base>; excluded (on_missing: exclude)" */
	jx_result *res;
	jx_arena *arena;
	jx_reason_list *reasons; /* the list this worker appends to now */
	uint32_t list;           /* its index in res->reasons: ids interleave the lists */
	jx_val *acts;
	work_queue *queue;
	const jx_block_hook *hook; /* NULL, or called with each block pass 3 finishes */
	int lenient;
	progress *progress; /* NULL when nobody asked */
	int reports;        /* this worker runs on the calling thread */
} worker;

/* One department done; the reporting worker calls back about every 1 %. */
static void progress_step(worker *w)
{
	progress *p = w->progress;
	if (!p)
		return;
	size_t done = atomic_fetch_add_explicit(&p->done, 1, memory_order_relaxed) + 1;
	if (w->reports && done >= p->next && done < p->total) {
		p->fn(p->ctx, done, p->total);
		p->next = done + p->step;
	}
}

/* ---- actual values and targets (passes 1 and 3) ---------------------------- */

/* Whether describing v needs the department's own values: only a word used
 * as a number names the word. */
static int reason_is_shared(jx_val v)
{
	return v.kind == JX_VAL_MISSING || (v.kind == JX_VAL_UNDEF && v.why != JX_WHY_TEXT_IN_MATH);
}

static const char *describe(worker *w, const jx_program *p, jx_val v, const jx_eval_input *in)
{
	const jx_rules *r = w->res->rules;
	char text[512];
	if (v.kind == JX_VAL_NA)
		return "not applicable (不适用)";
	int shared = reason_is_shared(v);
	reason_entry *e =
	    &w->reason_cache[((uintptr_t)p / 64 + v.kind * 7u + v.why * 131u + v.at * 31u) %
	                     REASON_CACHE];
	if (shared && e->text && e->program == p && e->value.kind == v.kind &&
	    e->value.why == v.why && e->value.at == v.at)
		return e->text;
	jx_program_describe(p, v, in, r->variable_names, r->indicator_ids, text, sizeof(text));
	const char *kept = jx_arena_strdup(w->arena, text);
	if (shared && kept)
		*e = (reason_entry){p, v, kept};
	return kept;
}

static const jx_actual_override *find_actual(const jx_result *res, size_t dept, size_t ind)
{
	const jx_sparse_index *ix = &res->actual_index;
	const jx_actual_override *found = NULL;
	if (!res->batch->actuals.n)
		return NULL;
	for (size_t k = ix->start[dept]; k < ix->start[dept + 1]; k++) {
		const jx_actual_override *a = &res->batch->actuals.items[ix->order[k]];
		if (a->indicator == ind)
			found = a;
	}
	return found;
}

/* A reason kept in the worker's list; the cell names it by id: the k-th
 * reason of list j of n is k * n + j + 1, so ids need no lock. Each worker
 * has one list per pass: in pass 3 any worker may read a reason pass 1 gave
 * (the blocks go to whichever thread asks), so pass 1's lists stay as they
 * are while pass 3 appends to others. */
static void set_reason(worker *w, jx_ind_cell *c, const char *reason)
{
	size_t n = w->res->n_reason_lists;
	size_t id = w->reasons->n * n + w->list + 1;
	if (!reason || id > UINT32_MAX || JX_VEC_PUSH(*w->reasons, reason) != 0) {
		c->reason = 0; /* no room: the status still says what happened */
		return;
	}
	c->reason = (uint32_t)id;
}

/* A `target_value:` expression is evaluated per department (unless the
 * department gives its own target) and its number kept in target_values. */
static void resolve_target(worker *w, size_t d, size_t i, const jx_eval_input *in)
{
	jx_result *res = w->res;
	const jx_indicator *ind = &res->rules->indicators[i];
	long slot = res->target_value_slot[i];
	if (slot < 0)
		return;
	double *keep = &res->target_values[d * res->n_target_values + (size_t)slot];
	*keep = NAN;
	if (jx_result_override(res, d, i))
		return;
	jx_val t = jx_program_eval(ind->target_value, in);
	if (t.kind == JX_VAL_NUM) {
		*keep = t.u.num;
		return;
	}
	jx_ind_cell *c = jx_result_cell(res, d, i);
	c->status = t.kind == JX_VAL_MISSING ? JX_IND_MISSING : JX_IND_UNDEFINED;
	set_reason(w, c,
	           jx_arena_printf(w->arena, "target: %s", describe(w, ind->target_value, t, in)));
}

/* Indicator i's value for department d, into the worker's scratch and the
 * cell; a value that is not a number gives the cell its status and reason. */
static void evaluate_actual(worker *w, size_t d, size_t i, const jx_eval_input *in)
{
	jx_result *res = w->res;
	const jx_indicator *ind = &res->rules->indicators[i];
	jx_ind_cell *c = jx_result_cell(res, d, i);
	/* a figure given (the reviewer's, else the department's row) or computed */
	const jx_review *rv = res->batch->reviews.n ? jx_result_review(res, d, i) : NULL;
	const jx_actual_override *row = find_actual(res, d, i);
	int given = jx_review_has_actual(rv) || row;
	jx_val v = jx_review_has_actual(rv) ? rv->actual
	           : row                    ? row->actual
	                                    : jx_program_eval(ind->value, in);
	w->acts[i] = v;
	jx_cell_set_actual(c, v);
	if (v.kind != JX_VAL_NUM && v.kind != JX_VAL_TEXT) {
		c->status = v.kind == JX_VAL_NA        ? JX_IND_EXCLUDED
		            : v.kind == JX_VAL_MISSING ? JX_IND_MISSING
		                                       : JX_IND_UNDEFINED;
		set_reason(w, c,
		           given ? (v.kind == JX_VAL_NA ? "not applicable (不适用)"
		                                        : "no value in the department's row")
		                 : describe(w, ind->value, v, in));
	}
}

/* Pass 1 evaluates only the values pass 2 needs (the relative indicators'
 * and those they reference); pass 3 evaluates the rest where it scores
 * them, so most cells are touched once. */
static void evaluate_early_actuals(worker *w, size_t d)
{
	const jx_rules *r = w->res->rules;
	const uint8_t *early = w->queue->early;
	jx_eval_input in = {.indicators = w->acts, .batch = w->res->batch, .row = d};
	for (size_t k = 0; k < r->n_indicators; k++)
		if (early[r->order[k]])
			evaluate_actual(w, d, r->order[k], &in);
}

/* Pass 3: the values pass 1 left, then every target (a target_value
 * expression may reference any indicator). */
static void evaluate_late_actuals(worker *w, size_t d)
{
	jx_result *res = w->res;
	const jx_rules *r = res->rules;
	const uint8_t *early = w->queue->early;
	jx_eval_input in = {.indicators = w->acts, .batch = res->batch, .row = d};
	for (size_t k = 0; k < r->n_indicators; k++) {
		size_t i = r->order[k];
		if (early[i])
			w->acts[i] = jx_cell_actual(res, jx_result_cell(res, d, i));
		else
			evaluate_actual(w, d, i, &in);
	}
	for (size_t i = 0; i < r->n_indicators && res->n_target_values; i++)
		resolve_target(w, d, i, &in);
}

/* ---- pass 2: the batch's best actual for `relative` ------------------------ */

static int lower_is_better(jx_cmp cmp)
{
	return cmp == JX_CMP_LE || cmp == JX_CMP_LT;
}

/* a replaces *best when it is better: the first of equals stays. */
static void keep_best(double *best, const jx_indicator *ind, double a)
{
	int lower = ind->has_target && lower_is_better(ind->target.cmp);
	if (!isnan(a) && (isnan(*best) || (lower ? a < *best : a > *best)))
		*best = a;
}

/* Pass 1 notes each block's best as it goes (departments in order); the
 * batch's best is the best of the blocks' in block order: what one scan of
 * all departments in order finds. */
static void note_best(worker *w, size_t d, double *block_best)
{
	const jx_rules *r = w->res->rules;
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_ind_cell *c = jx_result_cell(w->res, d, i);
		if (jx_method_uses_best(&r->indicators[i].method) && c->kind == JX_VAL_NUM)
			keep_best(&block_best[i], &r->indicators[i], c->a.num);
	}
}

static double batch_best(const work_queue *q, const jx_indicator *ind, size_t i)
{
	double best = NAN;
	for (size_t b = 0; b * SCORE_BLOCK < q->n; b++)
		keep_best(&best, ind, q->block_best[b * q->n_indicators + i]);
	return best;
}

/* The next block of departments [*from, *to); 0 when all are handed out. */
static int take_block(work_queue *q, size_t *block, size_t *from, size_t *to)
{
	*block = atomic_fetch_add_explicit(&q->next, 1, memory_order_relaxed);
	*from = *block * SCORE_BLOCK;
	if (*from >= q->n)
		return 0;
	*to = *from + SCORE_BLOCK < q->n ? *from + SCORE_BLOCK : q->n;
	return 1;
}

/* ---- pass 3: scores ----------------------------------------------------------- */

static int flag_note(const jx_indicator *ind, const jx_ind_result *ir)
{
	if (ind->tolerance < 0)
		return 0; /* no tolerance: nothing is beyond it */
	double deviation, rel;
	jx_ind_deviation(ir, &deviation, &rel);
	return jx_beyond_tolerance(rel, ind->tolerance) && !ir->note;
}

/* The same base reason (a shared text) gives the same excluded reason. */
static const char *excluded_reason(worker *w, const char *base)
{
	size_t k = ((uintptr_t)base / 8) % REASON_CACHE;
	if (w->excluded_cache[k].base == base)
		return w->excluded_cache[k].text;
	const char *text = jx_arena_printf(w->arena, "%s; excluded (on_missing: exclude)", base);
	if (text) {
		w->excluded_cache[k].base = base;
		w->excluded_cache[k].text = text;
	}
	return text;
}

static void apply_missing_policy(worker *w, size_t d, const jx_indicator *ind, jx_ind_cell *c,
                                 const jx_ind_result *ir)
{
	jx_result *res = w->res;
	c->score = 0;
	if (c->status == JX_IND_EXCLUDED)
		return;
	if (ind->on_missing == JX_ON_MISSING_EXCLUDE) {
		c->status = JX_IND_EXCLUDED;
		set_reason(w, c, excluded_reason(w, ir->reason ? ir->reason : "no value"));
	} else if (ind->on_missing == JX_ON_MISSING_ERROR) {
		jx_dept_result *dr = &res->depts[d];
		if (dr->status != JX_DEPT_REJECTED) {
			dr->status = JX_DEPT_REJECTED;
			dr->reason = jx_arena_printf(w->arena, "indicator %s: %s", ind->id,
			                             ir->reason ? ir->reason : "no value");
		}
	}
}

/* The method input from a result (expanded): the department's variables,
 * its target, the batch's best and its word. */
static void method_input(jx_method_input *in, jx_eval_input *vars, const jx_result *res, size_t d,
                         size_t i, const jx_ind_result *ir)
{
	const jx_rules *r = res->rules;
	*vars = (jx_eval_input){.batch = res->batch, .row = d};
	/* each field set, not a memset first: this runs for every score, and a
	 * 96-byte memset (rep stos) was 3 % of a batch's time */
	in->word = NULL;
	in->word_len = 0;
	in->has_fraction = 0;
	in->fraction = 0;
	in->cmp = jx_ind_cmp(ir); /* 0 without a target: relative counts more as better */
	in->t = ir->target;
	in->t_hi = jx_ind_target_hi(ir);
	in->best = res->best ? res->best[i] : NAN;
	in->w = jx_result_weight(res, d, i);
	in->vars = vars;
	in->vm = &jx_method_vm_hooks;
	in->a = ir->actual.kind == JX_VAL_NUM ? ir->actual.u.num : NAN;
	const jx_word *known = jx_batch_word(res->batch, ir->actual);
	if (known && known->kind == JX_LIT_WORD) {
		in->word = known->word;
		in->word_len = known->word_len;
		in->has_fraction = known->has_fraction;
		in->fraction = known->fraction;
	} else if (ir->actual.kind == JX_VAL_TEXT) {
		jx_value_lit lit;
		jx_lit_error err;
		const char *text = ir->actual.u.text;
		if (jx_value_parse(&lit, text, strlen(text), &r->units, &err) == 0 &&
		    lit.kind == JX_LIT_WORD) {
			in->word = lit.word;
			in->word_len = lit.word_len;
			in->has_fraction = lit.has_fraction;
			in->fraction = lit.fraction;
		}
	}
}

void jx_method_input_for(jx_method_input *in, jx_eval_input *vars, const jx_result *res, size_t d,
                         size_t i)
{
	jx_ind_result ir;
	jx_result_ind(&ir, res, d, i);
	method_input(in, vars, res, d, i, &ir);
}

static void score_indicator(worker *w, size_t d, size_t i)
{
	jx_result *res = w->res;
	const jx_rules *r = res->rules;
	const jx_indicator *ind = &r->indicators[i];
	jx_ind_cell *c = jx_result_cell(res, d, i);
	/* what scoring reads of jx_result_ind: the note only with a tolerance,
	 * the reason only when there is no score */
	jx_ind_result ir = {.actual = jx_cell_actual(res, c), .status = c->status};
	ir.target = jx_result_target(res, d, i, &ir.def);
	if (ind->tolerance >= 0)
		ir.note = jx_result_note(res, d, i);
	c->needs_note = flag_note(ind, &ir) != 0;
	if (c->status != JX_IND_OK) {
		ir.reason = jx_result_reason(res, c->reason);
		apply_missing_policy(w, d, ind, c, &ir);
		return;
	}
	jx_eval_input vars;
	jx_method_input in;
	method_input(&in, &vars, res, d, i, &ir);
	jx_method_output out = jx_method_score(&ind->method, &in);
	c->overshoot = out.overshoot_applied != 0;
	if (!out.ok) {
		c->status = JX_IND_UNDEFINED;
		c->score = 0;
		set_reason(w, c,
		           jx_arena_printf(w->arena, "cannot score with %s: %s", ind->method_name,
		                           out.reason ? out.reason : "undefined"));
		return;
	}
	c->score = out.score;
	c->target_too_low = jx_target_too_low(out.completion, &ind->method, jx_ind_cmp(&ir)) != 0;
}

/* What the department's reviewer found (docs/review.md): the score set
 * outright, the code's share kept, the reason citing both. */
static void apply_review(worker *w, size_t d, size_t i)
{
	jx_result *res = w->res;
	const jx_review *rv = jx_result_review(res, d, i);
	if (!rv)
		return;
	const jx_rules *r = res->rules;
	jx_ind_cell *c = jx_result_cell(res, d, i);
	if (!isnan(rv->score) && c->status != JX_IND_EXCLUDED)
		c->status = JX_IND_OK;
	if (c->status == JX_IND_OK)
		c->score = jx_review_score(r, rv, c->score, jx_result_weight(res, d, i));
	set_reason(w, c, jx_review_reason(r, rv, jx_result_reason(res, c->reason), w->arena));
}

static double compare_tolerance(double l, double r, double tol)
{
	return tol + 1e-9 * fmax(1.0, fmax(fabs(l), fabs(r)));
}

/* cmp is one of == != <= < >= > (the loader accepts no other). Sides
 * within the tolerance count as equal: so `<=` and `>=` hold there, and
 * the strict `<` and `>` do not (budget.total > 0 fails for 0). */
static int check_holds(const char *cmp, double l, double r, double tol)
{
	double eps = compare_tolerance(l, r, tol);
	int or_equal = cmp[1] == '=';
	switch (cmp[0]) {
	case '=':
		return fabs(l - r) <= eps;
	case '!':
		return fabs(l - r) > eps;
	case '<':
		return or_equal ? l <= r + eps : l < r - eps;
	default: /* '>' */
		return or_equal ? l >= r - eps : l > r + eps;
	}
}

static void run_checks(worker *w, size_t d)
{
	jx_result *res = w->res;
	const jx_val *acts = w->acts;
	int lenient = w->lenient;
	const jx_rules *r = res->rules;
	jx_eval_input in = {.indicators = acts, .batch = res->batch, .row = d};
	jx_dept_result *dr = &res->depts[d];
	for (size_t c = 0; c < r->n_checks; c++) {
		const jx_check *chk = &r->checks[c];
		jx_check_result *cr = &res->checks[d * r->n_checks + c];
		jx_val l = jx_program_eval(chk->lhs, &in);
		jx_val rv = chk->rhs ? jx_program_eval(chk->rhs, &in) : jx_val_number(1);
		cr->lhs = l.kind == JX_VAL_NUM ? l.u.num : NAN;
		cr->rhs = rv.kind == JX_VAL_NUM ? rv.u.num : NAN;
		if (l.kind != JX_VAL_NUM || rv.kind != JX_VAL_NUM) {
			/* A check whose figures were not reported cannot fail: it is
			 * shown as not evaluated, with the reason. */
			const jx_program *p = l.kind != JX_VAL_NUM ? chk->lhs : chk->rhs;
			cr->detail = describe(w, p, l.kind != JX_VAL_NUM ? l : rv, &in);
			continue;
		}
		cr->evaluated = 1;
		cr->passed =
		    (uint8_t)(chk->rhs ? check_holds(chk->cmp, cr->lhs, cr->rhs, chk->tolerance)
		                       : cr->lhs != 0);
		if (cr->passed)
			continue;
		dr->failed_checks++;
		if (chk->severity != JX_CHECK_ERROR)
			continue;
		dr->failed_error_checks++;
		if (!lenient && dr->status != JX_DEPT_REJECTED) {
			dr->status = JX_DEPT_REJECTED;
			dr->reason = jx_arena_printf(w->arena, "check %s failed: %s (%s)", chk->id,
			                             chk->message, chk->rule_src);
		}
	}
}

static void aggregate(jx_result *res, size_t d)
{
	const jx_rules *r = res->rules;
	jx_dept_result *dr = &res->depts[d];
	double *groups = &res->group_scores[d * r->n_groups];
	double raw = 0, excluded = 0, own = 0;
	for (size_t g = 0; g < r->n_groups; g++)
		groups[g] = 0;
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_indicator *ind = &r->indicators[i];
		const jx_ind_cell *c = jx_result_cell(res, d, i);
		double w = jx_result_weight(res, d, i);
		own += w - ind->weight; /* the table's own points for the rule's indicator */
		if (c->status == JX_IND_EXCLUDED) {
			excluded += w;
			continue;
		}
		double s = r->round_rows ? jx_round(c->score, r->precision) : c->score;
		raw += s;
		for (long g = ind->group; g >= 0; g = r->groups[g].parent)
			groups[g] += s;
	}
	for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++) {
		size_t row = res->declared_order[k];
		const jx_declared_row *dec = &res->batch->declared.items[row];
		const jx_ind_result *ir = &res->declared[row];
		if (ir->status == JX_IND_EXCLUDED) {
			excluded += dec->weight;
			continue;
		}
		double s = r->round_rows ? jx_round(ir->score, r->precision) : ir->score;
		raw += s;
		for (long g = dec->group; g >= 0; g = r->groups[g].parent)
			groups[g] += s;
	}
	dr->excluded_weight = excluded;
	/* the department's table may hold other points than the scheme
	 * (weights_off_scheme, evaluate/declared.c): it is scored on its own
	 * points and rescaled to the scheme's full mark */
	double full = r->full_mark + own + dr->declared_weight;
	double mark = r->declared.enabled ? r->scheme_mark : full;
	double applicable = full - r->removed_weight - excluded;
	if (applicable <= 0) {
		if (dr->status != JX_DEPT_REJECTED) {
			dr->status = JX_DEPT_REJECTED;
			dr->reason = "no indicator applies to this department (all excluded)";
		}
		dr->total = dr->total_rounded = NAN;
		return;
	}
	/* 按百分制折算: rescale to the full mark over the applicable weights. */
	dr->total = fabs(applicable - mark) > 1e-9 ? raw * mark / applicable : raw;
	dr->total_rounded = jx_round(dr->total, r->precision);
}

static void assign_grade(const jx_rules *r, jx_dept_result *dr)
{
	dr->grade = -1;
	if (dr->status == JX_DEPT_REJECTED || isnan(dr->total_rounded))
		return;
	for (size_t g = 0; g < r->n_grades; g++)
		if (dr->total_rounded >= r->grades[g].min) {
			dr->grade = (long)g;
			return;
		}
}

/* ---- the batch ------------------------------------------------------------------ */

static void finish_department(worker *w, size_t d)
{
	jx_result *res = w->res;
	const jx_rules *r = res->rules;
	jx_dept_result *dr = &res->depts[d];
	evaluate_late_actuals(w, d);
	for (size_t i = 0; i < r->n_indicators; i++)
		score_indicator(w, d, i);
	for (size_t i = 0; res->batch->reviews.n && i < r->n_indicators; i++)
		apply_review(w, d, i);
	jx_score_declared(res, d, w->arena);
	run_checks(w, d);
	aggregate(res, d);
	if (dr->status == JX_DEPT_REJECTED)
		dr->total_rounded = dr->total = NAN;
	assign_grade(r, dr);
	jx_review_department(res, d);
}

/* Pass 1, block by block. */
static void *pass_actuals(void *arg)
{
	worker *w = arg;
	work_queue *q = w->queue;
	size_t block, from, to;
	while (take_block(q, &block, &from, &to)) {
		double *block_best = &q->block_best[block * q->n_indicators];
		for (size_t d = from; d < to; d++, progress_step(w)) {
			/* written whole, so pass 3's first touch of the page is not a
			 * read of calloc's zero page (a second fault and a TLB flush
			 * on every core when it writes) */
			const char *why = w->res->batch->rows[d].reject_reason;
			w->res->depts[d] = (jx_dept_result){
			    .status = why ? JX_DEPT_REJECTED : JX_DEPT_SCORED, .reason = why};
			if (why)
				continue;
			evaluate_early_actuals(w, d);
			if (q->find_best)
				note_best(w, d, block_best);
		}
	}
	return NULL;
}

/* Pass 3, block by block. */
static void *pass_scores(void *arg)
{
	worker *w = arg;
	size_t block, from, to;
	while (take_block(w->queue, &block, &from, &to)) {
		for (size_t d = from; d < to; d++, progress_step(w)) {
			jx_dept_result *dr = &w->res->depts[d];
			if (dr->status == JX_DEPT_REJECTED) {
				dr->total = dr->total_rounded = NAN;
				dr->grade = -1;
				continue;
			}
			finish_department(w, d);
		}
		if (w->hook) /* while the block's cells are in the cache */
			w->hook->fn(w->hook->ctx, w->res, block, from, to);
	}
	return NULL;
}

/* Runs `pass` over all workers: on threads when there are several. Each
 * department is written by exactly one worker, and each worker allocates
 * from its own arena, so the result does not depend on the thread count. */
static void run_pass(worker *ws, size_t n, void *(*pass)(void *))
{
	atomic_store(&ws[0].queue->next, 0);
	jx_parallel(pass, ws, sizeof(worker), n);
}

static int workers_new(worker **out, jx_result *res, size_t jobs, work_queue *q, int lenient)
{
	size_t ni = res->rules->n_indicators;
	if (jobs > res->n / 64 + 1)
		jobs = res->n / 64 + 1; /* threads only pay for themselves on big batches */
	worker *ws = calloc(jobs, sizeof(worker));
	res->arenas = calloc(jobs, sizeof(jx_arena *));
	res->reasons = calloc(2 * jobs, sizeof(jx_reason_list));
	if (!ws || !res->arenas || !res->reasons) {
		free(ws);
		return -1;
	}
	res->n_arenas = jobs;
	res->n_reason_lists = 2 * jobs;
	for (size_t k = 0; k < jobs; k++) {
		ws[k].res = res;
		ws[k].queue = q;
		ws[k].lenient = lenient;
		ws[k].arena = res->arenas[k] = jx_arena_new();
		ws[k].reasons = &res->reasons[k]; /* pass 1's; pass 3 moves to jobs + k */
		ws[k].list = (uint32_t)k;
		ws[k].acts = malloc(sizeof(jx_val) * (ni ? ni : 1));
		if (!ws[k].arena || !ws[k].acts) {
			for (size_t j = 0; j <= k; j++)
				free(ws[j].acts);
			free(ws);
			return -1;
		}
	}
	*out = ws;
	return (int)jobs;
}

static void workers_free(worker *ws, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(ws[k].acts);
	free(ws);
}

/* Which values pass 1 needs: the relative indicators' and, through their
 * expressions, those they reference. r->order puts an indicator after those
 * it references, so walking it backwards reaches every one. */
static void mark_early(uint8_t *early, const jx_rules *r)
{
	for (size_t i = 0; i < r->n_indicators; i++)
		early[i] = (uint8_t)jx_method_uses_best(&r->indicators[i].method);
	for (size_t k = r->n_indicators; k-- > 0;) {
		size_t i = r->order[k];
		const long *refs;
		size_t n_refs = r->indicators[i].value
		                    ? jx_program_indicator_refs(r->indicators[i].value, &refs)
		                    : 0;
		for (size_t j = 0; early[i] && j < n_refs; j++)
			early[refs[j]] = 1;
	}
}

/* The queue of departments, with a NaN best per block and indicator. */
static int queue_init(work_queue *q, size_t n, const jx_rules *r)
{
	size_t ni = r->n_indicators;
	size_t blocks = (n + SCORE_BLOCK - 1) / SCORE_BLOCK;
	atomic_init(&q->next, 0);
	q->n = n;
	q->n_indicators = ni;
	size_t cells = blocks * ni;
	q->block_best = malloc(sizeof(double) * (cells > 0 ? cells : 1));
	q->early = malloc(ni ? ni : 1);
	if (!q->block_best || !q->early)
		return -1;
	for (size_t k = 0; k < blocks * ni; k++)
		q->block_best[k] = NAN;
	mark_early(q->early, r);
	return 0;
}

static void queue_free(work_queue *q)
{
	free(q->block_best);
	free(q->early);
}

/* Each declared row's id ("declared.N"), made once here so the result
 * stays read-only afterwards (any number of threads may read it). */
static int name_declared_rows(jx_result *res)
{
	size_t rows = res->batch->declared.n;
	res->declared_ids = jx_arena_alloc(res->arena, sizeof(char *) * (rows ? rows : 1));
	if (!res->declared_ids)
		return JX_ENOMEM;
	for (size_t d = 0; d < res->n; d++)
		for (size_t k = res->declared_start[d]; k < res->declared_start[d + 1]; k++) {
			const char *id = jx_arena_printf(res->arena, "declared.%zu",
			                                 k - res->declared_start[d] + 1);
			if (!id)
				return JX_ENOMEM;
			res->declared_ids[res->declared_order[k]] = id;
		}
	return JX_OK;
}

/* One scoring of a batch under way: the result being filled, the queue of
 * departments, the workers, and the batch's best actual per indicator. */
typedef struct {
	jx_result *res;
	double *best;
	work_queue queue;
	worker *ws;
	int n; /* workers */
	progress prog;
} evaluation;

static void evaluation_free(evaluation *ev)
{
	if (ev->n > 0)
		workers_free(ev->ws, (size_t)ev->n);
	jx_result_free(ev->res); /* res->best is ev->best once handed over */
	if (!ev->res || ev->res->best != ev->best)
		free(ev->best);
	queue_free(&ev->queue);
	*ev = (evaluation){0};
}

static int build_indexes(jx_result *res, const jx_batch *batch)
{
	jx_sparse_index declared = {0};
	if (jx_sparse_index_build(&res->claim_index, res->n, batch->claims.n, batch->claims.items,
	                          sizeof(jx_claim)) != 0 ||
	    jx_sparse_index_build(&res->review_index, res->n, batch->reviews.n,
	                          batch->reviews.items, sizeof(jx_review)) != 0 ||
	    jx_sparse_index_build(&res->weight_index, res->n, batch->weights.n,
	                          batch->weights.items, sizeof(jx_weight_override)) != 0 ||
	    jx_sparse_index_build(&res->target_index, res->n, batch->targets.n,
	                          batch->targets.items, sizeof(jx_target_override)) != 0 ||
	    jx_sparse_index_build(&res->note_index, res->n, batch->notes.n, batch->notes.items,
	                          sizeof(jx_note)) != 0 ||
	    jx_sparse_index_build(&res->actual_index, res->n, batch->actuals.n,
	                          batch->actuals.items, sizeof(jx_actual_override)) != 0 ||
	    jx_sparse_index_build(&declared, res->n, batch->declared.n, batch->declared.items,
	                          sizeof(jx_declared_row)) != 0) {
		jx_sparse_index_free(&declared);
		return JX_ENOMEM;
	}
	/* declared rows stay indexed in the result: the writers walk them */
	res->declared_start = declared.start;
	res->declared_order = declared.order;
	return name_declared_rows(res);
}

static void start_progress(evaluation *ev, const jx_score_options *opts)
{
	ev->prog = (progress){.fn = opts ? opts->progress : NULL};
	if (!ev->prog.fn)
		return;
	ev->prog.ctx = opts->progress_ctx;
	ev->prog.total = 2 * ev->res->n;
	ev->prog.step = ev->prog.total / 100 ? ev->prog.total / 100 : 1;
	atomic_init(&ev->prog.done, 0);
	for (int k = 0; k < ev->n; k++)
		ev->ws[k].progress = &ev->prog;
	ev->ws[0].reports = 1; /* run_pass runs ws[0] on this thread */
}

/* Passes 1 and 2: every department's values that `relative` needs, and the
 * batch's best of them (ev->best). */
static int evaluation_start(evaluation *ev, const jx_rules *rules, const jx_batch *batch,
                            const jx_score_options *opts, const double *given_best)
{
	size_t ni = rules->n_indicators;
	int jobs = opts && opts->jobs > 1 ? opts->jobs : 1;
	*ev = (evaluation){0};
	ev->res = jx_result_new(rules, batch);
	ev->best = malloc(sizeof(double) * (ni ? ni : 1));
	ev->n =
	    ev->res && ev->best && queue_init(&ev->queue, ev->res->n, rules) == 0
	        ? workers_new(&ev->ws, ev->res, (size_t)jobs, &ev->queue, opts ? opts->lenient : 0)
	        : -1;
	if (ev->n < 0 || build_indexes(ev->res, batch) != JX_OK) {
		evaluation_free(ev);
		return JX_ENOMEM;
	}
	start_progress(ev, opts);
	if (given_best) /* nothing to find: pass 3 evaluates every value */
		memset(ev->queue.early, 0, ni);
	ev->queue.find_best = !given_best;
	jx_trace("score: setup");
	run_pass(ev->ws, (size_t)ev->n, pass_actuals);
	jx_trace("score: pass 1, values");
	for (size_t i = 0; i < ni; i++)
		ev->best[i] = given_best ? given_best[i]
		              : jx_method_uses_best(&rules->indicators[i].method)
		                  ? batch_best(&ev->queue, &rules->indicators[i], i)
		                  : NAN;
	jx_trace("score: pass 2, best values");
	return JX_OK;
}

/* What passes 1 and 2 find, without a result, for a batch that gives no
 * actual of its own (no long-table actuals, no reviewer's): a wide CSV.
 * The values in the same order; the departments in parts, one per thread,
 * each part's best merged in part order: what one scan in order finds. */
typedef struct {
	const jx_rules *r;
	const jx_batch *b;
	const uint8_t *early;
	size_t from, to; /* departments */
	double *best;    /* per indicator */
	jx_val *acts;    /* scratch */
} best_part;

static void *best_of_part(void *arg)
{
	best_part *p = arg;
	const jx_rules *r = p->r;
	for (size_t i = 0; i < r->n_indicators; i++)
		p->best[i] = NAN;
	for (size_t d = p->from; d < p->to; d++) {
		if (p->b->rows[d].reject_reason)
			continue;
		jx_eval_input in = {.indicators = p->acts, .batch = p->b, .row = d};
		for (size_t k = 0; k < r->n_indicators; k++) {
			size_t i = r->order[k];
			if (!p->early[i])
				continue;
			p->acts[i] = jx_program_eval(r->indicators[i].value, &in);
			if (jx_method_uses_best(&r->indicators[i].method) &&
			    p->acts[i].kind == JX_VAL_NUM)
				keep_best(&p->best[i], &r->indicators[i], p->acts[i].u.num);
		}
	}
	return NULL;
}

#define BEST_PARTS 16

static int best_of_values(double *best, const jx_rules *r, const jx_batch *b, size_t jobs)
{
	size_t ni = r->n_indicators ? r->n_indicators : 1;
	size_t parts = jobs < BEST_PARTS ? jobs : BEST_PARTS;
	if (parts > b->n / 1024 + 1)
		parts = b->n / 1024 + 1; /* a thread pays for itself from ~1 000 departments */
	uint8_t *early = malloc(ni);
	double *bests = malloc(sizeof(double) * ni * parts);
	jx_val *acts = malloc(sizeof(jx_val) * ni * parts);
	if (!early || !bests || !acts) {
		free(early);
		free(bests);
		free(acts);
		return JX_ENOMEM;
	}
	mark_early(early, r);
	best_part part[BEST_PARTS];
	for (size_t k = 0; k < parts; k++)
		part[k] = (best_part){r,
		                      b,
		                      early,
		                      b->n * k / parts,
		                      b->n * (k + 1) / parts,
		                      bests + k * ni,
		                      acts + k * ni};
	jx_parallel(best_of_part, part, sizeof(best_part), parts);
	for (size_t i = 0; i < r->n_indicators; i++) {
		best[i] = NAN;
		for (size_t k = 0; k < parts; k++)
			keep_best(&best[i], &r->indicators[i], part[k].best[i]);
	}
	free(early);
	free(bests);
	free(acts);
	return JX_OK;
}

int jx_evaluate_best(double *best, const jx_rules *rules, const jx_batch *batch,
                     const jx_score_options *opts)
{
	if (batch->actuals.n || batch->reviews.n)
		return JX_EINVAL; /* given actuals are not what a wide CSV's window holds */
	return best_of_values(best, rules, batch, opts && opts->jobs > 1 ? (size_t)opts->jobs : 1);
}

void jx_best_merge(double *best, const double *more, const jx_rules *rules)
{
	for (size_t i = 0; i < rules->n_indicators; i++)
		if (jx_method_uses_best(&rules->indicators[i].method))
			keep_best(&best[i], &rules->indicators[i], more[i]);
}

int jx_evaluate_with_best(jx_result **out, const jx_rules *rules, const jx_batch *batch,
                          const jx_score_options *opts, const double *best,
                          const jx_block_hook *hook)
{
	*out = NULL;
	evaluation ev;
	/* best: the best of a whole batch read in windows */
	int rc = evaluation_start(&ev, rules, batch, opts, best);
	if (rc != JX_OK)
		return rc;
	jx_result *res = ev.res;
	res->best = ev.best;
	for (int k = 0; k < ev.n; k++) { /* pass 1's reasons are read, not moved, from here */
		ev.ws[k].list = (uint32_t)(ev.n + k);
		ev.ws[k].reasons = &res->reasons[ev.n + k];
		ev.ws[k].hook = hook;
	}
	run_pass(ev.ws, (size_t)ev.n, pass_scores);
	jx_trace("score: pass 3, scores");
	jx_sparse_index_free(&res->actual_index); /* read by scoring only */
	for (size_t d = 0; d < res->n; d++)
		res->rejected += res->depts[d].status == JX_DEPT_REJECTED;
	ev.res = NULL; /* now the caller's, with ev.best */
	ev.best = NULL;
	evaluation_free(&ev);
	*out = res;
	return JX_OK;
}

int jx_evaluate(jx_result **out, const jx_rules *rules, const jx_batch *batch,
                const jx_score_options *opts)
{
	return jx_evaluate_with_best(out, rules, batch, opts, NULL, NULL);
}
