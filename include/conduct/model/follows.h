/*
 * An archive's follows as a compact set (src/model/follows.c): what the
 * scan driver keeps of every follow record an archive gives, and the
 * archive's export date, so that successive exports of one subject can be
 * compared at the end of the run (rules/follows.h) and per-archive reports
 * can carry the set for `conduct merge`.
 */
#ifndef CONDUCT_MODEL_FOLLOWS_H
#define CONDUCT_MODEL_FOLLOWS_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/model/record.h"

struct cnd_run;
struct cnd_archive;

/* One follow of an archive's set; its strings live in the run's arena. */
struct cnd_follow {
	/*
	 * What two exports are compared by: "i:" and the platform account
	 * id, else "h:" and the handle without '@' in ASCII lower case (as
	 * the client register compares handles), else "n:" and the folded
	 * display name.
	 */
	const char *key;
	const char *who;   /* as the reviewer reads it: handle, name or id */
	const char *label; /* service in the platform ("threads"), or NULL */
	int64_t time;	   /* the record's own time, or CND_TIME_NONE */
	enum cnd_follow_dir dir;
};

/* An archive's follows, in the order the records came (duplicates kept). */
struct cnd_follow_set {
	struct cnd_follow **blocks; /* CND_FOLLOW_BLOCK follows each */
	size_t n, n_blocks, cap_blocks;
	const char **labels; /* the distinct labels, interned */
	size_t n_labels;
};

#define CND_FOLLOW_BLOCK 256

static inline struct cnd_follow *cnd_follow_at(const struct cnd_follow_set *s,
						size_t i)
{
	return &s->blocks[i / CND_FOLLOW_BLOCK][i % CND_FOLLOW_BLOCK];
}

/*
 * What the scan driver calls for every record an archive emits: the
 * archive's "made" follows the latest record time unless the export gave
 * its own date, and a follow record joins the archive's set (in arena).
 */
void cnd_follows_record(struct cnd_arena *arena, struct cnd_archive *a,
			const struct cnd_record *r);

/* The export's own generation date: made, with made_source "export". */
void cnd_follows_set_made(struct cnd_archive *a, int64_t t);

/*
 * Add one follow to a's set as it is (key already normalised; strings
 * copied into arena): what the JSON reader does with a part report.
 */
void cnd_follows_add(struct cnd_arena *arena, struct cnd_archive *a,
		     enum cnd_follow_dir dir, const char *label,
		     const char *key, const char *who, int64_t time);

#endif
