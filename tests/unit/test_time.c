/*
 * Unit tests for src/base/timeutil.c: the calendar helpers, every time
 * format the exports use, the strictness of the parsers, the one day
 * parser, the month names of the one table, and formatting in UTC and in
 * a named zone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conduct/base/timeutil.h"
#include "harness.h"

/* Parse with fn, returning the time or INT64_MIN on failure. */
static int64_t parsed(int (*fn)(const char *, int64_t *), const char *s)
{
	int64_t t = 0;

	return fn(s, &t) == 0 ? t : INT64_MIN;
}

TEST(time_days_from_civil)
{
	int64_t y;
	unsigned m, d;

	CHECK_INT(cnd_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(cnd_days_from_civil(1969, 12, 31), -1);
	CHECK_INT(cnd_days_from_civil(2000, 3, 1), 11017);
	CHECK_INT(cnd_days_from_civil(2000, 2, 29) + 1,
		  cnd_days_from_civil(2000, 3, 1));
	CHECK_INT(cnd_days_from_civil(1900, 3, 1) -
			  cnd_days_from_civil(1900, 2, 28),
		  1); /* 1900 is not a leap year */
	/* round trip over a wide range, including before 1970 and past 2038 */
	for (int64_t days = -800000; days <= 800000; days += 997) {
		cnd_civil_from_days(days, &y, &m, &d);
		CHECK_INT(cnd_days_from_civil(y, m, d), days);
	}
	cnd_civil_from_days(-1, &y, &m, &d);
	CHECK_INT(y, 1969);
	CHECK_INT(m, 12);
	CHECK_INT(d, 31);
	cnd_civil_from_days(cnd_days_from_civil(2024, 2, 29), &y, &m, &d);
	CHECK_INT(y, 2024);
	CHECK_INT(m, 2);
	CHECK_INT(d, 29);
}

TEST(time_parse_twitter)
{
	CHECK_INT(parsed(cnd_time_parse_twitter,
			 "Wed Oct 10 20:19:24 +0000 2018"),
		  1539202764);
	/* offsets are subtracted to get UTC */
	CHECK_INT(parsed(cnd_time_parse_twitter,
			 "Wed Oct 10 22:19:24 +0200 2018"),
		  1539202764);
	CHECK_INT(parsed(cnd_time_parse_twitter,
			 "Wed Oct 10 15:19:24 -0500 2018"),
		  1539202764);
	CHECK_INT(parsed(cnd_time_parse_twitter,
			 "Thu Feb 29 12:00:00 +0000 2024"),
		  1709208000);
	/* invalid dates, times, names and trailing text are refused */
	CHECK(parsed(cnd_time_parse_twitter,
		     "Wed Feb 29 12:00:00 +0000 2023") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter,
		     "Wed Oct 10 24:19:24 +0000 2018") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter,
		     "Wed Oct 10 20:60:24 +0000 2018") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter,
		     "Xyz Oct 10 20:19:24 +0000 2018") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter,
		     "Wed Okt 10 20:19:24 +0000 2018") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter,
		     "Wed Oct 10 20:19:24 +0000 2018x") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter,
		     "Wed Oct 10 20:19:24 +0000 201") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter,
		     "Wed Oct 10 20:19:24 2018") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter, "") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_twitter, NULL) == INT64_MIN);
}

TEST(time_parse_iso)
{
	CHECK_INT(parsed(cnd_time_parse_iso, "2020-01-20T21:42:09.068Z"),
		  1579556529);
	CHECK_INT(parsed(cnd_time_parse_iso, "2020-01-20T21:42:09Z"),
		  1579556529);
	CHECK_INT(parsed(cnd_time_parse_iso, "2020-01-20T21:42:09"),
		  1579556529);
	CHECK_INT(parsed(cnd_time_parse_iso,
			 "2019-04-03T08:13:57.000+02:00"),
		  1554272037);
	CHECK_INT(parsed(cnd_time_parse_iso, "2019-04-03T08:13:57+0200"),
		  1554272037);
	CHECK_INT(parsed(cnd_time_parse_iso, "2022-09-08 04:10:18"),
		  1662610218);
	CHECK_INT(parsed(cnd_time_parse_iso, "2022-09-08 04:10:18 UTC"),
		  1662610218);
	CHECK_INT(parsed(cnd_time_parse_iso, "2015-01-24 02:02:37 +0000"),
		  1422064957);
	CHECK_INT(parsed(cnd_time_parse_iso, "2017/06/08 08:15:44 UTC"),
		  1496909744);
	CHECK_INT(parsed(cnd_time_parse_iso, "2020-01-20"), 1579478400);
	/* negative and half-hour offsets */
	CHECK_INT(parsed(cnd_time_parse_iso, "2020-01-20T17:12:09-04:30"),
		  1579556529);
	/* an offset can move the date across a year boundary */
	CHECK_INT(parsed(cnd_time_parse_iso, "1970-01-01T00:00:00+01:00"),
		  -3600);
	CHECK_INT(parsed(cnd_time_parse_iso, "1969-12-31T23:59:59Z"), -1);
	CHECK_INT(parsed(cnd_time_parse_iso, "1900-01-01"), -2208988800LL);
	CHECK_INT(parsed(cnd_time_parse_iso, "2038-01-19T03:14:08Z"),
		  2147483648LL);
	CHECK_INT(parsed(cnd_time_parse_iso, "9999-12-31T23:59:59Z"),
		  253402300799LL);
	CHECK_INT(parsed(cnd_time_parse_iso, "2024-02-29"), 1709164800);
	CHECK_INT(parsed(cnd_time_parse_iso, "2000-02-29"), 951782400);
}

TEST(time_parse_iso_strict)
{
	static const char *const bad[] = {
		"2023-02-29",		    /* not a leap year */
		"2023-02-30",		    "2100-02-29", /* century */
		"2023-04-31",		    "2023-13-01",
		"2023-00-10",		    "2023-01-00",
		"2023-01-32",		    "2023-01-01T24:00:00Z",
		"2023-01-01T23:60:00Z",	    "2023-01-01T23:59:60Z",
		"2023-01-01T10:00:00+24:00", "2023-01-01T10:00:00+01:60",
		"2023-01-01T10:00:00Zjunk", "2023-01-01 10:00:00 UTCx",
		"2023-01-01x",		    "2023-01-01 ",
		"2023-1-01",		    "23-01-01",
		"2023-01/01",		    "2023/01-01",
		"2023-01-01T10",	    "2023-01-01T10:00:00.",
		"2023-01-01T10:00:00.5 ",   "",
		"  2023-01-01",		    "2023-01-01T10:00:00+1",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parsed(cnd_time_parse_iso, bad[i]) != INT64_MIN) {
			fprintf(stderr, "  accepted: '%s'\n", bad[i]);
			cnd_test_failures++;
		}
	}
	/* minutes without seconds are accepted */
	CHECK_INT(parsed(cnd_time_parse_iso, "2020-01-20T21:42Z"),
		  1579556520);
}

TEST(time_parse_any)
{
	CHECK_INT(parsed(cnd_time_parse_any, "1579556529"), 1579556529);
	CHECK_INT(parsed(cnd_time_parse_any, "1579556529068"), 1579556529);
	CHECK_INT(parsed(cnd_time_parse_any, "0000000000"), 0);
	CHECK_INT(parsed(cnd_time_parse_any, "Wed Oct 10 20:19:24 +0000 2018"),
		  1539202764);
	CHECK_INT(parsed(cnd_time_parse_any, "2020-01-20T21:42:09.068Z"),
		  1579556529);
	CHECK_INT(parsed(cnd_time_parse_any, "2017/06/08 08:15:44 UTC"),
		  1496909744);
	/* other digit counts are not guessed at */
	CHECK(parsed(cnd_time_parse_any, "157955652") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "15795565290") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "1579556529x") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "-1579556529") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "yesterday") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "") == INT64_MIN);
}

/*
 * One test per date shape that a LinkedIn, TikTok, Snapchat or Google file
 * writes (FORMATS.md sections 6 to 9 and public parsers of those exports),
 * each read through cnd_time_parse_any() as the handlers do, or through
 * cnd_time_parse_us() for LinkedIn's month-first dates.
 */

/* LinkedIn Company Follows.csv "Followed On" (Java's Date.toString()). */
TEST(time_shape_linkedin_ctime_utc)
{
	CHECK_INT(parsed(cnd_time_parse_any, "Tue Aug 30 14:33:11 UTC 2022"),
		  1661869991);
	CHECK_INT(parsed(cnd_time_parse_twitter,
			 "Tue Aug 30 14:33:11 GMT 2022"),
		  1661869991);
	/* one-digit and space-padded days (date(1)) */
	CHECK_INT(parsed(cnd_time_parse_any, "Fri Sep 2 08:00:00 UTC 2022"),
		  1662105600);
	CHECK_INT(parsed(cnd_time_parse_any, "Fri Sep  2 08:00:00 UTC 2022"),
		  1662105600);
	/* a zone name that could mean several offsets is refused */
	CHECK(parsed(cnd_time_parse_any, "Tue Aug 30 14:33:11 PDT 2022") ==
	      INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "Tue Aug 30 14:33:11 2022") ==
	      INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "Tue Aug 32 14:33:11 UTC 2022") ==
	      INT64_MIN);
}

/* LinkedIn Connections.csv "Connected On" since 2022. */
TEST(time_shape_linkedin_day_month_year)
{
	CHECK_INT(parsed(cnd_time_parse_any, "09 Sep 2022"), 1662681600);
	CHECK_INT(parsed(cnd_time_parse_any, "9 Sep 2022"), 1662681600);
	CHECK_INT(parsed(cnd_time_parse_any, "9 Sept 2022"), 1662681600);
	CHECK_INT(parsed(cnd_time_parse_dmy, "9 september 2022"), 1662681600);
	CHECK(parsed(cnd_time_parse_any, "31 Sep 2022") == INT64_MIN);
	CHECK_INT(parsed(cnd_time_parse_any, "09 SEP 2022"), 1662681600);
	CHECK_INT(parsed(cnd_time_parse_any, "1 May 2022"), 1651363200);
	CHECK(parsed(cnd_time_parse_any, "09 Spt 2022") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "09 Septx 2022") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "1 Mayday 2022") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "09 Sep 22") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "009 Sep 2022") == INT64_MIN);
}

/* LinkedIn Connections.csv 2018, Invitations.csv "Sent At". */
TEST(time_shape_linkedin_month_first)
{
	CHECK_INT(parsed(cnd_time_parse_us, "1/8/18, 6:14 PM"), 1515435240);
	CHECK_INT(parsed(cnd_time_parse_us, "9/20/22, 6:01 PM"), 1663696860);
	CHECK_INT(parsed(cnd_time_parse_us, "1/8/18, 12:14 AM"), 1515370440);
	CHECK_INT(parsed(cnd_time_parse_us, "03/15/2024"), 1710460800);
	CHECK_INT(parsed(cnd_time_parse_us, "3/15/2024 18:05:09"), 1710525909);
	CHECK(parsed(cnd_time_parse_us, "15/03/2024") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_us, "1/8/18, 13:14 PM") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_us, "1/8/018") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_us, "1/8/18, 6:14 PM x") == INT64_MIN);
	/* month-first dates are not guessed by the general parser */
	CHECK(parsed(cnd_time_parse_any, "1/8/18, 6:14 PM") == INT64_MIN);
}

/* LinkedIn messages.csv, SearchQueries.csv, Shares.csv (2018 and 2022). */
TEST(time_shape_linkedin_utc_suffix)
{
	CHECK_INT(parsed(cnd_time_parse_any, "2022-09-08 18:08:14 UTC"),
		  1662660494);
	CHECK_INT(parsed(cnd_time_parse_any, "2022/07/21 20:53:18 UTC"),
		  1658436798);
	CHECK_INT(parsed(cnd_time_parse_any, "2017/06/08 08:15:44 UTC"),
		  1496909744);
	CHECK_INT(parsed(cnd_time_parse_any, "2022-09-08 04:10:18"),
		  1662610218);
}

/* TikTok user_data_tiktok.json and the TXT export: no zone (UTC). */
TEST(time_shape_tiktok)
{
	CHECK_INT(parsed(cnd_time_parse_any, "2025-11-14 19:13:26"),
		  1763147606);
	CHECK_INT(parsed(cnd_time_parse_any, "2021-11-11 01:22:22"),
		  1636593742);
}

/* Snapchat: "... UTC" times, and a day with its zone inside a key. */
TEST(time_shape_snapchat)
{
	CHECK_INT(parsed(cnd_time_parse_any, "2024-09-06 05:52:03 UTC"),
		  1725601923);
	CHECK_INT(parsed(cnd_time_parse_any, "2024-09-05 UTC"), 1725494400);
	CHECK_INT(parsed(cnd_time_parse_any, "2024-09-05 +0000"), 1725494400);
	/* Created(microseconds) holds milliseconds */
	CHECK_INT(parsed(cnd_time_parse_any, "1725826406914"), 1725826406);
	CHECK(parsed(cnd_time_parse_any, "2024-09-05 UTC x") == INT64_MIN);
	CHECK(parsed(cnd_time_parse_any, "2024-09-05 PDT") == INT64_MIN);
}

/* Google Takeout and on-device Timeline. */
TEST(time_shape_google)
{
	/* Records.json timestamp, and timestampMs */
	CHECK_INT(parsed(cnd_time_parse_any, "2013-03-01T05:17:39.849Z"),
		  1362115059);
	CHECK_INT(parsed(cnd_time_parse_any, "1512947698030"), 1512947698);
	/* Timeline.json (Android) and location-history.json (iOS) */
	CHECK_INT(parsed(cnd_time_parse_any, "2019-04-03T08:13:57.000+02:00"),
		  1554272037);
	CHECK_INT(parsed(cnd_time_parse_any, "2023-05-17T18:28:49.000-05:00"),
		  1684366129);
	/* Semantic Location History without fractions */
	CHECK_INT(parsed(cnd_time_parse_any, "2019-01-02T10:00:00Z"),
		  1546423200);
}

TEST(time_format_utc)
{
	char buf[32];

	cnd_time_format_utc(1579556529, buf, sizeof(buf));
	CHECK_STR(buf, "2020-01-20T21:42:09Z");
	cnd_time_format_utc(0, buf, sizeof(buf));
	CHECK_STR(buf, "1970-01-01T00:00:00Z");
	cnd_time_format_utc(-1, buf, sizeof(buf));
	CHECK_STR(buf, "1969-12-31T23:59:59Z");
	cnd_time_format_utc(-2208988800LL, buf, sizeof(buf));
	CHECK_STR(buf, "1900-01-01T00:00:00Z");
	cnd_time_format_utc(2147483648LL, buf, sizeof(buf));
	CHECK_STR(buf, "2038-01-19T03:14:08Z");
	cnd_time_format_utc(4107542400LL, buf, sizeof(buf));
	CHECK_STR(buf, "2100-03-01T00:00:00Z");
	cnd_time_format_utc(1709208000, buf, sizeof(buf));
	CHECK_STR(buf, "2024-02-29T12:00:00Z");
	cnd_time_format_utc(1579556529, buf, 21); /* the documented minimum */
	CHECK_STR(buf, "2020-01-20T21:42:09Z");

	cnd_time_format_month(1579556529, buf, 8);
	CHECK_STR(buf, "2020-01");
	cnd_time_format_month(-1, buf, sizeof(buf));
	CHECK_STR(buf, "1969-12");
}

TEST(time_format_local_zones)
{
	char *saved = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	char buf[32];

	CHECK_INT(cnd_time_set_zone("UTC"), 0);
	cnd_time_format_local(1579556529, buf, sizeof(buf));
	CHECK_STR(buf, "2020-01-20 21:42:09 +00:00");

	if (cnd_time_set_zone("Europe/London") == 0) {
		cnd_time_format_local(1579556529, buf, sizeof(buf));
		CHECK_STR(buf, "2020-01-20 21:42:09 +00:00");
		cnd_time_format_local(1592686800, buf, sizeof(buf));
		CHECK_STR(buf, "2020-06-20 22:00:00 +01:00");
	}
	if (cnd_time_set_zone("America/New_York") == 0) {
		cnd_time_format_local(1579556529, buf, sizeof(buf));
		CHECK_STR(buf, "2020-01-20 16:42:09 -05:00");
		/* local date before 1970 */
		cnd_time_format_local(0, buf, sizeof(buf));
		CHECK_STR(buf, "1969-12-31 19:00:00 -05:00");
		/* past 2038 */
		cnd_time_format_local(2147483648LL, buf, sizeof(buf));
		CHECK_STR(buf, "2038-01-18 22:14:08 -05:00");
	}
	if (cnd_time_set_zone("Asia/Kolkata") == 0) {
		cnd_time_format_local(1579556529, buf, 27);
		CHECK_STR(buf, "2020-01-21 03:12:09 +05:30");
	}

	/* unknown or unsafe names are refused and leave the zone alone */
	CHECK_INT(cnd_time_set_zone("Mars/Olympus_Mons"), -1);
	CHECK_INT(cnd_time_set_zone("../../etc/passwd"), -1);
	CHECK_INT(cnd_time_set_zone("Europe/../Europe/London"), -1);
	CHECK_INT(cnd_time_set_zone("/usr/share/zoneinfo/Europe/London"), -1);
	CHECK_INT(cnd_time_set_zone(":Europe/London"), -1);
	CHECK_INT(cnd_time_set_zone("EST5EDT,M3.2.0,M11.1.0"), -1);
	CHECK_INT(cnd_time_set_zone(""), -1);
	CHECK_INT(cnd_time_set_zone("Europe"), -1); /* a directory */
	CHECK_INT(cnd_time_set_zone(NULL), -1);

	/* TZDIR is honoured */
	setenv("TZDIR", "/nonexistent", 1);
	CHECK_INT(cnd_time_set_zone("Europe/London"), -1);
	CHECK_INT(cnd_time_set_zone("UTC"), 0);
	unsetenv("TZDIR");

	if (saved) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
}

/*
 * The one day parser (--since/--until, the policy's review period, the
 * client register, the batch manifest): exactly YYYY-MM-DD, a real day;
 * the end of the day on request.
 */
TEST(time_parse_day)
{
	int64_t t = 42;

	CHECK_INT(cnd_time_parse_day("2023-01-05", &t, 0), 0);
	CHECK_INT(t, 1672876800);
	CHECK_INT(cnd_time_parse_day("2023-01-05", &t, CND_DAY_END), 0);
	CHECK_INT(t, 1672876800 + 86399);
	/* slashes only when the caller takes them (register, manifest, CLI) */
	CHECK_INT(cnd_time_parse_day("2023/01/05", &t, CND_DAY_SLASH |
							      CND_DAY_END), 0);
	CHECK_INT(t, 1672876800 + 86399);
	CHECK_INT(cnd_time_parse_day("2024-02-29", &t, 0), 0);
	CHECK_INT(cnd_time_parse_day("1969-12-31", &t, 0), 0);
	CHECK_INT(t, -86400);
	t = 42;
	/* not a real day, or not in that shape: refused, nothing written */
	CHECK_INT(cnd_time_parse_day("2023-02-29", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023-02-30", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023-13-01", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023-00-10", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023/01/05", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023-01/05", &t, CND_DAY_SLASH), -1);
	CHECK_INT(cnd_time_parse_day("2023/01-05", &t, CND_DAY_SLASH), -1);
	CHECK_INT(cnd_time_parse_day("2023/02/30", &t, CND_DAY_SLASH), -1);
	CHECK_INT(cnd_time_parse_day("2023-1-05", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023-01-05 ", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023-01-05Z", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023-01-05T00:00", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("2023-01-0x", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day("", &t, 0), -1);
	CHECK_INT(cnd_time_parse_day(NULL, &t, 0), -1);
	CHECK_INT(t, 42);
}

/* The month names, from the one table, in the English parsers. */
TEST(time_month_names_one_table)
{
	static const char *const abbr[12] = { "Jan", "Feb", "Mar", "Apr",
					      "May", "Jun", "Jul", "Aug",
					      "Sep", "Oct", "Nov", "Dec" };
	char buf[64];
	int64_t t;

	for (int m = 0; m < 12; m++) {
		snprintf(buf, sizeof(buf), "Mon %s 01 00:00:00 +0000 2018",
			 abbr[m]);
		CHECK_INT(cnd_time_parse_twitter(buf, &t), 0);
		CHECK_INT(t, cnd_days_from_civil(2018, (unsigned)m + 1, 1) *
				     86400);
	}
	/* ctime writes them capitalised, three letters: nothing else */
	CHECK_INT(cnd_time_parse_twitter("Mon jan 01 00:00:00 +0000 2018", &t),
		  -1);
	CHECK_INT(cnd_time_parse_twitter("Mon Sept 01 00:00:00 +0000 2018", &t),
		  -1);
	CHECK_INT(cnd_time_parse_dmy("9 Sept 2022", &t), 0);
	CHECK_INT(t, cnd_days_from_civil(2022, 9, 9) * 86400);
	CHECK_INT(cnd_time_parse_dmy("9 SEPTEMBER 2022", &t), 0);
	CHECK_INT(cnd_time_parse_dmy("1 dec 2022", &t), 0);
	CHECK_INT(t, cnd_days_from_civil(2022, 12, 1) * 86400);
	CHECK_INT(cnd_time_parse_dmy("1 de 2022", &t), -1);
	CHECK_INT(cnd_time_parse_dmy("1 janvier 2022", &t), -1);
}

/* The local time the C library gives for t, as the format writes it. */
static void libc_local(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int64_t local, off;

	if (!localtime_r(&tt, &tm)) {
		snprintf(buf, n, "?");
		return;
	}
	local = cnd_days_from_civil((int64_t)tm.tm_year + 1900,
				    (unsigned)tm.tm_mon + 1,
				    (unsigned)tm.tm_mday) *
			86400 +
		tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	off = local - t;
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d %c%02d:%02d",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
		 (int)((off < 0 ? -off : off) / 3600),
		 (int)((off < 0 ? -off : off) / 60 % 60));
}

/*
 * The day cache of cnd_time_format_local gives what localtime_r gives,
 * in zones with every kind of change: summer time, half-hour and
 * 45-minute offsets, half-hour summer time (Lord Howe), a day skipped
 * (Apia, 2011), summer time suspended for Ramadan (Casablanca), and local
 * mean time before 1900; minute by minute across changes, and at random
 * times from 1850 to 2100, in and out of order.
 */
TEST(time_format_local_matches_libc)
{
	static const char *const zones[] = {
		"UTC",		     "Europe/London",	 "America/New_York",
		"Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns",
		"Pacific/Apia",	     "Africa/Casablanca", "Europe/Moscow",
		"Asia/Kolkata",	     "Pacific/Chatham",	 NULL,
	};
	char *saved = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	char got[48], want[48];
	size_t z, tested = 0;

	for (z = 0; zones[z]; z++) {
		uint64_t r = 88172645463325252ULL + z;
		int64_t t;
		int i;

		if (cnd_time_set_zone(zones[z]) != 0)
			continue;
		tested++;
		/* minute by minute over days with changes (2011, 2024) */
		for (t = 1301011200; t < 1301011200 + 3 * 86400; t += 60) {
			cnd_time_format_local(t, got, sizeof(got));
			libc_local(t, want, sizeof(want));
			CHECK_STR(got, want);
		}
		for (t = 1711843200 - 86400; t < 1711843200 + 2 * 86400;
		     t += 60) {
			cnd_time_format_local(t, got, sizeof(got));
			libc_local(t, want, sizeof(want));
			CHECK_STR(got, want);
		}
		/* Apia skipped 2011-12-30 */
		for (t = 1325160000; t < 1325419200; t += 300) {
			cnd_time_format_local(t, got, sizeof(got));
			libc_local(t, want, sizeof(want));
			CHECK_STR(got, want);
		}
		for (i = 0; i < 20000; i++) {
			r ^= r << 13;
			r ^= r >> 7;
			r ^= r << 17;
			t = -3786825600LL + (int64_t)(r % 7942089600ULL);
			cnd_time_format_local(t, got, sizeof(got));
			libc_local(t, want, sizeof(want));
			CHECK_STR(got, want);
		}
	}
	CHECK(tested >= 1);
	if (saved) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
}
