/*
 * Text shaped for matching and for showing: a CSV cell trimmed, text
 * folded for matching (NFKC, case folded, marks stripped, through
 * utf8proc; the matcher's word splitter folds its words with the same
 * cnd_text_fold_unicode()), and short evidence excerpts cut on character
 * boundaries, whitespace runs folded to one space.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "conduct/text/text.h"

#include "conduct/text/unicode.h"

#define FOLD_OPTS                                                    \
	((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPAT |     \
			     UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | \
			     UTF8PROC_STRIPMARK))

char *cnd_text_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* ---- folding ---- */

static void ubuf_reserve(struct cnd_ubuf *u, size_t n)
{
	if (n <= u->cap)
		return;
	if (u->data != u->inl)
		free(u->data);
	u->data = cnd_xmalloc(n * sizeof(*u->data));
	u->cap = n;
}

/*
 * Fold valid UTF-8 s[0..n) with utf8proc; the result is left as UTF-8 in
 * the ubuf's memory. Returns its length, or 0 (empty) on error.
 */
size_t cnd_text_fold_unicode(const char *s, size_t n, struct cnd_ubuf *u,
		    const char **out)
{
	utf8proc_ssize_t len, bytes;

	*out = "";
	for (;;) {
		/* one spare slot: reencode writes a NUL after the bytes */
		len = utf8proc_decompose((const utf8proc_uint8_t *)s,
					 (utf8proc_ssize_t)n, u->data,
					 (utf8proc_ssize_t)u->cap - 1,
					 FOLD_OPTS);
		if (len < 0)
			return 0;
		if ((size_t)len < u->cap)
			break;
		ubuf_reserve(u, (size_t)len + 1);
	}
	bytes = utf8proc_reencode(u->data, len, FOLD_OPTS);
	if (bytes < 0)
		return 0;
	*out = (const char *)u->data;
	return (size_t)bytes;
}

static int all_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : c;
}

char *cnd_text_fold(struct cnd_arena *a, const char *s, size_t n)
{
	struct cnd_buf clean = CND_BUF_INIT;
	struct cnd_ubuf u;
	const char *folded;
	size_t len;
	char *out;

	if (!s || !n)
		return cnd_arena_strdup(a, "");
	if (all_ascii(s, n)) {
		out = cnd_arena_alloc(a, n + 1);
		for (size_t i = 0; i < n; i++)
			out[i] = ascii_lower(s[i]);
		out[n] = '\0';
		return out;
	}
	/* drop invalid bytes (utf8proc refuses the whole string otherwise) */
	cnd_buf_grow(&clean, n);
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t l = cnd_utf8_step((const unsigned char *)s + i, n - i,
					 &cp);

		if (cp >= 0)
			cnd_buf_add(&clean, s + i, l);
		i += l;
	}
	cnd_ubuf_init(&u);
	len = cnd_text_fold_unicode(clean.data, clean.len, &u, &folded);
	out = cnd_arena_strndup(a, folded, len);
	cnd_ubuf_release(&u);
	cnd_buf_release(&clean);
	return out;
}

/* ---- excerpts ---- */

static int is_space_cp(int32_t cp)
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

/* Start of the code point that ends at t[i] (i > 0); an invalid byte alone. */
static size_t u8_prev(const unsigned char *t, size_t n, size_t i,
		      int32_t *cp)
{
	for (size_t k = 1; k <= 4 && k <= i; k++) {
		if (cnd_utf8_step(t + i - k, n - (i - k), cp) == k && *cp >= 0)
			return i - k;
	}
	*cp = -1;
	return i - 1;
}

/* i moved back to the start of the valid sequence it is inside of, if any. */
static size_t u8_snap(const unsigned char *t, size_t n, size_t i)
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

/*
 * The code point at t[i] (i < n): its length, with *cp set; an ASCII byte
 * (most of what people write) without a call to the decoder.
 */
static inline size_t u8_next(const unsigned char *t, size_t n, size_t i,
			     int32_t *cp)
{
	if (t[i] < 0x80) {
		*cp = (int32_t)t[i];
		return 1;
	}
	return cnd_utf8_step(t + i, n - i, cp);
}

/* u8_prev() with the same ASCII shortcut (an ASCII byte is never a tail). */
static inline size_t u8_back(const unsigned char *t, size_t n, size_t i,
			     int32_t *cp)
{
	if (t[i - 1] < 0x80) {
		*cp = (int32_t)t[i - 1];
		return i - 1;
	}
	return u8_prev(t, n, i, cp);
}

static inline int space_cp(int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return cp <= 0x20 || cp == 0x7F;
	return is_space_cp(cp);
}

/*
 * The excerpt is written into one buffer sized for the worst case (an
 * invalid byte becomes the three bytes of U+FFFD, an ellipsis at each
 * end), on the stack for the usual few hundred bytes, and copied once.
 */
#define EXCERPT_STACK 1024

char *cnd_text_excerpt(struct cnd_arena *a, const char *text, size_t start,
		       size_t len, size_t width)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t n, s, e, lo, hi, count, i, o, most;
	int prev_space, cut_before = 0, cut_after = 0, pending = 0;
	char stack[EXCERPT_STACK], *out;
	int32_t cp;
	char *res;

	if (!text)
		return cnd_arena_strdup(a, "");
	n = strlen(text);
	if (start > n)
		start = n;
	if (len > n - start)
		len = n - start;
	s = u8_snap(t, n, start);
	e = start + len;
	if (e < n) {
		size_t b = u8_snap(t, n, e);

		if (b < e)
			e = b + cnd_utf8_step(t + b, n - b, &cp);
	}

	/* about `width` characters before; a whitespace run counts as one */
	lo = s;
	count = 0;
	prev_space = 0;
	while (lo > 0 && count < width) {
		size_t p = u8_back(t, n, lo, &cp);
		int sp = space_cp(cp);

		if (!(sp && prev_space))
			count++;
		prev_space = sp;
		lo = p;
	}
	for (i = lo; i > 0;) {
		i = u8_back(t, n, i, &cp);
		if (!space_cp(cp)) {
			cut_before = 1;
			break;
		}
	}

	hi = e;
	count = 0;
	prev_space = 0;
	while (hi < n && count < width) {
		size_t l = u8_next(t, n, hi, &cp);
		int sp = space_cp(cp);

		if (!(sp && prev_space))
			count++;
		prev_space = sp;
		hi += l;
	}
	for (i = hi; i < n;) {
		i += u8_next(t, n, i, &cp);
		if (!space_cp(cp)) {
			cut_after = 1;
			break;
		}
	}

	most = 3 * (hi - lo) + 7;
	out = most <= sizeof(stack) ? stack : cnd_xmalloc(most);
	o = 0;
	if (cut_before) {
		memcpy(out, "\xE2\x80\xA6", 3);
		o = 3;
	}
	for (i = lo; i < hi;) {
		size_t l;

		if (t[i] > 0x20 && t[i] < 0x7F) {
			/* a run of printable ASCII: one copy */
			size_t j = i + 1;

			while (j < hi && t[j] > 0x20 && t[j] < 0x7F)
				j++;
			if (pending && o > (cut_before ? 3u : 0u))
				out[o++] = ' ';
			pending = 0;
			memcpy(out + o, text + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		l = u8_next(t, n, i, &cp);
		if (space_cp(cp)) {
			pending = 1;
		} else {
			if (pending && o > (cut_before ? 3u : 0u))
				out[o++] = ' ';
			pending = 0;
			if (cp < 0) {
				memcpy(out + o, "\xEF\xBF\xBD", 3);
				o += 3;
			} else if (l == 1) {
				out[o++] = text[i];
			} else {
				memcpy(out + o, text + i, l);
				o += l;
			}
		}
		i += l;
	}
	if (cut_after) {
		memcpy(out + o, "\xE2\x80\xA6", 3);
		o += 3;
	}
	res = cnd_arena_strndup(a, out, o);
	if (out != stack)
		free(out);
	return res;
}
