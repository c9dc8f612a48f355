/*
 * layers/gso.c - Generic Segmentation Offload: cutting a GSO skb into
 * the packets a device without TSO cannot cut itself.
 *
 * Mirrors skb_mac_gso_segment and __skb_gso_segment of net/core/dev.c
 * (Linux 3.10; since 6.4 they live in net/core/gso.c, hence this file's
 * name).  dev_hard_start_xmit (layers/dev.c) calls dev_gso_segment ->
 * skb_gso_segment when netif_needs_gso says the device cannot take the
 * skb as it is; the work goes down the offload callbacks, one per
 * layer, each peeling its header:
 *
 *   skb_mac_gso_segment (Ethernet: mac_len bytes, then by skb->protocol)
 *     -> inet_gso_segment (layers/af_inet.c: the IP header; afterwards
 *        each segment's IP ID, total length and header checksum)
 *       -> tcp_tso_segment (layers/tcp.c: the TCP header; afterwards each
 *          segment's sequence number, flags and checksum)
 *         -> skb_segment (layers/skbuff.c: the cutting itself)
 *
 * Read before: layers/dev.c (dev_hard_start_xmit).  Read after:
 * layers/af_inet.c, layers/tcp.c, layers/skbuff.c.
 *
 * Left out: GSO on the receive path (openvswitch), tunnels (the
 * SKB_GSO_CB mac_offset), and the header check of packets from untrusted
 * sources (gso_send_check): every GSO skb here is TCP's own, with
 * CHECKSUM_PARTIAL.
 */
#include "layers/netdevice.h"
#include "layers/ip.h"
#include "events/offload.h"

static const char KSRC[] = "net/core/dev.c";

/*
 * KERNEL: offload_base is a list each protocol family joins at boot
 * (dev_add_offload(&ip_packet_offload) in inet_init); netstep speaks
 * IPv4 only, so the list is a constant.  GRO (layers/gro.c) walks it too.
 */
const struct packet_offload *const offload_base[] = {
	&ip_packet_offload,
	NULL,
};

/**
 * skb_mac_gso_segment - segment @skb at the link layer: skip its
 * mac_len bytes, hand it to the offload of its network protocol
 * @skb: skb->data at the MAC header; not consumed, and its data pointer
 *	is back at the MAC header afterwards
 *
 * Returns the segments (linked through ->next), or an ERR_PTR:
 * -EPROTONOSUPPORT when no protocol segments this type.
 */
struct sk_buff *
skb_mac_gso_segment(struct sk_buff *skb, netdev_features_t features)
{
	struct sk_buff *segs = ERR_PTR(-EPROTONOSUPPORT);
	__be16 type = skb->protocol;	/* skb_network_protocol: no VLANs */

	trace_skb_mac_gso_segment(skb);
	if (unlikely(!type))
		return ERR_PTR(-EINVAL);
	skb_pull(skb, skb->mac_len);
	for (unsigned int i = 0; offload_base[i]; i++) {
		const struct packet_offload *ptype = offload_base[i];

		if (ptype->type == type && ptype->callbacks.gso_segment) {
			segs = ptype->callbacks.gso_segment(skb, features);
			break;
		}
	}
	skb_push(skb, skb->data - skb_mac_header(skb));
	return segs;
}

/**
 * __skb_gso_segment - segment @skb, as the device in @features needs
 * @skb: a GSO skb at its MAC header; not consumed
 * @tx_path: true on transmit (the only path netstep segments on)
 *
 * Sets the MAC header where skb->data is, and mac_len from it, then
 * walks down the offload callbacks.  Returns the segments or an ERR_PTR.
 */
struct sk_buff *
__skb_gso_segment(struct sk_buff *skb, netdev_features_t features, bool tx_path)
{
	struct sk_buff *segs;

	trace___skb_gso_segment(skb, tx_path);
	skb_reset_mac_header(skb);
	skb_reset_mac_len(skb);
	segs = skb_mac_gso_segment(skb, features);
	if (segs && !IS_ERR(segs))
		trace_gso_segs_made(skb, segs);
	return segs;
}
