/*
 * A CSV table read by the names of its header row, private to the config
 * loaders that read one (the client register, register.c; the batch
 * manifest, manifest.c): the header's names mapped to the loader's
 * columns whatever their order or case, a row's field by column, and a
 * row's problem passed on with its line and remembered, so the load can
 * say it had rows with problems (src/config/table.c).
 */
#ifndef CONDUCT_CONFIG_TABLE_H
#define CONDUCT_CONFIG_TABLE_H

#include <stddef.h>

#include "conduct/base/error.h"

#define CND_TABLE_COLS 16 /* columns a loader may name */

struct cnd_table {
	const char *const *names; /* the loader's column names */
	int ncols;
	int col[CND_TABLE_COLS]; /* each column's field, or -1 */
	int have_header, failed;
	void (*problem)(void *ud, size_t line, const char *msg);
	void *ud;
};

/* Start reading a table whose columns are names[0..ncols). */
void cnd_table_init(struct cnd_table *t, const char *const *names, int ncols,
		    void (*problem)(void *ud, size_t line, const char *msg),
		    void *ud);
/* Map the header row's fields (trimmed, any case) to the columns. */
void cnd_table_header(struct cnd_table *t, char **f, size_t n);
/* Column c of a row (trimmed), or NULL when the table lacks it. */
char *cnd_table_field(const struct cnd_table *t, char **f, size_t n, int c);
/* A row's problem: passed on with its line (0: the whole table). */
void cnd_table_problem(struct cnd_table *t, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The CSV reader's own error (st not CND_OK) as the table's problem. */
void cnd_table_parse_error(struct cnd_table *t, int st,
			   const struct cnd_error *err);

#endif
