/*
 * layers/tcp.h - TCP: the header on the wire, the per-skb control block,
 * struct tcp_sock and the functions the TCP files share.
 *
 * Mirrors include/net/tcp.h, include/linux/tcp.h, include/uapi/linux/tcp.h,
 * include/net/inet_connection_sock.h, include/net/request_sock.h and
 * include/net/inet_hashtables.h (Linux 3.10.108).  Read layers/sock.h
 * first (struct sock, struct inet_sock, struct proto); then, in the order
 * a segment is born: layers/tcp.c (tcp_sendmsg, the write queue),
 * layers/tcp_output.c (tcp_write_xmit, tcp_transmit_skb), layers/ip_output.c
 * (ip_queue_xmit), and on the way back layers/tcp_ipv4.c (tcp_v4_rcv),
 * layers/tcp_input.c (tcp_ack, tcp_data_queue), layers/tcp_timer.c,
 * layers/tcp_cong.c, layers/tcp_minisocks.c.
 *
 * The socket layout follows the kernel's nesting:
 *   struct tcp_sock { struct inet_connection_sock { struct inet_sock {
 *	struct sock } } ... }
 * so tcp_sk(sk), inet_csk(sk) and inet_sk(sk) are casts of one pointer.
 *
 * With a route that can GSO (sk_can_gso) an skb holds up to a size goal
 * of several MSS (tcp_xmit_size_goal), mostly in page frags, and stands
 * for tcp_skb_pcount() segments everywhere segments are counted.
 *
 * KERNEL: no MD5, no fast open, no ECN, no urgent data, no header prediction fast
 * path, no TCP small queues throttling, no metrics cache,
 * no inet_timewait_sock (TIME_WAIT keeps the full socket).  Loss recovery
 * is 3.10's: the SACK scoreboard with FACK, PRR, early retransmit, tail
 * loss probes, undo and F-RTO (layers/tcp_input_sack.c,
 * layers/tcp_input_recovery.c), NewReno when SACK is off.
 */
#ifndef NETSTEP_LAYERS_TCP_H
#define NETSTEP_LAYERS_TCP_H

#include "kernel/types.h"
#include "kernel/engine.h"
#include "layers/skbuff.h"
#include "layers/sock.h"
#include "layers/ip.h"
#include "layers/net_namespace.h"

#include <limits.h>


struct net;

/*
 * include/uapi/linux/tcp.h: what getsockopt(TCP_INFO) and ss -tin read
 * (3.10 layout).  NOTE: defined here, not taken from <netinet/tcp.h>:
 * glibc's header also defines struct tcphdr and the TCP_* states, which
 * clash with the kernel's spellings netstep uses.
 */
#define TCPI_OPT_TIMESTAMPS	1
#define TCPI_OPT_SACK		2
#define TCPI_OPT_WSCALE		4
#define TCPI_OPT_ECN		8
struct tcp_info {
	u8 tcpi_state;
	u8 tcpi_ca_state;
	u8 tcpi_retransmits;
	u8 tcpi_probes;
	u8 tcpi_backoff;
	u8 tcpi_options;
	u8 tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4;

	u32 tcpi_rto;		/* us */
	u32 tcpi_ato;		/* us */
	u32 tcpi_snd_mss;
	u32 tcpi_rcv_mss;

	u32 tcpi_unacked;
	u32 tcpi_sacked;
	u32 tcpi_lost;
	u32 tcpi_retrans;
	u32 tcpi_fackets;

	/* Times, ms ago */
	u32 tcpi_last_data_sent;
	u32 tcpi_last_ack_sent;
	u32 tcpi_last_data_recv;
	u32 tcpi_last_ack_recv;

	/* Metrics */
	u32 tcpi_pmtu;
	u32 tcpi_rcv_ssthresh;
	u32 tcpi_rtt;		/* us */
	u32 tcpi_rttvar;	/* us */
	u32 tcpi_snd_ssthresh;
	u32 tcpi_snd_cwnd;
	u32 tcpi_advmss;
	u32 tcpi_reordering;

	u32 tcpi_rcv_rtt;
	u32 tcpi_rcv_space;

	u32 tcpi_total_retrans;
};

/* include/uapi/linux/tcp.h: the TCP header [RFC 793 3.1]. */
struct tcphdr {
	__be16 source;
	__be16 dest;
	__be32 seq;
	__be32 ack_seq;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	u16 res1:4, doff:4, fin:1, syn:1, rst:1, psh:1, ack:1, urg:1, ece:1, cwr:1;
#else
	u16 doff:4, res1:4, cwr:1, ece:1, urg:1, ack:1, psh:1, rst:1, syn:1, fin:1;
#endif
	__be16 window;
	__sum16 check;
	__be16 urg_ptr;
} __attribute__((packed));

static inline struct tcphdr *tcp_hdr(const struct sk_buff *skb)
{
	return (struct tcphdr *)skb_transport_header(skb);
}
/* The TCP header's length, options included (include/linux/tcp.h). */
static inline unsigned int tcp_hdrlen(const struct sk_buff *skb)
{
	return tcp_hdr(skb)->doff * 4;
}
/* The 8 flag bits as one byte (byte 13 of the header). */
static inline u8 tcp_flag_byte(const struct tcphdr *th)
{
	return ((const u8 *)th)[13];
}
/* Bytes 12-15: data offset, flags and window, as one word.  KERNEL: a
 * __be32 compared with big-endian TCP_FLAG_* constants; netstep turns
 * the word to host order and keeps the constants in host order. */
static inline u32 tcp_flag_word(const struct tcphdr *th)
{
	const u8 *w = (const u8 *)th + 12;

	return (u32)w[0] << 24 | (u32)w[1] << 16 | (u32)w[2] << 8 | w[3];
}
enum {
	TCP_FLAG_CWR = 0x00800000,
	TCP_FLAG_ECE = 0x00400000,
	TCP_FLAG_URG = 0x00200000,
	TCP_FLAG_ACK = 0x00100000,
	TCP_FLAG_PSH = 0x00080000,
	TCP_FLAG_RST = 0x00040000,
	TCP_FLAG_SYN = 0x00020000,
	TCP_FLAG_FIN = 0x00010000,
};

/* include/net/tcp.h constants (kernel-facts 3.6) */
#define MAX_TCP_HEADER		(128 + 32)	/* 128 + MAX_HEADER; LL_MAX_HEADER 32:
						 * a config without WLAN, AX25 or tunnels */
#define MAX_TCP_OPTION_SPACE	40
#define TCP_MIN_MSS		88
#define TCP_BASE_MSS		512
#define TCP_MSS_DEFAULT		536U
#define TCP_INIT_CWND		10
#define TCP_MAX_QUICKACKS	16
#define TCP_TIMEOUT_INIT	((unsigned)(1 * HZ))	/* RFC 6298 2.1 */
#define TCP_TIMEOUT_FALLBACK	((unsigned)(3 * HZ))
#define TCP_RTO_MAX		((unsigned)(120 * HZ))
#define TCP_RTO_MIN		((unsigned)(HZ / 5))
#define TCP_DELACK_MAX		((unsigned)(HZ / 5))
#define TCP_DELACK_MIN		((unsigned)(HZ / 25))
#define TCP_ATO_MIN		((unsigned)(HZ / 25))
#define TCP_TIMEWAIT_LEN	(60 * HZ)
#define TCP_FIN_TIMEOUT		TCP_TIMEWAIT_LEN
#define TCP_SYN_RETRIES		6
#define TCP_SYNACK_RETRIES	5
#define TCP_RETR1		3
#define TCP_RETR2		15
#define TCP_RESOURCE_PROBE_INTERVAL	((unsigned)(HZ / 2))
#define TCP_DEFAULT_INIT_RCVWND	10
#define TCP_INFINITE_SSTHRESH	0x7fffffff
#define TCP_MAX_WSCALE		14
#define TCP_FASTRETRANS_THRESH	3	/* sysctl_tcp_reordering's default */
#define TCP_MAX_REORDERING	127	/* tp->reordering never grows past it */

/* Option kinds and lengths, include/net/tcp.h */
#define TCPOPT_NOP		1
#define TCPOPT_EOL		0
#define TCPOPT_MSS		2
#define TCPOPT_WINDOW		3
#define TCPOPT_SACK_PERM	4
#define TCPOPT_SACK		5
#define TCPOPT_TIMESTAMP	8
#define TCPOLEN_MSS		4
#define TCPOLEN_WINDOW		3
#define TCPOLEN_SACK_PERM	2
#define TCPOLEN_TIMESTAMP	10
#define TCPOLEN_TSTAMP_ALIGNED	12
#define TCPOLEN_WSCALE_ALIGNED	4
#define TCPOLEN_SACKPERM_ALIGNED 4
#define TCPOLEN_SACK_BASE	2
#define TCPOLEN_SACK_BASE_ALIGNED 4
#define TCPOLEN_SACK_PERBLOCK	8
#define TCP_NUM_SACKS		4

/* TCP_SKB_CB(skb)->tcp_flags */
#define TCPHDR_FIN	0x01
#define TCPHDR_SYN	0x02
#define TCPHDR_RST	0x04
#define TCPHDR_PSH	0x08
#define TCPHDR_ACK	0x10
#define TCPHDR_URG	0x20
#define TCPHDR_ECE	0x40
#define TCPHDR_CWR	0x80

/* Socket options, include/uapi/linux/tcp.h (SOL_TCP is IPPROTO_TCP). */
#ifndef SOL_TCP
#define SOL_TCP			6
#endif
#define TCP_NODELAY		1	/* no Nagle: send small segments at once */
#define TCP_MAXSEG		2	/* user_mss */
#define TCP_CORK		3	/* hold partial segments until uncorked */
#define TCP_INFO		11	/* struct tcp_info */
#define MAX_TCP_WINDOW		32767U

/* tp->nonagle */
#define TCP_NAGLE_OFF	1	/* TCP_NODELAY */
#define TCP_NAGLE_CORK	2	/* TCP_CORK */
#define TCP_NAGLE_PUSH	4	/* push what is queued, whatever Nagle says */

/* TCP_SKB_CB(skb)->sacked */
#define TCPCB_SACKED_ACKED	0x01
#define TCPCB_SACKED_RETRANS	0x02	/* retransmitted, not yet acked */
#define TCPCB_LOST		0x04
#define TCPCB_TAGBITS		0x07
#define TCPCB_EVER_RETRANS	0x80	/* ever retransmitted: no RTT sample (Karn) */
#define TCPCB_RETRANS		(TCPCB_SACKED_RETRANS | TCPCB_EVER_RETRANS)

/*
 * include/net/tcp.h: what TCP keeps in skb->cb.  The IP control block
 * comes first, as in the kernel, so the clone that goes down to IP finds
 * IPCB() zeroed where TCP never writes.
 */
struct tcp_skb_cb {
	union {
		struct inet_skb_parm h4;
	} header;
	u32 seq;		/* first sequence number */
	u32 end_seq;		/* seq + FIN + SYN + data length */
	u32 when;		/* jiffies when (re)sent: RTT sample, RTO */
	u8 tcp_flags;		/* TCPHDR_* */
	u8 sacked;		/* sent: TCPCB_* scoreboard marks; received: the
				 * offset of the SACK option in the header, 0 = none */
	u32 ack_seq;		/* received: the segment's ack_seq; retransmitted:
				 * snd_nxt at the retransmission (tcp_mark_lost_retrans) */
};
#define TCP_SKB_CB(skb)	((struct tcp_skb_cb *)&((skb)->cb[0]))

/* Sequence-space comparisons, modulo 2^32 [RFC 793 3.3]. */
static inline bool before(u32 seq1, u32 seq2)
{
	return (s32)(seq1 - seq2) < 0;
}
#define after(seq2, seq1)	before(seq1, seq2)
static inline bool between(u32 seq1, u32 seq2, u32 seq3)
{
	return seq3 - seq2 >= seq1 - seq2;
}

/* include/linux/tcp.h: one SACK block [RFC 2018]. */
struct tcp_sack_block {
	u32 start_seq;
	u32 end_seq;
};

/* include/linux/tcp.h: options seen on received segments. */
struct tcp_options_received {
	long ts_recent_stamp;	/* jiffies when ts_recent was stored */
	u32 ts_recent;		/* peer's TSval to echo in TSecr */
	u32 rcv_tsval;		/* TSval of the segment being processed */
	u32 rcv_tsecr;		/* TSecr of the segment being processed */
	u16 saw_tstamp:1,	/* this segment carried a timestamp */
	    tstamp_ok:1,	/* timestamps negotiated */
	    dsack:1,		/* a D-SACK block is owed (duplicate_sack) */
	    wscale_ok:1,	/* window scaling negotiated */
	    sack_ok:4,		/* TCP_SACK_SEEN: SACK negotiated, | TCP_FACK_ENABLED,
				 * | TCP_DSACK_SEEN (the peer sends D-SACKs) */
	    snd_wscale:4,	/* peer's shift: scales what it advertises */
	    rcv_wscale:4;	/* our shift: scales what we advertise */
	u8 num_sacks;		/* SACK blocks we send */
	u16 user_mss;		/* TCP_MAXSEG, 0 = none */
	u16 mss_clamp;		/* peer's MSS option */
};

/* rx_opt.sack_ok bits (include/linux/tcp.h) */
#define TCP_SACK_SEEN		(1 << 0)
#define TCP_FACK_ENABLED	(1 << 1)	/* FACK: all unSACKed below the highest SACK are lost */
#define TCP_DSACK_SEEN		(1 << 2)

/* include/net/tcp.h: what tcp_syn_options / tcp_established_options decide. */
struct tcp_out_options {
	u16 options;		/* OPTION_* bits */
	u16 mss;		/* 0 = no MSS option */
	u8 ws;			/* window shift */
	u8 num_sack_blocks;
	u32 tsval, tsecr;
	u32 sack[TCP_NUM_SACKS][2];	/* netstep: blocks to write */
};
#define OPTION_SACK_ADVERTISE	(1 << 0)
#define OPTION_TS		(1 << 1)
#define OPTION_WSCALE		(1 << 3)

/* include/net/inet_connection_sock.h */
enum inet_csk_ack_state_t {
	ICSK_ACK_SCHED = 1,
	ICSK_ACK_TIMER = 2,
	ICSK_ACK_PUSHED = 4,
	ICSK_ACK_PUSHED2 = 8
};
#define ICSK_TIME_RETRANS	1
#define ICSK_TIME_DACK		2
#define ICSK_TIME_PROBE0	3
#define ICSK_TIME_EARLY_RETRANS	4	/* the delayed early retransmit (RTT/4) */
#define ICSK_TIME_LOSS_PROBE	5	/* tail loss probe (about 2 RTT) */

/* include/net/tcp.h: congestion-avoidance states. */
enum tcp_ca_state {
	TCP_CA_Open = 0,
	TCP_CA_Disorder = 1,
	TCP_CA_CWR = 2,
	TCP_CA_Recovery = 3,
	TCP_CA_Loss = 4
};

#define TCPF_CA_CWR		(1 << TCP_CA_CWR)
#define TCPF_CA_Recovery	(1 << TCP_CA_Recovery)

/*
 * include/net/tcp.h: a congestion control algorithm.  ssthresh and
 * cong_avoid are required; the others may be NULL.  Who calls what:
 * tcp_init_congestion_control (init), tcp_ack's tcp_cong_avoid
 * (cong_avoid), tcp_clean_rtx_queue (pkts_acked), the loss and recovery
 * code of tcp_input.c (ssthresh, undo_cwnd), tcp_set_ca_state (set_state).
 */
struct tcp_congestion_ops {
	void (*init)(struct sock *sk);		/* the connection is established */
	u32 (*ssthresh)(struct sock *sk);	/* new ssthresh after loss */
	void (*cong_avoid)(struct sock *sk, u32 ack, u32 in_flight);	/* grow cwnd */
	void (*set_state)(struct sock *sk, u8 new_state);	/* before icsk_ca_state changes */
	u32 (*undo_cwnd)(struct sock *sk);	/* cwnd to return to after a false loss */
	void (*pkts_acked)(struct sock *sk, u32 num_acked, s32 rtt_us);	/* an ACK's count, RTT */
	const char *name;			/* "cubic", "reno" */
};
/* KERNEL: list (registration is per host here: inet_hashinfo's
 * tcp_cong_list), flags (TCP_CONG_NON_RESTRICTED: no unprivileged
 * users; TCP_CONG_RTT_STAMP: not with HZ 1000), release, min_cwnd (no
 * caller in 3.10's TCP), cwnd_event (neither Reno nor CUBIC has one),
 * get_info (only Vegas-like modules), owner. */
#define SIM_TCP_CA_MAX		4	/* algorithms a host can have registered */
extern const struct tcp_congestion_ops tcp_reno;
extern const struct tcp_congestion_ops tcp_init_congestion_ops;
extern const struct tcp_congestion_ops cubictcp;

/* include/net/request_sock.h: a connection in SYN_RECV, before the child. */
struct request_sock {
	struct list_head node;		/* on the listener's syn queue */
	__be32 loc_addr, rmt_addr;	/* inet_request_sock */
	__be16 loc_port, rmt_port;
	u32 rcv_isn;			/* peer's ISN */
	u32 snt_isn;			/* our ISN */
	u32 snt_synack;			/* jiffies of the SYN-ACK (RTT sample) */
	u32 rcv_wnd;			/* window we offered */
	u32 window_clamp;
	u32 ts_recent;			/* peer's TSval in the SYN */
	u16 mss;			/* peer's MSS option */
	u8 snd_wscale:4, rcv_wscale:4;
	u8 tstamp_ok:1, sack_ok:1, wscale_ok:1;
	u8 cookie_ts:1;			/* SYN cookie: options kept in our TSval */
	u8 num_retrans;			/* SYN-ACKs resent */
};

/* include/net/request_sock.h: the listener's queues. */
struct request_sock_queue {
	struct list_head syn_queue;	/* request_socks (SYN_RECV) */
	int qlen;			/* entries on syn_queue */
	u8 max_qlen_log;		/* full at 1 << max_qlen_log requests */
	u8 synflood_warned;		/* "Possible SYN flooding" said once */
	struct list_head rskq_accept;	/* established children, oldest first */
};
/* KERNEL: 3.10 keeps qlen, max_qlen_log and synflood_warned in struct
 * listen_sock (queue->listen_opt), with the request hash table. */

/* include/net/inet_connection_sock.h */
struct inet_connection_sock {
	struct inet_sock icsk_inet;		/* must be first */
	struct request_sock_queue icsk_accept_queue;	/* listeners */
	struct list_head icsk_accept_node;	/* child: on the listener's rskq_accept */
	struct sock *icsk_listener;		/* netstep: child's listener until accepted */
	struct list_head icsk_bind_node;	/* on hashinfo->bhash while it owns a port */
	u8 sim_sock_dead;			/* NOTE: sock_flag(sk, SOCK_DEAD): orphaned */
	unsigned long icsk_timeout;		/* jiffies the retransmit timer fires */
	struct timer_list icsk_retransmit_timer;	/* RTO, zero-window probe */
	struct timer_list icsk_delack_timer;	/* delayed ACK */
	struct timer_list sk_timer;		/* NOTE: sk->sk_timer in the kernel:
						 * FIN_WAIT2 and TIME_WAIT here */
	u32 icsk_rto;				/* retransmission timeout, jiffies */
	u32 icsk_pmtu_cookie;			/* path MTU the mss is computed from */
	const struct tcp_congestion_ops *icsk_ca_ops;
	u8 icsk_ca_state;			/* TCP_CA_* */
	u8 icsk_retransmits;			/* RTOs since the last progress */
	u8 icsk_pending;			/* ICSK_TIME_* of the retransmit timer */
	u8 icsk_backoff;			/* RTO doublings */
	u8 icsk_syn_retries;
	u8 icsk_probes_out;			/* unanswered zero-window probes */
	struct {
		u8 pending;			/* ICSK_ACK_* */
		u8 quick;			/* ACKs still to send immediately */
		u8 pingpong;			/* interactive: delay ACKs */
		u32 ato;			/* delayed-ACK timeout, jiffies */
		unsigned long timeout;		/* when the delack timer fires */
		u32 lrcvtime;			/* jiffies of the last data received */
		u16 last_seg_size;
		u16 rcv_mss;			/* guess of the peer's MSS */
	} icsk_ack;
	u32 icsk_ca_priv[16];			/* the algorithm's own state (inet_csk_ca) */
};
#define ICSK_CA_PRIV_SIZE	(16 * sizeof(u32))

/* include/linux/tcp.h: the TCP socket. */
struct tcp_sock {
	struct inet_connection_sock inet_conn;	/* must be first */
	u16 tcp_header_len;	/* 20 + fixed options (32 with timestamps) */
	u32 rcv_nxt;		/* next sequence we expect */
	u32 copied_seq;		/* head of data not yet read by recv() */
	u32 rcv_wup;		/* rcv_nxt at our last window update */
	u32 snd_nxt;		/* next sequence to send */
	u32 snd_una;		/* first unacknowledged sequence */
	u32 snd_sml;		/* end of the last small segment (Minshall) */
	u32 rcv_tstamp;		/* jiffies of the last ACK received */
	u32 lsndtime;		/* jiffies of the last data sent */
	u32 snd_wl1;		/* seq of the segment that updated snd_wnd */
	u32 snd_wnd;		/* the peer's window, bytes */
	u32 max_window;		/* largest window the peer offered */
	u32 mss_cache;		/* current sending MSS (options excluded) */
	u32 window_clamp;	/* largest window we will advertise */
	u32 rcv_ssthresh;	/* current window clamp (grows with data) */
	u16 advmss;		/* MSS we advertise */
	u8 nonagle;		/* TCP_NAGLE_* */
	u32 rcv_wnd;		/* window we advertised last */
	u32 write_seq;		/* end of data queued by tcp_sendmsg */
	u32 pushed_seq;		/* write_seq at the last PSH mark */
	u32 srtt;		/* smoothed RTT << 3, jiffies */
	u32 mdev;		/* mean deviation << 2 */
	u32 mdev_max;		/* largest mdev in this RTT */
	u32 rttvar;		/* smoothed mdev_max */
	u32 rtt_seq;		/* snd_nxt when rttvar was last updated */
	u32 packets_out;	/* segments sent, not acked */
	u32 retrans_out;	/* retransmitted, not acked (the R marks) */
	u32 sacked_out;		/* SACKed (the S marks); Reno: duplicate ACKs seen */
	u32 lost_out;		/* marked lost (the L marks) */
	u32 fackets_out;	/* FACK: segments up to the highest SACKed one */
	u8 reordering;		/* how far a segment may be displaced and not be lost */
	u8 frto:1,		/* F-RTO [RFC 5682] watches this Loss episode */
	   do_early_retrans:1;	/* early retransmit [RFC 5827] allowed */
	u32 snd_ssthresh;	/* slow-start threshold */
	u32 snd_cwnd;		/* congestion window, segments */
	u32 snd_cwnd_cnt;	/* ACKed segments towards the next +1 (CA) */
	u32 snd_cwnd_clamp;
	u32 prior_cwnd;		/* cwnd when the reduction (PRR) began */
	u32 prr_delivered;	/* PRR: segments delivered since it began */
	u32 prr_out;		/* PRR: segments sent since it began */
	u32 prior_ssthresh;	/* ssthresh before the reduction, for undo (0: none) */
	u32 high_seq;		/* snd_nxt when recovery/loss began */
	u32 tlp_high_seq;	/* snd_nxt at a loss probe's retransmission (0: none) */
	u32 retrans_stamp;	/* jiffies of the first retransmission */
	u32 undo_marker;	/* snd_una when the undoable episode began (0: no undo) */
	int undo_retrans;	/* retransmissions not yet shown spurious (-1: none) */
	u32 retransmit_high;	/* L marks may be set up to here */
	u32 lost_retrans_low;	/* lowest snd_nxt of a retransmission in flight */
	struct sk_buff *highest_sack;	/* skb after the highest SACKed one
					 * (NULL: snd_nxt); valid while sacked_out */
	struct tcp_sack_block recv_sack_cache[TCP_NUM_SACKS];	/* blocks of the last ACK */
	u32 total_retrans;	/* retransmitted segments, lifetime */
	u32 rcv_space;		/* netstep: rcv window space, for ss */
	u16 xmit_size_goal_segs;	/* size goal of the last send, in MSS */
	u32 tso_deferred;	/* jiffies << 1 | 1 while TSO defers */
	struct {
		u32 rtt;	/* receiver's RTT estimate << 3, jiffies */
		u32 seq;	/* a measurement ends when rcv_nxt passes this */
		u32 time;	/* tcp_time_stamp when it began */
	} rcv_rtt_est;		/* the RTT seen from the receiving side (tcpi_rcv_rtt) */
	struct sk_buff_head out_of_order_queue;	/* segments past a hole */
	struct tcp_sack_block duplicate_sack[1];	/* the D-SACK block we report */
	struct tcp_sack_block selective_acks[TCP_NUM_SACKS];	/* blocks we report */
	struct tcp_options_received rx_opt;
	u32 sim_rtt_when;	/* netstep: RTT probe bookkeeping */
	/* KERNEL: ucopy/prequeue, urgent data, fastopen, md5, tsq and the
	 * write-queue hints (lost_skb_hint, retransmit_skb_hint,
	 * scoreboard_skb_hint: the walks start at the head) omitted. */
};

static inline struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)sk;
}
static inline struct inet_connection_sock *inet_csk(const struct sock *sk)
{
	return (struct inet_connection_sock *)sk;
}
/* The congestion control's private area of @sk (struct bictcp for CUBIC). */
static inline void *inet_csk_ca(const struct sock *sk)
{
	return (void *)inet_csk(sk)->icsk_ca_priv;
}

/*
 * The per-host TCP tables (net->tcp_hashinfo): the kernel's
 * tcp_hashinfo (listening and established hashes, the bind hash) plus
 * the per-net sysctls netstep keeps with it.  Lists, not hashes: a host
 * has a handful of sockets, and walking them in insertion order keeps
 * `ss` deterministic.
 */
/* Key words per SYN-cookie secret (3.10: 12 hashed + 5 as the digest seed). */
#define SIM_SYNCOOKIE_SECRET_WORDS	17

struct inet_hashinfo {
	struct list_head listening_hash;	/* TCP_LISTEN sockets */
	struct list_head ehash;		/* every other hashed socket */
	struct list_head bhash;		/* sockets owning a local port */
	u32 port_rover;			/* next ephemeral port to try */
	u32 secret[4];			/* ISN key (net_secret) */
	int sysctl_tcp_timestamps;	/* 1 */
	int sysctl_tcp_window_scaling;	/* 1 */
	int sysctl_tcp_sack;		/* 1 */
	int sysctl_tcp_syncookies;	/* 1: SYN cookies when a SYN queue overflows */
	int sysctl_max_syn_backlog;	/* 128: caps a listener's SYN queue */
	u32 syncookie_secret[2][SIM_SYNCOOKIE_SECRET_WORDS];	/* drawn at first use */
	bool syncookie_secret_set;
	int sysctl_tcp_tso_win_divisor;	/* 3: defer TSO until 1/3 of a window fits */
	int sysctl_tcp_min_tso_segs;	/* 2: the smallest size goal, in MSS */
	int sysctl_tcp_rmem[3];		/* 4096 87380 6291456 */
	int sysctl_tcp_wmem[3];		/* 4096 16384 4194304 */
	int sysctl_tcp_fack;		/* 1: FACK on SACK connections */
	int sysctl_tcp_dsack;		/* 1: send D-SACK blocks */
	int sysctl_tcp_reordering;	/* 3: a new socket's reordering */
	int sysctl_tcp_frto;		/* 2: F-RTO on (3.10: any non-zero value) */
	int sysctl_tcp_early_retrans;	/* 3: early retransmit delayed, and TLP */
	int sysctl_tcp_fin_timeout;	/* 60: s an orphan waits in FIN_WAIT2
					 * (3.10 keeps jiffies; the file shows s) */
	/* tcp_cong.c's list: what tcp_register_congestion_control added,
	 * the default (sysctl net.ipv4.tcp_congestion_control) first */
	const struct tcp_congestion_ops *tcp_cong_list[SIM_TCP_CA_MAX];
	int tcp_cong_count;
	int nsocks;			/* live TCP sockets (leak check) */
};

/* tcp_rmem[2] (and larger than net.core.rmem_max): what the window
 * scale of a SYN is computed from in tcp_select_initial_window. */
#define SIM_TCP_RMEM_MAX	6291456

/* ip_local_port_range */
#define SIM_PORT_RANGE_LO	32768
#define SIM_PORT_RANGE_HI	61000

/*
 * How the connection uses SACK (include/net/tcp.h): negotiated or not
 * (Reno: duplicate ACKs are counted in sacked_out instead), and FACK on
 * top, on until reordering is seen.
 */
static inline bool tcp_is_sack(const struct tcp_sock *tp)
{
	return tp->rx_opt.sack_ok != 0;
}
static inline bool tcp_is_reno(const struct tcp_sock *tp)
{
	return !tcp_is_sack(tp);
}
static inline bool tcp_is_fack(const struct tcp_sock *tp)
{
	return tp->rx_opt.sack_ok & TCP_FACK_ENABLED;
}
static inline void tcp_enable_fack(struct tcp_sock *tp)
{
	tp->rx_opt.sack_ok |= TCP_FACK_ENABLED;
}
/* Segments that left the network without being acknowledged yet. */
static inline u32 tcp_left_out(const struct tcp_sock *tp)
{
	return tp->sacked_out + tp->lost_out;
}
/* Ideal sending window, include/net/tcp.h: sent - left + resent. */
static inline u32 tcp_packets_in_flight(const struct tcp_sock *tp)
{
	return tp->packets_out - tcp_left_out(tp) + tp->retrans_out;
}
/* CWR and Recovery reduce cwnd (PRR): it must not grow meanwhile. */
static inline bool tcp_in_cwnd_reduction(const struct sock *sk)
{
	return (TCPF_CA_CWR | TCPF_CA_Recovery) & (1 << inet_csk(sk)->icsk_ca_state);
}
/* The ssthresh to remember for an undo: 3/4 of cwnd if that is more,
 * unless a reduction is already under way. */
static inline u32 tcp_current_ssthresh(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (tcp_in_cwnd_reduction(sk))
		return tp->snd_ssthresh;
	return max_t(u32, tp->snd_ssthresh, (tp->snd_cwnd >> 1) + (tp->snd_cwnd >> 2));
}
/* The burst a dubious ACK may let out (tcp_moderate_cwnd). */
static inline u32 tcp_max_burst(const struct tcp_sock *tp)
{
	return tp->reordering;
}
/* tcp_enable_early_retrans: [RFC 5827] only with the default reordering. */
/* KERNEL: the thin-stream dupack rule (sysctl_tcp_thin_dupack, off by
 * default, which ER also requires off) is not modelled. */
static inline void tcp_enable_early_retrans(struct tcp_sock *tp, const struct inet_hashinfo *h)
{
	tp->do_early_retrans = h->sysctl_tcp_early_retrans && h->sysctl_tcp_early_retrans < 4 &&
			       h->sysctl_tcp_reordering == 3;
}
static inline void tcp_disable_early_retrans(struct tcp_sock *tp)
{
	tp->do_early_retrans = 0;
}
static inline u32 tcp_wnd_end(const struct tcp_sock *tp)
{
	return tp->snd_una + tp->snd_wnd;
}
static inline u32 tcp_receive_window(const struct tcp_sock *tp)
{
	s32 win = tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt;

	return win < 0 ? 0 : (u32)win;
}
static inline bool tcp_in_initial_slowstart(const struct tcp_sock *tp)
{
	return tp->snd_ssthresh >= TCP_INFINITE_SSTHRESH;
}
/*
 * tcp_fin_time - how long (jiffies) an orphan may wait in FIN_WAIT2 for
 * the peer's FIN: sysctl tcp_fin_timeout, but at least 3.5 RTOs (time
 * for two retransmissions of it).  KERNEL: no TCP_LINGER2 (tp->linger2);
 * a timeout too long for an int of jiffies is cut to INT_MAX.
 */
static inline int tcp_fin_time(const struct sock *sk)
{
	u64 fin_timeout = (u64)sock_net(sk)->tcp_hashinfo->sysctl_tcp_fin_timeout * HZ;
	u64 rto = inet_csk(sk)->icsk_rto;

	fin_timeout = max_t(u64, fin_timeout, (rto << 2) - (rto >> 1));
	return (int)min_t(u64, fin_timeout, INT_MAX);
}
/*
 * tcp_time_stamp: TCP's clock (TSval, RTT samples), in jiffies.
 * KERNEL: it is (u32)jiffies, and the kernel's jiffies start at
 * INITIAL_JIFFIES, five minutes before the 32-bit counter wraps, so that
 * wrap-around bugs show early.  netstep's engine counts jiffies from 0,
 * which would put TSval 0 on the wire during the first millisecond; a
 * TSecr of 0 means "no echo" to the peer.  The kernel's (fixed, so still
 * deterministic) offset is added here: TSvals look like a real host's,
 * and the timestamp arithmetic (before/after, now - when) crosses the wrap
 * 300 s into every run.
 */
#ifndef INITIAL_JIFFIES
#define INITIAL_JIFFIES		((u32)(-300 * HZ))
#endif
static inline u32 tcp_time_stamp(const struct sock *sk)
{
	return (u32)sim_host_jiffies(sock_net(sk)) + (u32)INITIAL_JIFFIES;
}

/* __skb_queue_after (include/linux/skbuff.h): link @newsk right after
 * @prev on @list (write queue splits, out-of-order inserts). */
static inline void __skb_queue_after(struct sk_buff_head *list, struct sk_buff *prev,
				     struct sk_buff *newsk)
{
	newsk->next = prev->next;
	newsk->prev = prev;
	prev->next->prev = newsk;
	prev->next = newsk;
	list->qlen++;
}

/* Write queue, include/net/tcp.h */
static inline struct sk_buff *tcp_write_queue_head(const struct sock *sk)
{
	return skb_peek(&sk->sk_write_queue);
}
static inline struct sk_buff *tcp_write_queue_tail(const struct sock *sk)
{
	return skb_peek_tail(&sk->sk_write_queue);
}
static inline struct sk_buff *tcp_send_head(const struct sock *sk)
{
	return sk->sk_send_head;
}
static inline bool tcp_skb_is_last(const struct sock *sk, const struct sk_buff *skb)
{
	return skb->next == (const struct sk_buff *)&sk->sk_write_queue;
}
static inline struct sk_buff *tcp_write_queue_next(const struct sock *sk,
						   const struct sk_buff *skb)
{
	return tcp_skb_is_last(sk, skb) ? NULL : skb->next;
}
static inline void tcp_advance_send_head(struct sock *sk, const struct sk_buff *skb)
{
	sk->sk_send_head = tcp_write_queue_next(sk, skb);
}
/* How many segments @skb stands for (1, or gso_segs of a GSO skb). */
static inline int tcp_skb_pcount(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->gso_segs;
}
/* The MSS @skb was cut for (valid when tcp_skb_pcount > 1). */
static inline int tcp_skb_mss(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->gso_size;
}
/* What one segment of @skb carries (tcp_input.c's tcp_skb_seglen). */
static inline int tcp_skb_seglen(const struct sk_buff *skb)
{
	return tcp_skb_pcount(skb) == 1 ? (int)skb->len : tcp_skb_mss(skb);
}
static inline struct sk_buff *tcp_write_queue_prev(const struct sock *sk,
						   const struct sk_buff *skb)
{
	(void)sk;
	return skb->prev;
}
/*
 * The SACK scoreboard's high-water mark: highest_sack is the skb just
 * after the highest SACKed one (NULL: nothing after it), meaningful
 * only while something is SACKed.
 */
static inline u32 tcp_highest_sack_seq(struct tcp_sock *tp)
{
	if (!tp->sacked_out)
		return tp->snd_una;
	if (!tp->highest_sack)
		return tp->snd_nxt;
	return TCP_SKB_CB(tp->highest_sack)->seq;
}
static inline void tcp_advance_highest_sack(struct sock *sk, struct sk_buff *skb)
{
	tcp_sk(sk)->highest_sack = tcp_write_queue_next(sk, skb);
}
static inline struct sk_buff *tcp_highest_sack(struct sock *sk)
{
	return tcp_sk(sk)->highest_sack;
}
static inline void tcp_highest_sack_reset(struct sock *sk)
{
	tcp_sk(sk)->highest_sack = tcp_write_queue_head(sk);
}
/* How far in the future the RTO of the head (sent at its `when`) is. */
static inline s32 tcp_rto_delta(const struct sock *sk)
{
	const struct sk_buff *skb = tcp_write_queue_head(sk);

	return (s32)(TCP_SKB_CB(skb)->when + inet_csk(sk)->icsk_rto - tcp_time_stamp(sk));
}
/*
 * tcp_bound_to_half_wnd - no segment (nor GSO skb) bigger than half the
 * largest window the peer offered, so that there are always two in
 * flight; with tiny windows (under 512 bytes) the whole window.
 */
static inline int tcp_bound_to_half_wnd(const struct tcp_sock *tp, int pktsize)
{
	int cutoff = tp->max_window >= 512 ? (int)(tp->max_window >> 1) : (int)tp->max_window;

	if (cutoff && pktsize > cutoff)
		return max_t(int, cutoff, 68 - tp->tcp_header_len);
	return pktsize;
}
static inline int tcp_win_from_space(int space)
{
	return space - (space >> 1);	/* sysctl_tcp_adv_win_scale = 1 */
}
static inline int tcp_space(const struct sock *sk)
{
	return tcp_win_from_space(sk->sk_rcvbuf - sk->sk_rmem_alloc);
}
static inline int tcp_full_space(const struct sock *sk)
{
	return tcp_win_from_space(sk->sk_rcvbuf);
}

/* tcp.h / tcp.c exports (the contract with the socket layer) */
extern const struct proto tcp_prot;
int tcp_v4_rcv(struct sk_buff *skb);
void tcp_v4_err(struct sk_buff *skb, u32 info);
int tcp_init(struct net *net);
void sim_tcp_exit(struct net *net);
void tcp_diag_get_info(struct sock *sk, u32 *rqueue, u32 *wqueue, struct tcp_info *info);
int sim_tcp_for_each_sock(struct net *net, int (*fn)(struct sock *sk, void *arg), void *arg);
int inet_csk_listen_start(struct sock *sk, int backlog);

/* tcp.c */
int tcp_setsockopt(struct sock *sk, int level, int optname, const void *optval, int optlen);
int tcp_getsockopt(struct sock *sk, int level, int optname, void *optval, int *optlen);
int tcp_ioctl(struct sock *sk, int cmd, unsigned long arg);
unsigned int tcp_poll(struct socket *sock);
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t size);
int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int nonblock, int flags,
		int *addr_len);
void tcp_close(struct sock *sk, long timeout);
void tcp_shutdown(struct sock *sk, int how);
int tcp_disconnect(struct sock *sk, int flags);
void tcp_init_sock(struct sock *sk);
void tcp_set_state(struct sock *sk, int state);
void tcp_done(struct sock *sk);
void tcp_get_info(const struct sock *sk, struct tcp_info *info);
struct sk_buff *sk_stream_alloc_skb(struct sock *sk, int size);
void tcp_cleanup_rbuf(struct sock *sk, int copied);
void inet_csk_destroy_sock(struct sock *sk);
struct sock *inet_csk_accept(struct sock *sk, int flags, int *err);
void inet_csk_listen_stop(struct sock *sk);
void tcp_push(struct sock *sk, int flags, int mss_now, int nonagle);
int tcp_send_mss(struct sock *sk, int *size_goal, int flags);
unsigned int tcp_xmit_size_goal(struct sock *sk, u32 mss_now, int large_allowed);

/* tcp_output.c */
int tcp_transmit_skb(struct sock *sk, struct sk_buff *skb, int clone_it);
bool tcp_write_xmit(struct sock *sk, unsigned int mss_now, int nonagle, int push_one);
void tcp_push_one(struct sock *sk, unsigned int mss_now);
void __tcp_push_pending_frames(struct sock *sk, unsigned int cur_mss, int nonagle);
unsigned int tcp_current_mss(struct sock *sk);
/* include/net/tcp.h: push what is queued with the socket's own Nagle mode. */
static inline void tcp_push_pending_frames(struct sock *sk)
{
	if (tcp_send_head(sk))
		__tcp_push_pending_frames(sk, tcp_current_mss(sk), tcp_sk(sk)->nonagle);
}
unsigned int tcp_sync_mss(struct sock *sk, u32 pmtu);
void tcp_initialize_rcv_mss(struct sock *sk);
int tcp_mtu_to_mss(struct sock *sk, int pmtu);
u32 __tcp_select_window(struct sock *sk);
void tcp_select_initial_window(int space, u32 mss, u32 *rcv_wnd, u32 *window_clamp,
			       int wscale_ok, u8 *rcv_wscale, u32 init_rcv_wnd);
int tcp_connect(struct sock *sk);
void tcp_send_ack(struct sock *sk);
void tcp_send_delayed_ack(struct sock *sk);
void tcp_send_fin(struct sock *sk);
void tcp_send_active_reset(struct sock *sk);
int __tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb);
int tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb);
void tcp_xmit_retransmit_queue(struct sock *sk);
bool tcp_may_send_now(struct sock *sk);
bool tcp_schedule_loss_probe(struct sock *sk);
void tcp_send_loss_probe(struct sock *sk);
void tcp_send_probe0(struct sock *sk);
int tcp_write_wakeup(struct sock *sk);
struct sk_buff *tcp_make_synack(struct sock *sk, struct dst_entry *dst,
				struct request_sock *req);
bool tcp_nagle_test(const struct tcp_sock *tp, const struct sk_buff *skb,
		    unsigned int cur_mss, int nonagle);
u32 tcp_cwnd_test(const struct tcp_sock *tp, const struct sk_buff *skb);
bool tcp_snd_wnd_test(const struct tcp_sock *tp, const struct sk_buff *skb,
		      unsigned int cur_mss);
void tcp_wfree(struct sk_buff *skb);
int tcp_fragment(struct sock *sk, struct sk_buff *skb, u32 len, unsigned int mss_now);
int tcp_trim_head(struct sock *sk, struct sk_buff *skb, u32 len);
void tcp_set_skb_tso_segs(const struct sock *sk, struct sk_buff *skb, unsigned int mss_now);
bool tcp_tso_should_defer(struct sock *sk, struct sk_buff *skb);
void tcp_check_probe_timer(struct sock *sk);
void tcp_options_write(u8 *ptr, const struct tcp_out_options *opts);
void tcp_mark_push(struct tcp_sock *tp, struct sk_buff *skb);

/* tcp_input.c */
int tcp_rcv_established(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th,
			unsigned int len);
int tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th,
			  unsigned int len);
void tcp_parse_options(const struct sk_buff *skb, struct tcp_options_received *opt_rx,
		       int estab);
void tcp_rtt_estimator(struct sock *sk, u32 mrtt);
void tcp_set_rto(struct sock *sk);
void sim_tcp_init_transfer(struct sock *sk);
void tcp_rearm_rto(struct sock *sk);
void tcp_enter_quickack_mode(struct sock *sk);
void tcp_init_buffer_space(struct sock *sk);

/* ip_output.c (TCP's ways into IP): ip_queue_xmit is in layers/sock.h.
 * ip_build_and_send_pkt sends a SYN-ACK or RST that has its route
 * attached (skb_dst); @sk is the listener or NULL.  Consumes @skb. */
int ip_build_and_send_pkt(struct sk_buff *skb, struct sock *sk, __be32 saddr, __be32 daddr);

static inline bool sim_sock_flag_dead(const struct sock *sk)
{
	return inet_csk(sk)->sim_sock_dead;
}

/* tcp_ipv4.c */
int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len);
int tcp_v4_do_rcv(struct sock *sk, struct sk_buff *skb);
void tcp_v4_send_check(struct sock *sk, struct sk_buff *skb);
void tcp_v4_send_reset(struct sock *sk, struct sk_buff *skb);
int tcp_v4_conn_request(struct sock *sk, struct sk_buff *skb);
struct sock *tcp_v4_syn_recv_sock(struct sock *sk, struct sk_buff *skb,
				  struct request_sock *req, struct dst_entry *dst);
int tcp_v4_send_synack(struct sock *sk, struct request_sock *req);
void inet_hash(struct sock *sk);
void inet_unhash(struct sock *sk);
int inet_csk_get_port(struct sock *sk, unsigned short snum);
u32 secure_tcp_sequence_number(struct net *net, __be32 saddr, __be32 daddr,
			       __be16 sport, __be16 dport);
void tcp_v4_mtu_reduced(struct sock *sk, u32 mtu);
struct inet_hashinfo *sim_tcp_hashinfo(struct net *net);

/* syncookies.c */
u32 cookie_v4_init_sequence(struct sock *sk, struct sk_buff *skb, u16 *mssp);
u32 cookie_init_timestamp(struct sock *sk, const struct request_sock *req);
struct sock *cookie_v4_check(struct sock *sk, struct sk_buff *skb);

/* tcp_minisocks.c */
struct sock *tcp_check_req(struct sock *sk, struct sk_buff *skb, struct request_sock *req);
void inet_csk_reqsk_queue_add(struct sock *sk, struct request_sock *req, struct sock *child);
struct sock *tcp_create_openreq_child(struct sock *sk, struct request_sock *req,
				      struct sk_buff *skb);
void tcp_time_wait(struct sock *sk, int state, int timeo);
int tcp_child_process(struct sock *parent, struct sock *child, struct sk_buff *skb);
void inet_csk_reqsk_queue_drop(struct sock *sk, struct request_sock *req);
void tcp_timewait_state_process(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th);

/* tcp_input_recovery.c (3.10: tcp_input.c) */
void tcp_enter_loss(struct sock *sk, int how);
void tcp_enter_cwr(struct sock *sk, const int set_ssthresh);
void tcp_resume_early_retransmit(struct sock *sk);
void tcp_clear_retrans(struct tcp_sock *tp);
void tcp_simple_retransmit(struct sock *sk);
void tcp_set_ca_state(struct sock *sk, const u8 ca_state);
const char *sim_tcp_ca_state_name(u32 state);

/* tcp_timer.c */
void tcp_init_xmit_timers(struct sock *sk);
void tcp_clear_xmit_timers(struct sock *sk);
void inet_csk_reset_xmit_timer(struct sock *sk, int what, unsigned long when,
			       unsigned long max_when);
void inet_csk_clear_xmit_timer(struct sock *sk, int what);
void inet_csk_reset_keepalive_timer(struct sock *sk, unsigned long len);
void inet_csk_delete_keepalive_timer(struct sock *sk);

/* tcp_cong.c */
void tcp_cong_avoid(struct sock *sk, u32 ack, u32 in_flight);
int tcp_register_congestion_control(struct net *net, const struct tcp_congestion_ops *ca);

/* Which of Reno's two phases tcp_cong_avoid finds (phase= in its trace):
 * slow start while cwnd is at most ssthresh, then congestion avoidance. */
enum sim_tcp_ca_phase {
	SIM_TCP_SLOW_START,
	SIM_TCP_CONG_AVOID,
};
const char *sim_tcp_ca_phase_name(u32 phase);

bool tcp_is_cwnd_limited(const struct sock *sk, u32 in_flight);
u32 tcp_reno_ssthresh(struct sock *sk);
void tcp_reno_cong_avoid(struct sock *sk, u32 ack, u32 in_flight);
void tcp_slow_start(struct tcp_sock *tp);
void tcp_cong_avoid_ai(struct tcp_sock *tp, u32 w);
void tcp_init_congestion_control(struct sock *sk);
int tcp_set_default_congestion_control(struct net *net, const char *name);
const char *tcp_get_default_congestion_control(const struct net *net);
void tcp_get_available_congestion_control(const struct net *net, char *buf, size_t maxlen);

/* tcp_cubic.c */
int cubictcp_register(struct net *net);

#endif
