/*
 * Helpers shared by the Meta platforms (Facebook with Messenger, Instagram
 * with Threads), private to src/platforms/: both come from the same
 * "Download your information" tool, so they share its quirks (every string
 * is mojibake, numbers and times may be strings) and the message_N.json
 * thread format of Messenger and Instagram Direct (HTML pages: meta_html.h).
 * Each platform's own layout stays in its file.
 */
#ifndef CONDUCT_PLATFORMS_META_H
#define CONDUCT_PLATFORMS_META_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "conduct/platforms/platform.h"

/* Who the subject is, to tell sent messages from received ones. */
struct cnd_meta_own {
	const char *name;     /* display name (sender_name), arena copy */
	const char *username; /* handle, arena copy */
	unsigned unknown_warned : 1;
};

/* obj[key] as repaired text (scratch), an integer as text; "" is absent. */
const char *cnd_meta_str(struct cnd_scan *s, const json_t *obj,
			 const char *key);
/* A string element of an array, repaired; "" is absent. */
const char *cnd_meta_elem_str(struct cnd_scan *s, const json_t *arr,
			      size_t i);

/* {latitude, longitude} (numbers or strings) when valid. 0 on success. */
int cnd_meta_coord(const json_t *c, double *lat, double *lon);

/*
 * Reads one entry of a list (item: its index) and hands what it makes to
 * cnd_emit(); CND_OK when it is skipped, CND_FATAL to stop.
 */
typedef int (*cnd_meta_entry_fn)(struct cnd_scan *s, const json_t *e,
				 long long item, const void *arg);
/*
 * fn(s, entry, index, arg) for each entry of list, until one returns
 * CND_FATAL; a NULL list is reported as "<what> holds no list: not used".
 */
int cnd_meta_each(struct cnd_scan *s, const json_t *list, const char *what,
		  cnd_meta_entry_fn fn, const void *arg);

/* 1 when name is the subject's own display name or username. */
int cnd_meta_is_own(const struct cnd_meta_own *own, const char *name);
/*
 * Warn once when the subject's name is unknown; `file` names what would
 * have told it ("profile information").
 */
void cnd_meta_own_unknown(struct cnd_scan *s, struct cnd_meta_own *own,
			  const char *file);

/*
 * One message thread, message_N.json: {participants: [{name}], messages:
 * [{sender_name, timestamp_ms, content, share: {link}}], thread_path}. One
 * record per message, labelled "message-request" when request. Participants
 * given as plain strings count only when string_names.
 */
int cnd_meta_thread(struct cnd_scan *s, json_t *doc,
		    struct cnd_meta_own *own, const char *own_file,
		    int request, int string_names);

#endif
