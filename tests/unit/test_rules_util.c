/*
 * Unit tests of the helpers the rules share (src/rules/util.c): how a
 * time and a setting's interval stand to the review period, and how a
 * finding names a registered client.
 */
#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/config/register.h"
#include "conduct/run/scan.h"
#include "conduct/base/timeutil.h"
#include "harness.h"

#include "../../src/rules/util.h"

TEST(rules_util_in_review)
{
	struct cnd_options o = { 0 };

	o.since = 100;
	o.until = 200;
	CHECK(cnd_rules_in_review(&o, CND_TIME_NONE));
	CHECK(cnd_rules_in_review(&o, 100));
	CHECK(cnd_rules_in_review(&o, 200));
	CHECK(!cnd_rules_in_review(&o, 99));
	CHECK(!cnd_rules_in_review(&o, 201));
	o.since = o.until = CND_TIME_NONE;
	CHECK(cnd_rules_in_review(&o, 5));
}

TEST(rules_util_interval_in_period)
{
	struct cnd_options o = { 0 };
	struct cnd_setting_interval iv = { 0 };
	int64_t when = 0;

	o.since = 100;
	o.until = 200;
	o.generated_at = 300;
	iv.from = 50;
	iv.to = 150;
	CHECK(cnd_rules_interval_in_period(&o, &iv, &when));
	CHECK_INT(when, 50);
	iv.to = 100; /* ends as the period starts */
	CHECK(!cnd_rules_interval_in_period(&o, &iv, &when));
	CHECK_INT(when, CND_TIME_NONE);
	iv.from = 201;
	iv.to = CND_TIME_NONE;
	CHECK(!cnd_rules_interval_in_period(&o, &iv, &when));
	iv.from = iv.to = CND_TIME_NONE;
	iv.undated = 1; /* held at the export, after the period */
	CHECK(!cnd_rules_interval_in_period(&o, &iv, &when));
	o.until = CND_TIME_NONE;
	CHECK(cnd_rules_interval_in_period(&o, &iv, &when));
	CHECK_INT(when, CND_TIME_NONE);
}

TEST(rules_util_client_label)
{
	static const char *const names[] = { "Ann Lee", "A. Lee" };
	struct cnd_client cl = { 0 };
	struct cnd_arena a;

	cnd_arena_init(&a);
	cl.ref = "C-7";
	CHECK_STR(cnd_rules_client_label(&a, &cl), "registered client C-7");
	cl.names = names;
	cl.n_names = 2;
	cl.former = 1;
	CHECK_STR(cnd_rules_client_label(&a, &cl),
		  "registered former client C-7 (Ann Lee)");
	cnd_arena_release(&a);
}
