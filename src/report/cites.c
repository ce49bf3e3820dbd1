/*
 * Each rule's citations joined once per report (cites.h): the first
 * finding of a rule joins them through cnd_citations_join and keeps the
 * text by the rule's id; later findings of the rule get the kept text.
 * Past CND_CITES_KEPT rules the text is joined each time, into one spill
 * buffer, so nothing depends on how many rules a policy has.
 */
#include <string.h>

#include "conduct/rules/citations.h"

#include "cites.h"

void cnd_cites_init(struct cnd_cites *c, const struct cnd_policy *policy,
		    const char *sep)
{
	memset(c, 0, sizeof(*c));
	c->policy = policy;
	c->sep = sep;
}

/* b's text, "" when nothing was added to it. */
static const char *text_of(struct cnd_buf *b)
{
	return b->data ? b->data : "";
}

const char *cnd_cites_get(struct cnd_cites *c, const char *rule)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->rule[i], rule) == 0)
			return text_of(&c->text[i]);
	if (i == CND_CITES_KEPT) {
		cnd_buf_reset(&c->spill);
		cnd_citations_join(&c->spill, c->policy, rule, c->sep);
		return text_of(&c->spill);
	}
	c->rule[i] = rule;
	cnd_buf_init(&c->text[i]);
	cnd_citations_join(&c->text[i], c->policy, rule, c->sep);
	c->n++;
	return text_of(&c->text[i]);
}

void cnd_cites_release(struct cnd_cites *c)
{
	for (size_t i = 0; i < c->n; i++)
		cnd_buf_release(&c->text[i]);
	cnd_buf_release(&c->spill);
	c->n = 0;
}
