/*
 * The list of rules. This file is the only place a rule is registered: one
 * line of RULES below, X(name) for the rule's `const struct cnd_rule
 * cnd_rule_<name>`, in the order `conduct rules`, the reports and the
 * policy list them. See the checklist at the top of
 * include/conduct/rules/rule.h.
 */
#include <stddef.h>

#include "conduct/rules/rule.h"

#define RULES(X)                  \
	X(client_connection)      \
	X(client_message)         \
	X(client_mention)         \
	X(case_talk)              \
	X(personal_data)          \
	X(client_search)          \
	X(client_engagement)      \
	X(geo_sensitive_site)     \
	X(geo_home_exposure)      \
	X(location_sharing)       \
	X(public_profile)         \
	X(frustration)            \
	X(affiliation)            \
	X(coverage_gap)

#define DECLARE(name) extern const struct cnd_rule cnd_rule_##name;
RULES(DECLARE)
#undef DECLARE

#define ENTRY(name) &cnd_rule_##name,
const struct cnd_rule *const cnd_rules[] = {
	RULES(ENTRY) NULL,
};
#undef ENTRY
