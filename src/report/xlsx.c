/*
 * The XLSX workbook that reviewers work through: a "Summary" sheet (the run's
 * facts and one row per archive with its counts and findings by severity), a
 * "Findings" sheet (one row per finding, in run order, with empty Decision,
 * Reviewer, Date and Note columns for the reviewer to fill in) and a
 * "Coverage" sheet (what each archive held, what was read, skipped or not
 * understood, and every problem met), a "Timeline" sheet (findings per
 * month by severity with a line chart, first and last seen per rule) and a
 * "Settings" sheet (when each account was public or private and location
 * sharing on or off), written with libxlsxwriter 1.1.4 (no newer API).
 * Every piece of data is written as a string cell, never as a formula, so
 * text from an export that starts with "=", "+", "-" or "@" stays text when
 * the workbook is opened. Cell text is repaired to valid UTF-8 and cut to
 * Excel's 32,767-character limit. Workbook properties carry the run's
 * generated_at as their creation time, so with --deterministic two runs
 * give byte-identical files (libxlsxwriter stamps every zip entry with the
 * fixed date 1980-01-01 and puts no other clock time in the file).
 * libxlsxwriter assembles the parts in temporary files (mode 0600, unlinked
 * as soon as they are opened); they are created in the report's own
 * directory rather than in /tmp, so the personal data they hold stays on the
 * disk the user chose for the report.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "conduct/report.h"
#include "conduct/rule.h"
#include "conduct/timeutil.h"

/* Excel's limit on the characters (UTF-16 code units) of one cell. */
#define CND_XLSX_CELL_MAX 32767
#define CND_XLSX_TRUNCATED "\xe2\x80\xa6 [truncated]"
#define CND_XLSX_TRUNCATED_UNITS 13

struct cnd_xlsx {
	lxw_workbook *wb;
	lxw_format *title, *note, *label, *header, *header_input;
	lxw_format *text, *wrap, *num;
	lxw_format *sev[CND_SEV__N];
	struct cnd_buf cell;	  /* the cleaned text of the current cell */
	lxw_error lxw_err;	  /* first libxlsxwriter error while writing */
	char err[CND_ERROR_MAX]; /* first error of our own, or "" */
};

/* Record the first thing that went wrong; writing goes on to the close. */
static void cnd_xlsx_check(struct cnd_xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->lxw_err == LXW_NO_ERROR)
		x->lxw_err = e;
}

static void cnd_xlsx_fail(struct cnd_xlsx *x, const char *msg)
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
static size_t cnd_xlsx_utf8(const unsigned char *s, uint32_t *cp)
{
	uint32_t c;
	size_t n;

	if (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r')
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff || c == 0xfffe ||
	    c == 0xffff)
		return 0;
	*cp = c;
	return n;
}

/*
 * s as Excel can hold it, in x->cell: invalid bytes and control characters
 * become U+FFFD, and text longer than Excel's cell limit is cut at a
 * character boundary and ends with "… [truncated]". Valid until the next
 * call.
 */
static const char *cnd_xlsx_clean(struct cnd_xlsx *x, const char *s)
{
	struct cnd_buf *b = &x->cell;
	size_t n, units = 0, keep = SIZE_MAX;
	const unsigned char *p;
	uint32_t cp;
	unsigned u;

	cnd_buf_reset(b);
	for (p = (const unsigned char *)s; *p; p += n) {
		n = cnd_xlsx_utf8(p, &cp);
		u = n == 4 ? 2 : 1; /* UTF-16 code units */
		if (keep == SIZE_MAX &&
		    units + u > CND_XLSX_CELL_MAX - CND_XLSX_TRUNCATED_UNITS)
			keep = b->len;
		units += u;
		if (units > CND_XLSX_CELL_MAX) {
			b->len = keep;
			cnd_buf_adds(b, CND_XLSX_TRUNCATED);
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
static void cnd_xlsx_str(struct cnd_xlsx *x, lxw_worksheet *ws, lxw_row_t row,
			 lxw_col_t col, const char *s, lxw_format *fmt)
{
	if (!s || !*s) {
		if (fmt)
			cnd_xlsx_check(x, worksheet_write_blank(ws, row, col,
								fmt));
		return;
	}
	cnd_xlsx_check(x, worksheet_write_string(ws, row, col,
						  cnd_xlsx_clean(x, s), fmt));
}

static void cnd_xlsx_num(struct cnd_xlsx *x, lxw_worksheet *ws, lxw_row_t row,
			 lxw_col_t col, uint64_t n)
{
	cnd_xlsx_check(x, worksheet_write_number(ws, row, col, (double)n,
						 x->num));
}

/* "high" -> "High", into buf. */
static const char *cnd_xlsx_cap(const char *s, char *buf, size_t n)
{
	snprintf(buf, n, "%s", s ? s : "");
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

/* "2020-01-20 21:42:09" (UTC), or "not known". */
static const char *cnd_xlsx_time_utc(int64_t t, char *buf, size_t n)
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

static const char *cnd_xlsx_time_local(int64_t t, char *buf, size_t n)
{
	if (t == CND_TIME_NONE)
		return "not known";
	cnd_time_format_local(t, buf, n);
	return buf;
}

/* A column of a table: its header, width, and whether the reviewer fills it. */
struct cnd_xlsx_col {
	const char *title;
	double width;
	int input;
};

/*
 * The header row of a table at row hdr: column widths, bold headers on a
 * fill (green for the reviewer's columns), frozen so they stay in view, an
 * autofilter over the nrows rows below, and print settings that repeat the
 * header on every page.
 */
static void cnd_xlsx_table(struct cnd_xlsx *x, lxw_worksheet *ws,
			   lxw_row_t hdr, const struct cnd_xlsx_col *cols,
			   size_t ncols, size_t nrows)
{
	for (size_t c = 0; c < ncols; c++) {
		lxw_format *h = cols[c].input ? x->header_input : x->header;

		cnd_xlsx_check(x, worksheet_set_column(ws, (lxw_col_t)c,
						       (lxw_col_t)c,
						       cols[c].width, NULL));
		cnd_xlsx_str(x, ws, hdr, (lxw_col_t)c, cols[c].title, h);
	}
	worksheet_freeze_panes(ws, hdr + 1, 0);
	cnd_xlsx_check(x, worksheet_autofilter(ws, hdr, 0,
					       hdr + (lxw_row_t)nrows,
					       (lxw_col_t)(ncols - 1)));
	cnd_xlsx_check(x, worksheet_repeat_rows(ws, hdr, hdr));
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	cnd_xlsx_check(x, worksheet_set_footer(
				  ws, "&LConfidential&RPage &P of &N"));
}

static void cnd_xlsx_formats(struct cnd_xlsx *x)
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

	for (int s = 0; s < CND_SEV__N; s++) {
		x->sev[s] = workbook_add_format(wb);
		format_set_bold(x->sev[s]);
		format_set_bg_color(x->sev[s], fill[s]);
		format_set_align(x->sev[s], LXW_ALIGN_VERTICAL_TOP);
	}
}

static void cnd_xlsx_properties(struct cnd_xlsx *x, const struct cnd_run *run)
{
	lxw_doc_properties props;

	memset(&props, 0, sizeof(props));
	props.title = "conduct review workbook";
	props.subject = "Professional-conduct review of social-media exports";
	props.comments = "Confidential: contains personal data from a "
			 "social-media export";
	/*
	 * The creation time is the run's own timestamp, never the clock. 0
	 * would make libxlsxwriter use the current time, so the epoch itself
	 * is written one second late.
	 */
	props.created = (time_t)run->opt.generated_at;
	if (props.created == 0)
		props.created = 1;
	cnd_xlsx_check(x, workbook_set_properties(x->wb, &props));
}

static const char *cnd_xlsx_platform(const struct cnd_archive *a)
{
	if (a->platform_title)
		return a->platform_title;
	if (a->platform)
		return a->platform;
	return "not recognised";
}

static void cnd_xlsx_period(const struct cnd_run *run, char *buf, size_t n)
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

enum {
	CND_SUM_SUBJECT = 0,
	CND_SUM_FILE,
	CND_SUM_PLATFORM,
	CND_SUM_STATUS,
	CND_SUM_COUNTS,
	CND_SUM_RECORDS = CND_SUM_COUNTS + CND_COUNT__N,
	CND_SUM_SEV, /* High, Medium, Low, Info */
	CND_SUM__N = CND_SUM_SEV + CND_SEV__N
};

static const struct cnd_xlsx_col cnd_xlsx_summary_cols[CND_SUM__N] = {
	{ "Subject", 18, 0 },
	{ "File", 30, 0 },
	{ "Platform", 14, 0 },
	{ "Status", 10, 0 },
	{ "Posts", 10, 0 },
	{ "Deleted posts", 10, 0 },
	{ "Following", 10, 0 },
	{ "Followers", 10, 0 },
	{ "Messages", 10, 0 },
	{ "Likes", 10, 0 },
	{ "Searches", 10, 0 },
	{ "Location points", 10, 0 },
	{ "Place visits", 10, 0 },
	{ "Settings", 10, 0 },
	{ "All records", 10, 0 },
	{ "High", 8, 0 },
	{ "Medium", 8, 0 },
	{ "Low", 8, 0 },
	{ "Info", 8, 0 },
};

static void cnd_xlsx_summary(struct cnd_xlsx *x, const struct cnd_run *run)
{
	const struct cnd_archive *a;
	const struct cnd_finding *f;
	uint64_t (*sev)[CND_SEV__N];
	lxw_worksheet *ws;
	lxw_row_t row = 0, hdr;
	char buf[256];

	ws = workbook_add_worksheet(x->wb, "Summary");
	if (!ws) {
		cnd_xlsx_fail(x, "cannot add the Summary sheet");
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

	cnd_xlsx_str(x, ws, row++, 0, "conduct review workbook", x->title);
	cnd_xlsx_str(x, ws, row++, 0,
		     "Confidential: contains personal data from a social-media "
		     "export. Keep it only as long as the review needs it.",
		     x->note);
	row++;

	cnd_xlsx_str(x, ws, row, 0, "Generated", x->label);
	cnd_xlsx_str(x, ws, row++, 1,
		     cnd_xlsx_time_utc(run->opt.generated_at, buf,
				       sizeof(buf)),
		     x->text);
	cnd_xlsx_period(run, buf, sizeof(buf));
	cnd_xlsx_str(x, ws, row, 0, "Review period", x->label);
	cnd_xlsx_str(x, ws, row++, 1, buf, x->text);
	cnd_xlsx_str(x, ws, row, 0, "Time zone", x->label);
	cnd_xlsx_str(x, ws, row++, 1, run->opt.tz ? run->opt.tz : "UTC",
		     x->text);
	cnd_xlsx_str(x, ws, row, 0, "Clients file", x->label);
	cnd_xlsx_str(x, ws, row++, 1,
		     run->opt.clients_file ? run->opt.clients_file :
					     "none given",
		     x->text);
	cnd_xlsx_str(x, ws, row, 0, "Overall status", x->label);
	cnd_xlsx_str(x, ws, row++, 1, cnd_archive_status_name(run->status),
		     x->text);
	snprintf(buf, sizeof(buf),
		 "%zu (%llu high, %llu medium, %llu low, %llu info)",
		 run->findings.len,
		 (unsigned long long)run->severity_counts[CND_SEV_HIGH],
		 (unsigned long long)run->severity_counts[CND_SEV_MEDIUM],
		 (unsigned long long)run->severity_counts[CND_SEV_LOW],
		 (unsigned long long)run->severity_counts[CND_SEV_INFO]);
	cnd_xlsx_str(x, ws, row, 0, "Findings", x->label);
	cnd_xlsx_str(x, ws, row++, 1, buf, x->text);
	snprintf(buf, sizeof(buf), "conduct %s", cnd_version);
	cnd_xlsx_str(x, ws, row, 0, "Tool", x->label);
	cnd_xlsx_str(x, ws, row++, 1, buf, x->text);
	row++;

	hdr = row++;
	cnd_xlsx_table(x, ws, hdr, cnd_xlsx_summary_cols, CND_SUM__N,
		       run->archives.len);
	for (size_t i = 0; i < run->archives.len; i++, row++) {
		a = cnd_run_archive(run, i);
		cnd_xlsx_str(x, ws, row, CND_SUM_SUBJECT, a->subject, x->text);
		cnd_xlsx_str(x, ws, row, CND_SUM_FILE, a->file, x->text);
		cnd_xlsx_str(x, ws, row, CND_SUM_PLATFORM,
			     cnd_xlsx_platform(a), x->text);
		cnd_xlsx_str(x, ws, row, CND_SUM_STATUS,
			     cnd_archive_status_name(a->status), x->text);
		for (int c = 0; c < CND_COUNT__N; c++)
			cnd_xlsx_num(x, ws, row,
				     (lxw_col_t)(CND_SUM_COUNTS + c),
				     a->counts[c]);
		cnd_xlsx_num(x, ws, row, CND_SUM_RECORDS, a->records);
		for (int s = 0; s < CND_SEV__N; s++)
			cnd_xlsx_num(x, ws, row,
				     (lxw_col_t)(CND_SUM_SEV + CND_SEV__N - 1 -
						 s),
				     sev[i][s]);
	}
	free(sev);
}

enum {
	CND_FIND_SEVERITY = 0,
	CND_FIND_RULE,
	CND_FIND_TITLE,
	CND_FIND_CONFIDENCE,
	CND_FIND_SUBJECT,
	CND_FIND_PLATFORM,
	CND_FIND_TIME_UTC,
	CND_FIND_TIME_LOCAL,
	CND_FIND_IN_PERIOD,
	CND_FIND_MATCHED,
	CND_FIND_CLIENT,
	CND_FIND_EVIDENCE,
	CND_FIND_SOURCE,
	CND_FIND_CITATIONS,
	CND_FIND_FINGERPRINT,
	CND_FIND_DECISION,
	CND_FIND_REVIEWER,
	CND_FIND_DATE,
	CND_FIND_NOTE,
	CND_FIND__N
};

static const struct cnd_xlsx_col cnd_xlsx_finding_cols[CND_FIND__N] = {
	{ "Severity", 10, 0 },
	{ "Rule", 18, 0 },
	{ "Title", 30, 0 },
	{ "Confidence", 12, 0 },
	{ "Subject", 14, 0 },
	{ "Platform", 12, 0 },
	{ "Time (UTC)", 20, 0 },
	{ "Time (local)", 26, 0 },
	{ "In period", 10, 0 },
	{ "Matched", 20, 0 },
	{ "Client", 14, 0 },
	{ "Evidence", 60, 0 },
	{ "Source", 36, 0 },
	{ "Citations", 40, 0 },
	{ "Fingerprint", 18, 0 },
	{ "Decision", 16, 1 },
	{ "Reviewer", 16, 1 },
	{ "Date", 12, 1 },
	{ "Note", 40, 1 },
};

static void cnd_xlsx_finding(struct cnd_xlsx *x, lxw_worksheet *ws,
			     lxw_row_t row, const struct cnd_finding *f,
			     const struct cnd_archive *a)
{
	const struct cnd_rule *rule = cnd_rule_find(f->rule);
	struct cnd_buf b = CND_BUF_INIT;
	unsigned sev = (unsigned)f->severity;
	char buf[64];

	cnd_xlsx_str(x, ws, row, CND_FIND_SEVERITY,
		     cnd_xlsx_cap(cnd_severity_name(f->severity), buf,
				  sizeof(buf)),
		     sev < CND_SEV__N ? x->sev[sev] : x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_RULE, f->rule, x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_TITLE, rule ? rule->title : f->rule,
		     x->wrap);
	cnd_xlsx_str(x, ws, row, CND_FIND_CONFIDENCE,
		     cnd_xlsx_cap(cnd_confidence_name(f->confidence), buf,
				  sizeof(buf)),
		     x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_SUBJECT, a->subject, x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_PLATFORM, f->platform, x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_TIME_UTC,
		     cnd_xlsx_time_utc(f->time, buf, sizeof(buf)), x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_TIME_LOCAL,
		     cnd_xlsx_time_local(f->time, buf, sizeof(buf)), x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_IN_PERIOD,
		     f->in_period ? "Yes" : "No", x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_MATCHED, f->matched, x->wrap);
	cnd_xlsx_str(x, ws, row, CND_FIND_CLIENT, f->client, x->text);
	cnd_xlsx_str(x, ws, row, CND_FIND_EVIDENCE, f->evidence, x->wrap);

	cnd_buf_printf(&b, "%s: %s", a->file ? a->file : "",
		       f->prov.member ? f->prov.member : "(whole archive)");
	if (f->prov.item >= 0)
		cnd_buf_printf(&b, " #%lld", f->prov.item);
	cnd_xlsx_str(x, ws, row, CND_FIND_SOURCE, b.data, x->wrap);

	cnd_buf_reset(&b);
	for (size_t i = 0; rule && rule->citations && rule->citations[i];
	     i++) {
		if (i)
			cnd_buf_adds(&b, "; ");
		cnd_buf_adds(&b, rule->citations[i]);
	}
	cnd_xlsx_str(x, ws, row, CND_FIND_CITATIONS, b.data, x->wrap);
	cnd_xlsx_str(x, ws, row, CND_FIND_FINGERPRINT, f->fingerprint,
		     x->text);
	for (int c = CND_FIND_DECISION; c <= CND_FIND_NOTE; c++)
		cnd_xlsx_str(x, ws, row, (lxw_col_t)c, NULL, x->wrap);
	cnd_buf_release(&b);
}

static void cnd_xlsx_findings(struct cnd_xlsx *x, const struct cnd_run *run)
{
	const struct cnd_finding *f;
	lxw_worksheet *ws;
	char msg[64];

	ws = workbook_add_worksheet(x->wb, "Findings");
	if (!ws) {
		cnd_xlsx_fail(x, "cannot add the Findings sheet");
		return;
	}
	if (run->findings.len >= LXW_ROW_MAX) {
		cnd_xlsx_fail(x, "more findings than an Excel sheet can hold");
		return;
	}
	cnd_xlsx_table(x, ws, 0, cnd_xlsx_finding_cols, CND_FIND__N,
		       run->findings.len);
	for (size_t i = 0; i < run->findings.len; i++) {
		f = cnd_run_finding(run, i);
		if (f->archive >= run->archives.len) {
			snprintf(msg, sizeof(msg),
				 "finding %zu refers to no archive", i);
			cnd_xlsx_fail(x, msg);
			return;
		}
		cnd_xlsx_finding(x, ws, (lxw_row_t)(i + 1), f,
				 cnd_run_archive(run, f->archive));
	}
}

static const struct cnd_xlsx_col cnd_xlsx_coverage_cols[] = {
	{ "Archive", 28, 0 },
	{ "Member", 50, 0 },
	{ "Status", 13, 0 },
	{ "Detail", 60, 0 },
	{ "Records", 10, 0 },
};

#define CND_XLSX_COVERAGE_NCOLS \
	(sizeof(cnd_xlsx_coverage_cols) / sizeof(cnd_xlsx_coverage_cols[0]))

static void cnd_xlsx_coverage_row(struct cnd_xlsx *x, lxw_worksheet *ws,
				  lxw_row_t row, const struct cnd_archive *a,
				  const char *member, const char *status,
				  const char *detail)
{
	cnd_xlsx_str(x, ws, row, 0, a->file, x->text);
	cnd_xlsx_str(x, ws, row, 1, member ? member : "(whole archive)",
		     x->wrap);
	cnd_xlsx_str(x, ws, row, 2, status, x->text);
	cnd_xlsx_str(x, ws, row, 3, detail, x->wrap);
}

static const char *cnd_xlsx_diag_status(int status)
{
	switch (status) {
	case CND_FATAL:
		return "fatal";
	case CND_FAILED:
		return "error";
	default:
		return "warning";
	}
}

/* "message (item 3, line 10, column 5)", with only the parts known. */
static void cnd_xlsx_diag_detail(struct cnd_buf *b, const struct cnd_diag *d)
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
}

static void cnd_xlsx_coverage(struct cnd_xlsx *x, const struct cnd_run *run)
{
	static const char unknown[] = "no handler knows this file; not read";
	const struct cnd_member_note *m;
	const struct cnd_archive *a;
	struct cnd_buf b = CND_BUF_INIT;
	lxw_worksheet *ws;
	size_t nrows = 0;
	lxw_row_t row = 1;

	ws = workbook_add_worksheet(x->wb, "Coverage");
	if (!ws) {
		cnd_xlsx_fail(x, "cannot add the Coverage sheet");
		return;
	}
	for (size_t i = 0; i < run->archives.len; i++) {
		a = cnd_run_archive(run, i);
		nrows += a->parsed.len + a->ignored.len + a->unrecognised.len +
			 a->gaps.len + a->diags.len;
	}
	if (nrows >= LXW_ROW_MAX) {
		cnd_xlsx_fail(x, "more coverage rows than an Excel sheet can "
				 "hold");
		return;
	}
	cnd_xlsx_table(x, ws, 0, cnd_xlsx_coverage_cols,
		       CND_XLSX_COVERAGE_NCOLS, nrows);

	for (size_t i = 0; i < run->archives.len; i++) {
		a = cnd_run_archive(run, i);
		for (size_t j = 0; j < a->parsed.len; j++, row++) {
			m = cnd_vec_at(&a->parsed, j);
			cnd_xlsx_coverage_row(x, ws, row, a, m->path, "parsed",
					      m->what);
			cnd_xlsx_num(x, ws, row, 4, m->records);
		}
		for (size_t j = 0; j < a->ignored.len; j++, row++) {
			m = cnd_vec_at(&a->ignored, j);
			cnd_xlsx_coverage_row(x, ws, row, a, m->path, "ignored",
					      m->what);
		}
		for (size_t j = 0; j < a->unrecognised.len; j++, row++) {
			m = cnd_vec_at(&a->unrecognised, j);
			cnd_xlsx_coverage_row(x, ws, row, a, m->path,
					      "unrecognised",
					      m->what ? m->what : unknown);
		}
		for (size_t j = 0; j < a->gaps.len; j++, row++)
			cnd_xlsx_coverage_row(
				x, ws, row, a, NULL, "gap",
				*(const char *const *)cnd_vec_at(&a->gaps, j));
		for (size_t j = 0; j < a->diags.len; j++, row++) {
			const struct cnd_diag *d = cnd_vec_at(&a->diags, j);

			cnd_xlsx_diag_detail(&b, d);
			cnd_xlsx_coverage_row(x, ws, row, a, d->member,
					      cnd_xlsx_diag_status(d->status),
					      b.data);
		}
	}
	cnd_buf_release(&b);
}

/* Header cells of a table that is not the sheet's main (filtered) one. */
static void cnd_xlsx_headers(struct cnd_xlsx *x, lxw_worksheet *ws,
			     lxw_row_t row, const char *const *titles,
			     size_t n)
{
	for (size_t c = 0; c < n; c++)
		cnd_xlsx_str(x, ws, row, (lxw_col_t)c, titles[c], x->header);
}

/* Months are counted from year 0: "2023-05" is 2023 * 12 + 4. */
static long cnd_xlsx_month_index(int64_t t)
{
	char buf[8];
	long y, m;

	cnd_time_format_month(t, buf, sizeof(buf));
	if (sscanf(buf, "%ld-%ld", &y, &m) != 2)
		return 0;
	return y * 12 + m - 1;
}

/* At most this many months in the per-month table (a century). */
#define CND_XLSX_MONTHS_MAX 1200

static const char *const cnd_xlsx_month_titles[] = {
	"Month", "High", "Medium", "Low", "Info", "All",
};

static const char *const cnd_xlsx_seen_titles[] = {
	"Subject", "Rule", "Title", "Findings", "First seen (UTC)",
	"Last seen (UTC)",
};

static const char *const cnd_xlsx_tl_titles[] = {
	"Subject", "Month", "Rule", "Findings",
};

/*
 * The line chart of findings per month by severity, over the month table
 * at rows first..last (columns 1-4 hold High..Info).
 */
static void cnd_xlsx_chart(struct cnd_xlsx *x, lxw_worksheet *ws,
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
		cnd_xlsx_fail(x, "cannot add the Timeline chart");
		return;
	}
	for (int s = CND_SEV__N - 1; s >= 0; s--) {
		lxw_col_t col = (lxw_col_t)(CND_SEV__N - s);
		lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
		lxw_chart_line line;

		if (!series) {
			cnd_xlsx_fail(x, "cannot add a Timeline chart series");
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
	cnd_xlsx_check(x, worksheet_insert_chart(ws, at, 7, chart));
}

/*
 * The Timeline sheet: findings per month by severity (every month from the
 * first to the last, so the line chart beside it shows quiet months as
 * zero), first and last seen per subject and rule, and the timeline rows
 * of the JSON report (subject, month, rule, count).
 */
static void cnd_xlsx_timeline(struct cnd_xlsx *x, const struct cnd_run *run)
{
	uint64_t (*per)[CND_SEV__N] = NULL, undated[CND_SEV__N] = { 0 };
	long lo = 0, hi = -1, n_months = 0;
	lxw_worksheet *ws;
	lxw_row_t row = 0, first;
	char buf[64];

	ws = workbook_add_worksheet(x->wb, "Timeline");
	if (!ws) {
		cnd_xlsx_fail(x, "cannot add the Timeline sheet");
		return;
	}
	if (run->timeline.len + run->n_rule_summary + 40 +
		    CND_XLSX_MONTHS_MAX >= LXW_ROW_MAX) {
		cnd_xlsx_fail(x, "more timeline rows than an Excel sheet can hold");
		return;
	}
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		long m;

		if (f->time == CND_TIME_NONE)
			continue;
		m = cnd_xlsx_month_index(f->time);
		if (hi < lo) {
			lo = hi = m;
		} else if (m < lo) {
			lo = m;
		} else if (m > hi) {
			hi = m;
		}
	}
	if (hi >= lo) {
		if (hi - lo >= CND_XLSX_MONTHS_MAX)
			lo = hi - CND_XLSX_MONTHS_MAX + 1;
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
		m = cnd_xlsx_month_index(f->time);
		if (per && m >= lo)
			per[m - lo][f->severity]++;
	}

	cnd_xlsx_check(x, worksheet_set_column(ws, 0, 0, 18, NULL));
	cnd_xlsx_check(x, worksheet_set_column(ws, 1, 1, 20, NULL));
	cnd_xlsx_check(x, worksheet_set_column(ws, 2, 2, 30, NULL));
	cnd_xlsx_check(x, worksheet_set_column(ws, 3, 5, 18, NULL));
	cnd_xlsx_str(x, ws, row++, 0, "Risk over time", x->title);
	cnd_xlsx_str(x, ws, row++, 0,
		     "Findings per month of the underlying records (UTC), by "
		     "severity; findings with no date are counted below the "
		     "table.",
		     x->note);
	row++;
	cnd_xlsx_headers(x, ws, row++, cnd_xlsx_month_titles, 6);
	first = row;
	for (long m = 0; m < n_months; m++, row++) {
		uint64_t all = 0;

		snprintf(buf, sizeof(buf), "%04ld-%02ld", (lo + m) / 12,
			 (lo + m) % 12 + 1);
		cnd_xlsx_str(x, ws, row, 0, buf, x->text);
		for (int s = 0; s < CND_SEV__N; s++) {
			cnd_xlsx_num(x, ws, row,
				     (lxw_col_t)(CND_SEV__N - s),
				     per[m][s]);
			all += per[m][s];
		}
		cnd_xlsx_num(x, ws, row, 5, all);
	}
	if (!n_months)
		cnd_xlsx_str(x, ws, row++, 0, "no finding carries a date",
			     x->note);
	else
		cnd_xlsx_chart(x, ws, first, row - 1, first - 1);
	cnd_xlsx_str(x, ws, row, 0, "no date", x->label);
	{
		uint64_t all = 0;

		for (int s = 0; s < CND_SEV__N; s++) {
			cnd_xlsx_num(x, ws, row, (lxw_col_t)(CND_SEV__N - s),
				     undated[s]);
			all += undated[s];
		}
		cnd_xlsx_num(x, ws, row++, 5, all);
	}
	free(per);
	if (row < first + 16)
		row = first + 16; /* below the chart */
	row++;

	cnd_xlsx_str(x, ws, row++, 0, "First and last seen, per rule",
		     x->title);
	cnd_xlsx_headers(x, ws, row++, cnd_xlsx_seen_titles, 6);
	for (size_t i = 0; i < run->n_rule_summary; i++, row++) {
		const struct cnd_rule_summary *s = &run->rule_summary[i];
		const struct cnd_rule *rule = cnd_rule_find(s->rule);

		cnd_xlsx_str(x, ws, row, 0, s->subject, x->text);
		cnd_xlsx_str(x, ws, row, 1, s->rule, x->text);
		cnd_xlsx_str(x, ws, row, 2, rule ? rule->title : s->rule,
			     x->wrap);
		cnd_xlsx_num(x, ws, row, 3, s->count);
		cnd_xlsx_str(x, ws, row, 4,
			     cnd_xlsx_time_utc(s->first_seen, buf,
					       sizeof(buf)),
			     x->text);
		cnd_xlsx_str(x, ws, row, 5,
			     cnd_xlsx_time_utc(s->last_seen, buf, sizeof(buf)),
			     x->text);
	}
	row++;

	cnd_xlsx_str(x, ws, row++, 0, "Findings per subject, month and rule",
		     x->title);
	cnd_xlsx_headers(x, ws, row++, cnd_xlsx_tl_titles, 4);
	for (size_t i = 0; i < run->timeline.len; i++, row++) {
		const struct cnd_timeline_row *t =
			cnd_vec_at(&run->timeline, i);

		cnd_xlsx_str(x, ws, row, 0, t->subject, x->text);
		cnd_xlsx_str(x, ws, row, 1, t->month, x->text);
		cnd_xlsx_str(x, ws, row, 2, t->rule, x->text);
		cnd_xlsx_num(x, ws, row, 3, t->count);
	}
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	cnd_xlsx_check(x, worksheet_set_footer(
				  ws, "&LConfidential&RPage &P of &N"));
}

static const struct cnd_xlsx_col cnd_xlsx_settings_cols[] = {
	{ "Subject", 16, 0 },
	{ "Archive", 26, 0 },
	{ "Platform", 12, 0 },
	{ "Setting", 18, 0 },
	{ "State", 10, 0 },
	{ "From (UTC)", 20, 0 },
	{ "To (UTC)", 22, 0 },
	{ "How it is known", 50, 0 },
	{ "Recorded as", 16, 0 },
	{ "Source", 30, 0 },
};

#define CND_XLSX_SETTINGS_NCOLS \
	(sizeof(cnd_xlsx_settings_cols) / sizeof(cnd_xlsx_settings_cols[0]))

static void cnd_xlsx_setting_row(struct cnd_xlsx *x, lxw_worksheet *ws,
				 lxw_row_t row, const struct cnd_archive *a,
				 const struct cnd_setting_interval *iv)
{
	int public = !strcmp(iv->setting, "public");
	int on = !strcmp(iv->value, "on");
	char buf[32];

	cnd_xlsx_str(x, ws, row, 0, a->subject, x->text);
	cnd_xlsx_str(x, ws, row, 1, a->file, x->text);
	cnd_xlsx_str(x, ws, row, 2, iv->platform, x->text);
	cnd_xlsx_str(x, ws, row, 3,
		     public ? "Account public" : "Location sharing", x->text);
	cnd_xlsx_str(x, ws, row, 4,
		     public ? (on ? "Public" : "Private") : (on ? "On" : "Off"),
		     x->text);
	cnd_xlsx_str(x, ws, row, 5,
		     iv->from == CND_TIME_NONE ?
			     (iv->undated ? "not known" :
					    "before the first record") :
			     cnd_xlsx_time_utc(iv->from, buf, sizeof(buf)),
		     x->text);
	cnd_xlsx_str(x, ws, row, 6,
		     iv->to == CND_TIME_NONE ?
			     "still so when exported" :
			     cnd_xlsx_time_utc(iv->to, buf, sizeof(buf)),
		     x->text);
	cnd_xlsx_str(x, ws, row, 7,
		     iv->undated ? "the export gives this state without a "
				   "date: it held when the export was made" :
		     iv->inferred ? "inferred: the opposite of the first "
				    "recorded change" :
				    "a dated change in the export",
		     x->wrap);
	cnd_xlsx_str(x, ws, row, 8, iv->source, x->text);
	cnd_xlsx_str(x, ws, row, 9, iv->prov.member, x->wrap);
}

/*
 * The Settings sheet: every archive's settings timeline, one row per
 * interval in which the account was public or private, or location
 * sharing on or off.
 */
static void cnd_xlsx_settings(struct cnd_xlsx *x, const struct cnd_run *run)
{
	lxw_worksheet *ws;
	size_t nrows = 0;
	lxw_row_t row = 1;

	ws = workbook_add_worksheet(x->wb, "Settings");
	if (!ws) {
		cnd_xlsx_fail(x, "cannot add the Settings sheet");
		return;
	}
	for (size_t i = 0; i < run->archives.len; i++)
		nrows += cnd_run_archive(run, i)->n_settings;
	if (nrows >= LXW_ROW_MAX) {
		cnd_xlsx_fail(x, "more settings rows than an Excel sheet can hold");
		return;
	}
	cnd_xlsx_table(x, ws, 0, cnd_xlsx_settings_cols,
		       CND_XLSX_SETTINGS_NCOLS, nrows);
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);

		for (size_t j = 0; j < a->n_settings; j++, row++)
			cnd_xlsx_setting_row(x, ws, row, a, &a->settings[j]);
	}
	if (!nrows)
		cnd_xlsx_str(x, ws, row, 0,
			     "the exports hold no privacy or location setting "
			     "history",
			     x->note);
}

/* The directory of path, for libxlsxwriter's temporary files. */
static char *cnd_xlsx_dirname(const char *path)
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

static int cnd_xlsx_write(const struct cnd_run *run, const char *path,
			  struct cnd_error *err)
{
	struct cnd_xlsx x;
	lxw_workbook_options opts;
	lxw_error close_err;
	char *dir;
	int rc = CND_OK;

	memset(&x, 0, sizeof(x));
	cnd_buf_init(&x.cell);
	dir = cnd_xlsx_dirname(path);
	memset(&opts, 0, sizeof(opts));
	opts.tmpdir = dir;

	x.wb = workbook_new_opt(path, &opts);
	if (!x.wb) {
		rc = cnd_error_set(err, CND_FATAL,
				   "cannot start the workbook (out of memory)");
		goto out_free;
	}
	cnd_xlsx_formats(&x);
	cnd_xlsx_properties(&x, run);
	cnd_xlsx_summary(&x, run);
	cnd_xlsx_findings(&x, run);
	cnd_xlsx_coverage(&x, run);
	cnd_xlsx_timeline(&x, run);
	cnd_xlsx_settings(&x, run);

	errno = 0;
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

const struct cnd_writer cnd_writer_xlsx = { "xlsx", cnd_xlsx_write };
