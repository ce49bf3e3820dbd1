/*
 * The cell and format helpers of the workbook (xlsx.h): every piece of
 * data is written as a string cell, never as a formula, so text from an
 * export that starts with "=", "+", "-" or "@" stays text when the workbook
 * is opened; cell text is repaired to valid UTF-8 and cut to Excel's
 * 32,767-character limit with a marker; rows holding wrapped text get the
 * height their longest cell needs; tables get frozen headers, an
 * autofilter, set widths and print settings (a confidential footer, and in
 * research mode a header and footer that say the output is anonymised).
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "conduct/base/swar.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "xlsx.h"

/*
 * worksheet_set_column, remembering the widths (for row heights) and the
 * format (fmt, or NULL) of the columns.
 */
lxw_error xl_width(struct xl *x, lxw_worksheet *ws,
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
void xl_fit_flush(struct xl *x)
{
	if (x->fit_ws && x->fit_lines > 1)
		worksheet_set_row(x->fit_ws, x->fit_row,
				  XL_LINE_PT * x->fit_lines, NULL);
	x->fit_ws = NULL;
	x->fit_lines = 0;
}

/*
 * Lines wrapped text s needs in a column `width` characters wide; plain is
 * its length when it is all printable ASCII (no line break), else 0.
 */
static unsigned xl_lines(const char *s, size_t plain, double width)
{
	unsigned lines = 1, col = 0;
	unsigned w = width > 4 ? (unsigned)(width * 1.1) : 4;

	if (plain)
		return 1 + (unsigned)((plain - 1) / w);
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
void xl_check(struct xl *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->lxw_err == LXW_NO_ERROR)
		x->lxw_err = e;
}

void xl_fail(struct xl *x, const char *msg)
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
 * call (s itself when it needs no change). Its length goes to *len, and
 * *plain says whether it is s and all printable ASCII (one byte a
 * character, no line break).
 */
static const char *xl_clean(struct xl *x, const char *s, size_t *len,
			    int *plain)
{
	struct cnd_buf *b = &x->cell;
	size_t n, units = 0, keep = SIZE_MAX;
	const unsigned char *p, *end;
	uint32_t cp;
	unsigned u;

	/* the common case: valid text that fits, taken as it is */
	end = (const unsigned char *)s + strlen(s);
	p = (const unsigned char *)s;
	/* eight bytes at a time while all are printable ASCII (DEL aside) */
	while (end - p >= 8 && !cnd_swar_unprintable(cnd_swar_load(p)))
		p += 8;
	units = (size_t)(p - (const unsigned char *)s);
	*plain = 1;
	for (; p < end; p += n, units += u) {
		if (*p >= 0x20 && *p < 0x80) {
			n = u = 1;
			continue;
		}
		*plain = 0;
		n = xl_utf8(p, (size_t)(end - p), &cp);
		if (!n)
			break;
		u = n == 4 ? 2 : 1; /* UTF-16 code units */
	}
	if (p == end && units <= XL_CELL_MAX - XL_TRUNCATED_UNITS) {
		*len = (size_t)(end - (const unsigned char *)s);
		return s;
	}
	*plain = 0;
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
	*len = b->len;
	return b->data ? b->data : "";
}

/*
 * Write text as a string cell (never a formula). NULL or "" leaves the cell
 * empty, but formatted.
 */
static void xl_text(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		    lxw_col_t col, const char *s, lxw_format *fmt, int shared)
{
	int own = xl_rows_own(x, ws), plain = 0;
	unsigned lines = 0;
	const char *clean = NULL;
	size_t len = 0, raw_len = 0;

	if (x->fit_ws && (x->fit_ws != ws || x->fit_row != row))
		xl_fit_flush(x);
	if (shared && own && s && *s) {
		raw_len = strlen(s);
		if (xl_rows_shared_hit(x, ws, row, col, s, raw_len, fmt))
			return;
	}
	if (s && *s)
		clean = xl_clean(x, s, &len, &plain);
	if (clean && fmt == x->wrap) {
		double width = x->width_ws == ws && col < 32 && x->widths[col] ?
				       x->widths[col] : 8.43;

		lines = xl_lines(s, plain ? len : 0, width);
		if (lines > XL_MAX_LINES)
			lines = XL_MAX_LINES;
		if (!own) {
			x->fit_ws = ws;
			x->fit_row = row;
			if (lines > x->fit_lines)
				x->fit_lines = lines;
		}
	}
	if (!clean) {
		if (fmt && !(x->width_ws == ws && col < 32 &&
			     x->colfmt[col] == fmt)) {
			if (own)
				xl_rows_blank(x, ws, row, col, fmt);
			else
				xl_check(x, worksheet_write_blank(ws, row, col,
								  fmt));
		}
		return;
	}
	if (own) {
		if (shared) {
			xl_rows_shared(x, ws, row, col, s, raw_len, clean, len,
				       lines, fmt);
			return;
		}
		xl_rows_str(x, ws, row, col, clean, len, fmt);
		xl_rows_height(x, ws, row, lines);
		return;
	}
	xl_check(x, worksheet_write_string(ws, row, col, clean, fmt));
}

void xl_str(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
	    lxw_col_t col, const char *s, lxw_format *fmt)
{
	xl_text(x, ws, row, col, s, fmt, 0);
}

void xl_str_shared(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		   lxw_col_t col, const char *s, lxw_format *fmt)
{
	xl_text(x, ws, row, col, s, fmt, 1);
}

void xl_numf(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
	     lxw_col_t col, double v, lxw_format *fmt)
{
	if (x->fit_ws && (x->fit_ws != ws || x->fit_row != row))
		xl_fit_flush(x);
	if (xl_rows_own(x, ws))
		xl_rows_num(x, ws, row, col, v, fmt);
	else
		xl_check(x, worksheet_write_number(ws, row, col, v, fmt));
}

void xl_num(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
	    lxw_col_t col, uint64_t n)
{
	xl_numf(x, ws, row, col, (double)n, x->num);
}

/* "high" -> "High", into buf. */
const char *xl_cap(const char *s, char *buf, size_t n)
{
	size_t len = s ? strlen(s) : 0;

	if (!n)
		return "";
	if (len >= n)
		len = n - 1;
	memcpy(buf, s ? s : "", len);
	buf[len] = '\0';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

/* "2020-01-20 21:42:09" (UTC), or "not known". */
const char *xl_time_utc(int64_t t, char *buf, size_t n)
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

const char *xl_time_local(int64_t t, char *buf, size_t n)
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
void xl_page(struct xl *x, lxw_worksheet *ws)
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
lxw_worksheet *xl_add_worksheet(lxw_workbook *wb,
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

/*
 * The header row of a table at row hdr: column widths, bold headers on a
 * fill (green for the reviewer's columns), frozen so they stay in view, an
 * autofilter over the nrows rows below, and print settings that repeat the
 * header on every page.
 */
void xl_table(struct xl *x, lxw_worksheet *ws,
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

void xl_formats(struct xl *x)
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

	/*
	 * The cell formats take their places in the styles table now, in
	 * this order, rather than in the order cells first use them: the
	 * table is then the same whoever writes the rows (xlsx_rows.c), and
	 * whichever sheets a run has.
	 */
	lxw_format *const cells[] = {
		x->title, x->note, x->label, x->header, x->header_input,
		x->text, x->wrap, x->num, x->rate, x->date, x->sev_col,
		x->banner,
	};
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		lxw_format_get_xf_index(cells[i]);
}

const char *xl_platform(const struct cnd_archive *a)
{
	if (a->platform_title)
		return a->platform_title;
	if (a->platform)
		return a->platform;
	return "not recognised";
}

void xl_period(const struct cnd_run *run, char *buf, size_t n)
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
const char *xl_research_line(const struct xl *x, char *buf,
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

/* "YYYY-MM-DD" of t, or NULL when there is none. */
const char *xl_day(int64_t t, char *buf, size_t n)
{
	if (t == CND_TIME_NONE)
		return NULL;
	cnd_time_format_utc(t, buf, n);
	if (n > 10)
		buf[10] = '\0';
	return buf;
}

/* Header cells of a table that is not the sheet's main (filtered) one. */
void xl_headers(struct xl *x, lxw_worksheet *ws,
		lxw_row_t row, const char *const *titles,
		size_t n)
{
	for (size_t c = 0; c < n; c++)
		xl_str(x, ws, row, (lxw_col_t)c, titles[c], x->header);
}

/* A sheet that is no table, with print settings; NULL after a failure. */
lxw_worksheet *xl_sheet(struct xl *x, const char *name)
{
	lxw_worksheet *ws = xl_add_worksheet(x->wb, name);
	char msg[64];

	if (!ws) {
		snprintf(msg, sizeof(msg), "cannot add the %s sheet", name);
		xl_fail(x, msg);
	}
	return ws;
}
