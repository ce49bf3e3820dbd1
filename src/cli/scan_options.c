/*
 * The options of `conduct scan` and `conduct inspect`: the table that
 * drives both their parsing and the --help text, what each option sets in
 * struct cnd_scan_args, the checks of options that go together, and which
 * option names the file of each report writer of the registry.
 */
#include <stdlib.h>
#include <string.h>

#include "conduct/base/timeutil.h"
#include "conduct/input/input.h"
#include "conduct/platforms/platform.h"
#include "conduct/report/report.h"

#include "cli.h"

enum {
	OPT_OUTPUT, OPT_JSON, OPT_CSV, OPT_CLIENTS, OPT_POLICY, OPT_SINCE, OPT_UNTIL, OPT_TZ,
	OPT_EXPORT_TZ,
	OPT_PLATFORM, OPT_SUBJECT, OPT_GRACE, OPT_MAX_MEMBER, OPT_MAX_TOTAL,
	OPT_BASELINE, OPT_SHOW_DISMISSED, OPT_ANONYMISE, OPT_KEY_FILE,
	OPT_NO_TEXT, OPT_GRID, OPT_TIME_UNIT,
	OPT_MANIFEST, OPT_REQUIRE_CONSENT, OPT_PARTS_DIR, OPT_JOBS,
	OPT_NO_DIGEST, OPT_DETERMINISTIC, OPT_QUIET, OPT_HELP, OPT__N
};

static const struct cnd_cli_opt scan_opts[] = {
	[OPT_OUTPUT] = { "output", 'o', "FILE.xlsx",
			 "write the reviewer's workbook here (default conduct-report.xlsx)" },
	[OPT_JSON] = { "json", 0, "FILE", "also write the JSON report here" },
	[OPT_CSV] = { "csv", 0, "FILE", "also write the findings as CSV here (formula-safe)" },
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
	[OPT_EXPORT_TZ] = { "export-tz", 0, "ZONE",
			    "IANA zone the local times of HTML and TXT exports were written in (default: --tz); their findings say the zone is assumed" },
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
	[OPT_MANIFEST] = { "manifest", 0, "FILE.csv",
			   "batch manifest: subjects, their archives, consent and review period (see the README)" },
	[OPT_REQUIRE_CONSENT] = { "require-consent", 0, NULL,
				  "refuse any input without a consent reference (a manifest row's consent_ref)" },
	[OPT_PARTS_DIR] = { "parts-dir", 0, "DIR",
			    "write one JSON report per archive into DIR, for 'conduct merge' (no workbook unless -o or --json)" },
	[OPT_JOBS] = { "jobs", 'j', "N",
		       "use up to N processors (default: all): N inputs at a time, or helper threads for fewer; the reports are the same" },
	[OPT_NO_DIGEST] = { "no-digest", 0, NULL,
			    "do not record each input file's SHA-256 (the Run sheet says so); spares reading the media the scan skips" },
	[OPT_DETERMINISTIC] = { "deterministic", 0, NULL,
				"fix the run's timestamp (SOURCE_DATE_EPOCH, or 1970-01-01) so reports are byte-identical" },
	[OPT_QUIET] = { "quiet", 'q', NULL,
			"print nothing but errors" },
	[OPT_HELP] = { "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL },
};

static int on_opt(void *ud, int k, const char *v)
{
	struct cnd_scan_args *a = ud;
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
		a->json_given = 1;
		return 0;
	case OPT_CSV:
		a->csv = v;
		return 0;
	case OPT_CLIENTS:
		a->clients = v;
		return 0;
	case OPT_POLICY:
		a->policy = v;
		return 0;
	case OPT_SINCE:
	case OPT_UNTIL:
		if (cnd_time_parse_day(v, k == OPT_SINCE ? &a->opt.since :
							    &a->opt.until,
				       CND_DAY_SLASH |
					       (k == OPT_UNTIL ? CND_DAY_END : 0))) {
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
	case OPT_EXPORT_TZ:
		a->opt.export_tz = v;
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
		unsigned long n;

		if (cnd_cli_number(a->cmd, "--grace-days", v, 0, 36500, "days",
				   &n))
			return -1;
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
	case OPT_MANIFEST:
		a->manifest = v;
		return 0;
	case OPT_REQUIRE_CONSENT:
		a->require_consent = 1;
		return 0;
	case OPT_PARTS_DIR:
		if (!*v) {
			fprintf(stderr, "conduct %s: --parts-dir is empty\n",
				a->cmd);
			return -1;
		}
		a->parts_dir = v;
		return 0;
	case OPT_JOBS: {
		unsigned long n;

		if (cnd_cli_number(a->cmd, "-j", v, 1, 256, "jobs", &n))
			return -1;
		a->jobs = (unsigned)n;
		return 0;
	}
	case OPT_NO_DIGEST:
		a->opt.no_digest = 1;
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

int cnd_scan_args_parse(struct cnd_scan_args *a, int argc, char **argv)
{
	return cnd_cli_parse(argc, argv, a->cmd, scan_opts, on_opt, a);
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

/* Checks of options that go together; 0 or a usage message and -1. */
int cnd_scan_args_check(const struct cnd_scan_args *a)
{
	const char *bad = NULL;

	if (a->opt.since != CND_TIME_NONE && a->opt.until != CND_TIME_NONE &&
	    a->opt.until < a->opt.since)
		bad = "--until is before --since";
	else if (a->inspect && (a->json || a->output_given || a->clients ||
				a->baseline || a->anonymise || a->parts_dir))
		bad = "inspect writes no reports and runs no rules; use 'conduct scan' for -o, --json, --parts-dir, --clients, --baseline and --anonymise";
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

/* The file of the report that option opt names, or NULL for none. */
static const char *report_path(const struct cnd_scan_args *a, int opt)
{
	switch (opt) {
	case OPT_OUTPUT: /* by default, but not for --parts-dir alone */
		return !a->parts_dir || a->output_given ? a->output : NULL;
	case OPT_JSON:
		return a->json;
	case OPT_CSV:
		return a->csv;
	}
	return NULL;
}

size_t cnd_scan_args_reports(const struct cnd_scan_args *a,
			     const char **formats, const char **paths,
			     size_t max)
{
	const struct cnd_writer *const *w;
	size_t n = 0;
	int k;

	/* each writer of the registry, in its order, whose option is given */
	for (w = cnd_writers; *w; w++)
		for (k = 0; k < OPT__N; k++) {
			const char *path;

			if (!scan_opts[k].name ||
			    strcmp(scan_opts[k].name, (*w)->option) != 0)
				continue;
			path = report_path(a, k);
			if (path && n < max) {
				formats[n] = (*w)->name;
				paths[n++] = path;
			}
		}
	return n;
}
