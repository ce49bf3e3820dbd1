/*
 * The standards catalogue and the citations in force. The catalogue is the
 * data in the standards/ folder (one JSON file a code, described by
 * schemas/standards.schema.json), compiled into the binary: for each code of conduct its issuing body, title, edition,
 * jurisdiction and URL, and the clauses conduct's rules cite, each with a
 * paraphrase in our own words and the date it was checked. A rule lists
 * clause ids ("nasw:1.06(h)") in its table entry; the policy's
 * "standards" key picks the codes (or single clauses) a run cites, and its
 * "agency_standard" adds the agency's own policy, section by section,
 * mapped to rules and cited first. Every writer asks cnd_citations()
 * (include/conduct/rules/citations.h: the rules layer knows which clauses
 * a rule cites) for a rule's citations, so the workbook, the JSON and CSV
 * reports and `conduct rules` cite the same clauses.
 */
#ifndef CONDUCT_STANDARDS_H
#define CONDUCT_STANDARDS_H

#include <stddef.h>

#include "conduct/base/arena.h"

struct cnd_policy;
struct cnd_standard;
struct json_t;

struct cnd_clause {
	const char *id;	     /* "nasw:1.06(h)", "agency:4.2" */
	const char *ref;     /* "1.06(h)", "tip 1"; "" when none */
	const char *summary; /* our paraphrase */
	const char *checked; /* YYYY-MM-DD, NULL for the source essay */
	const char *checked_against; /* URL read, when not the code's */
	const char *text; /* "NASW Code of Ethics (2021), 1.06(h): ..." */
	const struct cnd_standard *standard;
	const char *const *rules; /* agency clauses: rule ids, NULL-ended */
};

struct cnd_standard {
	const char *id; /* "nasw"; "agency" for the agency's own */
	const char *body;
	const char *title;
	const char *edition;
	const char *edition_note; /* or NULL */
	const char *jurisdiction;
	const char *url;   /* NULL for the source essay (and maybe agency) */
	const char *basis; /* "published", "source-essay", "agency" */
	const struct cnd_clause *clauses;
	size_t n_clauses;
};

/* The codes the policy selects, and the agency's own clauses. */
struct cnd_standards_sel {
	int builtin;	   /* the built-in policy's neutral set */
	const char *const *keys; /* the "standards" entries, NULL-ended */
	const struct cnd_standard *agency; /* or NULL */
	const char *describe; /* cnd_standards_describe() */
};

/*
 * The catalogue, parsed once from the embedded files (the first call
 * builds it; thread-safe); sorted by id. Returns CND_OK, or CND_FATAL
 * when the embedded data is broken (a bug; the message says where).
 */
int cnd_standards_catalogue(const struct cnd_standard *const **out,
			    size_t *count, char *why, size_t why_len);
const struct cnd_standard *cnd_standard_find(const char *id);
/* A catalogue clause by full id ("nasw:1.06(h)"), or NULL. */
const struct cnd_clause *cnd_clause_find(const char *id);

/*
 * Check and resolve a policy layer's "standards" and "agency_standard"
 * keys (either may be NULL: the layer leaves them as they are; builtin
 * says the layer is the built-in policy's) into *sel, reporting each
 * problem with its JSON path; an agency clause may name only the rules of
 * rule_ids (NULL-ended: the rules the built-in policy lists). Strings go
 * into arena. Returns the number of problems.
 */
size_t cnd_standards_apply(struct cnd_standards_sel *sel,
			   const struct json_t *standards,
			   const struct json_t *agency, int builtin,
			   const char *const *rule_ids,
			   void (*problem)(void *ud, const char *path,
					   const char *msg),
			   void *ud, struct cnd_arena *arena);

/*
 * The citations in force under sel of rule rule_id, which cites the
 * catalogue clauses clause_ids (NULL-ended, may be NULL): the agency's
 * clauses mapped to the rule first, then those of clause_ids that the
 * selected codes hold, in the rule's order. Writes them to out (when not
 * NULL: room for the count, which a call with out NULL gives) and returns
 * how many.
 */
size_t cnd_standards_resolve(const struct cnd_standards_sel *sel,
			     const char *rule_id,
			     const char *const *clause_ids,
			     const struct cnd_clause **out);

/*
 * cnd_standards_resolve() under policy p (NULL: the built-in policy),
 * worked out once per rule and kept with p (thread-safe); *out borrowed
 * until p is freed.
 */
size_t cnd_standards_cites(const struct cnd_policy *p, const char *rule_id,
			   const char *const *clause_ids,
			   const struct cnd_clause *const **out);

/* One line saying which codes are cited, for the Run sheet. */
const char *cnd_standards_describe(const struct cnd_policy *p);

/* The selection of policy p (NULL: the built-in policy's). */
const struct cnd_standards_sel *cnd_standards_of(const struct cnd_policy *p);

#endif
