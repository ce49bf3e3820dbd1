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
 * file (reading stops).
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/json.h"
#include "conduct/text/text.h"

#include "json_fast.h"

#define CND_JSON_CHUNK (64 * 1024)
#define CND_JSON_KEY_MAX (64 * 1024)
#define CND_JSON_FLAGS (JSON_DECODE_ANY | JSON_ALLOW_NUL)


/* A value's bytes, cut out of the input. */
struct cnd_json_cap {
	struct cnd_buf buf;	     /* parts copied before a refill */
	size_t limit;		     /* larger values are not kept */
	const unsigned char *start;  /* first byte not yet copied */
	uint64_t off;		     /* offset of the value in the member */
	uint64_t size;		     /* length of the value, once scanned */
	int split;		     /* spans windows: bytes are in buf */
	int over;		     /* larger than limit: bytes dropped */
	const char *data;	     /* the value's bytes, when !over */
};


/*
 * The scanner: a window of input bytes (one chunk of a member, or the
 * whole buffer), the position of the window in the member, the current
 * line, and what the caller asked for.
 */
struct cnd_json_scan {
	const unsigned char *p;	  /* next byte */
	const unsigned char *end; /* end of the window */
	const unsigned char *win; /* start of the window */
	uint64_t base;		  /* offset of win in the member */
	unsigned long line;	  /* 1-based line of p */
	uint64_t line_start;	  /* offset where that line starts */
	struct cnd_member *m;	  /* NULL: the window is all there is */
	unsigned char *chunk;	  /* the window's storage for m */
	int read_status;	  /* status of a failed read, or CND_OK */

	const struct cnd_json_reader *r;
	struct cnd_error *err;
	int status; /* worst problem reported so far */
	struct cnd_json_cap elem;
	struct cnd_json_cap key;
	struct cnd_buf proj;	 /* unescaped strings of the element */
	struct cnd_arena vals;	 /* the element's values (fp_arena) */
	struct cnd_json_pipe *pl; /* handlers on a worker thread, or NULL */
	struct fp_drop drop;	  /* the reader's drop list, filtered */
	unsigned long long elements; /* array elements met */
	unsigned path;		     /* the path of the array being streamed */
	struct cnd_buf wkey;	     /* the key a '*' level matched, or empty */
};

/* Count a newline; ptr points just after it. */
#define CND_JSON_NEWLINE(s, ptr)                                           \
	do {                                                               \
		(s)->line++;                                               \
		(s)->line_start = (s)->base + (uint64_t)((ptr) - (s)->win); \
	} while (0)

static uint64_t scan_offset(const struct cnd_json_scan *s)
{
	return s->base + (uint64_t)(s->p - s->win);
}

static unsigned long scan_column(const struct cnd_json_scan *s)
{
	return (unsigned long)(scan_offset(s) - s->line_start + 1);
}

/*
 * Move to the next window; s->p must be at the end of the current one.
 * Returns 1, or 0 at the end of the data or after a read error (then
 * read_status is set and err holds the reader's message).
 */
static int scan_refill(struct cnd_json_scan *s)
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

/* Skip whitespace; returns the next byte or -1 at the end of the data. */
static int scan_skip_ws(struct cnd_json_scan *s)
{
	const unsigned char *p = s->p;

	for (;;) {
		const unsigned char *end = s->end;

		while (p < end && (cnd_json_cls[*p] & CND_JC_WS)) {
			if (*p++ == '\n')
				CND_JSON_NEWLINE(s, p);
		}
		s->p = p;
		if (p < end)
			return *p;
		if (!scan_refill(s))
			return -1;
		p = s->p;
	}
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
__attribute__((format(printf, 2, 3))) static int
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
static int scan_eof(struct cnd_json_scan *s, long long index)
{
	if (s->read_status)
		return s->read_status;
	if (index >= 0)
		return scan_error(s, "unexpected end of data in element %lld",
				  index);
	return scan_error(s, "unexpected end of data");
}

/* Something else than what was expected (or the end of the data). */
static int scan_expected(struct cnd_json_scan *s, int c, const char *what)
{
	char found[16];

	if (c < 0)
		return scan_eof(s, -1);
	return scan_error(s, "expected %s, found %s", what,
			  scan_describe(c, found, sizeof(found)));
}

/* Skip to the top-level value: CND_OK with s->p on its first byte. */
static int scan_to_value(struct cnd_json_scan *s)
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

struct cnd_json_pipe;
static int pl_push(struct cnd_json_pipe *pl, json_t *v, long long index,
		   int status, unsigned long line, unsigned long column,
		   const char *msg);

/* Report a problem through the reader's callback, and remember its grade. */
__attribute__((format(printf, 6, 7))) static void
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
static int scan_value(struct cnd_json_scan *s, struct cnd_json_cap *cap,
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
static json_t *scan_parse_whole(struct cnd_json_scan *s, json_error_t *jerr,
				unsigned long *line, unsigned long *column)
{
	json_t *v = scan_parse(s, jerr, -1, *line);

	cnd_buf_release(&s->proj);
	if (!v)
		value_error_pos(s->elem.data, (size_t)s->elem.size,
				jerr->position, line, column);
	return v;
}

/* Hand a value to the caller; CND_FATAL from it stops the member. */
static int scan_call(struct cnd_json_scan *s, json_t *v, long long index)
{
	int rc = CND_OK;

	if (s->r->path_out && (index >= 0 || index == CND_JSON_VALUE))
		*s->r->path_out = s->path;
	if (s->r->key_out && (index >= 0 || index == CND_JSON_VALUE))
		*s->r->key_out = s->wkey.len ? s->wkey.data : NULL;
	if (s->r->fn)
		rc = s->r->fn(s->r->ud, v, index);
	json_decref(v);
	if (rc == CND_FATAL)
		return CND_FATAL;
	if (rc > CND_OK)
		s->status = cnd_status_worst(s->status, rc);
	return CND_OK;
}

/*
 * --- The pipeline: handlers on a second thread ---
 *
 * For a big member, the elements are parsed on the reading thread and
 * handed in batches to a worker thread that calls the reader's callbacks
 * (the platform handler, and through it the rules), so parsing and the
 * rules run at once. Each batch owns an arena that holds its elements'
 * values until the worker is done with them; the worker calls back in
 * element order, problems included, exactly as a direct read would, and a
 * CND_FATAL from a callback stops the read (the elements already parsed
 * after it are dropped unseen).
 */
#define PL_SLOTS 3
#define PL_BATCH_ITEMS 256
#define PL_BATCH_BYTES (512 * 1024)

struct pl_item {
	json_t *v;	 /* NULL: a problem */
	long long index;
	unsigned path;	 /* of an element: which of the reader's paths */
	int status;
	unsigned long line, column;
	const char *msg; /* in the batch's arena */
};

struct pl_batch {
	struct cnd_arena arena;
	struct pl_item items[PL_BATCH_ITEMS];
	size_t n;
};

struct cnd_json_pipe {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	const struct cnd_json_reader *r;
	struct pl_batch b[PL_SLOTS];
	unsigned filled, taken; /* batches handed over and done, ever */
	int done;		/* no more batches */
	int fatal;		/* a callback returned CND_FATAL */
	int status;		/* worst other callback status */
	unsigned path;		/* the path of the array it streams */
	char *key;		/* the key its '*' level matched, or NULL */
};

static void *pl_main(void *arg)
{
	struct cnd_json_pipe *pl = arg;
	int fatal = 0, status = CND_OK;

	for (;;) {
		struct pl_batch *b;

		pthread_mutex_lock(&pl->lock);
		while (pl->filled == pl->taken && !pl->done)
			pthread_cond_wait(&pl->cond, &pl->lock);
		if (pl->filled == pl->taken) {
			pl->status = status;
			pthread_mutex_unlock(&pl->lock);
			return NULL;
		}
		pthread_mutex_unlock(&pl->lock);

		b = &pl->b[pl->taken % PL_SLOTS];
		fp_arena = &b->arena; /* what a handler allocates, freed with it */
		for (size_t i = 0; i < b->n && !fatal; i++) {
			const struct pl_item *it = &b->items[i];
			int rc;

			if (!it->v) {
				if (pl->r->problem)
					pl->r->problem(pl->r->ud, it->status,
						       it->index, it->line,
						       it->column, it->msg);
				continue;
			}
			if (pl->r->path_out)
				*pl->r->path_out = it->path;
			if (pl->r->key_out)
				*pl->r->key_out = pl->key;
			rc = pl->r->fn ? pl->r->fn(pl->r->ud, it->v, it->index) :
					 CND_OK;
			if (rc == CND_FATAL)
				fatal = 1;
			else if (rc > CND_OK)
				status = cnd_status_worst(status, rc);
		}
		fp_arena = NULL;
		b->n = 0;
		cnd_arena_reset(&b->arena);

		pthread_mutex_lock(&pl->lock);
		pl->taken++;
		if (fatal)
			pl->fatal = 1;
		pthread_cond_broadcast(&pl->cond);
		pthread_mutex_unlock(&pl->lock);
	}
}

/* Start the worker for s, or leave s->pl NULL (then reads are direct). */
static void pl_start(struct cnd_json_scan *s)
{
	struct cnd_json_pipe *pl;

	if (!s->m || !cnd_member_threaded(s->m))
		return;
	pl = cnd_xcalloc(1, sizeof(*pl));
	pl->r = s->r;
	pl->path = s->path;
	pl->key = s->wkey.len ? cnd_xstrdup(s->wkey.data) : NULL;
	for (int i = 0; i < PL_SLOTS; i++)
		cnd_arena_init(&pl->b[i].arena);
	pthread_mutex_init(&pl->lock, NULL);
	pthread_cond_init(&pl->cond, NULL);
	if (pthread_create(&pl->thread, NULL, pl_main, pl)) {
		pthread_mutex_destroy(&pl->lock);
		pthread_cond_destroy(&pl->cond);
		free(pl->key);
		free(pl);
		return;
	}
	s->pl = pl;
}

/* The batch being filled, waiting for the worker to free one if need be. */
static struct pl_batch *pl_current(struct cnd_json_pipe *pl)
{
	pthread_mutex_lock(&pl->lock);
	while (pl->filled - pl->taken == PL_SLOTS)
		pthread_cond_wait(&pl->cond, &pl->lock);
	pthread_mutex_unlock(&pl->lock);
	return &pl->b[pl->filled % PL_SLOTS];
}

/* Hand the current batch to the worker; 1 when a callback was fatal. */
static int pl_submit(struct cnd_json_pipe *pl)
{
	int fatal;

	pthread_mutex_lock(&pl->lock);
	if (pl->b[pl->filled % PL_SLOTS].n)
		pl->filled++;
	fatal = pl->fatal;
	pthread_cond_broadcast(&pl->cond);
	pthread_mutex_unlock(&pl->lock);
	return fatal;
}

/* Queue an element or a problem (v NULL); CND_FATAL stops the read. */
static int pl_push(struct cnd_json_pipe *pl, json_t *v, long long index,
		   int status, unsigned long line, unsigned long column,
		   const char *msg)
{
	struct pl_batch *b = pl_current(pl);
	struct pl_item *it = &b->items[b->n++];

	it->v = v;
	it->index = index;
	it->path = pl->path;
	it->status = status;
	it->line = line;
	it->column = column;
	it->msg = msg ? cnd_arena_strdup(&b->arena, msg) : NULL;
	if (b->n == PL_BATCH_ITEMS || b->arena.used_bytes >= PL_BATCH_BYTES)
		return pl_submit(pl) ? CND_FATAL : CND_OK;
	return CND_OK;
}

/*
 * Hand over what is queued, wait for the worker and stop it. Returns
 * CND_FATAL when a callback was fatal, else CND_OK; s->status takes the
 * callbacks' worst status.
 */
static int pl_end(struct cnd_json_scan *s)
{
	struct cnd_json_pipe *pl = s->pl;
	int fatal;

	if (!pl)
		return CND_OK;
	pl_submit(pl);
	pthread_mutex_lock(&pl->lock);
	pl->done = 1;
	pthread_cond_broadcast(&pl->cond);
	pthread_mutex_unlock(&pl->lock);
	pthread_join(pl->thread, NULL);
	fatal = pl->fatal;
	s->status = cnd_status_worst(s->status, pl->status);
	pthread_mutex_destroy(&pl->lock);
	pthread_cond_destroy(&pl->cond);
	for (int i = 0; i < PL_SLOTS; i++)
		cnd_arena_release(&pl->b[i].arena);
	free(pl->key);
	free(pl);
	s->pl = NULL;
	return fatal ? CND_FATAL : CND_OK;
}

/* Where the next element's values go: the open batch, or s->vals. */
static struct cnd_arena *scan_values(struct cnd_json_scan *s)
{
	return s->pl ? &pl_current(s->pl)->arena : &s->vals;
}

/* Hand a parsed element over: now, or to the worker. */
static int scan_deliver(struct cnd_json_scan *s, json_t *v, long long index)
{
	if (s->pl)
		return pl_push(s->pl, v, index, CND_OK, 0, 0, NULL);
	return scan_call(s, v, index);
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
static int scan_array(struct cnd_json_scan *s)
{
	int rc, end;

	pl_start(s);
	rc = scan_elements(s, 1);
	end = pl_end(s);
	return rc ? rc : end;
}

/* Count the elements of the array whose '[' is at s->p, handing none. */
static int scan_count(struct cnd_json_scan *s)
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

/* Whether the key just cut out is the n bytes at name. */
static int scan_key_is(const struct cnd_json_scan *s, const char *name,
		       size_t n)
{
	const char *k;
	size_t len;
	json_t *v;
	int eq;

	if (s->key.over || s->key.size < 2)
		return 0;
	k = s->key.data + 1;
	len = (size_t)s->key.size - 2;
	if (!memchr(k, '\\', len))
		return len == n && !memcmp(k, name, n);
	/* Escapes: let Jansson decode the key. */
	v = json_loadb(s->key.data, (size_t)s->key.size, CND_JSON_FLAGS, NULL);
	eq = v && json_is_string(v) && json_string_length(v) == n &&
	     !memcmp(json_string_value(v), name, n);
	json_decref(v);
	return eq;
}

/*
 * The walk along the streamed paths (see struct cnd_json_lastwins): each
 * path's levels, the caller's picks and what the walk finds.
 */
struct path_walk {
	struct {
		const char *name[CND_JSON_PATH_MAX];
		size_t len[CND_JSON_PATH_MAX];
		unsigned n;
		unsigned long long handed; /* elements handed over so far */
		unsigned value : 1; /* "{}": the value is handed over whole */
		unsigned wild : 1;  /* the last level is '*': any key */
	} path[CND_JSON_PATHS_MAX];
	unsigned n;
	unsigned top; /* 1 + the path that is "" (the top-level array), or 0 */
	struct cnd_json_lastwins *lw;
	int picking;		     /* lw->pick holds a choice */
	json_t *rest;		     /* the other top-level members, or NULL */
	struct cnd_json_cap cap;     /* a top-level member kept for rest */
};

#define CND_JSON_REST_MAX (1024 * 1024)

/* Keep the top-level member whose key was just cut out, for rest. */
static int walk_keep(struct cnd_json_scan *s, struct path_walk *w)
{
	json_t *k, *v, *old;
	int rc;

	k = s->key.over ? NULL :
			  json_loadb(s->key.data, (size_t)s->key.size,
				     CND_JSON_FLAGS, NULL);
	rc = scan_value(s, &w->cap, -1);
	if (!rc && k && json_is_string(k) && !w->cap.over) {
		v = json_loadb(w->cap.data, (size_t)w->cap.size,
			       CND_JSON_FLAGS, NULL);
		old = v ? json_object_get(w->rest, json_string_value(k)) :
			  NULL;
		if (old && !json_equal(old, v))
			scan_problem(s, CND_WARN, -1, s->line, 0,
				     "key \"%.64s\" occurs more than once with different values: the last is read (as JSON.parse, Python's json and Jansson read it)",
				     json_string_value(k));
		if (v)
			json_object_set_new(w->rest, json_string_value(k), v);
	}
	json_decref(k);
	return rc;
}

/* Stream the array at s->p for path p, counting its elements. */
static int walk_array(struct cnd_json_scan *s, struct path_walk *w,
		      unsigned p, int hand)
{
	unsigned long long before = s->elements;
	int rc;

	if (!hand) {
		/* count without handing over: a cheap pass of the scanner */
		rc = scan_count(s);
		w->lw->elements += s->elements - before;
		return rc;
	}
	s->path = p;
	rc = scan_array(s);
	w->lw->elements += s->elements - before;
	w->path[p].handed += s->elements - before;
	return rc;
}

/* Hand over the value at s->p whole, for value path p (index CND_JSON_VALUE). */
static int walk_value(struct cnd_json_scan *s, struct path_walk *w,
		      unsigned p, int hand)
{
	unsigned long line = s->line, column = scan_column(s);
	json_error_t jerr;
	json_t *v;
	int rc;

	if (!hand)
		return scan_value(s, NULL, -1);
	rc = scan_value(s, &s->elem, -1);
	if (rc)
		return rc;
	w->path[p].handed++;
	if (s->elem.over) {
		scan_problem(s, CND_FAILED, -1, line, column,
			     "the value of '%s' is larger than the limit of %zu bytes",
			     w->path[p].name[0], s->elem.limit);
		return CND_OK;
	}
	v = scan_parse_whole(s, &jerr, &line, &column);
	if (!v) {
		scan_problem(s, CND_FAILED, -1, line, column,
			     "invalid JSON: %s", jerr.text);
		return CND_OK;
	}
	s->path = p;
	return scan_call(s, v, CND_JSON_VALUE);
}

/* The key just cut out, unescaped, as the one a '*' level matched. */
static void walk_wild_key(struct cnd_json_scan *s)
{
	json_t *k = s->key.over ? NULL :
				  json_loadb(s->key.data, (size_t)s->key.size,
					     CND_JSON_FLAGS, NULL);

	s->wkey.len = 0;
	if (json_is_string(k))
		cnd_buf_add(&s->wkey, json_string_value(k),
			    json_string_length(k) + 1);
	if (s->wkey.len)
		s->wkey.len--; /* the NUL stays, uncounted */
	json_decref(k);
}

/*
 * The members of the object whose '{' is at s->p, at level lv of the
 * paths in mask (those whose earlier levels led here): every occurrence
 * of a path's key is walked (to count what the last-wins result holds),
 * and an array is handed over when its path is in follow, the paths for
 * which this object lies on the occurrences to read.
 */
static int walk_object(struct cnd_json_scan *s, struct path_walk *w,
		       unsigned lv, unsigned mask, unsigned follow)
{
	struct cnd_json_lastwins *lw = w->lw;
	unsigned occ[CND_JSON_PATHS_MAX] = { 0 }, p, k, m, on, end, wild;
	int c, rc;

	s->p++;
	if (scan_skip_ws(s) == '}') {
		s->p++;
		return CND_OK;
	}
	for (;;) {
		c = scan_skip_ws(s);
		if (c != '"')
			return scan_expected(s, c, "a key");
		rc = scan_value(s, &s->key, -1);
		if (rc)
			return rc;
		/* Now: the key's bytes may live in the window. */
		m = on = end = wild = 0;
		for (p = 0; p < w->n; p++) {
			if (!(mask >> p & 1))
				continue;
			if (w->path[p].wild && lv + 1 == w->path[p].n)
				wild |= 1u << p;
			else if (scan_key_is(s, w->path[p].name[lv],
					     w->path[p].len[lv]))
				m |= 1u << p;
		}
		if (wild && !m) {
			/* any key: each is its own array, no last-wins */
			walk_wild_key(s);
			for (p = 0; p < w->n; p++)
				if (wild >> p & 1)
					lw->last[p][lv]++; /* keys met */
			on = wild & follow;
			end = wild;
			m = wild;
		}
		c = scan_skip_ws(s);
		if (c != ':')
			return scan_expected(s, c, "':' after a key");
		s->p++;
		c = scan_skip_ws(s);
		if (c < 0)
			return scan_eof(s, -1);
		if (!m) {
			rc = lv == 0 && w->rest ? walk_keep(s, w) :
						  scan_value(s, NULL, -1);
			goto next;
		}
		for (p = 0; p < w->n && !wild; p++) {
			if (!(m >> p & 1))
				continue;
			lw->last[p][lv] = ++occ[p];
			for (k = lv + 1; k < w->path[p].n; k++)
				lw->last[p][k] = 0;
			if (w->path[p].handed && !w->picking)
				lw->reread = 1; /* what was handed is replaced */
			if ((follow >> p & 1) && !lw->reread &&
			    (!w->picking || lw->pick[p][lv] == occ[p]))
				on |= 1u << p;
			if (lv + 1 == w->path[p].n)
				end |= 1u << p;
		}
		for (p = 0; p < w->n && !(m >> p & 1); p++)
			;
		if (!wild && occ[p] > 1)
			scan_problem(s, CND_WARN, -1, s->line, scan_column(s),
				     "key \"%.*s\" occurs %u times: the last is read (as JSON.parse, Python's json and Jansson read it)",
				     (int)w->path[p].len[lv], w->path[p].name[lv],
				     occ[p]);
		if (c == 'n') {
			rc = scan_value(s, NULL, -1); /* null: nothing there */
		} else if (end && w->path[p].value) {
			rc = walk_value(s, w, p, on >> p & 1);
		} else if (end) {
			if (c != '[')
				return scan_error(s, "'%.*s' is not an array",
						  (int)(w->path[p].name[lv] +
							w->path[p].len[lv] -
							w->path[p].name[0]),
						  w->path[p].name[0]);
			for (p = 0; !(end >> p & 1); p++)
				;
			rc = walk_array(s, w, p, on >> p & 1);
		} else if (c != '{') {
			return scan_error(s, "'%.*s' is not an object",
					  (int)(w->path[p].name[lv] +
						w->path[p].len[lv] -
						w->path[p].name[0]),
					  w->path[p].name[0]);
		} else {
			rc = walk_object(s, w, lv + 1, m, on);
		}
next:
		s->wkey.len = 0;
		if (rc)
			return rc;
		c = scan_skip_ws(s);
		if (c == ',') {
			s->p++;
			continue;
		}
		if (c != '}')
			return scan_expected(s, c, "',' or '}' in an object");
		s->p++;
		return CND_OK;
	}
}

/*
 * Split array_path into its paths ('|') and their levels ('.'). A key
 * that ends one path and leads on in another cannot be both an array
 * and an object: such a set, or too many paths or levels, is refused.
 */
static int walk_paths(struct cnd_json_scan *s, struct path_walk *w)
{
	const char *name = s->r->array_path;
	unsigned p, q, k, last;
	size_t len;

	for (;;) {
		if (w->n == CND_JSON_PATHS_MAX)
			return scan_error(s, "more than %d array paths",
					  CND_JSON_PATHS_MAX);
		p = w->n++;
		for (;;) {
			if (w->path[p].n == CND_JSON_PATH_MAX)
				return scan_error(s, "array path '%s' is too deep",
						  s->r->array_path);
			len = strcspn(name, ".|");
			w->path[p].name[w->path[p].n] = name;
			w->path[p].len[w->path[p].n++] = len;
			name += len;
			if (*name != '.')
				break;
			name++;
		}
		last = w->path[p].n - 1;
		len = w->path[p].len[last];
		if (len >= 2 && !memcmp(w->path[p].name[last] + len - 2, "{}", 2)) {
			w->path[p].value = 1;
			w->path[p].len[last] = len - 2;
		}
		for (k = 0; k < w->path[p].n; k++)
			if (w->path[p].len[k] == 1 &&
			    w->path[p].name[k][0] == '*') {
				if (k != last || w->path[p].value)
					return scan_error(s, "array path '%s': '*' may only be the last level of a path to arrays",
							  s->r->array_path);
				w->path[p].wild = 1;
			}
		if (w->path[p].n == 1 && !w->path[p].len[0]) {
			if (w->path[p].value || w->top)
				return scan_error(s, "array path '%s': one empty path (the top-level array) at most",
						  s->r->array_path);
			w->top = p + 1;
		}
		if (!*name)
			break;
		name++; /* '|' */
	}
	for (p = 0; p < w->n; p++)
		for (q = 0; q < w->n; q++) {
			for (k = 0; k < w->path[p].n && k < w->path[q].n; k++)
				if (w->path[p].len[k] != w->path[q].len[k] ||
				    memcmp(w->path[p].name[k], w->path[q].name[k],
					   w->path[p].len[k]))
					break;
			if (p != q && k == w->path[p].n)
				return scan_error(s, "array path %u ends where path %u goes on (or is the same)",
						  p + 1, q + 1);
		}
	return CND_OK;
}

/*
 * Follow the paths through the top-level object to their arrays and
 * stream them, last-wins over duplicate keys; the values of other keys
 * are scanned past without being built (or kept for rest). A missing key
 * or a null on the way means there is nothing to stream.
 */
static int scan_path(struct cnd_json_scan *s)
{
	struct cnd_json_lastwins own, *lw = s->r->lw ? s->r->lw : &own;
	struct path_walk w;
	unsigned all;
	int rc;

	memset(&w, 0, sizeof(w));
	if (!s->r->lw)
		memset(&own, 0, sizeof(own));
	w.lw = lw;
	for (unsigned p = 0; p < CND_JSON_PATHS_MAX; p++)
		w.picking |= lw->pick[p][0] != 0;
	lw->reread = 0;
	lw->elements = 0;
	memset(lw->last, 0, sizeof(lw->last));
	rc = walk_paths(s, &w);
	if (rc)
		return rc;
	all = ((1u << w.n) - 1) & ~(w.top ? 1u << (w.top - 1) : 0u);
	rc = scan_to_value(s);
	if (rc)
		return rc;
	if (*s->p == '[' && w.top) {
		/* the document is the array itself */
		unsigned long long before = s->elements;

		s->path = w.top - 1;
		lw->last[w.top - 1][0] = 1;
		rc = scan_array(s);
		lw->elements += s->elements - before;
		return rc;
	}
	if (*s->p != '{')
		return scan_error(s, w.top ? "the top-level value is neither an object nor an array" :
					     "the top-level value is not an object");
	if (s->r->rest) {
		w.rest = json_object();
		cnd_buf_init(&w.cap.buf);
		w.cap.limit = CND_JSON_REST_MAX;
	}
	rc = walk_object(s, &w, 0, all, all);
	if (!rc && lw->reread && !s->r->lw)
		rc = scan_error(s, "a key on '%s' occurs again after its elements were read: they cannot be taken back",
				s->r->array_path);
	if (w.rest) {
		if (!rc && !lw->reread)
			rc = scan_call(s, w.rest, CND_JSON_REST);
		else
			json_decref(w.rest);
		cnd_buf_release(&w.cap.buf);
	}
	return rc;
}

int cnd_json_path_met(const struct cnd_json_lastwins *lw,
		      const char *array_path, unsigned p)
{
	unsigned i, levels = 1;

	for (i = 0; array_path && i < p; i++) {
		array_path = strchr(array_path, '|');
		if (array_path)
			array_path++;
	}
	if (!array_path || p >= CND_JSON_PATHS_MAX)
		return 0;
	for (; *array_path && *array_path != '|'; array_path++)
		levels += *array_path == '.';
	return levels <= CND_JSON_PATH_MAX && lw->last[p][levels - 1] > 0;
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

const char *cnd_json_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

json_t *cnd_json_path(const json_t *obj, const char *path)
{
	const json_t *cur = obj;
	json_t *v = NULL;
	size_t n;

	if (!path)
		return NULL;
	for (;;) {
		n = strcspn(path, ".");
		v = json_object_getn(cur, path, n);
		if (!v || !path[n])
			return v;
		path += n + 1;
		cur = v;
	}
}

int cnd_json_number(const json_t *v, double *out)
{
	const char *t;
	char *end;

	if (json_is_number(v)) {
		*out = json_number_value(v);
		return isfinite(*out) ? 0 : -1;
	}
	if (!json_is_string(v))
		return -1;
	t = json_string_value(v);
	errno = 0;
	*out = strtod(t, &end);
	if (end == t || errno)
		return -1;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return *end || !isfinite(*out) ? -1 : 0;
}

int cnd_json_int(const json_t *v, long long *out)
{
	const char *str;
	char *end;
	long long n;
	double d;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		/* 2^63 and its negative are exact doubles. */
		if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
			return -1;
		if (d != (double)(long long)d)
			return -1;
		*out = (long long)d;
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	str = json_string_value(v);
	if (!((*str >= '0' && *str <= '9') || *str == '-' || *str == '+'))
		return -1;
	errno = 0;
	n = strtoll(str, &end, 10);
	if (errno || end == str || (size_t)(end - str) != json_string_length(v))
		return -1;
	*out = n;
	return 0;
}

const char *cnd_json_text(struct cnd_arena *a, const json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return cnd_arena_printf(a, "%" JSON_INTEGER_FORMAT,
					json_integer_value(v));
	return NULL;
}
