/*
 * Private to src/parse/: the streaming JSON reader's scanner, shared by
 * the files that make it up. json.c holds the scanner proper (the window
 * over the member, whitespace, values scanned past or cut out, elements
 * parsed and handed over, the document forms and the two entry points);
 * json_path.c follows key paths through the top-level object to the
 * arrays to stream (last-wins over duplicate keys); json_pipe.c runs the
 * handlers on a worker thread for big members. The element parser is
 * json_fast.c (json_fast.h). What the scanner does on every byte is
 * static inline here, so no file pays a call for it.
 */
#ifndef CONDUCT_PARSE_JSON_SCAN_H
#define CONDUCT_PARSE_JSON_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/parse/json.h"

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

struct cnd_json_pipe; /* json_pipe.c */

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

static inline uint64_t scan_offset(const struct cnd_json_scan *s)
{
	return s->base + (uint64_t)(s->p - s->win);
}

static inline unsigned long scan_column(const struct cnd_json_scan *s)
{
	return (unsigned long)(scan_offset(s) - s->line_start + 1);
}

/* --- json.c: the scanner --- */

/*
 * Move to the next window; s->p must be at the end of the current one.
 * Returns 1, or 0 at the end of the data or after a read error (then
 * read_status is set and err holds the reader's message).
 */
int scan_refill(struct cnd_json_scan *s);

/* Skip whitespace; returns the next byte or -1 at the end of the data. */
static inline int scan_skip_ws(struct cnd_json_scan *s)
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

/* Set err to "line L, column C: <message>" at s->p; returns CND_FAILED. */
__attribute__((format(printf, 2, 3))) int
scan_error(struct cnd_json_scan *s, const char *fmt, ...);
/*
 * The data ended where more was expected: a read error keeps the reader's
 * message, anything else is a truncated document.
 */
int scan_eof(struct cnd_json_scan *s, long long index);
/* Something else than what was expected (or the end of the data). */
int scan_expected(struct cnd_json_scan *s, int c, const char *what);
/* Skip to the top-level value: CND_OK with s->p on its first byte. */
int scan_to_value(struct cnd_json_scan *s);
/* Report a problem through the reader's callback, and remember its grade. */
__attribute__((format(printf, 6, 7))) void
scan_problem(struct cnd_json_scan *s, int status, long long index,
	     unsigned long line, unsigned long column, const char *fmt, ...);
/*
 * Scan the value that starts at s->p (a byte that is not whitespace) and
 * leave s->p just after it; with cap, also cut out its bytes. index names
 * the element in messages (-1: not an element). Returns CND_OK, or the
 * status of a broken or truncated document.
 */
int scan_value(struct cnd_json_scan *s, struct cnd_json_cap *cap,
	       long long index);
/*
 * Parse the value just cut out whole (not an array element: no drop list),
 * which started at *line, *column; NULL with jerr and *line, *column at
 * what is wrong.
 */
json_t *scan_parse_whole(struct cnd_json_scan *s, json_error_t *jerr,
			 unsigned long *line, unsigned long *column);
/* Hand a value to the caller; CND_FATAL from it stops the member. */
int scan_call(struct cnd_json_scan *s, json_t *v, long long index);
/* Stream the array whose '[' is at s->p, element by element. */
int scan_array(struct cnd_json_scan *s);
/* Count the elements of the array whose '[' is at s->p, handing none. */
int scan_count(struct cnd_json_scan *s);

/* --- json_path.c: the walk along key paths --- */

/*
 * Follow the paths of s->r->array_path through the top-level object to
 * their arrays and stream them (see struct cnd_json_lastwins).
 */
int scan_path(struct cnd_json_scan *s);

/* --- json_pipe.c: handlers on a second thread --- */

/* Start the worker for s, or leave s->pl NULL (then reads are direct). */
void pl_start(struct cnd_json_scan *s);
/* Queue an element or a problem (v NULL); CND_FATAL stops the read. */
int pl_push(struct cnd_json_pipe *pl, json_t *v, long long index,
	    int status, unsigned long line, unsigned long column,
	    const char *msg);
/*
 * The arena of the batch being filled, where the next element's values
 * go (waiting for the worker to free a batch if need be).
 */
struct cnd_arena *pl_arena(struct cnd_json_pipe *pl);
/*
 * Hand over what is queued, wait for the worker and stop it. Returns
 * CND_FATAL when a callback was fatal, else CND_OK; s->status takes the
 * callbacks' worst status.
 */
int pl_end(struct cnd_json_scan *s);

#endif
