/*
 * Text converters shared by all platforms and rules: HTML entity decoding
 * (Twitter escapes &amp; &lt; &gt; in tweet text), UTF-8 validation, Unicode
 * folding for matching (NFKC, case fold, accents stripped, through
 * utf8proc), evidence excerpts that never cut a character in half, and the
 * whole-word multi-term matcher that finds register names and lexicon terms
 * in one pass over a text, whatever the number of terms.
 */
#ifndef CONDUCT_TEXT_H
#define CONDUCT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"

/*
 * s without leading and trailing spaces, tabs and carriage returns, in
 * place (a CSV cell as people type it). Returns a pointer into s.
 */
char *cnd_text_trim(char *s);

/* Decode HTML character references (&amp; &#39; &#x1F600; ...). */
char *cnd_html_unescape(struct cnd_arena *a, const char *s);

/* 1 when s[0..n) is valid UTF-8. */
int cnd_utf8_valid(const char *s, size_t n);

/*
 * Decode the UTF-8 sequence at s (n > 0 bytes available): its length, with
 * the code point in *cp, or 1 with *cp = -1 when the bytes are not valid
 * UTF-8 (overlong, surrogate, truncated, out of range).
 */
size_t cnd_utf8_decode(const char *s, size_t n, int32_t *cp);
/* Write valid code point cp as UTF-8 into out (room for 4); its length. */
size_t cnd_utf8_encode(int32_t cp, char *out);

/*
 * Folded form of s[0..n) for matching: NFKC, case folded, accents and other
 * combining marks removed. Invalid UTF-8 bytes are dropped. Never NULL.
 */
char *cnd_text_fold(struct cnd_arena *a, const char *s, size_t n);

/*
 * An excerpt of text around bytes [start, start+len): about `width`
 * characters on each side, whitespace runs folded to one space, "…" where
 * cut. Never splits a UTF-8 sequence.
 */
char *cnd_text_excerpt(struct cnd_arena *a, const char *text, size_t start,
		       size_t len, size_t width);

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

/*
 * Repair Meta's mojibake: Instagram, Facebook, Threads and Messenger
 * exports write each byte of UTF-8 text as its own \u00XX escape
 * ("Mobiloverf\u00c3\u00b8rsler" for "Mobiloverførsler"). When every code
 * point of s is at most U+00FF and the bytes they stand for are valid
 * UTF-8, the re-decoded text is returned; otherwise (genuine Latin-1 text
 * such as "café", or text already right) a copy of s. The result lives in
 * a; NULL for NULL.
 */
char *cnd_text_unmojibake(struct cnd_arena *a, const char *s);

#endif
