/*
 * The values of the JSON report (json.c) that are built as Jansson values:
 * the helpers every part of the document uses (strings repaired to valid
 * UTF-8, times, counts, null where unknown), and each archive's object:
 * its parts and their digests, counts, coverage (members parsed, ignored
 * and not recognised, gaps, declared totals), diagnostics, settings
 * timeline and, in a per-archive report only, its whole follow set.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/rules/follows.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "jsonw.h"

/*
 * Jansson only fails to build a value when memory runs out (or, for
 * strings, on invalid UTF-8, which jw_str() repairs first); like
 * cnd_xmalloc(), give up at once.
 */
json_t *jw_must(json_t *v)
{
	if (!v) {
		fprintf(stderr, "conduct: out of memory (building JSON)\n");
		abort();
	}
	return v;
}

void jw_put(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, jw_must(v)) != 0)
		jw_must(NULL);
}

void jw_add(json_t *arr, json_t *v)
{
	if (json_array_append_new(arr, jw_must(v)) != 0)
		jw_must(NULL);
}

/*
 * A JSON string of s, or null when s is NULL. Bytes that are not valid
 * UTF-8 (which a parser should never let through, but the report must not
 * fail over) become U+FFFD.
 */
json_t *jw_str(const char *s)
{
	struct cnd_buf b = CND_BUF_INIT;
	const unsigned char *p, *end;
	json_t *v;
	size_t n;

	if (!s)
		return json_null();
	v = json_string(s);
	if (v)
		return v;
	end = (const unsigned char *)s + strlen(s);
	for (p = (const unsigned char *)s; p < end; p += n) {
		int32_t cp;

		n = cnd_utf8_decode((const char *)p, (size_t)(end - p), &cp);
		if (cp >= 0)
			cnd_buf_add(&b, p, n);
		else
			cnd_buf_adds(&b, "\xef\xbf\xbd");
	}
	v = json_stringn(b.data ? b.data : "", b.len);
	cnd_buf_release(&b);
	return v;
}

json_t *jw_uint(uint64_t n)
{
	return json_integer(n > (uint64_t)INT64_MAX ? INT64_MAX :
						      (json_int_t)n);
}

/* Integer, or null when n is below `none_below` (-1 items, 0 lines). */
json_t *jw_opt_int(long long n, long long none_below)
{
	return n < none_below ? json_null() : json_integer(n);
}

json_t *jw_time_utc(int64_t t)
{
	char buf[32];

	if (t == CND_TIME_NONE)
		return json_null();
	cnd_time_format_utc(t, buf, sizeof(buf));
	return json_string(buf);
}

/* "YYYY-MM-DD" of a review-period bound (the UTC date), or null. */
json_t *jw_date(int64_t t)
{
	char buf[32];

	if (t == CND_TIME_NONE)
		return json_null();
	cnd_time_format_utc(t, buf, sizeof(buf));
	return json_stringn(buf, 10);
}

const char *jw_base(const char *path)
{
	const char *slash;

	if (!path)
		return NULL;
	slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The totals the export declares of itself, beside what was read. */
static json_t *jw_declared(const struct cnd_archive *a)
{
	json_t *arr = jw_must(json_array()), *o;

	for (size_t i = 0; i < a->declared.len; i++) {
		const struct cnd_declared *d = cnd_vec_at(&a->declared, i);

		o = jw_must(json_object());
		jw_put(o, "member", jw_str(d->member));
		jw_put(o, "key", jw_str(d->key));
		jw_put(o, "of", jw_str(d->of));
		jw_put(o, "declared", jw_uint(d->declared));
		jw_put(o, "read", jw_uint(d->read));
		jw_put(o, "status",
		       jw_str(d->status == CND_OK ?
			      "match" :
			      cnd_diag_severity_name(
				      d->status)));
		jw_add(arr, o);
	}
	return arr;
}

static json_t *jw_coverage(const struct cnd_archive *a)
{
	json_t *cov, *parsed, *ignored, *unrec, *gaps, *o;
	const struct cnd_member_note *m;

	cov = jw_must(json_object());
	parsed = jw_must(json_array());
	ignored = jw_must(json_array());
	unrec = jw_must(json_array());
	gaps = jw_must(json_array());

	for (size_t i = 0; i < a->parsed.len; i++) {
		m = cnd_vec_at(&a->parsed, i);
		o = jw_must(json_object());
		jw_put(o, "member", jw_str(m->path));
		jw_put(o, "what", jw_str(m->what));
		jw_put(o, "records", jw_uint(m->records));
		jw_put(o, "entries", jw_uint(m->entries));
		jw_add(parsed, o);
	}
	for (size_t i = 0; i < a->ignored.len; i++) {
		m = cnd_vec_at(&a->ignored, i);
		o = jw_must(json_object());
		jw_put(o, "member", jw_str(m->path));
		jw_put(o, "reason", jw_str(m->what));
		jw_add(ignored, o);
	}
	for (size_t i = 0; i < a->unrecognised.len; i++) {
		m = cnd_vec_at(&a->unrecognised, i);
		o = jw_must(json_object());
		jw_put(o, "member", jw_str(m->path));
		jw_add(unrec, o);
	}
	for (size_t i = 0; i < a->gaps.len; i++) {
		const char *const *gap = cnd_vec_at(&a->gaps, i);

		jw_add(gaps, jw_str(*gap));
	}

	jw_put(cov, "parsed", parsed);
	jw_put(cov, "ignored", ignored);
	jw_put(cov, "unrecognised", unrec);
	jw_put(cov, "gaps", gaps);
	jw_put(cov, "declared", jw_declared(a));
	return cov;
}

static json_t *jw_diags(const struct cnd_archive *a)
{
	const struct cnd_diag *d;
	json_t *arr, *o, *items;

	arr = jw_must(json_array());
	for (size_t i = 0; i < a->diags.len; i++) {
		d = cnd_vec_at(&a->diags, i);
		o = jw_must(json_object());
		jw_put(o, "severity",
		       json_string(cnd_diag_severity_name(d->status)));
		jw_put(o, "member", jw_str(d->member));
		jw_put(o, "item", jw_opt_int(d->item, 0));
		jw_put(o, "line",
		       jw_opt_int((long long)d->line, 1));
		jw_put(o, "column",
		       jw_opt_int((long long)d->column, 1));
		jw_put(o, "message", jw_str(d->message));
		jw_put(o, "count", jw_uint(d->count));
		items = jw_must(json_array());
		for (unsigned k = 0; k < d->n_items; k++)
			jw_add(items, json_integer(d->items[k]));
		jw_put(o, "items", items);
		jw_add(arr, o);
	}
	return arr;
}

/* The settings timeline: one object per interval. */
static json_t *jw_settings(const struct cnd_archive *a)
{
	json_t *arr, *o;

	arr = jw_must(json_array());
	for (size_t i = 0; i < a->n_settings; i++) {
		const struct cnd_setting_interval *iv = &a->settings[i];

		o = jw_must(json_object());
		jw_put(o, "platform", jw_str(iv->platform));
		jw_put(o, "setting", jw_str(iv->setting));
		jw_put(o, "value", jw_str(iv->value));
		jw_put(o, "from", jw_time_utc(iv->from));
		jw_put(o, "to", jw_time_utc(iv->to));
		jw_put(o, "undated", json_boolean(iv->undated));
		jw_put(o, "inferred", json_boolean(iv->inferred));
		jw_put(o, "recorded_as", jw_str(iv->source));
		jw_put(o, "member", jw_str(iv->prov.member));
		jw_add(arr, o);
	}
	return arr;
}

/*
 * The archive's follow set, for a per-archive report only (conduct merge
 * compares successive exports with it); a normal report never holds it.
 */
static json_t *jw_follows(const struct cnd_archive *a)
{
	const struct cnd_follow_set *set = a->follows;
	json_t *arr, *o;

	arr = jw_must(json_array());
	for (size_t i = 0; set && i < set->n; i++) {
		const struct cnd_follow *f = cnd_follow_at(set, i);

		o = jw_must(json_object());
		jw_put(o, "direction", jw_str(cnd_follow_dir_name(
								  f->dir)));
		jw_put(o, "label", jw_str(f->label));
		jw_put(o, "key", jw_str(f->key));
		jw_put(o, "who", jw_str(f->who));
		jw_put(o, "time", jw_time_utc(f->time));
		jw_add(arr, o);
	}
	return arr;
}

json_t *jw_archive(const struct cnd_archive *a, int part)
{
	json_t *o, *platforms, *counts, *parts;
	size_t i;

	o = jw_must(json_object());
	jw_put(o, "file", jw_str(a->file));
	jw_put(o, "sha256",
	       jw_str(a->sha256[0] ? a->sha256 : NULL));
	parts = jw_must(json_array());
	for (i = 0; i < a->parts.len; i++) {
		const struct cnd_part *p = cnd_vec_at(&a->parts, i);
		json_t *po = jw_must(json_object());

		jw_put(po, "file", jw_str(p->file));
		jw_put(po, "sha256",
		       jw_str(p->sha256[0] ? p->sha256 : NULL));
		jw_add(parts, po);
	}
	jw_put(o, "parts", parts);
	jw_put(o, "subject", jw_str(a->subject));
	/* batch runs: subject given (--subject, manifest), recorded consent */
	jw_put(o, "subject_given", json_boolean(a->subject_given));
	if (a->consent_ref) {
		json_t *c = jw_must(json_object());

		jw_put(c, "ref", jw_str(a->consent_ref));
		jw_put(c, "date", jw_date(a->consent_date));
		jw_put(o, "consent", c);
	} else {
		jw_put(o, "consent", json_null());
	}
	platforms = jw_must(json_array());
	if (a->platform)
		jw_add(platforms, jw_str(a->platform));
	jw_put(o, "platforms", platforms);
	jw_put(o, "account", jw_str(a->account));
	jw_put(o, "status",
	       jw_str(cnd_archive_status_name(a->status)));

	counts = jw_must(json_object());
	for (int c = 0; c < CND_COUNT__N; c++)
		jw_put(counts, cnd_count_name((enum cnd_count)c),
		       jw_uint(a->counts[c]));
	jw_put(o, "counts", counts);
	jw_put(o, "records", jw_uint(a->records));
	jw_put(o, "coverage", jw_coverage(a));
	jw_put(o, "diagnostics", jw_diags(a));
	jw_put(o, "settings_timeline", jw_settings(a));
	jw_put(o, "made", a->made_source ? jw_time_utc(a->made) :
	       json_null());
	jw_put(o, "made_source", jw_str(a->made_source));
	if (part)
		jw_put(o, "follows", jw_follows(a));
	return o;
}
