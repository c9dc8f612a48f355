/*
 * layers/gro.c - Generic Receive Offload: merging the received segments
 * of a TCP flow into one big skb before the stack sees them.
 *
 * Mirrors napi_gro_receive, dev_gro_receive, napi_skb_finish,
 * napi_gro_complete, napi_gro_flush and gro_list_prepare of
 * net/core/dev.c (Linux 3.10; since 5.17 they live in net/core/gro.c,
 * hence this file's name).  The driver hands each received frame to
 * napi_gro_receive from its NAPI poll (igb_clean_rx_irq); GRO keeps up
 * to MAX_GRO_SKBS packets on napi->gro_list and asks the protocols,
 * layer by layer, whether the new one continues one of them:
 *
 *   dev_gro_receive (Ethernet: same device, same MAC header)
 *     -> inet_gro_receive (layers/af_inet.c: same addresses, protocol,
 *        TTL and TOS, the next IP ID, DF set, a header without options)
 *       -> tcp4_gro_receive (layers/tcp_ipv4.c: the checksum is checked
 *          here, once) -> tcp_gro_receive (layers/tcp.c: same ports,
 *          the next sequence number, same ACK, window and options, only
 *          ACK/PSH/FIN flags, not longer than the first segment)
 *         -> skb_gro_receive (layers/skbuff.c: the new packet's page
 *            frags move over to the held one)
 *
 * A held packet goes up the stack (napi_gro_complete: the protocols fix
 * its headers, gso_size and gso_segs tell TCP what it stands for) when a
 * packet of its flow says so (flush: PSH, FIN, a gap, different
 * options ...), when it is full (64 KiB, or MAX_SKB_FRAGS frags), and at
 * the latest at the end of the NAPI poll: napi_complete calls
 * napi_gro_flush.  So the stack above sees one skb where the wire
 * carried several frames, and so does tcpdump on this host.
 *
 * `ethtool -K eth0 gro off` clears NETIF_F_GRO: every frame goes up as
 * it came (GRO_NORMAL).
 *
 * Read before: nic/igb_main.c (igb_clean_rx_irq), layers/dev.c (NAPI).
 * Read after: layers/af_inet.c, layers/tcp_ipv4.c, layers/tcp.c,
 * layers/skbuff.c (skb_gro_receive).
 *
 * Left out: napi_gro_frags (drivers that build skbs without a linear
 * part), the frag0 shortcut, VLAN tags, IPv6, tunnels, the per-device
 * rx_handler.
 */
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "events/net.h"
#include "events/gro.h"

#include <string.h>

static const char KSRC[] = "net/core/dev.c";

/* "GRO_HELD" ...: how the trace names a gro_result. */
const char *
sim_gro_result_name(u32 ret)
{
	static const char *const n[] = { "GRO_MERGED", "GRO_MERGED_FREE", "GRO_HELD",
					 "GRO_NORMAL", "GRO_DROP" };

	return ret < ARRAY_SIZE(n) ? n[ret] : NULL;
}

/* The offload of Ethernet type @type that has GRO callbacks, or NULL. */
static const struct packet_offload *
sim_gro_offload(__be16 type)
{
	for (unsigned int i = 0; offload_base[i]; i++)
		if (offload_base[i]->type == type && offload_base[i]->callbacks.gro_receive)
			return offload_base[i];
	return NULL;
}

/**
 * napi_gro_complete - send a held packet up the stack
 * @skb: consumed
 *
 * A packet that nothing joined goes up as it came (gso_size back to 0);
 * a merged one first has its headers fixed by the protocols'
 * gro_complete (total length, checksum state, gso_segs).
 */
static int
napi_gro_complete(struct sk_buff *skb)
{
	const struct packet_offload *ptype;

	trace_napi_gro_complete(skb);
	if (NAPI_GRO_CB(skb)->count == 1) {
		skb_shinfo(skb)->gso_size = 0;
		return netif_receive_skb(skb);
	}
	ptype = sim_gro_offload(skb->protocol);
	if (!ptype || ptype->callbacks.gro_complete(skb)) {
		/* KERNEL: a WARN_ON; the packet is lost. */
		kfree_skb(skb);
		return NET_RX_SUCCESS;
	}
	return netif_receive_skb(skb);
}

/**
 * napi_gro_flush - send the held packets up, oldest first
 * @flush_old: only those held since an earlier jiffy (net_rx_action's
 *	flush of a context that used all its weight, with HZ 1000)
 */
void
napi_gro_flush(struct napi_struct *napi, bool flush_old)
{
	struct sk_buff *skb, *prev = NULL;

	trace_napi_gro_flush(napi, flush_old);
	/* The list is youngest first: walk it backwards through ->prev. */
	for (skb = napi->gro_list; skb; skb = skb->next) {
		skb->prev = prev;
		prev = skb;
	}
	for (skb = prev; skb; skb = prev) {
		skb->next = NULL;
		if (flush_old && NAPI_GRO_CB(skb)->age == sim_host_jiffies(dev_net(napi->dev)))
			return;
		prev = skb->prev;
		skb->prev = NULL;
		napi_gro_complete(skb);
		napi->gro_count--;
	}
	napi->gro_list = NULL;
}

/*
 * gro_list_prepare - mark which held packets may be of @skb's flow: the
 * same device and the same Ethernet header.  Every mark is cleared of
 * the last packet's flush.
 */
static void
gro_list_prepare(struct napi_struct *napi, struct sk_buff *skb)
{
	struct sk_buff *p;

	trace_gro_list_prepare(napi, skb);
	for (p = napi->gro_list; p; p = p->next) {
		bool diffs = p->dev != skb->dev ||
			     memcmp(skb_mac_header(p), skb_mac_header(skb), ETH_HLEN);

		NAPI_GRO_CB(p)->same_flow = !diffs;
		NAPI_GRO_CB(p)->flush = 0;
	}
}

/**
 * dev_gro_receive - try to merge @skb into a held packet, or hold it
 *
 * Returns GRO_MERGED_FREE (its data joined a held packet: napi_skb_finish
 * frees the rest), GRO_HELD (kept on the list for later segments) or
 * GRO_NORMAL (to go up as it is: GRO off, no GRO for its protocol, or a
 * packet the protocols said to flush).  A held packet the new one ended
 * (pp) goes up the stack first.
 */
static gro_result_t
dev_gro_receive(struct napi_struct *napi, struct sk_buff *skb)
{
	const struct packet_offload *ptype;
	struct sk_buff **pp;
	gro_result_t ret;

	trace_dev_gro_receive(napi, skb);
	if (!(skb->dev->features & NETIF_F_GRO))
		return GRO_NORMAL;
	if (skb_is_gso(skb) || skb_has_frag_list(skb))
		return GRO_NORMAL;
	gro_list_prepare(napi, skb);
	ptype = sim_gro_offload(skb->protocol);
	if (!ptype)
		return GRO_NORMAL;
	skb_set_network_header(skb, skb_gro_offset(skb));
	skb_reset_mac_len(skb);
	NAPI_GRO_CB(skb)->same_flow = 0;
	NAPI_GRO_CB(skb)->flush = 0;
	NAPI_GRO_CB(skb)->free = 0;
	pp = ptype->callbacks.gro_receive(&napi->gro_list, skb);

	ret = NAPI_GRO_CB(skb)->free ? GRO_MERGED_FREE : GRO_MERGED;
	if (pp) {
		struct sk_buff *nskb = *pp;

		*pp = nskb->next;
		nskb->next = NULL;
		napi_gro_complete(nskb);
		napi->gro_count--;
	}
	if (NAPI_GRO_CB(skb)->same_flow)
		return ret;
	if (NAPI_GRO_CB(skb)->flush || napi->gro_count >= MAX_GRO_SKBS)
		return GRO_NORMAL;
	/* The first of a flow: held, its payload length the flow's MSS. */
	napi->gro_count++;
	NAPI_GRO_CB(skb)->count = 1;
	NAPI_GRO_CB(skb)->age = sim_host_jiffies(dev_net(napi->dev));
	skb_shinfo(skb)->gso_size = skb_gro_len(skb);
	skb->next = napi->gro_list;
	napi->gro_list = skb;
	return GRO_HELD;
}

/* napi_skb_finish - act on dev_gro_receive's verdict for @skb. */
static gro_result_t
napi_skb_finish(gro_result_t ret, struct sk_buff *skb)
{
	trace_napi_skb_finish(skb, ret);
	switch (ret) {
	case GRO_NORMAL:
		if (netif_receive_skb(skb))
			ret = GRO_DROP;
		break;
	case GRO_MERGED_FREE:
		/* Its frags belong to the held packet now; the head goes. */
		__kfree_skb(skb);
		break;
	default:	/* GRO_HELD, GRO_MERGED: the held packet has it */
		break;
	}
	return ret;
}

/**
 * napi_gro_receive - the driver's per-frame entry from its NAPI poll
 * @skb: consumed (merged, held, or passed up)
 *
 * skb->data is at the network header (eth_type_trans was done).
 */
gro_result_t
napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb)
{
	trace_napi_gro_receive(napi, skb);
	/* skb_gro_reset_offset: nothing parsed yet.  KERNEL: frag0 unset. */
	NAPI_GRO_CB(skb)->data_offset = 0;
	return napi_skb_finish(dev_gro_receive(napi, skb), skb);
}

/**
 * netif_napi_del - the driver lets go of @napi: held packets are freed
 */
void
netif_napi_del(struct napi_struct *napi)
{
	struct sk_buff *skb, *next;

	trace_netif_napi_del(napi);
	for (skb = napi->gro_list; skb; skb = next) {
		next = skb->next;
		skb->next = NULL;
		kfree_skb(skb);
	}
	napi->gro_list = NULL;
	napi->gro_count = 0;
}
