/*
 * A CSV table read by the names of its header row (table.h), for the
 * client register and the batch manifest: one mapping of header names to
 * columns, one field getter and one way of reporting a row's problem, so
 * both loaders treat their headers and bad rows alike.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "conduct/text/text.h"

#include "table.h"

void cnd_table_init(struct cnd_table *t, const char *const *names, int ncols,
		    void (*problem)(void *ud, size_t line, const char *msg),
		    void *ud)
{
	memset(t, 0, sizeof(*t));
	t->names = names;
	t->ncols = ncols < CND_TABLE_COLS ? ncols : CND_TABLE_COLS;
	t->problem = problem;
	t->ud = ud;
	for (int c = 0; c < CND_TABLE_COLS; c++)
		t->col[c] = -1;
}

void cnd_table_header(struct cnd_table *t, char **f, size_t n)
{
	for (int c = 0; c < t->ncols; c++)
		t->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		const char *h = cnd_text_trim(f[i]);

		for (int c = 0; c < t->ncols; c++)
			if (!strcasecmp(h, t->names[c]))
				t->col[c] = (int)i;
	}
	t->have_header = 1;
}

char *cnd_table_field(const struct cnd_table *t, char **f, size_t n, int c)
{
	int i = c >= 0 && c < t->ncols ? t->col[c] : -1;

	return i >= 0 && (size_t)i < n ? cnd_text_trim(f[i]) : NULL;
}

void cnd_table_problem(struct cnd_table *t, size_t line, const char *fmt, ...)
{
	char msg[CND_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failed = 1;
	if (t->problem)
		t->problem(t->ud, line, msg);
}

void cnd_table_parse_error(struct cnd_table *t, int st,
			   const struct cnd_error *err)
{
	if (st == CND_OK)
		return;
	if (t->problem)
		t->problem(t->ud, 0, err->message);
	t->failed = 1;
}
