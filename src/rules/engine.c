/*
 * The rule engine: for each archive it creates a context per registered
 * rule, hands each record to the rules that asked for its kind, calls the
 * finish steps at the end of the archive, and turns raised findings into
 * struct cnd_finding entries of the run, with the review-period flag and a
 * content fingerprint (SHA-256 of rule id, platform, record id or evidence,
 * and the normalised matched value: never a position in a file, so the same
 * finding in next year's export has the same fingerprint). A finding whose
 * fingerprint was already raised for the same archive (the same tweet in
 * tweet.js and tweets.js) is kept once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/hash.h"
#include "conduct/rule.h"
#include "conduct/strmap.h"

#include "engine.h"

struct cnd_rule_ctx {
	const struct cnd_rule *rule;
	struct cnd_run *run;
	size_t archive;
	const char *platform;
	void *state;
	struct cnd_arena scratch;
};

struct cnd_rules_state {
	struct cnd_rule_ctx *ctx;
	size_t n;
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
	for (r = cnd_rules; *r; r++) {
		struct cnd_rule_ctx *c = &rs->ctx[rs->n++];

		c->rule = *r;
		c->run = run;
		c->archive = archive;
		c->platform = platform;
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

void cnd_rules_record(struct cnd_rules_state *rs, const struct cnd_record *r)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		struct cnd_rule_ctx *c = &rs->ctx[i];

		if (!(c->rule->kinds & CND_KIND_BIT(r->kind)) || !c->rule->check)
			continue;
		c->rule->check(c, r);
		cnd_arena_reset(&c->scratch);
	}
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
	free(rs);
}

void cnd_rules_end(struct cnd_rules_state *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->n; i++) {
		struct cnd_rule_ctx *c = &rs->ctx[i];

		if (c->rule->finish)
			c->rule->finish(c);
		cnd_arena_reset(&c->scratch);
	}
	cnd_rules_free(rs);
}

void cnd_rules_run_release(struct cnd_run *run)
{
	if (!run->raised)
		return;
	cnd_strmap_release(run->raised);
	free(run->raised);
	run->raised = NULL;
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

struct cnd_arena *cnd_rule_scratch(struct cnd_rule_ctx *c)
{
	return &c->scratch;
}

const struct cnd_options *cnd_rule_options(const struct cnd_rule_ctx *c)
{
	return &c->run->opt;
}

const struct cnd_register *cnd_rule_clients(const struct cnd_rule_ctx *c)
{
	return c->run->opt.clients;
}

const char *cnd_rule_platform(const struct cnd_rule_ctx *c)
{
	return c->platform;
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

void cnd_rule_raise(struct cnd_rule_ctx *c, const struct cnd_finding *f,
		    const char *fp_value)
{
	struct cnd_arena *a = &c->run->arena;
	struct cnd_finding *out;
	struct cnd_sha256 *h = cnd_sha256_new();
	const char *basis = f->record_id ? f->record_id :
					   (f->evidence ? f->evidence : "");
	char hex[CND_SHA256_HEX], key[96];

	cnd_sha256_update(h, c->rule->id, strlen(c->rule->id) + 1);
	cnd_sha256_update(h, c->platform, strlen(c->platform) + 1);
	cnd_sha256_update(h, basis, strlen(basis) + 1);
	if (fp_value)
		cnd_sha256_update(h, fp_value, strlen(fp_value));
	cnd_sha256_final(h, hex);
	hex[16] = '\0';
	/* once per archive: two staff may well follow the same client */
	snprintf(key, sizeof(key), "%zu:%s", c->archive, hex);
	if (cnd_strmap_get(c->run->raised, key))
		return;
	cnd_strmap_put(c->run->raised, key, (void *)1);

	out = cnd_vec_push(&c->run->findings);
	*out = *f;
	out->rule = c->rule->id;
	out->archive = c->archive;
	out->platform = c->platform;
	out->in_period = in_period(&c->run->opt, f->time);
	out->record_kind = cnd_arena_strdup(a, f->record_kind);
	out->record_id = cnd_arena_strdup(a, f->record_id);
	out->matched = cnd_arena_strdup(a, f->matched);
	out->client = cnd_arena_strdup(a, f->client);
	out->evidence = cnd_arena_strdup(a, f->evidence ? f->evidence : "");
	out->prov.member = cnd_arena_strdup(a, f->prov.member);
	memcpy(out->fingerprint, hex, sizeof(out->fingerprint));
}
