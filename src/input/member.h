/*
 * Private to src/input/: the state of an open input and of the member
 * being read, shared by input.c (opening an input, walking its members)
 * and member.c (reading a member's bytes: the read-ahead thread, the
 * direct zip reader and the limits checked on every read).
 */
#ifndef CONDUCT_INPUT_MEMBER_H
#define CONDUCT_INPUT_MEMBER_H

#include <archive.h>
#include <stdint.h>

#include "gzraw.h"
#include "conduct/input/input.h"
#include "zipraw.h"

#define MIB (1024ull * 1024ull)

struct cnd_readahead; /* member.c */

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
	/* 1: a plain zip, walked by input.c itself; -1: by libarchive */
	int own_walk;
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
	int own;	       /* of a plain zip's own walk: read by zr */
	/* directory members */
	int fd;
};

/*
 * Done with m: stop and join its read-ahead thread, if any, and close its
 * direct zip reader; the archive is the caller's again (member.c).
 */
void member_end(struct cnd_member *m);

#endif
