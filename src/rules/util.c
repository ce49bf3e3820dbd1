/*
 * Helpers the rule files share (src/rules/util.h): each was written again
 * in several of clients.c, engagement.c, personal.c, talk.c, location.c
 * and settings.c, and is kept here once so the rules agree on what a policy
 * setting, a client's period and the review period mean.
 */
#include <string.h>

#include "conduct/base/timeutil.h"

#include "util.h"

int cnd_rules_authored(const struct cnd_record *r)
{
	if (!r->text || !*r->text)
		return 0;
	if (r->kind == CND_REC_POST)
		return !r->repost;
	return r->kind == CND_REC_COMMENT;
}

const struct cnd_rule_settings *cnd_rules_settings(struct cnd_rule_ctx *c,
						   int *on)
{
	const struct cnd_rule_settings *s = cnd_rule_settings(c);

	*on = !s || s->enabled;
	return s;
}

enum cnd_severity cnd_rules_severity(struct cnd_rule_ctx *c,
				     const struct cnd_rule_settings *s)
{
	if (s && s->severity >= 0 && s->severity < CND_SEV__N)
		return (enum cnd_severity)s->severity;
	return cnd_rule_self(c)->severity;
}

int cnd_rules_considered(const struct cnd_rule_ctx *c,
			 const struct cnd_client *cl, int64_t t)
{
	const struct cnd_archive *a = cnd_rule_archive(c);

	/* undated, in an export made before this person became a client;
	   only the export's own date says so: the latest record's time is
	   no more than a lower bound of when it was made */
	if (t == CND_TIME_NONE && a && a->made_source &&
	    !strcmp(a->made_source, "export") &&
	    cl->active_from != CND_TIME_NONE && a->made < cl->active_from)
		return 0;
	if (cl->former && (cl->active_from == CND_TIME_NONE ||
			   t == CND_TIME_NONE || t >= cl->active_from))
		return 1;
	return cnd_client_active_at(cl, t, cnd_rule_options(c)->grace_days);
}

const char *cnd_rules_client_label(struct cnd_arena *a,
				   const struct cnd_client *cl)
{
	const char *name = cl->n_names ? cl->names[0] : NULL;

	return cnd_arena_printf(a, "registered %sclient %s%s%s%s",
				cl->former ? "former " : "", cl->ref,
				name ? " (" : "", name ? name : "",
				name ? ")" : "");
}

int cnd_rules_in_review(const struct cnd_options *o, int64_t t)
{
	if (t == CND_TIME_NONE)
		return 1;
	if (o->since != CND_TIME_NONE && t < o->since)
		return 0;
	if (o->until != CND_TIME_NONE && t > o->until)
		return 0;
	return 1;
}

int cnd_rules_interval_in_period(const struct cnd_options *o,
				 const struct cnd_setting_interval *iv,
				 int64_t *when)
{
	*when = CND_TIME_NONE;
	if (iv->undated)
		return o->until == CND_TIME_NONE ||
		       o->until >= o->generated_at;
	if (iv->to != CND_TIME_NONE && o->since != CND_TIME_NONE &&
	    iv->to <= o->since)
		return 0;
	if (iv->from != CND_TIME_NONE && o->until != CND_TIME_NONE &&
	    iv->from > o->until)
		return 0;
	*when = iv->from;
	return 1;
}

int cnd_rules_param_is(const struct cnd_rule_settings *s, const char *key,
		       const char *value)
{
	const json_t *v = s && s->params ? json_object_get(s->params, key) :
					   NULL;

	return json_is_string(v) && !strcmp(json_string_value(v), value);
}

const char *cnd_rules_undated_ended(struct cnd_rule_ctx *c,
				    const struct cnd_client *cl, int64_t t)
{
	const struct cnd_options *o = cnd_rule_options(c);
	const struct cnd_archive *a = cnd_rule_archive(c);
	int64_t now = a && a->made_source ? a->made : o->generated_at;
	int64_t end;
	char d1[32], d2[32];
	long long years;

	if (t != CND_TIME_NONE)
		return NULL;
	if (!(a && a->made_source && !strcmp(a->made_source, "export")) &&
	    cl->active_from != CND_TIME_NONE &&
	    o->until != CND_TIME_NONE && cl->active_from > o->until) {
		cnd_time_format_utc(cl->active_from, d1, sizeof(d1));
		d1[10] = '\0';
		return cnd_arena_printf(
			cnd_rule_scratch(c),
			"weak: the export gives no date for this, nor says when it was made, and %s's time as a client began on %s, after the review period; it may date from before they were a client",
			cl->ref, d1);
	}
	if (cl->former || cl->active_to == CND_TIME_NONE)
		return NULL;
	end = cl->active_to + (int64_t)o->grace_days * 86400;
	if (now <= 0 || now <= end)
		return NULL;
	cnd_time_format_utc(cl->active_to, d1, sizeof(d1));
	cnd_time_format_utc(now, d2, sizeof(d2));
	d1[10] = d2[10] = '\0'; /* the day */
	years = (long long)((now - cl->active_to) / (365 * 86400LL));
	return cnd_arena_printf(
		cnd_rule_scratch(c),
		"weak: the export gives no date for this, and %s's time as a client ended on %s, %s%lld year%s before the export was made (%s); with no date the %u-day grace period could not be applied, so it may date from while they were a client or from long after",
		cl->ref, d1, years ? "" : "less than ", years ? years : 1LL,
		years == 1 || !years ? "" : "s", d2, o->grace_days);
}

static void guard_build(struct cnd_rule_ctx *c, struct cnd_name_guard *g)
{
	const struct cnd_policy *p = cnd_rule_options(c)->policy;
	const struct cnd_lexicon *common, *guards;
	size_t i;

	g->built = 1;
	cnd_strmap_init(&g->common);
	common = p ? cnd_policy_lexicon(p, "common_words") : NULL;
	guards = p ? cnd_policy_lexicon(p, "name_guards") : NULL;
	for (i = 0; common && i < common->n_terms; i++)
		cnd_strmap_put(&g->common,
			       cnd_text_fold(cnd_rule_arena(c), common->terms[i],
					     strlen(common->terms[i])),
			       (void *)common->terms[i]);
	if (guards && guards->n_terms) {
		g->guards = cnd_matcher_new();
		for (i = 0; i < guards->n_terms; i++)
			cnd_matcher_add(g->guards, guards->terms[i], NULL);
	}
}

struct guard_scan {
	size_t start, end;
	int over;
};

static int on_guard(void *ud, const struct cnd_match *m)
{
	struct guard_scan *gs = ud;

	if (m->start < gs->end && gs->start < m->start + m->len) {
		gs->over = 1;
		return 1;
	}
	return 0;
}

int cnd_rules_name_check(struct cnd_rule_ctx *c, struct cnd_name_guard *g,
			 const char *text, const struct cnd_words *w,
			 const struct cnd_name_match *m, const char **why)
{
	const struct cnd_rule_settings *s = cnd_rule_settings(c);
	struct guard_scan gs = { m->start, m->start + m->len, 0 };
	const char *folded;

	*why = NULL;
	if (m->reordered && cnd_rules_param_is(s, "name_order", "exact"))
		return -1;
	if (m->is_handle || strchr(m->term, ' '))
		return 0;
	if (!g->built)
		guard_build(c, g);
	folded = cnd_text_fold(cnd_rule_scratch(c), m->term, strlen(m->term));
	if (!cnd_strmap_get(&g->common, folded) ||
	    cnd_rules_param_is(s, "common_words", "plain"))
		return 0;
	if (cnd_rules_param_is(s, "common_words", "skip"))
		return -1;
	/* written in lower case in a post, it is the word, not a name */
	if (text && (unsigned)(unsigned char)text[m->start] - 'a' < 26u)
		return -1;
	if (g->guards && w)
		cnd_matcher_scan_words(g->guards, w, on_guard, &gs);
	if (gs.over)
		return -1; /* "Christmas Eve", "saving grace" */
	*why = cnd_arena_printf(
		cnd_rule_scratch(c),
		"weak: only \"%s\" matched, a name that is also an everyday word",
		m->term);
	return 1;
}

void cnd_rules_name_guard_release(struct cnd_name_guard *g)
{
	if (g->built)
		cnd_strmap_release(&g->common);
	cnd_matcher_free(g->guards);
	memset(g, 0, sizeof(*g));
}

struct cnd_rules_part cnd_rules_str(const char *s)
{
	struct cnd_rules_part p = { s, s ? strlen(s) : 0 };

	return p;
}

char *cnd_rules_join(struct cnd_arena *a, const struct cnd_rules_part *p,
		     size_t n)
{
	size_t len = 0, i;
	char *out, *d;

	for (i = 0; i < n; i++)
		len += p[i].s ? p[i].n : 0;
	out = d = cnd_arena_alloc(a, len + 1);
	for (i = 0; i < n; i++) {
		if (p[i].s && p[i].n) {
			memcpy(d, p[i].s, p[i].n);
			d += p[i].n;
		}
	}
	*d = '\0';
	return out;
}
