/*
 * CSV reader (RFC 4180) for every CSV conduct meets: the client register,
 * LinkedIn and Mastodon exports. Quoted fields may hold separators, doubled
 * quotes and line breaks; rows end in CRLF, LF or a lone CR; the number of
 * fields may differ from row to row; empty lines produce no row. Encoding is
 * settled before parsing: a UTF-8 byte order mark is skipped, and text that
 * starts with a UTF-16 byte order mark (LinkedIn's 2018 files are UTF-16LE)
 * is converted to UTF-8. The separator is sniffed from the first line: a
 * tab when it holds a tab and no comma outside quotes, otherwise a comma.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/csv.h"

static void put_utf8(struct cnd_buf *b, uint32_t cp)
{
	char o[4];
	size_t n;

	if (cp < 0x80) {
		o[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	cnd_buf_add(b, o, n);
}

/*
 * UTF-16 (little- or big-endian, without its BOM) to UTF-8. Lone
 * surrogates and a dangling odd byte become U+FFFD.
 */
static void utf16_to_utf8(const unsigned char *s, size_t n, int little,
			  struct cnd_buf *out)
{
	size_t i = 0;

	cnd_buf_grow(out, n + n / 2);
	while (i + 1 < n) {
		uint32_t u = little ? (uint32_t)(s[i] | s[i + 1] << 8) :
				      (uint32_t)(s[i] << 8 | s[i + 1]);

		i += 2;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
			uint32_t lo = little ?
					      (uint32_t)(s[i] | s[i + 1] << 8) :
					      (uint32_t)(s[i] << 8 | s[i + 1]);

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				i += 2;
				put_utf8(out, 0x10000 + ((u - 0xD800) << 10) +
						      (lo - 0xDC00));
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD;
		put_utf8(out, u);
	}
	if (i < n)
		put_utf8(out, 0xFFFD);
}

/* Tab when the first line has a tab and no comma outside quotes. */
static char sniff_separator(const char *p, size_t n)
{
	size_t tabs = 0, commas = 0;
	int quoted = 0;

	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == '\t')
			tabs++;
		else if (c == ',')
			commas++;
	}
	return tabs && !commas ? '\t' : ',';
}

/* The fields of the row being read: NUL-separated text and offsets. */
struct row {
	struct cnd_buf text;
	size_t *offs;
	char **ptrs;
	size_t n, cap;
};

static void row_end_field(struct row *r, size_t start)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->offs = cnd_xrealloc(r->offs, r->cap * sizeof(*r->offs));
		r->ptrs = cnd_xrealloc(r->ptrs, r->cap * sizeof(*r->ptrs));
	}
	r->offs[r->n++] = start;
	cnd_buf_addc(&r->text, '\0');
}

/* Length of the line ending at p[i], or 0 when there is none. */
static size_t eol_len(const char *p, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	if (p[i] == '\n')
		return 1;
	if (p[i] == '\r')
		return i + 1 < n && p[i + 1] == '\n' ? 2 : 1;
	return 0;
}

/*
 * The quoted field that starts at p[*i] (a '"'): its text added to out,
 * *i moved past the closing quote, *line counting the line breaks inside.
 * Returns -1 when the data ends before the closing quote.
 */
static int read_quoted(const char *p, size_t n, size_t *i, size_t *line,
		       struct cnd_buf *out)
{
	size_t k;

	for (k = *i + 1; k < n; k++) {
		if (p[k] == '"') {
			if (k + 1 < n && p[k + 1] == '"') {
				cnd_buf_addc(out, '"');
				k++;
				continue;
			}
			*i = k + 1;
			return 0;
		}
		if (eol_len(p, n, k) == 1)
			(*line)++; /* LF, or CR alone */
		cnd_buf_addc(out, p[k]);
	}
	return -1;
}

static int parse(const char *p, size_t n, char sep, cnd_csv_row_fn fn,
		 void *ud, struct cnd_error *err)
{
	struct row r = { CND_BUF_INIT, NULL, NULL, 0, 0 };
	size_t i = 0, line = 1, el;
	int ret = CND_OK;

	while (i < n) {
		size_t row_line = line;

		el = eol_len(p, n, i);
		if (el) {
			/* an empty line: no row */
			i += el;
			line++;
			continue;
		}
		cnd_buf_reset(&r.text);
		r.n = 0;
		for (;;) {
			size_t start = r.text.len, qline = line;

			if (i < n && p[i] == '"' &&
			    read_quoted(p, n, &i, &line, &r.text)) {
				ret = cnd_error_set(
					err, CND_FAILED,
					"line %zu: unterminated quoted field",
					qline);
				goto out_release;
			}
			/* unquoted text, or text after a closing quote */
			while (i < n && p[i] != sep && !eol_len(p, n, i))
				cnd_buf_addc(&r.text, p[i++]);
			row_end_field(&r, start);
			if (i < n && p[i] == sep) {
				i++;
				continue;
			}
			el = eol_len(p, n, i);
			if (el) {
				i += el;
				line++;
			}
			break;
		}
		for (size_t k = 0; k < r.n; k++)
			r.ptrs[k] = r.text.data + r.offs[k];
		if (fn(ud, row_line, r.ptrs, r.n))
			break;
	}
out_release:
	cnd_buf_release(&r.text);
	free(r.offs);
	free(r.ptrs);
	return ret;
}

int cnd_csv_parse(const char *data, size_t len, cnd_csv_row_fn fn, void *ud,
		  struct cnd_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	struct cnd_buf conv = CND_BUF_INIT;
	int ret;

	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		utf16_to_utf8(u + 2, len - 2, 1, &conv);
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		utf16_to_utf8(u + 2, len - 2, 0, &conv);
	} else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		data += 3;
		len -= 3;
	}
	if (conv.data) {
		data = conv.data;
		len = conv.len;
	}
	ret = parse(data, len, sniff_separator(data, len), fn, ud, err);
	cnd_buf_release(&conv);
	return ret;
}
