/*
 * The result of a scan, as plain data: the options a run was given, each
 * input's struct cnd_archive (status, counts, diagnostics), the findings the
 * rules raised and, once finished, the timeline, rule summary and follow
 * changes. Every layer above the parsers shares these types: the rules
 * append findings, the scan driver (run/scan.h) fills archives and finishes
 * the run, the review layer applies decisions and the report writers read
 * a finished run and recompute nothing. Only the data operations live here
 * (src/model/result.c); scanning is run/scan.h.
 */
#ifndef CONDUCT_MODEL_RESULT_H
#define CONDUCT_MODEL_RESULT_H

#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/input/input.h"
#include "conduct/model/record.h"

struct cnd_register;
struct cnd_policy;
struct cnd_strmap;
struct cnd_progress;
struct cnd_follow_set;
struct cnd_follow_change;
struct cnd_follow_pair;

/* The keys of an archive's `counts`, in report order. */
enum cnd_count {
	CND_COUNT_POSTS = 0,
	CND_COUNT_DELETED_POSTS,
	CND_COUNT_FOLLOWING,
	CND_COUNT_FOLLOWERS,
	CND_COUNT_FRIENDS, /* mutual lists: Facebook friends, LinkedIn
			      connections, Snapchat friends */
	CND_COUNT_MESSAGES,
	CND_COUNT_LIKES,
	CND_COUNT_SEARCHES,
	CND_COUNT_LOCATION_POINTS,
	CND_COUNT_PLACE_VISITS,
	CND_COUNT_LABELLED_PLACES, /* the person's home, work... (no visit) */
	CND_COUNT_SETTINGS,
	CND_COUNT__N
};

/* JSON key of a count ("posts", "deleted_posts", ...). */
const char *cnd_count_name(enum cnd_count c);

enum cnd_severity {
	CND_SEV_INFO = 0,
	CND_SEV_LOW,
	CND_SEV_MEDIUM,
	CND_SEV_HIGH,
	CND_SEV__N
};

const char *cnd_severity_name(enum cnd_severity s);

enum cnd_confidence {
	CND_CONF_CONFIRMED = 0,
	CND_CONF_PROBABLE,
	CND_CONF_POSSIBLE,
};

const char *cnd_confidence_name(enum cnd_confidence c);

/* How many item indices a group of like diagnostics keeps. */
#define CND_DIAG_ITEMS 5

/*
 * A problem found in the data: shown in the report, not only on stderr.
 * Like problems of one member (the same message but for the values in
 * it, such as an unreadable date in every row) are one diagnostic with a
 * count: the first one's message and position, the first few items.
 */
struct cnd_diag {
	/*
	 * CND_OK (a note: nothing lost, status unchanged), CND_WARN,
	 * CND_FAILED, CND_FATAL
	 */
	int status;
	const char *member; /* NULL for the archive as a whole */
	long long item;	    /* element index, or -1 */
	unsigned long line, column; /* 0 when unknown */
	const char *message;
	uint64_t count;	    /* how many like problems (1 or more) */
	long long items[CND_DIAG_ITEMS]; /* the first n_items element indices */
	unsigned n_items;
};

/* "note", "warning", "error", "fatal" for a diagnostic's status. */
const char *cnd_diag_severity_name(int status);

/* A member of the input and what became of it. */
struct cnd_member_note {
	const char *path;
	const char *what; /* parsed: handler's description; else a reason */
	uint64_t records; /* parsed: records emitted */
	uint64_t entries; /* parsed: array elements or CSV rows met */
	int64_t bytes;	  /* parsed: the member's size, -1 when unknown */
	int records_expected; /* parsed: read for records, not for facts */
	/* parsed: its times are local, in the assumed --export-tz zone */
	int local_time;
};

/*
 * A total the export states of itself (X's manifest counts, Mastodon's
 * totalItems, a profile's follower count), beside what was read.
 */
struct cnd_declared {
	const char *member; /* where the export states it */
	const char *key;    /* the key that states it ("totalItems") */
	/* what it counts: member paths (a glob) or a count name */
	const char *of;
	uint64_t declared;
	uint64_t read;
	int status; /* CND_OK (equal), CND_WARN, CND_FAILED */
};

/* One file of an export that came in several parts. */
struct cnd_part {
	const char *file; /* base name */
	char sha256[65];
};

/*
 * One interval of a setting's state, for "settings over time": from the
 * archive's setting records (vocabulary in record.h), for each platform and
 * setting, the intervals [from, to) in which it held one value. setting is
 * "public" (the account could be seen by anyone: not protected, not private,
 * not locked) or "location-sharing" (location history, reporting or
 * sharing); value is "on" or "off". to is CND_TIME_NONE while the state
 * still held when the export was made; from is CND_TIME_NONE before the
 * first recorded change. A state the export gives without any date is one
 * interval with both ends CND_TIME_NONE and `undated` set: it held when the
 * export was made, since an unknown time. `inferred` marks the interval
 * before the first recorded change, whose value is the opposite of that
 * change (switching protection on means the account was public before).
 */
struct cnd_setting_interval {
	const char *platform;
	const char *setting; /* "public", "location-sharing" */
	const char *value;   /* "on", "off" */
	int64_t from, to;
	unsigned undated : 1;
	unsigned inferred : 1;
	const char *source; /* setting name as recorded ("protected", ...) */
	struct cnd_provenance prov; /* the record that opened the interval */
};

/* One export: one input, or the parts of one split export. */
struct cnd_archive {
	const char *file; /* base name of the (first) input, never a path */
	char sha256[65];  /* of the (first) input */
	struct cnd_vec parts; /* struct cnd_part, every file, in order */
	const char *subject;
	const char *platform; /* detected platform name, or NULL */
	const char *platform_title;
	const char *account;  /* the subject's own handle on the platform */
	int status;	      /* CND_OK, CND_WARN, CND_FAILED (partial), CND_FATAL */
	uint64_t counts[CND_COUNT__N];
	uint64_t records;     /* all records, of every kind */
	struct cnd_vec parsed;	     /* struct cnd_member_note */
	struct cnd_vec ignored;	     /* known members deliberately not read */
	struct cnd_vec unrecognised; /* members no handler knows */
	struct cnd_vec gaps;	     /* const char *: what the export cannot show */
	struct cnd_vec diags;	     /* struct cnd_diag */
	struct cnd_vec declared;     /* struct cnd_declared */
	int local_time; /* a member with local_time set was read */
	/*
	 * The settings timeline (struct cnd_setting_interval), built by the
	 * rule engine from the archive's setting records when the archive
	 * ends, before the rules' finish steps; in the run's arena. NULL and
	 * 0 when there is none (and in `conduct inspect`).
	 */
	const struct cnd_setting_interval *settings;
	size_t n_settings;
	/*
	 * Batch runs: whether the subject id was given (--subject, a manifest
	 * row) rather than found in the export; findings of a given subject
	 * are de-duplicated across all of its archives. When period_set,
	 * since and until are this archive's review period (the manifest
	 * row's, else the run's) that findings' in_period is judged by;
	 * otherwise the run's applies. consent_ref (NULL when none) and
	 * consent_date (CND_TIME_NONE) come from the manifest row.
	 */
	int subject_given;
	int period_set;
	int64_t since, until;
	const char *consent_ref;
	int64_t consent_date;
	/*
	 * When the export was made (follows.h): the platform's own date
	 * (made_source "export") or the latest record time seen ("latest
	 * record"); made_source is NULL, and made meaningless, when neither
	 * is known. follows is the archive's follow set (run's arena), NULL
	 * when it has none; only the per-archive reports carry it.
	 */
	int64_t made;
	const char *made_source;
	struct cnd_follow_set *follows;
};

/*
 * "ok", "ok-with-warnings", "partial", "failed" for an archive status:
 * ok-with-warnings means every record was read and something in the
 * report needs a look (a record kept without a time, a declared total a
 * little off); partial means records may be missing.
 */
const char *cnd_archive_status_name(int status);

/*
 * What a finding is about, for the reports that list findings by topic
 * (the workbook's Connections and Locations sheets); set by the rule that
 * raises it, so no writer has to know which rules those are.
 */
enum cnd_about {
	CND_ABOUT_OTHER = 0,
	CND_ABOUT_FOLLOW,     /* a follow, follower, friend or request: the
				 counterpart is `matched` */
	CND_ABOUT_MESSAGES,   /* direct messages with the counterpart */
	CND_ABOUT_ENGAGEMENT, /* a like of or comment on their content */
	CND_ABOUT_PLACE,      /* a geotag or location record near a place:
				 the place is `matched` */
	CND_ABOUT__N
};

/* What a location finding's distance_m measures. */
enum cnd_distance_kind {
	CND_DIST_NONE = 0, /* the finding gives no distance */
	CND_DIST_FROM,	   /* the record's distance from the place */
	CND_DIST_WITHIN,   /* the radius around the place (or one spot)
			      within which the records lie */
	CND_DIST__N
};

struct cnd_finding {
	const char *rule;
	enum cnd_severity severity;
	enum cnd_confidence confidence;
	size_t archive; /* index into run->archives */
	const char *platform;
	int64_t time;	      /* of the underlying record, or CND_TIME_NONE */
	int in_period;	      /* 1 inside the review period, 0 earlier/later */
	const char *record_kind;
	const char *record_id; /* may be NULL */
	const char *matched;   /* the matched value (name, handle, id) */
	const char *client;    /* client reference, or NULL */
	const char *evidence;  /* short excerpt for the reviewer */
	/*
	 * Why the finding is weak (an alias that is an everyday word, a
	 * display-name-only match, an undated connection to an ended
	 * client), or NULL. The engine appends it to the evidence ("...;
	 * weak: ..."), outside the fingerprint, so the same finding keeps its
	 * fingerprint whatever is said of its strength.
	 */
	const char *weak;
	struct cnd_provenance prov;
	enum cnd_about about;
	/* in metres, as the evidence states it (whole metres) */
	double distance_m;
	enum cnd_distance_kind distance_kind;
	char fingerprint[17];
	/*
	 * The time is a local time of an HTML or TXT page turned into UTC in
	 * the assumed zone (cnd_options.export_tz); set by the rule engine.
	 */
	int zone_assumed;
	/* the review cycle (baseline.h), set by cnd_run_apply_baseline() */
	int baseline; /* enum cnd_baseline_state */
	const struct cnd_decision *review; /* carried decision, or NULL */
};

enum cnd_baseline_state {
	CND_BASELINE_NONE = 0,	/* no baseline given */
	CND_BASELINE_NEW,	/* not in the baseline */
	CND_BASELINE_UNCHANGED, /* in the baseline: its decision carried */
	CND_BASELINE_EXPIRED,	/* a documented reason whose expiry passed */
	CND_BASELINE_DISMISSED, /* dismissed or false positive: shown only
				   with --show-dismissed */
};

/* "new", "unchanged", "expired", "dismissed" (NULL for NONE). */
const char *cnd_baseline_state_name(int state);

struct cnd_timeline_row {
	const char *subject;
	char month[8]; /* "2023-05", or "unknown" */
	const char *rule;
	uint64_t count;
};

/*
 * Per subject and rule: how many findings, and the time of the earliest and
 * latest of them that carry a time (CND_TIME_NONE when none does).
 */
struct cnd_rule_summary {
	const char *subject;
	const char *rule;
	uint64_t count;
	int64_t first_seen, last_seen;
};

/* Research mode's settings, as the reports record them (never the key). */
struct cnd_research_info {
	const char *key_id;    /* public id of the pseudonym key */
	double grid_m;	       /* coordinate grid */
	const char *time_unit; /* "hour", "day", "week" */
	int text_dropped;      /* --no-text */
};

struct cnd_zone;

struct cnd_options {
	int64_t since, until; /* review period, CND_TIME_NONE when open */
	const char *tz;	      /* IANA zone name for local times */
	/*
	 * The zone assumed for the local times of exports that state none
	 * (HTML and TXT pages): --export-tz, else tz; the name and the zone
	 * the CLI loaded from it (NULL: UTC).
	 */
	const char *export_tz;
	const struct cnd_zone *export_zone;
	int64_t generated_at; /* the run's timestamp (fixed when deterministic) */
	int deterministic;
	int run_rules;	       /* 0 for inspect */
	const char *platform;  /* force a platform, or NULL to detect */
	const char *subject;   /* subject id for every input, or NULL */
	unsigned grace_days;   /* after a client's active-to date */
	struct cnd_limits limits;
	/*
	 * 1 (the default): an input's digest, big members and reports may
	 * each use a thread of their own; 0 keeps all of a run's work on the
	 * thread that calls (-j 1, or a batch with an input per processor).
	 */
	int helpers;
	/*
	 * 1 with --no-digest (and for inspect): no input file's SHA-256 is
	 * computed, so the bytes the scan skips (media) are never read; the
	 * reports say the digests were not computed.
	 */
	int no_digest;
	const struct cnd_register *clients; /* may be NULL */
	const char *clients_file;	    /* base name, for the report */
	const struct cnd_policy *policy;    /* may be NULL: every rule on */
	const struct cnd_research_info *research; /* research mode, or NULL */
	/*
	 * Called after each member is read and as each input file's digest
	 * goes on (from the scanning thread or the digest's own: the callee
	 * locks), or NULL: see struct cnd_progress.
	 */
	void (*progress)(void *ud, const struct cnd_progress *p);
	void *progress_ud;
};

/*
 * What cnd_options.progress is told after each member (hash_size 0), or
 * after each chunk of an input file's digest (bytes and records 0).
 */
struct cnd_progress {
	const char *input;  /* base name of the archive (or part) */
	uint64_t bytes;	    /* bytes of the member just read */
	uint64_t records;   /* records it gave */
	/* the digest: bytes hashed of the file's size; equal when it has
	   ended (also when it failed) */
	uint64_t hashed, hash_size;
};

/*
 * One INPUT of a run with the settings that may differ per input (a batch
 * manifest's row): NULL subject means found in the export; since and until
 * are the effective review period; consent_ref NULL when there is none.
 */
struct cnd_input_spec {
	const char *const *paths; /* the parts of one export, in order */
	size_t n_paths;
	const char *subject;
	int64_t since, until;
	const char *consent_ref;
	int64_t consent_date;
};

void cnd_options_init(struct cnd_options *o);

struct cnd_run {
	struct cnd_options opt;
	struct cnd_arena arena;	  /* strings of archives and findings */
	struct cnd_vec archives;  /* struct cnd_archive */
	struct cnd_vec findings;  /* struct cnd_finding */
	struct cnd_vec timeline;  /* struct cnd_timeline_row, after finish */
	uint64_t severity_counts[CND_SEV__N];
	int status; /* worst archive status */
	struct cnd_strmap *raised; /* fingerprints raised, for de-duplication */
	/* by subject then rule, after finish; in the run's arena */
	const struct cnd_rule_summary *rule_summary;
	size_t n_rule_summary;
	/* the review cycle: where decisions came from, and the decisions
	   whose findings were not raised again (const struct cnd_decision *) */
	const char *baseline_file;
	struct cnd_vec absent;
	/* arenas of runs absorbed by cnd_run_absorb(), kept alive here */
	struct cnd_vec kept; /* struct cnd_arena */
	/* follows.h: changes between successive exports, after finish */
	const struct cnd_follow_change *follow_changes;
	size_t n_follow_changes;
	const struct cnd_follow_pair *follow_pairs;
	size_t n_follow_pairs;
	/* set while writing a per-archive report: it carries the follow set */
	int part_report;
};

void cnd_run_init(struct cnd_run *run, const struct cnd_options *opt);
void cnd_run_release(struct cnd_run *run);

/*
 * Append an empty archive (status ok, no consent date, its lists ready)
 * and return it, valid until the next archive is added.
 */
struct cnd_archive *cnd_run_new_archive(struct cnd_run *run);

/* Release an archive's lists (its strings are in the run's arena). */
void cnd_archive_release(struct cnd_archive *a);

static inline struct cnd_archive *cnd_run_archive(const struct cnd_run *run,
						  size_t i)
{
	return (struct cnd_archive *)cnd_vec_at(&run->archives, i);
}

static inline struct cnd_finding *cnd_run_finding(const struct cnd_run *run,
						  size_t i)
{
	return (struct cnd_finding *)cnd_vec_at(&run->findings, i);
}

#endif
