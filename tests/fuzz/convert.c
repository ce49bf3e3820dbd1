/*
 * libFuzzer target for the converters every platform shares: time
 * formats (src/base/timeutil.c), coordinates (src/base/geo.c), and the
 * text functions of src/text/ (HTML entity decoding, mojibake
 * repair, UTF-8 validation, folding, excerpts and the whole-word
 * matcher). The input is cut at its first two NUL bytes into a text, a
 * term list (one term a line) and the rest; each converter gets the piece
 * it reads, as a NUL-terminated string the way handlers pass them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/base/geo.h"
#include "conduct/match/matcher.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_match(void *ud, const struct cnd_match *m)
{
	const char *text = ud;

	/* the match must lie inside the text */
	if (m->start + m->len > strlen(text))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cnd_arena a;
	struct cnd_matcher *m;
	char *buf, *text, *terms, *line, *next;
	char out[64];
	int64_t t;
	double lat, lon;
	size_t n, start, len;

	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	text = buf;
	n = strlen(text);
	terms = n < size ? text + n + 1 : text + n;

	if (cnd_time_parse_any(text, &t) == 0) {
		cnd_time_format_utc(t, out, sizeof(out));
		cnd_time_format_month(t, out, sizeof(out));
		cnd_time_format_local(t, out, sizeof(out));
	}
	(void)cnd_time_parse_twitter(text, &t);
	(void)cnd_time_parse_iso(text, &t);
	(void)cnd_time_parse_dmy(text, &t);
	(void)cnd_time_parse_day(text, &t, CND_DAY_SLASH | CND_DAY_END);
	(void)cnd_time_parse_us(text, &t);
	if (cnd_geo_parse(text, &lat, &lon) == 0)
		(void)cnd_geo_valid(lat, lon);

	cnd_arena_init(&a);
	(void)cnd_html_unescape(&a, text);
	(void)cnd_text_unmojibake(&a, text);
	(void)cnd_utf8_valid((const char *)data, size);
	(void)cnd_text_fold(&a, (const char *)data, size);
	start = n ? (size_t)data[0] % n : 0;
	len = n > start ? (size_t)(size > 1 ? data[1] : 0) % (n - start + 1) :
			  0;
	(void)cnd_text_excerpt(&a, text, start, len, 1 + (n & 63));

	m = cnd_matcher_new();
	for (line = terms; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		(void)cnd_matcher_add(m, line, line);
	}
	cnd_matcher_scan(m, text, on_match, text);
	cnd_matcher_free(m);
	cnd_arena_release(&a);
	free(buf);
	return 0;
}
