/*
 * Unit tests for src/base/strmap.c's id set: numeric ids are kept exactly
 * (leading zeros, the largest 19-digit ids and non-numeric ids never
 * mistaken for one another), across growth of the table.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/base/strmap.h"
#include "harness.h"

TEST(idset_exact)
{
	struct cnd_idset s;
	char id[32];

	cnd_idset_init(&s);
	CHECK_INT(cnd_idset_add(&s, "1000000923076000000"), 0);
	CHECK_INT(cnd_idset_add(&s, "1000000923076000000"), 1);
	CHECK_INT(cnd_idset_add(&s, "01000000923076000000"), 0);
	CHECK_INT(cnd_idset_add(&s, "01000000923076000000"), 1);
	CHECK_INT(cnd_idset_add(&s, "0"), 0);
	CHECK_INT(cnd_idset_add(&s, "0"), 1);
	CHECK_INT(cnd_idset_add(&s, "00"), 0);
	CHECK_INT(cnd_idset_add(&s, "9999999999999999999"), 0);
	CHECK_INT(cnd_idset_add(&s, "9999999999999999999"), 1);
	CHECK_INT(cnd_idset_add(&s, "99999999999999999999"), 0); /* 20 */
	CHECK_INT(cnd_idset_add(&s, "99999999999999999999"), 1);
	CHECK_INT(cnd_idset_add(&s, "abc"), 0);
	CHECK_INT(cnd_idset_add(&s, "abc"), 1);
	CHECK_INT(cnd_idset_add(&s, ""), 0);
	CHECK_INT(cnd_idset_add(&s, ""), 1);
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "%d", 7 * i + 1);
		CHECK_INT(cnd_idset_add(&s, id), 0);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "%d", 7 * i + 1);
		CHECK_INT(cnd_idset_add(&s, id), 1);
		snprintf(id, sizeof(id), "%d", 7 * i + 2);
		CHECK_INT(cnd_idset_add(&s, id), 0);
	}
	cnd_idset_release(&s);
}
