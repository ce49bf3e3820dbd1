/*
 * A scan run: the options it was given and everything it found, in the form
 * the report writers read. cnd_run_scan() takes one input (an archive or a
 * directory), detects its platform, streams its members through the
 * platform's handlers, runs the rules over the records and appends one
 * struct cnd_archive to the run; cnd_run_finish() orders the findings,
 * builds the timeline and lists the follows that changed between a
 * subject's successive exports (follows.h). Writers read a finished run and
 * recompute nothing.
 */
#ifndef CONDUCT_SCAN_H
#define CONDUCT_SCAN_H

#include "conduct/model/result.h"

/*
 * Once archive's findings are raised: mark those on records of a member of
 * local times (its note's local_time) as zone_assumed. zone_assumed.c.
 */
void cnd_run_mark_zone_assumed(struct cnd_run *run, size_t archive);


/*
 * Scan one input and append its struct cnd_archive (always, even when it
 * could not be read at all). Returns that archive's status.
 */
int cnd_run_scan(struct cnd_run *run, const char *path);

/*
 * Scan the parts of one split export (Meta and Google split large exports
 * into several zips) as one export: one struct cnd_archive, records from
 * every part, a member present in two parts read once.
 */
int cnd_run_scan_parts(struct cnd_run *run, const char *const *paths,
		       size_t n_paths);

/*
 * Scan one input with its own subject, review period and consent (a
 * manifest row); cnd_run_scan_parts() is this with the run's options.
 */
int cnd_run_scan_spec(struct cnd_run *run, const struct cnd_input_spec *spec);

/*
 * Move everything part found into run, as if run had scanned part's inputs
 * itself after its own: archives appended, findings appended with their
 * archive index moved on (a finding of a given subject whose fingerprint
 * run already holds for that subject is dropped, as one run would), part's
 * arenas kept alive by run. part is left empty; release it as usual. Both
 * must be unfinished runs with the same options.
 */
void cnd_run_absorb(struct cnd_run *run, struct cnd_run *part);

/*
 * Order findings (severity, then time), build the timeline and the rule
 * summary, and compare successive exports (cnd_follows_diff()).
 */
void cnd_run_finish(struct cnd_run *run);

#endif
