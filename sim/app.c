/*
 * sim/app.c - the server programs: TCP and UDP byte sinks.  See
 * sim/app.h.
 *
 * No kernel counterpart: user space.  Each sink is written the way a
 * small C server would be, with the system calls of layers/socket.c
 * (socket, setsockopt, bind, listen, accept, recvfrom, close); where
 * such a program would block, it becomes a daemon task (sim/task.c)
 * sleeping on its socket:
 *
 *   tcp-sink: accept() in a loop; each connection gets a reader task
 *             that calls recvfrom() until it returns 0 (the peer's FIN),
 *             then close().  When accept() fails with EMFILE (the host's
 *             SIM_NR_OPEN descriptors are all in use: `ulimit -n`), the
 *             connection stays in the listener's queue and the sink waits
 *             until a descriptor is closed, then accepts again, as a
 *             server's accept loop would; `recv` says it happened.
 *   udp-sink: recvfrom() in a loop, one datagram per call.
 *
 * Every byte read goes into its connection's SHA-256 (libcrypto's, through
 * EVP: the CPU's SHA instructions where it has them), and into the sink's
 * total only once there is a second connection: until then the total is
 * the first connection's hash, so each byte is hashed once.
 * A `recv PORT` command waits on the sink (a wait channel) until it has
 * settled.
 */
#include "sim/app.h"
#include "sim/task.h"
#include "sim/host.h"
#include "layers/sock.h"
#include "layers/tcp.h"
#include "layers/ip.h"
#include "layers/neighbour.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#define SIM_APP_READ_SIZE	65536	/* bytes asked for per recvfrom() */

struct sim_app_reader {
	struct sim_app *app;
	int fd;				/* the socket it reads */
	int conn;			/* index in app->conns, -1 = not kept */
};

/* A fresh SHA-256 context, or NULL when out of memory. */
static EVP_MD_CTX *
sim_app_sha_new(void)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (c && !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(c);
		c = NULL;
	}
	return c;
}

/* A context that is NULL (out of memory once, or a failed update) makes
 * its digest read "unknown". */
static void
sim_app_sha_update(EVP_MD_CTX **c, const u8 *buf, int n)
{
	if (*c && !EVP_DigestUpdate(*c, buf, n)) {
		EVP_MD_CTX_free(*c);
		*c = NULL;
	}
}

/* The digest of what @c has hashed so far, as hex; @c goes on. */
static void
sim_app_sha_hex(const EVP_MD_CTX *c, char hex[2 * EVP_MAX_MD_SIZE + 1])
{
	EVP_MD_CTX *tmp = c ? EVP_MD_CTX_new() : NULL;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (tmp && EVP_MD_CTX_copy_ex(tmp, c) && EVP_DigestFinal_ex(tmp, md, &len)) {
		for (unsigned int i = 0; i < len; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
	} else {
		strcpy(hex, "unknown");
	}
	EVP_MD_CTX_free(tmp);
}

static void
sim_app_free(struct sim_app *app)
{
	int n = app->nconns < SIM_APP_MAX_CONNS ? app->nconns : SIM_APP_MAX_CONNS;

	for (int i = 0; i < n; i++)
		EVP_MD_CTX_free(app->conns[i].sha);
	EVP_MD_CTX_free(app->sha);
	free(app);
}

void
sim_apps_init(struct net *net)
{
	sim_host(net)->apps = calloc(1, sizeof(*sim_host(net)->apps));
}

void
sim_apps_exit(struct net *net)
{
	if (!sim_host(net)->apps)
		return;
	for (int i = 0; i < sim_host(net)->apps->count; i++)
		sim_app_free(sim_host(net)->apps->app[i]);
	free(sim_host(net)->apps);
	sim_host(net)->apps = NULL;
}

struct sim_app *
sim_app_find(struct net *net, int proto, u16 port)
{
	if (!sim_host(net)->apps)
		return NULL;
	for (int i = 0; i < sim_host(net)->apps->count; i++)
		if (sim_host(net)->apps->app[i]->proto == proto && sim_host(net)->apps->app[i]->port == port)
			return sim_host(net)->apps->app[i];
	return NULL;
}

/* Account @n bytes read on connection @conn (-1: not kept) of @app. */
static void
sim_app_account(struct sim_app *app, int conn, const u8 *buf, int n)
{
	app->last_rx = app->net->eng->now;
	app->bytes += n;
	if (conn >= 0) {
		app->conns[conn].bytes += n;
		sim_app_sha_update(&app->conns[conn].sha, buf, n);
	}
	if (app->nconns > 1)
		sim_app_sha_update(&app->sha, buf, n);
}

/* The sink's total: the first connection's hash while it is the only one. */
static const EVP_MD_CTX *
sim_app_total_sha(const struct sim_app *app)
{
	return app->nconns == 1 ? app->conns[0].sha : app->sha;
}

/* A new connection's (or datagram's) record; -1 past SIM_APP_MAX_CONNS. */
static int
sim_app_new_conn(struct sim_app *app, int fd, const struct sockaddr_in *peer)
{
	int i = app->nconns++;
	struct sim_app_conn *c;

	if (i >= SIM_APP_MAX_CONNS)
		return -1;
	c = &app->conns[i];
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->peer_addr = peer->sin_addr.s_addr;
	c->peer_port = peer->sin_port;
	c->sha = sim_app_sha_new();
	/* A second one: from now on the total is kept apart, starting from
	 * everything so far (the first connection's bytes). */
	if (i == 1 && app->sha && (!app->conns[0].sha ||
				   !EVP_MD_CTX_copy_ex(app->sha, app->conns[0].sha))) {
		EVP_MD_CTX_free(app->sha);
		app->sha = NULL;
	}
	return i;
}

/* The reader of one accepted TCP connection: recvfrom() to EOF. */
static int
sim_app_tcp_read(struct sim_task *t)
{
	struct sim_app_reader *r = t->priv;
	struct sim_app *app = r->app;
	struct net *net = app->net;
	u8 *buf = malloc(SIM_APP_READ_SIZE);
	int n = -ENOMEM;

	while (buf) {
		n = sys_recvfrom(net, r->fd, buf, SIM_APP_READ_SIZE, 0, NULL, NULL);
		if (n <= 0)
			break;
		sim_app_account(app, r->conn, buf, n);
	}
	free(buf);
	if (n == -EAGAIN) {
		int err;
		struct socket *sock = sockfd_lookup(net, r->fd, &err);

		if (sock && sock->sk) {
			sim_task_sleep_on(t, sock->sk, SIM_WAKE_READ | SIM_WAKE_STATE);
			return -EAGAIN;
		}
	}
	/* EOF (0) or an error: the connection is over for this program. */
	sys_close(net, r->fd);
	if (r->conn >= 0) {
		app->conns[r->conn].fd = -1;
		app->conns[r->conn].eof = true;
		app->conns[r->conn].error = n < 0 ? n : 0;
	}
	app->open--;
	app->last_rx = net->eng->now;
	sim_app_fd_freed(net);
	sim_task_wake_chan(net, app);
	return n < 0 ? n : 0;
}

void
sim_app_fd_freed(struct net *net)
{
	/* The wait channel of an accept() that failed with EMFILE. */
	sim_task_wake_chan(net, net->files);
}

static void
sim_app_free_priv(struct sim_task *t)
{
	free(t->priv);
}

/* The TCP sink's main loop: accept() every connection that is ready. */
static int
sim_app_tcp_accept(struct sim_task *t)
{
	struct sim_app *app = t->priv;
	struct net *net = app->net;

	for (;;) {
		struct sockaddr_in peer;
		int len = sizeof(peer);
		struct sim_app_reader *r;
		struct sim_task *rt;
		struct socket *sock;
		int fd, err;

		memset(&peer, 0, sizeof(peer));
		fd = sys_accept(net, app->fd, (struct sockaddr *)&peer, &len);
		if (fd == -EAGAIN) {
			sock = sockfd_lookup(net, app->fd, &err);
			if (!sock)
				return err;
			sim_task_sleep_on(t, sock->sk, SIM_WAKE_READ | SIM_WAKE_STATE);
			return -EAGAIN;
		}
		if (fd == -EMFILE) {
			/* The connection is still queued: try again once a
			 * descriptor is closed (sim_app_fd_freed). */
			app->emfile++;
			sim_task_wait_chan(t, net->files);
			return -EAGAIN;
		}
		if (fd < 0)
			return fd;
		r = calloc(1, sizeof(*r));
		rt = r ? sim_task_create(net, "tcp-sink-conn", sim_app_tcp_read, r,
					 sim_app_free_priv) : NULL;
		if (!rt) {
			free(r);
			sys_close(net, fd);
			continue;
		}
		rt->daemon = true;
		r->app = app;
		r->fd = fd;
		r->conn = sim_app_new_conn(app, fd, &peer);
		app->open++;
		app->last_rx = net->eng->now;
		sim_task_start(rt);
		sim_task_wake_chan(net, app);
	}
}

/* The UDP sink's loop: one datagram per recvfrom(). */
static int
sim_app_udp_read(struct sim_task *t)
{
	struct sim_app *app = t->priv;
	struct net *net = app->net;
	u8 *buf = malloc(SIM_APP_READ_SIZE);
	int n = -ENOMEM;

	while (buf) {
		struct sockaddr_in peer;
		int len = sizeof(peer);
		int conn;

		n = sys_recvfrom(net, app->fd, buf, SIM_APP_READ_SIZE, 0,
				 (struct sockaddr *)&peer, &len);
		if (n < 0)
			break;
		conn = sim_app_new_conn(app, app->fd, &peer);
		sim_app_account(app, conn, buf, n);
		if (conn >= 0)
			app->conns[conn].eof = true;	/* a datagram is complete */
		sim_task_wake_chan(net, app);
	}
	free(buf);
	if (n == -EAGAIN) {
		int err;
		struct socket *sock = sockfd_lookup(net, app->fd, &err);

		if (sock) {
			sim_task_sleep_on(t, sock->sk, SIM_WAKE_READ);
			return -EAGAIN;
		}
	}
	return n;
}

/* socket + setsockopt + bind (+ listen): the sink's socket. */
static int
sim_app_open(struct net *net, int type, u16 port, int rcvbuf, int *fdp)
{
	struct sockaddr_in addr;
	int fd, err;

	fd = sys_socket(net, AF_INET, type, 0);
	if (fd < 0)
		return fd;
	err = rcvbuf ? sys_setsockopt(net, fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)) : 0;
	if (!err) {
		memset(&addr, 0, sizeof(addr));
		addr.sin_family = AF_INET;
		addr.sin_port = htons(port);
		addr.sin_addr.s_addr = htonl(INADDR_ANY);
		err = sys_bind(net, fd, (struct sockaddr *)&addr, sizeof(addr));
	}
	if (!err && type == SOCK_STREAM)
		err = sys_listen(net, fd, 128);
	if (err) {
		sys_close(net, fd);
		return err;
	}
	*fdp = fd;
	return 0;
}

static int
sim_app_start(struct net *net, int proto, u16 port, int rcvbuf)
{
	struct sim_app *app;
	struct sim_task *t;
	int err;

	if (!sim_host(net)->apps)
		return -ENOMEM;
	if (sim_host(net)->apps->count >= SIM_APP_MAX)
		return -EMFILE;
	if (sim_app_find(net, proto, port))
		return -EADDRINUSE;
	app = calloc(1, sizeof(*app));
	if (!app)
		return -ENOMEM;
	app->net = net;
	app->proto = proto;
	app->port = port;
	app->rcvbuf = rcvbuf;
	app->sha = sim_app_sha_new();	/* of nothing yet */
	err = app->sha ? sim_app_open(net, proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM, port,
				      rcvbuf, &app->fd) : -ENOMEM;
	if (err) {
		sim_app_free(app);
		return err;
	}
	t = sim_task_create(net, proto == IPPROTO_TCP ? "tcp-sink" : "udp-sink",
			    proto == IPPROTO_TCP ? sim_app_tcp_accept : sim_app_udp_read, app, NULL);
	if (!t) {
		sys_close(net, app->fd);
		sim_app_free(app);
		return -ENOMEM;
	}
	t->daemon = true;
	sim_host(net)->apps->app[sim_host(net)->apps->count++] = app;
	sim_task_start(t);
	return 0;
}

int
sim_app_tcp_sink(struct net *net, u16 port, int rcvbuf)
{
	return sim_app_start(net, IPPROTO_TCP, port, rcvbuf);
}

int
sim_app_udp_sink(struct net *net, u16 port)
{
	return sim_app_start(net, IPPROTO_UDP, port, 0);
}

/*
 * Connections the TCP sink has not accepted yet: established ones in the
 * listener's accept queue and half-open ones (SYN_RECV: their handshake,
 * data and FIN may still be in flight) in its SYN queue.
 */
static int
sim_app_queued(const struct sim_app *app)
{
	int err;
	struct socket *sock;

	if (app->proto != IPPROTO_TCP)
		return 0;
	sock = sockfd_lookup(app->net, app->fd, &err);
	if (!sock || !sock->sk)
		return 0;
	return sock->sk->sk_ack_backlog + inet_csk(sock->sk)->icsk_accept_queue.qlen;
}

bool
sim_app_settled(const struct sim_app *app)
{
	return app->nconns && !app->open && !sim_app_queued(app);
}

void
sim_app_report(const struct sim_app *app, FILE *out)
{
	int n = app->nconns < SIM_APP_MAX_CONNS ? app->nconns : SIM_APP_MAX_CONNS;
	char hex[2 * EVP_MAX_MD_SIZE + 1];

	sim_app_sha_hex(sim_app_total_sha(app), hex);
	fprintf(out, "%s %u: %d %s, %llu bytes, sha256 %s\n",
		app->proto == IPPROTO_TCP ? "tcp" : "udp", app->port, app->nconns,
		app->proto == IPPROTO_TCP ? "connection(s)" : "datagram(s)",
		(unsigned long long)app->bytes, hex);
	for (int i = 0; i < n; i++) {
		const struct sim_app_conn *c = &app->conns[i];

		sim_app_sha_hex(c->sha, hex);
		fprintf(out, "  %s:%u %llu bytes%s, sha256 %s\n",
			sim_ip_str(c->peer_addr).s, ntohs(c->peer_port), (unsigned long long)c->bytes,
			app->proto == IPPROTO_UDP ? "" : c->eof ? (c->error ? " (reset)" : " (closed)")
								 : " (open)", hex);
	}
	if (app->nconns > n)
		fprintf(out, "  ... and %d more (the first %d are listed)\n", app->nconns - n, n);
	if (app->emfile)
		fprintf(out, "  accept: %s (%d descriptors, ulimit -n): the connections waited in the "
			"queue until one was closed (%lu time(s))\n",
			strerror(EMFILE), SIM_NR_OPEN, app->emfile);
}
