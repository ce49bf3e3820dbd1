/*
 * The JSON value getters for handlers (json.h): a key's string, a walk
 * along "a.b.c", numbers and integers from numbers or numeric strings
 * (exports write "favorite_count" : "0"), and ids that come as strings or
 * integers.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/parse/json.h"

const char *cnd_json_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

json_t *cnd_json_path(const json_t *obj, const char *path)
{
	const json_t *cur = obj;
	json_t *v = NULL;
	size_t n;

	if (!path)
		return NULL;
	for (;;) {
		n = strcspn(path, ".");
		v = json_object_getn(cur, path, n);
		if (!v || !path[n])
			return v;
		path += n + 1;
		cur = v;
	}
}

int cnd_json_number(const json_t *v, double *out)
{
	const char *t;
	char *end;

	if (json_is_number(v)) {
		*out = json_number_value(v);
		return isfinite(*out) ? 0 : -1;
	}
	if (!json_is_string(v))
		return -1;
	t = json_string_value(v);
	errno = 0;
	*out = strtod(t, &end);
	if (end == t || errno)
		return -1;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return *end || !isfinite(*out) ? -1 : 0;
}

int cnd_json_int(const json_t *v, long long *out)
{
	const char *str;
	char *end;
	long long n;
	double d;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		/* 2^63 and its negative are exact doubles. */
		if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
			return -1;
		if (d != (double)(long long)d)
			return -1;
		*out = (long long)d;
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	str = json_string_value(v);
	if (!((*str >= '0' && *str <= '9') || *str == '-' || *str == '+'))
		return -1;
	errno = 0;
	n = strtoll(str, &end, 10);
	if (errno || end == str || (size_t)(end - str) != json_string_length(v))
		return -1;
	*out = n;
	return 0;
}

const char *cnd_json_text(struct cnd_arena *a, const json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return cnd_arena_printf(a, "%" JSON_INTEGER_FORMAT,
					json_integer_value(v));
	return NULL;
}
