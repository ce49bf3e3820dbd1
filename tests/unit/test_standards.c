/*
 * Unit tests of the standards catalogue (src/config/standards.c): the
 * embedded files parse; every clause id a rule names exists; every
 * citation any rule can emit, with every code of the catalogue selected,
 * has an edition, a source URL and a checked date (the source essay
 * excepted: it has neither, by design) and never says "verify"; and a
 * policy's "standards" and "agency_standard" keys resolve to citations
 * (agency first) or to problems named by JSON path.
 */
#include <ctype.h>
#include <jansson.h>
#include <string.h>

#include "conduct/config/policy.h"
#include "conduct/rules/rule.h"
#include "conduct/config/standards.h"

#include "harness.h"

/* Case-insensitive "verify" anywhere in s. */
static int says_verify(const char *s)
{
	static const char w[] = "verify";
	size_t i, j;

	for (i = 0; s && s[i]; i++) {
		for (j = 0; w[j] && s[i + j] &&
			    tolower((unsigned char)s[i + j]) == w[j];
		     j++)
			;
		if (!w[j])
			return 1;
	}
	return 0;
}

static int is_date(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
				       !isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

TEST(standards_catalogue_parses)
{
	const struct cnd_standard *const *codes;
	size_t n, i;
	char why[256] = "";

	CHECK_INT(cnd_standards_catalogue(&codes, &n, why, sizeof(why)),
		  CND_OK);
	CHECK_STR(why, "");
	CHECK(n >= 14);
	CHECK(cnd_standard_find("nasw") != NULL);
	CHECK(cnd_standard_find("essay") != NULL);
	CHECK(cnd_standard_find("nope") == NULL);
	CHECK(cnd_clause_find("nasw:1.06(h)") != NULL);
	CHECK(cnd_clause_find("nasw:1.07(r)") == NULL); /* not checked */
	for (i = 1; i < n; i++)
		CHECK(strcmp(codes[i - 1]->id, codes[i]->id) < 0);
}

TEST(standards_rule_clause_ids_exist)
{
	const struct cnd_rule *const *r;
	const char *const *id;

	for (r = cnd_rules; *r; r++)
		for (id = (*r)->citations; id && *id; id++) {
			if (!cnd_clause_find(*id))
				fprintf(stderr, "  rule %s: no clause '%s'\n",
					(*r)->id, *id);
			CHECK(cnd_clause_find(*id) != NULL);
		}
}

static void no_problem(void *ud, const char *path, const char *msg)
{
	fprintf(stderr, "  %s: %s: %s\n", (const char *)ud, path, msg);
}

/* The registered rules' ids, NULL-ended: what the loader passes. */
static const char *const *rule_ids(void)
{
	static const char *ids[64];
	size_t r;

	for (r = 0; cnd_rules[r] && r + 1 < 64; r++)
		ids[r] = cnd_rules[r]->id;
	ids[r] = NULL;
	return ids;
}

#define CITES_MAX 64

/* Rule r's citations under sel into c (CITES_MAX); how many. */
static size_t cites_of(const struct cnd_standards_sel *sel, size_t r,
		       const struct cnd_clause **c)
{
	size_t n = cnd_standards_resolve(sel, cnd_rules[r]->id,
					 cnd_rules[r]->citations, NULL);

	if (n > CITES_MAX)
		return 0;
	return cnd_standards_resolve(sel, cnd_rules[r]->id,
				     cnd_rules[r]->citations, c);
}

/* Every citation any rule can emit: every code selected at once. */
TEST(standards_every_citation_verified)
{
	const struct cnd_standard *const *codes;
	struct cnd_standards_sel sel;
	struct cnd_arena arena;
	json_t *keys = json_array();
	size_t n, i, r, total = 0;

	memset(&sel, 0, sizeof(sel));
	cnd_arena_init(&arena);
	CHECK_INT(cnd_standards_catalogue(&codes, &n, NULL, 0), CND_OK);
	for (i = 0; i < n; i++)
		json_array_append_new(keys, json_string(codes[i]->id));
	CHECK_INT(cnd_standards_apply(&sel, keys, NULL, 0, rule_ids(), no_problem,
				      "all codes", &arena),
		  0);
	for (r = 0; cnd_rules[r]; r++) {
		const struct cnd_clause *cl[CITES_MAX];
		const char *const *id;
		size_t want = 0, got = cites_of(&sel, r, cl);

		for (id = cnd_rules[r]->citations; id && *id; id++)
			want++;
		CHECK_INT(got, want); /* nothing dropped */
		for (i = 0; i < got; i++) {
			const struct cnd_clause *c = cl[i];
			const struct cnd_standard *s = c->standard;

			total++;
			CHECK(!says_verify(c->text));
			CHECK(!says_verify(c->ref));
			CHECK(!says_verify(c->summary));
			CHECK(!says_verify(s->edition));
			CHECK(s->edition && *s->edition);
			CHECK(strstr(c->text, s->edition) != NULL);
			CHECK(strlen(c->summary) <= 300);
			if (!strcmp(s->basis, "source-essay")) {
				CHECK_STR(s->id, "essay");
				continue;
			}
			CHECK_STR(s->basis, "published");
			CHECK(s->url && !strncmp(s->url, "http", 4));
			CHECK(is_date(c->checked));
		}
	}
	CHECK(total > 40);
	json_decref(keys);
	cnd_arena_release(&arena);
}

struct problems {
	char text[2048];
	int n;
};

static void collect(void *ud, const char *path, const char *msg)
{
	struct problems *p = ud;
	size_t len = strlen(p->text);

	snprintf(p->text + len, sizeof(p->text) - len, "%s: %s\n", path, msg);
	p->n++;
}

TEST(standards_policy_selection_and_agency)
{
	struct cnd_standards_sel sel;
	struct cnd_arena arena;
	struct problems pr = { "", 0 };
	json_t *keys = json_pack("[ss]", "swe", "nasw:1.06(h)");
	json_t *agency = json_pack(
		"{s:s, s:s, s:[{s:s, s:s, s:[s]}]}", "title", "Our policy",
		"edition", "v2 2025", "clauses", "ref", "4.2", "summary",
		"no friending people we support", "rules",
		"client-connection");
	const struct cnd_clause *c[CITES_MAX];
	size_t r;

	memset(&sel, 0, sizeof(sel));
	cnd_arena_init(&arena);
	CHECK_INT(cnd_standards_apply(&sel, keys, agency, 0, rule_ids(), collect, &pr,
				      &arena),
		  0);
	for (r = 0; strcmp(cnd_rules[r]->id, "client-connection"); r++)
		;
	CHECK_INT(cites_of(&sel, r, c), 2);
	CHECK_STR(c[0]->id, "agency:4.2");
	CHECK_STR(c[0]->text,
		  "Our policy (v2 2025), 4.2: no friending people we support");
	CHECK_STR(c[1]->id, "nasw:1.06(h)");
	CHECK(!sel.builtin);
	CHECK(strstr(sel.describe, "Our policy (v2 2025)") != NULL);
	for (r = 0; strcmp(cnd_rules[r]->id, "frustration"); r++)
		;
	CHECK_INT(cites_of(&sel, r, c), 1); /* swe:5.6 only */
	CHECK_STR(c[0]->id, "swe:5.6");
	json_decref(keys);
	json_decref(agency);
	cnd_arena_release(&arena);
}

TEST(standards_policy_problems_named_by_path)
{
	struct cnd_standards_sel sel;
	struct cnd_arena arena;
	struct problems pr = { "", 0 };
	json_t *keys = json_pack("[sssi]", "swe", "nope", "nasw:9.99", 3);
	json_t *agency = json_pack("{s:s, s:[{s:s, s:[s]}]}", "title", "T",
				   "clauses", "summary", "x", "rules",
				   "no-such-rule");

	memset(&sel, 0, sizeof(sel));
	cnd_arena_init(&arena);
	CHECK(cnd_standards_apply(&sel, keys, agency, 0, rule_ids(), collect, &pr,
				  &arena) >= 6);
	CHECK(strstr(pr.text, "$.standards[1]: unknown code 'nope'") != NULL);
	CHECK(strstr(pr.text, "$.standards[2]: unknown clause 'nasw:9.99'") !=
	      NULL);
	CHECK(strstr(pr.text, "$.standards[3]: must be a code id") != NULL);
	CHECK(strstr(pr.text, "$.agency_standard.edition: missing") != NULL);
	CHECK(strstr(pr.text, "$.agency_standard.clauses[0].ref: missing") !=
	      NULL);
	CHECK(strstr(pr.text, "$.agency_standard.clauses[0].rules[0]: "
		     "unknown rule 'no-such-rule'") != NULL);
	/* never half-applied */
	CHECK(sel.agency == NULL && sel.describe == NULL);
	json_decref(keys);
	json_decref(agency);
	cnd_arena_release(&arena);
}

TEST(standards_builtin_policy_is_neutral)
{
	const struct cnd_standards_sel *sel = cnd_standards_of(NULL);
	const struct cnd_clause *const *c;
	size_t n, i;

	CHECK(sel->builtin);
	CHECK(sel->agency == NULL);
	n = cnd_citations(NULL, "client-connection", &c);
	CHECK(n >= 1);
	for (i = 0; i < n; i++)
		CHECK(!strcmp(c[i]->standard->id, "ifsw") ||
		      !strcmp(c[i]->standard->id, "essay"));
	n = cnd_citations(NULL, "client-mention", &c);
	CHECK_STR(c[n - 1]->text, "Social media and social work (source "
		  "essay), tip 2: do not post about clients "
		  "or cases");
}

/*
 * Each code of the catalogue chosen alone by its key: the rules cite only
 * its clauses, and every one of its clauses at least once (a clause no
 * rule maps to would never reach a reviewer). A code with no checked
 * clause yet cites nothing.
 */
TEST(standards_each_code_alone)
{
	const struct cnd_standard *const *codes;
	size_t n, i;

	CHECK_INT(cnd_standards_catalogue(&codes, &n, NULL, 0), CND_OK);
	for (i = 0; i < n; i++) {
		struct cnd_standards_sel sel;
		struct cnd_arena arena;
		json_t *keys = json_pack("[s]", codes[i]->id);
		const struct cnd_clause *c[CITES_MAX];
		size_t r, k, j, m, cited = 0;

		memset(&sel, 0, sizeof(sel));
		cnd_arena_init(&arena);
		CHECK_INT(cnd_standards_apply(&sel, keys, NULL, 0, rule_ids(), no_problem,
					      (void *)codes[i]->id, &arena),
			  0);
		for (k = 0; k < codes[i]->n_clauses; k++) {
			const struct cnd_clause *want = &codes[i]->clauses[k];
			int found = 0;

			for (r = 0; cnd_rules[r]; r++)
				for (j = 0, m = cites_of(&sel, r, c); j < m; j++)
					found |= c[j] == want;
			if (!found)
				fprintf(stderr, "  no rule cites %s\n", want->id);
			CHECK(found);
		}
		for (r = 0; cnd_rules[r]; r++)
			for (j = 0, m = cites_of(&sel, r, c); j < m; j++) {
				CHECK(c[j]->standard == codes[i]);
				cited++;
			}
		if (!codes[i]->n_clauses)
			CHECK_INT(cited, 0);
		json_decref(keys);
		cnd_arena_release(&arena);
	}
}
