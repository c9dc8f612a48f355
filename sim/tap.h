/*
 * sim/tap.h - the TAP wire: the real Linux kernel at the far end of the
 * student's cable.
 *
 * No kernel counterpart on netstep's side; on the real kernel's side
 * this is drivers/net/tun.c (a TAP device, IFF_TAP | IFF_NO_PI: whole
 * Ethernet frames, no packet-information header).  Read sim/wire.h
 * first: the TAP wire is an ordinary struct sim_link whose far port
 * belongs to no card.  Frames that reach that port are written to the
 * TAP file descriptor, and frames read from the descriptor leave that
 * port towards the student's NIC, so the card model, the driver and
 * every layer above run exactly as on the simulated wire.
 *
 * The TAP world holds only the student's host (its igb NIC eth0 plugged
 * into the TAP, the address from --addr, the default route via --gw):
 * the router and the server are the real kernel (see lab/lab.sh).
 * The engine runs in wall-clock mode (kernel/engine.h, struct sim_wall)
 * and sleeps on the TAP descriptor between events.
 *
 * Leaves out: multiqueue TAP (IFF_MULTI_QUEUE), vnet headers and
 * offloads (IFF_VNET_HDR), checksum offload: every frame carries its
 * final checksums.
 */
#ifndef NETSTEP_SIM_TAP_H
#define NETSTEP_SIM_TAP_H

#include "sim/tap_writer.h"
#include "sim/topology.h"
#include "sim/wire.h"

#define TAP_DEFAULT_NAME	"nstap0"
#define TAP_MAX_FRAME		65536	/* one read() of the descriptor */
#define TAP_READ_BURST		64	/* frames read per wake-up */
/* Wire time the kernel's frames may queue for the line before netstep
 * stops reading the TAP (2 ms: about 160 full-size frames at 1 Gbit/s). */
#define TAP_RX_BACKLOG_NS	((ktime_t)(2 * NSEC_PER_MSEC))

/* Errors of tap_open() that the user can fix: exit status 2. */
#define TAP_EPERM_HINT							\
	"run it with sudo, or once: sudo setcap cap_net_admin+ep ./netstep, or use --wire sim"

/* The engine's side; what write() did is the writer's (tap_writer_stats). */
struct tap_stats {
	unsigned long rx_frames;	/* read from the kernel (into netstep) */
	unsigned long rx_bytes;
	unsigned long tx_frames;	/* handed to the writer thread for the kernel */
	unsigned long tx_bytes;
	unsigned long tx_errors;	/* lost before the TAP: its writer's ring full, or none */
	unsigned long rx_errors;	/* read() failed */
	unsigned long rx_paused;	/* reading stopped: the line was full */
};

/* Addresses of the student's host in the TAP world. */
struct tap_config {
	__be32 addr;			/* 10.0.0.2 */
	int prefixlen;			/* 24 */
	__be32 gw;			/* 10.0.0.1; 0: no default route */
};

struct sim_tapdev {
	int fd;				/* /dev/net/tun, attached to the device */
	char name[16];			/* IFNAMSIZ */
	bool created;			/* we made it (vanishes when fd closes) */
	struct sim_port port;		/* the kernel's end of the cable */
	struct sim_link *link;		/* student eth0 <-> port */
	struct sim_engine *eng;		/* set by tap_world_create */
	struct tap_config cfg;		/* the addresses the world was built with */
	struct sim_wall wall;		/* the engine sleeps on fd (-1: paused) */
	struct sim_event resume;	/* watch fd again: the line has room */
	struct tap_writer writer;	/* writes the frames to fd (sim/tap_writer.h) */
	bool writing;			/* the writer runs (not on a stub) */
	struct tap_stats stats;
	u8 buf[TAP_MAX_FRAME];		/* one frame read from the kernel */
};

/*
 * Open (create, or attach to an existing persistent) TAP device @name.
 * NULL on failure with one line in @err; *@perm is set when the cause is
 * missing privilege (EPERM/EACCES), which the caller reports with
 * TAP_EPERM_HINT and exit status 2.
 */
struct sim_tapdev *tap_open(const char *name, char *err, size_t errlen, bool *perm);
/* Stop the writer (what it holds is written), close the descriptor and
 * free.  The engine must be out of wall mode. */
void tap_close(struct sim_tapdev *tap);

/*
 * Build the TAP world around an open @tap: only the student's host.
 * 0 or -Exxx (everything built so far freed).  On success the engine
 * is in wall-clock mode.
 */
int tap_world_create(struct sim_world *w, u32 seed, struct sim_tapdev *tap,
		     const struct tap_config *cfg);
/*
 * Drain on exit: the script has ended; let the world run (wall clock)
 * until nothing is left to send or to hear acknowledged (ARP queues,
 * qdiscs, TX rings, frames on the wire, TCP data and FINs not yet
 * acknowledged) or @limit ns have passed.  Whatever is still left is
 * said on @err, one line each.  Returns how many things were abandoned.
 */
#define TAP_DRAIN_NS		(5 * (ktime_t)NSEC_PER_SEC)	/* README: "drain on exit" */
#define TAP_DRAIN_STEP_NS	(10 * (ktime_t)NSEC_PER_MSEC)	/* re-check this often */
#define TAP_DRAIN_MAX_EVENTS	10000000ULL	/* per step: an event storm ends it */
int tap_drain(struct sim_world *w, struct sim_tapdev *tap, ktime_t limit, FILE *err);
/*
 * A world shaped like the TAP world of @like, to check a script on
 * before it runs there (sim/console.c): the student's host alone, with
 * the same addresses, its NIC plugged into a stub TAP that is never
 * read or written; no wall clock.  0 or -Exxx.  w->tap is the stub:
 * tap_world_destroy(w, w->tap) frees both.
 */
int tap_world_create_scratch(struct sim_world *w, u32 seed, const struct sim_tapdev *like);
/* Tear the world down, then close and free @tap. */
void tap_world_destroy(struct sim_world *w, struct sim_tapdev *tap);

/* Parse "10.0.0.2/24" (prefix 1..32) or "10.0.0.1": 0 or -EINVAL. */
int tap_parse_cidr(const char *s, __be32 *addr, int *prefixlen);
int tap_parse_addr(const char *s, __be32 *addr);

#endif
