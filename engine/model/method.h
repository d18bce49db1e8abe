/*
 * method.h - the data of a scoring method (docs/rules.md, "Scoring
 * methods"): its kind, its parameters, what one department brings to it and
 * what it gives back. What each method does - its name, the parameters it
 * takes, its checks and its formula - is its descriptor, one file per method
 * in engine/methods/ (docs/design.md, "Adding a scoring method").
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

/* Every scoring method, one line each: X(name, NAME), `name` its YAML name
 * and the file engine/methods/name.c that holds its descriptor (named
 * jx_method_ratio, ...). The order is the kinds' order and the order methods
 * are listed in messages. This list is the one line a new method adds
 * outside its own file (docs/design.md, "Adding a scoring method"). */
#define JX_METHOD_LIST(X)                                                                          \
	X(ratio, RATIO)                                                                            \
	X(inverse, INVERSE)                                                                        \
	X(equal, EQUAL)                                                                            \
	X(range, RANGE)                                                                            \
	X(threshold, THRESHOLD)                                                                    \
	X(linear, LINEAR)                                                                          \
	X(bands, BANDS)                                                                            \
	X(deduct, DEDUCT)                                                                          \
	X(grade, GRADE)                                                                            \
	X(relative, RELATIVE)                                                                      \
	X(expr, EXPR)                                                                              \
	/* a new method: one line above this one */

typedef enum {
#define JX_METHOD_KIND_(name, NAME) JX_METHOD_##NAME,
	JX_METHOD_LIST(JX_METHOD_KIND_)
#undef JX_METHOD_KIND_
	    JX_METHOD_COUNT_
} jx_method_kind;

/* The method's YAML name ("ratio"), from JX_METHOD_LIST; "?" out of range.
 * Here, in the model, because every stage names methods (the writers
 * too); the rest of a method is in engine/methods/. */
static inline const char *jx_method_name(jx_method_kind kind)
{
	static const char *const names[JX_METHOD_COUNT_] = {
#define JX_METHOD_NAME_(name, NAME) #name,
	    JX_METHOD_LIST(JX_METHOD_NAME_)
#undef JX_METHOD_NAME_
	};
	return (int)kind >= 0 && kind < JX_METHOD_COUNT_ ? names[kind] : "?";
}

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

/* The parameters that are more than one number (engine/methods/params.c
 * says which field each YAML key fills). */
typedef struct {
	const double *x, *y; /* linear: points [completion, fraction], sorted by completion */
	size_t n;            /* n >= 2 */
} jx_curve;

typedef struct {
	const jx_band *items;
	size_t n;
} jx_band_list;

typedef struct {
	const jx_level *items;
	size_t n;
} jx_level_list;

typedef struct {
	int set;             /* written: for c > above, fraction = max(floor, 1 - (c - above)) */
	double above, floor; /* floor default 0 */
} jx_overshoot;

typedef struct {
	jx_method_kind kind;
	double cap;         /* ratio: completion cap, default 1 */
	double precision;   /* equal, threshold (deduct with =): |a - t| <= precision is equal */
	double zero_at;     /* range: distance outside the band where the score hits 0 */
	double partial;     /* threshold: fraction when not met, default 0 */
	double per;         /* deduct: w - points * (shortfall / per), floored at 0; default 0.01 */
	double points;      /* deduct: default 0.1 */
	int step;           /* deduct: count only whole `per`s */
	jx_curve curve;     /* linear: `points` */
	void *interp;       /* linear: the gsl_interp, prepared; owned by the method */
	int bands_on_value; /* bands: `on: value`, bands over a, not c */
	jx_band_list bands; /* bands */
	jx_level_list levels;   /* grade; default 达成 1, 部分达成 0.7, 未达成 0.3 */
	const jx_program *expr; /* expr: an expression over locals a, t, w, c (in that order) */
	jx_overshoot overshoot; /* ratio, linear, bands over the completion */
} jx_method;

/* What the expr method needs of later stages, handed in by the evaluate
 * stage (evaluate.h, jx_method_vm_hooks): the methods sit on the floor and
 * never call up into the VM (docs/design.md, "Adding a scoring method"). */
typedef struct {
	/* runs the program over vars with the locals a, t, w, c */
	jx_val (*eval)(const jx_program *p, const struct jx_eval_input *vars, const jx_val *locals);
	const char *(*source)(const jx_program *p); /* the program's text, for explain */
} jx_method_vm;

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
	const jx_method_vm *vm;           /* expr method: the VM; NULL elsewhere */
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

#endif
