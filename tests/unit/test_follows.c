/*
 * Unit tests of follow changes between successive exports
 * (src/rules/follows.c): records build each archive's follow set and its
 * export date; cnd_follows_diff() orders a given subject's exports by that
 * date, lists only the follows that appeared (with the follow's own date
 * when it falls between the exports) or disappeared, matches handles
 * whatever their case, compares a direction only when both exports hold
 * it, and leaves alone single exports, other subjects and subjects found
 * in the export.
 */
#include <string.h>

#include "conduct/rules/follows.h"
#include "conduct/run/scan.h"
#include "harness.h"

#define T_2022 1640995200 /* 2022-01-01 */
#define T_2023 1672531200 /* 2023-01-01 */
#define T_2024 1704067200 /* 2024-01-01 */

static struct cnd_archive *fl_archive(struct cnd_run *run, const char *file,
				      const char *subject, int given)
{
	struct cnd_archive *a = cnd_run_new_archive(run);

	a->file = file;
	a->subject = subject;
	a->subject_given = given;
	a->platform = "instagram";
	a->platform_title = "Instagram";
	a->account = "marta.sample";
	return a;
}

/* A follow record as a platform handler emits it. */
static void fl_follow(struct cnd_run *run, size_t i, enum cnd_follow_dir dir,
		      const char *handle, int64_t t)
{
	struct cnd_record r;

	memset(&r, 0, sizeof(r));
	r.kind = CND_REC_FOLLOW;
	r.dir = dir;
	r.time = t;
	r.counterpart.handle = handle;
	cnd_follows_record(&run->arena, cnd_run_archive(run, i), &r);
}

/* Any other record: only its time counts (the export's date). */
static void fl_post(struct cnd_run *run, size_t i, int64_t t)
{
	struct cnd_record r;

	memset(&r, 0, sizeof(r));
	r.kind = CND_REC_POST;
	r.time = t;
	cnd_follows_record(&run->arena, cnd_run_archive(run, i), &r);
}

static void fl_init(struct cnd_run *run)
{
	struct cnd_options o;

	cnd_options_init(&o);
	o.generated_at = 0;
	cnd_run_init(run, &o);
}

TEST(follows_appeared_and_disappeared)
{
	const struct cnd_follow_change *c;
	struct cnd_run run;

	fl_init(&run);
	/* given later export first: the order is the exports' dates */
	fl_archive(&run, "later.zip", "S", 1);
	fl_follow(&run, 0, CND_FOLLOW_FOLLOWING, "@Birch", T_2022);
	fl_follow(&run, 0, CND_FOLLOW_FOLLOWING, "cedar", CND_TIME_NONE);
	fl_follow(&run, 0, CND_FOLLOW_FOLLOWING, "dogwood", T_2023 + 86400);
	fl_follow(&run, 0, CND_FOLLOW_FOLLOWING, "dogwood", T_2023 + 86400);
	fl_post(&run, 0, T_2024);
	fl_archive(&run, "earlier.zip", "S", 1);
	fl_follow(&run, 1, CND_FOLLOW_FOLLOWING, "alder", T_2022);
	fl_follow(&run, 1, CND_FOLLOW_FOLLOWING, "birch", T_2022);
	fl_follow(&run, 1, CND_FOLLOW_FOLLOWING, "cedar", T_2022);
	fl_post(&run, 1, T_2023);
	fl_post(&run, 1, T_2022); /* earlier than the latest: no effect */

	CHECK_INT(cnd_run_archive(&run, 0)->made, T_2024);
	CHECK_STR(cnd_run_archive(&run, 1)->made_source, "latest record");
	CHECK_INT(cnd_run_archive(&run, 0)->follows->n, 4);

	cnd_follows_diff(&run);
	CHECK_INT(run.n_follow_pairs, 1);
	CHECK_INT(run.n_follow_changes, 2);
	if (run.n_follow_changes == 2) {
		c = &run.follow_changes[0];
		CHECK_STR(cnd_follow_change_name(c), "appeared");
		CHECK_STR(c->who, "dogwood");
		CHECK_INT(c->from, T_2023);
		CHECK_INT(c->to, T_2024);
		CHECK_INT(c->time, T_2023 + 86400);
		CHECK_INT(c->earlier, 1);
		CHECK_INT(c->later, 0);
		CHECK_STR(c->subject, "S");
		CHECK_STR(c->account, "marta.sample");
		c = &run.follow_changes[1];
		CHECK_STR(cnd_follow_change_name(c), "disappeared");
		CHECK_STR(c->who, "alder");
		CHECK_INT(c->time, CND_TIME_NONE);
		CHECK_INT(c->from, T_2023);
		CHECK_INT(c->to, T_2024);
	}
	if (run.n_follow_pairs == 1) {
		CHECK_INT(run.follow_pairs[0].appeared, 1);
		CHECK_INT(run.follow_pairs[0].disappeared, 1);
	}
	cnd_run_release(&run);
}

TEST(follows_time_outside_range_and_export_date)
{
	struct cnd_run run;

	fl_init(&run);
	fl_archive(&run, "a.zip", "S", 1);
	fl_follow(&run, 0, CND_FOLLOW_FOLLOWER, "ash", T_2022);
	fl_post(&run, 0, T_2024 + 86400); /* after the export's own date */
	cnd_follows_set_made(cnd_run_archive(&run, 0), T_2023);
	fl_post(&run, 0, T_2024 + 2 * 86400);
	fl_archive(&run, "b.zip", "S", 1);
	fl_follow(&run, 1, CND_FOLLOW_FOLLOWER, "ash", T_2022);
	/* dated before the earlier export, yet absent from it */
	fl_follow(&run, 1, CND_FOLLOW_FOLLOWER, "beech", T_2022);
	fl_post(&run, 1, T_2024);

	CHECK_INT(cnd_run_archive(&run, 0)->made, T_2023);
	CHECK_STR(cnd_run_archive(&run, 0)->made_source, "export");
	cnd_follows_diff(&run);
	CHECK_INT(run.n_follow_changes, 1);
	if (run.n_follow_changes == 1) {
		CHECK_STR(run.follow_changes[0].who, "beech");
		CHECK_INT(run.follow_changes[0].time, CND_TIME_NONE);
		CHECK_INT(run.follow_changes[0].dir, CND_FOLLOW_FOLLOWER);
	}
	cnd_run_release(&run);
}

TEST(follows_direction_missing_not_compared)
{
	struct cnd_run run;

	fl_init(&run);
	fl_archive(&run, "a.zip", "S", 1);
	fl_follow(&run, 0, CND_FOLLOW_FOLLOWING, "oak", T_2022);
	fl_follow(&run, 0, CND_FOLLOW_FOLLOWER, "pine", T_2022);
	fl_post(&run, 0, T_2023);
	/* made without its followers file: pine is not "gone" */
	fl_archive(&run, "b.zip", "S", 1);
	fl_follow(&run, 1, CND_FOLLOW_FOLLOWING, "oak", T_2022);
	fl_post(&run, 1, T_2024);
	cnd_follows_diff(&run);
	CHECK_INT(run.n_follow_pairs, 1);
	CHECK_INT(run.n_follow_changes, 0);
	cnd_run_release(&run);
}

TEST(follows_only_successive_exports_of_one_subject)
{
	struct cnd_run run;

	fl_init(&run);
	fl_archive(&run, "s.zip", "S", 1);
	fl_follow(&run, 0, CND_FOLLOW_FOLLOWING, "oak", T_2022);
	fl_post(&run, 0, T_2023);
	fl_archive(&run, "t.zip", "T", 1); /* another subject */
	fl_follow(&run, 1, CND_FOLLOW_FOLLOWING, "elm", T_2022);
	fl_post(&run, 1, T_2024);
	fl_archive(&run, "u1.zip", "u", 0); /* subjects found in the export */
	fl_follow(&run, 2, CND_FOLLOW_FOLLOWING, "elm", T_2022);
	fl_post(&run, 2, T_2023);
	fl_archive(&run, "u2.zip", "u", 0);
	fl_post(&run, 3, T_2024);
	fl_archive(&run, "s-other.zip", "S", 1); /* another account of S */
	cnd_run_archive(&run, 4)->account = "marta.work";
	fl_follow(&run, 4, CND_FOLLOW_FOLLOWING, "ivy", T_2022);
	fl_post(&run, 4, T_2024);
	cnd_follows_diff(&run);
	CHECK_INT(run.n_follow_pairs, 0);
	CHECK_INT(run.n_follow_changes, 0);
	cnd_run_release(&run);
}

TEST(follows_keys_id_handle_name)
{
	struct cnd_run run;
	struct cnd_record r;
	const struct cnd_follow_set *set;

	fl_init(&run);
	fl_archive(&run, "a.zip", "S", 1);
	memset(&r, 0, sizeof(r));
	r.kind = CND_REC_FOLLOW;
	r.time = CND_TIME_NONE;
	r.counterpart.id = "12345";
	r.counterpart.handle = "Someone";
	cnd_follows_record(&run.arena, cnd_run_archive(&run, 0), &r);
	r.counterpart.id = NULL;
	r.label = "threads";
	cnd_follows_record(&run.arena, cnd_run_archive(&run, 0), &r);
	r.counterpart.handle = NULL;
	r.counterpart.name = "\xc3\x88ve Example";
	r.label = "threads";
	cnd_follows_record(&run.arena, cnd_run_archive(&run, 0), &r);
	r.counterpart.name = NULL; /* nothing to know it by: left out */
	cnd_follows_record(&run.arena, cnd_run_archive(&run, 0), &r);
	set = cnd_run_archive(&run, 0)->follows;
	CHECK(set != NULL);
	if (set) {
		CHECK_INT(set->n, 3);
		CHECK_STR(cnd_follow_at(set, 0)->key, "i:12345");
		CHECK_STR(cnd_follow_at(set, 0)->who, "Someone");
		CHECK_STR(cnd_follow_at(set, 1)->key, "h:someone");
		CHECK_STR(cnd_follow_at(set, 1)->label, "threads");
		CHECK_STR(cnd_follow_at(set, 2)->key, "n:eve example");
		CHECK_STR(cnd_follow_at(set, 2)->who, "\xc3\x88ve Example");
		/* the label is interned: one copy */
		CHECK(cnd_follow_at(set, 1)->label ==
		      cnd_follow_at(set, 2)->label);
		CHECK_INT(set->n_labels, 1);
	}
	CHECK_INT(cnd_follow_dir_parse("request-sent"),
		  CND_FOLLOW_REQUEST_SENT);
	CHECK_INT(cnd_follow_dir_parse("nope"), -1);
	cnd_run_release(&run);
}

TEST(follows_many_blocks)
{
	struct cnd_run run;
	char h[32];
	int i;

	fl_init(&run);
	fl_archive(&run, "a.zip", "S", 1);
	fl_archive(&run, "b.zip", "S", 1);
	for (i = 0; i < 3000; i++) {
		snprintf(h, sizeof(h), "acct%04d", i);
		if (i % 1000) /* a drops every 1000th */
			fl_follow(&run, 0, CND_FOLLOW_FOLLOWER, h, T_2022);
		if (i % 7) /* b drops every 7th */
			fl_follow(&run, 1, CND_FOLLOW_FOLLOWER, h, T_2022);
	}
	fl_post(&run, 0, T_2023);
	fl_post(&run, 1, T_2024);
	CHECK_INT(cnd_run_archive(&run, 0)->follows->n, 2997);
	CHECK_STR(cnd_follow_at(cnd_run_archive(&run, 0)->follows, 2996)->who,
		  "acct2999");
	cnd_follows_diff(&run);
	if (run.n_follow_pairs == 1) {
		/* 1000 and 2000: only in b (0 is in neither) */
		CHECK_INT(run.follow_pairs[0].appeared, 2);
		/* the 429 multiples of 7 below 3000, but 0: only in a */
		CHECK_INT(run.follow_pairs[0].disappeared, 428);
	}
	CHECK_INT(run.n_follow_pairs, 1);
	cnd_run_release(&run);
}

/* A follow known by its display name only (Facebook friends). */
static void fl_named(struct cnd_run *run, size_t i, const char *name,
		     int64_t t)
{
	struct cnd_record r;

	memset(&r, 0, sizeof(r));
	r.kind = CND_REC_FOLLOW;
	r.dir = CND_FOLLOW_FRIEND;
	r.time = t;
	r.counterpart.name = name;
	cnd_follows_record(&run->arena, cnd_run_archive(run, i), &r);
}

TEST(follows_same_name_never_merged)
{
	struct cnd_run run;

	fl_init(&run);
	/* two friends called Jamie Smith, then one of them is gone */
	fl_archive(&run, "earlier.zip", "S", 1);
	fl_named(&run, 0, "Jamie Smith", T_2022);
	fl_named(&run, 0, "Jamie Smith", T_2022 + 86400);
	fl_named(&run, 0, "Taylor Example", T_2022);
	fl_post(&run, 0, T_2023);
	fl_archive(&run, "later.zip", "S", 1);
	fl_named(&run, 1, "Jamie Smith", T_2022);
	fl_named(&run, 1, "Taylor Example", T_2022);
	fl_post(&run, 1, T_2024);
	cnd_follows_diff(&run);
	CHECK_INT(run.n_follow_changes, 1);
	if (run.n_follow_changes == 1) {
		CHECK_STR(cnd_follow_change_name(&run.follow_changes[0]),
			  "disappeared");
		CHECK_STR(run.follow_changes[0].who, "Jamie Smith");
		CHECK_INT(run.follow_changes[0].dir, CND_FOLLOW_FRIEND);
	}
	cnd_run_release(&run);
}
