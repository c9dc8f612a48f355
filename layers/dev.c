/*
 * layers/dev.c - the device layer: where a packet meets a network
 * device, on the way out (dev_queue_xmit, the qdisc, the driver) and on
 * the way in (NAPI polling, netif_receive_skb, the protocol handlers).
 *
 * Mirrors net/core/dev.c and the TX queue choice of
 * net/core/flow_dissector.c (Linux 3.10).  Read the neighbour layer
 * (layers/neighbour.c, which calls dev_queue_xmit with a finished
 * Ethernet frame) and layers/eth.c before this file; read
 * layers/sch_generic.c (the qdisc) and nic/igb_main.c (the driver behind
 * ndo_start_xmit) after it.
 *
 * Transmit: dev_queue_xmit -> netdev_pick_tx (which TX queue) ->
 * __dev_xmit_skb (bypass an idle pfifo_fast, or enqueue and __qdisc_run)
 * -> sch_direct_xmit -> dev_hard_start_xmit -> ndo_start_xmit.  Work the
 * qdisc could not finish (quota used up, driver busy, queue woken later)
 * goes on the softnet output_queue and NET_TX_SOFTIRQ (net_tx_action)
 * finishes it.
 *
 * Receive: the driver's interrupt calls napi_schedule; NET_RX_SOFTIRQ
 * (net_rx_action) calls the driver's poll with a weight of 64 within a
 * budget of 300; the driver hands each frame to napi_gro_receive (GRO,
 * layers/gro.c, may merge it with others of its TCP flow) ->
 * netif_receive_skb, which finds the packet_type for skb->protocol
 * (ip_rcv, arp_rcv).  napi_complete sends what GRO still holds up.
 * A device with no NAPI of its own, the loopback device, calls netif_rx
 * instead: the frame waits on the CPU's backlog, whose NAPI poll
 * (process_backlog) delivers it from NET_RX_SOFTIRQ, past GRO.
 *
 * Features (layers/netdev_features.h): what the driver offers
 * (hw_features) and what the user wants (ethtool -K) pass the rules of
 * netdev_fix_features before they become dev->features.  When the
 * device cannot do what an skb needs, dev_hard_start_xmit does it in
 * software first: a GSO skb is cut into segments (dev_gso_segment ->
 * skb_gso_segment, layers/gso.c), frags are copied into the linear part
 * for a device without scatter-gather, and a checksum left to the
 * device (CHECKSUM_PARTIAL) is computed by skb_checksum_help.
 *
 * Taps: a packet_type for ETH_P_ALL (tcpdump's packet socket,
 * sim/af_packet.c) sits on ptype_all.  dev_hard_start_xmit gives it a
 * clone of each frame it hands the driver (dev_queue_xmit_nit: after
 * software GSO, each segment), and __netif_receive_skb_core gives it
 * each received packet, with one more reference, before the protocol
 * handler (deliver_skb).  So tcpdump on a host sees what the stack gives
 * the driver and what GRO gives the stack, not the wire: a GRO'd packet
 * is one big one there, and once the card segments (TSO), the two
 * differ on the way out too.
 *
 * Left out: RPS/RFS, rx_handler
 * (bridge, macvlan), VLAN, netpoll, notifier chains other than NETDEV_DOWN (no
 * NETDEV_FEAT_CHANGE), the xmit recursion counter, carrier state (a
 * device that is up has carrier), unregister_netdevice.
 */
#include "layers/netdevice.h"
#include "layers/sch_generic.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/net.h"
#include "events/offload.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/core/dev.c";

/* net/core/dev.c sysctls (net.core.*), fixed here. */
#define SIM_NETDEV_BUDGET	300	/* netdev_budget: packets per NET_RX run */
#define SIM_NETDEV_MTU_MAX	9000	/* netstep's upper bound for dev_set_mtu */

/* ---- registering devices ------------------------------------------------- */

/**
 * alloc_netdev_mqs - allocate a net_device with @txqs TX queues
 * @sizeof_priv: bytes of driver private data (netdev_priv), zeroed
 * @setup: fills in the device's kind (ether_setup, loopback_setup)
 *
 * One block holds the device and the private area, as in the kernel.
 * Returns NULL on allocation failure.  KERNEL: 3.10 also sizes the RX
 * queues (@rxqs, for RPS); netstep has none.
 */
struct net_device *
alloc_netdev_mqs(struct net *net, size_t sizeof_priv, const char *name,
		 void (*setup)(struct net_device *), unsigned int txqs)
{
	size_t alloc = ALIGN(sizeof(struct net_device), 32) + sizeof_priv;
	struct net_device *dev;

	trace_alloc_netdev_mqs(net, name, txqs, sizeof_priv);
	if (txqs < 1)
		return NULL;
	dev = calloc(1, alloc);
	if (!dev)
		return NULL;
	dev->_tx = calloc(txqs, sizeof(dev->_tx[0]));
	if (!dev->_tx) {
		free(dev);
		return NULL;
	}
	for (unsigned int i = 0; i < txqs; i++) {
		dev->_tx[i].dev = dev;
		dev->_tx[i].index = i;
	}
	dev->num_tx_queues = txqs;
	dev->real_num_tx_queues = txqs;
	dev->nd_net = net;
	dev->priv = (char *)dev + ALIGN(sizeof(struct net_device), 32);
	dev->xps_queue = -1;		/* no XPS map configured */
	dev->gso_max_size = GSO_MAX_SIZE;
	dev->gso_max_segs = GSO_MAX_SEGS;
	/* Most devices have no use for the route once the frame is built. */
	dev->priv_flags = IFF_XMIT_DST_RELEASE;
	snprintf(dev->name, sizeof(dev->name), "%s", name);
	setup(dev);
	return dev;
}

/**
 * alloc_etherdev_mq - an Ethernet net_device (ether_setup) with @txqs
 * TX queues and @sizeof_priv bytes of driver data.  NULL on failure.
 */
struct net_device *
alloc_etherdev_mq(struct net *net, const char *name, unsigned int txqs,
		  size_t sizeof_priv)
{
	trace_alloc_etherdev_mq(net, name, txqs, sizeof_priv);
	return alloc_netdev_mqs(net, sizeof_priv, name, ether_setup, txqs);
}

/**
 * netif_set_real_num_tx_queues - how many of @dev's TX queues the driver
 * uses (netdev_pick_tx picks among them); the others keep their qdiscs,
 * emptied.  0, or -EINVAL for 0 or more than were allocated.
 */
int
netif_set_real_num_tx_queues(struct net_device *dev, unsigned int txq)
{
	trace_netif_set_real_num_tx_queues(dev, txq);
	if (txq < 1 || txq > dev->num_tx_queues)
		return -EINVAL;
	/* qdisc_reset_all_tx_gt: what waited on a queue no longer used */
	for (unsigned int i = txq; i < dev->real_num_tx_queues; i++)
		if (netdev_get_tx_queue(dev, i)->qdisc)
			qdisc_reset(netdev_get_tx_queue(dev, i)->qdisc);
	dev->real_num_tx_queues = txq;
	return 0;
}

/**
 * register_netdev - give @dev an ifindex, list it in its host and attach
 * the default qdiscs (pfifo_fast, or mq + pfifo_fast per queue).
 *
 * The features the driver set become the user's wish, GSO and GRO are
 * added (software, any device can), and the rules are applied
 * (__netdev_update_features).  0, -EEXIST (name taken) or -ENOSPC (host
 * full).  The device stays down until dev_open.
 */
int
register_netdev(struct net_device *dev)
{
	struct net *net = dev_net(dev);

	trace_register_netdev(dev);
	if (dev_get_by_name(net, dev->name))
		return -EEXIST;
	/* dev_new_index: lo, registered first, is 1 (LOOPBACK_IFINDEX);
	 * the others follow it in order. */
	if (dev->flags & IFF_LOOPBACK) {
		if (net->loopback_dev)
			return -EEXIST;
		dev->ifindex = LOOPBACK_IFINDEX;
	} else {
		if (net->ndevs >= HOST_MAX_DEVS)
			return -ENOSPC;
		dev->ifindex = net->ndevs + LOOPBACK_IFINDEX + 1;
		net->devs[net->ndevs++] = dev;
	}
	dev->hw_features |= NETIF_F_SOFT_FEATURES;
	dev->features |= NETIF_F_SOFT_FEATURES;
	dev->wanted_features = dev->features & dev->hw_features;
	/* Copying without caching only pays when the card sums the data. */
	if (!(dev->flags & IFF_LOOPBACK)) {
		dev->hw_features |= NETIF_F_NOCACHE_COPY;
		if (dev->features & NETIF_F_ALL_CSUM) {
			dev->wanted_features |= NETIF_F_NOCACHE_COPY;
			dev->features |= NETIF_F_NOCACHE_COPY;
		}
	}
	__netdev_update_features(dev);
	dev_init_scheduler(dev);
	return 0;
}

/* ---- features ---------------------------------------------------------------- */

void
sim_netdev_features_print(struct trace_buf *b, const void *p)
{
	static const char *const name[NETDEV_FEATURE_COUNT] = {
		"SG", "IP_CSUM", "", "HW_CSUM", "IPV6_CSUM", "HIGHDMA", "FRAGLIST",
		"HW_VLAN_CTAG_TX", "HW_VLAN_CTAG_RX", "HW_VLAN_CTAG_FILTER",
		"VLAN_CHALLENGED", "GSO", "LLTX", "NETNS_LOCAL", "GRO", "LRO",
		"TSO", "UFO", "GSO_ROBUST", "TSO_ECN", "TSO6", "FSO", "GSO_GRE",
		"GSO_UDP_TUNNEL", "FCOE_CRC", "SCTP_CSUM", "FCOE_MTU", "NTUPLE",
		"RXHASH", "RXCSUM", "NOCACHE_COPY", "LOOPBACK", "RXFCS", "RXALL",
		"HW_VLAN_STAG_TX", "HW_VLAN_STAG_RX", "HW_VLAN_STAG_FILTER",
	};
	netdev_features_t f;
	bool first = true;

	memcpy(&f, p, sizeof(f));
	for (int i = 0; i < NETDEV_FEATURE_COUNT; i++) {
		if (!(f & __NETIF_F_BIT(i)))
			continue;
		if (!first)
			trace_buf_putc(b, '|');
		trace_buf_puts(b, name[i]);
		first = false;
	}
	if (first)
		trace_buf_putc(b, '-');
}

/* netdev_dbg / netdev_warn of netdev_fix_features: the kernel's words. */
static netdev_features_t
sim_feature_drop(struct net_device *dev, netdev_features_t features,
		 netdev_features_t drop, const char *msg)
{
	trace_netdev_feature_dropped(dev, features & drop, msg);
	return features & ~drop;
}

/*
 * netdev_fix_features - the rules every device's features obey:
 * checksums either generic or per protocol, TSO only with scatter-gather
 * and checksumming (the device must sum each segment it cuts), software
 * GSO only with scatter-gather (its segments share the frags).
 * Returns @features with what breaks a rule removed; each removal is
 * noted with the kernel's message.
 */
static netdev_features_t
netdev_fix_features(struct net_device *dev, netdev_features_t features)
{
	trace_netdev_fix_features(dev, features);
	if ((features & NETIF_F_HW_CSUM) && (features & (NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM)))
		features = sim_feature_drop(dev, features, NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM,
					    "mixed HW and IP checksum settings.");
	if ((features & NETIF_F_ALL_TSO) && !(features & NETIF_F_SG))
		features = sim_feature_drop(dev, features, NETIF_F_ALL_TSO,
					    "Dropping TSO features since no SG feature.");
	if ((features & NETIF_F_TSO) && !(features & NETIF_F_HW_CSUM) &&
	    !(features & NETIF_F_IP_CSUM))
		features = sim_feature_drop(dev, features, NETIF_F_TSO | NETIF_F_TSO_ECN,
					    "Dropping TSO features since no CSUM feature.");
	if ((features & NETIF_F_TSO6) && !(features & NETIF_F_HW_CSUM) &&
	    !(features & NETIF_F_IPV6_CSUM))
		features = sim_feature_drop(dev, features, NETIF_F_TSO6,
					    "Dropping TSO6 features since no CSUM feature.");
	/* TSO_ECN is a property of TSO: alone it means nothing. */
	if ((features & NETIF_F_ALL_TSO) == NETIF_F_TSO_ECN)
		features &= ~NETIF_F_TSO_ECN;
	if ((features & NETIF_F_GSO) && !(features & NETIF_F_SG))
		features = sim_feature_drop(dev, features, NETIF_F_GSO,
					    "Dropping NETIF_F_GSO since no SG feature.");
	if ((features & NETIF_F_UFO) &&
	    !((features & NETIF_F_GEN_CSUM) ||
	      (features & (NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM)) ==
		      (NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM)))
		features = sim_feature_drop(dev, features, NETIF_F_UFO,
					    "Dropping NETIF_F_UFO since no checksum offload features.");
	if ((features & NETIF_F_UFO) && !(features & NETIF_F_SG))
		features = sim_feature_drop(dev, features, NETIF_F_UFO,
					    "Dropping NETIF_F_UFO since no NETIF_F_SG feature.");
	return features;
}

/**
 * __netdev_update_features - recompute dev->features from the wish
 * (netdev_get_wanted_features), the driver's rules (ndo_fix_features)
 * and the core's (netdev_fix_features); the driver applies the result
 * (ndo_set_features).  Returns 0 (nothing changed), 1 (changed) or -1
 * (the driver refused: dev->features stays).
 */
int
__netdev_update_features(struct net_device *dev)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	netdev_features_t features = netdev_get_wanted_features(dev);
	int err = 0;

	trace___netdev_update_features(dev, features);
	if (ops && ops->ndo_fix_features)
		features = ops->ndo_fix_features(dev, features);
	features = netdev_fix_features(dev, features);
	if (dev->features == features)
		return 0;
	trace_netdev_features_changed(dev, features);
	if (ops && ops->ndo_set_features)
		err = ops->ndo_set_features(dev, features);
	if (unlikely(err < 0))
		return -1;
	if (!err)
		dev->features = features;
	return 1;
}

/* netdev_update_features - the same, for a caller that only needs it done.
 * KERNEL: also tells the notifier chain (NETDEV_FEAT_CHANGE). */
void
netdev_update_features(struct net_device *dev)
{
	__netdev_update_features(dev);
}
static void flush_backlog(struct net_device *dev);
static int __netif_receive_skb_core(struct sk_buff *skb);

/* netif_napi_del for every NAPI context of @dev still on the poll list. */
static void
sim_napi_unlink_dev(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct napi_struct *n, *tmp;

	list_for_each_entry_safe(n, tmp, &net->sd.poll_list, poll_list)
		if (n->dev == dev)
			list_del_init(&n->poll_list);
}

/**
 * free_netdev - the driver's destructor, then the qdiscs (freeing any
 * skb they hold), then the device itself.
 *
 * KERNEL: unregister_netdevice would close the device and take it off
 * the host's lists; netstep hosts keep their devices until
 * host_destroy, which closes them first.
 */
void
free_netdev(struct net_device *dev)
{
	void (*destructor)(struct net_device *dev) = dev->destructor;

	trace_free_netdev(dev);
	dev->destructor = NULL;
	if (destructor)
		destructor(dev);
	dev_shutdown(dev);
	sim_napi_unlink_dev(dev);
	flush_backlog(dev);
	free(dev->_tx);
	free(dev);
}

/**
 * dev_open - bring @dev up: ndo_open, then IFF_UP and the qdiscs active
 *
 * 0, or the driver's error (the device stays down).
 */
int
dev_open(struct net_device *dev)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	int ret = 0;

	trace_dev_open(dev);
	if (dev->flags & IFF_UP)
		return 0;
	if (ops && ops->ndo_open)
		ret = ops->ndo_open(dev);
	if (ret)
		return ret;
	/* KERNEL: IFF_RUNNING follows the carrier (netif_carrier_on via
	 * linkwatch); netstep's links are always up. */
	dev->flags |= IFF_UP | IFF_RUNNING;
	dev_activate(dev);
	return 0;
}

/**
 * dev_close - take @dev down: qdiscs deactivated (queued skbs freed),
 * then ndo_stop, then the flags.
 */
void
dev_close(struct net_device *dev)
{
	const struct net_device_ops *ops = dev->netdev_ops;

	trace_dev_close(dev);
	if (!(dev->flags & IFF_UP))
		return;
	dev_deactivate(dev);
	if (ops && ops->ndo_stop)
		ops->ndo_stop(dev);
	dev->flags &= ~(IFF_UP | IFF_RUNNING);
	call_netdevice_notifiers(NETDEV_DOWN, dev);
}

/**
 * register_netdevice_notifier - hear about devices of @net going up/down
 *
 * Blocks are called in the order they registered.  0.
 */
int
register_netdevice_notifier(struct net *net, struct notifier_block *nb)
{
	struct notifier_block **pp = &net->netdev_chain;

	while (*pp)
		pp = &(*pp)->next;
	nb->next = NULL;
	*pp = nb;
	return 0;
}

/**
 * call_netdevice_notifiers - tell every registered block that @dev did @val
 *
 * Returns the last block's answer (NOTIFY_DONE when nobody cares).
 */
int
call_netdevice_notifiers(unsigned long val, struct net_device *dev)
{
	int ret = NOTIFY_DONE;

	trace_call_netdevice_notifiers(dev, val);
	for (struct notifier_block *nb = dev_net(dev)->netdev_chain; nb; nb = nb->next)
		ret = nb->notifier_call(nb, val, dev);
	return ret;
}

/**
 * dev_set_mtu - change the MTU (68..9000), through the driver if it cares
 *
 * 0, -EINVAL (out of range) or the driver's error.
 */
int
dev_set_mtu(struct net_device *dev, int new_mtu)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	int err = 0;

	trace_dev_set_mtu(dev, new_mtu);
	if (new_mtu == (int)dev->mtu)
		return 0;
	/* KERNEL: dev_set_mtu only rejects negative values; the range is
	 * the driver's (eth_change_mtu: 68..1500, igb: up to 9216 frames). */
	if (new_mtu < ETH_MIN_MTU || new_mtu > SIM_NETDEV_MTU_MAX)
		return -EINVAL;
	if (ops && ops->ndo_change_mtu)
		err = ops->ndo_change_mtu(dev, new_mtu);
	else
		dev->mtu = new_mtu;
	/* KERNEL: call_netdevice_notifiers(NETDEV_CHANGEMTU) follows. */
	return err;
}

/* dev_get_by_name - the device called @name on @net, or NULL. */
struct net_device *
dev_get_by_name(struct net *net, const char *name)
{
	/* KERNEL: takes a reference (dev_hold); netstep devices live as
	 * long as their host. */
	if (net->loopback_dev && !strcmp(net->loopback_dev->name, name))
		return net->loopback_dev;
	for (int i = 0; i < net->ndevs; i++)
		if (net->devs[i] && !strcmp(net->devs[i]->name, name))
			return net->devs[i];
	return NULL;
}

/* dev_get_by_index - the device with @ifindex on @net, or NULL. */
struct net_device *
dev_get_by_index(struct net *net, int ifindex)
{
	if (net->loopback_dev && net->loopback_dev->ifindex == ifindex)
		return net->loopback_dev;
	for (int i = 0; i < net->ndevs; i++)
		if (net->devs[i] && net->devs[i]->ifindex == ifindex)
			return net->devs[i];
	return NULL;
}

/* ptype_head - the list @pt belongs on: the taps', or the handlers'. */
static struct list_head *
ptype_head(struct net *net, const struct packet_type *pt)
{
	if (pt->type == htons(ETH_P_ALL))
		return &net->ptype_all;
	/* KERNEL: hashed into ptype_base[ntohs(type) & 15]; one list here. */
	return &net->ptype_base;
}

/*
 * dev_add_pack - register a protocol handler (ip_rcv, arp_rcv) or a tap
 * (type ETH_P_ALL).  KERNEL: list_add_rcu puts the newest first; netstep
 * appends, so handlers run in the order they were registered.
 */
void
dev_add_pack(struct net *net, struct packet_type *pt)
{
	trace_dev_add_pack(net, pt);
	list_add_tail(&pt->list, ptype_head(net, pt));
}

/*
 * dev_remove_pack - unregister @pt: a tap whose packet socket closes, a
 * handler whose host goes away.  KERNEL: __dev_remove_pack first looks
 * for @pt on its list (and warns if it is not there), then
 * synchronize_net() waits until no CPU is still inside @pt->func; with
 * one thread nobody is, and callers free @pt at once.
 */
void
dev_remove_pack(struct net *net, struct packet_type *pt)
{
	trace_dev_remove_pack(net, pt);
	list_del_init(&pt->list);
}

/* ---- TX queue selection (net/core/flow_dissector.c) ------------------------ */

/* Bob Jenkins' lookup3 final mix, as include/linux/jhash.h. */
static u32
rol32(u32 word, unsigned int shift)
{
	return (word << shift) | (word >> (32 - shift));
}

static u32
jhash_1word(u32 a, u32 initval)
{
	u32 b = 0, c = 0;

	a += 0xdeadbeef;	/* JHASH_INITVAL */
	b += 0xdeadbeef;
	c += initval;
	c ^= b; c -= rol32(b, 14);
	a ^= c; a -= rol32(c, 11);
	b ^= a; b -= rol32(a, 25);
	c ^= b; c -= rol32(b, 16);
	a ^= c; a -= rol32(c, 4);
	b ^= a; b -= rol32(a, 14);
	c ^= b; c -= rol32(b, 24);
	return c;
}

/* KERNEL: hashrnd is random, set once per boot; fixed so runs repeat. */
static const u32 sim_hashrnd = 0x5eed1e55;

/*
 * skb_tx_hash - spread flows over the real TX queues: hash the socket
 * (NOTE: skb->sk's sk_hash arrives with struct sock in the next issue;
 * until then every skb hashes its protocol) and scale the 32-bit hash
 * to [0, real_num_tx_queues).
 */
static u16
skb_tx_hash(const struct net_device *dev, const struct sk_buff *skb)
{
	u32 hash = (u16)skb->protocol;

	/* KERNEL: a forwarded skb reuses its recorded RX queue, and
	 * traffic classes (dev->num_tc) narrow the range first. */
	hash = jhash_1word(hash, sim_hashrnd);
	return (u16)(((u64)hash * dev->real_num_tx_queues) >> 32);
}

/* get_xps_queue: the queue XPS maps our (only) CPU to, -1 if none. */
static int
get_xps_queue(const struct net_device *dev)
{
	if (dev->xps_queue < 0 || dev->xps_queue >= (int)dev->real_num_tx_queues)
		return -1;
	return dev->xps_queue;
}

/* how= in netdev_pick_tx's trace. */
const char *
sim_pick_tx_how_name(u32 how)
{
	return how == SIM_PICK_TX_XPS ? "xps" : how == SIM_PICK_TX_HASH ? "hash" : "single";
}

/**
 * netdev_pick_tx - choose the TX queue for @skb and record it in
 * skb->queue_mapping: queue 0 on a one-queue device, else the XPS map,
 * else a hash.
 */
struct netdev_queue *
netdev_pick_tx(struct net_device *dev, struct sk_buff *skb)
{
	enum sim_pick_tx_how how = SIM_PICK_TX_SINGLE;
	int queue_index = 0;

	if (dev->real_num_tx_queues != 1) {
		/* KERNEL: ndo_select_queue first (igb has none), then the
		 * socket's cached sk_tx_queue (__netdev_pick_tx). */
		queue_index = get_xps_queue(dev);
		how = SIM_PICK_TX_XPS;
		if (queue_index < 0) {
			queue_index = skb_tx_hash(dev, skb);
			how = SIM_PICK_TX_HASH;
		}
		if (queue_index >= (int)dev->real_num_tx_queues)
			queue_index = 0;	/* dev_cap_txqueue */
	}
	/* NOTE: the tracepoint follows the choice (plain arithmetic, nothing
	 * traced happens before it) so that it can show queue= and how=. */
	trace_netdev_pick_tx(dev, skb, queue_index, how);
	skb->queue_mapping = (u16)queue_index;
	return netdev_get_tx_queue(dev, queue_index);
}

/* ---- taps: what tcpdump sees ------------------------------------------------- */

/*
 * deliver_skb - hand @skb to @pt_prev and keep it: the handler gets a
 * reference of its own (users + 1) and consumes that one.  The caller
 * still owns its reference, for the next handler.
 */
static inline int
deliver_skb(struct sk_buff *skb, struct packet_type *pt_prev, struct net_device *orig_dev)
{
	trace_deliver_skb(skb, pt_prev, orig_dev);
	/* KERNEL: skb_orphan_frags first (zero-copy pages); no frags here. */
	skb_get(skb);
	return pt_prev->func(skb, skb->dev, pt_prev, orig_dev);
}

/*
 * dev_queue_xmit_nit - give every tap on @dev a copy of @skb, which is
 * about to go to the driver.  One clone serves all the taps: the last
 * one gets it, each one before it an extra reference (deliver_skb).
 * The clone's MAC header is where its data starts, and it is marked
 * PACKET_OUTGOING so a reader knows which way it went.  @skb itself is
 * untouched and stays the caller's.
 */
static void
dev_queue_xmit_nit(struct sk_buff *skb, struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct packet_type *ptype, *pt_prev = NULL;
	struct sk_buff *skb2 = NULL;

	trace_dev_queue_xmit_nit(skb, dev);
	list_for_each_entry(ptype, &net->ptype_all, list) {
		/* KERNEL: skb_loop_sk also skips the packet socket that sent
		 * @skb; netstep's taps never send. */
		if (ptype->dev && ptype->dev != dev)
			continue;
		if (pt_prev) {
			deliver_skb(skb2, pt_prev, skb->dev);
			pt_prev = ptype;
			continue;
		}
		skb2 = skb_clone(skb);
		if (!skb2)
			break;
		/* KERNEL: net_timestamp_set, a repair of the network header
		 * of a protocol that did not set it (every netstep protocol
		 * does), and transport_header = network_header also go here. */
		skb_reset_mac_header(skb2);
		skb2->pkt_type = PACKET_OUTGOING;
		pt_prev = ptype;
	}
	if (pt_prev)
		pt_prev->func(skb2, skb->dev, pt_prev, skb->dev);
}

/* ---- transmit ------------------------------------------------------------------ */

/*
 * netif_skb_features - what @skb's device can do for this skb: its
 * features, without segmentation if the skb has more segments than the
 * device takes, and without checksumming if it cannot sum this protocol
 * (harmonize_features).
 * KERNEL: netif_skb_dev_features in 3.10.108; VLAN-tagged skbs would
 * narrow it to dev->vlan_features.
 */
netdev_features_t
netif_skb_features(struct sk_buff *skb)
{
	const struct net_device *dev = skb->dev;
	netdev_features_t features = dev->features;

	if (skb_shinfo(skb)->gso_segs > dev->gso_max_segs)
		features &= ~NETIF_F_GSO_MASK;
	if (skb->ip_summed != CHECKSUM_NONE && !can_checksum_protocol(features, skb->protocol))
		features &= ~NETIF_F_ALL_CSUM;
	trace_netif_skb_features(skb, features);
	return features;
}

/* The skb is freed while segments are still attached: free them, then
 * run the destructor the skb had before GSO. */
struct dev_gso_cb {
	void (*destructor)(struct sk_buff *skb);
};
#define DEV_GSO_CB(skb) ((struct dev_gso_cb *)(skb)->cb)

static void
dev_gso_skb_destructor(struct sk_buff *skb)
{
	struct dev_gso_cb *cb;

	do {
		struct sk_buff *nskb = skb->next;

		skb->next = nskb->next;
		nskb->next = NULL;
		kfree_skb(nskb);
	} while (skb->next);
	cb = DEV_GSO_CB(skb);
	if (cb->destructor)
		cb->destructor(skb);
}

/**
 * dev_gso_segment - GSO in software: cut @skb into the segments the
 * device would have cut, and hang them on skb->next
 *
 * The skb itself stays (it is freed when the last segment went to the
 * driver); its destructor moves into the GSO control block.  0 or a
 * negative errno.
 */
static int
dev_gso_segment(struct sk_buff *skb, netdev_features_t features)
{
	struct sk_buff *segs;

	trace_dev_gso_segment(skb, features);
	segs = skb_gso_segment(skb, features);
	if (!segs)
		return 0;
	if (IS_ERR(segs))
		return PTR_ERR(segs);
	skb->next = segs;
	DEV_GSO_CB(skb)->destructor = skb->destructor;
	skb->destructor = dev_gso_skb_destructor;
	return 0;
}

/* A frag_list without NETIF_F_FRAGLIST, or frags without NETIF_F_SG:
 * the device cannot gather the skb, it must be made linear. */
static bool
skb_needs_linearize(const struct sk_buff *skb, netdev_features_t features)
{
	return skb_is_nonlinear(skb) &&
	       ((skb_has_frag_list(skb) && !(features & NETIF_F_FRAGLIST)) ||
		(skb_shinfo(skb)->nr_frags && !(features & NETIF_F_SG)));
}

/**
 * skb_checksum_help - compute in software the checksum a CHECKSUM_PARTIAL
 * skb left to the device: sum from csum_start to the end, fold, store
 * at csum_offset
 *
 * A clone writes the sum in its own copy of the head unless the header
 * area is its own to write (skb_clone_writable).  0, or -EINVAL (a GSO
 * skb, or offsets outside the linear part) / -ENOMEM; the skb stays the
 * caller's.
 */
int
skb_checksum_help(struct sk_buff *skb)
{
	__wsum csum;
	int offset;

	trace_skb_checksum_help(skb);
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		goto out_set_summed;
	if (unlikely(skb_shinfo(skb)->gso_size))
		return -EINVAL;		/* skb_warn_bad_offload */
	offset = skb_checksum_start_offset(skb);
	if (unlikely(offset < 0 || offset + skb->csum_offset + sizeof(__sum16) >
				   skb_headlen(skb)))
		return -EINVAL;		/* KERNEL: BUG_ON */
	csum = skb_checksum(skb, offset, skb->len - offset, 0);
	offset += skb->csum_offset;
	if (skb_cloned(skb) && !skb_clone_writable(skb, offset + sizeof(__sum16)) &&
	    pskb_expand_head(skb, 0, 0))
		return -ENOMEM;
	/* A sum of 0 goes out as all ones (the same in one's complement). */
	*(__sum16 *)(skb->data + offset) = csum_fold(csum) ?: (__sum16)0xffff;
out_set_summed:
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

/*
 * sim_xmit_one - hand one skb, or one segment of a GSO skb, of @len
 * bytes to the driver's ndo_start_xmit.  Returns the driver's
 * netdev_tx_t; @skb is the driver's on NETDEV_TX_OK, still the caller's
 * on NETDEV_TX_BUSY.  The caller traces the answer (net_dev_xmit).
 * NOTE: written out twice in 3.10's dev_hard_start_xmit; later kernels
 * (3.18) made it xmit_one.
 */
static int
sim_xmit_one(struct sk_buff *skb, struct net_device *dev, struct netdev_queue *txq,
	     unsigned int len)
{
	int rc;

	/* The taps see the skb as the driver gets it: after software GSO,
	 * before the card's TSO. */
	if (!list_empty(&dev_net(dev)->ptype_all))
		dev_queue_xmit_nit(skb, dev);
	rc = dev->netdev_ops->ndo_start_xmit(skb, dev);
	if (rc == NETDEV_TX_OK) {
		txq->tx_packets++;
		txq->tx_bytes += len;
		txq->trans_start = sim_host_jiffies(dev_net(dev));	/* txq_trans_update */
	}
	return rc;
}

/**
 * dev_hard_start_xmit - give one skb to the driver's ndo_start_xmit,
 * doing first in software what the device cannot (see netif_skb_features):
 * GSO, linearizing, the checksum
 * @skb: consumed on NETDEV_TX_OK (also when it is dropped here); on
 *	 NETDEV_TX_BUSY it still belongs to the caller (which requeues it),
 *	 and if it is a GSO skb its segments not yet sent hang on skb->next
 *
 * Returns the driver's netdev_tx_t.
 */
int
dev_hard_start_xmit(struct sk_buff *skb, struct net_device *dev, struct netdev_queue *txq)
{
	netdev_features_t features;
	int rc = NETDEV_TX_OK;
	unsigned int len;
	u32 id;

	trace_dev_hard_start_xmit(skb, dev, txq);
	if (skb->next)		/* segments a busy driver left: go on */
		goto gso;
	/* IFF_XMIT_DST_RELEASE: the driver has no use for the route (lo
	 * keeps it: the packet comes back in with it). */
	if (dev->priv_flags & IFF_XMIT_DST_RELEASE)
		skb_dst_drop(skb);
	features = netif_skb_features(skb);
	/* KERNEL: VLAN tag insertion comes here. */
	if (netif_needs_gso(skb, features)) {
		if (unlikely(dev_gso_segment(skb, features)))
			goto out_kfree_skb;
		if (skb->next)
			goto gso;
	} else {
		if (skb_needs_linearize(skb, features) && __skb_linearize(skb))
			goto out_kfree_skb;
		/* The device does not sum this protocol: sum it here. */
		if (skb->ip_summed == CHECKSUM_PARTIAL) {
			skb_set_transport_header(skb, skb_checksum_start_offset(skb));
			if (!(features & NETIF_F_ALL_CSUM) && skb_checksum_help(skb))
				goto out_kfree_skb;
		}
	}
	len = skb->len;
	id = skb->id;
	rc = sim_xmit_one(skb, dev, txq, len);
	/* The net_dev_xmit event: @skb may be freed already, so no pointer. */
	trace_net_dev_xmit(dev, txq, id, len, rc);
	return rc;

gso:
	do {
		struct sk_buff *nskb = skb->next;

		skb->next = nskb->next;
		nskb->next = NULL;
		len = nskb->len;
		id = nskb->id;
		rc = sim_xmit_one(nskb, dev, txq, len);
		trace_net_dev_xmit(dev, txq, id, len, rc);
		if (unlikely(rc != NETDEV_TX_OK)) {
			if (rc & ~NETDEV_TX_MASK)
				goto out_kfree_gso_skb;
			/* Busy: the segment goes back in front of the rest. */
			nskb->next = skb->next;
			skb->next = nskb;
			return rc;
		}
		if (unlikely(netif_xmit_stopped(txq) && skb->next))
			return NETDEV_TX_BUSY;
	} while (skb->next);

out_kfree_gso_skb:
	if (likely(!skb->next)) {
		/* Every segment went: the GSO skb itself has done its job. */
		skb->destructor = DEV_GSO_CB(skb)->destructor;
		consume_skb(skb);
		return rc;
	}
out_kfree_skb:
	trace_net_xmit_drop(dev_net(dev), skb, "offload_failed", dev);
	dev->stats.tx_dropped++;	/* NOTE: 3.10 frees it uncounted */
	kfree_skb(skb);
	return rc;
}

/* path= in __dev_xmit_skb's notes. */
const char *
sim_xmit_path_name(u32 path)
{
	return path == SIM_XMIT_BYPASS ? "bypass" : path == SIM_XMIT_ENQUEUE ? "enqueue" : "drop";
}

/**
 * __dev_xmit_skb - the qdisc part of dev_queue_xmit
 * @skb: consumed
 *
 * An idle work-conserving qdisc (TCQ_F_CAN_BYPASS, empty, not running)
 * is skipped: the skb goes straight to sch_direct_xmit.  Otherwise the
 * skb is enqueued and, if nobody is draining the qdisc yet, this caller
 * drains it with __qdisc_run.
 */
static int
__dev_xmit_skb(struct sk_buff *skb, struct Qdisc *q, struct net_device *dev,
	       struct netdev_queue *txq)
{
	struct net *net = dev_net(dev);
	int rc;

	trace___dev_xmit_skb(skb, q, dev);
	/* KERNEL: qdisc_pkt_len_init, and the busylock taken when contended. */
	if (unlikely(q->state & (1UL << __QDISC_STATE_DEACTIVATED))) {
		trace_net_xmit_path_drop(net, skb, "qdisc_deactivated");
		NET_INC_STATS(net, SIM_MIB_QDISCDROPS);
		kfree_skb(skb);
		rc = NET_XMIT_DROP;
	} else if ((q->flags & TCQ_F_CAN_BYPASS) && !qdisc_qlen(q) && qdisc_run_begin(q)) {
		trace_net_xmit_path(net, skb, q, SIM_XMIT_BYPASS);
		qdisc_bstats_update(q, skb);
		if (sch_direct_xmit(skb, q, dev, txq))
			__qdisc_run(q);
		else
			qdisc_run_end(q);
		rc = NET_XMIT_SUCCESS;
	} else {
		trace_net_xmit_path(net, skb, q, SIM_XMIT_ENQUEUE);
		/* The skb outlives this call: hold a real route reference. */
		skb_dst_force(skb);
		rc = q->enqueue(skb, q) & NET_XMIT_MASK;
		if (qdisc_run_begin(q))
			__qdisc_run(q);
	}
	return rc;
}

/**
 * dev_queue_xmit - transmit a finished frame on skb->dev
 * @skb: always consumed, whatever the return value
 *
 * Returns NET_XMIT_SUCCESS, NET_XMIT_DROP/CN from the qdisc, or
 * -ENETDOWN when a queueless device could not send.
 */
int
dev_queue_xmit(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct net *net = dev_net(dev);
	struct netdev_queue *txq;
	struct Qdisc *q;
	int rc;

	trace_dev_queue_xmit(skb);
	skb_reset_mac_header(skb);
	/* KERNEL: rcu_read_lock_bh (softirqs off) and skb_update_prio. */
	txq = netdev_pick_tx(dev, skb);
	q = txq->qdisc;
	if (q && q->enqueue)
		return __dev_xmit_skb(skb, q, dev, txq);

	/* No queue (noqueue: loopback, tunnels, tx_queue_len 0): straight to
	 * the driver; there is nowhere to keep a packet it refuses. */
	if (q && (dev->flags & IFF_UP)) {
		if (!netif_xmit_frozen_or_stopped(txq)) {
			rc = dev_hard_start_xmit(skb, dev, txq);
			if (rc < NET_XMIT_MASK)		/* dev_xmit_complete */
				return rc;
		}
		trace_net_xmit_drop(net, skb, "virtual_device_asks_to_queue", dev);
		NET_INC_STATS(net, SIM_MIB_TXBUSY);
	} else {
		trace_net_xmit_drop(net, skb, "device_down", dev);
		NET_INC_STATS(net, SIM_MIB_TXDEVDOWN);
	}
	dev->stats.tx_dropped++;
	kfree_skb(skb);
	return -ENETDOWN;
}

/* ---- deferred transmit: NET_TX_SOFTIRQ -------------------------------------- */

/* __netif_reschedule - append @q to the output_queue, raise NET_TX. */
static void
__netif_reschedule(struct Qdisc *q)
{
	struct net *net = sim_qdisc_net(q);
	struct softnet_data *sd = &net->sd;

	trace___netif_reschedule(q);
	/* KERNEL: with local irqs off, on this CPU's softnet_data. */
	q->next_sched = NULL;
	*sd->output_queue_tailp = q;
	sd->output_queue_tailp = &q->next_sched;
	raise_softirq(&net->cpu, NET_TX_SOFTIRQ);
}

/**
 * __netif_schedule - ask NET_TX_SOFTIRQ to run @q, once: the SCHED bit
 * keeps a qdisc from being on the output_queue twice.
 */
void
__netif_schedule(struct Qdisc *q)
{
	bool was_sched = q->state & (1UL << __QDISC_STATE_SCHED);

	trace___netif_schedule(q, was_sched);
	if (was_sched)
		return;
	q->state |= 1UL << __QDISC_STATE_SCHED;
	__netif_reschedule(q);
}

/**
 * net_tx_action - NET_TX_SOFTIRQ: free the skbs hard IRQs left on the
 * completion_queue, then run each qdisc waiting on the output_queue.
 */
static void
net_tx_action(struct sim_cpu *cpu)
{
	struct net *net = sim_cpu_host(cpu);
	struct softnet_data *sd = &net->sd;

	trace_net_tx_action(net);
	if (sd->completion_queue) {
		struct sk_buff *clist = sd->completion_queue;

		sd->completion_queue = NULL;
		while (clist) {
			struct sk_buff *skb = clist;

			clist = clist->next;
			skb->next = NULL;
			consume_skb(skb);
		}
	}
	if (sd->output_queue) {
		struct Qdisc *head = sd->output_queue;

		/* Detach the list: qdiscs rescheduled from here go on a new one. */
		sd->output_queue = NULL;
		sd->output_queue_tailp = &sd->output_queue;
		while (head) {
			struct Qdisc *q = head;

			head = head->next_sched;
			/* KERNEL: spin_trylock(root_lock) first; a busy lock
			 * means __netif_reschedule, never the case here. */
			q->state &= ~(1UL << __QDISC_STATE_SCHED);
			qdisc_run(q);
		}
	}
}

/**
 * netif_tx_wake_queue - the driver has room again: restart the queue and
 * schedule its qdisc (only if the queue had been stopped).
 */
void
netif_tx_wake_queue(struct netdev_queue *txq)
{
	bool was_stopped = netif_tx_queue_stopped(txq);

	trace_netif_tx_wake_queue(txq, was_stopped);
	netif_tx_start_queue(txq);
	if (was_stopped && txq->qdisc)
		__netif_schedule(txq->qdisc);
}

/**
 * netif_wake_subqueue - what a multiqueue driver calls when TX queue
 * @queue_index has room again (igb_clean_tx_irq, __igb_maybe_stop_tx).
 *
 * The same work as netif_tx_wake_queue, done here and not through it,
 * as 3.10 does: if the queue was stopped, clear DRV_XOFF and put its
 * qdisc on this CPU's output_queue (__netif_schedule, NET_TX_SOFTIRQ).
 */
void
netif_wake_subqueue(struct net_device *dev, u16 queue_index)
{
	struct netdev_queue *txq = netdev_get_tx_queue(dev, queue_index);
	bool was_stopped = netif_tx_queue_stopped(txq);

	trace_netif_wake_subqueue(txq, was_stopped);
	netif_tx_start_queue(txq);	/* KERNEL: test_and_clear_bit(DRV_XOFF) */
	if (was_stopped && txq->qdisc)
		__netif_schedule(txq->qdisc);
}

/* netif_tx_start_all_queues - clear DRV_XOFF on every TX queue. */
void
netif_tx_start_all_queues(struct net_device *dev)
{
	trace_netif_tx_start_all_queues(dev);
	for (unsigned int i = 0; i < dev->num_tx_queues; i++)
		netif_tx_start_queue(netdev_get_tx_queue(dev, i));
}

/**
 * dev_kfree_skb_irq - free @skb from hard-IRQ context: it goes on the
 * completion_queue and NET_TX_SOFTIRQ frees it (consumes @skb).
 */
static void
dev_kfree_skb_irq(struct sk_buff *skb)
{
	struct net *net = skb->host;

	trace_dev_kfree_skb_irq(skb);
	/* Someone else still holds it: just drop our reference. */
	if (skb->users > 1) {
		skb->users--;
		return;
	}
	/* KERNEL: the kernel drops users to 0 here and __kfree_skb's it
	 * later; netstep keeps the last reference for net_tx_action's
	 * consume_skb. */
	skb->next = net->sd.completion_queue;
	net->sd.completion_queue = skb;
	raise_softirq(&net->cpu, NET_TX_SOFTIRQ);
}

/**
 * dev_kfree_skb_any - free a transmitted skb from any context
 * @skb: consumed; in a hard IRQ via the completion_queue, else at once
 */
void
dev_kfree_skb_any(struct sk_buff *skb)
{
	struct net *net;

	if (!skb)
		return;
	net = skb->host;
	trace_dev_kfree_skb_any(skb);
	if (net->cpu.in_irq)
		dev_kfree_skb_irq(skb);
	else
		consume_skb(skb);
}

/* ---- receive: NAPI and NET_RX_SOFTIRQ --------------------------------------- */

/**
 * netif_napi_add - set up @napi for @dev's driver; it starts disabled
 * (SCHED set) until napi_enable.
 */
void
netif_napi_add(struct net_device *dev, struct napi_struct *napi,
	       int (*poll)(struct napi_struct *, int), int weight)
{
	trace_netif_napi_add(dev, weight);
	INIT_LIST_HEAD(&napi->poll_list);
	napi->poll = poll;
	/* KERNEL: warns when a driver asks for more than 64. */
	napi->weight = weight;
	napi->dev = dev;
	napi->gro_list = NULL;
	napi->gro_count = 0;
	napi->state = 1UL << NAPI_STATE_SCHED;
}

/* napi_enable - allow scheduling: clear the SCHED bit netif_napi_add set. */
void
napi_enable(struct napi_struct *n)
{
	trace_napi_enable(n);
	n->state &= ~(1UL << NAPI_STATE_SCHED);
}

/*
 * napi_disable - forbid scheduling and own the SCHED bit.  KERNEL: the
 * kernel sleeps until a running poll completes; with one thread nothing
 * runs, so a context still on the poll list is simply taken off, its
 * held GRO packets sent up as net_rx_action's napi_complete would.
 */
void
napi_disable(struct napi_struct *n)
{
	trace_napi_disable(n);
	if (!list_empty(&n->poll_list)) {
		napi_gro_flush(n, false);
		list_del_init(&n->poll_list);
	}
	n->state |= 1UL << NAPI_STATE_SCHED;
	n->state &= ~(1UL << NAPI_STATE_DISABLE);
}

/* napi_schedule_prep - true if we took the SCHED bit (not yet scheduled). */
static bool
napi_schedule_prep(struct napi_struct *n)
{
	if (n->state & (1UL << NAPI_STATE_DISABLE))
		return false;
	if (n->state & (1UL << NAPI_STATE_SCHED))
		return false;
	n->state |= 1UL << NAPI_STATE_SCHED;
	return true;
}

/* ____napi_schedule - queue @n for net_rx_action and raise NET_RX. */
static void
____napi_schedule(struct softnet_data *sd, struct napi_struct *n)
{
	struct net *net = sim_softnet_net(sd);

	trace_____napi_schedule(sd, n);
	list_add_tail(&n->poll_list, &sd->poll_list);
	raise_softirq(&net->cpu, NET_RX_SOFTIRQ);
}

/**
 * napi_schedule - called from the driver's interrupt handler: poll
 * @n soon, from NET_RX_SOFTIRQ.  Does nothing if it is already scheduled.
 */
void
napi_schedule(struct napi_struct *n)
{
	trace_napi_schedule(n);
	if (napi_schedule_prep(n))
		____napi_schedule(&dev_net(n->dev)->sd, n);	/* __napi_schedule */
}

/**
 * napi_complete - the driver's poll finished under its weight: GRO's
 * held packets go up (napi_gro_flush), then the context leaves the poll
 * list; the driver re-enables its interrupt next.
 */
void
napi_complete(struct napi_struct *n)
{
	trace_napi_complete(n);
	/* The poll is over: what GRO holds goes up now. */
	napi_gro_flush(n, false);
	if (!list_empty(&n->poll_list))
		list_del_init(&n->poll_list);
	n->state &= ~(1UL << NAPI_STATE_SCHED);
}

/**
 * net_rx_action - NET_RX_SOFTIRQ: poll each scheduled NAPI context with
 * its weight until the list is empty, the budget of 300 is spent or 2
 * jiffies passed (then time_squeeze++ and NET_RX is raised again).
 */
static void
net_rx_action(struct sim_cpu *cpu)
{
	struct net *net = sim_cpu_host(cpu);
	struct softnet_data *sd = &net->sd;
	unsigned long time_limit = sim_host_jiffies(net) + 2;
	int budget = SIM_NETDEV_BUDGET;
	int polls = 0;

	trace_net_rx_action(net, budget);
	while (!list_empty(&sd->poll_list)) {
		struct napi_struct *n;
		int work = 0, weight;

		/* NOTE: virtual time stands still inside a softirq, so the
		 * 2-jiffy limit cannot fire; a bound on polls stands in for it
		 * (a poll that neither works nor completes would spin). */
		if (unlikely(budget <= 0 || time_after_eq(sim_host_jiffies(net), time_limit) ||
			     ++polls > SIM_NETDEV_BUDGET)) {
			sd->time_squeeze++;
			trace_net_rx_squeeze(net, budget);
			raise_softirq(cpu, NET_RX_SOFTIRQ);
			return;
		}
		n = list_first_entry(&sd->poll_list, struct napi_struct, poll_list);
		weight = n->weight;
		if (n->state & (1UL << NAPI_STATE_SCHED))
			work = n->poll(n, weight);
		budget -= work;
		/* All of its weight used: the driver did not complete, so it
		 * stays scheduled and goes to the back of the line. */
		if (unlikely(work == weight) && !list_empty(&n->poll_list)) {
			if (n->state & (1UL << NAPI_STATE_DISABLE)) {
				napi_complete(n);
			} else {
				/* Packets held since an earlier jiffy
				 * go up; the rest wait for more. */
				if (n->gro_list)
					napi_gro_flush(n, HZ >= 1000);
				list_del_init(&n->poll_list);
				list_add_tail(&n->poll_list, &sd->poll_list);
			}
		}
	}
	/* KERNEL: net_rps_action_and_irq_enable sends RPS IPIs here. */
}

/*
 * __netif_receive_skb_core - hand @skb to every tap, then to every
 * packet_type registered for skb->protocol; the last taker gets the
 * caller's reference, each one before it a reference of its own
 * (deliver_skb).  Nobody took it: an unknown protocol, dropped and
 * counted.  Consumes @skb.
 */
static int
__netif_receive_skb_core(struct sk_buff *skb)
{
	struct net_device *orig_dev = skb->dev;
	struct net *net = dev_net(orig_dev);
	struct packet_type *ptype, *pt_prev = NULL;
	__be16 type = skb->protocol;

	trace___netif_receive_skb_core(skb);
	skb_reset_network_header(skb);
	if (!skb_transport_header_was_set(skb))
		skb_reset_transport_header(skb);
	if (skb->mac_header != SKB_HEADER_UNSET)
		skb->mac_len = skb->network_header - skb->mac_header;
	net->sd.processed++;
	list_for_each_entry(ptype, &net->ptype_all, list) {
		if (ptype->dev && ptype->dev != skb->dev)
			continue;
		if (pt_prev)
			deliver_skb(skb, pt_prev, orig_dev);
		pt_prev = ptype;
	}
	/* KERNEL: VLAN untagging and rx_handler come here. */
	list_for_each_entry(ptype, &net->ptype_base, list) {
		if (ptype->type != type)
			continue;
		if (pt_prev)
			deliver_skb(skb, pt_prev, orig_dev);
		pt_prev = ptype;
	}
	/* As in 3.10: when a tap was the only taker (an EtherType nobody
	 * handles, seen by tcpdump), the frame counts as delivered, not as
	 * dropped. */
	if (pt_prev)
		return pt_prev->func(skb, skb->dev, pt_prev, orig_dev);

	/* Not ours (IPv6 from a TAP's kernel, LLDP ...): drop it quietly. */
	trace_net_rx_unknown_proto(net, skb, type);
	NET_INC_STATS(net, SIM_MIB_RXUNKNOWNPROTO);
	orig_dev->stats.rx_dropped++;
	kfree_skb(skb);
	return NET_RX_DROP;
}

/**
 * netif_receive_skb - deliver a received packet (eth_type_trans done)
 * @skb: consumed
 *
 * As in the kernel, the driver counted the frame in its device's
 * rx_packets/rx_bytes: this may be several frames merged by GRO.
 * Returns NET_RX_SUCCESS or NET_RX_DROP.
 */
int
netif_receive_skb(struct sk_buff *skb)
{
	trace_netif_receive_skb(skb);
	/* KERNEL: netstamp, RPS steering (get_rps_cpu) first. */
	return __netif_receive_skb_core(skb);
}

/* ---- receive without NAPI: netif_rx and the backlog ----------------------------- */

/* net/core/dev.c: net.core.netdev_max_backlog and weight_p (dev_weight). */
#define SIM_NETDEV_MAX_BACKLOG	1000
#define SIM_WEIGHT_P		64

/*
 * enqueue_to_backlog - put @skb on this CPU's input_pkt_queue.  The
 * first skb of an empty queue also schedules the backlog NAPI context.
 * A queue longer than netdev_max_backlog drops it (softnet_stat's
 * dropped, the device's rx_dropped).  Consumes @skb.
 */
static int
enqueue_to_backlog(struct sk_buff *skb, struct softnet_data *sd)
{
	trace_enqueue_to_backlog(skb, sd);
	if (skb_queue_len(&sd->input_pkt_queue) <= SIM_NETDEV_MAX_BACKLOG) {
		if (!skb_queue_len(&sd->input_pkt_queue) &&
		    !(sd->backlog.state & (1UL << NAPI_STATE_SCHED))) {
			sd->backlog.state |= 1UL << NAPI_STATE_SCHED;
			____napi_schedule(sd, &sd->backlog);
		}
		__skb_queue_tail(&sd->input_pkt_queue, skb);
		return NET_RX_SUCCESS;
	}
	sd->dropped++;
	trace_net_rx_backlog_drop(skb, sd);
	skb->dev->stats.rx_dropped++;
	kfree_skb(skb);
	return NET_RX_DROP;
}

/**
 * netif_rx - a device without NAPI of its own hands up a received frame
 * @skb: eth_type_trans done; consumed
 *
 * Called from the device's transmit or interrupt path (for lo: from
 * loopback_xmit, inside the sender's dev_queue_xmit).  The frame waits
 * on the backlog until NET_RX_SOFTIRQ polls it (process_backlog).
 * Returns NET_RX_SUCCESS or NET_RX_DROP.
 *
 * KERNEL: RPS may pick another CPU's backlog; netstep has one CPU.
 */
int
netif_rx(struct sk_buff *skb)
{
	trace_netif_rx(skb);
	return enqueue_to_backlog(skb, &dev_net(skb->dev)->sd);
}

/*
 * process_backlog - the backlog's NAPI poll: deliver up to @quota frames
 * from the backlog, moving input_pkt_queue's to process_queue in one go,
 * and leave the poll list once both are empty (a NAPI complete of its
 * own: only this CPU touches the backlog).  Returns the frames handled.
 */
static int
process_backlog(struct napi_struct *napi, int quota)
{
	struct softnet_data *sd = container_of(napi, struct softnet_data, backlog);
	int work = 0;

	trace_process_backlog(sd, quota);
	napi->weight = SIM_WEIGHT_P;
	while (work < quota) {
		struct sk_buff *skb;
		unsigned int qlen;

		while ((skb = __skb_dequeue(&sd->process_queue)) != NULL) {
			/* NOTE: 3.10 goes through __netif_receive_skb, which
			 * only adds pfmemalloc handling. */
			__netif_receive_skb_core(skb);
			if (++work >= quota)
				return work;
		}
		qlen = skb_queue_len(&sd->input_pkt_queue);
		while ((skb = __skb_dequeue(&sd->input_pkt_queue)) != NULL)
			__skb_queue_tail(&sd->process_queue, skb);	/* skb_queue_splice_tail_init */
		if (qlen < (unsigned int)(quota - work)) {
			list_del_init(&napi->poll_list);
			napi->state = 0;
			quota = work + qlen;
		}
	}
	return work;
}

/* flush_backlog - @dev goes away: drop its frames still on the backlog. */
static void
flush_backlog(struct net_device *dev)
{
	struct softnet_data *sd = &dev_net(dev)->sd;
	struct sk_buff_head *queues[] = { &sd->input_pkt_queue, &sd->process_queue };

	trace_flush_backlog(dev);
	for (size_t q = 0; q < ARRAY_SIZE(queues); q++) {
		struct sk_buff *skb = queues[q]->next, *next;

		for (; skb != (struct sk_buff *)queues[q]; skb = next) {
			next = skb->next;
			if (skb->dev == dev) {
				__skb_unlink(skb, queues[q]);
				kfree_skb(skb);
			}
		}
	}
}

/* ---- boot ------------------------------------------------------------------------- */

/**
 * net_dev_init - the device layer's per-host state: softnet_data, the
 * protocol and tap lists, and the two network softirqs.
 */
void
net_dev_init(struct net *net)
{
	struct softnet_data *sd = &net->sd;

	trace_net_dev_init(net);
	memset(sd, 0, sizeof(*sd));
	sd->output_queue = NULL;
	sd->output_queue_tailp = &sd->output_queue;
	INIT_LIST_HEAD(&sd->poll_list);
	sd->completion_queue = NULL;
	skb_queue_head_init(&sd->input_pkt_queue);
	skb_queue_head_init(&sd->process_queue);
	INIT_LIST_HEAD(&sd->backlog.poll_list);
	sd->backlog.poll = process_backlog;
	sd->backlog.weight = SIM_WEIGHT_P;
	INIT_LIST_HEAD(&net->ptype_base);
	INIT_LIST_HEAD(&net->ptype_all);
	open_softirq(&net->cpu, NET_TX_SOFTIRQ, net_tx_action);
	open_softirq(&net->cpu, NET_RX_SOFTIRQ, net_rx_action);
}
