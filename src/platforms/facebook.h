/*
 * What Facebook's JSON reader (facebook.c) shares with its HTML reader
 * (facebook_html.c), private to src/platforms/: the owner named in Meta's
 * English titles, and the handler rows of the HTML pages, which sit in
 * facebook.c's table. The platform's state begins with struct
 * cnd_meta_own, so the HTML reader finds the subject's name at the start
 * of cnd_scan_state().
 */
#ifndef CONDUCT_PLATFORMS_FACEBOOK_H
#define CONDUCT_PLATFORMS_FACEBOOK_H

#include <stddef.h>

#include "conduct/platforms/platform.h"

/*
 * The owner of the content a comment or reaction was on, from a title
 * such as "A likes B's post." (scratch); NULL when it names none.
 */
const char *fb_title_owner(struct cnd_scan *s, const char *title);

int fb_html_profile(struct cnd_scan *s, const char *data, size_t len);
int fb_html_posts(struct cnd_scan *s, const char *data, size_t len);
int fb_html_group_posts(struct cnd_scan *s, const char *data, size_t len);
int fb_html_comments(struct cnd_scan *s, const char *data, size_t len);
int fb_html_reactions(struct cnd_scan *s, const char *data, size_t len);
int fb_html_friends(struct cnd_scan *s, const char *data, size_t len);
int fb_html_followers(struct cnd_scan *s, const char *data, size_t len);
int fb_html_following(struct cnd_scan *s, const char *data, size_t len);
int fb_html_sent(struct cnd_scan *s, const char *data, size_t len);
int fb_html_received(struct cnd_scan *s, const char *data, size_t len);
int fb_html_removed(struct cnd_scan *s, const char *data, size_t len);
int fb_html_audiences(struct cnd_scan *s, const char *data, size_t len);
int fb_html_locations(struct cnd_scan *s, const char *data, size_t len);
int fb_html_searches(struct cnd_scan *s, const char *data, size_t len);
int fb_html_thread(struct cnd_scan *s, const char *data, size_t len);

#define FB_HTML_ROW(glob, fn, what, flags)                                 \
	{ glob, CND_KIND_RAW, NULL, NULL, what " (HTML page)",             \
	  CND_HANDLER_STREAM | CND_HANDLER_LOCAL_TIME | (flags), fn }
#define FB_HTML_ROWS                                                      \
	FB_HTML_ROW("profile_information/profile_information.html",       \
		    fb_html_profile, "profile (name, username)",          \
		    CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS),           \
	FB_HTML_ROW("posts/your_posts*.html", fb_html_posts,              \
		    "posts, check-ins, photos and videos", 0),            \
	FB_HTML_ROW("groups/your_posts_in_groups.html", fb_html_group_posts, \
		    "posts in groups", 0),                                \
	FB_HTML_ROW("groups/your_comments_in_groups.html", fb_html_comments, \
		    "comments in groups", 0),                             \
	FB_HTML_ROW("comments/comments.html", fb_html_comments, "comments", 0), \
	FB_HTML_ROW("comments_and_reactions/comments*.html", fb_html_comments, \
		    "comments", 0),                                       \
	FB_HTML_ROW("likes_and_reactions/posts_and_comments.html",        \
		    fb_html_reactions, "reactions (likes)", 0),           \
	FB_HTML_ROW("comments_and_reactions/posts_and_comments.html",     \
		    fb_html_reactions, "reactions (likes)", 0),           \
	FB_HTML_ROW("comments_and_reactions/likes_and_reactions*.html",   \
		    fb_html_reactions, "reactions (likes)", 0),           \
	FB_HTML_ROW("friends/friends.html", fb_html_friends, "friends", 0), \
	FB_HTML_ROW("friends_and_followers/friends.html", fb_html_friends, \
		    "friends", 0),                                        \
	FB_HTML_ROW("connections/friends/your_friends.html", fb_html_friends, \
		    "friends", 0),                                        \
	FB_HTML_ROW("*friends*/sent_friend_requests.html", fb_html_sent,  \
		    "friend requests sent", 0),                           \
	FB_HTML_ROW("*friends*/received_friend_requests.html",            \
		    fb_html_received, "friend requests received", 0),     \
	FB_HTML_ROW("*friends*/removed_friends.html", fb_html_removed,    \
		    "removed friends", 0),                                \
	FB_HTML_ROW("connections/friends/your_post_audiences.html",       \
		    fb_html_audiences, "post audiences and friend lists", 0), \
	FB_HTML_ROW("following_and_followers/following.html",             \
		    fb_html_following, "people and pages followed", 0),   \
	FB_HTML_ROW("friends_and_followers/following.html",               \
		    fb_html_following, "people and pages followed", 0),   \
	FB_HTML_ROW("connections/followers/who_you've_followed*.html",    \
		    fb_html_following, "people and pages followed", 0),   \
	FB_HTML_ROW("following_and_followers/followers.html",             \
		    fb_html_followers, "followers", 0),                   \
	FB_HTML_ROW("friends_and_followers/followers.html",               \
		    fb_html_followers, "followers", 0),                   \
	FB_HTML_ROW("connections/followers/people_who_followed_you*.html", \
		    fb_html_followers, "followers", 0),                   \
	FB_HTML_ROW("location/location_history.html", fb_html_locations,  \
		    "location history", 0),                               \
	FB_HTML_ROW("location_history/your_location_history.html",        \
		    fb_html_locations, "location history", 0),            \
	FB_HTML_ROW("search_history/your_search_history.html",            \
		    fb_html_searches, "search history", 0),               \
	FB_HTML_ROW("search/your_search_history.html", fb_html_searches,  \
		    "search history", 0),                                 \
	FB_HTML_ROW("messages/inbox/*/message_*.html", fb_html_thread,    \
		    "Messenger messages", 0),                             \
	FB_HTML_ROW("messages/message_requests/*/message_*.html",         \
		    fb_html_thread, "Messenger message requests", 0),     \
	FB_HTML_ROW("messages/filtered_threads/*/message_*.html",         \
		    fb_html_thread, "Messenger message requests (filtered)", 0), \
	FB_HTML_ROW("messages/archived_threads/*/message_*.html",         \
		    fb_html_thread, "Messenger archived conversations", 0), \
	FB_HTML_ROW("messages/e2ee_cutover/*/message_*.html",             \
		    fb_html_thread,                                       \
		    "Messenger messages (before end-to-end encryption)", 0)

#endif
