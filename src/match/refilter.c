/*
 * The prefilter of a POSIX extended regular expression (see refilter.h):
 * a conservative reading of the pattern's source for the bytes every
 * match must contain, and the check of a text against them before
 * regexec runs.
 *
 * What the reading relies on: the program never calls setlocale, so
 * regcomp compiles in the "C" locale, where a character is one byte and a
 * bracket range such as [A-Z] is the range of byte values; glibc's
 * regcomp stores the compiled sets then, so regexec matches them on bytes
 * even in a thread that later switches its LC_CTYPE (the archive walk of
 * src/input/input.c reads member names under C.UTF-8 with uselocale).
 * cnd_refilter_compile checks MB_CUR_MAX at compile time and gives up in a
 * multibyte locale rather than assume. Only the top level of the pattern
 * is read, element by element: a literal byte, an escaped punctuation
 * byte or a bracket expression, with no quantifier or one whose minimum is
 * at least 1, is a set every match contains; a group (...) is skipped
 * with its quantifier; anchors (^ $ \< \> \b \B \` \') are skipped; '.',
 * other escapes (\w, back-references, ...), classes such as [:digit:] and
 * bytes of 0x80 or more require nothing. A top-level '|', a quantifier
 * with nothing to repeat, a '{' that is not an interval, REG_ICASE or
 * anything malformed gives no prefilter at all.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/match/refilter.h"

static void set_bit(uint8_t *s, unsigned c)
{
	s[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static int has_bit(const uint8_t *s, unsigned c)
{
	return (s[c >> 3] >> (c & 7)) & 1;
}

/*
 * The bracket expression opening at p ('['): its bytes into set, *sure
 * cleared where the set is not known exactly (classes, collating
 * elements, bytes of 0x80 or more). Returns what follows it, or NULL
 * where it is malformed or unusual (a '-' that is neither first nor last
 * and opens no range, a range ending in "[.").
 */
static const char *bracket(const char *p, uint8_t *set, int *sure)
{
	uint8_t s[32] = { 0 };
	int neg = 0, first = 1;
	unsigned c, hi, k;

	p++;
	if (*p == '^') {
		neg = 1;
		p++;
	}
	for (;;) {
		c = (unsigned char)*p;
		if (!c)
			return NULL;
		if (c == ']' && !first) {
			p++;
			break;
		}
		if (c == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.')) {
			char d = p[1];
			const char *q = p + 2;

			while (*q && !(q[0] == d && q[1] == ']'))
				q++;
			if (!*q || q[2] == '-')
				return NULL;
			p = q + 2;
			*sure = 0;
			first = 0;
			continue;
		}
		if (c == '-' && !first && p[1] != ']')
			return NULL;
		first = 0;
		p++;
		if (*p == '-' && p[1] && p[1] != ']') {
			hi = (unsigned char)p[1];
			if (hi == '[' || hi < c)
				return NULL;
			p += 2;
		} else {
			hi = c;
		}
		if (hi >= 0x80)
			*sure = 0;
		for (k = c; k <= hi && k < 256; k++)
			set_bit(s, k);
	}
	if (neg) {
		for (k = 0; k < 32; k++)
			s[k] = (uint8_t)~s[k];
		s[0] &= (uint8_t)~1u; /* a text never holds a NUL */
	}
	memcpy(set, s, sizeof(s));
	return p;
}

/* Past the group opening at p ('('), or NULL where it is not closed. */
static const char *skip_group(const char *p)
{
	uint8_t scratch[32];
	int depth = 0, sure;

	while (*p) {
		switch (*p) {
		case '\\':
			if (!p[1])
				return NULL;
			p += 2;
			continue;
		case '[':
			sure = 1;
			p = bracket(p, scratch, &sure);
			if (!p)
				return NULL;
			continue;
		case '(':
			depth++;
			break;
		case ')':
			if (--depth == 0)
				return p + 1;
			break;
		}
		p++;
	}
	return NULL;
}

/* The interval opening at p ('{'): its minimum, past it, or NULL. */
static const char *interval(const char *p, unsigned long *min)
{
	char *end;
	int digits = 0;

	p++;
	*min = 0;
	if (*p >= '0' && *p <= '9') {
		*min = strtoul(p, &end, 10);
		p = end;
		digits = 1;
	}
	if (*p == ',') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits = 1;
		}
	}
	if (*p != '}' || !digits)
		return NULL;
	return p + 1;
}

static void add_set(struct cnd_refilter *f, const uint8_t *set)
{
	unsigned i, k, count = 0;
	int one = -1;

	for (i = 0; i < f->n_sets; i++)
		if (!memcmp(f->sets[i], set, 32))
			return;
	if (f->n_sets == CND_REFILTER_MAX_SETS)
		return;
	for (k = 1; k < 256; k++) {
		if (has_bit(set, k)) {
			count++;
			one = (int)k;
		}
	}
	if (!count)
		return;
	memcpy(f->sets[f->n_sets], set, 32);
	f->single[f->n_sets] = count == 1 ? one : -1;
	f->n_sets++;
}

static int is_escaped_literal(unsigned c)
{
	return c && strchr("!\"#$%&()*+,-./:;=?@[\\]^_{|}~", (int)c);
}

/* Reads the top level of p into f; 0 where the prefilter must give up. */
static int analyse(struct cnd_refilter *f, const char *p)
{
	uint8_t set[32];
	unsigned long min;
	unsigned c;
	int have, atom, quant;

	while ((c = (unsigned char)*p)) {
		memset(set, 0, sizeof(set));
		have = 0;
		atom = 1;
		switch (c) {
		case '|':
		case ')':
		case '*':
		case '+':
		case '?':
		case '{':
			return 0;
		case '^':
		case '$':
			atom = 0;
			p++;
			break;
		case '(':
			if (!(p = skip_group(p)))
				return 0;
			break;
		case '[':
			have = 1;
			if (!(p = bracket(p, set, &have)))
				return 0;
			break;
		case '.':
			p++;
			break;
		case '\\':
			c = (unsigned char)p[1];
			if (!c)
				return 0;
			if (strchr("<>bB`'", (int)c)) {
				atom = 0;
			} else if (is_escaped_literal(c)) {
				set_bit(set, c);
				have = 1;
			}
			p += 2;
			break;
		default:
			if (c < 0x80) {
				set_bit(set, c);
				have = 1;
			}
			p++;
			break;
		}
		min = 1;
		quant = 1;
		if (*p == '*' || *p == '?') {
			min = 0;
			p++;
		} else if (*p == '+') {
			p++;
		} else if (*p == '{') {
			if (!(p = interval(p, &min)))
				return 0;
		} else {
			quant = 0;
		}
		if (quant && (!atom || *p == '*' || *p == '+' || *p == '?' ||
			      *p == '{'))
			return 0;
		if (have && min >= 1)
			add_set(f, set);
	}
	return 1;
}

void cnd_refilter_compile(struct cnd_refilter *f, const char *src,
			  int cflags)
{
	memset(f, 0, sizeof(*f));
	if (!src || !(cflags & REG_EXTENDED) || (cflags & REG_ICASE) ||
	    MB_CUR_MAX != 1)
		return;
	if (!analyse(f, src))
		memset(f, 0, sizeof(*f));
}

int cnd_refilter_may_match(const struct cnd_refilter *f, const char *text)
{
	const unsigned char *t;

	for (unsigned i = 0; i < f->n_sets; i++) {
		if (f->single[i] >= 0) {
			if (!strchr(text, f->single[i]))
				return 0;
			continue;
		}
		for (t = (const unsigned char *)text; *t; t++)
			if (has_bit(f->sets[i], *t))
				break;
		if (!*t)
			return 0;
	}
	return 1;
}
