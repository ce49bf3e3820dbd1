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
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/review/baseline.h"
#include "conduct/report/report.h"
#include "conduct/rules/rule.h"
#include "conduct/config/standards.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

#include "cites.h"

static const char *const csv_header[] = {
	"fingerprint", "severity",   "rule",	     "title",
	"confidence",  "subject",    "archive",	     "platform",
	"time_utc",    "time_local", "in_period",    "record_kind",
	"record_id",   "matched",    "client",	     "evidence",
	"member",      "item",	     "citations",    "baseline",
	"decision",    "reviewer",   "date",	     "note",
	"expires",     NULL,
};

/*
 * Append one field to b (after a comma unless first): quoted when RFC 4180
 * needs it, with an apostrophe before text a spreadsheet would read as a
 * formula. NULL is an empty field.
 */
static void csv_field(struct cnd_buf *b, const char *s, int first)
{
	const unsigned char *p, *end, *run;
	size_t n;
	int quote;

	if (!first)
		cnd_buf_addc(b, ',');
	if (!s || !*s)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		cnd_buf_addc(b, '"');
	if (strchr("=+-@\t\r", s[0]))
		cnd_buf_addc(b, '\'');
	end = (const unsigned char *)s + strlen(s);
	/* an ASCII run, eight bytes at a time, needs only its quotes doubled */
	p = (const unsigned char *)s;
	while (end - p >= 8) {
		uint64_t v;

		memcpy(&v, p, 8);
		if (v & 0x8080808080808080ULL)
			break;
		p += 8;
	}
	while (p < end && *p < 0x80)
		p++;
	for (run = (const unsigned char *)s;;) {
		const unsigned char *q = memchr(run, '"', (size_t)(p - run));

		if (!q)
			break;
		cnd_buf_add(b, run, (size_t)(q - run) + 1);
		cnd_buf_addc(b, '"');
		run = q + 1;
	}
	while (p < end) {
		int32_t cp;

		if (*p < 0x80 && *p != '"') {
			p++; /* plain ASCII: copied with its run below */
			continue;
		}
		cnd_buf_add(b, run, (size_t)(p - run));
		if (*p == '"') {
			cnd_buf_adds(b, "\"\"");
			n = 1;
		} else {
			n = cnd_utf8_decode((const char *)p, (size_t)(end - p),
					    &cp);
			if (cp < 0)
				cnd_buf_adds(b, "\xef\xbf\xbd");
			else
				cnd_buf_add(b, p, n);
		}
		p += n;
		run = p;
	}
	cnd_buf_add(b, run, (size_t)(p - run));
	if (quote)
		cnd_buf_addc(b, '"');
}

static void csv_end(struct cnd_buf *b)
{
	cnd_buf_adds(b, "\r\n");
}

/* The fields of one finding, in csv_header's order. */
static void csv_finding(struct cnd_buf *b, const struct cnd_finding *f,
			const struct cnd_archive *a, struct cnd_cites *cites)
{
	const struct cnd_rule *rule = cnd_rule_find(f->rule);
	const struct cnd_decision *d = f->review;
	char t[64], item[32], day[32];

	csv_field(b, f->fingerprint, 1);
	csv_field(b, cnd_severity_name(f->severity), 0);
	csv_field(b, f->rule, 0);
	csv_field(b, rule ? rule->title : f->rule, 0);
	csv_field(b, cnd_confidence_name(f->confidence), 0);
	csv_field(b, a->subject, 0);
	csv_field(b, a->file, 0);
	csv_field(b, f->platform, 0);
	t[0] = '\0';
	if (f->time != CND_TIME_NONE)
		cnd_time_format_utc(f->time, t, sizeof(t));
	csv_field(b, t, 0);
	t[0] = '\0';
	if (f->time != CND_TIME_NONE)
		cnd_time_format_local(f->time, t, sizeof(t));
	csv_field(b, t, 0);
	csv_field(b, f->in_period ? "yes" : "no", 0);
	csv_field(b, f->record_kind, 0);
	csv_field(b, f->record_id, 0);
	csv_field(b, f->matched, 0);
	csv_field(b, f->client, 0);
	csv_field(b, f->evidence, 0);
	csv_field(b, f->prov.member, 0);
	item[0] = '\0';
	if (f->prov.item >= 0)
		snprintf(item, sizeof(item), "%lld", f->prov.item);
	csv_field(b, item, 0);
	csv_field(b, cnd_cites_get(cites, f->rule), 0);
	csv_field(b, cnd_baseline_state_name(f->baseline), 0);
	csv_field(b, !d || !d->decision ? NULL :
		  cnd_decision_parse(d->decision) >= 0 ?
				       cnd_decision_name(d->kind) :
				       d->decision,
		      0);
	csv_field(b, d ? d->reviewer : NULL, 0);
	csv_field(b, d ? d->date : NULL, 0);
	csv_field(b, d ? d->note : NULL, 0);
	day[0] = '\0';
	if (d && d->expires != CND_TIME_NONE) {
		cnd_time_format_utc(d->expires, day, sizeof(day));
		day[10] = '\0';
	}
	csv_field(b, day, 0);
	csv_end(b);
}

/* Write the line in b and empty it; 0, or -1 on a write error. */
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
	struct cnd_buf line = CND_BUF_INIT;
	struct cnd_cites cites;
	FILE *fp;
	int rc = CND_OK;

	fp = cnd_report_open_temp(path);
	if (!fp)
		return cnd_error_set(err, CND_FATAL, "%s", strerror(errno));
	cnd_cites_init(&cites, run->opt.policy, "; ");
	errno = 0;
	for (size_t i = 0; csv_header[i]; i++)
		csv_field(&line, csv_header[i], i == 0);
	csv_end(&line);
	if (csv_flush(&line, fp))
		goto out_write;
	for (size_t i = 0; i < run->findings.len; i++) {
		const struct cnd_finding *f = cnd_run_finding(run, i);

		if (f->archive >= run->archives.len) {
			rc = cnd_error_set(err, CND_FATAL,
					   "finding %zu refers to no archive",
					   i);
			goto out_close;
		}
		csv_finding(&line, f, cnd_run_archive(run, f->archive),
			    &cites);
		if (csv_flush(&line, fp))
			goto out_write;
	}
	if (fflush(fp) == 0 && !ferror(fp))
		goto out_close;
out_write:
	rc = cnd_error_set(err, CND_FATAL, "%s",
			   errno ? strerror(errno) : "write error");
out_close:
	if (fclose(fp) != 0 && rc == CND_OK)
		rc = cnd_error_set(err, CND_FATAL, "%s", strerror(errno));
	cnd_buf_release(&line);
	cnd_cites_release(&cites);
	return rc;
}

const struct cnd_writer cnd_writer_csv = { "csv", "csv", csv_write };
