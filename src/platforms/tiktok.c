/*
 * TikTok: reads the JSON export a person requests in the app ("Settings
 * and privacy > Account > Download your data", format JSON) and turns it
 * into records: videos posted (posts, with who could view them), accounts
 * followed and followers, searches, liked videos, comments, direct
 * messages (the peer's handle is inside the conversation's key), the
 * privacy settings, and the most recent location when the export has one.
 * The profile names the account.
 *
 * The export is one JSON object in one file. It is read whole (up to the
 * document limit, 64 MiB by default): the sections sit under keys with
 * spaces at several depths and the profile, which says who "me" is in the
 * messages, may come after them, so streaming one array would not do. Real
 * files seen were 3.8 MB; a file over the limit is reported, not
 * half-read.
 *
 * Layouts read (FORMATS.md section 7; real exports seen in 2024 and 2025,
 * the older layout from importers' fixtures):
 *
 *   user_data_tiktok.json (2024+)       user_data.json (<= 2023)
 *   "Profile"."Profile Info"            "Profile"."Profile Information"
 *       ."ProfileMap" { userName }          ."ProfileMap" { userName }
 *   "Post"."Posts"."VideoList"[]        "Video"."Videos"."VideoList"[]
 *       { Date, Link, Likes, WhoCanView, Title, Location, ... }
 *   "Your Activity".                    "Activity".
 *       "Following"."Following"[]           "Following List"."Following"[]
 *       "Follower"."FansList"[]             "Follower List"."FansList"[]
 *           { Date, UserName }
 *       "Searches"."SearchList"[]           "Search History"."SearchList"[]
 *           { Date, SearchTerm }
 *       "Like List"."ItemFavoriteList"[]    "Like List"."ItemFavoriteList"[]
 *           { date, link } (lower-case keys; older { Date, VideoLink })
 *       "Most Recent Location Data"."LocationData" { Date, GpsData }
 *   ("Likes and Favorites"."Like List" in some newer exports)
 *   "Comment"."Comments"."CommentsList"[] { date, comment }
 *   "Direct Message"."Direct Messages"  "Direct Messages"."Chat History"
 *       ."ChatHistory" { "Chat History with <user>:": [ { Date, From,
 *       Content } ], "Group_Chat_<id>" or "Chat History with
 *       Group_Chat_<id>:" for group chats }
 *   "App Settings"."Settings"."SettingsMap" { "Private Account":
 *       "Enabled" | "Disabled", "Who Can Send Me Message": ..., ... }
 *
 * Dates are "2025-11-14 19:13:26" without a zone (UTC). Missing values are
 * "N/A", "None", "" or JSON null, and empty lists may be null: all absent.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "conduct/arena.h"
#include "conduct/error.h"
#include "conduct/geo.h"
#include "conduct/json.h"
#include "conduct/platform.h"
#include "conduct/record.h"
#include "conduct/timeutil.h"

extern const struct cnd_platform cnd_platform_tiktok;

struct tk_state {
	const char *username; /* the subject's own userName */
	unsigned seen_doc : 1;
};

/* --- Values: placeholders are absent --- */

static int tk_placeholder(const char *t)
{
	return !*t || !strcasecmp(t, "N/A") || !strcasecmp(t, "None") ||
	       !strcasecmp(t, "null");
}

/* Text of obj[key] (a string or a number), NULL when absent. */
static const char *tk_str(struct cnd_scan *s, const json_t *obj,
			  const char *key)
{
	const char *t = cnd_json_text(cnd_scan_scratch(s),
				      json_object_get(obj, key));

	return t && !tk_placeholder(t) ? t : NULL;
}

/* The first of two spellings of a key (TikTok changes case). */
static const char *tk_str2(struct cnd_scan *s, const json_t *obj,
			   const char *k1, const char *k2)
{
	const char *v = tk_str(s, obj, k1);

	return v ? v : tk_str(s, obj, k2);
}

/* Walk keys (NULL-terminated) through nested objects. */
static json_t *tk_walk(const json_t *root, const char *const *keys)
{
	const json_t *v = root;

	for (; *keys; keys++) {
		if (!json_is_object(v))
			return NULL;
		v = json_object_get(v, *keys);
	}
	return (json_t *)v;
}

/*
 * The value at the first of several paths (each a NULL-terminated key
 * list, the list ending with NULL) that leads to one that is not null.
 */
static json_t *tk_find(const json_t *root, const char *const *const *paths)
{
	size_t i;
	json_t *v;

	for (i = 0; paths[i]; i++) {
		v = tk_walk(root, paths[i]);
		if (v && !json_is_null(v))
			return v;
	}
	return NULL;
}

static int64_t tk_time(struct cnd_scan *s, const char *text, long long item,
		       const char *what)
{
	int64_t t;

	if (!text)
		return CND_TIME_NONE;
	if (!cnd_time_parse_any(text, &t))
		return t;
	cnd_scan_diag(s, CND_WARN, item,
		      "%s has an unreadable date '%s': kept without a time",
		      what, text);
	return CND_TIME_NONE;
}

static int tk_emit(struct cnd_scan *s, struct cnd_record *r, long long item)
{
	r->prov.member = cnd_scan_member(s);
	r->prov.item = item;
	return cnd_emit(s, r) >= CND_FATAL ? CND_FATAL : CND_OK;
}

/*
 * A list section: an array (null is an empty list); anything else is
 * reported once and read as empty.
 */
static json_t *tk_list(struct cnd_scan *s, json_t *v, const char *what)
{
	if (!v || json_is_null(v) || json_is_array(v))
		return v;
	cnd_scan_diag(s, CND_WARN, -1, "%s is not a list: not read", what);
	return NULL;
}

/* --- Sections --- */

static const char *const p_prof_new[] = { "Profile", "Profile Info",
					  "ProfileMap", NULL };
static const char *const p_prof_old[] = { "Profile", "Profile Information",
					  "ProfileMap", NULL };
static const char *const *const p_profile[] = { p_prof_new, p_prof_old,
						NULL };

static void tk_profile(struct cnd_scan *s, const json_t *doc)
{
	struct tk_state *st = cnd_scan_state(s);
	json_t *map = tk_find(doc, p_profile);
	const char *user = tk_str2(s, map, "userName", "UserName");
	long long n;

	/* the profile's own counts: compared with the lists read */
	if (!cnd_json_int(json_object_get(map, "followerCount"), &n))
		cnd_scan_declare_count(s, CND_COUNT_FOLLOWERS, "followerCount",
				       n);
	if (!cnd_json_int(json_object_get(map, "followingCount"), &n))
		cnd_scan_declare_count(s, CND_COUNT_FOLLOWING,
				       "followingCount", n);

	if (!user) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "no profile 'userName': the account's own messages cannot be told apart in group chats");
		return;
	}
	if (*user == '@')
		user++;
	st->username = cnd_arena_strdup(cnd_scan_arena(s), user);
	cnd_scan_set_account(s, st->username);
}

static const char *tk_visibility(const char *who)
{
	if (!who)
		return NULL;
	if (!strcasecmp(who, "Everyone") || !strcasecmp(who, "Public"))
		return "public";
	if (!strcasecmp(who, "Friends") || !strcasecmp(who, "Followers") ||
	    !strcasecmp(who, "Mutual Friends"))
		return "followers";
	if (!strcasecmp(who, "Only me") || !strcasecmp(who, "Only you") ||
	    !strcasecmp(who, "Private"))
		return "private";
	return NULL;
}

static const char *const p_post_new[] = { "Post", "Posts", "VideoList", NULL };
static const char *const p_post_old[] = { "Video", "Videos", "VideoList",
					  NULL };
static const char *const *const p_posts[] = { p_post_new, p_post_old, NULL };

static int tk_posts(struct cnd_scan *s, const json_t *doc)
{
	json_t *list = tk_list(s, tk_find(doc, p_posts), "video list");
	json_t *e;
	size_t i;
	int ret = CND_OK;

	json_array_foreach(list, i, e) {
		struct cnd_record r = { 0 };
		const char *who;

		if (!json_is_object(e)) {
			cnd_scan_diag(s, CND_WARN, (long long)i,
				      "video entry is not an object: skipped");
			continue;
		}
		r.kind = CND_REC_POST;
		r.id = tk_str2(s, e, "Link", "VideoLink");
		r.time = tk_time(s, tk_str2(s, e, "Date", "date"), (long long)i,
				 "video");
		r.text = tk_str2(s, e, "Title", "Description");
		r.place = tk_str(s, e, "Location");
		who = tk_str(s, e, "WhoCanView");
		r.visibility = tk_visibility(who);
		if (who && !r.visibility)
			cnd_scan_diag(s, CND_WARN, (long long)i,
				      "video has an unknown 'WhoCanView' value '%s': visibility left unknown",
				      who);
		ret = tk_emit(s, &r, (long long)i);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

/* Following, followers: { Date, UserName } */
static int tk_follows(struct cnd_scan *s, json_t *list, enum cnd_follow_dir dir,
		      const char *what)
{
	json_t *e;
	size_t i;
	int ret = CND_OK;

	json_array_foreach(tk_list(s, list, what), i, e) {
		struct cnd_record r = { 0 };
		const char *user = tk_str2(s, e, "UserName", "Username");

		if (!user) {
			cnd_scan_diag(s, CND_WARN, (long long)i,
				      "%s entry has no 'UserName': skipped",
				      what);
			continue;
		}
		r.kind = CND_REC_FOLLOW;
		r.dir = dir;
		r.counterpart.handle = *user == '@' ? user + 1 : user;
		r.time = tk_time(s, tk_str2(s, e, "Date", "date"), (long long)i,
				 what);
		ret = tk_emit(s, &r, (long long)i);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

/* Searches { Date, SearchTerm }, likes { date, link }, comments. */
static int tk_simple(struct cnd_scan *s, json_t *list,
		     enum cnd_record_kind kind, const char *what)
{
	json_t *e;
	size_t i;
	int ret = CND_OK;

	json_array_foreach(tk_list(s, list, what), i, e) {
		struct cnd_record r = { 0 };

		r.kind = kind;
		r.time = tk_time(s, tk_str2(s, e, "Date", "date"), (long long)i,
				 what);
		if (kind == CND_REC_SEARCH) {
			r.text = tk_str2(s, e, "SearchTerm", "searchTerm");
		} else if (kind == CND_REC_LIKE) {
			r.id = tk_str2(s, e, "link", "Link");
			if (!r.id)
				r.id = tk_str(s, e, "VideoLink");
		} else {
			r.text = tk_str2(s, e, "comment", "Comment");
			r.id = tk_str2(s, e, "url", "Url");
		}
		if (!json_is_object(e)) {
			cnd_scan_diag(s, CND_WARN, (long long)i,
				      "%s entry is not an object: skipped",
				      what);
			continue;
		}
		if (!r.text && !r.id)
			continue; /* only placeholders: nothing to review */
		ret = tk_emit(s, &r, (long long)i);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

static const char *const p_fing_new[] = { "Your Activity", "Following",
					  "Following", NULL };
static const char *const p_fing_old[] = { "Activity", "Following List",
					  "Following", NULL };
static const char *const *const p_following[] = { p_fing_new, p_fing_old,
						  NULL };
static const char *const p_fer_new[] = { "Your Activity", "Follower",
					 "FansList", NULL };
static const char *const p_fer_old[] = { "Activity", "Follower List",
					 "FansList", NULL };
static const char *const *const p_followers[] = { p_fer_new, p_fer_old, NULL };
static const char *const p_srch_new[] = { "Your Activity", "Searches",
					  "SearchList", NULL };
static const char *const p_srch_old[] = { "Activity", "Search History",
					  "SearchList", NULL };
static const char *const *const p_searches[] = { p_srch_new, p_srch_old,
						 NULL };
static const char *const p_like_new[] = { "Your Activity", "Like List",
					  "ItemFavoriteList", NULL };
static const char *const p_like_split[] = { "Likes and Favorites",
					    "Like List", "ItemFavoriteList",
					    NULL };
static const char *const p_like_old[] = { "Activity", "Like List",
					  "ItemFavoriteList", NULL };
static const char *const *const p_likes[] = { p_like_new, p_like_split,
					      p_like_old, NULL };
static const char *const p_cmt[] = { "Comment", "Comments", "CommentsList",
				     NULL };
static const char *const *const p_comments[] = { p_cmt, NULL };

/* --- Direct messages --- */

static const char *const p_dm_new[] = { "Direct Message", "Direct Messages",
					"ChatHistory", NULL };
static const char *const p_dm_old[] = { "Direct Messages", "Chat History",
					"ChatHistory", NULL };
static const char *const *const p_dms[] = { p_dm_new, p_dm_old, NULL };

/*
 * The peer named by a conversation key: "Chat History with alex_s:" ->
 * "alex_s". Group chats keep their "Group_Chat_<id>" name; *group says so.
 */
static const char *tk_peer(struct cnd_scan *s, const char *key, int *group)
{
	static const char prefix[] = "Chat History with ";
	const char *p = key;
	size_t n;

	if (!strncasecmp(p, prefix, sizeof(prefix) - 1))
		p += sizeof(prefix) - 1;
	while (*p == ' ' || *p == '@')
		p++;
	n = strlen(p);
	while (n && (p[n - 1] == ':' || p[n - 1] == ' '))
		n--;
	*group = !strncasecmp(p, "Group_Chat", 10);
	return n ? cnd_arena_strndup(cnd_scan_scratch(s), p, n) : NULL;
}

static int tk_conversation(struct cnd_scan *s, const char *key, json_t *msgs,
			   long long *item)
{
	struct tk_state *st = cnd_scan_state(s);
	const char *peer, *conv;
	json_t *m;
	size_t i;
	int group, ret = CND_OK;

	peer = tk_peer(s, key, &group);
	if (!peer) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "conversation key '%s' names nobody: skipped",
			      key);
		return CND_OK;
	}
	conv = cnd_arena_printf(cnd_scan_scratch(s), "tiktok:%s", peer);
	json_array_foreach(tk_list(s, msgs, "conversation"), i, m) {
		struct cnd_record r = { 0 };
		const char *from = tk_str(s, m, "From");
		long long at = (*item)++;

		if (!json_is_object(m)) {
			cnd_scan_diag(s, CND_WARN, at,
				      "message in '%s' is not an object: skipped",
				      key);
			continue;
		}
		r.kind = CND_REC_MESSAGE;
		r.conversation = conv;
		r.text = tk_str(s, m, "Content");
		r.time = tk_time(s, tk_str(s, m, "Date"), at, "message");
		if (from && *from == '@')
			from++;
		if (st->username && from)
			r.outgoing = !strcasecmp(from, st->username);
		else if (!group && from)
			r.outgoing = strcasecmp(from, peer) != 0;
		if (group)
			r.counterpart.handle = r.outgoing ? NULL : from;
		else
			r.counterpart.handle = peer;
		ret = tk_emit(s, &r, at);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

static int tk_messages(struct cnd_scan *s, const json_t *doc)
{
	json_t *chats = tk_find(doc, p_dms), *msgs;
	const char *key;
	long long item = 0;
	int ret = CND_OK;

	if (!chats)
		return CND_OK;
	if (!json_is_object(chats)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "chat history is not an object keyed by conversation: not read");
		return CND_OK;
	}
	json_object_foreach(chats, key, msgs) {
		ret = tk_conversation(s, key, msgs, &item);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

/* --- Settings and location --- */

static const char *const p_set[] = { "App Settings", "Settings", "SettingsMap",
				     NULL };
static const char *const *const p_settings[] = { p_set, NULL };

/* "Who Can Send Me Message" -> "who-can-send-me-message" */
static const char *tk_setting_name(struct cnd_scan *s, const char *label)
{
	char *out = cnd_arena_strdup(cnd_scan_scratch(s), label), *p, *q;

	for (p = q = out; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (isalnum(c))
			*q++ = (char)tolower(c);
		else if (q > out && q[-1] != '-')
			*q++ = '-';
	}
	while (q > out && q[-1] == '-')
		q--;
	*q = '\0';
	return out;
}

static int tk_settings(struct cnd_scan *s, const json_t *doc)
{
	json_t *map = tk_find(doc, p_settings), *v;
	const char *key;
	long long item = 0;
	int ret = CND_OK;

	if (!map)
		return CND_OK;
	if (!json_is_object(map)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "settings map is not an object: not read");
		return CND_OK;
	}
	json_object_foreach(map, key, v) {
		struct cnd_record r = { 0 };
		const char *val = tk_str(s, map, key);

		if (!val && json_is_boolean(v))
			val = json_is_true(v) ? "true" : "false";
		if (!val)
			continue;
		r.kind = CND_REC_SETTING;
		r.time = CND_TIME_NONE; /* the export gives the state only */
		if (!strcasecmp(key, "Private Account")) {
			r.setting = "private-account";
			if (!strcasecmp(val, "Enabled") ||
			    !strcasecmp(val, "On") || !strcasecmp(val, "true"))
				r.value = "true";
			else if (!strcasecmp(val, "Disabled") ||
				 !strcasecmp(val, "Off") ||
				 !strcasecmp(val, "false"))
				r.value = "false";
			else
				r.value = val;
		} else {
			r.setting = tk_setting_name(s, key);
			r.value = val;
		}
		ret = tk_emit(s, &r, item++);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

static const char *const p_loc_new[] = { "Your Activity",
					 "Most Recent Location Data",
					 "LocationData", NULL };
static const char *const p_loc_old[] = { "Activity",
					 "Most Recent Location Data",
					 "LocationData", NULL };
static const char *const *const p_location[] = { p_loc_new, p_loc_old, NULL };

static int tk_location(struct cnd_scan *s, const json_t *doc)
{
	json_t *loc = tk_find(doc, p_location);
	struct cnd_record r = { 0 };
	const char *gps;

	if (!json_is_object(loc))
		return CND_OK;
	gps = tk_str(s, loc, "GpsData");
	if (!gps || cnd_geo_parse(gps, &r.lat, &r.lon) ||
	    !cnd_geo_valid(r.lat, r.lon))
		return CND_OK; /* usually "N/A": the region alone is no point */
	r.kind = CND_REC_LOCATION;
	r.has_geo = 1;
	r.place = tk_str(s, loc, "LastRegion");
	r.label = "most-recent";
	r.time = tk_time(s, tk_str(s, loc, "Date"), -1, "location");
	return tk_emit(s, &r, -1);
}

/* --- The document --- */

static int tk_document(struct cnd_scan *s, json_t *doc, long long index)
{
	struct tk_state *st = cnd_scan_state(s);
	int (*const steps[])(struct cnd_scan *, const json_t *) = {
		tk_posts, tk_messages, tk_settings, tk_location,
	};
	size_t i;
	int ret = CND_OK;

	(void)index;
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_FAILED, -1,
			      "the TikTok export is not a JSON object: not read");
		return CND_OK;
	}
	if (st->seen_doc)
		cnd_scan_diag(s, CND_WARN, -1,
			      "a second TikTok data file in one export: its records are counted again");
	st->seen_doc = 1;
	tk_profile(s, doc);
	if (!tk_find(doc, p_posts) && !tk_find(doc, p_following) &&
	    !tk_find(doc, p_dms))
		cnd_scan_diag(s, CND_WARN, -1,
			      "no known TikTok section (Post, Your Activity, Direct Message, or the older Video, Activity, Direct Messages) found: the layout may be new");
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) && ret < CND_FATAL;
	     i++)
		ret = steps[i](s, doc);
	if (ret < CND_FATAL)
		ret = tk_follows(s, tk_find(doc, p_following),
				 CND_FOLLOW_FOLLOWING, "following list");
	if (ret < CND_FATAL)
		ret = tk_follows(s, tk_find(doc, p_followers),
				 CND_FOLLOW_FOLLOWER, "follower list");
	if (ret < CND_FATAL)
		ret = tk_simple(s, tk_find(doc, p_searches),
				CND_REC_SEARCH, "search");
	if (ret < CND_FATAL)
		ret = tk_simple(s, tk_find(doc, p_likes), CND_REC_LIKE,
				"like");
	if (ret < CND_FATAL)
		ret = tk_simple(s, tk_find(doc, p_comments),
				CND_REC_COMMENT, "comment");
	return ret;
}

static const struct cnd_handler tk_handlers[] = {
	{ "user_data_tiktok.json", CND_KIND_JSON, NULL, tk_document,
	  "TikTok data (videos, follows, messages, searches, likes, settings)",
	  0, NULL },
	{ "user_data.json", CND_KIND_JSON, NULL, tk_document,
	  "TikTok data, pre-2024 layout (videos, follows, messages, searches, likes, settings)",
	  0, NULL },
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const tk_ignore[] = {
	NULL,
};

const struct cnd_platform cnd_platform_tiktok = {
	.name = "tiktok",
	.title = "TikTok",
	.handlers = tk_handlers,
	.ignore = tk_ignore,
	.state_size = sizeof(struct tk_state),
};
