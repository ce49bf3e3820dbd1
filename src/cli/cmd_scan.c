/*
 * `conduct scan` and `conduct inspect`: options, loading the client
 * register, running the scan over every input, writing the reports and
 * printing a summary a reviewer can read. Inspect is the same walk without
 * rules and without report files: what each export holds. Problems are
 * printed on stderr as they are listed in the report's diagnostics, and the
 * exit code says whether every input was fully read.
 *
 * Batch runs: --manifest lists subjects with their archives, consent and
 * review period (--require-consent refuses a row without consent); -j N
 * uses up to N processors (all of them by default): N inputs at once, each
 * into its own run on its own thread, absorbed in input order so the
 * reports are those of -j 1; with fewer inputs than N, an input's digest,
 * big members and reports use helper threads; -j 1 does everything on one
 * thread; --parts-dir writes one JSON report per archive for `conduct
 * merge`. On a terminal a progress line is kept up to date on stderr.
 */
#define _GNU_SOURCE /* sched_getaffinity */
#include <errno.h>
#include <jansson.h>
#include <sched.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conduct/review/anon.h"
#include "conduct/review/baseline.h"
#include "conduct/config/manifest.h"
#include "conduct/platforms/platform.h"
#include "conduct/config/policy.h"
#include "conduct/config/register.h"
#include "conduct/report/parts.h"
#include "conduct/report/report.h"
#include "conduct/rules/rule.h"
#include "conduct/run/scan.h"
#include "conduct/base/timelocal.h"
#include "conduct/base/timeutil.h"

#include "cli.h"

enum {
	OPT_OUTPUT, OPT_JSON, OPT_CSV, OPT_CLIENTS, OPT_POLICY, OPT_SINCE, OPT_UNTIL, OPT_TZ,
	OPT_EXPORT_TZ,
	OPT_PLATFORM, OPT_SUBJECT, OPT_GRACE, OPT_MAX_MEMBER, OPT_MAX_TOTAL,
	OPT_BASELINE, OPT_SHOW_DISMISSED, OPT_ANONYMISE, OPT_KEY_FILE,
	OPT_NO_TEXT, OPT_GRID, OPT_TIME_UNIT,
	OPT_MANIFEST, OPT_REQUIRE_CONSENT, OPT_PARTS_DIR, OPT_JOBS,
	OPT_NO_DIGEST, OPT_DETERMINISTIC, OPT_QUIET, OPT_HELP,
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

struct scan_args {
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

		fprintf(stderr, "conduct: %s: '%s'",
			cnd_diag_severity_name(d->status), a->file);
		if (d->member)
			fprintf(stderr, ": '%s'", d->member);
		if (d->item >= 0)
			fprintf(stderr, ": element %lld", d->item);
		if (d->line)
			fprintf(stderr, ": line %lu, column %lu", d->line,
				d->column);
		fprintf(stderr, ": %s", d->message);
		if (d->count > 1) {
			fprintf(stderr, " (%llu times in all",
				(unsigned long long)d->count);
			for (unsigned k = 0; k < d->n_items; k++)
				fprintf(stderr, "%s%lld",
					k ? ", " : ": elements ", d->items[k]);
			fprintf(stderr, "%s)", d->n_items &&
						       d->count > d->n_items ?
					       ", ..." : "");
		}
		fputc('\n', stderr);
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

			printf("    %s: %s, %llu records from %llu entries\n",
			       n->path, n->what,
			       (unsigned long long)n->records,
			       (unsigned long long)n->entries);
		}
		for (j = 0; j < ar->declared.len; j++) {
			const struct cnd_declared *d =
				cnd_vec_at(&ar->declared, j);

			printf("  declared total: %s \"%s\" says %llu %s; %llu read%s\n",
			       d->member, d->key,
			       (unsigned long long)d->declared, d->of,
			       (unsigned long long)d->read,
			       d->status == CND_OK ? " (they match)" : "");
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

void cnd_cli_install_signal_handlers(void)
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

/* One INPUT to scan, with its subject's settings (a manifest row's). */
struct job {
	const char *input;
	struct cnd_input_spec spec; /* paths filled in by scan_input() */
};

/*
 * The paths of one INPUT: the INPUT itself, or the parts of a split export
 * joined with '+' ("export-1.zip+export-2.zip") unless a file of that very
 * name exists. *n paths in *parts, which point into *copy; free both (both
 * NULL when the INPUT is one path or memory ran out: then it is used
 * whole).
 */
static void input_parts(const char *input, char **copy, const char ***parts,
			size_t *n)
{
	char *p;
	size_t i = 0;

	*copy = NULL;
	*parts = NULL;
	*n = 1;
	if (!strchr(input, '+') || access(input, F_OK) == 0)
		return;
	for (p = strchr(input, '+'); p; p = strchr(p + 1, '+'))
		(*n)++;
	*copy = strdup(input);
	*parts = calloc(*n, sizeof(**parts));
	if (!*copy || !*parts) {
		free(*copy);
		free(*parts);
		*copy = NULL;
		*parts = NULL;
		*n = 1;
		return;
	}
	for (p = *copy; p; i++) {
		char *plus = strchr(p, '+');

		if (plus)
			*plus = '\0';
		(*parts)[i] = p;
		p = plus ? plus + 1 : NULL;
	}
}

static void scan_input(struct cnd_run *run, const struct job *job)
{
	struct cnd_input_spec spec = job->spec;
	const char *input = job->input;
	const char **parts;
	char *copy;

	input_parts(input, &copy, &parts, &spec.n_paths);
	spec.paths = parts ? parts : &input;
	cnd_run_scan_spec(run, &spec);
	free(parts);
	free(copy);
}

/*
 * The bytes of a job's files (a directory or a missing file counts none):
 * a batch scans its biggest inputs first, so that it does not end with
 * one big input still being read while the other processors wait.
 */
static uint64_t job_bytes(const struct job *job)
{
	const char *input = job->input;
	const char **parts;
	char *copy;
	struct stat st;
	uint64_t bytes = 0;
	size_t n, i;

	input_parts(input, &copy, &parts, &n);
	for (i = 0; i < n; i++)
		if (stat(parts ? parts[i] : input, &st) == 0 &&
		    S_ISREG(st.st_mode))
			bytes += (uint64_t)st.st_size;
	free(parts);
	free(copy);
	return bytes;
}

/*
 * The progress line: archives done of all, the archive being read, bytes
 * and records so far, how far the SHA-256 of an input file has got while
 * it is computed (for an export that is mostly media, most of the time),
 * elapsed time and an estimate of what is left (from the bytes of the
 * input files done so far, or the count of inputs when they are
 * directories, or at first from the digest's pace). Updated in place on
 * stderr, at most ten times a second; scanning and digest threads call
 * in, so it locks.
 */
struct progress {
	pthread_mutex_t lock;
	size_t done, total;
	uint64_t files, files_done; /* bytes of the inputs' files */
	const char *current;
	uint64_t bytes, records;
	const char *hashing; /* the file whose digest is going on, or NULL */
	uint64_t hashed, hash_size;
	struct timespec start, drawn;
	int shown;
};

static double since_s(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void fmt_secs(char *buf, size_t n, double secs)
{
	long t = secs < 0 ? 0 : (long)(secs + 0.5);

	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
			 t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* Draw the line; called with the lock held. */
static void progress_draw(struct progress *pg, int force)
{
	struct timespec now;
	char el[32], left[32], sha[32] = "";
	double e;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && pg->shown && since_s(&pg->drawn, &now) < 0.1)
		return;
	pg->drawn = now;
	pg->shown = 1;
	e = since_s(&pg->start, &now);
	fmt_secs(el, sizeof(el), e);
	if (pg->files_done) /* by bytes: a batch starts with its biggest */
		fmt_secs(left, sizeof(left),
			 e / (double)pg->files_done *
				 (double)(pg->files - pg->files_done));
	else if (pg->done && !pg->files)
		fmt_secs(left, sizeof(left),
			 e / (double)pg->done * (double)(pg->total - pg->done));
	else if (pg->hashing && pg->hashed) /* it began with the run */
		fmt_secs(left, sizeof(left),
			 e / (double)pg->hashed *
				 (double)(pg->hash_size - pg->hashed));
	else
		snprintf(left, sizeof(left), "?");
	if (pg->hashing)
		snprintf(sha, sizeof(sha), "  SHA-256 %.0f%%",
			 100.0 * (double)pg->hashed / (double)pg->hash_size);
	fprintf(stderr,
		"\r[%zu/%zu archives] %.40s  %.1f MB  %llu records%s  %s elapsed, ~%s left\033[K",
		pg->done, pg->total, pg->current ? pg->current : "",
		(double)pg->bytes / 1e6, (unsigned long long)pg->records, sha,
		el, left);
	fflush(stderr);
}

static void progress_member(void *ud, const struct cnd_progress *p)
{
	struct progress *pg = ud;

	pthread_mutex_lock(&pg->lock);
	pg->current = p->input;
	pg->bytes += p->bytes;
	pg->records += p->records;
	if (p->hash_size && p->hashed < p->hash_size) {
		pg->hashing = p->input;
		pg->hashed = p->hashed;
		pg->hash_size = p->hash_size;
	} else if (p->hash_size && pg->hashing &&
		   !strcmp(pg->hashing, p->input)) {
		pg->hashing = NULL; /* that digest has ended */
	}
	progress_draw(pg, 0);
	pthread_mutex_unlock(&pg->lock);
}

/* An input of file_bytes bytes is done. */
static void progress_archive_done(struct progress *pg, uint64_t file_bytes)
{
	if (!pg)
		return;
	pthread_mutex_lock(&pg->lock);
	pg->done++;
	pg->files_done += file_bytes;
	progress_draw(pg, 1);
	pthread_mutex_unlock(&pg->lock);
}

/* Clear the line before anything else is printed. */
static void progress_end(struct progress *pg)
{
	if (!pg)
		return;
	if (pg->shown)
		fprintf(stderr, "\r\033[K");
	fflush(stderr);
	pthread_mutex_destroy(&pg->lock);
}

/* The processors this process may run on: -j's default. */
static unsigned processors(void)
{
	cpu_set_t set;
	long n = 0;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		n = CPU_COUNT(&set);
	if (n < 1)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

/* A job's place in the pool's order. */
struct job_size {
	uint64_t bytes;
	size_t i;
};

/* Biggest first; equal sizes in input order. */
static int cmp_job_size(const void *a, const void *b)
{
	const struct job_size *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes > y->bytes ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* -j N: scanning threads take the next job; each has its own run. */
struct pool {
	pthread_mutex_t lock;
	size_t next, n;
	const struct job *jobs;
	struct job_size *order; /* the jobs, biggest first */
	struct cnd_run *runs;
	const struct cnd_options *opt;
	struct progress *pg;
};

static void *pool_worker(void *ud)
{
	struct pool *pl = ud;
	size_t k, i;

	for (;;) {
		pthread_mutex_lock(&pl->lock);
		k = pl->next++;
		pthread_mutex_unlock(&pl->lock);
		if (k >= pl->n)
			break;
		i = pl->order[k].i;
		cnd_run_init(&pl->runs[i], pl->opt);
		scan_input(&pl->runs[i], &pl->jobs[i]);
		progress_archive_done(pl->pg, pl->order[k].bytes);
	}
	return NULL;
}

/*
 * Scan every job into run with up to n_cpu processors: in turn, or on
 * n_cpu threads, biggest first, into runs of their own that are then
 * absorbed in job order. With more processors than jobs, each job may use helper threads
 * (cnd_options.helpers); otherwise each job runs on its thread alone, so
 * that -j N keeps N processors busy, not more. Returns the exit code the
 * inputs give (CND_EXIT_OK or CND_EXIT_PARTIAL), or -1 when threads could
 * not be started.
 */
static int scan_all(struct cnd_run *run, const struct job *jobs, size_t n,
		    unsigned n_cpu, struct progress *pg)
{
	struct pool pl;
	pthread_t *th = NULL;
	size_t i, first = run->archives.len, started = 0;
	unsigned n_threads = n_cpu > n ? (unsigned)n : n_cpu;
	int code = CND_EXIT_OK;
	struct job_size *order = calloc(n ? n : 1, sizeof(*order));

	if (!order)
		return -1;
	if (pg)
		pg->files = 0;
	for (i = 0; i < n; i++) {
		order[i].bytes = job_bytes(&jobs[i]);
		order[i].i = i;
		if (pg)
			pg->files += order[i].bytes;
	}
	run->opt.helpers = n_cpu > n_threads;
	if (n_threads <= 1) {
		for (i = 0; i < n; i++) {
			scan_input(run, &jobs[i]);
			progress_archive_done(pg, order[i].bytes);
		}
		free(order);
		goto out_diags;
	}
	qsort(order, n, sizeof(*order), cmp_job_size);
	memset(&pl, 0, sizeof(pl));
	pthread_mutex_init(&pl.lock, NULL);
	pl.n = n;
	pl.jobs = jobs;
	pl.order = order;
	pl.opt = &run->opt;
	pl.pg = pg;
	pl.runs = calloc(n, sizeof(*pl.runs));
	th = calloc(n_threads, sizeof(*th));
	if (!pl.runs || !th) {
		code = -1;
		goto out_pool;
	}
	json_object_seed(0); /* before any thread builds a JSON object */
	for (i = 0; i < n_threads; i++) {
		if (pthread_create(&th[i], NULL, pool_worker, &pl) != 0)
			break;
		started++;
	}
	if (!started) {
		code = -1;
		goto out_pool;
	}
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < n; i++) {
		cnd_run_absorb(run, &pl.runs[i]);
		cnd_run_release(&pl.runs[i]);
	}
out_pool:
	free(th);
	free(order);
	free(pl.runs);
	pthread_mutex_destroy(&pl.lock);
	if (code < 0)
		return code;
out_diags:
	progress_end(pg);
	for (i = first; i < run->archives.len; i++) {
		const struct cnd_archive *ar = cnd_run_archive(run, i);

		print_diags(ar);
		if (ar->status >= CND_FAILED)
			code = CND_EXIT_PARTIAL;
	}
	return code;
}

/* mkdir -p, mode 0700: parallel jobs may race to create the same parents. */
static int make_dirs(const char *path)
{
	char *copy = strdup(path), *p;
	int rc = 0;

	if (!copy)
		return -1;
	for (p = copy + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p[-1] != '/') {
			char c = *p;

			*p = '\0';
			if (mkdir(copy, 0700) != 0 && errno != EEXIST)
				rc = -1;
			*p = c;
		}
		if (!*p)
			break;
	}
	free(copy);
	return rc;
}

static void manifest_problem(void *ud, size_t line, const char *msg)
{
	register_problem(ud, line, msg);
}

/*
 * The jobs of a run: each INPUT of the command line with the run's
 * settings, then each manifest row's INPUTs with the row's subject, period
 * and consent. With --require-consent an input without a consent
 * reference is refused (named, never opened) and *refused set.
 */
static struct job *make_jobs(const struct scan_args *a,
			     const struct cnd_manifest *m, size_t *n_out,
			     int *refused)
{
	size_t n = a->n_inputs, i, j, k = 0;
	struct job *jobs;

	for (i = 0; m && i < cnd_manifest_count(m); i++)
		n += cnd_manifest_row(m, i)->n_inputs;
	jobs = calloc(n ? n : 1, sizeof(*jobs));
	if (!jobs)
		return NULL;
	for (i = 0; i < a->n_inputs; i++) {
		if (a->require_consent) {
			fprintf(stderr,
				"conduct: '%s' has no consent reference (inputs on the command line have none; list it in a --manifest row with consent_ref); refused, not opened\n",
				a->inputs[i]);
			*refused = 1;
			continue;
		}
		jobs[k].input = a->inputs[i];
		jobs[k].spec.subject = a->opt.subject;
		jobs[k].spec.since = a->opt.since;
		jobs[k].spec.until = a->opt.until;
		jobs[k].spec.consent_date = CND_TIME_NONE;
		k++;
	}
	for (i = 0; m && i < cnd_manifest_count(m); i++) {
		const struct cnd_manifest_row *r = cnd_manifest_row(m, i);

		if (a->require_consent && !r->consent_ref) {
			fprintf(stderr,
				"conduct: '%s': line %zu: subject '%s' has no consent_ref; refused (--require-consent), its %zu archive%s not opened\n",
				base(a->manifest), r->line, r->subject,
				r->n_inputs, r->n_inputs == 1 ? " is" : "s are");
			*refused = 1;
			continue;
		}
		for (j = 0; j < r->n_inputs; j++, k++) {
			jobs[k].input = r->inputs[j];
			jobs[k].spec.subject = r->subject;
			jobs[k].spec.since = r->since != CND_TIME_NONE ?
						     r->since : a->opt.since;
			jobs[k].spec.until = r->until != CND_TIME_NONE ?
						     r->until : a->opt.until;
			jobs[k].spec.consent_ref = r->consent_ref;
			jobs[k].spec.consent_date = r->consent_date;
		}
	}
	*n_out = k;
	return jobs;
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
	struct cnd_zone *export_zone = NULL;
	struct cnd_baseline *baseline = NULL;
	struct cnd_manifest *manifest = NULL;
	struct progress pg, *pgp = NULL;
	struct job *jobs = NULL;
	struct cnd_anon_key key;
	struct cnd_research_info research;
	struct cnd_run run;
	struct cnd_error err;
	const char *sde;
	int code = CND_EXIT_OK, st, reg_status = CND_OK, have_run = 0;
	int refused = 0, write_main, scan_code;
	size_t n_jobs = 0;

	cnd_cli_install_signal_handlers();
	memset(&a, 0, sizeof(a));
	a.cmd = inspect ? "inspect" : "scan";
	a.inspect = inspect;
	a.output = "conduct-report.xlsx";
	a.tz = "UTC";
	a.jobs = processors();
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
	if (!a.n_inputs && !a.manifest) {
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
	if (!a.opt.export_tz)
		a.opt.export_tz = a.tz;
	if (cnd_zone_load(a.opt.export_tz, &export_zone) != 0) {
		fprintf(stderr,
			"conduct %s: unknown time zone '%s' for --export-tz (use an IANA name such as Europe/London)\n",
			a.cmd, a.opt.export_tz);
		goto out;
	}
	a.opt.export_zone = export_zone;
	a.opt.run_rules = !inspect;
	if (inspect) /* it shows no digest: do not read what it skips */
		a.opt.no_digest = 1;
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
	if (a.manifest) {
		st = cnd_manifest_load(&manifest, a.manifest, manifest_problem,
				       (void *)base(a.manifest), &err);
		if (st >= CND_FATAL) {
			fprintf(stderr, "conduct: %s\n", err.message);
			goto out;
		}
		if (st != CND_OK)
			reg_status = st; /* bad rows: those subjects not scanned */
	}
	jobs = make_jobs(&a, manifest, &n_jobs, &refused);
	if (!jobs) {
		fprintf(stderr, "conduct: out of memory\n");
		goto out;
	}
	/* bad register or manifest rows, refused inputs: exit 1 */
	code = reg_status != CND_OK || refused ? CND_EXIT_PARTIAL :
						 CND_EXIT_OK;

	if (!a.quiet && isatty(STDERR_FILENO)) {
		memset(&pg, 0, sizeof(pg));
		pthread_mutex_init(&pg.lock, NULL);
		clock_gettime(CLOCK_MONOTONIC, &pg.start);
		pg.total = n_jobs;
		pgp = &pg;
		a.opt.progress = progress_member;
		a.opt.progress_ud = pgp;
	}
	cnd_run_init(&run, &a.opt);
	have_run = 1;
	scan_code = scan_all(&run, jobs, n_jobs, a.jobs, pgp);
	if (scan_code < 0) /* no thread could start: one at a time */
		scan_code = scan_all(&run, jobs, n_jobs, 1, pgp);
	run.opt.helpers = a.jobs > 1; /* the reports, side by side */
	if (scan_code != CND_EXIT_OK)
		code = CND_EXIT_PARTIAL;
	/* decisions match the real fingerprints: before anonymising */
	if (baseline)
		cnd_run_apply_baseline(&run, baseline, a.show_dismissed);
	if (a.anonymise)
		cnd_anon_run(&run, &key, &a.anon, reg);
	if (a.parts_dir) {
		if (make_dirs(a.parts_dir) != 0) {
			fprintf(stderr, "conduct: cannot create '%s': %s\n",
				a.parts_dir, strerror(errno));
			code = CND_EXIT_FAILURE;
			goto out;
		}
		if (cnd_report_write_parts(&run, a.parts_dir, &err) != CND_OK) {
			fprintf(stderr, "conduct: %s\n", err.message);
			code = CND_EXIT_FAILURE;
			goto out;
		}
	}
	cnd_run_finish(&run);

	/* with --parts-dir, the run's own reports only when asked for */
	write_main = !a.parts_dir || a.output_given || a.json_given || a.csv;
	if (inspect) {
		if (!a.quiet)
			print_inspect(&run);
	} else if (!write_main) {
		if (!a.quiet)
			printf("conduct %s: %zu archive report%s written to %s\n",
			       cnd_version, run.archives.len,
			       run.archives.len == 1 ? "" : "s", a.parts_dir);
	} else {
		const char *formats[3], *paths[3];
		size_t n = 0;

		if (!a.parts_dir || a.output_given) {
			formats[n] = "xlsx";
			paths[n++] = a.output;
		}
		if (a.json) {
			formats[n] = "json";
			paths[n++] = a.json;
		}
		if (a.csv) {
			formats[n] = "csv";
			paths[n++] = a.csv;
		}
		if (cnd_report_write_all(formats, paths, n, &run, &err) !=
		    CND_OK) {
			fprintf(stderr, "conduct: %s\n", err.message);
			code = CND_EXIT_FAILURE;
		} else if (!a.quiet) {
			print_summary(&run, &a);
		}
	}
out:
	if (have_run)
		cnd_run_release(&run);
	free(jobs);
	cnd_manifest_free(manifest);
	memset(&key, 0, sizeof(key));
	cnd_baseline_free(baseline);
	cnd_register_free(reg);
	cnd_policy_free(pol);
	cnd_zone_free(export_zone);
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
