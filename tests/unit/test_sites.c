/*
 * Unit tests of the sensitive-sites file (src/config/sites.c): CSV points
 * with a radius and GeoJSON points and polygons (in GeoJSON's [longitude,
 * latitude] order), the radius boundary (400 m from a 500 m site is near,
 * 600 m is not), point-in-polygon inside and outside, and bad rows and
 * features reported with their line or feature and skipped. Reads the
 * files under fixtures/policy/, so it runs from the repository root.
 */
#include <string.h>

#include "conduct/base/geo.h"
#include "conduct/config/sites.h"

#include "harness.h"

#define FIX "fixtures/policy/"
#define M_PER_DEG_LAT 111195.0

struct problems {
	int n;
	char text[2048];
};

static void collect(void *ud, const char *where, const char *msg)
{
	struct problems *p = ud;
	size_t len = strlen(p->text);

	p->n++;
	snprintf(p->text + len, sizeof(p->text) - len, "%s: %s\n", where,
		 msg);
}

TEST(sites_csv_load)
{
	struct cnd_sites *s = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;
	const struct cnd_site *x;

	CHECK_INT(cnd_sites_load(&s, FIX "sites.csv", collect, &pr, &err),
		  CND_OK);
	CHECK_INT(pr.n, 0);
	CHECK_INT(cnd_sites_count(s), 3);
	x = cnd_sites_at(s, 2);
	CHECK(x != NULL);
	if (x) {
		CHECK_STR(x->name, "Clinic, East Wing");
		CHECK_STR(x->kind, "clinic");
		CHECK(x->lat > 51.519 && x->lat < 51.521);
		CHECK(x->lon > -0.051 && x->lon < -0.049);
		CHECK(x->radius_m == 100);
		CHECK(x->ring == NULL);
		CHECK_INT(x->line, 4);
	}
	CHECK(cnd_sites_at(s, 3) == NULL);
	cnd_sites_free(s);
}

TEST(sites_radius_boundary)
{
	struct cnd_sites *s = NULL;
	struct cnd_error err;
	const struct cnd_site *x;
	double d = -1, lat400 = 51.5 + 400 / M_PER_DEG_LAT,
	       lat600 = 51.5 + 600 / M_PER_DEG_LAT;

	CHECK_INT(cnd_sites_load(&s, FIX "sites.csv", NULL, NULL, &err),
		  CND_OK);
	/* the points really are about 400 m and 600 m from the refuge */
	d = cnd_geo_distance_m(lat400, -0.12, 51.5, -0.12);
	CHECK(d > 390 && d < 410);
	d = cnd_geo_distance_m(lat600, -0.12, 51.5, -0.12);
	CHECK(d > 590 && d < 610);

	d = -1;
	x = cnd_sites_near(s, lat400, -0.12, &d);
	CHECK(x != NULL);
	if (x)
		CHECK_STR(x->name, "Riverside Refuge");
	CHECK(d > 390 && d < 410);
	CHECK(cnd_sites_near(s, lat600, -0.12, &d) == NULL);
	/* east and west, where a degree of longitude is shorter */
	{
		double deg = M_PER_DEG_LAT * 0.62251; /* cos(51.5 deg) */

		x = cnd_sites_near(s, 51.5, -0.12 + 400 / deg, &d);
		CHECK(x && !strcmp(x->name, "Riverside Refuge"));
		CHECK(d > 390 && d < 410);
		CHECK(cnd_sites_near(s, 51.5, -0.12 - 400 / deg, &d) != NULL);
		CHECK(cnd_sites_near(s, 51.5, -0.12 + 600 / deg, &d) == NULL);
		CHECK(cnd_sites_near(s, 51.5, -0.12 - 600 / deg, &d) == NULL);
	}
	/* nowhere near any site */
	CHECK(cnd_sites_near(s, 48.85, 2.35, &d) == NULL);
	cnd_sites_free(s);
}

TEST(sites_geojson_polygon)
{
	struct cnd_sites *s = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;
	const struct cnd_site *x;
	double d = -1;

	CHECK_INT(cnd_sites_load(&s, FIX "sites.geojson", collect, &pr, &err),
		  CND_OK);
	CHECK_INT(pr.n, 0);
	CHECK_INT(cnd_sites_count(s), 2);
	x = cnd_sites_at(s, 0);
	CHECK(x && x->lat == 51.5 && x->lon == -0.12 && x->radius_m == 500);
	x = cnd_sites_at(s, 1);
	CHECK(x && x->ring != NULL);
	if (x) {
		/* the closing position is dropped; latitude comes first */
		CHECK_INT(x->n_ring, 4);
		CHECK(x->ring && x->ring[0] == 51.51 && x->ring[1] == -0.1);
		CHECK_STR(x->kind, "client-home");
	}
	x = cnd_sites_near(s, 51.515, -0.09, &d);
	CHECK(x != NULL);
	if (x)
		CHECK_STR(x->name, "Harbour Estate");
	CHECK(d == 0);
	/* just north of the polygon, and just west of it */
	CHECK(cnd_sites_near(s, 51.5205, -0.09, &d) == NULL);
	CHECK(cnd_sites_near(s, 51.515, -0.1005, &d) == NULL);
	/* the GeoJSON point site answers like the CSV one */
	x = cnd_sites_near(s, 51.5 + 400 / M_PER_DEG_LAT, -0.12, &d);
	CHECK(x && !strcmp(x->name, "Riverside Refuge"));
	cnd_sites_free(s);
}

TEST(sites_bad_csv_rows)
{
	struct cnd_sites *s = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;

	CHECK_INT(cnd_sites_load(&s, FIX "bad-sites.csv", collect, &pr, &err),
		  CND_FAILED);
	CHECK_INT(pr.n, 4);
	CHECK(strstr(pr.text, "line 3: latitude 95 is out of range") != NULL);
	CHECK(strstr(pr.text, "line 4: the name is empty") != NULL);
	CHECK(strstr(pr.text, "line 5: radius_m 999999") != NULL);
	CHECK(strstr(pr.text, "line 6: latitude '51.5x' is not a number") !=
	      NULL);
	/* the good row is kept */
	CHECK_INT(cnd_sites_count(s), 1);
	cnd_sites_free(s);
}

TEST(sites_bad_geojson_features)
{
	struct cnd_sites *s = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;

	CHECK_INT(cnd_sites_load(&s, FIX "bad-sites.geojson", collect, &pr,
				 &err),
		  CND_FAILED);
	CHECK_INT(pr.n, 3);
	/* [51.5, -120.5] is a position written as [latitude, longitude] */
	CHECK(strstr(pr.text, "$.features[0]: latitude -120.5 is out of range") !=
	      NULL);
	CHECK(strstr(pr.text, "[longitude, latitude]") != NULL);
	CHECK(strstr(pr.text, "$.features[1]: geometry type 'LineString'") !=
	      NULL);
	CHECK(strstr(pr.text, "$.features[2]: a Polygon needs at least three") !=
	      NULL);
	CHECK_INT(cnd_sites_count(s), 1);
	cnd_sites_free(s);
}

TEST(sites_unusable_files)
{
	struct cnd_sites *s = (struct cnd_sites *)&s;
	struct cnd_error err;

	CHECK_INT(cnd_sites_load(&s, FIX "no-such-sites.csv", NULL, NULL,
				 &err),
		  CND_FATAL);
	CHECK(s == NULL);
	CHECK(strstr(err.message, "no-such-sites.csv") != NULL);
	/* a policy file is neither CSV with the right header nor GeoJSON */
	CHECK_INT(cnd_sites_load(&s, FIX "lexicons/agency-casework.txt", NULL,
				 NULL, &err),
		  CND_FATAL);
	CHECK(strstr(err.message, "name,kind,latitude,longitude,radius_m") !=
	      NULL);
	CHECK_INT(cnd_sites_load(&s, FIX "good.json", NULL, NULL, &err),
		  CND_FATAL);
	CHECK(strstr(err.message, "FeatureCollection") != NULL);
	CHECK(cnd_sites_near(NULL, 51.5, -0.12, NULL) == NULL);
	CHECK_INT(cnd_sites_count(NULL), 0);
}
