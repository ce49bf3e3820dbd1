/*
 * Private to the report writers (src/report/): what more than one writer
 * shows, computed or named once here so that the workbook and the JSON
 * report cannot disagree: the research aggregates (findings per rule per
 * 1,000 posts, their spread across subjects, trends by month), and the
 * names under which a per-archive JSON report carries a finding's topic
 * and distance for `conduct merge` to read back.
 */
#ifndef CONDUCT_REPORT_FIGURES_H
#define CONDUCT_REPORT_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/model/result.h"

/* One rule's findings across the subjects of a run. */
struct agg_rule {
	const char *rule; /* every registered rule, in registry order */
	uint64_t findings;
	uint64_t with_any; /* subjects with at least one */
	/* per subject, subjects without any counted as 0 (with n_subjects) */
	uint64_t min, max;
	double median;
};

/* One month and rule of the timeline, summed over subjects. */
struct agg_trend {
	const char *month, *rule;
	uint64_t findings, subjects;
};

struct agg {
	size_t n_subjects, n_archives;
	uint64_t posts; /* every archive's counts.posts, summed */
	struct agg_rule *rules;
	size_t n_rules;
	struct agg_trend *trends; /* by month, then rule */
	size_t n_trends;
};

/* The aggregates of a finished run (for research mode's reports). */
void agg_compute(struct agg *g, const struct cnd_run *run);
void agg_release(struct agg *g);

/* "follow", "messages", "engagement", "place"; "" for CND_ABOUT_OTHER. */
const char *about_name(int about);
/* "from", "within"; "" for CND_DIST_NONE. */
const char *distance_kind_name(int kind);

#endif
