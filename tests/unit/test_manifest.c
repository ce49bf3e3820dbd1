/*
 * Unit tests of batch manifests: paths resolved against the manifest's
 * folder, several INPUTs and split exports per subject, consent columns,
 * and bad rows reported with their lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/config/manifest.h"
#include "conduct/model/record.h"

#include "harness.h"

static int problems;
static size_t last_line;

static void on_problem(void *ud, size_t line, const char *msg)
{
	(void)ud;
	(void)msg;
	problems++;
	last_line = line;
}

TEST(manifest_rows)
{
	char dir[] = "/tmp/conduct-manifest-XXXXXX", path[96];
	struct cnd_manifest *m = NULL;
	const struct cnd_manifest_row *r;
	struct cnd_error err;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/staff.csv", dir);
	f = fopen(path, "w");
	fputs("Subject,Archives,consent_ref,consent_date,since,until,notes\n"
	      "S-001,x.zip; ig-1.zip+ig-2.zip,CONS-17,2024-01-05,,,\n"
	      "S-002,/abs/t.zip,,,2023-01-01,2023-12-31,\n"
	      "S-001,dup.zip,,,,,\n"
	      "S-003,,CONS-9,,,,\n"
	      "S-004,a.zip,,2024-13-01,,,\n",
	      f);
	fclose(f);
	problems = 0;
	CHECK_INT(cnd_manifest_load(&m, path, on_problem, NULL, &err),
		  CND_FAILED);
	CHECK_INT(problems, 3);
	CHECK_INT(last_line, 6);
	CHECK(m && cnd_manifest_count(m) == 2);
	if (m && cnd_manifest_count(m) == 2) {
		char want[160];

		r = cnd_manifest_row(m, 0);
		CHECK_STR(r->subject, "S-001");
		CHECK_INT(r->n_inputs, 2);
		snprintf(want, sizeof(want), "%s/x.zip", dir);
		CHECK_STR(r->inputs[0], want);
		snprintf(want, sizeof(want), "%s/ig-1.zip+%s/ig-2.zip", dir,
			 dir);
		CHECK_STR(r->inputs[1], want);
		CHECK_STR(r->consent_ref, "CONS-17");
		CHECK(r->consent_date != CND_TIME_NONE);
		r = cnd_manifest_row(m, 1);
		CHECK_STR(r->inputs[0], "/abs/t.zip");
		CHECK(r->consent_ref == NULL);
		CHECK(r->since != CND_TIME_NONE && r->until > r->since);
	}
	cnd_manifest_free(m);

	f = fopen(path, "w");
	fputs("name,files\nS,x.zip\n", f);
	fclose(f);
	CHECK_INT(cnd_manifest_load(&m, path, NULL, NULL, &err), CND_FATAL);
	CHECK(strstr(err.message, "subject") != NULL);
	unlink(path);
	rmdir(dir);
}
