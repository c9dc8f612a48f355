/*
 * tests/check_offload.c - a device's features and what the stack does
 * with them: the rules of netdev_fix_features and their messages,
 * `ethtool -k` / `ethtool -K` as ethtool prints them and refuses, TCP's
 * size goal and TSO deferral against values worked out by hand from
 * 3.10's formulas, GSO skbs cut in software into valid frames, the
 * per-MSS world with GSO or SG off, UDP's fast and slow fragmentation,
 * and the segment counters through loss and recovery.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/icmp.h"
#include "events/card.h"
#include "events/igb.h"
#include "events/ip.h"
#include "events/net.h"
#include "events/offload.h"
#include "events/tcp.h"
#include "layers/ethtool.h"
#include "layers/sch_generic.h"
#include "layers/tcp.h"
#include "nic/igb.h"
#include "sim/console.h"
#include "sim/topology.h"
#include "tools/tools.h"

/* ---- features: the rules ------------------------------------------------------------ */

static struct fixture fx;

static void fx_setup(void) { fixture_setup(&fx, 1); }
static void fx_teardown(void) { fixture_teardown(&fx); }

static netdev_tx_t
drop_xmit(struct sk_buff *skb, struct net_device *dev)
{
	(void)dev;
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops drop_ops = {
	.ndo_start_xmit = drop_xmit,
};

/* What 3.10's igb_probe offers (SG, both checksums, TSO, TSO6, RXCSUM). */
#define IGB_310_FEATURES (NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM | NETIF_F_TSO | \
			  NETIF_F_TSO6 | NETIF_F_RXCSUM)

/* A registered device whose driver offers @hw (all on), as igb_probe does. */
static struct net_device *
feature_dev(const char *name, netdev_features_t hw)
{
	struct net_device *dev = alloc_etherdev_mq(fx.host[0], name, 1, 0);

	ck_assert_ptr_nonnull(dev);
	dev->netdev_ops = &drop_ops;
	dev->features = hw;
	dev->hw_features = hw;
	ck_assert_int_eq(register_netdev(dev), 0);
	return dev;
}

/* Ask for @f on or off and apply the rules; the resulting features. */
static netdev_features_t
want(struct net_device *dev, netdev_features_t f, bool on)
{
	if (on)
		dev->wanted_features |= f;
	else
		dev->wanted_features &= ~f;
	netdev_update_features(dev);
	return dev->features;
}

/* Was the message @msg noted (netdev_dbg) since the recorder's start? */
static bool
noted(const char *msg)
{
	FX_FOR_EACH(&fx.rec, i, 0, NULL, netdev_feature_dropped)
		if (!strcmp(FX_DATA(&fx.rec, i, netdev_feature_dropped)->msg, msg))
			return true;
	return false;
}

START_TEST(test_fix_features_rules)
{
	struct net_device *dev = feature_dev("eth7", IGB_310_FEATURES);
	netdev_features_t f;

	/* Registration adds the software features and keeps them all. */
	ck_assert((dev->features & IGB_310_FEATURES) == IGB_310_FEATURES);
	ck_assert(dev->features & NETIF_F_GSO);
	ck_assert(dev->features & NETIF_F_GRO);
	ck_assert(dev->features & NETIF_F_NOCACHE_COPY);	/* it sums */
	ck_assert(dev->hw_features & NETIF_F_GSO);

	/* No SG: no TSO of either kind, no software GSO either. */
	f = want(dev, NETIF_F_SG, false);
	ck_assert(!(f & (NETIF_F_SG | NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_GSO)));
	ck_assert(f & NETIF_F_IP_CSUM);
	ck_assert(noted("Dropping TSO features since no SG feature."));
	ck_assert(noted("Dropping NETIF_F_GSO since no SG feature."));
	/* The wish is kept: SG back, and TSO and GSO come back with it. */
	ck_assert(dev->wanted_features & NETIF_F_TSO);
	f = want(dev, NETIF_F_SG, true);
	ck_assert((f & (NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_GSO)) ==
		  (NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_GSO));

	/* No IPv4 checksum: no IPv4 TSO; TSO6 has its own checksum. */
	f = want(dev, NETIF_F_IP_CSUM, false);
	ck_assert(!(f & NETIF_F_TSO));
	ck_assert(f & NETIF_F_TSO6);
	ck_assert(noted("Dropping TSO features since no CSUM feature."));
	f = want(dev, NETIF_F_IPV6_CSUM, false);
	ck_assert(!(f & NETIF_F_TSO6));
	ck_assert(noted("Dropping TSO6 features since no CSUM feature."));
	ck_assert(f & NETIF_F_SG);	/* 3.10.108: SG needs no checksum */
	f = want(dev, NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM, true);
	ck_assert(f & NETIF_F_TSO);

	/* Generic and per-protocol checksums do not mix. */
	dev->hw_features |= NETIF_F_HW_CSUM;
	f = want(dev, NETIF_F_HW_CSUM, true);
	ck_assert(f & NETIF_F_HW_CSUM);
	ck_assert(!(f & (NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM)));
	ck_assert(noted("mixed HW and IP checksum settings."));
	ck_assert(f & NETIF_F_TSO);	/* HW_CSUM sums TSO segments too */
}
END_TEST

START_TEST(test_fix_features_gso_and_ecn)
{
	struct net_device *dev = feature_dev("eth8", NETIF_F_SG | NETIF_F_TSO_ECN);
	netdev_features_t f = dev->features;

	/* TSO_ECN without TSO means nothing: dropped silently. */
	ck_assert(!(f & NETIF_F_TSO_ECN));
	ck_assert(!noted("Dropping TSO features since no SG feature."));
	/* A device without SG: GSO goes at registration already. */
	dev = feature_dev("eth9", 0);
	ck_assert(!(dev->features & NETIF_F_GSO));
	ck_assert(dev->features & NETIF_F_GRO);
	ck_assert(dev->wanted_features & NETIF_F_GSO);
	ck_assert(noted("Dropping NETIF_F_GSO since no SG feature."));
}
END_TEST

/* ethtool on @dev's host: output, errors, status. */
static int
ethtool(const char *cmd, char *out, size_t olen, char *err, size_t elen)
{
	char buf[256], *argv[16];
	int argc = 0;
	FILE *fo = fmemopen(out, olen, "w"), *fe = fmemopen(err, elen, "w");
	int rc;

	ck_assert_ptr_nonnull(fo);
	ck_assert_ptr_nonnull(fe);
	out[0] = err[0] = '\0';
	snprintf(buf, sizeof(buf), "%s", cmd);
	for (char *t = strtok(buf, " "); t && argc < 15; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	rc = tool_ethtool(fx.host[0], argc, argv, fo, fe);
	fclose(fo);
	fclose(fe);
	return rc;
}

START_TEST(test_ethtool_on_igb_310)
{
	static char out[4096], err[512];

	feature_dev("eth7", IGB_310_FEATURES | NETIF_F_HIGHDMA);
	ck_assert_int_eq(ethtool("ethtool -k eth7", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "Features for eth7:\n"
					  "rx-checksumming: on\n"
					  "tx-checksumming: on\n"
					  "\ttx-checksum-ipv4: on\n"
					  "\ttx-checksum-ip-generic: off [fixed]\n"
					  "\ttx-checksum-ipv6: on\n"
					  "\ttx-checksum-fcoe-crc: off [fixed]\n"
					  "\ttx-checksum-sctp: off [fixed]\n"
					  "scatter-gather: on\n"
					  "\ttx-scatter-gather: on\n"
					  "\ttx-scatter-gather-fraglist: off [fixed]\n"
					  "tcp-segmentation-offload: on\n"
					  "\ttx-tcp-segmentation: on\n"
					  "\ttx-tcp-ecn-segmentation: off [fixed]\n"
					  "\ttx-tcp6-segmentation: on\n"
					  "udp-fragmentation-offload: off [fixed]\n"
					  "generic-segmentation-offload: on\n"
					  "generic-receive-offload: on\n"
					  "large-receive-offload: off [fixed]\n"));
	ck_assert_ptr_nonnull(strstr(out, "highdma: on\n"));
	ck_assert_ptr_nonnull(strstr(out, "tx-nocache-copy: on\n"));
	ck_assert_ptr_nonnull(strstr(out, "vlan-challenged: off [fixed]\n"));

	/* sg off takes TSO and GSO with it: ethtool shows what changed,
	 * and the wishes the rules refused. */
	ck_assert_int_eq(ethtool("ethtool -K eth7 sg off", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_str_eq(out, "Actual changes:\n"
			      "scatter-gather: off\n"
			      "\ttx-scatter-gather: off\n"
			      "tcp-segmentation-offload: off\n"
			      "\ttx-tcp-segmentation: off [requested on]\n"
			      "\ttx-tcp6-segmentation: off [requested on]\n"
			      "generic-segmentation-offload: off [requested on]\n");
	ck_assert_str_eq(err, "");
	/* TSO cannot come back without SG: nothing changes, status 1. */
	ck_assert_int_eq(ethtool("ethtool -K eth7 tso on", out, sizeof(out), err, sizeof(err)), 1);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "Could not change any device features\n");
	/* tx off now: TSO was off already; only the checksums change. */
	ck_assert_int_eq(ethtool("ethtool -K eth7 sg on", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_int_eq(ethtool("ethtool -K eth7 tx off", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "Actual changes:\ntx-checksumming: off\n"));
	ck_assert_ptr_nonnull(strstr(out, "\ttx-tcp-segmentation: off [requested on]\n"));
	/* A kernel name works as well as a short one. */
	ck_assert_int_eq(ethtool("ethtool -K eth7 tx-checksum-ipv4 on", out, sizeof(out), err,
				 sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "tx-tcp-segmentation: on\n"));
}
END_TEST

START_TEST(test_ethtool_refusals)
{
	static char out[4096], err[512];

	feature_dev("eth7", NETIF_F_SG);	/* a card that gathers, no more */
	ck_assert_int_eq(ethtool("ethtool -K eth7 tso on", out, sizeof(out), err, sizeof(err)), 1);
	ck_assert_str_eq(err, "Cannot change tcp-segmentation-offload\n"
			      "Could not change any device features\n");
	/* Asking for what is already so: silent, status 0. */
	ck_assert_int_eq(ethtool("ethtool -K eth7 tx off", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_str_eq(err, "Cannot change tx-checksumming\n");
	ck_assert_str_eq(out, "");
	/* sg off takes GSO with it. */
	ck_assert_int_eq(ethtool("ethtool -K eth7 sg off", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_str_eq(out, "Actual changes:\nscatter-gather: off\n\ttx-scatter-gather: off\n"
			      "generic-segmentation-offload: off [requested on]\n");
	ck_assert_int_eq(ethtool("ethtool -K eth7 gso on", out, sizeof(out), err, sizeof(err)), 1);
	ck_assert_str_eq(err, "Could not change any device features\n");
	ck_assert_int_eq(ethtool("ethtool -k eth7", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "\ngeneric-segmentation-offload: off [requested on]\n"));
	/* sg on brings GSO back; then GSO alone goes quietly. */
	ck_assert_int_eq(ethtool("ethtool -K eth7 sg on", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_str_eq(out, "Actual changes:\nscatter-gather: on\n\ttx-scatter-gather: on\n"
			      "generic-segmentation-offload: on\n");
	ck_assert_int_eq(ethtool("ethtool -K eth7 gso off", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(ethtool("ethtool -K eth7 gro off", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_int_eq(ethtool("ethtool --show-offload eth7", out, sizeof(out), err,
				 sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "\ngeneric-segmentation-offload: off\n"
					  "generic-receive-offload: off\n"));
	ck_assert_int_eq(ethtool("ethtool -K eth7", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_str_eq(out, "no features changed\n");

	/* Bad input: one line, status 2, nothing applied. */
	ck_assert_int_eq(ethtool("ethtool -K eth7 foo on", out, sizeof(out), err, sizeof(err)), 2);
	ck_assert_str_eq(err, "ethtool: unknown feature 'foo'\n");
	ck_assert_int_eq(ethtool("ethtool -K eth7 sg maybe", out, sizeof(out), err, sizeof(err)),
			 2);
	ck_assert_str_eq(err, "ethtool: bad value 'maybe' for 'sg' (on or off)\n");
	ck_assert_int_eq(ethtool("ethtool -K eth7 sg on gso", out, sizeof(out), err, sizeof(err)),
			 2);
	ck_assert_str_eq(err, "ethtool: missing on|off after 'gso'\n");
	ck_assert(fx.host[0]->devs[0]->features & NETIF_F_SG);
}
END_TEST

/* ---- TCP arithmetic: the size goal, TSO deferral ---------------------------------- */

/* A TCP socket of host 0 whose route "can GSO", its fields set by hand. */
static struct sock *
gso_sock(void)
{
	struct sock *sk = sk_alloc(fx.host[0], AF_INET, &tcp_prot);
	struct tcp_sock *tp;

	ck_assert_ptr_nonnull(sk);
	sock_init_data(NULL, sk);
	ck_assert_int_eq(sk->sk_prot->init(sk), 0);
	tp = tcp_sk(sk);
	sk->sk_gso_type = SKB_GSO_TCPV4;
	sk->sk_route_caps = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_GSO | NETIF_F_GSO_SOFTWARE;
	sk->sk_gso_max_size = GSO_MAX_SIZE;
	sk->sk_gso_max_segs = GSO_MAX_SEGS;
	tp->tcp_header_len = 32;	/* timestamps */
	tp->mss_cache = 1448;
	return sk;
}

static void
put_sock(struct sock *sk)
{
	__skb_queue_purge(&sk->sk_write_queue);
	sk->sk_send_head = NULL;
	sk->sk_wmem_queued = 0;
	tcp_close(sk, 0);
}

START_TEST(test_size_goal_arithmetic)
{
	struct sock *sk = gso_sock();
	struct tcp_sock *tp = tcp_sk(sk);

	/*
	 * 3.10.108: goal = max(pacing_rate / 2000, 2 x MSS), at most
	 * gso_max_size - 1 - (20 + 32) = 65483, at most half the largest
	 * window, in whole MSS (at most gso_max_segs), at least one MSS.
	 */
	/* Unlimited pacing (~0U), max_window 14480: half is 7240 = 5 MSS. */
	tp->max_window = 14480;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 7240);
	ck_assert_uint_eq(tp->xmit_size_goal_segs, 5);
	/* A large window: 65483 / 1448 = 45 MSS = 65160. */
	tp->max_window = 1000000;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 65160);
	/* 10 MB/s: 5000 bytes a ms -> 3 MSS = 4344. */
	sk->sk_pacing_rate = 10000000;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 4344);
	/* 11 MB/s: 5500 still holds the old goal (4344 + 1448 > 5500):
	 * kept without a divide, 3 segments. */
	sk->sk_pacing_rate = 11000000;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 4344);
	ck_assert_uint_eq(tp->xmit_size_goal_segs, 3);
	/* 12 MB/s: 6000 fits 4 MSS. */
	sk->sk_pacing_rate = 12000000;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 5792);
	/* 1 MB/s: 500 bytes a ms, raised to tcp_min_tso_segs (2) MSS. */
	sk->sk_pacing_rate = 1000000;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 2896);
	/* A tiny window (under 512: all of it): less than one MSS, so one MSS. */
	sk->sk_pacing_rate = ~0U;
	tp->max_window = 400;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 1448);
	/* The device takes at most 2 segments a GSO packet. */
	tp->max_window = 1000000;
	sk->sk_gso_max_segs = 2;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 2896);
	/* Urgent data (large not allowed), or a route that cannot GSO. */
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 0), 1448);
	sk->sk_route_caps = NETIF_F_SG;
	ck_assert_uint_eq(tcp_xmit_size_goal(sk, 1448, 1), 1448);
	put_sock(sk);
}
END_TEST

/* An unsent skb of @len bytes at @seq on @sk's write queue, @segs segments. */
static struct sk_buff *
queued(struct sock *sk, u32 seq, unsigned int len, unsigned int segs)
{
	struct sk_buff *skb = sk_stream_alloc_skb(sk, len);

	ck_assert_ptr_nonnull(skb);
	skb_put(skb, len);
	TCP_SKB_CB(skb)->seq = seq;
	TCP_SKB_CB(skb)->end_seq = seq + len;
	TCP_SKB_CB(skb)->tcp_flags = TCPHDR_ACK;
	skb_shinfo(skb)->gso_segs = segs;
	skb_shinfo(skb)->gso_size = 1448;
	__skb_queue_tail(&sk->sk_write_queue, skb);
	if (!sk->sk_send_head)
		sk->sk_send_head = skb;
	return skb;
}

/* The last decision tcp_tso_should_defer noted. */
static const char *
decision(void)
{
	const char *d = "";

	FX_FOR_EACH(&fx.rec, i, 0, NULL, tcp_tso_defer)
		d = FX_DATA(&fx.rec, i, tcp_tso_defer)->decision;
	return d;
}

START_TEST(test_tso_should_defer_arithmetic)
{
	struct sock *sk = gso_sock();
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	/* jiffies 10, so that "two ticks ago" can be said */
	ck_assert_int_eq(sim_run(&fx.eng, fx.eng.now + 10 * NSEC_PER_MSEC, 1000), 0);
	tp->snd_una = 1000;
	tp->snd_wnd = 14480;
	tp->snd_cwnd = 10;
	tp->xmit_size_goal_segs = 5;		/* a full GSO skb: 7240 */
	skb = queued(sk, 1000, 5000, 4);

	/* Nothing in flight: limit = min(14480, 10 x 1448) >= 7240: go. */
	ck_assert(!tcp_tso_should_defer(sk, skb));
	ck_assert_str_eq(decision(), "full_size_fits");
	/* 8 in flight: cwnd leaves 2 x 1448 = 2896 < 7240; the skb is the
	 * tail and may grow; chunk = min(14480, 10 x 1448) / 3 = 4826 > 2896:
	 * defer, and remember when. */
	tp->packets_out = 8;
	ck_assert(tcp_tso_should_defer(sk, skb));
	ck_assert_str_eq(decision(), "defer");
	ck_assert_uint_eq(tp->tso_deferred & 1, 1);
	/* 6 in flight: 4 x 1448 = 5792 >= 4826: a third of the window is
	 * worth sending now. */
	tp->packets_out = 6;
	ck_assert(!tcp_tso_should_defer(sk, skb));
	ck_assert_str_eq(decision(), "window_fraction");
	ck_assert_uint_eq(tp->tso_deferred, 0);
	/* The peer's window is the limit: 5 x 1448 - 3000 sent ... */
	tp->packets_out = 8;
	ck_assert(tcp_tso_should_defer(sk, skb));
	/* ... deferred more than two ticks ago: no longer. */
	tp->tso_deferred = 1 | ((u32)(sim_host_jiffies(fx.host[0]) - 3) << 1);
	ck_assert(!tcp_tso_should_defer(sk, skb));
	ck_assert_str_eq(decision(), "deferred_2_ticks");
	/* An skb in the middle will not grow: if all of it may go (2896 >=
	 * 2000), it goes. */
	queued(sk, 3000, 100, 1);
	skb_trim(skb, 2000);
	TCP_SKB_CB(skb)->end_seq = 3000;
	ck_assert(!tcp_tso_should_defer(sk, skb));
	ck_assert_str_eq(decision(), "middle_fits");
	/* Not in the Open state (recovery), or a FIN: never deferred. */
	inet_csk(sk)->icsk_ca_state = TCP_CA_Recovery;
	ck_assert(!tcp_tso_should_defer(sk, skb));
	ck_assert_str_eq(decision(), "not_open");
	inet_csk(sk)->icsk_ca_state = TCP_CA_Open;
	TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_FIN;
	ck_assert(!tcp_tso_should_defer(sk, skb));
	ck_assert_str_eq(decision(), "fin");
	put_sock(sk);
}
END_TEST

/* ---- the classroom world: TCP and UDP through software GSO ------------------------ */

static struct sim_world *w;
static struct sim_console con;
static struct fixture_capture cap;
static struct fixture_recorder rec;

static void
world_setup(void)
{
	w = fixture_world_open(&con, &cap, 3);
	fixture_recorder_open(&rec, &w->trace);
}

static void
world_teardown(void)
{
	fixture_recorder_close(&rec);
	fixture_world_close(w, &cap);
}

static void
run_ok(const char *script)
{
	ck_assert_msg(fixture_console_run(&con, &cap, script) == 0, "%s: %s%s", script,
		      cap.outbuf, cap.errbuf);
}

/* What the student sent: tcp_transmit_skb calls with data, the data skbs
 * its driver got, the data frames its card put on the wire. */
struct tx_count {
	int transmits;		/* tcp_transmit_skb with payload */
	int gso_skbs;		/* ... standing for more than one segment */
	int skbs;		/* data skbs given to igb */
	int frames;		/* data frames on the wire */
	unsigned int max_frame;	/* the longest frame on the wire */
};

static struct tx_count
count_tx(void)
{
	struct tx_count c = { 0, 0, 0, 0, 0 };

	FX_FOR_EACH(&rec, i, 0, "student", tcp_transmit_skb) {
		const tp_data_tcp_transmit_skb *e = FX_DATA(&rec, i, tcp_transmit_skb);

		if (e->end_seq - e->seq > 1) {
			c.transmits++;
			c.gso_skbs += e->segs > 1;
		}
	}
	FX_FOR_EACH(&rec, i, 0, "student", igb_xmit_frame_ring)
		c.skbs += FX_DATA(&rec, i, igb_xmit_frame_ring)->len > 100;
	FX_FOR_EACH(&rec, i, 0, "student", card_tx_wire) {
		u32 len = FX_DATA(&rec, i, card_tx_wire)->wire_len;

		if (len > 100)
			c.frames++;
		if (len > c.max_frame)
			c.max_frame = len;
	}
	return c;
}

#define SEND_30000 "socket tcp; connect 10.0.1.2:9000; send 3 30000; close 3; sleep 1; " \
		   "on server recv 9000"
/* A connection that delivered the 30000 bytes of the pattern, as `recv`
 * prints it. */
#define GOT_30000 "30000 bytes (closed), sha256 " \
		  "88eb1744b78ff775e32e90ae626b4017a2a0c49c84a1a08ff2275d0291658c8f"

/* How many times @needle is in @hay. */
static int
count_str(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/*
 * The default (TSO on): GSO skbs go down whole and the card cuts them.
 * Then the counters of 3.10: OutSegs and the qdisc count segments, and
 * so do igb's ring statistics (gso_segs) and byte counts (bytecount: a
 * segment's headers counted in each).
 */
START_TEST(test_send_30000_tso)
{
	struct net_device *dev = w->host[SIM_STUDENT]->devs[0];
	struct igb_adapter *adapter = netdev_priv(dev);
	struct tx_count c;
	int cut = 0, tso_skbs = 0, wire_frames = 0;

	run_ok(SEND_30000);
	ck_assert_int_eq(count_str(cap.outbuf, GOT_30000), 1);
	c = count_tx();
	/* 30000 bytes are 21 segments on the wire (20 x 1448 + 1040), from
	 * far fewer tcp_transmit_skb calls, each one skb for the driver. */
	ck_assert_int_eq(c.frames, 21);
	ck_assert_int_lt(c.transmits, c.frames);
	ck_assert_int_eq(c.skbs, c.transmits);
	ck_assert_int_ge(c.gso_skbs, 1);
	ck_assert_uint_le(c.max_frame, ETH_FRAME_LEN);
	ck_assert_int_ge(FX_COUNT(&rec, "student", skb_copy_to_page_nocache), 1);
	/* Nothing cut in software: igb_tso hands every GSO skb to the card,
	 * which cuts as many frames as the skbs had segments. */
	ck_assert_int_eq(FX_COUNT(&rec, "student", dev_gso_segment), 0);
	ck_assert_int_eq(FX_COUNT(&rec, "student", tcp_tso_segment), 0);
	FX_FOR_EACH(&rec, i, 0, "student", igb_tso) {
		const tp_data_igb_tso *e = FX_DATA(&rec, i, igb_tso);

		if (e->gso_segs > 1) {
			tso_skbs++;
			cut += e->gso_segs;
		}
	}
	ck_assert_int_eq(tso_skbs, c.gso_skbs);
	ck_assert_int_eq(FX_COUNT(&rec, "student", sim_82576_tso_frame), cut);
	ck_assert_int_eq(FX_COUNT(&rec, "student", ip_fragment), 0);
	/* OutSegs counts segments, not calls, the SYN among them (no loss
	 * here: every call sent something new or a bare ACK). */
	{
		u64 segs = 0;

		FX_FOR_EACH(&rec, i, 0, "student", tcp_transmit_skb)
			segs += FX_DATA(&rec, i, tcp_transmit_skb)->segs;
		ck_assert_uint_eq(w->host[SIM_STUDENT]->mib[TCP_MIB_OUTSEGS], segs);
		ck_assert_uint_gt(segs, (u64)FX_COUNT(&rec, "student", tcp_transmit_skb));
	}
	/* The qdisc (bstats_update, qdisc_pkt_len), igb's ring and the card
	 * count the same packets: the frames on the wire.  igb's bytes are
	 * qdisc_pkt_len's, the wire's (headers and all) but for the card's
	 * padding of short frames. */
	{
		u64 packets = 0, bytes = 0, done = 0, ring_packets = 0, ring_bytes = 0;
		u64 done_data = 0, wire_data = 0;

		for (unsigned int q = 0; q < dev->num_tx_queues; q++) {
			packets += netdev_get_tx_queue(dev, q)->qdisc->bstats.packets;
			bytes += netdev_get_tx_queue(dev, q)->qdisc->bstats.bytes;
		}
		for (int q = 0; q < adapter->num_tx_queues; q++) {
			ring_packets += adapter->tx_ring[q]->tx_stats.packets;
			ring_bytes += adapter->tx_ring[q]->tx_stats.bytes;
		}
		FX_FOR_EACH(&rec, i, 0, "student", igb_tx_done) {
			u32 len = FX_DATA(&rec, i, igb_tx_done)->len;

			done += len;
			done_data += len > 100 ? len : 0;
		}
		FX_FOR_EACH(&rec, i, 0, "student", card_tx_wire) {
			u32 len = FX_DATA(&rec, i, card_tx_wire)->wire_len;

			wire_data += len > 100 ? len : 0;
			wire_frames++;
		}
		ck_assert_uint_eq(packets, wire_frames);
		ck_assert_uint_eq(ring_packets, packets);
		ck_assert_uint_eq(bytes, done);
		ck_assert_uint_eq(ring_bytes, bytes);
		ck_assert_uint_eq(done_data, wire_data);
	}
}
END_TEST

/*
 * `tso off`: the same GSO skbs, cut in software (dev_gso_segment ->
 * tcp_tso_segment); the card only inserts each segment's TCP checksum.
 */
START_TEST(test_send_30000_tso_off)
{
	struct tx_count c;

	run_ok("ethtool -K eth0 tso off; " SEND_30000);
	ck_assert_int_eq(count_str(cap.outbuf, GOT_30000), 1);
	c = count_tx();
	ck_assert_int_eq(c.frames, 21);
	ck_assert_int_lt(c.transmits, c.frames);
	ck_assert_int_ge(c.gso_skbs, 1);
	ck_assert_int_eq(c.skbs, c.frames);	/* the driver gets the segments */
	ck_assert_uint_le(c.max_frame, ETH_FRAME_LEN);
	ck_assert_int_ge(FX_COUNT(&rec, "student", dev_gso_segment), c.gso_skbs);
	ck_assert_int_eq(FX_COUNT(&rec, "student", tcp_tso_segment),
			 FX_COUNT(&rec, "student", inet_gso_segment));
	ck_assert_int_eq(FX_COUNT(&rec, "student", sim_82576_tso_frame), 0);
	FX_FOR_EACH(&rec, i, 0, "student", igb_tso)
		ck_assert_uint_le(FX_DATA(&rec, i, igb_tso)->gso_segs, 1);
	/* every data segment's TCP checksum by the card (TXSM) */
	ck_assert_int_ge(FX_COUNT(&rec, "student", sim_82576_tx_csum), 21);
}
END_TEST

/*
 * netstep's igb offers what its card does: 3.10's igb_probe features
 * less the IPv6 ones (no IPv6 here) and the receive ones (RXCSUM,
 * RXHASH: the card does not check or hash received frames), all on.
 * `tx off` takes TSO with it, as in the kernel (no checksum, no TSO).
 */
START_TEST(test_ethtool_on_netstep_igb)
{
	struct net_device *dev = w->host[SIM_STUDENT]->devs[0];

	ck_assert_uint_eq(dev->hw_features & ~NETIF_F_SOFT_FEATURES & ~NETIF_F_NOCACHE_COPY,
			  NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_TSO);
	run_ok("ethtool -k eth0");
	/* what differs from 3.10's igb (test_ethtool_on_igb_310), and TSO */
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "Features for eth0:\n"
					     "rx-checksumming: off [fixed]\n"
					     "tx-checksumming: on\n"
					     "\ttx-checksum-ipv4: on\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "\ttx-checksum-ipv6: off [fixed]\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "tcp-segmentation-offload: on\n"
					     "\ttx-tcp-segmentation: on\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "\ttx-tcp6-segmentation: off [fixed]\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "\nscatter-gather: on\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "\ngeneric-segmentation-offload: on\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "receive-hashing: off [fixed]\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "highdma: on [fixed]\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "tx-nocache-copy: on\n"));
	run_ok("ethtool -K eth0 tx off");
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "Actual changes:\n"
					     "tx-checksumming: off\n"
					     "\ttx-checksum-ipv4: off\n"
					     "tcp-segmentation-offload: off\n"
					     "\ttx-tcp-segmentation: off [requested on]\n"));
	ck_assert(!(dev->features & (NETIF_F_IP_CSUM | NETIF_F_TSO)));
	run_ok("ethtool -K eth0 tx on");
	ck_assert(dev->features & NETIF_F_TSO);
}
END_TEST

/* The world before GSO: one skb per MSS, one transmit per frame. */
START_TEST(test_send_30000_per_mss)
{
	static const char *const off[] = { "ethtool -K eth0 tso off gso off; ",
					   "ethtool -K eth0 sg off; " };

	for (size_t k = 0; k < ARRAY_SIZE(off); k++) {
		char script[256];
		struct tx_count c;

		fixture_recorder_forget(&rec);
		snprintf(script, sizeof(script), "%s%s", off[k], SEND_30000);
		run_ok(script);
		/* recv lists every connection so far: 1, then 1 + 2 lines */
		ck_assert_int_eq(count_str(cap.outbuf, GOT_30000), (int)((k + 1) * (k + 2) / 2));
		c = count_tx();
		ck_assert_int_eq(c.frames, 21);
		ck_assert_int_eq(c.transmits, 21);
		ck_assert_int_eq(c.skbs, 21);
		ck_assert_int_eq(c.gso_skbs, 0);
		ck_assert_int_eq(FX_COUNT(&rec, "student", dev_gso_segment), 0);
		ck_assert_int_eq(FX_COUNT(&rec, "student", sim_82576_tso_frame), 0);
		ck_assert_int_eq(FX_COUNT(&rec, "student", skb_copy_to_page_nocache), 0);
		run_ok("ethtool -K eth0 sg on tso on gso on");
	}
}
END_TEST

/* Is every sent skb of @sk counted, segment by segment, in packets_out? */
static void
assert_pcount(struct sock *sk)
{
	struct sk_buff *skb;
	u32 segs = 0;

	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(sk))
			break;
		segs += tcp_skb_pcount(skb);
	}
	ck_assert_uint_eq(segs, tcp_sk(sk)->packets_out);
	ck_assert_uint_le(tcp_sk(sk)->retrans_out, tcp_sk(sk)->packets_out);
	ck_assert_uint_le(tcp_sk(sk)->lost_out, tcp_sk(sk)->packets_out);
}

START_TEST(test_loss_recovery_counts_segments)
{
	struct net *st = w->host[SIM_STUDENT];
	struct socket *sock;
	int e;

	run_ok("socket tcp; connect 10.0.1.2:9000; sim link wan loss 5");
	sock = sockfd_lookup(st, 3, &e);
	ck_assert_ptr_nonnull(sock);
	ck_assert_int_eq(fixture_console_run(&con, &cap, "send 3 300000"), 0);
	/* Through the loss, step by step: the counters count segments. */
	for (int k = 0; k < 4000 && tcp_sk(sock->sk)->snd_una != tcp_sk(sock->sk)->write_seq; k++) {
		ck_assert_int_eq(sim_run(&w->eng, w->eng.now + NSEC_PER_MSEC, CONSOLE_MAX_EVENTS), 0);
		assert_pcount(sock->sk);
	}
	ck_assert_uint_eq(tcp_sk(sock->sk)->packets_out, 0);
	ck_assert_uint_eq(tcp_sk(sock->sk)->lost_out, 0);
	ck_assert_uint_eq(tcp_sk(sock->sk)->retrans_out, 0);
	/* GSO skbs were cut for a lost head and trimmed by partial ACKs. */
	ck_assert_int_ge(FX_COUNT(&rec, "student", tcp_tso_acked), 1);
	ck_assert_int_ge(FX_COUNT(&rec, "student", tcp_retransmit_skb), 1);
	run_ok("sim link wan loss 0; close 3; sleep 1; on server recv 9000");
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "300000 bytes, sha256 "
				     "3c65ea93424a9c362fec0e3a69ea36031e8a358441479dd665cc6110eabe7b08"));
}
END_TEST

/* The ip_frag_path notes on @host: how many took @path. */
static int
frag_paths(const char *host, const char *path, const char *why)
{
	int n = 0;

	FX_FOR_EACH(&rec, i, 0, host, ip_frag_path) {
		const tp_data_ip_frag_path *e = FX_DATA(&rec, i, ip_frag_path);

		n += !strcmp(e->path, path) && (!why || !strcmp(e->why, why));
	}
	return n;
}

START_TEST(test_udp_fragment_paths)
{
	struct net *st = w->host[SIM_STUDENT];
	struct socket *sock;
	int e;

	/* A 4000-byte datagram from a socket: queued as 3 pieces, cut by
	 * the fast path; the router forwards the fragments as they are. */
	run_ok("socket udp; sendto 3 10.0.1.2:9001 4000; sleep 1; on server recv 9001");
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "udp 9001: 1 datagram(s), 4000 bytes"));
	ck_assert_int_eq(frag_paths("student", "fast", NULL), 1);
	ck_assert_int_eq(frag_paths("student", "slow", NULL), 0);
	{
		int i = FX_FIND(&rec, 0, "student", __ip_make_skb);

		ck_assert_int_ge(i, 0);
		ck_assert_uint_eq(FX_DATA(&rec, i, __ip_make_skb)->pieces, 3);
		ck_assert_uint_eq(FX_DATA(&rec, i, __ip_make_skb)->len, 4028);
	}
	/* A smaller MTU behind the router: its fragments are cut again,
	 * copying (no frag_list there: the slow path). */
	fixture_recorder_forget(&rec);
	run_ok("sim mtu wan 1000; sendto 3 10.0.1.2:9001 4000; sleep 1; on server recv 9001");
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "udp 9001: 2 datagram(s), 8000 bytes"));
	ck_assert_int_ge(frag_paths("router", "slow", "no_frag_list"), 2);
	/* "do": too big to send unfragmented is built all the same (3.10
	 * refuses only what no IP packet holds at __ip_append_data);
	 * ip_fragment refuses it (EMSGSIZE) and reports it with an ICMP
	 * error to our own address, made by ICMP's socket and sent
	 * through lo. */
	sock = sockfd_lookup(st, 3, &e);
	ck_assert_ptr_nonnull(sock);
	inet_sk(sock->sk)->pmtudisc = IP_PMTUDISC_DO;
	fixture_recorder_forget(&rec);
	{
		struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9001),
					   .sin_addr.s_addr = fx_addr("10.0.1.2") };
		static char big[2000];

		ck_assert_int_eq(sys_sendto(st, 3, big, sizeof(big), 0, (struct sockaddr *)&sin,
					    sizeof(sin)), -EMSGSIZE);
		ck_assert_int_eq(sys_sendto(st, 3, big, 900, 0, (struct sockaddr *)&sin,
					    sizeof(sin)), 900);
	}
	ck_assert_int_eq(FX_COUNT(&rec, "student", ip_make_skb), 2);
	ck_assert_int_eq(FX_COUNT(&rec, "student", ip_fragment), 1);
	ck_assert_int_eq(FX_COUNT(&rec, "student", icmp_push_reply), 1);
	ck_assert_int_eq(FX_COUNT(&rec, "student", loopback_xmit), 1);
	ck_assert_int_eq(FX_COUNT(&rec, "student", __ip_make_skb), 3);
}
END_TEST

/* ip_fragment's output in the fallback test: check and count. */
static int frag_out_n;
static unsigned int frag_out_bytes;

static int
frag_out(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);

	ck_assert_uint_eq(ntohs(iph->tot_len), skb->len);
	ck_assert_uint_eq(ip_fast_csum(iph, iph->ihl), 0);
	ck_assert_uint_le(skb->len, 1000);
	frag_out_n++;
	frag_out_bytes += skb->len - iph->ihl * 4;
	kfree_skb(skb);
	return 0;
}

/* A datagram to 10.0.0.9 of @first payload bytes in the first skb and
 * members of @m1 and @m2 bytes on its frag_list, routed via fake eth0
 * with MTU 1000; returns it. */
static struct sk_buff *
fraglist_datagram(struct net_device *dev, unsigned int first, unsigned int m1,
		  unsigned int m2)
{
	const unsigned int len[2] = { m1, m2 };
	struct sk_buff *skb = alloc_skb(fx.host[0], 64 + 20 + first), **tail;
	struct flowi4 fl4 = { .daddr = fx_addr("10.0.0.9"), .flowi4_proto = IPPROTO_UDP };
	struct rtable *rt = ip_route_output_key(fx.host[0], &fl4);
	struct iphdr *iph;

	ck_assert(!IS_ERR(rt));
	ck_assert_ptr_eq(rt->dst.dev, dev);
	skb_reserve(skb, 64);
	iph = (struct iphdr *)skb_put(skb, 20 + first);
	memset(iph, 0, 20 + first);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, 20);
	tail = &skb_shinfo(skb)->frag_list;
	for (int i = 0; i < 2; i++) {
		struct sk_buff *m = alloc_skb(fx.host[0], 64 + len[i]);

		skb_reserve(m, 64);
		memset(skb_put(m, len[i]), i + 1, len[i]);
		*tail = m;
		tail = &m->next;
		skb->len += len[i];
		skb->data_len += len[i];
	}
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	iph->tot_len = htons(skb->len);
	ip_send_check(iph);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	skb_dst_set_noref(skb, &rt->dst);
	return skb;
}

START_TEST(test_ip_fragment_fallbacks)
{
	struct net_device *dev = fixture_fake_dev(&fx, fx.host[0], "eth0", "10.0.0.2/24");
	static const struct {
		unsigned int first, m1, m2;
		const char *path, *why;
	} c[] = {
		{ 976, 976, 500, "fast", "frag_list" },		/* cut for MTU 1000 */
		{ 1000, 976, 500, "slow", "first_piece" },	/* first piece too big */
		{ 976, 975, 500, "slow", "piece_geometry" },	/* not a multiple of 8 */
	};

	ck_assert_int_eq(dev_set_mtu(dev, 1000), 0);
	for (size_t k = 0; k < ARRAY_SIZE(c); k++) {
		unsigned int payload = c[k].first + c[k].m1 + c[k].m2;
		int i;

		fixture_forget(&fx);
		frag_out_n = 0;
		frag_out_bytes = 0;
		ck_assert_int_eq(ip_fragment(fraglist_datagram(dev, c[k].first, c[k].m1, c[k].m2),
					     frag_out), 0);
		i = FX_FIND(&fx.rec, 0, NULL, ip_frag_path);
		ck_assert_int_ge(i, 0);
		ck_assert_str_eq(FX_DATA(&fx.rec, i, ip_frag_path)->path, c[k].path);
		ck_assert_str_eq(FX_DATA(&fx.rec, i, ip_frag_path)->why, c[k].why);
		/* Either way the same bytes leave, in fragments that fit. */
		ck_assert_uint_eq(frag_out_bytes, payload);
		ck_assert_int_ge(frag_out_n, 3);
	}
}
END_TEST

Suite *offload_suite(void);

Suite *
offload_suite(void)
{
	Suite *s = suite_create("offload");

	fixture_add_tcase(s, "features", fx_setup, fx_teardown, 0, (const TTest *const []){
		test_fix_features_rules,
		test_fix_features_gso_and_ecn,
		test_ethtool_on_igb_310,
		test_ethtool_refusals,
		test_size_goal_arithmetic,
		test_tso_should_defer_arithmetic,
		test_ip_fragment_fallbacks,
		NULL,
	});
	fixture_add_tcase(s, "world", world_setup, world_teardown, 60, (const TTest *const []){
		test_ethtool_on_netstep_igb,
		test_send_30000_tso,
		test_send_30000_tso_off,
		test_send_30000_per_mss,
		test_loss_recovery_counts_segments,
		test_udp_fragment_paths,
		NULL,
	});
	return s;
}
