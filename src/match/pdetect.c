/*
 * The personal-data detectors as one scan (see pdetect.h): the hit list
 * that settles overlaps (the agency's case-number patterns first, then
 * e-mail addresses, dates of birth, phone numbers and street addresses)
 * and the masks, and the e-mail detector: an address is a person's unless
 * its local part names an organisation's desk (info@, enquiries@, ...),
 * and it must stand on its own, not inside a URL or glued to a word. The
 * detectors that read numbers are in pdnumber.c.
 */
#include <regex.h>
#include <string.h>

#include "conduct/match/pdetect.h"
#include "match.h"

static const char *const pd_names[] = {
	"case or record number", "e-mail address", "date of birth",
	"phone number", "street address",
};

const char *cnd_pd_kind_name(enum cnd_pd_kind kind)
{
	return pd_names[kind];
}

static void pd_add(struct cnd_pd_hits *h, enum cnd_pd_kind kind, size_t start,
		   size_t end, const char *pattern)
{
	struct cnd_pd_hit *x;
	size_t i;

	/* overlaps: the earlier kind in enum cnd_pd_kind wins */
	for (i = 0; i < h->n; i++) {
		x = &h->v[i];
		if (start < x->end && x->start < end) {
			if (x->kind <= kind)
				return;
			x->kind = kind;
			x->start = start;
			x->end = end;
			x->pattern = pattern;
			return;
		}
	}
	if (h->n == CND_PD_MAX_HITS)
		return;
	x = &h->v[h->n++];
	x->kind = kind;
	x->start = start;
	x->end = end;
	x->pattern = pattern;
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

/*
 * An e-mail address of a person around the '@' at text[at] (not a desk
 * address such as info@, not inside a URL or glued to a word): sets
 * *start, returns its end, or 0.
 */
static size_t email_at(const char *text, size_t n, size_t at, size_t *start)
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

void cnd_pd_scan_pattern(struct cnd_pd_hits *h, const char *text,
			 const regex_t *re, const char *name)
{
	size_t n = strlen(text), off = 0;
	regmatch_t m;
	int flags = 0;

	while (off < n && !regexec(re, text + off, 1, &m, flags)) {
		if (m.rm_eo <= m.rm_so) {
			off += (size_t)m.rm_so + 1;
		} else {
			pd_add(h, CND_PD_CASE, off + (size_t)m.rm_so,
			       off + (size_t)m.rm_eo, name);
			off += (size_t)m.rm_eo;
		}
		flags = REG_NOTBOL;
	}
}

/*
 * The built-in detectors take turns, each left to right, as pd_add
 * settles overlaps and the cap by the order it is given hits in. Each
 * looks only where it can match: e-mails at an '@'; dates of birth, phone
 * numbers and addresses need a digit, so none is looked for past the last
 * digit (a date of birth's keyword comes before its date), nor phone
 * numbers and addresses before the first ("+(" can open a number two
 * bytes before its first digit).
 */
void cnd_pd_scan(struct cnd_pd_hits *h, const char *text)
{
	static const char digits[] = "0123456789";
	const unsigned char *t = (const unsigned char *)text;
	const char *at;
	size_t n = strlen(text), i, e, s, first, last = 0;

	for (at = strchr(text, '@'); at; at = strchr(at + 1, '@')) {
		if ((e = email_at(text, n, (size_t)(at - text), &s)))
			pd_add(h, CND_PD_EMAIL, s, e, NULL);
	}
	first = strcspn(text, digits);
	if (first == n)
		return;
	/* one past the last digit: hop from one run of digits to the next */
	for (i = first; i < n; i += strcspn(text + i, digits)) {
		i += strspn(text + i, digits);
		last = i;
	}
	for (i = 0; i < last; i++) {
		/* "born", "DOB", "D.O.B.", "date of birth" */
		if (((t[i] | 0x20) == 'b' || (t[i] | 0x20) == 'd') &&
		    (e = cnd_pd_dob_at(text, n, i))) {
			pd_add(h, CND_PD_DOB, i, e, NULL);
			i = e - 1;
		}
	}
	for (i = first > 2 ? first - 2 : 0; i < last; i++) {
		if ((t[i] != '+' && t[i] != '(' && !a_digit(t[i])) ||
		    (i > 0 && a_digit(t[i - 1])))
			continue;
		e = cnd_pd_phone_at(text, n, i, &s);
		if (e)
			pd_add(h, CND_PD_PHONE, i, e, NULL);
		i = (e ? e : s) - 1;
	}
	for (i = first; i < last; i++) {
		if (a_digit(t[i]) && (i == 0 || !a_digit(t[i - 1])) &&
		    (e = cnd_pd_address_at(text, n, i))) {
			pd_add(h, CND_PD_ADDRESS, i, e, NULL);
			i = e - 1;
		}
	}
}

/*
 * Mask one hit in place, keeping the length in bytes (so offsets into the
 * text stay valid): phone numbers keep their first digits ("07700 9xx
 * xxx"), e-mail addresses their first letter and domain ("j***@example.org"),
 * dates of birth and house numbers lose every digit, case numbers keep
 * their first two characters.
 */
static void pd_mask(char *s, const struct cnd_pd_hit *h)
{
	size_t i, digits = 0, keep, seen = 0, len = h->end - h->start;
	char *p = s + h->start;

	switch (h->kind) {
	case CND_PD_PHONE:
		for (i = 0; i < len; i++)
			digits += a_digit((unsigned char)p[i]);
		keep = digits > 10 ? 6 : digits - 4;
		for (i = 0; i < len; i++) {
			if (a_digit((unsigned char)p[i]) && seen++ >= keep)
				p[i] = 'x';
		}
		break;
	case CND_PD_EMAIL:
		for (i = 1; i < len && p[i] != '@'; i++)
			p[i] = '*';
		break;
	case CND_PD_DOB:
	case CND_PD_ADDRESS:
		for (i = 0; i < len; i++)
			if (a_digit((unsigned char)p[i]))
				p[i] = 'x';
		break;
	case CND_PD_CASE:
		for (i = 2; i < len; i++)
			if (a_alnum((unsigned char)p[i]))
				p[i] = 'x';
		break;
	}
}

void cnd_pd_mask(char *s, const struct cnd_pd_hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		pd_mask(s, &h->v[i]);
}

char *cnd_pd_mask_copy(struct cnd_arena *a, const char *text,
		       const struct cnd_pd_hits *h)
{
	char *out = cnd_arena_strdup(a, text);

	cnd_pd_mask(out, h);
	return out;
}
