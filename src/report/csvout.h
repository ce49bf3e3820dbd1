/*
 * The CSV writer's field encoder (src/report/csv.c), private to the report
 * writers and open to the unit tests, which hold it beside a plain
 * byte-by-byte encoder of the same rules.
 */
#ifndef CONDUCT_REPORT_CSVOUT_H
#define CONDUCT_REPORT_CSVOUT_H

#include <stddef.h>

#include "conduct/base/arena.h"

/*
 * Append s[0..n) to b as one RFC 4180 field: in double quotes, with its
 * quotes doubled, when it holds a comma, a double quote, CR or LF; with an
 * apostrophe first when it begins with = + - @ tab or CR (a spreadsheet
 * would run it as a formula); each byte that does not begin a valid UTF-8
 * sequence as U+FFFD. Nothing for n == 0.
 */
void cnd_csv_put(struct cnd_buf *b, const char *s, size_t n);

#endif
