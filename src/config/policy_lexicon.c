/*
 * The policy's lexicons (policy_load.h): the built-in ones (the lexicons/
 * files compiled in), and those a policy file names under "lexicons", each
 * read with cnd_lexicon_read() (src/match/lexicon.c) and replacing the
 * built-in lexicon of its name; problems name the file and line. Also the
 * arrays of lexicons that a rule's "match" names, once the layers are in.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/base/path.h"

#include "policy_load.h"

static int lexicon_name_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-'))
			return 0;
	return 1;
}

struct cnd_lexicon *pl_find_lexicon(struct cnd_policy *p,
				    const char *name)
{
	size_t i;

	for (i = 0; i < p->lexicons.len; i++) {
		struct cnd_lexicon *x = cnd_vec_at(&p->lexicons, i);

		if (!strcmp(x->name, name))
			return x;
	}
	return NULL;
}

static void lexicon_problem(void *ud, const char *where, const char *msg)
{
	pl_problem(ud, where, "%s", msg);
}

/*
 * Parse lexicon text (src/match/lexicon.c) into the lexicon called name,
 * replacing one of that name. Problems name file and line.
 */
static void lexicon_parse(struct loader *l, const char *name,
			  const char *source, const char *text, size_t len)
{
	struct cnd_arena *a = l->a;
	struct cnd_vec terms, flags;
	struct cnd_lexicon *lex;
	const char **arr;
	unsigned char *fl;
	size_t before = l->problems;

	cnd_vec_init(&terms, sizeof(const char *));
	cnd_vec_init(&flags, 1);
	cnd_lexicon_read(a, source, text, len, &terms, &flags,
			 lexicon_problem, l);
	if (!terms.len && l->problems == before)
		pl_problem(l, cnd_arena_printf(a, "%s", source),
			   "lexicon '%s' holds no terms", name);
	if (l->problems == before) {
		arr = cnd_arena_alloc(a, terms.len * sizeof(*arr) + 1);
		fl = cnd_arena_alloc(a, terms.len + 1);
		if (terms.len) {
			memcpy(arr, terms.items, terms.len * sizeof(*arr));
			memcpy(fl, flags.items, terms.len);
		}
		lex = pl_find_lexicon(l->p, name);
		if (!lex)
			lex = cnd_vec_push(&l->p->lexicons);
		lex->name = cnd_arena_strdup(a, name);
		lex->source = cnd_arena_strdup(a, l->builtin ? "built-in" :
							       source);
		lex->terms = arr;
		lex->n_terms = terms.len;
		lex->flags = fl;
	}
	cnd_vec_release(&terms);
	cnd_vec_release(&flags);
}

void pl_builtin_lexicons(struct loader *l)
{
	const struct cnd_embedded *e;
	static const char prefix[] = "lexicons/";

	for (e = cnd_embedded; e->name; e++) {
		size_t n = strlen(e->name);
		char name[64];

		if (strncmp(e->name, prefix, sizeof(prefix) - 1) != 0 ||
		    n < sizeof(prefix) - 1 + 5 ||
		    strcmp(e->name + n - 4, ".txt") != 0)
			continue;
		snprintf(name, sizeof(name), "%.*s",
			 (int)(n - (sizeof(prefix) - 1) - 4),
			 e->name + sizeof(prefix) - 1);
		lexicon_parse(l, name, e->name + sizeof(prefix) - 1,
			      (const char *)e->data, e->len);
	}
}

void pl_apply_lexicons(struct loader *l, const json_t *obj)
{
	const char *key;
	const json_t *v;
	char path[PATH_MAX_LEN];

	if (pl_want_object(l, "$.lexicons", obj) != 0)
		return;
	json_object_foreach ((json_t *)obj, key, v) {
		struct cnd_buf b = CND_BUF_INIT;
		const char *file, *full;
		char why[256];

		pl_path_key(path, "$.lexicons", key);
		if (!lexicon_name_ok(key)) {
			pl_problem(l, path,
				   "a lexicon name is lowercase letters, digits, '_' and '-'");
			continue;
		}
		file = pl_want_string(l, path, v);
		if (!file)
			continue;
		full = pl_resolve(l, file);
		if (pl_read_file(full, &b, why, sizeof(why)) != 0)
			pl_problem(l, path, "cannot read '%s': %s", file, why);
		else
			lexicon_parse(l, key, cnd_path_base(file),
				      b.data ? b.data : "", b.len);
		cnd_buf_release(&b);
	}
}

const struct cnd_lexicon *const *pl_lexicons_array(struct loader *l,
						   const struct names *n,
						   size_t *count)
{
	const struct cnd_lexicon **out;
	size_t i;

	*count = n->v.len;
	if (!n->v.len)
		return NULL;
	out = cnd_arena_alloc(l->a, n->v.len * sizeof(*out));
	for (i = 0; i < n->v.len; i++)
		out[i] = pl_find_lexicon(l->p,
				      *(const char **)cnd_vec_at(&n->v, i));
	return out;
}
