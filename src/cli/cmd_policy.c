/*
 * `conduct policy`: prints the built-in policy (the starting point for an
 * agency's own file) and checks a policy file before it is used, listing
 * every problem with its JSON path ("$.rules.case-talk.match.near[0]") and
 * summarising a good one: its rules on and off, severity overrides, the
 * lexicons with their term counts and where they come from, the sites and
 * case-number patterns it loaded. The client register a policy names is
 * read too, so a row the scan would skip is found before the review.
 */
#include <string.h>

#include "conduct/base/geo.h"
#include "conduct/config/sites.h"
#include "conduct/base/path.h"
#include "conduct/config/policy.h"
#include "conduct/config/register.h"
#include "conduct/rules/rule.h"
#include "conduct/config/standards.h"
#include "conduct/base/timeutil.h"
#include "conduct/rules/policy_check.h"

#include "cli.h"

enum { OPT_PRINT_DEFAULT, OPT_CHECK, OPT_HELP };

static const struct cnd_cli_opt policy_opts[] = {
	[OPT_PRINT_DEFAULT] = { "print-default", 0, NULL,
				"print the built-in policy (JSON) on stdout" },
	[OPT_CHECK] = { "check", 0, "FILE.json",
			"check a policy file and the files it names; list every problem" },
	[OPT_HELP] = { "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL },
};

struct policy_args {
	int print_default, help;
	const char *check;
};

void cnd_cmd_policy_usage(FILE *f)
{
	fprintf(f,
		"usage: conduct policy --print-default\n"
		"       conduct policy --check FILE.json\n"
		"\n"
		"The agency policy says which rules run and how severe their findings\n"
		"are, the review period, time zone and grace period defaults, the client\n"
		"register, sensitive-sites and lexicon files (paths relative to the\n"
		"policy file), case-number patterns and allow-lists. Without --policy,\n"
		"'conduct scan' uses the built-in policy that --print-default shows.\n"
		"\n"
		"options:\n");
	cnd_cli_print_options(f, policy_opts);
	fprintf(f,
		"\n"
		"exit codes: 0 the policy is valid; 1 it has problems (each listed on\n"
		"stderr with its JSON path); 2 usage error.\n");
}

static int on_opt(void *ud, int k, const char *v)
{
	struct policy_args *a = ud;

	switch (k) {
	case OPT_PRINT_DEFAULT:
		a->print_default = 1;
		return 0;
	case OPT_CHECK:
		a->check = v;
		return 0;
	case OPT_HELP:
		a->help = 1;
		return 0;
	}
	fprintf(stderr, "conduct policy: unexpected argument '%s'\n", v);
	return -1;
}

static void print_problem(void *ud, const char *json_path, const char *msg)
{
	fprintf(stderr, "conduct: '%s': %s: %s\n", (const char *)ud,
		json_path, msg);
}

static void print_register_problem(void *ud, size_t line, const char *msg)
{
	if (line)
		fprintf(stderr, "conduct: '%s': line %zu: %s\n",
			(const char *)ud, line, msg);
	else
		fprintf(stderr, "conduct: '%s': %s\n", (const char *)ud, msg);
}

/* Read the policy's client register; 0 when every row is usable. */
static int check_register(const struct cnd_policy *p)
{
	struct cnd_register *reg = NULL;
	struct cnd_error err;
	int st;

	if (!p->clients_file)
		return 0;
	st = cnd_register_load(&reg, p->clients_file, print_register_problem,
			       (void *)cnd_path_base(p->clients_file), &err);
	if (st >= CND_FATAL)
		fprintf(stderr, "conduct: %s\n", err.message);
	else if (st != CND_OK)
		fprintf(stderr,
			"conduct: '%s': rows with problems would be skipped by a scan\n",
			cnd_path_base(p->clients_file));
	else
		printf("  client register: %s (%zu client%s)\n",
		       cnd_path_base(p->clients_file), cnd_register_count(reg),
		       cnd_register_count(reg) == 1 ? "" : "s");
	cnd_register_free(reg);
	return st == CND_OK ? 0 : -1;
}

static void print_day(const char *label, int64_t t)
{
	char buf[32];

	if (t == CND_TIME_NONE)
		return;
	cnd_time_format_utc(t, buf, sizeof(buf));
	printf("  %s: %.10s\n", label, buf);
}

static void print_summary(const char *file, const struct cnd_policy *p)
{
	size_t i, on = 0;

	for (i = 0; i < p->rules.len; i++)
		if (((const struct cnd_rule_settings *)cnd_vec_at(&p->rules, i))
			    ->enabled)
			on++;
	printf("'%s' is a valid policy: %zu rules, %zu enabled\n", file,
	       p->rules.len, on);
	for (i = 0; i < p->rules.len; i++) {
		const struct cnd_rule_settings *s = cnd_vec_at(&p->rules, i);

		printf("  rule %-20s %s", s->id, s->enabled ? "on" : "off");
		if (s->severity >= 0)
			printf(", severity %s",
			       cnd_severity_name(
				       (enum cnd_severity)s->severity));
		printf("\n");
	}
	for (i = 0; i < p->lexicons.len; i++) {
		const struct cnd_lexicon *x = cnd_vec_at(&p->lexicons, i);

		printf("  lexicon %s: %zu terms (%s)\n", x->name, x->n_terms,
		       x->source);
	}
	for (i = 0; i < p->patterns.len; i++) {
		const struct cnd_pattern *pt = cnd_vec_at(&p->patterns, i);

		printf("  case-number pattern %s: %s\n", pt->name, pt->source);
	}
	if (p->time_zone)
		printf("  time zone: %s\n", p->time_zone);
	print_day("review period from", p->since);
	print_day("review period until", p->until);
	if (p->grace_days >= 0)
		printf("  grace days: %d\n", p->grace_days);
	if (p->sites_file)
		printf("  sensitive sites: %s (%zu sites)\n",
		       cnd_path_base(p->sites_file), cnd_sites_count(p->sites));
	printf("  standards cited: %s\n", cnd_standards_describe(p));
}

int cnd_cmd_policy(int argc, char **argv)
{
	struct policy_args a = { 0, 0, NULL };
	struct cnd_policy *p = NULL;
	struct cnd_error err;
	int code;

	if (cnd_cli_parse(argc, argv, "policy", policy_opts, on_opt, &a))
		return CND_EXIT_USAGE;
	if (a.help) {
		cnd_cmd_policy_usage(stdout);
		return CND_EXIT_OK;
	}
	if (a.print_default == !!a.check) {
		fprintf(stderr,
			"conduct policy: give one of --print-default and --check FILE (see 'conduct help policy')\n");
		return CND_EXIT_USAGE;
	}
	if (a.print_default) {
		fputs(cnd_policy_default_text(), stdout);
		return CND_EXIT_OK;
	}
	if (cnd_policy_load(&p, a.check, print_problem,
			    (void *)cnd_path_base(a.check), &err) != CND_OK) {
		fprintf(stderr, "conduct: %s\n", err.message);
		return CND_EXIT_PARTIAL;
	}
	/* the policy's rules against the registry: a bug of the build if not */
	if (cnd_policy_check_rules(p, print_problem,
				   (void *)cnd_path_base(a.check))) {
		cnd_policy_free(p);
		return CND_EXIT_PARTIAL;
	}
	print_summary(cnd_path_base(a.check), p);
	code = check_register(p) == 0 ? CND_EXIT_OK : CND_EXIT_PARTIAL;
	cnd_policy_free(p);
	return code;
}
