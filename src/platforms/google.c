/*
 * Google location history: reads a Google Takeout of "Location History
 * (Timeline)" and the on-device Timeline export that replaced it in 2024
 * (Android and iOS), and turns them into location records: raw points
 * (Records.json, path points of activities and timelines, raw signals),
 * place visits with the place name and Google's own HOME / WORK labels
 * (the most sensitive items of any export: where the worker, or a client,
 * lives), and the location-history and location-reporting switches with
 * the times they changed. Takeout folder names follow the account's
 * language ("Standortverlauf", "Historique des positions"), so members are
 * recognised by their file names and by the shape of their JSON, never by
 * the folder they sit in. A Takeout that holds only Settings.json says
 * nothing about where the person went: that is reported as a gap.
 *
 * Layouts read (FORMATS.md section 6; Takeout 2013-2024 and the 2024
 * on-device export, observed through readers' fixtures and documentation):
 *
 *   Takeout/<Location History | Location History (Timeline) | localised>/
 *     Records.json (older: Location History.json)
 *                   { "locations": [ { "latitudeE7", "longitudeE7",
 *                   "accuracy", "source", "deviceTag", "timestamp" (ISO) |
 *                   "timestampMs" ("1512947698030"), "activity": [...] } ] }
 *                   (gigabytes: streamed; E7 values may have overflowed
 *                   int32 in old exports)
 *     Semantic Location History/2019/2019_JANUARY.json (names localised)
 *                   { "timelineObjects": [ { "placeVisit": { "location": {
 *                   "latitudeE7", "longitudeE7", "name", "address",
 *                   "placeId", "semanticType": "TYPE_HOME" | "TYPE_WORK" |
 *                   ... }, "duration": { "startTimestamp" |
 *                   "startTimestampMs", "endTimestamp" },
 *                   "centerLatE7", "centerLngE7" } } | { "activitySegment":
 *                   { "startLocation", "endLocation", "duration",
 *                   "simplifiedRawPath": { "points": [ { "latE7", "lngE7",
 *                   "timestamp" } ] }, "waypointPath" } } ] }
 *     Settings.json { "historyEnabled", "createdTime", "modifiedTime",
 *                   "deviceSettings": [ { "deviceTag", "devicePrettyName",
 *                   "platformType", "reportingEnabled",
 *                   "latestLocationReportingSettingChange": {
 *                   "reportingEnabledModificationTime" } } ] }
 *     Timeline Edits.json   (edits made in the app: not read)
 *   Timeline.json (Android, 2024+)
 *                   { "semanticSegments": [ { "startTime", "endTime",
 *                   "visit": { "topCandidate": { "placeId", "semanticType":
 *                   "HOME" | "WORK" | "INFERRED_HOME" | ..., "placeLocation":
 *                   { "latLng": "50.0506312°, 14.3439906°" } } } |
 *                   "activity": { "start": { "latLng" }, "end": { "latLng" }
 *                   } | "timelinePath": [ { "point", "time" } ] } ],
 *                   "rawSignals": [ { "position": { "LatLng", "timestamp" }
 *                   } | { "wifiScan" } | { "activityRecord" } ],
 *                   "userLocationProfile": { "frequentPlaces": [ {
 *                   "placeId", "placeLocation", "label": "HOME" | "WORK" }
 *                   ] } }
 *   location-history.json (iOS, 2024+): a top-level array, every value a
 *                   string: [ { "startTime", "endTime", "visit": {
 *                   "topCandidate": { "semanticType": "Home" | "Unknown",
 *                   "placeID", "placeLocation": "geo:27.720022,-97.347951" }
 *                   } } | { "activity": { "start": "geo:...", "end":
 *                   "geo:..." } } | { "timelinePath": [ { "point": "geo:...",
 *                   "durationMinutesOffsetFromStartTime": "49" } ] } ]
 *
 * Decisions: a point whose coordinates are missing, 0,0 or out of range is
 * skipped (and counted in a diagnostic); activity segments give their start
 * and end as points, and their simplified raw path (which has times) as
 * points, but not the road-snapped waypoints (no times, inferred);
 * Android's frequent places are labelled places with no time: the person's
 * home and work, counted as labelled places, not as visits. Android's
 * Timeline.json holds three arrays side by side: each is streamed, as
 * every other member is, so years of history are read in the memory of
 * one segment.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/base/geo.h"
#include "conduct/parse/json.h"
#include "conduct/platforms/fields.h"
#include "conduct/platforms/platform.h"
#include "conduct/model/record.h"
#include "conduct/base/timeutil.h"

extern const struct cnd_platform cnd_platform_google;

struct gl_state {
	uint64_t bad_points; /* skipped: no usable coordinates */
	uint64_t no_time;    /* kept without a time */
	unsigned data_seen : 1; /* a member with location data was read */
};

static struct gl_state *gl_state(struct cnd_scan *s)
{
	return cnd_scan_state(s);
}

/* --- Small helpers --- */

/* The first of two keys that gives a time. */
static int64_t gl_time2(const json_t *obj, const char *k1, const char *k2)
{
	int64_t t = cnd_field_epoch_of(obj, k1, CND_EPOCH_GUESS);

	return t != CND_TIME_NONE
		       ? t
		       : cnd_field_epoch_of(obj, k2, CND_EPOCH_GUESS);
}

/* Coordinates from two E7 keys. 0 when usable. */
static int gl_e7(const json_t *obj, const char *klat, const char *klon,
		 double *lat, double *lon)
{
	long long a, b;

	if (!json_is_object(obj) ||
	    cnd_json_int(json_object_get(obj, klat), &a) ||
	    cnd_json_int(json_object_get(obj, klon), &b))
		return -1;
	*lat = cnd_geo_from_e7(a);
	*lon = cnd_geo_from_e7(b);
	return cnd_geo_valid(*lat, *lon) ? 0 : -1;
}

/* Coordinates from a "lat°, lng°" or "geo:lat,lng" string. 0 if usable. */
static int gl_text(const json_t *v, double *lat, double *lon)
{
	if (!json_is_string(v) ||
	    cnd_geo_parse(json_string_value(v), lat, lon))
		return -1;
	return cnd_geo_valid(*lat, *lon) ? 0 : -1;
}

/*
 * Google's place label in record.h's words: TYPE_HOME, HOME and Home give
 * "home", INFERRED_HOME and "Inferred Home" give "inferred-home"; UNKNOWN
 * gives NULL.
 */
static const char *gl_label(struct cnd_scan *s, const char *type)
{
	char *out, *o;

	if (!type)
		return NULL;
	if (!strncasecmp(type, "TYPE_", 5))
		type += 5;
	if (!*type || !strcasecmp(type, "UNKNOWN") ||
	    !strcasecmp(type, "SEMANTIC_TYPE_UNKNOWN"))
		return NULL;
	out = cnd_arena_strdup(cnd_scan_scratch(s), type);
	for (o = out; *o; o++)
		*o = (*o == '_' || *o == ' ') ? '-' :
					      (char)tolower((unsigned char)*o);
	return out;
}

/* Count a point without usable coordinates; say so the first time. */
static void gl_bad_point(struct cnd_scan *s, long long index, const char *what)
{
	struct gl_state *st = gl_state(s);

	if (!st->bad_points++)
		cnd_scan_diag(s, CND_WARN, index,
			      "%s has no usable coordinates (missing, 0,0 or out of range): skipped",
			      what);
}

static int gl_emit(struct cnd_scan *s, struct cnd_record *r, long long index)
{
	struct gl_state *st = gl_state(s);

	r->kind = CND_REC_LOCATION;
	if (!r->prov.member) {
		/* Timeline.json is read whole: name the element anyway */
		r->prov.member = cnd_scan_member(s);
		r->prov.item = index;
	}
	if (r->time == CND_TIME_NONE && !r->label && !st->no_time++)
		cnd_scan_diag(s, CND_WARN, index,
			      "location has no readable time: kept without one");
	return cnd_emit(s, r);
}

/* A point with coordinates already checked. */
static int gl_point(struct cnd_scan *s, double lat, double lon, int64_t t,
		    long long index)
{
	struct cnd_record r = { 0 };

	r.has_geo = 1;
	r.lat = lat;
	r.lon = lon;
	r.time = t;
	return gl_emit(s, &r, index);
}

/* --- Records.json --- */

static int gl_record(struct cnd_scan *s, json_t *v, long long index)
{
	double lat, lon;

	gl_state(s)->data_seen = 1;
	if (gl_e7(v, "latitudeE7", "longitudeE7", &lat, &lon)) {
		gl_bad_point(s, index, "location record");
		return CND_OK;
	}
	return gl_point(s, lat, lon, gl_time2(v, "timestamp", "timestampMs"),
			index);
}

/* --- Semantic Location History month files --- */

static int gl_place_visit(struct cnd_scan *s, const json_t *pv,
			  long long index)
{
	const json_t *loc = json_object_get(pv, "location");
	const json_t *dur = json_object_get(pv, "duration");
	struct cnd_record r = { 0 };

	r.visit = 1;
	r.time = gl_time2(dur, "startTimestamp", "startTimestampMs");
	r.place = cnd_field_str(loc, "name");
	if (!r.place)
		r.place = cnd_field_str(loc, "address");
	r.id = cnd_field_str(loc, "placeId");
	r.label = gl_label(s, cnd_field_str(loc, "semanticType"));
	if (!gl_e7(loc, "latitudeE7", "longitudeE7", &r.lat, &r.lon) ||
	    !gl_e7(pv, "centerLatE7", "centerLngE7", &r.lat, &r.lon))
		r.has_geo = 1;
	if (!r.has_geo && !r.place) {
		gl_bad_point(s, index, "place visit");
		return CND_OK;
	}
	return gl_emit(s, &r, index);
}

/* A location object's point at time t; nothing when it has none. */
static int gl_e7_point(struct cnd_scan *s, const json_t *loc, const char *klat,
		       const char *klon, int64_t t, long long index,
		       const char *what)
{
	double lat, lon;

	if (!loc)
		return CND_OK;
	if (gl_e7(loc, klat, klon, &lat, &lon)) {
		gl_bad_point(s, index, what);
		return CND_OK;
	}
	return gl_point(s, lat, lon, t, index);
}

static int gl_activity_segment(struct cnd_scan *s, const json_t *as,
			       long long index)
{
	const json_t *dur = json_object_get(as, "duration"), *p;
	int64_t t0 = gl_time2(dur, "startTimestamp", "startTimestampMs");
	int64_t t1 = gl_time2(dur, "endTimestamp", "endTimestampMs");
	size_t i;
	int ret;

	ret = gl_e7_point(s, json_object_get(as, "startLocation"),
			  "latitudeE7", "longitudeE7", t0, index,
			  "activity start");
	if (ret < CND_FATAL)
		ret = gl_e7_point(s, json_object_get(as, "endLocation"),
				  "latitudeE7", "longitudeE7", t1, index,
				  "activity end");
	json_array_foreach(cnd_json_path(as, "simplifiedRawPath.points"), i,
			   p) {
		if (ret >= CND_FATAL)
			break;
		ret = gl_e7_point(s, p, "latE7", "lngE7",
				  gl_time2(p, "timestamp", "timestampMs"),
				  index, "raw path point");
	}
	return ret;
}

static int gl_timeline_object(struct cnd_scan *s, json_t *v, long long index)
{
	const json_t *pv = json_object_get(v, "placeVisit");
	const json_t *as = json_object_get(v, "activitySegment");

	gl_state(s)->data_seen = 1;
	if (json_is_object(pv))
		return gl_place_visit(s, pv, index);
	if (json_is_object(as))
		return gl_activity_segment(s, as, index);
	cnd_scan_diag(s, CND_WARN, index,
		      "timeline object is neither a placeVisit nor an activitySegment: skipped");
	return CND_OK;
}

/* --- Settings.json --- */

static int gl_setting(struct cnd_scan *s, const char *setting,
		      const json_t *on, int64_t t, const char *id,
		      const char *device, long long item)
{
	struct cnd_record r = { 0 };

	if (!json_is_boolean(on))
		return CND_OK;
	r.kind = CND_REC_SETTING;
	r.setting = setting;
	r.value = json_is_true(on) ? "on" : "off";
	r.time = t;
	r.id = id;
	r.text = device;
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

static int gl_settings(struct cnd_scan *s, json_t *doc, long long index)
{
	const json_t *hist, *devs, *d;
	size_t i;
	int64_t t;
	int ret = CND_OK;

	(void)index;
	hist = json_object_get(doc, "historyEnabled");
	if (!hist)
		hist = json_object_get(doc, "timelineEnabled");
	devs = json_object_get(doc, "deviceSettings");
	if (!json_is_boolean(hist) && !json_is_array(devs)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "not a Location History settings file (no historyEnabled or deviceSettings): not used");
		return CND_OK;
	}
	/*
	 * When the history switch last changed: the newer exports say; the
	 * older ones give only modifiedTime (any setting), which is not
	 * used, so the state counts as held when the export was made.
	 */
	t = cnd_field_epoch(
		cnd_json_path(
			doc,
			"latestLocationHistorySettingChange.historyEnabledModificationTime"),
		CND_EPOCH_GUESS);
	if (t == CND_TIME_NONE)
		t = cnd_field_epoch(
			cnd_json_path(
				doc,
				"latestTimelineSettingChange.timelineEnabledModificationTime"),
			CND_EPOCH_GUESS);
	if (t == CND_TIME_NONE)
		t = cnd_field_epoch_of(doc, "historyEnabledModificationTime",
				       CND_EPOCH_GUESS);
	ret = gl_setting(s, "location-history", hist, t, NULL, NULL, -1);
	json_array_foreach(devs, i, d) {
		const char *name = cnd_field_str(d, "devicePrettyName");
		const char *platform = cnd_field_str(d, "platformType");
		const json_t *tag = json_object_get(d, "deviceTag");
		const char *id = NULL, *device = NULL;
		long long n;

		if (ret >= CND_FATAL)
			break;
		if (!json_is_object(d))
			continue;
		if (!cnd_json_int(tag, &n))
			id = cnd_arena_printf(cnd_scan_scratch(s), "%lld", n);
		if (name || platform)
			device = cnd_arena_printf(
				cnd_scan_scratch(s), "device %s%s%s%s",
				name ? name : "", name && platform ? " (" : "",
				platform ? platform : "",
				name && platform ? ")" : "");
		t = cnd_field_epoch(
			cnd_json_path(
				d,
				"latestLocationReportingSettingChange.reportingEnabledModificationTime"),
			CND_EPOCH_GUESS);
		if (t == CND_TIME_NONE)
			t = cnd_field_epoch_of(
				d, "reportingEnabledModificationTime",
				CND_EPOCH_GUESS);
		if (!json_is_boolean(json_object_get(d, "reportingEnabled"))) {
			cnd_scan_diag(s, CND_WARN, (long long)i,
				      "device %s has no reportingEnabled switch: not used",
				      id ? id : "(no tag)");
			continue;
		}
		ret = gl_setting(s, "location-reporting",
				 json_object_get(d, "reportingEnabled"), t, id,
				 device, (long long)i);
	}
	return ret;
}

/* --- On-device Timeline (2024+): Android and iOS --- */

/* One semantic segment of either export. */
static int gl_segment(struct cnd_scan *s, const json_t *seg, long long index)
{
	const json_t *visit = json_object_get(seg, "visit");
	const json_t *act = json_object_get(seg, "activity");
	const json_t *path = json_object_get(seg, "timelinePath"), *p, *v;
	int64_t t0 = cnd_field_epoch_of(seg, "startTime", CND_EPOCH_GUESS);
	int64_t t1 = cnd_field_epoch_of(seg, "endTime", CND_EPOCH_GUESS);
	double lat, lon;
	size_t i;
	int ret = CND_OK;

	if (json_is_object(visit)) {
		const json_t *top = json_object_get(visit, "topCandidate");
		struct cnd_record r = { 0 };

		v = json_object_get(top, "placeLocation");
		if (json_is_object(v))
			v = json_object_get(v, "latLng"); /* Android */
		if (gl_text(v, &r.lat, &r.lon)) {
			gl_bad_point(s, index, "visit");
		} else {
			r.has_geo = 1;
			r.visit = 1;
			r.time = t0;
			r.id = cnd_field_str(top, "placeId");
			if (!r.id)
				r.id = cnd_field_str(top, "placeID");
			r.label =
				gl_label(s, cnd_field_str(top, "semanticType"));
			ret = gl_emit(s, &r, index);
		}
	}
	if (json_is_object(act) && ret < CND_FATAL) {
		static const char *const ends[] = { "start", "end" };

		for (i = 0; i < 2 && ret < CND_FATAL; i++) {
			v = json_object_get(act, ends[i]);
			if (json_is_object(v))
				v = json_object_get(v, "latLng"); /* Android */
			if (!v)
				continue;
			if (gl_text(v, &lat, &lon))
				gl_bad_point(s, index, "activity end point");
			else
				ret = gl_point(s, lat, lon, i ? t1 : t0, index);
		}
	}
	json_array_foreach(path, i, p) {
		long long off;
		int64_t t;

		if (ret >= CND_FATAL)
			break;
		if (gl_text(json_object_get(p, "point"), &lat, &lon)) {
			gl_bad_point(s, index, "timeline path point");
			continue;
		}
		t = cnd_field_epoch_of(p, "time", CND_EPOCH_GUESS);
		if (t == CND_TIME_NONE && t0 != CND_TIME_NONE &&
		    !cnd_json_int(json_object_get(
					  p, "durationMinutesOffsetFromStartTime"),
				  &off))
			t = t0 + (int64_t)off * 60; /* iOS */
		ret = gl_point(s, lat, lon, t, index);
	}
	return ret;
}

/* iOS location-history.json: one segment per streamed element. */
static int gl_ios_segment(struct cnd_scan *s, json_t *v, long long index)
{
	gl_state(s)->data_seen = 1;
	if (!json_is_object(v)) {
		cnd_scan_diag(s, CND_WARN, index,
			      "timeline segment is not an object: skipped");
		return CND_OK;
	}
	return gl_segment(s, v, index);
}

/*
 * Android's Timeline.json, element by element: its three arrays side by
 * side (the paths of its handler row, in this order), or the iOS shape
 * (a top-level array) under the Android name.
 */
enum { GL_SEGMENTS, GL_RAW, GL_FREQUENT, GL_IOS_SHAPE };

static int gl_frequent(struct cnd_scan *s, const json_t *e, long long i)
{
	struct cnd_record r = { 0 };
	const json_t *pl = json_object_get(e, "placeLocation");

	if (json_is_object(pl))
		pl = json_object_get(pl, "latLng");
	if (gl_text(pl, &r.lat, &r.lon)) {
		gl_bad_point(s, i, "frequent place");
		return CND_OK;
	}
	r.has_geo = 1;
	r.visit = 1;
	r.labelled = 1; /* the person's home or work, not a visit */
	r.time = CND_TIME_NONE;
	r.id = cnd_field_str(e, "placeId");
	r.label = gl_label(s, cnd_field_str(e, "label"));
	r.place = "frequent place";
	return gl_emit(s, &r, i);
}

static int gl_raw_signal(struct cnd_scan *s, const json_t *e, long long i)
{
	const json_t *pos = json_object_get(e, "position"), *ll;
	double lat, lon;

	if (!json_is_object(pos))
		return CND_OK; /* wifi scans, activity records */
	ll = json_object_get(pos, "LatLng");
	if (!ll)
		ll = json_object_get(pos, "latLng");
	if (gl_text(ll, &lat, &lon)) {
		gl_bad_point(s, i, "raw signal position");
		return CND_OK;
	}
	return gl_point(s, lat, lon,
			cnd_field_epoch_of(pos, "timestamp", CND_EPOCH_GUESS),
			i);
}

static int gl_android(struct cnd_scan *s, json_t *e, long long index)
{
	if (index == CND_JSON_REST) {
		if (!cnd_scan_path_met(s, GL_SEGMENTS) &&
		    !cnd_scan_path_met(s, GL_RAW) &&
		    !cnd_scan_path_met(s, GL_FREQUENT))
			cnd_scan_diag(s, CND_WARN, -1,
				      "not a Timeline export (no semanticSegments, rawSignals or userLocationProfile): not used");
		return CND_OK;
	}
	gl_state(s)->data_seen = 1;
	switch (cnd_scan_path(s)) {
	case GL_SEGMENTS:
		return gl_segment(s, e, index);
	case GL_RAW:
		return gl_raw_signal(s, e, index);
	case GL_FREQUENT:
		return gl_frequent(s, e, index);
	default:
		return gl_ios_segment(s, e, index);
	}
}

/* --- finish --- */

static int gl_finish(struct cnd_scan *s)
{
	struct gl_state *st = gl_state(s);

	if (!st->data_seen)
		cnd_scan_gap(s,
			     "this Google export holds no location data (no Records.json, Semantic Location History or Timeline export): where the person went cannot be checked; ask for Location History (Timeline) in Takeout, or the Timeline export from the Maps app");
	if (st->bad_points > 1)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%llu locations had no usable coordinates and were skipped",
			      (unsigned long long)st->bad_points);
	if (st->no_time > 1)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%llu locations had no readable time and were kept without one",
			      (unsigned long long)st->no_time);
	return CND_OK;
}

/* --- Tables --- */

static const struct cnd_handler gl_handlers[] = {
	{ "Records.json", CND_KIND_JSON, "locations", gl_record,
	  "location history: raw points", 0, NULL },
	{ "Location History.json", CND_KIND_JSON, "locations", gl_record,
	  "location history: raw points (older name)", 0, NULL },
	{ "[12][0-9][0-9][0-9]/[12][0-9][0-9][0-9]_*.json", CND_KIND_JSON,
	  "timelineObjects", gl_timeline_object,
	  "semantic location history: place visits and journeys", 0, NULL },
	{ "Settings.json", CND_KIND_JSON, NULL, gl_settings,
	  "location history settings (history and reporting switches)", 0,
	  NULL },
	{ "Timeline.json", CND_KIND_JSON,
	  "semanticSegments|rawSignals|userLocationProfile.frequentPlaces|",
	  gl_android,
	  "Timeline export (Android): visits, paths, raw signals, frequent places",
	  CND_HANDLER_REST, NULL },
	{ "location-history.json", CND_KIND_JSON, "", gl_ios_segment,
	  "Timeline export (iOS): visits, activities and paths", 0, NULL },
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const gl_ignore[] = {
	"archive_browser.html",
	"Timeline Edits.json",
	NULL,
};

/* Never read by any handler: dropped from streamed elements unparsed. */
static const char *const gl_drop[] = {
	"activeWifiScan",
	"wifiScan",
	NULL,
};

const struct cnd_platform cnd_platform_google = {
	.name = "google",
	.title = "Google location history",
	.handlers = gl_handlers,
	.ignore = gl_ignore,
	.drop = gl_drop,
	.state_size = sizeof(struct gl_state),
	.finish = gl_finish,
};
