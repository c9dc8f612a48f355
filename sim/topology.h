/*
 * sim/topology.h - the classroom network, built from netstep hosts.
 *
 *   student 10.0.0.2/24 --lan-- 10.0.0.1 router 10.0.1.1 --wan-- 10.0.1.2/24 server
 *   (eth0, default via .1)      (eth0)          (eth1)          (eth0, default via 10.0.1.1)
 *
 * All three are netstep hosts with igb NICs; the router forwards.  The
 * wan link's MTU can be lowered (`sim link wan mtu 1400`) to make the
 * router answer with "fragmentation needed".  The TAP wire (a later
 * issue) replaces the router and server with the real kernel.
 *
 * A world owns the engine, the skb ledger, the trace and its hosts:
 * nothing in netstep lives outside one.
 */
#ifndef NETSTEP_SIM_TOPOLOGY_H
#define NETSTEP_SIM_TOPOLOGY_H

#include "kernel/engine.h"
#include "kernel/trace.h"
#include "layers/skbuff.h"
#include "sim/host.h"
#include "sim/wire.h"

struct sim_tapdev;

enum { SIM_STUDENT, SIM_ROUTER, SIM_SERVER, SIM_NHOSTS };
enum { SIM_LAN, SIM_WAN, SIM_NLINKS };

struct sim_world {
	struct sim_engine eng;		/* the one clock */
	struct skb_ledger ledger;	/* every live skb */
	struct trace trace;		/* the event stream */
	struct net *host[SIM_NHOSTS];	/* student, router, server */
	struct sim_link *link[SIM_NLINKS];	/* lan, wan */
	struct sim_tapdev *tap;		/* the TAP wire's device (sim/tap.h); NULL
					 * on the simulated wire */
};

extern const char *const sim_host_names[SIM_NHOSTS];
extern const char *const sim_link_names[SIM_NLINKS];

/*
 * An empty world: zeroed, with its engine, skb ledger and trace wired
 * together, and no hosts yet (sim_world_create and tap_world_create
 * add them).
 */
void sim_world_init_engine(struct sim_world *w, u32 seed);
/* 0 or -Exxx; on failure everything built so far is freed. */
int sim_world_create(struct sim_world *w, u32 seed);
void sim_world_destroy(struct sim_world *w);
struct net *sim_world_host(struct sim_world *w, const char *name);
/* --seed N: 0 to 4294967295 (decimal, or 0x... hex).  0 or -EINVAL. */
int sim_parse_seed(const char *s, u32 *seed);
/* Set a link's MTU on the link and on both NICs on it. */
int sim_link_set_mtu(struct sim_world *w, int link, unsigned int mtu);

#endif
