/*
 * Rules over what the subject wrote (posts and comments, deleted ones
 * included, retweets and boosts left out: their words are someone else's):
 * talk about casework without a name (case-talk), personal data of other
 * people (personal-data), and frustration or offensive language about work
 * (frustration, which also cites the replies X itself prompted the subject
 * to reconsider). case-talk and frustration are lexicon rules driven by the
 * policy (which lexicons a text needs: any / all / none / near within N
 * words, allow terms, stop contexts); every term of a rule goes into one
 * whole-word matcher built once per archive, so a text is read in one pass
 * whatever the size of the lexicons, and without a policy they do nothing.
 * personal-data uses built-in detectors (phone numbers, e-mail addresses,
 * dates of birth, street addresses) plus the policy's case-number patterns.
 * It never republishes what it finds: the matched value, the evidence and
 * the fingerprint hold masked values only ("07700 9xx xxx"), and the
 * evidence of the two lexicon rules is masked the same way.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "conduct/config/policy.h"
#include "conduct/rules/rule.h"
#include "conduct/text/text.h"

#include "conduct/rules/engine.h"
#include "conduct/match/pdetect.h"
#include "util.h"

/* --- Shared --- */

/* Text the subject wrote: posts (not reposts) and comments. */
static int authored(const struct cnd_record *r)
{
	if (!r->text || !*r->text)
		return 0;
	if (r->kind == CND_REC_POST)
		return !r->repost;
	return r->kind == CND_REC_COMMENT;
}

static int a_digit(unsigned char ch)
{
	return (unsigned)ch - '0' < 10u;
}

static int a_alpha(unsigned char ch)
{
	return (ch | 0x20u) - 'a' < 26u;
}

static int a_upper(unsigned char ch)
{
	return (unsigned)ch - 'A' < 26u;
}

static int a_alnum(unsigned char ch)
{
	return a_digit(ch) || a_alpha(ch);
}

static unsigned char a_lower(unsigned char ch)
{
	return a_upper(ch) ? (unsigned char)(ch | 0x20u) : ch;
}

/* s[0..n) equals the lowercase ASCII word w, ignoring case. */
static int word_is(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (a_lower((unsigned char)s[i]) != (unsigned char)w[i])
			return 0;
	return 1;
}

/* --- Personal data detectors --- */

enum pd_kind {
	PD_CASE = 0, /* first: the agency's own patterns win overlaps */
	PD_EMAIL,
	PD_DOB,
	PD_PHONE,
	PD_ADDRESS,
};

static const char *const pd_names[] = {
	"case or record number", "e-mail address", "date of birth",
	"phone number", "street address",
};

struct pd_hit {
	enum pd_kind kind;
	size_t start, end;
	const char *pattern; /* PD_CASE: the pattern's name */
};

#define PD_MAX_HITS 32

struct pd_hits {
	struct pd_hit v[PD_MAX_HITS];
	size_t n;
};

static void pd_add(struct pd_hits *h, enum pd_kind kind, size_t start,
		   size_t end, const char *pattern)
{
	struct pd_hit *x;
	size_t i;

	/* overlaps: the earlier kind in enum pd_kind wins */
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
	if (h->n == PD_MAX_HITS)
		return;
	x = &h->v[h->n++];
	x->kind = kind;
	x->start = start;
	x->end = end;
	x->pattern = pattern;
}

/*
 * A number must stand on its own: not glued to a word, a URL, an amount
 * ("$", "£", "€"), a hashtag or a handle, and not another number's tail.
 */
static int number_left_ok(const unsigned char *t, size_t i)
{
	unsigned char p;

	if (i == 0)
		return 1;
	p = t[i - 1];
	if (p >= 0x80 || a_alnum(p))
		return 0;
	return !strchr("_/#$.,:;=&?@+-*%'\"\\", p);
}

static int number_right_ok(const unsigned char *t, size_t n, size_t e)
{
	unsigned char x;

	if (e >= n)
		return 1;
	x = t[e];
	if (x >= 0x80 || a_alnum(x) || strchr("_/%@#", x))
		return 0;
	/* a decimal or thousands tail: "1234 5678.50", "555 123 4567,89" */
	if ((x == '.' || x == ',' || x == '-') && e + 1 < n &&
	    a_digit(t[e + 1]))
		return 0;
	return 1;
}

/*
 * Words before a number that say it is not a phone number: an order, an
 * invoice, a parcel, a tweet id.
 */
static int number_context_excluded(const char *t, size_t i)
{
	static const char *const ids[] = {
		"order", "invoice", "ref", "reference", "tracking",
		"transaction", "receipt", "booking", "account", "acct", "id",
		"isbn", "serial", "parcel", "po", "status", "tweet", "ticket",
		"confirmation", "member", "membership", NULL
	};
	size_t words = 0, e = i;

	while (e > 0 && words < 3) {
		size_t s;

		while (e > 0 && !a_alnum((unsigned char)t[e - 1]))
			e--;
		s = e;
		while (s > 0 && a_alnum((unsigned char)t[s - 1]))
			s--;
		if (s == e)
			break;
		for (size_t k = 0; ids[k]; k++)
			if (word_is(t + s, e - s, ids[k]))
				return 1;
		words++;
		e = s;
	}
	return 0;
}

#define PHONE_MAX_GROUPS 8

/*
 * Lines that belong to organisations, not people: UK freephone, national
 * rate and premium numbers (080, 03, 084, 087, 09) and US toll-free area
 * codes (800, 833, 844, 855, 866, 877, 888). A post that gives a helpline
 * number shares no one's personal data.
 */
static int phone_org_line(const unsigned char *t, size_t from, size_t end,
			  int plus)
{
	static const char *const uk[] = { "080", "03", "084", "087", "09",
					  NULL };
	static const char *const us[] = { "800", "833", "844", "855", "866",
					  "877", "888", NULL };
	char d[24], nat[24];
	size_t n = 0, k;

	for (k = from; k < end && n + 1 < sizeof(d); k++)
		if (a_digit(t[k]))
			d[n++] = (char)t[k];
	d[n] = '\0';
	nat[0] = '\0';
	if (plus && !strncmp(d, "44", 2))
		snprintf(nat, sizeof(nat), "0%s", d + 2);
	else if (!plus && !strncmp(d, "0044", 4))
		snprintf(nat, sizeof(nat), "0%s", d + 4);
	else if (!plus && d[0] == '0' && d[1] != '0')
		snprintf(nat, sizeof(nat), "%s", d);
	for (k = 0; nat[0] && uk[k]; k++)
		if (!strncmp(nat, uk[k], strlen(uk[k])))
			return 1;
	if (plus && d[0] == '1')
		snprintf(nat, sizeof(nat), "%s", d + 1);
	else if (!plus && n == 11 && d[0] == '1')
		snprintf(nat, sizeof(nat), "%s", d + 1);
	else if (!plus && n == 10)
		snprintf(nat, sizeof(nat), "%s", d);
	else
		return 0;
	for (k = 0; us[k]; k++)
		if (!strncmp(nat, us[k], 3))
			return 1;
	return 0;
}

/*
 * A phone number at t[i] (a '+', '(' or digit): 10 to 15 digits in the
 * common international, UK and US spellings ("+44 7700 900123",
 * "07700 900 123", "(020) 7946 0958", "(555) 123-4567", "555.123.4567").
 * Years and year ranges, dates, prices, ids and solid runs of digits other
 * than a UK number written without spaces are not phone numbers. Returns
 * the end, or 0; *span is where the candidate read ends either way, so a
 * rejected "+44 300 123 4567" is not read again from "300".
 */
static size_t phone_at(const char *text, size_t n, size_t i, size_t *span)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t groups[PHONE_MAX_GROUPS], ng = 0, digits = 0, p = i, end = 0;
	size_t first_digit = 0;
	int plus = 0, opened = 0, closed = 0, dots = 0, other_seps = 0;

	*span = i + 1;
	if (!number_left_ok(t, i))
		return 0;
	if (t[p] == '+') {
		plus = 1;
		p++;
	}
	for (;;) {
		size_t g = 0, spaces = 0, dashdot = 0, q;
		int closed_here = 0;

		if (p < n && t[p] == '(' && !opened) {
			opened = 1;
			p++;
		}
		if (p >= n || !a_digit(t[p]))
			break;
		if (!digits)
			first_digit = p;
		while (p < n && a_digit(t[p]))
			g++, p++;
		if (ng == PHONE_MAX_GROUPS)
			return 0;
		groups[ng++] = g;
		digits += g;
		end = p;
		if (opened && !closed && p < n && t[p] == ')') {
			closed = closed_here = 1;
			p++;
		}
		/* a separator run: at most two spaces and one '-' or '.' */
		for (q = p;
		     q < n && (t[q] == ' ' || t[q] == '-' || t[q] == '.'); q++) {
			if (t[q] == ' ')
				spaces++;
			else
				dashdot++;
		}
		if (spaces > 2 || dashdot > 1)
			break;
		if (q >= n || !(a_digit(t[q]) || (t[q] == '(' && !opened)))
			break;
		if (q == p && !closed_here)
			break;
		for (size_t k = p; k < q; k++) {
			if (t[k] == '.')
				dots++;
			else
				other_seps++;
		}
		other_seps += closed_here;
		p = q;
	}
	if (end > i)
		*span = end;
	if (!digits || digits < 10 || digits > 15)
		return 0;
	if (opened && !closed)
		return 0;
	if (dots && other_seps)
		return 0; /* "12.05.2023 1430" is a date and a time */
	if (!number_right_ok(t, n, end))
		return 0;
	if (number_context_excluded(text, i))
		return 0;
	if (phone_org_line(t, i, end, plus))
		return 0;
	/* years: "1999 2004 2010", "2019-2023 2024-2025" */
	{
		size_t k, years = 0, at = first_digit;

		for (k = 0; k < ng; k++) {
			while (at < n && !a_digit(t[at]))
				at++;
			if (groups[k] == 4 &&
			    ((t[at] == '1' && t[at + 1] == '9') ||
			     (t[at] == '2' && t[at + 1] == '0')))
				years++;
			at += groups[k];
		}
		if (years == ng)
			return 0;
	}
	if (plus)
		return groups[0] <= 4 ? end : 0;
	if (t[first_digit] == '0') {
		if (t[first_digit + 1] == '0') /* 00 44 ... */
			return digits >= 12 ? end : 0;
		if (digits == 10 || digits == 11)
			return end;
		return 0;
	}
	if (ng == 1)
		return 0; /* a solid run of digits: an id, not a number */
	if (t[first_digit] == '1') {
		size_t area = first_digit + 1;

		if (digits != 11 || ng != 4 || groups[0] != 1 ||
		    groups[1] != 3 || groups[2] != 3 || groups[3] != 4)
			return 0;
		while (!a_digit(t[area]))
			area++;
		return t[area] >= '2' ? end : 0; /* area codes start 2-9 */
	}
	if (digits == 10 && ng == 3 && groups[0] == 3 && groups[1] == 3 &&
	    groups[2] == 4)
		return end;
	return 0;
}

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "jan",
	"feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", NULL
};

/* Length of an ASCII word at t[p], or 0. */
static size_t word_len(const unsigned char *t, size_t n, size_t p)
{
	size_t e = p;

	while (e < n && a_alpha(t[e]))
		e++;
	return e - p;
}

static size_t skip_spaces(const unsigned char *t, size_t n, size_t p)
{
	while (p < n && t[p] == ' ')
		p++;
	return p;
}

/* Digits at t[p]: how many (up to max+1) and their value. */
static size_t digits_at(const unsigned char *t, size_t n, size_t p,
			size_t max, unsigned *val)
{
	size_t k = 0;

	*val = 0;
	while (p + k < n && a_digit(t[p + k]) && k <= max) {
		*val = *val * 10 + (unsigned)(t[p + k] - '0');
		k++;
	}
	return k;
}

static int is_month(const unsigned char *t, size_t n, size_t p, size_t *len)
{
	size_t l = word_len(t, n, p);

	for (size_t k = 0; l && months[k]; k++) {
		if (word_is((const char *)t + p, l, months[k])) {
			*len = l;
			return 1;
		}
	}
	return 0;
}

/* A four-digit year 1900-2099 at t[p]; returns its end or 0. */
static size_t year_at(const unsigned char *t, size_t n, size_t p)
{
	unsigned v;

	if (digits_at(t, n, p, 4, &v) != 4 || v < 1900 || v > 2099)
		return 0;
	return p + 4;
}

/*
 * A full date (with its year) at t[p]: 12/03/1990, 12-3-90, 1990-03-12,
 * 12 March 1990, 12th of March, 1990, March 12, 1990. Returns its end or 0.
 */
static size_t date_at(const unsigned char *t, size_t n, size_t p)
{
	unsigned a, b, y;
	size_t la, lb, ly, q, ml;

	la = digits_at(t, n, p, 4, &a);
	if (la == 4 && p + 10 <= n && t[p + 4] == '-' &&
	    digits_at(t, n, p + 5, 2, &b) == 2 && t[p + 7] == '-' &&
	    digits_at(t, n, p + 8, 2, &y) == 2 && b >= 1 && b <= 12 &&
	    y >= 1 && y <= 31 && a >= 1900 && a <= 2099)
		return p + 10;
	if (la == 1 || la == 2) {
		q = p + la;
		if (q < n && (t[q] == '/' || t[q] == '.' || t[q] == '-')) {
			unsigned char sep = t[q];

			lb = digits_at(t, n, q + 1, 2, &b);
			if ((lb != 1 && lb != 2) || q + 1 + lb >= n ||
			    t[q + 1 + lb] != sep)
				return 0;
			ly = digits_at(t, n, q + 2 + lb, 4, &y);
			if (ly != 2 && ly != 4)
				return 0;
			if (!a || !b || a > 31 || b > 31 || (a > 12 && b > 12))
				return 0;
			if (ly == 4 && (y < 1900 || y > 2099))
				return 0;
			return q + 2 + lb + ly;
		}
		if (!a || a > 31)
			return 0;
		/* 12 March 1990, 12th of March 1990 */
		if (q + 2 <= n && (word_is((const char *)t + q, 2, "st") ||
				   word_is((const char *)t + q, 2, "nd") ||
				   word_is((const char *)t + q, 2, "rd") ||
				   word_is((const char *)t + q, 2, "th")))
			q += 2;
		if (q < n && a_alnum(t[q]))
			return 0;
		q = skip_spaces(t, n, q);
		if (word_len(t, n, q) == 2 &&
		    word_is((const char *)t + q, 2, "of"))
			q = skip_spaces(t, n, q + 2);
		if (!is_month(t, n, q, &ml))
			return 0;
		q += ml;
		if (q < n && t[q] == ',')
			q++;
		q = skip_spaces(t, n, q);
		return year_at(t, n, q);
	}
	if (la)
		return 0;
	/* March 12, 1990 */
	if (!is_month(t, n, p, &ml))
		return 0;
	q = skip_spaces(t, n, p + ml);
	la = digits_at(t, n, q, 2, &a);
	if ((la != 1 && la != 2) || !a || a > 31)
		return 0;
	q += la;
	if (q + 2 <= n && (word_is((const char *)t + q, 2, "st") ||
			   word_is((const char *)t + q, 2, "nd") ||
			   word_is((const char *)t + q, 2, "rd") ||
			   word_is((const char *)t + q, 2, "th")))
		q += 2;
	if (q < n && t[q] == ',')
		q++;
	q = skip_spaces(t, n, q);
	return year_at(t, n, q);
}

/*
 * A date of birth at a keyword starting t[p] ("born", "DOB", "D.O.B.",
 * "date of birth"): the keyword, an optional "on", "is", ":" or "-", and a
 * full date with its year ("born on the 4th of July" is not one).
 */
static size_t dob_at(const char *text, size_t n, size_t p)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t q, l, e;

	if (p > 0 && (a_alnum(t[p - 1]) || t[p - 1] >= 0x80))
		return 0;
	l = word_len(t, n, p);
	if (l == 4 && word_is(text + p, 4, "born")) {
		q = p + 4;
	} else if (l == 3 && word_is(text + p, 3, "dob")) {
		q = p + 3;
	} else if (p + 6 <= n && word_is(text + p, 6, "d.o.b.")) {
		q = p + 6;
	} else if (p + 13 <= n && word_is(text + p, 13, "date of birth")) {
		q = p + 13;
	} else {
		return 0;
	}
	if (q < n && a_alnum(t[q]))
		return 0;
	for (int steps = 0; steps < 3; steps++) {
		q = skip_spaces(t, n, q);
		if (q < n && (t[q] == ':' || t[q] == '-' || t[q] == '=')) {
			q++;
			continue;
		}
		l = word_len(t, n, q);
		if ((l == 2 && (word_is(text + q, 2, "on") ||
				word_is(text + q, 2, "is"))) ||
		    (l == 3 && (word_is(text + q, 3, "was") ||
				word_is(text + q, 3, "the")))) {
			q += l;
			continue;
		}
		break;
	}
	e = date_at(t, n, q);
	if (!e || !number_right_ok(t, n, e))
		return 0;
	return e;
}

static const char *const street_words[] = {
	"Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Ln",
	"Close", "Drive", "Dr", "Way", "Crescent", "Cres", "Place", "Pl",
	"Terrace", "Gardens", "Grove", "Boulevard", "Blvd", "Row", "Mews",
	"Square", "Walk", NULL
};

static int street_word(const char *s, size_t n)
{
	for (size_t k = 0; street_words[k]; k++)
		if (strlen(street_words[k]) == n &&
		    !memcmp(s, street_words[k], n))
			return 1;
	return 0;
}

/*
 * A street address at the digit t[p]: a house number (up to four digits,
 * maybe a letter: "12a"), one to three capitalised words and a street word
 * ("14 Acacia Avenue", "3 St Mary's Rd"). "Top 5 Road Trips" has no name
 * between the number and "Road"; "5 miles down the road" is lowercase.
 */
static size_t address_at(const char *text, size_t n, size_t p)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t q = p, names = 0, l;
	unsigned v;

	if (!number_left_ok(t, p))
		return 0;
	l = digits_at(t, n, p, 4, &v);
	if (!l || l > 4 || !v)
		return 0;
	q += l;
	if (q < n && a_alpha(t[q]) && !(q + 1 < n && a_alpha(t[q + 1])))
		q++; /* 12a */
	if (q >= n || t[q] != ' ')
		return 0;
	for (;;) {
		size_t s = q + 1, e = s;

		if (s >= n || !a_upper(t[s]))
			return 0;
		while (e < n && (a_alpha(t[e]) || t[e] == '\'' ||
				 (t[e] == '-' && e + 1 < n && a_alpha(t[e + 1]))))
			e++;
		if (e < n && (a_digit(t[e]) || t[e] >= 0x80 || t[e] == '_'))
			return 0;
		if (names && street_word(text + s, e - s)) {
			if (e < n && t[e] == '.')
				e++;
			return e;
		}
		if (++names > 3)
			return 0;
		if (e >= n || t[e] != ' ')
			return 0;
		q = e;
	}
}

/*
 * Every piece of personal data in text. The detectors take turns, each
 * left to right, as pd_add settles overlaps and the cap by the order it is
 * given hits in. Each looks only where it can match: e-mails at an '@';
 * dates of birth, phone numbers and addresses need a digit, so none is
 * looked for past the last digit (a date of birth's keyword comes before
 * its date), nor phone numbers and addresses before the first ("+(" can
 * open a number two bytes before its first digit).
 */
static void pd_scan(const char *text, const struct cnd_policy *pol,
		    struct pd_hits *h)
{
	static const char digits[] = "0123456789";
	const unsigned char *t = (const unsigned char *)text;
	const char *at;
	size_t n = strlen(text), i, e, s, first, last = 0;

	h->n = 0;
	if (pol) {
		for (i = 0; i < pol->patterns.len; i++) {
			const struct cnd_pattern *pat =
				cnd_vec_at(&pol->patterns, i);
			regmatch_t m;
			size_t off = 0;
			int flags = 0;

			while (off < n &&
			       !regexec(&pat->re, text + off, 1, &m, flags)) {
				if (m.rm_eo <= m.rm_so) {
					off += (size_t)m.rm_so + 1;
				} else {
					pd_add(h, PD_CASE,
					       off + (size_t)m.rm_so,
					       off + (size_t)m.rm_eo,
					       pat->name);
					off += (size_t)m.rm_eo;
				}
				flags = REG_NOTBOL;
			}
		}
	}
	for (at = strchr(text, '@'); at; at = strchr(at + 1, '@')) {
		if ((e = cnd_pd_email_at(text, n, (size_t)(at - text), &s)))
			pd_add(h, PD_EMAIL, s, e, NULL);
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
		    (e = dob_at(text, n, i))) {
			pd_add(h, PD_DOB, i, e, NULL);
			i = e - 1;
		}
	}
	for (i = first > 2 ? first - 2 : 0; i < last; i++) {
		if ((t[i] != '+' && t[i] != '(' && !a_digit(t[i])) ||
		    (i > 0 && a_digit(t[i - 1])))
			continue;
		e = phone_at(text, n, i, &s);
		if (e)
			pd_add(h, PD_PHONE, i, e, NULL);
		i = (e ? e : s) - 1;
	}
	for (i = first; i < last; i++) {
		if (a_digit(t[i]) && (i == 0 || !a_digit(t[i - 1])) &&
		    (e = address_at(text, n, i))) {
			pd_add(h, PD_ADDRESS, i, e, NULL);
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
static void pd_mask(char *s, const struct pd_hit *h)
{
	size_t i, digits = 0, keep, seen = 0, len = h->end - h->start;
	char *p = s + h->start;

	switch (h->kind) {
	case PD_PHONE:
		for (i = 0; i < len; i++)
			digits += a_digit((unsigned char)p[i]);
		keep = digits > 10 ? 6 : digits - 4;
		for (i = 0; i < len; i++) {
			if (a_digit((unsigned char)p[i]) && seen++ >= keep)
				p[i] = 'x';
		}
		break;
	case PD_EMAIL:
		for (i = 1; i < len && p[i] != '@'; i++)
			p[i] = '*';
		break;
	case PD_DOB:
	case PD_ADDRESS:
		for (i = 0; i < len; i++)
			if (a_digit((unsigned char)p[i]))
				p[i] = 'x';
		break;
	case PD_CASE:
		for (i = 2; i < len; i++)
			if (a_alnum((unsigned char)p[i]))
				p[i] = 'x';
		break;
	}
}

/* A copy of text with the hits pd_scan found in it masked. */
static char *pd_mask_copy(struct cnd_arena *a, const char *text,
			  const struct pd_hits *h)
{
	char *out = cnd_arena_strdup(a, text);

	for (size_t i = 0; i < h->n; i++)
		pd_mask(out, &h->v[i]);
	return out;
}

/* A copy of text with every piece of personal data masked. */
static char *pd_masked(struct cnd_arena *a, const char *text,
		       const struct cnd_policy *pol, struct pd_hits *h)
{
	pd_scan(text, pol, h);
	return pd_mask_copy(a, text, h);
}

static const struct cnd_policy *run_policy(struct cnd_rule_ctx *c)
{
	return cnd_rule_options(c)->policy;
}

char *cnd_rules_mask_personal(struct cnd_rule_ctx *c, const char *text)
{
	struct pd_hits h;

	if (!text)
		return NULL;
	h.n = 0;
	return pd_masked(cnd_rule_scratch(c), text, run_policy(c), &h);
}

/* --- personal-data --- */

static int personal_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct cnd_arena *a = cnd_rule_scratch(c);
	const struct cnd_rule_settings *set;
	struct pd_hits h;
	const char *seen[PD_MAX_HITS];
	size_t i, k, nseen = 0;
	char *masked;
	int on;

	set = cnd_rules_settings(c, &on);
	if (!on || !authored(r))
		return CND_OK;
	pd_scan(r->text, run_policy(c), &h);
	if (!h.n)
		return CND_OK; /* most texts: nothing to mask, so no copy */
	masked = pd_mask_copy(a, r->text, &h);
	for (i = 0; i < h.n; i++) {
		const struct pd_hit *x = &h.v[i];
		struct cnd_finding f = { 0 };
		const char *what = x->kind == PD_CASE && x->pattern ?
					   x->pattern : pd_names[x->kind];
		char *value = cnd_arena_strndup(a, masked + x->start,
						x->end - x->start);
		const char *fp = cnd_arena_printf(a, "%s:%s", pd_names[x->kind],
						  value);

		for (k = 0; k < nseen; k++)
			if (!strcmp(seen[k], fp))
				break;
		if (k < nseen)
			continue; /* the same masked value twice in one text */
		seen[nseen++] = fp;
		f.severity = cnd_rules_severity(c, set);
		/* the agency's own format, or a precise pattern; addresses
		 * are a heuristic (a name and a street word) */
		f.confidence = x->kind == PD_ADDRESS ? CND_CONF_POSSIBLE :
						       CND_CONF_PROBABLE;
		f.time = r->time;
		f.record_kind = cnd_record_kind_name(r->kind);
		f.record_id = r->id;
		f.matched = value;
		f.evidence = cnd_arena_printf(
			a, "%s%s — %s (masked here; see the original post)",
			r->deleted ? "(deleted) " : "",
			cnd_text_excerpt(a, masked, x->start,
					 x->end - x->start, 80),
			what);
		f.prov = r->prov;
		cnd_rule_raise(c, &f, fp);
	}
	return CND_OK;
}

static const char *const personal_cites[] = {
	"hcpc:5.1",
	"hcpc-social-media:confidential",
	"nasw:1.07",
	"swe-guidance:confidentiality",
	"swrb:7-social-media",
	"ifsw:6",
	NULL,
};

const struct cnd_rule cnd_rule_personal_data = {
	.id = "personal-data",
	.title = "Personal data in a post",
	.flags = "Text that holds personal data of others: phone numbers, e-mail addresses, dates of birth, street addresses, agency case or record numbers (shown masked).",
	.severity = CND_SEV_MEDIUM,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_COMMENT),
	.citations = personal_cites,
	.check = personal_check,
};

/* --- Lexicon rules: case-talk and frustration --- */

enum role {
	ROLE_ANY = 0,
	ROLE_ALL,
	ROLE_NONE,
	ROLE_NEAR,
	ROLE_ALLOW,
	ROLE_STOP,
	ROLE_ALONE, /* an `any` term marked "alone": needs no near term */
};

#define ROLE_BITS 3
#define TAG(role, k) ((void *)(((uintptr_t)(k) << ROLE_BITS) | (role)))
#define TAG_ROLE(tag) ((unsigned)((uintptr_t)(tag) & 7u))
#define TAG_INDEX(tag) ((size_t)((uintptr_t)(tag) >> ROLE_BITS))

/* A stop context this many words from a term (or over it) suppresses it. */
#define STOP_WINDOW 5
/* Most terms looked at in one text. */
#define LEX_MAX_HITS 256

struct lexstate {
	int built;
	struct cnd_matcher *m; /* NULL: the policy gives this rule no match */
	const struct cnd_lexicon_match *match;
};

struct lexhit {
	unsigned role;
	size_t lex;
	const char *term;
	size_t start, end;   /* bytes */
	size_t wstart, wend; /* word indices: first word, one past last */
	int dead;
};

struct lexscan {
	struct lexhit v[LEX_MAX_HITS];
	size_t n;
};

/* alone: terms marked "alone" may anchor a finding by themselves */
static void lex_add_terms(struct cnd_matcher *m,
			  const struct cnd_lexicon *const *lex, size_t n,
			  unsigned role, int alone)
{
	for (size_t k = 0; k < n; k++) {
		for (size_t j = 0; lex[k] && j < lex[k]->n_terms; j++)
			cnd_matcher_add(m, lex[k]->terms[j],
					TAG(alone && lex[k]->flags &&
						    (lex[k]->flags[j] &
						     CND_TERM_ALONE) ?
						    ROLE_ALONE : role,
					    k));
	}
}

/* The rule's matcher, built on first use; NULL when it has nothing to do. */
static struct lexstate *lex_state(struct cnd_rule_ctx *c,
				  const struct cnd_rule_settings *set)
{
	struct lexstate *ls = cnd_rule_state(c);
	const struct cnd_lexicon_match *mt;
	size_t k;

	if (ls->built)
		return ls->m ? ls : NULL;
	ls->built = 1;
	if (!set || !set->match)
		return NULL;
	mt = set->match;
	if (!mt->n_any && !mt->n_all)
		return NULL; /* nothing to anchor a finding on */
	ls->match = mt;
	ls->m = cnd_matcher_new();
	/* params.alone_terms (default true): false makes every term wait
	   for a near term, as before the "alone" mark */
	lex_add_terms(ls->m, mt->any, mt->n_any, ROLE_ANY,
		      !set->params || !json_is_false(json_object_get(
					      set->params, "alone_terms")));
	lex_add_terms(ls->m, mt->all, mt->n_all, ROLE_ALL, 0);
	lex_add_terms(ls->m, mt->none, mt->n_none, ROLE_NONE, 0);
	lex_add_terms(ls->m, mt->near, mt->n_near, ROLE_NEAR, 0);
	for (k = 0; k < set->n_allow_terms; k++)
		cnd_matcher_add(ls->m, set->allow_terms[k], TAG(ROLE_ALLOW, k));
	for (k = 0; k < set->n_stop_contexts; k++)
		cnd_matcher_add(ls->m, set->stop_contexts[k],
				TAG(ROLE_STOP, k));
	return ls;
}

static void lex_release(struct cnd_rule_ctx *c)
{
	struct lexstate *ls = cnd_rule_state(c);

	cnd_matcher_free(ls->m);
	ls->m = NULL;
}

static int on_lex(void *ud, const struct cnd_match *m)
{
	struct lexscan *sc = ud;
	struct lexhit *h;

	if (sc->n == LEX_MAX_HITS)
		return 1;
	h = &sc->v[sc->n++];
	h->role = TAG_ROLE(m->tag);
	h->lex = TAG_INDEX(m->tag);
	h->term = m->term;
	h->start = m->start;
	h->end = m->start + m->len;
	h->wstart = m->wstart;
	h->wend = m->wend;
	h->dead = 0;
	return 0;
}

static int overlaps(const struct lexhit *a, const struct lexhit *b)
{
	return a->start < b->end && b->start < a->end;
}

/* Words between two hits (0 when adjacent or overlapping). */
static size_t gap_words(const struct lexhit *a, const struct lexhit *b)
{
	if (b->wstart >= a->wend)
		return b->wstart - a->wend;
	if (a->wstart >= b->wend)
		return a->wstart - b->wend;
	return 0;
}

/*
 * Does text meet the rule's match? *anchor is the term that anchors the
 * finding (of an `any` lexicon, or of an `all` one when there is no `any`)
 * and *partner its `near` term, or NULL.
 */
static int lex_eval(const struct lexstate *ls, const struct cnd_words *w,
		    struct lexscan *sc,
		    const struct lexhit **anchor, const struct lexhit **partner)
{
	const struct cnd_lexicon_match *mt = ls->match;
	size_t i, j, k;

	sc->n = 0;
	cnd_matcher_scan_words(ls->m, w, on_lex, sc);
	if (!sc->n)
		return 0;

	/* allow terms and stop contexts switch off the terms they touch */
	for (i = 0; i < sc->n; i++) {
		struct lexhit *x = &sc->v[i];

		if (x->role != ROLE_ALLOW && x->role != ROLE_STOP)
			continue;
		for (j = 0; j < sc->n; j++) {
			struct lexhit *y = &sc->v[j];

			if (y->role == ROLE_ALLOW || y->role == ROLE_STOP)
				continue;
			if (overlaps(x, y) ||
			    (x->role == ROLE_STOP &&
			     gap_words(x, y) < STOP_WINDOW))
				y->dead = 1;
		}
	}
	for (i = 0; i < sc->n; i++)
		if (sc->v[i].role == ROLE_NONE && !sc->v[i].dead)
			return 0;
	for (k = 0; k < mt->n_all; k++) {
		for (i = 0; i < sc->n; i++)
			if (sc->v[i].role == ROLE_ALL && sc->v[i].lex == k &&
			    !sc->v[i].dead)
				break;
		if (i == sc->n)
			return 0;
	}
	for (i = 0; i < sc->n; i++) {
		const struct lexhit *x = &sc->v[i], *best = NULL;
		size_t best_gap = (size_t)-1;

		if (x->dead || (x->role != (mt->n_any ? ROLE_ANY : ROLE_ALL) &&
				x->role != ROLE_ALONE))
			continue;
		if (!mt->n_near || x->role == ROLE_ALONE) {
			*anchor = x;
			*partner = NULL;
			return 1;
		}
		for (j = 0; j < sc->n; j++) {
			const struct lexhit *y = &sc->v[j];
			size_t gap;

			if (y->dead || y->role != ROLE_NEAR || overlaps(x, y))
				continue;
			gap = gap_words(x, y);
			/* "within N words": at most N-1 words between */
			if (mt->within && gap + 1 > mt->within)
				continue;
			if (gap < best_gap) {
				best = y;
				best_gap = gap;
			}
		}
		if (best) {
			*anchor = x;
			*partner = best;
			return 1;
		}
	}
	return 0;
}

static const char *lex_name(const struct cnd_lexicon *const *lex, size_t n,
			    size_t k)
{
	return k < n && lex[k] && lex[k]->name ? lex[k]->name : "lexicon";
}

static int lexicon_check(struct cnd_rule_ctx *c, const struct cnd_record *r,
			 const char *what)
{
	struct cnd_arena *a = cnd_rule_scratch(c);
	const struct cnd_rule_settings *set;
	const struct lexhit *x = NULL, *y = NULL;
	const struct cnd_lexicon_match *mt;
	struct cnd_finding f = { 0 };
	struct lexstate *ls;
	struct lexscan *sc;
	struct pd_hits pd;
	size_t s, e;
	const char *anchor_lex, *detail;
	char *masked;
	int on;

	set = cnd_rules_settings(c, &on);
	if (!on || !authored(r))
		return CND_OK;
	ls = lex_state(c, set);
	if (!ls)
		return CND_OK;
	mt = ls->match;
	sc = cnd_arena_alloc(a, sizeof(*sc));
	if (!lex_eval(ls, cnd_rules_words(c, r->text), sc, &x, &y))
		return CND_OK;

	if (x->role != ROLE_ALL)
		anchor_lex = lex_name(mt->any, mt->n_any, x->lex);
	else
		anchor_lex = lex_name(mt->all, mt->n_all, x->lex);
	if (y)
		detail = cnd_arena_printf(
			a, "%s term \"%.*s\" (%s) within %zu word%s of \"%.*s\" (%s)",
			what, (int)(x->end - x->start), r->text + x->start,
			anchor_lex, gap_words(x, y) + 1,
			gap_words(x, y) ? "s" : "", (int)(y->end - y->start),
			r->text + y->start,
			lex_name(mt->near, mt->n_near, y->lex));
	else
		detail = cnd_arena_printf(a, "%s term \"%.*s\" (%s%s)", what,
					  (int)(x->end - x->start),
					  r->text + x->start, anchor_lex,
					  x->role == ROLE_ALONE && mt->n_near ?
						  ", a phrase that needs no work word near it" :
						  "");
	s = y && y->start < x->start ? y->start : x->start;
	e = y && y->end > x->end ? y->end : x->end;
	masked = pd_masked(a, r->text, run_policy(c), &pd);

	f.severity = cnd_rules_severity(c, set);
	/* the words are there; whether they are about the subject's own
	 * work is the reviewer's judgement */
	f.confidence = CND_CONF_PROBABLE;
	f.time = r->time;
	f.record_kind = cnd_record_kind_name(r->kind);
	f.record_id = r->id;
	f.matched = cnd_arena_strndup(a, masked + x->start, x->end - x->start);
	f.evidence = cnd_arena_printf(a, "%s%s — %s",
				      r->deleted ? "(deleted) " : "",
				      cnd_text_excerpt(a, masked, s, e - s, 70),
				      detail);
	f.prov = r->prov;
	cnd_rule_raise(c, &f, cnd_text_fold(a, x->term, strlen(x->term)));
	return CND_OK;
}

/* --- case-talk --- */

static int case_talk_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	return lexicon_check(c, r, "casework");
}

static const char *const case_talk_cites[] = {
	"swe-guidance:confidentiality",
	"hcpc-social-media:confidential",
	"nasw:1.07",
	"swrb:7-social-media",
	"ifsw:6",
	"essay:tip-2",
	NULL,
};

const struct cnd_rule cnd_rule_case_talk = {
	.id = "case-talk",
	.title = "Casework talked about in a post",
	.flags = "A post talks about casework even without a name (\"my client\", \"home visit\", \"case conference\", \"court today\", \"on my caseload\").",
	.severity = CND_SEV_MEDIUM,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_COMMENT),
	.citations = case_talk_cites,
	.state_size = sizeof(struct lexstate),
	.check = case_talk_check,
	.release = lex_release,
};

/* --- frustration --- */

static int frustration_check(struct cnd_rule_ctx *c,
			     const struct cnd_record *r)
{
	const struct cnd_rule_settings *set;
	struct cnd_finding f = { 0 };
	int on;

	if (r->kind != CND_REC_EVENT)
		return lexicon_check(c, r, "frustration");
	set = cnd_rules_settings(c, &on);
	if (!on || !r->setting || strcmp(r->setting, "reply-prompt"))
		return CND_OK;
	/* the platform itself judged a reply potentially harmful */
	f.severity = cnd_rules_severity(c, set);
	f.confidence = CND_CONF_PROBABLE;
	f.time = r->time;
	f.record_kind = cnd_record_kind_name(r->kind);
	f.record_id = r->id;
	f.matched = "reply prompt";
	f.evidence = cnd_arena_printf(
		cnd_rule_scratch(c),
		"the platform prompted the account to reconsider a reply it judged potentially harmful or offensive%s%s%s",
		r->id ? " (post " : "", r->id ? r->id : "", r->id ? ")" : "");
	f.prov = r->prov;
	cnd_rule_raise(c, &f, "reply-prompt");
	return CND_OK;
}

static const char *const frustration_cites[] = {
	"swe:5.6",
	"nasw:4.03",
	"hcpc-social-media:offensive",
	"sssc:5.8",
	"swrb:9-social-media",
	"basw:2.3",
	"ifsw:9",
	"essay:tip-6",
	NULL,
};

const struct cnd_rule cnd_rule_frustration = {
	.id = "frustration",
	.title = "Frustration or offensive language about work",
	.flags = "Posts in frustration or offensive language about work, colleagues or clients, and replies the platform itself flagged (X reply prompts).",
	.severity = CND_SEV_LOW,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_COMMENT) |
		 CND_KIND_BIT(CND_REC_EVENT),
	.citations = frustration_cites,
	.state_size = sizeof(struct lexstate),
	.check = frustration_check,
	.release = lex_release,
};
