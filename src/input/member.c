/*
 * Reading a member's bytes (cnd_member_read()): straight from libarchive,
 * from a directory's file, from the zip file itself for a deflated member
 * (zipraw.h), or from a read-ahead thread that inflates a big member while
 * the caller parses; whichever it is, every read is checked against the
 * limits of struct cnd_limits (a member's and the walk's inflated bytes,
 * the compression ratio), so the caller sees the same bytes, errors and
 * limits on every path.
 */
#include <archive.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "gzraw.h"
#include "conduct/input/input.h"
#include "zipraw.h"

#include "member.h"

#define RATIO_FLOOR MIB /* members smaller than this are not ratio-checked */

const char *cnd_member_path(const struct cnd_member *m)
{
	return m->path;
}

int64_t cnd_member_size(const struct cnd_member *m)
{
	return m->size;
}

uint64_t cnd_member_offset(const struct cnd_member *m)
{
	return m->offset;
}

/*
 * Compressed bytes read so far from in through a (for the compression
 * ratio limit); called only by the thread that reads a at the time.
 */
static int64_t raw_bytes(const struct cnd_input *in, struct archive *a)
{
	return in->gz ? (int64_t)cnd_gzraw_compressed(in->gz) :
			archive_filter_bytes(a, -1);
}

/*
 * --- Read-ahead: inflating on a second thread ---
 *
 * Inflating a big member costs about as much as a third of parsing it, so
 * once the caller starts reading a big member (member_big()), a thread
 * inflates it RA_SLOTS * RA_SLOT bytes ahead while the caller parses.
 * Members nobody reads (media) never start one. The archive is touched by
 * that thread alone until member_end() joins it, and the caller sees
 * exactly the bytes, errors and limits it would see reading directly. A
 * deflated member of a zip read with the seekable reader is inflated
 * straight from the file (zipraw.h), three times as fast as through
 * libarchive: by that thread, or by the caller when the input may not use
 * helper threads; libarchive then seeks past it as past a member nobody
 * read.
 */
#define RA_SLOTS 4
#define RA_SLOT (256 * 1024)

struct cnd_readahead {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct archive *a;
	const struct cnd_input *in;
	struct cnd_zipraw *zr; /* reading straight from the zip, or NULL */
	int64_t raw_base;      /* compressed bytes read before the member */
	unsigned char *buf[RA_SLOTS];
	size_t len[RA_SLOTS];
	int64_t raw[RA_SLOTS]; /* compressed bytes read when the slot filled */
	unsigned filled, taken; /* slots produced and consumed, ever */
	size_t pos;		/* bytes of the current slot already taken */
	int done;		/* the producer has stopped */
	int stop;		/* the consumer wants it to stop */
	int failed;
	char error[256];
	int64_t raw_now; /* compressed bytes as of the slot being read */
};

static uint64_t thread_min(void)
{
	const char *e = getenv("CONDUCT_THREAD_MIN");

	return e && *e ? strtoull(e, NULL, 10) : CND_THREAD_MIN;
}

/* A big member: m->size < 0 (unknown) or at least thread_min() bytes. */
static int member_big(const struct cnd_member *m)
{
	return m->size < 0 || (uint64_t)m->size >= thread_min();
}

void cnd_input_set_threads(struct cnd_input *in, int on)
{
	in->threads = on;
}

int cnd_member_helpers(const struct cnd_member *m)
{
	return m->in->threads;
}

int cnd_member_threaded(const struct cnd_member *m)
{
	return m->in->threads && member_big(m);
}

/*
 * m read straight from the zip file (zipraw.h), or NULL when the input is
 * not a zip being walked with the seekable reader or zipraw declines m.
 */
static struct cnd_zipraw *member_zipraw(struct cnd_member *m)
{
	struct cnd_input *in = m->in;

	if (in->raw_ok && !in->raw_tried) {
		in->raw_tried = 1;
		in->zipdir = cnd_zipdir_open(in->path);
	}
	return cnd_zipraw_open(in->zipdir, m->path, m->size);
}

static void *ra_main(void *arg)
{
	struct cnd_readahead *ra = arg;

	for (;;) {
		unsigned slot;
		la_ssize_t got;
		const char *zerr = NULL;

		pthread_mutex_lock(&ra->lock);
		while (!ra->stop && ra->filled - ra->taken == RA_SLOTS)
			pthread_cond_wait(&ra->cond, &ra->lock);
		if (ra->stop) {
			pthread_mutex_unlock(&ra->lock);
			break;
		}
		slot = ra->filled % RA_SLOTS;
		pthread_mutex_unlock(&ra->lock);

		if (ra->zr)
			got = cnd_zipraw_read(ra->zr, ra->buf[slot], RA_SLOT,
					      &zerr);
		else
			got = archive_read_data(ra->a, ra->buf[slot], RA_SLOT);

		pthread_mutex_lock(&ra->lock);
		if (got <= 0) {
			if (got < 0) {
				const char *e = ra->zr ? zerr :
					archive_error_string(ra->a);

				ra->failed = 1;
				snprintf(ra->error, sizeof(ra->error), "%s",
					 e ? e : "read error");
			}
			ra->done = 1;
			pthread_cond_broadcast(&ra->cond);
			pthread_mutex_unlock(&ra->lock);
			break;
		}
		ra->len[slot] = (size_t)got;
		ra->raw[slot] = ra->zr ? ra->raw_base + (int64_t)
				cnd_zipraw_compressed(ra->zr) :
				raw_bytes(ra->in, ra->a);
		ra->filled++;
		pthread_cond_broadcast(&ra->cond);
		pthread_mutex_unlock(&ra->lock);
	}
	return NULL;
}

/* Start reading m ahead; 0, or -1 (then m is read directly). */
static int ra_start(struct cnd_member *m)
{
	struct cnd_readahead *ra = cnd_xcalloc(1, sizeof(*ra));
	struct cnd_input *in = m->in;

	ra->a = m->a;
	ra->in = in;
	if (m->own) { /* the reader is the thread's from now on */
		ra->raw_base = m->raw_base;
		ra->zr = m->zr;
		m->zr = NULL;
	} else {
		ra->raw_base = raw_bytes(in, m->a);
		ra->zr = member_zipraw(m);
	}
	for (int i = 0; i < RA_SLOTS; i++)
		ra->buf[i] = cnd_xmalloc(RA_SLOT);
	pthread_mutex_init(&ra->lock, NULL);
	pthread_cond_init(&ra->cond, NULL);
	if (pthread_create(&ra->thread, NULL, ra_main, ra)) {
		pthread_mutex_destroy(&ra->lock);
		pthread_cond_destroy(&ra->cond);
		for (int i = 0; i < RA_SLOTS; i++)
			free(ra->buf[i]);
		if (m->own)
			m->zr = ra->zr;
		else
			cnd_zipraw_close(ra->zr);
		free(ra);
		return -1;
	}
	m->ra = ra;
	return 0;
}

/*
 * Done with m: stop and join its read-ahead thread, if any, and close its
 * direct zip reader; the archive is the caller's again.
 */
void member_end(struct cnd_member *m)
{
	struct cnd_readahead *ra = m->ra;

	cnd_zipraw_close(m->zr);
	m->zr = NULL;
	if (!ra)
		return;
	pthread_mutex_lock(&ra->lock);
	ra->stop = 1;
	pthread_cond_broadcast(&ra->cond);
	pthread_mutex_unlock(&ra->lock);
	pthread_join(ra->thread, NULL);
	pthread_mutex_destroy(&ra->lock);
	pthread_cond_destroy(&ra->cond);
	for (int i = 0; i < RA_SLOTS; i++)
		free(ra->buf[i]);
	cnd_zipraw_close(ra->zr);
	free(ra);
	m->ra = NULL;
}

/*
 * Up to n bytes of m from the read-ahead: their count, 0 at the end, or -1
 * with the archive's message in *error.
 */
static la_ssize_t ra_read(struct cnd_readahead *ra, void *buf, size_t n,
			  const char **error)
{
	unsigned slot;
	size_t k;

	pthread_mutex_lock(&ra->lock);
	while (ra->filled == ra->taken && !ra->done)
		pthread_cond_wait(&ra->cond, &ra->lock);
	if (ra->filled == ra->taken) {
		pthread_mutex_unlock(&ra->lock);
		if (ra->failed) {
			*error = ra->error;
			return -1;
		}
		return 0;
	}
	pthread_mutex_unlock(&ra->lock);

	slot = ra->taken % RA_SLOTS;
	k = ra->len[slot] - ra->pos;
	if (k > n)
		k = n;
	memcpy(buf, ra->buf[slot] + ra->pos, k);
	ra->raw_now = ra->raw[slot];
	ra->pos += k;
	if (ra->pos == ra->len[slot]) {
		ra->pos = 0;
		pthread_mutex_lock(&ra->lock);
		ra->taken++;
		pthread_cond_broadcast(&ra->cond);
		pthread_mutex_unlock(&ra->lock);
	}
	return (la_ssize_t)k;
}

static ssize_t limit_check(struct cnd_member *m, size_t got,
			   struct cnd_error *err)
{
	const struct cnd_limits *lim = &m->in->lim;

	m->offset += got;
	*m->total += got;
	if (m->offset > lim->member_max)
		return cnd_error_set(err, CND_FAILED,
				     "member inflates past the limit of %llu bytes",
				     (unsigned long long)lim->member_max),
		       -1;
	if (*m->total > lim->total_max)
		return cnd_error_set(err, CND_FATAL,
				     "archive inflates past the total limit of %llu bytes",
				     (unsigned long long)lim->total_max),
		       -1;
	if ((m->a || m->own) && m->offset > RATIO_FLOOR) {
		int64_t raw = m->ra ? m->ra->raw_now :
			      m->zr ? m->raw_base + (int64_t)
					      cnd_zipraw_compressed(m->zr) :
				      raw_bytes(m->in, m->a);

		if (raw > 0 && *m->total / (uint64_t)raw > lim->ratio_max)
			return cnd_error_set(err, CND_FATAL,
					     "compression ratio over %llu:1 (a zip bomb?)",
					     (unsigned long long)lim->ratio_max),
			       -1;
	}
	return (ssize_t)got;
}

ssize_t cnd_member_read(struct cnd_member *m, void *buf, size_t n,
			struct cnd_error *err)
{
	ssize_t got;

	if (m->own) {
		const char *error = NULL;

		if (m->offset == 0 && !m->ra && m->in->threads && member_big(m))
			(void)ra_start(m);
		got = m->ra ? ra_read(m->ra, buf, n, &error) :
			      cnd_zipraw_read(m->zr, buf, n, &error);
		if (got < 0)
			return cnd_error_set(err, CND_FAILED,
					     "damaged data at byte %llu: %s",
					     (unsigned long long)m->offset,
					     error ? error : "read error"),
			       -1;
	} else if (m->a) {
		const char *error = NULL;

		if (m->offset == 0 && !m->ra && !m->zr && member_big(m)) {
			if (m->in->threads) {
				(void)ra_start(m);
			} else {
				m->raw_base = raw_bytes(m->in, m->a);
				m->zr = member_zipraw(m);
			}
		}
		if (m->ra) {
			got = ra_read(m->ra, buf, n, &error);
		} else if (m->zr) {
			got = cnd_zipraw_read(m->zr, buf, n, &error);
		} else {
			got = archive_read_data(m->a, buf, n);
			if (got < 0)
				error = archive_error_string(m->a);
		}
		if (got < 0)
			return cnd_error_set(err, CND_FAILED,
					     "damaged data at byte %llu: %s",
					     (unsigned long long)m->offset,
					     error ? error : "read error"),
			       -1;
	} else {
		do {
			got = read(m->fd, buf, n);
		} while (got < 0 && errno == EINTR);
		if (got < 0)
			return cnd_error_set(err, CND_FAILED,
					     "read error at byte %llu: %s",
					     (unsigned long long)m->offset,
					     strerror(errno)),
			       -1;
	}
	return limit_check(m, (size_t)got, err);
}
