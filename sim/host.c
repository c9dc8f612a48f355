/*
 * sim/host.c - build and tear down a host: every layer's per-host
 * state, in the order the kernel brings its subsystems up.
 *
 * No kernel counterpart as such; host_create() does for one machine
 * what the kernel's initcalls and the network namespace setup
 * (net_dev_init, ip_fib_init, arp_init, inet_init) do at boot.
 */
#include "sim/host.h"
#include "layers/arp.h"
#include "layers/ip.h"
#include "layers/netfilter.h"
#include "layers/route.h"
#include "layers/sock.h"
#include "sim/af_packet.h"
#include "sim/app.h"
#include "sim/task.h"

#include <stdlib.h>
#include <string.h>

/*
 * The loopback device, registered first (ifindex 1, loopback_net_init)
 * and brought up as a booting system's scripts do; coming up, it gets
 * 127.0.0.1/8 (devinet.c's inetdev_event does that for a loopback
 * device on NETDEV_UP) and with it its local routes.
 */
static int sim_host_lo_up(struct net *net)
{
	int err = loopback_net_init(net);

	if (!err)
		err = dev_open(net->loopback_dev);
	if (!err)
		err = host_set_addr(net->loopback_dev, htonl(INADDR_LOOPBACK), 8);
	return err;
}

struct net *host_create(struct sim_engine *eng, const char *name)
{
	struct host *host = calloc(1, sizeof(*host));
	struct net *net;

	if (!host)
		return NULL;
	net = &host->net;
	INIT_LIST_HEAD(&host->packet_socks);
	host->ping_status = 2;
	strncpy(net->name, name, sizeof(net->name) - 1);
	net->eng = eng;
	/* Memory first: the devices' RX rings fill with skbs as they open. */
	if (kmem_cache_init(net) || skb_init(net) || sim_engine_add_cpu(eng, &net->cpu, net)) {
		sim_kmem_cache_exit(net);
		free(host);
		return NULL;
	}
	/* KERNEL: the first IP ID is random at boot; seeded for determinism. */
	net->ip_id = (u16)sim_random(eng);
	net_dev_init(net);
	if (ip_fib_init(net) < 0) {
		sim_engine_remove_cpu(eng, &net->cpu);
		sim_kmem_cache_exit(net);
		free(host);
		return NULL;
	}
	iptable_filter_net_init(net);
	arp_init(net);
	ip_init(net);
	sim_tasks_init(net);
	if (sim_files_init(net) || inet_init(net) || sim_host_lo_up(net)) {
		host_destroy(net);
		return NULL;
	}
	sim_apps_init(net);
	return net;
}

void host_destroy(struct net *net)
{
	struct sk_buff *skb;

	if (!net)
		return;
	/* The captures first, so that a run's capture ends with its last
	 * event and not with the teardown's.  Then the process: its blocked
	 * calls, then its files (close() of every socket).  The protocols
	 * free their sockets once the devices and queues have given back
	 * the skbs that point at them. */
	sim_packet_exit(net);
	sim_tasks_exit(net);
	sim_apps_exit(net);
	sim_files_exit(net);
	sim_task_frag_release(net);
	for (int i = 0; i < net->ndevs; i++)
		if (netif_running(net->devs[i]))
			dev_close(net->devs[i]);
	if (net->loopback_dev)
		dev_close(net->loopback_dev);
	sim_ip_exit(net);
	sim_arp_exit(net);
	iptable_filter_net_exit(net);
	/* Frees still waiting for NET_TX_SOFTIRQ. */
	while ((skb = net->sd.completion_queue) != NULL) {
		net->sd.completion_queue = skb->next;
		consume_skb(skb);
	}
	sim_inet_exit(net);
	for (int i = net->ndevs - 1; i >= 0; i--)
		free_netdev(net->devs[i]);
	/* lo goes last, as 3.10's default_device_exit leaves it for last. */
	if (net->loopback_dev)
		free_netdev(net->loopback_dev);
	ip_fib_net_exit(net);
	sim_engine_remove_cpu(net->eng, &net->cpu);
	sim_kmem_cache_exit(net);
	free(sim_host(net));
}

int host_set_addr(struct net_device *dev, __be32 addr, int prefixlen)
{
	if (prefixlen < 0 || prefixlen > 32)
		return -EINVAL;
	dev->ifa.ifa_address = addr;
	dev->ifa.ifa_prefixlen = prefixlen;
	dev->ifa.ifa_mask = prefixlen ? htonl(~0U << (32 - prefixlen)) : 0;
	/* inetdev_event gives lo's address host scope; `ip addr add`, global. */
	dev->ifa.ifa_scope = (dev->flags & IFF_LOOPBACK) ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
	dev->ifa.configured = true;
	fib_add_ifaddr(dev);
	return 0;
}
