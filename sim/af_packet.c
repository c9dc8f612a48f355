/*
 * sim/af_packet.c - the packet socket behind tcpdump.  See
 * sim/af_packet.h.
 */
#include "sim/af_packet.h"
#include "sim/host.h"
#include "events/net.h"

#include <stdlib.h>

static const char KSRC[] = "net/packet/af_packet.c";

/*
 * sim_packet_rcv - the tap's packet_type func (tpacket_rcv's place):
 * show the frame to the reader, from its Ethernet header (on the way in
 * skb->data is past it already), then drop the reference it was given.
 * Consumes @skb.
 */
static int
sim_packet_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	       struct net_device *orig_dev)
{
	struct sim_packet_sock *po = container_of(pt, struct sim_packet_sock, prot_hook);
	const u8 *frame = skb_mac_header(skb);
	unsigned int hdr = (unsigned int)(skb->data - frame), len = skb->len + hdr;

	trace_sim_packet_rcv(skb, dev, len);
	(void)orig_dev;
	po->packets++;
	if (skb_is_nonlinear(skb)) {
		/* A GSO segment keeps its payload in page frags: the reader
		 * gets one run of bytes, as tpacket_rcv copies it. */
		if (len > po->copy_cap) {
			u8 *n = realloc(po->copy, len);

			if (!n) {
				consume_skb(skb);
				return NET_RX_DROP;
			}
			po->copy = n;
			po->copy_cap = len;
		}
		memcpy(po->copy, frame, hdr);
		if (skb_copy_bits(skb, 0, po->copy + hdr, skb->len)) {
			consume_skb(skb);
			return NET_RX_DROP;
		}
		frame = po->copy;
	}
	/* The reader may close @po from here: nothing touches it after. */
	po->ops->frame(po->arg, frame, len, sim_host_now(dev_net(dev)),
		       skb->pkt_type == PACKET_OUTGOING);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

int
sim_packet_open(struct net *net, struct net_device *dev, const struct sim_packet_ops *ops,
		void *arg, struct sim_packet_sock **sockp)
{
	struct host *host = sim_host(net);
	struct sim_packet_sock *po;
	int open = 0;

	list_for_each_entry(po, &host->packet_socks, list)
		open++;
	if (open >= SIM_PACKET_MAX_SOCKS)
		return -EMFILE;
	po = calloc(1, sizeof(*po));
	if (!po)
		return -ENOMEM;
	po->net = net;
	po->ops = ops;
	po->arg = arg;
	po->prot_hook.type = htons(ETH_P_ALL);
	po->prot_hook.dev = dev;
	po->prot_hook.func = sim_packet_rcv;
	list_add_tail(&po->list, &host->packet_socks);
	dev_add_pack(net, &po->prot_hook);	/* packet_do_bind -> register_prot_hook */
	*sockp = po;
	return 0;
}

void
sim_packet_close(struct sim_packet_sock *po)
{
	dev_remove_pack(po->net, &po->prot_hook);	/* packet_release */
	list_del_init(&po->list);
	free(po->copy);
	free(po);
}

int
sim_packet_exit(struct net *net)
{
	struct sim_packet_sock *po, *tmp;
	int err = 0;

	list_for_each_entry_safe(po, tmp, &sim_host(net)->packet_socks, list) {
		const struct sim_packet_ops *ops = po->ops;
		void *arg = po->arg;
		int e;

		sim_packet_close(po);
		e = ops->release(arg);
		if (!err)
			err = e;
	}
	return err;
}
