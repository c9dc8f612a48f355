/*
 * ui/ui_explain.c - one line about each main kernel function, shown
 * under the current function in the UI.
 *
 * No kernel counterpart: this is netstep's own commentary, in its own
 * words, on what the function does to the packet at this point of the
 * path (the seed article's story: socket -> TCP -> IP -> neighbour ->
 * qdisc -> driver -> card -> wire, and back up on the far side).
 * Functions missing from the table get no line.
 *
 * Keyed by the event's declaration (events/), so a function renamed
 * there breaks the build here instead of losing its line.
 */
#include "ui/ui_snap.h"
#include "events/all.h"

struct ui_explain_row {
	const struct trace_event_desc *ev;
	const char *text;
};

static const struct ui_explain_row ui_explain_table[] = {
	{ &tp_ev_sys_socket, "socket(2): makes a struct socket and its sock, returns a descriptor" },
	{ &tp_ev_sys_connect, "connect(2): the process asks the protocol to reach a peer" },
	{ &tp_ev_sys_sendto, "send(2): copies user bytes into the socket's send path" },
	{ &tp_ev_sys_close, "close(2): drops the descriptor; TCP then sends its FIN" },
	{ &tp_ev_inet_stream_connect, "starts the TCP handshake and sleeps until it finishes" },
	{ &tp_ev_tcp_v4_connect, "picks a route and a source port, then sends the SYN" },
	{ &tp_ev_tcp_connect, "builds the SYN, queues it for retransmission, sends a clone" },
	{ &tp_ev_tcp_sendmsg, "cuts the user's bytes into MSS-sized skbs on the write queue" },
	{ &tp_ev_sk_stream_alloc_skb, "allocates an skb with headroom reserved for every header below" },
	{ &tp_ev_skb_entail, "appends the new skb to the socket's write queue" },
	{ &tp_ev_tcp_push, "asks TCP to send what the window allows now" },
	{ &tp_ev___tcp_push_pending_frames, "sends queued segments while cwnd and the window allow" },
	{ &tp_ev_tcp_write_xmit, "walks the write queue and transmits each segment that fits" },
	{ &tp_ev_tcp_transmit_skb, "clones the skb: the original stays on the write queue for retransmission" },
	{ &tp_ev_skb_clone, "a second header for the same data: dataref counts both" },
	{ &tp_ev_tcp_v4_send_check, "prepares the TCP checksum over the pseudo-header" },
	{ &tp_ev_ip_queue_xmit, "routes the segment (or reuses the socket's cached dst), pushes the IP header" },
	{ &tp_ev_ip_route_output_ports, "route lookup for this flow: the matched row decides gateway and device" },
	{ &tp_ev_ip_route_output_key, "looks up the output route and builds an rtable (dst)" },
	{ &tp_ev_fib_lookup, "searches the local table, then the main table" },
	{ &tp_ev_fib_table_lookup, "longest-prefix match over the table's rows" },
	{ &tp_ev___sk_dst_check, "is the route cached on the socket still valid?" },
	{ &tp_ev_ip_local_out, "sets the IP length and checksum, runs the OUTPUT netfilter hook" },
	{ &tp_ev___ip_local_out, "fills tot_len and computes the IP header checksum" },
	{ &tp_ev_nf_hook, "netfilter: the iptables rules of this hook decide ACCEPT or DROP" },
	{ &tp_ev_ipt_do_table, "walks the chain's rules in order until one matches" },
	{ &tp_ev_ip_output, "the POSTROUTING hook, then fragmentation if needed" },
	{ &tp_ev_ip_finish_output, "fragments when the packet exceeds the route MTU" },
	{ &tp_ev_ip_finish_output2, "finds the next hop's neighbour entry and hands the skb to it" },
	{ &tp_ev_dst_neigh_output, "REACHABLE: copy the cached header; else resolve first" },
	{ &tp_ev_neigh_hh_output, "copies the cached Ethernet header in front of the IP header" },
	{ &tp_ev_neigh_resolve_output, "needs the next hop's MAC: send now or queue behind an ARP request" },
	{ &tp_ev___neigh_event_send, "starts resolution: the entry goes INCOMPLETE, the skb waits" },
	{ &tp_ev_neigh_event_send, "is the entry usable? if not, start or continue resolution" },
	{ &tp_ev___neigh_create, "a new neighbour entry for the next hop, state NONE" },
	{ &tp_ev_neigh_probe, "sends one ARP solicitation for the entry" },
	{ &tp_ev_arp_solicit, "builds the 'who has' request for the next hop" },
	{ &tp_ev_arp_send, "creates and transmits one ARP packet" },
	{ &tp_ev_arp_create, "allocates the ARP skb and fills the Ethernet and ARP headers" },
	{ &tp_ev_arp_xmit, "hands the ARP packet to the device layer" },
	{ &tp_ev_arp_rcv, "an ARP packet arrived: sanity checks, then arp_process" },
	{ &tp_ev_arp_process, "answers requests for our address, learns the sender's MAC" },
	{ &tp_ev_neigh_update, "new link-layer address or state: queued packets now leave" },
	{ &tp_ev_neigh_timer_handler, "a neighbour timer fired: retry, go STALE or FAILED" },
	{ &tp_ev_eth_header, "pushes the 14-byte Ethernet header: destination, source, type" },
	{ &tp_ev_dev_queue_xmit, "picks a TX queue and hands the skb to its qdisc" },
	{ &tp_ev_netdev_pick_tx, "chooses which TX queue (ring) the skb will use" },
	{ &tp_ev___dev_xmit_skb, "an idle pfifo_fast is bypassed; otherwise enqueue and run the qdisc" },
	{ &tp_ev_sch_direct_xmit, "hands one skb from the qdisc to the driver" },
	{ &tp_ev_dev_hard_start_xmit, "calls the driver's ndo_start_xmit" },
	{ &tp_ev_igb_xmit_frame, "the driver's entry: pick the ring for this skb" },
	{ &tp_ev_igb_xmit_frame_ring, "reserves descriptors, maps the skb, writes the tail register" },
	{ &tp_ev_igb_tx_map, "maps the data for DMA, fills a descriptor, advances next_to_use" },
	{ &tp_ev_dma_map_single, "gives the card a bus address for the skb's data" },
	{ &tp_ev_dma_unmap_single, "the card is done with the buffer: take it back" },
	{ &tp_ev_sim_82576_wr32, "the driver writes a card register (here: TDT, the tail)" },
	{ &tp_ev_sim_82576_tx_frame, "the card's DMA fetches the descriptor and data: the frame hits the wire" },
	{ &tp_ev_sim_82576_msix_event, "the card raises an MSI-X interrupt" },
	{ &tp_ev_sim_82576_receive, "a frame arrives at the card and is written into an RX buffer" },
	{ &tp_ev_igb_msix_ring, "hard IRQ: schedule NAPI and return fast" },
	{ &tp_ev_napi_schedule, "puts the device on the poll list and raises NET_RX" },
	{ &tp_ev_net_rx_action, "NET_RX softirq: polls each NAPI context within a budget" },
	{ &tp_ev_igb_poll, "NAPI poll: clean the TX ring, then receive from the RX ring" },
	{ &tp_ev_igb_clean_tx_irq, "frees skbs whose descriptors have DD set, advances next_to_clean" },
	{ &tp_ev_igb_clean_rx_irq, "takes received frames off the RX ring and passes them up" },
	{ &tp_ev_igb_alloc_rx_buffers, "refills RX slots with fresh buffers and bumps RDT" },
	{ &tp_ev_napi_gro_receive, "GRO entry point: here passed straight up" },
	{ &tp_ev_netif_receive_skb, "hands the skb to the protocol handler for its type" },
	{ &tp_ev___netif_receive_skb_core, "finds the packet_type for the EtherType: IP or ARP" },
	{ &tp_ev_eth_type_trans, "reads the Ethernet header, sets protocol and pkt_type, pulls it" },
	{ &tp_ev_ip_rcv, "checks the IP header, runs PREROUTING" },
	{ &tp_ev_ip_rcv_finish, "routes the incoming packet: deliver locally or forward" },
	{ &tp_ev_ip_route_input_noref, "input route lookup: is it for us or for another host?" },
	{ &tp_ev_ip_forward, "router: decrement TTL, check MTU, send on" },
	{ &tp_ev_ip_forward_finish, "the forwarded packet goes down the output path" },
	{ &tp_ev_ip_local_deliver, "the packet is for this host: reassemble, then INPUT hook" },
	{ &tp_ev_ip_local_deliver_finish, "hands the payload to TCP, UDP or ICMP" },
	{ &tp_ev_tcp_v4_rcv, "finds the socket for the segment and processes it" },
	{ &tp_ev_tcp_v4_do_rcv, "per-socket processing: established fast path or state machine" },
	{ &tp_ev_tcp_rcv_state_process, "the TCP state machine for every state but ESTABLISHED" },
	{ &tp_ev_tcp_rcv_established, "ESTABLISHED: data and ACKs" },
	{ &tp_ev_tcp_ack, "an ACK arrived: free acknowledged data, grow cwnd" },
	{ &tp_ev_tcp_clean_rtx_queue, "acknowledged originals leave the write queue: dataref drops" },
	{ &tp_ev_tcp_data_queue, "in-order data goes onto the receive queue" },
	{ &tp_ev_tcp_send_ack, "builds and sends a pure ACK" },
	{ &tp_ev_tcp_send_fin, "queues a FIN after the last data" },
	{ &tp_ev_tcp_set_state, "the connection changes state" },
	{ &tp_ev_alloc_skb, "allocates an sk_buff header and its data buffer" },
	{ &tp_ev_kfree_skb, "drops an skb reference (a drop: counted)" },
	{ &tp_ev_consume_skb, "frees an skb after normal use" },
	{ &tp_ev_dev_kfree_skb_any, "frees a transmitted skb from any context" },
	{ &tp_ev_raise_softirq, "marks a softirq pending on this CPU" },
	{ &ui_mark_console, "a console command was started; step to watch it run" },
	{ &ui_mark_lesson, "a lesson step ran to here; p steps back through what it did" },
};

/* The line for @ev itself, or NULL. */
static const char *
ui_explain_desc(const struct trace_event_desc *ev)
{
	for (size_t i = 0; ev && i < ARRAY_SIZE(ui_explain_table); i++)
		if (ui_explain_table[i].ev == ev)
			return ui_explain_table[i].text;
	return NULL;
}

/*
 * A note is explained by the function it sits in, when that is traced:
 * a note's site knows that function only by its C name (__func__), so
 * its declaration is found by that name.
 */
const char *
ui_explain(const struct trace_rec *ev)
{
	const char *text = ui_explain_desc(trace_rec_desc(ev));

	if (!text && ev->kind == TRACE_NOTE && ev->site)
		text = ui_explain_desc(trace_event_find(ev->site->func, false));
	return text;
}
