/*
 * workbook_rss.c - reads a workbook sheet by sheet, as the table reader
 * does, and says how many cells it saw: run under /usr/bin/time -v for the
 * peak RSS and time in docs/fuzzing.md ("Workbooks"). Built by hand
 * against a Release build of the library:
 *
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L bench/workbook_rss.c -Iinclude -Iengine \
 *      build/libjixiao.a $(pkg-config --libs libfyaml gsl nettle xlsxwriter libzip \
 *      expat freexl) -lpthread -lm -o workbook_rss
 *   /usr/bin/time -v ./workbook_rss big.xlsx
 *
 * The file is mapped, not copied (the reader borrows the bytes).
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/workbook/workbook.h"

/* The library writes through callbacks (include/jixiao.h, jx_write_fn). */
static int write_stream(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct stat st;
	jx_diagnostics *d = NULL;
	jx_workbook *wb = NULL;
	size_t cells = 0, largest = 0;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s WORKBOOK\n", argv[0]);
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_size == 0) {
		perror(argv[1]);
		return 1;
	}
	void *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (data == MAP_FAILED || jx_diagnostics_new(&d) != JX_OK)
		return 1;
	if (jx_workbook_open(&wb, argv[1], argv[1], data, (size_t)st.st_size, d) != JX_OK)
		goto out;
	for (size_t i = 0; i < jx_workbook_sheet_count(wb); i++) {
		jx_sheet *s = NULL;
		if (jx_workbook_read_sheet(&s, wb, i, d) != JX_OK)
			goto out;
		cells += s->n_cells;
		if (s->n_cells > largest)
			largest = s->n_cells;
		jx_sheet_free(s);
	}
	printf("%zu sheets, %zu cells, the largest sheet %zu cells\n", jx_workbook_sheet_count(wb),
	       cells, largest);
	rc = 0;
out:
	jx_diagnostics_write(d, write_stream, stderr);
	jx_workbook_close(wb);
	jx_diagnostics_free(d);
	munmap(data, (size_t)st.st_size);
	return rc;
}
