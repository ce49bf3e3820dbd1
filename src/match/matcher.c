/*
 * The whole-word matcher. It splits text into words (runs of letters,
 * marks, digits and connector punctuation such as '_'), folds each word
 * once, and looks it up in a hash table: one-word terms are keyed by their
 * word, longer terms by their first two words (so a first name shared by
 * many register entries costs one more lookup, not one comparison per
 * entry), and the rest of a long term is checked against the next few
 * words. The cost of a scan is therefore linear in the words of the text
 * and does not grow with the number of terms, which is what lets a
 * register of thousands of client names be checked against millions of
 * posts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "conduct/base/swar.h"
#include "conduct/match/matcher.h"

#include "conduct/text/unicode.h"

/* ---- the matcher ---- */

struct term {
	const char *text;    /* as added */
	void *tag;
	size_t nwords;
	const char **words; /* folded */
	size_t *wlens;
};

/*
 * Hash table slot. A one-word key lists the one-word terms that are that
 * word; a two-word key lists the longer terms that start with those two
 * words, longest first. Keying longer terms by two words keeps a lookup
 * cheap when many register entries share a first name.
 */
struct entry {
	const char *k1, *k2; /* k2 NULL: one-word key */
	size_t l1, l2;
	uint64_t hash;
	size_t *ids; /* into terms[] */
	size_t n, cap;
	int has_longer; /* one-word key: some longer term starts with it */
};

/* A folded word, with its hash. */
struct fword {
	const char *s;
	size_t len;
	uint64_t hash;
};

struct cnd_matcher {
	struct cnd_arena arena; /* term text and folded words */
	struct term *terms;
	size_t nterms, cterms;
	struct entry *entries;
	size_t nentries, centries;
	/*
	 * Open addressing with linear probing over a compact array (so that
	 * lookups of words that are no term's stay in cache): a slot is 0
	 * when empty, else the high 32 bits of the key's hash above the
	 * entry's index + 1. icap is a power of two.
	 */
	uint64_t *index;
	size_t icap;
	/*
	 * A Bloom filter of every key (two bits each, both in one of its
	 * icap / 16 words of 64 bits): most words of a text are no term's,
	 * and are turned away by it with one load, without a probe of the
	 * index.
	 */
	uint64_t *bloom;
	struct cnd_words split; /* reused by cnd_matcher_add() */
};

/*
 * Word hashes: the folded word read eight bytes at a time (a multiply per
 * eight bytes, not per byte), then mixed so that all parts of the hash
 * depend on the whole word: the low bits index the table, bits 16.. and
 * 40.. pick the Bloom filter's bits, the high half tells keys apart in the
 * index. The splitter leaves HASH_PAD zero bytes after each folded word,
 * so the last, partial load needs no masking; the zeros cannot pass for a
 * word's bytes (a word holds no NUL), and the length is mixed in as well.
 * Every word hash, of a text's words as of a term's, comes from
 * word_hash(), and nothing outside this file sees one: the function is
 * free to change.
 */
#define HASH_PAD 8
#define HASH_SEED 0xcbf29ce484222325ULL
#define HASH_MUL 0x9e3779b97f4a7c15ULL

static uint64_t hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* Hash of s[0..len) (len > 0), followed by HASH_PAD zero bytes. */
static uint64_t word_hash(const char *s, size_t len)
{
	uint64_t h = HASH_SEED ^ len, v;

	for (size_t i = 0; i < len; i += 8) {
		v = cnd_swar_load(s + i);
		h = (h ^ v) * HASH_MUL;
		h ^= h >> 32; /* so that the next chunk meets high bits too */
	}
	return hash_mix(h);
}

/* Hash of a two-word key from the hashes of its words. */
static uint64_t hash_pair(uint64_t a, uint64_t b)
{
	uint64_t h = a ^ (b * 0x9e3779b97f4a7c15ULL + 0x7f4a7c15ULL);

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return h;
}

static uint64_t key_hash(const struct fword *w1, const struct fword *w2)
{
	return w2 ? hash_pair(w1->hash, w2->hash) : w1->hash;
}

/*
 * What each byte is to the word splitter: the folded (lower-case) form of
 * an ASCII word byte (letter, digit, '_'), which is positive; -1 for the
 * other ASCII bytes, which separate words; 0 for the NUL that ends the text
 * and for the bytes >= 0x80 that start (or are) a UTF-8 sequence, to be
 * decoded. The signs let the splitter's loops test one value per byte.
 */
static const signed char byte_class[256] = {
	/* 0x00: NUL, control characters */
	0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 0x20: space, punctuation, digits */
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	'0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
	-1, -1, -1, -1, -1, -1,
	/* 0x40: '@', capitals, '[' '\\' ']' '^' '_' */
	-1, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
	'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
	'x', 'y', 'z', -1, -1, -1, -1, '_',
	/* 0x60: '`', small letters, '{' '|' '}' '~' DEL */
	-1, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
	'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
	'x', 'y', 'z', -1, -1, -1, -1, -1,
	/* 0x80..0xFF: 0 */
};

/*
 * Eight bytes at once (conduct/base/swar.h): the high bit of each byte
 * that is an ASCII word byte (a digit, a letter, '_'), and in *upper of
 * each that is a capital.
 * For a byte x below 0x80, x + (0x80 - lo) has its high bit set when
 * x >= lo, and no byte carries into the next.
 */
#define SWAR_GE(x, lo) \
	(((x) + (0x80 - (lo)) * CND_SWAR_ONES) & CND_SWAR_HIGH)
#define SWAR_IN(x, lo, hi) (SWAR_GE(x, lo) & ~SWAR_GE(x, (hi) + 1))

static inline uint64_t ascii_word_mask(uint64_t v, uint64_t *upper)
{
	uint64_t x = v & ~CND_SWAR_HIGH, ascii = ~v & CND_SWAR_HIGH;
	uint64_t up = SWAR_IN(x, 'A', 'Z') & ascii;

	*upper = up;
	return (up | SWAR_IN(x, '0', '9') | SWAR_IN(x, 'a', 'z') |
		SWAR_IN(x, '_', '_')) &
	       ascii;
}

static int ascii_word(unsigned c)
{
	return c < 0x80 && byte_class[c] > 0;
}

static int is_word_cp(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0)
		return 0;
	if (cp < 0x80)
		return ascii_word((unsigned)cp);
	c = utf8proc_category(cp);
	/* Lu Ll Lt Lm Lo, Mn Mc Me, Nd Nl No, Pc are contiguous */
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_PC;
}

/*
 * End of the word of t[0..n) that goes on at i: past every word character,
 * ASCII or not. i itself when t[i] does not start one.
 */
static size_t word_end(const unsigned char *t, size_t n, size_t i)
{
	int32_t cp;
	size_t l;

	while (i < n) {
		if (t[i] < 0x80) {
			if (!ascii_word(t[i]))
				break;
			i++;
			continue;
		}
		l = cnd_utf8_step(t + i, n - i, &cp);
		if (!is_word_cp(cp))
			break;
		i += l;
	}
	return i;
}

static struct fword word_key(const struct cnd_words *w, size_t i);

struct cnd_matcher *cnd_matcher_new(void)
{
	struct cnd_matcher *m = cnd_xcalloc(1, sizeof(*m));

	cnd_arena_init(&m->arena);
	cnd_words_init(&m->split);
	return m;
}

void cnd_matcher_free(struct cnd_matcher *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nentries; i++)
		free(m->entries[i].ids);
	free(m->entries);
	free(m->index);
	free(m->bloom);
	free(m->terms);
	cnd_words_release(&m->split);
	cnd_arena_release(&m->arena);
	free(m);
}

size_t cnd_matcher_count(const struct cnd_matcher *m)
{
	return m ? m->nterms : 0;
}

/*
 * The filter's two bits of a key's hash, both in one 64-bit word of a
 * filter of 4 * icap bits (icap / 16 words), so a word of text is tested
 * with one load: the word they are in, and the mask of the two.
 */
static inline uint64_t bloom_bits(uint64_t hash)
{
	return (1ull << ((hash >> 40) & 63)) | (1ull << ((hash >> 46) & 63));
}

static inline uint64_t bloom_mask(uint64_t hash, size_t icap, size_t *word)
{
	*word = (size_t)(hash >> 16) & (icap / 16 - 1);
	return bloom_bits(hash);
}

static void bloom_add(uint64_t *bloom, size_t icap, uint64_t hash)
{
	size_t w;
	uint64_t b = bloom_mask(hash, icap, &w);

	bloom[w] |= b;
}

static inline int bloom_has(const uint64_t *bloom, size_t icap,
			    uint64_t hash)
{
	size_t w;
	uint64_t b = bloom_mask(hash, icap, &w);

	return (bloom[w] & b) == b;
}

static int entry_is(const struct entry *e, const struct fword *w1,
		    const struct fword *w2, uint64_t hash)
{
	if (e->hash != hash || e->l1 != w1->len ||
	    memcmp(e->k1, w1->s, w1->len) != 0)
		return 0;
	if (!w2)
		return !e->k2;
	return e->k2 && e->l2 == w2->len && memcmp(e->k2, w2->s, w2->len) == 0;
}

/* The entry of the key of this hash, w1 (w2 NULL) or w1 w2, or NULL. */
static const struct entry *table_probe(const struct cnd_matcher *m,
				       const struct fword *w1,
				       const struct fword *w2, uint64_t hash)
{
	uint64_t slot;
	size_t mask, i;

	mask = m->icap - 1;
	for (i = (size_t)hash & mask; (slot = m->index[i]) != 0;
	     i = (i + 1) & mask) {
		const struct entry *e;

		if ((slot >> 32) != (hash >> 32))
			continue;
		e = &m->entries[(slot & 0xFFFFFFFFu) - 1];
		if (entry_is(e, w1, w2, hash))
			return e;
	}
	return NULL;
}

/* The entry for the key w1 (w2 NULL) or w1 w2, or NULL. */
static const struct entry *table_find(const struct cnd_matcher *m,
				      const struct fword *w1,
				      const struct fword *w2)
{
	uint64_t hash = key_hash(w1, w2);

	if (!m->icap || !bloom_has(m->bloom, m->icap, hash))
		return NULL;
	return table_probe(m, w1, w2, hash);
}

static void index_put(uint64_t *index, size_t cap, uint64_t hash, size_t id)
{
	size_t i;

	for (i = (size_t)hash & (cap - 1); index[i]; i = (i + 1) & (cap - 1))
		;
	index[i] = (hash >> 32 << 32) | (uint64_t)(id + 1);
}

static void index_grow(struct cnd_matcher *m)
{
	size_t ncap = m->icap ? m->icap * 2 : 64;

	free(m->index);
	free(m->bloom);
	m->index = cnd_xcalloc(ncap, sizeof(*m->index));
	m->bloom = cnd_xcalloc(4 * ncap / 64, sizeof(*m->bloom));
	m->icap = ncap;
	for (size_t i = 0; i < m->nentries; i++) {
		index_put(m->index, ncap, m->entries[i].hash, i);
		bloom_add(m->bloom, ncap, m->entries[i].hash);
	}
}

/*
 * The entry for a key, created if needed. The words must live as long as
 * the matcher. The pointer is valid until the next table_get().
 */
static struct entry *table_get(struct cnd_matcher *m, const struct fword *w1,
			       const struct fword *w2)
{
	struct entry *e = (struct entry *)table_find(m, w1, w2);

	if (e)
		return e;
	if (m->nentries == m->centries) {
		m->centries = m->centries ? m->centries * 2 : 32;
		m->entries = cnd_xrealloc(m->entries,
					  m->centries * sizeof(*m->entries));
	}
	e = &m->entries[m->nentries];
	memset(e, 0, sizeof(*e));
	e->k1 = w1->s;
	e->l1 = w1->len;
	e->k2 = w2 ? w2->s : NULL;
	e->l2 = w2 ? w2->len : 0;
	e->hash = key_hash(w1, w2);
	m->nentries++;
	if (m->nentries * 2 > m->icap)
		index_grow(m); /* puts every entry, the new one too */
	else {
		index_put(m->index, m->icap, e->hash, m->nentries - 1);
		bloom_add(m->bloom, m->icap, e->hash);
	}
	return e;
}

/* Add term id to e, after every term with as many words or more. */
static void entry_add(struct entry *e, const struct term *terms, size_t id)
{
	size_t pos = e->n;

	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 2;
		e->ids = cnd_xrealloc(e->ids, e->cap * sizeof(*e->ids));
	}
	while (pos > 0 && terms[e->ids[pos - 1]].nwords < terms[id].nwords)
		pos--;
	memmove(e->ids + pos + 1, e->ids + pos, (e->n - pos) * sizeof(*e->ids));
	e->ids[pos] = id;
	e->n++;
}

int cnd_matcher_add(struct cnd_matcher *m, const char *term, void *tag)
{
	struct cnd_words *w;
	struct fword w1, w2;
	struct term *tm;
	size_t n;

	/* a term adds at most two entries; the index holds 32-bit ids */
	if (!m || !term || m->nentries + 2 >= UINT32_MAX)
		return -1;
	w = &m->split;
	cnd_words_split(w, term);
	n = w->v.len;
	if (!n)
		return -1; /* marks only, or no word: nothing to match */

	if (m->nterms == m->cterms) {
		m->cterms = m->cterms ? m->cterms * 2 : 16;
		m->terms = cnd_xrealloc(m->terms,
					m->cterms * sizeof(*m->terms));
	}
	tm = &m->terms[m->nterms];
	tm->text = cnd_arena_strdup(&m->arena, term);
	tm->tag = tag;
	tm->nwords = n;
	tm->words = cnd_arena_alloc(&m->arena, n * sizeof(char *));
	tm->wlens = cnd_arena_alloc(&m->arena, n * sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		struct fword k = word_key(w, i);

		tm->words[i] = cnd_arena_strndup(&m->arena, k.s, k.len);
		tm->wlens[i] = k.len;
	}
	w1 = word_key(w, 0);
	w1.s = tm->words[0];
	if (n > 1) {
		w2 = word_key(w, 1);
		w2.s = tm->words[1];
		table_get(m, &w1, NULL)->has_longer = 1;
	}
	entry_add(table_get(m, &w1, n > 1 ? &w2 : NULL), m->terms, m->nterms);
	m->nterms++;
	return 0;
}

/* ---- words: a text split and folded once, for any number of matchers ---- */

void cnd_words_init(struct cnd_words *w)
{
	cnd_vec_init(&w->v, sizeof(struct cnd_word));
	cnd_buf_init(&w->fold);
	w->text = NULL;
}

void cnd_words_release(struct cnd_words *w)
{
	cnd_vec_release(&w->v);
	cnd_buf_release(&w->fold);
	w->text = NULL;
}

/*
 * Fold the word text[ws, we), which holds non-ASCII characters, to
 * w->fold at off (its length so far) with room left for the pad and for
 * the rest of the text's words, which may be ASCII (see
 * cnd_words_split()). Its folded length; 0 for marks only.
 */
static size_t fold_word(struct cnd_words *w, size_t off, const char *text,
			size_t n, size_t ws, size_t we, struct cnd_ubuf *u)
{
	const char *f;
	size_t len = cnd_text_fold_unicode(text + ws, we - ws, u, &f);

	w->fold.len = off;
	cnd_buf_grow(&w->fold, len + (n - we) + HASH_PAD);
	memcpy(w->fold.data + off, f, len);
	return len;
}

/*
 * One pass over the text: an ASCII word is folded into w->fold as it is
 * scanned, eight bytes at a time (ascii_word_mask()) while eight are left,
 * then through byte_class[]; a word that holds (or starts with) a
 * byte >= 0x80 goes to the slow path that decodes UTF-8 and folds through
 * utf8proc. The text's NUL (class 0) stops both loops, so they need no
 * bounds check. The fold buffer has room for n - i more bytes and the pad
 * at the top of the loop: ASCII words fold to their own length, and
 * fold_word() grows it for the rest. The loop keeps the lengths in locals,
 * which the byte stores could otherwise alias.
 */
void cnd_words_split(struct cnd_words *w, const char *text)
{
	const unsigned char *t = (const unsigned char *)(text ? text : "");
	size_t n = strlen((const char *)t), i = 0, index = 0, flen = 0;
	size_t most = n / 2 + 1; /* words are at least a byte apart */
	struct cnd_word *words, *x;
	struct cnd_ubuf u;
	char *fold;

	if (w->v.cap < most) {
		w->v.items = cnd_xrealloc(w->v.items, most * sizeof(*words));
		w->v.cap = most;
	}
	words = x = w->v.items;
	cnd_buf_reset(&w->fold);
	cnd_buf_grow(&w->fold, n + HASH_PAD);
	fold = w->fold.data;
	w->text = text;
	cnd_ubuf_init(&u);
	for (;;) {
		size_t ws, we, len;
		int c;

		c = byte_class[t[i]];
		while (c < 0)
			c = byte_class[t[++i]];
		ws = i;
		if (c > 0) {
			char *d = fold + flen;
			uint64_t v, mk, up;

			/* eight bytes at a time while eight are left: the
			 * word's end found from a mask, so that a loop exit
			 * per word (mispredicted, as word lengths vary) is
			 * not paid; the bytes past the word that it writes
			 * lie in the room for the rest of the text and pad */
			while (i + 8 <= n) {
				v = cnd_swar_load(t + i);
				mk = ascii_word_mask(v, &up);
				v |= up >> 2; /* 'A'..'Z' to 'a'..'z' */
				memcpy(d, &v, 8);
				if (mk != CND_SWAR_HIGH) {
#ifdef CND_SWAR_FIRST /* else the byte loop below finds the end */
					i += cnd_swar_first(~mk &
							    CND_SWAR_HIGH);
#endif
					d = fold + flen + (i - ws);
					break;
				}
				i += 8;
				d += 8;
			}
			c = byte_class[t[i]];
			while (c > 0) {
				*d++ = (char)c;
				c = byte_class[t[++i]];
			}
			/* it may go on with non-ASCII word characters */
			we = !c && i < n ? word_end(t, n, i) : i;
			if (we == i) {
				len = we - ws;
			} else {
				len = fold_word(w, flen, (const char *)t, n, ws,
						we, &u);
				fold = w->fold.data;
			}
		} else if (i < n) {
			int32_t cp;
			size_t l = cnd_utf8_step(t + i, n - i, &cp);

			if (!is_word_cp(cp)) {
				i += l;
				continue;
			}
			we = word_end(t, n, i + l);
			len = fold_word(w, flen, (const char *)t, n, ws, we,
					&u);
			fold = w->fold.data;
		} else {
			break; /* the end of the text */
		}
		i = we;
		index++;
		if (!len)
			continue; /* marks only: counted, never matched */
		memset(fold + flen + len, 0, HASH_PAD);
		x->start = ws;
		x->end = we;
		x->index = index - 1;
		x->off = flen;
		x->len = len;
		x->hash = word_hash(fold + flen, len);
		x->bloom = bloom_bits(x->hash);
		x++;
		flen += len;
	}
	fold[flen] = '\0';
	w->fold.len = flen;
	w->v.len = (size_t)(x - words);
	cnd_ubuf_release(&u);
}

/* Word i of w as a key. */
static struct fword word_key(const struct cnd_words *w, size_t i)
{
	const struct cnd_word *x = (const struct cnd_word *)w->v.items + i;
	struct fword k = { w->fold.data + x->off, x->len, x->hash };

	return k;
}

/*
 * Report the terms of e that match at word i (their first two words are
 * known to match). Returns non-zero when fn asked to stop.
 */
static int scan_report(const struct cnd_matcher *m, const struct cnd_words *w,
		       size_t i, const struct entry *e,
		       int (*fn)(void *ud, const struct cnd_match *match),
		       void *ud, size_t *found)
{
	const struct cnd_word *words = w->v.items;

	for (size_t k = 0; k < e->n; k++) {
		const struct term *tm = &m->terms[e->ids[k]];
		const struct cnd_word *last;
		struct cnd_match match;
		size_t j;

		if (i + tm->nwords > w->v.len)
			continue;
		for (j = 2; j < tm->nwords; j++) {
			const struct cnd_word *x = &words[i + j];

			if (x->len != tm->wlens[j] ||
			    memcmp(w->fold.data + x->off, tm->words[j], x->len))
				break;
		}
		if (j < tm->nwords)
			continue;
		last = &words[i + tm->nwords - 1];
		match.tag = tm->tag;
		match.term = tm->text;
		match.start = words[i].start;
		match.len = last->end - words[i].start;
		match.wstart = words[i].index;
		match.wend = last->index + 1;
		(*found)++;
		if (fn && fn(ud, &match))
			return 1;
	}
	return 0;
}

size_t cnd_matcher_scan_words(const struct cnd_matcher *m,
			      const struct cnd_words *w,
			      int (*fn)(void *ud,
					const struct cnd_match *match),
			      void *ud)
{
	const struct cnd_word *words = w->v.items;
	size_t found = 0;

	const uint64_t *bloom;
	size_t bmask, n;

	if (!m || !m->nterms || !m->icap)
		return 0;
	/* bloom_has() with the filter's size and place in locals (the
	 * callback could otherwise alias them, and reload them each word),
	 * and the word's two bits as the splitter found them: a text's
	 * words are scanned by several matchers (the register, each lexicon
	 * rule), and the bits are the same for all of them */
	bloom = m->bloom;
	bmask = m->icap / 16 - 1;
	n = w->v.len;
	for (size_t i = 0; i < n; i++) {
		const struct cnd_word *x = &words[i];
		const struct entry *e1, *e2 = NULL;
		struct fword k1, k2;
		uint64_t b = x->bloom;

		if ((bloom[(size_t)(x->hash >> 16) & bmask] & b) != b)
			continue; /* most words: no term starts with them */
		k1 = word_key(w, i);
		e1 = table_probe(m, &k1, NULL, k1.hash);
		if (!e1)
			continue;
		/* longer terms first: they start with the same word */
		if (e1->has_longer && i + 1 < n) {
			k2 = word_key(w, i + 1);
			e2 = table_find(m, &k1, &k2);
		}
		if (e2 && scan_report(m, w, i, e2, fn, ud, &found))
			break;
		if (scan_report(m, w, i, e1, fn, ud, &found))
			break;
	}
	return found;
}

size_t cnd_matcher_scan(const struct cnd_matcher *m, const char *text,
			int (*fn)(void *ud, const struct cnd_match *match),
			void *ud)
{
	struct cnd_words w;
	size_t found;

	if (!m || !text || !m->nterms)
		return 0;
	cnd_words_init(&w);
	cnd_words_split(&w, text);
	found = cnd_matcher_scan_words(m, &w, fn, ud);
	cnd_words_release(&w);
	return found;
}
