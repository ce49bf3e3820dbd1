/*
 * Helpers shared by the rules of src/rules/ (private to them): a rule's
 * policy settings and severity, whether a registered client counts at a
 * time and how a finding names one, and how a time or a setting's interval
 * stands to the review period.
 */
#ifndef CONDUCT_RULES_UTIL_H
#define CONDUCT_RULES_UTIL_H

#include <stdint.h>

#include "conduct/arena.h"
#include "conduct/policy.h"
#include "conduct/register.h"
#include "conduct/rule.h"

/* The rule's policy settings (NULL without a policy); *on when enabled. */
const struct cnd_rule_settings *cnd_rules_settings(struct cnd_rule_ctx *c,
						   int *on);
/* The severity s sets when valid, else the rule's own. */
enum cnd_severity cnd_rules_severity(struct cnd_rule_ctx *c,
				     const struct cnd_rule_settings *s);

/*
 * Is the client to be considered at time t? A former client from the
 * start of their period on; anyone else inside the period plus grace. An
 * undated record (X saved searches and likes) counts.
 */
int cnd_rules_considered(const struct cnd_rule_ctx *c,
			 const struct cnd_client *cl, int64_t t);
/* "registered [former ]client REF[ (first name)]", in a. */
const char *cnd_rules_client_label(struct cnd_arena *a,
				   const struct cnd_client *cl);

/* 1 when t (undated counts) falls in o's review period. */
int cnd_rules_in_review(const struct cnd_options *o, int64_t t);
/*
 * Whether a setting's interval [from, to) overlaps the review period;
 * *when is the time of the change that opened it (CND_TIME_NONE before
 * the first recorded change), so a finding sits at the record it rests on
 * while in_period says the state held during the period. An undated state
 * holds when the export was made: in the period unless the period ended
 * before the run.
 */
int cnd_rules_interval_in_period(const struct cnd_options *o,
				 const struct cnd_setting_interval *iv,
				 int64_t *when);

#endif
