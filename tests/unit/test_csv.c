/*
 * Unit tests for src/parse/csv.c: RFC 4180 quoting, line endings, byte order
 * marks, UTF-16LE input with tabs (LinkedIn 2018), separator sniffing and
 * the unterminated-quote error; and the CSV report's field encoder
 * (src/report/csv.c), held beside a plain byte-by-byte encoder of the same
 * rules for fields built at random around the places where its fast paths
 * begin and end, and read back with the parser.
 */
#include <stdint.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/csv.h"
#include "conduct/text/utf8.h"
#include "../../src/report/csvout.h"
#include "harness.h"

/* Rows rendered as "line:field|field|...\n" for easy comparison. */
struct rows {
	struct cnd_buf out;
	size_t count;
	size_t stop_after; /* 0: never stop */
};

static int add_row(void *ud, size_t line, char **fields, size_t n)
{
	struct rows *r = ud;

	cnd_buf_printf(&r->out, "%zu:", line);
	for (size_t i = 0; i < n; i++) {
		if (i)
			cnd_buf_addc(&r->out, '|');
		cnd_buf_adds(&r->out, fields[i]);
	}
	cnd_buf_addc(&r->out, '\n');
	r->count++;
	return r->stop_after && r->count >= r->stop_after;
}

/* Parse data[0..len) and return the rendered rows (valid until the next). */
static const char *parse(const char *data, size_t len, int *status,
			 struct cnd_error *err)
{
	static struct rows r;

	cnd_buf_release(&r.out);
	cnd_buf_adds(&r.out, "");
	r.count = 0;
	cnd_error_clear(err);
	*status = cnd_csv_parse(data, len, add_row, &r, err);
	return r.out.data;
}

#define PARSE(lit, st, err) parse(lit, sizeof(lit) - 1, st, err)

TEST(csv_basic)
{
	struct cnd_error err;
	int st;

	CHECK_STR(PARSE("a,b,c\n1,2,3\n", &st, &err), "1:a|b|c\n2:1|2|3\n");
	CHECK_INT(st, CND_OK);
	/* CRLF, no final line break, a trailing empty line gives no row */
	CHECK_STR(PARSE("a,b\r\n1,2", &st, &err), "1:a|b\n2:1|2\n");
	CHECK_STR(PARSE("a,b\r\n1,2\r\n\r\n", &st, &err), "1:a|b\n2:1|2\n");
	/* empty fields and a varying number of fields */
	CHECK_STR(PARSE("a,,c,\n,\nx\n", &st, &err), "1:a||c|\n2:|\n3:x\n");
	CHECK_STR(PARSE("", &st, &err), "");
	CHECK_INT(st, CND_OK);
	CHECK_STR(PARSE("\n\n", &st, &err), "");
	/* a quoted empty field is a row */
	CHECK_STR(PARSE("\"\"\n", &st, &err), "1:\n");
	/* lone CR line endings (old Mac exports) */
	CHECK_STR(PARSE("a,b\r1,2\r", &st, &err), "1:a|b\n2:1|2\n");
}

TEST(csv_quoting)
{
	struct cnd_error err;
	int st;

	CHECK_STR(PARSE("\"a,b\",\"say \"\"hi\"\"\",c\n", &st, &err),
		  "1:a,b|say \"hi\"|c\n");
	/* line breaks inside quotes, and the line numbers after them */
	CHECK_STR(PARSE("id,text\n1,\"one\ntwo\r\nthree\"\n2,x\n", &st, &err),
		  "1:id|text\n2:1|one\ntwo\r\nthree\n5:2|x\n");
	CHECK_INT(st, CND_OK);
	/* quotes inside an unquoted field are kept; text after a closing
	 * quote is kept too */
	CHECK_STR(PARSE("ab\"c,\"x\"y\n", &st, &err), "1:ab\"c|xy\n");
	/* LinkedIn's style: every field quoted, a multi-line share with
	 * doubled quotes */
	CHECK_STR(PARSE("\"Date\",\"ShareCommentary\",\"Visibility\"\r\n"
			"\"2018-03-01 10:00:00\",\"Big news:\r\n\r\n"
			"\"\"We did it\"\", says Jane.\","
			"\"MEMBER_NETWORK\"\r\n",
			&st, &err),
		  "1:Date|ShareCommentary|Visibility\n"
		  "2:2018-03-01 10:00:00|Big news:\r\n\r\n\"We did it\", "
		  "says Jane.|MEMBER_NETWORK\n");
	CHECK_INT(st, CND_OK);
}

TEST(csv_unterminated_quote)
{
	struct cnd_error err;
	int st;

	CHECK_STR(PARSE("a,b\n1,2\n3,\"open\nstill open\n", &st, &err),
		  "1:a|b\n2:1|2\n");
	CHECK_INT(st, CND_FAILED);
	CHECK_STR(err.message, "line 3: unterminated quoted field");
	CHECK_STR(PARSE("\"", &st, &err), "");
	CHECK_INT(st, CND_FAILED);
	CHECK_STR(err.message, "line 1: unterminated quoted field");
	/* err may be NULL */
	CHECK_INT(cnd_csv_parse("\"x", 2, add_row, &(struct rows){ 0 }, NULL),
		  CND_FAILED);
}

TEST(csv_stop_and_bom)
{
	struct rows r = { CND_BUF_INIT, 0, 1 };
	struct cnd_error err;
	int st;

	CHECK_INT(cnd_csv_parse("a\nb\nc\n", 6, add_row, &r, &err), CND_OK);
	CHECK_INT(r.count, 1);
	cnd_buf_release(&r.out);

	/* UTF-8 BOM skipped */
	CHECK_STR(PARSE("\xEF\xBB\xBFName,Email\nJo,j@x\n", &st, &err),
		  "1:Name|Email\n2:Jo|j@x\n");
	/* only a BOM */
	CHECK_STR(PARSE("\xEF\xBB\xBF", &st, &err), "");
}

TEST(csv_separator_sniffing)
{
	struct cnd_error err;
	int st;

	/* UTF-8 with tabs (LinkedIn 2018 after conversion) */
	CHECK_STR(PARSE("Date\tShare\n2018-01-01\ta, b and c\n", &st, &err),
		  "1:Date|Share\n2:2018-01-01|a, b and c\n");
	/* a comma in the first line wins, even with tabs */
	CHECK_STR(PARSE("a\tb,c\n", &st, &err), "1:a\tb|c\n");
	/* commas inside quotes do not count */
	CHECK_STR(PARSE("\"x,y\"\tz\n1\t2\n", &st, &err),
		  "1:x,y|z\n2:1|2\n");
}

/* UTF-16LE with BOM, as LinkedIn's 2018 Shares.csv. */
static size_t to_utf16le(const char *ascii, char *out)
{
	size_t n = 0;

	out[n++] = (char)0xFF;
	out[n++] = (char)0xFE;
	for (const char *p = ascii; *p; p++) {
		out[n++] = *p;
		out[n++] = 0;
	}
	return n;
}

TEST(csv_utf16le)
{
	struct cnd_error err;
	char buf[512];
	size_t n;
	int st;

	n = to_utf16le("Date\tShareCommentary\tVisibility\r\n"
		       "2018-03-01 10:00:00\t\"line one\r\nline \"\"two\"\"\""
		       "\tMEMBER_NETWORK\r\n",
		       buf);
	CHECK_STR(parse(buf, n, &st, &err),
		  "1:Date|ShareCommentary|Visibility\n"
		  "2:2018-03-01 10:00:00|line one\r\nline \"two\"|"
		  "MEMBER_NETWORK\n");
	CHECK_INT(st, CND_OK);

	/* é (U+00E9), € (U+20AC), 😀 (the surrogate pair D83D DE00) */
	{
		static const unsigned char u16[] = {
			0xFF, 0xFE, 'a',  0,	0xE9, 0x00, ',',  0,
			0xAC, 0x20, 0x3D, 0xD8, 0x00, 0xDE, '\n', 0,
		};
		CHECK_STR(parse((const char *)u16, sizeof(u16), &st, &err),
			  "1:a\xC3\xA9|\xE2\x82\xAC\xF0\x9F\x98\x80\n");
	}
	/* lone surrogates and an odd trailing byte become U+FFFD */
	{
		static const unsigned char u16[] = {
			0xFF, 0xFE, 0x3D, 0xD8, 'x', 0, 0x00, 0xDE, 'y',
		};
		CHECK_STR(parse((const char *)u16, sizeof(u16), &st, &err),
			  "1:\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBD\n");
	}
	/* UTF-16BE with its BOM too */
	{
		static const unsigned char u16[] = { 0xFE, 0xFF, 0, 'a',
						     0,	   ',',	 0, 'b' };
		CHECK_STR(parse((const char *)u16, sizeof(u16), &st, &err),
			  "1:a|b\n");
	}
}

/*
 * The rules of a CSV report field, one byte at a time (what the writer
 * did before its fast paths): quoted when it holds , " CR or LF, quotes
 * doubled, an apostrophe before = + - @ tab CR, U+FFFD for each byte that
 * does not begin a valid UTF-8 sequence.
 */
static void ref_field(struct cnd_buf *b, const char *s, size_t n)
{
	int quote = 0;
	size_t i;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			quote = 1;
	if (quote)
		cnd_buf_addc(b, '"');
	if (strchr("=+-@\t\r", s[0]) && s[0])
		cnd_buf_addc(b, '\'');
	for (i = 0; i < n;) {
		int32_t cp;
		size_t len = cnd_utf8_decode(s + i, n - i, &cp);

		if (cp < 0)
			cnd_buf_adds(b, "\xef\xbf\xbd");
		else if (s[i] == '"')
			cnd_buf_adds(b, "\"\"");
		else
			cnd_buf_add(b, s + i, len);
		i += len;
	}
	if (quote)
		cnd_buf_addc(b, '"');
}

/* Whether cnd_csv_put() of s[0..n) after "x," gives ref_field()'s bytes. */
static int same_field(const char *s, size_t n)
{
	struct cnd_buf got = CND_BUF_INIT, want = CND_BUF_INIT;
	int same;

	cnd_buf_adds(&got, "x,");
	cnd_buf_adds(&want, "x,");
	cnd_csv_put(&got, s, n);
	ref_field(&want, s, n);
	same = got.len == want.len && !memcmp(got.data, want.data, got.len) &&
	       got.data[got.len] == '\0';
	cnd_buf_release(&got);
	cnd_buf_release(&want);
	return same;
}

/* cnd_csv_put(s) alone, valid until the next call. */
static const char *put(const char *s)
{
	static struct cnd_buf b;

	cnd_buf_reset(&b);
	cnd_buf_adds(&b, "");
	cnd_csv_put(&b, s, strlen(s));
	return b.data;
}

TEST(csvout_field_cases)
{
	CHECK_STR(put(""), "");
	CHECK_STR(put("plain"), "plain");
	CHECK_STR(put("a,b"), "\"a,b\"");
	CHECK_STR(put("say \"hi\""), "\"say \"\"hi\"\"\"");
	CHECK_STR(put("line\r\nend"), "\"line\r\nend\"");
	CHECK_STR(put("=1+2"), "'=1+2");
	CHECK_STR(put("-"), "'-");
	CHECK_STR(put("@jo, hi"), "\"'@jo, hi\"");
	CHECK_STR(put("\tx"), "'\tx");
	CHECK_STR(put("\rx"), "\"'\rx\"");
	CHECK_STR(put("a=b"), "a=b");
	/* non-ASCII after eight ASCII bytes, then what makes it quoted */
	CHECK_STR(put("abcdefgh\xc3\xa9,z"), "\"abcdefgh\xc3\xa9,z\"");
	CHECK_STR(put("abcdefgh\xe2\x80\x94\nz"),
		  "\"abcdefgh\xe2\x80\x94\nz\"");
	CHECK_STR(put("abcdefgh\xe2\x80\xa6 words and more words"),
		  "abcdefgh\xe2\x80\xa6 words and more words");
	/* invalid UTF-8 in the middle, then a quote */
	CHECK_STR(put("abcdefghij\xffklm\"n"),
		  "\"abcdefghij\xef\xbf\xbdklm\"\"n\"");
	CHECK_STR(put("caf\xe9"), "caf\xef\xbf\xbd");
	CHECK_STR(put("\xc3"), "\xef\xbf\xbd");
	CHECK_STR(put("\xed\xa0\x80x"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx");
	CHECK_STR(put("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(put("\xf0\x9f\x98\x80\""), "\"\xf0\x9f\x98\x80\"\"\"");
	CHECK_STR(put("\"\"\"\"\"\"\"\"\""),
		  "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"");
}

/* Each special byte at every offset from 0 to 24 in a plain field, and a
   field of 100,000 bytes with them near its end. */
TEST(csvout_field_offsets)
{
	static const char *const specials[] = {
		",",	"\"",	"\r",	"\n",	      "\xc3\xa9", "\xe2\x80\xa8",
		"\xff", "\xc3", "\xed\xa0\x80", "\x01", "=",	  "\t",
	};
	char s[64];
	int mismatches = 0;
	struct cnd_buf big = CND_BUF_INIT;

	for (size_t k = 0; k < sizeof(specials) / sizeof(specials[0]); k++)
		for (size_t at = 0; at <= 24; at++)
			for (size_t tail = 0; tail <= 9; tail++) {
				size_t n = 0, len = strlen(specials[k]);

				memset(s, 'w', at);
				n = at;
				memcpy(s + n, specials[k], len);
				n += len;
				memset(s + n, 'v', tail);
				n += tail;
				s[n] = '\0';
				if (!same_field(s, n))
					mismatches++;
			}
	CHECK_INT(mismatches, 0);
	for (int i = 0; i < 100000; i++)
		cnd_buf_addc(&big, (char)('a' + i % 26));
	CHECK(same_field(big.data, big.len));
	memcpy(big.data + 99990, "\xe2\x80\x94\"\xff,", 6);
	CHECK(same_field(big.data, big.len));
	big.data[0] = '+';
	CHECK(same_field(big.data, big.len));
	cnd_buf_release(&big);
}

/* Thousands of fields built at random from pieces. */
TEST(csvout_field_random)
{
	static const char *const pieces[] = {
		"a",	      "plain words ", ",",	    "\"",
		"\r",	      "\n",	      "=",	    "+",
		"-",	      "@",	      "\t",	    "\x01",
		"\xc3\xa9",   "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xff",
		"\xc3",	      "\xed\xa0\x80", "\xc0\xaf",   "0123456789abcdef",
		"\xe2\x80\xa6 cut", "'",
	};
	unsigned seed = 4180;
	int mismatches = 0;

	for (int round = 0; round < 5000; round++) {
		struct cnd_buf s = CND_BUF_INIT;
		int parts = (int)((seed = seed * 1103515245u + 12345u) >> 16) %
			    14;

		cnd_buf_adds(&s, "");
		for (int i = 0; i < parts; i++) {
			seed = seed * 1103515245u + 12345u;
			cnd_buf_adds(&s, pieces[(seed >> 16) %
						(sizeof(pieces) /
						 sizeof(pieces[0]))]);
		}
		if (!same_field(s.data, s.len))
			mismatches++;
		cnd_buf_release(&s);
	}
	CHECK_INT(mismatches, 0);
}

/* What the encoder writes, the parser reads back as it was (valid UTF-8,
   after the apostrophe of a formula-like field). */
static int one_field(void *ud, size_t line, char **fields, size_t n)
{
	struct cnd_buf *b = ud;

	(void)line;
	if (n == 1)
		cnd_buf_adds(b, fields[0]);
	return 0;
}

TEST(csvout_field_reads_back)
{
	static const char *const fields[] = {
		"plain", "a,b", "say \"hi\", then\r\nleft", "caf\xc3\xa9 \"x\"",
		"abcdefgh\xe2\x80\x94,\"q\"\n", "=HYPERLINK(\"x\")",
	};

	for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		struct cnd_buf line = CND_BUF_INIT, back = CND_BUF_INIT;
		struct cnd_error err;

		cnd_csv_put(&line, fields[k], strlen(fields[k]));
		cnd_buf_adds(&line, "\r\n");
		cnd_buf_adds(&back, "");
		CHECK_INT(cnd_csv_parse(line.data, line.len, one_field, &back,
					&err),
			  CND_OK);
		CHECK_STR(back.data + (fields[k][0] == '=' ? 1 : 0), fields[k]);
		cnd_buf_release(&line);
		cnd_buf_release(&back);
	}
}
