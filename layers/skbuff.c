/*
 * layers/skbuff.c - allocating, cloning and freeing socket buffers.
 *
 * Mirrors net/core/skbuff.c and the inline helpers of
 * include/linux/skbuff.h (Linux 3.10).  Read layers/skbuff.h first for
 * the buffer layout and the two reference counts; read the layer that
 * interests you next (layers/ip_output.c for the path down).
 *
 * What netstep adds: each skb gets a stable id and sits on the engine's
 * ledger until it is freed, so every test can end with "no skb leaked",
 * and traces name skbs the same way in every run.
 *
 * Left out: fclone slab pairs, page frags and frag_list, truesize
 * charging against sockets, skb_shared_info destructor_arg.
 */
#include "layers/skbuff.h"
#include "layers/netdevice.h"
#include "layers/route.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/skb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/core/skbuff.c";

#define SKB_DATA_ALIGN(x)	ALIGN((x), 64u)	/* SMP_CACHE_BYTES */
#define SKB_TRUESIZE(x)		((x) + SKB_DATA_ALIGN(sizeof(struct sk_buff)) + \
				 SKB_DATA_ALIGN(sizeof(struct skb_shared_info)))
#define NET_SKB_PAD		64	/* max(32, L1_CACHE_BYTES) */
#define NET_IP_ALIGN		2

void
sim_skb_ledger_init(struct skb_ledger *l)
{
	memset(l, 0, sizeof(*l));
	INIT_LIST_HEAD(&l->live);
	l->next_id = 1;
}

unsigned long
sim_skb_ledger_live(const struct skb_ledger *l, void *f)
{
	const struct sk_buff *skb;
	unsigned long n = 0;

	list_for_each_entry(skb, &l->live, ledger_node) {
		if (f)
			fprintf(f, "leaked skb#%u (host %s, len %u, users %d, dataref %d)\n",
				skb->id, skb->host ? skb->host->name : "?", skb->len,
				skb->users, skb_shinfo(skb)->dataref & SKB_DATAREF_MASK);
		n++;
	}
	return n;
}

/* A kernel-looking address that only depends on the id: reproducible. */
unsigned long
sim_skb_display_addr(const struct sk_buff *skb)
{
	return 0xffff880012340000UL + ((unsigned long)skb->id << 8);
}

static struct skb_ledger *
sim_host_ledger(struct net *net)
{
	return net && net->eng ? net->eng->ledger : NULL;
}

static void
sim_skb_ledger_add(struct sk_buff *skb)
{
	struct skb_ledger *l = sim_host_ledger(skb->host);

	if (!l) {
		INIT_LIST_HEAD(&skb->ledger_node);
		return;
	}
	skb->id = l->next_id++;
	l->allocated++;
	list_add_tail(&skb->ledger_node, &l->live);
}

static void
sim_skb_ledger_del(struct sk_buff *skb)
{
	struct skb_ledger *l = sim_host_ledger(skb->host);

	list_del_init(&skb->ledger_node);
	if (l)
		l->freed++;
}

/**
 * alloc_skb - allocate a network buffer
 * @net: the host that will own it (stands in for the GFP mask)
 * @size: bytes of data room; headroom is made later with skb_reserve()
 *
 * Returns a new skb with users = 1 and dataref = 1, owned by the
 * caller, or NULL when memory runs out.
 */
struct sk_buff *
alloc_skb(struct net *net, unsigned int size)
{
	struct sk_buff *skb;
	struct skb_shared_info *shinfo;
	unsigned char *data;

	size = SKB_DATA_ALIGN(size);
	skb = calloc(1, sizeof(*skb));
	data = malloc(size + sizeof(struct skb_shared_info));
	if (!skb || !data) {
		free(skb);
		free(data);
		return NULL;
	}
	skb->host = net;
	sim_skb_ledger_add(skb);
	trace_alloc_skb(net, skb, size);
	skb->truesize = SKB_TRUESIZE(size);
	skb->users = 1;
	skb->head = data;
	skb->data = data;
	skb->tail = 0;
	skb->end = size;
	skb->mac_header = SKB_HEADER_UNSET;
	skb->transport_header = SKB_HEADER_UNSET;
	skb->network_header = 0;
	skb->data_id = skb->id;
	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, sizeof(*shinfo));
	shinfo->dataref = 1;
	if (sim_host_ledger(net))
		sim_host_ledger(net)->data_allocated++;
	return skb;
}

/**
 * netdev_alloc_skb - allocate an skb for receiving on @dev
 *
 * Leaves NET_SKB_PAD of headroom, as the kernel does, so a driver can
 * add headers cheaply.  Returns an skb owned by the caller or NULL.
 */
struct sk_buff *
netdev_alloc_skb(struct net_device *dev, unsigned int length)
{
	struct sk_buff *skb = alloc_skb(dev_net(dev), length + NET_SKB_PAD);

	if (skb) {
		skb_reserve(skb, NET_SKB_PAD);
		skb->dev = dev;
	}
	return skb;
}

/* The word skb_data_release prints: "freed" or "kept". */
const char *
sim_skb_data_fate_name(u32 fate)
{
	return fate == SIM_SKB_DATA_KEPT ? "kept" : "freed";
}

/* Free the data buffer once no header points at it any more. */
static void
skb_release_data(struct sk_buff *skb)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	int drop = skb->nohdr ? (1 << SKB_DATAREF_SHIFT) + 1 : 1;

	if (!skb->cloned || ((shinfo->dataref -= drop) & SKB_DATAREF_MASK) == 0) {
		struct skb_ledger *l = sim_host_ledger(skb->host);

		trace_skb_data_release(skb, 0, SIM_SKB_DATA_FREED);
		if (l)
			l->data_freed++;
		free(skb->head);
	} else {
		trace_skb_data_release(skb, shinfo->dataref & SKB_DATAREF_MASK,
				       SIM_SKB_DATA_KEPT);
	}
	skb->head = NULL;
}

static void
__kfree_skb(struct sk_buff *skb)
{
	skb_dst_drop(skb);
	if (skb->destructor)
		skb->destructor(skb);
	skb_release_data(skb);
	sim_skb_ledger_del(skb);
	free(skb);
}

/**
 * kfree_skb - drop a reference; free the skb when it was the last
 *
 * Used when a packet is dropped (the kernel's kfree_skb tracepoint is
 * what `dropwatch` listens to).  Consumes the caller's reference.
 */
void
kfree_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	trace_kfree_skb(skb);
	if (--skb->users > 0)
		return;
	__kfree_skb(skb);
}

/**
 * consume_skb - like kfree_skb, for a packet that did its job
 *
 * Same logic as kfree_skb; only the tracepoint differs, which is how a
 * reader tells a transmitted packet from a dropped one.
 */
void
consume_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	trace_consume_skb(skb);
	if (--skb->users > 0)
		return;
	__kfree_skb(skb);
}

void
kfree_skb_list(struct sk_buff *segs)
{
	while (segs) {
		struct sk_buff *next = segs->next;

		kfree_skb(segs);
		segs = next;
	}
}

/* skb_get - take one more reference to the header.  Returns @skb. */
struct sk_buff *
skb_get(struct sk_buff *skb)
{
	skb->users++;
	return skb;
}

/**
 * skb_clone - duplicate an sk_buff header, sharing the data
 * @skb: buffer to clone; it stays owned by its caller
 *
 * The clone gets its own header (users = 1, no socket, no list links)
 * but points at the same bytes; dataref goes up by one and both are
 * marked cloned.  TCP sends the clone down the stack and keeps the
 * original on its write queue.  Returns the clone, owned by the caller.
 */
struct sk_buff *
skb_clone(struct sk_buff *skb)
{
	struct sk_buff *n = malloc(sizeof(*n));

	if (!n)
		return NULL;
	memcpy(n, skb, sizeof(*n));
	n->next = n->prev = NULL;
	n->sk = NULL;
	n->destructor = NULL;
	n->users = 1;
	n->nohdr = 0;
	n->cloned = 1;
	n->fclone = skb->fclone == SKB_FCLONE_ORIG ? SKB_FCLONE_CLONE : SKB_FCLONE_UNAVAILABLE;
	skb->cloned = 1;
	skb_shinfo(skb)->dataref++;
	sim_skb_ledger_add(n);
	/* KERNEL: skb_dst_copy takes a dst reference unless it is noref. */
	if (skb_dst(n) && !(n->_skb_refdst & SKB_DST_NOREF))
		dst_hold(skb_dst(n));
	trace_skb_clone(skb, n);
	return n;
}

/**
 * __copy_skb_header - copy the metadata of @old into @new
 *
 * The fields every copy of a packet keeps: device, protocol, priority,
 * pkt_type, local_df and the control block.  Shared by skb_copy,
 * ip_copy_metadata and sim_skb_realloc_headroom; each caller copies
 * its own extras (checksum state, header offsets) and decides how the
 * route moves.  Neither skb changes owner.
 * KERNEL: 3.10's __copy_skb_header also copies the header offsets, the
 * route, tstamp, mark, queue_mapping and more; ip_copy_metadata there
 * copies its few fields by hand.
 * NOTE: no tracepoint, so the traces of its callers stay as they were.
 */
void
__copy_skb_header(struct sk_buff *new, const struct sk_buff *old)
{
	new->dev = old->dev;
	new->protocol = old->protocol;
	new->priority = old->priority;
	new->pkt_type = old->pkt_type;
	new->local_df = old->local_df;
	memcpy(new->cb, old->cb, sizeof(new->cb));
}

/**
 * skb_copy - a private copy of header and data
 *
 * Used where the data must be changed but is shared.  Returns a new skb
 * owned by the caller, or NULL.
 */
struct sk_buff *
skb_copy(const struct sk_buff *skb)
{
	unsigned int headroom = skb_headroom(skb);
	struct sk_buff *n = alloc_skb(skb->host, skb->end);

	if (!n)
		return NULL;
	trace_skb_copy(skb, n);
	skb_reserve(n, headroom);
	skb_put(n, skb->len);
	memcpy(n->head, skb->head, headroom + skb->len);
	n->sk = NULL;
	__copy_skb_header(n, skb);
	n->ip_summed = skb->ip_summed;
	n->queue_mapping = skb->queue_mapping;
	n->mac_len = skb->mac_len;
	n->mac_header = skb->mac_header;
	n->network_header = skb->network_header;
	n->transport_header = skb->transport_header;
	if (skb_dst(skb)) {
		dst_hold(skb_dst(skb));
		skb_dst_set(n, skb_dst(skb));
	}
	return n;
}

/*
 * The pointer primitives.  The kernel panics on overflow
 * (skb_over_panic); so does netstep, because an overflow is a bug in
 * netstep itself, never a property of a packet.
 */
static void
skb_panic(const struct sk_buff *skb, unsigned int len, const char *msg)
{
	fprintf(stderr, "netstep: BUG: %s: skb#%u len %u put %u head %p data +%ld tail %u end %u\n",
		msg, skb->id, skb->len, len, (void *)skb->head,
		(long)(skb->data - skb->head), skb->tail, skb->end);
	abort();
}

unsigned char *
skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *tmp = skb_tail_pointer(skb);

	skb->tail += len;
	skb->len += len;
	if (unlikely(skb->tail > skb->end))
		skb_panic(skb, len, "skb_over_panic");
	return tmp;
}

unsigned char *
skb_push(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb_headroom(skb)))
		skb_panic(skb, len, "skb_under_panic");
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

/* Returns the new data pointer, or NULL if @len is more than we hold. */
unsigned char *
skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

void
skb_reserve(struct sk_buff *skb, int len)
{
	if (unlikely((unsigned int)len > skb->end - skb->tail))
		skb_panic(skb, len, "skb_reserve beyond end");
	skb->data += len;
	skb->tail += len;
}

void
skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len) {
		skb->len = len;
		skb->tail = (skb->data - skb->head) + len;
	}
}

/* Zero @pad bytes after the data, as drivers do for runt frames. */
int
skb_pad(struct sk_buff *skb, int pad)
{
	if (pad <= 0)
		return 0;
	if (skb_tailroom(skb) < pad)
		return -ENOMEM;
	memset(skb_tail_pointer(skb), 0, pad);
	return 0;
}

int
skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	if (offset < 0 || len < 0 || (unsigned int)(offset + len) > skb->len)
		return -EFAULT;
	memcpy(to, skb->data + offset, len);
	return 0;
}

/* ---- dst references -------------------------------------------------- */

void
skb_dst_set(struct sk_buff *skb, struct dst_entry *dst)
{
	skb->_skb_refdst = (unsigned long)dst;
}

/* Queued skbs outlive the lookup that attached their route: take a ref. */
void
skb_dst_force(struct sk_buff *skb)
{
	if (skb->_skb_refdst & SKB_DST_NOREF) {
		skb->_skb_refdst &= SKB_DST_PTRMASK;
		dst_hold(skb_dst(skb));
	}
}

void
skb_dst_drop(struct sk_buff *skb)
{
	if (skb->_skb_refdst && !(skb->_skb_refdst & SKB_DST_NOREF))
		dst_release(skb_dst(skb));
	skb->_skb_refdst = 0;
}

/* ---- queues ------------------------------------------------------------ */

void
skb_queue_head_init(struct sk_buff_head *list)
{
	list->next = list->prev = (struct sk_buff *)list;
	list->qlen = 0;
}

static void
__skb_insert(struct sk_buff *newsk, struct sk_buff *prev,
	     struct sk_buff *next, struct sk_buff_head *list)
{
	newsk->next = next;
	newsk->prev = prev;
	next->prev = prev->next = newsk;
	list->qlen++;
}

void
__skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk)
{
	__skb_insert(newsk, list->prev, (struct sk_buff *)list, list);
}

void
__skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk)
{
	__skb_insert(newsk, (struct sk_buff *)list, list->next, list);
}

void
__skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	list->qlen--;
	skb->next->prev = skb->prev;
	skb->prev->next = skb->next;
	skb->next = skb->prev = NULL;
}

struct sk_buff *
__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		__skb_unlink(skb, list);
	return skb;
}

void
__skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}

/*
 * ---- Internet checksum (RFC 1071) ------------------------------------------
 *
 * NOTE: netstep's __wsum accumulates the packet's 16-bit words as
 * big-endian numbers; the kernel sums in the CPU's byte order.  Both
 * fold to the same bytes in the header, which is all that matters.
 */

/* Add the halves of @x, then the carry that gives (lib/checksum.c). */
static inline u32
from64to32(u64 x)
{
	x = (x & 0xffffffff) + (x >> 32);
	x = (x & 0xffffffff) + (x >> 32);
	return (u32)x;
}

static inline u16
from32to16(u32 x)
{
	x = (x & 0xffff) + (x >> 16);
	x = (x & 0xffff) + (x >> 16);
	return (u16)x;
}

/*
 * do_csum - the ones' complement sum of @len bytes as a 16-bit word of
 * the packet, the way lib/checksum.c's generic version does it: 32-bit
 * words in the CPU's byte order (here eight of them a turn), their
 * carries kept (here in a 64-bit total), folded at the end.  Words of the CPU's order sum to the
 * byte-swapped sum of the packet's big-endian words [RFC 1071 2(B)], so
 * a little-endian CPU swaps the result once.
 *
 * KERNEL: do_csum first aligns @buff (an odd start rotates the result)
 * because some CPUs cannot load unaligned words; memcpy() loads any.
 */
static u16
do_csum(const u8 *buff, int len)
{
	u64 sum = 0, w[4];
	u32 w32;
	u16 h, result;

	/* 32 bytes a turn, as the 32-bit halves of four 64-bit words: the
	 * total grows by less than 2^35 a turn, far from overflowing. */
	for (; len >= 32; buff += 32, len -= 32) {
		memcpy(w, buff, sizeof(w));
		for (int i = 0; i < 4; i++)
			sum += (w[i] & 0xffffffff) + (w[i] >> 32);
	}
	for (; len >= 4; buff += 4, len -= 4) {
		memcpy(&w32, buff, 4);
		sum += w32;
	}
	if (len >= 2) {
		memcpy(&h, buff, 2);
		sum += h;
		buff += 2;
		len -= 2;
	}
	result = from32to16(from64to32(sum));
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	result = (u16)(result << 8 | result >> 8);
#endif
	/* An odd last byte is the high half of a word padded with zero. */
	if (len)
		result = from32to16((u32)result + (buff[0] << 8));
	return result;
}

/**
 * csum_partial - the ones' complement sum of @len bytes at @buff, added to
 * @sum: a 32-bit partial sum to fold (csum_fold) or to feed back in
 * (only the last piece may have an odd length).
 */
__wsum
csum_partial(const void *buff, int len, __wsum sum)
{
	u32 result = len > 0 ? do_csum(buff, len) : 0;

	result += sum;
	if (sum > result)
		result += 1;	/* the end-around carry */
	return (__wsum)result;
}

/* Fold to 16 bits and complement; the result is in network byte order. */
__sum16
csum_fold(__wsum sum)
{
	u32 s = sum;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return htons((u16)~s);
}

__sum16
ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4, 0));
}

/* Pseudo-header sum for TCP and UDP (RFC 793, RFC 768). */
__wsum
csum_tcpudp_nofold(__be32 saddr, __be32 daddr, unsigned short len,
		   unsigned short proto, __wsum sum)
{
	u64 acc = sum;
	u32 s = ntohl(saddr), d = ntohl(daddr);

	acc += (s >> 16) + (s & 0xffff) + (d >> 16) + (d & 0xffff);
	acc += proto + len;
	while (acc >> 32)
		acc = (acc & 0xffffffff) + (acc >> 32);
	return (__wsum)acc;
}
