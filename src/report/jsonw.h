/*
 * Private to the JSON report writer (json.c, json_archive.c): the helpers
 * that build its Jansson values (each aborts when memory runs out, as
 * cnd_xmalloc() does) and the object of one archive.
 */
#ifndef CONDUCT_REPORT_JSONW_H
#define CONDUCT_REPORT_JSONW_H

#include <jansson.h>
#include <stdint.h>

#include "conduct/model/result.h"

/*
 * The report's schema_version (schemas/report.schema.json): raised when a
 * change would break a reader; `conduct merge` (read.c) reads only its own.
 * 4: a finding names its archive by index, carries one RFC 3339 "time" in
 * the report's zone, and leaves out its time, record_id, client and
 * source.item when it has none.
 */
#define CND_REPORT_SCHEMA_VERSION 4

json_t *jw_must(json_t *v);
void jw_put(json_t *obj, const char *key, json_t *v);
void jw_add(json_t *arr, json_t *v);
/* A JSON string of s (invalid UTF-8 as U+FFFD), or null for NULL. */
json_t *jw_str(const char *s);
json_t *jw_uint(uint64_t n);
/* Integer, or null when n is below `none_below` (-1 items, 0 lines). */
json_t *jw_opt_int(long long n, long long none_below);
/* "2020-01-20T21:42:09Z", or null for CND_TIME_NONE. */
json_t *jw_time_utc(int64_t t);
/* "YYYY-MM-DD" of a review-period bound (the UTC date), or null. */
json_t *jw_date(int64_t t);
/* The last component of path (no directory of the reviewer's machine). */
const char *jw_base(const char *path);
/* An archive of the run; part: a per-archive report (with its follows). */
json_t *jw_archive(const struct cnd_archive *a, int part);

#endif
