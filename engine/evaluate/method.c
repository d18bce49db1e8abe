/*
 * method.c - what the scoring methods (engine/methods/) need of the
 * evaluate stage: the VM, for the expr method. The methods sit on the floor
 * and never call up into a stage; the evaluate stage hands them this
 * through jx_method_input.vm (docs/design.md, "Adding a scoring method").
 */
#include "evaluate.h"

/* The program over the department's variables, with the locals a, t, w, c. */
static jx_val eval_with_locals(const jx_program *p, const jx_eval_input *vars, const jx_val *locals)
{
	jx_eval_input ev = {0};

	if (vars)
		ev = *vars;
	ev.locals = locals;
	return jx_program_eval(p, &ev);
}

const jx_method_vm jx_method_vm_hooks = {eval_with_locals, jx_program_source};
