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

/* The sharers of one data buffer, in the order they came. */
static int
sharers(const struct sk_buff *skb, u32 *ids, int max)
{
	const struct sk_buff *o;
	int n = 0;

	list_for_each_entry(o, &skb_shinfo(skb)->sim_sharers, sim_share)
		if (n < max)
			ids[n++] = o->id;
	return n;
}

/*
 * What a reader asks without walking every live skb: is this header
 * alive (a ring slot may still point at a freed one), and which headers
 * share its data.  5000 live headers make the table grow on the way.
 */
START_TEST(test_ledger_index)
{
	enum { MANY = 5000 };
	struct sk_buff **many = calloc(MANY, sizeof(*many)), *orig, *clone, *gone;
	u32 ids[4];

	ck_assert_ptr_nonnull(many);
	for (int i = 0; i < MANY; i++) {
		many[i] = alloc_skb(fx.host[0], 64);
		ck_assert_ptr_nonnull(many[i]);
	}
	for (int i = 0; i < MANY; i++)
		ck_assert(sim_skb_ledger_holds(&fx.ledger, many[i]));
	ck_assert_uint_ge(fx.ledger.hash_size, MANY / 2);
	orig = alloc_skb(fx.host[0], 128);
	clone = skb_clone(orig);
	ck_assert_int_eq(sharers(orig, ids, 4), 2);
	ck_assert_uint_eq(ids[0], orig->id);
	ck_assert_uint_eq(ids[1], clone->id);
	gone = clone;
	kfree_skb(clone);
	ck_assert(!sim_skb_ledger_holds(&fx.ledger, gone));	/* compared, not read */
	ck_assert_int_eq(sharers(orig, ids, 4), 1);
	ck_assert(sim_skb_ledger_holds(&fx.ledger, orig));
	kfree_skb(orig);
	for (int i = 0; i < MANY; i++)
		kfree_skb(many[i]);
	/* The last one takes the table with it. */
	ck_assert_ptr_null(fx.ledger.hash);
	free(many);
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

Suite *skbuff_suite(void)
{
	Suite *s = suite_create("skbuff");

	fixture_add_tcase(s, "core", setup, teardown, 0, (const TTest *const []){
		test_pointer_math,
		test_clone_refcounts,
		test_ledger_index,
		test_header_release,
		test_users_and_leak_report,
		test_queue,
		test_checksums,
		NULL,
	});
	return s;
}
