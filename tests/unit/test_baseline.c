/*
 * Unit tests of the review cycle's reader: a workbook written here with
 * libxlsxwriter (shared strings, a date typed as a number, a decision
 * written in another case, a row without a fingerprint) and a JSON report
 * whose findings carry review decisions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "conduct/review/baseline.h"
#include "conduct/model/record.h"

#include "harness.h"

static int problems;

static void on_problem(void *ud, const char *msg)
{
	(void)ud;
	(void)msg;
	problems++;
}

TEST(baseline_decision_names)
{
	CHECK_INT(cnd_decision_parse("False_Positive"), CND_DECISION_FALSE_POSITIVE);
	CHECK_INT(cnd_decision_parse(" documented-reason "),
		  CND_DECISION_DOCUMENTED);
	CHECK_INT(cnd_decision_parse("maybe"), -1);
	CHECK_STR(cnd_decision_name(CND_DECISION_ESCALATED), "escalated");
}

TEST(baseline_from_workbook)
{
	char dir[] = "/tmp/conduct-baseline-XXXXXX";
	char path[64];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *datefmt;
	struct cnd_baseline *b = NULL;
	const struct cnd_decision *d;
	struct cnd_error err;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/last-year.xlsx", dir);
	wb = workbook_new(path);
	worksheet_write_string(workbook_add_worksheet(wb, "Summary"), 0, 0,
			       "x", NULL);
	ws = workbook_add_worksheet(wb, "Findings");
	datefmt = workbook_add_format(wb);
	format_set_num_format(datefmt, "yyyy-mm-dd");
	worksheet_write_string(ws, 0, 0, "Rule", NULL);
	worksheet_write_string(ws, 0, 1, "Fingerprint", NULL);
	worksheet_write_string(ws, 0, 2, "Decision", NULL);
	worksheet_write_string(ws, 0, 3, "Reviewer", NULL);
	worksheet_write_string(ws, 0, 4, "Date", NULL);
	worksheet_write_string(ws, 0, 5, "Note", NULL);
	worksheet_write_string(ws, 0, 6, "Expires", NULL);
	worksheet_write_string(ws, 1, 0, "client-mention", NULL);
	worksheet_write_string(ws, 1, 1, "0123456789abcdef", NULL);
	worksheet_write_string(ws, 1, 2, "Dismissed", NULL);
	worksheet_write_string(ws, 1, 3, "A. Reviewer", NULL);
	worksheet_write_number(ws, 1, 4, 45292, datefmt); /* 2024-01-01 */
	worksheet_write_string(ws, 1, 5, "same name, not our client", NULL);
	worksheet_write_string(ws, 2, 0, "client-search", NULL);
	worksheet_write_string(ws, 2, 1, "fedcba9876543210", NULL);
	worksheet_write_string(ws, 2, 2, "documented reason", NULL);
	worksheet_write_string(ws, 2, 6, "2025-06-30", NULL);
	worksheet_write_string(ws, 3, 0, "client-mention", NULL);
	worksheet_write_string(ws, 3, 2, "confirmed", NULL); /* no print */
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);

	problems = 0;
	CHECK_INT(cnd_baseline_load(&b, path, on_problem, NULL, &err),
		  CND_WARN);
	CHECK(b != NULL);
	if (b) {
		CHECK_INT(cnd_baseline_count(b), 2);
		CHECK_INT(problems, 1);
		d = cnd_baseline_find(b, "0123456789abcdef");
		CHECK(d && d->kind == CND_DECISION_DISMISSED);
		CHECK(d && d->date && !strcmp(d->date, "2024-01-01"));
		CHECK(d && d->reviewer && !strcmp(d->reviewer, "A. Reviewer"));
		d = cnd_baseline_find(b, "fedcba9876543210");
		CHECK(d && d->kind == CND_DECISION_DOCUMENTED);
		CHECK(d && d->expires != CND_TIME_NONE);
		CHECK(!cnd_baseline_find(b, "ffffffffffffffff"));
		CHECK_STR(cnd_baseline_source(b), "last-year.xlsx");
	}
	cnd_baseline_free(b);
	unlink(path);
	rmdir(dir);
}

TEST(baseline_from_json_and_errors)
{
	char path[] = "/tmp/conduct-baseline-XXXXXX";
	struct cnd_baseline *b = NULL;
	struct cnd_error err;
	FILE *f;
	int fd = mkstemp(path);

	f = fdopen(fd, "w");
	fputs("{\"findings\": [ {\"fingerprint\": \"aaaaaaaaaaaaaaaa\", "
	      "\"rule\": \"client-connection\", \"review\": {\"decision\": "
	      "\"escalated\", \"reviewer\": \"R\"}}, {\"fingerprint\": "
	      "\"bbbbbbbbbbbbbbbb\"} ]}",
	      f);
	fclose(f);
	CHECK_INT(cnd_baseline_load(&b, path, NULL, NULL, &err), CND_OK);
	CHECK(b && cnd_baseline_count(b) == 2);
	CHECK(b && cnd_baseline_find(b, "aaaaaaaaaaaaaaaa")->kind ==
			   CND_DECISION_ESCALATED);
	CHECK(b && cnd_baseline_find(b, "bbbbbbbbbbbbbbbb")->kind ==
			   CND_DECISION_OPEN);
	cnd_baseline_free(b);

	f = fopen(path, "w");
	fputs("{\"not\": \"a report\"}", f);
	fclose(f);
	CHECK_INT(cnd_baseline_load(&b, path, NULL, NULL, &err), CND_FATAL);
	CHECK(b == NULL);
	CHECK(strstr(err.message, "not a conduct report") != NULL);
	unlink(path);
	CHECK_INT(cnd_baseline_load(&b, "/nonexistent/x.xlsx", NULL, NULL,
				    &err),
		  CND_FATAL);
	CHECK(strstr(err.message, "/nonexistent") == NULL);
}
