/*
 * Private to src/run/: what the scan driver (scan.c) and the member reader
 * (member.c) share: the members held from the listing pass, the archive a
 * context fills, and the entry point that reads one member through its
 * handler.
 */
#ifndef CONDUCT_RUN_SCAN_INT_H
#define CONDUCT_RUN_SCAN_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "conduct/platforms/context.h"
#include "conduct/platforms/platform.h"

#define PRELOAD_MAX (1024 * 1024)

/* One member held in memory from the listing pass. */
struct preload {
	const char *path;
	char *data;
	size_t len;
	int too_big;
};

static inline struct cnd_archive *arc(const struct cnd_scan *s)
{
	return cnd_run_archive(s->run, s->index);
}

static inline void add_diag(struct cnd_scan *s, int status, const char *member,
		     long long item, unsigned long line, unsigned long column,
		     const char *message)
{
	cnd_scan_add_diag(s, status, member, item, line, column, message,
			  NULL);
}

/* A member's note (bytes unknown) pushed onto one of the archive's lists. */
static inline void note(struct cnd_scan *s, struct cnd_vec *v, const char *path,
			const char *what, uint64_t records)
{
	struct cnd_member_note *n = cnd_vec_push(v);

	memset(n, 0, sizeof(*n));
	n->bytes = -1;
	n->path = cnd_arena_strdup(&s->run->arena, path);
	n->what = what;
	n->records = records;
}

/*
 * Read one member through handler h: m streamed (or p, when it was held
 * from the listing pass), the JSON reader, the CSV reader, the whole
 * document or the raw bytes as h says; its note (entries, records, bytes,
 * format) joins the archive's parsed list and its problems become
 * diagnostics. Returns the member's status.
 */
int cnd_run_read_member(struct cnd_scan *s, const struct cnd_handler *h,
			const char *path, struct cnd_member *m,
			const struct preload *p);

#endif
