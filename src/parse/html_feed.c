/*
 * The HTML reader's intake (html_state.h): a small guard measures each tag
 * and comment of the bytes before libxml2 sees them, so a 100 MB attribute
 * is refused before libxml2 would buffer it, and the bytes are handed to
 * libxml2's push parser in pieces that never end inside a quoted value.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "conduct/base/arena.h"
#include "html_state.h"

/* The bytes that end a run inside a tag, and inside a comment. */
static const unsigned char tag_stop[256] = { ['"'] = 1, ['\''] = 1,
					     ['>'] = 1 };
static const unsigned char comment_stop[256] = { ['-'] = 1, ['>'] = 1 };

/*
 * Measure tags and comments before libxml2 sees them: a tag (quotes
 * included) or comment longer than tag_max stops the page. Every byte of a
 * page goes through it, on the page's own thread, so each state has its
 * own loop: text and quoted values are searched for their end (by hand
 * when it is near, as it mostly is in Meta's pages), tags and comments
 * walked to the next byte that changes the state.
 */
/* The first c in [p, e), or e: a short run by hand, a long one by memchr. */
static inline const unsigned char *find_byte(const unsigned char *p,
					     const unsigned char *e, int c)
{
	const unsigned char *stop = e - p > 16 ? p + 16 : e;

	for (; p < stop; p++)
		if (*p == c)
			return p;
	if (p == e)
		return e;
	p = memchr(p, c, (size_t)(e - p));
	return p ? p : e;
}

static int guard(struct html_state *h, const char *p0, size_t n, char *msg,
		 size_t msg_size)
{
	const unsigned char *s = (const unsigned char *)p0;
	const unsigned char *p = s, *e = s + n, *q;
	enum guard_state g = h->g;
	size_t run = h->g_run, lt = h->g_lt, max = h->r->tag_max;
	unsigned dash = h->g_dash;
	unsigned long long quote = h->g_quote;
	int c, rc = 0;

	while (p < e) {
		/* a run that changes nothing but the length, in one step */
		if (g == G_TEXT) {
			p = find_byte(p, e, '<');
			if (p == e)
				break;
		} else if (g != G_TAG || !lt) {
			if (g == G_DQ || g == G_SQ) {
				q = find_byte(p, e, g == G_DQ ? '"' : '\'');
			} else {
				const unsigned char *stop =
					g == G_TAG ? tag_stop : comment_stop;

				for (q = p; q < e && !stop[*q]; q++)
					;
				if (q > p && g == G_COMMENT)
					dash = 0;
			}
			run += (size_t)(q - p);
			p = q;
			if (run > max)
				goto too_long;
			if (p == e)
				break;
		}
		/* then the byte that may change the state */
		c = *p++;
		switch (g) {
		case G_TEXT: /* '<' */
			g = G_TAG;
			run = 0;
			lt = 1;
			break;
		case G_TAG:
			if (lt == 1 && c == '!')
				lt = 2;
			else if ((lt == 2 || lt == 3) && c == '-')
				lt++;
			else
				lt = 0;
			if (lt == 4) {
				g = G_COMMENT;
				dash = 0;
			} else if (c == '"' || c == '\'') {
				g = c == '"' ? G_DQ : G_SQ;
				quote = h->g_offset + (unsigned long long)(p - 1 - s);
			} else if (c == '>') {
				g = G_TEXT;
			}
			break;
		case G_DQ: /* its closing quote */
		case G_SQ:
			g = G_TAG;
			break;
		case G_COMMENT:
			if (c == '>' && dash >= 2)
				g = G_TEXT;
			dash = c == '-' ? dash + 1 : 0;
			break;
		}
		if (g != G_TEXT && ++run > max)
			goto too_long;
	}
	goto out;
too_long:
	snprintf(msg, msg_size,
		 "a tag or comment longer than %zu bytes at byte %llu: the rest of the page was not read",
		 max, h->g_offset + (unsigned long long)(p - s) - run);
	rc = -1;
out:
	h->g = g;
	h->g_run = run;
	h->g_lt = lt;
	h->g_dash = dash;
	h->g_quote = quote;
	return rc;
}

int html_guard(struct html_state *h, const char *p, size_t n, char *msg,
	       size_t msg_size)
{
	if (n && guard(h, p, n, msg, msg_size))
		return -1;
	h->g_offset += n;
	return 0;
}

/*
 * Hand the bytes to libxml2, but never let them end inside a quoted
 * attribute value: libxml2 2.9's push parser, looking for a tag's end, loses
 * the quote it was in when the bytes run out there, then finds no '>' again
 * and keeps the rest of the page buffered until the end (memory as big as
 * the page). From the opening quote on the bytes wait for the next chunk
 * (at most a tag, which the guard bounds).
 */
void html_push(struct html_state *h, const char *p, size_t n, size_t wait,
	       int last)
{
	if (h->hold.len) {
		cnd_buf_add(&h->hold, p, n);
		p = h->hold.data;
		n = h->hold.len;
	}
	if (wait > n)
		wait = n;
	if (n - wait || last)
		htmlParseChunk(h->ctx, p, (int)(n - wait), last);
	if (p == h->hold.data) {
		memmove(h->hold.data, h->hold.data + (n - wait), wait);
		h->hold.len = wait;
	} else if (wait) {
		cnd_buf_add(&h->hold, p + (n - wait), wait);
	}
}

int html_feed(struct html_state *h, const char *p, size_t n, int last)
{
	char msg[140];
	size_t wait = 0;

	if (h->stopped)
		return -1;
	if (html_guard(h, p, n, msg, sizeof(msg)))
		return html_fail(h, msg);
	h->offset = h->g_offset;
	if (!last && (h->g == G_DQ || h->g == G_SQ))
		wait = (size_t)(h->g_offset - h->g_quote);
	html_push(h, p, n, wait, last);
	return h->stopped ? -1 : 0;
}
