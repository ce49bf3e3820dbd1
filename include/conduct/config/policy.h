/*
 * The agency policy: which rules run and how severe their findings are, the
 * review period and time zone defaults, the grace period after a client's
 * active-to date, the files it points at (client register, sensitive
 * sites, lexicons; paths relative to the policy file), the agency's
 * case-number patterns and allow-lists. A built-in default policy (with
 * built-in default lexicons) is compiled into the binary so conduct runs
 * with no configuration; `conduct policy --print-default` prints it and
 * `conduct policy --check FILE` reports every problem with its JSON path.
 * schemas/policy.schema.json describes the file.
 */
#ifndef CONDUCT_POLICY_H
#define CONDUCT_POLICY_H

#include <jansson.h>
#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/model/result.h"
#include "conduct/config/standards.h"

struct cnd_sites;

#include "conduct/match/lexicon.h"
#include "conduct/match/refilter.h"

/* An agency case or record number pattern (POSIX extended regex). */
struct cnd_pattern {
	const char *name;   /* "case number" */
	const char *source; /* the expression as written */
	regex_t re;
	struct cnd_refilter pre; /* texts re cannot match, skipped */
};

/* One rule's settings. */
struct cnd_rule_settings {
	const char *id;
	int enabled;
	int severity; /* enum cnd_severity, or -1: the rule decides */
	/* rules.<id>.match, or NULL when the policy sets none */
	const struct cnd_lexicon_match *match;
	/*
	 * rules.<id>.params: rule-specific numbers and strings (radius_m,
	 * min_repeats, ...), borrowed from the policy; NULL when absent
	 */
	const json_t *params;
	/* global allow-lists followed by the rule's own */
	const char *const *allow_terms;
	size_t n_allow_terms;
	const char *const *allow_handles;
	size_t n_allow_handles;
	const char *const *stop_contexts;
	size_t n_stop_contexts;
};

/*
 * A loaded policy: read-only for its users, made only by
 * cnd_policy_default() and cnd_policy_load(), freed by cnd_policy_free().
 */
struct cnd_policy {
	const char *source;	 /* "built-in" or the file's base name */
	char sha256[65];	 /* of the policy text, for the Run sheet */
	const char *time_zone;	 /* NULL when not set */
	int64_t since, until;	 /* CND_TIME_NONE when not set */
	int grace_days;		 /* -1 when not set */
	const char *clients_file; /* resolved path, or NULL */
	const char *sites_file;	  /* resolved path, or NULL */
	struct cnd_sites *sites;  /* loaded sites, or NULL */
	struct cnd_vec lexicons;  /* struct cnd_lexicon */
	struct cnd_vec patterns;  /* struct cnd_pattern */
	struct cnd_vec rules;	  /* struct cnd_rule_settings, every rule */
	struct cnd_standards_sel standards; /* the codes cited */
	/* (the loader's arena and parsed JSON follow: src/config/policy_load.h) */
};

/*
 * Called for each problem: json_path is like "$.rules.case-talk.severity"
 * (or a file and line for a lexicon or sites file).
 */
typedef void (*cnd_policy_problem_fn)(void *ud, const char *json_path,
				      const char *message);

/* The built-in policy. Returns CND_OK (anything else is a bug). */
int cnd_policy_default(struct cnd_policy **out, struct cnd_error *err);

/*
 * Load the policy at path, with the files it names. Every problem is
 * reported through problem(); returns CND_OK, or CND_FATAL (with err
 * summarising) when there was any problem: a policy is never half-applied.
 */
int cnd_policy_load(struct cnd_policy **out, const char *path,
		    cnd_policy_problem_fn problem, void *ud,
		    struct cnd_error *err);

void cnd_policy_free(struct cnd_policy *p);

/* The built-in policy's JSON text (static). */
const char *cnd_policy_default_text(void);

/* The settings of rule id (every registered rule has them). */
const struct cnd_rule_settings *cnd_policy_rule(const struct cnd_policy *p,
						const char *id);
/* The lexicon called name, or NULL. */
const struct cnd_lexicon *cnd_policy_lexicon(const struct cnd_policy *p,
					     const char *name);

#endif
