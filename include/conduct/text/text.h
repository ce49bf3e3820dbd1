/*
 * Text converters shared by all platforms and rules. This header holds
 * the text helpers (src/text/fold.c, src/text/mojibake.c): trimming,
 * Unicode folding for matching (NFKC, case fold, accents stripped,
 * through utf8proc), evidence excerpts that never cut a character in
 * half, and the repair of Meta's mojibake; and it includes UTF-8 and HTML
 * entities (utf8.h). The whole-word matcher built on these is the match
 * layer's (match/matcher.h); the decoder and folding it shares with them
 * are text/unicode.h.
 */
#ifndef CONDUCT_TEXT_H
#define CONDUCT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/text/utf8.h"

/*
 * s without leading and trailing spaces, tabs and carriage returns, in
 * place (a CSV cell as people type it). Returns a pointer into s.
 */
char *cnd_text_trim(char *s);

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
