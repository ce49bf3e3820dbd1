/*
 * Unit tests of the client register: loading the CSV, refusing bad rows
 * with their line numbers, and the two questions rules ask (is this account
 * a client, which client names are in this text).
 */
#include <string.h>

#include "conduct/config/register.h"

#include "harness.h"

static const char good[] =
	"ref,names,handles,account_ids,active_from,active_to,former,notes\n"
	"C-1,Evelyn Example;Eve,twitter:evelyn_example,twitter:7001,2022-03-01,2023-06-30,no,x\n"
	"C-2,Marcus Testfield,*:mtest,,,,yes,\n";

struct problems {
	int n;
	size_t last_line;
	char last[256];
};

static void on_problem(void *ud, size_t line, const char *msg)
{
	struct problems *p = ud;

	p->n++;
	p->last_line = line;
	snprintf(p->last, sizeof(p->last), "%s", msg);
}

static int count_hits(void *ud, const struct cnd_name_match *m)
{
	int *n = ud;

	(void)m;
	(*n)++;
	return 0;
}

TEST(register_load_and_match)
{
	struct cnd_register *r;
	struct cnd_error err;
	struct problems p = { 0 };
	struct cnd_account acc = { 0 };
	enum cnd_confidence conf;
	const char *matched;
	const struct cnd_client *c;

	CHECK_INT(cnd_register_parse(&r, good, strlen(good), on_problem, &p,
				     &err),
		  CND_OK);
	CHECK_INT(p.n, 0);
	CHECK_INT(cnd_register_count(r), 2);

	acc.id = "7001";
	c = cnd_register_match_account(r, "twitter", &acc, &conf, &matched);
	CHECK(c && !strcmp(c->ref, "C-1"));
	CHECK_INT(conf, CND_CONF_CONFIRMED);
	/* an id registered for twitter does not match on another platform */
	CHECK(!cnd_register_match_account(r, "instagram", &acc, &conf,
					  &matched));

	acc.id = NULL;
	acc.handle = "Evelyn_Example";
	c = cnd_register_match_account(r, "twitter", &acc, &conf, &matched);
	CHECK(c && !strcmp(c->ref, "C-1"));
	CHECK_INT(conf, CND_CONF_PROBABLE);

	acc.handle = "mtest"; /* '*' platform */
	c = cnd_register_match_account(r, "tiktok", &acc, &conf, &matched);
	CHECK(c && !strcmp(c->ref, "C-2"));

	acc.handle = NULL;
	acc.name = "EVELYN EXAMPLE";
	c = cnd_register_match_account(r, "twitter", &acc, &conf, &matched);
	CHECK(c && !strcmp(c->ref, "C-1"));
	CHECK_INT(conf, CND_CONF_POSSIBLE);

	c = cnd_register_client(r, 0);
	CHECK(cnd_client_active_at(c, CND_TIME_NONE, 0));
	CHECK(!cnd_client_active_at(c, 1600000000, 0)); /* 2020: before */
	CHECK(cnd_client_active_at(c, 1680000000, 0));	 /* 2023-03 */
	CHECK(!cnd_client_active_at(c, 1700000000, 30)); /* 2023-11 */
	CHECK(cnd_client_active_at(c, 1700000000, 365));
	CHECK_INT(cnd_register_client(r, 1)->former, 1);
	cnd_register_free(r);
}

TEST(register_text_whole_words)
{
	struct cnd_register *r;
	struct cnd_error err;
	int n = 0;

	cnd_register_parse(&r, good, strlen(good), NULL, NULL, &err);
	CHECK_INT(cnd_register_scan_text(r, "Evening walk, nothing else",
					 count_hits, &n),
		  0);
	CHECK_INT(cnd_register_scan_text(r, "saw eve today", count_hits, &n),
		  1);
	CHECK_INT(cnd_register_scan_text(r, "thanks @evelyn_example!",
					 count_hits, &n),
		  1);
	CHECK_INT(cnd_register_scan_text(r, "Steve and Marcus Testfields",
					 count_hits, &n),
		  0);
	cnd_register_free(r);
}

/* Dates as a spreadsheet saves them (2023/03/01) are read as they were. */
TEST(register_slashed_dates)
{
	static const char text[] =
		"ref,names,active_from,active_to\n"
		"C-1,Ann One,2023/03/01,2023/06/30\n";
	struct cnd_register *r;
	struct cnd_error err;
	struct problems p = { 0 };
	const struct cnd_client *c;

	CHECK_INT(cnd_register_parse(&r, text, strlen(text), on_problem, &p,
				     &err),
		  CND_OK);
	CHECK_INT(p.n, 0);
	CHECK_INT(cnd_register_count(r), 1);
	c = cnd_register_client(r, 0);
	CHECK(!cnd_client_active_at(c, 1677542400, 0)); /* 2023-02-28 */
	CHECK(cnd_client_active_at(c, 1677628800, 0));	 /* 2023-03-01 */
	CHECK(cnd_client_active_at(c, 1688169599, 0));	 /* 2023-06-30 23:59:59 */
	cnd_register_free(r);
}

TEST(register_bad_rows)
{
	static const char bad[] =
		"ref,names,handles,active_from\n"
		"C-1,Ann One,twitter:ann,2023-02-30\n" /* no such day */
		"C-2,Bob Two,bobby,\n"		       /* handle w/o platform */
		",Nobody,,\n"			       /* no ref */
		"C-3,Cy Three,,\n"
		"C-3,Cy Again,,\n"; /* duplicate ref */
	struct cnd_register *r;
	struct cnd_error err;
	struct problems p = { 0 };

	CHECK_INT(cnd_register_parse(&r, bad, strlen(bad), on_problem, &p,
				     &err),
		  CND_FAILED);
	CHECK_INT(p.n, 4);
	CHECK_INT(p.last_line, 6);
	CHECK(strstr(p.last, "C-3") != NULL);
	CHECK_INT(cnd_register_count(r), 1);
	cnd_register_free(r);

	CHECK_INT(cnd_register_parse(&r, "names\nAnn\n", 10, NULL, NULL, &err),
		  CND_FATAL);
	CHECK(r == NULL);
	CHECK(strstr(err.message, "ref") != NULL);
	CHECK_INT(cnd_register_parse(&r, "", 0, NULL, NULL, &err), CND_FATAL);
}
