/*
 * The records that platform handlers produce and rules consume: one struct
 * for every kind of evidence an export holds (posts, follows, messages,
 * likes, comments, searches, locations, setting changes). A handler fills a
 * struct cnd_record on its stack, points its strings at memory that lives at
 * least until cnd_emit() returns (Jansson values or the per-record scratch
 * arena), and hands it to cnd_emit(); the engine counts it and runs the rules
 * on it. Rules that need a record later copy what they need. Nothing keeps
 * every record, so memory stays bounded by the largest record.
 */
#ifndef CONDUCT_RECORD_H
#define CONDUCT_RECORD_H

#include <stddef.h>
#include <stdint.h>

enum cnd_record_kind {
	CND_REC_POST = 0,
	CND_REC_FOLLOW,
	CND_REC_MESSAGE,
	CND_REC_LIKE,
	CND_REC_COMMENT,
	CND_REC_SEARCH,
	CND_REC_LOCATION,
	CND_REC_SETTING,
	CND_REC_EVENT, /* the platform acted on the subject's content */
	CND_REC__COUNT
};

#define CND_KIND_BIT(k) (1u << (k))

/* Name of a record kind ("post", "follow", ...). */
const char *cnd_record_kind_name(enum cnd_record_kind k);

enum cnd_follow_dir {
	CND_FOLLOW_FOLLOWING = 0, /* the subject follows the counterpart */
	CND_FOLLOW_FOLLOWER,	  /* the counterpart follows the subject */
	CND_FOLLOW_FRIEND,	  /* mutual by construction (Facebook friends) */
	CND_FOLLOW_REQUEST_SENT,
	CND_FOLLOW_REQUEST_RECEIVED,
};

const char *cnd_follow_dir_name(enum cnd_follow_dir d);

/* The direction called name ("following", ...), or -1. */
int cnd_follow_dir_parse(const char *name);

/* "No time known": records without a timestamp (Twitter follows, likes). */
#define CND_TIME_NONE INT64_MIN

/* Order of two times for sorting: earlier first, CND_TIME_NONE last. */
static inline int cnd_time_cmp(int64_t a, int64_t b)
{
	if (a == b)
		return 0;
	if (a == CND_TIME_NONE)
		return 1;
	if (b == CND_TIME_NONE)
		return -1;
	return a < b ? -1 : 1;
}

/* Another account: any of the fields may be NULL. */
struct cnd_account {
	const char *id;	    /* platform account id, e.g. Twitter accountId */
	const char *handle; /* screen name / username without '@' */
	const char *name;   /* display name */
};

/* Where a record came from. item is the element index in its member, or -1. */
struct cnd_provenance {
	const char *member;
	long long item;
};

struct cnd_record {
	enum cnd_record_kind kind;
	int64_t time; /* UTC seconds since the epoch, or CND_TIME_NONE */
	const char *id; /* the record's own id (tweet id, message id), or NULL */
	struct cnd_provenance prov;

	/* post, message, comment, search (the query), like (liked text) */
	const char *text;
	/*
	 * post: "public", "protected", "followers", "unlisted", "direct",
	 * "private" or NULL when the export does not say.
	 */
	const char *visibility;
	unsigned deleted : 1; /* post: from a deleted-posts file */
	unsigned repost : 1;  /* post: a retweet / boost */
	unsigned reply : 1;   /* post: a reply */
	unsigned outgoing : 1; /* message: sent by the subject */

	/* follow: direction; message: the other party; like: content owner;
	   post: the owner of the post it replies to (X), or of the post it
	   reposts (Bluesky) */
	enum cnd_follow_dir dir;
	struct cnd_account counterpart;

	/* message: every participant other than the subject */
	const struct cnd_account *participants;
	size_t n_participants;
	const char *conversation; /* message: conversation id */

	/* post mentions (e.g. Twitter entities.user_mentions) */
	const struct cnd_account *mentions;
	size_t n_mentions;

	/* location (and geotagged posts) */
	unsigned has_geo : 1;
	unsigned visit : 1; /* location: a place visit, not a raw point */
	/*
	 * location (with visit set, as rules read places): a place the
	 * platform labels as the person's own (Google's frequent places HOME
	 * and WORK, Snapchat's home and work), not a visit; counted apart
	 */
	unsigned labelled : 1;
	double lat, lon;
	const char *place; /* place name, if any */
	/*
	 * location: "home", "work", "inferred-home", ... when the platform
	 * labels the place; post: "story", "reel", ... for kinds of post
	 */
	const char *label;
	/* follow: "person" (or NULL), "page", "group", "company", "hashtag" */
	const char *category;

	/*
	 * setting: a named setting and its value ("protected" = "true");
	 * event: setting names the event ("reply-prompt"), id its target.
	 * The settings timeline (scan.h) understands this vocabulary; map
	 * platform settings into it (other names are counted, not used):
	 *   "protected" (X), "private-account" (Instagram, TikTok),
	 *   "threads-private-account" (Threads), "locked" (Mastodon): "true" =
	 *   only approved followers see the account, "false" = public;
	 *   "public-profile" (LinkedIn and the like): "true" = public;
	 *   "location-history", "location-reporting", "location-sharing"
	 *   (Google, Snapchat, TikTok...): "true" = switched on; a record
	 *   with an id (a device) is a history of its own.
	 * Values: "true"/"on"/"enabled"/"yes" and "false"/"off"/"disabled"/
	 * "no" (any case). time is when the change happened; CND_TIME_NONE
	 * for a state the export gives without a date (held at export time).
	 */
	const char *setting;
	const char *value;
};

#endif
