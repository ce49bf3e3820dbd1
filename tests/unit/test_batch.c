/*
 * Unit tests of batch runs (src/run/scan.c, src/report/read.c):
 * cnd_run_absorb() moves a run scanned on another thread into the main
 * one with archive indices moved on and a given subject's repeated
 * findings dropped; a JSON report read back with cnd_run_read_json() and
 * written again is byte-identical; a file that is not a report, or a
 * report of another batch, is refused with its name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/run/scan.h"
#include "conduct/report/read.h"
#include "conduct/report/report.h"
#include "harness.h"

#include "conduct/rules/engine.h"

static struct cnd_archive *batch_archive(struct cnd_run *run,
					 const char *file, const char *subject,
					 int given)
{
	struct cnd_archive *a = cnd_run_new_archive(run);

	a->file = file;
	a->subject = subject;
	a->subject_given = given;
	a->platform = "twitter";
	a->platform_title = "X / Twitter";
	return a;
}

/* A finding as the engine records it (remembered for de-duplication). */
static void batch_finding(struct cnd_run *run, size_t archive,
			  const char *fp, const char *rule)
{
	struct cnd_finding *f;

	CHECK(!cnd_rules_seen(run, archive, fp));
	f = cnd_vec_push(&run->findings);
	f->rule = rule;
	f->severity = CND_SEV_MEDIUM;
	f->confidence = CND_CONF_PROBABLE;
	f->archive = archive;
	f->platform = "twitter";
	f->time = 1680000000;
	f->in_period = 1;
	f->record_kind = "post";
	f->evidence = cnd_arena_strdup(&run->arena, "evidence text");
	f->prov.member = "data/tweets.js";
	f->prov.item = 3;
	snprintf(f->fingerprint, sizeof(f->fingerprint), "%s", fp);
}

static void batch_opt(struct cnd_options *o)
{
	cnd_options_init(o);
	o->generated_at = 0;
	o->deterministic = 1;
	o->since = 1672531200; /* 2023-01-01 */
	o->until = 1704067199;
}

TEST(batch_absorb_offsets_and_subjects)
{
	struct cnd_options o;
	struct cnd_run run, part;

	batch_opt(&o);
	cnd_run_init(&run, &o);
	cnd_run_init(&part, &o);
	batch_archive(&run, "s-2023.zip", "S", 1);
	batch_finding(&run, 0, "00000000000000aa", "frustration");
	/* the part: S's earlier export (one repeat), and T's */
	batch_archive(&part, "s-2022.zip", "S", 1);
	batch_finding(&part, 0, "00000000000000aa", "frustration");
	batch_finding(&part, 0, "00000000000000bb", "frustration");
	batch_archive(&part, "t.zip", "T", 0);
	batch_finding(&part, 1, "00000000000000aa", "frustration");
	cnd_run_archive(&part, 1)->status = CND_FAILED;
	part.status = CND_FAILED;

	cnd_run_absorb(&run, &part);
	CHECK_INT(run.archives.len, 3);
	CHECK_INT(part.archives.len, 0);
	CHECK_INT(part.findings.len, 0);
	CHECK_STR(cnd_run_archive(&run, 1)->file, "s-2022.zip");
	CHECK_INT(run.findings.len, 3);
	CHECK_INT(cnd_run_finding(&run, 0)->archive, 0);
	CHECK_STR(cnd_run_finding(&run, 1)->fingerprint, "00000000000000bb");
	CHECK_INT(cnd_run_finding(&run, 1)->archive, 1);
	CHECK_INT(cnd_run_finding(&run, 2)->archive, 2);
	/* strings of the part's arena stay valid in run */
	CHECK_STR(cnd_run_finding(&run, 2)->evidence, "evidence text");
	CHECK_INT(run.status, CND_FAILED);
	cnd_run_release(&part);
	cnd_run_finish(&run);
	CHECK_INT(run.n_rule_summary, 2); /* S and T, one rule each */
	cnd_run_release(&run);
}

static char *batch_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)n + 1);
		if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return data;
}

TEST(batch_read_json_round_trip)
{
	char dir[] = "/tmp/conduct-batch-XXXXXX", one[64], two[64], bad[64];
	struct cnd_options o;
	struct cnd_run run, back, other;
	struct cnd_archive *a;
	struct cnd_diag *d;
	struct cnd_error err;
	char *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(one, sizeof(one), "%s/one.json", dir);
	snprintf(two, sizeof(two), "%s/two.json", dir);
	snprintf(bad, sizeof(bad), "%s/bad.json", dir);
	batch_opt(&o);
	cnd_run_init(&run, &o);
	a = batch_archive(&run, "s.zip", "S", 1);
	a->consent_ref = "CR-7";
	a->consent_date = 1704153600; /* 2024-01-02 */
	a->account = "s_account";
	a->counts[CND_COUNT_POSTS] = 4;
	a->records = 4;
	d = cnd_vec_push(&a->diags);
	memset(d, 0, sizeof(*d));
	d->count = 1;
	d->status = CND_WARN;
	d->member = "data/tweets.js";
	d->item = 2;
	d->message = "tweet without a time";
	a->status = CND_WARN;
	run.status = CND_WARN; /* the worst of its archives, as a scan sets */
	batch_finding(&run, 0, "00000000000000aa", "frustration");
	batch_finding(&run, 0, "00000000000000cc", "case-talk");
	cnd_run_finish(&run);
	CHECK_INT(cnd_report_write("json", &run, one, &err), CND_OK);

	cnd_run_init(&back, &o);
	CHECK_INT(cnd_run_read_json(&back, one, 1, &err), CND_OK);
	CHECK_INT(back.archives.len, 1);
	CHECK_INT(back.findings.len, 2);
	CHECK_STR(cnd_run_archive(&back, 0)->consent_ref, "CR-7");
	CHECK_INT(cnd_run_archive(&back, 0)->status, CND_WARN);
	/* read again: a given subject's findings are kept once */
	CHECK_INT(cnd_run_read_json(&back, one, 0, &err), CND_OK);
	CHECK_INT(back.archives.len, 2);
	CHECK_INT(back.findings.len, 2);
	back.archives.len = 1; /* drop the copy again before writing */
	cnd_vec_release(&cnd_run_archive(&back, 1)->parts);
	cnd_vec_release(&cnd_run_archive(&back, 1)->parsed);
	cnd_vec_release(&cnd_run_archive(&back, 1)->ignored);
	cnd_vec_release(&cnd_run_archive(&back, 1)->unrecognised);
	cnd_vec_release(&cnd_run_archive(&back, 1)->gaps);
	cnd_vec_release(&cnd_run_archive(&back, 1)->diags);
	cnd_vec_release(&cnd_run_archive(&back, 1)->declared);
	cnd_run_finish(&back);
	CHECK_INT(cnd_report_write("json", &back, two, &err), CND_OK);
	x = batch_slurp(one, &nx);
	y = batch_slurp(two, &ny);
	CHECK(x && y && nx == ny && !memcmp(x, y, nx));

	/* not a report; a report of another review period */
	f = fopen(bad, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("{\"report\": \"other\"}\n", f);
		fclose(f);
	}
	cnd_run_init(&other, &o);
	CHECK_INT(cnd_run_read_json(&other, bad, 1, &err), CND_FATAL);
	CHECK(strstr(err.message, "bad.json") != NULL);
	cnd_run_release(&other);
	o.since = 0;
	cnd_run_init(&other, &o);
	CHECK_INT(cnd_run_read_json(&other, one, 1, &err), CND_OK);
	other.opt.since = 0; /* as if the first report said so */
	CHECK_INT(cnd_run_read_json(&other, one, 0, &err), CND_FATAL);
	CHECK(strstr(err.message, "differ") != NULL);
	cnd_run_release(&other);

	free(x);
	free(y);
	cnd_run_release(&back);
	cnd_run_release(&run);
	unlink(one);
	unlink(two);
	unlink(bad);
	rmdir(dir);
}
