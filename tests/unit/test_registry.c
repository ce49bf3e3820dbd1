/*
 * Unit tests of the platform registry's path matching: cnd_path_match()
 * matches byte by byte, so it is checked here against the C library's
 * fnmatch() (the rule it replaced) on every handler and ignore glob of
 * every platform, over member paths of real export layouts and names that
 * try the edges (sets, '*' runs, non-ASCII, a glob's last byte).
 */
#include <fnmatch.h>
#include <string.h>

#include "conduct/platforms/platform.h"
#include "harness.h"

/* The old rule: fnmatch on the whole path or a suffix after a '/'. */
static int reference(const char *glob, const char *path)
{
	const char *p = path;

	for (;;) {
		if (fnmatch(glob, p, 0) == 0)
			return 1;
		p = strchr(p, '/');
		if (!p)
			return 0;
		p++;
	}
}

static const char *const paths[] = {
	"data/tweets.js", "data/tweets-part1.js", "tweets.js.bak",
	"Takeout/Location History/Records.json",
	"Takeout/Standortverlauf/Semantic Location History/2019/2019_JANUARY.json",
	"Semantic Location History/2019/2019_JANUARY.json",
	"3019/2019_x.json", "x/2019/1019_.json", "Timeline.json",
	"repo.car", "a/b/c.car", "car", ".car",
	"messages/inbox/sam_123/message_1.json", "Messages.csv",
	"messages.csv", "LinkedIn/Connections.csv", "outbox.json",
	"data/tweets_media/1-abc.jpg", "user_data_tiktok.json",
	"json/chat_history.json", "caf\xc3\xa9/outbox.json",
	"your_instagram_activity/likes/liked_posts.json", "", "/", "a//b.json",
	"\xff\xfe.json", "archive_browser.html", "index.html",
};

static const char *const extra_globs[] = {
	"*", "**", "a*b", "*.json", "[!a]*.js", "[^a]*", "[a-c]ar",
	"[", "[a", "x[", "\\*.js", "?.car", "*/*", "*b*c*", "data/*.js",
	NULL,
};

TEST(registry_path_match_is_fnmatch)
{
	const struct cnd_platform *const *p;
	const struct cnd_handler *h;
	const char *const *g;
	size_t i;
	int bad = 0;

	for (p = cnd_platforms; *p; p++) {
		for (h = (*p)->handlers; h->glob; h++)
			for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
				if (cnd_path_match(h->glob, paths[i]) !=
				    reference(h->glob, paths[i]))
					bad++;
		for (g = (*p)->ignore; g && *g; g++)
			for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
				if (cnd_path_match(*g, paths[i]) !=
				    reference(*g, paths[i]))
					bad++;
	}
	for (g = extra_globs; *g; g++)
		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
			if (cnd_path_match(*g, paths[i]) !=
			    reference(*g, paths[i])) {
				CHECK_STR(*g, paths[i]); /* names the pair */
				bad++;
			}
	CHECK_INT(bad, 0);
	/* and some that must hold whatever the reference says */
	CHECK(cnd_path_match("Records.json", "Takeout/x/Records.json"));
	CHECK(!cnd_path_match("Records.json", "Takeout/x/Records.json.bak"));
	CHECK(cnd_path_match("*.car", "repo.car"));
	CHECK(cnd_path_match("[Mm]essages.csv", "x/messages.csv"));
}
