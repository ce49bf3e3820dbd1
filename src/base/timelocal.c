/*
 * Local times written for people (timelocal.h): the date parser for the
 * pages of HTML exports, in six languages, and a small reader of TZif zone
 * files (RFC 8536, the 64-bit part of version 2 and later) that turns a
 * wall-clock time into UTC without setting TZ, so that the zone an export
 * was written in (--export-tz) can differ from the zone the reports are
 * shown in (--tz). After the last transition of a file the last offset
 * holds; Debian's zone files list transitions to 2037.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/timelocal.h"
#include "conduct/base/timeutil.h"

#include "months.h"

struct cnd_zone {
	char name[128];
	size_t n;	 /* transitions */
	int64_t *at;	 /* UTC second of each transition */
	int32_t *off;	 /* offset that starts at each transition */
	int32_t initial; /* offset before the first */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

static int name_safe(const char *z)
{
	const char *p;

	if (!*z || *z == '/' || strlen(z) >= 100 || strstr(z, ".."))
		return 0;
	for (p = z; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || strchr("/_-+", *p)))
			return 0;
	return 1;
}

/* Parse the TZif data of buf[0..len); 0 or -1. */
static int tzif_parse(struct cnd_zone *z, const unsigned char *buf,
		      size_t len)
{
	const unsigned char *p = buf, *end = buf + len;
	uint32_t cnt[6];
	size_t i, skip, timecnt, typecnt;
	const unsigned char *times, *idx, *types;

	if (len < 44 || memcmp(buf, "TZif", 4) || buf[4] < '2')
		return -1;
	for (i = 0; i < 6; i++)
		cnt[i] = be32(buf + 20 + 4 * i);
	/* skip the 32-bit block: isut, isstd, leap, time, type, char */
	skip = 44 + (size_t)cnt[3] * 5 + (size_t)cnt[4] * 6 + cnt[5] +
	       (size_t)cnt[2] * 8 + cnt[1] + cnt[0];
	if (skip + 44 > len)
		return -1;
	p = buf + skip;
	if (memcmp(p, "TZif", 4))
		return -1;
	for (i = 0; i < 6; i++)
		cnt[i] = be32(p + 20 + 4 * i);
	timecnt = cnt[3];
	typecnt = cnt[4];
	times = p + 44;
	idx = times + timecnt * 8;
	types = idx + timecnt;
	if (!typecnt || types + typecnt * 6 > end)
		return -1;
	z->n = timecnt;
	z->at = calloc(timecnt + 1, sizeof(*z->at));
	z->off = calloc(timecnt + 1, sizeof(*z->off));
	if (!z->at || !z->off)
		return -1;
	z->initial = (int32_t)be32(types);
	for (i = 0; i < typecnt; i++)
		if (!types[i * 6 + 4]) { /* the first standard-time type */
			z->initial = (int32_t)be32(types + i * 6);
			break;
		}
	for (i = 0; i < timecnt; i++) {
		if (idx[i] >= typecnt)
			return -1;
		z->at[i] = be64(times + i * 8);
		z->off[i] = (int32_t)be32(types + (size_t)idx[i] * 6);
	}
	return 0;
}

int cnd_zone_load(const char *name, struct cnd_zone **out)
{
	const char *dir = getenv("TZDIR");
	struct cnd_zone *z;
	char path[512];
	unsigned char *buf = NULL;
	size_t len;
	FILE *f;
	int rc = -1;

	*out = NULL;
	if (!name)
		return -1;
	z = calloc(1, sizeof(*z));
	if (!z)
		return -1;
	snprintf(z->name, sizeof(z->name), "%s", name);
	if (!strcmp(name, "UTC")) {
		*out = z;
		return 0;
	}
	if (!name_safe(name))
		goto out;
	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		goto out;
	buf = malloc(1 << 20);
	len = buf ? fread(buf, 1, 1 << 20, f) : 0;
	fclose(f);
	if (buf && !tzif_parse(z, buf, len))
		rc = 0;
out:
	free(buf);
	if (rc)
		cnd_zone_free(z);
	else
		*out = z;
	return rc;
}

int cnd_zone_known(const char *name)
{
	struct cnd_zone *z;

	if (cnd_zone_load(name, &z) != 0)
		return 0;
	cnd_zone_free(z);
	return 1;
}

void cnd_zone_free(struct cnd_zone *z)
{
	if (!z)
		return;
	free(z->at);
	free(z->off);
	free(z);
}

const char *cnd_zone_name(const struct cnd_zone *z)
{
	return z->name;
}

/* The offset in force at UTC second t. */
static int32_t offset_at(const struct cnd_zone *z, int64_t t)
{
	size_t lo = 0, hi = z->n;

	if (!z->n || t < z->at[0])
		return z->initial;
	while (hi - lo > 1) { /* the last transition at or before t */
		size_t mid = lo + (hi - lo) / 2;

		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->off[lo];
}

int64_t cnd_zone_to_utc(const struct cnd_zone *z, int64_t wall)
{
	int64_t t0 = wall - offset_at(z, wall);
	int64_t t1 = wall - offset_at(z, t0);

	/* a time in the gap of a spring change: take the first guess */
	return wall - offset_at(z, t1) == t1 ? t1 : t0;
}

/* --- The date parser --- */

/*
 * The one month-name table (months.h): full names and abbreviations that
 * are not prefixes of a full name, English first and in order, so that
 * timeutil.c's English parsers read its first twelve entries.
 */
const struct cnd_month_name cnd_time_months[] = {
	/* English */
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 }, { "sept", 9 },
	/* French */
	{ "janvier", 1 }, { "fevrier", 2 }, { "mars", 3 }, { "avril", 4 },
	{ "mai", 5 }, { "juin", 6 }, { "juillet", 7 }, { "aout", 8 },
	{ "septembre", 9 }, { "octobre", 10 }, { "novembre", 11 },
	{ "decembre", 12 },
	/* German */
	{ "januar", 1 }, { "februar", 2 }, { "marz", 3 }, { "maerz", 3 },
	{ "juni", 6 }, { "juli", 7 }, { "oktober", 10 }, { "dezember", 12 },
	/* Spanish */
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
	{ "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
	{ "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
	{ "noviembre", 11 }, { "diciembre", 12 },
	/* Portuguese */
	{ "janeiro", 1 }, { "fevereiro", 2 }, { "marco", 3 }, { "maio", 5 },
	{ "junho", 6 }, { "julho", 7 }, { "setembro", 9 }, { "outubro", 10 },
	{ "dezembro", 12 },
	/* Italian */
	{ "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 }, { "maggio", 5 },
	{ "giugno", 6 }, { "luglio", 7 }, { "settembre", 9 }, { "ottobre", 10 },
	{ "dicembre", 12 },
	{ NULL, 0 }
};

int cnd_time_month_english(const char *w, size_t n)
{
	char low[10];
	size_t i;

	if (n < 3 || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)w[i];

		low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	low[n] = '\0';
	/* the English entries come first: the twelve names, then "sept" */
	for (i = 0; i < 13; i++) {
		const char *name = cnd_time_months[i].name;

		if (!strcmp(name, low) || (n == 3 && !strncmp(name, low, 3)))
			return cnd_time_months[i].n;
	}
	return 0;
}

/*
 * The month a folded word names: the word equals a name or, three letters
 * or more, begins one ("ene", "févr", "okt"); 0 when none, -1 when it
 * begins names of two different months ("ju").
 */
static int month_of(const char *w)
{
	size_t n = strlen(w), i;
	int found = 0;

	if (n < 3)
		return 0;
	for (i = 0; cnd_time_months[i].name; i++) {
		if (cnd_time_months[i].name[0] != w[0] ||
		    strncmp(cnd_time_months[i].name, w, n))
			continue;
		if (found && found != cnd_time_months[i].n)
			return -1;
		found = cnd_time_months[i].n;
	}
	return found;
}

/* Fold one UTF-8 letter of Latin-1 (U+00C0..U+00FF) to ASCII. */
static int fold2(unsigned char a, unsigned char b)
{
	static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyts"
				  "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
	unsigned cp;

	if (a != 0xc3 || (b & 0xc0) != 0x80)
		return 0;
	cp = 0xc0 + (b & 0x3f);
	if (cp < 0xc0)
		return 0;
	return map[cp - 0xc0] == '/' ? 0 : map[cp - 0xc0];
}

int cnd_time_parse_wall(const char *s, int64_t *wall)
{
	const unsigned char *p = (const unsigned char *)s;
	int day = -1, month = 0, year = -1, hh = -1, mm = 0, ss = 0;
	int ampm = 0; /* 1 am, 2 pm */
	int words = 0, last_was_time = 0;
	char pending = 0; /* 'a' or 'p' waiting for its 'm' */

	if (!s)
		return -1;
	while (*p) {
		if (*p >= '0' && *p <= '9') {
			long v = 0;
			int digits = 0;

			while (*p >= '0' && *p <= '9' && digits < 6) {
				v = v * 10 + (*p - '0');
				p++;
				digits++;
			}
			if (*p >= '0' && *p <= '9')
				return -1;
			if (*p == ':') {
				if (hh >= 0 || digits > 2)
					return -1;
				hh = (int)v;
				p++;
				if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' &&
				      p[1] <= '9'))
					return -1;
				mm = (p[0] - '0') * 10 + (p[1] - '0');
				p += 2;
				if (*p == ':') {
					p++;
					if (!(p[0] >= '0' && p[0] <= '9' &&
					      p[1] >= '0' && p[1] <= '9'))
						return -1;
					ss = (p[0] - '0') * 10 + (p[1] - '0');
					p += 2;
				}
				last_was_time = 1;
				continue;
			}
			if (digits == 4) {
				if (year >= 0)
					return -1;
				year = (int)v;
			} else if (digits <= 2) {
				if (day >= 0)
					return -1;
				day = (int)v;
			} else {
				return -1;
			}
			last_was_time = 0;
			continue;
		}
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    *p >= 0x80) {
			char w[24];
			size_t n = 0;
			int m;

			while ((*p >= 'a' && *p <= 'z') ||
			       (*p >= 'A' && *p <= 'Z') || *p >= 0x80) {
				int c = *p;

				if (*p >= 0x80) {
					c = fold2(p[0], p[1]);
					if (c) {
						p += 2;
					} else {
						p++; /* another letter: kept out */
						while ((*p & 0xc0) == 0x80)
							p++;
						c = '?';
					}
				} else {
					p++;
				}
				if (c >= 'A' && c <= 'Z')
					c += 'a' - 'A';
				if (n < sizeof(w) - 1)
					w[n++] = (char)c;
			}
			w[n] = '\0';
			if (++words > 8)
				return -1;
			if (pending && !strcmp(w, "m")) {
				ampm = pending == 'a' ? 1 : 2;
				pending = 0;
				continue;
			}
			if (last_was_time && (!strcmp(w, "am") ||
					      !strcmp(w, "pm"))) {
				ampm = w[0] == 'a' ? 1 : 2;
				continue;
			}
			if (last_was_time && (!strcmp(w, "a") ||
					      !strcmp(w, "p"))) {
				pending = w[0];
				continue;
			}
			m = month_of(w);
			if (m < 0)
				return -1;
			if (m) {
				if (month)
					return -1;
				month = m;
			}
			/* other words: fillers ("at", "um", a weekday) */
			continue;
		}
		p++; /* punctuation and spaces */
	}
	if (pending || !month || day < 1 || year < 1900 || year > 2200)
		return -1;
	if (day > 31 || (hh >= 0 && (mm > 59 || ss > 60)))
		return -1;
	if (ampm) {
		if (hh < 1 || hh > 12)
			return -1;
		if (hh == 12)
			hh = 0;
		if (ampm == 2)
			hh += 12;
	} else if (hh > 23) {
		return -1;
	}
	{
		int64_t days = cnd_days_from_civil(year, (unsigned)month,
						   (unsigned)day);
		int64_t y2;
		unsigned m2, d2;

		cnd_civil_from_days(days, &y2, &m2, &d2);
		if (m2 != (unsigned)month || d2 != (unsigned)day)
			return -1; /* 31 April */
		*wall = days * 86400 + (hh < 0 ? 0 : hh) * 3600 + mm * 60 + ss;
	}
	return 0;
}

int cnd_time_parse_local(const char *s, const struct cnd_zone *z,
			 int64_t *out)
{
	int64_t wall;

	if (cnd_time_parse_wall(s, &wall))
		return -1;
	*out = z ? cnd_zone_to_utc(z, wall) : wall;
	return 0;
}
