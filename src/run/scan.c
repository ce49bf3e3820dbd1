/*
 * The scan driver: one input in, one struct cnd_archive out. It lists the
 * input's members (holding the few small "read first" members in memory),
 * detects the platform by which handler globs match most members (as
 * libarchive's format bidding), then streams every member that has a
 * handler through member.c into the platform's handler, with the handler
 * context of platforms/context.h, and feeds the records to the rule
 * engine. Members that are known but not needed are listed as ignored, the
 * rest as unrecognised; nothing is dropped silently. Problems become
 * diagnostics in the archive's report entry. When a first read learns what
 * it needed earlier (last-wins keys, a handler's late facts), the input is
 * read once more. The input's digest runs on a thread of its own.
 */#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "conduct/parse/csv.h"
#include "conduct/rules/follows.h"
#include "conduct/base/hash.h"
#include "conduct/parse/json.h"
#include "conduct/platforms/context.h"
#include "conduct/platforms/platform.h"
#include "conduct/run/scan.h"
#include "conduct/base/strmap.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "conduct/rules/engine.h"

#include "scan_int.h"

/*
 * A member read for records that had entries but yielded none (records
 * emitted in a platform's finish step are credited to their member, so
 * this runs after it): its shape may be one conduct does not know.
 */
static void check_yield(struct cnd_scan *s)
{
	struct cnd_archive *a = arc(s);
	size_t i;

	for (i = 0; i < a->parsed.len; i++) {
		const struct cnd_member_note *n = cnd_vec_at(&a->parsed, i);

		if (n->records || !n->entries || !n->records_expected)
			continue;
		cnd_scan_add_diag(s, CND_FAILED, n->path, -1, 0, 0,
			      cnd_arena_printf(&s->run->arena,
					       "holds %llu entr%s (%lld bytes) but yielded no record: its shape may be one conduct does not know, and those records cannot be reviewed",
					       (unsigned long long)n->entries,
					       n->entries == 1 ? "y" : "ies",
					       (long long)n->bytes),
			      "yields nothing");
	}
}

/*
 * Compare every declared total with what was read. A total a little off
 * (the export's own figure is often a little stale) is a warning; none
 * read against a declared total, or under half of it, is an error: the
 * records may be missing.
 */
static void check_declared(struct cnd_scan *s)
{
	struct cnd_archive *a = arc(s);
	size_t i, j;

	for (i = 0; i < a->declared.len; i++) {
		struct cnd_declared *d = cnd_vec_at(&a->declared, i);
		int of_count = d->status == -2;
		uint64_t read = 0, diff;
		int c;

		if (of_count) {
			for (c = 0; c < CND_COUNT__N; c++)
				if (!strcmp(cnd_count_name(c), d->of))
					read = a->counts[c];
		} else {
			for (j = 0; j < a->parsed.len; j++) {
				const struct cnd_member_note *n =
					cnd_vec_at(&a->parsed, j);

				if (cnd_path_match(d->of, n->path))
					read += n->entries;
			}
		}
		d->read = read;
		diff = read > d->declared ? read - d->declared :
					    d->declared - read;
		if (!diff) {
			d->status = CND_OK;
			continue;
		}
		d->status = (!read || read * 2 < d->declared) ? CND_FAILED :
								CND_WARN;
		add_diag(s, d->status, d->member[0] ? d->member : NULL, -1, 0,
			 0,
			 cnd_arena_printf(&s->run->arena,
					  "the export declares %llu %s (\"%s\") but %llu %s read%s",
					  (unsigned long long)d->declared,
					  d->of, d->key,
					  (unsigned long long)read,
					  read == 1 ? "was" : "were",
					  d->status == CND_FAILED ?
						  ": records may be missing" :
						  ": a small difference, as when the export's own total is a little stale"));
	}
}

/* Listing pass: remember every path, hold "read first" members. */
static int is_first_anywhere(const char *path)
{
	const struct cnd_platform *const *p;
	const struct cnd_handler *h;

	for (p = cnd_platforms; *p; p++)
		for (h = (*p)->handlers; h->glob; h++)
			if ((h->flags & CND_HANDLER_FIRST) &&
			    cnd_path_match(h->glob, path))
				return 1;
	return 0;
}

static const struct preload *find_preload(const struct cnd_scan *s,
					  const char *path)
{
	size_t i;

	for (i = 0; i < s->preloads.len; i++) {
		const struct preload *p = cnd_vec_at(&s->preloads, i);

		if (!strcmp(p->path, path))
			return p;
	}
	return NULL;
}

/*
 * The listing's paths are kept for the whole scan (a handler may ask
 * whether the export holds a member, cnd_scan_has_member()), and no longer:
 * packed end to end in blocks of NAMES_BLOCK bytes, not in the run's arena,
 * which lasts the whole batch and rounds every string up to its alignment.
 */
#define NAMES_BLOCK (256 * 1024)

struct names_block {
	struct names_block *next;
	size_t used, size;
	char data[];
};

static const char *names_add(struct cnd_scan *s, const char *path)
{
	struct names_block *b = s->names;
	size_t n = strlen(path) + 1;

	if (!b || b->size - b->used < n) {
		size_t size = n > NAMES_BLOCK ? n : NAMES_BLOCK;

		b = cnd_xmalloc(sizeof(*b) + size);
		b->next = s->names;
		b->used = 0;
		b->size = size;
		s->names = b;
	}
	memcpy(b->data + b->used, path, n);
	b->used += n;
	return b->data + b->used - n;
}

static void names_release(struct cnd_scan *s)
{
	struct names_block *b = s->names, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	s->names = NULL;
}

static const char *path_at(const struct cnd_scan *s, uint32_t i)
{
	return *(const char **)cnd_vec_at(&s->paths, i);
}

/* The slot of path in byname: holding its index + 1, or 0 (free). */
static size_t byname_slot(const struct cnd_scan *s, const char *path)
{
	size_t mask = s->byname_cap - 1,
	       i = (size_t)cnd_hash_bytes(path, strlen(path)) & mask;

	while (s->byname[i] && strcmp(path_at(s, s->byname[i] - 1), path))
		i = (i + 1) & mask;
	return i;
}

/* Index + 1 of path in the listing, or 0. */
static uint32_t byname_find(const struct cnd_scan *s, const char *path)
{
	return s->byname_cap ? s->byname[byname_slot(s, path)] : 0;
}

/* List path (copied), unless it is listed; returns its index + 1. */
static uint32_t byname_add(struct cnd_scan *s, const char *path)
{
	uint32_t at = byname_find(s, path);

	if (at)
		return at;
	*(const char **)cnd_vec_push(&s->paths) = names_add(s, path);
	if (2 * (s->byname_len + 1) > s->byname_cap) {
		uint32_t *old = s->byname;
		size_t n = s->byname_cap;

		s->byname_cap = n ? 2 * n : 1024;
		s->byname = cnd_xzeroed(s->byname_cap, sizeof(*s->byname));
		for (size_t k = 0; k < n; k++)
			if (old[k])
				s->byname[byname_slot(s, path_at(s, old[k] - 1))] =
					old[k];
		free(old);
	}
	at = (uint32_t)s->paths.len;
	s->byname[byname_slot(s, path)] = at;
	s->byname_len++;
	return at;
}

static int list_want(void *ud, const char *path, int64_t size)
{
	struct cnd_scan *s = ud;

	if (byname_find(s, path)) /* a duplicate name: listed once */
		return 0;
	byname_add(s, path);
	if (!is_first_anywhere(path) || find_preload(s, path))
		return 0; /* not read first, or already held from a part */
	if (size > PRELOAD_MAX) {
		struct preload *p = cnd_vec_push(&s->preloads);

		p->path = cnd_arena_strdup(&s->run->arena, path);
		p->too_big = 1;
		return 0;
	}
	return 1;
}

static int list_member(void *ud, struct cnd_member *m)
{
	struct cnd_scan *s = ud;
	struct preload *p = cnd_vec_push(&s->preloads);
	struct cnd_buf b = CND_BUF_INIT;
	struct cnd_error err;
	char chunk[16384];
	ssize_t got;

	p->path = cnd_arena_strdup(&s->run->arena, cnd_member_path(m));
	while ((got = cnd_member_read(m, chunk, sizeof(chunk), &err)) > 0) {
		if (b.len + (size_t)got > PRELOAD_MAX) {
			p->too_big = 1;
			break;
		}
		cnd_buf_add(&b, chunk, (size_t)got);
	}
	if (got < 0) {
		add_diag(s, err.status, p->path, -1, 0, 0, err.message);
		cnd_buf_release(&b);
		p->too_big = -1; /* already reported */
		return err.status >= CND_FATAL ? CND_FATAL : CND_OK;
	}
	p->data = b.data ? b.data : cnd_xstrdup("");
	p->len = b.len;
	return CND_OK;
}

static void list_problem(void *ud, const char *path, int status,
			 const char *message)
{
	add_diag(ud, status, path, -1, 0, 0, message);
}

/*
 * A member known but not needed (media, viewer pages). The first
 * IGNORED_LISTED of a folder are listed by name; the rest of that folder
 * are counted in one note (the folder and a star: data/tweets_media/ then *),
 * whose reason says how
 * many: a media folder of real archives holds tens of thousands of files,
 * and a row (and its memory) for each tells the reviewer nothing.
 */
#define IGNORED_LISTED 10

static void note_ignored(struct cnd_scan *s, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
	uintptr_t listed = (uintptr_t)cnd_strmap_getn(&s->ignored_listed,
						      path, dl);
	uintptr_t at;
	struct cnd_member_note *n;

	if (listed < IGNORED_LISTED) {
		cnd_strmap_putn(&s->ignored_listed, path, dl,
				(void *)(listed + 1));
		note(s, &arc(s)->ignored, path, "not needed by any rule", 0);
		return;
	}
	at = (uintptr_t)cnd_strmap_getn(&s->ignored_folded, path, dl);
	if (!at) {
		char *glob = cnd_arena_printf(&s->run->arena, "%.*s*",
					      (int)dl, path);

		note(s, &arc(s)->ignored, glob, NULL, 0);
		at = arc(s)->ignored.len;
		cnd_strmap_putn(&s->ignored_folded, path, dl, (void *)at);
	}
	n = cnd_vec_at(&arc(s)->ignored, at - 1);
	n->entries++; /* members folded into this note */
}

/* The folded notes' reasons, once their counts are known. */
static void ignored_reasons(struct cnd_scan *s)
{
	for (size_t i = 0; i < arc(s)->ignored.len; i++) {
		struct cnd_member_note *n = cnd_vec_at(&arc(s)->ignored, i);

		if (n->entries)
			n->what = cnd_arena_printf(
				&s->run->arena,
				"not needed by any rule: %llu more member%s of this folder, not listed one by one",
				(unsigned long long)n->entries,
				n->entries == 1 ? "" : "s");
	}
}

/* Pass 2: decide per member. */
static int read_want(void *ud, const char *path, int64_t size)
{
	struct cnd_scan *s = ud;
	const struct cnd_handler *h;
	const struct preload *pre;
	uint32_t at;

	(void)size;
	at = byname_add(s, path);
	while (s->met.len < at)
		cnd_buf_addc(&s->met, 0);
	if (s->met.data[at - 1]) {
		add_diag(s, CND_WARN, path, -1, 0, 0,
			 "duplicate member name; only the first was read");
		return 0;
	}
	s->met.data[at - 1] = 1;
	h = s->platform ? cnd_platform_handler(s->platform, path) : NULL;
	if (h) {
		pre = (h->flags & CND_HANDLER_FIRST) ? find_preload(s, path) :
						       NULL;
		if (pre && pre->too_big > 0)
			add_diag(s, CND_FAILED, path, -1, 0, 0,
				 "member is larger than 1 MiB, too large for a file read first; skipped");
		if (pre)
			return 0; /* read (or refused) before everything */
		return 1;
	}
	if (s->platform && cnd_platform_ignores(s->platform, path))
		note_ignored(s, path);
	else
		note(s, &arc(s)->unrecognised, path, NULL, 0);
	return 0;
}

static int read_member_cb(void *ud, struct cnd_member *m)
{
	struct cnd_scan *s = ud;
	const char *path = cnd_member_path(m);
	const struct cnd_handler *h = cnd_platform_handler(s->platform, path);

	return cnd_run_read_member(s, h, path, m, NULL);
}

static const struct cnd_platform *detect(struct cnd_scan *s)
{
	const struct cnd_platform *const *p, *best = NULL;
	size_t best_n = 0, i;

	for (p = cnd_platforms; *p; p++) {
		size_t n = 0;

		for (i = 0; i < s->paths.len; i++)
			if (cnd_platform_handler(
				    *p, *(const char **)cnd_vec_at(&s->paths, i)))
				n++;
		if (n > best_n) {
			best = *p;
			best_n = n;
		}
	}
	return best;
}

/* A digest of a directory: its sorted relative paths and file digests. */
struct dir_digest {
	struct cnd_sha256 *all;
};

static int digest_member(void *ud, struct cnd_member *m)
{
	struct dir_digest *d = ud;
	struct cnd_sha256 *h = cnd_sha256_new();
	struct cnd_error err;
	char chunk[65536], hex[CND_SHA256_HEX];
	ssize_t got;

	while ((got = cnd_member_read(m, chunk, sizeof(chunk), &err)) > 0)
		cnd_sha256_update(h, chunk, (size_t)got);
	cnd_sha256_final(h, hex);
	cnd_sha256_update(d->all, cnd_member_path(m),
			  strlen(cnd_member_path(m)) + 1);
	cnd_sha256_update(d->all, hex, strlen(hex));
	cnd_sha256_update(d->all, "\n", 1);
	return CND_OK;
}

/*
 * The digest of one input, computed on its own thread while the export
 * is scanned (reading a multi-gigabyte archive through SHA-256 costs about
 * as much as scanning it, and the scan skips its media), or at once when
 * the run may not use helper threads. A directory's walks its members, on
 * that thread through an input of its own (a fifth of the scanning
 * thread's work on a folder of HTML pages). With --no-digest none is
 * started: a zeroed job ends with an empty hex and no diagnostic.
 */
struct digest_job {
	pthread_t thread;
	int started;
	int dir;
	const struct cnd_limits *lim;
	const char *path;
	const char *name;		 /* the file's base name, for progress */
	const struct cnd_options *opt; /* its progress callback */
	uint64_t size;
	char hex[CND_SHA256_HEX];
	int rc;
	struct cnd_error err;
};

/* Tell the progress line how far the digest has got. */
static void digest_tick(void *ud, uint64_t done, uint64_t size)
{
	struct digest_job *j = ud;
	struct cnd_progress p = { 0 };

	j->size = size;
	p.input = j->name;
	p.hashed = done < size ? done : size;
	p.hash_size = size;
	j->opt->progress(j->opt->progress_ud, &p);
}

static void *digest_file(void *arg)
{
	struct digest_job *j = arg;
	struct cnd_hash_tick tick = { digest_tick, j };

	j->rc = cnd_sha256_file(j->path, j->hex,
				j->opt->progress ? &tick : NULL, &j->err);
	if (j->opt->progress && j->size) /* ended, even if cut short */
		digest_tick(j, j->size, j->size);
	return NULL;
}

/* A directory's digest, walking in (the scan's, or one of its own). */
static void digest_walk(struct digest_job *j, struct cnd_input *in)
{
	struct dir_digest d = { cnd_sha256_new() };
	struct cnd_input_visitor v = { 0 };

	v.ud = &d;
	v.member = digest_member;
	cnd_input_walk(in, &v, &j->err);
	cnd_sha256_final(d.all, j->hex);
	j->rc = CND_OK;
}

static void *digest_dir(void *arg)
{
	struct digest_job *j = arg;
	struct cnd_input *in;

	j->rc = cnd_input_open(&in, j->path, j->lim, &j->err);
	if (j->rc != CND_OK)
		return NULL;
	cnd_input_set_threads(in, 0);
	digest_walk(j, in);
	cnd_input_free(in);
	return NULL;
}

static void digest_start(struct cnd_input *in, const char *path,
			 const char *name, const struct cnd_options *opt,
			 struct digest_job *j)
{
	int thread = opt->helpers;

	memset(j, 0, sizeof(*j));
	j->path = path;
	j->name = name;
	j->opt = opt;
	j->lim = &opt->limits;
	j->dir = cnd_input_is_dir(in);
	j->started = thread &&
		     pthread_create(&j->thread, NULL,
				    j->dir ? digest_dir : digest_file, j) == 0;
	if (j->started)
		return;
	if (j->dir)
		digest_walk(j, in);
	else
		digest_file(j);
}

/* Wait for the digest; its hex into hex, or a diagnostic when it failed. */
static void digest_end(struct cnd_scan *s, struct digest_job *j, char *hex)
{
	if (j->started)
		pthread_join(j->thread, NULL);
	j->started = 0;
	if (j->rc != CND_OK) {
		add_diag(s, CND_FAILED, NULL, -1, 0, 0, j->err.message);
		hex[0] = '\0';
		return;
	}
	memcpy(hex, j->hex, CND_SHA256_HEX);
}

/* The base name of path: no path of the reviewer's machine in reports. */
static const char *base_copy(struct cnd_arena *a, const char *path)
{
	size_t n = strlen(path);
	const char *p;

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (p = path + n; p > path && p[-1] != '/'; p--)
		;
	return cnd_arena_strndup(a, p, n - (size_t)(p - path));
}

static const char *default_subject(struct cnd_run *run, const char *file)
{
	static const char *const exts[] = { ".tar.gz", ".tgz", ".zip", ".tar",
					    ".7z", NULL };
	size_t n = strlen(file), i;

	for (i = 0; exts[i]; i++) {
		size_t e = strlen(exts[i]);

		if (n > e && !strcasecmp(file + n - e, exts[i]))
			return cnd_arena_strndup(&run->arena, file, n - e);
	}
	return file;
}

static void release_scan(struct cnd_scan *s)
{
	size_t i;

	for (i = 0; i < s->preloads.len; i++)
		free(((struct preload *)cnd_vec_at(&s->preloads, i))->data);
	cnd_vec_release(&s->preloads);
	cnd_vec_release(&s->paths);
	names_release(s);
	free(s->byname);
	cnd_buf_release(&s->met);
	cnd_strmap_release(&s->diag_seen);
	cnd_strmap_release(&s->diag_groups);
	cnd_strmap_release(&s->ignored_listed);
	cnd_strmap_release(&s->ignored_folded);
	cnd_arena_release(&s->scratch);
	free(s->state);
}

/* Walk every part with v; archive-level problems become diagnostics. */
static int walk_parts(struct cnd_scan *s, struct cnd_input **ins, size_t n,
		      const struct cnd_input_visitor *v)
{
	struct cnd_error err;
	int worst = CND_OK, r;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!ins[i])
			continue;
		s->in = ins[i];
		r = cnd_input_walk(ins[i], v, &err);
		if (r >= CND_FAILED && err.message[0])
			add_diag(s, r, NULL, -1, 0, 0, err.message);
		worst = cnd_status_worst(worst, r);
	}
	s->in = NULL;
	return worst;
}

/* The driver's on_record: every record counted goes to the rule engine. */
static void to_rules(void *ud, const struct cnd_record *r)
{
	cnd_rules_record(ud, r);
}

static int scan_spec(struct cnd_run *run, const struct cnd_input_spec *spec,
		     struct cnd_scan_memo *memo, int *redo)
{
	struct cnd_rules_state *rules = NULL;
	const char *const *paths = spec->paths;
	size_t n_paths = spec->n_paths;
	struct cnd_scan s;
	struct cnd_archive *a;
	struct cnd_input_visitor v = { 0 };
	struct cnd_input **ins;
	struct digest_job *digests;
	struct cnd_error err;
	size_t i, opened = 0;

	memset(&s, 0, sizeof(s));
	s.run = run;
	s.index = run->archives.len;
	cnd_arena_init(&s.scratch);
	cnd_vec_init(&s.paths, sizeof(const char *));
	cnd_vec_init(&s.preloads, sizeof(struct preload));
	cnd_strmap_init(&s.diag_seen);
	cnd_strmap_init(&s.diag_groups);
	cnd_strmap_init(&s.ignored_listed);
	cnd_strmap_init(&s.ignored_folded);
	s.memo = memo;

	a = cnd_run_new_archive(run);
	a->period_set = 1;
	a->since = spec->since;
	a->until = spec->until;
	a->consent_ref = cnd_arena_strdup(&run->arena, spec->consent_ref);
	a->consent_date = spec->consent_date;
	if (spec->subject) {
		/* known before the rules run: they de-duplicate per subject */
		a->subject = cnd_arena_strdup(&run->arena, spec->subject);
		a->subject_given = 1;
	}
	ins = cnd_xcalloc(n_paths ? n_paths : 1, sizeof(*ins));
	digests = cnd_xcalloc(n_paths ? n_paths : 1, sizeof(*digests));
	for (i = 0; i < n_paths; i++) {
		struct cnd_part *part = cnd_vec_push(&a->parts);

		part->file = base_copy(&run->arena, paths[i]);
		if (cnd_input_open(&ins[i], paths[i], &run->opt.limits,
				   &err) != CND_OK) {
			/* a missing part loses part of the export, not all */
			add_diag(&s, n_paths > 1 ? CND_FAILED : CND_FATAL, NULL,
				 -1, 0, 0, err.message);
			continue;
		}
		cnd_input_set_threads(ins[i], run->opt.helpers);
		if (!run->opt.no_digest) /* else its hex stays "" */
			digest_start(ins[i], paths[i], part->file, &run->opt,
				     &digests[i]);
		opened++;
	}
	a = arc(&s);
	a->file = n_paths ? ((struct cnd_part *)cnd_vec_at(&a->parts, 0))->file :
			    "";
	if (!opened) {
		a->status = CND_FATAL;
		goto out_subject;
	}

	/* pass 1: list members, hold the ones read first */
	v.ud = &s;
	v.want = list_want;
	v.member = list_member;
	v.problem = list_problem;
	walk_parts(&s, ins, n_paths, &v);
	if (a->status >= CND_FATAL && !s.paths.len)
		goto out_subject;

	if (run->opt.platform)
		s.platform = cnd_platform_find(run->opt.platform);
	else
		s.platform = detect(&s);
	if (!s.platform) {
		for (i = 0; i < s.paths.len; i++)
			note(&s, &a->unrecognised,
			     *(const char **)cnd_vec_at(&s.paths, i), NULL, 0);
		if (s.paths.len)
			cnd_scan_diag(&s, CND_FATAL, -1,
				      "no supported social-media export found in '%s': none of its %zu files is one a platform reads",
				      a->file, s.paths.len);
		else
			cnd_scan_diag(&s, CND_FATAL, -1, "'%s' holds no files",
				      a->file);
		goto out_subject;
	}
	a->platform = s.platform->name;
	a->platform_title = s.platform->title;
	s.state = cnd_xcalloc(1, s.platform->state_size ?
					 s.platform->state_size : 1);
	if (run->opt.run_rules) {
		rules = cnd_rules_begin(run, s.index, s.platform->name);
		s.on_record = to_rules;
		s.on_record_ud = rules;
	}
	if (s.platform->begin)
		s.platform->begin(&s);

	/* members read first, in archive order */
	for (i = 0; i < s.preloads.len; i++) {
		const struct preload *p = cnd_vec_at(&s.preloads, i);
		const struct cnd_handler *h =
			cnd_platform_handler(s.platform, p->path);

		if (h && (h->flags & CND_HANDLER_FIRST) && !p->too_big)
			cnd_run_read_member(&s, h, p->path, NULL, p);
	}

	/* pass 2: everything else */
	v.want = read_want;
	v.member = read_member_cb;
	walk_parts(&s, ins, n_paths, &v);

	if (s.platform->finish)
		s.platform->finish(&s);
	if (s.platform->release)
		s.platform->release(&s);
	check_yield(&s);
	check_declared(&s);
	cnd_rules_end(rules);
	cnd_run_mark_zone_assumed(s.run, s.index);
	rules = NULL;
	s.on_record = NULL;

out_subject:
	a = arc(&s);
	for (i = 0; i < n_paths; i++)
		if (ins[i])
			digest_end(&s, &digests[i],
				   ((struct cnd_part *)cnd_vec_at(&a->parts,
								  i))->sha256);
	if (n_paths)
		memcpy(a->sha256,
		       ((struct cnd_part *)cnd_vec_at(&a->parts, 0))->sha256,
		       sizeof(a->sha256));
	free(digests);
	if (!a->subject_given)
		a->subject = a->account ? a->account :
					  default_subject(run, a->file);
	cnd_rules_free(rules);
	for (i = 0; i < n_paths; i++)
		cnd_input_free(ins[i]);
	free(ins);
	ignored_reasons(&s);
	release_scan(&s);
	*redo = s.redo;
	run->status = cnd_status_worst(run->status, a->status);
	return a->status;
}

/*
 * Take back the last archive of run and the findings it raised, so that
 * the input can be scanned again.
 */
static void unscan(struct cnd_run *run, size_t findings, int status)
{
	struct cnd_archive *a = cnd_run_archive(run, run->archives.len - 1);
	size_t i;

	for (i = findings; i < run->findings.len; i++)
		cnd_rules_forget(run, cnd_run_finding(run, i));
	run->findings.len = findings;
	cnd_archive_release(a);
	run->archives.len--;
	run->status = status;
}

/*
 * Scan one input. When a member's duplicate keys turn out to replace
 * elements already read (json.h, struct cnd_json_lastwins), or a handler
 * learned too late what an earlier part of its member needed
 * (cnd_scan_learn), the input is taken back and scanned once more,
 * knowing it from the start: exact results in bounded memory, paid for
 * only by exports with that quirk.
 */
int cnd_run_scan_spec(struct cnd_run *run, const struct cnd_input_spec *spec)
{
	size_t findings = run->findings.len;
	int status = run->status, redo = 0, rc;
	struct cnd_scan_memo memo;

	cnd_strmap_init(&memo.lastwins);
	cnd_strmap_init(&memo.facts);
	cnd_arena_init(&memo.arena);
	rc = scan_spec(run, spec, &memo, &redo);
	if (redo) {
		unscan(run, findings, status);
		rc = scan_spec(run, spec, &memo, &redo);
	}
	cnd_strmap_release(&memo.lastwins);
	cnd_strmap_release(&memo.facts);
	cnd_arena_release(&memo.arena);
	return rc;
}

int cnd_run_scan_parts(struct cnd_run *run, const char *const *paths,
		       size_t n_paths)
{
	struct cnd_input_spec spec;

	memset(&spec, 0, sizeof(spec));
	spec.paths = paths;
	spec.n_paths = n_paths;
	spec.subject = run->opt.subject;
	spec.since = run->opt.since;
	spec.until = run->opt.until;
	spec.consent_date = CND_TIME_NONE;
	return cnd_run_scan_spec(run, &spec);
}

int cnd_run_scan(struct cnd_run *run, const char *path)
{
	return cnd_run_scan_parts(run, &path, 1);
}
