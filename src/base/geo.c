/*
 * Coordinate converters shared by every platform and by the sensitive-sites
 * check: Google's E7 integers (with the int32 overflow of old Takeouts
 * corrected), one tolerant parser for the many ways exports spell a
 * latitude/longitude pair as text, the "is this a usable point?" test (0,0
 * is how Snapchat and others say "unknown"), great-circle distance by the
 * haversine formula and point-in-polygon by ray casting. Spellings seen in
 * exports (observed 2019-2024, see FORMATS.md):
 *
 *   Google Timeline (Android)   "50.0506312°, 14.3439906°"
 *   Google Timeline (iOS)       "geo:27.720022,-97.347951"
 *   Snapchat (2024)             "lat 35.301 ± 16.29 meters, long 46.028 ±
 *                               16.29 meters", "35.371, 45.816"
 *   Snapchat (older)            "37.7 ± 15.1 meters, -122.4 ± 15.1 meters"
 *   Snapchat memories           "Latitude, Longitude: 0.0, 0.0"
 *   plain                       "lat,lon", "50.05°N, 14.34°E"
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/geo.h"

#define EARTH_RADIUS_M 6371008.8 /* IUGG mean radius */
#define DEG2RAD(d) ((d) * 3.14159265358979323846 / 180.0)
#define E7_WRAP 4294967296LL /* 2^32 */
#define E7_MAX 1800000000LL  /* 180 degrees */

int cnd_geo_valid(double lat, double lon)
{
	if (!isfinite(lat) || !isfinite(lon))
		return 0;
	if (lat < -90.0 || lat > 90.0 || lon < -180.0 || lon > 180.0)
		return 0;
	if (lat == 0.0 && lon == 0.0)
		return 0;
	return 1;
}

double cnd_geo_from_e7(long long e7)
{
	/*
	 * Old Takeouts wrote some negative values as their unsigned 32-bit
	 * pattern (e.g. 4233738271 for -61229025): no coordinate is beyond
	 * 180 degrees, so anything beyond it is brought back by 2^32.
	 */
	if (e7 > E7_MAX)
		e7 -= E7_WRAP;
	else if (e7 < -E7_MAX)
		e7 += E7_WRAP;
	return (double)e7 / 1e7;
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Skip word w (ASCII, any case) when p starts with it; else return p. */
static const char *skip_word(const char *p, const char *w)
{
	size_t n = strlen(w);
	size_t i;

	for (i = 0; i < n; i++)
		if (tolower((unsigned char)p[i]) != w[i])
			return p;
	/* a word, not the start of a longer one ("lat" in "latitude") */
	if (isalpha((unsigned char)p[n]))
		return p;
	return p + n;
}

/*
 * A decimal number: [+-]digits[.digits] or [+-].digits. strtod alone would
 * also take "inf", "nan" and hex, which no export means. NULL when p does
 * not start with one.
 */
static const char *scan_number(const char *p, double *out)
{
	const char *q = p;
	int digits = 0;
	char *end;

	if (*q == '+' || *q == '-')
		q++;
	while (isdigit((unsigned char)*q)) {
		q++;
		digits++;
	}
	if (*q == '.') {
		q++;
		while (isdigit((unsigned char)*q)) {
			q++;
			digits++;
		}
	}
	if (!digits)
		return NULL;
	*out = strtod(p, &end);
	/* strtod stops where we did, or further for an exponent: use ours */
	if (end < q)
		return NULL;
	return q;
}

/*
 * One coordinate with what may surround it: an optional leading name (lat,
 * latitude, long, lng, lon, longitude), the number, a degree sign, a
 * hemisphere letter from hemi ("NS" or "EW"; the second negates), and an
 * accuracy "± 16.29 meters". NULL when there is no number.
 */
static const char *scan_coord(const char *p, const char *const *names,
			      const char *hemi, double *out)
{
	const char *q;
	double acc;
	size_t i;

	p = skip_space(p);
	for (i = 0; names[i]; i++) {
		q = skip_word(p, names[i]);
		if (q != p) {
			p = skip_space(q);
			if (*p == ':' || *p == '=')
				p = skip_space(p + 1);
			break;
		}
	}
	p = scan_number(p, out);
	if (!p)
		return NULL;
	p = skip_space(p);
	if (strncmp(p, "\xC2\xB0", 2) == 0) /* U+00B0 DEGREE SIGN */
		p = skip_space(p + 2);
	if (toupper((unsigned char)*p) == hemi[0] &&
	    !isalpha((unsigned char)p[1])) {
		p = skip_space(p + 1);
	} else if (toupper((unsigned char)*p) == hemi[1] &&
		   !isalpha((unsigned char)p[1])) {
		*out = -*out;
		p = skip_space(p + 1);
	}
	if (strncmp(p, "\xC2\xB1", 2) == 0) { /* U+00B1 PLUS-MINUS SIGN */
		q = scan_number(skip_space(p + 2), &acc);
		if (!q)
			return NULL;
		p = skip_space(q);
		q = skip_word(p, "meters");
		if (q == p)
			q = skip_word(p, "metres");
		if (q == p)
			q = skip_word(p, "m");
		p = skip_space(q);
	}
	return p;
}

int cnd_geo_parse(const char *s, double *lat, double *lon)
{
	static const char *const lat_names[] = { "latitude", "lat", NULL };
	static const char *const lon_names[] = { "longitude", "long", "lng",
						 "lon", NULL };
	const char *p, *q;
	double y, x, alt;
	int geo_uri = 0;

	if (!s)
		return -1;
	p = skip_space(s);
	/* RFC 5870 "geo:" URI */
	if (strncmp(p, "geo:", 4) == 0) {
		p += 4;
		geo_uri = 1;
	}
	/* "Latitude, Longitude: a, b" (Snapchat memories) */
	q = skip_word(p, "latitude");
	if (q != p) {
		q = skip_space(q);
		if (*q == ',') {
			q = skip_word(skip_space(q + 1), "longitude");
			q = skip_space(q);
			if (*q == ':')
				p = q + 1;
		}
	}
	p = scan_coord(p, lat_names, "NS", &y);
	if (!p)
		return -1;
	if (*p != ',' && *p != ';')
		return -1;
	p = scan_coord(p + 1, lon_names, "EW", &x);
	if (!p)
		return -1;
	if (geo_uri) {
		/* optional altitude, then ";u=..." or other parameters */
		if (*p == ',') {
			p = scan_number(skip_space(p + 1), &alt);
			if (!p)
				return -1;
			p = skip_space(p);
		}
		if (*p == ';' || *p == '?')
			p += strlen(p);
	}
	if (*skip_space(p) != '\0')
		return -1;
	if (!isfinite(y) || !isfinite(x) || fabs(y) > 90.0 || fabs(x) > 180.0)
		return -1;
	*lat = y;
	*lon = x;
	return 0;
}

double cnd_geo_distance_m(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = DEG2RAD(lat2 - lat1);
	double dlon = DEG2RAD(lon2 - lon1);
	double a, sl, so;

	sl = sin(dlat / 2);
	so = sin(dlon / 2);
	a = sl * sl + cos(DEG2RAD(lat1)) * cos(DEG2RAD(lat2)) * so * so;
	if (a > 1.0)
		a = 1.0;
	return 2.0 * EARTH_RADIUS_M * atan2(sqrt(a), sqrt(1.0 - a));
}

int cnd_geo_in_polygon(double lat, double lon, const double *ring, size_t n)
{
	int inside = 0;
	size_t i, j;

	if (!ring || n < 3)
		return 0;
	/*
	 * Cast a ray towards increasing longitude and count the edges it
	 * crosses; the ring may be closed (last == first) or not.
	 */
	for (i = 0, j = n - 1; i < n; j = i++) {
		double yi = ring[2 * i], xi = ring[2 * i + 1];
		double yj = ring[2 * j], xj = ring[2 * j + 1];

		if ((yi > lat) != (yj > lat) &&
		    lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
			inside = !inside;
	}
	return inside;
}
