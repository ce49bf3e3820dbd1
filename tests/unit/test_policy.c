/*
 * Unit tests of the agency policy (src/config/policy.c): the built-in policy
 * loads with every registered rule and its lexicons; a deliberately broken
 * file reports every one of its problems with the right JSON path; a good
 * file is layered over the built-in one (lexicon override, severity
 * override, inherited match specs, merged allow-lists); paths resolve
 * relative to the policy file; regular expressions are checked; its rules
 * are the registered ones; days and zones are those the scan accepts. Reads
 * fixtures/policy/, so it runs from the repository root; files it writes
 * itself go to a temporary directory that it removes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/base/geo.h"
#include "conduct/config/sites.h"
#include "conduct/base/timeutil.h"
#include "conduct/config/policy.h"
#include "conduct/rules/policy_check.h"
#include "conduct/rules/rule.h"

#include "harness.h"

#define FIX "fixtures/policy/"

struct problems {
	int n;
	char text[8192];
};

static void collect(void *ud, const char *path, const char *msg)
{
	struct problems *p = ud;
	size_t len = strlen(p->text);

	p->n++;
	snprintf(p->text + len, sizeof(p->text) - len, "%s: %s\n", path, msg);
}

/* 1 when a problem line starts with path followed by ": ". */
static int has_path(const struct problems *p, const char *path)
{
	const char *s = p->text;
	size_t n = strlen(path);

	for (; *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : s + strlen(s))
		if (!strncmp(s, path, n) && s[n] == ':' && s[n + 1] == ' ')
			return 1;
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

TEST(policy_default_loads)
{
	struct cnd_policy *p = NULL;
	struct cnd_error err;
	const struct cnd_rule *const *r;
	const struct cnd_rule_settings *s;
	const struct cnd_lexicon *lex;
	size_t i;
	int found = 0;

	CHECK_INT(cnd_policy_default(&p, &err), CND_OK);
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_STR(p->source, "built-in");
	CHECK_INT(strlen(p->sha256), 64);
	CHECK(p->time_zone == NULL);
	CHECK(p->since == CND_TIME_NONE && p->until == CND_TIME_NONE);
	CHECK_INT(p->grace_days, -1);
	CHECK(p->clients_file == NULL && p->sites == NULL);
	/* the built-in generic case-number format (AB-2023-04417) */
	CHECK_INT(p->patterns.len, 1);
	if (p->patterns.len == 1) {
		const struct cnd_pattern *pat = cnd_vec_at(&p->patterns, 0);

		CHECK(!regexec(&pat->re, "ref AB-2023-04417 today", 0, NULL, 0));
		CHECK(regexec(&pat->re, "COVID-19 in 2023", 0, NULL, 0) != 0);
	}
	CHECK(cnd_policy_default_text()[0] == '{');
	/* every registered rule has settings */
	for (r = cnd_rules; *r; r++) {
		s = cnd_policy_rule(p, (*r)->id);
		CHECK(s != NULL);
		if (s && strcmp(s->id, "affiliation") != 0) {
			CHECK(s->enabled);
			CHECK_INT(s->severity, -1);
		}
	}
	CHECK(cnd_policy_rule(p, "no-such-rule") == NULL);
	CHECK(cnd_policy_rule(NULL, "case-talk") == NULL);
	s = cnd_policy_rule(p, "affiliation");
	CHECK(s && !s->enabled && s->match && s->match->n_any == 2);
	s = cnd_policy_rule(p, "case-talk");
	CHECK(s && s->match);
	if (s && s->match) {
		CHECK_INT(s->match->n_any, 1);
		CHECK_STR(s->match->any[0]->name, "casework");
		/* a work word, or another casework phrase, near */
		CHECK_INT(s->match->n_near, 2);
		CHECK_STR(s->match->near[0]->name, "work_context");
		if (s->match->n_near == 2)
			CHECK_STR(s->match->near[1]->name, "casework");
		CHECK_INT(s->match->within, 8);
		CHECK_INT(s->match->n_all + s->match->n_none, 0);
	}
	s = cnd_policy_rule(p, "frustration");
	CHECK(s && s->match && s->match->n_any == 2 && s->match->within == 8);
	s = cnd_policy_rule(p, "client-mention");
	CHECK(s && !s->match && !s->params && !s->n_allow_terms);
	/* the built-in lexicons, comments left out */
	lex = cnd_policy_lexicon(p, "casework");
	CHECK(lex && lex->n_terms > 20);
	if (lex) {
		CHECK_STR(lex->source, "built-in");
		for (i = 0; i < lex->n_terms; i++) {
			CHECK(lex->terms[i][0] != '#' && lex->terms[i][0]);
			if (!strcmp(lex->terms[i], "my client"))
				found = 1;
		}
	}
	CHECK(found);
	CHECK(cnd_policy_lexicon(p, "work_context") != NULL);
	CHECK(cnd_policy_lexicon(p, "profanity") != NULL);
	CHECK(cnd_policy_lexicon(p, "affiliation_religious") != NULL);
	CHECK(cnd_policy_lexicon(p, "nope") == NULL);
	cnd_policy_free(p);
	cnd_policy_free(NULL);
}

TEST(policy_broken_every_problem)
{
	static const char *const paths[] = {
		"$.colour",
		"$.version",
		"$.time_zone",
		"$.review_period.since",
		"$.review_period.until",
		"$.grace_days",
		"$.clients_file",
		"$.lexicons.casework",
		"$.lexicons[\"Bad Name\"]",
		"no-words.txt: line 2",
		"$.case_number_patterns[0].pattern",
		"$.case_number_patterns[1].pattern",
		"$.allow.colour",
		"$.allow.terms",
		"$.rules.no-such-rule",
		"$.rules.client-mention.enabled",
		"$.rules.client-mention.severity",
		"$.rules.case-talk.match.near[1]",
		"$.rules.case-talk.match.within",
		"$.rules.frustration.colour",
		"$.rules.frustration.params.words",
	};
	struct cnd_policy *p = (struct cnd_policy *)&p;
	struct problems pr = { 0, "" };
	struct cnd_error err;
	size_t i;

	CHECK_INT(cnd_policy_load(&p, FIX "broken.json", collect, &pr, &err),
		  CND_FATAL);
	CHECK(p == NULL);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (!has_path(&pr, paths[i])) {
			fprintf(stderr, "  no problem at %s\n", paths[i]);
			CHECK(0);
		}
	}
	CHECK_INT(pr.n, (int)(sizeof(paths) / sizeof(paths[0])));
	/* the good entries next to bad ones raise nothing */
	CHECK(!has_path(&pr, "$.rules.case-talk.match.near[0]"));
	CHECK(!has_path(&pr, "$.rules.case-talk.match.any[0]"));
	CHECK(strstr(pr.text, "unknown lexicon 'nonexistent'") != NULL);
	CHECK(strstr(pr.text, "unknown rule 'no-such-rule'") != NULL);
	CHECK(strstr(err.message, "21 problems") != NULL);
}

TEST(policy_good_layers)
{
	struct cnd_policy *p = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;
	const struct cnd_rule_settings *s;
	const struct cnd_lexicon *lex;
	const struct cnd_pattern *pt;
	const char *suffix = "fixtures/policy/../demo/clients.csv";
	regmatch_t m;

	CHECK_INT(cnd_policy_load(&p, FIX "good.json", collect, &pr, &err),
		  CND_OK);
	CHECK_INT(pr.n, 0);
	if (pr.n)
		fprintf(stderr, "%s", pr.text);
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_STR(p->source, "good.json");
	CHECK_STR(p->time_zone, "Europe/London");
	CHECK_INT(p->since, 1672531200);	   /* 2023-01-01 00:00:00 */
	CHECK_INT(p->until, 1704067199);	   /* 2023-12-31 23:59:59 */
	CHECK_INT(p->grace_days, 180);
	CHECK(p->clients_file &&
	      strlen(p->clients_file) >= strlen(suffix) &&
	      !strcmp(p->clients_file + strlen(p->clients_file) -
			      strlen(suffix),
		      suffix));
	CHECK_INT(cnd_sites_count(p->sites), 2);
	/* case-number patterns are compiled */
	CHECK_INT(p->patterns.len, 1);
	pt = p->patterns.len ? cnd_vec_at(&p->patterns, 0) : NULL;
	if (pt) {
		CHECK_STR(pt->name, "case number");
		CHECK(regexec(&pt->re, "see CN-123456 today", 1, &m, 0) == 0);
		CHECK_INT(m.rm_so, 4);
		CHECK(regexec(&pt->re, "CN-12345", 0, NULL, 0) != 0);
	}
	/* the named lexicon replaces the built-in one; the others stay */
	lex = cnd_policy_lexicon(p, "casework");
	CHECK(lex && lex->n_terms == 3);
	if (lex) {
		CHECK_STR(lex->source, "agency-casework.txt");
		CHECK_STR(lex->terms[2], "core group");
	}
	lex = cnd_policy_lexicon(p, "work_context");
	CHECK(lex && !strcmp(lex->source, "built-in"));
	/* overrides, and what the file leaves to the built-in policy */
	s = cnd_policy_rule(p, "client-mention");
	CHECK(s && s->enabled && s->severity == CND_SEV_MEDIUM);
	s = cnd_policy_rule(p, "case-talk");
	CHECK(s && s->match && s->match->within == 5);
	if (s && s->match && s->match->n_any == 1)
		CHECK(s->match->any[0] == cnd_policy_lexicon(p, "casework"));
	CHECK(s && s->n_allow_terms == 2);
	if (s && s->n_allow_terms == 2) {
		CHECK_STR(s->allow_terms[0], "client services");
		CHECK_STR(s->allow_terms[1], "my client base");
	}
	s = cnd_policy_rule(p, "frustration");
	CHECK(s && s->match && s->match->n_any == 2 &&
	      s->match->within == 8);
	CHECK(s && s->n_allow_terms == 1 && s->n_allow_handles == 1);
	s = cnd_policy_rule(p, "affiliation");
	CHECK(s && s->enabled && s->match && s->match->n_any == 2);
	CHECK(s && s->params &&
	      json_is_false(json_object_get(s->params, "show_categories")));
	s = cnd_policy_rule(p, "geo-sensitive-site");
	CHECK(s && s->params &&
	      json_integer_value(json_object_get(s->params, "radius_m")) ==
		      300);
	cnd_policy_free(p);
}

TEST(policy_relative_paths_and_regex)
{
	char dir[] = "/tmp/conduct-policy-XXXXXX";
	char conf[128], lexdir[128], pol[160], lexf[160], bad[160];
	struct cnd_policy *p = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;
	const struct cnd_lexicon *lex;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(conf, sizeof(conf), "%s/conf", dir);
	snprintf(lexdir, sizeof(lexdir), "%s/conf/lex", dir);
	snprintf(pol, sizeof(pol), "%s/policy.json", conf);
	snprintf(lexf, sizeof(lexf), "%s/words.txt", lexdir);
	snprintf(bad, sizeof(bad), "%s/bad.json", conf);
	CHECK(mkdir(conf, 0700) == 0 && mkdir(lexdir, 0700) == 0);
	write_file(lexf, "\xef\xbb\xbf# BOM, comment, blank line, CRLF\r\n"
			 "\r\n  duty rota  \r\nrota\r\n");
	/* paths are relative to the policy file, not the working directory */
	write_file(pol, "{\"version\": 1, \"lexicons\": "
			"{\"work_context\": \"lex/words.txt\"}}");
	CHECK_INT(cnd_policy_load(&p, pol, collect, &pr, &err), CND_OK);
	lex = p ? cnd_policy_lexicon(p, "work_context") : NULL;
	CHECK(lex && lex->n_terms == 2);
	if (lex && lex->n_terms == 2) {
		CHECK_STR(lex->terms[0], "duty rota");
		CHECK_STR(lex->terms[1], "rota");
		CHECK_STR(lex->source, "words.txt");
	}
	/* the built-in case-talk now reads the replaced lexicon */
	if (p && lex) {
		const struct cnd_rule_settings *s =
			cnd_policy_rule(p, "case-talk");

		CHECK(s && s->match && s->match->n_near == 2 &&
		      s->match->near[0] == lex);
	}
	cnd_policy_free(p);
	p = NULL;

	write_file(bad, "{\"version\": 1, \"case_number_patterns\": ["
			"{\"name\": \"a\", \"pattern\": \"(CN-[0-9]+\"},"
			"{\"name\": \"b\", \"pattern\": \"CN-[0-9]+\"},"
			"{\"name\": \"\", \"pattern\": \"a{2,1}\", \"x\": 1}]}");
	CHECK_INT(cnd_policy_load(&p, bad, collect, &pr, &err), CND_FATAL);
	CHECK(p == NULL);
	CHECK(has_path(&pr, "$.case_number_patterns[0].pattern"));
	CHECK(!has_path(&pr, "$.case_number_patterns[1].pattern"));
	CHECK(has_path(&pr, "$.case_number_patterns[2].pattern"));
	CHECK(has_path(&pr, "$.case_number_patterns[2].name"));
	CHECK(has_path(&pr, "$.case_number_patterns[2].x"));
	CHECK(strstr(pr.text, "not a POSIX extended regular expression") !=
	      NULL);
	CHECK_INT(pr.n, 4);

	/* not JSON at all; and no version */
	pr.n = 0;
	pr.text[0] = '\0';
	write_file(bad, "{\"version\": 1,, }");
	CHECK_INT(cnd_policy_load(&p, bad, collect, &pr, &err), CND_FATAL);
	CHECK(strstr(pr.text, "$: not valid JSON: line 1") != NULL);
	write_file(bad, "{\"rules\": {\"case-talk\": {\"enabled\": false},"
			" \"case-talk\": {\"enabled\": true}}}");
	pr.n = 0;
	pr.text[0] = '\0';
	CHECK_INT(cnd_policy_load(&p, bad, collect, &pr, &err), CND_FATAL);
	CHECK(strstr(pr.text, "duplicate") != NULL);
	write_file(bad, "{\"rules\": {}}");
	pr.n = 0;
	pr.text[0] = '\0';
	CHECK_INT(cnd_policy_load(&p, bad, collect, &pr, &err), CND_FATAL);
	CHECK(has_path(&pr, "$.version"));
	CHECK_INT(cnd_policy_load(&p, "/nonexistent/policy.json", collect,
				  &pr, &err),
		  CND_FATAL);
	CHECK(strstr(err.message, "cannot read") != NULL);

	unlink(lexf);
	unlink(pol);
	unlink(bad);
	rmdir(lexdir);
	rmdir(conf);
	rmdir(dir);
}

TEST(policy_match_needs_lexicons)
{
	char path[] = "/tmp/conduct-policy-match-XXXXXX";
	struct cnd_policy *p = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;
	FILE *f;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	f = fdopen(fd, "w");
	fputs("{\"version\": 1, \"rules\": {"
	      "\"case-talk\": {\"match\": {\"none\": [\"profanity\"]}},"
	      "\"frustration\": {\"match\": {\"any\": [\"profanity\"],"
	      " \"within\": 3}},"
	      "\"affiliation\": {\"match\": {\"all\": \"profanity\"}}}}",
	      f);
	fclose(f);
	CHECK_INT(cnd_policy_load(&p, path, collect, &pr, &err), CND_FATAL);
	CHECK(has_path(&pr, "$.rules.case-talk.match"));
	CHECK(has_path(&pr, "$.rules.frustration.match.within"));
	CHECK(has_path(&pr, "$.rules.affiliation.match.all"));
	CHECK_INT(pr.n, 3);
	unlink(path);
}

/*
 * The rules a policy knows are the built-in policy's, in its order, and
 * they are the registered rules in registry order (config has no registry:
 * cnd_policy_check_rules(), a layer up, compares them).
 */
TEST(policy_rules_are_the_registry)
{
	const struct cnd_rule *const *r;
	struct cnd_policy *p = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;
	struct cnd_rule_settings *s;
	const char *id;
	size_t i = 0;

	CHECK_INT(cnd_policy_default(&p, &err), CND_OK);
	if (!p)
		return;
	for (r = cnd_rules; *r; r++, i++) {
		CHECK(i < p->rules.len);
		if (i >= p->rules.len)
			break;
		s = cnd_vec_at(&p->rules, i);
		CHECK_STR(s->id, (*r)->id);
	}
	CHECK_INT(p->rules.len, i);
	CHECK_INT(cnd_policy_check_rules(p, collect, &pr), 0);
	CHECK_INT(pr.n, 0);
	/* a rule the built-in policy left out, and one it kept that is gone */
	s = cnd_vec_at(&p->rules, 1);
	id = s->id;
	s->id = "gone-rule";
	CHECK_INT(cnd_policy_check_rules(p, collect, &pr), 2);
	CHECK(strstr(pr.text, "$.rules: rule 'client-message' is registered, "
			      "but the built-in policy has no settings for "
			      "it") != NULL);
	CHECK(has_path(&pr, "$.rules.gone-rule"));
	s->id = id;
	cnd_policy_free(p);
}

/*
 * Days and zones go through the one time facility: exactly YYYY-MM-DD,
 * until inclusive; a zone only when the scan can load it (leapseconds, a
 * text file of the zoneinfo directory, once passed here and failed there).
 */
TEST(policy_days_and_zones)
{
	char dir[] = "/tmp/conduct-policy-XXXXXX", pol[160];
	struct cnd_policy *p = NULL;
	struct problems pr = { 0, "" };
	struct cnd_error err;
	struct stat st;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(pol, sizeof(pol), "%s/policy.json", dir);
	write_file(pol, "{\"version\": 1, \"time_zone\": \"Europe/London\", "
			"\"review_period\": {\"since\": \"2023-01-05\", "
			"\"until\": \"2023-12-31\"}}");
	CHECK_INT(cnd_policy_load(&p, pol, collect, &pr, &err), CND_OK);
	if (p) {
		CHECK_STR(p->time_zone, "Europe/London");
		CHECK_INT(p->since, 1672876800);
		CHECK_INT(p->until, 1704067199); /* 2023-12-31 23:59:59 */
	}
	cnd_policy_free(p);
	p = NULL;
	write_file(pol, "{\"version\": 1, \"time_zone\": \"Europe/Nowhere\", "
			"\"review_period\": {\"since\": \"2023/01/05\", "
			"\"until\": \"2023-02-30\"}}");
	CHECK_INT(cnd_policy_load(&p, pol, collect, &pr, &err), CND_FATAL);
	CHECK(has_path(&pr, "$.time_zone"));
	CHECK(strstr(pr.text, "$.review_period.since: must be a date, "
			      "YYYY-MM-DD") != NULL);
	CHECK(strstr(pr.text, "$.review_period.until: must be a date, "
			      "YYYY-MM-DD") != NULL);
	CHECK_INT(pr.n, 3);
	if (stat("/usr/share/zoneinfo/leapseconds", &st) == 0 &&
	    !getenv("TZDIR")) {
		pr.n = 0;
		pr.text[0] = '\0';
		write_file(pol, "{\"version\": 1, \"time_zone\": \"leapseconds\"}");
		CHECK_INT(cnd_policy_load(&p, pol, collect, &pr, &err),
			  CND_FATAL);
		CHECK(strstr(pr.text, "$.time_zone: unknown time zone "
				      "'leapseconds'") != NULL);
		CHECK_INT(cnd_time_set_zone("leapseconds"), -1);
	}
	CHECK_INT(unlink(pol), 0);
	CHECK_INT(rmdir(dir), 0);
}
