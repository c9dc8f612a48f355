/*
 * sim/af_packet.h - a packet socket, as small as tcpdump needs it: the
 * reader of one tap.
 *
 * Stands in for net/packet/af_packet.c (Linux 3.10), which netstep does
 * not model.  tcpdump opens socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL))
 * and binds it to a device: packet_create and packet_do_bind register
 * the socket's packet_type on ptype_all (dev_add_pack), and from then on
 * layers/dev.c hands it every frame the device sends (dev_queue_xmit_nit)
 * or receives (__netif_receive_skb_core).  tpacket_rcv copies each frame,
 * from its Ethernet header on, into the socket's ring, stamps it and
 * wakes tcpdump, then frees its reference; closing the socket
 * (packet_release) takes the packet_type off the list again.
 *
 * Here the copy goes straight to the reader's frame() callback, in the
 * softirq that delivers it, so the reader sees each frame at the moment
 * the kernel hands it over, in that order.  KERNEL: no ring, no
 * snaplen, no BPF filter, no statistics beyond a count; a real tcpdump
 * reads the ring later, from its own process.
 *
 * Every socket a host opens is on its list (sim/host.h): host_destroy
 * closes the ones still open, first, so a capture ends with the run.
 */
#ifndef NETSTEP_SIM_AF_PACKET_H
#define NETSTEP_SIM_AF_PACKET_H

#include "layers/netdevice.h"

/* A host's packet sockets, at most: a runaway script stops here. */
#define SIM_PACKET_MAX_SOCKS	8

struct sim_packet_ops {
	/* A frame seen on the device: @len bytes from the Ethernet header,
	 * at virtual time @ts, @outgoing if the host sent it.  The bytes are
	 * the kernel's: copy what is needed before returning. */
	void (*frame)(void *arg, const u8 *frame, unsigned int len, ktime_t ts, bool outgoing);
	/* The socket is closed under the reader (its host goes away). */
	int (*release)(void *arg);	/* 0, or an errno its output failed with */
};

struct sim_packet_sock {
	struct net *net;		/* the host it is open on */
	struct packet_type prot_hook;	/* on ptype_all while open */
	struct list_head list;		/* on the host's packet_socks */
	const struct sim_packet_ops *ops;
	void *arg;			/* handed back to ops */
	unsigned long packets;		/* frames delivered (tp_packets) */
	u8 *copy;			/* a nonlinear frame, made one run of bytes */
	unsigned int copy_cap;		/* ... its size */
};

/*
 * Open a packet socket on @dev of @net (NULL: every device, as an
 * unbound packet socket) and start delivering: 0, or -EMFILE when the
 * host has SIM_PACKET_MAX_SOCKS open, -ENOMEM.
 */
int sim_packet_open(struct net *net, struct net_device *dev, const struct sim_packet_ops *ops,
		    void *arg, struct sim_packet_sock **sockp);
/* Stop delivering and free @po; release() is not called. */
void sim_packet_close(struct sim_packet_sock *po);
/* The end of a run, or host teardown: close every socket still open,
 * release() each.  0, or the first errno a release() reported. */
int sim_packet_exit(struct net *net);

#endif
