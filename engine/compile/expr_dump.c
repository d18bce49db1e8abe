/*
 * expr_dump.c - the opcode table and the disassembler (jx_program_dump).
 *
 * Listing format, one instruction per line, stable (golden files depend on
 * it):
 *
 *   NNNN  NAME                          no operand
 *   NNNN  NAME       ARG                jumps (ARG = target index)
 *   NNNN  NAME       ARG  ; COMMENT     loads and constants
 *
 * i.e. "%04zu  %-10s %s\n" with the operand and comment, or "%04zu  %s\n"
 * when there is no operand (no trailing blanks). The comment names the
 * variable (from var_names, else its source text), the indicator or local
 * (source text), or the constant ("%.15g").
 */
#include <stdio.h>

#include "../common/buf.h"
#include "expr_internal.h"

const jx_opcode_info jx_opcode_table[JX_OP_COUNT_] = {
#define JX_OPCODE(name, operands, pops, pushes, doc)                                               \
	[JX_OP_##name] = {#name, operands, pops, pushes, doc},
#include "opcodes.h"
};

void jx_program_dump(const jx_program *p, const char *const *var_names, jx_buf *out)
{
	if (!p || !out)
		return;
	for (size_t i = 0; i < p->n_code; i++) {
		const jx_insn *in = &p->code[i];
		const jx_opcode_info *info = &jx_opcode_table[in->op];
		const char *src = p->source + p->srcs[i].off;
		int len = (int)p->srcs[i].len;
		if (!info->operands) {
			jx_buf_printf(out, "%04zu  %s\n", i, info->name);
			continue;
		}
		jx_buf_printf(out, "%04zu  %-10s %ld", i, info->name, (long)in->arg);
		switch ((jx_opcode)in->op) {
		case JX_OP_CONST:
			jx_buf_printf(out, "  ; %.15g", p->consts[in->arg]);
			break;
		case JX_OP_LOAD_VAR:
			if (var_names && var_names[in->arg])
				jx_buf_printf(out, "  ; %s", var_names[in->arg]);
			else
				jx_buf_printf(out, "  ; %.*s", len, src);
			break;
		case JX_OP_LOAD_IND:
		case JX_OP_LOAD_LOCAL:
			jx_buf_printf(out, "  ; %.*s", len, src);
			break;
		default:
			break;
		}
		jx_buf_putc(out, '\n');
	}
}
