/*
 * html_svg.c - the HTML report's charts as inline SVG (no script, no
 * network): the score histogram, the grade distribution and the mean
 * completion per indicator. Coordinates are written with fixed decimals, so
 * the same result gives the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/round.h"
#include "../common/utf8.h"
#include "html_svg.h"

void jx_html_text(jx_buf *out, const char *s)
{
	if (!s)
		return;
	size_t len = strlen(s), i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '&':
			jx_buf_puts(out, "&amp;");
			i++;
			continue;
		case '<':
			jx_buf_puts(out, "&lt;");
			i++;
			continue;
		case '>':
			jx_buf_puts(out, "&gt;");
			i++;
			continue;
		case '"':
			jx_buf_puts(out, "&quot;");
			i++;
			continue;
		case '\'':
			jx_buf_puts(out, "&#39;");
			i++;
			continue;
		default:
			break;
		}
		if (c < 0x20) {
			jx_buf_putc(out, c == '\n' || c == '\t' ? (char)c : ' ');
			i++;
			continue;
		}
		size_t n = c < 0x80 ? 1 : jx_utf8_decode(s + i, len - i, NULL);
		if (n == 0) {
			jx_buf_puts(out, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		jx_buf_append(out, s + i, n);
		i += n;
	}
}

static const char *const grade_colors[] = {"#2e7d32", "#1565c0", "#ef6c00",
                                           "#c62828", "#6a1b9a", "#546e7a"};

/* A vertical bar chart: n bars with labels and counts. */
static void bar_chart(jx_buf *out, const char *id, const char *title, const char *caption,
                      const char *const *labels, const size_t *counts, size_t n,
                      const char *const *colors, size_t n_colors, const char *x_name)
{
	const double w = 560, h = 280, left = 44, right = 12, top = 16, bottom = 52;
	const double pw = w - left - right, ph = h - top - bottom;
	size_t most = 1;
	for (size_t k = 0; k < n; k++)
		if (counts[k] > most)
			most = counts[k];
	/* a round axis top: 1, 2, 5 x 10^k steps, about five gridlines */
	double step = 1;
	for (double mag = 1; step * 5 < (double)most; mag *= 10) {
		static const double nice[] = {1, 2, 5};
		for (size_t k = 0; k < 3; k++) {
			step = nice[k] * mag;
			if (step * 5 >= (double)most)
				break;
		}
	}
	double top_v = ceil((double)most / step) * step;
	jx_buf_printf(out, "<figure class=\"chart\" id=\"%s\">\n", id);
	jx_buf_printf(out,
	              "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	              "role=\"img\" aria-labelledby=\"%s-t\">",
	              w, h, id);
	jx_buf_printf(out, "<title id=\"%s-t\">", id);
	jx_html_text(out, title);
	jx_buf_puts(out, "</title>\n");
	for (double v = 0; v <= top_v + 1e-9; v += step) {
		double y = top + ph - ph * v / top_v;
		jx_buf_printf(
		    out,
		    "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		    "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
		    left, y, left + pw, y, left - 6, y + 4, v);
	}
	double slot = pw / (double)(n ? n : 1), bw = slot * 0.72;
	for (size_t k = 0; k < n; k++) {
		double x0 = left + slot * (double)k + (slot - bw) / 2;
		double bh = ph * (double)counts[k] / top_v;
		const char *color = colors[n_colors ? k % n_colors : 0];
		jx_buf_printf(
		    out,
		    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"%s\" data-label=\"",
		    x0, top + ph - bh, bw, bh, color);
		jx_html_text(out, labels[k]);
		jx_buf_printf(out, "\" data-v=\"%zu\"/>", counts[k]);
		if (counts[k])
			jx_buf_printf(out,
			              "<text class=\"val\" x=\"%.1f\" y=\"%.1f\" "
			              "text-anchor=\"middle\">%zu</text>",
			              x0 + bw / 2, top + ph - bh - 4, counts[k]);
		jx_buf_printf(out,
		              "<text class=\"lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		              x0 + bw / 2, top + ph + 16);
		jx_html_text(out, labels[k]);
		jx_buf_puts(out, "</text>\n");
	}
	jx_buf_printf(out,
	              "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
	              "<text class=\"axname\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
	              left, top + ph, left + pw, top + ph, left + pw / 2, h - 10);
	jx_html_text(out, x_name);
	jx_buf_puts(out, "</text></svg>\n<figcaption>");
	jx_html_text(out, caption);
	jx_buf_puts(out, "</figcaption>\n</figure>\n");
}

void jx_html_svg_histogram(jx_buf *out, const jx_result *res)
{
	const jx_summary *s = res->summary;
	char text[JX_HISTOGRAM_BINS][48];
	const char *labels[JX_HISTOGRAM_BINS];
	for (size_t b = 0; b < JX_HISTOGRAM_BINS; b++) {
		snprintf(text[b], sizeof(text[b]), "%g–%g", s->histogram_edges[b],
		         s->histogram_edges[b + 1]);
		labels[b] = text[b];
	}
	static const char *const color[] = {"#4472c4"};
	bar_chart(out, "chart-histogram", "总分分布（部门数）", "总分分布：每 10 分一段的部门数",
	          labels, s->histogram, JX_HISTOGRAM_BINS, color, 1, "总分");
}

void jx_html_svg_grades(jx_buf *out, const jx_result *res)
{
	const jx_rules *r = res->rules;
	const char *labels[64];
	size_t n = r->n_grades < 64 ? r->n_grades : 64;
	for (size_t g = 0; g < n; g++)
		labels[g] = r->grades[g].grade;
	bar_chart(out, "chart-grades", "等级分布（部门数）", "等级分布：各等级的部门数", labels,
	          res->summary->grade_counts, n, grade_colors,
	          sizeof(grade_colors) / sizeof(grade_colors[0]), "等级");
}

void jx_html_svg_completion(jx_buf *out, const jx_result *res)
{
	const jx_rules *r = res->rules;
	const double left = 250, right = 70, top = 24, row_h = 22, bottom = 30, w = 860;
	double h = top + row_h * (double)r->n_indicators + bottom;
	double pw = w - left - right;
	double most = 1.5; /* the axis reaches at least 150 % */
	for (size_t i = 0; i < r->n_indicators; i++) {
		double m = jx_summary_indicators(res)[i].completion.mean;
		if (isfinite(m) && m > most)
			most = m;
	}
	if (most > 3)
		most = 3; /* beyond 300 % the bar is clipped and the number says it */
	most = ceil(most * 2) / 2;
	jx_buf_puts(out, "<figure class=\"chart wide\" id=\"chart-completion\">\n");
	jx_buf_printf(out,
	              "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	              "role=\"img\" aria-labelledby=\"chart-completion-t\">",
	              w, h);
	jx_buf_puts(out, "<title id=\"chart-completion-t\">各指标平均完成率</title>\n");
	for (double v = 0; v <= most + 1e-9; v += 0.5) {
		double x = left + pw * v / most;
		jx_buf_printf(out,
		              "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		              "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
		              "text-anchor=\"middle\">%.0f%%</text>\n",
		              v == 1 ? "target" : "grid", x, top - 4, x, h - bottom, x,
		              h - bottom + 16, v * 100);
	}
	for (size_t i = 0; i < r->n_indicators; i++) {
		const jx_indicator_summary *is = &jx_summary_indicators(res)[i];
		double m = is->completion.mean;
		double y = top + row_h * (double)i;
		jx_buf_printf(out, "<text class=\"lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
		              left - 8, y + row_h * 0.68);
		jx_html_text(out, r->indicators[i].name);
		jx_buf_puts(out, "</text>");
		char v[32];
		if (isfinite(m)) {
			double shown = m < 0 ? 0 : m > most ? most : m;
			const char *cls = m < 1                ? "bar under"
			                  : is->target_too_low ? "bar over"
			                                       : "bar";
			jx_format_fixed(v, sizeof(v), m * 100, 1);
			jx_buf_printf(out,
			              "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			              "height=\"%.1f\" data-indicator=\"",
			              cls, left, y + 3, pw * shown / most, row_h - 6);
			jx_html_text(out, r->indicators[i].id);
			char exact[40];
			jx_format_shortest(exact, sizeof(exact), m);
			jx_buf_printf(out, "\" data-v=\"%s\"/>", exact);
			jx_buf_printf(out,
			              "<text class=\"val\" x=\"%.1f\" y=\"%.1f\">%s%%</text>\n",
			              left + pw * shown / most + 4, y + row_h * 0.68, v);
		} else {
			jx_buf_printf(
			    out, "<text class=\"val\" x=\"%.1f\" y=\"%.1f\">—（无完成率）</text>\n",
			    left + 4, y + row_h * 0.68);
		}
	}
	jx_buf_puts(out, "</svg>\n<figcaption>各指标平均完成率（实际 ÷ 目标，已评分部门的平均；"
	                 "虚线为 100%，浅色为未达标，深色为远超目标）</figcaption>\n</figure>\n");
}
