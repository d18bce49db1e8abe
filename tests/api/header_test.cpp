// header_test.cpp - include/jixiao.h compiles alone as C++11
// (-std=c++11 -pedantic -Werror -Wall -Wextra) and links through extern "C".
#include "jixiao.h"

#include <cstring>
/* A rule set from a YAML text in memory. */
static int load_text(jx_rules **out, const char *name, const char *yaml, size_t len,
                     jx_diagnostics *diags)
{
	jx_rules_options opts = JX_RULES_OPTIONS_INIT;
	opts.text = yaml;
	opts.text_len = len;
	opts.name = name;
	return jx_rules_open(out, &opts, diags);
}

int main()
{
	jx_diagnostics *diags = nullptr;
	if (jx_diagnostics_new(&diags) != JX_OK)
		return 1;
	jx_rules *rules = nullptr;
	int rc = load_text(&rules, "bad.yaml", "x: [", 4, diags);
	bool ok = rc == JX_ERULES && rules == nullptr && jx_diagnostics_error_count(diags) > 0;
	jx_rules_free(rules);
	jx_diagnostics_free(diags);
	return ok && std::strcmp(jx_version(), JX_VERSION_STRING) == 0 ? 0 : 1;
}
