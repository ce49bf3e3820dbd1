/*
 * Snapchat exports with HTML pages (the default unless "Export JSON Files"
 * is ticked): html/friends.html, html/chat_history.html and
 * html/search_history.html are read into the same records as their
 * json/ twins, by building the twin's document from the page's tables and
 * handing it to snapchat.c's own readers (snapchat.h). A page whose
 * json/ twin is in the archive is left to the JSON.
 *
 * Page shape (a real 2024 export, FORMATS.md "HTML exports"): each section
 * is an <h3> heading ("Friends", "Friend Requests Sent", a chat's peer)
 * followed by a <table> whose first row holds <th> cells naming the
 * columns as the JSON names its keys ("Username", "Display Name",
 * "Creation Timestamp"; "From", "Media Type", "Created", "Content",
 * "IsSender"; "Date and time (hourly)", "Search Term", "Location"), then a
 * row of <td> cells per entry. Times are UTC ("2024-09-08 20:13:26 UTC"),
 * as in the JSON. The document is held whole, as the JSON reader holds
 * the JSON file: within the document limit.
 */
#include <string.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/parse/html.h"
#include "snapchat.h"

struct page {
	struct cnd_scan *s;
	json_t *doc;	/* { section: [rows] }, or [rows] when flat */
	int flat;
	size_t bytes, max;
	int over;
};

static int on_row(void *ud, const struct cnd_html_row *row)
{
	struct page *p = ud;
	json_t *obj, *list;
	size_t i;

	cnd_scan_entry(p->s);
	if (!row->n_header && row->n_cells == 2 && !p->flat) {
		/* a label and its value (account.html): { section: { l: v } } */
		json_t *v = json_string(row->cells[1]);

		obj = json_object_get(p->doc, row->section);
		if (!json_is_object(obj)) {
			obj = json_object();
			json_object_set_new(p->doc, row->section, obj);
		}
		json_object_set_new(obj, row->cells[0], v ? v : json_string(""));
		return CND_OK;
	}
	if (!row->n_header) {
		cnd_scan_diag(p->s, CND_WARN, row->index,
			      "table row with no header row above it: skipped");
		return CND_OK;
	}
	obj = json_object();
	for (i = 0; i < row->n_cells && i < row->n_header; i++) {
		json_t *v = json_string(row->cells[i]);

		p->bytes += strlen(row->cells[i]) + strlen(row->header[i]);
		json_object_set_new(obj, row->header[i],
				    v ? v : json_string(""));
	}
	if (p->max && p->bytes > p->max) {
		json_decref(obj);
		p->over = 1;
		return CND_FATAL;
	}
	if (p->flat) {
		json_array_append_new(p->doc, obj);
		return CND_OK;
	}
	list = json_object_get(p->doc, row->section);
	if (!list) {
		list = json_array();
		json_object_set_new(p->doc, row->section, list);
	}
	json_array_append_new(list, obj);
	return CND_OK;
}

static long pull(void *ctx, void *buf, unsigned long n)
{
	return (long)cnd_scan_read(ctx, buf, n);
}

/* Build the page's document from r's rows, from a pull or a buffer. */
static json_t *tables(struct cnd_scan *s, int flat, const char *data,
		      size_t len)
{
	struct cnd_html_reader r;
	struct cnd_error err;
	struct page p;
	int ret;

	memset(&p, 0, sizeof(p));
	memset(&r, 0, sizeof(r));
	p.s = s;
	p.flat = flat;
	p.doc = flat ? json_array() : json_object();
	p.max = 64u << 20;
	r.row = on_row;
	r.ud = &p;
	cnd_error_clear(&err);
	ret = data ? cnd_html_read_buffer(data, len, &r, &err)
		   : cnd_html_read_pull(pull, s, &r, &err);
	if (ret == CND_FAILED && err.message[0])
		cnd_scan_diag(s, CND_FAILED, -1, "%s", err.message);
	if (p.over)
		cnd_scan_diag(s, CND_FAILED, -1,
			      "the page's tables hold over %zu bytes of text: the rest was not read",
			      p.max);
	if (!r.row_count && ret < CND_FAILED)
		cnd_scan_diag(s, CND_FAILED, -1,
			      "page holds no table row, so not the shape of Snapchat's pages: nothing in it could be read");
	return p.doc;
}

void sc_html_account(struct cnd_scan *s, const char *data, size_t len)
{
	json_t *doc = tables(s, 0, data ? data : "", len);

	if (json_object_size(doc))
		sc_account(s, doc, 0);
	json_decref(doc);
}

static int page(struct cnd_scan *s, int flat,
		int (*fn)(struct cnd_scan *, json_t *, long long))
{
	const char *member = cnd_scan_member(s), *slash;
	const char *twin;
	json_t *doc;
	size_t n = strlen(member);
	int ret;

	/* ".../html/friends.html" -> ".../json/friends.json" */
	slash = strrchr(member, '/');
	twin = slash && n > 5 ?
		       cnd_arena_printf(cnd_scan_scratch(s), "json%.*s.json",
					(int)(member + n - 5 - slash), slash) :
		       NULL;
	if (twin && cnd_scan_has_member(s, twin)) {
		cnd_scan_note(s,
			      "read from its JSON twin '%s' (the export holds both formats): this page is not read",
			      twin);
		return CND_OK;
	}
	doc = tables(s, flat, NULL, 0);
	ret = fn(s, doc, 0);
	json_decref(doc);
	return ret >= CND_FATAL ? CND_FATAL : CND_OK;
}

int sc_html_friends(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return page(s, 0, sc_friends);
}

int sc_html_chats(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return page(s, 0, sc_chats);
}

int sc_html_searches(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return page(s, 1, sc_searches);
}
