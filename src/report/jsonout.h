/*
 * JSON out: a Jansson value written in Jansson's own indented format
 * (JSON_INDENT(2)) or on one line, faster than Jansson writes it; private
 * to the report writers (src/report/jsonout.c).
 */
#ifndef CONDUCT_JSONOUT_H
#define CONDUCT_JSONOUT_H

#include <jansson.h>
#include <string.h>

#include "conduct/base/arena.h"

/* cnd_buf_add() inline: the writers' bytes go through here. */
static inline void jo_put(struct cnd_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap)
		cnd_buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/*
 * Append v to out as json_dumps(v, JSON_INDENT(2) | JSON_ENCODE_ANY)
 * writes it, but `depth` levels deep (each line break followed by two more
 * spaces per level), so that a value written on its own is the same bytes
 * as inside a whole document dumped at once. Strings are written as they
 * are held (Jansson's strings are valid UTF-8); keys in the object's
 * order. Returns 0, or -1 when a real could not be formatted.
 */
int cnd_json_dump_buf(struct cnd_buf *out, const json_t *v, int depth);

/*
 * The depth that writes v on one line, without spaces (as JSON_COMPACT):
 * for the report's findings, one to a line.
 */
#define CND_JSON_FLAT (-1000000)

/* s[0..n) (valid UTF-8) as a JSON string, with Jansson's escapes. */
void cnd_json_out_string(struct cnd_buf *out, const char *s, size_t n);
/*
 * The same for s of unknown validity: 0, or -1 with nothing written when
 * s[0..n) is not valid UTF-8 (one pass checks and writes it).
 */
int cnd_json_out_utf8(struct cnd_buf *out, const char *s, size_t n);

#endif
