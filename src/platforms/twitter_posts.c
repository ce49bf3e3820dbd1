/*
 * X / Twitter, what the person wrote: tweets (tweets.js, tweet.js, their
 * parts, deleted tweets and the Grailbird monthly files), with mentions,
 * replies, retweets and geotags, and direct messages (one-to-one and
 * group). Split from twitter.c, which holds the archive's state, its other
 * members and the platform's table (twitter.h between them); the layouts
 * are described there.
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
		name = cnd_field_get(cnd_scan_scratch(s), place, "full_name",
				     0);
		if (!name)
			name = cnd_field_get(cnd_scan_scratch(s), place, "name",
					     0);
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
		id = cnd_field_either(cnd_scan_scratch(s), em[TM_ID_STR],
				      em[TM_ID], 0);
		handle = cnd_field_text(cnd_scan_scratch(s), em[TM_SCREEN_NAME],
					0);
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
	r.id = cnd_field_either(cnd_scan_scratch(s), tm[TT_ID_STR], tm[TT_ID],
				0);
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

	r.reply = cnd_field_either(cnd_scan_scratch(s), tm[TT_REPLY_STATUS_STR],
				   tm[TT_REPLY_STATUS], 0) != NULL;
	r.repost = (text && !strncmp(text, "RT @", 4)) ||
		   cnd_field_truth(tm[TT_RETWEETED],
				   CND_TRUTH_INT | CND_TRUTH_DIGIT) == 1 ||
		   json_is_object(tm[TT_RETWEETED_STATUS]);
	r.counterpart.id =
		cnd_field_either(cnd_scan_scratch(s), tm[TT_REPLY_USER_STR],
				 tm[TT_REPLY_USER], 0);
	r.counterpart.handle = cnd_field_text(cnd_scan_scratch(s),
					      tm[TT_REPLY_SCREEN_NAME], 0);
	tw_learn(s, r.counterpart.id, r.counterpart.handle, NULL);
	tw_mentions(s, tm[TT_ENTITIES], &r);
	tw_geo(s, tm, index, &r);
	return cnd_emit(s, &r);
}

int tw_tweet(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_post(s, v, index, 0);
}

int tw_deleted_tweet(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_post(s, v, index, 1);
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
			tw_party_add(s, p,
				     cnd_field_get(cnd_scan_scratch(s), ev,
						   "senderId", 0));
			tw_party_add(s, p,
				     cnd_field_get(cnd_scan_scratch(s), ev,
						   "recipientId", 0));
			tw_party_add(s, p,
				     cnd_field_get(cnd_scan_scratch(s), ev,
						   "initiatingUserId", 0));
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

int tw_dm_one(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_dm(s, v, index, 0);
}

int tw_dm_group(struct cnd_scan *s, json_t *v, long long index)
{
	return tw_dm(s, v, index, 1);
}
