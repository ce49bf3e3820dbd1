/*
 * The client register: loading the agency's CSV of clients and answering
 * the rules' two questions, "is this account a client?" (by platform
 * account id, then handle, then display name, each with its confidence)
 * and "which client names occur in this text?" (one pass over the text with
 * the whole-word matcher, whatever the register's size). Every row is
 * checked; a bad row is reported with its line and skipped.
 *
 * Columns (header names matched without regard to case; others ignored):
 *   ref          the agency's client reference (required)
 *   names        display names and aliases, separated by ';'
 *   handles      platform:handle pairs separated by ';' (platform '*' = any)
 *   account_ids  platform:id pairs separated by ';'
 *   active_from  YYYY-MM-DD, may be empty
 *   active_to    YYYY-MM-DD, may be empty (inclusive)
 *   former       yes/no: a former client (connections stay flagged)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conduct/base/arena.h"
#include "conduct/parse/csv.h"
#include "conduct/config/register.h"
#include "conduct/base/strmap.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "table.h"

#define REGISTER_MAX (512u * 1024 * 1024)

enum col { COL_REF, COL_NAMES, COL_HANDLES, COL_IDS, COL_FROM, COL_TO,
	   COL_FORMER, COL__N };

static const char *const col_names[COL__N] = {
	"ref", "names", "handles", "account_ids", "active_from", "active_to",
	"former",
};

struct name_tag {
	const struct cnd_client *client;
	const char *term;
	int is_handle;
};

struct cnd_register {
	struct cnd_arena arena;
	struct cnd_vec clients; /* struct cnd_client * */
	struct cnd_strmap ids;	   /* "platform\x1fid" -> client */
	struct cnd_strmap handles; /* "platform\x1fhandle" (folded) -> client */
	struct cnd_strmap names;   /* folded name -> client */
	struct cnd_strmap refs;	   /* ref -> client, for duplicates */
	struct cnd_matcher *matcher;
	/* whether ids and handles hold "*" (any platform) keys: most
	   registers name the platform, and then a lookup needs one try */
	int star_ids, star_handles;
};

struct load {
	struct cnd_register *r;
	struct cnd_table t;
	struct cnd_buf key; /* a map key being built */
};

/* Lower-case ASCII copy without a leading '@', for handle keys. */
/*
 * The key of an account in the register's maps, "platform\x1fvalue", in b;
 * ASCII lower-cased when lower (handles; a handle's leading '@'s are the
 * caller's to strip).
 */
static const char *pair_key(struct cnd_buf *b, const char *platform,
			    const char *value, int lower)
{
	cnd_buf_reset(b);
	cnd_buf_adds(b, platform);
	cnd_buf_addc(b, '\x1f');
	cnd_buf_adds(b, value);
	if (lower)
		for (char *p = b->data; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	return b->data;
}

static void add_term(struct cnd_register *r, const struct cnd_client *c,
		     const char *term, int is_handle)
{
	struct name_tag *tag = cnd_arena_alloc(&r->arena, sizeof(*tag));

	tag->client = c;
	tag->term = term;
	tag->is_handle = is_handle;
	cnd_matcher_add(r->matcher, term, tag);
}


/* Split a ';' list in place; calls fn for each trimmed, non-empty item. */
static int each_item(char *list, int (*fn)(struct load *l, size_t line,
					  struct cnd_client *c, char *item),
		     struct load *l, size_t line, struct cnd_client *c)
{
	char *p = list;

	while (p) {
		char *semi = strchr(p, ';');
		char *item;

		if (semi)
			*semi = '\0';
		item = cnd_text_trim(p);
		if (*item && fn(l, line, c, item) != 0)
			return -1;
		p = semi ? semi + 1 : NULL;
	}
	return 0;
}

static int add_name(struct load *l, size_t line, struct cnd_client *c,
		    char *item)
{
	struct cnd_register *r = l->r;
	const char **names;
	char *copy = cnd_arena_strdup(&r->arena, item);
	const char *folded = cnd_text_fold(&r->arena, copy, strlen(copy));

	(void)line;
	names = cnd_arena_alloc(&r->arena, (c->n_names + 1) * sizeof(*names));
	if (c->n_names)
		memcpy(names, c->names, c->n_names * sizeof(*names));
	names[c->n_names++] = copy;
	c->names = names;
	if (!cnd_strmap_get(&r->names, folded))
		cnd_strmap_put(&r->names, folded, c);
	add_term(r, c, copy, 0);
	return 0;
}

static int split_pair(struct load *l, size_t line, char *item,
		      const char *what, char **platform, char **value)
{
	char *colon = strchr(item, ':');

	if (!colon) {
		cnd_table_problem(&l->t, line,
			    "%s '%s' has no platform: write it as platform:value (e.g. twitter:%s, or *:%s for any platform)",
			    what, item, item, item);
		return -1;
	}
	*colon = '\0';
	*platform = cnd_text_trim(item);
	*value = cnd_text_trim(colon + 1);
	if (!**platform || !**value) {
		cnd_table_problem(&l->t, line, "%s '%s:%s' is incomplete", what,
			    *platform, *value);
		return -1;
	}
	return 0;
}

static int add_handle(struct load *l, size_t line, struct cnd_client *c,
		      char *item)
{
	char *platform, *handle;
	struct cnd_register *r = l->r;

	if (split_pair(l, line, item, "handle", &platform, &handle))
		return -1;
	while (*handle == '@')
		handle++;
	r->star_handles |= !strcmp(platform, "*");
	cnd_strmap_put(&r->handles,
		       pair_key(&l->key, platform, handle + strspn(handle, "@"),
				1),
		       c);
	add_term(r, c, cnd_arena_strdup(&r->arena, handle), 1);
	return 0;
}

static int add_id(struct load *l, size_t line, struct cnd_client *c,
		  char *item)
{
	char *platform, *id;
	struct cnd_register *r = l->r;

	if (split_pair(l, line, item, "account id", &platform, &id))
		return -1;
	r->star_ids |= !strcmp(platform, "*");
	cnd_strmap_put(&r->ids, pair_key(&l->key, platform, id, 0), c);
	return 0;
}

static int header(struct load *l, size_t line, char **fields, size_t n)
{
	cnd_table_header(&l->t, fields, n);
	if (l->t.col[COL_REF] < 0) {
		cnd_table_problem(&l->t, line,
			    "the header has no 'ref' column (expected ref,names,handles,account_ids,active_from,active_to,former)");
		return -1;
	}
	return 0;
}

static int row(void *ud, size_t line, char **fields, size_t n)
{
	struct load *l = ud;
	struct cnd_register *r = l->r;
	struct cnd_client *c;
	char *ref, *v;
	int64_t t;

	if (!l->t.have_header)
		return header(l, line, fields, n) ? 1 : 0;
	if (n == 1 && !*cnd_text_trim(fields[0]))
		return 0; /* blank line */
	ref = cnd_table_field(&l->t, fields, n, COL_REF);
	if (!ref || !*ref) {
		cnd_table_problem(&l->t, line, "row has no client reference; skipped");
		return 0;
	}
	if (cnd_strmap_get(&r->refs, ref)) {
		cnd_table_problem(&l->t, line, "client reference '%s' appears twice; this row skipped",
			    ref);
		return 0;
	}
	c = cnd_arena_alloc(&r->arena, sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->ref = cnd_arena_strdup(&r->arena, ref);
	c->line = line;
	c->active_from = c->active_to = CND_TIME_NONE;
	v = cnd_table_field(&l->t, fields, n, COL_FROM);
	if (v && *v && cnd_time_parse_day(v, &t, CND_DAY_SLASH)) {
		cnd_table_problem(&l->t, line, "active_from '%s' is not a date (YYYY-MM-DD); row skipped", v);
		return 0;
	} else if (v && *v) {
		c->active_from = t;
	}
	v = cnd_table_field(&l->t, fields, n, COL_TO);
	if (v && *v && cnd_time_parse_day(v, &t, CND_DAY_SLASH | CND_DAY_END)) {
		cnd_table_problem(&l->t, line, "active_to '%s' is not a date (YYYY-MM-DD); row skipped", v);
		return 0;
	} else if (v && *v) {
		c->active_to = t;
	}
	if (c->active_from != CND_TIME_NONE && c->active_to != CND_TIME_NONE &&
	    c->active_to < c->active_from) {
		cnd_table_problem(&l->t, line, "active_to is before active_from; row skipped");
		return 0;
	}
	v = cnd_table_field(&l->t, fields, n, COL_FORMER);
	if (v && *v) {
		if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
		    !strcmp(v, "1") || !strcasecmp(v, "y"))
			c->former = 1;
		else if (strcasecmp(v, "no") && strcasecmp(v, "false") &&
			 strcmp(v, "0") && strcasecmp(v, "n")) {
			cnd_table_problem(&l->t, line, "former '%s' is not yes or no; row skipped", v);
			return 0;
		}
	}
	/* checked everything that can refuse the row; now index it */
	v = cnd_table_field(&l->t, fields, n, COL_HANDLES);
	if (v && *v) {
		char *copy = cnd_arena_strdup(&r->arena, v);
		char *p, *semi;

		/* validate the pairs before anything is indexed */
		for (p = copy; p; p = semi ? semi + 1 : NULL) {
			semi = strchr(p, ';');
			if (semi)
				*semi = '\0';
			if (*cnd_text_trim(p) && !strchr(p, ':')) {
				cnd_table_problem(&l->t, line,
					    "handle '%s' has no platform: write it as platform:handle (e.g. twitter:%s, or *:%s for any platform); row skipped",
					    cnd_text_trim(p), cnd_text_trim(p), cnd_text_trim(p));
				return 0;
			}
		}
	}
	cnd_strmap_put(&r->refs, c->ref, c);
	*(struct cnd_client **)cnd_vec_push(&r->clients) = c;
	v = cnd_table_field(&l->t, fields, n, COL_NAMES);
	if (v)
		each_item(v, add_name, l, line, c);
	v = cnd_table_field(&l->t, fields, n, COL_HANDLES);
	if (v)
		each_item(v, add_handle, l, line, c);
	v = cnd_table_field(&l->t, fields, n, COL_IDS);
	if (v)
		each_item(v, add_id, l, line, c);
	if (!c->n_names && !(cnd_table_field(&l->t, fields, n, COL_HANDLES) &&
			     *cnd_table_field(&l->t, fields, n, COL_HANDLES)) &&
	    !(cnd_table_field(&l->t, fields, n, COL_IDS) && *cnd_table_field(&l->t, fields, n, COL_IDS)))
		cnd_table_problem(&l->t, line, "client '%s' has no name, handle or account id: nothing can match it",
			    c->ref);
	return 0;
}

static struct cnd_register *register_new(void)
{
	struct cnd_register *r = cnd_xcalloc(1, sizeof(*r));

	cnd_arena_init(&r->arena);
	cnd_vec_init(&r->clients, sizeof(struct cnd_client *));
	cnd_strmap_init(&r->ids);
	cnd_strmap_init(&r->handles);
	cnd_strmap_init(&r->names);
	cnd_strmap_init(&r->refs);
	r->matcher = cnd_matcher_new();
	return r;
}

void cnd_register_free(struct cnd_register *r)
{
	if (!r)
		return;
	cnd_matcher_free(r->matcher);
	cnd_strmap_release(&r->ids);
	cnd_strmap_release(&r->handles);
	cnd_strmap_release(&r->names);
	cnd_strmap_release(&r->refs);
	cnd_vec_release(&r->clients);
	cnd_arena_release(&r->arena);
	free(r);
}

int cnd_register_parse(struct cnd_register **out, const char *data,
		       size_t len,
		       void (*problem)(void *ud, size_t line, const char *msg),
		       void *ud, struct cnd_error *err)
{
	struct load l;
	int st;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.r = register_new();
	cnd_table_init(&l.t, col_names, COL__N, problem, ud);
	cnd_buf_init(&l.key);
	st = cnd_csv_parse(data, len, row, &l, err);
	cnd_buf_release(&l.key);
	if (!l.t.have_header || l.t.col[COL_REF] < 0) {
		cnd_register_free(l.r);
		return cnd_error_set(err, CND_FATAL,
				     l.t.have_header ?
					     "the client register has no 'ref' column" :
					     "the client register is empty");
	}
	cnd_table_parse_error(&l.t, st, err);
	*out = l.r;
	if (l.t.failed)
		return cnd_error_set(err, CND_FAILED,
				     "the client register has rows with problems");
	cnd_error_clear(err);
	return CND_OK;
}

int cnd_register_load(struct cnd_register **out, const char *path,
		      void (*problem)(void *ud, size_t line, const char *msg),
		      void *ud, struct cnd_error *err)
{
	FILE *f = fopen(path, "rb");
	struct cnd_buf b = CND_BUF_INIT;
	char chunk[65536];
	size_t got;
	int st;

	*out = NULL;
	if (!f)
		return cnd_error_set(err, CND_FATAL,
				     "cannot read client register '%s': %s",
				     path, strerror(errno));
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + got > REGISTER_MAX) {
			fclose(f);
			cnd_buf_release(&b);
			return cnd_error_set(err, CND_FATAL,
					     "client register '%s' is larger than 512 MiB",
					     path);
		}
		cnd_buf_add(&b, chunk, got);
	}
	if (ferror(f)) {
		fclose(f);
		cnd_buf_release(&b);
		return cnd_error_set(err, CND_FATAL,
				     "cannot read client register '%s': %s",
				     path, strerror(errno));
	}
	fclose(f);
	st = cnd_register_parse(out, b.data ? b.data : "", b.len, problem, ud,
				err);
	cnd_buf_release(&b);
	return st;
}

size_t cnd_register_count(const struct cnd_register *r)
{
	return r->clients.len;
}

const struct cnd_client *cnd_register_client(const struct cnd_register *r,
					     size_t i)
{
	return *(struct cnd_client **)cnd_vec_at(&r->clients, i);
}

/*
 * The key "platform\x1f value" (lower-cased when lower) in stack when
 * it fits, else in b: every mention, like and follow of an export is
 * looked up, and a buffer allocated for each lookup was a good part of
 * their cost. Returns the key; *n its length.
 */
static const char *lookup_key(char *stack, size_t cap, struct cnd_buf *b,
			      const char *platform, const char *value,
			      int lower, size_t *n)
{
	size_t pl = strlen(platform), vl = strlen(value), i;
	char *k;

	*n = pl + 1 + vl;
	if (*n < cap) {
		k = stack;
	} else {
		cnd_buf_reset(b);
		cnd_buf_grow(b, *n + 1);
		k = b->data;
	}
	memcpy(k, platform, pl);
	k[pl] = '\x1f';
	memcpy(k + pl + 1, value, vl);
	k[*n] = '\0';
	if (lower) /* all of it, as pair_key() stored it */
		for (i = 0; i < *n; i++)
			if (k[i] >= 'A' && k[i] <= 'Z')
				k[i] = (char)(k[i] - 'A' + 'a');
	return k;
}

#define KEY_STACK 256

static const struct cnd_client *by_handle(const struct cnd_register *r,
					  const char *platform,
					  const char *handle,
					  struct cnd_buf *key)
{
	const struct cnd_client *c;
	char stack[KEY_STACK];
	const char *k;
	size_t n;

	while (*handle == '@')
		handle++;
	k = lookup_key(stack, sizeof(stack), key, platform, handle, 1, &n);
	c = cnd_strmap_getn(&r->handles, k, n);
	if (!c && r->star_handles) {
		k = lookup_key(stack, sizeof(stack), key, "*", handle, 1, &n);
		c = cnd_strmap_getn(&r->handles, k, n);
	}
	return c;
}

const struct cnd_client *
cnd_register_match_account(const struct cnd_register *r, const char *platform,
			   const struct cnd_account *account,
			   enum cnd_confidence *conf, const char **matched)
{
	const struct cnd_client *c = NULL;
	struct cnd_buf key;
	char stack[KEY_STACK];
	const char *k;
	size_t n;

	if (!r || !account)
		return NULL;
	cnd_buf_init(&key);
	if (account->id && *account->id) {
		k = lookup_key(stack, sizeof(stack), &key, platform,
			       account->id, 0, &n);
		c = cnd_strmap_getn(&r->ids, k, n);
		if (!c && r->star_ids) {
			k = lookup_key(stack, sizeof(stack), &key, "*",
				       account->id, 0, &n);
			c = cnd_strmap_getn(&r->ids, k, n);
		}
		if (c) {
			*conf = CND_CONF_CONFIRMED;
			*matched = account->id;
			goto out;
		}
	}
	if (account->handle && *account->handle) {
		c = by_handle(r, platform, account->handle, &key);
		if (c) {
			*conf = CND_CONF_PROBABLE;
			*matched = account->handle;
			goto out;
		}
	}
	if (account->name && *account->name) {
		const char *nm = account->name;
		size_t i = 0;

		/* ASCII folds to lower case; anything else through utf8proc */
		while (nm[i] && (unsigned char)nm[i] < 0x80)
			i++;
		if (nm[i]) {
			struct cnd_arena tmp;

			cnd_arena_init(&tmp);
			c = cnd_strmap_get(&r->names,
					   cnd_text_fold(&tmp, nm, strlen(nm)));
			cnd_arena_release(&tmp);
		} else {
			char *low = i < sizeof(stack)
					    ? stack
					    : (cnd_buf_reset(&key),
					       cnd_buf_grow(&key, i + 1), key.data);

			for (n = 0; n < i; n++)
				low[n] = nm[n] >= 'A' && nm[n] <= 'Z'
						 ? (char)(nm[n] - 'A' + 'a')
						 : nm[n];
			low[i] = '\0';
			c = cnd_strmap_getn(&r->names, low, i);
		}
		if (c) {
			*conf = CND_CONF_POSSIBLE;
			*matched = account->name;
		}
	}
out:
	cnd_buf_release(&key);
	return c;
}

struct scan_ctx {
	int (*fn)(void *ud, const struct cnd_name_match *m);
	void *ud;
};

static int on_match(void *ud, const struct cnd_match *m)
{
	struct scan_ctx *sc = ud;
	const struct name_tag *tag = m->tag;
	struct cnd_name_match nm;

	nm.client = tag->client;
	nm.term = tag->term;
	nm.is_handle = tag->is_handle;
	nm.reordered = 0;
	nm.start = m->start;
	nm.len = m->len;
	return sc->fn(sc->ud, &nm);
}

size_t cnd_register_scan_text(const struct cnd_register *r, const char *text,
			      int (*fn)(void *ud,
					const struct cnd_name_match *m),
			      void *ud)
{
	struct scan_ctx sc = { fn, ud };

	if (!r || !text || !*text)
		return 0;
	return cnd_matcher_scan(r->matcher, text, on_match, &sc);
}

/*
 * Names of two or three words written with the last word first: the words
 * at i..i+n-1 read as w[i+n-1] w[i] ... w[i+n-2] are looked up among the
 * folded names, so the register costs nothing more in memory.
 */
size_t cnd_register_scan_reordered(const struct cnd_register *r,
				   const struct cnd_words *w,
				   int (*fn)(void *ud,
					     const struct cnd_name_match *m),
				   void *ud)
{
	const struct cnd_word *v;
	struct cnd_buf key;
	size_t i, n, k, found = 0;

	if (!r || !w || w->v.len < 2)
		return 0;
	v = w->v.items;
	cnd_buf_init(&key);
	for (i = 0; i + 1 < w->v.len; i++) {
		for (n = 2; n <= 3 && i + n <= w->v.len; n++) {
			const struct cnd_word *last = &v[i + n - 1];
			const struct cnd_client *c;
			struct cnd_name_match nm;

			cnd_buf_reset(&key);
			cnd_buf_add(&key, w->fold.data + last->off, last->len);
			for (k = i; k + 1 < i + n; k++) {
				cnd_buf_addc(&key, ' ');
				cnd_buf_add(&key, w->fold.data + v[k].off,
					    v[k].len);
			}
			c = cnd_strmap_get(&r->names, key.data);
			if (!c)
				continue;
			nm.client = c;
			nm.term = key.data;
			nm.is_handle = 0;
			nm.reordered = 1;
			nm.start = v[i].start;
			nm.len = last->end - v[i].start;
			found++;
			if (fn(ud, &nm))
				goto out;
		}
	}
out:
	cnd_buf_release(&key);
	return found;
}

size_t cnd_register_scan_words(const struct cnd_register *r,
			       const struct cnd_words *w,
			       int (*fn)(void *ud,
					 const struct cnd_name_match *m),
			       void *ud)
{
	struct scan_ctx sc = { fn, ud };

	if (!r)
		return 0;
	return cnd_matcher_scan_words(r->matcher, w, on_match, &sc);
}

int cnd_client_active_at(const struct cnd_client *c, int64_t t,
			 unsigned grace_days)
{
	if (t == CND_TIME_NONE)
		return 1;
	if (c->active_from != CND_TIME_NONE && t < c->active_from)
		return 0;
	if (c->active_to != CND_TIME_NONE &&
	    t > c->active_to + (int64_t)grace_days * 86400)
		return 0;
	return 1;
}
