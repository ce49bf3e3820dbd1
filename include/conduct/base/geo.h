/*
 * Coordinates and places. The converters turn every coordinate spelling the
 * exports use into degrees (Google's E7 integers, "50.05°, 14.34°",
 * "geo:27.72,-97.34", Snapchat's "lat 35.3 ± 16.29 meters, long 46.0 ±
 * 16.29 meters" and "35.371, 45.816", Instagram's EXIF decimal degrees);
 * the sites part loads the agency's sensitive sites (CSV of points with a
 * radius, or GeoJSON points and polygons) and answers "is this point at or
 * near a site?" by haversine distance and point-in-polygon.
 */
#ifndef CONDUCT_GEO_H
#define CONDUCT_GEO_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"

/* --- converters (src/base/geo.c) --- */

/* 1 when lat/lon are finite, in range, and not the 0,0 "unknown" point. */
int cnd_geo_valid(double lat, double lon);

/*
 * Degrees from an E7 integer, correcting values that overflowed int32 in
 * old Google exports.
 */
double cnd_geo_from_e7(long long e7);

/*
 * Parse "lat, lon" in any of the spellings above (and plain "lat,lon").
 * Returns 0 on success with *lat and *lon set, -1 when s holds no
 * coordinate pair.
 */
int cnd_geo_parse(const char *s, double *lat, double *lon);

/* Great-circle distance in metres (haversine, mean Earth radius). */
double cnd_geo_distance_m(double lat1, double lon1, double lat2, double lon2);

/* 1 when (lat, lon) is inside the ring of n (lat, lon) pairs. */
int cnd_geo_in_polygon(double lat, double lon, const double *ring, size_t n);

/* --- sensitive sites (src/config/sites.c) --- */

struct cnd_site {
	const char *name;
	const char *kind; /* "refuge", "office", "clinic", "client-home", ... */
	double lat, lon;  /* the point, or a polygon's first vertex */
	double radius_m;  /* points: the radius; polygons: 0 */
	const double *ring; /* polygons: n_ring (lat, lon) pairs; else NULL */
	size_t n_ring;
	size_t line; /* line (CSV) or feature index (GeoJSON), for messages */
};

struct cnd_sites;

/*
 * Load a sites file: CSV with the header name,kind,latitude,longitude,
 * radius_m (names matched without regard to case), or GeoJSON (a
 * FeatureCollection of Point features with properties name, kind, radius_m
 * and Polygon features with name and kind). Problems are reported with
 * their line or feature; returns CND_OK, CND_FAILED (some sites skipped)
 * or CND_FATAL (unreadable).
 */
int cnd_sites_load(struct cnd_sites **out, const char *path,
		   void (*problem)(void *ud, const char *where,
				   const char *msg),
		   void *ud, struct cnd_error *err);
void cnd_sites_free(struct cnd_sites *s);

size_t cnd_sites_count(const struct cnd_sites *s);
const struct cnd_site *cnd_sites_at(const struct cnd_sites *s, size_t i);

/*
 * The nearest site whose radius (or polygon) contains the point, or NULL;
 * *distance_m is the distance to a point site (0 inside a polygon).
 */
const struct cnd_site *cnd_sites_near(const struct cnd_sites *s, double lat,
				      double lon, double *distance_m);

#endif
