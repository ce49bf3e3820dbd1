/*
 * An archive's follow set (include/conduct/model/follows.h): while an
 * archive is scanned, every follow record it gives is kept in the run's
 * arena as a compact set (blocks of fixed-size entries in a pointer table
 * that doubles, so no entry moves; the identifier normalised once; the
 * name shown sharing the key's bytes when they are the same; the few
 * service labels interned), and the archive's export date ("made") is
 * noted. Comparing successive exports is an analysis of the rules layer
 * (src/rules/follows.c).
 */
#include <stdlib.h>
#include <string.h>

#include "conduct/model/follows.h"
#include "conduct/model/result.h"
#include "conduct/text/text.h"

static const char made_export[] = "export";
static const char made_latest[] = "latest record";

void cnd_follows_set_made(struct cnd_archive *a, int64_t t)
{
	if (t == CND_TIME_NONE)
		return;
	a->made = t;
	a->made_source = made_export;
}

/* The label as interned in set (copied on first sight); NULL for NULL. */
static const char *intern_label(struct cnd_arena *arena,
				struct cnd_follow_set *set, const char *label)
{
	const char **v;
	size_t i;

	if (!label || !*label)
		return NULL;
	for (i = 0; i < set->n_labels; i++)
		if (!strcmp(set->labels[i], label))
			return set->labels[i];
	v = cnd_arena_alloc(arena, (set->n_labels + 1) * sizeof(*v));
	if (set->n_labels)
		memcpy(v, set->labels, set->n_labels * sizeof(*v));
	v[set->n_labels] = cnd_arena_strdup(arena, label);
	set->labels = v;
	return v[set->n_labels++];
}

/* A new zeroed entry at the end of a's set (made on first use). */
static struct cnd_follow *push(struct cnd_arena *arena, struct cnd_archive *a)
{
	struct cnd_follow_set *set = a->follows;

	if (!set) {
		set = cnd_arena_alloc(arena, sizeof(*set));
		memset(set, 0, sizeof(*set));
		a->follows = set;
	}
	if (set->n == set->n_blocks * CND_FOLLOW_BLOCK) {
		if (set->n_blocks == set->cap_blocks) {
			size_t cap = set->cap_blocks ? 2 * set->cap_blocks : 4;
			struct cnd_follow **b =
				cnd_arena_alloc(arena, cap * sizeof(*b));

			if (set->n_blocks)
				memcpy(b, set->blocks,
				       set->n_blocks * sizeof(*b));
			set->blocks = b;
			set->cap_blocks = cap;
		}
		set->blocks[set->n_blocks++] = cnd_arena_alloc(
			arena, CND_FOLLOW_BLOCK * sizeof(struct cnd_follow));
	}
	return cnd_follow_at(set, set->n++);
}

void cnd_follows_add(struct cnd_arena *arena, struct cnd_archive *a,
		     enum cnd_follow_dir dir, const char *label,
		     const char *key, const char *who, int64_t time)
{
	struct cnd_follow *f = push(arena, a);

	f->key = cnd_arena_strdup(arena, key);
	f->who = who && strcmp(who, key + 2) ?
			 cnd_arena_strdup(arena, who) : f->key + 2;
	f->label = intern_label(arena, a->follows, label);
	f->time = time;
	f->dir = dir;
}

static int nonempty(const char *s)
{
	return s && *s;
}

void cnd_follows_record(struct cnd_arena *arena, struct cnd_archive *a,
			const struct cnd_record *r)
{
	const struct cnd_account *c = &r->counterpart;
	const char *handle = c->handle, *who;
	struct cnd_follow *f;
	char *key, *p;

	if (r->time != CND_TIME_NONE && a->made_source != made_export &&
	    (!a->made_source || r->time > a->made)) {
		a->made = r->time;
		a->made_source = made_latest;
	}
	if (r->kind != CND_REC_FOLLOW || (unsigned)r->dir > CND_FOLLOW_REQUEST_RECEIVED)
		return;
	while (handle && *handle == '@')
		handle++;
	if (nonempty(c->id))
		key = cnd_arena_printf(arena, "i:%s", c->id);
	else if (nonempty(handle))
		key = cnd_arena_printf(arena, "h:%s", handle);
	else if (nonempty(c->name))
		key = cnd_arena_printf(arena, "n:%s",
				       cnd_text_fold(arena, c->name,
						     strlen(c->name)));
	else
		return; /* nothing to know it by */
	if (key[0] == 'h')
		for (p = key + 2; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	who = nonempty(handle) ? handle : nonempty(c->name) ? c->name : c->id;
	f = push(arena, a);
	f->key = key;
	f->who = strcmp(who, key + 2) ? cnd_arena_strdup(arena, who) : key + 2;
	f->label = intern_label(arena, a->follows, r->label);
	f->time = r->time;
	f->dir = r->dir;
}
