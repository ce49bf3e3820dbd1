/*
 * Private to src/input/: a gzip-compressed input (an export as .tar.gz or .tgz: Google Takeout
 * offers them, Mastodon's archive is one) inflated with ISA-L, about three
 * times as fast as zlib, through which libarchive's own gzip filter
 * inflates. The input layer (src/input/input.c) hands libarchive the
 * inflated bytes through its client read callback, so libarchive sees a
 * plain tar. Every member of a multi-member file is read (each one's
 * header, CRC-32 and size checked, as gzip and libarchive do); bytes after
 * the last member that do not start another are ignored, as gzip and
 * libarchive ignore them.
 */
#ifndef CONDUCT_GZRAW_H
#define CONDUCT_GZRAW_H

#include <stdint.h>
#include <sys/types.h>

struct cnd_gzraw;

/* path opened for reading when it starts as a gzip file does, or NULL. */
struct cnd_gzraw *cnd_gzraw_open(const char *path);

/*
 * The next inflated bytes, at *buf (valid until the next call): their
 * count; 0 at the end; -1 with the reason in *error.
 */
ssize_t cnd_gzraw_read(struct cnd_gzraw *z, const void **buf,
		       const char **error);

/* Compressed bytes consumed so far (for the compression-ratio limit). */
uint64_t cnd_gzraw_compressed(const struct cnd_gzraw *z);

void cnd_gzraw_close(struct cnd_gzraw *z);

#endif
