/*
 * Coordinates and places. The converters turn every coordinate spelling the
 * exports use into degrees (Google's E7 integers, "50.05°, 14.34°",
 * "geo:27.72,-97.34", Snapchat's "lat 35.3 ± 16.29 meters, long 46.0 ±
 * 16.29 meters" and "35.371, 45.816", Instagram's EXIF decimal degrees),
 * haversine distance and point-in-polygon. The agency's sensitive sites
 * built on these are config/sites.h.
 */
#ifndef CONDUCT_GEO_H
#define CONDUCT_GEO_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"

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

#endif
