/*
 * vm.c - the expression virtual machine: runs a jx_program (opcodes.h) for
 * one department, and turns a non-number result into a reason an analyst
 * can read.
 *
 * A switch loop over a compact instruction array; the value stack lives on
 * the C stack, JX_EXPR_MAX_STACK slots, and the compiler has proved the
 * program needs at most p->max_stack of them. Nothing is allocated.
 *
 * Propagation: an operation whose operand is missing, undefined or not
 * applicable returns that operand (the first in evaluation order); a word
 * (TEXT) used as a number gives undefined TEXT_IN_MATH; a non-finite result
 * gives undefined NOT_FINITE. `at` of an undefined result is the index of
 * the instruction that failed, which jx_program_describe() quotes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/c_locale.h"
#include "../common/round.h"
#include "../compile/expr_internal.h"
#include "evaluate.h"

/* ---- operations (shared with constant folding through jx_vm_apply) ---- */

static inline jx_val undef(jx_why why, uint32_t at)
{
	return jx_val_state(JX_VAL_UNDEF, why, at);
}

/* If v is not a number, *r gets what the operation yields and 1 is returned. */
static inline int not_number(jx_val *r, jx_val v, uint32_t at)
{
	if (v.kind == JX_VAL_NUM)
		return 0;
	*r = v.kind == JX_VAL_TEXT ? undef(JX_WHY_TEXT_IN_MATH, at) : v;
	return 1;
}

static inline jx_val num(double x, uint32_t at)
{
	return isfinite(x) ? jx_val_number(x) : undef(JX_WHY_NOT_FINITE, at);
}

static inline jx_val op_unary(jx_opcode op, jx_val a, uint32_t at)
{
	jx_val r;
	if (not_number(&r, a, at))
		return r;
	double x = a.u.num;
	switch (op) {
	case JX_OP_NEG:
		return jx_val_number(-x);
	case JX_OP_NOT:
		return jx_val_number(x == 0 ? 1 : 0);
	case JX_OP_BOOL:
		return jx_val_number(x != 0 ? 1 : 0);
	case JX_OP_ABS:
		return jx_val_number(fabs(x));
	default:
		return a; /* TO_NUM */
	}
}

static inline jx_val op_binary(jx_opcode op, jx_val a, jx_val b, uint32_t at)
{
	jx_val r;
	/* JX_VAL_NUM is 0: one test covers the common case of two numbers. */
	if ((a.kind | b.kind) != JX_VAL_NUM && (not_number(&r, a, at) || not_number(&r, b, at)))
		return r;
	double x = a.u.num, y = b.u.num;
	switch (op) {
	case JX_OP_ADD:
		return num(x + y, at);
	case JX_OP_SUB:
		return num(x - y, at);
	case JX_OP_MUL:
		return num(x * y, at);
	case JX_OP_DIV:
		if (y == 0)
			return undef(JX_WHY_DIV_ZERO, at);
		return num(x / y, at);
	case JX_OP_POW:
		if ((x == 0 && y < 0) || (x < 0 && y != floor(y)))
			return undef(JX_WHY_DOMAIN, at);
		return num(pow(x, y), at);
	case JX_OP_LT:
		return jx_val_number(x < y);
	case JX_OP_LE:
		return jx_val_number(x <= y);
	case JX_OP_GT:
		return jx_val_number(x > y);
	case JX_OP_GE:
		return jx_val_number(x >= y);
	case JX_OP_EQ:
		return jx_val_number(x == y);
	case JX_OP_NE:
		return jx_val_number(x != y);
	case JX_OP_MIN:
		return jx_val_number(y < x ? y : x);
	case JX_OP_MAX:
		return jx_val_number(y > x ? y : x);
	case JX_OP_ROUND:
		if (y != floor(y) || y < 0 || y > 15)
			return undef(JX_WHY_DOMAIN, at);
		return num(jx_round(x, (int)y), at);
	default:
		return undef(JX_WHY_NONE, at);
	}
}

static inline jx_val op_clamp(jx_val x, jx_val lo, jx_val hi, uint32_t at)
{
	jx_val r;
	if (not_number(&r, x, at) || not_number(&r, lo, at) || not_number(&r, hi, at))
		return r;
	if (lo.u.num > hi.u.num)
		return undef(JX_WHY_DOMAIN, at);
	double v = x.u.num < lo.u.num ? lo.u.num : x.u.num;
	return jx_val_number(v > hi.u.num ? hi.u.num : v);
}

jx_val jx_vm_apply(jx_opcode op, const jx_val *args, uint32_t at)
{
	switch (op) {
	case JX_OP_NEG:
	case JX_OP_NOT:
	case JX_OP_BOOL:
	case JX_OP_TO_NUM:
	case JX_OP_ABS:
		return op_unary(op, args[0], at);
	case JX_OP_ADD:
	case JX_OP_SUB:
	case JX_OP_MUL:
	case JX_OP_DIV:
	case JX_OP_POW:
	case JX_OP_LT:
	case JX_OP_LE:
	case JX_OP_GT:
	case JX_OP_GE:
	case JX_OP_EQ:
	case JX_OP_NE:
	case JX_OP_MIN:
	case JX_OP_MAX:
	case JX_OP_ROUND:
		return op_binary(op, args[0], args[1], at);
	case JX_OP_CLAMP:
		return op_clamp(args[0], args[1], args[2], at);
	default:
		return undef(JX_WHY_NONE, at);
	}
}

/* ---- the loop -------------------------------------------------------- */

/* Variable slot's value as given: from the batch row or the array. */
static inline jx_val variable(const jx_eval_input *in, long slot)
{
	if (in->batch)
		return jx_batch_value(in->batch, in->row, (size_t)slot);
	return in->variables ? in->variables[slot] : jx_val_state(JX_VAL_MISSING, JX_WHY_NONE, 0);
}

static inline jx_val load_var(const jx_eval_input *in, long slot)
{
	jx_val v = variable(in, slot);
	if (v.kind == JX_VAL_MISSING)
		v.why = JX_WHY_MISSING_VAR, v.at = (uint32_t)slot;
	else if (v.kind == JX_VAL_NA)
		v.why = JX_WHY_NA, v.at = (uint32_t)slot;
	return v;
}

jx_val jx_program_eval(const jx_program *p, const jx_eval_input *in)
{
	static const jx_eval_input none;
	if (!p || p->max_stack > JX_EXPR_MAX_STACK)
		return undef(JX_WHY_NONE, 0);
	if (!in)
		in = &none;
	/* `value: some.variable`, the commonest program, without the loop */
	if (p->n_code == 2 && p->code[0].op == JX_OP_LOAD_VAR && p->code[1].op == JX_OP_RETURN)
		return load_var(in, p->code[0].arg);
	/* `a / b` over two variables, the commonest ratio: two numbers, b not 0
	 * and a finite quotient are the whole story; anything else takes the
	 * loop, which says why */
	if (p->n_code == 4 && p->code[0].op == JX_OP_LOAD_VAR && p->code[1].op == JX_OP_LOAD_VAR &&
	    p->code[2].op == JX_OP_DIV && p->code[3].op == JX_OP_RETURN) {
		jx_val a = variable(in, p->code[0].arg), b = variable(in, p->code[1].arg);
		if (a.kind == JX_VAL_NUM && b.kind == JX_VAL_NUM && b.u.num != 0) {
			double q = a.u.num / b.u.num;
			if (isfinite(q))
				return jx_val_number(q);
		}
	}
	const jx_insn *const code = p->code;
	const jx_insn *ip = code;
	jx_val stack[JX_EXPR_MAX_STACK];
	jx_val *sp = stack; /* next free slot */

/* The index of the instruction being executed, for undefined results. */
#define AT ((uint32_t)(ip - 1 - code))

	for (;;) {
		const jx_insn *i = ip++;
		switch ((jx_opcode)i->op) {
		case JX_OP_CONST:
			*sp++ = jx_val_number(p->consts[i->arg]);
			break;
		case JX_OP_LOAD_VAR:
			*sp++ = load_var(in, i->arg);
			break;
		case JX_OP_LOAD_IND: {
			jx_val v = in->indicators ? in->indicators[i->arg]
			                          : jx_val_state(JX_VAL_MISSING, JX_WHY_NONE, 0);
			if (v.kind == JX_VAL_MISSING)
				v.why = JX_WHY_MISSING_IND, v.at = (uint32_t)i->arg;
			else if (v.kind == JX_VAL_UNDEF)
				v.why = JX_WHY_UNDEF_IND, v.at = (uint32_t)i->arg;
			*sp++ = v;
			break;
		}
		case JX_OP_LOAD_LOCAL:
			*sp++ = in->locals ? in->locals[i->arg]
			                   : jx_val_state(JX_VAL_MISSING, JX_WHY_NONE, 0);
			break;
		case JX_OP_NEG:
			sp[-1] = op_unary(JX_OP_NEG, sp[-1], AT);
			break;
		case JX_OP_NOT:
			sp[-1] = op_unary(JX_OP_NOT, sp[-1], AT);
			break;
		case JX_OP_BOOL:
			sp[-1] = op_unary(JX_OP_BOOL, sp[-1], AT);
			break;
		case JX_OP_TO_NUM:
			sp[-1] = op_unary(JX_OP_TO_NUM, sp[-1], AT);
			break;
		case JX_OP_ABS:
			sp[-1] = op_unary(JX_OP_ABS, sp[-1], AT);
			break;
		case JX_OP_ADD:
			sp[-2] = op_binary(JX_OP_ADD, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_SUB:
			sp[-2] = op_binary(JX_OP_SUB, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_MUL:
			sp[-2] = op_binary(JX_OP_MUL, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_DIV:
			sp[-2] = op_binary(JX_OP_DIV, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_POW:
			sp[-2] = op_binary(JX_OP_POW, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_LT:
			sp[-2] = op_binary(JX_OP_LT, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_LE:
			sp[-2] = op_binary(JX_OP_LE, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_GT:
			sp[-2] = op_binary(JX_OP_GT, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_GE:
			sp[-2] = op_binary(JX_OP_GE, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_EQ:
			sp[-2] = op_binary(JX_OP_EQ, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_NE:
			sp[-2] = op_binary(JX_OP_NE, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_MIN:
			sp[-2] = op_binary(JX_OP_MIN, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_MAX:
			sp[-2] = op_binary(JX_OP_MAX, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_ROUND:
			sp[-2] = op_binary(JX_OP_ROUND, sp[-2], sp[-1], AT);
			sp--;
			break;
		case JX_OP_CLAMP:
			sp[-3] = op_clamp(sp[-3], sp[-2], sp[-1], AT);
			sp -= 2;
			break;
		case JX_OP_JUMP:
			ip = code + i->arg;
			break;
		case JX_OP_JUMP_FALSE:
			/* COND before it has made sure the top is a number. */
			if ((--sp)->u.num == 0)
				ip = code + i->arg;
			break;
		case JX_OP_COND:
			if (not_number(&sp[-1], sp[-1], AT))
				ip = code + i->arg;
			break;
		case JX_OP_AND:
			if (not_number(&sp[-1], sp[-1], AT)) {
				ip = code + i->arg;
			} else if (sp[-1].u.num == 0) {
				sp[-1] = jx_val_number(0);
				ip = code + i->arg;
			} else {
				sp--;
			}
			break;
		case JX_OP_OR:
			if (not_number(&sp[-1], sp[-1], AT)) {
				ip = code + i->arg;
			} else if (sp[-1].u.num != 0) {
				sp[-1] = jx_val_number(1);
				ip = code + i->arg;
			} else {
				sp--;
			}
			break;
		case JX_OP_COALESCE:
			if (sp[-1].kind == JX_VAL_MISSING || sp[-1].kind == JX_VAL_UNDEF)
				sp--;
			else
				ip = code + i->arg;
			break;
		case JX_OP_RETURN:
			return sp[-1];
		default:
			return undef(JX_WHY_NONE, AT);
		}
	}
#undef AT
}

/* ---- reasons ---------------------------------------------------------- */

static int contains(const long *v, size_t n, long x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/* The source text of the first instruction `op` with operand `arg`. */
static int find_load(const jx_program *p, jx_opcode op, long arg, const char **s, int *len)
{
	for (size_t i = 0; i < p->n_code; i++) {
		if (p->code[i].op == op && p->code[i].arg == arg) {
			*s = p->source + p->srcs[i].off;
			*len = (int)p->srcs[i].len;
			return 1;
		}
	}
	return 0;
}

/* Drops one pair of parentheses (ASCII or full-width) enclosing the whole
 * of s[0, *len), if they match each other. */
static const char *strip_parens(const char *s, int *len)
{
	static const char fw_open[] = "\xEF\xBC\x88", fw_close[] = "\xEF\xBC\x89";
	int n = *len, ol, cl;
	if (n >= 2 && s[0] == '(')
		ol = 1;
	else if (n >= 3 && memcmp(s, fw_open, 3) == 0)
		ol = 3;
	else
		return s;
	if (s[n - 1] == ')')
		cl = 1;
	else if (n >= 3 && memcmp(s + n - 3, fw_close, 3) == 0)
		cl = 3;
	else
		return s;
	int depth = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] == '(' || (i + 3 <= n && memcmp(s + i, fw_open, 3) == 0))
			depth++;
		else if (s[i] == ')' || (i + 3 <= n && memcmp(s + i, fw_close, 3) == 0))
			depth--;
		if (depth == 0 && i < n - cl)
			return s; /* the first '(' closes before the end */
	}
	*len = n - ol - cl;
	return s + ol;
}

static int describe_undef(const jx_program *p, jx_val v, const jx_eval_input *in,
                          const char *const *var_names, char *buf, size_t size)
{
	if (v.at >= p->n_code)
		return snprintf(buf, size, "undefined value");
	const jx_insn_src *src = &p->srcs[v.at];
	const char *s = p->source + src->off;
	int len = (int)src->len;
	jx_opcode op = (jx_opcode)p->code[v.at].op;
	switch ((jx_why)v.why) {
	case JX_WHY_DIV_ZERO:
		if (src->aux_len) {
			int dl = (int)src->aux_len;
			const char *d = strip_parens(p->source + src->aux_off, &dl);
			return snprintf(buf, size, "division by zero in '%.*s' (%.*s = 0)", len, s,
			                dl, d);
		}
		return snprintf(buf, size, "division by zero in '%.*s'", len, s);
	case JX_WHY_DOMAIN:
		if (op == JX_OP_POW)
			return snprintf(buf, size,
			                "undefined power in '%.*s' (zero to a negative power, or "
			                "a negative number to a fractional power)",
			                len, s);
		if (op == JX_OP_ROUND)
			return snprintf(buf, size,
			                "invalid digits in '%.*s' (must be a whole number from 0 "
			                "to 15)",
			                len, s);
		if (op == JX_OP_CLAMP)
			return snprintf(buf, size,
			                "invalid bounds in '%.*s' (the lower bound is above the "
			                "upper bound)",
			                len, s);
		return snprintf(buf, size, "undefined result of '%.*s'", len, s);
	case JX_WHY_NOT_FINITE:
		return snprintf(buf, size, "result too large in '%.*s'", len, s);
	case JX_WHY_TEXT_IN_MATH:
		/* Name the word: a variable loaded inside the operation's span
		 * whose value is text. */
		for (size_t i = 0; in && (in->variables || in->batch) && i < v.at; i++) {
			const jx_insn_src *vs = &p->srcs[i];
			if (p->code[i].op != JX_OP_LOAD_VAR || vs->off < src->off ||
			    vs->off + vs->len > src->off + src->len)
				continue;
			jx_val x = variable(in, p->code[i].arg);
			if (x.kind != JX_VAL_TEXT || !x.u.text)
				continue;
			const char *name = var_names ? var_names[p->code[i].arg] : NULL;
			if (name)
				return snprintf(buf, size,
				                "a word used as a number in '%.*s' (%s = %s)", len,
				                s, name, x.u.text);
			return snprintf(buf, size, "a word used as a number in '%.*s' (%.*s = %s)",
			                len, s, (int)vs->len, p->source + vs->off, x.u.text);
		}
		return snprintf(buf, size, "a word used as a number in '%.*s'", len, s);
	default:
		return snprintf(buf, size, "undefined value");
	}
}

int jx_program_describe(const jx_program *p, jx_val v, const jx_eval_input *in,
                        const char *const *var_names, const char *const *ind_ids, char *buf,
                        size_t size)
{
	const char *s = NULL;
	int len = 0;
	if (!buf)
		size = 0;
	switch ((jx_val_kind)v.kind) {
	case JX_VAL_NUM:
		return jx_snprintf(buf, size, "%.15g", v.u.num);
	case JX_VAL_TEXT:
		return snprintf(buf, size, "%s", v.u.text ? v.u.text : "");
	case JX_VAL_MISSING:
	case JX_VAL_NA: {
		const char *what = v.kind == JX_VAL_NA ? "not applicable" : "missing value";
		if (p && (v.why == JX_WHY_MISSING_VAR || v.why == JX_WHY_NA) &&
		    contains(p->var_refs, p->n_var_refs, (long)v.at)) {
			if (var_names && var_names[v.at])
				return snprintf(buf, size, "%s: %s", what, var_names[v.at]);
			if (find_load(p, JX_OP_LOAD_VAR, (long)v.at, &s, &len))
				return snprintf(buf, size, "%s: %.*s", what, len, s);
		}
		if (v.why == JX_WHY_MISSING_IND)
			break;
		if (v.why == JX_WHY_MISSING_VAR)
			return snprintf(buf, size, "%s (variable #%u)", what, (unsigned)v.at);
		return snprintf(buf, size, "%s", what);
	}
	case JX_VAL_UNDEF:
		if (v.why == JX_WHY_UNDEF_IND)
			break;
		if (!p)
			return snprintf(buf, size, "undefined value");
		return describe_undef(p, v, in, var_names, buf, size);
	default:
		return snprintf(buf, size, "unknown value");
	}
	/* Missing or undefined because an indicator it depends on is. */
	const char *state = v.kind == JX_VAL_MISSING ? "missing" : "undefined";
	if (p && contains(p->ind_refs, p->n_ind_refs, (long)v.at)) {
		if (ind_ids && ind_ids[v.at])
			return snprintf(buf, size, "depends on indicator '%s', which is %s",
			                ind_ids[v.at], state);
		if (find_load(p, JX_OP_LOAD_IND, (long)v.at, &s, &len) && len > 10)
			return snprintf(buf, size, "depends on indicator '%.*s', which is %s",
			                len - 10, s + 10, state);
	}
	return snprintf(buf, size, "depends on indicator #%u, which is %s", (unsigned)v.at, state);
}
