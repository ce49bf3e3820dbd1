/*
 * E-mail addresses for the personal-data rule (see pdetect.h): an address
 * is a person's unless its local part names an organisation's desk
 * (info@, enquiries@, ...), and it must stand on its own, not inside a URL
 * or glued to a word.
 */
#include <string.h>

#include "conduct/match/pdetect.h"

static int a_alpha(unsigned char ch)
{
	return (ch | 0x20u) - 'a' < 26u;
}

static int a_alnum(unsigned char ch)
{
	return (unsigned)ch - '0' < 10u || a_alpha(ch);
}

/* s[0..n) equals the lowercase ASCII word w, ignoring case. */
static int word_is(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((unsigned)c - 'A' < 26u)
			c |= 0x20u;
		if (c != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

static int email_local_char(unsigned char ch)
{
	return a_alnum(ch) || (ch && strchr("._%+-", ch));
}

/* Addresses of organisations' desks, not of people. */
static int email_role_account(const char *s, size_t n)
{
	static const char *const roles[] = {
		"info", "admin", "contact", "hello", "enquiries", "enquiry",
		"support", "office", "press", "media", "noreply", "no-reply",
		"team", "sales", "help", "webmaster", "reception", "bookings",
		"events", "news", "feedback", "general", NULL
	};

	for (size_t k = 0; roles[k]; k++)
		if (word_is(s, n, roles[k]))
			return 1;
	return 0;
}

/* An e-mail address around the '@' at t[at]: sets *start, returns end. */
size_t cnd_pd_email_at(const char *text, size_t n, size_t at, size_t *start)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t s = at, e = at + 1, dot = 0, k;

	while (s > 0 && email_local_char(t[s - 1]))
		s--;
	while (s < at && !a_alnum(t[s]))
		s++;
	if (s == at || t[at - 1] == '.')
		return 0;
	if (s > 0 && (t[s - 1] >= 0x80 || t[s - 1] == '/' || t[s - 1] == ':'))
		return 0; /* inside a URL or glued to a word */
	while (e < n && (a_alnum(t[e]) || t[e] == '.' || t[e] == '-'))
		e++;
	while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-'))
		e--;
	if (e < n && (t[e] == '@' || t[e] >= 0x80 || t[e] == '_'))
		return 0;
	for (k = at + 1; k < e; k++) {
		if (t[k] == '.') {
			if (k == at + 1 || t[k - 1] == '.')
				return 0;
			dot = k;
		}
	}
	if (!dot || e - dot - 1 < 2)
		return 0;
	for (k = dot + 1; k < e; k++)
		if (!a_alpha(t[k]))
			return 0;
	if (email_role_account(text + s, at - s))
		return 0;
	*start = s;
	return e;
}
