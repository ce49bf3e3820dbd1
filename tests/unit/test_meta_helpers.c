/*
 * Unit tests of the helpers the Meta platforms share
 * (src/platforms/meta.c): numbers and coordinates given as numbers or
 * strings, and whose a message is, by display name or username. Times
 * given as seconds, milliseconds, numeric strings or ISO text are read by
 * cnd_field_epoch (test_fields.c).
 */
#include <jansson.h>

#include "conduct/base/timeutil.h"
#include "harness.h"

#include "../../src/platforms/meta.h"

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
