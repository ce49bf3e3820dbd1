/*
 * The policy against the rule registry (policy_check.h): every registered
 * rule has its settings in the policy, and the policy holds settings only
 * for registered rules. Both come from the built-in policy's list of
 * rules, so a problem here is a bug of the build, found by the unit tests
 * before a user sees it.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/rules/policy_check.h"
#include "conduct/rules/rule.h"

size_t cnd_policy_check_rules(const struct cnd_policy *p,
			      cnd_policy_problem_fn problem, void *ud)
{
	const struct cnd_rule *const *r;
	char msg[200], path[160];
	size_t i, n = 0;

	for (r = cnd_rules; *r; r++) {
		if (cnd_policy_rule(p, (*r)->id))
			continue;
		snprintf(msg, sizeof(msg),
			 "rule '%s' is registered, but the built-in policy has no settings for it",
			 (*r)->id);
		problem(ud, "$.rules", msg);
		n++;
	}
	for (i = 0; i < p->rules.len; i++) {
		const struct cnd_rule_settings *s = cnd_vec_at(&p->rules, i);

		if (cnd_rule_find(s->id))
			continue;
		snprintf(path, sizeof(path), "$.rules.%s", s->id);
		snprintf(msg, sizeof(msg),
			 "rule '%s' is not registered (see 'conduct rules')",
			 s->id);
		problem(ud, path, msg);
		n++;
	}
	return n;
}
