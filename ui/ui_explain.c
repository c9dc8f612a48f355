/*
 * ui/ui_explain.c - one line about each kernel function, shown under the
 * current function in the UI.
 *
 * No kernel counterpart: this is netstep's own commentary, in its own
 * words, on what the function does to the packet at this point of the
 * path (the seed article's story: socket -> TCP -> IP -> neighbour ->
 * qdisc -> driver -> card -> wire, and back up on the far side).  Every
 * function the reference scenarios and the lessons run has its line
 * (tests/check_ui_explain.c checks); others get none.
 *
 * A line never contradicts its event: where what the function does
 * depends on the event (tcp_transmit_skb sends a clone only when
 * clone_it says so), the line is chosen from the event's typed fields.
 * An exit record carries no fields, so its line holds either way.
 *
 * Keyed by the event's declaration (events/), so a function renamed
 * there breaks the build here instead of losing its line.
 */
#include "ui/ui_snap.h"
#include "events/all.h"
#include "layers/neighbour.h"
#include "layers/netdevice.h"
#include "nic/igb.h"

struct ui_explain_row {
	const struct trace_event_desc *ev;
	const char *text;		/* the line, or NULL: */
	const char *(*by_fields)(const struct trace_rec *ev);	/* ... chosen by the fields */
};

static const char *
ui_explain_tcp_transmit_skb(const struct trace_rec *ev)
{
	const tp_data_tcp_transmit_skb *d = TP_REC_DATA(ev, tcp_transmit_skb);

	if (!d)
		return "sends the segment to IP: a clone when the original must stay queued for "
		       "retransmission";
	if (!d->clone_it)
		return "sends this skb itself (clone_it=0): nothing stays queued for retransmission";
	return "sends a clone (clone_it=1): the original stays on the write queue for "
	       "retransmission";
}

static const char *
ui_explain_bictcp_state(const struct trace_rec *ev)
{
	const tp_data_bictcp_state *d = TP_REC_DATA(ev, bictcp_state);

	if (!d)
		return "the recovery state changes: on an RTO (Loss) CUBIC starts over";
	if (d->new_state == TCP_CA_Loss)
		return "an RTO (Loss): CUBIC forgets W_max and its minimum RTT and starts over";
	return "the recovery state changes; CUBIC acts only on an RTO (Loss)";
}

static const char *
ui_explain_tcp_ack(const struct trace_rec *ev)
{
	const tp_data_tcp_ack *d = TP_REC_DATA(ev, tcp_ack);
	u32 ack, una;

	if (!d)
		return "an ACK was processed: acknowledged data freed, cwnd and the RTO updated";
	ack = d->ack;
	una = d->snd_una;
	if ((s32)(ack - una) > 0)
		return "acknowledges new data: frees it from the write queue, may grow cwnd";
	if (ack == una)
		return "acknowledges nothing new: a duplicate ACK (its SACK blocks, or three of them, "
		       "start a fast retransmit) or a window update";
	return "an old ACK (below snd_una): nothing to free";
}

static const char *
ui_explain_tcp_set_ca_state(const struct trace_rec *ev)
{
	const tp_data_tcp_set_ca_state *d = TP_REC_DATA(ev, tcp_set_ca_state);

	if (!d)
		return "the congestion state changes (Open, Disorder, CWR, Recovery, Loss)";
	switch (d->new) {
	case TCP_CA_Open:
		return "back to Open: nothing is missing any more";
	case TCP_CA_Disorder:
		return "Disorder: SACKs or duplicate ACKs, not yet taken for a loss";
	case TCP_CA_CWR:
		return "CWR: cwnd is reduced for congestion that lost nothing";
	case TCP_CA_Recovery:
		return "Recovery: a loss is proven, fast retransmit with a reduced cwnd";
	default:
		return "Loss: after an RTO every unSACKed segment counts as lost, cwnd 1";
	}
}

static const char *
ui_explain_dst_neigh_output(const struct trace_rec *ev)
{
	const tp_data_dst_neigh_output *d = TP_REC_DATA(ev, dst_neigh_output);

	if (!d)
		return "the next hop's entry sends the skb: the cached header, or resolve first";
	if ((d->nud & NUD_CONNECTED) && d->hh_len)
		return "the entry is confirmed and caches the Ethernet header: copy it "
		       "(neigh_hh_output)";
	return "no confirmed entry with a cached header: the entry's output resolves first "
	       "(neigh_resolve_output)";
}

static const char *
ui_explain___neigh_event_send(const struct trace_rec *ev)
{
	const tp_data___neigh_event_send *d = TP_REC_DATA(ev, __neigh_event_send);
	u8 nud;

	if (!d)
		return "the entry is usable, or resolution is started and the skb waits";
	nud = d->nud;
	if (nud & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE))
		return "the entry can be used as it is: nothing to resolve";
	if (nud & NUD_STALE)
		return "the entry is STALE: use it, go DELAY and confirm it soon";
	if (nud & NUD_INCOMPLETE)
		return "resolution is under way: the skb waits in arp_queue for the reply";
	return "starts resolution: the entry goes INCOMPLETE, the skb waits in arp_queue";
}

static const char *
ui_explain_neigh_update(const struct trace_rec *ev)
{
	const tp_data_neigh_update *d = TP_REC_DATA(ev, neigh_update);
	u8 nud;

	if (!d)
		return "the entry took its new state (and MAC)";
	nud = d->new;
	if (nud & NUD_VALID)
		return "new state or MAC from ARP: packets waiting on the entry now leave";
	if (nud & NUD_FAILED)
		return "the entry fails: packets waiting on it are dropped";
	return "the entry changes state";
}

/* kfree_skb and consume_skb: only the last reference frees. */
static const char *
ui_explain_skb_put_ref(const struct trace_rec *ev)
{
	const tp_data_kfree_skb *drop = TP_REC_DATA(ev, kfree_skb);
	const tp_data_consume_skb *done = TP_REC_DATA(ev, consume_skb);
	s32 users = drop ? drop->users : done ? done->users : 0;

	if (users > 1)
		return "drops one reference: the skb lives on for its other users";
	if (drop)
		return "frees the skb as a drop (consume_skb is the normal end; drop monitors "
		       "watch kfree_skb)";
	if (done)
		return "frees the skb after normal use (not a drop)";
	return "drops a reference to the skb; the last one frees it";
}

static const char *
ui_explain_igb_xmit_frame_ring(const struct trace_rec *ev)
{
	const tp_data_igb_xmit_frame_ring *d = TP_REC_DATA(ev, igb_xmit_frame_ring);

	if (!d)
		return "the skb is on the ring (NETDEV_TX_OK), or the ring was full (BUSY)";
	/* The driver's own test: the skb's descriptors (its linear part, and
	 * one per frag: a frag is 32 KiB at most) and 3 more must be free. */
	if (d->unused < TXD_USE_COUNT(d->headlen) + d->frags + 3u)
		return "too few free descriptors: the queue stops, NETDEV_TX_BUSY, the qdisc "
		       "keeps the skb";
	return "reserves descriptors, maps the skb, writes the tail register";
}

static const char *
ui_explain_igb_tso(const struct trace_rec *ev)
{
	const tp_data_igb_tso *d = TP_REC_DATA(ev, igb_tso);

	if (!d)
		return "a GSO skb left to the card: a context descriptor, the card cuts it (TSO)";
	if (d->ip_summed != CHECKSUM_PARTIAL || d->gso_size == 0)
		return "not a GSO skb for the card: no segmentation (see igb_tx_csum)";
	return "the card will cut this GSO skb (TSO): IP length and checksum zeroed, a "
	       "context descriptor with the MSS";
}

static const char *
ui_explain_igb_tx_csum(const struct trace_rec *ev)
{
	const tp_data_igb_tx_csum *d = TP_REC_DATA(ev, igb_tx_csum);

	if (!d)
		return "a checksum left to the card (CHECKSUM_PARTIAL): a context descriptor says "
		       "where the headers are";
	if (d->ip_summed != CHECKSUM_PARTIAL)
		return "the stack summed this skb already: no context descriptor";
	return "the card will insert the TCP/UDP checksum: a context descriptor says where the "
	       "headers are";
}

static const char *
ui_explain_napi_schedule(const struct trace_rec *ev)
{
	const tp_data_napi_schedule *d = TP_REC_DATA(ev, napi_schedule);
	u64 state;

	if (!d)
		return "NAPI is scheduled: NET_RX will poll the device";
	state = d->state;
	if (state & (1UL << NAPI_STATE_SCHED))
		return "NAPI is already scheduled: the coming poll will see this work too";
	if (state & (1UL << NAPI_STATE_DISABLE))
		return "NAPI is disabled (the device is going down): no poll";
	return "puts the device on the poll list and raises NET_RX";
}

static const char *
ui_explain_arp_process(const struct trace_rec *ev)
{
	const tp_data_arp_process *d = TP_REC_DATA(ev, arp_process);

	if (d && d->op == ARPOP_REQUEST)
		return "an ARP request: answer it if it asks for our address; learn the sender's MAC";
	if (d && d->op == ARPOP_REPLY)
		return "an ARP reply: the sender's MAC goes into its neighbour entry";
	return "an ARP packet for this host: answer requests for our address, learn MACs";
}

static const struct ui_explain_row ui_explain_table[] = {
	/* system calls and the socket layer */
	{ &tp_ev_sys_socket, "socket(2): makes a struct socket and its sock, returns a descriptor", NULL },
	{ &tp_ev_sys_connect, "connect(2): the process asks the protocol to reach a peer", NULL },
	{ &tp_ev_sys_sendto, "send(2): copies user bytes into the socket's send path", NULL },
	{ &tp_ev_sys_recvfrom, "recv(2): takes what the socket has received, or sleeps until it has some", NULL },
	{ &tp_ev_sys_sendmsg, "sendmsg(2): sends the message in the caller's iovecs to its address", NULL },
	{ &tp_ev_sys_recvmsg, "recvmsg(2): one packet, its sender and control messages (MSG_ERRQUEUE: an error report)", NULL },
	{ &tp_ev_sys_setsockopt, "setsockopt(2): SOL_SOCKET options here, the others to the socket's protocol", NULL },
	{ &tp_ev_sock_common_setsockopt, "hands the option to the protocol's setsockopt", NULL },
	{ &tp_ev_sys_accept, "accept(2): takes a finished connection off the listener's queue", NULL },
	{ &tp_ev_sys_close, "close(2): drops the descriptor; the protocol closes the socket (TCP: its FIN)", NULL },
	{ &tp_ev_sock_alloc, "a struct socket with its inode: what the descriptor points at", NULL },
	{ &tp_ev_sock_release, "the last close: the protocol releases the socket, then the struct goes", NULL },
	{ &tp_ev_sock_sendmsg, "sets up the send's I/O block and calls __sock_sendmsg", NULL },
	{ &tp_ev___sock_sendmsg, "the security hook, then __sock_sendmsg_nosec", NULL },
	{ &tp_ev___sock_sendmsg_nosec, "calls the family's sendmsg (sock->ops->sendmsg: inet_sendmsg)", NULL },
	{ &tp_ev_sock_recvmsg, "sets up the receive's I/O block and calls __sock_recvmsg", NULL },
	{ &tp_ev___sock_recvmsg, "the security hook, then __sock_recvmsg_nosec", NULL },
	{ &tp_ev___sock_recvmsg_nosec, "calls the family's recvmsg (sock->ops->recvmsg: inet_recvmsg)", NULL },
	{ &tp_ev_inet_create, "socket(AF_INET): picks TCP or UDP, allocates the sock and initialises it", NULL },
	{ &tp_ev_inet_sendmsg, "binds a port if the socket has none, then calls the protocol's sendmsg", NULL },
	{ &tp_ev_inet_recvmsg, "calls the protocol's recvmsg (tcp_recvmsg, udp_recvmsg)", NULL },
	{ &tp_ev_inet_autobind, "the socket sends before any bind: it gets a free local port now", NULL },
	{ &tp_ev_inet_accept, "accept on an AF_INET socket: the connection's sock gets the new socket", NULL },
	{ &tp_ev_inet_release, "close on an AF_INET socket: the protocol's close (tcp_close, udp's)", NULL },
	{ &tp_ev_inet_stream_connect, "starts the TCP handshake and sleeps until it finishes", NULL },
	{ &tp_ev_sk_alloc, "allocates the protocol's sock (struct tcp_sock, udp_sock ...)", NULL },
	{ &tp_ev_sk_free, "the last reference to the sock is gone: it is freed", NULL },
	{ &tp_ev_sk_clone_lock, "a copy of the listener's sock for a new connection", NULL },
	{ &tp_ev_sk_setup_caps, "caches the route on the socket (the socket holds a reference)", NULL },
	{ &tp_ev_sock_init_data, "default buffers, timeouts and wake-up callbacks of a new sock", NULL },
	{ &tp_ev_sock_graft, "joins the sock to its struct socket (accept)", NULL },
	{ &tp_ev_sock_orphan, "the process has let go: the sock lives on alone until TCP is done", NULL },
	{ &tp_ev_sock_def_readable, "data arrived: wake a process sleeping in recv", NULL },
	{ &tp_ev_sock_def_wakeup, "the socket's state changed: wake whoever waits for it (connect)", NULL },
	{ &tp_ev_sock_def_write_space, "send buffer space freed: wake a sender sleeping in send", NULL },
	{ &tp_ev_sk_stream_write_space, "TCP freed enough send buffer: wake a sender sleeping in send", NULL },
	{ &tp_ev_sock_queue_rcv_skb, "puts a datagram on the socket's receive queue, charged to its buffer", NULL },
	{ &tp_ev_sock_queue_err_skb, "puts an error report on the socket's error queue and wakes the reader", NULL },
	{ &tp_ev_sock_def_error_report, "an error for the socket: wake a process sleeping on it", NULL },
	{ &tp_ev_skb_set_owner_r, "charges the skb's truesize to the socket's receive buffer", NULL },
	{ &tp_ev_skb_set_owner_w, "charges the skb's truesize to the socket's send buffer (sk_wmem_alloc)", NULL },
	{ &tp_ev_sock_rfree, "the skb leaves the receive queue: its truesize is given back", NULL },
	{ &tp_ev_sock_wfree, "a sent skb is freed: its truesize goes back to the send buffer", NULL },
	{ &tp_ev_skb_add_data_nocache, "copies the user's bytes into the skb's tailroom", NULL },
	{ &tp_ev_inet_csk_get_port, "finds a free local port, or checks the one asked for", NULL },
	{ &tp_ev_inet_hash, "puts a listening or connected sock in the table packets are matched in", NULL },
	{ &tp_ev_inet_unhash, "takes the sock out of the lookup table: no more packets find it", NULL },
	{ &tp_ev_inet_csk_accept, "takes the oldest finished connection from the accept queue", NULL },
	{ &tp_ev_inet_csk_listen_stop, "the listener closes: connections not yet accepted are reset and freed", NULL },
	{ &tp_ev_inet_csk_destroy_sock, "the connection is over: timers stopped, the sock released", NULL },

	/* TCP: connect, send, receive */
	{ &tp_ev_tcp_v4_init_sock, "TCP's defaults for a new socket, with IPv4's operations", NULL },
	{ &tp_ev_tcp_init_sock, "initial RTO, cwnd, MSS and the queues of a new TCP socket", NULL },
	{ &tp_ev_tcp_v4_connect, "picks a route and a source port, then sends the SYN", NULL },
	{ &tp_ev_secure_tcp_sequence_number, "the initial sequence number: a keyed hash of the ports and addresses", NULL },
	{ &tp_ev_tcp_connect, "builds the SYN, queues it for retransmission, sends a clone", NULL },
	{ &tp_ev_tcp_rcv_synsent_state_process, "SYN_SENT: the SYN-ACK completes the handshake, TCP answers with an ACK", NULL },
	{ &tp_ev_sim_tcp_init_transfer, "the handshake is over: RTO from its round trip, initial cwnd, buffers", NULL },
	{ &tp_ev_tcp_sync_mss, "the MSS for the path MTU: what one segment may carry", NULL },
	{ &tp_ev_tcp_sendmsg, "cuts the user's bytes into MSS-sized skbs on the write queue", NULL },
	{ &tp_ev_sk_stream_alloc_skb, "allocates an skb with headroom reserved for every header below", NULL },
	{ &tp_ev_skb_entail, "appends the new skb to the socket's write queue", NULL },
	{ &tp_ev_tcp_push, "asks TCP to send what the window allows now", NULL },
	{ &tp_ev_tcp_push_one, "sends the one segment at the head of the write queue if it may go", NULL },
	{ &tp_ev___tcp_push_pending_frames, "sends queued segments while cwnd and the window allow", NULL },
	{ &tp_ev_tcp_write_xmit, "walks the write queue and transmits each segment that fits", NULL },
	{ &tp_ev_tcp_xmit_size_goal, "how big one skb of tcp_sendmsg may grow: whole MSS, up to "
	  "half the peer's largest window", NULL },
	{ &tp_ev_sk_page_frag_refill, "the socket's page has room for more data, or a new page is "
	  "taken", NULL },
	{ &tp_ev_skb_copy_to_page_nocache, "copies the user's bytes into the page and adds (or "
	  "grows) a frag of the skb", NULL },
	{ &tp_ev_tcp_set_skb_tso_segs, "how many MSS-sized segments this skb will become "
	  "(gso_segs, gso_size)", NULL },
	{ &tp_ev_tcp_mss_split_point, "how much of a big skb the windows let go now, in whole MSS",
	  NULL },
	{ &tp_ev_tcp_tso_should_defer, "wait before sending part of a GSO skb, hoping the window "
	  "opens for all of it?", NULL },
	{ &tp_ev_tso_fragment, "splits a GSO skb where the windows end; the rest stays unsent",
	  NULL },
	{ &tp_ev_tcp_fragment, "splits an skb of the write queue in two (to send or resend a part)",
	  NULL },
	{ &tp_ev_tcp_tso_acked, "an ACK covered part of a multi-segment skb: its head is trimmed",
	  NULL },
	{ &tp_ev_tcp_trim_head, "removes acknowledged bytes from the front of an skb", NULL },
	{ &tp_ev_tcp_update_pacing_rate, "the socket's pacing rate: about two windows per round "
	  "trip", NULL },
	{ &tp_ev_tcp_transmit_skb, NULL, ui_explain_tcp_transmit_skb },
	{ &tp_ev_tcp_xmit_still_cloned, "the last transmission still holds the data (in the ring): a private copy goes down, not a second clone", NULL },
	{ &tp_ev_tcp_event_new_data_sent, "new data left: snd_nxt moves on, packets_out grows, the RTO timer runs", NULL },
	{ &tp_ev_tcp_wfree, "a sent clone is freed: its truesize goes back to the socket's send buffer", NULL },
	{ &tp_ev_tcp_v4_send_check, "prepares the TCP checksum over the pseudo-header", NULL },
	{ &tp_ev_tcp_v4_rcv, "finds the socket for the segment and processes it", NULL },
	{ &tp_ev_tcp_v4_do_rcv, "per-socket processing: established fast path or state machine", NULL },
	{ &tp_ev_tcp_rcv_state_process, "the TCP state machine for every state but ESTABLISHED", NULL },
	{ &tp_ev_tcp_rcv_established, "ESTABLISHED: data and ACKs", NULL },
	{ &tp_ev_tcp_ack, NULL, ui_explain_tcp_ack },
	{ &tp_ev_tcp_clean_rtx_queue, "acknowledged originals leave the write queue: dataref drops", NULL },
	{ &tp_ev_tcp_rtt_estimator, "a round-trip sample updates srtt and rttvar, and so the RTO", NULL },
	{ &tp_ev_tcp_rcv_rtt_measure, "without timestamps, the receiver times one window's worth of data to estimate the RTT", NULL },
	{ &tp_ev_tcp_rcv_rtt_measure_ts, "with timestamps, a full segment's echoed stamp gives the receiver an RTT sample", NULL },
	{ &tp_ev_tcp_rcv_rtt_update, "the receiver's RTT estimate moves toward the sample; it paces receive-buffer growth", NULL },
	{ &tp_ev_tcp_cong_avoid, "new data acknowledged: the congestion control (CUBIC, or Reno) grows cwnd if it was the limit", NULL },
	/* congestion control: layers/tcp_cong.c, layers/tcp_cubic.c */
	{ &tp_ev_tcp_is_cwnd_limited, "was cwnd the limit (all or nearly all of it in flight)? Only a window in use may grow", NULL },
	{ &tp_ev_tcp_slow_start, "slow start: cwnd + 1 per ACK, so it doubles every round trip", NULL },
	{ &tp_ev_tcp_cong_avoid_ai, "congestion avoidance: cwnd + 1 once w ACKs have been counted", NULL },
	{ &tp_ev_tcp_reno_cong_avoid, "Reno: slow start below ssthresh, then one segment more per round trip", NULL },
	{ &tp_ev_tcp_reno_ssthresh, "Reno after a loss: ssthresh is half of cwnd", NULL },
	{ &tp_ev_tcp_register_congestion_control, "adds an algorithm to the host's list (tcp_available_congestion_control)", NULL },
	{ &tp_ev_tcp_init_congestion_control, "the connection is established: it takes the host's default congestion control (sysctl tcp_congestion_control)", NULL },
	{ &tp_ev_cubictcp_register, "CUBIC's module init: it registers itself with the host", NULL },
	{ &tp_ev_bictcp_init, "CUBIC starts clean, with a first HyStart round", NULL },
	{ &tp_ev_bictcp_hystart_reset, "HyStart: a new round begins; it ends when what is sent so far is acknowledged", NULL },
	{ &tp_ev_bictcp_cong_avoid, "CUBIC: slow start below ssthresh (HyStart watching), then the cubic curve sets the pace", NULL },
	{ &tp_ev_bictcp_update, "where the cubic curve puts cwnd one RTT from now: cnt is the ACKs per extra segment", NULL },
	{ &tp_ev_bictcp_recalc_ssthresh, "a loss: CUBIC remembers cwnd as W_max and sets ssthresh to 717/1024 (0.7) of it", NULL },
	{ &tp_ev_bictcp_undo_cwnd, "the loss was not one: cwnd goes back to what it was before it", NULL },
	{ &tp_ev_bictcp_state, NULL, ui_explain_bictcp_state },
	{ &tp_ev_bictcp_acked, "an ACK's segment count and RTT: CUBIC keeps packets per ACK and the minimum RTT, and feeds HyStart", NULL },
	{ &tp_ev_hystart_update, "HyStart: does this round show an ACK train or a rising RTT? Then slow start ends here", NULL },
	{ &tp_ev_tcp_fastretrans_alert, "duplicate ACKs or a loss: recovery decides what to retransmit", NULL },
	{ &tp_ev_tcp_enter_loss, "the RTO fired: cwnd falls to one segment, everything unacked is lost", NULL },
	{ &tp_ev_tcp_retransmit_timer, "no ACK within the RTO: retransmit the first unacked segment, double the RTO", NULL },
	{ &tp_ev_tcp_xmit_retransmit_queue, "in recovery: retransmits the segments marked lost, as cwnd allows", NULL },
	/* TCP loss recovery: the SACK scoreboard, the state machine, PRR, TLP, undo */
	{ &tp_ev_tcp_sacktag_write_queue, "the ACK's SACK blocks mark what the receiver has (S) on the write queue", NULL },
	{ &tp_ev_tcp_sacktag_one, "one more stretch SACKed: counted in sacked_out; a lost one whose retransmission arrived is no longer lost", NULL },
	{ &tp_ev_tcp_shifted_skb, "the newly SACKed segments join the SACKed skb before them: fewer skbs to walk", NULL },
	{ &tp_ev_tcp_update_reordering, "an original filled a hole late: the path reorders, so more SACKs are needed before a loss is called", NULL },
	{ &tp_ev_tcp_mark_lost_retrans, "was a retransmission overtaken by data sent after it? then it was lost as well", NULL },
	{ &tp_ev_tcp_set_ca_state, NULL, ui_explain_tcp_set_ca_state },
	{ &tp_ev_tcp_time_to_recover, "loss or reordering? enough SACKed beyond the hole (FACK: more than 3 segments), or early retransmit", NULL },
	{ &tp_ev_tcp_enter_recovery, "fast recovery starts: ssthresh from the congestion module, what is resent now may be undone later", NULL },
	{ &tp_ev_tcp_update_scoreboard, "marks the holes lost: with FACK all unSACKed ones below the highest SACK, minus reordering", NULL },
	{ &tp_ev_tcp_mark_head_lost, "walks the write queue from its head, marking segments lost (L)", NULL },
	{ &tp_ev_tcp_init_cwnd_reduction, "PRR starts: remembers cwnd (prior_cwnd) and counts what is delivered and sent from here", NULL },
	{ &tp_ev_tcp_cwnd_reduction, "proportional rate reduction: cwnd = in flight + what PRR lets go for the segments just delivered", NULL },
	{ &tp_ev_tcp_end_cwnd_reduction, "the reduction is over: cwnd = ssthresh", NULL },
	{ &tp_ev_tcp_enter_cwr, "our own queue dropped a segment: reduce cwnd (CWR) without a loss to repair", NULL },
	{ &tp_ev_tcp_try_undo_recovery, "recovery is over: were all its retransmissions unneeded (D-SACKs, timestamps)? then undo it", NULL },
	{ &tp_ev_tcp_try_undo_dsack, "have D-SACKs shown every retransmission unneeded? then restore cwnd and ssthresh", NULL },
	{ &tp_ev_tcp_try_undo_partial, "a partial ACK: if it acknowledges originals, the hole was reordering: undo cwnd", NULL },
	{ &tp_ev_tcp_try_undo_loss, "after an RTO: if the originals arrived (F-RTO, timestamps), the timeout was spurious: undo", NULL },
	{ &tp_ev_tcp_undo_cwr, "restores the window from before the reduction", NULL },
	{ &tp_ev_tcp_process_loss, "an ACK after an RTO: F-RTO sends new data first to tell a spurious timeout from a real one", NULL },
	{ &tp_ev_tcp_pause_early_retransmit, "a short flight: early retransmit waits a quarter RTT before calling the hole a loss", NULL },
	{ &tp_ev_tcp_resume_early_retransmit, "the early-retransmit delay is over: recovery and retransmission now", NULL },
	{ &tp_ev_tcp_schedule_loss_probe, "at the tail of a flight: a loss probe in 2 RTTs instead of waiting for the RTO", NULL },
	{ &tp_ev_tcp_send_loss_probe, "the probe timer fired: send new data, or the last segment again, to draw an ACK with SACKs", NULL },
	{ &tp_ev_tcp_process_tlp_ack, "did the probe repair a loss (reduce cwnd once) or was it a duplicate (do nothing)?", NULL },
	{ &tp_ev___tcp_retransmit_skb, "trims and cuts the segment to the MSS and sends a clone of it again", NULL },
	{ &tp_ev_tcp_dsack_set, "this data arrived twice: the next ACK reports it in a D-SACK block", NULL },
	{ &tp_ev_tcp_sack_new_ofo_skb, "data past a hole: the SACK block it extends (or a new one) goes first in our ACKs", NULL },
	{ &tp_ev_tcp_retransmit_skb, "sends a segment of the write queue again; the original stays queued until it is acknowledged", NULL },
	{ &tp_ev_tcp_write_timer, "a TCP timer fired: the retransmit or the window probe", NULL },
	{ &tp_ev_tcp_keepalive_timer, "the keepalive timer: probes an idle connection, or ends a FIN_WAIT2 that waited too long", NULL },
	{ &tp_ev_tcp_data_queue, "in-order data goes onto the receive queue", NULL },
	{ &tp_ev_tcp_data_queue_ofo, "data after a gap: kept in the out-of-order queue until the gap fills", NULL },
	{ &tp_ev_tcp_ofo_queue, "the gap is filled: out-of-order segments move to the receive queue", NULL },
	{ &tp_ev_tcp_event_data_recv, "data arrived: the receiver's ACK pacing and window estimate learn from it", NULL },
	{ &tp_ev___tcp_ack_snd_check, "should an ACK go now (two segments, or out of order) or later?", NULL },
	{ &tp_ev_tcp_send_delayed_ack, "the ACK waits a little: more data may come to share it", NULL },
	{ &tp_ev_tcp_delack_timer, "the delayed-ACK timer fired: the ACK that waited goes out now", NULL },
	{ &tp_ev_tcp_send_ack, "builds and sends a pure ACK", NULL },
	{ &tp_ev_tcp_recvmsg, "copies received data to the user and frees what was read", NULL },
	{ &tp_ev_tcp_cleanup_rbuf, "after a read: send a window update if the window grew enough", NULL },
	{ &tp_ev_tcp_fin, "the peer's FIN: no more data will come; the state moves on", NULL },
	{ &tp_ev_tcp_close, "close: the FIN goes after the queued data (or a reset if data was unread)", NULL },
	{ &tp_ev_tcp_send_fin, "queues a FIN after the last data", NULL },
	{ &tp_ev_tcp_set_state, "the connection changes state", NULL },
	{ &tp_ev_tcp_time_wait, "enters TIME_WAIT (2 MSL: a late FIN gets its ACK again), or an orphan waits in FIN_WAIT2", NULL },
	{ &tp_ev_tcp_done, "the connection is closed for good: the socket is told, its timers stop", NULL },
	{ &tp_ev_tcp_v4_destroy_sock, "frees TCP's queues and port of a socket that is going away", NULL },

	/* TCP: the passive side (a listener) */
	{ &tp_ev_tcp_v4_conn_request, "a SYN for a listener: a request sock, and a SYN-ACK back", NULL },
	{ &tp_ev_tcp_v4_send_synack, "routes and sends the SYN-ACK for a connection request", NULL },
	{ &tp_ev_tcp_make_synack, "builds the SYN-ACK segment with its MSS and window", NULL },
	{ &tp_ev_tcp_v4_hnd_req, "a segment for a listener: does it belong to a pending request?", NULL },
	{ &tp_ev_tcp_check_req, "the ACK that ends a handshake: the request becomes a connection", NULL },
	{ &tp_ev_tcp_v4_syn_recv_sock, "makes the connection's own sock from the request, with its route", NULL },
	{ &tp_ev_tcp_create_openreq_child, "the new sock takes sequence numbers and window from the request", NULL },
	{ &tp_ev_tcp_child_process, "hands the new connection's first segment to it and wakes the listener", NULL },

	/* UDP and ICMP */
	{ &tp_ev_udp_sendmsg, "builds one datagram: route, source port, UDP header; big ones go out as fragments", NULL },
	{ &tp_ev_udp_send_skb, "fills the UDP header and checksum, then sends the datagram", NULL },
	{ &tp_ev_udp4_hwcsum, "the card will sum the datagram: only the pseudo-header's sum goes "
	  "into the checksum field", NULL },
	{ &tp_ev_udp_v4_get_port, "binds the UDP socket to a free local port", NULL },
	{ &tp_ev_udp_rcv, "a UDP datagram for this host: check it, find the socket", NULL },
	{ &tp_ev___udp4_lib_lookup, "finds the socket bound to the datagram's port and address", NULL },
	{ &tp_ev_udp_queue_rcv_skb, "queues the datagram on the socket, or drops it if the buffer is full", NULL },
	{ &tp_ev_udp_recvmsg, "copies one datagram to the user", NULL },
	{ &tp_ev_udp_lib_close, "close on a UDP socket: its port is free again", NULL },
	{ &tp_ev_icmp_rcv, "an ICMP message for this host: check it, hand it to its type's handler", NULL },
	{ &tp_ev_icmp_echo, "an echo request: answer it with an echo reply", NULL },
	{ &tp_ev_icmp_reply, "routes the answer back to the sender and sends it", NULL },
	{ &tp_ev_icmp_push_reply, "puts the ICMP header and data together and sends the packet", NULL },
	{ &tp_ev_icmp_send, "sends an ICMP error about a packet (unreachable, time exceeded ...)", NULL },
	{ &tp_ev_icmp_out_count, "counts an outgoing ICMP message, in total and by type", NULL },
	{ &tp_ev_icmp_unreach, "an ICMP error (unreachable, fragmentation needed, time exceeded): tell the sender's protocol", NULL },
	{ &tp_ev_icmp_socket_deliver, "gives an ICMP error to the protocol of the packet it quotes", NULL },
	{ &tp_ev_icmp_glue_bits, "copies what the ICMP message carries after its header into the skb", NULL },
	{ &tp_ev_icmp_err, "an ICMP error quoting an ICMP message we sent: for the ping sockets", NULL },
	{ &tp_ev_icmp_sk_init, "ICMP's own socket, which replies and errors are sent from", NULL },
	{ &tp_ev_icmp_sk_exit, "the host goes away: ICMP lets go of its socket", NULL },
	{ &tp_ev_ping_rcv, "an echo reply: for a ping socket with its id; ping_group_range lets nobody have one", NULL },
	{ &tp_ev_ping_err, "an ICMP error about an echo request: for a ping socket; there is none", NULL },

	/* raw sockets (ping's) */
	{ &tp_ev_raw_sendmsg, "a raw socket sends what the user wrote (ping's whole ICMP message) as one datagram", NULL },
	{ &tp_ev_raw_recvmsg, "a raw socket's read: the next packet, IP header and all, or an error report", NULL },
	{ &tp_ev_raw_local_deliver, "every raw socket of this protocol gets a copy, before the protocol does", NULL },
	{ &tp_ev_raw_v4_input, "finds the raw sockets that want the packet and gives each a clone", NULL },
	{ &tp_ev_raw_rcv, "the raw socket's clone: back to its IP header, onto the receive queue", NULL },
	{ &tp_ev_raw_rcv_skb, "queues the packet on the raw socket, or drops it if the buffer is full", NULL },
	{ &tp_ev_raw_icmp_error, "an ICMP error for the raw sockets of the packet it quotes", NULL },
	{ &tp_ev_raw_err, "the raw socket hears of the error: on its error queue (IP_RECVERR) and as sk_err", NULL },
	{ &tp_ev_raw_hash_sk, "the raw socket is listed, under its protocol, where packets find it", NULL },
	{ &tp_ev_raw_unhash_sk, "the raw socket is taken off the list", NULL },
	{ &tp_ev_raw_init, "a new raw ICMP socket starts with no ICMP filter", NULL },
	{ &tp_ev_raw_close, "close on a raw socket: off the list, its queues dropped", NULL },
	{ &tp_ev_raw_destroy, "drops a datagram the raw socket left half-built", NULL },
	{ &tp_ev_raw_setsockopt, "a raw socket option: ICMP_FILTER here, the others go to IP", NULL },
	{ &tp_ev_raw_bind, "binds the raw socket to one of our addresses", NULL },
	{ &tp_ev_ip_setsockopt, "an IP option: IP_RECVERR (errors on a queue) or IP_MTU_DISCOVER", NULL },
	{ &tp_ev_ip_icmp_error, "queues a copy of the ICMP error on the socket's error queue", NULL },
	{ &tp_ev_ip_recv_error, "recvmsg(MSG_ERRQUEUE): the quoted packet and the error as a control message", NULL },

	/* IP: output */
	{ &tp_ev_ip_queue_xmit, "routes the segment (or reuses the socket's cached dst), pushes the IP header", NULL },
	{ &tp_ev_ip_build_and_send_pkt, "pushes an IP header on a packet with its route and sends it (a SYN-ACK)", NULL },
	{ &tp_ev_ip_append_data, "queues the datagram's bytes on the socket; nothing is sent yet", NULL },
	{ &tp_ev___ip_append_data, "copies the datagram into MTU-sized skbs queued on the socket",
	  NULL },
	{ &tp_ev_ip_make_skb, "builds the datagram from the queued pieces: the first skb, the "
	  "rest as its frag list", NULL },
	{ &tp_ev_ip_push_pending_frames, "the datagram is complete: build its IP packet(s) and send", NULL },
	{ &tp_ev_ip_finish_skb, "the socket's queued datagram becomes one skb (__ip_make_skb)", NULL },
	{ &tp_ev_ip_flush_pending_frames, "drops the datagram the socket was building", NULL },
	{ &tp_ev___ip_make_skb, "joins the pieces of a datagram into one skb with its IP header", NULL },
	{ &tp_ev_ip_send_skb, "sends a finished IP packet (ip_local_out) and counts a failure", NULL },
	{ &tp_ev_ip_select_ident, "the IP id of the packet: what its fragments will share", NULL },
	{ &tp_ev_ip_local_out, "sets the IP length and checksum, runs the OUTPUT netfilter hook", NULL },
	{ &tp_ev___ip_local_out, "fills tot_len and computes the IP header checksum", NULL },
	{ &tp_ev_nf_hook, "netfilter: the iptables rules of this hook decide ACCEPT or DROP", NULL },
	{ &tp_ev_ipt_do_table, "walks the chain's rules in order until one matches", NULL },
	{ &tp_ev_ip_output, "the POSTROUTING hook, then fragmentation if needed", NULL },
	{ &tp_ev_ip_finish_output, "fragments when the packet exceeds the route MTU", NULL },
	{ &tp_ev_ip_fragment, "cuts the packet into fragments that fit the MTU, each with its own IP header", NULL },
	{ &tp_ev_ip_copy_metadata, "a fragment inherits the original's route, device and priority", NULL },
	{ &tp_ev_ip_finish_output2, "finds the next hop's neighbour entry and hands the skb to it", NULL },

	/* IP: input, forwarding, reassembly */
	{ &tp_ev_ip_rcv, "checks the IP header, runs PREROUTING", NULL },
	{ &tp_ev_ip_rcv_finish, "routes the incoming packet: deliver locally or forward", NULL },
	{ &tp_ev_ip_route_input_noref, "input route lookup: is it for us or for another host?", NULL },
	{ &tp_ev_ip_route_input_slow, "no cached input route: look the destination up in the tables", NULL },
	{ &tp_ev_fib_validate_source, "is the source address plausible on the device it came in on?", NULL },
	{ &tp_ev_ip_mkroute_input, "builds the input route of a packet to forward: out device, next hop", NULL },
	{ &tp_ev_ip_forward, "router: checks TTL and MTU; sends on, or answers with an ICMP error", NULL },
	{ &tp_ev_ip_forward_finish, "the forwarded packet goes down the output path", NULL },
	{ &tp_ev_ip_local_deliver, "the packet is for this host: reassemble, then INPUT hook", NULL },
	{ &tp_ev_ip_local_deliver_finish, "hands the payload to TCP, UDP or ICMP", NULL },
	{ &tp_ev_ip_defrag, "a fragment: add it to its datagram's queue; whole, the datagram goes up", NULL },
	{ &tp_ev_ip_find, "finds (or starts) the reassembly queue of the fragment's datagram", NULL },
	{ &tp_ev_ip_frag_queue, "puts the fragment in place by offset and checks for gaps", NULL },
	{ &tp_ev_ip_frag_reasm, "every fragment is there: join them into one packet", NULL },
	{ &tp_ev_ipq_kill, "the reassembly queue is done with (complete, or timed out)", NULL },
	{ &tp_ev_inet_frag_destroy, "frees a reassembly queue and the fragments still in it", NULL },

	/* routes */
	{ &tp_ev_ip_route_output_ports, "route lookup for this flow: the matched row decides gateway and device", NULL },
	{ &tp_ev_ip_route_output_key, "looks up the output route and builds an rtable (dst)", NULL },
	{ &tp_ev___mkroute_output, "makes the output route (rtable) from the table's answer, or reuses a cached one", NULL },
	{ &tp_ev_rt_dst_alloc, "allocates an rtable: the dst a packet carries to the output path", NULL },
	{ &tp_ev_dst_metric_advmss, "the MSS to advertise: the route's advmss if set, else the device MTU minus 40", NULL },
	{ &tp_ev_rt_cache_route, "keeps the rtable on the next hop for the following packets", NULL },
	{ &tp_ev_fib_lookup, "searches the local table, then the main table", NULL },
	{ &tp_ev_fib_table_lookup, "longest-prefix match over the table's rows", NULL },
	{ &tp_ev_inet_addr_type, "what kind of address is it here: local, broadcast, unicast ...", NULL },
	{ &tp_ev_inet_select_addr, "picks this host's source address for the outgoing device", NULL },
	{ &tp_ev___sk_dst_check, "is the route cached on the socket still valid?", NULL },
	{ &tp_ev_dst_hold, "takes a reference on the route", NULL },
	{ &tp_ev_dst_release, "drops a reference on the route; the last one frees it", NULL },
	{ &tp_ev_dst_mtu, "the MTU of the route: the path MTU if one was learned, else the device's", NULL },
	{ &tp_ev_find_exception, "is there a learned path MTU (an exception) for this destination?", NULL },
	{ &tp_ev_ipv4_update_pmtu, "fragmentation needed: lower the path MTU towards that destination", NULL },
	{ &tp_ev___ip_rt_update_pmtu, "records the smaller path MTU on the route, unless its MTU is locked", NULL },
	{ &tp_ev_update_or_create_fnhe, "remembers the path MTU for the destination until it expires", NULL },
	{ &tp_ev_sim_fib_ip_route_get, "ip route get: the route a packet to that address would take", NULL },
	{ &tp_ev_sim_fib_route_show, "route -n: the main table, row by row", NULL },

	/* neighbours and ARP */
	{ &tp_ev_dst_neigh_output, NULL, ui_explain_dst_neigh_output },
	{ &tp_ev_neigh_hh_output, "copies the cached Ethernet header in front of the IP header", NULL },
	{ &tp_ev_neigh_resolve_output, "needs the next hop's MAC: send now or queue behind an ARP request", NULL },
	{ &tp_ev___neigh_event_send, NULL, ui_explain___neigh_event_send },
	{ &tp_ev_neigh_event_send, "is the entry usable? if not, start or continue resolution", NULL },
	{ &tp_ev___ipv4_neigh_lookup_noref, "looks for the next hop's entry in the ARP table", NULL },
	{ &tp_ev___neigh_lookup, "finds the entry for an address, or creates one", NULL },
	{ &tp_ev_neigh_lookup, "finds the entry for an address in the table", NULL },
	{ &tp_ev___neigh_create, "a new neighbour entry for the next hop, state NONE", NULL },
	{ &tp_ev_neigh_alloc, "allocates a neighbour entry with its timer and queue", NULL },
	{ &tp_ev_arp_constructor, "ARP's setup of a new entry: how it resolves and what it sends with", NULL },
	{ &tp_ev_neigh_hh_init, "caches the Ethernet header for this next hop", NULL },
	{ &tp_ev_eth_header_cache, "builds the cached Ethernet header from the entry's MAC", NULL },
	{ &tp_ev_neigh_probe, "sends one ARP solicitation for the entry", NULL },
	{ &tp_ev_arp_solicit, "builds the 'who has' request for the next hop", NULL },
	{ &tp_ev_arp_send, "creates and transmits one ARP packet", NULL },
	{ &tp_ev_arp_create, "allocates the ARP skb and fills the Ethernet and ARP headers", NULL },
	{ &tp_ev_arp_xmit, "hands the ARP packet to the device layer", NULL },
	{ &tp_ev_arp_rcv, "an ARP packet arrived: sanity checks, then arp_process", NULL },
	{ &tp_ev_arp_process, NULL, ui_explain_arp_process },
	{ &tp_ev_neigh_event_ns, "an ARP request names us: create or update the sender's entry", NULL },
	{ &tp_ev_neigh_update, NULL, ui_explain_neigh_update },
	{ &tp_ev_neigh_timer_handler, "a neighbour timer fired: retry, go STALE or FAILED", NULL },
	{ &tp_ev_neigh_invalidate, "resolution failed: the packets waiting on the entry are dropped", NULL },
	{ &tp_ev_arp_error_report, "a packet could not be resolved: its sender hears 'host unreachable'", NULL },

	/* the device layer and qdiscs */
	{ &tp_ev_eth_header, "pushes the 14-byte Ethernet header: destination, source, type", NULL },
	{ &tp_ev_dev_queue_xmit, "picks a TX queue and hands the skb to its qdisc", NULL },
	{ &tp_ev_netdev_pick_tx, "chooses which TX queue (ring) the skb will use", NULL },
	{ &tp_ev___dev_xmit_skb, "an idle pfifo_fast is bypassed; otherwise enqueue and run the qdisc", NULL },
	{ &tp_ev___qdisc_run, "runs the qdisc: sends packets until it is empty or the quota (64) is used", NULL },
	{ &tp_ev_qdisc_restart, "takes one packet from the qdisc and tries the driver", NULL },
	{ &tp_ev_dequeue_skb, "the next packet: a requeued one first, else the qdisc's dequeue", NULL },
	{ &tp_ev_sch_direct_xmit, "hands one skb from the qdisc to the driver", NULL },
	{ &tp_ev_dev_requeue_skb, "the driver is busy: the packet goes back to wait at the head", NULL },
	{ &tp_ev___netif_schedule, "the qdisc has more to send: NET_TX will run it later", NULL },
	{ &tp_ev___netif_reschedule, "puts the qdisc on this CPU's output list and raises NET_TX", NULL },
	{ &tp_ev_net_tx_action, "NET_TX softirq: frees completed skbs, runs the qdiscs that were scheduled", NULL },
	{ &tp_ev_pfifo_fast_enqueue, "queues the packet in one of three bands by its priority", NULL },
	{ &tp_ev_pfifo_fast_dequeue, "takes the next packet from the highest band that has one", NULL },
	{ &tp_ev_pfifo_fast_reset, "empties the three bands (the device goes down)", NULL },
	{ &tp_ev_bfifo_enqueue, "queues the packet if the byte limit allows, else drops it", NULL },
	{ &tp_ev_qdisc_dequeue_head, "takes the packet at the head of the queue", NULL },
	{ &tp_ev_qdisc_drop, "the queue is full: the packet is dropped and counted", NULL },
	{ &tp_ev_qdisc_reset, "empties the qdisc", NULL },
	{ &tp_ev_tbf_enqueue, "queues the packet for the token bucket (dropped if over the limit)", NULL },
	{ &tp_ev_tbf_dequeue, "sends the head packet if the bucket has tokens for it, else waits", NULL },
	{ &tp_ev_tbf_init, "a token bucket: rate, burst and limit from tc", NULL },
	{ &tp_ev_tbf_change, "sets the bucket's rate, burst and queue limit", NULL },
	{ &tp_ev_qdisc_watchdog_schedule_ns, "no tokens for the next packet: wake the qdisc when there are", NULL },
	{ &tp_ev_qdisc_watchdog, "the bucket has refilled: schedule the qdisc to send again", NULL },
	{ &tp_ev_qdisc_create, "tc qdisc add|replace: a new qdisc of the kind asked for", NULL },
	{ &tp_ev_qdisc_create_dflt, "a default qdisc (pfifo_fast for each TX queue)", NULL },
	{ &tp_ev_sim_qdisc_root_modify, "tc: replace the root qdisc, change it in place, or refuse", NULL },
	{ &tp_ev_qdisc_graft, "attaches the new qdisc to the device, the old one goes", NULL },
	{ &tp_ev_dev_graft_qdisc, "the TX queue takes the new qdisc (it starts when the device is up)", NULL },
	{ &tp_ev_qdisc_destroy, "frees a qdisc and the packets still in it", NULL },
	{ &tp_ev_mq_destroy, "mq goes: the per-queue qdiscs under it go too", NULL },
	{ &tp_ev_dev_activate, "the device is up: its TX queues get their qdiscs (or the defaults)", NULL },
	{ &tp_ev_dev_deactivate, "the device goes down: qdiscs swapped for noop, queued packets freed", NULL },
	{ &tp_ev_dev_open, "ip link set up: the driver's ndo_open, then the qdiscs start", NULL },
	{ &tp_ev_dev_close, "ip link set down: stop the queues, the driver's ndo_stop", NULL },
	{ &tp_ev_call_netdevice_notifiers, "tells every layer that registered a notifier "
	  "what happened to the device (here: it went down)", NULL },
	{ &tp_ev_fib_netdev_event, "the routing code hears about a device going down", NULL },
	{ &tp_ev_fib_disable_ip, "a device went down: what was learnt through it goes, "
	  "its ARP entries first", NULL },
	{ &tp_ev_arp_ifdown, "the device went down: drop its ARP entries and the packets "
	  "waiting on them", NULL },
	{ &tp_ev_neigh_ifdown, "forgets every neighbour of the device (timers stopped, "
	  "queued packets freed)", NULL },
	{ &tp_ev_dev_set_mtu, "ip link set mtu: the driver checks the new MTU and applies it", NULL },
	{ &tp_ev_dev_hard_start_xmit, "calls the driver's ndo_start_xmit", NULL },
	/* offloads and software GSO (issue 13) */
	{ &tp_ev_netif_skb_features, "what the device can do for this skb (SG, checksum, TSO)", NULL },
	{ &tp_ev_skb_checksum_help, "the device cannot checksum it: TCP/UDP checksum computed in "
	  "software", NULL },
	{ &tp_ev_dev_gso_segment, "the device cannot take this GSO skb: cut it into MSS-sized "
	  "segments in software", NULL },
	{ &tp_ev___skb_gso_segment, "software GSO: check the skb and ask the protocols to cut it",
	  NULL },
	{ &tp_ev_skb_mac_gso_segment, "finds the network protocol's segmenter for the Ethernet "
	  "type (IPv4)", NULL },
	{ &tp_ev_inet_gso_segment, "IPv4's part of GSO: TCP cuts, then each segment gets its own "
	  "IP header (length, id, checksum)", NULL },
	{ &tp_ev_tcp_tso_segment, "TCP's part of GSO: one segment per MSS, the header copied, the "
	  "sequence advanced, PSH/FIN on the last only", NULL },
	{ &tp_ev_skb_segment, "makes the segment skbs, sharing the big skb's pages", NULL },
	{ &tp_ev_dma_map_page, "maps one page frag for the card: a DMA address per frag", NULL },
	{ &tp_ev_dma_unmap_page, "the card is done with a page frag: its mapping is given back",
	  NULL },
	{ &tp_ev_ethtool_get_features, "ethtool -k: what the device offloads and what is on", NULL },
	{ &tp_ev_ethtool_set_features, "ethtool -K: ask for features on or off; the core decides",
	  NULL },
	{ &tp_ev___netdev_update_features, "recomputes the device's features: what the driver "
	  "offers and the user wants, after the rules", NULL },
	{ &tp_ev_netdev_fix_features, "the rules: TSO needs SG and checksumming, software GSO "
	  "needs SG", NULL },
	{ &tp_ev_alloc_pages, "takes a 4 KiB page from the host's page allocator", NULL },
	{ &tp_ev_put_page, "drops a reference to a page; the last one frees it", NULL },
	{ &tp_ev_kmem_cache_alloc, "takes an object from a slab cache, the last one freed first "
	  "(for an skb, just before alloc_skb names it)", NULL },
	{ &tp_ev_kmem_cache_free, "puts the object back at the front of its cache's free list",
	  NULL },
	{ &tp_ev_kmalloc, "memory from the smallest kmalloc-N cache that holds it (bytes_alloc); "
	  "above 8 KiB whole pages", NULL },
	{ &tp_ev_kfree, "gives kmalloc's memory back to its cache (or its pages)", NULL },
	{ &tp_ev_skb_split, "moves the bytes after a point into a new skb (its frags go along)",
	  NULL },
	{ &tp_ev_skb_shift, "moves page frags from one skb to the end of another: no bytes copied", NULL },
	/* packet taps (tcpdump on the host) */
	{ &tp_ev_dev_add_pack, "registers a packet handler: a protocol, or a tap (tcpdump's "
	  "packet socket) that sees every frame", NULL },
	{ &tp_ev_dev_remove_pack, "unregisters a packet handler: tcpdump's socket closes", NULL },
	{ &tp_ev_dev_queue_xmit_nit, "a clone of the frame for every tap (tcpdump) before the "
	  "driver gets it", NULL },
	{ &tp_ev_deliver_skb, "hands the frame to one handler with one more reference", NULL },
	{ &tp_ev_sim_packet_rcv, "the packet socket copies the frame to tcpdump's reader", NULL },
	{ &tp_ev_netif_tx_start_all_queues, "the device may transmit: every TX queue starts", NULL },
	{ &tp_ev_netif_wake_subqueue, "descriptors were freed: a stopped TX queue starts again", NULL },

	/* the igb driver: transmit */
	{ &tp_ev_igb_xmit_frame, "the driver's entry: pick the ring for this skb", NULL },
	{ &tp_ev_igb_xmit_frame_ring, NULL, ui_explain_igb_xmit_frame_ring },
	{ &tp_ev___igb_maybe_stop_tx, "too few free descriptors: stop the TX queue until cleanup frees some", NULL },
	{ &tp_ev_igb_tso, NULL, ui_explain_igb_tso },
	{ &tp_ev_igb_tx_csum, NULL, ui_explain_igb_tx_csum },
	{ &tp_ev_igb_tx_ctxtdesc, "a context descriptor: header lengths, protocols and MSS for the "
	  "card; it takes a ring slot but carries no data", NULL },
	{ &tp_ev_igb_tx_cmd_type, "the descriptor's command bits: end of packet, report status, add "
	  "the CRC, and TSE when the card is to cut the skb", NULL },
	{ &tp_ev_igb_tx_olinfo_status, "the first descriptor's payload length and the checksums the "
	  "card is to insert (TXSM: TCP/UDP, IXSM: IP)", NULL },
	{ &tp_ev_igb_tx_map, "maps the data for DMA, fills a descriptor, advances next_to_use", NULL },
	{ &tp_ev_dma_map_single, "gives the card a bus address for the skb's data", NULL },
	{ &tp_ev_dma_unmap_single, "the card is done with the buffer: take it back", NULL },
	{ &tp_ev_sim_82576_wr32, "the driver writes the TX tail (TDT): the card may fetch descriptors up to it", NULL },
	{ &tp_ev_sim_82576_tx_frame, "the card's TX engine sends one frame: the next packet's "
	  "descriptors and data, or the next segment of a packet it cuts", NULL },
	{ &tp_ev_sim_82576_tso_frame, "TSO in the card: the saved headers, the next MSS of data, "
	  "IP length and id, TCP sequence and flags set for this segment", NULL },
	{ &tp_ev_sim_82576_tx_csum, "the card computes the checksums the descriptor asked for and "
	  "writes them into the frame", NULL },
	{ &tp_ev_igb_clean_tx_irq, "frees skbs whose descriptors have DD set, advances next_to_clean", NULL },

	/* the igb driver: interrupts and receive */
	{ &tp_ev_sim_82576_msix_event, "the card raises an MSI-X interrupt", NULL },
	{ &tp_ev_sim_82576_receive, "a frame arrives at the card and is written into an RX buffer", NULL },
	{ &tp_ev_igb_msix_ring, "hard IRQ: schedule NAPI and return fast", NULL },
	{ &tp_ev_napi_schedule, NULL, ui_explain_napi_schedule },
	{ &tp_ev_____napi_schedule, "adds the NAPI context to this CPU's poll list, raises NET_RX", NULL },
	{ &tp_ev_net_rx_action, "NET_RX softirq: polls each NAPI context within a budget", NULL },
	{ &tp_ev_igb_poll, "NAPI poll: clean the TX ring, then receive from the RX ring", NULL },
	{ &tp_ev_napi_complete, "the poll finished under budget: GRO's packets go up, leave the poll list", NULL },
	{ &tp_ev_igb_ring_irq_enable, "the poll is done: unmask this ring's interrupt again", NULL },
	{ &tp_ev_igb_write_itr, "sets the interrupt throttle: how often this vector may fire", NULL },
	{ &tp_ev_igb_clean_rx_irq, "takes received frames off the RX ring and passes them up", NULL },
	{ &tp_ev_igb_fetch_rx_buffer, "the half page the card filled goes into an skb: a new one for a frame's first buffer", NULL },
	{ &tp_ev_igb_add_rx_frag, "copies a small frame into the skb, or attaches the half page as a frag", NULL },
	{ &tp_ev_igb_can_reuse_rx_page, "is the driver the page's only owner again? then its other half is next", NULL },
	{ &tp_ev_igb_reuse_rx_page, "the page, flipped to its other half, goes back to the ring: no new page needed", NULL },
	{ &tp_ev_igb_is_non_eop, "was this the frame's last descriptor? moves next_to_clean on", NULL },
	{ &tp_ev_igb_cleanup_headers, "drops a frame the card marked bad, pulls the headers, pads one that is too short", NULL },
	{ &tp_ev_igb_pull_tail, "copies the frame's headers out of the page into the skb's linear part", NULL },
	{ &tp_ev_igb_alloc_rx_buffers, "refills RX slots with half pages and bumps RDT", NULL },
	{ &tp_ev_igb_alloc_mapped_page, "an RX slot's page: the reused one it has, or a new page mapped for the card", NULL },
	{ &tp_ev_skb_add_rx_frag, "the frame's bytes stay in the page: the skb points at them (a frag)", NULL },
	{ &tp_ev_napi_gro_receive, "GRO entry point: merge this frame into a held one of its flow, or hold it", NULL },
	{ &tp_ev_dev_gro_receive, "asks IP and TCP whether the frame continues a held packet", NULL },
	{ &tp_ev_gro_list_prepare, "marks the held packets from the same device and MAC header", NULL },
	{ &tp_ev_inet_gro_receive, "same addresses, TTL, TOS, the next IP ID, DF set: may continue the held packet", NULL },
	{ &tp_ev_tcp4_gro_receive, "checks the segment's TCP checksum once, here", NULL },
	{ &tp_ev_tcp_gro_receive, "same ports, the next sequence number, same ACK, window and options: merge", NULL },
	{ &tp_ev_skb_gro_receive, "moves the segment's page frags onto the held packet", NULL },
	{ &tp_ev_napi_skb_finish, "acts on GRO's verdict: merged (free the head), held, or up as it came", NULL },
	{ &tp_ev_napi_gro_complete, "a held packet goes up: one skb for all the segments merged into it", NULL },
	{ &tp_ev_inet_gro_complete, "the merged packet's IP total length and header checksum", NULL },
	{ &tp_ev_tcp4_gro_complete, "the merged packet's TCP checksum becomes the pseudo-header sum for its length", NULL },
	{ &tp_ev_tcp_gro_complete, "gso_size and gso_segs tell TCP how many segments this one skb is", NULL },
	{ &tp_ev_napi_gro_flush, "the poll is over: every packet GRO holds goes up the stack", NULL },
	{ &tp_ev_netif_napi_del, "the driver lets go of its NAPI context: held packets are freed", NULL },
	{ &tp_ev_netif_receive_skb, "hands the skb to the protocol handler for its type", NULL },
	{ &tp_ev_loopback_xmit, "lo's transmit: the packet turns round and is received, nothing leaves the host", NULL },
	{ &tp_ev_netif_rx, "a device without NAPI (lo) hands up a frame: it waits on the CPU's backlog", NULL },
	{ &tp_ev_enqueue_to_backlog, "queues the frame on the backlog; the first one schedules the backlog's NAPI poll", NULL },
	{ &tp_ev_process_backlog, "the backlog's NAPI poll: hands each waiting frame up, as a driver's poll does", NULL },
	{ &tp_ev_flush_backlog, "the device goes away: its frames still on the backlog are dropped", NULL },
	{ &tp_ev___netif_receive_skb_core, "finds the packet_type for the EtherType: IP or ARP", NULL },
	{ &tp_ev_eth_type_trans, "reads the Ethernet header, sets protocol and pkt_type, pulls it", NULL },

	/* the igb driver: bringing the card up and down */
	{ &tp_ev_igb_open, "ndo_open: the card comes up (see __igb_open)", NULL },
	{ &tp_ev___igb_open, "allocates the rings, programs the card, requests the IRQs, starts the queues", NULL },
	{ &tp_ev_igb_close, "ndo_stop: the card goes down (see __igb_close)", NULL },
	{ &tp_ev___igb_close, "stops the card, frees the IRQs and every ring", NULL },
	{ &tp_ev_igb_up, "NAPI and interrupts on, the TX queues started: the link is usable", NULL },
	{ &tp_ev_igb_down, "stops receive and transmit, NAPI and interrupts; cleans the rings", NULL },
	{ &tp_ev_igb_reset, "resets the card and programs its receive address", NULL },
	{ &tp_ev_sim_82576_reset, "the card resets: every register back to its default", NULL },
	{ &tp_ev_igb_configure, "programs the card: receive filters, the TX and RX rings, buffers", NULL },
	{ &tp_ev_igb_configure_tx, "tells the card where each TX ring lives", NULL },
	{ &tp_ev_igb_configure_tx_ring, "writes one TX ring's base (TDBAL/H), length (TDLEN), head and tail", NULL },
	{ &tp_ev_igb_configure_rx, "tells the card where each RX ring lives", NULL },
	{ &tp_ev_igb_configure_rx_ring, "writes one RX ring's base, length, buffer size, head and tail", NULL },
	{ &tp_ev_igb_setup_tctl, "transmit control: enable transmit, pad short frames", NULL },
	{ &tp_ev_igb_setup_rctl, "receive control: what frames the card accepts, the buffer size", NULL },
	{ &tp_ev_igb_rlpml_set, "the longest frame the card accepts (from the MTU)", NULL },
	{ &tp_ev_igb_rar_set, "writes the card's MAC address into a receive address register", NULL },
	{ &tp_ev_igb_setup_all_tx_resources, "a TX ring (descriptors and buffer info) for every queue", NULL },
	{ &tp_ev_igb_setup_tx_resources, "allocates one TX ring: its descriptors in DMA memory", NULL },
	{ &tp_ev_igb_setup_all_rx_resources, "an RX ring for every queue", NULL },
	{ &tp_ev_igb_setup_rx_resources, "allocates one RX ring: its descriptors in DMA memory", NULL },
	{ &tp_ev_dma_alloc_coherent, "memory both the CPU and the card see: a descriptor ring", NULL },
	{ &tp_ev_dma_free_coherent, "gives a descriptor ring's DMA memory back", NULL },
	{ &tp_ev_igb_free_all_tx_resources, "frees every TX ring", NULL },
	{ &tp_ev_igb_free_tx_resources, "frees one TX ring's descriptors and buffer info", NULL },
	{ &tp_ev_igb_free_all_rx_resources, "frees every RX ring", NULL },
	{ &tp_ev_igb_free_rx_resources, "frees one RX ring's descriptors and buffer info", NULL },
	{ &tp_ev_igb_clean_all_tx_rings, "frees the skbs still on every TX ring", NULL },
	{ &tp_ev_igb_clean_tx_ring, "frees the skbs still on one TX ring and resets its indices", NULL },
	{ &tp_ev_igb_clean_all_rx_rings, "frees the buffers of every RX ring", NULL },
	{ &tp_ev_igb_clean_rx_ring, "frees one RX ring's buffers and resets its indices", NULL },
	{ &tp_ev_igb_request_irq, "asks for the card's interrupts: MSI-X, one vector per queue pair", NULL },
	{ &tp_ev_igb_request_msix, "requests each MSI-X vector with its handler", NULL },
	{ &tp_ev_igb_free_irq, "gives the MSI-X vectors back", NULL },
	{ &tp_ev_igb_configure_msix, "tells the card which vector each queue raises", NULL },
	{ &tp_ev_igb_assign_vector, "maps a vector to its RX and TX queues", NULL },
	{ &tp_ev_igb_write_ivar, "writes one entry of the card's interrupt vector table (IVAR)", NULL },
	{ &tp_ev_igb_irq_enable, "unmasks the card's interrupts", NULL },
	{ &tp_ev_igb_irq_disable, "masks the card's interrupts", NULL },
	{ &tp_ev_napi_enable, "the NAPI context may be scheduled again", NULL },
	{ &tp_ev_napi_disable, "waits for a running poll and keeps NAPI from being scheduled", NULL },
	{ &tp_ev_igb_change_mtu, "a new MTU: check it, and reset the card for the new frame size", NULL },
	{ &tp_ev_igb_get_ringparam, "ethtool -g: the ring sizes, now and at most", NULL },
	{ &tp_ev_igb_set_ringparam, "ethtool -G: new ring sizes (the card is brought down and up)", NULL },
	{ &tp_ev_netif_set_real_num_tx_queues, "how many of the device's TX queues the driver uses: netdev_pick_tx picks among them", NULL },
	{ &tp_ev_igb_init_queue_configuration, "one queue per CPU, at most 8; a TX and an RX queue share a vector only above 4", NULL },
	{ &tp_ev_igb_get_coalesce, "ethtool -c: the interrupt throttle, in microseconds", NULL },
	{ &tp_ev_igb_set_coalesce, "ethtool -C: a new interrupt throttle, written to EITR at the next interrupt", NULL },
	{ &tp_ev_igb_update_stats, "reads the card's statistics registers into the driver's counters", NULL },

	/* skbs, softirqs, netfilter tables */
	{ &tp_ev_alloc_skb, "a new skb: the header and data buffer just taken (kmem_cache_alloc, "
	  "kmalloc) made empty", NULL },
	{ &tp_ev_skb_clone, "a second header for the same data: dataref counts both", NULL },
	{ &tp_ev_skb_copy_datagram_iovec, "recv() copies the bytes to the user: linear part, page frags, frag_list", NULL },
	{ &tp_ev____pskb_trim, "cuts a paged packet's end: frags past it let go of their page", NULL },
	{ &tp_ev___pskb_pull_tail, "copies bytes from the page frags into the linear part, to be read in place", NULL },
	{ &tp_ev_skb_realloc_headroom, "a copy of the skb with more room in front; the frags stay shared", NULL },
	{ &tp_ev_pskb_expand_head, "the data head is shared: copy it so this skb can change it "
	  "(the frags stay shared)", NULL },
	{ &tp_ev_kfree_skb, NULL, ui_explain_skb_put_ref },
	{ &tp_ev_consume_skb, NULL, ui_explain_skb_put_ref },
	{ &tp_ev_dev_kfree_skb_any, "frees a transmitted skb from any context", NULL },
	{ &tp_ev_raise_softirq, "marks a softirq pending on this CPU", NULL },
	{ &tp_ev_sim_iptc_insert_entry, "iptables -A/-I: the rule goes into the chain at its place", NULL },
	{ &tp_ev_sim_iptc_flush_entries, "iptables -F: the chain's rules go", NULL },

	/* the UI's own marks */
	{ &ui_mark_console, "a console command was started; step to watch it run", NULL },
	{ &ui_mark_lesson, "a lesson step ran to here; p steps back through what it did", NULL },
};

/* The row for @ev's declaration, or NULL. */
static const struct ui_explain_row *
ui_explain_row(const struct trace_event_desc *ev)
{
	for (size_t i = 0; ev && i < ARRAY_SIZE(ui_explain_table); i++)
		if (ui_explain_table[i].ev == ev)
			return &ui_explain_table[i];
	return NULL;
}

/*
 * A note is explained by the function it sits in, when it has no line
 * of its own: a note's site knows that function only by its C name
 * (__func__), so its declaration is found by that name.  (The note's
 * fields are not the function's: a line chosen by fields gets none,
 * and says what holds either way.)
 */
const char *
ui_explain(const struct trace_rec *ev)
{
	const struct ui_explain_row *row = ui_explain_row(trace_rec_desc(ev));

	if (!row && ev->kind == TRACE_NOTE && ev->site)
		row = ui_explain_row(trace_event_find(ev->site->func, false));
	if (!row)
		return NULL;
	return row->text ? row->text : row->by_fields(ev);
}
