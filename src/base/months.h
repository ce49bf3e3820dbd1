/*
 * The month names of the one time facility, private to src/base/: one
 * table, defined in timelocal.c (whose HTML-date parser reads all of it, in
 * six languages) and shared with timeutil.c (whose English parsers, the
 * ctime-like "Oct" and "09 Sep 2022", read its first twelve entries).
 */
#ifndef CONDUCT_BASE_MONTHS_H
#define CONDUCT_BASE_MONTHS_H

struct cnd_month_name {
	const char *name; /* folded: lower case, no accents */
	int n;		  /* 1..12 */
};

/*
 * English first, January to December in order (entry i is month i + 1 for
 * i < 12), then other spellings and languages; ends with { NULL, 0 }.
 */
extern const struct cnd_month_name cnd_time_months[];

#endif
