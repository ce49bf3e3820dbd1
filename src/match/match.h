/*
 * Shared by the personal-data detectors of src/match/ (private to them):
 * ASCII character classes that ignore the locale, a case-blind compare of
 * a word, and the detectors that read numbers (pdnumber.c: phone numbers,
 * dates of birth, street addresses), which pdetect.c runs over a text.
 */
#ifndef CONDUCT_MATCH_MATCH_H
#define CONDUCT_MATCH_MATCH_H

#include <stddef.h>
#include <string.h>

static inline int a_digit(unsigned char ch)
{
	return (unsigned)ch - '0' < 10u;
}

static inline int a_alpha(unsigned char ch)
{
	return (ch | 0x20u) - 'a' < 26u;
}

static inline int a_upper(unsigned char ch)
{
	return (unsigned)ch - 'A' < 26u;
}

static inline int a_alnum(unsigned char ch)
{
	return a_digit(ch) || a_alpha(ch);
}

static inline unsigned char a_lower(unsigned char ch)
{
	return a_upper(ch) ? (unsigned char)(ch | 0x20u) : ch;
}

/* s[0..n) equals the lowercase ASCII word w, ignoring case. */
static inline int word_is(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (a_lower((unsigned char)s[i]) != (unsigned char)w[i])
			return 0;
	return 1;
}

/*
 * A phone number at text[i] (a '+', '(' or digit): returns its end, or 0;
 * *span is where the candidate read ends either way.
 */
size_t cnd_pd_phone_at(const char *text, size_t n, size_t i, size_t *span);
/* A date of birth at a keyword at text[p] ("born", "DOB"): its end or 0. */
size_t cnd_pd_dob_at(const char *text, size_t n, size_t p);
/* A street address at the digit text[p]: its end or 0. */
size_t cnd_pd_address_at(const char *text, size_t n, size_t p);

#endif
