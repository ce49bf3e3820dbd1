/*
 * Unit tests for src/base/hash.c: known SHA-256 vectors, incremental
 * updates, one context reused for successive digests, files larger than one read chunk, and errors that name a file by
 * its base name only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "conduct/base/hash.h"
#include "harness.h"

#define SHA_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

TEST(hash_vectors)
{
	char hex[CND_SHA256_HEX];
	struct cnd_sha256 *h;

	cnd_sha256_hex("abc", 3, hex);
	CHECK_STR(hex, SHA_ABC);
	cnd_sha256_hex("", 0, hex);
	CHECK_STR(hex, SHA_EMPTY);
	cnd_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnop"
		       "nopq",
		       56, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ec"
		       "edd419db06c1");

	/* incremental updates give the same digest */
	h = cnd_sha256_new();
	cnd_sha256_update(h, "a", 1);
	cnd_sha256_update(h, "", 0);
	cnd_sha256_update(h, "bc", 2);
	cnd_sha256_final(h, hex);
	CHECK_STR(hex, SHA_ABC);

	/* one context for successive messages (finding fingerprints) */
	h = cnd_sha256_new();
	cnd_sha256_update(h, "abc", 3);
	cnd_sha256_next(h, hex);
	CHECK_STR(hex, SHA_ABC);
	cnd_sha256_next(h, hex);
	CHECK_STR(hex, SHA_EMPTY);
	cnd_sha256_update(h, "ab", 2);
	cnd_sha256_update(h, "c", 1);
	cnd_sha256_next(h, hex);
	CHECK_STR(hex, SHA_ABC);
	cnd_sha256_free(h);

	/* freeing without finishing, and freeing NULL */
	h = cnd_sha256_new();
	cnd_sha256_update(h, "abc", 3);
	cnd_sha256_free(h);
	cnd_sha256_free(NULL);
}

/* What a digest's tick was told. */
struct ticks {
	unsigned calls;
	uint64_t done, size;
	int in_order;
};

static void count_tick(void *ud, uint64_t done, uint64_t size)
{
	struct ticks *t = ud;

	t->in_order = t->calls ? t->in_order && done > t->done : 1;
	t->calls++;
	t->done = done;
	t->size = size;
}

TEST(hash_file)
{
	char path[] = "/tmp/conduct-hash-XXXXXX";
	char hex[CND_SHA256_HEX], want[CND_SHA256_HEX];
	struct cnd_error err;
	size_t n = 2 * 1024 * 1024 + 12345; /* more than two read chunks */
	char *data = malloc(n);
	struct ticks t = { 0 };
	struct cnd_hash_tick tick = { count_tick, &t };
	FILE *f;
	int fd;

	for (size_t i = 0; i < n; i++)
		data[i] = (char)(i * 31 + i / 977);
	fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		goto out_free;
	f = fdopen(fd, "wb");
	CHECK(f != NULL);
	if (!f) {
		close(fd);
		goto out_unlink;
	}
	CHECK_INT(fwrite(data, 1, n, f), n);
	fclose(f);

	cnd_error_clear(&err);
	cnd_sha256_hex(data, n, want);
	CHECK_INT(cnd_sha256_file(path, hex, NULL, &err), CND_OK);
	CHECK_STR(hex, want);

	/* told after each chunk, in order, up to the whole file */
	CHECK_INT(cnd_sha256_file(path, hex, &tick, &err), CND_OK);
	CHECK_STR(hex, want);
	CHECK_INT(t.calls, 3);
	CHECK(t.in_order);
	CHECK_INT(t.done, n);
	CHECK_INT(t.size, n);

	/* an empty file */
	f = fopen(path, "wb");
	if (f)
		fclose(f);
	CHECK_INT(cnd_sha256_file(path, hex, NULL, &err), CND_OK);
	CHECK_STR(hex, SHA_EMPTY);
out_unlink:
	unlink(path);
out_free:
	free(data);
}

TEST(hash_file_errors)
{
	char hex[CND_SHA256_HEX];
	struct cnd_error err;

	cnd_error_clear(&err);
	CHECK_INT(cnd_sha256_file("/nonexistent-conduct/private/client.zip",
				  hex, NULL, &err),
		  CND_FAILED);
	CHECK_INT(err.status, CND_FAILED);
	CHECK_STR(err.message,
		  "cannot open 'client.zip': no such file or directory");
	CHECK(strstr(err.message, "private") == NULL);

	/* a directory opens but cannot be read */
	cnd_error_clear(&err);
	CHECK_INT(cnd_sha256_file("/tmp", hex, NULL, &err), CND_FAILED);
	CHECK_STR(err.message, "cannot read 'tmp': is a directory");
	/* err may be NULL */
	CHECK_INT(cnd_sha256_file("/nonexistent-conduct/x", hex, NULL, NULL),
		  CND_FAILED);
}
