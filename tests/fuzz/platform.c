/*
 * libFuzzer target for one platform (CND_FUZZ_PLATFORM, set by the
 * Makefile: one binary per file of src/platforms/): it feeds members'
 * bytes to the platform's handlers through the real scan driver, so the
 * input layer, the JSON, CSV and raw readers, the handlers, the rules and
 * the JSON report writer all see the same hostile bytes an export could
 * hold. Nothing touches the disk: the members are packed into a tar
 * archive in memory (libarchive's write-to-memory API), the archive is put
 * in a memfd, and cnd_run_scan() reads it as /proc/self/fd/N; the report
 * goes to a second memfd.
 *
 * Input: members separated by the four bytes "\0SEP". A member starts with
 * a selector byte: '/' means a path follows up to the first newline
 * (fixture seeds use this form), any other byte picks a handler row of the
 * platform, whose glob becomes the path ('*' -> "1"). The rest is the
 * member's content.
 */
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "conduct/platforms/platform.h"
#include "conduct/config/register.h"
#include "conduct/report/report.h"
#include "conduct/run/scan.h"

#ifndef CND_FUZZ_PLATFORM
#error "build with -DCND_FUZZ_PLATFORM='\"name\"'"
#endif

#define SEP "\0SEP"
#define SEP_LEN 4
#define MAX_MEMBERS 16

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct cnd_platform *platform;
static struct cnd_register *clients;

static const char register_csv[] =
	"ref,names,handles,account_ids,active_from,active_to,former\n"
	"C-1,Evelyn Example;Eve,*:evelyn_example,twitter:7001,2020-01-01,,no\n"
	"C-2,Robin Sample,*:robin,*:2001,,2023-06-30,yes\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct cnd_error err;

	(void)argc;
	(void)argv;
	platform = cnd_platform_find(CND_FUZZ_PLATFORM);
	if (!platform) {
		fprintf(stderr, "fuzz: no registered platform is called '%s'\n",
			CND_FUZZ_PLATFORM);
		exit(1);
	}
	if (cnd_register_parse(&clients, register_csv,
			       sizeof(register_csv) - 1, NULL, NULL,
			       &err) != CND_OK) {
		fprintf(stderr, "fuzz: register: %s\n", err.message);
		exit(1);
	}
	return 0;
}

/* A member name from a handler's glob: '*' -> "1", '?' -> "x". */
static void glob_path(const char *glob, char *out, size_t n)
{
	size_t i = 0;

	for (; *glob && i + 2 < n; glob++) {
		if (*glob == '*') {
			out[i++] = '1';
		} else if (*glob == '?') {
			out[i++] = 'x';
		} else if (*glob == '[') {
			const char *close = strchr(glob + 1, ']');

			out[i++] = glob[1] && glob[1] != ']' ? glob[1] : 'x';
			if (close)
				glob = close;
		} else if (*glob != '\\') {
			out[i++] = *glob;
		}
	}
	out[i] = '\0';
}

static size_t n_handlers(void)
{
	size_t n = 0;

	while (platform->handlers[n].glob)
		n++;
	return n;
}

static int add_member(struct archive *a, const uint8_t *p, size_t len)
{
	struct archive_entry *e;
	char path[512];
	size_t nh = n_handlers();

	if (!len)
		return 0;
	if (p[0] == '/') {
		const uint8_t *nl = memchr(p, '\n', len);
		size_t plen = nl ? (size_t)(nl - p) - 1 : len - 1;

		if (plen >= sizeof(path))
			plen = sizeof(path) - 1;
		memcpy(path, p + 1, plen);
		path[plen] = '\0';
		if (!*path)
			return 0;
		if (nl) {
			len -= (size_t)(nl + 1 - p);
			p = nl + 1;
		} else {
			p += len;
			len = 0;
		}
	} else {
		glob_path(platform->handlers[p[0] % (nh ? nh : 1)].glob, path,
			  sizeof(path));
		p++;
		len--;
	}
	e = archive_entry_new();
	archive_entry_set_pathname(e, path);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	if (archive_write_header(a, e) == ARCHIVE_OK && len)
		archive_write_data(a, p, len);
	archive_entry_free(e);
	return 1;
}

/* Pack the input's members into a tar archive in memory. */
static void *pack(const uint8_t *data, size_t size, size_t *used)
{
	struct archive *a = archive_write_new();
	size_t cap = size * 2 + (MAX_MEMBERS + 4) * 4096, start = 0, n = 0;
	void *buf = malloc(cap);

	*used = 0;
	if (!buf) {
		archive_write_free(a);
		return NULL;
	}
	archive_write_set_format_pax_restricted(a);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open_memory(a, buf, cap, used) != ARCHIVE_OK) {
		archive_write_free(a);
		free(buf);
		return NULL;
	}
	while (start <= size && n < MAX_MEMBERS) {
		const uint8_t *sep = NULL;
		size_t i;

		for (i = start; i + SEP_LEN <= size; i++)
			if (!memcmp(data + i, SEP, SEP_LEN)) {
				sep = data + i;
				break;
			}
		if (!sep) {
			n += (size_t)add_member(a, data + start, size - start);
			break;
		}
		n += (size_t)add_member(a, data + start,
					(size_t)(sep - (data + start)));
		start = (size_t)(sep - data) + SEP_LEN;
	}
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

static int memfd_with(const void *data, size_t len)
{
	int fd = memfd_create("conduct-fuzz", MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	if (len && write(fd, data, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cnd_options opt;
	struct cnd_run run;
	struct cnd_error err;
	char in_path[64], out_path[64];
	size_t used;
	void *tar;
	int in_fd, out_fd;

	tar = pack(data, size, &used);
	if (!tar)
		return 0;
	in_fd = memfd_with(tar, used);
	free(tar);
	if (in_fd < 0)
		return 0;
	out_fd = memfd_with(NULL, 0);
	snprintf(in_path, sizeof(in_path), "/proc/self/fd/%d", in_fd);
	snprintf(out_path, sizeof(out_path), "/proc/self/fd/%d", out_fd);

	cnd_options_init(&opt);
	opt.deterministic = 1;
	opt.generated_at = 0;
	opt.platform = platform->name;
	opt.clients = clients;
	opt.clients_file = "clients.csv";
	opt.since = 1577836800;	/* 2020-01-01 */
	opt.until = 1704067199; /* 2023-12-31 */
	cnd_run_init(&run, &opt);
	cnd_run_scan(&run, in_path);
	cnd_run_finish(&run);
	if (out_fd >= 0) {
		const struct cnd_writer *w = cnd_writer_find("json");

		if (w)
			w->write(&run, out_path, &err);
		close(out_fd);
	}
	cnd_run_release(&run);
	close(in_fd);
	return 0;
}
