/*
 * The input layer, with member.c the only files that talk to libarchive.
 * It opens an export (an archive file or a directory), walks its members
 * in order and streams each wanted member's bytes to the caller; nothing
 * is ever written to disk. A zip that is a regular file is listed from its
 * central directory, past the members nobody wants (photos and videos are
 * most of an export's bytes), so those are never inflated: a plain zip by
 * walk_zip() here, through one directory window (zipraw.h), any other by
 * libarchive's seekable reader, which keeps an entry per member. A zip whose central
 * directory is missing (truncated download) is read again with the
 * streaming reader to recover the members before the damage. A regular
 * file whose name ends in .csv, .json or .car (Bluesky's repository
 * export) and that libarchive does not read as an archive is a lone
 * document (such as Mastodon's follow lists, separate downloads given as
 * parts of the export): it is read, through libarchive's raw format, as
 * one member named as the file. Member names are read as UTF-8 whatever
 * the process's locale. Unsafe member names are refused here, and the
 * limits on entries and member sizes checked as the members are listed;
 * member.c reads a member's bytes (the read-ahead thread, the limits on
 * inflated bytes), limits.c holds the defaults.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "gzraw.h"
#include "conduct/input/input.h"
#include "zipraw.h"

#include "member.h"

/* The last path component, for messages: never a path of the machine. */
static const char *shown_name(const char *path)
{
	const char *end = path + strlen(path), *p;

	while (end > path + 1 && end[-1] == '/')
		end--;
	for (p = end; p > path && p[-1] != '/'; p--)
		;
	return p;
}

/*
 * 1 when libarchive reads path as an archive with at least one entry.
 * mtree does not count: it takes any list of words (a one-column CSV) for a
 * file listing.
 */
static int is_archive(const char *path)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int yes = 0, fmt;

	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	if (archive_read_open_filename(a, path, 64 * 1024) == ARCHIVE_OK &&
	    archive_read_next_header(a, &e) >= ARCHIVE_WARN) {
		fmt = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
		yes = fmt != ARCHIVE_FORMAT_MTREE;
	}
	archive_read_free(a);
	return yes;
}

int cnd_input_open(struct cnd_input **out, const char *path,
		   const struct cnd_limits *lim, struct cnd_error *err)
{
	struct stat st;
	struct cnd_input *in;
	size_t n;
	char *name;
	const char *shown = shown_name(path);

	*out = NULL;
	if (stat(path, &st) != 0)
		return cnd_error_set(err, CND_FATAL, "cannot open '%s': %s",
				     shown, strerror(errno));
	if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
		return cnd_error_set(err, CND_FATAL,
				     "cannot open '%s': not a file or directory",
				     shown);
	if (access(path, R_OK) != 0)
		return cnd_error_set(err, CND_FATAL, "cannot open '%s': %s",
				     shown, strerror(errno));
	in = cnd_xcalloc(1, sizeof(*in));
	in->path = cnd_xstrdup(path);
	in->is_dir = S_ISDIR(st.st_mode);
	in->threads = 1;
	in->lim = *lim;
	/* base name without trailing slashes */
	n = strlen(in->path);
	while (n > 1 && in->path[n - 1] == '/')
		in->path[--n] = '\0';
	name = strrchr(in->path, '/');
	in->name = name ? name + 1 : in->path;
	if (!in->is_dir) {
		unsigned char magic[4] = { 0 };
		FILE *f = fopen(path, "rb");

		if (f) {
			if (fread(magic, 1, 4, f) == 4 && magic[0] == 'P' &&
			    magic[1] == 'K' &&
			    (magic[2] == 3 || magic[2] == 5 || magic[2] == 7))
				in->is_zip = 1;
			fclose(f);
		}
		n = strlen(in->name);
		if (!in->is_zip &&
		    ((n > 4 && !strcasecmp(in->name + n - 4, ".csv")) ||
		     (n > 4 && !strcasecmp(in->name + n - 4, ".car")) ||
		     (n > 5 && !strcasecmp(in->name + n - 5, ".json"))))
			in->is_lone = !is_archive(in->path);
	}
	*out = in;
	return CND_OK;
}

void cnd_input_free(struct cnd_input *in)
{
	if (!in)
		return;
	free(in->path);
	free(in);
}

int cnd_input_is_dir(const struct cnd_input *in)
{
	return in->is_dir;
}

/*
 * Why a member name is refused, or NULL when it is safe: no absolute
 * paths, no `..` component, no control characters.
 */
static const char *unsafe_name(const char *p, size_t path_max)
{
	const char *c;

	if (!*p)
		return "empty member name";
	if (strlen(p) > path_max)
		return "member name longer than the limit";
	if (p[0] == '/' || p[0] == '\\')
		return "absolute member path";
	for (c = p; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return "control character in member name";
	for (c = p; *c; c++) {
		if ((c == p || c[-1] == '/' || c[-1] == '\\') && c[0] == '.' &&
		    c[1] == '.' && (c[2] == '\0' || c[2] == '/' || c[2] == '\\'))
			return "'..' in member path";
	}
	return NULL;
}

static void problem(const struct cnd_input_visitor *v, const char *path,
		    int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(const struct cnd_input_visitor *v, const char *path,
		    int status, const char *fmt, ...)
{
	char msg[CND_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (v->problem)
		v->problem(v->ud, path, status, msg);
}

/* Printable copy of a refused name, for messages. */
static void printable(char *dst, size_t n, const char *src)
{
	size_t i = 0;

	for (; *src && i + 5 < n; src++) {
		unsigned char ch = (unsigned char)*src;

		if (ch < 0x20 || ch == 0x7f)
			i += (size_t)snprintf(dst + i, n - i, "\\x%02x", ch);
		else
			dst[i++] = (char)ch;
	}
	dst[i] = '\0';
}

/* libarchive's client callbacks for a gzip file inflated by gzraw.c. */
static la_ssize_t gz_read(struct archive *a, void *ud, const void **buf)
{
	struct cnd_input *in = ud;
	const char *error = NULL;
	ssize_t got = cnd_gzraw_read(in->gz, buf, &error);

	if (got < 0)
		archive_set_error(a, EIO, "%s",
				  error ? error : "read error");
	return (la_ssize_t)got;
}

static int gz_close(struct archive *a, void *ud)
{
	struct cnd_input *in = ud;

	(void)a;
	cnd_gzraw_close(in->gz);
	in->gz = NULL;
	return ARCHIVE_OK;
}

/*
 * Open in with libarchive: seekable or streaming zip reader, every format
 * and filter, or (lone) libarchive's raw format, which reads any file (after
 * any compression filter) as a single member. A gzip file that is not a
 * lone document (tar.gz) is inflated by gzraw.c and handed to libarchive
 * through its client callbacks.
 */
static struct archive *open_archive(struct cnd_input *in, int seekable,
				    int lone, struct cnd_error *err)
{
	struct archive *a = archive_read_new();

	if (lone) {
		archive_read_support_filter_all(a);
		archive_read_support_format_raw(a);
	} else if (in->is_zip && seekable) {
		archive_read_support_format_zip_seekable(a);
	} else if (in->is_zip) {
		archive_read_support_format_zip_streamable(a);
	} else {
		archive_read_support_filter_all(a);
		archive_read_support_format_all(a);
	}
	if (!lone && !in->is_zip)
		in->gz = cnd_gzraw_open(in->path);
	if ((in->gz ? archive_read_open(a, in, NULL, gz_read, gz_close) :
		      archive_read_open_filename(a, in->path, 64 * 1024)) !=
	    ARCHIVE_OK) {
		cnd_error_set(err, CND_FATAL, "cannot read '%s': %s", in->name,
			      archive_error_string(a) ? archive_error_string(a) :
							"not an archive");
		archive_read_free(a);
		gz_close(NULL, in);
		return NULL;
	}
	return a;
}

/*
 * One entry as either walk lists it (libarchive's, or the own walk of a
 * plain zip): folders, unsafe names, links, other types, members the
 * visitor does not want, encrypted members and members over the size
 * limit are skipped, each with the same problem either way. 1 when the
 * member is to be read.
 */
static int entry_wanted(struct cnd_input *in, const struct cnd_input_visitor *v,
			const char *path, int type, int hardlink, int64_t size,
			int encrypted, char *shown, size_t shown_n, int *worst)
{
	const char *why;

	if (type == AE_IFDIR)
		return 0;
	why = unsafe_name(path, in->lim.path_max);
	if (why) {
		printable(shown, shown_n, path);
		problem(v, shown, CND_FAILED, "%s; member skipped", why);
		*worst = cnd_status_worst(*worst, CND_FAILED);
		return 0;
	}
	if (type == AE_IFLNK || hardlink) {
		problem(v, path, CND_WARN, "link member not followed; skipped");
		*worst = cnd_status_worst(*worst, CND_WARN);
		return 0;
	}
	if (type != AE_IFREG) {
		problem(v, path, CND_WARN, "not a regular file; skipped");
		*worst = cnd_status_worst(*worst, CND_WARN);
		return 0;
	}
	if (v->want && !v->want(v->ud, path, size))
		return 0;
	if (encrypted) {
		problem(v, path, CND_FAILED,
			"member is encrypted and cannot be read without its password; skipped");
		*worst = cnd_status_worst(*worst, CND_FAILED);
		return 0;
	}
	if (size >= 0 && (uint64_t)size > in->lim.member_max) {
		problem(v, path, CND_FAILED,
			"member is %lld bytes, over the limit of %llu; skipped",
			(long long)size,
			(unsigned long long)in->lim.member_max);
		*worst = cnd_status_worst(*worst, CND_FAILED);
		return 0;
	}
	return 1;
}

/* lone_name: the one member's name when a is read with the raw format. */
static int walk_archive(struct cnd_input *in, struct archive *a,
			const char *lone_name,
			const struct cnd_input_visitor *v, struct cnd_error *err)
{
	struct archive_entry *e;
	uint64_t total = 0, count = 0;
	int worst = CND_OK, r;
	char shown[512];

	for (;;) {
		const char *path;
		int64_t size;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY ||
		    r == ARCHIVE_FAILED) {
			const char *why = archive_error_string(a);

			return cnd_error_set(err,
					     count ? CND_FAILED : CND_FATAL,
					     "cannot read '%s' after %llu entries: %s",
					     in->name, (unsigned long long)count,
					     why ? why : "damaged archive");
		}
		if (++count > in->lim.members_max)
			return cnd_error_set(err, CND_FAILED,
					     "'%s' has more than %llu entries; the rest were not read",
					     in->name,
					     (unsigned long long)in->lim.members_max);
		path = lone_name ? lone_name : archive_entry_pathname_utf8(e);
		if (!path)
			path = archive_entry_pathname(e);
		if (!path) {
			problem(v, NULL, CND_FAILED,
				"entry %llu has no readable name; skipped",
				(unsigned long long)count);
			worst = cnd_status_worst(worst, CND_FAILED);
			continue;
		}
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		if (!entry_wanted(in, v, path, (int)archive_entry_filetype(e),
				  archive_entry_hardlink(e) != NULL,
				  archive_entry_size_is_set(e) ?
					  archive_entry_size(e) : -1,
				  archive_entry_is_encrypted(e), shown,
				  sizeof(shown), &worst))
			continue;
		size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
		if (v->member) {
			struct cnd_member m = { 0 };

			m.in = in;
			m.path = path;
			m.size = size;
			m.a = a;
			m.total = &total;
			m.fd = -1;
			r = v->member(v->ud, &m);
			member_end(&m);
			worst = cnd_status_worst(worst, r);
			if (r >= CND_FATAL)
				return cnd_error_set(err, CND_FATAL,
						     "stopped reading '%s' at '%s'",
						     in->name, path);
		}
	}
	return worst;
}

/*
 * A plain zip (zipraw.h, cnd_zipdir_plain()) walked by conduct itself, in
 * the order of its directory, which is the file's: the entries, problems
 * and bytes libarchive's seekable reader would give, in one directory
 * window instead of an entry kept per member. Members are read by zipraw.
 */
static int walk_zip(struct cnd_input *in, const struct cnd_zipdir *d,
		    const struct cnd_input_visitor *v, struct cnd_error *err)
{
	struct cnd_zipiter *it = cnd_zipiter_open(d);
	struct cnd_zipentry e;
	uint64_t total = 0, count = 0;
	int worst = CND_OK, r;
	char shown[512];

	if (!it)
		return cnd_error_set(err, CND_FATAL, "cannot read '%s': %s",
				     in->name, strerror(errno));
	while ((r = cnd_zipiter_next(it, &e)) == 1) {
		const char *path = e.name;
		struct cnd_member m = { 0 };

		if (++count > in->lim.members_max) {
			worst = cnd_error_set(err, CND_FAILED,
					      "'%s' has more than %llu entries; the rest were not read",
					      in->name,
					      (unsigned long long)in->lim.members_max);
			break;
		}
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		if (!entry_wanted(in, v, path, e.is_dir ? AE_IFDIR : AE_IFREG,
				  0, e.size, 0, shown, sizeof(shown), &worst) ||
		    !v->member)
			continue;
		m.in = in;
		m.path = path;
		m.size = e.size;
		m.own = 1;
		m.raw_base = (int64_t)e.offset;
		m.zr = cnd_zipiter_member(it);
		m.total = &total;
		m.fd = -1;
		if (!m.zr) {
			problem(v, path, CND_FAILED,
				"damaged local file header; member skipped");
			worst = cnd_status_worst(worst, CND_FAILED);
			continue;
		}
		r = v->member(v->ud, &m);
		member_end(&m);
		worst = cnd_status_worst(worst, r);
		if (r >= CND_FATAL) {
			worst = cnd_error_set(err, CND_FATAL,
					      "stopped reading '%s' at '%s'",
					      in->name, path);
			break;
		}
	}
	if (r < 0)
		worst = cnd_error_set(err, count ? CND_FAILED : CND_FATAL,
				      "cannot read '%s' after %llu entries: damaged central directory",
				      in->name, (unsigned long long)count);
	cnd_zipiter_close(it);
	return worst;
}

/*
 * The directory of in when conduct walks it itself: a zip whose every
 * entry is plain, decided once per input. CONDUCT_ZIP_LIBARCHIVE=1 in the
 * environment leaves every zip to libarchive, so that the tests can
 * compare the two walks.
 */
static struct cnd_zipdir *own_walk_dir(struct cnd_input *in)
{
	const char *e = getenv("CONDUCT_ZIP_LIBARCHIVE");
	struct cnd_zipdir *d;

	if (!in->is_zip || in->own_walk < 0 || (e && !strcmp(e, "1")))
		return NULL;
	d = cnd_zipdir_open(in->path);
	if (d && !in->own_walk)
		in->own_walk = cnd_zipdir_plain(d) ? 1 : -1;
	if (d && in->own_walk > 0)
		return d;
	in->own_walk = -1;
	cnd_zipdir_free(d);
	return NULL;
}

/* --- directories --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *root, const char *rel, struct cnd_vec *out,
		     const struct cnd_input_visitor *v, int depth, int *worst)
{
	char *dirpath;
	DIR *d;
	struct dirent *de;

	if (depth > 64) {
		problem(v, rel, CND_WARN, "folder nested too deep; skipped");
		*worst = cnd_status_worst(*worst, CND_WARN);
		return;
	}
	dirpath = *rel ? cnd_xmalloc(strlen(root) + strlen(rel) + 2) :
			 cnd_xstrdup(root);
	if (*rel)
		snprintf(dirpath, strlen(root) + strlen(rel) + 2, "%s/%s",
			 root, rel);
	d = opendir(dirpath);
	if (!d) {
		problem(v, *rel ? rel : NULL, CND_FAILED,
			"cannot read folder: %s", strerror(errno));
		*worst = cnd_status_worst(*worst, CND_FAILED);
		free(dirpath);
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;
		size_t n;
		char *child, *full;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		n = strlen(rel) + strlen(de->d_name) + 2;
		child = cnd_xmalloc(n);
		snprintf(child, n, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		n = strlen(root) + strlen(child) + 2;
		full = cnd_xmalloc(n);
		snprintf(full, n, "%s/%s", root, child);
		if (lstat(full, &st) != 0) {
			problem(v, child, CND_WARN, "cannot stat: %s",
				strerror(errno));
			free(child);
		} else if (S_ISLNK(st.st_mode)) {
			problem(v, child, CND_WARN,
				"symbolic link not followed; skipped");
			*worst = cnd_status_worst(*worst, CND_WARN);
			free(child);
		} else if (S_ISDIR(st.st_mode)) {
			list_dir(root, child, out, v, depth + 1, worst);
			free(child);
		} else if (S_ISREG(st.st_mode)) {
			*(char **)cnd_vec_push(out) = child;
		} else {
			free(child);
		}
		free(full);
	}
	closedir(d);
	free(dirpath);
}

static int walk_dir(struct cnd_input *in, const struct cnd_input_visitor *v,
		    struct cnd_error *err)
{
	struct cnd_vec files;
	uint64_t total = 0;
	int worst = CND_OK;
	size_t i;

	cnd_vec_init(&files, sizeof(char *));
	list_dir(in->path, "", &files, v, 0, &worst);
	if (files.len > 1) /* qsort of no array is undefined */
		qsort(files.items, files.len, sizeof(char *), cmp_str);
	if (files.len > in->lim.members_max) {
		worst = cnd_error_set(err, CND_FAILED,
				      "'%s' has more than %llu files; none were read",
				      in->name,
				      (unsigned long long)in->lim.members_max);
		goto out_free;
	}
	for (i = 0; i < files.len; i++) {
		const char *path = *(char **)cnd_vec_at(&files, i);
		struct cnd_member m = { 0 };
		struct stat st;
		size_t n = strlen(in->path) + strlen(path) + 2;
		char *full = cnd_xmalloc(n);
		int r;

		snprintf(full, n, "%s/%s", in->path, path);
		m.in = in;
		m.path = path;
		m.total = &total;
		m.fd = -1;
		m.size = stat(full, &st) == 0 ? (int64_t)st.st_size : -1;
		if (v->want && !v->want(v->ud, path, m.size)) {
			free(full);
			continue;
		}
		if (m.size >= 0 && (uint64_t)m.size > in->lim.member_max) {
			problem(v, path, CND_FAILED,
				"file is %lld bytes, over the limit of %llu; skipped",
				(long long)m.size,
				(unsigned long long)in->lim.member_max);
			worst = cnd_status_worst(worst, CND_FAILED);
			free(full);
			continue;
		}
		m.fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		free(full);
		if (m.fd < 0) {
			problem(v, path, CND_FAILED, "cannot open: %s",
				strerror(errno));
			worst = cnd_status_worst(worst, CND_FAILED);
			continue;
		}
		r = v->member ? v->member(v->ud, &m) : CND_OK;
		close(m.fd);
		worst = cnd_status_worst(worst, r);
		if (r >= CND_FATAL) {
			worst = cnd_error_set(err, CND_FATAL,
					      "stopped reading '%s' at '%s'",
					      in->name, path);
			break;
		}
	}
out_free:
	for (i = 0; i < files.len; i++)
		free(*(char **)cnd_vec_at(&files, i));
	cnd_vec_release(&files);
	return worst;
}

static int walk_input(struct cnd_input *in, const struct cnd_input_visitor *v,
		      struct cnd_error *err)
{
	struct archive *a;
	struct cnd_zipdir *d;
	struct cnd_error first;
	int r;

	cnd_error_clear(err);
	if (in->is_dir)
		return walk_dir(in, v, err);
	if (in->is_lone) {
		/*
		 * A lone document named *.csv or *.json (Mastodon's follow
		 * lists are separate downloads, given as parts of the
		 * export): one member, named as the file.
		 */
		a = open_archive(in, 0, 1, err);
		if (!a)
			return err->status;
		r = walk_archive(in, a, in->name, v, err);
		archive_read_free(a);
		return r;
	}
	d = own_walk_dir(in);
	if (d) {
		r = walk_zip(in, d, v, err);
		cnd_zipdir_free(d);
		return r;
	}
	cnd_error_clear(&first);
	a = open_archive(in, 1, 0, &first);
	if (!a && in->is_zip) {
		/*
		 * No central directory (a truncated download, usually): read
		 * the local headers in order and keep what can be read.
		 */
		a = open_archive(in, 0, 0, err);
		if (!a)
			return cnd_error_set(err, CND_FATAL, "%s",
					     first.message);
		r = walk_archive(in, a, NULL, v, err);
		archive_read_free(a);
		if (err->status == CND_OK || err->message[0] == '\0')
			cnd_error_set(err, CND_FAILED,
				      "'%s' is damaged (%s); members were read in order up to the damage",
				      in->name, first.message);
		return cnd_status_worst(r, CND_FAILED);
	}
	if (!a)
		return cnd_error_set(err, CND_FATAL, "%s", first.message);
	in->raw_ok = in->is_zip;
	r = walk_archive(in, a, NULL, v, err);
	in->raw_ok = in->raw_tried = 0;
	cnd_zipdir_free(in->zipdir);
	in->zipdir = NULL;
	archive_read_free(a);
	return r;
}

/* One UTF-8 character-type locale for the whole process (never freed). */
static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_locale_make(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

int cnd_input_walk(struct cnd_input *in, const struct cnd_input_visitor *v,
		   struct cnd_error *err)
{
	locale_t old = (locale_t)0;
	int r;

	/*
	 * libarchive hands member names over in the thread's locale: in the
	 * "C" locale a zip member named in UTF-8 ("2023_MÄRZ.json" in a
	 * German Takeout) has no readable name at all. Read with a UTF-8
	 * character type for this thread only; the process's locale is left
	 * alone.
	 */
	pthread_once(&utf8_once, utf8_locale_make);
	if (utf8_locale != (locale_t)0)
		old = uselocale(utf8_locale);
	r = walk_input(in, v, err);
	if (utf8_locale != (locale_t)0)
		uselocale(old);
	return r;
}
