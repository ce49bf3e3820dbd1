/*
 * Mastodon: reads the archive a person requests under "Settings > Import
 * and export > Request your archive", together with the follow, block and
 * mute lists that the same page offers as separate CSV downloads (given as
 * extra parts of the same INPUT: archive.tar.gz+following_accounts.csv).
 * The outbox is an ActivityPub collection: visibility is not stated but
 * derived from the addressing (to/cc), and direct messages live among the
 * posts, so a direct note becomes a message record, never a post. Post
 * content is HTML and is turned into plain text; content warnings, poll
 * options and image descriptions are authored text too and are kept. The
 * account's privacy switches (locked, discoverable, indexable) come from
 * actor.json. The archive holds no follower or following list at all: that
 * is reported as a coverage gap unless following_accounts.csv is given.
 *
 * Layout read (FORMATS.md section 5; archives of 2018 (v2.3, tar.gz) to
 * 2024 (zip), observed 2022-2024):
 *
 *   outbox.json     { "type": "OrderedCollection", "totalItems" (not to be
 *                   trusted: it differs from the real count),
 *                   "orderedItems": [
 *                     { "type": "Create", "actor", "published", "to", "cc",
 *                       "object": { "type": "Note" | "Question", "id",
 *                       "published", "content" (HTML), "contentMap",
 *                       "summary" (content warning), "inReplyTo", "to",
 *                       "cc", "tag": [ { "type": "Mention", "href",
 *                       "name": "@bob@host" } ], "attachment": [ { "name"
 *                       (alt text) } ], "oneOf" | "anyOf" (poll options),
 *                       "conversation" } } |
 *                     { "type": "Announce", "id", "published", "to", "cc",
 *                       "object": "https://host/users/bob/statuses/1" } ] }
 *                   as:Public in to: public; in cc: unlisted; .../followers
 *                   in to: followers only; otherwise: direct
 *   actor.json      { "id", "preferredUsername", "name", "summary",
 *                   "manuallyApprovesFollowers", "discoverable",
 *                   "indexable", "followers", "likes", "bookmarks" }
 *   likes.json, bookmarks.json
 *                   { "type": "OrderedCollection", "orderedItems": [ URL ] }
 *                   (no dates, no text)
 *   media_attachments/files/..., avatar.*, header.*   (not read)
 *   separate downloads, CSV:
 *   following_accounts.csv  Account address,Show boosts,Notify on new
 *                   posts,Languages (older: the first two columns; oldest:
 *                   addresses only, no header)
 *   blocked_accounts.csv, muted_accounts.csv (Account address,Hide
 *                   notifications)
 *
 * Decisions: likes.json gives like records (the owner of the liked post is
 * read from its URL: /users/<name>/ or /@<name>/ on its host, as is the
 * author of the post a reply answers, from inReplyTo); bookmarks
 * are private saves, not a public signal, and have no record kind: they are
 * counted and the count is noted in the coverage. Blocks and mutes are read
 * and checked but give no records (no rule needs them yet).
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/parse/csv.h"
#include "conduct/base/error.h"
#include "conduct/parse/json.h"
#include "conduct/platforms/fields.h"
#include "conduct/platforms/platform.h"
#include "conduct/model/record.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

extern const struct cnd_platform cnd_platform_mastodon;

#define MST_PUBLIC "https://www.w3.org/ns/activitystreams#Public"

struct mst_state {
	const char *actor;   /* the subject's actor URL (arena copy) */
	uint64_t other_types; /* outbox activities neither Create nor Announce */
	const char *other_type; /* the first such type, for the message */
	uint64_t bookmarks;
	uint64_t no_time;     /* posts and messages without a usable time */
	unsigned actor_seen : 1;
	unsigned outbox_seen : 1;
};

static struct mst_state *mst_state(struct cnd_scan *s)
{
	return cnd_scan_state(s);
}

/* --- Small helpers --- */

/*
 * "name@host" from an actor or status URL: https://host/users/name[/...]
 * or https://host/@name[/...]. NULL for other shapes.
 */
static const char *mst_handle_from_url(struct cnd_arena *a, const char *url)
{
	const char *host, *slash, *name;
	size_t hn, nn;

	if (!url)
		return NULL;
	host = strstr(url, "://");
	if (!host)
		return NULL;
	host += 3;
	slash = strchr(host, '/');
	if (!slash || slash == host)
		return NULL;
	hn = (size_t)(slash - host);
	if (!strncmp(slash, "/users/", 7))
		name = slash + 7;
	else if (!strncmp(slash, "/@", 2))
		name = slash + 2;
	else
		return NULL;
	nn = strcspn(name, "/?#");
	if (!nn || memchr(name, '@', nn))
		return NULL;
	return cnd_arena_printf(a, "%.*s@%.*s", (int)nn, name, (int)hn, host);
}

/* "bob@host" from a mention's name ("@bob@host", or "@bob" and its href). */
static const char *mst_handle_from_mention(struct cnd_arena *a,
					   const char *name, const char *href)
{
	const char *host, *end;

	if (!name)
		return mst_handle_from_url(a, href);
	while (*name == '@')
		name++;
	if (!*name)
		return mst_handle_from_url(a, href);
	if (strchr(name, '@') || !href || !(host = strstr(href, "://")))
		return name;
	host += 3;
	end = host + strcspn(host, "/?#");
	return cnd_arena_printf(a, "%s@%.*s", name, (int)(end - host), host);
}

static int mst_is_public(const char *addr)
{
	return !strcmp(addr, MST_PUBLIC) || !strcmp(addr, "as:Public") ||
	       !strcmp(addr, "Public");
}

static int mst_is_followers(const char *addr)
{
	size_t n = strlen(addr);

	return n >= 10 && !strcmp(addr + n - 10, "/followers");
}

/* Call fn for each address of an addressing field (a string or a list). */
static int mst_addr_any(const json_t *field, int (*fn)(const char *))
{
	const json_t *e;
	size_t i;

	if (json_is_string(field))
		return fn(json_string_value(field));
	if (!json_is_array(field))
		return 0;
	json_array_foreach(field, i, e)
		if (json_is_string(e) && fn(json_string_value(e)))
			return 1;
	return 0;
}

/* Visibility from the addressing, as Mastodon itself derives it. */
static const char *mst_visibility(const json_t *obj)
{
	const json_t *to = json_object_get(obj, "to");
	const json_t *cc = json_object_get(obj, "cc");

	if (mst_addr_any(to, mst_is_public))
		return "public";
	if (mst_addr_any(cc, mst_is_public))
		return "unlisted";
	if (mst_addr_any(to, mst_is_followers))
		return "followers";
	return "direct";
}

/*
 * Plain text from Mastodon's HTML: tags removed, <br> a line break, a
 * paragraph end a blank line, then character references decoded (after the
 * tags are gone, so an escaped "&lt;b&gt;" stays text).
 */
static char *mst_html_text(struct cnd_arena *a, const char *html)
{
	char *out = cnd_arena_alloc(a, strlen(html) + 1), *o = out;
	const char *p = html;

	while (*p) {
		const char *end;
		size_t n;
		int closing;

		if (*p != '<') {
			*o++ = *p++;
			continue;
		}
		end = strchr(p, '>');
		if (!end) {
			*o++ = *p++; /* a lone '<' is text */
			continue;
		}
		closing = p[1] == '/';
		n = strspn(p + 1 + closing,
			   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (n == 2 && !strncasecmp(p + 1 + closing, "br", 2)) {
			*o++ = '\n';
		} else if (n == 1 && closing && (p[2] == 'p' || p[2] == 'P')) {
			*o++ = '\n';
			*o++ = '\n';
		}
		p = end + 1;
	}
	while (o > out && (o[-1] == '\n' || o[-1] == ' '))
		o--;
	*o = '\0';
	return cnd_html_unescape(a, out);
}

/*
 * The authored text of a note: content warning, content, poll options and
 * image descriptions, in that order.
 */
static const char *mst_note_text(struct cnd_scan *s, const json_t *obj)
{
	struct cnd_arena *a = cnd_scan_scratch(s);
	struct cnd_buf b = CND_BUF_INIT;
	const char *content = cnd_field_str(obj, "content"), *cw, *name;
	const char *key, *out;
	const json_t *map, *e, *v;
	size_t i, k;
	static const char *const polls[] = { "oneOf", "anyOf", NULL };

	if (!content) {
		map = json_object_get(obj, "contentMap");
		if (json_is_object(map))
			json_object_foreach((json_t *)map, key, v)
				if (json_is_string(v)) {
					content = json_string_value(v);
					break;
				}
	}
	cw = cnd_field_str(obj, "summary");
	if (cw)
		cnd_buf_printf(&b, "CW: %s\n\n", mst_html_text(a, cw));
	if (content)
		cnd_buf_adds(&b, mst_html_text(a, content));
	for (k = 0; polls[k]; k++) {
		const json_t *opts = json_object_get(obj, polls[k]);

		json_array_foreach(opts, i, e)
			if ((name = cnd_field_str(e, "name")))
				cnd_buf_printf(&b, "\n- %s", name);
	}
	json_array_foreach(json_object_get(obj, "attachment"), i, e)
		if ((name = cnd_field_str(e, "name")))
			cnd_buf_printf(&b, "\n[image description: %s]", name);
	out = b.len ? cnd_arena_strndup(a, b.data, b.len) : NULL;
	cnd_buf_release(&b);
	return out;
}

/* --- Accounts named by a note (mentions, recipients) --- */

struct mst_accounts {
	struct cnd_account *a;
	size_t n, cap;
};

static void mst_account_add(struct cnd_scan *s, struct mst_accounts *l,
			    const char *id, const char *handle)
{
	struct mst_state *st = mst_state(s);
	struct cnd_account *grown;
	size_t i;

	if (!id && !handle)
		return;
	if (id && st->actor && !strcmp(id, st->actor))
		return; /* the subject */
	for (i = 0; i < l->n; i++) {
		if (id && l->a[i].id && !strcmp(id, l->a[i].id))
			return;
		if (handle && l->a[i].handle &&
		    !strcasecmp(handle, l->a[i].handle))
			return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		grown = cnd_arena_alloc(cnd_scan_scratch(s),
					l->cap * sizeof(*grown));
		if (l->n)
			memcpy(grown, l->a, l->n * sizeof(*grown));
		l->a = grown;
	}
	memset(&l->a[l->n], 0, sizeof(l->a[l->n]));
	l->a[l->n].id = id;
	l->a[l->n].handle = handle;
	l->n++;
}

static void mst_mentions(struct cnd_scan *s, const json_t *obj,
			 struct mst_accounts *l)
{
	const json_t *e;
	const char *type, *href;
	size_t i;

	json_array_foreach(json_object_get(obj, "tag"), i, e) {
		type = cnd_field_str(e, "type");
		if (!type || strcmp(type, "Mention"))
			continue;
		href = cnd_field_str(e, "href");
		mst_account_add(s, l, href,
				mst_handle_from_mention(
					cnd_scan_scratch(s),
					cnd_field_str(e, "name"), href));
	}
}

static void mst_recipients(struct cnd_scan *s, const json_t *field,
			   struct mst_accounts *l)
{
	const json_t *e;
	const char *addr;
	size_t i;

	if (json_is_string(field)) {
		addr = json_string_value(field);
		if (!mst_is_public(addr) && !mst_is_followers(addr))
			mst_account_add(s, l, addr,
					mst_handle_from_url(cnd_scan_scratch(s),
							    addr));
		return;
	}
	json_array_foreach(field, i, e) {
		if (!json_is_string(e))
			continue;
		mst_recipients(s, e, l);
	}
}

/* --- outbox.json --- */

static int mst_note(struct cnd_scan *s, const json_t *act, const json_t *obj,
		    long long index)
{
	struct mst_state *st = mst_state(s);
	struct cnd_record r = { 0 };
	struct mst_accounts l = { 0 };
	const char *type = cnd_field_str(obj, "type");

	r.id = cnd_field_str(obj, "id");
	if (!r.id)
		r.id = cnd_field_str(act, "id");
	cnd_field_date(cnd_field_str(obj, "published"), CND_DATE_ANY, &r.time);
	if (r.time == CND_TIME_NONE)
		cnd_field_date(cnd_field_str(act, "published"), CND_DATE_ANY,
			       &r.time);
	if (r.time == CND_TIME_NONE && !st->no_time++) {
		struct cnd_date_say say = { CND_DATE_SAY_NO_READABLE,
					    r.id ? r.id : "a note", NULL,
					    "'published' time" };

		cnd_field_date_say(s, index, -1, NULL, &say);
	}
	r.text = mst_note_text(s, obj);
	r.reply = cnd_field_str(obj, "inReplyTo") != NULL;
	/* a reply's target: the author of the post replied to, read from its
	   URL as for a like (client-engagement counts replies to clients) */
	if (r.reply)
		r.counterpart.handle = mst_handle_from_url(
			cnd_scan_scratch(s), cnd_field_str(obj, "inReplyTo"));
	r.visibility = mst_visibility(obj);
	if (!json_object_get(obj, "to") && !json_object_get(obj, "cc"))
		r.visibility = mst_visibility(act);
	mst_mentions(s, obj, &l);
	if (!strcmp(r.visibility, "direct")) {
		/* a direct message: to whom it was addressed and mentioned */
		mst_recipients(s, json_object_get(obj, "to"), &l);
		mst_recipients(s, json_object_get(obj, "cc"), &l);
		r.kind = CND_REC_MESSAGE;
		r.visibility = NULL;
		r.outgoing = 1;
		r.conversation = cnd_field_str(obj, "conversation");
		if (!r.conversation)
			r.conversation = cnd_field_str(obj, "context");
		r.participants = l.a;
		r.n_participants = l.n;
		if (l.n)
			r.counterpart = l.a[0];
		return cnd_emit(s, &r);
	}
	r.kind = CND_REC_POST;
	r.mentions = l.a;
	r.n_mentions = l.n;
	if (type && !strcmp(type, "Question"))
		r.label = "poll";
	return cnd_emit(s, &r);
}

static int mst_boost(struct cnd_scan *s, const json_t *act, long long index)
{
	struct mst_state *st = mst_state(s);
	struct cnd_record r = { 0 };
	const json_t *obj = json_object_get(act, "object");
	const char *url = json_is_string(obj) ? json_string_value(obj) :
						cnd_field_str(obj, "id");

	r.kind = CND_REC_POST;
	r.repost = 1;
	r.id = cnd_field_str(act, "id");
	cnd_field_date(cnd_field_str(act, "published"), CND_DATE_ANY, &r.time);
	if (r.time == CND_TIME_NONE && !st->no_time++) {
		struct cnd_date_say say = { CND_DATE_SAY_NO_READABLE, "boost",
					    r.id ? r.id : "(no id)",
					    "'published' time" };

		cnd_field_date_say(s, index, -1, NULL, &say);
	}
	r.visibility = mst_visibility(act);
	/* the boosted post's author, as for a like */
	r.counterpart.handle = mst_handle_from_url(cnd_scan_scratch(s), url);
	return cnd_emit(s, &r);
}

/*
 * The members of an outbox, likes or bookmarks collection beside its
 * items: the totalItems it declares, compared with what was read (often
 * a little stale). Returns 1 when v was that object.
 */
static int mst_total(struct cnd_scan *s, json_t *v, long long index)
{
	long long n;

	if (index != CND_JSON_REST)
		return 0;
	if (!cnd_json_int(json_object_get(v, "totalItems"), &n))
		cnd_scan_declare(s, cnd_scan_member(s), "totalItems", n);
	return 1;
}

static int mst_outbox(struct cnd_scan *s, json_t *v, long long index)
{
	struct mst_state *st = mst_state(s);
	const char *type = cnd_field_str(v, "type"), *actor;
	const json_t *obj;

	if (mst_total(s, v, index))
		return CND_OK;
	st->outbox_seen = 1;
	if (!type) {
		cnd_scan_diag(s, CND_WARN, index,
			      "outbox item is not an activity (no 'type'): skipped");
		return CND_OK;
	}
	actor = cnd_field_str(v, "actor");
	if (actor && !st->actor)
		st->actor = cnd_arena_strdup(cnd_scan_arena(s), actor);
	if (!strcmp(type, "Announce"))
		return mst_boost(s, v, index);
	if (strcmp(type, "Create")) {
		if (!st->other_types++)
			st->other_type = cnd_arena_strdup(cnd_scan_arena(s),
							  type);
		return CND_OK;
	}
	obj = json_object_get(v, "object");
	if (!json_is_object(obj)) {
		cnd_scan_diag(s, CND_WARN, index,
			      "Create activity without an object: skipped");
		return CND_OK;
	}
	return mst_note(s, v, obj, index);
}

/* --- actor.json --- */

static int mst_setting(struct cnd_scan *s, const json_t *actor,
		       const char *key, const char *setting)
{
	struct cnd_record r = { 0 };
	const json_t *v = json_object_get(actor, key);
	int truth;

	if (!v)
		return CND_OK;
	r.kind = CND_REC_SETTING;
	r.time = CND_TIME_NONE; /* the state when the archive was made */
	r.setting = setting;
	truth = cnd_field_truth(v, 0);
	r.value = truth == 1 ? "true" : truth == 0 ? "false" : NULL;
	if (!r.value) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "'%s' is neither true nor false: not used", key);
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

static int mst_actor(struct cnd_scan *s, json_t *doc, long long index)
{
	struct mst_state *st = mst_state(s);
	const char *id = cnd_field_str(doc, "id"), *user, *host;
	int ret;

	(void)index;
	if (!json_is_object(doc)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "actor.json is not an object: not used");
		return CND_OK;
	}
	st->actor_seen = 1;
	if (id)
		st->actor = cnd_arena_strdup(cnd_scan_arena(s), id);
	/* the account as others write it: preferredUsername@instance */
	user = cnd_field_str(doc, "preferredUsername");
	host = id ? strstr(id, "://") : NULL;
	if (user && host) {
		host += 3;
		cnd_scan_set_account(s, cnd_arena_printf(cnd_scan_scratch(s),
							 "%s@%.*s", user,
							 (int)strcspn(host, "/?#"),
							 host));
	} else {
		cnd_scan_set_account(
			s, user ? user :
				  mst_handle_from_url(cnd_scan_scratch(s), id));
	}
	ret = mst_setting(s, doc, "manuallyApprovesFollowers", "locked");
	if (ret < CND_FATAL)
		ret = mst_setting(s, doc, "discoverable", "discoverable");
	if (ret < CND_FATAL)
		ret = mst_setting(s, doc, "indexable", "indexable");
	return ret;
}

/* --- likes.json, bookmarks.json --- */

static const char *mst_item_url(const json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	return cnd_field_str(v, "id");
}

static int mst_like(struct cnd_scan *s, json_t *v, long long index)
{
	struct cnd_record r = { 0 };

	if (mst_total(s, v, index))
		return CND_OK;
	r.kind = CND_REC_LIKE;
	r.time = CND_TIME_NONE; /* Mastodon records no time for likes */
	r.id = mst_item_url(v);
	if (!r.id) {
		cnd_scan_diag(s, CND_WARN, index,
			      "liked item is not a URL: skipped");
		return CND_OK;
	}
	r.counterpart.handle = mst_handle_from_url(cnd_scan_scratch(s), r.id);
	return cnd_emit(s, &r);
}

static int mst_bookmark(struct cnd_scan *s, json_t *v, long long index)
{
	if (mst_total(s, v, index))
		return CND_OK;
	if (!mst_item_url(v)) {
		cnd_scan_diag(s, CND_WARN, index,
			      "bookmarked item is not a URL: skipped");
		return CND_OK;
	}
	mst_state(s)->bookmarks++;
	return CND_OK;
}

/* --- following_accounts.csv, blocked_accounts.csv, muted_accounts.csv --- */

struct mst_csv {
	struct cnd_scan *s;
	int follows;	/* emit follow records */
	int header_done;
	size_t col;	/* column of the account address */
	long long row;	/* data rows so far */
	int status;
};

static int mst_csv_row(void *ud, size_t line, char **fields, size_t n)
{
	struct mst_csv *c = ud;
	struct cnd_record r = { 0 };
	const char *addr;
	size_t i;

	if (!c->header_done) {
		c->header_done = 1;
		for (i = 0; i < n; i++)
			if (!strcasecmp(fields[i], "Account address")) {
				c->col = i;
				return 0;
			}
		/* the oldest lists have no header: addresses only */
	}
	if (n == 1 && !fields[0][0])
		return 0; /* a blank line */
	addr = c->col < n ? fields[c->col] : "";
	while (*addr == ' ' || *addr == '@')
		addr++;
	if (!*addr || !cnd_utf8_valid(addr, strlen(addr))) {
		cnd_scan_diag(c->s, CND_WARN, c->row,
			      "line %zu has no readable account address: skipped",
			      line);
		c->row++;
		return 0;
	}
	if (c->follows) {
		r.kind = CND_REC_FOLLOW;
		r.time = CND_TIME_NONE; /* the list has no dates */
		r.dir = CND_FOLLOW_FOLLOWING;
		r.counterpart.handle = addr;
		r.prov.member = cnd_scan_member(c->s);
		r.prov.item = c->row;
		cnd_emit(c->s, &r);
	}
	c->row++;
	return c->status >= CND_FATAL;
}

static int mst_csv_read(struct cnd_scan *s, const char *data, size_t len,
			int follows)
{
	struct mst_csv c = { s, follows, 0, 0, 0, CND_OK };
	struct cnd_error err;
	int r;

	cnd_error_clear(&err);
	r = cnd_csv_parse(data, len, mst_csv_row, &c, &err);
	if (r >= CND_FAILED)
		cnd_scan_diag(s, r, -1, "%s", err.message);
	return cnd_status_worst(r, c.status) >= CND_FATAL ? CND_FATAL : CND_OK;
}

static int mst_following_csv(struct cnd_scan *s, const char *data, size_t len)
{
	return mst_csv_read(s, data, len, 1);
}

static int mst_other_csv(struct cnd_scan *s, const char *data, size_t len)
{
	return mst_csv_read(s, data, len, 0);
}

/* --- finish --- */

static int mst_finish(struct cnd_scan *s)
{
	struct mst_state *st = mst_state(s);

	if (!cnd_scan_has_member(s, "outbox.json"))
		cnd_scan_gap(s,
			     "no outbox.json: posts and direct messages cannot be checked; add the archive from Settings → Import and export → Request your archive");
	else
		cnd_scan_gap(s,
			     "a Mastodon archive holds only what the person sent: direct messages received, and replies by others, are not in it");
	if (!cnd_scan_has_member(s, "following_accounts.csv"))
		cnd_scan_gap(s,
			     "a Mastodon archive holds no follow lists; add following_accounts.csv from Settings → Import and export");
	cnd_scan_gap(s,
		     "Mastodon exports no list of followers: accounts that follow the person cannot be checked");
	if (st->bookmarks)
		cnd_scan_gap(s,
			     "%llu bookmarked post%s: private saves (links only, no dates or text), counted here and checked by no rule",
			     (unsigned long long)st->bookmarks,
			     st->bookmarks == 1 ? "" : "s");
	if (st->other_types)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%llu outbox activit%s of other types than Create and Announce (first: '%s') skipped",
			      (unsigned long long)st->other_types,
			      st->other_types == 1 ? "y" : "ies",
			      st->other_type);
	if (st->no_time > 1)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%llu outbox items had no readable time and were kept without one",
			      (unsigned long long)st->no_time);
	return CND_OK;
}

/* --- Tables --- */

static const struct cnd_handler mst_handlers[] = {
	{ "actor.json", CND_KIND_JSON, NULL, mst_actor,
	  "account (actor): name and privacy switches", CND_HANDLER_FIRST,
	  NULL },
	{ "outbox.json", CND_KIND_JSON, "orderedItems", mst_outbox,
	  "posts, boosts and direct messages (outbox)", CND_HANDLER_REST,
	  NULL },
	{ "likes.json", CND_KIND_JSON, "orderedItems", mst_like,
	  "liked posts (links only, no dates)", CND_HANDLER_REST, NULL },
	{ "bookmarks.json", CND_KIND_JSON, "orderedItems", mst_bookmark,
	  "bookmarked posts (counted; no rule reads them)",
	  CND_HANDLER_NO_RECORDS | CND_HANDLER_REST, NULL },
	{ "following_accounts.csv", CND_KIND_RAW, NULL, NULL,
	  "accounts followed (separate CSV download)", 0, mst_following_csv },
	{ "blocked_accounts.csv", CND_KIND_RAW, NULL, NULL,
	  "accounts blocked (read; no rule uses blocks yet)", 0,
	  mst_other_csv },
	{ "muted_accounts.csv", CND_KIND_RAW, NULL, NULL,
	  "accounts muted (read; no rule uses mutes yet)", 0, mst_other_csv },
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const mst_ignore[] = {
	"media_attachments/*",
	"avatar.*",
	"header.*",
	/* other separate downloads: known, needed by no rule */
	"blocked_domains.csv",
	"bookmarks.csv",
	"lists.csv",
	NULL,
};

const struct cnd_platform cnd_platform_mastodon = {
	.name = "mastodon",
	.title = "Mastodon",
	.handlers = mst_handlers,
	.ignore = mst_ignore,
	.state_size = sizeof(struct mst_state),
	.finish = mst_finish,
};
