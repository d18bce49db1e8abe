/*
 * opcodes.h - the expression bytecode, one line per opcode (jq's opcode_list.h).
 *
 * Each entry is JX_OPCODE(name, operands, pops, pushes, doc). The compiler
 * uses the stack effect to compute a program's maximum stack depth, the VM
 * (engine/evaluate/vm.c) implements each case, and the disassembler prints
 * the name. For the jumping opcodes the stack effect is the fall-through
 * path's; the doc says what the jumping path leaves.
 *
 * Values that are not numbers (missing, undefined, n/a) pass through every
 * operation: the result is the first such operand in evaluation order. A word
 * (TEXT) used where a number is needed becomes undefined (TEXT_IN_MATH, at =
 * this instruction). An arithmetic result that is not finite becomes
 * undefined (NOT_FINITE, at = this instruction).
 *
 * No include guard: include after defining JX_OPCODE, which is undefined here.
 */

/* clang-format off */
JX_OPCODE(CONST,      1, 0, 1, "push the constant consts[arg]")
JX_OPCODE(LOAD_VAR,   1, 0, 1, "push variable slot arg; missing gets why MISSING_VAR, at = slot")
JX_OPCODE(LOAD_IND,   1, 0, 1, "push indicator arg's value; missing/undefined become MISSING_IND/UNDEF_IND, at = arg")
JX_OPCODE(LOAD_LOCAL, 1, 0, 1, "push local arg (the expr method's a, t, w, c)")
JX_OPCODE(NEG,        0, 1, 1, "-x")
JX_OPCODE(NOT,        0, 1, 1, "1 if x is 0, else 0")
JX_OPCODE(BOOL,       0, 1, 1, "0 if x is 0, else 1")
JX_OPCODE(TO_NUM,     0, 1, 1, "x unchanged if a number (unary +, one-argument sum/min/max)")
JX_OPCODE(ADD,        0, 2, 1, "x + y")
JX_OPCODE(SUB,        0, 2, 1, "x - y")
JX_OPCODE(MUL,        0, 2, 1, "x * y")
JX_OPCODE(DIV,        0, 2, 1, "x / y; y = 0 gives undefined DIV_ZERO")
JX_OPCODE(POW,        0, 2, 1, "x ^ y; 0^negative or negative^fraction gives undefined DOMAIN")
JX_OPCODE(LT,         0, 2, 1, "1 if x < y, else 0")
JX_OPCODE(LE,         0, 2, 1, "1 if x <= y, else 0")
JX_OPCODE(GT,         0, 2, 1, "1 if x > y, else 0")
JX_OPCODE(GE,         0, 2, 1, "1 if x >= y, else 0")
JX_OPCODE(EQ,         0, 2, 1, "1 if x == y (exactly), else 0")
JX_OPCODE(NE,         0, 2, 1, "1 if x != y, else 0")
JX_OPCODE(MIN,        0, 2, 1, "the smaller of x and y")
JX_OPCODE(MAX,        0, 2, 1, "the larger of x and y")
JX_OPCODE(ABS,        0, 1, 1, "|x|")
JX_OPCODE(ROUND,      0, 2, 1, "x rounded half away from zero to n decimals, n whole in [0, 15] (else DOMAIN)")
JX_OPCODE(CLAMP,      0, 3, 1, "x limited to [lo, hi]; lo > hi gives undefined DOMAIN")
JX_OPCODE(JUMP,       1, 0, 0, "continue at arg")
JX_OPCODE(JUMP_FALSE, 1, 1, 0, "pop the number c; continue at arg if c is 0")
JX_OPCODE(COND,       1, 0, 0, "if the top is not a number, leave it (a word becomes undefined) and continue at arg")
JX_OPCODE(AND,        1, 1, 0, "top not a number or 0: leave it (0, or the state) and continue at arg; else pop")
JX_OPCODE(OR,         1, 1, 0, "top not a number: leave it, continue at arg; nonzero: leave 1, continue at arg; else pop")
JX_OPCODE(COALESCE,   1, 1, 0, "top missing or undefined: pop it; else leave it and continue at arg")
JX_OPCODE(RETURN,     0, 1, 0, "the top is the result")
/* clang-format on */

#undef JX_OPCODE
