/*
 * evaluate.h - the evaluate stage: a rule set and a batch into a result
 * (score.c: actual values, targets in force, scores, declared rows, checks,
 * groups, totals, grades) with the scoring methods (engine/methods/), and
 * the VM (vm.c). It neither ranks nor summarises: the API layer calls stats after
 * it (engine/api/score_api.c).
 */
#ifndef JX_EVALUATE_H
#define JX_EVALUATE_H

#include "../compile/expr.h"
#include "../methods/methods.h"
#include "../model/model.h"

/* Scores every department of batch under rules into a new result (owned
 * by the caller: jx_result_free); ranks and statistics are not computed.
 * JX_OK or JX_ENOMEM. */
int jx_evaluate(jx_result **out, const jx_rules *rules, const jx_batch *batch,
                const jx_score_options *opts);

/* A batch read in windows (api/stream_api.c): each window's best actual of
 * the indicators scored against the batch's best (`relative`), merged in
 * window order into the whole batch's, and each window scored with that.
 * best holds one number per indicator (NaN: none). jx_evaluate_best reads
 * the values alone, without a result: a batch that gives actuals of its
 * own (a long table's, a reviewer's) is JX_EINVAL. */
int jx_evaluate_best(double *best, const jx_rules *rules, const jx_batch *batch,
                     const jx_score_options *opts);
void jx_best_merge(double *best, const double *more, const jx_rules *rules);
/* Departments are scored in blocks of JX_SCORE_BLOCK (the last one
 * shorter); hook (may be NULL) is called on the scoring thread with each
 * block [from, to) once its departments are final, blocks on several
 * threads at once: what it does with one block must not touch another's. */
#define JX_SCORE_BLOCK 2048
typedef struct {
	void (*fn)(void *ctx, const jx_result *res, size_t block, size_t from, size_t to);
	void *ctx;
} jx_block_hook;
int jx_evaluate_with_best(jx_result **out, const jx_rules *rules, const jx_batch *batch,
                          const jx_score_options *opts, const double *best,
                          const jx_block_hook *hook);

/* The VM for the expr method (method.c): what jx_method_input.vm points
 * at wherever this stage scores an indicator. */
extern const jx_method_vm jx_method_vm_hooks;

/* The method input of one department and indicator, as scoring used it
 * (for explain); vars is filled and referenced by *in. */
void jx_method_input_for(jx_method_input *in, jx_eval_input *vars, const struct jx_result *res,
                         size_t dept, size_t indicator);

/* Scores department d's declared rows (evaluate/declared.c), checks its
 * weights against the groups, rejecting it when they do not add up. */
void jx_score_declared(struct jx_result *res, size_t dept, jx_arena *arena);

/* 复核 flags of department d from what its table claims (review.c), once
 * its total is known. */
void jx_review_department(jx_result *res, size_t dept);
/* A row's score after its reviewer's finding: the score set outright
 * (clamped to [0, w]), times the code's `keep` share. */
double jx_review_score(const jx_rules *r, const jx_review *rv, double score, double w);
/* "<before>; 复核 R01 无佐证材料（保留 0%）：<note>", in arena: the reason
 * a reviewed row shows, so every deduction cites its clause. */
const char *jx_review_reason(const jx_rules *r, const jx_review *rv, const char *before,
                             jx_arena *arena);

#endif
