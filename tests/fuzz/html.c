/*
 * libFuzzer target for the HTML page reader (src/parse/html.c): libxml2's
 * push parser behind our SAX callbacks, the byte guard on tags and
 * comments, the depth cap and the entry limit. Every text, link, media
 * path and field of every entry is read in full, so a pointer past its
 * string shows up under AddressSanitizer; so is every cell, header and
 * section of every table row (the row mode of Snapchat's pages). The
 * first byte picks small limits (so the fuzzer reaches them), whether the
 * callback stops early, and whether rows are read; and whether the page is
 * also pulled in small chunks, once on one thread and once on two with
 * small segments (src/parse/html_split.c): on a page read without a
 * problem, the two reads must hand over the same entries, to the byte,
 * with the same status, or the target aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/parse/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct state {
	size_t bytes;
	long long stop_at;
};

static size_t len0(const char *s)
{
	return s ? strlen(s) : 0;
}

static int on_entry(void *ud, const struct cnd_html_entry *e)
{
	struct state *st = ud;
	size_t i;

	st->bytes += len0(e->header) + len0(e->date) + len0(e->text);
	for (i = 0; i < e->n_lines; i++)
		st->bytes += strlen(e->lines[i]);
	for (i = 0; i < e->n_links; i++)
		st->bytes += strlen(e->links[i].href) + strlen(e->links[i].text);
	for (i = 0; i < e->n_media; i++)
		st->bytes += strlen(e->media[i]);
	for (i = 0; i < e->n_fields; i++)
		st->bytes += strlen(e->fields[i].label) +
			     strlen(e->fields[i].value);
	return e->index == st->stop_at ? 3 : 0;
}

static int on_row(void *ud, const struct cnd_html_row *row)
{
	struct state *st = ud;
	size_t i;

	st->bytes += strlen(row->section);
	for (i = 0; i < row->n_cells; i++)
		st->bytes += strlen(row->cells[i]);
	for (i = 0; i < row->n_header; i++)
		st->bytes += strlen(row->header[i]);
	return row->index == st->stop_at ? 3 : 0;
}

struct src {
	const uint8_t *p;
	size_t left;
};

/*
 * 61 bytes a pull, under the 64-byte segments: both reads then hand
 * libxml2 the same chunks (how it decodes a declared charset such as
 * UTF-7 depends on where chunks fall, so reads in other chunks may differ).
 */
static long pull(void *ctx, void *buf, unsigned long n)
{
	struct src *s = ctx;
	size_t k = s->left < 61 ? s->left : 61;

	if (k > n)
		k = n;
	memcpy(buf, s->p, k);
	s->p += k;
	s->left -= k;
	return (long)k;
}

/* One pull read of the page; its status, the entries in *r, bytes in st. */
static int pulled(const uint8_t *data, size_t size, int helpers,
		  const struct cnd_html_reader *like, struct state *st,
		  struct cnd_html_reader *r)
{
	struct src s = { data, size };
	struct cnd_error err;

	*r = *like;
	r->ud = st;
	r->helpers = helpers;
	return cnd_html_read_pull(pull, &s, r, &err);
}

static void one_and_two(const uint8_t *data, size_t size,
			const struct cnd_html_reader *like, long long stop_at)
{
	struct state s1 = { 0, stop_at }, s2 = { 0, stop_at };
	struct cnd_html_reader r1, r2;
	int st1, st2;

	setenv("CONDUCT_HTML_SEGMENT", "64", 1);
	st1 = pulled(data, size, 0, like, &s1, &r1);
	st2 = pulled(data, size, 1, like, &s2, &r2);
	/*
	 * On a page with broken markup, libxml2 itself reads some entries
	 * differently as the chunks fall (html_split.c then stops cutting):
	 * only a clean page must give the same entries; any page, no crash.
	 */
	if (st1 == 0 && (st1 != st2 || s1.bytes != s2.bytes ||
			 r1.entries != r2.entries))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state st = { 0, -1 };
	struct cnd_html_reader r;
	struct cnd_error err;

	if (size < 1)
		return 0;
	memset(&r, 0, sizeof(r));
	r.fn = on_entry;
	r.ud = &st;
	if (data[0] & 1) {
		r.entry_max = 256;
		r.tag_max = 512;
		r.depth_max = 24;
	}
	if (data[0] & 2)
		st.stop_at = (data[0] >> 2) & 7;
	if (data[0] & 0x20)
		r.row = on_row;
	cnd_html_read_buffer((const char *)data + 1, size - 1, &r, &err);
	if ((data[0] & 0x40) && !r.row) {
		memset(r.title, 0, sizeof(r.title));
		r.entries = r.row_count = r.helper_entries = 0;
		r.has_main = 0;
		one_and_two(data + 1, size - 1, &r, st.stop_at);
	}
	return 0;
}
