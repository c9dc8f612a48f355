/*
 * tests/fixture.h - what every Check suite builds on.
 *
 * A fixture is a world (engine, skb ledger, trace) with one or more
 * hosts made by host_create().  Fake devices stand in for the igb
 * driver where a suite tests a layer above it: their ndo_start_xmit
 * copies each frame into a list the test can read, as lwIP's tests do,
 * and fixture_inject() hands a frame to the RX path as a driver would.
 * The trace is recorded (struct fixture_recorder) so tests can ask
 * which functions ran and with what fields.
 *
 * fixture_teardown() destroys the hosts and fails the test if any skb
 * is still alive.
 */
#ifndef NETSTEP_TESTS_FIXTURE_H
#define NETSTEP_TESTS_FIXTURE_H

#include "kernel/engine.h"
#include "kernel/trace.h"
#include "layers/skbuff.h"
#include "layers/netdevice.h"
#include "layers/sock.h"
#include "sim/host.h"

#include <check.h>
#include <stdio.h>

#define FX_MAX_HOSTS	4
#define FX_MAX_FRAMES	256
#define FX_MAX_EVENTS	(1 << 19)	/* 32 MiB of records, touched only as used */

struct fixture_frame {
	const struct net_device *dev;	/* fake device that sent it */
	ktime_t ts;			/* virtual time of the send */
	unsigned int len;
	u8 data[ETH_FRAME_LEN + 64];
};

/*
 * The test recorder: every event a trace hands its sinks, kept as its
 * binary record (struct trace_rec, 64 bytes: kind, time, call site, host
 * index, skb id, the event's typed fields), so hundreds of thousands fit.
 * A test names events by their declaration, never by a string:
 *
 *	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", igb_xmit_frame), 1);
 *	i = FX_FIND(&fx.rec, 0, "h0", nf_hook);
 *	ck_assert_uint_eq(FX_DATA(&fx.rec, i, nf_hook)->verdict, NF_DROP);
 *
 * FX_COUNT(r, host, name) expands to the descriptor &tp_ev_<name> and
 * FX_DATA to tp_data_<name> (include the events/ header that declares
 * it), so an event or field that is renamed or removed does not compile.
 * The struct is packed: read its fields by value.  An event of a
 * function matches its "enter" record, a note its note.  Host NULL: any
 * host.  What does not fit is counted, and fixture_recorder_close()
 * fails the test: a count of 0 may not hide events that were dropped.
 */
struct fixture_recorder {
	struct trace *trace;		/* recorded; its hosts[] is what rec.host indexes */
	struct trace_rec *ev;		/* FX_MAX_EVENTS records, on the heap */
	int nevents;			/* recorded so far */
	unsigned long overflow;		/* did not fit: close fails the test */
};

struct fixture {
	struct sim_engine eng;
	struct skb_ledger ledger;
	struct trace trace;
	struct net *host[FX_MAX_HOSTS];
	int nhosts;
	struct fixture_frame frames[FX_MAX_FRAMES];	/* sent by fake devices */
	int nframes;
	struct fixture_recorder rec;	/* the trace, from fixture_setup on */
};

/* Hosts are named "h0", "h1", ... */
void fixture_setup(struct fixture *fx, int nhosts);
/* One host more, "h<nhosts>" (a test that watches the trace from before
 * a host exists sets up 0 hosts, then adds them). */
struct net *fixture_add_host(struct fixture *fx);
void fixture_teardown(struct fixture *fx);	/* ck_assert: no live skb, no lost event */
/* Forget what was recorded so far (the test looks from here on). */
void fixture_forget(struct fixture *fx);
/* For a test that never looks at the trace and makes more events than
 * FX_MAX_EVENTS: record nothing from now on. */
void fixture_stop_recording(struct fixture *fx);

/* A registered, up Ethernet device with a fake driver and an address
 * (addr 0: none).  MAC is 02:00:00:00:<host>:<n>, the n-th NIC of the host (ifindex n + 1:
 * lo is 1). */
struct net_device *fixture_fake_dev(struct fixture *fx, struct net *h, const char *name,
				    const char *cidr);
/* A permanent neighbour entry: @ip is @mac on @dev (no ARP). */
void fixture_neigh_static(struct net *h, struct net_device *dev, const char *ip, const u8 *mac);
/* Hand @len bytes to @dev's receive path (eth_type_trans + netif_receive_skb). */
void fixture_inject(struct net_device *dev, const u8 *frame, unsigned int len);
/* A minimal Ethernet frame for @h's lo, zero MACs and an EtherType nobody
 * takes (0x88b5, IEEE local experimental): sent, it comes back up the
 * backlog and is only counted. */
struct sk_buff *fixture_lo_frame(struct net *h);
/* Run the engine until idle (bounded). */
void fixture_run(struct fixture *fx);

/* Record every event of @tr from now on (ck_assert: memory). */
void fixture_recorder_open(struct fixture_recorder *r, struct trace *tr);
/* Record nothing more; what was recorded stays readable. */
void fixture_recorder_stop(struct fixture_recorder *r);
/* Forget what was recorded so far, and what did not fit. */
void fixture_recorder_forget(struct fixture_recorder *r);
/* Stop, free, and ck_assert that every event fitted. */
void fixture_recorder_close(struct fixture_recorder *r);

/* Number of events @ev (enters, or notes) on @host (NULL: any). */
int fixture_count(const struct fixture_recorder *r, const char *host,
		  const struct trace_event_desc *ev);
/* Index of the first event @ev on @host at or after @from, -1 if none. */
int fixture_find(const struct fixture_recorder *r, int from, const char *host,
		 const struct trace_event_desc *ev);
/* The name of the host of record @i ("h0", "student"; "-" for none). */
const char *fixture_host(const struct fixture_recorder *r, int i);

#define FX_COUNT(r, host, name)		fixture_count((r), (host), &tp_ev_##name)
#define FX_FIND(r, from, host, name)	fixture_find((r), (from), (host), &tp_ev_##name)
/* The fields of record @i as tp_data_<name> (NULL if it is another event). */
#define FX_DATA(r, i, name)		TP_REC_DATA(&(r)->ev[i], name)
/* Each index @i of an event @name on @host, in order, from @from on. */
#define FX_FOR_EACH(r, i, from, host, name)					\
	for (int i = FX_FIND((r), (from), (host), name); i >= 0;		\
	     i = FX_FIND((r), i + 1, (host), name))

/* Build a valid IPv4 header + payload Ethernet frame (for RX tests). */
unsigned int fixture_build_ip(u8 *buf, const u8 *dmac, const u8 *smac, const char *saddr,
			      const char *daddr, u8 proto, const void *payload,
			      unsigned int plen);
__be32 fx_addr(const char *dotted);	/* inet_addr wrapper, aborts on junk */
/*
 * RFC 1071 Internet checksum of @len bytes, starting from the partial sum
 * @sum (a pseudo-header's, or 0): the complemented 16-bit result in host
 * order, so 0 over data that carries a valid checksum.  The tests' own, so
 * that the stack's checksum code is never trusted to check itself.
 */
u16 fixture_csum(const void *data, size_t len, u32 sum);
/*
 * SHA-256 as 64 hex digits (libcrypto, in one call), of @len bytes at
 * @data, or of the first @n bytes of the pattern `send N` sends (byte k
 * is k % 251): what a sink's report must say.
 */
void fixture_sha256_hex(const void *data, size_t len, char hex[65]);
void fixture_pattern_sha256(size_t n, char hex[65]);

/*
 * Raw ICMP sockets as ping opens them (tests/check_ip.c, check_loopback.c):
 * fixture_raw_socket gives the descriptor of one with IP_RECVERR and
 * IP_MTU_DISCOVER @pmtudisc; fixture_raw_send is sendmsg() of @len bytes of
 * @msg (an ICMP header and data) to @daddr; fixture_raw_recv_error reads one
 * report of the error queue as ping does (recvmsg(MSG_ERRQUEUE), checking
 * the control message): 0 and *@e, or -EAGAIN when there is none.
 */
struct fixture_errq {
	struct sock_extended_err ee;
	__be32 offender;		/* SO_EE_OFFENDER */
	__be32 target;			/* msg_name: the quoted destination */
	u16 seq;			/* the quoted echo request's */
};
int fixture_raw_socket(struct net *h, int pmtudisc);
int fixture_raw_send(struct net *h, int fd, const char *daddr, const void *msg, unsigned int len);
int fixture_raw_recv_error(struct net *h, int fd, struct fixture_errq *e);

/*
 * A tool's or console's out and err captured in memory.  After open and
 * after every flush, outbuf and errbuf are NUL-terminated strings of all
 * that was written so far (empty at first).
 */
struct fixture_capture {
	FILE *out, *err;
	char *outbuf, *errbuf;
	size_t outlen, errlen;
};
void fixture_capture_open(struct fixture_capture *c);	/* ck_assert: both opened */
void fixture_capture_flush(struct fixture_capture *c);
void fixture_capture_close(struct fixture_capture *c);	/* frees the buffers too */

/*
 * The whole classroom world on the heap, with @con writing into @c.
 * fixture_world_close() ck_asserts that no skb leaked.
 */
struct sim_world;
struct sim_console;
struct sim_world *fixture_world_open(struct sim_console *con, struct fixture_capture *c,
				     u32 seed);
void fixture_world_close(struct sim_world *w, struct fixture_capture *c);
/* console_run_script, then flush @c so its buffers hold the output. */
int fixture_console_run(struct sim_console *con, struct fixture_capture *c, const char *script);

/*
 * The reference scenarios: ping through the router, a TCP send with
 * loss, UDP with fragments and a full ring, an ARP that fails.  The
 * trace's coverage test runs them first; every function they run has
 * its line in the UI (tests/check_ui_explain.c).
 */
struct fixture_script {
	const char *script;
	int status;		/* 0, or the first failure, caused on purpose (a ping
				 * nobody answers: 1) */
};
extern const struct fixture_script fixture_reference_scripts[];
extern const size_t fixture_nreference_scripts;

/*
 * Add to @s a test case named @name holding @tests (NULL-terminated), with
 * a checked fixture @setup/@teardown (none if both NULL) and a timeout of
 * @timeout seconds (check's default if 0).
 */
void fixture_add_tcase(Suite *s, const char *name, SFun setup, SFun teardown, int timeout,
		       const TTest *const tests[]);

#endif
