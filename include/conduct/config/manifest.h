/*
 * Batch manifests: one CSV file that lists every subject of a batch (an
 * agency's staff for the year, or a research project's donors), the
 * archives each handed over, the consent reference and date, and an
 * optional review period per subject. Columns are described in the README
 * and schemas/manifest.schema.json.
 */
#ifndef CONDUCT_MANIFEST_H
#define CONDUCT_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/error.h"

struct cnd_manifest_row {
	size_t line;
	const char *subject;
	/*
	 * INPUTs of this subject: paths resolved against the manifest's
	 * folder; an entry may be a '+'-joined split export.
	 */
	const char *const *inputs;
	size_t n_inputs;
	const char *consent_ref;  /* NULL when empty */
	int64_t consent_date;	  /* CND_TIME_NONE when empty */
	int64_t since, until;	  /* CND_TIME_NONE when empty */
};

struct cnd_manifest;

/*
 * Load a manifest. Rows with problems are reported with their line through
 * problem() and skipped; returns CND_OK, CND_FAILED (rows skipped) or
 * CND_FATAL (unreadable, or no subject/archives columns).
 */
int cnd_manifest_load(struct cnd_manifest **out, const char *path,
		      void (*problem)(void *ud, size_t line, const char *msg),
		      void *ud, struct cnd_error *err);
void cnd_manifest_free(struct cnd_manifest *m);

size_t cnd_manifest_count(const struct cnd_manifest *m);
const struct cnd_manifest_row *cnd_manifest_row(const struct cnd_manifest *m,
						size_t i);

#endif
