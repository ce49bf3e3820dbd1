/*
 * The agency policy: reads the built-in default (policy/default.json and
 * the lexicons/ files, compiled in as build/gen/defaults.c) and an
 * agency's policy file, checks every key, type, date, zone, lexicon,
 * regular expression and rule id, and reports each problem with its JSON
 * path ("$.rules.case-talk.match.near[0]") so a whole file can be fixed in
 * one go. A user's file is layered over the built-in policy: a rule or key
 * it leaves out keeps its built-in setting (so affiliation stays off and
 * case-talk keeps its lexicons unless the file says otherwise), and a
 * lexicon it names replaces the built-in one of that name. Any problem
 * makes the load fail as a whole: a policy is never half-applied.
 *
 * This file reads the top-level keys and puts the layers together;
 * policy_json.c holds the JSON paths and type checks, policy_lexicon.c the
 * lexicons and policy_rules.c the rules and allow-lists (their shared
 * parts in policy_load.h). Days and zones are checked by the one time
 * facility of src/base/ (cnd_time_parse_day(), cnd_zone_known()), so a
 * policy accepts the days and zones that `conduct scan` accepts.
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/base/geo.h"
#include "conduct/config/sites.h"
#include "conduct/base/hash.h"
#include "conduct/base/path.h"
#include "conduct/base/timelocal.h"
#include "conduct/base/timeutil.h"
#include "conduct/config/policy.h"
#include "conduct/model/result.h"

#include "policy_load.h"

#define GRACE_DAYS_MAX 36500
#define DEFAULT_POLICY_NAME "policy/default.json"

/* --- the other top-level keys --- */

static void apply_patterns(struct loader *l, const json_t *arr)
{
	static const char *const known[] = { "name", "pattern", NULL };
	size_t i;
	char path[PATH_MAX_LEN], sub[PATH_MAX_LEN];

	if (!json_is_array(arr)) {
		pl_problem(l, "$.case_number_patterns",
			   "must be an array of {\"name\", \"pattern\"}, not %s",
			   pl_type_name(arr));
		return;
	}
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *o = json_array_get(arr, i);
		const char *pat;
		regex_t re;
		int rc;

		pl_path_index(path, "$.case_number_patterns", i);
		if (pl_want_object(l, path, o) != 0)
			continue;
		pl_unknown_keys(l, path, o, known);
		pl_want_string(l, pl_path_key(sub, path, "name"),
			       json_object_get(o, "name"));
		pat = pl_want_string(l, pl_path_key(sub, path, "pattern"),
				     json_object_get(o, "pattern"));
		if (!pat)
			continue;
		rc = regcomp(&re, pat, REG_EXTENDED);
		if (rc != 0) {
			char msg[256];

			regerror(rc, &re, msg, sizeof(msg));
			pl_problem(l, sub,
				   "not a POSIX extended regular expression: %s",
				   msg);
			continue;
		}
		if (regexec(&re, "", 0, NULL, 0) == 0)
			pl_problem(l, sub,
				   "matches empty text, so it would match everywhere");
		regfree(&re);
	}
	l->patterns = arr;
}

static void apply_period(struct loader *l, const json_t *obj)
{
	static const char *const known[] = { "since", "until", NULL };
	int64_t since = CND_TIME_NONE, until = CND_TIME_NONE;
	const json_t *v;

	if (pl_want_object(l, "$.review_period", obj) != 0)
		return;
	pl_unknown_keys(l, "$.review_period", obj, known);
	if ((v = json_object_get(obj, "since"))) {
		const char *s = json_string_value(v);

		if (!s || cnd_time_parse_day(s, &since, 0) != 0)
			pl_problem(l, "$.review_period.since",
				   "must be a date, YYYY-MM-DD");
	}
	if ((v = json_object_get(obj, "until"))) {
		const char *s = json_string_value(v);

		/* inclusive: the whole day */
		if (!s || cnd_time_parse_day(s, &until, CND_DAY_END) != 0)
			pl_problem(l, "$.review_period.until",
				   "must be a date, YYYY-MM-DD");
	}
	if (since != CND_TIME_NONE && until != CND_TIME_NONE && until < since)
		pl_problem(l, "$.review_period.until", "is before since");
	if (since != CND_TIME_NONE)
		l->p->since = since;
	if (until != CND_TIME_NONE)
		l->p->until = until;
}

static const char *apply_file(struct loader *l, const char *path,
			      const json_t *v)
{
	const char *s = pl_want_string(l, path, v), *full;

	if (!s)
		return NULL;
	full = pl_resolve(l, s);
	if (access(full, R_OK) != 0) {
		pl_problem(l, path, "cannot read '%s': %s", s, strerror(errno));
		return NULL;
	}
	return full;
}

struct site_ctx {
	struct loader *l;
	const char *file;
};

static void site_problem(void *ud, const char *where, const char *msg)
{
	struct site_ctx *c = ud;
	char path[PATH_MAX_LEN];

	snprintf(path, sizeof(path), "%s: %s", c->file, where);
	pl_problem(c->l, path, "%s", msg);
}

static void apply_sites(struct loader *l, const json_t *v)
{
	struct site_ctx c = { l, NULL };
	struct cnd_error err;
	const char *full = apply_file(l, "$.sites_file", v);
	int st;

	if (!full)
		return;
	c.file = cnd_path_base(json_string_value(v));
	cnd_sites_free(l->p->sites);
	l->p->sites = NULL;
	st = cnd_sites_load(&l->p->sites, full, site_problem, &c, &err);
	if (st >= CND_FATAL)
		pl_problem(l, "$.sites_file", "%s", err.message);
	l->p->sites_file = full;
}

static void apply_root(struct loader *l, const json_t *root)
{
	static const char *const known[] = {
		"version",   "description", "time_zone",
		"review_period", "grace_days", "clients_file",
		"sites_file", "lexicons", "case_number_patterns",
		"allow",     "rules",	    "standards", "agency_standard", NULL
	};
	const json_t *v;

	if (pl_want_object(l, "$", root) != 0)
		return;
	pl_unknown_keys(l, "$", root, known);
	v = json_object_get(root, "version");
	if (!v)
		pl_problem(l, "$.version", "missing: a policy starts with \"version\": 1");
	else if (!json_is_integer(v) || json_integer_value(v) != 1)
		pl_problem(l, "$.version", "must be 1 (this version of conduct)");
	if ((v = json_object_get(root, "description")) && !json_is_string(v))
		pl_problem(l, "$.description", "must be a string, not %s",
			   pl_type_name(v));
	if ((v = json_object_get(root, "time_zone"))) {
		const char *s = pl_want_string(l, "$.time_zone", v);

		if (s && !cnd_zone_known(s))
			pl_problem(l, "$.time_zone",
				   "unknown time zone '%s' (use an IANA name such as Europe/London)",
				   s);
		else if (s)
			l->p->time_zone = cnd_arena_strdup(l->a, s);
	}
	if ((v = json_object_get(root, "review_period")))
		apply_period(l, v);
	if ((v = json_object_get(root, "grace_days"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > GRACE_DAYS_MAX)
			pl_problem(l, "$.grace_days",
				   "must be a whole number of days, 0 to %d",
				   GRACE_DAYS_MAX);
		else
			l->p->grace_days = (int)json_integer_value(v);
	}
	if ((v = json_object_get(root, "clients_file")))
		l->p->clients_file = apply_file(l, "$.clients_file", v);
	if ((v = json_object_get(root, "sites_file")))
		apply_sites(l, v);
	if ((v = json_object_get(root, "lexicons")))
		pl_apply_lexicons(l, v);
	if ((v = json_object_get(root, "case_number_patterns")))
		apply_patterns(l, v);
	if ((v = json_object_get(root, "allow")))
		pl_apply_allow(l, "$.allow", v, &l->terms, &l->handles,
			       &l->stops);
	if ((v = json_object_get(root, "rules")))
		pl_apply_rules(l, v);
	l->problems += cnd_standards_apply(
		&l->p->standards, json_object_get(root, "standards"),
		json_object_get(root, "agency_standard"), l->builtin,
		pl_rule_ids(l), l->problem, l->ud, l->a);
}

/* --- putting it together --- */

static struct cnd_policy *policy_new(void)
{
	struct policy_full *f = cnd_xcalloc(1, sizeof(*f));
	struct cnd_policy *p = &f->pub;

	p->since = p->until = CND_TIME_NONE;
	p->grace_days = -1;
	cnd_arena_init(&f->arena);
	cnd_vec_init(&p->lexicons, sizeof(struct cnd_lexicon));
	cnd_vec_init(&p->patterns, sizeof(struct cnd_pattern));
	cnd_vec_init(&p->rules, sizeof(struct cnd_rule_settings));
	cnd_vec_init(&f->cites, sizeof(struct rule_cites));
	pthread_mutex_init(&f->cites_lock, NULL);
	return p;
}

static void loader_init(struct loader *l, struct cnd_policy *p)
{
	memset(l, 0, sizeof(*l));
	l->p = p;
	l->a = &pl_full(p)->arena;
	pl_names_init(&l->terms);
	pl_names_init(&l->handles);
	pl_names_init(&l->stops);
}

static void loader_release(struct loader *l)
{
	pl_rules_release(l);
	pl_names_release(&l->terms);
	pl_names_release(&l->handles);
	pl_names_release(&l->stops);
}

/* The final settings and compiled patterns; only when nothing was wrong. */
static void finish(struct loader *l)
{
	size_t i;

	for (i = 0; i < l->n_rules; i++) {
		const struct work_rule *w = &l->rules[i];
		struct cnd_rule_settings *s = cnd_vec_push(&l->p->rules);

		s->id = w->id;
		s->enabled = w->enabled;
		s->severity = w->severity;
		s->params = w->params;
		if (w->has_match) {
			struct cnd_lexicon_match *m =
				cnd_arena_alloc(l->a, sizeof(*m));

			memset(m, 0, sizeof(*m));
			m->any = pl_lexicons_array(l, &w->any, &m->n_any);
			m->all = pl_lexicons_array(l, &w->all, &m->n_all);
			m->none = pl_lexicons_array(l, &w->none, &m->n_none);
			m->near = pl_lexicons_array(l, &w->near, &m->n_near);
			m->within = w->within;
			s->match = m;
		}
		s->allow_terms = pl_names_array(l, &l->terms, &w->terms,
						&s->n_allow_terms);
		s->allow_handles = pl_names_array(l, &l->handles, &w->handles,
						  &s->n_allow_handles);
		s->stop_contexts = pl_names_array(l, &l->stops, &w->stops,
						  &s->n_stop_contexts);
	}
	for (i = 0; i < json_array_size(l->patterns); i++)
		cnd_vec_push(&l->p->patterns);
	for (i = 0; i < json_array_size(l->patterns); i++) {
		const json_t *o = json_array_get(l->patterns, i);
		struct cnd_pattern *pt = cnd_vec_at(&l->p->patterns, i);

		pt->name = cnd_arena_strdup(
			l->a,
			json_string_value(json_object_get(o, "name")));
		pt->source = cnd_arena_strdup(
			l->a,
			json_string_value(json_object_get(o, "pattern")));
		/* compiled once already while checking: cannot fail now */
		if (regcomp(&pt->re, pt->source, REG_EXTENDED) != 0)
			abort();
		cnd_refilter_compile(&pt->pre, pt->source, REG_EXTENDED);
	}
}

const char *cnd_policy_default_text(void)
{
	const struct cnd_embedded *e;

	for (e = cnd_embedded; e->name; e++)
		if (!strcmp(e->name, DEFAULT_POLICY_NAME))
			return (const char *)e->data;
	return "";
}

static json_t *parse_text(struct loader *l, const char *text, size_t len)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);

	if (!root)
		pl_problem(l, "$", "not valid JSON: line %d, column %d: %s",
			   je.line, je.column, je.text);
	return root;
}

/*
 * The built-in layer: lexicons and default.json. The problems of a
 * built-in policy are bugs; they go to the first-problem recorder.
 */
static json_t *apply_builtin(struct loader *l)
{
	const char *text = cnd_policy_default_text();
	json_t *root;
	int was = l->builtin;

	l->builtin = 1;
	pl_builtin_lexicons(l);
	root = parse_text(l, text, strlen(text));
	if (root)
		apply_root(l, root);
	l->builtin = was;
	return root;
}

struct first_problem {
	char message[CND_ERROR_MAX];
	int seen;
};

static void record_first(void *ud, const char *path, const char *msg)
{
	struct first_problem *f = ud;

	if (!f->seen)
		snprintf(f->message, sizeof(f->message), "%s: %s", path, msg);
	f->seen = 1;
}

int cnd_policy_default(struct cnd_policy **out, struct cnd_error *err)
{
	struct cnd_policy *p = policy_new();
	struct first_problem fp = { "", 0 };
	struct loader l;
	json_t *root;
	const char *text = cnd_policy_default_text();

	*out = NULL;
	cnd_error_clear(err);
	loader_init(&l, p);
	l.problem = record_first;
	l.ud = &fp;
	root = apply_builtin(&l);
	if (l.problems) {
		json_decref(root);
		loader_release(&l);
		cnd_policy_free(p);
		return cnd_error_set(err, CND_FATAL,
				     "the built-in policy is broken: %s",
				     fp.message);
	}
	finish(&l);
	loader_release(&l);
	p->source = "built-in";
	cnd_sha256_hex(text, strlen(text), p->sha256);
	pl_full(p)->root = json_object();
	json_object_set_new(pl_full(p)->root, "built-in", root);
	*out = p;
	return CND_OK;
}

int cnd_policy_load(struct cnd_policy **out, const char *path,
		    cnd_policy_problem_fn problem_fn, void *ud,
		    struct cnd_error *err)
{
	struct cnd_policy *p = policy_new();
	struct first_problem fp = { "", 0 };
	struct cnd_buf b = CND_BUF_INIT;
	struct loader l;
	json_t *base = NULL, *root = NULL;
	char why[256], *dir;
	const char *slash;
	int st = CND_OK;

	*out = NULL;
	cnd_error_clear(err);
	loader_init(&l, p);
	slash = strrchr(path, '/');
	if (slash)
		dir = cnd_arena_strndup(&pl_full(p)->arena, path,
					slash == path ? 1 : (size_t)(slash - path));
	else
		dir = NULL;
	if (pl_read_file(path, &b, why, sizeof(why)) != 0) {
		st = cnd_error_set(err, CND_FATAL, "cannot read '%s': %s",
				   path, why);
		goto out_release;
	}
	/* the built-in layer first: it cannot fail, but be sure */
	l.problem = record_first;
	l.ud = &fp;
	base = apply_builtin(&l);
	if (l.problems) {
		st = cnd_error_set(err, CND_FATAL,
				   "the built-in policy is broken: %s",
				   fp.message);
		goto out_release;
	}
	l.problem = problem_fn;
	l.ud = ud;
	l.dir = dir ? dir : ".";
	root = parse_text(&l, b.data ? b.data : "", b.len);
	if (root)
		apply_root(&l, root);
	if (l.problems) {
		st = cnd_error_set(err, CND_FATAL,
				   "'%s': %zu problem%s in the policy",
				   cnd_path_base(path), l.problems,
				   l.problems == 1 ? "" : "s");
		goto out_release;
	}
	finish(&l);
	p->source = cnd_arena_strdup(&pl_full(p)->arena, cnd_path_base(path));
	cnd_sha256_hex(b.data ? b.data : "", b.len, p->sha256);
	pl_full(p)->root = json_object();
	json_object_set_new(pl_full(p)->root, "built-in", base);
	json_object_set_new(pl_full(p)->root, "file", root);
	base = root = NULL;
	*out = p;
	p = NULL;
out_release:
	json_decref(base);
	json_decref(root);
	cnd_buf_release(&b);
	loader_release(&l);
	cnd_policy_free(p);
	return st;
}

void cnd_policy_free(struct cnd_policy *p)
{
	struct policy_full *f;
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->patterns.len; i++) {
		struct cnd_pattern *pt = cnd_vec_at(&p->patterns, i);

		regfree(&pt->re);
	}
	cnd_vec_release(&p->patterns);
	cnd_vec_release(&p->lexicons);
	cnd_vec_release(&p->rules);
	cnd_sites_free(p->sites);
	f = pl_full(p);
	cnd_vec_release(&f->cites);
	pthread_mutex_destroy(&f->cites_lock);
	json_decref(f->root);
	cnd_arena_release(&f->arena);
	free(f);
}

const struct cnd_rule_settings *cnd_policy_rule(const struct cnd_policy *p,
						const char *id)
{
	size_t i;

	if (!p || !id)
		return NULL;
	for (i = 0; i < p->rules.len; i++) {
		const struct cnd_rule_settings *s = cnd_vec_at(&p->rules, i);

		if (!strcmp(s->id, id))
			return s;
	}
	return NULL;
}

const struct cnd_lexicon *cnd_policy_lexicon(const struct cnd_policy *p,
					     const char *name)
{
	size_t i;

	if (!p || !name)
		return NULL;
	for (i = 0; i < p->lexicons.len; i++) {
		const struct cnd_lexicon *x = cnd_vec_at(&p->lexicons, i);

		if (!strcmp(x->name, name))
			return x;
	}
	return NULL;
}

