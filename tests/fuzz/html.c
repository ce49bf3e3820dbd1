/*
 * libFuzzer target for the HTML page reader (src/parse/html.c): libxml2's
 * push parser behind our SAX callbacks, the byte guard on tags and
 * comments, the depth cap and the entry limit. Every text, link, media
 * path and field of every entry is read in full, so a pointer past its
 * string shows up under AddressSanitizer; so is every cell, header and
 * section of every table row (the row mode of Snapchat's pages). The
 * first byte picks small limits (so the fuzzer reaches them), whether the
 * callback stops early, and whether rows are read.
 */
#include <stddef.h>
#include <stdint.h>
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
	return 0;
}
