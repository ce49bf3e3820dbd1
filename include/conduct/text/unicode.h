/*
 * What the text layer's files and the word matcher (src/match/matcher.c)
 * share: the UTF-8 decoder that the folding, the excerpts and the word
 * splitter run on every non-ASCII character (static inline, so that none of
 * them pays a call for it), and the Unicode folding of a run of valid UTF-8
 * through utf8proc (src/text/fold.c), with its buffer of code points.
 */
#ifndef CONDUCT_TEXT_UNICODE_H
#define CONDUCT_TEXT_UNICODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <utf8proc.h>

/*
 * Decode one code point from s[0..n) (n >= 1): its length, with *cp set, or
 * 1 with *cp = -1 for a byte that does not start a valid, shortest-form,
 * non-surrogate sequence.
 */
static inline size_t cnd_utf8_step(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned c = s[0];
	size_t len, i;
	int32_t v, min;

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = (int32_t)(c & 0x1F);
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = (int32_t)(c & 0x0F);
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = (int32_t)(c & 0x07);
		min = 0x10000;
	} else {
		goto invalid;
	}
	if (n < len)
		goto invalid;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto invalid;
		v = (v << 6) | (int32_t)(s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto invalid;
	*cp = v;
	return len;
invalid:
	*cp = -1;
	return 1;
}

/* A growable buffer of code points with room on the stack to start with. */
struct cnd_ubuf {
	utf8proc_int32_t *data;
	size_t cap;
	utf8proc_int32_t inl[128];
};

static inline void cnd_ubuf_init(struct cnd_ubuf *u)
{
	u->data = u->inl;
	u->cap = sizeof(u->inl) / sizeof(u->inl[0]);
}

static inline void cnd_ubuf_release(struct cnd_ubuf *u)
{
	if (u->data != u->inl)
		free(u->data);
	cnd_ubuf_init(u);
}

/*
 * Fold valid UTF-8 s[0..n) with utf8proc; the result is left as UTF-8 in
 * the ubuf's memory. Returns its length, or 0 (empty) on error.
 */
size_t cnd_text_fold_unicode(const char *s, size_t n, struct cnd_ubuf *u,
		    const char **out);

#endif
