/*
 * The JSON reader's pipeline (json.c): handlers on a second thread. For a
 * big member, the elements are parsed on the reading thread and handed in
 * batches to a worker thread that calls the reader's callbacks (the
 * platform handler, and through it the rules), so parsing and the rules
 * run at once. Each batch owns an arena that holds its elements' values
 * until the worker is done with them; the worker calls back in element
 * order, problems included, exactly as a direct read would, and a
 * CND_FATAL from a callback stops the read (the elements already parsed
 * after it are dropped unseen).
 */
#include <pthread.h>
#include <stdlib.h>

#include "conduct/base/arena.h"
#include "conduct/input/input.h"
#include "conduct/parse/json.h"

#include "json_scan.h"

#define PL_SLOTS 3
#define PL_BATCH_ITEMS 256
#define PL_BATCH_BYTES (512 * 1024)

struct pl_item {
	json_t *v;	 /* NULL: a problem */
	long long index;
	unsigned path;	 /* of an element: which of the reader's paths */
	int status;
	unsigned long line, column;
	const char *msg; /* in the batch's arena */
};

struct pl_batch {
	struct cnd_arena arena;
	struct pl_item items[PL_BATCH_ITEMS];
	size_t n;
};

struct cnd_json_pipe {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	const struct cnd_json_reader *r;
	struct pl_batch b[PL_SLOTS];
	unsigned filled, taken; /* batches handed over and done, ever */
	int done;		/* no more batches */
	int fatal;		/* a callback returned CND_FATAL */
	int status;		/* worst other callback status */
	unsigned path;		/* the path of the array it streams */
	char *key;		/* the key its '*' level matched, or NULL */
};

static void *pl_main(void *arg)
{
	struct cnd_json_pipe *pl = arg;
	int fatal = 0, status = CND_OK;

	for (;;) {
		struct pl_batch *b;

		pthread_mutex_lock(&pl->lock);
		while (pl->filled == pl->taken && !pl->done)
			pthread_cond_wait(&pl->cond, &pl->lock);
		if (pl->filled == pl->taken) {
			pl->status = status;
			pthread_mutex_unlock(&pl->lock);
			return NULL;
		}
		pthread_mutex_unlock(&pl->lock);

		b = &pl->b[pl->taken % PL_SLOTS];
		fp_arena = &b->arena; /* what a handler allocates, freed with it */
		for (size_t i = 0; i < b->n && !fatal; i++) {
			const struct pl_item *it = &b->items[i];
			int rc;

			if (!it->v) {
				if (pl->r->problem)
					pl->r->problem(pl->r->ud, it->status,
						       it->index, it->line,
						       it->column, it->msg);
				continue;
			}
			if (pl->r->path_out)
				*pl->r->path_out = it->path;
			if (pl->r->key_out)
				*pl->r->key_out = pl->key;
			rc = pl->r->fn ? pl->r->fn(pl->r->ud, it->v, it->index) :
					 CND_OK;
			if (rc == CND_FATAL)
				fatal = 1;
			else if (rc > CND_OK)
				status = cnd_status_worst(status, rc);
		}
		fp_arena = NULL;
		b->n = 0;
		cnd_arena_reset(&b->arena);

		pthread_mutex_lock(&pl->lock);
		pl->taken++;
		if (fatal)
			pl->fatal = 1;
		pthread_cond_broadcast(&pl->cond);
		pthread_mutex_unlock(&pl->lock);
	}
}

/* Start the worker for s, or leave s->pl NULL (then reads are direct). */
void pl_start(struct cnd_json_scan *s)
{
	struct cnd_json_pipe *pl;

	if (!s->m || !cnd_member_threaded(s->m))
		return;
	pl = cnd_xcalloc(1, sizeof(*pl));
	pl->r = s->r;
	pl->path = s->path;
	pl->key = s->wkey.len ? cnd_xstrdup(s->wkey.data) : NULL;
	for (int i = 0; i < PL_SLOTS; i++)
		cnd_arena_init(&pl->b[i].arena);
	pthread_mutex_init(&pl->lock, NULL);
	pthread_cond_init(&pl->cond, NULL);
	if (pthread_create(&pl->thread, NULL, pl_main, pl)) {
		pthread_mutex_destroy(&pl->lock);
		pthread_cond_destroy(&pl->cond);
		free(pl->key);
		free(pl);
		return;
	}
	s->pl = pl;
}

/* The batch being filled, waiting for the worker to free one if need be. */
static struct pl_batch *pl_current(struct cnd_json_pipe *pl)
{
	pthread_mutex_lock(&pl->lock);
	while (pl->filled - pl->taken == PL_SLOTS)
		pthread_cond_wait(&pl->cond, &pl->lock);
	pthread_mutex_unlock(&pl->lock);
	return &pl->b[pl->filled % PL_SLOTS];
}

struct cnd_arena *pl_arena(struct cnd_json_pipe *pl)
{
	return &pl_current(pl)->arena;
}

/* Hand the current batch to the worker; 1 when a callback was fatal. */
static int pl_submit(struct cnd_json_pipe *pl)
{
	int fatal;

	pthread_mutex_lock(&pl->lock);
	if (pl->b[pl->filled % PL_SLOTS].n)
		pl->filled++;
	fatal = pl->fatal;
	pthread_cond_broadcast(&pl->cond);
	pthread_mutex_unlock(&pl->lock);
	return fatal;
}

/* Queue an element or a problem (v NULL); CND_FATAL stops the read. */
int pl_push(struct cnd_json_pipe *pl, json_t *v, long long index,
		   int status, unsigned long line, unsigned long column,
		   const char *msg)
{
	struct pl_batch *b = pl_current(pl);
	struct pl_item *it = &b->items[b->n++];

	it->v = v;
	it->index = index;
	it->path = pl->path;
	it->status = status;
	it->line = line;
	it->column = column;
	it->msg = msg ? cnd_arena_strdup(&b->arena, msg) : NULL;
	if (b->n == PL_BATCH_ITEMS || b->arena.used_bytes >= PL_BATCH_BYTES)
		return pl_submit(pl) ? CND_FATAL : CND_OK;
	return CND_OK;
}

/*
 * Hand over what is queued, wait for the worker and stop it. Returns
 * CND_FATAL when a callback was fatal, else CND_OK; s->status takes the
 * callbacks' worst status.
 */
int pl_end(struct cnd_json_scan *s)
{
	struct cnd_json_pipe *pl = s->pl;
	int fatal;

	if (!pl)
		return CND_OK;
	pl_submit(pl);
	pthread_mutex_lock(&pl->lock);
	pl->done = 1;
	pthread_cond_broadcast(&pl->cond);
	pthread_mutex_unlock(&pl->lock);
	pthread_join(pl->thread, NULL);
	fatal = pl->fatal;
	s->status = cnd_status_worst(s->status, pl->status);
	pthread_mutex_destroy(&pl->lock);
	pthread_cond_destroy(&pl->cond);
	for (int i = 0; i < PL_SLOTS; i++)
		cnd_arena_release(&pl->b[i].arena);
	free(pl->key);
	free(pl);
	s->pl = NULL;
	return fatal ? CND_FATAL : CND_OK;
}
