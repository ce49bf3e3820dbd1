/*
 * One JSON report per archive (`conduct scan --parts-dir`), for `conduct
 * merge` to put together on another machine or later: src/report/parts.c.
 */
#ifndef CONDUCT_REPORT_PARTS_H
#define CONDUCT_REPORT_PARTS_H

#include "conduct/base/error.h"
#include "conduct/model/result.h"

/*
 * Write each archive of run as the JSON report of a run holding only that
 * archive, to dir/<NNNN>-<file>.json (NNNN its index), with the archive's
 * follow set (part_report). Before cnd_run_finish(). Returns CND_OK or
 * CND_FATAL with err set.
 */
int cnd_report_write_parts(const struct cnd_run *run, const char *dir,
			   struct cnd_error *err);

#endif
