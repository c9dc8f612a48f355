/*
 * tests/check_socket.c - the socket layer (layers/socket.c, af_inet.c,
 * sock.c), the process model (sim/task.c), the sinks' SHA-256 (sim/app.c)
 * and the socket commands of the console (tools/sockets.c).
 *
 * What is asserted: the fd table (lowest free slot, EBADF, EMFILE,
 * close twice), the order sys_sendto -> sock_sendmsg -> __sock_sendmsg
 * -> __sock_sendmsg_nosec -> inet_sendmsg -> sk->sk_prot->sendmsg and
 * the msghdr it carries (one iovec over the user's buffer, a copy of the
 * address), the errors of unconnected sends and of a connect to a closed
 * TCP port (ECONNREFUSED via RST), tasks put to sleep and woken by
 * sk_data_ready / sk_write_space and re-entering the call, the sinks'
 * digests of FIPS 180-4 test vectors (one connection, two, a file of a
 * million bytes), and the console's one-line, status-2 refusals.
 */
#include "sim/console.h"
#include "sim/app.h"
#include "sim/task.h"
#include "layers/sock.h"
#include "layers/udp.h"
#include "tests/fixture.h"
#include "events/ip.h"
#include "events/skb.h"
#include "events/sock.h"
#include "events/tcp.h"
#include "events/udp.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the fd table and the syscalls, on a fixture host ------------------ */

static struct fixture fx;

/*
 * How many of the events @want[] @r saw on @host (NULL: any) one after
 * the other, in this order: @n when all of them, else the index of the
 * first one missing.
 */
static size_t
in_order(const struct fixture_recorder *r, const char *host,
	 const struct trace_event_desc *const *want, size_t n)
{
	int i = -1;

	for (size_t k = 0; k < n; k++) {
		i = fixture_find(r, i + 1, host, want[k]);
		if (i < 0)
			return k;
	}
	return n;
}

static void
fx_setup(void)
{
	fixture_setup(&fx, 1);
	fixture_fake_dev(&fx, fx.host[0], "eth0", "10.0.0.2/24");
}

static void
fx_teardown(void)
{
	fixture_teardown(&fx);
}

START_TEST(test_fd_table)
{
	struct net *h = fx.host[0];
	int fds[SIM_NR_OPEN];
	int n = 0, fd, e;

	ck_assert_int_eq(sys_socket(h, AF_INET6, SOCK_DGRAM, 0), -EAFNOSUPPORT);
	ck_assert_int_eq(sys_socket(h, AF_INET, 5, 0), -ESOCKTNOSUPPORT);
	ck_assert_int_eq(sys_socket(h, AF_INET, SOCK_DGRAM, IPPROTO_TCP), -EPROTONOSUPPORT);
	ck_assert_int_eq(sys_socket(h, AF_INET, SOCK_DGRAM, 0), 3);
	ck_assert_int_eq(sys_socket(h, AF_INET, SOCK_DGRAM, IPPROTO_UDP), 4);
	ck_assert_int_eq(sys_close(h, 3), 0);
	ck_assert_int_eq(sys_close(h, 3), -EBADF);	/* close twice */
	ck_assert_int_eq(sys_socket(h, AF_INET, SOCK_DGRAM, 0), 3);	/* lowest free */
	ck_assert_ptr_null(sockfd_lookup(h, 17, &e));
	ck_assert_int_eq(e, -EBADF);
	ck_assert_ptr_null(sockfd_lookup(h, -1, &e));
	ck_assert_ptr_null(sockfd_lookup(h, SIM_NR_OPEN, &e));
	ck_assert_ptr_nonnull(sockfd_lookup(h, 4, &e));
	ck_assert_int_eq(e, 0);
	/* Fill the table: EMFILE, and nothing leaks. */
	while ((fd = sys_socket(h, AF_INET, SOCK_DGRAM, 0)) >= 0)
		fds[n++] = fd;
	ck_assert_int_eq(fd, -EMFILE);
	ck_assert_int_eq(n, SIM_NR_OPEN - SIM_FD_FIRST - 2);
	ck_assert_int_eq(fds[0], 5);
	/* Every call on a descriptor that is not open: EBADF. */
	sys_close(h, 40);
	ck_assert_int_eq(sys_sendto(h, 40, "x", 1, 0, NULL, 0), -EBADF);
	ck_assert_int_eq(sys_send(h, 40, "x", 1, 0), -EBADF);
	ck_assert_int_eq(sys_recvfrom(h, 40, fds, 1, 0, NULL, NULL), -EBADF);
	ck_assert_int_eq(sys_connect(h, 40, NULL, 0), -EBADF);
	ck_assert_int_eq(sys_listen(h, 40, 5), -EBADF);
	ck_assert_int_eq(sys_accept(h, 40, NULL, NULL), -EBADF);
	ck_assert_int_eq(sys_close(h, 40), -EBADF);
	/* The rest are closed by the host's teardown. */
}
END_TEST

/* A protocol that records what inet_sendmsg hands it. */
static struct {
	int calls;
	size_t len, iovlen, iov_len;
	const void *iov_base;
	const void *name;
	int namelen;
	int flags;
	const void *control;
	struct sockaddr_in sin;
	u8 data[16];
} seen;

static int
test_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	(void)sk;
	seen.calls++;
	seen.len = len;
	seen.iovlen = msg->msg_iovlen;
	seen.iov_base = msg->msg_iov[0].iov_base;
	seen.iov_len = msg->msg_iov[0].iov_len;
	seen.name = msg->msg_name;
	seen.namelen = msg->msg_namelen;
	seen.flags = msg->msg_flags;
	seen.control = msg->msg_control;
	if (msg->msg_name)
		memcpy(&seen.sin, msg->msg_name, sizeof(seen.sin));
	/* The data is reachable through the iovec, and consumed from it. */
	ck_assert_int_eq(memcpy_fromiovec(seen.data, msg->msg_iov, len < 16 ? len : 16), 0);
	return (int)len;
}

START_TEST(test_sendto_path_and_msghdr)
{
	struct net *h = fx.host[0];
	struct proto test_prot = udp_prot;
	const struct proto *saved;
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(5001) };
	static const char buf[] = "hello, msghdr";
	struct socket *sock;
	int fd, e;
	size_t k;
	static const struct trace_event_desc *const order[] = {
		&tp_ev_sys_sendto, &tp_ev_sock_sendmsg, &tp_ev___sock_sendmsg,
		&tp_ev___sock_sendmsg_nosec, &tp_ev_inet_sendmsg, &tp_ev_udp_v4_get_port,
	};

	to.sin_addr.s_addr = fx_addr("10.0.0.9");
	fd = sys_socket(h, AF_INET, SOCK_DGRAM, 0);
	sock = sockfd_lookup(h, fd, &e);
	ck_assert_ptr_nonnull(sock);
	test_prot.sendmsg = test_sendmsg;
	saved = sock->sk->sk_prot;
	sock->sk->sk_prot = &test_prot;
	fixture_forget(&fx);
	memset(&seen, 0, sizeof(seen));
	ck_assert_int_eq(sys_sendto(h, fd, buf, 13, MSG_DONTWAIT, (struct sockaddr *)&to,
				    sizeof(to)), 13);
	sock->sk->sk_prot = saved;

	/* 3.10's sendto: one iovec over the user's buffer, a kernel copy of
	 * the address, the caller's flags, no control data. */
	ck_assert_int_eq(seen.calls, 1);
	ck_assert_uint_eq(seen.len, 13);
	ck_assert_uint_eq(seen.iovlen, 1);
	ck_assert_ptr_eq(seen.iov_base, buf);
	ck_assert_uint_eq(seen.iov_len, 13);
	ck_assert_ptr_nonnull(seen.name);
	ck_assert_ptr_ne(seen.name, &to);
	ck_assert_int_eq(seen.namelen, sizeof(to));
	ck_assert_uint_eq(seen.sin.sin_addr.s_addr, to.sin_addr.s_addr);
	ck_assert_uint_eq(seen.sin.sin_port, to.sin_port);
	ck_assert_int_eq(seen.flags, MSG_DONTWAIT);
	ck_assert_ptr_null(seen.control);
	ck_assert_mem_eq(seen.data, buf, 13);
	/* inet_sendmsg bound the socket first (autobind) */
	ck_assert_uint_eq(sock->sk->sk_num, SIM_LOCAL_PORT_LOW);

	/* The order of the trace. */
	k = in_order(&fx.rec, NULL, order, ARRAY_SIZE(order));
	ck_assert_msg(k == ARRAY_SIZE(order), "%s missing or out of order", order[k]->name);
	/* send() is sendto() with no address. */
	memset(&seen, 0, sizeof(seen));
	sock->sk->sk_prot = &test_prot;
	ck_assert_int_eq(sys_send(h, fd, buf, 5, 0), 5);
	sock->sk->sk_prot = saved;
	ck_assert_ptr_null(seen.name);
	ck_assert_int_eq(seen.namelen, 0);
	ck_assert_int_eq(sys_close(h, fd), 0);
}
END_TEST

START_TEST(test_udp_path_reaches_udp_sendmsg)
{
	struct net *h = fx.host[0];
	int fd = sys_socket(h, AF_INET, SOCK_DGRAM, 0);
	int a, b;

	fixture_forget(&fx);
	/* Not connected, no address. */
	ck_assert_int_eq(sys_send(h, fd, "x", 1, 0), -EDESTADDRREQ);
	a = FX_FIND(&fx.rec, 0, NULL, inet_sendmsg);
	b = FX_FIND(&fx.rec, a, NULL, udp_sendmsg);
	ck_assert_int_ge(a, 0);
	ck_assert_int_gt(b, a);
	ck_assert_int_eq(sys_close(h, fd), 0);
}
END_TEST

/* ---- the world: tasks, TCP errors, the console ------------------------ */

static struct sim_world *w;
static struct sim_console con;
static struct fixture_capture cap;
static struct fixture_recorder rec;	/* the world's trace */
static void
world_setup(void)
{
	w = fixture_world_open(&con, &cap, 7);
	fixture_recorder_open(&rec, &w->trace);
}

static void
world_teardown(void)
{
	fixture_recorder_close(&rec);
	fixture_world_close(w, &cap);
}

static int
run(const char *script)
{
	return fixture_console_run(&con, &cap, script);
}

static int
lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

struct rx_req {
	int fd;
	int got;
	int done_rc;
	bool done;
};

static int
rx_fn(struct sim_task *t)
{
	struct rx_req *r = t->priv;
	char buf[64];
	int e, n = sys_recvfrom(t->net, r->fd, buf, sizeof(buf), 0, NULL, NULL);

	if (n == -EAGAIN) {
		sim_task_sleep_on(t, sockfd_lookup(t->net, r->fd, &e)->sk, SIM_WAKE_READ);
		return -EAGAIN;
	}
	r->got = n;
	return n;
}

static void
rx_done(struct sim_task *t, int rc)
{
	struct rx_req *r = t->priv;

	r->done = true;
	r->done_rc = rc;
}

START_TEST(test_task_woken_by_data_ready)
{
	struct net *srv = w->host[SIM_SERVER], *st = w->host[SIM_STUDENT];
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(7000) };
	struct rx_req r = { 0 };
	struct sim_task *t;
	int fd;

	r.fd = sys_socket(srv, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_eq(sys_bind(srv, r.fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	t = sim_task_create(srv, "rx", rx_fn, &r, NULL);
	ck_assert_ptr_nonnull(t);
	t->done = rx_done;
	ck_assert_int_eq(sim_task_start(t), -EINPROGRESS);
	ck_assert_int_eq(sim_task_pending(srv), 1);
	ck_assert_uint_eq(t->runs, 1);
	ck_assert_uint_eq((uintptr_t)sockfd_lookup(srv, r.fd, &fd)->sk->sk_user_data, t->id);

	sin.sin_addr.s_addr = htonl(0x0a000102);
	fd = sys_socket(st, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_eq(sys_sendto(st, fd, "ping!", 5, 0, (struct sockaddr *)&sin, sizeof(sin)),
			 5);
	ck_assert_int_eq(sim_run(&w->eng, w->eng.now + NSEC_PER_SEC, 1000000), 0);
	/* Woken once, ran the call again, finished with the datagram. */
	ck_assert(r.done);
	ck_assert_int_eq(r.done_rc, 5);
	ck_assert_int_eq(r.got, 5);
	ck_assert_int_eq(sim_task_pending(srv), 0);
	/* The socket has its own callbacks back. */
	ck_assert_ptr_null(sockfd_lookup(srv, r.fd, &fd)->sk->sk_user_data);
	ck_assert_ptr_eq(sockfd_lookup(srv, r.fd, &fd)->sk->sk_data_ready, sock_def_readable);
}
END_TEST

START_TEST(test_send_sleeps_for_write_space)
{
	struct net *st = w->host[SIM_STUDENT];
	int small = 1, e;
	struct socket *sock;

	/* SO_SNDBUF is raised to its minimum (2048, 3.10's SOCK_MIN_SNDBUF).
	 * 3.10's sock_alloc_send_skb allocates while sk_wmem_alloc <
	 * sk_sndbuf: a 1400-byte datagram costs 2304 bytes (truesize: its
	 * 1459-byte head comes from kmalloc-2048, plus the sk_buff), so one
	 * in flight fills the buffer, and each later one must wait for the
	 * one before to be freed by the driver (sock_wfree ->
	 * sk_write_space). */
	ck_assert_int_eq(run("socket udp"), 0);
	sock = sockfd_lookup(st, 3, &e);
	ck_assert_int_eq(sys_setsockopt(st, 3, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)), 0);
	ck_assert_int_eq(sock->sk->sk_sndbuf, SOCK_MIN_SNDBUF);
	ck_assert_int_eq(sys_sendto(st, 3, "x", 1, 0, NULL, 0), -EDESTADDRREQ);
	fixture_recorder_forget(&rec);
	ck_assert_int_eq(run("connect 3 10.0.1.2:9001; send 3 1400; send 3 1400; send 3 1400; "
			     "send 3 1400; sleep 1; on server recv 9001"), 0);
	ck_assert_str_eq(cap.errbuf, "");
	/* The second, third and fourth sends were each refused once
	 * (-EAGAIN: the one before, waiting for ARP or the card, fills the
	 * buffer), slept, and were re-entered from sys_sendto after the
	 * wake-up. */
	ck_assert_int_eq(sock->sk->sk_wmem_alloc, 0);
	ck_assert_int_eq(FX_COUNT(&rec, "student", sys_sendto), 7);
	ck_assert_int_eq(FX_COUNT(&rec, "student", udp_sndbuf_full), 3);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "udp 9001: 4 datagram(s), 5600 bytes"));
}
END_TEST

START_TEST(test_pattern_continues_across_sends)
{
	char hex[65], want[160];

	fixture_pattern_sha256(600, hex);
	ck_assert_int_eq(run("socket udp; connect 10.0.1.2:9001; send 3 100; send 3 500; "
			     "on server recv 9001"), 0);
	/* recv returns once something arrived; let the rest come in. */
	ck_assert_int_eq(run("sleep 1; on server recv 9001"), 0);
	snprintf(want, sizeof(want), "udp 9001: 2 datagram(s), 600 bytes, sha256 %s\n", hex);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, want));
}
END_TEST

/* SHA-256 [FIPS 180-4 examples]: "abc", the 56-byte message, a million 'a'. */
#define SHA_ABC		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define MSG56		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define SHA_MSG56	"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define SHA_ABC_MSG56	"ae1dc6dfaa79812eb3f4d2b7aea02ed0deb3e886647bb2f3482819ca53c8cb9d"
#define SHA_MILLION_A	"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

/*
 * What a sink reports of known inputs.  One connection: the total is the
 * connection's own digest (hashed once); a second: each its own, and the
 * total of both in arrival order (kept apart from the second on).
 */
START_TEST(test_sink_sha256_known_inputs)
{
	char path[] = "/tmp/netstep-check-XXXXXX", script[256];
	static char a[1000000];
	int fd = mkstemp(path);

	ck_assert_int_eq(run("socket tcp; connect 10.0.1.2:9000; send 3 \"abc\"; close 3; "
			     "on server recv 9000"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "tcp 9000: 1 connection(s), 3 bytes, sha256 "
				     SHA_ABC "\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, " 3 bytes (closed), sha256 " SHA_ABC "\n"));
	ck_assert_int_eq(run("socket tcp; connect 10.0.1.2:9000; send 3 \"" MSG56 "\"; close 3; "
			     "on server recv 9000"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "tcp 9000: 2 connection(s), 59 bytes, sha256 "
				     SHA_ABC_MSG56 "\n"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, " 56 bytes (closed), sha256 " SHA_MSG56 "\n"));
	ck_assert_str_eq(cap.errbuf, "");

	/* A million bytes from a file, on a sink of its own. */
	ck_assert_int_ge(fd, 0);
	memset(a, 'a', sizeof(a));
	ck_assert_int_eq(write(fd, a, sizeof(a)), (int)sizeof(a));
	close(fd);
	snprintf(script, sizeof(script), "on server listen 9002; socket tcp; "
		 "connect 10.0.1.2:9002; send 3 @%s; close 3; on server recv 9002", path);
	ck_assert_int_eq(run(script), 0);
	unlink(path);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "tcp 9002: 1 connection(s), 1000000 bytes, sha256 "
				     SHA_MILLION_A "\n"));
}
END_TEST

START_TEST(test_recv_with_nothing_ends_when_idle)
{
	ck_assert_int_eq(run("on server recv 9001"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "udp 9001: 0 datagram(s), 0 bytes, sha256 "
				       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	ck_assert_int_eq(sim_task_pending(w->host[SIM_SERVER]), 0);
}
END_TEST

START_TEST(test_teardown_frees_sleeping_tasks)
{
	struct net *srv = w->host[SIM_SERVER];
	struct sim_app *app = sim_app_find(srv, IPPROTO_UDP, 9001);
	struct sim_console dry = con;

	ck_assert_ptr_nonnull(app);
	/* A recv left asleep (the dry-run path: no waiting) is freed with the world. */
	dry.dry = true;
	ck_assert_int_eq(console_run_line(&dry, "on server recv 9001") , 0);
	ck_assert_int_eq(sim_task_pending(srv), 0);	/* the real line waited it out */
	{
		struct sim_task *t = sim_task_create(srv, "left", rx_fn, NULL, NULL);

		ck_assert_ptr_nonnull(t);
		sim_task_wait_chan(t, app);
		ck_assert_int_eq(sim_task_pending(srv), 1);
	}
	/* world_teardown: no leak, no crash. */
}
END_TEST

START_TEST(test_console_errors)
{
	static const char *const bad[] = {
		"socket", "socket raw", "connect", "connect 3", "connect 3 10.0.1.2:99999",
		"connect x 10.0.1.2:9000", "send 3", "send x 100", "send 3 1 2",
		"send 3 @/nonexistent/file", "sendto 3 10.0.1.2 5", "sendto 3 10.0.1.2:9001",
		"close", "close -1", "listen", "listen 70000", "listen 9002 rcvbuf",
		"listen 9002 sndbuf 10", "recv", "recv 9000x", "ss -x", "ss foo",
		"sim loss", "sim loss 5x", "sim delay 11s", "sim mtu lan", "sim mtu lan 20",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char script[160];

		/* A socket is made first: a refused command must undo nothing
		 * because nothing ran (the script is checked first). */
		int before = lines(cap.errbuf ? cap.errbuf : "");

		snprintf(script, sizeof(script), "socket udp; %s", bad[i]);
		ck_assert_msg(run(script) == 2, "'%s' not refused", bad[i]);
		ck_assert_msg(lines(cap.errbuf) == before + 1, "'%s': %d error lines: %s", bad[i],
			      lines(cap.errbuf) - before, cap.errbuf);
	}
	ck_assert_str_eq(cap.outbuf, "");
	ck_assert_ptr_null(w->host[SIM_STUDENT]->files->fd[3]);
	ck_assert_uint_eq(w->link[SIM_LAN]->loss_ppm, 0);
	/* The good forms apply. */
	ck_assert_int_eq(run("sim loss 5; sim delay 200; sim mtu wan 1400"), 0);
	ck_assert_uint_eq(w->link[SIM_LAN]->loss_ppm, 50000);
	ck_assert_uint_eq(w->link[SIM_WAN]->loss_ppm, 50000);
	ck_assert_uint_eq(w->link[SIM_WAN]->delay, 200 * NSEC_PER_MSEC);
	ck_assert_uint_eq(w->link[SIM_WAN]->mtu, 1400);
	ck_assert_int_eq(run("socket udp"), 0);
	ck_assert_str_eq(cap.outbuf, "3\n");
	/* A descriptor that is not open, a port with no sink: the call
	 * fails at run time (status 1, one line). */
	ck_assert_int_eq(run("send 9 100"), 1);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "send: Bad file descriptor\n"));
	ck_assert_int_eq(run("recv 7777"), 1);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "recv: no sink listens on port 7777 of student\n"));
	ck_assert_int_eq(run("send 3 100"), 1);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "send: Destination address required\n"));
}
END_TEST

/*
 * accept() with every descriptor in use (issue 17): EMFILE before the
 * connection leaves the listener's queue, as 3.10's accept4 (the fd
 * first), and the sink takes it once a descriptor is closed.
 */
START_TEST(test_accept_emfile_leaves_connection_queued)
{
	struct net *srv = w->host[SIM_SERVER];
	struct sim_app *app = sim_app_find(srv, IPPROTO_TCP, 9000);
	struct socket *lsock;
	int e, fd, n = 0;

	ck_assert_ptr_nonnull(app);
	lsock = sockfd_lookup(srv, app->fd, &e);
	ck_assert_ptr_nonnull(lsock);
	while ((fd = sys_socket(srv, AF_INET, SOCK_DGRAM, 0)) >= 0)
		n++;
	ck_assert_int_eq(fd, -EMFILE);
	ck_assert_int_eq(n, SIM_NR_OPEN - SIM_FD_FIRST - 2);	/* the sinks hold 3 and 4 */
	ck_assert_int_eq(run("socket tcp; connect 10.0.1.2:9000; send 3 3000; close 3"), 0);
	/* The sink's accept failed; the connection is still queued, not reset. */
	ck_assert_uint_ge(app->emfile, 1);
	ck_assert_int_eq(app->nconns, 0);
	ck_assert_uint_eq(lsock->sk->sk_ack_backlog, 1);
	ck_assert_int_eq(sys_accept(srv, app->fd, NULL, NULL), -EMFILE);
	ck_assert_uint_eq(lsock->sk->sk_ack_backlog, 1);
	/* A descriptor closed on the server: the sink accepts and reads it all. */
	ck_assert_int_eq(run("on server close 40; on server recv 9000"), 0);
	ck_assert_uint_eq(lsock->sk->sk_ack_backlog, 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "tcp 9000: 1 connection(s), 3000 bytes"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "  accept: Too many open files"));
	ck_assert_int_eq(lines(strstr(cap.outbuf, "tcp 9000:")), 3);	/* said once */
	ck_assert_int_eq(run("on server ulimit -n"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "\n64\n"));
}
END_TEST

/* recv's timeout: nothing arrives for that long, status 1, one line (issue 17). */
START_TEST(test_recv_timeout)
{
	ktime_t t0 = w->eng.now;

	ck_assert_int_eq(run("on server listen 9002; on server recv 9002 timeout 3"), 1);
	ck_assert_str_eq(cap.errbuf, "recv: port 9002: timed out, nothing arrived for 3 s "
			 "(nothing at all)\n");
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "tcp 9002: 0 connection(s), 0 bytes"));
	ck_assert_int_ge(w->eng.now - t0, 3 * NSEC_PER_SEC);
	ck_assert_int_lt(w->eng.now - t0, 4 * NSEC_PER_SEC);
	/* Activity moves the deadline: a transfer that takes longer than the
	 * timeout, with no gap that long, succeeds. */
	ck_assert_int_eq(run("sim delay 200; socket tcp; connect 10.0.1.2:9002; send 3 300000; "
			     "close 3; on server recv 9002 timeout 1"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "tcp 9002: 1 connection(s), 300000 bytes"));
	ck_assert_int_eq(run("on server recv 9002 timeout 0"), 2);
	ck_assert_int_eq(run("on server recv 9002 timeout nan"), 2);
	ck_assert_int_eq(run("on server recv 9002 wait 3"), 2);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "recv: unknown option 'wait' (timeout)\n"));
}
END_TEST

START_TEST(test_tcp_connect_refused_and_unconnected_send)
{
	struct net *st = w->host[SIM_STUDENT];
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(5999) };
	int fd, rc;

	fd = sys_socket(st, AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(fd, 3);
	/* send on a socket that never connected */
	rc = sys_send(st, fd, "x", 1, 0);
	ck_assert_msg(rc == -EPIPE || rc == -ENOTCONN, "send on unconnected: %d", rc);
	sin.sin_addr.s_addr = htonl(0x0a000102);
	ck_assert_int_eq(sys_connect(st, fd, (struct sockaddr *)&sin, sizeof(sin)), -EINPROGRESS);
	ck_assert_int_eq(sys_connect(st, fd, (struct sockaddr *)&sin, sizeof(sin)), -EALREADY);
	ck_assert_int_eq(sim_run(&w->eng, w->eng.now + NSEC_PER_SEC, 1000000), 0);
	/* The server answered the SYN with a RST. */
	ck_assert_int_eq(sys_connect(st, fd, (struct sockaddr *)&sin, sizeof(sin)), -ECONNREFUSED);
	ck_assert_int_eq(sys_close(st, fd), 0);
	ck_assert_int_eq(sys_close(st, fd), -EBADF);

	/* The same through the console: one line, status 1. */
	ck_assert_int_eq(run("socket tcp; connect 3 10.0.1.2:5999"), 1);
	ck_assert_str_eq(cap.errbuf, "connect: Connection refused\n");
}
END_TEST

START_TEST(test_tcp_send_trace_order)
{
	static const struct trace_event_desc *const order[] = {
		&tp_ev_sys_sendto, &tp_ev_sock_sendmsg, &tp_ev___sock_sendmsg,
		&tp_ev___sock_sendmsg_nosec, &tp_ev_inet_sendmsg, &tp_ev_tcp_sendmsg,
		&tp_ev_tcp_write_xmit, &tp_ev_tcp_transmit_skb, &tp_ev_skb_clone,
		&tp_ev_ip_queue_xmit, &tp_ev_ip_local_out,
	};
	char hex[65], want[160];
	size_t k;

	fixture_pattern_sha256(3000, hex);
	ck_assert_int_eq(run("socket tcp; connect 10.0.1.2:9000; send 3 3000; close 3; "
			     "on server recv 9000"), 0);
	snprintf(want, sizeof(want), "tcp 9000: 1 connection(s), 3000 bytes, sha256 %s\n", hex);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, want));
	ck_assert_int_ge(FX_COUNT(&rec, "student", sys_sendto), 1);
	k = in_order(&rec, "student", order, ARRAY_SIZE(order));
	ck_assert_msg(k == ARRAY_SIZE(order), "%s missing or out of order", order[k]->name);
}
END_TEST

Suite *socket_suite(void);

Suite *
socket_suite(void)
{
	Suite *s = suite_create("socket");

	fixture_add_tcase(s, "syscalls", fx_setup, fx_teardown, 0, (const TTest *const []){
		test_fd_table,
		test_sendto_path_and_msghdr,
		test_udp_path_reaches_udp_sendmsg,
		NULL,
	});

	fixture_add_tcase(s, "world", world_setup, world_teardown, 30, (const TTest *const []){
		test_task_woken_by_data_ready,
		test_send_sleeps_for_write_space,
		test_pattern_continues_across_sends,
		test_sink_sha256_known_inputs,
		test_recv_with_nothing_ends_when_idle,
		test_teardown_frees_sleeping_tasks,
		test_console_errors,
		test_accept_emfile_leaves_connection_queued,
		test_recv_timeout,
		test_tcp_connect_refused_and_unconnected_send,
		test_tcp_send_trace_order,
		NULL,
	});
	return s;
}
