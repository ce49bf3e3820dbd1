/*
 * Private to src/platforms: the CAR and DAG-CBOR layer of the Bluesky
 * reader (bluesky_car.c), used by bluesky.c.
 */
#ifndef CONDUCT_PLATFORMS_BLUESKY_CAR_H
#define CONDUCT_PLATFORMS_BLUESKY_CAR_H

#include <stddef.h>
#include <stdint.h>

#include <cbor.h>

#include "conduct/base/arena.h"

struct cnd_scan;

#define BSKY_CODEC_DAG_CBOR 0x71
#define BSKY_HASH_SHA256 0x12
#define BSKY_TAG_LINK 42
#define BSKY_VARINT_MAX 9 /* multiformats caps varints at 9 bytes */

/*
 * Exported for tests/unit/test_bluesky.c only (which declares them again):
 * there is no public header because nothing else needs them.
 */
int cnd_bluesky_varint(const unsigned char *p, size_t n, uint64_t *out);
long cnd_bluesky_cid(const unsigned char *p, size_t n, uint64_t *codec);
size_t cnd_bluesky_cid_text(const unsigned char *cid, size_t n, char *buf,
			    size_t size);

/* The parts of a CID that matter here. */
struct bsky_cid {
	uint64_t codec, hash;
	const unsigned char *digest;
	size_t digest_len;
};

/* One section of the CAR: where it starts, its CID and its data. */
struct bsky_block {
	size_t off;	/* of the section (its length varint) */
	const unsigned char *cid;
	size_t cid_len; /* 0: the CID could not be read */
	uint64_t codec;
	const unsigned char *data;
	size_t data_len;
};

/*
 * The CAR streamed from the member: its bytes come in through a window,
 * and each section is gathered in sec (so memory is that of the largest
 * block, whatever the file's size).
 */
struct bsky_walk {
	struct cnd_scan *s;
	unsigned char in[65536];
	size_t in_pos, in_len;
	int ended;	     /* the member has no more bytes */
	struct cnd_buf sec;  /* the section being read */
	size_t off;	     /* bytes of the member consumed */
	size_t max;	     /* largest section taken */
	long long index;     /* of the next block */
	char why[160];	     /* why the walk stopped early */
};

long bsky_cid_parse(const unsigned char *p, size_t n, struct bsky_cid *c);
int bsky_read_varint(struct bsky_walk *w, uint64_t *out);
size_t bsky_take(struct bsky_walk *w, size_t n);
int bsky_next(struct bsky_walk *w, struct bsky_block *b);
int bsky_cbor_sizes(const unsigned char *p, size_t n);
cbor_item_t *bsky_get(const cbor_item_t *map, const char *key);
const char *bsky_text(struct cnd_arena *a, const cbor_item_t *item);
const char *bsky_str(struct cnd_arena *a, const cbor_item_t *map,
		     const char *key);
size_t bsky_link(const cbor_item_t *item, const unsigned char **cid);
int bsky_uint(const cbor_item_t *item, uint64_t *out);

#endif
