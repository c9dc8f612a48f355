/*
 * sim/packetdrill_run.c - the runner: a world of its own, the script's
 * clock, and one line after the other.
 *
 * No kernel counterpart.  The runner is an engine event (r->ev) that
 * looks at the line in hand and either does it (injects a `<` packet,
 * starts a system call, runs a `command`, evaluates a %{ }% block) once
 * the virtual clock reaches its time, or waits: for the time, for a `>`
 * packet from the tap, for a call that sleeps.  Whatever it waits for
 * wakes it (pd_run_kick) at the current time, never from inside the
 * stack's own call chain.  So the world advances one engine event at a
 * time, headless or under a UI, and every kernel function a line makes
 * run shows in the trace between the runner's events.
 *
 * Times, as packetdrill keeps them: an absolute time counts from the
 * script's 0 (the moment the runner starts); a relative one from when
 * the previous line finished (a `>` when its packet was sniffed, a call
 * when it returned, or started if it is a `...` call the script does
 * not wait for).  `>` packets must come within --tolerance_usecs of
 * their time (or range); a `>` that has not come 2 s after it is late
 * fails with "Timed out waiting for packet".  A call written
 * `T...END call()` may sleep while the lines after it run, and must
 * return within the tolerance of END (relative to the same base as T);
 * only one such call at a time, and the script waits up to 1 s for it
 * before a new call or at its end.  Any other call that sleeps holds the
 * script until it returns.
 *
 * The tap: the runner opens a packet socket on eth0 (sim/af_packet.h)
 * and keeps a copy of each IPv4/TCP packet from --local_ip to
 * --remote_ip the host sends: what tcpdump on the host would see, after
 * software GSO, at the moment dev_queue_xmit_nit hands it over.  So a
 * script's TSO-sized `>` is met by the segments the card was given, as
 * on packetdrill's tun device, which has no TSO either.
 */
#include "sim/packetdrill_priv.h"
#include "sim/af_packet.h"
#include "sim/console.h"
#include "sim/host.h"
#include "sim/task.h"
#include "sim/topology.h"
#include "layers/ethtool.h"
#include "layers/ip.h"
#include "layers/neighbour.h"
#include "layers/route.h"
#include "layers/tcp.h"
#include "nic/igb.h"
#include "events/net.h"

#include <stdlib.h>
#include <string.h>

#define PD_FIRST_RPORT		40000	/* the remote port of the first `<` SYN */
#define PD_IDLE_WAIT_NS		NSEC_PER_SEC	/* for a `...` call before the next call */
#define PD_MAX_EVENTS_RUN	200000000ULL	/* engine events one script may take */
#define PD_RX_WAIT_NS		NSEC_PER_MSEC	/* for a `<` frame to reach the stack */

static const u8 pd_local_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x02 };

/* ---- reports ------------------------------------------------------------------ */

void
pd_fail(struct pd_run *r, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->status != PD_RUNNING)
		return;
	r->status = PD_FAILED;
	r->fail_line = line;
	n = snprintf(r->err, sizeof(r->err), "%s:%d: ", r->s->name, line);
	if (n < 0 || (size_t)n >= sizeof(r->err))
		return;
	va_start(ap, fmt);
	vsnprintf(r->err + n, sizeof(r->err) - n, fmt, ap);
	va_end(ap);
}

void
pd_fail_more(struct pd_run *r, const char *fmt, ...)
{
	size_t n = strlen(r->err);
	va_list ap;

	if (n + 2 >= sizeof(r->err))
		return;
	r->err[n++] = '\n';
	va_start(ap, fmt);
	vsnprintf(r->err + n, sizeof(r->err) - n, fmt, ap);
	va_end(ap);
}

double
pd_secs(const struct pd_run *r, ktime_t t)
{
	return (double)(t - r->t0) / NSEC_PER_SEC;
}

/* ---- the wire ------------------------------------------------------------------- */

/* Frames the card put on the cable: the tap saw them already. */
static void
pd_port_rx(struct sim_port *port, const u8 *frame, unsigned int len)
{
	(void)port;
	(void)frame;
	(void)len;
}

/* The packet socket's reader: keep a copy of an outbound IPv4/TCP packet of the script's flow. */
static void
pd_tap_frame(void *arg, const u8 *frame, unsigned int len, ktime_t ts, bool outgoing)
{
	struct pd_run *r = arg;
	struct iphdr iph;
	struct pd_sniffed *s;

	if (!outgoing || len < ETH_HLEN + sizeof(iph) + sizeof(struct tcphdr))
		return;
	memcpy(&iph, frame + ETH_HLEN, sizeof(iph));	/* the frame need not be aligned */
	if (iph.version != 4 || iph.protocol != IPPROTO_TCP || iph.saddr != r->cfg.local_ip ||
	    iph.daddr != r->cfg.remote_ip)
		return;
	len -= ETH_HLEN;
	s = malloc(sizeof(*s) + len);
	if (!s)
		return;		/* NOTE: lost like a tap under memory pressure; the `>` times out */
	s->next = NULL;
	s->when = ts;
	s->len = len;
	memcpy(s->ip, frame + ETH_HLEN, len);
	*r->sniffed_tail = s;
	r->sniffed_tail = &s->next;
	if (r->sniffing)
		pd_run_kick(r);
}

/* The host closes the socket at its end: nothing was written, nothing can fail. */
static int
pd_tap_release(void *arg)
{
	(void)arg;
	return 0;
}

static const struct sim_packet_ops pd_tap_ops = {
	.frame = pd_tap_frame,
	.release = pd_tap_release,
};

/*
 * A tun device, packetdrill's, hands each packet it is given to the
 * stack at once (netif_rx_ni) and alone: eth0 is set as a 3.10 igb is
 * by `ethtool -C eth0 rx-usecs 0` (no interrupt throttle) and `ethtool
 * -K eth0 gro off` (no merging), so a script's timings and segments are
 * what it wrote.
 */
static int
pd_world_tun_like(struct net_device *dev)
{
	struct ethtool_coalesce ec = { .rx_coalesce_usecs = 0 };
	struct ethtool_sfeatures gro = { .size = ETHTOOL_DEV_FEATURE_WORDS };

	for (int i = 0; i < ETHTOOL_DEV_FEATURE_WORDS; i++)
		gro.features[i].valid = (u32)(NETIF_F_GRO >> (32 * i));
	if (dev->ethtool_ops->set_coalesce(dev, &ec) || ethtool_set_features(dev, &gro))
		return -EINVAL;
	return 0;
}

/* The student's eth0, plugged into the runner: addresses, route, neighbour. */
static int
pd_world_student(struct pd_run *r)
{
	struct net *net = r->w->host[SIM_STUDENT];
	struct net_device *dev = igb_probe(net, "eth0", pd_local_mac);
	struct neighbour *n;
	int err;

	if (!dev)
		return -ENOMEM;
	r->net = net;
	r->dev = dev;
	err = pd_world_tun_like(dev);
	if (!err)
		err = dev_open(dev);
	if (!err && r->cfg.mtu != ETH_DATA_LEN)
		err = dev_set_mtu(dev, (int)r->cfg.mtu);
	if (!err)
		err = host_set_addr(dev, r->cfg.local_ip, r->cfg.prefixlen);
	if (err)
		return err;
	sim_port_init(&r->port, "packetdrill", pd_port_rx, r);
	r->w->link[SIM_LAN] = sim_link_create(&r->w->eng, sim_igb_port(dev), &r->port);
	if (!r->w->link[SIM_LAN])
		return -ENOMEM;
	/* packetdrill's route: the remote host via the gateway. */
	err = sim_fib_table_insert(net, r->cfg.remote_ip, 32, r->cfg.gateway_ip, dev, 0, 0);
	if (err)
		return err;
	/* A tun has no ARP: the gateway is a permanent neighbour. */
	n = __neigh_lookup(net->arp_tbl, &r->cfg.gateway_ip, dev, 1);
	if (!n)
		return -ENOMEM;
	err = neigh_update(n, pd_remote_mac, NUD_PERMANENT,
			   NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN);
	neigh_release(n);
	if (err)
		return err;
	return sim_packet_open(net, dev, &pd_tap_ops, r, &r->tap);
}

/*
 * A world with the student's host alone on the runner's wire.  The
 * router and server slots hold hosts with no NIC, as in the TAP world,
 * so the console (shell lines) finds the world it knows.
 */
static int
pd_world_create(struct pd_run *r, u32 seed)
{
	int err = 0;

	r->w = calloc(1, sizeof(*r->w));
	if (!r->w)
		return -ENOMEM;
	sim_world_init_engine(r->w, seed);
	for (int i = 0; i < SIM_NHOSTS && !err; i++) {
		r->w->host[i] = host_create(&r->w->eng, sim_host_names[i]);
		if (!r->w->host[i])
			err = -ENOMEM;
	}
	if (!err)
		err = pd_world_student(r);
	if (!err)		/* the card's open-time work settles at t = 0 */
		err = sim_run(&r->w->eng, 0, 100000);
	if (!err)
		r->rx_base = r->dev->stats.rx_packets;
	return err;
}

/* ---- the connection ------------------------------------------------------------- */

struct pd_find {
	const struct pd_run *r;
	struct sock *sk;
};

static int
pd_find_sock(struct sock *sk, void *arg)
{
	struct pd_find *f = arg;
	const struct pd_conn *k = &f->r->conn;

	if (sk->sk_state == TCP_LISTEN || htons(sk->sk_num) != k->lport ||
	    sk->sk_dport != k->rport || sk->sk_daddr != f->r->cfg.remote_ip)
		return 0;
	f->sk = sk;
	return 1;
}

struct sock *
pd_conn_sock(struct pd_run *r)
{
	struct pd_find f = { .r = r };

	if (!r->conn.known)
		return NULL;
	sim_tcp_for_each_sock(r->net, pd_find_sock, &f);
	return f.sk;
}

/* ---- the lines --------------------------------------------------------------------- */

static void
pd_arm(struct pd_run *r, ktime_t when)
{
	sim_event_cancel(&r->w->eng, &r->ev);
	sim_event_schedule(&r->w->eng, &r->ev, when);
}

void
pd_run_kick(struct pd_run *r)
{
	if (r->status == PD_RUNNING)
		pd_arm(r, r->w->eng.now);
}

/* The time window of line @e, from the script's 0 or the previous line. */
static void
pd_window(struct pd_run *r, const struct pd_event *e)
{
	ktime_t base = e->time_type == PD_TIME_ABS || e->time_type == PD_TIME_ABS_RANGE ? r->t0 :
		       r->base;

	r->t_start = base + (e->time_type == PD_TIME_ANY ? 0 : e->t_ns);
	r->t_end = e->time_type == PD_TIME_ABS_RANGE || e->time_type == PD_TIME_REL_RANGE ?
		   base + e->t_end_ns : r->t_start;
	r->deadline = 0;
	r->started = true;
}

/*
 * A `command`: each ';' or line of it through netstep's console, on the
 * student's host.  A command the console refuses fails the line with
 * the console's own message.
 */
static int
pd_shell(struct pd_run *r, const struct pd_event *e, struct sim_console *con)
{
	char *text = strdup(e->shell), *save = NULL, *msg = NULL;
	size_t msglen = 0;
	FILE *errs = open_memstream(&msg, &msglen);
	int rc = 0;

	if (!text || !errs) {
		free(text);
		if (errs)
			fclose(errs);
		free(msg);
		pd_fail(r, e->line, "out of memory");
		return -1;
	}
	con->err = errs;
	for (char *cmd = strtok_r(text, ";\n", &save); cmd && !rc;
	     cmd = strtok_r(NULL, ";\n", &save)) {
		char buf[CONSOLE_MAX_LINE], *argv[CONSOLE_MAX_ARGS + 1];
		struct console_call call;
		int argc = strlen(cmd) < sizeof(buf) ?
			   console_split(cmd, buf, argv, CONSOLE_MAX_ARGS, errs) : -1;

		if (argc < 0) {
			fprintf(errs, "netstep: command too long or badly quoted");
			rc = 2;
			break;
		}
		/* packetdrill's device is tun0: here it is eth0. */
		for (int i = 0; i < argc; i++)
			if (!strcmp(argv[i], "tun0"))
				argv[i] = "eth0";
		if (!argc)
			continue;
		rc = console_resolve(con, argc, argv, &call);
		if (!rc && call.cmd->kind != CMD_TOOL) {
			fprintf(errs, "netstep: %s: not in a script (the script's times move the "
				"clock)", argv[0]);
			rc = 2;
		}
		if (!rc)
			rc = console_call(con, &call);
	}
	fclose(errs);
	con->err = r->out;
	free(text);
	if (rc) {
		while (msglen && msg[msglen - 1] == '\n')
			msg[--msglen] = '\0';
		pd_fail(r, e->line, "`%s`: %s", e->shell, msglen ? msg : "the command failed");
	}
	free(msg);
	return rc ? -1 : 0;
}

/* A %{ }% block against the connection's tcp_info. */
static int
pd_code(struct pd_run *r, const struct pd_event *e)
{
	struct sock *sk = pd_conn_sock(r);
	struct tcp_info info;
	char msg[400];
	int line = e->line;

	if (!sk) {
		pd_fail(r, e->line, "%%{ }%%: no connection under test to read tcp_info from");
		return -1;
	}
	tcp_get_info(sk, &info);
	if (pd_code_eval(e->code, &info, &line, msg, sizeof(msg))) {
		pd_fail(r, line, "%s", msg);
		return -1;
	}
	return 0;
}

/* When a `...` call should return, or the finished one's check. */
static int
pd_blocking_done(struct pd_run *r, int line, ktime_t expected)
{
	ktime_t now = r->w->eng.now;

	if ((s64)now < (s64)expected - r->cfg.tolerance_ns ||
	    (s64)now > (s64)expected + r->cfg.tolerance_ns) {
		pd_fail(r, line, "timing error: expected system call return at %.6f sec but happened "
			"at %.6f sec", pd_secs(r, expected), pd_secs(r, now));
		return -1;
	}
	return 0;
}

/* The `...` call in flight, if it has returned: -1 failed, 0 still out, 1 done. */
static int
pd_pending(struct pd_run *r)
{
	int line = r->call_line, rc;

	if (!r->call || r->holding)
		return 1;
	rc = pd_syscall_finished(r);
	if (rc == 1 && pd_blocking_done(r, line, r->call_end))
		return -1;
	return rc;
}

/* Run line @e, whose time has come: 1 done, 0 it waits, -1 failed. */
static int
pd_do_line(struct pd_run *r, const struct pd_event *e, struct sim_console *con)
{
	ktime_t now = r->w->eng.now;
	int rc;

	switch (e->kind) {
	case PD_EV_PACKET:
		return pd_packet_inject(r, e) ? -1 : 1;
	case PD_EV_SHELL:
		return pd_shell(r, e, con) ? -1 : 1;
	case PD_EV_CODE:
		return pd_code(r, e) ? -1 : 1;
	case PD_EV_SYSCALL:
		break;
	}
	if (r->call) {		/* a `...` call is still out: wait for it, a while */
		if (!r->deadline)
			r->deadline = now + PD_IDLE_WAIT_NS;
		if (now >= r->deadline) {
			pd_fail(r, e->line, "runtime error in %s call: blocking system call while "
				"another blocking system call is already in progress", e->call.name);
			return -1;
		}
		pd_arm(r, r->deadline);
		return 0;
	}
	r->call_end = (e->time_type == PD_TIME_ABS ? r->t0 : r->base) + e->call.end_ns;
	r->call_line = e->line;
	rc = pd_syscall_start(r, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {		/* it sleeps */
		if (e->call.blocking)
			return 1;	/* the script goes on; pd_pending checks it */
		r->holding = true;
		return 0;
	}
	if (e->call.blocking && pd_blocking_done(r, e->line, r->call_end))
		return -1;
	return 1;
}

/* The script is at its end: a `...` call still out gets 1 s. */
static void
pd_finish(struct pd_run *r)
{
	ktime_t now = r->w->eng.now;

	if (!r->call) {
		r->status = PD_PASSED;
		return;
	}
	if (!r->deadline)
		r->deadline = now + PD_IDLE_WAIT_NS;
	if (now >= r->deadline) {
		pd_fail(r, r->call_line, "runtime error: exiting while a blocking system call is in "
			"progress");
		return;
	}
	pd_arm(r, r->deadline);
}

/*
 * A line is done: the next one waits until what it started has run its
 * course, as a packetdrill write to its tun returns only once the stack
 * has taken the packet in: every `<` frame has been through
 * netif_receive_skb (and so through TCP, which runs inside it), and
 * nothing else is due at this instant (the softirqs a call raised).  A
 * frame the card dropped is waited for at most PD_RX_WAIT_NS.  false:
 * the runner is armed behind what is still due.
 */
static bool
pd_settled(struct pd_run *r)
{
	struct sim_engine *eng = &r->w->eng;
	bool rx_pending = r->dev->stats.rx_packets - r->rx_base < r->injected &&
			  eng->now < r->injected_at + PD_RX_WAIT_NS;
	ktime_t next;

	if (!sim_next_event_time(eng, &next))
		return true;
	if (next > eng->now && !rx_pending)
		return true;
	pd_arm(r, next > eng->now ? next : eng->now);
	return false;
}

/* Look at the script: do every line whose time has come, then wait. */
static void
pd_advance(struct pd_run *r)
{
	struct sim_console con;

	console_init(&con, r->w, r->out, r->out);
	while (r->status == PD_RUNNING) {
		const struct pd_event *e;
		ktime_t now = r->w->eng.now;
		int rc;

		if (r->settling) {
			if (!pd_settled(r))
				return;
			r->settling = false;
			r->base = now;
		}
		if (pd_pending(r) < 0)
			return;
		if (r->cur == r->s->nev) {
			pd_finish(r);
			return;
		}
		e = &r->s->ev[r->cur];
		if (!r->started)
			pd_window(r, e);
		if (r->holding) {		/* its own call sleeps */
			rc = pd_syscall_finished(r);
			if (rc <= 0)
				return;
			r->holding = false;
		} else if (e->kind == PD_EV_PACKET && !e->pkt.inbound) {
			rc = pd_packet_expect(r, e);
			if (rc < 0)
				return;
			if (rc == 0) {
				r->sniffing = true;
				if (e->time_type == PD_TIME_ANY)
					return;		/* until the world goes idle */
				if (!r->deadline)
					r->deadline = r->t_end + PD_SLACK_NS;
				if (now >= r->deadline) {
					pd_packet_timeout(r, e);
					return;
				}
				pd_arm(r, r->deadline);
				return;
			}
			r->sniffing = false;
		} else {
			if (now < r->t_start) {
				pd_arm(r, r->t_start);
				return;
			}
			if (e->time_type != PD_TIME_ANY && !r->deadline &&
			    now > r->t_end + r->cfg.tolerance_ns) {
				pd_fail(r, e->line, "timing error: expected %s at %.6f sec but happened "
					"at %.6f sec", e->kind == PD_EV_PACKET ? "inbound packet" :
					e->kind == PD_EV_SYSCALL ? "system call start" :
					e->kind == PD_EV_SHELL ? "command" : "data collection for code",
					pd_secs(r, r->t_start), pd_secs(r, now));
				return;
			}
			rc = pd_do_line(r, e, &con);
			if (rc <= 0)
				return;
		}
		r->cur++;
		r->started = false;
		r->deadline = 0;
		r->settling = true;
	}
}

static void
pd_run_event(struct sim_event *ev)
{
	pd_advance(container_of(ev, struct pd_run, ev));
}

/* Nothing is left to happen: whatever the script waits for never comes. */
static void
pd_run_idle(struct pd_run *r)
{
	const struct pd_event *e;

	if (r->status != PD_RUNNING)
		return;
	if (r->cur >= r->s->nev) {
		pd_fail(r, r->call_line, "runtime error: exiting while a blocking system call is in "
			"progress");
		return;
	}
	e = &r->s->ev[r->cur];
	if (r->sniffing)
		pd_packet_timeout(r, e);
	else if (r->holding)
		pd_fail(r, e->line, "runtime error in %s call: the call sleeps and nothing is left "
			"to wake it (write it T...END %s(...) if the script should go on)",
			e->call.name, e->call.name);
	else
		pd_fail(r, e->line, "the world went idle while the runner waited (a netstep bug)");
}

/* ---- the API ----------------------------------------------------------------------- */

struct pd_run *
pd_run_create(const struct pd_script *s, const struct pd_config *c, u32 seed, FILE *out)
{
	struct pd_run *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->s = s;
	r->cfg = *c;
	r->seed = seed;
	r->out = out;
	r->status = PD_RUNNING;
	r->sniffed_tail = &r->sniffed;
	r->next_rport = PD_FIRST_RPORT;
	r->listen_port = htons(c->bind_port);
	sim_event_init(&r->ev, "packetdrill", pd_run_event);
	if (pd_world_create(r, seed)) {
		pd_run_destroy(r);
		return NULL;
	}
	return r;
}

void
pd_run_set_out(struct pd_run *r, FILE *out)
{
	r->out = out;
}

struct sim_world *
pd_run_world(struct pd_run *r)
{
	return r->w;
}

void
pd_run_start(struct pd_run *r)
{
	r->t0 = r->base = r->w->eng.now;
	pd_arm(r, r->t0);
}

enum pd_status
pd_run_fired(struct pd_run *r, bool fired)
{
	if (r->status != PD_RUNNING)
		return r->status;
	if (!fired)
		pd_run_idle(r);
	else if (r->w->eng.events_run > PD_MAX_EVENTS_RUN)
		pd_fail(r, pd_run_line(r), "the script ran more than %llu engine events",
			PD_MAX_EVENTS_RUN);
	return r->status;
}

enum pd_status
pd_run_step(struct pd_run *r)
{
	if (r->status != PD_RUNNING)
		return r->status;
	return pd_run_fired(r, sim_run_one(&r->w->eng));
}

enum pd_status
pd_run_next(struct pd_run *r)
{
	int cur = r->cur;

	while (r->status == PD_RUNNING && r->cur == cur)
		pd_run_step(r);
	return r->status;
}

enum pd_status
pd_run_status(const struct pd_run *r)
{
	return r->status;
}

int
pd_run_line(const struct pd_run *r)
{
	return r->cur < r->s->nev ? r->s->ev[r->cur].line : 0;
}

int
pd_run_doing(const struct pd_run *r)
{
	const struct pd_event *e = r->cur < r->s->nev ? &r->s->ev[r->cur] : NULL;
	/* A line that waits for its time has not begun: what runs meanwhile
	 * (the card sending, a timer) is the work of the one before.  A `>`
	 * line has: it waits for its packet, whatever sends it. */
	bool waiting = e && r->started && r->w->eng.now < r->t_start &&
		       !(e->kind == PD_EV_PACKET && !e->pkt.inbound);

	if ((r->settling || waiting) && r->cur > 0)
		return r->s->ev[r->cur - 1].line;
	return pd_run_line(r);
}

const char *
pd_run_error(const struct pd_run *r)
{
	return r->status == PD_FAILED ? r->err : "";
}

int
pd_run_fail_line(const struct pd_run *r)
{
	return r->status == PD_FAILED ? r->fail_line : 0;
}

struct pd_run *
pd_run_again(const struct pd_run *r, FILE *out)
{
	struct pd_run *again = pd_run_create(r->s, &r->cfg, r->seed, out);

	if (again)
		pd_run_start(again);
	return again;
}

unsigned long
pd_run_leaked(struct pd_run *r)
{
	unsigned long leaked;

	if (!r->w)
		return 0;
	pd_syscall_abort(r);
	sim_event_cancel(&r->w->eng, &r->ev);
	trace_mute(&r->w->trace);
	sim_world_destroy(r->w);
	leaked = sim_skb_ledger_live(&r->w->ledger, stderr);
	free(r->w);
	r->w = NULL;
	return leaked;
}

void
pd_run_destroy(struct pd_run *r)
{
	if (!r)
		return;
	pd_run_leaked(r);
	while (r->sniffed) {
		struct pd_sniffed *s = r->sniffed;

		r->sniffed = s->next;
		free(s);
	}
	free(r);
}

/* ---- checking the shell lines -------------------------------------------------------- */

int
pd_check(const struct pd_script *s, const struct pd_config *c, u32 seed, char *err,
	 size_t errlen)
{
	FILE *devnull = fopen("/dev/null", "w");
	struct sim_console con;
	struct pd_run *r;
	int rc = 0;

	r = pd_run_create(s, c, seed, devnull ? devnull : stderr);
	if (!r) {
		snprintf(err, errlen, "%s: cannot build the packetdrill world", s->name);
		if (devnull)
			fclose(devnull);
		return 1;
	}
	console_init(&con, r->w, r->out, r->out);
	for (int i = 0; i < s->nev && !rc; i++)
		if (s->ev[i].kind == PD_EV_SHELL && pd_shell(r, &s->ev[i], &con)) {
			snprintf(err, errlen, "%s", r->err);
			rc = 2;
		}
	pd_run_destroy(r);
	if (devnull)
		fclose(devnull);
	return rc;
}
