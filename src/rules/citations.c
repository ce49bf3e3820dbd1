/*
 * A rule's citations in a run (citations.h): the rule's table entry says
 * which catalogue clauses it cites, and cnd_standards_cites() (config)
 * turns them into the clauses in force under the policy, with the agency's
 * own first. This is the one place that joins the rule registry to the
 * policy's standards.
 */
#include <stddef.h>

#include "conduct/config/standards.h"
#include "conduct/rules/citations.h"
#include "conduct/rules/rule.h"

size_t cnd_citations(const struct cnd_policy *p, const char *rule_id,
		     const struct cnd_clause *const **out)
{
	const struct cnd_rule *r = cnd_rule_find(rule_id);

	*out = NULL;
	if (!r)
		return 0;
	return cnd_standards_cites(p, r->id, r->citations, out);
}

void cnd_citations_join(struct cnd_buf *b, const struct cnd_policy *p,
			const char *rule_id, const char *sep)
{
	const struct cnd_clause *const *c;
	size_t n = cnd_citations(p, rule_id, &c), i;

	for (i = 0; i < n; i++) {
		if (i)
			cnd_buf_adds(b, sep);
		cnd_buf_adds(b, c[i]->text);
	}
}
