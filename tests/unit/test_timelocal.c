/*
 * Unit tests for src/base/timelocal.c: the dates of HTML exports in the
 * six languages and the forms seen in real exports (FORMATS.md "HTML
 * exports"), refusals of ambiguous or impossible dates, and wall-clock to
 * UTC through a TZif zone across a daylight-saving change; the one zone
 * check that the policy, --tz and --export-tz share.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conduct/base/timelocal.h"
#include "conduct/base/timeutil.h"
#include "harness.h"

static int64_t wall(const char *s)
{
	int64_t w = -1;

	if (cnd_time_parse_wall(s, &w))
		return -1;
	return w;
}

/* 2024-10-13 13:23:00 as if UTC */
#define OCT13 1728825780LL

TEST(timelocal_forms)
{
	CHECK_INT(wall("Oct 13, 2024 1:23 pm"), OCT13);
	CHECK_INT(wall("ene 05, 2024 3:04:05pm"), 1704467045LL);
	CHECK_INT(wall("5 Jan 2019, 15:04"), 1546700640LL);
	CHECK_INT(wall("Jul 12, 2024 4:54:10pm"), 1720803250LL);
	CHECK_INT(wall("Sunday, October 13, 2024 at 1:23 PM"), OCT13);
	CHECK_INT(wall("13 oct. 2024 \xc3\xa0 13:23"), OCT13);      /* fr */
	CHECK_INT(wall("13. Okt. 2024, 13:23"), OCT13);             /* de */
	CHECK_INT(wall("13 de octubre de 2024 1:23 p. m."), OCT13); /* es */
	CHECK_INT(wall("out 13, 2024 1:23 pm"), OCT13);             /* pt */
	CHECK_INT(wall("13 ott 2024, 13:23"), OCT13);               /* it */
	CHECK_INT(wall("13 d\xc3\xa9" "c. 2024 13:23"), 1734096180LL);
	CHECK_INT(wall("3 M\xc3\xa4rz 2024"), 1709424000LL);
	CHECK_INT(wall("12 ao\xc3\xbb" "t 2024 00:00"), 1723420800LL);
	CHECK_INT(wall("Dec 1, 2024 12:05 am"), 1733011500LL);
	CHECK_INT(wall("Dec 1, 2024 12:05 pm"), 1733054700LL);
}

TEST(timelocal_refusals)
{
	CHECK_INT(wall(""), -1);
	CHECK_INT(wall("robin"), -1);
	CHECK_INT(wall("Oct 2024"), -1);          /* no day */
	CHECK_INT(wall("Ju 13, 2024"), -1);       /* no such month */
	CHECK_INT(wall("Jui 13, 2024"), -1);      /* juin or juillet */
	CHECK_INT(wall("Apr 31, 2024"), -1);
	CHECK_INT(wall("Oct 13, 2024 13:23 pm"), -1);
	CHECK_INT(wall("Oct 13, 2024 24:00"), -1);
	CHECK_INT(wall("Oct 13 14, 2024"), -1);   /* two days */
	CHECK_INT(wall("Oct Nov 13, 2024"), -1);  /* two months */
	CHECK_INT(wall("Oct 13, 2024 1:2"), -1);
	CHECK_INT(wall(NULL), -1);
}

TEST(timelocal_zone)
{
	struct cnd_zone *z = NULL;
	int64_t t;

	CHECK_INT(cnd_zone_load("No/Such_Zone", &z), -1);
	CHECK_INT(cnd_zone_load("../etc/passwd", &z), -1);
	CHECK_INT(cnd_zone_load("UTC", &z), 0);
	CHECK_INT(cnd_zone_to_utc(z, OCT13), OCT13);
	cnd_zone_free(z);
	CHECK_INT(cnd_zone_load("Europe/London", &z), 0);
	if (!z)
		return;
	CHECK_STR(cnd_zone_name(z), "Europe/London");
	/* summer time: 13:23 BST is 12:23 UTC */
	CHECK_INT(cnd_zone_to_utc(z, OCT13), OCT13 - 3600);
	/* winter: 5 Jan 2019 15:04 GMT */
	CHECK_INT(cnd_zone_to_utc(z, 1546700640LL), 1546700640LL);
	CHECK_INT(cnd_time_parse_local("Oct 13, 2024 1:23 pm", z, &t), 0);
	CHECK_INT(t, OCT13 - 3600);
	cnd_zone_free(z);
	CHECK_INT(cnd_zone_load("America/New_York", &z), 0);
	if (z)
		CHECK_INT(cnd_zone_to_utc(z, OCT13), OCT13 + 4 * 3600);
	cnd_zone_free(z);
}

static void put(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_INT(fwrite(data, 1, n, f), n);
	fclose(f);
}

/*
 * The one zone check: cnd_zone_known() (the policy, `policy --check`),
 * cnd_time_set_zone() (--tz) and cnd_zone_load() (--export-tz) accept the
 * same zones. A zone directory of our own (TZDIR) holds a real zone, a
 * file that is not a zone, and a TZif file of version 1 (no 64-bit part,
 * which the zone reader needs); the system's directory holds leapseconds,
 * a text file that the policy once took for a zone.
 */
TEST(timelocal_one_zone_check)
{
	static const char *const names[] = { "UTC", "Test/Good", "Test/Text",
					     "Test/V1", "Test/None",
					     "leapseconds", "Test/../Test/Good",
					     "/Test/Good", "Test/Go.od", "" };
	char dir[] = "/tmp/conduct-tzdir-XXXXXX", path[512];
	char *saved_tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	char *saved_dir = getenv("TZDIR") ? strdup(getenv("TZDIR")) : NULL;
	unsigned char v1[64] = "TZif";
	unsigned char buf[1 << 16];
	size_t n = 0, i;
	FILE *f = fopen("/usr/share/zoneinfo/Europe/London", "rb");

	if (f) {
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
	}
	CHECK(n > 44);
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/Test", dir);
	CHECK_INT(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/Test/Good", dir);
	put(path, buf, n);
	snprintf(path, sizeof(path), "%s/Test/Text", dir);
	put(path, "# not a zone\n", 13);
	snprintf(path, sizeof(path), "%s/Test/Go.od", dir);
	put(path, buf, n);
	snprintf(path, sizeof(path), "%s/Test/V1", dir);
	put(path, v1, sizeof(v1));
	setenv("TZDIR", dir, 1);
	CHECK(cnd_zone_known("UTC"));
	CHECK(cnd_zone_known("Test/Good"));
	CHECK(!cnd_zone_known("Test/Text"));
	CHECK(!cnd_zone_known("Test/V1"));
	CHECK(!cnd_zone_known("Test/None"));
	CHECK(!cnd_zone_known("Test/Go.od"));
	CHECK(!cnd_zone_known("Test/../Test/Good"));
	CHECK(!cnd_zone_known(""));
	CHECK(!cnd_zone_known(NULL));
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct cnd_zone *z = NULL;
		int known;

		if (!strcmp(names[i], "leapseconds"))
			unsetenv("TZDIR"); /* the system's directory */
		known = cnd_zone_known(names[i]);
		CHECK_INT(cnd_time_set_zone(names[i]) == 0, known);
		CHECK_INT(cnd_zone_load(names[i], &z) == 0, known);
		cnd_zone_free(z);
		setenv("TZDIR", dir, 1);
	}
	unsetenv("TZDIR");
	CHECK(!cnd_zone_known("leapseconds"));
	if (saved_dir)
		setenv("TZDIR", saved_dir, 1);
	if (saved_tz)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved_tz);
	free(saved_dir);
	for (i = 0; i < 4; i++) {
		static const char *const files[] = { "Good", "Text", "Go.od",
						     "V1" };

		snprintf(path, sizeof(path), "%s/Test/%s", dir, files[i]);
		CHECK_INT(unlink(path), 0);
	}
	snprintf(path, sizeof(path), "%s/Test", dir);
	CHECK_INT(rmdir(path), 0);
	CHECK_INT(rmdir(dir), 0);
}

/* English month words for the date-of-birth detector, from the one table. */
TEST(timelocal_month_english)
{
	CHECK_INT(cnd_time_month_english("March", 5), 3);
	CHECK_INT(cnd_time_month_english("mar", 3), 3);
	CHECK_INT(cnd_time_month_english("SEPT", 4), 9);
	CHECK_INT(cnd_time_month_english("Sep", 3), 9);
	CHECK_INT(cnd_time_month_english("may", 3), 5);
	CHECK_INT(cnd_time_month_english("december", 8), 12);
	CHECK_INT(cnd_time_month_english("marc", 4), 0);  /* not a spelling */
	CHECK_INT(cnd_time_month_english("mars", 4), 0);  /* French only */
	CHECK_INT(cnd_time_month_english("ma", 2), 0);
	CHECK_INT(cnd_time_month_english("Marchx", 5), 3); /* n counts */
	CHECK_INT(cnd_time_month_english("septembers", 10), 0);
}
