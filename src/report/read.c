/*
 * Reading a JSON report (src/report/json.c, schemas/report.schema.json)
 * back into a struct cnd_run, for `conduct merge`: the inverse of the JSON
 * writer, key by key. Strings go into the run's arena; names (severity,
 * confidence, status, count, baseline state) map back to their enums; the
 * rule of a finding is looked up in the rule table, so titles and
 * citations are the running conduct's. Values the writer derives from
 * others (totals, timeline, rule summary, follow changes) are
 * not read: they are rebuilt by cnd_run_finish() exactly as in a scan,
 * the follow changes from the follow sets that per-archive reports carry.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/path.h"
#include "conduct/review/baseline.h"
#include "conduct/rules/follows.h"
#include "conduct/platforms/platform.h"
#include "conduct/report/read.h"
#include "conduct/report/report.h"
#include "conduct/rules/rule.h"
#include "conduct/base/strmap.h"
#include "conduct/base/timeutil.h"

#include "conduct/rules/engine.h"

#include "figures.h"
#include "jsonw.h"

struct rd {
	struct cnd_run *run;
	const char *file; /* base name of the report, for messages */
	struct cnd_error *err;
};

/* The string at key, NULL when missing or null; *bad set for a non-string. */
static const char *rd_str(const json_t *o, const char *key, int *bad)
{
	const json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

static const char *rd_dup(struct rd *r, const json_t *o, const char *key,
			  int *bad)
{
	return cnd_arena_strdup(&r->run->arena, rd_str(o, key, bad));
}

/* A non-negative integer, or `none` when missing or null. */
static long long rd_int(const json_t *o, const char *key, long long none,
			int *bad)
{
	const json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return none;
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		*bad = 1;
		return none;
	}
	return (long long)json_integer_value(v);
}

/* A time "2020-01-20T21:42:09Z" (or with an offset, "...+01:00") or date
 * "2020-01-20"; NONE for null. */
static int64_t rd_time(const json_t *o, const char *key, int end_of_day,
		       int *bad)
{
	const char *s = rd_str(o, key, bad);
	int64_t t;

	if (!s)
		return CND_TIME_NONE;
	if (cnd_time_parse_iso(s, &t) != 0) {
		*bad = 1;
		return CND_TIME_NONE;
	}
	return end_of_day && strlen(s) == 10 ? t + 86399 : t;
}

static int rd_bool(const json_t *o, const char *key, int *bad)
{
	const json_t *v = json_object_get(o, key);

	if (v && !json_is_boolean(v))
		*bad = 1;
	return v && json_is_true(v);
}

/* Index of name among names(i) for i < n, or -1. */
static int rd_enum(const char *name, const char *(*names)(int), int n)
{
	int i;

	for (i = 0; name && i < n; i++)
		if (!strcmp(names(i), name))
			return i;
	return -1;
}

static const char *rd_severity_name(int i)
{
	return cnd_severity_name((enum cnd_severity)i);
}

static const char *rd_confidence_name(int i)
{
	return cnd_confidence_name((enum cnd_confidence)i);
}

static const char *rd_count_name(int i)
{
	return cnd_count_name((enum cnd_count)i);
}

static const char *rd_baseline_name(int i)
{
	const char *s = cnd_baseline_state_name(i);

	return s ? s : "";
}

static int rd_fail(struct rd *r, const char *what)
{
	return cnd_error_set(r->err, CND_FATAL,
			     "'%s': %s (is it a JSON report of conduct %s?)",
			     r->file, what, cnd_version);
}

static void rd_notes(struct rd *r, const json_t *arr, struct cnd_vec *v,
		     const char *what_key, int *bad)
{
	size_t i;
	json_t *m;

	cnd_vec_init(v, sizeof(struct cnd_member_note));
	if (!json_is_array(arr)) {
		*bad = 1;
		return;
	}
	json_array_foreach(arr, i, m) {
		struct cnd_member_note *n = cnd_vec_push(v);

		memset(n, 0, sizeof(*n));
		n->bytes = -1;
		n->path = rd_dup(r, m, "member", bad);
		n->what = what_key ? rd_dup(r, m, what_key, bad) : NULL;
		n->records = (uint64_t)rd_int(m, "records", 0, bad);
		n->entries = (uint64_t)rd_int(m, "entries", 0, bad);
		if (!n->path)
			*bad = 1;
	}
}

static int rd_diag_status(const char *s)
{
	if (s && !strcmp(s, "fatal"))
		return CND_FATAL;
	if (s && !strcmp(s, "error"))
		return CND_FAILED;
	if (s && !strcmp(s, "note"))
		return CND_OK;
	return CND_WARN;
}

static int rd_archive_status(const char *s, int *bad)
{
	if (s && !strcmp(s, "ok"))
		return CND_OK;
	if (s && !strcmp(s, "ok-with-warnings"))
		return CND_WARN;
	if (s && !strcmp(s, "partial"))
		return CND_FAILED;
	if (s && !strcmp(s, "failed"))
		return CND_FATAL;
	*bad = 1;
	return CND_FATAL;
}

static void rd_settings(struct rd *r, struct cnd_archive *a,
			const json_t *arr, int *bad)
{
	struct cnd_setting_interval *iv;
	size_t i;
	json_t *o;

	if (!json_is_array(arr)) {
		*bad = 1;
		return;
	}
	if (!json_array_size(arr))
		return;
	iv = cnd_arena_alloc(&r->run->arena,
			     json_array_size(arr) * sizeof(*iv));
	memset(iv, 0, json_array_size(arr) * sizeof(*iv));
	json_array_foreach(arr, i, o) {
		iv[i].platform = rd_dup(r, o, "platform", bad);
		iv[i].setting = rd_dup(r, o, "setting", bad);
		iv[i].value = rd_dup(r, o, "value", bad);
		iv[i].from = rd_time(o, "from", 0, bad);
		iv[i].to = rd_time(o, "to", 0, bad);
		iv[i].undated = rd_bool(o, "undated", bad) ? 1 : 0;
		iv[i].inferred = rd_bool(o, "inferred", bad) ? 1 : 0;
		iv[i].source = rd_dup(r, o, "recorded_as", bad);
		iv[i].prov.member = rd_dup(r, o, "member", bad);
		iv[i].prov.item = -1;
	}
	a->settings = iv;
	a->n_settings = json_array_size(arr);
}

/*
 * The export date, and the follow set a per-archive report carries
 * (follows.h); a normal report has no "follows", and none is made up.
 */
static void rd_follows(struct rd *r, struct cnd_archive *a, const json_t *o,
		       int *bad)
{
	const char *src = rd_str(o, "made_source", bad);
	const json_t *arr = json_object_get(o, "follows");
	size_t i;
	json_t *e;

	a->made = rd_time(o, "made", 0, bad);
	if (src && strcmp(src, "export") && strcmp(src, "latest record"))
		*bad = 1;
	if (src && a->made != CND_TIME_NONE)
		a->made_source = cnd_arena_strdup(&r->run->arena, src);
	if (arr && !json_is_array(arr))
		*bad = 1;
	json_array_foreach(arr, i, e) {
		int dir = cnd_follow_dir_parse(rd_str(e, "direction", bad));
		const char *key = rd_str(e, "key", bad);
		const char *who = rd_str(e, "who", bad);

		if (dir < 0 || !key || strlen(key) < 3 || key[1] != ':' ||
		    !strchr("ihn", key[0]) || !who) {
			*bad = 1;
			return;
		}
		cnd_follows_add(&r->run->arena, a, (enum cnd_follow_dir)dir,
				rd_str(e, "label", bad), key, who,
				rd_time(e, "time", 0, bad));
	}
}

/* One archive object into a new struct cnd_archive of the run. */
static int rd_archive(struct rd *r, const json_t *o, size_t index)
{
	struct cnd_archive *a = cnd_vec_push(&r->run->archives);
	const json_t *v, *cov, *cons, *counts;
	const char *platform;
	char what[96];
	int bad = !json_is_object(o), c;
	size_t i;
	json_t *e;

	cnd_vec_init(&a->parts, sizeof(struct cnd_part));
	cnd_vec_init(&a->gaps, sizeof(const char *));
	cnd_vec_init(&a->diags, sizeof(struct cnd_diag));
	cnd_vec_init(&a->declared, sizeof(struct cnd_declared));
	cov = json_object_get(o, "coverage");
	rd_notes(r, json_object_get(cov, "parsed"), &a->parsed, "what", &bad);
	rd_notes(r, json_object_get(cov, "ignored"), &a->ignored, "reason",
		 &bad);
	rd_notes(r, json_object_get(cov, "unrecognised"), &a->unrecognised,
		 NULL, &bad);
	if (bad)
		goto out_bad;

	a->file = rd_dup(r, o, "file", &bad);
	snprintf(a->sha256, sizeof(a->sha256), "%s",
		 rd_str(o, "sha256", &bad) ? rd_str(o, "sha256", &bad) : "");
	json_array_foreach(json_object_get(o, "parts"), i, e) {
		struct cnd_part *p = cnd_vec_push(&a->parts);

		p->file = rd_dup(r, e, "file", &bad);
		snprintf(p->sha256, sizeof(p->sha256), "%s",
			 rd_str(e, "sha256", &bad) ? rd_str(e, "sha256", &bad) :
						     "");
	}
	a->subject = rd_dup(r, o, "subject", &bad);
	a->subject_given = rd_bool(o, "subject_given", &bad);
	a->consent_date = CND_TIME_NONE;
	cons = json_object_get(o, "consent");
	if (json_is_object(cons)) {
		a->consent_ref = rd_dup(r, cons, "ref", &bad);
		a->consent_date = rd_time(cons, "date", 0, &bad);
	}
	v = json_object_get(o, "platforms");
	platform = json_string_value(json_array_get(v, 0));
	if (platform) {
		const struct cnd_platform *p = cnd_platform_find(platform);

		a->platform = p ? p->name :
				  cnd_arena_strdup(&r->run->arena, platform);
		a->platform_title = p ? p->title : a->platform;
	}
	a->account = rd_dup(r, o, "account", &bad);
	a->status = rd_archive_status(rd_str(o, "status", &bad), &bad);
	counts = json_object_get(o, "counts");
	for (c = 0; c < CND_COUNT__N; c++)
		a->counts[c] = (uint64_t)rd_int(counts, rd_count_name(c), 0,
						&bad);
	a->records = (uint64_t)rd_int(o, "records", 0, &bad);
	json_array_foreach(json_object_get(cov, "gaps"), i, e) {
		if (!json_is_string(e)) {
			bad = 1;
			continue;
		}
		*(const char **)cnd_vec_push(&a->gaps) = cnd_arena_strdup(
			&r->run->arena, json_string_value(e));
	}
	json_array_foreach(json_object_get(cov, "declared"), i, e) {
		struct cnd_declared *d = cnd_vec_push(&a->declared);
		const char *st = rd_str(e, "status", &bad);

		d->member = rd_dup(r, e, "member", &bad);
		d->key = rd_dup(r, e, "key", &bad);
		d->of = rd_dup(r, e, "of", &bad);
		d->declared = (uint64_t)rd_int(e, "declared", 0, &bad);
		d->read = (uint64_t)rd_int(e, "read", 0, &bad);
		d->status = st && !strcmp(st, "match") ? CND_OK :
							 rd_diag_status(st);
		if (!d->member || !d->key || !d->of)
			bad = 1;
	}
	json_array_foreach(json_object_get(o, "diagnostics"), i, e) {
		struct cnd_diag *d = cnd_vec_push(&a->diags);
		json_t *it;
		size_t k;

		memset(d, 0, sizeof(*d));
		d->count = (uint64_t)rd_int(e, "count", 1, &bad);
		json_array_foreach(json_object_get(e, "items"), k, it)
			if (json_is_integer(it) && d->n_items < CND_DIAG_ITEMS)
				d->items[d->n_items++] = json_integer_value(it);
		d->status = rd_diag_status(rd_str(e, "severity", &bad));
		d->member = rd_dup(r, e, "member", &bad);
		d->item = rd_int(e, "item", -1, &bad);
		d->line = (unsigned long)rd_int(e, "line", 0, &bad);
		d->column = (unsigned long)rd_int(e, "column", 0, &bad);
		d->message = rd_dup(r, e, "message", &bad);
		/* "ok" holds warnings too: the scan's status was the worst */
		if (d->status == CND_WARN)
			a->status = cnd_status_worst(a->status, CND_WARN);
	}
	rd_settings(r, a, json_object_get(o, "settings_timeline"), &bad);
	rd_follows(r, a, o, &bad);
	if (!a->file || !a->subject)
		bad = 1;
	if (!bad) {
		r->run->status = cnd_status_worst(r->run->status, a->status);
		return CND_OK;
	}
out_bad:
	snprintf(what, sizeof(what), "archives[%zu] cannot be read", index);
	return rd_fail(r, what);
}

/* A carried decision ("review"), or NULL. */
static const struct cnd_decision *rd_decision(struct rd *r, const json_t *o,
					      const struct cnd_finding *f,
					      int *bad)
{
	struct cnd_decision *d;
	int k;

	if (!o || json_is_null(o))
		return NULL;
	d = cnd_arena_alloc(&r->run->arena, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->fingerprint = rd_dup(r, o, "fingerprint", bad);
	if (f) {
		d->fingerprint = f->fingerprint;
		d->rule = f->rule;
	} else {
		d->rule = rd_dup(r, o, "rule", bad);
		d->subject = rd_dup(r, o, "subject", bad);
	}
	d->decision = rd_dup(r, o, "decision", bad);
	k = d->decision ? cnd_decision_parse(d->decision) : -1;
	d->kind = k >= 0 ? (enum cnd_decision_kind)k : CND_DECISION_OPEN;
	d->reviewer = rd_dup(r, o, "reviewer", bad);
	d->date = rd_dup(r, o, "date", bad);
	d->note = rd_dup(r, o, "note", bad);
	d->expires = rd_time(o, "expires", 0, bad);
	return d;
}

/*
 * The archive of a finding: by its index among this report's archives,
 * whose subject it must name too; -1 when it names none.
 */
static long rd_finding_archive(const struct cnd_run *run, size_t first,
			       const json_t *index, const char *subject)
{
	const struct cnd_archive *a;
	json_int_t i;

	if (!json_is_integer(index) || !subject)
		return -1;
	i = json_integer_value(index);
	if (i < 0 || (uint64_t)i >= run->archives.len - first)
		return -1;
	a = cnd_run_archive(run, first + (size_t)i);
	return strcmp(a->subject, subject) ? -1 : (long)(first + (size_t)i);
}

static const char *rd_about_name(int i)
{
	return about_name(i);
}

static const char *rd_distance_name(int i)
{
	return distance_kind_name(i);
}

/*
 * What a per-archive report says the finding is about and its distance
 * ("about", "distance_m", "distance_is"; absent for most findings, and in
 * the report of a run): -1 when present but not readable.
 */
static int rd_placing(const json_t *o, struct cnd_finding *f)
{
	const json_t *m = json_object_get(o, "distance_m");
	int bad = 0, k;
	const char *s = rd_str(o, "about", &bad);

	if (s) {
		k = rd_enum(s, rd_about_name, CND_ABOUT__N);
		if (k <= CND_ABOUT_OTHER)
			return -1;
		f->about = (enum cnd_about)k;
	}
	s = rd_str(o, "distance_is", &bad);
	if (s || m) {
		k = rd_enum(s, rd_distance_name, CND_DIST__N);
		if (k <= CND_DIST_NONE || !json_is_number(m) ||
		    json_number_value(m) < 0)
			return -1;
		f->distance_kind = (enum cnd_distance_kind)k;
		f->distance_m = json_number_value(m);
	}
	return bad ? -1 : 0;
}

static int rd_finding(struct rd *r, const json_t *o, size_t first,
		      size_t index)
{
	struct cnd_finding f;
	const struct cnd_rule *rule;
	const json_t *src;
	const char *s;
	char what[96];
	int bad = !json_is_object(o), k;
	long ar;

	memset(&f, 0, sizeof(f));
	s = rd_str(o, "fingerprint", &bad);
	if (!s || strlen(s) != sizeof(f.fingerprint) - 1)
		goto out_bad;
	memcpy(f.fingerprint, s, sizeof(f.fingerprint));
	s = rd_str(o, "rule", &bad);
	rule = s ? cnd_rule_find(s) : NULL;
	f.rule = rule ? rule->id : cnd_arena_strdup(&r->run->arena, s);
	k = rd_enum(rd_str(o, "severity", &bad), rd_severity_name, CND_SEV__N);
	if (k < 0 || !f.rule)
		goto out_bad;
	f.severity = (enum cnd_severity)k;
	k = rd_enum(rd_str(o, "confidence", &bad), rd_confidence_name,
		    CND_CONF_POSSIBLE + 1);
	if (k < 0)
		goto out_bad;
	f.confidence = (enum cnd_confidence)k;
	ar = rd_finding_archive(r->run, first, json_object_get(o, "archive"),
				rd_str(o, "subject", &bad));
	if (ar < 0)
		goto out_bad;
	f.archive = (size_t)ar;
	f.platform = rd_dup(r, o, "platform", &bad);
	f.time = rd_time(o, "time", 0, &bad); /* RFC 3339, any offset */
	f.in_period = rd_bool(o, "in_period", &bad);
	f.record_kind = rd_dup(r, o, "record_kind", &bad);
	f.record_id = rd_dup(r, o, "record_id", &bad);
	f.matched = rd_dup(r, o, "matched", &bad);
	f.client = rd_dup(r, o, "client", &bad);
	f.evidence = rd_dup(r, o, "evidence", &bad);
	src = json_object_get(o, "source");
	f.prov.member = rd_dup(r, src, "member", &bad);
	f.prov.item = rd_int(src, "item", -1, &bad);
	if (rd_placing(o, &f) != 0)
		goto out_bad;
	s = rd_str(o, "baseline", &bad);
	k = s ? rd_enum(s, rd_baseline_name, CND_BASELINE_DISMISSED + 1) :
		CND_BASELINE_NONE;
	if (k < 0)
		goto out_bad;
	f.baseline = k;
	if (bad)
		goto out_bad;
	if (cnd_rules_seen(r->run, f.archive, f.fingerprint))
		return CND_OK; /* the subject's other export has it */
	*(struct cnd_finding *)cnd_vec_push(&r->run->findings) = f;
	/* after the push: the decision points at the finding's own fields */
	cnd_run_finding(r->run, r->run->findings.len - 1)->review =
		rd_decision(r, json_object_get(o, "review"),
			    cnd_run_finding(r->run, r->run->findings.len - 1),
			    &bad);
	if (!bad)
		return CND_OK;
out_bad:
	snprintf(what, sizeof(what), "findings[%zu] cannot be read", index);
	return rd_fail(r, what);
}

/* Two reports of one batch agree on s (NULL equal to NULL). */
static int rd_same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The run-level settings: taken from the first report, checked after. */
static int rd_settings_run(struct rd *r, const json_t *root, int first)
{
	struct cnd_options *o = &r->run->opt;
	const json_t *period = json_object_get(root, "review_period");
	const json_t *res = json_object_get(root, "research");
	const json_t *bl = json_object_get(root, "baseline");
	int64_t since, until;
	const char *tz, *clients, *digests;
	int bad = 0, no_digest;

	since = rd_time(period, "since", 0, &bad);
	until = rd_time(period, "until", 1, &bad);
	tz = rd_str(root, "time_zone", &bad);
	clients = rd_str(root, "clients_file", &bad);
	digests = rd_str(root, "input_digests", &bad);
	if (bad)
		return rd_fail(r, "its review period, time zone or input digests cannot be read");
	/* absent in reports older than --no-digest: they hashed */
	no_digest = digests && !strcmp(digests, "none");
	if (!first) {
		if (since != o->since || until != o->until ||
		    !rd_same(tz ? tz : "UTC", o->tz) ||
		    !rd_same(clients, o->clients_file) ||
		    !json_is_object(res) != !o->research ||
		    !json_is_object(bl) != !r->run->baseline_file ||
		    no_digest != o->no_digest)
			return cnd_error_set(r->err, CND_FATAL,
					     "'%s': its review period, time zone, client register, research settings, input digests or baseline differ from the first report's: merge only reports of one batch",
					     r->file);
		return CND_OK;
	}
	o->since = since;
	o->until = until;
	o->no_digest = no_digest;
	o->tz = cnd_arena_strdup(&r->run->arena, tz ? tz : "UTC");
	o->clients_file = cnd_arena_strdup(&r->run->arena, clients);
	if (json_is_object(res)) {
		struct cnd_research_info *ri =
			cnd_arena_alloc(&r->run->arena, sizeof(*ri));
		const json_t *g = json_object_get(res, "grid_m");
		const char *text = rd_str(res, "text", &bad);

		ri->key_id = rd_dup(r, res, "key_id", &bad);
		ri->grid_m = json_is_number(g) ? json_number_value(g) : 0;
		ri->time_unit = rd_dup(r, res, "time_unit", &bad);
		ri->text_dropped = text && !strcmp(text, "dropped");
		o->research = ri;
	}
	if (json_is_object(bl))
		r->run->baseline_file = rd_dup(r, bl, "file", &bad);
	return bad ? rd_fail(r, "its research or baseline settings cannot be read") :
		     CND_OK;
}

/* Decisions not raised again: each once, and only if no finding has it. */
static int rd_absent(struct rd *r, const json_t *root)
{
	const json_t *arr = json_object_get(json_object_get(root, "baseline"),
					    "absent");
	size_t i, j;
	json_t *e;
	int bad = 0;

	if (!r->run->absent.size)
		cnd_vec_init(&r->run->absent,
			     sizeof(const struct cnd_decision *));
	json_array_foreach(arr, i, e) {
		const char *fp = rd_str(e, "fingerprint", &bad);
		int have = !fp;

		for (j = 0; !have && j < r->run->absent.len; j++)
			have = !strcmp((*(const struct cnd_decision **)
						cnd_vec_at(&r->run->absent, j))
					       ->fingerprint,
				       fp);
		if (!have)
			*(const struct cnd_decision **)cnd_vec_push(
				&r->run->absent) = rd_decision(r, e, NULL, &bad);
	}
	return bad ? rd_fail(r, "its baseline's absent decisions cannot be read") :
		     CND_OK;
}

/*
 * A decision one report lists as not raised again may be raised by another
 * report's archive: keep only those no finding of the run carries.
 */
static void rd_absent_prune(struct cnd_run *run)
{
	struct cnd_strmap raised;
	size_t i, n = 0;

	cnd_strmap_init(&raised);
	for (i = 0; i < run->findings.len; i++)
		cnd_strmap_put(&raised, cnd_run_finding(run, i)->fingerprint,
			       (void *)1);
	for (i = 0; i < run->absent.len; i++) {
		const struct cnd_decision **d = cnd_vec_at(&run->absent, i);

		if (!cnd_strmap_get(&raised, (*d)->fingerprint))
			*(const struct cnd_decision **)cnd_vec_at(&run->absent,
								  n++) = *d;
	}
	run->absent.len = n;
	cnd_strmap_release(&raised);
}

int cnd_run_read_json(struct cnd_run *run, const char *path, int first,
		      struct cnd_error *err)
{
	struct rd r = { run, cnd_path_base(path), err };
	json_error_t jerr;
	json_t *root, *e;
	const char *kind;
	size_t i, first_archive = run->archives.len;
	int rc = CND_OK;

	root = json_load_file(path, 0, &jerr);
	if (!root)
		return cnd_error_set(err, CND_FATAL, "'%s': line %d: %s",
				     r.file, jerr.line, jerr.text);
	kind = json_string_value(json_object_get(root, "report"));
	if (!kind || strcmp(kind, "conduct") ||
	    !json_is_array(json_object_get(root, "archives")) ||
	    !json_is_array(json_object_get(root, "findings"))) {
		rc = rd_fail(&r, "not a conduct JSON report");
		goto out;
	}
	if (json_integer_value(json_object_get(root, "schema_version")) !=
	    CND_REPORT_SCHEMA_VERSION) {
		rc = cnd_error_set(err, CND_FATAL,
				   "'%s': schema_version %lld, this conduct "
				   "reads %d: scan its archive again",
				   r.file,
				   (long long)json_integer_value(json_object_get(
					   root, "schema_version")),
				   CND_REPORT_SCHEMA_VERSION);
		goto out;
	}
	rc = rd_settings_run(&r, root, first);
	json_array_foreach(json_object_get(root, "archives"), i, e)
		if (rc == CND_OK)
			rc = rd_archive(&r, e, i);
	json_array_foreach(json_object_get(root, "findings"), i, e)
		if (rc == CND_OK)
			rc = rd_finding(&r, e, first_archive, i);
	if (rc == CND_OK && run->baseline_file) {
		rc = rd_absent(&r, root);
		rd_absent_prune(run);
	}
out:
	json_decref(root);
	return rc;
}
