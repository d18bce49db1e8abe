/*
 * expr_internal.h - private structures shared by the expression lexer,
 * parser, compiler, disassembler and VM (see expr.h for the public side).
 *
 * Pipeline: expr_lex.c (bytes -> tokens) -> expr_parse.c (tokens -> AST,
 * names resolved through jx_expr_env) -> expr_compile.c (AST -> folded AST
 * -> bytecode in one malloc'd jx_program) -> vm.c (evaluation) and
 * expr_dump.c (listing).
 */
#ifndef JX_EXPR_INTERNAL_H
#define JX_EXPR_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/arena.h"
#include "expr.h"

#define JX_EXPR_MAX_SOURCE 65536u /* bytes of source an expression may have */
#define JX_EXPR_MAX_DEPTH  256u   /* nesting: parentheses, calls, unary operators, ^ */
#define JX_EXPR_MAX_STACK  256u   /* VM stack slots (on the C stack, 4 KiB) */

/* ---- opcodes -------------------------------------------------------- */

typedef enum {
#define JX_OPCODE(name, operands, pops, pushes, doc) JX_OP_##name,
#include "opcodes.h"
	JX_OP_COUNT_
} jx_opcode;

typedef struct {
	const char *name;
	int operands; /* 0 or 1 */
	int pops;
	int pushes;
	const char *doc;
} jx_opcode_info;

/* Indexed by jx_opcode (defined in expr_dump.c). */
extern const jx_opcode_info jx_opcode_table[JX_OP_COUNT_];

typedef struct {
	uint8_t op; /* jx_opcode */
	uint8_t pad[3];
	int32_t arg; /* slot, index, constant index or jump target */
} jx_insn;

/* Where an instruction came from, as byte offsets into the program's source
 * (so describe can quote the operation). */
typedef struct {
	uint32_t off, len;         /* the operation, e.g. "a / b" */
	uint32_t aux_off, aux_len; /* DIV: the divisor "b"; otherwise 0 */
} jx_insn_src;

/* One malloc holds the struct and every array after it. */
struct jx_program {
	const jx_insn *code;     /* n_code instructions, the last is RETURN */
	const jx_insn_src *srcs; /* n_code spans, parallel to code */
	const double *consts;    /* n_consts */
	const long *var_refs;    /* distinct variable slots, first-use order */
	const long *ind_refs;    /* distinct indicator indices, first-use order */
	const char *source;      /* source_len bytes + NUL */
	size_t n_code, n_consts, n_var_refs, n_ind_refs, source_len;
	unsigned max_stack; /* stack slots the VM needs, <= JX_EXPR_MAX_STACK */
};

/* ---- tokens --------------------------------------------------------- */

typedef enum {
	JX_T_EOF = 0,
	JX_T_NUM,
	JX_T_NAME,
	JX_T_LPAREN,
	JX_T_RPAREN,
	JX_T_COMMA,
	JX_T_PLUS,
	JX_T_MINUS,
	JX_T_STAR,
	JX_T_SLASH,
	JX_T_CARET,
	JX_T_LT,
	JX_T_LE,
	JX_T_GT,
	JX_T_GE,
	JX_T_EQ,
	JX_T_NE,
	JX_T_AND,
	JX_T_OR,
	JX_T_NOT
} jx_tok_kind;

typedef struct {
	jx_tok_kind kind;
	size_t off, len; /* bytes of the token in the source */
	double num;      /* JX_T_NUM, with % and ‰ applied */
} jx_token;

typedef struct {
	const char *src;
	size_t len;
	size_t pos;
} jx_lexer;

/* Reads the next token. Returns 0, or -1 with *err filled. */
int jx_lex_next(jx_lexer *lx, jx_token *out, jx_expr_error *err);
/* Fills err with offset and a printf message. */
void jx_expr_seterr(jx_expr_error *err, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- AST ------------------------------------------------------------ */

typedef enum {
	JX_N_NUM = 0, /* num */
	JX_N_VAR,     /* index = slot */
	JX_N_IND,     /* index = indicator index */
	JX_N_LOCAL,   /* index = position in env->locals */
	JX_N_UNARY,   /* op (NEG, NOT, TO_NUM) applied to a */
	JX_N_BINARY,  /* op (comparison) on a, b */
	JX_N_CHAIN,   /* left-associative a op1 b op2 c ...: kids, each kid's join_op */
	JX_N_AND,     /* kids joined by and */
	JX_N_OR,      /* kids joined by or */
	JX_N_CALL     /* fn applied to kids */
} jx_node_kind;

typedef enum {
	JX_FN_MIN = 0,
	JX_FN_MAX,
	JX_FN_ABS,
	JX_FN_ROUND,
	JX_FN_CLAMP,
	JX_FN_IF,
	JX_FN_COALESCE,
	JX_FN_SUM,
	JX_FN_AVG
} jx_fn;

typedef struct jx_node jx_node;
struct jx_node {
	uint8_t kind;        /* jx_node_kind */
	uint8_t op;          /* JX_N_UNARY / JX_N_BINARY: jx_opcode; JX_N_CALL: jx_fn */
	uint8_t join_op;     /* as a JX_N_CHAIN kid after the first: ADD SUB MUL DIV */
	uint32_t off, len;   /* span including any parentheses around the node */
	uint32_t ioff, ilen; /* span without them: what messages quote */
	double num;          /* JX_N_NUM */
	long index;          /* JX_N_VAR / JX_N_IND / JX_N_LOCAL */
	jx_node *a, *b;      /* JX_N_UNARY (a), JX_N_BINARY (a, b) */
	jx_node *kids;       /* JX_N_CHAIN / AND / OR / CALL: first operand */
	jx_node *next;       /* next sibling in a kids list */
	unsigned nkids;
};

/* Parses src into an AST allocated from arena, resolving names through env
 * (which may be NULL). Returns the root, or NULL with *err filled. */
jx_node *jx_expr_parse(jx_arena *arena, const char *src, size_t len, const jx_expr_env *env,
                       jx_expr_error *err);

/* ---- evaluation helpers shared by the VM and constant folding ------- */

/* Executes one pure opcode (NEG .. CLAMP) on args (count = its pops);
 * `at` goes into any undefined result. Defined in vm.c. */
jx_val jx_vm_apply(jx_opcode op, const jx_val *args, uint32_t at);

/* The stack that jx_program_eval uses (exposed for tests). */
static inline unsigned jx_program_max_stack(const jx_program *p)
{
	return p ? p->max_stack : 0;
}

#endif
