/*
 * Command-line option parsing for every subcommand, driven by a table of
 * struct cnd_cli_opt that also produces the --help text. Accepts "--name
 * value", "--name=value", "-x value", "-xvalue", flags, "--" and operands
 * mixed with options.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int find_long(const struct cnd_cli_opt *opts, const char *name,
		     size_t n)
{
	int i;

	for (i = 0; opts[i].name; i++)
		if (strlen(opts[i].name) == n && !strncmp(opts[i].name, name, n))
			return i;
	return -1;
}

static int find_short(const struct cnd_cli_opt *opts, char c)
{
	int i;

	for (i = 0; opts[i].name; i++)
		if (opts[i].short_name && opts[i].short_name == c)
			return i;
	return -1;
}

int cnd_cli_parse(int argc, char **argv, const char *cmd,
		  const struct cnd_cli_opt *opts,
		  int (*on)(void *ud, int index, const char *value), void *ud)
{
	int i, only_operands = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL;
		int k;

		if (only_operands || a[0] != '-' || a[1] == '\0') {
			if (on(ud, -1, a))
				return -1;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_operands = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);

			k = find_long(opts, a + 2, n);
			if (k < 0) {
				fprintf(stderr,
					"conduct %s: unknown option '%.*s' (see 'conduct help %s')\n",
					cmd, (int)n + 2, a, cmd);
				return -1;
			}
			if (eq && !opts[k].arg) {
				fprintf(stderr,
					"conduct %s: option '--%s' takes no value\n",
					cmd, opts[k].name);
				return -1;
			}
			value = eq ? eq + 1 : NULL;
		} else {
			k = find_short(opts, a[1]);
			if (k < 0) {
				fprintf(stderr,
					"conduct %s: unknown option '-%c' (see 'conduct help %s')\n",
					cmd, a[1], cmd);
				return -1;
			}
			if (a[2] && opts[k].arg)
				value = a + 2;
			else if (a[2]) {
				fprintf(stderr,
					"conduct %s: option '-%c' takes no value\n",
					cmd, a[1]);
				return -1;
			}
		}
		if (opts[k].arg && !value) {
			if (i + 1 >= argc) {
				fprintf(stderr,
					"conduct %s: option '--%s' needs a value (%s)\n",
					cmd, opts[k].name, opts[k].arg);
				return -1;
			}
			value = argv[++i];
		}
		if (on(ud, k, value))
			return -1;
	}
	return 0;
}

void cnd_cli_print_options(FILE *f, const struct cnd_cli_opt *opts)
{
	int i;

	for (i = 0; opts[i].name; i++) {
		char left[64];

		if (opts[i].short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
				 opts[i].short_name, opts[i].name,
				 opts[i].arg ? " " : "",
				 opts[i].arg ? opts[i].arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s",
				 opts[i].name, opts[i].arg ? " " : "",
				 opts[i].arg ? opts[i].arg : "");
		if (strlen(left) > 26)
			fprintf(f, "  %s\n  %-26s %s\n", left, "",
				opts[i].help);
		else
			fprintf(f, "  %-26s %s\n", left, opts[i].help);
	}
}

int cnd_cli_number(const char *cmd, const char *opt, const char *v,
		   unsigned long min, unsigned long max, const char *what,
		   unsigned long *out)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || *end || end == v || *v == '-' || n < min || n > max) {
		fprintf(stderr,
			"conduct %s: %s '%s' is not a number of %s (%lu to %lu)\n",
			cmd, opt, v, what, min, max);
		return -1;
	}
	*out = n;
	return 0;
}
