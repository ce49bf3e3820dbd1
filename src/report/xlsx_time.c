/*
 * The workbook's sheets over time and across subjects (xlsx.h): Timeline
 * (findings per month by severity with a line chart, first and last seen
 * per subject and rule, the JSON report's timeline rows) and, in research
 * mode, Aggregates (the figures aggregates.c computes for the JSON report
 * too: findings per rule per 1,000 posts, their spread across subjects,
 * and trends by month).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "conduct/rules/rule.h"
#include "conduct/base/timeutil.h"

#include "figures.h"
#include "xlsx.h"

/* Months are counted from year 0: "2023-05" (UTC) is 2023 * 12 + 4. */
static long xl_month_index(int64_t t)
{
	int64_t days = t / 86400 - (t % 86400 < 0), y;
	unsigned m, d;

	cnd_civil_from_days(days, &y, &m, &d);
	return (long)(y * 12 + m - 1);
}

/* At most this many months in the per-month table (a century). */
#define XL_MONTHS_MAX 1200

static const char *const xl_month_titles[] = {
	"Month", "High", "Medium", "Low", "Info", "All",
};

static const char *const xl_seen_titles[] = {
	"Subject", "Rule", "Title", "Findings", "First seen (UTC)",
	"Last seen (UTC)",
};

static const char *const xl_tl_titles[] = {
	"Subject", "Month", "Rule", "Findings",
};

/*
 * The line chart of findings per month by severity, over the month table
 * at rows first..last (columns 1-4 hold High..Info).
 */
static void xl_chart(struct xl *x, lxw_worksheet *ws,
		     lxw_row_t first, lxw_row_t last, lxw_row_t at)
{
	static const lxw_color_t colour[CND_SEV__N] = {
		[CND_SEV_HIGH] = 0xC00000,
		[CND_SEV_MEDIUM] = 0xED7D31,
		[CND_SEV_LOW] = 0xBF9000,
		[CND_SEV_INFO] = 0x7F7F7F,
	};
	lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_LINE);

	if (!chart) {
		xl_fail(x, "cannot add the Timeline chart");
		return;
	}
	for (int s = CND_SEV__N - 1; s >= 0; s--) {
		lxw_col_t col = (lxw_col_t)(CND_SEV__N - s);
		lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
		lxw_chart_line line;

		if (!series) {
			xl_fail(x, "cannot add a Timeline chart series");
			return;
		}
		chart_series_set_categories(series, "Timeline", first, 0, last,
					    0);
		chart_series_set_values(series, "Timeline", first, col, last,
					col);
		chart_series_set_name_range(series, "Timeline", first - 1,
					    col);
		memset(&line, 0, sizeof(line));
		line.color = colour[s];
		line.width = 2;
		chart_series_set_line(series, &line);
		chart_series_set_marker_type(series, LXW_CHART_MARKER_AUTOMATIC);
	}
	chart_title_set_name(chart, "Findings per month by severity");
	chart_axis_set_name(chart->x_axis, "Month (UTC)");
	chart_axis_set_name(chart->y_axis, "Findings");
	chart_axis_set_min(chart->y_axis, 0);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	xl_check(x, worksheet_insert_chart(ws, at, 7, chart));
}

/*
 * The Timeline sheet: findings per month by severity (every month from the
 * first to the last, so the line chart beside it shows quiet months as
 * zero), first and last seen per subject and rule, and the timeline rows
 * of the JSON report (subject, month, rule, count).
 */
void xl_timeline(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	uint64_t (*per)[CND_SEV__N] = NULL, undated[CND_SEV__N] = { 0 };
	long lo = 0, hi = -1, n_months = 0;
	lxw_row_t row = 0, first;
	char buf[64];

	if (run->timeline.len + run->n_rule_summary + 40 +
		    XL_MONTHS_MAX >= LXW_ROW_MAX) {
		xl_fail(x, "more timeline rows than an Excel sheet can hold");
		return;
	}
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		long m;

		if (f->time == CND_TIME_NONE)
			continue;
		m = xl_month_index(f->time);
		if (hi < lo) {
			lo = hi = m;
		} else if (m < lo) {
			lo = m;
		} else if (m > hi) {
			hi = m;
		}
	}
	if (hi >= lo) {
		if (hi - lo >= XL_MONTHS_MAX)
			lo = hi - XL_MONTHS_MAX + 1;
		n_months = hi - lo + 1;
		per = cnd_xcalloc((size_t)n_months, sizeof(*per));
	}
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		long m;

		if ((unsigned)f->severity >= CND_SEV__N)
			continue;
		if (f->time == CND_TIME_NONE) {
			undated[f->severity]++;
			continue;
		}
		m = xl_month_index(f->time);
		if (per && m >= lo)
			per[m - lo][f->severity]++;
	}

	xl_check(x, xl_width(x, ws, 0, 0, 18, NULL));
	xl_check(x, xl_width(x, ws, 1, 1, 20, NULL));
	xl_check(x, xl_width(x, ws, 2, 2, 30, NULL));
	xl_check(x, xl_width(x, ws, 3, 5, 18, NULL));
	xl_str(x, ws, row++, 0, "Risk over time", x->title);
	xl_str(x, ws, row++, 0,
	       "Findings per month of the underlying records (UTC), by "
	       "severity; findings with no date are counted below the "
	       "table.",
	       x->note);
	row++;
	xl_headers(x, ws, row++, xl_month_titles, 6);
	first = row;
	for (long m = 0; m < n_months; m++, row++) {
		uint64_t all = 0;

		snprintf(buf, sizeof(buf), "%04ld-%02ld", (lo + m) / 12,
			 (lo + m) % 12 + 1);
		xl_str(x, ws, row, 0, buf, x->text);
		for (int s = 0; s < CND_SEV__N; s++) {
			xl_num(x, ws, row,
			       (lxw_col_t)(CND_SEV__N - s),
			       per[m][s]);
			all += per[m][s];
		}
		xl_num(x, ws, row, 5, all);
	}
	if (!n_months)
		xl_str(x, ws, row++, 0, "no finding carries a date",
		       x->note);
	else
		xl_chart(x, ws, first, row - 1, first - 1);
	xl_str(x, ws, row, 0, "no date", x->label);
	{
		uint64_t all = 0;

		for (int s = 0; s < CND_SEV__N; s++) {
			xl_num(x, ws, row, (lxw_col_t)(CND_SEV__N - s),
			       undated[s]);
			all += undated[s];
		}
		xl_num(x, ws, row++, 5, all);
	}
	free(per);
	if (row < first + 16)
		row = first + 16; /* below the chart */
	row++;

	xl_str(x, ws, row++, 0, "First and last seen, per rule",
	       x->title);
	xl_headers(x, ws, row++, xl_seen_titles, 6);
	for (size_t i = 0; i < run->n_rule_summary; i++, row++) {
		const struct cnd_rule_summary *s = &run->rule_summary[i];
		const struct cnd_rule *rule = cnd_rule_find(s->rule);

		xl_str(x, ws, row, 0, s->subject, x->text);
		xl_str(x, ws, row, 1, s->rule, x->text);
		xl_str(x, ws, row, 2, rule ? rule->title : s->rule,
		       x->wrap);
		xl_num(x, ws, row, 3, s->count);
		xl_str(x, ws, row, 4,
		       xl_time_utc(s->first_seen, buf,
				   sizeof(buf)),
		       x->text);
		xl_str(x, ws, row, 5,
		       xl_time_utc(s->last_seen, buf, sizeof(buf)),
		       x->text);
	}
	row++;

	xl_str(x, ws, row++, 0, "Findings per subject, month and rule",
	       x->title);
	xl_headers(x, ws, row++, xl_tl_titles, 4);
	for (size_t i = 0; i < run->timeline.len; i++, row++) {
		const struct cnd_timeline_row *t =
			cnd_vec_at(&run->timeline, i);

		xl_str(x, ws, row, 0, t->subject, x->text);
		xl_str(x, ws, row, 1, t->month, x->text);
		xl_str(x, ws, row, 2, t->rule, x->text);
		xl_num(x, ws, row, 3, t->count);
	}
	xl_page(x, ws);
}

static const char *const xl_agg_titles[] = {
	"Rule", "Findings", "Posts", "Per 1,000 posts", "Subjects with any",
	"Min per subject", "Median per subject", "Max per subject",
};

static const char *const xl_trend_titles[] = {
	"Month", "Rule", "Findings", "Subjects",
};

/*
 * The Aggregates sheet of a research workbook: the figures of
 * agg_compute() (figures.c), which the JSON report carries too: per rule,
 * the findings per 1,000 posts (posts: each archive's counts.posts,
 * summed), and their spread across subjects; then findings per month and
 * rule across every subject.
 */
void xl_aggregates(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	struct agg g;
	lxw_row_t row = 0;
	char buf[256];
	size_t n_rules = 0;

	while (cnd_rules[n_rules])
		n_rules++;
	if (run->timeline.len + n_rules + 16 >= LXW_ROW_MAX) {
		xl_fail(x, "more aggregate rows than an Excel sheet can hold");
		return;
	}
	agg_compute(&g, run);

	xl_check(x, xl_width(x, ws, 0, 0, 22, NULL));
	xl_check(x, xl_width(x, ws, 1, 7, 14, NULL));
	xl_str(x, ws, row++, 0, xl_research_line(x, buf, sizeof(buf)),
	       x->banner);
	xl_str(x, ws, row++, 0, "Findings across subjects", x->title);
	snprintf(buf, sizeof(buf),
		 "%zu subject%s, %zu export%s, %llu posts in all. Per 1,000 "
		 "posts: a rule's findings over every export's posts; per "
		 "subject: subjects without a finding count as 0.",
		 g.n_subjects, g.n_subjects == 1 ? "" : "s", g.n_archives,
		 g.n_archives == 1 ? "" : "s", (unsigned long long)g.posts);
	xl_str(x, ws, row++, 0, buf, x->note);
	row++;
	xl_headers(x, ws, row++, xl_agg_titles, 8);
	for (size_t r = 0; r < g.n_rules; r++, row++) {
		const struct agg_rule *ar = &g.rules[r];

		xl_str(x, ws, row, 0, ar->rule, x->text);
		xl_num(x, ws, row, 1, ar->findings);
		xl_num(x, ws, row, 2, g.posts);
		if (g.posts)
			xl_numf(x, ws, row, 3,
				(double)ar->findings * 1000.0 /
					(double)g.posts,
				x->rate);
		else
			xl_str(x, ws, row, 3, "no posts", x->text);
		xl_num(x, ws, row, 4, ar->with_any);
		if (g.n_subjects) {
			xl_num(x, ws, row, 5, ar->min);
			xl_numf(x, ws, row, 6, ar->median, x->rate);
			xl_num(x, ws, row, 7, ar->max);
		}
	}
	row++;

	xl_str(x, ws, row++, 0, "Findings per month and rule", x->title);
	xl_headers(x, ws, row++, xl_trend_titles, 4);
	for (size_t i = 0; i < g.n_trends; i++, row++) {
		const struct agg_trend *t = &g.trends[i];

		xl_str(x, ws, row, 0, t->month, x->text);
		xl_str(x, ws, row, 1, t->rule, x->text);
		xl_num(x, ws, row, 2, t->findings);
		xl_num(x, ws, row, 3, t->subjects);
	}
	if (!g.n_trends)
		xl_str(x, ws, row, 0, "no findings", x->note);
	xl_page(x, ws);
	agg_release(&g);
}
