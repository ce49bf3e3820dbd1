/*
 * Loading batch manifests (include/conduct/config/manifest.h): a CSV with the
 * columns subject, archives (INPUTs separated by ';', each a path or a
 * '+'-joined split export, relative to the manifest's folder),
 * consent_ref, consent_date, since and until. Header names are matched
 * without regard to case; other columns are ignored. Every row is checked
 * and a bad one is reported with its line and skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/csv.h"
#include "conduct/config/manifest.h"
#include "conduct/model/record.h"
#include "conduct/base/strmap.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "table.h"

#define MANIFEST_MAX (64u * 1024 * 1024)

enum col { COL_SUBJECT, COL_ARCHIVES, COL_CONSENT, COL_CONSENT_DATE,
	   COL_SINCE, COL_UNTIL, COL__N };

static const char *const col_names[COL__N] = {
	"subject", "archives", "consent_ref", "consent_date", "since", "until",
};

struct cnd_manifest {
	struct cnd_arena arena;
	struct cnd_vec rows; /* struct cnd_manifest_row */
	struct cnd_strmap subjects;
	const char *dir; /* folder of the manifest, "" for the cwd */
};

struct load {
	struct cnd_manifest *m;
	struct cnd_table t;
};

/* A manifest path resolved against the manifest's folder. */
static const char *resolve(struct cnd_manifest *m, const char *p)
{
	if (p[0] == '/' || !m->dir[0])
		return cnd_arena_strdup(&m->arena, p);
	return cnd_arena_printf(&m->arena, "%s/%s", m->dir, p);
}

/* An INPUT: each '+'-joined part resolved. */
static const char *resolve_input(struct cnd_manifest *m, char *input)
{
	struct cnd_buf b = CND_BUF_INIT;
	char *p = input;
	const char *r;

	while (p) {
		char *plus = strchr(p, '+');

		if (plus)
			*plus = '\0';
		if (b.len)
			cnd_buf_addc(&b, '+');
		cnd_buf_adds(&b, resolve(m, cnd_text_trim(p)));
		p = plus ? plus + 1 : NULL;
	}
	r = cnd_arena_strdup(&m->arena, b.data ? b.data : "");
	cnd_buf_release(&b);
	return r;
}

/* An optional day: empty is CND_TIME_NONE; else cnd_time_parse_day(). */
static int day(const char *s, int64_t *out, int end)
{
	if (!s || !*s) {
		*out = CND_TIME_NONE;
		return 0;
	}
	return cnd_time_parse_day(s, out,
				  CND_DAY_SLASH | (end ? CND_DAY_END : 0));
}

static int row_fn(void *ud, size_t line, char **f, size_t n)
{
	struct load *l = ud;
	struct cnd_manifest *m = l->m;
	struct cnd_manifest_row r;
	struct cnd_vec inputs;
	char *v, *p;

	if (!l->t.have_header) {
		cnd_table_header(&l->t, f, n);
		return l->t.col[COL_SUBJECT] < 0 || l->t.col[COL_ARCHIVES] < 0;
	}
	if (n == 1 && !*cnd_text_trim(f[0]))
		return 0;
	memset(&r, 0, sizeof(r));
	r.line = line;
	v = cnd_table_field(&l->t, f, n, COL_SUBJECT);
	if (!v || !*v) {
		cnd_table_problem(&l->t, line, "row has no subject; skipped");
		return 0;
	}
	if (cnd_strmap_get(&m->subjects, v)) {
		cnd_table_problem(&l->t, line,
			    "subject '%s' appears twice; list all its archives in one row (separated by ';'); this row skipped",
			    v);
		return 0;
	}
	r.subject = cnd_arena_strdup(&m->arena, v);
	v = cnd_table_field(&l->t, f, n, COL_CONSENT);
	r.consent_ref = v && *v ? cnd_arena_strdup(&m->arena, v) : NULL;
	if (day(cnd_table_field(&l->t, f, n, COL_CONSENT_DATE), &r.consent_date, 0) ||
	    day(cnd_table_field(&l->t, f, n, COL_SINCE), &r.since, 0) ||
	    day(cnd_table_field(&l->t, f, n, COL_UNTIL), &r.until, 1)) {
		cnd_table_problem(&l->t, line,
			    "subject '%s': consent_date, since and until must be dates (YYYY-MM-DD); row skipped",
			    r.subject);
		return 0;
	}
	if (r.since != CND_TIME_NONE && r.until != CND_TIME_NONE &&
	    r.until < r.since) {
		cnd_table_problem(&l->t, line, "subject '%s': until is before since; row skipped",
			    r.subject);
		return 0;
	}
	v = cnd_table_field(&l->t, f, n, COL_ARCHIVES);
	cnd_vec_init(&inputs, sizeof(const char *));
	for (p = v; p && *p;) {
		char *semi = strchr(p, ';');

		if (semi)
			*semi = '\0';
		if (*cnd_text_trim(p))
			*(const char **)cnd_vec_push(&inputs) =
				resolve_input(m, cnd_text_trim(p));
		p = semi ? semi + 1 : NULL;
	}
	if (!inputs.len) {
		cnd_vec_release(&inputs);
		cnd_table_problem(&l->t, line, "subject '%s' has no archives; skipped",
			    r.subject);
		return 0;
	}
	r.inputs = cnd_arena_alloc(&m->arena, inputs.len * sizeof(char *));
	memcpy((void *)r.inputs, inputs.items, inputs.len * sizeof(char *));
	r.n_inputs = inputs.len;
	cnd_vec_release(&inputs);
	cnd_strmap_put(&m->subjects, r.subject, (void *)1);
	*(struct cnd_manifest_row *)cnd_vec_push(&m->rows) = r;
	return 0;
}

void cnd_manifest_free(struct cnd_manifest *m)
{
	if (!m)
		return;
	cnd_vec_release(&m->rows);
	cnd_strmap_release(&m->subjects);
	cnd_arena_release(&m->arena);
	free(m);
}

int cnd_manifest_load(struct cnd_manifest **out, const char *path,
		      void (*problem)(void *ud, size_t line, const char *msg),
		      void *ud, struct cnd_error *err)
{
	struct cnd_manifest *m = cnd_xcalloc(1, sizeof(*m));
	struct cnd_buf data = CND_BUF_INIT;
	struct load l;
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	char chunk[65536];
	size_t got;
	FILE *f;
	int st;

	*out = NULL;
	cnd_arena_init(&m->arena);
	cnd_vec_init(&m->rows, sizeof(struct cnd_manifest_row));
	cnd_strmap_init(&m->subjects);
	m->dir = slash ? cnd_arena_strndup(&m->arena, path,
					   (size_t)(slash - path)) : "";
	if (slash == path)
		m->dir = "/";
	f = fopen(path, "rb");
	if (!f) {
		cnd_manifest_free(m);
		return cnd_error_set(err, CND_FATAL,
				     "cannot read manifest '%s': %s", name,
				     strerror(errno));
	}
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	       data.len <= MANIFEST_MAX)
		cnd_buf_add(&data, chunk, got);
	fclose(f);
	memset(&l, 0, sizeof(l));
	l.m = m;
	cnd_table_init(&l.t, col_names, COL__N, problem, ud);
	st = cnd_csv_parse(data.data ? data.data : "", data.len, row_fn, &l,
			   err);
	cnd_buf_release(&data);
	if (!l.t.have_header || l.t.col[COL_SUBJECT] < 0 ||
	    l.t.col[COL_ARCHIVES] < 0) {
		cnd_manifest_free(m);
		return cnd_error_set(err, CND_FATAL,
				     "manifest '%s' needs the columns subject and archives (and consent_ref, consent_date, since, until)",
				     name);
	}
	cnd_table_parse_error(&l.t, st, err);
	*out = m;
	if (l.t.failed)
		return cnd_error_set(err, CND_FAILED,
				     "manifest '%s' has rows with problems", name);
	cnd_error_clear(err);
	return CND_OK;
}

size_t cnd_manifest_count(const struct cnd_manifest *m)
{
	return m->rows.len;
}

const struct cnd_manifest_row *cnd_manifest_row(const struct cnd_manifest *m,
						size_t i)
{
	return cnd_vec_at(&m->rows, i);
}
