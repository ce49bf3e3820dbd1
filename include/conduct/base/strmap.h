/*
 * A string-keyed hash map (open addressing, FNV-1a) shared by every module
 * that needs one: register lookups, fingerprints already raised. Keys are
 * copied into the map's own arena; values are caller pointers. There is no
 * removal: maps live for one archive or run. Beside it, for record ids
 * (mostly decimal numbers): a map and a set keyed by the number.
 */
#ifndef CONDUCT_STRMAP_H
#define CONDUCT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"

struct cnd_strmap_slot {
	const char *key;
	size_t keylen;
	uint64_t hash;
	void *value;
};

struct cnd_strmap {
	struct cnd_strmap_slot *slots;
	size_t cap, len;
	struct cnd_arena keys;
};

void cnd_strmap_init(struct cnd_strmap *m);
void cnd_strmap_release(struct cnd_strmap *m);

/* 64-bit FNV-1a of key[0..n). */
uint64_t cnd_hash_bytes(const void *key, size_t n);

/* The value stored under key[0..n), or NULL. */
void *cnd_strmap_getn(const struct cnd_strmap *m, const char *key, size_t n);
void *cnd_strmap_get(const struct cnd_strmap *m, const char *key);

/*
 * Store value under key (copied). Returns the previous value, or NULL when
 * the key is new.
 */
void *cnd_strmap_putn(struct cnd_strmap *m, const char *key, size_t n,
		      void *value);
void *cnd_strmap_put(struct cnd_strmap *m, const char *key, void *value);

/* Iterate: for (i = 0; i < m->cap; i++) if (m->slots[i].key) ... */

/*
 * A map from record ids to caller pointers, for the accounts an export
 * names by id (X's mentions: one for every account a person ever
 * mentioned). Ids that are decimal numbers are keys of 64-bit integers, a
 * slot of 16 bytes with no string to hash, copy or compare (a string
 * map's slot is 32 bytes and the key's copy); any other id goes to a
 * string map. Exact: no two ids collide. Values are never NULL.
 */
struct cnd_idmap_slot {
	uint64_t key; /* the number + 1; 0 is empty */
	void *value;
};

struct cnd_idmap {
	struct cnd_idmap_slot *slots;
	size_t cap, len;
	struct cnd_strmap other;
};

void cnd_idmap_init(struct cnd_idmap *m);
void cnd_idmap_release(struct cnd_idmap *m);
/* The value stored under id, or NULL. */
void *cnd_idmap_get(const struct cnd_idmap *m, const char *id);
/* Store value (not NULL) under id; returns the previous value or NULL. */
void *cnd_idmap_put(struct cnd_idmap *m, const char *id, void *value);

/*
 * A set of record ids, for dropping records an export holds twice (X's
 * tweet ids: hundreds of thousands per archive). An export lists its posts
 * newest first (or oldest first), so while the numeric ids come in one
 * direction, each strictly past the last, none can be a repeat and they
 * are only appended to a list, 8 bytes each; the first id out of order
 * (a second file of the same tweets, say) moves the list into an id map,
 * which then takes them all (its random accesses were 3% of the scan of a
 * big tweets.js). Ids that are not numbers go to the map at once.
 */
struct cnd_idset {
	uint64_t *run; /* the ids so far (+ 1), while in one direction */
	size_t run_len, run_cap;
	int dir;    /* of the run: 1 up, -1 down, 0 not yet known */
	int hashed; /* the run is over: every id is in map */
	struct cnd_idmap map;
};

void cnd_idset_init(struct cnd_idset *s);
void cnd_idset_release(struct cnd_idset *s);
/* Add id; 1 when it was already there, else 0. */
int cnd_idset_add(struct cnd_idset *s, const char *id);

#endif
