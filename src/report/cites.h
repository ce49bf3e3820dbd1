/*
 * Each rule's citations joined once per report (src/report/cites.c),
 * private to the report writers: every finding of a rule cites the same
 * clauses, so a writer asks here for the joined text instead of joining it
 * again for each finding.
 */
#ifndef CONDUCT_REPORT_CITES_H
#define CONDUCT_REPORT_CITES_H

#include <stddef.h>

#include "conduct/base/arena.h"

struct cnd_policy;

#define CND_CITES_KEPT 64 /* rules whose text is kept; more are joined */

struct cnd_cites {
	const struct cnd_policy *policy;
	const char *sep;
	const char *rule[CND_CITES_KEPT];
	struct cnd_buf text[CND_CITES_KEPT], spill;
	size_t n;
};

/* Start a cache for policy's citations, joined with sep. */
void cnd_cites_init(struct cnd_cites *c, const struct cnd_policy *policy,
		    const char *sep);
/* rule's citations joined ("" when none): valid until the release. */
const char *cnd_cites_get(struct cnd_cites *c, const char *rule);
void cnd_cites_release(struct cnd_cites *c);

#endif
