/*
 * Reading one member through its handler, for the scan driver (scan.c):
 * the member streamed from libarchive (or held from the listing pass) goes
 * through the JSON reader (elements of the handler's paths, or the whole
 * document), the CSV reader (one row at a time) or, for a raw handler, its
 * bytes; what the handler gets and gives is counted into the member's note,
 * and every problem the readers meet becomes a diagnostic naming the
 * member and the position.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/input/input.h"
#include "conduct/parse/csv.h"
#include "conduct/parse/json.h"
#include "conduct/text/text.h"

#include "scan_int.h"

/* --- reading members --- */

/* Array elements anywhere in v: the entries of a document read whole. */
static uint64_t doc_entries(const json_t *v)
{
	const char *key;
	json_t *e;
	uint64_t n = 0;
	size_t i;

	if (json_is_array(v)) {
		n = json_array_size(v);
		json_array_foreach(v, i, e)
			if (json_is_array(e) || json_is_object(e))
				n += doc_entries(e);
	} else if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, e)
			if (json_is_array(e) || json_is_object(e))
				n += doc_entries(e);
	}
	return n;
}

static int dispatch(void *ud, json_t *value, long long index)
{
	struct cnd_scan *s = ud;
	int r;

	if (index >= 0)
		s->member_entries++;
	else if (index == -1 || index == CND_JSON_VALUE)
		s->member_entries += doc_entries(value);
	s->item = index < 0 ? -1 : index;
	r = s->handler->fn(s, value, index);
	cnd_arena_reset(&s->scratch);
	return r;
}

static void json_problem(void *ud, int status, long long index,
			 unsigned long line, unsigned long column,
			 const char *message)
{
	struct cnd_scan *s = ud;

	add_diag(s, status, s->member, index, line, column, message);
}

/*
 * The whole member in memory, up to the document limit (CSV and raw
 * kinds; small by nature). Returns 0, or -1 with err set.
 */
static int slurp(struct cnd_scan *s, struct cnd_member *m, struct cnd_buf *b,
		 struct cnd_error *err)
{
	size_t max = s->run->opt.limits.doc_max;
	char chunk[65536];
	ssize_t got;

	if (max && cnd_member_size(m) > 0 && (uint64_t)cnd_member_size(m) > max)
		return cnd_error_set(err, CND_FAILED,
				     "member is %lld bytes, over the limit of %zu bytes for a file read whole",
				     (long long)cnd_member_size(m), max),
		       -1;
	while ((got = cnd_member_read(m, chunk, sizeof(chunk), err)) > 0) {
		if (max && b->len + (size_t)got > max)
			return cnd_error_set(err, CND_FAILED,
					     "member is over the limit of %zu bytes for a file read whole",
					     max),
			       -1;
		cnd_buf_add(b, chunk, (size_t)got);
	}
	return got < 0 ? -1 : 0;
}

struct csv_rows {
	struct cnd_scan *s;
	char **header;
	size_t n_header;
	long long index;
	int status;
};

static int csv_row(void *ud, size_t line, char **fields, size_t n)
{
	struct csv_rows *c = ud;
	struct cnd_scan *s = c->s;
	json_t *row;
	size_t i;
	int r;

	if (!c->header) {
		if (n < 2)
			return 0; /* a preamble line */
		c->header = cnd_arena_alloc(&s->run->arena, n * sizeof(char *));
		for (i = 0; i < n; i++) {
			char *h = cnd_arena_strdup(&s->run->arena, fields[i]);
			char *p;

			for (p = h; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			c->header[i] = h;
		}
		c->n_header = n;
		return 0;
	}
	row = json_object();
	for (i = 0; i < n && i < c->n_header; i++) {
		if (!c->header[i][0])
			continue;
		if (!cnd_utf8_valid(fields[i], strlen(fields[i]))) {
			add_diag(s, CND_WARN, s->member, c->index, line, 0,
				 "field is not valid UTF-8; left out");
			continue;
		}
		json_object_set_new(row, c->header[i], json_string(fields[i]));
	}
	s->item = c->index;
	s->member_entries++;
	r = s->handler->fn(s, row, c->index);
	cnd_arena_reset(&s->scratch);
	json_decref(row);
	c->index++;
	c->status = cnd_status_worst(c->status, r);
	return r >= CND_FATAL;
}

/* Read one member (streamed, or from memory when preloaded). */
int cnd_run_read_member(struct cnd_scan *s, const struct cnd_handler *h,
		       const char *path, struct cnd_member *m,
		       const struct preload *pre)
{
	struct cnd_json_reader jr = { 0 };
	struct cnd_json_lastwins lw, *hint;
	struct cnd_member_note *n;
	struct cnd_buf b = CND_BUF_INIT;
	struct cnd_error err;
	const char *data = pre ? pre->data : NULL;
	size_t len = pre ? pre->len : 0;
	int r;

	s->handler = h;
	s->member = path;
	s->item = -1;
	s->member_records = 0;
	s->member_entries = 0;
	s->member_repeats = 0;
	cnd_error_clear(&err);
	if (h->kind == CND_KIND_RAW && (h->flags & CND_HANDLER_STREAM)) {
		s->stream = pre ? NULL : m;
		s->stream_data = data;
		s->stream_len = len;
		s->stream_pos = 0;
		cnd_error_clear(&s->stream_err);
		r = h->raw ? h->raw(s, NULL, 0) : CND_OK;
		if (s->stream_err.status >= CND_FAILED) {
			err = s->stream_err;
			r = cnd_status_worst(r, err.status);
		}
		s->stream = NULL;
		s->stream_data = NULL;
		cnd_arena_reset(&s->scratch);
		goto out_report;
	}
	if ((h->kind == CND_KIND_CSV || h->kind == CND_KIND_RAW) && !pre) {
		if (slurp(s, m, &b, &err) != 0) {
			r = cnd_status_worst(err.status, CND_FAILED);
			goto out_report;
		}
		data = b.data ? b.data : "";
		len = b.len;
	}
	switch (h->kind) {
	case CND_KIND_CSV: {
		struct csv_rows c = { s, NULL, 0, 0, CND_OK };

		r = cnd_csv_parse(data, len, csv_row, &c, &err);
		if (!c.header && r < CND_FAILED)
			r = cnd_error_set(&err, CND_FAILED,
					  "no header row (a row of column names) found");
		r = cnd_status_worst(r, c.status);
		break;
	}
	case CND_KIND_RAW:
		r = h->raw ? h->raw(s, data, len) : CND_OK;
		cnd_arena_reset(&s->scratch);
		break;
	default:
		jr.kind = h->kind;
		jr.array_path = h->array_path;
		jr.doc_max = s->run->opt.limits.doc_max;
		jr.drop = s->platform ? s->platform->drop : NULL;
		jr.fn = dispatch;
		jr.path_out = &s->path_index;
		jr.key_out = &s->path_key;
		jr.problem = json_problem;
		jr.ud = s;
		if (h->flags & CND_HANDLER_REST)
			jr.rest = dispatch;
		memset(&lw, 0, sizeof(lw));
		hint = cnd_strmap_get(&s->memo->lastwins, path);
		if (hint) /* a first read found what the last key holds */
			memcpy(lw.pick, hint->last, sizeof(lw.pick));
		jr.lw = &lw;
		s->lw = &lw;
		if (data)
			r = cnd_json_read_buffer(data, len, &jr, &err);
		else
			r = cnd_json_read(m, &jr, &err);
		s->lw = NULL;
		if (lw.reread && !hint) {
			hint = cnd_arena_alloc(&s->memo->arena, sizeof(*hint));
			*hint = lw;
			cnd_strmap_put(&s->memo->lastwins, path, hint);
			s->redo = 1;
		}
		break;
	}
out_report:
	if (r >= CND_FAILED && err.message[0])
		add_diag(s, r >= CND_FATAL ? CND_FATAL : CND_FAILED, path, -1,
			 0, 0, err.message);
	note(s, &arc(s)->parsed, path, h->what, s->member_records);
	n = cnd_vec_at(&arc(s)->parsed, arc(s)->parsed.len - 1);
	n->entries = s->member_entries;
	n->bytes = m ? cnd_member_size(m) : (int64_t)len;
	n->records_expected = !(h->flags & CND_HANDLER_NO_RECORDS) &&
			      r < CND_FAILED && !s->member_repeats;
	n->local_time = (h->flags & CND_HANDLER_LOCAL_TIME) && n->records;
	if (n->local_time)
		arc(s)->local_time = 1;
	if (s->run->opt.progress) {
		struct cnd_progress p = { 0 };

		p.input = arc(s)->file;
		p.bytes = m ? cnd_member_offset(m) : (uint64_t)len;
		p.records = s->member_records;
		s->run->opt.progress(s->run->opt.progress_ud, &p);
	}
	cnd_buf_release(&b);
	s->member = NULL;
	s->handler = NULL;
	return r >= CND_FATAL ? CND_FATAL : CND_OK;
}
