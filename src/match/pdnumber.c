/*
 * The personal-data detectors that read numbers (see match.h), run by
 * pdetect.c: phone numbers in the common international, UK and US
 * spellings (not years, dates, prices, ids or organisations' lines), dates
 * of birth after a keyword ("born", "DOB", "date of birth") with a full
 * date, and street addresses (a house number, capitalised words and a
 * street word). Each says where its match ends, or 0.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/base/timelocal.h"

#include "match.h"

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
size_t cnd_pd_phone_at(const char *text, size_t n, size_t i, size_t *span)
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

	if (!l || !cnd_time_month_english((const char *)t + p, l))
		return 0;
	*len = l;
	return 1;
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
size_t cnd_pd_dob_at(const char *text, size_t n, size_t p)
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
size_t cnd_pd_address_at(const char *text, size_t n, size_t p)
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
