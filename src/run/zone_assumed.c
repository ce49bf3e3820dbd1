/*
 * Which findings carry a time whose zone was assumed: those on records of
 * a member of local times (HTML and TXT pages, read with a handler flagged
 * CND_HANDLER_LOCAL_TIME), whose wall-clock times were turned into UTC in
 * the --export-tz zone. Run once an archive's findings are all raised; the
 * workbook then says "time zone assumed" beside such a finding's time.
 */
#include <string.h>

#include "conduct/model/record.h"
#include "conduct/run/scan.h"

void cnd_run_mark_zone_assumed(struct cnd_run *run, size_t archive)
{
	const struct cnd_archive *a = cnd_run_archive(run, archive);
	struct cnd_vec *v = &run->findings;
	size_t i, j;

	for (i = 0; a && a->local_time && i < v->len; i++) {
		struct cnd_finding *f = cnd_vec_at(v, i);

		if (f->archive != archive || f->time == CND_TIME_NONE ||
		    !f->prov.member)
			continue;
		for (j = a->parsed.len; j-- > 0;) {
			const struct cnd_member_note *n =
				cnd_vec_at(&a->parsed, j);

			if (!strcmp(n->path, f->prov.member)) {
				f->zone_assumed = n->local_time;
				break;
			}
		}
	}
}
