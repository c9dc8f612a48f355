/*
 * sim/wire.h - the simulated wire: links between the ports of NICs.
 *
 * No kernel counterpart.  A port is the network side of one card (the
 * RJ45 socket); a link joins two ports with a propagation delay, a
 * serialisation rate, an MTU and an optional loss rate.  The card calls
 * sim_port_xmit() when its DMA fetch has a whole frame; the link hands
 * the bytes to the far port's rx() after the frame's serialisation time
 * plus the delay, unless the loss dice say otherwise.  Each direction
 * carries one frame at a time: a frame handed over while the line is
 * still busy starts when the previous one has finished.
 *
 * Taps (the pcap writer, tests) wrap a port: they see every frame that
 * leaves it and every frame delivered to it, with the virtual time.
 *
 * The TAP wire (a later issue) is another kind of link whose far end is
 * a file descriptor; cards never know which kind they are plugged into.
 */
#ifndef NETSTEP_SIM_WIRE_H
#define NETSTEP_SIM_WIRE_H

#include "kernel/engine.h"

struct sim_port;
struct sim_link;

enum sim_dir { SIM_DIR_TX, SIM_DIR_RX };

struct sim_tap {
	void (*frame)(void *arg, const struct sim_port *port, enum sim_dir dir,
		      const u8 *frame, unsigned int len, ktime_t ts);
	void *arg;			/* handed back to frame() */
};

#define SIM_PORT_MAX_TAPS 4

struct sim_port {
	struct sim_link *link;		/* NULL: unplugged, frames vanish */
	int side;			/* 0 or 1 on its link */
	char name[24];			/* "student:eth0" */
	/* Set by the card: a frame arrived from the wire. */
	void (*rx)(struct sim_port *port, const u8 *frame, unsigned int len);
	void *owner;			/* the card */
	struct sim_tap taps[SIM_PORT_MAX_TAPS];
	int ntaps;
	unsigned long tx_frames;	/* frames that left this port */
	unsigned long rx_frames;	/* frames delivered to this port */
};

struct sim_link_stats {
	unsigned long frames;		/* frames carried */
	unsigned long lost;		/* dropped by the loss dice */
	unsigned long giants;		/* longer than mtu + ETH_HLEN */
};

struct sim_link {
	struct sim_engine *eng;
	struct sim_port *end[2];	/* the two ports it joins */
	u64 rate_bps;			/* serialisation rate, 1 Gbit/s */
	ktime_t delay;			/* propagation delay, ns */
	unsigned int mtu;		/* largest IP packet it carries */
	u32 loss_ppm;			/* frames lost per million */
	struct sim_link_stats stats;
	struct list_head inflight;	/* frames on the wire, in arrival order */
	ktime_t busy_until[2];		/* per sending side: line busy until */
};

void sim_port_init(struct sim_port *port, const char *name,
		   void (*rx)(struct sim_port *, const u8 *, unsigned int), void *owner);
int sim_port_add_tap(struct sim_port *port, const struct sim_tap *tap);
/* A frame leaves @port now (the card's DMA fetch completed). */
void sim_port_xmit(struct sim_port *port, const u8 *frame, unsigned int len);
/* Time the frame occupies the link: what the card waits before the next. */
ktime_t sim_port_tx_time(const struct sim_port *port, unsigned int len);
/* How long a frame handed to @port now waits for the line (0: free). */
ktime_t sim_link_backlog(const struct sim_port *port);
/* Frames on @link on their way to @to. */
unsigned int sim_link_inflight(const struct sim_link *link, const struct sim_port *to);

struct sim_link *sim_link_create(struct sim_engine *eng, struct sim_port *a,
				 struct sim_port *b);
void sim_link_destroy(struct sim_link *link);

#endif
