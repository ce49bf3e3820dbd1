/*
 * Instagram and Threads, what the person did (JSON export, FORMATS.md):
 * posts, stories, reels, archived posts and Threads posts (with EXIF
 * places), comments, likes, searches and message threads, each in the
 * per-section layout and the older flat one (media.json, comments.json,
 * likes.json, messages.json). Split from instagram.c, which holds the
 * subject, the follows, the hooks and the platform's table; the layouts are
 * described there, and instagram.h is between the two.
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
		r.time = cnd_field_epoch_of(first, "creation_timestamp",
					    CND_EPOCH_S);
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

int ig_posts(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "ig_posts", NULL);
}

int ig_stories(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "ig_stories", "story");
}

int ig_reels(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "ig_reels_media", "reel");
}

int ig_archived(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "ig_archived_post_media", "archived");
}

int th_posts(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_post_list(s, doc, "text_post_app_text_posts", IG_THREADS);
}

/* 2018-19 media.json: { photos: [], videos: [], stories: [] } */
int ig_flat_media(struct cnd_scan *s, json_t *doc, long long index)
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
			cnd_field_epoch_of(ig_map(s, e, ig_lbl_time),
					   "timestamp", CND_EPOCH_S),
			item);
	/* 2020-21: title = owner, string_list_data[0] */
	d = json_array_get(json_object_get(e, "string_list_data"), 0);
	return ig_comment_emit(
		s, cnd_meta_str(s, d, "value"), cnd_meta_str(s, e, "title"),
		cnd_field_epoch_of(d, "timestamp", CND_EPOCH_S), item);
}

int ig_comments(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, ig_list(doc, "comments_media_comments"),
			     "comments file", ig_comment, NULL);
}

/* 2018-19 comments.json: { media_comments: [[time, text, owner]] } */
int ig_flat_comments(struct cnd_scan *s, json_t *doc, long long index)
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
		ret = ig_comment_emit(
			s, cnd_meta_elem_str(s, e, 1),
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

int ig_likes(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_like_list(s, doc, "likes_media_likes", NULL);
}

int th_likes(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return ig_like_list(s, doc, "text_post_app_media_likes", IG_THREADS);
}

/* 2018-19 likes.json: { media_likes: [[time, owner]] } */
int ig_flat_likes(struct cnd_scan *s, json_t *doc, long long index)
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
	r.time = cnd_field_epoch_of(ig_map(s, e, ig_lbl_time), "timestamp",
				    CND_EPOCH_S);
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

int ig_searches(struct cnd_scan *s, json_t *doc, long long index)
{
	(void)index;
	return cnd_meta_each(s, ig_list(doc, NULL), "searches file",
			     ig_search, NULL);
}

/* --- Messages --- */

/* One message thread: message_N.json (inbox or message requests). */
int ig_thread(struct cnd_scan *s, json_t *doc, long long index)
{
	const char *member = cnd_scan_member(s);
	int request = member && strstr(member, "message_requests/") != NULL;

	(void)index;
	return cnd_meta_thread(s, doc, &ig_state(s)->own,
			       "personal information", request, 1);
}

/* 2018-19 messages.json: [ { participants: [..], conversation: [..] } ] */
int ig_flat_messages(struct cnd_scan *s, json_t *doc, long long index)
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
			r.time = cnd_field_epoch_of(m, "created_at",
						    CND_EPOCH_S);
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
