/*
 * layers/arp.c - ARP [RFC 826]: how an IPv4 host learns the MAC behind
 * a next-hop address, and answers when others ask for its own.
 *
 * Mirrors net/ipv4/arp.c (Linux 3.10).  Read layers/neighbour.c first:
 * it owns the entries and their NUD state machine and calls into this
 * file through the neigh_ops (arp_solicit to send a request,
 * arp_error_report when resolution fails) and the table constructor
 * (arp_constructor).  Receive side: layers/dev.c delivers ETH_P_ARP
 * frames to arp_rcv (registered here with dev_add_pack).  Read
 * layers/dev.c next: every ARP frame leaves through dev_queue_xmit.
 *
 * An ARP packet (28 bytes for IPv4 over Ethernet) after the 14-byte
 * Ethernet header:
 *
 *   ar_hrd=1 ar_pro=0x0800 ar_hln=6 ar_pln=4 ar_op=1|2
 *   sender MAC (6)  sender IP (4)  target MAC (6)  target IP (4)
 *
 * Left out: proxy ARP, arp_ignore/arp_announce/arp_filter/arp_accept
 * sysctls (all at their defaults 0), arptables (NF_ARP_IN/OUT), the
 * /proc/net/arp file, `ip neigh add`, non-Ethernet hardware types.
 */
#include "layers/arp.h"
#include "layers/neighbour.h"
#include "layers/route.h"
#include "layers/ip.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/neigh.h"

#include <string.h>

static const char KSRC[] = "net/ipv4/arp.c";

static void arp_solicit(struct neighbour *neigh, struct sk_buff *skb);
static void arp_error_report(struct neighbour *neigh, struct sk_buff *skb);
static int arp_constructor(struct neighbour *neigh);
static int arp_process(struct sk_buff *skb);

/* Devices without a header cache (none in netstep, kept for the shape). */
static const struct neigh_ops arp_generic_ops = {
	.family = AF_INET,
	.solicit = arp_solicit,
	.error_report = arp_error_report,
	.output = neigh_resolve_output,
	.connected_output = neigh_connected_output,
};

/* Ethernet: both paths resolve; confirmed entries bypass them through
 * the header cache in dst_neigh_output. */
static const struct neigh_ops arp_hh_ops = {
	.family = AF_INET,
	.solicit = arp_solicit,
	.error_report = arp_error_report,
	.output = neigh_resolve_output,
	.connected_output = neigh_resolve_output,
};

/* Devices without link-layer headers: nothing to resolve. */
static const struct neigh_ops arp_direct_ops = {
	.family = AF_INET,
	.output = neigh_direct_output,
	.connected_output = neigh_direct_output,
};

u32
arp_hashfn(u32 key, const struct net_device *dev, u32 hash_rnd)
{
	/* KERNEL: mixes in a hash of the device pointer; the ifindex keeps
	 * bucket order the same run after run. */
	return (key ^ (u32)dev->ifindex) * hash_rnd;
}

static u32
arp_hash(const void *pkey, const struct net_device *dev, u32 hash_rnd)
{
	u32 key;

	memcpy(&key, pkey, sizeof(key));
	return arp_hashfn(key, dev, hash_rnd);
}

/* The 3.10 arp_tbl defaults (arp.c:160); times in jiffies (ms). */
static const struct neigh_table arp_tbl = {
	.family = AF_INET,
	.key_len = 4,
	.hash = arp_hash,
	.constructor = arp_constructor,
	.id = "arp_cache",
	.parms = {
		.base_reachable_time = 30 * HZ,
		.retrans_time = 1 * HZ,
		.delay_probe_time = 5 * HZ,
		.gc_staletime = 60 * HZ,
		.queue_len_bytes = 64 * 1024,
		.ucast_probes = 3,
		.mcast_probes = 3,
		.app_probes = 0,
		.locktime = 1 * HZ,
	},
	.gc_thresh1 = 128,
	.gc_thresh2 = 512,
	.gc_thresh3 = 1024,
};

/**
 * arp_mc_map - the MAC an IPv4 multicast or broadcast address maps to
 * @addr: IPv4 address
 * @haddr: out, ETH_ALEN bytes
 * @dev: device
 * @dir: unused (kernel: direction for InfiniBand)
 *
 * 224.x.y.z -> 01:00:5e + the low 23 bits [RFC 1112 6.4].  0 or -EINVAL.
 */
int
arp_mc_map(__be32 addr, u8 *haddr, struct net_device *dev, int dir)
{
	u32 a = ntohl(addr);

	trace_arp_mc_map(addr, dev);
	(void)dir;
	if (dev->type != ARPHRD_ETHER)
		return -EINVAL;
	haddr[0] = 0x01;
	haddr[1] = 0x00;
	haddr[2] = 0x5e;
	haddr[3] = (a >> 16) & 0x7f;
	haddr[4] = (a >> 8) & 0xff;
	haddr[5] = a & 0xff;
	return 0;
}

/*
 * arp_constructor - protocol setup of a new entry (tbl->constructor)
 *
 * Decides whether the address needs resolving at all: multicast and
 * broadcast map to a fixed MAC (NUD_NOARP), everything else starts
 * NONE with the resolving ops.
 */
static int
arp_constructor(struct neighbour *neigh)
{
	__be32 addr = neigh->primary_key;
	struct net_device *dev = neigh->dev;
	struct net *net = dev_net(dev);

	trace_arp_constructor(neigh);
	neigh->type = inet_addr_type(net, addr);
	/* NOTE: the kernel's inet_addr_type classifies these itself. */
	if (ipv4_is_lbcast(addr))
		neigh->type = RTN_BROADCAST;
	else if (ipv4_is_multicast(addr))
		neigh->type = RTN_MULTICAST;
	/* KERNEL: neigh->parms = neigh_parms_clone(in_dev->arp_parms). */

	if (!dev->header_ops) {
		sim_neigh_set_state(neigh, NUD_NOARP);
		neigh->ops = &arp_direct_ops;
		neigh->output = neigh_direct_output;
		return 0;
	}
	if (neigh->type == RTN_MULTICAST) {
		sim_neigh_set_state(neigh, NUD_NOARP);
		arp_mc_map(addr, neigh->ha, dev, 1);
	} else if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
		sim_neigh_set_state(neigh, NUD_NOARP);
		memcpy(neigh->ha, dev->dev_addr, dev->addr_len);
	} else if (neigh->type == RTN_BROADCAST) {
		sim_neigh_set_state(neigh, NUD_NOARP);
		memcpy(neigh->ha, dev->broadcast, dev->addr_len);
	}
	neigh->ops = dev->header_ops->cache ? &arp_hh_ops : &arp_generic_ops;
	neigh->output = (neigh->nud_state & NUD_VALID) ? neigh->ops->connected_output :
							   neigh->ops->output;
	return 0;
}

/*
 * arp_error_report - resolution failed for a queued packet (ops->error_report)
 *
 * Consumes @skb.  The sender hears "host unreachable", as
 * dst_link_failure -> ipv4_link_failure -> icmp_send does.
 */
static void
arp_error_report(struct neighbour *neigh, struct sk_buff *skb)
{
	trace_arp_error_report(neigh, skb);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	/* Accounted as ArpResFailed (once per entry) and the ICMP sent. */
	kfree_skb(skb);
}

/*
 * arp_solicit - send one ARP request for @neigh (ops->solicit)
 * @skb: newest packet waiting for the answer, or NULL; not consumed
 *
 * While probes < ucast_probes (PROBE state) the request goes unicast to
 * the MAC we already have; from there on (INCOMPLETE starts at
 * ucast_probes) it is broadcast.  The sender IP is the waiting packet's
 * source when that is ours, else the device's address for the target.
 */
static void
arp_solicit(struct neighbour *neigh, struct sk_buff *skb)
{
	struct net_device *dev = neigh->dev;
	struct net *net = dev_net(dev);
	__be32 target = neigh->primary_key;
	const u8 *dst_hw = NULL;
	int probes = neigh->probes;
	__be32 saddr = 0;

	trace_arp_solicit(neigh, skb);
	/* arp_announce 0: any local source address will do. */
	if (skb && skb->len >= sizeof(struct iphdr) &&
	    inet_addr_type(net, ip_hdr(skb)->saddr) == RTN_LOCAL)
		saddr = ip_hdr(skb)->saddr;
	if (!saddr)
		saddr = inet_select_addr(dev, target);

	probes -= neigh->parms->ucast_probes;
	if (probes < 0) {
		dst_hw = neigh->ha;	/* re-validate the MAC we have */
	} else {
		probes -= neigh->parms->app_probes;
		if (probes < 0) {
			/* KERNEL: neigh_app_ns asks a user-space daemon (arpd). */
			return;
		}
	}
	trace_arp_solicit_mode(net, skb, dst_hw, saddr);
	arp_send(ARPOP_REQUEST, ETH_P_ARP, target, dev, saddr, dst_hw, dev->dev_addr, NULL);
}

/**
 * arp_create - build an ARP packet with its Ethernet header
 * @type: ARPOP_REQUEST or ARPOP_REPLY
 * @ptype: EtherType for the Ethernet header (ETH_P_ARP)
 * @dest_ip: target IP
 * @dev: device to send on
 * @src_ip: sender IP
 * @dest_hw: Ethernet destination, NULL for broadcast
 * @src_hw: sender MAC, NULL for dev->dev_addr
 * @target_hw: target MAC in the ARP body, NULL for zeros (a request)
 *
 * Returns a new skb owned by the caller (42 bytes for Ethernet), or NULL.
 */
struct sk_buff *
arp_create(int type, int ptype, __be32 dest_ip, struct net_device *dev, __be32 src_ip,
	   const unsigned char *dest_hw, const unsigned char *src_hw,
	   const unsigned char *target_hw)
{
	int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	struct arphdr *arp;
	unsigned char *arp_ptr;

	trace_arp_create(type, dev, src_ip, dest_ip, dest_hw);
	skb = alloc_skb(dev_net(dev), arp_hdr_len(dev) + hlen);
	if (!skb)
		return NULL;
	skb_reserve(skb, hlen);
	skb_reset_network_header(skb);
	arp = (struct arphdr *)skb_put(skb, arp_hdr_len(dev));
	skb->dev = dev;
	skb->protocol = htons(ETH_P_ARP);
	if (!src_hw)
		src_hw = dev->dev_addr;
	if (!dest_hw)
		dest_hw = dev->broadcast;

	if (dev_hard_header(skb, dev, ptype, dest_hw, src_hw, skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}

	arp->ar_hrd = htons(dev->type);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = dev->addr_len;
	arp->ar_pln = 4;
	arp->ar_op = htons(type);

	arp_ptr = (unsigned char *)(arp + 1);
	memcpy(arp_ptr, src_hw, dev->addr_len);
	arp_ptr += dev->addr_len;
	memcpy(arp_ptr, &src_ip, 4);
	arp_ptr += 4;
	if (target_hw)
		memcpy(arp_ptr, target_hw, dev->addr_len);
	else
		memset(arp_ptr, 0, dev->addr_len);
	arp_ptr += dev->addr_len;
	memcpy(arp_ptr, &dest_ip, 4);
	return skb;
}

/**
 * arp_xmit - send an ARP packet built by arp_create
 * @skb: consumed
 */
void
arp_xmit(struct sk_buff *skb)
{
	trace_arp_xmit(skb);
	/* KERNEL: passes NF_HOOK(NFPROTO_ARP, NF_ARP_OUT) (arptables) first. */
	dev_queue_xmit(skb);
}

/**
 * arp_send - create and send an ARP packet (see arp_create for the args)
 */
void
arp_send(int type, int ptype, __be32 dest_ip, struct net_device *dev, __be32 src_ip,
	 const unsigned char *dest_hw, const unsigned char *src_hw,
	 const unsigned char *target_hw)
{
	struct sk_buff *skb;

	trace_arp_send(type, dev, dest_ip);
	if (dev->flags & IFF_NOARP)
		return;
	skb = arp_create(type, ptype, dest_ip, dev, src_ip, dest_hw, src_hw, target_hw);
	if (!skb)
		return;
	arp_xmit(skb);
}

static bool
sim_ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

/*
 * arp_process - act on a validated ARP packet
 * @skb: consumed
 *
 * A request for one of our addresses: note the asker (STALE) and reply.
 * Any packet from a sender we already have an entry for refreshes it:
 * REACHABLE for a reply sent to us (it answers our probe), STALE
 * otherwise.  Unknown senders get no entry (arp_accept = 0).
 */
static int
arp_process(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct net *net = dev_net(dev);
	struct arphdr *arp = arp_hdr(skb);
	unsigned char *arp_ptr, *sha;
	__be32 sip, tip;
	u16 op = ntohs(arp->ar_op);
	struct neighbour *n;

	trace_arp_process(net, skb, op);
	/* KERNEL: other hardware types (AX.25, IEEE 1394 ...) accepted too. */
	if (arp->ar_hrd != htons(ARPHRD_ETHER) || arp->ar_pro != htons(ETH_P_IP) ||
	    (op != ARPOP_REQUEST && op != ARPOP_REPLY)) {
		NET_INC_STATS(net, SIM_MIB_ARP_BADHDR);
		trace_arp_bad_header(net, skb, arp, op);
		goto out_drop;
	}

	arp_ptr = (unsigned char *)(arp + 1);
	sha = arp_ptr;
	arp_ptr += dev->addr_len;
	memcpy(&sip, arp_ptr, 4);
	arp_ptr += 4 + dev->addr_len;	/* skip the target MAC */
	memcpy(&tip, arp_ptr, 4);
	trace_arp_packet(net, skb, op, sip, sha, tip);

	/* Nobody may ask for a multicast or loopback address. */
	if (ipv4_is_multicast(tip) || sim_ipv4_is_loopback(tip)) {
		NET_INC_STATS(net, SIM_MIB_ARP_NOTFORUS);
		trace_arp_bad_target(net, skb, "bogus_target", tip);
		goto out_drop;
	}

	/* Duplicate address detection probe [RFC 2131]: sender 0.0.0.0. */
	if (sip == 0) {
		if (op == ARPOP_REQUEST && inet_addr_type(net, tip) == RTN_LOCAL)
			arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev->dev_addr, sha);
		goto out;
	}

	/* KERNEL: routes tip with ip_route_input_noref; RTN_LOCAL is ours,
	 * anything else may be answered by proxy ARP (not modelled). */
	if (op == ARPOP_REQUEST) {
		if (inet_addr_type(net, tip) == RTN_LOCAL) {
			n = neigh_event_ns(net->arp_tbl, sha, &sip, dev);
			if (n) {
				arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha,
					 dev->dev_addr, sha);
				neigh_release(n);
			}
			goto out;
		}
		/* Overheard: may still refresh the asker's entry below. */
		NET_INC_STATS(net, SIM_MIB_ARP_NOTFORUS);
		trace_arp_bad_target(net, skb, "not_for_us", tip);
	}

	/* Update our ARP tables; unsolicited packets create nothing. */
	n = __neigh_lookup(net->arp_tbl, &sip, dev, 0);
	if (n) {
		/* Several replies back to back: the first one wins. */
		int override = time_after(sim_host_jiffies(net), n->updated + n->parms->locktime);
		int state = NUD_REACHABLE;

		/* Requests and broadcast replies prove nothing about reachability. */
		if (op != ARPOP_REPLY || skb->pkt_type != PACKET_HOST)
			state = NUD_STALE;
		neigh_update(n, sha, state, override ? NEIGH_UPDATE_F_OVERRIDE : 0);
		neigh_release(n);
	}
out:
	consume_skb(skb);
	return 0;
out_drop:
	kfree_skb(skb);
	return 0;
}

/**
 * arp_rcv - ETH_P_ARP handler (arp_packet_type.func)
 * @skb: received packet, data at the ARP header; consumed
 * @dev: device it came in on
 * @pt: our packet_type
 * @orig_dev: same as @dev (no bonding)
 *
 * Drops (and counts) frames for other hosts, truncated packets and
 * address lengths other than 6/4 before arp_process reads anything.
 */
int
arp_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	struct net_device *orig_dev)
{
	struct net *net = dev_net(dev);
	const struct arphdr *arp;

	trace_arp_rcv(net, skb, dev);
	(void)pt;
	(void)orig_dev;
	if ((dev->flags & IFF_NOARP) || skb->pkt_type == PACKET_OTHERHOST) {
		NET_INC_STATS(net, SIM_MIB_ARP_NOTFORUS);
		trace_arp_drop(net, skb, "other_host");
		goto freeskb;
	}
	/* KERNEL: skb_share_check() first; our skbs arrive unshared. */
	/* ARP header, plus 2 device addresses, plus 2 IP addresses, in the
	 * linear part (a long ARP frame from igb has them in a page frag). */
	if (!pskb_may_pull(skb, arp_hdr_len(dev))) {
		NET_INC_STATS(net, SIM_MIB_ARP_BADLEN);
		trace_arp_truncated(net, skb, arp_hdr_len(dev));
		goto freeskb;
	}
	/* NOTE: __netif_receive_skb resets it too; arp_hdr() relies on it. */
	skb_reset_network_header(skb);
	arp = arp_hdr(skb);
	if (arp->ar_hln != dev->addr_len || arp->ar_pln != 4) {
		NET_INC_STATS(net, SIM_MIB_ARP_BADHDR);
		trace_arp_bad_addr_len(net, skb, arp);
		goto freeskb;
	}
	/* KERNEL: NF_HOOK(NFPROTO_ARP, NF_ARP_IN, ..., arp_process). */
	return arp_process(skb);

freeskb:
	kfree_skb(skb);
	return 0;
}

/**
 * arp_ifdown - @dev went down: drop its ARP entries and their queues
 *
 * Called on NETDEV_DOWN (fib_disable_ip in the kernel).
 */
void
arp_ifdown(struct net_device *dev)
{
	trace_arp_ifdown(dev);
	neigh_ifdown(dev_net(dev)->arp_tbl, dev);
}

/**
 * arp_init - per-host ARP setup (the kernel's arp_init at boot)
 * @net: host
 *
 * Creates net->arp_tbl from the arp_tbl defaults and registers the
 * ETH_P_ARP receive handler.
 */
void
arp_init(struct net *net)
{
	struct packet_type *pt;

	trace_arp_init(net);
	if (neigh_table_init(net, &arp_tbl) < 0)
		return;
	pt = &net->arp_tbl->ptype;
	pt->type = htons(ETH_P_ARP);
	pt->func = arp_rcv;
	INIT_LIST_HEAD(&pt->list);
	dev_add_pack(net, pt);
}

/**
 * sim_arp_exit - undo arp_init: unregister the handler, free the table
 * (queued packets dropped, timers cancelled).
 */
void
sim_arp_exit(struct net *net)
{
	trace_sim_arp_exit(net);
	if (!net->arp_tbl)
		return;
	if (net->arp_tbl->ptype.list.next)
		dev_remove_pack(net, &net->arp_tbl->ptype);
	neigh_table_clear(net);
}
