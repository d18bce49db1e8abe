/*
 * gsl_quiet.c - switches GSL's aborting error handler off, once (see
 * gsl_quiet.h for why, and docs/api.md for what an embedder should know).
 */
#include "gsl_quiet.h"

#include <pthread.h>

#include <gsl/gsl_errno.h>

static void handler_off(void)
{
	gsl_set_error_handler_off();
}

void jx_gsl_quiet(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, handler_off);
}
