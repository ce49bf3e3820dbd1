/*
 * Personal-data detectors, shared by the personal-data rule and by every
 * rule that quotes what the subject wrote (its evidence is masked): phone
 * numbers, e-mail addresses of people, dates of birth, street addresses
 * (src/match/pdnumber.c) and the agency's case-number patterns, found in a
 * text as a list of hits that settles overlaps, and masked in a copy of
 * the text that keeps its length ("07700 9xx xxx"), so offsets of other
 * matches in the text stay valid.
 */
#ifndef CONDUCT_MATCH_PDETECT_H
#define CONDUCT_MATCH_PDETECT_H

#include <regex.h>
#include <stddef.h>

#include "conduct/base/arena.h"

/* In the order overlaps are settled: the earlier kind wins. */
enum cnd_pd_kind {
	CND_PD_CASE = 0, /* first: the agency's own patterns win overlaps */
	CND_PD_EMAIL,
	CND_PD_DOB,
	CND_PD_PHONE,
	CND_PD_ADDRESS,
};

struct cnd_pd_hit {
	enum cnd_pd_kind kind;
	size_t start, end;   /* bytes of the text */
	const char *pattern; /* CND_PD_CASE: the pattern's name */
};

/* Most hits kept for one text; later ones are dropped. */
#define CND_PD_MAX_HITS 32

struct cnd_pd_hits {
	struct cnd_pd_hit v[CND_PD_MAX_HITS];
	size_t n;
};

/* "phone number", "e-mail address", ... */
const char *cnd_pd_kind_name(enum cnd_pd_kind kind);

/*
 * Add the matches of an agency's case-number pattern re (called name) in
 * text to h, as CND_PD_CASE hits. Start with h->n = 0 and give every
 * pattern before cnd_pd_scan(): the patterns win the overlaps.
 */
void cnd_pd_scan_pattern(struct cnd_pd_hits *h, const char *text,
			 const regex_t *re, const char *name);
/*
 * Add to h every piece of personal data the built-in detectors find in
 * text: e-mail addresses, dates of birth, phone numbers, street addresses.
 */
void cnd_pd_scan(struct cnd_pd_hits *h, const char *text);

/* Mask the hits h holds in s (the text they were found in), in place. */
void cnd_pd_mask(char *s, const struct cnd_pd_hits *h);
/* A copy of text (in a) with the hits h holds masked, same length. */
char *cnd_pd_mask_copy(struct cnd_arena *a, const char *text,
		       const struct cnd_pd_hits *h);

#endif
