/*
 * libFuzzer target for the streaming JSON reader (src/core/json.c): the
 * array streamer, the JavaScript assignment form and whole documents. The
 * first input byte picks the input kind and the array path ("", a key
 * path such as "orderedItems" or "a.b", or NULL for a whole document) and
 * a small document limit, so the element-too-large path is reached too;
 * the rest is the member's bytes. Every element handed over is walked, as
 * a handler would, so a value that is not what it claims to be shows up
 * under the sanitizers. Every input is also parsed whole by our element
 * parser and by Jansson: whatever ours accepts must equal Jansson's value.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/json.h"

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
	return 0;
}
