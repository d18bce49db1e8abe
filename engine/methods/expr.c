/*
 * expr.c - custom (docs/rules.md, "expr"): the score is an expression over
 * the locals a, t, w, c (in that order) and the department's variables.
 *
 * c is passed as an undefined value (JX_WHY_DIV_ZERO, at 0) when it is NaN.
 * A non-number or non-finite result is undefined "expression is undefined";
 * the value is returned in expr_value for jx_program_describe(). The VM is
 * the evaluate stage's: it comes in as in->vm (model/method.h,
 * jx_method_vm), so this floor never calls up into a stage.
 */
#include "scoring.h"

static void score(jx_scoring *s)
{
	const jx_method_input *in = s->in;
	double c = s->o->completion;
	jx_val locals[4];
	jx_val v;

	if (!in->vm) {
		jx_undefined(s, "expression is undefined");
		return;
	}
	locals[0] = jx_val_number(in->a);
	locals[1] = jx_val_number(in->t);
	locals[2] = jx_val_number(in->w);
	locals[3] = isnan(c) ? jx_val_state(JX_VAL_UNDEF, JX_WHY_DIV_ZERO, 0) : jx_val_number(c);
	v = in->vm->eval(s->m->expr, in->vars, locals);
	s->o->expr_value = v;
	if (v.kind != JX_VAL_NUM || !isfinite(v.u.num)) {
		jx_undefined(s, "expression is undefined");
		return;
	}
	say(s, "%s with a = " G ", t = " G ", w = " G ", c = " G, in->vm->source(s->m->expr), in->a,
	    in->t, in->w, c);
	s->raw = v.u.num;
}

const jx_method_desc jx_method_expr = {
    .name = "expr",
    .kind = JX_METHOD_EXPR,
    .params = JX_PARAM_BIT(JX_PARAM_EXPR),
    .target_optional = jx_method_always,
    .score = score,
};
