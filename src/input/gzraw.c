/*
 * A gzip file inflated with ISA-L (see gzraw.h for why). ISA-L parses each
 * member's header and checks its trailer (CRC-32 and size) itself, and
 * stops at the member's last byte, so what follows is known exactly: the
 * header of another member, which is inflated in turn, or anything else,
 * which ends the data. Memory: one 256 KiB input and one 256 KiB output
 * buffer and ISA-L's state (~100 KiB), whatever the file's size.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <isa-l/igzip_lib.h>

#include "conduct/base/arena.h"
#include "gzraw.h"

#define GZ_IN (256 * 1024)
#define GZ_OUT (256 * 1024)

struct cnd_gzraw {
	int fd;
	int eof;     /* the file has been read to its end */
	int between; /* a member ended: another may start */
	int done;
	uint64_t compressed; /* bytes the inflater consumed */
	char error[160];
	unsigned char in[GZ_IN], out[GZ_OUT];
	struct inflate_state st;
};

struct cnd_gzraw *cnd_gzraw_open(const char *path)
{
	unsigned char magic[3];
	struct cnd_gzraw *z;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (pread(fd, magic, sizeof(magic), 0) != (ssize_t)sizeof(magic) ||
	    magic[0] != 0x1f || magic[1] != 0x8b || magic[2] != 8) {
		close(fd);
		return NULL;
	}
	z = cnd_xcalloc(1, sizeof(*z));
	z->fd = fd;
	isal_inflate_init(&z->st);
	z->st.crc_flag = ISAL_GZIP; /* header parsed, trailer checked */
	z->st.next_in = z->in;
	return z;
}

static ssize_t fail(struct cnd_gzraw *z, const char **error, const char *msg)
{
	if (msg && !z->error[0])
		snprintf(z->error, sizeof(z->error), "%s", msg);
	*error = z->error;
	return -1;
}

/* Append up to room bytes of the file after the unread input; -1 on error. */
static int refill(struct cnd_gzraw *z)
{
	size_t keep = z->st.avail_in;
	ssize_t got;

	memmove(z->in, z->st.next_in, keep);
	do {
		got = read(z->fd, z->in + keep, GZ_IN - keep);
	} while (got < 0 && errno == EINTR);
	if (got < 0) {
		snprintf(z->error, sizeof(z->error), "read error: %s",
			 strerror(errno));
		return -1;
	}
	if (got == 0)
		z->eof = 1;
	z->st.next_in = z->in;
	z->st.avail_in = (uint32_t)(keep + (size_t)got);
	return 0;
}

/* After a member: 1 when another starts here, 0 at the end, -1 on error. */
static int next_member(struct cnd_gzraw *z)
{
	uint8_t *next;
	uint32_t avail;

	while (z->st.avail_in < 2 && !z->eof)
		if (refill(z))
			return -1;
	if (z->st.avail_in < 2 || z->st.next_in[0] != 0x1f ||
	    z->st.next_in[1] != 0x8b)
		return 0; /* trailing bytes (padding, often zeros): ignored */
	next = z->st.next_in;
	avail = z->st.avail_in;
	isal_inflate_reset(&z->st);
	z->st.crc_flag = ISAL_GZIP;
	z->st.next_in = next;
	z->st.avail_in = avail;
	return 1;
}

ssize_t cnd_gzraw_read(struct cnd_gzraw *z, const void **buf,
		       const char **error)
{
	if (z->error[0])
		return fail(z, error, NULL);
	for (;;) {
		uint32_t before;
		size_t got;
		int rc;

		if (z->done)
			return 0;
		if (z->between) {
			rc = next_member(z);
			if (rc < 0)
				return fail(z, error, NULL);
			if (rc == 0) {
				z->done = 1;
				return 0;
			}
			z->between = 0;
		}
		if (z->st.avail_in == 0 && !z->eof && refill(z))
			return fail(z, error, NULL);
		z->st.next_out = z->out;
		z->st.avail_out = GZ_OUT;
		before = z->st.avail_in;
		rc = isal_inflate(&z->st);
		z->compressed += before - z->st.avail_in;
		if (rc == ISAL_INCORRECT_CHECKSUM)
			return fail(z, error,
				    "gzip data is damaged: CRC or size does not match");
		if (rc < 0)
			return fail(z, error,
				    rc == ISAL_INVALID_WRAPPER ||
						    rc == ISAL_UNSUPPORTED_METHOD ?
					    "damaged gzip header" :
					    "gzip data is damaged (invalid deflate data)");
		if (z->st.block_state == ISAL_BLOCK_FINISH)
			z->between = 1;
		got = GZ_OUT - z->st.avail_out;
		if (got) {
			*buf = z->out;
			return (ssize_t)got;
		}
		if (!z->between && z->st.avail_in == 0 && z->eof)
			return fail(z, error,
				    "gzip data ends early (the file is truncated)");
	}
}

uint64_t cnd_gzraw_compressed(const struct cnd_gzraw *z)
{
	return z->compressed;
}

void cnd_gzraw_close(struct cnd_gzraw *z)
{
	if (!z)
		return;
	close(z->fd);
	free(z);
}
