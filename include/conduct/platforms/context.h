/*
 * The context a platform handler works in, as the scan driver (run/scan.c)
 * builds it: the archive being filled, the member and element being read,
 * the listing, the diagnostics already reported, what a first read learned
 * for a second, and where records go once counted. Handlers never see
 * these fields: they call the functions of platform.h, which
 * src/platforms/context.c implements on this struct. The driver, one layer
 * up, fills the fields and hands the context to the handlers; records go
 * up through on_record, so nothing here calls the rule engine.
 */
#ifndef CONDUCT_PLATFORMS_CONTEXT_H
#define CONDUCT_PLATFORMS_CONTEXT_H

#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/base/strmap.h"
#include "conduct/model/result.h"
#include "conduct/platforms/platform.h"

struct cnd_input;
struct cnd_member;
struct cnd_json_lastwins;

/*
 * What a scan's first read learned that a second read of the same input
 * needs, kept across the two: members whose duplicate keys replace
 * elements already read (path -> struct cnd_json_lastwins, json.h), and
 * facts a handler met too late (cnd_scan_learn).
 */
struct cnd_scan_memo {
	struct cnd_strmap lastwins;
	struct cnd_strmap facts;
	struct cnd_arena arena;
};

struct cnd_scan {
	struct cnd_run *run;
	size_t index; /* of the archive in run->archives */
	struct cnd_input *in; /* the part being walked */
	const struct cnd_platform *platform;
	void *state;
	struct cnd_arena scratch;
	/*
	 * Where every record goes once counted (the rule engine, set by the
	 * driver), or NULL: the handler layer knows nothing above it.
	 */
	void (*on_record)(void *ud, const struct cnd_record *r);
	void *on_record_ud;
	const struct cnd_handler *handler;
	const char *member;
	long long item;
	uint64_t member_records;
	struct cnd_vec paths;	  /* const char *, every member, in order */
	void *names; /* the paths' bytes, packed (scan.c), freed with the scan */
	struct cnd_vec preloads;  /* struct preload */
	/*
	 * The listing's paths by name (index + 1 into paths, open
	 * addressing) and which of them pass 2 has met: the duplicate-name
	 * check, in 4 bytes and a flag a member, whatever the count.
	 */
	uint32_t *byname;
	size_t byname_cap, byname_len;
	struct cnd_buf met;
	struct cnd_strmap diag_seen; /* diagnostics already reported */
	/* member, status and kind of a diagnostic -> its index + 1 */
	struct cnd_strmap diag_groups;
	uint64_t member_entries; /* elements or rows handed to the handler */
	uint64_t member_repeats; /* entries that repeat records (no loss) */
	/* ignored members listed one by one, per folder; then folded */
	struct cnd_strmap ignored_listed; /* folder -> count listed */
	struct cnd_strmap ignored_folded; /* folder -> its note's index + 1 */
	struct cnd_scan_memo *memo; /* what a first read learned for a second */
	int redo;	       /* a second read is needed */
	unsigned path_index;   /* of the element: which of the handler's paths */
	const char *path_key;  /* of the element: the key a '*' level matched */
	const struct cnd_json_lastwins *lw; /* of the member being read */
	struct cnd_member *stream; /* a CND_HANDLER_STREAM member being read */
	const char *stream_data;   /* ... or its preloaded bytes */
	size_t stream_len, stream_pos;
	struct cnd_error stream_err; /* why cnd_scan_read() failed */
};

/*
 * One problem of the archive; kind (the format of the message, or NULL:
 * the message) groups like problems of a member into one diagnostic with
 * a count; a problem met again (both reads meet the same damaged entries)
 * is reported once.
 */
void cnd_scan_add_diag(struct cnd_scan *s, int status, const char *member,
		       long long item, unsigned long line,
		       unsigned long column, const char *message,
		       const char *kind);

#endif
