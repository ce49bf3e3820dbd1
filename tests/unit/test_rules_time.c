/*
 * Unit tests of the location, settings and coverage rules and of risk over
 * time, through the rule engine with records made by hand (as a platform
 * handler would emit them), so rules whose data comes from platforms
 * without fixtures yet (Google location history and settings, labelled
 * home and work places) are checked too: the settings timeline built from
 * setting changes (inferred first interval, merged repeats, undated
 * states), public-profile inside and outside the review period,
 * location-sharing from settings and from location records,
 * geo-home-exposure near a labelled place and from a repeated spot,
 * geo-sensitive-site against the sites file of a real policy, coverage-gap
 * from the archive's inventory, and the first/last seen summary of
 * cnd_run_finish().
 */
#include <stdio.h>
#include <string.h>

#include "conduct/config/policy.h"
#include "conduct/rules/rule.h"
#include "conduct/run/scan.h"
#include "conduct/base/timeutil.h"
#include "harness.h"

#include "conduct/rules/engine.h"

#define SITES_POLICY "fixtures/rules_time/geo-sensitive-site-fires/policy.json"

struct tr {
	struct cnd_run run;
	struct cnd_rules_state *rs;
	struct cnd_policy *policy;
};

static int64_t day(int y, unsigned m, unsigned d)
{
	return cnd_days_from_civil(y, m, d) * 86400;
}

static void tr_problem(void *ud, const char *path, const char *message)
{
	(void)ud;
	fprintf(stderr, "  policy problem at %s: %s\n", path, message);
	cnd_test_failures++;
}

/* A run over 2023 with one archive, its rules begun. */
static void tr_begin(struct tr *t, const char *platform, int with_sites)
{
	struct cnd_options o;
	struct cnd_archive *a;
	struct cnd_error err;

	memset(t, 0, sizeof(*t));
	cnd_options_init(&o);
	o.since = day(2023, 1, 1);
	o.until = day(2023, 12, 31) + 86399;
	o.generated_at = day(2024, 2, 1);
	if (with_sites) {
		CHECK_INT(cnd_policy_load(&t->policy, SITES_POLICY, tr_problem,
					  NULL, &err),
			  CND_OK);
		o.policy = t->policy;
	}
	cnd_run_init(&t->run, &o);
	a = cnd_run_new_archive(&t->run);
	a->file = "test.zip";
	a->subject = "worker";
	a->platform = platform;
	t->rs = cnd_rules_begin(&t->run, 0, platform);
}

static void tr_end(struct tr *t)
{
	cnd_rules_end(t->rs);
	t->rs = NULL;
	cnd_run_finish(&t->run);
}

static void tr_release(struct tr *t)
{
	cnd_run_release(&t->run);
	cnd_policy_free(t->policy);
}

static void tr_setting_dev(struct tr *t, const char *setting,
			   const char *value, int64_t when, const char *device)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_SETTING;
	r.id = device;
	r.time = when;
	r.setting = setting;
	r.value = value;
	r.prov.member = "Settings.json";
	r.prov.item = -1;
	cnd_rules_record(t->rs, &r);
}

static void tr_setting(struct tr *t, const char *setting, const char *value,
		       int64_t when)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_SETTING;
	r.time = when;
	r.setting = setting;
	r.value = value;
	r.prov.member = "settings.json";
	r.prov.item = -1;
	cnd_rules_record(t->rs, &r);
}

static void tr_post(struct tr *t, const char *id, int64_t when, double lat,
		    double lon, const char *visibility)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_POST;
	r.time = when;
	r.id = id;
	r.text = "out and about";
	r.visibility = visibility;
	r.has_geo = 1;
	r.lat = lat;
	r.lon = lon;
	r.prov.member = "posts.json";
	r.prov.item = 0;
	cnd_rules_record(t->rs, &r);
}

static void tr_location(struct tr *t, int64_t when, double lat, double lon,
			const char *label)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_LOCATION;
	r.time = when;
	r.has_geo = 1;
	r.lat = lat;
	r.lon = lon;
	r.label = label;
	r.prov.member = "Records.json";
	r.prov.item = 0;
	cnd_rules_record(t->rs, &r);
}

static size_t count_rule(const struct tr *t, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < t->run.findings.len; i++)
		if (!strcmp(cnd_run_finding(&t->run, i)->rule, rule))
			n++;
	return n;
}

static const struct cnd_finding *find_rule(const struct tr *t,
					   const char *rule)
{
	size_t i;

	for (i = 0; i < t->run.findings.len; i++)
		if (!strcmp(cnd_run_finding(&t->run, i)->rule, rule))
			return cnd_run_finding(&t->run, i);
	return NULL;
}

TEST(settings_timeline_intervals)
{
	const struct cnd_archive *a;
	struct tr t;

	tr_begin(&t, "twitter", 0);
	/* out of order, a repeat, and a setting outside the vocabulary */
	tr_setting(&t, "protected", "false", day(2023, 1, 15));
	tr_setting(&t, "protected", "true", day(2022, 4, 2));
	tr_setting(&t, "protected", "true", day(2023, 5, 22));
	tr_setting(&t, "protected", "true", day(2023, 7, 1));
	tr_setting(&t, "reply-prompt", "true", day(2023, 2, 1));
	tr_setting(&t, "protected", "maybe", day(2023, 8, 1));
	tr_end(&t);
	a = cnd_run_archive(&t.run, 0);
	CHECK_INT(a->n_settings, 4);
	if (a->n_settings == 4) {
		CHECK_STR(a->settings[0].value, "on"); /* public before */
		CHECK(a->settings[0].inferred);
		CHECK(a->settings[0].from == CND_TIME_NONE);
		CHECK(a->settings[0].to == day(2022, 4, 2));
		CHECK_STR(a->settings[1].value, "off");
		CHECK(a->settings[1].to == day(2023, 1, 15));
		CHECK_STR(a->settings[2].value, "on");
		CHECK(a->settings[2].from == day(2023, 1, 15));
		CHECK(a->settings[2].to == day(2023, 5, 22));
		CHECK_STR(a->settings[3].value, "off");
		CHECK(a->settings[3].to == CND_TIME_NONE); /* repeat merged */
		CHECK_STR(a->settings[3].setting, "public");
		CHECK_STR(a->settings[3].source, "protected");
	}
	/* one public interval overlaps 2023: one finding, in period */
	CHECK_INT(count_rule(&t, "public-profile"), 1);
	if (find_rule(&t, "public-profile")) {
		CHECK(find_rule(&t, "public-profile")->in_period);
		CHECK(find_rule(&t, "public-profile")->time ==
		      day(2023, 1, 15));
	}
	tr_release(&t);
}

TEST(public_profile_outside_period)
{
	struct tr t;

	tr_begin(&t, "instagram", 0);
	tr_setting(&t, "private-account", "true", day(2021, 5, 1));
	tr_end(&t);
	CHECK_INT(cnd_run_archive(&t.run, 0)->n_settings, 2);
	CHECK_INT(count_rule(&t, "public-profile"), 0);
	tr_release(&t);
}

TEST(public_profile_undated_state)
{
	struct tr t;

	/* Mastodon's locked flag, current state only: holds now */
	tr_begin(&t, "mastodon", 0);
	tr_setting(&t, "locked", "false", CND_TIME_NONE);
	tr_end(&t);
	CHECK_INT(cnd_run_archive(&t.run, 0)->n_settings, 1);
	CHECK(cnd_run_archive(&t.run, 0)->settings[0].undated);
	CHECK_INT(count_rule(&t, "public-profile"), 1);
	if (find_rule(&t, "public-profile"))
		CHECK(!find_rule(&t, "public-profile")->in_period);
	/* the review period (2023) ended before the run (2024) */
	tr_release(&t);
}

TEST(public_profile_share_of_public_posts)
{
	struct tr t;

	tr_begin(&t, "mastodon", 0);
	tr_post(&t, "1", day(2023, 3, 1), 0, 0, "public");
	tr_post(&t, "2", day(2023, 3, 2), 0, 0, "followers");
	tr_post(&t, "3", day(2023, 3, 3), 0, 0, "unlisted");
	tr_post(&t, "4", day(2022, 3, 3), 0, 0, "public"); /* earlier */
	tr_end(&t);
	CHECK_INT(count_rule(&t, "public-profile"), 1);
	if (find_rule(&t, "public-profile"))
		CHECK(strstr(find_rule(&t, "public-profile")->evidence,
			     "1 of the 3 posts") != NULL);
	tr_release(&t);
}

TEST(location_sharing_from_settings)
{
	struct tr t;

	/* Google: location history on 2022-06 until 2023-02, then off */
	tr_begin(&t, "google", 0);
	tr_setting(&t, "location-history", "enabled", day(2022, 6, 1));
	tr_setting(&t, "location-history", "disabled", day(2023, 2, 1));
	tr_setting(&t, "location-sharing", "off", day(2021, 1, 1));
	tr_end(&t);
	/* location-history: off (inferred), on, off; sharing: on, off */
	CHECK_INT(cnd_run_archive(&t.run, 0)->n_settings, 5);
	/* on 2022-06..2023-02 overlaps; sharing was on only before 2021 */
	CHECK_INT(count_rule(&t, "location-sharing"), 1);
	if (find_rule(&t, "location-sharing")) {
		CHECK(find_rule(&t, "location-sharing")->in_period);
		CHECK_STR(find_rule(&t, "location-sharing")->matched,
			  "location-history");
		CHECK_INT(find_rule(&t, "location-sharing")->severity,
			  CND_SEV_LOW);
	}
	tr_release(&t);
}

TEST(location_sharing_from_records)
{
	struct tr t;

	tr_begin(&t, "google", 0);
	tr_location(&t, day(2022, 3, 1), 51.5, -0.1, NULL);
	tr_end(&t);
	CHECK_INT(count_rule(&t, "location-sharing"), 0); /* earlier only */
	tr_release(&t);

	tr_begin(&t, "google", 0);
	tr_location(&t, day(2023, 3, 1), 51.5, -0.1, NULL);
	tr_location(&t, day(2023, 4, 1), 51.5, -0.1, NULL);
	tr_end(&t);
	CHECK_INT(count_rule(&t, "location-sharing"), 1);
	if (find_rule(&t, "location-sharing"))
		CHECK(strstr(find_rule(&t, "location-sharing")->evidence,
			     "2 location-history points") != NULL);
	tr_release(&t);
}

TEST(home_exposure_labelled_place)
{
	struct tr t;

	tr_begin(&t, "google", 0);
	tr_location(&t, CND_TIME_NONE, 51.4500, -0.2000, "home");
	/* 111 m north of home, public; 556 m away; and one private */
	tr_post(&t, "p1", day(2023, 5, 1), 51.4510, -0.2000, "public");
	tr_post(&t, "p2", day(2023, 5, 2), 51.4550, -0.2000, "public");
	tr_post(&t, "p3", day(2023, 5, 3), 51.4501, -0.2000, "followers");
	tr_end(&t);
	CHECK_INT(count_rule(&t, "geo-home-exposure"), 1);
	if (find_rule(&t, "geo-home-exposure")) {
		CHECK_STR(find_rule(&t, "geo-home-exposure")->matched, "home");
		CHECK_STR(find_rule(&t, "geo-home-exposure")->record_id, "p1");
		CHECK(strstr(find_rule(&t, "geo-home-exposure")->evidence,
			     "1 public geotagged post") != NULL);
	}
	tr_release(&t);
}

/* A place the platform labels as the person's (Google's frequent places). */
static void tr_labelled(struct tr *t, double lat, double lon,
			const char *label)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_LOCATION;
	r.time = CND_TIME_NONE;
	r.has_geo = 1;
	r.visit = 1;
	r.labelled = 1;
	r.lat = lat;
	r.lon = lon;
	r.label = label;
	r.prov.member = "Timeline.json";
	r.prov.item = 0;
	cnd_rules_record(t->rs, &r);
}

TEST(labelled_places_home_sites_and_sharing)
{
	struct tr t;
	const struct cnd_finding *f;
	size_t i;

	/* a frequent place labelled WORK is the person's work */
	tr_begin(&t, "google", 0);
	tr_labelled(&t, 51.4500, -0.2000, "work");
	tr_post(&t, "p1", day(2023, 5, 1), 51.4505, -0.2000, "public");
	tr_end(&t);
	CHECK_INT(count_rule(&t, "geo-home-exposure"), 1);
	if (find_rule(&t, "geo-home-exposure"))
		CHECK_STR(find_rule(&t, "geo-home-exposure")->matched, "work");
	/* an undated profile of places is not location history being on */
	CHECK_INT(count_rule(&t, "location-sharing"), 1); /* the post */
	for (i = 0; i < t.run.findings.len; i++) {
		f = cnd_run_finding(&t.run, i);
		if (!strcmp(f->rule, "location-sharing"))
			CHECK(strstr(f->evidence, "place visit") == NULL);
	}
	tr_release(&t);

	/* a labelled home at a sensitive site is named as such */
	tr_begin(&t, "google", 1);
	tr_labelled(&t, 51.5001, -0.12, "home");
	tr_end(&t);
	f = find_rule(&t, "geo-sensitive-site");
	CHECK(f != NULL);
	if (f)
		CHECK(strstr(f->evidence, "1 place the export labels the person's own (home, work) on") != NULL);
	tr_release(&t);
}

TEST(home_exposure_repeated_spot)
{
	struct tr t;

	tr_begin(&t, "mastodon", 0);
	tr_post(&t, "a", day(2023, 1, 1), 51.4500, -0.2000, "public");
	tr_post(&t, "b", day(2023, 2, 1), 51.4503, -0.2000, "public");
	tr_end(&t);
	CHECK_INT(count_rule(&t, "geo-home-exposure"), 0); /* two is not a pattern */
	tr_release(&t);

	tr_begin(&t, "mastodon", 0);
	tr_post(&t, "a", day(2023, 1, 1), 51.4500, -0.2000, "public");
	tr_post(&t, "b", day(2023, 2, 1), 51.4503, -0.2000, "public");
	tr_post(&t, "c", day(2023, 3, 1), 51.4500, -0.2004, "unlisted");
	tr_end(&t);
	CHECK_INT(count_rule(&t, "geo-home-exposure"), 1);
	if (find_rule(&t, "geo-home-exposure"))
		CHECK(find_rule(&t, "geo-home-exposure")->time ==
		      day(2023, 3, 1));
	tr_release(&t);
}

TEST(sensitive_site_distance)
{
	struct tr t;
	const struct cnd_finding *f;

	/* Harbour Refuge: 51.5000, -0.1200, radius 500 m */
	tr_begin(&t, "google", 1);
	tr_post(&t, "near", day(2023, 3, 1), 51.502698, -0.12, "public");
	tr_post(&t, "far", day(2023, 3, 2), 51.505396, -0.12, "public");
	tr_location(&t, day(2023, 4, 1) + 3600, 51.5001, -0.12, NULL);
	tr_location(&t, day(2023, 4, 1) + 7200, 51.5002, -0.12, NULL);
	tr_location(&t, day(2023, 4, 2), 51.5001, -0.12, NULL);
	tr_end(&t);
	/* one post (high) and two days of location history (medium) */
	CHECK_INT(count_rule(&t, "geo-sensitive-site"), 3);
	f = find_rule(&t, "geo-sensitive-site");
	if (f) {
		CHECK_STR(f->record_id, "near");
		CHECK_INT(f->severity, CND_SEV_HIGH);
		CHECK(strstr(f->evidence, "300 m from Harbour Refuge") != NULL);
		CHECK(strstr(f->evidence, "51.503, -0.120") != NULL);
	}
	if (t.run.findings.len >= 2) {
		f = cnd_run_finding(&t.run, 1);
		CHECK_STR(f->rule, "geo-sensitive-site");
		CHECK_INT(f->severity, CND_SEV_MEDIUM);
		CHECK(strstr(f->evidence, "2 location-history points on 2023-04-01") != NULL);
	}
	tr_release(&t);
}

TEST(coverage_gap_inventory)
{
	struct cnd_archive *a;
	struct cnd_diag *d;
	struct tr t;

	tr_begin(&t, "twitter", 0);
	a = cnd_run_archive(&t.run, 0);
	*(const char **)cnd_vec_push(&a->gaps) = "HTML-only export";
	d = cnd_vec_push(&a->diags);
	d->status = CND_FAILED;
	d->member = "data/like.js";
	d->message = "unexpected end of data";
	d = cnd_vec_push(&a->diags);
	d->status = CND_WARN;
	d->member = "data/tweets.js";
	d->message = "a warning is not a gap";
	tr_end(&t);
	/* the gap, the failed member, and no follow lists */
	CHECK_INT(count_rule(&t, "coverage-gap"), 3);
	tr_release(&t);

	tr_begin(&t, "twitter", 0);
	a = cnd_run_archive(&t.run, 0);
	a->counts[CND_COUNT_FOLLOWING] = 2;
	tr_end(&t);
	CHECK_INT(count_rule(&t, "coverage-gap"), 0);
	tr_release(&t);
}

TEST(rule_summary_first_last_seen)
{
	const struct cnd_rule_summary *s = NULL;
	struct tr t;
	size_t i;

	tr_begin(&t, "mastodon", 0);
	tr_post(&t, "a", day(2023, 1, 1), 51.4500, -0.2000, "public");
	tr_post(&t, "b", day(2023, 6, 1), 51.4503, -0.2000, "public");
	tr_end(&t);
	for (i = 0; i < t.run.n_rule_summary; i++)
		if (!strcmp(t.run.rule_summary[i].rule, "location-sharing"))
			s = &t.run.rule_summary[i];
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(s->count, 1);
		CHECK(s->first_seen == day(2023, 1, 1));
		CHECK(s->last_seen == day(2023, 1, 1));
		CHECK_STR(s->subject, "worker");
	}
	/* summaries are ordered by subject, then rule */
	for (i = 1; i < t.run.n_rule_summary; i++)
		CHECK(strcmp(t.run.rule_summary[i - 1].rule,
			     t.run.rule_summary[i].rule) < 0);
	tr_release(&t);
}

TEST(location_reporting_per_device)
{
	const struct cnd_archive *a;
	struct tr t;
	size_t i, on = 0;

	/* phone: on since 2020; tablet: switched off in 2020 */
	tr_begin(&t, "google", 0);
	tr_setting_dev(&t, "location-reporting", "on", day(2020, 1, 1), "phone");
	tr_setting_dev(&t, "location-reporting", "off", day(2020, 2, 1),
		       "tablet");
	tr_end(&t);
	a = cnd_run_archive(&t.run, 0);
	/* each device its own history: 2 intervals each, not merged */
	CHECK_INT(a->n_settings, 4);
	for (i = 0; i < a->n_settings; i++)
		if (!strcmp(a->settings[i].value, "on") &&
		    a->settings[i].to == CND_TIME_NONE)
			on++;
	CHECK_INT(on, 1);
	/* only the phone's reporting was on during 2023 */
	CHECK_INT(count_rule(&t, "location-sharing"), 1);
	tr_release(&t);
}
