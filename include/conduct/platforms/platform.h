/*
 * Platform handlers: how one platform's export is recognised and read.
 *
 * To add a platform you touch:
 *   1. src/platforms/<name>.c with its struct cnd_platform and handlers,
 *      opening with a sketch of the export layout and the date observed;
 *   2. one line in src/platforms/registry.c;
 *   3. fixtures/<name>/<case>/ export trees with NOTES and expected.json;
 *   4. a row in the README's platform table.
 * The e2e test consistency_platforms (tests/e2e/run.py) checks 2-4 for
 * every registered platform, and make lint that the file includes and
 * calls nothing above the platforms layer.
 *
 * A handler row is {glob, input kind, array path, function}: the core
 * matches member paths against globs (fnmatch syntax, matched against the
 * whole path or any suffix after a '/', so a top-level folder in the archive
 * does not matter), reads the member as the input kind says, and calls the
 * function with one array element at a time, with the whole document, or
 * (CSV) with one row at a time as a JSON object keyed by header name.
 * Handlers turn JSON into struct cnd_record and hand them to cnd_emit().
 * The cnd_scan_* functions below are implemented in src/platforms/context.c
 * on the context the scan driver fills (platforms/context.h); a handler
 * never reaches past them.
 */
#ifndef CONDUCT_PLATFORM_H
#define CONDUCT_PLATFORM_H

#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#include "conduct/base/arena.h"
#include "conduct/parse/json.h"
#include "conduct/model/record.h"
#include "conduct/model/result.h"

struct cnd_scan; /* one archive being read; see functions below */
struct cnd_zone;

typedef int (*cnd_handler_fn)(struct cnd_scan *s, json_t *value,
			      long long index);

struct cnd_handler {
	const char *glob;
	enum cnd_input_kind kind;
	const char *array_path; /* as struct cnd_json_reader.array_path */
	cnd_handler_fn fn;
	const char *what; /* what the member holds, for the coverage list */
	unsigned flags;	  /* CND_HANDLER_* */
	/*
	 * CND_KIND_RAW: the whole member (up to the document limit); with
	 * CND_HANDLER_STREAM, data is NULL and the member is read with
	 * cnd_scan_read().
	 */
	int (*raw)(struct cnd_scan *s, const char *data, size_t len);
};

/*
 * Read this member before all others (small documents that say whose
 * account this is, such as Twitter's manifest.js and account.js). Such
 * members are held in memory from the listing pass, up to 1 MiB each.
 */
#define CND_HANDLER_FIRST 1u
/*
 * The member is read for what it says about the account or the export
 * (a manifest, a time zone, a profile), not for records: that it yields
 * none is no loss.
 */
#define CND_HANDLER_NO_RECORDS 2u
/*
 * With an array path: the function is also called once, after the array,
 * with index CND_JSON_REST and an object of the top-level object's other
 * (small) members, to read a total the export declares beside its
 * records (Mastodon's totalItems).
 */
#define CND_HANDLER_REST 4u
/*
 * With CND_KIND_RAW: the member is not held whole; the raw function pulls
 * its bytes with cnd_scan_read() (a binary file of any size, such as
 * Bluesky's repo.car, read in the memory of its largest block).
 */
#define CND_HANDLER_STREAM 8u
/*
 * The member's times are local times with no zone (HTML and TXT pages):
 * turned into UTC in the assumed --export-tz zone, so its findings say
 * the zone is assumed.
 */
#define CND_HANDLER_LOCAL_TIME 16u

struct cnd_platform {
	const char *name;  /* "twitter": --platform value and JSON name */
	const char *title; /* "X / Twitter": for people */
	/* Handler rows, ending with a row whose glob is NULL. */
	const struct cnd_handler *handlers;
	/*
	 * Globs of members that are known but deliberately not read (media,
	 * HTML viewer files), ending with NULL. They are skipped without
	 * being inflated and listed as ignored in the coverage.
	 */
	const char *const *ignore;
	/*
	 * Keys no handler of this platform reads, ending with NULL: dropped
	 * from streamed elements before parsing (struct cnd_json_reader's
	 * drop). Optional, and only for speed: list only keys that are
	 * never needed, at any depth, by any handler of the platform.
	 */
	const char *const *drop;
	size_t state_size; /* zeroed per-archive state for the handlers */
	/* Optional hooks: before the first member, after the last. */
	int (*begin)(struct cnd_scan *s);
	int (*finish)(struct cnd_scan *s);
	void (*release)(struct cnd_scan *s);
};

/* The registered platforms, in registry order, ending with NULL. */
extern const struct cnd_platform *const cnd_platforms[];

/* The platform called name, or NULL. */
const struct cnd_platform *cnd_platform_find(const char *name);

/*
 * 1 when path matches glob, tried against the whole path and against every
 * suffix that follows a '/'.
 */
int cnd_path_match(const char *glob, const char *path);

/* The handler of p whose glob matches path, or NULL. */
const struct cnd_handler *cnd_platform_handler(const struct cnd_platform *p,
					       const char *path);
/* 1 when path matches one of p's ignore globs. */
int cnd_platform_ignores(const struct cnd_platform *p, const char *path);

/* --- What handlers may call on the archive being read --- */

/* The platform's per-archive state (state_size bytes, zeroed at begin). */
void *cnd_scan_state(struct cnd_scan *s);
/* Arena that lives as long as the archive's results. */
struct cnd_arena *cnd_scan_arena(struct cnd_scan *s);
/* Scratch arena, reset after every handler call. */
struct cnd_arena *cnd_scan_scratch(struct cnd_scan *s);
/* Path of the member being read (NULL in begin/finish). */
const char *cnd_scan_member(const struct cnd_scan *s);

/*
 * Hand a record to the engine: counted, then checked by the rules. When
 * r->prov.member is NULL the current member and element index are filled
 * in. Strings need to live only until the call returns.
 */
int cnd_emit(struct cnd_scan *s, struct cnd_record *r);

/*
 * The current entry repeats a record already handed over (the same
 * follow in two lists, a tweet in tweet.js and tweets.js): not a loss, so
 * a member whose entries are all repeats is not taken for one that yields
 * nothing.
 */
void cnd_scan_repeat(struct cnd_scan *s);

/*
 * In a raw function: one more entry of the member was met (an entry block
 * of an HTML page, a record of a text file), so that a member with entries
 * and no record is reported as one that yields nothing, as for JSON.
 */
void cnd_scan_entry(struct cnd_scan *s);

/*
 * The zone the export's local times (HTML and TXT pages) are written in:
 * --export-tz, else --tz; NULL only when the caller loaded none (then
 * UTC). Borrowed for the run.
 */
const struct cnd_zone *cnd_scan_export_zone(const struct cnd_scan *s);

/*
 * With a handler whose array path lists several paths: which of them
 * (0, 1, ...) the element or value being handed over is on, and the key
 * its '*' level matched (NULL without one); see json.h.
 */
unsigned cnd_scan_path(const struct cnd_scan *s);
const char *cnd_scan_key(const struct cnd_scan *s);
/*
 * In the rest call (CND_HANDLER_REST, index CND_JSON_REST): 1 when the
 * member held path p at all, even as an empty array or null.
 */
int cnd_scan_path_met(const struct cnd_scan *s, unsigned p);

/*
 * A fact read from the export (key, value; both copied) that a handler
 * may need before the member that states it, as TikTok's profile, which
 * says whose the messages are, comes after them. cnd_scan_fact() gives it
 * to every later call, and to the whole of a second read: with again set
 * the input is scanned once more, knowing the fact from the start (what
 * the first read raised is taken back). A fact is learned once; calls on
 * the second read change nothing.
 */
void cnd_scan_learn(struct cnd_scan *s, const char *key, const char *value,
		    int again);
const char *cnd_scan_fact(const struct cnd_scan *s, const char *key);
/*
 * The same for more than a fact: a map (and an arena for its values)
 * that lives across both reads of the input, and the call that asks for
 * the second read. Keys of one handler start with its platform's name.
 */
struct cnd_strmap *cnd_scan_memo(struct cnd_scan *s, struct cnd_arena **arena);
void cnd_scan_again(struct cnd_scan *s);

/*
 * In a raw function of a CND_HANDLER_STREAM row: up to n bytes of the
 * member into buf; 0 at its end, -1 on a read error (reported, with the
 * member, by the scan).
 */
ssize_t cnd_scan_read(struct cnd_scan *s, void *buf, size_t n);
/* 1 when reading the member streamed may use a helper thread (not -j 1). */
int cnd_scan_helpers(const struct cnd_scan *s);

/*
 * Report a problem with the current member (or the archive, in
 * begin/finish) and element index (or -1): it goes into the report's
 * diagnostics and makes the archive partial when status >= CND_FAILED.
 */
void cnd_scan_diag(struct cnd_scan *s, int status, long long item,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * cnd_scan_diag() for a handler's own wrapper (one that also keeps a
 * status, say): fmt still groups like problems of a member into one
 * diagnostic with a count, as it does for cnd_scan_diag().
 */
void cnd_scan_vdiag(struct cnd_scan *s, int status, long long item,
		    const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

/*
 * A note on the current member (or the archive): listed with the
 * diagnostics, but nothing was lost and the status does not change.
 */
void cnd_scan_note(struct cnd_scan *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The export states that the members matching glob hold `declared`
 * entries (array elements or rows), in the current member under key;
 * compared with the entries read once every member is read, and any
 * difference reported.
 */
void cnd_scan_declare(struct cnd_scan *s, const char *glob, const char *key,
		      long long declared);
/* The same for a count of the archive (a profile's follower count). */
void cnd_scan_declare_count(struct cnd_scan *s, enum cnd_count count,
			    const char *key, long long declared);

/* Note something the export cannot show (a coverage gap). */
void cnd_scan_gap(struct cnd_scan *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record the subject's own account on this platform (copied). */
void cnd_scan_set_account(struct cnd_scan *s, const char *handle);

/*
 * Record the date the platform says it made the export (Twitter's
 * archiveInfo.generationDate); without one, the archive's date is that of
 * its latest record (follows.h). CND_TIME_NONE is ignored.
 */
void cnd_scan_set_made(struct cnd_scan *s, int64_t t);

/*
 * 1 when the input holds a member whose path matches glob (whether or not
 * it has been read yet): lets a handler check a manifest against the
 * archive's listing.
 */
int cnd_scan_has_member(const struct cnd_scan *s, const char *glob);

#endif
