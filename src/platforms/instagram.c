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
 * records by instagram_html.c, with the helpers instagram.h shares. This
 * file reads the subject and the follows and holds the table; posts,
 * comments, likes, searches and messages are read in instagram_content.c.
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
 *                       (followers_1.json too, as public tools of 2025
 *                       exports name it)
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

/* --- Small helpers (the Meta ones are in meta.c) --- */

/*
 * The list a document holds: the document itself when it is an array, the
 * array under key, or else the first array-valued member (labels and
 * wrapper keys change between years and languages: shape decides).
 */
json_t *ig_list(json_t *doc, const char *key)
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
json_t *ig_map(struct cnd_scan *s, const json_t *e, const char *const *labels)
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
	t = cnd_field_epoch_of(ig_map(s, e, ig_lbl_time), "timestamp",
			       CND_EPOCH_S);
	if (t == CND_TIME_NONE)
		t = cnd_field_epoch_of(
			json_array_get(json_object_get(e, "string_list_data"),
				       0),
			"timestamp", CND_EPOCH_S);
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

/*
 * close_friends.json: the accounts the subject chose to show close-friends
 * stories to. An event per account ("close-friend"), not a follow: the
 * list says nothing of who follows whom, and counting it as a follow would
 * count a follower twice.
 */
static int ig_close_friends(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_event_list(s, doc, "relationships_close_friends",
			     "close-friend");
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
	IG_ROW("threads/followers*.json", th_followers, "Threads followers"),
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
	IG_ROW("followers_and_following/close_friends.json", ig_close_friends,
	       "close friends"),
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
