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
 *  - Connections: the client-connection, client-message and
 *    client-engagement findings, one row per counterpart matched to the
 *    register; Locations: the geo-* findings with the distance their
 *    evidence gives;
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
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "conduct/review/baseline.h"
#include "conduct/rules/follows.h"
#include "conduct/config/policy.h"
#include "conduct/config/standards.h"
#include "conduct/report/report.h"
#include "conduct/rules/rule.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#if LXW_VERSION_ID < 110
#error "conduct needs libxlsxwriter 1.1.0 or later (conditional formats)"
#endif

/* Excel's limit on the characters (UTF-16 code units) of one cell. */
#define XL_CELL_MAX 32767
#define XL_TRUNCATED "\xe2\x80\xa6 [truncated]"
#define XL_TRUNCATED_UNITS 13

/*
 * Data rows of one Findings sheet: every row but the header (a build may
 * lower it, -DCND_XLSX_SHEET_ROWS=4, to try the continuation sheets).
 */
#ifndef CND_XLSX_SHEET_ROWS
#define CND_XLSX_SHEET_ROWS ((size_t)LXW_ROW_MAX - 1)
#endif

struct xl {
	lxw_workbook *wb;
	const struct cnd_run *run;
	lxw_format *title, *note, *label, *header, *header_input, *banner;
	lxw_format *text, *wrap, *num, *rate, *date, *sev_col;
	lxw_format *sev[CND_SEV__N]; /* conditional formats (fill only) */
	struct cnd_buf cell;	  /* the cleaned text of the current cell */
	/*
	 * Row heights for wrapped text: spreadsheet programs do not all
	 * grow a row to fit wrapped text on opening (LibreOffice does not),
	 * so the writer sets the height of each row from its longest wrapped
	 * cell and the column widths of the sheet being written.
	 */
	lxw_worksheet *width_ws;
	double widths[32];
	/* width_ws's column formats: an empty cell in its column's format
	 * needs no cell of its own (a Findings row has six or seven) */
	lxw_format *colfmt[32];
	lxw_worksheet *fit_ws;
	lxw_row_t fit_row;
	unsigned fit_lines;
	lxw_error lxw_err;	  /* first libxlsxwriter error while writing */
	char err[CND_ERROR_MAX]; /* first error of our own, or "" */
};

#define XL_LINE_PT 15.0 /* height of one line of 10-point text */
#define XL_MAX_LINES 8 /* a taller row is cut off, still readable */

/*
 * worksheet_set_column, remembering the widths (for row heights) and the
 * format (fmt, or NULL) of the columns.
 */
static lxw_error xl_width(struct xl *x, lxw_worksheet *ws,
				lxw_col_t first, lxw_col_t last, double width,
				lxw_format *fmt)
{
	if (x->width_ws != ws) {
		memset(x->widths, 0, sizeof(x->widths));
		memset(x->colfmt, 0, sizeof(x->colfmt));
		x->width_ws = ws;
	}
	for (lxw_col_t c = first; c <= last && c < 32; c++) {
		x->widths[c] = width;
		x->colfmt[c] = fmt;
	}
	return worksheet_set_column(ws, first, last, width, fmt);
}

/* Set the tracked row's height when its wrapped text needs more lines. */
static void xl_fit_flush(struct xl *x)
{
	if (x->fit_ws && x->fit_lines > 1)
		worksheet_set_row(x->fit_ws, x->fit_row,
				  XL_LINE_PT * x->fit_lines, NULL);
	x->fit_ws = NULL;
	x->fit_lines = 0;
}

/* Lines wrapped text s needs in a column `width` characters wide. */
static unsigned xl_lines(const char *s, double width)
{
	unsigned lines = 1, col = 0;
	unsigned w = width > 4 ? (unsigned)(width * 1.1) : 4;

	for (; *s; s++) {
		if (*s == '\n') {
			lines++;
			col = 0;
		} else if (((unsigned char)*s & 0xC0) != 0x80 && ++col > w) {
			lines++;
			col = 1;
		}
	}
	return lines;
}

/* Record the first thing that went wrong; writing goes on to the close. */
static void xl_check(struct xl *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->lxw_err == LXW_NO_ERROR)
		x->lxw_err = e;
}

static void xl_fail(struct xl *x, const char *msg)
{
	if (!x->err[0])
		snprintf(x->err, sizeof(x->err), "%s", msg);
}

/*
 * Length of the UTF-8 sequence at s and its code point in *cp, or 0 when it
 * is not valid UTF-8 or not a character a cell should hold: U+FFFE and
 * U+FFFF (not allowed in XML) and control characters other than tab and
 * line breaks (libxlsxwriter would write them as "_x0001_", which Excel
 * decodes but other readers show as it stands).
 */
static size_t xl_utf8(const unsigned char *s, size_t avail,
			    uint32_t *cp)
{
	int32_t c;
	size_t n;

	if (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r')
		return 0;
	n = cnd_utf8_decode((const char *)s, avail, &c);
	if (c < 0 || c == 0xfffe || c == 0xffff)
		return 0;
	*cp = (uint32_t)c;
	return n;
}

/*
 * s as Excel can hold it, in x->cell: invalid bytes and control characters
 * become U+FFFD, and text longer than Excel's cell limit is cut at a
 * character boundary and ends with "… [truncated]". Valid until the next
 * call (s itself when it needs no change).
 */
static const char *xl_clean(struct xl *x, const char *s)
{
	struct cnd_buf *b = &x->cell;
	size_t n, units = 0, keep = SIZE_MAX;
	const unsigned char *p, *end;
	uint32_t cp;
	unsigned u;

	/* the common case: valid text that fits, taken as it is */
	end = (const unsigned char *)s + strlen(s);
	for (p = (const unsigned char *)s; p < end; p += n, units += u) {
		if (*p >= 0x20 && *p < 0x80) {
			n = u = 1;
			continue;
		}
		n = xl_utf8(p, (size_t)(end - p), &cp);
		if (!n)
			break;
		u = n == 4 ? 2 : 1; /* UTF-16 code units */
	}
	if (p == end && units <= XL_CELL_MAX - XL_TRUNCATED_UNITS)
		return s;
	cnd_buf_reset(b);
	units = 0;
	for (p = (const unsigned char *)s; p < end; p += n) {
		n = xl_utf8(p, (size_t)(end - p), &cp);
		u = n == 4 ? 2 : 1; /* UTF-16 code units */
		if (keep == SIZE_MAX &&
		    units + u > XL_CELL_MAX - XL_TRUNCATED_UNITS)
			keep = b->len;
		units += u;
		if (units > XL_CELL_MAX) {
			b->len = keep;
			cnd_buf_adds(b, XL_TRUNCATED);
			break;
		}
		if (n) {
			cnd_buf_add(b, p, n);
		} else {
			cnd_buf_adds(b, "\xef\xbf\xbd");
			n = 1;
		}
	}
	return b->data ? b->data : "";
}

/*
 * Write text as a string cell (never a formula). NULL or "" leaves the cell
 * empty, but formatted.
 */
static void xl_str(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
			 lxw_col_t col, const char *s, lxw_format *fmt)
{
	if (x->fit_ws && (x->fit_ws != ws || x->fit_row != row))
		xl_fit_flush(x);
	if (s && *s && fmt == x->wrap) {
		double width = x->width_ws == ws && col < 32 && x->widths[col] ?
				       x->widths[col] : 8.43;
		unsigned lines = xl_lines(s, width);

		if (lines > XL_MAX_LINES)
			lines = XL_MAX_LINES;
		x->fit_ws = ws;
		x->fit_row = row;
		if (lines > x->fit_lines)
			x->fit_lines = lines;
	}
	if (!s || !*s) {
		if (fmt && !(x->width_ws == ws && col < 32 &&
			     x->colfmt[col] == fmt))
			xl_check(x, worksheet_write_blank(ws, row, col,
								fmt));
		return;
	}
	xl_check(x, worksheet_write_string(ws, row, col,
						  xl_clean(x, s), fmt));
}

static void xl_num(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
			 lxw_col_t col, uint64_t n)
{
	xl_check(x, worksheet_write_number(ws, row, col, (double)n,
						 x->num));
}

/* "high" -> "High", into buf. */
static const char *xl_cap(const char *s, char *buf, size_t n)
{
	snprintf(buf, n, "%s", s ? s : "");
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

/* "2020-01-20 21:42:09" (UTC), or "not known". */
static const char *xl_time_utc(int64_t t, char *buf, size_t n)
{
	if (t == CND_TIME_NONE)
		return "not known";
	cnd_time_format_utc(t, buf, n);
	if (strlen(buf) >= 20 && buf[10] == 'T') {
		buf[10] = ' ';
		buf[19] = '\0';
	}
	return buf;
}

static const char *xl_time_local(int64_t t, char *buf, size_t n)
{
	if (t == CND_TIME_NONE)
		return "not known";
	cnd_time_format_local(t, buf, n);
	return buf;
}

/*
 * Print settings of every sheet: landscape, one page wide, and a footer
 * that says the workbook is confidential. In research mode the page header
 * and footer also say that the output is anonymised, so a printed page on
 * its own cannot be mistaken for a review of a named person.
 */
static void xl_page(struct xl *x, lxw_worksheet *ws)
{
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	if (x->run->opt.research) {
		xl_check(x, worksheet_set_header(
					  ws, "&CResearch output: anonymised "
					      "(keyed pseudonyms, text and "
					      "places coarsened)"));
		xl_check(x, worksheet_set_footer(
					  ws, "&LConfidential research output: "
					      "anonymised&RPage &P of &N"));
	} else {
		xl_check(x, worksheet_set_footer(
					  ws, "&LConfidential&RPage &P of &N"));
	}
}

/*
 * workbook_add_worksheet() with SIGINT, SIGTERM and SIGHUP held back: in
 * constant-memory mode it creates the sheet's temporary file and unlinks
 * it at once, and a signal between the two would leave that file behind
 * (the signal handler knows only the report's own temporary name). The
 * signal is delivered as soon as the sheet exists.
 */
static lxw_worksheet *xl_add_worksheet(lxw_workbook *wb,
					     const char *name)
{
	sigset_t block, saved;
	lxw_worksheet *ws;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &saved);
	ws = workbook_add_worksheet(wb, name);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	return ws;
}

/* A column of a table: its header, width, and whether the reviewer fills it. */
/* The format a table column's data cells take, if they all take one. */
enum xl_colfmt { XL_COL_ANY, XL_COL_TEXT, XL_COL_WRAP, XL_COL_DATE };

struct xl_col {
	const char *title;
	double width;
	int input;		   /* a reviewer's column */
	enum xl_colfmt fmt; /* the column's format */
};

/*
 * The header row of a table at row hdr: column widths, bold headers on a
 * fill (green for the reviewer's columns), frozen so they stay in view, an
 * autofilter over the nrows rows below, and print settings that repeat the
 * header on every page.
 */
static void xl_table(struct xl *x, lxw_worksheet *ws,
			   lxw_row_t hdr, const struct xl_col *cols,
			   size_t ncols, size_t nrows)
{
	for (size_t c = 0; c < ncols; c++) {
		lxw_format *h = cols[c].input ? x->header_input : x->header;
		lxw_format *const fmts[] = {
			[XL_COL_ANY] = NULL,
			[XL_COL_TEXT] = x->text,
			[XL_COL_WRAP] = x->wrap,
			[XL_COL_DATE] = x->date,
		};

		xl_check(x, xl_width(x, ws, (lxw_col_t)c,
						 (lxw_col_t)c, cols[c].width,
						 fmts[cols[c].fmt]));
		xl_str(x, ws, hdr, (lxw_col_t)c, cols[c].title, h);
	}
	worksheet_freeze_panes(ws, hdr + 1, 0);
	xl_check(x, worksheet_autofilter(ws, hdr, 0,
					       hdr + (lxw_row_t)nrows,
					       (lxw_col_t)(ncols - 1)));
	xl_check(x, worksheet_repeat_rows(ws, hdr, hdr));
	xl_page(x, ws);
}

static void xl_formats(struct xl *x)
{
	static const lxw_color_t fill[CND_SEV__N] = {
		[CND_SEV_INFO] = 0xD9D9D9,   /* grey */
		[CND_SEV_LOW] = 0xFFF2A8,    /* yellow */
		[CND_SEV_MEDIUM] = 0xFFC773, /* amber */
		[CND_SEV_HIGH] = 0xF4A6A6,   /* red */
	};
	lxw_workbook *wb = x->wb;

	x->title = workbook_add_format(wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	x->note = workbook_add_format(wb);
	format_set_italic(x->note);
	x->label = workbook_add_format(wb);
	format_set_bold(x->label);
	format_set_align(x->label, LXW_ALIGN_VERTICAL_TOP);

	x->header = workbook_add_format(wb);
	format_set_bold(x->header);
	format_set_bg_color(x->header, 0xDDEBF7);
	format_set_border(x->header, LXW_BORDER_THIN);
	format_set_text_wrap(x->header);
	format_set_align(x->header, LXW_ALIGN_VERTICAL_TOP);
	x->header_input = workbook_add_format(wb);
	format_set_bold(x->header_input);
	format_set_bg_color(x->header_input, 0xE2EFDA);
	format_set_border(x->header_input, LXW_BORDER_THIN);
	format_set_text_wrap(x->header_input);
	format_set_align(x->header_input, LXW_ALIGN_VERTICAL_TOP);

	x->text = workbook_add_format(wb);
	format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
	x->wrap = workbook_add_format(wb);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(x->wrap);
	x->num = workbook_add_format(wb);
	format_set_align(x->num, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->num, "0");

	x->rate = workbook_add_format(wb);
	format_set_align(x->rate, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->rate, "0.00");
	x->date = workbook_add_format(wb);
	format_set_align(x->date, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->sev_col = workbook_add_format(wb);
	format_set_bold(x->sev_col);
	format_set_align(x->sev_col, LXW_ALIGN_VERTICAL_TOP);
	x->banner = workbook_add_format(wb);
	format_set_bold(x->banner);
	format_set_font_color(x->banner, 0x9C0006);
	format_set_bg_color(x->banner, 0xFFEB9C);

	/* conditional formats: Excel applies only the fill of these */
	for (int s = 0; s < CND_SEV__N; s++) {
		x->sev[s] = workbook_add_format(wb);
		format_set_bg_color(x->sev[s], fill[s]);
	}
}

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

static const char *xl_platform(const struct cnd_archive *a)
{
	if (a->platform_title)
		return a->platform_title;
	if (a->platform)
		return a->platform;
	return "not recognised";
}

static void xl_period(const struct cnd_run *run, char *buf, size_t n)
{
	char since[32] = "", until[32] = "";

	if (run->opt.since != CND_TIME_NONE) {
		cnd_time_format_utc(run->opt.since, since, sizeof(since));
		since[10] = '\0';
	}
	if (run->opt.until != CND_TIME_NONE) {
		cnd_time_format_utc(run->opt.until, until, sizeof(until));
		until[10] = '\0';
	}
	if (since[0] && until[0])
		snprintf(buf, n, "%s to %s", since, until);
	else if (since[0])
		snprintf(buf, n, "from %s (no end date)", since);
	else if (until[0])
		snprintf(buf, n, "up to %s (no start date)", until);
	else
		snprintf(buf, n, "whole export (no period given)");
}

/* The one line that says a workbook is research output, into buf. */
static const char *xl_research_line(const struct xl *x, char *buf,
					  size_t n)
{
	const struct cnd_research_info *r = x->run->opt.research;

	snprintf(buf, n,
		 "RESEARCH OUTPUT, ANONYMISED: pseudonyms HMAC-SHA256 (key id "
		 "%s), coordinates to a %.0f m grid, times to the %s, text %s",
		 r->key_id ? r->key_id : "unknown", r->grid_m,
		 r->time_unit ? r->time_unit : "day",
		 r->text_dropped ? "dropped" : "redacted");
	return buf;
}

enum {
	XL_SUM_SUBJECT = 0,
	XL_SUM_FILE,
	XL_SUM_PLATFORM,
	XL_SUM_STATUS,
	XL_SUM_COUNTS,
	XL_SUM_RECORDS = XL_SUM_COUNTS + CND_COUNT__N,
	XL_SUM_SEV, /* High, Medium, Low, Info */
	XL_SUM__N = XL_SUM_SEV + CND_SEV__N
};

static const struct xl_col xl_summary_cols[XL_SUM__N] = {
	{ "Subject", 18, 0, XL_COL_ANY },
	{ "File", 30, 0, XL_COL_ANY },
	{ "Platform", 14, 0, XL_COL_ANY },
	{ "Status", 10, 0, XL_COL_ANY },
	{ "Posts", 10, 0, XL_COL_ANY },
	{ "Deleted posts", 10, 0, XL_COL_ANY },
	{ "Following", 10, 0, XL_COL_ANY },
	{ "Followers", 10, 0, XL_COL_ANY },
	{ "Friends", 10, 0, XL_COL_ANY },
	{ "Messages", 10, 0, XL_COL_ANY },
	{ "Likes", 10, 0, XL_COL_ANY },
	{ "Searches", 10, 0, XL_COL_ANY },
	{ "Location points", 10, 0, XL_COL_ANY },
	{ "Place visits", 10, 0, XL_COL_ANY },
	{ "Labelled places", 10, 0, XL_COL_ANY },
	{ "Settings", 10, 0, XL_COL_ANY },
	{ "All records", 10, 0, XL_COL_ANY },
	{ "High", 8, 0, XL_COL_ANY },
	{ "Medium", 8, 0, XL_COL_ANY },
	{ "Low", 8, 0, XL_COL_ANY },
	{ "Info", 8, 0, XL_COL_ANY },
};

/*
 * One row per subject under the table of archives: a subject who handed
 * over several exports (platforms, or this year's and last year's) is
 * reviewed as one person. Counts and findings are summed over the
 * subject's archives; the status is the worst of them.
 */
static void xl_subjects(struct xl *x, lxw_worksheet *ws,
			      lxw_row_t row, const struct cnd_run *run,
			      uint64_t (*sev)[CND_SEV__N])
{
	static const char *const heads[] = { "Subject", "Archives",
					     "Platforms", "Status" };
	struct cnd_buf platforms = CND_BUF_INIT;

	xl_str(x, ws, row++, 0, "Per subject", x->label);
	for (int c = 0; c < XL_SUM__N; c++)
		xl_str(x, ws, row, (lxw_col_t)c,
			     c < 4 ? heads[c] : xl_summary_cols[c].title,
			     x->header);
	row++;
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);
		uint64_t counts[CND_COUNT__N] = { 0 }, records = 0, n = 0;
		uint64_t total[CND_SEV__N] = { 0 };
		int status = CND_OK, seen = 0;

		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(cnd_run_archive(run, j)->subject,
				       a->subject);
		if (seen)
			continue; /* the subject's row is written already */
		cnd_buf_reset(&platforms);
		for (size_t j = i; j < run->archives.len; j++) {
			const struct cnd_archive *b = cnd_run_archive(run, j);
			const char *p = xl_platform(b);

			if (strcmp(b->subject, a->subject))
				continue;
			n++;
			records += b->records;
			status = cnd_status_worst(status, b->status);
			for (int c = 0; c < CND_COUNT__N; c++)
				counts[c] += b->counts[c];
			for (int v = 0; v < CND_SEV__N; v++)
				total[v] += sev[j][v];
			if (!platforms.data || !strstr(platforms.data, p)) {
				if (platforms.len)
					cnd_buf_adds(&platforms, ", ");
				cnd_buf_adds(&platforms, p);
			}
		}
		xl_str(x, ws, row, XL_SUM_SUBJECT, a->subject, x->text);
		xl_num(x, ws, row, XL_SUM_FILE, n);
		xl_str(x, ws, row, XL_SUM_PLATFORM, platforms.data,
			     x->text);
		xl_str(x, ws, row, XL_SUM_STATUS,
			     cnd_archive_status_name(status), x->text);
		for (int c = 0; c < CND_COUNT__N; c++)
			xl_num(x, ws, row,
				     (lxw_col_t)(XL_SUM_COUNTS + c),
				     counts[c]);
		xl_num(x, ws, row, XL_SUM_RECORDS, records);
		for (int v = 0; v < CND_SEV__N; v++)
			xl_num(x, ws, row,
				     (lxw_col_t)(XL_SUM_SEV + CND_SEV__N - 1 -
						 v),
				     total[v]);
		row++;
	}
	cnd_buf_release(&platforms);
}

/*
 * One line per subject whose successive exports were compared: how many
 * follows appeared and disappeared (the Follow changes sheet lists them).
 * Nothing when no subject handed in successive exports. Returns the next
 * row.
 */
static lxw_row_t xl_follow_summary(struct xl *x,
					 lxw_worksheet *ws, lxw_row_t row,
					 const struct cnd_run *run)
{
	char buf[512];
	size_t i = 0, j;

	while (i < run->n_follow_pairs) {
		const char *subject = run->follow_pairs[i].subject;
		uint64_t app = 0, dis = 0, pairs = 0;

		for (j = i; j < run->n_follow_pairs &&
			    !strcmp(run->follow_pairs[j].subject, subject);
		     j++) {
			app += run->follow_pairs[j].appeared;
			dis += run->follow_pairs[j].disappeared;
			pairs++;
		}
		snprintf(buf, sizeof(buf),
			 "%s: %llu follow%s appeared and %llu disappeared "
			 "between %llu pair%s of successive exports (Follow "
			 "changes sheet)",
			 subject, (unsigned long long)app, app == 1 ? "" : "s",
			 (unsigned long long)dis, (unsigned long long)pairs,
			 pairs == 1 ? "" : "s");
		if (!i)
			xl_str(x, ws, row, 0, "Follow changes", x->label);
		xl_str(x, ws, row++, 1, buf, x->text);
		i = j;
	}
	return row;
}

static void xl_summary(struct xl *x, const struct cnd_run *run)
{
	const struct cnd_archive *a;
	const struct cnd_finding *f;
	uint64_t (*sev)[CND_SEV__N];
	lxw_worksheet *ws;
	lxw_row_t row = 0, hdr;
	char buf[256];

	ws = xl_add_worksheet(x->wb, "Summary");
	if (!ws) {
		xl_fail(x, "cannot add the Summary sheet");
		return;
	}
	sev = cnd_xcalloc(run->archives.len ? run->archives.len : 1,
			  sizeof(*sev));
	for (size_t i = 0; i < run->findings.len; i++) {
		f = cnd_run_finding(run, i);
		if (f->archive < run->archives.len &&
		    (unsigned)f->severity < CND_SEV__N)
			sev[f->archive][f->severity]++;
	}

	if (run->opt.research) {
		xl_str(x, ws, row++, 0, xl_research_line(x, buf,
								     sizeof(buf)),
			     x->banner);
		xl_str(x, ws, row++, 0, "conduct research workbook",
			     x->title);
		xl_str(x, ws, row++, 0,
			     "Every person, account and client is a keyed "
			     "pseudonym; evidence text is redacted or dropped, "
			     "places are coarsened to a grid and times to a "
			     "unit. See the Run sheet for the settings and the "
			     "Aggregates sheet for figures across subjects.",
			     x->note);
	} else {
		xl_str(x, ws, row++, 0, "conduct review workbook",
			     x->title);
		xl_str(x, ws, row++, 0,
			     "Confidential: contains personal data from a "
			     "social-media export. Keep it only as long as the "
			     "review needs it.",
			     x->note);
	}
	row++;

	xl_str(x, ws, row, 0, "Generated", x->label);
	xl_str(x, ws, row++, 1,
		     xl_time_utc(run->opt.generated_at, buf,
				       sizeof(buf)),
		     x->text);
	xl_period(run, buf, sizeof(buf));
	xl_str(x, ws, row, 0, "Review period", x->label);
	xl_str(x, ws, row++, 1, buf, x->text);
	xl_str(x, ws, row, 0, "Time zone", x->label);
	xl_str(x, ws, row++, 1, run->opt.tz ? run->opt.tz : "UTC",
		     x->text);
	xl_str(x, ws, row, 0, "Clients file", x->label);
	xl_str(x, ws, row++, 1,
		     run->opt.clients_file ? run->opt.clients_file :
					     "none given",
		     x->text);
	xl_str(x, ws, row, 0, "Overall status", x->label);
	xl_str(x, ws, row++, 1, cnd_archive_status_name(run->status),
		     x->text);
	snprintf(buf, sizeof(buf),
		 "%zu (%llu high, %llu medium, %llu low, %llu info)",
		 run->findings.len,
		 (unsigned long long)run->severity_counts[CND_SEV_HIGH],
		 (unsigned long long)run->severity_counts[CND_SEV_MEDIUM],
		 (unsigned long long)run->severity_counts[CND_SEV_LOW],
		 (unsigned long long)run->severity_counts[CND_SEV_INFO]);
	xl_str(x, ws, row, 0, "Findings", x->label);
	xl_str(x, ws, row++, 1, buf, x->text);
	if (run->baseline_file) {
		uint64_t st[CND_BASELINE_DISMISSED + 1] = { 0 };

		for (size_t i = 0; i < run->findings.len; i++) {
			f = cnd_run_finding(run, i);
			if (f->baseline >= 0 &&
			    f->baseline <= CND_BASELINE_DISMISSED)
				st[f->baseline]++;
		}
		xl_str(x, ws, row, 0, "Previous review", x->label);
		xl_str(x, ws, row++, 1, run->baseline_file, x->text);
		snprintf(buf, sizeof(buf),
			 "%llu new, %llu unchanged (decision carried over), "
			 "%llu raised again (documented reason expired), %llu "
			 "dismissed shown; %zu decisions not raised again "
			 "(Baseline sheet)",
			 (unsigned long long)st[CND_BASELINE_NEW],
			 (unsigned long long)st[CND_BASELINE_UNCHANGED],
			 (unsigned long long)st[CND_BASELINE_EXPIRED],
			 (unsigned long long)st[CND_BASELINE_DISMISSED],
			 run->absent.len);
		xl_str(x, ws, row, 0, "Against it", x->label);
		xl_str(x, ws, row++, 1, buf, x->text);
	}
	row = xl_follow_summary(x, ws, row, run);
	snprintf(buf, sizeof(buf), "conduct %s", cnd_version);
	xl_str(x, ws, row, 0, "Tool", x->label);
	xl_str(x, ws, row++, 1, buf, x->text);
	row++;

	hdr = row++;
	xl_table(x, ws, hdr, xl_summary_cols, XL_SUM__N,
		       run->archives.len);
	for (size_t i = 0; i < run->archives.len; i++, row++) {
		a = cnd_run_archive(run, i);
		xl_str(x, ws, row, XL_SUM_SUBJECT, a->subject, x->text);
		xl_str(x, ws, row, XL_SUM_FILE, a->file, x->text);
		xl_str(x, ws, row, XL_SUM_PLATFORM,
			     xl_platform(a), x->text);
		xl_str(x, ws, row, XL_SUM_STATUS,
			     cnd_archive_status_name(a->status), x->text);
		for (int c = 0; c < CND_COUNT__N; c++)
			xl_num(x, ws, row,
				     (lxw_col_t)(XL_SUM_COUNTS + c),
				     a->counts[c]);
		xl_num(x, ws, row, XL_SUM_RECORDS, a->records);
		for (int s = 0; s < CND_SEV__N; s++)
			xl_num(x, ws, row,
				     (lxw_col_t)(XL_SUM_SEV + CND_SEV__N - 1 -
						 s),
				     sev[i][s]);
	}
	xl_subjects(x, ws, row + 1, run, sev);
	free(sev);
}

enum {
	XL_FIND_SEVERITY = 0,
	XL_FIND_RULE,
	XL_FIND_TITLE,
	XL_FIND_CONFIDENCE,
	XL_FIND_SUBJECT,
	XL_FIND_PLATFORM,
	XL_FIND_TIME_UTC,
	XL_FIND_TIME_LOCAL,
	XL_FIND_IN_PERIOD,
	XL_FIND_MATCHED,
	XL_FIND_CLIENT,
	XL_FIND_EVIDENCE,
	XL_FIND_SOURCE,
	XL_FIND_CITATIONS,
	XL_FIND_FINGERPRINT,
	XL_FIND_BASELINE,
	XL_FIND_DECISION,
	XL_FIND_REVIEWER,
	XL_FIND_DATE,
	XL_FIND_NOTE,
	XL_FIND_EXPIRES,
	XL_FIND__N
};

static const struct xl_col xl_finding_cols[XL_FIND__N] = {
	{ "Severity", 10, 0, XL_COL_ANY },
	{ "Rule", 18, 0, XL_COL_ANY },
	{ "Title", 30, 0, XL_COL_ANY },
	{ "Confidence", 12, 0, XL_COL_ANY },
	{ "Subject", 14, 0, XL_COL_ANY },
	{ "Platform", 12, 0, XL_COL_ANY },
	{ "Time (UTC)", 20, 0, XL_COL_ANY },
	{ "Time (local)", 26, 0, XL_COL_ANY },
	{ "In period", 10, 0, XL_COL_ANY },
	{ "Matched", 20, 0, XL_COL_WRAP },
	{ "Client", 14, 0, XL_COL_TEXT },
	{ "Evidence", 60, 0, XL_COL_ANY },
	{ "Source", 36, 0, XL_COL_ANY },
	{ "Citations", 40, 0, XL_COL_ANY },
	{ "Fingerprint", 18, 0, XL_COL_ANY },
	{ "Baseline", 12, 0, XL_COL_TEXT },
	{ "Decision", 18, 1, XL_COL_WRAP },
	{ "Reviewer", 16, 1, XL_COL_WRAP },
	{ "Date", 12, 1, XL_COL_DATE },
	{ "Note", 40, 1, XL_COL_WRAP },
	{ "Expires", 12, 1, XL_COL_DATE },
};

/* "Unchanged" for a finding's baseline state; "" without a baseline. */
static const char *xl_baseline_state(int state, char *buf, size_t n)
{
	const char *name = cnd_baseline_state_name(state);

	return name ? xl_cap(name, buf, n) : "";
}

/*
 * The decision as the Decision list names it when it is one of the list
 * (whatever case the reviewer typed), else as written.
 */
static const char *xl_decision_text(const struct cnd_decision *d)
{
	if (!d || !d->decision)
		return NULL;
	if (cnd_decision_parse(d->decision) >= 0)
		return cnd_decision_name(d->kind);
	return d->decision;
}

/* "YYYY-MM-DD" of t, or NULL when there is none. */
static const char *xl_day(int64_t t, char *buf, size_t n)
{
	if (t == CND_TIME_NONE)
		return NULL;
	cnd_time_format_utc(t, buf, n);
	if (n > 10)
		buf[10] = '\0';
	return buf;
}

static void xl_finding(struct xl *x, lxw_worksheet *ws,
			     lxw_row_t row, const struct cnd_finding *f,
			     const struct cnd_archive *a)
{
	const struct cnd_rule *rule = cnd_rule_find(f->rule);
	const struct cnd_decision *d = f->review;
	struct cnd_buf b = CND_BUF_INIT;
	char buf[64];

	xl_str(x, ws, row, XL_FIND_SEVERITY,
		     xl_cap(cnd_severity_name(f->severity), buf,
				  sizeof(buf)),
		     x->sev_col);
	xl_str(x, ws, row, XL_FIND_RULE, f->rule, x->text);
	xl_str(x, ws, row, XL_FIND_TITLE, rule ? rule->title : f->rule,
		     x->wrap);
	xl_str(x, ws, row, XL_FIND_CONFIDENCE,
		     xl_cap(cnd_confidence_name(f->confidence), buf,
				  sizeof(buf)),
		     x->text);
	xl_str(x, ws, row, XL_FIND_SUBJECT, a->subject, x->text);
	xl_str(x, ws, row, XL_FIND_PLATFORM, f->platform, x->text);
	xl_str(x, ws, row, XL_FIND_TIME_UTC,
		     xl_time_utc(f->time, buf, sizeof(buf)), x->text);
	xl_time_local(f->time, buf, sizeof(buf));
	if (f->zone_assumed && f->time != CND_TIME_NONE) {
		size_t n = strlen(buf);

		snprintf(buf + n, sizeof(buf) - n, " (time zone assumed)");
	}
	xl_str(x, ws, row, XL_FIND_TIME_LOCAL,
		     f->time == CND_TIME_NONE ? "not known" : buf, x->text);
	xl_str(x, ws, row, XL_FIND_IN_PERIOD,
		     f->in_period ? "Yes" : "No", x->text);
	xl_str(x, ws, row, XL_FIND_MATCHED, f->matched, x->wrap);
	xl_str(x, ws, row, XL_FIND_CLIENT, f->client, x->text);
	xl_str(x, ws, row, XL_FIND_EVIDENCE, f->evidence, x->wrap);

	cnd_buf_printf(&b, "%s: %s", a->file ? a->file : "",
		       f->prov.member ? f->prov.member : "(whole archive)");
	if (f->prov.item >= 0)
		cnd_buf_printf(&b, " #%lld", f->prov.item);
	xl_str(x, ws, row, XL_FIND_SOURCE, b.data, x->wrap);

	cnd_buf_reset(&b);
	cnd_citations_join(&b, x->run->opt.policy, f->rule, "; ");
	xl_str(x, ws, row, XL_FIND_CITATIONS, b.data, x->wrap);
	xl_str(x, ws, row, XL_FIND_FINGERPRINT, f->fingerprint,
		     x->text);
	xl_str(x, ws, row, XL_FIND_BASELINE,
		     xl_baseline_state(f->baseline, buf, sizeof(buf)),
		     x->text);
	/* the carried decision, for the reviewer to confirm or change */
	xl_str(x, ws, row, XL_FIND_DECISION, xl_decision_text(d),
		     x->wrap);
	xl_str(x, ws, row, XL_FIND_REVIEWER, d ? d->reviewer : NULL,
		     x->wrap);
	xl_str(x, ws, row, XL_FIND_DATE, d ? d->date : NULL, x->date);
	xl_str(x, ws, row, XL_FIND_NOTE, d ? d->note : NULL, x->wrap);
	xl_str(x, ws, row, XL_FIND_EXPIRES,
		     d ? xl_day(d->expires, buf, sizeof(buf)) : NULL,
		     x->date);
	cnd_buf_release(&b);
}

/*
 * What makes a Findings sheet a worksheet for review: the Decision column
 * offers the list of decisions (data validation; a typed value outside it
 * is refused with a message), and the Severity column is coloured by
 * conditional formats, which stay right when the reviewer sorts or
 * filters, over data rows 1..nrows.
 */
static void xl_review_aids(struct xl *x, lxw_worksheet *ws,
				 size_t nrows)
{
	const char *list[CND_DECISION__N + 1];
	lxw_data_validation dv;
	lxw_conditional_format cf;
	lxw_row_t last = (lxw_row_t)nrows;
	char buf[16], quoted[24];

	if (!nrows)
		return;
	/* libxlsxwriter copies the list and the values it is given */
	for (int k = 0; k < CND_DECISION__N; k++)
		list[k] = cnd_decision_name((enum cnd_decision_kind)k);
	list[CND_DECISION__N] = NULL;
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)list;
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.show_input = LXW_VALIDATION_ON;
	dv.show_error = LXW_VALIDATION_ON;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.input_title = "Decision";
	dv.input_message = "Choose from the list. Dismissed and false "
			   "positive are not raised again next year; give a "
			   "documented reason an Expires date.";
	dv.error_title = "Not a decision";
	dv.error_message = "Choose one of: open, confirmed, dismissed, false "
			   "positive, documented reason, escalated.";
	xl_check(x, worksheet_data_validation_range(
				  ws, 1, XL_FIND_DECISION, last,
				  XL_FIND_DECISION, &dv));

	for (int s = 0; s < CND_SEV__N; s++) {
		snprintf(quoted, sizeof(quoted), "\"%s\"",
			 xl_cap(cnd_severity_name((enum cnd_severity)s),
				      buf, sizeof(buf)));
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
		cf.value_string = quoted;
		cf.format = x->sev[s];
		xl_check(x, worksheet_conditional_format_range(
					  ws, 1, XL_FIND_SEVERITY, last,
					  XL_FIND_SEVERITY, &cf));
	}
}

/*
 * The Findings sheet, continued on "Findings (2)", "Findings (3)", ...
 * when the findings do not fit in one sheet.
 */
static void xl_findings(struct xl *x, const struct cnd_run *run)
{
	size_t total = run->findings.len, done = 0;
	unsigned sheet = 1;
	char name[32], msg[64];

	do {
		size_t n = total - done;
		lxw_worksheet *ws;

		if (n > CND_XLSX_SHEET_ROWS)
			n = CND_XLSX_SHEET_ROWS;
		if (sheet == 1)
			snprintf(name, sizeof(name), "Findings");
		else
			snprintf(name, sizeof(name), "Findings (%u)", sheet);
		ws = xl_add_worksheet(x->wb, name);
		if (!ws) {
			snprintf(msg, sizeof(msg), "cannot add the %s sheet",
				 name);
			xl_fail(x, msg);
			return;
		}
		xl_table(x, ws, 0, xl_finding_cols, XL_FIND__N, n);
		xl_review_aids(x, ws, n);
		for (size_t i = 0; i < n; i++) {
			const struct cnd_finding *f =
				cnd_run_finding(run, done + i);

			if (f->archive >= run->archives.len) {
				snprintf(msg, sizeof(msg),
					 "finding %zu refers to no archive",
					 done + i);
				xl_fail(x, msg);
				return;
			}
			xl_finding(x, ws, (lxw_row_t)(i + 1), f,
					 cnd_run_archive(run, f->archive));
		}
		done += n;
		sheet++;
	} while (done < total);
}

static const struct xl_col xl_coverage_cols[] = {
	{ "Archive", 28, 0, XL_COL_ANY },
	{ "Member", 50, 0, XL_COL_ANY },
	{ "Status", 13, 0, XL_COL_ANY },
	{ "Detail", 60, 0, XL_COL_ANY },
	{ "Records", 10, 0, XL_COL_ANY },
};

#define XL_COVERAGE_NCOLS \
	(sizeof(xl_coverage_cols) / sizeof(xl_coverage_cols[0]))

static void xl_coverage_row(struct xl *x, lxw_worksheet *ws,
				  lxw_row_t row, const struct cnd_archive *a,
				  const char *member, const char *status,
				  const char *detail)
{
	xl_str(x, ws, row, 0, a->file, x->text);
	xl_str(x, ws, row, 1, member ? member : "(whole archive)",
		     x->wrap);
	xl_str(x, ws, row, 2, status, x->text);
	xl_str(x, ws, row, 3, detail, x->wrap);
}

static void xl_diag_detail(struct cnd_buf *b, const struct cnd_diag *d)
{
	const char *sep = " (";

	cnd_buf_reset(b);
	cnd_buf_adds(b, d->message ? d->message : "");
	if (d->item >= 0) {
		cnd_buf_printf(b, "%sitem %lld", sep, d->item);
		sep = ", ";
	}
	if (d->line) {
		cnd_buf_printf(b, "%sline %lu", sep, d->line);
		sep = ", ";
	}
	if (d->column) {
		cnd_buf_printf(b, "%scolumn %lu", sep, d->column);
		sep = ", ";
	}
	if (sep[0] == ',')
		cnd_buf_addc(b, ')');
	if (d->count > 1) {
		cnd_buf_printf(b, "; %llu times in all",
			       (unsigned long long)d->count);
		for (unsigned k = 0; k < d->n_items; k++)
			cnd_buf_printf(b, "%s%lld", k ? ", " : ", items ",
				       d->items[k]);
		if (d->n_items && d->count > d->n_items)
			cnd_buf_adds(b, ", ...");
	}
}

static void xl_coverage(struct xl *x, const struct cnd_run *run)
{
	static const char unknown[] = "no handler knows this file; not read";
	const struct cnd_member_note *m;
	const struct cnd_archive *a;
	struct cnd_buf b = CND_BUF_INIT;
	lxw_worksheet *ws;
	size_t nrows = 0;
	lxw_row_t row = 1;

	ws = xl_add_worksheet(x->wb, "Coverage");
	if (!ws) {
		xl_fail(x, "cannot add the Coverage sheet");
		return;
	}
	for (size_t i = 0; i < run->archives.len; i++) {
		a = cnd_run_archive(run, i);
		nrows += a->parsed.len + a->ignored.len + a->unrecognised.len +
			 a->gaps.len + a->diags.len + a->declared.len;
	}
	if (nrows >= LXW_ROW_MAX) {
		xl_fail(x, "more coverage rows than an Excel sheet can "
				 "hold");
		return;
	}
	xl_table(x, ws, 0, xl_coverage_cols,
		       XL_COVERAGE_NCOLS, nrows);

	for (size_t i = 0; i < run->archives.len; i++) {
		a = cnd_run_archive(run, i);
		for (size_t j = 0; j < a->parsed.len; j++, row++) {
			m = cnd_vec_at(&a->parsed, j);
			xl_coverage_row(x, ws, row, a, m->path, "parsed",
					      m->what);
			xl_num(x, ws, row, 4, m->records);
		}
		for (size_t j = 0; j < a->ignored.len; j++, row++) {
			m = cnd_vec_at(&a->ignored, j);
			xl_coverage_row(x, ws, row, a, m->path, "ignored",
					      m->what);
		}
		for (size_t j = 0; j < a->unrecognised.len; j++, row++) {
			m = cnd_vec_at(&a->unrecognised, j);
			xl_coverage_row(x, ws, row, a, m->path,
					      "unrecognised",
					      m->what ? m->what : unknown);
		}
		for (size_t j = 0; j < a->gaps.len; j++, row++)
			xl_coverage_row(
				x, ws, row, a, NULL, "gap",
				*(const char *const *)cnd_vec_at(&a->gaps, j));
		for (size_t j = 0; j < a->declared.len; j++, row++) {
			const struct cnd_declared *d =
				cnd_vec_at(&a->declared, j);

			cnd_buf_reset(&b);
			cnd_buf_printf(&b,
				       "the export declares %llu %s (\"%s\"); %llu read%s",
				       (unsigned long long)d->declared, d->of,
				       d->key, (unsigned long long)d->read,
				       d->status == CND_OK ? ": they match" :
							     "");
			xl_coverage_row(
				x, ws, row, a, d->member[0] ? d->member : NULL,
				"declared total", b.data);
			xl_num(x, ws, row, 4, d->read);
		}
		for (size_t j = 0; j < a->diags.len; j++, row++) {
			const struct cnd_diag *d = cnd_vec_at(&a->diags, j);

			xl_diag_detail(&b, d);
			xl_coverage_row(x, ws, row, a, d->member,
					      cnd_diag_severity_name(d->status),
					      b.data);
		}
	}
	cnd_buf_release(&b);
}

/* Header cells of a table that is not the sheet's main (filtered) one. */
static void xl_headers(struct xl *x, lxw_worksheet *ws,
			     lxw_row_t row, const char *const *titles,
			     size_t n)
{
	for (size_t c = 0; c < n; c++)
		xl_str(x, ws, row, (lxw_col_t)c, titles[c], x->header);
}

/* Months are counted from year 0: "2023-05" is 2023 * 12 + 4. */
static long xl_month_index(int64_t t)
{
	char buf[8];
	long y, m;

	cnd_time_format_month(t, buf, sizeof(buf));
	if (sscanf(buf, "%ld-%ld", &y, &m) != 2)
		return 0;
	return y * 12 + m - 1;
}

/* At most this many months in the per-month table (a century). */
#define XL_MONTHS_MAX 1200

static const char *const xl_month_titles[] = {
	"Month", "High", "Medium", "Low", "Info", "All",
};

static const char *const xl_seen_titles[] = {
	"Subject", "Rule", "Title", "Findings", "First seen (UTC)",
	"Last seen (UTC)",
};

static const char *const xl_tl_titles[] = {
	"Subject", "Month", "Rule", "Findings",
};

/*
 * The line chart of findings per month by severity, over the month table
 * at rows first..last (columns 1-4 hold High..Info).
 */
static void xl_chart(struct xl *x, lxw_worksheet *ws,
			   lxw_row_t first, lxw_row_t last, lxw_row_t at)
{
	static const lxw_color_t colour[CND_SEV__N] = {
		[CND_SEV_HIGH] = 0xC00000,
		[CND_SEV_MEDIUM] = 0xED7D31,
		[CND_SEV_LOW] = 0xBF9000,
		[CND_SEV_INFO] = 0x7F7F7F,
	};
	lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_LINE);

	if (!chart) {
		xl_fail(x, "cannot add the Timeline chart");
		return;
	}
	for (int s = CND_SEV__N - 1; s >= 0; s--) {
		lxw_col_t col = (lxw_col_t)(CND_SEV__N - s);
		lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
		lxw_chart_line line;

		if (!series) {
			xl_fail(x, "cannot add a Timeline chart series");
			return;
		}
		chart_series_set_categories(series, "Timeline", first, 0, last,
					    0);
		chart_series_set_values(series, "Timeline", first, col, last,
					col);
		chart_series_set_name_range(series, "Timeline", first - 1,
					    col);
		memset(&line, 0, sizeof(line));
		line.color = colour[s];
		line.width = 2;
		chart_series_set_line(series, &line);
		chart_series_set_marker_type(series, LXW_CHART_MARKER_AUTOMATIC);
	}
	chart_title_set_name(chart, "Findings per month by severity");
	chart_axis_set_name(chart->x_axis, "Month (UTC)");
	chart_axis_set_name(chart->y_axis, "Findings");
	chart_axis_set_min(chart->y_axis, 0);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	xl_check(x, worksheet_insert_chart(ws, at, 7, chart));
}

/*
 * The Timeline sheet: findings per month by severity (every month from the
 * first to the last, so the line chart beside it shows quiet months as
 * zero), first and last seen per subject and rule, and the timeline rows
 * of the JSON report (subject, month, rule, count).
 */
static void xl_timeline(struct xl *x, const struct cnd_run *run)
{
	uint64_t (*per)[CND_SEV__N] = NULL, undated[CND_SEV__N] = { 0 };
	long lo = 0, hi = -1, n_months = 0;
	lxw_worksheet *ws;
	lxw_row_t row = 0, first;
	char buf[64];

	ws = xl_add_worksheet(x->wb, "Timeline");
	if (!ws) {
		xl_fail(x, "cannot add the Timeline sheet");
		return;
	}
	if (run->timeline.len + run->n_rule_summary + 40 +
		    XL_MONTHS_MAX >= LXW_ROW_MAX) {
		xl_fail(x, "more timeline rows than an Excel sheet can hold");
		return;
	}
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		long m;

		if (f->time == CND_TIME_NONE)
			continue;
		m = xl_month_index(f->time);
		if (hi < lo) {
			lo = hi = m;
		} else if (m < lo) {
			lo = m;
		} else if (m > hi) {
			hi = m;
		}
	}
	if (hi >= lo) {
		if (hi - lo >= XL_MONTHS_MAX)
			lo = hi - XL_MONTHS_MAX + 1;
		n_months = hi - lo + 1;
		per = cnd_xcalloc((size_t)n_months, sizeof(*per));
	}
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		long m;

		if ((unsigned)f->severity >= CND_SEV__N)
			continue;
		if (f->time == CND_TIME_NONE) {
			undated[f->severity]++;
			continue;
		}
		m = xl_month_index(f->time);
		if (per && m >= lo)
			per[m - lo][f->severity]++;
	}

	xl_check(x, xl_width(x, ws, 0, 0, 18, NULL));
	xl_check(x, xl_width(x, ws, 1, 1, 20, NULL));
	xl_check(x, xl_width(x, ws, 2, 2, 30, NULL));
	xl_check(x, xl_width(x, ws, 3, 5, 18, NULL));
	xl_str(x, ws, row++, 0, "Risk over time", x->title);
	xl_str(x, ws, row++, 0,
		     "Findings per month of the underlying records (UTC), by "
		     "severity; findings with no date are counted below the "
		     "table.",
		     x->note);
	row++;
	xl_headers(x, ws, row++, xl_month_titles, 6);
	first = row;
	for (long m = 0; m < n_months; m++, row++) {
		uint64_t all = 0;

		snprintf(buf, sizeof(buf), "%04ld-%02ld", (lo + m) / 12,
			 (lo + m) % 12 + 1);
		xl_str(x, ws, row, 0, buf, x->text);
		for (int s = 0; s < CND_SEV__N; s++) {
			xl_num(x, ws, row,
				     (lxw_col_t)(CND_SEV__N - s),
				     per[m][s]);
			all += per[m][s];
		}
		xl_num(x, ws, row, 5, all);
	}
	if (!n_months)
		xl_str(x, ws, row++, 0, "no finding carries a date",
			     x->note);
	else
		xl_chart(x, ws, first, row - 1, first - 1);
	xl_str(x, ws, row, 0, "no date", x->label);
	{
		uint64_t all = 0;

		for (int s = 0; s < CND_SEV__N; s++) {
			xl_num(x, ws, row, (lxw_col_t)(CND_SEV__N - s),
				     undated[s]);
			all += undated[s];
		}
		xl_num(x, ws, row++, 5, all);
	}
	free(per);
	if (row < first + 16)
		row = first + 16; /* below the chart */
	row++;

	xl_str(x, ws, row++, 0, "First and last seen, per rule",
		     x->title);
	xl_headers(x, ws, row++, xl_seen_titles, 6);
	for (size_t i = 0; i < run->n_rule_summary; i++, row++) {
		const struct cnd_rule_summary *s = &run->rule_summary[i];
		const struct cnd_rule *rule = cnd_rule_find(s->rule);

		xl_str(x, ws, row, 0, s->subject, x->text);
		xl_str(x, ws, row, 1, s->rule, x->text);
		xl_str(x, ws, row, 2, rule ? rule->title : s->rule,
			     x->wrap);
		xl_num(x, ws, row, 3, s->count);
		xl_str(x, ws, row, 4,
			     xl_time_utc(s->first_seen, buf,
					       sizeof(buf)),
			     x->text);
		xl_str(x, ws, row, 5,
			     xl_time_utc(s->last_seen, buf, sizeof(buf)),
			     x->text);
	}
	row++;

	xl_str(x, ws, row++, 0, "Findings per subject, month and rule",
		     x->title);
	xl_headers(x, ws, row++, xl_tl_titles, 4);
	for (size_t i = 0; i < run->timeline.len; i++, row++) {
		const struct cnd_timeline_row *t =
			cnd_vec_at(&run->timeline, i);

		xl_str(x, ws, row, 0, t->subject, x->text);
		xl_str(x, ws, row, 1, t->month, x->text);
		xl_str(x, ws, row, 2, t->rule, x->text);
		xl_num(x, ws, row, 3, t->count);
	}
	xl_page(x, ws);
}

static const struct xl_col xl_settings_cols[] = {
	{ "Subject", 16, 0, XL_COL_ANY },
	{ "Archive", 26, 0, XL_COL_ANY },
	{ "Platform", 12, 0, XL_COL_ANY },
	{ "Setting", 18, 0, XL_COL_ANY },
	{ "State", 10, 0, XL_COL_ANY },
	{ "From (UTC)", 20, 0, XL_COL_ANY },
	{ "To (UTC)", 22, 0, XL_COL_ANY },
	{ "How it is known", 50, 0, XL_COL_ANY },
	{ "Recorded as", 16, 0, XL_COL_ANY },
	{ "Source", 30, 0, XL_COL_ANY },
};

#define XL_SETTINGS_NCOLS \
	(sizeof(xl_settings_cols) / sizeof(xl_settings_cols[0]))

static void xl_setting_row(struct xl *x, lxw_worksheet *ws,
				 lxw_row_t row, const struct cnd_archive *a,
				 const struct cnd_setting_interval *iv)
{
	int public = !strcmp(iv->setting, "public");
	int on = !strcmp(iv->value, "on");
	char buf[32];

	xl_str(x, ws, row, 0, a->subject, x->text);
	xl_str(x, ws, row, 1, a->file, x->text);
	xl_str(x, ws, row, 2, iv->platform, x->text);
	xl_str(x, ws, row, 3,
		     public ? "Account public" : "Location sharing", x->text);
	xl_str(x, ws, row, 4,
		     public ? (on ? "Public" : "Private") : (on ? "On" : "Off"),
		     x->text);
	xl_str(x, ws, row, 5,
		     iv->from == CND_TIME_NONE ?
			     (iv->undated ? "not known" :
					    "before the first record") :
			     xl_time_utc(iv->from, buf, sizeof(buf)),
		     x->text);
	xl_str(x, ws, row, 6,
		     iv->to == CND_TIME_NONE ?
			     "still so when exported" :
			     xl_time_utc(iv->to, buf, sizeof(buf)),
		     x->text);
	xl_str(x, ws, row, 7,
		     iv->undated ? "the export gives this state without a "
				   "date: it held when the export was made" :
		     iv->inferred ? "inferred: the opposite of the first "
				    "recorded change" :
				    "a dated change in the export",
		     x->wrap);
	xl_str(x, ws, row, 8, iv->source, x->text);
	xl_str(x, ws, row, 9, iv->prov.member, x->wrap);
}

/*
 * The Settings sheet: every archive's settings timeline, one row per
 * interval in which the account was public or private, or location
 * sharing on or off.
 */
static void xl_settings(struct xl *x, const struct cnd_run *run)
{
	lxw_worksheet *ws;
	size_t nrows = 0;
	lxw_row_t row = 1;

	ws = xl_add_worksheet(x->wb, "Settings");
	if (!ws) {
		xl_fail(x, "cannot add the Settings sheet");
		return;
	}
	for (size_t i = 0; i < run->archives.len; i++)
		nrows += cnd_run_archive(run, i)->n_settings;
	if (nrows >= LXW_ROW_MAX) {
		xl_fail(x, "more settings rows than an Excel sheet can hold");
		return;
	}
	xl_table(x, ws, 0, xl_settings_cols,
		       XL_SETTINGS_NCOLS, nrows);
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);

		for (size_t j = 0; j < a->n_settings; j++, row++)
			xl_setting_row(x, ws, row, a, &a->settings[j]);
	}
	if (!nrows)
		xl_str(x, ws, row, 0,
			     "the exports hold no privacy or location setting "
			     "history",
			     x->note);
}

static const struct xl_col xl_follow_cols[] = {
	{ "Subject", 16, 0, XL_COL_ANY },
	{ "Platform", 14, 0, XL_COL_ANY },
	{ "Subject's account", 18, 0, XL_COL_ANY },
	{ "Change", 12, 0, XL_COL_ANY },
	{ "What changed", 34, 0, XL_COL_ANY },
	{ "Other account", 24, 0, XL_COL_ANY },
	{ "Changed after", 13, 0, XL_COL_ANY },
	{ "Changed by", 13, 0, XL_COL_ANY },
	{ "Exact date (UTC)", 20, 0, XL_COL_ANY },
	{ "How it is known", 50, 0, XL_COL_ANY },
	{ "Earlier export", 26, 0, XL_COL_ANY },
	{ "Later export", 26, 0, XL_COL_ANY },
};

#define XL_FOLLOW_NCOLS \
	(sizeof(xl_follow_cols) / sizeof(xl_follow_cols[0]))

/* The change in plain words, from the subject's side. */
static const char *xl_follow_what(const struct cnd_follow_change *c)
{
	static const char *const words[][2] = {
		{ "stopped following them", "started following them" },
		{ "they stopped following the subject",
		  "they started following the subject" },
		{ "no longer friends", "became friends" },
		{ "follow request to them no longer pending",
		  "sent them a follow request" },
		{ "their follow request no longer pending",
		  "received a follow request from them" },
	};

	if ((unsigned)c->dir >= sizeof(words) / sizeof(words[0]))
		return c->appeared ? "appeared" : "disappeared";
	return words[c->dir][c->appeared ? 1 : 0];
}

static void xl_follow_row(struct xl *x, lxw_worksheet *ws,
				lxw_row_t row, const struct cnd_run *run,
				const struct cnd_follow_change *c)
{
	const struct cnd_archive *e = cnd_run_archive(run, c->earlier);
	const struct cnd_archive *l = cnd_run_archive(run, c->later);
	char buf[128], day[32];

	xl_str(x, ws, row, 0, c->subject, x->text);
	if (c->label)
		snprintf(buf, sizeof(buf), "%s: %s", xl_platform(l),
			 c->label);
	xl_str(x, ws, row, 1, c->label ? buf : xl_platform(l),
		     x->text);
	xl_str(x, ws, row, 2, c->account, x->text);
	xl_str(x, ws, row, 3, c->appeared ? "Appeared" : "Disappeared",
		     x->text);
	xl_str(x, ws, row, 4, xl_follow_what(c), x->wrap);
	xl_str(x, ws, row, 5, c->who, x->text);
	xl_str(x, ws, row, 6, xl_day(c->from, day, sizeof(day)),
		     x->text);
	xl_str(x, ws, row, 7, xl_day(c->to, day, sizeof(day)),
		     x->text);
	xl_str(x, ws, row, 8,
		     c->time == CND_TIME_NONE ?
			     "" : xl_time_utc(c->time, buf, sizeof(buf)),
		     x->text);
	xl_str(x, ws, row, 9,
		     !c->appeared ?
			     "in the earlier export only: it ended after the "
			     "earlier export was made and by the time the "
			     "later one was (exports give no date for an "
			     "ending)" :
		     c->time != CND_TIME_NONE ?
			     "in the later export only, which dates it" :
			     "in the later export only: it began after the "
			     "earlier export was made and by the time the "
			     "later one was",
		     x->wrap);
	xl_str(x, ws, row, 10, e->file, x->text);
	xl_str(x, ws, row, 11, l->file, x->text);
}

/*
 * The Follow changes sheet: when a subject handed in successive exports of
 * one account, the follows that appeared or disappeared between each
 * export and the next, one row per change, with the dates between which
 * it happened. Never the whole list of follows.
 */
static void xl_follow_changes(struct xl *x,
				    const struct cnd_run *run)
{
	lxw_worksheet *ws;
	lxw_row_t row = 1;

	ws = xl_add_worksheet(x->wb, "Follow changes");
	if (!ws) {
		xl_fail(x, "cannot add the Follow changes sheet");
		return;
	}
	if (run->n_follow_changes >= LXW_ROW_MAX) {
		xl_fail(x, "more follow changes than an Excel sheet can "
				 "hold");
		return;
	}
	xl_table(x, ws, 0, xl_follow_cols, XL_FOLLOW_NCOLS,
		       run->n_follow_changes);
	for (size_t i = 0; i < run->n_follow_changes; i++, row++)
		xl_follow_row(x, ws, row, run, &run->follow_changes[i]);
	if (!run->n_follow_pairs)
		xl_str(x, ws, row, 0,
			     "no subject handed in successive exports of one "
			     "account (give them with one --subject, or on "
			     "one manifest row)",
			     x->note);
	else if (!run->n_follow_changes)
		xl_str(x, ws, row, 0,
			     "no follow changed between successive exports",
			     x->note);
}

/* A sheet that is no table, with print settings; NULL after a failure. */
static lxw_worksheet *xl_sheet(struct xl *x, const char *name)
{
	lxw_worksheet *ws = xl_add_worksheet(x->wb, name);
	char msg[64];

	if (!ws) {
		snprintf(msg, sizeof(msg), "cannot add the %s sheet", name);
		xl_fail(x, msg);
	}
	return ws;
}

static const struct xl_col xl_absent_cols[] = {
	{ "Fingerprint", 18, 0, XL_COL_ANY },
	{ "Why not listed", 24, 0, XL_COL_ANY },
	{ "Rule", 18, 0, XL_COL_ANY },
	{ "Subject", 16, 0, XL_COL_ANY },
	{ "Decision", 18, 0, XL_COL_ANY },
	{ "Reviewer", 16, 0, XL_COL_ANY },
	{ "Date", 12, 0, XL_COL_ANY },
	{ "Note", 40, 0, XL_COL_ANY },
	{ "Expires", 12, 0, XL_COL_ANY },
	{ "Evidence", 60, 0, XL_COL_ANY },
};

#define XL_ABSENT_NCOLS \
	(sizeof(xl_absent_cols) / sizeof(xl_absent_cols[0]))

/*
 * The Baseline sheet (with --baseline): every decision of the previous
 * review whose finding was not raised again (dismissed, or the record is
 * gone from the export, or the rule no longer fires), so no decision is
 * silently lost; baseline.c reads this sheet back with the Findings.
 */
static void xl_baseline(struct xl *x, const struct cnd_run *run)
{
	lxw_worksheet *ws;
	lxw_row_t row;
	char buf[32];

	if (!run->baseline_file)
		return;
	ws = xl_sheet(x, "Baseline");
	if (!ws)
		return;
	if (run->absent.len >= LXW_ROW_MAX - 4) {
		xl_fail(x, "more baseline rows than an Excel sheet can "
				 "hold");
		return;
	}
	xl_str(x, ws, 0, 0,
		     run->absent.len ? "Decisions not raised again" :
				       "Every finding of the previous review "
				       "was raised again",
		     x->title);
	/* no note below the table: baseline.c reads every row under it */
	xl_str(x, ws, 1, 0,
		     "Findings of the previous review that this run did not "
		     "raise again, with the decision recorded for them: "
		     "dismissed or false positive (rerun with --show-dismissed "
		     "to list them among the findings), or no longer found (the "
		     "record is not in this export, or the rule no longer "
		     "fires). Nothing here needs a new decision; next year's "
		     "--baseline reads this sheet too, so no decision is lost.",
		     x->note);
	xl_table(x, ws, 3, xl_absent_cols, XL_ABSENT_NCOLS,
		       run->absent.len);
	row = 4;
	for (size_t i = 0; i < run->absent.len; i++, row++) {
		const struct cnd_decision *d =
			*(const struct cnd_decision *const *)cnd_vec_at(
				&run->absent, i);

		int dismissed = d->kind == CND_DECISION_DISMISSED ||
				d->kind == CND_DECISION_FALSE_POSITIVE;

		xl_str(x, ws, row, 0, d->fingerprint, x->text);
		xl_str(x, ws, row, 1,
			     dismissed ? "dismissed: not raised again" :
					 "no longer found",
			     x->wrap);
		xl_str(x, ws, row, 2, d->rule, x->text);
		xl_str(x, ws, row, 3, d->subject, x->text);
		xl_str(x, ws, row, 4, xl_decision_text(d), x->text);
		xl_str(x, ws, row, 5, d->reviewer, x->text);
		xl_str(x, ws, row, 6, d->date, x->text);
		xl_str(x, ws, row, 7, d->note, x->wrap);
		xl_str(x, ws, row, 8,
			     xl_day(d->expires, buf, sizeof(buf)),
			     x->text);
		xl_str(x, ws, row, 9, d->evidence, x->wrap);
	}
}

/* Whether f is a finding of one of the rules (NULL-terminated ids). */
static int xl_rule_in(const struct cnd_finding *f,
			    const char *const *ids)
{
	for (; *ids; ids++)
		if (!strcmp(f->rule, *ids))
			return 1;
	return 0;
}

/* Rows of the run whose rule is one of ids. */
static size_t xl_count_rules(const struct cnd_run *run,
				   const char *const *ids)
{
	size_t n = 0;

	for (size_t i = 0; i < run->findings.len; i++)
		n += (size_t)xl_rule_in(cnd_run_finding(run, i), ids);
	return n;
}

static const char *const xl_connection_rules[] = {
	"client-connection", "client-message", "client-engagement", NULL,
};

static const struct xl_col xl_connection_cols[] = {
	{ "Subject", 14, 0, XL_COL_ANY },
	{ "Platform", 12, 0, XL_COL_ANY },
	{ "Kind", 22, 0, XL_COL_ANY },
	{ "Counterpart", 22, 0, XL_COL_ANY },
	{ "Client", 12, 0, XL_COL_ANY },
	{ "Confidence", 12, 0, XL_COL_ANY },
	{ "Severity", 10, 0, XL_COL_ANY },
	{ "Time (UTC)", 20, 0, XL_COL_ANY },
	{ "Detail", 70, 0, XL_COL_ANY },
	{ "Fingerprint", 18, 0, XL_COL_ANY },
};

#define XL_CONNECTION_NCOLS \
	(sizeof(xl_connection_cols) / sizeof(xl_connection_cols[0]))

/* "Follow / follower", "Direct messages", "Like or comment" of a finding. */
static const char *xl_connection_kind(const struct cnd_finding *f)
{
	if (!strcmp(f->rule, "client-message"))
		return "Direct messages";
	if (!strcmp(f->rule, "client-engagement"))
		return "Like or comment on their content";
	return "Follow, follower or friend";
}

/*
 * The Connections sheet: every follow, follower, friend, request, message
 * partner and engaged-with account that the client rules matched to the
 * register, with the counterpart, the client and how sure the match is.
 * It lists the client rules' findings (the run keeps no record of the
 * connections that matched no client).
 */
static void xl_connections(struct xl *x, const struct cnd_run *run)
{
	size_t n = xl_count_rules(run, xl_connection_rules);
	lxw_worksheet *ws;
	lxw_row_t row = 1;
	char buf[64];

	ws = xl_sheet(x, "Connections");
	if (!ws)
		return;
	if (n >= LXW_ROW_MAX) {
		xl_fail(x, "more connections than an Excel sheet can "
				 "hold");
		return;
	}
	xl_table(x, ws, 0, xl_connection_cols,
		       XL_CONNECTION_NCOLS, n);
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		const struct cnd_archive *a;

		if (!xl_rule_in(f, xl_connection_rules) ||
		    f->archive >= run->archives.len)
			continue;
		a = cnd_run_archive(run, f->archive);
		xl_str(x, ws, row, 0, a->subject, x->text);
		xl_str(x, ws, row, 1, f->platform, x->text);
		xl_str(x, ws, row, 2, xl_connection_kind(f),
			     x->wrap);
		xl_str(x, ws, row, 3, f->matched, x->wrap);
		xl_str(x, ws, row, 4, f->client, x->text);
		xl_str(x, ws, row, 5,
			     xl_cap(cnd_confidence_name(f->confidence),
					  buf, sizeof(buf)),
			     x->text);
		xl_str(x, ws, row, 6,
			     xl_cap(cnd_severity_name(f->severity), buf,
					  sizeof(buf)),
			     x->text);
		xl_str(x, ws, row, 7,
			     xl_time_utc(f->time, buf, sizeof(buf)),
			     x->text);
		xl_str(x, ws, row, 8, f->evidence, x->wrap);
		xl_str(x, ws, row, 9, f->fingerprint, x->text);
		row++;
	}
	if (!n)
		xl_str(x, ws, row, 0,
			     run->opt.clients ?
				     "no connection, message or engagement "
				     "matched the client register" :
				     "no client register was given, so no "
				     "connection could be matched",
			     x->note);
}

/*
 * The distance a location finding's evidence gives, in metres: "300 m
 * from" (the record's distance to a site) or "within 100 m of" (a
 * pattern's spread). Returns the number, or -1 when the evidence gives
 * none; *how says which it was.
 */
static double xl_distance(const char *ev, const char **how)
{
	static const struct {
		const char *after, *how;
	} forms[] = {
		{ " m from ", "from the place" },
		{ " km from ", "from the place" },
		{ " m of ", "within, of one spot" },
		{ " km of ", "within, of one spot" },
	};

	if (!ev)
		return -1;
	for (size_t k = 0; k < sizeof(forms) / sizeof(forms[0]); k++) {
		const char *hit = strstr(ev, forms[k].after);
		const char *p;
		double v;

		if (!hit || hit == ev)
			continue;
		p = hit;
		while (p > ev && ((p[-1] >= '0' && p[-1] <= '9') ||
				  p[-1] == '.' || p[-1] == ','))
			p--;
		if (p == hit || !(*p >= '0' && *p <= '9'))
			continue;
		v = 0;
		for (const char *q = p; q < hit; q++) {
			if (*q == '.') {
				double scale = 0.1;

				for (q++; q < hit && *q >= '0' && *q <= '9';
				     q++, scale /= 10)
					v += (*q - '0') * scale;
				break;
			}
			if (*q >= '0' && *q <= '9')
				v = v * 10 + (*q - '0');
		}
		*how = forms[k].how;
		return forms[k].after[1] == 'k' ? v * 1000 : v;
	}
	return -1;
}

static const char *const xl_location_rules[] = {
	"geo-sensitive-site", "geo-home-exposure", NULL,
};

static const struct xl_col xl_location_cols[] = {
	{ "Subject", 14, 0, XL_COL_ANY },
	{ "Platform", 12, 0, XL_COL_ANY },
	{ "Rule", 18, 0, XL_COL_ANY },
	{ "Severity", 10, 0, XL_COL_ANY },
	{ "Time (UTC)", 20, 0, XL_COL_ANY },
	{ "Place", 22, 0, XL_COL_ANY },
	{ "Distance (m)", 12, 0, XL_COL_ANY },
	{ "Distance is", 18, 0, XL_COL_ANY },
	{ "Evidence", 70, 0, XL_COL_ANY },
	{ "Source", 30, 0, XL_COL_ANY },
	{ "Fingerprint", 18, 0, XL_COL_ANY },
};

#define XL_LOCATION_NCOLS \
	(sizeof(xl_location_cols) / sizeof(xl_location_cols[0]))

/*
 * The Locations sheet: every geotag or location record that the location
 * rules found near a sensitive site or a home or work place, with the
 * distance the evidence gives.
 */
static void xl_locations(struct xl *x, const struct cnd_run *run)
{
	size_t n = xl_count_rules(run, xl_location_rules);
	lxw_worksheet *ws;
	lxw_row_t row = 1;
	char buf[64];

	ws = xl_sheet(x, "Locations");
	if (!ws)
		return;
	if (n >= LXW_ROW_MAX) {
		xl_fail(x, "more locations than an Excel sheet can hold");
		return;
	}
	xl_table(x, ws, 0, xl_location_cols,
		       XL_LOCATION_NCOLS, n);
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		const char *how = NULL;
		double m;

		if (!xl_rule_in(f, xl_location_rules) ||
		    f->archive >= run->archives.len)
			continue;
		xl_str(x, ws, row, 0,
			     cnd_run_archive(run, f->archive)->subject,
			     x->text);
		xl_str(x, ws, row, 1, f->platform, x->text);
		xl_str(x, ws, row, 2, f->rule, x->text);
		xl_str(x, ws, row, 3,
			     xl_cap(cnd_severity_name(f->severity), buf,
					  sizeof(buf)),
			     x->text);
		xl_str(x, ws, row, 4,
			     xl_time_utc(f->time, buf, sizeof(buf)),
			     x->text);
		xl_str(x, ws, row, 5, f->matched, x->wrap);
		m = xl_distance(f->evidence, &how);
		if (m >= 0) {
			xl_check(x, worksheet_write_number(ws, row, 6, m,
								 x->num));
			xl_str(x, ws, row, 7, how, x->text);
		} else {
			xl_str(x, ws, row, 7, "not given", x->text);
		}
		xl_str(x, ws, row, 8, f->evidence, x->wrap);
		xl_str(x, ws, row, 9, f->prov.member, x->wrap);
		xl_str(x, ws, row, 10, f->fingerprint, x->text);
		row++;
	}
	if (!n)
		xl_str(x, ws, row, 0,
			     "no geotag or location record was near a sensitive "
			     "site or a home or work place",
			     x->note);
}

static const struct xl_col xl_rule_cols[] = {
	{ "Rule", 20, 0, XL_COL_ANY },
	{ "Title", 30, 0, XL_COL_ANY },
	{ "What it flags", 60, 0, XL_COL_ANY },
	{ "Default severity", 10, 0, XL_COL_ANY },
	{ "In this run", 10, 0, XL_COL_ANY },
	{ "Severity in this run", 12, 0, XL_COL_ANY },
	{ "Findings", 10, 0, XL_COL_ANY },
	{ "Citations", 60, 0, XL_COL_ANY },
};

#define XL_RULE_NCOLS \
	(sizeof(xl_rule_cols) / sizeof(xl_rule_cols[0]))

/*
 * The Rules sheet: the catalogue (`conduct rules`) with every citation,
 * and whether this run's policy had each rule on and at what severity.
 */
static void xl_rules(struct xl *x, const struct cnd_run *run)
{
	const struct cnd_policy *pol = run->opt.policy;
	struct cnd_buf b = CND_BUF_INIT;
	lxw_worksheet *ws;
	lxw_row_t row = 1;
	size_t n = 0;
	char buf[32];

	ws = xl_sheet(x, "Rules");
	if (!ws)
		return;
	while (cnd_rules[n])
		n++;
	xl_table(x, ws, 0, xl_rule_cols, XL_RULE_NCOLS, n);
	for (size_t i = 0; i < n; i++, row++) {
		const struct cnd_rule *r = cnd_rules[i];
		const struct cnd_rule_settings *rs =
			pol ? cnd_policy_rule(pol, r->id) : NULL;
		int sev = rs && rs->severity >= 0 ? rs->severity :
						    (int)r->severity;
		uint64_t count = 0;

		for (size_t j = 0; j < run->findings.len; j++)
			count += !strcmp(cnd_run_finding(run, j)->rule, r->id);
		xl_str(x, ws, row, 0, r->id, x->text);
		xl_str(x, ws, row, 1, r->title, x->wrap);
		xl_str(x, ws, row, 2, r->flags, x->wrap);
		xl_str(x, ws, row, 3,
			     xl_cap(cnd_severity_name(r->severity), buf,
					  sizeof(buf)),
			     x->text);
		xl_str(x, ws, row, 4, !rs || rs->enabled ? "On" : "Off",
			     x->text);
		xl_str(x, ws, row, 5,
			     rs && rs->severity >= 0 ?
				     xl_cap(cnd_severity_name(
							  (enum cnd_severity)sev),
						  buf, sizeof(buf)) :
				     "the rule's own",
			     x->text);
		xl_num(x, ws, row, 6, count);
		cnd_buf_reset(&b);
		cnd_citations_join(&b, pol, r->id, "\n");
		xl_str(x, ws, row, 7,
			     b.len ? b.data :
				     "(no clause of the selected codes)",
			     x->wrap);
	}
	cnd_buf_release(&b);
}

/* A label and its value on the Run sheet. */
static void xl_fact(struct xl *x, lxw_worksheet *ws,
			  lxw_row_t *row, const char *label, const char *value)
{
	xl_str(x, ws, *row, 0, label, x->label);
	xl_str(x, ws, *row, 1, value, x->wrap);
	(*row)++;
}

static const char *const xl_input_titles[] = {
	"Subject", "Archive", "Part", "SHA-256", "Platform", "Status",
	"Consent reference", "Consent date",
};

/*
 * The Run sheet: what produced this workbook, so a reviewer (or an
 * auditor) can tell later exactly what was run over what: tool version,
 * policy and its SHA-256, review period, time zone, register, baseline,
 * research settings, and every input file with its SHA-256 and the
 * consent recorded for it (batch manifests).
 */
static void xl_runinfo(struct xl *x, const struct cnd_run *run)
{
	const struct cnd_policy *pol = run->opt.policy;
	const struct cnd_research_info *r = run->opt.research;
	lxw_worksheet *ws;
	lxw_row_t row = 0;
	char buf[320], day[32];

	ws = xl_sheet(x, "Run");
	if (!ws)
		return;
	xl_check(x, xl_width(x, ws, 0, 0, 22, NULL));
	xl_check(x, xl_width(x, ws, 1, 1, 36, NULL));
	xl_check(x, xl_width(x, ws, 2, 2, 30, NULL));
	xl_check(x, xl_width(x, ws, 3, 3, 66, NULL));
	xl_check(x, xl_width(x, ws, 4, 7, 14, NULL));
	xl_str(x, ws, row++, 0, "How this workbook was made", x->title);
	row++;
	snprintf(buf, sizeof(buf), "conduct %s (libxlsxwriter %s)",
		 cnd_version, LXW_VERSION);
	xl_fact(x, ws, &row, "Tool", buf);
	xl_fact(x, ws, &row, "Generated (UTC)",
		      xl_time_utc(run->opt.generated_at, buf,
					sizeof(buf)));
	xl_fact(x, ws, &row, "Reproducible",
		      run->opt.deterministic ?
			      "yes (--deterministic: fixed timestamp)" :
			      "no");
	xl_fact(x, ws, &row, "Policy",
		      pol && pol->source ? pol->source :
					   "built-in (no policy file)");
	xl_fact(x, ws, &row, "Policy SHA-256",
		      pol && pol->sha256[0] ? pol->sha256 : "not known");
	xl_fact(x, ws, &row, "Standards cited",
		      cnd_standards_describe(pol));
	xl_fact(x, ws, &row, "Input files' SHA-256",
		      run->opt.no_digest ?
			      "not computed (--no-digest)" :
			      "computed: see Inputs below");
	xl_period(run, buf, sizeof(buf));
	xl_fact(x, ws, &row, "Review period", buf);
	xl_fact(x, ws, &row, "Time zone",
		      run->opt.tz ? run->opt.tz : "UTC");
	snprintf(buf, sizeof(buf),
		 "%s: time zone assumed (HTML and TXT pages state none; --export-tz)",
		 run->opt.export_tz ? run->opt.export_tz :
		 run->opt.tz	    ? run->opt.tz :
				      "UTC");
	xl_fact(x, ws, &row, "Time zone of HTML and TXT exports", buf);
	snprintf(buf, sizeof(buf), "%u days after a client's active_to date",
		 run->opt.grace_days);
	xl_fact(x, ws, &row, "Grace period", buf);
	xl_fact(x, ws, &row, "Client register",
		      run->opt.clients_file ? run->opt.clients_file :
					      "none given");
	xl_fact(x, ws, &row, "Previous review (baseline)",
		      run->baseline_file ? run->baseline_file : "none given");
	if (r) {
		xl_fact(x, ws, &row, "Research mode",
			      "yes: anonymised output (--anonymise)");
		xl_fact(x, ws, &row, "Pseudonyms",
			      "HMAC-SHA256 under the researcher's key");
		xl_fact(x, ws, &row, "Key id (not the key)",
			      r->key_id ? r->key_id : "not known");
		snprintf(buf, sizeof(buf), "%.0f m", r->grid_m);
		xl_fact(x, ws, &row, "Coordinate grid", buf);
		xl_fact(x, ws, &row, "Times coarsened to the",
			      r->time_unit ? r->time_unit : "day");
		xl_fact(x, ws, &row, "Evidence text",
			      r->text_dropped ? "dropped (--no-text)" :
						"redacted");
	} else {
		xl_fact(x, ws, &row, "Research mode", "no");
	}
	row++;
	xl_str(x, ws, row++, 0, "Inputs", x->title);
	xl_headers(x, ws, row++, xl_input_titles, 8);
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);
		size_t np = a->parts.len ? a->parts.len : 1;

		for (size_t j = 0; j < np; j++, row++) {
			const struct cnd_part *p =
				a->parts.len ? cnd_vec_at(&a->parts, j) : NULL;

			xl_str(x, ws, row, 0, a->subject, x->text);
			xl_str(x, ws, row, 1, a->file, x->wrap);
			xl_str(x, ws, row, 2, p ? p->file : a->file,
				     x->wrap);
			xl_str(x, ws, row, 3,
				     run->opt.no_digest ? "not computed" :
				     p		       ? p->sha256 :
							 a->sha256,
				     x->text);
			xl_str(x, ws, row, 4, xl_platform(a),
				     x->text);
			xl_str(x, ws, row, 5,
				     cnd_archive_status_name(a->status),
				     x->text);
			xl_str(x, ws, row, 6,
				     a->consent_ref ? a->consent_ref :
						      "not recorded",
				     x->text);
			xl_str(x, ws, row, 7,
				     xl_day(a->consent_date, day,
						  sizeof(day)),
				     x->text);
		}
	}
	xl_page(x, ws);
}

/* One subject of a research run and its posts. */
struct xl_subject {
	const char *name;
	uint64_t posts;
};

static int xl_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int xl_cmp_month_rule(const void *a, const void *b)
{
	const struct cnd_timeline_row *const *x = a, *const *y = b;
	int c = strcmp((*x)->month, (*y)->month);

	return c ? c : strcmp((*x)->rule, (*y)->rule);
}

static const char *const xl_agg_titles[] = {
	"Rule", "Findings", "Posts", "Per 1,000 posts", "Subjects with any",
	"Min per subject", "Median per subject", "Max per subject",
};

static const char *const xl_trend_titles[] = {
	"Month", "Rule", "Findings", "Subjects",
};

/*
 * The Aggregates sheet of a research workbook: per rule, the findings per
 * 1,000 posts (posts: each archive's counts.posts, summed), and their
 * spread across subjects (minimum, median and maximum findings per
 * subject, subjects without any counted as 0); then findings per month
 * and rule across every subject (from the run's timeline).
 */
static void xl_aggregates(struct xl *x, const struct cnd_run *run)
{
	struct xl_subject *subj;
	const struct cnd_timeline_row **tl;
	size_t *of_archive, n_subj = 0, n_rules = 0;
	uint64_t posts = 0, *per;
	lxw_worksheet *ws;
	lxw_row_t row = 0;
	char buf[256];

	if (!run->opt.research)
		return;
	ws = xl_sheet(x, "Aggregates");
	if (!ws)
		return;
	while (cnd_rules[n_rules])
		n_rules++;
	if (run->timeline.len + n_rules + 16 >= LXW_ROW_MAX) {
		xl_fail(x, "more aggregate rows than an Excel sheet can "
				 "hold");
		return;
	}
	/* subjects, and which one each archive belongs to */
	subj = cnd_xcalloc(run->archives.len + 1, sizeof(*subj));
	of_archive = cnd_xcalloc(run->archives.len + 1, sizeof(*of_archive));
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);
		const char *name = a->subject ? a->subject : "";
		size_t s;

		for (s = 0; s < n_subj && strcmp(subj[s].name, name); s++)
			;
		if (s == n_subj)
			subj[n_subj++].name = name;
		subj[s].posts += a->counts[CND_COUNT_POSTS];
		posts += a->counts[CND_COUNT_POSTS];
		of_archive[i] = s;
	}
	per = cnd_xcalloc(n_subj + 1, sizeof(*per));

	xl_check(x, xl_width(x, ws, 0, 0, 22, NULL));
	xl_check(x, xl_width(x, ws, 1, 7, 14, NULL));
	xl_str(x, ws, row++, 0, xl_research_line(x, buf,
							     sizeof(buf)),
		     x->banner);
	xl_str(x, ws, row++, 0, "Findings across subjects", x->title);
	snprintf(buf, sizeof(buf),
		 "%zu subject%s, %zu export%s, %llu posts in all. Per 1,000 "
		 "posts: a rule's findings over every export's posts; per "
		 "subject: subjects without a finding count as 0.",
		 n_subj, n_subj == 1 ? "" : "s", run->archives.len,
		 run->archives.len == 1 ? "" : "s", (unsigned long long)posts);
	xl_str(x, ws, row++, 0, buf, x->note);
	row++;
	xl_headers(x, ws, row++, xl_agg_titles, 8);
	for (size_t r = 0; r < n_rules; r++, row++) {
		const char *id = cnd_rules[r]->id;
		uint64_t total = 0, with = 0;

		memset(per, 0, (n_subj + 1) * sizeof(*per));
		for (size_t i = 0; i < run->findings.len; i++) {
			const struct cnd_finding *f = cnd_run_finding(run, i);

			if (f->archive < run->archives.len &&
			    !strcmp(f->rule, id)) {
				per[of_archive[f->archive]]++;
				total++;
			}
		}
		for (size_t s = 0; s < n_subj; s++)
			with += per[s] > 0;
		qsort(per, n_subj, sizeof(*per), xl_cmp_u64);
		xl_str(x, ws, row, 0, id, x->text);
		xl_num(x, ws, row, 1, total);
		xl_num(x, ws, row, 2, posts);
		if (posts)
			xl_check(x, worksheet_write_number(
						  ws, row, 3,
						  (double)total * 1000.0 /
							  (double)posts,
						  x->rate));
		else
			xl_str(x, ws, row, 3, "no posts", x->text);
		xl_num(x, ws, row, 4, with);
		if (n_subj) {
			double median = n_subj % 2 ?
						(double)per[n_subj / 2] :
						((double)per[n_subj / 2 - 1] +
						 (double)per[n_subj / 2]) / 2;

			xl_num(x, ws, row, 5, per[0]);
			xl_check(x, worksheet_write_number(
						  ws, row, 6, median, x->rate));
			xl_num(x, ws, row, 7, per[n_subj - 1]);
		}
	}
	row++;

	/* trends: the timeline summed over subjects, by month then rule */
	xl_str(x, ws, row++, 0, "Findings per month and rule",
		     x->title);
	xl_headers(x, ws, row++, xl_trend_titles, 4);
	tl = cnd_xcalloc(run->timeline.len + 1, sizeof(*tl));
	for (size_t i = 0; i < run->timeline.len; i++)
		tl[i] = cnd_vec_at(&run->timeline, i);
	qsort(tl, run->timeline.len, sizeof(*tl), xl_cmp_month_rule);
	for (size_t i = 0; i < run->timeline.len;) {
		uint64_t count = 0, subjects = 0;
		size_t j;

		for (j = i; j < run->timeline.len &&
			    !xl_cmp_month_rule(&tl[i], &tl[j]);
		     j++) {
			count += tl[j]->count;
			subjects++;
		}
		xl_str(x, ws, row, 0, tl[i]->month, x->text);
		xl_str(x, ws, row, 1, tl[i]->rule, x->text);
		xl_num(x, ws, row, 2, count);
		xl_num(x, ws, row, 3, subjects);
		row++;
		i = j;
	}
	if (!run->timeline.len)
		xl_str(x, ws, row, 0, "no findings", x->note);
	xl_page(x, ws);
	free(tl);
	free(per);
	free(of_archive);
	free(subj);
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
	xl_summary(&x, run);
	xl_findings(&x, run);
	xl_baseline(&x, run);
	xl_connections(&x, run);
	xl_locations(&x, run);
	xl_timeline(&x, run);
	xl_settings(&x, run);
	xl_follow_changes(&x, run);
	xl_coverage(&x, run);
	xl_rules(&x, run);
	xl_runinfo(&x, run);
	xl_aggregates(&x, run);

	errno = 0;
	xl_fit_flush(&x);
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
	free(dir);
	return rc;
}

const struct cnd_writer cnd_writer_xlsx = { "xlsx", xl_write };
