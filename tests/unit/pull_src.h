/*
 * A page held in memory and handed to a pull reader (cnd_html_read_pull)
 * a fixed number of bytes at a time, so that the HTML tests choose where
 * the chunks fall. Shared by test_html.c and test_html_split.c.
 */
#ifndef CONDUCT_TEST_PULL_SRC_H
#define CONDUCT_TEST_PULL_SRC_H

#include <string.h>

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

#endif
