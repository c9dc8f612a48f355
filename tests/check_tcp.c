/*
 * tests/check_tcp.c - the TCP suite: handshake and teardown through every
 * state, write-queue packing, forced push and Nagle, cwnd and the RTO,
 * loss recovery and out-of-order reassembly, the receive window, PMTU,
 * clone reference counts, golden header bytes.
 *
 * Most cases run the real classroom world (sim_world_create: student,
 * router, server with igb cards) and talk TCP between student and server
 * with sockets made straight from tcp_prot (sk_alloc + init), so they do
 * not depend on the socket layer's fd table.  The fixture's recorder
 * keeps every event with its time, so a test can ask when things
 * happened.
 */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/igb.h"
#include "events/offload.h"
#include "events/skb.h"
#include "events/tcp.h"
#include "sim/topology.h"
#include "tools/tools.h"
#include "layers/tcp.h"
#include "layers/route.h"
#include "tools/tools.h"

struct tt {
	struct sim_world w;
	struct net *cli, *srv;
	struct fixture_recorder rec;	/* the world's trace */
};

static void
tt_setup(struct tt *t, u32 seed)
{
	memset(t, 0, sizeof(*t));
	ck_assert_int_eq(sim_world_create(&t->w, seed), 0);
	t->cli = t->w.host[SIM_STUDENT];
	t->srv = t->w.host[SIM_SERVER];
	fixture_recorder_open(&t->rec, &t->w.trace);
}

static void
tt_teardown(struct tt *t)
{
	unsigned long live;

	fixture_recorder_stop(&t->rec);
	sim_world_destroy(&t->w);
	live = sim_skb_ledger_live(&t->w.ledger, stderr);
	ck_assert_uint_eq(live, 0);
	fixture_recorder_close(&t->rec);
}

/* `ethtool -K eth0 gro off` on @host: each segment goes up alone. */
static void
tt_gro_off(struct net *host)
{
	char a0[] = "ethtool", a1[] = "-K", a2[] = "eth0", a3[] = "gro", a4[] = "off";
	char *argv[] = { a0, a1, a2, a3, a4, NULL };
	FILE *null = fopen("/dev/null", "w");

	ck_assert_ptr_nonnull(null);
	ck_assert_int_eq(tool_ethtool(host, 5, argv, null, null), 0);
	fclose(null);
	ck_assert(!(host->devs[0]->features & NETIF_F_GRO));
}

/* The first tcp_set_state on @host at or after @from from @old to @new. */
static int
tt_find_state(const struct tt *t, int from, const char *host, u8 old, u8 new)
{
	FX_FOR_EACH(&t->rec, i, from, host, tcp_set_state) {
		const tp_data_tcp_set_state *e = FX_DATA(&t->rec, i, tcp_set_state);

		if (e->old == old && e->new == new)
			return i;
	}
	return -1;
}

/* The first skb_release_data on @host after @from that left the data of
 * skb @data_of with @dataref references, freed or @kept. */
static int
tt_find_release(const struct tt *t, int from, const char *host, u32 data_of, u32 dataref,
		bool kept)
{
	FX_FOR_EACH(&t->rec, i, from, host, skb_data_release) {
		const tp_data_skb_data_release *e = FX_DATA(&t->rec, i, skb_data_release);

		if (e->data_of == data_of && e->dataref == dataref &&
		    e->what == (kept ? SIM_SKB_DATA_KEPT : SIM_SKB_DATA_FREED))
			return i;
	}
	return -1;
}

/* The first tcp_cong_avoid on the student in @phase. */
static int
tt_find_phase(const struct tt *t, enum sim_tcp_ca_phase phase)
{
	FX_FOR_EACH(&t->rec, i, 0, "student", tcp_cong_avoid)
		if (FX_DATA(&t->rec, i, tcp_cong_avoid)->phase == phase)
			return i;
	return -1;
}

/* A TCP socket straight from tcp_prot (no fd). */
static struct sock *
tt_socket(struct net *net)
{
	struct sock *sk = sk_alloc(net, AF_INET, &tcp_prot);

	ck_assert_ptr_nonnull(sk);
	sock_init_data(NULL, sk);
	ck_assert_int_eq(sk->sk_prot->init(sk), 0);
	return sk;
}

static struct sock *
tt_listen(struct net *net, u16 port, int rcvbuf)
{
	struct sock *sk = tt_socket(net);

	if (rcvbuf) {
		sk->sk_userlocks |= SOCK_RCVBUF_LOCK;
		sk->sk_rcvbuf = rcvbuf;
	}
	sk->sk_num = port;
	ck_assert_int_eq(inet_csk_listen_start(sk, 8), 0);
	return sk;
}

static struct sock *
tt_connect(struct net *net, const char *daddr, u16 port)
{
	struct sock *sk = tt_socket(net);
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = fx_addr(daddr);
	ck_assert_int_eq(tcp_v4_connect(sk, (struct sockaddr *)&sin, sizeof(sin)), 0);
	return sk;
}

static void
tt_run_for(struct tt *t, u64 ms)
{
	ck_assert_int_eq(sim_run(&t->w.eng, t->w.eng.now + ms * NSEC_PER_MSEC, 20000000), 0);
}

static int
tt_send(struct sock *sk, const u8 *buf, size_t len)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return tcp_sendmsg(sk, &msg, len);
}

static int
tt_recv(struct sock *sk, u8 *buf, size_t len)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return tcp_recvmsg(sk, &msg, len, 1, 0, NULL);
}

/* Byte k of a stream: the README's `send N` pattern. */
static u8
tt_pattern(u64 k)
{
	return (u8)(k % 251);
}

/* `ethtool -K eth0 tso off gso off` on @net: the student's sockets built
 * from now on pack one MSS per skb (the world before GSO).  GSO alone is
 * not enough: with TSO on, the route can still segment (sk_can_gso). */
static void
tt_tso_gso_off(struct net *net)
{
	struct net_device *dev = dev_get_by_name(net, "eth0");

	dev->wanted_features &= ~(NETIF_F_GSO | NETIF_F_TSO);
	netdev_update_features(dev);
	ck_assert(!(dev->features & (NETIF_F_GSO | NETIF_F_TSO)));
}

/* Established pair: client socket and the accepted child. */
static void
tt_pair(struct tt *t, u16 port, int rcvbuf, struct sock **cli, struct sock **lsk,
	struct sock **child)
{
	int err;

	*lsk = tt_listen(t->srv, port, rcvbuf);
	*cli = tt_connect(t->cli, "10.0.1.2", port);
	tt_run_for(t, 50);
	ck_assert_int_eq((*cli)->sk_state, TCP_ESTABLISHED);
	*child = inet_csk_accept(*lsk, 0, &err);
	ck_assert_ptr_nonnull(*child);
	ck_assert_int_eq((*child)->sk_state, TCP_ESTABLISHED);
}

/* A fresh world (@seed) with an established pair on @port. */
static void
tt_open_pair(struct tt *t, u32 seed, u16 port, int rcvbuf, struct sock **cli,
	     struct sock **lsk, struct sock **child)
{
	tt_setup(t, seed);
	tt_pair(t, port, rcvbuf, cli, lsk, child);
}

/* Close the pair and the listener, then tear down (ck_asserts no leak). */
static void
tt_close_pair(struct tt *t, struct sock *cli, struct sock *child, struct sock *lsk)
{
	tcp_close(cli, 0);
	tcp_close(child, 0);
	tcp_close(lsk, 0);
	tt_teardown(t);
}

/*
 * Move @total bytes of the pattern from @cli to @child, reading as the
 * data comes (unless @no_read_until_ms: the reader sleeps until then).
 * Returns the virtual ms it took; fails on any byte out of place.
 */
static u64
tt_transfer(struct tt *t, struct sock *cli, struct sock *child, u64 total, u64 limit_ms,
	    u64 no_read_until_ms, u32 *max_inflight)
{
	static u8 buf[65536];
	u64 sent = 0, got = 0, start = t->w.eng.now / NSEC_PER_MSEC;

	for (u64 ms = 0; got < total && ms < limit_ms; ms++) {
		while (sent < total) {
			size_t n = total - sent > sizeof(buf) ? sizeof(buf) : total - sent;
			int r;

			for (size_t i = 0; i < n; i++)
				buf[i] = tt_pattern(sent + i);
			r = tt_send(cli, buf, n);
			if (r == -EAGAIN)
				break;
			ck_assert_int_gt(r, 0);
			sent += r;
		}
		tt_run_for(t, 1);
		if (max_inflight) {
			u32 f = tcp_sk(cli)->snd_nxt - tcp_sk(cli)->snd_una;

			if (f > *max_inflight)
				*max_inflight = f;
		}
		if (ms < no_read_until_ms)
			continue;
		for (;;) {
			int r = tt_recv(child, buf, sizeof(buf));

			if (r <= 0)
				break;
			for (int i = 0; i < r; i++)
				if (buf[i] != tt_pattern(got + i))
					ck_abort_msg("byte %llu is %u, expected %u",
						     (unsigned long long)(got + i), buf[i],
						     tt_pattern(got + i));
			got += r;
		}
	}
	ck_assert_uint_eq(got, total);
	return t->w.eng.now / NSEC_PER_MSEC - start;
}

static int
tt_count_socks_cb(struct sock *sk, void *arg)
{
	(void)sk;
	(*(int *)arg)++;
	return 0;
}

static int
tt_nsocks(struct net *net)
{
	int n = 0;

	sim_tcp_for_each_sock(net, tt_count_socks_cb, &n);
	return n;
}

/*
 * Put a forged segment on @net's first device, as if it had come off the
 * wire: Ethernet to the device's MAC, IP (checksum correct), the TCP
 * header with @opt_len option bytes from @opts and @data_len zero bytes
 * of payload, TCP checksum correct.  It takes the whole receive path.
 */
static void
tt_inject_tcp(struct net *net, const char *saddr, const char *daddr, u16 sport, u16 dport,
	      u32 seq, u32 ack, u8 flags, const u8 *opts, unsigned int opt_len,
	      unsigned int data_len)
{
	static u8 frame[ETH_HLEN + 20 + 60 + 1500];
	unsigned int tcplen = sizeof(struct tcphdr) + opt_len + data_len;
	struct net_device *dev = net->devs[0];
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct iphdr *iph = (struct iphdr *)(frame + ETH_HLEN);
	struct tcphdr *th = (struct tcphdr *)(iph + 1);

	ck_assert_uint_le(ETH_HLEN + sizeof(*iph) + tcplen, sizeof(frame));
	memset(frame, 0, sizeof(frame));
	memcpy(eth->h_dest, dev->dev_addr, ETH_ALEN);
	memcpy(eth->h_source, "\x02\x00\x00\x00\xee\x01", ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	iph->tot_len = htons(sizeof(*iph) + tcplen);
	iph->saddr = fx_addr(saddr);
	iph->daddr = fx_addr(daddr);
	iph->check = ip_fast_csum(iph, 5);
	th->source = htons(sport);
	th->dest = htons(dport);
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	th->doff = (sizeof(*th) + opt_len) / 4;
	((u8 *)th)[13] = flags;
	th->window = htons(1000);
	if (opt_len)
		memcpy(th + 1, opts, opt_len);
	th->check = csum_tcpudp_magic(iph->saddr, iph->daddr, tcplen, IPPROTO_TCP,
				      csum_partial(th, tcplen, 0));
	fixture_inject(dev, frame, ETH_HLEN + sizeof(*iph) + tcplen);
}

/* Run `iptables ARGS...` (NULL-terminated) on @net; it must succeed. */
static void
tt_iptables(struct net *net, ...)
{
	char *argv[16] = { "iptables" };
	FILE *null = fopen("/dev/null", "w");
	int argc = 1;
	va_list ap;

	va_start(ap, net);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	ck_assert_ptr_nonnull(null);
	ck_assert_int_eq(tool_iptables(net, argc, argv, null, null), 0);
	fclose(null);
}

/* ---------------------------------------------------------------- */

START_TEST(test_handshake_and_options)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	struct tcp_info info;
	u32 rq, wq;

	tt_setup(&t, 1);
	lsk = tt_listen(t.srv, 7000, 0);
	ck_assert_int_eq(lsk->sk_state, TCP_LISTEN);
	cli = tt_connect(t.cli, "10.0.1.2", 7000);
	ck_assert_int_eq(cli->sk_state, TCP_SYN_SENT);
	ck_assert_uint_ge(cli->sk_num, SIM_PORT_RANGE_LO);
	ck_assert_uint_le(cli->sk_num, SIM_PORT_RANGE_HI);
	tt_run_for(&t, 50);

	/* Client ESTABLISHED, the server's child waits on the accept queue. */
	ck_assert_int_eq(cli->sk_state, TCP_ESTABLISHED);
	ck_assert_uint_eq(lsk->sk_ack_backlog, 1);
	ck_assert_int_ge(FX_FIND(&t.rec, 0, "server", tcp_v4_conn_request), 0);
	ck_assert_int_ge(tt_find_state(&t, 0, "server", TCP_SYN_RECV, TCP_ESTABLISHED), 0);
	{
		int err;

		child = inet_csk_accept(lsk, 0, &err);
		ck_assert_ptr_nonnull(child);
		ck_assert_int_eq(err, 0);
		ck_assert_ptr_null(inet_csk_accept(lsk, 0, &err));
		ck_assert_int_eq(err, -EAGAIN);
	}
	ck_assert_int_eq(child->sk_state, TCP_ESTABLISHED);

	/* What Linux negotiates on a 1500-byte path. */
	tcp_diag_get_info(cli, &rq, &wq, &info);
	ck_assert_uint_eq(info.tcpi_snd_mss, 1448);
	ck_assert_uint_eq(info.tcpi_snd_cwnd, TCP_INIT_CWND);
	ck_assert_uint_eq(info.tcpi_snd_wscale, 7);
	ck_assert_uint_eq(info.tcpi_rcv_wscale, 7);
	ck_assert(info.tcpi_options & TCPI_OPT_TIMESTAMPS);
	ck_assert(info.tcpi_options & TCPI_OPT_SACK);
	ck_assert_uint_eq(rq, 0);
	ck_assert_uint_eq(wq, 0);
	ck_assert_uint_eq(tcp_sk(cli)->advmss, 1448);
	ck_assert_uint_eq(tcp_sk(child)->mss_cache, 1448);
	/* The SYN's RTT sample set the RTO: srtt + 200 ms, not 1 s. */
	ck_assert_uint_ge(inet_csk(cli)->icsk_rto, TCP_RTO_MIN);
	ck_assert_uint_lt(inet_csk(cli)->icsk_rto, TCP_TIMEOUT_INIT);
	ck_assert_uint_eq(tcp_sk(cli)->snd_una, tcp_sk(child)->rcv_nxt);
	ck_assert_uint_eq(tcp_sk(child)->snd_una, tcp_sk(cli)->rcv_nxt);

	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

START_TEST(test_active_close_time_wait)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	u8 buf[16];
	int fin_wait2;

	int srv_socks, cli_socks;

	tt_setup(&t, 2);
	srv_socks = tt_nsocks(t.srv);	/* the server's own sinks */
	cli_socks = tt_nsocks(t.cli);
	tt_pair(&t, 7001, 0, &cli, &lsk, &child);
	sock_hold(cli);		/* keep it to look at after close */

	tcp_close(cli, 0);
	ck_assert_int_eq(cli->sk_state, TCP_FIN_WAIT1);
	tt_run_for(&t, 20);
	ck_assert_int_eq(cli->sk_state, TCP_FIN_WAIT2);
	ck_assert_int_eq(child->sk_state, TCP_CLOSE_WAIT);
	ck_assert_int_eq(tt_recv(child, buf, sizeof(buf)), 0);	/* EOF */

	tcp_close(child, 0);
	ck_assert_int_eq(child->sk_state, TCP_LAST_ACK);	/* an orphan until the ACK */
	tt_run_for(&t, 20);
	ck_assert_int_eq(cli->sk_state, TCP_TIME_WAIT);
	fin_wait2 = tt_find_state(&t, 0, "student", TCP_FIN_WAIT2, TCP_TIME_WAIT);
	ck_assert_int_ge(fin_wait2, 0);
	ck_assert_int_ge(tt_find_state(&t, 0, "server", TCP_LAST_ACK, TCP_CLOSE), 0);
	ck_assert_int_eq(tt_nsocks(t.srv), srv_socks + 1);	/* the listener */

	/* TIME_WAIT lasts 60 s. */
	tt_run_for(&t, 59000);
	ck_assert_int_eq(cli->sk_state, TCP_TIME_WAIT);
	tt_run_for(&t, 2000);
	ck_assert_int_eq(cli->sk_state, TCP_CLOSE);
	ck_assert_int_eq(tt_nsocks(t.cli), cli_socks);
	sock_put(cli);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

START_TEST(test_simultaneous_close_closing)
{
	struct tt t;
	struct sock *cli, *lsk, *child;

	tt_open_pair(&t, 3, 7002, 0, &cli, &lsk, &child);
	sock_hold(cli);
	sock_hold(child);
	tcp_close(cli, 0);
	tcp_close(child, 0);
	ck_assert_int_eq(cli->sk_state, TCP_FIN_WAIT1);
	ck_assert_int_eq(child->sk_state, TCP_FIN_WAIT1);
	tt_run_for(&t, 20);
	ck_assert_int_ge(tt_find_state(&t, 0, "student", TCP_FIN_WAIT1, TCP_CLOSING), 0);
	ck_assert_int_ge(tt_find_state(&t, 0, "server", TCP_FIN_WAIT1, TCP_CLOSING), 0);
	ck_assert_int_eq(cli->sk_state, TCP_TIME_WAIT);
	ck_assert_int_eq(child->sk_state, TCP_TIME_WAIT);
	tt_run_for(&t, 61000);
	ck_assert_int_eq(cli->sk_state, TCP_CLOSE);
	ck_assert_int_eq(child->sk_state, TCP_CLOSE);
	sock_put(cli);
	sock_put(child);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

START_TEST(test_rst_to_closed_port)
{
	struct tt t;
	struct sock *cli;
	int rst, reset;

	tt_setup(&t, 4);
	cli = tt_connect(t.cli, "10.0.1.2", 7999);
	tt_run_for(&t, 50);
	rst = FX_FIND(&t.rec, 0, "server", tcp_v4_send_reset);
	ck_assert_int_ge(rst, 0);
	reset = FX_FIND(&t.rec, rst, "student", tcp_reset);
	ck_assert_int_ge(reset, 0);
	ck_assert_uint_eq(FX_DATA(&t.rec, reset, tcp_reset)->state, TCP_SYN_SENT);
	ck_assert_int_eq(cli->sk_state, TCP_CLOSE);
	ck_assert_int_eq(cli->sk_err, ECONNREFUSED);
	ck_assert_uint_eq(t.srv->mib[TCP_MIB_OUTRSTS], 1);
	tcp_close(cli, 0);
	tt_teardown(&t);
}
END_TEST

/* The peer's window shut: sendmsg only queues, so packing is visible.
 * TSO and GSO off: one MSS per skb, all of it in the linear part. */
START_TEST(test_sendmsg_packing)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static u8 data[8192];
	struct sk_buff *a, *b;
	int allocs;
	bool copied;

	tt_setup(&t, 5);
	tt_tso_gso_off(t.cli);
	tt_pair(&t, 7003, 0, &cli, &lsk, &child);
	tcp_sk(cli)->snd_wnd = 0;
	allocs = FX_COUNT(&t.rec, "student", sk_stream_alloc_skb);

	ck_assert_int_eq(tt_send(cli, data, 1000), 1000);
	a = tcp_write_queue_tail(cli);
	ck_assert_uint_eq(a->len, 1000);
	ck_assert_int_eq(skb_availroom(a), 448);
	ck_assert_ptr_eq(tcp_send_head(cli), a);	/* queued, not sent */

	/* Fills the tail exactly: no new skb. */
	ck_assert_int_eq(tt_send(cli, data, 448), 448);
	ck_assert_ptr_eq(tcp_write_queue_tail(cli), a);
	ck_assert_uint_eq(a->len, 1448);
	ck_assert_int_eq(skb_availroom(a), 0);
	ck_assert_int_eq(FX_COUNT(&t.rec, "student", sk_stream_alloc_skb), allocs + 1);

	/* One more byte: a new skb, exactly now. */
	ck_assert_int_eq(tt_send(cli, data, 1), 1);
	b = tcp_write_queue_tail(cli);
	ck_assert_ptr_ne(a, b);
	ck_assert_uint_eq(b->len, 1);
	ck_assert_int_eq(FX_COUNT(&t.rec, "student", sk_stream_alloc_skb), allocs + 2);
	ck_assert_uint_eq(TCP_SKB_CB(b)->seq, TCP_SKB_CB(a)->end_seq);

	/* 3000 bytes: 1447 top up b, then 1448, then 105. */
	ck_assert_int_eq(tt_send(cli, data, 3000), 3000);
	ck_assert_uint_eq(b->len, 1448);
	ck_assert_uint_eq(skb_queue_len(&cli->sk_write_queue), 4);
	ck_assert_uint_eq(tcp_write_queue_tail(cli)->len, 3000 - 1447 - 1448);
	ck_assert_uint_eq(tcp_sk(cli)->write_seq - tcp_sk(cli)->snd_una, 4449);
	copied = false;
	FX_FOR_EACH(&t.rec, i, 0, "student", tcp_sendmsg_copy) {
		const tp_data_tcp_sendmsg_copy *e = FX_DATA(&t.rec, i, tcp_sendmsg_copy);

		if (e->copy == 1447 && e->size_goal == 1448 && e->availroom == 1447 && !e->new_skb)
			copied = true;
	}
	ck_assert(copied);

	/* Reopen the window: everything goes and is acknowledged. */
	tcp_sk(cli)->snd_wnd = 65535;
	__tcp_push_pending_frames(cli, tcp_current_mss(cli), 0);
	tt_run_for(&t, 500);
	ck_assert_uint_eq(tcp_sk(child)->rcv_nxt - tcp_sk(child)->copied_seq, 4449);
	ck_assert_uint_eq(skb_queue_len(&cli->sk_write_queue), 0);
	ck_assert_int_eq(cli->sk_wmem_queued, 0);

	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/*
 * The default: the route can GSO (sk_route_caps has SG | IP_CSUM | TSO),
 * so an skb has a small linear part (1568 bytes) and then page frags up
 * to the size goal (5 MSS while the peer's largest window is 14480).
 */
START_TEST(test_sendmsg_packing_gso)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static u8 data[16384];
	struct page_frag *pfrag;
	struct sk_buff *a, *b;
	int allocs, goal;

	tt_open_pair(&t, 5, 7011, 0, &cli, &lsk, &child);
	ck_assert(sk_can_gso(cli));
	ck_assert(cli->sk_route_caps & NETIF_F_SG);
	tcp_sk(cli)->snd_wnd = 0;
	allocs = FX_COUNT(&t.rec, "student", sk_stream_alloc_skb);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = tt_pattern(i);

	ck_assert_int_eq(tt_send(cli, data, 1000), 1000);
	a = tcp_write_queue_tail(cli);
	goal = tcp_sk(cli)->xmit_size_goal_segs * tcp_sk(cli)->mss_cache;
	ck_assert_int_eq(goal, 7240);
	ck_assert_int_eq(skb_availroom(a), 568);		/* 1568 - 1000 */
	ck_assert_int_eq(a->ip_summed, CHECKSUM_PARTIAL);
	/* The linear part full: the next bytes go to a page frag, the same
	 * skb; the following ones grow that frag (skb_can_coalesce). */
	ck_assert_int_eq(tt_send(cli, data + 1000, 1000), 1000);
	ck_assert_ptr_eq(tcp_write_queue_tail(cli), a);
	ck_assert_uint_eq(skb_headlen(a), 1568);
	ck_assert_uint_eq(a->data_len, 432);
	ck_assert_uint_eq(skb_shinfo(a)->nr_frags, 1);
	ck_assert_int_eq(tt_send(cli, data + 2000, 3000), 3000);
	ck_assert_uint_eq(skb_shinfo(a)->nr_frags, 1);
	ck_assert_uint_eq(a->len, 5000);
	/* The task's page frag: 32 KiB, held by it and by the frag. */
	pfrag = sk_page_frag(cli);
	ck_assert_ptr_eq(skb_frag_page(&skb_shinfo(a)->frags[0]), pfrag->page);
	ck_assert_uint_eq(pfrag->size, 32768);
	ck_assert_uint_eq(pfrag->offset, 3432);
	ck_assert_int_eq(page_count(pfrag->page), 2);
	ck_assert_int_eq(FX_COUNT(&t.rec, "student", sk_stream_alloc_skb), allocs + 1);
	/* Up to the size goal, then a new skb. */
	ck_assert_int_eq(tt_send(cli, data + 5000, 3000), 3000);
	ck_assert_uint_eq(a->len, (unsigned int)goal);
	b = tcp_write_queue_tail(cli);
	ck_assert_ptr_ne(a, b);
	ck_assert_uint_eq(b->len, 8000 - goal);
	ck_assert_int_eq(FX_COUNT(&t.rec, "student", sk_stream_alloc_skb), allocs + 2);
	ck_assert_uint_eq(TCP_SKB_CB(b)->seq, TCP_SKB_CB(a)->end_seq);

	/* Reopen the window: it goes as GSO skbs, the card cuts them (TSO),
	 * and they arrive in order. */
	tcp_sk(cli)->snd_wnd = 65535;
	__tcp_push_pending_frames(cli, tcp_current_mss(cli), 0);
	ck_assert_int_ge(FX_COUNT(&t.rec, "student", igb_tso), 1);
	ck_assert_int_eq(FX_COUNT(&t.rec, "student", dev_gso_segment), 0);
	tt_run_for(&t, 500);
	ck_assert_int_eq(tt_recv(child, data + 8192, 8000), 8000);
	ck_assert_int_eq(memcmp(data, data + 8192, 8000), 0);
	ck_assert_uint_eq(skb_queue_len(&cli->sk_write_queue), 0);
	ck_assert_int_eq(cli->sk_wmem_queued, 0);
	/* The skbs are gone; the task's frag still holds its page. */
	ck_assert_int_eq(page_count(pfrag->page), 1);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

START_TEST(test_forced_push_and_push_one)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static u8 data[8192];
	struct sk_buff *first;
	int before_push_one, before_pending;

	tt_setup(&t, 6);
	tt_tso_gso_off(t.cli);	/* a "full" skb is one MSS */
	tt_pair(&t, 7004, 0, &cli, &lsk, &child);

	/* A full send head goes at once through tcp_push_one. */
	before_push_one = FX_COUNT(&t.rec, "student", tcp_push_one);
	ck_assert_int_eq(tt_send(cli, data, 2000), 2000);
	ck_assert_int_eq(FX_COUNT(&t.rec, "student", tcp_push_one), before_push_one + 1);
	tt_run_for(&t, 300);

	/* Window shut and a small max_window: more than half of it queued
	 * since the last PSH forces a push (PSH on the full skb). */
	tcp_sk(cli)->snd_wnd = 0;
	tcp_sk(cli)->max_window = 2000;
	before_pending = FX_COUNT(&t.rec, "student", __tcp_push_pending_frames);
	before_push_one = FX_COUNT(&t.rec, "student", tcp_push_one);
	ck_assert_int_eq(tt_send(cli, data, 3000), 3000);
	first = tcp_send_head(cli);
	ck_assert_ptr_nonnull(first);
	ck_assert(TCP_SKB_CB(first)->tcp_flags & TCPHDR_PSH);
	ck_assert_int_gt(FX_COUNT(&t.rec, "student", __tcp_push_pending_frames), before_pending + 1);
	ck_assert_int_eq(FX_COUNT(&t.rec, "student", tcp_push_one), before_push_one);
	ck_assert_uint_eq(tcp_sk(cli)->pushed_seq, tcp_sk(cli)->write_seq);

	tcp_sk(cli)->snd_wnd = 65535;
	tcp_sk(cli)->max_window = 65535;
	__tcp_push_pending_frames(cli, tcp_current_mss(cli), 0);
	tt_run_for(&t, 300);
	ck_assert_uint_eq(tcp_sk(child)->rcv_nxt - tcp_sk(child)->copied_seq, 5000);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

START_TEST(test_nagle)
{
	struct tt t;
	struct tcp_sock tp;
	struct sk_buff *skb;

	/* An skb comes from a host's caches: the world's student. */
	tt_setup(&t, 1);
	skb = alloc_skb(t.cli, 2048);

	ck_assert_ptr_nonnull(skb);
	memset(&tp, 0, sizeof(tp));
	skb_put(skb, 100);
	TCP_SKB_CB(skb)->tcp_flags = TCPHDR_ACK;
	tp.snd_una = 1000;
	tp.snd_nxt = 2000;
	tp.packets_out = 2;
	tp.snd_sml = 1500;	/* a small segment is unacked (Minshall) */
	ck_assert(!tcp_nagle_test(&tp, skb, 1448, 0));
	ck_assert(tcp_nagle_test(&tp, skb, 1448, TCP_NAGLE_PUSH));
	ck_assert(tcp_nagle_test(&tp, skb, 1448, TCP_NAGLE_OFF));
	ck_assert(!tcp_nagle_test(&tp, skb, 1448, TCP_NAGLE_CORK));
	tp.snd_sml = 1000;	/* the small one was acked */
	ck_assert(tcp_nagle_test(&tp, skb, 1448, 0));
	tp.snd_sml = 1500;
	tp.packets_out = 0;	/* nothing in flight */
	ck_assert(tcp_nagle_test(&tp, skb, 1448, 0));
	tp.packets_out = 2;
	TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_FIN;
	ck_assert(tcp_nagle_test(&tp, skb, 1448, 0));
	TCP_SKB_CB(skb)->tcp_flags = TCPHDR_ACK;
	skb_put(skb, 1348);	/* a full segment always goes */
	ck_assert(tcp_nagle_test(&tp, skb, 1448, 0));
	kfree_skb(skb);
	tt_teardown(&t);
}
END_TEST

START_TEST(test_cwnd_and_snd_wnd_tests)
{
	struct tt t;
	struct tcp_sock tp;
	struct sk_buff *skb;

	tt_setup(&t, 1);
	skb = alloc_skb(t.cli, 2048);

	memset(&tp, 0, sizeof(tp));
	skb_put(skb, 1448);
	TCP_SKB_CB(skb)->seq = 5000;
	TCP_SKB_CB(skb)->end_seq = 5000 + 1448;
	TCP_SKB_CB(skb)->tcp_flags = TCPHDR_ACK;
	tp.snd_cwnd = 10;
	tp.packets_out = 7;
	ck_assert_uint_eq(tcp_cwnd_test(&tp, skb), 3);
	tp.packets_out = 10;
	ck_assert_uint_eq(tcp_cwnd_test(&tp, skb), 0);
	tp.sacked_out = 3;	/* dupacks leave the network */
	ck_assert_uint_eq(tcp_cwnd_test(&tp, skb), 3);
	tp.retrans_out = 1;
	ck_assert_uint_eq(tcp_cwnd_test(&tp, skb), 2);

	tp.snd_una = 4000;
	tp.snd_wnd = 2448;	/* window ends exactly at end_seq */
	ck_assert(tcp_snd_wnd_test(&tp, skb, 1448));
	tp.snd_wnd = 2447;
	ck_assert(!tcp_snd_wnd_test(&tp, skb, 1448));
	tp.snd_wnd = 0;
	ck_assert(!tcp_snd_wnd_test(&tp, skb, 1448));
	kfree_skb(skb);
	tt_teardown(&t);
}
END_TEST

/* Frames leaving the student's card (a tap on its port). */
struct tt_cap {
	int n;
	unsigned int len[64];
	u8 data[64][1600];
};

static void
tt_cap_frame(void *arg, const struct sim_port *port, enum sim_dir dir, const u8 *frame,
	     unsigned int len, ktime_t ts)
{
	struct tt_cap *c = arg;

	(void)port;
	(void)ts;
	if (dir != SIM_DIR_TX || c->n >= 64 || len > 1600)
		return;
	c->len[c->n] = len;
	memcpy(c->data[c->n], frame, len);
	c->n++;
}

/* TCP checksum over pseudo-header + segment of an Ethernet/IPv4 frame: 0xffff = good. */
static u16
tt_tcp_csum(const u8 *fr)
{
	const u8 *ip = fr + 14;
	unsigned int tot = (ip[2] << 8) | ip[3], tcplen = tot - 20;
	u32 sum = 0;

	sum += (ip[12] << 8) | ip[13];
	sum += (ip[14] << 8) | ip[15];
	sum += (ip[16] << 8) | ip[17];
	sum += (ip[18] << 8) | ip[19];
	sum += IPPROTO_TCP;
	sum += tcplen;
	return (u16)~fixture_csum(ip + 20, tcplen, sum);
}

static int
tt_cap_find_tcp(const struct tt_cap *c, int from, u8 flags)
{
	for (int i = from; i < c->n; i++)
		if (c->data[i][12] == 0x08 && c->data[i][13] == 0x00 && c->data[i][14 + 9] == 6 &&
		    c->data[i][14 + 20 + 13] == flags)
			return i;
	return -1;
}

static void
tt_put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* Golden bytes: the SYN as Linux 3.10 sends it, built and parsed. */
START_TEST(test_golden_syn)
{
	struct tt t;
	struct sock *cli;
	static struct tt_cap cap;
	struct sim_tap tap = { .frame = tt_cap_frame, .arg = &cap };
	u8 expect[40] = {
		0, 0, 0x1b, 0x58,		/* sport (below), dport 7000 */
		0, 0, 0, 0,			/* seq = ISN (below) */
		0, 0, 0, 0,			/* ack 0 */
		0xa0, 0x02,			/* doff 10 (40 bytes), SYN */
		0x39, 0x08,			/* window 14600, never scaled */
		0, 0,				/* checksum (checked apart) */
		0, 0,				/* urgent pointer */
		0x02, 0x04, 0x05, 0xb4,		/* MSS 1460 */
		0x04, 0x02, 0x08, 0x0a,		/* SACK_PERM packed with TS */
		0, 0, 0, 0,			/* TSval (below) */
		0, 0, 0, 0,			/* TSecr 0 */
		0x01, 0x03, 0x03, 0x07,		/* NOP, window scale 7 */
	};
	struct tcp_options_received rx;
	struct sk_buff *skb;
	const u8 *fr, *ip, *th;
	u32 isn;
	int i;

	memset(&cap, 0, sizeof(cap));
	tt_setup(&t, 7);
	ck_assert_int_eq(sim_port_add_tap(t.w.link[SIM_LAN]->end[0], &tap), 0);
	cli = tt_connect(t.cli, "10.0.1.2", 7000);
	isn = tcp_sk(cli)->snd_una;
	tt_run_for(&t, 1);
	i = tt_cap_find_tcp(&cap, 0, TCPHDR_SYN);
	ck_assert_int_ge(i, 0);
	fr = cap.data[i];
	ip = fr + 14;
	th = ip + 20;
	ck_assert_uint_eq(cap.len[i], 14 + 20 + 40);
	/* IP: 20 bytes, DF, TTL 64, ID from inet_id, header checksum good. */
	ck_assert_uint_eq(ip[0], 0x45);
	ck_assert_uint_eq((ip[2] << 8) | ip[3], 60);
	ck_assert_uint_eq((ip[4] << 8) | ip[5], (u16)(inet_sk(cli)->inet_id - 1));
	ck_assert_uint_eq(ip[6], 0x40);
	ck_assert_uint_eq(ip[7], 0x00);
	ck_assert_uint_eq(ip[8], 64);
	ck_assert_uint_eq(fixture_csum(ip, 20, 0), 0);

	expect[0] = cli->sk_num >> 8;
	expect[1] = cli->sk_num & 0xff;
	tt_put32(expect + 4, isn);
	tt_put32(expect + 28, TCP_SKB_CB(tcp_write_queue_head(cli))->when);
	ck_assert_mem_eq(th, expect, 16);
	ck_assert_mem_eq(th + 18, expect + 18, 22);
	ck_assert_uint_eq(tt_tcp_csum(fr), 0xffff);

	/* And our receive side reads the options back. */
	skb = alloc_skb(t.srv, 64);
	memcpy(skb_put(skb, 40), th, 40);
	skb_reset_transport_header(skb);
	memset(&rx, 0, sizeof(rx));
	tcp_parse_options(skb, &rx, 0);
	ck_assert_uint_eq(rx.mss_clamp, 1460);
	ck_assert(rx.wscale_ok);
	ck_assert_uint_eq(rx.snd_wscale, 7);
	ck_assert(rx.sack_ok);
	ck_assert(rx.saw_tstamp);
	ck_assert_uint_eq(rx.rcv_tsecr, 0);
	kfree_skb(skb);

	tt_run_for(&t, 50);
	tcp_close(cli, 0);
	tt_teardown(&t);
}
END_TEST

/* Golden bytes: a data segment's header and checksum. */
START_TEST(test_golden_data_segment)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static struct tt_cap cap;
	struct sim_tap tap = { .frame = tt_cap_frame, .arg = &cap };
	struct tcp_sock *tp;
	u8 expect[32];
	u32 seq, ack, tsval, tsecr, win;
	const u8 *th;
	int i;

	memset(&cap, 0, sizeof(cap));
	tt_open_pair(&t, 8, 7005, 0, &cli, &lsk, &child);
	tt_run_for(&t, 100);
	ck_assert_int_eq(sim_port_add_tap(t.w.link[SIM_LAN]->end[0], &tap), 0);
	tp = tcp_sk(cli);
	seq = tp->snd_nxt;
	ack = tp->rcv_nxt;
	ck_assert_int_eq(tt_send(cli, (const u8 *)"0123456789", 10), 10);
	/* What the header must say, read before anything else happens. */
	tsval = TCP_SKB_CB(tcp_write_queue_head(cli))->when;
	tsecr = tp->rx_opt.ts_recent;
	win = tp->rcv_wnd >> tp->rx_opt.rcv_wscale;
	tt_run_for(&t, 1);
	i = tt_cap_find_tcp(&cap, 0, TCPHDR_PSH | TCPHDR_ACK);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(cap.len[i], 14 + 20 + 32 + 10);
	th = cap.data[i] + 14 + 20;

	memset(expect, 0, sizeof(expect));
	expect[0] = cli->sk_num >> 8;
	expect[1] = cli->sk_num & 0xff;
	expect[2] = 7005 >> 8;
	expect[3] = 7005 & 0xff;
	tt_put32(expect + 4, seq);
	tt_put32(expect + 8, ack);
	expect[12] = 0x80;		/* 32-byte header */
	expect[13] = 0x18;		/* PSH|ACK */
	expect[14] = win >> 8;
	expect[15] = win & 0xff;
	expect[20] = 0x01;		/* NOP NOP TS */
	expect[21] = 0x01;
	expect[22] = 0x08;
	expect[23] = 0x0a;
	tt_put32(expect + 24, tsval);
	tt_put32(expect + 28, tsecr);
	ck_assert_mem_eq(th, expect, 16);
	ck_assert_mem_eq(th + 18, expect + 18, 14);
	ck_assert_mem_eq(th + 32, "0123456789", 10);
	ck_assert_uint_eq(tt_tcp_csum(cap.data[i]), 0xffff);
	/* One flipped payload bit and the sum no longer holds. */
	cap.data[i][14 + 20 + 32] ^= 1;
	ck_assert_uint_ne(tt_tcp_csum(cap.data[i]), 0xffff);

	tt_run_for(&t, 300);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST


/* The journey of one segment: clone down, clone freed by the driver,
 * original freed by the ACK; dataref 2 -> 1 -> 0. */
START_TEST(test_clone_refcounts)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static u8 data[1448];
	struct sk_buff *orig;
	u32 orig_id, clone_id = 0;
	const tp_data_skb_clone *clone;
	int i_clone, i_drv, i_ack;

	tt_open_pair(&t, 9, 7006, 0, &cli, &lsk, &child);
	ck_assert_int_eq(tt_send(cli, data, sizeof(data)), (int)sizeof(data));
	orig = tcp_write_queue_head(cli);
	orig_id = orig->id;
	/* Sent and still referenced by the clone in the ring: dataref 2. */
	ck_assert_int_eq(skb_shinfo(orig)->dataref & SKB_DATAREF_MASK, 2);
	ck_assert(skb_cloned(orig));
	i_clone = -1;
	FX_FOR_EACH(&t.rec, i, 0, "student", skb_clone) {
		if (FX_DATA(&t.rec, i, skb_clone)->orig == orig_id) {
			i_clone = i;
			break;
		}
	}
	ck_assert_int_ge(i_clone, 0);
	clone = FX_DATA(&t.rec, i_clone, skb_clone);
	ck_assert_int_eq(clone->dataref, 2);
	clone_id = t.rec.ev[i_clone].skb_id;
	ck_assert_uint_eq(clone->clone, clone_id);
	ck_assert_uint_ne(clone_id, orig_id);

	tt_run_for(&t, 300);
	/* the driver frees the clone (igb_clean_tx_irq) */
	i_drv = -1;
	FX_FOR_EACH(&t.rec, i, i_clone, "student", igb_tx_done) {
		if (FX_DATA(&t.rec, i, igb_tx_done)->freed == clone_id) {
			i_drv = i;
			break;
		}
	}
	ck_assert_int_ge(i_drv, 0);
	ck_assert_int_ge(tt_find_release(&t, i_drv, "student", orig_id, 1, true), 0);
	/* the ACK frees the original (tcp_clean_rtx_queue) */
	i_ack = -1;
	FX_FOR_EACH(&t.rec, i, i_drv, "student", tcp_rtx_skb_freed) {
		if (FX_DATA(&t.rec, i, tcp_rtx_skb_freed)->freed == orig_id) {
			i_ack = i;
			break;
		}
	}
	ck_assert_int_gt(i_ack, i_drv);
	ck_assert_int_eq(FX_DATA(&t.rec, i_ack, tcp_rtx_skb_freed)->dataref, 1);
	ck_assert_int_gt(tt_find_release(&t, i_ack, "student", orig_id, 0, false), i_ack);
	ck_assert_int_ge(FX_FIND(&t.rec, 0, "student", tcp_v4_rcv), 0);
	ck_assert_ptr_null(tcp_write_queue_head(cli));

	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* A retransmission while the first clone is still in the ring: a copy
 * of the head (pskb_copy; with frags they would be shared). */
START_TEST(test_retransmit_while_cloned_copies)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static u8 data[1000];
	struct sk_buff *orig;

	tt_open_pair(&t, 10, 7007, 0, &cli, &lsk, &child);
	ck_assert_int_eq(tt_send(cli, data, sizeof(data)), (int)sizeof(data));
	orig = tcp_write_queue_head(cli);
	ck_assert(skb_cloned(orig));
	ck_assert_int_eq(tcp_retransmit_skb(cli, orig), 0);
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_TCPSPURIOUS_RTX_HOSTQUEUES], 1);
	ck_assert_int_ge(FX_FIND(&t.rec, 0, "student", pskb_copy), 0);
	ck_assert_int_eq(skb_shinfo(orig)->dataref & SKB_DATAREF_MASK, 2);	/* not 3 */
	tt_run_for(&t, 500);
	ck_assert_uint_eq(tcp_sk(child)->rcv_nxt - tcp_sk(child)->copied_seq, 1000);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* The SYN into a black hole: RTO 1 s, then 2 s, 4 s ... (backoff). */
START_TEST(test_syn_rto_backoff)
{
	struct tt t;
	struct sock *cli;
	ktime_t when[4];
	int n = 0;

	tt_setup(&t, 11);
	/* The server's firewall drops SYNs to port 7008 silently: a black
	 * hole that still has a route and an ARP entry.  (A full accept
	 * queue is none in 3.10: a SYN is still answered while fewer than
	 * two requests wait.) */
	tt_iptables(t.srv, "-A", "INPUT", "-p", "tcp", "--dport", "7008", "-j", "DROP", NULL);
	fixture_recorder_forget(&t.rec);
	cli = tt_connect(t.cli, "10.0.1.2", 7008);
	{
		ktime_t t0 = t.w.eng.now;

		for (int k = 0; k < 4; k++)
			when[k] = t0;
	}
	ck_assert_uint_eq(inet_csk(cli)->icsk_rto, TCP_TIMEOUT_INIT);
	tt_run_for(&t, 16000);
	FX_FOR_EACH(&t.rec, i, 0, NULL, tcp_retransmit_timer) {
		if (n == 4)
			break;
		when[n++] = t.rec.ev[i].ts;
	}
	ck_assert_int_eq(n, 4);
	ck_assert_uint_ge(t.srv->mib[SIM_MIB_NFDROPS], 4);
	ck_assert_uint_eq((when[0] - t.rec.ev[0].ts) / NSEC_PER_MSEC, 1000);
	ck_assert_uint_eq((when[1] - when[0]) / NSEC_PER_MSEC, 2000);
	ck_assert_uint_eq((when[2] - when[1]) / NSEC_PER_MSEC, 4000);
	ck_assert_uint_eq((when[3] - when[2]) / NSEC_PER_MSEC, 8000);
	ck_assert_uint_eq(inet_csk(cli)->icsk_backoff, 4);
	ck_assert_int_eq(cli->sk_state, TCP_SYN_SENT);
	/* After 6 retransmissions the attempt fails with ETIMEDOUT. */
	tt_run_for(&t, 200000);
	ck_assert_int_eq(cli->sk_state, TCP_CLOSE);
	ck_assert_int_eq(cli->sk_err, ETIMEDOUT);
	tcp_close(cli, 0);
	tt_teardown(&t);
}
END_TEST

/* An established connection loses everything: cwnd 1, ssthresh cut
 * (CUBIC: 10 * 717 / 1024 = 7), RTO doubling; when the path heals the
 * data still arrives. */
START_TEST(test_rto_cwnd_one)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static u8 data[20000];
	u32 rto0;
	int i1, i2;

	tt_open_pair(&t, 12, 7009, 0, &cli, &lsk, &child);
	rto0 = inet_csk(cli)->icsk_rto;
	t.w.link[SIM_WAN]->loss_ppm = 1000000;
	for (size_t k = 0; k < sizeof(data); k++)
		data[k] = tt_pattern(k);
	ck_assert_int_eq(tt_send(cli, data, 14480), 14480);
	ck_assert_uint_eq(tcp_sk(cli)->packets_out, 10);	/* initial cwnd */
	tt_run_for(&t, rto0 + 50);
	ck_assert_int_ge(FX_COUNT(&t.rec, "student", tcp_retransmit_timer), 1);
	ck_assert_uint_eq(tcp_sk(cli)->snd_cwnd, 1);
	ck_assert_uint_eq(tcp_sk(cli)->snd_ssthresh, 7);
	ck_assert_uint_eq(inet_csk(cli)->icsk_ca_state, TCP_CA_Loss);
	ck_assert_uint_eq(inet_csk(cli)->icsk_rto, min_t(u32, rto0 * 2, TCP_RTO_MAX));
	ck_assert_uint_eq(tcp_sk(cli)->lost_out, 10);
	i1 = FX_FIND(&t.rec, 0, "student", tcp_retransmit_timer);
	tt_run_for(&t, 2 * rto0 + 50);
	i2 = FX_FIND(&t.rec, i1 + 1, "student", tcp_retransmit_timer);
	ck_assert_int_gt(i2, i1);
	ck_assert_uint_eq((t.rec.ev[i2].ts - t.rec.ev[i1].ts) / NSEC_PER_MSEC, 2 * rto0);
	ck_assert_uint_eq(tcp_sk(cli)->snd_ssthresh, 7);	/* cut once per episode */

	t.w.link[SIM_WAN]->loss_ppm = 0;
	tt_run_for(&t, 8000);
	ck_assert_uint_eq(tcp_sk(child)->rcv_nxt - tcp_sk(child)->copied_seq, 14480);
	ck_assert_uint_eq(tcp_sk(cli)->packets_out, 0);
	ck_assert_uint_eq(inet_csk(cli)->icsk_ca_state, TCP_CA_Open);
	ck_assert_uint_gt(tcp_sk(cli)->snd_cwnd, 1);
	ck_assert_uint_ge(tcp_sk(cli)->total_retrans, 10);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* Slow start without loss: cwnd grows from 10; in flight never exceeds it. */
START_TEST(test_slow_start)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	int bad = 0, seen = 0;

	tt_open_pair(&t, 13, 7010, 0, &cli, &lsk, &child);
	t.w.link[SIM_WAN]->delay = 20 * NSEC_PER_MSEC;
	/* No tail loss probe: srtt is the handshake's (under 1 ms), so its
	 * timer (10 ms) fires before the first ACKs of the 40 ms path and
	 * sends new data beyond cwnd, as a probe may. */
	t.cli->tcp_hashinfo->sysctl_tcp_early_retrans = 0;
	tt_transfer(&t, cli, child, 300000, 20000, 0, NULL);
	ck_assert_uint_gt(tcp_sk(cli)->snd_cwnd, 2 * TCP_INIT_CWND);
	ck_assert_uint_eq(tcp_sk(cli)->snd_ssthresh, TCP_INFINITE_SSTHRESH);
	ck_assert_uint_eq(tcp_sk(cli)->total_retrans, 0);
	FX_FOR_EACH(&t.rec, i, 0, "student", tcp_transmit_skb) {
		/* the tcp_write_xmit before it says how full the window was */
		for (int j = i; j >= 0; j--) {
			const tp_data_tcp_write_xmit *e = FX_DATA(&t.rec, j, tcp_write_xmit);

			if (!e)
				continue;
			seen++;
			if (e->in_flight >= e->cwnd)
				bad++;
			break;
		}
		if (seen > 200)
			break;
	}
	ck_assert_int_gt(seen, 10);
	ck_assert_int_eq(bad, 0);
	ck_assert_int_ge(tt_find_phase(&t, SIM_TCP_SLOW_START), 0);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* 5% loss each way: fast retransmit, SACK recovery, out-of-order queue;
 * 1 MiB arrives complete and in order. */
START_TEST(test_loss_5_percent)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	struct tcp_info info;
	u32 rq, wq;

	tt_setup(&t, 14);
	fixture_recorder_stop(&t.rec);	/* too many events to keep */
	tt_pair(&t, 7011, 0, &cli, &lsk, &child);
	t.w.link[SIM_WAN]->loss_ppm = 50000;
	tt_transfer(&t, cli, child, 1 << 20, 600000, 0, NULL);
	tcp_diag_get_info(cli, &rq, &wq, &info);
	ck_assert_uint_gt(info.tcpi_total_retrans, 0);
	ck_assert_uint_gt(t.cli->mib[LINUX_MIB_TCPFASTRETRANS], 0);
	ck_assert_uint_gt(t.cli->mib[LINUX_MIB_TCPSACKRECOVERY], 0);
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_TCPRENORECOVERY], 0);
	ck_assert_uint_gt(t.srv->mib[LINUX_MIB_TCPOFOQUEUE], 0);
	ck_assert_uint_lt(tcp_sk(cli)->snd_ssthresh, TCP_INFINITE_SSTHRESH);
	ck_assert_uint_eq(t.cli->mib[TCP_MIB_RETRANSSEGS], tcp_sk(cli)->total_retrans);
	t.w.link[SIM_WAN]->loss_ppm = 0;
	tcp_close(cli, 0);
	tcp_close(child, 0);
	tcp_close(lsk, 0);
	tt_run_for(&t, 5000);
	tt_teardown(&t);
}
END_TEST

/* Same seed, same run: deterministic. */
static u64
tt_loss_run(u32 seed, u32 *retrans)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	u64 ms;

	tt_setup(&t, seed);
	fixture_recorder_stop(&t.rec);	/* too many events to keep */
	tt_pair(&t, 7012, 0, &cli, &lsk, &child);
	t.w.link[SIM_WAN]->loss_ppm = 50000;
	t.w.link[SIM_WAN]->delay = 5 * NSEC_PER_MSEC;
	ms = tt_transfer(&t, cli, child, 200000, 600000, 0, NULL);
	*retrans = tcp_sk(cli)->total_retrans;
	t.w.link[SIM_WAN]->loss_ppm = 0;
	tcp_close(cli, 0);
	tcp_close(child, 0);
	tcp_close(lsk, 0);
	tt_run_for(&t, 5000);
	tt_teardown(&t);
	return ms;
}

START_TEST(test_deterministic)
{
	u32 r1, r2;
	u64 a = tt_loss_run(99, &r1), b = tt_loss_run(99, &r2);

	ck_assert_uint_eq(a, b);
	ck_assert_uint_eq(r1, r2);
}
END_TEST

/* A 4 KiB receive buffer throttles the sender; a reader that sleeps shuts
 * the window, the sender probes it (backoff), and the transfer finishes
 * once the reader wakes.  Also 200 ms of delay. */
START_TEST(test_small_rcvbuf_zero_window)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	u32 max_inflight = 0;
	int probes;
	bool shut;

	tt_open_pair(&t, 15, 7013, 4096, &cli, &lsk, &child);
	ck_assert_uint_eq(tcp_sk(child)->rx_opt.rcv_wscale, 0);
	t.w.link[SIM_WAN]->delay = 100 * NSEC_PER_MSEC;
	tt_transfer(&t, cli, child, 40000, 600000, 8000, &max_inflight);
	ck_assert_uint_le(max_inflight, 4096);
	probes = FX_COUNT(&t.rec, "student", tcp_send_probe0);
	ck_assert_int_ge(probes, 2);
	shut = false;
	FX_FOR_EACH(&t.rec, i, 0, "student", tcp_write_xmit)
		if (FX_DATA(&t.rec, i, tcp_write_xmit)->snd_wnd == 0)
			shut = true;
	ck_assert(shut);
	ck_assert_int_ge(FX_FIND(&t.rec, 0, "server", tcp_cleanup_rbuf), 0);
	tcp_close(cli, 0);
	tcp_close(child, 0);
	tcp_close(lsk, 0);
	tt_run_for(&t, 3000);
	tt_teardown(&t);
}
END_TEST

/* A reader that is always there: drains on every sk_data_ready. */
static struct {
	u64 got;
	int bad;
} tt_drain;

static void
tt_drain_ready(struct sock *sk, int bytes)
{
	static u8 buf[65536];
	int r;

	(void)bytes;
	while ((r = tt_recv(sk, buf, sizeof(buf))) > 0) {
		for (int i = 0; i < r; i++)
			if (buf[i] != tt_pattern(tt_drain.got + i))
				tt_drain.bad++;
		tt_drain.got += r;
	}
}

/* Delayed ACKs: quick ACKs at first; later every second full segment,
 * and an isolated segment is acknowledged by the 40 ms timer. */
START_TEST(test_delayed_ack)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static u8 data[100 * 1448];
	int acks0, acks, i_data, i_ack, quick;
	u64 total = 0;

	tt_open_pair(&t, 16, 7014, 0, &cli, &lsk, &child);
	/* One segment per skb, as without GRO (tests/check_gro.c counts
	 * the ACKs of merged skbs). */
	tt_gro_off(t.srv);
	memset(&tt_drain, 0, sizeof(tt_drain));
	child->sk_data_ready = tt_drain_ready;
	t.w.link[SIM_WAN]->delay = 10 * NSEC_PER_MSEC;
	/* No tail loss probe: srtt is the handshake's (under 1 ms), so its
	 * timer (10 ms) would fire before the first ACKs of the 20 ms path. */
	t.cli->tcp_hashinfo->sysctl_tcp_early_retrans = 0;

	/* The first segments of the connection: each is ACKed at once. */
	quick = inet_csk(child)->icsk_ack.quick;
	for (size_t k = 0; k < sizeof(data); k++)
		data[k] = tt_pattern(k);
	ck_assert_int_eq(tt_send(cli, data, 2 * 1448), 2 * 1448);
	total += 2 * 1448;
	tt_run_for(&t, 100);
	ck_assert_int_eq(quick, 0);
	ck_assert_uint_gt(inet_csk(child)->icsk_ack.quick, 0);	/* tcp_incr_quickack */
	ck_assert_int_eq(FX_COUNT(&t.rec, "server", tcp_send_ack), 2);

	/* Use up the quick ACKs, then count. */
	for (int round = 0; round < 3; round++) {
		int r;

		for (size_t j = 0; j < 20 * 1448; j++)
			data[j] = tt_pattern(total + j);
		r = tt_send(cli, data, 20 * 1448);
		ck_assert_int_gt(r, 0);
		total += r;
		tt_run_for(&t, 200);
	}
	ck_assert_uint_eq(inet_csk(child)->icsk_ack.quick, 0);
	acks0 = FX_COUNT(&t.rec, "server", tcp_send_ack);
	for (int k = 0; k < 10; k++) {
		/* data[] repeats the pattern every 251*... keep the stream exact */
		int r;

		for (size_t j = 0; j < 10 * 1448; j++)
			data[j] = tt_pattern(total + j);
		r = tt_send(cli, data, 10 * 1448);
		ck_assert_int_eq(r, 10 * 1448);
		total += r;
		tt_run_for(&t, 200);
	}
	acks = FX_COUNT(&t.rec, "server", tcp_send_ack) - acks0;
	ck_assert_int_ge(acks, 45);	/* 100 segments: one ACK per two */
	ck_assert_int_le(acks, 60);
	ck_assert_uint_eq(tt_drain.got, total);
	ck_assert_int_eq(tt_drain.bad, 0);

	/* One small segment, nothing else: the delack timer ACKs it.  (Sent
	 * soon after other data: after an idle longer than the RTO the
	 * receiver would go back to quick ACKs.) */
	for (size_t j = 0; j < 2 * 1448; j++)
		data[j] = tt_pattern(total + j);
	ck_assert_int_eq(tt_send(cli, data, 2 * 1448), 2 * 1448);
	total += 2 * 1448;
	tt_run_for(&t, 40);
	/* A reader that reads at once would send the ACK from recv()
	 * (tcp_cleanup_rbuf, the segment was pushed); this one sleeps. */
	child->sk_data_ready = sock_def_readable;
	{
		u8 one = tt_pattern(total);

		ck_assert_int_eq(tt_send(cli, &one, 1), 1);
		total++;
	}
	tt_run_for(&t, 500);
	i_data = -1;
	FX_FOR_EACH(&t.rec, i, 0, "server", tcp_data_queue)
		i_data = i;	/* the last one */
	ck_assert_int_ge(i_data, 0);
	if (getenv("TT_DUMP"))
		for (int i = i_data > 30 ? i_data - 30 : 0; i < t.rec.nevents && i < i_data + 60; i++) {
			const struct trace_rec *r = &t.rec.ev[i];
			char fields[256];
			struct trace_buf b;

			if (strcmp(fixture_host(&t.rec, i), "server") || r->kind == TRACE_EXIT)
				continue;
			trace_buf_init(&b, fields, sizeof(fields));
			trace_format_rec_fields(r, &b);
			fprintf(stderr, "%llu %s %s\n", (unsigned long long)r->ts / 1000,
				trace_rec_func(r), fields);
		}
	i_ack = FX_FIND(&t.rec, i_data, "server", tcp_delack_timer);
	ck_assert_int_gt(i_ack, i_data);
	/* 40 jiffies (the timer runs on the jiffy grid: up to 1 ms less) */
	ck_assert_uint_ge((t.rec.ev[i_ack].ts - t.rec.ev[i_data].ts) / NSEC_PER_MSEC + 1,
			  TCP_DELACK_MIN);
	ck_assert_uint_le((t.rec.ev[i_ack].ts - t.rec.ev[i_data].ts) / NSEC_PER_MSEC,
			  TCP_DELACK_MIN);
	ck_assert_int_gt(FX_FIND(&t.rec, i_ack, "server", tcp_send_ack), i_ack);
	tt_drain_ready(child, 0);
	ck_assert_uint_eq(tt_drain.got, total);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* The wan MTU drops under a running transfer: the router's "frag
 * needed" lowers the MSS (tcp_v4_err -> tcp_sync_mss) and the data
 * still arrives. */
START_TEST(test_pmtu)
{
	struct tt t;
	struct sock *cli, *lsk, *child;

	tt_open_pair(&t, 17, 7015, 0, &cli, &lsk, &child);
	ck_assert_uint_eq(tcp_sk(cli)->mss_cache, 1448);
	ck_assert_int_eq(sim_link_set_mtu(&t.w, SIM_WAN, 1400), 0);
	tt_transfer(&t, cli, child, 100000, 60000, 0, NULL);
	ck_assert_int_ge(FX_COUNT(&t.rec, "student", tcp_v4_err), 1);
	ck_assert_int_ge(FX_COUNT(&t.rec, "student", tcp_v4_mtu_reduced), 1);
	ck_assert_uint_eq(tcp_sk(cli)->mss_cache, 1400 - 40 - 12);
	ck_assert_uint_eq(inet_csk(cli)->icsk_pmtu_cookie, 1400);
	ck_assert_int_ge(FX_COUNT(&t.rec, "student", tcp_simple_retransmit), 1);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* recv() returns -EAGAIN when empty and 0 after the FIN; close with
 * unread data resets the peer. */
START_TEST(test_recv_and_abort)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	u8 buf[64];

	tt_open_pair(&t, 18, 7016, 0, &cli, &lsk, &child);
	ck_assert_int_eq(tt_recv(child, buf, sizeof(buf)), -EAGAIN);
	ck_assert_int_eq(tt_send(cli, (const u8 *)"hello", 5), 5);
	tt_run_for(&t, 50);
	ck_assert_int_eq(tt_recv(child, buf, 3), 3);
	ck_assert_mem_eq(buf, "hel", 3);
	ck_assert_uint_eq(tcp_sk(child)->copied_seq + 2, tcp_sk(child)->rcv_nxt);
	sock_hold(cli);
	tcp_close(child, 0);	/* 2 bytes unread: RST */
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_TCPABORTONCLOSE], 1);
	tt_run_for(&t, 50);
	ck_assert_int_eq(cli->sk_state, TCP_CLOSE);
	ck_assert_int_eq(cli->sk_err, ECONNRESET);
	tcp_close(cli, 0);
	sock_put(cli);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST


/* One segment lost on the wire: the next four wait in the out-of-order
 * queue (SACK blocks on the duplicate ACKs); with the third, FACK counts
 * four segments out (more than reordering): a fast retransmit, ssthresh
 * is CUBIC's 0.7 of the (moderated) cwnd, no RTO. */
START_TEST(test_ooo_fast_retransmit)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	static struct tt_cap cap;
	struct sim_tap tap = { .frame = tt_cap_frame, .arg = &cap };
	static u8 data[5 * 1448];
	u8 buf[8192];
	int sack_acks = 0, got = 0, r;

	memset(&cap, 0, sizeof(cap));
	tt_open_pair(&t, 19, 7017, 0, &cli, &lsk, &child);
	/* Each segment alone in the queue, each with its duplicate ACK: GRO
	 * would merge the four into one or two skbs. */
	tt_gro_off(t.srv);
	ck_assert_int_eq(sim_port_add_tap(t.w.link[SIM_WAN]->end[1], &tap), 0);
	for (size_t k = 0; k < sizeof(data); k++)
		data[k] = tt_pattern(k);
	t.w.link[SIM_WAN]->loss_ppm = 1000000;
	ck_assert_int_eq(tt_send(cli, data, 1448), 1448);
	tt_run_for(&t, 1);
	t.w.link[SIM_WAN]->loss_ppm = 0;
	ck_assert_int_eq(tt_send(cli, data + 1448, 4 * 1448), 4 * 1448);
	tt_run_for(&t, 100);

	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_TCPOFOQUEUE], 4);
	ck_assert_int_ge(FX_FIND(&t.rec, 0, "server", tcp_ofo_queue), 0);
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_TCPSACKRECOVERY], 1);
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_TCPFASTRETRANS], 1);
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_TCPTIMEOUTS], 0);
	/* In Disorder each SACK moderated cwnd to in_flight + reordering:
	 * 3 + 3 before the third, whose recovery takes CUBIC's beta of that
	 * (bictcp_recalc_ssthresh: 6 * 717 / 1024). */
	ck_assert_uint_eq(tcp_sk(cli)->snd_ssthresh, 6 * 717 / 1024);
	ck_assert_uint_eq(tcp_sk(cli)->packets_out, 0);
	ck_assert_uint_eq(inet_csk(cli)->icsk_ca_state, TCP_CA_Open);
	ck_assert_uint_eq(tcp_sk(child)->rx_opt.num_sacks, 0);

	/* The duplicate ACKs carried SACK blocks: NOP NOP 5 10 start end. */
	for (int i = 0; i < cap.n; i++) {
		const u8 *th = cap.data[i] + 14 + 20;
		int doff = (th[12] >> 4) * 4;

		if (cap.data[i][14 + 9] != 6 || doff != 44)
			continue;
		if (th[32] == 1 && th[33] == 1 && th[34] == TCPOPT_SACK && th[35] == 10)
			sack_acks++;
	}
	ck_assert_int_ge(sack_acks, 3);

	while ((r = tt_recv(child, buf, sizeof(buf))) > 0) {
		for (int i = 0; i < r; i++)
			ck_assert_uint_eq(buf[i], tt_pattern(got + i));
		got += r;
	}
	ck_assert_int_eq(got, 5 * 1448);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* Congestion avoidance: above ssthresh cwnd grows by about one segment
 * per window, not per ACK. */
START_TEST(test_congestion_avoidance)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	u32 cwnd0;

	tt_open_pair(&t, 20, 7018, 0, &cli, &lsk, &child);
	t.w.link[SIM_WAN]->delay = 5 * NSEC_PER_MSEC;
	tcp_sk(cli)->snd_ssthresh = 12;
	tt_transfer(&t, cli, child, 100000, 20000, 0, NULL);
	cwnd0 = tcp_sk(cli)->snd_cwnd;
	ck_assert_uint_gt(cwnd0, 12);
	ck_assert_int_ge(tt_find_phase(&t, SIM_TCP_CONG_AVOID), 0);
	tt_transfer(&t, cli, child, 20 * 1448 * 4, 20000, 0, NULL);
	/* about 80 segments acked: a few more segments of cwnd at most */
	ck_assert_uint_le(tcp_sk(cli)->snd_cwnd, cwnd0 + 6);
	ck_assert_uint_ge(tcp_sk(cli)->snd_cwnd, cwnd0);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* Hand @net's tcp_v4_err an ICMP destination unreachable (@code) that
 * quotes a segment @saddr:@sport -> @daddr:@dport with sequence @seq. */
static void
tt_inject_icmp_unreach(struct net *net, const char *saddr, const char *daddr, u16 sport,
		       u16 dport, u32 seq, u8 code)
{
	struct sk_buff *skb = alloc_skb(net, 128);
	struct icmphdr *icmph;
	struct iphdr *iph;
	u8 *l4;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 32);
	icmph = (struct icmphdr *)skb_put(skb, sizeof(*icmph));
	memset(icmph, 0, sizeof(*icmph));
	icmph->type = ICMP_DEST_UNREACH;
	icmph->code = code;
	skb_reset_transport_header(skb);
	skb_pull(skb, sizeof(*icmph));
	iph = (struct iphdr *)skb_put(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->protocol = IPPROTO_TCP;
	iph->saddr = fx_addr(saddr);
	iph->daddr = fx_addr(daddr);
	l4 = skb_put(skb, 8);
	tt_put32(l4, ((u32)sport << 16) | dport);
	tt_put32(l4 + 4, seq);
	tcp_v4_err(skb, 0);
	kfree_skb(skb);
}

/* ---------------------------------------------------------------- */

/* TIME_WAIT ends on a RST only if it sits exactly at rcv_nxt; a blind
 * RST with a guessed sequence number is ignored [RFC 5961 3.2]. */
START_TEST(test_time_wait_blind_rst)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	u32 rcv_nxt;

	tt_open_pair(&t, 21, 7019, 0, &cli, &lsk, &child);
	sock_hold(cli);
	tcp_close(cli, 0);
	tt_run_for(&t, 20);
	tcp_close(child, 0);
	tt_run_for(&t, 20);
	ck_assert_int_eq(cli->sk_state, TCP_TIME_WAIT);
	rcv_nxt = tcp_sk(cli)->rcv_nxt;

	tt_inject_tcp(t.cli, "10.0.1.2", "10.0.0.2", 7019, cli->sk_num, rcv_nxt + 5000, 0,
		      TCPHDR_RST, NULL, 0, 0);
	ck_assert_int_eq(cli->sk_state, TCP_TIME_WAIT);
	tt_inject_tcp(t.cli, "10.0.1.2", "10.0.0.2", 7019, cli->sk_num, rcv_nxt - 1, 0,
		      TCPHDR_RST, NULL, 0, 0);
	ck_assert_int_eq(cli->sk_state, TCP_TIME_WAIT);
	tt_inject_tcp(t.cli, "10.0.1.2", "10.0.0.2", 7019, cli->sk_num, rcv_nxt, 0,
		      TCPHDR_RST, NULL, 0, 0);
	ck_assert_int_eq(cli->sk_state, TCP_CLOSE);
	sock_put(cli);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

/* A pending request (SYN received, SYN-ACK sent) survives a RST or SYN
 * whose sequence number is outside its window; an in-window RST ends it. */
START_TEST(test_request_blind_rst)
{
	struct tt t;
	struct sock *lsk;
	const u32 isn = 1000000;
	struct inet_connection_sock *icsk;

	tt_setup(&t, 22);
	lsk = tt_listen(t.srv, 7020, 0);
	icsk = inet_csk(lsk);
	tt_inject_tcp(t.srv, "10.0.0.2", "10.0.1.2", 40000, 7020, isn, 0, TCPHDR_SYN, NULL, 0,
		      0);
	ck_assert_int_eq(icsk->icsk_accept_queue.qlen, 1);
	tt_inject_tcp(t.srv, "10.0.0.2", "10.0.1.2", 40000, 7020, isn + 3000000, 0, TCPHDR_RST,
		      NULL, 0, 0);
	ck_assert_int_eq(icsk->icsk_accept_queue.qlen, 1);
	tt_inject_tcp(t.srv, "10.0.0.2", "10.0.1.2", 40000, 7020, isn - 5, 0, TCPHDR_SYN, NULL,
		      0, 0);
	ck_assert_int_eq(icsk->icsk_accept_queue.qlen, 1);
	tt_inject_tcp(t.srv, "10.0.0.2", "10.0.1.2", 40000, 7020, isn + 1, 0, TCPHDR_RST, NULL,
		      0, 0);
	ck_assert_int_eq(icsk->icsk_accept_queue.qlen, 0);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

/* TSval is the kernel's tcp_time_stamp: jiffies from INITIAL_JIFFIES, so
 * never 0 at the start of a run, and it wraps 300 s in: a transfer
 * across the wrap keeps sane RTT samples and needs no timeout. */
START_TEST(test_tsval_initial_jiffies)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	u32 j0;

	tt_setup(&t, 23);
	fixture_recorder_stop(&t.rec);	/* 2 MB across the wrap: the trace is not looked at */
	j0 = (u32)sim_host_jiffies(t.cli);
	cli = tt_connect(t.cli, "10.0.1.2", 7021);
	ck_assert_uint_eq(TCP_SKB_CB(tcp_write_queue_head(cli))->when, j0 + (u32)(-300 * HZ));
	ck_assert_uint_ne(TCP_SKB_CB(tcp_write_queue_head(cli))->when, 0);
	tt_run_for(&t, 50);
	tcp_close(cli, 0);
	tt_run_for(&t, 50);

	/* Connect just before the 32-bit wrap, send across it. */
	tt_run_for(&t, 299900 - t.w.eng.now / NSEC_PER_MSEC);
	t.w.link[SIM_WAN]->delay = 5 * NSEC_PER_MSEC;
	tt_pair(&t, 7022, 0, &cli, &lsk, &child);
	ck_assert_uint_gt(tcp_time_stamp(cli), 0xffff0000U);	/* not wrapped yet */
	tt_transfer(&t, cli, child, 2000000, 20000, 0, NULL);
	ck_assert_uint_lt(tcp_time_stamp(cli), 0x10000U);	/* wrapped */
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_TCPTIMEOUTS], 0);
	ck_assert_uint_lt(tcp_sk(cli)->srtt >> 3, 100);
	ck_assert_uint_lt(inet_csk(cli)->icsk_rto, TCP_TIMEOUT_INIT);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* Out of order: a longer segment with the same start replaces the queued
 * one (nothing kept twice); filling the hole delivers every byte once. */
START_TEST(test_ofo_same_seq_replaces)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	struct tcp_sock *ctp;
	u32 rcv_nxt, ack;
	u8 buf[4096];

	tt_open_pair(&t, 24, 7023, 0, &cli, &lsk, &child);
	ctp = tcp_sk(child);
	rcv_nxt = ctp->rcv_nxt;
	ack = ctp->snd_nxt;
	tt_inject_tcp(t.srv, "10.0.0.2", "10.0.1.2", cli->sk_num, 7023, rcv_nxt + 1000, ack,
		      TCPHDR_ACK, NULL, 0, 100);
	ck_assert_uint_eq(skb_queue_len(&ctp->out_of_order_queue), 1);
	tt_inject_tcp(t.srv, "10.0.0.2", "10.0.1.2", cli->sk_num, 7023, rcv_nxt + 1000, ack,
		      TCPHDR_ACK, NULL, 0, 500);
	ck_assert_uint_eq(skb_queue_len(&ctp->out_of_order_queue), 1);
	ck_assert_uint_eq(TCP_SKB_CB(skb_peek(&ctp->out_of_order_queue))->end_seq,
			  rcv_nxt + 1500);
	tt_inject_tcp(t.srv, "10.0.0.2", "10.0.1.2", cli->sk_num, 7023, rcv_nxt, ack, TCPHDR_ACK,
		      NULL, 0, 1000);
	ck_assert_uint_eq(skb_queue_len(&ctp->out_of_order_queue), 0);
	ck_assert_uint_eq(ctp->rcv_nxt, rcv_nxt + 1500);
	ck_assert_int_eq(tt_recv(child, buf, sizeof(buf)), 1500);
	tcp_disconnect(cli, 0);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/* An ICMP error for a connecting socket counts only if it quotes our SYN
 * (snd_una..snd_nxt); a forged one with another sequence is ignored. */
START_TEST(test_icmp_err_syn_sent_checks_seq)
{
	struct tt t;
	struct sock *cli;
	u32 isn;

	tt_setup(&t, 25);
	cli = tt_connect(t.cli, "10.0.1.2", 7024);
	isn = tcp_sk(cli)->snd_una;
	tt_inject_icmp_unreach(t.cli, "10.0.0.2", "10.0.1.2", cli->sk_num, 7024, isn + 77777,
			       ICMP_PORT_UNREACH);
	ck_assert_int_eq(cli->sk_state, TCP_SYN_SENT);
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_OUTOFWINDOWICMPS], 1);
	tt_inject_icmp_unreach(t.cli, "10.0.0.2", "10.0.1.2", cli->sk_num, 7024, isn,
			       ICMP_PORT_UNREACH);
	ck_assert_int_eq(cli->sk_state, TCP_CLOSE);
	ck_assert_int_eq(cli->sk_err, ECONNREFUSED);
	tcp_close(cli, 0);
	tt_teardown(&t);
}
END_TEST

/* A SYN to a broadcast address opens no connection and draws no RST
 * [RFC 1122 4.2.3.10]; the same SYN to the host's address does. */
START_TEST(test_syn_to_broadcast_ignored)
{
	struct tt t;
	struct sock *lsk;
	u64 rsts;
	int i;

	tt_setup(&t, 26);
	lsk = tt_listen(t.srv, 7025, 0);
	rsts = t.srv->mib[TCP_MIB_OUTRSTS];
	tt_inject_tcp(t.srv, "10.0.1.9", "10.0.1.255", 40001, 7026, 5000, 0, TCPHDR_SYN, NULL, 0,
		      0);
	ck_assert_uint_eq(t.srv->mib[TCP_MIB_OUTRSTS], rsts);
	tt_inject_tcp(t.srv, "10.0.1.9", "10.0.1.255", 40001, 7025, 5000, 0, TCPHDR_SYN, NULL, 0,
		      0);
	ck_assert_int_eq(inet_csk(lsk)->icsk_accept_queue.qlen, 0);
	i = FX_FIND(&t.rec, 0, "server", tcp_discard);
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(FX_DATA(&t.rec, i, tcp_discard)->reason, "not_unicast");
	/* Sanity: to the unicast address, the same segments do count. */
	tt_inject_tcp(t.srv, "10.0.1.9", "10.0.1.2", 40001, 7026, 5000, 0, TCPHDR_SYN, NULL, 0, 0);
	ck_assert_uint_eq(t.srv->mib[TCP_MIB_OUTRSTS], rsts + 1);
	tt_inject_tcp(t.srv, "10.0.1.9", "10.0.1.2", 40001, 7025, 5000, 0, TCPHDR_SYN, NULL, 0, 0);
	ck_assert_int_eq(inet_csk(lsk)->icsk_accept_queue.qlen, 1);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

/* The router drops what the server sends to 10.0.0.9 (iptables FORWARD):
 * a peer that never answers and never makes an ICMP error come back. */
static void
tt_silent_peer(struct tt *t)
{
	tt_iptables(t->w.host[SIM_ROUTER], "-A", "FORWARD", "-d", "10.0.0.9", "-j", "DROP", NULL);
}

/* Fill @lsk's SYN queue (16 requests for listen(fd, 8), reqsk_queue_alloc's
 * sizing) with SYNs from 10.0.0.9, a peer that never answers. */
static void
tt_fill_syn_queue(struct tt *t, struct sock *lsk)
{
	tt_silent_peer(t);
	for (u16 i = 0; i < 16; i++)
		tt_inject_tcp(t->srv, "10.0.0.9", "10.0.1.2", 41000 + i, lsk->sk_num, 9000 * i, 0,
			      TCPHDR_SYN, NULL, 0, 0);
	ck_assert_int_eq(inet_csk(lsk)->icsk_accept_queue.qlen, 16);
}

/* SYNs from an address that never answers fill the request queue; the
 * next one gets a SYN cookie and is not queued (ListenDrops counts it,
 * as 3.10 does); after the kernel's SYN-ACK lifetime (63 s) the dead
 * requests give way to new ones. */
START_TEST(test_syn_queue_prunes_dead_requests)
{
	struct tt t;
	struct sock *lsk;
	struct inet_connection_sock *icsk;
	u64 drops;

	tt_setup(&t, 27);
	lsk = tt_listen(t.srv, 7027, 0);
	icsk = inet_csk(lsk);
	tt_fill_syn_queue(&t, lsk);
	drops = t.srv->mib[LINUX_MIB_LISTENDROPS];
	tt_inject_tcp(t.srv, "10.0.0.9", "10.0.1.2", 41100, 7027, 1, 0, TCPHDR_SYN, NULL, 0, 0);
	ck_assert_int_eq(icsk->icsk_accept_queue.qlen, 16);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_LISTENDROPS], drops + 1);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_TCPREQQFULLDOCOOKIES], 1);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESSENT], 1);
	tt_run_for(&t, 30000);
	tt_inject_tcp(t.srv, "10.0.0.9", "10.0.1.2", 41101, 7027, 1, 0, TCPHDR_SYN, NULL, 0, 0);
	ck_assert_int_eq(icsk->icsk_accept_queue.qlen, 16);	/* still young */
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESSENT], 2);
	tt_run_for(&t, 34000);
	tt_inject_tcp(t.srv, "10.0.0.9", "10.0.1.2", 41102, 7027, 1, 0, TCPHDR_SYN, NULL, 0, 0);
	ck_assert_int_eq(icsk->icsk_accept_queue.qlen, 1);
	ck_assert_int_ge(FX_FIND(&t.rec, 0, "server", tcp_request_timeout), 0);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

/* With net.ipv4.tcp_syncookies = 0 a full SYN queue drops the SYN. */
START_TEST(test_syn_queue_full_no_cookies)
{
	struct tt t;
	struct sock *lsk, *cli;

	tt_setup(&t, 28);
	t.srv->tcp_hashinfo->sysctl_tcp_syncookies = 0;
	lsk = tt_listen(t.srv, 7028, 0);
	tt_fill_syn_queue(&t, lsk);
	cli = tt_connect(t.cli, "10.0.1.2", 7028);
	tt_run_for(&t, 2500);
	ck_assert_int_eq(cli->sk_state, TCP_SYN_SENT);	/* its SYN was dropped, twice */
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_TCPREQQFULLDROP], 2);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESSENT], 0);
	ck_assert_int_eq(FX_COUNT(&t.rec, "server", tcp_syn_flood_warning), 1);
	tcp_close(cli, 0);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

/*
 * While the SYN queue is full, connections still open, through SYN
 * cookies: the cookie carries the client's MSS rounded down to msstab
 * (1460 stays, 1400 becomes 1024, 536 stays, 100 becomes 64), the
 * timestamp carries window scale and SACK, and data flows.  Nothing is
 * queued for them; the flood warning is said once.
 */
START_TEST(test_syn_cookie_connects)
{
	static const u16 mss_in[] = { 0, 1400, 536, 100 }, mss_out[] = { 1460, 1024, 536, 64 };
	struct tt t;
	struct sock *lsk, *cli, *child;
	int err;

	tt_setup(&t, 29);
	lsk = tt_listen(t.srv, 7029, 0);
	tt_fill_syn_queue(&t, lsk);
	for (unsigned int k = 0; k < ARRAY_SIZE(mss_in); k++) {
		cli = tt_socket(t.cli);
		tcp_sk(cli)->rx_opt.user_mss = mss_in[k];
		{
			struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(7029),
						   .sin_addr.s_addr = fx_addr("10.0.1.2") };

			ck_assert_int_eq(tcp_v4_connect(cli, (struct sockaddr *)&sin, sizeof(sin)), 0);
		}
		tt_run_for(&t, 50);
		ck_assert_int_eq(cli->sk_state, TCP_ESTABLISHED);
		ck_assert_int_eq(inet_csk(lsk)->icsk_accept_queue.qlen, 16);
		child = inet_csk_accept(lsk, 0, &err);
		ck_assert_ptr_nonnull(child);
		ck_assert_int_eq(child->sk_state, TCP_ESTABLISHED);
		ck_assert_uint_eq(tcp_sk(child)->rx_opt.mss_clamp, mss_out[k]);
		ck_assert_uint_eq(tcp_sk(child)->rx_opt.tstamp_ok, 1);
		ck_assert_uint_eq(tcp_sk(child)->rx_opt.sack_ok, TCP_SACK_SEEN | TCP_FACK_ENABLED);
		ck_assert_uint_eq(tcp_sk(child)->rx_opt.wscale_ok, 1);
		ck_assert_uint_eq(tcp_sk(child)->rx_opt.snd_wscale, tcp_sk(cli)->rx_opt.rcv_wscale);
		ck_assert_uint_eq(tcp_sk(cli)->rx_opt.snd_wscale, tcp_sk(child)->rx_opt.rcv_wscale);
		tt_transfer(&t, cli, child, 20000, 5000, 0, NULL);
		tcp_close(cli, 0);
		tcp_close(child, 0);
		tt_run_for(&t, 100);
	}
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESSENT], 4);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESRECV], 4);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESFAILED], 0);
	ck_assert_int_eq(FX_COUNT(&t.rec, "server", tcp_syn_flood_warning), 1);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

/*
 * An ACK whose acknowledgment is no cookie of ours (forged, or of another
 * 4-tuple) makes no connection: SyncookiesFailed, and the listener
 * answers it with a RST whose sequence is the ACK's acknowledgment, as
 * 3.10's tcp_rcv_state_process does in LISTEN.  So does an ACK when no
 * cookie went out in the last 3 s.
 */
START_TEST(test_syn_cookie_forged_ack)
{
	struct tt t;
	struct sock *lsk;
	static struct tt_cap cap;
	struct sim_tap tap = { .frame = tt_cap_frame, .arg = &cap };
	const u8 *th;
	int i;

	memset(&cap, 0, sizeof(cap));
	tt_setup(&t, 30);
	/* Both ends of the WAN: what the server sends is TX at one of them. */
	ck_assert_int_eq(sim_port_add_tap(t.w.link[SIM_WAN]->end[0], &tap), 0);
	ck_assert_int_eq(sim_port_add_tap(t.w.link[SIM_WAN]->end[1], &tap), 0);
	lsk = tt_listen(t.srv, 7030, 0);
	tt_inject_tcp(t.srv, "10.0.0.9", "10.0.1.2", 42000, 7030, 5000, 777777, TCPHDR_ACK, NULL,
		      0, 0);
	tt_run_for(&t, 10);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESFAILED], 1);
	ck_assert_int_ge(FX_FIND(&t.rec, 0, "server", tcp_syncookie_reject), 0);
	tt_fill_syn_queue(&t, lsk);
	tt_inject_tcp(t.srv, "10.0.0.9", "10.0.1.2", 42001, 7030, 5000, 0, TCPHDR_SYN, NULL, 0, 0);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESSENT], 1);
	cap.n = 0;
	tt_inject_tcp(t.srv, "10.0.0.9", "10.0.1.2", 42001, 7030, 5001, 123456789, TCPHDR_ACK,
		      NULL, 0, 0);
	tt_run_for(&t, 10);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESFAILED], 2);
	ck_assert_uint_eq(t.srv->mib[LINUX_MIB_SYNCOOKIESRECV], 0);
	ck_assert_uint_eq(t.srv->mib[TCP_MIB_PASSIVEOPENS], 0);
	i = tt_cap_find_tcp(&cap, 0, TCPHDR_RST);
	ck_assert_int_ge(i, 0);
	th = cap.data[i] + 14 + 20;
	ck_assert_uint_eq((u32)th[4] << 24 | (u32)th[5] << 16 | (u32)th[6] << 8 | th[7], 123456789);
	tcp_close(lsk, 0);
	tt_teardown(&t);
}
END_TEST

/* The tail loss probe, then the RTO fire, but the retransmissions are
 * dropped by our own qdisc (a local shortage, NET_XMIT_DROP): the probe's
 * drop puts the socket in CWR (tcp_enter_cwr), the RTO's retries within
 * 500 ms (TCP_RESOURCE_PROBE_INTERVAL) without a backoff, and counts one
 * retransmission tried (icsk_retransmits 1), as tcp_retransmit_timer
 * does. */
START_TEST(test_rto_local_drop_no_backoff)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	char *tc[] = { "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "1mbit",
		       "burst", "100", "limit", "100", NULL };
	struct inet_connection_sock *icsk;
	static u8 data[1448];
	unsigned long fired;
	FILE *null = fopen("/dev/null", "w");

	ck_assert_ptr_nonnull(null);
	tt_open_pair(&t, 28, 7028, 0, &cli, &lsk, &child);
	icsk = inet_csk(cli);
	t.w.link[SIM_WAN]->loss_ppm = 1000000;
	ck_assert_int_eq(tt_send(cli, data, sizeof(data)), (int)sizeof(data));
	tt_run_for(&t, 5);
	ck_assert_int_eq(tool_tc(t.cli, 13, tc, null, null), 0);
	fired = t.cli->mib[LINUX_MIB_TCPTIMEOUTS];
	/* The probe: in the RTO's place, it finds the qdisc full. */
	tt_run_for(&t, icsk->icsk_rto);
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_TCPLOSSPROBES], 0);
	ck_assert_uint_eq(icsk->icsk_ca_state, TCP_CA_CWR);
	ck_assert_uint_eq(icsk->icsk_pending, ICSK_TIME_RETRANS);
	tt_run_for(&t, icsk->icsk_rto + 5);
	ck_assert_uint_eq(t.cli->mib[LINUX_MIB_TCPTIMEOUTS], fired + 1);
	ck_assert_uint_eq(icsk->icsk_backoff, 0);
	ck_assert_uint_eq(icsk->icsk_retransmits, 1);
	ck_assert(time_before_eq(icsk->icsk_timeout,
				 sim_host_jiffies(t.cli) + TCP_RESOURCE_PROBE_INTERVAL));
	fclose(null);
	tcp_disconnect(cli, 0);
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

/*
 * The send buffer as 3.10 sizes it, with 3.10's truesize: an MSS skb
 * (mss_clamp 1460 + MAX_TCP_HEADER 160) costs SKB_TRUESIZE(1620) =
 * 1620 + 256 + 320 = 2196 bytes.  At the handshake tcp_fixup_sndbuf
 * makes room for TCP_INIT_CWND (10) of them, 21960, and the SYN-ACK,
 * freeing the SYN with nothing in flight, has tcp_new_space ask for two
 * windows of them: 2 * 10 * 2196 = 43920.  So does each ACK that frees
 * buffer with the window not full, with cwnd then (at least
 * reordering + 1, 4): a multiple of 4392, never more than the largest
 * cwnd gives.
 */
START_TEST(test_sndbuf_as_310)
{
	struct tt t;
	struct sock *cli, *lsk, *child;
	u32 max_cwnd = 0;

	tt_open_pair(&t, 21, 7021, 0, &cli, &lsk, &child);
	ck_assert_int_eq(SKB_TRUESIZE(1460 + MAX_TCP_HEADER), 2196);
	ck_assert_int_eq(cli->sk_sndbuf, 43920);
	fixture_recorder_stop(&t.rec);
	for (int chunk = 0; chunk < 8; chunk++) {
		tt_transfer(&t, cli, child, 65536, 20000, 0, NULL);
		if (tcp_sk(cli)->snd_cwnd > max_cwnd)
			max_cwnd = tcp_sk(cli)->snd_cwnd;
	}
	ck_assert_int_gt(cli->sk_sndbuf, 43920);
	ck_assert_int_eq(cli->sk_sndbuf % (2 * 2196), 0);
	ck_assert_int_le(cli->sk_sndbuf, (int)(2 * 2196 * max_cwnd));
	tt_close_pair(&t, cli, child, lsk);
}
END_TEST

Suite *
tcp_suite(void)
{
	Suite *s = suite_create("tcp");

	fixture_add_tcase(s, "core", NULL, NULL, 120, (const TTest *const []){
		test_handshake_and_options,
		test_active_close_time_wait,
		test_simultaneous_close_closing,
		test_rst_to_closed_port,
		test_sendmsg_packing,
		test_sendmsg_packing_gso,
		test_sndbuf_as_310,
		test_forced_push_and_push_one,
		test_nagle,
		test_cwnd_and_snd_wnd_tests,
		test_golden_syn,
		test_golden_data_segment,
		test_clone_refcounts,
		test_retransmit_while_cloned_copies,
		test_syn_rto_backoff,
		test_rto_cwnd_one,
		test_slow_start,
		test_loss_5_percent,
		test_deterministic,
		test_small_rcvbuf_zero_window,
		test_delayed_ack,
		test_pmtu,
		test_recv_and_abort,
		test_ooo_fast_retransmit,
		test_congestion_avoidance,
		test_time_wait_blind_rst,
		test_request_blind_rst,
		test_tsval_initial_jiffies,
		test_ofo_same_seq_replaces,
		test_icmp_err_syn_sent_checks_seq,
		test_syn_to_broadcast_ignored,
		test_syn_queue_prunes_dead_requests,
		test_syn_queue_full_no_cookies,
		test_syn_cookie_connects,
		test_syn_cookie_forged_ack,
		test_rto_local_drop_no_backoff,
		NULL,
	});
	return s;
}
