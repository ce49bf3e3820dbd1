/*
 * Streaming JSON reader over an archive member. Export files that are big
 * arrays of records (tweets.js, Records.json, outbox.json) are never loaded
 * whole: the reader scans the member's bytes, finds the array named by a
 * path, cuts out one element at a time and hands it to the caller as a
 * Jansson value, so memory is bounded by the largest element. Small
 * documents are handed over whole. The JavaScript assignment form that
 * Twitter uses (`window.YTD.tweets.part0 = [ ... ]`, with or without a
 * trailing `;`) and a leading UTF-8 byte order mark are input quirks handled
 * here once, for every platform.
 */
#ifndef CONDUCT_JSON_H
#define CONDUCT_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "conduct/base/error.h"
#include "conduct/input/input.h"

struct cnd_arena;

enum cnd_input_kind {
	CND_KIND_JSON = 0, /* a JSON document, optional UTF-8 BOM */
	CND_KIND_JS,	   /* `anything = <JSON value>` with optional `;` */
	/*
	 * CSV (RFC 4180, BOM and UTF-16 sniffed, see csv.h): lines before
	 * the header (LinkedIn's "Notes:" preamble) are skipped, the header
	 * is the first row of two or more fields, and each later row is
	 * handed over as a JSON object of strings keyed by the lower-cased
	 * header names. Read by the scan driver, not by cnd_json_read().
	 */
	CND_KIND_CSV,
	/* the member's bytes, to the handler's raw function */
	CND_KIND_RAW,
};

/*
 * Called with each element (index 0, 1, ...) or with the whole document
 * (index -1). The value is borrowed: it is released after the call returns,
 * so copy out what must outlive it. While a streamed element's callback
 * runs, whatever Jansson allocates comes from that element's arena and is
 * dropped with it: free it (if at all) with the function that
 * json_get_alloc_funcs() gives, never with free(). Return CND_OK to go on; CND_FATAL stops
 * the member.
 */
typedef int (*cnd_json_fn)(void *ud, json_t *value, long long index);

/*
 * Called for a problem inside the member: index is the element index or
 * -1, line and column are 1-based positions in the member (0 when unknown).
 */
typedef void (*cnd_json_problem_fn)(void *ud, int status, long long index,
				    unsigned long line, unsigned long column,
				    const char *message);

/* Most levels a streamed array path ("a.b.c") may have. */
#define CND_JSON_PATH_MAX 8
/* Most paths one reader may stream ("a.b|c|a.d"). */
#define CND_JSON_PATHS_MAX 24

/*
 * The index the rest callback is called with (see struct cnd_json_reader's
 * rest).
 */
#define CND_JSON_REST (-2LL)

/*
 * The index a value path's value is handed over with (a path ending in
 * "{}", see struct cnd_json_reader's array_path).
 */
#define CND_JSON_VALUE (-3LL)

/*
 * Duplicate keys on a streamed path, read the way browsers' JSON.parse,
 * Python's json and Jansson read them: the last occurrence wins. A stream
 * cannot know that a key comes again until it does, so a read hands over
 * the elements of the first occurrence it meets; when a later occurrence
 * replaces elements already handed over, the read says so (reread) and
 * the caller reads the member again with pick set to last, which streams
 * exactly the occurrences that the last-wins result holds. Only exports
 * with that quirk pay for a second read, and memory stays bounded.
 */
struct cnd_json_lastwins {
	/*
	 * In: zeros for a first read; else, per path and level of the path,
	 * the 1-based occurrence of its key to follow (0: none), as `last`
	 * of an earlier read gave.
	 */
	unsigned pick[CND_JSON_PATHS_MAX][CND_JSON_PATH_MAX];
	/*
	 * Out: per path and level, how many times its key occurs (at the
	 * top level: in the document; below: in the last occurrence of the
	 * level above).
	 */
	unsigned last[CND_JSON_PATHS_MAX][CND_JSON_PATH_MAX];
	/* Out: elements were handed over that a later occurrence replaces. */
	int reread;
	/* Out: array elements met on the path (handed over or not). */
	unsigned long long elements;
};

struct cnd_json_reader {
	enum cnd_input_kind kind;
	/*
	 * NULL: hand the whole document to fn (index -1).
	 * "": the top-level value is an array; stream its elements.
	 * "a" or "a.b": the array under key a (of key b of ...) in the
	 * top-level object; stream its elements; other keys are skipped.
	 * "a.b|c|a.d": several such arrays of one document, each streamed
	 * (path_out tells which an element is of). In such a list:
	 *   "a.b{}"  the value of a.b, whatever it is, is handed over whole
	 *            (index CND_JSON_VALUE): a small object beside the big
	 *            arrays, such as a profile;
	 *   "a.*"    every array under a key of a (a map of conversations,
	 *            say) is streamed; key_out tells the key. '*' is only
	 *            the last level, and its keys do not take part in
	 *            last-wins (each is its own array);
	 *   ""       when the top-level value is an array instead of an
	 *            object, its elements (one export under two shapes).
	 */
	const char *array_path;
	/*
	 * Optional: set, before fn is called with an element or a value, to
	 * the index (0, 1, ...) in array_path of the path it is on.
	 */
	unsigned *path_out;
	/*
	 * Optional: set, before fn is called with an element, to the key a
	 * '*' level matched (valid during the call), or NULL.
	 */
	const char **key_out;
	size_t doc_max; /* largest document or element, in bytes */
	/*
	 * Keys (ending with NULL) whose values no handler reads: dropped, at
	 * any depth, from each streamed element before it is parsed, together
	 * with insignificant whitespace. Parsing is most of a scan's cost and
	 * grows with the bytes parsed, so this is the main speed lever for
	 * big arrays. NULL: keep everything.
	 */
	const char *const *drop;
	cnd_json_fn fn;
	cnd_json_problem_fn problem;
	void *ud;
	/*
	 * Optional, with a non-empty array_path: called once, after the
	 * array, with index CND_JSON_REST and an object of the other members
	 * of the top-level object (a declared "totalItems", say), each up to
	 * 1 MiB (larger ones are left out).
	 */
	cnd_json_fn rest;
	/*
	 * Optional: last-wins over duplicate keys on array_path (see
	 * struct cnd_json_lastwins). Without it, a key that comes again
	 * after its elements were handed over is a problem (CND_FAILED).
	 */
	struct cnd_json_lastwins *lw;
};

/*
 * --- Reading: json.c (the scanner), json_path.c (key paths, last-wins),
 * json_pipe.c (handlers on a worker thread) ---
 */

/*
 * Read member m as r describes. An element that is not valid JSON is
 * reported through r->problem and skipped (status CND_FAILED, the rest is
 * still read). An object key that occurs twice with different values keeps
 * its last value, as every common JSON reader does, and is reported
 * (CND_WARN) with its line. A member whose structure is broken (truncated, not JSON, no
 * array where the path says) stops with CND_FAILED and err naming the line
 * and column. Returns the worst status.
 */
int cnd_json_read(struct cnd_member *m, const struct cnd_json_reader *r,
		  struct cnd_error *err);

/* Same, over a buffer in memory (used by unit tests and fuzzers). */
int cnd_json_read_buffer(const char *data, size_t len,
			 const struct cnd_json_reader *r, struct cnd_error *err);

/*
 * After a read with lw (or during its rest call): 1 when the key of path
 * p (0, 1, ...) of array_path was met (its array or value, even empty or
 * null; for "", a top-level array; for '*', at least one key).
 */
int cnd_json_path_met(const struct cnd_json_lastwins *lw,
		      const char *array_path, unsigned p);

/* --- The element parser: json_fast.c --- */

/*
 * The parser behind streamed elements, on its own (for tests and the
 * differential fuzzer): data[0..len) as one value, or NULL when it leaves
 * the value to Jansson (which then parses it or says what is wrong). Any
 * value it returns equals what json_loadb() gives for the same bytes.
 */
json_t *cnd_json_parse_fast(const char *data, size_t len);

/* --- Value getters: json_value.c --- */

/*
 * Helpers for handlers: accept numbers and strings alike, since exports
 * write numbers as strings ("favorite_count" : "0").
 */
/* String value of key; NULL when absent, null or not a string. */
const char *cnd_json_str(const json_t *obj, const char *key);
/* Walk "a.b.c" through objects; NULL when any step is missing. */
json_t *cnd_json_path(const json_t *obj, const char *path);
/*
 * A finite number from a JSON number or a numeric string (surrounding
 * white space allowed, nothing else); returns 0 on success.
 */
int cnd_json_number(const json_t *v, double *out);
/* Integer from a number or a numeric string; returns 0 on success. */
int cnd_json_int(const json_t *v, long long *out);
/*
 * Text of a string or an integer value (ids come as either): the string as
 * it is, the integer written out in a; NULL for anything else.
 */
const char *cnd_json_text(struct cnd_arena *a, const json_t *v);

#endif
