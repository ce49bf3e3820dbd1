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

/* Ids as numbers and as strings are told apart exactly; values replace. */
TEST(idmap_exact)
{
	struct cnd_idmap m;
	int v[4];
	char id[32];

	cnd_idmap_init(&m);
	CHECK(cnd_idmap_get(&m, "12") == NULL);
	CHECK(cnd_idmap_put(&m, "12", &v[0]) == NULL);
	CHECK(cnd_idmap_get(&m, "12") == &v[0]);
	CHECK(cnd_idmap_get(&m, "012") == NULL); /* not the number 12 */
	CHECK(cnd_idmap_put(&m, "012", &v[1]) == NULL);
	CHECK(cnd_idmap_get(&m, "012") == &v[1]);
	CHECK(cnd_idmap_get(&m, "12") == &v[0]);
	CHECK(cnd_idmap_put(&m, "12", &v[2]) == &v[0]);
	CHECK(cnd_idmap_get(&m, "12") == &v[2]);
	CHECK(cnd_idmap_put(&m, "0", &v[3]) == NULL);
	CHECK(cnd_idmap_get(&m, "0") == &v[3]);
	CHECK(cnd_idmap_get(&m, "00") == NULL);
	CHECK(cnd_idmap_put(&m, "9999999999999999999", &v[0]) == NULL);
	CHECK(cnd_idmap_get(&m, "99999999999999999999") == NULL); /* 20 */
	CHECK(cnd_idmap_put(&m, "99999999999999999999", &v[1]) == NULL);
	CHECK(cnd_idmap_get(&m, "9999999999999999999") == &v[0]);
	CHECK(cnd_idmap_get(&m, "99999999999999999999") == &v[1]);
	CHECK(cnd_idmap_put(&m, "@alice", &v[2]) == NULL);
	CHECK(cnd_idmap_get(&m, "@alice") == &v[2]);
	for (int i = 0; i < 5000; i++) { /* through several grows */
		snprintf(id, sizeof(id), "%lld", 1000003LL * i + 7);
		CHECK(cnd_idmap_put(&m, id, &v[i % 4]) == NULL);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "%lld", 1000003LL * i + 7);
		CHECK(cnd_idmap_get(&m, id) == &v[i % 4]);
		snprintf(id, sizeof(id), "%lld", 1000003LL * i + 8);
		CHECK(cnd_idmap_get(&m, id) == NULL);
	}
	CHECK(cnd_idmap_get(&m, "12") == &v[2]);
	cnd_idmap_release(&m);
}

/* Was v among the n ids of seen? (the reference for idset_orders) */
static int seen_before(const unsigned long long *seen, size_t n,
		       unsigned long long v)
{
	for (size_t i = 0; i < n; i++)
		if (seen[i] == v)
			return 1;
	return 0;
}

/*
 * Ids newest first, oldest first and shuffled, with repeats of the last
 * id, of one far back in the run and after the run has ended: the set
 * answers as a plain search of every id before it does.
 */
TEST(idset_orders)
{
	enum { N = 3000 };
	static unsigned long long seen[N];
	unsigned long long x = 88172645463325252ull;
	char id[32];

	for (int order = 0; order < 6; order++) {
		struct cnd_idset s;
		size_t n = 0;

		cnd_idset_init(&s);
		for (int i = 0; i < N; i++) {
			unsigned long long v;

			x ^= x << 13; /* xorshift64 */
			x ^= x >> 7;
			x ^= x << 17;
			if (order == 0 || order == 2)
				v = 1000000923076000000ull - 997ull * (unsigned)i;
			else if (order == 1)
				v = 1000000000000000000ull + 13ull * (unsigned)i;
			else
				v = x % 5000;
			/* now and then a repeat: the last id, or an older one */
			if (n && x % 17 == 0)
				v = seen[n - 1];
			else if (n && x % 23 == 0)
				v = seen[(x >> 8) % n];
			/* order 2: the run ends halfway */
			if (order == 2 && i == N / 2)
				v = seen[0] + 1;
			snprintf(id, sizeof(id), "%llu", v);
			CHECK_INT(cnd_idset_add(&s, id), seen_before(seen, n, v));
			seen[n++] = v;
		}
		cnd_idset_release(&s);
	}
}
