/*
 * Facebook (and Messenger): reads the archive a person downloads from
 * Meta's "Download your information" (JSON format) and turns it into
 * records: posts with their attachments (a place with coordinates makes a
 * geotagged check-in; external links are kept in the text; EXIF GPS of
 * photos where present), comments, reactions (likes), friends (names only:
 * Facebook exports no id or username for them, so a client can only be
 * matched by name, "possible"), followers and accounts followed, friend
 * requests sent and received, removed friends (events, not friends), post
 * audiences and friend lists such as Restricted and Acquaintances (setting
 * records), location history, search history and Messenger threads (one
 * record per message, message requests included). Every string goes
 * through the Meta mojibake repair. Keys carry version suffixes that change
 * between years (friends, friends_v2; following_v3), so lists are found by
 * shape. An export requested as HTML is read into the same records by
 * facebook_html.c.
 *
 * Layouts read (FORMATS.md section 3; real 2019 location file and 2026
 * connections/ files, schemas and third-party test data for the rest):
 *
 *   2019                              2021-2023
 *   posts/your_posts[_1].json         posts/your_posts_1.json
 *   comments/comments.json            comments_and_reactions/comments.json
 *   likes_and_reactions/              comments_and_reactions/
 *     posts_and_comments.json           posts_and_comments.json
 *   friends/{friends,sent_friend_requests, received_friend_requests,
 *     removed_friends}.json           friends_and_followers/{same,
 *   following_and_followers/            followers, following}.json
 *     {following,followers}.json      search/your_search_history.json
 *   location/location_history.json    messages/inbox/<name>_<id>/message_1.json
 *   search_history/your_search_history.json
 *   profile_information/profile_information.json ({profile} / {profile_v2})
 *
 *   2024+ (Accounts Center)
 *   your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json
 *   your_facebook_activity/comments_and_reactions/{comments.json,
 *     likes_and_reactions_1.json}
 *   your_facebook_activity/messages/{inbox,message_requests,
 *     filtered_threads,archived_threads}/<thread>/message_1.json
 *   connections/friends/{your_friends, removed_friends,
 *     sent_friend_requests, received_friend_requests,
 *     your_post_audiences}.json
 *   connections/followers/{who_you've_followed,people_who_followed_you}.json
 *   logged_information/search/your_search_history.json
 *   personal_information/profile_information/profile_information.json
 *
 *   post      { timestamp, data: [{post} | {update_timestamp}], title,
 *             attachments: [{ data: [{media: {uri, exif_data}} | {place:
 *             {name, coordinate: {latitude, longitude}}} |
 *             {external_context: {url}}] }] }
 *   friends   {friends_v2: [{name, timestamp}]}; followers {followers_v3:
 *             [{name}]} (no time)
 *   audiences [ {label_values: [{label: "Name", value}, {title: "Members",
 *             dict: [...]}], fbid} ]
 *   message_1.json as Instagram's, plus thread_type, is_unsent
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
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"
#include "facebook.h"
#include "meta.h"

extern const struct cnd_platform cnd_platform_facebook;

struct fb_state {
	struct cnd_meta_own own; /* full name (sender_name), username */
};

/* struct cnd_meta_own comes first: see facebook.h */
static struct fb_state *fb_state(struct cnd_scan *s)
{
	return cnd_scan_state(s);
}

/* --- Small helpers (the Meta ones are in meta.c) --- */

/*
 * The list a document holds: the document when it is an array, else the
 * first array-valued member whose name starts with one of the prefixes
 * (version suffixes change: friends, friends_v2), else the first array.
 */
static json_t *fb_list(json_t *doc, const char *const *prefixes)
{
	const char *k;
	json_t *v;
	size_t i;

	if (json_is_array(doc))
		return doc;
	if (!json_is_object(doc))
		return NULL;
	for (i = 0; prefixes && prefixes[i]; i++) {
		json_object_foreach(doc, k, v) {
			if (json_is_array(v) &&
			    !strncmp(k, prefixes[i], strlen(prefixes[i])))
				return v;
		}
	}
	json_object_foreach(doc, k, v) {
		if (json_is_array(v))
			return v;
	}
	return NULL;
}

#define FB_KEYS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The first data[] item with key, e.g. data[{post}] or data[{comment}]. */
static json_t *fb_data_item(const json_t *e, const char *key)
{
	json_t *data = json_object_get(e, "data"), *d;
	size_t i;

	json_array_foreach(data, i, d) {
		if (json_object_get(d, key))
			return json_object_get(d, key);
	}
	return NULL;
}

/* --- The subject: profile_information.json --- */

static int fb_profile(struct cnd_scan *s, json_t *doc, long long index)
{
	struct fb_state *st = fb_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);
	json_t *p = NULL, *v;
	const char *k, *name, *user;

	(void)index;
	/* {profile} in 2019, {profile_v2} later: take the object */
	json_object_foreach(doc, k, v) {
		if (!strncmp(k, "profile", 7) && json_is_object(v))
			p = v;
	}
	if (!p) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "profile information holds no profile: not used");
		return CND_OK;
	}
	name = cnd_meta_str(s, json_object_get(p, "name"), "full_name");
	if (!name)
		name = cnd_meta_str(s, p, "name");
	user = cnd_meta_str(s, p, "username");
	if (name && !st->own.name)
		st->own.name = cnd_arena_strdup(a, name);
	if (user && !st->own.username) {
		st->own.username = cnd_arena_strdup(a, user);
		cnd_scan_set_account(s, user);
	} else if (name && !user) {
		cnd_scan_set_account(s, name);
	}
	return CND_OK;
}

/* --- Posts --- */

/* Attachments: place (check-in), media EXIF GPS, external links. */
static const char *fb_attachments(struct cnd_scan *s, const json_t *e,
				  struct cnd_record *r, const char *text)
{
	json_t *atts = json_object_get(e, "attachments"), *att, *d, *x, *c;
	size_t i, j, k;
	double lat, lon;

	json_array_foreach(atts, i, att) {
		json_array_foreach(json_object_get(att, "data"), j, d) {
			json_t *place = json_object_get(d, "place");
			json_t *media = json_object_get(d, "media");
			const char *url = cnd_meta_str(
				s, json_object_get(d, "external_context"),
				"url");

			if (json_is_object(place)) {
				if (!r->label)
					r->label = "check-in";
				if (!r->place)
					r->place = cnd_meta_str(s, place,
								"name");
				c = json_object_get(place, "coordinate");
				if (!r->has_geo &&
				    !cnd_meta_coord(c, &lat, &lon)) {
					r->has_geo = 1;
					r->lat = lat;
					r->lon = lon;
				}
			}
			if (json_is_object(media)) {
				if (!text)
					text = cnd_meta_str(s, media,
							    "description");
				x = cnd_json_path(media,
						  "media_metadata.photo_metadata.exif_data");
				json_array_foreach(x, k, d) {
					if (r->has_geo ||
					    cnd_meta_coord(d, &lat, &lon))
						continue;
					r->has_geo = 1;
					r->lat = lat;
					r->lon = lon;
				}
			}
			if (url)
				text = text ? cnd_arena_printf(
						      cnd_scan_scratch(s),
						      "%s\n%s", text, url) :
					      url;
		}
	}
	return text;
}

static int fb_post_entry(struct cnd_scan *s, const json_t *e, long long item,
			 const void *label)
{
	struct cnd_record r = { 0 };
	json_t *post;
	const char *text = NULL;

	if (!json_is_object(e)) {
		cnd_scan_diag(s, CND_WARN, item, "post is not an object: skipped");
		return CND_OK;
	}
	r.kind = CND_REC_POST;
	r.label = label;
	r.time = cnd_field_epoch_of(e, "timestamp", CND_EPOCH_S);
	post = fb_data_item(e, "post");
	if (json_is_string(post))
		text = cnd_field_text(cnd_scan_scratch(s), post,
				      CND_FIELD_REPAIR);
	r.text = fb_attachments(s, e, &r, text);
	if (!r.text)
		r.text = cnd_meta_str(s, e, "title");
	r.id = r.time != CND_TIME_NONE ?
		       cnd_arena_printf(cnd_scan_scratch(s), "post:%lld",
					(long long)r.time) :
		       NULL;
	if (r.time == CND_TIME_NONE)
		cnd_field_date_say(s, item, 1, NULL,
				   &(const struct cnd_date_say){
					   CND_DATE_SAY_HAS, "post", NULL,
					   "'timestamp'" });
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

static int fb_post_list(struct cnd_scan *s, json_t *doc, const char *label)
{
	return cnd_meta_each(s, fb_list(doc, FB_KEYS("status_updates", "posts",
						     "group_posts")),
			     "posts file", fb_post_entry, label);
}

static int fb_posts(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return fb_post_list(s, doc, NULL);
}

/* groups/your_posts_in_groups.json: {group_posts_v2: [posts]} */
static int fb_group_posts(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return fb_post_list(s, doc, "group");
}

/* --- Comments and reactions --- */

/*
 * The owner of the content a comment or reaction was on, from the English
 * title Facebook writes ("A likes B's post.", "A commented on B's photo.",
 * "A reacted to B's comment."); NULL when the title says no owner ("a
 * post", "their own post") or is in another language.
 */
const char *fb_title_owner(struct cnd_scan *s, const char *title)
{
	static const char *const verbs[] = { " likes ", " liked ",
					     " commented on ", " reacted to ",
					     " replied to ", NULL };
	const char *p = NULL, *end, *alt;
	size_t i;

	if (!title)
		return NULL;
	for (i = 0; verbs[i] && !p; i++) {
		p = strstr(title, verbs[i]);
		if (p)
			p += strlen(verbs[i]);
	}
	if (!p)
		return NULL;
	end = strstr(p, "'s ");
	alt = strstr(p, "\xE2\x80\x99s "); /* typographic apostrophe */
	if (alt && (!end || alt < end))
		end = alt;
	if (!end || end == p || !strncmp(p, "their ", 6) ||
	    !strncmp(p, "his ", 4) || !strncmp(p, "her ", 4))
		return NULL;
	return cnd_arena_strndup(cnd_scan_scratch(s), p, (size_t)(end - p));
}


static int fb_comment(struct cnd_scan *s, const json_t *e, long long item,
		      const void *arg)
{
	struct cnd_record r = { 0 };
	json_t *c = fb_data_item(e, "comment");

	(void)arg;
	r.kind = CND_REC_COMMENT;
	r.counterpart.name = fb_title_owner(s, cnd_meta_str(s, e, "title"));
	r.text = cnd_meta_str(s, c, "comment");
	r.time = cnd_field_epoch_of(c, "timestamp", CND_EPOCH_S);
	if (r.time == CND_TIME_NONE)
		r.time = cnd_field_epoch_of(e, "timestamp", CND_EPOCH_S);
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	if (!r.text) {
		cnd_scan_diag(s, CND_WARN, item,
			      "comment has no text: skipped");
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

static int fb_comments(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, fb_list(doc, FB_KEYS("comments",
						     "group_comments")),
			     "comments file", fb_comment, NULL);
}

static int fb_reaction(struct cnd_scan *s, const json_t *e, long long item,
		       const void *arg)
{
	struct cnd_record r = { 0 };

	(void)arg;
	r.kind = CND_REC_LIKE;
	r.time = cnd_field_epoch_of(e, "timestamp", CND_EPOCH_S);
	r.text = cnd_meta_str(s, e, "title");
	r.counterpart.name = fb_title_owner(s, r.text);
	r.label = cnd_meta_str(s, fb_data_item(e, "reaction"), "reaction");
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

static int fb_reactions(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, fb_list(doc, FB_KEYS("reactions")),
			     "reactions file", fb_reaction, NULL);
}

/* --- Friends, followers, requests --- */

/* What an entry of a people list becomes: a follow, or an event. */
struct fb_people_kind {
	int dir;
	const char *event; /* "unfriended": an event, not a follow */
};

static int fb_person(struct cnd_scan *s, const json_t *e, long long item,
		     const void *arg)
{
	const struct fb_people_kind *k = arg;
	struct cnd_record r = { 0 };
	const char *name = json_is_string(e) ?
		cnd_text_unmojibake(cnd_scan_scratch(s), json_string_value(e)) :
		cnd_meta_str(s, e, "name");

	if (!name) {
		cnd_scan_diag(s, CND_WARN, item, "entry names no one: skipped");
		return CND_OK;
	}
	r.time = cnd_field_epoch_of(e, "timestamp", CND_EPOCH_S);
	r.counterpart.name = name;
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	if (k->event) {
		r.kind = CND_REC_EVENT;
		r.setting = k->event;
		r.id = name;
	} else {
		/*
		 * Every entry is a person of its own: Facebook gives names
		 * only, and two friends may share a name, so entries are
		 * never merged by name (a member present in two parts of a
		 * split export is read once by the core).
		 */
		r.kind = CND_REC_FOLLOW;
		r.dir = (enum cnd_follow_dir)k->dir;
	}
	return cnd_emit(s, &r);
}

static int fb_people(struct cnd_scan *s, json_t *doc,
		     const char *const *prefixes, int dir, const char *event)
{
	const struct fb_people_kind k = { dir, event };

	return cnd_meta_each(s, fb_list(doc, prefixes), "connections file",
			     fb_person, &k);
}

static int fb_friends(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return fb_people(s, doc, FB_KEYS("friends"), CND_FOLLOW_FRIEND, NULL);
}

static int fb_followers(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return fb_people(s, doc, FB_KEYS("followers"), CND_FOLLOW_FOLLOWER,
			 NULL);
}

static int fb_following(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return fb_people(s, doc, FB_KEYS("following"), CND_FOLLOW_FOLLOWING,
			 NULL);
}

static int fb_sent(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return fb_people(s, doc, FB_KEYS("sent_requests"),
			 CND_FOLLOW_REQUEST_SENT, NULL);
}

static int fb_received(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return fb_people(s, doc, FB_KEYS("received_requests"),
			 CND_FOLLOW_REQUEST_RECEIVED, NULL);
}

static int fb_removed(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return fb_people(s, doc, FB_KEYS("deleted_friends"), 0, "unfriended");
}

/*
 * your_post_audiences.json / friend lists: one setting record per list
 * (Restricted, Acquaintances, Close Friends, custom), value its number of
 * members; a member list itself names people already counted as friends.
 */
static int fb_audience(struct cnd_scan *s, const json_t *e, long long item,
		       const void *arg)
{
	struct cnd_record r = { 0 };
	json_t *lv = json_object_get(e, "label_values"), *l;
	size_t members = 0, j;

	(void)arg;
	r.label = cnd_meta_str(s, e, "name");
	json_array_foreach(lv, j, l) {
		const char *label = cnd_meta_str(s, l, "label");
		json_t *dict = json_object_get(l, "dict");

		if (json_is_array(dict))
			members += json_array_size(dict);
		else if (json_is_array(json_object_get(l, "vec")))
			members += json_array_size(json_object_get(l, "vec"));
		if (!r.label && label && !strcasecmp(label, "Name"))
			r.label = cnd_meta_str(s, l, "value");
	}
	if (!r.label && json_is_array(json_object_get(e, "members")))
		members = json_array_size(json_object_get(e, "members"));
	if (!r.label) {
		cnd_scan_diag(s, CND_WARN, item,
			      "audience list has no name: skipped");
		return CND_OK;
	}
	r.kind = CND_REC_SETTING;
	r.setting = "friend-list";
	r.time = CND_TIME_NONE;
	r.value = cnd_arena_printf(cnd_scan_scratch(s), "%zu member%s",
				   members, members == 1 ? "" : "s");
	r.id = cnd_meta_str(s, e, "fbid");
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

static int fb_audiences(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, fb_list(doc, FB_KEYS("friend_lists",
						     "audience")),
			     "audiences file", fb_audience, NULL);
}

/* --- Location and search history --- */

static int fb_location(struct cnd_scan *s, const json_t *e, long long item,
		       const void *arg)
{
	struct cnd_record r = { 0 };

	(void)arg;
	r.kind = CND_REC_LOCATION;
	r.place = cnd_meta_str(s, e, "name");
	r.time = cnd_field_epoch_of(e, "creation_timestamp", CND_EPOCH_S);
	if (r.time == CND_TIME_NONE)
		r.time = cnd_field_epoch_of(e, "timestamp", CND_EPOCH_S);
	if (cnd_meta_coord(json_object_get(e, "coordinate"), &r.lat, &r.lon)) {
		cnd_scan_diag(s, CND_WARN, item,
			      "location has no readable coordinate: skipped");
		return CND_OK;
	}
	r.has_geo = 1;
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	return cnd_emit(s, &r);
}

static int fb_locations(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, fb_list(doc, FB_KEYS("location_history")),
			     "location history", fb_location, NULL);
}

static int fb_search(struct cnd_scan *s, const json_t *e, long long item,
		     const void *arg)
{
	struct cnd_record r = { 0 };
	json_t *d;

	(void)arg;
	r.kind = CND_REC_SEARCH;
	r.time = cnd_field_epoch_of(e, "timestamp", CND_EPOCH_S);
	d = json_array_get(json_object_get(e, "data"), 0);
	r.text = cnd_meta_str(s, d, "text");
	if (!r.text) {
		d = json_array_get(json_object_get(e, "attachments"), 0);
		d = json_array_get(json_object_get(d, "data"), 0);
		r.text = cnd_meta_str(s, d, "text");
	}
	r.prov.member = cnd_scan_member(s);
	r.prov.item = item;
	if (!r.text) {
		cnd_scan_diag(s, CND_WARN, item, "search has no text: skipped");
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

static int fb_searches(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, fb_list(doc, FB_KEYS("searches")),
			     "search history", fb_search, NULL);
}

/* --- Messenger --- */

static int fb_thread(struct cnd_scan *s, json_t *doc, long long index)
{
	const char *member = cnd_scan_member(s);
	int request = member && (strstr(member, "message_requests/") ||
				 strstr(member, "filtered_threads/"));

	(void)index;
	return cnd_meta_thread(s, doc, &fb_state(s)->own, "profile information",
			       request, 0);
}


/* --- Hooks --- */

static int fb_begin(struct cnd_scan *s)
{
	(void)s;
	return CND_OK;
}

static int fb_finish(struct cnd_scan *s)
{
	cnd_scan_gap(s,
		     "Facebook exports friends by name only (no id or username): a client can only be matched by name");
	return CND_OK;
}

static void fb_release(struct cnd_scan *s)
{
	(void)s;
}

/* --- Tables --- */

#define FB_ROW(glob, fn, what) { glob, CND_KIND_JSON, NULL, fn, what, 0, NULL }

static const struct cnd_handler fb_handlers[] = {
	{ "profile_information/profile_information.json", CND_KIND_JSON, NULL,
	  fb_profile, "profile (name, username)",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	FB_ROW("posts/your_posts__check_ins__photos_and_videos*.json",
	       fb_posts, "posts, check-ins, photos and videos"),
	FB_ROW("posts/your_posts*.json", fb_posts, "posts"),
	FB_ROW("groups/your_posts_in_groups.json", fb_group_posts,
	       "posts in groups"),
	FB_ROW("groups/your_comments_in_groups.json", fb_comments,
	       "comments in groups"),
	FB_ROW("comments/comments.json", fb_comments, "comments"),
	FB_ROW("comments_and_reactions/comments*.json", fb_comments,
	       "comments"),
	FB_ROW("likes_and_reactions/posts_and_comments.json", fb_reactions,
	       "reactions (likes)"),
	FB_ROW("comments_and_reactions/posts_and_comments.json", fb_reactions,
	       "reactions (likes)"),
	FB_ROW("comments_and_reactions/likes_and_reactions*.json",
	       fb_reactions, "reactions (likes)"),
	FB_ROW("friends/friends.json", fb_friends, "friends"),
	FB_ROW("friends_and_followers/friends.json", fb_friends, "friends"),
	FB_ROW("connections/friends/your_friends.json", fb_friends, "friends"),
	FB_ROW("*friends*/sent_friend_requests.json", fb_sent,
	       "friend requests sent"),
	FB_ROW("*friends*/received_friend_requests.json", fb_received,
	       "friend requests received"),
	FB_ROW("*friends*/removed_friends.json", fb_removed, "removed friends"),
	FB_ROW("connections/friends/your_post_audiences.json", fb_audiences,
	       "post audiences and friend lists"),
	FB_ROW("friends*/friend_lists.json", fb_audiences, "friend lists"),
	FB_ROW("following_and_followers/following.json", fb_following,
	       "people and pages followed"),
	FB_ROW("friends_and_followers/following.json", fb_following,
	       "people and pages followed"),
	FB_ROW("connections/followers/who_you've_followed*.json",
	       fb_following, "people and pages followed"),
	FB_ROW("following_and_followers/followers.json", fb_followers,
	       "followers"),
	FB_ROW("friends_and_followers/followers.json", fb_followers,
	       "followers"),
	FB_ROW("connections/followers/people_who_followed_you*.json",
	       fb_followers, "followers"),
	FB_ROW("location/location_history.json", fb_locations,
	       "location history"),
	FB_ROW("location_history/your_location_history.json", fb_locations,
	       "location history"),
	FB_ROW("search_history/your_search_history.json", fb_searches,
	       "search history"),
	FB_ROW("search/your_search_history.json", fb_searches,
	       "search history"),
	FB_ROW("messages/inbox/*/message_*.json", fb_thread,
	       "Messenger messages"),
	FB_ROW("messages/inbox/*/message.json", fb_thread,
	       "Messenger messages (single-file threads)"),
	FB_ROW("messages/message_requests/*/message_*.json", fb_thread,
	       "Messenger message requests"),
	FB_ROW("messages/filtered_threads/*/message_*.json", fb_thread,
	       "Messenger message requests (filtered)"),
	FB_ROW("messages/archived_threads/*/message_*.json", fb_thread,
	       "Messenger archived conversations"),
	FB_ROW("messages/e2ee_cutover/*/message_*.json", fb_thread,
	       "Messenger messages (before end-to-end encryption)"),
	/* an export requested as HTML: facebook_html.c */
	FB_HTML_ROWS,
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const fb_ignore[] = {
	"no-data.txt", /* an empty section */
	"*.jpg", "*.jpeg", "*.png", "*.webp", "*.heic", "*.gif", "*.mp4",
	"*.mov", "*.m4a", "*.aac", "*.mp3", "*.srt", "*.html", "*.css",
	/* known folders whose other files no rule needs */
	"your_facebook_activity/*", "connections/*", "logged_information/*",
	"personal_information/*", "preferences/*", "ads_information/*",
	"security_and_login_information/*", "apps_and_websites_off_of_facebook/*",
	"activity_messages/*", "posts/*", "comments/*", "comments_and_reactions/*",
	"likes_and_reactions/*", "friends/*", "friends_and_followers/*",
	"following_and_followers/*", "messages/*", "profile_information/*",
	"location/*", "location_history/*", "search_history/*", "search/*",
	"photos_and_videos/*", "events/*", "groups/*", "pages/*",
	"marketplace/*", "saved_items_and_collections/*", "stories/*",
	"your_places/*", "other_activity/*", "ads_and_businesses/*",
	"apps_and_websites/*", "about_you/*", "your_interactions_on_facebook/*",
	"facebook_gaming/*", "payment_history/*", "other_logged_information/*",
	"your_topics/*",
	NULL,
};

const struct cnd_platform cnd_platform_facebook = {
	.name = "facebook",
	.title = "Facebook (with Messenger)",
	.handlers = fb_handlers,
	.ignore = fb_ignore,
	.state_size = sizeof(struct fb_state),
	.begin = fb_begin,
	.finish = fb_finish,
	.release = fb_release,
};
