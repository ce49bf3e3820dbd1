/*
 * A long HTML page read on two threads (html_state.h): libxml2's HTML
 * parser costs about 150 instructions a byte, so a Messenger thread page
 * is cut into segments at the start tags of its entry blocks, and every
 * other segment is parsed by a second libxml2 context on a helper thread,
 * started from the stack of open elements the page's own parser has
 * between two entries. That segment's entries are kept (copied, with their
 * own memory) only when the page's parser does reach its start in exactly
 * that state, and the helper's parser ends it in that state again, with no
 * markup error, limit or cut entry on the way; the page's parser then goes
 * on after it, and the entries are handed to the callback on the caller's
 * thread, in page order. Otherwise the page's parser reads the segment
 * itself, so the entries, problems and failures are those of the one-thread
 * read; the bytes are still measured by the guard and handed to libxml2 in
 * the chunks they were read in. The helper's next segment is given to it
 * as soon as one is accepted, so two jobs take turns. Memory: a window of
 * a few segments, two segments' copies and their entries.
 */
#define _GNU_SOURCE /* memmem */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "conduct/base/arena.h"
#include "conduct/parse/html.h"

#include "html_state.h"

#define SPLIT_CHUNK 65536
#define SEGMENT_DEFAULT (64 * 1024)
#define NAMES_MAX 64
#define REJECTS_MAX 3 /* segments refused in a row before reading alone */
#define LOOK_STEP 4096 /* bytes read at a time before the first entry */

/* A chunk as pulled: where it ends and whether it ends in a quote. */
struct piece {
	unsigned long long end;
	unsigned long long quote;
	int open;
};

struct job {
	const char *data;
	size_t len;
	const char *const *names;
	size_t n_names;
	const char *prefix;
	const struct cnd_html_reader *r;
	struct cnd_arena keep;
	struct cnd_vec entries; /* struct cnd_html_entry */
	int refused;		/* a problem in the segment */
	int ok;
};

struct split {
	struct html_state *h;
	pthread_t thread;
	int started, have, done, quit;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/*
	 * Two jobs: while the entries of one are handed over, the helper
	 * already parses the next (in the other), posted as soon as the
	 * first is accepted. run: the slot the helper is to parse; cur: the
	 * slot of the job posted for [pb1, pb2) when pending.
	 */
	struct job jobs[2];
	struct cnd_buf segs[2]; /* the helper's segments */
	int run, cur, pending;
	unsigned long long pb1, pb2;
	struct cnd_buf win; /* bytes pulled, not yet parsed from wpos */
	unsigned long long wbase, wpos; /* offsets of win.data[0], next */
	struct cnd_vec pieces;		/* ends after wpos */
	size_t first;			/* pieces before it are done */
	int eof, read_err, guard_failed;
	char guard_msg[140];
	char *names[NAMES_MAX];
	size_t n_names;
	struct cnd_buf prefix;
	int rejects, off;
	size_t chunk; /* bytes pulled at a time */
};

static size_t segment_size(void)
{
	const char *v = getenv("CONDUCT_HTML_SEGMENT");
	long n = v ? atol(v) : 0;

	return n > 0 ? (size_t)n : SEGMENT_DEFAULT;
}

/*
 * Between two entries of the main region, everything read: the state a
 * segment may start and end in. names: the open elements wanted (NULL:
 * any).
 */
static int between(const struct html_state *h, char *const *names,
		   size_t n_names)
{
	const htmlParserCtxtPtr c = h->ctx;
	size_t i;

	if (!c || h->stopped || h->quiet || !h->main || h->depth != h->main ||
	    h->block || h->skip || h->title || h->link || h->tr ||
	    h->hold.len || c->instate != XML_PARSER_CONTENT ||
	    c->disableSAX || c->checkIndex || !c->input ||
	    c->input->cur != c->input->end ||
	    (c->input->buf && c->input->buf->encoder) ||
	    c->nameNr != (int)h->depth || h->depth > NAMES_MAX)
		return 0;
	if (!names)
		return 1;
	if (n_names != h->depth)
		return 0;
	for (i = 0; i < n_names; i++)
		if (strcmp((const char *)c->nameTab[i], names[i]))
			return 0;
	return 1;
}

static const char **copy_list(struct cnd_arena *a, const char *const *v,
			      size_t n)
{
	const char **o = cnd_arena_alloc(a, (n + 1) * sizeof(*o));
	size_t i;

	for (i = 0; i < n; i++)
		o[i] = cnd_arena_strdup(a, v[i]);
	o[n] = NULL;
	return o;
}

/* The helper's entries, copied: they outlive its parser. */
static int collect(void *ud, const struct cnd_html_entry *e)
{
	struct job *j = ud;
	struct cnd_html_entry *c = cnd_vec_push(&j->entries);
	struct cnd_arena *a = &j->keep;
	size_t i;

	*c = *e;
	c->header = e->header ? cnd_arena_strdup(a, e->header) : NULL;
	c->date = e->date ? cnd_arena_strdup(a, e->date) : NULL;
	c->text = e->text ? cnd_arena_strdup(a, e->text) : NULL;
	c->lines = copy_list(a, e->lines, e->n_lines);
	/* line tags are static names, or "" */
	c->line_tags = memcpy(cnd_arena_alloc(a, (e->n_lines + 1) *
						       sizeof(char *)),
			      e->line_tags, e->n_lines * sizeof(char *));
	c->media = copy_list(a, e->media, e->n_media);
	if (e->n_links) {
		struct cnd_html_link *l =
			cnd_arena_alloc(a, e->n_links * sizeof(*l));

		for (i = 0; i < e->n_links; i++) {
			l[i].href = cnd_arena_strdup(a, e->links[i].href);
			l[i].text = cnd_arena_strdup(a, e->links[i].text);
		}
		c->links = l;
	}
	if (e->n_fields) {
		struct cnd_html_field *f =
			cnd_arena_alloc(a, e->n_fields * sizeof(*f));

		for (i = 0; i < e->n_fields; i++) {
			f[i].label = cnd_arena_strdup(a, e->fields[i].label);
			f[i].value = cnd_arena_strdup(a, e->fields[i].value);
		}
		c->fields = f;
	}
	if (e->truncated)
		j->refused = 1;
	return CND_OK;
}

static void refuse(void *ud, int status, const char *message)
{
	struct job *j = ud;

	(void)status;
	(void)message;
	j->refused = 1;
}

/* Parse one segment on a fresh context started inside the main region. */
static void run_job(struct job *j)
{
	struct html_state h2;
	struct cnd_html_reader r2;
	struct cnd_error e2;

	memset(&r2, 0, sizeof(r2));
	r2.entry_max = j->r->entry_max;
	r2.tag_max = j->r->tag_max;
	r2.depth_max = j->r->depth_max;
	r2.fn = collect;
	r2.problem = refuse;
	r2.ud = j;
	cnd_error_clear(&e2);
	j->ok = 0;
	if (html_begin(&h2, &r2, &e2)) {
		html_end(&h2);
		return;
	}
	h2.quiet = 1;
	htmlParseChunk(h2.ctx, j->prefix, (int)strlen(j->prefix), 0);
	h2.quiet = 0;
	h2.depth = h2.main = (unsigned)j->n_names;
	r2.has_main = 1;
	if (between(&h2, (char *const *)j->names, j->n_names)) {
		htmlParseChunk(h2.ctx, j->data, (int)j->len, 0);
		j->ok = !j->refused && !h2.n_errors && !h2.undecodable &&
			!r2.title[0] && h2.status == CND_OK &&
			between(&h2, (char *const *)j->names, j->n_names);
	}
	html_end(&h2);
}

static void *worker(void *arg)
{
	struct split *s = arg;
	int slot;

	pthread_mutex_lock(&s->lock);
	for (;;) {
		while (!s->have && !s->quit)
			pthread_cond_wait(&s->cond, &s->lock);
		if (!s->have)
			break;
		slot = s->run;
		pthread_mutex_unlock(&s->lock);
		run_job(&s->jobs[slot]);
		pthread_mutex_lock(&s->lock);
		s->have = 0;
		s->done = 1;
		pthread_cond_broadcast(&s->cond);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

static void job_wait(struct split *s)
{
	pthread_mutex_lock(&s->lock);
	while (!s->done)
		pthread_cond_wait(&s->cond, &s->lock);
	pthread_mutex_unlock(&s->lock);
}

/* Pull chunks until want bytes wait past wpos (or the page ended). */
static void fill(struct split *s, void *ctx,
		 long (*pull)(void *ctx, void *buf, unsigned long n),
		 size_t want)
{
	struct html_state *h = s->h;

	while (!s->eof && s->win.len - (size_t)(s->wpos - s->wbase) < want) {
		long got;
		struct piece *p;

		cnd_buf_grow(&s->win, s->chunk);
		got = pull(ctx, s->win.data + s->win.len, s->chunk);
		if (got <= 0) {
			s->eof = 1;
			s->read_err = got < 0;
			break;
		}
		if (html_guard(h, s->win.data + s->win.len, (size_t)got,
			       s->guard_msg, sizeof(s->guard_msg))) {
			s->eof = s->guard_failed = 1;
			break;
		}
		s->win.len += (size_t)got;
		p = cnd_vec_push(&s->pieces);
		p->end = h->g_offset;
		p->open = h->g == G_DQ || h->g == G_SQ;
		p->quote = h->g_quote;
	}
}

/* Drop the bytes and pieces before wpos, now and then. */
static void compact(struct split *s)
{
	size_t gone = (size_t)(s->wpos - s->wbase), i, n = 0;

	/*
	 * Only when the bytes done are four times those waiting: each byte is
	 * then moved a quarter of a time on average, not once a round, for a
	 * window at most five times what a round reads ahead.
	 */
	if (gone < 4 * (s->win.len - gone))
		return;
	memmove(s->win.data, s->win.data + gone, s->win.len - gone);
	s->win.len -= gone;
	s->wbase = s->wpos;
	for (i = s->first; i < s->pieces.len; i++) {
		struct piece *p = cnd_vec_at(&s->pieces, i);

		if (p->end > s->wpos)
			*(struct piece *)cnd_vec_at(&s->pieces, n++) = *p;
	}
	s->pieces.len = n;
	s->first = 0;
}

/*
 * Where the page's chunks end may change what libxml2 reads: when it
 * decodes a charset the page declared (a stateful one as UTF-7), and in
 * broken markup (its look-ahead for '>' and '<' is kept across chunks).
 * Then the page is no longer cut: it is read alone, in the chunks a
 * one-thread read hands over.
 */
static int chunk_sensitive(const struct html_state *h)
{
	const htmlParserCtxtPtr c = h->ctx;

	return h->n_errors || h->undecodable ||
	       (c && c->input && c->input->buf && c->input->buf->encoder);
}

/*
 * The page's parser reads on to upto, in the chunks the bytes were pulled
 * in (each with the hold of a quote it ends in), a last piece cut at upto
 * (whole, once chunk_sensitive).
 */
static void feed_to(struct split *s, unsigned long long upto)
{
	struct html_state *h = s->h;

	while (s->wpos < upto && s->first < s->pieces.len && !h->stopped) {
		struct piece *p = cnd_vec_at(&s->pieces, s->first);
		unsigned long long end = p->end < upto ? p->end : upto;

		if (chunk_sensitive(h)) {
			s->off = 1;
			end = p->end;
		}
		size_t wait = end == p->end && p->open
				      ? (size_t)(p->end - p->quote) : 0;

		h->offset = p->end;
		html_push(h, s->win.data + (s->wpos - s->wbase),
			  (size_t)(end - s->wpos), wait, 0);
		s->wpos = end;
		if (end == p->end)
			s->first++;
	}
}

/*
 * The next start of an entry at or after from (offset), or 0; before the
 * white space that leads up to it, if any: libxml2 holds text back until
 * it sees the '<' after it, so a page cut just before the start tag of an
 * entry that follows a line break (pages written with one entry a line)
 * would never be between entries.
 */
static unsigned long long next_entry(struct split *s, unsigned long long from)
{
	const char *base = s->win.data, *p, *e = base + s->win.len, *lo;
	struct cnd_buf *sig = &s->h->sig;

	if (from < s->wbase)
		from = s->wbase;
	lo = p = base + (from - s->wbase);
	if (p >= e)
		return 0;
	p = memmem(p, (size_t)(e - p), sig->data, sig->len);
	if (!p)
		return 0;
	while (p > lo && (p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\r' ||
			  p[-1] == '\t'))
		p--;
	return s->wbase + (unsigned long long)(p - base);
}

/*
 * The start of the last entry in the window after b (0: none), so that
 * the helper takes all but the last entry of the page's end: the page's
 * parser has the closing tags and the callbacks to run.
 */
static unsigned long long last_entry(struct split *s, unsigned long long b)
{
	unsigned long long q = b, last = 0;

	while ((q = next_entry(s, q + s->h->sig.len)) != 0 && q > b)
		last = q;
	return last;
}

/*
 * Until the first entry is seen, the page's parser reads a few KiB at a
 * time, cut after a tag's '>' (up to end), so that the entries' start tag
 * is known, and the helper starts, near the first entry, not a whole
 * chunk later.
 */
static unsigned long long first_steps(struct split *s, unsigned long long end)
{
	unsigned long long to = s->wpos + LOOK_STEP;
	const char *lo = s->win.data + (s->wpos - s->wbase), *q;

	if (to >= end)
		return end;
	for (q = s->win.data + (to - s->wbase); q > lo; q--)
		if (q[-1] == '>')
			return s->wbase + (unsigned long long)(q - s->win.data);
	return end;
}

/* The stack between two entries, and the prefix that opens it again. */
static void keep_names(struct split *s)
{
	htmlParserCtxtPtr c = s->h->ctx;
	int i;

	for (i = 0; i < c->nameNr; i++) {
		s->names[i] = strdup((const char *)c->nameTab[i]);
		cnd_buf_printf(&s->prefix, "<%s>", s->names[i]);
	}
	s->n_names = (size_t)c->nameNr;
}

/* Hand the helper's entries over as the page's parser would have. */
static void deliver(struct split *s, struct job *j)
{
	struct html_state *h = s->h;
	size_t i;

	for (i = 0; i < j->entries.len && !h->stopped; i++) {
		struct cnd_html_entry *e = cnd_vec_at(&j->entries, i);

		e->index = h->r->entries++;
		h->r->helper_entries++;
		if (h->r->fn && h->r->fn(h->r->ud, e) >= CND_FATAL) {
			h->status = CND_FATAL;
			h->stopped = 1;
			xmlStopParser(h->ctx);
		}
	}
}

/*
 * Where the next round's segments end, from offset from: the page
 * parser's up to *b1, the helper's up to *b2 (0 when not in the window),
 * each about seg long. The page's thread has more to do (the byte guard,
 * the callbacks of every entry, each page's start and end), but longer
 * helper segments were slower in real time on the bench's Messenger
 * pages (1.5 and 2 times as long: 1.56 and 1.77 s against 1.50 s).
 */
static void plan(struct split *s, unsigned long long from, size_t seg,
		 unsigned long long *b1, unsigned long long *b2)
{
	unsigned long long avail = s->wbase + s->win.len - from;

	if (s->eof && avail < 3 * seg) {
		/* the last round: what is left, shared in two */
		*b1 = next_entry(s, from + avail / 2);
		*b2 = *b1 ? last_entry(s, *b1) : 0;
	} else {
		*b1 = next_entry(s, from + seg);
		*b2 = *b1 ? next_entry(s, *b1 + seg) : 0;
	}
}

/* Give the helper [b1, b2) to parse, in the job of slot. */
static void post(struct split *s, int slot, unsigned long long b1,
		 unsigned long long b2)
{
	struct job *j = &s->jobs[slot];
	struct cnd_buf *b = &s->segs[slot];

	cnd_buf_reset(b);
	cnd_buf_add(b, s->win.data + (b1 - s->wbase), (size_t)(b2 - b1));
	cnd_arena_reset(&j->keep);
	j->entries.len = 0;
	j->refused = 0;
	j->data = b->data;
	j->len = b->len;
	pthread_mutex_lock(&s->lock);
	s->run = slot;
	s->have = 1;
	s->done = 0;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	s->cur = slot;
	s->pb1 = b1;
	s->pb2 = b2;
	s->pending = 1;
}

/* One round: a segment for the page's parser, then one for the helper. */
static void round_two(struct split *s, size_t seg)
{
	struct html_state *h = s->h;
	unsigned long long b1, b2, n1, n2;
	const char *nl, *end;
	size_t lines = 0;
	struct job *j;
	struct cnd_buf *b;

	if (!s->pending) {
		plan(s, s->wpos, seg, &b1, &b2);
		if (!b2) { /* no second entry start in reach: read alone */
			struct piece *p = s->first < s->pieces.len
						  ? cnd_vec_at(&s->pieces,
							       s->first)
						  : NULL;

			feed_to(s, b1 ? b1 : p ? p->end : s->wpos);
			return;
		}
		post(s, s->cur, b1, b2);
	}
	b1 = s->pb1;
	b2 = s->pb2;
	j = &s->jobs[s->cur];
	b = &s->segs[s->cur];
	feed_to(s, b1);
	job_wait(s);
	s->pending = 0;
	if (h->stopped)
		return;
	/*
	 * Kept only when the page's parser stopped at b1 (not past it: from
	 * a markup problem on it reads whole chunks, see feed_to) and is
	 * between entries there.
	 */
	if (s->wpos != b1 || !j->ok || !between(h, s->names, s->n_names)) {
		if (++s->rejects >= REJECTS_MAX)
			s->off = 1;
		return; /* the page's parser reads it itself */
	}
	s->rejects = 0;
	for (nl = b->data, end = nl + b->len;
	     (nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL; nl++)
		lines++;
	h->ctx->input->line += (int)lines;
	/*
	 * The next job at once, so that the helper parses it while these
	 * entries are handed over and more of the page is read and guarded.
	 */
	if (!s->off) {
		plan(s, b2, seg, &n1, &n2);
		if (n2)
			post(s, 1 - s->cur, n1, n2);
	}
	deliver(s, j);
	s->wpos = b2;
	while (s->first < s->pieces.len &&
	       ((struct piece *)cnd_vec_at(&s->pieces, s->first))->end <= b2)
		s->first++;
}

int html_split_pull(struct html_state *h,
		    long (*pull)(void *ctx, void *buf, unsigned long n),
		    void *ctx)
{
	struct split s;
	size_t seg = segment_size(), i;

	memset(&s, 0, sizeof(s));
	s.h = h;
	/* a segment shorter than a chunk (tests): pulled in smaller chunks */
	s.chunk = seg < SPLIT_CHUNK ? seg : SPLIT_CHUNK;
	cnd_vec_init(&s.pieces, sizeof(struct piece));
	for (i = 0; i < 2; i++) {
		cnd_arena_init(&s.jobs[i].keep);
		cnd_vec_init(&s.jobs[i].entries, sizeof(struct cnd_html_entry));
		s.jobs[i].r = h->r;
		s.jobs[i].names = (const char *const *)s.names;
	}
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	h->want_sig = 1;
	while (!h->stopped) {
		/* two rounds ahead: the next job is posted from the window */
		fill(&s, ctx, pull,
		     s.n_names ? 5 * seg + 2 * h->sig.len
			       : 1);
		if (s.off || !h->sig.len || !s.n_names || !s.started) {
			/* reading alone, or looking for the entries' stack */
			unsigned long long to = 0;

			if (!s.off && h->sig.len && s.n_names == 0)
				to = next_entry(&s, s.wpos + 1);
			if (to) {
				feed_to(&s, to);
				if (between(h, NULL, 0)) {
					keep_names(&s);
					for (i = 0; i < 2; i++) {
						s.jobs[i].n_names = s.n_names;
						s.jobs[i].prefix = s.prefix.data;
					}
					s.started = pthread_create(&s.thread, NULL,
								   worker, &s) == 0;
				}
				if (!s.started && ++s.rejects >= REJECTS_MAX)
					s.off = 1;
				if (s.started)
					s.rejects = 0;
			} else if (s.first < s.pieces.len) {
				/* a chunk at a time until the entries begin */
				unsigned p = s.off || s.n_names
						     ? (unsigned)s.pieces.len - 1
						     : (unsigned)s.first;
				unsigned long long to_end =
					((struct piece *)cnd_vec_at(&s.pieces,
								    p))->end;

				if (!s.off && !s.n_names && !h->sig.len)
					to_end = first_steps(&s, to_end);
				feed_to(&s, to_end);
			}
		} else {
			round_two(&s, seg);
		}
		compact(&s);
		if (s.eof && s.first >= s.pieces.len)
			break;
	}
	if (s.started) {
		pthread_mutex_lock(&s.lock);
		s.quit = 1;
		pthread_cond_broadcast(&s.cond);
		pthread_mutex_unlock(&s.lock);
		pthread_join(s.thread, NULL);
	}
	if (!h->stopped && s.guard_failed) {
		html_fail(h, s.guard_msg);
	} else if (!h->stopped && s.read_err) {
		if (h->err->status < CND_FAILED)
			cnd_error_set(h->err, CND_FAILED,
				      "the page could not be read to its end");
		h->status = cnd_status_worst(h->status, h->err->status);
		h->stopped = 1;
	}
	if (!h->stopped) {
		h->offset = h->g_offset;
		html_push(h, "", 0, 0, 1);
	}
	for (i = 0; i < s.n_names; i++)
		free(s.names[i]);
	cnd_buf_release(&s.prefix);
	cnd_buf_release(&s.win);
	cnd_vec_release(&s.pieces);
	for (i = 0; i < 2; i++) {
		cnd_buf_release(&s.segs[i]);
		cnd_arena_release(&s.jobs[i].keep);
		cnd_vec_release(&s.jobs[i].entries);
	}
	pthread_mutex_destroy(&s.lock);
	pthread_cond_destroy(&s.cond);
	return html_end(h);
}
