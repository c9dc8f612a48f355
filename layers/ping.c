/*
 * layers/ping.c - the ICMP echo socket: what the ping tool talks to.
 *
 * Mirrors net/ipv4/ping.c (Linux 3.10), the unprivileged "ping socket"
 * (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)).  User space writes an
 * ICMP echo request; the socket stamps its own ident into the id field,
 * checksums it, routes it and sends it as an IP datagram.  Echo replies
 * carrying that ident come back through icmp_rcv -> ping_rcv; ICMP errors
 * quoting one of its requests come through icmp_unreach -> ping_err and
 * land on the error queue, which iputils reads because it sets IP_RECVERR.
 *
 * Read before: layers/icmp.c (icmp_rcv dispatches here).  Read after:
 * layers/ip_output.c (ip_push_pending_frames), tools/ping.c (the user).
 *
 * Left out: the socket hash (netstep has one ping socket per host, ident
 * fixed at bind), ping_group_range permission checks, connect(),
 * broadcast pings (SO_BROADCAST), socket buffers and blocking.
 */
#include "layers/ping.h"
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/neighbour.h"
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/icmp.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/ping.c";

/**
 * ping_init_sock - socket() and bind() of the host's ping socket
 *
 * Returns the host's socket, creating it on first use (NULL if memory
 * ran out).  The ident is what ping_v4_get_port() would hand the first
 * socket: 1.  New sockets start with IP_PMTUDISC_WANT, the default when
 * net.ipv4.ip_no_pmtu_disc is 0.
 */
struct ping_sock *
ping_init_sock(struct net *net)
{
	struct ping_sock *ps = net->ping;

	trace_ping_init_sock(net);
	if (ps)
		return ps;
	ps = calloc(1, sizeof(*ps));
	if (!ps)
		return NULL;
	ps->net = net;
	ps->ident = 1;
	ps->pmtudisc = IP_PMTUDISC_WANT;
	net->ping = ps;
	return ps;
}

/**
 * ping_close - close() the socket: let the user side free its state,
 * then free the socket.
 */
void
ping_close(struct ping_sock *ps)
{
	struct net *net = ps->net;

	trace_ping_close(ps);
	if (ps->ops && ps->ops->sk_destruct)
		ps->ops->sk_destruct(ps);
	if (net->ping == ps)
		net->ping = NULL;
	free(ps);
}

/* sim_ping_exit - host teardown: close the socket if one was opened. */
void
sim_ping_exit(struct net *net)
{
	trace_sim_ping_exit(net);
	if (net->ping)
		ping_close(net->ping);
}

/**
 * ping_sendmsg - send one ICMP echo request
 * @ps: the socket
 * @daddr: destination
 * @msg: the ICMP message user space built (type ECHO, code 0, data)
 * @len: its length, header included
 *
 * Returns 0 once the datagram is handed to IP, or -Exxx: -EINVAL for a
 * message that is not an echo request, -ENETUNREACH without a route,
 * -EMSGSIZE when the datagram may not be fragmented and does not fit
 * (the error queue then also holds a local EMSGSIZE report).
 *
 * KERNEL: 3.10 calls this ping_sendmsg (renamed ping_v4_sendmsg in 3.13
 * when IPv6 ping sockets came); it copies from the iovec with
 * ip_append_data(ping_getfrag) and sends with ip_push_pending_frames.
 */
int
ping_sendmsg(struct ping_sock *ps, __be32 daddr, const void *msg, unsigned int len)
{
	struct net *net = ps->net;
	const struct icmphdr *user_icmph = msg;
	struct icmphdr *icmph;
	struct flowi4 fl4;
	struct rtable *rt;
	struct sk_buff *skb;
	unsigned int hh_len;
	int err;

	trace_ping_sendmsg(ps, daddr, msg, len);
	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (len < sizeof(*user_icmph) || user_icmph->type != ICMP_ECHO || user_icmph->code != 0)
		return -EINVAL;

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = daddr;
	fl4.flowi4_proto = IPPROTO_ICMP;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		err = PTR_ERR(rt);
		trace_icmp_no_route(net, NULL, "no_route", err);
		return err;
	}

	hh_len = LL_RESERVED_SPACE(rt->dst.dev);
	skb = alloc_skb(net, hh_len + sizeof(struct iphdr) + len);
	if (!skb) {
		return -ENOBUFS;
	}
	skb_reserve(skb, hh_len + sizeof(struct iphdr));
	icmph = (struct icmphdr *)skb_put(skb, len);
	memcpy(icmph, msg, len);
	skb_reset_transport_header(skb);
	/* The socket, not the user, owns the id; the checksum covers it. */
	icmph->un.echo.id = htons(ps->ident);
	icmph->checksum = 0;
	icmph->checksum = csum_fold(csum_partial(icmph, len, 0));

	ICMP_INC_STATS(net, ICMP_MIB_OUTMSGS);
	ICMP_INC_STATS(net, ICMP_MIB_OUTECHOS);
	return ip_push_pending_frames(skb, &fl4, rt, ps->pmtudisc);
}

/**
 * ping_rcv - an echo reply arrived (called by icmp_rcv)
 * @skb: skb->data just after the ICMP header; not consumed (icmp_rcv
 *       frees it)
 *
 * Matches the reply to the socket by its id and hands the message to
 * user space with the sender and TTL.
 * KERNEL: queues a clone on sk_receive_queue; recvmsg copies it out later
 * (skb_copy_datagram_iovec, from wherever the bytes are).  netstep hands
 * the bytes over at once, from one buffer: a reply that igb left in a
 * page frag is made linear first.
 */
void
ping_rcv(struct sk_buff *skb)
{
	struct net *net = skb->host;
	struct ping_sock *ps = net->ping;
	const struct icmphdr *icmph;
	const struct iphdr *iph;

	trace_ping_rcv(skb);
	if (skb_linearize(skb)) {
		trace_icmp_drop(skb, "no_memory");
		return;
	}
	icmph = icmp_hdr(skb);
	iph = ip_hdr(skb);
	if (!ps || ps->ident != ntohs(icmph->un.echo.id)) {
		trace_icmp_drop(skb, "no_socket");
		return;
	}
	ps->rx_replies++;
	if (ps->ops && ps->ops->sk_data_ready)
		ps->ops->sk_data_ready(ps, iph->saddr, iph->ttl, (const u8 *)icmph,
				       skb_tail_pointer(skb) - (const u8 *)icmph);
}

/**
 * ping_err - an ICMP error quotes one of our echo requests
 * @skb: the ICMP error; icmp_hdr() is its header and skb->data the quoted
 *       IP header, followed by at least 8 bytes of the quoted request
 *       (icmp_unreach checked).  Not consumed.
 * @info: the MTU for "fragmentation needed", else 0
 *
 * Turns the ICMP type and code into the errno and the extended error the
 * error queue holds.  "Fragmentation needed" is only an error for sockets
 * that set DF; a report of our own stack refusing to fragment (icmp_send
 * marks it) is a local error, as ip_local_error() makes it.
 *
 * "Fragmentation needed" quoting one of our echoes lowers the path MTU
 * first (ipv4_sk_update_pmtu in 3.10), unless it is our own stack's
 * report (the route already knows).
 */
void
ping_err(struct sk_buff *skb, u32 info)
{
	struct net *net = skb->host;
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct icmphdr *icmph = (const struct icmphdr *)(skb->data + iph->ihl * 4);
	int type = icmp_hdr(skb)->type;
	int code = icmp_hdr(skb)->code;
	struct ping_sock *ps = net->ping;
	struct sock_extended_err ee;
	bool local = IPCB(skb)->flags & SIM_IPSKB_LOCAL_ERROR;
	int err;

	trace_ping_err(skb, info);
	if (icmph->type != ICMP_ECHO || !ps || ps->ident != ntohs(icmph->un.echo.id)) {
		trace_icmp_drop(skb, "no_socket");
		return;
	}

	switch (type) {
	case ICMP_SOURCE_QUENCH:
		return;			/* not an error, just advice */
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		break;
	case ICMP_DEST_UNREACH:
		if (code == ICMP_FRAG_NEEDED) {
			if (!local)
				ipv4_update_pmtu(net, iph->daddr, info);
			if (ps->pmtudisc == IP_PMTUDISC_DONT)
				return;
			err = EMSGSIZE;
			break;
		}
		err = code <= NR_ICMP_UNREACH ? icmp_err_convert[code].error : EHOSTUNREACH;
		break;
	case ICMP_REDIRECT:
		err = EREMOTEIO;
		break;
	case ICMP_TIME_EXCEEDED:
	default:
		err = EHOSTUNREACH;
		break;
	}

	memset(&ee, 0, sizeof(ee));
	ee.ee_errno = err;
	if (local && err == EMSGSIZE) {
		ee.ee_origin = SO_EE_ORIGIN_LOCAL;
	} else {
		ee.ee_origin = SO_EE_ORIGIN_ICMP;
		ee.ee_type = type;
		ee.ee_code = code;
	}
	ee.ee_info = info;
	ps->rx_errors++;
	trace_ping_error_queued(skb, &ee);
	if (ps->ops && ps->ops->sk_error_report)
		ps->ops->sk_error_report(ps, &ee, ip_hdr(skb)->saddr, iph->daddr, icmph);
}
