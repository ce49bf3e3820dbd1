/*
 * What the command-line front end shares between its subcommands: the exit
 * codes (one enum, mirrored by the README's table), the option table that
 * drives both parsing and --help text (so every option shown exists), and
 * the subcommand entry points. Only src/cli/main.c and src/cli/ print to stdout
 * or call exit(); the library never does.
 */
#ifndef CONDUCT_CLI_H
#define CONDUCT_CLI_H

#include <stdio.h>

enum cnd_exit {
	CND_EXIT_OK = 0,      /* every input fully processed */
	CND_EXIT_PARTIAL = 1, /* some input failed or was partly read */
	CND_EXIT_USAGE = 2,   /* bad command line */
	CND_EXIT_FAILURE = 3, /* run-level failure: no report written */
};

struct cnd_cli_opt {
	const char *name; /* long name without "--" */
	char short_name;  /* or 0 */
	const char *arg;  /* argument placeholder, NULL for a flag */
	const char *help;
};

/*
 * Parse argv[1..argc) against opts (ending with a NULL name). For each
 * option, on(ud, index into opts, value or NULL) is called; it returns 0 or
 * prints a message and returns -1. Non-option words are passed with index
 * -1. "--" ends options. Returns 0, or -1 after printing a usage error.
 */
int cnd_cli_parse(int argc, char **argv, const char *cmd,
		  const struct cnd_cli_opt *opts,
		  int (*on)(void *ud, int index, const char *value), void *ud);

/*
 * A whole number from min to max for option opt (as "--grace-days"), or a
 * message naming what it counts and -1.
 */
int cnd_cli_number(const char *cmd, const char *opt, const char *v,
		   unsigned long min, unsigned long max, const char *what,
		   unsigned long *out);

/* Print the options table as help text. */
void cnd_cli_print_options(FILE *f, const struct cnd_cli_opt *opts);

/* Subcommands: each returns an exit code. */
int cnd_cmd_scan(int argc, char **argv);
int cnd_cmd_inspect(int argc, char **argv);
int cnd_cmd_rules(int argc, char **argv);
int cnd_cmd_keygen(int argc, char **argv);
void cnd_cmd_scan_usage(FILE *f);
void cnd_cmd_inspect_usage(FILE *f);
void cnd_cmd_rules_usage(FILE *f);
void cnd_cmd_keygen_usage(FILE *f);
int cnd_cmd_policy(int argc, char **argv);
void cnd_cmd_policy_usage(FILE *f);
int cnd_cmd_merge(int argc, char **argv);
void cnd_cmd_merge_usage(FILE *f);
int cnd_cmd_standards(int argc, char **argv);
void cnd_cmd_standards_usage(FILE *f);

/*
 * SIGINT, SIGTERM and SIGHUP remove the report files being written and
 * kill the process with the same signal (src/cli/cmd_scan.c).
 */
void cnd_cli_install_signal_handlers(void);

#endif
