/*
 * The policy's rules and allow-lists (policy_load.h): "rules.<id>" with
 * enabled, severity, match (the lexicons a text must hold, may not hold,
 * and those that must be near), params and a rule's own allow-lists, and
 * the global "allow". The rules a policy may name are those the built-in
 * policy lists: its layer adds them, in its order, and a file's layer may
 * only change them, so the config layer needs no rule registry (a unit
 * test checks that the built-in policy lists exactly the registered rules).
 */
#include <stdlib.h>
#include <string.h>

#include "conduct/model/result.h"

#include "policy_load.h"

#define WITHIN_MAX 100

/* --- allow-lists --- */

static void apply_string_list(struct loader *l, const char *path,
			      const json_t *arr, struct names *out)
{
	size_t i;
	char sub[PATH_MAX_LEN];

	if (!json_is_array(arr)) {
		pl_problem(l, path, "must be an array of strings, not %s",
			   pl_type_name(arr));
		return;
	}
	out->v.len = 0;
	for (i = 0; i < json_array_size(arr); i++) {
		const char *s = pl_want_string(l, pl_path_index(sub, path, i),
					       json_array_get(arr, i));

		if (s)
			pl_names_add(l, out, s);
	}
}

void pl_apply_allow(struct loader *l, const char *path, const json_t *obj,
		    struct names *terms, struct names *handles,
		    struct names *stops)
{
	static const char *const known[] = { "terms", "handles",
					     "stop_contexts", NULL };
	const json_t *v;
	char sub[PATH_MAX_LEN];

	if (pl_want_object(l, path, obj) != 0)
		return;
	pl_unknown_keys(l, path, obj, known);
	if ((v = json_object_get(obj, "terms")))
		apply_string_list(l, pl_path_key(sub, path, "terms"), v, terms);
	if ((v = json_object_get(obj, "handles")))
		apply_string_list(l, pl_path_key(sub, path, "handles"), v,
				  handles);
	if ((v = json_object_get(obj, "stop_contexts")))
		apply_string_list(l, pl_path_key(sub, path, "stop_contexts"), v,
				  stops);
}

/* --- rules --- */

static void apply_match_list(struct loader *l, const char *path,
			     const json_t *arr, struct names *out)
{
	size_t i;
	char sub[PATH_MAX_LEN];

	if (!json_is_array(arr)) {
		pl_problem(l, path, "must be an array of lexicon names, not %s",
			   pl_type_name(arr));
		return;
	}
	for (i = 0; i < json_array_size(arr); i++) {
		const char *s = pl_want_string(l, pl_path_index(sub, path, i),
					       json_array_get(arr, i));

		if (!s)
			continue;
		if (!pl_find_lexicon(l->p, s)) {
			pl_problem(l, sub, "unknown lexicon '%s'", s);
			continue;
		}
		pl_names_add(l, out, s);
	}
}

static void apply_match(struct loader *l, const char *path, const json_t *obj,
			struct work_rule *w)
{
	static const char *const known[] = { "any", "all", "none", "near",
					     "within", NULL };
	static const char *const lists[] = { "any", "all", "none", "near" };
	struct names *outs[] = { &w->any, &w->all, &w->none, &w->near };
	const json_t *v;
	char sub[PATH_MAX_LEN];
	size_t i;

	if (pl_want_object(l, path, obj) != 0)
		return;
	pl_unknown_keys(l, path, obj, known);
	w->has_match = 1;
	w->within = 0;
	for (i = 0; i < 4; i++) {
		outs[i]->v.len = 0;
		if ((v = json_object_get(obj, lists[i])))
			apply_match_list(l, pl_path_key(sub, path, lists[i]), v,
					 outs[i]);
	}
	if (!json_object_get(obj, "any") && !json_object_get(obj, "all"))
		pl_problem(l, path,
			   "needs \"any\" or \"all\": the lexicons a text must hold");
	v = json_object_get(obj, "within");
	if (v) {
		pl_path_key(sub, path, "within");
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > WITHIN_MAX)
			pl_problem(l, sub, "must be a whole number of words, 1 to %d",
				   WITHIN_MAX);
		else if (!json_object_get(obj, "near"))
			pl_problem(l, sub, "needs \"near\": the lexicons to be near");
		else
			w->within = (unsigned)json_integer_value(v);
	}
}

static void apply_params(struct loader *l, const char *path, const json_t *obj,
			 struct work_rule *w)
{
	const char *key;
	const json_t *v;
	char sub[PATH_MAX_LEN];

	if (pl_want_object(l, path, obj) != 0)
		return;
	json_object_foreach ((json_t *)obj, key, v) {
		if (!json_is_number(v) && !json_is_string(v) &&
		    !json_is_boolean(v))
			pl_problem(l, pl_path_key(sub, path, key),
				   "must be a number, a string or true/false, not %s",
				   pl_type_name(v));
	}
	w->params = obj;
}

static int parse_severity(const char *s)
{
	int i;

	for (i = 0; i < CND_SEV__N; i++)
		if (!strcmp(cnd_severity_name((enum cnd_severity)i), s))
			return i;
	return -1;
}

static void apply_rule(struct loader *l, const char *path, const json_t *obj,
		       struct work_rule *w)
{
	static const char *const known[] = { "enabled", "severity", "match",
					     "params", "allow", NULL };
	const json_t *v;
	char sub[PATH_MAX_LEN];

	if (pl_want_object(l, path, obj) != 0)
		return;
	pl_unknown_keys(l, path, obj, known);
	if ((v = json_object_get(obj, "enabled"))) {
		if (json_is_boolean(v))
			w->enabled = json_is_true(v);
		else
			pl_problem(l, pl_path_key(sub, path, "enabled"),
				   "must be true or false, not %s", pl_type_name(v));
	}
	if ((v = json_object_get(obj, "severity"))) {
		const char *s = json_string_value(v);
		int sev = s ? parse_severity(s) : -1;

		if (sev < 0)
			pl_problem(l, pl_path_key(sub, path, "severity"),
				   "must be \"info\", \"low\", \"medium\" or \"high\"");
		else
			w->severity = sev;
	}
	if ((v = json_object_get(obj, "match")))
		apply_match(l, pl_path_key(sub, path, "match"), v, w);
	if ((v = json_object_get(obj, "params")))
		apply_params(l, pl_path_key(sub, path, "params"), v, w);
	if ((v = json_object_get(obj, "allow")))
		pl_apply_allow(l, pl_path_key(sub, path, "allow"), v, &w->terms,
			       &w->handles, &w->stops);
}

/* A rule of the built-in layer, with the settings of a rule it leaves out. */
static struct work_rule *rule_add(struct loader *l, const char *id)
{
	struct work_rule *w;

	if (l->n_rules == l->cap_rules) {
		l->cap_rules = l->cap_rules ? 2 * l->cap_rules : 16;
		l->rules = cnd_xrealloc(l->rules,
					l->cap_rules * sizeof(*l->rules));
	}
	w = &l->rules[l->n_rules++];
	memset(w, 0, sizeof(*w));
	w->id = cnd_arena_strdup(l->a, id);
	w->enabled = 1;
	w->severity = -1;
	pl_names_init(&w->any);
	pl_names_init(&w->all);
	pl_names_init(&w->none);
	pl_names_init(&w->near);
	pl_names_init(&w->terms);
	pl_names_init(&w->handles);
	pl_names_init(&w->stops);
	return w;
}

void pl_apply_rules(struct loader *l, const json_t *obj)
{
	const char *key;
	const json_t *v;
	char path[PATH_MAX_LEN];

	if (pl_want_object(l, "$.rules", obj) != 0)
		return;
	json_object_foreach ((json_t *)obj, key, v) {
		struct work_rule *w = NULL;
		size_t i;

		pl_path_key(path, "$.rules", key);
		for (i = 0; i < l->n_rules; i++)
			if (!strcmp(l->rules[i].id, key))
				w = &l->rules[i];
		if (!w && l->builtin) {
			w = rule_add(l, key);
		} else if (!w) {
			pl_problem(l, path,
				   "unknown rule '%s' (see 'conduct rules')",
				   key);
			continue;
		}
		apply_rule(l, path, v, w);
	}
}

const char *const *pl_rule_ids(struct loader *l)
{
	const char **ids = cnd_arena_alloc(l->a,
					   (l->n_rules + 1) * sizeof(*ids));
	size_t i;

	for (i = 0; i < l->n_rules; i++)
		ids[i] = l->rules[i].id;
	ids[i] = NULL;
	return ids;
}

void pl_rules_release(struct loader *l)
{
	size_t i;

	for (i = 0; i < l->n_rules; i++) {
		struct work_rule *w = &l->rules[i];

		pl_names_release(&w->any);
		pl_names_release(&w->all);
		pl_names_release(&w->none);
		pl_names_release(&w->near);
		pl_names_release(&w->terms);
		pl_names_release(&w->handles);
		pl_names_release(&w->stops);
	}
	free(l->rules);
}
