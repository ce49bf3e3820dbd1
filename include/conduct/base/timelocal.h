/*
 * Local times written for people, part of the one time facility (with
 * timeutil.h): the dates of exports requested as HTML, which carry no zone
 * and are written in the account's language ("Oct 13, 2024 1:23 pm",
 * "ene 05, 2024 3:04:05pm", "5 Jan 2019, 15:04", "13. Okt. 2024, 13:23"),
 * and the IANA zone that turns such a wall-clock time into UTC. A zone is
 * read once from its TZif file and is then read-only, so the scan's
 * threads share it; unlike cnd_time_set_zone() it does not touch TZ.
 */
#ifndef CONDUCT_TIMELOCAL_H
#define CONDUCT_TIMELOCAL_H

#include <stddef.h>
#include <stdint.h>

struct cnd_zone;

/*
 * Load zone name ("UTC", or an IANA name under TZDIR or
 * /usr/share/zoneinfo). Returns 0 with *out set, or -1 when the zone is
 * unknown or its file unreadable. Free with cnd_zone_free().
 */
int cnd_zone_load(const char *name, struct cnd_zone **out);
void cnd_zone_free(struct cnd_zone *z);

/*
 * The one time-zone check: 1 when name is a zone conduct can use, "UTC" or
 * an IANA name whose TZif file (version 2 or later) under TZDIR or
 * /usr/share/zoneinfo cnd_zone_load() reads; 0 when not. The policy, `conduct
 * policy --check`, cnd_time_set_zone() (--tz) and --export-tz all ask it,
 * so a zone one accepts the others accept.
 */
int cnd_zone_known(const char *name);
/* The zone's name as loaded (borrowed, lives as long as z). */
const char *cnd_zone_name(const struct cnd_zone *z);

/* UTC seconds of a wall-clock time (seconds as if it were UTC) in z. */
int64_t cnd_zone_to_utc(const struct cnd_zone *z, int64_t wall);

/*
 * The month an English month word names, in any case: a full name
 * ("March"), its first three letters ("mar") or "sept"; 1..12, or 0. The
 * same table as the HTML-date parser's (English entries), for the
 * date-of-birth detector of the personal-data rule.
 */
int cnd_time_month_english(const char *w, size_t n);

/*
 * A date written for people, with month names in English, French, German,
 * Spanish, Portuguese or Italian (full or abbreviated, any case, accents
 * optional), day and year as numbers in either order around the month, an
 * optional time h:mm or h:mm:ss with am/pm (glued or not, "p. m."), and
 * filler words such as "at", "um", "à" or a weekday. Gives the wall-clock
 * seconds (as if UTC); no time means midnight. 0, or -1 when the text is
 * not such a date (ambiguous or out-of-range fields included).
 */
int cnd_time_parse_wall(const char *s, int64_t *wall);

/* cnd_time_parse_wall(), then cnd_zone_to_utc() in z. 0 or -1. */
int cnd_time_parse_local(const char *s, const struct cnd_zone *z,
			 int64_t *out);

#endif
