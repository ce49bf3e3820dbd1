/*
 * The shared string-keyed hash map: open addressing with linear probing,
 * grown at 70% load, keys copied into an arena owned by the map; the id
 * map, keyed by the number where an id is one (the same probing), and the
 * id set built on it.
 */
#include <stdlib.h>
#include <string.h>

#include "conduct/base/strmap.h"

void cnd_strmap_init(struct cnd_strmap *m)
{
	m->slots = NULL;
	m->cap = m->len = 0;
	cnd_arena_init(&m->keys);
}

void cnd_strmap_release(struct cnd_strmap *m)
{
	free(m->slots);
	cnd_arena_release(&m->keys);
	m->slots = NULL;
	m->cap = m->len = 0;
}

uint64_t cnd_hash_bytes(const void *key, size_t n)
{
	const unsigned char *p = key;
	uint64_t h = 14695981039346656037ull;

	while (n--) {
		h ^= *p++;
		h *= 1099511628211ull;
	}
	return h;
}

static struct cnd_strmap_slot *find(const struct cnd_strmap *m,
				    const char *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		struct cnd_strmap_slot *s = &m->slots[i];

		if (!s->key || (s->hash == h && s->keylen == n &&
				!memcmp(s->key, key, n)))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

void *cnd_strmap_getn(const struct cnd_strmap *m, const char *key, size_t n)
{
	struct cnd_strmap_slot *s;

	if (!m->len)
		return NULL;
	s = find(m, key, n, cnd_hash_bytes(key, n));
	return s->key ? s->value : NULL;
}

void *cnd_strmap_get(const struct cnd_strmap *m, const char *key)
{
	return cnd_strmap_getn(m, key, strlen(key));
}

static void grow(struct cnd_strmap *m)
{
	struct cnd_strmap_slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap = m->cap ? m->cap * 2 : 64;
	m->slots = cnd_xzeroed(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].keylen, old[i].hash) =
				old[i];
	free(old);
}

void *cnd_strmap_putn(struct cnd_strmap *m, const char *key, size_t n,
		      void *value)
{
	struct cnd_strmap_slot *s;
	uint64_t h = cnd_hash_bytes(key, n);
	void *prev;

	if ((m->len + 1) * 10 > m->cap * 7)
		grow(m);
	s = find(m, key, n, h);
	if (s->key) {
		prev = s->value;
		s->value = value;
		return prev;
	}
	s->key = cnd_arena_strndup(&m->keys, key, n);
	s->keylen = n;
	s->hash = h;
	s->value = value;
	m->len++;
	return NULL;
}

void *cnd_strmap_put(struct cnd_strmap *m, const char *key, void *value)
{
	return cnd_strmap_putn(m, key, strlen(key), value);
}

/* id as a number when it is one ("0", or digits without a leading 0). */
static int id_number(const char *id, uint64_t *v)
{
	size_t n = 0;

	*v = 0;
	if (id[0] == '0')
		return id[1] == '\0' ? 1 : 0;
	for (; id[n]; n++) {
		if (id[n] < '0' || id[n] > '9' || n == 19)
			return 0;
		*v = *v * 10 + (uint64_t)(id[n] - '0');
	}
	return n > 0;
}

void cnd_idmap_init(struct cnd_idmap *m)
{
	memset(m, 0, sizeof(*m));
	cnd_strmap_init(&m->other);
}

void cnd_idmap_release(struct cnd_idmap *m)
{
	free(m->slots);
	cnd_strmap_release(&m->other);
	memset(m, 0, sizeof(*m));
}

/* key's slot in slots (cap a power of two): where it is, or the empty one
 * where it would go */
static struct cnd_idmap_slot *idmap_find(struct cnd_idmap_slot *slots,
					 size_t cap, uint64_t key)
{
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & (cap - 1);

	while (slots[i].key && slots[i].key != key)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* cnd_idmap_put() of a number's key (the number + 1), growing at 70% */
static void *idmap_put_key(struct cnd_idmap *m, uint64_t key, void *value)
{
	struct cnd_idmap_slot *sl;
	void *prev;

	if ((m->len + 1) * 10 > m->cap * 7) {
		struct cnd_idmap_slot *old = m->slots;
		size_t oldcap = m->cap;

		m->cap = m->cap ? m->cap * 2 : 1024;
		m->slots = cnd_xzeroed(m->cap, sizeof(*m->slots));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].key)
				*idmap_find(m->slots, m->cap, old[i].key) =
					old[i];
		free(old);
	}
	sl = idmap_find(m->slots, m->cap, key);
	prev = sl->key ? sl->value : NULL;
	if (!sl->key)
		m->len++;
	sl->key = key;
	sl->value = value;
	return prev;
}

void *cnd_idmap_get(const struct cnd_idmap *m, const char *id)
{
	uint64_t v;

	if (!id_number(id, &v))
		return cnd_strmap_get(&m->other, id);
	if (!m->len)
		return NULL;
	return idmap_find(m->slots, m->cap, v + 1)->value;
}

void *cnd_idmap_put(struct cnd_idmap *m, const char *id, void *value)
{
	uint64_t v;

	if (!id_number(id, &v))
		return cnd_strmap_put(&m->other, id, value);
	return idmap_put_key(m, v + 1, value); /* below 10^19: never 0 */
}

void cnd_idset_init(struct cnd_idset *s)
{
	memset(s, 0, sizeof(*s));
	cnd_idmap_init(&s->map);
}

void cnd_idset_release(struct cnd_idset *s)
{
	free(s->run);
	cnd_idmap_release(&s->map);
	memset(s, 0, sizeof(*s));
}

/*
 * While the ids come in one direction: 1 when key is the last one, 0 when
 * it is past it (appended), -1 when it is out of order (the run is over).
 */
static int id_run_add(struct cnd_idset *s, uint64_t key)
{
	if (s->run_len) {
		uint64_t last = s->run[s->run_len - 1];
		int dir = key > last ? 1 : -1;

		if (key == last)
			return 1;
		if (s->dir && s->dir != dir)
			return -1;
		s->dir = dir;
	}
	if (s->run_len == s->run_cap) {
		s->run_cap = s->run_cap ? 2 * s->run_cap : 1024;
		s->run = cnd_xrealloc(s->run, s->run_cap * sizeof(*s->run));
	}
	s->run[s->run_len++] = key;
	return 0;
}

int cnd_idset_add(struct cnd_idset *s, const char *id)
{
	uint64_t v;

	if (!id_number(id, &v)) /* the set itself marks a member */
		return cnd_strmap_put(&s->map.other, id, s) != NULL;
	if (!s->hashed) {
		int r = id_run_add(s, v + 1);

		if (r >= 0)
			return r;
		for (size_t i = 0; i < s->run_len; i++)
			idmap_put_key(&s->map, s->run[i], s);
		free(s->run);
		s->run = NULL;
		s->run_len = s->run_cap = 0;
		s->hashed = 1;
	}
	return idmap_put_key(&s->map, v + 1, s) != NULL;
}
