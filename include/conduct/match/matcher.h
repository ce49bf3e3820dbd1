/*
 * The whole-word multi-term matcher (src/text/matcher.c), which finds
 * register names and lexicon terms in one pass over a text, whatever the
 * number of terms, and the texts split into folded words that it scans.
 */
#ifndef CONDUCT_TEXT_MATCHER_H
#define CONDUCT_TEXT_MATCHER_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"

/*
 * Whole-word matcher. Terms are added once, then any number of texts are
 * scanned; each text is split into words (letters, digits, marks and '_'),
 * the words are folded, and every term (one or more words) found as a run
 * of whole words is reported. "Eve" matches "EVE's" and "Ève", never
 * "Evening". Cost per text is linear in its words, independent of the
 * number of terms.
 */
struct cnd_matcher;

struct cnd_matcher *cnd_matcher_new(void);
void cnd_matcher_free(struct cnd_matcher *m);
/*
 * Add a term with a caller tag (returned in matches). Returns 0, or -1 when
 * the term holds no word at all.
 */
int cnd_matcher_add(struct cnd_matcher *m, const char *term, void *tag);
/* Number of terms added. */
size_t cnd_matcher_count(const struct cnd_matcher *m);

struct cnd_match {
	void *tag;
	const char *term; /* the term as added (borrowed from the matcher) */
	size_t start;	  /* byte offset of the match in the scanned text */
	size_t len;	  /* byte length in the scanned text */
	size_t wstart;	  /* index of its first word among the text's words */
	size_t wend;	  /* one past the index of its last word */
};

/*
 * Scan text; call fn for each match, in text order. fn returns 0 to go on,
 * non-zero to stop. Returns the number of matches reported.
 */
size_t cnd_matcher_scan(const struct cnd_matcher *m, const char *text,
			int (*fn)(void *ud, const struct cnd_match *match),
			void *ud);

/*
 * A text split into words and folded once, so that several matchers (the
 * client register, each lexicon rule) scan it without splitting it again.
 * Words that fold to nothing (marks only) are left out of v but still
 * counted in the word indices.
 */
struct cnd_word {
	size_t start, end; /* bytes of the word in the text */
	size_t index;	   /* among all the text's words */
	size_t off, len;   /* its folded form: fold.data + off, len bytes */
	uint64_t hash;
	uint64_t bloom; /* its two bits in any matcher's Bloom filter word */
};

struct cnd_words {
	const char *text; /* as last split (borrowed) */
	struct cnd_vec v; /* struct cnd_word */
	struct cnd_buf fold;
};

void cnd_words_init(struct cnd_words *w);
void cnd_words_release(struct cnd_words *w);
/* Split text (NULL: no words), reusing w's memory. */
void cnd_words_split(struct cnd_words *w, const char *text);
/* cnd_matcher_scan() over a text already split. */
size_t cnd_matcher_scan_words(const struct cnd_matcher *m,
			      const struct cnd_words *w,
			      int (*fn)(void *ud,
					const struct cnd_match *match),
			      void *ud);

#endif
