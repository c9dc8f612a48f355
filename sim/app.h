/*
 * sim/app.h - the server applications: byte sinks that prove delivery.
 *
 * No kernel counterpart: these are user-space programs (think
 * `nc -lk 9000 | sha256sum`).  A TCP sink listens, accepts every
 * connection and reads each to EOF; a UDP sink reads datagrams.  Both
 * count bytes and hash them (SHA-256 per connection and for everything,
 * with OpenSSL's libcrypto), so `recv PORT` and the tests can check what
 * arrived.
 *
 * The server of the default topology runs a TCP sink on 9000 and a UDP
 * sink on 9001 from the start; `listen PORT [rcvbuf BYTES]` starts more.
 * NOTE: ports Wireshark's default profile shows as plain payload: 5000
 * would be dissected as GSM IPA/RSL and 7000 as Gryphon, and the bytes
 * of `send N` then show as "[Malformed Packet]" (README, "Sockets: ports, patterns...").
 */
#ifndef NETSTEP_SIM_APP_H
#define NETSTEP_SIM_APP_H

#include "kernel/types.h"
#include <stdio.h>

struct net;
/* libcrypto's EVP_MD_CTX (its header clashes with layers/sock.h: sk_free) */
struct evp_md_ctx_st;

#define SIM_APP_TCP_SINK_PORT	9000
#define SIM_APP_UDP_SINK_PORT	9001
#define SIM_APP_MAX_CONNS	64	/* per sink, the ones it remembers */
#define SIM_APP_MAX		16	/* sinks per host */

/* One accepted connection (or, for UDP, one datagram's sender). */
struct sim_app_conn {
	int fd;				/* the accepted socket, -1 once closed */
	__be32 peer_addr;
	__be16 peer_port;
	u64 bytes;			/* payload received */
	bool eof;			/* read returned 0 (FIN) or an error */
	int error;			/* -Exxx that ended it, 0 = clean EOF */
	struct evp_md_ctx_st *sha;	/* SHA-256 of this connection's stream */
};

struct sim_app {
	struct net *net;
	int proto;			/* IPPROTO_TCP or IPPROTO_UDP */
	u16 port;			/* local port it listens on */
	int fd;				/* listening / bound socket */
	int rcvbuf;			/* SO_RCVBUF for accepted sockets, 0 = default */
	int nconns;			/* connections accepted, datagrams read */
	int open;			/* accepted connections not yet at EOF */
	unsigned long emfile;		/* accept() failed: descriptor table full */
	ktime_t last_rx;		/* virtual time of the last accept, read or EOF */
	struct sim_app_conn conns[SIM_APP_MAX_CONNS];	/* the first ones */
	u64 bytes;			/* all bytes received */
	/*
	 * SHA-256 of everything, in arrival order.  Each byte is hashed once
	 * while there is one connection (or datagram): the total is then
	 * conns[0]'s, and this starts as a copy of it when a second arrives.
	 */
	struct evp_md_ctx_st *sha;
};

struct sim_apps {
	struct sim_app *app[SIM_APP_MAX];
	int count;
};

void sim_apps_init(struct net *net);
void sim_apps_exit(struct net *net);
/* Start a sink; 0 or -Exxx (-EADDRINUSE, -EMFILE ...). */
int sim_app_tcp_sink(struct net *net, u16 port, int rcvbuf);
int sim_app_udp_sink(struct net *net, u16 port);
struct sim_app *sim_app_find(struct net *net, int proto, u16 port);
/* The sink's report line, as `recv PORT` prints it. */
void sim_app_report(const struct sim_app *app, FILE *out);
/*
 * true once the sink has something and every connection reached EOF:
 * every one it accepted (not only those it remembers) and none still
 * waiting in the listener's queue.
 */
bool sim_app_settled(const struct sim_app *app);
/*
 * A descriptor of @net was closed: a TCP sink whose accept() failed with
 * EMFILE (every descriptor in use) tries again, as a server's accept loop
 * does on its next turn.
 */
void sim_app_fd_freed(struct net *net);

#endif
