/*
 * Fields of export records, read once for every platform handler: the text
 * of a key (string or id number, with what each export means by "absent"),
 * the first of several spellings of a key, booleans in the spellings
 * exports use, times given as numbers or text, and the warning that an
 * item is kept without a time, in the wordings the reports already carry.
 * Built on the JSON value getters (parse/json.h) and the one time facility
 * (base/timeutil.h); a handler reads its fields through these instead of
 * writing its own getters.
 */
#ifndef CONDUCT_PLATFORMS_FIELDS_H
#define CONDUCT_PLATFORMS_FIELDS_H

#include <jansson.h>
#include <stdint.h>

struct cnd_arena;
struct cnd_scan;

/* --- Text --- */

/*
 * What a text getter counts as absent besides a missing key, null and
 * the empty string.
 */
enum {
	/* surrounding white space is cut off (the text is copied) */
	CND_FIELD_TRIM = 1,
	/* "N/A", "None" and "null" (any case) are absent (TikTok) */
	CND_FIELD_PLACEHOLDER = 2,
	/*
	 * a string's mojibake is repaired (cnd_text_unmojibake(): Meta
	 * writes UTF-8 bytes as Latin-1 escapes)
	 */
	CND_FIELD_REPAIR = 4,
};

/* String value of obj[key]; NULL when absent, not a string, or empty. */
const char *cnd_field_str(const json_t *obj, const char *key);

/*
 * Text of v when it is a string or an integer (ids come as either, see
 * cnd_json_text(); integers are written out in a); NULL when v is
 * anything else, empty, or absent in the sense of flags.
 */
const char *cnd_field_text(struct cnd_arena *a, const json_t *v,
			   unsigned flags);

/* cnd_field_text() of obj[key]. */
const char *cnd_field_get(struct cnd_arena *a, const json_t *obj,
			  const char *key, unsigned flags);

/*
 * The first of several keys (a NULL-terminated list) that gives a text,
 * for a key an export spells several ways; NULL when none does.
 */
const char *cnd_field_first(struct cnd_arena *a, const json_t *obj,
			    const char *const *keys, unsigned flags);

/*
 * The first of two values that gives a text (values a handler already
 * picked from its object, such as "id_str" and "id").
 */
const char *cnd_field_either(struct cnd_arena *a, const json_t *v1,
			     const json_t *v2, unsigned flags);

#define CND_FIELD_FIRST(a, obj, flags, ...)                                  \
	cnd_field_first(a, obj, (const char *const[]){ __VA_ARGS__, NULL }, \
			flags)

/* --- Booleans --- */

/*
 * Spellings a boolean is accepted in besides a JSON boolean and the
 * strings "true" and "false" (any case).
 */
enum {
	CND_TRUTH_INT = 1,     /* a JSON integer: 0 is false, others true */
	CND_TRUTH_DIGIT = 2,   /* the strings "1" and "0" */
	CND_TRUTH_WORDS = 4,   /* yes/no and the words of localised Meta
				  exports: "Sand", "Ja", "Wahr", "Vrai",
				  "Verdadero", "Vero"; "Nej", "Nein",
				  "Falsk", "Faux", "Falso" (any case) */
	CND_TRUTH_SWITCH = 8,  /* "On"/"Off", "Enabled"/"Disabled" */
};

/* 1 (true), 0 (false), or -1 when v is none of the accepted spellings. */
int cnd_field_truth(const json_t *v, unsigned accept);

/* The same for text (NULL gives -1). */
int cnd_field_truth_text(const char *t, unsigned accept);

/* --- Times --- */

/* How a number is read as a time. */
enum cnd_epoch {
	/*
	 * Unix seconds: a number or numeric string, tried first; any other
	 * string as text (cnd_time_parse_any).
	 */
	CND_EPOCH_S,
	/* Unix milliseconds, otherwise as CND_EPOCH_S. */
	CND_EPOCH_MS,
	/*
	 * A string as text first; then a number as seconds, or as
	 * milliseconds from 10^11 (Google: both in one export).
	 */
	CND_EPOCH_GUESS,
};

/* UTC seconds of v; CND_TIME_NONE when absent, null, not above 0 or unreadable. */
int64_t cnd_field_epoch(const json_t *v, enum cnd_epoch unit);

/* cnd_field_epoch() of obj[key] (NULL when obj is no object). */
int64_t cnd_field_epoch_of(const json_t *obj, const char *key,
			   enum cnd_epoch unit);

/* How a date written as text is read. */
enum cnd_date_form {
	CND_DATE_ANY,	  /* cnd_time_parse_any() */
	CND_DATE_ISO,	  /* cnd_time_parse_iso() only */
	CND_DATE_TWITTER, /* cnd_time_parse_twitter() first, then any */
	CND_DATE_US,	  /* month first (cnd_time_parse_us()), then any */
};

/*
 * Read text as form says into *out: 0 when read, 1 when text is NULL,
 * -1 when unreadable, the empty string included (*out is then
 * CND_TIME_NONE). The getters above give NULL for an empty value, so an
 * empty string only comes from text a handler took as it is.
 */
int cnd_field_date(const char *text, enum cnd_date_form form, int64_t *out);

/*
 * The warning that an item is kept without a time, in one of the wordings
 * the reports carry (each handler keeps its own through these fields).
 */
enum cnd_date_words {
	/*
	 * Said when the date is unreadable only:
	 * "[<what> has an ]unreadable <name> '<text>': kept without a time"
	 */
	CND_DATE_SAY_TEXT,
	/*
	 * Said when it is unreadable or absent:
	 * "<what>[ <id>] has an unreadable|no <name>: kept without a time"
	 */
	CND_DATE_SAY_HAS,
	/*
	 * Said when it is unreadable or absent:
	 * "<what>[ <id>] has no readable <name>: kept without a time"
	 */
	CND_DATE_SAY_NO_READABLE,
};

struct cnd_date_say {
	enum cnd_date_words words;
	const char *what; /* "tweet", "video"; NULL: none (CND_DATE_SAY_TEXT) */
	const char *id;	  /* NULL, or the item's id, said after what */
	const char *name; /* "date", "time", "'created_at'" */
};

/*
 * Say (CND_WARN, element item) what became of a date whose reading gave
 * status (cnd_field_date(): 1 absent, -1 unreadable; 0 says nothing), in
 * say's words; text is the unreadable text.
 */
void cnd_field_date_say(struct cnd_scan *s, long long item, int status,
			const char *text, const struct cnd_date_say *say);

/*
 * cnd_field_date(), then cnd_field_date_say(): the time of text, or
 * CND_TIME_NONE (said as say words it).
 */
int64_t cnd_field_date_read(struct cnd_scan *s, long long item,
			    const char *text, enum cnd_date_form form,
			    const struct cnd_date_say *say);

#endif
