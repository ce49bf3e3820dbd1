/*
 * What the command-line front end shares between its subcommands: the exit
 * codes (one enum, mirrored by the README's table), the option table that
 * drives both parsing and --help text (so every option shown exists), and
 * the subcommand entry points. Only src/cli/main.c and src/cli/ print to stdout
 * or call exit(); the library never does.
 */
#ifndef CONDUCT_CLI_H
#define CONDUCT_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "conduct/model/result.h"
#include "conduct/review/anon.h"

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
 * kill the process with the same signal (src/cli/signals.c).
 */
void cnd_cli_install_signal_handlers(void);

/*
 * --- scan and inspect: the command (cmd_scan.c), its options
 * (scan_options.c), what it prints (scan_print.c) and its progress line
 * (progress.c); the scheduler of its inputs is the library's
 * (conduct/run/batch.h) ---
 */

/* The command line of a scan, and what the policy fills in. */
struct cnd_scan_args {
	const char *cmd;
	const char *output, *json, *csv, *clients, *tz;
	const char *policy;	      /* --policy FILE, or NULL */
	int tz_given, grace_given; /* the command line wins over the policy */
	int output_given;
	int quiet, help, deterministic, inspect;
	const char *baseline, *key_file;
	int show_dismissed, anonymise, grid_given, unit_given;
	double grid_m;
	const char *time_unit;
	struct cnd_anon_options anon;
	struct cnd_options opt;
	const char **inputs;
	size_t n_inputs;
	const char *manifest, *parts_dir;
	int require_consent, json_given;
	unsigned jobs;
};

/* Parse argv into a (set up by the caller); 0, or -1 after a message. */
int cnd_scan_args_parse(struct cnd_scan_args *a, int argc, char **argv);

/* Checks of options that go together; 0 or a usage message and -1. */
int cnd_scan_args_check(const struct cnd_scan_args *a);

/*
 * The reports a scan writes, in the order of the writer registry
 * (cnd_writers): the format and file of each writer whose option was
 * given (the workbook's by default). At most max; returns how many.
 */
size_t cnd_scan_args_reports(const struct cnd_scan_args *a,
			     const char **formats, const char **paths,
			     size_t max);

/* Each diagnostic of an archive on stderr, as the reports list them. */
void cnd_scan_print_diags(const struct cnd_archive *a);

/* The summary of a scan on stdout: inputs, findings by rule, files. */
void cnd_scan_print_summary(const struct cnd_run *run,
			    const struct cnd_scan_args *a);

/* What each export holds (`conduct inspect`) on stdout. */
void cnd_scan_print_inspect(const struct cnd_run *run);

/*
 * The progress line kept up to date on stderr while total inputs are
 * scanned (on a terminal only; the caller decides). NULL when memory ran
 * out: then there is no progress line.
 */
struct cnd_scan_progress *cnd_scan_progress_start(size_t total);

/* cnd_options.progress: called after each member, from any thread. */
void cnd_scan_progress_member(void *ud, const struct cnd_progress *p);

/* The batch's events (struct cnd_batch_events): sizes, inputs done. */
void cnd_scan_progress_sized(void *ud, uint64_t bytes);
void cnd_scan_progress_done(void *ud, size_t job, uint64_t bytes);

/* Clear the line before anything else is printed, and free pg (or NULL). */
void cnd_scan_progress_end(struct cnd_scan_progress *pg);

#endif
