/*
 * Unit tests of the field getters every platform handler shares
 * (src/platforms/fields.c): what each flag counts as absent, the first of
 * several keys, booleans in each accepted spelling (and the spellings a
 * handler does not accept), times from numbers with each unit (the order
 * of number and text matters for digit strings), and the date forms with
 * their absent/unreadable statuses. The warnings are checked by the
 * fixtures that carry them (twitter/quirks-2022, linkedin/ctime-dates,
 * instagram/html-quirks-2024) and by same_reports.py.
 */
#include <jansson.h>

#include "conduct/base/arena.h"
#include "conduct/model/record.h"
#include "conduct/platforms/fields.h"
#include "harness.h"

TEST(fields_text)
{
	struct cnd_arena a;
	json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:s, s:n, s:b, s:s}",
			      "name", "Alex", "empty", "", "blank", "  \t ",
			      "id", (json_int_t)7001, "padded", "  Sam Lee ",
			      "null", "bool", 1, "na", "N/A");

	CHECK(o != NULL);
	cnd_arena_init(&a);
	CHECK_STR(cnd_field_str(o, "name"), "Alex");
	CHECK(cnd_field_str(o, "empty") == NULL);
	CHECK(cnd_field_str(o, "id") == NULL); /* strings only */
	CHECK(cnd_field_str(NULL, "name") == NULL);

	CHECK_STR(cnd_field_get(&a, o, "id", 0), "7001");
	CHECK(cnd_field_get(&a, o, "empty", 0) == NULL);
	CHECK(cnd_field_get(&a, o, "null", 0) == NULL);
	CHECK(cnd_field_get(&a, o, "bool", 0) == NULL);
	CHECK(cnd_field_get(&a, o, "absent", 0) == NULL);
	/* blanks are text unless trimmed */
	CHECK_STR(cnd_field_get(&a, o, "blank", 0), "  \t ");
	CHECK(cnd_field_get(&a, o, "blank", CND_FIELD_TRIM) == NULL);
	CHECK_STR(cnd_field_get(&a, o, "padded", CND_FIELD_TRIM), "Sam Lee");
	/* TikTok's placeholders */
	CHECK_STR(cnd_field_get(&a, o, "na", 0), "N/A");
	CHECK(cnd_field_get(&a, o, "na", CND_FIELD_PLACEHOLDER) == NULL);

	CHECK_STR(CND_FIELD_FIRST(&a, o, 0, "absent", "empty", "id", "name"),
		  "7001");
	CHECK_STR(CND_FIELD_FIRST(&a, o, CND_FIELD_PLACEHOLDER, "na", "name"),
		  "Alex");
	CHECK(CND_FIELD_FIRST(&a, o, 0, "absent", "empty") == NULL);
	CHECK_STR(cnd_field_either(&a, json_object_get(o, "empty"),
				   json_object_get(o, "id"), 0),
		  "7001");
	CHECK(cnd_field_either(&a, NULL, NULL, 0) == NULL);
	cnd_arena_release(&a);
	json_decref(o);
}

TEST(fields_repair)
{
	struct cnd_arena a;
	/* "café" written as Latin-1 escapes of its UTF-8 bytes, as Meta does */
	json_t *o = json_pack("{s:s, s:I}", "t", "caf\xc3\x83\xc2\xa9", "n",
			      (json_int_t)5);

	CHECK(o != NULL);
	cnd_arena_init(&a);
	CHECK_STR(cnd_field_get(&a, o, "t", CND_FIELD_REPAIR), "caf\xc3\xa9");
	CHECK_STR(cnd_field_get(&a, o, "n", CND_FIELD_REPAIR), "5");
	cnd_arena_release(&a);
	json_decref(o);
}

TEST(fields_truth)
{
	json_t *t = json_true(), *f = json_false(), *one = json_integer(1),
	       *zero = json_integer(0), *real = json_real(1.0);
	json_t *s1 = json_string("1"), *sT = json_string("TRUE"),
	       *sno = json_string("Nej"), *son = json_string("On"),
	       *sdis = json_string("disabled"), *sx = json_string("maybe");
	const unsigned tw = CND_TRUTH_INT | CND_TRUTH_DIGIT;

	CHECK_INT(cnd_field_truth(t, 0), 1);
	CHECK_INT(cnd_field_truth(f, 0), 0);
	CHECK_INT(cnd_field_truth(sT, 0), 1);
	CHECK_INT(cnd_field_truth(NULL, tw), -1);
	CHECK_INT(cnd_field_truth(real, tw), -1);
	/* integers and digit strings only where accepted */
	CHECK_INT(cnd_field_truth(one, 0), -1);
	CHECK_INT(cnd_field_truth(one, CND_TRUTH_INT), 1);
	CHECK_INT(cnd_field_truth(zero, CND_TRUTH_INT), 0);
	CHECK_INT(cnd_field_truth(s1, CND_TRUTH_INT), -1);
	CHECK_INT(cnd_field_truth(s1, tw), 1);
	/* localised words (Meta) and switches (TikTok) */
	CHECK_INT(cnd_field_truth(sno, 0), -1);
	CHECK_INT(cnd_field_truth(sno, CND_TRUTH_WORDS), 0);
	CHECK_INT(cnd_field_truth_text("Sand", CND_TRUTH_WORDS), 1);
	CHECK_INT(cnd_field_truth_text("yes", CND_TRUTH_WORDS), 1);
	CHECK_INT(cnd_field_truth(son, CND_TRUTH_WORDS), -1);
	CHECK_INT(cnd_field_truth(son, CND_TRUTH_SWITCH), 1);
	CHECK_INT(cnd_field_truth(sdis, CND_TRUTH_SWITCH), 0);
	CHECK_INT(cnd_field_truth(sx, ~0u), -1);
	CHECK_INT(cnd_field_truth_text(NULL, ~0u), -1);
	json_decref(one);
	json_decref(zero);
	json_decref(real);
	json_decref(s1);
	json_decref(sT);
	json_decref(sno);
	json_decref(son);
	json_decref(sdis);
	json_decref(sx);
}

TEST(fields_epoch)
{
	json_t *o = json_pack("{s:i, s:s, s:I, s:s, s:n, s:s, s:i, s:s, s:I}",
			      "sec", 1700000000, "str", "1700000000", "ms",
			      (json_int_t)1700000000123LL, "iso",
			      "2023-11-14T22:13:20Z", "null", "bad", "soon",
			      "zero", 0, "msstr", "1700000000123", "big",
			      (json_int_t)170000000000LL);

	CHECK(o != NULL);
	CHECK_INT(cnd_field_epoch_of(o, "sec", CND_EPOCH_S), 1700000000);
	CHECK_INT(cnd_field_epoch_of(o, "str", CND_EPOCH_S), 1700000000);
	CHECK_INT(cnd_field_epoch_of(o, "ms", CND_EPOCH_MS), 1700000000);
	CHECK_INT(cnd_field_epoch_of(o, "iso", CND_EPOCH_S), 1700000000);
	CHECK_INT(cnd_field_epoch_of(o, "iso", CND_EPOCH_GUESS), 1700000000);
	CHECK_INT(cnd_field_epoch_of(o, "null", CND_EPOCH_S), CND_TIME_NONE);
	CHECK_INT(cnd_field_epoch_of(o, "bad", CND_EPOCH_GUESS), CND_TIME_NONE);
	CHECK_INT(cnd_field_epoch_of(o, "zero", CND_EPOCH_GUESS),
		  CND_TIME_NONE);
	CHECK_INT(cnd_field_epoch_of(o, "absent", CND_EPOCH_S), CND_TIME_NONE);
	CHECK_INT(cnd_field_epoch_of(NULL, "sec", CND_EPOCH_S), CND_TIME_NONE);
	CHECK_INT(cnd_field_epoch(NULL, CND_EPOCH_MS), CND_TIME_NONE);
	/* Google: seconds or milliseconds, told apart by size */
	CHECK_INT(cnd_field_epoch_of(o, "sec", CND_EPOCH_GUESS), 1700000000);
	CHECK_INT(cnd_field_epoch_of(o, "ms", CND_EPOCH_GUESS), 1700000000);
	CHECK_INT(cnd_field_epoch_of(o, "big", CND_EPOCH_GUESS), 170000000);
	/*
	 * A 13-digit string: Meta's seconds read it as a number first,
	 * Google reads the text first (which takes 13 digits as ms).
	 */
	CHECK_INT(cnd_field_epoch_of(o, "msstr", CND_EPOCH_S),
		  1700000000123LL);
	CHECK_INT(cnd_field_epoch_of(o, "msstr", CND_EPOCH_GUESS), 1700000000);
	json_decref(o);
}

TEST(fields_date)
{
	int64_t t;

	CHECK_INT(cnd_field_date(NULL, CND_DATE_ANY, &t), 1);
	CHECK_INT(t, CND_TIME_NONE);
	CHECK_INT(cnd_field_date("", CND_DATE_ISO, &t), -1);
	CHECK_INT(cnd_field_date("2023-11-14T22:13:20Z", CND_DATE_ANY, &t), 0);
	CHECK_INT(t, 1700000000);
	CHECK_INT(cnd_field_date("soon", CND_DATE_ANY, &t), -1);
	CHECK_INT(t, CND_TIME_NONE);
	/* X's ctime-like form, in its own form and in any */
	CHECK_INT(cnd_field_date("Tue Nov 14 22:13:20 +0000 2023",
				 CND_DATE_TWITTER, &t),
		  0);
	CHECK_INT(t, 1700000000);
	CHECK_INT(cnd_field_date("Tue Nov 14 22:13:20 +0000 2023",
				 CND_DATE_ANY, &t),
		  0);
	CHECK_INT(t, 1700000000);
	/* ISO only: the ctime-like form and Unix seconds are unreadable */
	CHECK_INT(cnd_field_date("Tue Nov 14 22:13:20 +0000 2023",
				 CND_DATE_ISO, &t),
		  -1);
	CHECK_INT(cnd_field_date("1700000000", CND_DATE_ISO, &t), -1);
	CHECK_INT(cnd_field_date("1700000000", CND_DATE_ANY, &t), 0);
	CHECK_INT(t, 1700000000);
	/* month first only where the export writes it (LinkedIn) */
	CHECK_INT(cnd_field_date("11/14/23, 10:13 PM", CND_DATE_ANY, &t), -1);
	CHECK_INT(cnd_field_date("11/14/23, 10:13 PM", CND_DATE_US, &t), 0);
	CHECK_INT(t, 1700000000 - 20);
	CHECK_INT(cnd_field_date("14 Nov 2023", CND_DATE_US, &t), 0);
	CHECK_INT(t, 1700000000 - (22 * 3600 + 13 * 60 + 20));
}
