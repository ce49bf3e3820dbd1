/*
 * The CSV export of the findings (`conduct scan --csv FILE`), for other
 * tools and spreadsheets: one header line and one line per finding, in run
 * order, with the same facts as the workbook's Findings sheet (and the
 * baseline state and carried decision of the review cycle). The file is
 * RFC 4180: UTF-8 without a byte order mark, CRLF line ends, every field
 * that holds a comma, a double quote, CR or LF enclosed in double quotes
 * with its quotes doubled. It is safe against formula injection, as OWASP
 * recommends for CSV: a field whose text begins with "=", "+", "-", "@",
 * a tab or a carriage return, which a spreadsheet would take for a formula,
 * gets a leading apostrophe ("'=HYPERLINK(...)"), so a post's text can
 * never run as a formula when the file is opened. Bytes that are not
 * valid UTF-8 become U+FFFD. Like the other writers it reads a finished
 * run and recomputes nothing.
 *
 * A heavy review is tens of thousands of lines, so a line costs little: a
 * field is scanned eight bytes at a time and copied in runs into room made
 * once; what is the same on every line of a rule (its title and joined
 * citations) or of an archive (subject and file) is escaped once and
 * copied; lines are written 64 KiB at a time.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/base/swar.h"
#include "conduct/review/baseline.h"
#include "conduct/report/report.h"
#include "conduct/rules/rule.h"
#include "conduct/config/standards.h"
#include "conduct/text/unicode.h"
#include "conduct/base/timeutil.h"

#include "cites.h"
#include "csvout.h"
#include "jsonout.h"

static const char *const csv_header[] = {
	"fingerprint", "severity",   "rule",	     "title",
	"confidence",  "subject",    "archive",	     "platform",
	"time_utc",    "time_local", "in_period",    "record_kind",
	"record_id",   "matched",    "client",	     "evidence",
	"member",      "item",	     "citations",    "baseline",
	"decision",    "reviewer",   "date",	     "note",
	"expires",     NULL,
};

/* The ASCII bytes that make a field quoted: , " CR LF. */
static const unsigned char ascii_class[128] = {
	[','] = 1, ['\r'] = 1, ['\n'] = 1, ['"'] = 1,
};

static inline int quotes_field(unsigned c)
{
	return c < 0x80 && (ascii_class[c] & 1);
}

/* The flags of the bytes of x that are one of quotes_field()
   (conduct/base/swar.h). */
static inline uint64_t quote_stop8(uint64_t x)
{
	return cnd_swar_eq(x, '"') | cnd_swar_eq(x, ',') |
	       cnd_swar_eq(x, '\r') | cnd_swar_eq(x, '\n');
}

/* ... and those of 0x80 and above too. */
static inline uint64_t open_stop8(uint64_t x)
{
	return (x & CND_SWAR_HIGH) | quote_stop8(x);
}

static inline int open_stop(unsigned char c)
{
	return c >= 0x80 || ascii_class[c];
}

/* The double quote and the bytes of 0x80 and above. */
static inline uint64_t body_stop8(uint64_t x)
{
	return (x & CND_SWAR_HIGH) | cnd_swar_eq(x, '"');
}

static inline int body_stop(unsigned char c)
{
	return c >= 0x80 || c == '"';
}

static inline int quote_stop(unsigned char c)
{
	return quotes_field(c);
}

/*
 * The length of the run of s[0..n) before its first byte that stop()
 * takes, found eight bytes at a time with stop8() (the test is exact: a
 * group that passes holds none of them) and then one at a time in the
 * group that has one. The last bytes of a field of eight or more are
 * tested as the group that ends it (overlapping the bytes already passed
 * over).
 */
static inline size_t run_to(const unsigned char *s, size_t n,
			    uint64_t (*stop8)(uint64_t),
			    int (*stop)(unsigned char))
{
	size_t i = 0;

	while (i + 8 <= n && !stop8(cnd_swar_load(s + i)))
		i += 8;
	if (i + 8 > n && n >= 8 && !stop8(cnd_swar_load(s + n - 8)))
		return n;
	while (i < n && !stop(s[i]))
		i++;
	return i;
}

/* The opening run of a field, copied as it is: ASCII with no byte of
   quotes_field(). */
static inline size_t open_run(const unsigned char *s, size_t n)
{
	return run_to(s, n, open_stop8, open_stop);
}

/* The run of a field already judged that copies as it is: ASCII but the
   double quote. */
static inline size_t body_run(const unsigned char *s, size_t n)
{
	return run_to(s, n, body_stop8, body_stop);
}

/* Whether s[0..n) holds a byte that makes its field quoted. */
static int needs_quotes(const unsigned char *s, size_t n)
{
	return run_to(s, n, quote_stop8, quote_stop) < n;
}

void cnd_csv_put(struct cnd_buf *b, const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i, run;
	char *w;
	int quote;

	if (n == 0)
		return;
	/* the most it can take: quotes, an apostrophe, and every byte made
	   three (U+FFFD for an invalid one; a quote is only doubled) */
	if (b->len + 3 * n + 4 > b->cap)
		cnd_buf_grow(b, 3 * n + 3);
	w = b->data + b->len;
	i = open_run(s, n);
	quote = i < n && (quotes_field(s[i]) || needs_quotes(s + i, n - i));
	if (quote)
		*w++ = '"';
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r')
		*w++ = '\'';
	memcpy(w, s, i);
	w += i;
	while (i < n) {
		if (s[i] == '"') {
			*w++ = '"';
			*w++ = '"';
			i++;
		} else if (s[i] >= 0x80) {
			int32_t cp;
			size_t len = cnd_utf8_step(s + i, n - i, &cp);

			if (cp < 0) {
				memcpy(w, "\xef\xbf\xbd", 3);
				w += 3;
			} else {
				memcpy(w, s + i, len);
				w += len;
			}
			i += len;
		} else {
			*w++ = (char)s[i++]; /* , CR or LF: quoted already */
		}
		run = body_run(s + i, n - i);
		memcpy(w, s + i, run);
		w += run;
		i += run;
	}
	if (quote)
		*w++ = '"';
	*w = '\0';
	b->len = (size_t)(w - b->data);
}

/* A comma, then s as a field (NULL: an empty one). */
static void csv_field(struct cnd_buf *b, const char *s)
{
	if (b->len + 2 > b->cap)
		cnd_buf_grow(b, 1);
	b->data[b->len++] = ',';
	b->data[b->len] = '\0';
	if (s)
		cnd_csv_put(b, s, strlen(s));
}

/*
 * What is the same on every line of a rule, as written: ",rule,title"
 * and ",citations". A heavy review is thousands of findings of a few
 * rules, and their title and joined citations, the longest fields after
 * the evidence, were escaped anew on every line.
 */
#define CSV_RULES_KEPT 64 /* rules kept; the lines of more are escaped */

struct csv_rule {
	const char *rule;
	struct cnd_buf head, cites;
};

struct csv_cache {
	struct cnd_cites cites;
	struct csv_rule rule[CSV_RULES_KEPT], spill;
	size_t n, last;
	size_t archive; /* whose ",subject,archive" is in who */
	struct cnd_buf who;
	int64_t time; /* whose fields are in utc and local */
	char utc[64], local[64];
};

static void rule_fill(struct csv_cache *c, struct csv_rule *r,
		      const char *id)
{
	const struct cnd_rule *rule = cnd_rule_find(id);

	r->rule = id;
	cnd_buf_reset(&r->head);
	cnd_buf_reset(&r->cites);
	csv_field(&r->head, id);
	csv_field(&r->head, rule ? rule->title : id);
	csv_field(&r->cites, cnd_cites_get(&c->cites, id));
}

static const struct csv_rule *rule_of(struct csv_cache *c, const char *id)
{
	size_t i;

	if (c->n && (c->rule[c->last].rule == id ||
		     strcmp(c->rule[c->last].rule, id) == 0))
		return &c->rule[c->last];
	for (i = 0; i < c->n; i++)
		if (strcmp(c->rule[i].rule, id) == 0)
			return &c->rule[c->last = i];
	if (i == CSV_RULES_KEPT) {
		rule_fill(c, &c->spill, id);
		return &c->spill;
	}
	cnd_buf_init(&c->rule[i].head);
	cnd_buf_init(&c->rule[i].cites);
	rule_fill(c, &c->rule[i], id);
	c->last = i;
	c->n++;
	return &c->rule[i];
}

static void cache_init(struct csv_cache *c, const struct cnd_policy *policy)
{
	memset(c, 0, sizeof(*c));
	cnd_cites_init(&c->cites, policy, "; ");
	cnd_buf_init(&c->spill.head);
	cnd_buf_init(&c->spill.cites);
	cnd_buf_init(&c->who);
	c->archive = SIZE_MAX;
	c->time = CND_TIME_NONE;
}

static void cache_release(struct csv_cache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		cnd_buf_release(&c->rule[i].head);
		cnd_buf_release(&c->rule[i].cites);
	}
	cnd_buf_release(&c->spill.head);
	cnd_buf_release(&c->spill.cites);
	cnd_buf_release(&c->who);
	cnd_cites_release(&c->cites);
}

static void csv_bytes(struct cnd_buf *b, const struct cnd_buf *piece)
{
	jo_put(b, piece->data, piece->len);
}

static void csv_end(struct cnd_buf *b)
{
	jo_put(b, "\r\n", 2);
}

/* The fields of one finding, in csv_header's order. */
static void csv_finding(struct cnd_buf *b, const struct cnd_finding *f,
			size_t archive, const struct cnd_archive *a,
			struct csv_cache *c)
{
	const struct csv_rule *rule = rule_of(c, f->rule);
	const struct cnd_decision *d = f->review;
	char item[24], *p, day[32];

	cnd_csv_put(b, f->fingerprint, strlen(f->fingerprint));
	csv_field(b, cnd_severity_name(f->severity));
	csv_bytes(b, &rule->head);
	csv_field(b, cnd_confidence_name(f->confidence));
	if (c->archive != archive) {
		cnd_buf_reset(&c->who);
		csv_field(&c->who, a->subject);
		csv_field(&c->who, a->file);
		c->archive = archive;
	}
	csv_bytes(b, &c->who);
	csv_field(b, f->platform);
	if (f->time != c->time) {
		c->utc[0] = c->local[0] = '\0';
		if (f->time != CND_TIME_NONE) {
			cnd_time_format_utc(f->time, c->utc, sizeof(c->utc));
			cnd_time_format_local(f->time, c->local,
					      sizeof(c->local));
		}
		c->time = f->time;
	}
	csv_field(b, c->utc);
	csv_field(b, c->local);
	if (f->in_period)
		jo_put(b, ",yes", 4);
	else
		jo_put(b, ",no", 3);
	csv_field(b, f->record_kind);
	csv_field(b, f->record_id);
	csv_field(b, f->matched);
	csv_field(b, f->client);
	csv_field(b, f->evidence);
	csv_field(b, f->prov.member);
	p = item + sizeof(item);
	*--p = '\0';
	if (f->prov.item >= 0) {
		unsigned long long v = (unsigned long long)f->prov.item;

		do
			*--p = (char)('0' + v % 10);
		while (v /= 10);
	}
	csv_field(b, p);
	csv_bytes(b, &rule->cites);
	csv_field(b, cnd_baseline_state_name(f->baseline));
	csv_field(b, !d || !d->decision ? NULL :
		  cnd_decision_parse(d->decision) >= 0 ?
				       cnd_decision_name(d->kind) :
				       d->decision);
	csv_field(b, d ? d->reviewer : NULL);
	csv_field(b, d ? d->date : NULL);
	csv_field(b, d ? d->note : NULL);
	day[0] = '\0';
	if (d && d->expires != CND_TIME_NONE) {
		cnd_time_format_utc(d->expires, day, sizeof(day));
		day[10] = '\0';
	}
	csv_field(b, day);
	csv_end(b);
}

/* Lines are gathered up to this many bytes before they are written. */
#define CSV_FLUSH_AT 65536

/* Write the lines in b and empty it; 0, or -1 on a write error. */
static int csv_flush(struct cnd_buf *b, FILE *fp)
{
	int rc = 0;

	if (b->len && fwrite(b->data, 1, b->len, fp) != b->len)
		rc = -1;
	cnd_buf_reset(b);
	return rc;
}

static int csv_write(const struct cnd_run *run, const char *path,
		     struct cnd_error *err)
{
	struct cnd_buf lines = CND_BUF_INIT;
	struct csv_cache cache;
	FILE *fp;
	int rc = CND_OK;

	fp = cnd_report_open_temp(path);
	if (!fp)
		return cnd_error_set(err, CND_FATAL, "%s", strerror(errno));
	cache_init(&cache, run->opt.policy);
	errno = 0;
	for (size_t i = 0; csv_header[i]; i++)
		if (i)
			csv_field(&lines, csv_header[i]);
		else
			cnd_csv_put(&lines, csv_header[i],
				    strlen(csv_header[i]));
	csv_end(&lines);
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);

		if (f->archive >= run->archives.len) {
			rc = cnd_error_set(err, CND_FATAL,
					   "finding %zu refers to no archive",
					   i);
			goto out_close;
		}
		csv_finding(&lines, f, f->archive,
			    cnd_run_archive(run, f->archive), &cache);
		if (lines.len >= CSV_FLUSH_AT && csv_flush(&lines, fp))
			goto out_write;
	}
	if (csv_flush(&lines, fp) == 0 && fflush(fp) == 0 && !ferror(fp))
		goto out_close;
out_write:
	rc = cnd_error_set(err, CND_FATAL, "%s",
			   errno ? strerror(errno) : "write error");
out_close:
	if (fclose(fp) != 0 && rc == CND_OK)
		rc = cnd_error_set(err, CND_FATAL, "%s", strerror(errno));
	cnd_buf_release(&lines);
	cache_release(&cache);
	return rc;
}

const struct cnd_writer cnd_writer_csv = { "csv", "csv", csv_write };
