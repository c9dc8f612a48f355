/*
 * events/offload.h - tracepoints of a device's features and of what the
 * stack does in software when the device cannot: the feature rules of
 * layers/dev.c (net/core/dev.c) and layers/ethtool.c (net/core/ethtool.c),
 * software segmentation (layers/gso.c, net/core/dev.c in 3.10, and the
 * protocols' callbacks) and checksumming (skb_checksum_help).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_OFFLOAD_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_OFFLOAD_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM net

#include "kernel/trace_event.h"
#include "layers/netdevice.h"

#define tp_features(n)	tp_custom(n, netdev_features_t, sim_netdev_features_print)

/* ---- features (layers/dev.c) ---------------------------------------------------- */

TRACE_EVENT(__netdev_update_features, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, netdev_features_t wanted),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_features(features)
		tp_features(wanted)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->features = dev->features;
		__entry->wanted = wanted;))
#define trace___netdev_update_features(...) TP_FUNC(__netdev_update_features, __VA_ARGS__)

TRACE_EVENT(netdev_fix_features, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, netdev_features_t features),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_features(features)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->features = features;))
#define trace_netdev_fix_features(...) TP_FUNC(netdev_fix_features, __VA_ARGS__)

/* netdev_fix_features: a rule removed @dropped, with the kernel's message
 * (netdev_dbg; netdev_warn for the checksum one). */
TRACE_NOTE_EVENT(netdev_feature_dropped, "net/core/dev.c",
	TP_PROTO(const struct net_device *dev, netdev_features_t dropped, const char *msg),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_features(dropped)
		tp_str(msg)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->dropped = dropped;
		__entry->msg = msg;))
#define trace_netdev_feature_dropped(...) TP_NOTE(netdev_feature_dropped, __VA_ARGS__)

/* __netdev_update_features: "Features changed: old -> new" (netdev_dbg). */
TRACE_NOTE_EVENT(netdev_features_changed, "net/core/dev.c",
	TP_PROTO(const struct net_device *dev, netdev_features_t features),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_features(old)
		tp_features(new)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->old = dev->features;
		__entry->new = features;))
#define trace_netdev_features_changed(...) TP_NOTE(netdev_features_changed, __VA_ARGS__)

/* ---- software offloads on transmit ------------------------------------------------ */

/* netif_skb_features: what the device can do for this skb (after the
 * per-skb narrowing: too many segments, a protocol it cannot sum). */
TRACE_NOTE_EVENT(netif_skb_features, "net/core/dev.c",
	TP_PROTO(const struct sk_buff *skb, netdev_features_t features),
	TP_HOST(dev_net(skb->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_features(features)
		tp_u16(gso_size)
		tp_u16(gso_segs)
		tp_u32(data_len)),
	TP_ASSIGN(
		__entry->features = features;
		__entry->gso_size = skb_shinfo(skb)->gso_size;
		__entry->gso_segs = skb_shinfo(skb)->gso_segs;
		__entry->data_len = skb->data_len;))
#define trace_netif_skb_features(...) TP_NOTE(netif_skb_features, __VA_ARGS__)

TRACE_EVENT(dev_gso_segment, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, netdev_features_t features),
	TP_HOST(dev_net(skb->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u16(gso_size)
		tp_u16(gso_segs)
		tp_features(features)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->gso_size = skb_shinfo(skb)->gso_size;
		__entry->gso_segs = skb_shinfo(skb)->gso_segs;
		__entry->features = features;))
#define trace_dev_gso_segment(...) TP_FUNC(dev_gso_segment, __VA_ARGS__)

TRACE_EVENT(skb_checksum_help, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(csum_start)
		tp_u16(csum_offset)
		tp_u32(data_len)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->csum_start = skb_checksum_start_offset(skb);
		__entry->csum_offset = skb->csum_offset;
		__entry->data_len = skb->data_len;))
#define trace_skb_checksum_help(...) TP_FUNC(skb_checksum_help, __VA_ARGS__)

/* ---- layers/gso.c -------------------------------------------------------------------- */

TRACE_EVENT(__skb_gso_segment, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, bool tx_path),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u8(tx_path)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->tx_path = tx_path;))
#define trace___skb_gso_segment(...) TP_FUNC(__skb_gso_segment, __VA_ARGS__)

TRACE_EVENT(skb_mac_gso_segment, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(mac_len)
		tp_x16(type)),
	TP_ASSIGN(
		__entry->mac_len = skb->mac_len;
		__entry->type = ntohs(skb->protocol);))
#define trace_skb_mac_gso_segment(...) TP_FUNC(skb_mac_gso_segment, __VA_ARGS__)

/* What segmentation made: @segs skbs of up to @mss bytes of payload. */
TRACE_NOTE_EVENT(gso_segs_made, "net/core/dev.c",
	TP_PROTO(const struct sk_buff *skb, const struct sk_buff *segs),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(segs)
		tp_skb(first)
		tp_u16(mss)),
	TP_ASSIGN(
		__entry->segs = 0;
		for (const struct sk_buff *s = segs; s; s = s->next)
			__entry->segs++;
		__entry->first = segs->id;
		__entry->mss = skb_shinfo(skb)->gso_size;))
#define trace_gso_segs_made(...) TP_NOTE(gso_segs_made, __VA_ARGS__)

/* ---- the protocols' offload callbacks --------------------------------------------- */

TRACE_EVENT(inet_gso_segment, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_x16(gso_type)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->gso_type = skb_shinfo(skb)->gso_type;))
#define trace_inet_gso_segment(...) TP_FUNC(inet_gso_segment, __VA_ARGS__)

TRACE_EVENT(tcp_tso_segment, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u16(mss)
		tp_u16(gso_segs)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->mss = skb_shinfo(skb)->gso_size;
		__entry->gso_segs = skb_shinfo(skb)->gso_segs;))
#define trace_tcp_tso_segment(...) TP_FUNC(tcp_tso_segment, __VA_ARGS__)

/* ---- layers/ethtool.c ---------------------------------------------------------------- */

TRACE_EVENT(ethtool_get_features, "net/core/ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_features(active)
		tp_features(available)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->active = dev->features;
		__entry->available = dev->hw_features;))
#define trace_ethtool_get_features(...) TP_FUNC(ethtool_get_features, __VA_ARGS__)

TRACE_EVENT(ethtool_set_features, "net/core/ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, netdev_features_t valid, netdev_features_t wanted),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_features(valid)
		tp_features(wanted)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->valid = valid;
		__entry->wanted = wanted & valid;))
#define trace_ethtool_set_features(...) TP_FUNC(ethtool_set_features, __VA_ARGS__)

#endif
