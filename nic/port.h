/*
 * nic/port.h - the network side of a card: the socket a cable plugs
 * into.
 *
 * No kernel counterpart: this is hardware.  The card (nic/sim_82576.c)
 * hands a whole frame to its port when its DMA fetch completes, and
 * asks how long the frame occupies the line; what is plugged in (the
 * simulated wire of sim/wire.c, or the TAP wire of sim/tap.c) does the
 * rest through the port's ops and calls the port's rx() with frames
 * that arrive.  The card never knows which kind of cable it has.
 *
 * Taps (the pcap writer, tests) watch a port: they see every frame that
 * leaves it and every frame delivered to it, with the time.
 */
#ifndef NETSTEP_NIC_PORT_H
#define NETSTEP_NIC_PORT_H

#include "kernel/types.h"

#include <string.h>

struct sim_port;
struct sim_link;

enum sim_dir { SIM_DIR_TX, SIM_DIR_RX };

struct sim_tap {
	void (*frame)(void *arg, const struct sim_port *port, enum sim_dir dir,
		      const u8 *frame, unsigned int len, ktime_t ts);
	void *arg;			/* handed back to frame() */
};

/* What the cable plugged into a port does. */
struct sim_port_ops {
	/* Carry a frame that leaves @port now (it taps and counts it). */
	void (*xmit)(struct sim_port *port, const u8 *frame, unsigned int len);
	/* Time a frame of @len bytes occupies the line. */
	ktime_t (*tx_time)(const struct sim_port *port, unsigned int len);
};

#define SIM_PORT_MAX_TAPS 4

struct sim_port {
	const struct sim_port_ops *ops;	/* NULL: unplugged, frames vanish */
	struct sim_link *link;		/* the cable's own state */
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

/* Serialisation time of @len bytes plus preamble, SFD, FCS and the
 * inter-frame gap at @rate_bps. */
static inline ktime_t
sim_line_time(unsigned int len, u64 rate_bps)
{
	u64 bits = (u64)(len + 4 + 8 + 12) * 8;	/* FCS, preamble+SFD, gap */

	return bits * NSEC_PER_SEC / rate_bps;
}

static inline void
sim_port_init(struct sim_port *port, const char *name,
	      void (*rx)(struct sim_port *, const u8 *, unsigned int), void *owner)
{
	memset(port, 0, sizeof(*port));
	strncpy(port->name, name, sizeof(port->name) - 1);
	port->rx = rx;
	port->owner = owner;
}

static inline int
sim_port_add_tap(struct sim_port *port, const struct sim_tap *tap)
{
	if (port->ntaps == SIM_PORT_MAX_TAPS)
		return -ENOSPC;
	port->taps[port->ntaps++] = *tap;
	return 0;
}

static inline void
sim_port_tap(const struct sim_port *port, enum sim_dir dir, const u8 *frame,
	     unsigned int len, ktime_t ts)
{
	for (int i = 0; i < port->ntaps; i++)
		port->taps[i].frame(port->taps[i].arg, port, dir, frame, len, ts);
}

/* A frame leaves @port now (the card's DMA fetch completed). */
static inline void
sim_port_xmit(struct sim_port *port, const u8 *frame, unsigned int len)
{
	if (port->ops) {
		port->ops->xmit(port, frame, len);
		return;
	}
	port->tx_frames++;	/* unplugged: the frame goes nowhere */
	sim_port_tap(port, SIM_DIR_TX, frame, len, 0);
}

/* Time the frame occupies the line: what the card waits before the next
 * (an unplugged port at the card's own 1 Gbit/s). */
static inline ktime_t
sim_port_tx_time(const struct sim_port *port, unsigned int len)
{
	return port->ops ? port->ops->tx_time(port, len) : sim_line_time(len, 1000000000ULL);
}

#endif
