/*
 * layers/netdevice.h - struct net_device, its TX queues, NAPI and the
 * per-CPU softnet_data.
 *
 * Mirrors include/linux/netdevice.h (Linux 3.10).  The driver (nic/)
 * fills a net_device_ops table; the device layer (layers/dev.c) calls
 * through it.  Queue state helpers (netif_tx_stop_queue and friends)
 * live here as in the kernel, because both the driver and the qdisc
 * code use them.
 */
#ifndef NETSTEP_LAYERS_NETDEVICE_H
#define NETSTEP_LAYERS_NETDEVICE_H

#include "kernel/types.h"
#include "layers/skbuff.h"
#include "layers/netdev_features.h"

struct net;
struct Qdisc;
struct sim_cpu;
struct ethtool_ops;

#define IFNAMSIZ	16
#define ETH_ALEN	6
#define ETH_HLEN	14
#define ETH_ZLEN	60
#define ETH_DATA_LEN	1500
#define ETH_FRAME_LEN	1514
#define ETH_FCS_LEN	4
#define ETH_P_ALL	0x0003	/* every protocol: a tap (tcpdump's packet socket) */
#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define ETH_P_IPV6	0x86DD
#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK	772	/* include/uapi/linux/if_arp.h */
#define ETH_MIN_MTU	68	/* netstep's lower bound for `ip link set mtu` */

/* dev->flags, include/uapi/linux/if.h */
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_LOOPBACK	0x8
#define IFF_NOARP	0x80
#define IFF_RUNNING	0x40

#define NETDEV_TX_MASK	0xf0	/* driver codes; below them: NET_XMIT_* */
/* dev->priv_flags, include/linux/netdevice.h */
#define IFF_XMIT_DST_RELEASE	0x400	/* dev_hard_start_xmit may drop the skb's route */

/* include/net/net_namespace.h: lo is always the first device of a namespace. */
#define LOOPBACK_IFINDEX	1

typedef enum netdev_tx {
	NETDEV_TX_OK = 0x00,		/* driver took care of the skb */
	NETDEV_TX_BUSY = 0x10,		/* driver tx path was busy: requeue */
	NETDEV_TX_LOCKED = 0x20,	/* driver tx lock was already taken */
} netdev_tx_t;

/* qdisc/dev_queue_xmit return codes, include/linux/netdevice.h */
#define NET_XMIT_SUCCESS	0x00
#define NET_XMIT_DROP		0x01	/* skb dropped */
#define NET_XMIT_CN		0x02	/* congestion notification */
#define NET_XMIT_POLICED	0x03
#define NET_XMIT_MASK		0x0f
#define NET_RX_SUCCESS		0
#define NET_RX_DROP		1

/* netdev_queue->state bits */
enum netdev_queue_state_t {
	__QUEUE_STATE_DRV_XOFF,		/* the driver stopped the queue */
	__QUEUE_STATE_STACK_XOFF,	/* BQL stopped it (not modelled) */
	__QUEUE_STATE_FROZEN,
};

struct netdev_queue {
	struct net_device *dev;		/* owning device */
	struct Qdisc *qdisc;		/* qdisc feeding this queue */
	unsigned long state;		/* __QUEUE_STATE_* bits */
	unsigned int index;		/* queue number */
	unsigned long trans_start;	/* jiffies of the last transmit */
	unsigned long tx_packets;	/* handed to the driver */
	unsigned long tx_bytes;
	/* KERNEL: _xmit_lock, xmit_lock_owner, dql (BQL), xps map left out. */
};

struct net_device_stats {
	unsigned long rx_packets;
	unsigned long tx_packets;
	unsigned long rx_bytes;
	unsigned long tx_bytes;
	unsigned long rx_errors;
	unsigned long tx_errors;
	unsigned long rx_dropped;
	unsigned long tx_dropped;
	unsigned long rx_missed_errors;	/* no RX descriptor free */
};

struct net_device;

struct net_device_ops {
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	int (*ndo_change_mtu)(struct net_device *dev, int new_mtu);
	/* The driver's own feature rules (may be NULL), before the core's. */
	netdev_features_t (*ndo_fix_features)(struct net_device *dev,
					      netdev_features_t features);
	/* Apply @features to the hardware (NULL: nothing to do there). */
	int (*ndo_set_features)(struct net_device *dev, netdev_features_t features);
	/* KERNEL: ndo_select_queue, ndo_set_rx_mode, ndo_get_stats64 ... omitted. */
};

struct neighbour;
struct hh_cache;

struct header_ops {
	int (*create)(struct sk_buff *skb, struct net_device *dev, unsigned short type,
		      const void *daddr, const void *saddr, unsigned int len);
	/* Build / refresh the neighbour's cached header (layers/neighbour.h). */
	int (*cache)(const struct neighbour *neigh, struct hh_cache *hh, __be16 type);
	void (*cache_update)(struct hh_cache *hh, const struct net_device *dev,
			     const unsigned char *haddr);
};

/* An IPv4 address on a device, include/linux/inetdevice.h (in_ifaddr). */
struct in_ifaddr {
	__be32 ifa_address;		/* 10.0.0.2 */
	__be32 ifa_mask;		/* 255.255.255.0 */
	u8 ifa_prefixlen;		/* 24 */
	u8 ifa_scope;			/* RT_SCOPE_UNIVERSE; RT_SCOPE_HOST for 127.0.0.1 */
	bool configured;		/* false: no address yet */
};

/* NAPI context, include/linux/netdevice.h */
enum { NAPI_STATE_SCHED, NAPI_STATE_DISABLE };
struct napi_struct {
	struct list_head poll_list;	/* on softnet_data.poll_list */
	unsigned long state;		/* NAPI_STATE_* bits */
	int weight;			/* work per poll, 64 for igb */
	unsigned int gro_count;		/* packets held on gro_list */
	int (*poll)(struct napi_struct *napi, int budget);
	struct net_device *dev;
	struct sk_buff *gro_list;	/* GRO's held packets, youngest first,
					 * linked through skb->next */
	/* KERNEL: skb (napi_get_frags' spare), dev_list, poll_lock omitted. */
};
#define NAPI_POLL_WEIGHT 64

struct net_device {
	char name[IFNAMSIZ];		/* "eth0" */
	struct net *nd_net;		/* the host owning it, dev_net() */
	int ifindex;			/* 1, 2, ... within the host */
	unsigned int flags;		/* IFF_UP ... */
	unsigned int priv_flags;	/* IFF_XMIT_DST_RELEASE ... (not for user space) */
	unsigned int mtu;		/* 1500 */
	netdev_features_t features;	/* what is on (layers/netdev_features.h) */
	netdev_features_t hw_features;	/* what ethtool -K may switch */
	netdev_features_t wanted_features;	/* what the user asked for */
	unsigned int gso_max_size;	/* largest GSO packet it takes: 65536 */
	u16 gso_max_segs;		/* most segments in one: 65535 */
	unsigned short type;		/* ARPHRD_ETHER, ARPHRD_LOOPBACK */
	unsigned short hard_header_len;	/* ETH_HLEN */
	unsigned char addr_len;		/* ETH_ALEN */
	unsigned char dev_addr[ETH_ALEN];	/* our MAC */
	unsigned char broadcast[ETH_ALEN];	/* ff:ff:ff:ff:ff:ff */
	unsigned long tx_queue_len;	/* pfifo_fast limit, 1000 */
	struct netdev_queue *_tx;	/* TX queues */
	unsigned int num_tx_queues;	/* allocated */
	unsigned int real_num_tx_queues;	/* in use */
	int xps_queue;			/* XPS map for our one CPU, -1 = none */
	struct Qdisc *qdisc;		/* root qdisc as `tc` sees it */
	const struct net_device_ops *netdev_ops;
	const struct ethtool_ops *ethtool_ops;	/* layers/ethtool.h */
	const struct header_ops *header_ops;
	void (*destructor)(struct net_device *dev);	/* driver teardown, from free_netdev */
	struct net_device_stats stats;	/* ip -s link */
	struct in_ifaddr ifa;		/* its IPv4 address (one) */
	void *priv;			/* driver private, netdev_priv() */
	/* KERNEL: vlan_features, hw_enc_features, rx_handler, in_device
	 * list ... omitted. */
};

static inline struct net *dev_net(const struct net_device *dev) { return dev->nd_net; }
static inline void *netdev_priv(const struct net_device *dev) { return dev->priv; }
static inline struct netdev_queue *netdev_get_tx_queue(const struct net_device *dev,
							unsigned int index)
{
	return &dev->_tx[index];
}
static inline bool netif_running(const struct net_device *dev) { return dev->flags & IFF_UP; }

#define GSO_MAX_SIZE	65536
#define GSO_MAX_SEGS	65535

/* What the user's wish becomes before the rules: the features the user
 * cannot change, and the wanted ones among those that can. */
static inline netdev_features_t netdev_get_wanted_features(const struct net_device *dev)
{
	return (dev->features & ~dev->hw_features) | dev->wanted_features;
}
void netdev_update_features(struct net_device *dev);	/* layers/dev.c */
int __netdev_update_features(struct net_device *dev);
netdev_features_t netif_skb_features(struct sk_buff *skb);

/* Does the device take this GSO skb as it is (its type, no frag_list
 * unless FRAGLIST)? */
static inline bool skb_gso_ok(const struct sk_buff *skb, netdev_features_t features)
{
	return net_gso_ok(features, skb_shinfo(skb)->gso_type) &&
	       (!skb_has_frag_list(skb) || (features & NETIF_F_FRAGLIST));
}
/* Must the stack segment @skb itself before the driver sees it? */
static inline bool netif_needs_gso(const struct sk_buff *skb, netdev_features_t features)
{
	return skb_is_gso(skb) &&
	       (!skb_gso_ok(skb, features) ||
		unlikely(skb->ip_summed != CHECKSUM_PARTIAL &&
			 skb->ip_summed != CHECKSUM_UNNECESSARY));
}
/* layers/gso.c: software segmentation (skb_gso_segment and the protocol
 * callbacks it walks down: inet_gso_segment, tcp_tso_segment). */
struct sk_buff *skb_mac_gso_segment(struct sk_buff *skb, netdev_features_t features);
struct sk_buff *__skb_gso_segment(struct sk_buff *skb, netdev_features_t features,
				  bool tx_path);
static inline struct sk_buff *skb_gso_segment(struct sk_buff *skb,
					      netdev_features_t features)
{
	return __skb_gso_segment(skb, features, true);
}
int skb_checksum_help(struct sk_buff *skb);	/* layers/dev.c */

/* Queue stop/wake, include/linux/netdevice.h */
static inline void netif_tx_start_queue(struct netdev_queue *txq)
{
	txq->state &= ~(1UL << __QUEUE_STATE_DRV_XOFF);
}
static inline void netif_tx_stop_queue(struct netdev_queue *txq)
{
	txq->state |= 1UL << __QUEUE_STATE_DRV_XOFF;
}
static inline bool netif_tx_queue_stopped(const struct netdev_queue *txq)
{
	return txq->state & (1UL << __QUEUE_STATE_DRV_XOFF);
}
static inline bool netif_xmit_stopped(const struct netdev_queue *txq)
{
	return txq->state & ((1UL << __QUEUE_STATE_DRV_XOFF) |
			     (1UL << __QUEUE_STATE_STACK_XOFF));
}
static inline bool netif_xmit_frozen_or_stopped(const struct netdev_queue *txq)
{
	return txq->state & ((1UL << __QUEUE_STATE_DRV_XOFF) |
			     (1UL << __QUEUE_STATE_STACK_XOFF) |
			     (1UL << __QUEUE_STATE_FROZEN));
}
void netif_tx_wake_queue(struct netdev_queue *txq);	/* layers/dev.c */
void netif_tx_start_all_queues(struct net_device *dev);
static inline void netif_stop_subqueue(struct net_device *dev, u16 queue_index)
{
	netif_tx_stop_queue(netdev_get_tx_queue(dev, queue_index));
}
static inline bool __netif_subqueue_stopped(const struct net_device *dev, u16 queue_index)
{
	return netif_tx_queue_stopped(netdev_get_tx_queue(dev, queue_index));
}
/* KERNEL: static inline in 3.10's netdevice.h; in layers/dev.c to trace it. */
void netif_wake_subqueue(struct net_device *dev, u16 queue_index);

/*
 * Per-CPU queues of the device layer, include/linux/netdevice.h.  A
 * device without NAPI of its own (lo) hands frames to netif_rx, which
 * queues them on input_pkt_queue; the backlog NAPI context polls them
 * (process_backlog) like a driver's poll would.
 */
struct softnet_data {
	struct Qdisc *output_queue;	/* qdiscs waiting for NET_TX_SOFTIRQ */
	struct Qdisc **output_queue_tailp;
	struct list_head poll_list;	/* NAPI contexts waiting for NET_RX */
	struct sk_buff *completion_queue;	/* skbs freed from hard IRQ */
	struct sk_buff_head process_queue;	/* taken from input_pkt_queue, being delivered */
	struct sk_buff_head input_pkt_queue;	/* netif_rx's queue */
	struct napi_struct backlog;	/* polls them: process_backlog */
	unsigned int processed;		/* /proc/net/softnet_stat columns */
	unsigned int dropped;
	unsigned int time_squeeze;
	unsigned int cpu_collision;
};

/* How a protocol cuts a GSO skb in software (skb_gso_segment), and how
 * it merges received packets into one (GRO: layers/gro.c).
 * KERNEL: gso_send_check (the header check for packets from untrusted
 * sources) is left out. */
struct offload_callbacks {
	struct sk_buff *(*gso_segment)(struct sk_buff *skb, netdev_features_t features);
	/* Merge @skb into a held packet of @head's list if it belongs
	 * there; the address of the list link of a packet to send up now,
	 * or NULL. */
	struct sk_buff **(*gro_receive)(struct sk_buff **head, struct sk_buff *skb);
	/* Make a merged packet one that the stack above can take: 0. */
	int (*gro_complete)(struct sk_buff *skb);
};
/* ... for an Ethernet type (ip_packet_offload, layers/af_inet.c). */
struct packet_offload {
	__be16 type;			/* htons(ETH_P_IP) */
	struct offload_callbacks callbacks;
};
/* Every packet_offload, NULL-terminated (layers/gso.c). */
extern const struct packet_offload *const offload_base[];

/* ---- GRO, include/linux/netdevice.h (layers/gro.c) ---- */

/* What became of a packet napi_gro_receive was given. */
typedef enum gro_result {
	GRO_MERGED,			/* its data joined a held packet, its
					 * header did too (frag_list) */
	GRO_MERGED_FREE,		/* its data joined a held packet; the
					 * rest of it is freed */
	GRO_HELD,			/* held, for later ones to join */
	GRO_NORMAL,			/* passed up as it is */
	GRO_DROP,			/* the stack dropped it */
} gro_result_t;
const char *sim_gro_result_name(u32 ret);

/* GRO's view of a packet, in skb->cb while GRO has it. */
struct napi_gro_cb {
	int data_offset;		/* bytes of headers GRO has parsed past
					 * skb->data */
	u16 flush;			/* non-zero: send it up, merge no more */
	u16 count;			/* segments a held packet stands for */
	u8 same_flow;			/* a held packet: of the new packet's flow;
					 * the new packet: it was merged */
	u8 free;			/* NAPI_GRO_FREE: merged, free the rest */
	unsigned long age;		/* jiffies when it was first held */
	/* KERNEL: frag0/frag0_len (headers read in place from the first
	 * frag, for drivers whose skbs have no linear part: igb pulls the
	 * headers into it, so 3.10 reads them there too), proto (IPv6) and
	 * last (the frag_list path: see skb_gro_receive) omitted. */
};
#define NAPI_GRO_CB(skb)	((struct napi_gro_cb *)(skb)->cb)
#define NAPI_GRO_FREE		1
#define MAX_GRO_SKBS		8	/* packets held per NAPI context */

static inline unsigned int skb_gro_offset(const struct sk_buff *skb)
{
	return NAPI_GRO_CB(skb)->data_offset;
}
/* The bytes after the headers parsed so far: a TCP segment's payload. */
static inline unsigned int skb_gro_len(const struct sk_buff *skb)
{
	return skb->len - NAPI_GRO_CB(skb)->data_offset;
}
static inline void skb_gro_pull(struct sk_buff *skb, unsigned int len)
{
	NAPI_GRO_CB(skb)->data_offset += len;
}
/* The header at @offset, @hlen bytes of it made linear; NULL if the
 * packet is shorter.  KERNEL: 3.10 first tries skb_gro_header_fast
 * (frag0); for igb's skbs that always falls through to this. */
static inline void *skb_gro_header_slow(struct sk_buff *skb, unsigned int hlen,
					unsigned int offset)
{
	if (!pskb_may_pull(skb, hlen))
		return NULL;
	return skb->data + offset;
}
static inline void *skb_gro_network_header(const struct sk_buff *skb)
{
	return skb->data + skb_network_offset(skb);
}

void napi_gro_flush(struct napi_struct *napi, bool flush_old);
int skb_gro_receive(struct sk_buff **head, struct sk_buff *skb);	/* layers/skbuff.c */

/* can_checksum_protocol: may a device with @features finish the
 * checksum of a @protocol packet (CHECKSUM_PARTIAL)? */
static inline bool can_checksum_protocol(netdev_features_t features, __be16 protocol)
{
	return (features & NETIF_F_GEN_CSUM) ||
	       ((features & NETIF_F_V4_CSUM) && protocol == htons(ETH_P_IP)) ||
	       ((features & NETIF_F_V6_CSUM) && protocol == htons(ETH_P_IPV6));
}

/*
 * Protocol handlers and taps, include/linux/netdevice.h (dev_add_pack).
 * A handler (ip_rcv, arp_rcv) takes one EtherType; a tap takes
 * htons(ETH_P_ALL): every frame leaving or arriving, tcpdump's view.
 */
struct packet_type {
	__be16 type;			/* htons(ETH_P_IP), or htons(ETH_P_ALL) for a tap */
	struct net_device *dev;		/* only this device's frames; NULL: every device */
	int (*func)(struct sk_buff *skb, struct net_device *dev,
		    struct packet_type *pt, struct net_device *orig_dev);
	struct list_head list;		/* on the host's ptype_base or ptype_all */
	/* KERNEL: af_packet_priv and id_match (a packet socket never gets
	 * back what it sent itself) left out: netstep's taps only read. */
};

/* layers/dev.c */
struct net_device *alloc_netdev_mqs(struct net *net, size_t sizeof_priv, const char *name,
				    void (*setup)(struct net_device *), unsigned int txqs);
struct net_device *alloc_etherdev_mq(struct net *net, const char *name,
				     unsigned int txqs, size_t sizeof_priv);
int register_netdev(struct net_device *dev);
void free_netdev(struct net_device *dev);
int dev_open(struct net_device *dev);
int netif_set_real_num_tx_queues(struct net_device *dev, unsigned int txq);
void dev_close(struct net_device *dev);

/*
 * Notifier chains, include/linux/notifier.h and netdevice.h: a layer
 * that must hear about a device going down (the fib, and through it ARP)
 * registers a block; dev_close() calls the chain with NETDEV_DOWN.
 * KERNEL: the kernel's netdev_chain is one global chain and carries a
 * dozen events; netstep keeps one chain per struct net and sends
 * NETDEV_DOWN only.
 */
#define NETDEV_UP	0x0001
#define NETDEV_DOWN	0x0002
#define NOTIFY_DONE	0x0000
struct notifier_block {
	int (*notifier_call)(struct notifier_block *nb, unsigned long action, void *ptr);
	struct notifier_block *next;	/* the chain, in registration order */
};
int register_netdevice_notifier(struct net *net, struct notifier_block *nb);
int call_netdevice_notifiers(unsigned long val, struct net_device *dev);
int dev_set_mtu(struct net_device *dev, int new_mtu);
void dev_add_pack(struct net *net, struct packet_type *pt);
void dev_remove_pack(struct net *net, struct packet_type *pt);
int dev_queue_xmit(struct sk_buff *skb);
struct netdev_queue *netdev_pick_tx(struct net_device *dev, struct sk_buff *skb);

/* How netdev_pick_tx chose the queue (how= in its trace). */
enum sim_pick_tx_how {
	SIM_PICK_TX_SINGLE,		/* the device has one */
	SIM_PICK_TX_XPS,		/* the XPS map of our CPU */
	SIM_PICK_TX_HASH,		/* skb_tx_hash */
};
const char *sim_pick_tx_how_name(u32 how);
/* The way __dev_xmit_skb sent an skb (path= of its net_xmit_path notes). */
enum sim_xmit_path {
	SIM_XMIT_BYPASS,		/* an idle qdisc skipped: straight to the driver */
	SIM_XMIT_ENQUEUE,		/* through the qdisc */
	SIM_XMIT_DROP,			/* none: the qdisc is deactivated */
};
const char *sim_xmit_path_name(u32 path);

int dev_hard_start_xmit(struct sk_buff *skb, struct net_device *dev,
			struct netdev_queue *txq);
int netif_receive_skb(struct sk_buff *skb);
int netif_rx(struct sk_buff *skb);	/* a frame from a device without NAPI (lo) */
gro_result_t napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb);
void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
		    int (*poll)(struct napi_struct *, int), int weight);
void netif_napi_del(struct napi_struct *napi);
void napi_schedule(struct napi_struct *n);
void napi_complete(struct napi_struct *n);
void napi_enable(struct napi_struct *n);
void napi_disable(struct napi_struct *n);
void dev_kfree_skb_any(struct sk_buff *skb);
void net_dev_init(struct net *net);	/* opens NET_TX/NET_RX softirqs */
struct net_device *dev_get_by_name(struct net *net, const char *name);
struct net_device *dev_get_by_index(struct net *net, int ifindex);

/* drivers/net/loopback.c: layers/loopback.c.  Registers @net's "lo"
 * (net->loopback_dev); 0 or -Exxx. */
int loopback_net_init(struct net *net);

/* net/ethernet/eth.c: layers/eth.c */
void ether_setup(struct net_device *dev);
int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const void *daddr, const void *saddr, unsigned int len);
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);
extern const struct header_ops eth_header_ops;
static inline int dev_hard_header(struct sk_buff *skb, struct net_device *dev,
				  unsigned short type, const void *daddr,
				  const void *saddr, unsigned int len)
{
	if (!dev->header_ops || !dev->header_ops->create)
		return 0;
	return dev->header_ops->create(skb, dev, type, daddr, saddr, len);
}

struct ethhdr {
	unsigned char h_dest[ETH_ALEN];
	unsigned char h_source[ETH_ALEN];
	__be16 h_proto;
} __attribute__((packed));

static inline struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)skb_mac_header(skb);
}

#endif
