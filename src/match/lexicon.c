/*
 * The text of a lexicon file, line by line: one term or phrase a line,
 * blank lines and lines starting with '#' skipped, and optionally, after
 * a '|', what the term is for. A line is "term", "term | reason" or
 * "term | marks | reason"; the only mark so far is "alone" (a casework
 * phrase that is casework on its own, with no work word near it, such as
 * "court report due"). The reason is for the people who keep the list
 * (why the entry is there and what everyday use was weighed against it);
 * the matcher never reads it. Kept apart from policy.c, which layers the
 * lexicons it reads here into the policy.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/match/lexicon.h"
#include "conduct/text/text.h"

static const char *trim_span(const char *b, const char **e)
{
	while (b < *e && (*b == ' ' || *b == '\t'))
		b++;
	while (*e > b && ((*e)[-1] == ' ' || (*e)[-1] == '\t' ||
			  (*e)[-1] == '\r'))
		(*e)--;
	return b;
}

/* The marks field b..e: its flags, or -1 when it names an unknown mark. */
static int parse_marks(const char *b, const char *e)
{
	int flags = 0;

	while (b < e) {
		const char *w = b;

		while (b < e && *b != ' ' && *b != '\t' && *b != ',')
			b++;
		if (b - w == 5 && !memcmp(w, "alone", 5))
			flags |= CND_TERM_ALONE;
		else if (b > w)
			return -1;
		while (b < e && (*b == ' ' || *b == '\t' || *b == ','))
			b++;
	}
	return flags;
}

int cnd_lexicon_read(struct cnd_arena *a, const char *source,
		     const char *text, size_t len, struct cnd_vec *terms,
		     struct cnd_vec *flags,
		     void (*problem)(void *ud, const char *where,
				     const char *msg),
		     void *ud)
{
	struct cnd_matcher *m = cnd_matcher_new();
	const char *s = text, *end = text + len;
	size_t line = 0;
	int bad = 0;
	char where[256], msg[320];

	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end, *b = s, *bar, *te;
		char *term;
		int fl = 0;

		line++;
		s = nl ? nl + 1 : end;
		b = trim_span(b, &e);
		if (b == e || *b == '#')
			continue;
		snprintf(where, sizeof(where), "%s: line %zu", source, line);
		if (!cnd_utf8_valid(b, (size_t)(e - b)) ||
		    memchr(b, '\0', (size_t)(e - b))) {
			problem(ud, where, "not valid UTF-8 text");
			bad = 1;
			continue;
		}
		bar = memchr(b, '|', (size_t)(e - b));
		te = bar ? bar : e;
		b = trim_span(b, &te);
		if (bar) {
			const char *mb = bar + 1, *me = e;
			const char *bar2 = memchr(mb, '|', (size_t)(e - mb));

			/* "term | reason" has no marks; "term | marks |
			   reason" has them in the middle */
			if (bar2) {
				me = bar2;
				mb = trim_span(mb, &me);
				fl = parse_marks(mb, me);
			}
			if (fl < 0) {
				snprintf(msg, sizeof(msg),
					 "unknown mark '%.*s' (the marks are: alone)",
					 (int)(me - mb), mb);
				problem(ud, where, msg);
				bad = 1;
				continue;
			}
		}
		term = cnd_arena_strndup(a, b, (size_t)(te - b));
		if (cnd_matcher_add(m, term, NULL) != 0) {
			snprintf(msg, sizeof(msg), "'%.200s' holds no word to match",
				 term);
			problem(ud, where, msg);
			bad = 1;
			continue;
		}
		*(const char **)cnd_vec_push(terms) = term;
		*(unsigned char *)cnd_vec_push(flags) = (unsigned char)fl;
	}
	cnd_matcher_free(m);
	return bad ? -1 : 0;
}
