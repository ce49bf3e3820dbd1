/*
 * The JSON element parser behind the streaming reader: each streamed
 * element (or whole document) is parsed here into Jansson values, faster
 * than Jansson parses, leaving out the keys of the reader's drop list
 * unbuilt and noting a key met twice with different values. json.c cuts
 * the elements out of the member; this file knows nothing of members,
 * paths or threads. Declarations in json_fast.h (private to the folder).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/swar.h"
#include "conduct/parse/json.h"
#include "conduct/text/text.h"

#include "json_fast.h"

const unsigned char cnd_json_cls[256] = {
	[' '] = CND_JC_WS | CND_JC_DELIM,
	['\t'] = CND_JC_WS | CND_JC_DELIM,
	['\r'] = CND_JC_WS | CND_JC_DELIM,
	['\n'] = CND_JC_WS | CND_JC_STR | CND_JC_CONT | CND_JC_DELIM,
	['"'] = CND_JC_STR | CND_JC_CONT | CND_JC_DELIM,
	['\\'] = CND_JC_STR,
	['['] = CND_JC_CONT | CND_JC_DELIM,
	[']'] = CND_JC_CONT | CND_JC_DELIM,
	['{'] = CND_JC_CONT | CND_JC_DELIM,
	['}'] = CND_JC_CONT | CND_JC_DELIM,
	[','] = CND_JC_DELIM,
	[':'] = CND_JC_DELIM,
};

/*
 * --- Dropped keys: which keys nobody reads, and skipping their values ---
 *
 * The element parser below leaves out every object member whose key is in
 * the reader's drop list, wherever it is nested; these helpers tell such a
 * key (compared as written, escapes and all) and find where its value
 * ends without building it.
 */

static int proj_dropped(const char *const *drop, const char *key, size_t n)
{
	for (; *drop; drop++) {
		const char *d = *drop;
		size_t i = 0;

		if (d[0] != key[0])
			continue;
		/* d[i] first: a key may hold a NUL byte (fuzz_platform) */
		while (i < n && d[i] && d[i] == key[i])
			i++;
		if (i == n && d[n] == '\0')
			return 1;
	}
	return 0;
}

/*
 * Eight bytes at a time (conduct/base/swar.h): the flags of the bytes at p
 * that are a quote or a backslash, and of those that are not printable
 * ASCII other than those two (what a string holds between escapes,
 * mostly).
 */
static uint64_t swar_quote_or_backslash(const char *p)
{
	uint64_t x = cnd_swar_load(p);

	return cnd_swar_eq(x, '"') | cnd_swar_eq(x, '\\');
}

static uint64_t swar_special(const char *p)
{
	uint64_t x = cnd_swar_load(p);

	return cnd_swar_unprintable(x) | cnd_swar_eq(x, '"') |
	       cnd_swar_eq(x, '\\');
}

/*
 * p moved past the blocks of eight bytes in which mask() flags none, and,
 * where CND_SWAR_FIRST is known, to the first flagged byte of the block
 * that has one (else to that block's start, for the caller's byte loop).
 */
static inline const char *swar_skip(const char *p, const char *end,
				    uint64_t (*mask)(const char *))
{
	while (end - p >= 8) {
		uint64_t m = mask(p);

		if (m) {
#ifdef CND_SWAR_FIRST
			p += cnd_swar_first(m);
#endif
			break;
		}
		p += 8;
	}
	return p;
}

/*
 * End of the string starting at p (after its closing quote), or NULL.
 * After an escape the scan goes back to eight bytes at a time: X's
 * "source" values are links with escaped quotes in them.
 */
static const char *proj_string_end(const char *p, const char *end)
{
	p++;
	for (;;) {
		p = swar_skip(p, end, swar_quote_or_backslash);
		while (p < end && *p != '"' && *p != '\\')
			p++;
		if (p == end)
			return NULL;
		if (*p == '"')
			return p + 1;
		if (end - p < 2)
			return NULL; /* a backslash at the very end */
		p += 2; /* the escaped byte is taken as it is */
	}
}

/* The first byte at or after p that is not a space (a run eight at a time). */
static const char *skip_spaces(const char *p, const char *end)
{
	while (end - p >= 8) {
		uint64_t x = cnd_swar_load(p) ^ (CND_SWAR_ONES * ' ');

		if (x) {
#ifdef CND_SWAR_FIRST
			return p + cnd_swar_first(x);
#else
			break;
#endif
		}
		p += 8;
	}
	while (p < end && *p == ' ')
		p++;
	return p;
}

/* End of the value starting at p, or NULL. */
static const char *proj_skip_value(const char *p, const char *end)
{
	size_t depth = 0;

	while (p < end) {
		switch (*p) {
		case '\n':
			/* a pretty-printed file's indentation */
			p = skip_spaces(p + 1, end);
			continue;
		case '"':
			p = proj_string_end(p, end);
			if (!p)
				return NULL;
			if (!depth)
				return p;
			continue;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (!depth)
				return p; /* end of the enclosing container */
			if (--depth == 0)
				return p + 1;
			break;
		case ',':
			if (!depth)
				return p;
			break;
		default:
			break;
		}
		p++;
	}
	return depth ? NULL : p;
}

/*
 * --- The element parser: bytes to Jansson values in one pass ---
 *
 * Jansson's own parser reads a byte at a time through a stream and mallocs
 * every value; over a big export that was most of a scan's cost. This one
 * parses a value that the scanner has already delimited straight into
 * Jansson values, skipping insignificant whitespace and every object
 * member whose key is in the reader's drop list (wherever it is nested),
 * while the values' memory comes from an arena that is reset after each
 * element (see the allocator hooks below). It accepts exactly what
 * Jansson accepts with CND_JSON_FLAGS, or less: on anything it does not
 * take (bad syntax, invalid UTF-8 or escapes, an integer out of range, a
 * NUL in a key, deep nesting) it gives up, and the caller hands the
 * original bytes to json_loadb(), which then either parses them or names
 * the problem and its position, as before.
 */
#define FP_DEPTH 512

static size_t fp_drop_slot(const char *key, size_t n)
{
	return ((unsigned char)key[0] * 31u + (unsigned char)key[n - 1] * 7u +
		n) & (FP_DROP_SLOTS - 1);
}

void fp_drop_init(struct fp_drop *d, const char *const *names)
{
	size_t count = 0;

	memset(d, 0, sizeof(*d));
	d->names = names;
	for (const char *const *p = names; p && *p; p++)
		count++;
	if (count > FP_DROP_SLOTS / 2) {
		d->linear = 1;
		return;
	}
	for (; names && *names; names++) {
		size_t n = strlen(*names), i;

		if (!n)
			continue; /* "" is never dropped */
		for (i = fp_drop_slot(*names, n); d->slot[i].name;
		     i = (i + 1) & (FP_DROP_SLOTS - 1))
			;
		d->slot[i].name = *names;
		d->slot[i].len = n;
	}
}

/* Whether the raw key[0..n) (it may hold a NUL) is in the drop list. */
static int fp_dropped(const struct fp_drop *d, const char *key, size_t n)
{
	if (d->linear)
		return proj_dropped(d->names, key, n);
	if (!n)
		return 0;
	for (size_t i = fp_drop_slot(key, n); d->slot[i].name;
	     i = (i + 1) & (FP_DROP_SLOTS - 1))
		if (d->slot[i].len == n && !memcmp(d->slot[i].name, key, n))
			return 1;
	return 0;
}


/*
 * Bytes that continue a plain run inside a string: printable ASCII but the
 * quote and the backslash (filled in by fp_hooks()).
 */
static unsigned char fp_plain[256];

/*
 * Whitespace from f->p on. Pretty-printed exports put one space around a
 * colon and a newline and an indentation of up to dozens of spaces before
 * every key; the indentation is skipped eight bytes at a time.
 */
static void fp_ws_run(struct fp *f)
{
	const char *p = f->p, *end = f->end;

	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p >= end || *p != '\n')
			break;
		f->lines++;
		f->line_end = p;
		p = skip_spaces(p + 1, end);
	}
	f->p = p;
}

/* Skip whitespace; most calls find none, or one space, without a call. */
static inline void fp_ws(struct fp *f)
{
	if (f->p < f->end && (unsigned char)*f->p > ' ')
		return;
	if (f->end - f->p >= 2 && f->p[0] == ' ' &&
	    (unsigned char)f->p[1] > ' ') {
		f->p++;
		return;
	}
	fp_ws_run(f);
}

/* Count the newlines of a skipped value. */
static void fp_lines(struct fp *f, const char *from, const char *to)
{
	const char *nl;

	while ((nl = memchr(from, '\n', (size_t)(to - from))) != NULL) {
		f->lines++;
		f->line_end = nl;
		from = nl + 1;
	}
}

static int fp_hex4(const char *p, const char *end, int32_t *out)
{
	int32_t v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* One escape at p (just after the backslash), appended to f->tmp. */
static const char *fp_escape(struct fp *f, const char *p)
{
	char u[4];
	int32_t cp, lo;

	if (p >= f->end)
		return NULL;
	switch (*p) {
	case '"': case '\\': case '/':
		cnd_buf_addc(f->tmp, *p);
		return p + 1;
	case 'b': cnd_buf_addc(f->tmp, '\b'); return p + 1;
	case 'f': cnd_buf_addc(f->tmp, '\f'); return p + 1;
	case 'n': cnd_buf_addc(f->tmp, '\n'); return p + 1;
	case 'r': cnd_buf_addc(f->tmp, '\r'); return p + 1;
	case 't': cnd_buf_addc(f->tmp, '\t'); return p + 1;
	case 'u':
		break;
	default:
		return NULL;
	}
	if (fp_hex4(p + 1, f->end, &cp))
		return NULL;
	p += 5;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return NULL; /* a low surrogate first */
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (f->end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
		    fp_hex4(p + 2, f->end, &lo) || lo < 0xDC00 || lo > 0xDFFF)
			return NULL;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		p += 6;
	}
	cnd_buf_add(f->tmp, u, cnd_utf8_encode(cp, u));
	return p;
}

/*
 * The string whose opening quote is at f->p: its bytes in *s, *n (in the
 * input when it has no escape, else in f->tmp). Returns 0, or -1.
 */
static int fp_string(struct fp *f, const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)f->p + 1;
	const unsigned char *end = (const unsigned char *)f->end;
	const unsigned char *run = p;
	int escaped = 0;
	int32_t cp;

	for (;;) {
		p = (const unsigned char *)swar_skip((const char *)p,
						     (const char *)end,
						     swar_special);
		while (p < end && fp_plain[*p])
			p++;
		if (p == end)
			return -1;
		if (*p == '"')
			break;
		if (*p >= 0x80) {
			p += cnd_utf8_decode((const char *)p,
					     (size_t)(end - p), &cp);
			if (cp < 0)
				return -1;
			continue;
		}
		if (*p != '\\')
			return -1; /* a raw control character */
		if (!escaped) {
			cnd_buf_reset(f->tmp);
			escaped = 1;
		}
		cnd_buf_add(f->tmp, run, (size_t)(p - run));
		p = (const unsigned char *)fp_escape(f, (const char *)p + 1);
		if (!p)
			return -1;
		run = p;
	}
	if (escaped) {
		cnd_buf_add(f->tmp, run, (size_t)(p - run));
		*s = f->tmp->data;
		*n = f->tmp->len;
	} else {
		*s = (const char *)run;
		*n = (size_t)(p - run);
	}
	f->p = (const char *)p + 1;
	return 0;
}

/* A number as Jansson reads it: an integer unless it has '.' or 'e'. */
static json_t *fp_number(struct fp *f)
{
	const char *p = f->p, *start = p;
	char text[64];
	int real = 0;
	size_t n;

	if (p < f->end && *p == '-')
		p++;
	if (p < f->end && *p == '0') {
		p++;
	} else if (p < f->end && *p >= '1' && *p <= '9') {
		while (p < f->end && *p >= '0' && *p <= '9')
			p++;
	} else {
		return NULL;
	}
	if (p < f->end && *p == '.') {
		real = 1;
		if (++p >= f->end || *p < '0' || *p > '9')
			return NULL;
		while (p < f->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < f->end && (*p == 'e' || *p == 'E')) {
		real = 1;
		p++;
		if (p < f->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= f->end || *p < '0' || *p > '9')
			return NULL;
		while (p < f->end && *p >= '0' && *p <= '9')
			p++;
	}
	n = (size_t)(p - start);
	if (n >= sizeof(text))
		return NULL; /* rare: let Jansson judge it */
	memcpy(text, start, n);
	text[n] = '\0';
	errno = 0;
	f->p = p;
	if (real) {
		double d = strtod(text, NULL);

		if (errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL))
			return NULL;
		return json_real(d);
	} else {
		long long v = strtoll(text, NULL, 10);

		if (errno == ERANGE)
			return NULL;
		return json_integer((json_int_t)v);
	}
}


static const char *fp_skip_ws(const char *p, const char *end)
{
	while (p < end && (cnd_json_cls[(unsigned char)*p] & CND_JC_WS))
		p++;
	return p;
}

/*
 * The raw value of the first member of the object at obj whose raw key
 * is raw[0..n), or NULL; *vend is set to its end.
 */
static const char *fp_member_raw(const char *obj, const char *end,
				 const char *raw, size_t n, const char **vend)
{
	const char *p = obj + 1, *k, *v;

	for (;;) {
		p = fp_skip_ws(p, end);
		if (p >= end || *p != '"')
			return NULL;
		k = p + 1;
		p = proj_string_end(p, end);
		if (!p)
			return NULL;
		p = fp_skip_ws(p, end);
		if (p >= end || *p != ':')
			return NULL;
		v = fp_skip_ws(p + 1, end);
		p = proj_skip_value(v, end);
		if (!p)
			return NULL;
		if ((size_t)(v - k) > n && !memcmp(k, raw, n) &&
		    k[n] == '"') {
			*vend = p;
			return v;
		}
		p = fp_skip_ws(p, end);
		if (p >= end || *p != ',')
			return NULL;
		p++;
	}
}

/*
 * A key of the object at obj came again (raw[0..n), its new value at
 * nv..nv_end): whether the first value differs. Only this rare path
 * parses the two again; Jansson has kept the last, as have we.
 */
static int fp_dup_differs(struct fp *f, const char *obj, const char *raw,
			  size_t n, const char *nv, const char *nv_end)
{
	const char *ov, *ov_end = NULL;
	json_t *a, *b;
	int differs;

	ov = fp_member_raw(obj, f->end, raw, n, &ov_end);
	if (!ov)
		return 1;
	if ((size_t)(ov_end - ov) == (size_t)(nv_end - nv) &&
	    !memcmp(ov, nv, (size_t)(nv_end - nv)))
		return 0;
	a = fp_parse(ov, (size_t)(ov_end - ov), NULL, f->tmp, f->keys, NULL);
	b = fp_parse(nv, (size_t)(nv_end - nv), NULL, f->tmp, f->keys, NULL);
	differs = !a || !b || !json_equal(a, b);
	json_decref(a);
	json_decref(b);
	return differs;
}

static json_t *fp_object(struct fp *f)
{
	json_t *o = json_object(), *v;
	const char *key, *raw, *obj = f->p, *from;
	size_t klen, rawlen, had;
	unsigned long lines;
	int escaped;

	f->p++;
	fp_ws(f);
	if (f->p < f->end && *f->p == '}') {
		f->p++;
		return o;
	}
	for (;;) {
		if (f->p >= f->end || *f->p != '"')
			goto fail;
		raw = f->p + 1;
		if (fp_string(f, &key, &klen))
			goto fail;
		rawlen = (size_t)(f->p - raw - 1);
		/* only an escape (\u0000) puts a NUL in a key */
		escaped = key == f->tmp->data;
		if (escaped) /* outlive the value */
			key = cnd_arena_strndup(f->keys, key, klen);
		fp_ws(f);
		if (f->p >= f->end || *f->p != ':')
			goto fail;
		f->p++;
		fp_ws(f);
		if (f->drop && fp_dropped(f->drop, raw, rawlen)) {
			from = f->p;
			f->p = proj_skip_value(f->p, f->end);
			if (!f->p)
				goto fail;
			fp_lines(f, from, f->p);
		} else {
			if (escaped && memchr(key, '\0', klen))
				goto fail; /* Jansson refuses these */
			from = f->p;
			lines = f->lines;
			v = fp_value(f);
			if (!v)
				goto fail;
			had = json_object_size(o);
			json_object_setn_new_nocheck(o, key, klen, v);
			/* the size stays when the key was there: last wins */
			if (json_object_size(o) == had && !f->dup_key &&
			    fp_dup_differs(f, obj, raw, rawlen, from, f->p)) {
				f->dup_key = raw;
				f->dup_len = rawlen;
				f->dup_lines = lines;
			}
		}
		fp_ws(f);
		if (f->p < f->end && *f->p == ',') {
			f->p++;
			fp_ws(f);
			continue;
		}
		if (f->p < f->end && *f->p == '}') {
			f->p++;
			return o;
		}
		goto fail;
	}
fail:
	json_decref(o);
	return NULL;
}

static json_t *fp_array(struct fp *f)
{
	json_t *a = json_array(), *v;

	f->p++;
	fp_ws(f);
	if (f->p < f->end && *f->p == ']') {
		f->p++;
		return a;
	}
	for (;;) {
		v = fp_value(f);
		if (!v)
			goto fail;
		json_array_append_new(a, v);
		fp_ws(f);
		if (f->p < f->end && *f->p == ',') {
			f->p++;
			fp_ws(f);
			continue;
		}
		if (f->p < f->end && *f->p == ']') {
			f->p++;
			return a;
		}
		goto fail;
	}
fail:
	json_decref(a);
	return NULL;
}

static int fp_word(struct fp *f, const char *w, size_t n)
{
	if ((size_t)(f->end - f->p) < n || memcmp(f->p, w, n))
		return 0;
	f->p += n;
	return 1;
}

/* The value at f->p (not whitespace), or NULL. */
json_t *fp_value(struct fp *f)
{
	const char *s;
	size_t n;
	json_t *v;

	if (f->p >= f->end)
		return NULL;
	switch (*f->p) {
	case '{':
	case '[':
		if (f->depth == FP_DEPTH)
			return NULL;
		f->depth++;
		v = *f->p == '{' ? fp_object(f) : fp_array(f);
		f->depth--;
		return v;
	case '"':
		if (fp_string(f, &s, &n))
			return NULL;
		return json_stringn_nocheck(s, n);
	case 't':
		return fp_word(f, "true", 4) ? json_true() : NULL;
	case 'f':
		return fp_word(f, "false", 5) ? json_false() : NULL;
	case 'n':
		return fp_word(f, "null", 4) ? json_null() : NULL;
	default:
		return fp_number(f);
	}
}

/*
 * The whole of in[0..n) as one value, or NULL when fp does not take it;
 * *out (if given) tells of a duplicate key.
 */
json_t *fp_parse(const char *in, size_t n, const struct fp_drop *drop,
			struct cnd_buf *tmp, struct cnd_arena *keys,
			struct fp *out)
{
	struct fp f = { in, in + n, drop, tmp, keys, 0, 0, NULL, NULL, 0, 0 };
	json_t *v;

	fp_ws(&f);
	v = fp_value(&f);
	if (!v)
		return NULL;
	fp_ws(&f);
	if (f.p != f.end) {
		json_decref(v);
		return NULL;
	}
	if (out)
		*out = f;
	return v;
}

json_t *cnd_json_parse_fast(const char *data, size_t len)
{
	struct cnd_buf tmp = CND_BUF_INIT;
	struct cnd_arena keys;
	json_t *v;

	cnd_arena_init(&keys);
	v = fp_parse(data, len, NULL, &tmp, &keys, NULL);
	cnd_buf_release(&tmp);
	cnd_arena_release(&keys);
	return v;
}

/*
 * Jansson's allocator, pointed at an arena while an element is parsed and
 * handed over (thread-local: -j scans on several threads). Nothing of an
 * element outlives its call (values are borrowed, see json.h), so its
 * memory is dropped all at once afterwards instead of value by value.
 */
_Thread_local struct cnd_arena *fp_arena;

static void *fp_malloc(size_t n)
{
	return fp_arena ? cnd_arena_alloc(fp_arena, n) : malloc(n);
}

static void fp_free(void *p)
{
	if (!fp_arena)
		free(p);
}

__attribute__((constructor)) static void fp_hooks(void)
{
	for (int c = 0x20; c < 0x80; c++)
		fp_plain[c] = c != '"' && c != '\\';
	json_set_alloc_funcs(fp_malloc, fp_free);
}
