/*
 * layers/net_namespace.h - struct net: one machine's kernel networking
 * state, the object that replaces the kernel's globals.
 *
 * Mirrors include/net/net_namespace.h (Linux 3.10) in spirit: a struct
 * net holds a namespace's devices, routes, neighbours, netfilter rules,
 * sockets and counters.  netstep gives each simulated machine exactly
 * one, plus the one CPU it runs on (softirqs, interrupts, softnet_data),
 * so several machines built from the same code can share a wire.
 * Nothing in layers/ or nic/ keeps state anywhere else.
 *
 * Kernel code reaches its namespace as the kernel does: dev_net(dev),
 * sock_net(sk), or skb->host for an skb that has no device yet.  The
 * simulation's side of a machine (its process, its server programs)
 * lives in sim/host.h and is invisible from here.
 *
 * KERNEL: the real struct net has no CPU, softnet_data or fd table:
 * those are per-CPU and per-process.  A netstep machine has one CPU and
 * one process, so they live here (marked below).
 */
#ifndef NETSTEP_LAYERS_NET_NAMESPACE_H
#define NETSTEP_LAYERS_NET_NAMESPACE_H

#include "kernel/engine.h"
#include "kernel/mm.h"
#include "kernel/slab.h"
#include "kernel/snmp.h"
#include "layers/netdevice.h"

#define HOST_MAX_DEVS 4

struct fib_table;
struct neigh_table;
struct nf_table;
struct ipq_table;
struct sock;
struct net_protocol;
struct sim_fdtable;
struct inet_hashinfo;
struct udp_table;

struct net {
	char name[16];			/* "student", "router", "server" (as `ip netns` names it) */
	struct sim_engine *eng;		/* the shared clock */
	struct sim_cpu cpu;		/* its one CPU: softirqs, IRQs (KERNEL: per-CPU) */
	struct softnet_data sd;		/* per-CPU queues of layers/dev.c (KERNEL: per-CPU) */
	struct net_device *loopback_dev;	/* lo, ifindex 1, layers/loopback.c */
	/* The other devices, eth0 first.  KERNEL: every device, lo first,
	 * is on dev_base_head; netstep keeps lo apart, so that devs[] is
	 * the NICs (dev_get_by_name and dev_get_by_index find lo too). */
	struct net_device *devs[HOST_MAX_DEVS];
	int ndevs;			/* entries in devs[] */
	struct list_head ptype_base;	/* dev_add_pack() handlers */
	struct notifier_block *netdev_chain;	/* register_netdevice_notifier() (KERNEL: global) */
	struct list_head ptype_all;	/* dev_add_pack(ETH_P_ALL): the taps (KERNEL: global) */
	struct fib_table *fib;		/* routes, layers/fib_trie.c */
	struct notifier_block fib_netdev_notifier;	/* the fib hears NETDEV_DOWN */
	struct neigh_table *arp_tbl;	/* ARP cache, layers/neighbour.c */
	struct nf_table *nf;		/* iptables rules, layers/netfilter.c */
	struct ipq_table *ipfrag;	/* reassembly, layers/ip_fragment.c */
	const struct net_protocol *inet_protos[256];	/* ip_local_deliver dispatch */
	int ip_forward;			/* sysctl net.ipv4.ip_forward */
	u16 ip_id;			/* next IP ID for unconnected sends */
	unsigned long mib[SNMP_MIB_MAX];	/* netstat -s counters */
	struct sim_fdtable *files;	/* fd -> socket, layers/socket.c (KERNEL: current->files) */
	struct page_frag task_frag;	/* the page senders fill (KERNEL: current->task_frag) */
	struct inet_hashinfo *tcp_hashinfo;	/* TCP lookup tables, layers/tcp_ipv4.c */
	struct udp_table *udp_table;	/* bound UDP sockets, layers/udp.c */
	struct list_head raw_v4_hashinfo;	/* raw sockets, layers/raw.c (KERNEL: global) */
	struct sock *icmp_sk;		/* ICMP's own socket, layers/icmp.c (KERNEL: per CPU) */
	u16 ip_local_port_next;		/* next ephemeral port, layers/af_inet.c */
	/* Its memory, kernel/slub.c (KERNEL: all three are global). */
	struct list_head slab_caches;	/* every kmem_cache, newest first */
	struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];	/* by kmalloc_index */
	struct kmem_cache *skbuff_head_cache;	/* sk_buff headers, layers/skbuff.c */
	unsigned long sim_kmalloc_large;	/* kmalloc_large blocks not yet freed */
};

#define NET_INC_STATS(net, field)	((net)->mib[field]++)
#define SIM_NET_ADD_STATS(net, field, n)	((net)->mib[field] += (n))
#define IP_INC_STATS(net, field)	NET_INC_STATS(net, field)
#define IP_ADD_STATS(net, field, n)	SIM_NET_ADD_STATS(net, field, n)
#define ICMP_INC_STATS(net, field)	NET_INC_STATS(net, field)

static inline struct net *sim_cpu_host(struct sim_cpu *cpu) { return cpu->owner; }
/* The host whose (only) CPU's softnet_data @sd is. */
static inline struct net *sim_softnet_net(const struct softnet_data *sd)
{
	return container_of((struct softnet_data *)sd, struct net, sd);
}
static inline unsigned long sim_host_jiffies(const struct net *net)
{
	return sim_jiffies(net->eng);
}
static inline ktime_t sim_host_now(const struct net *net) { return net->eng->now; }

#endif
