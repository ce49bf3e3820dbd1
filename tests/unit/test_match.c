/*
 * Unit tests of the match layer on its own, with no rule, run or policy
 * (include/conduct/match/): the personal-data scan over a text with one
 * hit of each kind, its masks (same length, so offsets stay valid), an
 * agency pattern that wins an overlap, the cap on hits; and the lexicon
 * matcher: what compiles to nothing, the anchor and near term it reports
 * with their lexicons and distance, terms marked alone, allow terms and
 * stop contexts. The detectors' near misses are in test_rules_text.c,
 * through the rules.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/match/lexicon.h"
#include "conduct/match/pdetect.h"
#include "conduct/text/text.h"
#include "harness.h"

TEST(match_pd_scan_and_mask)
{
	static const char text[] =
		"mail jo.bloggs@example.org, DOB: 1990-03-12, ring 07700 900123, at 14 Acacia Avenue";
	static const enum cnd_pd_kind want[] = {
		CND_PD_EMAIL, CND_PD_DOB, CND_PD_PHONE, CND_PD_ADDRESS,
	};
	struct cnd_pd_hits h;
	struct cnd_arena a;
	char *masked;

	cnd_arena_init(&a);
	h.n = 0;
	cnd_pd_scan(&h, text);
	CHECK_INT(h.n, 4);
	for (size_t i = 0; i < h.n && i < 4; i++) {
		CHECK_INT(h.v[i].kind, want[i]);
		CHECK(h.v[i].start < h.v[i].end && h.v[i].end <= strlen(text));
		CHECK(h.v[i].pattern == NULL);
	}
	CHECK_STR(cnd_pd_kind_name(CND_PD_PHONE), "phone number");
	CHECK_STR(cnd_pd_kind_name(CND_PD_CASE), "case or record number");
	masked = cnd_pd_mask_copy(&a, text, &h);
	CHECK_STR(masked,
		  "mail j********@example.org, DOB: xxxx-xx-xx, ring 07700 9xxxxx, at xx Acacia Avenue");
	CHECK_INT(strlen(masked), strlen(text));
	/* nothing found: the copy is the text */
	h.n = 0;
	cnd_pd_scan(&h, "nothing to see here, 42 times");
	CHECK_INT(h.n, 0);
	CHECK_STR(cnd_pd_mask_copy(&a, "no hits", &h), "no hits");
	cnd_arena_release(&a);
}

TEST(match_pd_pattern_wins_overlap)
{
	static const char text[] = "ref 07700 900123 and 07700 900124";
	struct cnd_pd_hits h;
	struct cnd_arena a;
	regex_t re;

	cnd_arena_init(&a);
	CHECK_INT(regcomp(&re, "07700 90012[0-3]", REG_EXTENDED), 0);
	h.n = 0;
	cnd_pd_scan_pattern(&h, text, &re, "case number");
	CHECK_INT(h.n, 1);
	cnd_pd_scan(&h, text);
	/* the phone detector's hit over the pattern's is dropped */
	CHECK_INT(h.n, 2);
	if (h.n == 2) {
		CHECK_INT(h.v[0].kind, CND_PD_CASE);
		CHECK_STR(h.v[0].pattern, "case number");
		CHECK_INT(h.v[1].kind, CND_PD_PHONE);
	}
	CHECK_STR(cnd_pd_mask_copy(&a, text, &h),
		  "ref 07xxx xxxxxx and 07700 9xxxxx");
	regfree(&re);
	cnd_arena_release(&a);
}

TEST(match_pd_hits_capped)
{
	char text[2048];
	struct cnd_pd_hits h;
	size_t len = 0;

	for (int k = 0; k < 40; k++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"jo%d@example.org ", k);
	h.n = 0;
	cnd_pd_scan(&h, text);
	CHECK_INT(h.n, CND_PD_MAX_HITS);
}

static const char *const lm_case_terms[] = { "my client", "case conference" };
static const unsigned char lm_case_flags[] = { 0, CND_TERM_ALONE };
static const char *const lm_work_terms[] = { "court" };
static const struct cnd_lexicon lm_case = { "casework", "test",
					    lm_case_terms, 2, lm_case_flags };
static const struct cnd_lexicon lm_work = { "work_context", "test",
					    lm_work_terms, 1, NULL };
static const struct cnd_lexicon *const lm_any[] = { &lm_case };
static const struct cnd_lexicon *const lm_near[] = { &lm_work };
static const char *const lm_allow[] = { "client list" };
static const char *const lm_stop[] = { "role play" };

/* Whether text meets m (allow and stop lists on), and how. */
static int lm_find(struct cnd_lexicon_matcher *lm, const char *text,
		   struct cnd_lexicon_found *out)
{
	struct cnd_words w;
	int got;

	cnd_words_init(&w);
	cnd_words_split(&w, text);
	got = cnd_lexicon_find(lm, &w, out);
	cnd_words_release(&w);
	return got;
}

TEST(match_lexicon_matcher)
{
	struct cnd_lexicon_match m = { 0 };
	struct cnd_lexicon_matcher *lm;
	struct cnd_lexicon_found f;
	const char *text;

	/* nothing to anchor a match on: no matcher */
	CHECK(cnd_lexicon_compile(NULL, 1, NULL, 0, NULL, 0) == NULL);
	m.near = lm_near;
	m.n_near = 1;
	CHECK(cnd_lexicon_compile(&m, 1, NULL, 0, NULL, 0) == NULL);

	m.any = lm_any;
	m.n_any = 1;
	m.within = 3;
	lm = cnd_lexicon_compile(&m, 1, lm_allow, 1, lm_stop, 1);
	CHECK(lm != NULL);
	if (!lm)
		return;
	text = "Saw my client at the court";
	CHECK_INT(lm_find(lm, text, &f), 1);
	CHECK_STR(f.anchor.term, "my client");
	CHECK_STR(f.anchor.lexicon, "casework");
	CHECK_INT(f.anchor.start, 4);
	CHECK_INT(f.anchor.end, 13);
	CHECK(f.has_near && !f.alone);
	CHECK_STR(f.near.term, "court");
	CHECK_STR(f.near.lexicon, "work_context");
	CHECK_INT(f.near.start, 21);
	CHECK_INT(f.words, 3);
	/* too far, or no near term at all */
	CHECK_INT(lm_find(lm, "my client was seen there before the court", &f),
		  0);
	CHECK_INT(lm_find(lm, "my client ran late", &f), 0);
	/* a term marked alone needs none */
	CHECK_INT(lm_find(lm, "case conference ran late", &f), 1);
	CHECK(f.alone && !f.has_near);
	CHECK_STR(f.anchor.term, "case conference");
	/* near terms alone, however many: no anchor, no match */
	CHECK_INT(lm_find(lm, "court court court, then court again", &f), 0);
	/* the anchor after its near term, and a two-word anchor split by a
	 * line break still anchors */
	CHECK_INT(lm_find(lm, "court with my\nclient", &f), 1);
	CHECK_STR(f.anchor.term, "my client");
	CHECK_STR(f.near.term, "court");
	CHECK_INT(f.words, 2);
	/* allow terms and stop contexts switch terms off */
	CHECK_INT(lm_find(lm, "my client list at court", &f), 0);
	CHECK_INT(lm_find(lm, "role play: my client at court", &f), 0);
	cnd_lexicon_free(lm);

	/* no `any` lexicon: the `all` lexicon's terms anchor */
	{
		struct cnd_lexicon_match m2 = { 0 };
		struct cnd_lexicon_matcher *lm2;

		m2.all = lm_any;
		m2.n_all = 1;
		lm2 = cnd_lexicon_compile(&m2, 1, NULL, 0, NULL, 0);
		CHECK(lm2 != NULL);
		if (lm2) {
			CHECK_INT(lm_find(lm2, "my client again", &f), 1);
			CHECK_STR(f.anchor.term, "my client");
			CHECK_INT(lm_find(lm2, "court again", &f), 0);
		}
		cnd_lexicon_free(lm2);
	}

	/* alone_terms off: the alone mark is ignored */
	lm = cnd_lexicon_compile(&m, 0, NULL, 0, NULL, 0);
	CHECK(lm != NULL);
	if (lm)
		CHECK_INT(lm_find(lm, "case conference ran late", &f), 0);
	cnd_lexicon_free(lm);
	cnd_lexicon_free(NULL);
}
