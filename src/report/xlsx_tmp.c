/*
 * A bigger stdio buffer for libxlsxwriter's temporary files. In
 * constant-memory mode libxlsxwriter writes each sheet's rows to a
 * temporary file, copies them into a second one when it assembles the
 * sheet, and reads that back to deflate it into the zip, all through stdio
 * with the file system's block size as the buffer (4 KiB): a Findings
 * sheet of 36 MB cost about 36,000 read and write calls, which on a
 * network share (where agencies often keep reports) are round trips. This
 * file defines lxw_tmpfile(), which libxlsxwriter calls through its
 * procedure linkage table, so the dynamic linker binds those calls to this
 * definition in the executable (as xlsx_zip.c does for minizip): it opens
 * the file with libxlsxwriter's own function and gives it a 32 KiB buffer,
 * so the same bytes take an eighth of the calls (64 KiB took half as many
 * again, for about 1 MB more at peak and no time that alternating runs
 * could tell apart). A buffer must outlive its file, and libxlsxwriter
 * leaves some files open (the rows file of a sheet without rows is never
 * closed, and stdio flushes it at exit), so the buffers are never freed:
 * they stay on a list until the process ends, about 25 for a workbook, of
 * which only the pages a file filled are ever touched. Where the hook is
 * not bound (a static libxlsxwriter) the files keep stdio's buffer; the
 * bytes are the same either way.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define XT_BUF (32 * 1024)

/* libxlsxwriter 1.1.4's prototype (xlsxwriter/utility.h) */
FILE *lxw_tmpfile(char *tmpdir);

struct xt_buf {
	struct xt_buf *next;
	char data[XT_BUF];
};

static FILE *(*xt_real)(char *);
static pthread_once_t xt_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t xt_lock = PTHREAD_MUTEX_INITIALIZER;
static struct xt_buf *xt_bufs; /* every buffer given, under xt_lock */

static void xt_find(void)
{
	/* an object pointer from dlsym(), copied as ISO C allows */
	void *sym = dlsym(RTLD_NEXT, "lxw_tmpfile");

	*(void **)&xt_real = sym;
}

FILE *lxw_tmpfile(char *tmpdir)
{
	struct xt_buf *b;
	FILE *f;

	pthread_once(&xt_once, xt_find);
	if (!xt_real)
		return NULL; /* cannot happen: libxlsxwriter defines it */
	f = xt_real(tmpdir);
	if (!f)
		return NULL;
	b = malloc(sizeof(*b));
	if (!b || setvbuf(f, b->data, _IOFBF, sizeof(b->data)) != 0) {
		free(b); /* stdio's own buffer, then */
		return f;
	}
	pthread_mutex_lock(&xt_lock);
	b->next = xt_bufs;
	xt_bufs = b;
	pthread_mutex_unlock(&xt_lock);
	return f;
}
