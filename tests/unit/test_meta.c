/*
 * Unit tests for the Meta mojibake repair (cnd_text_unmojibake in
 * src/text/mojibake.c), the converter every Instagram, Threads, Facebook and
 * Messenger handler runs on every string: emoji, Danish and Vietnamese as
 * Meta escapes them come back as the real text; genuine Latin-1 text, text
 * that is already right and plain ASCII are left alone.
 */
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/text/text.h"
#include "harness.h"

TEST(meta_unmojibake_repairs)
{
	struct cnd_arena a;

	cnd_arena_init(&a);
	/* "\u00f0\u009f\u0091\u008d" as Jansson decodes it: thumbs up */
	CHECK_STR(cnd_text_unmojibake(&a, "\xC3\xB0\xC2\x9F\xC2\x91\xC2\x8D"),
		  "\xF0\x9F\x91\x8D");
	/* Danish "Mobiloverf\u00c3\u00b8rsler" -> "Mobiloverførsler" */
	CHECK_STR(cnd_text_unmojibake(&a, "Mobiloverf\xC3\x83\xC2\xB8rsler"),
		  "Mobiloverf\xC3\xB8rsler");
	/* Vietnamese "Nguy\u00e1\u00bb\u0085n" -> "Nguyễn" */
	CHECK_STR(cnd_text_unmojibake(&a, "Nguy\xC3\xA1\xC2\xBB\xC2\x85n"),
		  "Nguy\xE1\xBB\x85n");
	/* a sentence mixing ASCII and escaped emoji */
	CHECK_STR(cnd_text_unmojibake(&a,
				      "ok \xC3\xB0\xC2\x9F\xC2\x98\xC2\x80!"),
		  "ok \xF0\x9F\x98\x80!");
	cnd_arena_release(&a);
}

TEST(meta_unmojibake_leaves_real_text)
{
	struct cnd_arena a;

	cnd_arena_init(&a);
	/* genuine Latin-1: "café" (U+00E9 alone is no UTF-8 sequence) */
	CHECK_STR(cnd_text_unmojibake(&a, "caf\xC3\xA9"), "caf\xC3\xA9");
	CHECK_STR(cnd_text_unmojibake(&a, "\xC3\x85se S\xC3\xB8rensen"),
		  "\xC3\x85se S\xC3\xB8rensen");
	/* already right: code points above U+00FF */
	CHECK_STR(cnd_text_unmojibake(&a, "Nguy\xE1\xBB\x85n \xF0\x9F\x91\x8D"),
		  "Nguy\xE1\xBB\x85n \xF0\x9F\x91\x8D");
	/* mixed: one real character above U+00FF keeps the whole string */
	CHECK_STR(cnd_text_unmojibake(&a, "\xC3\x83\xC2\xB8 \xE2\x82\xAC"),
		  "\xC3\x83\xC2\xB8 \xE2\x82\xAC");
	CHECK_STR(cnd_text_unmojibake(&a, "plain ascii"), "plain ascii");
	CHECK_STR(cnd_text_unmojibake(&a, ""), "");
	CHECK(cnd_text_unmojibake(&a, NULL) == NULL);
	/* a truncated sequence: bytes C3 alone are not UTF-8, so kept */
	CHECK_STR(cnd_text_unmojibake(&a, "x\xC3\x83"), "x\xC3\x83");
	cnd_arena_release(&a);
}
