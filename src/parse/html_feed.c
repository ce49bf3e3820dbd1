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
 * included) or comment longer than tag_max stops the page.
 */
static int guard(struct html_state *h, const char *p, size_t n, char *msg,
		 size_t msg_size)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c;

		/*
		 * runs of text, of a quoted value, of a tag past its "<!-"
		 * prefix or of a comment, in one step: bytes that change
		 * nothing but the length
		 */
		if (h->g == G_TEXT || h->g == G_DQ || h->g == G_SQ ||
		    (h->g == G_TAG && !h->g_lt) || h->g == G_COMMENT) {
			size_t skip;

			if (h->g == G_TAG || h->g == G_COMMENT) {
				const unsigned char *stop =
					h->g == G_TAG ? tag_stop : comment_stop;
				const unsigned char *q =
					(const unsigned char *)p + i;
				const unsigned char *e =
					(const unsigned char *)p + n;

				while (q < e && !stop[*q])
					q++;
				skip = (size_t)(q - ((const unsigned char *)p +
						     i));
				if (skip && h->g == G_COMMENT)
					h->g_dash = 0;
			} else {
				const char *hit = memchr(
					p + i,
					h->g == G_TEXT ? '<' :
					h->g == G_DQ   ? '"' : '\'',
					n - i);

				skip = hit ? (size_t)(hit - (p + i)) : n - i;
			}

			if (h->g != G_TEXT && (h->g_run += skip) >
						     h->r->tag_max) {
				snprintf(msg, msg_size,
					 "a tag or comment longer than %zu bytes at byte %llu: the rest of the page was not read",
					 h->r->tag_max,
					 h->g_offset + i + skip - h->g_run);
				return -1;
			}
			i += skip;
			if (i >= n)
				break;
		}
		c = p[i];
		switch (h->g) {
		case G_TEXT:
			if (c == '<') {
				h->g = G_TAG;
				h->g_run = 0;
				h->g_lt = 1;
			}
			break;
		case G_TAG:
			if (h->g_lt == 1 && c == '!')
				h->g_lt = 2;
			else if ((h->g_lt == 2 || h->g_lt == 3) && c == '-')
				h->g_lt++;
			else
				h->g_lt = 0;
			if (h->g_lt == 4) {
				h->g = G_COMMENT;
				h->g_dash = 0;
			} else if (c == '"') {
				h->g = G_DQ;
				h->g_quote = h->g_offset + i;
			} else if (c == '\'') {
				h->g = G_SQ;
				h->g_quote = h->g_offset + i;
			} else if (c == '>') {
				h->g = G_TEXT;
			}
			break;
		case G_DQ:
			if (c == '"')
				h->g = G_TAG;
			break;
		case G_SQ:
			if (c == '\'')
				h->g = G_TAG;
			break;
		case G_COMMENT:
			if (c == '>' && h->g_dash >= 2)
				h->g = G_TEXT;
			h->g_dash = c == '-' ? h->g_dash + 1 : 0;
			break;
		}
		if (h->g != G_TEXT && ++h->g_run > h->r->tag_max) {
			snprintf(msg, msg_size,
				 "a tag or comment longer than %zu bytes at byte %llu: the rest of the page was not read",
				 h->r->tag_max, h->g_offset + i - h->g_run + 1);
			return -1;
		}
	}
	return 0;
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
