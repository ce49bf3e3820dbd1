/*
 * Unit tests for src/report/jsonout.c: cnd_json_dump_buf() writes the bytes
 * Jansson's json_dumps(JSON_INDENT(2) | JSON_ENCODE_ANY) writes, for
 * hand-picked values (every control character, quotes, backslashes, UTF-8
 * of every length, empty and nested containers, integers at their limits,
 * reals) and for thousands of random trees, at depth 0 and deeper (where
 * every line break carries two more spaces per level).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "../../src/report/jsonout.h"
#include "harness.h"

/* Jansson's dump of v with 2 * depth spaces after each line break. */
static char *jansson_at(const json_t *v, int depth)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_ENCODE_ANY);
	struct cnd_buf b = CND_BUF_INIT;

	if (!s)
		return NULL;
	for (const char *p = s; *p; p++) {
		cnd_buf_addc(&b, *p);
		if (*p == '\n')
			for (int i = 0; i < 2 * depth; i++)
				cnd_buf_addc(&b, ' ');
	}
	free(s);
	cnd_buf_addc(&b, '\0');
	return b.data;
}

/* 1 when the one-line form (CND_JSON_FLAT) is Jansson's JSON_COMPACT. */
static int same_flat(const json_t *v)
{
	char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	struct cnd_buf b = CND_BUF_INIT;
	int ok;

	ok = want && cnd_json_dump_buf(&b, v, CND_JSON_FLAT) == 0;
	cnd_buf_addc(&b, '\0');
	ok = ok && !strcmp(b.data, want);
	if (!ok)
		fprintf(stderr, "  ours:    %s\n  jansson: %s\n", b.data,
			want ? want : "");
	free(want);
	cnd_buf_release(&b);
	return ok;
}

/* 1 when ours and Jansson's agree on v at depths 0 and 3, and flat. */
static int same_as_jansson(const json_t *v)
{
	if (!same_flat(v))
		return 0;
	for (int depth = 0; depth <= 3; depth += 3) {
		struct cnd_buf b = CND_BUF_INIT;
		char *want = jansson_at(v, depth);
		int ok;

		if (cnd_json_dump_buf(&b, v, depth) != 0 || !want) {
			free(want);
			cnd_buf_release(&b);
			return 0;
		}
		cnd_buf_addc(&b, '\0');
		ok = !strcmp(b.data, want);
		if (!ok)
			fprintf(stderr, "  ours:    %s\n  jansson: %s\n", b.data,
				want);
		free(want);
		cnd_buf_release(&b);
		if (!ok)
			return 0;
	}
	return 1;
}

TEST(jsonout_scalars_and_strings)
{
	char all[64];
	json_t *v;
	int i;

	/* every control character, with text between them */
	for (i = 0; i < 0x20; i++) {
		all[2 * i] = (char)i;
		all[2 * i + 1] = 'a';
	}
	v = json_stringn(all, 64);
	CHECK(v && same_as_jansson(v));
	json_decref(v);
	static const char *const strings[] = {
		"", "plain", "say \"hi\"", "back\\slash", "a/b </script>",
		"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80", "\x7f del",
		"\"", "\\", "tab\there\r\n", "\xe2\x80\xa8 line separator",
	};
	for (size_t k = 0; k < sizeof(strings) / sizeof(strings[0]); k++) {
		v = json_string(strings[k]);
		CHECK(v && same_as_jansson(v));
		json_decref(v);
	}
	v = json_stringn("nul\0inside", 10);
	CHECK(v && same_as_jansson(v));
	json_decref(v);

	static const json_int_t ints[] = { 0, 1, -1, 42, INT64_MAX,
					   INT64_MIN };
	for (size_t k = 0; k < sizeof(ints) / sizeof(ints[0]); k++) {
		v = json_integer(ints[k]);
		CHECK(same_as_jansson(v));
		json_decref(v);
	}
	static const double reals[] = { 0.0, -0.0, 0.1, 3.0, 1e20, -2.5e-7,
					51.507222, 1e300 };
	for (size_t k = 0; k < sizeof(reals) / sizeof(reals[0]); k++) {
		v = json_real(reals[k]);
		CHECK(same_as_jansson(v));
		json_decref(v);
	}
	CHECK(same_as_jansson(json_true()));
	CHECK(same_as_jansson(json_false()));
	CHECK(same_as_jansson(json_null()));
}

TEST(jsonout_containers)
{
	json_t *v = json_pack(
		"{s:[], s:{}, s:[i, s, {s:[[]], s:{s:{}}}], s:{s:n, s:b}, "
		"s:s, s:[{}, [], n]}",
		"empty_array", "empty_object", "list", 1, "two", "deep", "a",
		"b", "c", "nested", "x", 1, "k\"ey\n", "v", "mixed");

	CHECK(v != NULL);
	CHECK(v && same_as_jansson(v));
	json_decref(v);
}

/* A random value up to `depth` levels of containers. */
static json_t *random_value(unsigned *seed, int depth)
{
	static const char pieces[][8] = { "a", "\"", "\\", "\n", "\x01",
					  "\xc3\xa9", "\xe2\x82\xac", " ",
					  "\xf0\x9f\x98\x80", "/", "\t", "z" };
	int kind = (int)(rand_r(seed) % (depth > 0 ? 9 : 6));
	char text[64];
	size_t n = 0;
	json_t *v;

	switch (kind) {
	case 0:
		return json_null();
	case 1:
		return json_boolean(rand_r(seed) & 1);
	case 2:
		return json_integer((json_int_t)rand_r(seed) - RAND_MAX / 2);
	case 3:
		return json_real((double)rand_r(seed) / 7.0);
	case 4:
	case 5:
		for (int k = (int)(rand_r(seed) % 6); k > 0; k--) {
			const char *p = pieces[rand_r(seed) %
					       (sizeof(pieces) /
						sizeof(pieces[0]))];

			memcpy(text + n, p, strlen(p));
			n += strlen(p);
		}
		return json_stringn(text, n);
	case 6:
	case 7:
		v = json_array();
		for (int k = (int)(rand_r(seed) % 4); k > 0; k--)
			json_array_append_new(v, random_value(seed, depth - 1));
		return v;
	default:
		v = json_object();
		for (int k = (int)(rand_r(seed) % 4); k > 0; k--) {
			snprintf(text, sizeof(text), "k%u\"\n",
				 rand_r(seed) % 100);
			json_object_set_new(v, text,
					    random_value(seed, depth - 1));
		}
		return v;
	}
}

TEST(jsonout_random_trees)
{
	unsigned seed = 20261125;
	int bad = 0;

	for (int i = 0; i < 3000 && bad < 3; i++) {
		json_t *v = random_value(&seed, 4);

		if (!same_as_jansson(v))
			bad++;
		json_decref(v);
	}
	CHECK_INT(bad, 0);
}

/*
 * cnd_json_out_utf8(), the findings' one-pass check and escape: for
 * random strings of plain runs (longer and shorter than the eight bytes
 * passed over at once), escapes, UTF-8 of every length and bytes that are
 * not UTF-8 (stray, truncated, surrogate, overlong), it writes Jansson's
 * bytes exactly when Jansson takes the string, and else nothing.
 */
TEST(jsonout_utf8_checked)
{
	static const char *const pieces[] = {
		"a",	      "plain words ", "\"",	   "\\",
		"\n",	      "\x01",	      "\x1f",	   "\x7f",
		"\xc3\xa9",   "\xe2\x80\x94", "\xf0\x9f\x98\x80",
		"\xff",	      "\xc3",	      "\xed\xa0\x80", "\xc0\xaf",
		"0123456789abcdef",
	};
	unsigned seed = 22;
	int mismatches = 0;

	for (int round = 0; round < 4000; round++) {
		struct cnd_buf s = CND_BUF_INIT, b = CND_BUF_INIT;
		int parts = (int)((seed = seed * 1103515245u + 12345u) >> 16) %
			    12;
		json_t *v;
		char *want = NULL;
		int rc;

		for (int i = 0; i < parts; i++) {
			seed = seed * 1103515245u + 12345u;
			cnd_buf_adds(&s, pieces[(seed >> 16) %
						(sizeof(pieces) /
						 sizeof(pieces[0]))]);
		}
		cnd_buf_adds(&b, "x");
		v = json_stringn(s.data ? s.data : "", s.len);
		rc = cnd_json_out_utf8(&b, s.data ? s.data : "", s.len);
		if (v)
			want = json_dumps(v, JSON_ENCODE_ANY);
		if (v ? (rc != 0 || !want || b.len != strlen(want) + 1 ||
			 memcmp(b.data + 1, want, b.len - 1)) :
			(rc != -1 || b.len != 1 || b.data[1] != '\0'))
			mismatches++;
		free(want);
		json_decref(v);
		cnd_buf_release(&s);
		cnd_buf_release(&b);
	}
	CHECK_INT(mismatches, 0);
}

/*
 * One string through cnd_json_out_utf8() (after "x") against Jansson: the
 * same bytes when Jansson takes it, else -1 and the buffer as it was. For
 * valid UTF-8, cnd_json_out_string() too.
 */
static int same_string(const char *s, size_t n)
{
	struct cnd_buf b = CND_BUF_INIT, c = CND_BUF_INIT;
	json_t *v = json_stringn(s, n);
	char *want = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
	int rc, ok;

	cnd_buf_adds(&b, "x");
	cnd_buf_adds(&c, "x");
	rc = cnd_json_out_utf8(&b, s, n);
	if (v) {
		cnd_json_out_string(&c, s, n);
		ok = rc == 0 && want && b.len == strlen(want) + 1 &&
		     !memcmp(b.data + 1, want, b.len - 1) &&
		     b.data[b.len] == '\0' && c.len == b.len &&
		     !memcmp(c.data, b.data, b.len);
	} else {
		ok = rc == -1 && b.len == 1 && b.data[1] == '\0';
	}
	free(want);
	json_decref(v);
	cnd_buf_release(&b);
	cnd_buf_release(&c);
	return ok;
}

/*
 * Each byte that is escaped (every control character, the quote, the
 * backslash), DEL, UTF-8 of each length, U+2028 and U+2029 (which Jansson
 * writes as they are) and invalid UTF-8 (a stray continuation, a lone lead
 * byte, a surrogate, an overlong form, a truncated sequence at the end),
 * at every offset from 0 to 24 in plain text and with 0 to 9 plain bytes
 * after: where the eight-byte scan stops, starts again and ends.
 */
TEST(jsonout_string_offsets)
{
	static const char *const specials[] = {
		"\"", "\\", "\x7f", "/", "\xc3\xa9", "\xe2\x80\x94",
		"\xe2\x80\xa8", "\xe2\x80\xa9", "\xf0\x9f\x98\x80", "\x80",
		"\xff", "\xed\xa0\x80", "\xc0\xaf", "\xe2\x80", "\xf4\x90\x80\x80",
	};
	char s[64];
	int mismatches = 0;

	for (size_t k = 0; k < sizeof(specials) / sizeof(specials[0]) + 32;
	     k++) {
		char ctl[2] = { (char)(k - sizeof(specials) /
						   sizeof(specials[0])),
				'\0' };
		const char *sp = k < sizeof(specials) / sizeof(specials[0]) ?
					 specials[k] :
					 ctl;
		size_t len = k < sizeof(specials) / sizeof(specials[0]) ?
				     strlen(sp) :
				     1; /* the control characters, NUL too */

		for (size_t at = 0; at <= 24; at++)
			for (size_t tail = 0; tail <= 9; tail++) {
				size_t n = at;

				memset(s, 'p', at);
				memcpy(s + n, sp, len);
				n += len;
				memset(s + n, 'q', tail);
				n += tail;
				if (!same_string(s, n))
					mismatches++;
			}
	}
	CHECK_INT(mismatches, 0);
}

/* Long strings: 100,000 plain bytes, then escapes and UTF-8 spread
   through them, then one invalid byte near the end. */
TEST(jsonout_string_long)
{
	struct cnd_buf s = CND_BUF_INIT;

	for (int i = 0; i < 100000; i++)
		cnd_buf_addc(&s, (char)(' ' + 1 + i % 90));
	for (size_t i = 0; i < s.len; i++)
		if (s.data[i] == '"' || s.data[i] == '\\')
			s.data[i] = 'z';
	CHECK(same_string(s.data, s.len));
	for (size_t i = 5; i + 3 < s.len; i += 997)
		memcpy(s.data + i, i % 2 ? "\n\"\x01" : "\xe2\x80\x94", 3);
	CHECK(same_string(s.data, s.len));
	s.data[s.len - 7] = '\xfe';
	CHECK(same_string(s.data, s.len));
	cnd_buf_release(&s);
}
