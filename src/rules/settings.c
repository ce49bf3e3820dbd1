/*
 * Privacy settings over time (public-profile): the account could be seen
 * by anyone during the review period, or its posts were public. The
 * intervals come from the archive's settings timeline, which the engine
 * builds from the export's own setting records before the finish steps
 * (X's protected-account history, Instagram's and TikTok's private-account
 * setting, Mastodon's locked flag; vocabulary in record.h): every interval
 * in which the account was public and that overlaps the review period is
 * one finding, so a reviewer sees "public from 15 January to 22 May 2023"
 * rather than a bare yes. An account that was public only before the
 * period (protected since 2021, review of 2023) raises nothing. A state the
 * export gives without a date is taken to hold when the export was made,
 * which the evidence says. Posts that carry their own visibility (Mastodon,
 * LinkedIn) add one finding with the share of public posts in the period.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/rules/rule.h"
#include "conduct/base/timeutil.h"

#include "util.h"

struct public_state {
	uint64_t with_visibility; /* posts in period that state a visibility */
	uint64_t public_posts;
	int64_t first, last;	  /* of the public ones */
	const char *first_id;
	struct cnd_provenance prov;
};

static int public_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct public_state *st = cnd_rule_state(c);
	struct cnd_arena *a = cnd_rule_arena(c);

	if (!r->visibility || r->deleted ||
	    !cnd_rules_in_review(cnd_rule_options(c), r->time))
		return CND_OK;
	st->with_visibility++;
	if (strcmp(r->visibility, "public"))
		return CND_OK;
	st->public_posts++;
	if (st->public_posts == 1)
		st->last = r->time;
	else if (r->time != CND_TIME_NONE &&
		 (st->last == CND_TIME_NONE || r->time > st->last))
		st->last = r->time;
	if (st->public_posts > 1 &&
	    (r->time == CND_TIME_NONE ||
	     (st->first != CND_TIME_NONE && r->time >= st->first)))
		return CND_OK;
	st->first = r->time;
	st->first_id = cnd_arena_strdup(a, r->id);
	st->prov.member = cnd_arena_strdup(a, r->prov.member);
	st->prov.item = r->prov.item;
	return CND_OK;
}

static const char *day(struct cnd_arena *a, int64_t t)
{
	char buf[32];

	cnd_time_format_utc(t, buf, sizeof(buf));
	return cnd_arena_strndup(a, buf, 10);
}

/* The recorded setting's state while public, for the evidence. */
static const char *while_public(const char *source)
{
	return strcmp(source, "public-profile") ? "off" : "on";
}

static void public_interval(struct cnd_rule_ctx *c,
			    const struct cnd_setting_interval *iv)
{
	const struct cnd_options *o = cnd_rule_options(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	struct cnd_finding f = { 0 };
	char from[32] = "", to[32] = "";
	int64_t when;

	f.in_period = cnd_rules_interval_in_period(o, iv, &when);
	if (!f.in_period && !iv->undated)
		return;
	if (iv->from != CND_TIME_NONE)
		cnd_time_format_utc(iv->from, from, sizeof(from));
	if (iv->to != CND_TIME_NONE)
		cnd_time_format_utc(iv->to, to, sizeof(to));
	f.severity = CND_SEV_INFO;
	f.confidence = CND_CONF_CONFIRMED;
	f.time = when;
	f.record_kind = "setting";
	f.record_id = cnd_arena_printf(a, "%s:%s", iv->source,
				       iv->undated ? "undated" :
				       iv->from == CND_TIME_NONE ?
						     "before-first-change" :
						     from);
	f.matched = "public";
	if (iv->undated)
		f.evidence = cnd_arena_printf(
			a, "the account was public ('%s' %s) when the export was made; the export gives this setting without a date, so it is treated as holding now, and when it began is not known",
			iv->source, while_public(iv->source));
	else if (iv->from == CND_TIME_NONE)
		f.evidence = cnd_arena_printf(
			a, "the account was public ('%s' %s) until %s, when the first change the export records made it private; so it was public before then%s",
			iv->source, while_public(iv->source), day(a, iv->to),
			o->since != CND_TIME_NONE ?
				cnd_arena_printf(a, ", including the review period from %s", day(a, o->since)) : "");
	else
		f.evidence = cnd_arena_printf(
			a, "the account was public ('%s' %s) from %s %s",
			iv->source, while_public(iv->source), day(a, iv->from),
			to[0] ? cnd_arena_printf(a, "until %s", day(a, iv->to)) :
				"and still was when the export was made");
	f.prov = iv->prov;
	cnd_rule_raise_in_period(c, &f, iv->source);
}

static int public_finish(struct cnd_rule_ctx *c)
{
	struct public_state *st = cnd_rule_state(c);
	const struct cnd_archive *arc = cnd_rule_archive(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	size_t i;

	for (i = 0; arc && i < arc->n_settings; i++) {
		const struct cnd_setting_interval *iv = &arc->settings[i];

		if (!strcmp(iv->setting, "public") && !strcmp(iv->value, "on") &&
		    !strcmp(iv->platform, cnd_rule_platform(c)))
			public_interval(c, iv);
	}
	if (st->public_posts) {
		struct cnd_finding f = { 0 };

		f.severity = CND_SEV_INFO;
		f.confidence = CND_CONF_CONFIRMED;
		f.time = st->last;
		f.record_kind = "post";
		f.record_id = st->first_id;
		f.matched = "public";
		f.evidence = cnd_arena_printf(
			a, "%llu of the %llu posts in the review period that state their visibility were public (%.0f%%)",
			(unsigned long long)st->public_posts,
			(unsigned long long)st->with_visibility,
			100.0 * (double)st->public_posts /
				(double)st->with_visibility);
		f.prov = st->prov;
		cnd_rule_raise(c, &f, "public-posts");
	}
	return CND_OK;
}

static const char *const public_cites[] = {
	"hcpc-social-media:privacy-settings",
	"basw-social-media:security",
	"swrb:10-privacy-settings",
	"nasw:1.06(f)",
	"ifsw:8",
	"essay:tip-5",
	NULL,
};

const struct cnd_rule cnd_rule_public_profile = {
	.id = "public-profile",
	.title = "Account or posts public",
	.flags = "The account was public (not protected, private or locked) during the review period, or its posts were public.",
	.severity = CND_SEV_INFO,
	.kinds = CND_KIND_BIT(CND_REC_POST),
	.citations = public_cites,
	.state_size = sizeof(struct public_state),
	.check = public_check,
	.finish = public_finish,
};
