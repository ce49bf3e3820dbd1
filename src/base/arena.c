/*
 * Memory helpers: the arena that holds a run's strings and is freed in one
 * go, the growable byte buffer, the growable array, and allocation wrappers
 * that abort on exhaustion (there is nothing useful to do without memory,
 * and every input limit is checked before allocating).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16

struct cnd_arena_block {
	struct cnd_arena_block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

static void out_of_memory(size_t n)
{
	fprintf(stderr, "conduct: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *cnd_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory(n);
	return p;
}

void *cnd_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		out_of_memory(n);
	return q;
}

void *cnd_xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);

	if (!p)
		out_of_memory(count * n);
	return p;
}

void *cnd_xzeroed(size_t count, size_t n)
{
	if (n && count > SIZE_MAX / n)
		out_of_memory(SIZE_MAX);
	return memset(cnd_xmalloc(count * n), 0, count * n);
}

char *cnd_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(cnd_xmalloc(n), s, n);
}

void cnd_arena_init(struct cnd_arena *a)
{
	a->head = NULL;
	a->used_bytes = 0;
}

void cnd_arena_release(struct cnd_arena *a)
{
	struct cnd_arena_block *b = a->head;

	while (b) {
		struct cnd_arena_block *next = b->next;

		free(b);
		b = next;
	}
	cnd_arena_init(a);
}

void cnd_arena_reset(struct cnd_arena *a)
{
	struct cnd_arena_block *b;

	if (!a->head)
		return;
	/* keep the last (oldest, standard-sized) block, free the rest */
	b = a->head;
	while (b->next) {
		struct cnd_arena_block *next = b->next;

		free(b);
		b = next;
	}
	b->used = 0;
	a->head = b;
	a->used_bytes = 0;
}

void *cnd_arena_alloc(struct cnd_arena *a, size_t n)
{
	struct cnd_arena_block *b = a->head;
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (need == 0)
		need = ARENA_ALIGN;
	if (!b || b->size - b->used < need) {
		size_t size = need > ARENA_BLOCK / 4 ? need : ARENA_BLOCK;

		if (b && size > ARENA_BLOCK) {
			/* big one-off: give it its own block behind the head */
			struct cnd_arena_block *big =
				cnd_xmalloc(sizeof(*big) + size);

			big->size = size;
			big->used = need;
			big->next = b->next;
			b->next = big;
			a->used_bytes += need;
			return big->data;
		}
		b = cnd_xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += need;
	a->used_bytes += need;
	return p;
}

char *cnd_arena_strndup(struct cnd_arena *a, const char *s, size_t n)
{
	char *p = cnd_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *cnd_arena_strdup(struct cnd_arena *a, const char *s)
{
	return s ? cnd_arena_strndup(a, s, strlen(s)) : NULL;
}

char *cnd_arena_printf(struct cnd_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return cnd_arena_strdup(a, "");
	p = cnd_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void cnd_buf_init(struct cnd_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void cnd_buf_release(struct cnd_buf *b)
{
	free(b->data);
	cnd_buf_init(b);
}

void cnd_buf_reset(struct cnd_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void cnd_buf_grow(struct cnd_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (need < b->cap * 2)
		need = b->cap * 2;
	if (need < 64)
		need = 64;
	b->data = cnd_xrealloc(b->data, need);
	b->cap = need;
}

void cnd_buf_add(struct cnd_buf *b, const void *data, size_t n)
{
	cnd_buf_grow(b, n);
	memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void cnd_buf_addc(struct cnd_buf *b, char c)
{
	cnd_buf_add(b, &c, 1);
}

void cnd_buf_adds(struct cnd_buf *b, const char *s)
{
	cnd_buf_add(b, s, strlen(s));
}

void cnd_buf_printf(struct cnd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	cnd_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void cnd_vec_init(struct cnd_vec *v, size_t item_size)
{
	v->items = NULL;
	v->len = v->cap = 0;
	v->size = item_size;
}

void cnd_vec_release(struct cnd_vec *v)
{
	free(v->items);
	cnd_vec_init(v, v->size);
}

void *cnd_vec_push(struct cnd_vec *v)
{
	void *slot;

	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->items = cnd_xrealloc(v->items, v->cap * v->size);
	}
	slot = (char *)v->items + v->len * v->size;
	memset(slot, 0, v->size);
	v->len++;
	return slot;
}
