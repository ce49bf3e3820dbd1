/*
 * SHA-256 through OpenSSL's libcrypto (the EVP interface): digests of input
 * files, so a report records exactly which bytes were scanned, and of short
 * strings, for finding fingerprints that stay the same from one export to
 * the next. Files are read in 1 MiB chunks so an archive of any size costs
 * the same memory, and the caller may be told after each (the progress
 * line shows how far the digest of a big archive has got); errors name the file by its base name only, because
 * reports leave the machine and full paths can say more than they should.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "conduct/base/arena.h"
#include "conduct/base/hash.h"
#include "conduct/base/path.h"

#define CHUNK (1024 * 1024)

struct cnd_sha256 {
	EVP_MD_CTX *ctx;
};

/* libcrypto fails only when it cannot allocate: treat as out of memory. */
static void crypto_failed(void)
{
	fprintf(stderr, "conduct: sha-256 setup failed (out of memory)\n");
	abort();
}

struct cnd_sha256 *cnd_sha256_new(void)
{
	struct cnd_sha256 *h = cnd_xmalloc(sizeof(*h));

	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1)
		crypto_failed();
	return h;
}

void cnd_sha256_update(struct cnd_sha256 *h, const void *data, size_t n)
{
	if (n && EVP_DigestUpdate(h->ctx, data, n) != 1)
		crypto_failed();
}

static void digest_hex(struct cnd_sha256 *h, char hex[CND_SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (EVP_DigestFinal_ex(h->ctx, md, &len) != 1 || len != 32)
		crypto_failed();
	for (unsigned int i = 0; i < len; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xF];
	}
	hex[64] = '\0';
}

void cnd_sha256_final(struct cnd_sha256 *h, char hex[CND_SHA256_HEX])
{
	digest_hex(h, hex);
	cnd_sha256_free(h);
}

void cnd_sha256_next(struct cnd_sha256 *h, char hex[CND_SHA256_HEX])
{
	digest_hex(h, hex);
	/* NULL: the digest already set, without fetching it again */
	if (EVP_DigestInit_ex(h->ctx, NULL, NULL) != 1)
		crypto_failed();
}

void cnd_sha256_free(struct cnd_sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

void cnd_sha256_hex(const void *data, size_t n, char hex[CND_SHA256_HEX])
{
	struct cnd_sha256 *h = cnd_sha256_new();

	cnd_sha256_update(h, data, n);
	cnd_sha256_final(h, hex);
}

/* strerror(e) in lower case, as our messages are. */
static void errno_text(int e, char *buf, size_t n)
{
	if (strerror_r(e, buf, n) != 0)
		snprintf(buf, n, "error %d", e);
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
}

int cnd_sha256_file(const char *path, char hex[CND_SHA256_HEX],
		    const struct cnd_hash_tick *tick, struct cnd_error *err)
{
	struct cnd_sha256 *h;
	unsigned char *chunk;
	char why[128];
	size_t got;
	uint64_t done = 0, size = 0;
	struct stat st;
	FILE *f;
	int ret = CND_OK;

	hex[0] = '\0';
	f = fopen(path, "rb");
	if (!f) {
		errno_text(errno, why, sizeof(why));
		return cnd_error_set(err, CND_FAILED, "cannot open '%s': %s",
				     cnd_path_base(path), why);
	}
	if (fstat(fileno(f), &st) == 0 && st.st_size > 0)
		size = (uint64_t)st.st_size;
	chunk = cnd_xmalloc(CHUNK);
	h = cnd_sha256_new();
	while ((got = fread(chunk, 1, CHUNK, f)) > 0) {
		cnd_sha256_update(h, chunk, got);
		done += got;
		if (tick)
			tick->fn(tick->ud, done, size);
	}
	if (ferror(f)) {
		errno_text(errno, why, sizeof(why));
		ret = cnd_error_set(err, CND_FAILED, "cannot read '%s': %s",
				    cnd_path_base(path), why);
		cnd_sha256_free(h);
		goto out_close;
	}
	cnd_sha256_final(h, hex);
out_close:
	free(chunk);
	fclose(f);
	return ret;
}
