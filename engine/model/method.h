/*
 * method.h - what a scoring method is (docs/rules.md, "Scoring methods"):
 * its kind and name, its parameters, what one department brings to it and
 * what it gives back. Below every stage: the loader fills a jx_method, the
 * evaluate stage scores with it (engine/evaluate/evaluate.h,
 * jx_method_score), explain prints its formula.
 *
 * A jx_method is built once per indicator at load time (parameters checked,
 * interpolation prepared) and then applied to each department's actual and
 * target. Every method returns a score clamped to [0, w]; a case the method
 * cannot score (e.g. a zero target where a ratio is needed and the target is
 * not met) is reported as undefined with a reason, never a silent 0.
 */
#ifndef JX_METHOD_H
#define JX_METHOD_H

#include <stddef.h>

#include "../common/value.h"
#include "literal.h"

typedef struct jx_program jx_program; /* a compiled expression (compile/expr.h) */
struct jx_eval_input;                 /* the variables it reads */

typedef enum {
	JX_METHOD_RATIO = 0,
	JX_METHOD_INVERSE,
	JX_METHOD_EQUAL,
	JX_METHOD_RANGE,
	JX_METHOD_THRESHOLD,
	JX_METHOD_LINEAR,
	JX_METHOD_BANDS,
	JX_METHOD_DEDUCT,
	JX_METHOD_GRADE,
	JX_METHOD_RELATIVE,
	JX_METHOD_EXPR,
	JX_METHOD_COUNT_
} jx_method_kind;

/* Name <-> kind: "ratio", "inverse", ...; returns -1 for an unknown name. */
int jx_method_from_name(const char *name, size_t len);
const char *jx_method_name(jx_method_kind kind);
/* The default method for a target comparison (ratio for >=, inverse for <=,
 * equal for =, range for [lo,hi], grade for a word; > and < as >= and <=). */
jx_method_kind jx_method_default_for(jx_cmp cmp);

typedef struct {
	double min, max; /* inclusive unless min_open / max_open (`gt` / `lt`) */
	int has_min, has_max;
	int min_open, max_open;
	double fraction; /* the share of w, or */
	double points;   /* absolute points when has_points */
	int has_points;
} jx_band;

typedef struct {
	const char *word; /* 达成 */
	size_t word_len;
	double fraction; /* fixed fraction, or */
	double lo, hi;   /* the band a department's own fraction must fall in */
	int has_range;
	int has_fraction; /* with has_range: `fraction` was written in the rules
	                   * (used when the department gives none; else hi) */
} jx_level;

typedef struct {
	jx_method_kind kind;
	double cap;       /* ratio: completion cap, default 1 */
	double precision; /* equal: |a - t| <= precision counts as equal; default 0 */
	double zero_at;   /* range: distance outside the band where the score hits 0 */
	double partial;   /* threshold: fraction when not met, default 0 */
	/* linear: points [completion, fraction], sorted by completion, n >= 2 */
	const double *lin_x, *lin_y;
	size_t n_points;
	void *interp; /* gsl_interp, prepared at build; owned by the method */
	/* bands */
	const jx_band *bands;
	size_t n_bands;
	int bands_on_value; /* `on: value`: bands over a, not c */
	/* deduct: w - points * (shortfall / per), floored at 0 */
	double per;    /* default 0.01 (one percentage point) */
	double points; /* default 0.1 */
	int step;      /* count only whole `per`s */
	/* grade */
	const jx_level *levels;
	size_t n_levels;
	/* expr: an expression over locals a, t, w, c (in that order) */
	const jx_program *expr;
	/* overshoot: for c > above, fraction = max(floor, 1 - (c - above)) */
	int has_overshoot;
	double overshoot_above, overshoot_floor;
} jx_method;

/* What one department brings to one indicator. */
typedef struct {
	double a;         /* the actual (number); ignored for words */
	const char *word; /* the actual as a word (grade method), or NULL */
	size_t word_len;
	int has_fraction; /* the department's own fraction for its word */
	double fraction;
	jx_cmp cmp;                       /* the target's comparison */
	double t;                         /* the target (lower bound for RANGE) */
	double t_hi;                      /* upper bound for RANGE */
	double best;                      /* relative: the batch's best actual */
	double w;                         /* the weight */
	const struct jx_eval_input *vars; /* expr method: the department's variables */
} jx_method_input;

typedef struct {
	double score;       /* in [0, w] when ok */
	double completion;  /* a / t, or NaN when not defined (t = 0, words) */
	int ok;             /* 0: could not score; see reason */
	const char *reason; /* static text when !ok, e.g. "target is 0" */
	int overshoot_applied;
	jx_val expr_value; /* expr method: what the program returned (for
	                    * jx_program_describe() when !ok); else a NUM 0 */
} jx_method_output;

/* Sets every parameter to its default (cap 1, precision 0, zero_at 0,
 * partial 0, per 0.01, points 0.1, no overshoot) and the kind. A zeroed
 * jx_method is NOT defaulted: jx_method_prepare() refuses cap 0 or per 0. */
void jx_method_init(jx_method *m, jx_method_kind kind);

/* Prepares derived state (the gsl_interp for `linear`). 0, or -1 with a
 * static message in *err (e.g. "points must have increasing completions"). */
int jx_method_prepare(jx_method *m, const char **err);
/* Frees what jx_method_prepare() made. */
void jx_method_release(jx_method *m);

#endif
