/*
 * TikTok exports requested as TXT: one file per section, each a list of
 * records of "Key: value" lines separated by blank lines (FORMATS.md
 * section "HTML exports", TikTok TXT; a real 2025 export):
 *
 *   Activity/Following.txt     Date: 2025-01-05 10:11:12
 *                              Username: alex_s
 *                              (blank line)
 *   Activity/Searches.txt      Date: ..., Search Term: ...
 *   Activity/Like List.txt     Date: ..., Link: https://...
 *   Post/Posts.txt             Date, Link, Likes, Who Can View, Title, ...
 *   Profile/Profile Info.txt   Username: ..., Follower Count: ...
 *
 * Each record becomes a small JSON object of its keys (also with the
 * spaces taken out, "Search Term" -> "SearchTerm", as the JSON spells
 * them) and goes through the JSON reader's own section functions
 * (tiktok.h), so both formats give the same records. The file is read
 * line by line: memory is that of one record. An empty file is an empty
 * section.
 *
 * The 2019-20 generation is the same folder form with older names and
 * keys: Videos/Videos.txt and Activity/Like List.txt records of "Date",
 * "Video Link" (the JSON's older "VideoLink") and, for videos, "Like(s)"
 * (public downloaders of those exports; fixtures/tiktok/txt-2020/NOTES).
 *
 * Direct messages (Direct Messages.txt; its name is verified, its inside
 * is not) are read as the JSON's "Chat History with <user>:" keys spell
 * them: a heading line "Chat History with riley_sample:", then a record of
 * Date, From and Content per message. Settings.txt is a record (or
 * several) of "Label: value" lines, the JSON's SettingsMap; Most Recent
 * Location Data.txt a record of Date, GpsData and LastRegion. A line that
 * is neither a key nor a value going on is counted, in one warning per
 * file; "You have no data in this section" is an empty section. Not read:
 * the single user_data.txt said to hold older generations (no public
 * parser, description or sample of its inside was found; tiktok.c reports
 * it as unread).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/model/record.h"
#include "conduct/platforms/fields.h"
#include "tiktok.h"

#define TXT_LINE_MAX (1024 * 1024) /* a longer line is cut */

enum txt_kind { TXT_PROFILE, TXT_POST, TXT_FOLLOWING, TXT_FOLLOWER,
		TXT_SEARCH, TXT_LIKE, TXT_COMMENT, TXT_DM, TXT_SETTINGS,
		TXT_LOCATION };

struct txt_run {
	struct cnd_scan *s;
	enum txt_kind kind;
	json_t *rec;	   /* the record being gathered, or NULL */
	long long index;   /* records handed over */
	char last[128];	   /* the last key set (continued lines) */
	char last_sq[128]; /* the same without spaces */
	unsigned long cut; /* lines over TXT_LINE_MAX */
	unsigned long stray; /* lines neither a key nor a continuation */
	long long first_stray; /* the first one's line number */
	long long lineno;
	char conv[512];	   /* messages: the conversation's heading */
	int ret;
};

static void alias(json_t *rec, const char *txt, const char *json)
{
	json_t *v = json_object_get(rec, txt);

	if (v && !json_object_get(rec, json))
		json_object_set(rec, json, v);
}

static int hand_over(struct txt_run *t)
{
	struct cnd_scan *s = t->s;
	long long i = t->index;
	int r = CND_OK;

	if (!t->rec)
		return CND_OK;
	/* a location of "N/A" is the usual placeholder, not a lost record */
	if (t->kind != TXT_LOCATION ||
	    cnd_field_get(cnd_scan_scratch(s), t->rec, "GpsData",
			  CND_FIELD_PLACEHOLDER))
		cnd_scan_entry(s);
	switch (t->kind) {
	case TXT_PROFILE:
		/* the JSON's spellings of the profile's keys */
		alias(t->rec, "Username", "userName");
		alias(t->rec, "Follower Count", "followerCount");
		alias(t->rec, "Following Count", "followingCount");
		tk_profile(s, t->rec);
		break;
	case TXT_POST:
		r = tk_post(s, t->rec, i);
		break;
	case TXT_FOLLOWING:
		r = tk_follow(s, t->rec, i, CND_FOLLOW_FOLLOWING,
			      "following list");
		break;
	case TXT_FOLLOWER:
		r = tk_follow(s, t->rec, i, CND_FOLLOW_FOLLOWER,
			      "follower list");
		break;
	case TXT_SEARCH:
		r = tk_simple(s, t->rec, i, CND_REC_SEARCH, "search");
		break;
	case TXT_LIKE:
		r = tk_simple(s, t->rec, i, CND_REC_LIKE, "like");
		break;
	case TXT_COMMENT:
		r = tk_simple(s, t->rec, i, CND_REC_COMMENT, "comment");
		break;
	case TXT_DM:
		r = tk_message(s, t->conv[0] ? t->conv : NULL, t->rec);
		break;
	case TXT_SETTINGS:
		r = tk_settings(s, t->rec);
		break;
	case TXT_LOCATION:
		r = tk_location(s, t->rec);
		break;
	}
	json_decref(t->rec);
	t->rec = NULL;
	t->last[0] = t->last_sq[0] = '\0';
	t->index++;
	cnd_arena_reset(cnd_scan_scratch(s));
	return r;
}

/* Set key (and its spelling without spaces) to the text v. */
static void set(struct txt_run *t, const char *key, const char *sq,
		const char *v)
{
	json_t *val = json_string(v);

	if (!val) /* not UTF-8: kept as absent, as a placeholder would be */
		val = json_string("");
	json_object_set(t->rec, key, val);
	/* a setting's label is its name: no second spelling of it */
	if (strcmp(sq, key) && t->kind != TXT_SETTINGS)
		json_object_set(t->rec, sq, val);
	json_decref(val);
}

/*
 * The line an empty section holds instead of records: "You have no data
 * in this section" (English), as a data-donation study's TXT TikTok
 * parser lists them, with its Dutch wordings.
 */
static int empty_sentinel(const char *l)
{
	static const char *const words[] = {
		"You have no data in this section",
		"Dit gedeelte bevat geen gegevens",
		"Er staan geen gegevens in dit gedeelte",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strncasecmp(l, words[i], strlen(words[i])))
			return 1;
	return 0;
}

/* One line, without its end: a key, a continuation, or a record's end. */
static int line(struct txt_run *t, char *l, size_t n)
{
	char *colon, *v;
	size_t k, i, j;

	if (!t->lineno++ && n >= 3 && !memcmp(l, "\xef\xbb\xbf", 3)) {
		l += 3; /* a byte-order mark */
		n -= 3;
	}
	while (n && (l[n - 1] == '\r' || l[n - 1] == ' '))
		l[--n] = '\0';
	if (!n)
		return hand_over(t);
	if (t->kind == TXT_DM && !strncasecmp(l, "Chat History with ", 18) &&
	    l[n - 1] == ':') {
		/* a conversation's heading, as the JSON's key spells it */
		int r = hand_over(t);

		snprintf(t->conv, sizeof(t->conv), "%s", l);
		return r;
	}
	colon = strstr(l, ": ");
	if (!colon && l[n - 1] == ':')
		colon = l + n - 1;
	k = colon ? (size_t)(colon - l) : 0;
	if (!colon || !k || k >= sizeof(t->last) || memchr(l, '\t', k)) {
		/* a value going on over lines (a long title or comment) */
		if (t->rec && t->last[0]) {
			json_t *old = json_object_get(t->rec, t->last);

			set(t, t->last, t->last_sq,
			    cnd_arena_printf(cnd_scan_scratch(t->s), "%s\n%s",
					     json_string_value(old), l));
		} else if (!empty_sentinel(l) && !t->stray++) {
			t->first_stray = t->lineno;
		}
		return CND_OK;
	}
	memcpy(t->last, l, k);
	t->last[k] = '\0';
	for (i = j = 0; t->last[i]; i++)
		if (t->last[i] != ' ')
			t->last_sq[j++] = t->last[i];
	t->last_sq[j] = '\0';
	v = colon[1] ? colon + 2 : colon + 1;
	if (!t->rec)
		t->rec = json_object();
	set(t, t->last, t->last_sq, v);
	return CND_OK;
}

static int txt_file(struct cnd_scan *s, enum txt_kind kind)
{
	struct txt_run t;
	struct cnd_buf b = CND_BUF_INIT;
	char chunk[65536];
	ssize_t got;
	int r = CND_OK;

	memset(&t, 0, sizeof(t));
	t.s = s;
	t.kind = kind;
	while (r < CND_FATAL &&
	       (got = cnd_scan_read(s, chunk, sizeof(chunk))) > 0) {
		ssize_t i, start = 0;

		for (i = 0; i < got && r < CND_FATAL; i++) {
			if (chunk[i] != '\n')
				continue;
			if (b.len + (size_t)(i - start) <= TXT_LINE_MAX)
				cnd_buf_add(&b, chunk + start,
					    (size_t)(i - start));
			else
				t.cut++;
			r = line(&t, b.data ? b.data : (char *)"", b.len);
			cnd_buf_reset(&b);
			start = i + 1;
		}
		if (b.len + (size_t)(got - start) <= TXT_LINE_MAX)
			cnd_buf_add(&b, chunk + start, (size_t)(got - start));
		else
			t.cut++;
	}
	if (r < CND_FATAL && b.len)
		r = line(&t, b.data, b.len);
	if (r < CND_FATAL)
		r = hand_over(&t);
	json_decref(t.rec);
	cnd_buf_release(&b);
	if (t.cut)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%lu line%s over %d bytes: cut", t.cut,
			      t.cut == 1 ? "" : "s", TXT_LINE_MAX);
	if (t.stray)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%lu line%s outside any record (not \"Key: value\", first at line %lld): not read",
			      t.stray, t.stray == 1 ? "" : "s", t.first_stray);
	return r >= CND_FATAL ? CND_FATAL : CND_OK;
}

#define TXT(fn, kind)                                                   \
	int fn(struct cnd_scan *s, const char *data, size_t len)        \
	{                                                               \
		(void)data;                                             \
		(void)len;                                              \
		return txt_file(s, kind);                               \
	}

TXT(tk_txt_profile, TXT_PROFILE)
TXT(tk_txt_posts, TXT_POST)
TXT(tk_txt_following, TXT_FOLLOWING)
TXT(tk_txt_followers, TXT_FOLLOWER)
TXT(tk_txt_searches, TXT_SEARCH)
TXT(tk_txt_likes, TXT_LIKE)
TXT(tk_txt_comments, TXT_COMMENT)
TXT(tk_txt_messages, TXT_DM)
TXT(tk_txt_settings, TXT_SETTINGS)
TXT(tk_txt_location, TXT_LOCATION)
