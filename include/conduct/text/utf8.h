/*
 * UTF-8 validated, decoded and encoded one code point at a time, and HTML
 * character references decoded (Twitter escapes &amp; &lt; &gt; in tweet
 * text): src/text/utf8.c.
 */
#ifndef CONDUCT_TEXT_UTF8_H
#define CONDUCT_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"

/* 1 when s[0..n) is valid UTF-8. */
int cnd_utf8_valid(const char *s, size_t n);

/*
 * Decode the UTF-8 sequence at s (n > 0 bytes available): its length, with
 * the code point in *cp, or 1 with *cp = -1 when the bytes are not valid
 * UTF-8 (overlong, surrogate, truncated, out of range).
 */
size_t cnd_utf8_decode(const char *s, size_t n, int32_t *cp);
/* Write valid code point cp as UTF-8 into out (room for 4); its length. */
size_t cnd_utf8_encode(int32_t cp, char *out);

/* Decode HTML character references (&amp; &#39; &#x1F600; ...). */
char *cnd_html_unescape(struct cnd_arena *a, const char *s);

#endif
