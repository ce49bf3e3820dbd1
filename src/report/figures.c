/*
 * What more than one report writer shows (figures.h): the research
 * aggregates, computed once from the finished run for the workbook's
 * Aggregates sheet and the JSON report's research.aggregates, and the
 * names of a finding's topic and distance kind in per-archive reports.
 */
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/rules/rule.h"

#include "figures.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_month_rule(const void *a, const void *b)
{
	const struct cnd_timeline_row *const *x = a, *const *y = b;
	int c = strcmp((*x)->month, (*y)->month);

	return c ? c : strcmp((*x)->rule, (*y)->rule);
}

/*
 * Per rule, the findings and their spread across subjects (minimum,
 * median and maximum findings per subject, subjects without any counted
 * as 0); then findings per month and rule across every subject (from the
 * run's timeline).
 */
void agg_compute(struct agg *g, const struct cnd_run *run)
{
	const char **subj;
	const struct cnd_timeline_row **tl;
	size_t *of_archive, n_subj = 0;
	uint64_t *per;

	memset(g, 0, sizeof(*g));
	g->n_archives = run->archives.len;
	/* subjects, and which one each archive belongs to */
	subj = cnd_xcalloc(run->archives.len + 1, sizeof(*subj));
	of_archive = cnd_xcalloc(run->archives.len + 1, sizeof(*of_archive));
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);
		const char *name = a->subject ? a->subject : "";
		size_t s;

		for (s = 0; s < n_subj && strcmp(subj[s], name); s++)
			;
		if (s == n_subj)
			subj[n_subj++] = name;
		g->posts += a->counts[CND_COUNT_POSTS];
		of_archive[i] = s;
	}
	g->n_subjects = n_subj;

	while (cnd_rules[g->n_rules])
		g->n_rules++;
	g->rules = cnd_xcalloc(g->n_rules + 1, sizeof(*g->rules));
	per = cnd_xcalloc(n_subj + 1, sizeof(*per));
	for (size_t r = 0; r < g->n_rules; r++) {
		struct agg_rule *ar = &g->rules[r];

		ar->rule = cnd_rules[r]->id;
		memset(per, 0, (n_subj + 1) * sizeof(*per));
		for (size_t i = 0; i < run->findings.len; i++) {
			const struct cnd_finding *f = cnd_run_finding(run, i);

			if (f->archive < run->archives.len &&
			    !strcmp(f->rule, ar->rule)) {
				per[of_archive[f->archive]]++;
				ar->findings++;
			}
		}
		for (size_t s = 0; s < n_subj; s++)
			ar->with_any += per[s] > 0;
		qsort(per, n_subj, sizeof(*per), cmp_u64);
		if (n_subj) {
			ar->min = per[0];
			ar->max = per[n_subj - 1];
			ar->median = n_subj % 2 ?
					     (double)per[n_subj / 2] :
					     ((double)per[n_subj / 2 - 1] +
					      (double)per[n_subj / 2]) / 2;
		}
	}

	/* trends: the timeline summed over subjects, by month then rule */
	tl = cnd_xcalloc(run->timeline.len + 1, sizeof(*tl));
	for (size_t i = 0; i < run->timeline.len; i++)
		tl[i] = cnd_vec_at(&run->timeline, i);
	qsort(tl, run->timeline.len, sizeof(*tl), cmp_month_rule);
	g->trends = cnd_xcalloc(run->timeline.len + 1, sizeof(*g->trends));
	for (size_t i = 0; i < run->timeline.len;) {
		struct agg_trend *t = &g->trends[g->n_trends++];
		size_t j;

		t->month = tl[i]->month;
		t->rule = tl[i]->rule;
		for (j = i; j < run->timeline.len &&
			    !cmp_month_rule(&tl[i], &tl[j]);
		     j++) {
			t->findings += tl[j]->count;
			t->subjects++;
		}
		i = j;
	}
	free(tl);
	free(per);
	free(of_archive);
	free(subj);
}

void agg_release(struct agg *g)
{
	free(g->rules);
	free(g->trends);
	memset(g, 0, sizeof(*g));
}

const char *about_name(int about)
{
	static const char *const names[CND_ABOUT__N] = {
		[CND_ABOUT_OTHER] = "",
		[CND_ABOUT_FOLLOW] = "follow",
		[CND_ABOUT_MESSAGES] = "messages",
		[CND_ABOUT_ENGAGEMENT] = "engagement",
		[CND_ABOUT_PLACE] = "place",
	};

	return about >= 0 && about < CND_ABOUT__N ? names[about] : "";
}

const char *distance_kind_name(int kind)
{
	static const char *const names[CND_DIST__N] = {
		[CND_DIST_NONE] = "",
		[CND_DIST_FROM] = "from",
		[CND_DIST_WITHIN] = "within",
	};

	return kind >= 0 && kind < CND_DIST__N ? names[kind] : "";
}
