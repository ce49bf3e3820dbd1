/*
 * The list of rules. This file is the only place a rule is registered: see
 * the checklist at the top of include/conduct/rules/rule.h.
 */
#include <stddef.h>

#include "conduct/rules/rule.h"

extern const struct cnd_rule cnd_rule_client_connection;
extern const struct cnd_rule cnd_rule_client_message;
extern const struct cnd_rule cnd_rule_client_mention;
extern const struct cnd_rule cnd_rule_case_talk;
extern const struct cnd_rule cnd_rule_personal_data;
extern const struct cnd_rule cnd_rule_client_search;
extern const struct cnd_rule cnd_rule_client_engagement;
extern const struct cnd_rule cnd_rule_geo_sensitive_site;
extern const struct cnd_rule cnd_rule_geo_home_exposure;
extern const struct cnd_rule cnd_rule_location_sharing;
extern const struct cnd_rule cnd_rule_public_profile;
extern const struct cnd_rule cnd_rule_frustration;
extern const struct cnd_rule cnd_rule_affiliation;
extern const struct cnd_rule cnd_rule_coverage_gap;

const struct cnd_rule *const cnd_rules[] = {
	&cnd_rule_client_connection,
	&cnd_rule_client_message,
	&cnd_rule_client_mention,
	&cnd_rule_case_talk,
	&cnd_rule_personal_data,
	&cnd_rule_client_search,
	&cnd_rule_client_engagement,
	&cnd_rule_geo_sensitive_site,
	&cnd_rule_geo_home_exposure,
	&cnd_rule_location_sharing,
	&cnd_rule_public_profile,
	&cnd_rule_frustration,
	&cnd_rule_affiliation,
	&cnd_rule_coverage_gap,
	NULL,
};
