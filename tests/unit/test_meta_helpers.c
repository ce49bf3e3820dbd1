/*
 * Unit tests of the helpers the Meta platforms share
 * (src/platforms/meta.c): times given as seconds, milliseconds, numeric
 * strings or ISO text; numbers and coordinates given as numbers or
 * strings; and whose a message is, by display name or username.
 */
#include <jansson.h>

#include "conduct/base/timeutil.h"
#include "harness.h"

#include "../../src/platforms/meta.h"

TEST(meta_time)
{
	json_t *o = json_pack("{s:i, s:s, s:I, s:s, s:n, s:s, s:i}", "sec",
			      1700000000, "str", "1700000000", "ms",
			      (json_int_t)1700000000123LL, "iso",
			      "2023-11-14T22:13:20Z",
			      "null", "bad", "soon", "zero", 0);

	CHECK(o != NULL);
	CHECK_INT(cnd_meta_time(o, "sec", 0), 1700000000);
	CHECK_INT(cnd_meta_time(o, "str", 0), 1700000000);
	CHECK_INT(cnd_meta_time(o, "ms", 1), 1700000000);
	CHECK_INT(cnd_meta_time(o, "iso", 0), 1700000000);
	CHECK_INT(cnd_meta_time(o, "null", 0), CND_TIME_NONE);
	CHECK_INT(cnd_meta_time(o, "bad", 0), CND_TIME_NONE);
	CHECK_INT(cnd_meta_time(o, "zero", 0), CND_TIME_NONE);
	CHECK_INT(cnd_meta_time(o, "absent", 0), CND_TIME_NONE);
	CHECK_INT(cnd_meta_time(NULL, "sec", 0), CND_TIME_NONE);
	CHECK_INT(cnd_meta_time_v(json_object_get(o, "ms"), 1), 1700000000);
	CHECK_INT(cnd_meta_time_v(NULL, 0), CND_TIME_NONE);
	json_decref(o);
}

TEST(meta_number_and_coord)
{
	json_t *c = json_pack("{s:f, s:s}", "latitude", 55.5, "longitude",
			      "12.25");
	json_t *bad = json_pack("{s:f, s:f}", "latitude", 95.0, "longitude",
				10.0);
	json_t *s1 = json_string("1.5x"), *s2 = json_string("-3.25");
	double lat = 0, lon = 0, n = 0;

	CHECK_INT(cnd_meta_coord(c, &lat, &lon), 0);
	CHECK(lat == 55.5 && lon == 12.25);
	CHECK_INT(cnd_meta_coord(bad, &lat, &lon), -1);
	CHECK_INT(cnd_meta_coord(s1, &lat, &lon), -1);
	CHECK_INT(cnd_json_number(s1, &n), -1);
	CHECK_INT(cnd_json_number(s2, &n), 0);
	CHECK(n == -3.25);
	CHECK_INT(cnd_json_number(NULL, &n), -1);
	json_decref(c);
	json_decref(bad);
	json_decref(s1);
	json_decref(s2);
}

TEST(meta_is_own)
{
	struct cnd_meta_own own = { 0 };

	CHECK(!cnd_meta_is_own(&own, "Ann"));
	own.name = "Ann Lee";
	own.username = "annlee";
	CHECK(cnd_meta_is_own(&own, "Ann Lee"));
	CHECK(cnd_meta_is_own(&own, "annlee"));
	CHECK(!cnd_meta_is_own(&own, "ann lee"));
	CHECK(!cnd_meta_is_own(&own, NULL));
}
