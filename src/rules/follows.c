/*
 * Follow changes between successive exports (include/conduct/rules/follows.h).
 * During a scan each archive keeps its follow records as a compact set
 * (src/model/follows.c). At the end of the run, the archives of each
 * given subject, platform and account are put in order of their export
 * date, each set is sorted and de-duplicated once (by account, never by
 * name alone), and each pair of
 * neighbours is merged in one pass: an entry only in the later export
 * appeared, one only in the earlier disappeared. Only those changes reach
 * the reports.
 */
#include <stdlib.h>
#include <string.h>

#include "conduct/rules/follows.h"
#include "conduct/model/result.h"
#include "conduct/text/text.h"

const char *cnd_follow_change_name(const struct cnd_follow_change *c)
{
	return c->appeared ? "appeared" : "disappeared";
}


static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return !a ? (b ? -1 : 0) : 1;
	return strcmp(a, b);
}

/* ASCII case-insensitive, NULL first: how accounts are compared. */
static int cmp_account(const char *a, const char *b)
{
	if (!a || !b)
		return !a ? (b ? -1 : 0) : 1;
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y || !x)
			return x - y;
	}
}

/* What two exports match follows by: direction, service, identifier. */
static int cmp_kind(const struct cnd_follow *a, const struct cnd_follow *b)
{
	if (a->dir != b->dir)
		return a->dir < b->dir ? -1 : 1;
	return cmp_str(a->label, b->label);
}

static int cmp_same(const struct cnd_follow *a, const struct cnd_follow *b)
{
	int c = cmp_kind(a, b);

	return c ? c : strcmp(a->key, b->key);
}

/* As cmp_same, then the earliest known time first, then the name. */
static int cmp_follow(const void *pa, const void *pb)
{
	const struct cnd_follow *a = *(const struct cnd_follow *const *)pa;
	const struct cnd_follow *b = *(const struct cnd_follow *const *)pb;
	int c = cmp_same(a, b);

	if (c)
		return c;
	if (a->time != b->time)
		return cnd_time_cmp(a->time, b->time);
	return strcmp(a->who, b->who);
}

/*
 * An archive's set, sorted, one entry per account id or handle (the same
 * account listed twice is one follow); entries known only by a display
 * name are all kept, since two people may share a name: two friends
 * called alike in the earlier export and one in the later is one that
 * disappeared.
 */
struct sorted {
	const struct cnd_follow **v;
	size_t n;
	int done;
};

static void sort_set(struct sorted *s, const struct cnd_archive *a)
{
	const struct cnd_follow_set *set = a->follows;
	size_t i, n = 0;

	s->done = 1;
	if (!set || !set->n)
		return;
	s->v = cnd_xmalloc(set->n * sizeof(*s->v));
	for (i = 0; i < set->n; i++)
		s->v[i] = cnd_follow_at(set, i);
	qsort(s->v, set->n, sizeof(*s->v), cmp_follow);
	for (i = 0; i < set->n; i++)
		if (!n || s->v[i]->key[0] == 'n' ||
		    cmp_same(s->v[n - 1], s->v[i]))
			s->v[n++] = s->v[i];
	s->n = n;
}

/* 1 when s holds some follow of f's direction and service. */
static int has_kind(const struct sorted *s, const struct cnd_follow *f)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_kind(s->v[mid], f);

		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

struct diff {
	struct cnd_run *run;
	struct cnd_vec changes; /* struct cnd_follow_change */
	struct cnd_vec pairs;	/* struct cnd_follow_pair */
};

static void add_change(struct diff *d, struct cnd_follow_pair *pair,
		       const struct cnd_follow *f, int appeared)
{
	const struct cnd_archive *e = cnd_run_archive(d->run, pair->earlier);
	const struct cnd_archive *l = cnd_run_archive(d->run, pair->later);
	struct cnd_follow_change *c = cnd_vec_push(&d->changes);

	c->subject = l->subject;
	c->platform = l->platform;
	c->account = l->account ? l->account : e->account;
	c->appeared = appeared;
	c->dir = f->dir;
	c->label = f->label;
	c->who = f->who;
	c->from = e->made;
	c->to = l->made;
	c->time = CND_TIME_NONE;
	if (appeared && f->time != CND_TIME_NONE && f->time > e->made &&
	    f->time <= l->made)
		c->time = f->time;
	c->earlier = pair->earlier;
	c->later = pair->later;
	if (appeared)
		pair->appeared++;
	else
		pair->disappeared++;
}

static void compare(struct diff *d, struct cnd_follow_pair *pair,
		    const struct sorted *e, const struct sorted *l)
{
	size_t i = 0, j = 0;

	while (i < e->n || j < l->n) {
		int c = i == e->n ? 1 : j == l->n ? -1 :
						    cmp_same(e->v[i], l->v[j]);

		if (!c) {
			i++;
			j++;
		} else if (c < 0) {
			if (has_kind(l, e->v[i]))
				add_change(d, pair, e->v[i], 0);
			i++;
		} else {
			if (has_kind(e, l->v[j]))
				add_change(d, pair, l->v[j], 1);
			j++;
		}
	}
}

/* An archive that may be compared, with its input order. */
struct cand {
	const struct cnd_archive *a;
	size_t i;
};

/* Candidates in order: subject, platform, account, date, input order. */
static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *x = pa, *y = pb;
	const struct cnd_archive *a = x->a, *b = y->a;
	int c = strcmp(a->subject, b->subject);

	if (!c)
		c = strcmp(a->platform, b->platform);
	if (!c)
		c = cmp_account(a->account, b->account);
	if (c)
		return c;
	if (a->made != b->made)
		return a->made < b->made ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int same_group(const struct cnd_archive *a, const struct cnd_archive *b)
{
	return !strcmp(a->subject, b->subject) &&
	       !strcmp(a->platform, b->platform) &&
	       !cmp_account(a->account, b->account);
}

static int cmp_change(const void *pa, const void *pb)
{
	const struct cnd_follow_change *a = pa, *b = pb;
	int c = strcmp(a->subject, b->subject);

	if (!c)
		c = strcmp(a->platform, b->platform);
	if (!c && a->appeared != b->appeared)
		c = a->appeared ? -1 : 1;
	if (!c && a->from != b->from)
		c = a->from < b->from ? -1 : 1;
	if (!c)
		c = strcmp(a->who, b->who);
	if (!c && a->dir != b->dir)
		c = a->dir < b->dir ? -1 : 1;
	if (!c)
		c = cmp_str(a->label, b->label);
	if (!c)
		c = cmp_account(a->account, b->account);
	if (!c && a->time != b->time)
		c = a->time < b->time ? -1 : 1;
	if (!c && a->earlier != b->earlier)
		c = a->earlier < b->earlier ? -1 : 1;
	return c;
}

void cnd_follows_diff(struct cnd_run *run)
{
	size_t n = run->archives.len, m = 0, i;
	struct sorted *sets;
	struct diff d;
	struct cand *idx;
	void *copy;

	run->follow_changes = NULL;
	run->n_follow_changes = 0;
	run->follow_pairs = NULL;
	run->n_follow_pairs = 0;
	if (n < 2)
		return;
	idx = cnd_xmalloc(n * sizeof(*idx));
	for (i = 0; i < n; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);

		if (a->subject_given && a->subject && a->platform &&
		    a->made_source && a->status < CND_FATAL) {
			idx[m].a = a;
			idx[m++].i = i;
		}
	}
	qsort(idx, m, sizeof(*idx), cmp_cand);
	sets = cnd_xcalloc(n, sizeof(*sets));
	d.run = run;
	cnd_vec_init(&d.changes, sizeof(struct cnd_follow_change));
	cnd_vec_init(&d.pairs, sizeof(struct cnd_follow_pair));
	for (i = 0; i + 1 < m; i++) {
		size_t e = idx[i].i, l = idx[i + 1].i;
		struct cnd_follow_pair *pair;

		if (!same_group(cnd_run_archive(run, e),
				cnd_run_archive(run, l)))
			continue;
		if (!sets[e].done)
			sort_set(&sets[e], cnd_run_archive(run, e));
		if (!sets[l].done)
			sort_set(&sets[l], cnd_run_archive(run, l));
		pair = cnd_vec_push(&d.pairs);
		pair->subject = cnd_run_archive(run, l)->subject;
		pair->earlier = e;
		pair->later = l;
		/* the pair is the last one pushed: add_change counts in it */
		compare(&d, pair, &sets[e], &sets[l]);
	}
	if (d.changes.len) {
		qsort(d.changes.items, d.changes.len, d.changes.size,
		      cmp_change);
		copy = cnd_arena_alloc(&run->arena,
				       d.changes.len * d.changes.size);
		memcpy(copy, d.changes.items, d.changes.len * d.changes.size);
		run->follow_changes = copy;
		run->n_follow_changes = d.changes.len;
	}
	if (d.pairs.len) {
		copy = cnd_arena_alloc(&run->arena, d.pairs.len * d.pairs.size);
		memcpy(copy, d.pairs.items, d.pairs.len * d.pairs.size);
		run->follow_pairs = copy;
		run->n_follow_pairs = d.pairs.len;
	}
	for (i = 0; i < n; i++)
		free(sets[i].v);
	free(sets);
	free(idx);
	cnd_vec_release(&d.changes);
	cnd_vec_release(&d.pairs);
}
