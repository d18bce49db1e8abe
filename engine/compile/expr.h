/*
 * expr.h - the expression language of docs/rules.md: parse, compile to bytecode,
 * disassemble, evaluate.
 *
 * An expression is compiled once per rule set (variables resolved to slots by
 * the caller's resolver, constants folded) into an immutable jx_program, then
 * evaluated for each department with no allocation. Evaluation is re-entrant.
 */
#ifndef JX_EXPR_H
#define JX_EXPR_H

#include <stddef.h>
#include "../common/buf.h"
#include "../common/value.h"

typedef struct jx_program jx_program;

/* How names in an expression are bound. Each resolver returns an index >= 0,
 * or -1 when the name is unknown (a compile error). */
typedef struct {
	/* A dotted variable name such as "mediation.accepted" or "调解.成功对数".
	 * May be NULL (no variables allowed). The resolver may create the slot. */
	long (*variable)(void *ctx, const char *name, size_t len);
	/* The id in `indicator.<id>`. May be NULL (no indicator references). */
	long (*indicator)(void *ctx, const char *id, size_t len);
	void *ctx;
	/* Local names bound at evaluation time (the `expr` method's a, t, w, c);
	 * looked up before variables. NULL-terminated list, or NULL. */
	const char *const *locals;
} jx_expr_env;

typedef struct {
	size_t offset;     /* byte offset in the source where the problem is */
	char message[256]; /* e.g. "unknown function 'mx'" */
} jx_expr_error;

/* Compiles `src` (len bytes, need not be NUL-terminated). On success *out is
 * an owned program (jx_program_free). On failure returns -1 and fills *err. */
int jx_expr_compile(jx_program **out, const char *src, size_t len, const jx_expr_env *env,
                    jx_expr_error *err);

/* A check (docs/rules.md) compares two sides: if the expression's top node is a
 * comparison, *lhs and *rhs are its sides and *cmp its operator (one of
 * "<", "<=", ">", ">=", "==", "!="); otherwise *lhs is the whole (boolean)
 * expression, *rhs is NULL and *cmp is NULL. Returns 0 or -1 with *err. */
int jx_expr_compile_check(jx_program **lhs, jx_program **rhs, const char **cmp, const char *src,
                          size_t len, const jx_expr_env *env, jx_expr_error *err);

void jx_program_free(jx_program *p);

struct jx_batch;

/* Values an evaluation reads; all arrays are borrowed. */
typedef struct jx_eval_input {
	const jx_val *variables;  /* indexed by variable slot */
	const jx_val *indicators; /* indexed by indicator index (values computed so far) */
	const jx_val *locals;     /* indexed as env->locals */
	/* instead of `variables`: department `row` of a batch, its values read
	 * as stored (engine/model.h, jx_batch_value) */
	const struct jx_batch *batch;
	size_t row;
} jx_eval_input;

/* Evaluates the program. Never fails: missing / undefined come back as
 * states with jx_why and `at` filled in (see value.h). Arithmetic on a
 * missing operand propagates the first missing operand; `coalesce` and `if`
 * are the only ways around it. */
jx_val jx_program_eval(const jx_program *p, const jx_eval_input *in);

/* True when the program is exactly one variable reference; *slot gets it. */
int jx_program_is_variable(const jx_program *p, long *slot);
/* Indicator indices the program references (for cycle detection). *out
 * points into the program; count returned. */
size_t jx_program_indicator_refs(const jx_program *p, const long **out);
/* Variable slots the program references, in first-use order. */
size_t jx_program_variable_refs(const jx_program *p, const long **out);
/* The expression's source text (NUL-terminated copy owned by the program). */
const char *jx_program_source(const jx_program *p);

/* Writes a reason an analyst can read for a non-number value that this
 * program produced, e.g. "division by zero in 'mediation.succeeded /
 * mediation.accepted' (mediation.accepted = 0)" or "missing value:
 * mediation.accepted". `var_names` maps slots to names, `ind_ids` maps
 * indicator indices to ids (either may be NULL). Returns snprintf's count. */
int jx_program_describe(const jx_program *p, jx_val v, const jx_eval_input *in,
                        const char *const *var_names, const char *const *ind_ids, char *buf,
                        size_t size);

/* Writes a listing, one instruction per line: "0000  LOAD_VAR  3  ; x.y".
 * `names` maps variable slots to names for the comments (may be NULL). */
void jx_program_dump(const jx_program *p, const char *const *var_names, jx_buf *out);

#endif
