/*
 * layers/tcp_ipv4.c - TCP over IPv4: connect, the socket lookup tables,
 * the receive entry point, resets, SYNs on a listener, ICMP errors.
 *
 * Mirrors net/ipv4/tcp_ipv4.c, net/ipv4/inet_hashtables.c,
 * net/ipv4/inet_connection_sock.c (inet_csk_get_port) and
 * net/core/secure_seq.c (Linux 3.10.108):
 *
 *   tcp_v4_connect: route, source address, port, ISN, then tcp_connect
 *   ip_local_deliver_finish -> tcp_v4_rcv (checksum, lookup)
 *     -> tcp_v4_do_rcv -> tcp_rcv_established (layers/tcp_input.c)
 *                      -> listener: tcp_check_req / tcp_v4_conn_request
 *                         (queue full: SYN cookies, layers/syncookies.c)
 *                      -> tcp_rcv_state_process (the other states)
 *     -> no socket: tcp_v4_send_reset
 *   icmp_unreach -> tcp_v4_err -> tcp_v4_mtu_reduced (PMTU)
 *
 * Read before: layers/tcp.h.  Read after: layers/tcp_input.c.
 *
 * Left out: the prequeue and the socket backlog (a segment is processed
 * at once: no process ever holds the socket lock), early demux, MD5,
 * the TIME_WAIT mini socket (the full socket stays in TIME_WAIT),
 * request sockets' own hash (the listener's syn queue is a list).
 */
#include "layers/tcp.h"
#include "layers/route.h"
#include "events/tcp.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/tcp_ipv4.c";

struct inet_hashinfo *
sim_tcp_hashinfo(struct net *net)
{
	return net->tcp_hashinfo;
}

/* A 32-bit mix (a few rounds of multiply-xorshift); stands in for MD5. */
static u32
sim_mix32(u32 h, u32 v)
{
	h ^= v * 0x9e3779b1u;
	h = (h << 13) | (h >> 19);
	h = h * 5 + 0xe6546b64u;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h;
}

/**
 * secure_tcp_sequence_number - the ISN of a new connection [RFC 6528]
 *
 * A keyed hash of the 4-tuple (so sequence numbers of different
 * connections are unrelated and unguessable) plus a clock ticking every
 * 64 ns (so a new incarnation of the same 4-tuple starts ahead of the
 * old one).  KERNEL: MD5 over the tuple and net_secret, and
 * ktime_get_real(); netstep uses its virtual clock and a per-host secret
 * drawn from the deterministic PRNG, so runs repeat exactly.
 */
u32
secure_tcp_sequence_number(struct net *net, __be32 saddr, __be32 daddr, __be16 sport,
			   __be16 dport)
{
	struct inet_hashinfo *h = net->tcp_hashinfo;
	u32 hash = h->secret[0];
	u32 isn;

	trace_secure_tcp_sequence_number(net, saddr, daddr, sport, dport);
	hash = sim_mix32(hash, ntohl(saddr) ^ h->secret[1]);
	hash = sim_mix32(hash, ntohl(daddr) ^ h->secret[2]);
	hash = sim_mix32(hash, (((u32)ntohs(sport) << 16) | ntohs(dport)) ^ h->secret[3]);
	isn = hash + (u32)(ktime_get(net->eng) >> 6);
	trace_tcp_isn(net, isn);
	return isn;
}

/* Is local port @port taken by a socket on the bind list? */
static bool
sim_tcp_port_in_use(struct net *net, u16 port, void *arg)
{
	struct inet_connection_sock *icsk;
	struct sock *me = arg;

	list_for_each_entry(icsk, &net->tcp_hashinfo->bhash, icsk_bind_node) {
		struct sock *sk = &icsk->icsk_inet.sk;

		if (sk != me && sk->sk_num == port &&
		    (!sk->sk_rcv_saddr || !me->sk_rcv_saddr ||
		     sk->sk_rcv_saddr == me->sk_rcv_saddr))
			return true;
	}
	return false;
}

/**
 * inet_csk_get_port - tcp_prot.get_port: give @sk local port @snum, or
 * the next free ephemeral one if @snum is 0
 *
 * Returns 0 (sk->sk_num set, the socket on the bind list) or 1 if the
 * port is taken, as the kernel does.  KERNEL: the bind hash with
 * SO_REUSEADDR and fastreuse; TIME_WAIT sockets block their port here.
 */
int
inet_csk_get_port(struct sock *sk, unsigned short snum)
{
	struct net *net = sock_net(sk);

	trace_inet_csk_get_port(sk, snum);
	if (!snum) {
		snum = sim_inet_next_port(net, sim_tcp_port_in_use, sk);
		if (!snum)
			return 1;
	} else if (sim_tcp_port_in_use(net, snum, sk)) {
		trace_tcp_bind_conflict(sk, snum);
		return 1;
	}
	sk->sk_num = snum;
	if (list_empty(&inet_csk(sk)->icsk_bind_node))
		list_add_tail(&inet_csk(sk)->icsk_bind_node, &net->tcp_hashinfo->bhash);
	return 0;
}

/* inet_put_port - give the local port back (the socket is closed). */
static void
inet_put_port(struct sock *sk)
{
	list_del_init(&inet_csk(sk)->icsk_bind_node);
}

/**
 * inet_hash - make @sk findable by tcp_v4_rcv: listeners on the
 * listening table, everything else on the established table.  The table
 * holds a reference.
 */
void
inet_hash(struct sock *sk)
{
	struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;

	trace_inet_hash(sk);
	if (!list_empty(&sk->sk_node))
		return;
	list_add_tail(&sk->sk_node, sk->sk_state == TCP_LISTEN ? &h->listening_hash : &h->ehash);
	sock_hold(sk);
}

/* inet_unhash - take @sk off its table, and the port back. */
void
inet_unhash(struct sock *sk)
{
	trace_inet_unhash(sk);
	inet_put_port(sk);
	if (list_empty(&sk->sk_node))
		return;
	list_del_init(&sk->sk_node);
	sock_put(sk);
}

/* __inet_lookup_established: the connection a segment belongs to. */
static struct sock *
__inet_lookup_established(struct net *net, __be32 saddr, __be16 sport, __be32 daddr,
			  u16 hnum)
{
	struct sock *sk;

	list_for_each_entry(sk, &net->tcp_hashinfo->ehash, sk_node)
		if (sk->sk_daddr == saddr && sk->sk_dport == sport && sk->sk_num == hnum &&
		    (!sk->sk_rcv_saddr || sk->sk_rcv_saddr == daddr))
			return sk;
	return NULL;
}

/* __inet_lookup_listener: the listener on the port (exact address first). */
static struct sock *
__inet_lookup_listener(struct net *net, __be32 daddr, u16 hnum)
{
	struct sock *sk, *wild = NULL;

	list_for_each_entry(sk, &net->tcp_hashinfo->listening_hash, sk_node) {
		if (sk->sk_num != hnum)
			continue;
		if (sk->sk_rcv_saddr == daddr)
			return sk;
		if (!sk->sk_rcv_saddr && !wild)
			wild = sk;
	}
	return wild;
}

static struct sock *
__inet_lookup(struct net *net, __be32 saddr, __be16 sport, __be32 daddr, __be16 dport)
{
	struct sock *sk = __inet_lookup_established(net, saddr, sport, daddr, ntohs(dport));

	return sk ? sk : __inet_lookup_listener(net, daddr, ntohs(dport));
}

/**
 * tcp_v4_connect - connect(): route, source address and port, ISN, SYN
 * @uaddr: struct sockaddr_in of the peer
 *
 * Returns 0 once the SYN is queued (the handshake finishes later:
 * inet_stream_connect reports -EINPROGRESS) or -Exxx.
 */
int
tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	const struct sockaddr_in *usin = (const struct sockaddr_in *)uaddr;
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct flowi4 *fl4 = &inet->cork.fl;
	struct rtable *rt;
	int err;

	if (addr_len < (int)sizeof(struct sockaddr_in) || !usin)
		return -EINVAL;
	trace_tcp_v4_connect(sk, usin);
	if (usin->sin_family != AF_INET)
		return -EAFNOSUPPORT;

	rt = ip_route_output_ports(net, fl4, sk, usin->sin_addr.s_addr, inet->inet_saddr,
				   usin->sin_port, inet->inet_sport, IPPROTO_TCP, inet->tos, 0);
	if (IS_ERR(rt))
		return (int)PTR_ERR(rt);
	if (rt->rt_type != RTN_UNICAST && rt->rt_type != RTN_LOCAL)
		return -ENETUNREACH;

	if (!inet->inet_saddr)
		inet->inet_saddr = fl4->saddr;
	sk->sk_rcv_saddr = inet->inet_saddr;
	sk->sk_daddr = usin->sin_addr.s_addr;
	sk->sk_dport = usin->sin_port;
	tp->rx_opt.mss_clamp = TCP_MSS_DEFAULT;

	/* inet_hash_connect: a port if we have none, then the table. */
	tcp_set_state(sk, TCP_SYN_SENT);
	if (!sk->sk_num && sk->sk_prot->get_port(sk, 0)) {
		err = -EADDRNOTAVAIL;
		goto failure;
	}
	inet->inet_sport = htons(sk->sk_num);
	inet_hash(sk);
	fl4->fl4_sport = inet->inet_sport;
	fl4->fl4_dport = sk->sk_dport;
	fl4->saddr = inet->inet_saddr;
	sk->sk_gso_type = SKB_GSO_TCPV4;
	sk_setup_caps(sk, &rt->dst);

	if (!tp->write_seq)
		tp->write_seq = secure_tcp_sequence_number(net, inet->inet_saddr, sk->sk_daddr,
							   inet->inet_sport, sk->sk_dport);
	inet->inet_id = (u16)(tp->write_seq ^ sim_host_jiffies(net));

	err = tcp_connect(sk);
	if (err)
		goto failure;
	return 0;

failure:
	/* Back to CLOSE, which also gives the port back. */
	tcp_set_state(sk, TCP_CLOSE);
	sk_dst_reset(sk);
	sk->sk_dport = 0;
	return err;
}

/*
 * __tcp_v4_send_check - the TCP checksum, or the device's part of it:
 * for CHECKSUM_PARTIAL only the pseudo-header sum goes into th->check,
 * and csum_start / csum_offset say where the rest is summed and stored
 * (by the card, or by skb_checksum_help / GSO in software when it
 * cannot); otherwise the whole sum over pseudo-header, header and data.
 * KERNEL: for CHECKSUM_NONE the kernel adds skb->csum, the data's sum
 * taken while copying it from the user; netstep sums the data here.
 */
static void
__tcp_v4_send_check(struct sk_buff *skb, __be32 saddr, __be32 daddr)
{
	struct tcphdr *th = tcp_hdr(skb);

	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		th->check = (__sum16)~csum_tcpudp_magic(saddr, daddr, skb->len, IPPROTO_TCP, 0);
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct tcphdr, check);
	} else {
		th->check = 0;
		th->check = csum_tcpudp_magic(saddr, daddr, skb->len, IPPROTO_TCP,
					      skb_checksum(skb, skb_transport_offset(skb),
							   skb->len, 0));
	}
}

/**
 * tcp_v4_send_check - icsk_af_ops->send_check: the checksum of a
 * segment of @sk (see __tcp_v4_send_check)
 */
void
tcp_v4_send_check(struct sock *sk, struct sk_buff *skb)
{
	trace_tcp_v4_send_check(sk, skb);
	__tcp_v4_send_check(skb, inet_sk(sk)->inet_saddr, sk->sk_daddr);
	trace_tcp_v4_csum(sk, skb);
}

/* Build and send a bare segment (RST, or an ACK on no socket's behalf). */
static void
sim_tcp_v4_send_bare(struct net *net, __be32 saddr, __be32 daddr, __be16 sport,
		     __be16 dport, u32 seq, u32 ack, u8 flags, struct sk_buff *in)
{
	struct flowi4 fl4;
	struct rtable *rt;
	struct sk_buff *skb;
	struct tcphdr *th;

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = daddr;
	fl4.saddr = saddr;
	fl4.flowi4_proto = IPPROTO_TCP;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return;
	skb = alloc_skb(net, MAX_TCP_HEADER);
	if (!skb)
		return;
	skb_reserve(skb, MAX_TCP_HEADER);
	th = (struct tcphdr *)skb_push(skb, sizeof(*th));
	skb_reset_transport_header(skb);
	memset(th, 0, sizeof(*th));
	th->source = sport;
	th->dest = dport;
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	th->doff = sizeof(*th) / 4;
	((u8 *)th)[13] = flags;
	th->check = csum_tcpudp_magic(saddr, daddr, skb->len, IPPROTO_TCP,
				      csum_partial(th, skb->len, 0));
	skb->priority = in ? in->priority : 0;
	skb_dst_set_noref(skb, &rt->dst);
	ip_build_and_send_pkt(skb, NULL, saddr, daddr);
}

/**
 * tcp_v4_send_reset - answer @skb with a RST [RFC 793 3.4 "Reset
 * Generation"]
 * @sk: the socket it came to, or NULL (no socket: a closed port)
 * @skb: the offending segment; not consumed
 *
 * If it carried an ACK, the RST takes its sequence number from that ACK
 * and carries no ACK; otherwise it has sequence 0 and acknowledges
 * everything the segment occupied.  Never answer a RST with a RST.
 * KERNEL: sent through the per-net control socket (ip_send_unicast_reply).
 */
void
tcp_v4_send_reset(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct net *net = skb->host;
	u32 seq = 0, ack = 0;
	u8 flags = TCPHDR_RST;

	(void)sk;
	trace_tcp_v4_send_reset(net, skb);
	if (th->rst)
		return;
	/* Only a segment sent to one of our unicast addresses gets an answer. */
	if (skb_rtable(skb) && skb_rtable(skb)->rt_type != RTN_LOCAL)
		return;
	if (th->ack) {
		seq = ntohl(th->ack_seq);
	} else {
		ack = ntohl(th->seq) + th->syn + th->fin + skb->len - th->doff * 4U;
		flags |= TCPHDR_ACK;
	}
	NET_INC_STATS(net, TCP_MIB_OUTRSTS);
	sim_tcp_v4_send_bare(net, iph->daddr, iph->saddr, th->dest, th->source, seq, ack,
			     flags, skb);
}

/**
 * tcp_v4_send_synack - send the SYN-ACK of request @req on listener @sk
 *
 * Returns 0 or -Exxx.  The request keeps no skb: a retransmission
 * builds a new one (tcp_make_synack).
 */
int
tcp_v4_send_synack(struct sock *sk, struct request_sock *req)
{
	struct net *net = sock_net(sk);
	struct flowi4 fl4;
	struct rtable *rt;
	struct sk_buff *skb;

	trace_tcp_v4_send_synack(sk, req);
	rt = ip_route_output_ports(net, &fl4, sk, req->rmt_addr, req->loc_addr, req->rmt_port,
				   req->loc_port, IPPROTO_TCP, inet_sk(sk)->tos, 0);
	if (IS_ERR(rt))
		return (int)PTR_ERR(rt);
	skb = tcp_make_synack(sk, &rt->dst, req);
	if (!skb)
		return -ENOMEM;
	__tcp_v4_send_check(skb, req->loc_addr, req->rmt_addr);
	skb_dst_set_noref(skb, &rt->dst);
	NET_INC_STATS(net, TCP_MIB_OUTSEGS);
	return ip_build_and_send_pkt(skb, sk, req->loc_addr, req->rmt_addr);
}

/* tcp_v4_search_req: the pending request a segment on @sk belongs to. */
static struct request_sock *
sim_tcp_v4_search_req(struct sock *sk, __be32 raddr, __be16 rport, __be32 laddr)
{
	struct request_sock *req;

	list_for_each_entry(req, &inet_csk(sk)->icsk_accept_queue.syn_queue, node)
		if (req->rmt_addr == raddr && req->rmt_port == rport && req->loc_addr == laddr)
			return req;
	return NULL;
}

/**
 * inet_csk_reqsk_queue_prune - forget the requests whose handshake never
 * completed: the kernel resends a SYN-ACK TCP_SYNACK_RETRIES times
 * (1 + 2 + 4 + 8 + 16 + 32 s) and then drops the request
 *
 * KERNEL: run by the listener's timer, which also resends the SYN-ACKs;
 * netstep prunes only when the queue is full, so forged SYNs from
 * addresses that never answer cannot close the listener for good.
 */
static void
inet_csk_reqsk_queue_prune(struct sock *sk)
{
	const u32 lifetime = (TCP_TIMEOUT_INIT << (TCP_SYNACK_RETRIES + 1)) - TCP_TIMEOUT_INIT;
	struct inet_connection_sock *icsk = inet_csk(sk);
	u32 now = tcp_time_stamp(sk);
	struct request_sock *req, *n;

	trace_inet_csk_reqsk_queue_prune(sk, lifetime);
	list_for_each_entry_safe(req, n, &icsk->icsk_accept_queue.syn_queue, node) {
		if (now - req->snt_synack < lifetime)
			continue;
		trace_tcp_request_timeout(sk, req);
		inet_csk_reqsk_queue_drop(sk, req);
	}
}

/* inet_csk_reqsk_queue_is_full: 1 << max_qlen_log requests pending. */
static inline bool
inet_csk_reqsk_queue_is_full(const struct sock *sk)
{
	const struct request_sock_queue *q = &inet_csk(sk)->icsk_accept_queue;

	return q->qlen >> q->max_qlen_log;
}

/* sk_acceptq_is_full: more children waiting for accept() than the backlog. */
static inline bool
sk_acceptq_is_full(const struct sock *sk)
{
	return sk->sk_ack_backlog > sk->sk_max_ack_backlog;
}

/**
 * tcp_syn_flood_action - a SYN found listener @sk's SYN queue full: send
 * a cookie (tcp_syncookies, the default) or drop the SYN.  Says so once
 * per listener, as the kernel's log line "Possible SYN flooding on port
 * N. Sending cookies." (a note in the trace).  Returns true for a cookie.
 */
static bool
tcp_syn_flood_action(struct sock *sk, const struct sk_buff *skb)
{
	struct net *net = sock_net(sk);
	struct request_sock_queue *q = &inet_csk(sk)->icsk_accept_queue;
	bool want_cookie = net->tcp_hashinfo->sysctl_tcp_syncookies != 0;

	trace_tcp_syn_flood_action(sk, skb);
	NET_INC_STATS(net, want_cookie ? LINUX_MIB_TCPREQQFULLDOCOOKIES : LINUX_MIB_TCPREQQFULLDROP);
	if (!q->synflood_warned) {
		q->synflood_warned = 1;
		trace_tcp_syn_flood_warning(sk, skb, want_cookie ? "Sending cookies" :
								   "Dropping request");
	}
	return want_cookie;
}

/**
 * tcp_v4_conn_request - a SYN reached listener @sk: remember it as a
 * request_sock (SYN_RECV) and answer with a SYN-ACK
 *
 * When the SYN queue is full (a flood of SYNs whose handshakes never
 * complete), the SYN-ACK carries a SYN cookie instead and nothing is
 * kept (layers/syncookies.c); every SYN not queued counts ListenDrops,
 * cookies included, as in 3.10.  Returns 0 (the caller frees @skb).
 * KERNEL: no SYN-ACK retransmission timer on the listener (a lost
 * SYN-ACK is resent when the client's SYN is retransmitted,
 * tcp_check_req); every request counts as young.
 */
int
tcp_v4_conn_request(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = net->tcp_hashinfo;
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_options_received tmp_opt;
	const struct tcphdr *th = tcp_hdr(skb);
	struct request_sock *req;
	bool want_cookie = false;
	unsigned int mtu;
	struct flowi4 fl4;
	struct rtable *rt;
	u8 rcv_wscale = 0;

	trace_tcp_v4_conn_request(sk, skb);
	if (skb_rtable(skb) && skb_rtable(skb)->rt_type != RTN_LOCAL) {
		/* A SYN to a broadcast address opens nothing [RFC 1122 4.2.3.10]. */
		trace_tcp_discard(net, skb, "not_unicast");
		goto drop;
	}
	if (inet_csk_reqsk_queue_is_full(sk))
		inet_csk_reqsk_queue_prune(sk);
	if (inet_csk_reqsk_queue_is_full(sk)) {
		want_cookie = tcp_syn_flood_action(sk, skb);
		if (!want_cookie)
			goto drop;
	}
	/* Children wait for accept() already: keep no more half-open ones. */
	if (sk_acceptq_is_full(sk) && icsk->icsk_accept_queue.qlen > 1) {
		trace_tcp_discard(net, skb, "listen_overflow");
		NET_INC_STATS(net, LINUX_MIB_LISTENOVERFLOWS);
		goto drop;
	}

	memset(&tmp_opt, 0, sizeof(tmp_opt));
	tmp_opt.mss_clamp = TCP_MSS_DEFAULT;
	tcp_parse_options(skb, &tmp_opt, 0);
	if (want_cookie && !tmp_opt.saw_tstamp) {
		/* Only a timestamp can carry window scale and SACK back. */
		tmp_opt.sack_ok = tmp_opt.wscale_ok = 0;
		tmp_opt.snd_wscale = 0;
	}

	req = calloc(1, sizeof(*req));
	if (!req)
		goto drop;
	INIT_LIST_HEAD(&req->node);
	req->loc_addr = ip_hdr(skb)->daddr;
	req->rmt_addr = ip_hdr(skb)->saddr;
	req->loc_port = th->dest;
	req->rmt_port = th->source;
	req->rcv_isn = TCP_SKB_CB(skb)->seq;
	req->mss = tmp_opt.mss_clamp;
	req->tstamp_ok = tmp_opt.saw_tstamp && h->sysctl_tcp_timestamps;
	req->ts_recent = req->tstamp_ok ? tmp_opt.rcv_tsval : 0;
	req->sack_ok = tmp_opt.sack_ok && h->sysctl_tcp_sack;
	req->wscale_ok = tmp_opt.wscale_ok && h->sysctl_tcp_window_scaling;
	req->snd_wscale = req->wscale_ok ? tmp_opt.snd_wscale : 0;
	if (want_cookie) {
		req->snt_isn = cookie_v4_init_sequence(sk, skb, &req->mss);
		req->cookie_ts = req->tstamp_ok;
	} else {
		req->snt_isn = secure_tcp_sequence_number(net, req->loc_addr, req->rmt_addr,
							  req->loc_port, req->rmt_port);
	}

	/* tcp_openreq_init_rwin: the window we offer, from our buffer. */
	rt = ip_route_output_ports(net, &fl4, sk, req->rmt_addr, req->loc_addr, req->rmt_port,
				   req->loc_port, IPPROTO_TCP, inet_sk(sk)->tos, 0);
	if (IS_ERR(rt))
		goto drop_and_free;
	mtu = dst_mtu(&rt->dst);
	req->window_clamp = tcp_sk(sk)->window_clamp;
	if ((sk->sk_userlocks & SOCK_RCVBUF_LOCK) &&
	    (req->window_clamp > (u32)tcp_full_space(sk) || req->window_clamp == 0))
		req->window_clamp = tcp_full_space(sk);
	tcp_select_initial_window(tcp_full_space(sk),
				  mtu - 40 - (req->tstamp_ok ? TCPOLEN_TSTAMP_ALIGNED : 0),
				  &req->rcv_wnd, &req->window_clamp, req->wscale_ok, &rcv_wscale,
				  0);
	req->rcv_wscale = rcv_wscale;

	/* A cookie's SYN-ACK is all there is: the request is not kept. */
	if (tcp_v4_send_synack(sk, req) || want_cookie)
		goto drop_and_free;
	req->snt_synack = tcp_time_stamp(sk);
	list_add_tail(&req->node, &icsk->icsk_accept_queue.syn_queue);
	icsk->icsk_accept_queue.qlen++;
	return 0;

drop_and_free:
	free(req);
drop:
	NET_INC_STATS(net, LINUX_MIB_LISTENDROPS);
	return 0;
}

/**
 * tcp_v4_syn_recv_sock - the handshake of @req completed: make the child
 * socket, route it and hash it where its segments will find it
 *
 * Returns the child (SYN_RECV; tcp_rcv_state_process moves it to
 * ESTABLISHED) or NULL if the accept queue is full.
 */
struct sock *
tcp_v4_syn_recv_sock(struct sock *sk, struct sk_buff *skb, struct request_sock *req,
		     struct dst_entry *dst)
{
	struct net *net = sock_net(sk);
	struct sock *newsk;
	struct inet_sock *newinet;
	struct tcp_sock *newtp;
	struct rtable *rt;

	trace_tcp_v4_syn_recv_sock(sk, skb, req);
	(void)dst;
	if (sk_acceptq_is_full(sk)) {
		NET_INC_STATS(net, LINUX_MIB_LISTENOVERFLOWS);
		NET_INC_STATS(net, LINUX_MIB_LISTENDROPS);
		return NULL;
	}
	newsk = tcp_create_openreq_child(sk, req, skb);
	if (!newsk)
		return NULL;
	newinet = inet_sk(newsk);
	newtp = tcp_sk(newsk);
	newsk->sk_daddr = req->rmt_addr;
	newsk->sk_rcv_saddr = req->loc_addr;
	newinet->inet_saddr = req->loc_addr;
	newsk->sk_dport = req->rmt_port;
	newinet->inet_sport = req->loc_port;
	newsk->sk_num = ntohs(req->loc_port);
	newinet->inet_id = (u16)(newtp->write_seq ^ sim_host_jiffies(net));

	rt = ip_route_output_ports(net, &newinet->cork.fl, newsk, req->rmt_addr, req->loc_addr,
				   req->rmt_port, req->loc_port, IPPROTO_TCP, newinet->tos, 0);
	if (IS_ERR(rt)) {
		inet_csk_destroy_sock(newsk);
		return NULL;
	}
	newsk->sk_gso_type = SKB_GSO_TCPV4;
	sk_setup_caps(newsk, &rt->dst);
	newtp->advmss = dst_metric_advmss(&rt->dst);
	tcp_sync_mss(newsk, dst_mtu(&rt->dst));
	if (newtp->rx_opt.user_mss && newtp->rx_opt.user_mss < newtp->advmss)
		newtp->advmss = newtp->rx_opt.user_mss;
	inet_hash(newsk);
	return newsk;
}

/* tcp_v4_hnd_req: a segment on a listener: a pending request's, or new. */
static struct sock *
tcp_v4_hnd_req(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct request_sock *req;

	trace_tcp_v4_hnd_req(sk, skb);
	req = sim_tcp_v4_search_req(sk, iph->saddr, th->source, iph->daddr);
	if (req)
		return tcp_check_req(sk, skb, req);
	/* No request: maybe the ACK of a SYN-ACK that carried a cookie. */
	if (!th->syn)
		return cookie_v4_check(sk, skb);
	return sk;
}

/**
 * tcp_v4_do_rcv - hand a segment to its socket, by state
 *
 * Consumes @skb (a RST is sent for a segment the state machine refuses).
 */
int
tcp_v4_do_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct tcphdr *th = tcp_hdr(skb);

	trace_tcp_v4_do_rcv(sk, skb);
	if (sk->sk_state == TCP_ESTABLISHED) {
		tcp_rcv_established(sk, skb, th, skb->len);
		return 0;
	}
	if (sk->sk_state == TCP_LISTEN) {
		struct sock *nsk = tcp_v4_hnd_req(sk, skb);

		if (!nsk)
			goto discard;
		if (nsk != sk) {
			if (tcp_child_process(sk, nsk, skb))
				goto reset;
			return 0;
		}
	}
	if (tcp_rcv_state_process(sk, skb, th, skb->len))
		goto reset;
	return 0;

reset:
	tcp_v4_send_reset(sk, skb);
discard:
	kfree_skb(skb);
	return 0;
}

/**
 * tcp_v4_rcv - ip_local_deliver's handler for protocol 6
 * @skb: skb->data at the TCP header
 *
 * Checks the header and the checksum, fills TCP_SKB_CB from the header,
 * finds the socket and hands the segment over.  A segment for no socket
 * is answered with a RST.  Consumes @skb.
 */
int
tcp_v4_rcv(struct sk_buff *skb)
{
	struct net *net = skb->host;
	const struct iphdr *iph;
	struct tcphdr *th;
	struct sock *sk;

	trace_tcp_v4_rcv(net, skb);
	if (skb->pkt_type != PACKET_HOST || !net->tcp_hashinfo)
		goto discard_it;
	NET_INC_STATS(net, TCP_MIB_INSEGS);
	/* The header and its options in the linear part (igb pulled them
	 * there; the payload may stay in page frags). */
	if (!pskb_may_pull(skb, sizeof(struct tcphdr)))
		goto discard_it;
	th = tcp_hdr(skb);
	if (th->doff < sizeof(struct tcphdr) / 4)
		goto bad_packet;
	if (!pskb_may_pull(skb, th->doff * 4U))
		goto discard_it;
	th = tcp_hdr(skb);	/* the pulls may have moved the head */
	iph = ip_hdr(skb);
	/* tcp_v4_checksum_init + tcp_checksum_complete: the full sum is 0.
	 * GRO checked it already (CHECKSUM_UNNECESSARY, or CHECKSUM_PARTIAL
	 * for a merged packet, whose th->check is only the pseudo-header's). */
	if (!skb_csum_unnecessary(skb) &&
	    csum_tcpudp_magic(iph->saddr, iph->daddr, skb->len, IPPROTO_TCP,
			      skb_checksum(skb, 0, skb->len, 0))) {
		trace_tcp_discard(net, skb, "bad_checksum");
		NET_INC_STATS(net, TCP_MIB_CSUMERRORS);
		goto bad_packet;
	}

	TCP_SKB_CB(skb)->seq = ntohl(th->seq);
	TCP_SKB_CB(skb)->end_seq = TCP_SKB_CB(skb)->seq + th->syn + th->fin + skb->len -
				   th->doff * 4U;
	TCP_SKB_CB(skb)->ack_seq = ntohl(th->ack_seq);
	TCP_SKB_CB(skb)->when = 0;
	TCP_SKB_CB(skb)->tcp_flags = tcp_flag_byte(th);
	TCP_SKB_CB(skb)->sacked = 0;

	sk = __inet_lookup(net, iph->saddr, th->source, iph->daddr, th->dest);
	if (!sk)
		goto no_tcp_socket;
	trace_tcp_v4_rcv_socket(net, skb, sk);
	if (sk->sk_state == TCP_TIME_WAIT) {
		sock_hold(sk);
		tcp_timewait_state_process(sk, skb, th);
		sock_put(sk);
		return 0;
	}
	/* The lookup's reference: the socket may die while we use it. */
	sock_hold(sk);
	tcp_v4_do_rcv(sk, skb);
	sock_put(sk);
	return 0;

no_tcp_socket:
	trace_tcp_no_socket(net, skb, th);
	tcp_v4_send_reset(NULL, skb);
	goto discard_it;
bad_packet:
	NET_INC_STATS(net, TCP_MIB_INERRS);
discard_it:
	kfree_skb(skb);
	return 0;
}

/*
 * inet_csk_update_pmtu - the route to @sk's peer learns the smaller path
 * MTU (a nexthop exception, __ip_rt_update_pmtu: clamped at 552, ignored
 * above the device MTU or on a locked route), and the socket's cached
 * route is replaced by one that carries it.  KERNEL: 3.10 calls
 * dst->ops->update_pmtu on the socket's own route, which marks it
 * obsolete (DST_OBSOLETE_KILL) and looks it up again.
 */
static struct dst_entry *
inet_csk_update_pmtu(struct sock *sk, u32 mtu)
{
	struct inet_sock *inet = inet_sk(sk);
	struct dst_entry *dst = __sk_dst_check(sk, 0);
	struct rtable *rt;

	ipv4_update_pmtu(sock_net(sk), sk->sk_daddr, mtu);
	if (dst && dst_mtu(dst) <= mtu)
		return dst;
	sk_dst_reset(sk);
	rt = ip_route_output_ports(sock_net(sk), &inet->cork.fl, sk, sk->sk_daddr,
				   inet->inet_saddr, sk->sk_dport, inet->inet_sport, IPPROTO_TCP,
				   inet->tos, 0);
	if (IS_ERR(rt))
		return NULL;
	sk_setup_caps(sk, &rt->dst);
	return &rt->dst;
}

/**
 * tcp_v4_mtu_reduced - an ICMP "fragmentation needed" for our flow
 * @mtu: the next hop's MTU as the ICMP gave it (tp->mtu_info in 3.10)
 *
 * The route learns the path MTU; if the MSS was computed for a larger
 * one, lower it and resend at once what no longer fits
 * (tcp_simple_retransmit).  An MTU below what the route accepts
 * (552, ip_rt_min_pmtu) leaves segments that still will not fit: that
 * is remembered as a soft error (EMSGSIZE), reported if the connection
 * times out.
 */
void
tcp_v4_mtu_reduced(struct sock *sk, u32 mtu)
{
	struct dst_entry *dst;

	trace_tcp_v4_mtu_reduced(sk, mtu);
	if (sk->sk_state == TCP_LISTEN || sk->sk_state == TCP_CLOSE)
		return;
	dst = inet_csk_update_pmtu(sk, mtu);
	if (!dst)
		return;
	if (mtu < dst_mtu(dst) && ip_dont_fragment(sk))
		sk->sk_err_soft = EMSGSIZE;
	mtu = dst_mtu(dst);
	if (inet_sk(sk)->pmtudisc != IP_PMTUDISC_DONT && inet_csk(sk)->icsk_pmtu_cookie > mtu) {
		tcp_sync_mss(sk, mtu);
		tcp_simple_retransmit(sk);
	}
}

/*
 * An ICMP error about a handshake still in the listener's SYN queue: if
 * it quotes our SYN-ACK exactly (its ISN), the request is forgotten
 * silently (accept() must not see network errors); anything else is
 * out of window.
 */
static void
sim_tcp_v4_err_request(struct sock *sk, struct sk_buff *skb, const struct iphdr *iph,
		       const struct tcphdr *th, u32 seq)
{
	struct net *net = sock_net(sk);
	struct request_sock *req = sim_tcp_v4_search_req(sk, iph->daddr, th->dest, iph->saddr);

	if (!req)
		return;
	if (seq != req->snt_isn) {
		trace_tcp_icmp_out_of_window(net, skb, seq);
		NET_INC_STATS(net, LINUX_MIB_OUTOFWINDOWICMPS);
		return;
	}
	inet_csk_reqsk_queue_drop(sk, req);
	NET_INC_STATS(net, LINUX_MIB_LISTENDROPS);
}

/**
 * tcp_v4_err - an ICMP error quoting one of our segments
 * @skb: the ICMP message, skb->data at the quoted IP header (and at
 *       least 8 bytes after it, icmp_unreach checked); not consumed
 * @info: the MTU for "fragmentation needed"
 *
 * In 3.10's order: the quoted segment must belong to a socket
 * (IcmpInErrors if none; TIME_WAIT and CLOSE ignore it), and, but on a
 * listener, its sequence number must be in flight, snd_una..snd_nxt
 * (OutOfWindowIcmps otherwise) [RFC 5927 4.1].  Only then does
 * "fragmentation needed" lower the path MTU, a connection being set up
 * die of a hard error, an established one keep it as a soft error.
 * KERNEL: no IP_MINTTL check, no redirects, no IP_RECVERR (errors on an
 * established connection are always soft), no socket owned by a user
 * (no deferral); the RTO backoff revert of RFC 6069 (a net or host
 * unreachable quoting snd_una) is not modelled.
 */
void
tcp_v4_err(struct sk_buff *skb, u32 info)
{
	struct net *net = skb->host;
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct tcphdr *th;
	struct sock *sk;
	u32 seq;
	int err;

	trace_tcp_v4_err(net, skb, info);
	if (skb->len < iph->ihl * 4U + 8 || !net->tcp_hashinfo) {
		ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
		return;
	}
	th = (const struct tcphdr *)(skb->data + iph->ihl * 4);
	sk = __inet_lookup(net, iph->daddr, th->dest, iph->saddr, th->source);
	if (!sk) {
		ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
		return;
	}
	if (sk->sk_state == TCP_TIME_WAIT || sk->sk_state == TCP_CLOSE)
		return;
	seq = ntohl(th->seq);
	if (sk->sk_state != TCP_LISTEN &&
	    !between(seq, tcp_sk(sk)->snd_una, tcp_sk(sk)->snd_nxt)) {
		trace_tcp_icmp_out_of_window(net, skb, seq);
		NET_INC_STATS(net, LINUX_MIB_OUTOFWINDOWICMPS);
		return;
	}

	switch (icmph->type) {
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		break;
	case ICMP_DEST_UNREACH:
		if (icmph->code > NR_ICMP_UNREACH)
			return;
		if (icmph->code == ICMP_FRAG_NEEDED) {
			/* A listener's SYN-ACKs are small: nothing to learn. */
			if (sk->sk_state != TCP_LISTEN)
				tcp_v4_mtu_reduced(sk, info);
			return;
		}
		err = icmp_err_convert[icmph->code].error;
		break;
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	default:		/* source quench and the rest: ignored */
		return;
	}

	sock_hold(sk);
	switch (sk->sk_state) {
	case TCP_LISTEN:
		sim_tcp_v4_err_request(sk, skb, iph, th, seq);
		break;
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		/* A hard error while connecting ends the attempt. */
		sk->sk_err = err;
		sk->sk_error_report(sk);
		tcp_done(sk);
		break;
	default:
		/* Connected: keep trying; the error is told if we time out
		 * [RFC 1122 4.2.3.9]. */
		sk->sk_err_soft = err;
		break;
	}
	sock_put(sk);
}

/**
 * tcp_v4_init_sock - tcp_prot.init: a new TCP socket's defaults
 * Returns 0.
 */
static int
tcp_v4_init_sock(struct sock *sk)
{
	trace_tcp_v4_init_sock(sk);
	tcp_init_sock(sk);
	return 0;
}

/**
 * tcp_v4_destroy_sock - tcp_prot.destroy: stop the timers, free every
 * queued skb and the pending requests of a listener.  Safe to call twice.
 */
static void
tcp_v4_destroy_sock(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct request_sock *req, *n;

	trace_tcp_v4_destroy_sock(sk);
	tcp_clear_xmit_timers(sk);
	__skb_queue_purge(&sk->sk_write_queue);
	sk->sk_send_head = NULL;
	sk->sk_wmem_queued = 0;
	__skb_queue_purge(&tp->out_of_order_queue);
	list_for_each_entry_safe(req, n, &inet_csk(sk)->icsk_accept_queue.syn_queue, node)
		inet_csk_reqsk_queue_drop(sk, req);
	inet_put_port(sk);
}

/**
 * tcp_init - TCP's per-host state: the lookup tables and the ISN secret
 * Returns 0 or -ENOMEM.  Safe to call again (returns 0).
 */
int
tcp_init(struct net *net)
{
	struct inet_hashinfo *h;

	trace_tcp_init(net);
	if (net->tcp_hashinfo)
		return 0;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	INIT_LIST_HEAD(&h->listening_hash);
	INIT_LIST_HEAD(&h->ehash);
	INIT_LIST_HEAD(&h->bhash);
	for (int i = 0; i < 4; i++)
		h->secret[i] = sim_random(net->eng);
	h->sysctl_tcp_timestamps = 1;
	h->sysctl_tcp_window_scaling = 1;
	h->sysctl_tcp_sack = 1;
	h->sysctl_tcp_syncookies = 1;
	/* tcp_init: max(128, ehash size / 256); a small machine's 128. */
	h->sysctl_max_syn_backlog = 128;
	h->sysctl_tcp_tso_win_divisor = 3;
	h->sysctl_tcp_min_tso_segs = 2;
	/* tcp_init: tcp_rmem/tcp_wmem defaults of a machine with memory to spare. */
	h->sysctl_tcp_rmem[0] = 4096;
	h->sysctl_tcp_rmem[1] = 87380;
	h->sysctl_tcp_rmem[2] = 6291456;
	h->sysctl_tcp_wmem[0] = 4096;
	h->sysctl_tcp_wmem[1] = 16384;
	h->sysctl_tcp_wmem[2] = 4194304;
	/* Loss recovery (net/ipv4/tcp_input.c's defaults). */
	h->sysctl_tcp_fack = 1;
	h->sysctl_tcp_dsack = 1;
	h->sysctl_tcp_reordering = TCP_FASTRETRANS_THRESH;
	h->sysctl_tcp_frto = 2;
	h->sysctl_tcp_early_retrans = 3;
	h->sysctl_tcp_fin_timeout = TCP_FIN_TIMEOUT / HZ;
	net->tcp_hashinfo = h;
	/* Reno always; CUBIC as its module_init does; then the default, as
	 * the late_initcall tcp_congestion_default sets CONFIG_DEFAULT_TCP_CONG. */
	tcp_register_congestion_control(net, &tcp_reno);
	cubictcp_register(net);
	tcp_set_default_congestion_control(net, "cubic");
	return 0;
}

/* Tear one socket down for good (host shutdown). */
static void
sim_tcp_kill(struct sock *sk)
{
	sock_hold(sk);
	if (sk->sk_state == TCP_LISTEN)
		inet_csk_listen_stop(sk);
	tcp_set_state(sk, TCP_CLOSE);
	sk->sk_prot->destroy(sk);
	__skb_queue_purge(&sk->sk_receive_queue);
	if (sim_sock_flag_dead(sk))
		inet_csk_destroy_sock(sk);
	sock_put(sk);
}

/**
 * sim_tcp_exit - the host goes away: every TCP socket still alive (orphans
 * finishing their FIN exchange, TIME_WAIT, listeners) is torn down and
 * every skb it held freed.  Sockets still owned by a user socket lose
 * their queues and timers; the owner frees them.
 */
void
sim_tcp_exit(struct net *net)
{
	struct inet_hashinfo *h = net->tcp_hashinfo;

	trace_sim_tcp_exit(net);
	if (!h)
		return;
	while (!list_empty(&h->listening_hash))
		sim_tcp_kill(list_first_entry(&h->listening_hash, struct sock, sk_node));
	while (!list_empty(&h->ehash))
		sim_tcp_kill(list_first_entry(&h->ehash, struct sock, sk_node));
	while (!list_empty(&h->bhash)) {
		struct inet_connection_sock *icsk =
			list_first_entry(&h->bhash, struct inet_connection_sock, icsk_bind_node);

		list_del_init(&icsk->icsk_bind_node);
	}
	free(h);
	net->tcp_hashinfo = NULL;
}

/**
 * sim_tcp_for_each_sock - call @fn for every TCP socket of @net: listeners
 * first, then the others in the order they were hashed (ss's order is
 * the hash order; netstep's is repeatable).  Stops at the first nonzero
 * return, which it returns.
 */
int
sim_tcp_for_each_sock(struct net *net, int (*fn)(struct sock *sk, void *arg), void *arg)
{
	struct inet_hashinfo *h = net->tcp_hashinfo;
	struct sock *sk;
	int ret;

	if (!h)
		return 0;
	list_for_each_entry(sk, &h->listening_hash, sk_node)
		if ((ret = fn(sk, arg)) != 0)
			return ret;
	list_for_each_entry(sk, &h->ehash, sk_node)
		if ((ret = fn(sk, arg)) != 0)
			return ret;
	return 0;
}

/* net/ipv4/tcp_ipv4.c: the protocol as the socket layer sees it. */
const struct proto tcp_prot = {
	.name = "TCP",
	.close = tcp_close,
	.connect = tcp_v4_connect,
	.disconnect = tcp_disconnect,
	.accept = inet_csk_accept,
	.init = tcp_v4_init_sock,
	.destroy = tcp_v4_destroy_sock,
	.shutdown = tcp_shutdown,
	.sendmsg = tcp_sendmsg,
	.recvmsg = tcp_recvmsg,
	.backlog_rcv = tcp_v4_do_rcv,
	.setsockopt = tcp_setsockopt,
	.getsockopt = tcp_getsockopt,
	.ioctl = tcp_ioctl,
	.hash = inet_hash,
	.unhash = inet_unhash,
	.get_port = inet_csk_get_port,
	.max_header = MAX_TCP_HEADER,
	.obj_size = sizeof(struct tcp_sock),
};
