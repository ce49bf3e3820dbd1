/*
 * Reading a JSON report back into a run: what `conduct merge` does with the
 * per-archive reports of `conduct scan --parts-dir` (or any JSON reports of
 * the same conduct version) so the workbook and JSON report of the whole
 * batch can be written as one run would have written them. Everything the
 * JSON report holds comes back (archives with counts, coverage,
 * diagnostics, parts, settings timeline, consent, export date and, from a
 * per-archive report, follow set; findings with every field, baseline
 * states and carried decisions); rule titles and citations
 * come from the rule table, as in a scan.
 */
#ifndef CONDUCT_READ_H
#define CONDUCT_READ_H

#include "conduct/base/error.h"
#include "conduct/model/result.h"

/*
 * Append the archives and findings of the JSON report at path to run, an
 * unfinished run (cnd_run_finish() orders them afterwards). A finding of a
 * given subject whose fingerprint run already holds for that subject is
 * dropped, as one run scanning every archive would. The report's review
 * period, time zone, client register name, research settings and baseline
 * are taken into run->opt and run when `first` is set; otherwise a report
 * that differs from run in one of them is refused. Returns CND_OK, or
 * CND_FATAL with err set; run is then only fit to be released.
 */
int cnd_run_read_json(struct cnd_run *run, const char *path, int first,
		      struct cnd_error *err);

#endif
