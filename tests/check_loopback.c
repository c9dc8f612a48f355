/*
 * tests/check_loopback.c - the loopback device and the backlog (layers/
 * loopback.c, dev.c's netif_rx and process_backlog), the local routes
 * that lead to lo (fib_frontend.c, route.c), and raw sockets
 * (layers/raw.c, ip_sockglue.c): what a packet a host sends to itself
 * does, and what a raw socket sees of what comes in.
 *
 * Each host has lo (host_create) and one fake eth0 whose frames the
 * test can count (tests/fixture.h): "no frame on the wire" is
 * fx.nframes == 0.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/icmp.h"
#include "events/ip.h"
#include "events/fib.h"
#include "events/net.h"
#include "events/qdisc.h"
#include "events/raw.h"
#include "events/udp.h"
#include "layers/ip.h"
#include "layers/raw.h"
#include "layers/route.h"
#include "layers/sch_generic.h"
#include "layers/net_namespace.h"
#include "tools/tools.h"
#include "sim/console.h"
#include "sim/topology.h"

static struct fixture fx;
static struct net *h0;
static struct net_device *eth0;
static const u8 peer_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0x09, 0x09 };

/* h0: lo, and eth0 10.0.0.2/24 on a fake wire, its peer 10.0.0.1 known. */
static void
setup(void)
{
	fixture_setup(&fx, 1);
	h0 = fx.host[0];
	eth0 = fixture_fake_dev(&fx, h0, "eth0", "10.0.0.2/24");
	fixture_neigh_static(h0, eth0, "10.0.0.1", peer_mac);
}

static void
teardown(void)
{
	fixture_teardown(&fx);
}

/* An echo request or reply: 8 bytes of header, @dlen bytes of data. */
static unsigned int
build_echo(u8 *buf, u8 type, u16 id, u16 seq, unsigned int dlen)
{
	struct icmphdr *ic = (struct icmphdr *)buf;

	memset(buf, 0, 8);
	ic->type = type;
	ic->un.echo.id = htons(id);
	ic->un.echo.sequence = htons(seq);
	for (unsigned int i = 0; i < dlen; i++)
		buf[8 + i] = (u8)i;
	ic->checksum = htons(fixture_csum(buf, 8 + dlen, 0));
	return 8 + dlen;
}

/* A frame from the peer 10.0.0.1 to us, 10.0.0.2, carrying @payload. */
static void
inject_from_peer(u8 proto, const void *payload, unsigned int plen)
{
	u8 frame[ETH_FRAME_LEN];
	unsigned int len = fixture_build_ip(frame, eth0->dev_addr, peer_mac, "10.0.0.1",
					    "10.0.0.2", proto, payload, plen);

	fixture_inject(eth0, frame, len);
}

/* A plain raw ICMP socket (no IP_RECVERR), and its struct sock. */
static int
raw_icmp_socket(struct sock **skp)
{
	int fd = sys_socket(h0, AF_INET, SOCK_RAW, IPPROTO_ICMP);

	ck_assert_int_ge(fd, 0);
	*skp = h0->files->fd[fd]->sk;
	return fd;
}

/* ---- lo and the local routes ------------------------------------------- */

START_TEST(test_lo_is_registered_first)
{
	struct net_device *lo = h0->loopback_dev;

	ck_assert_ptr_nonnull(lo);
	ck_assert_str_eq(lo->name, "lo");
	ck_assert_int_eq(lo->ifindex, LOOPBACK_IFINDEX);
	ck_assert_int_eq(eth0->ifindex, 2);
	ck_assert_ptr_eq(dev_get_by_index(h0, 1), lo);
	ck_assert_ptr_eq(dev_get_by_index(h0, 2), eth0);
	ck_assert_ptr_null(dev_get_by_index(h0, 3));
	ck_assert_ptr_eq(dev_get_by_name(h0, "lo"), lo);
	ck_assert_uint_eq(lo->flags & (IFF_LOOPBACK | IFF_UP), IFF_LOOPBACK | IFF_UP);
	ck_assert_uint_eq(lo->flags & IFF_BROADCAST, 0);
	ck_assert_uint_eq(lo->type, ARPHRD_LOOPBACK);
	ck_assert_uint_eq(lo->mtu, 65536);
	ck_assert_uint_eq(lo->tx_queue_len, 0);
	ck_assert_str_eq(lo->qdisc->ops->id, "noqueue");
	/* lo keeps the route of what it sends; an Ethernet card does not. */
	ck_assert_uint_eq(lo->priv_flags & IFF_XMIT_DST_RELEASE, 0);
	ck_assert_uint_ne(eth0->priv_flags & IFF_XMIT_DST_RELEASE, 0);
	ck_assert_uint_eq(lo->ifa.ifa_address, htonl(INADDR_LOOPBACK));
	ck_assert_uint_eq(lo->ifa.ifa_prefixlen, 8);
	ck_assert_uint_eq(lo->ifa.ifa_scope, RT_SCOPE_HOST);
	ck_assert_uint_eq(eth0->ifa.ifa_scope, RT_SCOPE_UNIVERSE);
}
END_TEST

/* `ip route show table local` of a 3.10 box with lo and 10.0.0.2/24. */
static const char local_table_golden[] =
	"broadcast 10.0.0.0 dev eth0  proto kernel  scope link  src 10.0.0.2 \n"
	"local 10.0.0.2 dev eth0  proto kernel  scope host  src 10.0.0.2 \n"
	"broadcast 10.0.0.255 dev eth0  proto kernel  scope link  src 10.0.0.2 \n"
	"broadcast 127.0.0.0 dev lo  proto kernel  scope link  src 127.0.0.1 \n"
	"local 127.0.0.0/8 dev lo  proto kernel  scope host  src 127.0.0.1 \n"
	"local 127.0.0.1 dev lo  proto kernel  scope host  src 127.0.0.1 \n"
	"broadcast 127.255.255.255 dev lo  proto kernel  scope link  src 127.0.0.1 \n";

START_TEST(test_local_table)
{
	char *text = NULL, *main_text = NULL;
	size_t len = 0, main_len = 0;
	FILE *f = open_memstream(&text, &len);
	FILE *m = open_memstream(&main_text, &main_len);

	ck_assert(f && m);
	sim_fib_ip_route_show(h0, RT_TABLE_LOCAL, f);
	sim_fib_ip_route_show(h0, RT_TABLE_MAIN, m);
	fclose(f);
	fclose(m);
	ck_assert_str_eq(text, local_table_golden);
	/* 127/8 is local, all of it: the main table knows only eth0's net. */
	ck_assert_str_eq(main_text,
			 "10.0.0.0/24 dev eth0  proto kernel  scope link  src 10.0.0.2 \n");
	free(text);
	free(main_text);
}
END_TEST

/* Where the output route of @daddr leads, and from which source. */
static void
assert_route(const char *daddr, u16 type, const struct net_device *dev, const char *saddr)
{
	struct flowi4 fl4 = { .daddr = fx_addr(daddr) };
	struct rtable *rt = ip_route_output_key(h0, &fl4);

	ck_assert_msg(!IS_ERR(rt), "no route to %s", daddr);
	ck_assert_uint_eq(rt->rt_type, type);
	ck_assert_ptr_eq(rt->dst.dev, dev);
	ck_assert_uint_eq(fl4.saddr, fx_addr(saddr));
}

START_TEST(test_own_addresses_route_through_lo)
{
	assert_route("10.0.0.2", RTN_LOCAL, h0->loopback_dev, "10.0.0.2");
	assert_route("127.0.0.1", RTN_LOCAL, h0->loopback_dev, "127.0.0.1");
	assert_route("127.1.2.3", RTN_LOCAL, h0->loopback_dev, "127.0.0.1");
	assert_route("10.0.0.9", RTN_UNICAST, eth0, "10.0.0.2");
}
END_TEST

/* 0.0.0.0 is this host: 127.0.0.1, or the source the caller gave. */
START_TEST(test_zero_address_is_this_host)
{
	struct flowi4 fl4 = { .daddr = 0 };
	struct rtable *rt = ip_route_output_key(h0, &fl4);

	ck_assert(!IS_ERR(rt));
	ck_assert_ptr_eq(rt->dst.dev, h0->loopback_dev);
	ck_assert_uint_eq(fl4.daddr, htonl(INADDR_LOOPBACK));
	ck_assert_uint_eq(fl4.saddr, htonl(INADDR_LOOPBACK));
	memset(&fl4, 0, sizeof(fl4));
	fl4.saddr = fx_addr("10.0.0.2");
	rt = ip_route_output_key(h0, &fl4);
	ck_assert(!IS_ERR(rt));
	ck_assert_uint_eq(rt->rt_type, RTN_LOCAL);
	ck_assert_ptr_eq(rt->dst.dev, h0->loopback_dev);
	ck_assert_uint_eq(fl4.daddr, fx_addr("10.0.0.2"));
}
END_TEST

/* ---- the loop: loopback_xmit -> netif_rx -> process_backlog ------------- */

/*
 * A UDP datagram to 127.0.0.1 goes down to lo, comes back up through the
 * backlog in NET_RX, and reaches the socket; nothing leaves by eth0.
 */
START_TEST(test_udp_to_loopback_turns_round)
{
	struct sockaddr_in to = {
		.sin_family = AF_INET, .sin_port = htons(7000),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct net_device *lo = h0->loopback_dev;
	int rx = sys_socket(h0, AF_INET, SOCK_DGRAM, 0);
	int tx = sys_socket(h0, AF_INET, SOCK_DGRAM, 0);
	u8 buf[64];
	int i, skb;

	ck_assert_int_ge(rx, 0);
	ck_assert_int_ge(tx, 0);
	ck_assert_int_eq(sys_bind(h0, rx, (struct sockaddr *)&to, sizeof(to)), 0);
	fixture_forget(&fx);
	ck_assert_int_eq(sys_sendto(h0, tx, "hello lo", 8, 0, (struct sockaddr *)&to,
				    sizeof(to)), 8);
	fixture_run(&fx);
	ck_assert_int_eq(sys_recvfrom(h0, rx, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL), 8);
	ck_assert_mem_eq(buf, "hello lo", 8);
	ck_assert_int_eq(fx.nframes, 0);
	ck_assert_uint_eq(eth0->stats.tx_packets, 0);
	ck_assert_uint_eq(lo->stats.tx_packets, 1);
	ck_assert_uint_eq(lo->stats.rx_packets, 1);
	/* lo counts from the IP header on (eth_type_trans has pulled the
	 * Ethernet header when loopback_xmit takes the length). */
	ck_assert_uint_eq(lo->stats.rx_bytes, 20 + 8 + 8);

	/* One skb, in this order, with no qdisc in between (noqueue). */
	i = FX_FIND(&fx.rec, 0, "h0", loopback_xmit);
	ck_assert_int_ge(i, 0);
	skb = fx.rec.ev[i].skb_id;
	ck_assert_str_eq(FX_DATA(&fx.rec, i, loopback_xmit)->dev, "lo");
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", pfifo_fast_enqueue), 0);
	i = FX_FIND(&fx.rec, i, "h0", netif_rx);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(fx.rec.ev[i].skb_id, skb);
	i = FX_FIND(&fx.rec, i, "h0", enqueue_to_backlog);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(FX_DATA(&fx.rec, i, enqueue_to_backlog)->qlen, 0);
	i = FX_FIND(&fx.rec, i, "h0", process_backlog);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(FX_DATA(&fx.rec, i, process_backlog)->waiting, 1);
	i = FX_FIND(&fx.rec, i, "h0", ip_rcv);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(fx.rec.ev[i].skb_id, skb);
	/* It came in with its output route (lo keeps it): no input lookup. */
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", ip_route_input_noref), 0);
	i = FX_FIND(&fx.rec, i, "h0", udp_rcv);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(fx.rec.ev[i].skb_id, skb);
	ck_assert_int_eq(sys_close(h0, rx), 0);
	ck_assert_int_eq(sys_close(h0, tx), 0);
}
END_TEST

/* A frame for lo (fixture_lo_frame) with @rt attached the way TCP
 * attaches it: no reference of its own. */
static struct sk_buff *
lo_frame(struct rtable *rt)
{
	struct sk_buff *skb = fixture_lo_frame(h0);

	if (rt)
		skb_dst_set_noref(skb, &rt->dst);
	return skb;
}

/*
 * What waits on the backlog holds a reference on its route (loopback_xmit's
 * skb_dst_force: the sender's borrowed one ends with the send), and gives
 * it back once delivered.
 */
START_TEST(test_backlog_holds_its_route)
{
	struct flowi4 fl4 = { .daddr = htonl(INADDR_LOOPBACK) };
	struct rtable *rt = ip_route_output_key(h0, &fl4);
	struct sk_buff *skb;
	int before;

	ck_assert(!IS_ERR(rt));
	before = rt->dst.__refcnt;
	skb = lo_frame(rt);
	ck_assert_int_eq(dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	/* On the backlog, NET_RX not run yet. */
	ck_assert_int_eq(skb_queue_len(&h0->sd.input_pkt_queue), 1);
	ck_assert(h0->cpu.softirq_pending & (1UL << NET_RX_SOFTIRQ));
	ck_assert_int_eq(rt->dst.__refcnt, before + 1);
	ck_assert_uint_eq(skb_peek(&h0->sd.input_pkt_queue)->_skb_refdst & SKB_DST_NOREF, 0);
	fixture_run(&fx);
	ck_assert_int_eq(skb_queue_len(&h0->sd.input_pkt_queue), 0);
	ck_assert_int_eq(rt->dst.__refcnt, before);
	ck_assert_uint_eq(h0->loopback_dev->stats.rx_packets, 1);
}
END_TEST

/* netdev_max_backlog: the queue takes 1001 (the check is "<= 1000")
 * before NET_RX runs; the next is dropped and counted. */
START_TEST(test_backlog_overflow)
{
	for (int i = 0; i < 1002; i++)
		ck_assert_int_eq(dev_queue_xmit(lo_frame(NULL)), NET_XMIT_SUCCESS);
	ck_assert_int_eq(skb_queue_len(&h0->sd.input_pkt_queue), 1001);
	ck_assert_uint_eq(h0->sd.dropped, 1);
	ck_assert_uint_eq(h0->loopback_dev->stats.rx_dropped, 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", net_rx_backlog_drop), 1);
	/* Only the backlog's first frame scheduled its NAPI. */
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", ____napi_schedule), 1);
	ck_assert_uint_eq(h0->loopback_dev->stats.rx_packets, 1001);
	fixture_run(&fx);
	ck_assert_int_eq(skb_queue_len(&h0->sd.input_pkt_queue), 0);
	ck_assert_int_eq(skb_queue_len(&h0->sd.process_queue), 0);
	/* 64 a poll: ceil(1001 / 64) = 16 polls. */
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", process_backlog), 16);
}
END_TEST

/* ---- raw sockets ----------------------------------------------------------- */

/*
 * An echo reply from the wire: the raw socket gets a clone (raw_v4_input)
 * before icmp_rcv sees the original, and reads it with its IP header.
 */
START_TEST(test_raw_gets_a_clone_before_icmp_rcv)
{
	u8 icmp[8 + 32], buf[128];
	struct sockaddr_in from;
	int fromlen = sizeof(from);
	unsigned int len = build_echo(icmp, ICMP_ECHOREPLY, 0x77, 5, 32);
	struct sock *sk;
	int fd = raw_icmp_socket(&sk), r, c, ir;

	fixture_forget(&fx);
	inject_from_peer(IPPROTO_ICMP, icmp, len);
	fixture_run(&fx);
	r = FX_FIND(&fx.rec, 0, "h0", raw_v4_input);
	c = FX_FIND(&fx.rec, 0, "h0", raw_rcv);
	ir = FX_FIND(&fx.rec, 0, "h0", icmp_rcv);
	ck_assert_int_ge(r, 0);
	ck_assert_int_gt(c, r);
	ck_assert_int_gt(ir, c);
	ck_assert_uint_eq(fx.rec.ev[r].skb_id, fx.rec.ev[ir].skb_id);
	ck_assert_uint_ne(fx.rec.ev[c].skb_id, fx.rec.ev[ir].skb_id);	/* a clone */
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INECHOREPS], 1);

	ck_assert_int_eq(sys_recvfrom(h0, fd, buf, sizeof(buf), MSG_DONTWAIT,
				      (struct sockaddr *)&from, &fromlen), 20 + (int)len);
	ck_assert_uint_eq(buf[0], 0x45);			/* the IP header first */
	ck_assert_uint_eq(((struct iphdr *)buf)->saddr, fx_addr("10.0.0.1"));
	ck_assert_mem_eq(buf + 20, icmp, len);
	ck_assert_uint_eq(from.sin_addr.s_addr, fx_addr("10.0.0.1"));
	ck_assert_int_eq(sys_recvfrom(h0, fd, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL),
			 -EAGAIN);
	ck_assert_int_eq(sk->sk_rmem_alloc, 0);
	ck_assert_int_eq(sys_close(h0, fd), 0);
}
END_TEST

/* An echo request: a raw socket that filters requests out (as ping's
 * ICMP_FILTER does) gets nothing, one that does not gets its copy, and
 * icmp_rcv answers either way. */
START_TEST(test_raw_icmp_filter)
{
	struct icmp_filter filt = { .data = 1U << ICMP_ECHO };
	u8 icmp[8 + 16], buf[128];
	unsigned int len = build_echo(icmp, ICMP_ECHO, 0x99, 1, 16);
	struct sock *sk_all, *sk_filtered;
	int all = raw_icmp_socket(&sk_all), filtered = raw_icmp_socket(&sk_filtered), i;

	ck_assert_int_eq(sys_setsockopt(h0, filtered, SOL_RAW, ICMP_FILTER, &filt,
					sizeof(filt)), 0);
	ck_assert_int_eq(sys_setsockopt(h0, filtered, SOL_RAW, ICMP_FILTER + 1, &filt,
					sizeof(filt)), -ENOPROTOOPT);
	fixture_forget(&fx);
	inject_from_peer(IPPROTO_ICMP, icmp, len);
	fixture_run(&fx);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", raw_rcv), 1);
	i = FX_FIND(&fx.rec, 0, "h0", raw_filtered);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", raw_filtered), 1);
	ck_assert_int_eq(sys_recvfrom(h0, all, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL),
			 20 + (int)len);
	ck_assert_int_eq(sys_recvfrom(h0, filtered, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL),
			 -EAGAIN);
	ck_assert_int_eq(fx.nframes, 1);				/* the echo reply */
	ck_assert_uint_eq(fx.frames[0].data[ETH_HLEN + 20], ICMP_ECHOREPLY);
	ck_assert_int_eq(sys_close(h0, all), 0);
	ck_assert_int_eq(sys_close(h0, filtered), 0);
}
END_TEST

/*
 * A "port unreachable" from the gateway about an echo request we sent:
 * the socket with IP_RECVERR finds it on its error queue; the one without
 * is not told (not even in sk_err, though the error is a hard one: the
 * socket is not connected).
 */
START_TEST(test_raw_err_reaches_recverr_sockets_only)
{
	u8 icmp[8 + 20 + 8];
	struct icmphdr *ic = (struct icmphdr *)icmp;
	struct iphdr *q = (struct iphdr *)(icmp + 8);
	struct fixture_errq e;
	struct sock *plain_sk;
	int recverr = fixture_raw_socket(h0, IP_PMTUDISC_DONT), plain = raw_icmp_socket(&plain_sk);
	int err = -1, errlen = sizeof(err);

	memset(icmp, 0, sizeof(icmp));
	ic->type = ICMP_DEST_UNREACH;
	ic->code = ICMP_PORT_UNREACH;
	q->version = 4;
	q->ihl = 5;
	q->ttl = 64;
	q->tot_len = htons(84);
	q->protocol = IPPROTO_ICMP;
	q->saddr = fx_addr("10.0.0.2");
	q->daddr = fx_addr("10.0.1.2");
	q->check = htons(fixture_csum(q, 20, 0));
	build_echo(icmp + 28, ICMP_ECHO, 0x1234, 9, 0);
	ic->checksum = htons(fixture_csum(icmp, sizeof(icmp), 0));
	fixture_forget(&fx);
	inject_from_peer(IPPROTO_ICMP, icmp, sizeof(icmp));
	fixture_run(&fx);

	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", raw_err), 2);
	ck_assert_int_eq(fixture_raw_recv_error(h0, recverr, &e), 0);
	ck_assert_uint_eq(e.ee.ee_errno, ECONNREFUSED);
	ck_assert_uint_eq(e.ee.ee_origin, SO_EE_ORIGIN_ICMP);
	ck_assert_uint_eq(e.ee.ee_type, ICMP_DEST_UNREACH);
	ck_assert_uint_eq(e.ee.ee_code, ICMP_PORT_UNREACH);
	ck_assert_uint_eq(e.offender, fx_addr("10.0.0.1"));
	ck_assert_uint_eq(e.target, fx_addr("10.0.1.2"));
	ck_assert_uint_eq(e.seq, 9);
	ck_assert_int_eq(fixture_raw_recv_error(h0, plain, &e), -EAGAIN);
	ck_assert_int_eq(sys_getsockopt(h0, plain, SOL_SOCKET, SO_ERROR, &err, &errlen), 0);
	ck_assert_int_eq(err, 0);
	/* Both read the error itself as a packet too (no ICMP_FILTER here:
	 * a raw socket sees all of ICMP). */
	for (int k = 0; k < 2; k++) {
		u8 buf[128];

		ck_assert_int_eq(sys_recvfrom(h0, k ? plain : recverr, buf, sizeof(buf),
					      MSG_DONTWAIT, NULL, NULL), 20 + (int)sizeof(icmp));
		ck_assert_mem_eq(buf + 20, icmp, sizeof(icmp));
	}
	ck_assert_int_eq(sys_close(h0, recverr), 0);
	ck_assert_int_eq(sys_close(h0, plain), 0);
}
END_TEST

/* ---- ping and TCP to ourselves ----------------------------------------------- */

static struct fixture_capture io;

static void
setup_io(void)
{
	setup();
	fixture_capture_open(&io);
}

static void
teardown_io(void)
{
	fixture_capture_close(&io);
	teardown();
}

static int
run_ping(const char *line)
{
	char buf[128], *argv[16];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (char *tok = strtok(buf, " "); tok && argc < 15; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return tool_ping(h0, argc, argv, io.out, io.err);
}

/* ping 127.0.0.1 and ping of our own address: answered through lo, by
 * our own icmp_rcv, and no frame on the wire. */
START_TEST(test_ping_ourselves)
{
	static const char *const dst[] = { "127.0.0.1", "10.0.0.2" };

	for (int k = 0; k < 2; k++) {
		char want[512];

		fixture_capture_close(&io);
		fixture_capture_open(&io);
		ck_assert_int_eq(run_ping(k ? "ping -c 2 10.0.0.2" : "ping -c 2 127.0.0.1"), 0);
		fixture_run(&fx);
		ck_assert(!ping_running(h0));
		fixture_capture_flush(&io);
		snprintf(want, sizeof(want),
			 "PING %s (%s) 56(84) bytes of data.\n"
			 "64 bytes from %s: icmp_seq=1 ttl=64 time=0.000 ms\n"
			 "64 bytes from %s: icmp_seq=2 ttl=64 time=0.000 ms\n"
			 "\n"
			 "--- %s ping statistics ---\n"
			 "2 packets transmitted, 2 received, 0%% packet loss, time 1000ms\n"
			 "rtt min/avg/max/mdev = 0.000/0.000/0.000/0.000 ms\n",
			 dst[k], dst[k], dst[k], dst[k], dst[k]);
		ck_assert_str_eq(io.outbuf, want);
		ck_assert_str_eq(io.errbuf, "");
		ck_assert_int_eq(ping_result(h0), 0);
	}
	ck_assert_int_eq(fx.nframes, 0);
	/* Requests and replies, both ways through lo: 2 pings x 2 x 2. */
	ck_assert_uint_eq(h0->loopback_dev->stats.tx_packets, 8);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INECHOS], 4);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INECHOREPS], 4);
}
END_TEST

/* TCP to our own address: the connection, the bytes, the close, all
 * through lo. */
START_TEST(test_tcp_to_own_address)
{
	static u8 data[100000], got[100000];
	struct sockaddr_in addr = {
		.sin_family = AF_INET, .sin_port = htons(9000),
		.sin_addr.s_addr = fx_addr("10.0.0.2"),
	};
	int lfd = sys_socket(h0, AF_INET, SOCK_STREAM, 0);
	int cfd = sys_socket(h0, AF_INET, SOCK_STREAM, 0);
	int afd, n, total = 0;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i * 7);
	ck_assert_int_eq(sys_bind(h0, lfd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	ck_assert_int_eq(sys_listen(h0, lfd, 8), 0);
	h0->files->f_flags[cfd] |= O_NONBLOCK;
	ck_assert_int_eq(sys_connect(h0, cfd, (struct sockaddr *)&addr, sizeof(addr)),
			 -EINPROGRESS);
	fixture_run(&fx);
	h0->files->f_flags[lfd] |= O_NONBLOCK;
	afd = sys_accept(h0, lfd, NULL, NULL);
	ck_assert_int_ge(afd, 0);
	h0->files->f_flags[afd] |= O_NONBLOCK;
	ck_assert_int_eq(sys_send(h0, cfd, data, sizeof(data), 0), (int)sizeof(data));
	for (int round = 0; round < 100 && total < (int)sizeof(data); round++) {
		fixture_run(&fx);
		n = sys_recvfrom(h0, afd, got + total, sizeof(got) - total, 0, NULL, NULL);
		if (n > 0)
			total += n;
	}
	ck_assert_int_eq(total, sizeof(data));
	ck_assert_mem_eq(got, data, sizeof(data));
	ck_assert_int_eq(sys_close(h0, cfd), 0);
	fixture_run(&fx);
	ck_assert_int_eq(sys_recvfrom(h0, afd, got, sizeof(got), 0, NULL, NULL), 0);	/* EOF */
	ck_assert_int_eq(sys_close(h0, afd), 0);
	ck_assert_int_eq(sys_close(h0, lfd), 0);
	fixture_run(&fx);
	ck_assert_int_eq(fx.nframes, 0);
	ck_assert_uint_eq(eth0->stats.tx_packets, 0);
	ck_assert_uint_gt(h0->loopback_dev->stats.tx_packets, 4);
}
END_TEST

/*
 * The same from the console, in the classroom world: connect returns
 * with the SYN on the backlog, and NET_RX must run before the clock moves
 * on (else the SYN would wait for its retransmission timer, 1 s later).
 */
START_TEST(test_console_tcp_to_own_address)
{
	struct sim_console con;
	struct fixture_capture c;
	struct sim_world *w = fixture_world_open(&con, &c, 3);
	struct net *st = w->host[SIM_STUDENT];
	struct net_device *st_eth0 = dev_get_by_name(st, "eth0");

	ck_assert_ptr_nonnull(st_eth0);
	ck_assert_int_eq(fixture_console_run(&con, &c, "listen 9002; socket tcp; "
		"connect 10.0.0.2:9002; send 4 3000; close 4; recv 9002"), 0);
	ck_assert_ptr_nonnull(strstr(c.outbuf, "tcp 9002: 1 connection(s), 3000 bytes"));
	ck_assert_str_eq(c.errbuf, "");
	ck_assert_uint_eq(st->mib[TCP_MIB_RETRANSSEGS], 0);	/* the SYN went at once */
	ck_assert_uint_eq(st_eth0->stats.tx_packets, 0);
	fixture_world_close(w, &c);
}
END_TEST

Suite *
loopback_suite(void)
{
	Suite *s = suite_create("loopback");

	fixture_add_tcase(s, "lo", setup, teardown, 0, (const TTest *const []){
		test_lo_is_registered_first,
		test_local_table,
		test_own_addresses_route_through_lo,
		test_zero_address_is_this_host,
		test_udp_to_loopback_turns_round,
		test_backlog_holds_its_route,
		test_backlog_overflow,
		NULL,
	});
	fixture_add_tcase(s, "raw", setup, teardown, 0, (const TTest *const []){
		test_raw_gets_a_clone_before_icmp_rcv,
		test_raw_icmp_filter,
		test_raw_err_reaches_recverr_sockets_only,
		NULL,
	});
	fixture_add_tcase(s, "ourselves", setup_io, teardown_io, 0, (const TTest *const []){
		test_ping_ourselves,
		test_tcp_to_own_address,
		test_console_tcp_to_own_address,
		NULL,
	});
	return s;
}
