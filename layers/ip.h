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
#include "layers/netdevice.h"

struct net;
struct flowi4;
struct rtable;
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

/* tos bits, include/uapi/linux/ip.h */
#define IPTOS_TOS_MASK			0x1E
#define IPTOS_PREC_INTERNETCONTROL	0xc0

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

static inline unsigned int ip_hdrlen(const struct sk_buff *skb)
{
	return ip_hdr(skb)->ihl * 4;
}

/* include/net/ip.h: a fragment has MF set or a non-zero offset. */
static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

/*
 * ip_decrease_ttl - include/net/ip.h: TTL minus one, and the header
 * checksum patched in place instead of recomputed [RFC 1624]: the TTL is
 * the high byte of its 16-bit word, so the one's-complement sum grows by
 * 0x0100, with the end-around carry folded back in.
 */
static inline int ip_decrease_ttl(struct iphdr *iph)
{
	u32 check = iph->check;

	check += htons(0x0100);
	iph->check = (__sum16)(check + (check >= 0xFFFF));
	return --iph->ttl;
}

/* include/linux/in.h address classes */
static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}
static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(0xffffffff);
}
static inline bool ipv4_is_zeronet(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x00000000);
}

/* ICMP, include/uapi/linux/icmp.h */
#define ICMP_ECHOREPLY		0
#define ICMP_DEST_UNREACH	3
#define ICMP_SOURCE_QUENCH	4
#define ICMP_REDIRECT		5
#define ICMP_ECHO		8
#define ICMP_TIME_EXCEEDED	11
#define ICMP_PARAMETERPROB	12
#define ICMP_TIMESTAMP		13
#define ICMP_TIMESTAMPREPLY	14
#define ICMP_INFO_REQUEST	15
#define ICMP_INFO_REPLY		16
#define ICMP_ADDRESS		17
#define ICMP_ADDRESSREPLY	18
#define NR_ICMP_TYPES		18
#define ICMP_NET_UNREACH	0
#define ICMP_HOST_UNREACH	1
#define ICMP_PROT_UNREACH	2
#define ICMP_PORT_UNREACH	3
#define ICMP_FRAG_NEEDED	4
#define ICMP_SR_FAILED		5
#define ICMP_NET_UNKNOWN	6
#define ICMP_HOST_UNKNOWN	7
#define ICMP_HOST_ISOLATED	8
#define ICMP_NET_ANO		9
#define ICMP_HOST_ANO		10
#define ICMP_NET_UNR_TOS	11
#define ICMP_HOST_UNR_TOS	12
#define ICMP_PKT_FILTERED	13
#define ICMP_PREC_VIOLATION	14
#define ICMP_PREC_CUTOFF	15
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

/* What one outgoing ICMP message is made of (struct icmp_bxm, private to
 * net/ipv4/icmp.c; here so that events/icmp.h can read it). */
struct icmp_bxm {
	struct icmphdr icmph;		/* type, code, echo id/seq or info */
	const struct sk_buff *skb;	/* what follows the header is in it ... */
	int offset;			/* ... from here (from skb->data) on */
	unsigned int data_len;		/* its length */
	/* KERNEL: timestamps and echoed IP options left out. */
};

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
int inet_add_protocol(struct net *net, const struct net_protocol *prot,
		      unsigned char protocol);

/* include/net/protocol.h: how a transport protocol cuts a GSO skb and
 * merges received ones (GRO). */
struct net_offload {
	struct offload_callbacks callbacks;	/* layers/netdevice.h */
};
/* layers/af_inet.c: IPv4's offload (inet_gso_segment, inet_gro_receive),
 * for layers/gso.c and layers/gro.c. */
extern const struct packet_offload ip_packet_offload;
/* layers/tcp.c */
struct sk_buff *tcp_tso_segment(struct sk_buff *skb, netdev_features_t features);
struct sk_buff **tcp_gro_receive(struct sk_buff **head, struct sk_buff *skb);
int tcp_gro_complete(struct sk_buff *skb);
/* layers/tcp_ipv4.c */
struct sk_buff **tcp4_gro_receive(struct sk_buff **head, struct sk_buff *skb);
int tcp4_gro_complete(struct sk_buff *skb);

/* ip_output.c */
int ip_local_out(struct sk_buff *skb);
int __ip_local_out(struct sk_buff *skb);
int ip_output(struct sk_buff *skb);
int ip_fragment(struct sk_buff *skb, int (*output)(struct sk_buff *));
void ip_send_check(struct iphdr *iph);
/*
 * What a datagram socket's send goes through.  ip_append_data() queues
 * the user's bytes on the socket (sk_write_queue; raw sockets, ICMP's
 * own socket) as MTU-sized pieces with room for the IP header in front
 * (__ip_append_data) and keeps the route in the cork;
 * ip_push_pending_frames() turns the queue into the datagram
 * (__ip_make_skb: the pieces chained on the first one's frag_list, the
 * IP header) and sends it; ip_flush_pending_frames() drops what was
 * queued.  UDP builds each datagram uncorked, on a queue of its own
 * (ip_make_skb).  The route is attached without a reference (the route
 * row owns its rtable; a queue that keeps the skb takes one with
 * skb_dst_force).
 */
struct sock;
/* include/net/inet_sock.h: the datagram being built. */
struct inet_cork {
	unsigned int fragsize;		/* the MTU its pieces are cut for */
	int length;			/* bytes queued so far */
	struct rtable *rt;		/* its route (KERNEL: cork->dst, a reference) */
};
typedef int (*sim_getfrag_t)(void *from, char *to, int offset, int len, int odd,
			     struct sk_buff *skb);
int ip_generic_getfrag(void *from, char *to, int offset, int len, int odd, struct sk_buff *skb);
int __ip_append_data(struct sock *sk, struct flowi4 *fl4, struct sk_buff_head *queue,
		     struct inet_cork *cork, sim_getfrag_t getfrag, void *from, int length,
		     int transhdrlen, unsigned int flags);
struct sk_buff *__ip_make_skb(struct sk_buff_head *queue, struct flowi4 *fl4, struct rtable *rt,
			      int pmtudisc);
struct sk_buff *ip_make_skb(struct sock *sk, struct flowi4 *fl4, sim_getfrag_t getfrag,
			    void *from, int length, int transhdrlen, struct rtable *rt,
			    unsigned int flags);
/* 0 or -Exxx; *@rtp is taken over by the datagram's cork (cleared).
 * KERNEL: 3.10 also takes an ipcm_cookie (IP options, timestamping). */
int ip_append_data(struct sock *sk, struct flowi4 *fl4, sim_getfrag_t getfrag, void *from,
		   int length, int transhdrlen, struct rtable **rtp, unsigned int flags);
/* 0 (also when nothing was queued) or a negative errno. */
int ip_push_pending_frames(struct sock *sk, struct flowi4 *fl4);
void ip_flush_pending_frames(struct sock *sk);
/* ip_local_out() plus the NET_XMIT_* to errno mapping; consumes @skb. */
int ip_send_skb(struct sk_buff *skb);
/* Choose the IP ID for an outgoing datagram (ip_select_ident). */
__be16 ip_select_ident(struct net *net, const struct iphdr *iph);
/* ip_input.c */
int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	   struct net_device *orig_dev);
int ip_local_deliver(struct sk_buff *skb);
/* ip_forward.c */
int ip_forward(struct sk_buff *skb);
/* ip_fragment.c: returns 0 and the whole datagram in *skbp when complete,
 * -EINPROGRESS while fragments are held, -Exxx if dropped. */
int ip_defrag(struct sk_buff **skbp);
void ipfrag_init(struct net *net);
void ipv4_frags_exit_net(struct net *net);
/* /proc/net/sockstat "FRAG: inuse N memory M" */
int ip_frag_nqueues(struct net *net);
int ip_frag_mem(struct net *net);
/* sysctl net.ipv4.ipfrag_high_thresh, ipfrag_low_thresh (bytes) and
 * ipfrag_time (seconds); a negative value leaves that one unchanged. */
void sim_ipfrag_sysctl(struct net *net, int high_thresh, int low_thresh, int time_s);
/* icmp.c */
#define NR_ICMP_UNREACH		15	/* highest ICMP_DEST_UNREACH code */
/* icmp_out_count: OutMsgs and the type's Out counter (from __ip_make_skb). */
void icmp_out_count(struct net *net, u8 type);
/* The ICMP protocol's err_handler: an error quoting an ICMP message. */
void icmp_err(struct sk_buff *skb, u32 info);
/* Per host: the socket ICMP replies and errors are sent from (icmp_sk). */
int icmp_sk_init(struct net *net);
void icmp_sk_exit(struct net *net);
/* include/net/icmp.h: errno for each "destination unreachable" code.
 * NOTE: the kernel's field is named errno, a macro in user space. */
struct icmp_err {
	int error;
	unsigned int fatal:1;
};
extern const struct icmp_err icmp_err_convert[NR_ICMP_UNREACH + 1];
void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info);
int icmp_rcv(struct sk_buff *skb);
/* af_inet.c-level setup: registers ip_rcv, creates the reassembly table. */
void ip_init(struct net *net);
void sim_ip_exit(struct net *net);

#endif
