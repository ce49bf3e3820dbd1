/*
 * Lexicons and the lexicon matcher. A lexicon is a named list of terms
 * read from a text file (src/match/lexicon.c), loaded by the policy and
 * read by the lexicon rules (case-talk, frustration, affiliation); a
 * lexicon match says which lexicons one text needs (any / all / none /
 * near within N words), and the matcher (src/match/lexmatch.c) puts every
 * term of a match, its allow terms and its stop contexts into one
 * whole-word matcher, so a text is read in one pass whatever the size of
 * the lexicons.
 */
#ifndef CONDUCT_MATCH_LEXICON_H
#define CONDUCT_MATCH_LEXICON_H

#include <stddef.h>

#include "conduct/base/arena.h"
#include "conduct/match/matcher.h"
#include "conduct/text/text.h"

/* A named list of terms and phrases, one a line in its text file. */
struct cnd_lexicon {
	const char *name;   /* "casework", "work_context", ... */
	const char *source; /* "built-in" or the file's base name */
	const char *const *terms;
	size_t n_terms;
	/* per term: CND_TERM_ALONE, ... (the line's marks) */
	const unsigned char *flags;
};

/* A casework phrase that is casework on its own: no work word needed. */
#define CND_TERM_ALONE 1u

/*
 * Read lexicon text (src/match/lexicon.c): one term a line, '#' comments,
 * "term | reason" or "term | marks | reason". Pushes each term (const char
 * *, in a) onto terms and its flags (unsigned char) onto flags; problem()
 * names source and line. Returns 0, or -1 when a line had a problem.
 */
int cnd_lexicon_read(struct cnd_arena *a, const char *source,
		     const char *text, size_t len, struct cnd_vec *terms,
		     struct cnd_vec *flags,
		     void (*problem)(void *ud, const char *where,
				     const char *msg),
		     void *ud);

/*
 * Which lexicons a lexicon rule needs in one text: at least one term of
 * any `any` lexicon (when there are any), a term of every `all` lexicon,
 * no term of a `none` lexicon, and, when `near` is set, a term of a `near`
 * lexicon within `within` words of the matched term.
 */
struct cnd_lexicon_match {
	const struct cnd_lexicon *const *any;
	size_t n_any;
	const struct cnd_lexicon *const *all;
	size_t n_all;
	const struct cnd_lexicon *const *none;
	size_t n_none;
	const struct cnd_lexicon *const *near;
	size_t n_near;
	unsigned within; /* words; 0 = anywhere in the text */
};

/* A lexicon match compiled for one pass over a text. */
struct cnd_lexicon_matcher;

/*
 * Compile mt (borrowed: it and its lexicons must outlive the matcher)
 * with allow terms (they switch off the terms they overlap) and stop
 * contexts (they switch off the terms within a few words of them).
 * alone_terms: an `any` term marked CND_TERM_ALONE anchors a match without
 * a near term (0: every term waits for one). NULL when mt is NULL or has
 * neither `any` nor `all` lexicons: nothing to anchor a match on.
 */
struct cnd_lexicon_matcher *
cnd_lexicon_compile(const struct cnd_lexicon_match *mt, int alone_terms,
		    const char *const *allow, size_t n_allow,
		    const char *const *stop, size_t n_stop);
void cnd_lexicon_free(struct cnd_lexicon_matcher *lm);

/* One term found in a text. */
struct cnd_lexicon_term {
	const char *term;    /* as the lexicon lists it (borrowed) */
	const char *lexicon; /* the lexicon's name, or "lexicon" */
	size_t start, end;   /* bytes of the text */
};

/* How a text met a lexicon match. */
struct cnd_lexicon_found {
	struct cnd_lexicon_term anchor; /* of an `any` lexicon (else `all`) */
	/* the anchor is a term marked alone, and the match has near lexicons */
	int alone;
	int has_near;			/* near below is set */
	struct cnd_lexicon_term near;	/* the nearest term of a near lexicon */
	size_t words;			/* "within N words" of the anchor */
};

/*
 * Does the text split into w meet lm's match? Returns 1 and fills *out, or
 * 0. Uses scratch memory of lm: one text at a time per matcher.
 */
int cnd_lexicon_find(struct cnd_lexicon_matcher *lm,
		     const struct cnd_words *w, struct cnd_lexicon_found *out);

#endif
