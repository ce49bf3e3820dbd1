/*
 * Arena allocator and growable byte buffer. Strings that belong to one
 * archive's results (findings, diagnostics, account maps) are allocated in an
 * arena and freed all at once when the run ends; per-record scratch strings
 * use a second arena that is reset after every record, which keeps memory
 * bounded by the largest record. The growable buffer (struct cnd_buf) is the
 * one place that reallocates byte strings, in the manner of git's strbuf.
 * Allocation failure aborts the process: conduct has no useful way to go on
 * without memory and every limit that matters is enforced before allocating.
 */
#ifndef CONDUCT_ARENA_H
#define CONDUCT_ARENA_H

#include <stddef.h>

struct cnd_arena_block;

struct cnd_arena {
	struct cnd_arena_block *head;
	size_t used_bytes; /* total bytes handed out, for statistics */
};

void cnd_arena_init(struct cnd_arena *a);
/* Free every block; the arena may be used again afterwards. */
void cnd_arena_release(struct cnd_arena *a);
/* Keep the first block, forget everything allocated (cheap per-record reset). */
void cnd_arena_reset(struct cnd_arena *a);

/* n bytes aligned for any type; never NULL. Valid until release/reset. */
void *cnd_arena_alloc(struct cnd_arena *a, size_t n);
/* Copy of s (NULL gives NULL). */
char *cnd_arena_strdup(struct cnd_arena *a, const char *s);
/* Copy of the first n bytes of s, NUL-terminated. */
char *cnd_arena_strndup(struct cnd_arena *a, const char *s, size_t n);
/* printf into the arena. */
char *cnd_arena_printf(struct cnd_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* malloc/realloc/calloc that abort on failure. */
void *cnd_xmalloc(size_t n);
void *cnd_xrealloc(void *p, size_t n);
void *cnd_xcalloc(size_t count, size_t n);
char *cnd_xstrdup(const char *s);

/*
 * Zeroed like cnd_xcalloc, but written at once: for a hash table that is
 * probed (read, then written) all over as soon as it is made. calloc maps
 * a big block's fresh pages to the shared zero page, so each page would
 * fault twice, and the second fault copies the page and interrupts every
 * other core the process runs on to flush its TLB.
 */
void *cnd_xzeroed(size_t count, size_t n);

/* Growable byte buffer, always NUL-terminated after len bytes. */
struct cnd_buf {
	char *data;
	size_t len;
	size_t cap;
};

#define CND_BUF_INIT { NULL, 0, 0 }

void cnd_buf_init(struct cnd_buf *b);
void cnd_buf_release(struct cnd_buf *b);
void cnd_buf_reset(struct cnd_buf *b); /* len = 0, keeps the memory */
void cnd_buf_grow(struct cnd_buf *b, size_t extra);
void cnd_buf_add(struct cnd_buf *b, const void *data, size_t n);
void cnd_buf_addc(struct cnd_buf *b, char c);
void cnd_buf_adds(struct cnd_buf *b, const char *s);
void cnd_buf_printf(struct cnd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Growable array of fixed-size items: `items` holds `len` elements of
 * `size` bytes. cnd_vec_push returns a pointer to a new zeroed slot, valid
 * until the next push.
 */
struct cnd_vec {
	void *items;
	size_t len;
	size_t cap;
	size_t size;
};

void cnd_vec_init(struct cnd_vec *v, size_t item_size);
void cnd_vec_release(struct cnd_vec *v);
void *cnd_vec_push(struct cnd_vec *v);
static inline void *cnd_vec_at(const struct cnd_vec *v, size_t i)
{
	return (char *)v->items + i * v->size;
}

#endif
