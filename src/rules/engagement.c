/*
 * Rules about what the subject looked for, reacted to and publicly aligned
 * with: searching for a registered client (client-search), liking or
 * commenting on a client's content (client-engagement), and visible
 * affiliations (affiliation: follows of pages, groups and companies, and
 * follows that match the policy's opt-in category lexicons such as
 * affiliation_political). The first two ask the client register and do
 * nothing without one; affiliation is off in the default policy, does
 * nothing without a policy, and never shows which category (a protected
 * characteristic such as politics or religion) a follow matched unless the
 * policy sets params.show_categories.
 */
#include <stdint.h>
#include <string.h>

#include "conduct/config/policy.h"
#include "conduct/config/register.h"
#include "conduct/rules/rule.h"
#include "conduct/text/text.h"

#include "util.h"

/* --- Shared --- */

static const char *describe_account(struct cnd_arena *a,
				    const struct cnd_account *acc)
{
	if (acc->handle && acc->name)
		return cnd_arena_printf(a, "@%s (%s)", acc->handle, acc->name);
	if (acc->handle)
		return cnd_arena_printf(a, "@%s", acc->handle);
	if (acc->name)
		return cnd_arena_strdup(a, acc->name);
	return cnd_arena_printf(a, "account %s", acc->id ? acc->id : "?");
}

/* --- client-search --- */

#define SEARCH_MAX_CLIENTS 8

struct search_hits {
	const struct cnd_client *client[SEARCH_MAX_CLIENTS];
	enum cnd_confidence conf[SEARCH_MAX_CLIENTS];
	const char *matched[SEARCH_MAX_CLIENTS];
	const char *weak[SEARCH_MAX_CLIENTS]; /* why weak, or NULL */
	size_t n;
	struct cnd_rule_ctx *c;
	const struct cnd_record *r;
	const struct cnd_words *w;
};

static void search_add(struct search_hits *h, const struct cnd_client *cl,
		       enum cnd_confidence conf, const char *matched,
		       const char *weak)
{
	size_t i;

	if (!cnd_rules_considered(h->c, cl, h->r->time))
		return;
	for (i = 0; i < h->n; i++) {
		if (h->client[i] != cl)
			continue;
		if (conf < h->conf[i] ||
		    (conf == h->conf[i] && h->weak[i] && !weak)) {
			h->conf[i] = conf;
			h->matched[i] = matched;
			h->weak[i] = weak;
		}
		return;
	}
	if (h->n == SEARCH_MAX_CLIENTS)
		return;
	h->client[h->n] = cl;
	h->conf[h->n] = conf;
	h->matched[h->n] = matched;
	h->weak[h->n] = weak;
	h->n++;
}

static int on_search_name(void *ud, const struct cnd_name_match *m)
{
	struct search_hits *h = ud;
	struct cnd_arena *a = cnd_rule_scratch(h->c);
	const char *weak;

	if (cnd_rules_name_check(h->c, cnd_rule_state(h->c), NULL, h->w, m,
				 &weak) < 0)
		return 0;
	search_add(h, m->client,
		   m->is_handle ? CND_CONF_PROBABLE : CND_CONF_POSSIBLE,
		   cnd_arena_strndup(a, h->r->text + m->start, m->len), weak);
	return 0;
}

static int search_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	const struct cnd_register *reg = cnd_rule_clients(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	const struct cnd_rule_settings *set;
	struct search_hits h;
	struct cnd_account acc = { 0 };
	const char *q;
	size_t i, len;
	int on;

	set = cnd_rules_settings(c, &on);
	if (!on || !reg || !r->text || !*r->text)
		return CND_OK;
	memset(&h, 0, sizeof(h));
	h.c = c;
	h.r = r;

	/* the whole query as a handle: "@evelyn_example", "evelyn_example" */
	q = r->text;
	while (*q == ' ' || *q == '\t')
		q++;
	if (*q == '@')
		q++;
	len = strcspn(q, " \t");
	if (len && !q[len + strspn(q + len, " \t")]) {
		const struct cnd_client *cl;
		enum cnd_confidence conf;
		const char *matched;

		acc.handle = cnd_arena_strndup(a, q, len);
		cl = cnd_register_match_account(reg, cnd_rule_platform(c), &acc,
						&conf, &matched);
		if (cl)
			search_add(&h, cl, conf, matched, NULL);
	}
	h.w = cnd_rules_words(c, r->text);
	cnd_register_scan_words(reg, h.w, on_search_name, &h);
	/* people search surname first; params.name_order "exact" stops it */
	cnd_register_scan_reordered(reg, h.w, on_search_name, &h);

	for (i = 0; i < h.n; i++) {
		struct cnd_finding f = { 0 };
		const char *ended = cnd_rules_undated_ended(c, h.client[i],
							    r->time);
		const char *weak = h.weak[i] ? h.weak[i] : ended;

		if (ended && cnd_rules_param_is(set, "undated_ended", "skip"))
			continue;
		f.severity = cnd_rules_severity(c, set);
		f.confidence = ended ? CND_CONF_POSSIBLE : h.conf[i];
		f.time = r->time;
		f.record_kind = cnd_record_kind_name(r->kind);
		f.record_id = r->id;
		f.matched = h.matched[i];
		f.client = h.client[i]->ref;
		f.evidence = cnd_arena_printf(
			a, "search for \"%s\" — matches %s; where the search had a professional reason, the reviewer can record it in the Note column",
			cnd_text_excerpt(a, cnd_rules_mask_personal(c, r->text),
					 0, 0, 100),
			cnd_rules_client_label(a, h.client[i]));
		f.weak = weak;
		f.prov = r->prov;
		cnd_rule_raise(c, &f, h.client[i]->ref);
	}
	return CND_OK;
}

static void name_guard_release(struct cnd_rule_ctx *c)
{
	cnd_rules_name_guard_release(cnd_rule_state(c));
}

static const char *const search_cites[] = {
	"nasw:1.03(i)",
	"nasw:1.07(a)",
	"nasw:1.07(q)",
	"swe-guidance:privacy",
	"swrb:10-online-searches",
	"hcpc:1.1",
	"ifsw:6",
	NULL,
};

const struct cnd_rule cnd_rule_client_search = {
	.id = "client-search",
	.title = "Searched for a client",
	.flags = "The account searched for a registered client (name, alias or handle in a search or saved search).",
	.severity = CND_SEV_MEDIUM,
	.kinds = CND_KIND_BIT(CND_REC_SEARCH),
	.citations = search_cites,
	.state_size = sizeof(struct cnd_name_guard),
	.check = search_check,
	.release = name_guard_release,
};

/* --- client-engagement --- */

static int engagement_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	const struct cnd_register *reg = cnd_rule_clients(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	const struct cnd_rule_settings *set;
	const struct cnd_client *cl;
	struct cnd_finding f = { 0 };
	enum cnd_confidence conf;
	const char *matched, *weak;
	int on;

	set = cnd_rules_settings(c, &on);
	if (!on || !reg)
		return CND_OK;
	/* a post counts when it replies to someone else's post (X gives
	   the owner of the post replied to) */
	if (r->kind == CND_REC_POST &&
	    (!r->reply || r->repost || (!r->counterpart.id &&
					!r->counterpart.handle)))
		return CND_OK;
	cl = cnd_register_match_account(reg, cnd_rule_platform(c),
					&r->counterpart, &conf, &matched);
	if (!cl || !cnd_rules_considered(c, cl, r->time))
		return CND_OK;
	/* undated (Mastodon likes) and far from the client's time */
	weak = cnd_rules_undated_ended(c, cl, r->time);
	if (weak && cnd_rules_param_is(set, "undated_ended", "skip"))
		return CND_OK;
	f.severity = cnd_rules_severity(c, set);
	f.confidence = weak ? CND_CONF_POSSIBLE : conf;
	f.time = r->time;
	f.record_kind = cnd_record_kind_name(r->kind);
	f.about = CND_ABOUT_ENGAGEMENT;
	f.record_id = r->id;
	f.matched = matched;
	f.client = cl->ref;
	f.evidence = cnd_arena_printf(
		a, "%s content by %s; %s%s%s%s",
		r->kind == CND_REC_LIKE	   ? "liked" :
		r->kind == CND_REC_POST	   ? "replied to" :
					     "commented on",
		describe_account(a, &r->counterpart),
		cnd_rules_client_label(a, cl),
		r->text && *r->text ? (r->kind == CND_REC_LIKE ?
					       "; liked: \"" :
					       r->kind == CND_REC_POST ?
					       "; reply: \"" :
					       "; comment: \"") :
				      "",
		r->text && *r->text ?
			cnd_text_excerpt(a, r->kind == CND_REC_POST ?
						 cnd_rules_mask_personal(c, r->text) :
						 r->text,
					 0, 0, 100) :
			"",
		r->text && *r->text ? "\"" : "");
	if (!weak && conf == CND_CONF_POSSIBLE)
		weak = CND_RULES_NAME_ONLY;
	f.weak = weak;
	f.prov = r->prov;
	cnd_rule_raise(c, &f, cl->ref);
	return CND_OK;
}

static const char *const engagement_cites[] = {
	"nasw:1.06(h)",
	"hcpc-social-media:boundaries",
	"swrb:5-boundaries",
	"ifsw:8",
	NULL,
};

const struct cnd_rule cnd_rule_client_engagement = {
	.id = "client-engagement",
	.title = "Liked or commented on a client's content",
	.flags = "Likes, comments, reactions and replies on content owned by a registered client.",
	.severity = CND_SEV_MEDIUM,
	.kinds = CND_KIND_BIT(CND_REC_LIKE) | CND_KIND_BIT(CND_REC_COMMENT) |
		 CND_KIND_BIT(CND_REC_POST),
	.citations = engagement_cites,
	.check = engagement_check,
};

/* --- affiliation --- */

struct affil_state {
	int built;
	struct cnd_matcher *m; /* opt-in category terms, or NULL */
	const struct cnd_lexicon_match *match;
};

struct affil_hit {
	const char *lexicon;
	const char *term;
};

static void affil_add(struct cnd_matcher *m,
		      const struct cnd_lexicon *const *lex, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (!lex[k])
			continue;
		for (size_t j = 0; j < lex[k]->n_terms; j++)
			cnd_matcher_add(m, lex[k]->terms[j],
					(void *)(uintptr_t)lex[k]);
	}
}

static struct affil_state *affil_build(struct cnd_rule_ctx *c,
				       const struct cnd_rule_settings *set)
{
	struct affil_state *st = cnd_rule_state(c);

	if (st->built)
		return st;
	st->built = 1;
	if (!set->match || (!set->match->n_any && !set->match->n_all))
		return st;
	st->match = set->match;
	st->m = cnd_matcher_new();
	affil_add(st->m, set->match->any, set->match->n_any);
	affil_add(st->m, set->match->all, set->match->n_all);
	return st;
}

static int on_affil(void *ud, const struct cnd_match *m)
{
	struct affil_hit *h = ud;
	const struct cnd_lexicon *lex = (const void *)(uintptr_t)m->tag;

	h->lexicon = lex->name;
	h->term = m->term;
	return 1; /* the first is enough */
}

static int show_categories(const struct cnd_rule_settings *set)
{
	return set->params &&
	       json_is_true(json_object_get(set->params, "show_categories"));
}

static int affiliation_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct cnd_arena *a = cnd_rule_scratch(c);
	const struct cnd_rule_settings *set;
	const struct cnd_account *acc = &r->counterpart;
	struct cnd_finding f = { 0 };
	struct affil_hit hit = { NULL, NULL };
	struct affil_state *st;
	const char *names, *kind;
	int on, org;

	set = cnd_rules_settings(c, &on);
	/* off by default: without a policy that enables it, nothing */
	if (!set || !on)
		return CND_OK;
	if (r->dir != CND_FOLLOW_FOLLOWING && r->dir != CND_FOLLOW_REQUEST_SENT)
		return CND_OK; /* only the subject's own, visible choices */
	st = affil_build(c, set);
	org = r->category && (!strcmp(r->category, "page") ||
			      !strcmp(r->category, "group") ||
			      !strcmp(r->category, "company"));
	/* the lists name organisations: a person the export calls a person
	   (LinkedIn members, Facebook friends) named Church or Temple is not
	   one */
	if (st->m && !(r->category && !strcmp(r->category, "person"))) {
		names = cnd_arena_printf(a, "%s %s", acc->name ? acc->name : "",
					 acc->handle ? acc->handle : "");
		cnd_matcher_scan(st->m, names, on_affil, &hit);
	}
	if (!org && !hit.term)
		return CND_OK;
	kind = org ? r->category : "account";

	f.severity = cnd_rules_severity(c, set);
	f.time = r->time;
	f.record_kind = cnd_record_kind_name(r->kind);
	f.record_id = acc->id ? acc->id : acc->handle;
	f.prov = r->prov;
	if (hit.term && !show_categories(set)) {
		/* the name would tell the category: show neither */
		f.confidence = CND_CONF_POSSIBLE;
		f.matched = "(hidden)";
		f.evidence = cnd_arena_printf(
			a, "the account follows %s %s on one of the policy's opt-in affiliation lists (%s%s; name and list hidden: they may reveal a protected characteristic; the policy's show_categories shows them)",
			org ? "a" : "an", kind, acc->id ? "account " : "see the source",
			acc->id ? acc->id : "");
		/* the fingerprint needs what tells two such follows apart: with
		   no account id or handle (LinkedIn companies, Facebook pages)
		   that is the name, hashed into it and never shown; else every
		   hidden follow of the export would collapse into one */
		cnd_rule_raise(c, &f, acc->id || acc->handle || !acc->name ?
					      "(hidden)" :
					      cnd_text_fold(a, acc->name,
							    strlen(acc->name)));
		return CND_OK;
	}
	if (hit.term) {
		f.confidence = CND_CONF_POSSIBLE;
		f.matched = hit.term;
		f.evidence = cnd_arena_printf(
			a, "the account follows the %s %s, which matches \"%s\" on the opt-in list %s",
			kind, describe_account(a, acc), hit.term,
			hit.lexicon ? hit.lexicon : "(unnamed)");
		cnd_rule_raise(c, &f, cnd_text_fold(a, hit.term,
						    strlen(hit.term)));
		return CND_OK;
	}
	f.confidence = CND_CONF_CONFIRMED; /* the export says it is a page */
	f.matched = acc->name ? acc->name : acc->handle;
	f.evidence = cnd_arena_printf(a, "the account follows the %s %s",
				      kind, describe_account(a, acc));
	cnd_rule_raise(c, &f, r->category);
	return CND_OK;
}

static void affiliation_release(struct cnd_rule_ctx *c)
{
	struct affil_state *st = cnd_rule_state(c);

	cnd_matcher_free(st->m);
	st->m = NULL;
}

static const char *const affiliation_cites[] = {
	"nasw:1.06(g)",
	"ifsw:8",
	NULL,
};

const struct cnd_rule cnd_rule_affiliation = {
	.id = "affiliation",
	.title = "Visible affiliation",
	.flags = "Visible affiliations (groups, pages, political or religious follows) from opt-in category lists; off by default, categories hidden unless enabled.",
	.severity = CND_SEV_INFO,
	.kinds = CND_KIND_BIT(CND_REC_FOLLOW),
	.citations = affiliation_cites,
	.state_size = sizeof(struct affil_state),
	.check = affiliation_check,
	.release = affiliation_release,
};
