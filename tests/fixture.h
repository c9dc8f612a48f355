/*
 * tests/fixture.h - what every Check suite builds on.
 *
 * A fixture is a world (engine, skb ledger, trace) with one or more
 * hosts made by host_create().  Fake devices stand in for the igb
 * driver where a suite tests a layer above it: their ndo_start_xmit
 * copies each frame into a list the test can read, as lwIP's tests do,
 * and fixture_inject() hands a frame to the RX path as a driver would.
 * The trace is recorded so tests can ask which functions ran.
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
#include "sim/host.h"

#include <check.h>
#include <stdio.h>

#define FX_MAX_HOSTS	4
#define FX_MAX_FRAMES	256
#define FX_MAX_EVENTS	8192

struct fixture_frame {
	const struct net_device *dev;	/* fake device that sent it */
	ktime_t ts;			/* virtual time of the send */
	unsigned int len;
	u8 data[ETH_FRAME_LEN + 64];
};

struct fixture_event {
	enum trace_kind kind;
	char host[16];
	char func[40];
	u32 skb_id;
	char fields[TRACE_FIELDS_MAX];
};

struct fixture {
	struct sim_engine eng;
	struct skb_ledger ledger;
	struct trace trace;
	struct net *host[FX_MAX_HOSTS];
	int nhosts;
	struct fixture_frame frames[FX_MAX_FRAMES];	/* sent by fake devices */
	int nframes;
	struct fixture_event events[FX_MAX_EVENTS];	/* recorded trace */
	int nevents;
	unsigned long overflow;		/* events that did not fit: teardown fails */
};

/* Hosts are named "h0", "h1", ... */
void fixture_setup(struct fixture *fx, int nhosts);
void fixture_teardown(struct fixture *fx);	/* ck_assert: no live skb, no lost event */
/* Forget what was recorded so far (the test looks from here on). */
void fixture_forget(struct fixture *fx);
/* For a test that never looks at the trace and makes more events than
 * FX_MAX_EVENTS: record nothing from now on. */
void fixture_stop_recording(struct fixture *fx);

/* A registered, up Ethernet device with a fake driver and an address
 * (addr 0: none).  MAC is 02:00:00:00:<host>:<ifindex>. */
struct net_device *fixture_fake_dev(struct fixture *fx, struct net *h, const char *name,
				    const char *cidr);
/* Hand @len bytes to @dev's receive path (eth_type_trans + netif_receive_skb). */
void fixture_inject(struct net_device *dev, const u8 *frame, unsigned int len);
/* Run the engine until idle (bounded). */
void fixture_run(struct fixture *fx);

/* Trace queries: number of "enter" events of @func (on any host if @host NULL). */
int fixture_count(const struct fixture *fx, const char *host, const char *func);
/* Index of the first enter event of @func at or after @from, -1 if none. */
int fixture_find(const struct fixture *fx, int from, const char *func);

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
 * Add to @s a test case named @name holding @tests (NULL-terminated), with
 * a checked fixture @setup/@teardown (none if both NULL) and a timeout of
 * @timeout seconds (check's default if 0).
 */
void fixture_add_tcase(Suite *s, const char *name, SFun setup, SFun teardown, int timeout,
		       const TTest *const tests[]);

#endif
