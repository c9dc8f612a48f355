/*
 * tests/check_skbuff.c - skb pointers, clones and their reference
 * counts, the ledger, queues and checksums.
 */
#include "tests/fixture.h"

#include <check.h>
#include <string.h>

static struct fixture fx;

static void setup(void) { fixture_setup(&fx, 1); }
static void teardown(void) { fixture_teardown(&fx); }

START_TEST(test_pointer_math)
{
	struct sk_buff *skb = alloc_skb(fx.host[0], 256);
	unsigned char *p;

	ck_assert_ptr_nonnull(skb);
	ck_assert_int_eq(skb->users, 1);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	skb_reserve(skb, 64);
	ck_assert_uint_eq(skb_headroom(skb), 64);
	ck_assert_uint_eq(skb->len, 0);
	p = skb_put(skb, 100);
	ck_assert_ptr_eq(p, skb->data);
	ck_assert_uint_eq(skb->len, 100);
	p = skb_push(skb, 20);
	ck_assert_ptr_eq(p, skb->data);
	ck_assert_uint_eq(skb_headroom(skb), 44);
	ck_assert_uint_eq(skb->len, 120);
	ck_assert_ptr_nonnull(skb_pull(skb, 20));
	ck_assert_uint_eq(skb->len, 100);
	ck_assert_ptr_null(skb_pull(skb, 101));	/* more than it holds */
	ck_assert_int_eq(skb_tailroom(skb), (int)(skb->end - skb->tail));
	skb_trim(skb, 10);
	ck_assert_uint_eq(skb->len, 10);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_clone_refcounts)
{
	struct sk_buff *orig = alloc_skb(fx.host[0], 128), *clone;
	unsigned long data_freed;

	skb_reserve(orig, 32);
	memset(skb_put(orig, 64), 0xab, 64);
	clone = skb_clone(orig);
	ck_assert_ptr_nonnull(clone);
	ck_assert_uint_ne(clone->id, orig->id);
	/* The article's second copy: a new header over the same bytes. */
	ck_assert_ptr_eq(clone->data, orig->data);
	ck_assert_ptr_eq(clone->head, orig->head);
	ck_assert_int_eq(skb_shinfo(orig)->dataref, 2);
	ck_assert(orig->cloned && clone->cloned);
	ck_assert(skb_cloned(orig));
	ck_assert_int_eq(clone->users, 1);
	ck_assert_uint_eq(clone->data_id, orig->id);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 2);

	data_freed = fx.ledger.data_freed;
	consume_skb(clone);	/* the driver's free */
	ck_assert_int_eq(skb_shinfo(orig)->dataref, 1);
	ck_assert(!skb_cloned(orig));
	ck_assert_uint_eq(fx.ledger.data_freed, data_freed);	/* data survives */
	ck_assert_uint_eq(orig->data[0], 0xab);
	kfree_skb(orig);	/* the ACK's free */
	ck_assert_uint_eq(fx.ledger.data_freed, data_freed + 1);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 0);
}
END_TEST

START_TEST(test_header_release)
{
	struct sk_buff *orig = alloc_skb(fx.host[0], 128), *clone;

	skb_header_release(orig);	/* as skb_entail does */
	clone = skb_clone(orig);
	ck_assert_int_eq(skb_shinfo(orig)->dataref, 0x00010002);
	kfree_skb(orig);	/* drops the payload-only reference and one data ref */
	ck_assert_int_eq(skb_shinfo(clone)->dataref & SKB_DATAREF_MASK, 1);
	kfree_skb(clone);
	ck_assert_uint_eq(fx.ledger.data_freed, fx.ledger.data_allocated);
}
END_TEST

START_TEST(test_users_and_leak_report)
{
	struct sk_buff *skb = alloc_skb(fx.host[0], 64);

	skb_get(skb);
	ck_assert(skb_shared(skb));
	kfree_skb(skb);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 1);
	kfree_skb(skb);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 0);
	/* Display addresses depend on the id only: the same in every run. */
	skb = alloc_skb(fx.host[0], 64);
	ck_assert_uint_eq(sim_skb_display_addr(skb), 0xffff880012340000UL + (skb->id << 8));
	consume_skb(skb);
}
END_TEST

START_TEST(test_queue)
{
	struct sk_buff_head q;
	struct sk_buff *a = alloc_skb(fx.host[0], 16), *b = alloc_skb(fx.host[0], 16);
	struct sk_buff *c = alloc_skb(fx.host[0], 16);

	skb_queue_head_init(&q);
	ck_assert(skb_queue_empty(&q));
	__skb_queue_tail(&q, a);
	__skb_queue_tail(&q, b);
	__skb_queue_head(&q, c);
	ck_assert_uint_eq(skb_queue_len(&q), 3);
	ck_assert_ptr_eq(skb_peek(&q), c);
	ck_assert_ptr_eq(skb_peek_tail(&q), b);
	__skb_unlink(a, &q);
	ck_assert_ptr_eq(__skb_dequeue(&q), c);
	kfree_skb(a);
	kfree_skb(c);
	__skb_queue_purge(&q);	/* frees b */
	ck_assert(skb_queue_empty(&q));
	ck_assert_ptr_null(__skb_dequeue(&q));
}
END_TEST

START_TEST(test_checksums)
{
	/* A classic worked example of the IPv4 header checksum: 0xb861. */
	u8 iph[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
		       0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
	__sum16 c = ip_fast_csum(iph, 5);

	ck_assert_uint_eq(((u8 *)&c)[0], 0xb8);
	ck_assert_uint_eq(((u8 *)&c)[1], 0x61);
	memcpy(iph + 10, &c, 2);
	ck_assert_uint_eq(ip_fast_csum(iph, 5), 0);	/* verifies to zero */
	/* Odd length pads with a zero byte. */
	ck_assert_uint_eq(csum_partial((u8[]){ 0x01, 0x02, 0x03 }, 3, 0), 0x0102 + 0x0300);
	/* UDP over IPv4: pseudo header 1.2.3.4 -> 5.6.7.8, len 8, proto 17. */
	ck_assert_uint_eq(csum_tcpudp_nofold(htonl(0x01020304), htonl(0x05060708), 8, 17, 0),
			  0x0102 + 0x0304 + 0x0506 + 0x0708 + 17 + 8);
}
END_TEST

/* csum_partial as it was first written: two bytes at a time, as
 * big-endian words (the reference for the word-at-a-time one). */
static u32
ref_csum_partial(const u8 *p, int len, u32 sum)
{
	u64 acc = sum;

	for (; len > 1; p += 2, len -= 2)
		acc += (u16)(p[0] << 8 | p[1]);
	if (len)
		acc += (u16)(p[0] << 8);
	while (acc >> 32)
		acc = (acc & 0xffffffff) + (acc >> 32);
	return (u32)acc;
}

/* The same number in ones' complement: equal mod 0xffff, and zero together. */
static void
assert_same_csum(u32 got, u32 want, int off, int len, u32 sum)
{
	ck_assert_msg(csum_fold(got) == csum_fold(want) && got % 0xffff == want % 0xffff &&
		      !got == !want, "offset %d, length %d, sum 0x%x: 0x%x, want 0x%x",
		      off, len, sum, got, want);
}

static u32
lcg(u32 *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/*
 * The word-at-a-time csum_partial against the byte-at-a-time reference:
 * random bytes at every alignment, lengths from 0 to past a jumbo frame
 * (odd ones too), starting sums 0, random and all ones, sums built in two
 * pieces, and runs of 0x00 and 0xff bytes (a total of 0 and its other
 * form, 0xffff, where a wrong carry would show).
 */
START_TEST(test_csum_partial_words)
{
	static u8 buf[9100];
	u32 seed = 16;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)lcg(&seed);
	for (int n = 0; n < 3000; n++) {
		int off = (int)(lcg(&seed) % 8);
		int len = n < 80 ? n : (int)(lcg(&seed) % (sizeof(buf) - 8));
		u32 sums[] = { 0, 0xffffffff, lcg(&seed) * 257u };
		int k = (int)(lcg(&seed) % (len + 1)) & ~1;	/* an even first piece */

		for (size_t j = 0; j < ARRAY_SIZE(sums); j++) {
			u32 want = ref_csum_partial(buf + off, len, sums[j]);

			assert_same_csum(csum_partial(buf + off, len, sums[j]), want, off, len,
					 sums[j]);
			assert_same_csum(csum_partial(buf + off + k, len - k,
						      csum_partial(buf + off, k, sums[j])),
					 want, off, len, sums[j]);
		}
	}
	for (int fill = 0; fill <= 0xff; fill += 0xff) {
		static u8 run[65536 + 8];

		memset(run, fill, sizeof(run));
		for (int off = 0; off < 8; off++)
			for (int len = 0; len <= 65536; len += len < 64 ? 1 : 4093)
				assert_same_csum(csum_partial(run + off, len, 0),
						 ref_csum_partial(run + off, len, 0), off, len, 0);
	}
}
END_TEST

Suite *skbuff_suite(void)
{
	Suite *s = suite_create("skbuff");

	fixture_add_tcase(s, "core", setup, teardown, 0, (const TTest *const []){
		test_pointer_math,
		test_clone_refcounts,
		test_header_release,
		test_users_and_leak_report,
		test_queue,
		test_checksums,
		test_csum_partial_words,
		NULL,
	});
	return s;
}
