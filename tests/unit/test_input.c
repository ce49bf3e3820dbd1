/*
 * Unit tests of the input layer: archives built in a temporary folder with
 * libarchive's writer, then walked: member order, streamed contents,
 * refused names, encrypted members, the size limit, a truncated zip and a
 * plain directory. Nothing the input layer reads is written anywhere.
 */
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "conduct/input/input.h"

#include "harness.h"

struct member_spec {
	const char *name;
	const char *data;
};

static char tmpdir[64];

static const char *tmp_path(const char *name)
{
	static char buf[4][128];
	static int i;

	if (!tmpdir[0]) {
		snprintf(tmpdir, sizeof(tmpdir), "/tmp/conduct-unit-XXXXXX");
		if (!mkdtemp(tmpdir))
			return NULL;
	}
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", tmpdir, name);
	return buf[i];
}

static void write_archive(const char *path, int zip, const char *options,
			  const struct member_spec *m)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();

	if (zip)
		archive_write_set_format_zip(a);
	else {
		archive_write_set_format_pax_restricted(a);
		archive_write_add_filter_gzip(a);
	}
	if (options)
		archive_write_set_options(a, options);
	archive_write_open_filename(a, path);
	for (; m->name; m++) {
		archive_entry_clear(e);
		archive_entry_set_pathname(e, m->name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)strlen(m->data));
		archive_write_header(a, e);
		archive_write_data(a, m->data, strlen(m->data));
	}
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
}

struct seen {
	struct cnd_buf names;
	struct cnd_buf data;
	struct cnd_buf problems;
	int want_all;
};

static int want(void *ud, const char *path, int64_t size)
{
	struct seen *s = ud;

	(void)size;
	return s->want_all || strstr(path, ".js") != NULL;
}

static int member(void *ud, struct cnd_member *m)
{
	struct seen *s = ud;
	struct cnd_error err;
	char chunk[7]; /* small on purpose: many reads */
	ssize_t n;

	cnd_buf_adds(&s->names, cnd_member_path(m));
	cnd_buf_addc(&s->names, ';');
	while ((n = cnd_member_read(m, chunk, sizeof(chunk), &err)) > 0)
		cnd_buf_add(&s->data, chunk, (size_t)n);
	if (n < 0) {
		cnd_buf_adds(&s->problems, err.message);
		cnd_buf_addc(&s->problems, ';');
		return err.status;
	}
	return CND_OK;
}

static void problem(void *ud, const char *path, int status, const char *msg)
{
	struct seen *s = ud;

	(void)status;
	cnd_buf_adds(&s->problems, path ? path : "(archive)");
	cnd_buf_adds(&s->problems, ": ");
	cnd_buf_adds(&s->problems, msg);
	cnd_buf_addc(&s->problems, ';');
}

static int walk(const char *path, struct seen *s, struct cnd_limits *lim,
		struct cnd_error *err)
{
	struct cnd_input *in;
	struct cnd_input_visitor v = { s, want, member, problem };
	struct cnd_limits def;
	int r;

	if (!lim) {
		cnd_limits_default(&def);
		lim = &def;
	}
	memset(s, 0, offsetof(struct seen, want_all));
	if (cnd_input_open(&in, path, lim, err) != CND_OK)
		return err->status;
	r = cnd_input_walk(in, &v, err);
	cnd_input_free(in);
	return r;
}

/* Remove the temporary folder once a test has removed its files. */
static void tmp_done(void)
{
	if (tmpdir[0] && rmdir(tmpdir) == 0)
		tmpdir[0] = '\0';
}

static void seen_release(struct seen *s)
{
	cnd_buf_release(&s->names);
	cnd_buf_release(&s->data);
	cnd_buf_release(&s->problems);
}

static const struct member_spec basic[] = {
	{ "data/a.js", "[1,2,3]" },
	{ "data/media/photo.jpg", "JPEGDATA" },
	{ "data/b.js", "{\"x\": \"a longer member body\"}" },
	{ NULL, NULL },
};

TEST(input_zip_and_targz)
{
	struct seen s = { 0 };
	struct cnd_error err;
	const char *zip = tmp_path("basic.zip"), *tgz = tmp_path("basic.tgz");

	write_archive(zip, 1, NULL, basic);
	CHECK_INT(walk(zip, &s, NULL, &err), CND_OK);
	CHECK_STR(s.names.data, "data/a.js;data/b.js;");
	CHECK_STR(s.data.data, "[1,2,3]{\"x\": \"a longer member body\"}");
	seen_release(&s);

	write_archive(tgz, 0, NULL, basic);
	CHECK_INT(walk(tgz, &s, NULL, &err), CND_OK);
	CHECK_STR(s.names.data, "data/a.js;data/b.js;");
	seen_release(&s);
	unlink(zip);
	unlink(tgz);
	tmp_done();
}

TEST(input_unsafe_names)
{
	static const struct member_spec evil[] = {
		{ "../evil.js", "x" },
		{ "/abs.js", "x" },
		{ "ok/../../up.js", "x" },
		{ "ctl\x01.js", "x" },
		{ "fine.js", "ok" },
		{ NULL, NULL },
	};
	struct seen s = { 0 };
	struct cnd_error err;
	const char *zip = tmp_path("evil.zip");

	write_archive(zip, 1, NULL, evil);
	s.want_all = 1;
	CHECK_INT(walk(zip, &s, NULL, &err), CND_FAILED);
	CHECK_STR(s.names.data, "fine.js;");
	CHECK(s.problems.data && strstr(s.problems.data, "../evil.js"));
	CHECK(s.problems.data && strstr(s.problems.data, "absolute"));
	CHECK(s.problems.data && strstr(s.problems.data, "ctl\\x01.js"));
	seen_release(&s);
	unlink(zip);
	tmp_done();
}

TEST(input_member_limit)
{
	struct seen s = { 0 };
	struct cnd_error err;
	struct cnd_limits lim;
	const char *zip = tmp_path("limit.zip");

	write_archive(zip, 1, NULL, basic);
	cnd_limits_default(&lim);
	lim.member_max = 10;
	CHECK_INT(walk(zip, &s, &lim, &err), CND_FAILED);
	CHECK_STR(s.names.data, "data/a.js;");
	CHECK(s.problems.data && strstr(s.problems.data, "data/b.js") &&
	      strstr(s.problems.data, "limit"));
	seen_release(&s);
	unlink(zip);
	tmp_done();
}

TEST(input_encrypted_member)
{
	struct seen s = { 0 };
	struct cnd_error err;
	const char *zip = tmp_path("enc.zip");

	write_archive(zip, 1, "zip:encryption=zipcrypt,zip:password=pw",
		      basic);
	CHECK_INT(walk(zip, &s, NULL, &err), CND_FAILED);
	CHECK(s.names.len == 0);
	CHECK(s.problems.data && strstr(s.problems.data, "encrypted"));
	seen_release(&s);
	unlink(zip);
	tmp_done();
}

TEST(input_truncated_zip)
{
	struct seen s = { 0 };
	struct cnd_error err;
	const char *zip = tmp_path("trunc.zip");
	struct stat st;

	write_archive(zip, 1, NULL, basic);
	CHECK(stat(zip, &st) == 0);
	CHECK(truncate(zip, st.st_size - 30) == 0); /* cut the directory */
	CHECK(walk(zip, &s, NULL, &err) >= CND_FAILED);
	CHECK(strstr(err.message, "trunc.zip") != NULL);
	/* the first member lies before the damage and is still read */
	CHECK(s.names.data && strstr(s.names.data, "data/a.js"));
	seen_release(&s);
	unlink(zip);
	tmp_done();
}

TEST(input_not_an_archive)
{
	struct seen s = { 0 };
	struct cnd_error err;
	const char *path = tmp_path("random.zip");
	FILE *f = fopen(path, "wb");

	fputs("this is not an archive at all, just some text\n", f);
	fclose(f);
	CHECK_INT(walk(path, &s, NULL, &err), CND_FATAL);
	CHECK(strstr(err.message, "random.zip") != NULL);
	seen_release(&s);
	unlink(path);
	CHECK_INT(walk(tmp_path("does-not-exist.zip"), &s, NULL, &err),
		  CND_FATAL);
	tmp_done();
}

TEST(input_directory)
{
	struct seen s = { 0 };
	struct cnd_error err;
	const char *dir = tmp_path("tree");
	char path[256];
	FILE *f;

	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/data", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/data/z.js", dir);
	f = fopen(path, "w");
	fputs("[9]", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/data/a.js", dir);
	f = fopen(path, "w");
	fputs("[1]", f);
	fclose(f);
	CHECK_INT(walk(dir, &s, NULL, &err), CND_OK);
	CHECK_STR(s.names.data, "data/a.js;data/z.js;");
	CHECK_STR(s.data.data, "[1][9]");
	seen_release(&s);
	unlink(path);
	snprintf(path, sizeof(path), "%s/data/z.js", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/data", dir);
	rmdir(path);
	rmdir(dir);
	tmp_done();
}

/* An empty folder: no member, no problem (and no qsort of no array). */
TEST(input_empty_directory)
{
	struct seen s = { 0 };
	struct cnd_error err;
	const char *dir = tmp_path("empty");

	mkdir(dir, 0700);
	CHECK_INT(walk(dir, &s, NULL, &err), CND_OK);
	CHECK(!s.names.len);
	seen_release(&s);
	rmdir(dir);
	tmp_done();
}

TEST(input_parse_size)
{
	uint64_t v;

	CHECK_INT(cnd_parse_size("64M", &v), CND_OK);
	CHECK_INT(v, 64ull * 1024 * 1024);
	CHECK_INT(cnd_parse_size("1K", &v), CND_OK);
	CHECK_INT(v, 1024);
	CHECK_INT(cnd_parse_size("2GiB", &v), CND_OK);
	CHECK_INT(cnd_parse_size("12", &v), CND_OK);
	CHECK_INT(v, 12);
	CHECK_INT(cnd_parse_size("-1", &v), CND_FAILED);
	CHECK_INT(cnd_parse_size("1X", &v), CND_FAILED);
	CHECK_INT(cnd_parse_size("", &v), CND_FAILED);
}

TEST(input_lone_document)
{
	static const char csv[] = "Account address,Show boosts\n"
				  "bob@mastodon.example,true\n";
	struct seen s = { 0 };
	struct cnd_error err;
	const char *path = tmp_path("following_accounts.csv");
	FILE *f = fopen(path, "wb");

	/* a CSV or JSON file that is not an archive: one member, its name */
	fputs(csv, f);
	fclose(f);
	s.want_all = 1;
	CHECK_INT(walk(path, &s, NULL, &err), CND_OK);
	CHECK_STR(s.names.data, "following_accounts.csv;");
	CHECK_STR(s.data.data, csv);
	CHECK(s.problems.len == 0);
	seen_release(&s);
	unlink(path);

	/* one column of words: libarchive's mtree reader would take it */
	path = tmp_path("blocked_accounts.csv");
	f = fopen(path, "wb");
	fputs("troll@spam.example\n", f);
	fclose(f);
	CHECK_INT(walk(path, &s, NULL, &err), CND_OK);
	CHECK_STR(s.names.data, "blocked_accounts.csv;");
	CHECK_STR(s.data.data, "troll@spam.example\n");
	seen_release(&s);
	unlink(path);

	/* the member limit still holds */
	path = tmp_path("Big.JSON");
	f = fopen(path, "wb");
	fputs("{\"orderedItems\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}", f);
	fclose(f);
	{
		struct cnd_limits lim;

		cnd_limits_default(&lim);
		lim.member_max = 10;
		CHECK(walk(path, &s, &lim, &err) >= CND_FAILED);
		CHECK(s.problems.data && strstr(s.problems.data, "limit"));
	}
	seen_release(&s);
	unlink(path);

	/* an archive named .json is still read as an archive */
	path = tmp_path("archive.json");
	write_archive(path, 0, NULL, basic);
	CHECK_INT(walk(path, &s, NULL, &err), CND_OK);
	CHECK_STR(s.names.data, "data/a.js;data/media/photo.jpg;data/b.js;");
	seen_release(&s);
	unlink(path);

	/* any other name that is not an archive is refused, as before */
	path = tmp_path("notes.txt");
	f = fopen(path, "wb");
	fputs(csv, f);
	fclose(f);
	CHECK_INT(walk(path, &s, NULL, &err), CND_FATAL);
	CHECK(strstr(err.message, "notes.txt") != NULL);
	seen_release(&s);
	unlink(path);
	tmp_done();
}

TEST(input_utf8_member_names)
{
	static const char name[] =
		"Takeout/Standortverlauf/2023/2023_M\xC3\x84RZ.json";
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	struct seen s = { 0 };
	struct cnd_error err;
	const char *zip = tmp_path("utf8.zip");

	/* a zip with the UTF-8 flag, as Google Takeout writes localised names */
	archive_write_set_format_zip(a);
	archive_write_set_options(a, "hdrcharset=UTF-8");
	archive_write_open_filename(a, zip);
	archive_entry_update_pathname_utf8(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, 2);
	archive_write_header(a, e);
	archive_write_data(a, "{}", 2);
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);

	s.want_all = 1;
	CHECK_INT(walk(zip, &s, NULL, &err), CND_OK);
	CHECK_STR(s.names.data,
		  "Takeout/Standortverlauf/2023/2023_M\xC3\x84RZ.json;");
	CHECK(s.problems.len == 0);
	seen_release(&s);
	unlink(zip);
	tmp_done();
}
