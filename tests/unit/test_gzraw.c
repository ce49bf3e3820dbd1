/*
 * Unit tests of the ISA-L gzip reader (src/input/gzraw.c): gzip files
 * written in a temporary folder (members made with ISA-L's deflate), read
 * back byte for byte: one member, several members, trailing padding and
 * trailing junk; and the damage it must report: a wrong CRC, a cut file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <isa-l/igzip_lib.h>

#include "conduct/base/arena.h"
#include "../../src/input/gzraw.h"

#include "harness.h"

static char gdir[64];

static const char *gpath(void)
{
	static char buf[128];

	if (!gdir[0]) {
		snprintf(gdir, sizeof(gdir), "/tmp/conduct-gzraw-XXXXXX");
		if (!mkdtemp(gdir))
			return NULL;
	}
	snprintf(buf, sizeof(buf), "%s/t.gz", gdir);
	return buf;
}

static void gdone(void)
{
	unlink(gpath());
	rmdir(gdir);
	gdir[0] = '\0';
}

/* data[0..n) as one gzip member, appended to out. */
static void gzip_member(struct cnd_buf *out, const char *data, size_t n)
{
	struct isal_zstream *s = cnd_xcalloc(1, sizeof(*s));
	size_t cap = n + n / 2 + 1024;
	unsigned char *buf = cnd_xmalloc(cap);

	isal_deflate_init(s);
	s->level = 1;
	s->level_buf_size = ISAL_DEF_LVL1_DEFAULT;
	s->level_buf = cnd_xmalloc(ISAL_DEF_LVL1_DEFAULT);
	s->gzip_flag = IGZIP_GZIP;
	s->end_of_stream = 1;
	s->next_in = (uint8_t *)(uintptr_t)data;
	s->avail_in = (uint32_t)n;
	s->next_out = buf;
	s->avail_out = (uint32_t)cap;
	CHECK_INT(isal_deflate(s), COMP_OK);
	CHECK(s->internal_state.state == ZSTATE_END);
	cnd_buf_add(out, buf, s->total_out);
	free(s->level_buf);
	free(s);
	free(buf);
}

static void write_file(const char *path, const struct cnd_buf *b)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(fwrite(b->data, 1, b->len, f) == b->len);
	fclose(f);
}

/* Everything path inflates to, into out; 0, or -1 with *error. */
static int read_all(const char *path, struct cnd_buf *out, const char **error)
{
	static char kept[200];
	struct cnd_gzraw *z = cnd_gzraw_open(path);
	const void *p;
	ssize_t got;

	*error = NULL;
	if (!z)
		return -2;
	while ((got = cnd_gzraw_read(z, &p, error)) > 0)
		cnd_buf_add(out, p, (size_t)got);
	if (got < 0) {
		snprintf(kept, sizeof(kept), "%s", *error ? *error : "");
		*error = kept;
	}
	CHECK(cnd_gzraw_compressed(z) > 0);
	cnd_gzraw_close(z);
	return got < 0 ? -1 : 0;
}

/* n bytes of text that compress, the same on every run. */
static char *text(size_t n)
{
	char *s = cnd_xmalloc(n + 1);
	uint32_t x = 7;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		s[i] = (char)("abcdefgh ij\n"[(x >> 16) % 12]);
	}
	s[n] = '\0';
	return s;
}

TEST(gzraw_members_padding_and_junk)
{
	const size_t n = 1500 * 1000; /* several 256 KiB buffers */
	char *t = text(n);
	const char *path = gpath(), *error;
	struct cnd_buf gz, out;

	/* one member */
	cnd_buf_init(&gz);
	gzip_member(&gz, t, n);
	write_file(path, &gz);
	cnd_buf_init(&out);
	CHECK_INT(read_all(path, &out, &error), 0);
	CHECK(out.len == n && !memcmp(out.data, t, n));
	cnd_buf_release(&out);

	/* three members, one of them empty, read as one stream */
	gzip_member(&gz, "", 0);
	gzip_member(&gz, t, 1000);
	write_file(path, &gz);
	cnd_buf_init(&out);
	CHECK_INT(read_all(path, &out, &error), 0);
	CHECK(out.len == n + 1000 && !memcmp(out.data, t, n) &&
	      !memcmp(out.data + n, t, 1000));
	cnd_buf_release(&out);

	/* zeros after the last member (tape padding), then junk: ignored */
	for (int i = 0; i < 512; i++)
		cnd_buf_addc(&gz, '\0');
	write_file(path, &gz);
	cnd_buf_init(&out);
	CHECK_INT(read_all(path, &out, &error), 0);
	CHECK_INT(out.len, n + 1000);
	cnd_buf_release(&out);
	gz.len -= 512;
	cnd_buf_adds(&gz, "\x1f");
	write_file(path, &gz);
	cnd_buf_init(&out);
	CHECK_INT(read_all(path, &out, &error), 0);
	CHECK_INT(out.len, n + 1000);
	cnd_buf_release(&out);

	/* not gzip */
	write_file(path, &(struct cnd_buf){ .data = t, .len = 100 });
	CHECK(cnd_gzraw_open(path) == NULL);
	CHECK(cnd_gzraw_open("/nonexistent/t.gz") == NULL);
	cnd_buf_release(&gz);
	gdone();
	free(t);
}

TEST(gzraw_reports_damage)
{
	const size_t n = 600 * 1000;
	char *t = text(n);
	const char *path = gpath(), *error;
	struct cnd_buf gz, out;
	size_t whole;

	/* the trailer's CRC-32 (8 bytes from the end) is not the data's */
	cnd_buf_init(&gz);
	gzip_member(&gz, t, n);
	gz.data[gz.len - 8] ^= 0x55;
	write_file(path, &gz);
	cnd_buf_init(&out);
	CHECK_INT(read_all(path, &out, &error), -1);
	CHECK(error && strstr(error, "CRC"));
	cnd_buf_release(&out);

	/* cut in the middle */
	gz.data[gz.len - 8] ^= 0x55;
	whole = gz.len;
	gz.len /= 2;
	write_file(path, &gz);
	cnd_buf_init(&out);
	CHECK_INT(read_all(path, &out, &error), -1);
	CHECK(error && strstr(error, "truncated"));
	CHECK(out.len > 0 && out.len < n);
	CHECK(!memcmp(out.data, t, out.len));
	cnd_buf_release(&out);

	/* a second member cut after its header */
	gz.len = whole;
	gzip_member(&gz, t, 100);
	gz.len -= 20;
	write_file(path, &gz);
	cnd_buf_init(&out);
	CHECK_INT(read_all(path, &out, &error), -1);
	CHECK(out.len >= n);
	cnd_buf_release(&out);
	cnd_buf_release(&gz);
	gdone();
	free(t);
}
