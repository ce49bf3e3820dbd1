/*
 * How the workbook's zip members are deflated. libxlsxwriter 1.1.4 packs
 * the workbook with minizip at zlib's default level (6) and has no option
 * to change it; for a big Findings sheet (20 MB of sheet XML for 12,000
 * findings) that deflate was about half the time the workbook took to
 * write. So this file defines the three minizip calls libxlsxwriter's
 * packager writes a member with, and the dynamic linker binds
 * libxlsxwriter's calls to these definitions in the executable:
 * zipOpenNewFileInZip4_64() opens each deflated member in minizip's raw
 * mode (the caller hands over compressed bytes, their CRC and size), with
 * level 1 so the zip's flags say "fast"; zipWriteInFileInZip() deflates
 * what it is given with ISA-L at its level 1 (four times as fast as zlib's
 * level 1 on sheet XML, for a member about 1% bigger) and writes that; and
 * zipCloseFileInZip() ends the stream and closes the member with the CRC
 * and size of what was written. A member opened any other way, or when
 * ISA-L's state cannot be had, passes through to minizip unchanged but
 * for the level (1); where the hooks are not bound (a static libxlsxwriter,
 * or minizip built into it) the workbook is written at level 6. The bytes
 * are a valid zip every way. One workbook is written by one thread, a
 * member at a time, so the stream is kept per thread.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>

/* zlib's Z_DEFLATED and Z_BEST_SPEED; zlib.h is not otherwise needed */
#define XZ_DEFLATED 8
#define XZ_BEST_SPEED 1
#define XZ_PARAMERROR (-102) /* minizip's ZIP_PARAMERROR */
#define XZ_ERRNO (-1)	     /* minizip's ZIP_ERRNO */
#define XZ_OUT (64 * 1024)   /* compressed bytes handed to minizip at a time */

/* minizip 1.1's prototype (zip.h), with its uInt and uLong spelt out */
int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
			    const void *extrafield_local,
			    unsigned size_extrafield_local,
			    const void *extrafield_global,
			    unsigned size_extrafield_global,
			    const char *comment, int method, int level, int raw,
			    int window_bits, int mem_level, int strategy,
			    const char *password,
			    unsigned long crc_for_crypting,
			    unsigned long version_made_by,
			    unsigned long flag_base, int zip64);

int zipWriteInFileInZip(void *file, const void *buf, unsigned len);
int zipCloseFileInZip(void *file);
int zipCloseFileInZipRaw64(void *file, unsigned long long uncompressed_size,
			   unsigned long crc32);

typedef __typeof__(zipOpenNewFileInZip4_64) open_fn;
typedef __typeof__(zipWriteInFileInZip) write_fn;
typedef __typeof__(zipCloseFileInZip) close_fn;
typedef __typeof__(zipCloseFileInZipRaw64) close_raw_fn;

/* The member being deflated here: its zip, ISA-L's stream, CRC and size. */
struct xz_member {
	void *file;
	struct isal_zstream zs;
	uint32_t crc;
	uint64_t size;
	unsigned char out[XZ_OUT];
};

static _Thread_local struct xz_member *xz_open;

/* minizip's own definitions (the next ones after ours), looked up once. */
struct xz_minizip {
	open_fn *open;
	write_fn *write;
	close_fn *close;
	close_raw_fn *close_raw;
};

static struct xz_minizip xz_mz_fns;
static int xz_mz_ok;
static pthread_once_t xz_mz_once = PTHREAD_ONCE_INIT;

/* dlsym() returns an object pointer: copied into the function pointer
 * without a cast ISO C does not define */
static int xz_mz_get(void *fn_ptr, const char *name)
{
	void *sym = dlsym(RTLD_NEXT, name);

	*(void **)fn_ptr = sym;
	return sym != NULL;
}

static void xz_mz_find(void)
{
	xz_mz_ok = xz_mz_get(&xz_mz_fns.open, "zipOpenNewFileInZip4_64") &
		   xz_mz_get(&xz_mz_fns.write, "zipWriteInFileInZip") &
		   xz_mz_get(&xz_mz_fns.close, "zipCloseFileInZip") &
		   xz_mz_get(&xz_mz_fns.close_raw, "zipCloseFileInZipRaw64");
}

/* minizip's functions, or NULL (cannot happen: libxlsxwriter needs them). */
static const struct xz_minizip *xz_mz(void)
{
	pthread_once(&xz_mz_once, xz_mz_find);
	return xz_mz_ok ? &xz_mz_fns : NULL;
}

/* A stream for a member of file, or NULL (then minizip deflates it). */
static struct xz_member *xz_start(void *file)
{
	struct xz_member *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	isal_deflate_init(&m->zs);
	m->zs.level = 1;
	m->zs.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
	m->zs.level_buf = malloc(ISAL_DEF_LVL1_DEFAULT);
	m->zs.gzip_flag = IGZIP_DEFLATE;
	if (!m->zs.level_buf) {
		free(m);
		return NULL;
	}
	m->file = file;
	return m;
}

static void xz_free(struct xz_member *m)
{
	if (!m)
		return;
	free(m->zs.level_buf);
	free(m);
}

/*
 * Deflate len bytes of buf (the last ones when end) and hand what comes
 * out to minizip; minizip's result.
 */
static int xz_deflate(const struct xz_minizip *mz, struct xz_member *m,
		      const void *buf, unsigned len, int end)
{
	m->zs.next_in = (uint8_t *)(uintptr_t)buf;
	m->zs.avail_in = len;
	m->zs.end_of_stream = (uint16_t)end;
	m->crc = crc32_gzip_refl(m->crc, buf, len);
	m->size += len;
	do {
		int r;

		m->zs.next_out = m->out;
		m->zs.avail_out = XZ_OUT;
		if (isal_deflate(&m->zs) != COMP_OK)
			return XZ_ERRNO;
		if (m->zs.avail_out < XZ_OUT) {
			r = mz->write(m->file, m->out,
				      XZ_OUT - m->zs.avail_out);
			if (r != 0)
				return r;
		}
	} while (m->zs.avail_in ||
		 (end && m->zs.internal_state.state != ZSTATE_END));
	return 0;
}

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
			    const void *extrafield_local,
			    unsigned size_extrafield_local,
			    const void *extrafield_global,
			    unsigned size_extrafield_global,
			    const char *comment, int method, int level, int raw,
			    int window_bits, int mem_level, int strategy,
			    const char *password,
			    unsigned long crc_for_crypting,
			    unsigned long version_made_by,
			    unsigned long flag_base, int zip64)
{
	const struct xz_minizip *mz = xz_mz();
	struct xz_member *m = NULL;
	int r;

	if (!mz)
		return XZ_PARAMERROR;
	/* a member left open by a workbook that failed half-way is stale */
	xz_free(xz_open);
	xz_open = NULL;
	if (method == XZ_DEFLATED && !raw) {
		level = XZ_BEST_SPEED;
		if (!password)
			m = xz_start(file);
	}
	r = mz->open(file, filename, zipfi, extrafield_local,
		 size_extrafield_local, extrafield_global,
		 size_extrafield_global, comment, method, level, m ? 1 : raw,
		 window_bits, mem_level, strategy, password, crc_for_crypting,
		 version_made_by, flag_base, zip64);
	if (r == 0 && m)
		xz_open = m;
	else
		xz_free(m);
	return r;
}

int zipWriteInFileInZip(void *file, const void *buf, unsigned len)
{
	const struct xz_minizip *mz = xz_mz();

	if (!mz)
		return XZ_PARAMERROR;
	if (xz_open && xz_open->file == file)
		return xz_deflate(mz, xz_open, buf, len, 0);
	return mz->write(file, buf, len);
}

int zipCloseFileInZip(void *file)
{
	const struct xz_minizip *mz = xz_mz();
	struct xz_member *m = xz_open;
	int r;

	if (!mz)
		return XZ_PARAMERROR;
	if (m && m->file == file) {
		xz_open = NULL;
		r = xz_deflate(mz, m, "", 0, 1);
		if (r == 0)
			r = mz->close_raw(file, m->size, m->crc);
		xz_free(m);
		return r;
	}
	return mz->close(file);
}
