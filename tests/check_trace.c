/*
 * tests/check_trace.c - the trace's declarations against what the model
 * emits.
 *
 * Every event declared in events/ (trace_events_all[]) must happen in at
 * least one of the scenarios below, and every field it declares must be
 * filled at least once: a declaration no call site reaches any more, or
 * a field its TP_ASSIGN stopped filling, fails here by name.  "Filled" is
 * seen through the trace's poison: each record's data starts as
 * TC_POISON bytes (tr->poison) instead of zeros, and a field counts as
 * filled once its bytes differed from that in one occurrence.
 *
 * The scenarios: the reference ones through the console of the
 * classroom world (ping through the router, a TCP send with loss, UDP
 * with fragments, an ARP that fails, a full ring), more console scripts
 * for what those do not reach, hand-made frames from the wire, system
 * calls the console does not make, and two hosts with igb cards driven
 * directly, with the faults a test can inject: a full DMA table, tiny
 * rings, masked interrupts, descriptors and registers as a buggy driver
 * would write them.  All of it is deterministic and needs no TAP.  The
 * events that no scenario can reach are listed in tc_unreachable, each
 * with the reason.
 */
#include <check.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/fib.h"
#include "events/igb.h"
#include "events/ip.h"
#include "events/neigh.h"
#include "events/net.h"
#include "events/skb.h"
#include "layers/arp.h"
#include "layers/ip.h"
#include "layers/neighbour.h"
#include "layers/sock.h"
#include "layers/tcp.h"
#include "nic/dma.h"
#include "nic/igb.h"
#include "nic/sim_82576.h"
#include "sim/console.h"
#include "sim/packetdrill.h"
#include "sim/topology.h"
#include "tools/tools.h"

#define TC_POISON	0xA5

/* An event's descriptor and its place in trace_events_all[]. */
struct tc_slot {
	uintptr_t desc;
	unsigned int ix;
};

/* What the scenarios showed of each declared event, by its index. */
static struct {
	struct tc_slot *by_desc;	/* sorted by descriptor address */
	unsigned long *seen;		/* enters or notes */
	u64 *filled;			/* bit f: field f was filled once */
	u64 *all;			/* the bits of every field */
	const struct trace_event_desc *undeclared;	/* emitted, not in the table */
} cov;

static int
tc_slot_cmp(const void *a, const void *b)
{
	uintptr_t x = ((const struct tc_slot *)a)->desc, y = ((const struct tc_slot *)b)->desc;

	return x < y ? -1 : x > y;
}

static void
tc_cover_init(void)
{
	unsigned int n = trace_events_count;

	cov.by_desc = calloc(n, sizeof(*cov.by_desc));
	cov.seen = calloc(n, sizeof(*cov.seen));
	cov.filled = calloc(n, sizeof(*cov.filled));
	cov.all = calloc(n, sizeof(*cov.all));
	ck_assert(cov.by_desc && cov.seen && cov.filled && cov.all);
	for (unsigned int i = 0; i < n; i++) {
		const struct trace_event_desc *d = trace_events_all[i];

		ck_assert_uint_le(d->nfields, 64);
		cov.by_desc[i] = (struct tc_slot){ (uintptr_t)d, i };
		cov.all[i] = d->nfields == 64 ? ~0ULL : (1ULL << d->nfields) - 1;
	}
	qsort(cov.by_desc, n, sizeof(*cov.by_desc), tc_slot_cmp);
}

/* The sink: count the event, mark the fields that are not poison. */
static void
tc_cover(void *arg, const struct trace_event *ev)
{
	const struct trace_rec *r = &ev->rec;
	const struct trace_event_desc *d = trace_rec_desc(r);
	struct tc_slot key, *slot;
	unsigned int off = 0;

	(void)arg;
	if (!d || r->kind == TRACE_EXIT)
		return;
	key.desc = (uintptr_t)d;
	slot = bsearch(&key, cov.by_desc, trace_events_count, sizeof(key), tc_slot_cmp);
	if (!slot) {		/* not a ck_assert: those are slow, and this runs often */
		cov.undeclared = d;
		return;
	}
	cov.seen[slot->ix]++;
	if (cov.filled[slot->ix] == cov.all[slot->ix])
		return;
	for (unsigned int f = 0; f < d->nfields; f++) {
		const u8 *p = r->data + off;

		for (unsigned int b = 0; b < d->fields[f].size; b++) {
			if (p[b] != TC_POISON) {
				cov.filled[slot->ix] |= 1ULL << f;
				break;
			}
		}
		off += d->fields[f].size;
	}
}

/* Watch @tr from now on, with poisoned records. */
static void
tc_watch(struct trace *tr)
{
	tr->poison = TC_POISON;
	ck_assert_int_eq(trace_add_sink(tr, tc_cover, NULL), 0);
}

/* ---- frames, as they come off a wire ----------------------------------------- */

/* Big-endian stores, for fields at any offset. */
static void
tc_put16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

static void
tc_put32(u8 *p, u32 v)
{
	tc_put16(p, (u16)(v >> 16));
	tc_put16(p + 2, (u16)v);
}

/* The RFC 1071 sum of a pseudo header and @len bytes of UDP or TCP. */
static __sum16
tc_l4_csum(__be32 saddr, __be32 daddr, u8 proto, const void *l4, unsigned int len)
{
	return csum_tcpudp_magic(saddr, daddr, len, proto, csum_partial(l4, len, 0));
}

/* A UDP header and @plen zero bytes at @l4, summed unless @bad_csum. */
static unsigned int
tc_udp(u8 *l4, __be32 saddr, __be32 daddr, u16 sport, u16 dport, unsigned int plen,
       bool bad_csum)
{
	struct udphdr *uh = (struct udphdr *)l4;

	memset(l4, 0, sizeof(*uh) + plen);
	uh->source = htons(sport);
	uh->dest = htons(dport);
	uh->len = htons(sizeof(*uh) + plen);
	uh->check = tc_l4_csum(saddr, daddr, IPPROTO_UDP, l4, sizeof(*uh) + plen);
	if (bad_csum)
		uh->check ^= 0x5555;
	return sizeof(*uh) + plen;
}

/* A TCP segment at @l4: @flags (byte 13), the timestamp option @tsval
 * when non-zero, @plen zero bytes of data, and its checksum. */
static unsigned int
tc_tcp(u8 *l4, __be32 saddr, __be32 daddr, u16 sport, u16 dport, u32 seq, u32 ack, u8 flags,
       u32 tsval, unsigned int plen)
{
	struct tcphdr *th = (struct tcphdr *)l4;
	unsigned int hlen = sizeof(*th) + (tsval ? 12 : 0), len = hlen + plen;

	memset(l4, 0, len);
	th->source = htons(sport);
	th->dest = htons(dport);
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	th->doff = hlen / 4;
	l4[13] = flags;
	th->window = htons(8192);
	if (tsval) {
		u8 *o = l4 + sizeof(*th);

		o[0] = o[1] = 1;			/* NOP NOP */
		o[2] = 8;				/* TCPOPT_TIMESTAMP */
		o[3] = 10;
		tc_put32(o + 4, tsval);		/* TSecr 0 */
	}
	th->check = tc_l4_csum(saddr, daddr, IPPROTO_TCP, l4, len);
	return len;
}

/* ICMP @type/@code (@info in the second word) quoting @qlen bytes. */
static unsigned int
tc_icmp(u8 *l4, u8 type, u8 code, u32 info, const void *quote, unsigned int qlen)
{
	struct icmphdr *ih = (struct icmphdr *)l4;

	memset(ih, 0, sizeof(*ih));
	ih->type = type;
	ih->code = code;
	tc_put32(l4 + 4, info);
	memcpy(l4 + sizeof(*ih), quote, qlen);
	ih->checksum = htons(fixture_csum(l4, sizeof(*ih) + qlen, 0));
	return sizeof(*ih) + qlen;
}

/* An ARP packet (Ethernet + 28 bytes) from @sha/@sip to @dst. */
static unsigned int
tc_arp(u8 *f, const u8 *dst, u16 op, const u8 *sha, __be32 sip, __be32 tip)
{
	struct arphdr *arp = (struct arphdr *)(f + ETH_HLEN);
	u8 *p = (u8 *)(arp + 1);

	memcpy(f, dst, ETH_ALEN);
	memcpy(f + ETH_ALEN, sha, ETH_ALEN);
	tc_put16(f + 12, ETH_P_ARP);
	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons(op);
	memcpy(p, sha, ETH_ALEN);
	memcpy(p + 6, &sip, 4);
	memset(p + 10, 0, ETH_ALEN);
	memcpy(p + 16, &tip, 4);
	return ETH_HLEN + sizeof(*arp) + 20;
}

/* Make the IPv4 packet in frame @f the first fragment (MF) of datagram @id. */
static void
tc_ip_first_fragment(u8 *f, u16 id)
{
	struct iphdr *iph = (struct iphdr *)(f + ETH_HLEN);

	iph->id = htons(id);
	iph->frag_off = htons(IP_MF);
	iph->check = 0;
	iph->check = ip_fast_csum(iph, 5);
}

/* ---- the classroom world ----------------------------------------------------- */

static struct {
	struct sim_world *w;
	struct sim_console con;
	struct fixture_capture cap;
} W;

static const u8 tc_router_lan_mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 0x01 };	/* router eth0 */

static void
tc_world_open(u32 seed)
{
	W.w = fixture_world_open(&W.con, &W.cap, seed);
	tc_watch(&W.w->trace);
}

static void
tc_world_close(void)
{
	fixture_world_close(W.w, &W.cap);
	W.w = NULL;
}

/* Console @script on the world; ck_assert: it ends with @status. */
static void
tc_run(const char *script, int status)
{
	ck_assert_msg(fixture_console_run(&W.con, &W.cap, script) == status, "%s: %s%s", script,
		      W.cap.outbuf, W.cap.errbuf);
}

/* Let @ms of virtual time pass. */
static void
tc_wait(unsigned int ms)
{
	ck_assert_int_eq(sim_run(&W.w->eng, W.w->eng.now + (ktime_t)ms * NSEC_PER_MSEC,
				 CONSOLE_MAX_EVENTS), 0);
}

static struct net *
tc_host(int host)
{
	return W.w->host[host];
}

/* @len bytes arrive at @host's eth0 from its wire; 1 ms passes. */
static void
tc_wire(int host, const u8 *frame, unsigned int len)
{
	struct sim_port *port = sim_igb_port(tc_host(host)->devs[0]);

	port->rx(port, frame, len);
	tc_wait(1);
}

/* An IPv4 packet from @smac to @host's eth0; its length. */
static unsigned int
tc_ip(u8 *buf, int host, const u8 *smac, __be32 saddr, __be32 daddr, u8 proto,
      const void *l4, unsigned int l4len)
{
	char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &saddr, s, sizeof(s));
	inet_ntop(AF_INET, &daddr, d, sizeof(d));
	return fixture_build_ip(buf, tc_host(host)->devs[0]->dev_addr, smac, s, d, proto, l4,
				l4len);
}

/* Console scenarios for what the reference ones (tests/fixture.h) do not reach. */
static const struct fixture_script tc_scripts[] = {
	/* the tools */
	{ "ip route; ip neigh; ip link; ip addr; route -n; ip route get 10.0.1.2; "
	  "ip route add 192.168.0.0/16 via 10.0.0.1; ip route del 192.168.0.0/16; "
	  "ip link set eth0 mtu 1400; ip link set eth0 down; ip link set eth0 up; "
	  "ip neigh flush all; tc -s qdisc show; ethtool eth0; ethtool -S eth0; ethtool -g eth0; ethtool -c eth0; ethtool -C eth0 rx-usecs 0; "
	  "ethtool -i eth0; cat /proc/softirqs; cat /proc/interrupts; nstat -az; netstat -s; "
	  "ss -tuan; iptables -L -v -n", 0 },
	/* netfilter */
	{ "iptables -A OUTPUT -d 10.0.1.2 -p icmp -j DROP; ping -c 1 -W 1 10.0.1.2; "
	  "iptables -I OUTPUT 1 -p tcp -j ACCEPT; iptables -D OUTPUT 1; iptables -Z; "
	  "iptables -P FORWARD DROP; ping -c 1 -W 1 10.0.1.2; iptables -P FORWARD ACCEPT; "
	  "iptables -F", 1 },
	/* tbf: a rate, then a bucket smaller than a packet */
	{ "socket tcp; connect 10.0.1.2:9000; "
	  "tc qdisc replace dev eth0 root tbf rate 1mbit burst 3k latency 100ms; send 3 30000; "
	  "tc qdisc replace dev eth0 root tbf rate 1mbit burst 100 limit 100; "
	  "ping -c 1 -s 200 -W 1 10.0.1.2; tc qdisc del dev eth0 root; close 3", 1 },
	/* Nagle over a slow path */
	{ "sim delay 10ms; socket tcp; connect 10.0.1.2:9000; send 3 100; send 3 100; "
	  "send 3 100; close 3", 0 },
	/* a byte fifo under tbf that overflows */
	{ "ping -c 1 10.0.1.2; tc qdisc replace dev eth0 root tbf rate 1mbit burst 3k limit 3000; "
	  "socket udp; sendto 3 10.0.1.2:9001 60000", 1 },
	/* TCP learns the path MTU; later the route's exception expires */
	{ "socket tcp; connect 10.0.1.2:9000; sim mtu wan 1400; send 3 20000; close 3; "
	  "ping -c 1 -s 1450 -M do 10.0.1.2; sleep 601; ping -c 1 10.0.1.2", 1 },
	/* a multicast route on the link: the neighbour maps the group to a MAC */
	{ "ip route add 224.0.0.0/4 dev eth0; ping -c 1 -W 1 224.0.0.1", 1 },
	/* the settings sysctl reads and writes */
	{ "sysctl -q net.ipv4.tcp_congestion_control=reno; sysctl -a", 0 },
	/* Reno chosen by sysctl grows and cuts cwnd; CUBIC meets an RTO */
	{ "sysctl -w net.ipv4.tcp_congestion_control=reno; socket tcp; connect 10.0.1.2:9000; "
	  "sim link wan loss 5; send 3 100000; sim link wan loss 0; close 3; "
	  "sysctl -w net.ipv4.tcp_congestion_control=cubic; socket tcp; connect 10.0.1.2:9000; "
	  "sim link wan loss 100; send 3 1000; sleep 1s; sim link wan loss 0; close 3", 0 },
	/* CUBIC's HyStart ends slow start on an ACK train of over 1 ms */
	{ "socket tcp; connect 10.0.1.2:9000; send 3 300000; close 3", 0 },
	/* a route whose MTU is locked ignores "fragmentation needed" */
	{ "ip route add 10.0.1.2/32 via 10.0.0.1 mtu lock 1400; sim mtu wan 1300; "
	  "ping -c 1 -s 1350 -M do 10.0.1.2", 1 },
	/* 41 fragments waiting for one ARP reply overflow the neighbour's queue */
	{ "socket udp; sendto 3 10.0.1.2:9001 60000", 0 },
	/* a SYN into a black hole until the connect gives up */
	{ "on server iptables -A INPUT -p tcp -j DROP; socket tcp; connect 10.0.1.2:9000", 1 },
	/* a queueless device that cannot send */
	{ "ethtool -G eth0 tx 80; tc qdisc replace dev eth0 root noqueue; ping -c 1 10.0.1.2; "
	  "socket udp; sendto 3 10.0.1.2:9001 60000; sendto 3 10.0.1.2:9001 60000", 1 },
	/* no route at the router; a gateway off every link */
	{ "ping -c 1 -W 1 8.8.8.8; ip route add 192.168.0.0/16 via 8.8.8.8", 1 },
	/* UDP errors: a closed port, the router's broadcast, a connected socket told off */
	{ "socket udp; sendto 3 10.0.1.2:9999 10; close 3; socket udp; "
	  "sendto 3 10.0.1.255:9999 10; connect 3 10.0.1.2:9999; send 3 10; sleep 10ms; "
	  "send 3 10", 1 },
	/* TCP refused */
	{ "socket tcp; connect 10.0.1.2:5999", 1 },
	/* tcpdump: two taps on one device share a clone on the way out and
	 * the received skb on the way in; the first stops after 3 frames */
	{ "tcpdump -i eth0 -c 3; tcpdump -n -i eth0; on router tcpdump -i eth1; "
	  "ping -c 1 10.0.1.2", 0 },
	/* features: what eth0 can do, changed, refused; without GSO a loss
	 * retransmits while the first copy is still in the ring */
	{ "ethtool -k eth0; ethtool -K eth0 sg off; ethtool -K eth0 sg on; "
	  "ethtool -K eth0 tso off gso off; socket tcp; connect 10.0.1.2:9000; "
	  "sim link wan loss 5; send 3 200000; sim link wan loss 0; close 3; on server recv 9000",
	  0 },
	{ "ethtool -K eth0 rx on", 1 },
	/* the route promised TSO and checksumming, then `tx off` took both:
	 * the stack cuts (software GSO) and sums (skb_checksum_help) */
	{ "socket tcp; connect 10.0.1.2:9000; ethtool -K eth0 tx off; send 3 30000; close 3; "
	  "on server recv 9000", 0 },
	/* lo: a ping of our own address (ping's ICMP filter keeps its own
	 * request out of its raw socket), TCP to ourselves, tcpdump on lo */
	{ "tcpdump -i lo; ping -c 1 10.0.0.2; listen 9002; socket tcp; connect 127.0.0.1:9002; "
	  "send 4 3000; close 4; recv 9002", 0 },
	/* tbf without GSO: a retransmission while the first copy waits in
	 * the qdisc, and a duplicate arrives */
	{ "ethtool -K eth0 tso off gso off; socket tcp; connect 10.0.1.2:9000; "
	  "tc qdisc replace dev eth0 root tbf rate 1mbit burst 3k latency 100ms; send 3 30000; "
	  "tc qdisc replace dev eth0 root tbf rate 1mbit burst 100 limit 100; "
	  "ping -c 1 -s 200 -W 1 10.0.1.2; tc qdisc del dev eth0 root; close 3", 1 },
};

/* The classroom world running console @sc (seed @seed). */
static void
tc_console(u32 seed, const struct fixture_script *sc)
{
	tc_world_open(seed);
	tc_run(sc->script, sc->status);
	tc_world_close();
}

/*
 * Odd frames from the wire into the student: ARP with an odd address
 * length or operation, for another MAC (the card made promiscuous
 * through RCTL.UPE) or changes the router's MAC; IP to an unknown
 * protocol; UDP too short or with a bad sum; ICMP nobody asked for,
 * quoting an unknown protocol or too little, of a discarded type or with
 * a bad sum; a fragment twice, and fragments left to time out or be
 * evicted.  At the router: a packet to forward whose source is one of
 * its own addresses (a martian), an echo request from an address it has
 * no route to.
 */
static void
tc_frames_student(void)
{
	static const u8 other_mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 0x77 };
	static const u8 new_mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 0x99 };
	__be32 me = fx_addr("10.0.0.2"), gw = fx_addr("10.0.0.1"), srv = fx_addr("10.0.1.2");
	struct net *st;
	struct sim_82576 *card;
	u8 f[1600], l4[1500], quote[28];
	unsigned int n;

	tc_world_open(21);
	st = tc_host(SIM_STUDENT);
	card = sim_igb_card(st->devs[0]);
	tc_run("ping -c 1 10.0.0.1", 0);	/* the router's entry gets a header cache */

	n = tc_arp(f, st->devs[0]->dev_addr, ARPOP_REPLY, tc_router_lan_mac, gw, me);
	f[ETH_HLEN + 4] = 8;					/* ar_hln */
	tc_wire(SIM_STUDENT, f, n);
	n = tc_arp(f, st->devs[0]->dev_addr, 9, tc_router_lan_mac, gw, me);	/* no such op */
	tc_wire(SIM_STUDENT, f, n);
	n = tc_arp(f, st->devs[0]->dev_addr, ARPOP_REPLY, tc_router_lan_mac, gw, me);
	tc_wire(SIM_STUDENT, f, n);		/* the router's entry, updated now */
	n = tc_arp(f, st->devs[0]->dev_addr, ARPOP_REPLY, new_mac, gw, me);
	tc_wire(SIM_STUDENT, f, n);		/* within locktime: the first reply wins */
	tc_wait(2000);
	tc_wire(SIM_STUDENT, f, n);		/* later: the MAC and the cached header change */
	tc_wait(2000);
	n = tc_arp(f, st->devs[0]->dev_addr, ARPOP_REPLY, tc_router_lan_mac, gw, me);
	tc_wire(SIM_STUDENT, f, n);
	sim_82576_wr32(card, E1000_RCTL, sim_82576_peek(card, E1000_RCTL) | E1000_RCTL_UPE);
	n = tc_arp(f, other_mac, ARPOP_REQUEST, tc_router_lan_mac, gw, fx_addr("10.0.0.77"));
	tc_wire(SIM_STUDENT, f, n);
	sim_82576_wr32(card, E1000_RCTL, sim_82576_peek(card, E1000_RCTL) & ~E1000_RCTL_UPE);

	n = tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, 99, "proto99!", 8);
	tc_wire(SIM_STUDENT, f, n);
	n = tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_UDP, "udp!", 4);
	tc_wire(SIM_STUDENT, f, n);
	n = tc_udp(l4, srv, me, 9001, 7, 10, true);
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_UDP, l4, n));
	/* a long frame (its payload in a page frag) with 200 bytes after
	 * the datagram: ip_rcv trims them off the frag */
	n = tc_udp(l4, srv, me, 9001, 7, 300, false);
	n = tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_UDP, l4, n);
	memset(f + n, 0xee, 200);
	tc_wire(SIM_STUDENT, f, n + 200);
	/* a TCP segment with a bad sum: GRO leaves it alone, TCP drops it */
	n = tc_tcp(l4, srv, me, 9000, 7, 1, 0, TCPHDR_ACK, 0, 400);
	((struct tcphdr *)l4)->check ^= 0x5555;
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_TCP, l4, n));

	n = tc_icmp(l4, ICMP_ECHOREPLY, 0, 0x77770001, "data", 4);	/* nobody's id */
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_ICMP, l4, n));
	l4[2] ^= 0xff;							/* bad sum */
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_ICMP, l4, n));
	n = tc_icmp(l4, 9, 0, 0, "advert", 6);				/* discarded type */
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, gw, me, IPPROTO_ICMP, l4, n));
	fixture_build_ip(f, tc_router_lan_mac, st->devs[0]->dev_addr, "10.0.0.2", "10.0.1.2", 99,
			 "12345678", 8);
	memcpy(quote, f + ETH_HLEN, sizeof(quote));			/* IP header + 8 bytes */
	n = tc_icmp(l4, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0, quote, sizeof(quote));
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_ICMP, l4, n));
	n = tc_icmp(l4, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0, quote, 24);	/* short quote */
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_ICMP, l4, n));

	/* the first fragment of a datagram, twice; then it times out */
	n = tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_UDP, l4, 1000);
	tc_ip_first_fragment(f, 1);
	tc_wire(SIM_STUDENT, f, n);
	tc_wire(SIM_STUDENT, f, n);
	tc_wait(31000);
	/* memory short (ipfrag_high_thresh 2000): each new datagram's
	 * fragment evicts the queue before it */
	sim_ipfrag_sysctl(st, 2000, 1000, -1);
	for (u16 id = 2; id < 5; id++) {
		tc_ip_first_fragment(f, id);
		tc_wire(SIM_STUDENT, f, n);
	}
	/* at the router: a packet to forward from its own address, an echo
	 * it cannot answer */
	n = tc_ip(f, SIM_ROUTER, tc_host(SIM_STUDENT)->devs[0]->dev_addr, fx_addr("10.0.1.1"), srv,
		  IPPROTO_UDP, l4, tc_udp(l4, fx_addr("10.0.1.1"), srv, 7, 7, 4, false));
	tc_wire(SIM_ROUTER, f, n);
	n = tc_icmp(l4, ICMP_ECHO, 0, 0x12340001, "ping", 4);
	tc_wire(SIM_ROUTER, f, tc_ip(f, SIM_ROUTER, tc_host(SIM_STUDENT)->devs[0]->dev_addr,
				     fx_addr("8.8.8.8"), gw, IPPROTO_ICMP, l4, n));
	tc_world_close();
}

/*
 * TCP segments the student's connection refuses: an old timestamp
 * (PAWS), a sequence far outside the window, an ICMP error about data it
 * never sent; after its close, a RST outside the TIME-WAIT window.  A
 * listener's queue filled by SYNs from an address that never answers,
 * then SYN cookies, until a later SYN finds the requests timed out.
 */
static void
tc_frames_tcp(void)
{
	__be32 me = fx_addr("10.0.0.2"), srv = fx_addr("10.0.1.2"), ghost = fx_addr("10.0.1.9");
	u8 f[1600], l4[256], th8[8], quote[sizeof(struct iphdr) + 8];
	struct tcp_sock *tp;
	struct sock *sk;
	struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(7002) };
	unsigned int n;
	u32 rcv_nxt;
	u16 port;
	int err, lfd;

	tc_world_open(22);
	tc_run("socket tcp; connect 10.0.1.2:9000; send 3 1000", 0);
	sk = sockfd_lookup(tc_host(SIM_STUDENT), 3, &err)->sk;
	tp = tcp_sk(sk);
	port = sk->sk_num;
	rcv_nxt = tp->rcv_nxt;
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_TCP, l4,
				      tc_tcp(l4, srv, me, 9000, port, rcv_nxt, tp->snd_una,
					     TCPHDR_ACK, tp->rx_opt.ts_recent - 1000, 0)));
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_TCP, l4,
				      tc_tcp(l4, srv, me, 9000, port, rcv_nxt + 0x40000000,
					     tp->snd_una, TCPHDR_ACK, tp->rx_opt.ts_recent + 1, 0)));
	/* host unreachable, about a segment far behind snd_una */
	tc_put16(th8, port);
	tc_put16(th8 + 2, 9000);
	tc_put32(th8 + 4, tp->snd_una - 100000);
	fixture_build_ip(f, tc_router_lan_mac, tc_host(SIM_STUDENT)->devs[0]->dev_addr, "10.0.0.2",
			 "10.0.1.2", IPPROTO_TCP, th8, sizeof(th8));
	memcpy(quote, f + ETH_HLEN, sizeof(quote));
	n = tc_icmp(l4, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0, quote, sizeof(quote));
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, fx_addr("10.0.0.1"), me,
				      IPPROTO_ICMP, l4, n));
	/* the student closes first: TIME-WAIT (the console would wait it out) */
	ck_assert_int_eq(sys_close(tc_host(SIM_STUDENT), 3), 0);
	tc_wait(200);
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, srv, me, IPPROTO_TCP, l4,
				      tc_tcp(l4, srv, me, 9000, port, rcv_nxt + 0x40000000, 0,
					     TCPHDR_RST, 0, 0)));

	/* a listener with backlog 1: sixteen SYNs fill its SYN queue; the
	 * seventeenth gets a SYN cookie (the flood warning, once), an ACK
	 * with a wrong cookie is refused; an eighteenth, 64 s later, finds
	 * the requests dead (the router drops the SYN-ACKs: no ICMP error
	 * comes back to drop the requests sooner) */
	tc_run("on router iptables -A FORWARD -d 10.0.1.9 -j DROP", 0);
	lfd = sys_socket(tc_host(SIM_STUDENT), AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(sys_bind(tc_host(SIM_STUDENT), lfd, (struct sockaddr *)&any,
				  sizeof(any)), 0);
	ck_assert_int_eq(sys_listen(tc_host(SIM_STUDENT), lfd, 1), 0);
	for (u16 i = 0; i < 18; i++) {
		if (i == 17)
			tc_wait(64000);
		tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, ghost, me,
					      IPPROTO_TCP, l4,
					      tc_tcp(l4, ghost, me, 41000 + i, 7002, 1000, 0,
						     TCPHDR_SYN, 0, 0)));
		if (i == 16)
			tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, ghost, me,
						      IPPROTO_TCP, l4,
						      tc_tcp(l4, ghost, me, 41000 + i, 7002, 1001,
							     12345, TCPHDR_ACK, 0, 0)));
	}
	tc_world_close();
}

/*
 * A connection from the server to a listener on the student's port
 * 7000 whose SO_RCVBUF is @rcvbuf: the student's accepted fd; the
 * listener's in *@lfd, the server's in *@sfd.
 */
static int
tc_accept_from_server(int rcvbuf, int *lfd, int *sfd)
{
	struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(7000) };
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(7000),
				  .sin_addr.s_addr = fx_addr("10.0.0.2") };
	struct net *st = tc_host(SIM_STUDENT), *srv = tc_host(SIM_SERVER);
	int fd;

	*lfd = sys_socket(st, AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(sys_setsockopt(st, *lfd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)),
			 0);
	ck_assert_int_eq(sys_bind(st, *lfd, (struct sockaddr *)&any, sizeof(any)), 0);
	ck_assert_int_eq(sys_listen(st, *lfd, 4), 0);
	*sfd = sys_socket(srv, AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(sys_connect(srv, *sfd, (struct sockaddr *)&to, sizeof(to)), -EINPROGRESS);
	tc_wait(100);
	fd = sys_accept(st, *lfd, NULL, NULL);
	ck_assert_int_ge(fd, 0);
	return fd;
}

/*
 * The system calls the console does not make, on the student: a TCP
 * listener with a small receive buffer that the server fills until the
 * window shuts and it probes; binds that collide; shutdown; a close with
 * unread data; a receive buffer too small for any segment, in order or
 * after a hole; a UDP socket that disconnects, one that cannot queue
 * another datagram, one whose receive buffer overflows.
 */
static void
tc_sockets(void)
{
	static u8 buf[100000];
	struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(7000) };
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(7000),
				  .sin_addr.s_addr = fx_addr("10.0.0.2") };
	struct sockaddr_in none = { .sin_family = AF_UNSPEC };
	__be32 to_srv = fx_addr("10.0.1.2");
	u8 f[1600], l4[256];
	struct net *st, *srv;
	struct sock *sk;
	int small = 1, lfd, fd, cfd, sfd, err;

	tc_world_open(23);
	st = tc_host(SIM_STUDENT);
	srv = tc_host(SIM_SERVER);
	cfd = tc_accept_from_server(8192, &lfd, &sfd);
	fd = sys_socket(st, AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(sys_bind(st, fd, (struct sockaddr *)&any, sizeof(any)), -EADDRINUSE);
	ck_assert_int_eq(sys_close(st, fd), 0);
	ck_assert_int_gt(sys_sendto(srv, sfd, buf, sizeof(buf), MSG_DONTWAIT, NULL, 0), 0);
	tc_wait(20000);			/* the window shuts; the server probes it */
	ck_assert_int_gt(sys_recvfrom(st, cfd, buf, 1000, 0, NULL, NULL), 0);
	ck_assert_int_eq(sys_send(st, cfd, "x", 1, 0), 1);
	ck_assert_int_eq(sys_shutdown(st, cfd, SHUT_WR), 0);
	tc_wait(100);
	ck_assert_int_eq(sys_close(st, cfd), 0);	/* unread data: reset */
	ck_assert_int_eq(sys_close(st, lfd), 0);
	tc_wait(100);
	ck_assert_int_eq(sys_close(srv, sfd), 0);

	/* the smallest receive buffer: no segment fits, in order or after a
	 * hole (one made up here: 100 bytes 500 past rcv_nxt) */
	cfd = tc_accept_from_server(1, &lfd, &sfd);
	ck_assert_int_gt(sys_sendto(srv, sfd, buf, 5000, MSG_DONTWAIT, NULL, 0), 0);
	tc_wait(100);
	sk = sockfd_lookup(st, cfd, &err)->sk;
	tc_wire(SIM_STUDENT, f, tc_ip(f, SIM_STUDENT, tc_router_lan_mac, to_srv, to.sin_addr.s_addr,
				      IPPROTO_TCP, l4,
				      tc_tcp(l4, to_srv, to.sin_addr.s_addr, ntohs(sk->sk_dport),
					     7000, tcp_sk(sk)->rcv_nxt + 500,
					     tcp_sk(sk)->snd_nxt, TCPHDR_ACK,
					     tcp_sk(sk)->rx_opt.ts_recent + 1, 100)));
	ck_assert_int_eq(sys_close(srv, sfd), 0);
	ck_assert_int_eq(sys_close(st, cfd), 0);
	ck_assert_int_eq(sys_close(st, lfd), 0);

	fd = sys_socket(st, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_eq(sys_setsockopt(st, fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small)), 0);
	ck_assert_int_eq(sys_bind(st, fd, (struct sockaddr *)&any, sizeof(any)), 0);
	sfd = sys_socket(st, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_eq(sys_bind(st, sfd, (struct sockaddr *)&any, sizeof(any)), -EADDRINUSE);
	ck_assert_int_eq(sys_connect(st, sfd, (struct sockaddr *)&to, sizeof(to)), 0);
	ck_assert_int_eq(sys_connect(st, sfd, (struct sockaddr *)&none, sizeof(none)), 0);
	ck_assert_int_eq(sys_close(st, sfd), 0);
	/* datagrams nobody reads: the receive buffer overflows */
	sfd = sys_socket(srv, AF_INET, SOCK_DGRAM, 0);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(sys_sendto(srv, sfd, buf, 1000, MSG_DONTWAIT,
					    (struct sockaddr *)&to, sizeof(to)), 1000);
	tc_wait(100);
	ck_assert_int_eq(sys_close(srv, sfd), 0);
	ck_assert_int_eq(sys_close(st, fd), 0);
	/* a small send buffer, four datagrams waiting for ARP (three fit) */
	fd = sys_socket(st, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_eq(sys_setsockopt(st, fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)), 0);
	to.sin_addr.s_addr = fx_addr("10.0.0.77");
	for (int i = 0; i < 4; i++)
		sys_sendto(st, fd, buf, 1400, MSG_DONTWAIT, (struct sockaddr *)&to, sizeof(to));
	ck_assert_int_eq(sys_close(st, fd), 0);
	tc_world_close();
}

/* ---- nonlinear skbs, handled directly ------------------------------------------ */

/*
 * What no console command makes happen on its own: the head of a cloned
 * skb with frags made private (pskb_expand_head), and bytes pulled into
 * the linear part from the frags and from a frag_list (__pskb_pull_tail),
 * on the student.
 */
static void
tc_skbuff(void)
{
	struct net *st;
	struct sk_buff *skb, *clone, *m;
	struct page *page;

	tc_world_open(30);
	st = tc_host(SIM_STUDENT);
	skb = alloc_skb(st, 256);
	page = alloc_pages(st, 0);
	skb_reserve(skb, 64);
	memset(skb_put(skb, 100), 1, 100);
	memset(page_address(page), 2, 1000);
	skb_fill_page_desc(skb, 0, page, 0, 1000);
	skb->len += 1000;
	skb->data_len += 1000;
	m = alloc_skb(st, 200);
	memset(skb_put(m, 200), 3, 200);
	skb_shinfo(skb)->frag_list = m;
	skb->len += 200;
	skb->data_len += 200;
	clone = skb_clone(skb);
	ck_assert_int_eq(pskb_expand_head(skb, 0, 0), 0);
	ck_assert_int_eq(skb_linearize(skb), 0);
	ck_assert_uint_eq(skb_headlen(skb), 1300);
	kfree_skb(skb);
	kfree_skb(clone);
	tc_world_close();
}

/* ---- two hosts, two igb cards, one wire -------------------------------------- */

/*
 * Two hosts with an igb card each, joined by a wire, built while the
 * trace is watched: every layer's init, igb's probe and open.  Addresses
 * 10.9.0.1 and 10.9.0.2; h0's card has two queue pairs (an mq root), h1's
 * one (pfifo_fast attached directly).
 */
static struct {
	struct fixture fx;
	struct net_device *dev[2];	/* h0:eth0, h1:eth0 */
	struct sim_link *link;
} P;

static void
tc_pair_open(void)
{
	static const u8 mac[2][ETH_ALEN] = { { 2, 0, 0, 0, 9, 1 }, { 2, 0, 0, 0, 9, 2 } };
	static const char *const addr[2] = { "10.9.0.1", "10.9.0.2" };

	fixture_setup(&P.fx, 0);
	fixture_stop_recording(&P.fx);	/* the coverage is all this looks at */
	tc_watch(&P.fx.trace);
	for (int i = 0; i < 2; i++) {
		P.dev[i] = igb_probe(fixture_add_host(&P.fx), "eth0", mac[i]);
		ck_assert_ptr_nonnull(P.dev[i]);
		ck_assert_int_eq(dev_open(P.dev[i]), 0);
		ck_assert_int_eq(host_set_addr(P.dev[i], fx_addr(addr[i]), 24), 0);
	}
	P.link = sim_link_create(&P.fx.eng, sim_igb_port(P.dev[0]), sim_igb_port(P.dev[1]));
	ck_assert_ptr_nonnull(P.link);
	fixture_run(&P.fx);
}

static void
tc_pair_close(void)
{
	fixture_run(&P.fx);
	for (int i = 0; i < 2; i++)
		dev_close(P.dev[i]);
	sim_link_destroy(P.link);
	fixture_teardown(&P.fx);
}

static struct igb_adapter *
tc_adapter(int i)
{
	return netdev_priv(P.dev[i]);
}

/* A @len-byte frame of EtherType @type from pair device @from to @dst. */
static struct sk_buff *
tc_frame(int from, const u8 *dst, u16 type, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(P.fx.host[from], len + 64);
	u8 *p;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 32);
	p = skb_put(skb, len);
	memset(p, 0, len);
	memcpy(p, dst, ETH_ALEN);
	memcpy(p + ETH_ALEN, P.dev[from]->dev_addr, ETH_ALEN);
	tc_put16(p + 12, type);
	skb->dev = P.dev[from];
	skb->protocol = htons(type);
	return skb;
}

/* @n such frames through dev_queue_xmit. */
static void
tc_send(int from, const u8 *dst, u16 type, unsigned int len, int n)
{
	for (int i = 0; i < n; i++)
		dev_queue_xmit(tc_frame(from, dst, type, len));
}

/* `ethtool ARGS...` (NULL-terminated) on pair host @i; ck_assert: 0. */
static void
tc_ethtool(int i, const char *arg, ...)
{
	char *argv[8] = { "ethtool" };
	FILE *null = fopen("/dev/null", "w");
	int argc = 1;
	va_list ap;

	va_start(ap, arg);
	for (const char *a = arg; a && argc < 7; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	ck_assert_ptr_nonnull(null);
	ck_assert_int_eq(tool_ethtool(P.fx.host[i], argc, argv, null, null), 0);
	fclose(null);
}

/*
 * What the cards refuse and the driver's own faults: a frame for another
 * MAC, an unknown EtherType, a frame longer than the receiver allows or
 * than its buffer (SRRCTL made too small), RX and TX descriptors pointing
 * at unmapped memory, an unmap of nothing, the "other" vector fired
 * through EICS, frames arriving while interrupts are masked until the
 * ring overflows and, with a 4096-slot ring, until one NAPI round cannot
 * take them all.
 */
static void
tc_pair_cards(void)
{
	static const u8 other_mac[ETH_ALEN] = { 2, 0, 0, 0, 9, 0x77 };
	struct sim_82576 *ca, *cb;
	struct igb_ring *rxr;
	u32 srrctl;

	tc_pair_open();
	ca = sim_igb_card(P.dev[0]);
	cb = sim_igb_card(P.dev[1]);
	tc_send(0, other_mac, ETH_P_IP, 60, 1);
	tc_send(0, P.dev[1]->dev_addr, ETH_P_IPV6, 60, 1);
	fixture_run(&P.fx);
	ck_assert_int_eq(dev_set_mtu(P.dev[0], 9000), 0);
	tc_send(0, P.dev[1]->dev_addr, ETH_P_IP, 3000, 1);
	srrctl = sim_82576_peek(cb, E1000_SRRCTL(0));
	sim_82576_wr32(cb, E1000_SRRCTL(0), 1 | E1000_SRRCTL_DESCTYPE_ADV_ONEBUF);	/* 1 KiB */
	tc_send(0, P.dev[1]->dev_addr, ETH_P_IP, 1200, 1);
	fixture_run(&P.fx);
	sim_82576_wr32(cb, E1000_SRRCTL(0), srrctl);

	rxr = tc_adapter(1)->rx_ring[0];
	IGB_RX_DESC(rxr, sim_82576_peek(cb, E1000_RDH(0)))->read.pkt_addr =
		cpu_to_le64(0xdead0000ULL);				/* a driver bug */
	tc_send(0, P.dev[1]->dev_addr, ETH_P_IP, 60, 1);
	ck_assert_int_eq(igb_xmit_frame(tc_frame(0, P.dev[1]->dev_addr, ETH_P_IP, 60), P.dev[0]),
			 NETDEV_TX_OK);
	IGB_TX_DESC(tc_adapter(0)->tx_ring[0], tc_adapter(0)->tx_ring[0]->next_to_use - 1)
		->read.buffer_addr = cpu_to_le64(0xdead0000ULL);
	fixture_run(&P.fx);
	dma_unmap_single(&tc_adapter(0)->pdev, 0xdead0000ULL, 64, DMA_TO_DEVICE);
	sim_82576_wr32(ca, E1000_EICS, tc_adapter(0)->eims_other);
	fixture_run(&P.fx);

	sim_82576_wr32(cb, E1000_EIMC, ~0U);
	tc_send(0, P.dev[1]->dev_addr, ETH_P_IP, 60, 300);
	fixture_run(&P.fx);
	sim_82576_wr32(cb, E1000_EIMS, tc_adapter(1)->eims_enable_mask);
	fixture_run(&P.fx);
	tc_ethtool(1, "-G", "eth0", "rx", "4096", NULL);
	fixture_run(&P.fx);
	sim_82576_wr32(cb, E1000_EIMC, ~0U);
	tc_send(0, P.dev[1]->dev_addr, ETH_P_IP, 60, 400);
	fixture_run(&P.fx);
	sim_82576_wr32(cb, E1000_EIMS, tc_adapter(1)->eims_enable_mask);
	tc_pair_close();
}

/*
 * The driver's rings under pressure: an 80-slot ring a caller fills past
 * the stop (NETDEV_TX_BUSY), frames still in the ring when the device
 * closes, a qdisc of h1 that overflows while its queue is stopped and
 * then drains past its quota, a send on a closed device, frames for a
 * closed card or too short for any; and the DMA table nearly full, so
 * that opening the device fails.
 */
static void
tc_pair_rings(void)
{
	static u8 filler[64];
	static dma_addr_t fill[SIM_DMA_MAX_MAPS];
	struct sk_buff *skb;
	struct device *pdev;
	struct sim_port *port;
	unsigned int nfill;
	int rc;

	tc_pair_open();
	tc_ethtool(0, "-G", "eth0", "tx", "80", NULL);
	do {
		skb = tc_frame(0, P.dev[1]->dev_addr, ETH_P_IP, 60);
		rc = igb_xmit_frame(skb, P.dev[0]);
	} while (rc == NETDEV_TX_OK);
	kfree_skb(skb);				/* BUSY: the skb is still ours */
	fixture_run(&P.fx);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(igb_xmit_frame(tc_frame(0, P.dev[1]->dev_addr, ETH_P_IP, 60),
						P.dev[0]), NETDEV_TX_OK);
	dev_close(P.dev[0]);			/* before the card fetched them */
	dev_queue_xmit(tc_frame(0, P.dev[1]->dev_addr, ETH_P_IP, 60));

	netif_tx_stop_queue(netdev_get_tx_queue(P.dev[1], 0));
	tc_send(1, P.dev[0]->dev_addr, ETH_P_IP, 60, 1100);
	netif_tx_wake_queue(netdev_get_tx_queue(P.dev[1], 0));
	fixture_run(&P.fx);
	tc_send(1, P.dev[0]->dev_addr, ETH_P_IP, 60, 1);	/* to a closed card */
	fixture_run(&P.fx);
	port = sim_igb_port(P.dev[1]);
	port->rx(port, P.dev[1]->dev_addr, 10);			/* a runt */

	/* DMA: one mapping left (the TX ring takes it), then none */
	pdev = &tc_adapter(0)->pdev;
	nfill = SIM_DMA_MAX_MAPS - 1 - sim_dma_map_count(pdev);
	for (unsigned int i = 0; i < nfill; i++)
		fill[i] = dma_map_single(pdev, filler, sizeof(filler), DMA_TO_DEVICE);
	ck_assert_int_eq(dev_open(P.dev[0]), -ENOMEM);		/* no RX ring */
	fill[nfill] = dma_map_single(pdev, filler, sizeof(filler), DMA_TO_DEVICE);
	ck_assert_int_eq(dev_open(P.dev[0]), -ENOMEM);		/* no TX ring */
	for (unsigned int i = 0; i <= nfill; i++)
		dma_unmap_single(pdev, fill[i], sizeof(filler), DMA_TO_DEVICE);
	tc_pair_close();
}

/*
 * The neighbour table at its limits on h0: more entries than hash
 * buckets (the hash grows), then past gc_thresh3 with every entry held
 * (a forced GC frees nothing: the table is full); an entry held across a
 * flush sends into the blackhole; with mcast_solicit 0 a new entry cannot
 * resolve at all.  And an ARP packet shorter than its header, through
 * the fixture's fake device, which, unlike igb, does not pad short
 * frames to 60 bytes.
 */
static void
tc_pair_neigh(void)
{
	enum { MAX = 1025 };
	static struct neighbour *held[MAX];
	struct neigh_table *tbl;
	struct net_device *fake;
	struct neighbour *n;
	__be32 key;
	u8 f[64];

	tc_pair_open();
	tbl = P.fx.host[0]->arp_tbl;
	for (int i = 0; i < MAX; i++) {
		key = htonl(0x0a010000 + i);		/* 10.1.x.y */
		held[i] = neigh_create(tbl, &key, P.dev[0]);
	}
	ck_assert(IS_ERR(held[MAX - 1]));
	sim_neigh_flush(P.fx.host[0], NULL);
	held[0]->output(held[0], tc_frame(0, P.dev[1]->dev_addr, ETH_P_IP, 60));
	for (int i = 0; i < MAX - 1; i++)
		neigh_release(held[i]);

	tbl->parms.mcast_probes = 0;
	key = fx_addr("10.9.0.99");
	n = neigh_create(tbl, &key, P.dev[0]);
	ck_assert(!IS_ERR(n));
	ck_assert_int_eq(neigh_event_send(n, tc_frame(0, P.dev[1]->dev_addr, ETH_P_IP, 60)), 1);
	neigh_release(n);
	tbl->parms.mcast_probes = 3;

	fake = fixture_fake_dev(&P.fx, P.fx.host[0], "eth1", "10.8.0.1/24");
	tc_arp(f, fake->dev_addr, ARPOP_REPLY, P.dev[1]->dev_addr, fx_addr("10.8.0.2"),
	       fx_addr("10.8.0.1"));
	fixture_inject(fake, f, ETH_HLEN + 20);
	tc_pair_close();
}

/* ---- what no scenario reaches ------------------------------------------------ */

/*
 * Declared events that no scenario can reach, and why: code that netstep
 * never calls, or that only a bug would run.  The test fails if one of
 * them is emitted after all, so that it leaves this list for a scenario.
 */
static const struct {
	const struct trace_event_desc *ev;
	const char *why;
} tc_unreachable[] = {
	{ &tp_ev_dev_kfree_skb_irq, "only dev_kfree_skb_any in a hard IRQ calls it, and no "
	  "netstep IRQ handler frees an skb (igb frees in NAPI)" },
	{ &tp_ev_eth_no_daddr, "every dev_hard_header caller passes a MAC (neigh->ha, "
	  "arp_create's broadcast)" },
	{ &tp_ev_eth_runt, "the card drops frames under 14 bytes and igb pads to 60; "
	  "fixture_inject drops runts as a driver would" },
	{ &tp_ev_ip_rt_bug, "the input hook of an output route, never called (as in the "
	  "kernel)" },
	{ &tp_ev_neigh_destroy_alive, "freeing an entry still in the hash: a reference-count "
	  "bug (the kernel WARNs)" },
	{ &tp_ev_neigh_drop_err, "eth_header fails only without a MAC, which never happens "
	  "(see eth_no_daddr)" },
	{ &tp_ev_neigh_connected_output, "arp_generic_ops only: no netstep device lacks a "
	  "header cache" },
	{ &tp_ev_neigh_direct_output, "arp_direct_ops only: no netstep device lacks "
	  "header_ops" },
	{ &tp_ev_neigh_leakage, "a host torn down while someone holds an entry: a leak" },
	{ &tp_ev_ip_headroom_realloc, "every skb reaches ip_finish_output2 with the 16 bytes "
	  "an Ethernet header needs; only a device with a longer header would want more" },
	{ &tp_ev_skb_realloc_headroom, "called only where ip_headroom_realloc is (see there)" },
	{ &tp_ev_igb_mtu_invalid, "dev_set_mtu refuses above 9000 before igb_change_mtu, whose "
	  "limit is 9216" },
};

/* Is event @i in tc_unreachable? */
static bool
tc_is_unreachable(unsigned int i)
{
	for (size_t k = 0; k < ARRAY_SIZE(tc_unreachable); k++)
		if (tc_unreachable[k].ev == trace_events_all[i])
			return true;
	return false;
}

/* What the scenarios missed of event @i, as " name(): ..." in @line; false if nothing. */
static bool
tc_gap(unsigned int i, char *line, size_t len)
{
	const struct trace_event_desc *d = trace_events_all[i];
	const char *sep = " ";
	struct trace_buf b;

	trace_buf_init(&b, line, len);
	trace_buf_printf(&b, " %s%s:", d->name, d->is_note ? " (note)" : "()");
	if (tc_is_unreachable(i)) {
		trace_buf_puts(&b, " emitted, yet listed in tc_unreachable");
		return cov.seen[i] != 0;
	}
	if (!cov.seen[i]) {
		trace_buf_puts(&b, " never emitted");
		return true;
	}
	if (cov.filled[i] == cov.all[i])
		return false;
	for (unsigned int f = 0; f < d->nfields; f++) {
		if (cov.filled[i] & (1ULL << f))
			continue;
		trace_buf_puts(&b, sep);
		trace_buf_puts(&b, d->fields[f].name);
		sep = ",";
	}
	trace_buf_puts(&b, " never filled");
	return true;
}

/*
 * The calls a program makes that the console does not: fcntl, TCP's
 * socket options, getsockopt (TCP_INFO too), write and read, the
 * SIOCINQ ioctl, poll.
 */
static void
tc_socket_calls(void)
{
	struct net *st, *srv;
	struct pollfd pfd = { .events = POLLIN };
	struct tcp_info info;
	char buf[100];
	int lfd, sfd, cfd, v = 1, len = sizeof(v), inq = -1;

	tc_world_open(31);
	st = tc_host(SIM_STUDENT);
	srv = tc_host(SIM_SERVER);
	cfd = tc_accept_from_server(8192, &lfd, &sfd);
	ck_assert_int_eq(sys_fcntl(st, cfd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(sys_fcntl(st, cfd, F_GETFL, 0), O_RDWR | O_NONBLOCK);
	ck_assert_int_eq(sys_setsockopt(st, cfd, SOL_TCP, TCP_NODELAY, &v, sizeof(v)), 0);
	ck_assert_int_eq(sys_getsockopt(st, cfd, SOL_SOCKET, SO_ERROR, &v, &len), 0);
	len = sizeof(info);
	ck_assert_int_eq(sys_getsockopt(st, cfd, SOL_TCP, TCP_INFO, &info, &len), 0);
	ck_assert_int_eq(info.tcpi_state, TCP_ESTABLISHED);
	ck_assert_int_eq(sys_write(srv, sfd, "hello", 5), 5);
	tc_wait(100);
	ck_assert_int_eq(sys_ioctl(st, cfd, SIOCINQ, (unsigned long)&inq), 0);
	ck_assert_int_eq(inq, 5);
	pfd.fd = cfd;
	ck_assert_int_eq(sys_poll(st, &pfd, 1, 0), 1);
	ck_assert_int_eq(pfd.revents, POLLIN);
	ck_assert_int_eq(sys_read(st, cfd, buf, sizeof(buf)), 5);
	ck_assert_int_eq(sys_close(st, cfd), 0);
	ck_assert_int_eq(sys_close(st, lfd), 0);
	ck_assert_int_eq(sys_close(srv, sfd), 0);
	tc_wait(100);
	tc_world_close();
}

/*
 * Loss recovery in situations random loss seldom makes: packetdrill
 * scripts of tests/packetdrill/ (early retransmit, loss probes, undo,
 * F-RTO, reneging, reordering, a lost retransmission, NewReno's partial
 * ACK, the receiver's D-SACKs, CUBIC's undo), each on its runner's world.
 */
static const char *const tc_pd_scripts[] = {
	"early-retransmit", "tlp-recovery", "tlp-spurious", "reordering", "sack-reneging",
	"undo-partial", "frto", "lost-retransmit", "reno-partial-ack", "dsack-send",
	"cubic-recovery",
};

static void
tc_packetdrill(const char *name)
{
	char path[128], err[PD_ERR_MAX];
	struct pd_script *s;
	struct pd_config c;
	struct pd_run *r;
	FILE *null = fopen("/dev/null", "w");

	ck_assert_ptr_nonnull(null);
	snprintf(path, sizeof(path), "tests/packetdrill/%s.pkt", name);
	s = pd_load(path, err, sizeof(err));
	ck_assert_msg(s, "%s", err);
	pd_config_default(&c);
	ck_assert_int_eq(pd_script_options(s, &c, err, sizeof(err)), 0);
	r = pd_run_create(s, &c, 1, null);
	ck_assert_ptr_nonnull(r);
	tc_watch(&pd_run_world(r)->trace);
	pd_run_start(r);
	while (pd_run_next(r) == PD_RUNNING)
		;
	ck_assert_msg(pd_run_status(r) == PD_PASSED, "%s: %s", name, pd_run_error(r));
	ck_assert_uint_eq(pd_run_leaked(r), 0);
	pd_run_destroy(r);
	pd_free(s);
	fclose(null);
}

/*
 * lo from a program: a raw socket bound to 127.0.0.1, and more frames
 * handed to lo in one go than the backlog holds until NET_RX runs
 * (netdev_max_backlog, 1000): the last is dropped.
 */
static void
tc_loopback(void)
{
	struct sockaddr_in lo = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct net *st;
	int fd;

	tc_world_open(41);
	st = tc_host(SIM_STUDENT);
	fd = sys_socket(st, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(sys_bind(st, fd, (struct sockaddr *)&lo, sizeof(lo)), 0);
	for (int i = 0; i < 1002; i++)
		ck_assert_int_eq(dev_queue_xmit(fixture_lo_frame(st)), NET_XMIT_SUCCESS);
	ck_assert_uint_eq(st->sd.dropped, 1);
	tc_wait(1);
	ck_assert_int_eq(skb_queue_len(&st->sd.input_pkt_queue), 0);
	ck_assert_int_eq(sys_close(st, fd), 0);
	tc_world_close();
}

/* ---- the test ------------------------------------------------------------------- */

START_TEST(test_every_event_and_field)
{
	char msg[1024], line[256];
	struct trace_buf all;
	unsigned int gaps = 0;

	tc_cover_init();
	tc_pair_cards();
	tc_pair_rings();
	tc_pair_neigh();
	tc_frames_student();
	tc_frames_tcp();
	tc_sockets();
	for (size_t i = 0; i < fixture_nreference_scripts; i++)
		tc_console(1 + i, &fixture_reference_scripts[i]);
	tc_skbuff();
	tc_socket_calls();
	tc_loopback();
	for (size_t i = 0; i < ARRAY_SIZE(tc_scripts); i++)
		tc_console(1 + fixture_nreference_scripts + i, &tc_scripts[i]);
	for (size_t i = 0; i < ARRAY_SIZE(tc_pd_scripts); i++)
		tc_packetdrill(tc_pd_scripts[i]);

	ck_assert_msg(!cov.undeclared, "event %s is not in trace_events_all[]",
		      cov.undeclared ? cov.undeclared->name : "");
	trace_buf_init(&all, msg, sizeof(msg));
	for (unsigned int i = 0; i < trace_events_count; i++) {
		if (!tc_gap(i, line, sizeof(line)))
			continue;
		gaps++;
		fprintf(stderr, "check_trace:%s\n", line);	/* the message may be cut */
		trace_buf_puts(&all, line);
	}
	ck_assert_msg(gaps == 0, "%u of %u declared events missed:%s", gaps, trace_events_count,
		      msg);
}
END_TEST

Suite *trace_suite(void);

Suite *
trace_suite(void)
{
	Suite *s = suite_create("trace");

	fixture_add_tcase(s, "coverage", NULL, NULL, 60, (const TTest *const []){
		test_every_event_and_field,
		NULL,
	});
	return s;
}
