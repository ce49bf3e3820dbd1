/*
 * Unit tests of the report writers (src/report/): a small run built by hand
 * (two archives, three findings, one of them with evidence that looks like
 * a spreadsheet formula and one far over Excel's cell limit) is written as
 * JSON and XLSX into a private temporary directory, and the files are
 * checked: mode 0600, no temporary file left behind, the JSON has every key
 * of the report's shape, the workbook keeps formula-like text as text, cuts
 * long text cleanly, and is byte-identical from one write to the next.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdio_ext.h> /* __fbufsize */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/config/policy.h"
#include "conduct/parse/csv.h"
#include "conduct/review/baseline.h"
#include "conduct/report/report.h"
#include "conduct/rules/citations.h"
#include "conduct/rules/rule.h"
#include "conduct/base/timeutil.h"
#include "harness.h"

#define EVIL "=cmd|' /C calc'!A0"
#define EURO "\xe2\x82\xac"
#define LONG_CHARS 40000

struct report_fixture {
	struct cnd_run run;
	char dir[64];
};

static void report_note(struct cnd_vec *v, const char *path, const char *what,
			uint64_t records)
{
	struct cnd_member_note *m = cnd_vec_push(v);

	m->path = path;
	m->what = what;
	m->records = records;
}

static struct cnd_archive *report_archive(struct cnd_run *run,
					  const char *file, const char *subject,
					  const char *platform)
{
	struct cnd_archive *a = cnd_run_new_archive(run);

	a->file = file;
	a->subject = subject;
	a->platform = platform;
	return a;
}

static struct cnd_finding *report_finding(struct cnd_run *run,
					  const char *rule,
					  enum cnd_severity sev, size_t archive,
					  const char *evidence)
{
	struct cnd_finding *f = cnd_vec_push(&run->findings);

	f->rule = rule;
	f->severity = sev;
	f->confidence = CND_CONF_PROBABLE;
	f->archive = archive;
	f->platform = "twitter";
	f->time = CND_TIME_NONE;
	f->record_kind = "post";
	f->matched = "";
	f->evidence = evidence;
	f->prov.item = -1;
	snprintf(f->fingerprint, sizeof(f->fingerprint), "%016zx",
		 run->findings.len);
	run->severity_counts[sev]++;
	return f;
}

static void report_setup(struct report_fixture *fx)
{
	struct cnd_run *run = &fx->run;
	struct cnd_archive *a;
	struct cnd_finding *f;
	struct cnd_diag *d;
	struct cnd_timeline_row *t;
	char *big;

	memset(fx, 0, sizeof(*fx));
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/conduct-report-XXXXXX");
	CHECK(mkdtemp(fx->dir) != NULL);

	run->opt.since = 1672531200; /* 2023-01-01 */
	run->opt.until = 1703980800; /* 2023-12-31 */
	run->opt.tz = "Europe/London";
	run->opt.generated_at = 1704067200; /* 2024-01-01T00:00:00Z */
	run->opt.deterministic = 1;
	run->opt.clients_file = "clients.csv";
	cnd_arena_init(&run->arena);
	cnd_vec_init(&run->archives, sizeof(struct cnd_archive));
	cnd_vec_init(&run->findings, sizeof(struct cnd_finding));
	cnd_vec_init(&run->timeline, sizeof(struct cnd_timeline_row));
	run->status = CND_FAILED;

	a = report_archive(run, "twitter-2023.zip", "S001", "twitter");
	a->platform_title = "X (Twitter)";
	a->account = "jo_social";
	memset(a->sha256, 'a', 64);
	a->counts[CND_COUNT_POSTS] = 12;
	a->counts[CND_COUNT_FOLLOWING] = 3;
	a->records = 15;
	report_note(&a->parsed, "data/tweets.js", "posts", 12);
	report_note(&a->parsed, "data/following.js", "accounts followed", 3);
	report_note(&a->ignored, "data/tweets_media/1.jpg", "media file", 0);
	report_note(&a->unrecognised, "data/odd.js", NULL, 0);
	*(const char **)cnd_vec_push(&a->gaps) = "no followers list";
	d = cnd_vec_push(&a->diags);
	d->status = CND_WARN;
	d->member = "data/tweets.js";
	d->item = 4;
	d->line = 120;
	d->column = 7;
	d->message = "tweet without created_at";

	a = report_archive(run, "broken.zip", "S002", NULL);
	a->status = CND_FAILED;
	d = cnd_vec_push(&a->diags);
	d->status = CND_FATAL;
	d->item = -1;
	d->message = "not an archive";

	f = report_finding(run, "client-mention", CND_SEV_HIGH, 0,
			   "Saw Jane Doe\x01 at the office today");
	f->confidence = CND_CONF_CONFIRMED;
	f->time = 1680000000;
	f->in_period = 1;
	f->record_id = "1640000000000000001";
	f->matched = "Jane Doe";
	f->client = "C-17";
	f->prov.member = "data/tweets.js";
	f->prov.item = 3;

	f = report_finding(run, "case-talk", CND_SEV_MEDIUM, 0, EVIL);
	f->matched = "caf\xe9"; /* invalid UTF-8 must not break anything */
	f->prov.member = "data/tweets.js";
	f->prov.item = 0;

	big = cnd_arena_alloc(&run->arena, LONG_CHARS * 3 + 1);
	for (size_t i = 0; i < LONG_CHARS; i++)
		memcpy(big + 3 * i, EURO, 3);
	big[LONG_CHARS * 3] = '\0';
	report_finding(run, "public-profile", CND_SEV_INFO, 0, big);

	t = cnd_vec_push(&run->timeline);
	t->subject = "S001";
	snprintf(t->month, sizeof(t->month), "2023-03");
	t->rule = "client-mention";
	t->count = 1;
}

/* Remove the files written and the directory. */
static void report_teardown(struct report_fixture *fx)
{
	struct cnd_run *run = &fx->run;
	struct dirent *e;
	char path[512];
	DIR *d;

	for (size_t i = 0; i < run->archives.len; i++) {
		struct cnd_archive *a = cnd_run_archive(run, i);

		cnd_vec_release(&a->parsed);
		cnd_vec_release(&a->ignored);
		cnd_vec_release(&a->unrecognised);
		cnd_vec_release(&a->gaps);
		cnd_vec_release(&a->diags);
	}
	cnd_vec_release(&run->archives);
	cnd_vec_release(&run->findings);
	cnd_vec_release(&run->timeline);
	cnd_arena_release(&run->arena);

	d = opendir(fx->dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", fx->dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(fx->dir);
}

/* Number of entries in dir other than . and .., and how many are hidden. */
static int report_count_files(const char *dir, int *hidden)
{
	struct dirent *e;
	int n = 0;
	DIR *d;

	*hidden = 0;
	d = opendir(dir);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (e->d_name[0] == '.')
			(*hidden)++;
	}
	closedir(d);
	return n;
}

static int report_mode(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return -1;
	return (int)(st.st_mode & 07777);
}

/* Whole file into b; 0 on success. */
static int report_slurp(const char *path, struct cnd_buf *b)
{
	char chunk[8192];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		cnd_buf_add(b, chunk, n);
	fclose(fp);
	return 0;
}

/* One member of a zip file into b; 0 on success. */
static int report_unzip(const char *zip, const char *member,
			struct cnd_buf *b)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *e;
	char chunk[8192];
	la_ssize_t n;
	int rc = -1;

	archive_read_support_format_zip(ar);
	if (archive_read_open_filename(ar, zip, 16384) != ARCHIVE_OK)
		goto out;
	while (archive_read_next_header(ar, &e) == ARCHIVE_OK) {
		if (strcmp(archive_entry_pathname(e), member) != 0)
			continue;
		while ((n = archive_read_data(ar, chunk, sizeof(chunk))) > 0)
			cnd_buf_add(b, chunk, (size_t)n);
		rc = n < 0 ? -1 : 0;
		break;
	}
out:
	archive_read_free(ar);
	return rc;
}

TEST(report_writer_table)
{
	CHECK(cnd_writer_find("xlsx") != NULL);
	CHECK(cnd_writer_find("json") != NULL);
	CHECK(cnd_writer_find("csv") != NULL);
	CHECK(cnd_writer_find("pdf") == NULL);
	CHECK(cnd_writer_find(NULL) == NULL);
	CHECK_STR(cnd_version, "0.1.0");
	CHECK_STR(cnd_writers[0]->name, "xlsx");
	CHECK_STR(cnd_writers[1]->name, "json");
	CHECK_STR(cnd_writers[2]->name, "csv");
	CHECK(cnd_writers[3] == NULL);
}

TEST(report_json_shape)
{
	static const char *const top[] = {
		"report",   "schema_version", "tool_version", "generated_at",
		"review_period", "time_zone", "clients_file", "status",
		"totals",   "archives",	      "findings",     "timeline",
	};
	/* always there; time, record_id, client and item only when set */
	static const char *const fkeys[] = {
		"fingerprint", "rule",	    "severity",	   "confidence",
		"subject",     "archive",   "platform",	   "in_period",
		"record_kind", "matched",   "evidence",	   "source",
	};
	struct report_fixture fx;
	struct cnd_error err;
	struct cnd_buf one = CND_BUF_INIT, two = CND_BUF_INIT;
	json_error_t jerr;
	json_t *root = NULL, *a, *f, *d;
	char path[128];
	size_t i;
	int hidden;

	report_setup(&fx);
	snprintf(path, sizeof(path), "%s/report.json", fx.dir);
	CHECK_INT(cnd_report_write("json", &fx.run, path, &err), CND_OK);
	CHECK_INT(report_mode(path), 0600);
	CHECK_INT(report_count_files(fx.dir, &hidden), 1);
	CHECK_INT(hidden, 0);

	/* Same run, same bytes. */
	CHECK(report_slurp(path, &one) == 0);
	CHECK_INT(cnd_report_write("json", &fx.run, path, &err), CND_OK);
	CHECK(report_slurp(path, &two) == 0);
	CHECK(one.len > 0 && one.len == two.len &&
	      memcmp(one.data, two.data, one.len) == 0);

	root = json_load_file(path, 0, &jerr);
	CHECK(root != NULL);
	if (!root)
		goto out;
	for (i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		CHECK(json_object_get(root, top[i]) != NULL);
	/* Keys keep the order they were built in. */
	CHECK(strncmp(one.data, "{\n  \"report\": \"conduct\",", 24) == 0);
	CHECK_STR(json_string_value(json_object_get(root, "generated_at")),
		  "2024-01-01T00:00:00Z");
	CHECK_INT(json_integer_value(json_object_get(root, "schema_version")),
		  4);
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(root, "review_period"), "until")),
		  "2023-12-31");
	CHECK_STR(json_string_value(json_object_get(root, "clients_file")),
		  "clients.csv");
	CHECK_INT(json_integer_value(json_object_get(
			  json_object_get(json_object_get(root, "totals"),
					  "by_severity"),
			  "high")),
		  1);
	CHECK_INT(json_integer_value(json_object_get(
			  json_object_get(root, "totals"), "records")),
		  15);

	a = json_array_get(json_object_get(root, "archives"), 0);
	CHECK_INT(json_integer_value(json_object_get(
			  json_object_get(a, "counts"), "posts")),
		  12);
	CHECK_INT(json_object_size(json_object_get(a, "counts")),
		  CND_COUNT__N);
	CHECK_STR(json_string_value(json_array_get(
			  json_object_get(a, "platforms"), 0)),
		  "twitter");
	d = json_array_get(json_object_get(a, "diagnostics"), 0);
	CHECK_STR(json_string_value(json_object_get(d, "severity")),
		  "warning");
	CHECK_INT(json_integer_value(json_object_get(d, "item")), 4);
	CHECK_INT(json_integer_value(json_object_get(d, "column")), 7);

	a = json_array_get(json_object_get(root, "archives"), 1);
	CHECK_INT(json_array_size(json_object_get(a, "platforms")), 0);
	CHECK(json_is_null(json_object_get(a, "account")));
	CHECK(json_is_null(json_object_get(a, "sha256")));
	d = json_array_get(json_object_get(a, "diagnostics"), 0);
	CHECK_STR(json_string_value(json_object_get(d, "severity")), "fatal");
	CHECK(json_is_null(json_object_get(d, "member")));
	CHECK(json_is_null(json_object_get(d, "item")));
	CHECK(json_is_null(json_object_get(d, "line")));
	CHECK(json_is_null(json_object_get(d, "column")));

	CHECK_INT(json_array_size(json_object_get(root, "findings")), 3);
	for (size_t k = 0; k < 3; k++) {
		f = json_array_get(json_object_get(root, "findings"), k);
		for (i = 0; i < sizeof(fkeys) / sizeof(fkeys[0]); i++)
			CHECK(json_object_get(f, fkeys[i]) != NULL);
		/* its archive by index: the file is written there, once */
		CHECK(json_is_integer(json_object_get(f, "archive")));
		CHECK_STR(json_string_value(json_object_get(json_array_get(
				  json_object_get(root, "archives"),
				  (size_t)json_integer_value(
					  json_object_get(f, "archive"))),
							    "file")),
			  "twitter-2023.zip");
		CHECK(json_object_get(f, "time_utc") == NULL);
		CHECK(json_object_get(f, "time_local") == NULL);
		CHECK(json_object_get(f, "citations") == NULL);
		/* the title is the rule's, in "rules"; no baseline, no review */
		CHECK(json_object_get(f, "title") == NULL);
		CHECK(json_object_get(f, "baseline") == NULL);
	}
	/* citations are written once, per rule, in "rules" */
	CHECK(json_array_size(json_object_get(root, "rules")) > 0);
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(root, "standards"), "chosen_by")),
		  "built-in");
	f = json_array_get(json_object_get(root, "findings"), 0);
	/* RFC 3339 in the report's zone (UTC here: "Z") */
	CHECK_STR(json_string_value(json_object_get(f, "time")),
		  "2023-03-28T10:40:00Z");
	CHECK(json_is_true(json_object_get(f, "in_period")));
	CHECK_STR(json_string_value(json_object_get(f, "client")), "C-17");
	CHECK_STR(json_string_value(json_object_get(f, "evidence")),
		  "Saw Jane Doe\x01 at the office today");
	CHECK_INT(json_integer_value(json_object_get(
			  json_object_get(f, "source"), "item")),
		  3);
	f = json_array_get(json_object_get(root, "findings"), 1);
	CHECK_STR(json_string_value(json_object_get(f, "evidence")), EVIL);
	CHECK_STR(json_string_value(json_object_get(f, "matched")),
		  "caf\xef\xbf\xbd");
	/* absent: none */
	CHECK(json_object_get(f, "time") == NULL);
	CHECK(json_object_get(f, "record_id") == NULL);
	CHECK(json_object_get(f, "client") == NULL);
	CHECK(json_is_false(json_object_get(f, "in_period")));
	f = json_array_get(json_object_get(root, "findings"), 2);
	/* The JSON report keeps evidence whole. */
	CHECK_INT(json_string_length(json_object_get(f, "evidence")),
		  LONG_CHARS * 3);
	CHECK(json_object_get(json_object_get(f, "source"), "item") == NULL);
	CHECK(json_object_get(json_object_get(f, "source"), "member") !=
	      NULL);

	d = json_array_get(json_object_get(root, "timeline"), 0);
	CHECK_STR(json_string_value(json_object_get(d, "month")), "2023-03");
	CHECK_INT(json_integer_value(json_object_get(d, "count")), 1);
out:
	json_decref(root);
	cnd_buf_release(&one);
	cnd_buf_release(&two);
	report_teardown(&fx);
}

/*
 * A finding's "time" is RFC 3339 in the process's zone, which reads back
 * (as merge reads it) to the same second: with the zone's offset, half
 * hours too, and in UTC where the offset then was not whole minutes
 * (Liberia's -00:44:30 until 1972).
 */
TEST(report_json_time_in_zone)
{
	static const struct {
		const char *zone;
		int64_t t;
		const char *want;
	} cases[] = {
		{ "UTC", 1680000000, "2023-03-28T10:40:00Z" },
		{ "Europe/London", 1680000000, "2023-03-28T11:40:00+01:00" },
		{ "Europe/London", 1672531200, "2023-01-01T00:00:00Z" },
		{ "America/St_Johns", 1680000000, "2023-03-28T08:10:00-02:30" },
		{ "Africa/Monrovia", -315619200, "1960-01-01T00:00:00Z" },
		{ "Africa/Monrovia", 1680000000, "2023-03-28T10:40:00Z" },
	};
	struct report_fixture fx;
	struct cnd_error err;
	char path[128];

	report_setup(&fx);
	snprintf(path, sizeof(path), "%s/report.json", fx.dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *root, *f;
		json_error_t jerr;
		const char *got;
		int64_t back = 0;

		if (cnd_time_set_zone(cases[i].zone) != 0)
			continue; /* no such zone in this system's tzdata */
		cnd_run_finding(&fx.run, 0)->time = cases[i].t;
		CHECK_INT(cnd_report_write("json", &fx.run, path, &err), CND_OK);
		root = json_load_file(path, 0, &jerr);
		CHECK(root != NULL);
		f = json_array_get(json_object_get(root, "findings"), 0);
		got = json_string_value(json_object_get(f, "time"));
		CHECK_STR(got, cases[i].want);
		CHECK(got && cnd_time_parse_iso(got, &back) == 0 &&
		      back == cases[i].t);
		json_decref(root);
	}
	CHECK_INT(cnd_time_set_zone("UTC"), 0);
	report_teardown(&fx);
}

/*
 * Two writes of the same run, seconds apart, give the same bytes: for a
 * given generated_at, and for generated_at 0 (`--deterministic` without
 * SOURCE_DATE_EPOCH), which libxlsxwriter would otherwise take as "now".
 */
TEST(report_xlsx_deterministic)
{
	static const struct {
		int64_t at;
		const char *created;
	} cases[] = {
		{ 1704067200, "2024-01-01T00:00:00Z" },
		{ 0, "1970-01-01T00:00:01Z" },
	};
	struct report_fixture fx;
	struct cnd_error err;
	struct cnd_buf one = CND_BUF_INIT, two = CND_BUF_INIT;
	char p1[128], p2[128];
	int hidden;

	report_setup(&fx);
	snprintf(p1, sizeof(p1), "%s/one.xlsx", fx.dir);
	snprintf(p2, sizeof(p2), "%s/two.xlsx", fx.dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fx.run.opt.generated_at = cases[i].at;
		CHECK_INT(cnd_report_write("xlsx", &fx.run, p1, &err), CND_OK);
		sleep(2); /* zip times have 2 s steps: let the clock show */
		CHECK_INT(cnd_report_write("xlsx", &fx.run, p2, &err), CND_OK);
		CHECK_INT(report_mode(p1), 0600);
		CHECK_INT(report_mode(p2), 0600);
		CHECK_INT(report_count_files(fx.dir, &hidden), 2);
		CHECK_INT(hidden, 0);
		cnd_buf_reset(&one);
		cnd_buf_reset(&two);
		CHECK(report_slurp(p1, &one) == 0);
		CHECK(report_slurp(p2, &two) == 0);
		CHECK(one.len > 0 && one.len == two.len &&
		      memcmp(one.data, two.data, one.len) == 0);

		/* The creation time is the run's, not the clock's. */
		cnd_buf_reset(&one);
		CHECK(report_unzip(p1, "docProps/core.xml", &one) == 0);
		CHECK(one.data && strstr(one.data, cases[i].created));
	}
	cnd_buf_release(&one);
	cnd_buf_release(&two);
	report_teardown(&fx);
}

/* libxlsxwriter's own, bound to src/report/xlsx_tmp.c's definition */
FILE *lxw_tmpfile(char *tmpdir);

/*
 * The temporary files libxlsxwriter asks for come with a 32 KiB buffer,
 * in the directory asked for, and hold what is written to them.
 */
TEST(report_xlsx_tmpfile_buffer)
{
	struct report_fixture fx;
	char back[8] = { 0 };
	FILE *f;

	report_setup(&fx);
	f = lxw_tmpfile(fx.dir);
	CHECK(f != NULL);
	if (f) {
		CHECK(fputs("sheet", f) >= 0);
		CHECK_INT((int)__fbufsize(f), 32 * 1024);
		rewind(f);
		CHECK(fread(back, 1, 5, f) == 5 && !strcmp(back, "sheet"));
		fclose(f);
	}
	report_teardown(&fx);
}

TEST(report_xlsx_cells)
{
	struct report_fixture fx;
	struct cnd_error err;
	struct cnd_buf sheet = CND_BUF_INIT, sst = CND_BUF_INIT;
	const char *mark, *p;
	char path[128];
	size_t euros = 0;

	report_setup(&fx);
	snprintf(path, sizeof(path), "%s/r.xlsx", fx.dir);
	CHECK_INT(cnd_report_write("xlsx", &fx.run, path, &err), CND_OK);
	CHECK(report_unzip(path, "xl/worksheets/sheet2.xml", &sheet) == 0);
	/* text that repeats down a column is shared; a record's is not */
	CHECK(report_unzip(path, "xl/sharedStrings.xml", &sst) == 0);
	if (!sheet.data || !sst.data)
		goto out;
	CHECK(strstr(sst.data, "<t>High</t>") != NULL);
	CHECK(strstr(sst.data, "=cmd|") == NULL);
	CHECK(strstr(sheet.data, " t=\"s\"><v>") != NULL);

	/* Formula-like evidence is a string, and no cell is a formula. */
	CHECK(strstr(sheet.data, "<f>") == NULL);
	CHECK(strstr(sheet.data, "t=\"inlineStr\"><is><t>=cmd|") != NULL);
	CHECK(strstr(sheet.data, "<autoFilter ref=\"A1:U4\"") != NULL);
	CHECK(strstr(sheet.data, "<pane ") != NULL);

	/* 40,000 characters become 32,754 and the marker: 32,767. */
	mark = strstr(sheet.data, "\xe2\x80\xa6 [truncated]</t>");
	CHECK(mark != NULL);
	for (p = mark; mark && p - 3 >= sheet.data &&
		       memcmp(p - 3, EURO, 3) == 0;
	     p -= 3)
		euros++;
	CHECK_INT(euros, 32767 - 13);

	CHECK(strstr(sheet.data, "caf\xef\xbf\xbd") != NULL);
	/* Control characters too, rather than Excel's "_x0001_" escape. */
	CHECK(strstr(sheet.data, "Jane Doe\xef\xbf\xbd at") != NULL);

	/* The reviewer's aids: the Decision list, severity colours. */
	CHECK(strstr(sheet.data, "<dataValidation type=\"list\"") != NULL);
	CHECK(strstr(sheet.data, "sqref=\"Q2:Q4\"") != NULL);
	CHECK(strstr(sheet.data,
		     "<formula1>\"open,confirmed,dismissed,false positive,"
		     "documented reason,escalated\"</formula1>") != NULL);
	CHECK(strstr(sheet.data, "<conditionalFormatting sqref=\"A2:A4\">") !=
	      NULL);
	CHECK(strstr(sheet.data, "<formula>\"High\"</formula>") != NULL);
out:
	cnd_buf_release(&sheet);
	cnd_buf_release(&sst);
	report_teardown(&fx);
}

/*
 * The review cycle in the reports: a carried decision prefilled in the
 * workbook and given as "review" in the JSON, the baseline state of each
 * finding, and the decisions not raised again on the Baseline sheet and in
 * baseline.absent.
 */
TEST(report_review_cycle)
{
	static const char *const sheets[] = {
		"Summary", "Findings", "Baseline", "Connections", "Locations",
		"Timeline", "Settings", "Coverage", "Rules", "Run",
	};
	struct cnd_decision carried, gone;
	struct report_fixture fx;
	struct cnd_error err;
	struct cnd_buf wbx = CND_BUF_INIT, sheet = CND_BUF_INIT,
		       base = CND_BUF_INIT, sst = CND_BUF_INIT;
	json_error_t jerr;
	json_t *root = NULL, *f, *r, *b;
	const char *at = NULL, *next;
	char path[128];

	report_setup(&fx);
	memset(&carried, 0, sizeof(carried));
	carried.fingerprint = cnd_run_finding(&fx.run, 0)->fingerprint;
	carried.kind = CND_DECISION_DOCUMENTED;
	carried.decision = "Documented Reason";
	carried.reviewer = "R. Reviewer";
	carried.date = "2024-02-01";
	carried.note = "=met at a public event";
	carried.expires = 1735603200; /* 2024-12-31 */
	memset(&gone, 0, sizeof(gone));
	gone.fingerprint = "00000000deadbeef";
	gone.rule = "client-connection";
	gone.subject = "S001";
	gone.kind = CND_DECISION_CONFIRMED;
	gone.decision = "confirmed";
	gone.reviewer = "R. Reviewer";
	gone.expires = CND_TIME_NONE;
	fx.run.baseline_file = "last-year.xlsx";
	cnd_vec_init(&fx.run.absent, sizeof(const struct cnd_decision *));
	*(const struct cnd_decision **)cnd_vec_push(&fx.run.absent) = &gone;
	cnd_run_finding(&fx.run, 0)->baseline = CND_BASELINE_UNCHANGED;
	cnd_run_finding(&fx.run, 0)->review = &carried;
	cnd_run_finding(&fx.run, 1)->baseline = CND_BASELINE_NEW;
	cnd_run_finding(&fx.run, 2)->baseline = CND_BASELINE_EXPIRED;

	snprintf(path, sizeof(path), "%s/r.json", fx.dir);
	CHECK_INT(cnd_report_write("json", &fx.run, path, &err), CND_OK);
	root = json_load_file(path, 0, &jerr);
	CHECK(root != NULL);
	if (!root)
		goto out;
	f = json_array_get(json_object_get(root, "findings"), 0);
	CHECK_STR(json_string_value(json_object_get(f, "baseline")),
		  "unchanged");
	r = json_object_get(f, "review");
	CHECK_STR(json_string_value(json_object_get(r, "decision")),
		  "documented reason");
	CHECK_STR(json_string_value(json_object_get(r, "reviewer")),
		  "R. Reviewer");
	CHECK_STR(json_string_value(json_object_get(r, "expires")),
		  "2024-12-31");
	f = json_array_get(json_object_get(root, "findings"), 1);
	CHECK_STR(json_string_value(json_object_get(f, "baseline")), "new");
	CHECK(json_is_null(json_object_get(f, "review")));
	b = json_object_get(root, "baseline");
	CHECK_STR(json_string_value(json_object_get(b, "file")),
		  "last-year.xlsx");
	r = json_array_get(json_object_get(b, "absent"), 0);
	CHECK_STR(json_string_value(json_object_get(r, "fingerprint")),
		  "00000000deadbeef");
	CHECK_STR(json_string_value(json_object_get(r, "decision")),
		  "confirmed");
	CHECK(json_is_null(json_object_get(r, "note")));
	CHECK(json_is_null(json_object_get(root, "research")));

	snprintf(path, sizeof(path), "%s/r.xlsx", fx.dir);
	CHECK_INT(cnd_report_write("xlsx", &fx.run, path, &err), CND_OK);
	CHECK(report_unzip(path, "xl/workbook.xml", &wbx) == 0);
	CHECK(report_unzip(path, "xl/worksheets/sheet2.xml", &sheet) == 0);
	CHECK(report_unzip(path, "xl/worksheets/sheet3.xml", &base) == 0);
	CHECK(report_unzip(path, "xl/sharedStrings.xml", &sst) == 0);
	if (!wbx.data || !sheet.data || !base.data || !sst.data)
		goto out;
	/* every sheet, in order */
	next = wbx.data;
	for (size_t i = 0; i < sizeof(sheets) / sizeof(sheets[0]); i++) {
		char want[64];

		snprintf(want, sizeof(want), "<sheet name=\"%s\"", sheets[i]);
		at = strstr(next, want);
		CHECK(at != NULL);
		if (at)
			next = at;
	}
	CHECK(strstr(wbx.data, "Aggregates") == NULL);
	/* prefilled, the note that looks like a formula kept as text */
	/* the baseline states repeat down their column: shared strings */
	CHECK(strstr(sst.data, "<t>Unchanged</t>") != NULL);
	CHECK(strstr(sst.data, "<t>Expired</t>") != NULL);
	CHECK(strstr(sheet.data, "<t>documented reason</t>") != NULL);
	CHECK(strstr(sheet.data, "<t>=met at a public event</t>") != NULL);
	CHECK(strstr(sheet.data, "<t>2024-12-31</t>") != NULL);
	CHECK(strstr(base.data, "<t>00000000deadbeef</t>") != NULL);
	CHECK(strstr(base.data, "<t>no longer found</t>") != NULL);
out:
	json_decref(root);
	cnd_buf_release(&wbx);
	cnd_buf_release(&sheet);
	cnd_buf_release(&base);
	cnd_buf_release(&sst);
	cnd_vec_release(&fx.run.absent);
	report_teardown(&fx);
}

/*
 * The CSV export: RFC 4180 quoting and line ends, and text a spreadsheet
 * would run as a formula neutralised with a leading apostrophe.
 */
TEST(report_csv)
{
	struct report_fixture fx;
	struct cnd_error err;
	struct cnd_buf csv = CND_BUF_INIT;
	const char *line;
	char path[128];
	size_t lines = 0;

	report_setup(&fx);
	cnd_run_finding(&fx.run, 0)->evidence = "said \"hi\", then\nleft";
	cnd_run_finding(&fx.run, 0)->matched = "@jane";
	cnd_run_finding(&fx.run, 0)->client = "-1+2";
	snprintf(path, sizeof(path), "%s/r.csv", fx.dir);
	CHECK_INT(cnd_report_write("csv", &fx.run, path, &err), CND_OK);
	CHECK_INT(report_mode(path), 0600);
	CHECK(report_slurp(path, &csv) == 0);
	if (!csv.data)
		goto out;
	cnd_buf_addc(&csv, '\0');
	CHECK(strncmp(csv.data, "fingerprint,severity,rule,", 26) == 0);
	for (line = csv.data; (line = strstr(line, "\r\n")); line += 2)
		lines++;
	/* the header, three findings; the quoted LF is no line end */
	CHECK_INT(lines, 4);
	CHECK(strstr(csv.data, ",\"said \"\"hi\"\", then\nleft\",") != NULL);
	CHECK(strstr(csv.data, ",'@jane,'-1+2,") != NULL);
	CHECK(strstr(csv.data, ",'=cmd|' /C calc'!A0,") != NULL);
	CHECK(strstr(csv.data, "caf\xef\xbf\xbd") != NULL);
	CHECK(strstr(csv.data, "\n=") == NULL && strstr(csv.data, ",=") == NULL);
out:
	cnd_buf_release(&csv);
	report_teardown(&fx);
}

/* The CSV rows read back, each checked against its finding. */
struct csv_check {
	const struct cnd_run *run;
	size_t rows, bad;
};

static int csv_check_row(void *ud, size_t line, char **fields, size_t n)
{
	struct csv_check *c = ud;
	const struct cnd_finding *f;
	const struct cnd_archive *a;
	const struct cnd_rule *rule;
	struct cnd_buf cites = CND_BUF_INIT;
	char utc[64] = "", local[64] = "";

	(void)line;
	if (c->rows++ == 0)
		return 0; /* the header */
	if (n != 25 || c->rows - 2 >= c->run->findings.len) {
		c->bad++;
		return 0;
	}
	f = cnd_run_finding(c->run, c->rows - 2);
	a = cnd_run_archive(c->run, f->archive);
	rule = cnd_rule_find(f->rule);
	cnd_buf_adds(&cites, "");
	cnd_citations_join(&cites, c->run->opt.policy, f->rule, "; ");
	if (f->time != CND_TIME_NONE) {
		cnd_time_format_utc(f->time, utc, sizeof(utc));
		cnd_time_format_local(f->time, local, sizeof(local));
	}
	if (strcmp(fields[2], f->rule) ||
	    strcmp(fields[3], rule ? rule->title : f->rule) ||
	    strcmp(fields[5], a->subject) || strcmp(fields[6], a->file) ||
	    strcmp(fields[8], utc) || strcmp(fields[9], local) ||
	    strcmp(fields[18], cites.data))
		c->bad++;
	cnd_buf_release(&cites);
	return 0;
}

/*
 * What the CSV writer keeps from line to line (each rule's title and
 * citations, the archive's subject and file, the time last formatted) is
 * right on every line: rules, archives and times interleaved, and more
 * rules than it keeps, so that some are escaped anew on each line.
 */
TEST(report_csv_kept_per_rule)
{
	static const char *const real[] = { "client-mention", "case-talk",
					     "public-profile", "personal-data" };
	struct report_fixture fx;
	struct cnd_policy *pol = NULL;
	struct cnd_error err;
	struct cnd_buf csv = CND_BUF_INIT;
	struct csv_check check = { 0 };
	char path[128];
	size_t n0;

	report_setup(&fx);
	CHECK_INT(cnd_policy_default(&pol, &err), CND_OK);
	fx.run.opt.policy = pol;
	n0 = fx.run.findings.len;
	for (int i = 0; i < 300; i++) {
		char *id = cnd_arena_alloc(&fx.run.arena, 32);
		struct cnd_finding *f;

		if (i % 3)
			snprintf(id, 32, "%s", real[i % 4]);
		else
			snprintf(id, 32, "made-up-%02d", (i / 3) % 90);
		f = report_finding(&fx.run, id, CND_SEV_LOW, (size_t)(i % 5 == 0),
				   "text \xe2\x80\x94 more, \"quoted\"");
		f->time = i % 7 == 0 ? CND_TIME_NONE :
				       1680000000 + (int64_t)(i / 2) * 3600;
	}
	CHECK(fx.run.findings.len == n0 + 300);
	snprintf(path, sizeof(path), "%s/kept.csv", fx.dir);
	CHECK_INT(cnd_report_write("csv", &fx.run, path, &err), CND_OK);
	CHECK(report_slurp(path, &csv) == 0);
	check.run = &fx.run;
	CHECK_INT(cnd_csv_parse(csv.data ? csv.data : "", csv.len,
				csv_check_row, &check, &err),
		  CND_OK);
	CHECK_INT(check.rows, fx.run.findings.len + 1);
	CHECK_INT(check.bad, 0);
	/* a real rule's line carries its citations */
	{
		struct cnd_buf cites = CND_BUF_INIT;

		cnd_citations_join(&cites, pol, "case-talk", "; ");
		CHECK(cites.len > 0);
		CHECK(csv.data && cites.data &&
		      strstr(csv.data, cites.data) != NULL);
		cnd_buf_release(&cites);
	}
	cnd_buf_release(&csv);
	cnd_policy_free(pol);
	report_teardown(&fx);
}

TEST(report_write_errors)
{
	struct report_fixture fx;
	struct cnd_error err;
	char path[160];
	int hidden;

	report_setup(&fx);
	snprintf(path, sizeof(path), "%s/missing/report.json", fx.dir);
	CHECK_INT(cnd_report_write("json", &fx.run, path, &err), CND_FATAL);
	CHECK_STR(err.message,
		  "cannot write 'report.json': no such file or directory");

	snprintf(path, sizeof(path), "%s/report.pdf", fx.dir);
	CHECK_INT(cnd_report_write("pdf", &fx.run, path, &err), CND_FATAL);
	CHECK(strstr(err.message, fx.dir) == NULL);

	/* A directory in the way: the temporary file must not stay. */
	snprintf(path, sizeof(path), "%s/taken.xlsx", fx.dir);
	CHECK(mkdir(path, 0700) == 0);
	CHECK_INT(cnd_report_write("xlsx", &fx.run, path, &err), CND_FATAL);
	CHECK(strncmp(err.message, "cannot write 'taken.xlsx': ", 27) == 0);
	CHECK_INT(report_count_files(fx.dir, &hidden), 1);
	CHECK_INT(hidden, 0);
	rmdir(path);

	/* A finding that points at no archive is refused, not guessed. */
	cnd_run_finding(&fx.run, 0)->archive = 7;
	snprintf(path, sizeof(path), "%s/bad.json", fx.dir);
	CHECK_INT(cnd_report_write("json", &fx.run, path, &err), CND_FATAL);
	CHECK_STR(err.message,
		  "cannot write 'bad.json': finding 0 refers to no archive");
	CHECK_INT(report_count_files(fx.dir, &hidden), 0);
	report_teardown(&fx);
}

/*
 * Several reports written at once: all in place when all succeed; the
 * first failure, in order, is the one reported, nothing after it is put
 * in place, and no temporary file stays.
 */
TEST(report_write_all)
{
	struct report_fixture fx;
	struct cnd_error err;
	const char *formats[3] = { "xlsx", "json", "csv" };
	char p0[160], p1[160], p2[160];
	const char *paths[3] = { p0, p1, p2 };
	struct stat st;
	int hidden;

	report_setup(&fx);
	snprintf(p0, sizeof(p0), "%s/r.xlsx", fx.dir);
	snprintf(p1, sizeof(p1), "%s/r.json", fx.dir);
	snprintf(p2, sizeof(p2), "%s/r.csv", fx.dir);
	CHECK_INT(cnd_report_write_all(formats, paths, 3, &fx.run, &err),
		  CND_OK);
	CHECK_INT(report_count_files(fx.dir, &hidden), 3);
	CHECK_INT(hidden, 0);
	CHECK(stat(p1, &st) == 0 && (st.st_mode & 0777) == 0600);
	unlink(p0);
	unlink(p1);
	unlink(p2);

	/* the second fails: the first is in place, the third is not */
	snprintf(p1, sizeof(p1), "%s/missing/r.json", fx.dir);
	CHECK_INT(cnd_report_write_all(formats, paths, 3, &fx.run, &err),
		  CND_FATAL);
	CHECK_STR(err.message,
		  "cannot write 'r.json': no such file or directory");
	CHECK(stat(p0, &st) == 0);
	CHECK(stat(p2, &st) != 0);
	CHECK_INT(report_count_files(fx.dir, &hidden), 1);
	CHECK_INT(hidden, 0);
	unlink(p0);

	/* the first fails: nothing is put in place */
	snprintf(p0, sizeof(p0), "%s/taken.xlsx", fx.dir);
	snprintf(p1, sizeof(p1), "%s/r.json", fx.dir);
	CHECK(mkdir(p0, 0700) == 0);
	CHECK_INT(cnd_report_write_all(formats, paths, 3, &fx.run, &err),
		  CND_FATAL);
	CHECK(strncmp(err.message, "cannot write 'taken.xlsx': ", 27) == 0);
	CHECK(stat(p1, &st) != 0);
	CHECK(stat(p2, &st) != 0);
	CHECK_INT(report_count_files(fx.dir, &hidden), 1); /* the folder */
	CHECK_INT(hidden, 0);
	rmdir(p0);
	report_teardown(&fx);
}
