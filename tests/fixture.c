/*
 * tests/fixture.c - worlds, hosts and fake devices for the Check suites.
 * See tests/fixture.h.
 */
#include "tests/fixture.h"
#include "layers/ip.h"
#include "layers/neighbour.h"
#include "sim/console.h"
#include "sim/topology.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

struct fake_priv {
	struct fixture *fx;
};

/* The recorder's sink: the record as it is (see tests/fixture.h). */
static void
fixture_record(void *arg, const struct trace_event *ev)
{
	struct fixture_recorder *r = arg;

	if (r->nevents == FX_MAX_EVENTS) {
		r->overflow++;		/* fixture_recorder_close fails the test */
		return;
	}
	r->ev[r->nevents++] = ev->rec;
}

void
fixture_recorder_open(struct fixture_recorder *r, struct trace *tr)
{
	memset(r, 0, sizeof(*r));
	r->trace = tr;
	r->ev = malloc(FX_MAX_EVENTS * sizeof(*r->ev));
	ck_assert_ptr_nonnull(r->ev);
	ck_assert_int_eq(trace_add_sink(tr, fixture_record, r), 0);
}

void
fixture_recorder_stop(struct fixture_recorder *r)
{
	trace_remove_sink(r->trace, r);
}

void
fixture_recorder_forget(struct fixture_recorder *r)
{
	r->nevents = 0;
	r->overflow = 0;
}

void
fixture_recorder_close(struct fixture_recorder *r)
{
	unsigned long overflow = r->overflow;

	fixture_recorder_stop(r);
	free(r->ev);
	memset(r, 0, sizeof(*r));
	ck_assert_msg(!overflow, "%lu trace events did not fit the recorder (FX_MAX_EVENTS): "
		      "what the test looked for may have been among them", overflow);
}

void
fixture_setup(struct fixture *fx, int nhosts)
{
	memset(fx, 0, sizeof(*fx));
	sim_engine_init(&fx->eng, 12345);
	sim_skb_ledger_init(&fx->ledger);
	trace_init(&fx->trace, &fx->eng);
	fx->eng.ledger = &fx->ledger;
	fx->eng.trace = &fx->trace;
	fixture_recorder_open(&fx->rec, &fx->trace);
	for (int i = 0; i < nhosts; i++)
		fixture_add_host(fx);
}

struct net *
fixture_add_host(struct fixture *fx)
{
	char name[8];
	struct net *h;

	ck_assert_int_lt(fx->nhosts, FX_MAX_HOSTS);
	snprintf(name, sizeof(name), "h%d", fx->nhosts);
	h = host_create(&fx->eng, name);
	ck_assert_ptr_nonnull(h);
	fx->host[fx->nhosts++] = h;
	return h;
}

void
fixture_forget(struct fixture *fx)
{
	fixture_recorder_forget(&fx->rec);
}

void
fixture_stop_recording(struct fixture *fx)
{
	fixture_recorder_stop(&fx->rec);
}

void
fixture_teardown(struct fixture *fx)
{
	unsigned long live;

	for (int i = 0; i < fx->nhosts; i++)
		host_destroy(fx->host[i]);
	fx->nhosts = 0;
	live = sim_skb_ledger_live(&fx->ledger, stderr);
	sim_engine_destroy(&fx->eng);
	ck_assert_msg(live == 0, "%lu skb(s) leaked", live);
	fixture_recorder_close(&fx->rec);
}

static netdev_tx_t
fake_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct fake_priv *p = netdev_priv(dev);
	struct fixture *fx = p->fx;

	if (fx->nframes < FX_MAX_FRAMES && skb->len <= sizeof(fx->frames[0].data)) {
		struct fixture_frame *fr = &fx->frames[fx->nframes++];

		fr->dev = dev;
		fr->ts = dev_net(dev)->eng->now;
		fr->len = skb->len;
		ck_assert_int_eq(skb_copy_bits(skb, 0, fr->data, skb->len), 0);
	}
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops fake_netdev_ops = {
	.ndo_start_xmit = fake_xmit,
};

__be32
fx_addr(const char *dotted)
{
	struct in_addr a;

	if (inet_pton(AF_INET, dotted, &a) != 1) {
		fprintf(stderr, "fixture: bad address %s\n", dotted);
		abort();
	}
	return a.s_addr;
}

struct net_device *
fixture_fake_dev(struct fixture *fx, struct net *h, const char *name,
		 const char *cidr)
{
	struct net_device *dev = alloc_etherdev_mq(h, name, 1, sizeof(struct fake_priv));
	struct fake_priv *p;
	int hidx = 0;

	ck_assert_ptr_nonnull(dev);
	p = netdev_priv(dev);
	p->fx = fx;
	dev->netdev_ops = &fake_netdev_ops;
	ck_assert_int_eq(register_netdev(dev), 0);
	for (int i = 0; i < fx->nhosts; i++)
		if (fx->host[i] == h)
			hidx = i;
	/* The host's NICs count from 1 (ifindex 1 is lo). */
	memcpy(dev->dev_addr, (u8[]){ 0x02, 0, 0, 0, (u8)hidx, (u8)(dev->ifindex - 1) }, ETH_ALEN);
	ck_assert_int_eq(dev_open(dev), 0);
	if (cidr) {
		char buf[32];
		char *slash;

		snprintf(buf, sizeof(buf), "%s", cidr);
		slash = strchr(buf, '/');
		ck_assert_ptr_nonnull(slash);
		*slash = '\0';
		ck_assert_int_eq(host_set_addr(dev, fx_addr(buf), atoi(slash + 1)), 0);
	}
	return dev;
}

void
fixture_neigh_static(struct net *h, struct net_device *dev, const char *ip, const u8 *mac)
{
	__be32 key = fx_addr(ip);
	struct neighbour *n = __neigh_create(h->arp_tbl, &key, dev, false);

	ck_assert(n && !IS_ERR(n));
	ck_assert_int_eq(neigh_update(n, mac, NUD_PERMANENT,
				      NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN), 0);
}

void
fixture_inject(struct net_device *dev, const u8 *frame, unsigned int len)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, len + 64);

	ck_assert_ptr_nonnull(skb);
	memcpy(skb_put(skb, len), frame, len);
	if (len < ETH_HLEN) {
		/* What a driver would do with a runt: drop it. */
		kfree_skb(skb);
		return;
	}
	/* A driver counts what it receives (igb_clean_rx_irq). */
	dev->stats.rx_packets++;
	dev->stats.rx_bytes += len;
	skb->protocol = eth_type_trans(skb, dev);
	netif_receive_skb(skb);
}

struct sk_buff *
fixture_lo_frame(struct net *h)
{
	struct sk_buff *skb = alloc_skb(h, 64);
	u8 *eth;

	ck_assert_ptr_nonnull(skb);
	eth = skb_put(skb, ETH_ZLEN);
	memset(eth, 0, ETH_ZLEN);
	eth[12] = 0x88;
	eth[13] = 0xb5;			/* IEEE local experimental */
	skb->dev = h->loopback_dev;
	return skb;
}

void
fixture_run(struct fixture *fx)
{
	ck_assert_int_eq(sim_run(&fx->eng, 0, 1000000), 0);
}

/* The index records of @host carry, or -1 when none of them can (no
 * event of that host was recorded). */
static int
fixture_host_index(const struct fixture_recorder *r, const char *host)
{
	for (int i = 0; i < r->trace->nhosts; i++)
		if (!strcmp(r->trace->hosts[i]->name, host))
			return i;
	return -1;
}

int
fixture_find(const struct fixture_recorder *r, int from, const char *host,
	     const struct trace_event_desc *ev)
{
	int hidx = host ? fixture_host_index(r, host) : -1;

	if (host && hidx < 0)
		return -1;
	for (int i = from < 0 ? 0 : from; i < r->nevents; i++) {
		const struct trace_rec *rec = &r->ev[i];

		if (rec->site && rec->site->ev == ev && rec->kind != TRACE_EXIT &&
		    (!host || rec->host == hidx))
			return i;
	}
	return -1;
}

int
fixture_count(const struct fixture_recorder *r, const char *host,
	      const struct trace_event_desc *ev)
{
	int n = 0;

	for (int i = fixture_find(r, 0, host, ev); i >= 0; i = fixture_find(r, i + 1, host, ev))
		n++;
	return n;
}

const char *
fixture_host(const struct fixture_recorder *r, int i)
{
	const struct net *h = trace_rec_host(r->trace, &r->ev[i]);

	return h ? h->name : "-";
}

unsigned int
fixture_build_ip(u8 *buf, const u8 *dmac, const u8 *smac, const char *saddr,
		 const char *daddr, u8 proto, const void *payload,
		 unsigned int plen)
{
	struct ethhdr *eth = (struct ethhdr *)buf;
	struct iphdr *iph = (struct iphdr *)(buf + ETH_HLEN);

	memcpy(eth->h_dest, dmac, ETH_ALEN);
	memcpy(eth->h_source, smac, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(sizeof(*iph) + plen);
	iph->id = htons(1);
	iph->ttl = 64;
	iph->protocol = proto;
	iph->saddr = fx_addr(saddr);
	iph->daddr = fx_addr(daddr);
	iph->check = ip_fast_csum(iph, 5);
	memcpy(buf + ETH_HLEN + sizeof(*iph), payload, plen);
	return ETH_HLEN + sizeof(*iph) + plen;
}

/* ---- raw ICMP sockets, as ping uses them --------------------------------- */

int
fixture_raw_socket(struct net *h, int pmtudisc)
{
	int fd = sys_socket(h, AF_INET, SOCK_RAW, IPPROTO_ICMP), one = 1;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(sys_setsockopt(h, fd, SOL_IP, IP_RECVERR, &one, sizeof(one)), 0);
	ck_assert_int_eq(sys_setsockopt(h, fd, SOL_IP, IP_MTU_DISCOVER, &pmtudisc,
					sizeof(pmtudisc)), 0);
	return fd;
}

int
fixture_raw_send(struct net *h, int fd, const char *daddr, const void *msg, unsigned int len)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr.s_addr = fx_addr(daddr) };
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	struct msghdr m = {
		.msg_name = &to, .msg_namelen = sizeof(to), .msg_iov = &iov, .msg_iovlen = 1,
	};

	return sys_sendmsg(h, fd, &m, 0);
}

int
fixture_raw_recv_error(struct net *h, int fd, struct fixture_errq *e)
{
	struct sockaddr_in target, offender;
	struct icmphdr icmph;
	struct iovec iov = { .iov_base = &icmph, .iov_len = sizeof(icmph) };
	union {
		struct cmsghdr align;
		u8 buf[256];
	} cbuf;
	struct msghdr m = {
		.msg_name = &target, .msg_namelen = sizeof(target), .msg_iov = &iov,
		.msg_iovlen = 1, .msg_control = cbuf.buf, .msg_controllen = sizeof(cbuf.buf),
	};
	struct cmsghdr *cm;
	int rc = sys_recvmsg(h, fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT);

	if (rc < 0)
		return rc;
	ck_assert_int_eq(rc, sizeof(icmph));
	ck_assert(m.msg_flags & MSG_ERRQUEUE);
	cm = CMSG_FIRSTHDR(&m);
	ck_assert_ptr_nonnull(cm);
	ck_assert_int_eq(cm->cmsg_level, SOL_IP);
	ck_assert_int_eq(cm->cmsg_type, IP_RECVERR);
	ck_assert_uint_eq(cm->cmsg_len, CMSG_LEN(sizeof(e->ee) + sizeof(struct sockaddr_in)));
	memcpy(&e->ee, CMSG_DATA(cm), sizeof(e->ee));
	memcpy(&offender, CMSG_DATA(cm) + sizeof(e->ee), sizeof(offender));
	e->offender = offender.sin_addr.s_addr;
	e->target = target.sin_addr.s_addr;
	e->seq = ntohs(icmph.un.echo.sequence);
	return 0;
}

/* ---- captured output and the classroom world ------------------------------ */

void
fixture_capture_open(struct fixture_capture *c)
{
	memset(c, 0, sizeof(*c));
	c->out = open_memstream(&c->outbuf, &c->outlen);
	c->err = open_memstream(&c->errbuf, &c->errlen);
	ck_assert(c->out && c->err);
	fixture_capture_flush(c);	/* outbuf and errbuf point at the (empty) streams now */
}

void
fixture_capture_flush(struct fixture_capture *c)
{
	fflush(c->out);
	fflush(c->err);
}

void
fixture_capture_close(struct fixture_capture *c)
{
	if (c->out)
		fclose(c->out);
	if (c->err)
		fclose(c->err);
	free(c->outbuf);
	free(c->errbuf);
	memset(c, 0, sizeof(*c));
}

struct sim_world *
fixture_world_open(struct sim_console *con, struct fixture_capture *c, u32 seed)
{
	struct sim_world *w = malloc(sizeof(*w));

	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(sim_world_create(w, seed), 0);
	fixture_capture_open(c);
	console_init(con, w, c->out, c->err);
	return w;
}

void
fixture_world_close(struct sim_world *w, struct fixture_capture *c)
{
	unsigned long live;

	fixture_capture_close(c);
	sim_world_destroy(w);
	live = sim_skb_ledger_live(&w->ledger, stderr);
	free(w);
	ck_assert_msg(live == 0, "%lu skb(s) leaked", live);
}

int
fixture_console_run(struct sim_console *con, struct fixture_capture *c, const char *script)
{
	int rc = console_run_script(con, script);

	fixture_capture_flush(c);
	return rc;
}

/* See tests/fixture.h. */
const struct fixture_script fixture_reference_scripts[] = {
	/* ping through the router */
	{ "ping -c 2 10.0.1.2", 0 },
	/* a TCP send with loss */
	{ "socket tcp; connect 10.0.1.2:9000; sim link wan loss 5; send 3 200000; ss -tin; "
	  "sim link wan loss 0; close 3; on server recv 9000", 0 },
	/* UDP with fragments, and a full ring */
	{ "ethtool -G eth0 tx 80; ping -c 1 10.0.1.2; socket udp; sendto 3 10.0.1.2:9001 60000; "
	  "sendto 3 10.0.1.2:9001 60000; on server recv 9001", 0 },
	/* an ARP that fails */
	{ "ping -c 1 -W 4 10.0.0.99", 1 },
};
const size_t fixture_nreference_scripts = ARRAY_SIZE(fixture_reference_scripts);

/* ---- suites ----------------------------------------------------------------- */

void
fixture_add_tcase(Suite *s, const char *name, SFun setup, SFun teardown, int timeout,
		  const TTest *const tests[])
{
	TCase *tc = tcase_create(name);

	if (setup || teardown)
		tcase_add_checked_fixture(tc, setup, teardown);
	if (timeout)
		tcase_set_timeout(tc, timeout);
	for (int i = 0; tests[i]; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
}

/* ---- checksums -------------------------------------------------------------- */

u16
fixture_csum(const void *data, size_t len, u32 sum)
{
	const u8 *p = data;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (u32)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

void
fixture_sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0;

	ck_assert(EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL));
	ck_assert_uint_eq(mdlen, sizeof(md));
	for (unsigned int i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

void
fixture_pattern_sha256(size_t n, char hex[65])
{
	u8 *buf = malloc(n ? n : 1);

	ck_assert_ptr_nonnull(buf);
	for (size_t i = 0; i < n; i++)
		buf[i] = (u8)(i % 251);
	fixture_sha256_hex(buf, n, hex);
	free(buf);
}
