/*
 * Research mode: results that identify no one. Every handle, account id,
 * display name, client reference and subject id in a finished run is
 * replaced by a stable pseudonym, HMAC-SHA256 under the researcher's key
 * (OpenSSL's libcrypto), so the same person gets the same pseudonym across
 * exports and runs with the same key and no one without the key can
 * reverse it. Free text is redacted (register names, @handles, e-mail
 * addresses, phone numbers, URLs, long numbers, case numbers) or dropped;
 * coordinates are coarsened to a grid and times to a unit. The run is
 * rewritten in place before the writers see it.
 */
#ifndef CONDUCT_ANON_H
#define CONDUCT_ANON_H

#include <stddef.h>
#include <stdint.h>

#include "conduct/base/error.h"

#define CND_ANON_KEY_BYTES 32

struct cnd_anon_key {
	unsigned char key[CND_ANON_KEY_BYTES];
	char id[17]; /* a public id of the key (not the key), for reports */
};

/*
 * Write a new random key to path (hex, mode 0600). Refuses to overwrite an
 * existing file. Returns CND_OK or CND_FATAL with err set.
 */
int cnd_anon_keygen(const char *path, struct cnd_error *err);
/* Read a key file. Returns CND_OK or CND_FATAL with err set. */
int cnd_anon_key_load(struct cnd_anon_key *k, const char *path,
		      struct cnd_error *err);

/*
 * The pseudonym of value as a thing of kind ("person", "account",
 * "subject", "client", ...): kind + "-" + 12 hex digits of
 * HMAC-SHA256(key, kind ":" normalised value). Values are normalised
 * (lower case, no leading '@', surrounding space trimmed) so "@Jane_Doe"
 * and "jane_doe" meet. Written into out (at least 48 bytes).
 */
void cnd_anon_pseudonym(const struct cnd_anon_key *k, const char *kind,
			const char *value, char *out, size_t n);

struct cnd_anon_options {
	double grid_deg;      /* coordinate grid in degrees (0.01 ~ 1 km) */
	int64_t time_unit_s;  /* 86400 = the day */
	int drop_text;	      /* --no-text: evidence holds no free text */
};

void cnd_anon_options_init(struct cnd_anon_options *o);

struct cnd_run;
struct cnd_register;

/*
 * Rewrite run for research output: pseudonyms for subjects, accounts,
 * archive file names, matched values and client references; evidence,
 * member paths, diagnostics and gaps redacted (names of clients in reg,
 * when given, become their client pseudonyms); finding times coarsened.
 * Strings are reallocated in the run's arena.
 */
void cnd_anon_run(struct cnd_run *run, const struct cnd_anon_key *k,
		  const struct cnd_anon_options *o,
		  const struct cnd_register *reg);

#endif
