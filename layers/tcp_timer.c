/*
 * layers/tcp_timer.c - TCP's timers: retransmission (with exponential
 * backoff), early retransmit and tail loss probe (which share its timer),
 * zero-window probe, delayed ACK, and the FIN_WAIT2 / TIME_WAIT timer.
 *
 * Mirrors net/ipv4/tcp_timer.c and the timer helpers of
 * include/net/inet_connection_sock.h (Linux 3.10.108).  The retransmit
 * timer is armed by tcp_event_new_data_sent / tcp_rearm_rto
 * (layers/tcp_output.c, layers/tcp_input.c) at icsk_rto: 1 s
 * (TCP_TIMEOUT_INIT) before the first RTT sample, then srtt + rttvar
 * (at least 200 ms more than srtt), doubled on every expiry up to 120 s.
 *
 * Read before: layers/tcp_output.c.  Read after: layers/tcp_cong.c.
 *
 * One timer, icsk_retransmit_timer, serves four purposes, as
 * icsk_pending says: ICSK_TIME_RETRANS (the RTO), ICSK_TIME_EARLY_RETRANS
 * (the delayed early retransmit), ICSK_TIME_LOSS_PROBE (the tail loss
 * probe) and ICSK_TIME_PROBE0 (the zero-window probe).
 *
 * Left out: keepalive probes, the time-based give-up test of
 * retransmits_timed_out (netstep counts retransmissions: 6 for a SYN,
 * 15 otherwise), linear timeouts for thin streams, the timer's socket
 * reference (tcp_clear_xmit_timers stops all timers before a socket is
 * freed).
 */
#include "layers/tcp.h"
#include "events/tcp.h"

static const char KSRC[] = "net/ipv4/tcp_timer.c";

/**
 * inet_csk_reset_xmit_timer - (re)arm the retransmit / probe timer or
 * the delayed-ACK timer @when jiffies from now (at most @max_when)
 */
void
inet_csk_reset_xmit_timer(struct sock *sk, int what, unsigned long when, unsigned long max_when)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned long now = sim_host_jiffies(sock_net(sk));

	if (when > max_when)
		when = max_when;
	if (what == ICSK_TIME_RETRANS || what == ICSK_TIME_PROBE0 ||
	    what == ICSK_TIME_EARLY_RETRANS || what == ICSK_TIME_LOSS_PROBE) {
		icsk->icsk_pending = what;
		icsk->icsk_timeout = now + when;
		mod_timer(&icsk->icsk_retransmit_timer, icsk->icsk_timeout);
	} else if (what == ICSK_TIME_DACK) {
		icsk->icsk_ack.pending |= ICSK_ACK_TIMER;
		icsk->icsk_ack.timeout = now + when;
		mod_timer(&icsk->icsk_delack_timer, icsk->icsk_ack.timeout);
	}
}

/* inet_csk_clear_xmit_timer - stop one of them. */
void
inet_csk_clear_xmit_timer(struct sock *sk, int what)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (what == ICSK_TIME_RETRANS || what == ICSK_TIME_PROBE0) {
		icsk->icsk_pending = 0;
		del_timer(&icsk->icsk_retransmit_timer);
	} else if (what == ICSK_TIME_DACK) {
		icsk->icsk_ack.pending = 0;
		del_timer(&icsk->icsk_delack_timer);
	}
}

/* tcp_write_err - give up: the connection timed out. */
static void
tcp_write_err(struct sock *sk)
{
	trace_tcp_write_err(sk);
	sk->sk_err = sk->sk_err_soft ? sk->sk_err_soft : ETIMEDOUT;
	if (!sim_sock_flag_dead(sk))
		sk->sk_error_report(sk);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONTIMEOUT);
	tcp_done(sk);
}

/* tcp_write_timeout - too many retransmissions?  1 = the socket is done. */
static int
tcp_write_timeout(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	int retry_until = TCP_RETR2;

	if ((1 << sk->sk_state) & ((1 << TCP_SYN_SENT) | (1 << TCP_SYN_RECV)))
		retry_until = TCP_SYN_RETRIES;
	else if (sim_sock_flag_dead(sk))
		retry_until = 8;	/* tcp_orphan_retries() with the sysctl at 0 */
	if (icsk->icsk_retransmits >= retry_until) {
		tcp_write_err(sk);
		return 1;
	}
	return 0;
}

/* Which counter the first timeout of an episode goes to: what it ends. */
static int
tcp_timeout_mib(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	switch (inet_csk(sk)->icsk_ca_state) {
	case TCP_CA_Recovery:
		return tcp_is_sack(tp) ? LINUX_MIB_TCPSACKRECOVERYFAIL :
					 LINUX_MIB_TCPRENORECOVERYFAIL;
	case TCP_CA_Loss:
		return LINUX_MIB_TCPLOSSFAILURES;
	case TCP_CA_Disorder:
		break;
	default:
		if (!tp->sacked_out)
			return LINUX_MIB_TCPTIMEOUTS;
	}
	return tcp_is_sack(tp) ? LINUX_MIB_TCPSACKFAILURES : LINUX_MIB_TCPRENOFAILURES;
}

/**
 * tcp_retransmit_timer - the RTO expired with data unacknowledged
 *
 * Everything in flight is presumed lost (tcp_enter_loss: cwnd 1), the
 * first unacknowledged segment is resent, and the RTO doubles
 * (exponential backoff [RFC 6298 5.5]).  The first timeout of an
 * episode is counted by the state it ends: TCPTimeouts from Open, or a
 * failed recovery (TCPSackRecoveryFail, TCPSackFailures,
 * TCPLossFailures, and the Reno ones); the backed-off ones are not.
 */
static void
tcp_retransmit_timer(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *head = tcp_write_queue_head(sk);

	trace_tcp_retransmit_timer(sk, head);
	if (!tp->packets_out || !head)
		return;
	tp->tlp_high_seq = 0;
	if (!tp->snd_wnd && !sim_sock_flag_dead(sk) &&
	    !((1 << sk->sk_state) & ((1 << TCP_SYN_SENT) | (1 << TCP_SYN_RECV)))) {
		/* The peer shrank its window to 0: keep probing, never time out
		 * while it answers. */
		if (tcp_time_stamp(sk) - tp->rcv_tstamp > TCP_RTO_MAX) {
			tcp_write_err(sk);
			return;
		}
		tcp_enter_loss(sk, 0);
		tcp_retransmit_skb(sk, head);
		goto out_reset_timer;
	}
	if (tcp_write_timeout(sk))
		return;
	if (icsk->icsk_retransmits == 0)
		NET_INC_STATS(sock_net(sk), tcp_timeout_mib(sk));
	tcp_enter_loss(sk, 0);
	if (tcp_retransmit_skb(sk, tcp_write_queue_head(sk)) == -ENOBUFS) {
		/* Local resource shortage (our qdisc dropped it; 3.10 sees
		 * NET_XMIT_DROP, > 0, here): retry soon, no backoff. */
		if (!icsk->icsk_retransmits)
			icsk->icsk_retransmits = 1;
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS,
					  min_t(u32, icsk->icsk_rto, TCP_RESOURCE_PROBE_INTERVAL),
					  TCP_RTO_MAX);
		return;
	}
	icsk->icsk_backoff++;
	icsk->icsk_retransmits++;
out_reset_timer:
	icsk->icsk_rto = min_t(u32, icsk->icsk_rto << 1, TCP_RTO_MAX);
	trace_tcp_rto_backoff(sk);
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, icsk->icsk_rto, TCP_RTO_MAX);
}

/* tcp_probe_timer - the zero-window probe timer fired. */
static void
tcp_probe_timer(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_probe_timer(sk);
	if (tp->packets_out || !tcp_send_head(sk)) {
		icsk->icsk_probes_out = 0;
		return;
	}
	if (icsk->icsk_probes_out > TCP_RETR2) {
		tcp_write_err(sk);
		return;
	}
	tcp_send_probe0(sk);
}

/* tcp_write_timer - icsk_retransmit_timer's handler. */
static void
tcp_write_timer(unsigned long data)
{
	struct sock *sk = (struct sock *)data;
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned long now = sim_host_jiffies(sock_net(sk));
	int event;

	trace_tcp_write_timer(sk);
	if (sk->sk_state == TCP_CLOSE || !icsk->icsk_pending)
		return;
	if (time_after(icsk->icsk_timeout, now)) {
		mod_timer(&icsk->icsk_retransmit_timer, icsk->icsk_timeout);
		return;
	}
	sock_hold(sk);
	event = icsk->icsk_pending;
	switch (event) {
	case ICSK_TIME_EARLY_RETRANS:
		tcp_resume_early_retransmit(sk);
		break;
	case ICSK_TIME_LOSS_PROBE:
		tcp_send_loss_probe(sk);
		break;
	case ICSK_TIME_RETRANS:
		icsk->icsk_pending = 0;
		tcp_retransmit_timer(sk);
		break;
	case ICSK_TIME_PROBE0:
		icsk->icsk_pending = 0;
		tcp_probe_timer(sk);
		break;
	}
	sock_put(sk);
}

/**
 * tcp_delack_timer - the delayed ACK is due: send it, and make the
 * next delay longer (up to the RTO) unless the exchange is interactive
 */
static void
tcp_delack_timer(unsigned long data)
{
	struct sock *sk = (struct sock *)data;
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned long now = sim_host_jiffies(sock_net(sk));

	trace_tcp_delack_timer(sk);
	if (sk->sk_state == TCP_CLOSE || !(icsk->icsk_ack.pending & ICSK_ACK_TIMER))
		return;
	if (time_after(icsk->icsk_ack.timeout, now)) {
		mod_timer(&icsk->icsk_delack_timer, icsk->icsk_ack.timeout);
		return;
	}
	icsk->icsk_ack.pending &= ~ICSK_ACK_TIMER;
	if (icsk->icsk_ack.pending & ICSK_ACK_SCHED) {
		sock_hold(sk);
		if (!icsk->icsk_ack.pingpong) {
			/* Delayed ACK missed: inflate ATO. */
			icsk->icsk_ack.ato = min_t(u32, icsk->icsk_ack.ato << 1, icsk->icsk_rto);
		} else {
			icsk->icsk_ack.pingpong = 0;
			icsk->icsk_ack.ato = TCP_ATO_MIN;
		}
		tcp_send_ack(sk);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_DELAYEDACKS);
		sock_put(sk);
	}
}

/**
 * tcp_keepalive_timer - sk->sk_timer's handler: here only the end of
 * FIN_WAIT2 for an orphan and the end of TIME_WAIT (2 MSL, 60 s)
 * KERNEL: TIME_WAIT lives in an inet_timewait_sock on the twdr wheel.
 */
static void
tcp_keepalive_timer(unsigned long data)
{
	struct sock *sk = (struct sock *)data;

	trace_tcp_keepalive_timer(sk);
	if (sk->sk_state == TCP_TIME_WAIT || sk->sk_state == TCP_FIN_WAIT2) {
		sock_hold(sk);
		if (sk->sk_state == TCP_TIME_WAIT)
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TIMEWAITED);
		tcp_done(sk);
		sock_put(sk);
	}
}

/* KERNEL: these two live in net/ipv4/inet_connection_sock.c. */
void
inet_csk_reset_keepalive_timer(struct sock *sk, unsigned long len)
{
	mod_timer(&inet_csk(sk)->sk_timer, sim_host_jiffies(sock_net(sk)) + len);
}

void
inet_csk_delete_keepalive_timer(struct sock *sk)
{
	del_timer(&inet_csk(sk)->sk_timer);
}

/* tcp_init_xmit_timers: the three timers of a TCP socket. */
void
tcp_init_xmit_timers(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct sim_cpu *cpu = &sock_net(sk)->cpu;

	setup_timer(cpu, &icsk->icsk_retransmit_timer, tcp_write_timer, (unsigned long)sk);
	setup_timer(cpu, &icsk->icsk_delack_timer, tcp_delack_timer, (unsigned long)sk);
	setup_timer(cpu, &icsk->sk_timer, tcp_keepalive_timer, (unsigned long)sk);
	icsk->icsk_pending = 0;
	icsk->icsk_ack.pending = 0;
}

/* tcp_clear_xmit_timers: stop them all (the socket is closing). */
void
tcp_clear_xmit_timers(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	icsk->icsk_pending = 0;
	icsk->icsk_ack.pending = 0;
	del_timer(&icsk->icsk_retransmit_timer);
	del_timer(&icsk->icsk_delack_timer);
	if (sk->sk_state != TCP_TIME_WAIT && sk->sk_state != TCP_FIN_WAIT2)
		del_timer(&icsk->sk_timer);
}
