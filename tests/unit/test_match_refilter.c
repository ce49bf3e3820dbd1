/*
 * Unit tests of the regular-expression prefilter (src/match/refilter.c):
 * on hand-picked and random patterns over a small alphabet ('-', digits,
 * letters, '@', '.', spaces), it never skips a text that regexec matches,
 * checked against plain regexec on thousands of random texts; it does
 * skip where the pattern's required bytes are missing (the built-in case
 * number pattern and a text with no '-' or no digit); and it gives up on
 * what it cannot read (a top-level '|', REG_ICASE, a malformed brace).
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/match/refilter.h"
#include "harness.h"

static const char alphabet[] = "-0123456789abAZxX@. \t";

/* A deterministic generator, so a failure can be replayed. */
static unsigned long rf_seed = 12345;

static unsigned rf_rand(void)
{
	rf_seed = rf_seed * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(rf_seed >> 33);
}

static void random_text(char *buf, size_t max)
{
	size_t n = rf_rand() % max, i;

	for (i = 0; i < n; i++)
		buf[i] = alphabet[rf_rand() % (sizeof(alphabet) - 1)];
	buf[n] = '\0';
}

/* Pieces a random pattern is built from, some of them required bytes. */
static const char *const pieces[] = {
	"a", "b", "Z", "-", "@", "\\.", ".", "[0-9]", "[A-Z]", "[a-z0-9]",
	"[^-]", "[^0-9a]", "[-x]", "[x-]", "[]a]", "[[:digit:]]", "[[:alpha:]-]",
	"(a|b)", "(19|20)", "([0-9]-)", "\\<", "\\>", "\\b", "^", "$", "x",
	"\\w", "\\s", "(a)\\1", "[.]", "[@.]", " ", "\\-",
};
static const char *const quants[] = {
	"", "", "", "*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "{,2}",
};

static int check_pattern(const char *pat, int texts, int *skipped)
{
	struct cnd_refilter f;
	regex_t re;
	char text[40];
	int bad = 0;

	if (regcomp(&re, pat, REG_EXTENDED) != 0)
		return 0;
	cnd_refilter_compile(&f, pat, REG_EXTENDED);
	for (int k = 0; k < texts; k++) {
		random_text(text, sizeof(text) - 1);
		if (!cnd_refilter_may_match(&f, text)) {
			(*skipped)++;
			if (regexec(&re, text, 0, NULL, 0) == 0) {
				fprintf(stderr, "refilter skipped a match: /%s/ on \"%s\"\n",
					pat, text);
				bad++;
			}
		}
	}
	regfree(&re);
	return bad;
}

TEST(match_refilter_never_skips_a_match)
{
	static const char *const fixed[] = {
		"\\<[A-Z]{2,4}-(19|20)[0-9]{2}-[0-9]{4,7}\\>",
		"CR-[0-9]{4}-[0-9]{5}", "07700 90012[0-3]", "a|b", "(a|b)c",
		"[^a-z]+@", "x*y?z{0}-", "[[:digit:]]{2}-", "\\.[0-9]", "[]-]",
		"a{1}b{2,}c{0,}", "^-$", "(-)+[0-9]", "[a-]@", "\\w-\\w",
		"@.", "a?b+", "[^-]-", "[ -.]", "[.-9]",
	};
	char pat[64];
	int bad = 0, skipped = 0;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		bad += check_pattern(fixed[i], 3000, &skipped);
	for (int k = 0; k < 400; k++) {
		size_t n = 1 + rf_rand() % 4;

		pat[0] = '\0';
		for (size_t j = 0; j < n; j++) {
			strcat(pat, pieces[rf_rand() % (sizeof(pieces) /
							sizeof(pieces[0]))]);
			strcat(pat, quants[rf_rand() % (sizeof(quants) /
							sizeof(quants[0]))]);
		}
		bad += check_pattern(pat, 400, &skipped);
	}
	CHECK_INT(bad, 0);
	/* the test is only worth something if the prefilter did skip */
	CHECK(skipped > 10000);
}

TEST(match_refilter_skips_where_expected)
{
	struct cnd_refilter f;

	cnd_refilter_compile(&f, "\\<[A-Z]{2,4}-(19|20)[0-9]{2}-[0-9]{4,7}\\>",
			     REG_EXTENDED);
	CHECK_INT(f.n_sets, 3); /* [A-Z], '-', [0-9] */
	CHECK(!cnd_refilter_may_match(&f, "no dash and no digit here"));
	CHECK(!cnd_refilter_may_match(&f, "Met the family at 3 today"));
	CHECK(!cnd_refilter_may_match(&f, "a well-known place"));
	CHECK(!cnd_refilter_may_match(&f, "lower-case 2023-04417"));
	CHECK(!cnd_refilter_may_match(&f, ""));
	CHECK(cnd_refilter_may_match(&f, "ref AB-2023-04417 today"));
	CHECK(cnd_refilter_may_match(&f, "COVID-19"));
	/* a literal, escaped and negated bracket */
	cnd_refilter_compile(&f, "x\\.[^a-z.]", REG_EXTENDED);
	CHECK_INT(f.n_sets, 3);
	CHECK(!cnd_refilter_may_match(&f, "x and y"));
	CHECK(!cnd_refilter_may_match(&f, "x.abc"));
	CHECK(cnd_refilter_may_match(&f, "x.abc Z"));
	/* a quantifier of minimum 0 requires nothing */
	cnd_refilter_compile(&f, "a*b?c{0,2}", REG_EXTENDED);
	CHECK_INT(f.n_sets, 0);
	CHECK(cnd_refilter_may_match(&f, "zzz"));
	/* what follows a group still counts */
	cnd_refilter_compile(&f, "(ab|cd)+@", REG_EXTENDED);
	CHECK_INT(f.n_sets, 1);
	CHECK(!cnd_refilter_may_match(&f, "abcd"));
}

TEST(match_refilter_gives_up_where_unsure)
{
	static const char *const unsure[] = {
		"AB-[0-9]+|CD-[0-9]+", "*a", "a{x}", "a{", "a+*", "^*a",
		"[a", "(a", "a)", "\\", "[[.-.]-z]",
	};
	struct cnd_refilter f;

	for (size_t i = 0; i < sizeof(unsure) / sizeof(unsure[0]); i++) {
		cnd_refilter_compile(&f, unsure[i], REG_EXTENDED);
		CHECK_INT(f.n_sets, 0);
		CHECK(cnd_refilter_may_match(&f, "nothing required"));
	}
	cnd_refilter_compile(&f, "AB-[0-9]", REG_EXTENDED | REG_ICASE);
	CHECK_INT(f.n_sets, 0);
	cnd_refilter_compile(&f, "AB-[0-9]", 0); /* basic syntax: not read */
	CHECK_INT(f.n_sets, 0);
	/* classes and \w are "any byte": the rest still counts */
	cnd_refilter_compile(&f, "[[:digit:]]\\w-", REG_EXTENDED);
	CHECK_INT(f.n_sets, 1);
	CHECK(!cnd_refilter_may_match(&f, "12ab"));
	CHECK(cnd_refilter_may_match(&f, "1a-"));
}
