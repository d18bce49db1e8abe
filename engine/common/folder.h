/*
 * folder.h - the files of a folder, in name order: a rule set's *.yaml
 * files, a bureau's folder of 自评表 workbooks.
 */
#ifndef JX_FOLDER_H
#define JX_FOLDER_H

#include <stddef.h>

typedef struct {
	char **items; /* "dir/name", malloc'd, sorted by name (byte order) */
	size_t n, cap;
} jx_file_list;

/* Lists the files of dir whose name `want` accepts (hidden files never),
 * at most max of them. 0; -1 when the folder cannot be read (errno set);
 * -2 when it holds more than max; -3 when out of memory. */
int jx_folder_list(jx_file_list *out, const char *dir, int (*want)(const char *name), size_t max);
void jx_file_list_free(jx_file_list *list);

/* Whether path names a folder. */
int jx_is_folder(const char *path);

#endif
