/*
 * `conduct rules`: prints the rule catalogue from the rule table (id,
 * default severity, what it flags) with the citations in force, the same
 * text every finding cites, so a reviewer can read why a rule exists
 * without the source: the built-in policy's neutral set, or, with
 * --policy, the codes and agency clauses that policy chooses.
 * `conduct rules --json` prints the same catalogue (with the record kinds
 * each rule reads, and each citation's code, edition, clause, source URL
 * and checked date) as JSON for other tools, described by
 * schemas/rules.schema.json.
 */
#include <jansson.h>
#include <string.h>

#include "conduct/config/policy.h"
#include "conduct/rules/rule.h"
#include "conduct/config/standards.h"

#include "cli.h"

static const struct cnd_cli_opt rules_opts[] = {
	{ "help", 'h', NULL, "show this help" },
	{ "json", 0, NULL, "print the catalogue as JSON" },
	{ "policy", 0, "FILE.json",
	  "show the citations that policy's standards put in force (default the built-in policy's neutral set)" },
	{ NULL, 0, NULL, NULL },
};

void cnd_cmd_rules_usage(FILE *f)
{
	fprintf(f, "usage: conduct rules [--json] [--policy FILE.json]\n\n"
		   "Print the rule catalogue: each rule's id, default severity, what it\n"
		   "flags and the clauses of professional standards it cites, with their\n"
		   "editions, under the policy's \"standards\" (`conduct standards` lists\n"
		   "the catalogue).\n\noptions:\n");
	cnd_cli_print_options(f, rules_opts);
}

enum { RULES_HELP = 1, RULES_JSON = 2 };

struct rules_args {
	int flags;
	const char *policy;
};

static int on_opt(void *ud, int k, const char *v)
{
	struct rules_args *a = ud;

	if (k == 0 || k == 1) {
		a->flags |= k == 0 ? RULES_HELP : RULES_JSON;
		return 0;
	}
	if (k == 2) {
		a->policy = v;
		return 0;
	}
	fprintf(stderr, "conduct rules: unexpected argument '%s'\n", v);
	return -1;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* One citation in force as a JSON object; NULL when memory runs out. */
static json_t *cite_json(const struct cnd_clause *c)
{
	json_t *o = json_object();

	if (!o || json_object_set_new(o, "clause", json_string(c->id)) ||
	    json_object_set_new(o, "standard",
				json_string(c->standard->id)) ||
	    json_object_set_new(o, "edition",
				json_string(c->standard->edition)) ||
	    json_object_set_new(o, "ref", json_string(c->ref)) ||
	    json_object_set_new(o, "summary", json_string(c->summary)) ||
	    json_object_set_new(o, "url", str_or_null(c->standard->url)) ||
	    json_object_set_new(o, "checked", str_or_null(c->checked)) ||
	    json_object_set_new(o, "text", json_string(c->text))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* One rule as a JSON object; NULL when memory runs out. */
static json_t *rule_json(const struct cnd_rule *r,
			 const struct cnd_policy *pol)
{
	json_t *o = json_object(), *kinds = json_array(),
	       *cites = json_array();
	const struct cnd_clause *const *c;
	size_t n = cnd_citations(pol, r->id, &c), i;
	int k, bad = !o || !kinds || !cites;

	for (k = 0; !bad && k < CND_REC__COUNT; k++)
		if (r->kinds & CND_KIND_BIT(k))
			bad |= json_array_append_new(
				kinds, json_string(cnd_record_kind_name(
					       (enum cnd_record_kind)k)));
	for (i = 0; !bad && i < n; i++) {
		json_t *x = cite_json(c[i]);

		bad |= !x || json_array_append_new(cites, x);
	}
	if (!bad)
		bad = json_object_set_new(o, "id", json_string(r->id)) ||
		      json_object_set_new(o, "title", json_string(r->title)) ||
		      json_object_set_new(o, "flags", json_string(r->flags)) ||
		      json_object_set_new(o, "severity",
					  json_string(cnd_severity_name(
						  r->severity))) ||
		      json_object_set(o, "kinds", kinds) ||
		      json_object_set(o, "citations", cites);
	json_decref(kinds);
	json_decref(cites);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int rules_json(const struct cnd_policy *pol)
{
	const struct cnd_rule *const *r;
	json_t *root = json_object(), *arr = json_array();
	int rc = CND_EXIT_OK;

	if (!root || !arr || json_object_set(root, "rules", arr))
		goto out_nomem;
	for (r = cnd_rules; *r; r++) {
		json_t *o = rule_json(*r, pol);

		if (!o || json_array_append_new(arr, o))
			goto out_nomem;
	}
	if (json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) ||
	    fputc('\n', stdout) == EOF || fflush(stdout)) {
		fprintf(stderr, "conduct rules: cannot write the catalogue\n");
		rc = CND_EXIT_FAILURE;
	}
	goto out_free;
out_nomem:
	fprintf(stderr, "conduct rules: out of memory\n");
	rc = CND_EXIT_FAILURE;
out_free:
	json_decref(arr);
	json_decref(root);
	return rc;
}

static void policy_problem(void *ud, const char *json_path,
			   const char *msg)
{
	fprintf(stderr, "conduct rules: '%s': %s: %s\n", (const char *)ud,
		json_path, msg);
}

int cnd_cmd_rules(int argc, char **argv)
{
	const struct cnd_rule *const *r;
	struct rules_args a = { 0, NULL };
	struct cnd_policy *pol = NULL;
	struct cnd_error err;
	int rc = CND_EXIT_OK;

	if (cnd_cli_parse(argc, argv, "rules", rules_opts, on_opt, &a))
		return CND_EXIT_USAGE;
	if (a.flags & RULES_HELP) {
		cnd_cmd_rules_usage(stdout);
		return CND_EXIT_OK;
	}
	if ((a.policy ? cnd_policy_load(&pol, a.policy, policy_problem,
					(void *)a.policy, &err) :
			cnd_policy_default(&pol, &err)) != CND_OK) {
		fprintf(stderr, "conduct rules: %s\n", err.message);
		return CND_EXIT_FAILURE;
	}
	if (a.flags & RULES_JSON) {
		rc = rules_json(pol);
		cnd_policy_free(pol);
		return rc;
	}
	printf("Standards cited: %s.\n\n", cnd_standards_describe(pol));
	for (r = cnd_rules; *r; r++) {
		const struct cnd_clause *const *c;
		size_t n = cnd_citations(pol, (*r)->id, &c), i;

		printf("%s (%s): %s\n  %s\n", (*r)->id,
		       cnd_severity_name((*r)->severity), (*r)->title,
		       (*r)->flags);
		for (i = 0; i < n; i++)
			printf("  - %s\n", c[i]->text);
		if (!n)
			printf("  (no clause of the selected codes)\n");
		if (r[1])
			printf("\n");
	}
	cnd_policy_free(pol);
	return rc;
}
