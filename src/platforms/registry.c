/*
 * The list of platforms, and matching member paths against their handler
 * and ignore globs. This file is the only place a platform is registered:
 * see the checklist at the top of include/conduct/platforms/platform.h.
 */
#include <ctype.h>
#include <string.h>

#include "conduct/platforms/platform.h"

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

/*
 * The [set] at g (g after the '['), against byte c: *end is set past the
 * ']'. Ranges (a-z) and negation ('!' or '^') as in fnmatch; a set with no
 * closing ']' is the literal '[' (end stays NULL).
 */
static int set_match(const char *g, unsigned char c, const char **end)
{
	int neg = *g == '!' || *g == '^', in = 0;
	const char *q = g + neg;

	*end = NULL;
	do {
		unsigned char lo = (unsigned char)*q, hi = lo;

		if (!*q)
			return -1;
		if (q[1] == '-' && q[2] && q[2] != ']') {
			hi = (unsigned char)q[2];
			q += 2;
		}
		if (c >= lo && c <= hi)
			in = 1;
		q++;
	} while (*q != ']');
	*end = q + 1;
	return in != neg;
}

/*
 * fnmatch(glob, s, 0), byte by byte: '*' (any bytes, '/' included), '?'
 * (one byte), [sets] and '\' escapes. The handler globs are ASCII, and
 * glibc's fnmatch turns both strings into wide characters first in a
 * UTF-8 locale, which made matching most of the scan of an archive of
 * many small members.
 */
static int glob_match(const char *g, const char *s)
{
	const char *star = NULL, *resume = NULL, *end;
	int m;

	while (*s) {
		if (*g == '*') {
			while (*g == '*')
				g++;
			if (!*g)
				return 1;
			star = g;
			resume = s;
			continue;
		}
		if (*g == '[' && (m = set_match(g + 1, (unsigned char)*s,
						&end)) >= 0 && end) {
			if (m) {
				g = end;
				s++;
				continue;
			}
		} else if (*g == '?' ||
			   (*g == '\\' && g[1] ? g[1] == *s : *g == *s)) {
			g += *g == '\\' && g[1] ? 2 : 1;
			s++;
			continue;
		}
		if (!star)
			return 0;
		g = star; /* let the last '*' take one more byte */
		s = ++resume;
	}
	while (*g == '*')
		g++;
	return !*g;
}

int cnd_path_match(const char *glob, const char *path)
{
	const char *p = path;
	size_t gl = strlen(glob), pl = strlen(path);
	unsigned char last = gl ? (unsigned char)glob[gl - 1] : 0;

	/* a glob that ends in a letter, digit or '.' ends every match with it */
	if (gl && (isalnum(last) || last == '.') &&
	    (gl < 2 || glob[gl - 2] != '\\') &&
	    (!pl || (unsigned char)path[pl - 1] != last))
		return 0;
	for (;;) {
		if (glob_match(glob, p))
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
