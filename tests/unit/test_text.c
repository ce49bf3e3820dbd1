/*
 * Unit tests for src/text/ (utf8.c, fold.c, matcher.c, mojibake.c): HTML
 * character references, UTF-8 validation, folding, excerpts, and the whole-word matcher (the cases that
 * matter for client names: "Eve" never in "Evening", multi-word names
 * across line breaks, handles with '_', Greek and Cyrillic).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/match/matcher.h"
#include "conduct/text/text.h"
#include "conduct/text/unicode.h"
#include "harness.h"

TEST(text_html_unescape)
{
	struct cnd_arena a;

	cnd_arena_init(&a);
	CHECK_STR(cnd_html_unescape(&a, "Tom &amp; Jerry &lt;3 &gt;_&lt;"),
		  "Tom & Jerry <3 >_<");
	CHECK_STR(cnd_html_unescape(&a, "&quot;hi&quot; &apos;x&#39;"),
		  "\"hi\" 'x'");
	CHECK_STR(cnd_html_unescape(&a, "&#233;t&#xE9; &#X1F600;"),
		  "\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80");
	CHECK_STR(cnd_html_unescape(&a, "&#x10FFFF;"), "\xF4\x8F\xBF\xBF");
	/* unknown, invalid or unterminated references stay as written */
	CHECK_STR(cnd_html_unescape(&a, "&nbsp; &copy; &amp &#; &#x; &#0;"),
		  "&nbsp; &copy; &amp &#; &#x; &#0;");
	CHECK_STR(cnd_html_unescape(&a, "&#xD800; &#x110000; &#9999999999;"),
		  "&#xD800; &#x110000; &#9999999999;");
	CHECK_STR(cnd_html_unescape(&a, "&#65"), "&#65");
	CHECK_STR(cnd_html_unescape(&a, "a & b &"), "a & b &");
	/* decoded once: &amp;lt; is "&lt;", not "<" */
	CHECK_STR(cnd_html_unescape(&a, "&amp;lt;"), "&lt;");
	CHECK_STR(cnd_html_unescape(&a, ""), "");
	CHECK(cnd_html_unescape(&a, NULL) == NULL);
	cnd_arena_release(&a);
}

TEST(text_utf8_valid)
{
	CHECK(cnd_utf8_valid("", 0));
	CHECK(cnd_utf8_valid("plain", 5));
	CHECK(cnd_utf8_valid("\xC3\xA9\xE2\x80\xA6\xF0\x9F\x98\x80", 9));
	CHECK(cnd_utf8_valid("\xF4\x8F\xBF\xBF", 4));
	CHECK(!cnd_utf8_valid("\xC0\x80", 2));	   /* overlong NUL */
	CHECK(!cnd_utf8_valid("\xE0\x80\xAF", 3)); /* overlong '/' */
	CHECK(!cnd_utf8_valid("\xED\xA0\x80", 3)); /* surrogate */
	CHECK(!cnd_utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
	CHECK(!cnd_utf8_valid("\xC3", 1));	   /* truncated */
	CHECK(!cnd_utf8_valid("\xE2\x80\xA6", 2)); /* cut by n */
	CHECK(!cnd_utf8_valid("a\x80z", 3));	   /* stray continuation */
	CHECK(!cnd_utf8_valid("\xFF", 1));
	/* n counts: a NUL inside is fine */
	CHECK(cnd_utf8_valid("a\0b", 3));
}

static const char *fold(struct cnd_arena *a, const char *s)
{
	return cnd_text_fold(a, s, strlen(s));
}

TEST(text_fold)
{
	struct cnd_arena a;

	cnd_arena_init(&a);
	CHECK_STR(fold(&a, "Hello World"), "hello world");
	CHECK_STR(fold(&a, "\xC3\x88ve"), "eve");		/* Ève */
	CHECK_STR(fold(&a, "E\xCC\x80VE"), "eve");		/* E + grave */
	CHECK_STR(fold(&a, "Stra\xC3\x9F" "e"), "strasse");	/* ß */
	CHECK_STR(fold(&a, "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"), "abc");
	CHECK_STR(fold(&a, "\xEF\xAC\x81le"), "file");		/* ﬁ ligature */
	CHECK_STR(fold(&a, "Zo\xC3\xAB Bj\xC3\xB6rk"), "zoe bjork");
	/* Greek (with tonos) and Cyrillic (with diaeresis) */
	CHECK_STR(fold(&a, "\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x8A\xCE\x91"),
		  "\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1"); /* σοφια */
	CHECK_STR(fold(&a, "\xD0\x81\xD0\x9B\xD0\x9A\xD0\x90"),
		  "\xD0\xB5\xD0\xBB\xD0\xBA\xD0\xB0"); /* елка */
	/* invalid bytes are dropped, the rest kept */
	CHECK_STR(fold(&a, "\xFF\xC3\x88v\xC3" "e\x80"), "eve");
	CHECK_STR(fold(&a, "\xFF\xFE"), "");
	CHECK_STR(cnd_text_fold(&a, "ABCDEF", 3), "abc");
	CHECK_STR(cnd_text_fold(&a, "", 0), "");
	cnd_arena_release(&a);
}

static const char fox[] = "The quick brown fox jumps over the lazy dog";

TEST(text_excerpt)
{
	struct cnd_arena a;
	const char *txt;

	cnd_arena_init(&a);
	/* middle: cut on both sides */
	CHECK_STR(cnd_text_excerpt(&a, fox, 16, 3, 6),
		  "\xE2\x80\xA6" "brown fox jumps\xE2\x80\xA6");
	/* at the start and at the end: no mark on the uncut side */
	CHECK_STR(cnd_text_excerpt(&a, fox, 0, 3, 4),
		  "The qui\xE2\x80\xA6");
	CHECK_STR(cnd_text_excerpt(&a, fox, 40, 3, 5),
		  "\xE2\x80\xA6lazy dog");
	/* wide enough for everything: nothing cut */
	CHECK_STR(cnd_text_excerpt(&a, fox, 16, 3, 100), fox);
	/* width 0: only the match */
	CHECK_STR(cnd_text_excerpt(&a, fox, 16, 3, 0),
		  "\xE2\x80\xA6" "fox\xE2\x80\xA6");
	/* out-of-range start and length are clamped */
	CHECK_STR(cnd_text_excerpt(&a, fox, 1000, 5, 3),
		  "\xE2\x80\xA6" "dog");
	CHECK_STR(cnd_text_excerpt(&a, fox, 40, 1000, 1),
		  "\xE2\x80\xA6" "dog");
	CHECK_STR(cnd_text_excerpt(&a, "", 0, 0, 10), "");

	/* whitespace runs, line breaks included, become one space */
	txt = "  Hello\n\n   Jane \r\n  Doe\tthere  \n";
	CHECK_STR(cnd_text_excerpt(&a, txt, 13, 11, 50),
		  "Hello Jane Doe there");
	/* ... and count as one character of the width */
	CHECK_STR(cnd_text_excerpt(&a, "ab\n\n\n\n\ncd", 7, 2, 2),
		  "\xE2\x80\xA6" "b cd");

	/* never split a UTF-8 sequence: é is two bytes */
	txt = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 X \xC3\xA9\xC3\xA9\xC3"
	      "\xA9";
	CHECK_STR(cnd_text_excerpt(&a, txt, 11, 1, 2),
		  "\xE2\x80\xA6\xC3\xA9 X \xC3\xA9\xE2\x80\xA6");
	/* a start or end inside a character is moved to its edges */
	CHECK_STR(cnd_text_excerpt(&a, txt, 1, 2, 0),
		  "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
	/* emoji (4 bytes) count as one character */
	txt = "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 hi";
	CHECK_STR(cnd_text_excerpt(&a, txt, 9, 2, 2),
		  "\xE2\x80\xA6\xF0\x9F\x98\x80 hi");
	/* invalid bytes come out as U+FFFD, so the excerpt is valid UTF-8 */
	CHECK_STR(cnd_text_excerpt(&a, "a\xFF" "b", 0, 3, 5),
		  "a\xEF\xBF\xBD" "b");
	cnd_arena_release(&a);
}

/*
 * The excerpt as first written (a code point at a time through the
 * decoder, into a growing buffer): cnd_text_excerpt() must say the same
 * on any text, its ASCII shortcuts and single buffer notwithstanding.
 */
static int ref_space(int32_t cp)
{
	if (cp < 0)
		return 0;
	if (cp < 0x80)
		return cp <= 0x20 || cp == 0x7F;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return 1;
	default:
		return 0;
	}
}

static size_t ref_prev(const unsigned char *t, size_t n, size_t i,
		       int32_t *cp)
{
	for (size_t k = 1; k <= 4 && k <= i; k++)
		if (cnd_utf8_step(t + i - k, n - (i - k), cp) == k && *cp >= 0)
			return i - k;
	*cp = -1;
	return i - 1;
}

static size_t ref_snap(const unsigned char *t, size_t n, size_t i)
{
	int32_t cp;

	for (size_t k = 1; k <= 3 && k <= i; k++) {
		if ((t[i - k] & 0xC0) == 0x80)
			continue;
		if (cnd_utf8_step(t + i - k, n - (i - k), &cp) > k && cp >= 0)
			return i - k;
		break;
	}
	return i;
}

static char *ref_excerpt(struct cnd_arena *a, const char *text, size_t start,
			 size_t len, size_t width)
{
	const unsigned char *t = (const unsigned char *)text;
	struct cnd_buf out = CND_BUF_INIT;
	size_t n = strlen(text), s, e, lo, hi, count, i;
	int prev, cut_before = 0, cut_after = 0, pending = 0;
	int32_t cp;
	char *res;

	if (start > n)
		start = n;
	if (len > n - start)
		len = n - start;
	s = ref_snap(t, n, start);
	e = start + len;
	if (e < n) {
		size_t b = ref_snap(t, n, e);

		if (b < e)
			e = b + cnd_utf8_step(t + b, n - b, &cp);
	}
	for (lo = s, count = 0, prev = 0; lo > 0 && count < width;) {
		size_t p = ref_prev(t, n, lo, &cp);
		int sp = ref_space(cp);

		count += !(sp && prev);
		prev = sp;
		lo = p;
	}
	for (i = lo; i > 0;) {
		i = ref_prev(t, n, i, &cp);
		if (!ref_space(cp)) {
			cut_before = 1;
			break;
		}
	}
	for (hi = e, count = 0, prev = 0; hi < n && count < width;) {
		size_t l = cnd_utf8_step(t + hi, n - hi, &cp);
		int sp = ref_space(cp);

		count += !(sp && prev);
		prev = sp;
		hi += l;
	}
	for (i = hi; i < n;) {
		i += cnd_utf8_step(t + i, n - i, &cp);
		if (!ref_space(cp)) {
			cut_after = 1;
			break;
		}
	}
	if (cut_before)
		cnd_buf_adds(&out, "\xE2\x80\xA6");
	for (i = lo; i < hi;) {
		size_t l = cnd_utf8_step(t + i, n - i, &cp);

		if (ref_space(cp)) {
			pending = 1;
		} else {
			if (pending && out.len > (cut_before ? 3u : 0u))
				cnd_buf_addc(&out, ' ');
			pending = 0;
			if (cp < 0)
				cnd_buf_adds(&out, "\xEF\xBF\xBD");
			else
				cnd_buf_add(&out, text + i, l);
		}
		i += l;
	}
	if (cut_after)
		cnd_buf_adds(&out, "\xE2\x80\xA6");
	res = cnd_arena_strndup(a, out.data ? out.data : "", out.len);
	cnd_buf_release(&out);
	return res;
}

TEST(text_excerpt_as_reference)
{
	/* pieces that meet every path: ASCII runs, spaces and controls,
	 * DEL, two- to four-byte characters, no-break and ideographic
	 * spaces, stray continuation and invalid bytes */
	static const char *const bits[] = {
		"a", "word", "x_y", " ", "  ", "\t", "\n", "\r\n", "\x7F",
		"\x01", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80",
		"\xC2\xA0", "\xE3\x80\x80", "\x80", "\xFF", "\xC3",
		"\xE2\x80", "!", "~",
	};
	struct cnd_arena a;
	char text[3000];
	uint32_t seed = 12345;
	int bad = 0;

	cnd_arena_init(&a);
	for (int round = 0; round < 3000 && !bad; round++) {
		size_t n = 0, len, start, span, width;
		size_t pieces;

		seed = seed * 1103515245u + 12345u;
		/* mostly short texts, some past the excerpt's stack buffer */
		pieces = round % 50 == 0 ? 900 : (seed >> 16) % 60;
		for (size_t k = 0; k < pieces; k++) {
			const char *b;

			seed = seed * 1103515245u + 12345u;
			b = bits[(seed >> 16) % (sizeof(bits) / sizeof(bits[0]))];
			len = strlen(b);
			if (n + len >= sizeof(text))
				break;
			memcpy(text + n, b, len);
			n += len;
		}
		text[n] = '\0';
		seed = seed * 1103515245u + 12345u;
		start = n ? (seed >> 16) % (n + 2) : 0;
		seed = seed * 1103515245u + 12345u;
		span = (seed >> 16) % 12;
		seed = seed * 1103515245u + 12345u;
		width = round % 50 == 0 ? 1000 : (seed >> 16) % 90;
		if (strcmp(cnd_text_excerpt(&a, text, start, span, width),
			   ref_excerpt(&a, text, start, span, width)) != 0)
			bad = 1;
		cnd_arena_reset(&a);
	}
	CHECK_INT(bad, 0);
	cnd_arena_release(&a);
}

/* Matches collected by a scan. */
struct hits {
	size_t n;
	size_t stop_after; /* 0: never stop */
	struct cnd_match m[16];
};

static int collect(void *ud, const struct cnd_match *match)
{
	struct hits *h = ud;

	if (h->n < 16)
		h->m[h->n] = *match;
	h->n++;
	return h->stop_after && h->n >= h->stop_after;
}

static size_t scan(const struct cnd_matcher *m, const char *text,
		   struct hits *h)
{
	memset(h, 0, sizeof(*h));
	return cnd_matcher_scan(m, text, collect, h);
}

static int tag_a, tag_b, tag_c;

TEST(text_matcher_single_word)
{
	struct cnd_matcher *m = cnd_matcher_new();
	struct hits h;

	CHECK_INT(cnd_matcher_add(m, "Eve", &tag_a), 0);
	CHECK_INT(cnd_matcher_count(m), 1);

	CHECK_INT(scan(m, "eve", &h), 1);
	CHECK_INT(h.m[0].start, 0);
	CHECK_INT(h.m[0].len, 3);
	CHECK(h.m[0].tag == &tag_a);
	CHECK_STR(h.m[0].term, "Eve");

	CHECK_INT(scan(m, "Party at EVE's place", &h), 1);
	CHECK_INT(h.m[0].start, 9);
	CHECK_INT(h.m[0].len, 3);
	CHECK_INT(scan(m, "Met \xC3\x88ve today", &h), 1); /* Ève */
	CHECK_INT(h.m[0].start, 4);
	CHECK_INT(h.m[0].len, 4);
	CHECK_INT(scan(m, "E\xCC\x80ve", &h), 1); /* decomposed */
	CHECK_INT(h.m[0].len, 5);
	CHECK_INT(scan(m, "thanks @eve!", &h), 1);
	CHECK_INT(h.m[0].start, 8);
	CHECK_INT(h.m[0].len, 3);
	CHECK_INT(scan(m, "#eve", &h), 1);
	CHECK_INT(scan(m, "\xFF" "eve\xFE", &h), 1); /* invalid bytes split */
	CHECK_INT(h.m[0].start, 1);

	/* never inside another word */
	CHECK_INT(scan(m, "Evening", &h), 0);
	CHECK_INT(scan(m, "Steve", &h), 0);
	CHECK_INT(scan(m, "eve_1 eve2 eves", &h), 0);
	/* accents are folded away: "evé" is "eve" */
	CHECK_INT(scan(m, "ev\xC3\xA9", &h), 1);
	CHECK_INT(scan(m, "Evening with Steve and eve.", &h), 1);
	CHECK_INT(h.m[0].start, 23);
	CHECK_INT(scan(m, "", &h), 0);
	cnd_matcher_free(m);
}

TEST(text_matcher_multi_word)
{
	struct cnd_matcher *m = cnd_matcher_new();
	struct hits h;

	CHECK_INT(cnd_matcher_add(m, "Jane Doe", &tag_a), 0);
	CHECK_INT(scan(m, "saw jane   DOE today", &h), 1);
	CHECK_INT(h.m[0].start, 4);
	CHECK_INT(h.m[0].len, 10);
	CHECK_INT(scan(m, "Jane\nDoe", &h), 1);
	CHECK_INT(h.m[0].start, 0);
	CHECK_INT(h.m[0].len, 8);
	CHECK_INT(scan(m, "Jane\r\n\tDoe's", &h), 1);
	CHECK_INT(h.m[0].len, 10);
	CHECK_INT(scan(m, "Jane Doerr", &h), 0);
	CHECK_INT(scan(m, "Jane", &h), 0);
	CHECK_INT(scan(m, "Doe Jane", &h), 0);
	CHECK_INT(scan(m, "Jane Jane Doe", &h), 1);
	CHECK_INT(h.m[0].start, 5);
	/* a word of marks alone is not a word */
	CHECK_INT(scan(m, "Jane \xCC\x81 Doe", &h), 1);
	cnd_matcher_free(m);
}

TEST(text_matcher_handles_and_scripts)
{
	struct cnd_matcher *m = cnd_matcher_new();
	struct hits h;

	CHECK_INT(cnd_matcher_add(m, "jdoe_82", &tag_a), 0);
	/* Σοφία; Алексей */
	CHECK_INT(cnd_matcher_add(m, "\xCE\xA3\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1",
				  &tag_b),
		  0);
	CHECK_INT(cnd_matcher_add(m,
				  "\xD0\x90\xD0\xBB\xD0\xB5\xD0\xBA\xD1\x81"
				  "\xD0\xB5\xD0\xB9",
				  &tag_c),
		  0);

	CHECK_INT(scan(m, "cc @jdoe_82: hello", &h), 1);
	CHECK_INT(h.m[0].start, 4);
	CHECK_INT(h.m[0].len, 7);
	CHECK_INT(scan(m, "JDOE_82", &h), 1);
	CHECK_INT(scan(m, "jdoe_821 jdoe_ jdoe 82", &h), 0);

	/* "Η ΣΟΦΙΑ ήρθε" */
	CHECK_INT(scan(m, "\xCE\x97 \xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91 "
			  "\xCE\xAE\xCF\x81\xCE\xB8\xCE\xB5",
		       &h),
		  1);
	CHECK(h.m[0].tag == &tag_b);
	CHECK_INT(h.m[0].start, 3);
	CHECK_INT(h.m[0].len, 10);
	/* "привет, АЛЕКСЕЙ!" */
	CHECK_INT(scan(m, "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, "
			  "\xD0\x90\xD0\x9B\xD0\x95\xD0\x9A\xD0\xA1\xD0\x95"
			  "\xD0\x99!",
		       &h),
		  1);
	CHECK(h.m[0].tag == &tag_c);
	CHECK_INT(h.m[0].start, 14);
	CHECK_INT(h.m[0].len, 14);
	/* "Алексеевич" is another word */
	CHECK_INT(scan(m, "\xD0\x90\xD0\xBB\xD0\xB5\xD0\xBA\xD1\x81\xD0\xB5"
			  "\xD0\xB5\xD0\xB2\xD0\xB8\xD1\x87",
		       &h),
		  0);
	cnd_matcher_free(m);
}

TEST(text_matcher_order_and_duplicates)
{
	struct cnd_matcher *m = cnd_matcher_new();
	struct hits h;

	CHECK_INT(cnd_matcher_add(m, "Jane", &tag_a), 0);
	CHECK_INT(cnd_matcher_add(m, "Doe", &tag_b), 0);
	CHECK_INT(cnd_matcher_add(m, "Jane Doe", &tag_c), 0);
	CHECK_INT(scan(m, "Hi Jane Doe", &h), 3);
	/* text order; at the same start the longest first */
	CHECK(h.m[0].tag == &tag_c);
	CHECK_INT(h.m[0].start, 3);
	CHECK_INT(h.m[0].len, 8);
	CHECK(h.m[1].tag == &tag_a);
	CHECK_INT(h.m[1].start, 3);
	CHECK_INT(h.m[1].len, 4);
	CHECK(h.m[2].tag == &tag_b);
	CHECK_INT(h.m[2].start, 8);
	cnd_matcher_free(m);

	/* the same term twice with different tags: both reported */
	m = cnd_matcher_new();
	CHECK_INT(cnd_matcher_add(m, "Eve", &tag_a), 0);
	CHECK_INT(cnd_matcher_add(m, "  \xC3\x89VE ", &tag_b), 0);
	CHECK_INT(cnd_matcher_count(m), 2);
	CHECK_INT(scan(m, "eve", &h), 2);
	CHECK(h.m[0].tag == &tag_a);
	CHECK(h.m[1].tag == &tag_b);
	CHECK_STR(h.m[1].term, "  \xC3\x89VE ");

	/* the callback can stop the scan */
	memset(&h, 0, sizeof(h));
	h.stop_after = 1;
	CHECK_INT(cnd_matcher_scan(m, "eve eve eve", collect, &h), 1);
	/* and may be NULL, to count */
	CHECK_INT(cnd_matcher_scan(m, "eve eve eve", NULL, NULL), 6);
	cnd_matcher_free(m);
}

TEST(text_matcher_edge_cases)
{
	struct cnd_matcher *m = cnd_matcher_new();
	struct cnd_buf big = CND_BUF_INIT;
	struct hits h;
	const char *long10 = "one two three four five six seven eight nine ten";

	/* terms without words are refused */
	CHECK_INT(cnd_matcher_add(m, "", &tag_a), -1);
	CHECK_INT(cnd_matcher_add(m, " !?, ", &tag_a), -1);
	CHECK_INT(cnd_matcher_add(m, "\xCC\x81", &tag_a), -1); /* a mark */
	CHECK_INT(cnd_matcher_add(m, NULL, &tag_a), -1);
	CHECK_INT(cnd_matcher_count(m), 0);
	CHECK_INT(scan(m, "anything", &h), 0);

	/* a term longer than the scan's stack window */
	CHECK_INT(cnd_matcher_add(m, long10, &tag_a), 0);
	CHECK_INT(scan(m, "One, two; THREE four five six seven eight nine "
			  "ten!",
		       &h),
		  1);
	CHECK_INT(scan(m, "one two three four five six seven eight nine", &h),
		  0);
	/* long words: past the stack buffers */
	for (int i = 0; i < 200; i++)
		cnd_buf_adds(&big, "\xEF\xAC\x83"); /* ﬃ */
	CHECK_INT(cnd_matcher_add(m, big.data, &tag_b), 0);
	cnd_buf_reset(&big);
	cnd_buf_adds(&big, "x ");
	for (int i = 0; i < 200; i++)
		cnd_buf_adds(&big, "FFI");
	cnd_buf_adds(&big, " y");
	CHECK_INT(scan(m, big.data, &h), 1);
	CHECK(h.m[0].tag == &tag_b);
	CHECK_INT(h.m[0].start, 2);
	CHECK_INT(h.m[0].len, 600);
	cnd_buf_release(&big);
	cnd_matcher_free(m);
	cnd_matcher_free(NULL);
}

TEST(text_matcher_many_terms)
{
	struct cnd_matcher *m = cnd_matcher_new();
	static int tags[5000];
	char term[32];
	struct hits h;

	for (int i = 0; i < 5000; i++) {
		snprintf(term, sizeof(term), "Name%d Surname%d", i, i % 7);
		CHECK_INT(cnd_matcher_add(m, term, &tags[i]), 0);
	}
	CHECK_INT(cnd_matcher_count(m), 5000);
	CHECK_INT(scan(m, "met name4242 SURNAME0 and name17 surname3 and "
			  "name17 surname2",
		       &h),
		  2);
	CHECK(h.m[0].tag == &tags[4242]);
	CHECK(h.m[1].tag == &tags[17]);
	cnd_matcher_free(m);
}

TEST(text_matcher_shared_first_words)
{
	struct cnd_matcher *m = cnd_matcher_new();
	static int t1, t2, t3, t4;
	struct hits h;

	CHECK_INT(cnd_matcher_add(m, "John", &t1), 0);
	CHECK_INT(cnd_matcher_add(m, "John Smith", &t2), 0);
	CHECK_INT(cnd_matcher_add(m, "John Smith Junior", &t3), 0);
	CHECK_INT(cnd_matcher_add(m, "John Jones", &t4), 0);
	CHECK_INT(scan(m, "John Smith Junior met John Jones and john", &h), 6);
	CHECK(h.m[0].tag == &t3);
	CHECK_INT(h.m[0].start, 0);
	CHECK_INT(h.m[0].len, 17);
	CHECK(h.m[1].tag == &t2);
	CHECK_INT(h.m[1].len, 10);
	CHECK(h.m[2].tag == &t1);
	CHECK_INT(h.m[2].len, 4);
	CHECK(h.m[3].tag == &t4);
	CHECK_INT(h.m[3].start, 22);
	CHECK_INT(h.m[3].len, 10);
	CHECK(h.m[4].tag == &t1);
	CHECK_INT(h.m[4].start, 22);
	CHECK(h.m[5].tag == &t1);
	CHECK_INT(h.m[5].start, 37);
	/* the text ends before the longest term could */
	CHECK_INT(scan(m, "john SMITH", &h), 2);
	CHECK(h.m[0].tag == &t2);
	CHECK(h.m[1].tag == &t1);
	/* a multi-word term alone under its first word */
	CHECK_INT(scan(m, "Smith John", &h), 1);
	cnd_matcher_free(m);
}

/* Word i of w: its bytes in the text, its index and its folded form. */
static void check_word(const struct cnd_words *w, size_t i, size_t start,
		       size_t end, size_t index, const char *fold)
{
	const struct cnd_word *x;

	CHECK(i < w->v.len);
	if (i >= w->v.len)
		return;
	x = cnd_vec_at(&w->v, i);
	CHECK_INT(x->start, start);
	CHECK_INT(x->end, end);
	CHECK_INT(x->index, index);
	CHECK_INT(x->len, strlen(fold));
	CHECK(x->len == strlen(fold) &&
	      memcmp(w->fold.data + x->off, fold, x->len) == 0);
}

static uint64_t word_hash_at(const struct cnd_words *w, size_t i)
{
	return ((const struct cnd_word *)cnd_vec_at(&w->v, i))->hash;
}

/*
 * Word bounds and folds where ASCII and other text meet (ASCII words take
 * a fast path), and word hashes that depend on the folded form alone,
 * whichever path folded it.
 */
TEST(text_words_split)
{
	struct cnd_words w;
	struct cnd_matcher *m;
	struct hits h;

	cnd_words_init(&w);
	/* an ASCII start that goes on with "É": one word, folded whole */
	cnd_words_split(&w, "Hi, ABC\xC3\x89" "de_9 x");
	CHECK_INT(w.v.len, 3);
	check_word(&w, 0, 0, 2, 0, "hi");
	check_word(&w, 1, 4, 13, 1, "abcede_9");
	check_word(&w, 2, 14, 15, 2, "x");
	CHECK_STR(w.fold.data, "hiabcede_9x");

	/* "…" and an invalid byte end ASCII words */
	cnd_words_split(&w, "ab\xE2\x80\xA6" "cd\xFF" "ef");
	CHECK_INT(w.v.len, 3);
	check_word(&w, 0, 0, 2, 0, "ab");
	check_word(&w, 1, 5, 7, 1, "cd");
	check_word(&w, 2, 8, 10, 2, "ef");

	/* words of marks alone are counted, not listed */
	cnd_words_split(&w, "\xCC\x81 x \xCC\x81\xCC\x80 y");
	CHECK_INT(w.v.len, 2);
	check_word(&w, 0, 3, 4, 1, "x");
	check_word(&w, 1, 10, 11, 3, "y");

	/* a fold longer than its word ("ŉ": "ʼn"), then ASCII words */
	cnd_words_split(&w, "\xC5\x89 ABCDEFGHIJKL mn");
	CHECK_INT(w.v.len, 3);
	check_word(&w, 0, 0, 2, 0, "\xCA\xBCn");
	check_word(&w, 1, 3, 15, 1, "abcdefghijkl");
	check_word(&w, 2, 16, 18, 2, "mn");

	cnd_words_split(&w, NULL);
	CHECK_INT(w.v.len, 0);
	cnd_words_split(&w, " ,; ");
	CHECK_INT(w.v.len, 0);

	/* the same fold, by either path, hashes alike: 3, 8 and 16 bytes */
	cnd_words_split(&w, "eve \xC3\x89VE abcdefgh ABCDEFGH\xCC\x81 "
			    "abcdefghijklmnop \xC3\x80" "BCDEFGHIJKLMNOP "
			    "abcdefghi abcdefgi");
	CHECK_INT(w.v.len, 8);
	check_word(&w, 1, 4, 8, 1, "eve");
	check_word(&w, 3, 18, 28, 3, "abcdefgh");
	check_word(&w, 5, 46, 63, 5, "abcdefghijklmnop");
	CHECK(word_hash_at(&w, 0) == word_hash_at(&w, 1));
	CHECK(word_hash_at(&w, 2) == word_hash_at(&w, 3));
	CHECK(word_hash_at(&w, 4) == word_hash_at(&w, 5));
	CHECK(word_hash_at(&w, 0) != word_hash_at(&w, 2));
	CHECK(word_hash_at(&w, 2) != word_hash_at(&w, 4));
	CHECK(word_hash_at(&w, 2) != word_hash_at(&w, 6));
	CHECK(word_hash_at(&w, 6) != word_hash_at(&w, 7));
	cnd_words_release(&w);

	/* and so terms match across the paths */
	m = cnd_matcher_new();
	CHECK_INT(cnd_matcher_add(m, "ABCDEFGH", &tag_a), 0);
	CHECK_INT(cnd_matcher_add(m, "\xC3\x80" "bcdefghijklmnop x", &tag_b),
		  0);
	CHECK_INT(scan(m, "abcdefgh\xCC\x81 abcdefghi", &h), 1);
	CHECK(h.m[0].tag == &tag_a);
	CHECK_INT(h.m[0].len, 10);
	CHECK_INT(scan(m, "so ABCDEFGHIJKLMNOP X", &h), 1);
	CHECK(h.m[0].tag == &tag_b);
	CHECK_INT(h.m[0].start, 3);
	cnd_matcher_free(m);
}

/*
 * The Bloom bits a word carries from the splitter serve every matcher,
 * whatever its table size: a text split once and scanned by a matcher of
 * three terms and by one of thousands (a register's) finds each term in
 * both, by either folding path, and a word's bits are one or two bits,
 * the same for the same fold.
 */
TEST(text_words_bloom_any_matcher)
{
	static const char *const text =
		"Met \xC3\x89VE at the Court today, then jdoe_82 and caf\xC3\xA9 "
		"Ab\xCC\x81" "c: home visit";
	struct cnd_matcher *small = cnd_matcher_new(), *big = cnd_matcher_new();
	struct cnd_words w;
	struct hits h;
	char term[32];

	CHECK_INT(cnd_matcher_add(small, "eve", &tag_a), 0);
	CHECK_INT(cnd_matcher_add(small, "home visit", &tag_b), 0);
	CHECK_INT(cnd_matcher_add(small, "CAFE", &tag_c), 0);
	for (int i = 0; i < 5000; i++) {
		snprintf(term, sizeof(term), "name%d other%d", i, i % 7);
		CHECK_INT(cnd_matcher_add(big, term, NULL), 0);
	}
	CHECK_INT(cnd_matcher_add(big, "court today", &tag_a), 0);
	CHECK_INT(cnd_matcher_add(big, "JDOE_82", &tag_b), 0);
	CHECK_INT(cnd_matcher_add(big, "abc", &tag_c), 0);
	CHECK_INT(cnd_matcher_add(big, "Eve", &tag_a), 0);

	cnd_words_init(&w);
	cnd_words_split(&w, text);
	for (size_t i = 0; i < w.v.len; i++) {
		const struct cnd_word *x = cnd_vec_at(&w.v, i);
		int bits = __builtin_popcountll(x->bloom);

		CHECK(bits == 1 || bits == 2);
	}
	/* "ÉVE" (folded through utf8proc) and "eve" (ASCII) alike */
	{
		struct cnd_words v;

		cnd_words_init(&v);
		cnd_words_split(&v, "eve");
		CHECK(((const struct cnd_word *)cnd_vec_at(&v.v, 0))->bloom ==
		      ((const struct cnd_word *)cnd_vec_at(&w.v, 1))->bloom);
		cnd_words_release(&v);
	}

	memset(&h, 0, sizeof(h));
	CHECK_INT(cnd_matcher_scan_words(small, &w, collect, &h), 3);
	CHECK(h.m[0].tag == &tag_a && h.m[0].start == 4);
	CHECK(h.m[1].tag == &tag_c);
	CHECK(h.m[2].tag == &tag_b);
	memset(&h, 0, sizeof(h));
	CHECK_INT(cnd_matcher_scan_words(big, &w, collect, &h), 4);
	CHECK(h.m[0].tag == &tag_a && h.m[0].start == 4);
	CHECK(h.m[1].tag == &tag_a && h.m[1].len == strlen("Court today"));
	CHECK(h.m[2].tag == &tag_b);
	CHECK(h.m[3].tag == &tag_c);
	/* the same as each matcher's own split of the text */
	CHECK_INT(scan(small, text, &h), 3);
	CHECK_INT(scan(big, text, &h), 4);
	cnd_words_release(&w);
	cnd_matcher_free(small);
	cnd_matcher_free(big);
}

static int ref_ascii_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z') || c == '_';
}

/*
 * The splitter reads ASCII words eight bytes at a time: on random ASCII
 * text (words of 1 to 30 bytes, so every place a word can end in an
 * eight-byte load, capitals, digits, '_', punctuation next to them) its
 * words are the runs of word bytes, lower-cased; with non-ASCII letters,
 * marks, emoji, mojibake and invalid bytes mixed in, each word is the
 * fold of its bytes and no ASCII word byte is left out of a word.
 */
TEST(text_words_split_random)
{
	static const char *const other[] = {
		"\xC3\xA9", "\xC3\x89", "\xCC\x81", "\xE2\x80\x94",
		"\xF0\x9F\x98\x80", "\xC3\x83\xC2\xB8", "\xFF", "\x80",
		"\xE2\x80\x99", "@", "#", "://", ".", "'", " ", "  ", "\n",
	};
	static const char alpha[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
	static const char sep[] = " .,;:!?'-@#/()\t";
	struct cnd_words w;
	struct cnd_arena a;
	char text[600];
	uint32_t seed = 424242;
	int bad = 0;

	cnd_words_init(&w);
	cnd_arena_init(&a);
	for (int round = 0; round < 4000 && !bad; round++) {
		size_t n = 0, k;
		int mixed = round % 2;

		while (n < 400) {
			size_t len;

			seed = seed * 1103515245u + 12345u;
			if (mixed && (seed >> 16) % 4 == 0) {
				const char *o = other[(seed >> 8) %
						      (sizeof(other) /
						       sizeof(other[0]))];

				memcpy(text + n, o, strlen(o));
				n += strlen(o);
				continue;
			}
			len = 1 + (seed >> 16) % 30;
			for (k = 0; k < len; k++) {
				seed = seed * 1103515245u + 12345u;
				text[n++] = alpha[(seed >> 16) %
						  (sizeof(alpha) - 1)];
			}
			seed = seed * 1103515245u + 12345u;
			text[n++] = sep[(seed >> 16) % (sizeof(sep) - 1)];
		}
		text[n] = '\0';
		cnd_words_split(&w, text);
		if (!mixed) {
			/* exactly the runs of word bytes */
			size_t i = 0, j = 0;

			while (i < n && !bad) {
				const struct cnd_word *x;
				size_t s;

				if (!ref_ascii_word((unsigned char)text[i])) {
					i++;
					continue;
				}
				for (s = i; i < n &&
					    ref_ascii_word((unsigned char)text[i]);
				     i++)
					;
				if (j >= w.v.len) {
					bad = 1;
					break;
				}
				x = cnd_vec_at(&w.v, j);
				bad = x->start != s || x->end != i ||
				      x->index != j || x->len != i - s;
				for (k = 0; !bad && k < x->len; k++)
					bad = w.fold.data[x->off + k] !=
					      (char)(text[s + k] >= 'A' &&
							     text[s + k] <= 'Z' ?
						     text[s + k] + 32 :
						     text[s + k]);
				j++;
			}
			if (!bad && j != w.v.len)
				bad = 1;
			continue;
		}
		/* each word the fold of its bytes, none overlapping */
		for (k = 0; k < w.v.len && !bad; k++) {
			const struct cnd_word *x = cnd_vec_at(&w.v, k);
			const char *f = cnd_text_fold(&a, text + x->start,
						      x->end - x->start);

			bad = strlen(f) != x->len ||
			      memcmp(f, w.fold.data + x->off, x->len) != 0 ||
			      (k > 0 && ((const struct cnd_word *)cnd_vec_at(
						 &w.v, k - 1))
						->end > x->start);
			for (size_t i = k ? ((const struct cnd_word *)cnd_vec_at(
						     &w.v, k - 1))
						    ->end :
					    0;
			     !bad && i < x->start; i++)
				bad = ref_ascii_word((unsigned char)text[i]) &&
				      (i == 0 || (unsigned char)text[i - 1] <
							 0x80);
		}
		cnd_arena_reset(&a);
	}
	CHECK(!bad);
	cnd_words_release(&w);
	cnd_arena_release(&a);
}
