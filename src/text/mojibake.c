/*
 * Mojibake repair for Meta's exports (Instagram, Facebook, Threads,
 * Messenger), which write every byte of UTF-8 text as its own \u00XX
 * escape: the bytes are put back together when they form valid UTF-8,
 * and genuine Latin-1 text is left as it is.
 */
#include <string.h>

#include "conduct/text/text.h"

/*
 * Meta's exports write every byte of a UTF-8 string as its own \u00XX
 * escape, so Jansson hands back U+00C3 U+00B8 where the text said "ø".
 * When every code point is at most U+00FF and the bytes they stand for form
 * valid UTF-8 with at least one multi-byte sequence, those bytes are the
 * text; otherwise the string was genuine Latin-1 (or already right).
 */
char *cnd_text_unmojibake(struct cnd_arena *a, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i = 0, o = 0;
	int high = 0;
	char *out;

	if (!s)
		return NULL;
	n = strlen(s);
	out = cnd_arena_alloc(a, n + 1);
	while (i < n) {
		unsigned c = p[i];

		if (c < 0x80) {
			out[o++] = (char)c;
			i++;
			continue;
		}
		/* only U+0080..U+00FF (C2 xx, C3 xx) can stand for a byte */
		if ((c != 0xC2 && c != 0xC3) || i + 1 >= n ||
		    (p[i + 1] & 0xC0) != 0x80)
			goto keep;
		out[o++] = (char)(((c & 0x1F) << 6) | (p[i + 1] & 0x3F));
		i += 2;
		high = 1;
	}
	out[o] = '\0';
	if (high && cnd_utf8_valid(out, o))
		return out;
keep:
	memcpy(out, s, n + 1);
	return out;
}
