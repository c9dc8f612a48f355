/*
 * tests/check_udp.c - UDP (layers/udp.c) over the whole classroom world
 * and on a fixture host: a datagram bigger than the MTU leaves as IP
 * fragments and arrives whole in the server's UDP sink; the checksum
 * against golden bytes; port unreachable; a bad checksum is dropped and
 * counted.
 */
#include "sim/console.h"
#include "sim/app.h"
#include "layers/udp.h"
#include "layers/sock.h"
#include "nic/igb.h"
#include "tests/fixture.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static struct sim_world *w;
static struct sim_console con;
static struct fixture_capture cap;

/* Frames leaving the student's NIC, as the wire sees them. */
#define MAX_TAPPED 64
static struct {
	unsigned int len;
	u8 data[1600];
} tapped[MAX_TAPPED];
static int ntapped;

static void
tap_frame(void *arg, const struct sim_port *port, enum sim_dir dir, const u8 *frame,
	  unsigned int len, ktime_t ts)
{
	(void)arg;
	(void)port;
	(void)ts;
	if (dir != SIM_DIR_TX || ntapped >= MAX_TAPPED || len > sizeof(tapped[0].data))
		return;
	memcpy(tapped[ntapped].data, frame, len);
	tapped[ntapped++].len = len;
}

static void
world_setup(void)
{
	struct sim_tap tap = { .frame = tap_frame, .arg = NULL };

	w = fixture_world_open(&con, &cap, 7);
	ntapped = 0;
	ck_assert_int_eq(sim_port_add_tap(sim_igb_port(w->host[SIM_STUDENT]->devs[0]), &tap), 0);
}

static void
world_teardown(void)
{
	fixture_world_close(w, &cap);
}

static int
run(const char *script)
{
	return fixture_console_run(&con, &cap, script);
}

START_TEST(test_udp_4000_fragments_reassembled)
{
	char hex[65], want[128];
	int frags = 0, mf = 0;
	unsigned int offsets[3] = { 0 }, total = 0;
	const struct sim_app *app;

	ck_assert_int_eq(run("socket udp; sendto 3 10.0.1.2:9001 4000; on server recv 9001"), 0);
	ck_assert_str_eq(cap.errbuf, "");
	fixture_pattern_sha256(4000, hex);
	snprintf(want, sizeof(want), "udp 9001: 1 datagram(s), 4000 bytes, sha256 %s\n", hex);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, want));
	app = sim_app_find(w->host[SIM_SERVER], IPPROTO_UDP, 9001);
	ck_assert_ptr_nonnull(app);
	ck_assert_uint_eq(app->bytes, 4000);

	/* On the wire: three IPv4 fragments of one UDP datagram, no DF. */
	for (int i = 0; i < ntapped; i++) {
		const u8 *f = tapped[i].data;
		const u8 *ip = f + 14;
		u16 frag;

		if (tapped[i].len < 34 || f[12] != 0x08 || f[13] != 0x00 || ip[9] != IPPROTO_UDP)
			continue;
		ck_assert_uint_eq(fixture_csum(ip, 20, 0), 0);
		frag = (u16)(ip[6] << 8 | ip[7]);
		ck_assert_uint_eq(frag & IP_DF, 0);
		ck_assert_int_lt(frags, 3);
		offsets[frags++] = (frag & IP_OFFSET) * 8;
		mf += !!(frag & IP_MF);
		total += (ip[2] << 8 | ip[3]) - 20;
		ck_assert_uint_le(tapped[i].len, 1514);
	}
	ck_assert_int_eq(frags, 3);
	ck_assert_int_eq(mf, 2);
	ck_assert_uint_eq(offsets[0], 0);
	ck_assert_uint_eq(offsets[1], 1480);
	ck_assert_uint_eq(offsets[2], 2960);
	ck_assert_uint_eq(total, 4008);
	ck_assert_uint_eq(w->host[SIM_SERVER]->mib[IPSTATS_MIB_REASMOKS], 1);
	ck_assert_uint_eq(w->host[SIM_SERVER]->mib[UDP_MIB_INDATAGRAMS], 1);
	ck_assert_uint_eq(w->host[SIM_STUDENT]->mib[UDP_MIB_OUTDATAGRAMS], 1);
}
END_TEST

START_TEST(test_udp_small_datagram_checksum_on_wire)
{
	const u8 *ip = NULL, *uh;
	u8 pseudo[12];
	unsigned int ulen;

	ck_assert_int_eq(run("socket udp; sendto 3 10.0.1.2:9001 hello; on server recv 9001"), 0);
	for (int i = 0; i < ntapped && !ip; i++)
		if (tapped[i].len >= 42 && tapped[i].data[23] == IPPROTO_UDP)
			ip = tapped[i].data + 14;
	ck_assert_ptr_nonnull(ip);
	uh = ip + 20;
	ulen = uh[4] << 8 | uh[5];
	ck_assert_uint_eq(ulen, 13);
	/* Golden: 10.0.0.2:32768 -> 10.0.1.2:9001 "hello" (first ephemeral port). */
	{
		static const u8 golden[13] = { 0x80, 0x00, 0x23, 0x29, 0x00, 0x0d, 0x03, 0xd5,
					       'h', 'e', 'l', 'l', 'o' };

		ck_assert_mem_eq(uh, golden, sizeof(golden));
	}
	memcpy(pseudo, ip + 12, 8);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_UDP;
	pseudo[10] = 0;
	pseudo[11] = (u8)ulen;
	{
		u8 buf[64];

		memcpy(buf, pseudo, 12);
		memcpy(buf + 12, uh, ulen);
		ck_assert_uint_eq(fixture_csum(buf, 12 + ulen, 0), 0);
	}
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "udp 9001: 1 datagram(s), 5 bytes"));
}
END_TEST

START_TEST(test_udp_port_unreachable)
{
	struct net *st = w->host[SIM_STUDENT];
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(5999) };
	int fd;

	sin.sin_addr.s_addr = htonl(0x0a000102);
	fd = sys_socket(st, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_ge(fd, 3);
	ck_assert_int_eq(sys_connect(st, fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(sys_send(st, fd, "x", 1, 0), 1);
	ck_assert_int_eq(sim_run(&w->eng, w->eng.now + NSEC_PER_SEC, 1000000), 0);
	ck_assert_uint_eq(w->host[SIM_SERVER]->mib[UDP_MIB_NOPORTS], 1);
	ck_assert_uint_eq(w->host[SIM_SERVER]->mib[ICMP_MIB_OUTDESTUNREACHS], 1);
	ck_assert_uint_eq(st->mib[ICMP_MIB_INDESTUNREACHS], 1);
	/* The connected socket learns it on its next call. */
	ck_assert_int_eq(sys_send(st, fd, "x", 1, 0), -ECONNREFUSED);
	ck_assert_int_eq(sys_close(st, fd), 0);
}
END_TEST

START_TEST(test_udp_unconnected_errors)
{
	struct net *st = w->host[SIM_STUDENT];
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = 0 };
	char big[1];
	int fd = sys_socket(st, AF_INET, SOCK_DGRAM, 0);

	ck_assert_int_ge(fd, 3);
	ck_assert_int_eq(sys_send(st, fd, "x", 1, 0), -EDESTADDRREQ);
	sin.sin_addr.s_addr = htonl(0x0a000102);
	ck_assert_int_eq(sys_sendto(st, fd, "x", 1, 0, (struct sockaddr *)&sin, sizeof(sin)),
			 -EINVAL);
	sin.sin_port = htons(9001);
	ck_assert_int_eq(sys_sendto(st, fd, big, 65508, 0, (struct sockaddr *)&sin, sizeof(sin)),
			 -EMSGSIZE);
	ck_assert_int_eq(sys_recvfrom(st, fd, big, 1, 0, NULL, NULL), -EAGAIN);
	ck_assert_int_eq(sys_close(st, fd), 0);
}
END_TEST

/* ---- on a fixture host: injected datagrams ------------------------- */

static struct fixture fx;

static void
fx_setup(void)
{
	fixture_setup(&fx, 1);
}

static void
fx_teardown(void)
{
	fixture_teardown(&fx);
}

START_TEST(test_udp_bad_checksum_dropped)
{
	struct net *h = fx.host[0];
	struct net_device *dev = fixture_fake_dev(&fx, h, "eth0", "10.0.0.2/24");
	const u8 smac[ETH_ALEN] = { 0x02, 0, 0, 0, 9, 9 };
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(7000) };
	u8 udp[13] = { 0x80, 0x00, 0x1b, 0x58, 0x00, 0x0d, 0, 0, 'h', 'e', 'l', 'l', 'o' };
	u8 frame[128], buf[32];
	unsigned int len;
	int fd;

	fd = sys_socket(h, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_ge(fd, 3);
	ck_assert_int_eq(sys_bind(h, fd, (struct sockaddr *)&sin, sizeof(sin)), 0);

	/* A wrong checksum: dropped, counted, nothing to read. */
	udp[6] = 0x12;
	udp[7] = 0x34;
	len = fixture_build_ip(frame, dev->dev_addr, smac, "10.0.0.9", "10.0.0.2", IPPROTO_UDP,
			       udp, sizeof(udp));
	fixture_inject(dev, frame, len);
	fixture_run(&fx);
	ck_assert_uint_eq(h->mib[UDP_MIB_CSUMERRORS], 1);
	ck_assert_uint_eq(h->mib[UDP_MIB_INERRORS], 1);
	ck_assert_int_eq(sys_recvfrom(h, fd, buf, sizeof(buf), 0, NULL, NULL), -EAGAIN);

	/* The right one is delivered. */
	sim_udp_set_csum((struct udphdr *)udp, fx_addr("10.0.0.9"), fx_addr("10.0.0.2"),
			 sizeof(udp));
	len = fixture_build_ip(frame, dev->dev_addr, smac, "10.0.0.9", "10.0.0.2", IPPROTO_UDP,
			       udp, sizeof(udp));
	fixture_inject(dev, frame, len);
	fixture_run(&fx);
	{
		struct sockaddr_in from;
		int flen = sizeof(from);

		ck_assert_int_eq(sys_recvfrom(h, fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
					      &flen), 5);
		ck_assert_mem_eq(buf, "hello", 5);
		ck_assert_uint_eq(from.sin_addr.s_addr, fx_addr("10.0.0.9"));
		ck_assert_uint_eq(ntohs(from.sin_port), 32768);
	}
	ck_assert_uint_eq(h->mib[UDP_MIB_INDATAGRAMS], 1);

	/* A checksum of 0 means "none" and is accepted; a short length is not. */
	udp[6] = udp[7] = 0;
	len = fixture_build_ip(frame, dev->dev_addr, smac, "10.0.0.9", "10.0.0.2", IPPROTO_UDP,
			       udp, sizeof(udp));
	fixture_inject(dev, frame, len);
	udp[5] = 60;	/* length beyond the packet */
	len = fixture_build_ip(frame, dev->dev_addr, smac, "10.0.0.9", "10.0.0.2", IPPROTO_UDP,
			       udp, sizeof(udp));
	fixture_inject(dev, frame, len);
	fixture_run(&fx);
	ck_assert_int_eq(sys_recvfrom(h, fd, buf, sizeof(buf), 0, NULL, NULL), 5);
	ck_assert_uint_eq(h->mib[UDP_MIB_INERRORS], 2);
	ck_assert_int_eq(sys_close(h, fd), 0);
}
END_TEST

START_TEST(test_udp_bind_conflicts)
{
	struct net *h = fx.host[0];
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(7000) };
	int a, b;

	fixture_fake_dev(&fx, h, "eth0", "10.0.0.2/24");
	a = sys_socket(h, AF_INET, SOCK_DGRAM, 0);
	b = sys_socket(h, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_eq(b, a + 1);
	ck_assert_int_eq(sys_bind(h, a, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(sys_bind(h, b, (struct sockaddr *)&sin, sizeof(sin)), -EADDRINUSE);
	ck_assert_int_eq(sys_bind(h, a, (struct sockaddr *)&sin, sizeof(sin)), -EINVAL);
	sin.sin_addr.s_addr = fx_addr("10.9.9.9");
	sin.sin_port = htons(7001);
	ck_assert_int_eq(sys_bind(h, b, (struct sockaddr *)&sin, sizeof(sin)), -EADDRNOTAVAIL);
	ck_assert_int_eq(sys_close(h, a), 0);
	ck_assert_int_eq(sys_close(h, b), 0);
}
END_TEST

Suite *udp_suite(void);

Suite *
udp_suite(void)
{
	Suite *s = suite_create("udp");

	fixture_add_tcase(s, "world", world_setup, world_teardown, 30, (const TTest *const []){
		test_udp_4000_fragments_reassembled,
		test_udp_small_datagram_checksum_on_wire,
		test_udp_port_unreachable,
		test_udp_unconnected_errors,
		NULL,
	});

	fixture_add_tcase(s, "fixture", fx_setup, fx_teardown, 0, (const TTest *const []){
		test_udp_bad_checksum_dropped,
		test_udp_bind_conflicts,
		NULL,
	});
	return s;
}
