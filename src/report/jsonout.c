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
#include <stdio.h>
#include <stdlib.h>

#include "conduct/base/arena.h"
#include "jsonout.h"

static void jw_indent(struct cnd_buf *b, int depth)
{
	if (depth < 0)
		return; /* CND_JSON_FLAT: one line */
	cnd_buf_addc(b, '\n');
	for (int i = 0; i < 2 * depth; i++)
		cnd_buf_addc(b, ' ');
}

/* Jansson's escapes: backslash, quote and control characters only. */
void cnd_json_out_string(struct cnd_buf *b, const char *s, size_t n)
{
	size_t i, from = 0;

	cnd_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char seq[8];
		const char *e = seq;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		cnd_buf_add(b, s + from, i - from);
		from = i + 1;
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
		cnd_buf_adds(b, e);
	}
	cnd_buf_add(b, s + from, n - from);
	cnd_buf_addc(b, '"');
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

