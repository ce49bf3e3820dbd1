/*
 * conduct's entry point: the table of subcommands (as git's builtin list),
 * global --help and --version, and `conduct help COMMAND`. Each subcommand
 * lives in src/cli/cmd_<name>.c and returns an exit code from enum
 * cnd_exit.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/report/report.h"

#include "cli.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	void (*usage)(FILE *f);
	const char *summary;
};

static const struct command commands[] = {
	{ "scan", cnd_cmd_scan, cnd_cmd_scan_usage,
	  "scan exports, flag risks, write the workbook and JSON report" },
	{ "inspect", cnd_cmd_inspect, cnd_cmd_inspect_usage,
	  "show what each export holds, without rules or reports" },
	{ "merge", cnd_cmd_merge, cnd_cmd_merge_usage,
	  "merge per-archive JSON reports (scan --parts-dir) into one workbook and report" },
	{ "rules", cnd_cmd_rules, cnd_cmd_rules_usage,
	  "print the rule catalogue with its citations" },
	{ "standards", cnd_cmd_standards, cnd_cmd_standards_usage,
	  "list the codes of conduct and clauses conduct can cite" },
	{ "policy", cnd_cmd_policy, cnd_cmd_policy_usage,
	  "print the built-in policy, or check a policy file" },
	{ "keygen", cnd_cmd_keygen, cnd_cmd_keygen_usage,
	  "write a new pseudonym key for research mode (--anonymise)" },
	{ NULL, NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	const struct command *c;

	fprintf(f,
		"usage: conduct COMMAND [options] [INPUT...]\n"
		"       conduct --help | --version | help COMMAND\n"
		"\n"
		"conduct reads a staff member's social-media data exports (with their\n"
		"consent) and flags professional-boundary and confidentiality risks\n"
		"for an annual professional-conduct review.\n"
		"\n"
		"commands:\n");
	for (c = commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary);
	fprintf(f, "\nRun 'conduct help COMMAND' for a command's options.\n");
}

static const struct command *find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int main(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		usage(stderr);
		return CND_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return CND_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("conduct %s\n", cnd_version);
		return CND_EXIT_OK;
	}
	if (!strcmp(argv[1], "help")) {
		if (argc < 3) {
			usage(stdout);
			return CND_EXIT_OK;
		}
		c = find(argv[2]);
		if (!c) {
			fprintf(stderr, "conduct: no command '%s'\n", argv[2]);
			return CND_EXIT_USAGE;
		}
		c->usage(stdout);
		return CND_EXIT_OK;
	}
	c = find(argv[1]);
	if (!c) {
		fprintf(stderr, "conduct: no command '%s' (see 'conduct --help')\n",
			argv[1]);
		return CND_EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
