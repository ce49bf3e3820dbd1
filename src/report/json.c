/*
 * The JSON report: the whole finished run (facts about the run, every
 * archive with its counts, coverage and diagnostics, every finding (one to
 * a line), the codes of conduct cited and each rule's title and citations
 * (written once, in "rules"; findings refer to their rule by id), the
 * timeline, each archive's settings
 * timeline and export date, first/last seen per rule, the review cycle's
 * baseline states and carried decisions, research mode's settings, and the
 * follows that appeared or disappeared between a subject's successive
 * exports) as one document described by schemas/report.schema.json. It is
 * the machine-readable twin of the workbook, read by the end-to-end tests
 * and by anyone who wants to compare two years' reviews. Every key is
 * always present (null where unknown), but for a finding's: what is the
 * archive's (its file) is in "archives", the finding naming its archive by
 * index; its optional values (time, record id, client, item) are left out
 * when it has none; "baseline" and "review" are only in a run with a
 * baseline. Keys keep the order they are built
 * in, and nothing in it depends on the clock or on the machine, so with a
 * fixed generated_at two runs are byte-identical. Only a per-archive
 * report (`conduct scan --parts-dir`) also holds the archive's whole follow
 * set, which `conduct merge` needs to find the same changes, and says
 * what each finding about a counterpart or a place is about and its
 * distance (the workbook's Connections and Locations sheets); the report
 * of a run never does. In research mode, "research" carries the figures of
 * the workbook's Aggregates sheet (figures.c computes them for both).
 * Each archive's object is built in json_archive.c.
 */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/review/baseline.h"
#include "conduct/rules/follows.h"
#include "jsonout.h"
#include "conduct/report/report.h"
#include "conduct/rules/rule.h"
#include "conduct/config/standards.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "figures.h"
#include "jsonw.h"

#define CND_JSON_IOBUF (1 << 20)


/* Whether a baseline row holds anything a reviewer wrote. */
static int jw_has_review(const struct cnd_decision *d)
{
	return d && (d->decision || d->reviewer || d->date || d->note ||
		     d->expires != CND_TIME_NONE);
}

/*
 * The decision as the report names it: one of the Decision list's names
 * when it is one of them (whatever its case), else as the reviewer wrote
 * it; null when nothing was written.
 */
static json_t *jw_decision(const struct cnd_decision *d)
{
	if (!d->decision)
		return json_null();
	if (cnd_decision_parse(d->decision) >= 0)
		return json_string(cnd_decision_name(d->kind));
	return jw_str(d->decision);
}

/*
 * The decision carried over from the baseline, as baseline.c's JSON
 * reader reads it back next year; null when there is none or it is empty.
 */
static json_t *jw_review(const struct cnd_decision *d)
{
	json_t *o;

	if (!jw_has_review(d))
		return json_null();
	o = jw_must(json_object());
	jw_put(o, "decision", jw_decision(d));
	jw_put(o, "reviewer", jw_str(d->reviewer));
	jw_put(o, "date", jw_str(d->date));
	jw_put(o, "note", jw_str(d->note));
	jw_put(o, "expires", jw_date(d->expires));
	return o;
}

/*
 * The top-level "baseline": null without --baseline, else the file the
 * decisions came from and every decision whose finding was not raised
 * again (no longer found, or dismissed and not shown), so none is
 * silently lost: --baseline reads this list back too.
 */
static json_t *jw_baseline(const struct cnd_run *run)
{
	json_t *o, *absent, *a;

	if (!run->baseline_file)
		return json_null();
	o = jw_must(json_object());
	jw_put(o, "file", jw_str(jw_base(run->baseline_file)));
	absent = jw_must(json_array());
	for (size_t i = 0; i < run->absent.len; i++) {
		const struct cnd_decision *d =
			*(const struct cnd_decision *const *)cnd_vec_at(
				&run->absent, i);

		a = jw_must(json_object());
		jw_put(a, "fingerprint", jw_str(d->fingerprint));
		jw_put(a, "rule", jw_str(d->rule));
		jw_put(a, "subject", jw_str(d->subject));
		jw_put(a, "decision", jw_decision(d));
		jw_put(a, "reviewer", jw_str(d->reviewer));
		jw_put(a, "date", jw_str(d->date));
		jw_put(a, "note", jw_str(d->note));
		jw_put(a, "expires", jw_date(d->expires));
		jw_add(absent, a);
	}
	jw_put(o, "absent", absent);
	return o;
}

/*
 * research.aggregates: the figures of the workbook's Aggregates sheet,
 * from agg_compute() as the workbook has them (figures.c).
 */
static json_t *jw_aggregates(const struct cnd_run *run)
{
	json_t *o = jw_must(json_object()), *arr;
	struct agg g;

	agg_compute(&g, run);
	jw_put(o, "subjects", jw_uint(g.n_subjects));
	jw_put(o, "archives", jw_uint(g.n_archives));
	jw_put(o, "posts", jw_uint(g.posts));
	arr = jw_must(json_array());
	for (size_t i = 0; i < g.n_rules; i++) {
		const struct agg_rule *ar = &g.rules[i];
		json_t *x = jw_must(json_object());

		jw_put(x, "rule", jw_str(ar->rule));
		jw_put(x, "findings", jw_uint(ar->findings));
		jw_put(x, "per_1000_posts",
		       g.posts ? json_real((double)ar->findings * 1000.0 /
					   (double)g.posts) :
				 json_null());
		jw_put(x, "subjects_with_any", jw_uint(ar->with_any));
		jw_put(x, "min_per_subject",
		       g.n_subjects ? jw_uint(ar->min) : json_null());
		jw_put(x, "median_per_subject",
		       g.n_subjects ? json_real(ar->median) : json_null());
		jw_put(x, "max_per_subject",
		       g.n_subjects ? jw_uint(ar->max) : json_null());
		jw_add(arr, x);
	}
	jw_put(o, "by_rule", arr);
	arr = jw_must(json_array());
	for (size_t i = 0; i < g.n_trends; i++) {
		const struct agg_trend *t = &g.trends[i];
		json_t *x = jw_must(json_object());

		jw_put(x, "month", jw_str(t->month));
		jw_put(x, "rule", jw_str(t->rule));
		jw_put(x, "findings", jw_uint(t->findings));
		jw_put(x, "subjects", jw_uint(t->subjects));
		jw_add(arr, x);
	}
	jw_put(o, "by_month", arr);
	agg_release(&g);
	return o;
}

/*
 * The top-level "research": null for a normal review, else what research
 * mode did (never the key, only its public id).
 */
static json_t *jw_research(const struct cnd_run *run)
{
	const struct cnd_research_info *r = run->opt.research;
	json_t *o;

	if (!r)
		return json_null();
	o = jw_must(json_object());
	jw_put(o, "anonymised", json_true());
	jw_put(o, "pseudonyms", json_string("HMAC-SHA256"));
	jw_put(o, "key_id", jw_str(r->key_id));
	jw_put(o, "grid_m", json_real(r->grid_m));
	jw_put(o, "time_unit", jw_str(r->time_unit));
	jw_put(o, "text",
	       json_string(r->text_dropped ? "dropped" : "redacted"));
	jw_put(o, "aggregates", jw_aggregates(run));
	return o;
}

/*
 * Findings are written straight into the output, one to a line and
 * without spaces, not built as Jansson values first: a heavy review holds
 * tens of thousands, and building and dumping each cost more than finding
 * it. The bytes are those cnd_json_dump_buf(CND_JSON_FLAT) gives for the
 * same object (tests/unit/test_jsonout.c), so readers see plain JSON.
 * A key is a literal: FW_KEY writes it with the comma before it.
 */
#define FW_LIT(b, lit) jo_put((b), lit, sizeof(lit) - 1)
#define FW_KEY(b, key) FW_LIT(b, ",\"" key "\":")

/* s as a JSON string (invalid UTF-8 as U+FFFD), or null. */
static void fw_val(struct cnd_buf *b, const char *s)
{
	json_t *v;

	if (!s) {
		FW_LIT(b, "null");
		return;
	}
	if (cnd_json_out_utf8(b, s, strlen(s)) == 0)
		return;
	v = jw_str(s);
	cnd_json_dump_buf(b, v, CND_JSON_FLAT);
	json_decref(v);
}

#define fw_str(b, key, s) (FW_KEY(b, key), fw_val((b), (s)))
/* Nothing at all when s is NULL (absent: none). */
#define fw_opt_str(b, key, s) ((s) ? fw_str(b, key, s) : (void)0)

/* n (at least 0) in decimal. */
static void fw_uint(struct cnd_buf *b, unsigned long long n)
{
	char d[24], *p = d + sizeof(d);

	do
		*--p = (char)('0' + n % 10);
	while (n /= 10);
	jo_put(b, p, (size_t)(d + sizeof(d) - p));
}

/* Two digits of s at i, as a number. */
static int dd(const char *s, int i)
{
	return (s[i] - '0') * 10 + (s[i + 1] - '0');
}

/*
 * The finding's time as RFC 3339 in the report's time zone, the local
 * wall time and its offset ("2020-01-20T22:42:09+01:00"; "Z" where the
 * offset is zero): the instant and what the workbook shows, in one field.
 * Where the zone's offset then was not whole minutes (local mean time,
 * before about 1900), the offset cannot be written exactly and the time
 * is written in UTC, so that reading it back gives the same instant.
 */
static void jw_time_rfc3339(int64_t t, char *out, size_t n)
{
	char loc[48];
	int64_t wall;

	cnd_time_format_local(t, loc, sizeof(loc));
	/* "2020-01-20 22:42:09 +01:00": its wall clock less t is the offset */
	if (strlen(loc) == 26 && loc[10] == ' ' && loc[19] == ' ' &&
	    loc[0] != '-' && n > 26) {
		wall = cnd_days_from_civil(dd(loc, 0) * 100 + dd(loc, 2),
					   (unsigned)dd(loc, 5),
					   (unsigned)dd(loc, 8)) *
			       86400 +
		       dd(loc, 11) * 3600 + dd(loc, 14) * 60 + dd(loc, 17);
		if ((wall - t) % 60 == 0) {
			memcpy(out, loc, 19);
			out[10] = 'T';
			if (!strcmp(loc + 20, "+00:00"))
				memcpy(out + 19, "Z", 2);
			else
				memcpy(out + 19, loc + 20, 7);
			return;
		}
	}
	cnd_time_format_utc(t, out, n);
}

static void jw_finding(struct cnd_buf *b, const struct cnd_finding *f,
		       const struct cnd_archive *a, int part)
{
	char t[48];

	FW_LIT(b, "{\"fingerprint\":");
	fw_val(b, f->fingerprint);
	fw_str(b, "rule", f->rule);
	fw_str(b, "severity", cnd_severity_name(f->severity));
	fw_str(b, "confidence", cnd_confidence_name(f->confidence));
	fw_str(b, "subject", a->subject);
	/* the archive by its index in "archives": its file is written there */
	FW_KEY(b, "archive");
	fw_uint(b, f->archive);
	fw_str(b, "platform", f->platform);
	if (f->time != CND_TIME_NONE) {
		jw_time_rfc3339(f->time, t, sizeof(t));
		fw_str(b, "time", t);
	}
	FW_KEY(b, "in_period");
	if (f->in_period)
		FW_LIT(b, "true");
	else
		FW_LIT(b, "false");
	fw_str(b, "record_kind", f->record_kind);
	fw_opt_str(b, "record_id", f->record_id);
	fw_str(b, "matched", f->matched);
	fw_opt_str(b, "client", f->client);
	fw_str(b, "evidence", f->evidence);
	FW_LIT(b, ",\"source\":{\"member\":");
	fw_val(b, f->prov.member);
	if (f->prov.item >= 0) {
		FW_KEY(b, "item");
		fw_uint(b, (unsigned long long)f->prov.item);
	}
	FW_LIT(b, "}");
	/*
	 * What the workbook lists the finding under, and its distance: only
	 * in a per-archive report, for merge to build the same workbook
	 */
	if (part && f->about != CND_ABOUT_OTHER) {
		fw_str(b, "about", about_name(f->about));
		if (f->distance_kind != CND_DIST_NONE) {
			FW_KEY(b, "distance_m");
			cnd_buf_printf(b, "%.0f", f->distance_m);
			fw_str(b, "distance_is",
			       distance_kind_name(f->distance_kind));
		}
	}
	/* the review cycle: only in a run with a baseline */
	if (f->baseline != CND_BASELINE_NONE) {
		json_t *review = jw_review(f->review);

		fw_str(b, "baseline", cnd_baseline_state_name(f->baseline));
		FW_KEY(b, "review");
		cnd_json_dump_buf(b, review, CND_JSON_FLAT);
		json_decref(review);
	}
	FW_LIT(b, "}");
}

/* One code of the catalogue (or the agency's own policy). */
static json_t *jw_standard(const struct cnd_standard *s)
{
	json_t *o = jw_must(json_object());

	jw_put(o, "id", jw_str(s->id));
	jw_put(o, "body", jw_str(s->body));
	jw_put(o, "title", jw_str(s->title));
	jw_put(o, "edition", jw_str(s->edition));
	jw_put(o, "jurisdiction", jw_str(s->jurisdiction));
	jw_put(o, "url", jw_str(s->url));
	jw_put(o, "basis", jw_str(s->basis));
	return o;
}

/* The codes this run cites: what the policy chose, and the agency's own. */
static json_t *jw_standards(const struct cnd_run *run)
{
	const struct cnd_standards_sel *sel =
		cnd_standards_of(run->opt.policy);
	json_t *o = jw_must(json_object()),
	       *arr = jw_must(json_array());
	const char *const *key;

	jw_put(o, "chosen_by",
	       json_string(sel->builtin ? "built-in" : "policy"));
	jw_put(o, "description",
	       jw_str(cnd_standards_describe(run->opt.policy)));
	jw_put(o, "selected", arr);
	for (key = sel->keys; key && *key; key++)
		jw_add(arr, jw_str(*key));
	arr = jw_must(json_array());
	jw_put(o, "codes", arr);
	if (sel->agency)
		jw_add(arr, jw_standard(sel->agency));
	for (key = sel->keys; key && *key; key++) {
		const struct cnd_clause *c = cnd_clause_find(*key);
		const struct cnd_standard *s =
			c ? c->standard : cnd_standard_find(*key);
		size_t k;

		for (k = 0; k < json_array_size(arr); k++)
			if (!strcmp(json_string_value(json_object_get(
					    json_array_get(arr, k), "id")),
				    s->id))
				break;
		if (k == json_array_size(arr))
			jw_add(arr, jw_standard(s));
	}
	return o;
}

/*
 * Every registered rule with the citations its findings carry in this
 * run: written once here, findings refer to their rule by id.
 */
static json_t *jw_rules(const struct cnd_run *run)
{
	json_t *arr = jw_must(json_array());

	for (size_t r = 0; cnd_rules[r]; r++) {
		const struct cnd_clause *const *c;
		json_t *o = jw_must(json_object()),
		       *cites = jw_must(json_array());
		size_t n = cnd_citations(run->opt.policy, cnd_rules[r]->id, &c);

		jw_put(o, "id", jw_str(cnd_rules[r]->id));
		jw_put(o, "title", jw_str(cnd_rules[r]->title));
		for (size_t i = 0; i < n; i++) {
			json_t *x = jw_must(json_object());

			jw_put(x, "clause", jw_str(c[i]->id));
			jw_put(x, "standard",
			       jw_str(c[i]->standard->id));
			jw_put(x, "edition",
			       jw_str(c[i]->standard->edition));
			jw_put(x, "ref", jw_str(c[i]->ref));
			jw_put(x, "summary", jw_str(c[i]->summary));
			jw_put(x, "url",
			       jw_str(c[i]->standard->url));
			jw_put(x, "checked", jw_str(c[i]->checked));
			jw_put(x, "text", jw_str(c[i]->text));
			jw_add(cites, x);
		}
		jw_put(o, "citations", cites);
		jw_add(arr, o);
	}
	return arr;
}

/* The whole report, or NULL with err set when the run is inconsistent. */
static json_t *jw_build(const struct cnd_run *run,
			struct cnd_error *err)
{
	json_t *root, *period, *totals, *sev, *arr, *o;
	const struct cnd_finding *f;
	const struct cnd_timeline_row *t;
	uint64_t records = 0;
	char buf[32];

	root = jw_must(json_object());
	jw_put(root, "report", json_string("conduct"));
	jw_put(root, "schema_version",
	       json_integer(CND_REPORT_SCHEMA_VERSION));
	jw_put(root, "tool_version", json_string(cnd_version));
	cnd_time_format_utc(run->opt.generated_at, buf, sizeof(buf));
	jw_put(root, "generated_at", json_string(buf));

	period = jw_must(json_object());
	jw_put(period, "since", jw_date(run->opt.since));
	jw_put(period, "until", jw_date(run->opt.until));
	jw_put(root, "review_period", period);
	jw_put(root, "time_zone",
	       jw_str(run->opt.tz ? run->opt.tz : "UTC"));
	jw_put(root, "clients_file",
	       jw_str(jw_base(run->opt.clients_file)));
	jw_put(root, "status",
	       jw_str(cnd_archive_status_name(run->status)));
	jw_put(root, "baseline", jw_baseline(run));
	jw_put(root, "research", jw_research(run));
	jw_put(root, "input_digests",
	       json_string(run->opt.no_digest ? "none" : "sha256"));
	jw_put(root, "standards", jw_standards(run));

	for (size_t i = 0; i < run->archives.len; i++)
		records += cnd_run_archive(run, i)->records;
	totals = jw_must(json_object());
	jw_put(totals, "archives", jw_uint(run->archives.len));
	jw_put(totals, "records", jw_uint(records));
	jw_put(totals, "findings", jw_uint(run->findings.len));
	sev = jw_must(json_object());
	for (int s = CND_SEV__N - 1; s >= 0; s--)
		jw_put(sev, cnd_severity_name((enum cnd_severity)s),
		       jw_uint(run->severity_counts[s]));
	jw_put(totals, "by_severity", sev);
	jw_put(root, "totals", totals);

	arr = jw_must(json_array());
	jw_put(root, "archives", arr);
	for (size_t i = 0; i < run->archives.len; i++)
		jw_add(arr, jw_archive(cnd_run_archive(run, i),
				       run->part_report));

	jw_put(root, "rules", jw_rules(run));
	/* a placeholder: the writer streams the findings one at a time */
	jw_put(root, "findings", jw_must(json_array()));
	for (size_t i = 0; i < run->findings.len; i++) {
		f = cnd_run_finding(run, i);
		if (f->archive >= run->archives.len) {
			cnd_error_set(err, CND_FATAL,
				      "finding %zu refers to no archive", i);
			goto out_free;
		}
	}

	arr = jw_must(json_array());
	jw_put(root, "timeline", arr);
	for (size_t i = 0; i < run->timeline.len; i++) {
		t = cnd_vec_at(&run->timeline, i);
		o = jw_must(json_object());
		jw_put(o, "subject", jw_str(t->subject));
		jw_put(o, "month", jw_str(t->month));
		jw_put(o, "rule", jw_str(t->rule));
		jw_put(o, "count", jw_uint(t->count));
		jw_add(arr, o);
	}

	arr = jw_must(json_array());
	jw_put(root, "rule_summary", arr);
	for (size_t i = 0; i < run->n_rule_summary; i++) {
		const struct cnd_rule_summary *rs = &run->rule_summary[i];

		o = jw_must(json_object());
		jw_put(o, "subject", jw_str(rs->subject));
		jw_put(o, "rule", jw_str(rs->rule));
		jw_put(o, "count", jw_uint(rs->count));
		jw_put(o, "first_seen", jw_time_utc(rs->first_seen));
		jw_put(o, "last_seen", jw_time_utc(rs->last_seen));
		jw_add(arr, o);
	}

	arr = jw_must(json_array());
	jw_put(root, "follow_changes", arr);
	for (size_t i = 0; i < run->n_follow_changes; i++) {
		const struct cnd_follow_change *c = &run->follow_changes[i];
		const struct cnd_archive *e, *l;

		o = jw_must(json_object());
		jw_put(o, "subject", jw_str(c->subject));
		jw_put(o, "platform", jw_str(c->platform));
		jw_put(o, "account", jw_str(c->account));
		jw_put(o, "change",
		       jw_str(cnd_follow_change_name(c)));
		jw_put(o, "direction",
		       jw_str(cnd_follow_dir_name(c->dir)));
		jw_put(o, "label", jw_str(c->label));
		jw_put(o, "who", jw_str(c->who));
		jw_put(o, "from", jw_time_utc(c->from));
		jw_put(o, "to", jw_time_utc(c->to));
		jw_put(o, "time", jw_time_utc(c->time));
		e = cnd_run_archive(run, c->earlier);
		l = cnd_run_archive(run, c->later);
		jw_put(o, "earlier", jw_str(e->file));
		jw_put(o, "later", jw_str(l->file));
		jw_add(arr, o);
	}
	return root;

out_free:
	json_decref(root);
	return NULL;
}

/*
 * Write v as dumping the whole document with JSON_INDENT(2) would, `depth`
 * levels deep (jsonout.h), with one fwrite: a finding is about a kilobyte.
 */
static int jw_dump_at(FILE *fp, const json_t *v, int depth)
{
	struct cnd_buf out = CND_BUF_INIT;
	int rc = cnd_json_dump_buf(&out, v, depth);

	if (!rc && out.len && fwrite(out.data, 1, out.len, fp) != out.len)
		rc = -1;
	cnd_buf_release(&out);
	return rc;
}

/*
 * The report, written key by key so that the findings, which can run to
 * hundreds of thousands, are built and written one at a time: memory stays
 * bounded by one finding, not by the report. The bytes are those of
 * dumping the whole document with JSON_INDENT(2), but for the findings:
 * one to a line (see jw_finding).
 */
static int jw_stream(FILE *fp, const struct cnd_run *run,
		     const json_t *root)
{
	struct cnd_buf out = CND_BUF_INIT; /* one finding */
	const char *key;
	json_t *v;
	int first = 1;

	if (fputc('{', fp) == EOF)
		return -1;
	json_object_foreach((json_t *)root, key, v)
	{
		json_t *k = json_string(key);
		int rc;

		if (!k)
			return -1;
		rc = fputs(first ? "\n  " : ",\n  ", fp) == EOF ||
		     jw_dump_at(fp, k, 1) || fputs(": ", fp) == EOF;
		json_decref(k);
		if (rc)
			return -1;
		first = 0;
		if (strcmp(key, "findings") || !run->findings.len) {
			if (jw_dump_at(fp, v, 1))
				return -1;
			continue;
		}
		if (fputc('[', fp) == EOF)
			return -1;
		for (size_t i = 0; i < run->findings.len; i++) {
			const struct cnd_finding *f = cnd_run_finding(run, i);

			out.len = 0;
			cnd_buf_adds(&out, i ? ",\n    " : "\n    ");
			jw_finding(&out, f, cnd_run_archive(run, f->archive),
				   run->part_report);
			if (fwrite(out.data, 1, out.len, fp) != out.len) {
				cnd_buf_release(&out);
				return -1;
			}
		}
		cnd_buf_release(&out);
		if (fputs("\n  ]", fp) == EOF)
			return -1;
	}
	return fputs(first ? "}" : "\n}", fp) == EOF ? -1 : 0;
}

static int jw_write(const struct cnd_run *run, const char *path,
		    struct cnd_error *err)
{
	json_t *root;
	FILE *fp;
	char *iobuf;
	int rc = CND_OK;

	root = jw_build(run, err);
	if (!root)
		return CND_FATAL;

	fp = cnd_report_open_temp(path);
	if (!fp) {
		rc = cnd_error_set(err, CND_FATAL, "%s", strerror(errno));
		goto out_root;
	}
	/* a report runs to megabytes: write it in big pieces, not in the
	   file system's 4 KiB blocks (stdio's default; glibc takes a size
	   only with a buffer) */
	iobuf = cnd_xmalloc(CND_JSON_IOBUF);
	setvbuf(fp, iobuf, _IOFBF, CND_JSON_IOBUF);
	errno = 0;
	if (jw_stream(fp, run, root) != 0 || fputc('\n', fp) == EOF ||
	    fflush(fp) != 0 || ferror(fp))
		rc = cnd_error_set(err, CND_FATAL, "%s",
				   errno ? strerror(errno) : "write error");
	if (fclose(fp) != 0 && rc == CND_OK)
		rc = cnd_error_set(err, CND_FATAL, "%s", strerror(errno));
	free(iobuf);

out_root:
	json_decref(root);
	return rc;
}

const struct cnd_writer cnd_writer_json = { "json", "json", jw_write };
