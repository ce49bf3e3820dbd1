/*
 * The agency's sensitive sites (refuges, client-facing offices, clinics,
 * client homes), loaded from a CSV of points with a radius or from GeoJSON
 * points and polygons, and the one question the location rules ask of
 * them: is this point at or near a site, and which one is nearest? Every
 * row or feature is checked (names present, coordinates in range, a
 * sensible radius, polygons with at least three corners); a bad one is
 * reported with its line or feature and skipped. Sites are kept in file
 * order with a bounding box each, so a lookup is a linear scan that
 * rejects far sites cheaply; agencies keep hundreds of sites, not millions.
 */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "conduct/parse/csv.h"
#include "conduct/base/geo.h"
#include "conduct/config/sites.h"
#include "conduct/base/path.h"

#define SITE_RADIUS_MAX 50000.0 /* metres: a "site" wider is a mistake */
#define METRES_PER_DEG_LAT 111195.0
#define M_PI_RAD (3.14159265358979323846 / 180.0)

typedef void (*site_problem_fn)(void *ud, const char *where, const char *msg);

struct box {
	double lat_min, lat_max, lon_min, lon_max;
};

struct cnd_sites {
	struct cnd_arena arena;
	struct cnd_vec sites; /* struct cnd_site */
	struct cnd_vec boxes; /* struct box, one per site */
};

struct loader {
	struct cnd_sites *s;
	site_problem_fn problem;
	void *ud;
	size_t bad;
	/* CSV columns */
	int col_name, col_kind, col_lat, col_lon, col_radius;
	int header_seen;
};

static void report(struct loader *l, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct loader *l, const char *where, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	l->bad++;
	if (l->problem)
		l->problem(l->ud, where, msg);
}

static void add_site(struct loader *l, const struct cnd_site *site)
{
	struct cnd_site *out = cnd_vec_push(&l->s->sites);
	struct box *b = cnd_vec_push(&l->s->boxes);
	size_t i;

	*out = *site;
	out->name = cnd_arena_strdup(&l->s->arena, site->name);
	out->kind = cnd_arena_strdup(&l->s->arena, site->kind);
	if (site->ring) {
		size_t bytes = site->n_ring * 2 * sizeof(double);
		double *ring = cnd_arena_alloc(&l->s->arena, bytes);

		memcpy(ring, site->ring, bytes);
		out->ring = ring;
		b->lat_min = b->lat_max = ring[0];
		b->lon_min = b->lon_max = ring[1];
		for (i = 1; i < site->n_ring; i++) {
			b->lat_min = fmin(b->lat_min, ring[2 * i]);
			b->lat_max = fmax(b->lat_max, ring[2 * i]);
			b->lon_min = fmin(b->lon_min, ring[2 * i + 1]);
			b->lon_max = fmax(b->lon_max, ring[2 * i + 1]);
		}
	} else {
		double dlat = site->radius_m / METRES_PER_DEG_LAT;
		double c = cos((fabs(site->lat) + dlat) * M_PI_RAD);
		double dlon = c > 0.01 ? dlat / c : 360;

		/* a little slack: the box only rejects, haversine decides */
		b->lat_min = site->lat - dlat * 1.01;
		b->lat_max = site->lat + dlat * 1.01;
		if (dlon >= 180 || site->lon - dlon < -180 ||
		    site->lon + dlon > 180) {
			/* near a pole or the antimeridian: no longitude box */
			b->lon_min = -1e9;
			b->lon_max = 1e9;
		} else {
			b->lon_min = site->lon - dlon * 1.01;
			b->lon_max = site->lon + dlon * 1.01;
		}
	}
}

/* A whole-string decimal number, or -1. */
static int parse_number(const char *s, double *out)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	while (*end == ' ' || *end == '\t')
		end++;
	if (errno || *end || !isfinite(*out))
		return -1;
	return 0;
}

/* Range checks shared by both formats; 0 when the position is usable. */
static int check_position(struct loader *l, const char *where, double lat,
			  double lon, int geojson)
{
	if (lat < -90 || lat > 90) {
		report(l, where, "latitude %g is out of range (-90 to 90)%s",
		       lat,
		       geojson ? "; GeoJSON positions are [longitude, latitude]" :
				 "");
		return -1;
	}
	if (lon < -180 || lon > 180) {
		report(l, where, "longitude %g is out of range (-180 to 180)",
		       lon);
		return -1;
	}
	if (lat == 0 && lon == 0) {
		report(l, where,
		       "latitude 0, longitude 0 is the 'unknown' point, not a site");
		return -1;
	}
	return 0;
}

static int check_radius(struct loader *l, const char *where, double r)
{
	if (!(r > 0) || r > SITE_RADIUS_MAX) {
		report(l, where,
		       "radius_m %g is out of range (more than 0, at most %.0f)",
		       r, SITE_RADIUS_MAX);
		return -1;
	}
	return 0;
}

/* --- CSV --- */

static int trimmed_empty(const char *s)
{
	return strspn(s, " \t") == strlen(s);
}

static int csv_header(struct loader *l, char **fields, size_t n)
{
	static const char *const want[] = { "name", "kind", "latitude",
					    "longitude", "radius_m" };
	int *cols[] = { &l->col_name, &l->col_kind, &l->col_lat, &l->col_lon,
			&l->col_radius };
	size_t i, j;

	for (j = 0; j < 5; j++)
		*cols[j] = -1;
	for (i = 0; i < n; i++)
		for (j = 0; j < 5; j++)
			if (!strcasecmp(fields[i], want[j]) && *cols[j] < 0)
				*cols[j] = (int)i;
	for (j = 0; j < 5; j++)
		if (*cols[j] < 0)
			return -1;
	return 0;
}

static const char *field(char **fields, size_t n, int col)
{
	return col >= 0 && (size_t)col < n ? fields[col] : "";
}

static int csv_row(void *ud, size_t line, char **fields, size_t n)
{
	struct loader *l = ud;
	struct cnd_site site;
	char where[32];
	const char *name, *kind;

	if (!l->header_seen) {
		l->header_seen = 1;
		if (csv_header(l, fields, n) != 0)
			return 1; /* stop: the caller reports the header */
		return 0;
	}
	if (n == 1 && trimmed_empty(fields[0]))
		return 0; /* blank line */
	snprintf(where, sizeof(where), "line %zu", line);
	memset(&site, 0, sizeof(site));
	site.line = line;
	name = field(fields, n, l->col_name);
	kind = field(fields, n, l->col_kind);
	if (trimmed_empty(name)) {
		report(l, where, "the name is empty");
		return 0;
	}
	if (trimmed_empty(kind)) {
		report(l, where, "the kind of '%s' is empty", name);
		return 0;
	}
	if (parse_number(field(fields, n, l->col_lat), &site.lat) != 0) {
		report(l, where, "latitude '%s' is not a number",
		       field(fields, n, l->col_lat));
		return 0;
	}
	if (parse_number(field(fields, n, l->col_lon), &site.lon) != 0) {
		report(l, where, "longitude '%s' is not a number",
		       field(fields, n, l->col_lon));
		return 0;
	}
	if (parse_number(field(fields, n, l->col_radius), &site.radius_m) !=
	    0) {
		report(l, where, "radius_m '%s' is not a number of metres",
		       field(fields, n, l->col_radius));
		return 0;
	}
	if (check_position(l, where, site.lat, site.lon, 0) != 0 ||
	    check_radius(l, where, site.radius_m) != 0)
		return 0;
	site.name = name;
	site.kind = kind;
	add_site(l, &site);
	return 0;
}

static int load_csv(struct loader *l, const char *data, size_t len,
		    const char *file, struct cnd_error *err)
{
	struct cnd_error e;

	if (cnd_csv_parse(data, len, csv_row, l, &e) != CND_OK)
		report(l, "file", "%s", e.message);
	if (!l->header_seen)
		return cnd_error_set(err, CND_FATAL, "'%s' is empty", file);
	if (l->col_name < 0 || l->col_kind < 0 || l->col_lat < 0 ||
	    l->col_lon < 0 || l->col_radius < 0)
		return cnd_error_set(
			err, CND_FATAL,
			"'%s': the header must name the columns name,kind,latitude,longitude,radius_m",
			file);
	return CND_OK;
}

/* --- GeoJSON --- */

static int json_position(const json_t *pos, double *lat, double *lon)
{
	const json_t *x = json_array_get(pos, 0), *y = json_array_get(pos, 1);

	if (!json_is_array(pos) || json_array_size(pos) < 2 ||
	    !json_is_number(x) || !json_is_number(y))
		return -1;
	*lon = json_number_value(x);
	*lat = json_number_value(y);
	return 0;
}

static const char *prop_string(const json_t *props, const char *key)
{
	const char *s = json_string_value(json_object_get(props, key));

	return s && !trimmed_empty(s) ? s : NULL;
}

static void geo_polygon(struct loader *l, const char *where,
			struct cnd_site *site, const json_t *coords)
{
	const json_t *outer = json_array_get(coords, 0);
	size_t i, n = json_array_size(outer);
	double *ring;
	size_t k = 0;

	if (!json_is_array(coords) || !json_is_array(outer) || n < 3) {
		report(l, where,
		       "a Polygon needs an outer ring of at least three positions");
		return;
	}
	ring = cnd_xmalloc(n * 2 * sizeof(*ring));
	for (i = 0; i < n; i++) {
		double lat, lon;
		char pwhere[96];

		snprintf(pwhere, sizeof(pwhere),
			 "%s.geometry.coordinates[0][%zu]", where, i);
		if (json_position(json_array_get(outer, i), &lat, &lon) != 0) {
			report(l, pwhere,
			       "not a [longitude, latitude] position");
			goto out_free;
		}
		if (check_position(l, pwhere, lat, lon, 1) != 0)
			goto out_free;
		ring[2 * k] = lat;
		ring[2 * k + 1] = lon;
		k++;
	}
	/* GeoJSON closes a ring by repeating its first position */
	if (k > 1 && ring[0] == ring[2 * (k - 1)] &&
	    ring[1] == ring[2 * (k - 1) + 1])
		k--;
	if (k < 3) {
		report(l, where, "a Polygon needs at least three corners");
		goto out_free;
	}
	site->ring = ring;
	site->n_ring = k;
	site->lat = ring[0];
	site->lon = ring[1];
	site->radius_m = 0;
	add_site(l, site);
out_free:
	free(ring);
}

static void geo_feature(struct loader *l, size_t index, const json_t *feat)
{
	const json_t *geom = json_object_get(feat, "geometry");
	const json_t *props = json_object_get(feat, "properties");
	const char *type = json_string_value(json_object_get(geom, "type"));
	const json_t *coords = json_object_get(geom, "coordinates");
	struct cnd_site site;
	char where[48];

	snprintf(where, sizeof(where), "$.features[%zu]", index);
	memset(&site, 0, sizeof(site));
	site.line = index;
	if (!json_is_object(feat) ||
	    strcmp(json_string_value(json_object_get(feat, "type")) ?
			   json_string_value(json_object_get(feat, "type")) :
			   "",
		   "Feature") != 0) {
		report(l, where, "not a GeoJSON Feature");
		return;
	}
	if (!json_is_object(props)) {
		report(l, where, "has no properties (name, kind)");
		return;
	}
	site.name = prop_string(props, "name");
	site.kind = prop_string(props, "kind");
	if (!site.name) {
		report(l, where, "properties.name is missing or empty");
		return;
	}
	if (!site.kind) {
		report(l, where, "properties.kind of '%s' is missing or empty",
		       site.name);
		return;
	}
	if (!type) {
		report(l, where, "has no geometry type");
		return;
	}
	if (!strcmp(type, "Point")) {
		const json_t *r = json_object_get(props, "radius_m");

		if (json_position(coords, &site.lat, &site.lon) != 0) {
			report(l, where,
			       "Point coordinates are not [longitude, latitude]");
			return;
		}
		if (!json_is_number(r)) {
			report(l, where,
			       "properties.radius_m of point '%s' is missing or not a number",
			       site.name);
			return;
		}
		site.radius_m = json_number_value(r);
		if (check_position(l, where, site.lat, site.lon, 1) != 0 ||
		    check_radius(l, where, site.radius_m) != 0)
			return;
		add_site(l, &site);
	} else if (!strcmp(type, "Polygon")) {
		geo_polygon(l, where, &site, coords);
	} else {
		report(l, where,
		       "geometry type '%s' is not supported (use Point or Polygon)",
		       type);
	}
}

static int load_geojson(struct loader *l, const char *data, size_t len,
			const char *file, struct cnd_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, 0, &je);
	const json_t *features;
	const char *type;
	size_t i;
	int st = CND_OK;

	if (!root)
		return cnd_error_set(err, CND_FATAL,
				     "'%s': not valid JSON at line %d: %s",
				     file, je.line, je.text);
	type = json_string_value(json_object_get(root, "type"));
	features = json_object_get(root, "features");
	if (!type || strcmp(type, "FeatureCollection") != 0 ||
	    !json_is_array(features)) {
		st = cnd_error_set(err, CND_FATAL,
				   "'%s': not a GeoJSON FeatureCollection",
				   file);
		goto out_root;
	}
	for (i = 0; i < json_array_size(features); i++)
		geo_feature(l, i, json_array_get(features, i));
out_root:
	json_decref(root);
	return st;
}

static int read_file(const char *path, struct cnd_buf *b,
		     struct cnd_error *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int st = CND_OK;

	if (!f)
		return cnd_error_set(err, CND_FATAL, "cannot open '%s': %s",
				     path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		cnd_buf_add(b, chunk, n);
	if (ferror(f))
		st = cnd_error_set(err, CND_FATAL, "cannot read '%s'", path);
	fclose(f);
	return st;
}

int cnd_sites_load(struct cnd_sites **out, const char *path,
		   void (*problem)(void *ud, const char *where,
				   const char *msg),
		   void *ud, struct cnd_error *err)
{
	struct cnd_buf b = CND_BUF_INIT;
	struct loader l;
	const char *p;
	int st;

	*out = NULL;
	cnd_error_clear(err);
	memset(&l, 0, sizeof(l));
	l.problem = problem;
	l.ud = ud;
	st = read_file(path, &b, err);
	if (st != CND_OK)
		goto out_buf;
	l.s = cnd_xcalloc(1, sizeof(*l.s));
	cnd_arena_init(&l.s->arena);
	cnd_vec_init(&l.s->sites, sizeof(struct cnd_site));
	cnd_vec_init(&l.s->boxes, sizeof(struct box));
	p = b.data ? b.data : "";
	if (!strncmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	p += strspn(p, " \t\r\n");
	if (*p == '{')
		st = load_geojson(&l, b.data, b.len, cnd_path_base(path), err);
	else
		st = load_csv(&l, b.data ? b.data : "", b.len, cnd_path_base(path),
			      err);
	if (st >= CND_FATAL) {
		cnd_sites_free(l.s);
		goto out_buf;
	}
	if (!l.s->sites.len && !l.bad)
		report(&l, "file", "holds no sites");
	if (l.bad)
		st = cnd_error_set(err, CND_FAILED,
				   "'%s': %zu site%s with problems skipped",
				   cnd_path_base(path), l.bad,
				   l.bad == 1 ? "" : "s");
	*out = l.s;
out_buf:
	cnd_buf_release(&b);
	return st;
}

void cnd_sites_free(struct cnd_sites *s)
{
	if (!s)
		return;
	cnd_vec_release(&s->sites);
	cnd_vec_release(&s->boxes);
	cnd_arena_release(&s->arena);
	free(s);
}

size_t cnd_sites_count(const struct cnd_sites *s)
{
	return s ? s->sites.len : 0;
}

const struct cnd_site *cnd_sites_at(const struct cnd_sites *s, size_t i)
{
	if (!s || i >= s->sites.len)
		return NULL;
	return cnd_vec_at(&s->sites, i);
}

const struct cnd_site *cnd_sites_near(const struct cnd_sites *s, double lat,
				      double lon, double *distance_m)
{
	const struct cnd_site *best = NULL;
	double best_d = 0;
	size_t i;

	if (!s || !isfinite(lat) || !isfinite(lon))
		return NULL;
	for (i = 0; i < s->sites.len; i++) {
		const struct cnd_site *site = cnd_vec_at(&s->sites, i);
		const struct box *b = cnd_vec_at(&s->boxes, i);
		double d;

		if (lat < b->lat_min || lat > b->lat_max || lon < b->lon_min ||
		    lon > b->lon_max)
			continue;
		if (site->ring) {
			if (!cnd_geo_in_polygon(lat, lon, site->ring,
						site->n_ring))
				continue;
			d = 0;
		} else {
			d = cnd_geo_distance_m(lat, lon, site->lat, site->lon);
			if (d > site->radius_m)
				continue;
		}
		if (!best || d < best_d) {
			best = site;
			best_d = d;
		}
	}
	if (best && distance_m)
		*distance_m = best_d;
	return best;
}
