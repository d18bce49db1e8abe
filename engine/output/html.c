/*
 * html.c - the HTML report (--format html): one self-contained file, no
 * network and no external script or font, that an analyst opens in a
 * browser or prints on A4.
 *
 *   header     the rule set (id, version, sha256) and the batch counts
 *   汇总       key figures, inline SVG charts (html_svg.c): score histogram,
 *              grades, mean completion per indicator; what needs attention
 *   部门排名   a department table sortable by any column (a few lines of
 *              inline script), each row linking to its 自评表
 *   自评表     one section per department, laid out like the official table
 *              (一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分,
 *              偏差原因), with the checks that failed; each starts a new
 *              page on print
 *   复核意见   after them, for each department whose table claims scores:
 *              one printable A4 page with 指标 / 分值 / 自评得分 / 复核得分 /
 *              差异 / 说明, the totals, the 复核 flags in words and a blank
 *              signature line (docs/reports.md, "复核")
 *
 * Every number shown is written as the JSON writes it: scores rounded to
 * the rule set's precision with exactly that many decimals; the cells and
 * rows carry the machine form in data- attributes (data-v on a table cell,
 * data-score / data-rank / data-dept on a department row, data-actual /
 * data-completion / data-score on an indicator row) so that a test or a
 * script can compare them with the JSON. No timestamp: the same input gives
 * the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/round.h"
#include "output.h"
#include "html_svg.h"
#include "present.h"

static const char style[] =
    "<style>\n"
    ":root{--ink:#1f2933;--muted:#5f6b7a;--line:#d5dbe3;--head:#eef3f9;--accent:#1f5fa8;}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;padding:24px 32px;color:var(--ink);background:#fff;"
    "font:14px/1.55 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",sans-serif}\n"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;"
    "padding-bottom:4px;border-bottom:2px solid var(--accent)}h3{font-size:15px;margin:18px 0 "
    "6px}\n"
    ".meta{color:var(--muted);margin:0}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 4px}\n"
    ".card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:104px}\n"
    ".card b{display:block;font-size:21px}.card span{color:var(--muted);font-size:12px}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:18px}\n"
    "figure.chart{margin:8px 0;flex:1 1 "
    "440px;max-width:600px}figure.wide{max-width:900px;flex-basis:100%}\n"
    "figure svg{width:100%;height:auto;display:block}\n"
    "figcaption{color:var(--muted);font-size:12px;text-align:center}\n"
    "svg text{font-size:12px;fill:#333}svg .val{font-size:11px;fill:#111}\n"
    "svg .grid{stroke:#e3e7ec;stroke-width:1}svg .axis{stroke:#888}\n"
    "svg .target{stroke:#c62828;stroke-dasharray:4 3}\n"
    "svg .bar{fill:#4472c4}svg .bar.under{fill:#9db8e3}svg .bar.over{fill:#1b3f7a}\n"
    "svg .axname{fill:var(--muted)}\n"
    "table{border-collapse:collapse;width:100%;margin:6px 0 10px}\n"
    "th,td{border:1px solid var(--line);padding:4px 7px;vertical-align:middle;text-align:left}\n"
    "th{background:var(--head);font-weight:600;white-space:nowrap}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.t{white-space:nowrap}td.note{color:#7a4b00;font-size:13px}tr.total "
    "td{font-weight:600;background:#f7f9fb}\n"
    "table.sortable th{cursor:pointer;user-select:none}\n"
    "table.sortable th::after{content:\" \\2195\";color:#9aa5b1;font-size:11px}\n"
    "table.sortable th[aria-sort=ascending]::after{content:\" \\2191\";color:var(--accent)}\n"
    "table.sortable th[aria-sort=descending]::after{content:\" \\2193\";color:var(--accent)}\n"
    "tr.rejected td{color:#8a1c1c;background:#fdf3f3}\n"
    "#dept-table td:nth-child(2),#dept-table td:nth-child(3),#dept-table td:nth-child(6)"
    "{white-space:nowrap}\n"
    ".g0{color:#2e7d32;font-weight:600}.g1{color:#1565c0;font-weight:600}"
    ".g2{color:#ef6c00;font-weight:600}.g3{color:#c62828;font-weight:600}\n"
    ".flag{display:inline-block;font-size:12px;padding:0 6px;margin:1px 2px;border-radius:9px;"
    "background:#fff4e0;color:#8a5300;white-space:nowrap}\n"
    "section.dept{margin-top:30px}section.dept h2{border-bottom-color:#8fa9c9}\n"
    ".score-line{margin:0 0 6px}.score-line b{font-size:18px}\n"
    "ul.checks{margin:4px 0;padding-left:20px;color:#8a1c1c}\n"
    "a{color:var(--accent);text-decoration:none}\n"
    "footer{margin-top:32px;color:var(--muted);font-size:12px}\n"
    ".flag.review{background:#fdecea;color:#8a1c1c}\n"
    "section.review{margin-top:30px;max-width:190mm}section.review h2{text-align:center;"
    "border-bottom:none;letter-spacing:.3em}\n"
    "table.review td.d-up{color:#c62828;font-weight:600}table.review td.d-down{color:#1565c0;"
    "font-weight:600}\n"
    "ul.review-flags{margin:6px 0;padding-left:20px;color:#8a1c1c}\n"
    ".conclusion{margin:8px 0}.sign{display:flex;justify-content:space-between;margin-top:36px}\n"
    ".sign span.blank{display:inline-block;min-width:10em;border-bottom:1px solid "
    "var(--ink);margin-left:4px}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{padding:0;font-size:10.5pt}.noprint{display:none}"
    "h2{break-after:avoid}section.dept{break-before:page;margin-top:0}"
    "figure,.cards{break-inside:avoid}"
    "section.review{break-before:page;page-break-before:always;break-inside:avoid;"
    "page-break-inside:avoid;margin-top:0;font-size:9.5pt}"
    "section.review th,section.review td{padding:2px 5px}"
    "thead{display:table-header-group}a{color:inherit}"
    "table.sortable th::after{content:\"\"}th{background:#eef3f9 !important;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "</style>\n";

/* Sorting the department table: numbers by data-v, text in pinyin order;
 * empty cells stay last either way. */
static const char script[] =
    "<script>\n"
    "(function(){document.querySelectorAll('table.sortable').forEach(function(t){\n"
    "var hs=t.tHead.rows[0].cells;Array.prototype.forEach.call(hs,function(th,i){\n"
    "th.addEventListener('click',function(){var asc=th.getAttribute('aria-sort')!=='ascending';\n"
    "Array.prototype.forEach.call(hs,function(h){h.removeAttribute('aria-sort')});\n"
    "th.setAttribute('aria-sort',asc?'ascending':'descending');var num=th.dataset.type==='num';\n"
    "var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows);\n"
    "function key(r){var c=r.cells[i],v=c.dataset.v!==undefined?c.dataset.v:c.textContent.trim();"
    "return v===''?null:(num?parseFloat(v):v)}\n"
    "rows.sort(function(a,c){var x=key(a),y=key(c);if(x===null||y===null)"
    "return (x===null)-(y===null);var r=num?x-y:String(x).localeCompare(String(y),'zh-CN');"
    "return asc?r:-r});rows.forEach(function(r){b.appendChild(r)})})})})})();\n"
    "</script>\n";

typedef struct {
	jx_buf *out;
	const jx_result *res;
	const jx_rules *rules;
	int claims; /* some department claims a total: 自评总分 and 差异 in the ranking */
} page;

static void text(page *p, const char *s)
{
	jx_html_text(p->out, s);
}

static void fixed(char *buf, size_t size, double x, int digits)
{
	if (isfinite(x))
		jx_format_fixed(buf, size, x, digits);
	else
		snprintf(buf, size, "-");
}

/* A department's name as shown: 岳阳县妇女联合会, or its id. */
static const char *dept_name(const jx_result *res, size_t d)
{
	const jx_dept_row *row = &res->batch->rows[d];
	return row->name && *row->name ? row->name : row->id;
}

static void flags_html(page *p, size_t d)
{
	const jx_result *res = p->res;
	if (res->summary) {
		double rz = res->summary->robust_z[d];
		if (jx_is_outlier(rz))
			jx_buf_printf(p->out, "<span class=\"flag\" data-flag=\"%s\">%s</span>",
			              rz > 0 ? "outlier_high" : "outlier_low",
			              rz > 0 ? "离群偏高" : "离群偏低");
	}
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++)
		if (res->depts[d].flags & (1u << k))
			jx_buf_printf(p->out,
			              "<span class=\"flag review\" data-flag=\"%s\">%s</span>",
			              jx_dept_flag_name(k), jx_dept_flag_words(k));
	for (size_t i = 0; i < p->rules->n_indicators; i++) {
		if (!jx_result_cell(res, d, i)->target_too_low)
			continue;
		jx_buf_puts(p->out, "<span class=\"flag\" data-flag=\"target_too_low:");
		text(p, p->rules->indicators[i].id);
		jx_buf_puts(p->out, "\">目标偏低：");
		text(p, p->rules->indicators[i].name);
		jx_buf_puts(p->out, "</span>");
	}
}

static void card(page *p, const char *label, const char *value)
{
	jx_buf_puts(p->out, "<div class=\"card\"><b>");
	text(p, value);
	jx_buf_puts(p->out, "</b><span>");
	text(p, label);
	jx_buf_puts(p->out, "</span></div>\n");
}

static void header(page *p)
{
	const jx_rules *r = p->rules;
	const jx_result *res = p->res;
	jx_buf_puts(p->out,
	            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<meta name=\"generator\" content=\"jixiao " JX_VERSION_STRING "\">\n<title>");
	text(p, r->name && *r->name ? r->name : r->id);
	jx_buf_puts(p->out, " — 绩效自评结果</title>\n");
	jx_buf_puts(p->out, style);
	jx_buf_puts(p->out, "</head>\n<body>\n<header>\n<h1>");
	text(p, r->name && *r->name ? r->name : r->id);
	jx_buf_puts(p->out, "</h1>\n<p class=\"meta\">绩效自评结果 · 指标体系 <code>");
	text(p, r->id);
	jx_buf_puts(p->out, "</code> ");
	text(p, r->version);
	jx_buf_printf(
	    p->out,
	    " · sha256 <code title=\"%s\">%.12s</code> · 部门 %zu · 已评分 %zu · 被拒 %zu</p>\n"
	    "</header>\n",
	    r->sha256, r->sha256, res->n, res->n - res->rejected, res->rejected);
}

static void attention(page *p)
{
	const jx_result *res = p->res;
	const jx_rules *r = p->rules;
	const jx_summary *s = res->summary;
	jx_buf_puts(p->out, "<h3>需关注</h3>\n<ul class=\"attention\">\n");
	int any = 0;
	for (size_t d = 0; d < res->n; d++) {
		double rz = s->robust_z[d];
		if (!jx_is_outlier(rz))
			continue;
		any = 1;
		jx_buf_printf(p->out, "<li>离群部门：<a href=\"#dept-%zu\">", d);
		text(p, dept_name(res, d));
		jx_buf_printf(p->out, "</a>（稳健 z = %.2f，%s）</li>\n", rz,
		              rz > 0 ? "偏高" : "偏低");
	}
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_indicator_summary *is = &jx_summary_indicators(res)[i];
		if (!is->target_too_low && !is->n_unexplained)
			continue;
		any = 1;
		jx_buf_puts(p->out, "<li>");
		text(p, r->indicators[i].name);
		jx_buf_puts(p->out, "（<code>");
		text(p, r->indicators[i].id);
		jx_buf_puts(p->out, "</code>）");
		if (is->target_too_low)
			jx_buf_printf(p->out, "：目标可能偏低，%zu 个部门远超目标",
			              is->target_too_low);
		if (is->n_unexplained)
			jx_buf_printf(p->out, "%s偏差超出容差且无说明：%zu 个部门",
			              is->target_too_low ? "；" : "：", is->n_unexplained);
		jx_buf_puts(p->out, "</li>\n");
	}
	for (size_t d = 0; d < res->n; d++) {
		if (res->depts[d].status == JX_DEPT_SCORED)
			continue;
		any = 1;
		jx_buf_printf(p->out, "<li>被拒：<a href=\"#dept-%zu\">", d);
		text(p, dept_name(res, d));
		jx_buf_puts(p->out, "</a> — ");
		text(p, res->depts[d].reason);
		jx_buf_puts(p->out, "</li>\n");
	}
	if (!any)
		jx_buf_puts(p->out, "<li>无离群部门、无偏低目标、无被拒部门</li>\n");
	jx_buf_puts(p->out, "</ul>\n");
}

static void summary(page *p)
{
	const jx_result *res = p->res;
	const jx_rules *r = p->rules;
	const jx_summary *s = res->summary;
	if (!s)
		return;
	char v[64];
	jx_buf_puts(p->out, "<section id=\"summary\">\n<h2>批次汇总</h2>\n<div class=\"cards\">\n");
	snprintf(v, sizeof(v), "%zu", s->total);
	card(p, "部门", v);
	snprintf(v, sizeof(v), "%zu", s->scored);
	card(p, "已评分", v);
	snprintf(v, sizeof(v), "%zu", s->rejected);
	card(p, "被拒", v);
	const struct {
		const char *label;
		double x;
	} st[] = {{"平均分", s->score.mean},
	          {"中位数", s->score.median},
	          {"标准差", s->score.sd},
	          {"最低分", s->score.min},
	          {"最高分", s->score.max}};
	for (size_t k = 0; k < sizeof(st) / sizeof(st[0]); k++) {
		fixed(v, sizeof(v), st[k].x, 2);
		card(p, st[k].label, v);
	}
	for (size_t g = 0; g < r->n_grades; g++) {
		char label[64];
		snprintf(v, sizeof(v), "%zu", s->grade_counts[g]);
		snprintf(label, sizeof(label), "等级 %s", r->grades[g].grade);
		card(p, label, v);
	}
	jx_buf_puts(p->out, "</div>\n<div class=\"charts\">\n");
	jx_html_svg_histogram(p->out, res);
	jx_html_svg_grades(p->out, res);
	jx_buf_puts(p->out, "</div>\n");
	if (r->n_indicators)
		jx_html_svg_completion(p->out, res);
	attention(p);
	jx_buf_puts(p->out, "</section>\n");
}

static void department_table(page *p)
{
	const jx_result *res = p->res;
	const jx_rules *r = p->rules;
	jx_buf_puts(p->out,
	            "<section id=\"departments\">\n<h2>部门排名</h2>\n"
	            "<p class=\"meta noprint\">点击列标题排序；点击部门名称查看其自评表。</p>\n"
	            "<table id=\"dept-table\" class=\"sortable\">\n<thead><tr>"
	            "<th data-type=\"num\">排名</th><th>部门</th><th>编号</th>"
	            "<th data-type=\"num\">总分</th>");
	if (p->claims)
		jx_buf_puts(p->out,
		            "<th data-type=\"num\">自评总分</th><th data-type=\"num\">差异</th>");
	jx_buf_puts(p->out, "<th>等级</th><th>状态</th>"
	                    "<th data-type=\"num\">不适用分值</th><th>标志</th><th>原因</th>"
	                    "</tr></thead>\n<tbody>\n");
	size_t *order = malloc(sizeof(size_t) * (res->n ? res->n : 1));
	if (!order || jx_present_rank_order(order, res) != 0) {
		free(order);
		p->out->failed = 1;
		return;
	}
	for (size_t k = 0; k < res->n; k++) {
		size_t d = order[k];
		const jx_dept_result *dr = &res->depts[d];
		int scored = dr->status == JX_DEPT_SCORED;
		char score[32] = "", excluded[32] = "";
		if (scored)
			jx_format_fixed(score, sizeof(score), dr->total_rounded, r->precision);
		if (dr->excluded_weight > 0)
			snprintf(excluded, sizeof(excluded), "%g", dr->excluded_weight);
		jx_buf_puts(p->out, "<tr data-dept=\"");
		text(p, res->batch->rows[d].id);
		jx_buf_printf(p->out, "\" data-status=\"%s\" data-score=\"%s\"",
		              jx_dept_status_name(dr->status), score);
		if (scored)
			jx_buf_printf(p->out, " data-rank=\"%d\"", dr->rank);
		jx_buf_puts(p->out, scored ? ">" : " class=\"rejected\">");
		if (scored)
			jx_buf_printf(p->out, "<td class=\"n\" data-v=\"%d\">%d</td>", dr->rank,
			              dr->rank);
		else
			jx_buf_puts(p->out, "<td class=\"n\" data-v=\"\">-</td>");
		jx_buf_printf(p->out, "<td><a href=\"#dept-%zu\">", d);
		text(p, dept_name(res, d));
		jx_buf_puts(p->out, "</a></td><td>");
		text(p, res->batch->rows[d].id);
		jx_buf_printf(p->out, "</td><td class=\"n\" data-v=\"%s\">%s</td>", score,
		              scored ? score : "-");
		if (p->claims) {
			char claimed[32] = "", diff[32] = "";
			double c = jx_present_claimed_score(res, d),
			       x = jx_dept_score_difference(res, d);
			if (!isnan(c))
				jx_format_fixed(claimed, sizeof(claimed), c, r->precision);
			if (!isnan(x))
				jx_format_fixed(diff, sizeof(diff), x, r->precision);
			jx_buf_printf(p->out,
			              "<td class=\"n\" data-v=\"%s\">%s</td>"
			              "<td class=\"n\" data-v=\"%s\">%s</td>",
			              claimed, *claimed ? claimed : "-", diff, *diff ? diff : "-");
		}
		if (scored && dr->grade >= 0)
			jx_buf_printf(p->out, "<td class=\"g%ld\">", dr->grade < 4 ? dr->grade : 3);
		else
			jx_buf_puts(p->out, "<td>");
		text(p, scored ? jx_grade_name(r, dr->grade) : "");
		jx_buf_printf(p->out, "</td><td>%s</td><td class=\"n\" data-v=\"%s\">%s</td><td>",
		              scored ? "已评分" : "被拒", excluded, excluded);
		flags_html(p, d);
		jx_buf_puts(p->out, "</td><td>");
		text(p, dr->reason);
		jx_buf_puts(p->out, "</td></tr>\n");
		jx_buf_checkpoint(p->out);
	}
	free(order);
	jx_buf_puts(p->out, "</tbody>\n</table>\n</section>\n");
}

/* The first `level` parts of a path key ("产出指标/数量指标"), as a span. */
static size_t path_part(const char *key, int level, const char **start)
{
	const char *s = key;
	for (int k = 0; k < level && s; k++) {
		s = strchr(s, '/');
		if (s)
			s++;
	}
	if (!s || !*s) {
		*start = "";
		return 0;
	}
	*start = s;
	const char *slash = strchr(s, '/');
	return slash ? (size_t)(slash - s) : strlen(s);
}

/* How many of department d's indicators from k on share the same group at
 * `level` (0 or 1): the rowspan of the merged cell, as the official table
 * merges them. */
static size_t same_group_run(const jx_result *res, size_t d, size_t k, int level)
{
	jx_ind_view v;
	jx_dept_indicator(&v, res, d, k);
	const char *key = v.ind->path_key;
	size_t prefix = 0;
	for (int l = 0; l <= level; l++) {
		const char *part;
		size_t n = path_part(key, l, &part);
		if (!n)
			return 1; /* no group at this level: no merge */
		prefix = (size_t)(part - key) + n;
	}
	size_t run = 1, count = jx_dept_indicator_count(res, d);
	while (k + run < count) {
		jx_ind_view w;
		jx_dept_indicator(&w, res, d, k + run);
		const char *other = w.ind->path_key;
		if (strncmp(other, key, prefix) != 0 ||
		    (other[prefix] != '/' && other[prefix] != '\0'))
			break;
		run++;
	}
	return run;
}

static void indicator_row(page *p, size_t d, size_t k, size_t *run0, size_t *run1)
{
	const jx_rules *r = p->rules;
	jx_ind_view v;
	jx_dept_indicator(&v, p->res, d, k);
	const jx_indicator *ind = v.ind;
	const jx_ind_result *ir = v.ir;
	char num[64], shown[256];
	jx_buf_puts(p->out, "<tr data-indicator=\"");
	text(p, ind->id);
	jx_buf_printf(p->out, "\" data-status=\"%s\"%s", jx_ind_status_name(ir->status),
	              v.declared ? " data-declared=\"1\"" : "");
	if (ir->actual.kind == JX_VAL_NUM && isfinite(ir->actual.u.num)) {
		jx_format_shortest(num, sizeof(num), ir->actual.u.num);
		jx_buf_printf(p->out, " data-actual=\"%s\"", num);
	}
	if (isfinite(jx_ind_completion(ir))) {
		jx_format_shortest(num, sizeof(num), jx_ind_completion(ir));
		jx_buf_printf(p->out, " data-completion=\"%s\"", num);
	}
	jx_format_fixed(num, sizeof(num), ir->score, r->precision);
	jx_buf_printf(p->out, " data-score=\"%s\">", num);
	for (int level = 0; level < 2; level++) {
		size_t *run = level == 0 ? run0 : run1;
		if (*run > 0) {
			(*run)--;
			continue;
		}
		const char *part;
		size_t n = path_part(ind->path_key, level, &part);
		size_t span = same_group_run(p->res, d, k, level);
		if (level == 1 && span > *run0 + 1)
			span = *run0 + 1; /* never across a first-level group */
		*run = span - 1;
		if (span > 1)
			jx_buf_printf(p->out, "<td rowspan=\"%zu\">", span);
		else
			jx_buf_puts(p->out, "<td>");
		char buf[256];
		snprintf(buf, sizeof(buf), "%.*s", (int)(n < 255 ? n : 255), part);
		text(p, buf);
		jx_buf_puts(p->out, "</td>");
	}
	jx_buf_puts(p->out, "<td>");
	text(p, ind->name);
	jx_buf_puts(p->out, "</td><td class=\"t\">");
	char target[128];
	text(p, jx_present_target(target, sizeof(target), ind, ir));
	jx_present_actual(shown, sizeof(shown), ind, ir, r->precision);
	jx_buf_puts(p->out, "</td><td class=\"n\">");
	text(p, shown);
	jx_buf_printf(p->out, "</td><td class=\"n\">%g</td>", ind->weight);
	if (ir->status == JX_IND_EXCLUDED)
		jx_buf_puts(p->out, "<td class=\"n\" data-v=\"\">-</td>");
	else
		jx_buf_printf(p->out, "<td class=\"n\" data-v=\"%s\">%s</td>", num, num);
	jx_buf_puts(p->out, "<td class=\"note\">");
	text(p, jx_present_explanation(ir));
	jx_buf_puts(p->out, "</td></tr>\n");
}

static void checks(page *p, size_t d)
{
	const jx_rules *r = p->rules;
	size_t shown = 0;
	for (size_t c = 0; c < r->n_checks; c++) {
		const jx_check *chk = &r->checks[c];
		const jx_check_result *cr = &p->res->checks[d * r->n_checks + c];
		if (cr->evaluated && cr->passed)
			continue;
		if (!shown++)
			jx_buf_puts(p->out, "<ul class=\"checks\">\n");
		jx_buf_puts(p->out, "<li>核查 <code>");
		text(p, chk->id);
		if (!cr->evaluated) {
			jx_buf_puts(p->out, "</code>：未核查（");
			text(p, cr->detail);
			jx_buf_puts(p->out, "）</li>\n");
			continue;
		}
		jx_buf_puts(p->out, "</code>：未通过");
		if (chk->rhs) {
			char l[64], rr[64];
			jx_format_shortest(l, sizeof(l), cr->lhs);
			jx_format_shortest(rr, sizeof(rr), cr->rhs);
			jx_buf_printf(p->out, "（%s ", l);
			text(p, chk->cmp);
			jx_buf_printf(p->out, " %s）", rr);
		}
		if (chk->message && *chk->message) {
			jx_buf_puts(p->out, " — ");
			text(p, chk->message);
		}
		jx_buf_puts(p->out, "</li>\n");
	}
	if (shown)
		jx_buf_puts(p->out, "</ul>\n");
	else if (r->n_checks)
		jx_buf_printf(p->out, "<p class=\"meta\">核查 %zu 项，全部通过。</p>\n",
		              r->n_checks);
}

static void department_section(page *p, size_t d)
{
	const jx_result *res = p->res;
	const jx_rules *r = p->rules;
	const jx_dept_row *in = &res->batch->rows[d];
	const jx_dept_result *dr = &res->depts[d];
	jx_buf_printf(p->out, "<section class=\"dept\" id=\"dept-%zu\" data-dept=\"", d);
	text(p, in->id);
	jx_buf_puts(p->out, "\">\n<h2>");
	text(p, dept_name(res, d));
	jx_buf_puts(p->out, "（");
	text(p, in->id);
	jx_buf_puts(p->out, "）");
	if (in->fiscal_year)
		jx_buf_printf(p->out, " %d年度", in->fiscal_year);
	jx_buf_puts(p->out, " 绩效自评表</h2>\n<p class=\"score-line\">");
	if (dr->status == JX_DEPT_SCORED) {
		char total[32];
		jx_format_fixed(total, sizeof(total), dr->total_rounded, r->precision);
		jx_buf_printf(p->out, "总分 <b data-v=\"%s\">%s</b> · 等级 <b class=\"g%ld\">",
		              total, total, dr->grade >= 0 && dr->grade < 4 ? dr->grade : 3);
		text(p, jx_grade_name(r, dr->grade));
		jx_buf_printf(p->out, "</b> · 排名 <b>%d</b> / %zu", dr->rank,
		              res->n - res->rejected);
		if (dr->excluded_weight > 0)
			jx_buf_printf(p->out, " · 不适用指标 %g 分，已按百分制折算",
			              dr->excluded_weight);
		jx_buf_puts(p->out, " ");
		flags_html(p, d);
	} else {
		jx_buf_puts(p->out, "<b>被拒（未评分）</b>：");
		text(p, dr->reason);
	}
	jx_buf_puts(p->out, "</p>\n");
	if (in->reject_reason) {
		jx_buf_puts(p->out, "</section>\n");
		return;
	}
	jx_buf_puts(p->out,
	            "<table class=\"ziping\">\n<thead><tr><th>一级指标</th><th>二级指标</th>"
	            "<th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th>"
	            "<th>得分</th><th>偏差原因</th></tr></thead>\n<tbody>\n");
	size_t run0 = 0, run1 = 0;
	double weights = 0;
	for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		indicator_row(p, d, k, &run0, &run1);
		weights += v.ind->weight;
	}
	char total[32] = "-";
	if (dr->status == JX_DEPT_SCORED)
		jx_format_fixed(total, sizeof(total), dr->total_rounded, r->precision);
	jx_buf_printf(p->out,
	              "</tbody>\n<tfoot><tr class=\"total\"><td colspan=\"5\">合计</td>"
	              "<td class=\"n\">%g</td><td class=\"n\" data-v=\"%s\">%s</td><td>%s</td>"
	              "</tr></tfoot>\n</table>\n",
	              weights, dr->status == JX_DEPT_SCORED ? total : "", total,
	              dr->excluded_weight > 0 ? "得分为按百分制折算后的总分" : "");
	checks(p, d);
	jx_buf_puts(p->out, "</section>\n");
}

/* ---- 复核意见 ------------------------------------------------------------- */

/* A difference cell: its text ("+13.82", "0.00", "-1.90"; "-" when none),
 * data-v the JSON's number, red when the claim is above, blue below. */
static void difference_cell(page *p, double x)
{
	int digits = p->rules->precision;
	if (isnan(x)) {
		jx_buf_puts(p->out, "<td class=\"n\" data-v=\"\">-</td>");
		return;
	}
	char num[40];
	jx_format_fixed(num, sizeof(num), x, digits);
	double shown = jx_round(x, digits);
	jx_buf_printf(p->out, "<td class=\"n%s\" data-v=\"%s\">%s%s</td>",
	              shown > 0   ? " d-up"
	              : shown < 0 ? " d-down"
	                          : "",
	              num, shown > 0 ? "+" : "", num);
}

static void score_cell(page *p, double x)
{
	char num[40] = "";
	if (!isnan(x))
		jx_format_fixed(num, sizeof(num), x, p->rules->precision);
	jx_buf_printf(p->out, "<td class=\"n\" data-v=\"%s\">%s</td>", num, *num ? num : "-");
}

static void review_row(page *p, size_t d, size_t k)
{
	jx_ind_view v;
	jx_dept_indicator(&v, p->res, d, k);
	int excluded = v.ir->status == JX_IND_EXCLUDED;
	double diff = jx_view_difference(p->res, &v);
	/* data-review-indicator, not data-indicator: the 自评表 rows keep theirs */
	jx_buf_puts(p->out, "<tr data-review-indicator=\"");
	text(p, v.ind->id);
	const char *code = jx_view_review_code(p->res, &v);
	jx_buf_puts(p->out, "\" data-review-code=\"");
	text(p, code ? code : "");
	char claimed[40] = "", score[40] = "", difference[40] = "";
	int digits = p->rules->precision;
	if (!isnan(v.claimed))
		jx_format_fixed(claimed, sizeof(claimed), v.claimed, digits);
	if (!excluded)
		jx_format_fixed(score, sizeof(score), v.ir->score, digits);
	if (!isnan(diff))
		jx_format_fixed(difference, sizeof(difference), diff, digits);
	jx_buf_printf(p->out,
	              "\" data-claimed=\"%s\" data-score=\"%s\" data-difference=\"%s\"><td>",
	              claimed, score, difference);
	text(p, v.ind->name);
	jx_buf_printf(p->out, "</td><td class=\"n\">%g</td>", v.ind->weight);
	score_cell(p, v.claimed);
	score_cell(p, excluded ? NAN : v.ir->score);
	difference_cell(p, diff);
	jx_buf note = {0};
	jx_present_review_note(&note, p->res, &v);
	jx_buf_puts(p->out, "<td class=\"note\">");
	text(p, jx_buf_cstr(&note));
	jx_buf_puts(p->out, "</td></tr>\n");
	jx_buf_free(&note);
}

/* What the 复核 found, in words: each flag, with the numbers behind it. */
static void review_findings(page *p, size_t d)
{
	const jx_result *res = p->res;
	const jx_dept_result *dr = &res->depts[d];
	if (!dr->flags)
		return;
	jx_buf_puts(p->out, "<h3>复核发现</h3>\n<ul class=\"review-flags\">\n");
	for (unsigned k = 0; k < JX_DEPT_FLAG_COUNT; k++) {
		unsigned bit = 1u << k;
		if (!(dr->flags & bit))
			continue;
		jx_buf_printf(p->out, "<li data-flag=\"%s\">%s", jx_dept_flag_name(k),
		              jx_dept_flag_words(k));
		if (bit == JX_DEPT_CLAIMED_SUM_MISMATCH) {
			char sum[40], total[40];
			jx_format_fixed(sum, sizeof(sum), jx_dept_claimed_rows(res, d, NULL),
			                p->rules->precision);
			jx_format_fixed(total, sizeof(total), jx_dept_claimed_score(res, d),
			                p->rules->precision);
			jx_buf_printf(p->out, "：表中总分 %s，各项自评得分合计 %s", total, sum);
		} else if (bit == JX_DEPT_WEIGHTS_OFF_SCHEME) {
			jx_buf_puts(p->out, "：按表中分值计分，按百分制折算");
		} else if (bit == JX_DEPT_ALL_FULL_MARKS) {
			jx_buf_puts(p->out, "：除预算执行率外，每一项都自评满分");
		} else if (bit == JX_DEPT_AHEAD_OF_EXECUTION) {
			jx_buf_puts(p->out, "：产出、效益的得分率超前于预算执行的得分率 5% 以上");
		}
		jx_buf_puts(p->out, "</li>\n");
	}
	jx_buf_puts(p->out, "</ul>\n");
}

static void review_page(page *p, size_t d)
{
	const jx_result *res = p->res;
	const jx_rules *r = p->rules;
	const jx_dept_row *in = &res->batch->rows[d];
	const jx_dept_result *dr = &res->depts[d];
	double claimed = jx_present_claimed_score(res, d), diff = jx_dept_score_difference(res, d);
	char total[40], claimed_text[40] = "", diff_text[40] = "";
	jx_format_fixed(total, sizeof(total), dr->total_rounded, r->precision);
	if (!isnan(claimed))
		jx_format_fixed(claimed_text, sizeof(claimed_text), claimed, r->precision);
	if (!isnan(diff))
		jx_format_fixed(diff_text, sizeof(diff_text), diff, r->precision);
	jx_buf_printf(p->out, "<section class=\"review\" id=\"review-%zu\" data-review-dept=\"", d);
	text(p, in->id);
	jx_buf_printf(
	    p->out,
	    "\" data-score=\"%s\" data-claimed-score=\"%s\" data-score-difference=\"%s\">\n"
	    "<h2>复核意见</h2>\n<p class=\"meta\">被复核单位：",
	    total, claimed_text, diff_text);
	text(p, dept_name(res, d));
	jx_buf_puts(p->out, "（");
	text(p, in->id);
	jx_buf_puts(p->out, "）");
	if (in->fiscal_year)
		jx_buf_printf(p->out, " · %d年度", in->fiscal_year);
	jx_buf_puts(p->out, " · 指标体系 ");
	text(p, r->id);
	jx_buf_puts(p->out, " ");
	text(p, r->version);
	jx_buf_puts(p->out,
	            "</p>\n<table class=\"review\">\n<thead><tr><th>指标</th><th>分值</th>"
	            "<th>自评得分</th><th>复核得分</th><th>差异</th><th>说明</th></tr></thead>\n"
	            "<tbody>\n");
	double weights = 0, sum = 0;
	for (size_t k = 0; k < jx_dept_indicator_count(res, d); k++) {
		jx_ind_view v;
		jx_dept_indicator(&v, res, d, k);
		weights += v.ind->weight;
		if (v.ir->status != JX_IND_EXCLUDED)
			sum += v.ir->score;
		review_row(p, d, k);
	}
	int rescaled = fabs(sum - dr->total) > 1e-9; /* 按百分制 (docs/reports.md, "复核") */
	jx_buf_printf(p->out,
	              "</tbody>\n<tfoot><tr class=\"total\"><td>合计</td><td class=\"n\">%g</td>",
	              weights);
	score_cell(p, claimed);
	score_cell(p, dr->total_rounded);
	difference_cell(p, diff);
	jx_buf_printf(p->out, "<td>%s</td></tr></tfoot>\n</table>\n",
	              rescaled ? "复核得分合计为按百分制折算后的总分" : "");
	review_findings(p, d);
	jx_buf_printf(p->out, "<p class=\"conclusion\">复核结论：复核得分 <b>%s</b>（", total);
	text(p, jx_grade_name(r, dr->grade));
	jx_buf_puts(p->out, "）");
	if (*claimed_text)
		jx_buf_printf(p->out, "，自评得分 %s，差异 %s%s", claimed_text,
		              jx_round(diff, r->precision) > 0 ? "+" : "", diff_text);
	jx_buf_puts(p->out, "。</p>\n<div class=\"sign\"><p>复核单位（盖章）：<span "
	                    "class=\"blank\"></span></p><p>日期：<span class=\"blank\"></span></p>"
	                    "</div>\n</section>\n");
}

/* After the report: one 复核意见 per scored department whose table claims
 * scores. */
static void review_pages(page *p)
{
	for (size_t d = 0; d < p->res->n; d++)
		if (p->res->depts[d].status == JX_DEPT_SCORED && jx_dept_has_claims(p->res, d)) {
			review_page(p, d);
			jx_buf_checkpoint(p->out);
		}
}

int jx_write_html(const jx_result *res, jx_buf *out)
{
	if (jx_summary_prepare(res) != JX_OK)
		return JX_ENOMEM; /* statistics that could not be computed are not left out */
	page p = {out, res, res->rules, jx_batch_has_claimed_total(res)};
	header(&p);
	jx_buf_puts(out, "<main>\n");
	summary(&p);
	department_table(&p);
	for (size_t d = 0; d < res->n; d++) {
		department_section(&p, d);
		jx_buf_checkpoint(out); /* on to the sink a MiB at a time */
	}
	review_pages(&p);
	jx_buf_puts(out, "</main>\n<footer>由 jixiao " JX_VERSION_STRING
	                 " 生成 · 分数按指标体系的小数位四舍五入（与 JSON 输出一致）</footer>\n");
	jx_buf_puts(out, script);
	jx_buf_puts(out, "</body>\n</html>\n");
	return out->failed ? JX_ENOMEM : JX_OK;
}
