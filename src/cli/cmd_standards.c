/*
 * `conduct standards`: lists the standards catalogue compiled into conduct
 * (the standards/ folder): each code's id, issuing body, title, edition,
 * jurisdiction and published URL, and each clause with the paraphrase
 * conduct cites, the date it was checked and the page it was checked
 * against. The ids are what a policy's "standards" key names
 * ("swe", or one clause: "nasw:1.06(h)"). `--json` prints the same as
 * JSON, in the shape of the catalogue files (schemas/standards.schema.json),
 * as {"standards": [...]}.
 */
#include <jansson.h>
#include <string.h>

#include "conduct/base/error.h"
#include "conduct/config/standards.h"

#include "cli.h"

static const struct cnd_cli_opt standards_opts[] = {
	{ "help", 'h', NULL, "show this help" },
	{ "json", 0, NULL, "print the catalogue as JSON" },
	{ NULL, 0, NULL, NULL },
};

void cnd_cmd_standards_usage(FILE *f)
{
	fprintf(f, "usage: conduct standards [--json]\n\n"
		   "List the codes of conduct conduct can cite and the clauses its rules\n"
		   "refer to, each with its edition, source and the date it was checked.\n"
		   "A policy's \"standards\" key picks codes (or single clauses) by id.\n\n"
		   "options:\n");
	cnd_cli_print_options(f, standards_opts);
}

static int on_opt(void *ud, int k, const char *v)
{
	int *flags = ud;

	if (k == 0 || k == 1) {
		*flags |= 1 << k;
		return 0;
	}
	fprintf(stderr, "conduct standards: unexpected argument '%s'\n", v);
	return -1;
}

static json_t *opt_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *code_json(const struct cnd_standard *s)
{
	json_t *o = json_object(), *arr = json_array();
	size_t i;

	if (!o || !arr)
		goto out_nomem;
	json_object_set_new(o, "id", json_string(s->id));
	json_object_set_new(o, "body", json_string(s->body));
	json_object_set_new(o, "title", json_string(s->title));
	json_object_set_new(o, "edition", json_string(s->edition));
	json_object_set_new(o, "edition_note", opt_str(s->edition_note));
	json_object_set_new(o, "jurisdiction", json_string(s->jurisdiction));
	json_object_set_new(o, "url", opt_str(s->url));
	json_object_set_new(o, "basis", json_string(s->basis));
	for (i = 0; i < s->n_clauses; i++) {
		const struct cnd_clause *c = &s->clauses[i];
		json_t *x = json_object();

		if (!x || json_array_append_new(arr, x))
			goto out_nomem;
		json_object_set_new(x, "id", json_string(c->id));
		json_object_set_new(x, "ref", json_string(c->ref));
		json_object_set_new(x, "summary", json_string(c->summary));
		json_object_set_new(x, "checked", opt_str(c->checked));
		json_object_set_new(x, "checked_against",
				    opt_str(c->checked_against));
		json_object_set_new(x, "text", json_string(c->text));
	}
	json_object_set_new(o, "clauses", arr);
	return o;
out_nomem:
	json_decref(o);
	json_decref(arr);
	return NULL;
}

int cnd_cmd_standards(int argc, char **argv)
{
	const struct cnd_standard *const *codes;
	size_t n, i, j;
	char why[256];
	int flags = 0;

	if (cnd_cli_parse(argc, argv, "standards", standards_opts, on_opt,
			  &flags))
		return CND_EXIT_USAGE;
	if (flags & 1) {
		cnd_cmd_standards_usage(stdout);
		return CND_EXIT_OK;
	}
	if (cnd_standards_catalogue(&codes, &n, why, sizeof(why)) != CND_OK) {
		fprintf(stderr, "conduct standards: %s\n", why);
		return CND_EXIT_FAILURE;
	}
	if (flags & 2) {
		json_t *root = json_object(), *arr = json_array();
		int bad = !root || !arr || json_object_set(root, "standards", arr);

		for (i = 0; !bad && i < n; i++) {
			json_t *o = code_json(codes[i]);

			bad = !o || json_array_append_new(arr, o);
		}
		bad = bad || json_dumpf(root, stdout,
					JSON_INDENT(2) | JSON_PRESERVE_ORDER) ||
		      fputc('\n', stdout) == EOF || fflush(stdout);
		json_decref(arr);
		json_decref(root);
		if (bad) {
			fprintf(stderr,
				"conduct standards: cannot write the catalogue\n");
			return CND_EXIT_FAILURE;
		}
		return CND_EXIT_OK;
	}
	for (i = 0; i < n; i++) {
		const struct cnd_standard *s = codes[i];

		printf("%s: %s (%s)\n  %s; %s\n  %s\n", s->id, s->title,
		       s->edition, s->body, s->jurisdiction,
		       s->url ? s->url : "(no published URL: not a code of conduct)");
		if (s->edition_note)
			printf("  edition: %s\n", s->edition_note);
		for (j = 0; j < s->n_clauses; j++) {
			const struct cnd_clause *c = &s->clauses[j];

			printf("  - %s: %s\n", c->id, c->summary);
			if (c->checked)
				printf("    checked %s against %s\n", c->checked,
				       c->checked_against ? c->checked_against :
							    s->url);
		}
		if (!s->n_clauses)
			printf("  (no clause checked yet: cites nothing)\n");
		if (i + 1 < n)
			printf("\n");
	}
	return CND_EXIT_OK;
}
