/*
 * The names of a record's enums (model/record.h), as the reports print them
 * and the report reader of `merge` reads them back: record kinds and follow
 * directions, each from one table.
 */
#include <string.h>

#include "conduct/model/record.h"

const char *cnd_record_kind_name(enum cnd_record_kind k)
{
	static const char *const names[CND_REC__COUNT] = {
		"post",	  "follow", "message",	"like", "comment",
		"search", "location", "setting", "event",
	};

	return (unsigned)k < CND_REC__COUNT ? names[k] : "?";
}

static const char *const dir_names[] = { "following", "follower", "friend",
					 "request-sent", "request-received" };

const char *cnd_follow_dir_name(enum cnd_follow_dir d)
{
	return (unsigned)d <= CND_FOLLOW_REQUEST_RECEIVED ? dir_names[d] : "?";
}

int cnd_follow_dir_parse(const char *name)
{
	int i;

	for (i = 0; name && i <= CND_FOLLOW_REQUEST_RECEIVED; i++)
		if (!strcmp(dir_names[i], name))
			return i;
	return -1;
}
