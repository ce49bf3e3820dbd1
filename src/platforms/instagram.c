/*
 * Instagram (and the Threads data inside Instagram exports): reads the
 * archive a person downloads from Meta's "Download your information" (JSON
 * format) and turns it into records: posts, stories, reels and archived
 * posts (a carousel is one post), comments (with the media owner), liked
 * posts (with the liked account), followers, accounts followed, follow
 * requests sent and received, messages of the inbox and of message requests
 * (one record per message), account, word and tag searches, the current
 * "Private Account" state and its change history, and EXIF GPS where a
 * photo still carries it. Threads posts and replies, followers, following,
 * likes and its own privacy state are read from the same export; they stay
 * in the Instagram archive (a record has no platform of its own) with the
 * label "threads", so a reviewer sees which service each came from, and the
 * two privacy states are reported side by side since they can differ.
 * Recently unfollowed and blocked accounts are not follows (counting them
 * would inflate "following"): they become event records ("unfollowed",
 * "blocked") that keep the evidence. Every string goes through the Meta
 * mojibake repair. An export requested as HTML is read into the same
 * records by instagram_html.c, with the helpers instagram.h shares.
 *
 * Layouts read (FORMATS.md section 2 and 4; a real July 2024 export, third-
 * party tree listings for the older ones):
 *
 *   2018-2019 "flat"                 profile.json {username, name,
 *                                    private_account}, connections.json
 *                                    {followers|following|blocked_users|
 *                                    follow_requests_sent: {user: ISO}},
 *                                    media.json {photos|videos|stories:
 *                                    [{caption, taken_at, path, location}]},
 *                                    comments.json {media_comments: [[time,
 *                                    text, owner]]}, likes.json {media_likes:
 *                                    [[time, owner]]}, searches.json [{
 *                                    search_click, time}], messages.json [{
 *                                    participants, conversation: [{sender,
 *                                    created_at, text}]}]
 *   2020-2023 folders at the root    followers_and_following/, content/,
 *                                    comments/, likes/, messages/inbox/,
 *                                    recent_searches/, personal_information/,
 *                                    login_and_account_creation/
 *   late 2023+ Accounts Center       connections/followers_and_following/,
 *                                    your_instagram_activity/{content,
 *                                    comments, likes, messages, threads}/,
 *                                    personal_information/personal_information/,
 *                                    logged_information/recent_searches/,
 *                                    security_and_login_information/...
 *
 *   followers_1.json    [ {title, string_list_data: [{href, value,
 *                       timestamp}]} ] (or under relationships_followers)
 *   following.json      {relationships_following: [same]}; late 2025: no
 *                       value, handle in title, href .../_u/<handle>
 *   posts_1.json        [ {media: [{uri, creation_timestamp, title,
 *                       media_metadata.photo_metadata.exif_data[]}]} ];
 *                       a carousel has top-level title/creation_timestamp
 *   stories.json        {ig_stories: [{uri, creation_timestamp, title}]}
 *   post_comments_1.json [ {string_map_data: {Comment, Media Owner, Time}} ]
 *   liked_posts.json    {likes_media_likes: [{title, string_list_data}]}
 *   message_1.json      {participants: [{name}], messages: [{sender_name,
 *                       timestamp_ms, content}], title, thread_path}
 *   personal_information.json {profile_user: [{string_map_data: {Username,
 *                       Name, "Private Account": {value: "True"}}}]}
 *   account_privacy_changes.json {account_history_account_privacy_history:
 *                       [{title, string_map_data: {Time: {timestamp}}}]}
 *   threads/threads_and_replies.json {text_post_app_text_posts: [{media}]},
 *   threads/{followers,following,liked_threads,personal_information}.json
 *   no-data.txt         an empty section ("You have no data in this
 *                       section"): listed as ignored
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/parse/json.h"
#include "conduct/platforms/fields.h"
#include "conduct/platforms/platform.h"
#include "conduct/model/record.h"
#include "conduct/base/strmap.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"
#include "instagram.h"
#include "meta.h"

extern const struct cnd_platform cnd_platform_instagram;

#define IG_THREADS "threads"

struct ig_state {
	struct cnd_meta_own own; /* handle, display name (sender_name) */
	struct cnd_strmap follows; /* "dir|label|handle" already emitted */
	struct cnd_strmap posts;   /* post ids already emitted */
};

/* struct cnd_meta_own comes first: see instagram.h */
static struct ig_state *ig_state(struct cnd_scan *s)
{
	return cnd_scan_state(s);
}

/* --- Small helpers (the Meta ones are in meta.c) --- */

/*
 * The list a document holds: the document itself when it is an array, the
 * array under key, or else the first array-valued member (labels and
 * wrapper keys change between years and languages: shape decides).
 */
static json_t *ig_list(json_t *doc, const char *key)
{
	const char *k;
	json_t *v;

	if (json_is_array(doc))
		return doc;
	if (!json_is_object(doc))
		return NULL;
	if (key && json_is_array(json_object_get(doc, key)))
		return json_object_get(doc, key);
	json_object_foreach(doc, k, v) {
		if (json_is_array(v))
			return v;
	}
	return NULL;
}

/*
 * string_map_data entry under any of the given labels (English first, then
 * the translations seen or reported); NULL when none is present. The
 * labels are mojibake in the file like every other string, so each key is
 * repaired before it is compared.
 */
static json_t *ig_map(struct cnd_scan *s, const json_t *e,
		      const char *const *labels)
{
	json_t *m = json_is_object(e) ? json_object_get(e, "string_map_data")
				      : NULL;
	const char *k;
	json_t *v;
	size_t i;

	if (!json_is_object(m))
		return NULL;
	for (i = 0; labels[i]; i++) {
		v = json_object_get(m, labels[i]);
		if (json_is_object(v))
			return v;
	}
	json_object_foreach(m, k, v) {
		const char *fixed = cnd_text_unmojibake(cnd_scan_scratch(s), k);

		if (!json_is_object(v) || !strcmp(fixed, k))
			continue;
		for (i = 0; labels[i]; i++)
			if (!strcmp(fixed, labels[i]))
				return v;
	}
	return NULL;
}

const char *const ig_lbl_username[] = {
	"Username", "Brugernavn", "Benutzername", "Nom d'utilisateur",
	"Nom d\u2019utilisateur", "Nombre de usuario", "Nome utente",
	"Nome de usu\u00e1rio", "Gebruikersnaam", "Anv\u00e4ndarnamn",
	"Brukernavn", NULL
};
const char *const ig_lbl_name[] = {
	"Name", "Navn", "Nom", "Nombre", "Nome", "Naam", "Namn", NULL
};
const char *const ig_lbl_private[] = {
	"Private Account", "Privat konto", "Privates Konto", "Compte priv\u00e9",
	"Cuenta privada", "Account privato", "Conta privada",
	"Priv\u00e9account", "Privat-konto", NULL
};
const char *const ig_lbl_time[] = {
	"Time", "Tidspunkt", "Zeit", "Heure", "Hora", "Ora", "Tijd", "Tid",
	NULL
};
const char *const ig_lbl_comment[] = {
	"Comment", "Kommentar", "Commentaire", "Comentario", "Commento",
	"Coment\u00e1rio", "Opmerking", NULL
};
const char *const ig_lbl_owner[] = {
	"Media Owner", "Medieejer", "Medieninhaber", "Propri\u00e9taire du contenu",
	"Propietario del contenido", "Proprietario del contenuto", NULL
};
const char *const ig_lbl_search[] = {
	"Search", "S\u00f8gning", "Suche", "Recherche", "B\u00fasqueda",
	"Ricerca", "Pesquisa", "Zoeken", "S\u00f6kning", NULL
};

/* The last non-empty path segment of a URL (no query), in scratch. */
const char *ig_href_handle(struct cnd_scan *s, const char *href)
{
	const char *end, *p;

	if (!href)
		return NULL;
	end = href + strcspn(href, "?#");
	while (end > href && end[-1] == '/')
		end--;
	for (p = end; p > href && p[-1] != '/'; p--)
		;
	if (p == end || (p > href && p[-1] == '/' && p - 2 >= href &&
			 p[-2] == '/'))
		return NULL; /* no path at all: "https://host" */
	return cnd_arena_strndup(cnd_scan_scratch(s), p, (size_t)(end - p));
}

/* --- The subject: personal_information.json, profile.json --- */

void ig_set_own(struct cnd_scan *s, const char *user, const char *name)
{
	struct ig_state *st = ig_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);

	if (user && !st->own.username) {
		st->own.username = cnd_arena_strdup(a, user);
		cnd_scan_set_account(s, user);
	}
	if (name && !st->own.name)
		st->own.name = cnd_arena_strdup(a, name);
}

int ig_private_setting(struct cnd_scan *s, int value, int64_t t,
			      const char *label, long long item)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_SETTING;
	r.setting = label ? "threads-private-account" : "private-account";
	r.value = value ? "true" : "false";
	r.time = t;
	r.label = label;
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

/* profile_user[0] (Instagram) or text_post_app_..._profile[0] (Threads). */
static int ig_profile_doc(struct cnd_scan *s, json_t *doc, const char *label)
{
	json_t *list = ig_list(doc, label ? "text_post_app_text_post_app_profile"
					  : "profile_user");
	json_t *e = json_array_get(list, 0), *v;
	int priv;

	if (!json_is_object(e)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "personal information holds no profile entry: not used");
		return CND_OK;
	}
	if (!label)
		ig_set_own(s,
			   cnd_meta_str(s, ig_map(s, e, ig_lbl_username),
					"value"),
			   cnd_meta_str(s, ig_map(s, e, ig_lbl_name), "value"));
	v = ig_map(s, e, ig_lbl_private);
	if (!v)
		return CND_OK;
	priv = cnd_field_truth(json_object_get(v, "value"), CND_TRUTH_WORDS);
	if (priv < 0) {
		cnd_scan_diag(s, CND_WARN, 0,
			      "'Private Account' value is neither True nor False: not used");
		return CND_OK;
	}
	/* the current state: no time */
	return ig_private_setting(s, priv, CND_TIME_NONE, label, 0);
}

static int ig_personal(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_profile_doc(s, doc, NULL);
}

static int th_personal(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_profile_doc(s, doc, IG_THREADS);
}

/* 2018-19 profile.json */
static int ig_flat_profile(struct cnd_scan *s, json_t *doc, long long index)
{
	json_t *v;
	int priv;

	(void)index;
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "profile is not a JSON object: not used");
		return CND_OK;
	}
	ig_set_own(s, cnd_meta_str(s, doc, "username"),
		   cnd_meta_str(s, doc, "name"));
	v = json_object_get(doc, "private_account");
	if (!v)
		v = json_object_get(doc, "is_private");
	priv = cnd_field_truth(v, CND_TRUTH_WORDS);
	if (priv < 0)
		return CND_OK;
	return ig_private_setting(s, priv, CND_TIME_NONE, NULL, -1);
}

static int ig_privacy_change(struct cnd_scan *s, const json_t *e,
			     long long item, const void *arg)
{
	json_t *m = json_object_get(e, "string_map_data"), *v;
	const char *texts[8], *k;
	size_t n = 0, j;
	int value = -1;
	int64_t t;

	(void)arg;
	texts[n++] = cnd_meta_str(s, e, "title");
	json_object_foreach(m, k, v) {
		if (n < 8)
			texts[n++] = cnd_meta_str(s, v, "value");
	}
	for (j = 0; j < n && value < 0; j++) {
		char *low;

		if (!texts[j])
			continue;
		low = cnd_text_fold(cnd_scan_scratch(s), texts[j],
				    strlen(texts[j]));
		if (strstr(low, "privat") || strstr(low, "prive"))
			value = 1;
		else if (strstr(low, "public") || strstr(low, "offentlig") ||
			 strstr(low, "offentlich") || strstr(low, "publico") ||
			 strstr(low, "pubblico"))
			value = 0;
	}
	if (value < 0) {
		cnd_scan_diag(s, CND_WARN, item,
			      "privacy change says neither private nor public: skipped");
		return CND_OK;
	}
	t = cnd_field_epoch_of(ig_map(s, e, ig_lbl_time), "timestamp", CND_EPOCH_S);
	if (t == CND_TIME_NONE)
		t = cnd_field_epoch_of(json_array_get(json_object_get(
						  e, "string_list_data"), 0), "timestamp", CND_EPOCH_S);
	if (t == CND_TIME_NONE)
		cnd_scan_diag(s, CND_WARN, item,
			      "privacy change has no time: kept without one");
	return ig_private_setting(s, value, t, NULL, item);
}

/* account_privacy_changes.json: each change with its time */
static int ig_privacy_changes(struct cnd_scan *s, json_t *doc,
			      long long index)
{
	json_t *list = ig_list(doc, "account_history_account_privacy_history");

	(void)index;
	return cnd_meta_each(s, list, "privacy history", ig_privacy_change,
			     NULL);
}

/* --- Follows --- */

int ig_follow_emit(struct cnd_scan *s, enum cnd_follow_dir dir,
			  const char *handle, const char *href, int64_t t,
			  const char *label, long long item)
{
	struct ig_state *st = ig_state(s);
	struct cnd_record r = { 0 };
	const char *key;

	key = cnd_arena_printf(cnd_scan_scratch(s), "%d|%s|%s", (int)dir,
			       label ? label : "", handle);
	if (cnd_strmap_get(&st->follows, key)) {
		cnd_scan_repeat(s); /* listed twice (pending and recent) */
		return CND_OK;
	}
	cnd_strmap_put(&st->follows, key, st);
	r.kind = CND_REC_FOLLOW;
	r.dir = dir;
	r.time = t;
	r.counterpart.handle = handle;
	r.id = href;
	r.label = label;
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

/*
 * One relationship entry: the handle from value, else title, else the last
 * segment of href (late 2025: https://www.instagram.com/_u/<handle>).
 */
static int ig_relation(struct cnd_scan *s, const json_t *e, long long item,
		       const char **handle, const char **href, int64_t *t)
{
	json_t *sl = json_object_get(e, "string_list_data");
	json_t *d = json_array_get(sl, 0);

	*href = cnd_meta_str(s, d, "href");
	*t = cnd_field_epoch_of(d, "timestamp", CND_EPOCH_S);
	*handle = cnd_meta_str(s, d, "value");
	if (!*handle)
		*handle = cnd_meta_str(s, e, "title");
	if (!*handle)
		*handle = ig_href_handle(s, *href);
	if (*handle && **handle == '@')
		(*handle)++;
	if (!*handle) {
		cnd_scan_diag(s, CND_WARN, item,
			      "relationship entry names no account: skipped");
		return -1;
	}
	return 0;
}

/* What an entry of a relationship list becomes. */
struct ig_follow_kind {
	enum cnd_follow_dir dir;
	const char *label; /* IG_THREADS or NULL */
};

static int ig_follow_entry(struct cnd_scan *s, const json_t *e,
			   long long item, const void *arg)
{
	const struct ig_follow_kind *k = arg;
	const char *handle, *href;
	int64_t t;

	if (ig_relation(s, e, item, &handle, &href, &t))
		return CND_OK;
	return ig_follow_emit(s, k->dir, handle, href, t, k->label, item);
}

static int ig_follow_list(struct cnd_scan *s, json_t *doc, const char *key,
			  enum cnd_follow_dir dir, const char *label)
{
	const struct ig_follow_kind k = { dir, label };

	return cnd_meta_each(s, ig_list(doc, key), "relationship file",
			     ig_follow_entry, &k);
}

static int ig_followers(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_follow_list(s, doc, "relationships_followers",
			      CND_FOLLOW_FOLLOWER, NULL);
}

static int ig_following(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_follow_list(s, doc, "relationships_following",
			      CND_FOLLOW_FOLLOWING, NULL);
}

static int ig_requests_sent(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_follow_list(s, doc, "relationships_follow_requests_sent",
			      CND_FOLLOW_REQUEST_SENT, NULL);
}

static int ig_requests_recent(struct cnd_scan *s, json_t *doc,
			      long long index)
{
	(void)index;
	return ig_follow_list(s, doc,
			      "relationships_permanent_follow_requests",
			      CND_FOLLOW_REQUEST_SENT, NULL);
}

static int ig_requests_received(struct cnd_scan *s, json_t *doc,
				long long index)
{
	(void)index;
	return ig_follow_list(s, doc, "relationships_follow_requests_received",
			      CND_FOLLOW_REQUEST_RECEIVED, NULL);
}

static int th_followers(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_follow_list(s, doc, "text_post_app_text_post_app_followers",
			      CND_FOLLOW_FOLLOWER, IG_THREADS);
}

static int th_following(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_follow_list(s, doc, "text_post_app_text_post_app_following",
			      CND_FOLLOW_FOLLOWING, IG_THREADS);
}

/* Unfollowed and blocked accounts: events, not follows. */
static int ig_event_entry(struct cnd_scan *s, const json_t *e,
			  long long item, const void *event)
{
	struct cnd_record r = { 0 };
	const char *handle, *href;
	int64_t t;

	if (ig_relation(s, e, item, &handle, &href, &t))
		return CND_OK;
	r.kind = CND_REC_EVENT;
	r.setting = event;
	r.time = t;
	r.counterpart.handle = handle;
	r.id = href ? href : handle;
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

static int ig_event_list(struct cnd_scan *s, json_t *doc, const char *key,
			 const char *event)
{
	return cnd_meta_each(s, ig_list(doc, key), "relationship file",
			     ig_event_entry, event);
}

static int ig_unfollowed(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_event_list(s, doc, "relationships_unfollowed_users",
			     "unfollowed");
}

static int ig_blocked(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_event_list(s, doc, "relationships_blocked_users", "blocked");
}

/* 2018-19 connections.json: { "followers": { "user": "ISO time" }, ... } */
static int ig_flat_connections(struct cnd_scan *s, json_t *doc,
			       long long index)
{
	static const struct {
		const char *key;
		int dir; /* -1: an event */
		const char *event;
	} kinds[] = {
		{ "followers", CND_FOLLOW_FOLLOWER, NULL },
		{ "following", CND_FOLLOW_FOLLOWING, NULL },
		{ "follow_requests_sent", CND_FOLLOW_REQUEST_SENT, NULL },
		{ "follow_requests_received", CND_FOLLOW_REQUEST_RECEIVED,
		  NULL },
		{ "blocked_users", -1, "blocked" },
	};
	const char *user;
	json_t *map, *when;
	size_t i;
	long long item;
	int ret = CND_OK;

	(void)index;
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "connections is not a JSON object: not used");
		return CND_OK;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		map = json_object_get(doc, kinds[i].key);
		if (!json_is_object(map))
			continue;
		item = 0;
		json_object_foreach(map, user, when) {
			const char *h = cnd_text_unmojibake(cnd_scan_scratch(s),
							    user);
			int64_t t = cnd_field_epoch(when, CND_EPOCH_S);

			if (kinds[i].dir >= 0) {
				ret = ig_follow_emit(s, kinds[i].dir, h, NULL,
						     t, NULL, item);
			} else {
				struct cnd_record r = { 0 };

				r.kind = CND_REC_EVENT;
				r.setting = kinds[i].event;
				r.time = t;
				r.counterpart.handle = h;
				r.id = h;
				r.prov.member = cnd_scan_member(s);
				r.prov.item = item;
				ret = cnd_emit(s, &r);
			}
			if (ret >= CND_FATAL)
				return ret;
			item++;
		}
	}
	return ret;
}

/* --- Posts, stories, reels; Threads posts --- */

/* EXIF GPS of one media item (photo or video metadata), when present. */
static void ig_exif_geo(const json_t *m, struct cnd_record *r)
{
	static const char *const kinds[] = { "photo_metadata",
					     "video_metadata", NULL };
	json_t *md = json_is_object(m) ? json_object_get(m, "media_metadata")
				       : NULL;
	json_t *exif, *x;
	size_t j, k;
	double lat, lon;

	if (r->has_geo || !json_is_object(md))
		return;
	for (k = 0; kinds[k]; k++) {
		exif = json_object_get(md, kinds[k]);
		exif = json_is_object(exif) ? json_object_get(exif, "exif_data")
					    : NULL;
		json_array_foreach(exif, j, x) {
			if (cnd_meta_coord(x, &lat, &lon))
				continue;
			r->has_geo = 1;
			r->lat = lat;
			r->lon = lon;
			return;
		}
	}
}

/*
 * One post entry: a single-media post has its time and caption only in
 * media[0]; a carousel has them at the top level. Counted once either way.
 */
static int ig_post_entry(struct cnd_scan *s, const json_t *e, long long item,
			 const void *arg)
{
	const char *label = arg;
	struct ig_state *st = ig_state(s);
	json_t *media = json_object_get(e, "media");
	json_t *first = json_array_get(media, 0);
	struct cnd_record r = { 0 };
	const char *key;

	if (!json_is_object(e)) {
		cnd_scan_diag(s, CND_WARN, item, "post is not an object: skipped");
		return CND_OK;
	}
	if (!json_is_array(media))
		first = (json_t *)e; /* stories: the entry is the media */
	r.kind = CND_REC_POST;
	r.label = label;
	r.text = cnd_meta_str(s, e, "title");
	if (!r.text)
		r.text = cnd_meta_str(s, first, "title");
	r.time = cnd_field_epoch_of(e, "creation_timestamp", CND_EPOCH_S);
	if (r.time == CND_TIME_NONE)
		r.time = cnd_field_epoch_of(first, "creation_timestamp", CND_EPOCH_S);
	r.id = cnd_meta_str(s, first, "uri");
	if (json_is_object(first) &&
	    json_is_object(json_object_get(first, "text_app_post")))
		r.reply = cnd_field_truth(cnd_json_path(first,
						 "text_app_post.is_reply"), CND_TRUTH_WORDS) == 1;
	if (json_is_array(media)) {
		json_t *m;
		size_t i;

		json_array_foreach(media, i, m) {
			ig_exif_geo(m, &r);
		}
	} else {
		ig_exif_geo(e, &r);
	}
	if (r.time == CND_TIME_NONE)
		cnd_field_date_say(s, item, 1, NULL,
				   &(const struct cnd_date_say){
					   CND_DATE_SAY_HAS, "post", NULL,
					   "'creation_timestamp'" });
	if (r.id) {
		key = cnd_arena_printf(cnd_scan_scratch(s), "%s|%s",
				       label ? label : "", r.id);
		if (cnd_strmap_get(&st->posts, key))
			return CND_OK;
		cnd_strmap_put(&st->posts, key, st);
	}
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

static int ig_post_list(struct cnd_scan *s, json_t *doc, const char *key,
			const char *label)
{
	return cnd_meta_each(s, ig_list(doc, key), "file", ig_post_entry,
			     label);
}

static int ig_posts(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "ig_posts", NULL);
}

static int ig_stories(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "ig_stories", "story");
}

static int ig_reels(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "ig_reels_media", "reel");
}

static int ig_archived(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "ig_archived_post_media", "archived");
}

static int th_posts(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "text_post_app_text_posts", IG_THREADS);
}

/* 2018-19 media.json: { photos: [], videos: [], stories: [] } */
static int ig_flat_media(struct cnd_scan *s, json_t *doc, long long index)
{
	static const struct {
		const char *key, *label;
	} kinds[] = { { "photos", NULL }, { "videos", NULL },
		      { "stories", "story" } };
	json_t *list, *e;
	size_t i, k;
	long long item = 0;
	int ret = CND_OK;

	(void)index;
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "media is not a JSON object: not used");
		return CND_OK;
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		list = json_object_get(doc, kinds[k].key);
		json_array_foreach(list, i, e) {
			struct cnd_record r = { 0 };
			double lat, lon;

			r.kind = CND_REC_POST;
			r.label = kinds[k].label;
			r.text = cnd_meta_str(s, e, "caption");
			r.time = cnd_field_epoch_of(e, "taken_at", CND_EPOCH_S);
			r.id = cnd_meta_str(s, e, "path");
			r.place = cnd_meta_str(s, e, "location");
			if (!cnd_meta_coord(e, &lat, &lon)) {
				r.has_geo = 1;
				r.lat = lat;
				r.lon = lon;
			}
			r.prov.member = cnd_scan_member(s);
			r.prov.item = item++;
			if (r.time == CND_TIME_NONE)
				cnd_field_date_say(
					s, r.prov.item, 1, NULL,
					&(const struct cnd_date_say){
						CND_DATE_SAY_HAS, "post", NULL,
						"'taken_at'" });
			ret = cnd_emit(s, &r);
			if (ret >= CND_FATAL)
				return ret;
		}
	}
	return ret;
}

/* --- Comments --- */

int ig_comment_emit(struct cnd_scan *s, const char *text,
			   const char *owner, int64_t t, long long item)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_COMMENT;
	r.text = text;
	r.time = t;
	r.counterpart.handle = owner;
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	if (!text) {
		cnd_scan_diag(s, CND_WARN, item,
			      "comment has no text: skipped");
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

static int ig_comment(struct cnd_scan *s, const json_t *e, long long item,
		      const void *arg)
{
	json_t *d;

	(void)arg;
	if (json_object_get(e, "string_map_data"))
		return ig_comment_emit(
			s,
			cnd_meta_str(s, ig_map(s, e, ig_lbl_comment), "value"),
			cnd_meta_str(s, ig_map(s, e, ig_lbl_owner), "value"),
			cnd_field_epoch_of(ig_map(s, e, ig_lbl_time), "timestamp", CND_EPOCH_S),
			item);
	/* 2020-21: title = owner, string_list_data[0] */
	d = json_array_get(json_object_get(e, "string_list_data"), 0);
	return ig_comment_emit(s, cnd_meta_str(s, d, "value"),
			       cnd_meta_str(s, e, "title"),
			       cnd_field_epoch_of(d, "timestamp", CND_EPOCH_S), item);
}

static int ig_comments(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, ig_list(doc, "comments_media_comments"),
			     "comments file", ig_comment, NULL);
}

/* 2018-19 comments.json: { media_comments: [[time, text, owner]] } */
static int ig_flat_comments(struct cnd_scan *s, json_t *doc, long long index)
{
	json_t *list = json_object_get(doc, "media_comments"), *e;
	size_t i;
	int ret = CND_OK;

	(void)index;
	if (!json_is_array(list)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "comments hold no 'media_comments' list: not used");
		return CND_OK;
	}
	json_array_foreach(list, i, e) {
		ret = ig_comment_emit(s, cnd_meta_elem_str(s, e, 1),
				      cnd_meta_elem_str(s, e, 2),
				      cnd_field_epoch(json_array_get(e, 0), CND_EPOCH_S),
				      (long long)i);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

/* --- Likes --- */

static int ig_like(struct cnd_scan *s, const json_t *e, long long item,
		   const void *label)
{
	json_t *d = json_array_get(json_object_get(e, "string_list_data"), 0);
	struct cnd_record r = { 0 };

	r.kind = CND_REC_LIKE;
	r.label = label;
	r.counterpart.handle = cnd_meta_str(s, e, "title");
	r.id = cnd_meta_str(s, d, "href");
	r.time = cnd_field_epoch_of(d, "timestamp", CND_EPOCH_S);
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	if (!r.counterpart.handle && !r.id) {
		cnd_scan_diag(s, CND_WARN, item,
			      "like names neither account nor post: skipped");
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

static int ig_like_list(struct cnd_scan *s, json_t *doc, const char *key,
			const char *label)
{
	return cnd_meta_each(s, ig_list(doc, key), "likes file", ig_like,
			     label);
}

static int ig_likes(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_like_list(s, doc, "likes_media_likes", NULL);
}

static int th_likes(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_like_list(s, doc, "text_post_app_media_likes", IG_THREADS);
}

/* 2018-19 likes.json: { media_likes: [[time, owner]] } */
static int ig_flat_likes(struct cnd_scan *s, json_t *doc, long long index)
{
	json_t *list = json_object_get(doc, "media_likes"), *e;
	size_t i;
	int ret = CND_OK;

	(void)index;
	if (!json_is_array(list)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "likes hold no 'media_likes' list: not used");
		return CND_OK;
	}
	json_array_foreach(list, i, e) {
		struct cnd_record r = { 0 };

		r.kind = CND_REC_LIKE;
		r.time = cnd_field_epoch(json_array_get(e, 0), CND_EPOCH_S);
		r.counterpart.handle = cnd_meta_elem_str(s, e, 1);
		r.prov.member = cnd_scan_member(s);
		r.prov.item = (long long)i;
		ret = cnd_emit(s, &r);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

/* --- Searches --- */

static int ig_search(struct cnd_scan *s, const json_t *e, long long item,
		     const void *arg)
{
	json_t *d = json_array_get(json_object_get(e, "string_list_data"), 0);
	struct cnd_record r = { 0 };

	(void)arg;
	r.kind = CND_REC_SEARCH;
	r.text = cnd_meta_str(s, ig_map(s, e, ig_lbl_search), "value");
	r.time = cnd_field_epoch_of(ig_map(s, e, ig_lbl_time), "timestamp", CND_EPOCH_S);
	if (!r.text)
		r.text = cnd_meta_str(s, d, "value");
	if (!r.text)
		r.text = cnd_meta_str(s, e, "title");
	/* 2018-19 searches.json: { search_click, time, type } */
	if (!r.text)
		r.text = cnd_meta_str(s, e, "search_click");
	if (!r.text)
		r.text = cnd_meta_str(s, e, "search");
	if (r.time == CND_TIME_NONE)
		r.time = cnd_field_epoch_of(d, "timestamp", CND_EPOCH_S);
	if (r.time == CND_TIME_NONE)
		r.time = cnd_field_epoch_of(e, "time", CND_EPOCH_S);
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	if (!r.text) {
		cnd_scan_diag(s, CND_WARN, item, "search has no text: skipped");
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

static int ig_searches(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, ig_list(doc, NULL), "searches file",
			     ig_search, NULL);
}

/* --- Messages --- */

/* One message thread: message_N.json (inbox or message requests). */
static int ig_thread(struct cnd_scan *s, json_t *doc, long long index)
{
	const char *member = cnd_scan_member(s);
	int request = member && strstr(member, "message_requests/") != NULL;

	(void)index;
	return cnd_meta_thread(s, doc, &ig_state(s)->own,
			       "personal information", request, 1);
}

/* 2018-19 messages.json: [ { participants: [..], conversation: [..] } ] */
static int ig_flat_messages(struct cnd_scan *s, json_t *doc, long long index)
{
	struct ig_state *st = ig_state(s);
	struct cnd_arena *sc = cnd_scan_scratch(s);
	json_t *conv, *parts, *msgs, *m;
	size_t c, i;
	long long item = 0;
	int ret = CND_OK;

	(void)index;
	if (!json_is_array(doc)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "messages is not a list of conversations: not used");
		return CND_OK;
	}
	cnd_meta_own_unknown(s, &st->own, "personal information");
	json_array_foreach(doc, c, conv) {
		struct cnd_account *others;
		size_t n_others = 0;
		const char *cid;

		parts = json_object_get(conv, "participants");
		msgs = json_object_get(conv, "conversation");
		others = cnd_arena_alloc(sc, (json_array_size(parts) + 1) *
						     sizeof(*others));
		for (i = 0; i < json_array_size(parts); i++) {
			const char *h = cnd_meta_elem_str(s, parts, i);

			if (!h || cnd_meta_is_own(&st->own, h))
				continue;
			memset(&others[n_others], 0, sizeof(others[0]));
			others[n_others++].handle = h;
		}
		cid = cnd_arena_printf(sc, "conversation %zu", c);
		json_array_foreach(msgs, i, m) {
			struct cnd_record r = { 0 };
			const char *sender = cnd_meta_str(s, m, "sender");

			r.kind = CND_REC_MESSAGE;
			r.time = cnd_field_epoch_of(m, "created_at", CND_EPOCH_S);
			r.text = cnd_meta_str(s, m, "text");
			r.outgoing = cnd_meta_is_own(&st->own, sender);
			if (!r.outgoing)
				r.counterpart.handle = sender;
			else if (n_others == 1)
				r.counterpart = others[0];
			r.participants = others;
			r.n_participants = n_others;
			r.conversation = cid;
			r.id = cnd_arena_printf(sc, "%s#%zu", cid, i);
			r.prov.member = cnd_scan_member(s);
			r.prov.item = item++;
			ret = cnd_emit(s, &r);
			if (ret >= CND_FATAL)
				return ret;
		}
	}
	return ret;
}

/* --- Hooks --- */

static int ig_begin(struct cnd_scan *s)
{
	struct ig_state *st = ig_state(s);

	cnd_strmap_init(&st->follows);
	cnd_strmap_init(&st->posts);
	return CND_OK;
}

static int ig_finish(struct cnd_scan *s)
{
	(void)s;
	return CND_OK;
}

static void ig_release(struct cnd_scan *s)
{
	struct ig_state *st = ig_state(s);

	cnd_strmap_release(&st->follows);
	cnd_strmap_release(&st->posts);
}

/* --- Tables --- */

#define IG_ROW(glob, fn, what) { glob, CND_KIND_JSON, NULL, fn, what, 0, NULL }

static const struct cnd_handler ig_handlers[] = {
	{ "personal_information/personal_information.json", CND_KIND_JSON,
	  NULL, ig_personal,
	  "personal information (username, name, private account)",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	{ "account_information/personal_information.json", CND_KIND_JSON,
	  NULL, ig_personal,
	  "personal information (username, name, private account)",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	{ "profile.json", CND_KIND_JSON, NULL, ig_flat_profile,
	  "profile (2018-19 layout)",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	/* Threads, inside the Instagram export */
	IG_ROW("threads/threads_and_replies.json", th_posts,
	       "Threads posts and replies"),
	IG_ROW("threads/followers.json", th_followers, "Threads followers"),
	IG_ROW("threads/following.json", th_following,
	       "accounts followed on Threads"),
	IG_ROW("threads/liked_threads.json", th_likes, "liked Threads posts"),
	IG_ROW("threads/personal_information.json", th_personal,
	       "Threads profile (private account)"),
	/* 2020-2023 and Accounts Center layouts */
	IG_ROW("content/posts_*.json", ig_posts, "posts"),
	IG_ROW("content/stories.json", ig_stories, "stories"),
	IG_ROW("content/reels.json", ig_reels, "reels"),
	IG_ROW("content/archived_posts.json", ig_archived, "archived posts"),
	IG_ROW("followers_and_following/followers*.json", ig_followers,
	       "followers"),
	IG_ROW("followers_and_following/following.json", ig_following,
	       "accounts followed"),
	IG_ROW("followers_and_following/pending_follow_requests.json",
	       ig_requests_sent, "follow requests sent, pending"),
	IG_ROW("followers_and_following/recent_follow_requests.json",
	       ig_requests_recent, "follow requests sent recently"),
	IG_ROW("followers_and_following/follow_requests_you've_received.json",
	       ig_requests_received, "follow requests received"),
	IG_ROW("followers_and_following/recently_unfollowed_*.json",
	       ig_unfollowed, "accounts recently unfollowed"),
	IG_ROW("followers_and_following/blocked_*.json", ig_blocked,
	       "blocked accounts"),
	IG_ROW("comments/post_comments*.json", ig_comments, "comments on posts"),
	IG_ROW("comments/reels_comments*.json", ig_comments,
	       "comments on reels"),
	IG_ROW("likes/liked_posts.json", ig_likes, "liked posts"),
	IG_ROW("messages/inbox/*/message_*.json", ig_thread, "messages"),
	IG_ROW("messages/message_requests/*/message_*.json", ig_thread,
	       "message requests"),
	IG_ROW("recent_searches/account_searches.json", ig_searches,
	       "account searches"),
	IG_ROW("recent_searches/word_or_phrase_searches.json", ig_searches,
	       "word and phrase searches"),
	IG_ROW("recent_searches/tag_searches.json", ig_searches,
	       "hashtag searches"),
	IG_ROW("account_privacy_changes.json", ig_privacy_changes,
	       "private-account changes"),
	/* 2018-2019 flat layout */
	IG_ROW("connections.json", ig_flat_connections,
	       "followers, following, requests, blocked (2018-19 layout)"),
	IG_ROW("media.json", ig_flat_media,
	       "photos, videos and stories (2018-19 layout)"),
	IG_ROW("comments.json", ig_flat_comments, "comments (2018-19 layout)"),
	IG_ROW("likes.json", ig_flat_likes, "liked posts (2018-19 layout)"),
	IG_ROW("searches.json", ig_searches, "searches (2018-19 layout)"),
	IG_ROW("messages.json", ig_flat_messages,
	       "direct messages (2018-19 layout)"),
	/* an export requested as HTML: instagram_html.c */
	IG_HTML_ROWS,
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const ig_ignore[] = {
	"no-data.txt", /* "You have no data in this section" */
	"*.jpg", "*.jpeg", "*.png", "*.webp", "*.heic", "*.gif", "*.mp4",
	"*.mov", "*.m4a", "*.aac", "*.mp3", "*.srt", "*.html", "*.css",
	"media/*",
	/* known folders whose other files no rule needs */
	"connections/*", "your_instagram_activity/*", "personal_information/*",
	"logged_information/*", "preferences/*", "ads_information/*",
	"security_and_login_information/*", "apps_and_websites_off_of_instagram/*",
	"followers_and_following/*", "content/*", "comments/*", "likes/*",
	"messages/*", "recent_searches/*", "account_information/*",
	"information_about_you/*", "login_and_account_creation/*",
	"ads_and_businesses/*", "ads_and_topics/*", "monetization/*",
	"your_topics/*", "story_sticker_interactions/*", "saved/*",
	"shopping/*", "settings/*", "past_instagram_insights/*", "devices/*",
	"autofill_information/*", "events/*", "fundraisers/*", "reports/*",
	"threads/*",
	/* 2018-19 flat layout */
	"settings.json", "devices.json", "contacts.json", "saved.json",
	"information_about_you.json", "account_history.json", "seen_content.json",
	"stories_activities.json", "uploaded_contacts.json", "checkout.json",
	NULL,
};

const struct cnd_platform cnd_platform_instagram = {
	.name = "instagram",
	.title = "Instagram (with Threads)",
	.handlers = ig_handlers,
	.ignore = ig_ignore,
	.state_size = sizeof(struct ig_state),
	.begin = ig_begin,
	.finish = ig_finish,
	.release = ig_release,
};
