/*
 * The table of report writers (the workbook, the JSON report and the CSV
 * export of the findings) and the one place a report reaches the disk.
 * cnd_report_write() never lets a writer touch the target itself: it creates
 * a private temporary file (mode 0600) beside the target, lets the writer
 * fill it, flushes it to stable storage and renames it over the target, so a
 * reviewer never finds a half-written report, and a report that holds a
 * staff member's personal data is never readable by other users, not even
 * for a moment. Error messages name the target by its base name only, never
 * by an absolute path of the machine. The temporary names in use are kept in
 * a static table that a signal handler can empty (cnd_report_cleanup_temps),
 * so Ctrl-C during a run leaves no temporary file either.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/arena.h"
#include "conduct/report.h"

const char cnd_version[] = "0.1.0";

/* Defined by src/report/xlsx.c, src/report/json.c and src/report/csv.c. */
extern const struct cnd_writer cnd_writer_xlsx;
extern const struct cnd_writer cnd_writer_json;
extern const struct cnd_writer cnd_writer_csv;

const struct cnd_writer *const cnd_writers[] = {
	&cnd_writer_xlsx,
	&cnd_writer_json,
	&cnd_writer_csv,
	NULL,
};

const struct cnd_writer *cnd_writer_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; cnd_writers[i]; i++)
		if (strcmp(cnd_writers[i]->name, name) == 0)
			return cnd_writers[i];
	return NULL;
}

/*
 * Messages are lowercase: "No space left on device" becomes "no space left
 * on device", but "XLSX ..." is left alone.
 */
static void cnd_report_lower_first(char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z')
		s[0] = (char)(s[0] - 'A' + 'a');
}

static int cnd_report_fail(struct cnd_error *err, const char *base,
			   const char *reason)
{
	char buf[CND_ERROR_MAX];

	snprintf(buf, sizeof(buf), "%s", reason);
	cnd_report_lower_first(buf);
	return cnd_error_set(err, CND_FATAL, "cannot write '%s': %s", base,
			     buf);
}

/*
 * Temporary files not yet renamed into place, for cnd_report_cleanup_temps()
 * to unlink from a signal handler. A slot's path is written while `used` is
 * 0 and published by setting `used`; the handler reads only published
 * slots. Signals are blocked from mkstemp() until the path is published,
 * so no temporary file exists that the table does not know.
 */
#define CND_TEMP_SLOTS 4
#define CND_TEMP_PATH_MAX 4352

static struct {
	volatile sig_atomic_t used;
	char path[CND_TEMP_PATH_MAX];
} cnd_report_temps[CND_TEMP_SLOTS];

void cnd_report_cleanup_temps(void)
{
	int i;

	for (i = 0; i < CND_TEMP_SLOTS; i++) {
		if (cnd_report_temps[i].used) {
			unlink(cnd_report_temps[i].path);
			cnd_report_temps[i].used = 0;
		}
	}
}

/* Remember tmp; returns its slot, or -1 when it cannot be remembered. */
static int cnd_report_temp_add(const char *tmp)
{
	size_t n = strlen(tmp);
	int i;

	if (n >= CND_TEMP_PATH_MAX)
		return -1;
	for (i = 0; i < CND_TEMP_SLOTS; i++) {
		if (!cnd_report_temps[i].used) {
			memcpy(cnd_report_temps[i].path, tmp, n + 1);
			cnd_report_temps[i].used = 1;
			return i;
		}
	}
	return -1;
}

static void cnd_report_temp_forget(int slot)
{
	if (slot >= 0)
		cnd_report_temps[slot].used = 0;
}

/* Push the temporary file's bytes to stable storage before the rename. */
static int cnd_report_sync(const char *tmp)
{
	int fd, rc;

	fd = open(tmp, O_RDONLY);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

int cnd_report_write(const char *format, const struct cnd_run *run,
		     const char *path, struct cnd_error *err)
{
	const struct cnd_writer *w;
	struct cnd_error werr;
	const char *slash, *base;
	char *tmp = NULL;
	size_t dirlen;
	sigset_t block, saved;
	int fd, rc, slot;

	cnd_error_clear(&werr);
	if (!path || !*path)
		return cnd_error_set(err, CND_FATAL,
				     "cannot write a report: no file name");
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	if (!*base)
		return cnd_error_set(err, CND_FATAL,
				     "cannot write '%s': not a file name",
				     path);
	w = cnd_writer_find(format);
	if (!w)
		return cnd_error_set(err, CND_FATAL,
				     "cannot write '%s': unknown report format '%s'",
				     base, format ? format : "");

	/* ".<base>.XXXXXX" in the target's own directory. */
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	tmp = cnd_xmalloc(dirlen + strlen(base) + 9);
	memcpy(tmp, path, dirlen);
	snprintf(tmp + dirlen, strlen(base) + 9, ".%s.XXXXXX", base);

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &saved);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = cnd_report_fail(err, base, strerror(errno));
		sigprocmask(SIG_SETMASK, &saved, NULL);
		goto out_free;
	}
	slot = cnd_report_temp_add(tmp);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
		rc = cnd_report_fail(err, base, strerror(errno));
		close(fd);
		goto out_unlink;
	}
	if (close(fd) != 0) {
		rc = cnd_report_fail(err, base, strerror(errno));
		goto out_unlink;
	}

	if (w->write(run, tmp, &werr) != CND_OK) {
		rc = cnd_report_fail(err, base,
				     werr.message[0] ? werr.message :
						       "the writer failed");
		goto out_unlink;
	}
	if (cnd_report_sync(tmp) != 0) {
		rc = cnd_report_fail(err, base, strerror(errno));
		goto out_unlink;
	}
	if (rename(tmp, path) != 0) {
		rc = cnd_report_fail(err, base, strerror(errno));
		goto out_unlink;
	}
	cnd_report_temp_forget(slot);
	rc = CND_OK;
	goto out_free;

out_unlink:
	unlink(tmp);
	cnd_report_temp_forget(slot);
out_free:
	free(tmp);
	return rc;
}
