/*
 * Helpers shared by the readers of Meta's exports requested as HTML
 * (src/platforms/instagram_html.c and facebook_html.c), private to
 * src/platforms/: a page is streamed through the HTML reader (html.h) and
 * each entry block handed to a page function; local dates are turned into
 * UTC in the export's zone (--export-tz) and an unreadable or missing date
 * is counted and reported once per page; a page whose JSON twin is in the
 * same archive is not read (an export holding both formats is read once,
 * from JSON, and a mixed one per section).
 */
#ifndef CONDUCT_PLATFORMS_META_HTML_H
#define CONDUCT_PLATFORMS_META_HTML_H

#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/parse/html.h"
#include "conduct/platforms/platform.h"

struct cnd_meta_page;

/* Called for each entry block; CND_FATAL stops the page. */
typedef int (*cnd_meta_page_fn)(struct cnd_meta_page *pg,
				const struct cnd_html_entry *e);

struct cnd_meta_page {
	struct cnd_scan *s;
	const void *arg;	  /* as given to cnd_meta_html_page() */
	const char *title;	  /* the page's <title> (borrowed) */
	const char *member;	  /* the member's path */
	void *user;		  /* free for the page function */
	int dates_optional;	  /* entries without a date are normal */
	long long bad_dates;	  /* dates that could not be read */
	long long no_dates;	  /* entries with no date at all */
	char first_bad[80];	  /* the first unreadable date */
};

/*
 * Read the current member (a raw CND_HANDLER_STREAM row) as an HTML page:
 * fn for each entry (pg->arg and pg->user as given), scratch reset after
 * each. When the archive holds the
 * same path ending in .json, the page is not read and a note says so.
 */
int cnd_meta_html_page(struct cnd_scan *s, cnd_meta_page_fn fn,
		       const void *arg, void *user);

/*
 * The UTC time of the entry: its date child, else its last text line that
 * reads as a date. CND_TIME_NONE (counted for the page's report) when it
 * has none or the date cannot be read.
 */
int64_t cnd_meta_html_when(struct cnd_meta_page *pg,
			   const struct cnd_html_entry *e);
/* The same for one text (a "Time" field). */
int64_t cnd_meta_html_time(struct cnd_meta_page *pg, const char *text);

/* The value of the first field whose label is one of labels, or NULL. */
const char *cnd_meta_html_field(const struct cnd_html_entry *e,
				const char *const *labels);

/*
 * The current member as one page of a message thread (message_N.html of
 * Messenger or Instagram Direct): a block with a sender header is a
 * message, one with "Participants:" or with neither sender nor date is a
 * thread header. The conversation is the thread's folder ("inbox/<id>",
 * as the JSON's thread_path), so the pages of a split thread are one
 * conversation; labelled "message-request" when request. The platform's
 * state must begin with struct cnd_meta_own (the subject's names).
 */
int cnd_meta_html_thread(struct cnd_scan *s, const char *own_file,
			 int request);

/*
 * The entry's coordinates, read through base/geo.h: Latitude and Longitude
 * fields (in the export languages), else a field holding a "lat, lon"
 * pair, else (when lines) a text line holding one, with or without a
 * label ("Coordinates: (51.45, -2.58)"). 0 with *lat, *lon set when valid
 * (not 0, 0), -1 when the entry holds no coordinate, 1 when it holds one
 * that is not valid.
 */
int cnd_meta_html_coord(struct cnd_arena *a, const struct cnd_html_entry *e,
			int lines, double *lat, double *lon);

/*
 * A "lat, lon" pair in text (geo.h's spellings), after an optional
 * "Label:" and inside optional parentheses: 0 when it reads, else -1.
 */
int cnd_meta_html_coord_text(struct cnd_arena *a, const char *text,
			     double *lat, double *lon);

/* 1 when text reads as a date in any of the export languages. */
int cnd_meta_html_is_date(const char *text);

#endif
