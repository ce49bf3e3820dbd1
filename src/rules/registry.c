/*
 * The list of rules. This file is the only place a rule is registered: see
 * the checklist at the top of include/conduct/rule.h.
 */
#include <stddef.h>

#include "conduct/rule.h"

extern const struct cnd_rule cnd_rule_client_connection;
extern const struct cnd_rule cnd_rule_client_message;
extern const struct cnd_rule cnd_rule_client_mention;

const struct cnd_rule *const cnd_rules[] = {
	&cnd_rule_client_connection,
	&cnd_rule_client_message,
	&cnd_rule_client_mention,
	NULL,
};
