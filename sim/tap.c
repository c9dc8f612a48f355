/*
 * sim/tap.c - the TAP wire and the TAP world.  See sim/tap.h.
 *
 * No kernel counterpart in netstep; the other end is the kernel's
 * drivers/net/tun.c.  Read sim/wire.c before this file (a TAP wire is a
 * sim_link with a port that belongs to no card) and kernel/engine.c's
 * wall-clock mode after it (how the engine sleeps on the descriptor).
 *
 *   student eth0 (igb, card model) --sim_link-- tap->port <-> fd <-> kernel
 *
 * At the end of a headless script, tap_drain() lets the world run until
 * nothing is left to send (the end of this file).
 *
 * A frame the card puts on the wire crosses the link (serialisation and
 * propagation delay as on the simulated wire), reaches tap->port and is
 * queued for the writer thread (sim/tap_writer.c), which writes it to the
 * descriptor: the kernel receives it on the TAP device.
 * A frame the kernel sends out of the TAP device is read from the
 * descriptor when the engine wakes up and leaves tap->port towards the
 * card, which DMAs it into the RX ring as any other frame.  Frames read
 * together reach the card in the order read, back to back at the line
 * rate (the link's busy_until, sim/wire.c).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim/tap.h"
#include "layers/neighbour.h"
#include "layers/route.h"
#include "layers/sch_generic.h"
#include "layers/tcp.h"
#include "nic/igb.h"

/*
 * From <linux/if_tun.h> and <net/if.h>, which cannot be included here:
 * they define struct ethhdr and the IFF_* flags that netstep's own
 * layers/netdevice.h defines too.  These are the kernel's ABI: the
 * constants and struct ifreq's layout (a 16-byte name, then a 24-byte
 * union of which we use the flags and the index) never change.
 */
#define TAP_TUNSETIFF	_IOW('T', 202, int)
#define TAP_IFNAMSIZ	16
#define TAP_IFF_TAP	0x0002
#define TAP_IFF_NO_PI	0x1000

struct tap_ifreq {
	char name[TAP_IFNAMSIZ];
	union {
		short flags;
		int ifindex;
		char pad[24];
	} u;
};

/* The student's NIC in the TAP world: the same card as on the sim wire. */
static const u8 tap_student_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x02 };

int
tap_parse_addr(const char *s, __be32 *addr)
{
	struct in_addr a;

	if (!s || inet_pton(AF_INET, s, &a) != 1)
		return -EINVAL;
	*addr = a.s_addr;
	return 0;
}

int
tap_parse_cidr(const char *s, __be32 *addr, int *prefixlen)
{
	char buf[32];
	const char *slash = s ? strchr(s, '/') : NULL;
	char *end;
	long len = 32;

	if (!s || strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	if (slash) {
		buf[slash - s] = '\0';
		len = strtol(slash + 1, &end, 10);
		if (!slash[1] || *end || len < 1 || len > 32)
			return -EINVAL;
	}
	if (tap_parse_addr(buf, addr))
		return -EINVAL;
	*prefixlen = (int)len;
	return 0;
}

/* Does a network interface called @name exist in our namespace? */
static bool
tap_dev_exists(const char *name)
{
	struct tap_ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool found;

	if (s < 0)
		return false;
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.name, name, TAP_IFNAMSIZ - 1);
	found = ioctl(s, SIOCGIFINDEX, &ifr) == 0;
	close(s);
	return found;
}

/* A TAP we created is down; bring it up so the kernel uses it at once. */
static void
tap_dev_up(const char *name)
{
	struct tap_ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (s < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.name, name, TAP_IFNAMSIZ - 1);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.u.flags |= IFF_UP;
		(void)ioctl(s, SIOCSIFFLAGS, &ifr);	/* best effort */
	}
	close(s);
}

struct sim_tapdev *
tap_open(const char *name, char *err, size_t errlen, bool *perm)
{
	struct sim_tapdev *tap;
	struct tap_ifreq ifr;
	bool existed;

	*perm = false;
	if (!name || !*name || strlen(name) >= TAP_IFNAMSIZ) {
		snprintf(err, errlen, "invalid TAP device name '%s' (1 to %d characters)",
			 name ? name : "", TAP_IFNAMSIZ - 1);
		return NULL;
	}
	tap = calloc(1, sizeof(*tap));
	if (!tap) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	strcpy(tap->name, name);
	existed = tap_dev_exists(name);
	tap->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (tap->fd < 0) {
		*perm = errno == EACCES || errno == EPERM;
		snprintf(err, errlen, "cannot open /dev/net/tun: %s", strerror(errno));
		free(tap);
		return NULL;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.u.flags = TAP_IFF_TAP | TAP_IFF_NO_PI;
	strncpy(ifr.name, name, TAP_IFNAMSIZ - 1);
	if (ioctl(tap->fd, TAP_TUNSETIFF, &ifr) < 0) {
		int e = errno;

		*perm = e == EPERM || e == EACCES;
		if (e == EINVAL && existed)
			snprintf(err, errlen, "'%s' exists and is not a TAP device", name);
		else if (e == EBUSY)
			snprintf(err, errlen, "TAP device '%s' is in use by another program", name);
		else
			snprintf(err, errlen, "cannot %s TAP device '%s': %s",
				 existed ? "attach to" : "create", name, strerror(e));
		close(tap->fd);
		free(tap);
		return NULL;
	}
	tap->created = !existed;
	if (tap->created)
		tap_dev_up(name);
	return tap;
}

void
tap_close(struct sim_tapdev *tap)
{
	if (!tap)
		return;
	if (tap->writing)
		tap_writer_stop(&tap->writer);
	if (tap->fd >= 0)
		close(tap->fd);
	free(tap);
}

/* A frame reached the kernel's end of the cable: hand it to the kernel
 * (the writer thread writes it).  A stub TAP loses it. */
static void
tap_port_rx(struct sim_port *port, const u8 *frame, unsigned int len)
{
	struct sim_tapdev *tap = port->owner;

	if (!tap->writing || !tap_writer_queue(&tap->writer, frame, len)) {
		tap->stats.tx_errors++;
		return;
	}
	tap->stats.tx_frames++;
	tap->stats.tx_bytes += len;
}

/* The line has room again: look at the descriptor from the next wait on. */
static void
tap_resume(struct sim_event *ev)
{
	struct sim_tapdev *tap = container_of(ev, struct sim_tapdev, resume);

	tap->wall.fd = tap->fd;
}

/*
 * The engine woke up because the kernel wrote frames: each leaves the
 * kernel's end of the cable in the order read, and the link starts it
 * when the previous one has finished (sim/wire.c), as a NIC on the
 * kernel's side would.  A bounded burst per wake-up keeps a flood from
 * starving the events that are due.
 *
 * Once TAP_RX_BACKLOG_NS of frames wait for the line, reading stops:
 * the engine stops watching the descriptor until half of that has gone
 * out, and what the kernel writes meanwhile waits in the TAP's own
 * queue (txqueuelen frames; beyond it the kernel drops, as a sender
 * faster than its link does).  Without the bound a flood would queue
 * without limit, in memory and in virtual time.
 */
static void
tap_readable(void *arg)
{
	struct sim_tapdev *tap = arg;

	for (int i = 0; i < TAP_READ_BURST; i++) {
		ktime_t backlog = sim_link_backlog(&tap->port);
		ssize_t n;

		if (backlog > TAP_RX_BACKLOG_NS) {
			tap->stats.rx_paused++;
			tap->wall.fd = -1;
			if (!sim_event_pending(&tap->resume))
				sim_event_schedule(tap->eng, &tap->resume,
						   tap->eng->now + backlog - TAP_RX_BACKLOG_NS / 2);
			return;
		}
		n = read(tap->fd, tap->buf, sizeof(tap->buf));
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				tap->stats.rx_errors++;
			return;
		}
		if (n == 0)
			return;
		tap->stats.rx_frames++;
		tap->stats.rx_bytes += (unsigned long)n;
		sim_port_xmit(&tap->port, tap->buf, (unsigned int)n);
	}
}

/* The student's host, exactly as in sim/topology.c, plugged into @tap. */
static int
tap_world_student(struct sim_world *w, struct sim_tapdev *tap, const struct tap_config *cfg)
{
	struct net_device *dev;
	int err;

	dev = igb_probe(w->host[SIM_STUDENT], "eth0", tap_student_mac);
	if (!dev)
		return -ENOMEM;
	err = dev_open(dev);
	if (!err)
		err = host_set_addr(dev, cfg->addr, cfg->prefixlen);
	if (err)
		return err;
	sim_port_init(&tap->port, "kernel:tap", tap_port_rx, tap);
	snprintf(tap->port.name, sizeof(tap->port.name), "kernel:%s", tap->name);
	tap->link = sim_link_create(&w->eng, sim_igb_port(dev), &tap->port);
	/* The wan is the kernel's own veth in the lab: w->link[SIM_WAN] stays NULL. */
	w->link[SIM_LAN] = tap->link;
	if (!tap->link)
		return -ENOMEM;
	if (cfg->gw)
		err = sim_fib_table_insert(w->host[SIM_STUDENT], 0, 0, cfg->gw, dev, 0, 0);
	return err;
}

/* The TAP world's hosts around @tap, in virtual time. */
static int
tap_world_build(struct sim_world *w, u32 seed, struct sim_tapdev *tap,
		const struct tap_config *cfg)
{
	int err;

	sim_world_init_engine(w, seed);
	w->tap = tap;
	tap->cfg = *cfg;
	tap->eng = &w->eng;
	/*
	 * NOTE: the router and the server are the real kernel here.  Their
	 * slots hold hosts with no NIC, so code that walks every host of a
	 * world (the console) keeps working; `on router ...` reaches nothing.
	 */
	for (int i = 0; i < SIM_NHOSTS; i++) {
		w->host[i] = host_create(&w->eng, sim_host_names[i]);
		if (!w->host[i]) {
			tap_world_destroy(w, NULL);
			return -ENOMEM;
		}
	}
	err = tap_world_student(w, tap, cfg);
	/* The card's open-time work (RX refill) settles at t = 0, virtually. */
	if (!err)
		err = sim_run(&w->eng, 0, 100000);
	if (err) {
		tap_world_destroy(w, NULL);
		tap->link = NULL;
	}
	return err;
}

int
tap_world_create(struct sim_world *w, u32 seed, struct sim_tapdev *tap,
		 const struct tap_config *cfg)
{
	int err = tap_writer_start(&tap->writer, tap->fd);

	if (err)
		return err;
	tap->writing = true;	/* before the world: it may send at once */
	err = tap_world_build(w, seed, tap, cfg);
	if (err) {
		tap_writer_stop(&tap->writer);
		tap->writing = false;
		return err;
	}
	tap->wall.fd = tap->fd;
	sim_event_init(&tap->resume, "tap_resume", tap_resume);
	tap->wall.readable = tap_readable;
	tap->wall.arg = tap;
	sim_engine_set_wall(&w->eng, &tap->wall);
	return 0;
}

int
tap_world_create_scratch(struct sim_world *w, u32 seed, const struct sim_tapdev *like)
{
	struct sim_tapdev *stub = calloc(1, sizeof(*stub));
	int err;

	if (!stub)
		return -ENOMEM;
	stub->fd = -1;		/* never read, never written */
	memcpy(stub->name, like->name, sizeof(stub->name));
	err = tap_world_build(w, seed, stub, &like->cfg);
	if (err)
		free(stub);
	return err;
}

void
tap_world_destroy(struct sim_world *w, struct sim_tapdev *tap)
{
	sim_engine_set_wall(&w->eng, NULL);
	sim_world_destroy(w);	/* also destroys the links in w->link[] */
	if (tap) {
		tap->link = NULL;
		tap_close(tap);
	}
}

/* ---- drain on exit ----------------------------------------------------------- */

/*
 * KERNEL: a real machine keeps sending after a process exits (qdiscs,
 * rings, orphaned sockets finishing their FIN); netstep's world ends
 * with the script, so before it does, tap_drain() runs it until nothing
 * is left to send or to hear acknowledged, for at most a few seconds.
 */

/* What tap_left() counts, and where it says it (@out NULL: quietly). */
struct tap_left_ctx {
	FILE *out;
	const char *prefix;
	unsigned int n;
};

static void
tap_left_neigh(const struct neighbour *n, void *arg)
{
	struct tap_left_ctx *c = arg;
	char a[INET_ADDRSTRLEN];

	if (!n->arp_queue.qlen)
		return;
	c->n++;
	if (c->out)
		fprintf(c->out, "%s%u packet(s) waiting for ARP to resolve %s (%s)\n", c->prefix,
			n->arp_queue.qlen, inet_ntop(AF_INET, &n->primary_key, a, sizeof(a)),
			sim_neigh_state_name(n->nud_state));
}

static int
tap_left_tcp(struct sock *sk, void *arg)
{
	struct tap_left_ctx *c = arg;
	const struct tcp_sock *tp = tcp_sk(sk);
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];
	u32 unacked;
	bool delack;

	if (sk->sk_state == TCP_LISTEN)
		return 0;
	unacked = tp->write_seq - tp->snd_una;	/* data, and a FIN (one sequence) */
	delack = inet_csk(sk)->icsk_ack.pending & ICSK_ACK_TIMER;
	if (!unacked && !delack && sk->sk_state != TCP_SYN_SENT &&
	    sk->sk_state != TCP_SYN_RECV)
		return 0;
	c->n++;
	if (c->out) {
		inet_ntop(AF_INET, &inet_sk(sk)->inet_saddr, src, sizeof(src));
		inet_ntop(AF_INET, &sk->sk_daddr, dst, sizeof(dst));
		fprintf(c->out, "%stcp %s:%u -> %s:%u %s, %u byte(s) not acknowledged%s%s\n",
			c->prefix, src, sk->sk_num, dst, ntohs(sk->sk_dport),
			tcp_state_name[sk->sk_state], unacked,
			sk->sk_state == TCP_FIN_WAIT1 || sk->sk_state == TCP_CLOSING ||
			sk->sk_state == TCP_LAST_ACK ? " (FIN included)" : "",
			delack ? ", a delayed ACK not sent" : "");
	}
	return 0;
}

/* What the world still has to send: one line per item on @out; the count. */
static unsigned int
tap_left(struct sim_world *w, struct sim_tapdev *tap, FILE *out, const char *prefix)
{
	struct tap_left_ctx c = { .out = out, .prefix = prefix };
	unsigned int frames;

	for (int h = 0; h < SIM_NHOSTS; h++) {
		struct net *net = w->host[h];

		if (!net || !net->ndevs)
			continue;	/* the TAP world's router and server: no NIC */
		neigh_for_each(net, tap_left_neigh, &c);
		for (int i = 0; i < net->ndevs; i++) {
			struct net_device *dev = net->devs[i];
			struct igb_adapter *adapter = netdev_priv(dev);
			struct gnet_stats_basic_packed b;
			struct gnet_stats_queue st;
			unsigned int ring = 0;

			if (dev->qdisc) {
				sim_qdisc_dump_stats(dev->qdisc, &b, &st);
				if (st.qlen) {
					c.n++;
					if (out)
						fprintf(out, "%s%u packet(s) in the qdisc of %s\n",
							prefix, st.qlen, dev->name);
				}
			}
			for (int q = 0; q < adapter->num_tx_queues; q++) {
				const struct igb_ring *r = adapter->tx_ring[q];

				if (r)
					ring += (u16)(r->next_to_use - r->next_to_clean + r->count) %
						r->count;
			}
			if (ring) {
				c.n++;
				if (out)
					fprintf(out, "%s%u descriptor(s) on the TX ring of %s\n",
						prefix, ring, dev->name);
			}
		}
		sim_tcp_for_each_sock(net, tap_left_tcp, &c);
	}
	/* Frames towards netstep need not arrive: TCP's ACKs are counted above. */
	frames = sim_link_inflight(tap->link, &tap->port);
	if (frames) {
		c.n++;
		if (out)
			fprintf(out, "%s%u frame(s) on the wire to the kernel\n", prefix, frames);
	}
	return c.n;
}

int
tap_drain(struct sim_world *w, struct sim_tapdev *tap, ktime_t limit, FILE *err)
{
	struct sim_engine *eng = &w->eng;
	ktime_t start = sim_wall_now(eng), deadline = start + limit;
	char prefix[64];

	while (tap_left(w, tap, NULL, NULL)) {
		ktime_t now = sim_wall_now(eng);
		ktime_t step = now + TAP_DRAIN_STEP_NS;

		if (now >= deadline)
			break;
		if (sim_run(eng, step < deadline ? step : deadline, TAP_DRAIN_MAX_EVENTS))
			break;	/* an event storm: stop here, say what is left */
	}
	snprintf(prefix, sizeof(prefix), "netstep: abandoned after %.1f s of draining: ",
		 (double)(sim_wall_now(eng) - start) / NSEC_PER_SEC);
	return (int)tap_left(w, tap, err, prefix);
}
