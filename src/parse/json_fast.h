/*
 * Private to src/parse/: the JSON element parser (json_fast.c) that the
 * streaming reader (json.c) hands each element to: the drop list, the
 * parser's state, and the arena Jansson allocates from while an element is
 * parsed and handed over.
 */
#ifndef CONDUCT_CORE_JSON_FAST_H
#define CONDUCT_CORE_JSON_FAST_H

#include <stddef.h>

#include <jansson.h>

#include "conduct/base/arena.h"

/* Byte classes: where each fast-forward loop must stop. */
enum {
	CND_JC_WS = 1,	  /* whitespace between tokens */
	CND_JC_STR = 2,	  /* ends a run inside a string */
	CND_JC_CONT = 4,  /* ends a run inside a container, outside strings */
	CND_JC_DELIM = 8, /* ends a number or literal */
};

/* The class of every byte (CND_JC_* bits). */
extern const unsigned char cnd_json_cls[256];

/*
 * The reader's drop list with a filter in front: for each first byte, the
 * key lengths (63 meaning 63 or more) that some dropped key has, so that
 * nearly every kept key is let through after one lookup.
 */
#define FP_DROP_SLOTS 128 /* a power of two; at most half of them used */

/*
 * A drop list as an open-addressing table keyed by a key's first and last
 * bytes and length, so a key is checked with one comparison or two; a list
 * too long for the table (none is) is searched name by name.
 */
struct fp_drop {
	const char *const *names;
	int linear; /* the list did not fit: search names */
	struct {
		const char *name; /* NULL: empty */
		size_t len;
	} slot[FP_DROP_SLOTS];
};

/* The element parser's state over in[0..n). */
struct fp {
	const char *p, *end;
	const struct fp_drop *drop; /* NULL: keep every key */
	struct cnd_buf *tmp;	/* unescaped string bytes */
	struct cnd_arena *keys; /* unescaped keys, until the element is done */
	unsigned depth;
	unsigned long lines;  /* newlines passed (only whitespace holds them) */
	const char *line_end; /* the last of them */
	/*
	 * The first key met twice in one object with different values (the
	 * last is kept): its raw bytes and the newlines passed before it.
	 */
	const char *dup_key;
	size_t dup_len;
	unsigned long dup_lines;
};

/* The drop list names (ending with NULL) as a table. */
void fp_drop_init(struct fp_drop *d, const char *const *names);
/* One value at f->p; NULL when it is not a clean value (Jansson says why). */
json_t *fp_value(struct fp *f);
json_t *fp_parse(const char *in, size_t n, const struct fp_drop *drop,
			struct cnd_buf *tmp, struct cnd_arena *keys,
			struct fp *out);

/*
 * Where Jansson allocates while an element is parsed and handed over
 * (thread-local), or NULL for malloc.
 */
extern _Thread_local struct cnd_arena *fp_arena;

#endif
