/*
 * Unit tests of the Bluesky platform (src/platforms/bluesky.c): the varint
 * and CID readers on their own, then small CAR files built here record by
 * record with libcbor (a commit, one MST node, a post with a reply and a
 * mention, a repost, a like, a follow, a block and a profile), written into
 * a private temporary folder and scanned through the library as
 * `conduct scan` would: the counts, the account, the findings with their
 * at:// record ids, and what a truncated file, a damaged block and a file
 * that is no CAR at all give.
 */
#include <cbor.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "conduct/base/hash.h"
#include "conduct/config/register.h"
#include "conduct/run/scan.h"
#include "harness.h"

/* In src/platforms/bluesky.c (no public header: only tests use them). */
int cnd_bluesky_varint(const unsigned char *p, size_t n, uint64_t *out);
long cnd_bluesky_cid(const unsigned char *p, size_t n, uint64_t *codec);
size_t cnd_bluesky_cid_text(const unsigned char *cid, size_t n, char *buf,
			    size_t size);

TEST(bluesky_varint)
{
	static const unsigned char one[] = { 0x01 };
	static const unsigned char b300[] = { 0xac, 0x02 };
	static const unsigned char max9[] = { 0xff, 0xff, 0xff, 0xff, 0xff,
					      0xff, 0xff, 0xff, 0x7f };
	static const unsigned char ten[] = { 0x80, 0x80, 0x80, 0x80, 0x80,
					     0x80, 0x80, 0x80, 0x80, 0x01 };
	static const unsigned char cut[] = { 0x80, 0x80 };
	uint64_t v = 99;

	CHECK_INT(cnd_bluesky_varint(one, sizeof(one), &v), 1);
	CHECK_INT(v, 1);
	CHECK_INT(cnd_bluesky_varint(b300, sizeof(b300), &v), 2);
	CHECK_INT(v, 300);
	CHECK_INT(cnd_bluesky_varint(max9, sizeof(max9), &v), 9);
	CHECK(v == 0x7fffffffffffffffULL);
	CHECK_INT(cnd_bluesky_varint(ten, sizeof(ten), &v), -1);
	CHECK_INT(cnd_bluesky_varint(cut, sizeof(cut), &v), 0);
	CHECK_INT(cnd_bluesky_varint(one, 0, &v), 0);
}

/* The CIDv1 (dag-cbor, sha2-256) of the empty map a0, and its text form. */
static const unsigned char empty_cid[] = {
	0x01, 0x71, 0x12, 0x20, 0xc1, 0x9a, 0x79, 0x7f, 0xa1, 0xfd, 0x59, 0x0c,
	0xd2, 0xe5, 0xb4, 0x2d, 0x1c, 0xf5, 0xf2, 0x46, 0xe2, 0x9b, 0x91, 0x68,
	0x4e, 0x2f, 0x87, 0x40, 0x4b, 0x81, 0xdc, 0x34, 0x5c, 0x7a, 0x56, 0xa0,
};
#define EMPTY_CID_TEXT "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua"

TEST(bluesky_cid)
{
	unsigned char v0[40], v2[sizeof(empty_cid)], buf[64];
	char text[80];
	uint64_t codec = 0;

	CHECK_INT(cnd_bluesky_cid(empty_cid, sizeof(empty_cid), &codec), 36);
	CHECK_INT(codec, 0x71);
	/* followed by block data: the CID's own length is still 36 */
	memcpy(buf, empty_cid, sizeof(empty_cid));
	buf[36] = 0xa0;
	CHECK_INT(cnd_bluesky_cid(buf, 37, &codec), 36);
	/* the digest runs past the end */
	CHECK_INT(cnd_bluesky_cid(empty_cid, 30, &codec), -1);
	/* version 2 is not a CID */
	memcpy(v2, empty_cid, sizeof(v2));
	v2[0] = 0x02;
	CHECK_INT(cnd_bluesky_cid(v2, sizeof(v2), &codec), -1);
	/* CIDv0: a bare sha2-256 multihash, dag-pb */
	memset(v0, 0x5a, sizeof(v0));
	v0[0] = 0x12;
	v0[1] = 0x20;
	CHECK_INT(cnd_bluesky_cid(v0, sizeof(v0), &codec), 34);
	CHECK_INT(codec, 0x70);
	CHECK_INT(cnd_bluesky_cid(v0, 20, &codec), -1);

	CHECK_INT(cnd_bluesky_cid_text(empty_cid, sizeof(empty_cid), text,
				       sizeof(text)),
		  strlen(EMPTY_CID_TEXT));
	CHECK_STR(text, EMPTY_CID_TEXT);
	CHECK_INT(cnd_bluesky_cid_text(empty_cid, sizeof(empty_cid), text, 20),
		  0);
}

/* --- Building CAR files --- */

struct tb_block {
	unsigned char *data;
	size_t len;
	unsigned char cid[36];
};

static cbor_item_t *tb_str(const char *s)
{
	return cbor_move(cbor_build_string(s));
}

static void tb_put(cbor_item_t *map, const char *key, cbor_item_t *value)
{
	struct cbor_pair p;

	p.key = tb_str(key);
	p.value = value;
	CHECK(cbor_map_add(map, p));
}

static cbor_item_t *tb_link(const unsigned char cid[36])
{
	unsigned char b[37];

	b[0] = 0x00;
	memcpy(b + 1, cid, 36);
	return cbor_move(
		cbor_build_tag(42, cbor_move(cbor_build_bytestring(b, 37))));
}

/* Serialise item (and release it) into a block with its CID. */
static void tb_block(struct tb_block *b, cbor_item_t *item)
{
	char hex[CND_SHA256_HEX];
	size_t cap = 0, i;

	b->len = cbor_serialize_alloc(item, &b->data, &cap);
	CHECK(b->len > 0);
	cbor_decref(&item);
	cnd_sha256_hex(b->data, b->len, hex);
	memcpy(b->cid, empty_cid, 4); /* 01 71 12 20 */
	for (i = 0; i < 32; i++) {
		unsigned x;

		sscanf(hex + 2 * i, "%2x", &x);
		b->cid[4 + i] = (unsigned char)x;
	}
}

static void tb_varint(struct cnd_buf *out, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;

		v >>= 7;
		if (v)
			c |= 0x80;
		cnd_buf_add(out, &c, 1);
	} while (v);
}

static cbor_item_t *tb_record(const char *type, const char *created)
{
	cbor_item_t *m = cbor_new_definite_map(8);

	tb_put(m, "$type", tb_str(type));
	if (created)
		tb_put(m, "createdAt", tb_str(created));
	return m;
}

static cbor_item_t *tb_strong_ref(const char *uri)
{
	cbor_item_t *m = cbor_new_definite_map(2);

	tb_put(m, "uri", tb_str(uri));
	tb_put(m, "cid", tb_str(EMPTY_CID_TEXT));
	return cbor_move(m);
}

#define TB_RECORDS 6

static const char *const tb_keys[TB_RECORDS] = {
	"app.bsky.actor.profile/self",	  "app.bsky.feed.like/3aac",
	"app.bsky.feed.post/3aaa",	  "app.bsky.feed.repost/3aab",
	"app.bsky.graph.block/3aae",	  "app.bsky.graph.follow/3aad",
};

/* The records, in the order of tb_keys. */
static void tb_records(struct tb_block rec[TB_RECORDS])
{
	cbor_item_t *m, *reply, *facet, *feats, *feat, *arr;

	m = tb_record("app.bsky.actor.profile", NULL);
	tb_put(m, "displayName", tb_str("Sam Unit"));
	tb_block(&rec[0], m);

	m = tb_record("app.bsky.feed.like", "2024-03-01T10:00:00.000Z");
	tb_put(m, "subject",
	       tb_strong_ref("at://did:plc:client/app.bsky.feed.post/3zzz"));
	tb_block(&rec[1], m);

	m = tb_record("app.bsky.feed.post", "2024-03-02T11:30:00.123Z");
	tb_put(m, "text", tb_str("Thanks @fran.example.com, see you Tuesday"));
	reply = cbor_new_definite_map(2);
	tb_put(reply, "root",
	       tb_strong_ref("at://did:plc:parent/app.bsky.feed.post/3yyy"));
	tb_put(reply, "parent",
	       tb_strong_ref("at://did:plc:parent/app.bsky.feed.post/3yyy"));
	tb_put(m, "reply", cbor_move(reply));
	feat = cbor_new_definite_map(2);
	tb_put(feat, "$type", tb_str("app.bsky.richtext.facet#mention"));
	tb_put(feat, "did", tb_str("did:plc:friend"));
	feats = cbor_new_definite_array(1);
	CHECK(cbor_array_push(feats, cbor_move(feat)));
	facet = cbor_new_definite_map(1);
	tb_put(facet, "features", cbor_move(feats));
	arr = cbor_new_definite_array(1);
	CHECK(cbor_array_push(arr, cbor_move(facet)));
	tb_put(m, "facets", cbor_move(arr));
	tb_block(&rec[2], m);

	m = tb_record("app.bsky.feed.repost", "2024-03-03T09:00:00Z");
	tb_put(m, "subject",
	       tb_strong_ref("at://did:plc:friend/app.bsky.feed.post/3xxx"));
	tb_block(&rec[3], m);

	m = tb_record("app.bsky.graph.block", "2024-03-04T09:00:00Z");
	tb_put(m, "subject", tb_str("did:plc:spam"));
	tb_block(&rec[4], m);

	m = tb_record("app.bsky.graph.follow", "2024-03-05T09:00:00Z");
	tb_put(m, "subject", tb_str("did:plc:client"));
	tb_block(&rec[5], m);
}

/* One MST node holding every key (sorted, prefix-compressed). */
static void tb_mst(struct tb_block *node, const struct tb_block *rec)
{
	cbor_item_t *m = cbor_new_definite_map(2), *e;
	const char *prev = "";
	size_t i;

	e = cbor_new_definite_array(TB_RECORDS);
	for (i = 0; i < TB_RECORDS; i++) {
		cbor_item_t *ent = cbor_new_definite_map(4);
		const char *k = tb_keys[i];
		size_t p = 0;

		while (k[p] && k[p] == prev[p])
			p++;
		tb_put(ent, "p", cbor_move(cbor_build_uint8((uint8_t)p)));
		tb_put(ent, "k",
		       cbor_move(cbor_build_bytestring(
			       (const unsigned char *)k + p, strlen(k) - p)));
		tb_put(ent, "v", tb_link(rec[i].cid));
		tb_put(ent, "t", cbor_move(cbor_new_null()));
		CHECK(cbor_array_push(e, cbor_move(ent)));
		prev = k;
	}
	tb_put(m, "l", cbor_move(cbor_new_null()));
	tb_put(m, "e", cbor_move(e));
	tb_block(node, m);
}

/*
 * A whole repository: header, commit, MST node (left out when !tree), then
 * the records in the order given by `order` (indexes into tb_keys). *last
 * is set to the byte offset of the last section.
 */
static void tb_car(struct cnd_buf *out, const int order[TB_RECORDS],
		   size_t *last, int tree)
{
	struct tb_block rec[TB_RECORDS], node, commit, header;
	struct tb_block *all[TB_RECORDS + 2];
	cbor_item_t *m, *roots;
	size_t i;

	tb_records(rec);
	tb_mst(&node, rec);
	m = cbor_new_definite_map(6);
	tb_put(m, "did", tb_str("did:plc:subject"));
	tb_put(m, "version", cbor_move(cbor_build_uint8(3)));
	tb_put(m, "data", tb_link(node.cid));
	tb_put(m, "rev", tb_str("3aaaaaaaaaaaa"));
	tb_put(m, "prev", cbor_move(cbor_new_null()));
	tb_put(m, "sig", cbor_move(cbor_build_bytestring(empty_cid, 32)));
	tb_block(&commit, m);
	m = cbor_new_definite_map(2);
	roots = cbor_new_definite_array(1);
	CHECK(cbor_array_push(roots, tb_link(commit.cid)));
	tb_put(m, "version", cbor_move(cbor_build_uint8(1)));
	tb_put(m, "roots", cbor_move(roots));
	tb_block(&header, m);

	tb_varint(out, header.len);
	cnd_buf_add(out, header.data, header.len);
	all[0] = &commit;
	all[1] = &node;
	for (i = 0; i < TB_RECORDS; i++)
		all[2 + i] = &rec[order[i]];
	for (i = 0; i < TB_RECORDS + 2; i++) {
		if (all[i] == &node && !tree)
			continue;
		*last = out->len;
		tb_varint(out, 36 + all[i]->len);
		cnd_buf_add(out, all[i]->cid, 36);
		cnd_buf_add(out, all[i]->data, all[i]->len);
	}
	free(header.data);
	free(commit.data);
	free(node.data);
	for (i = 0; i < TB_RECORDS; i++)
		free(rec[i].data);
}

/* --- Scanning them --- */

struct tb_scan {
	char dir[64];
	char file[96];
	struct cnd_run run;
	struct cnd_register *reg;
	struct cnd_archive *a;
};

static const char tb_register[] =
	"ref,names,handles,account_ids,active_from,active_to,former\n"
	"C-1,Alex Client,,bluesky:did:plc:client,,,no\n"
	"C-2,Fran Friend,,bluesky:did:plc:friend,,,no\n";

static void tb_scan(struct tb_scan *t, const void *car, size_t len)
{
	struct cnd_options opt;
	struct cnd_error err;
	FILE *f;

	memset(t, 0, sizeof(*t));
	snprintf(t->dir, sizeof(t->dir), "/tmp/conduct-bsky-XXXXXX");
	CHECK(mkdtemp(t->dir) != NULL);
	snprintf(t->file, sizeof(t->file), "%s/repo.car", t->dir);
	f = fopen(t->file, "wb");
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(fwrite(car, 1, len, f), len);
		fclose(f);
	}
	CHECK_INT(cnd_register_parse(&t->reg, tb_register,
				     sizeof(tb_register) - 1, NULL, NULL, &err),
		  CND_OK);
	cnd_options_init(&opt);
	opt.deterministic = 1;
	opt.generated_at = 0;
	opt.clients = t->reg;
	cnd_run_init(&t->run, &opt);
	cnd_run_scan(&t->run, t->dir);
	cnd_run_finish(&t->run);
	CHECK_INT(t->run.archives.len, 1);
	t->a = cnd_run_archive(&t->run, 0);
}

static void tb_done(struct tb_scan *t)
{
	cnd_run_release(&t->run);
	cnd_register_free(t->reg);
	unlink(t->file);
	rmdir(t->dir);
}

/* The finding of rule for client (and record id, when given), or NULL. */
static const struct cnd_finding *tb_finding(const struct tb_scan *t,
					    const char *rule,
					    const char *client,
					    const char *record_id)
{
	size_t i;

	for (i = 0; i < t->run.findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(&t->run, i);

		if (!strcmp(f->rule, rule) && f->client &&
		    !strcmp(f->client, client) &&
		    (!record_id ||
		     (f->record_id && !strcmp(f->record_id, record_id))))
			return f;
	}
	return NULL;
}

/* 1 when a diagnostic of at least status holds every one of the words. */
static int tb_diag(const struct cnd_archive *a, int status, const char *w1,
		   const char *w2)
{
	size_t i;

	for (i = 0; i < a->diags.len; i++) {
		const struct cnd_diag *d = cnd_vec_at(&a->diags, i);

		if (d->status >= status && strstr(d->message, w1) &&
		    (!w2 || strstr(d->message, w2)))
			return 1;
	}
	return 0;
}

static const int tb_order[TB_RECORDS] = { 0, 2, 3, 1, 4, 5 };

TEST(bluesky_car_records)
{
	struct cnd_buf car = CND_BUF_INIT;
	struct tb_scan t;
	const struct cnd_finding *f;
	size_t last, i;

	tb_car(&car, tb_order, &last, 1);
	tb_scan(&t, car.data, car.len);
	CHECK_STR(t.a->platform, "bluesky");
	CHECK_STR(t.a->account, "did:plc:subject");
	CHECK_INT(t.a->status, CND_OK);
	for (i = 0; i < t.a->diags.len; i++)
		fprintf(stderr, "  unexpected diagnostic: %s\n",
			((struct cnd_diag *)cnd_vec_at(&t.a->diags, i))
				->message);
	CHECK_INT(t.a->diags.len, 0);
	CHECK_INT(t.a->counts[CND_COUNT_POSTS], 2); /* post and repost */
	CHECK_INT(t.a->counts[CND_COUNT_FOLLOWING], 1);
	CHECK_INT(t.a->counts[CND_COUNT_FOLLOWERS], 0);
	CHECK_INT(t.a->counts[CND_COUNT_LIKES], 1);
	CHECK_INT(t.a->counts[CND_COUNT_MESSAGES], 0);
	/* the block and the profile give no records */
	CHECK_INT(t.a->records, 4);

	/* the follow of a registered DID */
	f = tb_finding(&t, "client-connection", "C-1", NULL);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->confidence, CND_CONF_CONFIRMED);
		CHECK_STR(f->matched, "did:plc:client");
		CHECK_STR(f->prov.member, "repo.car");
		CHECK_INT(f->prov.item, 7); /* the eighth block */
	}
	/* the mention facet of the post, with the post's at:// id and time */
	f = tb_finding(&t, "client-mention", "C-2",
		       "at://did:plc:subject/app.bsky.feed.post/3aaa");
	CHECK(f != NULL);
	if (f)
		CHECK_INT(f->time, 1709379000); /* 2024-03-02T11:30:00Z */
	/* the repost names the reposted post's author */
	CHECK(tb_finding(&t, "client-mention", "C-2",
			 "at://did:plc:subject/app.bsky.feed.repost/3aab") !=
	      NULL);
	/* "Alex" alone is not the registered name "Alex Client" */
	CHECK(tb_finding(&t, "client-mention", "C-1", NULL) == NULL);
	tb_done(&t);
	cnd_buf_release(&car);
}

TEST(bluesky_truncated_car)
{
	struct cnd_buf car = CND_BUF_INIT;
	struct tb_scan t;
	char where[64];
	size_t last;

	/* the follow is the last block; cut the file inside it */
	tb_car(&car, tb_order, &last, 1);
	tb_scan(&t, car.data, car.len - 10);
	CHECK_INT(t.a->status, CND_FAILED);
	snprintf(where, sizeof(where), "byte offset %zu ", last);
	CHECK(tb_diag(t.a, CND_FAILED, where, "truncated"));
	/* everything before it is kept */
	CHECK_STR(t.a->account, "did:plc:subject");
	CHECK_INT(t.a->counts[CND_COUNT_POSTS], 2);
	CHECK_INT(t.a->counts[CND_COUNT_LIKES], 1);
	CHECK_INT(t.a->counts[CND_COUNT_FOLLOWING], 0);
	CHECK(tb_finding(&t, "client-connection", "C-1", NULL) == NULL);
	tb_done(&t);

	/* cut inside a block's length varint */
	car.data[last] = (char)0x80;
	tb_scan(&t, car.data, last + 1);
	CHECK_INT(t.a->status, CND_FAILED);
	CHECK(tb_diag(t.a, CND_FAILED, where, "inside a block length"));
	CHECK_INT(t.a->counts[CND_COUNT_POSTS], 2);
	tb_done(&t);
	cnd_buf_release(&car);
}

TEST(bluesky_damaged_block)
{
	struct cnd_buf car = CND_BUF_INIT;
	struct tb_scan t;
	size_t last, data;

	/* the like last: replace its CBOR's first byte with a stray break */
	static const int like_last[TB_RECORDS] = { 0, 2, 3, 4, 5, 1 };

	tb_car(&car, like_last, &last, 1);
	/* past the section's length varint and the CID */
	for (data = last; (unsigned char)car.data[data] & 0x80; data++)
		;
	data += 1 + 36;
	car.data[data] = (char)0xff;
	tb_scan(&t, car.data, car.len);
	CHECK_INT(t.a->status, CND_FAILED);
	CHECK(tb_diag(t.a, CND_FAILED, "not valid CBOR", NULL));
	CHECK(tb_diag(t.a, CND_WARN, "digest", NULL));
	CHECK_INT(t.a->counts[CND_COUNT_LIKES], 0);
	CHECK_INT(t.a->counts[CND_COUNT_POSTS], 2);
	CHECK_INT(t.a->counts[CND_COUNT_FOLLOWING], 1);
	tb_done(&t);
	cnd_buf_release(&car);
}

TEST(bluesky_not_a_car)
{
	static const char text[] = "this is not a CAR file\n";
	static const unsigned char v2[] = { 0x0a, 0xa1, 0x67, 'v', 'e', 'r',
					    's',  'i',	'o',  'n', 0x02 };
	struct tb_scan t;

	tb_scan(&t, text, sizeof(text) - 1);
	CHECK_INT(t.a->status, CND_FAILED);
	CHECK(tb_diag(t.a, CND_FAILED, "not a CAR file", NULL));
	CHECK_INT(t.a->records, 0);
	tb_done(&t);

	/* the CAR v2 pragma: a header whose version is 2 */
	tb_scan(&t, v2, sizeof(v2));
	CHECK_INT(t.a->status, CND_FAILED);
	CHECK(tb_diag(t.a, CND_FAILED, "not version 1", NULL));
	tb_done(&t);
}

TEST(bluesky_no_tree)
{
	struct cnd_buf car = CND_BUF_INIT;
	struct tb_scan t;
	const struct cnd_finding *f;
	size_t last;

	/* without the MST node, records are still read, named by CID */
	tb_car(&car, tb_order, &last, 0);
	tb_scan(&t, car.data, car.len);
	CHECK_INT(t.a->status, CND_WARN);
	CHECK(tb_diag(t.a, CND_WARN, "4 records are not named", "by CID"));
	CHECK_INT(t.a->counts[CND_COUNT_POSTS], 2);
	f = tb_finding(&t, "client-mention", "C-2", NULL);
	CHECK(f != NULL);
	if (f) {
		CHECK(f->record_id && !strncmp(f->record_id, "bafyrei", 7));
		CHECK(f->record_id && strlen(f->record_id) == 59);
	}
	tb_done(&t);
	cnd_buf_release(&car);
}

TEST(bluesky_huge_declared_array)
{
	/* a header map whose "roots" array claims 4 billion elements */
	static const unsigned char header[] = {
		12, 0xa1, 0x65, 'r', 'o', 'o', 't', 's', 0x9a, 0xff, 0xff, 0xff,
		0xff,
	};
	/* a block whose data claims an array of 2^36 elements */
	static const unsigned char data[] = { 0x9b, 0, 0, 0, 0x10, 0, 0, 0, 0 };
	struct cnd_buf car = CND_BUF_INIT;
	struct tb_scan t;
	size_t last;

	tb_scan(&t, header, sizeof(header));
	CHECK_INT(t.a->status, CND_FAILED);
	CHECK(tb_diag(t.a, CND_FAILED, "not a CAR file", "longer than"));
	tb_done(&t);

	tb_car(&car, tb_order, &last, 1);
	tb_varint(&car, sizeof(empty_cid) + sizeof(data));
	cnd_buf_add(&car, empty_cid, sizeof(empty_cid));
	cnd_buf_add(&car, data, sizeof(data));
	tb_scan(&t, car.data, car.len);
	CHECK_INT(t.a->status, CND_FAILED);
	CHECK(tb_diag(t.a, CND_FAILED, "longer than the block", NULL));
	/* the blocks around it are read */
	CHECK_INT(t.a->counts[CND_COUNT_POSTS], 2);
	CHECK_INT(t.a->counts[CND_COUNT_FOLLOWING], 1);
	tb_done(&t);
	cnd_buf_release(&car);
}
