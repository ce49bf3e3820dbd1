/*
 * Graded status codes and the caller-provided error buffer used by every
 * module of the conduct library. A function returns one of the CND_* codes
 * below; when it is not CND_OK it has usually also written a one-line,
 * lowercase message into a struct cnd_error the caller owns. The grades
 * follow libarchive: WARN means the work was done but something was skipped,
 * FAILED means this member or record could not be processed (carry on with
 * the next), FATAL means this input cannot continue at all.
 */
#ifndef CONDUCT_ERROR_H
#define CONDUCT_ERROR_H

#include <stdarg.h>

enum cnd_status {
	CND_OK = 0,
	CND_WARN = 1,
	CND_FAILED = 2,
	CND_FATAL = 3,
};

#define CND_ERROR_MAX 512

struct cnd_error {
	int status;
	char message[CND_ERROR_MAX];
};

/* Clear err (status CND_OK, empty message). err may be NULL. */
void cnd_error_clear(struct cnd_error *err);

/*
 * Record a printf-style message and a status in err (which may be NULL) and
 * return status, so callers can write `return cnd_error_set(err, ...)`.
 */
int cnd_error_set(struct cnd_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The worse of two statuses. */
static inline int cnd_status_worst(int a, int b)
{
	return a > b ? a : b;
}

#endif
