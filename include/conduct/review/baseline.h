/*
 * The review cycle: last year's decisions read back. A reviewer fills in
 * Decision, Reviewer, Date, Note (and Expires, for a documented reason) on
 * the workbook's Findings sheet; next year `conduct scan --baseline
 * last-year.xlsx` (or the previous JSON report) reads those decisions and
 * matches this year's findings to them by fingerprint. The workbook is a
 * zip read through the input layer and its sheet XML is parsed with expat.
 */
#ifndef CONDUCT_BASELINE_H
#define CONDUCT_BASELINE_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/error.h"

/* The decisions a reviewer can record (the Decision column's list). */
enum cnd_decision_kind {
	CND_DECISION_OPEN = 0,
	CND_DECISION_CONFIRMED,
	CND_DECISION_DISMISSED,
	CND_DECISION_FALSE_POSITIVE,
	CND_DECISION_DOCUMENTED,
	CND_DECISION_ESCALATED,
	CND_DECISION__N
};

/* "open", "confirmed", "dismissed", "false positive", ... */
const char *cnd_decision_name(enum cnd_decision_kind k);
/* The decision named s (any case, '_' or '-' for ' '), or -1. */
int cnd_decision_parse(const char *s);

struct cnd_decision {
	const char *fingerprint;
	const char *rule;	/* may be NULL */
	const char *subject;	/* may be NULL */
	const char *evidence;	/* may be NULL */
	enum cnd_decision_kind kind;
	const char *decision;	/* as written (kind OPEN when not one of ours) */
	const char *reviewer, *date, *note; /* may be NULL */
	int64_t expires;	/* documented reason: raise again after; or NONE */
	size_t row;		/* sheet row or findings[] index, for messages */
};

struct cnd_baseline;

/*
 * Load the decisions of a previous workbook (.xlsx) or JSON report. Rows
 * without a fingerprint are skipped with a warning through problem().
 * Returns CND_OK, CND_WARN (rows skipped) or CND_FATAL (unreadable, or no
 * Findings sheet with a Fingerprint column).
 */
int cnd_baseline_load(struct cnd_baseline **out, const char *path,
		      void (*problem)(void *ud, const char *msg), void *ud,
		      struct cnd_error *err);
void cnd_baseline_free(struct cnd_baseline *b);

size_t cnd_baseline_count(const struct cnd_baseline *b);
const struct cnd_decision *cnd_baseline_at(const struct cnd_baseline *b,
					   size_t i);
/* The decision recorded for fingerprint, or NULL. */
const struct cnd_decision *cnd_baseline_find(const struct cnd_baseline *b,
					     const char *fingerprint);
/* Base name of the file the decisions came from. */
const char *cnd_baseline_source(const struct cnd_baseline *b);

struct cnd_run;

/*
 * Match run's findings to the baseline by fingerprint, before
 * cnd_run_finish(): each finding becomes new, unchanged (its decision
 * carried), expired (a documented reason past its expiry, raised again)
 * or dismissed (dismissed or false positive: removed from the run unless
 * show_dismissed); decisions whose findings are gone are listed in
 * run->absent. b must outlive the run's reports.
 */
void cnd_run_apply_baseline(struct cnd_run *run, const struct cnd_baseline *b,
			    int show_dismissed);

#endif
