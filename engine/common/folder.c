/*
 * folder.c - the files of a folder in name order (see folder.h). Name
 * order makes a run over a folder the same on every machine, whatever
 * order the file system returns.
 */
#include "folder.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void jx_file_list_free(jx_file_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->items[i]);
	free(list->items);
	*list = (jx_file_list){0};
}

int jx_folder_list(jx_file_list *out, const char *dir, int (*want)(const char *name), size_t max)
{
	*out = (jx_file_list){0};
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || (want && !want(e->d_name)))
			continue;
		if (out->n >= max) {
			rc = -2;
			break;
		}
		jx_buf p = {0};
		size_t dl = strlen(dir);
		while (dl > 1 && dir[dl - 1] == '/')
			dl--; /* "自评表/" names the same folder */
		jx_buf_printf(&p, "%.*s/%s", (int)dl, dir, e->d_name);
		if (p.failed || JX_VEC_PUSH(*out, p.data) != 0) {
			jx_buf_free(&p);
			rc = -3;
		}
	}
	closedir(d);
	if (out->n)
		qsort(out->items, out->n, sizeof(char *), compare_names);
	return rc;
}

int jx_is_folder(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
