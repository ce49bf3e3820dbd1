/*
 * The policy loader's JSON side (policy_load.h): every problem goes
 * through pl_problem() with the JSON path it is at, written as
 * "$.rules.case-talk.match.near[0]" or $.lexicons["Bad Name"] when a key
 * is not a plain word; the checks of a value's type ("must be an object,
 * not an array") and unknown keys; and the loader's small helpers (lists
 * of names in the policy's arena, reading a file, a path relative to the
 * policy file).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy_load.h"

void pl_problem(struct loader *l, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void pl_problem(struct loader *l, const char *path, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	l->problems++;
	if (l->problem)
		l->problem(l->ud, path, msg);
}

/* --- JSON paths --- */

static int plain_key(const char *k)
{
	if (!*k)
		return 0;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
		      (*k >= '0' && *k <= '9') || *k == '_' || *k == '-'))
			return 0;
	return 1;
}

/* parent.key, or parent["key"] when the key is not a plain word. */
const char *pl_path_key(char *out, const char *parent, const char *key)
{
	if (plain_key(key)) {
		snprintf(out, PATH_MAX_LEN, "%s.%s", parent, key);
	} else {
		char esc[PATH_MAX_LEN / 2];
		size_t o = 0;

		for (; *key && o + 3 < sizeof(esc); key++) {
			if (*key == '"' || *key == '\\')
				esc[o++] = '\\';
			esc[o++] = (unsigned char)*key < 0x20 ? '?' : *key;
		}
		esc[o] = '\0';
		snprintf(out, PATH_MAX_LEN, "%.*s[\"%s\"]",
			 PATH_MAX_LEN / 2 - 8, parent, esc);
	}
	return out;
}

const char *pl_path_index(char *out, const char *parent, size_t i)
{
	snprintf(out, PATH_MAX_LEN, "%s[%zu]", parent, i);
	return out;
}

const char *pl_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true/false";
	case JSON_NULL:
		return "null";
	}
	return "something else";
}

/* Report keys of obj not in known (ending with NULL). */
void pl_unknown_keys(struct loader *l, const char *path, const json_t *obj,
		     const char *const *known)
{
	const char *key;
	const json_t *v;
	char sub[PATH_MAX_LEN];

	json_object_foreach ((json_t *)obj, key, v) {
		const char *const *k;

		for (k = known; *k; k++)
			if (!strcmp(*k, key))
				break;
		if (!*k)
			pl_problem(l, pl_path_key(sub, path, key), "unknown key");
	}
}

int pl_want_object(struct loader *l, const char *path, const json_t *v)
{
	if (json_is_object(v))
		return 0;
	pl_problem(l, path, "must be an object, not %s", pl_type_name(v));
	return -1;
}

/* A non-empty string, or NULL after a problem. */
const char *pl_want_string(struct loader *l, const char *path,
			   const json_t *v)
{
	const char *s = json_string_value(v);

	if (!s) {
		pl_problem(l, path, "must be a string, not %s", pl_type_name(v));
		return NULL;
	}
	if (!*s) {
		pl_problem(l, path, "is empty");
		return NULL;
	}
	return s;
}

/* --- small helpers --- */

void pl_names_init(struct names *n)
{
	cnd_vec_init(&n->v, sizeof(const char *));
}

void pl_names_release(struct names *n)
{
	cnd_vec_release(&n->v);
}

void pl_names_add(struct loader *l, struct names *n, const char *s)
{
	*(const char **)cnd_vec_push(&n->v) = cnd_arena_strdup(l->a,
							       s);
}

/* The names as an arena array (NULL when empty). */
const char *const *pl_names_array(struct loader *l, const struct names *a,
				  const struct names *b, size_t *n)
{
	const char **out;
	size_t i, k = 0;

	*n = a->v.len + (b ? b->v.len : 0);
	if (!*n)
		return NULL;
	out = cnd_arena_alloc(l->a, *n * sizeof(*out));
	for (i = 0; i < a->v.len; i++)
		out[k++] = *(const char **)cnd_vec_at(&a->v, i);
	for (i = 0; b && i < b->v.len; i++)
		out[k++] = *(const char **)cnd_vec_at(&b->v, i);
	return out;
}

int pl_read_file(const char *path, struct cnd_buf *b, char *why,
		 size_t why_len)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int rc = 0;

	if (!f) {
		snprintf(why, why_len, "%s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		cnd_buf_add(b, chunk, n);
	if (ferror(f)) {
		snprintf(why, why_len, "read error");
		rc = -1;
	}
	fclose(f);
	return rc;
}

/* A path from the policy file, relative to the policy file's directory. */
const char *pl_resolve(struct loader *l, const char *path)
{
	if (path[0] == '/' || !l->dir)
		return cnd_arena_strdup(l->a, path);
	return cnd_arena_printf(l->a, "%s/%s", l->dir, path);
}
