/*
 * Rules about registered clients: following or being followed by a client
 * (client-connection), exchanging direct messages with one
 * (client-message), and naming one in authored text (client-mention). All
 * three ask the client register, so they do nothing when no register was
 * given. Connections and message threads are gathered over the whole
 * archive and raised once per client relationship or conversation in the
 * finish step, so a reviewer sees "follows and is followed by" as one
 * finding rather than two, and a thread of forty messages as one.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "conduct/config/register.h"
#include "conduct/rules/rule.h"
#include "conduct/base/strmap.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "util.h"

/* --- client-connection --- */

enum {
	DIR_OUT = 1,	  /* following, friend, request sent */
	DIR_IN = 2,	  /* follower, request received */
	DIR_REQUEST = 4,  /* only a pending request */
};

struct conn {
	const struct cnd_client *client;
	enum cnd_confidence conf;
	const char *matched;
	const char *who; /* @handle, name or account id, for the evidence */
	const char *id;
	unsigned dirs, settled;
	int prov_out; /* prov is the subject's own outgoing record */
	int64_t time;
	struct cnd_provenance prov;
};

struct relations {
	struct cnd_strmap index; /* key -> struct conn * */
	struct cnd_vec list;	 /* struct conn *, in first-seen order */
};

static const char *describe_account(struct cnd_arena *a,
				    const struct cnd_account *acc)
{
	if (acc->handle && acc->id)
		return cnd_arena_printf(a, "@%s (account %s)", acc->handle,
					acc->id);
	if (acc->handle)
		return cnd_arena_printf(a, "@%s", acc->handle);
	if (acc->name && acc->id)
		return cnd_arena_printf(a, "%s (account %s)", acc->name,
					acc->id);
	if (acc->name)
		return cnd_arena_strdup(a, acc->name);
	return cnd_arena_printf(a, "account %s", acc->id ? acc->id : "?");
}

static struct conn *relation(struct cnd_rule_ctx *c, struct relations *st,
			     const struct cnd_client *cl,
			     const struct cnd_account *acc, const char *key2)
{
	struct cnd_arena *a = cnd_rule_arena(c);
	const char *key = cnd_arena_printf(cnd_rule_scratch(c), "%s\x1f%s",
					   cl->ref, key2);
	struct conn *k = cnd_strmap_get(&st->index, key);

	if (k)
		return k;
	if (!st->list.size)
		cnd_vec_init(&st->list, sizeof(struct conn *));
	k = cnd_arena_alloc(a, sizeof(*k));
	memset(k, 0, sizeof(*k));
	k->client = cl;
	k->conf = CND_CONF_POSSIBLE;
	k->time = CND_TIME_NONE;
	k->who = describe_account(a, acc);
	k->id = cnd_arena_strdup(a, acc->id ? acc->id :
				    acc->handle ? acc->handle : acc->name);
	cnd_strmap_put(&st->index, key, k);
	*(struct conn **)cnd_vec_push(&st->list) = k;
	return k;
}

static const char *account_key(const struct cnd_account *acc)
{
	return acc->id ? acc->id : acc->handle ? acc->handle :
			 acc->name ? acc->name : "";
}

static int connection_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct relations *st = cnd_rule_state(c);
	const struct cnd_client *cl;
	enum cnd_confidence conf;
	const char *matched;
	struct conn *k;

	cl = cnd_register_match_account(cnd_rule_clients(c),
					cnd_rule_platform(c), &r->counterpart,
					&conf, &matched);
	if (!cl || !cnd_rules_considered(c, cl, r->time))
		return CND_OK;
	k = relation(c, st, cl, &r->counterpart, account_key(&r->counterpart));
	if (!k->matched || conf < k->conf) {
		k->conf = conf;
		k->matched = cnd_arena_strdup(cnd_rule_arena(c), matched);
	}
	switch (r->dir) {
	case CND_FOLLOW_FOLLOWING:
	case CND_FOLLOW_FRIEND:
		k->dirs |= DIR_OUT;
		k->settled |= DIR_OUT;
		if (r->dir == CND_FOLLOW_FRIEND)
			k->dirs |= DIR_IN, k->settled |= DIR_IN;
		break;
	case CND_FOLLOW_FOLLOWER:
		k->dirs |= DIR_IN;
		k->settled |= DIR_IN;
		break;
	case CND_FOLLOW_REQUEST_SENT:
		k->dirs |= DIR_OUT | DIR_REQUEST;
		break;
	case CND_FOLLOW_REQUEST_RECEIVED:
		k->dirs |= DIR_IN | DIR_REQUEST;
		break;
	}
	/* point the reviewer at the subject's own act where there is one */
	if (!k->prov.member ||
	    (!k->prov_out && (r->dir == CND_FOLLOW_FOLLOWING ||
			      r->dir == CND_FOLLOW_FRIEND ||
			      r->dir == CND_FOLLOW_REQUEST_SENT))) {
		k->prov.member = cnd_arena_strdup(cnd_rule_arena(c),
						  r->prov.member);
		k->prov.item = r->prov.item;
		k->prov_out = r->dir == CND_FOLLOW_FOLLOWING ||
			      r->dir == CND_FOLLOW_FRIEND ||
			      r->dir == CND_FOLLOW_REQUEST_SENT;
	}
	if (r->time != CND_TIME_NONE &&
	    (k->time == CND_TIME_NONE || r->time > k->time))
		k->time = r->time;
	return CND_OK;
}

static int connection_finish(struct cnd_rule_ctx *c)
{
	struct relations *st = cnd_rule_state(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	size_t i;

	for (i = 0; i < st->list.len; i++) {
		struct conn *k = *(struct conn **)cnd_vec_at(&st->list, i);
		struct cnd_finding f = { 0 };
		const char *how, *weak;
		int out = (k->settled & DIR_OUT) != 0;
		int in = (k->settled & DIR_IN) != 0;

		if (out && in)
			how = "the account and this person follow each other (mutual)";
		else if (out)
			how = "the account follows this person";
		else if (in)
			how = "this person follows the account";
		else if (k->dirs & DIR_OUT)
			how = "the account sent this person a follow or friend request";
		else
			how = "this person sent the account a follow or friend request";
		/* undated (X follows) and the client ended long ago:
		   params.undated_ended "skip" drops it, else it is weak */
		weak = cnd_rules_undated_ended(c, k->client, k->time);
		if (weak && cnd_rules_param_is(cnd_rule_settings(c),
					       "undated_ended", "skip"))
			continue;
		if (!weak && k->conf == CND_CONF_POSSIBLE)
			weak = CND_RULES_NAME_ONLY;
		f.severity = (k->dirs & DIR_OUT) ? CND_SEV_HIGH :
						   CND_SEV_MEDIUM;
		f.confidence = weak ? CND_CONF_POSSIBLE : k->conf;
		f.time = k->time;
		f.record_kind = "follow";
		f.about = CND_ABOUT_FOLLOW;
		f.record_id = k->id;
		f.matched = k->matched;
		f.client = k->client->ref;
		f.evidence = cnd_arena_printf(
			a, "%s: %s; %s", k->who, how,
			cnd_rules_client_label(a, k->client));
		f.weak = weak;
		f.prov = k->prov;
		cnd_rule_raise(c, &f, k->client->ref);
	}
	return CND_OK;
}

static void relations_release(struct cnd_rule_ctx *c)
{
	struct relations *st = cnd_rule_state(c);

	cnd_strmap_release(&st->index);
	cnd_vec_release(&st->list);
}

static const char *const connection_cites[] = {
	"nasw:1.06(h)",
	"nasw-technology:2.01",
	"swrb:5-boundaries",
	"hcpc-social-media:boundaries",
	"basw-social-media:boundaries",
	"ifsw:8",
	"essay:tip-1",
	NULL,
};

const struct cnd_rule cnd_rule_client_connection = {
	.id = "client-connection",
	.title = "Connected with a client",
	.flags = "The account follows, is followed by, is friends with, or has a pending request with a current or former client.",
	.severity = CND_SEV_HIGH,
	.kinds = CND_KIND_BIT(CND_REC_FOLLOW),
	.citations = connection_cites,
	.state_size = sizeof(struct relations),
	.check = connection_check,
	.finish = connection_finish,
	.release = relations_release,
};

/* --- client-message --- */

struct thread {
	const struct cnd_client *client;
	enum cnd_confidence conf;
	const char *matched;
	const char *who;
	const char *conversation;
	uint64_t count, sent;
	int64_t first, last;
	const char *last_text;
	struct cnd_provenance prov;
};

struct threads {
	struct cnd_strmap index;
	struct cnd_vec list; /* struct thread * */
};

static void thread_add(struct cnd_rule_ctx *c, struct threads *st,
		       const struct cnd_record *r,
		       const struct cnd_account *acc)
{
	struct cnd_arena *a = cnd_rule_arena(c);
	const struct cnd_client *cl;
	enum cnd_confidence conf;
	const char *matched, *key;
	struct thread *t;

	cl = cnd_register_match_account(cnd_rule_clients(c),
					cnd_rule_platform(c), acc, &conf,
					&matched);
	if (!cl || !cnd_rules_considered(c, cl, r->time))
		return;
	key = cnd_arena_printf(cnd_rule_scratch(c), "%s\x1f%s", cl->ref,
			       r->conversation ? r->conversation :
						 account_key(acc));
	t = cnd_strmap_get(&st->index, key);
	if (!t) {
		if (!st->list.size)
			cnd_vec_init(&st->list, sizeof(struct thread *));
		t = cnd_arena_alloc(a, sizeof(*t));
		memset(t, 0, sizeof(*t));
		t->client = cl;
		t->conf = conf;
		t->matched = cnd_arena_strdup(a, matched);
		t->who = describe_account(a, acc);
		t->conversation = cnd_arena_strdup(
			a, r->conversation ? r->conversation : account_key(acc));
		t->first = t->last = CND_TIME_NONE;
		t->prov.member = cnd_arena_strdup(a, r->prov.member);
		t->prov.item = r->prov.item;
		cnd_strmap_put(&st->index, key, t);
		*(struct thread **)cnd_vec_push(&st->list) = t;
	} else if (conf < t->conf) {
		t->conf = conf;
		t->matched = cnd_arena_strdup(a, matched);
	}
	t->count++;
	if (r->outgoing)
		t->sent++;
	if (r->time != CND_TIME_NONE) {
		if (t->first == CND_TIME_NONE || r->time < t->first)
			t->first = r->time;
		if (t->last == CND_TIME_NONE || r->time >= t->last) {
			t->last = r->time;
			if (r->text && *r->text)
				t->last_text = cnd_text_excerpt(
					a, cnd_rules_mask_personal(c, r->text),
					0, 0, 100);
		}
	} else if (r->text && *r->text && !t->last_text) {
		t->last_text = cnd_text_excerpt(
			a, cnd_rules_mask_personal(c, r->text), 0, 0, 100);
	}
}

/*
 * The same account, by id when both have one, else by handle, else by
 * display name (Meta's exports name people and give no ids).
 */
static int same_account(const struct cnd_account *a,
			const struct cnd_account *b)
{
	if (a->id && b->id)
		return !strcmp(a->id, b->id);
	if (a->handle && b->handle)
		return !strcasecmp(a->handle, b->handle);
	if (a->name && b->name)
		return !strcmp(a->name, b->name);
	return 0;
}

static int message_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct threads *st = cnd_rule_state(c);
	size_t i;

	if (r->counterpart.id || r->counterpart.handle || r->counterpart.name)
		thread_add(c, st, r, &r->counterpart);
	for (i = 0; i < r->n_participants; i++) {
		const struct cnd_account *p = &r->participants[i];

		if (same_account(p, &r->counterpart))
			continue;
		thread_add(c, st, r, p);
	}
	return CND_OK;
}

static int message_finish(struct cnd_rule_ctx *c)
{
	struct threads *st = cnd_rule_state(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	size_t i;

	for (i = 0; i < st->list.len; i++) {
		struct thread *t = *(struct thread **)cnd_vec_at(&st->list, i);
		struct cnd_finding f = { 0 };
		char d1[32] = "date unknown", d2[32] = "date unknown";

		if (t->first != CND_TIME_NONE)
			cnd_time_format_utc(t->first, d1, sizeof(d1));
		if (t->last != CND_TIME_NONE)
			cnd_time_format_utc(t->last, d2, sizeof(d2));
		f.severity = CND_SEV_HIGH;
		f.confidence = t->conf;
		f.time = t->last;
		f.record_kind = "message";
		f.about = CND_ABOUT_MESSAGES;
		if (t->conf == CND_CONF_POSSIBLE)
			f.weak = CND_RULES_NAME_ONLY;
		f.record_id = t->conversation;
		f.matched = t->matched;
		f.client = t->client->ref;
		f.evidence = cnd_arena_printf(
			a, "%llu direct message%s with %s (%llu sent by the account), %s to %s; %s%s%s%s",
			(unsigned long long)t->count, t->count == 1 ? "" : "s",
			t->who, (unsigned long long)t->sent, d1, d2,
			cnd_rules_client_label(a, t->client),
			t->last_text ? "; latest: \"" : "",
			t->last_text ? t->last_text : "",
			t->last_text ? "\"" : "");
		f.prov = t->prov;
		cnd_rule_raise(c, &f, t->client->ref);
	}
	return CND_OK;
}

static void threads_release(struct cnd_rule_ctx *c)
{
	struct threads *st = cnd_rule_state(c);

	cnd_strmap_release(&st->index);
	cnd_vec_release(&st->list);
}

static const char *const message_cites[] = {
	"nasw:1.06(e)",
	"swrb:5-boundaries",
	"hcpc-social-media:boundaries",
	"ifsw:8",
	NULL,
};

const struct cnd_rule cnd_rule_client_message = {
	.id = "client-message",
	.title = "Direct messages with a client",
	.flags = "Direct or private messages exchanged with a registered client.",
	.severity = CND_SEV_HIGH,
	.kinds = CND_KIND_BIT(CND_REC_MESSAGE),
	.citations = message_cites,
	.state_size = sizeof(struct threads),
	.check = message_check,
	.finish = message_finish,
	.release = threads_release,
};

/* --- client-mention --- */

struct hit {
	const struct cnd_client *client;
	enum cnd_confidence conf;
	const char *matched;
	const char *weak; /* why the match is weak, or NULL */
	size_t start, len;
};

struct hits {
	struct cnd_rule_ctx *c;
	const struct cnd_record *r;
	const struct cnd_words *w;
	struct hit items[16];
	size_t n;
};

static void hit_add(struct hits *h, const struct cnd_client *cl,
		    enum cnd_confidence conf, const char *matched,
		    const char *weak, size_t start, size_t len)
{
	size_t i;

	if (cl->active_from != CND_TIME_NONE && h->r->time != CND_TIME_NONE &&
	    h->r->time < cl->active_from)
		return; /* written before this person was a client */
	for (i = 0; i < h->n; i++) {
		if (h->items[i].client != cl)
			continue;
		if (conf < h->items[i].conf ||
		    (conf == h->items[i].conf && h->items[i].weak && !weak)) {
			h->items[i].conf = conf;
			h->items[i].matched = matched;
			h->items[i].weak = weak;
			h->items[i].start = start;
			h->items[i].len = len;
		}
		return;
	}
	if (h->n == sizeof(h->items) / sizeof(h->items[0]))
		return;
	h->items[h->n].client = cl;
	h->items[h->n].conf = conf;
	h->items[h->n].matched = matched;
	h->items[h->n].weak = weak;
	h->items[h->n].start = start;
	h->items[h->n].len = len;
	h->n++;
}

static int on_name(void *ud, const struct cnd_name_match *m)
{
	struct hits *h = ud;
	const char *text = h->r->text, *weak;

	if (cnd_rules_name_check(h->c, cnd_rule_state(h->c), text, h->w, m,
				 &weak) < 0)
		return 0;
	hit_add(h, m->client,
		m->is_handle ? CND_CONF_PROBABLE : CND_CONF_POSSIBLE,
		cnd_arena_strndup(cnd_rule_scratch(h->c), text + m->start,
				  m->len),
		weak, m->start, m->len);
	return 0;
}

static int mention_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	const struct cnd_register *reg = cnd_rule_clients(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	const char *masked;
	struct hits h;
	size_t i;

	if (!reg || !r->text)
		return CND_OK;
	memset(&h, 0, sizeof(h));
	h.c = c;
	h.r = r;
	for (i = 0; i < r->n_mentions; i++) {
		const struct cnd_client *cl;
		enum cnd_confidence conf;
		const char *matched;

		cl = cnd_register_match_account(reg, cnd_rule_platform(c),
						&r->mentions[i], &conf,
						&matched);
		if (cl)
			hit_add(&h, cl, conf, matched, NULL, 0, 0);
	}
	h.w = cnd_rules_words(c, r->text);
	cnd_register_scan_words(reg, h.w, on_name, &h);
	masked = h.n ? cnd_rules_mask_personal(c, r->text) : NULL;
	for (i = 0; i < h.n; i++) {
		struct hit *x = &h.items[i];
		struct cnd_finding f = { 0 };

		f.severity = CND_SEV_HIGH;
		f.confidence = x->conf;
		f.time = r->time;
		f.record_kind = cnd_record_kind_name(r->kind);
		f.record_id = r->id;
		f.matched = x->matched;
		f.client = x->client->ref;
		f.evidence = cnd_arena_printf(
			a, "%s%s — names %s",
			r->deleted ? "(deleted) " : "",
			cnd_text_excerpt(a, masked, x->start, x->len, 80),
			cnd_rules_client_label(a, x->client));
		f.weak = x->weak;
		f.prov = r->prov;
		cnd_rule_raise(c, &f, x->client->ref);
	}
	return CND_OK;
}

static void name_guard_release(struct cnd_rule_ctx *c)
{
	cnd_rules_name_guard_release(cnd_rule_state(c));
}

static const char *const mention_cites[] = {
	"nasw:1.07",
	"swe-guidance:confidentiality",
	"swe:5.6",
	"hcpc:5.1",
	"hcpc-social-media:confidential",
	"swrb:7-social-media",
	"ifsw:6",
	"essay:tip-2",
	NULL,
};

const struct cnd_rule cnd_rule_client_mention = {
	.id = "client-mention",
	.title = "A client named in a post",
	.flags = "A post or comment names a registered client by name, alias or handle.",
	.severity = CND_SEV_HIGH,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_COMMENT),
	.citations = mention_cites,
	.state_size = sizeof(struct cnd_name_guard),
	.check = mention_check,
	.release = name_guard_release,
};
