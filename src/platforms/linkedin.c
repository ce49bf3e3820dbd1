/*
 * LinkedIn: reads the CSV files of the archive a person downloads from
 * "Settings > Data privacy > Get a copy of your data" and turns them into
 * records: connections (friends: a connection is mutual), invitations
 * sent and received (follow requests), people and companies followed,
 * shares (posts, with their visibility), messages, searches, reactions
 * (likes) and comments. Profile.csv names the account. Each CSV reaches
 * the handlers one row at a time as a JSON object keyed by the lower-cased
 * header (the core handles the preamble, the BOM, UTF-16LE and tabs), so
 * every column is looked up by its lower-cased name and several spellings
 * are tried.
 *
 * Telling sent from received messages: the 2018 Messages.csv has a
 * DIRECTION column. The 2022 messages.csv has none, so a message is sent
 * when its FROM is the account owner's name from Profile.csv ("First
 * Name" + "Last Name", read before the other files). Without Profile.csv
 * the messages are held back, the owner is taken to be the name that takes
 * part (FROM or TO) in the most messages (the owner takes part in all of
 * them), and a warning says so.
 *
 * Layouts read (FORMATS.md section 8; real archives seen in 2018 and
 * 2022, the 2023+ Connections.csv with URL from importers' fixtures):
 *
 *   Complete_LinkedInDataExport_MM-DD-YYYY.zip (or Basic_...): CSVs at the
 *   root, Jobs/ and other folders beside them
 *   Connections.csv     2018: First Name,Last Name,Email Address,Company,
 *                       Position,Connected On ("1/8/18, 6:14 PM")
 *                       2022: "Notes:" preamble of 3 lines, same header,
 *                       "09 Sep 2022"; 2023+: URL after Last Name
 *   Shares.csv          2018: UTF-16LE + BOM, TAB-separated, "Date"
 *                       ("2017/06/08 08:15:44 UTC"), "Share Title",
 *                       "Share Description", "Share Link", "Share
 *                       Commentary", "Shared URL", "Media URL", "Type",
 *                       "Visibility" (Connections / Public)
 *                       2022: Date,ShareLink,ShareCommentary,SharedURL,
 *                       MediaURL,Visibility (MEMBER_NETWORK / PUBLIC);
 *                       multi-line quoted commentary
 *   messages.csv        2022: CONVERSATION ID,CONVERSATION TITLE,FROM,
 *                       SENDER PROFILE URL,TO,DATE ("2022-09-08 18:08:14
 *                       UTC"),SUBJECT,CONTENT,FOLDER (newer files are
 *                       reported to add RECIPIENT PROFILE URLS after TO)
 *   Messages.csv        2018: From,To,Date,Subject,Content,Direction,Folder
 *   SearchQueries.csv   Time,Search Query ("2022/07/21 20:53:18 UTC");
 *                       2018 "Search Queries.csv" in UTF-16LE
 *   Invitations.csv     From,To,Sent At,Message,Direction (INCOMING /
 *                       OUTGOING),inviterProfileUrl,inviteeProfileUrl
 *                       (dates read with the same parsers as the rest)
 *   Member_Follows.csv  Date,Status (Active; others are ended follows,
 *                       not counted),FullName (the profile slug is taken
 *                       from a connection or message sender of that name)
 *   Company Follows.csv Organization,Followed On ("Tue Aug 30 14:33:11 UTC
 *                       2022", Java's Date.toString(), as issue 18 reports
 *                       from real exports)
 *   Reactions.csv       Date,Type,Link
 *   Comments.csv        Date,Link,Message
 *   Profile.csv         First Name,Last Name,Maiden Name,Headline,...
 *
 * The columns of Invitations.csv, Company Follows.csv and Profile.csv come
 * from importers' descriptions, not from a real file. Dates without a
 * zone are taken as UTC. Every date is read by the time facility
 * (timeutil.h): the month-first ones with cnd_time_parse_us(), the rest
 * with cnd_time_parse_any().
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/parse/json.h"
#include "conduct/platforms/fields.h"
#include "conduct/platforms/platform.h"
#include "conduct/model/record.h"
#include "conduct/base/strmap.h"
#include "conduct/base/timeutil.h"

extern const struct cnd_platform cnd_platform_linkedin;

/* A message held back until the owner is known (no Profile.csv). */
struct li_msg {
	int64_t time;
	const char *from, *to, *from_url, *to_url, *text, *conv, *member;
	long long item;
};

/* A member follow, held until every connection's URL is known. */
struct li_follow {
	int64_t time;
	const char *name, *member;
	long long item;
};

struct li_state {
	const char *owner; /* "First Last" from Profile.csv */
	struct cnd_vec held; /* struct li_msg */
	struct cnd_vec follows; /* struct li_follow */
	struct cnd_strmap slugs; /* lower-cased name -> profile slug */
	unsigned profile_seen : 1;
};

/* --- Values --- */

/*
 * Any date LinkedIn writes, month first where it is ambiguous; unreadable
 * ones are said as "unreadable date '...': kept without a time".
 */
static const struct cnd_date_say date_say = { CND_DATE_SAY_TEXT, NULL, NULL,
					      "date" };

/* The <slug> of https://www.linkedin.com/in/<slug>/ ; NULL otherwise. */
static const char *li_slug(struct cnd_scan *s, const char *url)
{
	const char *p;
	size_t n;

	if (!url)
		return NULL;
	p = strstr(url, "/in/");
	if (!p)
		return NULL;
	p += 4;
	n = strcspn(p, "/?#");
	return n ? cnd_arena_strndup(cnd_scan_scratch(s), p, n) : NULL;
}

/* "First" + " " + "Last", either may be missing. */
static const char *li_name(struct cnd_scan *s, const char *first,
			   const char *last)
{
	if (first && last)
		return cnd_arena_printf(cnd_scan_scratch(s), "%s %s", first,
					last);
	return first ? first : last;
}

static char li_ambiguous[] = "";

/*
 * Remember that a person of this name has this profile slug. Two people
 * may share a name: a name seen with two different slugs is remembered as
 * ambiguous (""), so that a follow by that name is never given either.
 */
static void li_learn(struct cnd_scan *s, const char *name, const char *slug)
{
	struct li_state *st = cnd_scan_state(s);
	const char *had;
	char *key, *p;

	if (!name || !slug)
		return;
	key = cnd_arena_strdup(cnd_scan_scratch(s), name);
	for (p = key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	had = cnd_strmap_get(&st->slugs, key);
	if (!had)
		cnd_strmap_put(&st->slugs, key,
			       cnd_arena_strdup(cnd_scan_arena(s), slug));
	else if (*had && strcmp(had, slug))
		cnd_strmap_put(&st->slugs, key, li_ambiguous);
}

/* The one slug learnt for a name; NULL when none or ambiguous. */
static const char *li_lookup(struct cnd_scan *s, const char *name)
{
	struct li_state *st = cnd_scan_state(s);
	const char *slug;
	char *key, *p;

	if (!name)
		return NULL;
	key = cnd_arena_strdup(cnd_scan_scratch(s), name);
	for (p = key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	slug = cnd_strmap_get(&st->slugs, key);
	return slug && *slug ? slug : NULL;
}

/* --- Profile.csv --- */

static int li_profile(struct cnd_scan *s, json_t *row, long long index)
{
	struct li_state *st = cnd_scan_state(s);
	const char *name;

	if (st->profile_seen)
		return CND_OK; /* one row; later rows are not the owner */
	name = li_name(s,
		       cnd_field_get(cnd_scan_scratch(s), row, "first name",
				     CND_FIELD_TRIM),
		       cnd_field_get(cnd_scan_scratch(s), row, "last name",
				     CND_FIELD_TRIM));
	if (!name) {
		cnd_scan_diag(s, CND_WARN, index,
			      "profile has no 'First Name' or 'Last Name'");
		return CND_OK;
	}
	st->profile_seen = 1;
	st->owner = cnd_arena_strdup(cnd_scan_arena(s), name);
	cnd_scan_set_account(s, st->owner);
	return CND_OK;
}

/* --- Connections, invitations, follows --- */

static int li_connection(struct cnd_scan *s, json_t *row, long long index)
{
	struct cnd_record r = { 0 };
	const char *url =
		cnd_field_get(cnd_scan_scratch(s), row, "url", CND_FIELD_TRIM);

	r.kind = CND_REC_FOLLOW;
	r.dir = CND_FOLLOW_FRIEND; /* a connection is mutual */
	r.category = "person";
	r.counterpart.name =
		li_name(s,
			cnd_field_get(cnd_scan_scratch(s), row, "first name",
				      CND_FIELD_TRIM),
			cnd_field_get(cnd_scan_scratch(s), row, "last name",
				      CND_FIELD_TRIM));
	r.counterpart.handle = li_slug(s, url);
	r.id = url;
	li_learn(s, r.counterpart.name, r.counterpart.handle);
	if (!r.counterpart.name && !r.counterpart.handle) {
		cnd_scan_diag(s, CND_WARN, index,
			      "connection has neither a name nor a URL: skipped");
		return CND_OK;
	}
	r.time = cnd_field_date_read(s, index,
				     cnd_field_get(cnd_scan_scratch(s), row,
						   "connected on",
						   CND_FIELD_TRIM),
				     CND_DATE_US, &date_say);
	return cnd_emit(s, &r);
}

static int li_invitation(struct cnd_scan *s, json_t *row, long long index)
{
	struct cnd_record r = { 0 };
	const char *dir = cnd_field_get(cnd_scan_scratch(s), row, "direction",
					CND_FIELD_TRIM);
	int out;

	if (!dir || (strcasecmp(dir, "OUTGOING") && strcasecmp(dir, "INCOMING"))) {
		cnd_scan_diag(s, CND_WARN, index,
			      "invitation has no 'Direction' (INCOMING or OUTGOING): skipped");
		return CND_OK;
	}
	out = !strcasecmp(dir, "OUTGOING");
	r.kind = CND_REC_FOLLOW;
	r.dir = out ? CND_FOLLOW_REQUEST_SENT : CND_FOLLOW_REQUEST_RECEIVED;
	r.category = "person";
	r.counterpart.name = cnd_field_get(cnd_scan_scratch(s), row,
					   out ? "to" : "from", CND_FIELD_TRIM);
	r.counterpart.handle =
		li_slug(s, cnd_field_get(cnd_scan_scratch(s), row,
					 out ? "inviteeprofileurl"
					     : "inviterprofileurl",
					 CND_FIELD_TRIM));
	r.text = cnd_field_get(cnd_scan_scratch(s), row, "message",
			       CND_FIELD_TRIM);
	r.time = cnd_field_date_read(s, index,
				     CND_FIELD_FIRST(cnd_scan_scratch(s), row,
						     CND_FIELD_TRIM, "sent at",
						     "date"),
				     CND_DATE_US, &date_say);
	return cnd_emit(s, &r);
}

/*
 * Member_Follows.csv names people only: held until finish, when the
 * profile slugs of connections and message senders of the same name are
 * known, so that a followed connection is one relationship, not two.
 */
static int li_member_follow(struct cnd_scan *s, json_t *row, long long index)
{
	struct li_state *st = cnd_scan_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);
	const char *status = cnd_field_get(cnd_scan_scratch(s), row, "status",
					   CND_FIELD_TRIM);
	const char *name =
		CND_FIELD_FIRST(cnd_scan_scratch(s), row, CND_FIELD_TRIM,
				"fullname", "full name", "name");
	struct li_follow *f;

	if (status && strcasecmp(status, "Active"))
		return CND_OK; /* an ended follow: no longer followed */
	if (!name) {
		cnd_scan_diag(s, CND_WARN, index,
			      "member follow has no 'FullName': skipped");
		return CND_OK;
	}
	f = cnd_vec_push(&st->follows);
	f->time = cnd_field_date_read(
		s, index,
		cnd_field_get(cnd_scan_scratch(s), row, "date", CND_FIELD_TRIM),
		CND_DATE_US, &date_say);
	f->name = cnd_arena_strdup(a, name);
	f->member = cnd_arena_strdup(a, cnd_scan_member(s));
	f->item = index;
	return CND_OK;
}

static int li_emit_follows(struct cnd_scan *s)
{
	struct li_state *st = cnd_scan_state(s);
	size_t i;
	int ret = CND_OK;

	for (i = 0; i < st->follows.len && ret < CND_FATAL; i++) {
		const struct li_follow *f = cnd_vec_at(&st->follows, i);
		struct cnd_record r = { 0 };

		r.kind = CND_REC_FOLLOW;
		r.dir = CND_FOLLOW_FOLLOWING;
		r.category = "person";
		r.time = f->time;
		r.counterpart.name = f->name;
		r.counterpart.handle = li_lookup(s, f->name);
		r.prov.member = f->member;
		r.prov.item = f->item;
		ret = cnd_emit(s, &r);
		cnd_arena_reset(cnd_scan_scratch(s));
	}
	return ret;
}

static int li_company_follow(struct cnd_scan *s, json_t *row, long long index)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_FOLLOW;
	r.dir = CND_FOLLOW_FOLLOWING;
	r.category = "company";
	r.counterpart.name =
		CND_FIELD_FIRST(cnd_scan_scratch(s), row, CND_FIELD_TRIM,
				"organization", "company", "name");
	if (!r.counterpart.name) {
		cnd_scan_diag(s, CND_WARN, index,
			      "company follow has no 'Organization': skipped");
		return CND_OK;
	}
	r.time = cnd_field_date_read(s, index,
				     CND_FIELD_FIRST(cnd_scan_scratch(s), row,
						     CND_FIELD_TRIM,
						     "followed on", "date"),
				     CND_DATE_US, &date_say);
	return cnd_emit(s, &r);
}

/* --- Shares, reactions, comments, searches --- */

static const char *li_visibility(const char *v)
{
	if (!v)
		return NULL;
	if (!strcasecmp(v, "PUBLIC") || !strcasecmp(v, "Public") ||
	    !strcasecmp(v, "LOGGED_IN") || !strcasecmp(v, "LOGGED_IN_MEMBERS"))
		return "public";
	if (!strcasecmp(v, "MEMBER_NETWORK") || !strcasecmp(v, "CONNECTIONS") ||
	    !strcasecmp(v, "CONNECTIONS_ONLY"))
		return "followers";
	return NULL;
}

static int li_share(struct cnd_scan *s, json_t *row, long long index)
{
	struct cnd_record r = { 0 };
	const char *vis = cnd_field_get(cnd_scan_scratch(s), row, "visibility",
					CND_FIELD_TRIM);

	r.kind = CND_REC_POST;
	r.id = CND_FIELD_FIRST(cnd_scan_scratch(s), row, CND_FIELD_TRIM,
			       "sharelink", "share link");
	r.text = CND_FIELD_FIRST(cnd_scan_scratch(s), row, CND_FIELD_TRIM,
				 "sharecommentary", "share commentary",
				 "commentary", "share description",
				 "share title");
	r.visibility = li_visibility(vis);
	if (vis && !r.visibility)
		cnd_scan_diag(s, CND_WARN, index,
			      "share has an unknown visibility '%s': left unknown",
			      vis);
	r.time = cnd_field_date_read(
		s, index,
		cnd_field_get(cnd_scan_scratch(s), row, "date", CND_FIELD_TRIM),
		CND_DATE_US, &date_say);
	if (!r.id && !r.text &&
	    !CND_FIELD_FIRST(cnd_scan_scratch(s), row, CND_FIELD_TRIM,
			     "sharedurl", "shared url", "mediaurl",
			     "media url")) {
		cnd_scan_diag(s, CND_WARN, index, "share is empty: skipped");
		return CND_OK;
	}
	return cnd_emit(s, &r);
}

static int li_reaction(struct cnd_scan *s, json_t *row, long long index)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_LIKE;
	r.id = cnd_field_get(cnd_scan_scratch(s), row, "link", CND_FIELD_TRIM);
	r.label =
		cnd_field_get(cnd_scan_scratch(s), row, "type",
			      CND_FIELD_TRIM); /* LIKE, PRAISE, EMPATHY, ... */
	if (!r.id) {
		cnd_scan_diag(s, CND_WARN, index,
			      "reaction has no 'Link': skipped");
		return CND_OK;
	}
	r.time = cnd_field_date_read(
		s, index,
		cnd_field_get(cnd_scan_scratch(s), row, "date", CND_FIELD_TRIM),
		CND_DATE_US, &date_say);
	return cnd_emit(s, &r);
}

static int li_comment(struct cnd_scan *s, json_t *row, long long index)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_COMMENT;
	r.id = cnd_field_get(cnd_scan_scratch(s), row, "link", CND_FIELD_TRIM);
	r.text = cnd_field_get(cnd_scan_scratch(s), row, "message",
			       CND_FIELD_TRIM);
	if (!r.text) {
		cnd_scan_diag(s, CND_WARN, index,
			      "comment has no 'Message': skipped");
		return CND_OK;
	}
	r.time = cnd_field_date_read(
		s, index,
		cnd_field_get(cnd_scan_scratch(s), row, "date", CND_FIELD_TRIM),
		CND_DATE_US, &date_say);
	return cnd_emit(s, &r);
}

static int li_search(struct cnd_scan *s, json_t *row, long long index)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_SEARCH;
	r.text = CND_FIELD_FIRST(cnd_scan_scratch(s), row, CND_FIELD_TRIM,
				 "search query", "searchquery", "query");
	if (!r.text) {
		cnd_scan_diag(s, CND_WARN, index,
			      "search has no 'Search Query': skipped");
		return CND_OK;
	}
	r.time = cnd_field_date_read(s, index,
				     CND_FIELD_FIRST(cnd_scan_scratch(s), row,
						     CND_FIELD_TRIM, "time",
						     "date"),
				     CND_DATE_US, &date_say);
	return cnd_emit(s, &r);
}

/* --- Messages --- */

static int li_same_name(const char *a, const char *b)
{
	return a && b && !strcasecmp(a, b);
}

static int li_message_emit(struct cnd_scan *s, const struct li_msg *m,
			   int outgoing)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_MESSAGE;
	r.time = m->time;
	r.text = m->text;
	r.conversation = m->conv;
	r.outgoing = (unsigned)outgoing;
	if (outgoing) {
		r.counterpart.name = m->to;
		r.counterpart.handle = li_slug(s, m->to_url);
	} else {
		r.counterpart.name = m->from;
		r.counterpart.handle = li_slug(s, m->from_url);
	}
	if (m->member) {
		r.prov.member = m->member;
		r.prov.item = m->item;
	}
	return cnd_emit(s, &r);
}

static int li_message(struct cnd_scan *s, json_t *row, long long index)
{
	struct li_state *st = cnd_scan_state(s);
	struct cnd_arena *a = cnd_scan_arena(s);
	const char *dir = cnd_field_get(cnd_scan_scratch(s), row, "direction",
					CND_FIELD_TRIM);
	struct li_msg m = { 0 }, *h;

	m.from =
		cnd_field_get(cnd_scan_scratch(s), row, "from", CND_FIELD_TRIM);
	m.to = cnd_field_get(cnd_scan_scratch(s), row, "to", CND_FIELD_TRIM);
	m.from_url = cnd_field_get(cnd_scan_scratch(s), row,
				   "sender profile url", CND_FIELD_TRIM);
	m.to_url = cnd_field_get(cnd_scan_scratch(s), row,
				 "recipient profile urls", CND_FIELD_TRIM);
	if (m.to_url && strchr(m.to_url, ','))
		m.to_url = NULL; /* a group: several recipients */
	m.text = CND_FIELD_FIRST(cnd_scan_scratch(s), row, CND_FIELD_TRIM,
				 "content", "subject");
	m.conv = CND_FIELD_FIRST(cnd_scan_scratch(s), row, CND_FIELD_TRIM,
				 "conversation id", "conversation title");
	m.time = cnd_field_date_read(
		s, index,
		cnd_field_get(cnd_scan_scratch(s), row, "date", CND_FIELD_TRIM),
		CND_DATE_US, &date_say);
	li_learn(s, m.from, li_slug(s, m.from_url));
	if (!m.from && !m.to && !m.text) {
		cnd_scan_diag(s, CND_WARN, index, "message is empty: skipped");
		return CND_OK;
	}
	if (dir && !strcasecmp(dir, "OUTGOING"))
		return li_message_emit(s, &m, 1);
	if (dir && !strcasecmp(dir, "INCOMING"))
		return li_message_emit(s, &m, 0);
	if (st->owner)
		return li_message_emit(s, &m, li_same_name(m.from, st->owner));
	/* owner unknown: hold the message until every one has been seen */
	h = cnd_vec_push(&st->held);
	h->time = m.time;
	h->from = cnd_arena_strdup(a, m.from);
	h->to = cnd_arena_strdup(a, m.to);
	h->from_url = cnd_arena_strdup(a, m.from_url);
	h->to_url = cnd_arena_strdup(a, m.to_url);
	h->text = cnd_arena_strdup(a, m.text);
	h->conv = cnd_arena_strdup(a, m.conv);
	h->member = cnd_arena_strdup(a, cnd_scan_member(s));
	h->item = index;
	return CND_OK;
}

/* The name taking part in the most held messages (FROM or TO). */
static const char *li_guess_owner(struct li_state *st)
{
	struct cnd_strmap seen;
	const char *best = NULL;
	uintptr_t best_n = 0;
	size_t i, k;

	cnd_strmap_init(&seen);
	for (i = 0; i < st->held.len; i++) {
		const struct li_msg *m = cnd_vec_at(&st->held, i);
		const char *names[2] = { m->from, m->to };

		for (k = 0; k < 2; k++) {
			uintptr_t n;

			if (!names[k] || (k && li_same_name(m->from, m->to)))
				continue;
			n = (uintptr_t)cnd_strmap_get(&seen, names[k]) + 1;
			cnd_strmap_put(&seen, names[k], (void *)n);
			if (n > best_n) {
				best_n = n;
				best = names[k];
			}
		}
	}
	cnd_strmap_release(&seen);
	return best;
}

static int li_finish(struct cnd_scan *s)
{
	struct li_state *st = cnd_scan_state(s);
	const char *owner;
	size_t i;
	int ret = CND_OK;

	ret = li_emit_follows(s);
	if (!st->profile_seen)
		cnd_scan_gap(s,
			     "no Profile.csv: the account owner's name is not in the export");
	if (!st->held.len)
		return ret;
	owner = li_guess_owner(st);
	cnd_scan_diag(s, CND_WARN, -1,
		      "no Profile.csv: messages from '%s' (the person in the most messages) were taken as sent by the account",
		      owner ? owner : "?");
	for (i = 0; i < st->held.len && ret < CND_FATAL; i++) {
		const struct li_msg *m = cnd_vec_at(&st->held, i);

		ret = li_message_emit(s, m, li_same_name(m->from, owner));
		cnd_arena_reset(cnd_scan_scratch(s));
	}
	return ret;
}

static int li_begin(struct cnd_scan *s)
{
	struct li_state *st = cnd_scan_state(s);

	cnd_vec_init(&st->held, sizeof(struct li_msg));
	cnd_vec_init(&st->follows, sizeof(struct li_follow));
	cnd_strmap_init(&st->slugs);
	return CND_OK;
}

static void li_release(struct cnd_scan *s)
{
	struct li_state *st = cnd_scan_state(s);

	cnd_vec_release(&st->held);
	cnd_vec_release(&st->follows);
	cnd_strmap_release(&st->slugs);
}

static const struct cnd_handler li_handlers[] = {
	{ "Profile.csv", CND_KIND_CSV, NULL, li_profile,
	  "profile (the account owner's name)",
	  CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS, NULL },
	{ "Connections.csv", CND_KIND_CSV, NULL, li_connection,
	  "connections", 0, NULL },
	{ "Invitations.csv", CND_KIND_CSV, NULL, li_invitation,
	  "invitations sent and received", 0, NULL },
	{ "Member_Follows.csv", CND_KIND_CSV, NULL, li_member_follow,
	  "members followed", 0, NULL },
	{ "Company Follows.csv", CND_KIND_CSV, NULL, li_company_follow,
	  "companies followed", 0, NULL },
	{ "Shares.csv", CND_KIND_CSV, NULL, li_share, "shares (posts)", 0,
	  NULL },
	{ "[Mm]essages.csv", CND_KIND_CSV, NULL, li_message, "messages", 0,
	  NULL },
	{ "SearchQueries.csv", CND_KIND_CSV, NULL, li_search, "searches", 0,
	  NULL },
	{ "Search Queries.csv", CND_KIND_CSV, NULL, li_search, "searches", 0,
	  NULL },
	{ "Reactions.csv", CND_KIND_CSV, NULL, li_reaction,
	  "reactions (likes)", 0, NULL },
	{ "Comments.csv", CND_KIND_CSV, NULL, li_comment, "comments", 0, NULL },
	{ NULL, CND_KIND_JSON, NULL, NULL, NULL, 0, NULL },
};

static const char *const li_ignore[] = {
	/* every other file: known, needed by no rule yet */
	"*.csv",
	"*.html",
	NULL,
};

const struct cnd_platform cnd_platform_linkedin = {
	.name = "linkedin",
	.title = "LinkedIn",
	.handlers = li_handlers,
	.ignore = li_ignore,
	.state_size = sizeof(struct li_state),
	.begin = li_begin,
	.finish = li_finish,
	.release = li_release,
};
