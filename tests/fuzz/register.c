/*
 * libFuzzer target for the client register loader (src/config/register.c):
 * the input is the register's CSV text. A register that loads is then
 * asked the questions the rules ask: every client is matched by account
 * and the input itself is scanned for client names, so the matcher built
 * from hostile names and handles is exercised too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/config/register.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_problem(void *ud, size_t line, const char *msg)
{
	size_t *total = ud;

	*total += line + strlen(msg);
}

static int on_name(void *ud, const struct cnd_name_match *m)
{
	size_t *total = ud;

	*total += m->start + m->len + strlen(m->term);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cnd_register *r = NULL;
	struct cnd_error err;
	size_t total = 0, i;
	char *text;

	if (cnd_register_parse(&r, (const char *)data, size, on_problem,
			       &total, &err) >= CND_FATAL)
		return 0;
	text = malloc(size + 1);
	if (text) {
		memcpy(text, data, size);
		text[size] = '\0';
		cnd_register_scan_text(r, text, on_name, &total);
	}
	for (i = 0; i < cnd_register_count(r) && i < 64; i++) {
		const struct cnd_client *c = cnd_register_client(r, i);
		struct cnd_account acc;
		enum cnd_confidence conf;
		const char *matched;

		memset(&acc, 0, sizeof(acc));
		acc.id = c->ref;
		acc.handle = c->ref;
		acc.name = c->n_names ? c->names[0] : NULL;
		(void)cnd_register_match_account(r, "twitter", &acc, &conf,
						 &matched);
		(void)cnd_client_active_at(c, 0, 365);
	}
	free(text);
	cnd_register_free(r);
	return 0;
}
