/*
 * Per-archive reports for `conduct scan --parts-dir`: each archive of a run
 * written as the JSON report of a run holding only that archive (its
 * findings, and its follow set, which `conduct merge` needs to compare
 * successive exports), to DIR/<NNNN>-<file>.json. The one-archive run is a
 * view: it borrows the archive's lists and the run's decisions, and gives
 * them back before it is released.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/base/strmap.h"
#include "conduct/report/parts.h"
#include "conduct/report/report.h"
#include "conduct/run/scan.h"

/* A file name for archive i: NNNN-<file>.json, odd bytes as '_'. */
static void part_name(struct cnd_buf *b, const char *dir, size_t i,
		      const char *file)
{
	const char *p;

	cnd_buf_printf(b, "%s/%04zu-", dir, i);
	for (p = file; *p; p++)
		cnd_buf_add(b, (*p == '/' || *p == '\\' ||
				(unsigned char)*p < 0x20) ? "_" : p, 1);
	cnd_buf_adds(b, ".json");
}

int cnd_report_write_parts(const struct cnd_run *run, const char *dir,
			   struct cnd_error *err)
{
	int rc = CND_OK;
	size_t i, j;

	for (i = 0; i < run->archives.len && rc == CND_OK; i++) {
		struct cnd_run one;
		struct cnd_buf path = CND_BUF_INIT;
		const struct cnd_archive *a = cnd_run_archive(run, i);

		/* a view: the archive's vectors are run's, not one's */
		cnd_run_init(&one, &run->opt);
		*(struct cnd_archive *)cnd_vec_push(&one.archives) = *a;
		for (j = 0; j < run->findings.len; j++) {
			struct cnd_finding *f = cnd_run_finding(run, j);

			if (f->archive != i)
				continue;
			*(struct cnd_finding *)cnd_vec_push(&one.findings) = *f;
			cnd_run_finding(&one, one.findings.len - 1)->archive = 0;
		}
		one.status = a->status;
		one.part_report = 1;
		one.baseline_file = run->baseline_file;
		one.absent = run->absent; /* borrowed, see below */
		cnd_run_finish(&one);
		part_name(&path, dir, i, a->file);
		rc = cnd_report_write("json", &one, path.data, err);
		cnd_buf_release(&path);
		one.archives.len = 0;
		memset(&one.absent, 0, sizeof(one.absent));
		cnd_run_release(&one);
	}
	return rc;
}
