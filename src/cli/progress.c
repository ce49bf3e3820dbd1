/*
 * The progress line of `conduct scan` on a terminal: archives done of all,
 * the archive being read, bytes and records so far, how far the SHA-256 of
 * an input file has got while it is computed (for an export that is mostly
 * media, most of the time), elapsed time and an estimate of what is left
 * (from the bytes of the input files done so far, or the count of inputs
 * when they are directories, or at first from the digest's pace). Updated
 * in place on stderr, at most ten times a second; scanning and digest
 * threads call in, so it locks.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

struct cnd_scan_progress {
	pthread_mutex_t lock;
	size_t done, total;
	uint64_t files, files_done; /* bytes of the inputs' files */
	const char *current;
	uint64_t bytes, records;
	const char *hashing; /* the file whose digest is going on, or NULL */
	uint64_t hashed, hash_size;
	struct timespec start, drawn;
	int shown;
};

static double since_s(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void fmt_secs(char *buf, size_t n, double secs)
{
	long t = secs < 0 ? 0 : (long)(secs + 0.5);

	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
			 t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* Draw the line; called with the lock held. */
static void progress_draw(struct cnd_scan_progress *pg, int force)
{
	struct timespec now;
	char el[32], left[32], sha[32] = "";
	double e;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && pg->shown && since_s(&pg->drawn, &now) < 0.1)
		return;
	pg->drawn = now;
	pg->shown = 1;
	e = since_s(&pg->start, &now);
	fmt_secs(el, sizeof(el), e);
	if (pg->files_done) /* by bytes: a batch starts with its biggest */
		fmt_secs(left, sizeof(left),
			 e / (double)pg->files_done *
				 (double)(pg->files - pg->files_done));
	else if (pg->done && !pg->files)
		fmt_secs(left, sizeof(left),
			 e / (double)pg->done * (double)(pg->total - pg->done));
	else if (pg->hashing && pg->hashed) /* it began with the run */
		fmt_secs(left, sizeof(left),
			 e / (double)pg->hashed *
				 (double)(pg->hash_size - pg->hashed));
	else
		snprintf(left, sizeof(left), "?");
	if (pg->hashing)
		snprintf(sha, sizeof(sha), "  SHA-256 %.0f%%",
			 100.0 * (double)pg->hashed / (double)pg->hash_size);
	fprintf(stderr,
		"\r[%zu/%zu archives] %.40s  %.1f MB  %llu records%s  %s elapsed, ~%s left\033[K",
		pg->done, pg->total, pg->current ? pg->current : "",
		(double)pg->bytes / 1e6, (unsigned long long)pg->records, sha,
		el, left);
	fflush(stderr);
}

void cnd_scan_progress_member(void *ud, const struct cnd_progress *p)
{
	struct cnd_scan_progress *pg = ud;

	pthread_mutex_lock(&pg->lock);
	pg->current = p->input;
	pg->bytes += p->bytes;
	pg->records += p->records;
	if (p->hash_size && p->hashed < p->hash_size) {
		pg->hashing = p->input;
		pg->hashed = p->hashed;
		pg->hash_size = p->hash_size;
	} else if (p->hash_size && pg->hashing &&
		   !strcmp(pg->hashing, p->input)) {
		pg->hashing = NULL; /* that digest has ended */
	}
	progress_draw(pg, 0);
	pthread_mutex_unlock(&pg->lock);
}

struct cnd_scan_progress *cnd_scan_progress_start(size_t total)
{
	struct cnd_scan_progress *pg = calloc(1, sizeof(*pg));

	if (!pg)
		return NULL;
	pthread_mutex_init(&pg->lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &pg->start);
	pg->total = total;
	return pg;
}

void cnd_scan_progress_sized(void *ud, uint64_t bytes)
{
	struct cnd_scan_progress *pg = ud;

	pthread_mutex_lock(&pg->lock);
	pg->files = bytes;
	pthread_mutex_unlock(&pg->lock);
}

void cnd_scan_progress_done(void *ud, size_t job, uint64_t bytes)
{
	struct cnd_scan_progress *pg = ud;

	(void)job;
	pthread_mutex_lock(&pg->lock);
	pg->done++;
	pg->files_done += bytes;
	progress_draw(pg, 1);
	pthread_mutex_unlock(&pg->lock);
}

void cnd_scan_progress_end(struct cnd_scan_progress *pg)
{
	if (!pg)
		return;
	if (pg->shown)
		fprintf(stderr, "\r\033[K");
	fflush(stderr);
	pthread_mutex_destroy(&pg->lock);
	free(pg);
}
