/*
 * What Snapchat's JSON reader (snapchat.c) shares with its HTML reader
 * (snapchat_html.c), private to src/platforms/: the functions that read a
 * whole friends, chat history or search history document, which the HTML
 * reader calls with the same document built from a page's tables; and the
 * HTML handler rows, which sit in snapchat.c's table.
 */
#ifndef CONDUCT_PLATFORMS_SNAPCHAT_H
#define CONDUCT_PLATFORMS_SNAPCHAT_H

#include <stddef.h>

#include <jansson.h>

#include "conduct/platforms/platform.h"

int sc_account(struct cnd_scan *s, json_t *doc, long long index);
int sc_friends(struct cnd_scan *s, json_t *doc, long long index);
int sc_chats(struct cnd_scan *s, json_t *doc, long long index);
int sc_searches(struct cnd_scan *s, json_t *doc, long long index);

/* html/account.html (held whole): the account's username, when shown. */
void sc_html_account(struct cnd_scan *s, const char *data, size_t len);
int sc_html_friends(struct cnd_scan *s, const char *data, size_t len);
int sc_html_chats(struct cnd_scan *s, const char *data, size_t len);
int sc_html_searches(struct cnd_scan *s, const char *data, size_t len);

#define SC_HTML_ROW(glob, fn, what)                                        \
	{ glob, CND_KIND_RAW, NULL, NULL, what " (HTML page)",             \
	  CND_HANDLER_STREAM, fn }
#define SC_HTML_ROWS                                                      \
	SC_HTML_ROW("html/friends.html", sc_html_friends,                 \
		    "friends, friend requests, removed and blocked friends"), \
	SC_HTML_ROW("html/chat_history.html", sc_html_chats, "chats"),    \
	SC_HTML_ROW("html/search_history.html", sc_html_searches,         \
		    "searches (with where they were made)")

#endif
