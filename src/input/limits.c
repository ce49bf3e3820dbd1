/*
 * The input limits (struct cnd_limits): conduct's defaults, which the
 * README documents, and the sizes the options give them ("64M", "2G").
 * They are enforced where members are listed (input.c) and read
 * (member.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/input/input.h"

#include "member.h"

void cnd_limits_default(struct cnd_limits *lim)
{
	lim->member_max = 8ull * 1024 * MIB;	/* Records.json reaches GBs */
	lim->total_max = 64ull * 1024 * MIB;
	lim->members_max = 1000000;
	lim->ratio_max = 1000;
	lim->path_max = 4096;
	lim->doc_max = 64 * MIB;
}

int cnd_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mult = 1;

	if (!s || !*s || *s == '-')
		return CND_FAILED;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return CND_FAILED;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		mult = 1024;
		break;
	case 'm': case 'M':
		mult = MIB;
		break;
	case 'g': case 'G':
		mult = 1024 * MIB;
		break;
	default:
		return CND_FAILED;
	}
	if (*end && end[1] != '\0' && strcmp(end + 1, "B") && strcmp(end + 1, "iB"))
		return CND_FAILED;
	if (v > UINT64_MAX / mult)
		return CND_FAILED;
	*out = v * mult;
	return CND_OK;
}
