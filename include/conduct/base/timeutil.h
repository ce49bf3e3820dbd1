/*
 * Time conversions shared by every platform: the formats exports use
 * (Twitter's "Wed Oct 10 20:19:24 +0000 2018", LinkedIn's "Tue Aug 30
 * 14:33:11 UTC 2022", "09 Sep 2022" and "1/8/18, 6:14 PM", ISO 8601 with or
 * without fractions and offsets, "YYYY-MM-DD HH:MM:SS" with an optional
 * " UTC", Unix seconds and milliseconds) to UTC seconds, and UTC seconds
 * back to text in UTC or in the report's time zone. timegm() is not part
 * of POSIX, so calendar arithmetic uses a days-from-civil helper.
 */
#ifndef CONDUCT_TIMEUTIL_H
#define CONDUCT_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1..12). */
int64_t cnd_days_from_civil(int64_t y, unsigned m, unsigned d);
/* Inverse of cnd_days_from_civil. */
void cnd_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/*
 * The ctime-like form: "Wed Oct 10 20:19:24 +0000 2018" (X) and, with a
 * zone name in place of the offset, "Tue Aug 30 14:33:11 UTC 2022"
 * (LinkedIn's Company Follows.csv and others: Java's Date.toString());
 * the zone is "+HHMM", "UTC", "GMT" or "Z", and the day may be one digit,
 * space-padded as date(1) writes it. -> UTC seconds. 0 on success, -1 if
 * not (other zone names, such as "PDT", are ambiguous and refused).
 */
int cnd_time_parse_twitter(const char *s, int64_t *out);
/*
 * "09 Sep 2022", "9 Sept 2022", "9 September 2022" (LinkedIn's Connected
 * On since 2022; month names in English, any case) -> midnight UTC.
 */
int cnd_time_parse_dmy(const char *s, int64_t *out);
/*
 * The month-first dates of LinkedIn: "1/8/18, 6:14 PM" (Connections.csv
 * 2018, Invitations.csv), "03/15/2024", with a 12- or 24-hour time or
 * none, a two-digit year being 20YY. Not part of cnd_time_parse_any():
 * "05/01/2019" means 1 May only where the export is known to write months
 * first, so a handler calls this where it is. 0 on success, -1 if not.
 */
int cnd_time_parse_us(const char *s, int64_t *out);
/*
 * ISO 8601 and its relatives: "2020-01-20T21:42:09.068Z",
 * "2019-04-03T08:13:57.000+02:00", "2022-09-08 04:10:18", "... UTC",
 * "2015-01-24 02:02:37 +0000", a bare "2020-01-20" (midnight UTC) and a
 * day with its zone, "2024-09-05 UTC" (Snapchat's daily locations).
 * Text without a zone is taken as UTC. 0 on success, -1 if not.
 */
int cnd_time_parse_iso(const char *s, int64_t *out);
/*
 * A day as people give one to conduct (--since, --until, the policy's
 * review period, the client register's active dates, the batch manifest):
 * exactly "YYYY-MM-DD", a real date; with CND_DAY_SLASH "YYYY/MM/DD" too
 * (the command line, the register and the manifest have always taken it,
 * and spreadsheets save dates so; the policy file follows its schema).
 * *out is its first second (UTC), or with CND_DAY_END its last (23:59:59),
 * so an "until" day is inclusive. 0 on success, -1 if not (nothing
 * written).
 */
#define CND_DAY_END 1u
#define CND_DAY_SLASH 2u
int cnd_time_parse_day(const char *s, int64_t *out, unsigned flags);
/* Any of the formats above except cnd_time_parse_us(). */
int cnd_time_parse_any(const char *s, int64_t *out);

/* "2020-01-20T21:42:09Z" into buf (at least 21 bytes). */
void cnd_time_format_utc(int64_t t, char *buf, size_t n);
/* "2020-01" (month of t in UTC) into buf (at least 8 bytes). */
void cnd_time_format_month(int64_t t, char *buf, size_t n);
/*
 * "2020-01-20 22:42:09 +01:00" in the process's time zone (TZ), into buf
 * (at least 27 bytes).
 */
void cnd_time_format_local(int64_t t, char *buf, size_t n);

/*
 * Make zone (an IANA name such as "Europe/London", or "UTC") the zone of
 * cnd_time_format_local(). Returns 0, or -1 when the zone is unknown: it
 * accepts exactly the zones cnd_zone_known() (timelocal.h) accepts. Sets TZ
 * for the whole process, so the command-line front end calls it once,
 * before any work.
 */
int cnd_time_set_zone(const char *zone);

#endif
