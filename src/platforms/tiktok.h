/*
 * What TikTok's JSON reader (tiktok.c) shares with its TXT reader
 * (tiktok_txt.c), private to src/platforms/: the functions that turn one
 * entry of a section, given as a JSON object of its keys, into records,
 * so both formats give the same records; and the TXT handler rows, which
 * sit in tiktok.c's table.
 */
#ifndef CONDUCT_PLATFORMS_TIKTOK_H
#define CONDUCT_PLATFORMS_TIKTOK_H

#include <stddef.h>

#include <jansson.h>

#include "conduct/platforms/platform.h"

/* The profile map { userName, followerCount, ... }: whose account. */
void tk_profile(struct cnd_scan *s, const json_t *map);
/* A video { Date, Link, Title, WhoCanView, Location }. */
int tk_post(struct cnd_scan *s, const json_t *e, long long i);
/* A follow { Date, UserName } of direction dir; what names the list. */
int tk_follow(struct cnd_scan *s, const json_t *e, long long i,
	      enum cnd_follow_dir dir, const char *what);
/* A search { Date, SearchTerm }, like { date, link } or comment. */
int tk_simple(struct cnd_scan *s, const json_t *e, long long i,
	      enum cnd_record_kind kind, const char *what);
/* A message { Date, From, Content } of the conversation key names. */
int tk_message(struct cnd_scan *s, const char *key, const json_t *m);
/* The settings map { "Private Account": "Enabled", ... }. */
int tk_settings(struct cnd_scan *s, const json_t *map);
/* The most recent location { Date, GpsData, LastRegion }. */
int tk_location(struct cnd_scan *s, const json_t *loc);

int tk_txt_profile(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_posts(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_following(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_followers(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_searches(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_likes(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_comments(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_messages(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_settings(struct cnd_scan *s, const char *data, size_t len);
int tk_txt_location(struct cnd_scan *s, const char *data, size_t len);

#define TK_TXT_ROW(glob, fn, what, flags)                                  \
	{ glob, CND_KIND_RAW, NULL, NULL, what " (TXT file)",             \
	  CND_HANDLER_STREAM | (flags), fn }
#define TK_TXT_ROWS                                                       \
	TK_TXT_ROW("Profile/Profile Info.txt", tk_txt_profile,            \
		   "TikTok profile (username)",                           \
		   CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS),            \
	TK_TXT_ROW("Profile/Profile Information.txt", tk_txt_profile,     \
		   "TikTok profile (username)",                           \
		   CND_HANDLER_FIRST | CND_HANDLER_NO_RECORDS),            \
	TK_TXT_ROW("Post/Posts.txt", tk_txt_posts, "TikTok videos", 0),   \
	TK_TXT_ROW("Video/Videos.txt", tk_txt_posts, "TikTok videos", 0), \
	TK_TXT_ROW("Videos/Videos.txt", tk_txt_posts, "TikTok videos", 0), \
	TK_TXT_ROW("Activity/Following.txt", tk_txt_following,            \
		   "accounts followed", 0),                               \
	TK_TXT_ROW("Activity/Following List.txt", tk_txt_following,       \
		   "accounts followed", 0),                               \
	TK_TXT_ROW("Activity/Follower.txt", tk_txt_followers, "followers", 0), \
	TK_TXT_ROW("Activity/Follower List.txt", tk_txt_followers,        \
		   "followers", 0),                                       \
	TK_TXT_ROW("Activity/Searches.txt", tk_txt_searches, "searches", 0), \
	TK_TXT_ROW("Activity/Search History.txt", tk_txt_searches,        \
		   "searches", 0),                                        \
	TK_TXT_ROW("Activity/Like List.txt", tk_txt_likes, "liked videos", 0), \
	TK_TXT_ROW("Comment/Comments.txt", tk_txt_comments, "comments", 0), \
	TK_TXT_ROW("Direct Message*/Direct Messages.txt", tk_txt_messages, \
		   "direct messages", 0),                                 \
	TK_TXT_ROW("Direct Message*/Chat History.txt", tk_txt_messages,   \
		   "direct messages", 0),                                 \
	TK_TXT_ROW("*Settings/Settings.txt", tk_txt_settings,             \
		   "privacy settings", 0),                                \
	TK_TXT_ROW("Most Recent Location Data.txt", tk_txt_location,      \
		   "most recent location", 0)

#endif
