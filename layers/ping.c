/*
 * layers/ping.c - the ping sockets' side of ICMP, as a 3.10 machine runs
 * it by default: with no ping socket to find.
 *
 * Mirrors net/ipv4/ping.c (Linux 3.10).  An unprivileged "ping socket"
 * (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)) is only for the groups in
 * net.ipv4.ping_group_range, whose default "1 0" is an empty range:
 * ping_init_sock refuses everybody, and iputils' ping, setuid root,
 * uses a raw socket (layers/raw.c).  Yet ICMP still calls in here for
 * every echo reply (icmp_rcv -> ping_rcv) and every error quoting an
 * echo request (icmp_err -> ping_err), to look for such a socket; the
 * lookup (ping_v4_lookup) finds none, and that is all that happens.
 * netstep keeps these two calls, so that the trace shows the stop a
 * real trace shows, and not the socket side (ping_init_sock,
 * ping_sendmsg, ping_recvmsg ...), which the default never reaches.
 *
 * Read before: layers/icmp.c.  Read after: layers/raw.c (where ping's
 * replies and errors really go).
 */
#include "layers/ping.h"
#include "layers/ip.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/icmp.h"

static const char KSRC[] = "net/ipv4/ping.c";

/**
 * ping_rcv - an echo reply arrived (called by icmp_rcv)
 * @skb: skb->data just after the ICMP header; not consumed (icmp_rcv
 *       frees it)
 *
 * Would queue a clone on the ping socket of the reply's id.  There is
 * none: ping_group_range lets nobody open one.
 */
void
ping_rcv(struct sk_buff *skb)
{
	trace_ping_rcv(skb);
}

/**
 * ping_err - an ICMP error quotes an echo request (called by icmp_err)
 * @skb: the error, skb->data at the quoted IP header; not consumed
 *
 * Would put the error on the ping socket that sent the request (and
 * lower the path MTU for "fragmentation needed").  There is none; the
 * raw socket that did send it heard of it before (raw_icmp_error).
 */
void
ping_err(struct sk_buff *skb, u32 info)
{
	trace_ping_err(skb, info);
}
