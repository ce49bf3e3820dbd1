/*
 * What the HTML reader's unit tests (test_html.c, test_html_split.c)
 * share: a page held in memory and handed to a pull reader
 * (cnd_html_read_pull) a fixed number of bytes at a time, so that a test
 * chooses where the chunks fall, and an entry written out as one line of
 * text, to compare reads with each other or with what a test expects.
 */
#ifndef CONDUCT_TEST_HTML_TEST_H
#define CONDUCT_TEST_HTML_TEST_H

#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/html.h"

struct pull_src {
	const char *p;
	size_t left, step;
};

/* Up to src->step bytes (at most n); 0 at the end. */
static inline long pull_some(void *ctx, void *buf, unsigned long n)
{
	struct pull_src *src = ctx;
	size_t k = src->left < src->step ? src->left : src->step;

	if (k > n)
		k = n;
	memcpy(buf, src->p, k);
	src->p += k;
	src->left -= k;
	return (long)k;
}

/*
 * e as "#index h=header d=date t=text", its links a[href|text], media
 * m[src], fields f[label=value] and CUT when cut; with all, its lines
 * l[...] and their tags g[...] first.
 */
static inline void html_entry_line(struct cnd_buf *b,
				   const struct cnd_html_entry *e, int all)
{
	size_t i;

	cnd_buf_printf(b, "#%lld h=%s d=%s t=%s", e->index,
		       e->header ? e->header : "-", e->date ? e->date : "-",
		       e->text ? e->text : "-");
	for (i = 0; all && i < e->n_lines; i++)
		cnd_buf_printf(b, " l[%s]", e->lines[i]);
	for (i = 0; all && i < e->n_lines; i++)
		cnd_buf_printf(b, " g[%s]", e->line_tags[i]);
	for (i = 0; i < e->n_links; i++)
		cnd_buf_printf(b, " a[%s|%s]", e->links[i].href,
			       e->links[i].text);
	for (i = 0; i < e->n_media; i++)
		cnd_buf_printf(b, " m[%s]", e->media[i]);
	for (i = 0; i < e->n_fields; i++)
		cnd_buf_printf(b, " f[%s=%s]", e->fields[i].label,
			       e->fields[i].value);
	if (e->truncated)
		cnd_buf_adds(b, " CUT");
	cnd_buf_addc(b, '\n');
}

#endif
