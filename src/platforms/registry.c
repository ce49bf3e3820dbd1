/*
 * The list of platforms, and matching member paths against their handler
 * and ignore globs. This file is the only place a platform is registered:
 * see the checklist at the top of include/conduct/platform.h.
 */
#include <fnmatch.h>
#include <string.h>

#include "conduct/platform.h"

extern const struct cnd_platform cnd_platform_twitter;
extern const struct cnd_platform cnd_platform_instagram;
extern const struct cnd_platform cnd_platform_facebook;
extern const struct cnd_platform cnd_platform_bluesky;
extern const struct cnd_platform cnd_platform_tiktok;
extern const struct cnd_platform cnd_platform_linkedin;
extern const struct cnd_platform cnd_platform_snapchat;
extern const struct cnd_platform cnd_platform_mastodon;
extern const struct cnd_platform cnd_platform_google;

const struct cnd_platform *const cnd_platforms[] = {
	&cnd_platform_twitter,
	&cnd_platform_instagram,
	&cnd_platform_facebook,
	&cnd_platform_bluesky,
	&cnd_platform_tiktok,
	&cnd_platform_linkedin,
	&cnd_platform_snapchat,
	&cnd_platform_mastodon,
	&cnd_platform_google,
	NULL,
};

const struct cnd_platform *cnd_platform_find(const char *name)
{
	const struct cnd_platform *const *p;

	for (p = cnd_platforms; *p; p++)
		if (!strcmp((*p)->name, name))
			return *p;
	return NULL;
}

int cnd_path_match(const char *glob, const char *path)
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

const struct cnd_handler *cnd_platform_handler(const struct cnd_platform *p,
					       const char *path)
{
	const struct cnd_handler *h;

	for (h = p->handlers; h->glob; h++)
		if (cnd_path_match(h->glob, path))
			return h;
	return NULL;
}

int cnd_platform_ignores(const struct cnd_platform *p, const char *path)
{
	const char *const *g;

	if (!p->ignore)
		return 0;
	for (g = p->ignore; *g; g++)
		if (cnd_path_match(*g, path))
			return 1;
	return 0;
}
