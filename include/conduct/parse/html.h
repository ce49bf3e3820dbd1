/*
 * Reading the pages of an export requested as HTML (Meta's "Download your
 * information" for Instagram, Facebook, Messenger and Threads; Snapchat's
 * html/ pages): a page is streamed through libxml2's HTML push parser, and
 * each entry block (a direct child of the element with role="main", or of
 * the one a class hint names) is handed to a callback as a small
 * structured entry: its header, content and date texts, its text lines
 * with the block element each sits in, links, media and table fields; or,
 * for pages that are data tables, each table row with its header cells and
 * section heading. Memory is bounded by the largest entry, never by the
 * page; entities are decoded by libxml2; broken markup is tolerated
 * (reported once per page), and a hostile page (deep nesting,
 * a huge attribute or tag, unclosed tags) ends cleanly with a diagnostic.
 * Entries are found by structure; the obfuscated class names that Meta's
 * pages carry are used only as hints for which child is the header and
 * which the date (FORMATS.md, "HTML exports").
 */
#ifndef CONDUCT_HTML_H
#define CONDUCT_HTML_H

#include <stddef.h>

#include "conduct/base/error.h"

struct cnd_member;

struct cnd_html_link {
	const char *href; /* as written: a URL or a path inside the export */
	const char *text; /* the link's text, "" when it has none */
};

/* A table row of two or more text cells: "Comment" and its value. */
struct cnd_html_field {
	const char *label;
	const char *value; /* the other cells' text, joined with " " */
};

/*
 * One entry block. Texts are UTF-8 with white space collapsed; every
 * pointer is borrowed until the callback returns.
 */
struct cnd_html_entry {
	long long index; /* 0, 1, ... in page order */
	/* the header child (a heading, or a class hint), or NULL */
	const char *header;
	/* the date child (a class hint, or a last child of short text), or NULL */
	const char *date;
	/* the text of every other child, lines joined with "\n"; NULL if none */
	const char *text;
	/* every text line of the block outside header and date, in order */
	const char *const *lines;
	/*
	 * per line, the innermost block-level element it sits in ("h4",
	 * "p", "div", ...; "" for none): structure, for pages whose entries
	 * are told apart by tag rather than by child (Snapchat's chats)
	 */
	const char *const *line_tags;
	size_t n_lines;
	const struct cnd_html_link *links;
	size_t n_links;
	const char *const *media; /* src of img, video, audio, source */
	size_t n_media;
	const struct cnd_html_field *fields;
	size_t n_fields;
	unsigned truncated : 1; /* over the entry limit: text was cut */
};

/* Return CND_FATAL to stop reading; anything else goes on. */
typedef int (*cnd_html_fn)(void *ud, const struct cnd_html_entry *e);

/*
 * One row of a data table (pages that are tables, not entry blocks, such
 * as Snapchat's html/ pages): its cells' texts, the header cells of the
 * table's last row of <th> cells, and the heading the table sits under.
 * Borrowed until the callback returns.
 */
struct cnd_html_row {
	long long index;     /* 0, 1, ... data rows of the page */
	const char *section; /* the last h1-h6 text before the table, or "" */
	const char *const *cells;
	size_t n_cells;
	const char *const *header; /* NULL entries past the header's end */
	size_t n_header;
};

typedef int (*cnd_html_row_fn)(void *ud, const struct cnd_html_row *row);

struct cnd_html_reader {
	size_t entry_max;   /* bytes of text kept for one entry (0: 1 MiB) */
	size_t tag_max;	    /* bytes of one tag or comment (0: 4 MiB) */
	unsigned depth_max; /* element nesting (0: 256) */
	cnd_html_fn fn;
	/*
	 * When set: on a page without role="main", the first element whose
	 * class list holds this name is the main region (a hint, as for
	 * Snapchat's div.rightpanel); NULL: role="main" only.
	 */
	const char *main_class;
	/* when set: every table row of the page too (fn may be NULL then) */
	cnd_html_row_fn row;
	/*
	 * A problem that does not stop the page (broken markup, an entry cut
	 * at the limit): status CND_WARN, with the message. May be NULL.
	 */
	void (*problem)(void *ud, int status, const char *message);
	void *ud;
	/*
	 * cnd_html_read_pull may parse a long page on two threads (every
	 * other segment on a helper, the callbacks still on the caller's, in
	 * page order, and the same entries as on one): when set and row is
	 * NULL
	 */
	int helpers;
	/* out: the page's <title>, copied into title (may be cut) */
	char title[256];
	/* out: how many entries and whether a main region was seen */
	long long entries;
	long long row_count; /* table rows seen, header rows included */
	/* of the entries, those parsed on the helper thread (helpers) */
	long long helper_entries;
	int has_main;
};

/*
 * Read member m (streamed) or data[0..len) as an HTML page, calling r->fn
 * for each entry. Returns CND_OK, CND_WARN (markup problems, reported
 * through r->problem), CND_FAILED with err set when the page had to be
 * abandoned (a limit, a damaged member: entries before it were handed
 * over), or CND_FATAL when the callback asked to stop.
 */
int cnd_html_read(struct cnd_member *m, struct cnd_html_reader *r,
		  struct cnd_error *err);
int cnd_html_read_buffer(const char *data, size_t len,
			 struct cnd_html_reader *r, struct cnd_error *err);
/*
 * The same with the bytes pulled from pull(ctx, buf, n): up to n bytes, 0
 * at the end, -1 on a read error (err is then set by the caller's source
 * or here). Lets a platform handler feed a member it streams itself.
 */
int cnd_html_read_pull(long (*pull)(void *ctx, void *buf, unsigned long n),
		       void *ctx, struct cnd_html_reader *r,
		       struct cnd_error *err);

#endif
