/*
 * A rule's citations in a run: the clauses of the codes of conduct its
 * findings cite. A rule lists the catalogue clauses it cites in its table
 * entry (rule.h); the policy picks the codes and adds the agency's own
 * clauses (config/standards.h). The rules layer puts the two together, so
 * the config layer below needs no rule registry. Every writer asks here,
 * so the workbook, the JSON and CSV reports and `conduct rules` cite the
 * same clauses.
 */
#ifndef CONDUCT_CITATIONS_H
#define CONDUCT_CITATIONS_H

#include <stddef.h>

#include "conduct/base/arena.h"

struct cnd_clause;
struct cnd_policy;

/*
 * The citations rule `rule_id` carries under policy p (NULL: the built-in
 * policy): the agency's clauses first, then the catalogue clauses of the
 * selected codes, in the rule's order. Borrowed until p is freed; 0 (and
 * *out NULL) for a rule that is not registered.
 */
size_t cnd_citations(const struct cnd_policy *p, const char *rule_id,
		     const struct cnd_clause *const **out);

/* The texts of those citations into b, separated by sep. */
void cnd_citations_join(struct cnd_buf *b, const struct cnd_policy *p,
			const char *rule_id, const char *sep);

#endif
