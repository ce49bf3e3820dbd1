/*
 * SHA-256 digests (through OpenSSL's libcrypto): of input files, for the
 * report's record of exactly what was scanned, and of short strings, for
 * finding fingerprints that stay the same from one year's export to the
 * next.
 */
#ifndef CONDUCT_HASH_H
#define CONDUCT_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/error.h"

#define CND_SHA256_HEX 65 /* 64 hex digits and a NUL */

struct cnd_sha256;

struct cnd_sha256 *cnd_sha256_new(void);
void cnd_sha256_update(struct cnd_sha256 *h, const void *data, size_t n);
/* Write the hex digest to hex and free h. */
void cnd_sha256_final(struct cnd_sha256 *h, char hex[CND_SHA256_HEX]);
void cnd_sha256_free(struct cnd_sha256 *h);
/*
 * Write the hex digest to hex and start h again on a new message, so that
 * many short digests (finding fingerprints) share one context.
 */
void cnd_sha256_next(struct cnd_sha256 *h, char hex[CND_SHA256_HEX]);

/* Digest of a buffer. */
void cnd_sha256_hex(const void *data, size_t n, char hex[CND_SHA256_HEX]);
/*
 * Told how far a file's digest has got, after each chunk: done bytes of
 * the size the file had when opened (done may pass it if the file grows).
 */
struct cnd_hash_tick {
	void (*fn)(void *ud, uint64_t done, uint64_t size);
	void *ud;
};

/*
 * Digest of a file's bytes, telling tick (or NULL) as it goes. Returns
 * CND_OK or CND_FAILED with err set.
 */
int cnd_sha256_file(const char *path, char hex[CND_SHA256_HEX],
		    const struct cnd_hash_tick *tick, struct cnd_error *err);

#endif
