/*
 * The field getters every platform handler shares (fields.h): text of a key
 * with each export's idea of "absent", the first of several spellings,
 * booleans, times from numbers or text, and the "kept without a time"
 * warning in the wordings the reports already carry. One place for what
 * each handler used to write for itself.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/base/timeutil.h"
#include "conduct/model/record.h"
#include "conduct/parse/json.h"
#include "conduct/platforms/fields.h"
#include "conduct/platforms/platform.h"
#include "conduct/text/text.h"

/* --- Text --- */

const char *cnd_field_str(const json_t *obj, const char *key)
{
	const char *v = json_is_object(obj) ? cnd_json_str(obj, key) : NULL;

	return v && *v ? v : NULL;
}

static int is_placeholder(const char *t)
{
	return !strcasecmp(t, "N/A") || !strcasecmp(t, "None") ||
	       !strcasecmp(t, "null");
}

const char *cnd_field_text(struct cnd_arena *a, const json_t *v,
			   unsigned flags)
{
	const char *t = cnd_json_text(a, v);
	size_t n;

	if (!t || !*t)
		return NULL;
	if ((flags & CND_FIELD_PLACEHOLDER) && is_placeholder(t))
		return NULL;
	if ((flags & CND_FIELD_REPAIR) && json_is_string(v))
		t = cnd_text_unmojibake(a, t);
	if (!(flags & CND_FIELD_TRIM))
		return t;
	while (isspace((unsigned char)*t))
		t++;
	n = strlen(t);
	while (n && isspace((unsigned char)t[n - 1]))
		n--;
	return n ? cnd_arena_strndup(a, t, n) : NULL;
}

const char *cnd_field_get(struct cnd_arena *a, const json_t *obj,
			  const char *key, unsigned flags)
{
	return cnd_field_text(a, json_object_get(obj, key), flags);
}

const char *cnd_field_first(struct cnd_arena *a, const json_t *obj,
			    const char *const *keys, unsigned flags)
{
	const char *v;

	for (; *keys; keys++)
		if ((v = cnd_field_get(a, obj, *keys, flags)))
			return v;
	return NULL;
}

const char *cnd_field_either(struct cnd_arena *a, const json_t *v1,
			     const json_t *v2, unsigned flags)
{
	const char *v = cnd_field_text(a, v1, flags);

	return v ? v : cnd_field_text(a, v2, flags);
}

/* --- Booleans --- */

int cnd_field_truth_text(const char *t, unsigned accept)
{
	static const char *const yes[] = { "yes",  "sand",	"ja",
					   "wahr", "vrai",	"verdadero",
					   "vero", NULL };
	static const char *const no[] = { "no",	  "falsk", "nej", "nein",
					  "faux", "falso", NULL };
	size_t i;

	if (!t)
		return -1;
	if (!strcasecmp(t, "true"))
		return 1;
	if (!strcasecmp(t, "false"))
		return 0;
	if (accept & CND_TRUTH_DIGIT) {
		if (!strcmp(t, "1"))
			return 1;
		if (!strcmp(t, "0"))
			return 0;
	}
	if (accept & CND_TRUTH_WORDS) {
		for (i = 0; yes[i]; i++)
			if (!strcasecmp(t, yes[i]))
				return 1;
		for (i = 0; no[i]; i++)
			if (!strcasecmp(t, no[i]))
				return 0;
	}
	if (accept & CND_TRUTH_SWITCH) {
		if (!strcasecmp(t, "on") || !strcasecmp(t, "enabled"))
			return 1;
		if (!strcasecmp(t, "off") || !strcasecmp(t, "disabled"))
			return 0;
	}
	return -1;
}

int cnd_field_truth(const json_t *v, unsigned accept)
{
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_integer(v))
		return (accept & CND_TRUTH_INT) ?
			       json_integer_value(v) != 0 :
			       -1;
	if (json_is_string(v))
		return cnd_field_truth_text(json_string_value(v), accept);
	return -1;
}

/* --- Times --- */

int64_t cnd_field_epoch(const json_t *v, enum cnd_epoch unit)
{
	long long n;
	int64_t t;

	if (!v || json_is_null(v))
		return CND_TIME_NONE;
	if (unit == CND_EPOCH_GUESS && json_is_string(v) &&
	    !cnd_time_parse_any(json_string_value(v), &t))
		return t;
	if (!cnd_json_int(v, &n)) {
		if (n <= 0)
			return CND_TIME_NONE;
		if (unit == CND_EPOCH_MS)
			return (int64_t)(n / 1000);
		if (unit == CND_EPOCH_GUESS && n >= 100000000000LL)
			return (int64_t)(n / 1000);
		return (int64_t)n;
	}
	if (unit != CND_EPOCH_GUESS && json_is_string(v) &&
	    !cnd_time_parse_any(json_string_value(v), &t))
		return t;
	return CND_TIME_NONE;
}

int64_t cnd_field_epoch_of(const json_t *obj, const char *key,
			   enum cnd_epoch unit)
{
	return cnd_field_epoch(
		json_is_object(obj) ? json_object_get(obj, key) : NULL, unit);
}

int cnd_field_date(const char *text, enum cnd_date_form form, int64_t *out)
{
	*out = CND_TIME_NONE;
	if (!text)
		return 1;
	switch (form) {
	case CND_DATE_ISO:
		if (!cnd_time_parse_iso(text, out))
			return 0;
		break;
	case CND_DATE_TWITTER:
		if (!cnd_time_parse_twitter(text, out) ||
		    !cnd_time_parse_any(text, out))
			return 0;
		break;
	case CND_DATE_US:
		if (!cnd_time_parse_us(text, out) ||
		    !cnd_time_parse_any(text, out))
			return 0;
		break;
	case CND_DATE_ANY:
	default:
		if (!cnd_time_parse_any(text, out))
			return 0;
		break;
	}
	*out = CND_TIME_NONE;
	return -1;
}

/*
 * Each wording has formats of its own: the scan groups like warnings of a
 * member by their format, so every handler's warnings group as they did
 * when each handler wrote its own.
 */
void cnd_field_date_say(struct cnd_scan *s, long long item, int status,
			const char *text, const struct cnd_date_say *say)
{
	const char *how = status < 0 ? "an unreadable" : "no";

	if (!status)
		return;
	switch (say->words) {
	case CND_DATE_SAY_TEXT:
		if (status > 0)
			return;
		if (say->what)
			cnd_scan_diag(s, CND_WARN, item,
				      "%s has an unreadable %s '%s': kept without a time",
				      say->what, say->name, text);
		else
			cnd_scan_diag(s, CND_WARN, item,
				      "unreadable %s '%s': kept without a time",
				      say->name, text);
		return;
	case CND_DATE_SAY_HAS:
		if (say->id)
			cnd_scan_diag(s, CND_WARN, item,
				      "%s %s has %s %s: kept without a time",
				      say->what, say->id, how, say->name);
		else
			cnd_scan_diag(s, CND_WARN, item,
				      "%s has %s %s: kept without a time",
				      say->what, how, say->name);
		return;
	case CND_DATE_SAY_NO_READABLE:
		if (say->id)
			cnd_scan_diag(s, CND_WARN, item,
				      "%s %s has no readable %s: kept without a time",
				      say->what, say->id, say->name);
		else
			cnd_scan_diag(s, CND_WARN, item,
				      "%s has no readable %s: kept without a time",
				      say->what, say->name);
		return;
	}
}

int64_t cnd_field_date_read(struct cnd_scan *s, long long item,
			    const char *text, enum cnd_date_form form,
			    const struct cnd_date_say *say)
{
	int64_t t;
	int status = cnd_field_date(text, form, &t);

	cnd_field_date_say(s, item, status, text, say);
	return t;
}
