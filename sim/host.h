/*
 * sim/host.h - one simulated machine: its kernel networking state
 * (struct net, layers/net_namespace.h) plus what the simulation runs on
 * it (the process's blocked system calls, the server programs).
 *
 * No kernel counterpart.  host_create() builds a machine and returns
 * its struct net, which is what the kernel-named code and the tools
 * take; sim_host() gets back to the simulation's side from it.
 */
#ifndef NETSTEP_SIM_HOST_H
#define NETSTEP_SIM_HOST_H

#include "layers/net_namespace.h"

struct sim_apps;
struct ping_rts;

struct host {
	struct net net;			/* the kernel's state (must stay first) */
	struct list_head tasks;		/* blocked system calls, sim/task.c */
	int task_status;		/* first failure of a finished console task */
	unsigned long task_next_id;	/* ids for tasks (sk_user_data holds one) */
	u64 task_bytes;			/* bytes console tasks have sent: while it
					 * grows, a long command is not a runaway
					 * (sim/console.c, console_wait) */
	struct sim_apps *apps;		/* the byte sinks, sim/app.c */
	bool dry;			/* a script is being checked on it: tools
					 * check their arguments and allocate no
					 * payload (sim/console.c, console_call) */
	bool replay;			/* a journal's calls made again on it
					 * (sim/journal.c): a file a tool writes was
					 * written the first time; now /dev/null is */
	struct list_head packet_socks;	/* open packet sockets (tcpdump), sim/af_packet.c */
	struct ping_rts *ping;		/* the ping program running, tools/ping.c */
	int ping_status;		/* exit status of the last one (2: none yet) */
};

static inline struct host *sim_host(const struct net *net)
{
	return container_of((struct net *)net, struct host, net);
}

/* Create a machine with every layer initialised and no devices. */
struct net *host_create(struct sim_engine *eng, const char *name);
/* Tear down: devices, queues, tables; every skb it held is freed. */
void host_destroy(struct net *net);
/* Give @dev (already registered) an IPv4 address and its connected route. */
int host_set_addr(struct net_device *dev, __be32 addr, int prefixlen);

#endif
