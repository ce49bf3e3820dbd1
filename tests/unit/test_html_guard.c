/*
 * Unit test for the HTML reader's byte guard (src/parse/html_feed.c), which
 * measures every tag and comment before libxml2 sees it: against a
 * byte-at-a-time reference of the same rules, on random pages of the bytes
 * that matter (< > ! - quotes, text, line breaks, any byte now and then),
 * cut into random chunks, with a small tag limit or the default one, the
 * guard must end each chunk in the same state (where it is, the tag's
 * length so far, the "<!-" prefix, the dashes of a comment, where the open
 * quote began) and refuse the same tag with the same message.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/html.h"
#include "../../src/parse/html_state.h"
#include "harness.h"

/* The rules, one byte at a time (what the guard did before its loops). */
static int ref_guard(struct html_state *h, const char *p, size_t n,
		     char *msg, size_t msg_size)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = p[i];

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
	h->g_offset += n;
	return 0;
}

static unsigned long long guard_rnd = 88172645463325252ULL;

static unsigned guard_r32(void)
{
	guard_rnd ^= guard_rnd << 13;
	guard_rnd ^= guard_rnd >> 7;
	guard_rnd ^= guard_rnd << 17;
	return (unsigned)guard_rnd;
}

TEST(html_guard_matches_byte_reference)
{
	static const char alpha[] = "<<>>!--\"'  ab\nx=";
	char page[700];
	long refused = 0;
	int t;

	for (t = 0; t < 60000; t++) {
		size_t n = guard_r32() % 600 + 1, off = 0, i;
		struct cnd_html_reader r;
		struct html_state a, b;

		for (i = 0; i < n; i++)
			page[i] = guard_r32() % 50 == 0
					  ? (char)(guard_r32() & 0xff)
					  : alpha[guard_r32() % (sizeof(alpha) - 1)];
		memset(&r, 0, sizeof(r));
		r.tag_max = guard_r32() % 3 == 0 ? guard_r32() % 40 + 1 : 1000000;
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		a.r = b.r = &r;
		while (off < n) {
			size_t k = guard_r32() % 50 + 1;
			char ma[200] = "", mb[200] = "";
			int ra, rb;

			if (k > n - off)
				k = n - off;
			ra = ref_guard(&a, page + off, k, ma, sizeof(ma));
			rb = html_guard(&b, page + off, k, mb, sizeof(mb));
			CHECK_INT(rb, ra);
			CHECK_STR(mb, ma);
			if (ra) {
				refused++;
				break;
			}
			CHECK_INT(b.g, a.g);
			CHECK_INT(b.g_run, a.g_run);
			CHECK_INT(b.g_lt, a.g_lt);
			CHECK_INT(b.g_dash, a.g_dash);
			CHECK_INT(b.g_quote, a.g_quote);
			CHECK_INT(b.g_offset, a.g_offset);
			off += k;
		}
	}
	CHECK(refused > 1000); /* the limit was reached, many ways */
}
