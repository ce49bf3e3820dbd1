/*
 * `conduct scan` and `conduct inspect`: options, loading the client
 * register, running the scan over every input, writing the reports and
 * printing a summary a reviewer can read. Inspect is the same walk without
 * rules and without report files: what each export holds. Problems are
 * printed on stderr as they are listed in the report's diagnostics, and the
 * exit code says whether every input was fully read.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/anon.h"
#include "conduct/baseline.h"
#include "conduct/platform.h"
#include "conduct/policy.h"
#include "conduct/register.h"
#include "conduct/report.h"
#include "conduct/rule.h"
#include "conduct/scan.h"
#include "conduct/timeutil.h"

#include "cli.h"

enum {
	OPT_OUTPUT, OPT_JSON, OPT_CLIENTS, OPT_POLICY, OPT_SINCE, OPT_UNTIL, OPT_TZ,
	OPT_PLATFORM, OPT_SUBJECT, OPT_GRACE, OPT_MAX_MEMBER, OPT_MAX_TOTAL,
	OPT_BASELINE, OPT_SHOW_DISMISSED, OPT_ANONYMISE, OPT_KEY_FILE,
	OPT_NO_TEXT, OPT_GRID, OPT_TIME_UNIT,
	OPT_DETERMINISTIC, OPT_QUIET, OPT_HELP,
};

static const struct cnd_cli_opt scan_opts[] = {
	[OPT_OUTPUT] = { "output", 'o', "FILE.xlsx",
			 "write the reviewer's workbook here (default conduct-report.xlsx)" },
	[OPT_JSON] = { "json", 0, "FILE", "also write the JSON report here" },
	[OPT_CLIENTS] = { "clients", 0, "FILE.csv",
			  "client register (columns in the README)" },
	[OPT_POLICY] = { "policy", 0, "FILE.json",
			 "agency policy: rules on or off, severities, lexicons, sites, defaults (see the README)" },
	[OPT_SINCE] = { "since", 0, "YYYY-MM-DD",
			"review period start (earlier findings are kept, marked as earlier)" },
	[OPT_UNTIL] = { "until", 0, "YYYY-MM-DD",
			"review period end, inclusive" },
	[OPT_TZ] = { "tz", 0, "ZONE",
		     "IANA time zone for local times, e.g. Europe/London (default UTC); UTC is always shown too" },
	[OPT_PLATFORM] = { "platform", 0, "NAME",
			   "read every input as this platform instead of detecting it" },
	[OPT_SUBJECT] = { "subject", 0, "ID",
			  "subject id for the reports (default: the account name in the export)" },
	[OPT_GRACE] = { "grace-days", 0, "N",
			"days after a client's active_to date that connections still count (default 365)" },
	[OPT_MAX_MEMBER] = { "max-member-size", 0, "SIZE",
			     "largest inflated member read, e.g. 512M (default 8G)" },
	[OPT_MAX_TOTAL] = { "max-total-size", 0, "SIZE",
			    "most inflated bytes read from one input (default 64G)" },
	[OPT_BASELINE] = { "baseline", 0, "FILE",
			   "last review's workbook or JSON report: carry its decisions over by fingerprint" },
	[OPT_SHOW_DISMISSED] = { "show-dismissed", 0, NULL,
				 "also list findings the baseline dismissed or marked false positive" },
	[OPT_ANONYMISE] = { "anonymise", 0, NULL,
			    "research mode: pseudonyms for every person and account, text redacted" },
	[OPT_KEY_FILE] = { "key-file", 0, "FILE",
			   "the pseudonym key for --anonymise (made by 'conduct keygen')" },
	[OPT_NO_TEXT] = { "no-text", 0, NULL,
			  "with --anonymise: no free text at all in the evidence" },
	[OPT_GRID] = { "grid-m", 0, "METRES",
		       "with --anonymise: coordinate grid (default 1000)" },
	[OPT_TIME_UNIT] = { "time-unit", 0, "UNIT",
			    "with --anonymise: times coarsened to hour, day (default) or week" },
	[OPT_DETERMINISTIC] = { "deterministic", 0, NULL,
				"fix the run's timestamp (SOURCE_DATE_EPOCH, or 1970-01-01) so reports are byte-identical" },
	[OPT_QUIET] = { "quiet", 'q', NULL,
			"print nothing but errors" },
	[OPT_HELP] = { "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL },
};

struct scan_args {
	const char *cmd;
	const char *output, *json, *clients, *tz;
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
};

static int parse_day(const char *s, int64_t *out, int end)
{
	int64_t t;

	if (strlen(s) != 10 || cnd_time_parse_iso(s, &t) != 0)
		return -1;
	*out = end ? t + 86399 : t;
	return 0;
}

static int on_opt(void *ud, int k, const char *v)
{
	struct scan_args *a = ud;
	uint64_t size;

	switch (k) {
	case -1:
		a->inputs[a->n_inputs++] = v;
		return 0;
	case OPT_OUTPUT:
		a->output = v;
		a->output_given = 1;
		return 0;
	case OPT_JSON:
		a->json = v;
		return 0;
	case OPT_CLIENTS:
		a->clients = v;
		return 0;
	case OPT_POLICY:
		a->policy = v;
		return 0;
	case OPT_SINCE:
	case OPT_UNTIL:
		if (parse_day(v, k == OPT_SINCE ? &a->opt.since : &a->opt.until,
			      k == OPT_UNTIL)) {
			fprintf(stderr,
				"conduct %s: --%s '%s' is not a date (YYYY-MM-DD)\n",
				a->cmd, scan_opts[k].name, v);
			return -1;
		}
		return 0;
	case OPT_TZ:
		a->tz = v;
		a->tz_given = 1;
		return 0;
	case OPT_PLATFORM:
		if (!cnd_platform_find(v)) {
			const struct cnd_platform *const *p;

			fprintf(stderr, "conduct %s: unknown platform '%s'; known:",
				a->cmd, v);
			for (p = cnd_platforms; *p; p++)
				fprintf(stderr, " %s", (*p)->name);
			fputc('\n', stderr);
			return -1;
		}
		a->opt.platform = v;
		return 0;
	case OPT_SUBJECT:
		if (!*v) {
			fprintf(stderr, "conduct %s: --subject is empty\n",
				a->cmd);
			return -1;
		}
		a->opt.subject = v;
		return 0;
	case OPT_GRACE: {
		char *end;
		unsigned long n;

		errno = 0;
		n = strtoul(v, &end, 10);
		if (errno || *end || end == v || *v == '-' || n > 36500) {
			fprintf(stderr,
				"conduct %s: --grace-days '%s' is not a number of days (0 to 36500)\n",
				a->cmd, v);
			return -1;
		}
		a->opt.grace_days = (unsigned)n;
		a->grace_given = 1;
		return 0;
	}
	case OPT_MAX_MEMBER:
	case OPT_MAX_TOTAL:
		if (cnd_parse_size(v, &size) != CND_OK || size == 0) {
			fprintf(stderr,
				"conduct %s: --%s '%s' is not a size (e.g. 64M, 2G)\n",
				a->cmd, scan_opts[k].name, v);
			return -1;
		}
		if (k == OPT_MAX_MEMBER)
			a->opt.limits.member_max = size;
		else
			a->opt.limits.total_max = size;
		return 0;
	case OPT_BASELINE:
		a->baseline = v;
		return 0;
	case OPT_SHOW_DISMISSED:
		a->show_dismissed = 1;
		return 0;
	case OPT_ANONYMISE:
		a->anonymise = 1;
		if (!a->time_unit)
			a->time_unit = "day";
		if (!a->grid_m)
			a->grid_m = 1000;
		return 0;
	case OPT_KEY_FILE:
		a->key_file = v;
		return 0;
	case OPT_NO_TEXT:
		a->anon.drop_text = 1;
		return 0;
	case OPT_GRID: {
		char *end;
		double m = strtod(v, &end);

		if (*end || end == v || !(m >= 10 && m <= 1000000)) {
			fprintf(stderr,
				"conduct %s: --grid-m '%s' is not a distance in metres (10 to 1000000)\n",
				a->cmd, v);
			return -1;
		}
		a->grid_m = m;
		a->anon.grid_deg = m / 111320.0; /* metres per degree */
		a->grid_given = 1;
		return 0;
	}
	case OPT_TIME_UNIT:
		if (!strcmp(v, "hour"))
			a->anon.time_unit_s = 3600;
		else if (!strcmp(v, "day"))
			a->anon.time_unit_s = 86400;
		else if (!strcmp(v, "week"))
			a->anon.time_unit_s = 7 * 86400;
		else {
			fprintf(stderr,
				"conduct %s: --time-unit '%s' is not hour, day or week\n",
				a->cmd, v);
			return -1;
		}
		a->time_unit = v;
		a->unit_given = 1;
		return 0;
	case OPT_DETERMINISTIC:
		a->deterministic = 1;
		return 0;
	case OPT_QUIET:
		a->quiet = 1;
		return 0;
	case OPT_HELP:
		a->help = 1;
		return 0;
	}
	return -1;
}

void cnd_cmd_scan_usage(FILE *f)
{
	fprintf(f,
		"usage: conduct scan [options] INPUT...\n"
		"\n"
		"Scan social-media export archives (zip, tar, tar.gz, 7z) or unpacked\n"
		"export folders, flag professional-conduct risks, and write a workbook\n"
		"for the reviewer (and, with --json, a JSON report). The parts of a split\n"
		"export are one INPUT joined with '+': export-1.zip+export-2.zip.\n"
		"\n"
		"options:\n");
	cnd_cli_print_options(f, scan_opts);
	fprintf(f,
		"\n"
		"exit codes: 0 every input read; 1 some input failed or was partly read\n"
		"(reports still written); 2 usage error; 3 no report could be written.\n");
}

void cnd_cmd_inspect_usage(FILE *f)
{
	fprintf(f,
		"usage: conduct inspect [options] INPUT...\n"
		"\n"
		"Show what each export holds without running rules or writing reports:\n"
		"the detected platform, the members read, ignored and not recognised,\n"
		"and the records found by kind. Takes the scan options that affect\n"
		"reading (--platform, --subject, --max-member-size, --max-total-size, -q).\n");
}

static void register_problem(void *ud, size_t line, const char *msg)
{
	const char *file = ud;

	if (line)
		fprintf(stderr, "conduct: '%s': line %zu: %s\n", file, line,
			msg);
	else
		fprintf(stderr, "conduct: '%s': %s\n", file, msg);
}

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

static void print_diags(const struct cnd_archive *a)
{
	size_t i;

	for (i = 0; i < a->diags.len; i++) {
		const struct cnd_diag *d = cnd_vec_at(&a->diags, i);

		fprintf(stderr, "conduct: %s: '%s'", d->status >= CND_FAILED ?
							     "error" :
							     "warning",
			a->file);
		if (d->member)
			fprintf(stderr, ": '%s'", d->member);
		if (d->item >= 0)
			fprintf(stderr, ": element %lld", d->item);
		if (d->line)
			fprintf(stderr, ": line %lu, column %lu", d->line,
				d->column);
		fprintf(stderr, ": %s\n", d->message);
	}
}

static void print_counts(FILE *f, const struct cnd_archive *a)
{
	int c, first = 1;

	for (c = 0; c < CND_COUNT__N; c++) {
		if (!a->counts[c])
			continue;
		fprintf(f, "%s%s %llu", first ? "" : ", ", cnd_count_name(c),
			(unsigned long long)a->counts[c]);
		first = 0;
	}
	if (first)
		fprintf(f, "no records");
}

static void print_summary(const struct cnd_run *run, const struct scan_args *a)
{
	size_t i, ok = 0, bad = 0;
	const struct cnd_rule *const *r;

	for (i = 0; i < run->archives.len; i++)
		if (cnd_run_archive(run, i)->status >= CND_FAILED)
			bad++;
		else
			ok++;
	printf("conduct %s: %zu input%s scanned, %zu read in full, %zu with problems\n",
	       cnd_version, run->archives.len,
	       run->archives.len == 1 ? "" : "s", ok, bad);
	for (i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *ar = cnd_run_archive(run, i);

		printf("  %s: %s, %s, %s\n    ", ar->file,
		       ar->platform_title ? ar->platform_title :
					    "no platform recognised",
		       ar->subject, cnd_archive_status_name(ar->status));
		print_counts(stdout, ar);
		printf("\n");
	}
	printf("findings: %zu (high %llu, medium %llu, low %llu, info %llu)\n",
	       run->findings.len,
	       (unsigned long long)run->severity_counts[CND_SEV_HIGH],
	       (unsigned long long)run->severity_counts[CND_SEV_MEDIUM],
	       (unsigned long long)run->severity_counts[CND_SEV_LOW],
	       (unsigned long long)run->severity_counts[CND_SEV_INFO]);
	for (r = cnd_rules; *r; r++) {
		size_t n = 0;

		for (i = 0; i < run->findings.len; i++)
			if (!strcmp(cnd_run_finding(run, i)->rule, (*r)->id))
				n++;
		if (n)
			printf("  %-20s %zu\n", (*r)->id, n);
	}
	if (!run->opt.clients)
		printf("note: no client register given (--clients), so client rules could not run\n");
	printf("wrote %s%s%s\n", a->output, a->json ? ", " : "",
	       a->json ? a->json : "");
}

static void print_inspect(const struct cnd_run *run)
{
	size_t i, j;

	for (i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *ar = cnd_run_archive(run, i);

		printf("%s\n  platform: %s\n  subject: %s\n  status: %s\n",
		       ar->file, ar->platform_title ? ar->platform_title :
						      "none recognised",
		       ar->subject, cnd_archive_status_name(ar->status));
		printf("  records: ");
		print_counts(stdout, ar);
		printf(" (%llu in all)\n", (unsigned long long)ar->records);
		printf("  members read: %zu\n", ar->parsed.len);
		for (j = 0; j < ar->parsed.len; j++) {
			const struct cnd_member_note *n =
				cnd_vec_at(&ar->parsed, j);

			printf("    %s: %s, %llu records\n", n->path, n->what,
			       (unsigned long long)n->records);
		}
		printf("  members ignored (not needed by any rule): %zu\n",
		       ar->ignored.len);
		printf("  members not recognised: %zu\n", ar->unrecognised.len);
		for (j = 0; j < ar->unrecognised.len; j++)
			printf("    %s\n", ((const struct cnd_member_note *)
						cnd_vec_at(&ar->unrecognised,
							   j))->path);
		for (j = 0; j < ar->gaps.len; j++)
			printf("  gap: %s\n",
			       *(const char **)cnd_vec_at(&ar->gaps, j));
	}
}

/*
 * SIGINT, SIGTERM and SIGHUP: remove the temporary report files being
 * written (async-signal-safe), then die of the same signal with its
 * default action, so the shell sees the conventional status (130 for
 * Ctrl-C, 143 for SIGTERM) and no partial report is left behind.
 */
static void on_fatal_signal(int sig)
{
	cnd_report_cleanup_temps();
	raise(sig); /* SA_RESETHAND restored the default action */
}

static void install_signal_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* a signal ignored by the parent (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

/*
 * One INPUT: a path, or the parts of a split export joined with '+'
 * ("export-1.zip+export-2.zip"), unless a file of that very name exists.
 */
static void scan_input(struct cnd_run *run, const char *input)
{
	char *copy, *p;
	const char **parts;
	size_t n = 1, i = 0;

	if (!strchr(input, '+') || access(input, F_OK) == 0) {
		cnd_run_scan(run, input);
		return;
	}
	for (p = strchr(input, '+'); p; p = strchr(p + 1, '+'))
		n++;
	copy = strdup(input);
	parts = calloc(n, sizeof(*parts));
	if (!copy || !parts) {
		free(copy);
		free(parts);
		cnd_run_scan(run, input);
		return;
	}
	for (p = copy; p; i++) {
		char *plus = strchr(p, '+');

		if (plus)
			*plus = '\0';
		parts[i] = p;
		p = plus ? plus + 1 : NULL;
	}
	cnd_run_scan_parts(run, parts, n);
	free(parts);
	free(copy);
}

static void policy_problem(void *ud, const char *json_path, const char *msg)
{
	fprintf(stderr, "conduct: '%s': %s: %s\n", (const char *)ud, json_path,
		msg);
}

/*
 * The policy of a scan: --policy FILE, or the built-in one. Its time zone,
 * review period, grace days and client register apply where the command
 * line sets none. Returns -1 (after printing every problem) when the
 * policy cannot be used: a run never goes on with half a policy.
 */
static int load_policy(struct scan_args *a, struct cnd_policy **out)
{
	struct cnd_policy *p;
	struct cnd_error err;
	int st;

	if (a->policy)
		st = cnd_policy_load(out, a->policy, policy_problem,
				     (void *)base(a->policy), &err);
	else
		st = cnd_policy_default(out, &err);
	if (st != CND_OK) {
		fprintf(stderr, "conduct: %s\n", err.message);
		return -1;
	}
	p = *out;
	if (!a->tz_given && p->time_zone)
		a->tz = p->time_zone;
	if (a->opt.since == CND_TIME_NONE)
		a->opt.since = p->since;
	if (a->opt.until == CND_TIME_NONE)
		a->opt.until = p->until;
	if (!a->grace_given && p->grace_days >= 0)
		a->opt.grace_days = (unsigned)p->grace_days;
	if (!a->clients && p->clients_file)
		a->clients = p->clients_file;
	a->opt.policy = p;
	return 0;
}

/* Checks of options that go together; 0 or a usage message and -1. */
static int check_combinations(const struct scan_args *a)
{
	const char *bad = NULL;

	if (a->opt.since != CND_TIME_NONE && a->opt.until != CND_TIME_NONE &&
	    a->opt.until < a->opt.since)
		bad = "--until is before --since";
	else if (a->inspect && (a->json || a->output_given || a->clients ||
				a->baseline || a->anonymise))
		bad = "inspect writes no reports and runs no rules; use 'conduct scan' for -o, --json, --clients, --baseline and --anonymise";
	else if (a->anonymise && !a->key_file)
		bad = "--anonymise needs --key-file (make one with 'conduct keygen FILE')";
	else if (!a->anonymise && (a->key_file || a->anon.drop_text ||
				   a->grid_given || a->unit_given))
		bad = "--key-file, --no-text, --grid-m and --time-unit go with --anonymise";
	else if (a->show_dismissed && !a->baseline)
		bad = "--show-dismissed goes with --baseline";
	if (!bad)
		return 0;
	fprintf(stderr, "conduct %s: %s\n", a->cmd, bad);
	return -1;
}

static void baseline_problem(void *ud, const char *msg)
{
	(void)ud;
	fprintf(stderr, "conduct: warning: %s\n", msg);
}

static int run_command(int argc, char **argv, int inspect)
{
	struct scan_args a;
	struct cnd_register *reg = NULL;
	struct cnd_policy *pol = NULL;
	struct cnd_baseline *baseline = NULL;
	struct cnd_anon_key key;
	struct cnd_research_info research;
	struct cnd_run run;
	struct cnd_error err;
	const char *sde;
	int code = CND_EXIT_OK, st, reg_status = CND_OK, have_run = 0;
	size_t i;

	install_signal_handlers();
	memset(&a, 0, sizeof(a));
	a.cmd = inspect ? "inspect" : "scan";
	a.inspect = inspect;
	a.output = "conduct-report.xlsx";
	a.tz = "UTC";
	cnd_options_init(&a.opt);
	cnd_anon_options_init(&a.anon);
	a.inputs = calloc((size_t)argc, sizeof(*a.inputs));
	if (!a.inputs)
		return CND_EXIT_FAILURE;
	code = CND_EXIT_USAGE;
	if (cnd_cli_parse(argc, argv, a.cmd, scan_opts, on_opt, &a))
		goto out;
	if (a.help) {
		if (inspect)
			cnd_cmd_inspect_usage(stdout);
		else
			cnd_cmd_scan_usage(stdout);
		code = CND_EXIT_OK;
		goto out;
	}
	if (!a.n_inputs) {
		fprintf(stderr,
			"conduct %s: no input given\nusage: conduct %s [options] INPUT... (see 'conduct help %s')\n",
			a.cmd, a.cmd, a.cmd);
		goto out;
	}
	if (check_combinations(&a))
		goto out;
	code = CND_EXIT_FAILURE;
	if (!inspect && load_policy(&a, &pol) != 0)
		goto out;
	code = CND_EXIT_USAGE;
	if (cnd_time_set_zone(a.tz) != 0) {
		fprintf(stderr,
			"conduct %s: unknown time zone '%s' (use an IANA name such as Europe/London)\n",
			a.cmd, a.tz);
		goto out;
	}
	a.opt.tz = a.tz;
	a.opt.run_rules = !inspect;
	sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);

		if (*end || v < 0) {
			fprintf(stderr,
				"conduct %s: SOURCE_DATE_EPOCH '%s' is not a number of seconds\n",
				a.cmd, sde);
			goto out;
		}
		a.opt.generated_at = v;
	} else if (a.deterministic) {
		a.opt.generated_at = 0;
	}
	a.opt.deterministic = a.deterministic;

	code = CND_EXIT_FAILURE;
	if (a.anonymise) {
		if (cnd_anon_key_load(&key, a.key_file, &err) != CND_OK) {
			fprintf(stderr, "conduct: %s\n", err.message);
			goto out;
		}
		research.key_id = key.id;
		research.grid_m = a.grid_m;
		research.time_unit = a.time_unit;
		research.text_dropped = a.anon.drop_text;
		a.opt.research = &research;
	}
	if (a.baseline) {
		st = cnd_baseline_load(&baseline, a.baseline, baseline_problem,
				       NULL, &err);
		if (st >= CND_FATAL) {
			fprintf(stderr, "conduct: %s\n", err.message);
			goto out;
		}
	}
	if (a.clients) {
		st = cnd_register_load(&reg, a.clients, register_problem,
				       (void *)base(a.clients), &err);
		reg_status = st;
		if (st >= CND_FATAL) {
			fprintf(stderr, "conduct: %s\n", err.message);
			goto out;
		}
		a.opt.clients = reg;
		a.opt.clients_file = base(a.clients);
	}
	/* bad register rows: some clients could not be looked for */
	code = reg_status != CND_OK ? CND_EXIT_PARTIAL : CND_EXIT_OK;

	cnd_run_init(&run, &a.opt);
	have_run = 1;
	for (i = 0; i < a.n_inputs; i++) {
		struct cnd_archive *ar;

		scan_input(&run, a.inputs[i]);
		ar = cnd_run_archive(&run, run.archives.len - 1);
		print_diags(ar);
		if (ar->status >= CND_FAILED)
			code = CND_EXIT_PARTIAL;
	}
	/* decisions match the real fingerprints: before anonymising */
	if (baseline)
		cnd_run_apply_baseline(&run, baseline, a.show_dismissed);
	if (a.anonymise)
		cnd_anon_run(&run, &key, &a.anon, reg);
	cnd_run_finish(&run);

	if (inspect) {
		if (!a.quiet)
			print_inspect(&run);
	} else {
		if (cnd_report_write("xlsx", &run, a.output, &err) != CND_OK ||
		    (a.json &&
		     cnd_report_write("json", &run, a.json, &err) != CND_OK)) {
			fprintf(stderr, "conduct: %s\n", err.message);
			code = CND_EXIT_FAILURE;
		} else if (!a.quiet) {
			print_summary(&run, &a);
		}
	}
out:
	if (have_run)
		cnd_run_release(&run);
	memset(&key, 0, sizeof(key));
	cnd_baseline_free(baseline);
	cnd_register_free(reg);
	cnd_policy_free(pol);
	free(a.inputs);
	return code;
}

int cnd_cmd_scan(int argc, char **argv)
{
	return run_command(argc, argv, 0);
}

int cnd_cmd_inspect(int argc, char **argv)
{
	return run_command(argc, argv, 1);
}
