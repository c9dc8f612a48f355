/*
 * sim/host.h - one machine: the object that replaces the kernel's
 * globals.
 *
 * A host plays the part of the kernel's struct net (its devices,
 * routes, neighbours, netfilter rules, counters) plus the one CPU it
 * runs on (softirqs, interrupts, softnet_data).  Nothing in layers/ or
 * nic/ keeps state anywhere else, so several hosts built from the same
 * code can share a wire: the student's machine, a router and a server.
 *
 * Kernel code reaches its host the way the kernel reaches its struct
 * net: dev_net(skb->dev), or skb->host for an skb that has no device
 * yet.
 */
#ifndef NETSTEP_SIM_HOST_H
#define NETSTEP_SIM_HOST_H

#include "kernel/engine.h"
#include "kernel/snmp.h"
#include "layers/netdevice.h"

#define HOST_MAX_DEVS 4

struct fib_table;
struct neigh_table;
struct nf_table;
struct ipq_table;
struct ping_sock;
struct net_protocol;
struct sim_fdtable;
struct inet_hashinfo;
struct udp_table;
struct sim_apps;

struct host {
	char name[16];			/* "student", "router", "server" */
	struct sim_engine *eng;		/* the shared clock */
	struct sim_cpu cpu;		/* its one CPU: softirqs, IRQs */
	struct softnet_data sd;		/* per-CPU queues of layers/dev.c */
	struct net_device *devs[HOST_MAX_DEVS];	/* eth0, eth1 ... */
	int ndevs;			/* entries in devs[] */
	struct list_head ptype_base;	/* dev_add_pack() handlers */
	struct fib_table *fib;		/* routes, layers/fib_trie.c */
	struct neigh_table *arp_tbl;	/* ARP cache, layers/neighbour.c */
	struct nf_table *nf;		/* iptables rules, layers/netfilter.c */
	struct ipq_table *ipfrag;	/* reassembly, layers/ip_fragment.c */
	struct ping_sock *ping;		/* ICMP echo socket, layers/ping.c */
	const struct net_protocol *inet_protos[256];	/* ip_local_deliver dispatch */
	int ip_forward;			/* sysctl net.ipv4.ip_forward */
	u16 ip_id;			/* next IP ID for unconnected sends */
	unsigned long mib[SNMP_MIB_MAX];	/* netstat -s counters */
	/* Sockets (issue 3) */
	struct sim_fdtable *files;	/* fd -> socket, layers/socket.c */
	struct inet_hashinfo *tcp_hashinfo;	/* TCP lookup tables, layers/tcp_ipv4.c */
	struct udp_table *udp_table;	/* bound UDP sockets, layers/udp.c */
	u16 ip_local_port_next;		/* next ephemeral port, layers/af_inet.c */
	/* The host's process (sim/task.c) and server programs (sim/app.c) */
	struct list_head tasks;		/* blocked system calls */
	int task_status;		/* first failure of a finished console task */
	unsigned long task_next_id;	/* ids for tasks (sk_user_data holds one) */
	struct sim_apps *apps;		/* the byte sinks */
};

#define NET_INC_STATS(net, field)	((net)->mib[field]++)
#define NET_ADD_STATS(net, field, n)	((net)->mib[field] += (n))
#define IP_INC_STATS(net, field)	NET_INC_STATS(net, field)
#define IP_ADD_STATS(net, field, n)	NET_ADD_STATS(net, field, n)
#define ICMP_INC_STATS(net, field)	NET_INC_STATS(net, field)

static inline struct host *cpu_host(struct sim_cpu *cpu) { return cpu->owner; }
static inline unsigned long host_jiffies(const struct host *net)
{
	return sim_jiffies(net->eng);
}
static inline ktime_t host_now(const struct host *net) { return net->eng->now; }

/* Create a host with every layer initialised and no devices. */
struct host *host_create(struct sim_engine *eng, const char *name);
/* Tear down: devices, queues, tables; every skb it held is freed. */
void host_destroy(struct host *net);
/* Give @dev (already registered) an IPv4 address and its connected route. */
int host_set_addr(struct net_device *dev, __be32 addr, int prefixlen);

#endif
