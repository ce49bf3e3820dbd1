/*
 * `conduct scan` and `conduct inspect`: loading the policy, the client
 * register, the baseline and the batch manifest, scanning every input,
 * writing the reports and printing a summary a reviewer can read. Inspect
 * is the same walk without rules and without report files: what each
 * export holds. Problems are printed on stderr as they are listed in the
 * report's diagnostics, and the exit code says whether every input was
 * fully read.
 *
 * Batch runs: --manifest lists subjects with their archives, consent and
 * review period (--require-consent refuses a row without consent); -j N
 * uses up to N processors (all of them by default) through the library's
 * scheduler (conduct/run/batch.h), whose reports are those of -j 1;
 * --parts-dir writes one JSON report per archive for `conduct merge`. On a
 * terminal a progress line is kept up to date on stderr (progress.c). The
 * options are in scan_options.c, what is printed in scan_print.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/base/path.h"
#include "conduct/review/anon.h"
#include "conduct/review/baseline.h"
#include "conduct/config/manifest.h"
#include "conduct/config/policy.h"
#include "conduct/config/register.h"
#include "conduct/report/parts.h"
#include "conduct/report/report.h"
#include "conduct/run/batch.h"
#include "conduct/run/scan.h"
#include "conduct/base/timelocal.h"
#include "conduct/base/timeutil.h"

#include "cli.h"

static void register_problem(void *ud, size_t line, const char *msg)
{
	const char *file = ud;

	if (line)
		fprintf(stderr, "conduct: '%s': line %zu: %s\n", file, line,
			msg);
	else
		fprintf(stderr, "conduct: '%s': %s\n", file, msg);
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
static struct cnd_batch_job *make_jobs(const struct cnd_scan_args *a,
				       const struct cnd_manifest *m,
				       size_t *n_out, int *refused)
{
	size_t n = a->n_inputs, i, j, k = 0;
	struct cnd_batch_job *jobs;

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
				cnd_path_base(a->manifest), r->line, r->subject,
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
static int load_policy(struct cnd_scan_args *a, struct cnd_policy **out)
{
	struct cnd_policy *p;
	struct cnd_error err;
	int st;

	if (a->policy)
		st = cnd_policy_load(out, a->policy, policy_problem,
				     (void *)cnd_path_base(a->policy), &err);
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

static void baseline_problem(void *ud, const char *msg)
{
	(void)ud;
	fprintf(stderr, "conduct: warning: %s\n", msg);
}

static int run_command(int argc, char **argv, int inspect)
{
	struct cnd_scan_args a;
	struct cnd_register *reg = NULL;
	struct cnd_policy *pol = NULL;
	struct cnd_zone *export_zone = NULL;
	struct cnd_baseline *baseline = NULL;
	struct cnd_manifest *manifest = NULL;
	struct cnd_scan_progress *pgp = NULL;
	struct cnd_batch_events events = { NULL, NULL, NULL };
	struct cnd_batch_job *jobs = NULL;
	struct cnd_anon_key key;
	struct cnd_research_info research;
	struct cnd_run run;
	struct cnd_error err;
	const char *sde;
	int code = CND_EXIT_OK, st, reg_status = CND_OK, have_run = 0;
	int refused = 0, write_main;
	size_t n_jobs = 0, i;

	cnd_cli_install_signal_handlers();
	memset(&a, 0, sizeof(a));
	a.cmd = inspect ? "inspect" : "scan";
	a.inspect = inspect;
	a.output = "conduct-report.xlsx";
	a.tz = "UTC";
	a.jobs = cnd_batch_processors();
	cnd_options_init(&a.opt);
	cnd_anon_options_init(&a.anon);
	a.inputs = calloc((size_t)argc, sizeof(*a.inputs));
	if (!a.inputs)
		return CND_EXIT_FAILURE;
	code = CND_EXIT_USAGE;
	if (cnd_scan_args_parse(&a, argc, argv))
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
	if (cnd_scan_args_check(&a))
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
				       (void *)cnd_path_base(a.clients), &err);
		reg_status = st;
		if (st >= CND_FATAL) {
			fprintf(stderr, "conduct: %s\n", err.message);
			goto out;
		}
		a.opt.clients = reg;
		a.opt.clients_file = cnd_path_base(a.clients);
	}
	if (a.manifest) {
		st = cnd_manifest_load(&manifest, a.manifest, manifest_problem,
				       (void *)cnd_path_base(a.manifest), &err);
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

	if (!a.quiet && isatty(STDERR_FILENO))
		pgp = cnd_scan_progress_start(n_jobs);
	if (pgp) {
		a.opt.progress = cnd_scan_progress_member;
		a.opt.progress_ud = pgp;
		events.sized = cnd_scan_progress_sized;
		events.done = cnd_scan_progress_done;
		events.ud = pgp;
	}
	cnd_run_init(&run, &a.opt);
	have_run = 1;
	if (cnd_batch_scan(&run, jobs, n_jobs, a.jobs, &events) >= CND_FAILED)
		code = CND_EXIT_PARTIAL;
	cnd_scan_progress_end(pgp); /* the line cleared before the problems */
	run.opt.progress = NULL;
	run.opt.progress_ud = NULL;
	for (i = 0; i < run.archives.len; i++)
		cnd_scan_print_diags(cnd_run_archive(&run, i));
	run.opt.helpers = a.jobs > 1; /* the reports, side by side */
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
			cnd_scan_print_inspect(&run);
	} else if (!write_main) {
		if (!a.quiet)
			printf("conduct %s: %zu archive report%s written to %s\n",
			       cnd_version, run.archives.len,
			       run.archives.len == 1 ? "" : "s", a.parts_dir);
	} else {
		const char *formats[4], *paths[4]; /* write_all's most */
		size_t n = cnd_scan_args_reports(&a, formats, paths,
						 sizeof(paths) / sizeof(*paths));

		if (cnd_report_write_all(formats, paths, n, &run, &err) !=
		    CND_OK) {
			fprintf(stderr, "conduct: %s\n", err.message);
			code = CND_EXIT_FAILURE;
		} else if (!a.quiet) {
			cnd_scan_print_summary(&run, &a);
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
