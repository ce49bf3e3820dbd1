/*
 * The data operations of the scan result (model/result.h): the names the
 * reports print for counts, severities, confidences and statuses;
 * options with their defaults; a run's setup and release, and a new empty
 * archive. Scanning (run/) and the rules fill these; nothing here reads an
 * export.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conduct/base/strmap.h"
#include "conduct/model/result.h"

static const char *const count_names[CND_COUNT__N] = {
	"posts",    "deleted_posts",   "following",    "followers",
	"friends",  "messages",	       "likes",	       "searches",
	"location_points", "place_visits", "labelled_places", "settings",
};

const char *cnd_count_name(enum cnd_count c)
{
	return (unsigned)c < CND_COUNT__N ? count_names[c] : "?";
}

const char *cnd_severity_name(enum cnd_severity s)
{
	static const char *const names[] = { "info", "low", "medium", "high" };

	return (unsigned)s < CND_SEV__N ? names[s] : "?";
}

const char *cnd_confidence_name(enum cnd_confidence c)
{
	static const char *const names[] = { "confirmed", "probable",
					     "possible" };

	return (unsigned)c <= CND_CONF_POSSIBLE ? names[c] : "?";
}

/* The word of names[4] for status: OK, WARN, FAILED, FATAL. */
static const char *status_word(int status, const char *const names[4])
{
	return names[status >= CND_FATAL ? 3 :
		     status >= CND_FAILED ? 2 :
		     status >= CND_WARN ? 1 : 0];
}

const char *cnd_archive_status_name(int status)
{
	static const char *const names[4] = { "ok", "ok-with-warnings",
					      "partial", "failed" };

	return status_word(status, names);
}

const char *cnd_diag_severity_name(int status)
{
	static const char *const names[4] = { "note", "warning", "error",
					      "fatal" };

	return status_word(status, names);
}

void cnd_options_init(struct cnd_options *o)
{
	memset(o, 0, sizeof(*o));
	o->since = o->until = CND_TIME_NONE;
	o->tz = "UTC";
	o->generated_at = (int64_t)time(NULL);
	o->run_rules = 1;
	o->grace_days = 365;
	o->helpers = 1;
	cnd_limits_default(&o->limits);
}

void cnd_run_init(struct cnd_run *run, const struct cnd_options *opt)
{
	memset(run, 0, sizeof(*run));
	run->opt = *opt;
	cnd_arena_init(&run->arena);
	cnd_vec_init(&run->archives, sizeof(struct cnd_archive));
	cnd_vec_init(&run->findings, sizeof(struct cnd_finding));
	cnd_vec_init(&run->timeline, sizeof(struct cnd_timeline_row));
	cnd_vec_init(&run->kept, sizeof(struct cnd_arena));
}

void cnd_archive_release(struct cnd_archive *a)
{
	cnd_vec_release(&a->parts);
	cnd_vec_release(&a->parsed);
	cnd_vec_release(&a->ignored);
	cnd_vec_release(&a->unrecognised);
	cnd_vec_release(&a->gaps);
	cnd_vec_release(&a->diags);
	cnd_vec_release(&a->declared);
}

void cnd_run_release(struct cnd_run *run)
{
	size_t i;

	for (i = 0; i < run->archives.len; i++)
		cnd_archive_release(cnd_run_archive(run, i));
	cnd_vec_release(&run->archives);
	cnd_vec_release(&run->findings);
	cnd_vec_release(&run->timeline);
	cnd_vec_release(&run->absent);
	if (run->raised) {
		cnd_strmap_release(run->raised);
		free(run->raised);
	}
	cnd_arena_release(&run->arena);
	for (i = 0; i < run->kept.len; i++)
		cnd_arena_release(cnd_vec_at(&run->kept, i));
	cnd_vec_release(&run->kept);
}

struct cnd_archive *cnd_run_new_archive(struct cnd_run *run)
{
	struct cnd_archive *a = cnd_vec_push(&run->archives);

	cnd_vec_init(&a->parts, sizeof(struct cnd_part));
	cnd_vec_init(&a->parsed, sizeof(struct cnd_member_note));
	cnd_vec_init(&a->ignored, sizeof(struct cnd_member_note));
	cnd_vec_init(&a->unrecognised, sizeof(struct cnd_member_note));
	cnd_vec_init(&a->gaps, sizeof(const char *));
	cnd_vec_init(&a->diags, sizeof(struct cnd_diag));
	cnd_vec_init(&a->declared, sizeof(struct cnd_declared));
	a->status = CND_OK;
	a->consent_date = CND_TIME_NONE;
	return a;
}

