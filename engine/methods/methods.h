/*
 * methods.h - the scoring methods (docs/rules.md, "Scoring methods"), on
 * the floor below the stages (docs/design.md, "Adding a scoring method").
 *
 * A method is one descriptor, jx_method_desc, in one file of this folder
 * (ratio.c, inverse.c, ...): its name, the parameters it takes (a bit set
 * over the parameter table, params.c), whether it needs a target, whether
 * `declared:` rows may use it, and its score-with-explanation function. The
 * registry (registry.c) finds a descriptor by kind or name; the kinds come
 * from JX_METHOD_LIST (model/method.h).
 *
 * The parameter table holds each parameter once: its YAML key, its type,
 * where it lives in jx_method, its default and its check. The loader reads
 * and refuses parameters from it (load/rules_indicator.c) and the canonical
 * print writes them from it (load/rules_print.c), so a parameter cannot miss
 * the rule set's SHA-256.
 *
 * The loader and the evaluate stage both use this folder; it uses only the
 * model and common below it. The expr method reaches the VM through
 * jx_method_input.vm, which the evaluate stage fills.
 */
#ifndef JX_METHODS_H
#define JX_METHODS_H

#include <stdint.h>

#include "../model/model.h"

/* ---- the parameter table (params.c) --------------------------------------- */

/* In table order, which is the order they are read, checked and printed. */
typedef enum {
	JX_PARAM_CAP,
	JX_PARAM_PRECISION,
	JX_PARAM_ZERO_AT,
	JX_PARAM_PARTIAL,
	JX_PARAM_PER,
	JX_PARAM_POINTS, /* deduct's number; linear's `points` is JX_PARAM_CURVE */
	JX_PARAM_STEP,
	JX_PARAM_CURVE,
	JX_PARAM_ON,
	JX_PARAM_BANDS,
	JX_PARAM_LEVELS,
	JX_PARAM_EXPR,
	JX_PARAM_OVERSHOOT,
	JX_PARAM_COUNT_
} jx_param;

#define JX_PARAM_BIT(p) (UINT32_C(1) << (p))

/* How a parameter is written, stored and printed. The loader and the
 * canonical print switch over these (no default case: a new type that
 * either forgets is a compile error under -Wswitch). */
typedef enum {
	JX_PT_NUMBER,    /* double: 0.3, 30%, 5‰ */
	JX_PT_BOOL,      /* int: true / false */
	JX_PT_POINTS,    /* jx_curve: [[completion, fraction], ...] */
	JX_PT_BANDS,     /* jx_band_list: [{min|gt, max|lt, fraction|points}, ...] */
	JX_PT_ON,        /* int: `value` (1) or `completion` (0) */
	JX_PT_LEVELS,    /* jx_level_list: {word: fraction | [lo, hi] | {band, fraction}} */
	JX_PT_EXPR,      /* jx_param_expr: an expression over a, t, w, c */
	JX_PT_OVERSHOOT, /* jx_overshoot: {above: A, floor: F}, printed only when written */
} jx_param_type;

enum {
	/* read on every method: the loader does not refuse it at its key
	 * (precision; overshoot, which the method check refuses instead) */
	JX_PARAM_ANY_METHOD = 1,
	/* written on a method that does not take it: refused by the method
	 * check ("overshoot applies only to ...") */
	JX_PARAM_REFUSED_BY_CHECK = 2,
	/* a method that takes it cannot do without it ("method expr needs an
	 * 'expr:'") */
	JX_PARAM_REQUIRED = 4,
};

typedef struct {
	const char *key; /* the YAML key (two parameters may share one: `points`) */
	jx_param_type type;
	size_t offset;  /* where it lives in jx_method */
	double initial; /* NUMBER, BOOL, ON: the default */
	unsigned flags; /* JX_PARAM_ANY_METHOD, ... */
	/* Why the value cannot be used, or NULL; run on methods that take it. */
	const char *(*check)(const jx_method *m);
} jx_param_def;

extern const jx_param_def jx_params[JX_PARAM_COUNT_];

/* The C type of an expr parameter's field (a typedef, so that
 * JX_PARAM_CFIELD can add its const). */
typedef const jx_program *jx_param_expr;

/* The field parameter p fills in m, as its type's C type. */
#define JX_PARAM_FIELD(m, p, T) ((T *)(void *)((char *)(m) + jx_params[p].offset))
#define JX_PARAM_CFIELD(m, p, T)                                                                   \
	((const T *)(const void *)((const char *)(m) + jx_params[p].offset))

/* Whether m holds parameter p's default (an overshoot: not written). */
int jx_param_is_default(const jx_method *m, jx_param p);

/* The official levels: 达成 1, 部分达成 0.7, 未达成 0.3 (docs/rules.md,
 * "grade"), the default of `levels`. */
extern const jx_level_list jx_default_levels;

/* ---- one method ------------------------------------------------------------- */

typedef struct jx_scoring jx_scoring; /* one score being computed (scoring.h) */

enum {
	JX_METHOD_DECLARED = 1,      /* `declared:` rows may be scored by it */
	JX_METHOD_WORDS = 2,         /* scores a word (达成), not a number: needs a word target */
	JX_METHOD_NUMBER_TARGET = 4, /* the loader refuses a word target */
	JX_METHOD_BATCH_BEST = 8,    /* scores against the batch's best actual (pass 2) */
};

typedef struct {
	const char *name;    /* the YAML name: jx_method_name(kind), as in JX_METHOD_LIST */
	jx_method_kind kind; /* JX_METHOD_<NAME> */
	/* the parameters it takes: read, checked and printed (defaults written
	 * out) */
	uint32_t params;
	/* parameters it reads that are printed only when not their default, so
	 * the hashes of rule sets written before they were printed stay as they
	 * were (deduct's precision); neither checked nor refused */
	uint32_t params_if_set;
	/* the comparisons it is the default method for (bits 1 << jx_cmp; bit
	 * 0: no target at all) */
	unsigned default_for;
	unsigned flags; /* JX_METHOD_DECLARED, ... */
	/* with JX_METHOD_WORDS / JX_METHOD_NUMBER_TARGET: the example the
	 * target message gives ("达成") */
	const char *target_example;
	/* whether m takes parameter p (one of params) as it is set up; NULL:
	 * always (bands takes overshoot only over the completion) */
	int (*takes)(const jx_method *m, jx_param p);
	/* what the method says after its name where the methods taking p are
	 * listed (bands: "over the completion" for overshoot) */
	const char *param_note[JX_PARAM_COUNT_];
	/* whether m scores without a target (cmp 0; jx_method_always: expr,
	 * relative; bands only over the value); NULL: it needs one */
	int (*target_optional)(const jx_method *m);
	/* derived state after the checks passed (linear's gsl_interp); a
	 * static message when it cannot; NULL: none */
	const char *(*prepare)(jx_method *m);
	/* the score (scoring.h): sets s->raw or calls jx_undefined(), and says
	 * its formula when s->explain */
	void (*score)(jx_scoring *s);
} jx_method_desc;

/* ---- the registry (registry.c) ---------------------------------------------- */

/* By kind; NULL for a kind out of range. */
const jx_method_desc *jx_method_desc_of(jx_method_kind kind);
extern const jx_method_desc *const jx_method_descs[JX_METHOD_COUNT_];

/* Name -> kind: "ratio", "inverse", ...; returns -1 for an unknown name
 * (jx_method_name(), model/method.h, is the other way). */
int jx_method_from_name(const char *name, size_t len);
/* The default method for a target comparison (ratio for >=, > and no
 * target, inverse for <= and <, equal for =, range for [lo,hi], grade for a
 * word): the method whose default_for holds it. */
jx_method_kind jx_method_default_for(jx_cmp cmp);

/* Whether m takes parameter p (its params, as it is set up). */
int jx_method_takes(const jx_method *m, jx_param p);
/* Whether the loader reads p's key on a method of this kind without
 * refusing it: p is one of its params or params_if_set, or read on every
 * method. */
int jx_method_reads(jx_method_kind kind, jx_param p);
/* Whether m needs a target (`target:` or `target_value:`). */
int jx_method_needs_target(const jx_method *m);
/* 1: for a descriptor's target_optional or takes that holds always. */
int jx_method_always(const jx_method *m);
/* Whether m scores against the batch's best actual (relative). */
static inline int jx_method_uses_best(const jx_method *m)
{
	return (jx_method_descs[m->kind]->flags & JX_METHOD_BATCH_BEST) != 0;
}

/* The names of the methods that have all of `flags` (0: every method),
 * joined "a, b and c" with `last` between the last two ("and", "or"; NULL:
 * ", " throughout). snprintf's count. */
int jx_method_names(char *buf, size_t size, unsigned flags, const char *last);
/* The methods that take one of the parameters in `params` (JX_PARAM_BIT
 * bits), joined "a, b and c", each with its param_note ("ratio, linear and
 * bands over the completion"). snprintf's count. */
int jx_method_takers(char *buf, size_t size, uint32_t params);

/* Sets every parameter to its default (the table's: cap 1, precision 0,
 * zero_at 0, partial 0, per 0.01, points 0.1, the official levels, no
 * overshoot) and the kind. A zeroed jx_method is NOT defaulted:
 * jx_method_prepare() refuses cap 0 or per 0. */
void jx_method_init(jx_method *m, jx_method_kind kind);

/* Checks the parameters the method takes, in table order, and prepares
 * derived state (the gsl_interp for `linear`). 0, or -1 with a static
 * message in *err (e.g. "points must have increasing completions"). */
int jx_method_prepare(jx_method *m, const char **err);
/* Frees what jx_method_prepare() made. */
void jx_method_release(jx_method *m);

/* ---- scoring (score.c) -------------------------------------------------------- */

/* Scores one department into *out. Never fails; see jx_method_output.ok. */
void jx_method_score_into(const jx_method *m, const jx_method_input *in, jx_method_output *out);

/* The same, returned. Inline, so the output is written where the caller
 * keeps it: copying a returned struct the method had just written field by
 * field stalled every score (docs/performance.md, "Scoring methods"). */
static inline jx_method_output jx_method_score(const jx_method *m, const jx_method_input *in)
{
	jx_method_output out;

	jx_method_score_into(m, in, &out);
	return out;
}

/* The method's formula with the numbers substituted, for `explain`
 * ("10 × min(1607/4561 ÷ 0.35, 1) = 10"), from the same code that computed
 * the score. Returns snprintf's count. */
int jx_method_explain(const jx_method *m, const jx_method_input *in, const jx_method_output *o,
                      char *buf, size_t size);

#endif
