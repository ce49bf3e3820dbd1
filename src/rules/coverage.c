/*
 * What the export cannot show (coverage-gap): so that a review never takes
 * "not exported" for "nothing happened", every limit of the archive becomes
 * an info finding the reviewer has to acknowledge, one per gap: each
 * coverage gap the platform handler noted (X exports saved searches, not
 * search history; a member the manifest lists is missing), each member
 * that could not be read (diagnostics of status CND_FAILED or worse), and
 * an export holding no follow lists at all, likes that name no owner (X
 * likes give the liked text and no author, so they cannot be checked
 * against the client register), and a policy with no case-number pattern
 * (agency references in posts cannot be recognised). It reads only likes,
 * to count those without an owner; its finish step reads the archive's
 * inventory through cnd_rule_archive().
 * The fingerprint rests on the gap's text, so the same gap in next year's
 * export is the same finding.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/config/policy.h"
#include "conduct/config/register.h"
#include "conduct/rules/rule.h"

struct coverage_state {
	unsigned long long unowned_likes; /* likes that name no owner */
};

static int coverage_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct coverage_state *st = cnd_rule_state(c);

	if (!r->counterpart.id && !r->counterpart.handle &&
	    !r->counterpart.name)
		st->unowned_likes++;
	return CND_OK;
}

static void gap_raise(struct cnd_rule_ctx *c, const char *member,
		      const char *text)
{
	struct cnd_finding f = { 0 };

	f.severity = CND_SEV_INFO;
	f.confidence = CND_CONF_CONFIRMED;
	f.time = CND_TIME_NONE;
	f.record_kind = "archive";
	f.matched = "";
	f.evidence = text;
	f.prov.member = member;
	f.prov.item = -1;
	cnd_rule_raise(c, &f, text);
}

/* 1 when a gap the platform noted already speaks of follows. */
static int gaps_mention_follows(const struct cnd_archive *a)
{
	size_t i;

	for (i = 0; i < a->gaps.len; i++)
		if (strstr(*(const char *const *)cnd_vec_at(&a->gaps, i),
			   "follow"))
			return 1;
	return 0;
}

static int coverage_finish(struct cnd_rule_ctx *c)
{
	const struct cnd_archive *a = cnd_rule_archive(c);
	struct cnd_arena *s = cnd_rule_scratch(c);
	const struct coverage_state *st;
	const struct cnd_policy *pol;
	size_t i;

	if (!a)
		return CND_OK;
	for (i = 0; i < a->gaps.len; i++)
		gap_raise(c, NULL,
			  *(const char *const *)cnd_vec_at(&a->gaps, i));
	for (i = 0; i < a->diags.len; i++) {
		const struct cnd_diag *d = cnd_vec_at(&a->diags, i);

		if (d->status < CND_FAILED)
			continue;
		gap_raise(c, d->member,
			  d->member ?
				  cnd_arena_printf(s, "'%s' could not be fully used, so part of the export cannot be reviewed: %s",
						   d->member, d->message) :
				  cnd_arena_printf(s, "part of the export could not be read, so it cannot be reviewed: %s",
						   d->message));
	}
	st = cnd_rule_state(c);
	if (st->unowned_likes && cnd_rule_clients(c))
		gap_raise(c, NULL,
			  cnd_arena_printf(s, "%llu like%s name%s no owner (the export gives the liked post and not whose it was), so %s could not be checked against the client register: client-engagement cannot see %s",
					   st->unowned_likes,
					   st->unowned_likes == 1 ? "" : "s",
					   st->unowned_likes == 1 ? "s" : "",
					   st->unowned_likes == 1 ? "it" : "they",
					   st->unowned_likes == 1 ? "it" : "them"));
	pol = cnd_rule_options(c)->policy;
	if (a->counts[CND_COUNT_POSTS] && pol && !pol->patterns.len)
		gap_raise(c, NULL,
			  "the policy sets no case-number pattern (case_number_patterns is empty), so agency case or record numbers in posts could not be recognised");
	if (!a->counts[CND_COUNT_FOLLOWING] && !a->counts[CND_COUNT_FOLLOWERS] &&
	    !a->counts[CND_COUNT_FRIENDS] && !gaps_mention_follows(a))
		gap_raise(c, NULL,
			  "the export holds no follow lists (no one followed and no followers): either the platform did not export them or there were none, so connections with clients cannot be checked from this export");
	return CND_OK;
}

static const char *const coverage_cites[] = {
	NULL,
};

const struct cnd_rule cnd_rule_coverage_gap = {
	.id = "coverage-gap",
	.title = "The export cannot show this",
	.flags = "What the export cannot show: gaps the platform's export has, members that could not be read, an export without follow lists, likes that name no owner, a policy without a case-number pattern.",
	.severity = CND_SEV_INFO,
	.kinds = CND_KIND_BIT(CND_REC_LIKE),
	.citations = coverage_cites,
	.state_size = sizeof(struct coverage_state),
	.check = coverage_check,
	.finish = coverage_finish,
};
