/*
 * The handler API of platform.h, on the context the scan driver builds
 * (platforms/context.h): what a handler may ask (its state, the arenas,
 * the member, the element's path and key, the export's zone, facts a
 * first read learned) and tell (diagnostics, grouped by kind and reported
 * once; notes; declared totals; coverage gaps; the account and the
 * export's date; entries and repeats; records, counted into the archive
 * and its follow set before they go on to whatever the driver set). A
 * CND_HANDLER_STREAM handler reads its member's bytes here too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/input/input.h"
#include "conduct/model/follows.h"
#include "conduct/parse/json.h"
#include "conduct/platforms/context.h"

static struct cnd_archive *arc(const struct cnd_scan *s)
{
	return cnd_run_archive(s->run, s->index);
}

void *cnd_scan_state(struct cnd_scan *s)
{
	return s->state;
}

struct cnd_arena *cnd_scan_arena(struct cnd_scan *s)
{
	return &s->run->arena;
}

struct cnd_arena *cnd_scan_scratch(struct cnd_scan *s)
{
	return &s->scratch;
}

const char *cnd_scan_member(const struct cnd_scan *s)
{
	return s->member;
}

/*
 * The kind of a message, for grouping like ones: its text with every run
 * of digits as '#' ("element 12" and "element 13" are alike).
 */
static void diag_kind(struct cnd_buf *b, const char *member, int status,
		      const char *kind)
{
	const char *p;

	cnd_buf_printf(b, "%s|%d|", member ? member : "", status);
	for (p = kind; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			while (p[1] >= '0' && p[1] <= '9')
				p++;
			cnd_buf_addc(b, '#');
		} else {
			cnd_buf_addc(b, *p);
		}
	}
}

/*
 * One problem; kind (the format of the message, or NULL: the message)
 * groups like problems of a member into one diagnostic with a count.
 */
void cnd_scan_add_diag(struct cnd_scan *s, int status, const char *member,
		       long long item, unsigned long line,
		       unsigned long column, const char *message,
		       const char *kind)
{
	struct cnd_archive *a = arc(s);
	struct cnd_buf group = CND_BUF_INIT;
	struct cnd_diag *d;
	char key[CND_ERROR_MAX + 600];
	void *at;
	int n;

	/* both passes meet the same damaged entries: report each once */
	n = snprintf(key, sizeof(key), "%s|%lld|%s", member ? member : "",
		     item, message);
	if (n > 0 && cnd_strmap_getn(&s->diag_seen, key,
				     (size_t)n < sizeof(key) ? (size_t)n :
							       sizeof(key) - 1))
		return;
	if (n > 0)
		cnd_strmap_putn(&s->diag_seen, key,
				(size_t)n < sizeof(key) ? (size_t)n :
							  sizeof(key) - 1,
				(void *)1);
	a->status = cnd_status_worst(a->status, status);
	diag_kind(&group, member, status, kind ? kind : message);
	at = cnd_strmap_getn(&s->diag_groups, group.data, group.len);
	if (at) {
		d = cnd_vec_at(&a->diags, (size_t)(uintptr_t)at - 1);
		d->count++;
		if (item >= 0 && d->n_items < CND_DIAG_ITEMS)
			d->items[d->n_items++] = item;
		cnd_buf_release(&group);
		return;
	}
	d = cnd_vec_push(&a->diags);
	memset(d, 0, sizeof(*d));
	d->status = status;
	d->member = cnd_arena_strdup(&s->run->arena, member);
	d->item = item;
	d->line = line;
	d->column = column;
	d->message = cnd_arena_strdup(&s->run->arena, message);
	d->count = 1;
	if (item >= 0)
		d->items[d->n_items++] = item;
	cnd_strmap_putn(&s->diag_groups, group.data, group.len,
			(void *)(uintptr_t)a->diags.len);
	cnd_buf_release(&group);
}

void cnd_scan_vdiag(struct cnd_scan *s, int status, long long item,
		    const char *fmt, va_list ap)
{
	char msg[CND_ERROR_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	cnd_scan_add_diag(s, status, s->member, item, 0, 0, msg, fmt);
}

void cnd_scan_diag(struct cnd_scan *s, int status, long long item,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cnd_scan_vdiag(s, status, item, fmt, ap);
	va_end(ap);
}

void cnd_scan_note(struct cnd_scan *s, const char *fmt, ...)
{
	char msg[CND_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cnd_scan_add_diag(s, CND_OK, s->member, -1, 0, 0, msg, fmt);
}

static void declare(struct cnd_scan *s, const char *of, const char *key,
		    long long declared)
{
	struct cnd_declared *d;

	if (declared < 0)
		return;
	d = cnd_vec_push(&arc(s)->declared);
	memset(d, 0, sizeof(*d));
	d->member = cnd_arena_strdup(&s->run->arena,
				     s->member ? s->member : "");
	d->key = cnd_arena_strdup(&s->run->arena, key);
	d->of = cnd_arena_strdup(&s->run->arena, of);
	d->declared = (uint64_t)declared;
	d->status = -1; /* a member: compared once every member is read */
}

void cnd_scan_declare(struct cnd_scan *s, const char *glob, const char *key,
		      long long declared)
{
	declare(s, glob, key, declared);
}

void cnd_scan_declare_count(struct cnd_scan *s, enum cnd_count count,
			    const char *key, long long declared)
{
	declare(s, cnd_count_name(count), key, declared);
	if (declared >= 0)
		((struct cnd_declared *)cnd_vec_at(
			 &arc(s)->declared, arc(s)->declared.len - 1))
			->status = -2; /* a count */
}

void cnd_scan_gap(struct cnd_scan *s, const char *fmt, ...)
{
	struct cnd_archive *a = arc(s);
	char msg[CND_ERROR_MAX];
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (i = 0; i < a->gaps.len; i++)
		if (!strcmp(*(const char **)cnd_vec_at(&a->gaps, i), msg))
			return;
	*(const char **)cnd_vec_push(&a->gaps) =
		cnd_arena_strdup(&s->run->arena, msg);
}

void cnd_scan_set_account(struct cnd_scan *s, const char *handle)
{
	if (handle && *handle)
		arc(s)->account = cnd_arena_strdup(&s->run->arena, handle);
}

void cnd_scan_set_made(struct cnd_scan *s, int64_t t)
{
	cnd_follows_set_made(arc(s), t);
}

/* path equals suffix, or ends with "/" + suffix */
static int ends_with_component(const char *path, const char *suffix,
			       size_t n)
{
	size_t len = strlen(path);

	if (len < n || memcmp(path + len - n, suffix, n))
		return 0;
	return len == n || path[len - n - 1] == '/';
}

int cnd_scan_has_member(const struct cnd_scan *s, const char *glob)
{
	int literal = !strpbrk(glob, "*?[\\");
	size_t n = strlen(glob), i;

	for (i = 0; i < s->paths.len; i++) {
		const char *p = *(const char **)cnd_vec_at(&s->paths, i);

		if (literal ? ends_with_component(p, glob, n) :
			      cnd_path_match(glob, p))
			return 1;
	}
	return 0;
}

static void count_record(struct cnd_archive *a, const struct cnd_record *r)
{
	a->records++;
	switch (r->kind) {
	case CND_REC_POST:
		a->counts[r->deleted ? CND_COUNT_DELETED_POSTS :
				       CND_COUNT_POSTS]++;
		break;
	case CND_REC_FOLLOW:
		if (r->dir == CND_FOLLOW_FOLLOWING)
			a->counts[CND_COUNT_FOLLOWING]++;
		else if (r->dir == CND_FOLLOW_FOLLOWER)
			a->counts[CND_COUNT_FOLLOWERS]++;
		else if (r->dir == CND_FOLLOW_FRIEND)
			a->counts[CND_COUNT_FRIENDS]++;
		break;
	case CND_REC_MESSAGE:
		a->counts[CND_COUNT_MESSAGES]++;
		break;
	case CND_REC_LIKE:
		a->counts[CND_COUNT_LIKES]++;
		break;
	case CND_REC_SEARCH:
		a->counts[CND_COUNT_SEARCHES]++;
		break;
	case CND_REC_LOCATION:
		a->counts[r->labelled ? CND_COUNT_LABELLED_PLACES : r->visit ?
			  CND_COUNT_PLACE_VISITS : CND_COUNT_LOCATION_POINTS]++;
		break;
	case CND_REC_SETTING:
		a->counts[CND_COUNT_SETTINGS]++;
		break;
	default:
		break;
	}
}

int cnd_emit(struct cnd_scan *s, struct cnd_record *r)
{
	if (!r->prov.member) {
		r->prov.member = s->member;
		r->prov.item = s->item;
	}
	count_record(arc(s), r);
	cnd_follows_record(&s->run->arena, arc(s), r);
	if (s->member) {
		s->member_records++;
	} else {
		/* emitted in finish (deferred follows): credit its member */
		struct cnd_vec *v = &arc(s)->parsed;
		size_t i;

		for (i = v->len; i-- > 0;) {
			struct cnd_member_note *n = cnd_vec_at(v, i);

			if (!strcmp(n->path, r->prov.member)) {
				n->records++;
				break;
			}
		}
	}
	if (s->on_record)
		s->on_record(s->on_record_ud, r);
	return CND_OK;
}

void cnd_scan_entry(struct cnd_scan *s)
{
	s->member_entries++;
}

const struct cnd_zone *cnd_scan_export_zone(const struct cnd_scan *s)
{
	return s->run->opt.export_zone;
}

void cnd_scan_repeat(struct cnd_scan *s)
{
	s->member_repeats++;
}

unsigned cnd_scan_path(const struct cnd_scan *s)
{
	return s->path_index;
}

const char *cnd_scan_key(const struct cnd_scan *s)
{
	return s->path_key;
}

int cnd_scan_path_met(const struct cnd_scan *s, unsigned p)
{
	return s->lw && s->handler &&
	       cnd_json_path_met(s->lw, s->handler->array_path, p);
}

struct cnd_strmap *cnd_scan_memo(struct cnd_scan *s, struct cnd_arena **arena)
{
	if (arena)
		*arena = &s->memo->arena;
	return &s->memo->facts;
}

void cnd_scan_again(struct cnd_scan *s)
{
	s->redo = 1;
}

ssize_t cnd_scan_read(struct cnd_scan *s, void *buf, size_t n)
{
	ssize_t got;

	if (s->stream_data) {
		size_t left = s->stream_len - s->stream_pos;

		if (n > left)
			n = left;
		memcpy(buf, s->stream_data + s->stream_pos, n);
		s->stream_pos += n;
		return (ssize_t)n;
	}
	if (!s->stream || s->stream_err.status >= CND_FAILED)
		return s->stream ? -1 : 0;
	got = cnd_member_read(s->stream, buf, n, &s->stream_err);
	if (got < 0 && s->stream_err.status < CND_FAILED)
		cnd_error_set(&s->stream_err, CND_FAILED, "read error");
	return got;
}

int cnd_scan_helpers(const struct cnd_scan *s)
{
	return !s->stream_data && s->stream && cnd_member_helpers(s->stream);
}

void cnd_scan_learn(struct cnd_scan *s, const char *key, const char *value,
		    int again)
{
	if (cnd_strmap_get(&s->memo->facts, key))
		return; /* known from the start: this is the second read */
	cnd_strmap_put(&s->memo->facts, cnd_arena_strdup(&s->memo->arena, key),
		       cnd_arena_strdup(&s->memo->arena, value));
	if (again)
		s->redo = 1;
}

const char *cnd_scan_fact(const struct cnd_scan *s, const char *key)
{
	return cnd_strmap_get(&s->memo->facts, key);
}
