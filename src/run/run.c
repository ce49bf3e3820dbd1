/*
 * The run once its inputs are scanned: batch runs absorbed into one
 * (each archive scanned on its own, then put together in input order)
 * and the finishing steps every report reads (findings sorted, the month-by-month timeline,
 * first and last seen per rule). scan.c reads the inputs into the run;
 * this file works on a run only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/rules/follows.h"
#include "conduct/run/scan.h"
#include "conduct/base/strmap.h"
#include "conduct/base/timeutil.h"

#include "conduct/rules/engine.h"


/* --- batch runs: absorbing a run --- */

void cnd_run_absorb(struct cnd_run *run, struct cnd_run *part)
{
	size_t offset = run->archives.len, i;

	for (i = 0; i < part->archives.len; i++)
		*(struct cnd_archive *)cnd_vec_push(&run->archives) =
			*cnd_run_archive(part, i);
	part->archives.len = 0; /* their vectors now belong to run */
	for (i = 0; i < part->findings.len; i++) {
		struct cnd_finding f = *cnd_run_finding(part, i);

		f.archive += offset;
		if (cnd_rules_seen(run, f.archive, f.fingerprint))
			continue; /* the subject's earlier export raised it */
		*(struct cnd_finding *)cnd_vec_push(&run->findings) = f;
	}
	part->findings.len = 0;
	*(struct cnd_arena *)cnd_vec_push(&run->kept) = part->arena;
	cnd_arena_init(&part->arena);
	for (i = 0; i < part->kept.len; i++)
		*(struct cnd_arena *)cnd_vec_push(&run->kept) =
			*(struct cnd_arena *)cnd_vec_at(&part->kept, i);
	part->kept.len = 0;
	run->status = cnd_status_worst(run->status, part->status);
}

/* --- finishing: order and timeline --- */

static int cmp_finding(const void *pa, const void *pb)
{
	const struct cnd_finding *a = pa, *b = pb;
	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->time != b->time)
		return cnd_time_cmp(a->time, b->time);
	c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	c = strcmp(a->fingerprint, b->fingerprint);
	if (c)
		return c;
	/* the same event of two subjects: in input order, whatever qsort does */
	return a->archive < b->archive ? -1 : a->archive > b->archive;
}

struct tl_key {
	const char *subject;
	char month[8];
	const char *rule;
};

static int cmp_tl(const void *pa, const void *pb)
{
	const struct tl_key *a = pa, *b = pb;
	int c = strcmp(a->subject, b->subject);

	if (c)
		return c;
	c = strcmp(a->month, b->month);
	if (c)
		return c;
	return strcmp(a->rule, b->rule);
}

/* By subject, then rule. */
static int cmp_summary(const void *pa, const void *pb)
{
	const struct cnd_rule_summary *a = pa, *b = pb;
	int c = strcmp(a->subject, b->subject);

	return c ? c : strcmp(a->rule, b->rule);
}

/* Per subject and rule: count, first seen and last seen (run->arena). */
static void build_rule_summary(struct cnd_run *run)
{
	size_t n = run->findings.len, m = 0, i, j;
	struct cnd_rule_summary *sum;

	sum = cnd_arena_alloc(&run->arena, (n ? n : 1) * sizeof(*sum));
	for (i = 0; i < n; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		const char *subject = cnd_run_archive(run, f->archive)->subject;

		for (j = 0; j < m; j++)
			if (!strcmp(sum[j].subject, subject) &&
			    !strcmp(sum[j].rule, f->rule))
				break;
		if (j == m) {
			sum[m].subject = subject;
			sum[m].rule = f->rule;
			sum[m].count = 0;
			sum[m].first_seen = sum[m].last_seen = CND_TIME_NONE;
			m++;
		}
		sum[j].count++;
		if (f->time == CND_TIME_NONE)
			continue;
		if (sum[j].first_seen == CND_TIME_NONE ||
		    f->time < sum[j].first_seen)
			sum[j].first_seen = f->time;
		if (sum[j].last_seen == CND_TIME_NONE ||
		    f->time > sum[j].last_seen)
			sum[j].last_seen = f->time;
	}
	qsort(sum, m, sizeof(*sum), cmp_summary);
	run->rule_summary = sum;
	run->n_rule_summary = m;
}

void cnd_run_finish(struct cnd_run *run)
{
	size_t n = run->findings.len, i;
	struct tl_key *keys;

	memset(run->severity_counts, 0, sizeof(run->severity_counts));
	run->timeline.len = 0;
	build_rule_summary(run);
	cnd_follows_diff(run);
	if (!n)
		return;
	qsort(run->findings.items, n, sizeof(struct cnd_finding), cmp_finding);
	keys = cnd_xmalloc(n * sizeof(*keys));
	for (i = 0; i < n; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);

		run->severity_counts[f->severity]++;
		keys[i].subject = cnd_run_archive(run, f->archive)->subject;
		keys[i].rule = f->rule;
		if (f->time == CND_TIME_NONE)
			snprintf(keys[i].month, sizeof(keys[i].month),
				 "unknown");
		else
			cnd_time_format_month(f->time, keys[i].month,
					      sizeof(keys[i].month));
	}
	qsort(keys, n, sizeof(*keys), cmp_tl);
	for (i = 0; i < n; i++) {
		struct cnd_timeline_row *row;

		if (i && !cmp_tl(&keys[i - 1], &keys[i])) {
			row = cnd_vec_at(&run->timeline, run->timeline.len - 1);
			row->count++;
			continue;
		}
		row = cnd_vec_push(&run->timeline);
		row->subject = keys[i].subject;
		memcpy(row->month, keys[i].month, sizeof(row->month));
		row->rule = keys[i].rule;
		row->count = 1;
	}
	free(keys);
}
