/*
 * Reading last year's review decisions back (the review cycle of
 * include/conduct/review/baseline.h). A workbook is a zip: its parts are read
 * through the input layer (never extracted), the sheet list, relationships,
 * shared strings and the Findings sheet(s) are parsed with expat, and each
 * row with a fingerprint becomes a struct cnd_decision; the Baseline sheet
 * (decisions carried a year before whose findings were not raised again:
 * dismissed, or no longer found) is read the same way, so no decision
 * drops out of the cycle. A previous JSON report works too: its findings
 * carry the decisions that were carried into it, and its baseline.absent
 * list the rest. Both sources give the same list, so the matching in the scan
 * does not care which one the reviewer kept.
 */
#include <expat.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conduct/base/arena.h"
#include "conduct/base/path.h"
#include "conduct/review/baseline.h"
#include "conduct/input/input.h"
#include "conduct/model/record.h"
#include "conduct/model/result.h"
#include "conduct/base/strmap.h"
#include "conduct/base/timeutil.h"

#define PART_MAX (256u * 1024 * 1024) /* one XML part of a workbook */

static const char *const decision_names[CND_DECISION__N] = {
	"open",		  "confirmed",	       "dismissed",
	"false positive", "documented reason", "escalated",
};

const char *cnd_decision_name(enum cnd_decision_kind k)
{
	return (unsigned)k < CND_DECISION__N ? decision_names[k] : "open";
}

int cnd_decision_parse(const char *s)
{
	char norm[32];
	size_t i, n = 0;

	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	for (; *s && n + 1 < sizeof(norm); s++) {
		char c = *s;

		if (c == '_' || c == '-')
			c = ' ';
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		norm[n++] = c;
	}
	while (n && norm[n - 1] == ' ')
		n--;
	norm[n] = '\0';
	for (i = 0; i < CND_DECISION__N; i++)
		if (!strcmp(norm, decision_names[i]))
			return (int)i;
	return -1;
}

struct cnd_baseline {
	struct cnd_arena arena;
	struct cnd_vec decisions; /* struct cnd_decision */
	struct cnd_strmap by_fp;  /* fingerprint -> index + 1 */
	const char *source;
	void (*problem)(void *ud, const char *msg);
	void *ud;
	int warned;
};

static void problem(struct cnd_baseline *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct cnd_baseline *b, const char *fmt, ...)
{
	char msg[CND_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	b->warned = 1;
	if (b->problem)
		b->problem(b->ud, msg);
}

/* Keep one decision (the first for a fingerprint). */
static void add_decision(struct cnd_baseline *b, const struct cnd_decision *d)
{
	struct cnd_decision *slot;

	if (!d->fingerprint || !*d->fingerprint) {
		problem(b, "'%s': row %zu has no fingerprint; its decision cannot be carried over",
			b->source, d->row);
		return;
	}
	if (cnd_strmap_get(&b->by_fp, d->fingerprint)) {
		problem(b, "'%s': row %zu repeats fingerprint %s; the first row's decision is kept",
			b->source, d->row, d->fingerprint);
		return;
	}
	slot = cnd_vec_push(&b->decisions);
	*slot = *d;
	cnd_strmap_put(&b->by_fp, d->fingerprint,
		       (void *)(uintptr_t)b->decisions.len);
}

static const char *copy_or_null(struct cnd_arena *a, const char *s)
{
	return s && *s ? cnd_arena_strdup(a, s) : NULL;
}

/* Fill kind/decision/expires from the text the reviewer wrote. */
static void set_decision(struct cnd_baseline *b, struct cnd_decision *d,
			 const char *text, const char *expires)
{
	int k = cnd_decision_parse(text);
	int64_t t;

	d->decision = copy_or_null(&b->arena, text);
	d->kind = k < 0 ? CND_DECISION_OPEN : (enum cnd_decision_kind)k;
	if (text && *text && k < 0)
		problem(b, "'%s': row %zu: decision '%s' is not one of open, confirmed, dismissed, false positive, documented reason, escalated; taken as open",
			b->source, d->row, text);
	d->expires = CND_TIME_NONE;
	if (expires && *expires) {
		if (cnd_time_parse_iso(expires, &t) == 0)
			d->expires = t;
		else
			problem(b, "'%s': row %zu: expiry '%s' is not a date (YYYY-MM-DD); ignored",
				b->source, d->row, expires);
	}
}

/* --- JSON reports --- */

static void load_json_list(struct cnd_baseline *b, json_t *list, int flat);

static int load_json(struct cnd_baseline *b, const char *data, size_t len,
		     struct cnd_error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(data, len, 0, &jerr), *findings;

	if (!root)
		return cnd_error_set(err, CND_FATAL,
				     "cannot read baseline '%s': line %d: %s",
				     b->source, jerr.line, jerr.text);
	findings = json_object_get(root, "findings");
	if (!json_is_array(findings)) {
		json_decref(root);
		return cnd_error_set(err, CND_FATAL,
				     "baseline '%s' is not a conduct report (no findings list)",
				     b->source);
	}
	load_json_list(b, findings, 0);
	load_json_list(b, json_object_get(json_object_get(root, "baseline"),
					  "absent"),
		       1);
	json_decref(root);
	return CND_OK;
}

/*
 * The decisions of a report's findings[] (each with its "review"), or of
 * its baseline.absent[] (flat: the decision's fields beside the
 * fingerprint): the decisions carried a year before whose findings were
 * not raised again, so they stay in the cycle.
 */
static void load_json_list(struct cnd_baseline *b, json_t *list, int flat)
{
	json_t *f;
	size_t i;

	if (!json_is_array(list))
		return;
	json_array_foreach(list, i, f)
	{
		json_t *review = flat ? f : json_object_get(f, "review");
		struct cnd_decision d;

		memset(&d, 0, sizeof(d));
		d.row = i;
		d.fingerprint = copy_or_null(
			&b->arena, json_string_value(json_object_get(f, "fingerprint")));
		d.rule = copy_or_null(&b->arena,
				      json_string_value(json_object_get(f, "rule")));
		d.subject = copy_or_null(
			&b->arena, json_string_value(json_object_get(f, "subject")));
		d.evidence = copy_or_null(
			&b->arena, json_string_value(json_object_get(f, "evidence")));
		d.reviewer = copy_or_null(
			&b->arena,
			json_string_value(json_object_get(review, "reviewer")));
		d.date = copy_or_null(
			&b->arena, json_string_value(json_object_get(review, "date")));
		d.note = copy_or_null(
			&b->arena, json_string_value(json_object_get(review, "note")));
		set_decision(b,
			     &d,
			     json_string_value(json_object_get(review, "decision")),
			     json_string_value(json_object_get(review, "expires")));
		add_decision(b, &d);
	}
}

/* --- workbooks --- */

struct part {
	const char *path;
	struct cnd_buf data;
};

struct parts {
	struct cnd_vec list; /* struct part */
	int failed;
	char message[CND_ERROR_MAX + 300];
};

static int part_wanted(const char *path)
{
	return !strcmp(path, "xl/workbook.xml") ||
	       !strcmp(path, "xl/_rels/workbook.xml.rels") ||
	       !strcmp(path, "xl/sharedStrings.xml") ||
	       !strncmp(path, "xl/worksheets/sheet", 19);
}

static int want_part(void *ud, const char *path, int64_t size)
{
	(void)ud;
	(void)size;
	return part_wanted(path);
}

static int read_part(void *ud, struct cnd_member *m)
{
	struct parts *ps = ud;
	struct part *p = cnd_vec_push(&ps->list);
	struct cnd_error err;
	char chunk[65536];
	ssize_t got;

	p->path = cnd_xstrdup(cnd_member_path(m));
	cnd_buf_init(&p->data);
	while ((got = cnd_member_read(m, chunk, sizeof(chunk), &err)) > 0)
		cnd_buf_add(&p->data, chunk, (size_t)got);
	if (got < 0) {
		ps->failed = 1;
		snprintf(ps->message, sizeof(ps->message), "'%.250s': %s",
			 cnd_member_path(m), err.message);
	}
	return CND_OK;
}

static const struct part *find_part(const struct parts *ps, const char *path)
{
	size_t i;

	for (i = 0; i < ps->list.len; i++) {
		const struct part *p = cnd_vec_at(&ps->list, i);

		if (!strcmp(p->path, path))
			return p;
	}
	return NULL;
}

/*
 * One expat pass over an XML part: the handlers collect what they need
 * into struct xml_state. Text is gathered only inside the elements that
 * matter (shared-string <t>, cell <v> and inline <t>).
 */
struct xml_state {
	struct cnd_baseline *b;
	/* workbook.xml: the r:id of each Findings sheet, in order */
	struct cnd_vec sheet_rids; /* char * */
	/* workbook.xml.rels: id -> target */
	struct cnd_strmap rels;
	/* sharedStrings.xml */
	struct cnd_vec strings; /* char * */
	int in_si, in_t;
	struct cnd_buf text;
	/* a sheet */
	int in_v, in_is;
	long col;	/* column of the current cell, 0-based */
	char cell_type[16];
	long row;	/* current row number, 1-based */
	struct cnd_vec cells; /* char *, by column, for the current row */
	void (*row_done)(struct xml_state *x);
	/* the Findings header: column of each field, -1 when absent */
	long c_fp, c_rule, c_subject, c_evidence, c_decision, c_reviewer,
		c_date, c_note, c_expires;
	int have_header;
};

/*
 * The value of attribute name; "id" also matches a namespaced "r:id",
 * whatever prefix the writer chose.
 */
static const char *attr(const XML_Char **atts, const char *name)
{
	int any_prefix = !strcmp(name, "id");

	for (; atts && atts[0]; atts += 2) {
		const char *a = atts[0], *colon = strrchr(a, ':');

		if (!strcmp(a, name) ||
		    (any_prefix && colon && !strcmp(colon + 1, name)))
			return atts[1];
	}
	return NULL;
}

/* Local name of an element, without a namespace prefix. */
static const char *local(const XML_Char *name)
{
	const char *colon = strrchr(name, ':');

	return colon ? colon + 1 : name;
}

static void XMLCALL wb_start(void *ud, const XML_Char *name,
			     const XML_Char **atts)
{
	struct xml_state *x = ud;
	const char *sheet, *rid;

	if (strcmp(local(name), "sheet"))
		return;
	sheet = attr(atts, "name");
	rid = attr(atts, "id");
	if (sheet && rid &&
	    (!strcmp(sheet, "Findings") || !strncmp(sheet, "Findings (", 10) ||
	     !strcmp(sheet, "Baseline")))
		*(char **)cnd_vec_push(&x->sheet_rids) = cnd_xstrdup(rid);
}

static void XMLCALL rels_start(void *ud, const XML_Char *name,
			       const XML_Char **atts)
{
	struct xml_state *x = ud;
	const char *id, *target;

	if (strcmp(local(name), "Relationship"))
		return;
	id = attr(atts, "Id");
	target = attr(atts, "Target");
	if (id && target)
		cnd_strmap_put(&x->rels, id,
			       cnd_arena_strdup(&x->b->arena, target));
}

static void XMLCALL text_data(void *ud, const XML_Char *s, int len)
{
	struct xml_state *x = ud;

	if (x->in_t || x->in_v)
		cnd_buf_add(&x->text, s, (size_t)len);
}

static void XMLCALL ss_start(void *ud, const XML_Char *name,
			     const XML_Char **atts)
{
	struct xml_state *x = ud;
	const char *l = local(name);

	(void)atts;
	if (!strcmp(l, "si")) {
		x->in_si = 1;
		cnd_buf_reset(&x->text);
	} else if (!strcmp(l, "t") && x->in_si == 1) {
		x->in_t = 1;
	} else if (!strcmp(l, "rPh")) {
		x->in_si = 2; /* phonetic runs are not part of the text */
	}
}

static void XMLCALL ss_end(void *ud, const XML_Char *name)
{
	struct xml_state *x = ud;
	const char *l = local(name);

	if (!strcmp(l, "t")) {
		x->in_t = 0;
	} else if (!strcmp(l, "rPh")) {
		x->in_si = 1;
	} else if (!strcmp(l, "si")) {
		*(char **)cnd_vec_push(&x->strings) =
			cnd_xstrdup(x->text.data ? x->text.data : "");
		x->in_si = 0;
	}
}

static long column_of(const char *ref)
{
	long col = 0;

	for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++)
		col = col * 26 + (*ref - 'A' + 1);
	return col - 1;
}

static void cells_clear(struct xml_state *x)
{
	size_t i;

	for (i = 0; i < x->cells.len; i++)
		free(*(char **)cnd_vec_at(&x->cells, i));
	x->cells.len = 0;
}

static void cell_set(struct xml_state *x, long col, const char *value)
{
	while ((long)x->cells.len <= col)
		*(char **)cnd_vec_push(&x->cells) = NULL;
	free(*(char **)cnd_vec_at(&x->cells, (size_t)col));
	*(char **)cnd_vec_at(&x->cells, (size_t)col) = cnd_xstrdup(value);
}

static const char *cell(const struct xml_state *x, long col)
{
	if (col < 0 || (size_t)col >= x->cells.len)
		return NULL;
	return *(char **)cnd_vec_at(&x->cells, (size_t)col);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name,
				const XML_Char **atts)
{
	struct xml_state *x = ud;
	const char *l = local(name), *v;

	if (!strcmp(l, "row")) {
		cells_clear(x);
		v = attr(atts, "r");
		x->row = v ? strtol(v, NULL, 10) : x->row + 1;
		x->col = -1;
	} else if (!strcmp(l, "c")) {
		v = attr(atts, "r");
		x->col = v ? column_of(v) : x->col + 1;
		v = attr(atts, "t");
		snprintf(x->cell_type, sizeof(x->cell_type), "%s", v ? v : "n");
		cnd_buf_reset(&x->text);
	} else if (!strcmp(l, "v")) {
		x->in_v = 1;
	} else if (!strcmp(l, "is")) {
		x->in_is = 1;
	} else if (!strcmp(l, "t") && x->in_is) {
		x->in_t = 1;
	}
}

/* Excel's day number (days since 1899-12-30) as YYYY-MM-DD. */
static void serial_to_date(const char *v, char *out, size_t n)
{
	char *end;
	double d = strtod(v, &end);
	int64_t y;
	unsigned m, day;

	if (end == v || d < 1 || d > 2958465) {
		snprintf(out, n, "%s", v);
		return;
	}
	cnd_civil_from_days((int64_t)d + cnd_days_from_civil(1899, 12, 30), &y,
			    &m, &day);
	snprintf(out, n, "%04lld-%02u-%02u", (long long)y, m, day);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xml_state *x = ud;
	const char *l = local(name);
	const char *text = x->text.data ? x->text.data : "";

	if (!strcmp(l, "v")) {
		x->in_v = 0;
	} else if (!strcmp(l, "t")) {
		x->in_t = 0;
	} else if (!strcmp(l, "is")) {
		x->in_is = 0;
	} else if (!strcmp(l, "c") && x->col >= 0) {
		if (!strcmp(x->cell_type, "s")) {
			long i = strtol(text, NULL, 10);

			if (i >= 0 && (size_t)i < x->strings.len)
				cell_set(x, x->col,
					 *(char **)cnd_vec_at(&x->strings,
							      (size_t)i));
		} else if (!strcmp(x->cell_type, "n") &&
			   (x->col == x->c_date || x->col == x->c_expires) &&
			   x->have_header && *text) {
			char day[32];

			serial_to_date(text, day, sizeof(day));
			cell_set(x, x->col, day);
		} else {
			cell_set(x, x->col, text);
		}
		cnd_buf_reset(&x->text);
	} else if (!strcmp(l, "row")) {
		x->row_done(x);
	}
}

static long header_col(const struct xml_state *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->cells.len; i++) {
		const char *c = *(char **)cnd_vec_at(&x->cells, i);

		if (c && !strcasecmp(c, name))
			return (long)i;
	}
	return -1;
}

/* Whether the current row holds no text at all. */
static int row_blank(const struct xml_state *x)
{
	for (size_t i = 0; i < x->cells.len; i++) {
		const char *c = *(char **)cnd_vec_at(&x->cells, i);

		if (c && c[strspn(c, " \t\r\n")])
			return 0;
	}
	return 1;
}

static void findings_row(struct xml_state *x)
{
	struct cnd_baseline *b = x->b;
	struct cnd_arena *a = &b->arena;
	struct cnd_decision d;

	if (!x->have_header) {
		x->c_fp = header_col(x, "Fingerprint");
		if (x->c_fp < 0)
			return; /* not the header yet */
		x->c_rule = header_col(x, "Rule");
		x->c_subject = header_col(x, "Subject");
		x->c_evidence = header_col(x, "Evidence");
		x->c_decision = header_col(x, "Decision");
		x->c_reviewer = header_col(x, "Reviewer");
		x->c_date = header_col(x, "Date");
		x->c_note = header_col(x, "Note");
		x->c_expires = header_col(x, "Expires");
		x->have_header = 1;
		return;
	}
	if (row_blank(x))
		return; /* a row the reviewer cleared, or formatting only */
	memset(&d, 0, sizeof(d));
	d.row = (size_t)x->row;
	d.fingerprint = copy_or_null(a, cell(x, x->c_fp));
	d.rule = copy_or_null(a, cell(x, x->c_rule));
	d.subject = copy_or_null(a, cell(x, x->c_subject));
	d.evidence = copy_or_null(a, cell(x, x->c_evidence));
	d.reviewer = copy_or_null(a, cell(x, x->c_reviewer));
	d.date = copy_or_null(a, cell(x, x->c_date));
	d.note = copy_or_null(a, cell(x, x->c_note));
	set_decision(b, &d, cell(x, x->c_decision), cell(x, x->c_expires));
	add_decision(b, &d);
}

static int parse_xml(struct xml_state *x, const struct part *p,
		     XML_StartElementHandler start, XML_EndElementHandler end,
		     struct cnd_error *err)
{
	XML_Parser xp = XML_ParserCreate("UTF-8");
	int ok;

	if (!xp)
		return cnd_error_set(err, CND_FATAL, "out of memory");
	XML_SetUserData(xp, x);
	XML_SetElementHandler(xp, start, end);
	XML_SetCharacterDataHandler(xp, text_data);
	ok = XML_Parse(xp, p->data.data ? p->data.data : "",
		       (int)p->data.len, 1) == XML_STATUS_OK;
	if (!ok)
		cnd_error_set(err, CND_FATAL,
			      "cannot read baseline '%s': '%s': line %lu: %s",
			      x->b->source, p->path,
			      (unsigned long)XML_GetCurrentLineNumber(xp),
			      XML_ErrorString(XML_GetErrorCode(xp)));
	XML_ParserFree(xp);
	return ok ? CND_OK : CND_FATAL;
}

static int load_xlsx(struct cnd_baseline *b, const char *path,
		     struct cnd_error *err)
{
	struct cnd_limits lim;
	struct cnd_input *in = NULL;
	struct cnd_input_visitor v = { 0 };
	struct parts ps;
	struct xml_state x;
	const struct part *p;
	size_t i;
	int r = CND_OK;

	memset(&ps, 0, sizeof(ps));
	memset(&x, 0, sizeof(x));
	cnd_vec_init(&ps.list, sizeof(struct part));
	cnd_vec_init(&x.sheet_rids, sizeof(char *));
	cnd_vec_init(&x.strings, sizeof(char *));
	cnd_vec_init(&x.cells, sizeof(char *));
	cnd_strmap_init(&x.rels);
	cnd_buf_init(&x.text);
	x.b = b;
	cnd_limits_default(&lim);
	lim.member_max = PART_MAX;
	r = cnd_input_open(&in, path, &lim, err);
	if (r != CND_OK)
		goto out;
	v.ud = &ps;
	v.want = want_part;
	v.member = read_part;
	r = cnd_input_walk(in, &v, err);
	if (r >= CND_FAILED || ps.failed) {
		r = cnd_error_set(err, CND_FATAL,
				  "cannot read baseline '%.200s' as a workbook: %.250s",
				  b->source,
				  ps.failed ? ps.message : err->message);
		goto out;
	}
	r = CND_FATAL;
	p = find_part(&ps, "xl/workbook.xml");
	if (!p) {
		cnd_error_set(err, CND_FATAL,
			      "baseline '%s' is not a workbook (no xl/workbook.xml)",
			      b->source);
		goto out;
	}
	if (parse_xml(&x, p, wb_start, NULL, err))
		goto out;
	p = find_part(&ps, "xl/_rels/workbook.xml.rels");
	if (!p || parse_xml(&x, p, rels_start, NULL, err)) {
		if (!p)
			cnd_error_set(err, CND_FATAL,
				      "baseline '%s' has no workbook relationships",
				      b->source);
		goto out;
	}
	p = find_part(&ps, "xl/sharedStrings.xml");
	if (p && parse_xml(&x, p, ss_start, ss_end, err))
		goto out;
	if (!x.sheet_rids.len) {
		cnd_error_set(err, CND_FATAL,
			      "baseline '%s' has no Findings sheet", b->source);
		goto out;
	}
	x.row_done = findings_row;
	for (i = 0; i < x.sheet_rids.len; i++) {
		const char *target = cnd_strmap_get(
			&x.rels, *(char **)cnd_vec_at(&x.sheet_rids, i));
		char full[512];

		if (!target)
			continue;
		if (target[0] == '/')
			snprintf(full, sizeof(full), "%s", target + 1);
		else
			snprintf(full, sizeof(full), "xl/%s", target);
		p = find_part(&ps, full);
		if (!p)
			continue;
		x.have_header = 0;
		x.c_date = x.c_expires = -1;
		if (parse_xml(&x, p, sheet_start, sheet_end, err))
			goto out;
		if (!x.have_header) {
			cnd_error_set(err, CND_FATAL,
				      "baseline '%s': the Findings sheet has no Fingerprint column",
				      b->source);
			goto out;
		}
	}
	r = CND_OK;
out:
	for (i = 0; i < ps.list.len; i++) {
		struct part *pp = cnd_vec_at(&ps.list, i);

		free((char *)pp->path);
		cnd_buf_release(&pp->data);
	}
	cnd_vec_release(&ps.list);
	for (i = 0; i < x.sheet_rids.len; i++)
		free(*(char **)cnd_vec_at(&x.sheet_rids, i));
	for (i = 0; i < x.strings.len; i++)
		free(*(char **)cnd_vec_at(&x.strings, i));
	cells_clear(&x);
	cnd_vec_release(&x.sheet_rids);
	cnd_vec_release(&x.strings);
	cnd_vec_release(&x.cells);
	cnd_strmap_release(&x.rels);
	cnd_buf_release(&x.text);
	cnd_input_free(in);
	return r;
}

int cnd_baseline_load(struct cnd_baseline **out, const char *path,
		      void (*problem_fn)(void *ud, const char *msg), void *ud,
		      struct cnd_error *err)
{
	struct cnd_baseline *b = cnd_xcalloc(1, sizeof(*b));
	unsigned char magic[2] = { 0 };
	FILE *f;
	int r;

	*out = NULL;
	cnd_arena_init(&b->arena);
	cnd_vec_init(&b->decisions, sizeof(struct cnd_decision));
	cnd_strmap_init(&b->by_fp);
	b->source = cnd_arena_strdup(&b->arena, cnd_path_base(path));
	b->problem = problem_fn;
	b->ud = ud;
	f = fopen(path, "rb");
	if (!f) {
		cnd_baseline_free(b);
		return cnd_error_set(err, CND_FATAL,
				     "cannot open baseline '%s'", cnd_path_base(path));
	}
	if (fread(magic, 1, 2, f) == 2 && magic[0] == 'P' && magic[1] == 'K') {
		fclose(f);
		r = load_xlsx(b, path, err);
	} else {
		struct cnd_buf data = CND_BUF_INIT;
		char chunk[65536];
		size_t got;

		rewind(f);
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
		       data.len < PART_MAX)
			cnd_buf_add(&data, chunk, got);
		fclose(f);
		r = load_json(b, data.data ? data.data : "", data.len, err);
		cnd_buf_release(&data);
	}
	if (r != CND_OK) {
		cnd_baseline_free(b);
		return r;
	}
	*out = b;
	return b->warned ? CND_WARN : CND_OK;
}

void cnd_baseline_free(struct cnd_baseline *b)
{
	if (!b)
		return;
	cnd_vec_release(&b->decisions);
	cnd_strmap_release(&b->by_fp);
	cnd_arena_release(&b->arena);
	free(b);
}

size_t cnd_baseline_count(const struct cnd_baseline *b)
{
	return b->decisions.len;
}

const struct cnd_decision *cnd_baseline_at(const struct cnd_baseline *b,
					   size_t i)
{
	return cnd_vec_at(&b->decisions, i);
}

const struct cnd_decision *cnd_baseline_find(const struct cnd_baseline *b,
					     const char *fingerprint)
{
	uintptr_t i = (uintptr_t)cnd_strmap_get(&b->by_fp, fingerprint);

	return i ? cnd_vec_at(&b->decisions, i - 1) : NULL;
}

const char *cnd_baseline_source(const struct cnd_baseline *b)
{
	return b->source;
}

const char *cnd_baseline_state_name(int state)
{
	static const char *const names[] = { NULL, "new", "unchanged",
					     "expired", "dismissed" };

	return state > 0 && state <= CND_BASELINE_DISMISSED ? names[state] :
							       NULL;
}

void cnd_run_apply_baseline(struct cnd_run *run, const struct cnd_baseline *b,
			    int show_dismissed)
{
	struct cnd_strmap seen;
	size_t i, kept = 0;

	cnd_strmap_init(&seen);
	run->baseline_file = b->source;
	if (!run->absent.size)
		cnd_vec_init(&run->absent, sizeof(const struct cnd_decision *));
	for (i = 0; i < run->findings.len; i++) {
		struct cnd_finding *f = cnd_run_finding(run, i);
		const struct cnd_decision *d =
			cnd_baseline_find(b, f->fingerprint);

		f->review = d;
		if (d)
			cnd_strmap_put(&seen, f->fingerprint, (void *)1);
		if (!d) {
			f->baseline = CND_BASELINE_NEW;
		} else if (d->kind == CND_DECISION_DISMISSED ||
			   d->kind == CND_DECISION_FALSE_POSITIVE) {
			f->baseline = CND_BASELINE_DISMISSED;
			if (!show_dismissed) {
				/* not raised again, but its decision is
				   listed with the absent ones so the next
				   baseline still holds it */
				cnd_strmap_put(&seen, f->fingerprint,
					       (void *)2);
				continue;
			}
		} else if (d->kind == CND_DECISION_DOCUMENTED &&
			   d->expires != CND_TIME_NONE &&
			   d->expires < run->opt.generated_at) {
			f->baseline = CND_BASELINE_EXPIRED;
		} else {
			f->baseline = CND_BASELINE_UNCHANGED;
		}
		if (kept != i)
			*cnd_run_finding(run, kept) = *f;
		kept++;
	}
	run->findings.len = kept;
	for (i = 0; i < b->decisions.len; i++) {
		const struct cnd_decision *d = cnd_vec_at(&b->decisions, i);

		if ((uintptr_t)cnd_strmap_get(&seen, d->fingerprint) != 1)
			*(const struct cnd_decision **)cnd_vec_push(
				&run->absent) = d;
	}
	cnd_strmap_release(&seen);
}
