/*
 * CSV reading (RFC 4180) for every CSV the tool meets: the client register
 * now, LinkedIn and Mastodon exports later. Quoted fields may hold commas,
 * doubled quotes and line breaks. A UTF-8 byte order mark is skipped; text
 * that starts with a UTF-16LE byte order mark is converted to UTF-8 first,
 * and its separator sniffed (LinkedIn's 2018 files are UTF-16 with tabs).
 */
#ifndef CONDUCT_CSV_H
#define CONDUCT_CSV_H

#include <stddef.h>

#include "conduct/base/error.h"

/*
 * Called once per row: fields[0..n) are NUL-terminated and borrowed until
 * the call returns; line is the 1-based line where the row starts. Return 0
 * to go on, non-zero to stop.
 */
typedef int (*cnd_csv_row_fn)(void *ud, size_t line, char **fields, size_t n);

/*
 * Parse data[0..len). Returns CND_OK, or CND_FAILED with err naming the
 * line of an unterminated quoted field (rows before it were delivered).
 */
int cnd_csv_parse(const char *data, size_t len, cnd_csv_row_fn fn, void *ud,
		  struct cnd_error *err);

#endif
