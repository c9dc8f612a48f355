/*
 * layers/ip.h - the IPv4 header and the entry points of the IP layer.
 *
 * Mirrors include/uapi/linux/ip.h, include/net/ip.h and
 * include/uapi/linux/icmp.h (Linux 3.10).  The functions are defined in
 * layers/ip_output.c (transmit, fragmentation), layers/ip_input.c
 * (receive), layers/ip_forward.c, layers/ip_fragment.c (reassembly) and
 * layers/icmp.c.
 */
#ifndef NETSTEP_LAYERS_IP_H
#define NETSTEP_LAYERS_IP_H

#include "kernel/types.h"
#include "layers/skbuff.h"

struct host;
struct flowi4;
struct net_device;
struct packet_type;

#define IPVERSION	4
#define IPDEFTTL	64
#define MAXTTL		255
/* <netinet/in.h> (pulled in by kernel/types.h) already names these. */
#ifndef IPPROTO_ICMP
#define IPPROTO_ICMP	1
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17
#endif

/* frag_off flags, include/net/ip.h */
#define IP_CE		0x8000
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1FFF

/* IP_MTU_DISCOVER values, include/uapi/linux/in.h */
#define IP_PMTUDISC_DONT	0
#define IP_PMTUDISC_WANT	1
#define IP_PMTUDISC_DO		2
#define IP_PMTUDISC_PROBE	3

/* Minimum PMTU a learned value may drop to (ip_rt_min_pmtu). */
#define IP_RT_MIN_PMTU		552

struct iphdr {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	u8 ihl:4, version:4;
#else
	u8 version:4, ihl:4;
#endif
	u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;
	u8 ttl;
	u8 protocol;
	__sum16 check;
	__be32 saddr;
	__be32 daddr;
} __attribute__((packed));

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

/* The IP layer's part of skb->cb, include/net/ip.h (IPCB). */
struct inet_skb_parm {
	u16 flags;			/* IPSKB_* */
	u16 frag_max_size;		/* largest fragment seen (reassembly) */
	u8 pmtudisc;			/* netstep: IP_PMTUDISC_* of the sender */
};
#define IPCB(skb)	((struct inet_skb_parm *)((skb)->cb))
#define IPSKB_FORWARDED		0x1
#define IPSKB_FRAG_COMPLETE	0x4
#define IPSKB_REROUTED		0x10

/* ICMP, include/uapi/linux/icmp.h */
#define ICMP_ECHOREPLY		0
#define ICMP_DEST_UNREACH	3
#define ICMP_ECHO		8
#define ICMP_TIME_EXCEEDED	11
#define ICMP_NET_UNREACH	0
#define ICMP_HOST_UNREACH	1
#define ICMP_PROT_UNREACH	2
#define ICMP_PORT_UNREACH	3
#define ICMP_FRAG_NEEDED	4
#define ICMP_EXC_TTL		0
#define ICMP_EXC_FRAGTIME	1

struct icmphdr {
	u8 type;
	u8 code;
	__sum16 checksum;
	union {
		struct {
			__be16 id;
			__be16 sequence;
		} echo;
		__be32 gateway;
		struct {
			__be16 __unused;
			__be16 mtu;
		} frag;
	} un;
} __attribute__((packed));

static inline struct icmphdr *icmp_hdr(const struct sk_buff *skb)
{
	return (struct icmphdr *)skb_transport_header(skb);
}

struct udphdr {
	__be16 source;
	__be16 dest;
	__be16 len;
	__sum16 check;
} __attribute__((packed));

/* A transport protocol as ip_local_deliver sees it, include/net/protocol.h. */
struct net_protocol {
	int (*handler)(struct sk_buff *skb);	/* consumes skb */
	void (*err_handler)(struct sk_buff *skb, u32 info);	/* ICMP error for it */
};
int inet_add_protocol(struct host *net, const struct net_protocol *prot,
		      unsigned char protocol);

/* ip_output.c */
int ip_local_out(struct sk_buff *skb);
int __ip_local_out(struct sk_buff *skb);
int ip_output(struct sk_buff *skb);
int ip_fragment(struct sk_buff *skb, int (*output)(struct sk_buff *));
void ip_send_check(struct iphdr *iph);
/* Choose the IP ID for an outgoing datagram (ip_select_ident). */
__be16 ip_select_ident(struct host *net, const struct iphdr *iph);
/* ip_input.c */
int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	   struct net_device *orig_dev);
int ip_local_deliver(struct sk_buff *skb);
/* ip_forward.c */
int ip_forward(struct sk_buff *skb);
/* ip_fragment.c: returns 0 and the whole datagram in *skbp when complete,
 * -EINPROGRESS while fragments are held, -Exxx if dropped. */
int ip_defrag(struct sk_buff **skbp);
void ipfrag_init(struct host *net);
void ipfrag_exit(struct host *net);
/* icmp.c */
void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info);
int icmp_rcv(struct sk_buff *skb);
/* af_inet.c-level setup: registers ip_rcv, creates the reassembly table. */
void ip_init(struct host *net);
void ip_exit(struct host *net);

#endif
