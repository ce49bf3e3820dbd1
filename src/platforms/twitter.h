/*
 * What twitter.c (the archive's state, its members other than tweets and
 * messages, the platform's table) shares with twitter_posts.c (tweets and
 * direct messages), private to src/platforms/: the per-archive state, the
 * unwrapping of a record from its wrapper, the table of accounts seen, and
 * the handlers twitter_posts.c defines for the table.
 */
#ifndef CONDUCT_PLATFORMS_TWITTER_H
#define CONDUCT_PLATFORMS_TWITTER_H

#include <stdint.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/strmap.h"
#include "conduct/model/record.h"
#include "conduct/platforms/platform.h"

/* What a manifest or a tweet says about another account. */
struct tw_user {
	const char *handle;
	const char *name;
};

/* A follow, held until every tweet has been read (for handles). */
struct tw_follow {
	const char *id;
	const char *member;
	long long item;
	enum cnd_follow_dir dir;
};

struct tw_state {
	/* the subject */
	const char *account_id;
	const char *username;
	const char *display_name;
	/* kept for later issues: nothing reads them yet */
	const char *generation_date;
	const char *timezone;
	const char *bio;
	const char *location;
	const char *website;

	struct cnd_idmap users;   /* account id -> struct tw_user */
	struct cnd_idset tweets; /* tweet ids already emitted */
	struct cnd_vec follows;	  /* struct tw_follow */
	const char *member;	  /* arena copy of the last member's path */

	uint64_t duplicates; /* tweets seen twice (tweet.js and tweets.js) */
	unsigned manifest_seen : 1;
	unsigned dm_unknown_warned : 1;
};

static inline struct tw_state *tw_state(struct cnd_scan *s)
{
	return cnd_scan_state(s);
}

/*
 * The record inside its wrapper ({ "tweet": {...} }); an element without
 * the wrapper is taken as the record itself. NULL when not an object.
 */
json_t *tw_unwrap(json_t *v, const char *key);
/* Note that an (id, handle, name) triple was seen; fills what was missing. */
void tw_learn(struct cnd_scan *s, const char *id, const char *handle,
	      const char *name);
/* Fill acct's handle and name from what the tweets said about its id. */
void tw_resolve(struct tw_state *st, struct cnd_account *acct);

/* Handlers of twitter_posts.c, for twitter.c's table. */
int tw_tweet(struct cnd_scan *s, json_t *v, long long index);
int tw_deleted_tweet(struct cnd_scan *s, json_t *v, long long index);
int tw_dm_one(struct cnd_scan *s, json_t *v, long long index);
int tw_dm_group(struct cnd_scan *s, json_t *v, long long index);

#endif
