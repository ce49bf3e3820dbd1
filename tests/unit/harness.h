/*
 * A small unit-test harness of our own (as libarchive, jq and redis carry
 * one): TEST(name) defines a test that the Makefile collects into
 * build/unit-list.h; CHECK* macros record failures without aborting, so one
 * run reports every broken expectation. No fork, so valgrind and the
 * sanitizers see everything.
 */
#ifndef CONDUCT_TEST_HARNESS_H
#define CONDUCT_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

extern int cnd_test_failures; /* failed checks in the current test */

#define TEST(name)                  \
	void test_##name(void);     \
	void test_##name(void)

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "  %s:%d: check failed: %s\n",     \
				__FILE__, __LINE__, #cond);                \
			cnd_test_failures++;                               \
		}                                                          \
	} while (0)

#define CHECK_INT(a, b)                                                    \
	do {                                                               \
		long long chk_a_ = (long long)(a), chk_b_ = (long long)(b);        \
		if (chk_a_ != chk_b_) {                                            \
			fprintf(stderr, "  %s:%d: %s == %lld, want %lld\n", \
				__FILE__, __LINE__, #a, chk_a_, chk_b_);           \
			cnd_test_failures++;                               \
		}                                                          \
	} while (0)

#define CHECK_STR(a, b)                                                    \
	do {                                                               \
		const char *chk_a_ = (a), *chk_b_ = (b);                           \
		if (!chk_a_ || !chk_b_ || strcmp(chk_a_, chk_b_) != 0) {                   \
			fprintf(stderr,                                    \
				"  %s:%d: %s == \"%s\", want \"%s\"\n",    \
				__FILE__, __LINE__, #a, chk_a_ ? chk_a_ : "(null)", \
				chk_b_ ? chk_b_ : "(null)");                       \
			cnd_test_failures++;                               \
		}                                                          \
	} while (0)

#endif
