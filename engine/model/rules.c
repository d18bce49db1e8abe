/*
 * rules.c - questions about a loaded rule set that every stage asks the
 * same way (see rules.h).
 */
#include "batch.h"
#include "rules.h"

#include <string.h>

static int path_has_prefix(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

jx_method_kind jx_declared_method(const jx_rules *r, const jx_declared_row *row)
{
	const jx_declared_rules *dr = &r->declared;
	for (size_t i = 0; i < dr->n_by_path; i++)
		if (path_has_prefix(row->path_key, dr->by_path[i].path_key))
			return dr->by_path[i].kind;
	return dr->by_cmp[row->target.lit.cmp];
}
