/*
 * Follow changes between successive exports (issue 10): when one subject
 * hands in this year's and last year's export of the same account, the
 * follows that appeared or disappeared between them, each with the range
 * of dates in which it changed. While an archive is scanned, every follow
 * record it gives is kept in a small set in the run's arena (direction,
 * service label, normalised identifier, the name shown to the reviewer and
 * the record's own time) and the archive's export date ("made") is noted:
 * the platform's own generation date when the export gives one, else the
 * latest record time seen. cnd_run_finish() compares, per given subject,
 * platform and account, each archive with the next one by export date and
 * keeps only the changes: the reports never list the whole set, except the
 * per-archive reports of `conduct scan --parts-dir`, which carry it so that
 * `conduct merge` can compute the same changes.
 */
#ifndef CONDUCT_FOLLOWS_H
#define CONDUCT_FOLLOWS_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/model/follows.h"

struct cnd_run;

/* One follow that appeared or disappeared between two exports. */
struct cnd_follow_change {
	const char *subject;
	const char *platform;
	const char *account; /* the subject's own handle, or NULL */
	int appeared;	     /* 1 appeared, 0 disappeared */
	enum cnd_follow_dir dir;
	const char *label;
	const char *who;
	int64_t from, to; /* after from, no later than to: the exports' dates */
	int64_t time;	  /* the follow's own time in the range, or NONE */
	size_t earlier, later; /* indices into run->archives */
};

/* "appeared" or "disappeared". */
const char *cnd_follow_change_name(const struct cnd_follow_change *c);

/* Two successive exports that were compared, and what changed. */
struct cnd_follow_pair {
	const char *subject;
	size_t earlier, later; /* indices into run->archives */
	uint64_t appeared, disappeared;
};

/*
 * Compare successive exports: for every given subject, platform and
 * account, the archives with a known export date in order of that date,
 * each with the next. A direction is compared only when both exports hold
 * some follow of it (an export made without its followers file would
 * otherwise show every follower as gone). Sets run->follow_changes (in
 * run's arena, ordered by subject, platform, change, from and who) and
 * run->follow_pairs (the pairs compared, by subject then date), with
 * their counts. The archives' sets are left as they are.
 */
void cnd_follows_diff(struct cnd_run *run);

#endif
