/*
 * sim/wire.h - the simulated wire: links between the ports of NICs.
 *
 * No kernel counterpart.  A port is the network side of one card (the
 * RJ45 socket, nic/port.h); a link joins two ports with a propagation delay, a
 * serialisation rate, an MTU and an optional loss rate.  The card calls
 * sim_port_xmit() when its DMA fetch has a whole frame; the link hands
 * the bytes to the far port's rx() after the frame's serialisation time
 * plus the delay, unless the loss dice say otherwise.  Each direction
 * carries one frame at a time: a frame handed over while the line is
 * still busy starts when the previous one has finished.
 *
 * A link plugs into its ports through their ops (nic/port.h), so the
 * card calls the link without knowing it.  The TAP wire (sim/tap.c) is
 * a link whose far port belongs to the kernel's end of a TAP device.
 */
#ifndef NETSTEP_SIM_WIRE_H
#define NETSTEP_SIM_WIRE_H

#include "kernel/engine.h"
#include "nic/port.h"

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
	struct list_head spare;		/* arrived frames' records, for reuse */
	unsigned int nspare;
	ktime_t busy_until[2];		/* per sending side: line busy until */
};

/* How long a frame handed to @port now waits for the line (0: free). */
ktime_t sim_link_backlog(const struct sim_port *port);
/* Frames on @link on their way to @to. */
unsigned int sim_link_inflight(const struct sim_link *link, const struct sim_port *to);

struct sim_link *sim_link_create(struct sim_engine *eng, struct sim_port *a,
				 struct sim_port *b);
void sim_link_destroy(struct sim_link *link);

#endif
