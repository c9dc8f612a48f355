/*
 * layers/af_inet.c - the AF_INET family: what joins a BSD socket to TCP
 * or UDP.
 *
 * Mirrors net/ipv4/af_inet.c (Linux 3.10).  inet_create() picks the
 * protocol for socket(AF_INET, type, protocol) and gives the socket its
 * proto_ops: inet_stream_ops for SOCK_STREAM, inet_dgram_ops for
 * SOCK_DGRAM.  These are the "BSD half" of every call: inet_sendmsg,
 * the first stop after the socket layer on the article's send() path,
 * binds a datagram socket to a port if it has none and hands over to
 * the protocol: sk->sk_prot->sendmsg (tcp_sendmsg or udp_sendmsg).
 * inet_init() registers TCP and UDP with IP (inet_add_protocol), so
 * ip_local_deliver finds tcp_v4_rcv and udp_rcv.  IPv4's part of GSO is
 * here too: inet_gso_segment, reached from layers/gso.c through
 * ip_packet_offload, hands a GSO skb to TCP's offload (tcp_tso_segment)
 * and then fixes each segment's IP header; on receive, inet_gro_receive
 * checks that a packet may join a held one of its flow (layers/gro.c)
 * and inet_gro_complete gives the merged packet its total length.
 *
 * Read before: layers/socket.c.  Read after: layers/tcp.c (tcp_sendmsg),
 * layers/udp.c.
 *
 * SOCK_RAW gives a raw socket (layers/raw.c, inet_sockraw_ops): its
 * protocol is its "port", and it is hashed where raw_local_deliver finds
 * it as soon as it exists.
 *
 * Left out: IPPROTO_ICMP datagram sockets (the ping socket, which 3.10's
 * default net.ipv4.ping_group_range "1 0" refuses to every group; see
 * layers/ping.c), IPPROTO_RAW sockets (IP_HDRINCL), inet_protosw
 * registration (a switch does), the CAP_NET_RAW check of raw sockets
 * (the one process of a host is root, as ping runs setuid root),
 * capabilities (ports below 1024 are free for all), RPS flow recording,
 * ioctls other than the protocol's, getname, and sleeping: where
 * inet_stream_connect and inet_accept would sleep they return, and
 * sim/task.c calls again.
 */
#include "layers/sock.h"
#include "layers/udp.h"
#include "layers/raw.h"
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/net_namespace.h"
#include "events/sock.h"
#include "events/offload.h"
#include "events/gro.h"

#include "layers/tcp.h"

#include <fcntl.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/af_inet.c";

/**
 * sim_inet_next_port - the next free ephemeral port of @net
 *
 * KERNEL: inet_csk_get_port / udp_lib_get_port start from a random
 * point of ip_local_port_range (32768 61000); netstep counts up from
 * 32768 so runs are repeatable.  Returns 0 if every port is taken.
 */
u16
sim_inet_next_port(struct net *net, bool (*in_use)(struct net *, u16, void *), void *arg)
{
	int range = SIM_LOCAL_PORT_HIGH - SIM_LOCAL_PORT_LOW + 1;

	for (int i = 0; i < range; i++) {
		u16 port = net->ip_local_port_next;

		if (port < SIM_LOCAL_PORT_LOW || port > SIM_LOCAL_PORT_HIGH)
			port = SIM_LOCAL_PORT_LOW;
		net->ip_local_port_next = port + 1;
		if (!in_use || !in_use(net, port, arg))
			return port;
	}
	return 0;
}

/**
 * inet_create - socket(AF_INET, type, protocol): the struct sock
 *
 * Protocol 0 means the type's default (TCP for a stream, UDP for a
 * datagram); a raw socket needs one (and is hashed under it at once).
 * Returns 0 (sock->sk set, the protocol's init run) or
 * -EPROTONOSUPPORT / -ENOMEM.
 */
int
inet_create(struct net *net, struct socket *sock, int protocol)
{
	const struct proto *prot;
	struct sock *sk;
	int err = 0;

	trace_inet_create(net, sock, protocol);
	if (sock->type == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP)) {
		prot = &tcp_prot;
		sock->ops = &inet_stream_ops;
		protocol = IPPROTO_TCP;
	} else if (sock->type == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP)) {
		prot = &udp_prot;
		sock->ops = &inet_dgram_ops;
		protocol = IPPROTO_UDP;
	} else if (sock->type == SOCK_RAW && protocol > 0 && protocol < IPPROTO_RAW) {
		prot = &raw_prot;
		sock->ops = &inet_sockraw_ops;
	} else {
		/* KERNEL: also SOCK_DGRAM/IPPROTO_ICMP (refused by
		 * ping_group_range) and SOCK_RAW/IPPROTO_RAW (IP_HDRINCL). */
		return -EPROTONOSUPPORT;
	}
	sk = sk_alloc(net, AF_INET, prot);
	if (!sk)
		return -ENOMEM;
	sock_init_data(sock, sk);
	sk->sk_protocol = protocol;
	inet_sk(sk)->uc_ttl = -1;
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_WANT;	/* net.ipv4.ip_no_pmtu_disc = 0 */
	inet_sk(sk)->inet_id = 0;
	if (sock->type == SOCK_RAW) {
		sk->sk_num = protocol;
		inet_sk(sk)->inet_sport = htons(sk->sk_num);
		sk->sk_prot->hash(sk);
	}
	if (sk->sk_prot->init) {
		err = sk->sk_prot->init(sk);
		if (err) {
			sock->sk = NULL;
			sk->sk_socket = NULL;
			sock_put(sk);
			sock->ops = NULL;
		}
	}
	return err;
}

/**
 * inet_release - close(): the protocol's close (tcp_close sends a FIN
 * and lets the connection finish as an orphan; udp closes at once),
 * which drops the socket's reference on the sock.
 */
int
inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	trace_inet_release(sock);
	if (!sk)
		return 0;
	sock->sk = NULL;
	/* KERNEL: SO_LINGER would give close a timeout; always 0 here. */
	sk->sk_prot->close(sk, 0);
	return 0;
}

/**
 * inet_bind - bind(): a local address (0 = any, else one of ours) and a
 * port (0 = the next ephemeral one).  0, -EINVAL (already bound),
 * -EADDRNOTAVAIL or -EADDRINUSE.
 */
int
inet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	const struct sockaddr_in *addr = (const struct sockaddr_in *)uaddr;
	struct sock *sk = sock->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	unsigned short snum;

	/* A raw socket binds an address only (raw_bind). */
	if (sk->sk_prot->bind)
		return sk->sk_prot->bind(sk, uaddr, addr_len);
	if (!uaddr || addr_len < (int)sizeof(struct sockaddr_in))
		return -EINVAL;
	snum = ntohs(addr->sin_port);
	trace_inet_bind(net, addr, snum);
	if (addr->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	if (addr->sin_addr.s_addr != htonl(INADDR_ANY) &&
	    inet_addr_type(net, addr->sin_addr.s_addr) != RTN_LOCAL)
		return -EADDRNOTAVAIL;
	if (sk->sk_state != TCP_CLOSE || sk->sk_num)
		return -EINVAL;
	sk->sk_rcv_saddr = inet->inet_saddr = addr->sin_addr.s_addr;
	if (sk->sk_prot->get_port(sk, snum)) {
		sk->sk_rcv_saddr = inet->inet_saddr = 0;
		return -EADDRINUSE;
	}
	inet->inet_sport = htons(sk->sk_num);
	sk->sk_daddr = 0;
	sk->sk_dport = 0;
	sk_dst_reset(sk);
	return 0;
}

/* inet_autobind - give a socket that sends first a local port. */
static int
inet_autobind(struct sock *sk)
{
	trace_inet_autobind(sk);
	if (!sk->sk_num) {
		if (sk->sk_prot->get_port(sk, 0))
			return -EAGAIN;
		inet_sk(sk)->inet_sport = htons(sk->sk_num);
	}
	return 0;
}

/**
 * inet_sendmsg - sock->ops->sendmsg of every AF_INET socket
 *
 * Binds a datagram socket that has no port yet, then calls the
 * protocol: tcp_sendmsg or udp_sendmsg.  Returns what it returns.
 * KERNEL: also records the flow for RPS (sock_rps_record_flow); TCP
 * sets no_autobind, so only datagram sockets are bound here.
 */
int
inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	struct sock *sk = sock->sk;

	trace_inet_sendmsg(sock, size);
	if (sk->sk_type != SOCK_STREAM && !sk->sk_num && inet_autobind(sk))
		return -EAGAIN;
	return sk->sk_prot->sendmsg(sk, msg, size);
}

/** inet_recvmsg - sock->ops->recvmsg: the protocol's recvmsg. */
int
inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	struct sock *sk = sock->sk;
	int addr_len = 0;
	int err;

	trace_inet_recvmsg(sock, size);
	err = sk->sk_prot->recvmsg(sk, msg, size, flags & MSG_DONTWAIT,
				   flags & ~MSG_DONTWAIT, &addr_len);
	if (err >= 0)
		msg->msg_namelen = addr_len;
	return err;
}

/**
 * inet_stream_connect - connect() of a TCP socket (3.10:
 * __inet_stream_connect under the socket lock)
 *
 * First call: tcp_v4_connect sends the SYN; the socket is SS_CONNECTING
 * and -EINPROGRESS comes back where the kernel would sleep in
 * inet_wait_for_connect.  Called again after a wake-up: -EALREADY while
 * SYN_SENT, 0 once ESTABLISHED, or the error that closed it
 * (-ECONNREFUSED for a RST).
 */
int
inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags)
{
	struct sock *sk = sock->sk;
	int err;

	trace_inet_stream_connect(sock);
	(void)flags;
	if (!uaddr || addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	switch (sock->state) {
	default:
		return -EINVAL;
	case SS_CONNECTED:
		return -EISCONN;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	case SS_UNCONNECTED:
		if (sk->sk_state != TCP_CLOSE)
			return -EISCONN;
		err = sk->sk_prot->connect(sk, uaddr, addr_len);
		if (err < 0)
			return err;
		sock->state = SS_CONNECTING;
		trace_sock_ss_change(sock);
		err = -EINPROGRESS;
		break;
	}
	if ((1 << sk->sk_state) & ((1 << TCP_SYN_SENT) | (1 << TCP_SYN_RECV)))
		return err;	/* KERNEL: inet_wait_for_connect() sleeps here */
	if (sk->sk_state == TCP_CLOSE) {
		err = sock_error(sk);
		if (!err)
			err = -ECONNABORTED;
		sock->state = SS_UNCONNECTED;
		if (sk->sk_prot->disconnect && sk->sk_prot->disconnect(sk, flags))
			sock->state = SS_DISCONNECTING;
		trace_sock_connect_err(sock, err);
		return err;
	}
	sock->state = SS_CONNECTED;
	trace_sock_ss_change(sock);
	return 0;
}

/**
 * inet_dgram_connect - connect() of a UDP socket: fix the peer (the
 * protocol's connect, ip4_datagram_connect), binding a port first.
 */
int
inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags)
{
	struct sock *sk = sock->sk;
	int err;

	trace_inet_dgram_connect(sock);
	(void)flags;
	if (!uaddr || addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC)
		return sk->sk_prot->disconnect(sk, flags);
	if (!sk->sk_num && inet_autobind(sk))
		return -EAGAIN;
	err = sk->sk_prot->connect(sk, uaddr, addr_len);
	if (!err)
		sock->state = SS_CONNECTED;
	return err;
}

/**
 * inet_listen - listen(): move an unconnected stream socket to LISTEN
 * (inet_csk_listen_start hashes it where SYNs find it).
 */
int
inet_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	int err;

	trace_inet_listen(sock, backlog);
	if (sock->state != SS_UNCONNECTED || sock->type != SOCK_STREAM)
		return -EINVAL;
	if (sk->sk_state != TCP_CLOSE && sk->sk_state != TCP_LISTEN)
		return -EINVAL;
	if (sk->sk_state != TCP_LISTEN) {
		err = inet_csk_listen_start(sk, backlog);
		if (err)
			return err;
	}
	sk->sk_max_ack_backlog = backlog;
	return 0;
}

/**
 * inet_accept - accept(): the protocol's next established child
 * (inet_csk_accept), grafted onto @newsock.  -EAGAIN when none is ready.
 */
int
inet_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct sock *sk1 = sock->sk;
	struct sock *sk2;
	int err = -EINVAL;

	trace_inet_accept(sock);
	if (!sk1->sk_prot->accept)
		return -EOPNOTSUPP;
	sk2 = sk1->sk_prot->accept(sk1, flags, &err);
	if (!sk2)
		return err ? err : -EAGAIN;
	sock_graft(sk2, newsock);
	newsock->state = SS_CONNECTED;
	return 0;
}

/**
 * inet_shutdown - shutdown(): SHUT_RD, SHUT_WR (TCP sends its FIN) or
 * both.  0, -EINVAL or -ENOTCONN.
 */
int
inet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	trace_inet_shutdown(sock, how);
	how++;	/* SHUT_RD -> RCV_SHUTDOWN, SHUT_WR -> SEND_SHUTDOWN, SHUT_RDWR -> both */
	if ((how & ~SHUTDOWN_MASK) || !how)
		return -EINVAL;
	if (sock->state == SS_CONNECTING &&
	    ((1 << sk->sk_state) & ((1 << TCP_SYN_SENT) | (1 << TCP_SYN_RECV) | (1 << TCP_CLOSE))))
		sock->state = SS_DISCONNECTING;
	else if (sock->state == SS_CONNECTING)
		sock->state = SS_CONNECTED;
	switch (sk->sk_state) {
	case TCP_CLOSE:
		err = -ENOTCONN;
		sk->sk_shutdown |= how;
		break;
	default:
		sk->sk_shutdown |= how;
		if (sk->sk_prot->shutdown)
			sk->sk_prot->shutdown(sk, how);
		break;
	case TCP_LISTEN:
		/* A listener stops listening only when its receive side is
		 * shut; SHUT_WR leaves it be. */
		if (!(how & RCV_SHUTDOWN))
			break;
		/* fall through */
	case TCP_SYN_SENT:
		/* 3.10's stand-in for a close() another thread cannot make:
		 * the socket is disconnected. */
		if (sk->sk_prot->disconnect)
			err = sk->sk_prot->disconnect(sk, O_NONBLOCK);
		sock->state = err ? SS_DISCONNECTING : SS_UNCONNECTED;
		break;
	}
	sk->sk_state_change(sk);
	return err;
}

/**
 * inet_ioctl - proto_ops.ioctl of AF_INET sockets: the protocol's ioctl
 * (tcp_ioctl), -ENOIOCTLCMD when it has none.  KERNEL: 3.10 answers
 * SIOCGSTAMP, the routing ioctls (SIOCADDRT) and the interface ones
 * (SIOCGIFADDR ...) here; not modelled.
 */
int
inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sock *sk = sock->sk;

	trace_inet_ioctl(sock, cmd);
	if (sk->sk_prot->ioctl)
		return sk->sk_prot->ioctl(sk, cmd, arg);
	return -ENOIOCTLCMD;
}

const struct proto_ops inet_stream_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_stream_connect,
	.accept = inet_accept,
	.listen = inet_listen,
	.shutdown = inet_shutdown,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
	.setsockopt = sock_common_setsockopt,
	.getsockopt = sock_common_getsockopt,
	.ioctl = inet_ioctl,
	.poll = tcp_poll,
};

const struct proto_ops inet_dgram_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.accept = NULL,
	.listen = NULL,
	.shutdown = inet_shutdown,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
	.setsockopt = sock_common_setsockopt,
	.getsockopt = sock_common_getsockopt,
	.ioctl = inet_ioctl,
	.poll = NULL,		/* KERNEL: udp_poll (datagram_poll) not modelled */
};

/* ---- GSO: IPv4's offload callbacks ------------------------------------------- */

static const struct net_offload tcp_offload = {
	.callbacks = {
		.gso_segment = tcp_tso_segment,
		.gro_receive = tcp4_gro_receive,
		.gro_complete = tcp4_gro_complete,
	},
};

/* KERNEL: inet_offloads[] is filled at boot (inet_add_offload); only
 * TCP segments in software here (no UFO, no tunnels). */
static const struct net_offload *const inet_offloads[256] = {
	[IPPROTO_TCP] = &tcp_offload,
};

/**
 * inet_gso_segment - IPv4's gso_segment: skip the IP header, let the
 * transport protocol cut the payload, then give each segment its own IP
 * header: the next ID (the first keeps the original's), its total
 * length, a fresh checksum
 * @skb: skb->data at the IP header; not consumed
 *
 * Returns the segments or an ERR_PTR (-EINVAL for a bad header or GSO
 * type, -EPROTONOSUPPORT for a protocol that cannot segment).
 */
static struct sk_buff *
inet_gso_segment(struct sk_buff *skb, netdev_features_t features)
{
	struct sk_buff *segs = ERR_PTR(-EINVAL);
	const struct net_offload *ops;
	struct iphdr *iph;
	int proto, id;
	unsigned int ihl;

	trace_inet_gso_segment(skb);
	if (unlikely(skb_shinfo(skb)->gso_type & ~(SKB_GSO_TCPV4 | SKB_GSO_UDP | SKB_GSO_DODGY |
						    SKB_GSO_TCP_ECN | SKB_GSO_TCPV6)))
		return segs;
	if (unlikely(!pskb_may_pull(skb, sizeof(*iph))))
		return segs;
	iph = ip_hdr(skb);
	ihl = iph->ihl * 4;
	if (ihl < sizeof(*iph) || unlikely(!pskb_may_pull(skb, ihl)))
		return segs;
	skb_pull(skb, ihl);
	skb_reset_transport_header(skb);
	iph = ip_hdr(skb);
	id = ntohs(iph->id);
	proto = iph->protocol;
	segs = ERR_PTR(-EPROTONOSUPPORT);
	ops = inet_offloads[proto];
	if (likely(ops && ops->callbacks.gso_segment))
		segs = ops->callbacks.gso_segment(skb, features);
	if (!segs || IS_ERR(segs))
		return segs;
	/* KERNEL: a UDP (UFO) GSO skb would be cut into IP fragments here,
	 * every one with the same ID; netstep has no UFO. */
	for (skb = segs; skb; skb = skb->next) {
		iph = ip_hdr(skb);
		iph->id = htons(id++);
		iph->tot_len = htons(skb->len - skb->mac_len);
		ip_send_check(iph);
	}
	return segs;
}

/**
 * inet_gro_receive - IPv4's gro_receive: may @skb join a held packet?
 *
 * Only a plain header (version 4, no options) with a correct checksum,
 * DF set, not a fragment, and a total length that is the whole packet
 * can be merged at all.  A held packet is of its flow if the addresses
 * and the protocol are the same; it must then also have the same TTL
 * and TOS, and @skb must carry the next IP ID, or the held packet is
 * flushed.  The transport protocol decides the rest.  Returns what
 * tcp4_gro_receive returns (the link of a held packet to send up now),
 * or NULL.
 */
static struct sk_buff **
inet_gro_receive(struct sk_buff **head, struct sk_buff *skb)
{
	const struct net_offload *ops;
	struct sk_buff **pp = NULL;
	const struct iphdr *iph;
	unsigned int off = skb_gro_offset(skb), id;
	struct sk_buff *p;
	int flush = 1;

	trace_inet_gro_receive(skb);
	iph = skb_gro_header_slow(skb, off + sizeof(*iph), off);
	if (unlikely(!iph))
		goto out;
	ops = inet_offloads[iph->protocol];
	if (!ops || !ops->callbacks.gro_receive)
		goto out;
	if (*(const u8 *)iph != 0x45)	/* version 4, ihl 5: no options */
		goto out;
	if (unlikely(ip_fast_csum(iph, 5)))
		goto out;
	/* Non-zero unless tot_len is all there is and frag_off is exactly DF
	 * (no fragment, no Ethernet padding).  KERNEL: 3.10 reads these as
	 * the low halves of the header's first and second 32-bit words. */
	flush = (u16)((ntohs(iph->tot_len) ^ skb_gro_len(skb)) | (ntohs(iph->frag_off) ^ IP_DF));
	id = ntohs(iph->id);

	for (p = *head; p; p = p->next) {
		const struct iphdr *iph2;

		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		iph2 = ip_hdr(p);
		if (iph->protocol != iph2->protocol || iph->saddr != iph2->saddr ||
		    iph->daddr != iph2->daddr) {
			NAPI_GRO_CB(p)->same_flow = 0;
			continue;
		}
		/* All fields must match except length and checksum; the ID is
		 * the held packet's plus the segments it holds. */
		NAPI_GRO_CB(p)->flush |= (iph->ttl ^ iph2->ttl) | (iph->tos ^ iph2->tos) |
					 ((u16)(ntohs(iph2->id) + NAPI_GRO_CB(p)->count) ^ id);
		NAPI_GRO_CB(p)->flush |= flush;
	}
	NAPI_GRO_CB(skb)->flush |= flush;
	skb_gro_pull(skb, sizeof(*iph));
	skb_set_transport_header(skb, skb_gro_offset(skb));
	pp = ops->callbacks.gro_receive(head, skb);
out:
	NAPI_GRO_CB(skb)->flush |= flush;
	return pp;
}

/**
 * inet_gro_complete - IPv4's gro_complete: the merged packet's total
 * length (the header checksum patched, RFC 1624), then TCP's part.
 * Returns 0, or -ENOSYS for a protocol without GRO (cannot happen: only
 * TCP merges).
 */
static int
inet_gro_complete(struct sk_buff *skb)
{
	__be16 newlen = htons(skb->len - skb_network_offset(skb));
	struct iphdr *iph = ip_hdr(skb);
	const struct net_offload *ops = inet_offloads[iph->protocol];

	__sum16 check = iph->check;	/* a packed field: patched in a copy */

	trace_inet_gro_complete(skb, ntohs(newlen));
	csum_replace2(&check, iph->tot_len, newlen);
	iph->check = check;
	iph->tot_len = newlen;
	if (!ops || !ops->callbacks.gro_complete)
		return -ENOSYS;
	return ops->callbacks.gro_complete(skb);
}

const struct packet_offload ip_packet_offload = {
	.type = __constant_htons(ETH_P_IP),
	.callbacks = {
		.gso_segment = inet_gso_segment,
		.gro_receive = inet_gro_receive,
		.gro_complete = inet_gro_complete,
	},
};

/* ---- boot ---------------------------------------------------------------------- */

/* KERNEL: listen and accept are sock_no_listen/sock_no_accept. */
const struct proto_ops inet_sockraw_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.shutdown = inet_shutdown,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
	.setsockopt = sock_common_setsockopt,
};

/**
 * inet_ctl_sock_create - a socket the kernel keeps for itself (the ICMP
 * socket of icmp.c): a struct sock with no BSD socket and no file,
 * taken off the protocol's tables so that no packet is delivered to it.
 * 0 with *@skp set, or -Exxx.
 */
int
inet_ctl_sock_create(struct sock **skp, unsigned short family, unsigned short type,
		     unsigned char protocol, struct net *net)
{
	struct socket sock = { .type = (short)type, .net = net, .fd = -1 };
	int err;

	trace_inet_ctl_sock_create(net, type, protocol);
	if (family != AF_INET)
		return -EAFNOSUPPORT;
	err = inet_create(net, &sock, protocol);
	if (err)
		return err;
	*skp = sock.sk;
	/* sock_create_kern's struct socket is freed here: the sock lives on. */
	(*skp)->sk_socket = NULL;
	(*skp)->sk_prot->unhash(*skp);
	return 0;
}

static const struct net_protocol tcp_protocol = {
	.handler = tcp_v4_rcv,
	.err_handler = tcp_v4_err,
};

static const struct net_protocol udp_protocol = {
	.handler = udp_rcv,
	.err_handler = udp_err,
};

/**
 * inet_init - the AF_INET part of boot for one host: TCP's and UDP's
 * tables, and their receive handlers registered with IP.
 *
 * Returns 0 or -ENOMEM.  KERNEL: one global inet_init() at boot;
 * ip_init (here: ip_init(), called before) registers ICMP.
 */
int
inet_init(struct net *net)
{
	int err;

	trace_inet_init(net);
	net->ip_local_port_next = SIM_LOCAL_PORT_LOW;
	INIT_LIST_HEAD(&net->raw_v4_hashinfo);
	err = icmp_sk_init(net);
	if (err)
		return err;
	err = udp_init(net);
	if (err)
		return err;
	inet_add_protocol(net, &udp_protocol, IPPROTO_UDP);
	err = tcp_init(net);
	if (err)
		return err;
	inet_add_protocol(net, &tcp_protocol, IPPROTO_TCP);
	return 0;
}

/* sim_inet_exit - host teardown: free every TCP and UDP socket left,
 * and the ICMP socket. */
void
sim_inet_exit(struct net *net)
{
	trace_sim_inet_exit(net);
	sim_tcp_exit(net);
	sim_udp_exit(net);
	icmp_sk_exit(net);
}
