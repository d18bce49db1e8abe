/*
 * cmd_read.c - `jixiao read`: what was read from departments' 自评表
 * (workbooks, long CSVs, folders), as the long CSV `score --indicators`
 * reads, or as JSON showing the header row found, the column mapping and
 * the blocks (docs/data.md, "jixiao read").
 */
#include <string.h>

#include "cli.h"

static const char usage_read[] =
    "usage: jixiao read FILE... [--format csv|json] [-o OUT] [--encoding E]\n"
    "\n"
    "Reads the departments' own 自评表 in each FILE (an .xlsx / .xls workbook as\n"
    "published, a long CSV, or a folder of them) without a rule set and prints\n"
    "what was read:\n"
    "  --format csv   (default) the long CSV that `jixiao score --indicators`\n"
    "                 reads: one row per indicator row; a workbook's fund block\n"
    "                 as a 预算执行率 row with budget.initial, budget.total and\n"
    "                 spend.total; its 总分 row. The bureau's converter.\n"
    "  --format json  per table: the file and sheet, the header row found, the\n"
    "                 column of each heading, the header and fund blocks, every\n"
    "                 row and what it was taken for: how a template problem is\n"
    "                 found.\n"
    "Sheets with no 自评表 are skipped with a note. Exit 0, 4 when a file\n"
    "cannot be read (the others are still printed).\n"
    "\n"
    "examples:\n"
    "  jixiao read 自评表/ -o 自评表.csv\n"
    "  jixiao read fixtures/published/zhongjiang-shuili-2022.xlsx --format json\n";

typedef struct {
	const char *text;
	size_t len;
} read_output;

static int write_text(void *ctx, FILE *f)
{
	const read_output *o = ctx;
	return fwrite(o->text, 1, o->len, f) == o->len ? 0 : -1;
}

int cmd_read(int argc, char **argv)
{
	cli_options o;
	int rc;
	if (cli_start(&o, argc, argv, usage_read, &rc))
		return rc;
	if (o.npaths < 1)
		return cli_usage_error(usage_read, "%s", "read needs at least one FILE");
	jx_format format = JX_FORMAT_CSV;
	if (o.format && (jx_format_parse(&format, o.format) != JX_OK ||
	                 (format != JX_FORMAT_CSV && format != JX_FORMAT_JSON)))
		return cli_usage_error(usage_read, "unknown --format '%s' (csv or json)", o.format);
	jx_diagnostics *diags = NULL;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return EXIT_DATA;
	jx_read_options ro = JX_READ_OPTIONS_INIT;
	ro.encoding = o.encoding;
	char *text = NULL;
	size_t len = 0;
	int read = jx_tables_read(&text, &len, (const char *const *)o.paths, (size_t)o.npaths,
	                          format, &ro, diags);
	cli_print_diagnostics(diags, 0);
	jx_diagnostics_free(diags);
	rc = read == JX_OK ? 0 : EXIT_DATA;
	if (text) {
		read_output out = {text, len};
		if (o.output ? cli_write_atomically(o.output, write_text, &out) != 0
		             : write_text(&out, stdout) != 0)
			rc = EXIT_DATA;
	}
	jx_free(text);
	return rc;
}
