/*
 * Unit tests for the converters in src/base/geo.c: the validity test (0,0
 * and out-of-range points are not usable), E7 integers with the int32
 * overflow of old Google Takeouts, every coordinate spelling the exports
 * use, haversine distances against known values, and ray-cast polygons
 * (inside, outside, concave notch, closed and open rings).
 */
#include <math.h>

#include "conduct/base/geo.h"
#include "harness.h"

#define CHECK_NEAR(a, b, eps) CHECK(fabs((a) - (b)) < (eps))

TEST(geo_valid)
{
	CHECK(cnd_geo_valid(51.5, -0.12));
	CHECK(cnd_geo_valid(-90.0, 180.0));
	CHECK(cnd_geo_valid(0.0, 14.0));
	CHECK(!cnd_geo_valid(0.0, 0.0));
	CHECK(!cnd_geo_valid(90.5, 10.0));
	CHECK(!cnd_geo_valid(10.0, -180.5));
	CHECK(!cnd_geo_valid(NAN, 10.0));
	CHECK(!cnd_geo_valid(10.0, INFINITY));
}

TEST(geo_from_e7)
{
	CHECK_NEAR(cnd_geo_from_e7(533690550), 53.369055, 1e-9);
	CHECK_NEAR(cnd_geo_from_e7(-1224194155), -122.4194155, 1e-9);
	CHECK_NEAR(cnd_geo_from_e7(0), 0.0, 1e-12);
	CHECK_NEAR(cnd_geo_from_e7(1800000000), 180.0, 1e-9);
	/* overflowed int32: -61229025 written as its unsigned pattern */
	CHECK_NEAR(cnd_geo_from_e7(4233738271LL), -6.1229025, 1e-9);
	/* -122.4 degrees overflowed the other way round */
	CHECK_NEAR(cnd_geo_from_e7(-1224000000LL + 4294967296LL), -122.4,
		   1e-9);
	CHECK_NEAR(cnd_geo_from_e7(1224000000LL - 4294967296LL), 122.4, 1e-9);
}

TEST(geo_parse_spellings)
{
	double lat = 99, lon = 99;

	CHECK_INT(cnd_geo_parse("50.0506312\xC2\xB0, 14.3439906\xC2\xB0", &lat,
				&lon),
		  0);
	CHECK_NEAR(lat, 50.0506312, 1e-9);
	CHECK_NEAR(lon, 14.3439906, 1e-9);

	CHECK_INT(cnd_geo_parse("geo:27.720022,-97.347951", &lat, &lon), 0);
	CHECK_NEAR(lat, 27.720022, 1e-9);
	CHECK_NEAR(lon, -97.347951, 1e-9);
	CHECK_INT(cnd_geo_parse("geo:27.7,-97.3,12.5;u=35", &lat, &lon), 0);
	CHECK_NEAR(lon, -97.3, 1e-9);

	CHECK_INT(cnd_geo_parse("lat 35.301 \xC2\xB1 16.29 meters, long 46.028 "
				"\xC2\xB1 16.29 meters",
				&lat, &lon),
		  0);
	CHECK_NEAR(lat, 35.301, 1e-9);
	CHECK_NEAR(lon, 46.028, 1e-9);

	CHECK_INT(cnd_geo_parse("37.7 \xC2\xB1 15.1 meters, -122.4 \xC2\xB1 "
				"15.1 meters",
				&lat, &lon),
		  0);
	CHECK_NEAR(lat, 37.7, 1e-9);
	CHECK_NEAR(lon, -122.4, 1e-9);

	CHECK_INT(cnd_geo_parse("35.371, 45.816", &lat, &lon), 0);
	CHECK_NEAR(lat, 35.371, 1e-9);
	CHECK_NEAR(lon, 45.816, 1e-9);
	CHECK_INT(cnd_geo_parse("-33.86,151.2", &lat, &lon), 0);
	CHECK_NEAR(lat, -33.86, 1e-9);
	CHECK_NEAR(lon, 151.2, 1e-9);

	CHECK_INT(cnd_geo_parse("50.05\xC2\xB0S, 14.34\xC2\xB0W", &lat, &lon),
		  0);
	CHECK_NEAR(lat, -50.05, 1e-9);
	CHECK_NEAR(lon, -14.34, 1e-9);
	CHECK_INT(cnd_geo_parse("latitude: 1.5, longitude: 2.5", &lat, &lon),
		  0);
	CHECK_NEAR(lat, 1.5, 1e-9);
	CHECK_NEAR(lon, 2.5, 1e-9);
}

TEST(geo_parse_unknown_and_bad)
{
	double lat = 99, lon = 99;

	/* Snapchat's "unknown": parses, but is not a usable point */
	CHECK_INT(cnd_geo_parse("Latitude, Longitude: 0.0, 0.0", &lat, &lon),
		  0);
	CHECK_NEAR(lat, 0.0, 1e-12);
	CHECK_NEAR(lon, 0.0, 1e-12);
	CHECK(!cnd_geo_valid(lat, lon));
	CHECK_INT(cnd_geo_parse("Latitude, Longitude: 51.5, -0.1", &lat, &lon),
		  0);
	CHECK_NEAR(lat, 51.5, 1e-9);
	CHECK_NEAR(lon, -0.1, 1e-9);

	lat = lon = 7;
	CHECK_INT(cnd_geo_parse(NULL, &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("Prague", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("50.05", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("50.05, ", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("50.05, 14.3 and more", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("inf, nan", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("0x10, 5", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("95.0, 14.0", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("45.0, 181.0", &lat, &lon), -1);
	CHECK_INT(cnd_geo_parse("lat 35.3 \xC2\xB1 meters, long 46", &lat,
				&lon),
		  -1);
	/* failures leave the outputs alone */
	CHECK_NEAR(lat, 7, 1e-12);
	CHECK_NEAR(lon, 7, 1e-12);
}

TEST(geo_distance)
{
	/* London (51.5074, -0.1278) to Paris (48.8566, 2.3522): ~343.5 km */
	double d = cnd_geo_distance_m(51.5074, -0.1278, 48.8566, 2.3522);

	CHECK(d > 343000 && d < 344500);
	CHECK_NEAR(cnd_geo_distance_m(10, 20, 10, 20), 0.0, 1e-6);
	/* one degree of latitude: 2*pi*R/360 */
	CHECK_NEAR(cnd_geo_distance_m(0, 0, 1, 0), 111195.08, 1.0);
	/* antipodes: half the circumference, no NaN from rounding */
	CHECK_NEAR(cnd_geo_distance_m(0, 0, 0, 180), 20015114.4, 1.0);
	/* symmetric, and across the antimeridian the short way */
	CHECK_NEAR(cnd_geo_distance_m(0, 179.5, 0, -179.5),
		   cnd_geo_distance_m(0, 0, 0, 1), 1e-6);
}

TEST(geo_in_polygon)
{
	/* a square 50..51 N, 14..15 E, given as (lat, lon) pairs, closed */
	static const double sq[] = { 50, 14, 50, 15, 51, 15, 51, 14, 50, 14 };
	/* a U shape: the notch 50.5..51 N, 14.4..14.6 E is outside; open */
	static const double u[] = { 50,	  14,	50,   15,   51,	  15,
				    51,	  14.6, 50.5, 14.6, 50.5, 14.4,
				    51,	  14.4, 51,   14 };

	CHECK(cnd_geo_in_polygon(50.5, 14.5, sq, 5));
	CHECK(!cnd_geo_in_polygon(51.5, 14.5, sq, 5));
	CHECK(!cnd_geo_in_polygon(50.5, 13.9, sq, 5));
	CHECK(!cnd_geo_in_polygon(50.5, 15.1, sq, 5));
	CHECK(cnd_geo_in_polygon(50.2, 14.5, u, 8));
	CHECK(!cnd_geo_in_polygon(50.8, 14.5, u, 8));
	CHECK(cnd_geo_in_polygon(50.8, 14.2, u, 8));
	CHECK(cnd_geo_in_polygon(50.8, 14.8, u, 8));
	CHECK(!cnd_geo_in_polygon(50.5, 14.5, sq, 2));
	CHECK(!cnd_geo_in_polygon(50.5, 14.5, NULL, 0));
}
