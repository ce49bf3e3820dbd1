/*
 * `conduct keygen FILE`: writes a new random pseudonym key for research
 * mode (--anonymise --key-file FILE), readable by its owner only. It never
 * overwrites a key: losing one means losing the link between pseudonyms
 * of earlier and later runs.
 */
#include <string.h>

#include "conduct/review/anon.h"

#include "cli.h"

static const struct cnd_cli_opt keygen_opts[] = {
	{ "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL },
};

void cnd_cmd_keygen_usage(FILE *f)
{
	fprintf(f, "usage: conduct keygen FILE\n\n"
		   "Write a new random key for research mode to FILE (mode 0600). The same\n"
		   "key gives every person the same pseudonym in every run; keep it apart\n"
		   "from the results and never share it. An existing FILE is never\n"
		   "overwritten.\n\noptions:\n");
	cnd_cli_print_options(f, keygen_opts);
}

struct keygen_args {
	const char *file;
	int help, extra;
};

static int on_opt(void *ud, int k, const char *v)
{
	struct keygen_args *a = ud;

	if (k == 0)
		a->help = 1;
	else if (!a->file)
		a->file = v;
	else
		a->extra = 1;
	return 0;
}

int cnd_cmd_keygen(int argc, char **argv)
{
	struct keygen_args a = { NULL, 0, 0 };
	struct cnd_error err;

	if (cnd_cli_parse(argc, argv, "keygen", keygen_opts, on_opt, &a))
		return CND_EXIT_USAGE;
	if (a.help) {
		cnd_cmd_keygen_usage(stdout);
		return CND_EXIT_OK;
	}
	if (!a.file || a.extra) {
		fprintf(stderr, "conduct keygen: give exactly one FILE (see 'conduct help keygen')\n");
		return CND_EXIT_USAGE;
	}
	if (cnd_anon_keygen(a.file, &err) != CND_OK) {
		fprintf(stderr, "conduct keygen: %s\n", err.message);
		return CND_EXIT_FAILURE;
	}
	return CND_EXIT_OK;
}
