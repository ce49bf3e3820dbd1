/*
 * What the readers of Meta's HTML exports share (meta_html.h): the page
 * loop on the streamed HTML reader, local dates in the export's zone with
 * one report per page for those that cannot be read, labelled fields, and
 * the rule that a page with a JSON twin in the same archive is left to the
 * JSON (the richer format: epoch times, EXIF, ids).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/base/geo.h"
#include "conduct/model/record.h"
#include "conduct/text/text.h"
#include "conduct/base/timelocal.h"
#include "meta.h"
#include "meta_html.h"

struct page_run {
	struct cnd_meta_page pg;
	struct cnd_html_reader r;
	cnd_meta_page_fn fn;
	int no_data; /* a block said the section is empty */
};

static long pull(void *ctx, void *buf, unsigned long n)
{
	return (long)cnd_scan_read(ctx, buf, n);
}

/*
 * A block that only says the section is empty ("You have no data in this
 * section", in the export's language): not an entry.
 */
static int is_no_data(struct cnd_scan *s, const struct cnd_html_entry *e)
{
	static const char *const phrases[] = {
		"no data", "keine daten", "aucune donnee", "pas de donnees",
		"no hay datos", "sin datos", "nessun dato", "nenhum dado",
		"nao ha dados", NULL
	};
	const char *t = e->text ? e->text : e->header;
	char *low;
	size_t i;

	if (!t || e->n_links || e->n_media || e->n_fields || e->date ||
	    strlen(t) > 120)
		return 0;
	low = cnd_text_fold(cnd_scan_scratch(s), t, strlen(t));
	for (i = 0; phrases[i]; i++)
		if (strstr(low, phrases[i]))
			return 1;
	return 0;
}

static int on_entry(void *ud, const struct cnd_html_entry *e)
{
	struct page_run *p = ud;
	int r;

	p->pg.title = p->r.title;
	if (is_no_data(p->pg.s, e)) {
		p->no_data = 1;
		return CND_OK;
	}
	cnd_scan_entry(p->pg.s);
	r = p->fn(&p->pg, e);
	cnd_arena_reset(cnd_scan_scratch(p->pg.s));
	return r >= CND_FATAL ? CND_FATAL : CND_OK;
}

static void on_problem(void *ud, int status, const char *message)
{
	struct page_run *p = ud;

	cnd_scan_diag(p->pg.s, status, -1, "%s", message);
}

/* The member's path with .html replaced by .json, in scratch. */
static const char *json_twin(struct cnd_scan *s, const char *path)
{
	size_t n = strlen(path);

	if (n < 5 || strcmp(path + n - 5, ".html"))
		return NULL;
	return cnd_arena_printf(cnd_scan_scratch(s), "%.*s.json",
				(int)(n - 5), path);
}

int cnd_meta_html_page(struct cnd_scan *s, cnd_meta_page_fn fn,
		       const void *arg, void *user)
{
	struct page_run p;
	struct cnd_error err;
	const char *twin = json_twin(s, cnd_scan_member(s));
	int ret;

	if (twin && cnd_scan_has_member(s, twin)) {
		cnd_scan_note(s,
			      "read from its JSON twin '%s' (the export holds both formats): this page is not read",
			      twin);
		return CND_OK;
	}
	memset(&p, 0, sizeof(p));
	p.pg.s = s;
	p.pg.arg = arg;
	p.pg.user = user;
	p.pg.member = cnd_scan_member(s);
	p.pg.title = p.r.title;
	p.fn = fn;
	p.r.fn = on_entry;
	p.r.problem = on_problem;
	p.r.ud = &p;
	p.r.helpers = cnd_scan_helpers(s);
	cnd_error_clear(&err);
	ret = cnd_html_read_pull(pull, s, &p.r, &err);
	if (ret == CND_FAILED && err.message[0])
		cnd_scan_diag(s, CND_FAILED, -1, "%s", err.message);
	if (!p.r.has_main && ret < CND_FAILED)
		cnd_scan_diag(s, CND_FAILED, -1,
			      "page has no main region (role=\"main\"), so not the shape of Meta's pages: its entries could not be found and cannot be reviewed");
	if (p.r.entries && !cnd_scan_fact(s, "meta.html.zone")) {
		const struct cnd_zone *z = cnd_scan_export_zone(s);
		const char *name = z ? cnd_zone_name(z) : "UTC";

		cnd_scan_learn(s, "meta.html.zone", name, 0);
		cnd_scan_note(s,
			      "the export's HTML pages write local times with no zone: read as %s (assumed; --export-tz), and findings on them say so",
			      name);
	}
	if (p.no_data)
		cnd_scan_note(s, "the page says the section holds no data");
	else if (p.r.has_main && !p.r.entries && ret < CND_FAILED)
		cnd_scan_diag(s, CND_WARN, -1,
			      "page has a main region but no entry blocks in it: nothing could be read from it");
	if (p.pg.bad_dates)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%lld date%s could not be read (the first: '%s'): those records are kept without a time",
			      p.pg.bad_dates, p.pg.bad_dates == 1 ? "" : "s",
			      p.pg.first_bad);
	if (p.pg.no_dates)
		cnd_scan_diag(s, CND_WARN, -1,
			      "%lld entr%s with no date: kept without a time",
			      p.pg.no_dates, p.pg.no_dates == 1 ? "y" : "ies");
	return ret >= CND_FATAL ? CND_FATAL : CND_OK;
}

int cnd_meta_html_is_date(const char *text)
{
	int64_t wall;

	return text && !cnd_time_parse_wall(text, &wall);
}

int64_t cnd_meta_html_time(struct cnd_meta_page *pg, const char *text)
{
	const struct cnd_zone *z = cnd_scan_export_zone(pg->s);
	int64_t wall;

	if (!text || !*text) {
		pg->no_dates++;
		return CND_TIME_NONE;
	}
	if (cnd_time_parse_wall(text, &wall)) {
		if (!pg->bad_dates++)
			snprintf(pg->first_bad, sizeof(pg->first_bad), "%s",
				 text);
		return CND_TIME_NONE;
	}
	return z ? cnd_zone_to_utc(z, wall) : wall;
}

int64_t cnd_meta_html_when(struct cnd_meta_page *pg,
			   const struct cnd_html_entry *e)
{
	size_t i;

	if (e->date)
		return cnd_meta_html_time(pg, e->date);
	for (i = e->n_lines; i-- > 0;)
		if (cnd_meta_html_is_date(e->lines[i]))
			return cnd_meta_html_time(pg, e->lines[i]);
	/* a last line with figures after the first: a date not understood */
	if (e->n_lines >= 2 && strlen(e->lines[e->n_lines - 1]) <= 64 &&
	    strpbrk(e->lines[e->n_lines - 1], "0123456789"))
		return cnd_meta_html_time(pg, e->lines[e->n_lines - 1]);
	if (!pg->dates_optional)
		pg->no_dates++;
	return CND_TIME_NONE;
}

const char *cnd_meta_html_field(const struct cnd_html_entry *e,
				const char *const *labels)
{
	size_t i, j;

	for (j = 0; labels[j]; j++)
		for (i = 0; i < e->n_fields; i++)
			if (!strcmp(e->fields[i].label, labels[j]))
				return *e->fields[i].value ? e->fields[i].value
							   : NULL;
	return NULL;
}

/* --- Coordinates --- */

static const char *const lbl_lat[] = { "Latitude", "Breitengrad", "Latitud",
				       "Latitudine", "Breddegrad", NULL };
static const char *const lbl_lon[] = { "Longitude", "L\u00e4ngengrad",
				       "Longitud", "Longitudine",
				       "L\u00e6ngdegrad", NULL };

int cnd_meta_html_coord_text(struct cnd_arena *a, const char *text,
			     double *lat, double *lon)
{
	const char *p = text, *colon;
	char *t;
	size_t n;

	if (!text || !strpbrk(text, "0123456789") || !strchr(text, ','))
		return -1;
	if (!cnd_geo_parse(text, lat, lon))
		return 0;
	colon = strrchr(text, ':');
	if (colon)
		p = colon + 1;
	p += strspn(p, " (");
	t = cnd_arena_strdup(a, p);
	n = strlen(t);
	while (n && (t[n - 1] == ')' || t[n - 1] == ' '))
		t[--n] = '\0';
	return cnd_geo_parse(t, lat, lon) ? -1 : 0;
}

int cnd_meta_html_coord(struct cnd_arena *a, const struct cnd_html_entry *e,
			int lines, double *lat, double *lon)
{
	const char *y = cnd_meta_html_field(e, lbl_lat);
	const char *x = cnd_meta_html_field(e, lbl_lon);
	int found = -1;
	size_t i;

	if (y && x)
		found = cnd_meta_html_coord_text(
				a, cnd_arena_printf(a, "%s, %s", y, x), lat,
				lon) ? 1 : 0;
	for (i = 0; found < 0 && i < e->n_fields; i++)
		found = cnd_meta_html_coord_text(a, e->fields[i].value, lat,
						 lon);
	for (i = 0; lines && found < 0 && i < e->n_lines; i++)
		found = cnd_meta_html_coord_text(a, e->lines[i], lat, lon);
	if (found < 0)
		return -1;
	return found == 0 && cnd_geo_valid(*lat, *lon) ? 0 : 1;
}

/* --- Message threads --- */

struct thread {
	const char *conv; /* "inbox/<thread>", as the JSON's thread_path */
	struct cnd_account others[16];
	size_t n_others;
	int have_parts;
	int request;
};

/* A reaction line of a message: "❤️ Alex (Oct 13, 2024 1:23 pm)". */
static int is_reaction(struct cnd_arena *a, const char *line)
{
	size_t n = strlen(line);
	const char *open = strrchr(line, '(');

	if (!n || line[n - 1] != ')' || !open)
		return 0;
	return cnd_meta_html_is_date(cnd_arena_strndup(
		a, open + 1, (size_t)(line + n - 1 - (open + 1))));
}

static void add_other(struct cnd_scan *s, struct thread *t, const char *name)
{
	struct cnd_meta_own *own = cnd_scan_state(s);
	size_t i;

	if (!name || !*name || cnd_meta_is_own(own, name) ||
	    t->n_others == sizeof(t->others) / sizeof(t->others[0]))
		return;
	for (i = 0; i < t->n_others; i++)
		if (!strcmp(t->others[i].name, name))
			return;
	memset(&t->others[t->n_others], 0, sizeof(t->others[0]));
	t->others[t->n_others++].name =
		cnd_arena_strdup(cnd_scan_arena(s), name);
}

/*
 * "<conv>#<member>:<index>", the message's id: built by hand, as printf
 * would cost more than the rest of the message's reading.
 */
static const char *message_id(struct cnd_arena *a, const char *conv,
			      const char *member, long long index)
{
	size_t nc = strlen(conv), nm = strlen(member), nd = 0;
	char digits[24], *id, *p;
	unsigned long long v = index < 0 ? 0ULL - (unsigned long long)index
					 : (unsigned long long)index;

	do
		digits[nd++] = (char)('0' + v % 10);
	while ((v /= 10));
	if (index < 0)
		digits[nd++] = '-';
	p = id = cnd_arena_alloc(a, nc + nm + nd + 3);
	memcpy(p, conv, nc);
	p += nc;
	*p++ = '#';
	memcpy(p, member, nm);
	p += nm;
	*p++ = ':';
	while (nd)
		*p++ = digits[--nd];
	*p = '\0';
	return id;
}

static int message(struct cnd_meta_page *pg, const struct cnd_html_entry *e)
{
	struct thread *t = pg->user;
	struct cnd_scan *s = pg->s;
	struct cnd_arena *sc = cnd_scan_scratch(s);
	struct cnd_meta_own *own = cnd_scan_state(s);
	struct cnd_record r = { 0 };
	struct cnd_buf b = CND_BUF_INIT;
	const char *p;
	size_t i, j;
	p = e->text && !strncasecmp(e->text, "Participants:", 13) ? e->text + 13
								   : NULL;
	if (p || (!e->date && !e->header)) {
		/* a thread header block: "Participants: A, B" */
		while (p && *p) {
			size_t n;

			p += strspn(p, " ");
			n = strcspn(p, ",\n");
			add_other(s, t, cnd_arena_strndup(sc, p, n));
			p += n;
			p += *p ? 1 : 0;
			t->have_parts = 1;
		}
		return CND_OK;
	}
	if (!t->have_parts && !t->n_others && *pg->title)
		add_other(s, t, pg->title);
	for (i = 0; i < e->n_lines; i++) {
		const char *l = e->lines[i];
		int link_text = 0;

		for (j = 0; j < e->n_links; j++)
			if (!strcmp(l, e->links[j].text) &&
			    strstr(e->links[j].href, "://"))
				link_text = 1;
		if (link_text || is_reaction(sc, l))
			continue;
		if (b.len)
			cnd_buf_addc(&b, '\n');
		cnd_buf_adds(&b, l);
	}
	r.kind = CND_REC_MESSAGE;
	r.time = cnd_meta_html_when(pg, e);
	r.text = b.len ? cnd_arena_strndup(sc, b.data, b.len)
		       : e->n_links ? e->links[0].href : NULL;
	cnd_buf_release(&b);
	r.outgoing = cnd_meta_is_own(own, e->header);
	if (!r.outgoing)
		r.counterpart.name = e->header;
	else if (t->n_others == 1)
		r.counterpart = t->others[0];
	r.participants = t->others;
	r.n_participants = t->n_others;
	r.conversation = t->conv;
	r.label = t->request ? "message-request" : NULL;
	r.id = message_id(sc, t->conv, pg->member, e->index);
	r.prov.member = pg->member;
	r.prov.item = e->index;
	return cnd_emit(s, &r);
}

int cnd_meta_html_thread(struct cnd_scan *s, const char *own_file,
			 int request)
{
	const char *member = cnd_scan_member(s), *p, *end;
	struct thread t;

	memset(&t, 0, sizeof(t));
	/* "…/messages/inbox/<thread>/message_1.html" → "inbox/<thread>" */
	p = strstr(member, "messages/");
	p = p ? p + 9 : member;
	end = strrchr(member, '/');
	t.conv = cnd_arena_strndup(cnd_scan_arena(s), p,
				   end > p ? (size_t)(end - p) : strlen(p));
	t.request = request;
	cnd_meta_own_unknown(s, cnd_scan_state(s), own_file);
	return cnd_meta_html_page(s, message, NULL, &t);
}
