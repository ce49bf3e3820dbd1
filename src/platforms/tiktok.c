/*
 * TikTok: reads the JSON export a person requests in the app ("Settings
 * and privacy > Account > Download your data", format JSON) and turns it
 * into records: videos posted (posts, with who could view them), accounts
 * followed and followers, searches, liked videos, comments, direct
 * messages (the peer's handle is inside the conversation's key), the
 * privacy settings, and the most recent location when the export has one.
 * The profile names the account.
 *
 * The export is one JSON object in one file, whose watch and login
 * histories grow without end for heavy users. It is streamed: the lists
 * read (below) element by element, each conversation's messages one by
 * one, the small maps (profile, settings, location) as whole values, and
 * everything else scanned past unparsed, so memory stays that of one
 * entry whatever the file's size. Real files list their sections in
 * alphabetical order, so the profile, which says who "me" is in group
 * chats, comes after the messages: when a group chat was met before it,
 * the export is read once more knowing the account (cnd_scan_learn).
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
 * The TXT export (one file per section) is read by tiktok_txt.c into the
 * same records, through the section functions tiktok.h shares.
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
#include "tiktok.h"

extern const struct cnd_platform cnd_platform_tiktok;

struct tk_state {
	const char *username; /* the subject's own userName */
	const char *member;   /* the data file read first */
	long long msg_item;   /* messages met so far: their item numbers */
	unsigned second_file : 1; /* a second data file was reported */
	unsigned group_early : 1; /* a group chat before the profile */
};

/* The fact a second read starts from: the account's userName. */
#define TK_FACT_USER "tiktok.username"

/* The handler's paths (tk_handlers), in this order. */
enum tk_path {
	TK_PROFILE_NEW,
	TK_PROFILE_OLD,
	TK_POSTS_NEW,
	TK_POSTS_OLD,
	TK_FOLLOWING_NEW,
	TK_FOLLOWING_OLD,
	TK_FOLLOWERS_NEW,
	TK_FOLLOWERS_OLD,
	TK_SEARCHES_NEW,
	TK_SEARCHES_OLD,
	TK_LIKES_NEW,
	TK_LIKES_SPLIT,
	TK_LIKES_OLD,
	TK_COMMENTS,
	TK_DMS_NEW,
	TK_DMS_OLD,
	TK_SETTINGS,
	TK_LOCATION_NEW,
	TK_LOCATION_OLD,
};

#define TK_PATHS                                                     \
	"Profile.Profile Info.ProfileMap{}|"                          \
	"Profile.Profile Information.ProfileMap{}|"                   \
	"Post.Posts.VideoList|"                                       \
	"Video.Videos.VideoList|"                                     \
	"Your Activity.Following.Following|"                          \
	"Activity.Following List.Following|"                          \
	"Your Activity.Follower.FansList|"                            \
	"Activity.Follower List.FansList|"                            \
	"Your Activity.Searches.SearchList|"                          \
	"Activity.Search History.SearchList|"                         \
	"Your Activity.Like List.ItemFavoriteList|"                   \
	"Likes and Favorites.Like List.ItemFavoriteList|"             \
	"Activity.Like List.ItemFavoriteList|"                        \
	"Comment.Comments.CommentsList|"                              \
	"Direct Message.Direct Messages.ChatHistory.*|"               \
	"Direct Messages.Chat History.ChatHistory.*|"                 \
	"App Settings.Settings.SettingsMap{}|"                        \
	"Your Activity.Most Recent Location Data.LocationData{}|"     \
	"Activity.Most Recent Location Data.LocationData{}"

/* --- Values: placeholders ("N/A", "None", "null") are absent --- */

/* "<what> has an unreadable date '...': kept without a time" */
#define DATE_SAY(what) \
	(&(const struct cnd_date_say){ CND_DATE_SAY_TEXT, what, NULL, "date" })

static int tk_emit(struct cnd_scan *s, struct cnd_record *r, long long item)
{
	r->prov.member = cnd_scan_member(s);
	r->prov.item = item;
	return cnd_emit(s, r);
}

/* --- Sections --- */

void tk_profile(struct cnd_scan *s, const json_t *map)
{
	struct tk_state *st = cnd_scan_state(s);
	const char *user;
	long long n;

	if (!json_is_object(map)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "the profile map is not an object: not read");
		return;
	}
	user = CND_FIELD_FIRST(cnd_scan_scratch(s), map, CND_FIELD_PLACEHOLDER,
			       "userName", "UserName");
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
	/* group chats came first: read again, knowing whose account it is */
	cnd_scan_learn(s, TK_FACT_USER, st->username, st->group_early);
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

int tk_post(struct cnd_scan *s, const json_t *e, long long i)
{
	struct cnd_record r = { 0 };
	const char *who;

	if (!json_is_object(e)) {
		cnd_scan_diag(s, CND_WARN, i,
			      "video entry is not an object: skipped");
		return CND_OK;
	}
	r.kind = CND_REC_POST;
	r.id = CND_FIELD_FIRST(cnd_scan_scratch(s), e, CND_FIELD_PLACEHOLDER,
			       "Link", "VideoLink");
	r.time = cnd_field_date_read(s, i,
				     CND_FIELD_FIRST(cnd_scan_scratch(s), e,
						     CND_FIELD_PLACEHOLDER,
						     "Date", "date"),
				     CND_DATE_ANY, DATE_SAY("video"));
	r.text = CND_FIELD_FIRST(cnd_scan_scratch(s), e, CND_FIELD_PLACEHOLDER,
				 "Title", "Description");
	r.place = cnd_field_get(cnd_scan_scratch(s), e, "Location",
				CND_FIELD_PLACEHOLDER);
	who = cnd_field_get(cnd_scan_scratch(s), e, "WhoCanView",
			    CND_FIELD_PLACEHOLDER);
	r.visibility = tk_visibility(who);
	if (who && !r.visibility)
		cnd_scan_diag(s, CND_WARN, i,
			      "video has an unknown 'WhoCanView' value '%s': visibility left unknown",
			      who);
	return tk_emit(s, &r, i);
}

/* Following, followers: { Date, UserName } */
int tk_follow(struct cnd_scan *s, const json_t *e, long long i,
	      enum cnd_follow_dir dir, const char *what)
{
	struct cnd_record r = { 0 };
	const char *user =
		CND_FIELD_FIRST(cnd_scan_scratch(s), e, CND_FIELD_PLACEHOLDER,
				"UserName", "Username");

	if (!user) {
		cnd_scan_diag(s, CND_WARN, i, "%s entry has no 'UserName': skipped",
			      what);
		return CND_OK;
	}
	r.kind = CND_REC_FOLLOW;
	r.dir = dir;
	r.counterpart.handle = *user == '@' ? user + 1 : user;
	r.time = cnd_field_date_read(s, i,
				     CND_FIELD_FIRST(cnd_scan_scratch(s), e,
						     CND_FIELD_PLACEHOLDER,
						     "Date", "date"),
				     CND_DATE_ANY, DATE_SAY(what));
	return tk_emit(s, &r, i);
}

/* Searches { Date, SearchTerm }, likes { date, link }, comments. */
int tk_simple(struct cnd_scan *s, const json_t *e, long long i,
	      enum cnd_record_kind kind, const char *what)
{
	struct cnd_record r = { 0 };

	if (!json_is_object(e)) {
		cnd_scan_diag(s, CND_WARN, i, "%s entry is not an object: skipped",
			      what);
		return CND_OK;
	}
	r.kind = kind;
	r.time = cnd_field_date_read(s, i,
				     CND_FIELD_FIRST(cnd_scan_scratch(s), e,
						     CND_FIELD_PLACEHOLDER,
						     "Date", "date"),
				     CND_DATE_ANY, DATE_SAY(what));
	if (kind == CND_REC_SEARCH) {
		r.text = CND_FIELD_FIRST(cnd_scan_scratch(s), e,
					 CND_FIELD_PLACEHOLDER, "SearchTerm",
					 "searchTerm");
	} else if (kind == CND_REC_LIKE) {
		r.id = CND_FIELD_FIRST(cnd_scan_scratch(s), e,
				       CND_FIELD_PLACEHOLDER, "link", "Link");
		if (!r.id)
			r.id = cnd_field_get(cnd_scan_scratch(s), e,
					     "VideoLink",
					     CND_FIELD_PLACEHOLDER);
	} else {
		r.text = CND_FIELD_FIRST(cnd_scan_scratch(s), e,
					 CND_FIELD_PLACEHOLDER, "comment",
					 "Comment");
		r.id = CND_FIELD_FIRST(cnd_scan_scratch(s), e,
				       CND_FIELD_PLACEHOLDER, "url", "Url");
	}
	if (!r.text && !r.id)
		return CND_OK; /* only placeholders: nothing to review */
	return tk_emit(s, &r, i);
}

/* --- Direct messages --- */

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

/* One message of the conversation under key (a streamed element). */
int tk_message(struct cnd_scan *s, const char *key, const json_t *m)
{
	struct tk_state *st = cnd_scan_state(s);
	struct cnd_record r = { 0 };
	const char *peer, *from;
	long long at = st->msg_item++;
	int group;

	peer = key ? tk_peer(s, key, &group) : NULL;
	if (!peer) {
		cnd_scan_diag(s, CND_WARN, at,
			      "conversation key '%s' names nobody: skipped",
			      key ? key : "");
		return CND_OK;
	}
	if (!json_is_object(m)) {
		cnd_scan_diag(s, CND_WARN, at,
			      "message in '%s' is not an object: skipped", key);
		return CND_OK;
	}
	from = cnd_field_get(cnd_scan_scratch(s), m, "From",
			     CND_FIELD_PLACEHOLDER);
	r.kind = CND_REC_MESSAGE;
	r.conversation = cnd_arena_printf(cnd_scan_scratch(s), "tiktok:%s",
					  peer);
	r.text = cnd_field_get(cnd_scan_scratch(s), m, "Content",
			       CND_FIELD_PLACEHOLDER);
	r.time = cnd_field_date_read(s, at,
				     cnd_field_get(cnd_scan_scratch(s), m,
						   "Date",
						   CND_FIELD_PLACEHOLDER),
				     CND_DATE_ANY, DATE_SAY("message"));
	if (from && *from == '@')
		from++;
	if (group && !st->username)
		st->group_early = 1; /* whose messages: known after the profile */
	if (st->username && from)
		r.outgoing = !strcasecmp(from, st->username);
	else if (!group && from)
		r.outgoing = strcasecmp(from, peer) != 0;
	if (group)
		r.counterpart.handle = r.outgoing ? NULL : from;
	else
		r.counterpart.handle = peer;
	return tk_emit(s, &r, at);
}

/* --- Settings and location --- */

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

int tk_settings(struct cnd_scan *s, const json_t *map)
{
	json_t *v;
	const char *key;
	long long item = 0;
	int ret = CND_OK;

	if (!json_is_object(map)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "settings map is not an object: not read");
		return CND_OK;
	}
	json_object_foreach((json_t *)map, key, v) {
		struct cnd_record r = { 0 };
		const char *val = cnd_field_get(cnd_scan_scratch(s), map, key,
						CND_FIELD_PLACEHOLDER);

		if (!val && json_is_boolean(v))
			val = json_is_true(v) ? "true" : "false";
		if (!val)
			continue;
		r.kind = CND_REC_SETTING;
		r.time = CND_TIME_NONE; /* the export gives the state only */
		if (!strcasecmp(key, "Private Account")) {
			int truth = cnd_field_truth_text(val, CND_TRUTH_SWITCH);

			r.setting = "private-account";
			r.value = truth == 1   ? "true"
				  : truth == 0 ? "false"
					       : val;
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

int tk_location(struct cnd_scan *s, const json_t *loc)
{
	struct cnd_record r = { 0 };
	const char *gps;

	if (!json_is_object(loc))
		return CND_OK;
	gps = cnd_field_get(cnd_scan_scratch(s), loc, "GpsData",
			    CND_FIELD_PLACEHOLDER);
	if (!gps || cnd_geo_parse(gps, &r.lat, &r.lon) ||
	    !cnd_geo_valid(r.lat, r.lon))
		return CND_OK; /* usually "N/A": the region alone is no point */
	r.kind = CND_REC_LOCATION;
	r.has_geo = 1;
	r.place = cnd_field_get(cnd_scan_scratch(s), loc, "LastRegion",
				CND_FIELD_PLACEHOLDER);
	r.label = "most-recent";
	r.time = cnd_field_date_read(s, -1,
				     cnd_field_get(cnd_scan_scratch(s), loc,
						   "Date",
						   CND_FIELD_PLACEHOLDER),
				     CND_DATE_ANY, DATE_SAY("location"));
	return tk_emit(s, &r, -1);
}

/* --- The document --- */

/* After the document: was it TikTok's at all? */
static int tk_end(struct cnd_scan *s)
{
	static const enum tk_path known[] = {
		TK_POSTS_NEW,	  TK_POSTS_OLD, TK_FOLLOWING_NEW,
		TK_FOLLOWING_OLD, TK_DMS_NEW,	TK_DMS_OLD,
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (cnd_scan_path_met(s, known[i]))
			return CND_OK;
	cnd_scan_diag(s, CND_WARN, -1,
		      "no known TikTok section (Post, Your Activity, Direct Message, or the older Video, Activity, Direct Messages) found: the layout may be new");
	return CND_OK;
}

/* Every entry and value of the sections read (see TK_PATHS). */
static int tk_document(struct cnd_scan *s, json_t *v, long long index)
{
	struct tk_state *st = cnd_scan_state(s);
	const char *member = cnd_scan_member(s);

	if (!st->username && cnd_scan_fact(s, TK_FACT_USER))
		st->username = cnd_scan_fact(s, TK_FACT_USER);
	if (!st->member) {
		st->member = cnd_arena_strdup(cnd_scan_arena(s), member);
	} else if (strcmp(st->member, member) && !st->second_file) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "a second TikTok data file in one export: its records are counted again");
		st->second_file = 1;
	}
	if (index == CND_JSON_REST)
		return tk_end(s);
	switch ((enum tk_path)cnd_scan_path(s)) {
	case TK_PROFILE_NEW:
	case TK_PROFILE_OLD:
		tk_profile(s, v);
		return CND_OK;
	case TK_POSTS_NEW:
	case TK_POSTS_OLD:
		return tk_post(s, v, index);
	case TK_FOLLOWING_NEW:
	case TK_FOLLOWING_OLD:
		return tk_follow(s, v, index, CND_FOLLOW_FOLLOWING,
				 "following list");
	case TK_FOLLOWERS_NEW:
	case TK_FOLLOWERS_OLD:
		return tk_follow(s, v, index, CND_FOLLOW_FOLLOWER,
				 "follower list");
	case TK_SEARCHES_NEW:
	case TK_SEARCHES_OLD:
		return tk_simple(s, v, index, CND_REC_SEARCH, "search");
	case TK_LIKES_NEW:
	case TK_LIKES_SPLIT:
	case TK_LIKES_OLD:
		return tk_simple(s, v, index, CND_REC_LIKE, "like");
	case TK_COMMENTS:
		return tk_simple(s, v, index, CND_REC_COMMENT, "comment");
	case TK_DMS_NEW:
	case TK_DMS_OLD:
		return tk_message(s, cnd_scan_key(s), v);
	case TK_SETTINGS:
		return tk_settings(s, v);
	case TK_LOCATION_NEW:
	case TK_LOCATION_OLD:
		return tk_location(s, v);
	}
	return CND_OK;
}

static const struct cnd_handler tk_handlers[] = {
	{ "user_data_tiktok.json", CND_KIND_JSON, TK_PATHS, tk_document,
	  "TikTok data (videos, follows, messages, searches, likes, settings)",
	  CND_HANDLER_REST, NULL },
	{ "user_data.json", CND_KIND_JSON, TK_PATHS, tk_document,
	  "TikTok data, pre-2024 layout (videos, follows, messages, searches, likes, settings)",
	  CND_HANDLER_REST, NULL },
	TK_TXT_ROWS,
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const tk_ignore[] = {
	"*.txt", /* TXT sections not read (TK_TXT_ROWS lists those read) */
	NULL,
};

/*
 * The single user_data.txt of older TXT exports is listed as ignored (as
 * every .txt not read), but its records are lost, which is said here: no
 * public description of its inside was found to read it by.
 */
static int tk_finish(struct cnd_scan *s)
{
	if (!cnd_scan_has_member(s, "user_data.txt") ||
	    cnd_scan_has_member(s, "user_data.json") ||
	    cnd_scan_has_member(s, "user_data_tiktok.json"))
		return CND_OK;
	cnd_scan_diag(s, CND_FAILED, -1,
		      "user_data.txt (the single TXT file of older TikTok exports) is not read: its layout is not known to conduct");
	cnd_scan_gap(s,
		     "an older TikTok TXT export (user_data.txt) cannot be reviewed: ask for the JSON format");
	return CND_OK;
}

const struct cnd_platform cnd_platform_tiktok = {
	.name = "tiktok",
	.title = "TikTok",
	.handlers = tk_handlers,
	.ignore = tk_ignore,
	.state_size = sizeof(struct tk_state),
	.finish = tk_finish,
};
