/*
 * Unit tests of the direct zip member reader (src/input/zipraw.c): zips
 * written by libarchive in a temporary folder, read back byte for byte
 * (with and without zip64 records, in reads of odd sizes), the members it
 * must decline (stored, absent, named twice, of another size), and damage
 * it must report: a wrong CRC, a wrong size, cut compressed data.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "../../src/input/zipraw.h"

#include "harness.h"

struct zmember {
	const char *name;
	const char *data;
	size_t len;
};

static char zdir[64];

static const char *zpath(const char *name)
{
	static char buf[128];

	if (!zdir[0]) {
		snprintf(zdir, sizeof(zdir), "/tmp/conduct-zipraw-XXXXXX");
		if (!mkdtemp(zdir))
			return NULL;
	}
	snprintf(buf, sizeof(buf), "%s/%s", zdir, name);
	return buf;
}

static void zdone(const char *path)
{
	unlink(path);
	rmdir(zdir);
	zdir[0] = '\0';
}

static void write_zip(const char *path, const char *options,
		      const struct zmember *m, size_t n)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();

	archive_write_set_format_zip(a);
	if (options)
		archive_write_set_options(a, options);
	archive_write_open_filename(a, path);
	for (size_t i = 0; i < n; i++) {
		archive_entry_clear(e);
		archive_entry_set_pathname(e, m[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)m[i].len);
		archive_write_header(a, e);
		archive_write_data(a, m[i].data, m[i].len);
	}
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
}

/* n bytes of words that compress about 3:1, the same on every run. */
static char *words(size_t n)
{
	static const char *w[] = { "client", "visit", "court", "today",
				   "the", "a", "report", "case", "home",
				   "notes", "\xc3\xa9t\xc3\xa9", "2023" };
	char *s = cnd_xmalloc(n + 1);
	uint32_t x = 12345;
	size_t i = 0;

	while (i < n) {
		const char *p;

		x = x * 1103515245u + 12345u;
		p = w[(x >> 16) % (sizeof(w) / sizeof(w[0]))];
		while (*p && i < n)
			s[i++] = *p++;
		if (i < n)
			s[i++] = (x >> 8) % 7 ? ' ' : '\n';
	}
	s[n] = '\0';
	return s;
}

/* All of name through a cnd_zipraw, read chunk bytes at a time. */
static int read_all(const char *zip, const char *name, int64_t size,
		    size_t chunk, struct cnd_buf *out, const char **error)
{
	struct cnd_zipdir *d = cnd_zipdir_open(zip);
	struct cnd_zipraw *z = cnd_zipraw_open(d, name, size);
	char *buf = cnd_xmalloc(chunk);
	ssize_t got;

	*error = NULL;
	if (!z) {
		cnd_zipdir_free(d);
		free(buf);
		return -2;
	}
	while ((got = cnd_zipraw_read(z, buf, chunk, error)) > 0)
		cnd_buf_add(out, buf, (size_t)got);
	if (got < 0 && *error) {
		static char kept[200];

		snprintf(kept, sizeof(kept), "%s", *error);
		*error = kept;
	}
	CHECK(cnd_zipraw_compressed(z) > 0);
	cnd_zipraw_close(z);
	cnd_zipdir_free(d);
	free(buf);
	return got < 0 ? -1 : 0;
}

/* Overwrite the 32-bit field at off of name's central directory entry. */
static int patch_cd(const char *zip, const char *name, size_t off,
		    uint32_t v)
{
	FILE *f = fopen(zip, "r+b");
	size_t n, len = strlen(name);
	unsigned char *s, *p;
	long size;
	int done = 0;

	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	s = cnd_xmalloc((size_t)size);
	n = fread(s, 1, (size_t)size, f);
	for (p = s; p + 46 + len <= s + n; p++) {
		if (memcmp(p, "PK\1\2", 4) || p[28] != (len & 0xff) ||
		    p[29] != len >> 8 || memcmp(p + 46, name, len))
			continue;
		for (int i = 0; i < 4; i++)
			p[off + (size_t)i] = (unsigned char)(v >> (8 * i));
		done = 1;
	}
	rewind(f);
	if (fwrite(s, 1, n, f) != n)
		done = 0;
	fclose(f);
	free(s);
	return done;
}

TEST(zipraw_reads_what_was_written)
{
	const size_t big = 2 * 1024 * 1024; /* > one 256 KiB input chunk */
	char *text = words(big);
	struct zmember m[] = {
		{ "data/small.js", "[1,2,3]", 7 },
		{ "./data/tweets.js", text, big },
		{ "data/empty.js", "", 0 },
	};
	const char *zip = zpath("a.zip");
	struct cnd_buf out;
	const char *error;
	const char *opts[] = { NULL, "zip:zip64" };

	for (size_t k = 0; k < 2; k++) {
		write_zip(zip, opts[k], m, 3);
		for (size_t chunk = 7001; chunk <= 262144; chunk *= 37) {
			cnd_buf_init(&out);
			CHECK_INT(read_all(zip, "data/tweets.js", (int64_t)big,
					   chunk, &out, &error), 0);
			CHECK_INT(out.len, big);
			CHECK(out.len == big && !memcmp(out.data, text, big));
			cnd_buf_release(&out);
		}
		cnd_buf_init(&out);
		CHECK_INT(read_all(zip, "data/small.js", -1, 3, &out, &error),
			  0);
		CHECK(out.len == 7 && !memcmp(out.data, "[1,2,3]", 7));
		cnd_buf_release(&out);
		cnd_buf_init(&out);
		CHECK_INT(read_all(zip, "data/empty.js", 0, 64, &out, &error),
			  0);
		CHECK_INT(out.len, 0);
		cnd_buf_release(&out);
	}
	zdone(zip);
	free(text);
}

TEST(zipraw_declines_what_it_cannot_read_directly)
{
	struct zmember m[] = {
		{ "data/a.js", "[\"first\"]", 9 },
		{ "data/a.js", "[\"second\"]", 10 },
		{ "data/b.js", "{\"b\": 1}", 8 },
	};
	const char *zip = zpath("b.zip");
	struct cnd_buf out;
	const char *error;
	struct cnd_zipdir *d;

	cnd_buf_init(&out);
	write_zip(zip, NULL, m, 3);
	/* named twice: which one libarchive is at is not known here */
	CHECK_INT(read_all(zip, "data/a.js", -1, 64, &out, &error), -2);
	CHECK_INT(read_all(zip, "data/none.js", -1, 64, &out, &error), -2);
	/* libarchive says another size: not the same member */
	CHECK_INT(read_all(zip, "data/b.js", 9, 64, &out, &error), -2);
	CHECK_INT(read_all(zip, "data/b.js", 8, 64, &out, &error), 0);
	write_zip(zip, "zip:compression=store", m + 2, 1);
	CHECK_INT(read_all(zip, "data/b.js", 8, 64, &out, &error), -2);
	CHECK(cnd_zipraw_open(NULL, "data/b.js", 8) == NULL);
	/* not a zip at all */
	d = cnd_zipdir_open("/dev/null");
	CHECK(d == NULL);
	cnd_zipdir_free(d);
	cnd_buf_release(&out);
	zdone(zip);
}

TEST(zipraw_reports_damage)
{
	const size_t big = 300 * 1024;
	char *text = words(big);
	struct zmember m[] = { { "data/tweets.js", text, big } };
	const char *zip = zpath("c.zip");
	struct cnd_buf out;
	const char *error;

	/* the directory's CRC (offset 16) is not the data's */
	write_zip(zip, NULL, m, 1);
	CHECK(patch_cd(zip, "data/tweets.js", 16, 0x12345678));
	cnd_buf_init(&out);
	CHECK_INT(read_all(zip, "data/tweets.js", -1, 65536, &out, &error), -1);
	CHECK(error && strstr(error, "bad CRC"));
	CHECK_INT(out.len, big); /* every byte was handed over first */
	cnd_buf_release(&out);

	/* the directory's size (offset 24) is less than the data */
	write_zip(zip, NULL, m, 1);
	CHECK(patch_cd(zip, "data/tweets.js", 24, 1000));
	cnd_buf_init(&out);
	CHECK_INT(read_all(zip, "data/tweets.js", -1, 65536, &out, &error), -1);
	CHECK(error && strstr(error, "wrong size"));
	cnd_buf_release(&out);

	/* the compressed size (offset 20) cuts the deflate stream */
	write_zip(zip, NULL, m, 1);
	CHECK(patch_cd(zip, "data/tweets.js", 20, 5000));
	cnd_buf_init(&out);
	CHECK_INT(read_all(zip, "data/tweets.js", -1, 65536, &out, &error), -1);
	CHECK(error && strstr(error, "Truncated"));
	CHECK(out.len < big);
	cnd_buf_release(&out);
	zdone(zip);
	free(text);
}
