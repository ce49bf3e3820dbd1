/*
 * The error buffer behind every library call: a status and a one-line
 * message, filled with cnd_error_set() and read by the caller.
 */
#include <stdio.h>

#include "conduct/base/error.h"

void cnd_error_clear(struct cnd_error *err)
{
	if (!err)
		return;
	err->status = CND_OK;
	err->message[0] = '\0';
}

int cnd_error_set(struct cnd_error *err, int status, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return status;
}
