/*
 * `conduct merge REPORT.json... -o report.xlsx --json report.json --csv
 * findings.csv`: read
 * the per-archive JSON reports that `conduct scan --parts-dir` writes (one
 * per archive, possibly on many machines: GNU Parallel, a Slurm job array)
 * back into one run and write the workbook, JSON report and CSV that a
 * single run over every archive would have written; with --deterministic
 * they are byte-identical to it. The formats come from the writer registry
 * (report.h): each writer names the option that gives its file, so a
 * format added there is written by merge as soon as merge's table has its
 * option. Reports are merged in the order given (a shell
 * glob sorts them by their NNNN- prefix). The workbook also records
 * settings the JSON report does not hold (the policy, whether a client
 * register was given, the grace period): merge takes them as scan does,
 * --policy, --clients and --grace-days, with the policy's defaults. Exit
 * codes as for scan: 1 when some archive was only partly read, 3 when a
 * report, the policy or the register cannot be read or a report written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/path.h"
#include "conduct/config/policy.h"
#include "conduct/report/read.h"
#include "conduct/config/register.h"
#include "conduct/report/report.h"
#include "conduct/run/scan.h"
#include "conduct/base/timeutil.h"

#include "cli.h"

enum { MOPT_OUTPUT, MOPT_JSON, MOPT_CSV, MOPT_POLICY, MOPT_CLIENTS, MOPT_GRACE,
       MOPT_DETERMINISTIC, MOPT_QUIET, MOPT_HELP };

static const struct cnd_cli_opt merge_opts[] = {
	[MOPT_OUTPUT] = { "output", 'o', "FILE.xlsx",
			  "write the workbook here (default conduct-report.xlsx)" },
	[MOPT_JSON] = { "json", 0, "FILE", "also write the JSON report here" },
	[MOPT_CSV] = { "csv", 0, "FILE",
		       "also write the findings as CSV here (formula-safe)" },
	[MOPT_POLICY] = { "policy", 0, "FILE.json",
			  "the batch's policy, as given to scan (default the built-in one)" },
	[MOPT_CLIENTS] = { "clients", 0, "FILE.csv",
			   "the batch's client register, as given to scan" },
	[MOPT_GRACE] = { "grace-days", 0, "N",
			 "the batch's --grace-days, as given to scan" },
	[MOPT_DETERMINISTIC] = { "deterministic", 0, NULL,
				 "fix the run's timestamp (SOURCE_DATE_EPOCH, or 1970-01-01) so reports are byte-identical" },
	[MOPT_QUIET] = { "quiet", 'q', NULL, "print nothing but errors" },
	[MOPT_HELP] = { "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL },
};

#define MERGE_NOPTS (sizeof(merge_opts) / sizeof(merge_opts[0]))

struct merge_args {
	/* the file of each report option (-o, --json, --csv), or NULL */
	const char *file[MERGE_NOPTS];
	const char *policy, *clients;
	long grace; /* -1 when not given */
	int deterministic, quiet, help;
	const char **reports;
	size_t n_reports;
};

static int merge_on_opt(void *ud, int k, const char *v)
{
	struct merge_args *a = ud;

	switch (k) {
	case -1:
		a->reports[a->n_reports++] = v;
		return 0;
	case MOPT_OUTPUT:
	case MOPT_JSON:
	case MOPT_CSV:
		a->file[k] = v;
		return 0;
	case MOPT_POLICY:
		a->policy = v;
		return 0;
	case MOPT_CLIENTS:
		a->clients = v;
		return 0;
	case MOPT_GRACE: {
		unsigned long n;

		if (cnd_cli_number("merge", "--grace-days", v, 0, 36500, "days",
				   &n))
			return -1;
		a->grace = (long)n;
		return 0;
	}
	case MOPT_DETERMINISTIC:
		a->deterministic = 1;
		return 0;
	case MOPT_QUIET:
		a->quiet = 1;
		return 0;
	case MOPT_HELP:
		a->help = 1;
		return 0;
	}
	return -1;
}

void cnd_cmd_merge_usage(FILE *f)
{
	fprintf(f,
		"usage: conduct merge [options] REPORT.json...\n"
		"\n"
		"Merge the per-archive JSON reports of 'conduct scan --parts-dir DIR'\n"
		"(DIR/*.json, in order) into the workbook, JSON report and CSV one run\n"
		"over every archive would write. The reports must come from one batch:\n"
		"the same review period, time zone, client register and settings.\n"
		"\n"
		"options:\n");
	cnd_cli_print_options(f, merge_opts);
	fprintf(f,
		"\n"
		"exit codes: 0 every archive read in full; 1 some archive failed or was\n"
		"partly read (reports still written); 2 usage error; 3 a report could\n"
		"not be read or written.\n");
}

/* The run's timestamp, as scan sets it; -1 for a bad SOURCE_DATE_EPOCH. */
static int merge_timestamp(const struct merge_args *a, int64_t *out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);

		if (*end || v < 0) {
			fprintf(stderr,
				"conduct merge: SOURCE_DATE_EPOCH '%s' is not a number of seconds\n",
				sde);
			return -1;
		}
		*out = v;
	} else if (a->deterministic) {
		*out = 0;
	}
	return 0;
}

/*
 * The reports to write, in registry order: each writer whose option was
 * given, and the workbook always (-o, or its default). Returns how many
 * (at most max).
 */
static size_t merge_outputs(const struct merge_args *a, const char **formats,
			    const char **paths, size_t max)
{
	size_t n = 0;

	for (size_t w = 0; cnd_writers[w] && n < max; w++) {
		const char *path = NULL;

		for (size_t k = 0; merge_opts[k].name; k++)
			if (!strcmp(merge_opts[k].name, cnd_writers[w]->option))
				path = a->file[k];
		if (!path && !strcmp(cnd_writers[w]->option, "output"))
			path = "conduct-report.xlsx";
		if (!path)
			continue;
		formats[n] = cnd_writers[w]->name;
		paths[n++] = path;
	}
	return n;
}

static void merge_policy_problem(void *ud, const char *json_path,
				 const char *msg)
{
	fprintf(stderr, "conduct: '%s': %s: %s\n", (const char *)ud,
		json_path, msg);
}

static void merge_register_problem(void *ud, size_t line, const char *msg)
{
	fprintf(stderr, "conduct: '%s': line %zu: %s\n", (const char *)ud,
		line, msg);
}

int cnd_cmd_merge(int argc, char **argv)
{
	struct merge_args a;
	struct cnd_options opt;
	struct cnd_run run;
	struct cnd_error err;
	struct cnd_policy *pol = NULL;
	struct cnd_register *reg = NULL;
	const char *formats[4], *paths[4];
	int code = CND_EXIT_USAGE, have_run = 0;
	size_t i, n_out;

	cnd_cli_install_signal_handlers();
	memset(&a, 0, sizeof(a));
	a.grace = -1;
	a.reports = calloc((size_t)argc, sizeof(*a.reports));
	if (!a.reports)
		return CND_EXIT_FAILURE;
	if (cnd_cli_parse(argc, argv, "merge", merge_opts, merge_on_opt, &a))
		goto out;
	if (a.help) {
		cnd_cmd_merge_usage(stdout);
		code = CND_EXIT_OK;
		goto out;
	}
	if (!a.n_reports) {
		fprintf(stderr,
			"conduct merge: no report given\nusage: conduct merge [options] REPORT.json... (see 'conduct help merge')\n");
		goto out;
	}
	cnd_options_init(&opt);
	opt.deterministic = a.deterministic;
	if (merge_timestamp(&a, &opt.generated_at) != 0)
		goto out;

	code = CND_EXIT_FAILURE;
	if ((a.policy ? cnd_policy_load(&pol, a.policy, merge_policy_problem,
					(void *)cnd_path_base(a.policy), &err) :
			cnd_policy_default(&pol, &err)) != CND_OK) {
		fprintf(stderr, "conduct: %s\n", err.message);
		goto out;
	}
	opt.policy = pol;
	if (a.grace >= 0)
		opt.grace_days = (unsigned)a.grace;
	else if (pol->grace_days >= 0)
		opt.grace_days = (unsigned)pol->grace_days;
	if (!a.clients)
		a.clients = pol->clients_file;
	if (a.clients) {
		if (cnd_register_load(&reg, a.clients, merge_register_problem,
				      (void *)cnd_path_base(a.clients),
				      &err) >= CND_FATAL) {
			fprintf(stderr, "conduct: %s\n", err.message);
			goto out;
		}
		opt.clients = reg;
	}
	cnd_run_init(&run, &opt);
	have_run = 1;
	for (i = 0; i < a.n_reports; i++) {
		if (cnd_run_read_json(&run, a.reports[i], i == 0, &err) !=
		    CND_OK) {
			fprintf(stderr, "conduct: %s\n", err.message);
			goto out;
		}
	}
	if (!a.quiet && (!a.clients != !run.opt.clients_file ||
			 (a.clients && strcmp(run.opt.clients_file,
					      cnd_path_base(a.clients)))))
		fprintf(stderr,
			"conduct: warning: the reports were made with the client register '%s', merge was given '%s' (--clients)\n",
			run.opt.clients_file ? run.opt.clients_file : "(none)",
			a.clients ? cnd_path_base(a.clients) : "(none)");
	if (cnd_time_set_zone(run.opt.tz) != 0) {
		fprintf(stderr, "conduct: unknown time zone '%s' in '%s'\n",
			run.opt.tz, a.reports[0]);
		goto out;
	}
	cnd_run_finish(&run);
	n_out = merge_outputs(&a, formats, paths, 4);
	if (cnd_report_write_all(formats, paths, n_out, &run, &err) != CND_OK) {
		fprintf(stderr, "conduct: %s\n", err.message);
		goto out;
	}
	code = run.status >= CND_FAILED ? CND_EXIT_PARTIAL : CND_EXIT_OK;
	if (!a.quiet) {
		printf("conduct %s: merged %zu report%s: %zu archive%s, %zu finding%s\nwrote ",
		       cnd_version, a.n_reports, a.n_reports == 1 ? "" : "s",
		       run.archives.len, run.archives.len == 1 ? "" : "s",
		       run.findings.len, run.findings.len == 1 ? "" : "s");
		for (i = 0; i < n_out; i++)
			printf("%s%s", i ? ", " : "", paths[i]);
		printf("\n");
	}
out:
	if (have_run)
		cnd_run_release(&run);
	cnd_register_free(reg);
	cnd_policy_free(pol);
	free(a.reports);
	return code;
}
