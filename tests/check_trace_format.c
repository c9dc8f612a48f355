/*
 * tests/check_trace_format.c - how the trace prints a field and a line.
 *
 * The formatting in kernel/trace.c writes digits, addresses and names by
 * hand (the --trace file of a bulk transfer has millions of lines), so
 * here every kind of field is printed at the values where a hand-written
 * formatter goes wrong (a digit more, the 32-bit boundary, the extremes,
 * the zero padding) and compared with what printf makes of them; a
 * buffer too short cuts the text where snprintf would; and the text
 * writer's lines keep their columns, fold a leaf call, mark an inline
 * function, and end with a newline even when a field is too long for a
 * line.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/trace.h"

/* @f printed from @data by trace_field_print into a buffer of @len. */
static const char *
tf_print(const struct trace_field *f, const void *data, size_t len)
{
	static char out[128];
	struct trace_buf b;

	memset(out, 'X', sizeof(out));
	trace_buf_init(&b, out, len);
	trace_field_print(&b, f, data);
	return out;
}

static const u64 tf_values[] = {
	0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65535, 65536, 99999999, 100000000,
	999999999, 1000000000, 4294967295ULL, 4294967296ULL, 9999999999ULL, 10000000000ULL,
	999999999999999999ULL, 1000000000000000000ULL, 9999999999999999999ULL,
	10000000000000000000ULL, UINT64_MAX,
};

START_TEST(test_unsigned_and_signed)
{
	struct trace_field u = { .name = "v", .namelen = 1, .type = TF_UINT, .size = 8 };
	struct trace_field s = { .name = "v", .namelen = 1, .type = TF_SINT, .size = 8 };
	struct trace_field sf8 = { .name = "v", .namelen = 1, .type = TF_SINT, .size = 1 };
	char want[64];

	for (size_t i = 0; i < sizeof(tf_values) / sizeof(tf_values[0]); i++) {
		u64 v = tf_values[i];
		s64 sv = (s64)v, neg = -(s64)(v & INT64_MAX);

		snprintf(want, sizeof(want), "%" PRIu64, v);
		ck_assert_str_eq(tf_print(&u, &v, 64), want);
		snprintf(want, sizeof(want), "%" PRId64, sv);
		ck_assert_str_eq(tf_print(&s, &sv, 64), want);
		snprintf(want, sizeof(want), "%" PRId64, neg);
		ck_assert_str_eq(tf_print(&s, &neg, 64), want);
	}
	s64 min = INT64_MIN;
	ck_assert_str_eq(tf_print(&s, &min, 64), "-9223372036854775808");
	s8 m8 = -128;
	ck_assert_str_eq(tf_print(&sf8, &m8, 64), "-128");
}
END_TEST

START_TEST(test_hex_addresses_and_ids)
{
	struct trace_field x = { .name = "x", .namelen = 1, .type = TF_HEX, .size = 8 };
	struct trace_field ip = { .name = "ip", .namelen = 2, .type = TF_IP4, .size = 4 };
	struct trace_field mac = { .name = "m", .namelen = 1, .type = TF_MAC, .size = 6 };
	struct trace_field mac0 = { .name = "m", .namelen = 1, .type = TF_MAC0, .size = 7 };
	struct trace_field skb = { .name = "skb", .namelen = 3, .type = TF_SKB, .size = 4 };
	static const unsigned short widths[] = { 0, 1, 4, 8, 16, 18, 30 };
	char want[64];

	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		x.width = widths[w];
		for (size_t i = 0; i < sizeof(tf_values) / sizeof(tf_values[0]); i++) {
			u64 v = tf_values[i];

			/* The width counts digits and stops at 18. */
			snprintf(want, sizeof(want), "0x%0*" PRIx64, x.width > 18 ? 18 : x.width, v);
			ck_assert_str_eq(tf_print(&x, &v, 64), want);
		}
	}
	const u8 a[4] = { 10, 0, 255, 100 }, z[4] = { 0, 0, 0, 0 };
	ck_assert_str_eq(tf_print(&ip, a, 64), "10.0.255.100");
	ck_assert_str_eq(tf_print(&ip, z, 64), "0.0.0.0");
	const u8 m[7] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef, 1 };
	ck_assert_str_eq(tf_print(&mac, m, 64), "52:54:00:ab:cd:ef");
	ck_assert_str_eq(tf_print(&mac0, m, 64), "52:54:00:ab:cd:ef");
	const u8 none[7] = { 0x52, 0x54, 0, 0, 0, 1, 0 };
	ck_assert_str_eq(tf_print(&mac0, none, 64), "none");
	u32 id = 4294967295U;
	ck_assert_str_eq(tf_print(&skb, &id, 64), "skb#4294967295");
}
END_TEST

/* A buffer too short keeps what fits, as snprintf does, and never
 * writes past its end. */
START_TEST(test_cut_where_snprintf_cuts)
{
	struct trace_field u = { .name = "v", .namelen = 1, .type = TF_UINT, .size = 8 };
	struct trace_field x = { .name = "x", .namelen = 1, .type = TF_HEX, .size = 8, .width = 16 };
	struct trace_field mac = { .name = "m", .namelen = 1, .type = TF_MAC, .size = 6 };
	struct trace_field str = { .name = "s", .namelen = 1, .type = TF_STR, .size = sizeof(char *) };
	const char *text = "a string longer than the buffer";
	const u8 m[6] = { 1, 2, 3, 4, 5, 6 };
	u64 v = 12345678901234567890ULL;
	char want[64];

	for (size_t len = 1; len <= 40; len++) {
		const char *got;

		snprintf(want, len, "%" PRIu64, v);
		got = tf_print(&u, &v, len);
		ck_assert_str_eq(got, want);
		ck_assert_int_eq(got[len], 'X');
		snprintf(want, len, "0x%016" PRIx64, v);
		ck_assert_str_eq(tf_print(&x, &v, len), want);
		snprintf(want, len, "01:02:03:04:05:06");
		ck_assert_str_eq(tf_print(&mac, m, len), want);
		snprintf(want, len, "%s", text);
		got = tf_print(&str, &text, len);
		ck_assert_str_eq(got, want);
		ck_assert_int_eq(got[len], 'X');
	}
}
END_TEST

/* ---- the text writer ----------------------------------------------------- */

static const struct trace_field tf_fields[] = {
	{ .name = "len", .namelen = 3, .type = TF_UINT, .size = 4 },
	{ .name = "what", .namelen = 4, .type = TF_STR, .size = sizeof(const char *) },
};
static const struct trace_event_desc tf_fn = {
	.name = "tf_fn", .ksrc = "net/core/dev.c", .size = 4 + sizeof(const char *),
	.nfields = 2, .fields = tf_fields, .subsys = "test",
};
static const struct trace_event_desc tf_inl = {
	.name = "tf_inline_fn", .ksrc = "net/core/dev.c", .is_inline = true,
	.subsys = "test",
};
static const struct trace_event_desc tf_note = {
	.name = "tf_note", .ksrc = "", .is_note = true, .size = 4 + sizeof(const char *),
	.nfields = 2, .fields = tf_fields, .subsys = "test",
};
static const struct tp_site tf_site_fn = { &tf_fn, "t.c", "tf_caller", "net/core/dev.c", 1 };
static const struct tp_site tf_site_inl = { &tf_inl, "t.c", "tf_caller", "net/core/dev.c", 2 };
static const struct tp_site tf_site_note = { &tf_note, "t.c", "tf_caller", "", 3 };

static void
tf_emit(struct trace_text_state *st, enum trace_kind kind, const struct tp_site *site,
	u64 ts, u32 skb, u16 depth, u32 len, const char *what)
{
	struct trace_event ev = {
		.host_name = "student",
		.rec = { .ts = ts, .site = site, .skb_id = skb, .depth = depth, .kind = (u8)kind },
	};

	memcpy(ev.rec.data, &len, 4);
	memcpy(ev.rec.data + 4, &what, sizeof(what));
	trace_text_sink(st, &ev);
}

START_TEST(test_text_lines)
{
	char *buf = NULL, *line, *save;
	size_t size = 0, nlines = 0;
	FILE *f = open_memstream(&buf, &size);
	struct trace_text_state *st = trace_text_open(f);
	char *big = malloc(10000);
	const char *want[] = {
		"     12345.678 | student  | skb#7    | tf_fn() {  len=1448 what=eth0",
		"     12345.678 | student  | skb#7    |   tf_inline_fn(); /* inline */",
		"     12345.678 | student  | skb#7    |   /* tf_caller:  len=0 what=(null) */",
		"     12345.678 | student  | skb#7    | } /* tf_fn */",
		"12345678901234.000 | student  |          |     tf_fn();  len=4294967295 what=x",
	};

	ck_assert_ptr_nonnull(st);
	ck_assert_ptr_nonnull(big);
	tf_emit(st, TRACE_ENTER, &tf_site_fn, 12345678ULL, 7, 0, 1448, "eth0");
	tf_emit(st, TRACE_ENTER, &tf_site_inl, 12345678ULL, 7, 1, 0, NULL);
	tf_emit(st, TRACE_EXIT, &tf_site_inl, 12345678ULL, 7, 1, 0, NULL);
	tf_emit(st, TRACE_NOTE, &tf_site_note, 12345678ULL, 7, 1, 0, NULL);
	tf_emit(st, TRACE_EXIT, &tf_site_fn, 12345678ULL, 7, 0, 0, NULL);
	tf_emit(st, TRACE_ENTER, &tf_site_fn, 12345678901234000ULL, 0, 2, 4294967295U, "x");
	tf_emit(st, TRACE_EXIT, &tf_site_fn, 12345678901234000ULL, 0, 2, 0, NULL);
	/* A field longer than a line: cut, and the line still ends. */
	memset(big, 'y', 9999);
	big[9999] = '\0';
	tf_emit(st, TRACE_NOTE, &tf_site_note, 0, 0, 200, 1, big);
	tf_emit(st, TRACE_NOTE, &tf_site_note, 0, 0, 0, 2, "after");
	ck_assert_int_eq(trace_text_close(st), 0);
	ck_assert_int_eq(fclose(f), 0);

	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save), nlines++) {
		if (nlines < sizeof(want) / sizeof(want[0]))
			ck_assert_str_eq(line, want[nlines]);
		else if (nlines == 5)
			ck_assert(strlen(line) < 4096 && strstr(line, "len=1 what=yyyy"));
		else
			ck_assert_str_eq(line, "         0.000 | student  |          | "
					       "/* tf_caller:  len=2 what=after */");
	}
	ck_assert_uint_eq(nlines, 7);
	free(big);
	free(buf);
}
END_TEST

Suite *trace_format_suite(void);

Suite *
trace_format_suite(void)
{
	Suite *s = suite_create("trace_format");
	TCase *tc = tcase_create("format");

	tcase_add_test(tc, test_unsigned_and_signed);
	tcase_add_test(tc, test_hex_addresses_and_ids);
	tcase_add_test(tc, test_cut_where_snprintf_cuts);
	tcase_add_test(tc, test_text_lines);
	suite_add_tcase(s, tc);
	return s;
}
