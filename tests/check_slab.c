/*
 * tests/check_slab.c - kernel/slub.c: a host's object caches, kmalloc's
 * size classes, the free list that hands back the object freed last,
 * /proc/slabinfo, the tracepoints, and the leaks a host's end finds.
 */
#include "tests/fixture.h"
#include "events/kmem.h"
#include "events/skb.h"
#include "tools/tools.h"

#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static struct fixture fx;

static void setup(void) { fixture_setup(&fx, 1); }
static void teardown(void) { fixture_teardown(&fx); }

/* kmalloc rounds a request up to its class, as ksize() and the
 * tracepoint say; above 8 KiB it takes whole pages. */
START_TEST(test_kmalloc_classes)
{
	static const struct { size_t req, got; } cls[] = {
		{ 1, 8 }, { 8, 8 }, { 9, 16 }, { 33, 64 }, { 65, 96 }, { 96, 96 }, { 97, 128 },
		{ 129, 192 }, { 193, 256 }, { 2432, 4096 }, { 8192, 8192 }, { 8193, 16384 },
		{ 65536 + 448, 131072 },
	};
	struct net *h = fx.host[0];

	for (size_t i = 0; i < ARRAY_SIZE(cls); i++) {
		void *p;
		int ev;

		fixture_forget(&fx);
		p = kmalloc(h, cls[i].req);
		ck_assert_ptr_nonnull(p);
		memset(p, 0x5a, ksize(p));	/* all of it is ours */
		ck_assert_uint_eq(ksize(p), cls[i].got);
		ev = FX_FIND(&fx.rec, 0, "h0", kmalloc);
		ck_assert_int_ge(ev, 0);
		ck_assert_uint_eq(FX_DATA(&fx.rec, ev, kmalloc)->bytes_req, cls[i].req);
		ck_assert_uint_eq(FX_DATA(&fx.rec, ev, kmalloc)->bytes_alloc, cls[i].got);
		kfree(p);
		ck_assert_int_ge(FX_FIND(&fx.rec, ev, "h0", kfree), 0);
	}
	kfree(NULL);	/* allowed, and nothing to trace */
}
END_TEST

/*
 * Not a malloc per skb: a freed skb's header and data go back to the
 * host's caches, and the next skb gets them (the last freed first).
 */
START_TEST(test_skb_reuses_freed_memory)
{
	struct net *h = fx.host[0];
	struct sk_buff *a = alloc_skb(h, 100), *b = alloc_skb(h, 100), *c;
	void *a_hdr = a, *a_data = a->head;
	unsigned long active = h->skbuff_head_cache->active_objs;
	u32 a_id = a->id;
	int i;

	ck_assert_uint_eq(ksize(a->head), 512);	/* 128 + the shared info */
	kfree_skb(b);
	kfree_skb(a);
	ck_assert_uint_eq(h->skbuff_head_cache->active_objs, active - 2);
	fixture_forget(&fx);
	c = alloc_skb(h, 100);
	ck_assert_ptr_eq(c, a_hdr);
	ck_assert_ptr_eq(c->head, a_data);
	ck_assert_uint_ne(c->id, a_id);		/* a new skb all the same */
	/* The trace: the header from skbuff_head_cache, then the data, then
	 * alloc_skb names the skb. */
	i = FX_FIND(&fx.rec, 0, "h0", kmem_cache_alloc);
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(FX_DATA(&fx.rec, i, kmem_cache_alloc)->name, "skbuff_head_cache");
	ck_assert_uint_eq(FX_DATA(&fx.rec, i, kmem_cache_alloc)->bytes_req, sizeof(struct sk_buff));
	ck_assert_int_eq(FX_FIND(&fx.rec, 0, "h0", kmalloc), i + 2);	/* after its exit */
	ck_assert_int_eq(FX_FIND(&fx.rec, 0, "h0", alloc_skb), i + 4);
	fixture_forget(&fx);
	consume_skb(c);
	i = FX_FIND(&fx.rec, 0, "h0", kmem_cache_free);
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(FX_DATA(&fx.rec, i, kmem_cache_free)->name, "skbuff_head_cache");
	ck_assert_int_ge(FX_FIND(&fx.rec, 0, "h0", kfree), 0);
	ck_assert_int_lt(FX_FIND(&fx.rec, 0, "h0", kfree), i);	/* data, then header */
}
END_TEST

/* A cache grows a slab at a time and keeps its slabs; /proc/slabinfo
 * counts them. */
START_TEST(test_cache_grows_and_slabinfo)
{
	struct net *h = fx.host[0];
	struct kmem_cache *s = kmem_cache_create(h, "test_cache", 1000, 0, 0);
	void *obj[64];
	unsigned int n;
	char *text = NULL, line[160];
	size_t len = 0;
	FILE *out;

	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->size, 1000);
	n = s->objects;
	ck_assert_uint_ge(n, 8);	/* a slab holds at least 8 ... */
	ck_assert_uint_le(n + 1, ARRAY_SIZE(obj));
	ck_assert_uint_eq(s->order, 1);	/* ... so 1000-byte objects take 2 pages */
	for (unsigned int i = 0; i <= n; i++) {
		obj[i] = kmem_cache_alloc(s);
		ck_assert_ptr_nonnull(obj[i]);
		memset(obj[i], i, 1000);
	}
	ck_assert_uint_eq(s->num_slabs, 2);
	ck_assert_uint_eq(s->num_objs, 2 * n);
	ck_assert_uint_eq(s->active_objs, n + 1);
	for (unsigned int i = 0; i <= n; i++)
		kmem_cache_free(s, obj[i]);
	ck_assert_uint_eq(s->active_objs, 0);
	ck_assert_uint_eq(s->num_slabs, 2);	/* kept for the next ones */
	ck_assert_ptr_eq(kmem_cache_alloc(s), obj[n]);	/* the last freed first */
	kmem_cache_free(s, obj[n]);

	out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(tool_cat(h, 2, (char *[]){ "cat", "/proc/slabinfo", NULL }, out, stderr),
			 0);
	fclose(out);
	ck_assert_ptr_eq(strstr(text, "slabinfo - version: 2.1\n"), text);
	snprintf(line, sizeof(line), "\ntest_cache             0 %6u   1000 %4u    2 : tunables"
		 "    0    0    0 : slabdata      2      2      0\n", 2 * n, n);
	ck_assert_msg(strstr(text, line), "no %s in\n%s", line + 1, text);
	/* The newest first, kmalloc's smallest last. */
	ck_assert(strstr(text, "test_cache") < strstr(text, "skbuff_head_cache"));
	ck_assert(strstr(text, "kmalloc-8192") < strstr(text, "kmalloc-8 "));
	ck_assert_ptr_nonnull(strstr(text, "\nkmalloc-96 "));
	free(text);
	kmem_cache_destroy(s);
}
END_TEST

/*
 * What a host's caches still hold at its end, beyond the skbs the
 * ledger names, fails the run: a kmem_cache object and a kmalloc_large
 * block nobody freed.
 */
START_TEST(test_slab_leak_reported)
{
	struct net *h = fixture_add_host(&fx);
	struct kmem_cache *s = kmem_cache_create(h, "test_leak", 100, 0, 0);
	void *obj = kmem_cache_alloc(s), *big = kmalloc(h, 20000);
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	ck_assert_ptr_nonnull(obj);
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 0);
	host_destroy(h);
	fx.nhosts--;
	out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, out), 2);
	fclose(out);
	ck_assert_str_eq(text, "leaked 2 slab object(s) besides the skbs' heads and data\n");
	free(text);
	/* The test's own clean-up: the slab of the one object and the block. */
	free(sim_virt_to_slab(obj));
	free(sim_virt_to_slab(big));
	fx.ledger.slab_leaked = 0;
}
END_TEST

/* A leaked skb is named by the ledger and counted once, not again as
 * the slab objects its host's caches kept. */
START_TEST(test_skb_leak_counted_once)
{
	struct sk_buff *skb = alloc_skb(fx.host[0], 64), *clone = skb_clone(skb);

	/* As the host's end would leave it: two heads and one data buffer. */
	fx.ledger.slab_leaked = 3;
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 2);
	fx.ledger.slab_leaked = 4;	/* and one kmalloc object of no skb */
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 3);
	fx.ledger.slab_leaked = 0;
	kfree_skb(clone);
	kfree_skb(skb);
}
END_TEST

/* Freeing the same object twice in a row, or into a cache it does not
 * come from, is a bug in netstep: it stops there. */
START_TEST(test_double_free_aborts)
{
	struct kmem_cache *s = kmem_cache_create(fx.host[0], "test_twice", 64, 0, 0);
	void *obj = kmem_cache_alloc(s);

	kmem_cache_free(s, obj);
	kmem_cache_free(s, obj);
}
END_TEST

START_TEST(test_wrong_cache_aborts)
{
	struct kmem_cache *s = kmem_cache_create(fx.host[0], "test_wrong", 64, 0, 0);
	void *obj = kmalloc(fx.host[0], 64);

	kmem_cache_free(s, obj);
}
END_TEST

Suite *slab_suite(void)
{
	Suite *s = suite_create("slab");
	TCase *bugs = tcase_create("bugs");

	fixture_add_tcase(s, "core", setup, teardown, 0, (const TTest *const []){
		test_kmalloc_classes,
		test_skb_reuses_freed_memory,
		test_cache_grows_and_slabinfo,
		test_slab_leak_reported,
		test_skb_leak_counted_once,
		NULL,
	});
	/* No teardown: the child aborts with its host alive. */
	tcase_add_checked_fixture(bugs, setup, NULL);
	tcase_add_test_raise_signal(bugs, test_double_free_aborts, SIGABRT);
	tcase_add_test_raise_signal(bugs, test_wrong_cache_aborts, SIGABRT);
	suite_add_tcase(s, bugs);
	return s;
}
