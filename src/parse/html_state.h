/*
 * The HTML reader's private state (src/parse/html.c, html_feed.c): what the
 * SAX callbacks keep of the open entry block and table row, and the byte
 * guard that measures tags before libxml2 sees them (html_feed.c, which
 * also hands the bytes to libxml2).
 */
#ifndef CONDUCT_PARSE_HTML_STATE_H
#define CONDUCT_PARSE_HTML_STATE_H

#include <stddef.h>

#include <libxml/HTMLparser.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/parse/html.h"

struct line {
	char *text;
	size_t len;
	int child; /* index of the block's direct child, -1 for none */
	const char *tag; /* the innermost block-level element it is in */
};

#define TAGS_MAX 32 /* open block elements kept for line tags */

struct child {
	unsigned header : 1;
	unsigned date : 1;
	unsigned rich : 1; /* holds a link or media */
};

enum guard_state { G_TEXT, G_TAG, G_DQ, G_SQ, G_COMMENT };

struct html_state {
	struct cnd_html_reader *r;
	htmlParserCtxtPtr ctx;
	struct cnd_error *err;
	int status;	 /* worst status so far */
	int stopped;	 /* a limit or the callback stopped the page */
	unsigned depth;	 /* open elements */
	unsigned main;	 /* depth of the main region, 0 outside */
	unsigned block;	 /* depth of the open entry block, 0 outside */
	unsigned skip;	 /* depth of script/style/head, 0 outside */
	unsigned title;	 /* depth of <title>, 0 outside */
	unsigned link;	 /* depth of the open <a>, 0 outside */
	unsigned tr;	 /* depth of the open table row */
	size_t tr_first; /* first line of the open row */
	int cur_child;	 /* the direct child being read, -1 before any */
	const char *tag_name[TAGS_MAX]; /* open block elements of the entry */
	unsigned tag_depth[TAGS_MAX], n_tags;
	size_t bytes;	 /* bytes kept for the open entry */
	int truncated;
	struct cnd_arena arena; /* the open entry's strings */
	struct cnd_buf line;	/* the text line being gathered */
	struct cnd_buf ltext;	/* the open link's text */
	struct cnd_vec lines, children, links, media, fields;
	/* markup errors: counted, the first one kept */
	unsigned long n_errors;
	char first_error[160];
	/* the byte guard */
	enum guard_state g;
	size_t g_run;	 /* bytes of the tag or comment being measured */
	unsigned g_dash; /* '-' seen in a row (comments) */
	size_t g_lt;	 /* 1..3: "<!-" prefix matched so far */
	unsigned long long g_quote; /* where the open quoted value began */
	unsigned long long offset;
	struct cnd_buf hold; /* bytes from an open quoted value, fed later */
	/* table rows (r->row): depths of the open heading, row and cell */
	unsigned t_head, t_tr, t_cell;
	int t_all_th;
	long long t_rows;
	size_t t_bytes;
	struct cnd_buf t_text; /* the open cell's or heading's text */
	char t_section[256]; /* the last heading (may be cut) */
	struct cnd_arena t_arena; /* the open row */
	struct cnd_arena t_keep;  /* the table's header cells */
	struct cnd_vec t_cells, t_header; /* char * */
};


/* Stop the page with a failure (msg); returns -1. */
int html_fail(struct html_state *h, const char *msg);

/*
 * Measure n bytes with the guard, then hand them to libxml2 (last: the
 * page ends): 0, or -1 when the page was stopped.
 */
int html_feed(struct html_state *h, const char *p, size_t n, int last);

#endif
