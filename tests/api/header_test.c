/*
 * header_test.c - include/jixiao.h compiles alone as strict C11
 * (-std=c11 -pedantic -Werror -Wall -Wextra), and the header's version matches
 * the library's; jx_strerror names each jx_error apart.
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
	/* every code its own text; any other int the one for unknown codes */
	const char *unknown = jx_strerror(1);
	if (!unknown || !*unknown || strcmp(unknown, jx_strerror(-99)) != 0)
		return 1;
	for (int code = JX_ENOTFOUND; code <= JX_OK; code++) {
		const char *text = jx_strerror(code);
		if (!text || !*text || strcmp(text, unknown) == 0)
			return 1;
		for (int other = JX_ENOTFOUND; other < code; other++)
			if (strcmp(text, jx_strerror(other)) == 0)
				return 1;
	}
	if (strcmp(jx_strerror(JX_ENOMEM), "out of memory") != 0)
		return 1;
	return strcmp(jx_version(), JX_VERSION_STRING) == 0 && JX_VERSION_MAJOR >= 0 ? 0 : 1;
}
