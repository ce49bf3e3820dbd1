/*
 * The XLSX workbook that reviewers work through, written with libxlsxwriter
 * 1.1.4 (no newer API). Its sheets, in order:
 *  - Summary: the run's facts, the change against the previous review
 *    (with --baseline), a line per subject whose successive exports were
 *    compared (follows appeared and disappeared), and one row per archive
 *    with its counts and findings by severity;
 *  - Findings: one row per finding in run order (severity, then time),
 *    the severity coloured by conditional formats, the baseline state, and
 *    the reviewer's Decision (a drop-down list by data validation),
 *    Reviewer, Date, Note and Expires columns, prefilled with the decision
 *    carried over from the baseline; past Excel's 1,048,576 rows the list
 *    goes on in "Findings (2)", "Findings (3)", ..., which the baseline
 *    reader (baseline.c) reads back too;
 *  - Baseline (with --baseline): the decisions whose findings were not
 *    raised again, so none is silently lost;
 *  - Connections: the findings about a follow, message partner or
 *    engaged-with account (cnd_finding.about), one row per counterpart
 *    matched to the register; Locations: the findings about a place, with
 *    the distance they carry (distance_m, distance_kind);
 *  - Timeline and Settings as before; Follow changes: the follows that
 *    appeared or disappeared between a subject's successive exports of
 *    one account (never the whole list); Coverage; Rules: the catalogue
 *    with citations and this run's policy; Run: tool version, policy and its
 *    SHA-256, inputs and their SHA-256, period, time zone, baseline and
 *    research settings;
 *  - Aggregates (research mode only): findings per rule per 1,000 posts,
 *    their spread across subjects, and trends by month.
 * In research mode (--anonymise) every sheet says so in its page header
 * and footer and the Summary sheet's first line does too. Every table has
 * frozen headers, an autofilter and set widths, with long text wrapped.
 * The workbook is written in libxlsxwriter's constant-memory mode (each
 * sheet is written row by row, top to bottom, and a row leaves memory as
 * soon as the next begins), so a run with a million findings does not
 * hold them all as cells; the Findings columns that are often empty (the
 * reviewer's, Client, Matched, Baseline) carry their format as column
 * formats, so an empty cell costs nothing, and the zip members are
 * deflated with ISA-L at its level 1 (xlsx_zip.c). Every piece of data is
 * written as a string cell, never as a formula, so text from an export
 * that starts with "=", "+", "-" or "@" stays text when the workbook is
 * opened. Cell text is repaired to valid UTF-8 and cut to Excel's
 * 32,767-character limit with a marker. Workbook properties mark it
 * confidential and carry the run's generated_at as their creation time,
 * so with --deterministic two runs on one machine give byte-identical
 * files (libxlsxwriter stamps every zip entry with
 * the fixed date 1980-01-01 and puts no other clock time in the file).
 * libxlsxwriter assembles the parts in temporary files (mode 0600,
 * unlinked as soon as they are opened); they are created in the report's
 * own directory rather than in /tmp, so the personal data they hold stays
 * on the disk the user chose for the report.
 *
 * This file starts the workbook and walks the sheet table below (one line
 * per sheet); the cell helpers are in xlsx_cell.c and each sheet's writer
 * in the file of its family (xlsx.h says which).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "conduct/report/report.h"

#include "xlsx.h"

#if LXW_VERSION_ID < 110
#error "conduct needs libxlsxwriter 1.1.0 or later (conditional formats)"
#endif

static int xl_has_baseline(const struct cnd_run *run)
{
	return run->baseline_file != NULL;
}

static int xl_is_research(const struct cnd_run *run)
{
	return run->opt.research != NULL;
}

/*
 * The sheets, in workbook order: one line each, its name, its writer
 * (xlsx.h) and, for a sheet that only some runs have, when it is written.
 */
static const struct {
	const char *name;
	void (*write)(struct xl *x, lxw_worksheet *ws,
		      const struct cnd_run *run);
	int (*when)(const struct cnd_run *run); /* NULL: always */
} xl_sheets[] = {
	{ "Summary", xl_summary, NULL },
	{ "Findings", xl_findings, NULL },
	{ "Baseline", xl_baseline, xl_has_baseline },
	{ "Connections", xl_connections, NULL },
	{ "Locations", xl_locations, NULL },
	{ "Timeline", xl_timeline, NULL },
	{ "Settings", xl_settings, NULL },
	{ "Follow changes", xl_follow_changes, NULL },
	{ "Coverage", xl_coverage, NULL },
	{ "Rules", xl_rules, NULL },
	{ "Run", xl_runinfo, NULL },
	{ "Aggregates", xl_aggregates, xl_is_research },
};

static void xl_properties(struct xl *x, const struct cnd_run *run)
{
	lxw_doc_properties props;

	memset(&props, 0, sizeof(props));
	props.title = "conduct review workbook";
	props.subject = "Professional-conduct review of social-media exports";
	props.comments = "Confidential: contains personal data from a "
			 "social-media export";
	props.status = "Confidential";
	props.category = "Confidential: personal data";
	if (run->opt.research) {
		props.title = "conduct research workbook";
		props.comments = "Confidential research output: anonymised "
				 "(keyed pseudonyms, text redacted, places and "
				 "times coarsened)";
		props.category = "Confidential: research output, anonymised";
	}
	/*
	 * The creation time is the run's own timestamp, never the clock. 0
	 * would make libxlsxwriter use the current time, so the epoch itself
	 * is written one second late.
	 */
	props.created = (time_t)run->opt.generated_at;
	if (props.created == 0)
		props.created = 1;
	xl_check(x, workbook_set_properties(x->wb, &props));
}

/* The directory of path, for libxlsxwriter's temporary files. */
static char *xl_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	char *dir;

	if (!slash)
		return cnd_xstrdup(".");
	n = slash == path ? 1 : (size_t)(slash - path);
	dir = cnd_xmalloc(n + 1);
	memcpy(dir, path, n);
	dir[n] = '\0';
	return dir;
}

static int xl_write(const struct cnd_run *run, const char *path,
		    struct cnd_error *err)
{
	struct xl x;
	lxw_workbook_options opts;
	lxw_error close_err;
	char *dir;
	int rc = CND_OK;

	memset(&x, 0, sizeof(x));
	x.run = run;
	cnd_buf_init(&x.cell);
	xl_rows_init(&x);
	cnd_cites_init(&x.cites, run->opt.policy, "; ");
	dir = xl_dirname(path);
	memset(&opts, 0, sizeof(opts));
	opts.tmpdir = dir;
	/* every sheet is written top to bottom, row by row */
	opts.constant_memory = LXW_TRUE;

	x.wb = workbook_new_opt(path, &opts);
	if (!x.wb) {
		rc = cnd_error_set(err, CND_FATAL,
				   "cannot start the workbook (out of memory)");
		goto out_free;
	}
	xl_formats(&x);
	xl_properties(&x, run);
	for (size_t i = 0; i < sizeof(xl_sheets) / sizeof(xl_sheets[0]); i++) {
		lxw_worksheet *ws;

		if (xl_sheets[i].when && !xl_sheets[i].when(run))
			continue;
		ws = xl_sheet(&x, xl_sheets[i].name);
		if (ws)
			xl_sheets[i].write(&x, ws, run);
	}

	errno = 0;
	xl_fit_flush(&x);
	xl_rows_flush(&x);
	close_err = workbook_close(x.wb);
	x.wb = NULL;
	if (x.err[0]) {
		rc = cnd_error_set(err, CND_FATAL, "%s", x.err);
	} else if (x.lxw_err != LXW_NO_ERROR) {
		rc = cnd_error_set(err, CND_FATAL, "xlsx: %s",
				   lxw_strerror(x.lxw_err));
	} else if (close_err == LXW_ERROR_CREATING_TMPFILE) {
		rc = cnd_error_set(err, CND_FATAL,
				   "cannot create temporary files in '%s'%s%s",
				   dir, errno ? ": " : "",
				   errno ? strerror(errno) : "");
	} else if (close_err == LXW_ERROR_CREATING_XLSX_FILE && errno) {
		rc = cnd_error_set(err, CND_FATAL, "%s", strerror(errno));
	} else if (close_err != LXW_NO_ERROR) {
		rc = cnd_error_set(err, CND_FATAL, "xlsx: %s",
				   lxw_strerror(close_err));
	}

out_free:
	cnd_buf_release(&x.cell);
	xl_rows_release(&x);
	cnd_cites_release(&x.cites);
	free(dir);
	return rc;
}

const struct cnd_writer cnd_writer_xlsx = { "xlsx", "output", xl_write };
