/*
 * Rules: what conduct flags, and why.
 *
 * To add a rule you touch:
 *   1. its struct cnd_rule (id, title, what it flags, severity, record
 *      kinds, citations) and check function, in the src/rules/ file of
 *      its theme;
 *   2. its line X(name) in RULES of src/rules/registry.c;
 *   3. a fixture that triggers it and a near miss that must not (named in
 *      a NOTES file);
 *   4. a row in the README's rule table;
 *   5. its settings in policy/default.json and its id in the rules enum of
 *      schemas/policy.schema.json.
 * The rest follows from the registry: `conduct rules`, the policy loader,
 * the JSON report's rules[] and the workbook's Findings and Rules sheets.
 * make check fails when a registered rule misses 3 or 4
 * (consistency_rules in tests/e2e/run.py) or 5 (tests/e2e/t_registry.py,
 * which also fails on ids no longer registered). Only a rule whose
 * findings belong on the workbook's Connections or Locations sheet is
 * also named there (src/report/).
 *
 * The rule's metadata lives in its table entry and nowhere else:
 * `conduct rules` prints it and every finding cites it. The engine feeds a
 * rule the records of the kinds it asked for, one at a time, and calls its
 * finish step at the end of each archive for rules that need the whole
 * picture (mutual follows).
 */
#ifndef CONDUCT_RULE_H
#define CONDUCT_RULE_H

#include <stddef.h>

#include "conduct/model/record.h"
#include "conduct/model/result.h"
#include "conduct/rules/citations.h" /* a rule's citations come with it */

struct cnd_rule_ctx; /* one rule over one archive */
struct cnd_rule_settings;

struct cnd_rule {
	const char *id;
	const char *title;
	const char *flags; /* one sentence: what it flags */
	enum cnd_severity severity;
	unsigned kinds; /* CND_KIND_BIT() of the record kinds it reads */
	const char *const *citations; /* clause ids ("nasw:1.06(h)"), NULL-ended */
	size_t state_size;	      /* zeroed per-archive state */
	int (*check)(struct cnd_rule_ctx *c, const struct cnd_record *r);
	int (*finish)(struct cnd_rule_ctx *c); /* may be NULL */
	void (*release)(struct cnd_rule_ctx *c); /* may be NULL */
};

/* The registered rules, in registry order, ending with NULL. */
extern const struct cnd_rule *const cnd_rules[];

const struct cnd_rule *cnd_rule_find(const char *id);

/* --- What rules may call --- */

void *cnd_rule_state(struct cnd_rule_ctx *c);
const struct cnd_rule *cnd_rule_self(const struct cnd_rule_ctx *c);
/* Arena that lives as long as the run (for strings kept until finish). */
struct cnd_arena *cnd_rule_arena(struct cnd_rule_ctx *c);
/* Scratch arena, reset after every record. */
struct cnd_arena *cnd_rule_scratch(struct cnd_rule_ctx *c);
const struct cnd_options *cnd_rule_options(const struct cnd_rule_ctx *c);
/* The client register, or NULL when none was given. */
const struct cnd_register *cnd_rule_clients(const struct cnd_rule_ctx *c);
/* Name of the platform whose records these are. */
const char *cnd_rule_platform(const struct cnd_rule_ctx *c);
/*
 * This rule's settings from the run's policy (include/conduct/config/policy.h),
 * or NULL when the run has no policy.
 */
const struct cnd_rule_settings *
cnd_rule_settings(const struct cnd_rule_ctx *c);

/*
 * The archive these records come from: its counts, coverage gaps,
 * diagnostics and settings timeline (archive->settings, complete only in
 * finish steps). Borrowed until the archive's finish steps return (the
 * run's archive list may move when the next input starts).
 */
const struct cnd_archive *cnd_rule_archive(const struct cnd_rule_ctx *c);

/*
 * Raise a finding. f->rule, archive, platform, in_period and the
 * fingerprint are filled in here; strings are copied. `fp_value` is the
 * normalised matched value that goes into the fingerprint together with the
 * rule id, the platform and f->record_id (or, when there is none, the
 * evidence).
 */
void cnd_rule_raise(struct cnd_rule_ctx *c, const struct cnd_finding *f,
		    const char *fp_value);

/*
 * As cnd_rule_raise(), but f->in_period is kept as the rule set it: for
 * findings about an interval (an account public from 2022 to 2024 is in a
 * 2023 review period though it began earlier) or about an undated state.
 */
void cnd_rule_raise_in_period(struct cnd_rule_ctx *c,
			      const struct cnd_finding *f,
			      const char *fp_value);

#endif
