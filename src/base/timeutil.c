/*
 * Time conversions shared by every platform. Exports write times in half a
 * dozen shapes (Twitter's ctime-like "Wed Oct 10 20:19:24 +0000 2018" and
 * LinkedIn's "Tue Aug 30 14:33:11 UTC 2022", ISO 8601 with or without
 * fractions and offsets, "YYYY-MM-DD HH:MM:SS" with an optional " UTC" or
 * " +0000", a day with its zone, slashed dates, "09 Sep 2022", LinkedIn's
 * month-first "1/8/18, 6:14 PM", Unix seconds and milliseconds); the
 * parsers here turn each into UTC seconds, strictly
 * (out-of-range fields and trailing text are refused, so a wrong guess at a
 * format fails instead of giving a wrong time). Calendar arithmetic is done
 * with days-from-civil formulas on 64-bit integers, because timegm() is not
 * POSIX and time_t need not reach before 1970 or past 2038. The formatters
 * write UTC, a UTC month, or local time in the zone set with
 * cnd_time_set_zone() with its offset computed by hand (tm_gmtoff is not
 * POSIX either).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conduct/base/timelocal.h"
#include "conduct/base/timeutil.h"

#include "months.h"

#define SECS_PER_DAY 86400

/* Floor division, for times before 1970. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int64_t cnd_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	/* March-based years put the leap day last (H. Hinnant's method). */
	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (int64_t)d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void cnd_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t z = days + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	unsigned mm = (unsigned)(mp < 10 ? mp + 3 : mp - 9);

	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = yoe + era * 400 + (mm <= 2);
}

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30,
					       31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Broken-down UTC time (and an offset east of UTC) to UTC seconds. */
struct civil {
	int64_t year;
	unsigned mon, day, hour, min, sec;
	int offset; /* seconds east of UTC */
};

static int civil_to_utc(const struct civil *c, int64_t *out)
{
	if (c->mon < 1 || c->mon > 12 || c->day < 1 ||
	    c->day > days_in_month(c->year, c->mon) || c->hour > 23 ||
	    c->min > 59 || c->sec > 59)
		return -1;
	*out = cnd_days_from_civil(c->year, c->mon, c->day) * SECS_PER_DAY +
	       c->hour * 3600 + c->min * 60 + c->sec - c->offset;
	return 0;
}

/* Exactly n ASCII digits at *p, advancing past them. */
static int take_digits(const char **p, int n, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (unsigned)(c - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int take_char(const char **p, char c)
{
	if (**p != c)
		return -1;
	(*p)++;
	return 0;
}

/* "+HH:MM", "+HHMM" or "+HH" (colon optional), to seconds east of UTC. */
static int take_offset(const char **p, int *out)
{
	int sign;
	unsigned hh, mm = 0;

	if (**p == '+')
		sign = 1;
	else if (**p == '-')
		sign = -1;
	else
		return -1;
	(*p)++;
	if (take_digits(p, 2, &hh))
		return -1;
	if (**p == ':') {
		(*p)++;
		if (take_digits(p, 2, &mm))
			return -1;
	} else if (**p >= '0' && **p <= '9') {
		if (take_digits(p, 2, &mm))
			return -1;
	}
	if (hh > 23 || mm > 59)
		return -1;
	*out = sign * (int)(hh * 3600 + mm * 60);
	return 0;
}

static int match_name(const char **p, const char *const *names, int count)
{
	for (int i = 0; i < count; i++) {
		if (strncmp(*p, names[i], 3) == 0) {
			*p += 3;
			return i;
		}
	}
	return -1;
}

static const char *const day_names[7] = { "Sun", "Mon", "Tue", "Wed",
					  "Thu", "Fri", "Sat" };

/*
 * A month as ctime writes it, "Jan" to "Dec" (capital first, exactly three
 * letters): the English entries of the one month table. 0..11, or -1.
 */
static int take_month_abbr(const char **p)
{
	for (int i = 0; i < 12; i++) {
		const char *m = cnd_time_months[i].name;

		if ((*p)[0] == m[0] - 'a' + 'A' && (*p)[1] == m[1] &&
		    (*p)[2] == m[2]) {
			*p += 3;
			return i;
		}
	}
	return -1;
}

/*
 * The day of the month in a ctime-like time: two digits ("05"), or one
 * digit, alone or after a padding blank ("5", " 5", as date(1) writes).
 */
static int take_mday(const char **p, unsigned *out)
{
	if (**p == ' ')
		(*p)++;
	if (take_digits(p, 2, out) == 0)
		return 0;
	return take_digits(p, 1, out);
}

/* A zone named by letters: "UTC", "GMT" or "Z" (offset 0). */
static int take_zone_name(const char **p)
{
	if (strncmp(*p, "UTC", 3) == 0 || strncmp(*p, "GMT", 3) == 0) {
		*p += 3;
		return 0;
	}
	if (**p == 'Z') {
		(*p)++;
		return 0;
	}
	return -1;
}

int cnd_time_parse_twitter(const char *s, int64_t *out)
{
	struct civil c = { 0 };
	const char *p = s;
	unsigned year;
	int mon;

	if (!s)
		return -1;
	if (match_name(&p, day_names, 7) < 0 || take_char(&p, ' '))
		return -1;
	mon = take_month_abbr(&p);
	if (mon < 0 || take_char(&p, ' '))
		return -1;
	c.mon = (unsigned)mon + 1;
	if (take_mday(&p, &c.day) || take_char(&p, ' ') ||
	    take_digits(&p, 2, &c.hour) || take_char(&p, ':') ||
	    take_digits(&p, 2, &c.min) || take_char(&p, ':') ||
	    take_digits(&p, 2, &c.sec) || take_char(&p, ' '))
		return -1;
	/* "+0000" (X), or a zone name (Java's Date.toString(), LinkedIn) */
	if (take_zone_name(&p) && take_offset(&p, &c.offset))
		return -1;
	if (take_char(&p, ' ') || take_digits(&p, 4, &year) || *p != '\0')
		return -1;
	c.year = year;
	return civil_to_utc(&c, out);
}

/* 1 to 4 ASCII digits at *p (as many as there are), advancing past them. */
static int take_number(const char **p, unsigned *out)
{
	unsigned v = 0;
	int n = 0;

	while (**p >= '0' && **p <= '9' && n < 4) {
		v = v * 10 + (unsigned)(**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n ? 0 : -1;
}

static char lower_ascii(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/*
 * An English month name, any case: its first three letters or more of
 * it ("Sep", "Sept", "September"), and no other letters after them.
 */
static int take_month_word(const char **p, unsigned *mon)
{
	for (int i = 0; i < 12; i++) {
		const char *full = cnd_time_months[i].name, *q = *p;
		size_t n = 0;

		while (full[n] && lower_ascii(q[n]) == full[n])
			n++;
		if (n < 3 || (lower_ascii(q[n]) >= 'a' &&
			      lower_ascii(q[n]) <= 'z'))
			continue;
		*p = q + n;
		*mon = (unsigned)i + 1;
		return 0;
	}
	return -1;
}

int cnd_time_parse_dmy(const char *s, int64_t *out)
{
	struct civil c = { 0 };
	const char *p = s;
	unsigned year;

	if (!s || take_number(&p, &c.day) || p - s > 2 || take_char(&p, ' ') ||
	    take_month_word(&p, &c.mon) || take_char(&p, ' ') ||
	    take_digits(&p, 4, &year) || *p != '\0')
		return -1;
	c.year = year;
	return civil_to_utc(&c, out);
}

int cnd_time_parse_us(const char *s, int64_t *out)
{
	struct civil c = { 0 };
	const char *p = s, *y0;
	unsigned year;

	if (!s || take_number(&p, &c.mon) || p - s > 2 || take_char(&p, '/') ||
	    take_number(&p, &c.day) || take_char(&p, '/'))
		return -1;
	y0 = p;
	if (take_number(&p, &year) || (p - y0 != 2 && p - y0 != 4))
		return -1;
	c.year = p - y0 == 2 ? 2000 + year : year;
	if (*p == ',')
		p++;
	while (*p == ' ')
		p++;
	if (*p) {
		const char *h0 = p;

		if (take_number(&p, &c.hour) || p - h0 > 2 ||
		    take_char(&p, ':') || take_digits(&p, 2, &c.min))
			return -1;
		if (*p == ':' && (p++, take_digits(&p, 2, &c.sec)))
			return -1;
		while (*p == ' ')
			p++;
		if ((p[0] == 'A' || p[0] == 'a' || p[0] == 'P' ||
		     p[0] == 'p') &&
		    (p[1] == 'M' || p[1] == 'm')) {
			if (c.hour < 1 || c.hour > 12)
				return -1;
			c.hour = c.hour % 12 + (p[0] == 'P' || p[0] == 'p' ?
							12 : 0);
			p += 2;
		}
		while (*p == ' ')
			p++;
		if (*p)
			return -1;
	}
	return civil_to_utc(&c, out);
}

/* The zone part of an ISO-like time: "", "Z", "UTC", "+02:00", " +0000"... */
static int take_zone(const char **p, int *offset)
{
	*offset = 0;
	if (**p == '\0')
		return 0;
	if (**p == ' ')
		(*p)++;
	if (**p == 'Z') {
		(*p)++;
		return 0;
	}
	if (strncmp(*p, "UTC", 3) == 0 || strncmp(*p, "GMT", 3) == 0) {
		*p += 3;
		return 0;
	}
	return take_offset(p, offset);
}

int cnd_time_parse_iso(const char *s, int64_t *out)
{
	struct civil c = { 0 };
	const char *p = s;
	unsigned year;
	char sep;

	if (!s)
		return -1;
	if (take_digits(&p, 4, &year))
		return -1;
	c.year = year;
	sep = *p;
	if (sep != '-' && sep != '/')
		return -1;
	p++;
	if (take_digits(&p, 2, &c.mon) || take_char(&p, sep) ||
	    take_digits(&p, 2, &c.day))
		return -1;
	if (*p == '\0')
		return civil_to_utc(&c, out);
	if (*p == ' ' && (p[1] < '0' || p[1] > '9')) {
		/* a day with its zone: "2024-09-05 UTC" (Snapchat) */
		if (take_zone(&p, &c.offset) || *p != '\0')
			return -1;
		return civil_to_utc(&c, out);
	}
	if (*p != 'T' && *p != ' ')
		return -1;
	p++;
	if (take_digits(&p, 2, &c.hour) || take_char(&p, ':') ||
	    take_digits(&p, 2, &c.min))
		return -1;
	if (*p == ':') {
		p++;
		if (take_digits(&p, 2, &c.sec))
			return -1;
		if (*p == '.' || *p == ',') {
			/* fractions of a second are dropped */
			p++;
			if (*p < '0' || *p > '9')
				return -1;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (take_zone(&p, &c.offset) || *p != '\0')
		return -1;
	return civil_to_utc(&c, out);
}

int cnd_time_parse_day(const char *s, int64_t *out, unsigned flags)
{
	struct civil c = { 0 };
	const char *p = s;
	unsigned year;
	int64_t t;
	char sep;

	sep = (flags & CND_DAY_SLASH) && s && strlen(s) > 4 && s[4] == '/' ?
		      '/' : '-';
	if (!s || take_digits(&p, 4, &year) || take_char(&p, sep) ||
	    take_digits(&p, 2, &c.mon) || take_char(&p, sep) ||
	    take_digits(&p, 2, &c.day) || *p != '\0')
		return -1;
	c.year = year;
	if (civil_to_utc(&c, &t) != 0)
		return -1; /* 2023-02-30 */
	*out = (flags & CND_DAY_END) ? t + SECS_PER_DAY - 1 : t;
	return 0;
}

int cnd_time_parse_any(const char *s, int64_t *out)
{
	size_t n = 0;

	if (!s)
		return -1;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	if (s[n] == '\0' && (n == 10 || n == 13)) {
		int64_t v = 0;

		for (size_t i = 0; i < n; i++)
			v = v * 10 + (s[i] - '0');
		*out = n == 13 ? v / 1000 : v;
		return 0;
	}
	if (cnd_time_parse_iso(s, out) == 0)
		return 0;
	if (cnd_time_parse_dmy(s, out) == 0)
		return 0;
	return cnd_time_parse_twitter(s, out);
}

struct civil_out {
	int64_t year;
	unsigned mon, day;
	int hour, min, sec;
};

static void utc_to_civil(int64_t t, struct civil_out *c)
{
	int64_t days = floor_div(t, SECS_PER_DAY);
	int64_t rem = t - days * SECS_PER_DAY;

	cnd_civil_from_days(days, &c->year, &c->mon, &c->day);
	c->hour = (int)(rem / 3600);
	c->min = (int)(rem / 60 % 60);
	c->sec = (int)(rem % 60);
}

/* v as `width` decimal digits at p (v < 10^width); returns p + width. */
static char *put_digits(char *p, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

/*
 * "YYYY-MM-DD<sep>hh:mm:ss" into buf (at least 20 bytes), by hand: every
 * finding's time is written three times (workbook, JSON, CSV), and
 * snprintf was most of what that cost. Returns the end, or NULL for a
 * year outside 0..9999 (then the caller uses snprintf).
 */
static char *put_civil(char *p, const struct civil_out *c, char sep)
{
	if (c->year < 0 || c->year > 9999)
		return NULL;
	p = put_digits(p, (unsigned)c->year, 4);
	*p++ = '-';
	p = put_digits(p, c->mon, 2);
	*p++ = '-';
	p = put_digits(p, c->day, 2);
	*p++ = sep;
	p = put_digits(p, (unsigned)c->hour, 2);
	*p++ = ':';
	p = put_digits(p, (unsigned)c->min, 2);
	*p++ = ':';
	return put_digits(p, (unsigned)c->sec, 2);
}

void cnd_time_format_utc(int64_t t, char *buf, size_t n)
{
	struct civil_out c;
	char tmp[32], *end;

	utc_to_civil(t, &c);
	end = put_civil(tmp, &c, 'T');
	if (end && n > (size_t)(end - tmp) + 1) {
		*end++ = 'Z';
		*end = '\0';
		memcpy(buf, tmp, (size_t)(end - tmp) + 1);
		return;
	}
	snprintf(buf, n, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
		 (long long)c.year, c.mon, c.day, c.hour, c.min, c.sec);
}

void cnd_time_format_month(int64_t t, char *buf, size_t n)
{
	struct civil_out c;

	utc_to_civil(t, &c);
	/* by hand where it fits: run.c asks it once per finding */
	if (c.year >= 0 && c.year <= 9999 && n >= 8) {
		put_digits(buf, (unsigned)c.year, 4);
		buf[4] = '-';
		put_digits(buf + 5, c.mon, 2);
		buf[7] = '\0';
		return;
	}
	snprintf(buf, n, "%04lld-%02u", (long long)c.year, c.mon);
}

/* Bumped by cnd_time_set_zone(): the offsets kept below are for a zone. */
static unsigned zone_generation;

/*
 * The zone's offset at t from the C library (localtime_r), in seconds
 * east of UTC; 0 with *ok = 0 when it cannot convert t.
 */
static int64_t libc_offset(int64_t t, struct civil_out *c, int *ok)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int64_t local;

	*ok = (int64_t)tt == t && localtime_r(&tt, &tm);
	if (!*ok)
		return 0;
	c->year = (int64_t)tm.tm_year + 1900;
	c->mon = (unsigned)tm.tm_mon + 1;
	c->day = (unsigned)tm.tm_mday;
	c->hour = tm.tm_hour;
	c->min = tm.tm_min;
	c->sec = tm.tm_sec;
	local = cnd_days_from_civil(c->year, c->mon, c->day) * SECS_PER_DAY +
		c->hour * 3600 + c->min * 60 + c->sec;
	return local - t;
}

/*
 * The offset at t, through a cache of one UTC day per thread: when the
 * zone has the same offset at the day's first and last second (every day
 * but those of a change of offset), it holds all day, and t's local time
 * is UTC arithmetic. Each writer formats every finding's local time, and
 * localtime_r (a lock and a conversion, about 1,000 instructions) was a
 * good part of what a finding cost. Other days ask localtime_r each time.
 */
static int64_t zone_offset(int64_t t, struct civil_out *c, int *ok)
{
	static _Thread_local struct {
		int64_t day, off;
		unsigned gen;
		int state; /* 0 empty, 1 one offset all day, 2 a change */
	} k;
	int64_t day = floor_div(t, SECS_PER_DAY);

	if (!k.state || k.day != day || k.gen != zone_generation) {
		struct civil_out a, b;
		int ok_a, ok_b;
		int64_t off_a = libc_offset(day * SECS_PER_DAY, &a, &ok_a);
		int64_t off_b =
			libc_offset(day * SECS_PER_DAY + SECS_PER_DAY - 1, &b,
				    &ok_b);

		k.day = day;
		k.gen = zone_generation;
		k.off = off_a;
		k.state = ok_a && ok_b && off_a == off_b ? 1 : 2;
	}
	if (k.state == 2)
		return libc_offset(t, c, ok);
	*ok = 1;
	utc_to_civil(t + k.off, c);
	return k.off;
}

void cnd_time_format_local(int64_t t, char *buf, size_t n)
{
	struct civil_out c;
	int64_t off;
	int ok;
	char sign = '+', tmp[40], *end;

	off = zone_offset(t, &c, &ok);
	if (!ok) {
		/* beyond what the C library can convert: show UTC */
		utc_to_civil(t, &c);
		off = 0;
	}
	if (off < 0) {
		sign = '-';
		off = -off;
	}
	end = put_civil(tmp, &c, ' ');
	if (end && off < 100 * 3600 && n > (size_t)(end - tmp) + 7) {
		*end++ = ' ';
		*end++ = sign;
		end = put_digits(end, (unsigned)(off / 3600), 2);
		*end++ = ':';
		end = put_digits(end, (unsigned)(off / 60 % 60), 2);
		*end = '\0';
		memcpy(buf, tmp, (size_t)(end - tmp) + 1);
		return;
	}
	snprintf(buf, n, "%04lld-%02u-%02u %02d:%02d:%02d %c%02d:%02d",
		 (long long)c.year, c.mon, c.day, c.hour, c.min, c.sec, sign,
		 (int)(off / 3600), (int)(off / 60 % 60));
}

int cnd_time_set_zone(const char *zone)
{
	zone_generation++;
	if (!zone)
		return -1;
	if (strcmp(zone, "UTC") == 0) {
		/* a POSIX TZ string: works without any zoneinfo file */
		if (setenv("TZ", "UTC0", 1) != 0)
			return -1;
		tzset();
		return 0;
	}
	/* the one zone check: what cnd_zone_load() can read */
	if (!cnd_zone_known(zone))
		return -1;
	if (setenv("TZ", zone, 1) != 0)
		return -1;
	tzset();
	return 0;
}
