/*
 * rules_api.c - the public read-only view of a loaded rule set.
 */
#include <string.h>

#include "../common/c_locale.h"
#include "../compile/expr.h"
#include "../model/model.h"

const char *jx_strerror(int code)
{
	switch (code) {
	case JX_OK:
		return "no error";
	case JX_EINVAL:
		return "invalid argument";
	case JX_ENOMEM:
		return "out of memory";
	case JX_EIO:
		return "a file could not be read or written";
	case JX_ERULES:
		return "the rule set is invalid";
	case JX_EDATA:
		return "department data unreadable";
	case JX_ENOTFOUND:
		return "not found";
	case JX_ENOTSUP:
		return "not supported by this call";
	default:
		return "unknown error code";
	}
}

const char *jx_version(void)
{
	return JX_VERSION_STRING;
}

const char *jx_rules_id(const jx_rules *r)
{
	return r ? r->id : NULL;
}

const char *jx_rules_name(const jx_rules *r)
{
	return r ? r->name : NULL;
}

const char *jx_rules_version(const jx_rules *r)
{
	return r ? r->version : NULL;
}

const char *jx_rules_sha256(const jx_rules *r)
{
	return r ? r->sha256 : NULL;
}

int jx_rules_year(const jx_rules *r)
{
	return r ? r->year : 0;
}

size_t jx_rules_indicator_count(const jx_rules *r)
{
	return r ? r->n_indicators : 0;
}

int jx_rules_indicator(jx_indicator_info *out, const jx_rules *r, size_t i)
{
	if (!out || !r || i >= r->n_indicators)
		return JX_EINVAL;
	const jx_indicator *ind = &r->indicators[i];
	out->id = ind->id;
	out->name = ind->name;
	out->path = ind->path_key;
	out->weight = ind->weight;
	out->unit = ind->unit_name;
	out->target = ind->target_src;
	out->method = ind->method_name;
	out->value = ind->value_src;
	return JX_OK;
}

int jx_rules_write_bytecode(const jx_rules *r, jx_write_fn write, void *ctx)
{
	if (!r || !write)
		return JX_EINVAL;
	jx_buf out = {0};
	locale_t previous = jx_locale_enter(); /* the constants' points (c_locale.h) */
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_indicator *ind = &r->indicators[i];
		jx_buf_printf(&out, "indicator %s: %s\n", ind->id, ind->value_src);
		jx_program_dump(ind->value, r->variable_names, &out);
	}
	for (size_t c = 0; c < r->n_checks; c++) {
		const jx_check *chk = &r->checks[c];
		jx_buf_printf(&out, "check %s: %s\n", chk->id, chk->rule_src);
		jx_program_dump(chk->lhs, r->variable_names, &out);
		if (chk->rhs) {
			jx_buf_printf(&out, "  %s\n", chk->cmp);
			jx_program_dump(chk->rhs, r->variable_names, &out);
		}
	}
	jx_locale_leave(previous);
	int rc = out.failed                                      ? JX_ENOMEM
	         : out.len && write(ctx, out.data, out.len) != 0 ? JX_EIO
	                                                         : JX_OK;
	jx_buf_free(&out);
	return rc;
}
