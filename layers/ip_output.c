/*
 * layers/ip_output.c - the IPv4 transmit path: from a packet with an IP
 * header to the neighbour layer, cutting it into fragments on the way if
 * the route's MTU is smaller than the packet.
 *
 * Mirrors net/ipv4/ip_output.c (Linux 3.10):
 *
 *   ip_local_out -> __ip_local_out (tot_len, checksum, LOCAL_OUT hook)
 *     -> dst_output = ip_output (counters, POST_ROUTING hook)
 *       -> ip_finish_output (MTU check) -> [ip_fragment] -> ip_finish_output2
 *         -> next hop, neighbour lookup -> dst_neigh_output (layers/neighbour.c)
 *
 * Read before: layers/route.h (the dst an skb carries, dst_mtu) and
 * layers/raw.c or layers/icmp.c, which build datagrams with
 * ip_append_data() and send them with ip_push_pending_frames() here.
 * Read after: layers/neighbour.c (dst_neigh_output, ARP) and
 * layers/dev.c (dev_queue_xmit).
 *
 * TCP enters through ip_queue_xmit (the socket's cached route, or a
 * lookup that is then cached on the socket; the IP header with DF and
 * the socket's inet_id) and, for SYN-ACKs and RSTs that belong to no
 * connected socket, ip_build_and_send_pkt.
 *
 * A GSO skb skips the MTU check (its segments will fit: dev_hard_start_xmit
 * or the card cuts it).  UDP builds its datagrams here too, as pieces
 * that each fit the MTU (ip_make_skb -> __ip_append_data, __ip_make_skb),
 * so that ip_fragment only has to add their headers (its fast path).
 *
 * Left out: IP options, corking (UDP_CORK, MSG_MORE), UFO, xfrm,
 * multicast and broadcast output.
 */
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/netfilter.h"
#include "layers/neighbour.h"
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "layers/sock.h"
#include "events/ip.h"

#include <string.h>

static const char KSRC[] = "net/ipv4/ip_output.c";

/* include/linux/netdevice.h: qdisc return codes as an errno. */
static inline int
net_xmit_errno(int e)
{
	return e != NET_XMIT_CN ? -ENOBUFS : 0;
}

/**
 * ip_send_check - fill in the IP header checksum
 * @iph: a complete header (ihl words), checksum field ignored
 *
 * The checksum covers the header only [RFC 791 3.1]; it is zeroed first
 * so the sum does not include its own stale value.
 * NOTE: no tracepoint: the kernel's signature reaches no host (so no
 * trace), and every caller's own event shows the header it sealed.
 */
void
ip_send_check(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
}

/**
 * ip_select_ident - choose the IP ID of an outgoing datagram
 *
 * Every fragment of one datagram carries the same ID, and the receiver
 * groups fragments by (saddr, daddr, ID, protocol), so IDs must not repeat
 * quickly towards one destination.  netstep keeps one counter per host.
 *
 * KERNEL: 3.10 gives DF packets of unconnected sockets ID 0, uses the
 * socket's inet_id for connected ones, and otherwise a counter kept per
 * destination in the inet_peer cache (__ip_select_ident).
 */
__be16
ip_select_ident(struct net *net, const struct iphdr *iph)
{
	__be16 id = htons(net->ip_id);

	trace_ip_select_ident(net, iph);
	net->ip_id++;
	return id;
}

/**
 * __ip_local_out - finish the header and run the LOCAL_OUT hook
 * @skb: a datagram with a complete IP header and a route attached
 *
 * Returns 1 when the packet may go on (the caller then calls
 * dst_output), else the hook's verdict; in that case @skb is consumed.
 */
int
__ip_local_out(struct sk_buff *skb)
{
	struct iphdr *iph = ip_hdr(skb);

	trace___ip_local_out(skb);
	iph->tot_len = htons(skb->len);
	ip_send_check(iph);
	/* NOTE: only late 3.10 stable kernels set protocol here; ip_output does too. */
	skb->protocol = htons(ETH_P_IP);
	return nf_hook(NFPROTO_IPV4, NF_INET_LOCAL_OUT, skb, NULL, skb_dst(skb)->dev,
		       dst_output);
}

/**
 * ip_local_out - send a locally generated datagram
 * @skb: complete IP header, route attached (skb_dst)
 *
 * Consumes @skb.  Returns 0, a negative errno, or a positive NET_XMIT_*
 * code from the queueing layer.
 */
int
ip_local_out(struct sk_buff *skb)
{
	int err;

	trace_ip_local_out(skb);
	err = __ip_local_out(skb);
	if (likely(err == 1))
		err = dst_output(skb);
	return err;
}

/* ip_select_ttl: the socket's IP_TTL, else the default. */
static u8
ip_select_ttl(const struct inet_sock *inet)
{
	return inet->uc_ttl >= 0 ? (u8)inet->uc_ttl : IPDEFTTL;
}

/*
 * ip_select_ident_segs: a connected socket's DF packets take their ID
 * from inet_id (it counts per connection: @segs for a GSO skb, whose
 * segments get consecutive IDs); a DF packet of an unconnected socket
 * gets 0; others the host's counter.
 */
static void
sim_ip_select_ident_sk(struct net *net, struct iphdr *iph, struct sock *sk, int segs)
{
	if (iph->frag_off & htons(IP_DF)) {
		if (sk && sk->sk_daddr) {
			iph->id = htons(inet_sk(sk)->inet_id);
			inet_sk(sk)->inet_id += segs;
		} else {
			iph->id = 0;
		}
	} else {
		iph->id = ip_select_ident(net, iph);
	}
}

/**
 * ip_queue_xmit - TCP's way into IP (tcp_transmit_skb calls it)
 * @skb: TCP segment at skb->data, skb->sk set (the clone's owner)
 * @fl: the socket's flow (inet->cork.fl): addresses and ports
 *
 * Uses the route cached on the socket if it is still valid
 * (__sk_dst_check); else looks one up with ip_route_output_ports and
 * caches it (sk_setup_caps).  The route is attached without a reference
 * (skb_dst_set_noref, 3.10).  Then the IP header: DF from the socket's
 * PMTU discovery mode, TTL, the ID from inet_id.  Consumes @skb; returns
 * what ip_local_out returns, or -EHOSTUNREACH.
 */
int
ip_queue_xmit(struct sk_buff *skb, struct flowi4 *fl)
{
	struct sock *sk = skb->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct flowi4 *fl4 = fl;
	struct rtable *rt;
	struct iphdr *iph;

	trace_ip_queue_xmit(skb);
	rt = (struct rtable *)__sk_dst_check(sk, 0);
	if (!rt) {
		rt = ip_route_output_ports(net, fl4, sk, sk->sk_daddr, inet->inet_saddr,
					   sk->sk_dport, inet->inet_sport, sk->sk_protocol,
					   inet->tos, 0);
		if (IS_ERR(rt)) {
			trace_ip_no_route(skb, PTR_ERR(rt));
			kfree_skb(skb);
			return -EHOSTUNREACH;
		}
		sk_setup_caps(sk, &rt->dst);
	}
	skb_dst_set_noref(skb, &rt->dst);

	iph = (struct iphdr *)skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph->version = IPVERSION;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = inet->tos;
	iph->frag_off = ip_dont_fragment(sk) && !skb->local_df ? htons(IP_DF) : 0;
	iph->ttl = ip_select_ttl(inet);
	iph->protocol = sk->sk_protocol;
	iph->check = 0;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	sim_ip_select_ident_sk(net, iph, sk, skb_shinfo(skb)->gso_segs ?: 1);
	skb->priority = sk->sk_priority;
	IPCB(skb)->flags = 0;
	IPCB(skb)->pmtudisc = inet->pmtudisc;
	trace_ip_xmit_header(skb);
	return ip_local_out(skb);
}

/**
 * ip_build_and_send_pkt - the IP header for a segment that answers on a
 * listener's behalf (SYN-ACK) or on nobody's (RST to a closed port)
 * @skb: transport header at skb->data, route attached (skb_dst)
 * @sk: the listener, or NULL (KERNEL: the per-net TCP control socket)
 *
 * Consumes @skb; returns what ip_local_out returns.
 */
int
ip_build_and_send_pkt(struct sk_buff *skb, struct sock *sk, __be32 saddr, __be32 daddr)
{
	struct net *net = skb->host;
	struct iphdr *iph;
	int pmtudisc = sk ? inet_sk(sk)->pmtudisc : IP_PMTUDISC_WANT;

	trace_ip_build_and_send_pkt(skb, saddr, daddr);
	iph = (struct iphdr *)skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph->version = IPVERSION;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = sk ? inet_sk(sk)->tos : 0;
	iph->frag_off = (pmtudisc == IP_PMTUDISC_DO || pmtudisc == IP_PMTUDISC_WANT) ?
				htons(IP_DF) : 0;
	iph->ttl = sk ? ip_select_ttl(inet_sk(sk)) : IPDEFTTL;
	iph->protocol = IPPROTO_TCP;
	iph->check = 0;
	iph->saddr = saddr;
	iph->daddr = daddr;
	sim_ip_select_ident_sk(net, iph, sk, 1);
	if (sk)
		skb->priority = sk->sk_priority;
	IPCB(skb)->flags = 0;
	IPCB(skb)->pmtudisc = pmtudisc;
	return ip_local_out(skb);
}

/**
 * ip_send_skb - ip_local_out, with queueing codes turned into errnos
 *
 * Consumes @skb.  A congestion notification (NET_XMIT_CN) still means
 * the packet went out, so it is success; other positive codes mean the
 * qdisc dropped it (counted as an output discard).
 */
int
ip_send_skb(struct sk_buff *skb)
{
	struct net *net = skb->host;
	int err;

	trace_ip_send_skb(skb);
	err = ip_local_out(skb);
	if (err) {
		if (err > 0)
			err = net_xmit_errno(err);
		if (err)
			IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
	}
	return err;
}

/**
 * __ip_make_skb - turn the queued pieces of a datagram into one skb and
 * give it its IP header
 * @queue: the skbs __ip_append_data queued (data at the room left for
 *	the IP header, network and transport headers set); emptied
 * @fl4: the flow the route was looked up for (addresses, tos, protocol)
 * @rt: the route; attached without a reference
 * @pmtudisc: the sender's IP_MTU_DISCOVER mode
 *
 * The first skb carries the others on its frag_list (each pulled to its
 * payload: ip_fragment gives them their headers again), so a datagram
 * bigger than the MTU is already cut where ip_fragment will cut it.
 * The DF rule of 3.10: "do" always sets DF and forbids local
 * fragmentation; "want" sets DF only while the datagram fits the path
 * MTU, and a bigger one is fragmented here without DF; "dont" never sets
 * DF.  An ICMP message is counted here (icmp_out_count), whoever sent
 * it.  Returns the skb (at its IP header), or NULL for an empty queue.
 *
 * KERNEL: gives the skb the cork's route reference (skb_dst_set); TTL
 * comes from the socket or the route (ip_select_ttl), netstep always
 * uses IPDEFTTL.
 */
struct sk_buff *
__ip_make_skb(struct sk_buff_head *queue, struct flowi4 *fl4, struct rtable *rt, int pmtudisc)
{
	struct sk_buff *skb = skb_peek(queue), *tmp_skb, **tail_skb;
	struct iphdr *iph;
	__be16 df = 0;

	if (!skb)
		return NULL;
	trace___ip_make_skb(skb, pmtudisc, dst_mtu(&rt->dst), skb_queue_len(queue));
	__skb_unlink(skb, queue);
	tail_skb = &skb_shinfo(skb)->frag_list;
	while ((tmp_skb = __skb_dequeue(queue)) != NULL) {
		skb_pull(tmp_skb, skb_network_header_len(skb));
		*tail_skb = tmp_skb;
		tail_skb = &tmp_skb->next;
		skb->len += tmp_skb->len;
		skb->data_len += tmp_skb->len;
		skb->truesize += tmp_skb->truesize;
		/* The first skb is charged for all of them now. */
		if (tmp_skb->sk)
			sock_put(tmp_skb->sk);	/* NOTE: the reference sock_wfree would drop */
		tmp_skb->destructor = NULL;
		tmp_skb->sk = NULL;
	}
	if (!fl4->saddr)
		fl4->saddr = inet_select_addr(rt->dst.dev, fl4->daddr);
	iph = ip_hdr(skb);

	skb->local_df = pmtudisc < IP_PMTUDISC_DO;
	if (pmtudisc == IP_PMTUDISC_DO ||
	    (pmtudisc == IP_PMTUDISC_WANT && skb->len <= dst_mtu(&rt->dst)))
		df = htons(IP_DF);

	iph->version = IPVERSION;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = fl4->flowi4_tos;
	iph->tot_len = htons(skb->len);
	iph->frag_off = df;
	iph->ttl = IPDEFTTL;
	iph->protocol = fl4->flowi4_proto;
	iph->check = 0;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	iph->id = ip_select_ident(skb->host, iph);

	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	IPCB(skb)->pmtudisc = pmtudisc;
	skb_dst_set_noref(skb, &rt->dst);
	trace_ip_make_header(skb);
	if (iph->protocol == IPPROTO_ICMP)
		icmp_out_count(skb->host, icmp_hdr(skb)->type);
	return skb;
}

/**
 * ip_generic_getfrag - the getfrag of UDP: copy @len bytes of the user's
 * data, from @offset on, to @to
 * KERNEL: for CHECKSUM_NONE it also sums them into skb->csum (at @odd);
 * netstep's udp_send_skb sums the datagram when it is complete.
 */
int
ip_generic_getfrag(void *from, char *to, int offset, int len, int odd, struct sk_buff *skb)
{
	(void)odd;
	(void)skb;
	return memcpy_fromiovecend((unsigned char *)to, from, offset, len);
}

/*
 * sim_ip_append_page - the tail of __ip_append_data for a device with
 * scatter-gather: @copy more bytes go to the task's page frag and hang on
 * @skb as a frag (or grow its last one).  0 or -Exxx.
 * NOTE: inline in 3.10's __ip_append_data.
 */
static int
sim_ip_append_page(struct sock *sk, struct sk_buff *skb, sim_getfrag_t getfrag, void *from,
		   int offset, int *copy)
{
	struct page_frag *pfrag = sk_page_frag(sk);
	int i = skb_shinfo(skb)->nr_frags;

	if (!sk_page_frag_refill(sk, pfrag))
		return -ENOMEM;
	if (!skb_can_coalesce(skb, i, pfrag->page, pfrag->offset)) {
		if (i == MAX_SKB_FRAGS)
			return -EMSGSIZE;
		__skb_fill_page_desc(skb, i, pfrag->page, pfrag->offset, 0);
		skb_shinfo(skb)->nr_frags = ++i;
		get_page(pfrag->page);
	}
	*copy = min_t(int, *copy, pfrag->size - pfrag->offset);
	if (getfrag(from, (char *)page_address(pfrag->page) + pfrag->offset, offset, *copy,
		    skb->len, skb) < 0)
		return -EFAULT;
	pfrag->offset += *copy;
	skb_frag_size_add(&skb_shinfo(skb)->frags[i - 1], *copy);
	skb->len += *copy;
	skb->data_len += *copy;
	skb->truesize += *copy;
	sk->sk_wmem_alloc += *copy;
	return 0;
}

/*
 * sim_ip_append_alloc - the first half of __ip_append_data's loop: a new
 * skb for the next piece, @datalen bytes after the IP header's room
 * (the first also holds the @transhdrlen bytes of the transport header,
 * left for the caller).  NULL with *err set on failure.
 * NOTE: inline in 3.10's __ip_append_data.
 */
static struct sk_buff *
sim_ip_append_alloc(struct sock *sk, struct rtable *rt, unsigned int datalen,
		    int transhdrlen, int csummode, int *err)
{
	unsigned int fragheaderlen = sizeof(struct iphdr);
	unsigned int hh_len = LL_RESERVED_SPACE(rt->dst.dev);
	unsigned int fraglen = datalen + fragheaderlen;
	struct sk_buff *skb = NULL;

	/* sock_alloc_send_skb for the first piece (KERNEL: it sleeps while
	 * the send buffer is full), sock_wmalloc for the others. */
	if (transhdrlen ? sk->sk_wmem_alloc < sk->sk_sndbuf
			: sk->sk_wmem_alloc <= 2 * sk->sk_sndbuf)
		skb = alloc_skb(sock_net(sk), fraglen + hh_len + 15);
	if (!skb) {
		*err = transhdrlen ? -EAGAIN : -ENOBUFS;
		return NULL;
	}
	skb_set_owner_w(skb, sk);
	skb->ip_summed = csummode;
	skb->csum = 0;
	skb_reserve(skb, hh_len);
	skb_put(skb, fraglen);
	skb_set_network_header(skb, 0);
	skb->transport_header = skb->network_header + fragheaderlen;
	return skb;
}

/**
 * __ip_append_data - queue the @length bytes of a datagram (transport
 * header first: @transhdrlen bytes the caller fills later) as skbs that
 * each fit the MTU
 * @cork: the MTU the pieces are cut for (cork->fragsize) and what is
 *	queued already
 * @getfrag: copies the user's data (ip_generic_getfrag)
 *
 * Every piece but the last holds a multiple of 8 bytes of payload, as
 * ip_fragment would cut them, so that it only has to add the headers
 * (its fast path).  A few bytes that do not fill a piece but fit the MTU
 * are appended to the last one: into its tail room, or with
 * scatter-gather as a page frag.  A datagram beyond 64 KiB is refused
 * before anything is queued.  Returns 0 or -Exxx (what was queued stays
 * for the caller to free).
 *
 * KERNEL: no corking (UDP_CORK, MSG_MORE): each datagram is queued whole
 * in one call, so no piece is ever split across calls (fraggap); no UFO,
 * no IP options or extension headers.
 */
int
__ip_append_data(struct sock *sk, struct flowi4 *fl4, struct sk_buff_head *queue,
		 struct inet_cork *cork, sim_getfrag_t getfrag, void *from, int length,
		 int transhdrlen, unsigned int flags)
{
	struct rtable *rt = cork->rt;
	struct sk_buff *skb = skb_peek_tail(queue);
	unsigned int mtu = cork->fragsize;
	unsigned int fragheaderlen = sizeof(struct iphdr);
	unsigned int maxfraglen = ((mtu - fragheaderlen) & ~7) + fragheaderlen;
	int csummode = CHECKSUM_NONE, offset = 0, copy, err;

	trace___ip_append_data(sk, fl4, length, mtu);
	(void)flags;
	/* Only what no IP packet can hold is refused here: a datagram too
	 * big for DF (IP_PMTUDISC_DO) is built, and ip_fragment refuses it
	 * with an ICMP "fragmentation needed" to ourselves (3.13 moved that
	 * check here, as a local error). */
	if (cork->length + length > (int)(0xFFFF - fragheaderlen)) {
		/* KERNEL: ip_local_error queues the error for IP_RECVERR. */
		return -EMSGSIZE;
	}
	/* A datagram that fits: the device may sum it. */
	if (transhdrlen && length + fragheaderlen <= mtu &&
	    (rt->dst.dev->features & NETIF_F_V4_CSUM))
		csummode = CHECKSUM_PARTIAL;
	cork->length += length;
	while (length > 0) {
		copy = skb ? (int)(mtu - skb->len) : 0;
		if (skb && copy < length)
			copy = maxfraglen - skb->len;
		if (copy <= 0) {
			unsigned int datalen = length;

			if (datalen > mtu - fragheaderlen)
				datalen = maxfraglen - fragheaderlen;
			skb = sim_ip_append_alloc(sk, rt, datalen, transhdrlen, csummode, &err);
			if (!skb)
				goto error;
			copy = datalen - transhdrlen;
			if (copy > 0 &&
			    getfrag(from, (char *)skb_transport_header(skb) + transhdrlen, offset,
				    copy, 0, skb) < 0) {
				kfree_skb(skb);
				err = -EFAULT;
				goto error;
			}
			offset += copy;
			length -= datalen;
			transhdrlen = 0;
			csummode = CHECKSUM_NONE;
			__skb_queue_tail(queue, skb);
			continue;
		}
		if (copy > length)
			copy = length;
		if (!(rt->dst.dev->features & NETIF_F_SG)) {
			unsigned int off = skb->len;

			if (getfrag(from, (char *)skb_put(skb, copy), offset, copy, off, skb) < 0) {
				skb_trim(skb, off);
				err = -EFAULT;
				goto error;
			}
		} else {
			err = sim_ip_append_page(sk, skb, getfrag, from, offset, &copy);
			if (err)
				goto error;
		}
		offset += copy;
		length -= copy;
	}
	return 0;

error:
	cork->length -= length;
	IP_INC_STATS(sock_net(sk), IPSTATS_MIB_OUTDISCARDS);
	return err;
}

/**
 * ip_make_skb - a whole datagram at once, uncorked (udp_sendmsg):
 * __ip_append_data into a queue of its own, then __ip_make_skb
 * @rt: the route (the cork's; netstep keeps no reference)
 *
 * Returns the skb (IP header at skb->data, transport header to fill),
 * or ERR_PTR(-Exxx) with nothing left queued.
 */
struct sk_buff *
ip_make_skb(struct sock *sk, struct flowi4 *fl4, sim_getfrag_t getfrag, void *from, int length,
	    int transhdrlen, struct rtable *rt, unsigned int flags)
{
	struct inet_cork cork = { .rt = rt };
	struct sk_buff_head queue;
	int err;

	trace_ip_make_skb(sk, length);
	skb_queue_head_init(&queue);
	/* ip_setup_cork: the MTU the pieces are cut for */
	cork.fragsize = inet_sk(sk)->pmtudisc == IP_PMTUDISC_PROBE ? rt->dst.dev->mtu
								   : dst_mtu(&rt->dst);
	err = __ip_append_data(sk, fl4, &queue, &cork, getfrag, from, length, transhdrlen, flags);
	if (err) {
		__skb_queue_purge(&queue);	/* __ip_flush_pending_frames */
		return ERR_PTR(err);
	}
	return __ip_make_skb(&queue, fl4, rt, inet_sk(sk)->pmtudisc);
}

/**
 * ip_append_data - add @length bytes to the datagram @sk is building on
 * its write queue
 * @fl4: the flow the route was looked up for (addresses, protocol)
 * @getfrag: copies the payload (ip_generic_getfrag, icmp_glue_bits)
 * @transhdrlen: bytes of transport header at the front, left for the
 *	caller (0 for a raw socket: the user wrote every byte)
 * @rtp: the route; the first call of a datagram takes it over (the cork:
 *	*@rtp is cleared), with the MTU the pieces are cut for
 *
 * Nothing is sent: ip_push_pending_frames sends the datagram, or
 * ip_flush_pending_frames drops it.  0 or -Exxx.  MSG_PROBE queues
 * nothing at all.
 */
int
ip_append_data(struct sock *sk, struct flowi4 *fl4, sim_getfrag_t getfrag, void *from,
	       int length, int transhdrlen, struct rtable **rtp, unsigned int flags)
{
	struct inet_cork *cork = &inet_sk(sk)->cork.base;
	struct rtable *rt = *rtp;

	trace_ip_append_data(sk, fl4, length);
	if (flags & MSG_PROBE)
		return 0;
	if (skb_queue_empty(&sk->sk_write_queue)) {
		/* ip_setup_cork */
		if (unlikely(!rt))
			return -EFAULT;
		*rtp = NULL;
		cork->rt = rt;
		cork->fragsize = inet_sk(sk)->pmtudisc == IP_PMTUDISC_PROBE ?
				 rt->dst.dev->mtu : dst_mtu(&rt->dst);
		cork->length = 0;
	} else {
		transhdrlen = 0;
	}
	return __ip_append_data(sk, fl4, &sk->sk_write_queue, cork, getfrag, from, length,
				transhdrlen, flags);
}

/*
 * ip_finish_skb - the datagram @sk queued, made (include/net/ip.h):
 * __ip_make_skb of the socket's write queue, with its cork's route and
 * the socket's IP_MTU_DISCOVER mode.
 */
static inline struct sk_buff *
ip_finish_skb(struct sock *sk, struct flowi4 *fl4)
{
	static const char KSRC[] = "include/net/ip.h";
	struct inet_cork *cork = &inet_sk(sk)->cork.base;
	struct sk_buff *skb;

	trace_ip_finish_skb(sk);
	skb = __ip_make_skb(&sk->sk_write_queue, fl4, cork->rt, inet_sk(sk)->pmtudisc);
	cork->rt = NULL;		/* ip_cork_release */
	return skb;
}

/**
 * ip_push_pending_frames - make the datagram @sk queued and send it
 *
 * Returns 0 (also when nothing was queued) or a negative errno:
 * -EMSGSIZE when DF forbids fragmenting it, -ENOBUFS when the qdisc
 * dropped it, -EPERM for a netfilter DROP.
 */
int
ip_push_pending_frames(struct sock *sk, struct flowi4 *fl4)
{
	struct sk_buff *skb;

	trace_ip_push_pending_frames(sk, fl4);
	skb = ip_finish_skb(sk, fl4);
	if (!skb)
		return 0;
	/* Netfilter gets the whole datagram, not fragmented yet. */
	return ip_send_skb(skb);
}

/**
 * ip_flush_pending_frames - drop the datagram @sk was building (the
 * sender failed half-way)
 */
void
ip_flush_pending_frames(struct sock *sk)
{
	trace_ip_flush_pending_frames(sk);
	/* __ip_flush_pending_frames, then ip_cork_release */
	__skb_queue_purge(&sk->sk_write_queue);
	inet_sk(sk)->cork.base.rt = NULL;
}

/**
 * ip_finish_output2 - hand the packet to the neighbour of the next hop
 * @skb: a packet (or fragment) that fits the MTU
 *
 * The next hop is the route's gateway, or the destination itself when it
 * is on the link.  Its neighbour entry is found or created here; the
 * neighbour layer adds the Ethernet header once it knows the MAC, or
 * queues the packet while ARP asks.  Consumes @skb.
 */
static int
ip_finish_output2(struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);
	struct rtable *rt = (struct rtable *)dst;
	struct net_device *dev = dst->dev;
	struct net *net = dev_net(dev);
	unsigned int hh_len = LL_RESERVED_SPACE(dev);
	struct neighbour *neigh;
	__be32 nexthop;

	trace_ip_finish_output2(skb);

	/* Room for the link-layer header, so it can be pushed in place. */
	if (unlikely(skb_headroom(skb) < hh_len && dev->header_ops)) {
		struct sk_buff *skb2;

		trace_ip_headroom_realloc(skb, hh_len);
		skb2 = skb_realloc_headroom(skb, hh_len);
		if (!skb2) {
			IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
			kfree_skb(skb);
			return -ENOMEM;
		}
		if (skb->sk)
			skb_set_owner_w(skb2, skb->sk);
		consume_skb(skb);
		skb = skb2;
	}

	nexthop = rt_nexthop(rt, ip_hdr(skb)->daddr);
	neigh = __ipv4_neigh_lookup_noref(dev, (u32)nexthop);
	if (unlikely(!neigh))
		neigh = __neigh_create(net->arp_tbl, &nexthop, dev, false);
	if (neigh && !IS_ERR(neigh))
		return dst_neigh_output(dst, neigh, skb);

	/* "No header cache and no neighbour!" */
	trace_ip_drop(skb, "no_neighbour");
	IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
	kfree_skb(skb);
	return -EINVAL;
}

/* include/net/ip.h: a PROBE socket ignores the learned path MTU. */
static unsigned int
ip_skb_dst_mtu(const struct sk_buff *skb)
{
	if (IPCB(skb)->pmtudisc == IP_PMTUDISC_PROBE)
		return skb_dst(skb)->dev->mtu;
	return dst_mtu(skb_dst(skb));
}

/**
 * ip_finish_output - fragment if the packet is bigger than the MTU
 *
 * A GSO packet is not: its segments will each fit (the NIC, or
 * dev_hard_start_xmit in software, cuts it).  Consumes @skb.
 */
static int
ip_finish_output(struct sk_buff *skb)
{
	unsigned int mtu = ip_skb_dst_mtu(skb);

	trace_ip_finish_output(skb, mtu);
	if (skb->len > mtu && !skb_is_gso(skb))
		return ip_fragment(skb, ip_finish_output2);
	return ip_finish_output2(skb);
}

/**
 * ip_output - dst->output of every unicast route
 * @skb: IP packet, locally generated or forwarded
 *
 * Counts the packet, points it at the route's device and runs the
 * POST_ROUTING hook.  Consumes @skb.
 */
int
ip_output(struct sk_buff *skb)
{
	struct net_device *dev = skb_dst(skb)->dev;
	struct net *net = dev_net(dev);

	trace_ip_output(skb);
	IP_INC_STATS(net, IPSTATS_MIB_OUTPKTS);
	IP_ADD_STATS(net, IPSTATS_MIB_OUTOCTETS, skb->len);

	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	return NF_HOOK_COND(NFPROTO_IPV4, NF_INET_POST_ROUTING, skb, NULL, dev,
			    ip_finish_output, !(IPCB(skb)->flags & IPSKB_REROUTED));
}

/*
 * ip_copy_metadata - what a fragment inherits from the whole datagram:
 * device, protocol, priority, the IP control block and the route (with a
 * reference of its own if the original held one).
 */
static void
ip_copy_metadata(struct sk_buff *to, const struct sk_buff *from)
{
	struct dst_entry *dst = skb_dst(from);

	trace_ip_copy_metadata(to, from);
	__copy_skb_header(to, from);
	if (from->_skb_refdst & SKB_DST_NOREF) {
		skb_dst_set_noref(to, dst);
	} else if (dst) {
		dst_hold(dst);
		skb_dst_set(to, dst);
	}
	/* KERNEL: also tc_index, nf state, mark, secmark, skb_iif. */
}

/*
 * sim_ip_fragment_fast - ip_fragment's fast path: the datagram came with
 * its pieces on the frag_list, each already cut to size (ip_append_data):
 * the first one keeps the skb (shortened to its own data), each other
 * gets a copy of the header with its offset, MF, length and checksum,
 * and its own charge to the socket.  false (nothing changed) if the
 * geometry is not right; else true, with the result in *err.
 * NOTE: inline in 3.10's ip_fragment.
 */
static bool
sim_ip_fragment_fast(struct sk_buff *skb, unsigned int mtu, int (*output)(struct sk_buff *),
		     int *err)
{
	struct net *net = dev_net(skb_rtable(skb)->dst.dev);
	struct iphdr *iph = ip_hdr(skb);
	unsigned int hlen = iph->ihl * 4;
	unsigned int first_len = skb_pagelen(skb);
	struct sk_buff *frag, *frag2;
	int offset = 0;

	if (first_len - hlen > mtu || ((first_len - hlen) & 7) || ip_is_fragment(iph) ||
	    skb_cloned(skb)) {
		trace_ip_frag_path(skb, "slow", "first_piece");
		return false;
	}
	skb_walk_frags(skb, frag) {
		if (frag->len > mtu || ((frag->len & 7) && frag->next) ||
		    skb_headroom(frag) < hlen || skb_shared(frag))
			goto slow_path_clean;
		if (skb->sk) {
			frag->sk = skb->sk;
			frag->destructor = sock_wfree;
			sock_hold(skb->sk);	/* NOTE: each charged skb holds the sock */
		}
		skb->truesize -= frag->truesize;
	}
	trace_ip_frag_path(skb, "fast", "frag_list");
	frag = skb_shinfo(skb)->frag_list;
	skb_shinfo(skb)->frag_list = NULL;
	skb->data_len = first_len - skb_headlen(skb);
	skb->len = first_len;
	iph->tot_len = htons(first_len);
	iph->frag_off = htons(IP_MF);
	ip_send_check(iph);
	for (;;) {
		/* The next piece's header, before this one goes down. */
		if (frag) {
			frag->ip_summed = CHECKSUM_NONE;
			skb_reset_transport_header(frag);
			skb_push(frag, hlen);
			skb_reset_network_header(frag);
			memcpy(skb_network_header(frag), iph, hlen);
			iph = ip_hdr(frag);
			iph->tot_len = htons(frag->len);
			ip_copy_metadata(frag, skb);
			offset += skb->len - hlen;
			iph->frag_off = htons(offset >> 3);
			if (frag->next)
				iph->frag_off |= htons(IP_MF);
			ip_send_check(iph);
		}
		trace_ip_frag_created(skb);
		*err = output(skb);
		if (!*err)
			IP_INC_STATS(net, IPSTATS_MIB_FRAGCREATES);
		if (*err || !frag)
			break;
		skb = frag;
		frag = skb->next;
		skb->next = NULL;
	}
	if (!*err) {
		IP_INC_STATS(net, IPSTATS_MIB_FRAGOKS);
		return true;
	}
	kfree_skb_list(frag);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
	return true;

slow_path_clean:
	trace_ip_frag_path(skb, "slow", "piece_geometry");
	skb_walk_frags(skb, frag2) {
		if (frag2 == frag)
			break;
		if (frag2->sk)
			sock_put(frag2->sk);
		frag2->sk = NULL;
		frag2->destructor = NULL;
		skb->truesize += frag2->truesize;
	}
	return false;
}

/**
 * ip_fragment - cut a datagram into pieces that fit the route's MTU
 * @skb: the datagram, IP header at skb->data
 * @output: where each fragment goes (ip_finish_output2)
 *
 * Every fragment gets a copy of the header with its own offset (in 8-byte
 * units), total length and checksum; all but the last carry MF, and so
 * does the last if the datagram was itself a non-last fragment (a router
 * refragmenting).  Every piece but the last holds a multiple of 8 bytes.
 * A datagram a local socket built as a frag_list of such pieces only
 * needs the headers (the fast path); any other is copied piece by piece
 * (the slow path: forwarded packets, a frag_list cut for another MTU).
 *
 * DF set, and the sender did not allow local fragmentation: nothing is
 * sent, the sender hears ICMP "fragmentation needed" with the MTU, and
 * -EMSGSIZE is returned.  Consumes @skb in every case.
 *
 * KERNEL: IP options not marked "copied" are not blanked in later
 * fragments (ip_options_fragment).
 */
int
ip_fragment(struct sk_buff *skb, int (*output)(struct sk_buff *))
{
	struct iphdr *iph = ip_hdr(skb);
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = rt->dst.dev;
	struct net *net = dev_net(dev);
	unsigned int hlen = iph->ihl * 4;
	unsigned int mtu = dst_mtu(&rt->dst);
	unsigned int ll_rs = LL_RESERVED_SPACE(dev);
	unsigned int left, ptr, offset;
	bool not_last_frag;
	int err = 0;

	trace_ip_fragment(skb, mtu);

	if (unlikely((iph->frag_off & htons(IP_DF)) && !skb->local_df)) {
		trace_ip_drop_mtu(skb, "df_set", mtu);
		IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(ip_skb_dst_mtu(skb)));
		kfree_skb(skb);
		return -EMSGSIZE;
	}
	if (unlikely(mtu < hlen + 8)) {
		/* Not even 8 bytes of payload fit: there is no way to cut it. */
		trace_ip_drop_mtu(skb, "mtu_too_small", mtu);
		err = -EMSGSIZE;
		goto fail;
	}

	mtu -= hlen;			/* payload room per fragment */
	if (!skb_has_frag_list(skb))
		trace_ip_frag_path(skb, "slow", "no_frag_list");
	else if (sim_ip_fragment_fast(skb, mtu, output, &err))
		return err;
	/* The slow path: sum what the device was to sum, then copy. */
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		err = -EINVAL;
		goto fail;
	}
	left = skb->len - hlen;
	ptr = hlen;
	offset = (ntohs(iph->frag_off) & IP_OFFSET) << 3;
	not_last_frag = iph->frag_off & htons(IP_MF);

	while (left > 0) {
		unsigned int len = left;
		struct sk_buff *skb2;
		struct iphdr *iph2;

		if (len > mtu)
			len = mtu;
		if (len < left)		/* not the last: align to 8 bytes */
			len &= ~7U;

		skb2 = alloc_skb(net, len + hlen + ll_rs);
		if (!skb2) {
			err = -ENOMEM;
			goto fail;
		}
		ip_copy_metadata(skb2, skb);
		skb_reserve(skb2, ll_rs);
		skb_put(skb2, len + hlen);
		skb_reset_network_header(skb2);
		skb2->transport_header = skb2->network_header + hlen;

		memcpy(skb_network_header(skb2), skb_network_header(skb), hlen);
		/* The data may be in frags or on the frag_list. */
		err = skb_copy_bits(skb, ptr, skb_transport_header(skb2), len);
		if (err) {
			kfree_skb(skb2);
			goto fail;
		}
		left -= len;

		iph2 = ip_hdr(skb2);
		iph2->frag_off = htons(offset >> 3);
		if (left > 0 || not_last_frag)
			iph2->frag_off |= htons(IP_MF);
		iph2->tot_len = htons(len + hlen);
		ip_send_check(iph2);
		trace_ip_frag_created(skb2);
		ptr += len;
		offset += len;

		err = output(skb2);
		if (err)
			goto fail;
		IP_INC_STATS(net, IPSTATS_MIB_FRAGCREATES);
	}
	consume_skb(skb);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGOKS);
	return err;

fail:
	kfree_skb(skb);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
	return err;
}
