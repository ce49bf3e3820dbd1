/*
 * The HTML reader's private state (src/parse/html.c, html_feed.c): what the
 * SAX callbacks keep of the open entry block and table row, and the byte
 * guard that measures tags before libxml2 sees them (html_feed.c, which
 * also hands the bytes to libxml2), and the split reading of a long page
 * on two threads (html_split.c).
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
	int undecodable; /* libxml2 could not decode a declared charset */
	char first_error[160];
	/* the byte guard */
	enum guard_state g;
	size_t g_run;	 /* bytes of the tag or comment being measured */
	unsigned g_dash; /* '-' seen in a row (comments) */
	size_t g_lt;	 /* 1..3: "<!-" prefix matched so far */
	unsigned long long g_quote; /* where the open quoted value began */
	unsigned long long offset;   /* end of the bytes libxml2 is parsing */
	unsigned long long g_offset; /* end of the bytes the guard measured */
	/* html_split.c: a page read in segments on two threads */
	int quiet;	     /* the callbacks ignore the synthetic prefix */
	int want_sig;	     /* keep the first entry's start tag in sig */
	struct cnd_buf sig;  /* the bytes of the first entry block's start tag */
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


/* Start and end one page's parse (html.c). */
int html_begin(struct html_state *h, struct cnd_html_reader *r,
	       struct cnd_error *err);
int html_end(struct html_state *h);

/* Stop the page with a failure (msg); returns -1. */
int html_fail(struct html_state *h, const char *msg);

/*
 * Measure n bytes with the guard, then hand them to libxml2 (last: the
 * page ends): 0, or -1 when the page was stopped.
 */
int html_feed(struct html_state *h, const char *p, size_t n, int last);
/*
 * The two halves of html_feed: measure n bytes with the guard (0, or -1
 * with msg set, the page not yet stopped); and hand bytes already measured
 * to libxml2, the last wait of them (an open quoted value) held back for
 * the next call.
 */
int html_guard(struct html_state *h, const char *p, size_t n, char *msg,
	       size_t msg_size);
void html_push(struct html_state *h, const char *p, size_t n, size_t wait,
	       int last);

/*
 * Read a page pulled from pull() in segments, every other one parsed by
 * a second libxml2 context on a helper thread and kept only when the
 * states at both of its ends are those the one-thread read has there
 * (html_split.c). Returns like cnd_html_read_pull (after html_begin).
 */
int html_split_pull(struct html_state *h,
		    long (*pull)(void *ctx, void *buf, unsigned long n),
		    void *ctx);

#endif
