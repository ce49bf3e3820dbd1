/*
 * What Instagram's JSON reader (instagram.c, with the content handlers in
 * instagram_content.c) shares with its HTML reader (instagram_html.c),
 * private to src/platforms/: the platform's state, the label translations of
 * Meta's field names, and the calls that build a follow, a privacy setting,
 * a comment and the subject's own account, so that both formats give the
 * same records (and the same repeats are dropped). The platform's state
 * begins with struct cnd_meta_own, so the HTML reader finds the subject's
 * name at the start of cnd_scan_state().
 */
#ifndef CONDUCT_PLATFORMS_INSTAGRAM_H
#define CONDUCT_PLATFORMS_INSTAGRAM_H

#include <stdint.h>

#include <jansson.h>

#include "conduct/base/strmap.h"
#include "conduct/platforms/platform.h"
#include "meta.h"

/* The folder of the Threads sections inside an Instagram export. */
#define IG_THREADS "threads"

struct ig_state {
	struct cnd_meta_own own; /* handle, display name (sender_name) */
	struct cnd_strmap follows; /* "dir|label|handle" already emitted */
	struct cnd_strmap posts;   /* post ids already emitted */
};

/* struct cnd_meta_own comes first: see above */
static inline struct ig_state *ig_state(struct cnd_scan *s)
{
	return cnd_scan_state(s);
}

/*
 * The list a document holds: the document itself when it is an array, the
 * array under key, or else the first array-valued member.
 */
json_t *ig_list(json_t *doc, const char *key);
/*
 * string_map_data entry under any of the given labels (English first,
 * then translations, compared after mojibake repair); NULL when none.
 */
json_t *ig_map(struct cnd_scan *s, const json_t *e,
	       const char *const *labels);

/* Field labels, English first, then translations (NULL-terminated). */
extern const char *const ig_lbl_username[];
extern const char *const ig_lbl_name[];
extern const char *const ig_lbl_private[];
extern const char *const ig_lbl_time[];
extern const char *const ig_lbl_comment[];
extern const char *const ig_lbl_owner[];
extern const char *const ig_lbl_search[];

/* The last path segment of a profile URL (the handle), in scratch. */
const char *ig_href_handle(struct cnd_scan *s, const char *href);
/* The subject's username and display name (first one wins). */
void ig_set_own(struct cnd_scan *s, const char *user, const char *name);
/* A private-account setting (label "threads" for Threads). */
int ig_private_setting(struct cnd_scan *s, int value, int64_t t,
		       const char *label, long long item);
/* A follow of direction dir, once per direction, label and handle. */
int ig_follow_emit(struct cnd_scan *s, enum cnd_follow_dir dir,
		   const char *handle, const char *href, int64_t t,
		   const char *label, long long item);
/* A comment on owner's media (skipped with a warning without text). */
int ig_comment_emit(struct cnd_scan *s, const char *text, const char *owner,
		    int64_t t, long long item);

/* The handler rows of the HTML pages, inside instagram.c's table. */
/* JSON handlers of instagram_content.c, for instagram.c's table. */
int ig_archived(struct cnd_scan *s, json_t *doc, long long index);
int ig_comments(struct cnd_scan *s, json_t *doc, long long index);
int ig_flat_comments(struct cnd_scan *s, json_t *doc, long long index);
int ig_flat_likes(struct cnd_scan *s, json_t *doc, long long index);
int ig_flat_media(struct cnd_scan *s, json_t *doc, long long index);
int ig_flat_messages(struct cnd_scan *s, json_t *doc, long long index);
int ig_likes(struct cnd_scan *s, json_t *doc, long long index);
int ig_posts(struct cnd_scan *s, json_t *doc, long long index);
int ig_reels(struct cnd_scan *s, json_t *doc, long long index);
int ig_searches(struct cnd_scan *s, json_t *doc, long long index);
int ig_stories(struct cnd_scan *s, json_t *doc, long long index);
int ig_thread(struct cnd_scan *s, json_t *doc, long long index);
int th_likes(struct cnd_scan *s, json_t *doc, long long index);
int th_posts(struct cnd_scan *s, json_t *doc, long long index);

int ig_html_personal(struct cnd_scan *s, const char *data, size_t len);
int ig_html_followers(struct cnd_scan *s, const char *data, size_t len);
int ig_html_following(struct cnd_scan *s, const char *data, size_t len);
int ig_html_requests_sent(struct cnd_scan *s, const char *data, size_t len);
int ig_html_requests_received(struct cnd_scan *s, const char *data,
			      size_t len);
int ig_html_blocked(struct cnd_scan *s, const char *data, size_t len);
int ig_html_unfollowed(struct cnd_scan *s, const char *data, size_t len);
int ig_html_close_friends(struct cnd_scan *s, const char *data, size_t len);
int ig_html_posts(struct cnd_scan *s, const char *data, size_t len);
int ig_html_stories(struct cnd_scan *s, const char *data, size_t len);
int ig_html_reels(struct cnd_scan *s, const char *data, size_t len);
int ig_html_comments(struct cnd_scan *s, const char *data, size_t len);
int ig_html_likes(struct cnd_scan *s, const char *data, size_t len);
int ig_html_searches(struct cnd_scan *s, const char *data, size_t len);
int ig_html_thread(struct cnd_scan *s, const char *data, size_t len);
int ig_html_privacy(struct cnd_scan *s, const char *data, size_t len);
int ig_html_archived(struct cnd_scan *s, const char *data, size_t len);
int th_html_posts(struct cnd_scan *s, const char *data, size_t len);
int th_html_followers(struct cnd_scan *s, const char *data, size_t len);
int th_html_following(struct cnd_scan *s, const char *data, size_t len);
int th_html_likes(struct cnd_scan *s, const char *data, size_t len);
int th_html_personal(struct cnd_scan *s, const char *data, size_t len);

#define IG_HTML_ROW(glob, fn, what, flags)                                 \
	{ glob, CND_KIND_RAW, NULL, NULL, what " (HTML page)",             \
	  CND_HANDLER_STREAM | CND_HANDLER_LOCAL_TIME | (flags), fn }
#define IG_HTML_ROWS                                                      \
	IG_HTML_ROW("threads/threads_and_replies.html", th_html_posts,    \
		    "Threads posts and replies", 0),                      \
	IG_HTML_ROW("threads/followers*.html", th_html_followers,         \
		    "Threads followers", 0),                              \
	IG_HTML_ROW("threads/following.html", th_html_following,          \
		    "accounts followed on Threads", 0),                   \
	IG_HTML_ROW("threads/liked_threads.html", th_html_likes,          \
		    "liked Threads posts", 0),                            \
	IG_HTML_ROW("threads/personal_information.html", th_html_personal, \
		    "Threads profile (private account)", 0),              \
	IG_HTML_ROW("personal_information/personal_information.html",     \
		    ig_html_personal, "personal information",             \
		    CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS),           \
	IG_HTML_ROW("account_information/personal_information.html",      \
		    ig_html_personal, "personal information",             \
		    CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS),           \
	IG_HTML_ROW("followers_and_following/followers*.html",            \
		    ig_html_followers, "followers", 0),                   \
	IG_HTML_ROW("followers_and_following/following.html",             \
		    ig_html_following, "accounts followed", 0),           \
	IG_HTML_ROW("followers_and_following/pending_follow_requests.html", \
		    ig_html_requests_sent, "follow requests sent, pending", 0), \
	IG_HTML_ROW("followers_and_following/recent_follow_requests.html", \
		    ig_html_requests_sent, "follow requests sent recently", 0), \
	IG_HTML_ROW("followers_and_following/follow_requests_you've_received.html", \
		    ig_html_requests_received, "follow requests received", 0), \
	IG_HTML_ROW("followers_and_following/blocked_*.html",             \
		    ig_html_blocked, "blocked accounts", 0),              \
	IG_HTML_ROW("followers_and_following/close_friends.html",         \
		    ig_html_close_friends, "close friends", 0),           \
	IG_HTML_ROW("followers_and_following/recently_unfollowed_*.html", \
		    ig_html_unfollowed, "accounts recently unfollowed", 0), \
	IG_HTML_ROW("content/posts_*.html", ig_html_posts, "posts", 0),   \
	IG_HTML_ROW("content/stories.html", ig_html_stories, "stories", 0), \
	IG_HTML_ROW("content/reels.html", ig_html_reels, "reels", 0),     \
	IG_HTML_ROW("content/archived_posts.html", ig_html_archived,      \
		    "archived posts", 0),                                 \
	IG_HTML_ROW("comments/post_comments*.html", ig_html_comments,     \
		    "comments on posts", 0),                              \
	IG_HTML_ROW("comments/reels_comments*.html", ig_html_comments,    \
		    "comments on reels", 0),                              \
	IG_HTML_ROW("likes/liked_posts.html", ig_html_likes, "liked posts", 0), \
	IG_HTML_ROW("messages/inbox/*/message_*.html", ig_html_thread,    \
		    "messages", 0),                                       \
	IG_HTML_ROW("messages/message_requests/*/message_*.html",         \
		    ig_html_thread, "message requests", 0),               \
	IG_HTML_ROW("recent_searches/account_searches.html",              \
		    ig_html_searches, "account searches", 0),             \
	IG_HTML_ROW("recent_searches/word_or_phrase_searches.html",       \
		    ig_html_searches, "word and phrase searches", 0),     \
	IG_HTML_ROW("recent_searches/tag_searches.html", ig_html_searches, \
		    "hashtag searches", 0),                               \
	IG_HTML_ROW("account_privacy_changes.html", ig_html_privacy,      \
		    "private-account changes", 0)

#endif
