/*
 * layers/tcp_input_priv.h - what the three parts of TCP's receive side
 * share: the FLAG_* bits an ACK is summed up in, and the functions that
 * cross from one part to another.
 *
 * No kernel counterpart: 3.10 keeps all of it in net/ipv4/tcp_input.c
 * (static functions, the FLAG_* defines at its top).  netstep splits that
 * file in three, each read beside the same kernel file:
 *   layers/tcp_input.c           ACKs in general, data, the state machine
 *   layers/tcp_input_sack.c      the SACK scoreboard (tcp_sacktag_write_queue)
 *   layers/tcp_input_recovery.c  loss recovery (tcp_fastretrans_alert, PRR,
 *                                undo, F-RTO, early retransmit, TLP's ACKs)
 */
#ifndef NETSTEP_LAYERS_TCP_INPUT_PRIV_H
#define NETSTEP_LAYERS_TCP_INPUT_PRIV_H

#include "layers/tcp.h"

/* What an incoming ACK did, as tcp_ack and its helpers sum it up. */
#define FLAG_DATA		0x01	/* the segment carried data */
#define FLAG_WIN_UPDATE		0x02	/* it updated the peer's window */
#define FLAG_DATA_ACKED		0x04	/* it acknowledged new data */
#define FLAG_RETRANS_DATA_ACKED	0x08	/* ... some of which had been retransmitted */
#define FLAG_SYN_ACKED		0x10	/* it acknowledged our SYN */
#define FLAG_DATA_SACKED	0x20	/* it SACKed something new */
#define FLAG_ECE		0x40	/* ECN echo (never set: no ECN here) */
#define FLAG_SLOWPATH		0x100	/* not header prediction's fast path */
#define FLAG_ORIG_SACK_ACKED	0x200	/* never-retransmitted data (s)acked */
#define FLAG_SND_UNA_ADVANCED	0x400	/* snd_una moved (even for a SYN) */
#define FLAG_DSACKING_ACK	0x800	/* its SACK blocks held a D-SACK */
#define FLAG_SET_XMIT_TIMER	0x1000	/* re-arm the RTO or the loss probe */
#define FLAG_SACK_RENEGING	0x2000	/* snd_una reached data it had SACKed */

#define FLAG_ACKED		(FLAG_DATA_ACKED | FLAG_SYN_ACKED)
#define FLAG_NOT_DUP		(FLAG_DATA | FLAG_WIN_UPDATE | FLAG_ACKED)
#define FLAG_CA_ALERT		(FLAG_DATA_SACKED | FLAG_ECE)

/* tcp_input_sack.c */
int tcp_sacktag_write_queue(struct sock *sk, const struct sk_buff *ack_skb, u32 prior_snd_una);
void tcp_update_reordering(struct sock *sk, const int metric, const int ts);
void tcp_skb_mark_lost(struct tcp_sock *tp, struct sk_buff *skb);
void tcp_skb_mark_lost_uncond_verify(struct tcp_sock *tp, struct sk_buff *skb);
bool tcp_limit_reno_sacked(struct tcp_sock *tp);
void tcp_add_reno_sack(struct sock *sk);
void tcp_remove_reno_sacks(struct sock *sk, int acked);
static inline void tcp_reset_reno_sack(struct tcp_sock *tp)
{
	tp->sacked_out = 0;
}

/* tcp_input_recovery.c */
void tcp_fastretrans_alert(struct sock *sk, int pkts_acked, int prior_sacked, int prior_packets,
			   bool is_dupack, int flag);
void tcp_process_tlp_ack(struct sock *sk, u32 ack, int flag);

#endif
