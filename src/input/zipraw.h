/*
 * Private to src/input/: a zip's central directory read by conduct itself.
 * First, reading a big deflated zip member of a zip libarchive walks
 * straight from the file, for the input layer's read-ahead thread
 * (src/input/member.c): the
 * member is found in the zip's central directory, its compressed bytes are
 * read with pread() and inflated with ISA-L, which inflates about three
 * times as fast as zlib (through which libarchive reads), and the size and
 * CRC-32 are checked at the end as libarchive checks them. Anything unusual
 * (no central directory where the end record says, more than one disk, a
 * name given twice, an encrypted or not-deflated member, a name libarchive
 * may have converted) makes cnd_zipraw_open() decline, and the member is
 * read through libarchive as before. Memory: a 256 KiB directory window
 * while looking a member up, then one 256 KiB input buffer and ISA-L's state
 * (~100 KiB). Second, the input layer's own walk of a plain zip, whose
 * members (stored or deflated) are all read here (below).
 */
#ifndef CONDUCT_ZIPRAW_H
#define CONDUCT_ZIPRAW_H

#include <stdint.h>
#include <sys/types.h>

struct cnd_zipdir;
struct cnd_zipraw;

/* Where path's central directory is, or NULL when it has none we trust. */
struct cnd_zipdir *cnd_zipdir_open(const char *path);
void cnd_zipdir_free(struct cnd_zipdir *d);

/*
 * The deflated member named name (as libarchive names it: leading "./"
 * dropped) of size bytes (-1: not known), ready to read; NULL when it
 * cannot be read directly (the caller reads it through libarchive).
 */
struct cnd_zipraw *cnd_zipraw_open(const struct cnd_zipdir *d,
				   const char *name, int64_t size);

/*
 * Up to n inflated bytes into buf: their count; 0 at the end, once the size
 * and CRC-32 match the directory's; -1 with the reason in *error (valid
 * until cnd_zipraw_close()).
 */
ssize_t cnd_zipraw_read(struct cnd_zipraw *z, void *buf, size_t n,
			const char **error);

/* Compressed bytes read from the file so far. */
uint64_t cnd_zipraw_compressed(const struct cnd_zipraw *z);

void cnd_zipraw_close(struct cnd_zipraw *z);

/*
 * The input layer's own walk of a zip's directory (input.c), instead of
 * libarchive's seekable reader, which keeps about 144 bytes for every
 * entry while it walks: one 256 KiB window, whatever the number of
 * members. cnd_zipdir_plain() reads the whole directory and every local
 * header first: 1 when each entry is one this walk reads exactly as
 * libarchive would (stored or deflated, not encrypted, a UTF-8 or ASCII
 * name with no NUL or backslash, a file or a folder, in the order of the
 * file, its local header agreeing with it); 0 and libarchive walks it.
 */
struct cnd_zipiter;

struct cnd_zipentry {
	const char *name; /* valid until the next cnd_zipiter_next() */
	int is_dir;
	int64_t size;	 /* -1: not known */
	uint64_t offset; /* of its local header */
};

int cnd_zipdir_plain(const struct cnd_zipdir *d);
struct cnd_zipiter *cnd_zipiter_open(const struct cnd_zipdir *d);
/* 1 with the next entry in *e, 0 after the last, -1 damaged directory. */
int cnd_zipiter_next(struct cnd_zipiter *it, struct cnd_zipentry *e);
/* A reader of the current entry's data, or NULL (damaged local header). */
struct cnd_zipraw *cnd_zipiter_member(const struct cnd_zipiter *it);
void cnd_zipiter_close(struct cnd_zipiter *it);

#endif
