/*
 * Report writers: a table of formats (xlsx, json, csv), each turning a
 * finished struct cnd_run into a file.
 *
 * To add a format you touch:
 *   1. its writer, src/report/FORMAT.c, defining `const struct cnd_writer
 *      cnd_writer_FORMAT = { "FORMAT", "OPTION", write }`;
 *   2. one line in cnd_writers[] (src/report/registry.c), where its
 *      extern sits too; `conduct merge` then takes --OPTION FILE and
 *      writes it (src/cli/cmd_merge.c builds its outputs from this table;
 *      scan's --OPTION is in src/cli/cmd_scan.c);
 *   3. the README's option tables and conduct.1, and a test.
 * To add a workbook sheet you touch:
 *   1. its writer, xl_NAME(), in the file of its family
 *      (src/report/xlsx_*.c), declared in src/report/xlsx.h;
 *   2. one line in the sheet table of src/report/xlsx.c (name, writer,
 *      when: NULL for always);
 *   3. the sheet list of tests/e2e/e2elib.py (SHEETS) and the README's
 *      workbook section.
 * A value the new format or sheet shows must be a field of the run (a
 * finding's field, set by the rule that raises it), never read back out of
 * a finding's evidence text; a figure two writers show is computed once in
 * src/report/figures.c.
 *
 * Writers read findings, counts, coverage, diagnostics and the timeline;
 * they recompute nothing. Every report is written to a temporary name
 * beside its target with mode 0600 and renamed into place only when
 * complete, so no half-written or world-readable report is ever left
 * behind.
 */
#ifndef CONDUCT_REPORT_H
#define CONDUCT_REPORT_H

#include <stdio.h>

#include "conduct/base/error.h"
#include "conduct/model/result.h"

struct cnd_writer {
	const char *name; /* "xlsx", "json", "csv" */
	/*
	 * The long option of `scan` and `merge` that names its file ("json"
	 * for --json); the workbook's is "output" (-o, which has a default).
	 */
	const char *option;
	/* Write run to path (a temporary file the caller renames). */
	int (*write)(const struct cnd_run *run, const char *path,
		     struct cnd_error *err);
};

extern const struct cnd_writer *const cnd_writers[];

const struct cnd_writer *cnd_writer_find(const char *name);

/*
 * Write run as format to path atomically (temporary file, mode 0600,
 * rename). Returns CND_OK or CND_FATAL with err set.
 */
int cnd_report_write(const char *format, const struct cnd_run *run,
		     const char *path, struct cnd_error *err);

/*
 * Write n reports (formats[i] to paths[i], at most 4) as cnd_report_write()
 * would one after another, but with the writers running at once on their
 * own threads (unless run->opt.helpers is 0). The first failure, in
 * order, is the one returned, and no report after it is put in place.
 */
int cnd_report_write_all(const char *const *formats,
			 const char *const *paths, size_t n,
			 const struct cnd_run *run, struct cnd_error *err);

/*
 * Unlink every temporary report file that cnd_report_write() has created
 * and not yet renamed into place. Async-signal-safe (only unlink(2) on a
 * static table): the command-line front end calls it from its SIGINT and
 * SIGTERM handlers, so an interrupted run leaves no temporary file behind.
 */
void cnd_report_cleanup_temps(void);

/*
 * For a writer: open the temporary file the registry made (mkstemp) for
 * writing, never creating it, so that a writer thread cannot bring back a
 * file the signal handler has just removed. NULL with errno set.
 */
FILE *cnd_report_open_temp(const char *path);

/* Version of conduct, "0.1.0". */
extern const char cnd_version[];

#endif
