/*
 * File paths as messages and reports show them (path.h): the one base-name
 * helper that the policy, sites, hash, baseline and research-mode code and
 * `conduct policy` use to name a file without the directories above it.
 */
#include <string.h>

#include "conduct/base/path.h"

const char *cnd_path_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}
