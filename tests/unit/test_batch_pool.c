/*
 * Unit tests of the batch scheduler (src/run/batch.c): the jobs are taken
 * biggest first (the parts of a split export added up, a directory or a
 * missing file counting nothing, equal sizes in input order), and however
 * many processors scan them the run ends with one archive per job in input
 * order, each job reported done once with its bytes, and helper threads
 * only when there are more processors than jobs.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/run/batch.h"
#include "conduct/run/scan.h"
#include "harness.h"

#define POOL_JOBS 7

/* A temporary folder of inputs: files of given sizes, a folder, a gap. */
struct pool_dir {
	char dir[64];
	char path[POOL_JOBS + 2][160];
	char inner[192]; /* a file in the folder (an empty one trips UBSan
			    in input.c's walk_dir: qsort of NULL) */
	struct cnd_batch_job jobs[POOL_JOBS];
};

static void pool_file(const char *path, size_t size)
{
	FILE *f = fopen(path, "wb");
	size_t i;

	CHECK(f != NULL);
	if (!f)
		return;
	for (i = 0; i < size; i++)
		fputc('x', f); /* not an archive: the scan says so */
	fclose(f);
}

/*
 * The jobs, in input order, and their bytes: a.bin 10, b.bin 300, a
 * folder 0, c.bin 300, p1.bin+p2.bin 100 + 250, missing.zip 0, and
 * q+r.bin 50 (a file of that very name, so not split).
 */
static const uint64_t pool_bytes[POOL_JOBS] = { 10, 300, 0, 300, 350, 0, 50 };

static int pool_make(struct pool_dir *d)
{
	static const char *const names[POOL_JOBS + 2] = {
		"a.bin", "b.bin", "folder", "c.bin", "p1.bin+", "missing.zip",
		"q+r.bin", "p1.bin", "p2.bin",
	};
	static const size_t sizes[POOL_JOBS + 2] = { 10, 300, 0, 300, 0, 0,
						     50, 100, 250 };
	size_t i;

	memset(d, 0, sizeof(*d));
	snprintf(d->dir, sizeof(d->dir), "/tmp/conduct-pool-XXXXXX");
	if (!mkdtemp(d->dir))
		return -1;
	for (i = 0; i < POOL_JOBS + 2; i++)
		snprintf(d->path[i], sizeof(d->path[i]), "%s/%s", d->dir,
			 names[i]);
	/* the split export: "<dir>/p1.bin+<dir>/p2.bin" */
	snprintf(d->path[4], sizeof(d->path[4]), "%s/p1.bin+%s/p2.bin",
		 d->dir, d->dir);
	for (i = 0; i < POOL_JOBS + 2; i++) {
		if (i == 2) {
			CHECK_INT(mkdir(d->path[i], 0700), 0);
			snprintf(d->inner, sizeof(d->inner), "%s/notes.txt",
				 d->path[i]);
			pool_file(d->inner, 20);
		} else if (i != 4 && i != 5)
			pool_file(d->path[i], sizes[i]);
	}
	for (i = 0; i < POOL_JOBS; i++) {
		d->jobs[i].input = d->path[i];
		d->jobs[i].spec.since = CND_TIME_NONE;
		d->jobs[i].spec.until = CND_TIME_NONE;
		d->jobs[i].spec.consent_date = CND_TIME_NONE;
	}
	return 0;
}

static void pool_remove(struct pool_dir *d)
{
	size_t i;

	for (i = 0; i < POOL_JOBS + 2; i++) {
		if (i == 2) {
			unlink(d->inner);
			rmdir(d->path[i]);
		} else if (i != 4 && i != 5)
			unlink(d->path[i]);
	}
	rmdir(d->dir);
}

TEST(batch_order_biggest_first)
{
	static const size_t want[POOL_JOBS] = { 4, 1, 3, 6, 0, 2, 5 };
	struct pool_dir d;
	size_t order[POOL_JOBS], i;

	if (pool_make(&d) != 0) {
		CHECK(0);
		return;
	}
	for (i = 0; i < POOL_JOBS; i++)
		CHECK_INT(cnd_batch_job_bytes(&d.jobs[i]), pool_bytes[i]);
	CHECK_INT(cnd_batch_order(d.jobs, POOL_JOBS, order), 0);
	for (i = 0; i < POOL_JOBS; i++)
		CHECK_INT(order[i], want[i]);
	CHECK_INT(cnd_batch_order(d.jobs, 0, order), 0);
	CHECK(cnd_batch_processors() >= 1 && cnd_batch_processors() <= 256);
	pool_remove(&d);
}

/* What the batch told: the total, and each job done (from any thread). */
struct pool_events {
	pthread_mutex_t lock;
	uint64_t total;
	int sized;
	size_t n_done, done[POOL_JOBS * 2];
	uint64_t bytes[POOL_JOBS * 2];
};

static void pool_sized(void *ud, uint64_t bytes)
{
	struct pool_events *e = ud;

	e->total = bytes;
	e->sized++;
}

static void pool_done(void *ud, size_t job, uint64_t bytes)
{
	struct pool_events *e = ud;

	pthread_mutex_lock(&e->lock);
	if (e->n_done < POOL_JOBS * 2) {
		e->done[e->n_done] = job;
		e->bytes[e->n_done] = bytes;
	}
	e->n_done++;
	pthread_mutex_unlock(&e->lock);
}

TEST(batch_scan_in_input_order_whatever_the_processors)
{
	static const unsigned cpus[] = { 1, 2, 3, 8 };
	static const char *const files[POOL_JOBS] = {
		"a.bin", "b.bin", "folder", "c.bin", "p1.bin", "missing.zip",
		"q+r.bin",
	};
	int first_status[POOL_JOBS] = { 0 };
	struct pool_dir d;
	size_t c, i, k;

	if (pool_make(&d) != 0) {
		CHECK(0);
		return;
	}
	for (c = 0; c < sizeof(cpus) / sizeof(*cpus); c++) {
		struct pool_events e;
		struct cnd_batch_events ev = { pool_sized, pool_done, &e };
		struct cnd_options o;
		struct cnd_run run;
		int worst = CND_OK, seen[POOL_JOBS] = { 0 }, st;

		memset(&e, 0, sizeof(e));
		pthread_mutex_init(&e.lock, NULL);
		cnd_options_init(&o);
		o.run_rules = 0;
		o.no_digest = 1;
		o.deterministic = 1;
		o.generated_at = 0;
		cnd_run_init(&run, &o);
		st = cnd_batch_scan(&run, d.jobs, POOL_JOBS, cpus[c], &ev);

		CHECK_INT(e.sized, 1);
		CHECK_INT(e.total, 1010);
		CHECK_INT(e.n_done, POOL_JOBS);
		for (k = 0; k < e.n_done && k < POOL_JOBS; k++) {
			CHECK(e.done[k] < POOL_JOBS);
			if (e.done[k] >= POOL_JOBS)
				continue;
			seen[e.done[k]]++;
			CHECK_INT(e.bytes[k], pool_bytes[e.done[k]]);
			if (cpus[c] == 1) /* in turn: in input order */
				CHECK_INT(e.done[k], k);
		}
		for (i = 0; i < POOL_JOBS; i++)
			CHECK_INT(seen[i], 1);
		CHECK_INT(run.opt.helpers, cpus[c] > POOL_JOBS);

		CHECK_INT(run.archives.len, POOL_JOBS);
		for (i = 0; i < run.archives.len && i < POOL_JOBS; i++) {
			const struct cnd_archive *a = cnd_run_archive(&run, i);

			CHECK_STR(a->file, files[i]);
			if (a->status > worst)
				worst = a->status;
			if (c == 0)
				first_status[i] = a->status;
			else
				CHECK_INT(a->status, first_status[i]);
		}
		CHECK_INT(st, worst);
		CHECK(st >= CND_FAILED); /* missing.zip could not be read */
		cnd_run_release(&run);
		pthread_mutex_destroy(&e.lock);
	}
	pool_remove(&d);
}
