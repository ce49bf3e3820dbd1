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
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/base/arena.h"
#include "conduct/report/report.h"

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
static void report_lower_first(char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z')
		s[0] = (char)(s[0] - 'A' + 'a');
}

static int report_fail(struct cnd_error *err, const char *base,
		       const char *reason)
{
	char buf[CND_ERROR_MAX];

	snprintf(buf, sizeof(buf), "%s", reason);
	report_lower_first(buf);
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
#define TEMP_SLOTS 4
#define TEMP_PATH_MAX 4352

static struct {
	volatile sig_atomic_t used;
	char path[TEMP_PATH_MAX];
} report_temps[TEMP_SLOTS];

void cnd_report_cleanup_temps(void)
{
	int i;

	for (i = 0; i < TEMP_SLOTS; i++) {
		if (report_temps[i].used) {
			unlink(report_temps[i].path);
			report_temps[i].used = 0;
		}
	}
}

/* Remember tmp; returns its slot, or -1 when it cannot be remembered. */
static int report_temp_add(const char *tmp)
{
	size_t n = strlen(tmp);
	int i;

	if (n >= TEMP_PATH_MAX)
		return -1;
	for (i = 0; i < TEMP_SLOTS; i++) {
		if (!report_temps[i].used) {
			memcpy(report_temps[i].path, tmp, n + 1);
			report_temps[i].used = 1;
			return i;
		}
	}
	return -1;
}

static void report_temp_forget(int slot)
{
	if (slot >= 0)
		report_temps[slot].used = 0;
}

FILE *cnd_report_open_temp(const char *path)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	FILE *fp;

	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "w");
	if (!fp)
		close(fd);
	return fp;
}

/* Push the temporary file's bytes to stable storage before the rename. */
static int report_sync(const char *tmp)
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

/* One report on its way to the disk. */
struct report_job {
	const struct cnd_writer *w;
	const char *path, *base;
	char *tmp;
	int slot;
	int rc;
	struct cnd_error err;
	const struct cnd_run *run;
};

/* Check the target and create its private temporary file. */
static int job_prepare(struct report_job *j, const char *format,
		       const char *path)
{
	const char *slash;
	size_t dirlen;
	sigset_t block, saved;
	int fd;

	memset(j, 0, sizeof(*j));
	j->slot = -1;
	cnd_error_clear(&j->err);
	if (!path || !*path)
		return cnd_error_set(&j->err, CND_FATAL,
				     "cannot write a report: no file name");
	slash = strrchr(path, '/');
	j->path = path;
	j->base = slash ? slash + 1 : path;
	if (!*j->base)
		return cnd_error_set(&j->err, CND_FATAL,
				     "cannot write '%s': not a file name",
				     path);
	j->w = cnd_writer_find(format);
	if (!j->w)
		return cnd_error_set(&j->err, CND_FATAL,
				     "cannot write '%s': unknown report format '%s'",
				     j->base, format ? format : "");

	/* ".<base>.XXXXXX" in the target's own directory. */
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	j->tmp = cnd_xmalloc(dirlen + strlen(j->base) + 9);
	memcpy(j->tmp, path, dirlen);
	snprintf(j->tmp + dirlen, strlen(j->base) + 9, ".%s.XXXXXX", j->base);

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &saved);
	fd = mkstemp(j->tmp);
	if (fd < 0) {
		report_fail(&j->err, j->base, strerror(errno));
		pthread_sigmask(SIG_SETMASK, &saved, NULL);
		free(j->tmp);
		j->tmp = NULL;
		return CND_FATAL;
	}
	j->slot = report_temp_add(j->tmp);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
		report_fail(&j->err, j->base, strerror(errno));
		close(fd);
		return CND_FATAL;
	}
	if (close(fd) != 0)
		return report_fail(&j->err, j->base, strerror(errno));
	return CND_OK;
}

/* Fill the temporary file (the part that may run on its own thread). */
static void *job_write(void *arg)
{
	struct report_job *j = arg;
	struct cnd_error werr;

	cnd_error_clear(&werr);
	j->rc = CND_OK;
	if (j->w->write(j->run, j->tmp, &werr) != CND_OK)
		j->rc = report_fail(&j->err, j->base,
				    werr.message[0] ? werr.message :
						      "the writer failed");
	else if (report_sync(j->tmp) != 0)
		j->rc = report_fail(&j->err, j->base, strerror(errno));
	return NULL;
}

/* Rename into place, or (commit 0, or the rename failed) unlink. */
static int job_finish(struct report_job *j, int commit)
{
	int rc = CND_OK;

	if (!j->tmp)
		return CND_FATAL;
	if (commit && rename(j->tmp, j->path) != 0) {
		rc = report_fail(&j->err, j->base, strerror(errno));
		commit = 0;
	}
	if (!commit)
		unlink(j->tmp);
	report_temp_forget(j->slot);
	free(j->tmp);
	j->tmp = NULL;
	return rc;
}

int cnd_report_write(const char *format, const struct cnd_run *run,
		     const char *path, struct cnd_error *err)
{
	return cnd_report_write_all(&format, &path, 1, run, err);
}

int cnd_report_write_all(const char *const *formats,
			 const char *const *paths, size_t n,
			 const struct cnd_run *run, struct cnd_error *err)
{
	struct report_job jobs[TEMP_SLOTS];
	pthread_t threads[TEMP_SLOTS];
	int started[TEMP_SLOTS] = { 0 };
	sigset_t all, saved;
	size_t i, ok = 0;
	int rc = CND_OK;

	if (n > TEMP_SLOTS)
		return cnd_error_set(err, CND_FATAL,
				     "cannot write more than %d reports at once",
				     TEMP_SLOTS);
	/* a target that cannot even be started ends the list there, as
	   when the reports were written one by one */
	for (ok = 0; ok < n; ok++) {
		if (job_prepare(&jobs[ok], formats[ok], paths[ok]) != CND_OK)
			break;
		jobs[ok].run = run;
	}

	/* the writers only read run: the others run beside the first (signals
	   stay with the calling thread, whose handler unlinks the temps) */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &saved);
	for (i = 1; i < ok && run->opt.helpers; i++)
		started[i] = pthread_create(&threads[i], NULL, job_write,
					    &jobs[i]) == 0;
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (ok)
		job_write(&jobs[0]);
	for (i = 1; i < ok; i++) {
		if (started[i])
			pthread_join(threads[i], NULL);
		else
			job_write(&jobs[i]);
	}

	/* in order: the first failure is the one reported, and nothing after
	   it is put in place */
	for (i = 0; i < ok; i++) {
		if (rc == CND_OK && jobs[i].rc == CND_OK &&
		    job_finish(&jobs[i], 1) == CND_OK)
			continue;
		if (rc == CND_OK) {
			*err = jobs[i].err;
			rc = CND_FATAL;
		}
		job_finish(&jobs[i], 0);
	}
	if (ok < n) {
		if (rc == CND_OK) {
			*err = jobs[ok].err;
			rc = CND_FATAL;
		}
		job_finish(&jobs[ok], 0);
	}
	return rc;
}
