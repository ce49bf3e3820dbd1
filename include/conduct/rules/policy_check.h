/*
 * The policy against the rule registry. The config layer, below the rules,
 * knows a policy's rules by id: those the built-in policy
 * (policy/default.json) lists, which a policy file may then change. This
 * check, a layer up, says whether those ids and the registered rules are
 * the same set, so a rule added without its default settings (or settings
 * left for a rule that is gone) is found: the unit tests run it on the
 * built-in policy and `conduct policy --check` on the policy it checks.
 */
#ifndef CONDUCT_POLICY_CHECK_H
#define CONDUCT_POLICY_CHECK_H

#include <stddef.h>

#include "conduct/config/policy.h"

/*
 * Report through problem() each registered rule that p has no settings
 * for and each rule of p that is not registered. Returns how many.
 */
size_t cnd_policy_check_rules(const struct cnd_policy *p,
			      cnd_policy_problem_fn problem, void *ud);

#endif
