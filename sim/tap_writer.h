/*
 * sim/tap_writer.h - the TAP wire's writer thread: frames the model puts
 * on the cable are written to the TAP from a second thread.
 *
 * No kernel counterpart.  Read sim/tap.c first.  A write() to a TAP runs
 * the kernel's whole receive path for the frame before it returns
 * (tun_get_user -> netif_rx_ni -> IP, TCP, forwarding ...), about half
 * of the CPU time of a transfer towards the kernel.  Done in the engine's
 * thread, it holds up the model; here the engine only copies the frame
 * into a queue (tap_writer_queue) and a thread that never touches the
 * model writes it, so the two run on two cores.
 *
 * The queue is a ring of bytes holding [length][frame] records, one
 * producer (the engine) and one consumer (the writer), guarded by one
 * mutex; the bytes of a record are written before the record is
 * published and read only after.  When the ring is full the frame is
 * lost, as a host's NIC drops what its CPU does not take in time (the
 * count is in the writer's stats), and TCP retransmits.
 *
 * A small frame finding nothing queued is written at once by the engine
 * (TAP_WRITER_DIRECT_MAX): the hand-over costs a wake-up of the thread,
 * and when the cores are busy a wait for one, which the kernel's sender,
 * waiting for that ACK to open its window, would feel.  Frames still
 * leave in the order they came: nothing queued is left to overtake.
 *
 * Only the TAP wire starts a writer; the simulated wire has no thread,
 * and the engine stays single-threaded and deterministic.
 */
#ifndef NETSTEP_SIM_TAP_WRITER_H
#define NETSTEP_SIM_TAP_WRITER_H

#include "kernel/types.h"

#include <pthread.h>

/* 8 ms of full-size frames at 1 Gbit/s, and a jumbo frame fits easily. */
#define TAP_WRITER_RING		(1u << 20)
/* A frame this small (a pure ACK, ARP) is written by the caller itself
 * when nothing is queued: the hand-over would only delay it. */
#define TAP_WRITER_DIRECT_MAX	128

struct tap_writer_stats {
	unsigned long frames;		/* written to the TAP */
	unsigned long bytes;
	unsigned long errors;		/* write() refused (TAP down, its queue full) */
	unsigned long dropped;		/* the ring was full: never written */
};

struct tap_writer {
	int fd;				/* the TAP, written by the thread only */
	pthread_t thread;
	pthread_mutex_t lock;		/* guards everything below */
	pthread_cond_t wake;		/* records queued, or stop */
	u8 *ring;			/* TAP_WRITER_RING bytes of records */
	size_t head;			/* bytes ever queued (the producer's) */
	size_t tail;			/* bytes ever taken (the consumer's) */
	bool idle;			/* the thread waits on wake */
	bool stop;			/* write what is queued, then exit */
	struct tap_writer_stats stats;
};

/* Start the thread writing to @fd: 0 or -Exxx (nothing to undo). */
int tap_writer_start(struct tap_writer *w, int fd);
/* Queue one frame (the engine's thread): false if the ring is full. */
bool tap_writer_queue(struct tap_writer *w, const u8 *frame, unsigned int len);
/* Write what is queued, end the thread, free the ring; the final counts. */
struct tap_writer_stats tap_writer_stop(struct tap_writer *w);

#endif
