/*
 * The workbook's sheets of what the accounts did (xlsx.h): Connections
 * (the client rules' findings, one row per counterpart matched to the
 * register), Locations (the location findings with the place and the
 * distance they carry), Settings (each archive's public/private and
 * location-sharing timeline) and Follow changes (the follows that appeared
 * or disappeared between a subject's successive exports).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "conduct/rules/follows.h"
#include "conduct/base/timeutil.h"

#include "xlsx.h"

/* Whether f is about a counterpart account: a connection's row. */
static int xl_is_connection(const struct cnd_finding *f)
{
	return f->about == CND_ABOUT_FOLLOW ||
	       f->about == CND_ABOUT_MESSAGES ||
	       f->about == CND_ABOUT_ENGAGEMENT;
}

static int xl_is_location(const struct cnd_finding *f)
{
	return f->about == CND_ABOUT_PLACE;
}

/* Findings of the run for which is(f) holds. */
static size_t xl_count(const struct cnd_run *run,
		       int (*is)(const struct cnd_finding *f))
{
	size_t n = 0;

	for (size_t i = 0; i < run->findings.len; i++)
		n += (size_t)is(cnd_run_finding(run, i));
	return n;
}

static const struct xl_col xl_connection_cols[] = {
	{ "Subject", 14, 0, XL_COL_ANY },
	{ "Platform", 12, 0, XL_COL_ANY },
	{ "Kind", 22, 0, XL_COL_ANY },
	{ "Counterpart", 22, 0, XL_COL_ANY },
	{ "Client", 12, 0, XL_COL_ANY },
	{ "Confidence", 12, 0, XL_COL_ANY },
	{ "Severity", 10, 0, XL_COL_ANY },
	{ "Time (UTC)", 20, 0, XL_COL_ANY },
	{ "Detail", 70, 0, XL_COL_ANY },
	{ "Fingerprint", 18, 0, XL_COL_ANY },
};

#define XL_CONNECTION_NCOLS \
	(sizeof(xl_connection_cols) / sizeof(xl_connection_cols[0]))

/* "Follow / follower", "Direct messages", "Like or comment" of a finding. */
static const char *xl_connection_kind(const struct cnd_finding *f)
{
	if (f->about == CND_ABOUT_MESSAGES)
		return "Direct messages";
	if (f->about == CND_ABOUT_ENGAGEMENT)
		return "Like or comment on their content";
	return "Follow, follower or friend";
}

/*
 * The Connections sheet: every follow, follower, friend, request, message
 * partner and engaged-with account that the client rules matched to the
 * register, with the counterpart, the client and how sure the match is.
 * It lists the findings about a counterpart (cnd_finding.about, set by
 * the rules that raise them; the run keeps no record of the connections
 * that matched no client).
 */
void xl_connections(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	size_t n = xl_count(run, xl_is_connection);
	lxw_row_t row = 1;
	char buf[64];

	if (n >= LXW_ROW_MAX) {
		xl_fail(x, "more connections than an Excel sheet can "
			"hold");
		return;
	}
	xl_table(x, ws, 0, xl_connection_cols,
		 XL_CONNECTION_NCOLS, n);
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		const struct cnd_archive *a;

		if (!xl_is_connection(f) ||
		    f->archive >= run->archives.len)
			continue;
		a = cnd_run_archive(run, f->archive);
		xl_str(x, ws, row, 0, a->subject, x->text);
		xl_str(x, ws, row, 1, f->platform, x->text);
		xl_str(x, ws, row, 2, xl_connection_kind(f),
		       x->wrap);
		xl_str(x, ws, row, 3, f->matched, x->wrap);
		xl_str(x, ws, row, 4, f->client, x->text);
		xl_str(x, ws, row, 5,
		       xl_cap(cnd_confidence_name(f->confidence),
			      buf, sizeof(buf)),
		       x->text);
		xl_str(x, ws, row, 6,
		       xl_cap(cnd_severity_name(f->severity), buf,
			      sizeof(buf)),
		       x->text);
		xl_str(x, ws, row, 7,
		       xl_time_utc(f->time, buf, sizeof(buf)),
		       x->text);
		xl_str(x, ws, row, 8, f->evidence, x->wrap);
		xl_str(x, ws, row, 9, f->fingerprint, x->text);
		row++;
	}
	if (!n)
		xl_str(x, ws, row, 0,
		       run->opt.clients ?
			       "no connection, message or engagement "
			       "matched the client register" :
			       "no client register was given, so no "
			       "connection could be matched",
		       x->note);
}

static const struct xl_col xl_location_cols[] = {
	{ "Subject", 14, 0, XL_COL_ANY },
	{ "Platform", 12, 0, XL_COL_ANY },
	{ "Rule", 18, 0, XL_COL_ANY },
	{ "Severity", 10, 0, XL_COL_ANY },
	{ "Time (UTC)", 20, 0, XL_COL_ANY },
	{ "Place", 22, 0, XL_COL_ANY },
	{ "Distance (m)", 12, 0, XL_COL_ANY },
	{ "Distance is", 18, 0, XL_COL_ANY },
	{ "Evidence", 70, 0, XL_COL_ANY },
	{ "Source", 30, 0, XL_COL_ANY },
	{ "Fingerprint", 18, 0, XL_COL_ANY },
};

#define XL_LOCATION_NCOLS \
	(sizeof(xl_location_cols) / sizeof(xl_location_cols[0]))

/*
 * The Locations sheet: every geotag or location record that the location
 * rules found near a sensitive site or a home or work place (findings
 * about a place, cnd_finding.about), with the distance the finding
 * carries.
 */
void xl_locations(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	size_t n = xl_count(run, xl_is_location);
	lxw_row_t row = 1;
	char buf[64];

	if (n >= LXW_ROW_MAX) {
		xl_fail(x, "more locations than an Excel sheet can hold");
		return;
	}
	xl_table(x, ws, 0, xl_location_cols,
		 XL_LOCATION_NCOLS, n);
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);
		static const char *const how[CND_DIST__N] = {
			[CND_DIST_FROM] = "from the place",
			[CND_DIST_WITHIN] = "within, of one spot",
		};

		if (!xl_is_location(f) ||
		    f->archive >= run->archives.len)
			continue;
		xl_str(x, ws, row, 0,
		       cnd_run_archive(run, f->archive)->subject,
		       x->text);
		xl_str(x, ws, row, 1, f->platform, x->text);
		xl_str(x, ws, row, 2, f->rule, x->text);
		xl_str(x, ws, row, 3,
		       xl_cap(cnd_severity_name(f->severity), buf,
			      sizeof(buf)),
		       x->text);
		xl_str(x, ws, row, 4,
		       xl_time_utc(f->time, buf, sizeof(buf)),
		       x->text);
		xl_str(x, ws, row, 5, f->matched, x->wrap);
		if (f->distance_kind > CND_DIST_NONE &&
		    f->distance_kind < CND_DIST__N) {
			xl_numf(x, ws, row, 6, f->distance_m, x->num);
			xl_str(x, ws, row, 7, how[f->distance_kind], x->text);
		} else {
			xl_str(x, ws, row, 7, "not given", x->text);
		}
		xl_str(x, ws, row, 8, f->evidence, x->wrap);
		xl_str(x, ws, row, 9, f->prov.member, x->wrap);
		xl_str(x, ws, row, 10, f->fingerprint, x->text);
		row++;
	}
	if (!n)
		xl_str(x, ws, row, 0,
		       "no geotag or location record was near a sensitive "
		       "site or a home or work place",
		       x->note);
}

static const struct xl_col xl_settings_cols[] = {
	{ "Subject", 16, 0, XL_COL_ANY },
	{ "Archive", 26, 0, XL_COL_ANY },
	{ "Platform", 12, 0, XL_COL_ANY },
	{ "Setting", 18, 0, XL_COL_ANY },
	{ "State", 10, 0, XL_COL_ANY },
	{ "From (UTC)", 20, 0, XL_COL_ANY },
	{ "To (UTC)", 22, 0, XL_COL_ANY },
	{ "How it is known", 50, 0, XL_COL_ANY },
	{ "Recorded as", 16, 0, XL_COL_ANY },
	{ "Source", 30, 0, XL_COL_ANY },
};

#define XL_SETTINGS_NCOLS \
	(sizeof(xl_settings_cols) / sizeof(xl_settings_cols[0]))

static void xl_setting_row(struct xl *x, lxw_worksheet *ws,
			   lxw_row_t row, const struct cnd_archive *a,
			   const struct cnd_setting_interval *iv)
{
	int public = !strcmp(iv->setting, "public");
	int on = !strcmp(iv->value, "on");
	char buf[32];

	xl_str(x, ws, row, 0, a->subject, x->text);
	xl_str(x, ws, row, 1, a->file, x->text);
	xl_str(x, ws, row, 2, iv->platform, x->text);
	xl_str(x, ws, row, 3,
	       public ? "Account public" : "Location sharing", x->text);
	xl_str(x, ws, row, 4,
	       public ? (on ? "Public" : "Private") : (on ? "On" : "Off"),
	       x->text);
	xl_str(x, ws, row, 5,
	       iv->from == CND_TIME_NONE ?
		       (iv->undated ? "not known" :
				      "before the first record") :
		       xl_time_utc(iv->from, buf, sizeof(buf)),
	       x->text);
	xl_str(x, ws, row, 6,
	       iv->to == CND_TIME_NONE ?
		       "still so when exported" :
		       xl_time_utc(iv->to, buf, sizeof(buf)),
	       x->text);
	xl_str(x, ws, row, 7,
	       iv->undated ? "the export gives this state without a "
			     "date: it held when the export was made" :
	       iv->inferred ? "inferred: the opposite of the first "
			      "recorded change" :
			      "a dated change in the export",
	       x->wrap);
	xl_str(x, ws, row, 8, iv->source, x->text);
	xl_str(x, ws, row, 9, iv->prov.member, x->wrap);
}

/*
 * The Settings sheet: every archive's settings timeline, one row per
 * interval in which the account was public or private, or location
 * sharing on or off.
 */
void xl_settings(struct xl *x, lxw_worksheet *ws, const struct cnd_run *run)
{
	size_t nrows = 0;
	lxw_row_t row = 1;

	for (size_t i = 0; i < run->archives.len; i++)
		nrows += cnd_run_archive(run, i)->n_settings;
	if (nrows >= LXW_ROW_MAX) {
		xl_fail(x, "more settings rows than an Excel sheet can hold");
		return;
	}
	xl_table(x, ws, 0, xl_settings_cols,
		 XL_SETTINGS_NCOLS, nrows);
	for (size_t i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *a = cnd_run_archive(run, i);

		for (size_t j = 0; j < a->n_settings; j++, row++)
			xl_setting_row(x, ws, row, a, &a->settings[j]);
	}
	if (!nrows)
		xl_str(x, ws, row, 0,
		       "the exports hold no privacy or location setting "
		       "history",
		       x->note);
}

static const struct xl_col xl_follow_cols[] = {
	{ "Subject", 16, 0, XL_COL_ANY },
	{ "Platform", 14, 0, XL_COL_ANY },
	{ "Subject's account", 18, 0, XL_COL_ANY },
	{ "Change", 12, 0, XL_COL_ANY },
	{ "What changed", 34, 0, XL_COL_ANY },
	{ "Other account", 24, 0, XL_COL_ANY },
	{ "Changed after", 13, 0, XL_COL_ANY },
	{ "Changed by", 13, 0, XL_COL_ANY },
	{ "Exact date (UTC)", 20, 0, XL_COL_ANY },
	{ "How it is known", 50, 0, XL_COL_ANY },
	{ "Earlier export", 26, 0, XL_COL_ANY },
	{ "Later export", 26, 0, XL_COL_ANY },
};

#define XL_FOLLOW_NCOLS \
	(sizeof(xl_follow_cols) / sizeof(xl_follow_cols[0]))

/* The change in plain words, from the subject's side. */
static const char *xl_follow_what(const struct cnd_follow_change *c)
{
	static const char *const words[][2] = {
		{ "stopped following them", "started following them" },
		{ "they stopped following the subject",
		  "they started following the subject" },
		{ "no longer friends", "became friends" },
		{ "follow request to them no longer pending",
		  "sent them a follow request" },
		{ "their follow request no longer pending",
		  "received a follow request from them" },
	};

	if ((unsigned)c->dir >= sizeof(words) / sizeof(words[0]))
		return c->appeared ? "appeared" : "disappeared";
	return words[c->dir][c->appeared ? 1 : 0];
}

static void xl_follow_row(struct xl *x, lxw_worksheet *ws,
			  lxw_row_t row, const struct cnd_run *run,
			  const struct cnd_follow_change *c)
{
	const struct cnd_archive *e = cnd_run_archive(run, c->earlier);
	const struct cnd_archive *l = cnd_run_archive(run, c->later);
	char buf[128], day[32];

	xl_str(x, ws, row, 0, c->subject, x->text);
	if (c->label)
		snprintf(buf, sizeof(buf), "%s: %s", xl_platform(l),
			 c->label);
	xl_str(x, ws, row, 1, c->label ? buf : xl_platform(l),
	       x->text);
	xl_str(x, ws, row, 2, c->account, x->text);
	xl_str(x, ws, row, 3, c->appeared ? "Appeared" : "Disappeared",
	       x->text);
	xl_str(x, ws, row, 4, xl_follow_what(c), x->wrap);
	xl_str(x, ws, row, 5, c->who, x->text);
	xl_str(x, ws, row, 6, xl_day(c->from, day, sizeof(day)),
	       x->text);
	xl_str(x, ws, row, 7, xl_day(c->to, day, sizeof(day)),
	       x->text);
	xl_str(x, ws, row, 8,
	       c->time == CND_TIME_NONE ?
		       "" : xl_time_utc(c->time, buf, sizeof(buf)),
	       x->text);
	xl_str(x, ws, row, 9,
	       !c->appeared ?
		       "in the earlier export only: it ended after the "
		       "earlier export was made and by the time the "
		       "later one was (exports give no date for an "
		       "ending)" :
	       c->time != CND_TIME_NONE ?
		       "in the later export only, which dates it" :
		       "in the later export only: it began after the "
		       "earlier export was made and by the time the "
		       "later one was",
	       x->wrap);
	xl_str(x, ws, row, 10, e->file, x->text);
	xl_str(x, ws, row, 11, l->file, x->text);
}

/*
 * The Follow changes sheet: when a subject handed in successive exports of
 * one account, the follows that appeared or disappeared between each
 * export and the next, one row per change, with the dates between which
 * it happened. Never the whole list of follows.
 */
void xl_follow_changes(struct xl *x, lxw_worksheet *ws,
		       const struct cnd_run *run)
{
	lxw_row_t row = 1;

	if (run->n_follow_changes >= LXW_ROW_MAX) {
		xl_fail(x, "more follow changes than an Excel sheet can "
			"hold");
		return;
	}
	xl_table(x, ws, 0, xl_follow_cols, XL_FOLLOW_NCOLS,
		 run->n_follow_changes);
	for (size_t i = 0; i < run->n_follow_changes; i++, row++)
		xl_follow_row(x, ws, row, run, &run->follow_changes[i]);
	if (!run->n_follow_pairs)
		xl_str(x, ws, row, 0,
		       "no subject handed in successive exports of one "
		       "account (give them with one --subject, or on "
		       "one manifest row)",
		       x->note);
	else if (!run->n_follow_changes)
		xl_str(x, ws, row, 0,
		       "no follow changed between successive exports",
		       x->note);
}
