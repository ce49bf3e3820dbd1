/*
 * The rule engine as the scan driver (run/) and the report reader of
 * `merge` see it: rule contexts are created when an archive starts, fed
 * every record, and finished when the archive ends. Rules themselves only
 * see rule.h (and src/rules/util.h, the helpers they share).
 */
#ifndef CONDUCT_RULES_ENGINE_H
#define CONDUCT_RULES_ENGINE_H

#include "conduct/model/record.h"
#include "conduct/model/result.h"
#include "conduct/text/text.h"

struct cnd_rules_state;

/* Contexts of every enabled rule for archive index `archive` of run. */
struct cnd_rules_state *cnd_rules_begin(struct cnd_run *run, size_t archive,
					const char *platform);
/* Run the rules that read r's kind. */
void cnd_rules_record(struct cnd_rules_state *rs, const struct cnd_record *r);
/* Call every finish step, release the contexts and free rs. NULL is fine. */
void cnd_rules_end(struct cnd_rules_state *rs);
/* Release without finishing (a run that is abandoned). */
void cnd_rules_free(struct cnd_rules_state *rs);

/*
 * Whether fingerprint fp was already raised for archive's subject (when
 * given) or archive; if not, remember it. For the engine and for
 * cnd_run_absorb().
 */
int cnd_rules_seen(struct cnd_run *run, size_t archive, const char *fp);
/*
 * Take back that f was raised (its archive is being scanned again), so
 * the same finding can be raised anew.
 */
void cnd_rules_forget(struct cnd_run *run, const struct cnd_finding *f);

#endif
