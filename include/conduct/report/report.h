/*
 * Report writers: a table of formats (xlsx, json), each turning a finished
 * struct cnd_run into a file. Writers read findings, counts, coverage,
 * diagnostics and the timeline; they recompute nothing. Every report is
 * written to a temporary name beside its target with mode 0600 and renamed
 * into place only when complete, so no half-written or world-readable
 * report is ever left behind.
 */
#ifndef CONDUCT_REPORT_H
#define CONDUCT_REPORT_H

#include <stdio.h>

#include "conduct/base/error.h"
#include "conduct/model/result.h"

struct cnd_writer {
	const char *name; /* "xlsx", "json" */
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
