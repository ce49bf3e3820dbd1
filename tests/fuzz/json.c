/*
 * libFuzzer target for the streaming JSON reader (src/parse/json.c): the
 * array streamer, the JavaScript assignment form and whole documents. The
 * first input byte picks the input kind and the array path ("", a key
 * path such as "orderedItems" or "a.b", or NULL for a whole document) and
 * a small document limit, so the element-too-large path is reached too;
 * the rest is the member's bytes. Every element handed over is walked, as
 * a handler would, so a value that is not what it claims to be shows up
 * under the sanitizers. Every input is also parsed whole by our element
 * parser and by Jansson: whatever ours accepts must equal Jansson's value.
 * And where Jansson reads the document, the elements streamed along a key
 * path (with the second read that last-wins may ask for, as the scan
 * driver does) must be exactly the elements of the array Jansson keeps at
 * that path, duplicate keys included: the last occurrence wins.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/parse/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(const json_t *v, int depth)
{
	const char *key;
	json_t *child;
	size_t i, n = 1;

	if (depth > 64)
		return n;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, child)
			n += strlen(key) + walk(child, depth + 1);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			n += walk(child, depth + 1);
	} else if (json_is_string(v)) {
		n += json_string_length(v);
	}
	return n;
}

static int on_value(void *ud, json_t *value, long long index)
{
	size_t *total = ud;
	long long k;

	*total += walk(value, 0) + (size_t)(index + 1);
	(void)cnd_json_int(value, &k);
	(void)cnd_json_str(value, "id");
	(void)cnd_json_path(value, "a.b.c");
	return index == 1000 ? CND_FATAL : CND_OK;
}

static void on_problem(void *ud, int status, long long index,
		       unsigned long line, unsigned long column,
		       const char *message)
{
	size_t *total = ud;

	*total += (size_t)status + (size_t)index + line + column +
		  strlen(message);
}

/* Our element parser never accepts what Jansson reads differently. */
static void differential(const char *data, size_t size)
{
	json_t *ours = cnd_json_parse_fast(data, size);
	json_t *theirs;

	if (!ours)
		return;
	theirs = json_loadb(data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL,
			    NULL);
	if (!theirs || !json_equal(ours, theirs))
		abort();
	json_decref(ours);
	json_decref(theirs);
}

struct seen {
	char *dumps;
	size_t len, cap;
	int bad; /* an element could not be read */
};

/* Append the compact dump d (with its NUL) to what sn saw. */
static void seen_push(struct seen *sn, const char *d)
{
	size_t n;

	if (!d)
		abort();
	n = strlen(d) + 1;
	if (sn->len + n > sn->cap) {
		sn->cap = (sn->len + n) * 2;
		sn->dumps = realloc(sn->dumps, sn->cap);
		if (!sn->dumps)
			abort();
	}
	memcpy(sn->dumps + sn->len, d, n);
	sn->len += n;
}

#define SEEN_FLAGS (JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS)

static void seen_add(struct seen *sn, const json_t *v)
{
	char *d = json_dumps(v, SEEN_FLAGS);

	seen_push(sn, d);
	free(d);
}

static int lw_value(void *ud, json_t *value, long long index)
{
	json_malloc_t jm;
	json_free_t jf;
	char *d = json_dumps(value, SEEN_FLAGS);

	(void)index;
	seen_push(ud, d);
	/* inside a callback Jansson allocates from the element's arena */
	json_get_alloc_funcs(&jm, &jf);
	jf(d);
	return CND_OK;
}

static void lw_problem(void *ud, int status, long long index,
		       unsigned long line, unsigned long column,
		       const char *message)
{
	struct seen *sn = ud;

	(void)index, (void)line, (void)column, (void)message;
	if (status >= CND_FAILED)
		sn->bad = 1;
}

/* Streamed along path, last-wins, equals Jansson's array at path. */
static void last_wins(const char *data, size_t size, const char *path)
{
	struct cnd_json_lastwins lw;
	struct cnd_json_reader r = { 0 };
	struct seen ours = { 0 }, theirs = { 0 };
	struct cnd_error err;
	json_t *doc, *arr, *e;
	size_t i;
	int rc;

	doc = json_loadb(data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (!json_is_object(doc))
		goto out;
	arr = cnd_json_path(doc, path);
	if (arr && !json_is_array(arr) && !json_is_null(arr))
		goto out; /* the reader stops there, rightly */
	json_array_foreach(arr, i, e)
		seen_add(&theirs, e);
	memset(&lw, 0, sizeof(lw));
	r.kind = CND_KIND_JSON;
	r.array_path = path;
	r.fn = lw_value;
	r.problem = lw_problem;
	r.ud = &ours;
	r.lw = &lw;
	rc = cnd_json_read_buffer(data, size, &r, &err);
	if (rc <= CND_WARN && lw.reread) {
		memcpy(lw.pick, lw.last, sizeof(lw.pick));
		ours.len = 0;
		ours.bad = 0;
		rc = cnd_json_read_buffer(data, size, &r, &err);
		if (lw.reread)
			abort(); /* a picked read never asks again */
	}
	if (rc <= CND_WARN && !ours.bad &&
	    (ours.len != theirs.len ||
	     (ours.len && memcmp(ours.dumps, theirs.dumps, ours.len))))
		abort();
out:
	json_decref(doc);
	free(ours.dumps);
	free(theirs.dumps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "", "orderedItems", NULL,
					     "a.b" };
	struct cnd_json_reader r = { 0 };
	struct cnd_error err;
	size_t total = 0;
	unsigned sel;

	if (size < 1)
		return 0;
	differential((const char *)data, size);
	sel = data[0];
	r.kind = (sel & 1) ? CND_KIND_JS : CND_KIND_JSON;
	r.array_path = paths[(sel >> 1) & 3];
	r.doc_max = (sel & 8) ? 64 : 0;
	r.fn = on_value;
	r.problem = on_problem;
	r.ud = &total;
	cnd_json_read_buffer((const char *)data + 1, size - 1, &r, &err);
	if (r.array_path && r.array_path[0])
		last_wins((const char *)data + 1, size - 1, r.array_path);
	return 0;
}
