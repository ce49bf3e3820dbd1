/*
 * libFuzzer target for the CSV reader (src/parse/csv.c): RFC 4180 quoting,
 * line endings, byte order marks, UTF-16 conversion and separator
 * sniffing. Every field of every row is read in full, so a field that
 * runs past its buffer shows up under AddressSanitizer; the first byte
 * chooses whether the callback stops early.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "conduct/parse/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct state {
	size_t bytes, rows, stop_at;
};

static int on_row(void *ud, size_t line, char **fields, size_t n)
{
	struct state *st = ud;
	size_t i;

	st->bytes += line;
	for (i = 0; i < n; i++)
		st->bytes += strlen(fields[i]);
	return ++st->rows == st->stop_at;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state st = { 0, 0, 0 };
	struct cnd_error err;

	if (size < 1)
		return 0;
	st.stop_at = data[0] & 7;
	cnd_csv_parse((const char *)data + 1, size - 1, on_row, &st, &err);
	return 0;
}
