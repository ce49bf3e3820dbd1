/*
 * Private to the workbook writer (src/report/xlsx*.c): the writer's state
 * (struct xl), the cell and format helpers every sheet uses (xlsx_cell.c),
 * and one writer per sheet, grouped by family: Summary, Findings and
 * Baseline (xlsx_review.c); Connections, Locations, Settings and Follow
 * changes (xlsx_activity.c); Coverage, Rules and Run (xlsx_run.c);
 * Timeline and Aggregates (xlsx_time.c). xlsx.c lists the sheets in order
 * in its table, adds each one and calls its writer.
 *
 * To add a sheet: write `void xl_NAME(struct xl *, lxw_worksheet *, const
 * struct cnd_run *)` in the file of its family (or a new xlsx_FAMILY.c,
 * which the Makefile finds by itself), declare it below, and give it one
 * line in the sheet table of xlsx.c (its name, its writer, and when it is
 * written if not always). A writer reads structured fields of the run only,
 * never the prose of a finding's evidence.
 */
#ifndef CONDUCT_REPORT_XLSX_H
#define CONDUCT_REPORT_XLSX_H

#include <stddef.h>
#include <stdint.h>
#include <xlsxwriter.h>

#include "conduct/base/error.h"
#include "conduct/base/strmap.h"
#include "conduct/model/result.h"

#include "cites.h"

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

#define XL_STYLES 32 /* formats whose style index is kept */
#define XL_SHARED_COLS 32 /* columns whose shared texts are kept */
#define XL_SHARED_WAYS 16 /* shared texts kept per column */

/* A shared text a column used: as given, its index, its lines. */
struct xl_shared {
	char *text;
	size_t len;
	long index;
	unsigned lines;
	lxw_format *fmt;
};

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
	/*
	 * The row being written by conduct itself (xlsx_rows.c): its sheet
	 * (NULL when none), number, cells' XML, the cells, the lines its
	 * wrapped text needs; rows_mode 1 when conduct writes rows, -1 when
	 * libxlsxwriter does, 0 until asked.
	 */
	lxw_worksheet *row_ws;
	lxw_row_t row_num;
	char row_digits[16]; /* row_num + 1 in decimal, row_ndigits long */
	size_t row_ndigits;
	struct cnd_buf row_xml, row_out;
	struct cnd_vec row_cells;
	unsigned row_lines;
	int rows_mode;
	/* the shared strings the rows have used: text -> index + 1 */
	struct cnd_strmap sst_index;
	/* each column's last shared texts in shared_ws (xl_rows_shared) */
	lxw_worksheet *shared_ws;
	struct xl_shared shared[XL_SHARED_COLS][XL_SHARED_WAYS];
	unsigned char shared_n[XL_SHARED_COLS], shared_next[XL_SHARED_COLS];
	/* the style indices of the formats cells have used (xl_style) */
	lxw_format *style_fmt[XL_STYLES];
	int32_t style_idx[XL_STYLES];
	size_t n_styles;
	struct cnd_cites cites; /* each rule's citations, joined once */
	lxw_error lxw_err;	  /* first libxlsxwriter error while writing */
	char err[CND_ERROR_MAX]; /* first error of our own, or "" */
};

#define XL_LINE_PT 15.0 /* height of one line of 10-point text */
#define XL_MAX_LINES 8 /* a taller row is cut off, still readable */

/* A column of a table: its header, width, and whether the reviewer fills it. */
/* The format a table column's data cells take, if they all take one. */
enum xl_colfmt { XL_COL_ANY, XL_COL_TEXT, XL_COL_WRAP, XL_COL_DATE };

struct xl_col {
	const char *title;
	double width;
	int input;		   /* a reviewer's column */
	enum xl_colfmt fmt; /* the column's format */
};

/* --- cells and formats (xlsx_cell.c) --- */

/*
 * worksheet_set_column, remembering the widths (for row heights) and the
 * format (fmt, or NULL) of the columns.
 */
lxw_error xl_width(struct xl *x, lxw_worksheet *ws, lxw_col_t first,
		   lxw_col_t last, double width, lxw_format *fmt);
/* Set the tracked row's height when its wrapped text needs more lines. */
void xl_fit_flush(struct xl *x);
/* Record the first thing that went wrong; writing goes on to the close. */
void xl_check(struct xl *x, lxw_error e);
void xl_fail(struct xl *x, const char *msg);
/*
 * Write text as a string cell (never a formula), repaired to valid UTF-8
 * and cut to Excel's limit. NULL or "" leaves the cell empty, but
 * formatted.
 */
void xl_str(struct xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	    const char *s, lxw_format *fmt);
/*
 * xl_str for text that repeats down a column from a small set (a rule's
 * title or citations, a severity, a subject, a platform): the cell refers
 * to the workbook's shared strings. Never for text of a record, which
 * would hold every post in memory until the close.
 */
void xl_str_shared(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		   lxw_col_t col, const char *s, lxw_format *fmt);
void xl_num(struct xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	    uint64_t n);
/* A number cell in format fmt. */
void xl_numf(struct xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	     double v, lxw_format *fmt);

/* --- rows written by conduct itself (xlsx_rows.c) --- */

/* Decimal digits of v, into out (at least 20 bytes); their number. */
size_t xl_utoa(uint64_t v, char *out);
/* Whether conduct writes ws's rows itself (else libxlsxwriter does). */
int xl_rows_own(struct xl *x, lxw_worksheet *ws);
/*
 * Cells of the pending row: text (cleaned, NUL-terminated, len bytes), a
 * number, a formatted blank.
 */
void xl_rows_str(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		 lxw_col_t col, const char *s, size_t len, lxw_format *fmt);
/*
 * A cell that refers to the shared string s (cleaned, len bytes) of the
 * text raw (as given, raw_len bytes) that needs lines lines; and the same
 * for raw text that (ws, col) referred to lately: 1, or 0 when it did not.
 */
void xl_rows_shared(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		    lxw_col_t col, const char *raw, size_t raw_len,
		    const char *s, size_t len, unsigned lines,
		    lxw_format *fmt);
int xl_rows_shared_hit(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		       lxw_col_t col, const char *s, size_t n,
		       lxw_format *fmt);
void xl_rows_num(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		 lxw_col_t col, double v, lxw_format *fmt);
void xl_rows_blank(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		   lxw_col_t col, lxw_format *fmt);
/* The pending row (row of ws) needs this many lines of height. */
void xl_rows_height(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		    unsigned lines);
/* Write the pending row to its sheet. */
void xl_rows_flush(struct xl *x);
void xl_rows_init(struct xl *x);
void xl_rows_release(struct xl *x);
/* "high" -> "High", into buf. */
const char *xl_cap(const char *s, char *buf, size_t n);
/* "2020-01-20 21:42:09" (UTC), or "not known". */
const char *xl_time_utc(int64_t t, char *buf, size_t n);
const char *xl_time_local(int64_t t, char *buf, size_t n);
/* "YYYY-MM-DD" of t, or NULL when there is none. */
const char *xl_day(int64_t t, char *buf, size_t n);
/* Print settings of every sheet (landscape, confidential footer). */
void xl_page(struct xl *x, lxw_worksheet *ws);
/* workbook_add_worksheet() with SIGINT, SIGTERM and SIGHUP held back. */
lxw_worksheet *xl_add_worksheet(lxw_workbook *wb, const char *name);
/* A sheet added by name, or NULL after recording the failure. */
lxw_worksheet *xl_sheet(struct xl *x, const char *name);
/*
 * The header row of a table at row hdr (widths, frozen, an autofilter over
 * the nrows rows below, repeated on every printed page).
 */
void xl_table(struct xl *x, lxw_worksheet *ws, lxw_row_t hdr,
	      const struct xl_col *cols, size_t ncols, size_t nrows);
/* Header cells of a table that is not the sheet's main (filtered) one. */
void xl_headers(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		const char *const *titles, size_t n);
/* The workbook's formats, into x. */
void xl_formats(struct xl *x);
/* The platform's title, its name, or "not recognised". */
const char *xl_platform(const struct cnd_archive *a);
/* The review period in words, into buf. */
void xl_period(const struct cnd_run *run, char *buf, size_t n);
/* The one line that says a workbook is research output, into buf. */
const char *xl_research_line(const struct xl *x, char *buf, size_t n);

/* --- the sheets, in workbook order (the table in xlsx.c) --- */

/* xlsx_review.c */
void xl_summary(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);
void xl_findings(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);
void xl_baseline(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);
/* xlsx_activity.c */
void xl_connections(struct xl *x, lxw_worksheet *ws,
		    const struct cnd_run *run);
void xl_locations(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);
void xl_settings(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);
void xl_follow_changes(struct xl *x, lxw_worksheet *ws,
		       const struct cnd_run *run);
/* xlsx_time.c */
void xl_timeline(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);
void xl_aggregates(struct xl *x, lxw_worksheet *ws,
		   const struct cnd_run *run);
/* xlsx_run.c */
void xl_coverage(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);
void xl_rules(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);
void xl_runinfo(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run);

#endif
