/*
 * The rule engine: for each archive it creates a context per registered
 * rule, hands each record to the rules that asked for its kind, calls the
 * finish steps at the end of the archive, and turns raised findings into
 * struct cnd_finding entries of the run, with the review-period flag and a
 * content fingerprint (SHA-256 of rule id, platform, record id or evidence,
 * and the normalised matched value: never a position in a file, so the same
 * finding in next year's export has the same fingerprint). A finding whose
 * fingerprint was already raised for the same archive (the same tweet in
 * tweet.js and tweets.js) is kept once; when the subject id was given
 * (--subject, a manifest row), once per subject, so this year's and last
 * year's export of one account count each event once (the fingerprints
 * share one SHA-256 context per archive). Rules see the run's
 * options with the archive's review period (a manifest row may set its
 * own). It also builds each archive's settings timeline (scan.h) from the
 * setting records it sees, before the finish steps run, so rules that judge
 * a moment ("was the account public when this was posted?") and the report
 * read one account of it. What several rules need of one record (its
 * words, its personal data) is kept here while the rules see it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conduct/base/hash.h"
#include "conduct/config/policy.h"
#include "conduct/rules/rule.h"
#include "conduct/base/strmap.h"

#include "conduct/rules/engine.h"
#include "util.h"

struct cnd_rule_ctx {
	const struct cnd_rule *rule;
	struct cnd_run *run;
	struct cnd_options opt; /* the run's, with the archive's period */
	size_t archive;
	const char *platform;
	void *state;
	struct cnd_arena scratch;
	struct cnd_rules_state *rs;
	const struct cnd_rule_settings *settings; /* the policy's, or NULL */
};

/* A setting record in the timeline's vocabulary. */
struct cnd_setting_change {
	const char *setting; /* "public", "location-sharing" */
	const char *source;  /* the record's setting name (static) */
	const char *key;     /* source and device (run arena): one history */
	int on;
	int64_t time;
	size_t seq; /* arrival order: keeps the sort stable */
	struct cnd_provenance prov;
};

struct cnd_rules_state {
	struct cnd_rule_ctx *ctx;
	size_t n;
	struct cnd_run *run;
	size_t archive;
	const char *platform;
	struct cnd_vec changes; /* struct cnd_setting_change */
	/* the current record's text split into words, once for all rules */
	struct cnd_words words;
	int words_valid;
	/* one context for every fingerprint of the archive */
	struct cnd_sha256 *sha;
	struct cnd_buf key; /* a fingerprint's message, then raised_key() */
	/* the current record's personal data, while in cnd_rules_record() */
	struct cnd_rules_pd pd;
	int in_record;
};

const struct cnd_rule *cnd_rule_find(const char *id)
{
	const struct cnd_rule *const *r;

	for (r = cnd_rules; *r; r++)
		if (!strcmp((*r)->id, id))
			return *r;
	return NULL;
}

struct cnd_rules_state *cnd_rules_begin(struct cnd_run *run, size_t archive,
					const char *platform)
{
	struct cnd_rules_state *rs = cnd_xcalloc(1, sizeof(*rs));
	const struct cnd_rule *const *r;
	size_t n = 0;

	for (r = cnd_rules; *r; r++)
		n++;
	rs->ctx = cnd_xcalloc(n ? n : 1, sizeof(*rs->ctx));
	cnd_words_init(&rs->words);
	rs->sha = cnd_sha256_new();
	cnd_buf_init(&rs->key);
	rs->run = run;
	rs->archive = archive;
	rs->platform = platform;
	cnd_vec_init(&rs->changes, sizeof(struct cnd_setting_change));
	for (r = cnd_rules; *r; r++) {
		const struct cnd_rule_settings *set =
			cnd_policy_rule(run->opt.policy, (*r)->id);
		struct cnd_rule_ctx *c;

		if (set && !set->enabled)
			continue; /* switched off by the policy */
		c = &rs->ctx[rs->n++];
		c->rule = *r;
		c->settings = set;
		c->run = run;
		c->opt = run->opt;
		if (cnd_run_archive(run, archive)->period_set) {
			c->opt.since = cnd_run_archive(run, archive)->since;
			c->opt.until = cnd_run_archive(run, archive)->until;
		}
		c->archive = archive;
		c->platform = platform;
		c->rs = rs;
		c->state = cnd_xcalloc(1, (*r)->state_size ? (*r)->state_size :
							     1);
		cnd_arena_init(&c->scratch);
	}
	if (!run->raised) {
		run->raised = cnd_xmalloc(sizeof(*run->raised));
		cnd_strmap_init(run->raised);
	}
	return rs;
}

/* --- the settings timeline --- */

/* The setting names of record.h's vocabulary. */
static const struct {
	const char *name;
	const char *setting;
	int inverted; /* "true" means the timeline's "off" */
} setting_vocab[] = {
	{ "protected", "public", 1 },
	{ "private-account", "public", 1 },
	{ "threads-private-account", "public", 1 },
	{ "locked", "public", 1 },
	{ "public-profile", "public", 0 },
	{ "location-history", "location-sharing", 0 },
	{ "location-reporting", "location-sharing", 0 },
	{ "location-sharing", "location-sharing", 0 },
};

/* 1 for a true value, 0 for a false one, -1 when it is neither. */
static int setting_bool(const char *v)
{
	static const char *const yes[] = { "true", "on", "enabled", "yes" };
	static const char *const no[] = { "false", "off", "disabled", "no" };
	size_t i;

	if (!v)
		return -1;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(v, yes[i]))
			return 1;
		if (!strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

static void settings_collect(struct cnd_rules_state *rs,
			     const struct cnd_record *r)
{
	struct cnd_setting_change *ch;
	size_t i;
	int b;

	if (!r->setting)
		return;
	for (i = 0; i < sizeof(setting_vocab) / sizeof(setting_vocab[0]);
	     i++)
		if (!strcmp(r->setting, setting_vocab[i].name))
			break;
	if (i == sizeof(setting_vocab) / sizeof(setting_vocab[0]))
		return;
	b = setting_bool(r->value);
	if (b < 0)
		return;
	ch = cnd_vec_push(&rs->changes);
	ch->setting = setting_vocab[i].setting;
	ch->source = setting_vocab[i].name;
	/* a setting per device (Google location reporting) is one history each */
	ch->key = r->id ? cnd_arena_printf(&rs->run->arena, "%s\x1f%s",
					   ch->source, r->id) :
			  ch->source;
	ch->on = setting_vocab[i].inverted ? !b : b;
	ch->time = r->time;
	ch->seq = rs->changes.len;
	ch->prov.member = cnd_arena_strdup(&rs->run->arena, r->prov.member);
	ch->prov.item = r->prov.item;
}

/* By history, then dated changes in time order, then undated ones. */
static int setting_cmp(const void *pa, const void *pb)
{
	const struct cnd_setting_change *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (c)
		return c;
	if (a->time != b->time)
		return cnd_time_cmp(a->time, b->time);
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void settings_push(struct cnd_vec *out,
			  const struct cnd_rules_state *rs,
			  const struct cnd_setting_change *ch, int on,
			  int64_t from, int64_t to)
{
	struct cnd_setting_interval *iv = cnd_vec_push(out);

	iv->platform = rs->platform;
	iv->setting = ch->setting;
	iv->value = on ? "on" : "off";
	iv->from = from;
	iv->to = to;
	iv->source = ch->source;
	iv->prov = ch->prov;
}

/*
 * Turn the changes of one history (sorted) into intervals: the state before
 * the first dated change is inferred as its opposite; repeated states
 * merge; an undated state counts as the state at export time, and adds an
 * interval only when it says something the dated changes do not.
 */
static void settings_source(struct cnd_vec *out,
			    const struct cnd_rules_state *rs,
			    const struct cnd_setting_change *ch, size_t n)
{
	const struct cnd_setting_change *cur = NULL, *undated = NULL;
	struct cnd_setting_interval *iv;
	size_t i;

	for (i = 0; i < n; i++) {
		if (ch[i].time == CND_TIME_NONE) {
			undated = &ch[i];
			continue;
		}
		if (!cur) {
			settings_push(out, rs, &ch[i], !ch[i].on,
				      CND_TIME_NONE, ch[i].time);
			iv = cnd_vec_at(out, out->len - 1);
			iv->inferred = 1;
		} else if (ch[i].on == cur->on) {
			continue;
		} else {
			settings_push(out, rs, cur, cur->on, cur->time,
				      ch[i].time);
		}
		cur = &ch[i];
	}
	if (cur)
		settings_push(out, rs, cur, cur->on, cur->time,
			      CND_TIME_NONE);
	if (undated && (!cur || undated->on != cur->on)) {
		settings_push(out, rs, undated, undated->on,
			      CND_TIME_NONE, CND_TIME_NONE);
		iv = cnd_vec_at(out, out->len - 1);
		iv->undated = 1;
	}
}

static void settings_build(struct cnd_rules_state *rs)
{
	struct cnd_archive *a = cnd_run_archive(rs->run, rs->archive);
	struct cnd_setting_change *ch = rs->changes.items;
	struct cnd_setting_interval *dst;
	struct cnd_vec out;
	size_t i, start;

	if (!rs->changes.len)
		return;
	cnd_vec_init(&out, sizeof(struct cnd_setting_interval));
	qsort(ch, rs->changes.len, sizeof(*ch), setting_cmp);
	for (start = 0, i = 1; i <= rs->changes.len; i++) {
		if (i < rs->changes.len && !strcmp(ch[i].key, ch[start].key))
			continue;
		settings_source(&out, rs, ch + start, i - start);
		start = i;
	}
	dst = cnd_arena_alloc(&rs->run->arena,
			      out.len * sizeof(struct cnd_setting_interval));
	memcpy(dst, out.items, out.len * sizeof(struct cnd_setting_interval));
	a->settings = dst;
	a->n_settings = out.len;
	cnd_vec_release(&out);
}

void cnd_rules_record(struct cnd_rules_state *rs, const struct cnd_record *r)
{
	size_t i;

	if (r->kind == CND_REC_SETTING)
		settings_collect(rs, r);
	rs->words_valid = 0;
	rs->pd.text = NULL;
	rs->in_record = 1;
	for (i = 0; i < rs->n; i++) {
		struct cnd_rule_ctx *c = &rs->ctx[i];

		if (!(c->rule->kinds & CND_KIND_BIT(r->kind)) || !c->rule->check)
			continue;
		c->rule->check(c, r);
		cnd_arena_reset(&c->scratch);
	}
	rs->in_record = 0;
	rs->pd.text = NULL;
}

void cnd_rules_free(struct cnd_rules_state *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->n; i++) {
		struct cnd_rule_ctx *c = &rs->ctx[i];

		if (c->rule->release)
			c->rule->release(c);
		free(c->state);
		cnd_arena_release(&c->scratch);
	}
	free(rs->ctx);
	cnd_vec_release(&rs->changes);
	cnd_words_release(&rs->words);
	cnd_sha256_free(rs->sha);
	cnd_buf_release(&rs->key);
	free(rs);
}

void cnd_rules_end(struct cnd_rules_state *rs)
{
	size_t i;

	if (!rs)
		return;
	settings_build(rs);
	for (i = 0; i < rs->n; i++) {
		struct cnd_rule_ctx *c = &rs->ctx[i];

		if (c->rule->finish)
			c->rule->finish(c);
		cnd_arena_reset(&c->scratch);
	}
	cnd_rules_free(rs);
}

void *cnd_rule_state(struct cnd_rule_ctx *c)
{
	return c->state;
}

const struct cnd_rule *cnd_rule_self(const struct cnd_rule_ctx *c)
{
	return c->rule;
}

struct cnd_arena *cnd_rule_arena(struct cnd_rule_ctx *c)
{
	return &c->run->arena;
}

const struct cnd_words *cnd_rules_words(struct cnd_rule_ctx *c,
				       const char *text)
{
	struct cnd_rules_state *rs = c->rs;

	if (!rs->words_valid || rs->words.text != text) {
		cnd_words_split(&rs->words, text);
		rs->words_valid = 1;
	}
	return &rs->words;
}

struct cnd_rules_pd *cnd_rules_pd(struct cnd_rule_ctx *c)
{
	return c->rs->in_record ? &c->rs->pd : NULL;
}

struct cnd_arena *cnd_rule_scratch(struct cnd_rule_ctx *c)
{
	return &c->scratch;
}

const struct cnd_options *cnd_rule_options(const struct cnd_rule_ctx *c)
{
	return &c->opt;
}

const struct cnd_register *cnd_rule_clients(const struct cnd_rule_ctx *c)
{
	return c->run->opt.clients;
}

const char *cnd_rule_platform(const struct cnd_rule_ctx *c)
{
	return c->platform;
}

const struct cnd_rule_settings *
cnd_rule_settings(const struct cnd_rule_ctx *c)
{
	return c->settings;
}

const struct cnd_archive *cnd_rule_archive(const struct cnd_rule_ctx *c)
{
	return cnd_run_archive(c->run, c->archive);
}

static int in_period(const struct cnd_options *o, int64_t t)
{
	if (t == CND_TIME_NONE)
		return 1; /* undated state (a follow) holds at export time */
	if (o->since != CND_TIME_NONE && t < o->since)
		return 0;
	if (o->until != CND_TIME_NONE && t > o->until)
		return 0;
	return 1;
}

/* The key under which archive's finding fp is known as raised. */
static void raised_key(struct cnd_run *run, size_t archive, const char *fp,
		       struct cnd_buf *key)
{
	const struct cnd_archive *a = cnd_run_archive(run, archive);
	char num[24];
	size_t k = sizeof(num);

	if (!run->raised) {
		run->raised = cnd_xmalloc(sizeof(*run->raised));
		cnd_strmap_init(run->raised);
	}
	cnd_buf_reset(key);
	/* once per archive: two staff may well follow the same client */
	if (a->subject_given && a->subject) {
		cnd_buf_add(key, "s:", 2);
		cnd_buf_adds(key, a->subject);
		cnd_buf_addc(key, '\x1f');
	} else {
		do
			num[--k] = (char)('0' + archive % 10);
		while ((archive /= 10) != 0);
		cnd_buf_add(key, num + k, sizeof(num) - k);
		cnd_buf_addc(key, ':');
	}
	cnd_buf_adds(key, fp);
}

void cnd_rules_forget(struct cnd_run *run, const struct cnd_finding *f)
{
	struct cnd_buf key = CND_BUF_INIT;

	raised_key(run, f->archive, f->fingerprint, &key);
	/* a NULL value reads as never raised */
	cnd_strmap_putn(run->raised, key.data, key.len, NULL);
	cnd_buf_release(&key);
}

/* cnd_rules_seen() with the caller's buffer for the key. */
static int seen_with(struct cnd_run *run, size_t archive, const char *fp,
		     struct cnd_buf *key)
{
	raised_key(run, archive, fp, key);
	/* one probe: the previous value says whether it was raised (a
	 * forgotten key holds NULL, which reads as never raised) */
	return cnd_strmap_putn(run->raised, key->data, key->len, (void *)1) !=
	       NULL;
}

int cnd_rules_seen(struct cnd_run *run, size_t archive, const char *fp)
{
	struct cnd_buf key = CND_BUF_INIT;
	int seen = seen_with(run, archive, fp, &key);

	cnd_buf_release(&key);
	return seen;
}

static void raise_finding(struct cnd_rule_ctx *c, const struct cnd_finding *f,
			  const char *fp_value, int keep_period)
{
	struct cnd_arena *a = &c->run->arena;
	struct cnd_finding *out;
	const struct cnd_rule_settings *set;
	struct cnd_sha256 *h = c->rs->sha;
	const char *basis = f->record_id ? f->record_id :
					   (f->evidence ? f->evidence : "");
	struct cnd_buf *m = &c->rs->key;
	char hex[CND_SHA256_HEX];

	/* the message gathered first: one update, not four */
	cnd_buf_reset(m);
	cnd_buf_add(m, c->rule->id, strlen(c->rule->id) + 1);
	cnd_buf_add(m, c->platform, strlen(c->platform) + 1);
	cnd_buf_add(m, basis, strlen(basis) + 1);
	if (fp_value)
		cnd_buf_adds(m, fp_value);
	cnd_sha256_update(h, m->data, m->len);
	cnd_sha256_next(h, hex);
	hex[16] = '\0';
	if (seen_with(c->run, c->archive, hex, &c->rs->key))
		return;

	out = cnd_vec_push(&c->run->findings);
	*out = *f;
	set = cnd_rule_settings(c);
	if (set && set->severity >= 0) /* the policy's severity wins */
		out->severity = (enum cnd_severity)set->severity;
	out->rule = c->rule->id;
	out->archive = c->archive;
	out->platform = c->platform;
	out->in_period = keep_period ? f->in_period != 0 :
				       in_period(&c->opt, f->time);
	out->record_kind = cnd_arena_strdup(a, f->record_kind);
	out->record_id = cnd_arena_strdup(a, f->record_id);
	out->matched = cnd_arena_strdup(a, f->matched);
	out->client = cnd_arena_strdup(a, f->client);
	out->evidence = f->weak ? cnd_arena_printf(a, "%s; %s",
						   f->evidence ? f->evidence : "",
						   f->weak) :
				  cnd_arena_strdup(a, f->evidence ? f->evidence :
								    "");
	out->weak = cnd_arena_strdup(a, f->weak);
	out->prov.member = cnd_arena_strdup(a, f->prov.member);
	memcpy(out->fingerprint, hex, sizeof(out->fingerprint));
}

void cnd_rule_raise(struct cnd_rule_ctx *c, const struct cnd_finding *f,
		    const char *fp_value)
{
	raise_finding(c, f, fp_value, 0);
}

void cnd_rule_raise_in_period(struct cnd_rule_ctx *c,
			      const struct cnd_finding *f,
			      const char *fp_value)
{
	raise_finding(c, f, fp_value, 1);
}
