/*
 * Eight bytes at a time in a 64-bit word ("SWAR"), for the scans that look
 * for a few bytes in long text: the JSON reader's strings, the word
 * splitter, and the CSV, JSON and workbook writers' runs of bytes they can
 * copy as they are. A test sets the high bit of each byte it flags; the
 * subtractions can borrow, so a byte after a flagged one may be flagged
 * too, but never one before it: whether any byte is flagged is exact, and
 * so is the lowest flag, which cnd_swar_first() turns into an offset on a
 * little-endian machine (CND_SWAR_FIRST says whether it can).
 */
#ifndef CONDUCT_SWAR_H
#define CONDUCT_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CND_SWAR_ONES 0x0101010101010101ull
#define CND_SWAR_HIGH 0x8080808080808080ull

#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CND_SWAR_FIRST 1
/* The offset of the lowest flagged byte of mask (not 0). */
static inline size_t cnd_swar_first(uint64_t mask)
{
	return (size_t)__builtin_ctzll(mask) >> 3;
}
#endif

/* The eight bytes at p, however aligned. */
static inline uint64_t cnd_swar_load(const void *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

/* Flags the zero bytes of x. */
static inline uint64_t cnd_swar_zero(uint64_t x)
{
	return (x - CND_SWAR_ONES) & ~x & CND_SWAR_HIGH;
}

/* Flags the bytes of x that are c. */
static inline uint64_t cnd_swar_eq(uint64_t x, unsigned char c)
{
	return cnd_swar_zero(x ^ (CND_SWAR_ONES * c));
}

/* Flags the bytes of x below 0x20 and those of 0x80 and above: what is
 * not printable ASCII (DEL aside). */
static inline uint64_t cnd_swar_unprintable(uint64_t x)
{
	return (x | ((x - CND_SWAR_ONES * 0x20) & ~x)) & CND_SWAR_HIGH;
}

#endif
