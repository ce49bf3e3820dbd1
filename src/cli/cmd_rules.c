/*
 * `conduct rules`: prints the rule catalogue from the rule table (id,
 * default severity, what it flags, citations), the same text every finding
 * cites, so a reviewer can read why a rule exists without the source.
 */
#include <string.h>

#include "conduct/rule.h"

#include "cli.h"

static const struct cnd_cli_opt rules_opts[] = {
	{ "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL },
};

void cnd_cmd_rules_usage(FILE *f)
{
	fprintf(f, "usage: conduct rules\n\n"
		   "Print the rule catalogue: each rule's id, default severity, what it\n"
		   "flags and the professional standards it cites.\n\noptions:\n");
	cnd_cli_print_options(f, rules_opts);
}

static int on_opt(void *ud, int k, const char *v)
{
	int *help = ud;

	if (k == 0) {
		*help = 1;
		return 0;
	}
	fprintf(stderr, "conduct rules: unexpected argument '%s'\n", v);
	return -1;
}

int cnd_cmd_rules(int argc, char **argv)
{
	const struct cnd_rule *const *r;
	int help = 0;

	if (cnd_cli_parse(argc, argv, "rules", rules_opts, on_opt, &help))
		return CND_EXIT_USAGE;
	if (help) {
		cnd_cmd_rules_usage(stdout);
		return CND_EXIT_OK;
	}
	for (r = cnd_rules; *r; r++) {
		const char *const *c;

		printf("%s (%s): %s\n  %s\n", (*r)->id,
		       cnd_severity_name((*r)->severity), (*r)->title,
		       (*r)->flags);
		for (c = (*r)->citations; c && *c; c++)
			printf("  - %s\n", *c);
		if (r[1])
			printf("\n");
	}
	return CND_EXIT_OK;
}
