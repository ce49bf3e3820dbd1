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
 * mistaken for "nothing happened". Tweets and direct messages are read in
 * twitter_posts.c; this file holds the archive's state, the other members
 * and the platform's table (twitter.h between the two).
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

#include "twitter.h"

extern const struct cnd_platform cnd_platform_twitter;

/*
 * The record inside its wrapper ({ "tweet": {...} }); an element without
 * the wrapper is taken as the record itself. NULL when not an object.
 */
json_t *tw_unwrap(json_t *v, const char *key)
{
	json_t *inner;

	if (!json_is_object(v))
		return NULL;
	inner = json_object_get(v, key);
	return json_is_object(inner) ? inner : v;
}

/* --- Per-archive tables --- */

/* Note that an (id, handle, name) triple was seen; fills what was missing. */
void tw_learn(struct cnd_scan *s, const char *id, const char *handle,
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
	u = cnd_idmap_get(&st->users, id);
	if (!u) {
		u = cnd_arena_alloc(a, sizeof(*u));
		u->handle = cnd_arena_strdup(a, handle);
		u->name = cnd_arena_strdup(a, name);
		cnd_idmap_put(&st->users, id, u);
		return;
	}
	if (!u->handle && handle)
		u->handle = cnd_arena_strdup(a, handle);
	if (!u->name && name)
		u->name = cnd_arena_strdup(a, name);
}

/* Fill acct's handle and name from what the tweets said about its id. */
void tw_resolve(struct tw_state *st, struct cnd_account *acct)
{
	const struct tw_user *u;

	if (!acct->id)
		return;
	u = cnd_idmap_get(&st->users, acct->id);
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
			const char *name = cnd_field_get(cnd_scan_scratch(s), f,
							 "fileName", 0);
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
		tw_learn(s, st->account_id, v,
			 cnd_field_get(cnd_scan_scratch(s), user, "displayName",
				       0));
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
	if (cnd_field_truth(json_object_get(info, "isPartialArchive"),
			    CND_TRUTH_INT | CND_TRUTH_DIGIT) == 1)
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
	name = cnd_field_get(cnd_scan_scratch(s), acct, "accountDisplayName",
			     0);
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
	const char *tz =
		cnd_field_get(cnd_scan_scratch(s),
			      tw_unwrap(v, "accountTimezone"), "timeZone", 0);

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
	const char *id =
		CND_FIELD_FIRST(cnd_scan_scratch(s), doc, 0, "id", "id_str");
	const char *user =
		cnd_field_get(cnd_scan_scratch(s), doc, "screen_name", 0);
	const char *name =
		cnd_field_get(cnd_scan_scratch(s), doc, "full_name", 0);

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
	text = cnd_json_text(cnd_scan_scratch(s),
			     json_object_get(l, "fullText"));
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
	r.time = cnd_field_date_read(
		s, index, at, CND_DATE_TWITTER,
		&(const struct cnd_date_say){ CND_DATE_SAY_TEXT, "reply prompt",
					      NULL, "time" });
	return cnd_emit(s, &r);
}

/* --- Hooks --- */

static int tw_begin(struct cnd_scan *s)
{
	struct tw_state *st = tw_state(s);

	cnd_idmap_init(&st->users);
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

	cnd_idmap_release(&st->users);
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
