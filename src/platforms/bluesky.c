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

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/base/hash.h"
#include "conduct/platforms/fields.h"
#include "conduct/platforms/platform.h"
#include "conduct/model/record.h"
#include "conduct/base/strmap.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

extern const struct cnd_platform cnd_platform_bluesky;

#include "bluesky_car.h"

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
	va_list ap;

	/* the format groups like problems, as cnd_scan_diag() does */
	va_start(ap, fmt);
	cnd_scan_vdiag(c->s, status, item, fmt, ap);
	va_end(ap);
	c->status = cnd_status_worst(c->status, status);
}

static int64_t bsky_time(struct bsky_ctx *c, const cbor_item_t *rec,
			 long long item)
{
	const char *at = bsky_str(&c->rec, rec, "createdAt");
	int64_t t;

	if (!at || !*at)
		return CND_TIME_NONE;
	/* through bsky_diag, which also sets the member's status */
	if (cnd_field_date(at, CND_DATE_ISO, &t) < 0)
		bsky_diag(c, CND_WARN, item,
			  "record has an unreadable createdAt '%s': kept without a time",
			  at);
	return t;
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
		ret = cnd_emit(c->s, &r);
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
