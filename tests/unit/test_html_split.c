/*
 * Unit tests for src/parse/html_split.c, a long HTML page read on two
 * threads: whatever the segment size and however the page's chunks fall,
 * the entries, their order and indices, the problems and the status are
 * exactly those of the one-thread read, on clean Messenger-shaped pages
 * (several photos, links, entities, line breaks, entries without a date),
 * on a page with broken markup in its middle, on one whose entries are cut
 * at the entry limit and when the callback stops the read; and on a clean
 * page the helper thread really does read some of the entries.
 */
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/html.h"
#include "harness.h"

struct split_seen {
	struct cnd_buf out;
	long long stop_at; /* -1: never */
};

static void add_list(struct cnd_buf *b, const char *tag,
		     const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cnd_buf_printf(b, " %s[%s]", tag, v[i]);
}

static int split_entry(void *ud, const struct cnd_html_entry *e)
{
	struct split_seen *s = ud;
	size_t i;

	cnd_buf_printf(&s->out, "#%lld h=%s d=%s t=%s", e->index,
		       e->header ? e->header : "-", e->date ? e->date : "-",
		       e->text ? e->text : "-");
	add_list(&s->out, "l", e->lines, e->n_lines);
	add_list(&s->out, "g", e->line_tags, e->n_lines);
	add_list(&s->out, "m", e->media, e->n_media);
	for (i = 0; i < e->n_links; i++)
		cnd_buf_printf(&s->out, " a[%s|%s]", e->links[i].href,
			       e->links[i].text);
	for (i = 0; i < e->n_fields; i++)
		cnd_buf_printf(&s->out, " f[%s=%s]", e->fields[i].label,
			       e->fields[i].value);
	if (e->truncated)
		cnd_buf_adds(&s->out, " CUT");
	cnd_buf_addc(&s->out, '\n');
	return e->index == s->stop_at ? 3 /* CND_FATAL */ : 0;
}

static void split_problem(void *ud, int status, const char *msg)
{
	struct split_seen *s = ud;

	cnd_buf_printf(&s->out, "! %d %s\n", status, msg);
}

struct split_src {
	const char *p;
	size_t left, step;
};

static long split_pull(void *ctx, void *buf, unsigned long n)
{
	struct split_src *src = ctx;
	size_t k = src->left < src->step ? src->left : src->step;

	if (k > n)
		k = n;
	memcpy(buf, src->p, k);
	src->p += k;
	src->left -= k;
	return (long)k;
}

/* A Messenger thread page of n entries; broken: a tag left open midway. */
static void split_page(struct cnd_buf *b, int n, int broken)
{
	int i;

	cnd_buf_adds(b, "<html><head><meta charset=\"utf-8\"><title>Sam "
			"Sample</title></head><body><div class=\"_a705\"><div "
			"class=\"_a706\" role=\"main\">");
	for (i = 0; i < n; i++) {
		cnd_buf_printf(b,
			       "<div class=\"pam _3-95 _2ph- _a6-g uiBoxWhite "
			       "noborder\"><h2 class=\"_a6-h\">%s</h2><div "
			       "class=\"_a6-p\"><div><div></div><div>Message "
			       "%d &amp; more",
			       i % 3 ? "Sam Sample" : "Robin &eacute;xample", i);
		if (i % 5 == 0)
			cnd_buf_adds(b, "<br>second line &#x1F600;");
		if (i % 7 == 0)
			cnd_buf_printf(b, "</div><div><img src=\"photos/%d_a.jpg"
					  "\"><img src='photos/%d_b.jpg'><img "
					  "src=\"photos/%d_c.jpg\">",
				       i, i, i);
		if (i % 11 == 0)
			cnd_buf_printf(b, "</div><div><a href=\"https://example"
					  ".org/?a=%d&amp;b=2\">a link</a>",
				       i);
		if (broken && i == n / 2)
			cnd_buf_adds(b, "<span class=\"x\"<b>odd</i>");
		cnd_buf_adds(b, "</div></div></div>");
		if (i % 13 != 0)
			cnd_buf_printf(b, "<div class=\"_3-94 _a6-o\">Oct %d, "
					  "2024 %d:%02d pm</div>",
				       1 + i % 28, 1 + i % 12, i % 60);
		cnd_buf_adds(b, "</div>\n");
	}
	cnd_buf_adds(b, "</div></div></body></html>\n");
}

/* One read: the entries and problems as text, the status at the end. */
static void split_read(const struct cnd_buf *page, size_t step, int helpers,
		       size_t entry_max, long long stop_at,
		       struct cnd_buf *out, struct cnd_html_reader *r)
{
	struct split_seen s;
	struct split_src src = { page->data, page->len, step };
	struct cnd_error err;
	int st;

	memset(&s, 0, sizeof(s));
	s.stop_at = stop_at;
	memset(r, 0, sizeof(*r));
	r->fn = split_entry;
	r->problem = split_problem;
	r->ud = &s;
	r->helpers = helpers;
	r->entry_max = entry_max;
	cnd_error_clear(&err);
	st = cnd_html_read_pull(split_pull, &src, r, &err);
	cnd_buf_printf(&s.out, "status %d entries %lld title %s err %s\n", st,
		       r->entries, r->title, err.message);
	*out = s.out;
}

/*
 * The page read on one thread and on two, segment by segment, must give
 * the same text; returns the entries the helper read (summed).
 */
static long long split_same(const struct cnd_buf *page, size_t entry_max,
			    long long stop_at)
{
	static const char *const segments[] = { "600", "2048", "9000", NULL };
	static const size_t steps[] = { 4096, 7777, 65536 };
	long long helper = 0;
	size_t i, k;

	for (i = 0; segments[i]; i++) {
		for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
			struct cnd_buf one, two;
			struct cnd_html_reader r;

			setenv("CONDUCT_HTML_SEGMENT", segments[i], 1);
			split_read(page, steps[k], 0, entry_max, stop_at, &one,
				   &r);
			CHECK_INT(r.helper_entries, 0);
			split_read(page, steps[k], 1, entry_max, stop_at, &two,
				   &r);
			helper += r.helper_entries;
			cnd_buf_addc(&one, '\0');
			cnd_buf_addc(&two, '\0');
			CHECK_STR(two.data, one.data);
			cnd_buf_release(&one);
			cnd_buf_release(&two);
		}
	}
	unsetenv("CONDUCT_HTML_SEGMENT");
	return helper;
}

TEST(html_split_same_entries_as_one_thread)
{
	struct cnd_buf page = CND_BUF_INIT;

	split_page(&page, 3000, 0);
	/* the helper did read part of the page, in every one of 9 ways */
	CHECK(split_same(&page, 0, -1) > 9 * 100);
	cnd_buf_release(&page);
}

TEST(html_split_broken_markup_midway)
{
	struct cnd_buf page = CND_BUF_INIT;

	split_page(&page, 3000, 1);
	split_same(&page, 0, -1);
	cnd_buf_release(&page);
}

TEST(html_split_cut_entries_and_stop)
{
	struct cnd_buf page = CND_BUF_INIT;

	split_page(&page, 3000, 0);
	split_same(&page, 40, -1); /* every entry cut at the limit */
	split_same(&page, 0, 2222); /* the callback stops the read */
	cnd_buf_release(&page);
}

TEST(html_split_default_segment_long_page)
{
	struct cnd_buf page = CND_BUF_INIT, one, two;
	struct cnd_html_reader r;

	split_page(&page, 12000, 0); /* about 3 MB: 64 KiB segments */
	unsetenv("CONDUCT_HTML_SEGMENT");
	split_read(&page, 65536, 0, 0, -1, &one, &r);
	split_read(&page, 65536, 1, 0, -1, &two, &r);
	CHECK(r.helper_entries > 1000);
	CHECK_INT(r.entries, 12000);
	cnd_buf_addc(&one, '\0');
	cnd_buf_addc(&two, '\0');
	CHECK_STR(two.data, one.data);
	cnd_buf_release(&one);
	cnd_buf_release(&two);
	cnd_buf_release(&page);
}
