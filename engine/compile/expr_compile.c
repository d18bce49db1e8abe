/*
 * expr_compile.c - expression AST -> bytecode (opcodes.h), with constant
 * folding and the stack depth computed, into one immutable jx_program.
 *
 * Folding evaluates pure constant subexpressions with the VM's own
 * operations (jx_vm_apply), so a folded value is exactly what the VM would
 * have computed. A constant subexpression whose value is not a number (1/0,
 * 0^-1) is left unfolded, so that the run-time reason names the operation.
 * if() with a constant condition keeps only the branch taken; coalesce()
 * whose first argument is a constant is that constant. The variable and
 * indicator references are collected before folding, so a branch folded
 * away still counts for cycle detection.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "expr_internal.h"

typedef struct {
	struct {
		jx_insn *items;
		size_t n, cap;
	} code;
	struct {
		jx_insn_src *items;
		size_t n, cap;
	} srcs;
	struct {
		double *items;
		size_t n, cap;
	} consts;
	struct {
		long *items;
		size_t n, cap;
	} vars, inds;
	unsigned depth, max_depth;
	size_t base; /* offset of the program's source in the parsed text */
	int oom;
} compiler;

/* ---- references ------------------------------------------------------ */

static int add_ref(compiler *c, long **items, size_t *n, size_t *cap, long v)
{
	for (size_t i = 0; i < *n; i++)
		if ((*items)[i] == v)
			return 0;
	if (jx_vec_grow((void **)items, cap, *n, sizeof(long)))
		return c->oom = 1, -1;
	(*items)[(*n)++] = v;
	return 0;
}

/* Pre-order, children left to right: source order, so first-use order. */
static void collect_refs(compiler *c, const jx_node *n)
{
	switch ((jx_node_kind)n->kind) {
	case JX_N_VAR:
		add_ref(c, &c->vars.items, &c->vars.n, &c->vars.cap, n->index);
		return;
	case JX_N_IND:
		add_ref(c, &c->inds.items, &c->inds.n, &c->inds.cap, n->index);
		return;
	case JX_N_NUM:
	case JX_N_LOCAL:
		return;
	case JX_N_UNARY:
		collect_refs(c, n->a);
		return;
	case JX_N_BINARY:
		collect_refs(c, n->a);
		collect_refs(c, n->b);
		return;
	case JX_N_CHAIN:
	case JX_N_AND:
	case JX_N_OR:
	case JX_N_CALL:
		for (const jx_node *k = n->kids; k; k = k->next)
			collect_refs(c, k);
		return;
	}
}

/* ---- constant folding ------------------------------------------------ */

static int is_num(const jx_node *n)
{
	return n->kind == JX_N_NUM;
}

/* Applies op to numbers; 0 with *out on a number result, -1 otherwise. */
static int apply(jx_opcode op, const double *x, double *out)
{
	jx_val args[3] = {jx_val_number(x[0]), jx_val_number(x[1]), jx_val_number(x[2])};
	jx_val r = jx_vm_apply(op, args, 0);
	if (r.kind != JX_VAL_NUM)
		return -1;
	*out = r.u.num;
	return 0;
}

static void make_num(jx_node *n, double v)
{
	n->kind = JX_N_NUM;
	n->num = v;
}

/* Folds a call whose arguments are all numbers, the way compile_call would
 * evaluate it. */
static void fold_call(jx_node *n)
{
	double x[3] = {0, 0, 0}, acc;
	const jx_node *k = n->kids;
	jx_opcode op;
	switch ((jx_fn)n->op) {
	case JX_FN_ABS:
		x[0] = k->num;
		if (apply(JX_OP_ABS, x, &acc) == 0)
			make_num(n, acc);
		return;
	case JX_FN_ROUND:
		x[0] = k->num;
		x[1] = k->next ? k->next->num : 0;
		if (apply(JX_OP_ROUND, x, &acc) == 0)
			make_num(n, acc);
		return;
	case JX_FN_CLAMP:
		x[0] = k->num, x[1] = k->next->num, x[2] = k->next->next->num;
		if (apply(JX_OP_CLAMP, x, &acc) == 0)
			make_num(n, acc);
		return;
	case JX_FN_MIN:
		op = JX_OP_MIN;
		break;
	case JX_FN_MAX:
		op = JX_OP_MAX;
		break;
	case JX_FN_SUM:
	case JX_FN_AVG:
		op = JX_OP_ADD;
		break;
	default:
		return;
	}
	acc = k->num;
	for (k = k->next; k; k = k->next) {
		x[0] = acc, x[1] = k->num;
		if (apply(op, x, &acc))
			return;
	}
	if (n->op == JX_FN_AVG) {
		x[0] = acc, x[1] = n->nkids;
		if (apply(JX_OP_DIV, x, &acc))
			return;
	}
	make_num(n, acc);
}

static jx_node *fold(jx_node *n)
{
	double x[3] = {0, 0, 0}, r;
	switch ((jx_node_kind)n->kind) {
	case JX_N_NUM:
	case JX_N_VAR:
	case JX_N_IND:
	case JX_N_LOCAL:
		return n;
	case JX_N_UNARY:
		n->a = fold(n->a);
		if (is_num(n->a)) {
			x[0] = n->a->num;
			if (apply((jx_opcode)n->op, x, &r) == 0)
				make_num(n, r);
		}
		return n;
	case JX_N_BINARY:
		n->a = fold(n->a);
		n->b = fold(n->b);
		if (is_num(n->a) && is_num(n->b)) {
			x[0] = n->a->num, x[1] = n->b->num;
			if (apply((jx_opcode)n->op, x, &r) == 0)
				make_num(n, r);
		}
		return n;
	case JX_N_CHAIN: {
		jx_node **link = &n->kids;
		for (jx_node *k = n->kids; k; k = k->next) {
			jx_node *f = fold(k);
			f->join_op = k->join_op;
			f->next = k->next;
			*link = f;
			link = &f->next;
			k = f;
		}
		/* Fold the constant prefix (left-associative, so only a prefix). */
		jx_node *first = n->kids;
		while (first->next && is_num(first) && is_num(first->next)) {
			x[0] = first->num, x[1] = first->next->num;
			if (apply((jx_opcode)first->next->join_op, x, &r))
				break;
			first->num = r;
			first->next = first->next->next;
			n->nkids--;
		}
		if (n->nkids == 1)
			make_num(n, first->num);
		return n;
	}
	case JX_N_AND:
	case JX_N_OR: {
		int all = 1, any_true = 0, any_false = 0;
		jx_node **link = &n->kids;
		for (jx_node *k = n->kids; k; k = k->next) {
			jx_node *f = fold(k);
			f->next = k->next;
			*link = f;
			link = &f->next;
			k = f;
			if (!is_num(f))
				all = 0;
			else if (f->num != 0)
				any_true = 1;
			else
				any_false = 1;
		}
		if (all)
			make_num(n, n->kind == JX_N_AND ? !any_false : any_true);
		return n;
	}
	case JX_N_CALL: {
		int all = 1;
		jx_node **link = &n->kids;
		for (jx_node *k = n->kids; k; k = k->next) {
			jx_node *f = fold(k);
			f->next = k->next;
			*link = f;
			link = &f->next;
			k = f;
			all &= is_num(f);
		}
		if (n->op == JX_FN_IF && is_num(n->kids)) {
			jx_node *taken = n->kids->num != 0 ? n->kids->next : n->kids->next->next;
			taken->next = NULL;
			return taken;
		}
		if (n->op == JX_FN_COALESCE && is_num(n->kids)) {
			n->kids->next = NULL;
			return n->kids;
		}
		if (all)
			fold_call(n);
		return n;
	}
	}
	return n;
}

/* ---- emission -------------------------------------------------------- */

static size_t emit(compiler *c, jx_opcode op, long arg, size_t off, size_t len, size_t aux_off,
                   size_t aux_len)
{
	jx_insn in = {.op = (uint8_t)op, .arg = (int32_t)arg};
	jx_insn_src s = {(uint32_t)(off - c->base), (uint32_t)len, 0, 0};
	if (aux_len)
		s.aux_off = (uint32_t)(aux_off - c->base), s.aux_len = (uint32_t)aux_len;
	if (JX_VEC_PUSH(c->code, in) || JX_VEC_PUSH(c->srcs, s)) {
		c->oom = 1;
		return 0;
	}
	const jx_opcode_info *info = &jx_opcode_table[op];
	c->depth = c->depth - (unsigned)info->pops + (unsigned)info->pushes;
	if (c->depth > c->max_depth)
		c->max_depth = c->depth;
	return c->code.n - 1;
}

static size_t emit_at(compiler *c, jx_opcode op, long arg, const jx_node *n)
{
	return emit(c, op, arg, n->ioff, n->ilen, 0, 0);
}

static void patch(compiler *c, size_t at)
{
	if (!c->oom)
		c->code.items[at].arg = (int32_t)c->code.n;
}

/* Jumps waiting for the same target are linked through their operands
 * (index + 1 of the previous one, 0 ends the list). */
static void patch_list(compiler *c, size_t pending)
{
	while (pending && !c->oom) {
		size_t at = pending - 1;
		pending = (size_t)c->code.items[at].arg;
		c->code.items[at].arg = (int32_t)c->code.n;
	}
}

static void emit_const(compiler *c, double v, const jx_node *n)
{
	size_t k;
	for (k = 0; k < c->consts.n; k++)
		if (memcmp(&c->consts.items[k], &v, sizeof(v)) == 0)
			break;
	if (k == c->consts.n && JX_VEC_PUSH(c->consts, v)) {
		c->oom = 1;
		return;
	}
	emit_at(c, JX_OP_CONST, (long)k, n);
}

static void compile_node(compiler *c, const jx_node *n);

static void compile_call(compiler *c, const jx_node *n)
{
	const jx_node *k = n->kids;
	jx_opcode op = JX_OP_ADD;
	switch ((jx_fn)n->op) {
	case JX_FN_ABS:
		compile_node(c, k);
		emit_at(c, JX_OP_ABS, 0, n);
		return;
	case JX_FN_ROUND:
		compile_node(c, k);
		if (k->next)
			compile_node(c, k->next);
		else
			emit_const(c, 0, n);
		emit_at(c, JX_OP_ROUND, 0, n);
		return;
	case JX_FN_CLAMP:
		for (; k; k = k->next)
			compile_node(c, k);
		emit_at(c, JX_OP_CLAMP, 0, n);
		return;
	case JX_FN_IF: {
		unsigned base = c->depth;
		compile_node(c, k);
		size_t cond = emit_at(c, JX_OP_COND, 0, n);
		size_t jf = emit_at(c, JX_OP_JUMP_FALSE, 0, n);
		compile_node(c, k->next);
		size_t jend = emit_at(c, JX_OP_JUMP, 0, n);
		patch(c, jf);
		c->depth = base;
		compile_node(c, k->next->next);
		patch(c, cond);
		patch(c, jend);
		return;
	}
	case JX_FN_COALESCE: {
		size_t pending = 0;
		for (; k->next; k = k->next) {
			compile_node(c, k);
			pending = emit_at(c, JX_OP_COALESCE, (long)pending, n) + 1;
		}
		compile_node(c, k);
		patch_list(c, pending);
		return;
	}
	case JX_FN_MIN:
		op = JX_OP_MIN;
		break;
	case JX_FN_MAX:
		op = JX_OP_MAX;
		break;
	case JX_FN_SUM:
	case JX_FN_AVG:
		op = JX_OP_ADD;
		break;
	}
	compile_node(c, k);
	if (!k->next && n->op != JX_FN_AVG)
		emit_at(c, JX_OP_TO_NUM, 0, n);
	for (k = k->next; k; k = k->next) {
		compile_node(c, k);
		emit_at(c, op, 0, n);
	}
	if (n->op == JX_FN_AVG) {
		emit_const(c, (double)n->nkids, n);
		emit_at(c, JX_OP_DIV, 0, n);
	}
}

static void compile_node(compiler *c, const jx_node *n)
{
	if (c->oom)
		return;
	switch ((jx_node_kind)n->kind) {
	case JX_N_NUM:
		emit_const(c, n->num, n);
		return;
	case JX_N_VAR:
		emit_at(c, JX_OP_LOAD_VAR, n->index, n);
		return;
	case JX_N_IND:
		emit_at(c, JX_OP_LOAD_IND, n->index, n);
		return;
	case JX_N_LOCAL:
		emit_at(c, JX_OP_LOAD_LOCAL, n->index, n);
		return;
	case JX_N_UNARY:
		compile_node(c, n->a);
		emit_at(c, (jx_opcode)n->op, 0, n);
		return;
	case JX_N_BINARY:
		compile_node(c, n->a);
		compile_node(c, n->b);
		emit_at(c, (jx_opcode)n->op, 0, n);
		return;
	case JX_N_CHAIN: {
		const jx_node *k = n->kids;
		compile_node(c, k);
		for (k = k->next; k; k = k->next) {
			compile_node(c, k);
			size_t end = (size_t)k->off + k->len;
			if (k->join_op == JX_OP_DIV)
				emit(c, JX_OP_DIV, 0, n->ioff, end - n->ioff, k->ioff, k->ilen);
			else
				emit(c, (jx_opcode)k->join_op, 0, n->ioff, end - n->ioff, 0, 0);
		}
		return;
	}
	case JX_N_AND:
	case JX_N_OR: {
		jx_opcode op = n->kind == JX_N_AND ? JX_OP_AND : JX_OP_OR;
		const jx_node *k = n->kids;
		size_t pending = 0;
		compile_node(c, k);
		for (k = k->next; k; k = k->next) {
			pending = emit_at(c, op, (long)pending, n) + 1;
			compile_node(c, k);
		}
		emit_at(c, JX_OP_BOOL, 0, n);
		patch_list(c, pending);
		return;
	}
	case JX_N_CALL:
		compile_call(c, n);
		return;
	}
}

/* ---- the program ----------------------------------------------------- */

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Compiles one AST (the whole expression or one side of a check) whose
 * source is src[base, base + len). */
static jx_program *build(jx_node *root, const char *src, size_t base, size_t len,
                         jx_expr_error *err)
{
	compiler c = {.base = base};
	jx_program *p = NULL;
	collect_refs(&c, root);
	root = fold(root);
	compile_node(&c, root);
	emit(&c, JX_OP_RETURN, 0, base, len, 0, 0);
	if (c.oom) {
		jx_expr_seterr(err, base, "out of memory");
		goto out;
	}
	if (c.max_depth > JX_EXPR_MAX_STACK) {
		jx_expr_seterr(err, base,
		               "expression too complex (needs %u stack slots; the limit is %u)",
		               c.max_depth, JX_EXPR_MAX_STACK);
		goto out;
	}
	size_t sz = align8(sizeof(jx_program));
	size_t o_consts = sz;
	sz += c.consts.n * sizeof(double);
	size_t o_vars = sz;
	sz += c.vars.n * sizeof(long);
	size_t o_inds = sz;
	sz += c.inds.n * sizeof(long);
	size_t o_code = sz;
	sz += c.code.n * sizeof(jx_insn);
	size_t o_srcs = sz;
	sz += c.srcs.n * sizeof(jx_insn_src);
	size_t o_source = sz;
	sz += len + 1;
	char *mem = malloc(sz);
	if (!mem) {
		jx_expr_seterr(err, base, "out of memory");
		goto out;
	}
	p = (jx_program *)mem;
	if (c.consts.n)
		memcpy(mem + o_consts, c.consts.items, c.consts.n * sizeof(double));
	if (c.vars.n)
		memcpy(mem + o_vars, c.vars.items, c.vars.n * sizeof(long));
	if (c.inds.n)
		memcpy(mem + o_inds, c.inds.items, c.inds.n * sizeof(long));
	memcpy(mem + o_code, c.code.items, c.code.n * sizeof(jx_insn));
	memcpy(mem + o_srcs, c.srcs.items, c.srcs.n * sizeof(jx_insn_src));
	if (len)
		memcpy(mem + o_source, src + base, len);
	mem[o_source + len] = '\0';
	p->consts = (const double *)(void *)(mem + o_consts);
	p->var_refs = (const long *)(void *)(mem + o_vars);
	p->ind_refs = (const long *)(void *)(mem + o_inds);
	p->code = (const jx_insn *)(void *)(mem + o_code);
	p->srcs = (const jx_insn_src *)(void *)(mem + o_srcs);
	p->source = mem + o_source;
	p->n_code = c.code.n;
	p->n_consts = c.consts.n;
	p->n_var_refs = c.vars.n;
	p->n_ind_refs = c.inds.n;
	p->source_len = len;
	p->max_stack = c.max_depth;
out:
	free(c.code.items);
	free(c.srcs.items);
	free(c.consts.items);
	free(c.vars.items);
	free(c.inds.items);
	return p;
}

static jx_expr_error *err_or_scratch(jx_expr_error *err, jx_expr_error *scratch)
{
	return err ? err : scratch;
}

int jx_expr_compile(jx_program **out, const char *src, size_t len, const jx_expr_env *env,
                    jx_expr_error *err)
{
	jx_expr_error scratch;
	err = err_or_scratch(err, &scratch);
	if (!out || (!src && len)) {
		jx_expr_seterr(err, 0, "invalid argument");
		if (out)
			*out = NULL;
		return -1;
	}
	*out = NULL;
	if (!src)
		src = "";
	jx_arena *arena = jx_arena_new();
	if (!arena) {
		jx_expr_seterr(err, 0, "out of memory");
		return -1;
	}
	jx_node *root = jx_expr_parse(arena, src, len, env, err);
	if (root)
		*out = build(root, src, 0, len, err);
	jx_arena_free(arena);
	return *out ? 0 : -1;
}

int jx_expr_compile_check(jx_program **lhs, jx_program **rhs, const char **cmp, const char *src,
                          size_t len, const jx_expr_env *env, jx_expr_error *err)
{
	jx_expr_error scratch;
	err = err_or_scratch(err, &scratch);
	if (lhs)
		*lhs = NULL;
	if (rhs)
		*rhs = NULL;
	if (cmp)
		*cmp = NULL;
	if (!lhs || !rhs || !cmp || (!src && len)) {
		jx_expr_seterr(err, 0, "invalid argument");
		return -1;
	}
	if (!src)
		src = "";
	int rc = -1;
	jx_arena *arena = jx_arena_new();
	if (!arena) {
		jx_expr_seterr(err, 0, "out of memory");
		return -1;
	}
	jx_node *root = jx_expr_parse(arena, src, len, env, err);
	if (!root)
		goto out;
	if (root->kind == JX_N_BINARY) {
		static const char *const names[] = {
		    [JX_OP_LT] = "<",  [JX_OP_LE] = "<=", [JX_OP_GT] = ">",
		    [JX_OP_GE] = ">=", [JX_OP_EQ] = "==", [JX_OP_NE] = "!=",
		};
		if (root->op < sizeof(names) / sizeof(names[0]) && names[root->op]) {
			jx_node *a = root->a, *b = root->b;
			*lhs = build(a, src, a->ioff, a->ilen, err);
			if (!*lhs)
				goto out;
			*rhs = build(b, src, b->ioff, b->ilen, err);
			if (!*rhs) {
				jx_program_free(*lhs);
				*lhs = NULL;
				goto out;
			}
			*cmp = names[root->op];
			rc = 0;
			goto out;
		}
	}
	*lhs = build(root, src, 0, len, err);
	rc = *lhs ? 0 : -1;
out:
	jx_arena_free(arena);
	return rc;
}

void jx_program_free(jx_program *p)
{
	free(p);
}

int jx_program_is_variable(const jx_program *p, long *slot)
{
	if (!p || p->n_code != 2 || p->code[0].op != JX_OP_LOAD_VAR)
		return 0;
	if (slot)
		*slot = p->code[0].arg;
	return 1;
}

size_t jx_program_indicator_refs(const jx_program *p, const long **out)
{
	if (out)
		*out = p ? p->ind_refs : NULL;
	return p ? p->n_ind_refs : 0;
}

size_t jx_program_variable_refs(const jx_program *p, const long **out)
{
	if (out)
		*out = p ? p->var_refs : NULL;
	return p ? p->n_var_refs : 0;
}

const char *jx_program_source(const jx_program *p)
{
	return p ? p->source : "";
}
