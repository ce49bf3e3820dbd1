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
 * as in the JSON. location_history.html's "Home & Work" table is rows of
 * <th> cells only (a label and the value), so it is read from the right
 * panel's blocks instead, into the JSON's "Home & Work" object. The
 * document is held whole, as the JSON reader holds the JSON file: within
 * the document limit.
 */
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/base/geo.h"
#include "conduct/base/timeutil.h"
#include "conduct/parse/html.h"
#include "snapchat.h"

struct page {
	struct cnd_scan *s;
	json_t *doc;	/* { section: [rows] }, or [rows] when flat */
	int flat;
	/* location pages: a row is an entry only when it holds a place */
	int geo_entries;
	long long rows, geo_rows;
	/* memories: each row handed to fn at once, not kept */
	int (*fn)(struct cnd_scan *, json_t *, long long);
	size_t bytes, max;
	int over;
	/* location page: its Home & Work table, as the JSON's object */
	json_t *home_work;
	long long hw_rows; /* labelled rows met, filled or not */
};

/*
 * A row of memories_history.html as the JSON's "Saved Media" element:
 * the cells under their headings, and, where the headings are missing or
 * in another language, "Date" and "Location" found by what the cells hold
 * (a time; "Latitude, Longitude: ..."). Handed over at once, not kept.
 */
static int memory_row(struct page *p, const struct cnd_html_row *row)
{
	json_t *obj = json_object();
	int64_t t;
	size_t i;
	int ret;

	for (i = 0; i < row->n_cells; i++) {
		const char *c = row->cells[i];
		double lat, lon;

		if (i < row->n_header && row->header[i][0]) {
			json_t *v = json_string(c);

			json_object_set_new(obj, row->header[i],
					    v ? v : json_string(""));
		}
		if (!json_object_get(obj, "Location") && c[0] &&
		    !cnd_geo_parse(c, &lat, &lon) && cnd_geo_valid(lat, lon))
			json_object_set_new(obj, "Location", json_string(c));
		else if (!json_object_get(obj, "Date") && c[0] &&
			 !cnd_time_parse_any(c, &t))
			json_object_set_new(obj, "Date", json_string(c));
	}
	ret = p->fn(p->s, obj, row->index);
	json_decref(obj);
	return ret >= CND_FATAL ? CND_FATAL : CND_OK;
}

/* 1 when a cell of row holds coordinates (0, 0, "unknown", is none). */
static int row_has_place(const struct cnd_html_row *row)
{
	double lat, lon;
	size_t i;

	for (i = 0; i < row->n_cells; i++)
		if (!cnd_geo_parse(row->cells[i], &lat, &lon) &&
		    cnd_geo_valid(lat, lon))
			return 1;
	return 0;
}

static int on_row(void *ud, const struct cnd_html_row *row)
{
	struct page *p = ud;
	json_t *obj, *list;
	size_t i;

	p->rows++;
	if (!p->geo_entries)
		cnd_scan_entry(p->s);
	else if (row_has_place(row)) {
		/* only a row with a place is an entry that could be lost */
		p->geo_rows++;
		cnd_scan_entry(p->s);
	}
	if (p->fn)
		return memory_row(p, row);
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

/*
 * The rows of location_history.html's "Home & Work" table, which are all
 * <th> cells (so no data row of the table reader): a label cell and the
 * value, as in a real 2020 page ("Home:", "Work:", with a value
 * "lat 24.553 ± 17.89 meters, long ...") and a real 2024 one ("Inferred
 * Home:", "Inferred Work:", "Declared Home:", "Declared Work:", values
 * left empty). Each label goes to the key the JSON's "Home & Work" object
 * uses; the 2020 page says its home and work are guesses, so inferred.
 */
static const struct {
	const char *label;
	const char *key;
} hw_labels[] = {
	{ "Inferred Home", "inferredHome" },
	{ "Inferred Work", "inferredWork" },
	{ "Declared Home", "userProvidedHome" },
	{ "Declared Work", "userProvidedWork" },
	{ "Home", "inferredHome" },
	{ "Work", "inferredWork" },
};

static const char *hw_key(const char *label)
{
	size_t i, n = strlen(label);

	while (n && (label[n - 1] == ':' || label[n - 1] == ' '))
		n--;
	for (i = 0; i < sizeof(hw_labels) / sizeof(hw_labels[0]); i++)
		if (strlen(hw_labels[i].label) == n &&
		    !strncasecmp(label, hw_labels[i].label, n))
			return hw_labels[i].key;
	return NULL;
}

/* An entry block of the location page: its Home & Work rows, if any. */
static int hw_entry(void *ud, const struct cnd_html_entry *e)
{
	struct page *p = ud;
	size_t i;

	for (i = 0; i < e->n_fields; i++) {
		const char *key = hw_key(e->fields[i].label);
		const char *v = e->fields[i].value;
		double lat, lon;

		if (!key)
			continue;
		p->hw_rows++;
		if (!v[0] || json_object_get(p->home_work, key))
			continue; /* left empty (no such place) */
		if (cnd_geo_parse(v, &lat, &lon) || !cnd_geo_valid(lat, lon)) {
			cnd_scan_diag(p->s, CND_WARN, -1,
				      "Home & Work row '%s' holds no coordinates: skipped",
				      e->fields[i].label);
			continue;
		}
		cnd_scan_entry(p->s);
		json_object_set_new(p->home_work, key, json_string(v));
	}
	return CND_OK;
}

static long pull(void *ctx, void *buf, unsigned long n)
{
	return (long)cnd_scan_read(ctx, buf, n);
}

/*
 * Read the page's rows into p (its mode set by the caller), from a pull or
 * a buffer. Returns the document (p->doc), or NULL when the page holds no
 * table row at all (said here, unless quiet).
 */
static json_t *tables(struct cnd_scan *s, struct page *p, const char *data,
		      size_t len, int quiet)
{
	struct cnd_html_reader r;
	struct cnd_error err;
	int ret;

	memset(&r, 0, sizeof(r));
	p->s = s;
	p->doc = p->flat ? json_array() : json_object();
	p->max = 64u << 20;
	r.row = on_row;
	r.ud = p;
	if (p->home_work) {
		/* the right panel's blocks too: the Home & Work table */
		r.fn = hw_entry;
		r.main_class = "rightpanel";
	}
	cnd_error_clear(&err);
	ret = data ? cnd_html_read_buffer(data, len, &r, &err)
		   : cnd_html_read_pull(pull, s, &r, &err);
	if (ret == CND_FAILED && err.message[0])
		cnd_scan_diag(s, CND_FAILED, -1, "%s", err.message);
	if (p->over)
		cnd_scan_diag(s, CND_FAILED, -1,
			      "the page's tables hold over %zu bytes of text: the rest was not read",
			      p->max);
	if (!r.row_count && ret < CND_FAILED && !quiet)
		cnd_scan_diag(s, CND_FAILED, -1,
			      "page holds no table row, so not the shape of Snapchat's pages: nothing in it could be read");
	if (!r.row_count) {
		json_decref(p->doc);
		p->doc = NULL;
	}
	return p->doc;
}

void sc_html_account(struct cnd_scan *s, const char *data, size_t len)
{
	struct page p;
	json_t *doc;

	memset(&p, 0, sizeof(p));
	doc = tables(s, &p, data ? data : "", len, 0);
	if (json_object_size(doc))
		sc_account(s, doc, 0);
	json_decref(doc);
}

/* 1 when the page's json/ twin is in the archive: then it is not read. */
static int has_twin(struct cnd_scan *s)
{
	const char *member = cnd_scan_member(s), *slash;
	const char *twin;
	size_t n = strlen(member);

	/* ".../html/friends.html" -> ".../json/friends.json" */
	slash = strrchr(member, '/');
	twin = slash && n > 5 ?
		       cnd_arena_printf(cnd_scan_scratch(s), "json%.*s.json",
					(int)(member + n - 5 - slash), slash) :
		       NULL;
	if (!twin || !cnd_scan_has_member(s, twin))
		return 0;
	cnd_scan_note(s,
		      "read from its JSON twin '%s' (the export holds both formats): this page is not read",
		      twin);
	return 1;
}

static int page(struct cnd_scan *s, int flat,
		int (*fn)(struct cnd_scan *, json_t *, long long))
{
	struct page p;
	json_t *doc;
	int ret = CND_OK;

	if (has_twin(s))
		return CND_OK;
	memset(&p, 0, sizeof(p));
	p.flat = flat;
	doc = tables(s, &p, NULL, 0, 0);
	if (doc)
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

/*
 * html/chat_history.html: the chats as tables under each peer's heading;
 * in the 2024+ layout only an index of links to html/chat_history/ pages
 * (one per chat, see sc_html_chat_page), which is no loss of its own.
 */
int sc_html_chats(struct cnd_scan *s, const char *data, size_t len)
{
	struct page p;
	json_t *doc;
	int ret = CND_OK, pages;

	(void)data;
	(void)len;
	if (has_twin(s))
		return CND_OK;
	pages = cnd_scan_has_member(s, "html/chat_history/*.html");
	memset(&p, 0, sizeof(p));
	doc = tables(s, &p, NULL, 0, pages);
	if (doc)
		ret = sc_chats(s, doc, 0);
	else if (pages)
		cnd_scan_note(s,
			      "an index of chats whose messages are on html/chat_history/ pages, one per chat");
	json_decref(doc);
	return ret >= CND_FATAL ? CND_FATAL : CND_OK;
}

/*
 * html/chat_history/subpage_<peer>.html (2024+): one page per chat, under
 * its <h1> "Chat History with <peer>"; each message is a block of the
 * page's right panel (div.rightpanel: the page has no role="main"), told
 * apart by structure: the sender in an <h4> (after a "Saved" button when
 * the message was saved), the kind of message (TEXT, NOTE, SHARE, MEDIA,
 * STATUS...) in a <div> of its own, the text in <p>s and the time in an
 * <h6> ("2024-08-21 01:16:48 UTC"). Shape: a real export's pages (see the
 * NOTES of fixtures/snapchat/html-2024-chat-pages). Each message goes,
 * as its JSON twin's element would, to snapchat.c's sc_chat_line; entries
 * are handed over one at a time, never the page whole.
 */
struct chat_page {
	struct cnd_scan *s;
	const char *peer;     /* from the file name, else the <h1> */
	long long messages;   /* blocks that held a message */
	long long item;
	int ret;
};

/* A kind of message as the page writes it: a word in capitals. */
static int is_kind(const char *t)
{
	size_t n = 0;

	for (; t[n]; n++)
		if (!((t[n] >= 'A' && t[n] <= 'Z') || t[n] == '_'))
			return 0;
	return n >= 3 && n <= 24;
}

static int chat_entry(void *ud, const struct cnd_html_entry *e)
{
	struct chat_page *c = ud;
	struct cnd_scan *s = c->s;
	const struct sc_state *st = cnd_scan_state(s);
	const char *from = NULL, *kind = NULL, *when = NULL;
	struct cnd_buf text = CND_BUF_INIT;
	json_t *m;
	size_t i;
	int out;

	/* the page's heading: "Chat History with <peer>" (its own block) */
	if (!c->peer && e->header &&
	    !strncmp(e->header, "Chat History with ", 18) && e->header[18])
		c->peer = cnd_arena_strdup(cnd_scan_arena(s), e->header + 18);
	for (i = 0; i < e->n_lines; i++) {
		const char *tag = e->line_tags[i], *t = e->lines[i];

		if (!strcmp(tag, "h4") && !from)
			from = t;
		else if (!strcmp(tag, "h6"))
			when = t;
		else if (!strcmp(tag, "p")) {
			if (text.len)
				cnd_buf_addc(&text, '\n');
			cnd_buf_adds(&text, t);
		} else if (from && !kind && is_kind(t))
			kind = t;
	}
	if (!from || !when) {
		cnd_buf_release(&text);
		return CND_OK; /* the page's heading, not a message */
	}
	c->messages++;
	cnd_scan_entry(s);
	m = json_object();
	json_object_set_new(m, "From", json_string(from));
	json_object_set_new(m, "Created", json_string(when));
	if (kind)
		json_object_set_new(m, "Media Type", json_string(kind));
	if (text.len)
		json_object_set_new(m, "Content",
				    json_stringn(text.data, text.len));
	/* sent by the subject: their username, or (unknown) not the peer */
	out = st->username ? !strcmp(from, st->username) :
			     c->peer && strcmp(from, c->peer) != 0;
	c->ret = sc_chat_line(s, c->peer, m, out, out ? c->peer : from,
			      c->item++);
	json_decref(m);
	cnd_buf_release(&text);
	return c->ret >= CND_FATAL ? CND_FATAL : CND_OK;
}

int sc_html_chat_page(struct cnd_scan *s, const char *data, size_t len)
{
	const char *member = cnd_scan_member(s), *base, *dot;
	struct cnd_html_reader r;
	struct chat_page c;
	struct cnd_error err;
	int ret;

	if (cnd_scan_has_member(s, "json/chat_history.json")) {
		cnd_scan_note(s,
			      "read from its JSON twin 'json/chat_history.json' (the export holds both formats): this page is not read");
		return CND_OK;
	}
	memset(&c, 0, sizeof(c));
	c.s = s;
	/* the peer, as the file is named: subpage_<peer>.html */
	base = strrchr(member, '/');
	base = base ? base + 1 : member;
	dot = strrchr(base, '.');
	if (!strncmp(base, "subpage_", 8) && dot && dot > base + 8)
		c.peer = cnd_arena_strndup(cnd_scan_arena(s), base + 8,
					   (size_t)(dot - base - 8));
	memset(&r, 0, sizeof(r));
	r.fn = chat_entry;
	r.main_class = "rightpanel";
	r.ud = &c;
	cnd_error_clear(&err);
	ret = data ? cnd_html_read_buffer(data, len, &r, &err)
		   : cnd_html_read_pull(pull, s, &r, &err);
	if (ret == CND_FAILED && err.message[0])
		cnd_scan_diag(s, CND_FAILED, -1, "%s", err.message);
	if (!c.messages && r.entries > 1)
		cnd_scan_diag(s, CND_FAILED, -1,
			      "chat page holds %lld blocks but no message in the known shape (a sender in <h4>, a time in <h6>): its chat cannot be reviewed",
			      r.entries);
	else if (!c.messages && ret < CND_FAILED)
		cnd_scan_note(s, "chat page holds no message");
	return c.ret >= CND_FATAL || ret >= CND_FATAL ? CND_FATAL : CND_OK;
}

int sc_html_searches(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return page(s, 1, sc_searches);
}

/*
 * The location pages: a row is an entry only when it holds coordinates
 * (the cities of "Frequent Locations" and "Areas you may have visited"
 * hold none, here as in the JSON), and a page with rows but no
 * coordinates at all says so. fn reads the document, or is NULL for
 * memories, whose rows go one by one to sc_memory().
 */
static int geo_page(struct cnd_scan *s, int flat,
		    int (*fn)(struct cnd_scan *, json_t *, long long),
		    const char *none, int home_work)
{
	struct sc_state *st = cnd_scan_state(s);
	struct page p;
	json_t *doc;
	size_t places;
	int ret = CND_OK;

	if (has_twin(s))
		return CND_OK;
	memset(&p, 0, sizeof(p));
	p.flat = flat;
	p.geo_entries = 1;
	p.fn = fn ? NULL : sc_memory;
	if (home_work)
		p.home_work = json_object();
	doc = tables(s, &p, NULL, 0, 0);
	if (p.hw_rows)
		st->html_home_work = 1;
	places = json_object_size(p.home_work);
	if (doc && places)
		/* read by sc_locations as the JSON's own "Home & Work" */
		json_object_set(doc, "Home & Work", p.home_work);
	json_decref(p.home_work);
	if (doc && fn)
		ret = fn(s, doc, 0);
	if (doc && !p.geo_rows && !places && none)
		cnd_scan_note(s, "%lld table row%s but %s", p.rows,
			      p.rows == 1 ? "" : "s", none);
	json_decref(doc);
	return ret >= CND_FATAL ? CND_FATAL : CND_OK;
}

int sc_html_locations(struct cnd_scan *s, const char *data, size_t len)
{
	struct sc_state *st = cnd_scan_state(s);

	(void)data;
	(void)len;
	if (!cnd_scan_has_member(s, "json/location_history.json"))
		st->html_locations = 1;
	return geo_page(s, 0, sc_locations,
			"no coordinates (only cities, or location sharing was off): no location records",
			1);
}

int sc_html_memories(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return geo_page(s, 1, NULL,
			"no memory with a location: no location records", 0);
}

int sc_html_map_places(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return geo_page(s, 0, sc_map_places, NULL, 0); /* it says */
}
