/*
 * Unit tests for src/parse/csv.c: RFC 4180 quoting, line endings, byte order
 * marks, UTF-16LE input with tabs (LinkedIn 2018), separator sniffing and
 * the unterminated-quote error.
 */
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/parse/csv.h"
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
