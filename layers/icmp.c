/*
 * layers/icmp.c - ICMP: answering pings, reporting why a packet could not
 * be delivered, and hearing such reports about our own packets.
 *
 * Mirrors net/ipv4/icmp.c (Linux 3.10).
 *
 *  - icmp_rcv checks an arriving message (length, checksum), counts it
 *    and dispatches on its type through icmp_pointers[]: echo requests
 *    are answered (icmp_echo -> icmp_reply), echo replies go to the ping
 *    sockets (ping_rcv; ping itself, on a raw socket, got its clone
 *    before icmp_rcv ran), errors go to the raw sockets and to the
 *    protocol of the packet they quote (icmp_unreach ->
 *    icmp_socket_deliver -> raw_icmp_error, then the err_handler).
 *  - icmp_send is how the rest of the stack reports a problem with a
 *    packet (TTL expired, fragmentation needed, protocol unreachable,
 *    reassembly timeout, a neighbour that never answered ARP): it quotes
 *    the packet's header and first bytes back to its sender, which may
 *    be this host: the error then goes round through lo, like any packet
 *    to our own address, and comes back up to icmp_rcv.
 *
 * Replies and errors are sent from the host's ICMP socket (a raw socket
 * of the kernel's own, never hashed): ip_append_data, then
 * ip_push_pending_frames, as any datagram.
 *
 * Read before: layers/ip_input.c (ip_local_deliver_finish calls
 * icmp_rcv).  Read after: layers/raw.c, layers/ip_output.c.
 *
 * Left out: rate limiting (icmp_ratelimit, the inet_peer token bucket
 * and icmp_global), redirects, timestamps, address masks, the ICMP
 * socket's lock (one per CPU in 3.10), IP options echoed back
 * (ip_options_echo), sysctls other than the defaults.
 */
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/neighbour.h"
#include "layers/netdevice.h"
#include "layers/ping.h"
#include "layers/raw.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/icmp.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/icmp.c";

/* RFC 1812 4.3.2.3: an error quotes as much as fits in 576 bytes. */
#define ICMP_ERROR_MAX_LEN	576

const struct icmp_err icmp_err_convert[NR_ICMP_UNREACH + 1] = {
	[ICMP_NET_UNREACH]	= { ENETUNREACH, 0 },
	[ICMP_HOST_UNREACH]	= { EHOSTUNREACH, 0 },
	[ICMP_PROT_UNREACH]	= { ENOPROTOOPT, 1 },
	[ICMP_PORT_UNREACH]	= { ECONNREFUSED, 1 },
	[ICMP_FRAG_NEEDED]	= { EMSGSIZE, 0 },
	[ICMP_SR_FAILED]	= { EOPNOTSUPP, 0 },
	[ICMP_NET_UNKNOWN]	= { ENETUNREACH, 1 },
	[ICMP_HOST_UNKNOWN]	= { EHOSTDOWN, 1 },
	[ICMP_HOST_ISOLATED]	= { ENONET, 1 },
	[ICMP_NET_ANO]		= { ENETUNREACH, 1 },
	[ICMP_HOST_ANO]		= { EHOSTUNREACH, 1 },
	[ICMP_NET_UNR_TOS]	= { ENETUNREACH, 0 },
	[ICMP_HOST_UNR_TOS]	= { EHOSTUNREACH, 0 },
	[ICMP_PKT_FILTERED]	= { EHOSTUNREACH, 1 },
	[ICMP_PREC_VIOLATION]	= { EHOSTUNREACH, 1 },
	[ICMP_PREC_CUTOFF]	= { EHOSTUNREACH, 1 },
};

/* Each type: its handler, whether it is an error, its InXxx counter. */
struct icmp_control {
	void (*handler)(struct sk_buff *skb);
	short error;			/* never answer an error with an error */
	short in_mib;			/* ICMP_MIB_IN* for the type, -1 none */
};

static const struct icmp_control icmp_pointers[NR_ICMP_TYPES + 1];

/* icmp_out_count - count an outgoing message, in total and by type
 * (__ip_make_skb calls it for every ICMP datagram it finishes). */
void
icmp_out_count(struct net *net, u8 type)
{
	trace_icmp_out_count(net, type);
	ICMP_INC_STATS(net, ICMP_MIB_OUTMSGS);
	switch (type) {
	case ICMP_DEST_UNREACH:
		ICMP_INC_STATS(net, ICMP_MIB_OUTDESTUNREACHS);
		break;
	case ICMP_TIME_EXCEEDED:
		ICMP_INC_STATS(net, ICMP_MIB_OUTTIMEEXCDS);
		break;
	case ICMP_ECHO:
		ICMP_INC_STATS(net, ICMP_MIB_OUTECHOS);
		break;
	case ICMP_ECHOREPLY:
		ICMP_INC_STATS(net, ICMP_MIB_OUTECHOREPS);
		break;
	}
}

/*
 * icmp_glue_bits - ip_append_data's getfrag for ICMP: copy @len bytes
 * of what the message carries after its header (the echoed data, the
 * quoted packet), from @offset on.  0.
 * KERNEL: also sums them into skb->csum; icmp_push_reply sums here.
 */
static int
icmp_glue_bits(void *from, char *to, int offset, int len, int odd, struct sk_buff *skb)
{
	const struct icmp_bxm *param = from;

	trace_icmp_glue_bits(skb, offset, len);
	(void)odd;
	/* The quoted bytes may be anywhere in the skb the reply is about. */
	return skb_copy_bits(param->skb, param->offset + offset, to, len) ? -EFAULT : 0;
}

/**
 * icmp_push_reply - build the message on the ICMP socket and send it
 * along *@rt (which ip_append_data takes over)
 *
 * The data goes in first (icmp_glue_bits; a big message in MTU-sized
 * pieces), then the header, with the checksum over every piece.  The
 * ICMP socket never sets DF (IP_PMTUDISC_DONT): a big echo reply is
 * fragmented like any datagram.
 * KERNEL: a failure counts ICMP_MIB_OUTERRORS, which netstep lacks.
 */
static void
icmp_push_reply(struct icmp_bxm *param, struct flowi4 *fl4, struct rtable **rt)
{
	struct sock *sk = dev_net((*rt)->dst.dev)->icmp_sk;
	struct sk_buff *skb, *skb1;

	trace_icmp_push_reply(param, fl4, *rt);
	if (ip_append_data(sk, fl4, icmp_glue_bits, param,
			   (int)(param->data_len + sizeof(struct icmphdr)), sizeof(struct icmphdr),
			   rt, MSG_DONTWAIT) < 0) {
		ip_flush_pending_frames(sk);
	} else if ((skb = skb_peek(&sk->sk_write_queue)) != NULL) {
		struct icmphdr *icmph = icmp_hdr(skb);
		__wsum csum = 0;

		*icmph = param->icmph;
		icmph->checksum = 0;
		skb_queue_walk(&sk->sk_write_queue, skb1) {
			int off = skb1 == skb ? skb_transport_offset(skb1) : (int)sizeof(struct iphdr);

			csum = csum_add(csum, skb_checksum(skb1, off, (int)skb1->len - off, 0));
		}
		icmph->checksum = csum_fold(csum);
		skb->ip_summed = CHECKSUM_NONE;
		ip_push_pending_frames(sk, fl4);
	}
}

/**
 * icmp_reply - answer a request (an echo) back to its sender
 * @param: the answer
 * @skb: the request; not consumed
 *
 * The answer comes from the address that was asked (the destination of
 * the request) and is routed like any locally sent datagram.
 */
static void
icmp_reply(struct icmp_bxm *param, struct sk_buff *skb)
{
	struct net *net = skb->host;
	struct rtable *rt = skb_rtable(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct flowi4 fl4;

	trace_icmp_reply(param, skb);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = iph->saddr;
	/* fib_compute_spec_dst: the address pinged, unless it was not ours
	 * alone (a broadcast), then the device's own address. */
	fl4.saddr = (!rt || rt->rt_type == RTN_LOCAL) ? iph->daddr
						      : inet_select_addr(skb->dev, iph->saddr);
	fl4.flowi4_tos = iph->tos & IPTOS_TOS_MASK;
	fl4.flowi4_proto = IPPROTO_ICMP;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		trace_icmp_no_route(net, skb, "no_route", PTR_ERR(rt));
		return;
	}
	icmp_push_reply(param, &fl4, &rt);
}

/**
 * icmp_send - report a problem with @skb_in to its sender
 * @skb_in: the offending packet; not consumed (the caller frees it)
 * @type: ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED ...
 * @code: ICMP_FRAG_NEEDED, ICMP_EXC_TTL ...
 * @info: network order; the next-hop MTU for ICMP_FRAG_NEEDED
 *
 * Silent, by the rules of RFC 1122 3.2.2 and RFC 1812 4.3.2.7, about
 * anything that would make errors breed: another ICMP error, a non-first
 * fragment, a packet sent to or from a broadcast or multicast address.
 * The source is the address the packet was sent to if it was ours,
 * else the one the route back selects.  The message quotes the IP header
 * and as much data as fits in 576 bytes (RFC 1812; RFC 792 asks only 8).
 * An error about a packet this host sent goes to this host's own
 * address, so round through lo.
 */
void
icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info)
{
	struct net *net = skb_in->host;
	struct rtable *rt = skb_rtable(skb_in);
	const u8 *nh = skb_network_header(skb_in);
	const u8 *tail = skb_tail_pointer(skb_in);
	const struct iphdr *iph;
	struct icmp_bxm param;
	struct flowi4 fl4;
	unsigned int room;
	u8 tos;

	trace_icmp_send(skb_in, type, code, info);
	if (!rt || type < 0 || type > NR_ICMP_TYPES)
		return;
	if (nh < skb_in->head || nh + sizeof(struct iphdr) > tail)
		return;
	iph = (const struct iphdr *)nh;
	if (iph->ihl < 5 || nh + iph->ihl * 4 > tail)
		return;

	/* No errors about link-level or IP-level broadcasts and multicasts,
	 * and none towards an address that is not one host. */
	if (skb_in->pkt_type != PACKET_HOST || rt->rt_type == RTN_BROADCAST ||
	    rt->rt_type == RTN_MULTICAST || ipv4_is_multicast(iph->daddr) ||
	    ipv4_is_lbcast(iph->daddr) || ipv4_is_multicast(iph->saddr) ||
	    ipv4_is_lbcast(iph->saddr) || ipv4_is_zeronet(iph->saddr) ||
	    inet_addr_type(net, iph->saddr) == RTN_BROADCAST) {
		trace_icmp_send_suppressed(skb_in, "broadcast_or_multicast");
		return;
	}
	/* Only the first fragment carries the transport header to quote. */
	if (iph->frag_off & htons(IP_OFFSET)) {
		trace_icmp_send_suppressed(skb_in, "not_first_fragment");
		return;
	}
	/* Never an error about an ICMP error. */
	if (icmp_pointers[type].error && iph->protocol == IPPROTO_ICMP) {
		/* The quoted ICMP header may be in a page frag (igb pulls
		 * only the IP header of an ICMP packet). */
		u8 _inner_type;
		const u8 *itp = skb_header_pointer(skb_in, (int)(nh - skb_in->data) + iph->ihl * 4 +
							   offsetof(struct icmphdr, type),
						   sizeof(_inner_type), &_inner_type);

		if (!itp || *itp > NR_ICMP_TYPES || icmp_pointers[*itp].error) {
			trace_icmp_send_suppressed(skb_in, "about_icmp_error");
			return;
		}
	}

	memset(&param, 0, sizeof(param));
	param.icmph.type = type;
	param.icmph.code = code;
	param.icmph.un.gateway = info;
	/* The quote: from the IP header on, wherever its bytes are. */
	param.skb = skb_in;
	param.offset = nh - skb_in->data;
	tos = icmp_pointers[type].error ?
		(iph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL : iph->tos;

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = iph->saddr;
	/* 3.10: answer from the address that was hit if it is ours; else let
	 * the route back choose (icmp_errors_use_inbound_ifaddr is 0). */
	fl4.saddr = rt->rt_type == RTN_LOCAL ? iph->daddr : 0;
	fl4.flowi4_tos = tos;
	fl4.flowi4_proto = IPPROTO_ICMP;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		trace_icmp_no_route(net, skb_in, "no_route_back", PTR_ERR(rt));
		return;
	}
	room = min_t(unsigned int, dst_mtu(&rt->dst), ICMP_ERROR_MAX_LEN);
	room -= sizeof(struct iphdr) + sizeof(struct icmphdr);
	param.data_len = min_t(unsigned int, skb_in->len - param.offset, room);
	/* KERNEL: icmpv4_xrlim_allow would rate-limit errors per peer here
	 * (never those through lo). */
	icmp_push_reply(&param, &fl4, &rt);
}

/*
 * icmp_socket_deliver - give an error to the raw sockets of the quoted
 * packet's protocol, then to the protocol itself (its err_handler).
 * NOTE: inline at the end of icmp_unreach in 3.10; later kernels made
 * it this function.  @skb is not consumed.
 */
static void
icmp_socket_deliver(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct net_protocol *ipprot = skb->host->inet_protos[iph->protocol];

	trace_icmp_socket_deliver(skb, info);
	raw_icmp_error(skb, iph->protocol, info);
	if (ipprot && ipprot->err_handler)
		ipprot->err_handler(skb, info);
	else
		trace_icmp_no_err_handler(skb);
}

/**
 * icmp_unreach - destination unreachable, time exceeded, parameter
 * problem, source quench
 * @skb: skb->data at the quoted IP header; not consumed
 *
 * "Fragmentation needed" carries the next hop's MTU (@info for the
 * handler); a router before RFC 1191 leaves it 0.  Nothing is believed
 * here: the quoted packet's protocol checks that the quote is of a
 * packet it has in flight, and only then lowers the path MTU
 * (tcp_v4_err -> tcp_v4_mtu_reduced, udp_err, raw_err).  So a forged
 * error about a connection that does not exist changes nothing.
 */
static void
icmp_unreach(struct sk_buff *skb)
{
	struct net *net = skb->host;
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *iph;
	u32 info = 0;

	trace_icmp_unreach(skb);
	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto out_err;
	icmph = icmp_hdr(skb);	/* the pull may have moved the head */
	iph = (const struct iphdr *)skb->data;
	if (iph->ihl < 5)
		goto out_err;

	if (icmph->type == ICMP_DEST_UNREACH) {
		/* KERNEL: with net.ipv4.ip_no_pmtu_disc set the MTU is not read. */
		if (icmph->code == ICMP_FRAG_NEEDED)
			info = ntohs(icmph->un.frag.mtu);
		if (icmph->code > NR_ICMP_UNREACH)
			return;
	} else if (icmph->type == ICMP_PARAMETERPROB) {
		info = ntohl(icmph->un.gateway) >> 24;
	}

	/* The quoted header and 8 bytes of its payload (ports, echo id),
	 * linear for the handlers that read them. */
	if (!pskb_may_pull(skb, iph->ihl * 4U + 8))
		return;
	icmp_socket_deliver(skb, info);
	return;

out_err:
	trace_icmp_drop(skb, "short_quote");
	ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
}

/**
 * icmp_echo - answer an echo request with the same id, sequence and data
 * @skb: skb->data after the ICMP header; not consumed
 */
static void
icmp_echo(struct sk_buff *skb)
{
	struct icmp_bxm param;

	trace_icmp_echo(skb);
	/* KERNEL: net.ipv4.icmp_echo_ignore_all (0) is not modelled. */
	memset(&param, 0, sizeof(param));
	param.icmph = *icmp_hdr(skb);
	param.icmph.type = ICMP_ECHOREPLY;
	param.skb = skb;
	param.offset = 0;
	param.data_len = skb->len;
	icmp_reply(&param, skb);
}

/**
 * icmp_err - the err_handler of ICMP itself: an error quoting an ICMP
 * message this host sent.  An echo request's goes to the ping sockets
 * (ping_err); an echo reply's (the kernel's own) only teaches the path
 * MTU.  @skb: skb->data at the quoted IP header; not consumed.
 */
void
icmp_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct icmphdr *icmph = (const struct icmphdr *)(skb->data + iph->ihl * 4);

	trace_icmp_err(skb, info);
	if (icmph->type != ICMP_ECHOREPLY) {
		ping_err(skb, info);
		return;
	}
	if (icmp_hdr(skb)->type == ICMP_DEST_UNREACH && icmp_hdr(skb)->code == ICMP_FRAG_NEEDED)
		ipv4_update_pmtu(skb->host, iph->daddr, info);
}

/**
 * icmp_sk_init - the host's ICMP socket: a raw ICMP socket of the
 * kernel's own, not hashed (so it receives nothing), with a 128 KiB send
 * buffer and IP_PMTUDISC_DONT (replies may be fragmented).  0 or -Exxx.
 * KERNEL: one per CPU; its send buffer is 2 * SKB_TRUESIZE(64 KiB).
 */
int
icmp_sk_init(struct net *net)
{
	struct sock *sk;
	int err;

	trace_icmp_sk_init(net);
	err = inet_ctl_sock_create(&sk, AF_INET, SOCK_RAW, IPPROTO_ICMP, net);
	if (err)
		return err;
	sk->sk_sndbuf = 2 * 64 * 1024;
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_DONT;
	net->icmp_sk = sk;
	return 0;
}

/* icmp_sk_exit - the host goes away: let go of its ICMP socket (freed
 * once the last skb it sent is). */
void
icmp_sk_exit(struct net *net)
{
	trace_icmp_sk_exit(net);
	if (!net->icmp_sk)
		return;
	sock_put(net->icmp_sk);
	net->icmp_sk = NULL;
}

/* icmp_discard - types netstep does not act on (redirect, timestamp,
 * ...); icmp_rcv frees the skb. */
static void
icmp_discard(struct sk_buff *skb)
{
	trace_icmp_discard(skb);
}

/**
 * icmp_rcv - ip_local_deliver_finish's handler for protocol 1
 * @skb: skb->data at the ICMP header
 *
 * Drops (ICMP_MIB_INERRORS) what is shorter than a header, has a bad
 * checksum (also INCSUMERRORS) or an unknown type, and echo requests to
 * a broadcast address (icmp_echo_ignore_broadcasts).  Consumes @skb.
 */
int
icmp_rcv(struct sk_buff *skb)
{
	struct net *net = skb->host;
	struct rtable *rt = skb_rtable(skb);
	struct icmphdr *icmph;
	const char *reason;

	trace_icmp_rcv(skb);
	ICMP_INC_STATS(net, ICMP_MIB_INMSGS);

	if (skb->len < sizeof(*icmph)) {
		reason = "truncated";
		goto error;
	}
	/* KERNEL: CHECKSUM_COMPLETE from the NIC would skip the sum.  The
	 * message may be in page frags (igb): sum it wherever it is. */
	if (csum_fold(skb_checksum(skb, 0, skb->len, 0))) {
		ICMP_INC_STATS(net, ICMP_MIB_CSUMERRORS);
		reason = "bad_checksum";
		goto error;
	}
	skb_reset_transport_header(skb);
	if (!pskb_pull(skb, sizeof(*icmph))) {
		reason = "no_memory";
		goto error;
	}
	icmph = icmp_hdr(skb);

	if (icmph->type > NR_ICMP_TYPES) {
		reason = "bad_type";
		goto error;
	}
	if (icmp_pointers[icmph->type].in_mib >= 0)
		ICMP_INC_STATS(net, icmp_pointers[icmph->type].in_mib);

	/* RFC 1122 3.2.2.6: echo to a broadcast may be ignored, and is. */
	if (rt && (rt->rt_type == RTN_BROADCAST || rt->rt_type == RTN_MULTICAST) &&
	    icmph->type == ICMP_ECHO) {
		reason = "broadcast_echo";
		goto error;
	}

	icmp_pointers[icmph->type].handler(skb);
	consume_skb(skb);
	return 0;

error:
	trace_icmp_drop(skb, reason);
	ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
	kfree_skb(skb);
	return 0;
}

static const struct icmp_control icmp_pointers[NR_ICMP_TYPES + 1] = {
	[ICMP_ECHOREPLY]	= { ping_rcv, 0, ICMP_MIB_INECHOREPS },
	[1]			= { icmp_discard, 1, -1 },
	[2]			= { icmp_discard, 1, -1 },
	[ICMP_DEST_UNREACH]	= { icmp_unreach, 1, ICMP_MIB_INDESTUNREACHS },
	[ICMP_SOURCE_QUENCH]	= { icmp_unreach, 1, -1 },
	[ICMP_REDIRECT]		= { icmp_discard, 1, -1 },	/* KERNEL: icmp_redirect */
	[6]			= { icmp_discard, 1, -1 },
	[7]			= { icmp_discard, 1, -1 },
	[ICMP_ECHO]		= { icmp_echo, 0, ICMP_MIB_INECHOS },
	[9]			= { icmp_discard, 1, -1 },
	[10]			= { icmp_discard, 1, -1 },
	[ICMP_TIME_EXCEEDED]	= { icmp_unreach, 1, ICMP_MIB_INTIMEEXCDS },
	[ICMP_PARAMETERPROB]	= { icmp_unreach, 1, -1 },
	[ICMP_TIMESTAMP]	= { icmp_discard, 0, -1 },	/* KERNEL: icmp_timestamp */
	[ICMP_TIMESTAMPREPLY]	= { icmp_discard, 0, -1 },
	[ICMP_INFO_REQUEST]	= { icmp_discard, 0, -1 },
	[ICMP_INFO_REPLY]	= { icmp_discard, 0, -1 },
	[ICMP_ADDRESS]		= { icmp_discard, 0, -1 },
	[ICMP_ADDRESSREPLY]	= { icmp_discard, 0, -1 },
};
