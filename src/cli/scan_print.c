/*
 * What `conduct scan` and `conduct inspect` print for a reviewer: each
 * archive's diagnostics on stderr as the reports list them, the summary
 * of a scan (inputs, findings by severity and rule, files written) and
 * inspect's account of what each export holds, on stdout.
 */
#include <stdio.h>
#include <string.h>

#include "conduct/report/report.h"
#include "conduct/rules/rule.h"

#include "cli.h"

void cnd_scan_print_diags(const struct cnd_archive *a)
{
	size_t i;

	for (i = 0; i < a->diags.len; i++) {
		const struct cnd_diag *d = cnd_vec_at(&a->diags, i);

		fprintf(stderr, "conduct: %s: '%s'",
			cnd_diag_severity_name(d->status), a->file);
		if (d->member)
			fprintf(stderr, ": '%s'", d->member);
		if (d->item >= 0)
			fprintf(stderr, ": element %lld", d->item);
		if (d->line)
			fprintf(stderr, ": line %lu, column %lu", d->line,
				d->column);
		fprintf(stderr, ": %s", d->message);
		if (d->count > 1) {
			fprintf(stderr, " (%llu times in all",
				(unsigned long long)d->count);
			for (unsigned k = 0; k < d->n_items; k++)
				fprintf(stderr, "%s%lld",
					k ? ", " : ": elements ", d->items[k]);
			fprintf(stderr, "%s)", d->n_items &&
						       d->count > d->n_items ?
					       ", ..." : "");
		}
		fputc('\n', stderr);
	}
}

static void print_counts(FILE *f, const struct cnd_archive *a)
{
	int c, first = 1;

	for (c = 0; c < CND_COUNT__N; c++) {
		if (!a->counts[c])
			continue;
		fprintf(f, "%s%s %llu", first ? "" : ", ", cnd_count_name(c),
			(unsigned long long)a->counts[c]);
		first = 0;
	}
	if (first)
		fprintf(f, "no records");
}

void cnd_scan_print_summary(const struct cnd_run *run,
			    const struct cnd_scan_args *a)
{
	size_t i, ok = 0, bad = 0;
	const struct cnd_rule *const *r;

	for (i = 0; i < run->archives.len; i++)
		if (cnd_run_archive(run, i)->status >= CND_FAILED)
			bad++;
		else
			ok++;
	printf("conduct %s: %zu input%s scanned, %zu read in full, %zu with problems\n",
	       cnd_version, run->archives.len,
	       run->archives.len == 1 ? "" : "s", ok, bad);
	for (i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *ar = cnd_run_archive(run, i);

		printf("  %s: %s, %s, %s\n    ", ar->file,
		       ar->platform_title ? ar->platform_title :
					    "no platform recognised",
		       ar->subject, cnd_archive_status_name(ar->status));
		print_counts(stdout, ar);
		printf("\n");
	}
	printf("findings: %zu (high %llu, medium %llu, low %llu, info %llu)\n",
	       run->findings.len,
	       (unsigned long long)run->severity_counts[CND_SEV_HIGH],
	       (unsigned long long)run->severity_counts[CND_SEV_MEDIUM],
	       (unsigned long long)run->severity_counts[CND_SEV_LOW],
	       (unsigned long long)run->severity_counts[CND_SEV_INFO]);
	for (r = cnd_rules; *r; r++) {
		size_t n = 0;

		for (i = 0; i < run->findings.len; i++)
			if (!strcmp(cnd_run_finding(run, i)->rule, (*r)->id))
				n++;
		if (n)
			printf("  %-20s %zu\n", (*r)->id, n);
	}
	if (!run->opt.clients)
		printf("note: no client register given (--clients), so client rules could not run\n");
	printf("wrote %s%s%s\n", a->output, a->json ? ", " : "",
	       a->json ? a->json : "");
}

void cnd_scan_print_inspect(const struct cnd_run *run)
{
	size_t i, j;

	for (i = 0; i < run->archives.len; i++) {
		const struct cnd_archive *ar = cnd_run_archive(run, i);

		printf("%s\n  platform: %s\n  subject: %s\n  status: %s\n",
		       ar->file, ar->platform_title ? ar->platform_title :
						      "none recognised",
		       ar->subject, cnd_archive_status_name(ar->status));
		printf("  records: ");
		print_counts(stdout, ar);
		printf(" (%llu in all)\n", (unsigned long long)ar->records);
		printf("  members read: %zu\n", ar->parsed.len);
		for (j = 0; j < ar->parsed.len; j++) {
			const struct cnd_member_note *n =
				cnd_vec_at(&ar->parsed, j);

			printf("    %s: %s, %llu records from %llu entries\n",
			       n->path, n->what,
			       (unsigned long long)n->records,
			       (unsigned long long)n->entries);
		}
		for (j = 0; j < ar->declared.len; j++) {
			const struct cnd_declared *d =
				cnd_vec_at(&ar->declared, j);

			printf("  declared total: %s \"%s\" says %llu %s; %llu read%s\n",
			       d->member, d->key,
			       (unsigned long long)d->declared, d->of,
			       (unsigned long long)d->read,
			       d->status == CND_OK ? " (they match)" : "");
		}
		printf("  members ignored (not needed by any rule): %zu\n",
		       ar->ignored.len);
		printf("  members not recognised: %zu\n", ar->unrecognised.len);
		for (j = 0; j < ar->unrecognised.len; j++)
			printf("    %s\n", ((const struct cnd_member_note *)
						cnd_vec_at(&ar->unrecognised,
							   j))->path);
		for (j = 0; j < ar->gaps.len; j++)
			printf("  gap: %s\n",
			       *(const char **)cnd_vec_at(&ar->gaps, j));
	}
}
