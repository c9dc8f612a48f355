/*
 * layers/tcp_cubic.h - CUBIC's per-connection state, for layers/tcp_cubic.c,
 * its trace events (events/tcp_cong.h) and tests/check_tcp_cubic.c.
 *
 * Mirrors the top of net/ipv4/tcp_cubic.c (Linux 3.10.108), where struct
 * bictcp and the constants are private to the module.  The state lives
 * in the socket's congestion-control area (inet_csk_ca(sk)).
 */
#ifndef NETSTEP_LAYERS_TCP_CUBIC_H
#define NETSTEP_LAYERS_TCP_CUBIC_H

#include "kernel/types.h"

#define BICTCP_BETA_SCALE	1024	/* beta is in 1024ths */
#define BICTCP_HZ		10	/* CUBIC's clock: 2^10 ticks per second */

/* HyStart's two ways of finding the end of slow start (ca->found). */
#define HYSTART_ACK_TRAIN	0x1	/* the ACKs of a round kept coming, closely spaced */
#define HYSTART_DELAY		0x2	/* the round's RTT rose above the minimum */

#define ACK_RATIO_SHIFT		4	/* delayed_ack is packets per ACK << 4 */
#define ACK_RATIO_LIMIT		(32u << ACK_RATIO_SHIFT)

/* BIC/CUBIC's state; it fits in ICSK_CA_PRIV_SIZE, as 3.10 checks. */
struct bictcp {
	u32 cnt;		/* cwnd grows by 1 after this many ACKs */
	u32 last_max_cwnd;	/* W_max: cwnd before the last reduction */
	u32 loss_cwnd;		/* cwnd at the last loss (undo returns to it) */
	u32 last_cwnd;		/* cwnd when cnt was last computed */
	u32 last_time;		/* ... and when (jiffies) */
	u32 bic_origin_point;	/* the cubic's plateau, segments */
	u32 bic_K;		/* time from the epoch's start to the plateau, 2^-10 s */
	u32 delay_min;		/* smallest RTT seen, ms << 3 */
	u32 epoch_start;	/* jiffies the growth epoch began; 0: none */
	u32 ack_cnt;		/* ACKs in this epoch (Reno-friendly estimate) */
	u32 tcp_cwnd;		/* the cwnd Reno would have now */
	u16 delayed_ack;	/* packets per ACK << ACK_RATIO_SHIFT, averaged */
	u8 sample_cnt;		/* RTT samples of this round (HyStart) */
	u8 found;		/* HYSTART_* that ended slow start */
	u32 round_start;	/* ms the HyStart round began */
	u32 end_seq;		/* snd_nxt then: the round ends when it is ACKed */
	u32 last_ack;		/* ms of the last ACK of a closely spaced train */
	u32 curr_rtt;		/* smallest RTT of this round's first samples, ms << 3 */
};

/* NOTE: static in 3.10; here for the unit tests' hand-computed values. */
u32 cubic_root(u64 a);

#endif
