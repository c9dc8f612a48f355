/*
 * events/net.h - tracepoints of layers/dev.c, layers/eth.c and layers/loopback.c
 * (net/core/dev.c, net/ethernet/eth.c, drivers/net/loopback.c),
 * and of the taps' reader, sim/af_packet.c (in place of net/packet/af_packet.c).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_NET_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_NET_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM net

#include "kernel/trace_event.h"
#include "layers/netdevice.h"
#include "layers/neighbour.h"
#include "layers/sch_generic.h"

/* ---- layers/dev.c ---------------------------------------------------------- */

/* A device is allocated: its name, TX queues and driver data. */
DECLARE_EVENT_CLASS(netdev_alloc,
	TP_PROTO(const struct net *net, const char *name, unsigned int txqs,
		 size_t sizeof_priv),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(name)
		tp_u32(txqs)
		tp_u64(priv)),
	TP_ASSIGN(
		__entry->name = name;
		__entry->txqs = txqs;
		__entry->priv = sizeof_priv;))
DEFINE_EVENT(netdev_alloc, alloc_netdev_mqs, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *name, unsigned int txqs,
		 size_t sizeof_priv), TP_ARGS(net, name, txqs, sizeof_priv))
#define trace_alloc_netdev_mqs(...) TP_FUNC(alloc_netdev_mqs, __VA_ARGS__)
/* KERNEL: a macro for alloc_etherdev_mqs (net/ethernet/eth.c). */
DEFINE_EVENT(netdev_alloc, alloc_etherdev_mq, "include/linux/etherdevice.h", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *name, unsigned int txqs,
		 size_t sizeof_priv), TP_ARGS(net, name, txqs, sizeof_priv))
#define trace_alloc_etherdev_mq(...) TP_FUNC(alloc_etherdev_mq, __VA_ARGS__)

TRACE_EVENT(netif_set_real_num_tx_queues, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, unsigned int txq),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(txq)
		tp_u32(num_tx_queues)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->txq = txq;
		__entry->num_tx_queues = dev->num_tx_queues;))
#define trace_netif_set_real_num_tx_queues(...) TP_FUNC(netif_set_real_num_tx_queues, __VA_ARGS__)

/* ifindex is the one the device is about to get. */
TRACE_EVENT(register_netdev, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_s32(ifindex)
		tp_u32(txqs)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->ifindex = (dev->flags & IFF_LOOPBACK) ? LOOPBACK_IFINDEX :
				   dev_net(dev)->ndevs + LOOPBACK_IFINDEX + 1;
		__entry->txqs = dev->num_tx_queues;))
#define trace_register_netdev(...) TP_FUNC(register_netdev, __VA_ARGS__)

/* An event about a device that prints only its name: dev=eth0.  Other
 * subsystems' events use it too (qdisc, fib, neigh, igb), handing over
 * the net_device behind their own object. */
DECLARE_EVENT_CLASS(netdev,
	TP_PROTO(const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)),
	TP_ASSIGN(
		__entry->dev = dev->name;))
DEFINE_EVENT(netdev, free_netdev, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_free_netdev(...) TP_FUNC(free_netdev, __VA_ARGS__)

DEFINE_EVENT(netdev, dev_open, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_dev_open(...) TP_FUNC(dev_open, __VA_ARGS__)

DEFINE_EVENT(netdev, dev_close, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_dev_close(...) TP_FUNC(dev_close, __VA_ARGS__)

#ifndef NETSTEP_EVENTS_NET_HELPERS_NOTIFY
#define NETSTEP_EVENTS_NET_HELPERS_NOTIFY
/* The names of the netdevice events netstep sends. */
static inline const char *
sim_netdev_cmd_name(u32 cmd)
{
	return cmd == NETDEV_UP ? "NETDEV_UP" : cmd == NETDEV_DOWN ? "NETDEV_DOWN" : NULL;
}
#endif

DECLARE_EVENT_CLASS(netdev_cmd,
	TP_PROTO(const struct net_device *dev, unsigned long cmd),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_enum8(event, sim_netdev_cmd_name)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->event = (u8)cmd;))
DEFINE_EVENT(netdev_cmd, call_netdevice_notifiers, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, unsigned long cmd), TP_ARGS(dev, cmd))
#define trace_call_netdevice_notifiers(...) TP_FUNC(call_netdevice_notifiers, __VA_ARGS__)

TRACE_EVENT(dev_set_mtu, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, int new_mtu),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(old)
		tp_s32(new)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->old = dev->mtu;
		__entry->new = new_mtu;))
#define trace_dev_set_mtu(...) TP_FUNC(dev_set_mtu, __VA_ARGS__)

/* A handler or a tap (type 0x0003, ETH_P_ALL) registered or removed. */
DECLARE_EVENT_CLASS(dev_pack,
	TP_PROTO(const struct net *net, const struct packet_type *pt),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_x32w(type, 4)),
	TP_ASSIGN(
		__entry->type = ntohs(pt->type);))
DEFINE_EVENT(dev_pack, dev_add_pack, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct packet_type *pt), TP_ARGS(net, pt))
#define trace_dev_add_pack(...) TP_FUNC(dev_add_pack, __VA_ARGS__)
DEFINE_EVENT(dev_pack, dev_remove_pack, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct packet_type *pt), TP_ARGS(net, pt))
#define trace_dev_remove_pack(...) TP_FUNC(dev_remove_pack, __VA_ARGS__)

/* @users: the skb's references before the handler gets its own; @type:
 * the handler's, 0x0003 for a tap. */
TRACE_EVENT(deliver_skb, "net/core/dev.c", TP_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct packet_type *pt_prev,
		 const struct net_device *orig_dev),
	TP_HOST(dev_net(orig_dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_x32w(type, 4)
		tp_s32(users)),
	TP_ASSIGN(
		__entry->dev = orig_dev->name;
		__entry->type = ntohs(pt_prev->type);
		__entry->users = skb->users;))
#define trace_deliver_skb(...) TP_FUNC(deliver_skb, __VA_ARGS__)

/* @taps: how many taps see @dev (they share one clone). */
TRACE_EVENT(dev_queue_xmit_nit, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)
		tp_u32(taps)),
	TP_ASSIGN(
		const struct packet_type *pt;

		__entry->dev = dev->name;
		__entry->len = skb->len;
		__entry->taps = 0;
		list_for_each_entry(pt, &dev_net(dev)->ptype_all, list)
			__entry->taps += !pt->dev || pt->dev == dev;))
#define trace_dev_queue_xmit_nit(...) TP_FUNC(dev_queue_xmit_nit, __VA_ARGS__)

/* @how: the way @queue_index was chosen (one queue, XPS or a hash). */
TRACE_EVENT(netdev_pick_tx, "net/core/flow_dissector.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, const struct sk_buff *skb, int queue_index,
		 enum sim_pick_tx_how how),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_s32(queue)
		tp_enum8(how, sim_pick_tx_how_name)
		tp_u32(txqs)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->queue = queue_index;
		__entry->how = (u8)how;
		__entry->txqs = dev->real_num_tx_queues;))
#define trace_netdev_pick_tx(...) TP_FUNC(netdev_pick_tx, __VA_ARGS__)

TRACE_EVENT(dev_hard_start_xmit, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct net_device *dev,
		 const struct netdev_queue *txq),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(queue)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->queue = txq->index;
		__entry->len = skb->len;))
#define trace_dev_hard_start_xmit(...) TP_FUNC(dev_hard_start_xmit, __VA_ARGS__)

/* The driver's answer (the kernel's net_dev_xmit event).  The skb may be
 * freed by then: its id and length were read before. */
TRACE_NOTE_EVENT(net_dev_xmit, "net/core/dev.c",
	TP_PROTO(const struct net_device *dev, const struct netdev_queue *txq, u32 id,
		 unsigned int len, int rc),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(skb)
		tp_str(dev)
		tp_u32(queue)
		tp_u32(len)
		tp_s32(rc)),
	TP_ASSIGN(
		__entry->skb = id;
		__entry->dev = dev->name;
		__entry->queue = txq->index;
		__entry->len = len;
		__entry->rc = rc;))
#define trace_net_dev_xmit(...) TP_NOTE(net_dev_xmit, __VA_ARGS__)

TRACE_EVENT(__dev_xmit_skb, "net/core/dev.c", TP_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct Qdisc *q, const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_str(qdisc)
		tp_u32(qlen)
		tp_u8(running)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->qdisc = q->ops->id;
		__entry->qlen = qdisc_qlen(q);
		__entry->running = qdisc_is_running(q);))
#define trace___dev_xmit_skb(...) TP_FUNC(__dev_xmit_skb, __VA_ARGS__)

/* __dev_xmit_skb: the way the skb goes, bypass (an idle qdisc is
 * skipped) or enqueue, and the qdisc length before it. */
TRACE_NOTE_EVENT(net_xmit_path, "net/core/dev.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const struct Qdisc *q,
		 enum sim_xmit_path path),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(path, sim_xmit_path_name)
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->path = (u8)path;
		__entry->qlen = qdisc_qlen(q);))
#define trace_net_xmit_path(...) TP_NOTE(net_xmit_path, __VA_ARGS__)

/* __dev_xmit_skb: the third way, a drop (the qdisc is deactivated). */
TRACE_NOTE_EVENT(net_xmit_path_drop, "net/core/dev.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(path, sim_xmit_path_name)
		tp_str(reason)),
	TP_ASSIGN(
		__entry->path = SIM_XMIT_DROP;
		__entry->reason = reason;))
#define trace_net_xmit_path_drop(...) TP_NOTE(net_xmit_path_drop, __VA_ARGS__)

TRACE_EVENT(dev_queue_xmit, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(dev_net(skb->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)
		tp_u32(prio)),
	TP_ASSIGN(
		__entry->dev = skb->dev->name;
		__entry->len = skb->len;
		__entry->prio = skb->priority;))
#define trace_dev_queue_xmit(...) TP_FUNC(dev_queue_xmit, __VA_ARGS__)

/* dev_queue_xmit: a device without a queue could not send the skb. */
TRACE_NOTE_EVENT(net_xmit_drop, "net/core/dev.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason,
		 const struct net_device *dev),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_str(dev)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->dev = dev->name;))
#define trace_net_xmit_drop(...) TP_NOTE(net_xmit_drop, __VA_ARGS__)

TRACE_EVENT(__netif_reschedule, "net/core/dev.c", TP_INLINE,
	TP_PROTO(const struct Qdisc *q),
	TP_HOST(sim_qdisc_net(q)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(qdisc)
		tp_str(dev)
		tp_u32(queue)),
	TP_ASSIGN(
		__entry->qdisc = q->ops->id;
		__entry->dev = qdisc_dev(q)->name;
		__entry->queue = q->dev_queue->index;))
#define trace___netif_reschedule(...) TP_FUNC(__netif_reschedule, __VA_ARGS__)

/* @was_sched: the qdisc is on the output_queue already. */
TRACE_EVENT(__netif_schedule, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *q, bool was_sched),
	TP_HOST(sim_qdisc_net(q)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(qdisc)
		tp_u8(already)),
	TP_ASSIGN(
		__entry->qdisc = q->ops->id;
		__entry->already = was_sched;))
#define trace___netif_schedule(...) TP_FUNC(__netif_schedule, __VA_ARGS__)

/* Which of the two softnet lists has work. */
TRACE_EVENT(net_tx_action, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(completion)
		tp_u8(output)),
	TP_ASSIGN(
		__entry->completion = net->sd.completion_queue != NULL;
		__entry->output = net->sd.output_queue != NULL;))
#define trace_net_tx_action(...) TP_FUNC(net_tx_action, __VA_ARGS__)

/* netif_tx_wake_queue and netif_wake_subqueue (which 3.10 writes out
 * again rather than calling the first) print the same. */
DECLARE_EVENT_CLASS(netdev_queue_wake,
	TP_PROTO(const struct netdev_queue *txq, bool was_stopped),
	TP_HOST(dev_net(txq->dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(queue)
		tp_u8(was_stopped)),
	TP_ASSIGN(
		__entry->dev = txq->dev->name;
		__entry->queue = txq->index;
		__entry->was_stopped = was_stopped;))
DEFINE_EVENT(netdev_queue_wake, netif_tx_wake_queue, "include/linux/netdevice.h", TP_INLINE,
	TP_PROTO(const struct netdev_queue *txq, bool was_stopped), TP_ARGS(txq, was_stopped))
#define trace_netif_tx_wake_queue(...) TP_FUNC(netif_tx_wake_queue, __VA_ARGS__)
DEFINE_EVENT(netdev_queue_wake, netif_wake_subqueue, "include/linux/netdevice.h", TP_INLINE,
	TP_PROTO(const struct netdev_queue *txq, bool was_stopped), TP_ARGS(txq, was_stopped))
#define trace_netif_wake_subqueue(...) TP_FUNC(netif_wake_subqueue, __VA_ARGS__)

/* A device and how many TX queues it has (mq makes a child qdisc for each). */
DECLARE_EVENT_CLASS(netdev_txqs,
	TP_PROTO(const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(txqs)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->txqs = dev->num_tx_queues;))
DEFINE_EVENT(netdev_txqs, netif_tx_start_all_queues, "include/linux/netdevice.h", TP_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_netif_tx_start_all_queues(...) TP_FUNC(netif_tx_start_all_queues, __VA_ARGS__)

TRACE_EVENT(dev_kfree_skb_irq, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(users)),
	TP_ASSIGN(
		__entry->users = skb->users;))
#define trace_dev_kfree_skb_irq(...) TP_FUNC(dev_kfree_skb_irq, __VA_ARGS__)

TRACE_EVENT(dev_kfree_skb_any, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(in_irq)),
	TP_ASSIGN(
		__entry->in_irq = skb->host->cpu.in_irq;))
#define trace_dev_kfree_skb_any(...) TP_FUNC(dev_kfree_skb_any, __VA_ARGS__)

/* A device's NAPI context and its weight (packets per poll). */
DECLARE_EVENT_CLASS(netdev_weight,
	TP_PROTO(const struct net_device *dev, int weight),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_s32(weight)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->weight = weight;))
DEFINE_EVENT(netdev_weight, netif_napi_add, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, int weight), TP_ARGS(dev, weight))
#define trace_netif_napi_add(...) TP_FUNC(netif_napi_add, __VA_ARGS__)

DEFINE_EVENT(netdev, napi_enable, "include/linux/netdevice.h", TP_INLINE,
	TP_PROTO(const struct napi_struct *n), TP_ARGS(n->dev))
#define trace_napi_enable(...) TP_FUNC(napi_enable, __VA_ARGS__)

DEFINE_EVENT(netdev, napi_disable, "include/linux/netdevice.h", TP_INLINE,
	TP_PROTO(const struct napi_struct *n), TP_ARGS(n->dev))
#define trace_napi_disable(...) TP_FUNC(napi_disable, __VA_ARGS__)

/* dev=backlog: the CPU's backlog context (netif_rx), which has no device. */
TRACE_EVENT(____napi_schedule, "net/core/dev.c", TP_INLINE,
	TP_PROTO(const struct softnet_data *sd, const struct napi_struct *n),
	TP_HOST(sim_softnet_net(sd)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_s32(weight)),
	TP_ASSIGN(
		__entry->dev = n->dev ? n->dev->name : "backlog";
		__entry->weight = n->weight;))
#define trace_____napi_schedule(...) TP_FUNC(____napi_schedule, __VA_ARGS__)

TRACE_EVENT(napi_schedule, "include/linux/netdevice.h", TP_INLINE,
	TP_PROTO(const struct napi_struct *n),
	TP_HOST(dev_net(n->dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_x64(state)),
	TP_ASSIGN(
		__entry->dev = n->dev->name;
		__entry->state = n->state;))
#define trace_napi_schedule(...) TP_FUNC(napi_schedule, __VA_ARGS__)

DEFINE_EVENT(netdev, napi_complete, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct napi_struct *n), TP_ARGS(n->dev))
#define trace_napi_complete(...) TP_FUNC(napi_complete, __VA_ARGS__)

TRACE_EVENT(net_rx_action, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int budget),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(budget)),
	TP_ASSIGN(
		__entry->budget = budget;))
#define trace_net_rx_action(...) TP_FUNC(net_rx_action, __VA_ARGS__)

/* net_rx_action gave up with work left (budget or time used up): the
 * softnet_stat squeeze counter, already counted, and what budget remained. */
TRACE_NOTE_EVENT(net_rx_squeeze, "net/core/dev.c",
	TP_PROTO(const struct net *net, int budget),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(time_squeeze)
		tp_s32(budget)),
	TP_ASSIGN(
		__entry->time_squeeze = net->sd.time_squeeze;
		__entry->budget = budget;))
#define trace_net_rx_squeeze(...) TP_NOTE(net_rx_squeeze, __VA_ARGS__)

TRACE_EVENT(__netif_receive_skb_core, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(dev_net(skb->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_x32w(proto, 4)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->dev = skb->dev->name;
		__entry->proto = ntohs(skb->protocol);
		__entry->len = skb->len;))
#define trace___netif_receive_skb_core(...) TP_FUNC(__netif_receive_skb_core, __VA_ARGS__)

/* No packet_type for the skb's EtherType: dropped. */
TRACE_NOTE_EVENT(net_rx_unknown_proto, "net/core/dev.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, __be16 type),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_x32w(proto, 4)),
	TP_ASSIGN(
		__entry->reason = "unknown_protocol";
		__entry->proto = ntohs(type);))
#define trace_net_rx_unknown_proto(...) TP_NOTE(net_rx_unknown_proto, __VA_ARGS__)

TRACE_EVENT(netif_receive_skb, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(dev_net(skb->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)
		tp_x32w(proto, 4)),
	TP_ASSIGN(
		__entry->dev = skb->dev->name;
		__entry->len = skb->len;
		__entry->proto = ntohs(skb->protocol);))
#define trace_netif_receive_skb(...) TP_FUNC(netif_receive_skb, __VA_ARGS__)

/* An skb on a device: the device's name and the skb's length. */

DECLARE_EVENT_CLASS(netdev_skb_len,
	TP_PROTO(const struct net_device *dev, const struct sk_buff *skb),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->len = skb->len;))
DEFINE_EVENT(netdev_skb_len, napi_gro_receive, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct napi_struct *napi, const struct sk_buff *skb),
	TP_ARGS(napi->dev, skb))
#define trace_napi_gro_receive(...) TP_FUNC(napi_gro_receive, __VA_ARGS__)

/* ---- netif_rx and the backlog ------------------------------------------------ */

DEFINE_EVENT(netdev_skb_len, netif_rx, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb->dev, skb))
#define trace_netif_rx(...) TP_FUNC(netif_rx, __VA_ARGS__)

/* qlen: frames already waiting on input_pkt_queue. */
TRACE_EVENT(enqueue_to_backlog, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct softnet_data *sd),
	TP_HOST(sim_softnet_net(sd)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(qlen)
		tp_u8(scheduled)),
	TP_ASSIGN(
		__entry->qlen = skb_queue_len(&sd->input_pkt_queue);
		__entry->scheduled = (sd->backlog.state & (1UL << NAPI_STATE_SCHED)) != 0;))
#define trace_enqueue_to_backlog(...) TP_FUNC(enqueue_to_backlog, __VA_ARGS__)

/* The backlog is over netdev_max_backlog: the frame is dropped. */
TRACE_NOTE_EVENT(net_rx_backlog_drop, "net/core/dev.c",
	TP_PROTO(const struct sk_buff *skb, const struct softnet_data *sd),
	TP_HOST(sim_softnet_net(sd)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(dropped)),
	TP_ASSIGN(
		__entry->reason = "backlog_full";
		__entry->dropped = sd->dropped;))
#define trace_net_rx_backlog_drop(...) TP_NOTE(net_rx_backlog_drop, __VA_ARGS__)

/* waiting: frames on process_queue and input_pkt_queue. */
TRACE_EVENT(process_backlog, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct softnet_data *sd, int quota),
	TP_HOST(sim_softnet_net(sd)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(quota)
		tp_u32(waiting)),
	TP_ASSIGN(
		__entry->quota = quota;
		__entry->waiting = skb_queue_len(&sd->process_queue) +
				   skb_queue_len(&sd->input_pkt_queue);))
#define trace_process_backlog(...) TP_FUNC(process_backlog, __VA_ARGS__)

DEFINE_EVENT(netdev, flush_backlog, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_flush_backlog(...) TP_FUNC(flush_backlog, __VA_ARGS__)


TRACE_EVENT(net_dev_init, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(host)),
	TP_ASSIGN(
		__entry->host = net->name;))
#define trace_net_dev_init(...) TP_FUNC(net_dev_init, __VA_ARGS__)

/* ---- sim/af_packet.c: the taps' reader ---------------------------------------- */

/* The frame a packet socket copies for tcpdump (@len from the Ethernet
 * header on), which way it went (pkt_type 4: PACKET_OUTGOING). */
TRACE_EVENT(sim_packet_rcv, "net/packet/af_packet.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct net_device *dev, unsigned int len),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)
		tp_u8(pkt_type)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->len = len;
		__entry->pkt_type = skb->pkt_type;))
#define trace_sim_packet_rcv(...) TP_FUNC(sim_packet_rcv, __VA_ARGS__)

/* ---- layers/loopback.c ----------------------------------------------------- */

DEFINE_EVENT(netdev_skb_len, loopback_xmit, "drivers/net/loopback.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct net_device *dev), TP_ARGS(dev, skb))
#define trace_loopback_xmit(...) TP_FUNC(loopback_xmit, __VA_ARGS__)

/* NOTE: dev->nd_net is set before setup runs (alloc_netdev_mqs). */
DEFINE_EVENT(netdev, loopback_setup, "drivers/net/loopback.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_loopback_setup(...) TP_FUNC(loopback_setup, __VA_ARGS__)

TRACE_EVENT(loopback_net_init, "drivers/net/loopback.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(exists)),
	TP_ASSIGN(
		__entry->exists = net->loopback_dev != NULL;))
#define trace_loopback_net_init(...) TP_FUNC(loopback_net_init, __VA_ARGS__)

/* ---- layers/eth.c ---------------------------------------------------------- */

TRACE_EVENT(eth_header, "net/ethernet/eth.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct net_device *dev, unsigned short type,
		 const void *daddr),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_x32w(type, 4)
		tp_u32(len)
		tp_mac0(daddr)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->type = type;
		__entry->len = skb->len;
		tp_set_mac0(__entry->daddr, daddr);))
#define trace_eth_header(...) TP_FUNC(eth_header, __VA_ARGS__)

/* eth_header: no destination MAC yet; the header is pushed anyway. */
TRACE_NOTE_EVENT(eth_no_daddr, "net/ethernet/eth.c",
	TP_PROTO(const struct net_device *dev, const struct sk_buff *skb, int ret),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(ret)),
	TP_ASSIGN(
		__entry->reason = "no_daddr";
		__entry->ret = ret;))
#define trace_eth_no_daddr(...) TP_NOTE(eth_no_daddr, __VA_ARGS__)

DEFINE_EVENT(netdev_skb_len, eth_type_trans, "net/ethernet/eth.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct net_device *dev), TP_ARGS(dev, skb))
#define trace_eth_type_trans(...) TP_FUNC(eth_type_trans, __VA_ARGS__)

/* eth_type_trans: a frame shorter than an Ethernet header. */
DEFINE_NOTE_EVENT(reason_len, eth_runt, "net/ethernet/eth.c",
	TP_PROTO(const struct net_device *dev, const struct sk_buff *skb),
	TP_ARGS(dev_net(dev), skb, "runt", skb->len))
#define trace_eth_runt(...) TP_NOTE(eth_runt, __VA_ARGS__)

/* A device and the link-layer address a cached header gets. */
DECLARE_EVENT_CLASS(netdev_lladdr,
	TP_PROTO(const struct net_device *dev, const unsigned char *lladdr),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_mac(lladdr)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		memcpy(__entry->lladdr, lladdr, ETH_ALEN);))
DEFINE_EVENT(netdev_lladdr, eth_header_cache, "net/ethernet/eth.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh), TP_ARGS(neigh->dev, neigh->ha))
#define trace_eth_header_cache(...) TP_FUNC(eth_header_cache, __VA_ARGS__)

DEFINE_EVENT(netdev_lladdr, eth_header_cache_update, "net/ethernet/eth.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, const unsigned char *haddr), TP_ARGS(dev, haddr))
#define trace_eth_header_cache_update(...) TP_FUNC(eth_header_cache_update, __VA_ARGS__)

/* dev->nd_net may still be NULL here; nothing is recorded then. */
TRACE_EVENT(ether_setup, "net/ethernet/eth.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev),
	TP_HOST(dev->nd_net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(mtu)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->mtu = ETH_DATA_LEN;))
#define trace_ether_setup(...) TP_FUNC(ether_setup, __VA_ARGS__)

#endif
