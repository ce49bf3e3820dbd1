/*
 * Unit tests for src/parse/html.c, the HTML page reader: entries found as
 * the direct children of role="main" in the shapes of Meta's 2024 and 2019
 * pages (FORMATS.md "HTML exports"), header, date and content sorted by
 * hints and by shape, links, media and table fields, entities decoded,
 * broken markup reported and read on, and the limits on nesting, tag size
 * and entry size ending a hostile page cleanly; entries handed over as
 * the page streams in, however its chunks fall.
 */
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/html.h"
#include "harness.h"
#include "html_test.h"

/* Entries rendered as text lines for comparison. */
struct seen {
	struct cnd_buf out;
	int problems;
	long long stop_at; /* -1: never */
};

static int on_entry(void *ud, const struct cnd_html_entry *e)
{
	struct seen *s = ud;

	html_entry_line(&s->out, e, 0);
	return e->index == s->stop_at ? 3 /* CND_FATAL */ : 0;
}

static void on_problem(void *ud, int status, const char *msg)
{
	struct seen *s = ud;

	(void)status;
	(void)msg;
	s->problems++;
}

static struct seen seen;
static struct cnd_html_reader rd;

static const char *read_page(const char *page, size_t len, int *status)
{
	struct cnd_error err;

	cnd_buf_release(&seen.out);
	memset(&seen, 0, sizeof(seen));
	seen.stop_at = -1;
	memset(&rd, 0, sizeof(rd));
	rd.fn = on_entry;
	rd.problem = on_problem;
	rd.ud = &seen;
	cnd_error_clear(&err);
	*status = cnd_html_read_buffer(page, len, &rd, &err);
	cnd_buf_addc(&seen.out, '\0');
	return seen.out.data;
}

#define HEAD                                                              \
	"<html><head><meta charset=\"utf-8\"><title>Followers</title>"   \
	"<style>div{color:red}</style></head><body><table><tr><td>logo"  \
	"</td></tr></table><div class=\"_a705\"><div class=\"_a706\" "    \
	"role=\"main\">"
#define TAIL "</div></div></body></html>"

TEST(html_instagram_follow_entries)
{
	static const char page[] =
		HEAD
		"<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\">"
		"<div class=\"_a6-p\"><div><div><a target=\"_blank\" "
		"href=\"https://www.instagram.com/robin\">robin</a></div>"
		"<div>Oct 13, 2024 1:23 pm</div></div></div></div>"
		"<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\">"
		"<div class=\"_a6-p\"><div><div><a "
		"href=\"https://www.instagram.com/_u/sam&amp;co\">sam&amp;co"
		"</a></div><div>Jan 2, 2023 9:00 am</div></div></div></div>"
		TAIL;
	int st;
	const char *out = read_page(page, sizeof(page) - 1, &st);

	CHECK_INT(st, 0);
	CHECK_INT(rd.entries, 2);
	CHECK(rd.has_main);
	CHECK_STR(rd.title, "Followers");
	CHECK_STR(out,
		  "#0 h=- d=- t=robin\nOct 13, 2024 1:23 pm "
		  "a[https://www.instagram.com/robin|robin]\n"
		  "#1 h=- d=- t=sam&co\nJan 2, 2023 9:00 am "
		  "a[https://www.instagram.com/_u/sam&co|sam&co]\n");
}

TEST(html_message_header_content_date)
{
	static const char page[] =
		HEAD
		"<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\">"
		"<h2 class=\"_3-95 _2pim _a6-h _a6-i\">Participants: Alex "
		"Example and Dana Doe</h2></div>"
		"<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite noborder\">"
		"<h2 class=\"_3-95 _2pim _a6-h _a6-i\">Alex Example</h2>"
		"<div class=\"_3-95 _a6-p\"><div><div></div><div>See you "
		"at 5 &#8212; caf&eacute;?</div><div><img src=\"media/a.jpg\">"
		"</div></div></div><div class=\"_3-94 _a6-o\">Oct 13, 2024 "
		"1:23 pm</div></div>"
		/* a 2019 Facebook block: no hints but the shape */
		"<div class=\"pam _3-95 _2pi0 _2lej uiBoxWhite noborder\">"
		"<div class=\"_3-96 _2pio _2lek _2lel\">Dana Doe</div>"
		"<div class=\"_3-96 _2let\"><div><div>hi there</div></div>"
		"</div><div class=\"_3-94 _2lem\">5 Jan 2019, 15:04</div></div>"
		"<div><p>Posted</p><div>no hints at all</div>"
		"<div>2 May 2020</div></div>"
		TAIL;
	int st;
	const char *out = read_page(page, sizeof(page) - 1, &st);

	CHECK_INT(st, 0);
	CHECK_STR(out,
		  "#0 h=Participants: Alex Example and Dana Doe d=- t=-\n"
		  "#1 h=Alex Example d=Oct 13, 2024 1:23 pm "
		  "t=See you at 5 \xe2\x80\x94 caf\xc3\xa9? m[media/a.jpg]\n"
		  "#2 h=Dana Doe d=5 Jan 2019, 15:04 t=hi there\n"
		  "#3 h=- d=2 May 2020 t=Posted\nno hints at all\n");
}

TEST(html_table_fields_and_multi_photo)
{
	static const char page[] =
		HEAD
		"<div class=\"_a6-g\"><div class=\"_a6-p\"><table><tr><td "
		"colspan=\"2\">Comment<div><div>Nice one</div></div></td></tr>"
		"<tr><td colspan=\"2\">Media Owner<div><div>robin</div></div>"
		"</td></tr><tr><td>Time</td><td>Oct 13, 2024 1:23 pm</td>"
		"</tr></table></div></div>"
		"<div class=\"_a6-g\"><h2 class=\"_a6-h\">Two photos</h2>"
		"<div class=\"_a6-p\"><div><a href=\"media/posts/1.jpg\"><img "
		"src=\"media/posts/1.jpg\"></a><a href=\"media/posts/2.jpg\">"
		"<img src=\"media/posts/2.jpg\"></a></div></div><div "
		"class=\"_3-94\">Oct 13, 2024 1:23 pm</div></div>"
		TAIL;
	int st;
	const char *out = read_page(page, sizeof(page) - 1, &st);

	CHECK_INT(st, 0);
	CHECK_STR(out,
		  "#0 h=- d=- t=Comment\nNice one\nMedia Owner\nrobin\nTime\n"
		  "Oct 13, 2024 1:23 pm f[Comment=Nice one] "
		  "f[Media Owner=robin] f[Time=Oct 13, 2024 1:23 pm]\n"
		  "#1 h=Two photos d=Oct 13, 2024 1:23 pm t=- "
		  "a[media/posts/1.jpg|] a[media/posts/2.jpg|] "
		  "m[media/posts/1.jpg] m[media/posts/2.jpg]\n");
}

TEST(html_broken_markup_and_unclosed)
{
	/* stray end tags, an unknown tag, and nothing closed at the end */
	static const char page[] =
		"<html><body></span><div role=main><div><h2>A</h2><div>"
		"text <bogus>more</div></i><div>Oct 1, 2024 1:00 pm</div></div>"
		"<div><h2>B</h2><div>unclosed";
	int st;
	const char *out = read_page(page, sizeof(page) - 1, &st);

	CHECK_STR(out, "#0 h=A d=Oct 1, 2024 1:00 pm t=text more\n"
		       "#1 h=B d=- t=unclosed\n");
	CHECK(st <= 1);
}

/* Lines of an entry with their innermost block-level element. */
static int on_tagged(void *ud, const struct cnd_html_entry *e)
{
	struct seen *s = ud;
	size_t i;

	cnd_buf_printf(&s->out, "#%lld", e->index);
	if (e->header)
		cnd_buf_printf(&s->out, " header:%s", e->header);
	for (i = 0; i < e->n_lines; i++)
		cnd_buf_printf(&s->out, " %s:%s", e->line_tags[i], e->lines[i]);
	cnd_buf_addc(&s->out, '\n');
	return 0;
}

/*
 * A page without role="main" (Snapchat's chat pages): the class hint
 * names the main region, and each line says which block element it is in,
 * inline markup (button, span, b, svg) not counting.
 */
TEST(html_main_class_and_line_tags)
{
	static const char page[] =
		"<html><body><div class=\"leftpanel\"><ul><li>Friends</li>"
		"</ul></div><div class=\"rightpanel x\"><div><svg><path "
		"d=\"M1\"/></svg><h1> Chat History with ash</h1></div>"
		"<div><span><div><div><button class=\"saved\">Saved</button>"
		"<h4>ash</h4></div><div><svg></svg><span>TEXT</span></div>"
		"</div><hr><p>caf&eacute; at <b>6</b>?</p><h6>2024-08-21 "
		"01:16:48 UTC</h6></span></div></div></body></html>";
	struct cnd_error err;
	int st;

	read_page(page, sizeof(page) - 1, &st);
	CHECK(!rd.has_main); /* no role="main", no hint: nothing */
	CHECK_INT(rd.entries, 0);
	cnd_buf_release(&seen.out);
	memset(&seen, 0, sizeof(seen));
	memset(&rd, 0, sizeof(rd));
	rd.fn = on_tagged;
	rd.problem = on_problem;
	rd.ud = &seen;
	rd.main_class = "rightpanel";
	cnd_error_clear(&err);
	st = cnd_html_read_buffer(page, sizeof(page) - 1, &rd, &err);
	cnd_buf_addc(&seen.out, '\0');
	CHECK_INT(st, 0); /* svg is no broken markup */
	CHECK_INT(seen.problems, 0);
	CHECK(rd.has_main);
	CHECK_INT(rd.entries, 2);
	CHECK_STR(seen.out.data,
		  "#0 header:Chat History with ash\n"
		  "#1 div:Saved h4:ash div:TEXT p:caf\xc3\xa9 at 6? "
		  "h6:2024-08-21 01:16:48 UTC\n");
}

TEST(html_no_main_and_stop)
{
	static const char nomain[] = "<html><body><div>x</div></body></html>";
	static const char page[] = HEAD "<div>a</div><div>b</div>" TAIL;
	struct cnd_error err;
	int st;

	read_page(nomain, sizeof(nomain) - 1, &st);
	CHECK_INT(st, 0);
	CHECK(!rd.has_main);
	CHECK_INT(rd.entries, 0);
	/* the callback stops the page */
	cnd_buf_release(&seen.out);
	memset(&seen, 0, sizeof(seen));
	seen.stop_at = 0;
	memset(&rd, 0, sizeof(rd));
	rd.fn = on_entry;
	rd.ud = &seen;
	cnd_error_clear(&err);
	st = cnd_html_read_buffer(page, sizeof(page) - 1, &rd, &err);
	CHECK_INT(st, 3);
	CHECK_INT(rd.entries, 1);
}

TEST(html_bomb_deep_nesting)
{
	size_t n = 200000, i;
	char *p = malloc(n * 5 + 64), *q = p;
	struct cnd_error err;
	int st;

	q += sprintf(q, "<div role=main><div>");
	for (i = 0; i < n; i++)
		q += sprintf(q, "<div>");
	cnd_buf_release(&seen.out);
	memset(&seen, 0, sizeof(seen));
	seen.stop_at = -1;
	memset(&rd, 0, sizeof(rd));
	rd.fn = on_entry;
	rd.ud = &seen;
	cnd_error_clear(&err);
	st = cnd_html_read_buffer(p, (size_t)(q - p), &rd, &err);
	CHECK_INT(st, 2);
	CHECK(strstr(err.message, "nested deeper than 256") != NULL);
	free(p);
}

TEST(html_bomb_huge_attribute_and_entry)
{
	size_t n = 8u * 1024 * 1024, i;
	char *p = malloc(n + 256), *q = p;
	struct cnd_error err;
	int st;
	const char *out;

	q += sprintf(q, "<div role=main><div><a href=\"x\">ok</a></div>"
			"<div><img src=\"");
	memset(q, 'A', n);
	q += n;
	q += sprintf(q, "\"></div></div>");
	cnd_buf_release(&seen.out);
	memset(&seen, 0, sizeof(seen));
	seen.stop_at = -1;
	memset(&rd, 0, sizeof(rd));
	rd.fn = on_entry;
	rd.ud = &seen;
	cnd_error_clear(&err);
	st = cnd_html_read_buffer(p, (size_t)(q - p), &rd, &err);
	CHECK_INT(st, 2);
	CHECK(strstr(err.message, "longer than 4194304 bytes") != NULL);
	CHECK_INT(rd.entries, 1); /* the entry before it was handed over */
	/* a long text is cut at the entry limit, and the page goes on */
	q = p;
	q += sprintf(q, "<div role=main><div>");
	for (i = 0; i < 3u * 1024 * 1024 / 8; i++)
		q += sprintf(q, "<b>xxxx</b>");
	q += sprintf(q, "</div><div>next</div></div>");
	out = read_page(p, (size_t)(q - p), &st);
	CHECK_INT(st, 1);
	CHECK_INT(rd.entries, 2);
	CHECK(strstr(out, " CUT\n#1 h=- d=- t=next\n") != NULL);
	CHECK_INT(seen.problems, 1);
	free(p);
	cnd_buf_release(&seen.out);
}

/* --- Table rows (Snapchat's pages) and the pull reader --- */

static int on_row(void *ud, const struct cnd_html_row *r)
{
	struct cnd_buf *b = ud;
	size_t i;

	cnd_buf_printf(b, "#%lld [%s]", r->index, r->section);
	for (i = 0; i < r->n_cells; i++)
		cnd_buf_printf(b, " %s=%s", i < r->n_header ? r->header[i] : "?",
			       r->cells[i]);
	cnd_buf_addc(b, '\n');
	return 0;
}

TEST(html_table_rows_pulled)
{
	static const char page[] =
		"<html><body><h3>Friends</h3><table><tr><th>Username</th>"
		"<th>Display Name</th></tr><tr><td>ash_sample</td><td>Ash "
		"&amp; Co</td></tr></table><h3>Blocked Users</h3><table>"
		"<tr><th>Username</th></tr><tr><td>spam_01</td></tr></table>"
		"<table><tr><td>Username</td><td>kit</td></tr></table>"
		"</body></html>";
	struct pull_src src = { page, sizeof(page) - 1, 7 };
	struct cnd_html_reader r;
	struct cnd_buf b = CND_BUF_INIT;
	struct cnd_error err;

	memset(&r, 0, sizeof(r));
	r.row = on_row;
	r.ud = &b;
	cnd_error_clear(&err);
	/* fed 7 bytes at a time: tags and entities cut across chunks */
	CHECK_INT(cnd_html_read_pull(pull_some, &src, &r, &err), 0);
	CHECK_STR(b.data,
		  "#0 [Friends] Username=ash_sample Display Name=Ash & Co\n"
		  "#1 [Blocked Users] Username=spam_01\n"
		  "#2 [Blocked Users] ?=Username ?=kit\n");
	CHECK_INT(r.row_count, 5);
	CHECK_INT(r.entries, 0);
	cnd_buf_release(&b);
}

/*
 * Entries come out as the page streams in, though chunks end inside quoted
 * attribute values: libxml2 2.9 alone would then keep the rest of the page
 * buffered and hand every entry over only at the end.
 */
static struct pull_src *stream_src;
static size_t stream_left_at_300;

static int on_streamed(void *ud, const struct cnd_html_entry *e)
{
	(void)ud;
	if (e->index == 300)
		stream_left_at_300 = stream_src->left;
	return 0;
}

TEST(html_entries_stream_across_quoted_values)
{
	struct cnd_buf page = CND_BUF_INIT;
	struct pull_src src;
	struct cnd_html_reader r;
	struct cnd_error err;
	int i;

	cnd_buf_adds(&page, "<html><body><div role=\"main\">");
	for (i = 0; i < 400; i++)
		cnd_buf_printf(&page,
			       "<div class=\"pam _3-95 _2ph- uiBoxWhite\"><h2 "
			       "class=\"_a6-h\">Sam</h2><div class='_a6-p'>"
			       "message %d</div><div class=\"_a6-o\">Oct 13, "
			       "2024 1:23 pm</div></div>",
			       i);
	cnd_buf_adds(&page, "</div></body></html>");
	/* chunk sizes whose boundaries fall inside values */
	for (i = 0; i < 3; i++) {
		static const size_t steps[] = { 1000, 4096, 4103 };

		src.p = page.data;
		src.left = page.len;
		src.step = steps[i];
		stream_src = &src;
		stream_left_at_300 = 0;
		memset(&r, 0, sizeof(r));
		r.fn = on_streamed;
		cnd_error_clear(&err);
		CHECK_INT(cnd_html_read_pull(pull_some, &src, &r, &err), 0);
		CHECK_INT(r.entries, 400);
		CHECK(stream_left_at_300 > 0); /* before the end */
	}
	cnd_buf_release(&page);
}
