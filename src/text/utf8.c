/*
 * UTF-8 and HTML character references: UTF-8 validated, decoded and
 * encoded one code point at a time (the decoder itself is in unicode.h,
 * shared by every file of src/text/), and the character references that
 * Twitter and Mastodon leave in post text (&amp; &lt; &#39; &#x1F600;)
 * decoded.
 */
#include <stdint.h>
#include <string.h>

#include "conduct/text/utf8.h"

#include "conduct/text/unicode.h"

/* ---- UTF-8 ---- */

/* Encode a valid code point; returns its length (1..4). */
static size_t u8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t cnd_utf8_decode(const char *s, size_t n, int32_t *cp)
{
	return cnd_utf8_step((const unsigned char *)s, n, cp);
}

size_t cnd_utf8_encode(int32_t cp, char *out)
{
	return u8_encode(cp, out);
}

int cnd_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int32_t cp;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		i += cnd_utf8_step(u + i, n - i, &cp);
		if (cp < 0)
			return 0;
	}
	return 1;
}

/* ---- HTML character references ---- */

/* Decode "&...;" at s (s[0] == '&'); its length, or 0 to copy it as is. */
static size_t html_entity(const char *s, int32_t *cp)
{
	static const struct {
		const char *name;
		int32_t cp;
	} named[] = {
		{ "&amp;", '&' },   { "&lt;", '<' },    { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' },
	};
	size_t i;
	int32_t v = 0;
	int hex, digits = 0;

	if (s[1] != '#') {
		for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
			size_t len = strlen(named[i].name);

			if (strncmp(s, named[i].name, len) == 0) {
				*cp = named[i].cp;
				return len;
			}
		}
		return 0;
	}
	hex = s[2] == 'x' || s[2] == 'X';
	for (i = hex ? 3 : 2;; i++) {
		char c = s[i];
		int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (hex && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (hex && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			break;
		digits++;
		if (v <= 0x10FFFF) /* past that it is invalid anyway */
			v = v * (hex ? 16 : 10) + d;
	}
	if (!digits || s[i] != ';' || v == 0 || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return i + 1;
}

char *cnd_html_unescape(struct cnd_arena *a, const char *s)
{
	size_t n, o = 0;
	char *out;

	if (!s)
		return NULL;
	/* every reference is at least as long as its UTF-8 encoding */
	n = strlen(s);
	out = cnd_arena_alloc(a, n + 1);
	if (!memchr(s, '&', n))
		return memcpy(out, s, n + 1);
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t len;

		if (s[i] == '&' && (len = html_entity(s + i, &cp)) > 0) {
			o += u8_encode(cp, out + o);
			i += len;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	return out;
}
