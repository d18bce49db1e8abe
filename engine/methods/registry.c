/*
 * registry.c - every scoring method's descriptor by kind, from
 * JX_METHOD_LIST (model/method.h), and what is asked of all of them: names,
 * the default method for a comparison, who takes a parameter
 * (docs/design.md, "Adding a scoring method").
 */
#include <string.h>

#include "methods.h"

#define JX_METHOD_EXTERN_(name, NAME) extern const jx_method_desc jx_method_##name;
JX_METHOD_LIST(JX_METHOD_EXTERN_)
#undef JX_METHOD_EXTERN_

const jx_method_desc *const jx_method_descs[JX_METHOD_COUNT_] = {
#define JX_METHOD_ENTRY_(name, NAME) [JX_METHOD_##NAME] = &jx_method_##name,
    JX_METHOD_LIST(JX_METHOD_ENTRY_)
#undef JX_METHOD_ENTRY_
};

const jx_method_desc *jx_method_desc_of(jx_method_kind kind)
{
	if ((int)kind < 0 || kind >= JX_METHOD_COUNT_)
		return NULL;
	return jx_method_descs[kind];
}

int jx_method_from_name(const char *name, size_t len)
{
	if (!name)
		return -1;
	for (int k = 0; k < JX_METHOD_COUNT_; k++) {
		const char *n = jx_method_descs[k]->name;

		if (strlen(n) == len && memcmp(n, name, len) == 0)
			return k;
	}
	return -1;
}

jx_method_kind jx_method_default_for(jx_cmp cmp)
{
	for (int k = 0; k < JX_METHOD_COUNT_; k++) {
		if (jx_method_descs[k]->default_for & (1u << cmp))
			return (jx_method_kind)k;
	}
	return JX_METHOD_RATIO; /* not reached: test_method checks every comparison has one */
}

int jx_method_always(const jx_method *m)
{
	(void)m;
	return 1;
}

int jx_method_takes(const jx_method *m, jx_param p)
{
	const jx_method_desc *d = jx_method_desc_of(m->kind);

	return d && (d->params & JX_PARAM_BIT(p)) && (!d->takes || d->takes(m, p));
}

int jx_method_reads(jx_method_kind kind, jx_param p)
{
	const jx_method_desc *d = jx_method_desc_of(kind);

	if (jx_params[p].flags & JX_PARAM_ANY_METHOD)
		return 1;
	return d && ((d->params | d->params_if_set) & JX_PARAM_BIT(p));
}

int jx_method_needs_target(const jx_method *m)
{
	const jx_method_desc *d = jx_method_desc_of(m->kind);

	return !(d && d->target_optional && d->target_optional(m));
}

/* Appends text, keeping buf NUL-terminated and counting what all of it
 * needs, as snprintf() does. */
static void append(char *buf, size_t size, size_t *len, const char *text)
{
	size_t n = strlen(text);

	if (*len + 1 < size) {
		size_t room = size - *len - 1;
		size_t k = n < room ? n : room;

		memcpy(buf + *len, text, k);
		buf[*len + k] = '\0';
	}
	*len += n;
}

/* "a, b and c" out of the descriptors that pass `keep`, each followed by
 * its note when `note` gives one. */
static int join(char *buf, size_t size, const char *last,
                int (*keep)(const jx_method_desc *d, const void *arg), const void *arg,
                const char *(*note)(const jx_method_desc *d, const void *arg))
{
	int picked[JX_METHOD_COUNT_], n = 0;
	size_t len = 0;

	for (int k = 0; k < JX_METHOD_COUNT_; k++)
		if (keep(jx_method_descs[k], arg))
			picked[n++] = k;
	if (size)
		buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		const jx_method_desc *d = jx_method_descs[picked[i]];
		const char *after = note ? note(d, arg) : NULL;

		if (i && i == n - 1 && last) {
			append(buf, size, &len, " ");
			append(buf, size, &len, last);
			append(buf, size, &len, " ");
		} else if (i) {
			append(buf, size, &len, ", ");
		}
		append(buf, size, &len, d->name);
		if (after) {
			append(buf, size, &len, " ");
			append(buf, size, &len, after);
		}
	}
	return len > 0x7fffffff ? 0x7fffffff : (int)len;
}

static int has_flags(const jx_method_desc *d, const void *arg)
{
	unsigned flags = *(const unsigned *)arg;

	return (d->flags & flags) == flags;
}

int jx_method_names(char *buf, size_t size, unsigned flags, const char *last)
{
	return join(buf, size, last, has_flags, &flags, NULL);
}

static int takes_some(const jx_method_desc *d, const void *arg)
{
	return (d->params & *(const uint32_t *)arg) != 0;
}

/* The note of the first parameter of the set the method takes that has
 * one. */
static const char *param_note(const jx_method_desc *d, const void *arg)
{
	uint32_t set = *(const uint32_t *)arg & d->params;

	for (int p = 0; p < JX_PARAM_COUNT_; p++)
		if ((set & JX_PARAM_BIT(p)) && d->param_note[p])
			return d->param_note[p];
	return NULL;
}

int jx_method_takers(char *buf, size_t size, uint32_t params)
{
	return join(buf, size, "and", takes_some, &params, param_note);
}
