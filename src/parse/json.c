/*
 * Streaming JSON reader. Export files that are big arrays of records are
 * read element by element, never loaded whole, so memory is bounded by the
 * largest element while the file may be gigabytes. A small state machine
 * (strings, escapes and a nesting counter, no recursion) finds the array
 * named by a key path; each element that lies inside the current 64 KiB
 * window is parsed in place by our own one-pass parser straight into
 * Jansson values (skipping whitespace and the keys no handler reads, with
 * Jansson's allocator pointed at an arena dropped after the element), and
 * one that spans windows, or that our parser will not take, is first cut
 * out into a reused buffer and parsed the same way or by Jansson, which
 * then names what is wrong. For big members the handler callbacks run on
 * a worker thread, batch by batch and in order, while the next elements
 * are parsed. The same scanner reads from an archive member or from a
 * buffer in memory, skips the JavaScript assignment prefix and the byte
 * order mark, keeps line and column so that every problem names its place
 * in the member, and tells a bad element (reported, skipped) from a broken
 * file (reading stops). This file is the scanner and the entry points; the
 * walk along key paths is json_path.c, the worker thread json_pipe.c, the
 * element parser json_fast.c, the value getters json_value.c, and what
 * they share json_scan.h.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/json.h"

#include "json_scan.h"

/*
 * Move to the next window; s->p must be at the end of the current one.
 * Returns 1, or 0 at the end of the data or after a read error (then
 * read_status is set and err holds the reader's message).
 */
int scan_refill(struct cnd_json_scan *s)
{
	ssize_t n;

	s->base += (uint64_t)(s->end - s->win);
	s->win = s->p = s->end;
	if (!s->m || s->read_status)
		return 0;
	n = cnd_member_read(s->m, s->chunk, CND_JSON_CHUNK, s->err);
	if (n < 0) {
		s->read_status = CND_FAILED;
		if (s->err && s->err->status > CND_FAILED)
			s->read_status = s->err->status;
		return 0;
	}
	if (n == 0)
		return 0;
	s->win = s->p = s->chunk;
	s->end = s->chunk + n;
	return 1;
}

/* The next byte without consuming it, or -1 at the end of the data. */
static int scan_peek(struct cnd_json_scan *s)
{
	if (s->p == s->end && !scan_refill(s))
		return -1;
	return *s->p;
}

/* Name a byte found where something else was expected. */
static const char *scan_describe(int c, char *buf, size_t n)
{
	if (c < 0)
		snprintf(buf, n, "end of data");
	else if (c > 0x20 && c < 0x7f)
		snprintf(buf, n, "'%c'", c);
	else
		snprintf(buf, n, "byte 0x%02x", (unsigned)c);
	return buf;
}

/* Set err to "line L, column C: <message>" at s->p; returns CND_FAILED. */
__attribute__((format(printf, 2, 3))) int
scan_error(struct cnd_json_scan *s, const char *fmt, ...)
{
	char msg[CND_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cnd_error_set(s->err, CND_FAILED, "line %lu, column %lu: %s",
			     s->line, scan_column(s), msg);
}

/*
 * The data ended where more was expected: a read error keeps the reader's
 * message, anything else is a truncated document.
 */
int scan_eof(struct cnd_json_scan *s, long long index)
{
	if (s->read_status)
		return s->read_status;
	if (index >= 0)
		return scan_error(s, "unexpected end of data in element %lld",
				  index);
	return scan_error(s, "unexpected end of data");
}

/* Something else than what was expected (or the end of the data). */
int scan_expected(struct cnd_json_scan *s, int c, const char *what)
{
	char found[16];

	if (c < 0)
		return scan_eof(s, -1);
	return scan_error(s, "expected %s, found %s", what,
			  scan_describe(c, found, sizeof(found)));
}

/* Skip to the top-level value: CND_OK with s->p on its first byte. */
int scan_to_value(struct cnd_json_scan *s)
{
	if (scan_skip_ws(s) >= 0)
		return CND_OK;
	if (s->read_status)
		return s->read_status;
	return scan_error(s, "no JSON value");
}

/* The whole document is over the limit. */
static int scan_too_big(struct cnd_error *err, uint64_t size, size_t limit)
{
	return cnd_error_set(err, CND_FAILED,
			     "document is %llu bytes, over the limit of %zu bytes",
			     (unsigned long long)size, limit);
}

/* Report a problem through the reader's callback, and remember its grade. */
__attribute__((format(printf, 6, 7))) void
scan_problem(struct cnd_json_scan *s, int status, long long index,
	     unsigned long line, unsigned long column, const char *fmt, ...)
{
	char msg[CND_ERROR_MAX];
	va_list ap;

	s->status = cnd_status_worst(s->status, status);
	if (!s->r->problem)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->pl) /* in order with the elements around it */
		(void)pl_push(s->pl, NULL, index, status, line, column, msg);
	else
		s->r->problem(s->r->ud, status, index, line, column, msg);
}

static void cap_begin(struct cnd_json_cap *cap, const struct cnd_json_scan *s)
{
	cnd_buf_reset(&cap->buf);
	cap->start = s->p;
	cap->off = scan_offset(s);
	cap->size = 0;
	cap->split = 0;
	cap->over = 0;
	cap->data = NULL;
}

/* The window is about to be replaced: keep its part of the value. */
static void cap_save(struct cnd_json_cap *cap, const unsigned char *end)
{
	size_t n = (size_t)(end - cap->start);

	cap->split = 1;
	if (cap->over)
		return;
	if (n > cap->limit - cap->buf.len) {
		cap->over = 1;
		cnd_buf_reset(&cap->buf);
		return;
	}
	cnd_buf_add(&cap->buf, cap->start, n);
}

/* The value ends at s->p. */
static void cap_end(struct cnd_json_cap *cap, const struct cnd_json_scan *s)
{
	cap->size = scan_offset(s) - cap->off;
	if (cap->size > cap->limit)
		cap->over = 1;
	if (cap->over) {
		cnd_buf_reset(&cap->buf);
		return;
	}
	if (!cap->split) {
		cap->data = (const char *)cap->start;
		return;
	}
	cnd_buf_add(&cap->buf, cap->start, (size_t)(s->p - cap->start));
	cap->data = cap->buf.data;
}

/*
 * Scan the value that starts at s->p (a byte that is not whitespace) and
 * leave s->p just after it; with cap, also cut out its bytes. Only strings,
 * escapes and nesting are followed: Jansson checks the rest when the value
 * is parsed. index names the element in messages (-1: not an element).
 * Returns CND_OK, or the status of a broken or truncated document.
 */
int scan_value(struct cnd_json_scan *s, struct cnd_json_cap *cap,
		      long long index)
{
	const unsigned char *p = s->p, *end = s->end;
	size_t depth = 0;
	int in_str = 0, esc = 0, scalar = 0;
	char what[16];
	unsigned char c;

	if (cap)
		cap_begin(cap, s);
	c = *p;
	switch (c) {
	case '"':
		in_str = 1;
		p++;
		break;
	case '[':
	case '{':
		depth = 1;
		p++;
		break;
	case ']':
	case '}':
	case ',':
	case ':':
		return scan_error(s, "expected a value, found %s",
				  scan_describe(c, what, sizeof(what)));
	default:
		scalar = 1;
		break;
	}

	for (;;) {
		if (p == end) {
			if (cap)
				cap_save(cap, p);
			s->p = p;
			if (!scan_refill(s)) {
				if (scalar && !s->read_status)
					goto done;
				return scan_eof(s, index);
			}
			p = s->p;
			end = s->end;
			if (cap)
				cap->start = p;
			continue;
		}
		if (scalar) {
			while (p < end && !(cnd_json_cls[*p] & CND_JC_DELIM))
				p++;
			if (p < end)
				goto done;
			continue;
		}
		if (in_str) {
			if (esc) {
				esc = 0;
				if (*p++ == '\n')
					CND_JSON_NEWLINE(s, p);
				continue;
			}
			while (p < end && !(cnd_json_cls[*p] & CND_JC_STR))
				p++;
			if (p == end)
				continue;
			c = *p++;
			if (c == '"') {
				in_str = 0;
				if (!depth)
					goto done;
			} else if (c == '\\') {
				esc = 1;
			} else {
				CND_JSON_NEWLINE(s, p);
			}
			continue;
		}
		while (p < end && !(cnd_json_cls[*p] & CND_JC_CONT))
			p++;
		if (p == end)
			continue;
		c = *p++;
		switch (c) {
		case '"':
			in_str = 1;
			break;
		case '[':
		case '{':
			depth++;
			break;
		case ']':
		case '}':
			if (--depth == 0)
				goto done;
			break;
		default:
			CND_JSON_NEWLINE(s, p);
			break;
		}
	}
done:
	s->p = p;
	if (cap)
		cap_end(cap, s);
	return CND_OK;
}

/*
 * Turn Jansson's error position (bytes read when it gave up) inside a
 * value that starts at line, column into a position in the member.
 */
static void value_error_pos(const char *data, size_t len, int position,
			    unsigned long *line, unsigned long *column)
{
	size_t k = position > 0 ? (size_t)position - 1 : 0;
	size_t i, line_start = 0;
	unsigned long lines = 0;

	if (k > len)
		k = len;
	for (i = 0; i < k; i++) {
		if (data[i] == '\n') {
			lines++;
			line_start = i + 1;
		}
	}
	if (lines) {
		*line += lines;
		*column = (unsigned long)(k - line_start + 1);
	} else {
		*column += (unsigned long)k;
	}
}


/*
 * A key that came twice with different values in the value parsed by f,
 * which started at line: reported once for the element or document.
 */
static void scan_dup(struct cnd_json_scan *s, const struct fp *f,
		     long long index, unsigned long line)
{
	if (!f->dup_key)
		return;
	scan_problem(s, CND_WARN, index, line + f->dup_lines, 0,
		     "key \"%.*s\" occurs more than once with different values: the last is read (as JSON.parse, Python's json and Jansson read it)",
		     f->dup_len > 64 ? 64 : (int)f->dup_len, f->dup_key);
}

/*
 * Parse an element or document that starts at line: our parser first,
 * Jansson to judge what it refuses.
 */
static json_t *scan_parse(struct cnd_json_scan *s, json_error_t *jerr,
			  long long index, unsigned long line)
{
	struct fp f;
	json_t *v;

	v = fp_parse(s->elem.data, (size_t)s->elem.size,
		     s->r->drop && index >= 0 ? &s->drop : NULL, &s->proj,
		     &s->vals, &f);
	if (v) {
		scan_dup(s, &f, index, line);
		return v;
	}
	return json_loadb(s->elem.data, (size_t)s->elem.size, CND_JSON_FLAGS,
			  jerr);
}

/*
 * Parse the value just cut out whole (not an array element: no drop list),
 * which started at *line, *column; NULL with jerr and *line, *column at
 * what is wrong.
 */
json_t *scan_parse_whole(struct cnd_json_scan *s, json_error_t *jerr,
				unsigned long *line, unsigned long *column)
{
	json_t *v = scan_parse(s, jerr, -1, *line);

	cnd_buf_release(&s->proj);
	if (!v)
		value_error_pos(s->elem.data, (size_t)s->elem.size,
				jerr->position, line, column);
	return v;
}

/*
 * Hand v to the caller; CND_FATAL from it stops the member. A value whose
 * memory is an arena's (an array element: scan_values()) is not released
 * value by value, as the pipeline's worker does not release it either: the
 * arena is reset after the call, and walking the tree to free nothing was
 * about 3% of a -j 1 scan of a big tweets.js.
 */
static int scan_hand(struct cnd_json_scan *s, json_t *v, long long index,
		     int in_arena)
{
	int rc = CND_OK;

	if (s->r->path_out && (index >= 0 || index == CND_JSON_VALUE))
		*s->r->path_out = s->path;
	if (s->r->key_out && (index >= 0 || index == CND_JSON_VALUE))
		*s->r->key_out = s->wkey.len ? s->wkey.data : NULL;
	if (s->r->fn)
		rc = s->r->fn(s->r->ud, v, index);
	if (!in_arena)
		json_decref(v);
	if (rc == CND_FATAL)
		return CND_FATAL;
	if (rc > CND_OK)
		s->status = cnd_status_worst(s->status, rc);
	return CND_OK;
}

int scan_call(struct cnd_json_scan *s, json_t *v, long long index)
{
	return scan_hand(s, v, index, 0);
}

/* Where the next element's values go: the open batch, or s->vals. */
static struct cnd_arena *scan_values(struct cnd_json_scan *s)
{
	return s->pl ? pl_arena(s->pl) : &s->vals;
}

/* Hand a parsed element over: now, or to the worker. */
static int scan_deliver(struct cnd_json_scan *s, json_t *v, long long index)
{
	if (s->pl)
		return pl_push(s->pl, v, index, CND_OK, 0, 0, NULL);
	return scan_hand(s, v, index, 1);
}

/*
 * Parse the element just cut out (it started at line, column) and hand it
 * over. A bad or oversized element is a problem, not a stop.
 */
static int scan_element(struct cnd_json_scan *s, long long index,
			unsigned long line, unsigned long column)
{
	struct cnd_arena *outer = fp_arena; /* a handler may read JSON too */
	json_error_t jerr;
	json_t *v;
	int rc;

	if (s->elem.over) {
		scan_problem(s, CND_FAILED, index, line, column,
			     "element %lld is larger than the limit of %zu bytes",
			     index, s->elem.limit);
		return CND_OK;
	}
	fp_arena = scan_values(s);
	v = scan_parse(s, &jerr, index, line);
	if (v) {
		rc = scan_deliver(s, v, index);
	} else {
		value_error_pos(s->elem.data, (size_t)s->elem.size,
				jerr.position, &line, &column);
		scan_problem(s, CND_FAILED, index, line, column,
			     "invalid JSON in element %lld: %s", index,
			     jerr.text);
		rc = CND_OK;
	}
	fp_arena = outer;
	cnd_arena_reset(&s->vals);
	return rc;
}

/*
 * The fast path for an element that lies wholly inside the current window
 * (nearly all of them): parsed in place, without first being delimited
 * and copied. Returns 1 with *rc set when it handled the element, or 0
 * (nothing consumed) when the element reaches the window's end, is larger
 * than the limit, or is anything but a clean value: scan_value() and
 * scan_element() then take it, and report what is wrong where.
 */
static int scan_fast(struct cnd_json_scan *s, long long index, int *rc)
{
	struct cnd_arena *outer = fp_arena;
	struct fp f = { (const char *)s->p, (const char *)s->end,
			s->r->drop ? &s->drop : NULL,
			&s->proj, &s->vals, 0, 0, NULL, NULL, 0, 0 };
	unsigned long line = s->line;
	json_t *v;

	fp_arena = scan_values(s);
	v = fp_value(&f);
	if (!v || f.p == f.end ||
	    !(cnd_json_cls[(unsigned char)*f.p] & CND_JC_DELIM) ||
	    (size_t)(f.p - (const char *)s->p) > s->elem.limit) {
		json_decref(v);
		fp_arena = outer;
		cnd_arena_reset(&s->vals);
		return 0;
	}
	if (f.lines) {
		s->line += f.lines;
		s->line_start = s->base + (uint64_t)((const unsigned char *)
							     f.line_end + 1 -
						     s->win);
	}
	s->p = (const unsigned char *)f.p;
	scan_dup(s, &f, index, line);
	*rc = scan_deliver(s, v, index);
	fp_arena = outer;
	cnd_arena_reset(&s->vals);
	return 1;
}

/*
 * The elements of the array whose '[' is at s->p, counted in s->elements;
 * handed over when hand is set, else only scanned past.
 */
static int scan_elements(struct cnd_json_scan *s, int hand)
{
	long long index = 0;
	unsigned long line, column;
	char what[48];
	int c, rc;

	s->p++;
	c = scan_skip_ws(s);
	if (c == ']') {
		s->p++;
		return CND_OK;
	}
	for (;;) {
		if (c < 0)
			return scan_eof(s, -1);
		s->elements++;
		if (!hand) {
			rc = scan_value(s, NULL, index);
		} else if (!scan_fast(s, index, &rc)) {
			line = s->line;
			column = scan_column(s);
			rc = scan_value(s, &s->elem, index);
			if (rc)
				return rc;
			rc = scan_element(s, index, line, column);
		}
		if (rc)
			return rc;
		c = scan_skip_ws(s);
		if (c == ']') {
			s->p++;
			return CND_OK;
		}
		if (c != ',') {
			snprintf(what, sizeof(what),
				 "',' or ']' after element %lld", index);
			return scan_expected(s, c, what);
		}
		s->p++;
		c = scan_skip_ws(s);
		index++;
	}
}

/* Stream the array whose '[' is at s->p, element by element. */
int scan_array(struct cnd_json_scan *s)
{
	int rc, end;

	pl_start(s);
	rc = scan_elements(s, 1);
	end = pl_end(s);
	return rc ? rc : end;
}

/* Count the elements of the array whose '[' is at s->p, handing none. */
int scan_count(struct cnd_json_scan *s)
{
	return scan_elements(s, 0);
}

/* Stream the top-level value, which must be an array. */
static int scan_top_array(struct cnd_json_scan *s)
{
	int rc;

	rc = scan_to_value(s);
	if (rc)
		return rc;
	if (*s->p != '[')
		return scan_error(s, "the top-level value is not an array");
	return scan_array(s);
}

/* Hand the whole top-level value over (index -1). */
static int scan_document(struct cnd_json_scan *s)
{
	unsigned long line, column;
	json_error_t jerr;
	json_t *v;
	int rc;

	rc = scan_to_value(s);
	if (rc)
		return rc;
	line = s->line;
	column = scan_column(s);
	rc = scan_value(s, &s->elem, -1);
	if (rc)
		return rc;
	if (s->elem.over)
		return scan_too_big(s->err, s->elem.size, s->elem.limit);
	v = scan_parse_whole(s, &jerr, &line, &column);
	if (!v)
		return cnd_error_set(s->err, CND_FAILED,
				     "line %lu, column %lu: invalid JSON: %s",
				     line, column, jerr.text);
	return scan_call(s, v, -1);
}

/* Skip everything up to and including the first '='. */
static int scan_assignment(struct cnd_json_scan *s)
{
	const unsigned char *p;

	do {
		for (p = s->p; p < s->end && *p != '='; p++) {
			if (*p == '\n')
				CND_JSON_NEWLINE(s, p + 1);
		}
		s->p = p;
		if (p < s->end) {
			s->p++;
			return CND_OK;
		}
	} while (scan_refill(s));
	if (s->read_status)
		return s->read_status;
	return cnd_error_set(s->err, CND_FAILED,
			     "no JavaScript assignment ('name = value') found");
}

/*
 * Skip a UTF-8 byte order mark and, for the JavaScript form, the
 * assignment.
 */
static int scan_prefix(struct cnd_json_scan *s)
{
	static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };
	int i;

	for (i = 0; i < 3 && scan_peek(s) == bom[i]; i++)
		s->p++;
	if (i == 3)
		s->line_start = 3;
	if (s->r->kind == CND_KIND_JS)
		return scan_assignment(s);
	if (i > 0 && i < 3)
		return scan_error(s, "incomplete byte order mark");
	return CND_OK;
}

/* After the value: whitespace, and for JavaScript one optional ';'. */
static int scan_trailer(struct cnd_json_scan *s)
{
	char what[16];
	int c;

	c = scan_skip_ws(s);
	if (c == ';' && s->r->kind == CND_KIND_JS) {
		s->p++;
		c = scan_skip_ws(s);
	}
	if (c >= 0)
		scan_problem(s, CND_WARN, -1, s->line, scan_column(s),
			     "unexpected data after the JSON value, found %s",
			     scan_describe(c, what, sizeof(what)));
	return s->read_status;
}

/*
 * The one implementation behind both entry points: s holds the first
 * window (possibly empty), size is the input's length (-1 if unknown).
 */
static int scan_run(struct cnd_json_scan *s, const struct cnd_json_reader *r,
		    int64_t size, struct cnd_error *err)
{
	size_t limit = r->doc_max ? r->doc_max : SIZE_MAX;
	int rc;

	s->line = 1;
	s->r = r;
	s->err = err;
	cnd_error_clear(err);
	if (!r->array_path && size >= 0 && (uint64_t)size > limit)
		return scan_too_big(err, (uint64_t)size, limit);
	cnd_buf_init(&s->elem.buf);
	cnd_buf_init(&s->key.buf);
	s->elem.limit = limit;
	s->key.limit = CND_JSON_KEY_MAX;
	fp_drop_init(&s->drop, r->drop);

	rc = scan_prefix(s);
	if (rc)
		goto out;
	if (!r->array_path) {
		rc = scan_document(s);
	} else if (!r->array_path[0]) {
		rc = scan_top_array(s);
	} else {
		rc = scan_path(s);
	}
	if (rc)
		goto out;
	rc = scan_trailer(s);
out:
	cnd_buf_release(&s->key.buf);
	cnd_buf_release(&s->wkey);
	cnd_buf_release(&s->elem.buf);
	cnd_buf_release(&s->proj);
	cnd_arena_release(&s->vals);
	return cnd_status_worst(rc, s->status);
}

int cnd_json_read(struct cnd_member *m, const struct cnd_json_reader *r,
		  struct cnd_error *err)
{
	struct cnd_json_scan s;
	int rc;

	memset(&s, 0, sizeof(s));
	s.m = m;
	s.chunk = cnd_xmalloc(CND_JSON_CHUNK);
	s.p = s.end = s.win = s.chunk;
	rc = scan_run(&s, r, cnd_member_size(m), err);
	free(s.chunk);
	return rc;
}

int cnd_json_read_buffer(const char *data, size_t len,
			 const struct cnd_json_reader *r, struct cnd_error *err)
{
	struct cnd_json_scan s;

	memset(&s, 0, sizeof(s));
	if (!data)
		data = "";
	s.win = s.p = (const unsigned char *)data;
	s.end = s.p + len;
	return scan_run(&s, r, (int64_t)len, err);
}
