/*
 * The workbook's rows, written by conduct itself. libxlsxwriter's
 * constant-memory mode keeps one row of cells, and when the next row
 * starts it prints each cell with fprintf, escaping a copy of its text
 * that it allocated, so a Findings row of twenty cells cost about 100,000
 * instructions: more than reading and checking the post it came from. So
 * the cells of the row being written are gathered here as the XML libxlsx-
 * writer would print (an inline string, a number or a formatted blank, in
 * column order, the row's height when its wrapped text needs more than one
 * line), and the finished row goes in one fwrite to the sheet's
 * constant-memory file, with the sheet's dimensions kept as the library
 * keeps them; everything else about the sheet (columns, panes, filters,
 * validation, conditional formats, print settings, styles, the zip) is the
 * library's. A sheet whose file is not the constant-memory one, or a run
 * with CONDUCT_XLSX_LIBRARY_CELLS=1 (to compare the two, as a test does),
 * goes through libxlsxwriter's own cell calls; the bytes are the same.
 *
 * Text that repeats down a column from a small set (a rule's title and
 * citations, a severity, a subject) goes into the workbook's shared
 * strings instead, once, and each of its cells refers to it: a Findings
 * row is a third smaller, which is a third less to escape and deflate.
 * libxlsxwriter writes the shared-string table it holds (and lists it in
 * the package) at the close whenever it has a string, whatever the mode;
 * its own constant-memory cells never put one there, so through its cell
 * calls those cells stay inline, the same text.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <xlsxwriter/shared_strings.h>

#include "xlsx.h"

/* Append n bytes (no NUL after them: the buffers here are counted). */
static inline void put(struct cnd_buf *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap)
		cnd_buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

#define PUTS(b, lit) put((b), (lit), sizeof(lit) - 1)

/* One cell of the pending row: its column and its XML in x->row_xml. */
struct xl_cell {
	lxw_col_t col;
	size_t off, len;
};

int xl_rows_own(struct xl *x, lxw_worksheet *ws)
{
	const char *lib;

	if (x->rows_mode == 0) {
		lib = getenv("CONDUCT_XLSX_LIBRARY_CELLS");
		x->rows_mode = lib && strcmp(lib, "1") == 0 ? -1 : 1;
	}
	return x->rows_mode > 0 && ws->optimize && ws->file &&
	       ws->file == ws->optimize_tmpfile;
}

/* "AB" of column col, into out; its length. */
static size_t xl_col_name(lxw_col_t col, char *out)
{
	char tmp[8];
	size_t n = 0, k = 0;
	unsigned c = (unsigned)col + 1;

	if (col < 26) {
		out[0] = (char)('A' + col);
		return 1;
	}
	while (c) {
		unsigned r = (c - 1) % 26;

		tmp[n++] = (char)('A' + r);
		c = (c - 1) / 26;
	}
	while (n)
		out[k++] = tmp[--n];
	return k;
}

size_t xl_utoa(uint64_t v, char *out)
{
	char tmp[24];
	size_t n = 0, k = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		out[k++] = tmp[--n];
	return k;
}

/*
 * v as "%.16g" prints it, into out (at least 40 bytes); its length.
 * Whole numbers (counts, row heights) skip printf.
 */
static size_t xl_dtoa(double v, char *out)
{
	if (v >= 0 && v < 1e15 && v == (double)(uint64_t)v)
		return xl_utoa((uint64_t)v, out);
	if (v < 0 && v > -1e15 && -v == (double)(uint64_t)-v) {
		out[0] = '-';
		return 1 + xl_utoa((uint64_t)-v, out + 1);
	}
	return (size_t)snprintf(out, 40, "%.16g", v);
}

/* Write the pending row, if it has cells, and forget it. */
void xl_rows_flush(struct xl *x)
{
	struct xl_cell *c = x->row_cells.items;
	size_t n = x->row_cells.len;
	struct cnd_buf *out = &x->row_out;
	int sorted = 1; /* in column order, each column once */

	if (!x->row_ws)
		return;
	if (n) {
		for (size_t i = 1; i < n; i++)
			if (c[i].col <= c[i - 1].col)
				sorted = 0;
		if (!sorted) {
			/* in column order; a cell written twice keeps the
			 * last (insertion sort: rows are short) */
			for (size_t i = 1; i < n; i++) {
				struct xl_cell t = c[i];
				size_t j = i;

				while (j && c[j - 1].col > t.col) {
					c[j] = c[j - 1];
					j--;
				}
				c[j] = t;
			}
		}
		out->len = 0;
		PUTS(out, "<row r=\"");
		put(out, x->row_digits, x->row_ndigits);
		PUTS(out, "\"");
		if (x->row_lines > 1) {
			char ht[40];
			size_t k = xl_dtoa(XL_LINE_PT * x->row_lines, ht);

			PUTS(out, " ht=\"");
			put(out, ht, k);
			PUTS(out, "\" customHeight=\"1\"");
		}
		PUTS(out, ">");
		if (sorted) {
			/* the cells as they are, after the row's start */
			PUTS(&x->row_xml, "</row>");
			if (fwrite(out->data, 1, out->len, x->row_ws->file) !=
				    out->len ||
			    fwrite(x->row_xml.data, 1, x->row_xml.len,
				   x->row_ws->file) != x->row_xml.len)
				xl_fail(x, "cannot write a sheet's rows");
		} else {
			for (size_t i = 0; i < n; i++) {
				/* a later cell of the same column replaces
				 * this one */
				if (i + 1 < n && c[i + 1].col == c[i].col)
					continue;
				put(out, x->row_xml.data + c[i].off, c[i].len);
			}
			PUTS(out, "</row>");
			if (fwrite(out->data, 1, out->len, x->row_ws->file) !=
			    out->len)
				xl_fail(x, "cannot write a sheet's rows");
		}
	}
	x->row_ws = NULL;
	x->row_lines = 0;
	x->row_cells.len = 0;
	x->row_xml.len = 0;
}

/*
 * The style index of fmt. libxlsxwriter hashes the format's properties on
 * every call, so the indices of the few formats a workbook has are kept.
 */
static int32_t xl_style(struct xl *x, lxw_format *fmt)
{
	size_t i;

	if (!fmt)
		return 0;
	for (i = 0; i < x->n_styles; i++)
		if (x->style_fmt[i] == fmt)
			return x->style_idx[i];
	if (i == XL_STYLES)
		return lxw_format_get_xf_index(fmt);
	x->style_fmt[i] = fmt;
	x->style_idx[i] = lxw_format_get_xf_index(fmt);
	x->n_styles++;
	return x->style_idx[i];
}

/*
 * Start a cell at (row, col) of ws in the pending row: the row is written
 * first when the cell belongs to another, and the sheet's dimensions grow
 * as libxlsxwriter's do. 0 when the cell cannot be written (a row above
 * the one being written, which constant-memory mode refuses too).
 */
static int xl_cell_open(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
			lxw_col_t col, lxw_format *fmt)
{
	struct xl_cell *c;
	char ref[24];
	size_t n;
	int32_t style = xl_style(x, fmt);

	if (row >= LXW_ROW_MAX || col >= LXW_COL_MAX) {
		xl_check(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
		return 0;
	}
	if (x->row_ws != ws || x->row_num != row) {
		if (x->row_ws == ws && row < x->row_num) {
			xl_check(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
			return 0;
		}
		xl_rows_flush(x);
		x->row_ws = ws;
		x->row_num = row;
		x->row_ndigits = xl_utoa((uint64_t)row + 1, x->row_digits);
	}
	if (row < ws->dim_rowmin)
		ws->dim_rowmin = row;
	if (row > ws->dim_rowmax)
		ws->dim_rowmax = row;
	if (col < ws->dim_colmin)
		ws->dim_colmin = col;
	if (col > ws->dim_colmax)
		ws->dim_colmax = col;

	c = cnd_vec_push(&x->row_cells);
	c->col = col;
	c->off = x->row_xml.len;
	n = xl_col_name(col, ref);
	PUTS(&x->row_xml, "<c r=\"");
	put(&x->row_xml, ref, n);
	put(&x->row_xml, x->row_digits, x->row_ndigits);
	PUTS(&x->row_xml, "\"");
	if (style) {
		char num[24];

		PUTS(&x->row_xml, " s=\"");
		put(&x->row_xml, num, xl_utoa((uint64_t)style, num));
		PUTS(&x->row_xml, "\"");
	}
	return 1;
}

static void xl_cell_close(struct xl *x)
{
	struct xl_cell *c = cnd_vec_at(&x->row_cells, x->row_cells.len - 1);

	c->len = x->row_xml.len - c->off;
}

/* s (NUL-terminated) with &, < and > escaped, as libxlsxwriter does. */
static void xl_escape(struct cnd_buf *b, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "&<>");

		put(b, s, n);
		s += n;
		if (!*s)
			return;
		if (*s == '&')
			PUTS(b, "&amp;");
		else if (*s == '<')
			PUTS(b, "&lt;");
		else
			PUTS(b, "&gt;");
		s++;
	}
}

void xl_rows_str(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		 lxw_col_t col, const char *s, size_t len, lxw_format *fmt)
{
	if (!len || !xl_cell_open(x, ws, row, col, fmt))
		return;
	if (isspace((unsigned char)s[0]) || isspace((unsigned char)s[len - 1]))
		PUTS(&x->row_xml, " t=\"inlineStr\"><is>"
				  "<t xml:space=\"preserve\">");
	else
		PUTS(&x->row_xml, " t=\"inlineStr\"><is><t>");
	xl_escape(&x->row_xml, s);
	PUTS(&x->row_xml, "</t></is></c>");
	xl_cell_close(x);
}

/*
 * The shared string s (len bytes, cleaned): its index in the workbook's
 * table, added the first time; each further use is counted, as the
 * table's count attribute is every cell that refers to it. -1 when the
 * table cannot take it.
 */
static long xl_sst_index(struct xl *x, const char *s, size_t len)
{
	lxw_sst *sst = x->wb->sst;
	void *got = cnd_strmap_getn(&x->sst_index, s, len);
	struct sst_element *e;

	if (got) {
		sst->string_count++;
		return (long)((uintptr_t)got - 1);
	}
	e = lxw_get_sst_index(sst, s, LXW_FALSE);
	if (!e)
		return -1;
	cnd_strmap_putn(&x->sst_index, s, len,
			(void *)((uintptr_t)e->index + 1));
	return (long)e->index;
}

/* A cell of ws at (row, col) that refers to shared string k. */
static void xl_rows_ref(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
			lxw_col_t col, long k, lxw_format *fmt)
{
	char num[24];

	if (!xl_cell_open(x, ws, row, col, fmt))
		return;
	PUTS(&x->row_xml, " t=\"s\"><v>");
	put(&x->row_xml, num, xl_utoa((uint64_t)k, num));
	PUTS(&x->row_xml, "</v></c>");
	xl_cell_close(x);
}

/*
 * Each column keeps the last few texts it referred to, as given (before
 * cleaning), with their index and the lines they need, so a repeated
 * cell costs a comparison: no cleaning, no hashing, no escaping.
 */
int xl_rows_shared_hit(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		       lxw_col_t col, const char *s, size_t n,
		       lxw_format *fmt)
{
	struct xl_shared *c;

	if (x->shared_ws != ws || col >= XL_SHARED_COLS)
		return 0;
	c = x->shared[col];
	for (unsigned i = 0; i < x->shared_n[col]; i++) {
		if (c[i].len == n && c[i].fmt == fmt &&
		    memcmp(c[i].text, s, n) == 0) {
			x->wb->sst->string_count++;
			xl_rows_ref(x, ws, row, col, c[i].index, fmt);
			xl_rows_height(x, ws, row, c[i].lines);
			return 1;
		}
	}
	return 0;
}

/* Forget the columns' texts (another sheet: other widths). */
static void xl_shared_forget(struct xl *x)
{
	for (unsigned col = 0; col < XL_SHARED_COLS; col++) {
		for (unsigned i = 0; i < x->shared_n[col]; i++)
			free(x->shared[col][i].text);
		x->shared_n[col] = 0;
		x->shared_next[col] = 0;
	}
	x->shared_ws = NULL;
}

void xl_rows_shared(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		    lxw_col_t col, const char *raw, size_t raw_len,
		    const char *s, size_t len, unsigned lines,
		    lxw_format *fmt)
{
	struct xl_shared *c;
	long k;

	if (!len)
		return;
	if ((k = xl_sst_index(x, s, len)) < 0) {
		xl_rows_str(x, ws, row, col, s, len, fmt);
		xl_rows_height(x, ws, row, lines);
		return;
	}
	xl_rows_ref(x, ws, row, col, k, fmt);
	xl_rows_height(x, ws, row, lines);
	if (col >= XL_SHARED_COLS)
		return;
	if (x->shared_ws != ws) {
		xl_shared_forget(x);
		x->shared_ws = ws;
	}
	if (x->shared_n[col] < XL_SHARED_WAYS) {
		c = &x->shared[col][x->shared_n[col]++];
	} else {
		c = &x->shared[col][x->shared_next[col]];
		x->shared_next[col] = (unsigned char)((x->shared_next[col] + 1) %
						      XL_SHARED_WAYS);
		free(c->text);
	}
	c->text = malloc(raw_len ? raw_len : 1);
	if (!c->text) {
		xl_fail(x, "out of memory");
		c->len = (size_t)-1;
		return;
	}
	memcpy(c->text, raw, raw_len);
	c->len = raw_len;
	c->index = k;
	c->lines = lines;
	c->fmt = fmt;
}

void xl_rows_num(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		 lxw_col_t col, double v, lxw_format *fmt)
{
	char num[40];

	if (!xl_cell_open(x, ws, row, col, fmt))
		return;
	PUTS(&x->row_xml, "><v>");
	put(&x->row_xml, num, xl_dtoa(v, num));
	PUTS(&x->row_xml, "</v></c>");
	xl_cell_close(x);
}

void xl_rows_blank(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		   lxw_col_t col, lxw_format *fmt)
{
	/* libxlsxwriter writes no blank cell without a format */
	if (!fmt || !xl_cell_open(x, ws, row, col, fmt))
		return;
	PUTS(&x->row_xml, "/>");
	xl_cell_close(x);
}

void xl_rows_height(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
		    unsigned lines)
{
	if (x->row_ws == ws && x->row_num == row && lines > x->row_lines)
		x->row_lines = lines;
}

void xl_rows_init(struct xl *x)
{
	cnd_buf_init(&x->row_xml);
	cnd_buf_init(&x->row_out);
	cnd_vec_init(&x->row_cells, sizeof(struct xl_cell));
	cnd_strmap_init(&x->sst_index);
}

void xl_rows_release(struct xl *x)
{
	cnd_buf_release(&x->row_xml);
	cnd_buf_release(&x->row_out);
	cnd_vec_release(&x->row_cells);
	cnd_strmap_release(&x->sst_index);
	xl_shared_forget(x);
}
