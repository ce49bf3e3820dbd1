/*
 * X / Twitter: reads the archive a person downloads from "Settings > Your
 * account > Download an archive of your data" and turns it into records:
 * tweets and deleted tweets (posts, with mentions, replies, retweets and
 * geotags), accounts followed and followers, direct messages (one-to-one and
 * group), likes, saved searches, the protected-account history and the
 * replies X prompted the person to reconsider. Follow lists hold bare
 * account ids, so handles are recovered offline from the pairs of id and
 * screen name that tweets carry (mentions and replies); follows are therefore
 * held back and emitted once every member has been read. The manifest is
 * checked against the archive so that a missing part file is reported, never
 * mistaken for "nothing happened".
 *
 * The profile bio and location (data/profile.js) and the account's time
 * zone (data/account-timezone.js) are read and kept, but no rule needs them
 * yet, so they give no records.
 *
 * Layouts read (FORMATS.md section 1; real archives seen in 2020, Oct 2022
 * and 2023):
 *
 *   2019-2021 (2020 archive)            2022+ (Oct 2022, 2023 archives)
 *   Your archive.html                   Your archive.html, data/README.txt
 *   data/manifest.js                    data/manifest.js
 *   data/tweet.js  `[ {` compact        data/tweets.js  pretty-printed
 *                                       data/tweets-part1.js (big archives)
 *                                       data/deleted-tweets.js
 *   data/tweet_media/                   data/tweets_media/
 *   (an Oct 2022 archive held both data/tweet.js and data/tweets.js)
 *
 *   data/manifest.js   window.__THAR_CONFIG = { "userInfo": { "accountId",
 *                      "userName" }, "archiveInfo": { "generationDate" },
 *                      "dataTypes": { "<type>": { "files": [ { "fileName",
 *                      "globalName", "count" } ] } } }
 *   data/<name>.js     window.YTD.<name>.part0 = [ { "<wrapper>": {...} } ]
 *     tweets           { "tweet": { "id_str", "created_at" ("Wed Oct 10
 *                      20:19:24 +0000 2018"), "full_text" (HTML-escaped),
 *                      "in_reply_to_*", "entities": { "user_mentions" },
 *                      "coordinates" [lon, lat], "geo" [lat, lon], "place" } }
 *     following.js     { "following": { "accountId", "userLink" (2022+) } }
 *     follower.js      { "follower": { "accountId", "userLink" (2022+) } }
 *     direct-messages.js, direct-messages-group.js
 *                      { "dmConversation": { "conversationId", "messages": [
 *                        { "messageCreate": { "id", "senderId",
 *                        "recipientId", "text", "createdAt" (ISO) } } |
 *                        { "joinConversation": { "participantsSnapshot" } } |
 *                        { "participantsJoin": { "userIds" } } ] } }
 *     like.js          { "like": { "tweetId", "fullText" } } (no time)
 *     saved-search.js  { "savedSearch": { "savedSearchId", "query" } }
 *     protected-history.js  { "protectedHistory": { "protectedAt",
 *                      "action": "Protect" | "Unprotect" } }, `[ ]` if never
 *     reply-prompt.js  { "replyPrompt": { "tweetId", "createdAt" } }
 *                      (poorly documented: read liberally)
 *     account.js       { "account": { "username", "accountId",
 *                      "accountDisplayName" } }
 *
 *   pre-2019 "Grailbird": tweets.csv, data/js/tweet_index.js (not read: the
 *   same tweets as the monthly files), data/js/user_details.js
 *   (`var user_details = {`: screen_name, id), data/js/tweets/YYYY_MM.js
 *   with `Grailbird.data.tweets_2015_01 =` and "2015-01-24 02:02:37 +0000"
 *   times, `text` rather than `full_text`. It holds tweets only.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
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

extern const struct cnd_platform cnd_platform_twitter;

/* What a manifest or a tweet says about another account. */
struct tw_user {
	const char *handle;
	const char *name;
};

/* A follow, held until every tweet has been read (for handles). */
struct tw_follow {
	const char *id;
	const char *member;
	long long item;
	enum cnd_follow_dir dir;
};

struct tw_state {
	/* the subject */
	const char *account_id;
	const char *username;
	const char *display_name;
	/* kept for later issues: nothing reads them yet */
	const char *generation_date;
	const char *timezone;
	const char *bio;
	const char *location;
	const char *website;

	struct cnd_strmap users;  /* account id -> struct tw_user */
	struct cnd_idset tweets; /* tweet ids already emitted */
	struct cnd_vec follows;	  /* struct tw_follow */
	const char *member;	  /* arena copy of the last member's path */

	uint64_t duplicates; /* tweets seen twice (tweet.js and tweets.js) */
	unsigned manifest_seen : 1;
	unsigned dm_unknown_warned : 1;
};

static struct tw_state *tw_state(struct cnd_scan *s)
{
	return cnd_scan_state(s);
}

/* --- Several keys in one walk --- */

/*
 * Several members of one object, picked in one walk over its members.
 * A hashed lookup (json_object_get) costs a hash and a bucket walk whether
 * the key is there or not, and most of the keys a tweet handler asks for
 * are absent from any given tweet ("id" or "id_str", "full_text" or
 * "text", the in_reply_to_* family, the geotags); walking the dozen or so
 * members a tweet keeps after the drop list, comparing lengths first, is
 * cheaper.
 * A Jansson object holds each key once: a key repeated in the source
 * replaces the earlier value where it stands (Jansson's own parser and
 * json_object_setn_new_nocheck in the element reader alike), so the walk
 * meets it once, with the value json_object_get would give. Keys compare
 * by length and bytes, as json_object_get does.
 */
struct tw_key {
	const char *key;
	size_t len;
	int slot; /* index into the caller's array of values */
};

#define TW_KEY(k, slot) { k, sizeof(k) - 1, slot }

/*
 * Fill out[keys[i].slot] with obj's value for keys[i].key, or NULL when
 * absent (or when obj is no object: json_object_iter gives no members).
 */
static void tw_pick(json_t *obj, const struct tw_key *keys, size_t n,
		    json_t **out, size_t n_out)
{
	void *it;
	const char *k;
	size_t len, i;

	memset(out, 0, n_out * sizeof(*out));
	for (it = json_object_iter(obj); it;
	     it = json_object_iter_next(obj, it)) {
		k = json_object_iter_key(it);
		len = json_object_iter_key_len(it);
		for (i = 0; i < n; i++) {
			if (keys[i].len != len || memcmp(keys[i].key, k, len))
				continue;
			out[keys[i].slot] = json_object_iter_value(it);
			break;
		}
	}
}

/*
 * The record inside its wrapper ({ "tweet": {...} }); an element without
 * the wrapper is taken as the record itself. NULL when not an object.
 */
static json_t *tw_unwrap(json_t *v, const char *key)
{
	json_t *inner;

	if (!json_is_object(v))
		return NULL;
	inner = json_object_get(v, key);
	return json_is_object(inner) ? inner : v;
}

/* --- Per-archive tables --- */

/* Note that an (id, handle, name) triple was seen; fills what was missing. */
static void tw_learn(struct cnd_scan *s, const char *id, const char *handle,
		     const char *name)
{
	struct tw_state *st = tw_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);
	struct tw_user *u;

	if (!id || (!handle && !name))
		return;
	if (handle && *handle == '@')
		handle++;
	if (handle && !*handle)
		handle = NULL;
	u = cnd_strmap_get(&st->users, id);
	if (!u) {
		u = cnd_arena_alloc(a, sizeof(*u));
		u->handle = cnd_arena_strdup(a, handle);
		u->name = cnd_arena_strdup(a, name);
		cnd_strmap_put(&st->users, id, u);
		return;
	}
	if (!u->handle && handle)
		u->handle = cnd_arena_strdup(a, handle);
	if (!u->name && name)
		u->name = cnd_arena_strdup(a, name);
}

/* Fill acct's handle and name from what the tweets said about its id. */
static void tw_resolve(struct tw_state *st, struct cnd_account *acct)
{
	const struct tw_user *u;

	if (!acct->id)
		return;
	u = cnd_strmap_get(&st->users, acct->id);
	if (!u)
		return;
	if (!acct->handle)
		acct->handle = u->handle;
	if (!acct->name)
		acct->name = u->name;
}

/*
 * An arena copy of the current member's path, for follows held until
 * finish (one copy per member, not per follow).
 */
static const char *tw_member(struct cnd_scan *s)
{
	struct tw_state *st = tw_state(s);
	const char *path = cnd_scan_member(s);

	if (!path)
		return NULL;
	if (!st->member || strcmp(st->member, path))
		st->member = cnd_arena_strdup(cnd_scan_arena(s), path);
	return st->member;
}

/* --- data/manifest.js --- */

/*
 * Each file the manifest lists: its count is a declared total (for the
 * files read element by element); a file it lists that is missing is an
 * error when a rule reads it, else a note (ad impressions, IP audit).
 */
static void tw_manifest_files(struct cnd_scan *s, json_t *types)
{
	const char *type;
	json_t *dt, *files, *f;
	size_t i;

	json_object_foreach(types, type, dt) {
		files = json_object_get(dt, "files");
		if (!json_is_object(dt) || !json_is_array(files))
			continue;
		json_array_foreach(files, i, f) {
			const char *name = cnd_field_get(cnd_scan_scratch(s), f, "fileName", 0);
			const struct cnd_handler *h;
			long long count = -1;
			char n[48] = "an unknown number of records";

			if (!name)
				continue;
			if (cnd_json_int(json_object_get(f, "count"), &count))
				count = -1;
			h = cnd_platform_handler(&cnd_platform_twitter, name);
			if (cnd_scan_has_member(s, name)) {
				if (h && h->array_path)
					cnd_scan_declare(s, name, "count",
							 count);
				continue;
			}
			if (!count)
				continue;
			if (count > 0)
				snprintf(n, sizeof(n), "%lld record%s", count,
					 count == 1 ? "" : "s");
			if (!h || (h->flags & CND_HANDLER_NO_RECORDS)) {
				cnd_scan_note(s,
					      "manifest lists '%s' (%s of type '%s') but the archive does not hold it; no rule reads it",
					      name, n, type);
				continue;
			}
			cnd_scan_diag(s, CND_FAILED, -1,
				      "manifest lists '%s' (%s) but the archive does not hold it",
				      name, n);
			cnd_scan_gap(s,
				     "'%s' (%s of type '%s') is listed in the manifest but missing from the archive: those records cannot be reviewed; ask for the complete archive",
				     name, n, type);
		}
	}
}

static int tw_manifest(struct cnd_scan *s, json_t *doc, long long index)
{
	struct tw_state *st = tw_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);
	json_t *user, *info, *types;
	const char *v;
	int64_t made;

	(void)index;
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "manifest is not a JSON object: not used");
		return CND_OK;
	}
	st->manifest_seen = 1;
	user = json_object_get(doc, "userInfo");
	v = cnd_field_get(cnd_scan_scratch(s), user, "accountId", 0);
	if (v && !st->account_id)
		st->account_id = cnd_arena_strdup(a, v);
	v = cnd_field_get(cnd_scan_scratch(s), user, "userName", 0);
	if (v) {
		if (!st->username) {
			st->username = cnd_arena_strdup(a, v);
			cnd_scan_set_account(s, v);
		}
		tw_learn(s, st->account_id, v, cnd_field_get(cnd_scan_scratch(s), user, "displayName", 0));
	}
	v = cnd_field_get(cnd_scan_scratch(s), user, "displayName", 0);
	if (v && !st->display_name)
		st->display_name = cnd_arena_strdup(a, v);

	info = json_object_get(doc, "archiveInfo");
	v = cnd_field_get(cnd_scan_scratch(s), info, "generationDate", 0);
	if (v)
		st->generation_date = cnd_arena_strdup(a, v);
	if (v && cnd_time_parse_iso(v, &made) == 0)
		cnd_scan_set_made(s, made); /* the export's date (follows.h) */
	if (cnd_field_truth(json_object_get(info, "isPartialArchive"), CND_TRUTH_INT | CND_TRUTH_DIGIT) == 1)
		cnd_scan_diag(s, CND_WARN, -1,
			      "manifest says this archive is one part of several: scan every part together");

	types = json_object_get(doc, "dataTypes");
	if (json_is_object(types))
		tw_manifest_files(s, types);
	else
		cnd_scan_diag(s, CND_WARN, -1,
			      "manifest has no 'dataTypes': the archive cannot be checked for missing files");
	return CND_OK;
}

/* --- data/account.js, account-timezone.js, profile.js --- */

static int tw_account(struct cnd_scan *s, json_t *v, long long index)
{
	struct tw_state *st = tw_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);
	json_t *acct = tw_unwrap(v, "account");
	const char *id, *user, *name;

	if (!acct) {
		cnd_scan_diag(s, CND_WARN, index,
			      "account entry is not an object: skipped");
		return CND_OK;
	}
	id = cnd_field_get(cnd_scan_scratch(s), acct, "accountId", 0);
	user = cnd_field_get(cnd_scan_scratch(s), acct, "username", 0);
	name = cnd_field_get(cnd_scan_scratch(s), acct, "accountDisplayName", 0);
	if (id && st->account_id && strcmp(id, st->account_id))
		cnd_scan_diag(s, CND_WARN, index,
			      "account id '%s' differs from the manifest's '%s': using the manifest's",
			      id, st->account_id);
	else if (id && !st->account_id)
		st->account_id = cnd_arena_strdup(a, id);
	if (user && !st->username) {
		st->username = cnd_arena_strdup(a, user);
		cnd_scan_set_account(s, user);
	}
	if (name && !st->display_name)
		st->display_name = cnd_arena_strdup(a, name);
	tw_learn(s, st->account_id, user, name);
	return CND_OK;
}

static int tw_timezone(struct cnd_scan *s, json_t *v, long long index)
{
	struct tw_state *st = tw_state(s);
	const char *tz = cnd_field_get(cnd_scan_scratch(s), tw_unwrap(v, "accountTimezone"), "timeZone", 0);

	(void)index;
	if (tz)
		st->timezone = cnd_arena_strdup(cnd_scan_arena(s), tz);
	return CND_OK;
}

static int tw_profile(struct cnd_scan *s, json_t *v, long long index)
{
	struct tw_state *st = tw_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);
	json_t *d = json_object_get(tw_unwrap(v, "profile"), "description");
	const char *t;

	(void)index;
	if (!json_is_object(d))
		return CND_OK;
	if ((t = cnd_field_get(cnd_scan_scratch(s), d, "bio", 0)))
		st->bio = cnd_arena_strdup(a, t);
	if ((t = cnd_field_get(cnd_scan_scratch(s), d, "location", 0)))
		st->location = cnd_arena_strdup(a, t);
	if ((t = cnd_field_get(cnd_scan_scratch(s), d, "website", 0)))
		st->website = cnd_arena_strdup(a, t);
	return CND_OK;
}

/* Grailbird data/js/user_details.js: whose archive this is. */
static int tw_grailbird_user(struct cnd_scan *s, json_t *doc, long long index)
{
	struct tw_state *st = tw_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);
	const char *id = CND_FIELD_FIRST(cnd_scan_scratch(s), doc, 0, "id", "id_str");
	const char *user = cnd_field_get(cnd_scan_scratch(s), doc, "screen_name", 0);
	const char *name = cnd_field_get(cnd_scan_scratch(s), doc, "full_name", 0);

	(void)index;
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "user details are not a JSON object: not used");
		return CND_OK;
	}
	if (id && !st->account_id)
		st->account_id = cnd_arena_strdup(a, id);
	if (user && !st->username) {
		st->username = cnd_arena_strdup(a, user);
		cnd_scan_set_account(s, user);
	}
	if (name && !st->display_name)
		st->display_name = cnd_arena_strdup(a, name);
	tw_learn(s, st->account_id, user, name);
	return CND_OK;
}

/* --- Tweets: tweets.js, tweet.js, parts, deleted tweets, Grailbird --- */

/* A GeoJSON point: coordinates [x, y] read as [lon, lat] or [lat, lon]. */
static int tw_point(const json_t *geo, int lon_first, double *lat,
		    double *lon)
{
	json_t *c = json_is_object(geo) ? json_object_get(geo, "coordinates")
					: NULL;
	double x, y;

	if (!json_is_array(c) || json_array_size(c) != 2 ||
	    cnd_json_number(json_array_get(c, 0), &x) ||
	    cnd_json_number(json_array_get(c, 1), &y))
		return -1;
	*lat = lon_first ? y : x;
	*lon = lon_first ? x : y;
	if (fabs(*lat) > 90 || fabs(*lon) > 180)
		return -1;
	return 0;
}

/* 1 when geo holds a coordinates array (so an unreadable one is news). */
static int tw_has_point(const json_t *geo)
{
	json_t *c;

	if (!json_is_object(geo))
		return 0;
	c = json_object_get(geo, "coordinates");
	return c && !json_is_null(c);
}

/* The members of a tweet that tw_post reads (see tw_pick). */
enum {
	TT_ID_STR,
	TT_ID,
	TT_CREATED_AT,
	TT_FULL_TEXT,
	TT_TEXT,
	TT_RETWEETED,
	TT_RETWEETED_STATUS,
	TT_ENTITIES,
	TT_REPLY_STATUS_STR,
	TT_REPLY_STATUS,
	TT_REPLY_USER_STR,
	TT_REPLY_USER,
	TT_REPLY_SCREEN_NAME,
	TT_COORDINATES,
	TT_GEO,
	TT_PLACE,
	TT_N
};

/* The commonest keys first: the walk stops at the first that matches. */
static const struct tw_key tw_tweet_keys[] = {
	TW_KEY("id_str", TT_ID_STR),
	TW_KEY("id", TT_ID),
	TW_KEY("created_at", TT_CREATED_AT),
	TW_KEY("full_text", TT_FULL_TEXT),
	TW_KEY("retweeted", TT_RETWEETED),
	TW_KEY("entities", TT_ENTITIES),
	TW_KEY("text", TT_TEXT),
	TW_KEY("in_reply_to_status_id_str", TT_REPLY_STATUS_STR),
	TW_KEY("in_reply_to_status_id", TT_REPLY_STATUS),
	TW_KEY("in_reply_to_user_id_str", TT_REPLY_USER_STR),
	TW_KEY("in_reply_to_user_id", TT_REPLY_USER),
	TW_KEY("in_reply_to_screen_name", TT_REPLY_SCREEN_NAME),
	TW_KEY("retweeted_status", TT_RETWEETED_STATUS),
	TW_KEY("coordinates", TT_COORDINATES),
	TW_KEY("geo", TT_GEO),
	TW_KEY("place", TT_PLACE),
};

/* The members of one entities.user_mentions entry. */
enum { TM_ID_STR, TM_ID, TM_SCREEN_NAME, TM_NAME, TM_N };

static const struct tw_key tw_mention_keys[] = {
	TW_KEY("screen_name", TM_SCREEN_NAME),
	TW_KEY("id_str", TM_ID_STR),
	TW_KEY("id", TM_ID),
	TW_KEY("name", TM_NAME),
};

static const struct tw_key tw_entities_keys[] = {
	TW_KEY("user_mentions", 0),
};

#define TW_NKEYS(keys) (sizeof(keys) / sizeof((keys)[0]))

static void tw_geo(struct cnd_scan *s, json_t *const *tm, long long index,
		   struct cnd_record *r)
{
	const json_t *place = tm[TT_PLACE];
	const char *name = NULL;

	/* "coordinates" is [lon, lat]; the older "geo" is [lat, lon]. */
	if (!tw_point(tm[TT_COORDINATES], 1, &r->lat, &r->lon) ||
	    !tw_point(tm[TT_GEO], 0, &r->lat, &r->lon))
		r->has_geo = 1;
	else if (tw_has_point(tm[TT_COORDINATES]) || tw_has_point(tm[TT_GEO]))
		cnd_scan_diag(s, CND_WARN, index,
			      "tweet %s has coordinates that cannot be read: geotag ignored",
			      r->id ? r->id : "(no id)");
	if (json_is_object(place)) { /* most tweets have none */
		name = cnd_field_get(cnd_scan_scratch(s), place, "full_name", 0);
		if (!name)
			name = cnd_field_get(cnd_scan_scratch(s), place, "name", 0);
	}
	r->place = name;
}

static void tw_mentions(struct cnd_scan *s, json_t *entities,
			struct cnd_record *r)
{
	json_t *list, *e, *em[TM_N];
	struct cnd_account *m;
	size_t i, n = 0;

	tw_pick(entities, tw_entities_keys, TW_NKEYS(tw_entities_keys), &list,
		1);
	if (!json_is_array(list) || !json_array_size(list))
		return;
	m = cnd_arena_alloc(cnd_scan_scratch(s),
			    json_array_size(list) * sizeof(*m));
	json_array_foreach(list, i, e) {
		const char *id, *handle, *name;

		tw_pick(e, tw_mention_keys, TW_NKEYS(tw_mention_keys), em,
			TM_N);
		id = cnd_field_either(cnd_scan_scratch(s), em[TM_ID_STR], em[TM_ID], 0);
		handle = cnd_field_text(cnd_scan_scratch(s), em[TM_SCREEN_NAME], 0);
		name = cnd_field_text(cnd_scan_scratch(s), em[TM_NAME], 0);
		if (!id && !handle)
			continue;
		m[n].id = id;
		m[n].handle = handle;
		m[n].name = name;
		n++;
		tw_learn(s, id, handle, name);
	}
	r->mentions = m;
	r->n_mentions = n;
}

static int tw_post(struct cnd_scan *s, json_t *v, long long index,
		   int deleted)
{
	struct tw_state *st = tw_state(s);
	struct cnd_record r = { 0 };
	json_t *t = tw_unwrap(v, "tweet");
	json_t *tm[TT_N];
	const char *text, *created;

	if (!t) {
		cnd_scan_diag(s, CND_WARN, index,
			      "tweet is not an object: skipped");
		return CND_OK;
	}
	tw_pick(t, tw_tweet_keys, TW_NKEYS(tw_tweet_keys), tm, TT_N);
	r.kind = CND_REC_POST;
	r.deleted = deleted ? 1 : 0;
	r.id = cnd_field_either(cnd_scan_scratch(s), tm[TT_ID_STR], tm[TT_ID], 0);
	if (r.id) {
		/* tweet.js and tweets.js can both be present (Oct 2022) */
		if (cnd_idset_add(&st->tweets, r.id)) {
			st->duplicates++;
			cnd_scan_repeat(s);
			return CND_OK;
		}
	}

	created = cnd_field_text(cnd_scan_scratch(s), tm[TT_CREATED_AT], 0);
	r.time = cnd_field_date_read(s, index, created, CND_DATE_TWITTER,
				     &(const struct cnd_date_say){
					     CND_DATE_SAY_HAS, "tweet",
					     r.id ? r.id : "(no id)",
					     "'created_at'" });

	text = cnd_json_text(cnd_scan_scratch(s), tm[TT_FULL_TEXT]);
	if (!text)
		text = cnd_json_text(cnd_scan_scratch(s), tm[TT_TEXT]);
	r.text = text ? cnd_html_unescape(cnd_scan_scratch(s), text) : NULL;

	r.reply = cnd_field_either(cnd_scan_scratch(s), tm[TT_REPLY_STATUS_STR], tm[TT_REPLY_STATUS], 0) !=
		  NULL;
	r.repost = (text && !strncmp(text, "RT @", 4)) ||
		   cnd_field_truth(tm[TT_RETWEETED], CND_TRUTH_INT | CND_TRUTH_DIGIT) == 1 ||
		   json_is_object(tm[TT_RETWEETED_STATUS]);
	r.counterpart.id = cnd_field_either(cnd_scan_scratch(s), tm[TT_REPLY_USER_STR], tm[TT_REPLY_USER], 0);
	r.counterpart.handle = cnd_field_text(cnd_scan_scratch(s), tm[TT_REPLY_SCREEN_NAME], 0);
	tw_learn(s, r.counterpart.id, r.counterpart.handle, NULL);
	tw_mentions(s, tm[TT_ENTITIES], &r);
	tw_geo(s, tm, index, &r);
	return cnd_emit(s, &r);
}

static int tw_tweet(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_post(s, v, index, 0);
}

static int tw_deleted_tweet(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_post(s, v, index, 1);
}

/* --- data/following.js, data/follower.js: held until finish --- */

static int tw_follow(struct cnd_scan *s, json_t *v, long long index,
		     const char *key, enum cnd_follow_dir dir)
{
	struct tw_state *st = tw_state(s);
	const char *member = tw_member(s);
	json_t *f = tw_unwrap(v, key);
	struct tw_follow *fw;
	const char *id;

	id = cnd_field_get(cnd_scan_scratch(s), f, "accountId", 0);
	if (!id) {
		cnd_scan_diag(s, CND_WARN, index,
			      "%s entry has no 'accountId': skipped", key);
		return CND_OK;
	}
	fw = cnd_vec_push(&st->follows);
	fw->id = cnd_arena_strdup(cnd_scan_arena(s), id);
	fw->member = member;
	fw->item = index;
	fw->dir = dir;
	return CND_OK;
}

static int tw_following(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_follow(s, v, index, "following", CND_FOLLOW_FOLLOWING);
}

static int tw_follower(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_follow(s, v, index, "follower", CND_FOLLOW_FOLLOWER);
}

/* --- data/direct-messages.js, data/direct-messages-group.js --- */

/* The other parties of one conversation, collected before its messages. */
struct tw_parties {
	struct cnd_account *a;
	size_t n, cap;
};

static void tw_party_add(struct cnd_scan *s, struct tw_parties *p,
			 const char *id)
{
	struct tw_state *st = tw_state(s);
	struct cnd_account *grown;
	size_t i;

	if (!id || !*id || (st->account_id && !strcmp(id, st->account_id)))
		return;
	for (i = 0; i < p->n; i++)
		if (!strcmp(p->a[i].id, id))
			return;
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		grown = cnd_arena_alloc(cnd_scan_scratch(s),
					p->cap * sizeof(*grown));
		if (p->n)
			memcpy(grown, p->a, p->n * sizeof(*grown));
		p->a = grown;
	}
	memset(&p->a[p->n], 0, sizeof(p->a[p->n]));
	p->a[p->n].id = id;
	tw_resolve(st, &p->a[p->n]);
	p->n++;
}

static void tw_party_list(struct cnd_scan *s, struct tw_parties *p,
			  const json_t *list)
{
	json_t *e;
	size_t i;

	if (!json_is_array(list))
		return;
	json_array_foreach(list, i, e) {
		const char *t = cnd_json_text(cnd_scan_scratch(s), e);

		if (t)
			tw_party_add(s, p, t);
	}
}

/* Everyone a conversation names: conversation id, senders, joins. */
static void tw_parties_collect(struct cnd_scan *s, struct tw_parties *p,
			       const char *conv, const json_t *msgs, int group)
{
	const char *dash;
	json_t *m, *ev;
	const char *type;
	size_t i;

	/* one-to-one conversations are named "<id>-<id>" */
	if (!group && conv && (dash = strchr(conv, '-')) && dash != conv) {
		tw_party_add(s, p,
			     cnd_arena_strndup(cnd_scan_scratch(s), conv,
					       (size_t)(dash - conv)));
		tw_party_add(s, p, dash + 1);
	}
	json_array_foreach(msgs, i, m) {
		if (!json_is_object(m))
			continue;
		json_object_foreach(m, type, ev) {
			if (!json_is_object(ev))
				continue;
			tw_party_add(s, p, cnd_field_get(cnd_scan_scratch(s), ev, "senderId", 0));
			tw_party_add(s, p, cnd_field_get(cnd_scan_scratch(s), ev, "recipientId", 0));
			tw_party_add(s, p, cnd_field_get(cnd_scan_scratch(s), ev, "initiatingUserId", 0));
			tw_party_list(s, p, json_object_get(
						    ev, "participantsSnapshot"));
			tw_party_list(s, p, json_object_get(ev, "userIds"));
		}
	}
}

static int tw_dm_message(struct cnd_scan *s, const json_t *mc,
			 long long index, const char *conv,
			 const struct tw_parties *p)
{
	struct tw_state *st = tw_state(s);
	struct cnd_record r = { 0 };
	const char *sender, *recipient, *text, *created;

	r.kind = CND_REC_MESSAGE;
	r.id = cnd_field_get(cnd_scan_scratch(s), mc, "id", 0);
	r.conversation = conv;
	created = cnd_field_get(cnd_scan_scratch(s), mc, "createdAt", 0);
	r.time = cnd_field_date_read(s, index, created, CND_DATE_TWITTER,
				     &(const struct cnd_date_say){
					     CND_DATE_SAY_HAS, "message",
					     r.id ? r.id : "(no id)",
					     "'createdAt'" });
	text = cnd_json_text(cnd_scan_scratch(s), json_object_get(mc, "text"));
	r.text = text ? cnd_html_unescape(cnd_scan_scratch(s), text) : NULL;
	sender = cnd_field_get(cnd_scan_scratch(s), mc, "senderId", 0);
	recipient = cnd_field_get(cnd_scan_scratch(s), mc, "recipientId", 0);

	if (st->account_id && sender)
		r.outgoing = !strcmp(sender, st->account_id);
	if (r.outgoing)
		r.counterpart.id = recipient ? recipient
			: p->n == 1 ? p->a[0].id : NULL;
	else
		r.counterpart.id = sender;
	tw_resolve(st, &r.counterpart);
	r.participants = p->a;
	r.n_participants = p->n;
	return cnd_emit(s, &r);
}

static int tw_dm(struct cnd_scan *s, json_t *v, long long index, int group)
{
	struct tw_state *st = tw_state(s);
	struct tw_parties p = { 0 };
	json_t *conv = tw_unwrap(v, "dmConversation");
	json_t *msgs, *m, *mc;
	const char *cid;
	size_t i;
	int ret = CND_OK;

	if (!conv) {
		cnd_scan_diag(s, CND_WARN, index,
			      "conversation is not an object: skipped");
		return CND_OK;
	}
	cid = cnd_field_get(cnd_scan_scratch(s), conv, "conversationId", 0);
	msgs = json_object_get(conv, "messages");
	if (!json_is_array(msgs)) {
		cnd_scan_diag(s, CND_WARN, index,
			      "conversation %s has no 'messages' list: skipped",
			      cid ? cid : "(no id)");
		return CND_OK;
	}
	if (!st->account_id && !st->dm_unknown_warned) {
		st->dm_unknown_warned = 1;
		cnd_scan_diag(s, CND_WARN, index,
			      "the account's own id is unknown (no manifest or account.js): messages cannot be told sent from received");
	}
	tw_parties_collect(s, &p, cid, msgs, group);
	json_array_foreach(msgs, i, m) {
		if (!json_is_object(m)) {
			cnd_scan_diag(s, CND_WARN, index,
				      "conversation %s: message %zu is not an object: skipped",
				      cid ? cid : "(no id)", i);
			continue;
		}
		mc = json_object_get(m, "messageCreate");
		if (!mc)
			continue; /* joins, leaves, renames: no text */
		if (!json_is_object(mc)) {
			cnd_scan_diag(s, CND_WARN, index,
				      "conversation %s: message %zu is not an object: skipped",
				      cid ? cid : "(no id)", i);
			continue;
		}
		ret = tw_dm_message(s, mc, index, cid, &p);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

static int tw_dm_one(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_dm(s, v, index, 0);
}

static int tw_dm_group(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_dm(s, v, index, 1);
}

/* --- data/like.js, data/saved-search.js --- */

static int tw_like(struct cnd_scan *s, json_t *v, long long index)
{
	struct cnd_record r = { 0 };
	json_t *l = tw_unwrap(v, "like");
	const char *text;

	if (!l) {
		cnd_scan_diag(s, CND_WARN, index,
			      "like is not an object: skipped");
		return CND_OK;
	}
	r.kind = CND_REC_LIKE;
	r.time = CND_TIME_NONE; /* X records no time for likes */
	r.id = cnd_field_get(cnd_scan_scratch(s), l, "tweetId", 0);
	text = cnd_json_text(cnd_scan_scratch(s), json_object_get(l, "fullText"));
	r.text = text ? cnd_html_unescape(cnd_scan_scratch(s), text) : NULL;
	if (!r.id && !r.text) {
		cnd_scan_diag(s, CND_WARN, index,
			      "like has neither 'tweetId' nor 'fullText': skipped");
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

static int tw_saved_search(struct cnd_scan *s, json_t *v, long long index)
{
	struct cnd_record r = { 0 };
	json_t *q = tw_unwrap(v, "savedSearch");

	r.kind = CND_REC_SEARCH;
	r.time = CND_TIME_NONE;
	r.id = cnd_field_get(cnd_scan_scratch(s), q, "savedSearchId", 0);
	r.text = cnd_field_get(cnd_scan_scratch(s), q, "query", 0);
	if (!r.text) {
		cnd_scan_diag(s, CND_WARN, index,
			      "saved search has no 'query': skipped");
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

/* --- data/protected-history.js: read whole, since [ ] says something --- */

static int tw_protected(struct cnd_scan *s, json_t *doc, long long index)
{
	struct cnd_record r = { 0 };
	json_t *e, *ph;
	const char *action, *at;
	size_t i;
	int ret = CND_OK;

	(void)index;
	if (!json_is_array(doc)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "protected history is not a list: not used");
		return CND_OK;
	}
	r.kind = CND_REC_SETTING;
	r.setting = "protected";
	r.prov.member = cnd_scan_member(s);
	if (!json_array_size(doc)) {
		/* never protected: the account has always been public */
		r.time = CND_TIME_NONE;
		r.value = "false";
		r.prov.item = -1;
		return cnd_emit(s, &r);
	}
	json_array_foreach(doc, i, e) {
		ph = tw_unwrap(e, "protectedHistory");
		action = cnd_field_get(cnd_scan_scratch(s), ph, "action", 0);
		if (action && !strcasecmp(action, "Protect")) {
			r.value = "true";
		} else if (action && !strcasecmp(action, "Unprotect")) {
			r.value = "false";
		} else {
			cnd_scan_diag(s, CND_WARN, (long long)i,
				      "protected history entry has no known 'action' (Protect or Unprotect): skipped");
			continue;
		}
		at = cnd_field_get(cnd_scan_scratch(s), ph, "protectedAt", 0);
		r.time = cnd_field_date_read(
			s, (long long)i, at, CND_DATE_TWITTER,
			&(const struct cnd_date_say){ CND_DATE_SAY_HAS,
						      "protected history entry",
						      NULL, "'protectedAt'" });
		r.prov.item = (long long)i;
		ret = cnd_emit(s, &r);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

/* --- data/reply-prompt.js: shape poorly documented, read liberally --- */

static json_t *tw_unwrap_any(json_t *v)
{
	const char *key;
	json_t *inner;

	if (!json_is_object(v))
		return NULL;
	inner = json_object_get(v, "replyPrompt");
	if (json_is_object(inner))
		return inner;
	if (json_object_size(v) == 1) {
		json_object_foreach(v, key, inner)
			if (json_is_object(inner))
				return inner;
	}
	return v;
}

static int tw_reply_prompt(struct cnd_scan *s, json_t *v, long long index)
{
	static const char *const id_keys[] = {
		"tweetId", "inReplyToTweetId", "replyToTweetId",
		"tweet_id", "id_str", "id", NULL
	};
	static const char *const time_keys[] = {
		"createdAt", "promptedAt", "timestamp", "created_at", "date",
		NULL
	};
	struct cnd_record r = { 0 };
	json_t *p = tw_unwrap_any(v);
	const char *at;

	if (!p) {
		cnd_scan_diag(s, CND_WARN, index,
			      "reply prompt is not an object: skipped");
		return CND_OK;
	}
	r.kind = CND_REC_EVENT;
	r.setting = "reply-prompt";
	r.id = cnd_field_first(cnd_scan_scratch(s), p, id_keys, 0);
	at = cnd_field_first(cnd_scan_scratch(s), p, time_keys, 0);
	r.time = cnd_field_date_read(s, index, at, CND_DATE_TWITTER,
				     &(const struct cnd_date_say){
					     CND_DATE_SAY_TEXT, "reply prompt",
					     NULL, "time" });
	return cnd_emit(s, &r);
}

/* --- Hooks --- */

static int tw_begin(struct cnd_scan *s)
{
	struct tw_state *st = tw_state(s);

	cnd_strmap_init(&st->users);
	cnd_idset_init(&st->tweets);
	cnd_vec_init(&st->follows, sizeof(struct tw_follow));
	return CND_OK;
}

static int tw_emit_follows(struct cnd_scan *s)
{
	struct tw_state *st = tw_state(s);
	size_t i;
	int ret = CND_OK;

	for (i = 0; i < st->follows.len && ret < CND_FATAL; i++) {
		const struct tw_follow *f = cnd_vec_at(&st->follows, i);
		struct cnd_record r = { 0 };

		r.kind = CND_REC_FOLLOW;
		r.time = CND_TIME_NONE; /* X records no follow dates */
		r.dir = f->dir;
		r.counterpart.id = f->id;
		tw_resolve(st, &r.counterpart);
		r.prov.member = f->member;
		r.prov.item = f->item;
		ret = cnd_emit(s, &r);
	}
	return ret;
}

static int tw_finish(struct cnd_scan *s)
{
	struct tw_state *st = tw_state(s);
	int grailbird = cnd_scan_has_member(s, "data/js/tweets/*.js") &&
			!st->manifest_seen;
	int ret;

	ret = tw_emit_follows(s);
	if (st->duplicates)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%llu tweets appear in more than one tweet file (tweet.js and tweets.js): each was counted once",
			      (unsigned long long)st->duplicates);
	if (grailbird) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "pre-2019 \"Grailbird\" archive: it holds tweets only (no follows, messages, likes or settings); ask the person for a current archive");
		cnd_scan_gap(s,
			     "pre-2019 \"Grailbird\" archive: it holds tweets only (no follows, messages, likes or settings); ask the person for a current archive");
	} else {
		if (!st->manifest_seen)
			cnd_scan_gap(s,
				     "no data/manifest.js: the archive cannot be checked for missing files");
		cnd_scan_gap(s,
			     "X exports saved searches only, not search history");
	}
	return ret;
}

static void tw_release(struct cnd_scan *s)
{
	struct tw_state *st = tw_state(s);

	cnd_strmap_release(&st->users);
	cnd_idset_release(&st->tweets);
	cnd_vec_release(&st->follows);
}

/* --- Tables --- */

static const struct cnd_handler tw_handlers[] = {
	{ "data/manifest.js", CND_KIND_JS, NULL, tw_manifest,
	  "archive manifest (index of the archive's files)",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	{ "data/account.js", CND_KIND_JS, "", tw_account, "account details",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	{ "data/tweets.js", CND_KIND_JS, "", tw_tweet, "tweets", 0, NULL },
	{ "data/tweet.js", CND_KIND_JS, "", tw_tweet, "tweets", 0, NULL },
	{ "data/tweets-part*.js", CND_KIND_JS, "", tw_tweet, "tweets", 0, NULL },
	{ "data/tweet-part*.js", CND_KIND_JS, "", tw_tweet, "tweets", 0, NULL },
	{ "data/deleted-tweets.js", CND_KIND_JS, "", tw_deleted_tweet,
	  "deleted tweets", 0, NULL },
	{ "data/deleted-tweets-part*.js", CND_KIND_JS, "", tw_deleted_tweet,
	  "deleted tweets", 0, NULL },
	{ "data/following.js", CND_KIND_JS, "", tw_following,
	  "accounts followed", 0, NULL },
	{ "data/follower.js", CND_KIND_JS, "", tw_follower, "followers", 0, NULL },
	{ "data/direct-messages.js", CND_KIND_JS, "", tw_dm_one,
	  "direct messages", 0, NULL },
	{ "data/direct-messages-part*.js", CND_KIND_JS, "", tw_dm_one,
	  "direct messages", 0, NULL },
	{ "data/direct-messages-group.js", CND_KIND_JS, "", tw_dm_group,
	  "group direct messages", 0, NULL },
	{ "data/direct-messages-group-part*.js", CND_KIND_JS, "", tw_dm_group,
	  "group direct messages", 0, NULL },
	{ "data/like.js", CND_KIND_JS, "", tw_like, "liked tweets", 0, NULL },
	{ "data/like-part*.js", CND_KIND_JS, "", tw_like, "liked tweets", 0, NULL },
	{ "data/saved-search.js", CND_KIND_JS, "", tw_saved_search,
	  "saved searches", 0, NULL },
	{ "data/protected-history.js", CND_KIND_JS, NULL, tw_protected,
	  "protected-account history (private or public over time)", 0, NULL },
	{ "data/account-timezone.js", CND_KIND_JS, "", tw_timezone,
	  "account time zone", CND_HANDLER_NO_RECORDS, NULL },
	{ "data/profile.js", CND_KIND_JS, "", tw_profile,
	  "profile (bio, location, website)", CND_HANDLER_NO_RECORDS, NULL },
	{ "data/reply-prompt.js", CND_KIND_JS, "", tw_reply_prompt,
	  "reply prompts (replies X asked the person to reconsider)", 0, NULL },
	{ "data/js/tweets/*.js", CND_KIND_JS, "", tw_tweet,
	  "tweets (pre-2019 Grailbird archive)", 0, NULL },
	{ "data/js/user_details.js", CND_KIND_JS, NULL, tw_grailbird_user,
	  "account details (pre-2019 Grailbird archive)",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const tw_ignore[] = {
	"Your archive.html",
	"assets/*",
	"data/README.txt",
	"data/tweets_media/*",
	"data/tweet_media/*",
	"data/profile_media/*",
	"data/moments_media/*",
	"data/*_media/*",
	/* Grailbird: the tweets are read from the monthly files */
	"data/js/tweet_index.js",
	"data/js/payload_details.js",
	"tweets.csv",
	/* every other data file: known, needed by no rule yet */
	"data/*.js",
	NULL,
};

/*
 * Keys of tweets and messages that no handler reads: left out before a
 * tweet is parsed, which more than halves the bytes Jansson sees in a real
 * tweets.js (see the drop list in include/conduct/parse/json.h). "id", "text",
 * "entities" and "retweeted_status" are read and must not be listed.
 */
static const char *const tw_drop[] = {
	"source", "edit_info", "display_text_range", "hashtags", "symbols",
	"urls", "media", "extended_entities", "favorite_count",
	"retweet_count", "truncated", "favorited", "lang",
	"possibly_sensitive", "indices", "mediaUrls", "reactions",
	"withheld_copyright", "withheld_in_countries", "contributors",
	NULL,
};

const struct cnd_platform cnd_platform_twitter = {
	.name = "twitter",
	.title = "X / Twitter",
	.handlers = tw_handlers,
	.ignore = tw_ignore,
	.drop = tw_drop,
	.state_size = sizeof(struct tw_state),
	.begin = tw_begin,
	.finish = tw_finish,
	.release = tw_release,
};
