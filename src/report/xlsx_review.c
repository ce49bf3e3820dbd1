/*
 * The workbook's review sheets (xlsx.h): Summary (the run's facts, the
 * change against the previous review, one row per archive and per
 * subject), Findings (one row per finding, continued on "Findings (2)",
 * ... past Excel's row limit, with the reviewer's Decision, Reviewer,
 * Date, Note and Expires columns) and Baseline (the decisions of the
 * previous review whose findings were not raised again).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "conduct/review/baseline.h"
#include "conduct/rules/follows.h"
#include "conduct/config/policy.h"
#include "conduct/report/report.h"
#include "conduct/rules/rule.h"
#include "conduct/base/timeutil.h"

#include "xlsx.h"

enum {
	XL_SUM_SUBJECT = 0,
	XL_SUM_FILE,
	XL_SUM_PLATFORM,
	XL_SUM_STATUS,
	XL_SUM_COUNTS,
	XL_SUM_RECORDS = XL_SUM_COUNTS + CND_COUNT__N,
	XL_SUM_SEV, /* High, Medium, Low, Info */
	XL_SUM__N = XL_SUM_SEV + CND_SEV__N
};

static const struct xl_col xl_summary_cols[XL_SUM__N] = {
	{ "Subject", 18, 0, XL_COL_ANY },
	{ "File", 30, 0, XL_COL_ANY },
	{ "Platform", 14, 0, XL_COL_ANY },
	{ "Status", 10, 0, XL_COL_ANY },
	{ "Posts", 10, 0, XL_COL_ANY },
	{ "Deleted posts", 10, 0, XL_COL_ANY },
	{ "Following", 10, 0, XL_COL_ANY },
	{ "Followers", 10, 0, XL_COL_ANY },
	{ "Friends", 10, 0, XL_COL_ANY },
	{ "Messages", 10, 0, XL_COL_ANY },
	{ "Likes", 10, 0, XL_COL_ANY },
	{ "Searches", 10, 0, XL_COL_ANY },
	{ "Location points", 10, 0, XL_COL_ANY },
	{ "Place visits", 10, 0, XL_COL_ANY },
	{ "Labelled places", 10, 0, XL_COL_ANY },
	{ "Settings", 10, 0, XL_COL_ANY },
	{ "All records", 10, 0, XL_COL_ANY },
	{ "High", 8, 0, XL_COL_ANY },
	{ "Medium", 8, 0, XL_COL_ANY },
	{ "Low", 8, 0, XL_COL_ANY },
	{ "Info", 8, 0, XL_COL_ANY },
};

/*
 * One row per subject under the table of archives: a subject who handed
 * over several exports (platforms, or this year's and last year's) is
 * reviewed as one person. Counts and findings are summed over the
 * subject's archives; the status is the worst of them.
 */
static void xl_subjects(struct xl *x, lxw_worksheet *ws,
			lxw_row_t row, const struct cnd_run *run,
			uint64_t (*sev)[CND_SEV__N])
{
	static const char *const heads[] = { "Subject", "Archives",
					     "Platforms", "Status" };
	struct cnd_buf platforms = CND_BUF_INIT;

	xl_str(x, ws, row++, 0, "Per subject", x->label);
	for (int c = 0; c < XL_SUM__N; c++)
		xl_str(x, ws, row, (lxw_col_t)c,
		       c < 4 ? heads[c] : xl_summary_cols[c].title,
		       x->header);
	row++;
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);
		uint64_t counts[CND_COUNT__N] = { 0 }, records = 0, n = 0;
		uint64_t total[CND_SEV__N] = { 0 };
		int status = CND_OK, seen = 0;

		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(cnd_run_archive(run, j)->subject,
				       a->subject);
		if (seen)
			continue; /* the subject's row is written already */
		cnd_buf_reset(&platforms);
		for (size_t j = i; j < run->archives.len; j++) {
			const struct cnd_archive *b = cnd_run_archive(run, j);
			const char *p = xl_platform(b);

			if (strcmp(b->subject, a->subject))
				continue;
			n++;
			records += b->records;
			status = cnd_status_worst(status, b->status);
			for (int c = 0; c < CND_COUNT__N; c++)
				counts[c] += b->counts[c];
			for (int v = 0; v < CND_SEV__N; v++)
				total[v] += sev[j][v];
			if (!platforms.data || !strstr(platforms.data, p)) {
				if (platforms.len)
					cnd_buf_adds(&platforms, ", ");
				cnd_buf_adds(&platforms, p);
			}
		}
		xl_str(x, ws, row, XL_SUM_SUBJECT, a->subject, x->text);
		xl_num(x, ws, row, XL_SUM_FILE, n);
		xl_str(x, ws, row, XL_SUM_PLATFORM, platforms.data,
		       x->text);
		xl_str(x, ws, row, XL_SUM_STATUS,
		       cnd_archive_status_name(status), x->text);
		for (int c = 0; c < CND_COUNT__N; c++)
			xl_num(x, ws, row,
			       (lxw_col_t)(XL_SUM_COUNTS + c),
			       counts[c]);
		xl_num(x, ws, row, XL_SUM_RECORDS, records);
		for (int v = 0; v < CND_SEV__N; v++)
			xl_num(x, ws, row,
			       (lxw_col_t)(XL_SUM_SEV + CND_SEV__N - 1 -
					   v),
			       total[v]);
		row++;
	}
	cnd_buf_release(&platforms);
}

/*
 * One line per subject whose successive exports were compared: how many
 * follows appeared and disappeared (the Follow changes sheet lists them).
 * Nothing when no subject handed in successive exports. Returns the next
 * row.
 */
static lxw_row_t xl_follow_summary(struct xl *x,
				   lxw_worksheet *ws, lxw_row_t row,
				   const struct cnd_run *run)
{
	char buf[512];
	size_t i = 0, j;

	while (i < run->n_follow_pairs) {
		const char *subject = run->follow_pairs[i].subject;
		uint64_t app = 0, dis = 0, pairs = 0;

		for (j = i; j < run->n_follow_pairs &&
			    !strcmp(run->follow_pairs[j].subject, subject);
		     j++) {
			app += run->follow_pairs[j].appeared;
			dis += run->follow_pairs[j].disappeared;
			pairs++;
		}
		snprintf(buf, sizeof(buf),
			 "%s: %llu follow%s appeared and %llu disappeared "
			 "between %llu pair%s of successive exports (Follow "
			 "changes sheet)",
			 subject, (unsigned long long)app, app == 1 ? "" : "s",
			 (unsigned long long)dis, (unsigned long long)pairs,
			 pairs == 1 ? "" : "s");
		if (!i)
			xl_str(x, ws, row, 0, "Follow changes", x->label);
		xl_str(x, ws, row++, 1, buf, x->text);
		i = j;
	}
	return row;
}

void xl_summary(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	const struct cnd_archive *a;
	const struct cnd_finding *f;
	uint64_t (*sev)[CND_SEV__N];
	lxw_row_t row = 0, hdr;
	char buf[256];

	sev = cnd_xcalloc(run->archives.len ? run->archives.len : 1,
			  sizeof(*sev));
	for (size_t i = 0; i < run->findings.len; i++) {
		f = cnd_run_finding(run, i);
		if (f->archive < run->archives.len &&
		    (unsigned)f->severity < CND_SEV__N)
			sev[f->archive][f->severity]++;
	}

	if (run->opt.research) {
		xl_str(x, ws, row++, 0, xl_research_line(x, buf,
							 sizeof(buf)),
			     x->banner);
		xl_str(x, ws, row++, 0, "conduct research workbook",
		       x->title);
		xl_str(x, ws, row++, 0,
		       "Every person, account and client is a keyed "
		       "pseudonym; evidence text is redacted or dropped, "
		       "places are coarsened to a grid and times to a "
		       "unit. See the Run sheet for the settings and the "
		       "Aggregates sheet for figures across subjects.",
		       x->note);
	} else {
		xl_str(x, ws, row++, 0, "conduct review workbook",
		       x->title);
		xl_str(x, ws, row++, 0,
		       "Confidential: contains personal data from a "
		       "social-media export. Keep it only as long as the "
		       "review needs it.",
		       x->note);
	}
	row++;

	xl_str(x, ws, row, 0, "Generated", x->label);
	xl_str(x, ws, row++, 1,
	       xl_time_utc(run->opt.generated_at, buf,
			   sizeof(buf)),
	       x->text);
	xl_period(run, buf, sizeof(buf));
	xl_str(x, ws, row, 0, "Review period", x->label);
	xl_str(x, ws, row++, 1, buf, x->text);
	xl_str(x, ws, row, 0, "Time zone", x->label);
	xl_str(x, ws, row++, 1, run->opt.tz ? run->opt.tz : "UTC",
	       x->text);
	xl_str(x, ws, row, 0, "Clients file", x->label);
	xl_str(x, ws, row++, 1,
	       run->opt.clients_file ? run->opt.clients_file :
				       "none given",
	       x->text);
	xl_str(x, ws, row, 0, "Overall status", x->label);
	xl_str(x, ws, row++, 1, cnd_archive_status_name(run->status),
	       x->text);
	snprintf(buf, sizeof(buf),
		 "%zu (%llu high, %llu medium, %llu low, %llu info)",
		 run->findings.len,
		 (unsigned long long)run->severity_counts[CND_SEV_HIGH],
		 (unsigned long long)run->severity_counts[CND_SEV_MEDIUM],
		 (unsigned long long)run->severity_counts[CND_SEV_LOW],
		 (unsigned long long)run->severity_counts[CND_SEV_INFO]);
	xl_str(x, ws, row, 0, "Findings", x->label);
	xl_str(x, ws, row++, 1, buf, x->text);
	if (run->baseline_file) {
		uint64_t st[CND_BASELINE_DISMISSED + 1] = { 0 };

		for (size_t i = 0; i < run->findings.len; i++) {
			f = cnd_run_finding(run, i);
			if (f->baseline >= 0 &&
			    f->baseline <= CND_BASELINE_DISMISSED)
				st[f->baseline]++;
		}
		xl_str(x, ws, row, 0, "Previous review", x->label);
		xl_str(x, ws, row++, 1, run->baseline_file, x->text);
		snprintf(buf, sizeof(buf),
			 "%llu new, %llu unchanged (decision carried over), "
			 "%llu raised again (documented reason expired), %llu "
			 "dismissed shown; %zu decisions not raised again "
			 "(Baseline sheet)",
			 (unsigned long long)st[CND_BASELINE_NEW],
			 (unsigned long long)st[CND_BASELINE_UNCHANGED],
			 (unsigned long long)st[CND_BASELINE_EXPIRED],
			 (unsigned long long)st[CND_BASELINE_DISMISSED],
			 run->absent.len);
		xl_str(x, ws, row, 0, "Against it", x->label);
		xl_str(x, ws, row++, 1, buf, x->text);
	}
	row = xl_follow_summary(x, ws, row, run);
	snprintf(buf, sizeof(buf), "conduct %s", cnd_version);
	xl_str(x, ws, row, 0, "Tool", x->label);
	xl_str(x, ws, row++, 1, buf, x->text);
	row++;

	hdr = row++;
	xl_table(x, ws, hdr, xl_summary_cols, XL_SUM__N,
		 run->archives.len);
	for (size_t i = 0; i < run->archives.len; i++, row++) {
		a = cnd_run_archive(run, i);
		xl_str(x, ws, row, XL_SUM_SUBJECT, a->subject, x->text);
		xl_str(x, ws, row, XL_SUM_FILE, a->file, x->text);
		xl_str(x, ws, row, XL_SUM_PLATFORM,
		       xl_platform(a), x->text);
		xl_str(x, ws, row, XL_SUM_STATUS,
		       cnd_archive_status_name(a->status), x->text);
		for (int c = 0; c < CND_COUNT__N; c++)
			xl_num(x, ws, row,
			       (lxw_col_t)(XL_SUM_COUNTS + c),
			       a->counts[c]);
		xl_num(x, ws, row, XL_SUM_RECORDS, a->records);
		for (int s = 0; s < CND_SEV__N; s++)
			xl_num(x, ws, row,
			       (lxw_col_t)(XL_SUM_SEV + CND_SEV__N - 1 -
					   s),
			       sev[i][s]);
	}
	xl_subjects(x, ws, row + 1, run, sev);
	free(sev);
}

enum {
	XL_FIND_SEVERITY = 0,
	XL_FIND_RULE,
	XL_FIND_TITLE,
	XL_FIND_CONFIDENCE,
	XL_FIND_SUBJECT,
	XL_FIND_PLATFORM,
	XL_FIND_TIME_UTC,
	XL_FIND_TIME_LOCAL,
	XL_FIND_IN_PERIOD,
	XL_FIND_MATCHED,
	XL_FIND_CLIENT,
	XL_FIND_EVIDENCE,
	XL_FIND_SOURCE,
	XL_FIND_CITATIONS,
	XL_FIND_FINGERPRINT,
	XL_FIND_BASELINE,
	XL_FIND_DECISION,
	XL_FIND_REVIEWER,
	XL_FIND_DATE,
	XL_FIND_NOTE,
	XL_FIND_EXPIRES,
	XL_FIND__N
};

static const struct xl_col xl_finding_cols[XL_FIND__N] = {
	{ "Severity", 10, 0, XL_COL_ANY },
	{ "Rule", 18, 0, XL_COL_ANY },
	{ "Title", 30, 0, XL_COL_ANY },
	{ "Confidence", 12, 0, XL_COL_ANY },
	{ "Subject", 14, 0, XL_COL_ANY },
	{ "Platform", 12, 0, XL_COL_ANY },
	{ "Time (UTC)", 20, 0, XL_COL_ANY },
	{ "Time (local)", 26, 0, XL_COL_ANY },
	{ "In period", 10, 0, XL_COL_ANY },
	{ "Matched", 20, 0, XL_COL_WRAP },
	{ "Client", 14, 0, XL_COL_TEXT },
	{ "Evidence", 60, 0, XL_COL_ANY },
	{ "Source", 36, 0, XL_COL_ANY },
	{ "Citations", 40, 0, XL_COL_ANY },
	{ "Fingerprint", 18, 0, XL_COL_ANY },
	{ "Baseline", 12, 0, XL_COL_TEXT },
	{ "Decision", 18, 1, XL_COL_WRAP },
	{ "Reviewer", 16, 1, XL_COL_WRAP },
	{ "Date", 12, 1, XL_COL_DATE },
	{ "Note", 40, 1, XL_COL_WRAP },
	{ "Expires", 12, 1, XL_COL_DATE },
};

/* "Unchanged" for a finding's baseline state; "" without a baseline. */
static const char *xl_baseline_state(int state, char *buf, size_t n)
{
	const char *name = cnd_baseline_state_name(state);

	return name ? xl_cap(name, buf, n) : "";
}

/*
 * The decision as the Decision list names it when it is one of the list
 * (whatever case the reviewer typed), else as written.
 */
static const char *xl_decision_text(const struct cnd_decision *d)
{
	if (!d || !d->decision)
		return NULL;
	if (cnd_decision_parse(d->decision) >= 0)
		return cnd_decision_name(d->kind);
	return d->decision;
}

static void xl_finding(struct xl *x, lxw_worksheet *ws,
		       lxw_row_t row, const struct cnd_finding *f,
		       const struct cnd_archive *a)
{
	const struct cnd_rule *rule = cnd_rule_find(f->rule);
	const struct cnd_decision *d = f->review;
	struct cnd_buf b = CND_BUF_INIT;
	char buf[64];

	xl_str_shared(x, ws, row, XL_FIND_SEVERITY,
	       xl_cap(cnd_severity_name(f->severity), buf,
		      sizeof(buf)),
	       x->sev_col);
	xl_str_shared(x, ws, row, XL_FIND_RULE, f->rule, x->text);
	xl_str_shared(x, ws, row, XL_FIND_TITLE, rule ? rule->title : f->rule,
	       x->wrap);
	xl_str_shared(x, ws, row, XL_FIND_CONFIDENCE,
	       xl_cap(cnd_confidence_name(f->confidence), buf,
		      sizeof(buf)),
	       x->text);
	xl_str_shared(x, ws, row, XL_FIND_SUBJECT, a->subject, x->text);
	xl_str_shared(x, ws, row, XL_FIND_PLATFORM, f->platform, x->text);
	xl_str(x, ws, row, XL_FIND_TIME_UTC,
	       xl_time_utc(f->time, buf, sizeof(buf)), x->text);
	xl_time_local(f->time, buf, sizeof(buf));
	if (f->zone_assumed && f->time != CND_TIME_NONE) {
		size_t n = strlen(buf);

		snprintf(buf + n, sizeof(buf) - n, " (time zone assumed)");
	}
	xl_str(x, ws, row, XL_FIND_TIME_LOCAL,
	       f->time == CND_TIME_NONE ? "not known" : buf, x->text);
	xl_str_shared(x, ws, row, XL_FIND_IN_PERIOD,
	       f->in_period ? "Yes" : "No", x->text);
	xl_str(x, ws, row, XL_FIND_MATCHED, f->matched, x->wrap);
	xl_str_shared(x, ws, row, XL_FIND_CLIENT, f->client, x->text);
	xl_str(x, ws, row, XL_FIND_EVIDENCE, f->evidence, x->wrap);

	cnd_buf_adds(&b, a->file ? a->file : "");
	cnd_buf_adds(&b, ": ");
	cnd_buf_adds(&b, f->prov.member ? f->prov.member : "(whole archive)");
	if (f->prov.item >= 0) {
		cnd_buf_adds(&b, " #");
		cnd_buf_add(&b, buf, xl_utoa((uint64_t)f->prov.item, buf));
	}
	xl_str(x, ws, row, XL_FIND_SOURCE, b.data, x->wrap);
	xl_str_shared(x, ws, row, XL_FIND_CITATIONS,
		      cnd_cites_get(&x->cites, f->rule), x->wrap);
	xl_str(x, ws, row, XL_FIND_FINGERPRINT, f->fingerprint,
	       x->text);
	xl_str_shared(x, ws, row, XL_FIND_BASELINE,
	       xl_baseline_state(f->baseline, buf, sizeof(buf)),
	       x->text);
	/* the carried decision, for the reviewer to confirm or change */
	xl_str(x, ws, row, XL_FIND_DECISION, xl_decision_text(d),
	       x->wrap);
	xl_str(x, ws, row, XL_FIND_REVIEWER, d ? d->reviewer : NULL,
	       x->wrap);
	xl_str(x, ws, row, XL_FIND_DATE, d ? d->date : NULL, x->date);
	xl_str(x, ws, row, XL_FIND_NOTE, d ? d->note : NULL, x->wrap);
	xl_str(x, ws, row, XL_FIND_EXPIRES,
	       d ? xl_day(d->expires, buf, sizeof(buf)) : NULL,
	       x->date);
	cnd_buf_release(&b);
}

/*
 * What makes a Findings sheet a worksheet for review: the Decision column
 * offers the list of decisions (data validation; a typed value outside it
 * is refused with a message), and the Severity column is coloured by
 * conditional formats, which stay right when the reviewer sorts or
 * filters, over data rows 1..nrows.
 */
static void xl_review_aids(struct xl *x, lxw_worksheet *ws,
			   size_t nrows)
{
	const char *list[CND_DECISION__N + 1];
	lxw_data_validation dv;
	lxw_conditional_format cf;
	lxw_row_t last = (lxw_row_t)nrows;
	char buf[16], quoted[24];

	if (!nrows)
		return;
	/* libxlsxwriter copies the list and the values it is given */
	for (int k = 0; k < CND_DECISION__N; k++)
		list[k] = cnd_decision_name((enum cnd_decision_kind)k);
	list[CND_DECISION__N] = NULL;
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)list;
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.show_input = LXW_VALIDATION_ON;
	dv.show_error = LXW_VALIDATION_ON;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.input_title = "Decision";
	dv.input_message = "Choose from the list. Dismissed and false "
			   "positive are not raised again next year; give a "
			   "documented reason an Expires date.";
	dv.error_title = "Not a decision";
	dv.error_message = "Choose one of: open, confirmed, dismissed, false "
			   "positive, documented reason, escalated.";
	xl_check(x, worksheet_data_validation_range(
						    ws, 1, XL_FIND_DECISION, last,
						    XL_FIND_DECISION, &dv));

	for (int s = 0; s < CND_SEV__N; s++) {
		snprintf(quoted, sizeof(quoted), "\"%s\"",
			 xl_cap(cnd_severity_name((enum cnd_severity)s),
				buf, sizeof(buf)));
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
		cf.value_string = quoted;
		cf.format = x->sev[s];
		xl_check(x, worksheet_conditional_format_range(
							       ws, 1, XL_FIND_SEVERITY, last,
							       XL_FIND_SEVERITY, &cf));
	}
}

/*
 * The Findings sheet, continued on "Findings (2)", "Findings (3)", ...
 * when the findings do not fit in one sheet (ws is the first).
 */
void xl_findings(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	size_t total = run->findings.len, done = 0;
	unsigned sheet = 1;
	char name[32], msg[64];

	do {
		size_t n = total - done;

		if (n > CND_XLSX_SHEET_ROWS)
			n = CND_XLSX_SHEET_ROWS;
		if (sheet > 1) {
			/* the first one is the table's (xlsx.c) */
			snprintf(name, sizeof(name), "Findings (%u)", sheet);
			ws = xl_sheet(x, name);
			if (!ws)
				return;
		}
		xl_table(x, ws, 0, xl_finding_cols, XL_FIND__N, n);
		xl_review_aids(x, ws, n);
		for (size_t i = 0; i < n; i++) {
			const struct cnd_finding *f =
				cnd_run_finding(run, done + i);

			if (f->archive >= run->archives.len) {
				snprintf(msg, sizeof(msg),
					 "finding %zu refers to no archive",
					 done + i);
				xl_fail(x, msg);
				return;
			}
			xl_finding(x, ws, (lxw_row_t)(i + 1), f,
				   cnd_run_archive(run, f->archive));
		}
		done += n;
		sheet++;
	} while (done < total);
}

static const struct xl_col xl_absent_cols[] = {
	{ "Fingerprint", 18, 0, XL_COL_ANY },
	{ "Why not listed", 24, 0, XL_COL_ANY },
	{ "Rule", 18, 0, XL_COL_ANY },
	{ "Subject", 16, 0, XL_COL_ANY },
	{ "Decision", 18, 0, XL_COL_ANY },
	{ "Reviewer", 16, 0, XL_COL_ANY },
	{ "Date", 12, 0, XL_COL_ANY },
	{ "Note", 40, 0, XL_COL_ANY },
	{ "Expires", 12, 0, XL_COL_ANY },
	{ "Evidence", 60, 0, XL_COL_ANY },
};

#define XL_ABSENT_NCOLS \
	(sizeof(xl_absent_cols) / sizeof(xl_absent_cols[0]))

/*
 * The Baseline sheet (with --baseline): every decision of the previous
 * review whose finding was not raised again (dismissed, or the record is
 * gone from the export, or the rule no longer fires), so no decision is
 * silently lost; baseline.c reads this sheet back with the Findings.
 */
void xl_baseline(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	lxw_row_t row;
	char buf[32];

	if (run->absent.len >= LXW_ROW_MAX - 4) {
		xl_fail(x, "more baseline rows than an Excel sheet can "
			"hold");
		return;
	}
	xl_str(x, ws, 0, 0,
	       run->absent.len ? "Decisions not raised again" :
				 "Every finding of the previous review "
				 "was raised again",
	       x->title);
	/* no note below the table: baseline.c reads every row under it */
	xl_str(x, ws, 1, 0,
	       "Findings of the previous review that this run did not "
	       "raise again, with the decision recorded for them: "
	       "dismissed or false positive (rerun with --show-dismissed "
	       "to list them among the findings), or no longer found (the "
	       "record is not in this export, or the rule no longer "
	       "fires). Nothing here needs a new decision; next year's "
	       "--baseline reads this sheet too, so no decision is lost.",
	       x->note);
	xl_table(x, ws, 3, xl_absent_cols, XL_ABSENT_NCOLS,
		 run->absent.len);
	row = 4;
	for (size_t i = 0; i < run->absent.len; i++, row++) {
		const struct cnd_decision *d =
			*(const struct cnd_decision *const *)cnd_vec_at(
				&run->absent, i);

		int dismissed = d->kind == CND_DECISION_DISMISSED ||
				d->kind == CND_DECISION_FALSE_POSITIVE;

		xl_str(x, ws, row, 0, d->fingerprint, x->text);
		xl_str(x, ws, row, 1,
		       dismissed ? "dismissed: not raised again" :
				   "no longer found",
		       x->wrap);
		xl_str(x, ws, row, 2, d->rule, x->text);
		xl_str(x, ws, row, 3, d->subject, x->text);
		xl_str(x, ws, row, 4, xl_decision_text(d), x->text);
		xl_str(x, ws, row, 5, d->reviewer, x->text);
		xl_str(x, ws, row, 6, d->date, x->text);
		xl_str(x, ws, row, 7, d->note, x->wrap);
		xl_str(x, ws, row, 8,
		       xl_day(d->expires, buf, sizeof(buf)),
		       x->text);
		xl_str(x, ws, row, 9, d->evidence, x->wrap);
	}
}
