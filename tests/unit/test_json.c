/*
 * Tests for the streaming JSON reader (src/parse/json.c): array streaming
 * by path, the JavaScript assignment and BOM quirks, positions of problems,
 * truncated and hostile inputs, the size limits, and the value helpers.
 * Everything goes through cnd_json_read_buffer(); one test also reads a
 * member larger than a read chunk through a directory input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "conduct/parse/json.h"
#include "harness.h"

/* What the callbacks saw. */
struct jt_seen {
	struct cnd_buf values;	 /* compact dumps joined by '|' */
	struct cnd_buf problems; /* "status:index:line:column:message" by '|' */
	long long indices[16];
	int calls;
	int nproblems;
	int fatal_at; /* return CND_FATAL for this index, -2 for never */
};

static int jt_fn(void *ud, json_t *value, long long index)
{
	struct jt_seen *seen = ud;
	json_malloc_t jmalloc;
	json_free_t jfree;
	char *dump;

	if (seen->calls < 16)
		seen->indices[seen->calls] = index;
	seen->calls++;
	dump = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT |
					 JSON_SORT_KEYS);
	if (seen->values.len)
		cnd_buf_addc(&seen->values, '|');
	cnd_buf_adds(&seen->values, dump ? dump : "(null)");
	/* inside a callback Jansson allocates from the element's arena */
	json_get_alloc_funcs(&jmalloc, &jfree);
	jfree(dump);
	return index == seen->fatal_at ? CND_FATAL : CND_OK;
}

static void jt_problem(void *ud, int status, long long index,
		       unsigned long line, unsigned long column,
		       const char *message)
{
	struct jt_seen *seen = ud;

	seen->nproblems++;
	if (seen->problems.len)
		cnd_buf_addc(&seen->problems, '|');
	cnd_buf_printf(&seen->problems, "%d:%lld:%lu:%lu:%s", status, index,
		       line, column, message);
}

/*
 * Read text with kind, path and limit; returns the status, fills seen and
 * err. seen must be released with jt_release().
 */
static int jt_read(struct jt_seen *seen, struct cnd_error *err,
		   enum cnd_input_kind kind, const char *path, size_t doc_max,
		   const char *text, size_t len)
{
	struct cnd_json_reader r = {
		.kind = kind,
		.array_path = path,
		.doc_max = doc_max,
		.fn = jt_fn,
		.problem = jt_problem,
		.ud = seen,
	};

	return cnd_json_read_buffer(text, len, &r, err);
}

static void jt_init(struct jt_seen *seen)
{
	memset(seen, 0, sizeof(*seen));
	cnd_buf_init(&seen->values);
	cnd_buf_init(&seen->problems);
	seen->fatal_at = -2;
}

static void jt_release(struct jt_seen *seen)
{
	cnd_buf_release(&seen->values);
	cnd_buf_release(&seen->problems);
}

static const char *jt_values(const struct jt_seen *seen)
{
	return seen->values.len ? seen->values.data : "";
}

static const char *jt_problems(const struct jt_seen *seen)
{
	return seen->problems.len ? seen->problems.data : "";
}

#define JT_READ(seen, err, kind, path, max, lit) \
	jt_read(seen, err, kind, path, max, lit, sizeof(lit) - 1)

TEST(json_array_indices)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "", 1 << 20,
		     "[1, {\"b\": 2, \"a\": [true]}, \"x\",\n [3, 4], null, "
		     "-1.5e3 , false]\n");
	CHECK_INT(rc, CND_OK);
	CHECK_INT(seen.calls, 7);
	for (int i = 0; i < 7; i++)
		CHECK_INT(seen.indices[i], i);
	CHECK_STR(jt_values(&seen),
		  "1|{\"a\":[true],\"b\":2}|\"x\"|[3,4]|null|-1500.0|false");
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);
}

TEST(json_empty_array)
{
	struct jt_seen seen;
	struct cnd_error err;

	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0, "[]"), CND_OK);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0, " [ \n\t ] "),
		  CND_OK);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JS, "", 0,
			  "window.YTD.like.part0 = []"),
		  CND_OK);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "items", 0,
			  "{\"items\": []}"),
		  CND_OK);
	CHECK_INT(seen.calls, 0);
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);
}

TEST(json_js_prefix)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JS, "", 0,
		     "window.YTD.tweets.part0 = [\n  {\n    \"tweet\" : "
		     "{ \"id\" : \"1\" }\n  },\n  {\n    \"tweet\" : "
		     "{ \"id\" : \"2\" }\n  }\n]");
	CHECK_INT(rc, CND_OK);
	CHECK_STR(jt_values(&seen),
		  "{\"tweet\":{\"id\":\"1\"}}|{\"tweet\":{\"id\":\"2\"}}");
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);

	/* Grailbird: the value starts on the next line. */
	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JS, "", 0,
		     "Grailbird.data.tweets_2012_01 =\n [ 1, 2 ]\n");
	CHECK_INT(rc, CND_OK);
	CHECK_STR(jt_values(&seen), "1|2");
	jt_release(&seen);
}

TEST(json_js_semicolon)
{
	struct jt_seen seen;
	struct cnd_error err;

	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JS, "", 0,
			  "window.YTD.x.part0 = [1];"),
		  CND_OK);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JS, "", 0,
			  "window.YTD.x.part0 = [2] ;\r\n\n"),
		  CND_OK);
	CHECK_STR(jt_values(&seen), "1|2");
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);

	/* Anything more is a warning, after the elements. */
	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JS, "", 0,
			  "a = [3];\nb = 4;"),
		  CND_WARN);
	CHECK_STR(jt_values(&seen), "3");
	CHECK_INT(seen.nproblems, 1);
	CHECK(strstr(jt_problems(&seen), "1:-1:2:1:unexpected data") ==
	      jt_problems(&seen));
	jt_release(&seen);

	/* Plain JSON takes no ';'. */
	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0, "[5];"),
		  CND_WARN);
	CHECK_STR(jt_values(&seen), "5");
	CHECK_INT(seen.nproblems, 1);
	jt_release(&seen);
}

TEST(json_js_bom)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JS, "", 0,
		     "\xef\xbb\xbfwindow.YTD.block.part0 = [ {\"a\": 1} ]\n");
	CHECK_INT(rc, CND_OK);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "", 0,
		     "\xef\xbb\xbf[ {\"a\": 2} ]");
	CHECK_INT(rc, CND_OK);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, NULL, 0,
		     "\xef\xbb\xbf{\"a\": 3}");
	CHECK_INT(rc, CND_OK);
	CHECK_STR(jt_values(&seen), "{\"a\":1}|{\"a\":2}|{\"a\":3}");

	/* Half a BOM is not one. */
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0, "\xef\xbb[1]"),
		  CND_FAILED);
	CHECK_STR(err.message,
		  "line 1, column 3: incomplete byte order mark");
	jt_release(&seen);

	/* Columns count from after the BOM. */
	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "", 0,
		     "\xef\xbb\xbf[1, x]");
	CHECK_INT(rc, CND_FAILED);
	CHECK_STR(jt_problems(&seen),
		  "2:1:1:5:invalid JSON in element 1: invalid token near 'x'");
	jt_release(&seen);
}

TEST(json_js_no_assignment)
{
	struct jt_seen seen;
	struct cnd_error err;

	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JS, "", 0, "[1, 2]"),
		  CND_FAILED);
	CHECK_STR(err.message,
		  "no JavaScript assignment ('name = value') found");
	CHECK_INT(seen.calls, 0);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JS, NULL, 0, ""), CND_FAILED);
	jt_release(&seen);
}

TEST(json_whole_document)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JS, NULL, 1 << 20,
		     "window.__THAR_CONFIG = {\n  \"userId\" : \"12\",\n"
		     "  \"dataTypes\" : { \"tweets\" : { \"files\" : [ ] } }\n"
		     "}");
	CHECK_INT(rc, CND_OK);
	CHECK_INT(seen.calls, 1);
	CHECK_INT(seen.indices[0], -1);
	CHECK_STR(jt_values(&seen),
		  "{\"dataTypes\":{\"tweets\":{\"files\":[]}},"
		  "\"userId\":\"12\"}");
	jt_release(&seen);

	/* A scalar document is fine too. */
	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, NULL, 0, " 42 \n"),
		  CND_OK);
	CHECK_STR(jt_values(&seen), "42");
	jt_release(&seen);

	/* A broken document is a failure with a position. */
	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, NULL, 0,
		     "{\n  \"a\": 1\n  \"b\": 2\n}");
	CHECK_INT(rc, CND_FAILED);
	CHECK_INT(seen.calls, 0);
	CHECK(strncmp(err.message, "line 3, column 5: invalid JSON: ", 32) ==
	      0);
	jt_release(&seen);

	/* Nothing at all. */
	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, NULL, 0, " \n "),
		  CND_FAILED);
	CHECK_STR(err.message, "line 2, column 2: no JSON value");
	jt_release(&seen);
}

TEST(json_path_ordered_items)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(
		&seen, &err, CND_KIND_JSON, "orderedItems", 0,
		"{\n"
		"  \"@context\": [\"https://www.w3.org/ns/activitystreams\",\n"
		"    {\"ostatus\": \"http://ostatus.org#\", \"x\": [[[]]]}],\n"
		"  \"id\": \"outbox.json\",\n"
		"  \"tricky\": \"] } [ { \\\" \\\\\",\n"
		"  \"orderedItems2\": [\"decoy\"],\n"
		"  \"nested\": {\"orderedItems\": [\"decoy\"],\n"
		"    \"s\": \"}}]]\"},\n"
		"  \"num\": -12.5e+3, \"t\": true, \"n\": null,\n"
		"  \"orderedItems\": [\n"
		"    {\"type\": \"Create\",\n"
		"     \"object\": {\"content\": \"<p>]</p>\"}},\n"
		"    {\"type\": \"Announce\"}\n"
		"  ],\n"
		"  \"after\": {\"orderedItems\": [\"late\"]}\n"
		"}\n");
	CHECK_INT(rc, CND_OK);
	CHECK_STR(jt_values(&seen),
		  "{\"object\":{\"content\":\"<p>]</p>\"},\"type\":\"Create\"}"
		  "|{\"type\":\"Announce\"}");
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);
}

TEST(json_path_nested)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "a.b", 0,
		     "{\"b\": [\"top-level decoy\"],\n"
		     " \"a\": {\"c\": {\"b\": [\"deeper decoy\"]},\n"
		     "        \"s\": \"\\\"b\\\": [\\\"quoted\\\"]\",\n"
		     "        \"b\": [{\"k\": \"v\"}, [1, [2]]],\n"
		     "        \"d\": 1},\n"
		     " \"z\": 0}");
	CHECK_INT(rc, CND_OK);
	CHECK_STR(jt_values(&seen), "{\"k\":\"v\"}|[1,[2]]");
	jt_release(&seen);

	/* Keys are compared after decoding escapes. */
	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "a.b", 0,
		     "{\"\\u0061\": {\"\\\"b\": [1], \"b\": [2]}}");
	CHECK_INT(rc, CND_OK);
	CHECK_STR(jt_values(&seen), "2");
	jt_release(&seen);

	/*
	 * Without a struct cnd_json_lastwins, a key that comes again after
	 * its elements were handed over is a problem, never a silent loss.
	 */
	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "a", 0,
		     "{\"a\": [1], \"a\": [2]}");
	CHECK_INT(rc, CND_FAILED);
	CHECK(strstr(err.message, "occurs again") != NULL);
	jt_release(&seen);
}

/* Read text along path with last-wins; the values of the final read. */
static int jt_lastwins(struct jt_seen *seen, const char *path,
		       const char *text, struct cnd_json_lastwins *lw,
		       int *reads)
{
	struct cnd_json_reader r = {
		.kind = CND_KIND_JSON,
		.array_path = path,
		.fn = jt_fn,
		.problem = jt_problem,
		.ud = seen,
		.lw = lw,
	};
	struct cnd_error err;
	int rc;

	memset(lw, 0, sizeof(*lw));
	*reads = 1;
	rc = cnd_json_read_buffer(text, strlen(text), &r, &err);
	if (rc == CND_OK || rc == CND_WARN) {
		if (!lw->reread)
			return rc;
		memcpy(lw->pick, lw->last, sizeof(lw->pick));
		cnd_buf_reset(&seen->values);
		cnd_buf_reset(&seen->problems);
		seen->calls = seen->nproblems = 0;
		*reads = 2;
		rc = cnd_json_read_buffer(text, strlen(text), &r, &err);
		CHECK_INT(lw->reread, 0);
	}
	return rc;
}

TEST(json_path_last_wins)
{
	static const struct {
		const char *path, *text, *want;
		int reads;
	} cases[] = {
		/* Mastodon's outbox: an empty array, then the real one */
		{ "orderedItems",
		  "{\"orderedItems\": [],\n \"totalItems\": 2,\n"
		  " \"orderedItems\": [1, 2]}",
		  "1|2", 1 },
		{ "a", "{\"a\": [1], \"a\": [2, 3]}", "2|3", 2 },
		{ "a", "{\"a\": [1], \"b\": 0, \"a\": null}", "", 2 },
		{ "a", "{\"a\": [1], \"a\": [2], \"a\": [3]}", "3", 2 },
		{ "a.b", "{\"a\": {\"b\": [1], \"b\": [2]}}", "2", 2 },
		{ "a.b", "{\"a\": {\"b\": [1]}, \"a\": {\"c\": [9]}}", "", 2 },
		{ "a.b",
		  "{\"a\": {\"b\": [1]}, \"a\": {\"b\": [5], \"b\": [6]}}",
		  "6", 2 },
		{ "a.b", "{\"a\": {\"b\": []}, \"a\": {\"b\": [7]}}", "7", 1 },
		{ "a", "{\"a\": [1]}", "1", 1 },
	};
	struct cnd_json_lastwins lw;
	struct jt_seen seen;
	size_t i;
	int reads;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		jt_init(&seen);
		CHECK(jt_lastwins(&seen, cases[i].path, cases[i].text, &lw,
				  &reads) <= CND_WARN);
		CHECK_STR(jt_values(&seen), cases[i].want);
		CHECK_INT(reads, cases[i].reads);
		/* every duplicate is named, with its line */
		if (strstr(cases[i].text, "\"a\": [1], \"a\"") ||
		    strstr(cases[i].text, "orderedItems\": [],"))
			CHECK(strstr(jt_problems(&seen), "occurs 2 times") !=
			      NULL);
		jt_release(&seen);
	}
	/* the line of the second orderedItems */
	jt_init(&seen);
	jt_lastwins(&seen, cases[0].path, cases[0].text, &lw, &reads);
	CHECK(strstr(jt_problems(&seen), "1:-1:3:") != NULL);
	jt_release(&seen);
}

/* Several arrays of one document: each element with its path's index. */
struct jt_paths {
	struct jt_seen seen;
	unsigned path;
};

static int jt_path_fn(void *ud, json_t *value, long long index)
{
	struct jt_paths *jp = ud;

	cnd_buf_printf(&jp->seen.values, "%s%u:", jp->seen.values.len ?
							  "|" : "",
		       jp->path);
	jp->seen.calls++;
	(void)index;
	cnd_buf_adds(&jp->seen.values, json_is_integer(value) ? "i" : "o");
	return CND_OK;
}

TEST(json_several_paths)
{
	static const struct {
		const char *path, *text, *want;
		int rc;
	} cases[] = {
		{ "a|b.c", "{\"b\": {\"c\": [1, {}]}, \"a\": [2], \"z\": [3]}",
		  "1:i|1:o|0:i", CND_OK },
		/* shared prefix; the second "x" replaces what was read */
		{ "x.a|x.b",
		  "{\"x\": {\"a\": [1], \"b\": [2]}, \"x\": {\"b\": [{}]}}",
		  "1:o", CND_WARN },
		{ "a|a.b", "{\"a\": [1]}", "", CND_FAILED },
		{ "a|a", "{\"a\": [1]}", "", CND_FAILED },
	};
	struct cnd_json_lastwins lw;
	struct cnd_json_reader r = {
		.kind = CND_KIND_JSON,
		.fn = jt_path_fn,
		.problem = jt_problem,
		.lw = &lw,
	};
	struct jt_paths jp;
	struct cnd_error err;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&jp, 0, sizeof(jp));
		jt_init(&jp.seen);
		memset(&lw, 0, sizeof(lw));
		r.array_path = cases[i].path;
		r.path_out = &jp.path;
		r.ud = &jp;
		rc = cnd_json_read_buffer(cases[i].text, strlen(cases[i].text),
					  &r, &err);
		if (lw.reread) {
			memcpy(lw.pick, lw.last, sizeof(lw.pick));
			cnd_buf_reset(&jp.seen.values);
			rc = cnd_json_read_buffer(cases[i].text,
						  strlen(cases[i].text), &r,
						  &err);
		}
		CHECK_INT(rc, cases[i].rc);
		CHECK_STR(jt_values(&jp.seen), cases[i].want);
		jt_release(&jp.seen);
	}
}

/* Value paths ("{}"), '*' levels and the top-level array (""). */
struct jt_kinds {
	struct cnd_buf out;
	unsigned path;
	const char *key;
};

static int jt_kinds_fn(void *ud, json_t *value, long long index)
{
	struct jt_kinds *jk = ud;
	char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
	json_malloc_t jmalloc;
	json_free_t jfree;

	cnd_buf_printf(&jk->out, "%s%u:%s:%s:%s", jk->out.len ? "|" : "",
		       jk->path, jk->key ? jk->key : "-",
		       index == CND_JSON_VALUE ? "v" :
		       index >= 0		? "e" :
						  "?",
		       text ? text : "");
	json_get_alloc_funcs(&jmalloc, &jfree);
	jfree(text);
	return CND_OK;
}

static void jt_kinds_problem(void *ud, int status, long long index,
			     unsigned long line, unsigned long column,
			     const char *message)
{
	(void)ud;
	(void)status;
	(void)index;
	(void)line;
	(void)column;
	(void)message;
}

TEST(json_path_kinds)
{
	static const struct {
		const char *path, *text, *want;
		int rc;
	} cases[] = {
		/* a profile after the lists: handed over whole, in place */
		{ "L.x|P.map{}",
		  "{\"L\": {\"x\": [1]}, \"P\": {\"map\": {\"u\": \"me\"}}}",
		  "0:-:e:1|1:-:v:{\"u\":\"me\"}", CND_OK },
		/* a value path whose value is an array or a number */
		{ "a{}", "{\"a\": [1, 2], \"b\": 3}", "0:-:v:[1,2]", CND_OK },
		{ "a{}|b{}", "{\"a\": 7, \"b\": null}", "0:-:v:7", CND_OK },
		/* conversations under their names, escapes undone */
		{ "D.chats.*",
		  "{\"D\": {\"chats\": {\"with a:\": [1, 2], \"g\\u00e9\": [3], \"n\": null}}}",
		  "0:with a::e:1|0:with a::e:2|0:g\xc3\xa9:e:3", CND_OK },
		{ "D.*", "{\"D\": {}}", "", CND_OK },
		/* one export, two shapes */
		{ "segs|", "[{\"s\": 1}]", "1:-:e:{\"s\":1}", CND_OK },
		{ "segs|", "{\"segs\": [2]}", "0:-:e:2", CND_OK },
		{ "segs", "[1]", "", CND_FAILED },
		{ "segs|", "7", "", CND_FAILED },
		/* refused shapes of paths */
		{ "a.*.b", "{}", "", CND_FAILED },
		{ "|", "[]", "", CND_FAILED },
		/* last-wins still holds on a value path */
		{ "a{}", "{\"a\": 1, \"a\": 2}", "0:-:v:2", CND_WARN },
	};
	struct cnd_json_lastwins lw;
	struct cnd_json_reader r = {
		.kind = CND_KIND_JSON,
		.fn = jt_kinds_fn,
		.problem = jt_kinds_problem,
		.lw = &lw,
	};
	struct jt_kinds jk;
	struct cnd_error err;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&jk, 0, sizeof(jk));
		memset(&lw, 0, sizeof(lw));
		r.array_path = cases[i].path;
		r.path_out = &jk.path;
		r.key_out = &jk.key;
		r.ud = &jk;
		rc = cnd_json_read_buffer(cases[i].text, strlen(cases[i].text),
					  &r, &err);
		if (lw.reread) {
			memcpy(lw.pick, lw.last, sizeof(lw.pick));
			cnd_buf_reset(&jk.out);
			rc = cnd_json_read_buffer(cases[i].text,
						  strlen(cases[i].text), &r,
						  &err);
		}
		CHECK_INT(rc, cases[i].rc);
		CHECK_STR(jk.out.len ? jk.out.data : "", cases[i].want);
		cnd_buf_release(&jk.out);
	}
}

/* The other top-level members, for a declared total beside the array. */
static int jt_rest_fn(void *ud, json_t *value, long long index)
{
	if (index == CND_JSON_REST)
		return jt_fn(ud, value, -1);
	return CND_OK;
}

TEST(json_path_rest)
{
	struct jt_seen seen;
	struct cnd_json_reader r = {
		.kind = CND_KIND_JSON,
		.array_path = "orderedItems",
		.fn = jt_rest_fn,
		.rest = jt_rest_fn,
		.problem = jt_problem,
		.ud = &seen,
	};
	static const char text[] =
		"{\"type\": \"OrderedCollection\", \"totalItems\": 3,"
		" \"orderedItems\": [1, 2], \"next\": {\"x\": [1]}}";
	struct cnd_error err;

	jt_init(&seen);
	CHECK_INT(cnd_json_read_buffer(text, sizeof(text) - 1, &r, &err),
		  CND_OK);
	CHECK_STR(jt_values(&seen),
		  "{\"next\":{\"x\":[1]},\"totalItems\":3,"
		  "\"type\":\"OrderedCollection\"}");
	jt_release(&seen);
}

/* Duplicate keys inside elements and documents: last wins, and told. */
TEST(json_duplicate_keys_told)
{
	struct jt_seen seen;
	struct cnd_error err;

	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0,
			  "[{\"a\": 1,\n \"a\": 2}, {\"b\": [1], \"b\": [1]}]"),
		  CND_WARN);
	CHECK_STR(jt_values(&seen), "{\"a\":2}|{\"b\":[1]}");
	/* one problem: equal values are no conflict */
	CHECK_INT(seen.nproblems, 1);
	CHECK(strstr(jt_problems(&seen), "1:0:2:0:key \"a\" occurs") != NULL);
	jt_release(&seen);

	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, NULL, 0,
			  "{\"x\": {\"y\": \"old\", \"y\": \"new\"}}"),
		  CND_WARN);
	CHECK_STR(jt_values(&seen), "{\"x\":{\"y\":\"new\"}}");
	CHECK(strstr(jt_problems(&seen), "key \"y\"") != NULL);
	jt_release(&seen);
}

TEST(json_path_missing)
{
	struct jt_seen seen;
	struct cnd_error err;

	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "items", 0,
			  "{\"other\": [1, 2], \"x\": {\"items\": [3]}}"),
		  CND_OK);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "a.b", 0,
			  "{\"a\": {\"c\": [1]}, \"b\": [2]}"),
		  CND_OK);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "a.b", 0, "{}"),
		  CND_OK);
	/* A null where the array would be counts as absent. */
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "a.b", 0,
			  "{\"a\": null}"),
		  CND_OK);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "a", 0,
			  "{\"a\": null}"),
		  CND_OK);
	CHECK_INT(seen.calls, 0);
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);
}

TEST(json_path_not_array)
{
	struct jt_seen seen;
	struct cnd_error err;

	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "orderedItems", 0,
			  "{\"orderedItems\": {\"0\": 1}}"),
		  CND_FAILED);
	CHECK_STR(err.message,
		  "line 1, column 18: 'orderedItems' is not an array");
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "a.b", 0,
			  "{\"a\": [1]}"),
		  CND_FAILED);
	CHECK_STR(err.message, "line 1, column 7: 'a' is not an object");
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0,
			  "\n {\"a\": [1]}"),
		  CND_FAILED);
	CHECK_STR(err.message,
		  "line 2, column 2: the top-level value is not an array");
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "a", 0, "[1]"),
		  CND_FAILED);
	CHECK_STR(err.message,
		  "line 1, column 1: the top-level value is not an object");
	CHECK_INT(seen.calls, 0);
	jt_release(&seen);
}

TEST(json_bad_element)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JS, "", 0,
		     "window.YTD.tweets.part0 = [\n"
		     "  {\"a\": 1},\n"
		     "  {\"a\": x},\n"
		     "  {\n"
		     "    \"a\": 3\n"
		     "    \"b\": 4\n"
		     "  },\n"
		     "  {\"a\": \"\xff\"},\n"
		     "  {\"a\": 5}\n"
		     "]\n");
	CHECK_INT(rc, CND_FAILED);
	CHECK_STR(jt_values(&seen), "{\"a\":1}|{\"a\":5}");
	CHECK_INT(seen.indices[0], 0);
	CHECK_INT(seen.indices[1], 4);
	CHECK_INT(seen.nproblems, 3);
	CHECK_STR(jt_problems(&seen),
		  "2:1:3:9:invalid JSON in element 1: invalid token near 'x'"
		  "|2:2:6:7:invalid JSON in element 2: '}' expected near "
		  "'\"b\"'"
		  "|2:3:8:9:invalid JSON in element 3: unable to decode byte "
		  "0xff near '\"'");
	jt_release(&seen);
}

TEST(json_truncated)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	/* Inside an element. */
	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "", 0,
		     "[{\"a\": 1},\n {\"a\": 2},\n {\"a\": ");
	CHECK_INT(rc, CND_FAILED);
	CHECK_STR(jt_values(&seen), "{\"a\":1}|{\"a\":2}");
	CHECK_STR(err.message,
		  "line 3, column 8: unexpected end of data in element 2");
	jt_release(&seen);

	/* Inside a string. */
	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "", 0, "[\"ab\", \"cd");
	CHECK_INT(rc, CND_FAILED);
	CHECK_STR(jt_values(&seen), "\"ab\"");
	CHECK_STR(err.message,
		  "line 1, column 11: unexpected end of data in element 1");
	jt_release(&seen);

	/* Between elements, and inside the enclosing object. */
	jt_init(&seen);
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0, "[1, 2,\n"),
		  CND_FAILED);
	CHECK_STR(err.message, "line 2, column 1: unexpected end of data");
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "a", 0,
			  "{\"a\": [3], \"b\": "),
		  CND_FAILED);
	CHECK_STR(jt_values(&seen), "1|2|3");
	jt_release(&seen);

	/* Garbage where a ',' or ']' belongs. */
	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "", 0, "[1,\n 2 3, 4]");
	CHECK_INT(rc, CND_FAILED);
	CHECK_STR(jt_values(&seen), "1|2");
	CHECK_STR(err.message, "line 2, column 4: expected ',' or ']' after "
			       "element 1, found '3'");
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0, "[1,]"),
		  CND_FAILED);
	CHECK_STR(err.message,
		  "line 1, column 4: expected a value, found ']'");
	jt_release(&seen);
}

TEST(json_element_limit)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "", 20,
		     "[{\"a\": 1},\n"
		     " {\"big\": \"0123456789012345678901234567890\"},\n"
		     " {\"a\": 3}]");
	CHECK_INT(rc, CND_FAILED);
	CHECK_STR(jt_values(&seen), "{\"a\":1}|{\"a\":3}");
	CHECK_INT(seen.indices[1], 2);
	CHECK_STR(jt_problems(&seen),
		  "2:1:2:2:element 1 is larger than the limit of 20 bytes");
	jt_release(&seen);
}

TEST(json_document_limit)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, NULL, 10,
		     "{\"a\": \"0123456789\"}");
	CHECK_INT(rc, CND_FAILED);
	CHECK_STR(err.message, "document is 19 bytes, over the limit of 10 "
			       "bytes");
	CHECK_INT(seen.calls, 0);
	jt_release(&seen);
}

TEST(json_deep_nesting)
{
	struct jt_seen seen;
	struct cnd_error err;
	size_t n = 100000;
	char *text = cnd_xmalloc(2 * n + 16);
	int rc;

	/* Never closed: a truncated document. */
	memset(text, '[', n);
	jt_init(&seen);
	rc = jt_read(&seen, &err, CND_KIND_JSON, "", 0, text, n);
	CHECK_INT(rc, CND_FAILED);
	CHECK(strstr(err.message, "unexpected end of data") != NULL);
	CHECK_INT(seen.calls, 0);
	rc = jt_read(&seen, &err, CND_KIND_JSON, NULL, 0, text, n);
	CHECK_INT(rc, CND_FAILED);
	jt_release(&seen);

	/* Closed, inside an array: too deep for Jansson, one problem. */
	text[0] = '[';
	memset(text + 1, '[', n);
	memset(text + 1 + n, ']', n);
	memcpy(text + 1 + 2 * n, ",1]", 3);
	jt_init(&seen);
	rc = jt_read(&seen, &err, CND_KIND_JSON, "", 0, text, 2 * n + 3);
	CHECK_INT(rc, CND_FAILED);
	CHECK_STR(jt_values(&seen), "1");
	CHECK_INT(seen.nproblems, 1);
	/* Where Jansson gives up depends on its JSON_PARSER_MAX_DEPTH. */
	CHECK(strncmp(jt_problems(&seen), "2:0:1:", 6) == 0);
	CHECK(strstr(jt_problems(&seen), ":invalid JSON in element 0: ") !=
	      NULL);
	jt_release(&seen);

	/* Skipped as the value of another key. */
	jt_init(&seen);
	text[0] = '{';
	memcpy(text + 1, "\"x\":", 4);
	memset(text + 5, '{', n - 5);
	memset(text + n, '}', n - 5);
	memcpy(text + 2 * n - 5, ",\"a\":[7]}", 9);
	rc = jt_read(&seen, &err, CND_KIND_JSON, "a", 0, text, 2 * n + 4);
	CHECK_INT(rc, CND_OK);
	CHECK_STR(jt_values(&seen), "7");
	jt_release(&seen);
	free(text);
}

/*
 * The element parser against Jansson on the corners of the grammar: what
 * it accepts must equal Jansson's value; what it leaves to Jansson must be
 * either rejected by Jansson too or one of the cases it knowingly passes on.
 */
TEST(json_fast_parser_matches_jansson)
{
	static const struct {
		const char *text;
		int ours; /* 1: our parser takes it */
	} cases[] = {
		{ "{\"a\":1,\"b\":[true,false,null],\"c\":{}}", 1 },
		{ " [ ] ", 1 },
		{ "\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/\\b\\f\\n\\r\\t\"", 1 },
		{ "\"nul \\u0000 inside\"", 1 },
		{ "-0", 1 },
		{ "9223372036854775807", 1 },
		{ "-9223372036854775808", 1 },
		{ "1.5e3", 1 },
		{ "-0.0", 1 },
		{ "1e-400", 1 },
		{ "{\"k\":1,\"k\":2}", 1 },
		{ "{\"\\u00e9t\\u00e9\":\"x\"}", 1 },
		{ "\"\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80\"", 1 },
		{ "9223372036854775808", 0 },  /* too big an integer */
		{ "1e400", 0 },		      /* real overflow */
		{ "01", 0 },
		{ "1.", 0 },
		{ ".5", 0 },
		{ "+1", 0 },
		{ "tru", 0 },
		{ "nulls", 0 },
		{ "[1,]", 0 },
		{ "{\"a\":1,}", 0 },
		{ "{\"a\" 1}", 0 },
		{ "{1:2}", 0 },
		{ "\"\\ud800\"", 0 },	      /* lone high surrogate */
		{ "\"\\udc00\"", 0 },	      /* lone low surrogate */
		{ "\"\\x\"", 0 },
		{ "\"tab\there\"", 0 },	      /* raw control character */
		{ "\"\xc3\x28\"", 0 },	      /* invalid UTF-8 */
		{ "\"\xed\xa0\x80\"", 0 },    /* encoded surrogate */
		{ "\"\xc0\xaf\"", 0 },	      /* overlong */
		{ "{\"a\\u0000b\":1}", 0 },   /* NUL in a key */
		{ "[1] 2", 0 },
		{ "\"open", 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *t = cases[i].text;
		json_t *ours = cnd_json_parse_fast(t, strlen(t));
		json_t *theirs = json_loadb(t, strlen(t),
					    JSON_DECODE_ANY | JSON_ALLOW_NUL,
					    NULL);

		CHECK_INT(ours != NULL, cases[i].ours);
		if (ours) {
			CHECK(theirs != NULL);
			CHECK(json_equal(ours, theirs));
		}
		json_decref(ours);
		json_decref(theirs);
	}
}

/*
 * A JSON string at text, after pad spaces: len letters with special
 * inserted before the letter at offset at (or at the end). Its length.
 */
static size_t offset_string(char *text, size_t size, size_t pad, size_t len,
			    size_t at, const char *special)
{
	size_t n = (size_t)snprintf(text, size, "%*s\"", (int)pad, "");

	for (size_t i = 0; i <= len; i++) {
		if (i == at)
			n += (size_t)snprintf(text + n, size - n, "%s", special);
		if (i < len)
			text[n++] = (char)('a' + i % 26);
	}
	text[n++] = '"';
	text[n] = '\0';
	return n;
}

/* Read text[0..n) as an array whose elements lose the keys of drop. */
static int jt_read_dropped(struct jt_seen *seen, const char *const *drop,
			   const char *text, size_t n)
{
	struct cnd_json_reader r = { 0 };
	struct cnd_error err;

	r.kind = CND_KIND_JSON;
	r.array_path = "";
	r.doc_max = 1 << 20;
	r.drop = drop;
	r.fn = jt_fn;
	r.problem = jt_problem;
	r.ud = seen;
	return cnd_json_read_buffer(text, n, &r, &err);
}

/* The string as the value of a dropped key leaves the element whole. */
static void offset_dropped(const char *string)
{
	static const char *const drop[] = { "source", NULL };
	struct jt_seen seen;
	char el[192];

	snprintf(el, sizeof(el), "[{\"source\" :%s, \"id\": \"1\"}]", string);
	jt_init(&seen);
	CHECK_INT(jt_read_dropped(&seen, drop, el, strlen(el)), CND_OK);
	CHECK_STR(jt_values(&seen), "{\"id\":\"1\"}");
	jt_release(&seen);
}

/*
 * Strings are scanned eight bytes at a time, and the first byte of a
 * block that is not plain is found by its flag (json_fast.c): a quote, an
 * escape, a UTF-8 byte, DEL or a control character at every offset of a
 * string of every length up to 24, the string at three alignments, read by
 * our parser and by Jansson: ours never takes what Jansson refuses and
 * gives Jansson's value; and a string Jansson takes, as the value of a
 * dropped key, leaves the element whole.
 */
TEST(json_string_offsets)
{
	static const char *const specials[] = { "\\\"", "\\\\", "\\n",
						"\xc3\xa9", "\x7f", "\x01",
						"\\u00e9" };
	char text[128];

	for (size_t k = 0; k < sizeof(specials) / sizeof(specials[0]); k++)
		for (size_t len = 0; len <= 24; len++)
			for (size_t at = 0; at <= len; at++)
				for (size_t pad = 0; pad < 8; pad += 3) {
					size_t n = offset_string(text,
								 sizeof(text),
								 pad, len, at,
								 specials[k]);
					json_t *ours = cnd_json_parse_fast(text,
									   n);
					json_t *theirs = json_loadb(
						text, n,
						JSON_DECODE_ANY |
							JSON_ALLOW_NUL,
						NULL);

					CHECK(!ours || theirs);
					if (ours)
						CHECK(json_equal(ours, theirs));
					if (theirs)
						offset_dropped(text);
					json_decref(ours);
					json_decref(theirs);
				}
}

TEST(json_string_escapes)
{
	struct jt_seen seen;
	struct cnd_error err;
	int rc;

	jt_init(&seen);
	rc = JT_READ(&seen, &err, CND_KIND_JSON, "", 0,
		     "[\"a\\\"]b\", \"c\\\\\", \"[{\", \"\\\\\\\"]\", "
		     "{\"k]\": \"}\\\"\"}, \"\\u005d\", \"x\\u0000y\"]");
	CHECK_INT(rc, CND_OK);
	CHECK_STR(jt_values(&seen),
		  "\"a\\\"]b\"|\"c\\\\\"|\"[{\"|\"\\\\\\\"]\"|"
		  "{\"k]\":\"}\\\"\"}|\"]\"|\"x\\u0000y\"");
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);
}

TEST(json_fatal_stops)
{
	struct jt_seen seen;
	struct cnd_error err;

	jt_init(&seen);
	seen.fatal_at = 1;
	CHECK_INT(JT_READ(&seen, &err, CND_KIND_JSON, "", 0, "[1, 2, 3]"),
		  CND_FATAL);
	CHECK_STR(jt_values(&seen), "1|2");
	jt_release(&seen);
}

TEST(json_int)
{
	long long n = 7;
	json_t *v;

	v = json_string("12345");
	CHECK_INT(cnd_json_int(v, &n), 0);
	CHECK_INT(n, 12345);
	json_decref(v);
	v = json_string("-3");
	CHECK_INT(cnd_json_int(v, &n), 0);
	CHECK_INT(n, -3);
	json_decref(v);
	v = json_integer(12345);
	CHECK_INT(cnd_json_int(v, &n), 0);
	CHECK_INT(n, 12345);
	json_decref(v);
	v = json_real(1e3);
	CHECK_INT(cnd_json_int(v, &n), 0);
	CHECK_INT(n, 1000);
	json_decref(v);

	n = 7;
	v = json_string("12a");
	CHECK_INT(cnd_json_int(v, &n), -1);
	json_decref(v);
	v = json_real(1.5);
	CHECK_INT(cnd_json_int(v, &n), -1);
	json_decref(v);
	v = json_real(1e30);
	CHECK_INT(cnd_json_int(v, &n), -1);
	json_decref(v);
	v = json_string("");
	CHECK_INT(cnd_json_int(v, &n), -1);
	json_decref(v);
	v = json_string(" 12");
	CHECK_INT(cnd_json_int(v, &n), -1);
	json_decref(v);
	v = json_string("99999999999999999999");
	CHECK_INT(cnd_json_int(v, &n), -1);
	json_decref(v);
	v = json_stringn("12\0" "3", 4);
	CHECK_INT(cnd_json_int(v, &n), -1);
	json_decref(v);
	CHECK_INT(cnd_json_int(json_true(), &n), -1);
	CHECK_INT(cnd_json_int(NULL, &n), -1);
	CHECK_INT(n, 7);
}

TEST(json_str_and_path)
{
	json_t *v = json_loads("{\"a\": {\"b\": {\"c\": \"x\"}, \"n\": 1},"
			       " \"s\": \"y\", \"z\": null}",
			       0, NULL);

	CHECK(v != NULL);
	CHECK_STR(cnd_json_str(v, "s"), "y");
	CHECK(cnd_json_str(v, "z") == NULL);
	CHECK(cnd_json_str(v, "a") == NULL);
	CHECK(cnd_json_str(v, "missing") == NULL);
	CHECK(cnd_json_str(NULL, "s") == NULL);
	CHECK_STR(json_string_value(cnd_json_path(v, "a.b.c")), "x");
	CHECK(cnd_json_path(v, "a.b") == json_object_get(
		json_object_get(v, "a"), "b"));
	CHECK(cnd_json_path(v, "a.n.c") == NULL);
	CHECK(cnd_json_path(v, "a.x") == NULL);
	CHECK(cnd_json_path(v, "s") == json_object_get(v, "s"));
	json_decref(v);
}

/* Reading a member in chunks, through a directory input. */
struct jt_member_ctx {
	struct cnd_json_reader r;
	int status;
	char message[CND_ERROR_MAX];
};

static int jt_want(void *ud, const char *path, int64_t size)
{
	(void)ud;
	(void)size;
	return strcmp(path, "big.js") == 0;
}

static int jt_member(void *ud, struct cnd_member *m)
{
	struct jt_member_ctx *ctx = ud;
	struct cnd_error err;

	ctx->status = cnd_json_read(m, &ctx->r, &err);
	snprintf(ctx->message, sizeof(ctx->message), "%s", err.message);
	return CND_OK;
}

TEST(json_member_chunks)
{
	char dir[] = "/tmp/conduct-json-XXXXXX";
	char path[64];
	struct jt_seen seen;
	struct jt_member_ctx ctx;
	struct cnd_input_visitor vis = { 0 };
	struct cnd_input *in = NULL;
	struct cnd_limits lim;
	struct cnd_error err;
	FILE *f;
	int i, rc;

	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/big.js", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		goto out_dir;
	/* About 400 KiB: elements and strings cross 64 KiB boundaries. */
	fputs("\xef\xbb\xbfwindow.YTD.tweets.part0 = [", f);
	for (i = 0; i < 3000; i++)
		fprintf(f, "%s\n  {\n    \"i\" : %d,\n    \"s\" : \"%0*d "
			   "\\\" ] }\"\n  }",
			i ? "," : "", i, 80 + i % 50, i);
	fputs("\n, {\"bad\": x}]\n", f);
	fclose(f);

	jt_init(&seen);
	memset(&ctx, 0, sizeof(ctx));
	ctx.r.kind = CND_KIND_JS;
	ctx.r.array_path = "";
	ctx.r.doc_max = 1 << 20;
	ctx.r.fn = jt_fn;
	ctx.r.problem = jt_problem;
	ctx.r.ud = &seen;
	vis.ud = &ctx;
	vis.want = jt_want;
	vis.member = jt_member;
	cnd_limits_default(&lim);
	rc = cnd_input_open(&in, dir, &lim, &err);
	CHECK_INT(rc, CND_OK);
	if (rc == CND_OK)
		cnd_input_walk(in, &vis, &err);
	cnd_input_free(in);
	CHECK_INT(seen.calls, 3000);
	CHECK_INT(ctx.status, CND_FAILED);
	CHECK_STR(jt_problems(&seen), "2:3000:12002:11:invalid JSON in element "
				      "3000: invalid token near 'x'");
	CHECK(seen.values.len > 300000);
	CHECK(strstr(jt_values(&seen), "{\"i\":2999,\"s\":") != NULL);
	jt_release(&seen);
	unlink(path);
out_dir:
	rmdir(dir);
}

/* The drop list leaves out keys at any depth and keeps the JSON valid. */
TEST(json_drop_keys)
{
	static const char *const drop[] = { "source", "urls", "x", NULL };
	static const char text[] =
		"[ {\"source\": \"<a href=\\\"s\\\">web</a>\", \"id\": \"1\",\n"
		"   \"entities\": {\"urls\": [ {\"u\": [1, {\"x\": 2}]} ],\n"
		"                 \"user_mentions\": [ {\"x\": 1, \"n\": \"a\"} ]},\n"
		"   \"text\": \"source: urls, x\", \"x\": {\"deep\": [ ]}},\n"
		"  {\"x\": 1},\n"
		"  {\"a\": [ 1 , 2 ], \"source\": null} ]";
	struct jt_seen seen;

	jt_init(&seen);
	CHECK_INT(jt_read_dropped(&seen, drop, text, sizeof(text) - 1), CND_OK);
	CHECK_STR(jt_values(&seen),
		  "{\"entities\":{\"user_mentions\":[{\"n\":\"a\"}]},"
		  "\"id\":\"1\",\"text\":\"source: urls, x\"}|{}|{\"a\":[1,2]}");
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);

	/* a broken element is still reported at its real position */
	jt_init(&seen);
	{
		static const char bad[] =
			"[{\"a\": 1},\n {\"source\": 1, \"b\": }]";

		CHECK_INT(jt_read_dropped(&seen, drop, bad, sizeof(bad) - 1),
			  CND_FAILED);
	}
	CHECK_STR(jt_values(&seen), "{\"a\":1}");
	CHECK_INT(seen.nproblems, 1);
	CHECK(strstr(jt_problems(&seen), ":1:2:") != NULL);
	jt_release(&seen);

	/* pretty-printed, as X writes it: dropped values span indented lines */
	jt_init(&seen);
	{
		static const char pretty[] =
			"[ {\n"
			"    \"x\" : {\n"
			"      \"initial\" : {\n"
			"        \"ids\" : [\n"
			"          \"1\"\n"
			"        ],\n"
			"        \"ok\" : false\n"
			"      }\n"
			"    },\n"
			"    \"id\" : \"1\",\n"
			"    \"source\" : 5\n"
			"  },\n"
			"  {\n"
			"    \"source\" : [ ]\n"
			"\n"
			"                    , \"id\" : \"2\", \"x\" : true\n"
			"  } ]\n";

		CHECK_INT(jt_read_dropped(&seen, drop, pretty,
					  sizeof(pretty) - 1),
			  CND_OK);
	}
	CHECK_STR(jt_values(&seen), "{\"id\":\"1\"}|{\"id\":\"2\"}");
	CHECK_INT(seen.nproblems, 0);
	jt_release(&seen);
}

TEST(json_text)
{
	struct cnd_arena a;
	json_t *v = json_pack("[s, I, s, f, n, b]", "abc",
			      (json_int_t)1234567890123LL, "", 1.5, 1);

	cnd_arena_init(&a);
	CHECK(v != NULL);
	CHECK_STR(cnd_json_text(&a, json_array_get(v, 0)), "abc");
	CHECK_STR(cnd_json_text(&a, json_array_get(v, 1)), "1234567890123");
	CHECK_STR(cnd_json_text(&a, json_array_get(v, 2)), "");
	CHECK(cnd_json_text(&a, json_array_get(v, 3)) == NULL);
	CHECK(cnd_json_text(&a, json_array_get(v, 4)) == NULL);
	CHECK(cnd_json_text(&a, json_array_get(v, 5)) == NULL);
	CHECK(cnd_json_text(&a, NULL) == NULL);
	json_decref(v);
	cnd_arena_release(&a);
}
