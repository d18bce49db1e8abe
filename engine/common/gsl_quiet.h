/*
 * gsl_quiet.h - GSL without its aborting error handler.
 *
 * GSL's default error handler aborts the process on a domain error; a
 * library must never do that to its caller. jx_gsl_quiet() switches it off
 * with gsl_set_error_handler_off(), once per process, before the first GSL
 * call (rule loading prepares the `linear` method's interpolation; ranking
 * and statistics sort and summarise). This is process-wide: a program that
 * embeds jixiao and installs its own GSL handler should do so after loading
 * its first rule set (docs/api.md, "Process-wide state"). Every GSL call in
 * the engine checks its own preconditions, so nothing relies on the handler.
 */
#ifndef JX_GSL_QUIET_H
#define JX_GSL_QUIET_H

void jx_gsl_quiet(void);

#endif
