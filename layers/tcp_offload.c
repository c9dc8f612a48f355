/*
 * layers/tcp_offload.c - TCP's part of GRO: which received segments may
 * be merged into one, and what the merged skb tells the stack.
 *
 * Mirrors tcp_gro_receive and tcp_gro_complete of net/ipv4/tcp.c and
 * tcp4_gro_receive and tcp4_gro_complete of net/ipv4/tcp_ipv4.c (Linux
 * 3.10; since 3.11 they live in net/ipv4/tcp_offload.c, hence this
 * file's name).  inet_gro_receive (layers/af_inet.c) calls
 * tcp4_gro_receive through the TCP offload; layers/gro.c explains the
 * whole walk.
 *
 * A segment joins the held packet of its flow (same addresses and
 * ports) only if it continues it exactly: the next sequence number, the
 * same ACK number, window and options, no flag but ACK (PSH and FIN end
 * the packet, joined), and no more payload than the first segment (that
 * size, gso_size, is the flow's MSS as the receiver sees it).  Anything
 * else sends the held packet up first.  A segment shorter than that MSS,
 * or one with PSH, URG, RST, SYN or FIN, is not held for more either.
 *
 * The merged skb goes up with gso_size (the MSS), gso_segs (how many
 * segments it stands for), SKB_GSO_TCPV4 and CHECKSUM_PARTIAL (its
 * checksum was checked here, segment by segment; th->check now holds the
 * pseudo-header sum for its new length, as on a GSO skb TCP sends): if
 * the host forwards it, GSO cuts it into the same segments again.
 *
 * Left out: IPv6 (tcp6_gro_receive), CHECKSUM_COMPLETE from the card
 * (the modelled 82576 gives none), ECN beyond the CWR flush.
 */
#include "layers/tcp.h"
#include "layers/ip.h"
#include "layers/netdevice.h"
#include "events/gro.h"

#include <string.h>

static const char KSRC[] = "net/ipv4/tcp.c";

/*
 * sim_tcp_gro_mismatch - why @th (with @thlen bytes of header and @len of
 * payload) cannot continue the held packet @p (header @th2, payload per
 * segment @mss), or NULL if it can.  3.10 ORs these tests into one flush
 * word; netstep names the first that holds, for the trace.
 */
static const char *
sim_tcp_gro_mismatch(const struct sk_buff *p, const struct tcphdr *th,
		     const struct tcphdr *th2, unsigned int thlen, unsigned int len,
		     unsigned int mss)
{
	u32 flags = tcp_flag_word(th);

	if (NAPI_GRO_CB(p)->flush)
		return "ip_header";	/* TTL, TOS, IP ID, DF or padding */
	if (flags & TCP_FLAG_CWR)
		return "cwr";
	/* The data offset, the flags but CWR/FIN/PSH, and the window. */
	if ((flags ^ tcp_flag_word(th2)) & ~(TCP_FLAG_CWR | TCP_FLAG_FIN | TCP_FLAG_PSH))
		return "flags_or_window";
	if (th->ack_seq != th2->ack_seq)
		return "ack_seq";
	if (memcmp(th + 1, th2 + 1, thlen - sizeof(*th)))
		return "options";	/* a new timestamp, SACK blocks ... */
	if (len - 1 >= mss)		/* no payload (len 0) wraps: flushed too */
		return "longer_than_mss";
	if (ntohl(th2->seq) + skb_gro_len(p) != ntohl(th->seq))
		return "not_next_seq";
	return NULL;
}

/**
 * tcp_gro_receive - TCP's gro_receive: merge @skb into the held packet of
 * its flow if it continues it (skb_gro_receive), and say which packet
 * must go up now
 *
 * Returns the link to the held packet that is to go up (it could take
 * no more, or @skb ends it), or NULL.  @skb's flush says whether it may
 * be held itself.
 */
struct sk_buff **
tcp_gro_receive(struct sk_buff **head, struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb), thlen, len, mss = 1;
	struct sk_buff **pp = NULL;
	struct tcphdr *th, *th2;
	struct sk_buff *p;
	int flush = 1;
	u32 flags;

	trace_tcp_gro_receive(skb);
	th = skb_gro_header_slow(skb, off + sizeof(*th), off);
	if (unlikely(!th))
		goto out;
	thlen = th->doff * 4;
	if (thlen < sizeof(*th))
		goto out;
	th = skb_gro_header_slow(skb, off + thlen, off);
	if (unlikely(!th))
		goto out;
	skb_gro_pull(skb, thlen);
	len = skb_gro_len(skb);
	flags = tcp_flag_word(th);

	for (; (p = *head); head = &p->next) {
		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		th2 = tcp_hdr(p);
		if (th->source != th2->source || th->dest != th2->dest) {
			NAPI_GRO_CB(p)->same_flow = 0;
			continue;
		}
		goto found;
	}
	goto out_check_final;

found: {
		const char *why = sim_tcp_gro_mismatch(p, th, th2, thlen, len,
						       skb_shinfo(p)->gso_size);

		mss = skb_shinfo(p)->gso_size;
		if (!why && skb_gro_receive(head, skb))
			why = "full";	/* 64 KiB, or no frag left */
		if (why) {
			trace_tcp_gro_flush(skb, p, why);
			mss = 1;
			goto out_check_final;
		}
	}
	/* Merged: the packet ends with PSH or FIN if this segment did. */
	p = *head;
	th2 = tcp_hdr(p);
	th2->fin |= th->fin;
	th2->psh |= th->psh;

out_check_final:
	/* Short, or PSH/URG/RST/SYN/FIN: nothing more should wait for it. */
	flush = len < mss;
	flush |= !!(flags & (TCP_FLAG_URG | TCP_FLAG_PSH | TCP_FLAG_RST | TCP_FLAG_SYN |
			     TCP_FLAG_FIN));
	if (p && (!NAPI_GRO_CB(skb)->same_flow || flush))
		pp = head;
out:
	NAPI_GRO_CB(skb)->flush |= flush;
	return pp;
}

/**
 * tcp_gro_complete - the merged packet is one GSO packet of gso_segs
 * segments whose checksums were all checked (CHECKSUM_PARTIAL)
 */
int
tcp_gro_complete(struct sk_buff *skb)
{
	struct tcphdr *th = tcp_hdr(skb);

	trace_tcp_gro_complete(skb);
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = offsetof(struct tcphdr, check);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb_shinfo(skb)->gso_segs = NAPI_GRO_CB(skb)->count;
	if (th->cwr)
		skb_shinfo(skb)->gso_type |= SKB_GSO_TCP_ECN;
	return 0;
}

/**
 * tcp4_gro_receive - TCP over IPv4: check the segment's checksum once
 * here (a bad one is not merged: it goes up alone and TCP drops it),
 * then tcp_gro_receive
 */
struct sk_buff **
tcp4_gro_receive(struct sk_buff **head, struct sk_buff *skb)
{
	const struct iphdr *iph = skb_gro_network_header(skb);

	trace_tcp4_gro_receive(skb);
	/* KERNEL: a CHECKSUM_COMPLETE sum from the card would be checked
	 * against the pseudo-header instead. */
	if (skb->ip_summed == CHECKSUM_NONE) {
		__wsum wsum = csum_tcpudp_nofold(iph->saddr, iph->daddr, skb_gro_len(skb),
						 IPPROTO_TCP, 0);

		if (csum_fold(skb_checksum(skb, skb_gro_offset(skb), skb_gro_len(skb), wsum))) {
			NAPI_GRO_CB(skb)->flush = 1;
			return NULL;
		}
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	}
	return tcp_gro_receive(head, skb);
}

/**
 * tcp4_gro_complete - the merged packet's th->check becomes the
 * pseudo-header sum for its new length (what the segmenting device or
 * GSO completes), its type SKB_GSO_TCPV4; then tcp_gro_complete
 */
int
tcp4_gro_complete(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct tcphdr *th = tcp_hdr(skb);

	trace_tcp4_gro_complete(skb);
	th->check = (__sum16)~csum_tcpudp_magic(iph->saddr, iph->daddr,
						skb->len - skb_transport_offset(skb),
						IPPROTO_TCP, 0);
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	return tcp_gro_complete(skb);
}
