/*
 * What Snapchat's JSON reader (snapchat.c) shares with its HTML reader
 * (snapchat_html.c), private to src/platforms/: the functions that read a
 * whole friends, chat history or search history document, which the HTML
 * reader calls with the same document built from a page's tables (and the
 * location, memory and Snap Map place readers likewise); and the HTML
 * handler rows, which sit in snapchat.c's table.
 */
#ifndef CONDUCT_PLATFORMS_SNAPCHAT_H
#define CONDUCT_PLATFORMS_SNAPCHAT_H

#include <stddef.h>

#include <jansson.h>

#include "conduct/platforms/platform.h"

/* The per-archive state (the platform's state_size). */
struct sc_state {
	const char *username;
	unsigned json_seen : 1;
	unsigned html_seen : 1;
	unsigned html_locations : 1; /* location_history.html was read */
	unsigned html_home_work : 1; /* its Home & Work table was found */
};

int sc_account(struct cnd_scan *s, json_t *doc, long long index);
int sc_friends(struct cnd_scan *s, json_t *doc, long long index);
int sc_chats(struct cnd_scan *s, json_t *doc, long long index);
/*
 * One chat line m (an element of chat_history.json's lists: "From",
 * "Media Type", "Created", "Content") of conversation conv, from the
 * subject (outgoing) or from peer: a message record; status lines are not
 * messages.
 */
int sc_chat_line(struct cnd_scan *s, const char *conv, const json_t *m,
		 int outgoing, const char *peer, long long item);
int sc_searches(struct cnd_scan *s, json_t *doc, long long index);
int sc_locations(struct cnd_scan *s, json_t *doc, long long index);
int sc_memory(struct cnd_scan *s, json_t *v, long long index);
int sc_map_places(struct cnd_scan *s, json_t *doc, long long index);

/* html/account.html (held whole): the account's username, when shown. */
void sc_html_account(struct cnd_scan *s, const char *data, size_t len);
int sc_html_friends(struct cnd_scan *s, const char *data, size_t len);
int sc_html_chats(struct cnd_scan *s, const char *data, size_t len);
int sc_html_searches(struct cnd_scan *s, const char *data, size_t len);
int sc_html_locations(struct cnd_scan *s, const char *data, size_t len);
int sc_html_memories(struct cnd_scan *s, const char *data, size_t len);
int sc_html_map_places(struct cnd_scan *s, const char *data, size_t len);
int sc_html_chat_page(struct cnd_scan *s, const char *data, size_t len);

#define SC_HTML_ROW(glob, fn, what)                                        \
	{ glob, CND_KIND_RAW, NULL, NULL, what " (HTML page)",             \
	  CND_HANDLER_STREAM, fn }
#define SC_HTML_ROWS                                                      \
	SC_HTML_ROW("html/friends.html", sc_html_friends,                 \
		    "friends, friend requests, removed and blocked friends"), \
	SC_HTML_ROW("html/chat_history.html", sc_html_chats, "chats"),    \
	SC_HTML_ROW("html/search_history.html", sc_html_searches,         \
		    "searches (with where they were made)"),                \
	SC_HTML_ROW("html/location_history.html", sc_html_locations,      \
		    "location history, home and work, top locations"),      \
	SC_HTML_ROW("html/memories_history.html", sc_html_memories,       \
		    "memories (saved snaps, with locations)"),              \
	SC_HTML_ROW("html/snap_map_places_history.html",                  \
		    sc_html_map_places, "Snap Map places"),                 \
	SC_HTML_ROW("html/chat_history/*.html", sc_html_chat_page,        \
		    "chats, one page per chat (2024+)")

#endif
