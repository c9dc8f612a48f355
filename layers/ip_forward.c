/*
 * layers/ip_forward.c - passing a packet through a router.
 *
 * Mirrors net/ipv4/ip_forward.c (Linux 3.10).  When ip_rcv_finish's route
 * lookup finds the destination is not ours and forwarding is on, the
 * route's dst.input is ip_forward: check the TTL, check the packet fits
 * the next link if it may not be fragmented, take one off the TTL, run
 * the FORWARD hook, then leave through dst_output = ip_output exactly as
 * a locally sent packet does (fragmenting it there if DF is clear).
 *
 * Read before: layers/ip_input.c (ip_rcv_finish).  Read after:
 * layers/ip_output.c (ip_output, ip_fragment), layers/icmp.c (the errors
 * a router sends: time exceeded, fragmentation needed).
 *
 * A packet GRO merged from several segments (gso_size set) is forwarded
 * whole, as 3.10.108 does: it fits the next link if its segments do
 * (skb_gso_network_seglen), and GSO cuts it into those segments again on
 * the way out.
 *
 * Left out: ICMP redirects (RTCF_DOREDIRECT), the router alert option,
 * source routing, xfrm policy checks, LRO warnings.
 */
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/netfilter.h"
#include "layers/neighbour.h"
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/ip.h"

static const char KSRC[] = "net/ipv4/ip_forward.c";

/* include/net/route.h: TOS bits to a pfifo_fast band priority. */
static u32
rt_tos2priority(u8 tos)
{
	static const u8 ip_tos2prio[16] = {
		0, 1, 0, 0, 2, 2, 2, 2, 6, 6, 6, 6, 4, 4, 4, 4,
	};

	return ip_tos2prio[(tos & IPTOS_TOS_MASK) >> 1];
}

/* May the packet be fragmented on the way (DF clear, or local_df)? */
static bool
ip_may_fragment(const struct sk_buff *skb)
{
	return unlikely((ip_hdr(skb)->frag_off & htons(IP_DF)) == 0) || skb->local_df;
}

/* Too big for a link of @mtu?  A GRO'd packet is as big as its segments. */
static bool
ip_exceeds_mtu(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb->len <= mtu)
		return false;
	if (skb_is_gso(skb) && skb_gso_network_seglen(skb) <= mtu)
		return false;
	return true;
}

/**
 * ip_forward_finish - count the packet and send it on
 *
 * Consumes @skb.
 */
static int
ip_forward_finish(struct sk_buff *skb)
{
	struct net *net = skb->host;

	trace_ip_forward_finish(skb);
	IP_INC_STATS(net, IPSTATS_MIB_OUTFORWDATAGRAMS);
	/* KERNEL: ip_forward_options() would rewrite record-route options;
	 * 3.10.108 would cut here (ip_forward_finish_gso) a GSO packet
	 * without DF whose segments exceed the next link's MTU; GRO merges
	 * only packets with DF set, and no other GSO packet is forwarded. */
	return dst_output(skb);
}

/* Drop with the reason in the trace and a counter. */
static int
sim_ip_forward_drop(struct sk_buff *skb, int mib, const char *reason)
{
	trace_ip_drop(skb, reason);
	NET_INC_STATS(skb->host, mib);
	kfree_skb(skb);
	return NET_RX_DROP;
}

/**
 * ip_forward - dst->input of a route through this host
 * @skb: IP header at skb->data, input route attached
 *
 * TTL 1 or 0: the packet dies here and its sender hears ICMP time
 * exceeded [RFC 1812 5.3.1].  DF set and too big for the outgoing link:
 * ICMP fragmentation needed with that link's MTU [RFC 1191], which is how
 * path MTU discovery learns the path.  Otherwise the TTL drops by one
 * with an incremental checksum fix.  Consumes @skb.
 */
int
ip_forward(struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct iphdr *iph = ip_hdr(skb);
	unsigned int mtu = dst_mtu(&rt->dst);
	unsigned int hh_len = LL_RESERVED_SPACE(rt->dst.dev);

	trace_ip_forward(skb, mtu);

	IPCB(skb)->flags |= IPSKB_FORWARDED;
	/* Only frames sent to our MAC: never route what we overheard. */
	if (skb->pkt_type != PACKET_HOST)
		return sim_ip_forward_drop(skb, IPSTATS_MIB_INADDRERRORS, "not_packet_host");

	/* skb_forward_csum: a sum of the packet as received would no longer
	 * hold once the TTL changes.  A GRO'd packet keeps CHECKSUM_PARTIAL:
	 * its segments' checksums are made again on the way out. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;

	if (iph->ttl <= 1) {
		trace_ip_drop(skb, "ttl_exceeded");
		icmp_send(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
		return sim_ip_forward_drop(skb, IPSTATS_MIB_INHDRERRORS, "ttl_exceeded");
	}

	if (!ip_may_fragment(skb) && ip_exceeds_mtu(skb, mtu)) {
		trace_ip_drop_mtu(skb, "frag_needed", mtu);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
		return sim_ip_forward_drop(skb, IPSTATS_MIB_FRAGFAILS, "frag_needed");
	}

	/* We are about to write the header: it must be ours alone, with
	 * room in front for the next link's header (the frags may stay
	 * shared: the header is in the linear part). */
	if (skb_cow(skb, hh_len))
		return sim_ip_forward_drop(skb, IPSTATS_MIB_OUTDISCARDS, "no_memory");
	iph = ip_hdr(skb);

	ip_decrease_ttl(iph);
	trace_ip_ttl_decreased(skb);
	/* KERNEL: an ICMP redirect is sent here if the packet leaves by the
	 * device it came in on and the sender could reach the gateway. */
	skb->priority = rt_tos2priority(iph->tos);

	return NF_HOOK(NFPROTO_IPV4, NF_INET_FORWARD, skb, skb->dev, rt->dst.dev,
		       ip_forward_finish);
}
