/*
 * `conduct rules`: prints the rule catalogue from the rule table (id,
 * default severity, what it flags, citations), the same text every finding
 * cites, so a reviewer can read why a rule exists without the source.
 * `conduct rules --json` prints the same catalogue (with the record kinds
 * each rule reads) as JSON for other tools, described by
 * schemas/rules.schema.json.
 */
#include <jansson.h>
#include <string.h>

#include "conduct/rule.h"

#include "cli.h"

static const struct cnd_cli_opt rules_opts[] = {
	{ "help", 'h', NULL, "show this help" },
	{ "json", 0, NULL, "print the catalogue as JSON" },
	{ NULL, 0, NULL, NULL },
};

void cnd_cmd_rules_usage(FILE *f)
{
	fprintf(f, "usage: conduct rules [--json]\n\n"
		   "Print the rule catalogue: each rule's id, default severity, what it\n"
		   "flags and the professional standards it cites.\n\noptions:\n");
	cnd_cli_print_options(f, rules_opts);
}

enum { RULES_HELP = 1, RULES_JSON = 2 };

static int on_opt(void *ud, int k, const char *v)
{
	int *flags = ud;

	if (k == 0 || k == 1) {
		*flags |= k == 0 ? RULES_HELP : RULES_JSON;
		return 0;
	}
	fprintf(stderr, "conduct rules: unexpected argument '%s'\n", v);
	return -1;
}

/* One rule as a JSON object; NULL when memory runs out. */
static json_t *rule_json(const struct cnd_rule *r)
{
	json_t *o = json_object(), *kinds = json_array(),
	       *cites = json_array();
	const char *const *c;
	int k, bad = !o || !kinds || !cites;

	for (k = 0; !bad && k < CND_REC__COUNT; k++)
		if (r->kinds & CND_KIND_BIT(k))
			bad |= json_array_append_new(
				kinds, json_string(cnd_record_kind_name(
					       (enum cnd_record_kind)k)));
	for (c = r->citations; !bad && c && *c; c++)
		bad |= json_array_append_new(cites, json_string(*c));
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

static int rules_json(void)
{
	const struct cnd_rule *const *r;
	json_t *root = json_object(), *arr = json_array();
	int rc = CND_EXIT_OK;

	if (!root || !arr || json_object_set(root, "rules", arr))
		goto out_nomem;
	for (r = cnd_rules; *r; r++) {
		json_t *o = rule_json(*r);

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

int cnd_cmd_rules(int argc, char **argv)
{
	const struct cnd_rule *const *r;
	int flags = 0;

	if (cnd_cli_parse(argc, argv, "rules", rules_opts, on_opt, &flags))
		return CND_EXIT_USAGE;
	if (flags & RULES_HELP) {
		cnd_cmd_rules_usage(stdout);
		return CND_EXIT_OK;
	}
	if (flags & RULES_JSON)
		return rules_json();
	for (r = cnd_rules; *r; r++) {
		const char *const *c;

		printf("%s (%s): %s\n  %s\n", (*r)->id,
		       cnd_severity_name((*r)->severity), (*r)->title,
		       (*r)->flags);
		for (c = (*r)->citations; c && *c; c++)
			printf("  - %s\n", *c);
		if (r[1])
			printf("\n");
	}
	return CND_EXIT_OK;
}
