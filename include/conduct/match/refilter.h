/*
 * A sound prefilter for a POSIX extended regular expression (the policy's
 * case-number patterns): when the pattern is compiled, the bytes that
 * every match must contain are worked out from its source, conservatively
 * (a set of bytes for each element that every match contains at least
 * once); at scan time a text that lacks some required set cannot match,
 * and regexec is not run on it. A pattern the analysis is unsure of gets
 * no prefilter: every text may match. A zeroed struct is "no prefilter".
 */
#ifndef CONDUCT_MATCH_REFILTER_H
#define CONDUCT_MATCH_REFILTER_H

#include <stddef.h>
#include <stdint.h>

/* Most required sets kept (more would only filter a little more). */
#define CND_REFILTER_MAX_SETS 8

struct cnd_refilter {
	unsigned n_sets;                       /* 0: no prefilter */
	uint8_t sets[CND_REFILTER_MAX_SETS][32]; /* bitmaps of 256 bytes */
	int single[CND_REFILTER_MAX_SETS];     /* the one byte, or -1 */
};

/*
 * Work out the required sets of the expression src as regcomp(src,
 * cflags) compiles it in the current locale. Gives no prefilter (n_sets
 * 0) where unsure: a top-level '|', REG_ICASE, a multibyte locale,
 * anything it does not parse.
 */
void cnd_refilter_compile(struct cnd_refilter *f, const char *src,
			  int cflags);

/* 0 only when text (NUL-terminated) cannot hold a match. */
int cnd_refilter_may_match(const struct cnd_refilter *f, const char *text);

#endif
