/*
 * layers/loopback.c - the loopback device "lo": where a host's packets
 * to itself go.
 *
 * Mirrors drivers/net/loopback.c (Linux 3.10).  Every host has one lo,
 * registered first (ifindex 1) and brought up with 127.0.0.1/8.  The
 * route to any of the host's own addresses (10.0.0.2 as much as
 * 127.0.0.1) leaves by lo (layers/route.c), so such a packet goes down
 * the ordinary transmit path, ip_output -> ip_finish_output2 -> the
 * neighbour (NUD_NOARP: lo needs no ARP) -> dev_queue_xmit, skips the
 * qdisc (lo has no queue: noqueue) and reaches loopback_xmit, which
 * turns it straight round: netif_rx puts it on the CPU's backlog, and
 * NET_RX_SOFTIRQ delivers it (process_backlog -> ip_rcv) as if it had
 * arrived on a wire.  Nothing of it ever reaches a NIC.
 *
 * The packet keeps its route on the way round (lo clears
 * IFF_XMIT_DST_RELEASE), so ip_rcv_finish does not look one up again:
 * the output route of a local address already says "deliver here"
 * (dst.input = ip_local_deliver).
 *
 * Read before: layers/dev.c (dev_queue_xmit, netif_rx, process_backlog).
 * Read after: layers/ip_input.c (where the packet comes back in).
 *
 * Left out: the per-CPU byte and packet counters (pcpu_lstats) and
 * ndo_get_stats64 (dev->stats is counted directly), ethtool's get_link.
 */
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "layers/sock.h"
#include "kernel/trace.h"
#include "events/net.h"

#include <string.h>

static const char KSRC[] = "drivers/net/loopback.c";

/**
 * loopback_xmit - ndo_start_xmit of lo: send the frame back up
 * @skb: a finished Ethernet frame (zero MACs); consumed
 *
 * The skb leaves its socket's send buffer (skb_orphan: the receiver
 * charges it to its own socket), takes a reference on its route (it
 * outlives the lookup that attached it without one) and enters the
 * receive path.  Always NETDEV_TX_OK: there is no queue to be full.
 *
 * KERNEL: 3.10 counts packets and bytes per CPU (pcpu_lstats) and
 * reports them as both received and sent (loopback_get_stats64);
 * netstep counts the same numbers in dev->stats.
 */
static netdev_tx_t
loopback_xmit(struct sk_buff *skb, struct net_device *dev)
{
	unsigned int len;

	trace_loopback_xmit(skb, dev);
	skb_orphan(skb);
	skb_dst_force(skb);
	skb->protocol = eth_type_trans(skb, dev);
	len = skb->len;
	if (likely(netif_rx(skb) == NET_RX_SUCCESS)) {
		dev->stats.rx_packets++;
		dev->stats.tx_packets++;
		dev->stats.rx_bytes += len;
		dev->stats.tx_bytes += len;
	}
	return NETDEV_TX_OK;
}

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit = loopback_xmit,
};

/*
 * loopback_setup - what kind of device lo is: 64 KiB MTU, Ethernet
 * headers with zero addresses (eth_header_ops), no transmit queue (so
 * noqueue), IFF_LOOPBACK (no ARP), and it keeps the route on transmit.
 * KERNEL: also its features (SG, TSO, HW_CSUM ... netstep's devices
 * have none yet) and ethtool_ops.
 */
static void
loopback_setup(struct net_device *dev)
{
	trace_loopback_setup(dev);
	dev->mtu = 64 * 1024;
	dev->hard_header_len = ETH_HLEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = 0;
	dev->type = ARPHRD_LOOPBACK;
	dev->flags = IFF_LOOPBACK;
	dev->priv_flags &= ~IFF_XMIT_DST_RELEASE;
	dev->header_ops = &eth_header_ops;
	dev->netdev_ops = &loopback_ops;
}

/**
 * loopback_net_init - register the host's lo (net->loopback_dev)
 *
 * Called once per host before any other device is registered, so lo
 * gets ifindex 1.  0 or -Exxx (the device is freed again).
 */
int
loopback_net_init(struct net *net)
{
	struct net_device *dev;
	int err;

	trace_loopback_net_init(net);
	dev = alloc_netdev_mqs(net, 0, "lo", loopback_setup, 1);
	if (!dev)
		return -ENOMEM;
	err = register_netdev(dev);
	if (err) {
		free_netdev(dev);
		return err;
	}
	net->loopback_dev = dev;
	return 0;
}
