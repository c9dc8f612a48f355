/*
 * layers/udp.c - UDP over IPv4: datagrams in, datagrams out.
 *
 * Mirrors net/ipv4/udp.c and, for connect(), net/ipv4/datagram.c
 * (Linux 3.10).  Sending (sendto on a UDP socket):
 *
 *   inet_sendmsg -> udp_sendmsg: route (the socket's cached one when
 *     connected), ip_make_skb: the UDP header and the payload as skbs
 *     that each fit the MTU (__ip_append_data), chained on the first
 *     one's frag_list (__ip_make_skb); udp_send_skb fills the header and
 *     checksum, ip_send_skb -> ip_local_out -> ... ip_finish_output,
 *     which hands a datagram bigger than the MTU to ip_fragment: the
 *     pieces are already cut, it only adds their headers (fast path).
 *
 * Receiving: ip_local_deliver (after ip_defrag put the fragments back
 * together) -> udp_rcv: length and checksum checks, __udp4_lib_lookup
 * finds the socket, sock_queue_rcv_skb queues the datagram and wakes the
 * reader; nobody bound to the port -> ICMP port unreachable.
 *
 * Read before: layers/af_inet.c.  Read after: layers/ip_output.c
 * (ip_fragment), layers/ip_fragment.c (reassembly).
 *
 * Left out: UDP_CORK and MSG_MORE (ip_append_data's queue: every send is
 * one datagram), UDP-Lite, multicast and broadcast delivery, encapsulation
 * sockets, SO_REUSEADDR, the two-level port hash, IP_RECVERR (an ICMP
 * error is only reported to a connected socket, as without it).
 */
#include "layers/udp.h"
#include "layers/route.h"
#include "layers/neighbour.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/udp.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/udp.c";

#define CSUM_MANGLED_0	((__sum16)0xffff)	/* a computed 0 is sent as all ones */

/* A datagram is at most 64 KiB including the IP and UDP headers. */
#define UDP_MAX_PAYLOAD	(0xFFFF - sizeof(struct iphdr) - sizeof(struct udphdr))

int
udp_init(struct net *net)
{
	net->udp_table = calloc(1, sizeof(*net->udp_table));
	if (!net->udp_table)
		return -ENOMEM;
	INIT_LIST_HEAD(&net->udp_table->socks);
	return 0;
}

/* udp_lib_unhash - take @sk off the port table (drops the table's ref). */
static void
udp_lib_unhash(struct sock *sk)
{
	if (list_empty(&sk->sk_node))
		return;
	list_del_init(&sk->sk_node);
	sock_net(sk)->udp_table->count--;
	sk->sk_num = 0;
	inet_sk(sk)->inet_sport = 0;
	sock_put(sk);
}

void
sim_udp_exit(struct net *net)
{
	struct sock *sk, *tmp;

	if (!net->udp_table)
		return;
	/* Sockets still bound belong to descriptors nobody closed. */
	list_for_each_entry_safe(sk, tmp, &net->udp_table->socks, sk_node) {
		sock_hold(sk);
		udp_lib_unhash(sk);
		__skb_queue_purge(&sk->sk_receive_queue);
		sock_put(sk);
	}
	free(net->udp_table);
	net->udp_table = NULL;
}

struct udp_port_probe {
	__be32 rcv_saddr;		/* the address being bound, 0 = any */
};

/* Is @port taken by a socket whose address overlaps ours? */
static bool
sim_udp_port_in_use(struct net *net, u16 port, void *arg)
{
	const struct udp_port_probe *p = arg;
	struct sock *sk;

	list_for_each_entry(sk, &net->udp_table->socks, sk_node)
		if (sk->sk_num == port &&
		    (!sk->sk_rcv_saddr || !p->rcv_saddr || sk->sk_rcv_saddr == p->rcv_saddr))
			return true;
	return false;
}

/**
 * udp_v4_get_port - bind @sk to port @snum (0: the next ephemeral one)
 *
 * Returns 0 (the socket is on the table, which holds a reference) or 1
 * if the port is in use, as the kernel's get_port does.
 * KERNEL: udp_lib_get_port with a hashed random start (see
 * sim_inet_next_port) and SO_REUSEADDR.
 */
int
udp_v4_get_port(struct sock *sk, unsigned short snum)
{
	struct net *net = sock_net(sk);
	struct udp_port_probe probe = { .rcv_saddr = sk->sk_rcv_saddr };

	trace_udp_v4_get_port(sk, snum);
	if (!snum) {
		snum = sim_inet_next_port(net, sim_udp_port_in_use, &probe);
		if (!snum)
			return 1;
	} else if (sim_udp_port_in_use(net, snum, &probe)) {
		trace_udp_port_busy(sk, snum);
		return 1;
	}
	sk->sk_num = snum;
	sock_hold(sk);
	list_add_tail(&sk->sk_node, &net->udp_table->socks);
	net->udp_table->count++;
	return 0;
}

/**
 * ip4_datagram_connect - connect() on a UDP or raw socket
 * (net/ipv4/datagram.c)
 *
 * Looks up and caches the route to the peer, takes the source address
 * it chose, and remembers the peer: later sends need no address, and
 * only datagrams from that peer are delivered.  0 or -Exxx.
 */
int
ip4_datagram_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	const struct sockaddr_in *usin = (const struct sockaddr_in *)uaddr;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct flowi4 fl4;
	struct rtable *rt;

	if (addr_len < (int)sizeof(*usin))
		return -EINVAL;
	trace_ip4_datagram_connect(sk, usin);
	if (usin->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	sk_dst_reset(sk);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = usin->sin_addr.s_addr;
	fl4.saddr = sk->sk_rcv_saddr;
	fl4.flowi4_proto = sk->sk_protocol;
	fl4.fl4_sport = inet->inet_sport;
	fl4.fl4_dport = usin->sin_port;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	if (!inet->inet_saddr)
		inet->inet_saddr = fl4.saddr;
	if (!sk->sk_rcv_saddr)
		sk->sk_rcv_saddr = fl4.saddr;
	sk->sk_daddr = fl4.daddr;
	sk->sk_dport = usin->sin_port;
	sk->sk_state = TCP_ESTABLISHED;
	inet->cork.fl = fl4;
	sk_setup_caps(sk, &rt->dst);
	return 0;
}

/* udp_disconnect - connect(AF_UNSPEC): forget the peer (raw sockets too). */
int
udp_disconnect(struct sock *sk, int flags)
{
	trace_udp_disconnect(sk, flags);
	sk->sk_state = TCP_CLOSE;
	sk->sk_daddr = 0;
	sk->sk_dport = 0;
	sk_dst_reset(sk);
	return 0;
}

/* sim_udp_set_csum - the UDP checksum over the pseudo header and @len bytes. */
void
sim_udp_set_csum(struct udphdr *uh, __be32 saddr, __be32 daddr, unsigned int len)
{
	uh->check = 0;
	uh->check = csum_tcpudp_magic(saddr, daddr, len, IPPROTO_UDP, csum_partial(uh, len, 0));
	if (uh->check == 0)
		uh->check = CSUM_MANGLED_0;
}

/**
 * udp4_hwcsum - leave the UDP checksum to the device: the pseudo-header
 * sum goes into uh->check, csum_start / csum_offset say where the device
 * sums from and stores the result (CHECKSUM_PARTIAL stays)
 *
 * KERNEL: a datagram on several skbs of a corked socket (a frag_list)
 * is summed here in software instead; netstep marks only datagrams that
 * fit one skb CHECKSUM_PARTIAL (__ip_append_data) and has no corking.
 */
static void
udp4_hwcsum(struct sk_buff *skb, __be32 src, __be32 dst)
{
	struct udphdr *uh = udp_hdr(skb);
	int len = skb->len - skb_transport_offset(skb);

	trace_udp4_hwcsum(skb, src, dst, len);
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = offsetof(struct udphdr, check);
	uh->check = ~csum_tcpudp_magic(src, dst, len, IPPROTO_UDP, 0);
}

/**
 * udp_send_skb - fill in the UDP header and checksum, then send
 * @skb: IP header at skb->data (from __ip_make_skb), UDP header after it;
 *	the rest of the datagram may be on its frag_list
 *
 * The checksum is the device's when __ip_append_data marked the skb
 * CHECKSUM_PARTIAL (udp4_hwcsum), else computed here.
 * Consumes @skb.  Returns 0 or -Exxx (counted in UDP_MIB_SNDBUFERRORS).
 * KERNEL: the kernel adds up the sums getfrag took of each piece while
 * copying (udp_csum); netstep sums the whole datagram here.  No UDP-Lite,
 * no SO_NO_CHECK.
 */
static int
udp_send_skb(struct sk_buff *skb, struct flowi4 *fl4)
{
	struct net *net = skb->host;
	struct udphdr *uh = udp_hdr(skb);
	int offset = skb_transport_offset(skb);
	unsigned int len = skb->len - offset;
	int err;

	trace_udp_send_skb(skb, fl4, len);
	uh->source = fl4->fl4_sport;
	uh->dest = fl4->fl4_dport;
	uh->len = htons(len);
	uh->check = 0;
	if (skb->ip_summed == CHECKSUM_PARTIAL) {	/* UDP hardware csum */
		udp4_hwcsum(skb, fl4->saddr, fl4->daddr);
	} else {
		uh->check = csum_tcpudp_magic(fl4->saddr, fl4->daddr, len, IPPROTO_UDP,
					      skb_checksum(skb, offset, len, 0));
		if (uh->check == 0)
			uh->check = CSUM_MANGLED_0;
		trace_udp_checksum(skb);
	}
	err = ip_send_skb(skb);
	if (err) {
		NET_INC_STATS(net, UDP_MIB_SNDBUFERRORS);
		return err;
	}
	NET_INC_STATS(net, UDP_MIB_OUTDATAGRAMS);
	return 0;
}

/* udp_sendmsg's destination: msg_name, or the connected peer. */
static int
sim_udp_msg_dest(struct sock *sk, const struct msghdr *msg, __be32 *daddr, __be16 *dport)
{
	const struct sockaddr_in *usin = msg->msg_name;

	if (usin) {
		if (msg->msg_namelen < sizeof(*usin))
			return -EINVAL;
		if (usin->sin_family != AF_INET)
			return usin->sin_family == AF_UNSPEC ? -EINVAL : -EAFNOSUPPORT;
		if (!usin->sin_port)
			return -EINVAL;
		*daddr = usin->sin_addr.s_addr;
		*dport = usin->sin_port;
		return 0;
	}
	if (sk->sk_state != TCP_ESTABLISHED)
		return -EDESTADDRREQ;
	*daddr = sk->sk_daddr;
	*dport = sk->sk_dport;
	return 1;			/* connected: the cached route may serve */
}

/**
 * udp_sendmsg - sk->sk_prot->sendmsg of UDP: one datagram of @len bytes
 *
 * Returns @len, or -EMSGSIZE (over 65507 bytes, or DF forbids
 * fragmenting), -EDESTADDRREQ (no address and not connected),
 * -ENETUNREACH, -EAGAIN (send buffer full: where the kernel would sleep
 * in sock_alloc_send_skb), -ENOBUFS.
 */
int
udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct rtable *rt = NULL;
	struct sk_buff *skb;
	struct flowi4 fl4;
	__be32 daddr;
	__be16 dport;
	int connected, err;

	trace_udp_sendmsg(sk, len);
	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	connected = sim_udp_msg_dest(sk, msg, &daddr, &dport);
	if (connected < 0)
		return connected;

	memset(&fl4, 0, sizeof(fl4));
	if (connected) {
		rt = (struct rtable *)__sk_dst_check(sk, 0);
		if (rt)
			fl4 = inet->cork.fl;
	}
	if (!rt) {
		fl4.daddr = daddr;
		fl4.saddr = inet->inet_saddr;
		fl4.flowi4_tos = inet->tos;
		fl4.flowi4_proto = IPPROTO_UDP;
		fl4.fl4_sport = inet->inet_sport;
		fl4.fl4_dport = dport;
		rt = ip_route_output_key(net, &fl4);
		if (IS_ERR(rt))
			return PTR_ERR(rt);
		if (connected) {
			inet->cork.fl = fl4;
			sk_setup_caps(sk, &rt->dst);
		}
	}

	/* sock_alloc_send_skb reports a pending error (an ICMP that came
	 * back for an earlier datagram) instead of sending. */
	if (sk->sk_err) {
		err = -sk->sk_err;
		sk->sk_err = 0;
		trace_udp_pending_error(sk, err);
		return err;
	}
	/* ip_make_skb, uncorked: the whole datagram, in MTU-sized pieces. */
	skb = ip_make_skb(sk, &fl4, ip_generic_getfrag, msg->msg_iov,
			  len + sizeof(struct udphdr), sizeof(struct udphdr), rt, msg->msg_flags);
	if (IS_ERR(skb)) {
		err = PTR_ERR(skb);
		/* KERNEL: sock_alloc_send_skb sleeps while the buffer is full. */
		if (err == -EAGAIN)
			trace_udp_sndbuf_full(sk, NULL);
		return err;
	}
	skb->priority = sk->sk_priority;
	err = udp_send_skb(skb, &fl4);
	return err ? err : (int)len;
}

/**
 * udp_recvmsg - sk->sk_prot->recvmsg of UDP: one datagram per call
 *
 * Copies up to @len bytes (MSG_TRUNC set if the datagram was longer)
 * and the sender's address.  Returns the bytes copied, or -EAGAIN when
 * the queue is empty (where the kernel sleeps in __skb_recv_datagram).
 */
int
udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int noblock, int flags,
	    int *addr_len)
{
	struct net *net = sock_net(sk);
	struct sk_buff *skb;
	unsigned int ulen, copied;
	int err;

	trace_udp_recvmsg(sk, len);
	(void)noblock;
	if (sk->sk_err) {
		err = -sk->sk_err;
		sk->sk_err = 0;
		return err;
	}
	skb = skb_peek(&sk->sk_receive_queue);
	if (!skb)
		return -EAGAIN;
	ulen = skb->len - sizeof(struct udphdr);
	copied = len < ulen ? len : ulen;
	if (copied < ulen)
		msg->msg_flags |= MSG_TRUNC;
	err = skb_copy_datagram_iovec(skb, sizeof(struct udphdr), msg->msg_iov, copied);
	if (err)
		return err;
	if (msg->msg_name) {
		struct sockaddr_in *sin = msg->msg_name;

		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_port = udp_hdr(skb)->source;
		sin->sin_addr.s_addr = ip_hdr(skb)->saddr;
		*addr_len = sizeof(*sin);
	}
	if (flags & MSG_PEEK)
		return copied;
	NET_INC_STATS(net, UDP_MIB_INDATAGRAMS);
	__skb_unlink(skb, &sk->sk_receive_queue);
	consume_skb(skb);
	return (flags & MSG_TRUNC) ? (int)ulen : (int)copied;
}

/**
 * __udp4_lib_lookup - the socket a datagram from @saddr:@sport to
 * @daddr:@dport belongs to: the most specific match of local address,
 * and of peer for a connected socket.  No reference taken; NULL if none.
 */
struct sock *
__udp4_lib_lookup(struct net *net, __be32 saddr, __be16 sport, __be32 daddr, __be16 dport)
{
	struct sock *sk, *result = NULL;
	int best = -1;

	trace___udp4_lib_lookup(net, saddr, sport, daddr, dport);
	list_for_each_entry(sk, &net->udp_table->socks, sk_node) {
		int score = 0;

		if (sk->sk_num != ntohs(dport))
			continue;
		if (sk->sk_rcv_saddr) {
			if (sk->sk_rcv_saddr != daddr)
				continue;
			score += 4;
		}
		if (sk->sk_daddr) {
			if (sk->sk_daddr != saddr)
				continue;
			score += 4;
		}
		if (sk->sk_dport) {
			if (sk->sk_dport != sport)
				continue;
			score += 4;
		}
		if (score > best) {
			best = score;
			result = sk;
		}
	}
	return result;
}

/* The datagram's checksum is right (or absent: 0 means "not computed"). */
static bool
sim_udp_csum_ok(struct sk_buff *skb, unsigned int ulen)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct udphdr *uh = udp_hdr(skb);

	if (!uh->check)
		return true;
	return csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
				 skb_checksum(skb, 0, ulen, 0)) == 0;
}

/*
 * udp_queue_rcv_skb - hand a datagram to its socket.  Consumes @skb
 * (queued, or dropped with a counter).
 */
static int
udp_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);

	trace_udp_queue_rcv_skb(sk, skb);
	if (sock_queue_rcv_skb(sk, skb) < 0) {
		NET_INC_STATS(net, UDP_MIB_RCVBUFERRORS);
		NET_INC_STATS(net, UDP_MIB_INERRORS);
		kfree_skb(skb);
		return -1;
	}
	return 0;
}

/**
 * udp_rcv - ip_local_deliver's handler for IPPROTO_UDP (3.10:
 * __udp4_lib_rcv)
 * @skb: UDP header at skb->data, IP header at skb_network_header
 *
 * Consumes @skb.  Drops (each counted) a short or inconsistent datagram
 * (UDP_MIB_INERRORS) and a bad checksum (UDP_MIB_CSUMERRORS); answers a
 * datagram for a port nobody listens on with ICMP port unreachable
 * (UDP_MIB_NOPORTS).
 */
int
udp_rcv(struct sk_buff *skb)
{
	struct net *net = skb->host;
	const struct iphdr *iph;
	struct udphdr *uh;
	unsigned int ulen;
	struct sock *sk;

	trace_udp_rcv(skb);
	if (!pskb_may_pull(skb, sizeof(struct udphdr)))
		goto short_packet;
	uh = udp_hdr(skb);
	ulen = ntohs(uh->len);
	if (ulen > skb->len || ulen < sizeof(struct udphdr))
		goto short_packet;
	/* The payload may be in page frags (igb): cut it at the UDP length
	 * wherever that falls. */
	if (pskb_trim_rcsum(skb, ulen))
		goto short_packet;
	uh = udp_hdr(skb);	/* the pull or the trim may have moved the head */
	iph = ip_hdr(skb);
	trace_udp_rcv_header(skb, ulen);
	/* KERNEL: udp4_csum_init starts the sum and the check completes at
	 * delivery (or before the ICMP); the outcome is the same. */
	if (!sim_udp_csum_ok(skb, ulen)) {
		trace_udp_bad_checksum(skb);
		NET_INC_STATS(net, UDP_MIB_CSUMERRORS);
		NET_INC_STATS(net, UDP_MIB_INERRORS);
		kfree_skb(skb);
		return 0;
	}
	sk = __udp4_lib_lookup(net, iph->saddr, uh->source, iph->daddr, uh->dest);
	if (sk) {
		udp_queue_rcv_skb(sk, skb);
		return 0;
	}

	trace_udp_no_socket(skb);
	NET_INC_STATS(net, UDP_MIB_NOPORTS);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	kfree_skb(skb);
	return 0;

short_packet:
	trace_udp_short_packet(skb);
	NET_INC_STATS(net, UDP_MIB_INERRORS);
	kfree_skb(skb);
	return 0;
}

/**
 * udp_err - an ICMP error quotes one of our datagrams
 * @skb: the ICMP message; skb->data is the quoted IP header, followed
 *       by at least 8 bytes (the quoted UDP header).  Not consumed.
 * @info: the MTU for "fragmentation needed"
 *
 * A connected socket learns the error (sk_err, sk_error_report): a port
 * unreachable becomes ECONNREFUSED on its next call.  An error quoting
 * a datagram of no socket is counted (IcmpInErrors) and ignored; one
 * quoting a socket's datagram with "fragmentation needed" lowers the
 * path MTU first.  KERNEL: with IP_RECVERR an
 * unconnected socket would get it on its error queue.
 */
void
udp_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct icmphdr *icmph = icmp_hdr(skb);
	struct net *net = skb->host;
	const struct udphdr *uh;
	struct sock *sk;
	int err = EHOSTUNREACH, harderr = 0;

	trace_udp_err(skb, info);
	if (skb->len < (unsigned int)iph->ihl * 4 + sizeof(*uh))
		return;
	uh = (const struct udphdr *)(skb->data + iph->ihl * 4);
	/* The quoted datagram went from us (saddr) to the peer (daddr). */
	sk = __udp4_lib_lookup(net, iph->daddr, uh->dest, iph->saddr, uh->source);
	if (!sk) {
		trace_udp_err_no_socket(skb);
		ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
		return;
	}
	switch (icmph->type) {
	case ICMP_SOURCE_QUENCH:
		return;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		harderr = 1;
		break;
	case ICMP_DEST_UNREACH:
		if (icmph->code == ICMP_FRAG_NEEDED) {
			ipv4_update_pmtu(net, iph->daddr, info);
			if (inet_sk(sk)->pmtudisc == IP_PMTUDISC_DONT)
				return;
			err = EMSGSIZE;
			harderr = 1;
			break;
		}
		if (icmph->code <= NR_ICMP_UNREACH) {
			harderr = icmp_err_convert[icmph->code].fatal;
			err = icmp_err_convert[icmph->code].error;
		}
		break;
	default:		/* time exceeded and the rest */
		break;
	}
	if (!harderr || sk->sk_state != TCP_ESTABLISHED) {
		trace_udp_err_not_connected(skb, err);
		return;
	}
	sk->sk_err = err;
	trace_udp_sk_err(skb, err);
	sk->sk_error_report(sk);
}

/* udp_lib_close - close(): unbind, drop queued datagrams, let go. */
static void
udp_lib_close(struct sock *sk, long timeout)
{
	trace_udp_lib_close(sk);
	(void)timeout;
	udp_lib_unhash(sk);
	sock_orphan(sk);
	__skb_queue_purge(&sk->sk_receive_queue);
	sk_dst_reset(sk);
	sock_put(sk);
}

/* udp_lib_hash - binding goes through get_port; never called. */
static void
udp_lib_hash(struct sock *sk)
{
	(void)sk;
}

const struct proto udp_prot = {
	.name = "UDP",
	.close = udp_lib_close,
	.connect = ip4_datagram_connect,
	.disconnect = udp_disconnect,
	.sendmsg = udp_sendmsg,
	.recvmsg = udp_recvmsg,
	.hash = udp_lib_hash,
	.unhash = udp_lib_unhash,
	.get_port = udp_v4_get_port,
	.max_header = 0,
	.obj_size = sizeof(struct udp_sock),
};

/* For ss -uan: every bound UDP socket, in bind order. */
int
sim_udp_for_each_sock(struct net *net, int (*fn)(struct sock *sk, void *arg), void *arg)
{
	struct sock *sk, *tmp;
	int rc;

	if (!net->udp_table)
		return 0;
	list_for_each_entry_safe(sk, tmp, &net->udp_table->socks, sk_node) {
		rc = fn(sk, arg);
		if (rc)
			return rc;
	}
	return 0;
}
