/*
 * Helpers the rule files share (src/rules/util.h): each was written again
 * in several of clients.c, engagement.c, text.c, location.c and
 * settings.c, and is kept here once so the rules agree on what a policy
 * setting, a client's period and the review period mean.
 */
#include "conduct/timeutil.h"

#include "util.h"

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
