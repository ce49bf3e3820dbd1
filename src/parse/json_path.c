/*
 * The JSON reader's walk along key paths (see json.c and the array_path
 * of struct cnd_json_reader): it follows "a.b|c|a.*|p{}" through the
 * top-level object to the arrays to stream and the values to hand over
 * whole, scans every other value past without building it (or keeps it
 * for the rest callback), and reads duplicate keys last-wins (struct
 * cnd_json_lastwins).
 */
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/json.h"

#include "json_scan.h"

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
int scan_path(struct cnd_json_scan *s)
{
	struct cnd_json_lastwins own, *lw = s->r->lw;
	struct path_walk w;
	unsigned all;
	int rc;

	memset(&w, 0, sizeof(w));
	if (!lw) {
		memset(&own, 0, sizeof(own));
		lw = &own;
	}
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
