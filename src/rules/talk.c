/*
 * Lexicon rules over what the subject wrote (posts and comments, deleted
 * ones included, retweets and boosts left out: their words are someone
 * else's): talk about casework without a name (case-talk), and frustration
 * or offensive language about work (frustration, which also cites the
 * replies X itself prompted the subject to reconsider). Both are driven by
 * the policy (which lexicons a text needs: any / all / none / near within
 * N words, allow terms, stop contexts), matched by the lexicon matcher of
 * the match layer (conduct/match/lexicon.h) built once per archive, and do
 * nothing without a policy. Their evidence is masked as personal-data
 * masks it.
 */
#include <string.h>

#include "conduct/config/policy.h"
#include "conduct/match/lexicon.h"
#include "conduct/rules/rule.h"
#include "conduct/text/text.h"

#include "util.h"

/* --- Shared by the lexicon rules --- */

struct lexstate {
	int built;
	struct cnd_lexicon_matcher *lm; /* NULL: the policy sets no match */
};

/* The rule's matcher, built on first use; NULL when it has nothing to do. */
static struct cnd_lexicon_matcher *
lex_matcher(struct cnd_rule_ctx *c, const struct cnd_rule_settings *set)
{
	struct lexstate *ls = cnd_rule_state(c);

	if (ls->built)
		return ls->lm;
	ls->built = 1;
	if (!set || !set->match)
		return NULL;
	/* params.alone_terms (default true): false makes every term wait
	   for a near term, as before the "alone" mark */
	ls->lm = cnd_lexicon_compile(
		set->match,
		!set->params ||
			!json_is_false(json_object_get(set->params,
						       "alone_terms")),
		set->allow_terms, set->n_allow_terms, set->stop_contexts,
		set->n_stop_contexts);
	return ls->lm;
}

static void lex_release(struct cnd_rule_ctx *c)
{
	struct lexstate *ls = cnd_rule_state(c);

	cnd_lexicon_free(ls->lm);
	ls->lm = NULL;
}

static int lexicon_check(struct cnd_rule_ctx *c, const struct cnd_record *r,
			 const char *what)
{
	struct cnd_arena *a = cnd_rule_scratch(c);
	const struct cnd_rule_settings *set;
	const struct cnd_lexicon_term *x, *y;
	struct cnd_lexicon_matcher *lm;
	struct cnd_lexicon_found m;
	struct cnd_finding f = { 0 };
	struct cnd_rules_part p[16];
	size_t s, e, n = 0, k, words;
	char num[24];
	char *masked;
	int on;

	set = cnd_rules_settings(c, &on);
	if (!on || !cnd_rules_authored(r))
		return CND_OK;
	lm = lex_matcher(c, set);
	if (!lm || !cnd_lexicon_find(lm, cnd_rules_words(c, r->text), &m))
		return CND_OK;
	x = &m.anchor;
	y = m.has_near ? &m.near : NULL;
	s = y && y->start < x->start ? y->start : x->start;
	e = y && y->end > x->end ? y->end : x->end;
	masked = cnd_rules_mask_personal(c, r->text);

	f.severity = cnd_rules_severity(c, set);
	/* the words are there; whether they are about the subject's own
	 * work is the reviewer's judgement */
	f.confidence = CND_CONF_PROBABLE;
	f.time = r->time;
	f.record_kind = cnd_record_kind_name(r->kind);
	f.record_id = r->id;
	f.matched = cnd_arena_strndup(a, masked + x->start, x->end - x->start);
	/* "[(deleted) ]EXCERPT — WHAT term "X" (LEXICON...)": built per
	 * finding, so joined from its pieces rather than printed */
	p[n++] = r->deleted ? CND_RULES_LIT("(deleted) ") :
			      CND_RULES_LIT("");
	p[n++] = cnd_rules_str(cnd_text_excerpt(a, masked, s, e - s, 70));
	p[n++] = CND_RULES_LIT(" \xe2\x80\x94 ");
	p[n++] = cnd_rules_str(what);
	p[n++] = CND_RULES_LIT(" term \"");
	p[n++] = (struct cnd_rules_part){ r->text + x->start,
					  x->end - x->start };
	p[n++] = CND_RULES_LIT("\" (");
	p[n++] = cnd_rules_str(x->lexicon);
	if (y) {
		k = sizeof(num);
		words = m.words;
		do
			num[--k] = (char)('0' + words % 10);
		while ((words /= 10) != 0);
		p[n++] = CND_RULES_LIT(") within ");
		p[n++] = (struct cnd_rules_part){ num + k, sizeof(num) - k };
		p[n++] = m.words > 1 ? CND_RULES_LIT(" words of \"") :
				       CND_RULES_LIT(" word of \"");
		p[n++] = (struct cnd_rules_part){ r->text + y->start,
						  y->end - y->start };
		p[n++] = CND_RULES_LIT("\" (");
		p[n++] = cnd_rules_str(y->lexicon);
	} else if (m.alone) {
		p[n++] = CND_RULES_LIT(
			", a phrase that needs no work word near it");
	}
	p[n++] = CND_RULES_LIT(")");
	f.evidence = cnd_rules_join(a, p, n);
	f.prov = r->prov;
	cnd_rule_raise(c, &f, cnd_text_fold(a, x->term, strlen(x->term)));
	return CND_OK;
}

/* --- case-talk --- */

static int case_talk_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	return lexicon_check(c, r, "casework");
}

static const char *const case_talk_cites[] = {
	"swe-guidance:confidentiality",
	"hcpc-social-media:confidential",
	"nasw:1.07",
	"swrb:7-social-media",
	"ifsw:6",
	"essay:tip-2",
	NULL,
};

const struct cnd_rule cnd_rule_case_talk = {
	.id = "case-talk",
	.title = "Casework talked about in a post",
	.flags = "A post talks about casework even without a name (\"my client\", \"home visit\", \"case conference\", \"court today\", \"on my caseload\").",
	.severity = CND_SEV_MEDIUM,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_COMMENT),
	.citations = case_talk_cites,
	.state_size = sizeof(struct lexstate),
	.check = case_talk_check,
	.release = lex_release,
};

/* --- frustration --- */

static int frustration_check(struct cnd_rule_ctx *c,
			     const struct cnd_record *r)
{
	const struct cnd_rule_settings *set;
	struct cnd_finding f = { 0 };
	int on;

	if (r->kind != CND_REC_EVENT)
		return lexicon_check(c, r, "frustration");
	set = cnd_rules_settings(c, &on);
	if (!on || !r->setting || strcmp(r->setting, "reply-prompt"))
		return CND_OK;
	/* the platform itself judged a reply potentially harmful */
	f.severity = cnd_rules_severity(c, set);
	f.confidence = CND_CONF_PROBABLE;
	f.time = r->time;
	f.record_kind = cnd_record_kind_name(r->kind);
	f.record_id = r->id;
	f.matched = "reply prompt";
	f.evidence = cnd_arena_printf(
		cnd_rule_scratch(c),
		"the platform prompted the account to reconsider a reply it judged potentially harmful or offensive%s%s%s",
		r->id ? " (post " : "", r->id ? r->id : "", r->id ? ")" : "");
	f.prov = r->prov;
	cnd_rule_raise(c, &f, "reply-prompt");
	return CND_OK;
}

static const char *const frustration_cites[] = {
	"swe:5.6",
	"nasw:4.03",
	"hcpc-social-media:offensive",
	"sssc:5.8",
	"swrb:9-social-media",
	"basw:2.3",
	"ifsw:9",
	"essay:tip-6",
	NULL,
};

const struct cnd_rule cnd_rule_frustration = {
	.id = "frustration",
	.title = "Frustration or offensive language about work",
	.flags = "Posts in frustration or offensive language about work, colleagues or clients, and replies the platform itself flagged (X reply prompts).",
	.severity = CND_SEV_LOW,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_COMMENT) |
		 CND_KIND_BIT(CND_REC_EVENT),
	.citations = frustration_cites,
	.state_size = sizeof(struct lexstate),
	.check = frustration_check,
	.release = lex_release,
};
