/*
 * expr_parse.c - recursive-descent parser for expressions (docs/rules.md),
 * producing the AST of expr_internal.h with every name resolved.
 *
 * Precedence, lowest first:
 *   or ||          left, n-ary chain
 *   and &&         left, n-ary chain
 *   not !          prefix (as in Python: `not a < b` is `not (a < b)`)
 *   < <= > >= == !=  not chainable (`0 < x < 1` is an error)
 *   + -            left, n-ary chain
 *   * /            left, n-ary chain
 *   - +            prefix
 *   ^              right (`2^3^2` = 2^9; `-2^2` = -4; `2^-1` = 0.5)
 *   number, name, name(args), (expr)
 *
 * Left-associative runs are kept as one n-ary node, so the AST's height (and
 * with it the compiler's recursion) is bounded by the nesting depth, which is
 * counted and capped at JX_EXPR_MAX_DEPTH: hostile input cannot overflow the
 * C stack.
 */
#include <string.h>

#include "expr_internal.h"

typedef struct {
	jx_lexer lx;
	jx_token tok; /* the current (not yet consumed) token */
	const jx_expr_env *env;
	jx_arena *arena;
	jx_expr_error *err;
	unsigned depth;
} parser;

static const struct {
	const char *name;
	jx_fn fn;
	unsigned min_args, max_args; /* max 0 = any */
} functions[] = {
    {"min", JX_FN_MIN, 1, 0},           {"max", JX_FN_MAX, 1, 0},     {"abs", JX_FN_ABS, 1, 1},
    {"round", JX_FN_ROUND, 1, 2},       {"clamp", JX_FN_CLAMP, 3, 3}, {"if", JX_FN_IF, 3, 3},
    {"coalesce", JX_FN_COALESCE, 2, 0}, {"sum", JX_FN_SUM, 1, 0},     {"avg", JX_FN_AVG, 1, 0},
};

static jx_node *parse_or(parser *ps);

static int advance(parser *ps)
{
	return jx_lex_next(&ps->lx, &ps->tok, ps->err);
}

static jx_node *new_node(parser *ps, jx_node_kind kind, size_t off, size_t end)
{
	jx_node *n = jx_arena_alloc(ps->arena, sizeof(*n));
	if (!n) {
		jx_expr_seterr(ps->err, off, "out of memory");
		return NULL;
	}
	n->kind = (uint8_t)kind;
	n->off = n->ioff = (uint32_t)off;
	n->len = n->ilen = (uint32_t)(end - off);
	return n;
}

static size_t end_of(const jx_node *n)
{
	return (size_t)n->off + n->len;
}

static int enter(parser *ps)
{
	if (++ps->depth > JX_EXPR_MAX_DEPTH) {
		jx_expr_seterr(ps->err, ps->tok.off, "expression nested too deeply (limit %u)",
		               JX_EXPR_MAX_DEPTH);
		return -1;
	}
	return 0;
}

/* Message for a token that cannot start or continue an expression here. */
static void unexpected(parser *ps, const char *wanted)
{
	const jx_token *t = &ps->tok;
	if (t->kind == JX_T_EOF)
		jx_expr_seterr(ps->err, t->off, "expected %s, found end of expression", wanted);
	else
		jx_expr_seterr(ps->err, t->off, "expected %s, found '%.*s'", wanted, (int)t->len,
		               ps->lx.src + t->off);
}

/* Resolves a name token (not followed by '('): local, indicator.<id>, or
 * variable. */
static jx_node *resolve_name(parser *ps, size_t off, size_t len)
{
	const char *s = ps->lx.src + off;
	const jx_expr_env *env = ps->env;
	if (len >= 9 && memcmp(s, "indicator", 9) == 0 && (len == 9 || s[9] == '.')) {
		if (len == 9) {
			jx_expr_seterr(ps->err, off, "'indicator' must be followed by '.<id>'");
			return NULL;
		}
		long idx = env && env->indicator ? env->indicator(env->ctx, s + 10, len - 10) : -1;
		if (idx < 0 || idx > INT32_MAX) {
			jx_expr_seterr(ps->err, off, "unknown indicator '%.*s'", (int)(len - 10),
			               s + 10);
			return NULL;
		}
		jx_node *n = new_node(ps, JX_N_IND, off, off + len);
		if (n)
			n->index = idx;
		return n;
	}
	if (env && env->locals) {
		for (long i = 0; env->locals[i]; i++) {
			if (strlen(env->locals[i]) == len && memcmp(env->locals[i], s, len) == 0) {
				jx_node *n = new_node(ps, JX_N_LOCAL, off, off + len);
				if (n)
					n->index = i;
				return n;
			}
		}
	}
	long slot = env && env->variable ? env->variable(env->ctx, s, len) : -1;
	if (slot < 0 || slot > INT32_MAX) {
		jx_expr_seterr(ps->err, off, "unknown variable '%.*s'", (int)len, s);
		return NULL;
	}
	jx_node *n = new_node(ps, JX_N_VAR, off, off + len);
	if (n)
		n->index = slot;
	return n;
}

static jx_node *parse_call(parser *ps, size_t off, size_t len)
{
	const char *s = ps->lx.src + off;
	size_t f;
	for (f = 0; f < sizeof(functions) / sizeof(functions[0]); f++)
		if (strlen(functions[f].name) == len && memcmp(functions[f].name, s, len) == 0)
			break;
	if (f == sizeof(functions) / sizeof(functions[0])) {
		jx_expr_seterr(ps->err, off, "unknown function '%.*s'", (int)len, s);
		return NULL;
	}
	if (advance(ps)) /* the '(' */
		return NULL;
	jx_node *call = new_node(ps, JX_N_CALL, off, off + len);
	if (!call)
		return NULL;
	call->op = (uint8_t)functions[f].fn;
	jx_node **tail = &call->kids;
	if (ps->tok.kind != JX_T_RPAREN) {
		for (;;) {
			jx_node *arg = parse_or(ps);
			if (!arg)
				return NULL;
			*tail = arg;
			tail = &arg->next;
			call->nkids++;
			if (ps->tok.kind == JX_T_COMMA) {
				if (advance(ps))
					return NULL;
				continue;
			}
			if (ps->tok.kind != JX_T_RPAREN) {
				unexpected(ps, "',' or ')'");
				return NULL;
			}
			break;
		}
	}
	size_t end = ps->tok.off + ps->tok.len;
	if (advance(ps)) /* the ')' */
		return NULL;
	unsigned lo = functions[f].min_args, hi = functions[f].max_args;
	if (call->nkids < lo || (hi && call->nkids > hi)) {
		if (lo == hi)
			jx_expr_seterr(ps->err, off, "'%s' takes %u argument%s, got %u",
			               functions[f].name, lo, lo == 1 ? "" : "s", call->nkids);
		else if (!hi)
			jx_expr_seterr(ps->err, off, "'%s' needs at least %u argument%s, got %u",
			               functions[f].name, lo, lo == 1 ? "" : "s", call->nkids);
		else
			jx_expr_seterr(ps->err, off, "'%s' takes %u to %u arguments, got %u",
			               functions[f].name, lo, hi, call->nkids);
		return NULL;
	}
	call->len = call->ilen = (uint32_t)(end - off);
	return call;
}

static jx_node *parse_primary(parser *ps)
{
	jx_token t = ps->tok;
	switch (t.kind) {
	case JX_T_NUM: {
		jx_node *n = new_node(ps, JX_N_NUM, t.off, t.off + t.len);
		if (!n || advance(ps))
			return NULL;
		n->num = t.num;
		return n;
	}
	case JX_T_NAME:
		if (advance(ps))
			return NULL;
		if (ps->tok.kind == JX_T_LPAREN)
			return parse_call(ps, t.off, t.len);
		return resolve_name(ps, t.off, t.len);
	case JX_T_LPAREN: {
		if (advance(ps))
			return NULL;
		jx_node *n = parse_or(ps);
		if (!n)
			return NULL;
		if (ps->tok.kind != JX_T_RPAREN) {
			unexpected(ps, "')'");
			return NULL;
		}
		n->off = (uint32_t)t.off;
		n->len = (uint32_t)(ps->tok.off + ps->tok.len - t.off);
		if (advance(ps))
			return NULL;
		return n;
	}
	default:
		unexpected(ps, "a number, a name or '('");
		return NULL;
	}
}

static jx_node *parse_unary(parser *ps);

/* primary [^ unary] */
static jx_node *parse_power(parser *ps)
{
	jx_node *base = parse_primary(ps);
	if (!base || ps->tok.kind != JX_T_CARET)
		return base;
	if (advance(ps) || enter(ps))
		return NULL;
	jx_node *exp = parse_unary(ps);
	if (!exp)
		return NULL;
	ps->depth--;
	jx_node *n = new_node(ps, JX_N_BINARY, base->off, end_of(exp));
	if (!n)
		return NULL;
	n->op = JX_OP_POW;
	n->a = base;
	n->b = exp;
	return n;
}

static jx_node *parse_unary(parser *ps)
{
	jx_token t = ps->tok;
	if (t.kind != JX_T_MINUS && t.kind != JX_T_PLUS)
		return parse_power(ps);
	if (enter(ps) || advance(ps))
		return NULL;
	jx_node *x = parse_unary(ps);
	if (!x)
		return NULL;
	ps->depth--;
	jx_node *res = new_node(ps, JX_N_UNARY, t.off, end_of(x));
	if (!res)
		return NULL;
	res->op = t.kind == JX_T_MINUS ? JX_OP_NEG : JX_OP_TO_NUM;
	res->a = x;
	return res;
}

/* A left-associative run over the operators in `ops` (token -> opcode). */
static jx_node *parse_chain(parser *ps, jx_node *(*sub)(parser *), jx_tok_kind t1, jx_opcode op1,
                            jx_tok_kind t2, jx_opcode op2)
{
	jx_node *first = sub(ps);
	if (!first || (ps->tok.kind != t1 && ps->tok.kind != t2))
		return first;
	jx_node *chain = new_node(ps, JX_N_CHAIN, first->off, end_of(first));
	if (!chain)
		return NULL;
	chain->kids = first;
	chain->nkids = 1;
	jx_node *last = first;
	while (ps->tok.kind == t1 || ps->tok.kind == t2) {
		jx_opcode op = ps->tok.kind == t1 ? op1 : op2;
		if (advance(ps))
			return NULL;
		jx_node *rhs = sub(ps);
		if (!rhs)
			return NULL;
		rhs->join_op = (uint8_t)op;
		last->next = rhs;
		last = rhs;
		chain->nkids++;
	}
	chain->len = chain->ilen = (uint32_t)(end_of(last) - chain->off);
	return chain;
}

static jx_node *parse_mul(parser *ps)
{
	return parse_chain(ps, parse_unary, JX_T_STAR, JX_OP_MUL, JX_T_SLASH, JX_OP_DIV);
}

static jx_node *parse_add(parser *ps)
{
	return parse_chain(ps, parse_mul, JX_T_PLUS, JX_OP_ADD, JX_T_MINUS, JX_OP_SUB);
}

static int comparison_op(jx_tok_kind k, jx_opcode *op)
{
	switch (k) {
	case JX_T_LT:
		*op = JX_OP_LT;
		return 1;
	case JX_T_LE:
		*op = JX_OP_LE;
		return 1;
	case JX_T_GT:
		*op = JX_OP_GT;
		return 1;
	case JX_T_GE:
		*op = JX_OP_GE;
		return 1;
	case JX_T_EQ:
		*op = JX_OP_EQ;
		return 1;
	case JX_T_NE:
		*op = JX_OP_NE;
		return 1;
	default:
		return 0;
	}
}

static jx_node *parse_cmp(parser *ps)
{
	jx_node *lhs = parse_add(ps);
	jx_opcode op;
	if (!lhs || !comparison_op(ps->tok.kind, &op))
		return lhs;
	if (advance(ps))
		return NULL;
	jx_node *rhs = parse_add(ps);
	if (!rhs)
		return NULL;
	jx_opcode op2;
	if (comparison_op(ps->tok.kind, &op2)) {
		jx_expr_seterr(ps->err, ps->tok.off,
		               "comparisons cannot be chained; write 'a < b and b < c'");
		return NULL;
	}
	jx_node *n = new_node(ps, JX_N_BINARY, lhs->off, end_of(rhs));
	if (!n)
		return NULL;
	n->op = (uint8_t)op;
	n->a = lhs;
	n->b = rhs;
	return n;
}

static jx_node *parse_not(parser *ps)
{
	if (ps->tok.kind != JX_T_NOT)
		return parse_cmp(ps);
	if (enter(ps))
		return NULL;
	size_t off = ps->tok.off;
	if (advance(ps))
		return NULL;
	jx_node *x = parse_not(ps);
	if (!x)
		return NULL;
	ps->depth--;
	jx_node *n = new_node(ps, JX_N_UNARY, off, end_of(x));
	if (!n)
		return NULL;
	n->op = JX_OP_NOT;
	n->a = x;
	return n;
}

static jx_node *parse_logic(parser *ps, jx_node *(*sub)(parser *), jx_tok_kind tk,
                            jx_node_kind kind)
{
	jx_node *first = sub(ps);
	if (!first || ps->tok.kind != tk)
		return first;
	jx_node *n = new_node(ps, kind, first->off, end_of(first));
	if (!n)
		return NULL;
	n->kids = first;
	n->nkids = 1;
	jx_node *last = first;
	while (ps->tok.kind == tk) {
		if (advance(ps))
			return NULL;
		jx_node *rhs = sub(ps);
		if (!rhs)
			return NULL;
		last->next = rhs;
		last = rhs;
		n->nkids++;
	}
	n->len = n->ilen = (uint32_t)(end_of(last) - n->off);
	return n;
}

static jx_node *parse_and(parser *ps)
{
	return parse_logic(ps, parse_not, JX_T_AND, JX_N_AND);
}

static jx_node *parse_or(parser *ps)
{
	if (enter(ps))
		return NULL;
	jx_node *n = parse_logic(ps, parse_and, JX_T_OR, JX_N_OR);
	ps->depth--;
	return n;
}

jx_node *jx_expr_parse(jx_arena *arena, const char *src, size_t len, const jx_expr_env *env,
                       jx_expr_error *err)
{
	if (len > JX_EXPR_MAX_SOURCE) {
		jx_expr_seterr(err, JX_EXPR_MAX_SOURCE,
		               "expression too long (%zu bytes; the limit is %u)", len,
		               JX_EXPR_MAX_SOURCE);
		return NULL;
	}
	parser ps = {.lx = {src, len, 0}, .env = env, .arena = arena, .err = err};
	if (advance(&ps))
		return NULL;
	if (ps.tok.kind == JX_T_EOF) {
		jx_expr_seterr(err, ps.tok.off, "empty expression");
		return NULL;
	}
	jx_node *root = parse_or(&ps);
	if (!root)
		return NULL;
	if (ps.tok.kind != JX_T_EOF) {
		if (ps.tok.kind == JX_T_RPAREN)
			jx_expr_seterr(err, ps.tok.off, "unmatched ')'");
		else
			unexpected(&ps, "an operator");
		return NULL;
	}
	return root;
}
