/*
 * The workbook's sheets of what was read and how (xlsx.h): Coverage (every
 * member parsed, ignored or not recognised, the gaps, the declared totals
 * and the diagnostics), Rules (the catalogue with its citations and this
 * run's policy) and Run (tool version, policy and its SHA-256, inputs and
 * their SHA-256, period, time zone, baseline and research settings).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "conduct/config/policy.h"
#include "conduct/config/standards.h"
#include "conduct/report/report.h"
#include "conduct/rules/rule.h"
#include "conduct/base/timeutil.h"

#include "xlsx.h"

static const struct xl_col xl_coverage_cols[] = {
	{ "Archive", 28, 0, XL_COL_ANY },
	{ "Member", 50, 0, XL_COL_ANY },
	{ "Status", 13, 0, XL_COL_ANY },
	{ "Detail", 60, 0, XL_COL_ANY },
	{ "Records", 10, 0, XL_COL_ANY },
};

#define XL_COVERAGE_NCOLS \
	(sizeof(xl_coverage_cols) / sizeof(xl_coverage_cols[0]))

static void xl_coverage_row(struct xl *x, lxw_worksheet *ws,
			    lxw_row_t row, const struct cnd_archive *a,
			    const char *member, const char *status,
			    const char *detail)
{
	xl_str(x, ws, row, 0, a->file, x->text);
	xl_str(x, ws, row, 1, member ? member : "(whole archive)",
	       x->wrap);
	xl_str(x, ws, row, 2, status, x->text);
	xl_str(x, ws, row, 3, detail, x->wrap);
}

static void xl_diag_detail(struct cnd_buf *b, const struct cnd_diag *d)
{
	const char *sep = " (";

	cnd_buf_reset(b);
	cnd_buf_adds(b, d->message ? d->message : "");
	if (d->item >= 0) {
		cnd_buf_printf(b, "%sitem %lld", sep, d->item);
		sep = ", ";
	}
	if (d->line) {
		cnd_buf_printf(b, "%sline %lu", sep, d->line);
		sep = ", ";
	}
	if (d->column) {
		cnd_buf_printf(b, "%scolumn %lu", sep, d->column);
		sep = ", ";
	}
	if (sep[0] == ',')
		cnd_buf_addc(b, ')');
	if (d->count > 1) {
		cnd_buf_printf(b, "; %llu times in all",
			       (unsigned long long)d->count);
		for (unsigned k = 0; k < d->n_items; k++)
			cnd_buf_printf(b, "%s%lld", k ? ", " : ", items ",
				       d->items[k]);
		if (d->n_items && d->count > d->n_items)
			cnd_buf_adds(b, ", ...");
	}
}

void xl_coverage(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	static const char unknown[] = "no handler knows this file; not read";
	const struct cnd_member_note *m;
	const struct cnd_archive *a;
	struct cnd_buf b = CND_BUF_INIT;
	size_t nrows = 0;
	lxw_row_t row = 1;

	for (size_t i = 0; i < run->archives.len; i++) {
		a = cnd_run_archive(run, i);
		nrows += a->parsed.len + a->ignored.len + a->unrecognised.len +
			 a->gaps.len + a->diags.len + a->declared.len;
	}
	if (nrows >= LXW_ROW_MAX) {
		xl_fail(x, "more coverage rows than an Excel sheet can "
			"hold");
		return;
	}
	xl_table(x, ws, 0, xl_coverage_cols,
		 XL_COVERAGE_NCOLS, nrows);

	for (size_t i = 0; i < run->archives.len; i++) {
		a = cnd_run_archive(run, i);
		for (size_t j = 0; j < a->parsed.len; j++, row++) {
			m = cnd_vec_at(&a->parsed, j);
			xl_coverage_row(x, ws, row, a, m->path, "parsed",
					m->what);
			xl_num(x, ws, row, 4, m->records);
		}
		for (size_t j = 0; j < a->ignored.len; j++, row++) {
			m = cnd_vec_at(&a->ignored, j);
			xl_coverage_row(x, ws, row, a, m->path, "ignored",
					m->what);
		}
		for (size_t j = 0; j < a->unrecognised.len; j++, row++) {
			m = cnd_vec_at(&a->unrecognised, j);
			xl_coverage_row(x, ws, row, a, m->path,
					"unrecognised",
					m->what ? m->what : unknown);
		}
		for (size_t j = 0; j < a->gaps.len; j++, row++)
			xl_coverage_row(
					x, ws, row, a, NULL, "gap",
					*(const char *const *)cnd_vec_at(&a->gaps, j));
		for (size_t j = 0; j < a->declared.len; j++, row++) {
			const struct cnd_declared *d =
				cnd_vec_at(&a->declared, j);

			cnd_buf_reset(&b);
			cnd_buf_printf(&b,
				       "the export declares %llu %s (\"%s\"); %llu read%s",
				       (unsigned long long)d->declared, d->of,
				       d->key, (unsigned long long)d->read,
				       d->status == CND_OK ? ": they match" :
							     "");
			xl_coverage_row(
					x, ws, row, a, d->member[0] ? d->member : NULL,
					"declared total", b.data);
			xl_num(x, ws, row, 4, d->read);
		}
		for (size_t j = 0; j < a->diags.len; j++, row++) {
			const struct cnd_diag *d = cnd_vec_at(&a->diags, j);

			xl_diag_detail(&b, d);
			xl_coverage_row(x, ws, row, a, d->member,
					cnd_diag_severity_name(d->status),
					b.data);
		}
	}
	cnd_buf_release(&b);
}

static const struct xl_col xl_rule_cols[] = {
	{ "Rule", 20, 0, XL_COL_ANY },
	{ "Title", 30, 0, XL_COL_ANY },
	{ "What it flags", 60, 0, XL_COL_ANY },
	{ "Default severity", 10, 0, XL_COL_ANY },
	{ "In this run", 10, 0, XL_COL_ANY },
	{ "Severity in this run", 12, 0, XL_COL_ANY },
	{ "Findings", 10, 0, XL_COL_ANY },
	{ "Citations", 60, 0, XL_COL_ANY },
};

#define XL_RULE_NCOLS \
	(sizeof(xl_rule_cols) / sizeof(xl_rule_cols[0]))

/*
 * The Rules sheet: the catalogue (`conduct rules`) with every citation,
 * and whether this run's policy had each rule on and at what severity.
 */
void xl_rules(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	const struct cnd_policy *pol = run->opt.policy;
	struct cnd_buf b = CND_BUF_INIT;
	lxw_row_t row = 1;
	size_t n = 0;
	char buf[32];

	while (cnd_rules[n])
		n++;
	xl_table(x, ws, 0, xl_rule_cols, XL_RULE_NCOLS, n);
	for (size_t i = 0; i < n; i++, row++) {
		const struct cnd_rule *r = cnd_rules[i];
		const struct cnd_rule_settings *rs =
			pol ? cnd_policy_rule(pol, r->id) : NULL;
		int sev = rs && rs->severity >= 0 ? rs->severity :
						    (int)r->severity;
		uint64_t count = 0;

		for (size_t j = 0; j < run->findings.len; j++)
			count += !strcmp(cnd_run_finding(run, j)->rule, r->id);
		xl_str(x, ws, row, 0, r->id, x->text);
		xl_str(x, ws, row, 1, r->title, x->wrap);
		xl_str(x, ws, row, 2, r->flags, x->wrap);
		xl_str(x, ws, row, 3,
		       xl_cap(cnd_severity_name(r->severity), buf,
			      sizeof(buf)),
		       x->text);
		xl_str(x, ws, row, 4, !rs || rs->enabled ? "On" : "Off",
		       x->text);
		xl_str(x, ws, row, 5,
		       rs && rs->severity >= 0 ?
			       xl_cap(cnd_severity_name(
							(enum cnd_severity)sev),
					    buf, sizeof(buf)) :
			       "the rule's own",
		       x->text);
		xl_num(x, ws, row, 6, count);
		cnd_buf_reset(&b);
		cnd_citations_join(&b, pol, r->id, "\n");
		xl_str(x, ws, row, 7,
		       b.len ? b.data :
			       "(no clause of the selected codes)",
		       x->wrap);
	}
	cnd_buf_release(&b);
}

/* A label and its value on the Run sheet. */
static void xl_fact(struct xl *x, lxw_worksheet *ws,
		    lxw_row_t *row, const char *label, const char *value)
{
	xl_str(x, ws, *row, 0, label, x->label);
	xl_str(x, ws, *row, 1, value, x->wrap);
	(*row)++;
}

static const char *const xl_input_titles[] = {
	"Subject", "Archive", "Part", "SHA-256", "Platform", "Status",
	"Consent reference", "Consent date",
};

/*
 * The Run sheet: what produced this workbook, so a reviewer (or an
 * auditor) can tell later exactly what was run over what: tool version,
 * policy and its SHA-256, review period, time zone, register, baseline,
 * research settings, and every input file with its SHA-256 and the
 * consent recorded for it (batch manifests).
 */
void xl_runinfo(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	const struct cnd_policy *pol = run->opt.policy;
	const struct cnd_research_info *r = run->opt.research;
	lxw_row_t row = 0;
	char buf[320], day[32];

	xl_check(x, xl_width(x, ws, 0, 0, 22, NULL));
	xl_check(x, xl_width(x, ws, 1, 1, 36, NULL));
	xl_check(x, xl_width(x, ws, 2, 2, 30, NULL));
	xl_check(x, xl_width(x, ws, 3, 3, 66, NULL));
	xl_check(x, xl_width(x, ws, 4, 7, 14, NULL));
	xl_str(x, ws, row++, 0, "How this workbook was made", x->title);
	row++;
	snprintf(buf, sizeof(buf), "conduct %s (libxlsxwriter %s)",
		 cnd_version, LXW_VERSION);
	xl_fact(x, ws, &row, "Tool", buf);
	xl_fact(x, ws, &row, "Generated (UTC)",
		xl_time_utc(run->opt.generated_at, buf,
			    sizeof(buf)));
	xl_fact(x, ws, &row, "Reproducible",
		run->opt.deterministic ?
			"yes (--deterministic: fixed timestamp)" :
			"no");
	xl_fact(x, ws, &row, "Policy",
		pol && pol->source ? pol->source :
				     "built-in (no policy file)");
	xl_fact(x, ws, &row, "Policy SHA-256",
		pol && pol->sha256[0] ? pol->sha256 : "not known");
	xl_fact(x, ws, &row, "Standards cited",
		cnd_standards_describe(pol));
	xl_fact(x, ws, &row, "Input files' SHA-256",
		run->opt.no_digest ?
			"not computed (--no-digest)" :
			"computed: see Inputs below");
	xl_period(run, buf, sizeof(buf));
	xl_fact(x, ws, &row, "Review period", buf);
	xl_fact(x, ws, &row, "Time zone",
		run->opt.tz ? run->opt.tz : "UTC");
	snprintf(buf, sizeof(buf),
		 "%s: time zone assumed (HTML and TXT pages state none; --export-tz)",
		 run->opt.export_tz ? run->opt.export_tz :
		 run->opt.tz	    ? run->opt.tz :
				      "UTC");
	xl_fact(x, ws, &row, "Time zone of HTML and TXT exports", buf);
	snprintf(buf, sizeof(buf), "%u days after a client's active_to date",
		 run->opt.grace_days);
	xl_fact(x, ws, &row, "Grace period", buf);
	xl_fact(x, ws, &row, "Client register",
		run->opt.clients_file ? run->opt.clients_file :
					"none given");
	xl_fact(x, ws, &row, "Previous review (baseline)",
		run->baseline_file ? run->baseline_file : "none given");
	if (r) {
		xl_fact(x, ws, &row, "Research mode",
			"yes: anonymised output (--anonymise)");
		xl_fact(x, ws, &row, "Pseudonyms",
			"HMAC-SHA256 under the researcher's key");
		xl_fact(x, ws, &row, "Key id (not the key)",
			r->key_id ? r->key_id : "not known");
		snprintf(buf, sizeof(buf), "%.0f m", r->grid_m);
		xl_fact(x, ws, &row, "Coordinate grid", buf);
		xl_fact(x, ws, &row, "Times coarsened to the",
			r->time_unit ? r->time_unit : "day");
		xl_fact(x, ws, &row, "Evidence text",
			r->text_dropped ? "dropped (--no-text)" :
					  "redacted");
	} else {
		xl_fact(x, ws, &row, "Research mode", "no");
	}
	row++;
	xl_str(x, ws, row++, 0, "Inputs", x->title);
	xl_headers(x, ws, row++, xl_input_titles, 8);
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);
		size_t np = a->parts.len ? a->parts.len : 1;

		for (size_t j = 0; j < np; j++, row++) {
			const struct cnd_part *p =
				a->parts.len ? cnd_vec_at(&a->parts, j) : NULL;

			xl_str(x, ws, row, 0, a->subject, x->text);
			xl_str(x, ws, row, 1, a->file, x->wrap);
			xl_str(x, ws, row, 2, p ? p->file : a->file,
			       x->wrap);
			xl_str(x, ws, row, 3,
			       run->opt.no_digest ? "not computed" :
			       p		       ? p->sha256 :
						   a->sha256,
			       x->text);
			xl_str(x, ws, row, 4, xl_platform(a),
			       x->text);
			xl_str(x, ws, row, 5,
			       cnd_archive_status_name(a->status),
			       x->text);
			xl_str(x, ws, row, 6,
			       a->consent_ref ? a->consent_ref :
						"not recorded",
			       x->text);
			xl_str(x, ws, row, 7,
			       xl_day(a->consent_date, day,
				      sizeof(day)),
			       x->text);
		}
	}
	xl_page(x, ws);
}
