/*
 * libFuzzer target for the ISA-L gzip reader (src/input/gzraw.c): member
 * headers, deflate data, trailers, several members and what follows the
 * last one. The input is a whole gzip file, put in an anonymous in-memory
 * file (memfd, never on disk) that the reader opens by its /proc path,
 * and read to the end; a failure must say why.
 */
#define _GNU_SOURCE /* memfd_create */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../src/input/gzraw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct cnd_gzraw *z;
	const void *buf;
	const char *error = NULL;
	ssize_t got;
	int fd = memfd_create("gzraw-fuzz", MFD_CLOEXEC);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	z = cnd_gzraw_open(path);
	if (z) {
		do {
			got = cnd_gzraw_read(z, &buf, &error);
		} while (got > 0);
		if (got < 0 && (!error || !error[0]))
			abort(); /* a failure always says why */
		(void)cnd_gzraw_compressed(z);
		cnd_gzraw_close(z);
	}
	close(fd);
	return 0;
}
