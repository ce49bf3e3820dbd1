/*
 * JSON written as Jansson's json_dumps(v, JSON_INDENT(2) | JSON_ENCODE_ANY)
 * writes it, byte for byte (tests/unit/test_jsonout.c holds the two side
 * by side), for the JSON report. Jansson's dump checks every array and
 * object for loops through a hash table keyed by its printed address and
 * hands its output over a few bytes at a time: dumping a finding cost
 * three times as much as building it, and the JSON report is the longer of
 * the two reports written side by side. Reals, rare in reports, are still
 * formatted by Jansson.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/text/unicode.h"
#include "jsonout.h"

static void jw_indent(struct cnd_buf *b, int depth)
{
	if (depth < 0)
		return; /* CND_JSON_FLAT: one line */
	cnd_buf_addc(b, '\n');
	for (int i = 0; i < 2 * depth; i++)
		cnd_buf_addc(b, ' ');
}

/* Bytes that end the plain run of a JSON string: a control character, a
 * quote, a backslash, or one of a multi-byte UTF-8 sequence. */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static int plain8(const char *s)
{
	uint64_t x, q, k;

	memcpy(&x, s, 8);
	q = x ^ (0x22 * ONES); /* a quote becomes a zero byte */
	k = x ^ (0x5C * ONES); /* a backslash too */
	/* with no high bit set in x, a byte below 0x20 (or a zero byte of q
	   or k) borrows, setting a high bit of the difference */
	return !((x | (x - 0x20 * ONES) | (q - ONES) | (k - ONES)) & HIGHS);
}

/*
 * s[0..n) as a JSON string with Jansson's escapes (backslash, quote and
 * control characters only): eight plain ASCII bytes are passed over at a
 * time, which is most of a report. With check, a byte that is not valid
 * UTF-8 stops it: -1, the buffer as it was. Else 0.
 */
static int out_str(struct cnd_buf *b, const char *s, size_t n, int check)
{
	size_t i = 0, from = 0, start = b->len, stop;

	cnd_buf_grow(b, n + 2);
	b->data[b->len++] = '"';
	while (i < n) {
		if (i + 8 <= n && plain8(s + i)) {
			i += 8;
			continue;
		}
		/* the next eight bytes one at a time */
		for (stop = i + 8 < n ? i + 8 : n; i < stop;) {
			unsigned char c = (unsigned char)s[i];
			char seq[8];
			const char *e = seq;
			int32_t cp;

			if (c >= 0x80) {
				i += cnd_utf8_step((const unsigned char *)s + i,
						   n - i, &cp);
				if (cp < 0 && check) {
					b->len = start;
					b->data[start] = '\0';
					return -1;
				}
				continue;
			}
			if (c >= 0x20 && c != '"' && c != '\\') {
				i++;
				continue;
			}
			jo_put(b, s + from, i - from);
			from = ++i;
			switch (c) {
			case '"':
				e = "\\\"";
				break;
			case '\\':
				e = "\\\\";
				break;
			case '\b':
				e = "\\b";
				break;
			case '\f':
				e = "\\f";
				break;
			case '\n':
				e = "\\n";
				break;
			case '\r':
				e = "\\r";
				break;
			case '\t':
				e = "\\t";
				break;
			default:
				snprintf(seq, sizeof(seq), "\\u%04X", c);
			}
			jo_put(b, e, strlen(e));
		}
	}
	jo_put(b, s + from, n - from);
	jo_put(b, "\"", 1);
	return 0;
}

void cnd_json_out_string(struct cnd_buf *b, const char *s, size_t n)
{
	out_str(b, s, n, 0);
}

int cnd_json_out_utf8(struct cnd_buf *b, const char *s, size_t n)
{
	return out_str(b, s, n, 1);
}

int cnd_json_dump_buf(struct cnd_buf *b, const json_t *v, int depth)
{
	char num[32];

	switch (json_typeof(v)) {
	case JSON_NULL:
		cnd_buf_adds(b, "null");
		return 0;
	case JSON_TRUE:
		cnd_buf_adds(b, "true");
		return 0;
	case JSON_FALSE:
		cnd_buf_adds(b, "false");
		return 0;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		cnd_buf_adds(b, num);
		return 0;
	case JSON_REAL: {
		char *r = json_dumps(v, JSON_ENCODE_ANY);

		if (!r)
			return -1;
		cnd_buf_adds(b, r);
		free(r);
		return 0;
	}
	case JSON_STRING:
		cnd_json_out_string(b, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_ARRAY: {
		size_t i, n = json_array_size(v);

		cnd_buf_addc(b, '[');
		for (i = 0; i < n; i++) {
			if (i)
				cnd_buf_addc(b, ',');
			jw_indent(b, depth + 1);
			if (cnd_json_dump_buf(b, json_array_get(v, i), depth + 1))
				return -1;
		}
		if (n)
			jw_indent(b, depth);
		cnd_buf_addc(b, ']');
		return 0;
	}
	case JSON_OBJECT: {
		void *first = json_object_iter((json_t *)v), *it;

		cnd_buf_addc(b, '{');
		for (it = first; it; it = json_object_iter_next((json_t *)v, it)) {
			if (it != first)
				cnd_buf_addc(b, ',');
			jw_indent(b, depth + 1);
			cnd_json_out_string(b, json_object_iter_key(it),
					    json_object_iter_key_len(it));
			cnd_buf_add(b, ": ", depth < 0 ? 1 : 2);
			if (cnd_json_dump_buf(b, json_object_iter_value(it), depth + 1))
				return -1;
		}
		if (first)
			jw_indent(b, depth);
		cnd_buf_addc(b, '}');
		return 0;
	}
	}
	return -1;
}

