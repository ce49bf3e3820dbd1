/*
 * The compression level of the workbook's zip members. libxlsxwriter 1.1.4
 * packs the workbook with minizip at zlib's default level (6) and has no
 * option to change it; for a big Findings sheet (20 MB of sheet XML for
 * 12,000 findings) that deflate is about half the time the workbook takes
 * to write. Level 1 packs the same XML about 2.5 times faster for a file
 * about a quarter bigger, which is the right trade for a report written on
 * every run and opened once. So this file defines minizip's
 * zipOpenNewFileInZip4_64(), the one call libxlsxwriter's packager opens
 * every member with: the dynamic linker binds libxlsxwriter's call to this
 * definition in the executable, which passes everything on to minizip's own
 * function unchanged but the level. Where the hook is not bound (a static
 * libxlsxwriter, or minizip built into it) the workbook is simply written
 * at level 6; the bytes are a valid zip either way.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stddef.h>

/* zlib's Z_DEFLATED and Z_BEST_SPEED; zlib.h is not otherwise needed */
#define XZ_DEFLATED 8
#define XZ_BEST_SPEED 1
#define XZ_PARAMERROR (-102) /* minizip's ZIP_PARAMERROR */

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

typedef __typeof__(zipOpenNewFileInZip4_64) open_fn;

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
	open_fn *real;
	void *sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");

	if (!sym)
		return XZ_PARAMERROR; /* cannot happen: libxlsxwriter needs it */
	/* dlsym() returns an object pointer; copy it into the function one
	 * without a cast ISO C does not define */
	*(void **)&real = sym;
	if (method == XZ_DEFLATED && !raw)
		level = XZ_BEST_SPEED;
	return real(file, filename, zipfi, extrafield_local,
		    size_extrafield_local, extrafield_global,
		    size_extrafield_global, comment, method, level, raw,
		    window_bits, mem_level, strategy, password,
		    crc_for_crypting, version_made_by, flag_base, zip64);
}
