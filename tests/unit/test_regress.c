/*
 * Regression tests for crashes the fuzzers (tests/fuzz/) found in the
 * library: each test is the smallest input that crashed, fed through the
 * same public entry point, so the fixed bug stays fixed. They matter most
 * in the sanitized build (build/asan/unit-tests), where an out-of-bounds
 * read aborts the run; in the plain build they check the outcome.
 */
#include <string.h>

#include "conduct/parse/json.h"

#include "harness.h"

struct regress_count {
	int values;
	int problems;
};

static int regress_value(void *ud, json_t *value, long long index)
{
	struct regress_count *c = ud;

	(void)value;
	(void)index;
	c->values++;
	return CND_OK;
}

static void regress_problem(void *ud, int status, long long index,
			    unsigned long line, unsigned long column,
			    const char *message)
{
	struct regress_count *c = ud;

	(void)status;
	(void)index;
	(void)line;
	(void)column;
	(void)message;
	c->problems++;
}

/*
 * fuzz_platform_twitter: a key holding a raw NUL byte right after the
 * text of a dropped key ("urls\0...") made the projection's key compare
 * (proj_dropped in src/parse/json_fast.c) run past the end of the drop-list
 * string. The element is not valid JSON (a raw NUL in a string), so it
 * must be reported and skipped, and the next element read.
 */
TEST(regress_json_drop_key_with_nul)
{
	static const char *const drop[] = { "urls", NULL };
	static const char data[] = "[{\"urls\0zzzzzzzzzzzzzzzz\":1},{\"a\":1}]";
	struct regress_count c = { 0, 0 };
	struct cnd_json_reader r;
	struct cnd_error err;

	memset(&r, 0, sizeof(r));
	r.kind = CND_KIND_JSON;
	r.array_path = "";
	r.drop = drop;
	r.fn = regress_value;
	r.problem = regress_problem;
	r.ud = &c;
	cnd_json_read_buffer(data, sizeof(data) - 1, &r, &err);
	CHECK_INT(c.values, 1);
	CHECK_INT(c.problems, 1);
}
