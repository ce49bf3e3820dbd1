/*
 * mkarchive: the test suite's own archive packer. The end-to-end tests keep
 * every export fixture as a tree of text files and pack it at test time, so
 * CI needs no zip or 7z tool and the packed bytes are the same on every
 * machine: members are written in sorted path order with a fixed mtime
 * (SOURCE_DATE_EPOCH, else 2024-01-01), uid/gid 0 and mode 0644, and the
 * gzip header carries no timestamp. The report quotes each archive's
 * SHA-256, so this determinism is what lets expected.json files be compared
 * byte for byte. Hostile tests need archives no well-behaved tool writes:
 * --add puts a member under any name at all ("../evil.txt", "/abs.txt"),
 * --encrypt writes members with traditional PKWARE encryption, --store
 * leaves members uncompressed. Encrypted members are not deterministic
 * (libarchive salts the encryption header with random bytes). libarchive
 * takes zip options only before an archive is opened, so for per-member
 * options each zip member is written as a one-member zip in memory and the
 * pieces are joined here under one central directory.
 *
 * Usage: mkarchive [options] OUT [DIR]; the format comes from OUT's suffix
 * (.zip, .tar, .tar.gz or .tgz, .7z) unless --format is given.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEFAULT_EPOCH 1704067200LL /* 2024-01-01T00:00:00Z */
#define COPY_BUF 65536

enum format { FMT_NONE, FMT_ZIP, FMT_TAR, FMT_TGZ, FMT_7Z };

struct strlist {
	char **v;
	size_t n, cap;
};

/* An extra member from --add: its name in the archive and its source. */
struct extra {
	char *name;
	const char *file;
};

struct opts {
	const char *out;
	const char *dir;
	const char *prefix;
	const char *password;
	enum format format;
	long long mtime;
	struct strlist store;	/* globs */
	struct strlist encrypt; /* globs */
	struct extra *extras;
	size_t n_extras;
};

static const char usage_text[] =
	"usage: mkarchive [options] OUT [DIR]\n"
	"Pack the regular files under DIR (sorted, relative paths) into OUT.\n"
	"The format follows OUT's suffix: .zip, .tar, .tar.gz/.tgz, .7z.\n"
	"\n"
	"  --format FMT       zip, tar, tgz or 7z, whatever OUT is called\n"
	"  --prefix DIR/      put every member of DIR under this folder\n"
	"  --store GLOB       zip: store matching members uncompressed\n"
	"  --encrypt GLOB     zip: encrypt matching members (zipcrypt)\n"
	"  --password PW      password for --encrypt\n"
	"  --add NAME=FILE    add member NAME (any name at all) with FILE's\n"
	"                     content, after the tree\n"
	"\n"
	"Members get mtime SOURCE_DATE_EPOCH (default 2024-01-01), uid/gid 0\n"
	"and mode 0644, so the same tree gives the same bytes.\n";

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("mkarchive: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mkarchive: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fputs(usage_text, stderr);
	exit(2);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xrealloc(NULL, n);

	memcpy(p, s, n);
	return p;
}

static char *join(const char *a, const char *sep, const char *b)
{
	size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
	char *p = xrealloc(NULL, la + ls + lb + 1);

	memcpy(p, a, la);
	memcpy(p + la, sep, ls);
	memcpy(p + la + ls, b, lb + 1);
	return p;
}

static void strlist_push(struct strlist *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static enum format format_from_name(const char *s)
{
	if (strcmp(s, "zip") == 0)
		return FMT_ZIP;
	if (strcmp(s, "tar") == 0)
		return FMT_TAR;
	if (strcmp(s, "tgz") == 0 || strcmp(s, "tar.gz") == 0)
		return FMT_TGZ;
	if (strcmp(s, "7z") == 0)
		return FMT_7Z;
	return FMT_NONE;
}

static enum format format_from_suffix(const char *path)
{
	if (ends_with(path, ".zip"))
		return FMT_ZIP;
	if (ends_with(path, ".tar"))
		return FMT_TAR;
	if (ends_with(path, ".tar.gz") || ends_with(path, ".tgz"))
		return FMT_TGZ;
	if (ends_with(path, ".7z"))
		return FMT_7Z;
	return FMT_NONE;
}

/* Does name match any glob of l? '*' also matches '/'. */
static int matches(const struct strlist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (fnmatch(l->v[i], name, 0) == 0)
			return 1;
	return 0;
}

/* Collect the regular files under root/rel (rel "" for root itself). */
static void walk(const char *root, const char *rel, struct strlist *files)
{
	char *path = rel[0] ? join(root, "/", rel) : xstrdup(root);
	DIR *d = opendir(path);
	struct dirent *de;

	if (!d)
		die("cannot open directory '%s': %s", path, strerror(errno));
	while ((errno = 0, de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		char *child_rel, *child;
		struct stat st;

		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		child_rel = rel[0] ? join(rel, "/", name) : xstrdup(name);
		child = join(root, "/", child_rel);
		if (lstat(child, &st) != 0)
			die("cannot stat '%s': %s", child, strerror(errno));
		if (S_ISDIR(st.st_mode)) {
			walk(root, child_rel, files);
			free(child_rel);
		} else if (S_ISREG(st.st_mode)) {
			strlist_push(files, child_rel);
		} else {
			free(child_rel); /* symlinks, devices: not packed */
		}
		free(child);
	}
	if (errno)
		die("cannot read directory '%s': %s", path, strerror(errno));
	closedir(d);
	free(path);
}

/* A growable byte buffer: one zip member's archive, or the central dir. */
struct buf {
	unsigned char *p;
	size_t n, cap;
};

static void buf_add(struct buf *b, const void *data, size_t n)
{
	if (b->n + n > b->cap) {
		while (b->n + n > b->cap)
			b->cap = b->cap ? 2 * b->cap : 65536;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

static la_ssize_t buf_write(struct archive *a, void *ud, const void *data,
			    size_t n)
{
	(void)a;
	buf_add(ud, data, n);
	return (la_ssize_t)n;
}

static unsigned long get_le(const unsigned char *p, int n)
{
	unsigned long v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

static void put_le(unsigned char *p, unsigned long v, int n)
{
	int i;

	for (i = 0; i < n; i++, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

/*
 * The zip being built. libarchive takes its zip options (compression,
 * encryption) only before an archive is opened, so each member is written
 * by libarchive as a one-member zip in memory with its own options, and the
 * members are then joined here: local records one after the other, central
 * directory entries with their offsets moved, one end record.
 */
struct zip_out {
	FILE *f;
	unsigned long offset;	 /* bytes of local records written */
	unsigned long n_entries;
	struct buf central;
};

#define ZIP_EOCD_SIG 0x06054b50UL
#define ZIP_CENTRAL_SIG 0x02014b50UL
#define ZIP_EOCD_LEN 22
#define ZIP_CENTRAL_OFFSET_AT 42
#define ZIP_LIMIT 0xffffffffUL

static void zip_splice(struct zip_out *z, const struct buf *one,
		       const char *name)
{
	size_t eocd, cd_off, cd_len;
	unsigned char *cd;

	/* The end record of a one-member zip without a comment is last. */
	if (one->n < ZIP_EOCD_LEN ||
	    get_le(one->p + one->n - ZIP_EOCD_LEN, 4) != ZIP_EOCD_SIG)
		die("%s: libarchive wrote no zip end record", name);
	eocd = one->n - ZIP_EOCD_LEN;
	if (get_le(one->p + eocd + 10, 2) != 1)
		die("%s: expected a one-member zip", name);
	cd_len = get_le(one->p + eocd + 12, 4);
	cd_off = get_le(one->p + eocd + 16, 4);
	if (cd_off + cd_len != eocd || cd_len < 46)
		die("%s: zip64 or unexpected layout (member too big?)", name);
	cd = one->p + cd_off;
	if (get_le(cd, 4) != ZIP_CENTRAL_SIG ||
	    get_le(cd + ZIP_CENTRAL_OFFSET_AT, 4) != 0)
		die("%s: unexpected central directory entry", name);
	if ((unsigned long)cd_off > ZIP_LIMIT - z->offset)
		die("%s: archive over 4 GiB is not supported", name);

	put_le(cd + ZIP_CENTRAL_OFFSET_AT, z->offset, 4);
	if (fwrite(one->p, 1, cd_off, z->f) != cd_off)
		die("cannot write: %s", strerror(errno));
	z->offset += (unsigned long)cd_off;
	buf_add(&z->central, cd, cd_len);
	z->n_entries++;
}

static void zip_finish(struct zip_out *z)
{
	unsigned char eocd[ZIP_EOCD_LEN];

	if (z->n_entries > 0xffff)
		die("more than 65535 members is not supported");
	memset(eocd, 0, sizeof(eocd));
	put_le(eocd, ZIP_EOCD_SIG, 4);
	put_le(eocd + 8, z->n_entries, 2);
	put_le(eocd + 10, z->n_entries, 2);
	put_le(eocd + 12, (unsigned long)z->central.n, 4);
	put_le(eocd + 16, z->offset, 4);
	if (fwrite(z->central.p, 1, z->central.n, z->f) != z->central.n ||
	    fwrite(eocd, 1, sizeof(eocd), z->f) != sizeof(eocd))
		die("cannot write: %s", strerror(errno));
}

static void check(struct archive *a, int r, const char *what)
{
	if (r == ARCHIVE_OK)
		return;
	if (r == ARCHIVE_WARN) {
		fprintf(stderr, "mkarchive: warning: %s: %s\n", what,
			archive_error_string(a));
		return;
	}
	die("%s: %s", what, archive_error_string(a));
}

/* A writer for tar, tar.gz and 7z, straight to OUT. */
static struct archive *open_writer(const struct opts *o)
{
	struct archive *a = archive_write_new();

	if (!a)
		die("out of memory");
	switch (o->format) {
	case FMT_TAR:
		check(a, archive_write_set_format_pax_restricted(a),
		      "tar format");
		break;
	case FMT_TGZ:
		check(a, archive_write_set_format_pax_restricted(a),
		      "tar format");
		check(a, archive_write_add_filter_gzip(a), "gzip filter");
		/* No timestamp in the gzip header: same bytes every run. */
		check(a, archive_write_set_filter_option(a, "gzip",
							 "timestamp", NULL),
		      "gzip option");
		break;
	case FMT_7Z:
		check(a, archive_write_set_format_7zip(a), "7z format");
		break;
	case FMT_ZIP:
	case FMT_NONE:
		die("internal error: no streaming writer for this format");
	}
	check(a, archive_write_open_filename(a, o->out), o->out);
	return a;
}

/* A one-member zip writer into one, with this member's options. */
static struct archive *open_zip_member(const struct opts *o,
				       const char *match_name, struct buf *one)
{
	struct archive *a = archive_write_new();
	int store = matches(&o->store, match_name);
	int encrypt = matches(&o->encrypt, match_name);

	if (!a)
		die("out of memory");
	check(a, archive_write_set_format_zip(a), "zip format");
	check(a, archive_write_set_format_option(a, "zip", "compression",
						 store ? "store" : "deflate"),
	      "zip compression");
	if (encrypt) {
		check(a, archive_write_set_format_option(a, "zip",
							 "encryption",
							 "zipcrypt"),
		      "zip encryption");
		check(a, archive_write_set_passphrase(a, o->password),
		      "password");
	}
	/* No padding after the end record. */
	check(a, archive_write_set_bytes_in_last_block(a, 1), "block size");
	check(a, archive_write_open2(a, one, NULL, buf_write, NULL, NULL),
	      "zip writer");
	return a;
}

static void fill_entry(struct archive_entry *e, const struct opts *o,
		       const char *name, la_int64_t size)
{
	archive_entry_clear(e);
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_mtime(e, (time_t)o->mtime, 0);
	archive_entry_set_size(e, size);
}

/*
 * Write one member called name with the content of file src: to a, or
 * (zip) through a one-member zip spliced into z.
 */
static void add_member(struct archive *a, struct zip_out *z,
		       const struct opts *o, struct archive_entry *e,
		       const char *name, const char *match_name,
		       const char *src)
{
	static char chunk[COPY_BUF];
	struct buf one = { NULL, 0, 0 };
	struct stat st;
	FILE *f;
	size_t n;

	f = fopen(src, "rb");
	if (!f)
		die("cannot open '%s': %s", src, strerror(errno));
	if (fstat(fileno(f), &st) != 0)
		die("cannot stat '%s': %s", src, strerror(errno));

	if (z)
		a = open_zip_member(o, match_name, &one);
	fill_entry(e, o, name, (la_int64_t)st.st_size);
	check(a, archive_write_header(a, e), name);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (archive_write_data(a, chunk, n) < 0)
			die("%s: %s", name, archive_error_string(a));
	}
	if (ferror(f))
		die("cannot read '%s'", src);
	fclose(f);
	check(a, archive_write_finish_entry(a), name);
	if (z) {
		check(a, archive_write_close(a), name);
		archive_write_free(a);
		zip_splice(z, &one, name);
		free(one.p);
	}
}

static long long mtime_from_env(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s)
		return DEFAULT_EPOCH;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		die("SOURCE_DATE_EPOCH is not a number of seconds: '%s'", s);
	return v;
}

static const char *need_arg(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		usage_error("option '%s' needs an argument", argv[*i]);
	return argv[++*i];
}

static void parse_args(int argc, char **argv, struct opts *o)
{
	const char *pos[2] = { NULL, NULL };
	int n_pos = 0, i, only_pos = 0;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (n_pos == 2)
				usage_error("too many arguments");
			pos[n_pos++] = arg;
		} else if (strcmp(arg, "--") == 0) {
			only_pos = 1;
		} else if (strcmp(arg, "-h") == 0 ||
			   strcmp(arg, "--help") == 0) {
			fputs(usage_text, stdout);
			exit(0);
		} else if (strcmp(arg, "--store") == 0) {
			strlist_push(&o->store,
				     xstrdup(need_arg(argc, argv, &i)));
		} else if (strcmp(arg, "--encrypt") == 0) {
			strlist_push(&o->encrypt,
				     xstrdup(need_arg(argc, argv, &i)));
		} else if (strcmp(arg, "--password") == 0) {
			o->password = need_arg(argc, argv, &i);
		} else if (strcmp(arg, "--prefix") == 0) {
			o->prefix = need_arg(argc, argv, &i);
		} else if (strcmp(arg, "--format") == 0) {
			const char *f = need_arg(argc, argv, &i);

			o->format = format_from_name(f);
			if (o->format == FMT_NONE)
				usage_error("unknown format '%s'", f);
		} else if (strcmp(arg, "--add") == 0) {
			const char *spec = need_arg(argc, argv, &i);
			const char *eq = strrchr(spec, '=');
			struct extra *x;
			char *name;

			if (!eq || eq == spec || !eq[1])
				usage_error("--add wants NAME=FILE, not '%s'",
					    spec);
			name = xrealloc(NULL, (size_t)(eq - spec) + 1);
			memcpy(name, spec, (size_t)(eq - spec));
			name[eq - spec] = '\0';
			o->extras = xrealloc(o->extras, (o->n_extras + 1) *
							       sizeof(*x));
			x = &o->extras[o->n_extras++];
			x->name = name;
			x->file = eq + 1;
		} else {
			usage_error("unknown option '%s'", arg);
		}
	}
	if (n_pos < 1)
		usage_error("no output file given");
	o->out = pos[0];
	o->dir = pos[1];
	if (o->format == FMT_NONE)
		o->format = format_from_suffix(o->out);
	if (o->format == FMT_NONE)
		usage_error("cannot tell the format of '%s' from its name",
			    o->out);
	if (o->encrypt.n && !o->password)
		usage_error("--encrypt needs --password");
	if ((o->encrypt.n || o->store.n) && o->format != FMT_ZIP)
		usage_error("--store and --encrypt are for zip only");
}

int main(int argc, char **argv)
{
	struct opts o;
	struct strlist files = { NULL, 0, 0 };
	struct zip_out z;
	struct archive *a;
	struct archive_entry *e;
	size_t i;

	memset(&o, 0, sizeof(o));
	memset(&z, 0, sizeof(z));
	parse_args(argc, argv, &o);
	o.mtime = mtime_from_env();

	/* Zip's DOS times are local times: pin the zone for stable bytes. */
	if (setenv("TZ", "UTC0", 1) != 0)
		die("cannot set TZ");
	tzset();
	/* Member names are UTF-8 whatever the caller's locale. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");

	if (o.dir) {
		walk(o.dir, "", &files);
		qsort(files.v, files.n, sizeof(*files.v), cmp_str);
	}

	if (o.format == FMT_ZIP) {
		a = NULL;
		z.f = fopen(o.out, "wb");
		if (!z.f)
			die("cannot create '%s': %s", o.out, strerror(errno));
	} else {
		a = open_writer(&o);
	}
	e = archive_entry_new();
	if (!e)
		die("out of memory");
	for (i = 0; i < files.n; i++) {
		char *src = join(o.dir, "/", files.v[i]);
		char *name = o.prefix ? join(o.prefix, "", files.v[i]) :
					xstrdup(files.v[i]);

		add_member(a, z.f ? &z : NULL, &o, e, name, files.v[i], src);
		free(name);
		free(src);
	}
	for (i = 0; i < o.n_extras; i++)
		add_member(a, z.f ? &z : NULL, &o, e, o.extras[i].name,
			   o.extras[i].name, o.extras[i].file);
	archive_entry_free(e);
	if (z.f) {
		zip_finish(&z);
		if (fclose(z.f) != 0)
			die("cannot write '%s': %s", o.out, strerror(errno));
		free(z.central.p);
	} else {
		check(a, archive_write_close(a), o.out);
		archive_write_free(a);
	}

	for (i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	for (i = 0; i < o.store.n; i++)
		free(o.store.v[i]);
	free(o.store.v);
	for (i = 0; i < o.encrypt.n; i++)
		free(o.encrypt.v[i]);
	free(o.encrypt.v);
	for (i = 0; i < o.n_extras; i++)
		free(o.extras[i].name);
	free(o.extras);
	return 0;
}
