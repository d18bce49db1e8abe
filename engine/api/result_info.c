/*
 * result_info.c - the public view of a result's batch statistics, and
 * writing a result into memory.
 */
#include <stdlib.h>
#include <string.h>

#include "../output/output.h"
#include "../stats/stats.h"

int jx_result_summary(jx_summary_info *out, const jx_result *res)
{
	if (!out || !res || !res->summary)
		return JX_EINVAL;
	const jx_summary *s = res->summary;
	out->total = s->total;
	out->scored = s->scored;
	out->rejected = s->rejected;
	out->mean = s->score.mean;
	out->median = s->score.median;
	out->sd = s->score.sd;
	out->min = s->score.min;
	out->max = s->score.max;
	return JX_OK;
}

int jx_result_grade_count(size_t *out, const jx_result *res, size_t grade)
{
	if (!out || !res || !res->summary || grade >= res->rules->n_grades)
		return JX_EINVAL;
	*out = res->summary->grade_counts[grade];
	return JX_OK;
}

int jx_result_write_buffer(char **out, size_t *out_len, const jx_result *res, jx_format format)
{
	if (!out)
		return JX_EINVAL;
	*out = NULL;
	if (out_len)
		*out_len = 0;
	if (!res)
		return JX_EINVAL;
	jx_buf doc = {0};
	int rc = jx_write_format(res, format, &doc);
	if (rc == JX_OK && doc.failed)
		rc = JX_ENOMEM;
	if (rc != JX_OK) {
		jx_buf_free(&doc);
		return rc;
	}
	/* The caller gets plain malloc'd memory, freed with jx_free(). */
	size_t len = doc.len;
	char *copy = malloc(len + 1);
	if (!copy) {
		jx_buf_free(&doc);
		return JX_ENOMEM;
	}
	if (len)
		memcpy(copy, doc.data, len);
	copy[len] = '\0';
	jx_buf_free(&doc);
	*out = copy;
	if (out_len)
		*out_len = len;
	return JX_OK;
}

void jx_free(void *ptr)
{
	free(ptr);
}
