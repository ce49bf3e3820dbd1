/*
 * Unit tests of the X / Twitter tweet handler (src/platforms/twitter_posts.c)
 * on key shapes the fixtures do not hold: a tweet and a mention that repeat
 * a key (the last value is the one Jansson keeps, and the one read), an
 * empty "id_str" beside a numeric "id" (the id is used), written as a small
 * export folder and scanned through the library as `conduct scan` would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/config/register.h"
#include "conduct/run/scan.h"
#include "harness.h"

static const char tt_register[] =
	"ref,names,handles,account_ids,active_from,active_to,former\n"
	"C-1,Alex Client,,twitter:7001,,,no\n";

/*
 * Tweet 200 repeats id_str, created_at, full_text and, in its mention,
 * id_str: read first-wins it would be tweet 100 with an unreadable time
 * mentioning account 9. Tweet 300 has an empty id_str and numeric ids.
 */
static const char tt_tweets[] =
	"window.YTD.tweets.part0 = [\n"
	"  { \"tweet\" : {\n"
	"    \"id_str\" : \"100\", \"id\" : \"5\", \"id_str\" : \"200\",\n"
	"    \"created_at\" : \"not a time\",\n"
	"    \"created_at\" : \"Wed Oct 10 20:19:24 +0000 2018\",\n"
	"    \"full_text\" : null, \"full_text\" : \"see you there\",\n"
	"    \"entities\" : { \"user_mentions\" : [ { \"id_str\" : \"9\",\n"
	"      \"screen_name\" : \"someone\", \"id_str\" : \"7001\" } ] }\n"
	"  } },\n"
	"  { \"tweet\" : {\n"
	"    \"id_str\" : \"\", \"id\" : 300,\n"
	"    \"created_at\" : \"Wed Oct 10 20:19:25 +0000 2018\",\n"
	"    \"full_text\" : \"thanks\",\n"
	"    \"entities\" : { \"user_mentions\" : [ { \"id_str\" : \"\",\n"
	"      \"id\" : 7001, \"screen_name\" : \"someone\" } ] }\n"
	"  } }\n"
	"]\n";

/* The client-mention finding for C-1 on record id, or NULL. */
static const struct cnd_finding *tt_mention(const struct cnd_run *run,
					    const char *id)
{
	size_t i;

	for (i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);

		if (!strcmp(f->rule, "client-mention") && f->client &&
		    !strcmp(f->client, "C-1") && f->record_id &&
		    !strcmp(f->record_id, id))
			return f;
	}
	return NULL;
}

TEST(twitter_repeated_keys_and_ids)
{
	char dir[64], data[96], file[128];
	const struct cnd_finding *f;
	struct cnd_register *reg = NULL;
	struct cnd_options opt;
	struct cnd_error err;
	struct cnd_archive *a;
	struct cnd_run run;
	size_t i;
	FILE *fp;

	snprintf(dir, sizeof(dir), "/tmp/conduct-tw-XXXXXX");
	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	snprintf(data, sizeof(data), "%s/data", dir);
	CHECK_INT(mkdir(data, 0700), 0);
	snprintf(file, sizeof(file), "%s/tweets.js", data);
	fp = fopen(file, "wb");
	CHECK(fp != NULL);
	if (fp) {
		fputs(tt_tweets, fp);
		fclose(fp);
	}
	CHECK_INT(cnd_register_parse(&reg, tt_register,
				     sizeof(tt_register) - 1, NULL, NULL, &err),
		  CND_OK);
	cnd_options_init(&opt);
	opt.deterministic = 1;
	opt.generated_at = 0;
	opt.clients = reg;
	cnd_run_init(&run, &opt);
	cnd_run_scan(&run, dir);
	cnd_run_finish(&run);
	CHECK_INT(run.archives.len, 1);
	if (run.archives.len == 1) {
		a = cnd_run_archive(&run, 0);
		CHECK_STR(a->platform, "twitter");
		CHECK_INT(a->counts[CND_COUNT_POSTS], 2);
		/* the readable created_at came last: no warning */
		for (i = 0; i < a->diags.len; i++) {
			const struct cnd_diag *d = cnd_vec_at(&a->diags, i);

			CHECK(!strstr(d->message, "created_at"));
		}
	}
	f = tt_mention(&run, "200");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->matched, "7001");
		CHECK_INT(f->time, 1539202764); /* 2018-10-10T20:19:24Z */
	}
	CHECK(tt_mention(&run, "100") == NULL);
	f = tt_mention(&run, "300");
	CHECK(f != NULL);
	if (f)
		CHECK_INT(f->time, 1539202765);
	cnd_run_release(&run);
	cnd_register_free(reg);
	unlink(file);
	rmdir(data);
	rmdir(dir);
}
