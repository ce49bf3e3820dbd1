/*
 * The standards catalogue (include/conduct/config/standards.h): parses the
 * embedded files of the standards/ folder once into a table of codes and
 * clauses,
 * checks a policy's "standards" and "agency_standard" keys (every problem
 * with its JSON path, as for lexicons), and resolves, for a rule and the
 * catalogue clauses it cites (the rules layer knows those), the clauses it
 * cites in a run: the agency's own first, then the rule's catalogue
 * clauses that belong to the selected codes. The catalogue lives as long
 * as the process; a selection, and the citations worked out under it,
 * live in its policy's arena.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "conduct/config/policy.h"
#include "conduct/config/standards.h"

#include "policy_load.h"

#define PREFIX "standards/"
#define SUMMARY_MAX 300

static struct {
	pthread_once_t once;
	const struct cnd_standard **codes;
	size_t n;
	char why[256];
} cat = { PTHREAD_ONCE_INIT, NULL, 0, "" };

static const char *dup_or_null(const json_t *v)
{
	return json_is_string(v) ? cnd_xstrdup(json_string_value(v)) : NULL;
}

static char *clause_text(const struct cnd_standard *s, const char *ref,
			 const char *summary)
{
	struct cnd_buf b = CND_BUF_INIT;

	cnd_buf_printf(&b, "%s (%s)%s%s: %s", s->title, s->edition,
		       *ref ? ", " : "", ref, summary);
	return b.data;
}

static char *join_id(const char *code, const char *id)
{
	struct cnd_buf b = CND_BUF_INIT;

	cnd_buf_printf(&b, "%s:%s", code, id);
	return b.data;
}

static int need(const json_t *o, const char *key, const char *file,
		const char **out)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v) || !*json_string_value(v)) {
		snprintf(cat.why, sizeof(cat.why), "'%s': \"%s\" missing",
			 file, key);
		return -1;
	}
	*out = cnd_xstrdup(json_string_value(v));
	return 0;
}

/* One embedded file into a code; -1 with cat.why set when broken. */
static int parse_code(const struct cnd_embedded *e, struct cnd_standard *s)
{
	json_error_t je;
	json_t *root = json_loadb((const char *)e->data, e->len,
				  JSON_REJECT_DUPLICATES, &je);
	const json_t *arr, *c;
	struct cnd_clause *cl;
	size_t i;
	int rc = -1;

	if (!root) {
		snprintf(cat.why, sizeof(cat.why), "'%s': line %d: %s",
			 e->name, je.line, je.text);
		return -1;
	}
	if (need(root, "id", e->name, &s->id) ||
	    need(root, "body", e->name, &s->body) ||
	    need(root, "title", e->name, &s->title) ||
	    need(root, "edition", e->name, &s->edition) ||
	    need(root, "jurisdiction", e->name, &s->jurisdiction) ||
	    need(root, "basis", e->name, &s->basis))
		goto out;
	s->edition_note = dup_or_null(json_object_get(root, "edition_note"));
	s->url = dup_or_null(json_object_get(root, "url"));
	arr = json_object_get(root, "clauses");
	if (!json_is_array(arr)) {
		snprintf(cat.why, sizeof(cat.why), "'%s': no clauses array",
			 e->name);
		goto out;
	}
	s->n_clauses = json_array_size(arr);
	cl = cnd_xcalloc(s->n_clauses ? s->n_clauses : 1, sizeof(*cl));
	s->clauses = cl;
	json_array_foreach(arr, i, c) {
		const char *id, *ref = json_string_value(
					json_object_get(c, "ref"));

		if (need(c, "id", e->name, &id) ||
		    need(c, "summary", e->name, &cl[i].summary))
			goto out;
		cl[i].id = join_id(s->id, id);
		free((void *)id);
		cl[i].ref = cnd_xstrdup(ref ? ref : "");
		cl[i].checked = dup_or_null(json_object_get(c, "checked"));
		cl[i].checked_against =
			dup_or_null(json_object_get(c, "checked_against"));
		cl[i].standard = s;
		cl[i].text = clause_text(s, cl[i].ref, cl[i].summary);
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static int code_cmp(const void *a, const void *b)
{
	const struct cnd_standard *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static void build(void)
{
	const struct cnd_embedded *e;
	size_t n = 0;

	for (e = cnd_embedded; e->name; e++)
		if (!strncmp(e->name, PREFIX, sizeof(PREFIX) - 1))
			n++;
	cat.codes = cnd_xcalloc(n ? n : 1, sizeof(*cat.codes));
	for (e = cnd_embedded; e->name; e++) {
		struct cnd_standard *s;

		if (strncmp(e->name, PREFIX, sizeof(PREFIX) - 1))
			continue;
		s = cnd_xcalloc(1, sizeof(*s));
		if (parse_code(e, s) != 0)
			return; /* cat.why says why; n stays short */
		cat.codes[cat.n++] = s;
	}
	qsort(cat.codes, cat.n, sizeof(*cat.codes), code_cmp);
}

int cnd_standards_catalogue(const struct cnd_standard *const **out,
			    size_t *count, char *why, size_t why_len)
{
	pthread_once(&cat.once, build);
	*out = cat.codes;
	*count = cat.n;
	if (cat.why[0]) {
		if (why && why_len)
			snprintf(why, why_len, "%s", cat.why);
		return CND_FATAL;
	}
	return CND_OK;
}

const struct cnd_standard *cnd_standard_find(const char *id)
{
	const struct cnd_standard *const *codes;
	size_t n, i;

	cnd_standards_catalogue(&codes, &n, NULL, 0);
	for (i = 0; id && i < n; i++)
		if (!strcmp(codes[i]->id, id))
			return codes[i];
	return NULL;
}

const struct cnd_clause *cnd_clause_find(const char *id)
{
	const char *colon = id ? strchr(id, ':') : NULL;
	const struct cnd_standard *s;
	char code[64];
	size_t i;

	if (!colon || (size_t)(colon - id) >= sizeof(code))
		return NULL;
	memcpy(code, id, (size_t)(colon - id));
	code[colon - id] = '\0';
	s = cnd_standard_find(code);
	for (i = 0; s && i < s->n_clauses; i++)
		if (!strcmp(s->clauses[i].id, id))
			return &s->clauses[i];
	return NULL;
}

/* --- a policy's selection --- */

struct checker {
	void (*problem)(void *ud, const char *path, const char *msg);
	void *ud;
	size_t problems;
};

static void complain(struct checker *k, const char *path, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

static void complain(struct checker *k, const char *path, const char *fmt,
		     ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	k->problems++;
	if (k->problem)
		k->problem(k->ud, path, msg);
}

static const char *type_of(const json_t *v)
{
	return json_is_object(v)   ? "an object" :
	       json_is_array(v)	   ? "an array" :
	       json_is_string(v)   ? "a string" :
	       json_is_number(v)   ? "a number" :
	       json_is_boolean(v)  ? "a boolean" :
				     "null";
}

static void apply_keys(struct checker *k, struct cnd_standards_sel *sel,
		       const json_t *arr, struct cnd_arena *arena)
{
	const char **keys;
	const json_t *v;
	char path[64];
	size_t i, j;

	if (!json_is_array(arr)) {
		complain(k, "$.standards",
			 "must be an array of code ids (as `conduct standards` lists them), not %s",
			 type_of(arr));
		return;
	}
	keys = cnd_arena_alloc(arena,
			       (json_array_size(arr) + 1) * sizeof(*keys));
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);

		snprintf(path, sizeof(path), "$.standards[%zu]", i);
		keys[i] = NULL;
		if (!s) {
			complain(k, path, "must be a code id, not %s",
				 type_of(v));
			continue;
		}
		if (strchr(s, ':') ? !cnd_clause_find(s) :
				     !cnd_standard_find(s)) {
			const char *c = strchr(s, ':');

			if (c && cnd_standard_find(
					 cnd_arena_strndup(arena, s,
							   (size_t)(c - s))))
				complain(k, path,
					 "unknown clause '%s' (`conduct standards` lists each code's clauses)",
					 s);
			else
				complain(k, path,
					 "unknown code '%s' (`conduct standards` lists the catalogue)",
					 s);
			continue;
		}
		for (j = 0; j < i; j++)
			if (keys[j] && !strcmp(keys[j], s))
				complain(k, path, "'%s' is listed twice", s);
		keys[i] = cnd_arena_strdup(arena, s);
	}
	keys[json_array_size(arr)] = NULL;
	sel->keys = keys;
	sel->builtin = 0;
}

static const char *want_text(struct checker *k, const json_t *o,
			     const char *key, const char *parent, int required,
			     struct cnd_arena *arena)
{
	const json_t *v = json_object_get(o, key);
	char path[128];

	snprintf(path, sizeof(path), "%s.%s", parent, key);
	if (!v) {
		if (required)
			complain(k, path, "missing");
		return NULL;
	}
	if (!json_is_string(v) || !*json_string_value(v)) {
		complain(k, path, "must be a non-empty string, not %s",
			 json_is_string(v) ? "an empty one" : type_of(v));
		return NULL;
	}
	if (json_string_length(v) > SUMMARY_MAX) {
		complain(k, path, "longer than %d characters: paraphrase, do not quote",
			 SUMMARY_MAX);
		return NULL;
	}
	return cnd_arena_strdup(arena, json_string_value(v));
}

static void unknown(struct checker *k, const json_t *o, const char *parent,
		    const char *const *known)
{
	const char *key;
	const json_t *v;
	char path[160];

	json_object_foreach((json_t *)o, key, v) {
		const char *const *kn;

		for (kn = known; *kn && strcmp(*kn, key); kn++)
			;
		if (!*kn) {
			snprintf(path, sizeof(path), "%s.%s", parent, key);
			complain(k, path, "unknown key");
		}
	}
}

static int listed(const char *const *ids, const char *id)
{
	for (; ids && *ids; ids++)
		if (!strcmp(*ids, id))
			return 1;
	return 0;
}

static const char *const *agency_rules(struct checker *k, const json_t *arr,
				       const char *parent,
				       const char *const *rule_ids,
				       struct cnd_arena *arena)
{
	const char **out;
	const json_t *v;
	char path[160];
	size_t i;

	snprintf(path, sizeof(path), "%s.rules", parent);
	if (!json_is_array(arr) || !json_array_size(arr)) {
		complain(k, path,
			 "needs an array of the rule ids this clause applies to");
		return NULL;
	}
	out = cnd_arena_alloc(arena, (json_array_size(arr) + 1) * sizeof(*out));
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);

		snprintf(path, sizeof(path), "%s.rules[%zu]", parent, i);
		out[i] = NULL;
		if (!s || !listed(rule_ids, s))
			complain(k, path,
				 s ? "unknown rule '%s' (`conduct rules` lists them)" :
				     "must be a rule id%s",
				 s ? s : "");
		else
			out[i] = cnd_arena_strdup(arena, s);
	}
	out[json_array_size(arr)] = NULL;
	return out;
}

static void apply_agency(struct checker *k, struct cnd_standards_sel *sel,
			 const json_t *o, const char *const *rule_ids,
			 struct cnd_arena *arena)
{
	static const char *const known[] = { "body",  "title",	 "edition",
					     "url",   "clauses", NULL };
	static const char *const known_clause[] = { "ref", "summary", "rules",
						    NULL };
	struct cnd_standard *s;
	struct cnd_clause *cl;
	const json_t *arr, *c;
	size_t before = k->problems, i;
	char path[96];

	if (!json_is_object(o)) {
		complain(k, "$.agency_standard",
			 "must be an object (title, edition, clauses), not %s",
			 type_of(o));
		return;
	}
	unknown(k, o, "$.agency_standard", known);
	s = cnd_arena_alloc(arena, sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->id = "agency";
	s->basis = "agency";
	s->jurisdiction = "this agency";
	s->title = want_text(k, o, "title", "$.agency_standard", 1, arena);
	s->edition = want_text(k, o, "edition", "$.agency_standard", 1, arena);
	s->body = want_text(k, o, "body", "$.agency_standard", 0, arena);
	s->url = want_text(k, o, "url", "$.agency_standard", 0, arena);
	if (!s->body)
		s->body = "this agency";
	arr = json_object_get(o, "clauses");
	if (!json_is_array(arr) || !json_array_size(arr)) {
		complain(k, "$.agency_standard.clauses",
			 "needs an array of the policy's sections: ref, summary, rules");
		return;
	}
	cl = cnd_arena_alloc(arena, json_array_size(arr) * sizeof(*cl));
	memset(cl, 0, json_array_size(arr) * sizeof(*cl));
	json_array_foreach(arr, i, c) {
		snprintf(path, sizeof(path), "$.agency_standard.clauses[%zu]", i);
		if (!json_is_object(c)) {
			complain(k, path, "must be an object (ref, summary, rules)");
			continue;
		}
		unknown(k, c, path, known_clause);
		cl[i].ref = want_text(k, c, "ref", path, 1, arena);
		cl[i].summary = want_text(k, c, "summary", path, 1, arena);
		cl[i].rules = agency_rules(k, json_object_get(c, "rules"), path,
					   rule_ids, arena);
		cl[i].standard = s;
		if (cl[i].ref)
			cl[i].id = cnd_arena_printf(arena, "agency:%s",
						    cl[i].ref);
		for (size_t j = 0; cl[i].id && j < i; j++)
			if (cl[j].id && !strcmp(cl[j].id, cl[i].id))
				complain(k, path, "ref '%s' is listed twice",
					 cl[i].ref);
	}
	if (k->problems != before)
		return;
	for (i = 0; i < json_array_size(arr); i++)
		cl[i].text = cnd_arena_printf(arena, "%s (%s), %s: %s",
					      s->title, s->edition, cl[i].ref,
					      cl[i].summary);
	s->clauses = cl;
	s->n_clauses = json_array_size(arr);
	sel->agency = s;
}

static int selected(const struct cnd_standards_sel *sel,
		    const struct cnd_clause *c)
{
	const char *const *key;

	for (key = sel->keys; key && *key; key++)
		if (!strcmp(*key, c->id) || !strcmp(*key, c->standard->id))
			return 1;
	return 0;
}

static const char *describe(const struct cnd_standards_sel *sel,
			    struct cnd_arena *arena);

size_t cnd_standards_resolve(const struct cnd_standards_sel *sel,
			     const char *rule_id,
			     const char *const *clause_ids,
			     const struct cnd_clause **out)
{
	const struct cnd_standard *ag = sel->agency;
	const char *const *id;
	size_t i, n = 0;

	for (i = 0; ag && i < ag->n_clauses; i++) {
		const char *const *rr;

		for (rr = ag->clauses[i].rules; rr && *rr; rr++)
			if (!strcmp(*rr, rule_id)) {
				if (out)
					out[n] = &ag->clauses[i];
				n++;
				break;
			}
	}
	for (id = clause_ids; id && *id; id++) {
		const struct cnd_clause *c = cnd_clause_find(*id);

		if (c && selected(sel, c)) {
			if (out)
				out[n] = c;
			n++;
		}
	}
	return n;
}

size_t cnd_standards_apply(struct cnd_standards_sel *sel,
			   const struct json_t *standards,
			   const struct json_t *agency, int builtin,
			   const char *const *rule_ids,
			   void (*problem)(void *ud, const char *path,
					   const char *msg),
			   void *ud, struct cnd_arena *arena)
{
	struct checker k = { problem, ud, 0 };
	const struct cnd_standard *const *codes;
	size_t n;
	char why[256];

	if (cnd_standards_catalogue(&codes, &n, why, sizeof(why)) != CND_OK) {
		complain(&k, "$.standards", "the built-in catalogue is broken: %s",
			 why);
		return k.problems;
	}
	if (standards) {
		apply_keys(&k, sel, standards, arena);
		sel->builtin = builtin;
	}
	if (agency)
		apply_agency(&k, sel, agency, rule_ids, arena);
	if (!k.problems)
		sel->describe = describe(sel, arena);
	return k.problems;
}

/* The built-in policy, for callers with none (built once). */
static struct {
	pthread_once_t once;
	struct cnd_policy *p;
} builtin = { PTHREAD_ONCE_INIT, NULL };

static void builtin_build(void)
{
	struct cnd_error err;

	if (cnd_policy_default(&builtin.p, &err) != CND_OK)
		abort(); /* the built-in policy is tested: a bug */
}

const struct cnd_standards_sel *cnd_standards_of(const struct cnd_policy *p)
{
	if (!p) {
		pthread_once(&builtin.once, builtin_build);
		p = builtin.p;
	}
	return &p->standards;
}

size_t cnd_standards_cites(const struct cnd_policy *p, const char *rule_id,
			   const char *const *clause_ids,
			   const struct cnd_clause *const **out)
{
	struct policy_full *f;
	const struct cnd_clause **c;
	struct rule_cites *rc = NULL;
	size_t i, n;

	if (!p) {
		pthread_once(&builtin.once, builtin_build);
		p = builtin.p;
	}
	f = pl_full(p);
	pthread_mutex_lock(&f->cites_lock);
	for (i = 0; i < f->cites.len && !rc; i++) {
		struct rule_cites *x = cnd_vec_at(&f->cites, i);

		if (!strcmp(x->id, rule_id))
			rc = x;
	}
	if (!rc) {
		n = cnd_standards_resolve(&p->standards, rule_id, clause_ids,
					  NULL);
		c = cnd_arena_alloc(&f->arena, (n + 1) * sizeof(*c));
		cnd_standards_resolve(&p->standards, rule_id, clause_ids, c);
		c[n] = NULL;
		rc = cnd_vec_push(&f->cites);
		rc->id = cnd_arena_strdup(&f->arena, rule_id);
		rc->c = c;
		rc->n = n;
	}
	*out = rc->c;
	n = rc->n;
	pthread_mutex_unlock(&f->cites_lock);
	return n;
}

const char *cnd_standards_describe(const struct cnd_policy *p)
{
	const struct cnd_standards_sel *sel = cnd_standards_of(p);

	return sel->describe ? sel->describe : "";
}

static const char *describe(const struct cnd_standards_sel *sel,
			    struct cnd_arena *arena)
{
	struct cnd_buf b = CND_BUF_INIT;
	const char *const *key, *out;

	cnd_buf_adds(&b, sel->builtin ?
				 "the built-in neutral set, tied to no country's regulator: " :
				 "chosen by the policy: ");
	for (key = sel->keys; key && *key; key++) {
		const struct cnd_clause *c = strchr(*key, ':') ?
						     cnd_clause_find(*key) :
						     NULL;
		const struct cnd_standard *s =
			c ? c->standard : cnd_standard_find(*key);

		if (key != sel->keys)
			cnd_buf_adds(&b, "; ");
		if (c)
			cnd_buf_printf(&b, "%s (%s) %s only", s->title,
				       s->edition, c->ref);
		else
			cnd_buf_printf(&b, "%s (%s)", s->title, s->edition);
	}
	if (!sel->keys || !*sel->keys)
		cnd_buf_adds(&b, "no catalogue code");
	if (sel->agency)
		cnd_buf_printf(&b, "; and first, the agency's own %s (%s)",
			       sel->agency->title, sel->agency->edition);
	if (sel->builtin)
		cnd_buf_adds(&b, ". Set \"standards\" in the policy to cite the codes the agency is bound by (`conduct standards` lists them)");
	out = cnd_arena_strdup(arena, b.data ? b.data : "");
	cnd_buf_release(&b);
	return out;
}
