/*
 * libFuzzer target for the direct zip member reader (src/input/zipraw.c),
 * which parses the end records, central directory, zip64 fields and local
 * header of an untrusted zip and inflates a member with ISA-L. The input
 * is a whole zip file, put in an anonymous in-memory file (memfd, never on
 * disk) that the reader opens by its /proc path; every member name the
 * seeds use is looked up, with the size given and unknown, and read to the
 * end in reads of a size the first byte chooses. The input layer's own
 * walk of a plain zip is fuzzed too: the plain check, then every entry
 * listed and its data read as input.c reads it.
 */
#define _GNU_SOURCE /* memfd_create */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../src/input/zipraw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = { "data/tweets.js", "data/like.js",
				     "a" };

static void read_member(const struct cnd_zipdir *d, const char *name,
			int64_t size, size_t chunk)
{
	struct cnd_zipraw *z = cnd_zipraw_open(d, name, size);
	static unsigned char buf[70000];
	const char *error = NULL;
	ssize_t got;

	if (!z)
		return;
	do {
		got = cnd_zipraw_read(z, buf, chunk, &error);
	} while (got > 0);
	if (got < 0 && (!error || !error[0]))
		abort(); /* a failure always says why */
	(void)cnd_zipraw_compressed(z);
	cnd_zipraw_close(z);
}

/* Every entry of d, as input.c's own walk lists and reads them. */
static void walk_all(const struct cnd_zipdir *d, size_t chunk)
{
	struct cnd_zipiter *it;
	struct cnd_zipentry e;
	static unsigned char buf[70000];

	(void)cnd_zipdir_plain(d);
	it = cnd_zipiter_open(d);
	if (!it)
		return;
	while (cnd_zipiter_next(it, &e) == 1) {
		struct cnd_zipraw *z;
		const char *error = NULL;
		ssize_t got;

		if (!e.name || (e.size < -1))
			abort();
		if (e.is_dir || !(z = cnd_zipiter_member(it)))
			continue;
		do {
			got = cnd_zipraw_read(z, buf, chunk, &error);
		} while (got > 0);
		if (got < 0 && (!error || !error[0]))
			abort();
		cnd_zipraw_close(z);
	}
	cnd_zipiter_close(it);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct cnd_zipdir *d;
	size_t chunk;
	int fd;

	if (size < 1)
		return 0;
	chunk = 1 + (size_t)data[0] * 271; /* 1 .. 69106 bytes a read */
	fd = memfd_create("zipraw-fuzz", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	d = cnd_zipdir_open(path);
	for (size_t i = 0; d && i < sizeof(names) / sizeof(names[0]); i++) {
		read_member(d, names[i], -1, chunk);
		read_member(d, names[i], 14, chunk);
	}
	if (d)
		walk_all(d, chunk);
	cnd_zipdir_free(d);
	close(fd);
	return 0;
}
