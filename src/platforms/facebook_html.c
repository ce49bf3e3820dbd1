/*
 * Facebook exports requested as HTML (Meta's default format): each page
 * is read, entry block by entry block (meta_html.h), into the same records
 * as its JSON twin in facebook.c: the profile (whose messages are sent),
 * posts with check-ins (place, coordinates) and shared links, posts and
 * comments in groups, comments, reactions, friends, followers and people
 * followed, friend requests, removed friends, post audiences, location
 * history (coordinates read through base/geo.h), search history, and
 * Messenger threads in every folder (inbox, message
 * requests, filtered, archived, e2ee_cutover), split pages read as one
 * conversation. What the HTML lacks against the JSON: times are local and
 * to the minute (the zone is assumed, --export-tz), photos carry no EXIF
 * GPS, audiences no fbid, and message ids no millisecond timestamp.
 *
 * Page shapes (real 2019 and 2024 exports, FORMATS.md "HTML exports"):
 * every entry is a direct child of role="main" (2024: class _a6-g; 2019:
 * "pam _3-95 _2pi0 _2lej uiBoxWhite noborder" under _4t5n); its header
 * child (_a6-h / _2lel) holds the title ("Alex checked in to Harbour
 * Refuge.", "Alex likes Casey's post.") or the person or sender, the
 * content child (_a6-p / _2let) the text, links, media and a table of
 * fields (Place, Latitude, Longitude), and the date child (_a6-o, _a72d /
 * _2lem) "Jan 05, 2024 3:04:05pm" or "5 Jan 2019, 15:04".
 * location_history/your_location_history.html (2019-20; public scripts read
 * its "lat, lon" pairs as text): a place name header, the pair in the
 * content, the date [block layout unverified].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/base/geo.h"
#include "conduct/model/record.h"
#include "facebook.h"
#include "meta.h"
#include "meta_html.h"

static const char *const lbl_name[] = { "Name", "Nom", "Nombre", "Nome",
					"Navn", "Naam", NULL };
static const char *const lbl_user[] = { "Username", "Nom d'utilisateur",
					"Nombre de usuario", "Nome utente",
					"Benutzername", "Brugernavn", NULL };
static const char *const lbl_place[] = { "Place", "Lieu", "Lugar", "Ort",
					 "Luogo", "Local", "Sted", NULL };

/* 1 when line is the label or value of one of the entry's fields. */
static int is_field_line(const struct cnd_html_entry *e, const char *line)
{
	size_t i;

	for (i = 0; i < e->n_fields; i++)
		if (!strcmp(line, e->fields[i].label) ||
		    !strcmp(line, e->fields[i].value))
			return 1;
	return 0;
}

/* The entry's text lines outside its fields and date, joined (scratch). */
static const char *body(struct cnd_meta_page *pg,
			const struct cnd_html_entry *e)
{
	struct cnd_buf b = CND_BUF_INIT;
	const char *out;
	size_t i;

	for (i = 0; i < e->n_lines; i++) {
		const char *l = e->lines[i];

		if (is_field_line(e, l) ||
		    (!e->date && i + 1 == e->n_lines &&
		     cnd_meta_html_is_date(l)))
			continue;
		if (b.len)
			cnd_buf_addc(&b, '\n');
		cnd_buf_adds(&b, l);
	}
	out = b.len ? cnd_arena_strndup(cnd_scan_scratch(pg->s), b.data, b.len)
		    : NULL;
	cnd_buf_release(&b);
	return out;
}

/* --- Profile --- */

static int profile(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_meta_own *own = cnd_scan_state(pg->s);
	struct cnd_arena *a = cnd_scan_arena(pg->s);
	const char *name = cnd_meta_html_field(e, lbl_name);
	const char *user = cnd_meta_html_field(e, lbl_user);

	if (name && !own->name)
		own->name = cnd_arena_strdup(a, name);
	if (user && !own->username) {
		own->username = cnd_arena_strdup(a, user);
		cnd_scan_set_account(pg->s, user);
	} else if (name && !user) {
		cnd_scan_set_account(pg->s, name);
	}
	return CND_OK;
}

int fb_html_profile(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, profile, NULL, NULL);
}

/* --- Posts --- */

static int post(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_POST;
	r.label = pg->arg;
	r.time = cnd_meta_html_when(pg, e);
	r.text = body(pg, e);
	if (!r.text)
		r.text = e->header;
	r.place = cnd_meta_html_field(e, lbl_place);
	if (r.place && !r.label)
		r.label = "check-in";
	r.has_geo = !cnd_meta_html_coord(cnd_scan_scratch(pg->s), e, 0,
					 &r.lat, &r.lon);
	r.id = r.time != CND_TIME_NONE ?
		       cnd_arena_printf(cnd_scan_scratch(pg->s), "post:%lld",
					(long long)r.time) :
		       NULL;
	r.prov.member = pg->member;
	r.prov.item = e->index;
	return cnd_emit(pg->s, &r);
}

int fb_html_posts(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, post, NULL, NULL);
}

int fb_html_group_posts(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, post, "group", NULL);
}

/* --- Comments and reactions --- */

static int comment(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_COMMENT;
	r.counterpart.name = fb_title_owner(pg->s, e->header);
	r.text = body(pg, e);
	r.time = cnd_meta_html_when(pg, e);
	r.prov.member = pg->member;
	r.prov.item = e->index;
	if (!r.text) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "comment has no text: skipped");
		return CND_OK;
	}
	return cnd_emit(pg->s, &r);
}

int fb_html_comments(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, comment, NULL, NULL);
}

static int reaction(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_record r = { 0 };
	const char *what = body(pg, e);
	char *label = NULL, *p;

	if (what && !strchr(what, '\n') && strlen(what) <= 32) {
		/* "LIKE", "LOVE": as the JSON writes the reaction */
		label = cnd_arena_strdup(cnd_scan_scratch(pg->s), what);
		for (p = label; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
	}
	r.kind = CND_REC_LIKE;
	r.time = cnd_meta_html_when(pg, e);
	r.text = e->header;
	r.counterpart.name = fb_title_owner(pg->s, e->header);
	r.label = label;
	r.prov.member = pg->member;
	r.prov.item = e->index;
	return cnd_emit(pg->s, &r);
}

int fb_html_reactions(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, reaction, NULL, NULL);
}

/* --- Friends, followers, requests --- */

struct people {
	int dir;
	const char *event; /* "unfriended": an event, not a follow */
};

static int person(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	const struct people *k = pg->arg;
	struct cnd_record r = { 0 };
	const char *name = e->header;
	size_t i;

	for (i = 0; !name && i < e->n_lines; i++)
		if (!cnd_meta_html_is_date(e->lines[i]))
			name = e->lines[i];
	if (!name) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "entry names no one: skipped");
		return CND_OK;
	}
	pg->dates_optional = 1; /* followers carry no time, in JSON too */
	r.time = cnd_meta_html_when(pg, e);
	r.counterpart.name = name;
	r.prov.member = pg->member;
	r.prov.item = e->index;
	if (k->event) {
		r.kind = CND_REC_EVENT;
		r.setting = k->event;
		r.id = name;
	} else {
		/* never merged by name: two friends may share one */
		r.kind = CND_REC_FOLLOW;
		r.dir = (enum cnd_follow_dir)k->dir;
	}
	return cnd_emit(pg->s, &r);
}

#define PEOPLE(fn, dir, event)                                          \
	int fn(struct cnd_scan *s, const char *data, size_t len)        \
	{                                                               \
		static const struct people k = { dir, event };          \
		(void)data;                                             \
		(void)len;                                              \
		return cnd_meta_html_page(s, person, &k, NULL);         \
	}

PEOPLE(fb_html_friends, CND_FOLLOW_FRIEND, NULL)
PEOPLE(fb_html_followers, CND_FOLLOW_FOLLOWER, NULL)
PEOPLE(fb_html_following, CND_FOLLOW_FOLLOWING, NULL)
PEOPLE(fb_html_sent, CND_FOLLOW_REQUEST_SENT, NULL)
PEOPLE(fb_html_received, CND_FOLLOW_REQUEST_RECEIVED, NULL)
PEOPLE(fb_html_removed, 0, "unfriended")

/* One list per entry: its name in the header, a line per member. */
static int audience(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_record r = { 0 };
	size_t members = e->n_lines;

	if (!e->header) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "audience list has no name: skipped");
		return CND_OK;
	}
	r.kind = CND_REC_SETTING;
	r.setting = "friend-list";
	r.label = e->header;
	r.time = CND_TIME_NONE;
	r.value = cnd_arena_printf(cnd_scan_scratch(pg->s), "%zu member%s",
				   members, members == 1 ? "" : "s");
	r.prov.member = pg->member;
	r.prov.item = e->index;
	return cnd_emit(pg->s, &r);
}

int fb_html_audiences(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, audience, NULL, NULL);
}

/* --- Location history --- */

/*
 * One place per entry, as location_history.json's {name, coordinate,
 * creation_timestamp}: the place's name in the header (or the first line
 * that is neither the coordinate nor the date), the coordinate as
 * Latitude and Longitude fields or a "lat, lon" line, and the date.
 */
static int location(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_arena *sc = cnd_scan_scratch(pg->s);
	struct cnd_record r = { 0 };
	double y, x;
	size_t i;
	int got = cnd_meta_html_coord(sc, e, 1, &r.lat, &r.lon);
	/* an entry with no date: the reader takes its last short child, the
	   coordinate, for the date */
	int undated = got < 0 && e->date &&
		      !cnd_meta_html_coord_text(sc, e->date, &r.lat, &r.lon);

	if (undated)
		got = cnd_geo_valid(r.lat, r.lon) ? 0 : 1;
	if (got) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      got < 0 ? "location has no coordinate: skipped" :
					"location has no valid coordinate: skipped");
		return CND_OK;
	}
	r.kind = CND_REC_LOCATION;
	r.has_geo = 1;
	r.place = e->header;
	for (i = 0; !r.place && i < e->n_lines; i++) {
		const char *l = e->lines[i];

		if (!is_field_line(e, l) && !cnd_meta_html_is_date(l) &&
		    cnd_meta_html_coord_text(sc, l, &y, &x))
			r.place = l;
	}
	/* undated: counted once for the page, the record kept */
	r.time = undated ? cnd_meta_html_time(pg, NULL)
			 : cnd_meta_html_when(pg, e);
	r.prov.member = pg->member;
	r.prov.item = e->index;
	return cnd_emit(pg->s, &r);
}

int fb_html_locations(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, location, NULL, NULL);
}

/* --- Search history, Messenger --- */

static int search(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_SEARCH;
	r.time = cnd_meta_html_when(pg, e);
	r.text = body(pg, e);
	r.prov.member = pg->member;
	r.prov.item = e->index;
	if (!r.text) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "search has no text: skipped");
		return CND_OK;
	}
	return cnd_emit(pg->s, &r);
}

int fb_html_searches(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, search, NULL, NULL);
}

int fb_html_thread(struct cnd_scan *s, const char *data, size_t len)
{
	const char *member = cnd_scan_member(s);

	(void)data;
	(void)len;
	return cnd_meta_html_thread(s, "profile information",
				    strstr(member, "message_requests/") ||
					    strstr(member,
						   "filtered_threads/"));
}
