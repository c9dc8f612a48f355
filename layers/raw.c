/*
 * layers/raw.c - raw IPv4 sockets, the socket ping uses.
 *
 * Mirrors net/ipv4/raw.c (Linux 3.10).  socket(AF_INET, SOCK_RAW,
 * IPPROTO_ICMP) is what iputils' ping opens on a 3.10 machine: the ping
 * socket (layers/ping.c) is refused to everybody by the default
 * net.ipv4.ping_group_range "1 0", and ping is setuid root, so it may
 * open a raw one.  A raw socket takes what user space writes as the
 * whole transport part of the datagram (ping builds the ICMP header,
 * its id and its checksum itself):
 *
 *   raw_sendmsg -> ip_route_output_key -> ip_append_data -> ip_push_pending_frames
 *
 * On the way in, every packet delivered to this host is shown to the
 * raw sockets of its protocol before the protocol itself sees it:
 * ip_local_deliver_finish -> raw_local_deliver -> raw_v4_input gives
 * each matching socket a clone (raw_rcv), then icmp_rcv carries on with
 * the original.  The socket's ICMP_FILTER keeps out the types it does
 * not want (iputils filters all but echo replies and errors, so a ping
 * of our own address never sees its own request).  recvmsg returns the
 * whole IP packet, header included.
 *
 * ICMP errors quoting a packet of the socket's protocol reach it through
 * icmp_unreach -> raw_icmp_error -> raw_err: with IP_RECVERR (iputils
 * sets it) they go on the error queue, read with recvmsg(MSG_ERRQUEUE).
 *
 * Read before: layers/ip_output.c (ip_append_data), layers/ip_input.c
 * (ip_local_deliver_finish).  Read after: layers/ip_sockglue.c (the
 * error queue), layers/icmp.c, tools/ping.c (the user).
 *
 * Left out: IP_HDRINCL (IPPROTO_RAW sockets, raw_send_hdrinc), binding
 * to a device (SO_BINDTODEVICE), multicast, /proc/net/raw, the 256-way
 * hash (one list per host).  Each is marked KERNEL: where it would be.
 */
#include "layers/raw.h"
#include "layers/ip.h"
#include "layers/udp.h"
#include "layers/route.h"
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/raw.h"

#include <string.h>

static const char KSRC[] = "net/ipv4/raw.c";

/*
 * raw_hash_sk - make @sk findable by raw_v4_input: the socket() of a raw
 * socket does it (inet_create), as its "port" is its protocol.  The
 * list holds a reference.  KERNEL: raw_v4_hashinfo is one global table
 * of 256 chains by protocol, newest first; netstep keeps one list per
 * host, newest first too.
 */
static void
raw_hash_sk(struct sock *sk)
{
	trace_raw_hash_sk(sk);
	sock_hold(sk);
	list_add(&sk->sk_node, &sock_net(sk)->raw_v4_hashinfo);
}

/* raw_unhash_sk - take @sk off the list (close), dropping its reference. */
static void
raw_unhash_sk(struct sock *sk)
{
	trace_raw_unhash_sk(sk);
	if (list_empty(&sk->sk_node))
		return;
	list_del_init(&sk->sk_node);
	sock_put(sk);
}

/*
 * __raw_v4_lookup - the first raw socket from @pos on (the list head for
 * the start) for protocol @num that a packet from @raddr to @laddr
 * matches: not connected elsewhere, not bound to another address.
 * NULL if none.  KERNEL: also the bound device (sk_bound_dev_if).
 */
static struct sock *
__raw_v4_lookup(struct net *net, struct list_head *pos, unsigned short num, __be32 raddr,
		__be32 laddr)
{
	for (pos = pos->next; pos != &net->raw_v4_hashinfo; pos = pos->next) {
		struct sock *sk = list_entry(pos, struct sock, sk_node);

		if (sk->sk_num == num && !(sk->sk_daddr && sk->sk_daddr != raddr) &&
		    !(sk->sk_rcv_saddr && sk->sk_rcv_saddr != laddr))
			return sk;
	}
	return NULL;
}

/* icmp_filter - 1 if @sk's ICMP_FILTER keeps out the type of @skb (at
 * its transport header), 0 to deliver.  Types from 32 on always pass. */
static int
icmp_filter(const struct sock *sk, const struct sk_buff *skb)
{
	const struct icmphdr *hdr;

	if (skb->len < sizeof(*hdr))
		return 1;
	hdr = icmp_hdr(skb);
	if (hdr->type < 32)
		return ((1U << hdr->type) & raw_sk(sk)->filter.data) != 0;
	return 0;
}

/*
 * raw_rcv_skb - charge the packet to the socket and queue it (consumed:
 * queued, or dropped when the receive buffer is full).
 * KERNEL: ipv4_pktinfo_prepare keeps what IP_PKTINFO would report.
 */
static int
raw_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	trace_raw_rcv_skb(sk, skb);
	if (sock_queue_rcv_skb(sk, skb) < 0) {
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	return NET_RX_SUCCESS;
}

/**
 * raw_rcv - give @sk its copy of a received packet
 * @skb: the clone, skb->data at the transport header; consumed
 *
 * A raw socket reads the IP header too: the data goes back to it.
 * KERNEL: the xfrm policy check and nf_reset come first.
 */
int
raw_rcv(struct sock *sk, struct sk_buff *skb)
{
	trace_raw_rcv(sk, skb);
	skb_push(skb, skb->data - skb_network_header(skb));
	raw_rcv_skb(sk, skb);
	return 0;
}

/*
 * raw_v4_input - a clone of @skb for each raw socket of its protocol
 * that matches it and does not filter it out.  Returns 1 if there was
 * such a socket (even one that filtered it), else 0.  @skb stays the
 * caller's.
 */
static int
raw_v4_input(struct sk_buff *skb, const struct iphdr *iph)
{
	struct net *net = dev_net(skb->dev);
	struct sock *sk;
	int delivered = 0;

	trace_raw_v4_input(skb, iph);
	sk = __raw_v4_lookup(net, &net->raw_v4_hashinfo, iph->protocol, iph->saddr, iph->daddr);
	while (sk) {
		delivered = 1;
		if (iph->protocol != IPPROTO_ICMP || !icmp_filter(sk, skb)) {
			struct sk_buff *clone = skb_clone(skb);

			if (clone)
				raw_rcv(sk, clone);
		} else {
			trace_raw_filtered(sk, skb);
		}
		sk = __raw_v4_lookup(net, &sk->sk_node, iph->protocol, iph->saddr, iph->daddr);
	}
	return delivered;
}

/**
 * raw_local_deliver - ip_local_deliver_finish's first stop: the raw
 * sockets of @protocol get their clones before the protocol handler.
 * Returns 1 if a raw socket took the protocol (then an unknown protocol
 * is no error), else 0.  @skb stays the caller's.
 */
int
raw_local_deliver(struct sk_buff *skb, int protocol)
{
	struct net *net = dev_net(skb->dev);

	trace_raw_local_deliver(skb, protocol);
	if (list_empty(&net->raw_v4_hashinfo))
		return 0;
	return raw_v4_input(skb, ip_hdr(skb));
}

/*
 * raw_err - an ICMP error about a packet @sk sent
 * @skb: the ICMP error; skb->data at the quoted IP header
 * @info: the MTU for "fragmentation needed", the pointer of a parameter
 *	problem
 *
 * "Fragmentation needed" lowers the path MTU first.  The error reaches
 * the user only with IP_RECVERR (on the error queue, and as sk_err) or,
 * for a hard error, on a connected socket (sk_err).
 */
static void
raw_err(struct sock *sk, struct sk_buff *skb, u32 info)
{
	struct inet_sock *inet = inet_sk(sk);
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	int type = icmp_hdr(skb)->type;
	int code = icmp_hdr(skb)->code;
	int err = 0, harderr = 0;

	trace_raw_err(sk, skb, info);
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		ipv4_update_pmtu(sock_net(sk), iph->daddr, info);
	if (!inet->recverr && sk->sk_state != TCP_ESTABLISHED)
		return;

	switch (type) {
	default:
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	case ICMP_SOURCE_QUENCH:
		return;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		harderr = 1;
		break;
	case ICMP_DEST_UNREACH:
		err = EHOSTUNREACH;
		if (code > NR_ICMP_UNREACH)
			break;
		err = icmp_err_convert[code].error;
		harderr = icmp_err_convert[code].fatal;
		if (code == ICMP_FRAG_NEEDED) {
			harderr = inet->pmtudisc != IP_PMTUDISC_DONT;
			err = EMSGSIZE;
		}
	}

	if (inet->recverr)
		ip_icmp_error(sk, skb, err, 0, info, skb->data + iph->ihl * 4);
	if (inet->recverr || harderr) {
		sk->sk_err = err;
		trace_raw_sk_err(sk, skb, err);
		sk->sk_error_report(sk);
	}
}

/**
 * raw_icmp_error - icmp_unreach's call: every raw socket of @protocol
 * that sent the quoted packet (its source and destination at skb->data)
 * hears of the error.  @skb stays the caller's.
 */
void
raw_icmp_error(struct sk_buff *skb, int protocol, u32 info)
{
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	struct sock *sk;

	trace_raw_icmp_error(skb, protocol, info);
	sk = __raw_v4_lookup(net, &net->raw_v4_hashinfo, protocol, iph->daddr, iph->saddr);
	while (sk) {
		raw_err(sk, skb, info);
		sk = __raw_v4_lookup(net, &sk->sk_node, protocol, iph->daddr, iph->saddr);
	}
}

/**
 * raw_sendmsg - sk->sk_prot->sendmsg: send what the user wrote as the
 * payload of one datagram of the socket's protocol
 *
 * The destination is msg_name, or the connected peer.  Returns @len, or
 * -EMSGSIZE (over 64 KiB, or DF forbids fragmenting it), -EINVAL,
 * -EAFNOSUPPORT, -EDESTADDRREQ, -ENETUNREACH, -EACCES (a broadcast:
 * no SO_BROADCAST here), -ENOBUFS, -EPERM (netfilter).
 *
 * KERNEL: MSG_MORE (corking across calls), MSG_CONFIRM (dst_confirm: ping
 * sets it once replies come, keeping the neighbour confirmed), control
 * messages (IP_PKTINFO, IP_TTL), IP options and raw_probe_proto_opt
 * (the ICMP type and code for xfrm) are not modelled.
 */
static int
raw_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct rtable *rt;
	struct flowi4 fl4;
	__be32 daddr;
	int err;

	trace_raw_sendmsg(sk, msg, len);
	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_namelen) {
		const struct sockaddr_in *usin = msg->msg_name;

		if (msg->msg_namelen < sizeof(*usin))
			return -EINVAL;
		/* 3.10 lets AF_UNSPEC pass ("forgot to set AF_INET"). */
		if (usin->sin_family != AF_INET && usin->sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		daddr = usin->sin_addr.s_addr;
	} else {
		if (sk->sk_state != TCP_ESTABLISHED)
			return -EDESTADDRREQ;
		daddr = sk->sk_daddr;
	}
	/* KERNEL: the bound device (ipc.oif) and control messages. */
	memset(&fl4, 0, sizeof(fl4));
	fl4.flowi4_tos = inet->tos;
	fl4.flowi4_proto = sk->sk_protocol;
	fl4.daddr = daddr;
	fl4.saddr = inet->inet_saddr;
	rt = ip_route_output_key(sock_net(sk), &fl4);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	/* RTCF_BROADCAST without SO_BROADCAST */
	if (rt->rt_type == RTN_BROADCAST)
		return -EACCES;

	err = ip_append_data(sk, &fl4, ip_generic_getfrag, msg->msg_iov, (int)len, 0, &rt,
			     msg->msg_flags);
	if (err) {
		ip_flush_pending_frames(sk);
	} else {
		err = ip_push_pending_frames(sk, &fl4);
		/* A full qdisc is no error unless the user asked to hear. */
		if (err == -ENOBUFS && !inet->recverr)
			err = 0;
	}
	return err < 0 ? err : (int)len;
}

/**
 * raw_recvmsg - sk->sk_prot->recvmsg: the next packet, IP header and all
 *
 * With MSG_ERRQUEUE, the next error report instead (ip_recv_error).  A
 * pending error (sk_err, set by raw_err) is returned first, once.
 * Returns the bytes copied (the packet's length with MSG_TRUNC), or
 * -EAGAIN when nothing is queued (where the kernel sleeps in
 * __skb_recv_datagram unless MSG_DONTWAIT).
 *
 * The packet may be in page frags (igb leaves a long one in its half
 * page): skb_copy_datagram_iovec reads it wherever it is.
 * KERNEL: 3.10 goes through skb_recv_datagram and skb_free_datagram
 * (net/core/datagram.c), and adds the control messages the socket asked
 * for (IP_PKTINFO, IP_TTL ...).
 */
static int
raw_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int noblock, int flags,
	    int *addr_len)
{
	struct sockaddr_in *sin = msg->msg_name;
	struct sk_buff *skb;
	size_t copied;
	int err;

	trace_raw_recvmsg(sk, len, flags);
	(void)noblock;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return ip_recv_error(sk, msg, (int)len, addr_len);
	err = sock_error(sk);
	if (err)
		return err;
	skb = __skb_dequeue(&sk->sk_receive_queue);
	if (!skb)
		return -EAGAIN;
	copied = skb->len;
	if (len < copied) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, (int)copied);
	if (!err && sin) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = ip_hdr(skb)->saddr;
		*addr_len = sizeof(*sin);
	}
	if (flags & MSG_TRUNC)
		copied = skb->len;
	consume_skb(skb);
	return err ? err : (int)copied;
}

/*
 * raw_bind - bind(): the local address packets must be sent to (and
 * that sends come from).  0, -EINVAL or -EADDRNOTAVAIL.
 */
static int
raw_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	const struct sockaddr_in *addr = (const struct sockaddr_in *)uaddr;
	unsigned int type;

	if (sk->sk_state != TCP_CLOSE || addr_len < (int)sizeof(*addr))
		return -EINVAL;
	trace_raw_bind(sk, addr->sin_addr.s_addr);
	type = inet_addr_type(sock_net(sk), addr->sin_addr.s_addr);
	if (addr->sin_addr.s_addr && type != RTN_LOCAL && type != RTN_MULTICAST &&
	    type != RTN_BROADCAST)
		return -EADDRNOTAVAIL;
	sk->sk_rcv_saddr = inet_sk(sk)->inet_saddr = addr->sin_addr.s_addr;
	/* A multicast or broadcast bind: the device chooses the source. */
	if (type == RTN_MULTICAST || type == RTN_BROADCAST)
		inet_sk(sk)->inet_saddr = 0;
	sk_dst_reset(sk);
	return 0;
}

/* raw_init - sk_prot->init: an ICMP socket starts with no filter. */
static int
raw_init(struct sock *sk)
{
	trace_raw_init(sk);
	if (sk->sk_num == IPPROTO_ICMP)
		memset(&raw_sk(sk)->filter, 0, sizeof(raw_sk(sk)->filter));
	return 0;
}

/* raw_destroy - sk_prot->destroy: drop a datagram left half-built. */
static void
raw_destroy(struct sock *sk)
{
	trace_raw_destroy(sk);
	ip_flush_pending_frames(sk);
}

/**
 * raw_close - close(): off the list, queued packets and reports
 * dropped, the socket's reference given back (sk_common_release).
 * KERNEL: sk_common_release leaves the queues to inet_sock_destruct;
 * in netstep every queued skb holds the sock, so they go first.
 */
static void
raw_close(struct sock *sk, long timeout)
{
	trace_raw_close(sk);
	(void)timeout;
	raw_destroy(sk);
	raw_unhash_sk(sk);
	sock_orphan(sk);
	__skb_queue_purge(&sk->sk_receive_queue);
	__skb_queue_purge(&sk->sk_error_queue);
	sk_dst_reset(sk);
	sock_put(sk);
}

/*
 * raw_setsockopt - sk_prot->setsockopt: SOL_RAW's ICMP_FILTER (ICMP
 * sockets only), everything else to ip_setsockopt.  0 or -Exxx.
 * (do_raw_setsockopt and raw_seticmpfilter in 3.10.)
 */
static int
raw_setsockopt(struct sock *sk, int level, int optname, const void *optval, int optlen)
{
	trace_raw_setsockopt(sk, level, optname);
	if (level != SOL_RAW)
		return ip_setsockopt(sk, level, optname, optval, optlen);
	if (optname != ICMP_FILTER)
		return -ENOPROTOOPT;
	if (sk->sk_num != IPPROTO_ICMP)
		return -EOPNOTSUPP;
	if (optlen < 0 || !optval)
		return -EINVAL;
	if (optlen > (int)sizeof(struct icmp_filter))
		optlen = sizeof(struct icmp_filter);
	memcpy(&raw_sk(sk)->filter, optval, optlen);
	return 0;
}

const struct proto raw_prot = {
	.name = "RAW",
	.close = raw_close,
	.connect = ip4_datagram_connect,
	.disconnect = udp_disconnect,
	.bind = raw_bind,
	.init = raw_init,
	.destroy = raw_destroy,
	.sendmsg = raw_sendmsg,
	.recvmsg = raw_recvmsg,
	.setsockopt = raw_setsockopt,
	.hash = raw_hash_sk,
	.unhash = raw_unhash_sk,
	.obj_size = sizeof(struct raw_sock),
};
