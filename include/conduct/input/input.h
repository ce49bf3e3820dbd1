/*
 * Reading export inputs: archives (zip, tar, tar.gz, 7z) and plain
 * directories. This is the only module that talks to libarchive. A zip that
 * is a regular file is listed from its central directory, so members the
 * caller does not want (photos, videos) are skipped without being inflated:
 * by conduct itself, one directory window at a time, when every entry is
 * plain (stored or deflated, unencrypted, UTF-8 names: src/input/zipraw.h),
 * so that memory does not grow with the number of members; otherwise by
 * libarchive's seekable reader, which keeps about 144 bytes a member. Member data is streamed to the caller through cnd_member_read();
 * nothing is ever extracted to disk. The limits below are enforced here, and
 * unsafe member names (`..`, absolute, NUL or control characters) are refused.
 */
#ifndef CONDUCT_INPUT_H
#define CONDUCT_INPUT_H

#include <stdint.h>
#include <sys/types.h>

#include "conduct/base/error.h"

struct cnd_limits {
	uint64_t member_max;  /* inflated bytes of one member */
	uint64_t total_max;   /* inflated bytes of all members read */
	uint64_t members_max; /* entries in one input */
	uint64_t ratio_max;   /* inflated : compressed, for members > 1 MiB */
	uint64_t path_max;    /* bytes of a member name */
	uint64_t doc_max;     /* bytes of one JSON document or array element */
};

/* Fill lim with conduct's defaults (documented in the README). */
void cnd_limits_default(struct cnd_limits *lim);

/* "64M", "2G", "1000" -> bytes. Returns CND_OK or CND_FAILED. */
int cnd_parse_size(const char *s, uint64_t *out);

struct cnd_input;
struct cnd_member;

/*
 * Open path, an archive file or a directory. Nothing is read yet. Returns
 * CND_OK, or CND_FATAL with err set (no such file, not readable).
 */
int cnd_input_open(struct cnd_input **out, const char *path,
		   const struct cnd_limits *lim, struct cnd_error *err);
void cnd_input_free(struct cnd_input *in);

/* 1 when the input is a directory. */
int cnd_input_is_dir(const struct cnd_input *in);

/*
 * What cnd_input_walk() calls. want() decides from the name whether the
 * member's data is read; member() then reads it with cnd_member_read() and
 * returns a status (CND_FATAL stops the walk). problem() reports an entry or
 * archive problem (path may be NULL for the archive itself); the walk goes
 * on after it unless the status is CND_FATAL.
 */
struct cnd_input_visitor {
	void *ud;
	int (*want)(void *ud, const char *path, int64_t size);
	int (*member)(void *ud, struct cnd_member *m);
	void (*problem)(void *ud, const char *path, int status,
			const char *message);
};

/*
 * Visit every regular-file member in archive order (directories: sorted by
 * path). May be called more than once; each call rereads the input. Returns
 * the worst status seen: CND_OK, CND_WARN (entries skipped), CND_FAILED
 * (the archive is damaged; members before the damage were visited) or
 * CND_FATAL (nothing could be read), with err describing the archive-level
 * problem.
 */
int cnd_input_walk(struct cnd_input *in, const struct cnd_input_visitor *v,
		   struct cnd_error *err);

/* The member's path inside the input (borrowed, valid during member()). */
const char *cnd_member_path(const struct cnd_member *m);
/* Declared size, or -1 when unknown. */
int64_t cnd_member_size(const struct cnd_member *m);
/* Bytes delivered so far. */
uint64_t cnd_member_offset(const struct cnd_member *m);

/*
 * Members at least this many bytes (or of unknown size) are read with two
 * helper threads: one inflates ahead (member.c), one runs the handlers
 * while the elements are parsed (json_pipe.c); a deflated one in a zip is
 * inflated straight from the file (zipraw.h), on the read-ahead thread or,
 * without helper threads, on the caller's. The environment variable
 * CONDUCT_THREAD_MIN (bytes) overrides it, so that the test suites can
 * send every member through those paths.
 */
#define CND_THREAD_MIN (4ull * 1024 * 1024)

/*
 * Whether in may be read with helper threads (the default); 0 keeps all of
 * its reading, inflating and parsing on the calling thread (-j 1, or as
 * many inputs at once as there are processors).
 */
void cnd_input_set_threads(struct cnd_input *in, int on);

/* 1 when m's input may use helper threads at all (not -j 1). */
int cnd_member_helpers(const struct cnd_member *m);

/* 1 when m is read with helper threads: see CND_THREAD_MIN. */
int cnd_member_threaded(const struct cnd_member *m);

/*
 * Read up to n bytes. Returns the count (0 at the end), or -1 with err set
 * when the data is damaged or a limit is hit.
 */
ssize_t cnd_member_read(struct cnd_member *m, void *buf, size_t n,
			struct cnd_error *err);

#endif
