/*
 * rules_print.c - the effective rule set as canonical YAML.
 *
 * What `jixiao check --print` shows after inheritance, and what the rule
 * set's SHA-256 is taken over: keys in one fixed order, defaults written
 * out, numbers as the shortest text that reads back, targets normalised
 * ("≥95%" and ">= 95%" print alike), expressions with insignificant spaces
 * removed, every string double-quoted. The same rules written differently
 * (key order, comments, spacing, full-width signs) print - and hash - the
 * same; any change of meaning prints differently.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "load.h"
#include "rules_build.h"
#include "../common/c_locale.h"
#include "../common/escape.h"

static void str(jx_buf *out, const char *s)
{
	jx_json_string(out, s ? s : "", s ? strlen(s) : 0);
}

static void num(jx_buf *out, double x)
{
	char text[64];
	jx_snprintf(text, sizeof(text), "%.15g", x == 0 ? 0.0 : x);
	jx_buf_puts(out, text);
}

static int word_char(unsigned char c)
{
	return c >= 0x80 || c == '_' || c == '.' || c == '%' || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The expression with spaces kept only between two word characters. */
static void expression(jx_buf *out, const char *src)
{
	jx_buf e = {0};
	const unsigned char *p = (const unsigned char *)(src ? src : "");
	unsigned char prev = 0;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			if (prev && *p && word_char(prev) && word_char(*p))
				jx_buf_putc(&e, ' ');
			continue;
		}
		prev = *p;
		jx_buf_putc(&e, (char)*p++);
	}
	str(out, jx_buf_cstr(&e));
	jx_buf_free(&e);
}

static const char *cmp_text(jx_cmp cmp)
{
	switch (cmp) {
	case JX_CMP_GE:
		return ">=";
	case JX_CMP_GT:
		return ">";
	case JX_CMP_LE:
		return "<=";
	case JX_CMP_LT:
		return "<";
	case JX_CMP_EQ:
		return "=";
	default:
		return "";
	}
}

/* A number in the indicator's unit as written: 0.35 with % -> "35%". */
static void amount(jx_buf *out, double x, const jx_indicator *ind)
{
	char text[64];
	const jx_unit *u = ind->unit;
	double shown = u && u->dim == JX_DIM_RATIO ? x / u->factor : x;
	jx_snprintf(text, sizeof(text), "%.15g", shown == 0 ? 0.0 : shown);
	jx_buf_puts(out, text);
	if (u)
		jx_buf_puts(out, u->name);
}

static void target(jx_buf *out, const jx_indicator *ind)
{
	const jx_target_lit *t = &ind->target;
	jx_buf text = {0};
	if (t->cmp == JX_CMP_WORD) {
		jx_buf_append(&text, t->word, t->word_len);
	} else if (t->cmp == JX_CMP_RANGE) {
		jx_buf_putc(&text, '[');
		amount(&text, t->lo, ind);
		jx_buf_puts(&text, ", ");
		amount(&text, t->hi, ind);
		jx_buf_putc(&text, ']');
	} else {
		jx_buf_printf(&text, "%s ", cmp_text(t->cmp));
		amount(&text, t->lo, ind);
	}
	str(out, jx_buf_cstr(&text));
	jx_buf_free(&text);
}

static void header(jx_buf *out, const jx_rules *r)
{
	jx_buf_puts(out, "jixiao: 1\nruleset:\n  id: ");
	str(out, r->id);
	jx_buf_puts(out, "\n  name: ");
	str(out, r->name);
	jx_buf_puts(out, "\n  version: ");
	str(out, r->version);
	if (r->effective_from || r->effective_to) {
		jx_buf_puts(out, "\n  effective: {from: ");
		str(out, r->effective_from);
		jx_buf_puts(out, ", to: ");
		str(out, r->effective_to);
		jx_buf_putc(out, '}');
	}
	jx_buf_printf(out, "\nprecision: %d\nweights: %s\n", r->precision,
	              r->weights_free ? "free" : "checked");
	if (r->budget_variable) {
		jx_buf_puts(out, "budget_variable: ");
		str(out, r->budget_variable);
		jx_buf_putc(out, '\n');
	}
	if (r->execution_indicator) {
		jx_buf_puts(out, "execution_indicator: ");
		str(out, r->execution_indicator);
		jx_buf_putc(out, '\n');
	}
}

static void units_and_variables(jx_buf *out, const jx_rules *r)
{
	if (r->units.n_extra) {
		jx_buf_puts(out, "units: [");
		for (size_t i = 0; i < r->units.n_extra; i++) {
			if (i)
				jx_buf_puts(out, ", ");
			str(out, r->units.extra[i].name);
		}
		jx_buf_puts(out, "]\n");
	}
	int any = 0;
	for (size_t v = 0; v < r->n_variables; v++) {
		if (!r->variables[v].unit)
			continue;
		if (!any++)
			jx_buf_puts(out, "variables:\n");
		jx_buf_puts(out, "  ");
		str(out, r->variables[v].name);
		jx_buf_puts(out, ": ");
		str(out, r->variables[v].unit->name);
		jx_buf_putc(out, '\n');
	}
}

static void path(jx_buf *out, const char *key)
{
	jx_buf_putc(out, '[');
	int first = 1;
	while (*key) {
		const char *slash = strchr(key, '/');
		size_t n = slash ? (size_t)(slash - key) : strlen(key);
		if (!first)
			jx_buf_puts(out, ", ");
		first = 0;
		jx_json_string(out, key, n);
		key += n + (slash ? 1 : 0);
	}
	jx_buf_putc(out, ']');
}

static void grades_and_groups(jx_buf *out, const jx_rules *r)
{
	jx_buf_puts(out, "grades:\n");
	for (size_t g = 0; g < r->n_grades; g++) {
		jx_buf_puts(out, "  - {grade: ");
		str(out, r->grades[g].grade);
		jx_buf_puts(out, ", min: ");
		num(out, r->grades[g].min);
		jx_buf_puts(out, "}\n");
	}
	if (!r->n_groups)
		return;
	jx_buf_puts(out, "groups:\n");
	for (size_t g = 0; g < r->n_groups; g++) {
		jx_buf_puts(out, "  - {path: ");
		path(out, r->groups[g].key);
		if (r->groups[g].has_weight) {
			jx_buf_puts(out, ", weight: ");
			num(out, r->groups[g].weight);
		}
		jx_buf_puts(out, "}\n");
	}
}

static void band(jx_buf *out, const jx_band *bd)
{
	jx_buf_puts(out, "      - {");
	if (bd->has_min) {
		jx_buf_puts(out, bd->min_open ? "gt: " : "min: ");
		num(out, bd->min);
		jx_buf_puts(out, ", ");
	}
	if (bd->has_max) {
		jx_buf_puts(out, bd->max_open ? "lt: " : "max: ");
		num(out, bd->max);
		jx_buf_puts(out, ", ");
	}
	jx_buf_puts(out, bd->has_points ? "points: " : "fraction: ");
	num(out, bd->has_points ? bd->points : bd->fraction);
	jx_buf_puts(out, "}\n");
}

/* `{达成: 1, 部分达成: [0.6, 0.8], 未达成: {band: [0, 0.6], fraction: 0.5}}` */
static void levels(jx_buf *out, const jx_level_list *ls)
{
	jx_buf_putc(out, '{');
	for (size_t i = 0; i < ls->n; i++) {
		const jx_level *lv = &ls->items[i];
		if (i)
			jx_buf_puts(out, ", ");
		jx_json_string(out, lv->word, lv->word_len);
		jx_buf_puts(out, ": ");
		if (!lv->has_range) {
			num(out, lv->fraction);
			continue;
		}
		jx_buf_puts(out, lv->has_fraction ? "{band: [" : "[");
		num(out, lv->lo);
		jx_buf_puts(out, ", ");
		num(out, lv->hi);
		jx_buf_putc(out, ']');
		if (lv->has_fraction) {
			jx_buf_puts(out, ", fraction: ");
			num(out, lv->fraction);
			jx_buf_putc(out, '}');
		}
	}
	jx_buf_putc(out, '}');
}

static void overshoot(jx_buf *out, const jx_overshoot *os)
{
	jx_buf_puts(out, "{above: ");
	num(out, os->above);
	jx_buf_puts(out, ", floor: ");
	num(out, os->floor);
	jx_buf_putc(out, '}');
}

/* One parameter as its type prints (methods.h): `    key: value` lines. */
static void param(jx_buf *out, const jx_method *m, jx_param p)
{
	const char *key = jx_params[p].key;
	switch (jx_params[p].type) {
	case JX_PT_NUMBER:
		jx_buf_printf(out, "    %s: ", key);
		num(out, *JX_PARAM_CFIELD(m, p, double));
		jx_buf_putc(out, '\n');
		break;
	case JX_PT_BOOL:
		jx_buf_printf(out, "    %s: %s\n", key,
		              *JX_PARAM_CFIELD(m, p, int) ? "true" : "false");
		break;
	case JX_PT_POINTS: {
		const jx_curve *c = JX_PARAM_CFIELD(m, p, jx_curve);
		jx_buf_printf(out, "    %s:", key);
		for (size_t i = 0; i < c->n; i++) {
			jx_buf_puts(out, i ? ", [" : " [[");
			num(out, c->x[i]);
			jx_buf_puts(out, ", ");
			num(out, c->y[i]);
			jx_buf_putc(out, ']');
		}
		jx_buf_puts(out, "]\n");
		break;
	}
	case JX_PT_BANDS: {
		const jx_band_list *bs = JX_PARAM_CFIELD(m, p, jx_band_list);
		jx_buf_printf(out, "    %s:\n", key);
		for (size_t i = 0; i < bs->n; i++)
			band(out, &bs->items[i]);
		break;
	}
	case JX_PT_ON:
		jx_buf_printf(out, "    %s: %s\n", key,
		              *JX_PARAM_CFIELD(m, p, int) ? "value" : "completion");
		break;
	case JX_PT_LEVELS:
		jx_buf_printf(out, "    %s: ", key);
		levels(out, JX_PARAM_CFIELD(m, p, jx_level_list));
		jx_buf_putc(out, '\n');
		break;
	case JX_PT_EXPR: {
		const jx_program *e = *JX_PARAM_CFIELD(m, p, jx_param_expr);
		jx_buf_printf(out, "    %s: ", key);
		expression(out, e ? jx_program_source(e) : "");
		jx_buf_putc(out, '\n');
		break;
	}
	case JX_PT_OVERSHOOT:
		if (!JX_PARAM_CFIELD(m, p, jx_overshoot)->set)
			break; /* not written: nothing to print */
		jx_buf_printf(out, "    %s: ", key);
		overshoot(out, JX_PARAM_CFIELD(m, p, jx_overshoot));
		jx_buf_putc(out, '\n');
		break;
	}
}

/* The parameters the method takes, in table order, defaults written out;
 * those it reads only when set (methods.h, params_if_set) when they are.
 * Every parameter comes from the table, so none can miss the SHA-256. */
static void method_params(jx_buf *out, const jx_method *m)
{
	const jx_method_desc *d = jx_method_desc_of(m->kind);
	if (!d)
		return;
	for (int p = 0; p < JX_PARAM_COUNT_; p++) {
		uint32_t bit = JX_PARAM_BIT(p);
		if ((d->params & bit) ||
		    ((d->params_if_set & bit) && !jx_param_is_default(m, (jx_param)p)))
			param(out, m, (jx_param)p);
	}
}

static void indicator(jx_buf *out, const jx_indicator *ind)
{
	static const char *const on_missing[] = {"zero", "exclude", "error"};
	jx_buf_puts(out, "  - id: ");
	str(out, ind->id);
	jx_buf_puts(out, "\n    name: ");
	str(out, ind->name);
	if (ind->n_aliases) {
		jx_buf_puts(out, "\n    aliases: [");
		for (size_t a = 0; a < ind->n_aliases; a++) {
			if (a)
				jx_buf_puts(out, ", ");
			str(out, ind->aliases[a]);
		}
		jx_buf_putc(out, ']');
	}
	jx_buf_puts(out, "\n    path: ");
	path(out, ind->path_key);
	jx_buf_puts(out, "\n    weight: ");
	num(out, ind->weight);
	jx_buf_puts(out, "\n    value: ");
	expression(out, ind->value_src);
	if (ind->unit) {
		jx_buf_puts(out, "\n    unit: ");
		str(out, ind->unit_name);
	}
	if (ind->has_target) {
		jx_buf_puts(out, "\n    target: ");
		target(out, ind);
	}
	if (ind->target_value) {
		jx_buf_puts(out, "\n    target_value: ");
		expression(out, jx_program_source(ind->target_value));
	}
	jx_buf_printf(out, "\n    method: %s\n", ind->method_name);
	method_params(out, &ind->method);
	if (ind->tolerance >= 0) {
		jx_buf_puts(out, "    tolerance: ");
		num(out, ind->tolerance);
		jx_buf_putc(out, '\n');
	}
	jx_buf_printf(out, "    on_missing: %s\n", on_missing[ind->on_missing]);
}

static void check(jx_buf *out, const jx_check *c)
{
	jx_buf_puts(out, "  - id: ");
	str(out, c->id);
	jx_buf_puts(out, "\n    rule: ");
	expression(out, c->rule_src);
	jx_buf_puts(out, "\n    tolerance: ");
	num(out, c->tolerance);
	jx_buf_printf(out, "\n    severity: %s\n    message: ",
	              c->severity == JX_CHECK_ERROR ? "error" : "warning");
	str(out, c->message);
	jx_buf_putc(out, '\n');
}

static void declared_section(jx_buf *out, const jx_rules *r)
{
	static const char *const cmps[] = {"", ">=", ">", "<=", "<", "=", "range", "word"};
	const jx_declared_rules *dr = &r->declared;
	jx_buf_puts(out, "declared:\n  methods: {");
	for (int c = JX_CMP_GE; c <= JX_CMP_WORD; c++)
		jx_buf_printf(out, "%s\"%s\": %s", c == JX_CMP_GE ? "" : ", ", cmps[c],
		              jx_method_name(dr->by_cmp[c]));
	jx_buf_puts(out, "}\n");
	if (dr->n_by_path) {
		jx_buf_puts(out, "  by_path:\n");
		for (size_t i = 0; i < dr->n_by_path; i++) {
			jx_buf_puts(out, "    - {path: ");
			path(out, dr->by_path[i].path_key);
			jx_buf_printf(out, ", method: %s}\n", jx_method_name(dr->by_path[i].kind));
		}
	}
	if (dr->tolerance >= 0) {
		jx_buf_puts(out, "  tolerance: ");
		num(out, dr->tolerance);
		jx_buf_putc(out, '\n');
	}
	if (dr->weights_strict)
		jx_buf_puts(out, "  weights: strict\n");
	if (dr->methods[JX_METHOD_RATIO].overshoot.set) {
		jx_buf_puts(out, "  overshoot: ");
		overshoot(out, &dr->methods[JX_METHOD_RATIO].overshoot);
		jx_buf_putc(out, '\n');
	}
	jx_buf_puts(out, "  levels: ");
	levels(out, &dr->methods[JX_METHOD_GRADE].levels);
	jx_buf_putc(out, '\n');
}

/* review_codes and rounding: they change scores, so they are hashed. */
static void review_section(jx_buf *out, const jx_rules *r)
{
	if (r->round_rows)
		jx_buf_puts(out, "rounding: rows\n");
	if (!r->n_review_codes)
		return;
	jx_buf_puts(out, "review_codes:\n");
	for (size_t k = 0; k < r->n_review_codes; k++) {
		const jx_review_code *c = &r->review_codes[k];
		jx_buf_puts(out, "  ");
		str(out, c->code);
		jx_buf_puts(out, ": {name: ");
		str(out, c->name ? c->name : "");
		if (!isnan(c->keep)) {
			jx_buf_puts(out, ", keep: ");
			num(out, c->keep);
		}
		jx_buf_puts(out, "}\n");
	}
}

int jx_rules_canonical(const jx_rules *r, jx_buf *out)
{
	header(out, r);
	units_and_variables(out, r);
	grades_and_groups(out, r);
	size_t kept = 0;
	for (size_t i = 0; i < r->n_removed; i++)
		kept += r->removed[i].weight > 0;
	if (kept) {
		/* indicators removed from a base: the points left unfilled are
		 * rescaled away (a removed indicator replaced leaves none) */
		jx_buf_puts(out, "removed_weights:\n");
		for (size_t i = 0; i < r->n_removed; i++) {
			if (!(r->removed[i].weight > 0))
				continue;
			jx_buf_puts(out, "  - {path: ");
			path(out, r->removed[i].path_key);
			jx_buf_puts(out, ", weight: ");
			num(out, r->removed[i].weight);
			jx_buf_puts(out, "}\n");
		}
	}
	jx_buf_puts(out, "indicators:\n");
	for (size_t i = 0; i < r->n_indicators; i++)
		indicator(out, &r->indicators[i]);
	if (r->declared.enabled)
		declared_section(out, r);
	if (r->n_checks) {
		jx_buf_puts(out, "checks:\n");
		for (size_t c = 0; c < r->n_checks; c++)
			check(out, &r->checks[c]);
	}
	review_section(out, r);
	return out->failed ? JX_ENOMEM : JX_OK;
}

void jx_rules_hash(jx_rules *r)
{
	jx_buf text = {0};
	jx_rules_canonical(r, &text);
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, text.len, (const uint8_t *)jx_buf_cstr(&text));
	sha256_digest(&ctx, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++)
		snprintf(r->sha256 + 2 * i, 3, "%02x", digest[i]);
	jx_buf_free(&text);
}

int jx_rules_write(const jx_rules *r, jx_write_fn write, void *ctx)
{
	if (!r || !write)
		return JX_EINVAL;
	jx_buf text = {0};
	int rc = jx_rules_canonical(r, &text);
	if (rc == JX_OK && text.len && write(ctx, text.data, text.len) != 0)
		rc = JX_EIO;
	jx_buf_free(&text);
	return rc;
}
