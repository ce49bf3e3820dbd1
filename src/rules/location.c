/*
 * Rules about where the worker is and who can tell: a geotagged post or a
 * location-history point at or near one of the agency's sensitive sites
 * (geo-sensitive-site), public posts that give away where the worker lives
 * or works, next to a place the platform itself labelled home or work, or
 * by geotagging the same spot again and again (geo-home-exposure), and
 * location history, reporting or sharing switched on during the review
 * period (location-sharing). Whether a post was public is decided in the
 * finish step, from the post's own visibility or, when the export does not
 * say, from the archive's settings timeline at the time of the post (an X
 * tweet from a protected account was not public). Coordinates in evidence
 * are the record's own, rounded to 3 decimals (about 100 m); a site's own
 * coordinates (a client's home) are never printed.
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/geo.h"
#include "conduct/config/sites.h"
#include "conduct/config/policy.h"
#include "conduct/rules/rule.h"
#include "conduct/base/strmap.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "util.h"

/* --- shared helpers --- */

/* A number from the rule's policy params, or def when absent or invalid. */
static double param_num(const struct cnd_rule_ctx *c, const char *key,
			double def)
{
	const struct cnd_rule_settings *rs = cnd_rule_settings(c);
	json_t *v;

	if (!rs || !rs->params)
		return def;
	v = json_object_get(rs->params, key);
	if (!json_is_number(v) || json_number_value(v) <= 0)
		return def;
	return json_number_value(v);
}

/* "2023-05-01" of t, or "date unknown". */
static const char *day_of(struct cnd_arena *a, int64_t t)
{
	char buf[32];

	if (t == CND_TIME_NONE)
		return "date unknown";
	cnd_time_format_utc(t, buf, sizeof(buf));
	return cnd_arena_strndup(a, buf, 10);
}

/* A usable point: a geotagged post, or a location record with coordinates. */
static int has_point(const struct cnd_record *r)
{
	if (!r->has_geo && r->kind != CND_REC_LOCATION)
		return 0;
	return cnd_geo_valid(r->lat, r->lon);
}

enum publicity { PUB_YES, PUB_NO, PUB_ASSUMED };

/*
 * Whether a post was public: its own visibility when the export gives one,
 * else the archive's "public" setting at the post's time, else assumed
 * public (*why says which, for the evidence).
 */
static enum publicity post_publicity(const struct cnd_rule_ctx *c,
				     const char *visibility, int64_t t,
				     const char **why)
{
	const struct cnd_archive *a = cnd_rule_archive(c);
	const struct cnd_setting_interval *now = NULL;
	size_t i;

	if (visibility) {
		if (!strcmp(visibility, "public") ||
		    !strcmp(visibility, "unlisted")) {
			*why = "a public post";
			return PUB_YES;
		}
		*why = "visible to followers only";
		return PUB_NO;
	}
	for (i = 0; a && i < a->n_settings; i++) {
		const struct cnd_setting_interval *iv = &a->settings[i];
		int holds;

		if (strcmp(iv->setting, "public") ||
		    strcmp(iv->platform, cnd_rule_platform(c)))
			continue;
		if (iv->undated)
			now = iv;
		if (t == CND_TIME_NONE || iv->undated)
			holds = t == CND_TIME_NONE && (iv->undated ||
						       iv->to == CND_TIME_NONE);
		else
			holds = (iv->from == CND_TIME_NONE || iv->from <= t) &&
				(iv->to == CND_TIME_NONE || t < iv->to);
		if (!holds)
			continue;
		if (!strcmp(iv->value, "on")) {
			*why = "public: the account was public then";
			return PUB_YES;
		}
		*why = "the account was private then (approved followers only)";
		return PUB_NO;
	}
	if (now && !strcmp(now->value, "on")) {
		/* X's empty protected history: never protected */
		*why = "public: the account was public when the export was made and the export records no change";
		return PUB_YES;
	}
	if (now) {
		*why = "the account was private when the export was made (whether it was at the time is not recorded)";
		return PUB_NO;
	}
	*why = "treated as public: the export records no privacy setting for that time";
	return PUB_ASSUMED;
}

/* A geotagged post kept until the finish step (strings in the run arena). */
struct geo_post {
	const char *id;
	const char *excerpt;
	const char *visibility;
	const char *place;
	int64_t time;
	double lat, lon;
	unsigned deleted : 1;
	unsigned used : 1; /* geo-home-exposure: already near a labelled place */
	struct cnd_provenance prov;
};

static void geo_post_keep(struct cnd_rule_ctx *c, struct cnd_vec *v,
			  const struct cnd_record *r)
{
	struct cnd_arena *a = cnd_rule_arena(c);
	struct geo_post *p;

	if (!v->size)
		cnd_vec_init(v, sizeof(struct geo_post));
	p = cnd_vec_push(v);
	p->id = cnd_arena_strdup(a, r->id);
	p->excerpt = r->text ? cnd_text_excerpt(a, r->text, 0, 0, 80) : NULL;
	p->visibility = cnd_arena_strdup(a, r->visibility);
	p->place = cnd_arena_strdup(a, r->place);
	p->time = r->time;
	p->lat = r->lat;
	p->lon = r->lon;
	p->deleted = r->deleted;
	p->prov.member = cnd_arena_strdup(a, r->prov.member);
	p->prov.item = r->prov.item;
}

/* --- geo-sensitive-site --- */

/* Location-history points at one site on one day. */
struct site_day {
	const struct cnd_site *site;
	int64_t first; /* earliest point that day */
	double nearest_m;
	uint64_t points, visits, labelled;
	struct cnd_provenance prov;
};

struct sites_state {
	struct cnd_vec posts; /* struct geo_post, near a site */
	struct cnd_vec near;  /* const struct cnd_site *, per post */
	struct cnd_vec dist;  /* double, per post */
	struct cnd_strmap days_index;
	struct cnd_vec days; /* struct site_day * */
};

static const struct cnd_sites *policy_sites(const struct cnd_rule_ctx *c)
{
	const struct cnd_options *o = cnd_rule_options(c);

	return o->policy ? o->policy->sites : NULL;
}

static void site_day_add(struct cnd_rule_ctx *c, struct sites_state *st,
			 const struct cnd_site *site, double d,
			 const struct cnd_record *r)
{
	struct cnd_arena *a = cnd_rule_arena(c);
	const char *key = cnd_arena_printf(cnd_rule_scratch(c), "%s\x1f%zu\x1f%s",
					   site->name ? site->name : "",
					   site->line,
					   day_of(cnd_rule_scratch(c), r->time));
	struct site_day *sd = cnd_strmap_get(&st->days_index, key);

	if (!sd) {
		if (!st->days.size)
			cnd_vec_init(&st->days, sizeof(struct site_day *));
		sd = cnd_arena_alloc(a, sizeof(*sd));
		memset(sd, 0, sizeof(*sd));
		sd->site = site;
		sd->first = r->time;
		sd->nearest_m = d;
		sd->prov.member = cnd_arena_strdup(a, r->prov.member);
		sd->prov.item = r->prov.item;
		cnd_strmap_put(&st->days_index, key, sd);
		*(struct site_day **)cnd_vec_push(&st->days) = sd;
	}
	if (r->time != CND_TIME_NONE &&
	    (sd->first == CND_TIME_NONE || r->time < sd->first)) {
		sd->first = r->time;
		sd->prov.member = cnd_arena_strdup(a, r->prov.member);
		sd->prov.item = r->prov.item;
	}
	if (d < sd->nearest_m)
		sd->nearest_m = d;
	if (r->labelled)
		sd->labelled++;
	else if (r->visit)
		sd->visits++;
	else
		sd->points++;
}

/* "2 location-history points, 1 place visit and 1 labelled place" */
static const char *site_day_what(struct cnd_arena *a, const struct site_day *sd)
{
	static const char *const one[] = {
		"location-history point", "place visit",
		"place the export labels the person's own (home, work)"
	};
	static const char *const many[] = {
		"location-history points", "place visits",
		"places the export labels the person's own (home, work)"
	};
	const uint64_t n[] = { sd->points, sd->visits, sd->labelled };
	const char *out = "";
	size_t k, left = 0;

	for (k = 0; k < 3; k++)
		left += n[k] != 0;
	for (k = 0; k < 3; k++) {
		if (!n[k])
			continue;
		left--;
		out = cnd_arena_printf(a, "%s%s%llu %s", out,
				       !*out ? "" : left ? ", " : " and ",
				       (unsigned long long)n[k],
				       n[k] == 1 ? one[k] : many[k]);
	}
	return out;
}

static int sensitive_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct sites_state *st = cnd_rule_state(c);
	const struct cnd_sites *sites = policy_sites(c);
	const struct cnd_site *site;
	double d = 0;

	if (!sites || !has_point(r))
		return CND_OK;
	site = cnd_sites_near(sites, r->lat, r->lon, &d);
	if (!site)
		return CND_OK;
	if (r->kind == CND_REC_LOCATION) {
		site_day_add(c, st, site, d, r);
		return CND_OK;
	}
	geo_post_keep(c, &st->posts, r);
	if (!st->near.size) {
		cnd_vec_init(&st->near, sizeof(const struct cnd_site *));
		cnd_vec_init(&st->dist, sizeof(double));
	}
	*(const struct cnd_site **)cnd_vec_push(&st->near) = site;
	*(double *)cnd_vec_push(&st->dist) = d;
	return CND_OK;
}

/*
 * The finding's place and its distance d from the site (none for an area:
 * a record inside it has no distance), as the evidence states them.
 */
static void site_place(struct cnd_finding *f, const struct cnd_site *s,
		       double d)
{
	f->about = CND_ABOUT_PLACE;
	if (!s->ring) {
		f->distance_kind = CND_DIST_FROM;
		f->distance_m = nearbyint(d); /* as "%.0f" prints it */
	}
}

/* "287 m from Harbour Refuge (refuge), within its 500 m radius" */
static const char *site_phrase(struct cnd_arena *a, const struct cnd_site *s,
			       double d)
{
	const char *name = s->name ? s->name : "a sensitive site";
	const char *kind = s->kind ? s->kind : "site";

	if (s->ring)
		return cnd_arena_printf(a, "inside the area of %s (%s)", name,
					kind);
	return cnd_arena_printf(a, "%.0f m from %s (%s), within its %.0f m radius",
				d, name, kind, s->radius_m);
}

static int sensitive_finish(struct cnd_rule_ctx *c)
{
	struct sites_state *st = cnd_rule_state(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	size_t i;

	for (i = 0; i < st->posts.len; i++) {
		const struct geo_post *p = cnd_vec_at(&st->posts, i);
		const struct cnd_site *s =
			*(const struct cnd_site **)cnd_vec_at(&st->near, i);
		double d = *(double *)cnd_vec_at(&st->dist, i);
		struct cnd_finding f = { 0 };
		const char *why;
		enum publicity pub = post_publicity(c, p->visibility, p->time,
						    &why);

		f.severity = pub == PUB_NO ? CND_SEV_MEDIUM : CND_SEV_HIGH;
		f.confidence = CND_CONF_CONFIRMED;
		f.time = p->time;
		f.record_kind = "post";
		f.record_id = p->id;
		f.matched = s->name ? s->name : "";
		f.evidence = cnd_arena_printf(
			a, "%s%s%s%sgeotagged at %.3f, %.3f%s%s%s, %s; %s",
			p->deleted ? "(deleted) " : "",
			p->excerpt ? "\"" : "", p->excerpt ? p->excerpt : "",
			p->excerpt ? "\" — " : "", p->lat, p->lon,
			p->place ? " (" : "", p->place ? p->place : "",
			p->place ? ")" : "", site_phrase(a, s, d), why);
		f.prov = p->prov;
		site_place(&f, s, d);
		cnd_rule_raise(c, &f, s->name);
	}
	for (i = 0; i < st->days.len; i++) {
		const struct site_day *sd =
			*(struct site_day **)cnd_vec_at(&st->days, i);
		struct cnd_finding f = { 0 };
		const char *what;

		what = site_day_what(a, sd);
		f.severity = CND_SEV_MEDIUM;
		f.confidence = CND_CONF_CONFIRMED;
		f.time = sd->first;
		f.record_kind = "location";
		f.matched = sd->site->name ? sd->site->name : "";
		f.evidence = cnd_arena_printf(
			a, "%s on %s, the nearest %s; private location history, which the platform keeps and a breach or a shared account could expose",
			what, day_of(a, sd->first),
			site_phrase(a, sd->site, sd->nearest_m));
		f.prov = sd->prov;
		site_place(&f, sd->site, sd->nearest_m);
		cnd_rule_raise(c, &f,
			       cnd_arena_printf(a, "%s|%s", f.matched,
						day_of(a, sd->first)));
	}
	return CND_OK;
}

static void sensitive_release(struct cnd_rule_ctx *c)
{
	struct sites_state *st = cnd_rule_state(c);

	cnd_vec_release(&st->posts);
	cnd_vec_release(&st->near);
	cnd_vec_release(&st->dist);
	cnd_vec_release(&st->days);
	cnd_strmap_release(&st->days_index);
}

static const char *const sensitive_cites[] = {
	"basw-social-media:security",
	"nasw:1.07",
	"hcpc-social-media:confidential",
	"ifsw:6",
	"essay:location-client",
	NULL,
};

const struct cnd_rule cnd_rule_geo_sensitive_site = {
	.id = "geo-sensitive-site",
	.title = "Location at or near a sensitive site",
	.flags = "A geotagged post, check-in or location-history point at or near a sensitive site from the agency's sites file (refuge, client-facing office, clinic, client home).",
	.severity = CND_SEV_HIGH,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_LOCATION),
	.citations = sensitive_cites,
	.state_size = sizeof(struct sites_state),
	.check = sensitive_check,
	.finish = sensitive_finish,
	.release = sensitive_release,
};

/* --- geo-home-exposure --- */

struct labelled_place {
	const char *label;
	double lat, lon;
	struct cnd_provenance prov;
};

struct home_state {
	struct cnd_vec places; /* struct labelled_place */
	struct cnd_vec posts;  /* struct geo_post, public or maybe public */
};

static int home_label(const char *label)
{
	static const char *const labels[] = {
		"home", "work", "inferred-home", "inferred-work", NULL,
	};
	size_t i;

	for (i = 0; label && labels[i]; i++)
		if (!strcmp(label, labels[i]))
			return 1;
	return 0;
}

static int home_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct home_state *st = cnd_rule_state(c);

	if (!has_point(r))
		return CND_OK;
	if (r->kind == CND_REC_LOCATION) {
		struct labelled_place *p;

		if (!home_label(r->label))
			return CND_OK;
		if (!st->places.size)
			cnd_vec_init(&st->places, sizeof(struct labelled_place));
		p = cnd_vec_push(&st->places);
		p->label = cnd_arena_strdup(cnd_rule_arena(c), r->label);
		p->lat = r->lat;
		p->lon = r->lon;
		p->prov.member = cnd_arena_strdup(cnd_rule_arena(c),
						  r->prov.member);
		p->prov.item = r->prov.item;
		return CND_OK;
	}
	geo_post_keep(c, &st->posts, r);
	return CND_OK;
}

/* The latest time of posts idx[0..n) in the review period, else the latest. */
static int64_t pick_time(const struct cnd_rule_ctx *c, const struct cnd_vec *v,
			 const size_t *idx, size_t n)
{
	const struct cnd_options *o = cnd_rule_options(c);
	int64_t best = CND_TIME_NONE, best_in = CND_TIME_NONE;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct geo_post *p = cnd_vec_at(v, idx[i]);

		if (p->time == CND_TIME_NONE)
			continue;
		if (best == CND_TIME_NONE || p->time > best)
			best = p->time;
		if (cnd_rules_in_review(o, p->time) &&
		    (best_in == CND_TIME_NONE || p->time > best_in))
			best_in = p->time;
	}
	return best_in != CND_TIME_NONE ? best_in : best;
}

/* "3 public posts (2021-04-01 to 2023-06-02)" */
static const char *posts_phrase(struct cnd_arena *a, const struct cnd_vec *v,
				const size_t *idx, size_t n)
{
	int64_t lo = CND_TIME_NONE, hi = CND_TIME_NONE;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct geo_post *p = cnd_vec_at(v, idx[i]);

		if (p->time == CND_TIME_NONE)
			continue;
		if (lo == CND_TIME_NONE || p->time < lo)
			lo = p->time;
		if (hi == CND_TIME_NONE || p->time > hi)
			hi = p->time;
	}
	return cnd_arena_printf(a, "%zu public geotagged post%s (%s to %s)", n,
				n == 1 ? "" : "s", day_of(a, lo),
				day_of(a, hi));
}

/* The earliest post of idx[0..n): its id is the finding's stable key. */
static const struct geo_post *first_post(const struct cnd_vec *v,
					 const size_t *idx, size_t n)
{
	const struct geo_post *best = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct geo_post *p = cnd_vec_at(v, idx[i]);

		if (!best || (p->time != CND_TIME_NONE &&
			      (best->time == CND_TIME_NONE ||
			       p->time < best->time)))
			best = p;
	}
	return best;
}

static void home_raise(struct cnd_rule_ctx *c, const struct cnd_vec *posts,
		       const size_t *idx, size_t n, const char *matched,
		       double within_m, const char *evidence, const char *fp)
{
	const struct geo_post *p = first_post(posts, idx, n);
	struct cnd_finding f = { 0 };

	f.severity = CND_SEV_MEDIUM;
	f.confidence = CND_CONF_PROBABLE;
	f.time = pick_time(c, posts, idx, n);
	f.record_kind = "post";
	f.record_id = p->id;
	f.matched = matched;
	f.evidence = evidence;
	f.prov = p->prov;
	f.about = CND_ABOUT_PLACE;
	f.distance_kind = CND_DIST_WITHIN;
	f.distance_m = nearbyint(within_m); /* as "%.0f" prints it */
	cnd_rule_raise(c, &f, fp);
}

static int home_finish(struct cnd_rule_ctx *c)
{
	struct home_state *st = cnd_rule_state(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	double near_m = param_num(c, "radius_m", 200);
	double spot_m = param_num(c, "spot_m", 100);
	size_t min_repeats = (size_t)param_num(c, "min_repeats", 3);
	size_t *idx, *centre, *members, n_pub = 0, i, j, k;
	const char *why;

	if (!st->posts.len)
		return CND_OK;
	idx = cnd_xcalloc(st->posts.len, sizeof(*idx));
	for (i = 0; i < st->posts.len; i++) {
		const struct geo_post *p = cnd_vec_at(&st->posts, i);

		if (post_publicity(c, p->visibility, p->time, &why) != PUB_NO)
			idx[n_pub++] = i;
	}
	members = cnd_xcalloc(n_pub ? n_pub : 1, sizeof(*members));

	/* public posts near a place the platform labelled home or work */
	for (k = 0; k < st->places.len; k++) {
		const struct labelled_place *pl = cnd_vec_at(&st->places, k);
		size_t n = 0;

		for (i = 0; i < n_pub; i++) {
			struct geo_post *p = cnd_vec_at(&st->posts, idx[i]);

			if (cnd_geo_distance_m(p->lat, p->lon, pl->lat,
					       pl->lon) <= near_m) {
				members[n++] = idx[i];
				p->used = 1;
			}
		}
		if (!n)
			continue;
		home_raise(c, &st->posts, members, n, pl->label, near_m,
			   cnd_arena_printf(
				   a, "%s within %.0f m of the place the export labels '%s' (around %.3f, %.3f): anyone who sees them can tell where the worker lives or works",
				   posts_phrase(a, &st->posts, members, n),
				   near_m, pl->label, pl->lat, pl->lon),
			   pl->label);
	}

	/* a regular pattern: the same spot geotagged again and again */
	centre = cnd_xcalloc(n_pub ? n_pub : 1, sizeof(*centre));
	for (i = 0; i < n_pub; i++)
		centre[i] = SIZE_MAX;
	for (i = 0; i < n_pub; i++) {
		const struct geo_post *p = cnd_vec_at(&st->posts, idx[i]);

		if (p->used)
			continue;
		for (j = 0; j < i; j++) {
			const struct geo_post *q;

			if (centre[j] != j)
				continue;
			q = cnd_vec_at(&st->posts, idx[j]);
			if (cnd_geo_distance_m(p->lat, p->lon, q->lat,
					       q->lon) <= spot_m)
				break;
		}
		centre[i] = j < i ? j : i;
	}
	for (i = 0; i < n_pub; i++) {
		const struct geo_post *q;
		size_t n = 0;
		const char *spot;

		if (centre[i] != i)
			continue;
		for (j = i; j < n_pub; j++)
			if (centre[j] == i)
				members[n++] = idx[j];
		if (n < min_repeats)
			continue;
		q = cnd_vec_at(&st->posts, idx[i]);
		spot = cnd_arena_printf(a, "%.3f, %.3f", q->lat, q->lon);
		home_raise(c, &st->posts, members, n, spot, spot_m,
			   cnd_arena_printf(
				   a, "%s within %.0f m of one spot (around %s): a regular pattern like this can show where the worker lives or works",
				   posts_phrase(a, &st->posts, members, n),
				   spot_m, spot),
			   spot);
	}
	free(centre);
	free(members);
	free(idx);
	return CND_OK;
}

static void home_release(struct cnd_rule_ctx *c)
{
	struct home_state *st = cnd_rule_state(c);

	cnd_vec_release(&st->places);
	cnd_vec_release(&st->posts);
}

static const char *const home_cites[] = {
	"basw-social-media:security",
	"nasw:1.06(f)",
	"ifsw:8",
	"essay:location-clinician",
	NULL,
};

const struct cnd_rule cnd_rule_geo_home_exposure = {
	.id = "geo-home-exposure",
	.title = "Public posts reveal home or work",
	.flags = "Public geotagged posts near a place the export labels home or work, or the same spot geotagged in several public posts, which reveal where the worker lives or works.",
	.severity = CND_SEV_MEDIUM,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_LOCATION),
	.citations = home_cites,
	.state_size = sizeof(struct home_state),
	.check = home_check,
	.finish = home_finish,
	.release = home_release,
};

/* --- location-sharing --- */

/* Records of one kind in the review period. */
struct seen {
	uint64_t n;
	int64_t first, last;
	const char *id; /* of the earliest */
	struct cnd_provenance prov;
};

struct sharing_state {
	struct seen points, visits, geotags;
};

static void seen_add(struct cnd_rule_ctx *c, struct seen *s,
		     const struct cnd_record *r)
{
	struct cnd_arena *a = cnd_rule_arena(c);
	int earliest;

	s->n++;
	if (s->n == 1)
		s->last = r->time;
	else if (r->time != CND_TIME_NONE &&
		 (s->last == CND_TIME_NONE || r->time > s->last))
		s->last = r->time;
	earliest = s->n == 1 ||
		   (r->time != CND_TIME_NONE &&
		    (s->first == CND_TIME_NONE || r->time < s->first));
	if (!earliest)
		return;
	s->first = r->time;
	s->id = cnd_arena_strdup(a, r->id);
	s->prov.member = cnd_arena_strdup(a, r->prov.member);
	s->prov.item = r->prov.item;
}

static int sharing_check(struct cnd_rule_ctx *c, const struct cnd_record *r)
{
	struct sharing_state *st = cnd_rule_state(c);

	if (!cnd_rules_in_review(cnd_rule_options(c), r->time))
		return CND_OK;
	if (r->kind == CND_REC_LOCATION && r->labelled)
		return CND_OK; /* a profile of places, not history being kept */
	if (r->kind == CND_REC_LOCATION)
		seen_add(c, r->visit ? &st->visits : &st->points, r);
	else if (has_point(r))
		seen_add(c, &st->geotags, r);
	return CND_OK;
}

static const char *time_or(struct cnd_arena *a, int64_t t, const char *none)
{
	char buf[32];

	if (t == CND_TIME_NONE)
		return none;
	cnd_time_format_utc(t, buf, sizeof(buf));
	return cnd_arena_strdup(a, buf);
}

static const char *seen_phrase(struct cnd_arena *a, const struct seen *s,
			       const char *what)
{
	const char *d1 = day_of(a, s->first), *d2 = day_of(a, s->last);

	if (!strcmp(d1, d2))
		return cnd_arena_printf(a, "%llu %s%s (%s)",
					(unsigned long long)s->n, what,
					s->n == 1 ? "" : "s", d1);
	return cnd_arena_printf(a, "%llu %s%s (%s to %s)",
				(unsigned long long)s->n, what,
				s->n == 1 ? "" : "s", d1, d2);
}

static int sharing_finish(struct cnd_rule_ctx *c)
{
	struct sharing_state *st = cnd_rule_state(c);
	const struct cnd_archive *arc = cnd_rule_archive(c);
	const struct cnd_options *o = cnd_rule_options(c);
	struct cnd_arena *a = cnd_rule_scratch(c);
	int from_settings = 0;
	size_t i;

	for (i = 0; arc && i < arc->n_settings; i++) {
		const struct cnd_setting_interval *iv = &arc->settings[i];
		struct cnd_finding f = { 0 };
		int64_t when;

		if (strcmp(iv->setting, "location-sharing") ||
		    strcmp(iv->value, "on"))
			continue;
		f.in_period = cnd_rules_interval_in_period(o, iv, &when);
		if (!f.in_period && !iv->undated)
			continue;
		from_settings = 1;
		f.severity = CND_SEV_LOW;
		f.confidence = CND_CONF_CONFIRMED;
		f.time = when;
		f.record_kind = "setting";
		f.record_id = cnd_arena_printf(
			a, "%s:%s", iv->source,
			iv->undated ? "undated" :
				      time_or(a, iv->from, "before-first-change"));
		f.matched = iv->source;
		if (iv->undated)
			f.evidence = cnd_arena_printf(
				a, "'%s' was on when the export was made; the export gives no date, so when it was switched on is not known (treated as holding now)",
				iv->source);
		else
			f.evidence = cnd_arena_printf(
				a, "'%s' was on from %s until %s%s",
				iv->source,
				time_or(a, iv->from, "before the first recorded change"),
				time_or(a, iv->to, "the export was made"),
				iv->inferred ? " (inferred: it was switched off at the end of this interval)" : "");
		f.prov = iv->prov;
		cnd_rule_raise_in_period(c, &f, iv->source);
	}
	if (!from_settings && (st->points.n || st->visits.n)) {
		const struct seen *s = st->points.n ? &st->points : &st->visits;
		struct cnd_finding f = { 0 };

		f.severity = CND_SEV_LOW;
		f.confidence = CND_CONF_PROBABLE;
		f.time = s->first;
		f.record_kind = "location";
		f.record_id = s->id;
		f.matched = "location history";
		f.evidence = cnd_arena_printf(
			a, "%s%s%s in the review period: location history was on",
			st->points.n ? seen_phrase(a, &st->points,
						   "location-history point") : "",
			st->points.n && st->visits.n ? " and " : "",
			st->visits.n ? seen_phrase(a, &st->visits,
						   "place visit") : "");
		f.prov = s->prov;
		cnd_rule_raise(c, &f, "location-history");
	}
	if (st->geotags.n) {
		struct cnd_finding f = { 0 };

		f.severity = CND_SEV_LOW;
		f.confidence = CND_CONF_CONFIRMED;
		f.time = st->geotags.first;
		f.record_kind = "post";
		f.record_id = st->geotags.id;
		f.matched = "precise location on posts";
		f.evidence = cnd_arena_printf(
			a, "%s in the review period %s precise coordinates: the app added the device's location to posts",
			seen_phrase(a, &st->geotags, "geotagged post"),
			st->geotags.n == 1 ? "carries" : "carry");
		f.prov = st->geotags.prov;
		cnd_rule_raise(c, &f, "geotagged-posts");
	}
	return CND_OK;
}

static const char *const sharing_cites[] = {
	"hcpc-social-media:privacy-settings",
	"swrb:10-privacy-settings",
	"basw-social-media:security",
	"ifsw:8",
	"essay:tip-5-location",
	NULL,
};

const struct cnd_rule cnd_rule_location_sharing = {
	.id = "location-sharing",
	.title = "Location sharing switched on",
	.flags = "Location history, reporting or sharing was switched on during the review period, or posts carried the device's precise location.",
	.severity = CND_SEV_LOW,
	.kinds = CND_KIND_BIT(CND_REC_POST) | CND_KIND_BIT(CND_REC_LOCATION),
	.citations = sharing_cites,
	.state_size = sizeof(struct sharing_state),
	.check = sharing_check,
	.finish = sharing_finish,
};
