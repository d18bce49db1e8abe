/*
 * html_svg.h - the HTML report's pieces shared between html.c (the page)
 * and html_svg.c (its inline SVG charts).
 */
#ifndef JX_HTML_SVG_H
#define JX_HTML_SVG_H

#include <stddef.h>

#include "output.h"

/* Appends s as HTML text or attribute value: & < > " ' escaped, invalid
 * UTF-8 as U+FFFD, control characters (other than tab and newline) as a
 * space. NULL appends nothing. */
void jx_html_text(jx_buf *out, const char *s);

/* The charts, each a <figure> holding one <svg> with a <title> and a
 * caption; every bar carries its number in a data-v attribute. */
void jx_html_svg_histogram(jx_buf *out, const jx_result *res);
void jx_html_svg_grades(jx_buf *out, const jx_result *res);
/* Mean completion per indicator over the scored departments, one horizontal
 * bar each, with a line at 100 %. */
void jx_html_svg_completion(jx_buf *out, const jx_result *res);

#endif
