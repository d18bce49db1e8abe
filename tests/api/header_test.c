/*
 * header_test.c - include/jixiao.h compiles alone as strict C11
 * (-std=c11 -pedantic -Werror -Wall -Wextra), and the header's version matches
 * the library's.
 */
#include "jixiao.h"

#include <string.h>

int main(void)
{
	jx_score_options opts = {.lenient = 0, .jobs = 1};
	jx_dept_info dept;
	jx_indicator_result ind;
	jx_group_info group;
	jx_grade_info grade;
	jx_summary_info summary;
	jx_format format = JX_FORMAT_JSON;
	(void)opts;
	(void)dept;
	(void)ind;
	(void)group;
	(void)grade;
	(void)summary;
	if (jx_format_parse(&format, "csv") != JX_OK || format != JX_FORMAT_CSV)
		return 1;
	return strcmp(jx_version(), JX_VERSION_STRING) == 0 && JX_VERSION_MAJOR >= 0 ? 0 : 1;
}
