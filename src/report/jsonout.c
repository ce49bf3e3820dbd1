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
#include "conduct/base/swar.h"
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

/* Whether none of the eight bytes at s ends the plain run of a JSON
 * string: a control character, a quote, a backslash, or one of a
 * multi-byte UTF-8 sequence (conduct/base/swar.h). */
static int plain8(const char *s)
{
	uint64_t x = cnd_swar_load(s);

	return !(cnd_swar_unprintable(x) | cnd_swar_eq(x, '"') |
		 cnd_swar_eq(x, '\\'));
}

/* 1 for the ASCII bytes a JSON string holds as they are. */
static const unsigned char json_plain[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The escape of ASCII byte c that JSON does not hold as it is. */
static void out_escape(struct cnd_buf *b, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char seq[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
	const char *e = NULL;

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
	}
	if (e)
		jo_put(b, e, 2);
	else
		jo_put(b, seq, sizeof(seq));
}

/*
 * s[0..n) as a JSON string with Jansson's escapes (backslash, quote and
 * control characters only). A run of plain bytes is found eight at a time
 * (plain8 is exact: a group that fails holds a byte to look at, and the
 * one-byte loop stops there; the last bytes are tested as the group of
 * eight that ends the string), valid UTF-8 stays in the run, and each run
 * is copied once; the room for the string without escapes is made first.
 * With check, a byte that is not valid UTF-8 stops it: -1, the buffer as
 * it was. Else 0.
 */
static int out_str(struct cnd_buf *b, const char *s, size_t n, int check)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, from = 0, start = b->len;

	if (b->len + n + 3 > b->cap)
		cnd_buf_grow(b, n + 2);
	b->data[b->len++] = '"';
	for (;;) {
		unsigned char c;

		while (i + 8 <= n && plain8(s + i))
			i += 8;
		/* the last eight, over bytes passed already */
		if (i + 8 > n && n >= 8 && i < n && plain8(s + n - 8))
			i = n;
		while (i < n && u[i] < 0x80 && json_plain[u[i]])
			i++;
		if (i == n)
			break;
		c = u[i];
		if (c >= 0x80) {
			int32_t cp;

			i += cnd_utf8_step(u + i, n - i, &cp);
			if (cp < 0 && check) {
				b->len = start;
				b->data[start] = '\0';
				return -1;
			}
			continue;
		}
		jo_put(b, s + from, i - from);
		out_escape(b, c);
		from = ++i;
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

