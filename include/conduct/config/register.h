/*
 * The client register: the people a worker must not connect with, message,
 * name or search for. It is a CSV file the agency keeps (columns in the
 * README and schemas/client-register.schema.json); this module loads it,
 * checks every row, and answers the two questions the rules ask: is this
 * account a client (by platform account id, handle or display name, with a
 * confidence for each), and which client names occur in this text.
 */
#ifndef CONDUCT_REGISTER_H
#define CONDUCT_REGISTER_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/error.h"
#include "conduct/model/record.h"
#include "conduct/model/result.h"
#include "conduct/match/matcher.h"
#include "conduct/text/text.h"

struct cnd_client {
	const char *ref;	 /* the agency's client reference */
	const char *const *names; /* display names and aliases */
	size_t n_names;
	int64_t active_from, active_to; /* CND_TIME_NONE when open */
	int former;			/* flagged as a former client */
	size_t line;			/* line in the register file */
};

struct cnd_register;

/*
 * Load the register at path. Rows with problems are reported through
 * problem() with their line and skipped (status CND_FAILED); a file that
 * cannot be read or has no `ref` column is CND_FATAL. *out is set whenever
 * the status is below CND_FATAL.
 */
int cnd_register_load(struct cnd_register **out, const char *path,
		      void (*problem)(void *ud, size_t line, const char *msg),
		      void *ud, struct cnd_error *err);
/* Same, from CSV text in memory. */
int cnd_register_parse(struct cnd_register **out, const char *data,
		       size_t len,
		       void (*problem)(void *ud, size_t line, const char *msg),
		       void *ud, struct cnd_error *err);
void cnd_register_free(struct cnd_register *r);

size_t cnd_register_count(const struct cnd_register *r);
const struct cnd_client *cnd_register_client(const struct cnd_register *r,
					     size_t i);

/*
 * Is account (on platform) a client? Tries the account id (confirmed),
 * then the handle (probable), then the display name (possible). Returns the
 * client or NULL; *conf and *matched (borrowed from the register or from
 * account) say how it matched.
 */
const struct cnd_client *
cnd_register_match_account(const struct cnd_register *r, const char *platform,
			   const struct cnd_account *account,
			   enum cnd_confidence *conf, const char **matched);

struct cnd_name_match {
	const struct cnd_client *client;
	const char *term; /* the name, alias or handle as registered */
	int is_handle;
	int reordered; /* a name of several words found last word first */
	size_t start, len; /* bytes in the text */
};

/*
 * Every client name, alias and handle (of any platform) found as whole
 * words in text. fn returns 0 to go on. Returns the number found.
 */
size_t cnd_register_scan_text(const struct cnd_register *r, const char *text,
			      int (*fn)(void *ud,
					const struct cnd_name_match *m),
			      void *ud);
/* The same over a text already split (several rules share one split). */
size_t cnd_register_scan_words(const struct cnd_register *r,
			       const struct cnd_words *w,
			       int (*fn)(void *ud,
					 const struct cnd_name_match *m),
			       void *ud);
/*
 * Client names of two or three words found with their last word first
 * ("fairweather daniel", "Fairweather, Daniel" for Daniel Fairweather), as
 * people search and list names (reordered = 1; term is the folded name,
 * valid during the call only).
 */
size_t cnd_register_scan_reordered(const struct cnd_register *r,
				   const struct cnd_words *w,
				   int (*fn)(void *ud,
					     const struct cnd_name_match *m),
				   void *ud);

/*
 * 1 when time t is inside the client's active period plus grace days (a
 * record with no time counts as inside).
 */
int cnd_client_active_at(const struct cnd_client *c, int64_t t,
			 unsigned grace_days);

#endif
