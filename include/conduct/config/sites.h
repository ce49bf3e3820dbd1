/*
 * The agency's sensitive sites (src/config/sites.c): a CSV of points with a
 * radius, or GeoJSON points and polygons, loaded with every problem named
 * by line or feature, and the question the location rules ask of them: is
 * this point at or near a site? (haversine distance and point-in-polygon,
 * base/geo.h).
 */
#ifndef CONDUCT_CONFIG_SITES_H
#define CONDUCT_CONFIG_SITES_H

#include <stddef.h>

#include "conduct/base/error.h"
#include "conduct/base/geo.h"

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
