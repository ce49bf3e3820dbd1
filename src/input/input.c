/*
 * The input layer: the only file that talks to libarchive. It opens an
 * export (an archive file or a directory), walks its members in order and
 * streams each wanted member's bytes to the caller; nothing is ever written
 * to disk. A zip that is a regular file is read with the seekable reader,
 * which takes the member list from the central directory and seeks past the
 * members nobody wants (photos and videos are most of an export's bytes), so
 * those are never inflated. A zip whose central directory is missing
 * (truncated download) is read again with the streaming reader to recover
 * the members before the damage. A regular file whose name ends in .csv,
 * .json or .car (Bluesky's repository export) and that libarchive does not
 * read as an archive is a lone
 * document (such as Mastodon's follow lists, separate downloads given as
 * parts of the export): it is read, through libarchive's raw format, as one
 * member named as the file. Member names are read as UTF-8 whatever the
 * process's locale. Every limit of struct cnd_limits is enforced here, and
 * unsafe member names are refused.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "conduct/input/gzraw.h"
#include "conduct/input/input.h"
#include "conduct/input/zipraw.h"

#define MIB (1024ull * 1024ull)
#define RATIO_FLOOR MIB /* members smaller than this are not ratio-checked */

struct cnd_input {
	char *path;
	const char *name; /* base name, for messages */
	int is_dir;
	int is_zip;
	int is_lone; /* a lone *.csv, *.json or *.car file, not an archive */
	int threads; /* big members may be read with helper threads */
	struct cnd_limits lim;
	/*
	 * While the seekable zip reader walks it: its central directory, for
	 * reading big members directly (zipraw.h), looked up once.
	 */
	int raw_ok, raw_tried;
	struct cnd_zipdir *zipdir;
	/* A gzip file (tar.gz) while it is open: inflated with ISA-L. */
	struct cnd_gzraw *gz;
};

struct cnd_member {
	struct cnd_input *in;
	const char *path;
	int64_t size;
	uint64_t offset;
	/* archive members */
	struct archive *a;
	uint64_t *total; /* inflated bytes of the whole walk */
	struct cnd_readahead *ra; /* once reading a big member, or NULL */
	struct cnd_zipraw *zr; /* a big member read straight from the zip
				  on this thread, or NULL */
	int64_t raw_base;      /* compressed bytes read before it */
	/* directory members */
	int fd;
};

void cnd_limits_default(struct cnd_limits *lim)
{
	lim->member_max = 8ull * 1024 * MIB;	/* Records.json reaches GBs */
	lim->total_max = 64ull * 1024 * MIB;
	lim->members_max = 1000000;
	lim->ratio_max = 1000;
	lim->path_max = 4096;
	lim->doc_max = 64 * MIB;
}

int cnd_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mult = 1;

	if (!s || !*s || *s == '-')
		return CND_FAILED;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return CND_FAILED;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		mult = 1024;
		break;
	case 'm': case 'M':
		mult = MIB;
		break;
	case 'g': case 'G':
		mult = 1024 * MIB;
		break;
	default:
		return CND_FAILED;
	}
	if (*end && end[1] != '\0' && strcmp(end + 1, "B") && strcmp(end + 1, "iB"))
		return CND_FAILED;
	if (v > UINT64_MAX / mult)
		return CND_FAILED;
	*out = v * mult;
	return CND_OK;
}

/* The last path component, for messages: never a path of the machine. */
static const char *shown_name(const char *path)
{
	const char *end = path + strlen(path), *p;

	while (end > path + 1 && end[-1] == '/')
		end--;
	for (p = end; p > path && p[-1] != '/'; p--)
		;
	return p;
}

/*
 * 1 when libarchive reads path as an archive with at least one entry.
 * mtree does not count: it takes any list of words (a one-column CSV) for a
 * file listing.
 */
static int is_archive(const char *path)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int yes = 0, fmt;

	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	if (archive_read_open_filename(a, path, 64 * 1024) == ARCHIVE_OK &&
	    archive_read_next_header(a, &e) >= ARCHIVE_WARN) {
		fmt = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
		yes = fmt != ARCHIVE_FORMAT_MTREE;
	}
	archive_read_free(a);
	return yes;
}

int cnd_input_open(struct cnd_input **out, const char *path,
		   const struct cnd_limits *lim, struct cnd_error *err)
{
	struct stat st;
	struct cnd_input *in;
	size_t n;
	char *name;
	const char *shown = shown_name(path);

	*out = NULL;
	if (stat(path, &st) != 0)
		return cnd_error_set(err, CND_FATAL, "cannot open '%s': %s",
				     shown, strerror(errno));
	if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
		return cnd_error_set(err, CND_FATAL,
				     "cannot open '%s': not a file or directory",
				     shown);
	if (access(path, R_OK) != 0)
		return cnd_error_set(err, CND_FATAL, "cannot open '%s': %s",
				     shown, strerror(errno));
	in = cnd_xcalloc(1, sizeof(*in));
	in->path = cnd_xstrdup(path);
	in->is_dir = S_ISDIR(st.st_mode);
	in->threads = 1;
	in->lim = *lim;
	/* base name without trailing slashes */
	n = strlen(in->path);
	while (n > 1 && in->path[n - 1] == '/')
		in->path[--n] = '\0';
	name = strrchr(in->path, '/');
	in->name = name ? name + 1 : in->path;
	if (!in->is_dir) {
		unsigned char magic[4] = { 0 };
		FILE *f = fopen(path, "rb");

		if (f) {
			if (fread(magic, 1, 4, f) == 4 && magic[0] == 'P' &&
			    magic[1] == 'K' &&
			    (magic[2] == 3 || magic[2] == 5 || magic[2] == 7))
				in->is_zip = 1;
			fclose(f);
		}
		n = strlen(in->name);
		if (!in->is_zip &&
		    ((n > 4 && !strcasecmp(in->name + n - 4, ".csv")) ||
		     (n > 4 && !strcasecmp(in->name + n - 4, ".car")) ||
		     (n > 5 && !strcasecmp(in->name + n - 5, ".json"))))
			in->is_lone = !is_archive(in->path);
	}
	*out = in;
	return CND_OK;
}

void cnd_input_free(struct cnd_input *in)
{
	if (!in)
		return;
	free(in->path);
	free(in);
}

int cnd_input_is_dir(const struct cnd_input *in)
{
	return in->is_dir;
}

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
	ra->raw_base = raw_bytes(in, m->a);
	ra->zr = member_zipraw(m);
	for (int i = 0; i < RA_SLOTS; i++)
		ra->buf[i] = cnd_xmalloc(RA_SLOT);
	pthread_mutex_init(&ra->lock, NULL);
	pthread_cond_init(&ra->cond, NULL);
	if (pthread_create(&ra->thread, NULL, ra_main, ra)) {
		pthread_mutex_destroy(&ra->lock);
		pthread_cond_destroy(&ra->cond);
		for (int i = 0; i < RA_SLOTS; i++)
			free(ra->buf[i]);
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
static void member_end(struct cnd_member *m)
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
	if (m->a && m->offset > RATIO_FLOOR) {
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

	if (m->a) {
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

/*
 * Why a member name is refused, or NULL when it is safe: no absolute
 * paths, no `..` component, no control characters.
 */
static const char *unsafe_name(const char *p, size_t path_max)
{
	const char *c;

	if (!*p)
		return "empty member name";
	if (strlen(p) > path_max)
		return "member name longer than the limit";
	if (p[0] == '/' || p[0] == '\\')
		return "absolute member path";
	for (c = p; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return "control character in member name";
	for (c = p; *c; c++) {
		if ((c == p || c[-1] == '/' || c[-1] == '\\') && c[0] == '.' &&
		    c[1] == '.' && (c[2] == '\0' || c[2] == '/' || c[2] == '\\'))
			return "'..' in member path";
	}
	return NULL;
}

static void problem(const struct cnd_input_visitor *v, const char *path,
		    int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(const struct cnd_input_visitor *v, const char *path,
		    int status, const char *fmt, ...)
{
	char msg[CND_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (v->problem)
		v->problem(v->ud, path, status, msg);
}

/* Printable copy of a refused name, for messages. */
static void printable(char *dst, size_t n, const char *src)
{
	size_t i = 0;

	for (; *src && i + 5 < n; src++) {
		unsigned char ch = (unsigned char)*src;

		if (ch < 0x20 || ch == 0x7f)
			i += (size_t)snprintf(dst + i, n - i, "\\x%02x", ch);
		else
			dst[i++] = (char)ch;
	}
	dst[i] = '\0';
}

/* libarchive's client callbacks for a gzip file inflated by gzraw.c. */
static la_ssize_t gz_read(struct archive *a, void *ud, const void **buf)
{
	struct cnd_input *in = ud;
	const char *error = NULL;
	ssize_t got = cnd_gzraw_read(in->gz, buf, &error);

	if (got < 0)
		archive_set_error(a, EIO, "%s",
				  error ? error : "read error");
	return (la_ssize_t)got;
}

static int gz_close(struct archive *a, void *ud)
{
	struct cnd_input *in = ud;

	(void)a;
	cnd_gzraw_close(in->gz);
	in->gz = NULL;
	return ARCHIVE_OK;
}

/*
 * Open in with libarchive: seekable or streaming zip reader, every format
 * and filter, or (lone) libarchive's raw format, which reads any file (after
 * any compression filter) as a single member. A gzip file that is not a
 * lone document (tar.gz) is inflated by gzraw.c and handed to libarchive
 * through its client callbacks.
 */
static struct archive *open_archive(struct cnd_input *in, int seekable,
				    int lone, struct cnd_error *err)
{
	struct archive *a = archive_read_new();

	if (lone) {
		archive_read_support_filter_all(a);
		archive_read_support_format_raw(a);
	} else if (in->is_zip && seekable) {
		archive_read_support_format_zip_seekable(a);
	} else if (in->is_zip) {
		archive_read_support_format_zip_streamable(a);
	} else {
		archive_read_support_filter_all(a);
		archive_read_support_format_all(a);
	}
	if (!lone && !in->is_zip)
		in->gz = cnd_gzraw_open(in->path);
	if ((in->gz ? archive_read_open(a, in, NULL, gz_read, gz_close) :
		      archive_read_open_filename(a, in->path, 64 * 1024)) !=
	    ARCHIVE_OK) {
		cnd_error_set(err, CND_FATAL, "cannot read '%s': %s", in->name,
			      archive_error_string(a) ? archive_error_string(a) :
							"not an archive");
		archive_read_free(a);
		gz_close(NULL, in);
		return NULL;
	}
	return a;
}

/* lone_name: the one member's name when a is read with the raw format. */
static int walk_archive(struct cnd_input *in, struct archive *a,
			const char *lone_name,
			const struct cnd_input_visitor *v, struct cnd_error *err)
{
	struct archive_entry *e;
	uint64_t total = 0, count = 0;
	int worst = CND_OK, r;
	char shown[512];

	for (;;) {
		const char *path;
		int64_t size;
		int want;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY ||
		    r == ARCHIVE_FAILED) {
			const char *why = archive_error_string(a);

			return cnd_error_set(err,
					     count ? CND_FAILED : CND_FATAL,
					     "cannot read '%s' after %llu entries: %s",
					     in->name, (unsigned long long)count,
					     why ? why : "damaged archive");
		}
		if (++count > in->lim.members_max)
			return cnd_error_set(err, CND_FAILED,
					     "'%s' has more than %llu entries; the rest were not read",
					     in->name,
					     (unsigned long long)in->lim.members_max);
		path = lone_name ? lone_name : archive_entry_pathname_utf8(e);
		if (!path)
			path = archive_entry_pathname(e);
		if (!path) {
			problem(v, NULL, CND_FAILED,
				"entry %llu has no readable name; skipped",
				(unsigned long long)count);
			worst = cnd_status_worst(worst, CND_FAILED);
			continue;
		}
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		if (archive_entry_filetype(e) == AE_IFDIR)
			continue;
		{
			const char *why = unsafe_name(path, in->lim.path_max);

			if (why) {
				printable(shown, sizeof(shown), path);
				problem(v, shown, CND_FAILED,
					"%s; member skipped", why);
				worst = cnd_status_worst(worst, CND_FAILED);
				continue;
			}
		}
		if (archive_entry_filetype(e) == AE_IFLNK ||
		    archive_entry_hardlink(e)) {
			problem(v, path, CND_WARN,
				"link member not followed; skipped");
			worst = cnd_status_worst(worst, CND_WARN);
			continue;
		}
		if (archive_entry_filetype(e) != AE_IFREG) {
			problem(v, path, CND_WARN,
				"not a regular file; skipped");
			worst = cnd_status_worst(worst, CND_WARN);
			continue;
		}
		size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
		want = v->want ? v->want(v->ud, path, size) : 1;
		if (!want)
			continue;
		if (archive_entry_is_encrypted(e)) {
			problem(v, path, CND_FAILED,
				"member is encrypted and cannot be read without its password; skipped");
			worst = cnd_status_worst(worst, CND_FAILED);
			continue;
		}
		if (size >= 0 && (uint64_t)size > in->lim.member_max) {
			problem(v, path, CND_FAILED,
				"member is %lld bytes, over the limit of %llu; skipped",
				(long long)size,
				(unsigned long long)in->lim.member_max);
			worst = cnd_status_worst(worst, CND_FAILED);
			continue;
		}
		if (v->member) {
			struct cnd_member m = { 0 };

			m.in = in;
			m.path = path;
			m.size = size;
			m.a = a;
			m.total = &total;
			m.fd = -1;
			r = v->member(v->ud, &m);
			member_end(&m);
			worst = cnd_status_worst(worst, r);
			if (r >= CND_FATAL)
				return cnd_error_set(err, CND_FATAL,
						     "stopped reading '%s' at '%s'",
						     in->name, path);
		}
	}
	return worst;
}

/* --- directories --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *root, const char *rel, struct cnd_vec *out,
		     const struct cnd_input_visitor *v, int depth, int *worst)
{
	char *dirpath;
	DIR *d;
	struct dirent *de;

	if (depth > 64) {
		problem(v, rel, CND_WARN, "folder nested too deep; skipped");
		*worst = cnd_status_worst(*worst, CND_WARN);
		return;
	}
	dirpath = *rel ? cnd_xmalloc(strlen(root) + strlen(rel) + 2) :
			 cnd_xstrdup(root);
	if (*rel)
		snprintf(dirpath, strlen(root) + strlen(rel) + 2, "%s/%s",
			 root, rel);
	d = opendir(dirpath);
	if (!d) {
		problem(v, *rel ? rel : NULL, CND_FAILED,
			"cannot read folder: %s", strerror(errno));
		*worst = cnd_status_worst(*worst, CND_FAILED);
		free(dirpath);
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;
		size_t n;
		char *child, *full;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		n = strlen(rel) + strlen(de->d_name) + 2;
		child = cnd_xmalloc(n);
		snprintf(child, n, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		n = strlen(root) + strlen(child) + 2;
		full = cnd_xmalloc(n);
		snprintf(full, n, "%s/%s", root, child);
		if (lstat(full, &st) != 0) {
			problem(v, child, CND_WARN, "cannot stat: %s",
				strerror(errno));
			free(child);
		} else if (S_ISLNK(st.st_mode)) {
			problem(v, child, CND_WARN,
				"symbolic link not followed; skipped");
			*worst = cnd_status_worst(*worst, CND_WARN);
			free(child);
		} else if (S_ISDIR(st.st_mode)) {
			list_dir(root, child, out, v, depth + 1, worst);
			free(child);
		} else if (S_ISREG(st.st_mode)) {
			*(char **)cnd_vec_push(out) = child;
		} else {
			free(child);
		}
		free(full);
	}
	closedir(d);
	free(dirpath);
}

static int walk_dir(struct cnd_input *in, const struct cnd_input_visitor *v,
		    struct cnd_error *err)
{
	struct cnd_vec files;
	uint64_t total = 0;
	int worst = CND_OK;
	size_t i;

	cnd_vec_init(&files, sizeof(char *));
	list_dir(in->path, "", &files, v, 0, &worst);
	qsort(files.items, files.len, sizeof(char *), cmp_str);
	if (files.len > in->lim.members_max) {
		worst = cnd_error_set(err, CND_FAILED,
				      "'%s' has more than %llu files; none were read",
				      in->name,
				      (unsigned long long)in->lim.members_max);
		goto out_free;
	}
	for (i = 0; i < files.len; i++) {
		const char *path = *(char **)cnd_vec_at(&files, i);
		struct cnd_member m = { 0 };
		struct stat st;
		size_t n = strlen(in->path) + strlen(path) + 2;
		char *full = cnd_xmalloc(n);
		int r;

		snprintf(full, n, "%s/%s", in->path, path);
		m.in = in;
		m.path = path;
		m.total = &total;
		m.fd = -1;
		m.size = stat(full, &st) == 0 ? (int64_t)st.st_size : -1;
		if (v->want && !v->want(v->ud, path, m.size)) {
			free(full);
			continue;
		}
		if (m.size >= 0 && (uint64_t)m.size > in->lim.member_max) {
			problem(v, path, CND_FAILED,
				"file is %lld bytes, over the limit of %llu; skipped",
				(long long)m.size,
				(unsigned long long)in->lim.member_max);
			worst = cnd_status_worst(worst, CND_FAILED);
			free(full);
			continue;
		}
		m.fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		free(full);
		if (m.fd < 0) {
			problem(v, path, CND_FAILED, "cannot open: %s",
				strerror(errno));
			worst = cnd_status_worst(worst, CND_FAILED);
			continue;
		}
		r = v->member ? v->member(v->ud, &m) : CND_OK;
		close(m.fd);
		worst = cnd_status_worst(worst, r);
		if (r >= CND_FATAL) {
			worst = cnd_error_set(err, CND_FATAL,
					      "stopped reading '%s' at '%s'",
					      in->name, path);
			break;
		}
	}
out_free:
	for (i = 0; i < files.len; i++)
		free(*(char **)cnd_vec_at(&files, i));
	cnd_vec_release(&files);
	return worst;
}

static int walk_input(struct cnd_input *in, const struct cnd_input_visitor *v,
		      struct cnd_error *err)
{
	struct archive *a;
	struct cnd_error first;
	int r;

	cnd_error_clear(err);
	if (in->is_dir)
		return walk_dir(in, v, err);
	if (in->is_lone) {
		/*
		 * A lone document named *.csv or *.json (Mastodon's follow
		 * lists are separate downloads, given as parts of the
		 * export): one member, named as the file.
		 */
		a = open_archive(in, 0, 1, err);
		if (!a)
			return err->status;
		r = walk_archive(in, a, in->name, v, err);
		archive_read_free(a);
		return r;
	}
	cnd_error_clear(&first);
	a = open_archive(in, 1, 0, &first);
	if (!a && in->is_zip) {
		/*
		 * No central directory (a truncated download, usually): read
		 * the local headers in order and keep what can be read.
		 */
		a = open_archive(in, 0, 0, err);
		if (!a)
			return cnd_error_set(err, CND_FATAL, "%s",
					     first.message);
		r = walk_archive(in, a, NULL, v, err);
		archive_read_free(a);
		if (err->status == CND_OK || err->message[0] == '\0')
			cnd_error_set(err, CND_FAILED,
				      "'%s' is damaged (%s); members were read in order up to the damage",
				      in->name, first.message);
		return cnd_status_worst(r, CND_FAILED);
	}
	if (!a)
		return cnd_error_set(err, CND_FATAL, "%s", first.message);
	in->raw_ok = in->is_zip;
	r = walk_archive(in, a, NULL, v, err);
	in->raw_ok = in->raw_tried = 0;
	cnd_zipdir_free(in->zipdir);
	in->zipdir = NULL;
	archive_read_free(a);
	return r;
}

/* One UTF-8 character-type locale for the whole process (never freed). */
static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_locale_make(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

int cnd_input_walk(struct cnd_input *in, const struct cnd_input_visitor *v,
		   struct cnd_error *err)
{
	locale_t old = (locale_t)0;
	int r;

	/*
	 * libarchive hands member names over in the thread's locale: in the
	 * "C" locale a zip member named in UTF-8 ("2023_MÄRZ.json" in a
	 * German Takeout) has no readable name at all. Read with a UTF-8
	 * character type for this thread only; the process's locale is left
	 * alone.
	 */
	pthread_once(&utf8_once, utf8_locale_make);
	if (utf8_locale != (locale_t)0)
		old = uselocale(utf8_locale);
	r = walk_input(in, v, err);
	if (utf8_locale != (locale_t)0)
		uselocale(old);
	return r;
}
