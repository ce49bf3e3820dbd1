/*
 * The parallel scheduler of a batch: the inputs of a run scanned on up to N
 * processors, the biggest files first so that a batch does not end with one
 * big export still being read while the other processors wait, each input
 * into a run of its own on its own thread, then absorbed into the caller's
 * run in input order, so the reports are the same whatever N is. With fewer
 * inputs than processors each input may use helper threads instead
 * (cnd_options.helpers); with one processor everything runs on the calling
 * thread. An INPUT is one path, or the parts of a split export joined with
 * '+' ("export-1.zip+export-2.zip") unless a file of that very name exists.
 */
#ifndef CONDUCT_RUN_BATCH_H
#define CONDUCT_RUN_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/model/result.h"

/* One INPUT to scan, with its subject's settings (a manifest row's). */
struct cnd_batch_job {
	const char *input;
	/* subject, period and consent; paths and n_paths are filled in from
	   input when it is scanned */
	struct cnd_input_spec spec;
};

/* What a batch tells its caller (a progress display); any may be NULL. */
struct cnd_batch_events {
	/* once, before the first input: the bytes of all the inputs' files */
	void (*sized)(void *ud, uint64_t bytes);
	/* after each input, on the thread that scanned it (so it must lock):
	   the job's index and the bytes of its files */
	void (*done)(void *ud, size_t job, uint64_t bytes);
	void *ud;
};

/* The processors this process may run on (1 to 256): -j's default. */
unsigned cnd_batch_processors(void);

/*
 * The bytes of a job's files, the parts of a split export added up (a
 * directory or a missing file counts none): what the batch orders by.
 */
uint64_t cnd_batch_job_bytes(const struct cnd_batch_job *job);

/*
 * The order in which a batch of more than one thread takes its n jobs:
 * order[k] is the index of the k-th, biggest files first, equal sizes in
 * input order. Returns 0, or -1 when memory ran out.
 */
int cnd_batch_order(const struct cnd_batch_job *jobs, size_t n,
		    size_t *order);

/*
 * Scan every job into run with up to n_cpu processors: one after another
 * on this thread, or on min(n_cpu, n) threads taking the next biggest job,
 * each into a run of its own that is then absorbed into run in job order
 * (cnd_run_absorb), so run ends as if it had scanned the jobs in turn.
 * Sets run->opt.helpers (1 when there are more processors than jobs).
 * When no thread can be started the jobs are scanned in turn without
 * helpers. Returns the worst status of the archives appended (CND_OK when
 * there was none).
 */
int cnd_batch_scan(struct cnd_run *run, const struct cnd_batch_job *jobs,
		   size_t n, unsigned n_cpu, const struct cnd_batch_events *ev);

#endif
