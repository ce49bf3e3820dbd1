/*
 * Bluesky's CAR files, below the records: varints and CIDs (multiformats),
 * the walk that streams a CAR's sections from the member through a window
 * (memory: the largest block), and the DAG-CBOR getters the records are
 * read with (libcbor). bluesky.c turns the blocks into records; this file
 * knows nothing of records. Declarations in bluesky_car.h (private to the
 * folder).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cbor.h>

#include "conduct/base/arena.h"
#include "conduct/platforms/platform.h"
#include "conduct/text/text.h"

#include "bluesky_car.h"


/* --- Varints and CIDs --- */

/*
 * Unsigned LEB128 varint at p (n bytes available). Returns the bytes used,
 * 0 when the data ends inside it, -1 when it runs past 9 bytes.
 */
int cnd_bluesky_varint(const unsigned char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < BSKY_VARINT_MAX; i++) {
		if (i >= n)
			return 0;
		v |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*out = v;
			return (int)i + 1;
		}
	}
	return -1;
}


/* Parse the CID at p; its length in bytes, or -1. */
long bsky_cid_parse(const unsigned char *p, size_t n, struct bsky_cid *c)
{
	uint64_t v[4];
	size_t off = 0, i;
	int k;

	if (n >= 2 && p[0] == BSKY_HASH_SHA256 && p[1] == 32) {
		if (n < 34)
			return -1;
		c->codec = 0x70; /* CIDv0 is always dag-pb */
		c->hash = BSKY_HASH_SHA256;
		c->digest = p + 2;
		c->digest_len = 32;
		return 34;
	}
	/* version, codec, multihash code, digest length */
	for (i = 0; i < 4; i++) {
		k = cnd_bluesky_varint(p + off, n - off, &v[i]);
		if (k <= 0)
			return -1;
		off += (size_t)k;
	}
	if (v[0] != 1 || v[3] > n - off)
		return -1;
	c->codec = v[1];
	c->hash = v[2];
	c->digest = p + off;
	c->digest_len = (size_t)v[3];
	return (long)(off + v[3]);
}

/*
 * Length in bytes of the CID at p (n bytes available), with its codec in
 * *codec (dag-pb, 0x70, for a CIDv0); -1 when it is not a CID or ends
 * early.
 */
long cnd_bluesky_cid(const unsigned char *p, size_t n, uint64_t *codec)
{
	struct bsky_cid c;
	long len = bsky_cid_parse(p, n, &c);

	if (len > 0)
		*codec = c.codec;
	return len;
}

/*
 * The CID's usual text form: multibase "b" and lower-case base32 without
 * padding ("bafyrei..."); a CIDv0 gets the same form of its bytes. Writes
 * a NUL-terminated string into buf and returns its length (0 when it does
 * not fit).
 */
size_t cnd_bluesky_cid_text(const unsigned char *cid, size_t n, char *buf,
			    size_t size)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
	size_t need = 1 + (n * 8 + 4) / 5, i, o = 0;
	unsigned bits = 0, acc = 0;

	if (!size || need + 1 > size)
		return 0;
	buf[o++] = 'b';
	for (i = 0; i < n; i++) {
		acc = (acc << 8) | cid[i];
		bits += 8;
		while (bits >= 5) {
			buf[o++] = alphabet[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
		acc &= (1u << bits) - 1;
	}
	if (bits)
		buf[o++] = alphabet[(acc << (5 - bits)) & 31];
	buf[o] = '\0';
	return o;
}



/* --- Walking the CAR --- */

/* Refill the window; 0 when the member has no more bytes. */
static int bsky_fill(struct bsky_walk *w)
{
	ssize_t n;

	if (w->in_pos < w->in_len)
		return 1;
	if (w->ended)
		return 0;
	n = cnd_scan_read(w->s, w->in, sizeof(w->in));
	if (n <= 0) {
		w->ended = 1;
		return 0;
	}
	w->in_pos = 0;
	w->in_len = (size_t)n;
	return 1;
}

/*
 * A varint from the stream: its length in bytes; 0 at the end of the
 * member before its first byte; -1 when the member ends inside it, -2 when
 * it runs past 9 bytes.
 */
int bsky_read_varint(struct bsky_walk *w, uint64_t *out)
{
	unsigned char b[BSKY_VARINT_MAX];
	int i;

	for (i = 0; i < BSKY_VARINT_MAX; i++) {
		if (!bsky_fill(w))
			return i ? -1 : 0;
		b[i] = w->in[w->in_pos++];
		w->off++;
		if (!(b[i] & 0x80))
			return cnd_bluesky_varint(b, (size_t)i + 1, out);
	}
	return -2;
}

/* The next n bytes of the stream into w->sec; how many there were. */
size_t bsky_take(struct bsky_walk *w, size_t n)
{
	w->sec.len = 0;
	while (w->sec.len < n && bsky_fill(w)) {
		size_t k = w->in_len - w->in_pos;

		if (k > n - w->sec.len)
			k = n - w->sec.len;
		cnd_buf_add(&w->sec, w->in + w->in_pos, k);
		w->in_pos += k;
		w->off += k;
	}
	return w->sec.len;
}

/*
 * 1: a block in *b (its bytes valid until the next call); 0: the end;
 * -1: damage (w->why says what, w->off where).
 */
int bsky_next(struct bsky_walk *w, struct bsky_block *b)
{
	uint64_t sec;
	size_t got;
	long cl;
	int k;

	memset(b, 0, sizeof(*b));
	b->off = w->off;
	k = bsky_read_varint(w, &sec);
	if (k == 0)
		return 0;
	if (k < 0) {
		snprintf(w->why, sizeof(w->why), "%s",
			 k == -2 ? "block length is not a valid varint" :
				   "file ends inside a block length");
		goto damaged;
	}
	if (sec == 0) {
		snprintf(w->why, sizeof(w->why), "zero-length block");
		goto damaged;
	}
	if (sec > w->max) {
		snprintf(w->why, sizeof(w->why),
			 "block says %llu bytes, over the limit of %zu",
			 (unsigned long long)sec, w->max);
		goto damaged;
	}
	got = bsky_take(w, (size_t)sec);
	if (got < sec) {
		snprintf(w->why, sizeof(w->why),
			 "block is truncated: it says %llu bytes, %zu are left",
			 (unsigned long long)sec, got);
		goto damaged;
	}
	b->cid = (const unsigned char *)w->sec.data;
	cl = cnd_bluesky_cid(b->cid, (size_t)sec, &b->codec);
	if (cl > 0) {
		b->cid_len = (size_t)cl;
		b->data = b->cid + cl;
		b->data_len = (size_t)sec - (size_t)cl;
	}
	w->index++;
	return 1;
damaged:
	w->off = b->off; /* where the damaged section starts */
	return -1;
}

/* --- CBOR helpers --- */

/*
 * What the size check below has found so far. Every item is an element of
 * at most one array or map and takes at least one byte, so all the
 * elements that the arrays and maps of a buffer declare (two per map
 * pair) cannot outnumber its bytes.
 */
struct bsky_sizes {
	size_t declared, limit;
	int bad;
};

static void bsky_declare(struct bsky_sizes *z, size_t n)
{
	if (n > z->limit - z->declared)
		z->bad = 1;
	else
		z->declared += n;
}

static void bsky_array_size(void *ctx, size_t n)
{
	bsky_declare(ctx, n);
}

static void bsky_map_size(void *ctx, size_t n)
{
	struct bsky_sizes *z = ctx;

	if (n > z->limit / 2)
		z->bad = 1;
	else
		bsky_declare(z, 2 * n);
}

/*
 * 0 when the arrays and maps in p[0..n) declare no more elements than n
 * bytes can hold. libcbor 0.8 allocates (and clears) a definite array's or
 * map's slots as soon as it reads the count, so a few bytes declaring
 * billions of elements (or many nested arrays each declaring millions)
 * would cost gigabytes: check every head first with libcbor's streaming
 * decoder, which allocates nothing. Slots then stay under 16 bytes for
 * every byte of the block.
 */
int bsky_cbor_sizes(const unsigned char *p, size_t n)
{
	struct cbor_callbacks cb = cbor_empty_callbacks;
	struct bsky_sizes z = { 0, n, 0 };
	struct cbor_decoder_result res;
	size_t off = 0;

	cb.array_start = bsky_array_size;
	cb.map_start = bsky_map_size;
	while (off < n && !z.bad) {
		res = cbor_stream_decode(p + off, n - off, &cb, &z);
		if (res.status != CBOR_DECODER_FINISHED || !res.read)
			break; /* cbor_load() will say what is wrong */
		off += res.read;
	}
	return z.bad ? -1 : 0;
}

/* The value of map[key], or NULL. */
cbor_item_t *bsky_get(const cbor_item_t *map, const char *key)
{
	struct cbor_pair *pairs;
	size_t i, n, kl = strlen(key);

	if (!map || !cbor_isa_map(map))
		return NULL;
	pairs = cbor_map_handle(map);
	n = cbor_map_size(map);
	for (i = 0; i < n; i++) {
		cbor_item_t *k = pairs[i].key;

		if (cbor_isa_string(k) && cbor_string_is_definite(k) &&
		    cbor_string_length(k) == kl &&
		    !memcmp(cbor_string_handle(k), key, kl))
			return pairs[i].value;
	}
	return NULL;
}

/*
 * A text or byte string as a NUL-terminated arena copy (indefinite strings
 * joined); NULL when item is not one, or text is not valid UTF-8.
 */
const char *bsky_text(struct cnd_arena *a, const cbor_item_t *item)
{
	struct cnd_buf b = CND_BUF_INIT;
	const char *ret = NULL;
	int text;
	size_t i;

	if (!item)
		return NULL;
	text = cbor_isa_string(item);
	if (!text && !cbor_isa_bytestring(item))
		return NULL;
	if (text ? cbor_string_is_definite(item) :
		   cbor_bytestring_is_definite(item)) {
		size_t n = text ? cbor_string_length(item) :
				  cbor_bytestring_length(item);
		const void *h = text ? cbor_string_handle(item) :
				       cbor_bytestring_handle(item);

		cnd_buf_add(&b, h ? h : "", n);
	} else {
		cbor_item_t **ch = text ? cbor_string_chunks_handle(item) :
					  cbor_bytestring_chunks_handle(item);
		size_t nc = text ? cbor_string_chunk_count(item) :
				   cbor_bytestring_chunk_count(item);

		for (i = 0; i < nc; i++) {
			const char *c = bsky_text(a, ch[i]);

			if (c)
				cnd_buf_adds(&b, c);
		}
	}
	if (text && b.len && !cnd_utf8_valid(b.data, b.len))
		goto out;
	ret = cnd_arena_strndup(a, b.data ? b.data : "", b.len);
out:
	cnd_buf_release(&b);
	return ret;
}

const char *bsky_str(struct cnd_arena *a, const cbor_item_t *map,
		     const char *key)
{
	cbor_item_t *v = bsky_get(map, key);

	return v && cbor_isa_string(v) ? bsky_text(a, v) : NULL;
}

/* The CID bytes of a link (tag 42); 0 when item is not a link. */
size_t bsky_link(const cbor_item_t *item, const unsigned char **cid)
{
	cbor_item_t *inner;
	const unsigned char *h;
	size_t n;

	if (!item || !cbor_isa_tag(item) ||
	    cbor_tag_value(item) != BSKY_TAG_LINK)
		return 0;
	inner = cbor_tag_item(item);
	/* cbor_tag_item adds a reference */
	if (!cbor_isa_bytestring(inner) ||
	    !cbor_bytestring_is_definite(inner)) {
		cbor_decref(&inner);
		return 0;
	}
	h = cbor_bytestring_handle(inner);
	n = cbor_bytestring_length(inner);
	cbor_decref(&inner); /* still held by the tag */
	if (n < 2 || h[0] != 0x00)
		return 0;
	*cid = h + 1;
	return n - 1;
}

int bsky_uint(const cbor_item_t *item, uint64_t *out)
{
	if (!item || !cbor_isa_uint(item))
		return -1;
	*out = cbor_get_int(item);
	return 0;
}

