/*
 * sim/topology.c - build the classroom network.  See sim/topology.h.
 */
#include "sim/topology.h"
#include "layers/route.h"
#include "nic/igb.h"
#include "sim/app.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *const sim_host_names[SIM_NHOSTS] = { "student", "router", "server" };
const char *const sim_link_names[SIM_NLINKS] = { "lan", "wan" };

/* Two TX queues per NIC, so netdev_pick_tx has a choice to make. */

struct sim_nic_plan {
	int host;
	const char *dev;
	const char *addr;
	int prefixlen;
	u8 mac_last;
};

/* Locally administered MACs 02:00:00:00:00:xx, easy to read in a capture. */
static const struct sim_nic_plan nic_plan[] = {
	{ SIM_STUDENT, "eth0", "10.0.0.2", 24, 0x02 },
	{ SIM_ROUTER, "eth0", "10.0.0.1", 24, 0x01 },
	{ SIM_ROUTER, "eth1", "10.0.1.1", 24, 0x11 },
	{ SIM_SERVER, "eth0", "10.0.1.2", 24, 0x12 },
};

static __be32 addr(const char *dotted)
{
	struct in_addr a;

	inet_pton(AF_INET, dotted, &a);
	return a.s_addr;
}

static int sim_world_add_nics(struct sim_world *w, struct net_device *devs[])
{
	for (size_t i = 0; i < ARRAY_SIZE(nic_plan); i++) {
		const struct sim_nic_plan *p = &nic_plan[i];
		const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, p->mac_last };
		int err;

		devs[i] = igb_probe(w->host[p->host], p->dev, mac);
		if (!devs[i])
			return -ENOMEM;
		err = dev_open(devs[i]);
		if (!err)
			err = host_set_addr(devs[i], addr(p->addr), p->prefixlen);
		if (err)
			return err;
	}
	return 0;
}

/* See sim/topology.h. */
void sim_world_init_engine(struct sim_world *w, u32 seed)
{
	memset(w, 0, sizeof(*w));
	sim_engine_init(&w->eng, seed);
	sim_skb_ledger_init(&w->ledger);
	trace_init(&w->trace, &w->eng);
	w->eng.ledger = &w->ledger;
	w->eng.trace = &w->trace;
}

int sim_world_create(struct sim_world *w, u32 seed)
{
	struct net_device *devs[ARRAY_SIZE(nic_plan)];
	int err;

	sim_world_init_engine(w, seed);
	for (int i = 0; i < SIM_NHOSTS; i++) {
		w->host[i] = host_create(&w->eng, sim_host_names[i]);
		if (!w->host[i]) {
			sim_world_destroy(w);
			return -ENOMEM;
		}
	}
	err = sim_world_add_nics(w, devs);
	if (!err) {
		w->link[SIM_LAN] = sim_link_create(&w->eng, sim_igb_port(devs[0]),
						   sim_igb_port(devs[1]));
		w->link[SIM_WAN] = sim_link_create(&w->eng, sim_igb_port(devs[2]),
						   sim_igb_port(devs[3]));
		if (!w->link[SIM_LAN] || !w->link[SIM_WAN])
			err = -ENOMEM;
	}
	if (!err)
		err = sim_fib_table_insert(w->host[SIM_STUDENT], 0, 0, addr("10.0.0.1"), devs[0],
					   0, 0);
	if (!err)
		err = sim_fib_table_insert(w->host[SIM_SERVER], 0, 0, addr("10.0.1.1"), devs[3],
					   0, 0);
	w->host[SIM_ROUTER]->ip_forward = 1;
	/* The server's documented programs: a TCP sink on 9000, a UDP sink
	 * on 9001 (README, "Sockets: ports, patterns and blocking calls"). */
	if (!err)
		err = sim_app_tcp_sink(w->host[SIM_SERVER], SIM_APP_TCP_SINK_PORT, 0);
	if (!err)
		err = sim_app_udp_sink(w->host[SIM_SERVER], SIM_APP_UDP_SINK_PORT);
	if (err) {
		sim_world_destroy(w);
		return err;
	}
	/* Let the cards' open-time work (RX buffer refill) settle at t = 0. */
	return sim_run(&w->eng, 0, 100000);
}

void sim_world_destroy(struct sim_world *w)
{
	for (int i = 0; i < SIM_NLINKS; i++) {
		sim_link_destroy(w->link[i]);
		w->link[i] = NULL;
	}
	for (int i = 0; i < SIM_NHOSTS; i++) {
		host_destroy(w->host[i]);
		w->host[i] = NULL;
	}
	sim_engine_destroy(&w->eng);
}

struct net *sim_world_host(struct sim_world *w, const char *name)
{
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (w->host[i] && !strcmp(w->host[i]->name, name))
			return w->host[i];
	return NULL;
}

int sim_parse_seed(const char *s, u32 *seed)
{
	unsigned long long v;
	char *end;

	/* strtoull would take "-1" as 2^64 - 1. */
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > 0xFFFFFFFFULL)
		return -EINVAL;
	*seed = (u32)v;
	return 0;
}

static struct net_device *sim_port_dev(struct sim_world *w, const struct sim_port *port)
{
	for (int h = 0; h < SIM_NHOSTS; h++)
		for (int d = 0; w->host[h] && d < w->host[h]->ndevs; d++)
			if (sim_igb_port(w->host[h]->devs[d]) == port)
				return w->host[h]->devs[d];
	return NULL;
}

/* Both NICs take the same MTU range, so the first can't succeed alone. */
int sim_link_set_mtu(struct sim_world *w, int link, unsigned int mtu)
{
	struct sim_link *l = w->link[link];

	for (int side = 0; side < 2; side++) {
		struct net_device *dev = sim_port_dev(w, l->end[side]);
		int err = dev ? dev_set_mtu(dev, mtu) : -ENODEV;

		if (err)
			return err;
	}
	l->mtu = mtu;
	return 0;
}
