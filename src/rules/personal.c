/*
 * personal-data: personal data of other people in what the subject wrote
 * (posts and comments, deleted ones included, reposts left out): phone
 * numbers, e-mail addresses, dates of birth and street addresses, found by
 * the detectors of the match layer (conduct/match/pdetect.h), and the
 * policy's case-number patterns. It never republishes what it finds: the
 * matched value, the evidence and the fingerprint hold masked values only
 * ("07700 9xx xxx"). The same masks serve every rule that quotes authored
 * text (cnd_rules_mask_personal), and a record's text is searched once for
 * all of them (the engine keeps what was found while the record is in
 * hand).
 */
#include <regex.h>
#include <string.h>

#include "conduct/config/policy.h"
#include "conduct/match/pdetect.h"
#include "conduct/rules/rule.h"
#include "conduct/text/text.h"

#include "util.h"

static const struct cnd_policy *run_policy(struct cnd_rule_ctx *c)
{
	return cnd_rule_options(c)->policy;
}

/*
 * Every piece of personal data in text: the policy's case-number patterns
 * first (the agency's own formats win overlaps), then the built-in
 * detectors.
 */
static void scan_personal(const char *text, const struct cnd_policy *pol,
			  struct cnd_pd_hits *h)
{
	h->n = 0;
	for (size_t i = 0; pol && i < pol->patterns.len; i++) {
		const struct cnd_pattern *pat = cnd_vec_at(&pol->patterns, i);

		if (cnd_refilter_may_match(&pat->pre, text))
			cnd_pd_scan_pattern(h, text, &pat->re, pat->name);
	}
	cnd_pd_scan(h, text);
}

/*
 * The personal data in text: found once per record for every rule that
 * looks (the engine keeps it), else into *own.
 */
static const struct cnd_pd_hits *personal_hits(struct cnd_rule_ctx *c,
					       const char *text,
					       struct cnd_pd_hits *own)
{
	struct cnd_rules_pd *pd = cnd_rules_pd(c);

	if (!text) {
		own->n = 0;
		return own;
	}
	if (!pd) {
		scan_personal(text, run_policy(c), own);
		return own;
	}
	if (pd->text != text) {
		scan_personal(text, run_policy(c), &pd->h);
		pd->text = text;
	}
	return &pd->h;
}

char *cnd_rules_mask_personal(struct cnd_rule_ctx *c, const char *text)
{
	struct cnd_pd_hits own;

	if (!text)
		return NULL;
	return cnd_pd_mask_copy(cnd_rule_scratch(c), text,
				personal_hits(c, text, &own));
}

/* --- personal-data --- */

static int personal_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct cnd_arena *a = cnd_rule_scratch(c);
	const struct cnd_rule_settings *set;
	const struct cnd_pd_hits *hits;
	struct cnd_pd_hits own;
	const char *seen[CND_PD_MAX_HITS];
	size_t i, k, nseen = 0;
	char *masked;
	int on;

	set = cnd_rules_settings(c, &on);
	if (!on || !cnd_rules_authored(r))
		return CND_OK;
	hits = personal_hits(c, r->text, &own);
	if (!hits->n)
		return CND_OK; /* most texts: nothing to mask, so no copy */
	masked = cnd_pd_mask_copy(a, r->text, hits);
	for (i = 0; i < hits->n; i++) {
		const struct cnd_pd_hit *x = &hits->v[i];
		struct cnd_finding f = { 0 };
		const char *name = cnd_pd_kind_name(x->kind);
		const char *what = x->kind == CND_PD_CASE && x->pattern ?
					   x->pattern : name;
		char *value = cnd_arena_strndup(a, masked + x->start,
						x->end - x->start);
		const char *fp = cnd_arena_printf(a, "%s:%s", name, value);

		for (k = 0; k < nseen; k++)
			if (!strcmp(seen[k], fp))
				break;
		if (k < nseen)
			continue; /* the same masked value twice in one text */
		seen[nseen++] = fp;
		f.severity = cnd_rules_severity(c, set);
		/* the agency's own format, or a precise pattern; addresses
		 * are a heuristic (a name and a street word) */
		f.confidence = x->kind == CND_PD_ADDRESS ? CND_CONF_POSSIBLE :
						       CND_CONF_PROBABLE;
		f.time = r->time;
		f.record_kind = cnd_record_kind_name(r->kind);
		f.record_id = r->id;
		f.matched = value;
		f.evidence = cnd_arena_printf(
			a, "%s%s — %s (masked here; see the original post)",
			r->deleted ? "(deleted) " : "",
			cnd_text_excerpt(a, masked, x->start,
					 x->end - x->start, 80),
			what);
		f.prov = r->prov;
		cnd_rule_raise(c, &f, fp);
	}
	return CND_OK;
}

static const char *const personal_cites[] = {
	"hcpc:5.1",
	"hcpc-social-media:confidential",
	"nasw:1.07",
	"swe-guidance:confidentiality",
	"swrb:7-social-media",
	"ifsw:6",
	NULL,
};

const struct cnd_rule cnd_rule_personal_data = {
	.id = "personal-data",
	.title = "Personal data in a post",
	.flags = "Text that holds personal data of others: phone numbers, e-mail addresses, dates of birth, street addresses, agency case or record numbers (shown masked).",
	.severity = CND_SEV_MEDIUM,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_COMMENT),
	.citations = personal_cites,
	.check = personal_check,
};
