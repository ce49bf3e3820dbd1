/*
 * Bluesky: reads the account repository a person downloads from Settings >
 * Account > "Export my data" (the `com.atproto.sync.getRepo` endpoint) and
 * turns its records into posts (with replies and reposts), accounts
 * followed and likes. The file is binary: a CAR (content-addressed archive)
 * of DAG-CBOR blocks, decoded here with libcbor. The repository holds only
 * what the account itself published, keyed by DID (did:plc:...), never by
 * handle, so other accounts are known by DID alone; there is no followers
 * list, no direct messages (chat is a separate service) and no location.
 * Those gaps are noted in the coverage. The CAR is streamed, block by
 * block (CND_HANDLER_STREAM), so a repository of any size is read in the
 * memory of its largest block and of its record keys. A record's key
 * (its at:// address) is in the tree node that names it, and the
 * specification lets blocks come in any order (real exports come newest
 * first, so the node nearly always comes first): a record met before its
 * node is held until the end, and when more than 8 MiB would be held the
 * CAR is read once more, knowing every key from the first read.
 *
 * Format (FORMATS.md section 10; the atproto repository and CAR v1 specs;
 * no real export was at hand, fixtures are synthetic):
 *
 *   repo.car      varint(header length) header, then blocks until the end:
 *                 varint(section length) CID block-data
 *   header        DAG-CBOR { "version": 1, "roots": [ CID ] }
 *   CID           CIDv1: varint version (1), varint codec (0x71
 *                 dag-cbor, 0x55 raw), multihash: varint code (0x12
 *                 sha2-256), varint digest length, digest; or CIDv0 (a bare
 *                 sha2-256 multihash, 0x12 0x20 + 32 bytes)
 *   links         CBOR tag 42 around a byte string: 0x00 then the CID
 *   root block    the signed commit { "did", "version": 3, "data": link
 *                 to the MST root, "rev", "prev", "sig" }
 *   MST node      { "l": link or null, "e": [ { "p": prefix length, "k":
 *                 key suffix bytes, "v": link to the record, "t": link or
 *                 null } ] }; the full key, "app.bsky.feed.post/3kabc", is
 *                 the previous entry's key cut to p bytes plus k
 *   records       maps with "$type":
 *     app.bsky.feed.post     { text, createdAt (ISO), langs, reply { root,
 *                            parent { uri, cid } }, facets [ { features [
 *                            { "$type": "...#mention", did } ] } ], embed }
 *     app.bsky.feed.repost   { subject { uri, cid }, createdAt }
 *     app.bsky.feed.like     { subject { uri, cid }, createdAt }
 *     app.bsky.graph.follow  { subject: DID, createdAt }
 *     app.bsky.graph.block   { subject: DID, createdAt } (known; blocks
 *                            have no record kind and no rule, so they give
 *                            no records)
 *     app.bsky.actor.profile { displayName, description, avatar, ... }
 *                            (known; its display name and bio give no
 *                            records, as Twitter's profile.js)
 *   (at:// URIs name their author: at://did:plc:xyz/app.bsky.feed.post/3k)
 *
 * Every repository record is public, so posts are "public". A reply names
 * its parent's author as its counterpart (engagement, as an X reply) and
 * among the post's mentions (as a Twitter reply's
 * user_mentions do), beside the accounts of its mention facets. A repost's
 * text is not in the export: it reads "repost of at://..." and names the
 * reposted post's author. A like's counterpart is the liked post's author.
 * The commit and the MST nodes are not records. A record's id is its
 * at:// URI (repository DID, collection and record key from the MST), which
 * stays the same in next year's export; without a key it is the record's
 * CID. Damage (a bad varint, a truncated block) stops
 * the walk with a diagnostic naming the byte offset, keeping the records
 * before it; a block whose CID or CBOR is bad is skipped on its own.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cbor.h>

#include "conduct/arena.h"
#include "conduct/error.h"
#include "conduct/hash.h"
#include "conduct/platform.h"
#include "conduct/record.h"
#include "conduct/strmap.h"
#include "conduct/text.h"
#include "conduct/timeutil.h"

extern const struct cnd_platform cnd_platform_bluesky;

/*
 * Exported for tests/unit/test_bluesky.c only (which declares them again):
 * there is no public header because nothing else needs them.
 */
int cnd_bluesky_varint(const unsigned char *p, size_t n, uint64_t *out);
long cnd_bluesky_cid(const unsigned char *p, size_t n, uint64_t *codec);
size_t cnd_bluesky_cid_text(const unsigned char *cid, size_t n, char *buf,
			    size_t size);

#define BSKY_CODEC_DAG_CBOR 0x71
#define BSKY_HASH_SHA256 0x12
#define BSKY_TAG_LINK 42
#define BSKY_VARINT_MAX 9 /* multiformats caps varints at 9 bytes */

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

/* The parts of a CID that matter here. */
struct bsky_cid {
	uint64_t codec, hash;
	const unsigned char *digest;
	size_t digest_len;
};

/* Parse the CID at p; its length in bytes, or -1. */
static long bsky_cid_parse(const unsigned char *p, size_t n,
			   struct bsky_cid *c)
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
static int bsky_read_varint(struct bsky_walk *w, uint64_t *out)
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
static size_t bsky_take(struct bsky_walk *w, size_t n)
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
static int bsky_next(struct bsky_walk *w, struct bsky_block *b)
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
static int bsky_cbor_sizes(const unsigned char *p, size_t n)
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
static cbor_item_t *bsky_get(const cbor_item_t *map, const char *key)
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
static const char *bsky_text(struct cnd_arena *a, const cbor_item_t *item)
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

static const char *bsky_str(struct cnd_arena *a, const cbor_item_t *map,
			    const char *key)
{
	cbor_item_t *v = bsky_get(map, key);

	return v && cbor_isa_string(v) ? bsky_text(a, v) : NULL;
}

/* The CID bytes of a link (tag 42); 0 when item is not a link. */
static size_t bsky_link(const cbor_item_t *item, const unsigned char **cid)
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

static int bsky_uint(const cbor_item_t *item, uint64_t *out)
{
	if (!item || !cbor_isa_uint(item))
		return -1;
	*out = cbor_get_int(item);
	return 0;
}

/* --- The scan of one CAR --- */

/* A record block met before its key (or the account): held for the end. */
struct bsky_rec_block {
	size_t off; /* of the section, for diagnostics */
	long long index;
	const unsigned char *cid;
	size_t cid_len;
	const unsigned char *data;
	size_t data_len;
};

/*
 * Records met before the tree node that names them are held, up to this
 * many bytes; past it the CAR is read a second time, knowing every key
 * from the first (cnd_scan_again). Real exports come newest block first,
 * so a record's node nearly always comes before it.
 */
#define BSKY_PENDING_MAX (8u * 1024 * 1024)
/* The largest block read (a record or a tree node; far above real ones). */
#define BSKY_BLOCK_MAX ((size_t)64 * 1024 * 1024)
/* Facts kept for the second read (cnd_scan_learn, cnd_scan_memo). */
#define BSKY_FACT_KEYS "bluesky.keys"
#define BSKY_FACT_DID "bluesky.did"
#define BSKY_KEY_PREFIX "bluesky/" /* + CID bytes: the record's key */

struct bsky_ctx {
	struct cnd_scan *s;
	struct cnd_arena keep;	 /* lives for the whole CAR */
	struct cnd_arena rec;	 /* one record; reset after each */
	struct cnd_strmap *keys; /* BSKY_KEY_PREFIX CID -> "collection/rkey" */
	struct cnd_arena *keys_arena;
	struct cnd_buf keybuf;	 /* a lookup key being built */
	struct cnd_vec pending;	 /* struct bsky_rec_block */
	size_t pending_bytes;
	int overflow;	  /* records were let go: read the CAR again */
	int second;	  /* this is the second read: every key is known */
	const char *root; /* the root CID's bytes */
	size_t root_len;
	const char *did; /* the repository's account, from the commit */
	uint64_t mst_nodes;
	uint64_t keyless; /* records the tree does not name: id is the CID */
	struct cnd_strmap unknown; /* $type -> count (uintptr_t) */
	int status;
};

/* Fills r from a record of one $type; 0 when there is nothing to emit. */
typedef int (*bsky_record_fn)(struct bsky_ctx *c, const cbor_item_t *rec,
			      struct cnd_record *r);

static void bsky_diag(struct bsky_ctx *c, int status, long long item,
		      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A diagnostic that also sets the status the member is returned with. */
static void bsky_diag(struct bsky_ctx *c, int status, long long item,
		      const char *fmt, ...)
{
	char msg[CND_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cnd_scan_diag(c->s, status, item, "%s", msg);
	c->status = cnd_status_worst(c->status, status);
}

static int64_t bsky_time(struct bsky_ctx *c, const cbor_item_t *rec,
			 long long item)
{
	const char *at = bsky_str(&c->rec, rec, "createdAt");
	int64_t t;

	if (!at || !*at)
		return CND_TIME_NONE;
	if (!cnd_time_parse_iso(at, &t))
		return t;
	bsky_diag(c, CND_WARN, item,
		  "record has an unreadable createdAt '%s': kept without a time",
		  at);
	return CND_TIME_NONE;
}

/* The author of an at:// URI: its DID, or a handle in older URIs. */
static void bsky_uri_author(struct cnd_arena *a, const char *uri,
			    struct cnd_account *acc)
{
	const char *p, *end;
	char *who;

	if (!uri || strncmp(uri, "at://", 5))
		return;
	p = uri + 5;
	end = strchr(p, '/');
	who = cnd_arena_strndup(a, p, end ? (size_t)(end - p) : strlen(p));
	if (!*who)
		return;
	if (!strncmp(who, "did:", 4))
		acc->id = who;
	else
		acc->handle = who;
}

/* Posts name accounts through mention facets ({ $type "...#mention", did }). */
static void bsky_mentions(struct bsky_ctx *c, const cbor_item_t *rec,
			  struct cnd_account *out, size_t max, size_t *n)
{
	cbor_item_t *facets = bsky_get(rec, "facets");
	size_t i, j;

	if (!facets || !cbor_isa_array(facets))
		return;
	for (i = 0; i < cbor_array_size(facets); i++) {
		cbor_item_t *f = cbor_array_handle(facets)[i];
		cbor_item_t *feats = bsky_get(f, "features");

		if (!feats || !cbor_isa_array(feats))
			continue;
		for (j = 0; j < cbor_array_size(feats) && *n < max; j++) {
			cbor_item_t *ft = cbor_array_handle(feats)[j];
			const char *type = bsky_str(&c->rec, ft, "$type");
			const char *did = bsky_str(&c->rec, ft, "did");

			if (type && did && *did &&
			    !strcmp(type, "app.bsky.richtext.facet#mention")) {
				memset(&out[*n], 0, sizeof(out[*n]));
				out[(*n)++].id = did;
			}
		}
	}
}

#define BSKY_MENTIONS_MAX 64

static int bsky_post(struct bsky_ctx *c, const cbor_item_t *rec,
		     struct cnd_record *r)
{
	struct cnd_account *m;
	size_t n = 0;
	cbor_item_t *reply = bsky_get(rec, "reply");

	m = cnd_arena_alloc(&c->rec, BSKY_MENTIONS_MAX * sizeof(*m));
	r->kind = CND_REC_POST;
	r->text = bsky_str(&c->rec, rec, "text");
	if (!r->text)
		r->text = "";
	r->visibility = "public"; /* every repository record is public */
	if (reply && cbor_isa_map(reply)) {
		/* like a Twitter reply, the post names its parent's author */
		r->reply = 1;
		memset(&m[0], 0, sizeof(m[0]));
		bsky_uri_author(&c->rec,
				bsky_str(&c->rec, bsky_get(reply, "parent"),
					 "uri"),
				&m[0]);
		if (m[0].id || m[0].handle) {
			r->counterpart = m[0]; /* engagement, as an X reply */
			n++;
		}
	}
	bsky_mentions(c, rec, m, BSKY_MENTIONS_MAX, &n);
	r->mentions = m;
	r->n_mentions = n;
	return 1;
}

static int bsky_repost(struct bsky_ctx *c, const cbor_item_t *rec,
		       struct cnd_record *r)
{
	const char *uri = bsky_str(&c->rec, bsky_get(rec, "subject"), "uri");
	struct cnd_account *m = cnd_arena_alloc(&c->rec, sizeof(*m));

	memset(m, 0, sizeof(*m));
	r->kind = CND_REC_POST;
	r->repost = 1;
	r->visibility = "public";
	/* the reposted text is not in the export; say what was reposted */
	r->text = cnd_arena_printf(&c->rec, "repost of %s",
				   uri ? uri : "(unknown post)");
	bsky_uri_author(&c->rec, uri, &r->counterpart);
	*m = r->counterpart;
	if (m->id || m->handle) {
		r->mentions = m;
		r->n_mentions = 1;
	}
	return 1;
}

static int bsky_like(struct bsky_ctx *c, const cbor_item_t *rec,
		     struct cnd_record *r)
{
	r->kind = CND_REC_LIKE;
	bsky_uri_author(&c->rec,
			bsky_str(&c->rec, bsky_get(rec, "subject"), "uri"),
			&r->counterpart);
	return 1;
}

static int bsky_follow(struct bsky_ctx *c, const cbor_item_t *rec,
		       struct cnd_record *r)
{
	const char *did = bsky_str(&c->rec, rec, "subject");

	if (!did || !*did) {
		cnd_scan_diag(c->s, CND_WARN, r->prov.item,
			      "follow record has no subject DID: skipped");
		return 0;
	}
	r->kind = CND_REC_FOLLOW;
	r->dir = CND_FOLLOW_FOLLOWING;
	r->counterpart.id = did;
	return 1;
}

static const struct {
	const char *type;
	bsky_record_fn fn;
} bsky_types[] = {
	{ "app.bsky.feed.post", bsky_post },
	{ "app.bsky.feed.repost", bsky_repost },
	{ "app.bsky.feed.like", bsky_like },
	{ "app.bsky.graph.follow", bsky_follow },
	/*
	 * Known, and needed by no rule: read and left out quietly. Blocks
	 * have no record kind; the profile's display name and bio have no
	 * place in the report yet (as Twitter's profile.js).
	 */
	{ "app.bsky.graph.block", NULL },
	{ "app.bsky.actor.profile", NULL },
	{ "app.bsky.feed.threadgate", NULL },
	{ "app.bsky.feed.postgate", NULL },
	{ "app.bsky.feed.generator", NULL },
	{ "app.bsky.graph.list", NULL },
	{ "app.bsky.graph.listitem", NULL },
	{ "app.bsky.graph.listblock", NULL },
	{ "app.bsky.graph.starterpack", NULL },
	{ "chat.bsky.actor.declaration", NULL },
	{ NULL, NULL },
};

/* Decode one block; NULL with a diagnostic when its CBOR is bad. */
static cbor_item_t *bsky_decode(struct bsky_ctx *c, const struct bsky_block *b,
				long long index, int report)
{
	struct cbor_load_result res;
	cbor_item_t *item;

	if (!b->data_len) {
		if (report)
			bsky_diag(c, CND_FAILED, index,
				  "block at byte offset %zu is empty: skipped",
				  b->off);
		return NULL;
	}
	if (bsky_cbor_sizes(b->data, b->data_len)) {
		if (report)
			bsky_diag(c, CND_FAILED, index,
				  "block at byte offset %zu is not valid CBOR (an array or map longer than the block): skipped",
				  b->off);
		return NULL;
	}
	item = cbor_load(b->data, b->data_len, &res);
	if (!item || res.error.code != CBOR_ERR_NONE) {
		if (item)
			cbor_decref(&item);
		if (report) {
			char why[96];

			snprintf(why, sizeof(why),
				 "is not valid CBOR (%s at block byte %zu)",
				 res.error.code == CBOR_ERR_NOTENOUGHDATA ?
					 "data ends early" :
				 res.error.code == CBOR_ERR_MEMERROR ?
					 "too large or too deeply nested" :
					 "malformed",
				 res.error.position);
			bsky_diag(c, CND_FAILED, index,
				  "block at byte offset %zu %s: skipped",
				  b->off, why);
		}
		return NULL;
	}
	if (res.read != b->data_len && report)
		bsky_diag(c, CND_WARN, index,
			  "block at byte offset %zu has bytes after its CBOR value: ignored",
			  b->off);
	return item;
}

/* The lookup key of a record's CID in the memo map. */
static const char *bsky_key_of(struct bsky_ctx *c, const unsigned char *cid,
			       size_t n, size_t *len)
{
	c->keybuf.len = 0;
	cnd_buf_adds(&c->keybuf, BSKY_KEY_PREFIX);
	cnd_buf_add(&c->keybuf, cid, n);
	*len = c->keybuf.len;
	return c->keybuf.data;
}

static const char *bsky_key(struct bsky_ctx *c, const unsigned char *cid,
			    size_t n)
{
	size_t len;
	const char *k = bsky_key_of(c, cid, n, &len);

	return cnd_strmap_getn(c->keys, k, len);
}

/* MST node: remember each entry's full key under its record's CID. */
static void bsky_mst(struct bsky_ctx *c, const cbor_item_t *node)
{
	cbor_item_t *e = bsky_get(node, "e");
	struct cnd_buf key = CND_BUF_INIT;
	size_t i;

	c->mst_nodes++;
	if (c->second)
		return; /* the first read knew every key */
	for (i = 0; i < cbor_array_size(e); i++) {
		cbor_item_t *ent = cbor_array_handle(e)[i];
		cbor_item_t *k = bsky_get(ent, "k");
		const unsigned char *cid;
		size_t cl = bsky_link(bsky_get(ent, "v"), &cid), kl;
		const char *lk;
		uint64_t p;

		if (bsky_uint(bsky_get(ent, "p"), &p) || p > key.len || !k ||
		    !cbor_isa_bytestring(k) || !cbor_bytestring_is_definite(k))
			break; /* the node's later keys cannot be known */
		key.len = (size_t)p;
		cnd_buf_add(&key, cbor_bytestring_handle(k),
			    cbor_bytestring_length(k));
		if (!cl || !cnd_utf8_valid(key.data, key.len))
			continue;
		lk = bsky_key_of(c, cid, cl, &kl);
		if (!cnd_strmap_getn(c->keys, lk, kl))
			cnd_strmap_putn(c->keys, lk, kl,
					cnd_arena_strndup(c->keys_arena,
							  key.data, key.len));
	}
	cnd_buf_release(&key);
}

static void bsky_commit(struct bsky_ctx *c, const cbor_item_t *commit,
			long long index)
{
	const char *did = bsky_str(&c->keep, commit, "did");

	if (!did || strncmp(did, "did:", 4)) {
		cnd_scan_diag(c->s, CND_WARN, index,
			      "the root commit names no DID: the account is unknown");
		return;
	}
	c->did = did;
	cnd_scan_learn(c->s, BSKY_FACT_DID, did, 0);
}

static int bsky_same(const unsigned char *a, size_t an,
		     const unsigned char *b, size_t bn)
{
	return an && an == bn && !memcmp(a, b, an);
}

/* The header: { version: 1, roots: [CID] }. Returns 0 when it is bad. */
static int bsky_header(struct bsky_ctx *c, struct bsky_walk *w)
{
	struct cbor_load_result res;
	cbor_item_t *h = NULL, *roots;
	const unsigned char *p;
	uint64_t hl, version;
	int k, ok = 0;

	k = bsky_read_varint(w, &hl);
	if (k <= 0 || hl == 0 || hl > BSKY_BLOCK_MAX ||
	    bsky_take(w, (size_t)hl) < hl) {
		bsky_diag(c, CND_FAILED, -1,
			  "not a CAR file: %s at byte offset 0",
			  k <= 0 || hl == 0 ? "no valid header length" :
					      "the header length runs past the end");
		return 0;
	}
	p = (const unsigned char *)w->sec.data;
	if (bsky_cbor_sizes(p, (size_t)hl)) {
		bsky_diag(c, CND_FAILED, -1,
			  "not a CAR file: the header at byte offset %d declares an array or map longer than itself",
			  k);
		return 0;
	}
	h = cbor_load(p, (size_t)hl, &res);
	if (!h || res.error.code != CBOR_ERR_NONE || !cbor_isa_map(h)) {
		bsky_diag(c, CND_FAILED, -1,
			  "not a CAR file: the header at byte offset %d is not a CBOR map",
			  k);
		goto out;
	}
	if (bsky_uint(bsky_get(h, "version"), &version) || version != 1) {
		bsky_diag(c, CND_FAILED, -1,
			  "unsupported CAR file: the header at byte offset %d is not version 1 (CAR v2 files are not read)",
			  k);
		goto out;
	}
	roots = bsky_get(h, "roots");
	if (roots && cbor_isa_array(roots) && cbor_array_size(roots) > 0) {
		const unsigned char *cid;
		size_t n = bsky_link(cbor_array_handle(roots)[0], &cid);

		if (n) { /* copied: the header's item is freed below */
			c->root = cnd_arena_strndup(&c->keep,
						    (const char *)cid, n);
			c->root_len = n;
		}
	}
	if (!c->root_len)
		cnd_scan_diag(c->s, CND_WARN, -1,
			      "the CAR header names no root: the commit (and the account) cannot be found");
	ok = 1;
out:
	if (h)
		cbor_decref(&h);
	return ok;
}

static void bsky_unknown(struct bsky_ctx *c, const char *type)
{
	uintptr_t n = (uintptr_t)cnd_strmap_get(&c->unknown, type);

	cnd_strmap_put(&c->unknown, type, (void *)(n + 1));
}

/*
 * One record block into a struct cnd_record; item is its decoded value
 * (taken over), or NULL to decode it again.
 */
static int bsky_record(struct bsky_ctx *c, const struct bsky_rec_block *rb,
		       cbor_item_t *item)
{
	struct bsky_block b = { rb->off, rb->cid, rb->cid_len,
				BSKY_CODEC_DAG_CBOR, rb->data, rb->data_len };
	struct cnd_record r = { 0 };
	const char *type, *key;
	size_t i;
	int ret = CND_OK;

	if (!item)
		item = bsky_decode(c, &b, rb->index, 0);
	if (!item)
		return CND_OK; /* reported when it was met */
	type = bsky_str(&c->rec, item, "$type");
	for (i = 0; bsky_types[i].type; i++)
		if (type && !strcmp(type, bsky_types[i].type))
			break;
	if (!bsky_types[i].type) {
		bsky_unknown(c, type ? type : "(no type)");
		goto out_item;
	}
	if (!bsky_types[i].fn)
		goto out_item;
	r.prov.member = cnd_scan_member(c->s);
	r.prov.item = rb->index;
	key = bsky_key(c, rb->cid, rb->cid_len);
	if (key && c->did) {
		r.id = cnd_arena_printf(&c->rec, "at://%s/%s", c->did, key);
	} else {
		char *t = cnd_arena_alloc(&c->rec, rb->cid_len * 8 / 5 + 4);

		c->keyless++;

		cnd_bluesky_cid_text(rb->cid, rb->cid_len, t,
				     rb->cid_len * 8 / 5 + 4);
		r.id = t;
	}
	r.time = bsky_time(c, item, rb->index);
	if (bsky_types[i].fn(c, item, &r))
		ret = cnd_emit(c->s, &r) >= CND_FATAL ? CND_FATAL : CND_OK;
out_item:
	cbor_decref(&item);
	cnd_arena_reset(&c->rec);
	return ret;
}

static void bsky_report_unknown(struct bsky_ctx *c)
{
	struct cnd_buf b = CND_BUF_INIT;
	size_t i;

	for (i = 0; i < c->unknown.cap; i++) {
		const struct cnd_strmap_slot *sl = &c->unknown.slots[i];

		if (!sl->key)
			continue;
		cnd_buf_printf(&b, "%s%s (%lu)", b.len ? ", " : "", sl->key,
			       (unsigned long)(uintptr_t)sl->value);
	}
	if (b.len)
		cnd_scan_diag(c->s, CND_WARN, -1,
			      "records of types conduct does not read were left out: %s",
			      b.data);
	cnd_buf_release(&b);
}

/* A record block: emitted now when its key and the account are known. */
static int bsky_record_block(struct bsky_ctx *c, const struct bsky_block *b,
			     long long index, cbor_item_t *item)
{
	struct bsky_rec_block rb = { b->off, index, b->cid, b->cid_len,
				     b->data, b->data_len };
	struct bsky_rec_block *held;
	unsigned char *copy;

	if (c->second || (c->did && bsky_key(c, b->cid, b->cid_len)))
		return bsky_record(c, &rb, item);
	cbor_decref(&item);
	if (c->overflow)
		return CND_OK;
	if (c->pending_bytes + b->cid_len + b->data_len > BSKY_PENDING_MAX) {
		c->overflow = 1; /* read again, knowing every key */
		return CND_OK;
	}
	copy = cnd_arena_alloc(&c->keep, b->cid_len + b->data_len);
	memcpy(copy, b->cid, b->cid_len);
	memcpy(copy + b->cid_len, b->data, b->data_len);
	held = cnd_vec_push(&c->pending);
	*held = rb;
	held->cid = copy;
	held->data = copy + b->cid_len;
	c->pending_bytes += b->cid_len + b->data_len;
	return CND_OK;
}

/* Every block: the commit, tree nodes (keys), records. */
static int bsky_blocks(struct bsky_ctx *c, struct bsky_walk *w)
{
	struct bsky_block b;
	char hex[CND_SHA256_HEX];
	int r, ret = CND_OK;

	while (ret < CND_FATAL && (r = bsky_next(w, &b)) > 0) {
		long long index = w->index - 1;
		struct bsky_cid cid;
		cbor_item_t *item, *type, *e;

		if (!b.cid_len) {
			bsky_diag(c, CND_FAILED, index,
				  "block at byte offset %zu does not start with a valid CID: skipped",
				  b.off);
			continue;
		}
		if (b.codec != BSKY_CODEC_DAG_CBOR)
			continue; /* raw blobs (images): not records */
		if (bsky_cid_parse(b.cid, b.cid_len, &cid) > 0 &&
		    cid.hash == BSKY_HASH_SHA256 && cid.digest_len == 32) {
			char want[CND_SHA256_HEX];
			size_t i;

			cnd_sha256_hex(b.data, b.data_len, hex);
			for (i = 0; i < 32; i++)
				snprintf(want + 2 * i, 3, "%02x",
					 cid.digest[i]);
			if (strcmp(hex, want))
				bsky_diag(c, CND_WARN, index,
					  "block at byte offset %zu does not match its CID's digest: its content may be damaged",
					  b.off);
		}
		item = bsky_decode(c, &b, index, 1);
		if (!item)
			continue;
		type = bsky_get(item, "$type");
		if (bsky_same(b.cid, b.cid_len,
			      (const unsigned char *)c->root, c->root_len)) {
			bsky_commit(c, item, index);
		} else if (type && cbor_isa_string(type)) {
			ret = bsky_record_block(c, &b, index, item);
			continue; /* item taken over */
		} else if ((e = bsky_get(item, "e")) && cbor_isa_array(e) &&
			   bsky_get(item, "l")) {
			bsky_mst(c, item);
		}
		cbor_decref(&item);
	}
	if (ret < CND_FATAL && r < 0)
		bsky_diag(c, CND_FAILED, w->index,
			  "the CAR file is damaged at byte offset %zu (%s): the blocks before it were read, the rest is lost",
			  w->off, w->why);
	return ret;
}

/*
 * The repository, streamed: records are emitted as they come when the
 * tree node naming them came first, held when not, and emitted at the end
 * (their keys known by then). When more is held than BSKY_PENDING_MAX,
 * the CAR is read once more, knowing every key from the first read.
 */
static int bsky_car(struct cnd_scan *s, const char *data, size_t len)
{
	struct bsky_ctx c;
	struct bsky_walk *w = cnd_xcalloc(1, sizeof(*w));
	size_t i;
	int ret = CND_OK;

	(void)data;
	(void)len;
	memset(&c, 0, sizeof(c));
	c.s = s;
	cnd_arena_init(&c.keep);
	cnd_arena_init(&c.rec);
	cnd_strmap_init(&c.unknown);
	cnd_vec_init(&c.pending, sizeof(struct bsky_rec_block));
	c.keys = cnd_scan_memo(s, &c.keys_arena);
	c.second = cnd_scan_fact(s, BSKY_FACT_KEYS) != NULL;
	if (c.second)
		c.did = cnd_scan_fact(s, BSKY_FACT_DID);
	w->s = s;
	w->max = BSKY_BLOCK_MAX;
	if (!bsky_header(&c, w))
		goto out;
	ret = bsky_blocks(&c, w);
	if (c.overflow && ret < CND_FATAL) {
		cnd_scan_learn(s, BSKY_FACT_KEYS, "all", 1);
		goto out; /* what this read raised is taken back */
	}
	if (c.root_len && !c.did)
		cnd_scan_diag(s, CND_WARN, -1,
			      "the root commit was not found among the blocks: the account's DID is unknown");
	if (c.did)
		cnd_scan_set_account(s, c.did);
	for (i = 0; i < c.pending.len && ret < CND_FATAL; i++)
		ret = bsky_record(&c, cnd_vec_at(&c.pending, i), NULL);
	bsky_report_unknown(&c);
	if (c.keyless)
		bsky_diag(&c, CND_WARN, -1,
			  "%llu record%s not named by the repository's tree (%llu tree node%s read): identified by CID instead of an at:// address",
			  (unsigned long long)c.keyless,
			  c.keyless == 1 ? " is" : "s are",
			  (unsigned long long)c.mst_nodes,
			  c.mst_nodes == 1 ? "" : "s");
out:
	cnd_buf_release(&w->sec);
	free(w);
	cnd_buf_release(&c.keybuf);
	cnd_vec_release(&c.pending);
	cnd_strmap_release(&c.unknown);
	cnd_arena_release(&c.rec);
	cnd_arena_release(&c.keep);
	return ret >= CND_FATAL ? CND_FATAL : c.status;
}

static int bsky_finish(struct cnd_scan *s)
{
	cnd_scan_gap(s,
		     "Bluesky exports hold DIDs, not handles: other accounts are known by DID only; register clients by DID (account_ids bluesky:did:plc:...)");
	cnd_scan_gap(s,
		     "Bluesky exports hold no followers list: who follows the person cannot be reviewed");
	cnd_scan_gap(s,
		     "Bluesky exports hold no direct messages (chat is a separate service) and no location");
	cnd_scan_gap(s,
		     "Bluesky exports hold no text of liked or reposted posts, only their at:// addresses");
	return CND_OK;
}

static const struct cnd_handler bsky_handlers[] = {
	{ "repo.car", CND_KIND_RAW, NULL, NULL, "account repository (CAR)",
	  CND_HANDLER_STREAM, bsky_car },
	{ "*.car", CND_KIND_RAW, NULL, NULL, "account repository (CAR)",
	  CND_HANDLER_STREAM, bsky_car },
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

const struct cnd_platform cnd_platform_bluesky = {
	.name = "bluesky",
	.title = "Bluesky",
	.handlers = bsky_handlers,
	.ignore = NULL,
	.state_size = 0,
	.finish = bsky_finish,
};
