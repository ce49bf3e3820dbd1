/*
 * The HTML page reader (html.h): libxml2's HTML push parser, fed the
 * member's bytes as libarchive streams them, with SAX callbacks that keep
 * only the entry block being read. An entry block is a direct child of the
 * element with role="main" (or the reader's main_class); inside it, block
 * elements (div, p, td, li, headings, br) end a text line (which knows its
 * innermost one), <a href> a link, img/video/audio/source src a media path,
 * and a table row of two or more lines a field. When the block closes, its
 * direct children are sorted into header, date and content (by tag and class
 * hints, then by shape: a short last child of plain text is the date), the
 * entry is handed over and its memory dropped. With a row callback, every
 * table row of the page is handed over too, with the table's header cells
 * and the heading above it (pages that are tables, such as Snapchat's).
 * Before bytes reach libxml2 a small guard measures each tag and comment, so
 * a 100 MB attribute is refused before libxml2 would buffer it (html_feed.c);
 * element depth is capped in the callbacks. No DOM is built.
 */
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "conduct/base/arena.h"
#include "conduct/parse/html.h"
#include "conduct/input/input.h"

#include "html_state.h"

#define HTML_CHUNK 65536

static pthread_once_t html_once = PTHREAD_ONCE_INIT;

static void html_init(void)
{
	xmlInitParser();
}

int html_fail(struct html_state *h, const char *msg)
{
	cnd_error_set(h->err, CND_FAILED, "%s", msg);
	h->status = cnd_status_worst(h->status, CND_FAILED);
	h->stopped = 1;
	if (h->ctx)
		xmlStopParser(h->ctx);
	return -1;
}

static void problem(struct html_state *h, const char *msg)
{
	h->status = cnd_status_worst(h->status, CND_WARN);
	if (h->r->problem)
		h->r->problem(h->r->ud, CND_WARN, msg);
}

static int keep(struct html_state *h, size_t n)
{
	if (h->truncated)
		return 0;
	if (h->bytes + n > h->r->entry_max) {
		char msg[120];

		h->truncated = 1;
		snprintf(msg, sizeof(msg),
			 "entry %lld is over %zu bytes: the rest of its text was cut",
			 h->r->entries, h->r->entry_max);
		problem(h, msg);
		return 0;
	}
	h->bytes += n;
	return 1;
}

static const unsigned char space[256] = { [' '] = 1, ['\t'] = 1,
					  ['\n'] = 1, ['\r'] = 1,
					  ['\f'] = 1 };

/*
 * Append text with white space collapsed; a line never starts with one.
 * The room is made once (the text can only shrink), then bytes are copied.
 */
static void add_text(struct cnd_buf *b, const unsigned char *p, size_t n)
{
	size_t i;
	char *o;

	cnd_buf_grow(b, n);
	o = b->data + b->len;
	for (i = 0; i < n; i++) {
		if (!space[p[i]])
			*o++ = (char)p[i];
		else if (o > b->data && o[-1] != ' ')
			*o++ = ' ';
	}
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
}

static char *trimmed(struct cnd_arena *a, struct cnd_buf *b)
{
	size_t n = b->len;

	while (n && b->data[n - 1] == ' ')
		n--;
	return cnd_arena_strndup(a, b->data ? b->data : "", n);
}

static void flush_line(struct html_state *h)
{
	struct line *l;
	char *t;

	if (!h->block || !h->line.len)
		return;
	t = trimmed(&h->arena, &h->line);
	cnd_buf_reset(&h->line);
	if (!*t)
		return;
	l = cnd_vec_push(&h->lines);
	l->text = t;
	l->len = strlen(t);
	l->child = h->cur_child;
	l->tag = h->n_tags ? h->tag_name[h->n_tags - 1] : "";
}

static const char *in_list(const char *n, const char *const *tags)
{
	size_t i;

	for (i = 0; tags[i]; i++)
		if (!strcmp(n, tags[i]))
			return tags[i];
	return NULL;
}

/* Block-level elements end a text line: its name (static), or NULL. */
static const char *is_break(const char *n)
{
	static const char *const a[] = { "article", NULL };
	static const char *const b[] = { "br", "blockquote", NULL };
	static const char *const d[] = { "div", "dt", "dd", NULL };
	static const char *const f[] = { "footer", NULL };
	static const char *const h[] = { "h1", "h2", "h3", "h4", "h5", "h6",
					 "header", "hr", NULL };
	static const char *const l[] = { "li", NULL };
	static const char *const m[] = { "main", NULL };
	static const char *const o[] = { "ol", NULL };
	static const char *const p[] = { "p", "pre", NULL };
	static const char *const s[] = { "section", NULL };
	static const char *const t[] = { "td", "th", "tr", "table", "tbody",
					 "thead", NULL };
	static const char *const u[] = { "ul", NULL };

	switch (n[0]) {
	case 'a': return in_list(n, a);
	case 'b': return in_list(n, b);
	case 'd': return in_list(n, d);
	case 'f': return in_list(n, f);
	case 'h': return in_list(n, h);
	case 'l': return in_list(n, l);
	case 'm': return in_list(n, m);
	case 'o': return in_list(n, o);
	case 'p': return in_list(n, p);
	case 's': return in_list(n, s);
	case 't': return in_list(n, t);
	case 'u': return in_list(n, u);
	default: return NULL;
	}
}

/* What on_start does with an element, found with one look at its name. */
enum { K_SKIP = 1, K_TITLE = 2, K_A = 4, K_MEDIA = 8, K_TR = 16 };

static unsigned tag_kind(const char *n)
{
	switch (n[0]) {
	case 'a':
		return !n[1] ? K_A : !strcmp(n, "audio") ? K_MEDIA : 0;
	case 'i':
		return !strcmp(n, "img") ? K_MEDIA : 0;
	case 'n':
		return !strcmp(n, "noscript") ? K_SKIP : 0;
	case 's':
		return !strcmp(n, "script") || !strcmp(n, "style") ? K_SKIP
		       : !strcmp(n, "source")			   ? K_MEDIA
								   : 0;
	case 't':
		return !strcmp(n, "template") ? K_SKIP
		       : !strcmp(n, "title")  ? K_TITLE
		       : !strcmp(n, "tr")     ? K_TR
					      : 0;
	case 'v':
		return !strcmp(n, "video") ? K_MEDIA : 0;
	default:
		return 0;
	}
}

static int is_heading(const char *n)
{
	return n[0] == 'h' && n[1] >= '1' && n[1] <= '6' && !n[2];
}

/* 1 when the class list holds one of the tokens (space separated). */
static int has_class(const char *cls, const char *const *tokens)
{
	size_t i, n;
	const char *p = cls;

	while (p && *p) {
		while (*p == ' ' || *p == '\t')
			p++;
		for (n = 0; p[n] && p[n] != ' ' && p[n] != '\t'; n++)
			;
		for (i = 0; n && tokens[i]; i++)
			if (tokens[i][0] == p[0] && !strncmp(p, tokens[i], n) &&
			    !tokens[i][n])
				return 1;
		p += n;
	}
	return 0;
}

/* Class names seen on Meta's pages (hints only: they change). */
static const char *const header_hints[] = { "_a6-h", "_2lel", "_2pim",
					    NULL };
static const char *const date_hints[] = { "_3-94", "_a6-o", "_2lem", "_a72d",
					  NULL };

static const char *attr(const xmlChar **atts, const char *name)
{
	size_t i;

	for (i = 0; atts && atts[i]; i += 2)
		if (!strcasecmp((const char *)atts[i], name))
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

static void reset_entry(struct html_state *h)
{
	cnd_arena_reset(&h->arena);
	cnd_buf_reset(&h->line);
	cnd_buf_reset(&h->ltext);
	h->lines.len = h->children.len = h->links.len = 0;
	h->media.len = h->fields.len = 0;
	h->cur_child = -1;
	h->n_tags = 0;
	h->bytes = 0;
	h->truncated = 0;
	h->link = h->tr = 0;
}

/* The lines of one child (or of all but header and date), joined by sep. */
static char *join(struct html_state *h, int want_child, char sep, int other,
		  int header, int date)
{
	struct line *lines = h->lines.items;
	size_t i, len = 0;
	char *out, *o;

	for (i = 0; i < h->lines.len; i++)
		if (other ? (lines[i].child != header && lines[i].child != date)
			  : lines[i].child == want_child)
			len += (len ? 1 : 0) + lines[i].len;
	if (!len)
		return NULL;
	o = out = cnd_arena_alloc(&h->arena, len + 1);
	for (i = 0; i < h->lines.len; i++) {
		if (!(other ? (lines[i].child != header &&
			       lines[i].child != date)
			    : lines[i].child == want_child))
			continue;
		if (o > out)
			*o++ = sep;
		memcpy(o, lines[i].text, lines[i].len);
		o += lines[i].len;
	}
	*o = '\0';
	return out;
}

/* The block closed: sort its children, hand the entry over. */
static void finish_entry(struct html_state *h)
{
	struct cnd_html_entry e;
	int header = -2, date = -2, nchild = (int)h->children.len, i;
	const char **lines, **tags;
	size_t n = 0, k;

	flush_line(h);
	memset(&e, 0, sizeof(e));
	for (i = 0; i < nchild; i++) {
		struct child *c = cnd_vec_at(&h->children, (size_t)i);

		if (c->header && header == -2)
			header = i;
		else if (c->date && date == -2)
			date = i;
	}
	if (date == -2 && nchild >= 2 && nchild - 1 != header) {
		/* the shape of a date line: one short line, no link or media */
		struct child *c = cnd_vec_at(&h->children, (size_t)nchild - 1);
		size_t count = 0;
		const char *t = NULL;

		for (k = 0; k < h->lines.len; k++) {
			struct line *l = cnd_vec_at(&h->lines, k);

			if (l->child == nchild - 1) {
				count++;
				t = l->text;
			}
		}
		if (!c->rich && count == 1 && strlen(t) <= 64 &&
		    strpbrk(t, "0123456789"))
			date = nchild - 1;
	}
	e.index = h->r->entries;
	e.header = header >= 0 ? join(h, header, ' ', 0, 0, 0) : NULL;
	e.date = date >= 0 ? join(h, date, ' ', 0, 0, 0) : NULL;
	e.text = join(h, 0, '\n', 1, header, date);
	lines = cnd_arena_alloc(&h->arena, (h->lines.len + 1) * sizeof(*lines));
	tags = cnd_arena_alloc(&h->arena, (h->lines.len + 1) * sizeof(*tags));
	for (k = 0; k < h->lines.len; k++) {
		struct line *l = cnd_vec_at(&h->lines, k);

		if (l->child != header && l->child != date) {
			tags[n] = l->tag;
			lines[n++] = l->text;
		}
	}
	e.lines = lines;
	e.line_tags = tags;
	e.n_lines = n;
	e.links = h->links.items;
	e.n_links = h->links.len;
	e.media = h->media.items;
	e.n_media = h->media.len;
	e.fields = h->fields.items;
	e.n_fields = h->fields.len;
	e.truncated = h->truncated ? 1 : 0;
	h->r->entries++;
	if (h->r->fn && h->r->fn(h->r->ud, &e) >= CND_FATAL) {
		h->status = CND_FATAL;
		h->stopped = 1;
		xmlStopParser(h->ctx);
	}
	reset_entry(h);
}

/* --- Table rows (r->row) --- */

static void row_start(struct html_state *h, const char *name)
{
	if (is_heading(name) && !h->t_tr) {
		h->t_head = h->depth;
		h->t_bytes = 0;
		cnd_buf_reset(&h->t_text);
	} else if (!strcmp(name, "table")) {
		h->t_header.len = 0;
	} else if (!strcmp(name, "tr")) {
		h->t_tr = h->depth;
		h->t_all_th = 1;
		h->t_cells.len = 0;
		h->t_bytes = 0;
		cnd_arena_reset(&h->t_arena);
	} else if (h->t_tr && (!strcmp(name, "td") || !strcmp(name, "th"))) {
		h->t_cell = h->depth;
		h->t_all_th &= name[1] == 'h';
		cnd_buf_reset(&h->t_text);
	} else if (h->t_cell && !strcmp(name, "br")) {
		cnd_buf_addc(&h->t_text, ' ');
	}
}

static void row_end(struct html_state *h)
{
	struct cnd_html_row row;
	size_t i;

	if (h->t_cell && h->depth == h->t_cell) {
		*(char **)cnd_vec_push(&h->t_cells) =
			trimmed(&h->t_arena, &h->t_text);
		h->t_cell = 0;
	} else if (h->t_head && h->depth == h->t_head) {
		snprintf(h->t_section, sizeof(h->t_section), "%s",
			 trimmed(&h->t_arena, &h->t_text));
		h->t_head = 0;
	} else if (h->t_tr && h->depth == h->t_tr) {
		h->t_tr = 0;
		if (!h->t_cells.len)
			return;
		h->r->row_count++;
		if (h->t_all_th) {
			h->t_header.len = 0;
			cnd_arena_reset(&h->t_keep);
			for (i = 0; i < h->t_cells.len; i++)
				*(char **)cnd_vec_push(&h->t_header) =
					cnd_arena_strdup(
						&h->t_keep,
						*(char **)cnd_vec_at(&h->t_cells,
								     i));
			return;
		}
		memset(&row, 0, sizeof(row));
		row.index = h->t_rows++;
		row.section = h->t_section;
		row.cells = h->t_cells.items;
		row.n_cells = h->t_cells.len;
		row.header = h->t_header.items;
		row.n_header = h->t_header.len;
		if (h->r->row(h->r->ud, &row) >= CND_FATAL) {
			h->status = CND_FATAL;
			h->stopped = 1;
			xmlStopParser(h->ctx);
		}
	}
}

/*
 * The first entry block's start tag as written, for html_split.c to find
 * where the next entries begin: libxml2 calls on_start with the tag read
 * up to its '>', so it is the bytes back from there to its '<'.
 */
static void keep_sig(struct html_state *h)
{
	const xmlChar *cur = h->ctx->input->cur, *base = h->ctx->input->base;
	const xmlChar *p = cur;

	h->want_sig = 0;
	if (!cur || !base || cur >= h->ctx->input->end || *cur != '>')
		return;
	while (p > base && cur - p < 4096 && *p != '<')
		p--;
	if (*p == '<' && cur - p >= 4)
		cnd_buf_add(&h->sig, p, (size_t)(cur - p) + 1);
}

static void on_start(void *ud, const xmlChar *xname, const xmlChar **atts)
{
	struct html_state *h = ud;
	const char *name = (const char *)xname, *v, *cls;
	unsigned kind;

	if (h->stopped || h->quiet)
		return;
	h->depth++;
	if (h->depth > h->r->depth_max) {
		char msg[120];

		snprintf(msg, sizeof(msg),
			 "elements nested deeper than %u at byte %llu: the rest of the page was not read",
			 h->r->depth_max, h->offset);
		html_fail(h, msg);
		return;
	}
	if (h->skip)
		return;
	kind = tag_kind(name);
	if (kind & K_SKIP) {
		h->skip = h->depth;
		return;
	}
	if ((kind & K_TITLE) && !h->block) {
		h->title = h->depth;
		return;
	}
	if (h->r->row)
		row_start(h, name);
	if (!h->main) {
		const char *hint[2] = { h->r->main_class, NULL };

		v = attr(atts, "role");
		if ((v && !strcasecmp(v, "main")) ||
		    (hint[0] && has_class(attr(atts, "class"), hint))) {
			h->main = h->depth;
			h->r->has_main = 1;
		}
		return;
	}
	if (!h->block) {
		if (h->depth == h->main + 1) {
			h->block = h->depth;
			reset_entry(h);
			if (h->want_sig)
				keep_sig(h);
		}
		return;
	}
	if ((v = is_break(name))) {
		flush_line(h);
		if (h->n_tags < TAGS_MAX) {
			h->tag_name[h->n_tags] = v;
			h->tag_depth[h->n_tags++] = h->depth;
		}
	}
	if (h->depth == h->block + 1) {
		struct child *c = cnd_vec_push(&h->children);

		cls = attr(atts, "class");

		h->cur_child = (int)h->children.len - 1;
		c->header = is_heading(name) || has_class(cls, header_hints);
		c->date = !c->header && has_class(cls, date_hints);
	}
	if ((kind & K_A) && (v = attr(atts, "href")) && !h->link) {
		if (keep(h, strlen(v))) {
			struct cnd_html_link *l = cnd_vec_push(&h->links);

			l->href = cnd_arena_strdup(&h->arena, v);
			l->text = "";
			h->link = h->depth;
			cnd_buf_reset(&h->ltext);
		}
		if (h->cur_child >= 0)
			((struct child *)cnd_vec_at(&h->children,
						    (size_t)h->cur_child))
				->rich = 1;
	}
	if ((kind & K_MEDIA) && (v = attr(atts, "src")) && *v) {
		if (keep(h, strlen(v)))
			*(char **)cnd_vec_push(&h->media) =
				cnd_arena_strdup(&h->arena, v);
		if (h->cur_child >= 0)
			((struct child *)cnd_vec_at(&h->children,
						    (size_t)h->cur_child))
				->rich = 1;
	}
	if ((kind & K_TR) && !h->tr) {
		h->tr = h->depth;
		h->tr_first = h->lines.len;
	}
}

static void end_row(struct html_state *h)
{
	struct cnd_html_field *f;
	struct cnd_buf b = CND_BUF_INIT;
	size_t i;

	flush_line(h);
	if (h->lines.len - h->tr_first >= 2) {
		f = cnd_vec_push(&h->fields);
		f->label = ((struct line *)cnd_vec_at(&h->lines, h->tr_first))
				   ->text;
		for (i = h->tr_first + 1; i < h->lines.len; i++) {
			if (b.len)
				cnd_buf_addc(&b, ' ');
			cnd_buf_adds(&b, ((struct line *)cnd_vec_at(&h->lines,
								    i))->text);
		}
		f->value = cnd_arena_strndup(&h->arena, b.data, b.len);
	}
	cnd_buf_release(&b);
	h->tr = 0;
}

static void on_end(void *ud, const xmlChar *xname)
{
	struct html_state *h = ud;
	const char *name = (const char *)xname;

	if (h->stopped || h->quiet || !h->depth)
		return;
	if (h->skip) {
		if (h->depth == h->skip)
			h->skip = 0;
		h->depth--;
		return;
	}
	if (h->title && h->depth == h->title)
		h->title = 0;
	if (h->r->row)
		row_end(h);
	if (h->block) {
		if (h->link && h->depth == h->link) {
			struct cnd_html_link *l =
				cnd_vec_at(&h->links, h->links.len - 1);

			l->text = trimmed(&h->arena, &h->ltext);
			h->link = 0;
		}
		if (h->tr && h->depth == h->tr)
			end_row(h);
		if (h->depth == h->block) {
			finish_entry(h);
			h->block = 0;
		} else if (is_break(name)) {
			flush_line(h);
			if (h->n_tags &&
			    h->tag_depth[h->n_tags - 1] == h->depth)
				h->n_tags--;
		}
	}
	if (h->main && h->depth == h->main)
		h->main = 0;
	h->depth--;
}

static void on_text(void *ud, const xmlChar *ch, int len)
{
	struct html_state *h = ud;

	if (h->stopped || h->quiet || h->skip || len <= 0)
		return;
	if (h->title) {
		size_t have = strlen(h->r->title), n = (size_t)len;

		if (have + n >= sizeof(h->r->title))
			n = sizeof(h->r->title) - 1 - have;
		memcpy(h->r->title + have, ch, n);
		h->r->title[have + n] = '\0';
		return;
	}
	if ((h->t_cell || h->t_head) && h->t_bytes + (size_t)len <=
						 h->r->entry_max) {
		h->t_bytes += (size_t)len;
		add_text(&h->t_text, ch, (size_t)len);
	}
	if (!h->block || !keep(h, (size_t)len))
		return;
	add_text(&h->line, ch, (size_t)len);
	if (h->link)
		add_text(&h->ltext, ch, (size_t)len);
}

static void on_cdata(void *ud, const xmlChar *ch, int len)
{
	(void)ud;
	(void)ch;
	(void)len; /* script and style bodies */
}

static void on_error(void *ud, xmlErrorPtr e)
{
	struct html_state *h = ud;

	if (!e || e->level < XML_ERR_ERROR || e->code == XML_HTML_UNKNOWN_TAG)
		return; /* an element HTML 4 lacks (svg) is no damage */
	if (!h->n_errors++) {
		size_t n;

		snprintf(h->first_error, sizeof(h->first_error),
			 "line %d: %s", e->line, e->message ? e->message : "");
		n = strlen(h->first_error);
		while (n && (h->first_error[n - 1] == '\n' ||
			     h->first_error[n - 1] == ' '))
			h->first_error[--n] = '\0';
	}
}

/*
 * libxml2 reports bytes it cannot decode in the charset a page declares
 * (and a few other input errors) on its generic error channel, which
 * would print them on stderr: noted, and reported as a problem of the
 * page instead. The channel is the thread's own (libxml2 keeps it per
 * thread), set for the page being read.
 */
static void on_generic(void *ud, const char *msg, ...)
{
	struct html_state *h = ud;

	(void)msg;
	if (h)
		h->undecodable = 1;
}

int html_begin(struct html_state *h, struct cnd_html_reader *r,
	       struct cnd_error *err)
{
	htmlSAXHandler sax;

	pthread_once(&html_once, html_init);
	memset(h, 0, sizeof(*h));
	if (!r->entry_max)
		r->entry_max = 1024 * 1024;
	if (!r->tag_max)
		r->tag_max = 4 * 1024 * 1024;
	if (!r->depth_max)
		r->depth_max = 256;
	r->title[0] = '\0';
	r->entries = 0;
	r->row_count = 0;
	r->has_main = 0;
	h->r = r;
	h->err = err;
	h->cur_child = -1;
	cnd_arena_init(&h->arena);
	cnd_vec_init(&h->lines, sizeof(struct line));
	cnd_vec_init(&h->children, sizeof(struct child));
	cnd_vec_init(&h->links, sizeof(struct cnd_html_link));
	cnd_vec_init(&h->media, sizeof(char *));
	cnd_vec_init(&h->fields, sizeof(struct cnd_html_field));
	cnd_arena_init(&h->t_arena);
	cnd_arena_init(&h->t_keep);
	cnd_vec_init(&h->t_cells, sizeof(char *));
	cnd_vec_init(&h->t_header, sizeof(char *));
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_cdata;
	sax.serror = on_error;
	sax.initialized = XML_SAX2_MAGIC;
	xmlSetGenericErrorFunc(h, on_generic);
	h->ctx = htmlCreatePushParserCtxt(&sax, h, NULL, 0, NULL,
					  XML_CHAR_ENCODING_UTF8);
	if (!h->ctx)
		return cnd_error_set(err, CND_FAILED,
				     "cannot start the HTML parser"),
		       -1;
	htmlCtxtUseOptions(h->ctx, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
					   HTML_PARSE_NOWARNING);
	return 0;
}

int html_end(struct html_state *h)
{
	int status = h->status;

	if (h->n_errors && status < CND_FAILED) {
		char msg[260];

		snprintf(msg, sizeof(msg),
			 "page has broken markup (%lu problem%s, first at %s): read as far as it goes",
			 h->n_errors, h->n_errors == 1 ? "" : "s",
			 h->first_error);
		problem(h, msg);
		status = cnd_status_worst(status, CND_WARN);
	}
	if (h->undecodable && status < CND_FAILED) {
		problem(h, "part of the page could not be decoded in the charset it declares: read as far as it goes");
		status = cnd_status_worst(status, CND_WARN);
	}
	if (h->ctx) {
		if (h->ctx->myDoc)
			xmlFreeDoc(h->ctx->myDoc);
		htmlFreeParserCtxt(h->ctx);
	}
	cnd_arena_release(&h->arena);
	cnd_buf_release(&h->line);
	cnd_buf_release(&h->ltext);
	cnd_buf_release(&h->hold);
	cnd_buf_release(&h->sig);
	cnd_vec_release(&h->lines);
	cnd_vec_release(&h->children);
	cnd_vec_release(&h->links);
	cnd_vec_release(&h->media);
	cnd_vec_release(&h->fields);
	cnd_arena_release(&h->t_arena);
	cnd_arena_release(&h->t_keep);
	cnd_buf_release(&h->t_text);
	cnd_vec_release(&h->t_cells);
	cnd_vec_release(&h->t_header);
	xmlSetGenericErrorFunc(NULL, NULL);
	return cnd_status_worst(status, h->status);
}

int cnd_html_read(struct cnd_member *m, struct cnd_html_reader *r,
		  struct cnd_error *err)
{
	struct html_state h;
	char *chunk;
	ssize_t got;

	if (html_begin(&h, r, err))
		return html_end(&h), CND_FAILED;
	chunk = cnd_xmalloc(HTML_CHUNK);
	while ((got = cnd_member_read(m, chunk, HTML_CHUNK, err)) > 0)
		if (html_feed(&h, chunk, (size_t)got, 0))
			break;
	if (got < 0) {
		h.status = cnd_status_worst(h.status,
					    err->status > CND_FAILED ? err->status
								     : CND_FAILED);
		h.stopped = 1;
	}
	if (!h.stopped)
		html_feed(&h, chunk, 0, 1);
	free(chunk);
	return html_end(&h);
}

int cnd_html_read_buffer(const char *data, size_t len,
			 struct cnd_html_reader *r, struct cnd_error *err)
{
	struct html_state h;
	size_t off = 0;

	if (html_begin(&h, r, err))
		return html_end(&h), CND_FAILED;
	while (off < len && !h.stopped) {
		size_t n = len - off < HTML_CHUNK ? len - off : HTML_CHUNK;

		if (html_feed(&h, data + off, n, 0))
			break;
		off += n;
	}
	if (!h.stopped)
		html_feed(&h, "", 0, 1);
	return html_end(&h);
}

int cnd_html_read_pull(long (*pull)(void *ctx, void *buf, unsigned long n),
		       void *ctx, struct cnd_html_reader *r,
		       struct cnd_error *err)
{
	struct html_state h;
	char *chunk;
	long got;

	if (html_begin(&h, r, err))
		return html_end(&h), CND_FAILED;
	if (r->helpers && !r->row)
		return html_split_pull(&h, pull, ctx);
	chunk = cnd_xmalloc(HTML_CHUNK);
	while ((got = pull(ctx, chunk, HTML_CHUNK)) > 0)
		if (html_feed(&h, chunk, (size_t)got, 0))
			break;
	if (got < 0) {
		if (err->status < CND_FAILED)
			cnd_error_set(err, CND_FAILED,
				      "the page could not be read to its end");
		h.status = cnd_status_worst(h.status, err->status);
		h.stopped = 1;
	}
	if (!h.stopped)
		html_feed(&h, chunk, 0, 1);
	free(chunk);
	return html_end(&h);
}
