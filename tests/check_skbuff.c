/*
 * tests/check_skbuff.c - skb pointers, clones and their reference
 * counts, the ledger, queues and checksums; nonlinear skbs: page frags
 * and their page references, frag_list, copies, pulls, splits, sums and
 * segmentation.
 */
#include "tests/fixture.h"
#include "layers/ip.h"

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

/* ---- nonlinear skbs ----------------------------------------------------------- */

/* Byte k of the test data: k % 251 (the pattern of `send N`). */
static u8
pat(unsigned int k)
{
	return (u8)(k % 251);
}

/*
 * An skb of @head linear bytes (after 64 of headroom) and @nfrags frags
 * of @fsize bytes each, in a page of its own each, the pattern running
 * on across them.  Each page ends with one reference, the frag's.
 */
static struct sk_buff *
frag_skb(unsigned int head, int nfrags, unsigned int fsize)
{
	struct sk_buff *skb = alloc_skb(fx.host[0], 64 + head);
	unsigned int k = 0;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 64);
	for (u8 *p = skb_put(skb, head); k < head; k++)
		p[k] = pat(k);
	for (int i = 0; i < nfrags; i++) {
		struct page *page = alloc_pages(fx.host[0], 0);
		u8 *v = page_address(page);

		ck_assert_ptr_nonnull(page);
		/* an odd offset in the page, so sums meet odd boundaries */
		for (unsigned int j = 0; j < fsize; j++)
			v[1 + j] = pat(k++);
		skb_fill_page_desc(skb, i, page, 1, fsize);
		skb->len += fsize;
		skb->data_len += fsize;
		skb->truesize += fsize;
	}
	return skb;
}

/* Do @len bytes of @skb from @off on follow the pattern from @k on? */
static void
assert_pattern(const struct sk_buff *skb, int off, unsigned int len, unsigned int k)
{
	static u8 buf[70000];

	ck_assert_uint_le(len, sizeof(buf));
	ck_assert_int_eq(skb_copy_bits(skb, off, buf, len), 0);
	for (unsigned int i = 0; i < len; i++)
		ck_assert_msg(buf[i] == pat(k + i), "byte %u is %u, not %u", i, buf[i], pat(k + i));
}

START_TEST(test_frags_clone_and_pages)
{
	struct sk_buff *skb = frag_skb(100, 3, 1000), *clone;
	struct page *p0 = skb_frag_page(&skb_shinfo(skb)->frags[0]);
	unsigned long pages_freed = fx.ledger.pages_freed;
	u8 byte;

	ck_assert_uint_eq(skb->len, 3100);
	ck_assert_uint_eq(skb_headlen(skb), 100);
	ck_assert(skb_is_nonlinear(skb));
	ck_assert_uint_eq(skb_pagelen(skb), 3100);
	ck_assert_int_eq(skb_tailroom(skb), 0);		/* nonlinear: no appending */
	assert_pattern(skb, 0, 3100, 0);
	/* A read across the linear part and two frags, and past the end. */
	assert_pattern(skb, 90, 1020, 90);
	ck_assert_int_eq(skb_copy_bits(skb, 3099, &byte, 2), -EFAULT);
	ck_assert_int_eq(page_count(p0), 1);

	/* The clone shares the frags: no page reference more, dataref 2. */
	clone = skb_clone(skb);
	ck_assert_uint_eq(skb_shinfo(clone)->nr_frags, 3);
	ck_assert_int_eq(page_count(p0), 1);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 2);
	assert_pattern(clone, 0, 3100, 0);
	kfree_skb(skb);
	ck_assert_int_eq(page_count(p0), 1);		/* the data lives on */
	ck_assert_uint_eq(fx.ledger.pages_freed, pages_freed);
	kfree_skb(clone);				/* the last header: pages go */
	ck_assert_uint_eq(fx.ledger.pages_freed, pages_freed + 3);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 0);
}
END_TEST

START_TEST(test_page_leak_reported)
{
	struct page *page = alloc_pages(fx.host[0], 3);

	ck_assert_ptr_nonnull(page);
	ck_assert_int_eq(page_count(page), 1);
	get_page(page);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 1);
	put_page(page);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 1);	/* one ref left */
	put_page(page);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 0);
	ck_assert_uint_eq(fx.ledger.pages_allocated, fx.ledger.pages_freed);
}
END_TEST

START_TEST(test_pskb_copy_and_expand_head)
{
	struct sk_buff *skb = frag_skb(200, 2, 500), *copy, *clone;
	struct page *p1 = skb_frag_page(&skb_shinfo(skb)->frags[1]);
	u8 *old_head = skb->head;
	u32 ids[4];

	/* pskb_copy: a head of its own, the frags shared (a ref each). */
	copy = pskb_copy(skb);
	ck_assert_ptr_nonnull(copy);
	ck_assert_ptr_ne(copy->head, skb->head);
	ck_assert_uint_eq(copy->len, 1200);
	ck_assert_int_eq(page_count(p1), 2);
	assert_pattern(copy, 0, 1200, 0);
	ck_assert_int_eq(skb_shinfo(copy)->dataref, 1);
	kfree_skb(copy);
	ck_assert_int_eq(page_count(p1), 1);

	/* pskb_expand_head on a cloned skb: its own head; the frags get one
	 * more reference, since the old head keeps its own. */
	clone = skb_clone(skb);
	ck_assert_int_eq(pskb_expand_head(skb, 32, 0), 0);
	ck_assert_ptr_ne(skb->head, old_head);
	ck_assert_uint_eq(skb_headroom(skb), 64 + 32);
	ck_assert(!skb_cloned(skb));
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	ck_assert_int_eq(skb_shinfo(clone)->dataref, 1);
	ck_assert_int_eq(page_count(p1), 2);
	assert_pattern(skb, 0, 1200, 0);
	assert_pattern(clone, 0, 1200, 0);
	/* Each head lists its one header now (the UI's skb pane reads it). */
	ck_assert_int_eq(sharers(skb, ids, 4), 1);
	ck_assert_uint_eq(ids[0], skb->id);
	ck_assert_int_eq(sharers(clone, ids, 4), 1);
	ck_assert_uint_eq(ids[0], clone->id);
	kfree_skb(clone);
	ck_assert_int_eq(page_count(p1), 1);
	/* Not cloned: the head moves, its list with it. */
	ck_assert_int_eq(pskb_expand_head(skb, 0, 64), 0);
	ck_assert_int_eq(sharers(skb, ids, 4), 1);
	ck_assert_uint_eq(ids[0], skb->id);
	clone = skb_clone(skb);
	ck_assert_int_eq(sharers(skb, ids, 4), 2);
	kfree_skb(clone);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_pull_tail_and_linearize)
{
	struct sk_buff *skb = frag_skb(10, 3, 100);
	struct sk_buff *fl = alloc_skb(fx.host[0], 400), *m1, *m2;
	struct page *p0 = skb_frag_page(&skb_shinfo(skb)->frags[0]);

	/* Pull 150 bytes: frag 0 (100) is gone, frag 1 keeps 50. */
	get_page(p0);		/* watch the page outlive its frag */
	ck_assert(pskb_may_pull(skb, 160));
	ck_assert_uint_eq(skb_headlen(skb), 160);
	ck_assert_uint_eq(skb_shinfo(skb)->nr_frags, 2);
	ck_assert_uint_eq(skb_frag_size(&skb_shinfo(skb)->frags[0]), 50);
	ck_assert_int_eq(page_count(p0), 1);
	put_page(p0);
	assert_pattern(skb, 0, 310, 0);
	ck_assert(!pskb_may_pull(skb, 311));
	ck_assert_int_eq(skb_linearize(skb), 0);
	ck_assert(!skb_is_nonlinear(skb));
	ck_assert_uint_eq(skb_shinfo(skb)->nr_frags, 0);
	assert_pattern(skb, 0, 310, 0);
	kfree_skb(skb);

	/* A frag_list: 100 linear bytes, then members of 150 and 150. */
	skb_reserve(fl, 64);
	for (unsigned int k = 0; k < 100; k++)
		*skb_put(fl, 1) = pat(k);
	m1 = alloc_skb(fx.host[0], 200);
	m2 = alloc_skb(fx.host[0], 200);
	for (unsigned int k = 0; k < 150; k++) {
		*skb_put(m1, 1) = pat(100 + k);
		*skb_put(m2, 1) = pat(250 + k);
	}
	skb_shinfo(fl)->frag_list = m1;
	m1->next = m2;
	fl->len += 300;
	fl->data_len += 300;
	ck_assert(skb_has_frag_list(fl));
	assert_pattern(fl, 0, 400, 0);
	{
		static u8 flat[400];

		ck_assert_int_eq(skb_copy_bits(fl, 0, flat, 400), 0);
		ck_assert_uint_eq(csum_fold(skb_checksum(fl, 0, 400, 0)),
				  csum_fold(csum_partial(flat, 400, 0)));
	}
	/* Eat m1 whole and 20 bytes of m2. */
	ck_assert_ptr_nonnull(__pskb_pull_tail(fl, 170));
	ck_assert_uint_eq(skb_headlen(fl), 270);
	ck_assert_ptr_eq(skb_shinfo(fl)->frag_list, m2);
	ck_assert_uint_eq(m2->len, 130);
	assert_pattern(fl, 0, 400, 0);
	kfree_skb(fl);
}
END_TEST

START_TEST(test_skb_split)
{
	struct sk_buff *a = frag_skb(300, 2, 1000), *b, *c;
	struct page *p0 = skb_frag_page(&skb_shinfo(a)->frags[0]);
	struct page *p1 = skb_frag_page(&skb_shinfo(a)->frags[1]);

	/* Inside the frags: frag 0 is cut in two, each half a reference. */
	b = alloc_skb(fx.host[0], 64);
	skb_split(a, b, 800);
	ck_assert_uint_eq(a->len, 800);
	ck_assert_uint_eq(a->data_len, 500);
	ck_assert_uint_eq(b->len, 1500);
	ck_assert_uint_eq(skb_headlen(b), 0);
	ck_assert_uint_eq(skb_shinfo(b)->nr_frags, 2);
	ck_assert_int_eq(page_count(p0), 2);
	ck_assert_int_eq(page_count(p1), 1);
	assert_pattern(a, 0, 800, 0);
	assert_pattern(b, 0, 1500, 800);

	/* Inside the linear part: the rest of it is copied, the frags move. */
	c = alloc_skb(fx.host[0], 400);
	skb_split(a, c, 100);
	ck_assert_uint_eq(a->len, 100);
	ck_assert(!skb_is_nonlinear(a));
	ck_assert_uint_eq(skb_headlen(c), 200);
	ck_assert_uint_eq(c->len, 700);
	assert_pattern(c, 0, 700, 100);
	kfree_skb(a);
	kfree_skb(b);
	ck_assert_int_eq(page_count(p0), 1);
	kfree_skb(c);
}
END_TEST

START_TEST(test_checksum_over_frags)
{
	/* Odd lengths everywhere: linear 33, frags of 77: the blocks meet at
	 * odd offsets, where csum_block_add swaps a block's sum. */
	struct sk_buff *skb = frag_skb(33, 4, 77);
	static u8 flat[400];
	unsigned int len = 33 + 4 * 77;

	ck_assert_int_eq(skb_copy_bits(skb, 0, flat, len), 0);
	ck_assert_uint_eq(csum_fold(skb_checksum(skb, 0, len, 0)),
			  csum_fold(csum_partial(flat, len, 0)));
	ck_assert_uint_eq(csum_fold(skb_checksum(skb, 7, len - 7, 0)),
			  csum_fold(csum_partial(flat + 7, len - 7, 0)));
	ck_assert_uint_eq(csum_fold(skb_checksum(skb, 50, 101, 0)),
			  csum_fold(csum_partial(flat + 50, 101, 0)));
	kfree_skb(skb);
}
END_TEST

/*
 * skb_segment: a GSO skb (Ethernet + IP + TCP headers linear, then 100
 * bytes of payload, then two frags) cut at an MSS of 500.
 */
START_TEST(test_skb_segment)
{
	for (int sg = 0; sg <= 1; sg++) {
		struct sk_buff *skb = frag_skb(14 + 20 + 20 + 100, 2, 700), *segs, *s;
		struct page *p0 = skb_frag_page(&skb_shinfo(skb)->frags[0]);
		unsigned int hdr = 54, k = hdr, n = 0;

		skb->protocol = htons(ETH_P_IP);
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb_reset_mac_header(skb);
		skb->mac_len = 14;
		skb->network_header = skb->mac_header + 14;
		skb->transport_header = skb->network_header + 20;
		skb_shinfo(skb)->gso_size = 500;
		skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
		skb_pull(skb, hdr);	/* at the payload, as tcp_tso_segment leaves it */
		segs = skb_segment(skb, sg ? NETIF_F_SG : 0);
		ck_assert(!IS_ERR(segs));
		for (s = segs; s; s = s->next, n++) {
			unsigned int plen = s->next ? 500 : 1500 - 2 * 500;

			ck_assert_uint_eq(s->len, hdr + plen);
			ck_assert_uint_eq(s->mac_len, 14);
			/* the headers were copied: the pattern's first bytes */
			assert_pattern(s, 0, hdr, 0);
			assert_pattern(s, hdr, plen, k);
			ck_assert_int_eq(s->ip_summed, CHECKSUM_NONE);	/* no device sum */
			ck_assert_uint_eq(s->csum, skb_checksum(s, hdr, plen, 0));
			ck_assert_int_eq(skb_is_nonlinear(s), sg);
			k += plen;
		}
		ck_assert_uint_eq(n, 3);
		/* With SG the segments hold references on the pages. */
		ck_assert_int_eq(page_count(p0), sg ? 3 : 1);
		kfree_skb_list(segs);
		ck_assert_int_eq(page_count(p0), 1);
		kfree_skb(skb);
	}
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

/*
 * truesize as 3.10 on x86-64 computes it, by hand: the head is
 * SKB_DATA_ALIGN(size) + 320 (the shared info) rounded up to a kmalloc
 * size class (ksize), the data room what is left before the shared info,
 * and truesize that room + 256 (the sk_buff, 232 bytes aligned) + 320.
 */
START_TEST(test_truesize_as_310)
{
	static const struct {
		unsigned int size, end, truesize;
	} want[] = {
		{ 0, 192, 768 },	/* 0 + 320 -> kmalloc-512 */
		{ 160, 192, 768 },	/* MAX_TCP_HEADER (an ACK): 192 + 320 = 512 */
		{ 256, 704, 1280 },	/* 576 -> kmalloc-1024 */
		{ 1514, 1728, 2304 },	/* a frame: 1536 + 320 -> kmalloc-2048 */
		{ 4000, 7872, 8448 },	/* 4352 -> kmalloc-8192 */
		{ 10000, 16064, 16640 },	/* 10368 -> 4 pages (kmalloc_large) */
	};

	ck_assert_uint_eq(SKB_TRUESIZE(0), 576);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		struct sk_buff *skb = alloc_skb(fx.host[0], want[i].size);

		ck_assert_ptr_nonnull(skb);
		ck_assert_uint_eq(skb->end, want[i].end);
		ck_assert_uint_eq(skb->truesize, want[i].truesize);
		ck_assert_int_eq(skb_tailroom(skb), (int)want[i].end);
		memset(skb_put(skb, skb->end), 0xA5, skb->end);	/* all of it is ours */
		kfree_skb(skb);
	}
}
END_TEST

Suite *skbuff_suite(void)
{
	Suite *s = suite_create("skbuff");

	fixture_add_tcase(s, "core", setup, teardown, 0, (const TTest *const []){
		test_pointer_math,
		test_truesize_as_310,
		test_clone_refcounts,
		test_ledger_index,
		test_header_release,
		test_users_and_leak_report,
		test_queue,
		test_checksums,
		test_frags_clone_and_pages,
		test_page_leak_reported,
		test_pskb_copy_and_expand_head,
		test_pull_tail_and_linearize,
		test_skb_split,
		test_checksum_over_frags,
		test_skb_segment,
		test_csum_partial_words,
		NULL,
	});
	return s;
}
