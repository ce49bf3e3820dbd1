/*
 * The parallel scheduler of a batch (batch.h): how many processors there
 * are, what an INPUT's files weigh, the biggest-first order, and the pool
 * of scanning threads that take the next job, each into a run of its own,
 * absorbed afterwards in input order so the reports do not depend on -j.
 * With one processor, or one job, everything runs on the calling thread.
 */
#define _GNU_SOURCE /* sched_getaffinity */
#include <jansson.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/run/batch.h"
#include "conduct/run/scan.h"

unsigned cnd_batch_processors(void)
{
	cpu_set_t set;
	long n = 0;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		n = CPU_COUNT(&set);
	if (n < 1)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

/*
 * The paths of one INPUT: the INPUT itself, or the parts of a split export
 * joined with '+' ("export-1.zip+export-2.zip") unless a file of that very
 * name exists. *n paths in *parts, which point into *copy; free both (both
 * NULL when the INPUT is one path or memory ran out: then it is used
 * whole).
 */
static void input_parts(const char *input, char **copy, const char ***parts,
			size_t *n)
{
	char *p;
	size_t i = 0;

	*copy = NULL;
	*parts = NULL;
	*n = 1;
	if (!strchr(input, '+') || access(input, F_OK) == 0)
		return;
	for (p = strchr(input, '+'); p; p = strchr(p + 1, '+'))
		(*n)++;
	*copy = strdup(input);
	*parts = calloc(*n, sizeof(**parts));
	if (!*copy || !*parts) {
		free(*copy);
		free(*parts);
		*copy = NULL;
		*parts = NULL;
		*n = 1;
		return;
	}
	for (p = *copy; p; i++) {
		char *plus = strchr(p, '+');

		if (plus)
			*plus = '\0';
		(*parts)[i] = p;
		p = plus ? plus + 1 : NULL;
	}
}

static void scan_input(struct cnd_run *run, const struct cnd_batch_job *job)
{
	struct cnd_input_spec spec = job->spec;
	const char *input = job->input;
	const char **parts;
	char *copy;

	input_parts(input, &copy, &parts, &spec.n_paths);
	spec.paths = parts ? parts : &input;
	cnd_run_scan_spec(run, &spec);
	free(parts);
	free(copy);
}

uint64_t cnd_batch_job_bytes(const struct cnd_batch_job *job)
{
	const char *input = job->input;
	const char **parts;
	char *copy;
	struct stat st;
	uint64_t bytes = 0;
	size_t n, i;

	input_parts(input, &copy, &parts, &n);
	for (i = 0; i < n; i++)
		if (stat(parts ? parts[i] : input, &st) == 0 &&
		    S_ISREG(st.st_mode))
			bytes += (uint64_t)st.st_size;
	free(parts);
	free(copy);
	return bytes;
}

/* A job's place in the pool's order. */
struct job_size {
	uint64_t bytes;
	size_t i;
};

/* Biggest first; equal sizes in input order. */
static int cmp_job_size(const void *a, const void *b)
{
	const struct job_size *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes > y->bytes ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The jobs with their bytes, in input order; NULL when memory ran out. */
static struct job_size *job_sizes(const struct cnd_batch_job *jobs, size_t n)
{
	struct job_size *sizes = calloc(n ? n : 1, sizeof(*sizes));
	size_t i;

	for (i = 0; sizes && i < n; i++) {
		sizes[i].bytes = cnd_batch_job_bytes(&jobs[i]);
		sizes[i].i = i;
	}
	return sizes;
}

int cnd_batch_order(const struct cnd_batch_job *jobs, size_t n,
		    size_t *order)
{
	struct job_size *sizes = job_sizes(jobs, n);
	size_t k;

	if (!sizes)
		return -1;
	qsort(sizes, n, sizeof(*sizes), cmp_job_size);
	for (k = 0; k < n; k++)
		order[k] = sizes[k].i;
	free(sizes);
	return 0;
}

/* Scanning threads take the next job; each has its own run. */
struct pool {
	pthread_mutex_t lock;
	size_t next, n;
	const struct cnd_batch_job *jobs;
	const struct job_size *order; /* the jobs, biggest first */
	struct cnd_run *runs;
	const struct cnd_options *opt;
	const struct cnd_batch_events *ev;
};

static void job_done(const struct cnd_batch_events *ev, size_t job,
		     uint64_t bytes)
{
	if (ev && ev->done)
		ev->done(ev->ud, job, bytes);
}

static void *pool_worker(void *ud)
{
	struct pool *pl = ud;
	size_t k, i;

	for (;;) {
		pthread_mutex_lock(&pl->lock);
		k = pl->next++;
		pthread_mutex_unlock(&pl->lock);
		if (k >= pl->n)
			break;
		i = pl->order[k].i;
		cnd_run_init(&pl->runs[i], pl->opt);
		scan_input(&pl->runs[i], &pl->jobs[i]);
		job_done(pl->ev, i, pl->order[k].bytes);
	}
	return NULL;
}

/*
 * The jobs (sizes: in input order) on n_threads threads, biggest first,
 * absorbed into run in job order. Returns 0, or -1 when no thread could
 * be started (nothing scanned then).
 */
static int scan_pool(struct cnd_run *run, const struct cnd_batch_job *jobs,
		     const struct job_size *sizes, size_t n,
		     unsigned n_threads, const struct cnd_batch_events *ev)
{
	struct pool pl;
	struct job_size *order = malloc(n * sizeof(*order));
	pthread_t *th;
	size_t i, started = 0;
	int rc = -1;

	memset(&pl, 0, sizeof(pl));
	pthread_mutex_init(&pl.lock, NULL);
	pl.n = n;
	pl.jobs = jobs;
	pl.order = order;
	pl.opt = &run->opt;
	pl.ev = ev;
	pl.runs = calloc(n, sizeof(*pl.runs));
	th = calloc(n_threads, sizeof(*th));
	if (!order || !pl.runs || !th)
		goto out;
	memcpy(order, sizes, n * sizeof(*order));
	qsort(order, n, sizeof(*order), cmp_job_size);
	json_object_seed(0); /* before any thread builds a JSON object */
	for (i = 0; i < n_threads; i++) {
		if (pthread_create(&th[i], NULL, pool_worker, &pl) != 0)
			break;
		started++;
	}
	if (!started)
		goto out;
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < n; i++) {
		cnd_run_absorb(run, &pl.runs[i]);
		cnd_run_release(&pl.runs[i]);
	}
	rc = 0;
out:
	free(th);
	free(order);
	free(pl.runs);
	pthread_mutex_destroy(&pl.lock);
	return rc;
}

int cnd_batch_scan(struct cnd_run *run, const struct cnd_batch_job *jobs,
		   size_t n, unsigned n_cpu, const struct cnd_batch_events *ev)
{
	size_t i, first = run->archives.len;
	unsigned n_threads = n_cpu > n ? (unsigned)n : n_cpu;
	struct job_size *sizes = job_sizes(jobs, n);
	uint64_t total = 0;
	int worst = CND_OK;

	for (i = 0; sizes && i < n; i++)
		total += sizes[i].bytes;
	if (ev && ev->sized)
		ev->sized(ev->ud, total);
	run->opt.helpers = n_cpu > n_threads;
	if (n_threads > 1 &&
	    (!sizes || scan_pool(run, jobs, sizes, n, n_threads, ev) != 0)) {
		n_threads = 1; /* no thread could start: one at a time */
		run->opt.helpers = 0;
	}
	if (n_threads <= 1)
		for (i = 0; i < n; i++) {
			scan_input(run, &jobs[i]);
			job_done(ev, i, sizes ? sizes[i].bytes : 0);
		}
	free(sizes);
	for (i = first; i < run->archives.len; i++)
		if (cnd_run_archive(run, i)->status > worst)
			worst = cnd_run_archive(run, i)->status;
	return worst;
}
