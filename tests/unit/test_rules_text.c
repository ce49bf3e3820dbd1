/*
 * Unit tests of the text and register rules (src/rules/personal.c,
 * src/rules/talk.c and src/rules/engagement.c, over the detectors and the
 * lexicon matcher of src/match/): case-talk, personal-data, frustration,
 * client-search, client-engagement and affiliation. Each test builds a run
 * by hand (one archive, the built-in policy or a tweaked copy of it, a
 * register parsed from CSV text), feeds records through the rule engine
 * the way the scan driver does, and reads the findings back: the personal
 * data detectors with positives and near misses (years, order ids, dates,
 * handles, desk addresses, "born on the 4th of July", "Top 5 Road Trips")
 * and several of them in one text, masking in every field, the lexicon
 * match (any / all / none / near within N words, allow terms, stop
 * contexts), and the client matches.
 */
#include <jansson.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/config/policy.h"
#include "conduct/config/register.h"
#include "conduct/rules/rule.h"
#include "conduct/run/scan.h"
#include "harness.h"

#include "conduct/rules/engine.h"

#define T2023 1680000000 /* 2023-03-28 */

struct rt {
	struct cnd_run run;
	struct cnd_policy *pol;
	struct cnd_register *reg;
	struct cnd_rules_state *rs;
	long long item;
};

static const char rt_clients[] =
	"ref,names,handles,account_ids,active_from,active_to,former\n"
	"C-1,Evelyn Example;Eve,twitter:evelyn_example,twitter:7001,2022-06-01,,no\n"
	"C-2,Marcus Testfield,*:marcus_testfield,,2023-02-01,,no\n";

/* A run with the built-in policy (or none) and maybe the register. */
static void rt_init(struct rt *t, int policy, int clients)
{
	struct cnd_options o;
	struct cnd_error err;
	struct cnd_archive *a;

	memset(t, 0, sizeof(*t));
	if (policy)
		CHECK_INT(cnd_policy_default(&t->pol, &err), CND_OK);
	if (clients)
		CHECK(cnd_register_parse(&t->reg, rt_clients,
					 strlen(rt_clients), NULL, NULL,
					 &err) < CND_FATAL);
	cnd_options_init(&o);
	o.generated_at = 0;
	o.policy = t->pol;
	o.clients = t->reg;
	cnd_run_init(&t->run, &o);
	a = cnd_run_new_archive(&t->run);
	a->file = "t.zip";
	a->subject = "S";
	a->platform = "twitter";
}

/* The policy's settings of rule id, to tweak before the rules begin. */
static struct cnd_rule_settings *rt_settings(struct rt *t, const char *id)
{
	for (size_t i = 0; t->pol && i < t->pol->rules.len; i++) {
		struct cnd_rule_settings *s = cnd_vec_at(&t->pol->rules, i);

		if (!strcmp(s->id, id))
			return s;
	}
	CHECK(!"rule has no settings");
	return NULL;
}

static void rt_begin(struct rt *t)
{
	t->rs = cnd_rules_begin(&t->run, 0, "twitter");
}

static void rt_emit(struct rt *t, struct cnd_record *r)
{
	if (!t->rs)
		rt_begin(t);
	r->prov.member = "data/tweets.js";
	r->prov.item = t->item++;
	cnd_rules_record(t->rs, r);
}

static void rt_post(struct rt *t, const char *id, const char *text)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_POST;
	r.time = T2023;
	r.id = id;
	r.text = text;
	rt_emit(t, &r);
}

static void rt_end(struct rt *t)
{
	if (!t->rs)
		rt_begin(t);
	cnd_rules_end(t->rs);
	t->rs = NULL;
}

/* A run over one post (id "1") with the built-in policy and no register. */
static void rt_one_post(struct rt *t, const char *text)
{
	rt_init(t, 1, 0);
	rt_post(t, "1", text);
	rt_end(t);
}

static void rt_release(struct rt *t)
{
	if (t->rs)
		cnd_rules_free(t->rs);
	cnd_run_release(&t->run);
	cnd_register_free(t->reg);
	cnd_policy_free(t->pol);
}

static size_t rt_count(const struct rt *t, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < t->run.findings.len; i++)
		n += !strcmp(cnd_run_finding(&t->run, i)->rule, rule);
	return n;
}

/* The k-th finding of rule, or NULL. */
static const struct cnd_finding *rt_get(const struct rt *t, const char *rule,
					size_t k)
{
	for (size_t i = 0; i < t->run.findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(&t->run, i);

		if (!strcmp(f->rule, rule) && k-- == 0)
			return f;
	}
	return NULL;
}

/*
 * Scan one post with personal-data alone in mind: the masked matched
 * values joined with '|', or "" when nothing was found.
 */
static char *pd_values(const char *text, char *buf, size_t size)
{
	struct rt t;
	size_t len = 0;

	rt_one_post(&t, text);
	buf[0] = '\0';
	for (size_t k = 0; rt_get(&t, "personal-data", k); k++) {
		const struct cnd_finding *f = rt_get(&t, "personal-data", k);

		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					k ? "|" : "", f->matched);
		if (len >= size)
			len = size - 1;
		/* the evidence shows the value as masked, never in full */
		CHECK(strstr(f->evidence, f->matched) != NULL);
	}
	rt_release(&t);
	return buf;
}

#define PD(text, want)                                                 \
	do {                                                           \
		char b_[256];                                          \
		CHECK_STR(pd_values(text, b_, sizeof(b_)), want);      \
	} while (0)

TEST(rules_text_phone_numbers)
{
	/* UK, international and US spellings, masked */
	PD("ring Sam on 07700 900123 after 5pm", "07700 9xxxxx");
	PD("ring 07700 900 123", "07700 9xx xxx");
	PD("07700900123", "077009xxxxx");
	PD("desk: +44 7700 900123.", "+44 7700 xxxxxx");
	PD("(020) 7946 0958", "(020) 794x xxxx");
	PD("+44 (0)20 7946 0958", "+44 (0)20 7xxx xxxx");
	PD("call (555) 123-4567 today", "(555) 123-xxxx");
	PD("555.123.4567", "555.123.xxxx");
	PD("1-555-123-4567", "1-555-12x-xxxx");
	PD("1 (555) 123 4567", "1 (555) 12x xxxx");
	PD("1-055-123-4567", ""); /* no US area code starts with 0 or 1 */
	PD("Call 0123 456 7890", "0123 45x xxxx");
	/* near misses */
	PD("Best seasons: 2019 - 2020 - 2021", "");
	PD("Order no. 0123 456 7890 still missing", "");
	PD("tracking 07700 900123", "");
	PD("Shift swap 12.05.2023 1430 to 2200", "");
	PD("https://twitter.com/x/status/1631500000000000401", "");
	PD("tweet 1631500000000000401", "");
	PD("5551234567", "");
	PD("Lottery numbers 12 19 23 31 44 47", "");
	PD("it cost $1234567890 or \xc2\xa3" "07700900123", "");
	PD("4.75 million: 1234 5678.50", "");
	PD("ISBN 978 0 14 044913 6", "");
	PD("id07700900123", "");
	/* helplines, organisations' lines: no one's personal data */
	PD("Call free on 0800 123 4567", "");
	PD("+44 300 123 4567", "");
	PD("0044 800 123 4567", "");
	PD("1-800-273-8255", "");
	PD("(888) 123-4567", "");
	PD("+1 877 123 4567", "");
}

TEST(rules_text_email_addresses)
{
	PD("ask jo.bloggs@example.org for a copy", "j********@example.org");
	PD("A.N.Other+x@mail.example.co.uk", "A**********@mail.example.co.uk");
	/* handles, desk addresses and things that are not addresses */
	PD("follow @jo_bloggs", "");
	PD("write to info@testville.example", "");
	PD("me@localhost", "");
	PD("x@y.c", "");
	PD("see https://user:pw@host.example/x", "");
}

TEST(rules_text_dates_of_birth)
{
	PD("born on 3 March 1990", "born on x March xxxx");
	PD("DOB: 1990-03-12", "DOB: xxxx-xx-xx");
	PD("date of birth 12th of March, 1990", "date of birth xxth of March, xxxx");
	PD("D.O.B. 12.3.90", "D.O.B. xx.x.xx");
	PD("she was born March 12, 1990!", "born March xx, xxxx");
	/* near misses */
	PD("Born on the 4th of July", "");
	PD("born in 1990", "");
	PD("DOB unknown", "");
	PD("reborn 12/03/2015", "");
	PD("DOB 32/13/2015", "");
}

TEST(rules_text_street_addresses)
{
	struct rt t;
	const struct cnd_finding *f;

	PD("Dropped the forms at 14 Acacia Avenue", "xx Acacia Avenue");
	PD("3 St Mary's Rd. is shut", "x St Mary's Rd.");
	PD("221b Baker Street", "xxxb Baker Street");
	/* near misses */
	PD("Top 5 Road Trips", "");
	PD("I walked 3 miles down Mill Lane", "");
	PD("Route 66 Drive", "");
	PD("\xc2\xa3" "5 Church Street", "");

	/* an address is a heuristic: possible, not probable */
	rt_one_post(&t, "at 14 Acacia Avenue");
	f = rt_get(&t, "personal-data", 0);
	CHECK(f && f->confidence == CND_CONF_POSSIBLE);
	CHECK(f && f->severity == CND_SEV_MEDIUM);
	rt_release(&t);
}

TEST(rules_text_case_numbers)
{
	struct cnd_pattern *p;
	struct rt t;
	const struct cnd_finding *f;

	rt_init(&t, 1, 0);
	/* the agency's own pattern replaces the built-in one, as a policy
	   file's case_number_patterns does */
	for (size_t i = 0; i < t.pol->patterns.len; i++)
		regfree(&((struct cnd_pattern *)cnd_vec_at(&t.pol->patterns,
							   i))->re);
	t.pol->patterns.len = 0;
	p = cnd_vec_push(&t.pol->patterns);
	p->name = "case number";
	p->source = "CR-[0-9]{4}-[0-9]{5}";
	CHECK_INT(regcomp(&p->re, p->source, REG_EXTENDED), 0);
	rt_post(&t, "1", "Closed CR-2023-00123 and CR-2023-00456 today");
	rt_post(&t, "2", "CR-23-1 is not one");
	rt_end(&t);
	CHECK_INT(rt_count(&t, "personal-data"), 1);
	f = rt_get(&t, "personal-data", 0);
	/* two numbers with the same mask are one finding of the post */
	CHECK(f && !strcmp(f->matched, "CR-xxxx-xxxxx"));
	CHECK(f && strstr(f->evidence, "case number"));
	CHECK(f && !strstr(f->evidence, "00123") &&
	      !strstr(f->evidence, "00456"));
	rt_release(&t); /* cnd_policy_free releases the pattern */
}

TEST(rules_text_masked_in_other_rules)
{
	struct rt t;
	const struct cnd_finding *f;

	rt_one_post(&t,
		    "Home visit this morning, mum's mobile is 07700 900123");
	f = rt_get(&t, "case-talk", 0);
	CHECK(f != NULL);
	CHECK(f && strstr(f->evidence, "07700 9xxxxx"));
	CHECK(f && !strstr(f->evidence, "900123"));
	CHECK_INT(rt_count(&t, "personal-data"), 1);
	rt_release(&t);
}

TEST(rules_text_case_talk_default_policy)
{
	struct rt t;
	const struct cnd_finding *f;
	struct cnd_record r = { 0 };

	rt_init(&t, 1, 0);
	rt_post(&t, "1", "Court today for my client and the judge listened");
	rt_post(&t, "2", "My clientele at the salon said the judge was harsh today");
	rt_post(&t, "3", "Booked the tennis court for this morning");
	rt_post(&t, "4", "My client base at the bakery keeps growing and I still get a thrill every single time I walk in to work");
	r.kind = CND_REC_POST;
	r.time = T2023;
	r.id = "5";
	r.repost = 1;
	r.text = "RT @news: Home visit cuts hit families";
	rt_emit(&t, &r);
	rt_end(&t);
	CHECK_INT(rt_count(&t, "case-talk"), 1);
	f = rt_get(&t, "case-talk", 0);
	CHECK(f && !strcmp(f->record_id, "1"));
	CHECK(f && f->severity == CND_SEV_MEDIUM);
	CHECK(f && f->confidence == CND_CONF_PROBABLE);
	CHECK(f && f->fingerprint[0]);
	rt_release(&t);
}

TEST(rules_text_no_policy)
{
	struct rt t;

	/* without a policy the lexicon rules have nothing to match */
	rt_init(&t, 0, 0);
	rt_post(&t, "1", "Court today for my client, sick of this job, call 07700 900123");
	rt_end(&t);
	CHECK_INT(rt_count(&t, "case-talk"), 0);
	CHECK_INT(rt_count(&t, "frustration"), 0);
	CHECK_INT(rt_count(&t, "affiliation"), 0);
	CHECK_INT(rt_count(&t, "personal-data"), 1);
	rt_release(&t);
}

/* Hand-made lexicons for the match semantics. */
static const char *const lx_case_terms[] = { "my client" };
static const char *const lx_work_terms[] = { "court", "tribunal" };
static const char *const lx_day_terms[] = { "today" };
static const char *const lx_none_terms[] = { "fiction" };
static const char *const lx_alone_terms[] = { "my client",
					      "case conference" };
static const unsigned char lx_alone_flags[] = { 0, CND_TERM_ALONE };
static const struct cnd_lexicon lx_case = { "casework", "test",
					    lx_case_terms, 1, NULL };
static const struct cnd_lexicon lx_alone = { "casework", "test",
					     lx_alone_terms, 2,
					     lx_alone_flags };
static const struct cnd_lexicon lx_work = { "work_context", "test",
					    lx_work_terms, 2, NULL };
static const struct cnd_lexicon lx_day = { "day", "test", lx_day_terms, 1,
					   NULL };
static const struct cnd_lexicon lx_none = { "fiction", "test",
					    lx_none_terms, 1, NULL };
static const struct cnd_lexicon *const lx_alones[] = { &lx_alone };
static const struct cnd_lexicon *const lx_any[] = { &lx_case };
static const struct cnd_lexicon *const lx_near[] = { &lx_work };
static const struct cnd_lexicon *const lx_all[] = { &lx_day };
static const struct cnd_lexicon *const lx_nones[] = { &lx_none };
static const char *const lx_allow[] = { "client list" };
static const char *const lx_stop[] = { "role play" };

static void lx_count_problem(void *ud, const char *where, const char *msg)
{
	(void)where;
	(void)msg;
	(*(int *)ud)++;
}

/* case-talk findings for text under match m (allow and stop lists on). */
static size_t lx_case_talk(const struct cnd_lexicon_match *m,
			   const char *text)
{
	struct cnd_rule_settings *s;
	struct rt t;
	size_t n;

	rt_init(&t, 1, 0);
	s = rt_settings(&t, "case-talk");
	if (s) {
		s->match = m;
		s->allow_terms = lx_allow;
		s->n_allow_terms = 1;
		s->stop_contexts = lx_stop;
		s->n_stop_contexts = 1;
	}
	rt_post(&t, "1", text);
	rt_end(&t);
	n = rt_count(&t, "case-talk");
	rt_release(&t);
	return n;
}

TEST(rules_text_lexicon_match)
{
	struct cnd_lexicon_match m = { 0 };

	m.any = lx_any;
	m.n_any = 1;
	m.near = lx_near;
	m.n_near = 1;
	m.within = 3;
	CHECK_INT(lx_case_talk(&m, "my client at court"), 1);
	CHECK_INT(lx_case_talk(&m, "MY CLIENT, at the COURT"), 1);
	CHECK_INT(lx_case_talk(&m, "court: my client"), 1);
	/* "within 3 words": 6 words between is too far */
	CHECK_INT(lx_case_talk(&m, "my client was seen by many people before court"), 0);
	CHECK_INT(lx_case_talk(&m, "my client seen at court"), 1);
	CHECK_INT(lx_case_talk(&m, "my client was seen at court"), 0);
	CHECK_INT(lx_case_talk(&m, "my clientele at court"), 0);
	/* allow terms and stop contexts */
	CHECK_INT(lx_case_talk(&m, "my client list at court"), 0);
	CHECK_INT(lx_case_talk(&m, "role play: my client at court"), 0);
	CHECK_INT(lx_case_talk(&m, "role play was fun. Later that week, much later, my client at court"), 1);
	/* within 0: anywhere in the text */
	m.within = 0;
	CHECK_INT(lx_case_talk(&m, "my client was seen by many people before court"), 1);
	/* all: every `all` lexicon must be there too */
	m.all = lx_all;
	m.n_all = 1;
	CHECK_INT(lx_case_talk(&m, "my client at court"), 0);
	CHECK_INT(lx_case_talk(&m, "my client at court today"), 1);
	/* none: a `none` term rules the text out */
	m.none = lx_nones;
	m.n_none = 1;
	CHECK_INT(lx_case_talk(&m, "my client at court today, a work of fiction"), 0);
	/* no near lexicon: the `any` term alone */
	m.near = NULL;
	m.n_near = 0;
	m.none = NULL;
	m.n_none = 0;
	CHECK_INT(lx_case_talk(&m, "my client today"), 1);
}

/* A term marked "alone" needs no near term; the others still do. */
TEST(rules_text_lexicon_alone)
{
	struct cnd_lexicon_match m = { 0 };

	m.any = lx_alones;
	m.n_any = 1;
	m.near = lx_near;
	m.n_near = 1;
	m.within = 3;
	CHECK_INT(lx_case_talk(&m, "case conference ran over"), 1);
	CHECK_INT(lx_case_talk(&m, "my client ran over"), 0);
	CHECK_INT(lx_case_talk(&m, "my client at court"), 1);
	/* a stop context still silences it */
	CHECK_INT(lx_case_talk(&m, "role play of a case conference"), 0);
}

/* Lexicon lines: "term", "term | reason", "term | marks | reason". */
TEST(rules_text_lexicon_lines)
{
	static const char text[] =
		"# comment\n"
		"my client | needs a work word\n"
		"case conference | alone | casework on its own\n"
		"plain term\n"
		"bad | sideways | no such mark\n"
		" | reason without a term\n";
	struct cnd_arena a;
	struct cnd_vec terms, flags;
	int problems = 0;

	cnd_arena_init(&a);
	cnd_vec_init(&terms, sizeof(const char *));
	cnd_vec_init(&flags, 1);
	CHECK_INT(cnd_lexicon_read(&a, "t.txt", text, sizeof(text) - 1, &terms,
				   &flags, lx_count_problem, &problems),
		  -1);
	CHECK_INT(problems, 2);
	CHECK_INT(terms.len, 3);
	if (terms.len == 3) {
		CHECK_STR(*(const char **)cnd_vec_at(&terms, 0), "my client");
		CHECK_STR(*(const char **)cnd_vec_at(&terms, 1),
			  "case conference");
		CHECK_STR(*(const char **)cnd_vec_at(&terms, 2), "plain term");
		CHECK_INT(*(unsigned char *)cnd_vec_at(&flags, 0), 0);
		CHECK_INT(*(unsigned char *)cnd_vec_at(&flags, 1),
			  CND_TERM_ALONE);
	}
	cnd_vec_release(&terms);
	cnd_vec_release(&flags);
	cnd_arena_release(&a);
}

TEST(rules_text_frustration)
{
	struct rt t;
	struct cnd_record r = { 0 };
	const struct cnd_finding *f;

	rt_init(&t, 1, 0);
	rt_post(&t, "1", "Sick of this job, my manager is useless");
	rt_post(&t, "2", "Finished my assessment at the office, class dismissed");
	rt_post(&t, "3", "The new Dickens adaptation tonight");
	r.kind = CND_REC_EVENT;
	r.time = T2023;
	r.id = "1640000000000000309";
	r.setting = "reply-prompt";
	rt_emit(&t, &r);
	r.setting = "something-else";
	r.id = "9";
	rt_emit(&t, &r);
	rt_end(&t);
	CHECK_INT(rt_count(&t, "frustration"), 2);
	for (size_t k = 0; (f = rt_get(&t, "frustration", k)); k++) {
		CHECK(f->severity == CND_SEV_LOW);
		if (!strcmp(f->record_kind, "event")) {
			CHECK_STR(f->record_id, "1640000000000000309");
			CHECK(strstr(f->evidence, "1640000000000000309"));
		} else {
			CHECK_STR(f->record_id, "1");
			CHECK_STR(f->matched, "Sick of");
		}
	}
	rt_release(&t);
}

static void rt_search(struct rt *t, const char *id, const char *q)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_SEARCH;
	r.time = CND_TIME_NONE;
	r.id = id;
	r.text = q;
	rt_emit(t, &r);
}

TEST(rules_text_client_search)
{
	struct rt t;
	const struct cnd_finding *f;

	rt_init(&t, 1, 1);
	rt_search(&t, "1", "evelyn example");
	rt_search(&t, "2", "@marcus_testfield");
	rt_search(&t, "3", "evening classes");
	rt_search(&t, "4", "evelyn_examples");
	rt_search(&t, "5", "testfield united");
	rt_end(&t);
	CHECK_INT(rt_count(&t, "client-search"), 2);
	for (size_t k = 0; (f = rt_get(&t, "client-search", k)); k++) {
		CHECK(f->severity == CND_SEV_MEDIUM);
		CHECK(strstr(f->evidence, "reason"));
		if (!strcmp(f->record_id, "1")) {
			CHECK_STR(f->client, "C-1");
			CHECK(f->confidence == CND_CONF_POSSIBLE);
		} else {
			CHECK_STR(f->record_id, "2");
			CHECK_STR(f->client, "C-2");
			CHECK(f->confidence == CND_CONF_PROBABLE);
		}
	}
	rt_release(&t);

	/* no register: nothing to match */
	rt_init(&t, 1, 0);
	rt_search(&t, "1", "evelyn example");
	rt_end(&t);
	CHECK_INT(rt_count(&t, "client-search"), 0);
	rt_release(&t);
}

static void rt_like(struct rt *t, const char *handle, const char *id,
		    int64_t when)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_LIKE;
	r.time = when;
	r.id = "like";
	r.counterpart.handle = handle;
	r.counterpart.id = id;
	r.text = "a lovely photo";
	rt_emit(t, &r);
}

TEST(rules_text_client_engagement)
{
	struct rt t;
	struct cnd_record r = { 0 };
	const struct cnd_finding *f;

	rt_init(&t, 1, 1);
	rt_like(&t, NULL, "7001", T2023);	      /* account id: confirmed */
	rt_like(&t, "evelyn_example_fan", NULL, T2023); /* another account */
	rt_like(&t, "eve", NULL, T2023);	      /* an alias, not a handle */
	rt_like(&t, "marcus_testfield", NULL, 1609840800); /* before 2023 */
	r.kind = CND_REC_COMMENT;
	r.time = T2023;
	r.id = "c1";
	r.text = "Congratulations!";
	r.counterpart.handle = "marcus_testfield";
	rt_emit(&t, &r);
	rt_end(&t);
	CHECK_INT(rt_count(&t, "client-engagement"), 2);
	for (size_t k = 0; (f = rt_get(&t, "client-engagement", k)); k++) {
		if (!strcmp(f->record_kind, "like")) {
			CHECK_STR(f->client, "C-1");
			CHECK(f->confidence == CND_CONF_CONFIRMED);
		} else {
			CHECK_STR(f->client, "C-2");
			CHECK(f->confidence == CND_CONF_PROBABLE);
			CHECK(strstr(f->evidence, "Congratulations!"));
		}
	}
	rt_release(&t);
}

static void rt_follow(struct rt *t, enum cnd_follow_dir dir, const char *id,
		      const char *name, const char *category)
{
	struct cnd_record r = { 0 };

	r.kind = CND_REC_FOLLOW;
	r.time = CND_TIME_NONE;
	r.dir = dir;
	r.counterpart.id = id;
	r.counterpart.name = name;
	r.category = category;
	rt_emit(t, &r);
}

static void affiliation_run(struct rt *t, json_t *params)
{
	struct cnd_rule_settings *s;

	rt_init(t, 1, 0);
	s = rt_settings(t, "affiliation");
	if (s) {
		s->enabled = 1;
		s->params = params;
	}
	rt_follow(t, CND_FOLLOW_FOLLOWING, "501", "Testville Labour Party",
		  NULL);
	rt_follow(t, CND_FOLLOW_FOLLOWING, "502", "Testville Party Hire",
		  NULL);
	rt_follow(t, CND_FOLLOW_FOLLOWER, "503", "Conservative Party", NULL);
	rt_follow(t, CND_FOLLOW_FOLLOWING, "504", "Testville Bakery", "page");
	rt_end(t);
}

TEST(rules_text_affiliation)
{
	struct rt t;
	const struct cnd_finding *f;
	json_t *params;

	/* off in the built-in policy */
	rt_init(&t, 1, 0);
	rt_follow(&t, CND_FOLLOW_FOLLOWING, "501", "Testville Labour Party",
		  NULL);
	rt_end(&t);
	CHECK_INT(rt_count(&t, "affiliation"), 0);
	rt_release(&t);

	/* on: the category and name stay hidden */
	affiliation_run(&t, NULL);
	CHECK_INT(rt_count(&t, "affiliation"), 2);
	for (size_t k = 0; (f = rt_get(&t, "affiliation", k)); k++) {
		CHECK(f->severity == CND_SEV_INFO);
		if (!strcmp(f->record_id, "501")) {
			CHECK_STR(f->matched, "(hidden)");
			CHECK(!strstr(f->evidence, "Labour"));
			CHECK(!strstr(f->evidence, "political"));
		} else {
			CHECK_STR(f->record_id, "504");
			CHECK(strstr(f->evidence, "page Testville Bakery"));
		}
	}
	rt_release(&t);

	/* show_categories shows them */
	params = json_pack("{s:b}", "show_categories", 1);
	affiliation_run(&t, params);
	CHECK_INT(rt_count(&t, "affiliation"), 2);
	f = rt_get(&t, "affiliation", 0);
	if (f && strcmp(f->record_id, "501"))
		f = rt_get(&t, "affiliation", 1);
	CHECK(f && strstr(f->evidence, "Testville Labour Party"));
	CHECK(f && strstr(f->evidence, "affiliation_political"));
	CHECK(f && !strcmp(f->matched, "labour party"));
	rt_release(&t);
	json_decref(params);
}

/*
 * Every finding of one post but coverage-gap, one "matched | evidence"
 * line each (the evidence without its closing note): the masked text of
 * several detectors that overlap or sit side by side.
 */
static char *pd_findings(const char *text, char *buf, size_t size)
{
	struct rt t;
	size_t len = 0;

	rt_one_post(&t, text);
	buf[0] = '\0';
	for (size_t i = 0; i < t.run.findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(&t.run, i);
		const char *cut = strstr(f->evidence, " (masked here");

		if (!strcmp(f->rule, "coverage-gap"))
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s | %.*s\n",
					f->matched,
					cut ? (int)(cut - f->evidence) :
					      (int)strlen(f->evidence),
					f->evidence);
		if (len >= size)
			len = size - 1;
	}
	rt_release(&t);
	return buf;
}

TEST(rules_text_personal_data_mixed)
{
	/* recorded before the detectors' loops were reworked */
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "mail jo.bloggs77@example.org or ring 07700 900123 / 07700 900124",
		  "j**********@example.org | mail j**********@example.org or ring 07700 9xxxxx / 07700 9xxxxx — e-mail address\n"
		  "07700 9xxxxx | mail j**********@example.org or ring 07700 9xxxxx / 07700 9xxxxx — phone number\n" },
		{ "DOB 12.03.1990 07700 900123",
		  "DOB xx.xx.xxxx | DOB xx.xx.xxxx 07700 900123 — date of birth\n" },
		{ "born 1990-03-12, call 0207 946 0958",
		  "born xxxx-xx-xx | born xxxx-xx-xx, call 0207 94x xxxx — date of birth\n"
		  "0207 94x xxxx | born xxxx-xx-xx, call 0207 94x xxxx — phone number\n" },
		{ "D.O.B. 01/02/1985 lives at 12 Acacia Avenue, phone +44 7700 900123 or j.doe@mail.example.com",
		  "j****@mail.example.com | D.O.B. xx/xx/xxxx lives at xx Acacia Avenue, phone +44 7700 xxxxxx or j****@mail.example.com — e-mail address\n"
		  "D.O.B. xx/xx/xxxx | D.O.B. xx/xx/xxxx lives at xx Acacia Avenue, phone +44 7700 xxxxxx or j****@mail.example.com — date of birth\n"
		  "+44 7700 xxxxxx | D.O.B. xx/xx/xxxx lives at xx Acacia Avenue, phone +44 7700 xxxxxx or j****@mail.example.com — phone number\n"
		  "xx Acacia Avenue | D.O.B. xx/xx/xxxx lives at xx Acacia Avenue, phone +44 7700 xxxxxx or j****@mail.example.com — street address\n" },
		{ "020 7946 0958 Baker Street",
		  "020 794x xxxx | 020 794x xxxx Baker Street — phone number\n" },
		{ "+(44) 7700 900123 and (020) 7946 0958",
		  "+(44) 7700 xxxxxx | +(44) 7700 xxxxxx and (020) 794x xxxx — phone number\n"
		  "(020) 794x xxxx | +(44) 7700 xxxxxx and (020) 794x xxxx — phone number\n" },
		{ "Home visit this morning: born 3 March 1990, 14 Acacia Avenue, mum's mobile is 07700 900123",
		  "Home visit | Home visit this morning: born x March xxxx, xx Acacia Avenue, mum's mobile is 07700 9xxxxx — casework term \"Home visit\" (casework) within 1 word of \"this morning\" (work_context)\n"
		  "born x March xxxx | Home visit this morning: born x March xxxx, xx Acacia Avenue, mum's mobile is 07700 9xxxxx — date of birth\n"
		  "07700 9xxxxx | Home visit this morning: born x March xxxx, xx Acacia Avenue, mum's mobile is 07700 9xxxxx — phone number\n"
		  "xx Acacia Avenue | Home visit this morning: born x March xxxx, xx Acacia Avenue, mum's mobile is 07700 9xxxxx — street address\n" },
		{ "date of birth 12th of March, 1990 07700 900123 born 1-2-03 dob:1999-12-31x",
		  "date of birth xxth of March, xxxx | date of birth xxth of March, xxxx 07700 900123 born x-x-xx dob:1999-12-31x — date of birth\n"
		  "born x-x-xx | date of birth xxth of March, xxxx 07700 900123 born x-x-xx dob:1999-12-31x — date of birth\n" },
		{ "07700 900123 07700 900124",
		  "" },
		{ "+44 300 123 4567 07700 900123, call 07700 900125",
		  "07700 9xxxxx | +44 300 123 4567 07700 900123, call 07700 9xxxxx — phone number\n" },
		{ "a@b.co @x c.d@e.fg 1@2.com me2@x9.example.net",
		  "a@b.co | a@b.co @x c**@e.fg 1@2.com m**@x9.example.net — e-mail address\n"
		  "c**@e.fg | a@b.co @x c**@e.fg 1@2.com m**@x9.example.net — e-mail address\n"
		  "1@2.com | a@b.co @x c**@e.fg 1@2.com m**@x9.example.net — e-mail address\n"
		  "m**@x9.example.net | a@b.co @x c**@e.fg 1@2.com m**@x9.example.net — e-mail address\n" },
		{ "born 12 March 1990 1234 5678 and 12 March 1990",
		  "born xx March xxxx | born xx March xxxx 1234 5678 and 12 March 1990 — date of birth\n" },
		{ "Dob 5/6/2001; 555.123.4567 and 1-555-123-4567 at 7 Mill Lane",
		  "Dob x/x/xxxx | Dob x/x/xxxx; 555.123.xxxx and 1-555-12x-xxxx at x Mill Lane — date of birth\n"
		  "555.123.xxxx | Dob x/x/xxxx; 555.123.xxxx and 1-555-12x-xxxx at x Mill Lane — phone number\n"
		  "1-555-12x-xxxx | Dob x/x/xxxx; 555.123.xxxx and 1-555-12x-xxxx at x Mill Lane — phone number\n"
		  "x Mill Lane | Dob x/x/xxxx; 555.123.xxxx and 1-555-12x-xxxx at x Mill Lane — street address\n" },
		{ "ring +(44) 7700 900123 now",
		  "+(44) 7700 xxxxxx | ring +(44) 7700 xxxxxx now — phone number\n" },
		{ "10 reasons I was born to run, dob",
		  "" },
		{ NULL, NULL },
	};
	char buf[4096], text[1024];
	size_t len = 0;

	for (size_t k = 0; cases[k].text; k++)
		CHECK_STR(pd_findings(cases[k].text, buf, sizeof(buf)),
			  cases[k].want);
	/* more hits than a text keeps: the kinds added last are dropped */
	for (int k = 0; k < 5; k++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"%d Acacia Avenue, ", k + 1);
	for (int k = 0; k < 15; k++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"07%d%d0 900123, ", k / 10, k % 10);
	for (int k = 0; k < 20; k++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"jo@%c.example.org ", 'a' + k);
	CHECK_STR(pd_values(text, buf, sizeof(buf)),
		  "j*@a.example.org|j*@b.example.org|j*@c.example.org|"
		  "j*@d.example.org|j*@e.example.org|j*@f.example.org|"
		  "j*@g.example.org|j*@h.example.org|j*@i.example.org|"
		  "j*@j.example.org|j*@k.example.org|j*@l.example.org|"
		  "j*@m.example.org|j*@n.example.org|j*@o.example.org|"
		  "j*@p.example.org|j*@q.example.org|j*@r.example.org|"
		  "j*@s.example.org|j*@t.example.org|07000 9xxxxx|"
		  "07010 9xxxxx|07020 9xxxxx|07030 9xxxxx|07040 9xxxxx|"
		  "07050 9xxxxx|07060 9xxxxx|07070 9xxxxx|07080 9xxxxx|"
		  "07090 9xxxxx|07100 9xxxxx|07110 9xxxxx");
}
