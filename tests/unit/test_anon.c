/*
 * Unit tests of research mode: key files, stable keyed pseudonyms, and the
 * redaction of a run's free text, paths, names and times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conduct/review/anon.h"
#include "conduct/config/register.h"
#include "conduct/run/scan.h"

#include "harness.h"

static int make_key(struct cnd_anon_key *k, char *dir, const char *name)
{
	char path[128];
	struct cnd_error err;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (cnd_anon_keygen(path, &err) != CND_OK)
		return -1;
	return cnd_anon_key_load(k, path, &err) == CND_OK ? 0 : -1;
}

TEST(anon_keys_and_pseudonyms)
{
	char dir[] = "/tmp/conduct-anon-XXXXXX";
	char path[128], a[64], b[64], c[64];
	struct cnd_anon_key k1, k2;
	struct cnd_error err;
	struct stat st;

	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(make_key(&k1, dir, "k1"), 0);
	CHECK_INT(make_key(&k2, dir, "k2"), 0);
	snprintf(path, sizeof(path), "%s/k1", dir);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	/* never overwrites */
	CHECK_INT(cnd_anon_keygen(path, &err), CND_FATAL);
	CHECK(strstr(err.message, dir) == NULL);

	cnd_anon_pseudonym(&k1, "account", "@Jane_Doe", a, sizeof(a));
	cnd_anon_pseudonym(&k1, "account", "jane_doe", b, sizeof(b));
	cnd_anon_pseudonym(&k2, "account", "jane_doe", c, sizeof(c));
	CHECK_STR(a, b);
	CHECK(strcmp(a, c) != 0);
	CHECK(!strncmp(a, "account-", 8) && strlen(a) == 20);
	CHECK(strcmp(k1.id, k2.id) != 0 && strlen(k1.id) == 16);

	snprintf(path, sizeof(path), "%s/bad", dir);
	{
		FILE *f = fopen(path, "w");

		fputs("not a key\n", f);
		fclose(f);
	}
	CHECK_INT(cnd_anon_key_load(&k2, path, &err), CND_FATAL);
	unlink(path);
	snprintf(path, sizeof(path), "%s/k1", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/k2", dir);
	unlink(path);
	rmdir(dir);
}

TEST(anon_run_rewritten)
{
	static const char reg_csv[] =
		"ref,names,handles\nC-1042,Evelyn Example,twitter:evelyn_ex\n";
	char dir[] = "/tmp/conduct-anon-XXXXXX";
	struct cnd_anon_key k;
	struct cnd_anon_options o;
	struct cnd_register *reg;
	struct cnd_options opt;
	struct cnd_run run;
	struct cnd_archive *a;
	struct cnd_finding *f;
	struct cnd_error err;
	char path[128];

	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(make_key(&k, dir, "key"), 0);
	cnd_register_parse(&reg, reg_csv, strlen(reg_csv), NULL, NULL, &err);
	cnd_options_init(&opt);
	cnd_run_init(&run, &opt);
	a = cnd_run_new_archive(&run);
	a->file = "twitter-riley_example.zip";
	a->subject = "riley_example";
	a->account = "riley_example";
	((struct cnd_member_note *)cnd_vec_push(&a->parsed))->path =
		"messages/inbox/evelynexample_10157285/message_1.json";
	f = cnd_vec_push(&run.findings);
	f->rule = "client-mention";
	f->time = 1683638109; /* 2023-05-09 13:15:09 */
	f->client = "C-1042";
	f->matched = "Evelyn Example";
	f->record_id = "1656000000000000008";
	f->evidence = "Evelyn Example (@evelyn_ex, jane@example.org, "
		      "+44 7700 900123, https://example.com/u/jane) at "
		      "51.752034, -1.257726 tweet 1656000000000000008";
	snprintf(f->fingerprint, sizeof(f->fingerprint), "0123456789abcdef");

	cnd_anon_options_init(&o);
	cnd_anon_run(&run, &k, &o, reg);
	CHECK(!strstr(a->file, "riley") && strstr(a->file, ".zip"));
	CHECK(!strncmp(a->subject, "subject-", 8));
	CHECK(strstr(((struct cnd_member_note *)cnd_vec_at(&a->parsed, 0))
			     ->path,
		     "evelyn") == NULL);
	CHECK(!strncmp(f->client, "client-", 7));
	CHECK(strstr(f->evidence, "Evelyn") == NULL);
	CHECK(strstr(f->evidence, "evelyn_ex") == NULL);
	CHECK(strstr(f->evidence, "jane@") == NULL);
	CHECK(strstr(f->evidence, "7700") == NULL);
	CHECK(strstr(f->evidence, "example.com") == NULL);
	CHECK(strstr(f->evidence, "752034") == NULL);
	CHECK(strstr(f->evidence, "51.75") != NULL);
	CHECK(strstr(f->evidence, "1656000000000000008") == NULL);
	CHECK(strstr(f->evidence, f->client) != NULL);
	CHECK_INT(f->time, 1683590400); /* the day */
	CHECK(strcmp(f->fingerprint, "0123456789abcdef") != 0);
	CHECK_INT(strlen(f->fingerprint), 16);

	cnd_run_release(&run);
	cnd_register_free(reg);
	snprintf(path, sizeof(path), "%s/key", dir);
	unlink(path);
	rmdir(dir);
}
