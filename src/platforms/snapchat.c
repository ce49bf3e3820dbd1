/*
 * Snapchat: reads the "My Data" export a person requests from
 * accounts.snapchat.com (with "Export JSON Files" ticked) and turns its
 * json/ folder into records: friends, friend requests sent and received
 * (follows), removed and blocked friends (events), chats (messages, one
 * per chat line; status lines such as "saved to camera roll" are not
 * messages), searches (each with the place it was made from), and the
 * locations Snapchat keeps: raw location history (points), the home and
 * work places it inferred or was told (labelled places), daily and six-day
 * "top locations",
 * frequent places and Snap Map places (place visits), and memories saved
 * with a location (points; 0,0 means unknown and is skipped). account.json
 * names the account. The html/ folder repeats the same data as pages:
 * snapchat_html.c reads its friends, chats, searches, locations, memories
 * and Snap Map places into the same records when their JSON is missing;
 * home and work from the page's Home & Work table (a coverage gap says so
 * when the page holds none in a known shape).
 *
 * Files are small JSON documents read whole, except memories_history.json,
 * whose "Saved Media" list is streamed.
 *
 * Layout read (FORMATS.md section 9; a real export seen in 2024, the older
 * location objects from importers' fixtures):
 *
 *   index.html, html/ (pages), memories/, chat_media/ (not read)
 *   json/account.json          { "Basic Information": { "Username",
 *                              "Name", "Creation Date" }, ... }
 *   json/user_profile.json     { "App Profile": { ... } }
 *   json/friends.json          { "Friends" | "Friend Requests Sent" |
 *                              "Pending Requests" | "Deleted Friends" |
 *                              "Blocked Users" | "Ignored Snapchatters":
 *                              [ { "Username", "Display Name", "Creation
 *                              Timestamp", "Last Modified Timestamp",
 *                              "Source" } ] }
 *   json/chat_history.json     { "<peer or conversation>": [ { "From",
 *                              "Media Type", "Created" ("2024-09-08
 *                              20:13:26 UTC"), "Content" (often null),
 *                              "IsSender", "Conversation Title",
 *                              "Created(microseconds)" (in fact ms) } ] }
 *                              older: { "Received Saved Chat History": [
 *                              { "From", "Created", "Text" } ], "Sent
 *                              Saved Chat History": [ { "To", ... } ] }
 *   json/search_history.json   [ { "Date and time (hourly)", "Search
 *                              Term", "Location": "lat 35.3 ± 16.29
 *                              meters, long 46.0 ± 16.29 meters" } ]
 *   json/location_history.json { "Location History": [ [ "2024-09-06
 *                              05:52:03 UTC", "35.371, 45.816" ] ] (older:
 *                              [ { "Time", "Latitude, Longitude" } ]),
 *                              "Home & Work": { "inferredHome",
 *                              "inferredWork", "userProvidedHome",
 *                              "userProvidedWork" }, "Daily Top
 *                              Locations": [ [ { "Date: 2024-09-05 UTC":
 *                              "lat ..., long ..." } ] ], "Top Locations
 *                              Per Six-Day Period", "Frequent Locations",
 *                              "Latest Location" (city only), ... }
 *   json/memories_history.json { "Saved Media": [ { "Date", "Media Type",
 *                              "Location": "Latitude, Longitude: 0.0, 0.0",
 *                              "Download Link" } ] }
 *   json/snap_map_places_history.json  { "Snap Map Places History": [ {
 *                              "Date", "Place", "Place Location" (a city,
 *                              not coordinates), "Share Type" } ] } (the
 *                              keys of the HTML page, 2022; the JSON file
 *                              itself not seen: read liberally)
 */
#include <ctype.h>
#include <stdio.h>
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
#include "snapchat.h"

extern const struct cnd_platform cnd_platform_snapchat;

/* --- Values --- */

/* "unreadable date '...': kept without a time" */
static const struct cnd_date_say date_say = { CND_DATE_SAY_TEXT, NULL, NULL,
					      "date" };

static int sc_emit(struct cnd_scan *s, struct cnd_record *r, long long item)
{
	r->prov.member = cnd_scan_member(s);
	r->prov.item = item;
	return cnd_emit(s, r);
}

static void sc_seen(struct cnd_scan *s)
{
	((struct sc_state *)cnd_scan_state(s))->json_seen = 1;
}

/* --- json/account.json, json/user_profile.json --- */

int sc_account(struct cnd_scan *s, json_t *doc, long long index)
{
	struct sc_state *st = cnd_scan_state(s);
	static const char *const where[] = { "Basic Information", "App Profile",
					     "Account Information", NULL };
	const char *user = CND_FIELD_FIRST(cnd_scan_scratch(s), doc, 0,
					   "Username", "username");
	size_t i;

	(void)index;
	sc_seen(s);
	for (i = 0; where[i] && !user; i++)
		user = CND_FIELD_FIRST(cnd_scan_scratch(s),
				       json_object_get(doc, where[i]), 0,
				       "Username", "username");
	if (!user || st->username)
		return CND_OK;
	st->username = cnd_arena_strdup(cnd_scan_arena(s), user);
	cnd_scan_set_account(s, user);
	return CND_OK;
}

/* --- json/friends.json --- */

static const struct {
	const char *list;
	int is_follow;
	enum cnd_follow_dir dir;
	const char *event;
} sc_friend_lists[] = {
	{ "Friends", 1, CND_FOLLOW_FRIEND, NULL },
	{ "Friend Requests Sent", 1, CND_FOLLOW_REQUEST_SENT, NULL },
	{ "Pending Requests", 1, CND_FOLLOW_REQUEST_RECEIVED, NULL },
	{ "Deleted Friends", 0, 0, "friend-removed" },
	{ "Blocked Users", 0, 0, "blocked" },
	{ "Ignored Snapchatters", 0, 0, "ignored" },
};

int sc_friends(struct cnd_scan *s, json_t *doc, long long index)
{
	json_t *list, *e;
	long long item = 0;
	size_t k, i;
	int ret = CND_OK;

	(void)index;
	sc_seen(s);
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_FAILED, -1,
			      "friends file is not a JSON object: not read");
		return CND_OK;
	}
	for (k = 0; k < sizeof(sc_friend_lists) / sizeof(sc_friend_lists[0]);
	     k++) {
		list = json_object_get(doc, sc_friend_lists[k].list);
		if (!list || json_is_null(list))
			continue;
		if (!json_is_array(list)) {
			cnd_scan_diag(s, CND_WARN, -1,
				      "'%s' is not a list: not read",
				      sc_friend_lists[k].list);
			continue;
		}
		json_array_foreach(list, i, e) {
			struct cnd_record r = { 0 };
			long long at = item++;

			r.counterpart.handle = cnd_field_get(
				cnd_scan_scratch(s), e, "Username", 0);
			r.counterpart.name = cnd_field_get(
				cnd_scan_scratch(s), e, "Display Name", 0);
			if (!r.counterpart.handle && !r.counterpart.name) {
				cnd_scan_diag(s, CND_WARN, at,
					      "'%s' entry %zu has no 'Username': skipped",
					      sc_friend_lists[k].list, i);
				continue;
			}
			r.time = cnd_field_date_read(
				s, at,
				CND_FIELD_FIRST(cnd_scan_scratch(s), e, 0,
						"Creation Timestamp",
						"Last Modified Timestamp"),
				CND_DATE_ANY, &date_say);
			if (sc_friend_lists[k].is_follow) {
				r.kind = CND_REC_FOLLOW;
				r.dir = sc_friend_lists[k].dir;
				r.category = "person";
			} else {
				r.kind = CND_REC_EVENT;
				r.setting = sc_friend_lists[k].event;
			}
			ret = sc_emit(s, &r, at);
			if (ret >= CND_FATAL)
				return ret;
		}
	}
	return ret;
}

/* --- json/chat_history.json --- */

/* "Created", else "Created(microseconds)" (which holds milliseconds). */
static int64_t sc_chat_time(struct cnd_scan *s, const json_t *m,
			    long long item)
{
	const char *created =
		cnd_field_get(cnd_scan_scratch(s), m, "Created", 0);
	long long ms;

	if (created)
		return cnd_field_date_read(s, item, created, CND_DATE_ANY,
					   &date_say);
	if (!cnd_json_int(json_object_get(m, "Created(microseconds)"), &ms) &&
	    ms > 0)
		return ms / 1000;
	return CND_TIME_NONE;
}

int sc_chat_line(struct cnd_scan *s, const char *conv, const json_t *m,
		 int outgoing, const char *peer, long long item)
{
	struct cnd_record r = { 0 };
	const char *type =
		cnd_field_get(cnd_scan_scratch(s), m, "Media Type", 0);

	if (!json_is_object(m)) {
		cnd_scan_diag(s, CND_WARN, item,
			      "chat line is not an object: skipped");
		return CND_OK;
	}
	if (type && !strncasecmp(type, "STATUS", 6))
		return CND_OK; /* "saved", "screenshot", ...: not a message */
	r.kind = CND_REC_MESSAGE;
	r.conversation = conv;
	r.outgoing = (unsigned)outgoing;
	r.counterpart.handle = peer;
	r.text = CND_FIELD_FIRST(cnd_scan_scratch(s), m, 0, "Content", "Text");
	r.time = sc_chat_time(s, m, item);
	return sc_emit(s, &r, item);
}

int sc_chats(struct cnd_scan *s, json_t *doc, long long index)
{
	const char *key, *title, *from;
	json_t *list, *m;
	long long item = 0;
	size_t i;
	int ret = CND_OK, out;

	(void)index;
	sc_seen(s);
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_FAILED, -1,
			      "chat history is not a JSON object: not read");
		return CND_OK;
	}
	json_object_foreach(doc, key, list) {
		int old_recv = !strcasecmp(key, "Received Saved Chat History");
		int old_sent = !strcasecmp(key, "Sent Saved Chat History");

		if (json_is_null(list))
			continue;
		if (!json_is_array(list)) {
			cnd_scan_diag(s, CND_WARN, -1,
				      "chat '%s' is not a list: not read", key);
			continue;
		}
		json_array_foreach(list, i, m) {
			const char *peer, *conv;

			if (old_recv || old_sent) {
				/* older exports: one list each way */
				out = old_sent;
				peer = cnd_field_get(cnd_scan_scratch(s), m,
						     out ? "To" : "From", 0);
				conv = peer;
			} else {
				title = cnd_field_get(cnd_scan_scratch(s), m,
						      "Conversation Title", 0);
				from = cnd_field_get(cnd_scan_scratch(s), m,
						     "From", 0);
				out = cnd_field_truth(
					      json_object_get(m, "IsSender"),
					      CND_TRUTH_INT) == 1;
				conv = key;
				/* a group chat has a title; its key is an id */
				peer = out ? (title ? NULL : key) : from;
			}
			ret = sc_chat_line(s, conv, m, out, peer, item++);
			if (ret >= CND_FATAL)
				return ret;
		}
	}
	return ret;
}

/* --- json/search_history.json --- */

static int sc_search_one(struct cnd_scan *s, const json_t *e, long long item)
{
	struct cnd_record r = { 0 };
	const char *loc;

	r.kind = CND_REC_SEARCH;
	r.text = CND_FIELD_FIRST(cnd_scan_scratch(s), e, 0, "Search Term",
				 "Search Query", "Query");
	if (!r.text) {
		cnd_scan_diag(s, CND_WARN, item,
			      "search has no 'Search Term': skipped");
		return CND_OK;
	}
	r.time = cnd_field_date_read(s, item,
				     CND_FIELD_FIRST(cnd_scan_scratch(s), e, 0,
						     "Date and time (hourly)",
						     "Date and time", "Date",
						     "Time"),
				     CND_DATE_ANY, &date_say);
	loc = cnd_field_get(cnd_scan_scratch(s), e, "Location", 0);
	if (loc && !cnd_geo_parse(loc, &r.lat, &r.lon) &&
	    cnd_geo_valid(r.lat, r.lon))
		r.has_geo = 1;
	return sc_emit(s, &r, item);
}

int sc_searches(struct cnd_scan *s, json_t *doc, long long index)
{
	json_t *list = doc, *e, *v;
	const char *key;
	size_t i;
	int ret = CND_OK;

	(void)index;
	sc_seen(s);
	if (json_is_object(doc)) {
		/* a wrapper object: the first list inside it */
		list = NULL;
		json_object_foreach(doc, key, v) {
			if (!list && json_is_array(v))
				list = v;
		}
	}
	if (!json_is_array(list)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "search history holds no list of searches: not read");
		return CND_OK;
	}
	json_array_foreach(list, i, e) {
		ret = sc_search_one(s, e, (long long)i);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

/* --- Locations --- */

struct sc_walk {
	struct cnd_scan *s;
	const char *label;
	unsigned visit : 1;
	unsigned labelled : 1; /* home and work: the person's places */
	long long item;
	int ret;
};

static int sc_place(struct sc_walk *w, const char *coords, const char *when,
		    const char *place)
{
	struct cnd_record r = { 0 };
	long long at;

	if (cnd_geo_parse(coords, &r.lat, &r.lon) ||
	    !cnd_geo_valid(r.lat, r.lon))
		return 0;
	at = w->item++;
	r.kind = CND_REC_LOCATION;
	r.has_geo = 1;
	r.visit = w->visit;
	r.labelled = w->labelled;
	r.label = w->label;
	r.place = place;
	r.time = cnd_field_date_read(w->s, at, when, CND_DATE_ANY, &date_say);
	w->ret = sc_emit(w->s, &r, at);
	return 1;
}

/* "Date: 2024-09-05 UTC" -> "2024-09-05 UTC"; NULL when no date. */
static const char *sc_key_date(struct cnd_scan *s, const char *key)
{
	const char *p = strchr(key, ':');
	int64_t t;

	if (!p)
		return NULL;
	p++;
	while (*p == ' ')
		p++;
	if (!cnd_time_parse_any(p, &t))
		return p;
	/* "2024-09-01 UTC - 2024-09-06 UTC": the start of the period */
	if (strlen(p) > 10 && isdigit((unsigned char)p[0])) {
		char *d = cnd_arena_strndup(cnd_scan_scratch(s), p, 10);

		if (!cnd_time_parse_any(d, &t))
			return d;
	}
	return NULL;
}

/*
 * Every coordinate inside v, whatever the nesting: [time, "lat, lng"]
 * pairs, { "Time", "Latitude, Longitude" } objects, objects with the date
 * in the key ({ "Date: 2024-09-05 UTC": "lat ..., long ..." }), and objects
 * with a "Location" beside a date and a place name.
 */
static void sc_walk(struct sc_walk *w, const json_t *v, int depth)
{
	struct cnd_scan *s = w->s;
	const char *key, *coords, *when;
	json_t *e;
	size_t i;

	if (depth > 8 || w->ret >= CND_FATAL)
		return;
	if (json_is_array(v)) {
		if (json_array_size(v) == 2 &&
		    json_is_string(json_array_get(v, 0)) &&
		    json_is_string(json_array_get(v, 1))) {
			sc_place(w, json_string_value(json_array_get(v, 1)),
				 json_string_value(json_array_get(v, 0)), NULL);
			return;
		}
		json_array_foreach(v, i, e) {
			sc_walk(w, e, depth + 1);
		}
		return;
	}
	if (!json_is_object(v))
		return;
	coords = CND_FIELD_FIRST(cnd_scan_scratch(s), v, 0,
				 "Latitude, Longitude", "Location",
				 "Coordinates", "Place Location");
	when = CND_FIELD_FIRST(cnd_scan_scratch(s), v, 0, "Time", "Date",
			       "Timestamp", "Start Time");
	if (coords &&
	    sc_place(w, coords, when,
		     CND_FIELD_FIRST(cnd_scan_scratch(s), v, 0, "Place", "Name",
				     "Place Name", "Business Name")))
		return;
	json_object_foreach((json_t *)v, key, e) {
		if (w->ret >= CND_FATAL)
			return;
		if (json_is_string(e)) {
			if (!strncasecmp(key, "Date", 4))
				sc_place(w, json_string_value(e),
					 sc_key_date(s, key), NULL);
		} else {
			sc_walk(w, e, depth + 1);
		}
	}
}

static const struct {
	const char *section;
	const char *label;
	int visit;
} sc_loc_sections[] = {
	{ "Location History", NULL, 0 },
	/* the same list in 2019-20 HTML pages */
	{ "Locations You Have Visited", NULL, 0 },
	{ "Daily Top Locations", "daily-top-location", 1 },
	{ "Top Locations Per Six-Day Period", "six-day-top-location", 1 },
	{ "Frequent Locations", "frequent-location", 1 },
	{ "Businesses and places you may have visited", "business-visit", 1 },
};

static const struct {
	const char *key;
	const char *label;
} sc_home_work[] = {
	{ "inferredHome", "inferred-home" },
	{ "inferredWork", "inferred-work" },
	{ "userProvidedHome", "home" },
	{ "userProvidedWork", "work" },
};

int sc_locations(struct cnd_scan *s, json_t *doc, long long index)
{
	struct sc_walk w = { 0 };
	json_t *hw, *v;
	size_t k;

	(void)index;
	sc_seen(s);
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_FAILED, -1,
			      "location history is not a JSON object: not read");
		return CND_OK;
	}
	w.s = s;
	w.ret = CND_OK;
	for (k = 0; k < sizeof(sc_loc_sections) / sizeof(sc_loc_sections[0]);
	     k++) {
		w.label = sc_loc_sections[k].label;
		w.visit = sc_loc_sections[k].visit ? 1 : 0;
		sc_walk(&w, json_object_get(doc, sc_loc_sections[k].section),
			0);
	}
	/* home and work: places, not raw points */
	hw = json_object_get(doc, "Home & Work");
	w.visit = 1;
	w.labelled = 1;
	for (k = 0; json_is_object(hw) &&
		    k < sizeof(sc_home_work) / sizeof(sc_home_work[0]);
	     k++) {
		v = json_object_get(hw, sc_home_work[k].key);
		w.label = sc_home_work[k].label;
		if (json_is_string(v))
			sc_place(&w, json_string_value(v), NULL, NULL);
		else
			sc_walk(&w, v, 0);
	}
	return w.ret;
}

/* json/memories_history.json, one "Saved Media" element at a time. */
int sc_memory(struct cnd_scan *s, json_t *v, long long index)
{
	struct sc_walk w = { 0 };
	const char *loc = cnd_field_get(cnd_scan_scratch(s), v, "Location", 0);

	sc_seen(s);
	if (!loc)
		return CND_OK;
	w.s = s;
	w.label = "memory";
	w.item = index;
	w.ret = CND_OK;
	sc_place(&w, loc, cnd_field_get(cnd_scan_scratch(s), v, "Date", 0),
		 NULL);
	return w.ret;
}

/* Objects with a "Place" inside v: the Snap Map places it lists. */
static long long sc_count_places(const json_t *v, int depth)
{
	const char *key;
	json_t *e;
	size_t i;
	long long n = 0;

	if (depth > 8)
		return 0;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e) {
			n += sc_count_places(e, depth + 1);
		}
	} else if (json_is_object(v)) {
		if (json_object_get(v, "Place"))
			return 1;
		json_object_foreach((json_t *)v, key, e) {
			n += sc_count_places(e, depth + 1);
		}
	}
	return n;
}

/*
 * Snap Map places (2022+ pages and, by the same keys, the JSON): Date,
 * Place, "Place Location" (a city, "Notre Dame, IN", not coordinates) and
 * Share Type. Places with coordinates become visits; places without any
 * are said in a note, and a document with no place at all is an error.
 */
int sc_map_places(struct cnd_scan *s, json_t *doc, long long index)
{
	struct sc_walk w = { 0 };
	long long places;

	(void)index;
	sc_seen(s);
	w.s = s;
	w.label = "snap-map-place";
	w.visit = 1;
	w.ret = CND_OK;
	sc_walk(&w, doc, 0);
	if (w.item || w.ret >= CND_FATAL)
		return w.ret;
	places = sc_count_places(doc, 0);
	if (places)
		cnd_scan_note(s,
			      "%lld Snap Map place%s, each named with its city but no coordinates: no location records",
			      places, places == 1 ? "" : "s");
	else if (json_array_size(doc) || json_object_size(doc))
		cnd_scan_diag(s, CND_FAILED, -1,
			      "no Snap Map place found: the file's shape may be one conduct does not know");
	return w.ret;
}

/* html/account.html: an export with HTML pages; the username it shows. */
static int sc_html(struct cnd_scan *s, const char *data, size_t len)
{
	struct sc_state *st = cnd_scan_state(s);

	st->html_seen = 1;
	if (!cnd_scan_has_member(s, "json/account.json"))
		sc_html_account(s, data, len);
	return CND_OK;
}

static int sc_finish(struct cnd_scan *s)
{
	struct sc_state *st = cnd_scan_state(s);

	if (st->html_seen && !st->json_seen) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "this Snapchat export holds HTML pages only, and none of them could be read");
	}
	/* home and work: read from the page's Home & Work table, if found */
	if (st->html_locations && !st->html_home_work &&
	    !cnd_scan_has_member(s, "json/*.json"))
		cnd_scan_gap(s,
			     "HTML-only Snapchat export: its friends, chats, searches, locations, memories and Snap Map places are read from its pages, but not home and work (html/location_history.html holds no Home & Work table with the rows conduct knows, \"Inferred Home:\", \"Declared Home:\", \"Home:\" and the like); ask for the JSON format for those");
	else if (st->html_locations && !st->html_home_work)
		cnd_scan_gap(s,
			     "home and work are not read from html/location_history.html (it holds no Home & Work table with the rows conduct knows, \"Inferred Home:\", \"Declared Home:\", \"Home:\" and the like); the JSON format gives them");
	if (st->html_seen &&
	    !cnd_scan_has_member(s, "json/location_history.json") &&
	    !cnd_scan_has_member(s, "html/location_history.html"))
		cnd_scan_gap(s,
			     "no location history (json/location_history.json or html/location_history.html): locations cannot be reviewed");
	if (st->json_seen && !cnd_scan_has_member(s, "json/chat_history.json") &&
	    !cnd_scan_has_member(s, "html/chat_history.html") &&
	    !cnd_scan_has_member(s, "html/chat_history/*.html"))
		cnd_scan_gap(s,
			     "no chat history (json/chat_history.json or html/chat_history.html): chats cannot be reviewed");
	return CND_OK;
}

static const struct cnd_handler sc_handlers[] = {
	{ "json/account.json", CND_KIND_JSON, NULL, sc_account,
	  "account (username)", CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS,
	  NULL },
	{ "json/user_profile.json", CND_KIND_JSON, NULL, sc_account,
	  "user profile", CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	{ "json/friends.json", CND_KIND_JSON, NULL, sc_friends,
	  "friends, friend requests, removed and blocked friends", 0, NULL },
	{ "json/chat_history.json", CND_KIND_JSON, NULL, sc_chats, "chats", 0,
	  NULL },
	{ "json/search_history.json", CND_KIND_JSON, NULL, sc_searches,
	  "searches (with where they were made)", 0, NULL },
	{ "json/location_history.json", CND_KIND_JSON, NULL, sc_locations,
	  "location history, home and work, top locations", 0, NULL },
	{ "json/memories_history.json", CND_KIND_JSON, "Saved Media",
	  sc_memory, "memories (saved snaps, with locations)", 0, NULL },
	/* places without coordinates are said by sc_map_places itself */
	{ "json/snap_map_places_history.json", CND_KIND_JSON, NULL,
	  sc_map_places, "Snap Map places", CND_HANDLER_NO_RECORDS, NULL },
	{ "html/account.html", CND_KIND_RAW, NULL, NULL,
	  "account (username; HTML page)",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, sc_html },
	SC_HTML_ROWS,
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const sc_ignore[] = {
	"index.html",
	"html/*",
	"memories/*",
	"chat_media/*",
	"json/*.json",
	NULL,
};

const struct cnd_platform cnd_platform_snapchat = {
	.name = "snapchat",
	.title = "Snapchat",
	.handlers = sc_handlers,
	.ignore = sc_ignore,
	.state_size = sizeof(struct sc_state),
	.finish = sc_finish,
};
