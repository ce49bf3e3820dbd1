/*
 * Instagram exports requested as HTML (Meta's default format): each page
 * of the export is read, entry block by entry block (meta_html.h), into
 * the same records as its JSON twin in instagram.c: the profile, followers
 * and accounts followed, follow requests, blocked and unfollowed accounts,
 * close friends (events, as in the JSON),
 * posts, stories and reels (a carousel is one post), comments, liked posts,
 * searches, private-account changes, and messages of the inbox and of
 * message requests, a thread split over message_1.html, message_2.html
 * read as one conversation. What the HTML lacks against the JSON: times
 * are local and to the minute (the zone is assumed, --export-tz), message
 * ids carry no millisecond timestamp, and posts carry no EXIF GPS unless
 * the page prints Latitude and Longitude.
 *
 * Page shapes (a real 2024 export, FORMATS.md "HTML exports", and public
 * parsers' descriptions); every entry is a direct child of role="main":
 *
 *   followers_1.html   <div class="pam _3-95 _2ph- _a6-g uiBoxWhite
 *                      noborder"><div class="_a6-p"><div><div><a href=
 *                      "https://www.instagram.com/HANDLE">HANDLE</a></div>
 *                      <div>Oct 13, 2024 1:23 pm</div></div></div></div>
 *   posts_1.html       <h2 class="_a6-h">caption</h2> <div class="_a6-p">
 *                      <a href="media/posts/.."><img src=".."></a>...</div>
 *                      <div class="_3-94 _a6-o">date</div>
 *   post_comments_1    a table: Comment / Media Owner / Time rows
 *   liked_posts.html   <h2>owner handle</h2>, link to the post, date
 *   message_1.html     <h2>sender</h2> <div class="_a6-p">text, links,
 *                      <ul class="_a6-q"> reactions "(date)"</ul></div>
 *                      <div class="_a6-o">date</div>; thread header
 *                      blocks ("Participants: A, B") have no date
 *   personal_information.html  a table: Username / Name / Private Account
 *   close_friends.html, pending_follow_requests.html  a block whose content
 *                      holds a nested _a6-g block with a table of Name and
 *                      Username rows, then <div class="_3-94 _a6-o">date
 *                      (a public parser's fixtures); no link to the account
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/model/record.h"
#include "conduct/platforms/fields.h"
#include "conduct/text/text.h"
#include "instagram.h"
#include "meta.h"
#include "meta_html.h"

/* The first link's text (or its href's last segment), else a line. */
static const char *handle_of(struct cnd_meta_page *pg,
			     const struct cnd_html_entry *e,
			     const char **href)
{
	const char *h = NULL;
	size_t i;

	*href = e->n_links ? e->links[0].href : NULL;
	/* close_friends.html, pending_follow_requests.html: a table of Name
	   and Username rows, no link */
	h = cnd_meta_html_field(e, ig_lbl_username);
	if (!h && e->n_links && *e->links[0].text)
		h = e->links[0].text;
	if (!h && *href)
		h = ig_href_handle(pg->s, *href);
	for (i = 0; !h && i < e->n_lines; i++)
		if (!cnd_meta_html_is_date(e->lines[i]))
			h = e->lines[i];
	if (!h && e->header)
		h = e->header;
	if (h && *h == '@')
		h++;
	/* a handle has no spaces: a sentence is not an account */
	return h && *h && !strchr(h, ' ') ? h : NULL;
}

/* --- Follows and events --- */

struct people {
	int dir;	   /* -1: an event */
	const char *event; /* "blocked", "unfollowed" */
	const char *label; /* "threads" for Threads, or NULL */
};

static int person(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	const struct people *k = pg->arg;
	const char *href, *h = handle_of(pg, e, &href);
	struct cnd_record r = { 0 };
	int64_t t;

	if (!h) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "relationship entry names no account: skipped");
		return CND_OK;
	}
	t = cnd_meta_html_when(pg, e);
	if (k->dir >= 0)
		return ig_follow_emit(pg->s, (enum cnd_follow_dir)k->dir, h,
				      href, t, k->label, e->index);
	r.kind = CND_REC_EVENT;
	r.setting = k->event;
	r.time = t;
	r.counterpart.handle = h;
	r.id = href ? href : h;
	r.prov.member = pg->member;
	r.prov.item = e->index;
	return cnd_emit(pg->s, &r);
}

#define PEOPLE(fn, dir, event, label)                                   \
	int fn(struct cnd_scan *s, const char *data, size_t len)        \
	{                                                               \
		static const struct people k = { dir, event, label };   \
		(void)data;                                             \
		(void)len;                                              \
		return cnd_meta_html_page(s, person, &k, NULL);               \
	}

PEOPLE(ig_html_followers, CND_FOLLOW_FOLLOWER, NULL, NULL)
PEOPLE(ig_html_following, CND_FOLLOW_FOLLOWING, NULL, NULL)
PEOPLE(ig_html_requests_sent, CND_FOLLOW_REQUEST_SENT, NULL, NULL)
PEOPLE(ig_html_requests_received, CND_FOLLOW_REQUEST_RECEIVED, NULL, NULL)
PEOPLE(ig_html_blocked, -1, "blocked", NULL)
PEOPLE(ig_html_unfollowed, -1, "unfollowed", NULL)
PEOPLE(ig_html_close_friends, -1, "close-friend", NULL)
PEOPLE(th_html_followers, CND_FOLLOW_FOLLOWER, NULL, "threads")
PEOPLE(th_html_following, CND_FOLLOW_FOLLOWING, NULL, "threads")

/* --- Profile and privacy --- */

static int personal(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	const char *user = cnd_meta_html_field(e, ig_lbl_username);
	const char *name = cnd_meta_html_field(e, ig_lbl_name);
	const char *priv = cnd_meta_html_field(e, ig_lbl_private);
	int v;

	if (!user && !name && !priv)
		return CND_OK; /* another block of the page */
	if (!pg->arg)
		ig_set_own(pg->s, user, name);
	if (!priv)
		return CND_OK;
	v = cnd_field_truth_text(priv, CND_TRUTH_WORDS);
	if (v < 0) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "'Private Account' value is neither True nor False: not used");
		return CND_OK;
	}
	return ig_private_setting(pg->s, v, CND_TIME_NONE, pg->arg, e->index);
}

int ig_html_personal(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, personal, NULL, NULL);
}

/* Threads' own profile page: its private-account state only */
int th_html_personal(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, personal, "threads", NULL);
}

static int privacy(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_arena *sc = cnd_scan_scratch(pg->s);
	const char *all = cnd_arena_printf(sc, "%s\n%s", e->header ? e->header
								  : "",
					   e->text ? e->text : "");
	char *low = cnd_text_fold(sc, all, strlen(all));
	const char *when = cnd_meta_html_field(e, ig_lbl_time);
	int v = -1;
	size_t i;

	for (i = 0; i < e->n_fields && !when; i++)
		if (cnd_meta_html_is_date(e->fields[i].value))
			when = e->fields[i].value;
	if (strstr(low, "privat") || strstr(low, "prive"))
		v = 1;
	else if (strstr(low, "public") || strstr(low, "offentlig") ||
		 strstr(low, "offentlich") || strstr(low, "publico") ||
		 strstr(low, "pubblico"))
		v = 0;
	if (v < 0) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "privacy change says neither private nor public: skipped");
		return CND_OK;
	}
	return ig_private_setting(pg->s, v,
				  when ? cnd_meta_html_time(pg, when)
				       : cnd_meta_html_when(pg, e),
				  NULL, e->index);
}

int ig_html_privacy(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, privacy, NULL, NULL);
}

/* --- Posts, comments, likes, searches --- */

static int post(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_POST;
	r.label = pg->arg;
	r.text = e->header;
	/* a Threads post without media writes its text in the content */
	if (!r.text && !e->n_media && e->text &&
	    !cnd_meta_html_is_date(e->text))
		r.text = e->text;
	r.id = e->n_media ? e->media[0] : e->n_links ? e->links[0].href : NULL;
	r.time = cnd_meta_html_when(pg, e);
	r.has_geo = !cnd_meta_html_coord(cnd_scan_scratch(pg->s), e, 0,
					 &r.lat, &r.lon);
	if (!r.text && !r.id) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "post has neither caption nor media: skipped");
		return CND_OK;
	}
	r.prov.member = pg->member;
	r.prov.item = e->index;
	return cnd_emit(pg->s, &r);
}

#define POSTS(fn, label)                                                \
	int fn(struct cnd_scan *s, const char *data, size_t len)        \
	{                                                               \
		(void)data;                                             \
		(void)len;                                              \
		return cnd_meta_html_page(s, post, label, NULL);              \
	}

POSTS(ig_html_posts, NULL)
POSTS(ig_html_stories, "story")
POSTS(ig_html_reels, "reel")
POSTS(ig_html_archived, "archived")
POSTS(th_html_posts, "threads")

static int comment(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	const char *when = cnd_meta_html_field(e, ig_lbl_time);

	return ig_comment_emit(pg->s, cnd_meta_html_field(e, ig_lbl_comment),
			       cnd_meta_html_field(e, ig_lbl_owner),
			       when ? cnd_meta_html_time(pg, when)
				    : cnd_meta_html_when(pg, e),
			       e->index);
}

int ig_html_comments(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, comment, NULL, NULL);
}

static int like(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_LIKE;
	r.label = pg->arg;
	r.counterpart.handle = e->header;
	r.id = e->n_links ? e->links[0].href : NULL;
	r.time = cnd_meta_html_when(pg, e);
	r.prov.member = pg->member;
	r.prov.item = e->index;
	if (!r.counterpart.handle && !r.id) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "like names neither account nor post: skipped");
		return CND_OK;
	}
	return cnd_emit(pg->s, &r);
}

int ig_html_likes(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, like, NULL, NULL);
}

int th_html_likes(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, like, "threads", NULL);
}

static int search(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct cnd_record r = { 0 };
	const char *when = cnd_meta_html_field(e, ig_lbl_time);
	size_t i;

	r.kind = CND_REC_SEARCH;
	r.text = cnd_meta_html_field(e, ig_lbl_search);
	if (!r.text)
		r.text = e->header;
	for (i = 0; !r.text && i < e->n_lines; i++)
		if (!cnd_meta_html_is_date(e->lines[i]))
			r.text = e->lines[i];
	r.time = when ? cnd_meta_html_time(pg, when)
		      : cnd_meta_html_when(pg, e);
	r.prov.member = pg->member;
	r.prov.item = e->index;
	if (!r.text) {
		cnd_scan_diag(pg->s, CND_WARN, e->index,
			      "search has no text: skipped");
		return CND_OK;
	}
	return cnd_emit(pg->s, &r);
}

int ig_html_searches(struct cnd_scan *s, const char *data, size_t len)
{
	(void)data;
	(void)len;
	return cnd_meta_html_page(s, search, NULL, NULL);
}

/* --- Messages --- */

int ig_html_thread(struct cnd_scan *s, const char *data, size_t len)
{
	const char *member = cnd_scan_member(s);

	(void)data;
	(void)len;
	return cnd_meta_html_thread(s, "personal information",
				    strstr(member, "message_requests/") !=
					    NULL);
}
