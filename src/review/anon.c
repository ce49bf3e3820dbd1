/*
 * Research mode (include/conduct/review/anon.h): keyed pseudonyms and redaction
 * applied to a finished run before any writer sees it. Pseudonyms are
 * HMAC-SHA256 under a 32-byte key from the researcher's key file, so they
 * are stable for one key and meaningless without it. Redaction works on
 * every free-text string the reports carry (evidence, member paths,
 * diagnostics, coverage gaps, the settings timeline's members and the
 * notes of decisions carried from a baseline): client names and
 * references from the register become the client's pseudonym, @handles
 * become account pseudonyms, and e-mail addresses, URLs, phone and id
 * numbers and case numbers become placeholders; decimal coordinates are
 * rounded to the grid. The export dates and follow sets that successive
 * exports are compared by get account pseudonyms and coarsened times
 * before the comparison, so the follow changes carry them too.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conduct/review/anon.h"
#include "conduct/base/arena.h"
#include "conduct/review/baseline.h"
#include "conduct/rules/follows.h"
#include "conduct/base/hash.h"
#include "conduct/base/path.h"
#include "conduct/config/policy.h"
#include "conduct/config/register.h"
#include "conduct/model/result.h"
#include "conduct/base/timeutil.h"

int cnd_anon_keygen(const char *path, struct cnd_error *err)
{
	unsigned char key[CND_ANON_KEY_BYTES];
	char hex[2 * CND_ANON_KEY_BYTES + 2];
	size_t i;
	int fd, ok;

	if (RAND_bytes(key, sizeof(key)) != 1)
		return cnd_error_set(err, CND_FATAL,
				     "cannot make a key: no random source");
	for (i = 0; i < sizeof(key); i++)
		snprintf(hex + 2 * i, 3, "%02x", key[i]);
	hex[2 * sizeof(key)] = '\n';
	hex[2 * sizeof(key) + 1] = '\0';
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return cnd_error_set(err, CND_FATAL,
				     "cannot create key file '%s': %s",
				     cnd_path_base(path), strerror(errno));
	ok = write(fd, hex, strlen(hex)) == (ssize_t)strlen(hex);
	ok = (fsync(fd) == 0) && ok;
	ok = (close(fd) == 0) && ok;
	memset(key, 0, sizeof(key));
	memset(hex, 0, sizeof(hex));
	if (!ok) {
		unlink(path);
		return cnd_error_set(err, CND_FATAL,
				     "cannot write key file '%s'",
				     cnd_path_base(path));
	}
	return CND_OK;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int cnd_anon_key_load(struct cnd_anon_key *k, const char *path,
		      struct cnd_error *err)
{
	char text[2 * CND_ANON_KEY_BYTES + 64];
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	FILE *f = fopen(path, "r");
	size_t n, i;

	if (!f)
		return cnd_error_set(err, CND_FATAL,
				     "cannot read key file '%s': %s",
				     cnd_path_base(path), strerror(errno));
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r' ||
		     text[n - 1] == ' '))
		text[--n] = '\0';
	if (n != 2 * CND_ANON_KEY_BYTES)
		return cnd_error_set(err, CND_FATAL,
				     "key file '%s' does not hold a key (64 hex digits, as 'conduct keygen' writes)",
				     cnd_path_base(path));
	for (i = 0; i < CND_ANON_KEY_BYTES; i++) {
		int hi = hexval(text[2 * i]), lo = hexval(text[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return cnd_error_set(err, CND_FATAL,
					     "key file '%s' holds a character that is not hex",
					     cnd_path_base(path));
		k->key[i] = (unsigned char)(hi << 4 | lo);
	}
	memset(text, 0, sizeof(text));
	HMAC(EVP_sha256(), k->key, CND_ANON_KEY_BYTES,
	     (const unsigned char *)"conduct key id", 14, mac, &maclen);
	for (i = 0; i < 8; i++)
		snprintf(k->id + 2 * i, 3, "%02x", mac[i]);
	return CND_OK;
}

/* The first nhex hex digits of HMAC-SHA256(key, msg) into hex. */
static void hmac_hex(const struct cnd_anon_key *k, const char *msg,
		     size_t len, char *hex, size_t nhex)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	size_t i;

	HMAC(EVP_sha256(), k->key, CND_ANON_KEY_BYTES,
	     (const unsigned char *)msg, len, mac, &maclen);
	for (i = 0; i < nhex / 2 && i < maclen; i++)
		snprintf(hex + 2 * i, 3, "%02x", mac[i]);
}

void cnd_anon_pseudonym(const struct cnd_anon_key *k, const char *kind,
			const char *value, char *out, size_t n)
{
	struct cnd_buf b = CND_BUF_INIT;
	char hex[13];
	const char *v = value ? value : "";
	size_t len, i;

	while (*v == ' ' || *v == '@')
		v++;
	len = strlen(v);
	while (len && v[len - 1] == ' ')
		len--;
	cnd_buf_adds(&b, kind);
	cnd_buf_addc(&b, ':');
	for (i = 0; i < len; i++) {
		char c = v[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		cnd_buf_addc(&b, c);
	}
	hmac_hex(k, b.data, b.len, hex, 12);
	snprintf(out, n, "%s-%s", kind, hex);
	cnd_buf_release(&b);
}

void cnd_anon_options_init(struct cnd_anon_options *o)
{
	o->grid_deg = 0.01;
	o->time_unit_s = 86400;
	o->drop_text = 0;
}

/* --- redaction --- */

struct redactor {
	struct cnd_arena *arena;
	const struct cnd_anon_key *key;
	const struct cnd_anon_options *opt;
	const struct cnd_register *reg;
	const struct cnd_policy *policy;
};

static int is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Length of an e-mail address at s[i], or 0. */
static size_t email_at(const char *s, size_t i)
{
	size_t a = i, at, dot = 0, e;

	if (i && (is_word((unsigned char)s[i - 1]) || s[i - 1] == '.'))
		return 0;
	while (is_word((unsigned char)s[a]) || s[a] == '.' || s[a] == '+' ||
	       s[a] == '-')
		a++;
	if (a == i || s[a] != '@')
		return 0;
	at = a++;
	for (e = a; is_word((unsigned char)s[e]) || s[e] == '.' || s[e] == '-';
	     e++)
		if (s[e] == '.')
			dot = e;
	if (!dot || dot == at + 1 || dot + 1 >= e)
		return 0;
	return e - i;
}

/*
 * A run of digits with phone-like separators at s[i]: its length when it
 * holds 6 or more digits (phone numbers, account and post ids, case
 * numbers), else 0.
 */
static size_t number_at(const char *s, size_t i)
{
	size_t e = i, digits = 0, last = i;

	if (i && is_word((unsigned char)s[i - 1]))
		return 0;
	if (s[e] == '+' || s[e] == '(')
		e++;
	while (s[e]) {
		if (is_digit((unsigned char)s[e])) {
			digits++;
			last = ++e;
		} else if ((s[e] == ' ' || s[e] == '-' || s[e] == '.' ||
			    s[e] == '(' || s[e] == ')' || s[e] == '/') &&
			   is_digit((unsigned char)s[e + 1])) {
			e++;
		} else {
			break;
		}
	}
	return digits >= 6 && !is_word((unsigned char)s[last]) ? last - i : 0;
}

/* A decimal coordinate at s[i] ("-51.752034"): its length, or 0. */
static size_t coordinate_at(const char *s, size_t i, double *value)
{
	size_t e = i, decimals = 0;
	char *end;

	if (i && (is_word((unsigned char)s[i - 1]) || s[i - 1] == '.'))
		return 0;
	if (s[e] == '-')
		e++;
	if (!is_digit((unsigned char)s[e]))
		return 0;
	while (is_digit((unsigned char)s[e]))
		e++;
	if (s[e] != '.' || e - i > 4)
		return 0;
	e++;
	while (is_digit((unsigned char)s[e])) {
		e++;
		decimals++;
	}
	if (decimals < 3 || is_word((unsigned char)s[e]))
		return 0;
	*value = strtod(s + i, &end);
	return (size_t)(end - (s + i)) == e - i ? e - i : 0;
}

struct span {
	size_t start, len;
	const char *with;
};

struct spans {
	struct span items[64];
	size_t n;
};

static int overlaps(const struct spans *sp, size_t start, size_t len)
{
	size_t i;

	for (i = 0; i < sp->n; i++)
		if (start < sp->items[i].start + sp->items[i].len &&
		    sp->items[i].start < start + len)
			return 1;
	return 0;
}

static void span_add(struct spans *sp, size_t start, size_t len,
		     const char *with)
{
	if (sp->n == sizeof(sp->items) / sizeof(sp->items[0]) ||
	    overlaps(sp, start, len))
		return;
	sp->items[sp->n].start = start;
	sp->items[sp->n].len = len;
	sp->items[sp->n].with = with;
	sp->n++;
}

struct name_ctx {
	struct redactor *r;
	struct spans *sp;
};

static int on_client_name(void *ud, const struct cnd_name_match *m)
{
	struct name_ctx *nc = ud;
	char p[64];

	cnd_anon_pseudonym(nc->r->key, "client", m->client->ref, p, sizeof(p));
	span_add(nc->sp, m->start, m->len, cnd_arena_strdup(nc->r->arena, p));
	return 0;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Every whole-word occurrence of the client's reference in text (evidence
 * says "registered client C-1042") becomes the client's pseudonym.
 */
static void client_refs(struct redactor *r, const struct cnd_client *c,
			const char *text, struct spans *sp)
{
	const char *at = text;
	size_t n;
	char p[64];

	if (!c || !c->ref || !*c->ref)
		return;
	n = strlen(c->ref);
	while ((at = strstr(at, c->ref))) {
		if ((at == text || !is_word((unsigned char)at[-1])) &&
		    !is_word((unsigned char)at[n])) {
			cnd_anon_pseudonym(r->key, "client", c->ref, p,
					   sizeof(p));
			span_add(sp, (size_t)(at - text), n,
				 cnd_arena_strdup(r->arena, p));
		}
		at += n;
	}
}

/* A time coarsened down to the start of its unit. */
static int64_t coarsen(const struct cnd_anon_options *o, int64_t t)
{
	int64_t u = o->time_unit_s;

	if (t == CND_TIME_NONE || u <= 1)
		return t;
	return (t >= 0 ? t : t - u + 1) / u * u;
}

/*
 * A date ("2023-04-12") or UTC time ("2023-04-12T18:30:02Z") at s[i]: its
 * length, or 0. Evidence gives the times of the records it sums up; they
 * are coarsened like the findings' own times.
 */
static size_t when_at(const char *s, size_t i, int64_t *t)
{
	static const char date[] = "dddd-dd-dd", time[] = "Tdd:dd:ddZ";
	char buf[24];
	size_t n = 0;

	if (i && is_word((unsigned char)s[i - 1]))
		return 0;
	for (; date[n]; n++)
		if (date[n] == 'd' ? !is_digit((unsigned char)s[i + n]) :
				     s[i + n] != date[n])
			return 0;
	if (s[i + n] == 'T') {
		for (size_t k = 0; time[k]; k++)
			if (time[k] == 'd' ?
				    !is_digit((unsigned char)s[i + n + k]) :
				    s[i + n + k] != time[k])
				return 0;
		n += sizeof(time) - 1;
	}
	if (is_word((unsigned char)s[i + n]))
		return 0;
	memcpy(buf, s + i, n);
	buf[n] = '\0';
	return cnd_time_parse_iso(buf, t) == 0 ? n : 0;
}

/* t coarsened to the unit, as a day, or a day and hour for hours. */
static const char *when_text(struct redactor *r, int64_t t)
{
	char buf[32];

	t = coarsen(r->opt, t);
	cnd_time_format_utc(t, buf, sizeof(buf));
	if (r->opt->time_unit_s >= 86400)
		buf[10] = '\0';
	else if (strlen(buf) >= 20)
		memcpy(buf + 13, ":00Z", 5);
	return cnd_arena_strdup(r->arena, buf);
}

/* The redacted copy of text (NULL stays NULL). */
static const char *redact(struct redactor *r, const char *text)
{
	struct spans sp;
	struct cnd_buf out = CND_BUF_INIT;
	const char *result;
	size_t i, at = 0, n;
	char tmp[64];

	if (!text)
		return NULL;
	sp.n = 0;
	if (r->reg) {
		struct name_ctx nc = { r, &sp };

		cnd_register_scan_text(r->reg, text, on_client_name, &nc);
	}
	if (r->reg) {
		for (i = 0; i < cnd_register_count(r->reg); i++)
			client_refs(r, cnd_register_client(r->reg, i), text,
				    &sp);
	}
	if (r->policy) {
		for (i = 0; i < r->policy->patterns.len; i++) {
			const struct cnd_pattern *p =
				cnd_vec_at(&r->policy->patterns, i);
			regmatch_t m;
			size_t off = 0;

			if (!cnd_refilter_may_match(&p->pre, text))
				continue;
			while (text[off] &&
			       regexec(&p->re, text + off, 1, &m,
				       off ? REG_NOTBOL : 0) == 0 &&
			       m.rm_eo > m.rm_so) {
				span_add(&sp, off + (size_t)m.rm_so,
					 (size_t)(m.rm_eo - m.rm_so),
					 "[case number]");
				off += (size_t)m.rm_eo;
			}
		}
	}
	for (i = 0; text[i]; i++) {
		int64_t when;
		double v;

		if (text[i] == 'h' && (!strncmp(text + i, "http://", 7) ||
				       !strncmp(text + i, "https://", 8))) {
			n = 0;
			while (text[i + n] && text[i + n] != ' ' &&
			       text[i + n] != '\n' && text[i + n] != '"')
				n++;
			span_add(&sp, i, n, "[url]");
			i += n - 1;
		} else if ((n = email_at(text, i))) {
			span_add(&sp, i, n, "[email]");
			i += n - 1;
		} else if (text[i] == '@' && is_word((unsigned char)text[i + 1]) &&
			   (!i || !is_word((unsigned char)text[i - 1]))) {
			char h[128];

			n = 1;
			while (is_word((unsigned char)text[i + n]) && n < 100)
				n++;
			snprintf(h, sizeof(h), "%.*s", (int)(n - 1), text + i + 1);
			cnd_anon_pseudonym(r->key, "account", h, tmp,
					   sizeof(tmp));
			span_add(&sp, i, n,
				 cnd_arena_printf(r->arena, "@%s", tmp));
			i += n - 1;
		} else if ((n = when_at(text, i, &when))) {
			span_add(&sp, i, n, when_text(r, when));
			i += n - 1;
		} else if ((n = coordinate_at(text, i, &v))) {
			double g = r->opt->grid_deg > 0 ? r->opt->grid_deg : 0.01;

			span_add(&sp, i, n,
				 cnd_arena_printf(r->arena, "%.2f",
						  floor(v / g) * g));
			i += n - 1;
		} else if ((n = number_at(text, i))) {
			span_add(&sp, i, n, "[number]");
			i += n - 1;
		}
	}
	if (!sp.n)
		return text;
	qsort(sp.items, sp.n, sizeof(sp.items[0]), cmp_span);
	for (i = 0; i < sp.n; i++) {
		cnd_buf_add(&out, text + at, sp.items[i].start - at);
		cnd_buf_adds(&out, sp.items[i].with);
		at = sp.items[i].start + sp.items[i].len;
	}
	cnd_buf_adds(&out, text + at);
	result = cnd_arena_strdup(r->arena, out.data);
	cnd_buf_release(&out);
	return result;
}

/*
 * A member path with each component redacted; message-thread folders
 * named after a person ("janedoe_10157285", Meta's inbox) become
 * pseudonyms.
 */
static const char *redact_path(struct redactor *r, const char *path)
{
	struct cnd_buf out = CND_BUF_INIT;
	const char *p = path, *result;
	char tmp[64];

	if (!path)
		return NULL;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		char *comp = cnd_arena_strndup(r->arena, p, n);
		const char *u = strrchr(comp, '_');

		if (u && strlen(u + 1) >= 5 &&
		    strspn(u + 1, "0123456789") == strlen(u + 1)) {
			cnd_anon_pseudonym(r->key, "thread", comp, tmp,
					   sizeof(tmp));
			cnd_buf_adds(&out, tmp);
		} else {
			cnd_buf_adds(&out, redact(r, comp));
		}
		if (!slash)
			break;
		cnd_buf_addc(&out, '/');
		p = slash + 1;
	}
	result = cnd_arena_strdup(r->arena, out.data ? out.data : "");
	cnd_buf_release(&out);
	return result;
}

static const char *pseudo(struct redactor *r, const char *kind,
			  const char *value)
{
	char tmp[64];

	if (!value)
		return NULL;
	cnd_anon_pseudonym(r->key, kind, value, tmp, sizeof(tmp));
	return cnd_arena_strdup(r->arena, tmp);
}

/* A file name's pseudonym, keeping what kind of file it is. */
static const char *pseudo_file(struct redactor *r, const char *file)
{
	static const char *const exts[] = { ".tar.gz", ".tgz", ".zip", ".tar",
					    ".7z", ".csv", ".json", NULL };
	size_t n = strlen(file), i;
	char tmp[64];

	cnd_anon_pseudonym(r->key, "export", file, tmp, sizeof(tmp));
	for (i = 0; exts[i]; i++) {
		size_t e = strlen(exts[i]);

		if (n > e && !strcmp(file + n - e, exts[i]))
			return cnd_arena_printf(r->arena, "%s%s", tmp, exts[i]);
	}
	return cnd_arena_strdup(r->arena, tmp);
}

static void redact_notes(struct redactor *r, struct cnd_vec *v)
{
	size_t i;

	for (i = 0; i < v->len; i++) {
		struct cnd_member_note *n = cnd_vec_at(v, i);

		n->path = redact_path(r, n->path);
	}
}

/* A fingerprint as research output shows it (keyed, not reversible). */
static void anon_fingerprint(const struct cnd_anon_key *k, const char *in,
			     char *out, size_t n)
{
	char fp[CND_SHA256_HEX + 3];

	snprintf(fp, sizeof(fp), "fp:%s", in ? in : "");
	hmac_hex(k, fp, strlen(fp), out, n - 1);
	out[n - 1] = '\0';
}

/*
 * A research copy of a decision carried from the baseline: the reviewer's
 * name a pseudonym, the subject too, the note and last year's evidence
 * redacted (dropped with --no-text), the fingerprint keyed like the
 * findings'. The baseline's own decision is left alone.
 */
static const struct cnd_decision *anon_decision(struct redactor *r,
						const struct cnd_decision *d)
{
	struct cnd_decision *c;
	char fp[17];

	if (!d)
		return NULL;
	c = cnd_arena_alloc(r->arena, sizeof(*c));
	*c = *d;
	anon_fingerprint(r->key, d->fingerprint, fp, sizeof(fp));
	c->fingerprint = cnd_arena_strdup(r->arena, fp);
	c->subject = pseudo(r, "subject", d->subject);
	c->reviewer = pseudo(r, "reviewer", d->reviewer);
	c->note = r->opt->drop_text && d->note ? "[text withheld: --no-text]" :
						 redact(r, d->note);
	c->evidence = r->opt->drop_text ? NULL : redact(r, d->evidence);
	return c;
}

/* The settings timeline with member paths redacted and times coarsened. */
static void anon_settings(struct redactor *r, struct cnd_archive *a)
{
	struct cnd_setting_interval *iv;

	if (!a->n_settings)
		return;
	iv = cnd_arena_alloc(r->arena, a->n_settings * sizeof(*iv));
	memcpy(iv, a->settings, a->n_settings * sizeof(*iv));
	for (size_t i = 0; i < a->n_settings; i++) {
		iv[i].prov.member = redact_path(r, iv[i].prov.member);
		iv[i].from = coarsen(r->opt, iv[i].from);
		iv[i].to = coarsen(r->opt, iv[i].to);
	}
	a->settings = iv;
}

/*
 * The archive's export date and follow set: each identifier and name the
 * pseudonym of the account (so two exports still match), times coarsened.
 * The set reaches only per-archive reports; the changes found in it carry
 * these pseudonyms.
 */
static void anon_follows(struct redactor *r, struct cnd_archive *a)
{
	struct cnd_follow_set *set = a->follows;

	if (a->made_source)
		a->made = coarsen(r->opt, a->made);
	for (size_t i = 0; set && i < set->n; i++) {
		struct cnd_follow *f = cnd_follow_at(set, i);
		char tmp[64];

		cnd_anon_pseudonym(r->key, "account", f->key + 2, tmp,
				   sizeof(tmp));
		f->key = cnd_arena_printf(r->arena, "%c:%s", f->key[0], tmp);
		f->who = pseudo(r, "account", f->who);
		f->time = coarsen(r->opt, f->time);
	}
}

void cnd_anon_run(struct cnd_run *run, const struct cnd_anon_key *k,
		  const struct cnd_anon_options *o,
		  const struct cnd_register *reg)
{
	struct redactor r = { &run->arena, k, o, reg, run->opt.policy };
	size_t i, j;

	for (i = 0; i < run->archives.len; i++) {
		struct cnd_archive *a = cnd_run_archive(run, i);

		a->file = pseudo_file(&r, a->file);
		for (j = 0; j < a->parts.len; j++) {
			struct cnd_part *p = cnd_vec_at(&a->parts, j);

			p->file = pseudo_file(&r, p->file);
		}
		a->subject = pseudo(&r, "subject", a->subject);
		a->account = pseudo(&r, "account", a->account);
		a->consent_ref = pseudo(&r, "consent", a->consent_ref);
		anon_settings(&r, a);
		anon_follows(&r, a);
		redact_notes(&r, &a->parsed);
		redact_notes(&r, &a->ignored);
		redact_notes(&r, &a->unrecognised);
		for (j = 0; j < a->gaps.len; j++) {
			const char **g = cnd_vec_at(&a->gaps, j);

			*g = redact(&r, *g);
		}
		for (j = 0; j < a->diags.len; j++) {
			struct cnd_diag *d = cnd_vec_at(&a->diags, j);

			d->member = redact_path(&r, d->member);
			d->message = redact(&r, d->message);
		}
		for (j = 0; j < a->declared.len; j++) {
			struct cnd_declared *d = cnd_vec_at(&a->declared, j);

			d->member = redact_path(&r, d->member);
			d->of = redact_path(&r, d->of);
		}
	}
	for (i = 0; i < run->findings.len; i++) {
		struct cnd_finding *f = cnd_run_finding(run, i);
		char fp[CND_SHA256_HEX + 3];

		f->matched = pseudo(&r, f->client ? "client" : "account",
				    f->client ? f->client : f->matched);
		f->client = pseudo(&r, "client", f->client);
		f->record_id = pseudo(&r, "record", f->record_id);
		f->evidence = o->drop_text ? "[text withheld: --no-text]" :
					     redact(&r, f->evidence);
		/* the distance was said in the text: withheld with it */
		if (o->drop_text)
			f->distance_kind = CND_DIST_NONE;
		f->prov.member = redact_path(&r, f->prov.member);
		f->time = coarsen(o, f->time);
		/* a fingerprint of a public post id could be reversed */
		anon_fingerprint(k, f->fingerprint, fp, sizeof(f->fingerprint));
		memcpy(f->fingerprint, fp, sizeof(f->fingerprint));
		f->review = anon_decision(&r, f->review);
	}
	for (i = 0; i < run->absent.len; i++) {
		const struct cnd_decision **d = cnd_vec_at(&run->absent, i);

		*d = anon_decision(&r, *d);
	}
}
