/*
 * Reading a zip's central directory and members straight from the file,
 * inflated with ISA-L (see zipraw.h for when and why): a big deflated member
 * of a zip libarchive walks, or every member of a plain zip that input.c
 * walks itself. The central directory is read
 * through a window of DIR_WINDOW bytes, so a zip of a million entries
 * costs no more memory than one of ten. Every field is checked against the
 * file before it is used, and whatever this file does not understand is
 * declined (NULL), never guessed: libarchive then reads the member.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>

#include "conduct/base/arena.h"
#include "zipraw.h"

#define DIR_WINDOW (256 * 1024)
#define ENTRY_MAX (46 + 3 * 65535) /* the largest directory entry */
#define IN_CHUNK (256 * 1024)
#define EOCD_SIZE 22
#define EOCD64_SIZE 56
#define LOC64_SIZE 20
#define CDH_SIZE 46
#define LFH_SIZE 30
#define FLAG_ENCRYPTED 0x0001
#define FLAG_UTF8 0x0800
#define METHOD_STORE 0
#define METHOD_DEFLATE 8

struct cnd_zipdir {
	char *path;
	uint64_t file_size;
	uint64_t cd_offset, cd_size, entries;
};

struct cnd_zipraw {
	int fd;
	uint64_t next;	/* file offset of the next compressed byte to read */
	uint64_t left;	/* compressed bytes not read yet */
	uint64_t read;	/* compressed bytes read */
	uint64_t out;	/* inflated bytes returned */
	uint64_t usize; /* inflated size, from the directory */
	uint32_t crc_want, crc;
	int stored; /* copied, not inflated */
	int done;
	char error[160];
	unsigned char *in;
	struct inflate_state st;
};

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Exactly n bytes at off, or -1. */
static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
	unsigned char *p = buf;

	while (n) {
		ssize_t got = pread(fd, p, n, (off_t)off);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
		off += (uint64_t)got;
	}
	return 0;
}

/*
 * The zip64 end record that the locator at loc (inside the tail) points to,
 * into d; 0, or -1 when there is none to trust.
 */
static int read_eocd64(int fd, const unsigned char *loc, struct cnd_zipdir *d)
{
	unsigned char r[EOCD64_SIZE];
	uint64_t off = le64(loc + 8);

	if (le32(loc + 4) != 0 || le32(loc + 16) > 1 ||
	    off > d->file_size - EOCD64_SIZE || read_at(fd, r, sizeof(r), off) ||
	    le32(r) != 0x06064b50 || le32(r + 16) != 0 || le32(r + 20) != 0 ||
	    le64(r + 24) != le64(r + 32))
		return -1;
	d->entries = le64(r + 32);
	d->cd_size = le64(r + 40);
	d->cd_offset = le64(r + 48);
	return 0;
}

struct cnd_zipdir *cnd_zipdir_open(const char *path)
{
	struct cnd_zipdir d = { 0 }, *out = NULL;
	unsigned char *tail = NULL, *p;
	size_t n;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size < EOCD_SIZE)
		goto out;
	d.file_size = (uint64_t)st.st_size;
	/* the end record is in the last 22 + 65535 (comment) bytes */
	n = d.file_size < EOCD_SIZE + 65535 + LOC64_SIZE ?
		    (size_t)d.file_size : EOCD_SIZE + 65535 + LOC64_SIZE;
	tail = cnd_xmalloc(n);
	if (read_at(fd, tail, n, d.file_size - n))
		goto out;
	for (p = tail + n - EOCD_SIZE;; p--) {
		if (le32(p) == 0x06054b50 &&
		    (size_t)(tail + n - p) == (size_t)EOCD_SIZE + le16(p + 20))
			break;
		if (p == tail)
			goto out;
	}
	if (le16(p + 4) != 0 || le16(p + 6) != 0 || le16(p + 8) != le16(p + 10))
		goto out; /* more than one disk */
	d.entries = le16(p + 10);
	d.cd_size = le32(p + 12);
	d.cd_offset = le32(p + 16);
	if (d.entries == 0xFFFF || d.cd_size == 0xFFFFFFFF ||
	    d.cd_offset == 0xFFFFFFFF) {
		if (p - tail < LOC64_SIZE || le32(p - LOC64_SIZE) != 0x07064b50 ||
		    read_eocd64(fd, p - LOC64_SIZE, &d))
			goto out;
	}
	/* where the end record says, with nothing before the archive */
	if (d.cd_offset > d.file_size || d.cd_size > d.file_size - d.cd_offset)
		goto out;
	out = cnd_xmalloc(sizeof(*out));
	*out = d;
	out->path = cnd_xstrdup(path);
out:
	free(tail);
	close(fd);
	return out;
}

void cnd_zipdir_free(struct cnd_zipdir *d)
{
	if (!d)
		return;
	free(d->path);
	free(d);
}

/* A directory entry's fields that matter here. */
struct cd_entry {
	uint16_t made_by, flags, method, disk;
	uint32_t crc, ext_attr;
	uint64_t csize, usize, offset;
	const unsigned char *name, *extra;
	size_t nlen, xlen;
};

/* Values the fixed fields leave at 0xFFFFFFFF, from the zip64 extra field. */
static int zip64_fields(struct cd_entry *e, const unsigned char *x, size_t xlen)
{
	while (xlen >= 4) {
		uint16_t id = le16(x), len = le16(x + 2);
		const unsigned char *v = x + 4, *end = v + len;

		if ((size_t)len + 4 > xlen)
			return -1;
		if (id == 0x0001) {
			uint64_t *f[3] = { &e->usize, &e->csize, &e->offset };

			for (int i = 0; i < 3; i++) {
				if (*f[i] != 0xFFFFFFFF)
					continue;
				if (end - v < 8)
					return -1;
				*f[i] = le64(v);
				v += 8;
			}
			return 0;
		}
		x += 4 + len;
		xlen -= 4 + (size_t)len;
	}
	return 0;
}

static int is_ascii(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * --- Walking the directory: one entry at a time through a window ---
 */
struct cnd_zipwalk {
	const struct cnd_zipdir *d;
	int fd, own_fd;
	unsigned char *win;
	size_t have, pos;
	uint64_t next, left, i;
};

static struct cnd_zipwalk *walk_open(const struct cnd_zipdir *d, int fd)
{
	struct cnd_zipwalk *w = cnd_xcalloc(1, sizeof(*w));

	w->d = d;
	w->fd = fd;
	w->win = cnd_xmalloc(DIR_WINDOW);
	w->next = d->cd_offset;
	w->left = d->cd_size;
	return w;
}

static void walk_close(struct cnd_zipwalk *w)
{
	if (!w)
		return;
	if (w->own_fd)
		close(w->fd);
	free(w->win);
	free(w);
}

/*
 * The next entry into *e (name not NUL-terminated, valid until the next
 * call): 1; 0 after the last, once the entries fill the directory exactly;
 * -1 when the directory is not what its end record says.
 */
static int walk_next(struct cnd_zipwalk *w, struct cd_entry *e)
{
	const unsigned char *h;
	size_t xlen, clen, nlen, len;

	if (w->i == w->d->entries)
		return w->left || w->pos != w->have ? -1 : 0;
	/* keep a whole entry in the window */
	if (w->have - w->pos < ENTRY_MAX && w->left) {
		size_t k = DIR_WINDOW - (w->have - w->pos);

		memmove(w->win, w->win + w->pos, w->have - w->pos);
		w->have -= w->pos;
		w->pos = 0;
		if (k > w->left)
			k = (size_t)w->left;
		if (read_at(w->fd, w->win + w->have, k, w->next))
			return -1;
		w->have += k;
		w->next += k;
		w->left -= k;
	}
	if (w->have - w->pos < CDH_SIZE)
		return -1;
	h = w->win + w->pos;
	if (le32(h) != 0x02014b50)
		return -1;
	nlen = le16(h + 28);
	xlen = le16(h + 30);
	clen = le16(h + 32);
	len = CDH_SIZE + nlen + xlen + clen;
	if (w->have - w->pos < len)
		return -1;
	w->pos += len;
	w->i++;
	memset(e, 0, sizeof(*e));
	e->made_by = le16(h + 4);
	e->flags = le16(h + 8);
	e->method = le16(h + 10);
	e->crc = le32(h + 16);
	e->csize = le32(h + 20);
	e->usize = le32(h + 24);
	e->disk = le16(h + 34);
	e->ext_attr = le32(h + 38);
	e->offset = le32(h + 42);
	e->name = h + CDH_SIZE;
	e->nlen = nlen;
	e->extra = h + CDH_SIZE + nlen;
	e->xlen = xlen;
	if (e->disk != 0 && e->disk != 0xFFFF)
		return -1; /* on another disk */
	if (zip64_fields(e, e->extra, xlen))
		return -1;
	return 1;
}

/*
 * Look name up in d's directory: 1 with the one entry of that name in *hit,
 * 0 when there is none or more than one, -1 when the directory is not what
 * its end record says.
 */
static int dir_find(const struct cnd_zipdir *d, int fd, const char *name,
		    struct cd_entry *hit)
{
	struct cnd_zipwalk *w = walk_open(d, fd);
	struct cd_entry e;
	size_t want = strlen(name);
	int found = 0, legacy = 0, r;

	while ((r = walk_next(w, &e)) == 1) {
		const unsigned char *nm = e.name;
		size_t nlen = e.nlen;

		if (!is_ascii(nm, nlen) && !(e.flags & FLAG_UTF8))
			legacy = 1;
		/* the walk drops a leading "./", as here */
		while (nlen >= 2 && nm[0] == '.' && nm[1] == '/') {
			nm += 2;
			nlen -= 2;
		}
		if (nlen != want || memcmp(nm, name, want) != 0)
			continue;
		if (++found > 1)
			continue;
		*hit = e;
		hit->name = NULL; /* not valid after the walk */
	}
	walk_close(w);
	if (r < 0)
		return -1;
	/*
	 * A name in a legacy code page may have been converted by
	 * libarchive into the very bytes looked for: then a non-ASCII name
	 * is not trusted to be this entry's.
	 */
	return found == 1 && !(legacy && !is_ascii((const unsigned char *)name,
						    want));
}

/*
 * A reader of entry e's data through fd (taken over: closed with the
 * reader, or here when NULL is returned): NULL when it is neither stored
 * nor deflated, encrypted, or its local header is not where and what the
 * directory says.
 */
static struct cnd_zipraw *open_entry(const struct cnd_zipdir *d, int fd,
				     const struct cd_entry *e)
{
	struct cnd_zipraw *z;
	unsigned char lfh[LFH_SIZE];
	uint64_t data;

	if ((e->method != METHOD_DEFLATE && e->method != METHOD_STORE) ||
	    (e->flags & FLAG_ENCRYPTED) ||
	    (e->method == METHOD_STORE && e->csize != e->usize) ||
	    e->offset > d->file_size || d->file_size - e->offset < LFH_SIZE ||
	    read_at(fd, lfh, sizeof(lfh), e->offset) ||
	    le32(lfh) != 0x04034b50 || le16(lfh + 8) != e->method) {
		close(fd);
		return NULL;
	}
	data = e->offset + LFH_SIZE + le16(lfh + 26) + le16(lfh + 28);
	if (data > d->file_size || e->csize > d->file_size - data) {
		close(fd);
		return NULL;
	}
	z = cnd_xcalloc(1, sizeof(*z));
	z->fd = fd;
	z->next = data;
	z->left = e->csize;
	z->usize = e->usize;
	z->crc_want = e->crc;
	z->stored = e->method == METHOD_STORE;
	z->in = cnd_xmalloc(IN_CHUNK);
	isal_inflate_init(&z->st);
	z->st.crc_flag = ISAL_DEFLATE; /* raw deflate; the CRC is ours */
	return z;
}

struct cnd_zipraw *cnd_zipraw_open(const struct cnd_zipdir *d,
				   const char *name, int64_t size)
{
	struct cd_entry e = { 0 };
	int fd;

	if (!d || !name)
		return NULL;
	fd = open(d->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (dir_find(d, fd, name, &e) != 1 || e.method != METHOD_DEFLATE ||
	    (size >= 0 && e.usize != (uint64_t)size)) {
		close(fd);
		return NULL;
	}
	return open_entry(d, fd, &e);
}

/* Fail with msg, or with the message already set; every later read too. */
static ssize_t fail(struct cnd_zipraw *z, const char **error, const char *msg)
{
	if (msg && !z->error[0])
		snprintf(z->error, sizeof(z->error), "%s", msg);
	*error = z->error;
	return -1;
}

/* The end of the data: the size and CRC-32 the directory promised. */
static ssize_t finish(struct cnd_zipraw *z, const char **error)
{
	if (z->out != z->usize) {
		snprintf(z->error, sizeof(z->error),
			 "ZIP uncompressed data is wrong size (read %llu, expected %llu)",
			 (unsigned long long)z->out,
			 (unsigned long long)z->usize);
		return fail(z, error, NULL);
	}
	if (z->crc != z->crc_want) {
		snprintf(z->error, sizeof(z->error),
			 "ZIP bad CRC: 0x%lx should be 0x%lx",
			 (unsigned long)z->crc, (unsigned long)z->crc_want);
		return fail(z, error, NULL);
	}
	z->done = 1;
	return 0;
}

ssize_t cnd_zipraw_read(struct cnd_zipraw *z, void *buf, size_t n,
			const char **error)
{
	if (z->error[0])
		return fail(z, error, NULL);
	if (z->done)
		return 0;
	if (n > UINT32_MAX)
		n = UINT32_MAX;
	if (z->stored) {
		size_t k = z->left < n ? (size_t)z->left : n;

		if (!k)
			return finish(z, error);
		if (read_at(z->fd, buf, k, z->next))
			return fail(z, error, "Truncated ZIP file data");
		z->next += k;
		z->left -= k;
		z->read += k;
		z->crc = crc32_gzip_refl(z->crc, buf, k);
		z->out += k;
		return (ssize_t)k;
	}
	for (;;) {
		size_t got;
		int rc;

		if (z->st.block_state == ISAL_BLOCK_FINISH)
			return finish(z, error);
		if (z->st.avail_in == 0 && z->left) {
			size_t k = z->left < IN_CHUNK ? (size_t)z->left : IN_CHUNK;

			if (read_at(z->fd, z->in, k, z->next))
				return fail(z, error, "Truncated ZIP file data");
			z->next += k;
			z->left -= k;
			z->read += k;
			z->st.next_in = z->in;
			z->st.avail_in = (uint32_t)k;
		}
		z->st.next_out = buf;
		z->st.avail_out = (uint32_t)n;
		rc = isal_inflate(&z->st);
		if (rc < 0)
			return fail(z, error, "ZLIB decompression failed");
		got = n - z->st.avail_out;
		if (got) {
			z->crc = crc32_gzip_refl(z->crc, buf, got);
			z->out += got;
			return (ssize_t)got;
		}
		if (z->st.block_state != ISAL_BLOCK_FINISH &&
		    z->st.avail_in == 0 && !z->left)
			return fail(z, error, "Truncated ZIP file data");
	}
}

uint64_t cnd_zipraw_compressed(const struct cnd_zipraw *z)
{
	return z->read;
}

void cnd_zipraw_close(struct cnd_zipraw *z)
{
	if (!z)
		return;
	close(z->fd);
	free(z->in);
	free(z);
}

/*
 * --- The input layer's own walk of a plain zip (input.c) ---
 *
 * libarchive's seekable reader keeps an entry of about 144 bytes for every
 * member of the directory while it walks (72 MB for 500,000 media files);
 * this walk keeps one window. It takes only a zip in which every entry is
 * one it reads exactly as libarchive would (entry_plain()); any other is
 * walked by libarchive as before.
 */
struct cnd_zipiter {
	struct cnd_zipwalk *w;
	char name[65536];
	struct cd_entry e;
};

/* Valid UTF-8: no overlong form, no surrogate, nothing past U+10FFFF. */
static int is_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], need, min, cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, min = 0x80, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, min = 0x800, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, min = 0x10000, cp = c & 0x07;
		else
			return 0;
		if (n - i <= need)
			return 0;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

/* Extra fields that parse exactly, none of them a Unicode path (0x7075). */
static int extra_plain(const unsigned char *x, size_t xlen)
{
	while (xlen) {
		size_t len;

		if (xlen < 4)
			return 0;
		len = le16(x + 2);
		if (le16(x) == 0x7075 || len + 4 > xlen)
			return 0;
		x += 4 + len;
		xlen -= 4 + len;
	}
	return 1;
}

/*
 * The entry's type as libarchive sees it, from the system that made it and
 * its attributes: 'f' a regular file, 'd' a folder, 0 anything else (a
 * link, a device, a system whose attributes are not read here).
 */
static int entry_type(const struct cd_entry *e)
{
	int slash = e->nlen && e->name[e->nlen - 1] == '/';
	unsigned sys = e->made_by >> 8, type;

	if (sys == 0) /* MS-DOS: the folder bit */
		return slash || (e->ext_attr & 0x10) ? 'd' : 'f';
	if (sys != 3)
		return 0;
	type = (e->ext_attr >> 16) & 0170000;
	if (type == 0040000 || (slash && (type == 0 || type == 0100000)))
		return 'd';
	return type == 0 || type == 0100000 ? 'f' : 0;
}

/*
 * 1 when e is read here exactly as libarchive reads it: stored or deflated,
 * not encrypted, a name of UTF-8 (or ASCII) with no NUL or backslash, a
 * file or a folder, after the entry before it (prev: its local header's
 * offset + 1, or 0) and before the directory, with a local header that
 * agrees with it. lfh: room for a local header, its name and extra.
 */
static int entry_plain(const struct cnd_zipdir *d, int fd,
		       const struct cd_entry *e, uint64_t prev,
		       unsigned char *lfh)
{
	size_t ln, lx;

	if ((e->method != METHOD_STORE && e->method != METHOD_DEFLATE) ||
	    (e->flags & 0x0041) || !e->nlen || memchr(e->name, 0, e->nlen) ||
	    memchr(e->name, '\\', e->nlen) ||
	    (!is_ascii(e->name, e->nlen) &&
	     (!(e->flags & FLAG_UTF8) || !is_utf8(e->name, e->nlen))) ||
	    !extra_plain(e->extra, e->xlen) || !entry_type(e) ||
	    (e->method == METHOD_STORE && e->csize != e->usize) ||
	    e->offset + 1 <= prev || e->offset >= d->cd_offset ||
	    d->cd_offset - e->offset < LFH_SIZE ||
	    read_at(fd, lfh, LFH_SIZE, e->offset) || le32(lfh) != 0x04034b50)
		return 0;
	ln = le16(lfh + 26);
	lx = le16(lfh + 28);
	if (le16(lfh + 6) != e->flags || le16(lfh + 8) != e->method ||
	    ln != e->nlen || LFH_SIZE + ln + lx > d->cd_offset - e->offset ||
	    read_at(fd, lfh + LFH_SIZE, ln + lx, e->offset + LFH_SIZE) ||
	    memcmp(lfh + LFH_SIZE, e->name, ln) ||
	    !extra_plain(lfh + LFH_SIZE + ln, lx))
		return 0;
	if (!(e->flags & 0x0008)) { /* sizes here, not after the data */
		uint32_t v[3] = { le32(lfh + 14), le32(lfh + 18),
				  le32(lfh + 22) };

		if (v[0] != e->crc ||
		    (v[1] != 0xFFFFFFFF && v[1] != e->csize) ||
		    (v[2] != 0xFFFFFFFF && v[2] != e->usize))
			return 0;
	}
	return LFH_SIZE + ln + lx + e->csize <= d->cd_offset - e->offset;
}

int cnd_zipdir_plain(const struct cnd_zipdir *d)
{
	struct cnd_zipwalk *w;
	struct cd_entry e;
	unsigned char *lfh;
	uint64_t prev = 0;
	int fd, r, ok = 1;

	/* libarchive takes an empty zip for a damaged one: so does conduct */
	if (!d || !d->entries || (fd = open(d->path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	w = walk_open(d, fd);
	lfh = cnd_xmalloc(LFH_SIZE + 2 * 65535);
	while (ok && (r = walk_next(w, &e)) == 1) {
		ok = entry_plain(d, fd, &e, prev, lfh);
		prev = e.offset + 1;
	}
	free(lfh);
	walk_close(w);
	close(fd);
	return ok && r == 0;
}

struct cnd_zipiter *cnd_zipiter_open(const struct cnd_zipdir *d)
{
	struct cnd_zipiter *it;
	int fd;

	if (!d || (fd = open(d->path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	it = cnd_xcalloc(1, sizeof(*it));
	it->w = walk_open(d, fd);
	it->w->own_fd = 1;
	return it;
}

int cnd_zipiter_next(struct cnd_zipiter *it, struct cnd_zipentry *out)
{
	int r = walk_next(it->w, &it->e);

	if (r != 1)
		return r;
	memcpy(it->name, it->e.name, it->e.nlen);
	it->name[it->e.nlen] = '\0';
	out->is_dir = entry_type(&it->e) == 'd';
	it->e.name = NULL; /* the window moves on */
	out->name = it->name;
	out->size = (it->e.flags & 0x0008) && !it->e.usize ?
			    -1 : (int64_t)it->e.usize;
	out->offset = it->e.offset;
	return 1;
}

struct cnd_zipraw *cnd_zipiter_member(const struct cnd_zipiter *it)
{
	int fd = open(it->w->d->path, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? NULL : open_entry(it->w->d, fd, &it->e);
}

void cnd_zipiter_close(struct cnd_zipiter *it)
{
	if (!it)
		return;
	walk_close(it->w);
	free(it);
}
