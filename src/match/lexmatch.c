/*
 * The lexicon matcher (see lexicon.h): every term of a lexicon match, its
 * allow terms and its stop contexts go into one whole-word matcher, each
 * tagged with its role and the index of its lexicon, so a text is scanned
 * once; the hits are then weighed: allow terms and stop contexts switch off
 * the terms they touch, a `none` term rules the text out, every `all`
 * lexicon must be there, and an anchor (a term of an `any` lexicon, or of
 * an `all` one when there is none) needs a `near` term within N words
 * unless it is marked alone. No text meets a match without an anchor
 * term, and most texts hold none while many hold a `near` word ("work",
 * "team"): a second matcher of the anchor terms alone turns those texts
 * away after one lookup per word, before the full scan collects and weighs
 * hits.
 */
#include <stdint.h>
#include <stdlib.h>

#include "conduct/base/arena.h"
#include "conduct/match/lexicon.h"

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

struct cnd_lexicon_matcher {
	struct cnd_matcher *m;
	struct cnd_matcher *anchors; /* the terms that can anchor a match */
	const struct cnd_lexicon_match *match;
	struct lexscan sc; /* the hits of the text being weighed */
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

struct cnd_lexicon_matcher *
cnd_lexicon_compile(const struct cnd_lexicon_match *mt, int alone_terms,
		    const char *const *allow, size_t n_allow,
		    const char *const *stop, size_t n_stop)
{
	struct cnd_lexicon_matcher *lm;
	size_t k;

	if (!mt || (!mt->n_any && !mt->n_all))
		return NULL; /* nothing to anchor a finding on */
	lm = cnd_xcalloc(1, sizeof(*lm));
	lm->match = mt;
	lm->m = cnd_matcher_new();
	lex_add_terms(lm->m, mt->any, mt->n_any, ROLE_ANY, alone_terms);
	lex_add_terms(lm->m, mt->all, mt->n_all, ROLE_ALL, 0);
	lm->anchors = cnd_matcher_new();
	if (mt->n_any)
		lex_add_terms(lm->anchors, mt->any, mt->n_any, ROLE_ANY, 0);
	else
		lex_add_terms(lm->anchors, mt->all, mt->n_all, ROLE_ALL, 0);
	lex_add_terms(lm->m, mt->none, mt->n_none, ROLE_NONE, 0);
	lex_add_terms(lm->m, mt->near, mt->n_near, ROLE_NEAR, 0);
	for (k = 0; k < n_allow; k++)
		cnd_matcher_add(lm->m, allow[k], TAG(ROLE_ALLOW, k));
	for (k = 0; k < n_stop; k++)
		cnd_matcher_add(lm->m, stop[k], TAG(ROLE_STOP, k));
	return lm;
}

void cnd_lexicon_free(struct cnd_lexicon_matcher *lm)
{
	if (!lm)
		return;
	cnd_matcher_free(lm->m);
	cnd_matcher_free(lm->anchors);
	free(lm);
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

static int on_anchor(void *ud, const struct cnd_match *m)
{
	(void)m;
	*(int *)ud = 1;
	return 1; /* one is enough */
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
 * Does the scanned text meet the match? *anchor is the term that anchors
 * the finding (of an `any` lexicon, or of an `all` one when there is no
 * `any`) and *partner its `near` term, or NULL.
 */
static int lex_eval(const struct cnd_lexicon_match *mt, struct lexscan *sc,
		    const struct lexhit **anchor,
		    const struct lexhit **partner)
{
	size_t i, j, k;

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

static void lex_term(struct cnd_lexicon_term *t, const struct lexhit *h,
		     const char *lexicon)
{
	t->term = h->term;
	t->lexicon = lexicon;
	t->start = h->start;
	t->end = h->end;
}

int cnd_lexicon_find(struct cnd_lexicon_matcher *lm,
		     const struct cnd_words *w, struct cnd_lexicon_found *out)
{
	const struct cnd_lexicon_match *mt = lm->match;
	const struct lexhit *x = NULL, *y = NULL;
	int anchored = 0;

	cnd_matcher_scan_words(lm->anchors, w, on_anchor, &anchored);
	if (!anchored)
		return 0; /* what lex_eval() would say, without the hits */
	lm->sc.n = 0;
	cnd_matcher_scan_words(lm->m, w, on_lex, &lm->sc);
	if (!lex_eval(mt, &lm->sc, &x, &y))
		return 0;
	lex_term(&out->anchor, x,
		 x->role != ROLE_ALL ? lex_name(mt->any, mt->n_any, x->lex) :
				       lex_name(mt->all, mt->n_all, x->lex));
	out->alone = x->role == ROLE_ALONE && mt->n_near;
	out->has_near = y != NULL;
	out->words = 0;
	if (y) {
		lex_term(&out->near, y, lex_name(mt->near, mt->n_near, y->lex));
		out->words = gap_words(x, y) + 1;
	} else {
		out->near.term = out->near.lexicon = NULL;
		out->near.start = out->near.end = 0;
	}
	return 1;
}
